#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Cold start to the first frame with a document, beside a bare GTK4 window on
# the same display: interleaved runs, the median of the per-round ratios, and
# peak RSS of each (goal: ≤ 1.1× the bare window's time; RSS ≤ bare + 30 MB).
# Usage: bench/bench-start.sh [ROUNDS]   (under Xvfb if there is no display)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-${BENCH_START_RUNS:-15}}"
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build src/gui/nianbao bench/bare-window >/dev/null 2>&1 || { echo "bench-start: GUI not built"; exit 0; }
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "bench-start: no display and no xvfb-run"; exit 0; }
  exec xvfb-run -a -s "-screen 0 1400x1000x24" "$0" "$@"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export NB_LOCALEDIR="$PWD/build/po" GSETTINGS_SCHEMA_DIR="$PWD/build/data" GSETTINGS_BACKEND=memory
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
doc="$tmp/报告.nianbao"
cp tests/fixtures/wenxian-transport-2020.nianbao "$doc"

# one PROGRAM ARGS…: wall ms and peak RSS (KB) of one run
one() {
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$tmp/rss" "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(cat "$tmp/rss")"
}

# Warm the caches once (fonts, libraries): cold start means a new process, not a cold disk.
one ./build/bench/bare-window >/dev/null
NB_BENCH_FIRST_FRAME=1 one ./build/src/gui/nianbao "$doc" >/dev/null
: > "$tmp/rows"
for _ in $(seq "$rounds"); do
  read -r bt br < <(one ./build/bench/bare-window)
  read -r nt nr < <(NB_BENCH_FIRST_FRAME=1 one ./build/src/gui/nianbao "$doc")
  echo "$bt $br $nt $nr" >> "$tmp/rows"
done
python3 - "$tmp/rows" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = lambda xs: statistics.median(xs)
bare_t, bare_r = med([r[0] for r in rows]), med([r[1] for r in rows])
nb_t, nb_r = med([r[2] for r in rows]), med([r[3] for r in rows])
ratio = med([r[2] / r[0] for r in rows])
print("start to first frame, bare GTK4 window (median of %d): %7.1f ms, %6.1f MB" % (len(rows), bare_t, bare_r / 1024))
print("start to first frame, nianbao with the fixture:        %7.1f ms, %6.1f MB" % (nb_t, nb_r / 1024))
print("nianbao / bare window: %.2f× (median of per-round ratios; goal ≤ 1.1×); RSS +%.1f MB (goal ≤ +30 MB)"
      % (ratio, (nb_r - bare_r) / 1024))
PY
