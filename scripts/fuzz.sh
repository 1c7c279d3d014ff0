#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang, AddressSanitizer and UBSan, and runs
# them. See docs/reliability.md for the figures and what was found.
#
#   scripts/fuzz.sh --smoke            about a minute per harness, two at a time (what CI runs)
#   scripts/fuzz.sh --long             10 million executions per harness (hours on 2 cores)
#   scripts/fuzz.sh --long dot         one harness only; names: designfile dot rulepack template
#   scripts/fuzz.sh --fast --long dot  UBSan only, no AddressSanitizer or leak checks: 3-4x the
#                                      inputs per second, in build-fuzz-fast/, same corpus
#   PB_FUZZ_TIME=300 scripts/fuzz.sh   seconds per harness for a smoke run
#   PB_FUZZ_JOBS=1                     harnesses run side by side (default 2)
#
# The working corpus is kept in $PB_FUZZ_BUILD/corpus/<harness> so later runs start where
# earlier ones stopped. A crash, leak, hang (>10 s per input) or sanitizer report fails the
# run; the reproducer is in $PB_FUZZ_BUILD/artifacts/<harness>/. Keep it as a regression test
# in tests/data/fuzz-regress/<harness>/ (tests/model/tst_fuzzregress.cpp loads every file there).
set -euo pipefail

PB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PB_FUZZ_JOBS="${PB_FUZZ_JOBS:-2}"
mode=smoke
asan=ON
harnesses=()
for arg in "$@"; do
    case "$arg" in
        --smoke) mode=smoke ;;
        --long) mode=long ;;
        --fast) asan=OFF ;;
        --help|-h) sed -n '2,15p' "$0"; exit 0 ;;
        designfile|dot|rulepack|template) harnesses+=("$arg") ;;
        *) echo "fuzz.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#harnesses[@]} -eq 0 ] && harnesses=(designfile dot rulepack template)
if [ "$asan" = ON ]; then
    PB_FUZZ_BUILD="${PB_FUZZ_BUILD:-$PB_ROOT/build-fuzz}"
else
    PB_FUZZ_BUILD="${PB_FUZZ_BUILD:-$PB_ROOT/build-fuzz-fast}"
fi
# Both builds grow one corpus, so a fast run and a full one start where either stopped.
PB_FUZZ_CORPUS="${PB_FUZZ_CORPUS:-$PB_ROOT/build-fuzz/corpus}"

CLANGXX="${PB_CLANGXX:-$(command -v clang++-14 || command -v clang++ || true)}"
CLANGC="${PB_CLANG:-$(command -v clang-14 || command -v clang || true)}"
if [ -z "$CLANGXX" ]; then
    echo "fuzz.sh: clang++ not found (apt-get install clang-14 libclang-rt-14-dev)" >&2
    exit 2
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

cmake -S "$PB_ROOT" -B "$PB_FUZZ_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="$CLANGC" -DCMAKE_CXX_COMPILER="$CLANGXX" "${launcher[@]}" \
    -DPROBEBOARD_FUZZ=ON -DPROBEBOARD_FUZZ_ASAN="$asan" -DPROBEBOARD_BUILD_DESKTOP=OFF -DPROBEBOARD_BUILD_TESTS=OFF \
    -DPROBEBOARD_BUILD_BENCH=OFF >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
cmake --build "$PB_FUZZ_BUILD" -j"${PB_JOBS:-2}" "${targets[@]}"

seeds="$PB_FUZZ_BUILD/seeds"
python3 "$PB_ROOT/tests/fuzz/makeseeds.py" "$PB_ROOT" "$seeds"

# Graphviz keeps a few process-lifetime allocations (plugin tables); they are not leaks of ours.
export LSAN_OPTIONS="suppressions=$PB_ROOT/tests/fuzz/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:-intercept_tls_get_addr=0:abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_one() {
    local h="$1" corpus="$PB_FUZZ_CORPUS/$1" art="$PB_FUZZ_BUILD/artifacts/$1/"
    local log="$PB_FUZZ_BUILD/logs/$1-$mode.log"
    mkdir -p "$corpus" "$art" "$(dirname "$log")"
    # Long runs share the machine at low priority: a wall-clock limit of 10 s per input would
    # report starvation as a hang (both "timeouts" of the first long runs replayed in 0.04 s).
    local timeout=10
    [ "$mode" = long ] && timeout="${PB_FUZZ_TIMEOUT:-60}"
    local limits=(-max_len=${PB_FUZZ_MAX_LEN:-4096} -timeout="$timeout" -rss_limit_mb=2560 -print_final_stats=1
                  -artifact_prefix="$art")
    [ -f "$PB_ROOT/tests/fuzz/$h.dict" ] && limits+=(-dict="$PB_ROOT/tests/fuzz/$h.dict")
    if [ "$mode" = long ]; then
        limits+=(-runs="${PB_FUZZ_RUNS:-10000000}" -max_total_time="${PB_FUZZ_MAX_TIME:-28800}")
    else
        limits+=(-max_total_time="${PB_FUZZ_TIME:-60}")
    fi
    local rc=0
    "$PB_FUZZ_BUILD/tests/fuzz/fuzz_$h" "${limits[@]}" "$corpus" "$seeds/$h" >"$log" 2>&1 || rc=$?
    local execs secs
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' | tail -1)
    if [ "$rc" -eq 0 ]; then
        echo "fuzz_$h: ok, ${execs:-?} executions in ${secs:-?} s, corpus $(ls "$corpus" | wc -l) files"
    else
        echo "fuzz_$h: FAILED (exit $rc) after ${execs:-?} executions; log $log" >&2
        grep -E 'ERROR|SUMMARY|Test unit written|^    #[0-9] ' "$log" | head -30 >&2 || true
    fi
    return "$rc"
}

failed=0
pids=()
names=()
for h in "${harnesses[@]}"; do
    run_one "$h" &
    pids+=($!)
    names+=("$h")
    if [ ${#pids[@]} -ge "$PB_FUZZ_JOBS" ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
exit "$failed"
