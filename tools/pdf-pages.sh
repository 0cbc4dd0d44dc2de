#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Exports a .nianbao document as PDF and renders every page as PNG, so a
# person can look at the pages without printing them.
#
#   tools/pdf-pages.sh IN.nianbao OUTDIR [DPI]
#
# Writes OUTDIR/report.pdf and OUTDIR/page-N.png (DPI defaults to 50).
# Uses nianbao-cli of the build tree ($NB_BUILD_DIR, default ./build).
# Needs pdftoppm and pdfinfo (poppler-utils).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 IN.nianbao OUTDIR [DPI]" >&2
  exit 2
fi
in="$1"
out="$2"
dpi="${3:-50}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The same export a user runs: nianbao-cli from the build tree.
cli="${NB_BUILD_DIR:-$here/build}/src/cli/nianbao-cli"
if [ ! -x "$cli" ]; then
  echo "$0: $cli not found; build first (build-aux/dev.sh build)" >&2
  exit 2
fi
if ! command -v pdftoppm >/dev/null; then
  echo "$0: pdftoppm not found (install poppler-utils)" >&2
  exit 2
fi

mkdir -p "$out"
# Status 1 only means the report has errors: the PDF is written all the same.
"$cli" export "$in" -o "$out/report.pdf" || [ $? -eq 1 ]
pages="$(pdfinfo "$out/report.pdf" | awk '/^Pages:/ { print $2 }')"
rm -f "$out"/page-*.png
pdftoppm -png -r "$dpi" "$out/report.pdf" "$out/page"
echo "$out/report.pdf: $pages pages"
ls "$out"/page-*.png
