#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Export speed of the fixture's report: in process (bench-export: first,
# cold run and the median of N warm runs, default 20, as the window does),
# and as a fresh nianbao-cli process (median of N, start-up and font loading
# included); beside them what a user would do otherwise — LibreOffice
# converting our xlsx to PDF (median of 3, warm profile). Prints the ratios;
# the goal is our PDF ≥ 50× faster.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${BENCH_EXPORT_RUNS:-20}"
lo_runs="${BENCH_LO_RUNS:-3}"
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build src/cli/nianbao-cli bench/bench-export >/dev/null
cli=./build/src/cli/nianbao-cli
fixture=tests/fixtures/wenxian-transport-2020.nianbao
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# median_ms CMD... : runs CMD $n times, prints the median wall time in ms.
median_ms() {
  local n="$1"; shift
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=( $(( (t1 - t0) / 1000 )) )
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f\n", m / 1000}'
}

./build/bench/bench-export "$fixture" "$tmp" "$runs" | tee "$tmp/inproc.txt"
warm_pdf_ms=$(awk '/^PDF/ { print $(NF-1) }' "$tmp/inproc.txt")

pdf_ms=$(median_ms "$runs" "$cli" export "$fixture" -o "$tmp/report.pdf")
xlsx_ms=$(median_ms "$runs" "$cli" export "$fixture" -o "$tmp/report.xlsx")
printf 'export PDF  (nianbao-cli process, median of %d): %8.1f ms\n' "$runs" "$pdf_ms"
printf 'export xlsx (nianbao-cli process, median of %d): %8.1f ms\n' "$runs" "$xlsx_ms"

lo="$(command -v libreoffice || command -v soffice || true)"
if [ -z "$lo" ]; then
  echo "LibreOffice not installed: no comparison"
  exit 0
fi
profile="file://$tmp/lo-profile"
# First start creates the profile; not counted.
"$lo" -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/report.xlsx" >/dev/null 2>&1 || true
lo_ms=$(median_ms "$lo_runs" "$lo" -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/report.xlsx")
printf 'LibreOffice xlsx → PDF (median of %d):  %8.1f ms\n' "$lo_runs" "$lo_ms"
awk -v a="$lo_ms" -v b="$warm_pdf_ms" -v c="$pdf_ms" 'BEGIN {
  printf "our PDF, in the window (warm): %.0f× faster than LibreOffice converting our xlsx (goal: ≥ 50×)\n", a / b
  printf "our PDF, a fresh nianbao-cli:  %.0f× faster (start-up and loading the CJK fonts included)\n", a / c }'
