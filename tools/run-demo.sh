#!/usr/bin/env bash
# The main job: install what is missing, build, and run the bundled demo guest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh build
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
exec ./build/tools/kvmppc-demo "$@"
