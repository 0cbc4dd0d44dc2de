#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Export speed of the fixture's report beside what a user would do otherwise,
# in interleaved rounds (so that a machine busy with other work slows anchor
# and ours alike); each figure is the median of the per-round figures, each
# ratio the median of the per-round ratios. A round:
#  - LibreOffice converting our xlsx to PDF (warm profile, once);
#  - a fresh `nianbao-cli export -o x.pdf` (median of BENCH_FRESH_RUNS, 5);
#  - in process (bench-export): PDF and xlsx, the median of BENCH_EXPORT_RUNS
#    (20) warm runs each, as when the window exports again;
#  - python3-xlsxwriter writing the same workbook in process, warm (median
#    of as many runs).
# Then once: the PDF's size, the CLI's peak RSS, the time a page.
# Goals (issue 14): fresh PDF ≥ 25× and warm ≥ 80× faster than LibreOffice;
# PDF ≤ 200 KB; CLI peak RSS ≤ 60 MB; linear in pages; xlsx ≥ 10× faster
# than python3-xlsxwriter.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${BENCH_ROUNDS:-5}"
runs="${BENCH_EXPORT_RUNS:-20}"
fresh_runs="${BENCH_FRESH_RUNS:-5}"
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build src/cli/nianbao-cli bench/bench-export >/dev/null
cli=./build/src/cli/nianbao-cli
fixture=tests/fixtures/wenxian-transport-2020.nianbao
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

now_us() { echo $(( $(date +%s%N) / 1000 )); }

# median VALUES… : the median of the numbers given.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
    printf "%.2f\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# once_ms CMD… : wall time of one run in ms.
once_ms() {
  local t0 t1
  t0=$(now_us)
  "$@" >/dev/null 2>&1 || true
  t1=$(now_us)
  awk -v d=$(( t1 - t0 )) 'BEGIN { printf "%.2f\n", d / 1000 }'
}

# median_ms N CMD… : the median wall time of N runs in ms.
median_ms() {
  local n="$1"; shift
  local times=()
  for _ in $(seq "$n"); do times+=( "$(once_ms "$@")" ); done
  median "${times[@]}"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", (b > 0) ? a / b : 0 }'; }

printf 'machine: %s cores, load average %s (at the start)\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
# A clerk's desktop session has a runtime folder on a tmpfs, where the
# workbook writer assembles its parts (nb_xlsx_scratch_dir); a shell
# without one (CI, ssh) gets one here, and says so.
if [ -z "${XDG_RUNTIME_DIR:-}" ] && [ -d /dev/shm ]; then
  XDG_RUNTIME_DIR="$(mktemp -d /dev/shm/nb-bench-runtime.XXXXXX)"
  export XDG_RUNTIME_DIR
  trap 'rm -rf "$tmp" "$XDG_RUNTIME_DIR"' EXIT
  echo "XDG_RUNTIME_DIR was unset: a desktop session's runtime folder made at $XDG_RUNTIME_DIR (tmpfs)"
fi

"$cli" export "$fixture" -o "$tmp/report.xlsx" >/dev/null 2>&1 || true
lo="$(command -v libreoffice || command -v soffice || true)"
profile="file://$tmp/lo-profile"
if [ -n "$lo" ]; then
  # The first start creates the profile: not counted.
  "$lo" -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/report.xlsx" >/dev/null 2>&1 || true
fi
have_python=0
/usr/bin/python3 -c 'import xlsxwriter, openpyxl' 2>/dev/null && have_python=1

lo_t=(); fresh_t=(); warm_t=(); xlsx_t=(); py_t=()
r_fresh=(); r_warm=(); r_xlsx=()
for round in $(seq "$rounds"); do
  lo_ms=nan py_ms=nan
  if [ -n "$lo" ]; then
    lo_ms=$(once_ms "$lo" -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/report.xlsx")
    lo_t+=( "$lo_ms" )
  fi
  fresh_ms=$(median_ms "$fresh_runs" "$cli" export "$fixture" -o "$tmp/report.pdf")
  ./build/bench/bench-export "$fixture" "$tmp" "$runs" > "$tmp/inproc.txt"
  warm_ms=$(awk '/^PDF/ { print $(NF-1) }' "$tmp/inproc.txt")
  xlsx_ms=$(awk '/^xlsx/ { print $(NF-1) }' "$tmp/inproc.txt")
  if [ "$have_python" = 1 ]; then
    py_ms=$(/usr/bin/python3 bench/xlsx-python.py "$tmp/report.xlsx" "$tmp" "$runs")
    py_t+=( "$py_ms" ); r_xlsx+=( "$(ratio "$py_ms" "$xlsx_ms")" )
  fi
  fresh_t+=( "$fresh_ms" ); warm_t+=( "$warm_ms" ); xlsx_t+=( "$xlsx_ms" )
  if [ -n "$lo" ]; then
    r_fresh+=( "$(ratio "$lo_ms" "$fresh_ms")" ); r_warm+=( "$(ratio "$lo_ms" "$warm_ms")" )
  fi
  printf 'round %d: LibreOffice %s ms | PDF fresh %s ms, warm %s ms | xlsx ours %s ms, python3-xlsxwriter %s ms\n' \
    "$round" "$lo_ms" "$fresh_ms" "$warm_ms" "$xlsx_ms" "$py_ms"
done

echo
printf 'PDF, a fresh nianbao-cli export (start-up and loading the CJK fonts included): %8.1f ms\n' "$(median "${fresh_t[@]}")"
printf 'PDF, in process, warm (the window exporting again):                            %8.1f ms\n' "$(median "${warm_t[@]}")"
if [ -n "$lo" ]; then
  printf 'LibreOffice converting our xlsx to PDF:                                        %8.1f ms\n' "$(median "${lo_t[@]}")"
  printf 'fresh PDF: %s× faster than LibreOffice (goal ≥ 25×)\n' "$(median "${r_fresh[@]}")"
  printf 'warm PDF:  %s× faster than LibreOffice (goal ≥ 80×)\n' "$(median "${r_warm[@]}")"
else
  echo "LibreOffice not installed: no PDF ratios"
fi
if [ "$have_python" = 1 ]; then
  printf 'xlsx in process, warm: ours %s ms (verified before the rename, fsync included), python3-xlsxwriter %s ms: %s× (goal ≥ 10×)\n' \
    "$(median "${xlsx_t[@]}")" "$(median "${py_t[@]}")" "$(median "${r_xlsx[@]}")"
else
  echo "python3-xlsxwriter or openpyxl missing: no workbook comparison"
fi

# Size and memory of the fixture's PDF, as a clerk's export makes it.
/usr/bin/time -f "%M" -o "$tmp/rss" "$cli" export "$fixture" -o "$tmp/report.pdf" >/dev/null 2>&1 || true
pdf_kb=$(( $(stat -c %s "$tmp/report.pdf") / 1024 ))
rss_mb=$(awk '{ printf "%.1f", $1 / 1024 }' "$tmp/rss")
printf 'PDF of the fixture: %d KB (goal ≤ 200 KB); nianbao-cli export peak RSS %s MB (goal ≤ 60 MB)\n' "$pdf_kb" "$rss_mb"

# Linear in pages: the same report with an overview twenty times as long,
# interleaved with the short one.
if command -v pdfinfo >/dev/null; then
  long="$tmp/long.nianbao"
  "$cli" get "$fixture" text/overview > "$tmp/overview.txt"
  for _ in $(seq 20); do cat "$tmp/overview.txt"; echo; done > "$tmp/long-overview.txt"
  cp "$fixture" "$long"
  "$cli" set "$long" text/overview=@"$tmp/long-overview.txt" >/dev/null
  short_t=(); long_t=()
  for _ in $(seq 5); do
    short_t+=( "$(once_ms "$cli" export "$fixture" -o "$tmp/report.pdf")" )
    long_t+=( "$(once_ms "$cli" export "$long" -o "$tmp/long.pdf")" )
  done
  short_pages=$(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/ { print $2 }')
  long_pages=$(pdfinfo "$tmp/long.pdf" | awk '/^Pages:/ { print $2 }')
  awk -v a="$(median "${short_t[@]}")" -v b="$(median "${long_t[@]}")" -v p="$short_pages" -v q="$long_pages" 'BEGIN {
    printf "PDF: %d pages %.1f ms, %d pages %.1f ms: %.2f ms a page beyond the first %d\n", p, a, q, b, (b - a) / (q - p), p }'
fi
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
