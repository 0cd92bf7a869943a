#!/usr/bin/env bash
# Build and run every test suite: gcc with -Werror, clang with -Werror, and the unit
# suite again under AddressSanitizer + UndefinedBehaviorSanitizer. Installs what is
# missing first. Build trees go to build-test-*/ (git-ignored).
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
echo "all test suites passed"
