#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts the cross-built Windows bundle (build-aux/windows/build.sh bundle)
# under Xvfb + Wine on a report, in a Chinese Windows locale, and writes a PNG
# of each tab and of the print preview.
#   tools/wine-screenshots.sh [REPORT.nianbao] [OUTDIR]
# Defaults: the fixture report, ./screenshots-wine. The Wine prefix is the
# build script's (NB_WIN_CACHE/wine), which has a CJK font in C:\windows\Fonts.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="${1:-$here/tests/fixtures/wenxian-transport-2020.nianbao}"
out="${2:-$PWD/screenshots-wine}"
bundle="${NB_WIN_BUNDLE:-$here/dist/nianbao-win64}"
export WINEPREFIX="${NB_WIN_CACHE:-$HOME/.cache/nianbao-win}/wine" WINEDEBUG=-all
[ -x "$bundle/bin/nianbao.exe" ] || { echo "no $bundle/bin/nianbao.exe: run build-aux/windows/build.sh" >&2; exit 2; }
for tool in Xvfb xdotool import wine; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
mkdir -p "$out"

display=":$((190 + RANDOM % 100))"
Xvfb "$display" -screen 0 1400x1000x24 >/dev/null 2>&1 &
xvfb=$!
tmp="$(mktemp -d)"
cleanup() { kill "${app:-}" 2>/dev/null || true; wineserver -k 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
sleep 1

# A Chinese file name in a Chinese folder, as a clerk has them.
mkdir -p "$tmp/年报"
cp "$report" "$tmp/年报/温县 2020.nianbao"
export DISPLAY="$display" LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
unset LANGUAGE NB_LOCALEDIR GSETTINGS_SCHEMA_DIR
export NB_NON_UNIQUE=1 GSETTINGS_BACKEND=memory
wine "$bundle/bin/nianbao.exe" "Z:$(printf '%s' "$tmp/年报/温县 2020.nianbao" | tr / '\\')" > "$out/wine.log" 2>&1 &
app=$!

win=
for _ in $(seq 120); do
  win="$(xdotool search --onlyvisible --name '温县交通运输局' 2>/dev/null | head -1 || true)"
  [ -n "$win" ] && break
  sleep 0.5
done
[ -n "$win" ] || { import -window root "$out/no-window.png"; cat "$out/wine.log" >&2; echo "the window did not appear" >&2; exit 1; }
xdotool windowsize "$win" 1400 1000 windowmove "$win" 0 0 windowactivate --sync "$win" 2>/dev/null || true
sleep 3

# Wine's windows take no synthetic (XSendEvent) keys, as `xdotool key
# --window` sends: real input (XTEST) instead, each tab clicked where the
# tab strip puts it (the window at 0,0), the preview from the main menu
# (☰, its 12th row).
tabs=(49 170 295 430 565 703 836)
names=(0-details 1-overview 2-active 3-requests 4-review 5-problems 6-other)
for i in "${!names[@]}"; do
  xdotool mousemove --window "$win" "${tabs[$i]}" 70 click 1
  sleep 1.5
  import -window root "$out/${names[$i]}.png"
done
xdotool mousemove --window "$win" 1044 26 click 1
sleep 1.5
xdotool mousemove --window "$win" 985 358 click 1
sleep 6
import -window root "$out/7-print-preview.png"
echo "wrote $(( ${#names[@]} + 1 )) screenshots to $out (log: $out/wine.log)"
