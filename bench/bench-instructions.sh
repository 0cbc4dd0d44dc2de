#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Instructions one fresh `nianbao-cli export -o x.pdf` of the fixture
# executes, counted by valgrind's callgrind: unlike a time, the same on a
# machine busy with other work, so two builds compare in one run each.
# Prints the total and where the PDF's share goes (inclusive counts; the
# subsetting runs in threads, the font matching in Pango's; the figures
# overlap: FT_Load_Glyph, say, is inside the layout and the drawing).
#   bench/bench-instructions.sh [CLI]   (default: build/src/cli/nianbao-cli)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 77; }
cli="${1:-}"
if [ -z "$cli" ]; then
  [ -f build/build.ninja ] || meson setup build >/dev/null
  ninja -C build src/cli/nianbao-cli >/dev/null
  cli=./build/src/cli/nianbao-cli
fi
fixture=tests/fixtures/wenxian-transport-2020.nianbao
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" \
  "$cli" export "$fixture" -o "$tmp/x.pdf" >/dev/null 2>"$tmp/log"
total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/log")
printf 'fresh PDF export of the fixture: %.1fM instructions\n' "$(awk -v n="$total" 'BEGIN { print n / 1e6 }')"
callgrind_annotate --inclusive=yes --threshold=100 "$tmp/cg" 2>/dev/null | awk '
  BEGIN {
    split("_dl_start nb_cli_load nb_check_report FcInit nb_page_layout_paginate pango_font_get_metrics " \
          "FcFontSetSort nb_font_subsetter_prepare subset_face nb_page_layout_draw_page cairo_show_page " \
          "cairo_surface_finish FT_Load_Glyph", want, " ")
    for (i in want) wanted[want[i]] = i
  }
  /^ *[0-9,]+ +\( *[0-9.]+%\)/ {
    name = $0; sub(/^[^)]*\) +/, "", name); sub(/ .*$/, "", name); sub(/^.*:/, "", name)
    if ((name in wanted) && !(name in seen)) { seen[name] = 1; n = $1; gsub(",", "", n); v[wanted[name]] = name " " n }
  }
  END {
    for (i = 1; i <= length(want); i++)
      if (v[i] != "") { split(v[i], f, " "); printf "  %-26s %8.1fM\n", f[1], f[2] / 1e6 }
  }'
