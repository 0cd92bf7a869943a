#!/usr/bin/env bash
# Install the Debian packages the build and the tests need, only those that are missing.
# Usage: tools/install-deps.sh [build|demo|test|bench]
#   demo = build + the powerpc64le cross compiler (the bundled guest)
#   bench = demo + qemu-user (the reference), valgrind (host instruction counts), gnuplot
#   test = demo + clang, qemu-user, the big-endian cross compiler, python3
set -euo pipefail
want=(meson ninja-build pkg-config gcc libcmocka-dev zlib1g-dev libfdt-dev libcapstone-dev)
case "${1:-build}" in
  demo) want+=(gcc-powerpc64le-linux-gnu) ;;
  bench) want+=(gcc-powerpc64le-linux-gnu qemu-user valgrind gnuplot-nox python3) ;;
  test) want+=(clang qemu-user gcc-powerpc64le-linux-gnu gcc-powerpc64-linux-gnu
               binutils-powerpc64le-linux-gnu python3) ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
