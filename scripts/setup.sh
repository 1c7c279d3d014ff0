#!/usr/bin/env bash
# Installs what Probeboard needs to build, test and package on Debian 12 / Ubuntu, then
# configures and builds it. Sourced by run.sh and test.sh; safe to run again (it installs only
# what is missing and rebuilds only what changed).
set -euo pipefail

PB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PB_BUILD="${PB_BUILD:-$PB_ROOT/build}"
PB_JOBS="${PB_JOBS:-$(nproc 2>/dev/null || echo 2)}"

# One list, so that the README, CI and a fresh machine agree on what the project needs.
PB_PACKAGES=(
    cmake g++ make pkg-config git
    qt6-base-dev qt6-svg-dev qt6-base-dev-tools libgl-dev libglx-dev
    libgraphviz-dev graphviz
    nlohmann-json3-dev libcli11-dev libfmt-dev libjemalloc-dev libsimdjson-dev zlib1g-dev libpugixml-dev libyaml-dev
    python3 python3-jsonschema
    xvfb xauth xdotool imagemagick librsvg2-bin poppler-utils
    clang-14 libclang-rt-14-dev
    desktop-file-utils appstream dpkg-dev file fakeroot
    fonts-dejavu-core
)

pb_missing_packages() {
    local missing=()
    for p in "${PB_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    echo "${missing[@]:-}"
}

pb_install_packages() {
    local missing
    missing="$(pb_missing_packages)"
    [ -z "$missing" ] && return 0
    echo "probeboard: installing missing packages: $missing"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

pb_build() {
    local build_type="${1:-RelWithDebInfo}"
    shift || true
    cmake -S "$PB_ROOT" -B "$PB_BUILD" -DCMAKE_BUILD_TYPE="$build_type" "$@"
    cmake --build "$PB_BUILD" -j"$PB_JOBS"
}
