#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts nianbao under Xvfb on a report, shows each tab and writes a PNG of
# each, so that anyone can look at the window without a desktop.
#   tools/screenshots.sh [REPORT.nianbao] [OUTDIR]
# Defaults: the fixture report, ./screenshots. Chinese interface (zh_CN.UTF-8).
# NB_SCREEN=1366x768 (or 1024x600) takes them on an office laptop's screen.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="${1:-$here/tests/fixtures/wenxian-transport-2020.nianbao}"
out="${2:-$PWD/screenshots}"
build="${NB_BUILD_DIR:-$here/build}"
mkdir -p "$out"
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run build-aux/dev.sh deps" >&2; exit 2; }
done

display=":$((90 + RANDOM % 100))"
screen="${NB_SCREEN:-1400x1000}"
Xvfb "$display" -screen 0 "${screen}x24" >/dev/null 2>&1 &
xvfb=$!
tmp="$(mktemp -d)"
cleanup() { kill "${app:-}" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
sleep 1

export DISPLAY="$display" LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN
export NB_LOCALEDIR="$build/po" GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory
export NB_NON_UNIQUE=1 XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" GTK_A11Y=none
"$build/src/gui/nianbao" "$report" &
app=$!

# Wait for the window, make it fill the screen.
for _ in $(seq 50); do
  win="$(xdotool search --sync --onlyvisible --pid "$app" 2>/dev/null | head -1 || true)"
  [ -n "$win" ] && break
  sleep 0.2
done
[ -n "${win:-}" ] || { echo "the window did not appear" >&2; exit 1; }
xdotool windowsize "$win" "${screen%x*}" "${screen#*x}" windowmove "$win" 0 0 windowactivate --sync "$win" 2>/dev/null || true
sleep 1

# Details is tab 0; Ctrl+Page Up/Down walk the notebook's tabs.
for _ in 1 2 3 4 5 6 7 8; do xdotool key --window "$win" ctrl+Prior; done
sleep 0.3
names=(0-details 1-overview 2-active 3-requests 4-review 5-problems 6-other)
for i in "${!names[@]}"; do
  sleep 0.6
  import -window root "$out/${names[$i]}.png"
  xdotool key --window "$win" ctrl+Next
done
echo "wrote ${#names[@]} screenshots to $out"
