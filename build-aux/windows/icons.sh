#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Icons for the Windows bundle, loadable without an SVG loader (the bundle has
# none): Adwaita's pre-rendered symbolic PNGs (the header bar, GTK's dialogs),
# the application icon as PNGs in hicolor, and nianbao.ico (installer, file
# association).   icons.sh SOURCE_ROOT DEST/share/icons
set -euo pipefail
src="$1" dest="$2"
adw=/usr/share/icons/Adwaita
[ -f "$adw/index.theme" ] || { echo "icons.sh: install adwaita-icon-theme" >&2; exit 1; }
mkdir -p "$dest/Adwaita" "$dest/hicolor"
cp "$adw/index.theme" "$dest/Adwaita/"
for size in 16x16 24x24 32x32 48x48; do
  (cd "$adw" && find "$size" -name '*.symbolic.png' -print0 | xargs -0 cp --parents -t "$dest/Adwaita")
done
cp /usr/share/icons/hicolor/index.theme "$dest/hicolor/"
pngs=()
for s in 16 24 32 48 64 128 256; do
  mkdir -p "$dest/hicolor/${s}x${s}/apps"
  rsvg-convert -w $s -h $s "$src/data/icons/org.nianbao.Nianbao.svg" -o "$dest/hicolor/${s}x${s}/apps/org.nianbao.Nianbao.png"
  pngs+=("$dest/hicolor/${s}x${s}/apps/org.nianbao.Nianbao.png")
done
python3 "$src/build-aux/windows/make-ico.py" "$dest/nianbao.ico" "${pngs[@]}"
