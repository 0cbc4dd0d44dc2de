#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Export speed of the fixture's report: in process (bench-export: first,
# cold run and the median of N warm runs, default 20, as the window does),
# and as a fresh nianbao-cli process (median of N, start-up and font loading
# included); beside them what a user would do otherwise — LibreOffice
# converting our xlsx to PDF (median of 3, warm profile), and python3-xlsxwriter
# writing the same workbook in process. Prints each figure with its anchor and
# ratio (goals: a fresh PDF ≥ 25× and a warm one ≥ 80× faster than
# LibreOffice; PDF ≤ 200 KB; CLI peak RSS ≤ 60 MB; time linear in pages;
# xlsx ≥ 10× faster than python3-xlsxwriter).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${BENCH_EXPORT_RUNS:-20}"
lo_runs="${BENCH_LO_RUNS:-3}"
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build src/cli/nianbao-cli bench/bench-export >/dev/null
cli=./build/src/cli/nianbao-cli
fixture=tests/fixtures/wenxian-transport-2020.nianbao
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# median_ms CMD... : runs CMD $n times, prints the median wall time in ms.
median_ms() {
  local n="$1"; shift
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=( $(( (t1 - t0) / 1000 )) )
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f\n", m / 1000}'
}

./build/bench/bench-export "$fixture" "$tmp" "$runs" | tee "$tmp/inproc.txt"
warm_pdf_ms=$(awk '/^PDF/ { print $(NF-1) }' "$tmp/inproc.txt")

warm_xlsx_ms=$(awk '/^xlsx/ { print $(NF-1) }' "$tmp/inproc.txt")
pdf_ms=$(median_ms "$runs" "$cli" export "$fixture" -o "$tmp/report.pdf")
xlsx_ms=$(median_ms "$runs" "$cli" export "$fixture" -o "$tmp/report.xlsx")
printf 'export PDF  (nianbao-cli process, median of %d): %8.1f ms\n' "$runs" "$pdf_ms"
printf 'export xlsx (nianbao-cli process, median of %d): %8.1f ms\n' "$runs" "$xlsx_ms"

# Size and memory of the fixture's PDF, as a clerk's export makes it.
/usr/bin/time -f "%M" -o "$tmp/rss" "$cli" export "$fixture" -o "$tmp/report.pdf" >/dev/null 2>&1
pdf_kb=$(( $(stat -c %s "$tmp/report.pdf") / 1024 ))
rss_mb=$(awk '{ printf "%.1f", $1 / 1024 }' "$tmp/rss")
printf 'PDF of the fixture: %d KB (goal ≤ 200 KB); nianbao-cli export peak RSS %s MB (goal ≤ 60 MB)\n' "$pdf_kb" "$rss_mb"

# Linear in pages: the same report with an overview twenty times as long.
if command -v pdfinfo >/dev/null; then
  long="$tmp/long.nianbao"
  "$cli" get "$fixture" text/overview > "$tmp/overview.txt"
  for _ in $(seq 20); do cat "$tmp/overview.txt"; echo; done > "$tmp/long-overview.txt"
  cp "$fixture" "$long"
  "$cli" set "$long" text/overview=@"$tmp/long-overview.txt" >/dev/null
  long_ms=$(median_ms 5 "$cli" export "$long" -o "$tmp/long.pdf")
  short_pages=$(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/ { print $2 }')
  long_pages=$(pdfinfo "$tmp/long.pdf" | awk '/^Pages:/ { print $2 }')
  awk -v a="$pdf_ms" -v b="$long_ms" -v p="$short_pages" -v q="$long_pages" 'BEGIN {
    printf "PDF: %d pages %.1f ms, %d pages %.1f ms: %.2f ms a page beyond the first %d\n", p, a, q, b, (b - a) / (q - p), p }'
fi

# The workbook beside python3-xlsxwriter writing the same workbook in process.
if /usr/bin/python3 -c 'import xlsxwriter, openpyxl' 2>/dev/null; then
  py_ms=$(/usr/bin/python3 bench/xlsx-python.py "$tmp/report.xlsx" "$tmp" "$runs")
  awk -v a="$py_ms" -v b="$warm_xlsx_ms" 'BEGIN {
    printf "xlsx in process: ours %.1f ms, python3-xlsxwriter %.1f ms: %.1f× faster (goal ≥ 10×)\n", b, a, a / b }'
else
  echo "python3-xlsxwriter or openpyxl missing: no workbook comparison"
fi

lo="$(command -v libreoffice || command -v soffice || true)"
if [ -z "$lo" ]; then
  echo "LibreOffice not installed: no comparison"
  exit 0
fi
profile="file://$tmp/lo-profile"
# First start creates the profile; not counted.
"$lo" -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/report.xlsx" >/dev/null 2>&1 || true
lo_ms=$(median_ms "$lo_runs" "$lo" -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/report.xlsx")
printf 'LibreOffice xlsx → PDF (median of %d):  %8.1f ms\n' "$lo_runs" "$lo_ms"
awk -v a="$lo_ms" -v b="$warm_pdf_ms" -v c="$pdf_ms" 'BEGIN {
  printf "our PDF, in the window (warm): %.0f× faster than LibreOffice converting our xlsx (goal ≥ 80×)\n", a / b
  printf "our PDF, a fresh nianbao-cli:  %.0f× faster (start-up and loading the CJK fonts included; goal ≥ 25×)\n", a / c }'
