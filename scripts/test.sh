#!/usr/bin/env bash
# Quick start: install what is missing, build, and run the whole test suite (what CI runs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
pb_install_packages
pb_build RelWithDebInfo

export QT_QPA_PLATFORM=offscreen
cd "$PB_BUILD"
ctest --output-on-failure -j"$PB_JOBS" --timeout 600
