#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Windows installer under Wine, in a throwaway Wine prefix: a silent
# install (/S) puts the program, the Start-menu entry and the desktop icon in
# place and associates .nianbao; a double-click on a Chinese-named .nianbao
# file (`wine start FILE`, what Explorer does) opens the installed nianbao
# with it (its window, under Xvfb); the uninstaller removes all of that.
#   tools/wine-installer-test.sh [SETUP.exe]     (default: dist/nianbao-*-win64-setup.exe)
#   NB_NO_WINDOW=1: skip the window check (e.g. an installer of a bundle without GTK)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
setup="${1:-$(ls "$here"/dist/nianbao-*-win64-setup.exe 2>/dev/null | sort -V | tail -1)}"
[ -f "$setup" ] || { echo "no installer: run build-aux/windows/build.sh bundle installer" >&2; exit 2; }
export WINEPREFIX="$(mktemp -d "${TMPDIR:-/tmp}/nb-wine-inst-XXXXXX")" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
xvfb=
cleanup() { wineserver -k 2>/dev/null || true; [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; rm -rf "$WINEPREFIX"; }
trap cleanup EXIT
fail() { echo "not ok: $*" >&2; exit 1; }
reg() { wine reg query "$1" 2>/dev/null | tr -d '\r'; }
c="$WINEPREFIX/drive_c"
app="政府信息公开年报"

echo "# silent install of $(basename "$setup")"
wineboot -i >/dev/null 2>&1 || true
timeout 300 wine "$setup" /S || fail "the installer failed"
wineserver -w
[ -f "$c/Program Files/nianbao/bin/nianbao.exe" ] || fail "no C:\\Program Files\\nianbao\\bin\\nianbao.exe"
[ -f "$c/Program Files/nianbao/uninstall.exe" ] || fail "no uninstaller"
[ -f "$c/users/Public/Desktop/$app.lnk" ] || fail "no desktop icon"
[ -f "$c/ProgramData/Microsoft/Windows/Start Menu/Programs/$app/$app.lnk" ] || fail "no Start-menu entry"
reg 'HKCR\.nianbao' | grep -q 'nianbao.Report' || fail ".nianbao is not associated"
reg 'HKCR\nianbao.Report\shell\open\command' | grep -qF '"C:\Program Files\nianbao\bin\nianbao.exe" "%1"' \
  || fail "the open command is not the installed nianbao.exe"
reg 'HKCR\nianbao.Report\DefaultIcon' | grep -q 'nianbao.ico' || fail "no icon for .nianbao files"
echo "#   installed; .nianbao → $(reg 'HKCR\nianbao.Report\shell\open\command' | sed -n 's/.*REG_SZ *//p')"

if [ "${NB_NO_WINDOW:-0}" != 1 ]; then
  echo "# double-click (wine start) on a .nianbao file in a Chinese folder"
  display=":$((290 + RANDOM % 100))"
  Xvfb "$display" -screen 0 1400x1000x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
  mkdir -p "$c/users/Public/Documents/年报"
  cp "$here/tests/fixtures/wenxian-transport-2020.nianbao" "$c/users/Public/Documents/年报/温县 2020.nianbao"
  DISPLAY="$display" LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 \
    wine start 'C:\users\Public\Documents\年报\温县 2020.nianbao' >/dev/null 2>&1 &
  win=
  for _ in $(seq 120); do
    win="$(DISPLAY="$display" xdotool search --onlyvisible --name '温县交通运输局' 2>/dev/null | head -1 || true)"
    [ -n "$win" ] && break
    sleep 0.5
  done
  [ -n "$win" ] || fail "no window titled with the report's agency after the double-click"
  echo "#   window “$(DISPLAY="$display" xdotool getwindowname "$win")”"
  sleep 4   # mapped is not yet painted
  DISPLAY="$display" import -window root "$here/dist/wine-installed-window.png" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
fi

echo "# silent uninstall"
timeout 120 wine 'C:\Program Files\nianbao\uninstall.exe' /S || fail "the uninstaller failed"
sleep 3; wineserver -w
[ ! -e "$c/Program Files/nianbao/bin" ] || fail "the program is still there"
[ ! -e "$c/users/Public/Desktop/$app.lnk" ] || fail "the desktop icon is still there"
reg 'HKCR\.nianbao' | grep -q nianbao && fail "the association is still there"
[ "${NB_NO_WINDOW:-0}" = 1 ] && echo "ok: installed, associated, uninstalled (window not checked)" || echo "ok: installed, associated, opened by double-click, uninstalled"
