#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzz every target in fuzzing/ for a while with libFuzzer + ASan/UBSan.
#   build-aux/fuzz.sh [SECONDS-PER-TARGET] [TARGET…]     (default 18 s, all targets)
# Builds ./build-fuzz with clang (-Dfuzzing=true), starts from the corpus in
# tests/fuzz/<corpus>/ (copied: new inputs go to build-fuzz/corpus/<corpus>/),
# and fails if a target crashes, leaks or trips a sanitizer; the input that
# did it is left in build-fuzz/artifacts/. See README, "Fuzzing".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seconds="${1:-18}"
shift || true

# The targets and their corpora: the list in fuzzing/meson.build.
declare -A corpus=()
all=()
while read -r t c; do
  corpus[$t]=$c
  all+=("$t")
done < <(sed -n "s/^ *'\(fuzz-[a-z0-9-]*\)': '\([a-z0-9-]*\)',\$/\1 \2/p" fuzzing/meson.build)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [ -n "${corpus[$t]:-}" ] || { echo "fuzz.sh: no target $t in fuzzing/meson.build (${all[*]})" >&2; exit 2; }
done

if ! command -v clang >/dev/null; then
  echo "fuzz.sh: clang is not installed (apt install clang libclang-rt-dev)" >&2
  exit 2
fi
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzzing=true -Dgui=disabled -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
ninja -C build-fuzz $(printf 'fuzzing/%s ' "${targets[@]}") >/dev/null

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions="$here/build-aux/lsan.supp"
mkdir -p build-fuzz/artifacts
status=0
for t in "${targets[@]}"; do
  c="build-fuzz/corpus/${corpus[$t]}"
  mkdir -p "$c"
  find tests/fuzz/"${corpus[$t]}" -maxdepth 1 -type f ! -name '*.py' ! -name '*.md' -exec cp -n {} "$c"/ \;
  # -timeout: no input may take seconds (a 1 MB one finishes well under a
  # second without sanitizers; the -1mb tests check that in the suite).
  args=(-max_total_time="$seconds" -max_len=1048576 -len_control=20 -timeout=5 -rss_limit_mb=2048
        -artifact_prefix=build-fuzz/artifacts/"$t"- -print_final_stats=1)
  [ -f fuzzing/"${corpus[$t]}".dict ] && args+=(-dict=fuzzing/"${corpus[$t]}".dict)
  echo "== $t: ${seconds}s"
  if ! ./build-fuzz/fuzzing/"$t" "${args[@]}" "$c" > build-fuzz/"$t".log 2>&1; then
    echo "fuzz.sh: $t failed; the input is in build-fuzz/artifacts/, the log in build-fuzz/$t.log" >&2
    tail -40 build-fuzz/"$t".log >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^Done' build-fuzz/"$t".log || true
  fi
done
exit $status
