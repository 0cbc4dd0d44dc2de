#!/usr/bin/env bash
# Exports a .nianbao document as PDF and renders every page as PNG, so a
# person can look at the pages without printing them.
#
#   tools/pdf-pages.sh IN.nianbao OUTDIR [DPI]
#
# Writes OUTDIR/report.pdf and OUTDIR/page-N.png (DPI defaults to 50).
# Uses the helper of the build tree: $NB_BUILD_DIR (default: the first of
# build-pdf, build that has it). Needs pdftoppm (poppler-utils).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 IN.nianbao OUTDIR [DPI]" >&2
  exit 2
fi
in="$1"
out="$2"
dpi="${3:-50}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

tool=""
for dir in ${NB_BUILD_DIR:-} "$here/build-pdf" "$here/build"; do
  if [ -x "$dir/tests/export/nb-pdf-export-tool" ]; then
    tool="$dir/tests/export/nb-pdf-export-tool"
    break
  fi
done
if [ -z "$tool" ]; then
  echo "$0: nb-pdf-export-tool not found; build first (ninja -C build-pdf)" >&2
  exit 2
fi
if ! command -v pdftoppm >/dev/null; then
  echo "$0: pdftoppm not found (install poppler-utils)" >&2
  exit 2
fi

mkdir -p "$out"
pages="$("$tool" "$in" "$out/report.pdf")"
rm -f "$out"/page-*.png
pdftoppm -png -r "$dpi" "$out/report.pdf" "$out/page"
echo "$out/report.pdf: $pages pages"
ls "$out"/page-*.png
