#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `meson install` into a temporary DESTDIR puts everything a desktop needs in
# place, the files validate, and with only that prefix's XDG data (MIME
# database, desktop database, schemas) a double-click on a .nianbao file —
# `gio open FILE`, and `gio launch` of our desktop file — starts the
# installed nianbao with that file (seen as a window titled with the report's
# agency, whose process is the installed binary).
#
#   test-install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail

build="$(cd "$1" && pwd)"
src="$(cd "$2" && pwd)"
app_id=org.nianbao.Nianbao

fail() { echo "not ok: $*" >&2; exit 1; }
step() { echo "# $*"; }
need() { command -v "$1" >/dev/null || { echo "skip: $1 is not installed"; exit 77; }; }
for t in desktop-file-validate appstreamcli update-mime-database update-desktop-database \
         glib-compile-schemas gio xvfb-run xdotool dbus-run-session; do need "$t"; done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nb-install-XXXXXX")"
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

step "meson install --destdir"
meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/root" >/dev/null
prefix="$(meson introspect "$build" --buildoptions | python3 -c \
  'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')"
p="$tmp/root$prefix"

for f in bin/nianbao bin/nianbao-cli \
         share/applications/$app_id.desktop share/metainfo/$app_id.metainfo.xml \
         share/icons/hicolor/scalable/apps/$app_id.svg \
         share/glib-2.0/schemas/$app_id.gschema.xml share/mime/packages/$app_id.xml \
         share/locale/zh_CN/LC_MESSAGES/nianbao.mo; do
  [ -s "$p/$f" ] || fail "meson install did not put $f in place"
done
[ -x "$p/bin/nianbao" ] || fail "bin/nianbao is not executable"

step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$p/share/applications/$app_id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net --explain "$p/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"

step "the installed translations translate"
zh="$(TEXTDOMAINDIR="$p/share/locale" LANGUAGE=zh_CN LC_ALL=C.UTF-8 gettext -d nianbao "Annual Report")"
[ "$zh" != "Annual Report" ] || fail "share/locale/zh_CN/LC_MESSAGES/nianbao.mo does not translate “Annual Report”"

step "the prefix's databases (what the package's triggers do)"
glib-compile-schemas --strict "$p/share/glib-2.0/schemas"
update-mime-database "$p/share/mime"
update-desktop-database "$p/share/applications"

# Only this prefix and the system's own data; nobody's mimeapps.list.
mkdir -p "$tmp/home" "$tmp/data-home" "$tmp/config-home" "$tmp/config-dirs" "$tmp/docs"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data-home" XDG_CONFIG_HOME="$tmp/config-home"
export XDG_CONFIG_DIRS="$tmp/config-dirs" XDG_DATA_DIRS="$p/share:/usr/share"
export PATH="$p/bin:$PATH" GSETTINGS_BACKEND=memory NB_NON_UNIQUE=1
unset GSETTINGS_SCHEMA_DIR NB_LOCALEDIR GIO_LAUNCHED_DESKTOP_FILE

doc="$tmp/docs/年报 安装测试.nianbao"
cp "$src/tests/fixtures/wenxian-transport-2020.nianbao" "$doc"

step "gio: the file's type and its default application"
type="$(gio info -a standard::content-type "$doc" | sed -n 's/^ *standard::content-type: //p')"
[ "$type" = application/x-nianbao ] || fail "content type of a .nianbao file is “$type”"
mime="$(gio mime application/x-nianbao)"
echo "$mime" | sed 's/^/#   /'
echo "$mime" | grep -q "^Default application for .*: $app_id.desktop$" \
  || fail "gio mime application/x-nianbao does not name $app_id.desktop as its default"

# The launched program runs in its own X server and session bus; it is found
# by its window title (the report's agency: the file was opened) and must be
# the installed binary.
cat > "$tmp/launch.sh" <<'EOF'
#!/usr/bin/env bash
set -u
how="$1" doc="$2" want_exe="$3"
case "$how" in
  open) gio open "$doc" ;;
  launch) gio launch "$4" "$doc" ;;
esac || { echo "not ok: gio $how failed" >&2; exit 1; }
win="$(timeout 40 xdotool search --sync --onlyvisible --name '温县交通运输局' | head -1)"
[ -n "$win" ] || { echo "not ok: no window titled with the report's agency after gio $how" >&2; exit 1; }
pid="$(xdotool getwindowpid "$win")"
exe="$(readlink -f "/proc/$pid/exe")"
name="$(xdotool getwindowname "$win")"
kill "$pid"
echo "#   window “$name”, process $pid: $exe"
[ "$exe" = "$(readlink -f "$want_exe")" ] || { echo "not ok: the window belongs to $exe, not $want_exe" >&2; exit 1; }
EOF
for how in open launch; do
  step "gio $how “$(basename "$doc")” under Xvfb"
  LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN timeout 90 \
    xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- \
    bash "$tmp/launch.sh" "$how" "$doc" "$p/bin/nianbao" "$p/share/applications/$app_id.desktop" \
    || fail "gio $how did not start the installed nianbao with the file"
done
echo "ok: installed, validated, associated and opened by double-click"
