#!/usr/bin/env bash
# The main job: install what is missing, build, and boot the bundled demo guest
# (tests/guest/hello.c, little-endian, POWER9) on tools/kvmppc-run; its console is this
# terminal. Extra arguments go to kvmppc-run (e.g. -cpu POWER8, or -kernel another.elf).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh demo
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
exec ./build/tools/kvmppc-run -nodefaults -nographic -M pseries -cpu POWER9 \
  -kernel build/tests/guest/hello-le.elf "$@"
