#!/usr/bin/env bash
# Build and run every test suite: gcc with -Werror, clang with -Werror, the unit
# suite again under AddressSanitizer + UndefinedBehaviorSanitizer, and last the
# portability suite (the unit suite cross-built for arm64, armhf, riscv64, ppc64el and
# s390x and run under qemu-user; tests/portability/run-host.sh, about 10-20 minutes; a host
# that cannot be set up here is a SKIP with its reason). Installs what is missing first.
# Build trees go to build-test-*/ (git-ignored). KVMPPC_SKIP_PORTABILITY=1 leaves out
# the portability suite (a quick local run), KVMPPC_SKIP_LINUX=1 the linux suite (Debian's
# kernel booted to a busybox shell, tests/linux/boot.sh, a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh test
jobs=$(nproc)
run() { # name, meson setup args..., then tests after --
  local dir=build-test-$1; shift
  local args=() suites=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  suites=("$@")
  rm -rf "$dir"
  echo "=== $dir: meson setup ${args[*]}"
  meson setup "$dir" -Dwerror_ci=true "${args[@]}" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; exit 1; }
  ninja -C "$dir" -j "$jobs"
  local sargs=()
  for s in "${suites[@]}"; do sargs+=(--suite "$s"); done
  meson test -C "$dir" --print-errorlogs --num-processes "$jobs" "${sargs[@]}"
}
run gcc -- # every suite
CC=clang run clang -Dtools=true -Dbench=false -- unit
run asan -Db_sanitize=address,undefined -Db_lundef=false -Dbench=false -- unit
if [ "${KVMPPC_SKIP_PORTABILITY:-0}" != 1 ]; then
  # Excluded from the default test setup (it installs packages and takes minutes):
  # run it explicitly, one host after another, each host's build using every core.
  echo "=== portability: unit suite on other hosts under qemu-user"
  meson test -C build-test-gcc --no-rebuild --print-errorlogs --suite portability
fi
if [ "${KVMPPC_SKIP_LINUX:-0}" != 1 ]; then
  # Also excluded from the default setup: Debian's ppc64el kernel to a busybox shell
  # (downloads the kernel with apt-get; skipped when offline), one boot after another.
  echo "=== linux: Debian's kernel boots to a busybox shell on kvmppc-run"
  meson test -C build-test-gcc --no-rebuild --print-errorlogs --suite linux
fi
echo "all test suites passed"
