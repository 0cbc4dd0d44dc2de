#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Totalling 1,000 and 10,000 generated reports with nianbao-cli aggregate:
# wall time (median of 3) and peak RSS. Goal: 1,000 workbooks < 1 s, time
# linear, peak RSS for 10,000 within 10 % of that for 1,000. The machine
# is shared: CPU time (user + system) is the steadier figure.
set -euo pipefail
cd "$(dirname "$0")/.."
ninja -C build bench/bench-aggregate src/cli/nianbao-cli >/dev/null
dir="${NB_BENCH_DIR:-$(mktemp -d)}"
for n in 1000 10000; do
  [ -d "$dir/$n" ] || ./build/bench/bench-aggregate "$dir/$n" "$n"
done
for n in 1000 10000; do
  times=()
  cpus=()
  rss=0
  for run in 1 2 3; do
    # Exit status 1: the generated reports have errors (they are random).
    out=$( { /usr/bin/time -f "%e %U %S %M" ./build/src/cli/nianbao-cli aggregate "$dir/$n" \
             -o "$dir/summary-$n.nianbao" >/dev/null || true; } 2>&1 | tail -1)
    read -r wall user sys r <<<"$out"
    times+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
    [ "$r" -gt "$rss" ] && rss="$r"
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)
  echo "aggregate $n reports (9 in 10 workbooks): wall ${median} s, CPU ${cpu} s (medians of 3), peak RSS ${rss} KB"
done
[ -n "${NB_BENCH_DIR:-}" ] || rm -rf "$dir"
