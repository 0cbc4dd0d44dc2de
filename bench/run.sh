#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Medians of many runs: checking a full report after one edit, loading and
# saving a document. Usage: bench/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build bench/bench-core >/dev/null
./build/bench/bench-core tests/fixtures/wenxian-transport-2020.nianbao "${1:-500}"
for s in bench/bench-*.sh; do
  [ -x "$s" ] && "$s"
done
exit 0
