#!/usr/bin/env bash
# Builds everything (libraries, CLI, desktop app, tests) with AddressSanitizer and UBSan in a
# separate folder and runs the whole ctest suite there, GUI tests on the offscreen platform.
# Any sanitizer report aborts the test that triggered it, so the suite fails. See
# docs/reliability.md.
#
#   scripts/sanitize.sh                 build into $PB_ASAN_BUILD (default build-asan) and test
#   scripts/sanitize.sh -R tst_faults   extra arguments go to ctest
set -euo pipefail

PB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PB_ASAN_BUILD="${PB_ASAN_BUILD:-$PB_ROOT/build-asan}"
PB_JOBS="${PB_JOBS:-$(nproc 2>/dev/null || echo 2)}"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

cmake -S "$PB_ROOT" -B "$PB_ASAN_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
    -DPROBEBOARD_SANITIZE=ON -DPROBEBOARD_BUILD_BENCH=OFF >/dev/null
cmake --build "$PB_ASAN_BUILD" -j"$PB_JOBS"

export QT_QPA_PLATFORM=offscreen
# Leak checking stays on: the suite runs clean with it (Qt's one-time allocations are freed or
# still reachable at exit). halt_on_error makes the first report fail the test.
# fast_unwind_on_malloc=0: Graphviz is built without frame pointers, so the fast unwinder stops
# at its gmalloc and a suppression cannot tell a leak inside dot's cluster code (lsan.supp) from
# one of ours. The slow unwinder sees the whole stack.
# intercept_tls_get_addr=0: GCC 12's runtime mistakes a glibc >= 2.25 dynamic TLS block that
# happens to sit 16 bytes into a page for an old glibc header and reads a bogus range from it;
# LeakSanitizer's tracer then crashes at exit ("Tracer caught signal 11") after every test passed.
# It hit tst_modes once libjpeg (thread-local data, loaded with Qt's jpeg plugin by the PDF
# export) was in the process. Those blocks are ordinary malloc chunks reachable from the thread's
# dtv, so leak checking still sees through them without the interceptor.
export ASAN_OPTIONS="${ASAN_OPTIONS:-intercept_tls_get_addr=0:detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:fast_unwind_on_malloc=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PB_ROOT/tests/fuzz/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
cd "$PB_ASAN_BUILD"
ctest --output-on-failure -j"$PB_JOBS" --timeout 1200 "$@"
