#!/usr/bin/env bash
# Fuzz every target in fuzzing/ for a while with libFuzzer + ASan/UBSan.
#   build-aux/fuzz.sh [SECONDS-PER-TARGET] [TARGET…]     (default 30 s, all targets)
# Builds ./build-fuzz with clang (-Dfuzzing=true), starts from the corpus in
# tests/fuzz/<corpus>/ (copied: new inputs go to build-fuzz/corpus/<corpus>/),
# and fails if a target crashes, leaks or trips a sanitizer; the input that
# did it is left in build-fuzz/artifacts/. See README, "Fuzzing".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seconds="${1:-30}"
shift || true

declare -A corpus=([fuzz-report-file]=report-file [fuzz-number]=number [fuzz-text-figures]=text-figures)
declare -A dict=([fuzz-report-file]=fuzzing/report-file.dict [fuzz-number]=fuzzing/number.dict)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-report-file fuzz-number fuzz-text-figures)

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
  cp -n tests/fuzz/"${corpus[$t]}"/* "$c"/ 2>/dev/null || true
  args=(-max_total_time="$seconds" -max_len=1048576 -len_control=20 -timeout=20 -rss_limit_mb=2048
        -artifact_prefix=build-fuzz/artifacts/"$t"- -print_final_stats=1)
  [ -n "${dict[$t]:-}" ] && args+=(-dict="${dict[$t]}")
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
