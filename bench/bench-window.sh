#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The window's cost per keystroke (bench-window), under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build bench/bench-window >/dev/null 2>&1 || { echo "bench-window: GUI not built"; exit 0; }
command -v xvfb-run >/dev/null || { echo "bench-window: xvfb-run missing"; exit 0; }
xvfb-run -a -s "-screen 0 1400x1000x24" ./build/bench/bench-window "${BENCH_WINDOW_RUNS:-20}"
