#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build the Debian package, check it with lintian, install it on this machine
# (apt-get install ./nianbao_*.deb), start the installed programs — the CLI
# exports a PDF, and a double-click on a .nianbao file (`gio open`, through
# the system's MIME and desktop databases the package's triggers updated)
# opens a window titled with the report's agency under Xvfb — and remove the
# package again. Needs root (apt-get) and a few minutes: not part of every CI
# run (see README).
#
#   tools/deb-test.sh [--keep]     --keep: leave the package installed
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep=0; [ "${1:-}" = --keep ] && keep=1
out="${NB_DEB_OUT:-$here/dist/deb}"
work="$(mktemp -d "${TMPDIR:-/tmp}/nb-deb-XXXXXX")"
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "not ok: $*" >&2; exit 1; }

version="$(dpkg-parsechangelog -l "$here/debian/changelog" -S Version)"
echo "# building nianbao $version from a copy of the tree"
mkdir -p "$work/nianbao-$version" "$out"
(cd "$here" && git ls-files -co --exclude-standard -z | grep -zv '^dist/' \
   | xargs -0 cp --parents -t "$work/nianbao-$version")
(cd "$work/nianbao-$version" && nice -n 19 dpkg-buildpackage -us -uc -b -j2) > "$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log"; fail "dpkg-buildpackage"; }
deb="$(ls "$work"/nianbao_"$version"_*.deb)"
rm -f "$out"/nianbao*_"$version"_*
cp "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes "$out/"
deb="$out/$(basename "$deb")"
echo "# built $deb ($(du -h "$deb" | cut -f1))"

echo "# lintian"
lintian --info "$out"/nianbao_"$version"_*.changes | tee "$out/lintian.txt" || true
grep -q '^E: ' "$out/lintian.txt" && fail "lintian reports errors"

echo "# apt-get install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" > "$work/install.log" 2>&1 \
  || { tail -20 "$work/install.log"; fail "apt-get install"; }
remove() { [ "$keep" = 1 ] || DEBIAN_FRONTEND=noninteractive apt-get remove -y nianbao > /dev/null 2>&1 || true; }
trap 'remove; cleanup' EXIT

for f in /usr/bin/nianbao /usr/bin/nianbao-cli /usr/share/applications/org.nianbao.Nianbao.desktop \
         /usr/share/locale/zh_CN/LC_MESSAGES/nianbao.mo /usr/share/glib-2.0/schemas/org.nianbao.Nianbao.gschema.xml; do
  dpkg -S "$f" >/dev/null 2>&1 || fail "$f is not in the package"
done

echo "# the installed nianbao-cli exports the fixture to PDF"
mkdir -p "$work/文档"
doc="$work/文档/温县 2020.nianbao"
cp "$here/tests/fixtures/wenxian-transport-2020.nianbao" "$doc"
/usr/bin/nianbao-cli export "$doc" -o "$work/文档/报告.pdf" || fail "nianbao-cli export"
head -c 5 "$work/文档/报告.pdf" | grep -q '%PDF-' || fail "no PDF written"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN /usr/bin/nianbao-cli check "$doc" > "$work/check.txt" || true
LC_ALL=C.UTF-8 grep -qP '[\x{4e00}-\x{9fff}]' "$work/check.txt" || fail "nianbao-cli check does not speak Chinese under zh_CN (translations)"

echo "# a double-click (gio open) on the file starts the installed nianbao"
type="$(gio info -a standard::content-type "$doc" | sed -n 's/^ *standard::content-type: //p')"
[ "$type" = application/x-nianbao ] || fail "the system's MIME database says $type"
gio mime application/x-nianbao | grep -q 'org.nianbao.Nianbao.desktop' || fail "gio mime does not list our desktop file"
cat > "$work/open.sh" <<'EOF'
set -u
gio open "$1" || exit 1
win="$(timeout 40 xdotool search --sync --onlyvisible --name '温县交通运输局' | head -1)"
[ -n "$win" ] || { echo "not ok: no window for the file" >&2; exit 1; }
pid="$(xdotool getwindowpid "$win")"
exe="$(readlink -f /proc/$pid/exe)"
echo "#   window “$(xdotool getwindowname "$win")”, process $pid: $exe"
import -window root "$2" 2>/dev/null || true
kill "$pid"
[ "$exe" = /usr/bin/nianbao ] || { echo "not ok: window of $exe" >&2; exit 1; }
EOF
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GSETTINGS_BACKEND=memory \
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN NB_NON_UNIQUE=1 \
  timeout 90 xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- \
  bash "$work/open.sh" "$doc" "$out/installed-window.png" || fail "gio open"
echo "ok: nianbao $version built, installed, started (screenshot: $out/installed-window.png)"
