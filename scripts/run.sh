#!/usr/bin/env bash
# Quick start: install what is missing, build, and open the whiteboard on an example design.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
pb_install_packages
pb_build RelWithDebInfo

example="${1:-$PB_ROOT/resources/examples/payments.probeboard}"
if [ -x "$PB_BUILD/app/desktop/probeboard" ]; then
    exec "$PB_BUILD/app/desktop/probeboard" "$example"
fi
# Without a desktop build, show the review the whiteboard would show.
exec "$PB_BUILD/app/cli/probeboard-cli" check "$example"
