#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates po/nianbao.pot from po/POTFILES.in and merges it into
# po/zh_CN.po, taking translations from po/parts/*.po fragments if any
# (helpers working in parallel each wrote one), then reports what is
# left untranslated.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build nianbao-pot >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp po/zh_CN.po "$tmp/all.po"
if compgen -G "po/parts/*.po" >/dev/null; then
  for f in po/parts/*.po; do
    { printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'; cat "$f"; } > "$tmp/part.po"
    msgcat --use-first -o "$tmp/all2.po" "$tmp/all.po" "$tmp/part.po"
    mv "$tmp/all2.po" "$tmp/all.po"
  done
fi
msgmerge --quiet --no-fuzzy-matching --no-wrap -o po/zh_CN.po "$tmp/all.po" po/nianbao.pot
msgattrib --no-obsolete --no-wrap -o po/zh_CN.po po/zh_CN.po
msgfmt --check --statistics -o /dev/null po/zh_CN.po
