#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates the desktop integration files in DATA_DIR with the desktop's own tools.
set -euo pipefail
data="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cp "$data/org.nianbao.Nianbao.desktop.in" "$tmp/org.nianbao.Nianbao.desktop"
desktop-file-validate "$tmp/org.nianbao.Nianbao.desktop"
echo "desktop file: valid"

if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic "$data/org.nianbao.Nianbao.metainfo.xml" || \
    appstreamcli validate --no-net "$data/org.nianbao.Nianbao.metainfo.xml"
else
  appstream-util validate-relax --nonet "$data/org.nianbao.Nianbao.metainfo.xml"
fi
echo "metainfo: valid"

mkdir "$tmp/schemas"
cp "$data/org.nianbao.Nianbao.gschema.xml" "$tmp/schemas/"
glib-compile-schemas --strict --dry-run "$tmp/schemas"
echo "schema: valid"

xmllint --noout "$data/org.nianbao.Nianbao.mime.xml"
grep -q 'pattern="\*.nianbao"' "$data/org.nianbao.Nianbao.mime.xml"
echo "MIME type: valid"

# The icon is a well-formed SVG that renders.
xmllint --noout "$data/icons/org.nianbao.Nianbao.svg"
if command -v rsvg-convert >/dev/null; then
  rsvg-convert -w 64 "$data/icons/org.nianbao.Nianbao.svg" -o "$tmp/icon.png"
  test -s "$tmp/icon.png"
fi
echo "icon: valid"
