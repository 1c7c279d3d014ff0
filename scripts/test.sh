#!/usr/bin/env bash
# Quick start: install what is missing, build, and run the whole test suite (what CI runs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
pb_install_packages
pb_build RelWithDebInfo

export QT_QPA_PLATFORM=offscreen
cd "$PB_BUILD"
ctest --output-on-failure -j"$PB_JOBS" --timeout 600

# Hardening (docs/reliability.md): the whole suite again under AddressSanitizer + UBSan, then
# about a minute of each libFuzzer harness. PB_SKIP_HARDENING=1 skips both for a quick local run.
if [ "${PB_SKIP_HARDENING:-0}" != 1 ]; then
    "$PB_ROOT/scripts/sanitize.sh"
    "$PB_ROOT/scripts/fuzz.sh" --smoke
fi
