#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Importing large web pages, and checking 1,000 published reports at once
# (goal < 10 s): copies of the text fixture and the test web pages.
set -euo pipefail
cd "$(dirname "$0")/.."
ninja -C build bench/bench-import src/cli/nianbao-cli >/dev/null
./build/bench/bench-import tests/fixtures/import/qingtian-market-2023.html 20
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for i in $(seq -w 1 700); do cp tests/fixtures/wenxian-transport-2020.txt "$dir/report-$i.txt"; done
for i in $(seq -w 1 300); do cp tests/fixtures/import/qingtian-market-2023.html "$dir/page-$i.html"; done
# Wall and CPU time (on a shared machine the wall time mostly measures the others).
TIMEFORMAT='%R s wall, %U s user + %S s system'
echo "import --check of 1000 reports (700 text, 300 web pages), goal < 10 s:"
time ./build/src/cli/nianbao-cli import --check "$dir" >"$dir/out.log" || true
tail -1 "$dir/out.log"
