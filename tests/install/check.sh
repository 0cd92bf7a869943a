#!/usr/bin/env bash
# Install the library from build dir $1 into a scratch prefix and build tests/install/example.c
# against it with nothing but `pkg-config --cflags --libs kvmppc`, then run it (issue 2).
set -euo pipefail
build=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" >/dev/null
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
libdir=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="libdir"][0])')
root="$dest$prefix"
export PKG_CONFIG_PATH="$root/$libdir/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$dest"
cc ${CFLAGS:-} -std=c11 -Wall -Wextra -Werror -o "$dest/example" "$here/example.c" $(pkg-config --cflags --libs kvmppc)
LD_LIBRARY_PATH="$root/$libdir" "$dest/example"
