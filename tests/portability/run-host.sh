#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# run-host.sh HOST [WORKDIR]
#
# Cross-build libkvmppc and its `unit` test suite for another host architecture and run
# the suite under qemu-user. HOST is a Debian architecture name (arm64, armhf, riscv64,
# ppc64el, s390x) or a GNU triplet. Installs what is missing with apt-get (cross gcc,
# qemu-user, multiarch cmocka/zlib; for riscv64, which has no bookworm multiarch packages,
# cmocka and zlib are built from Debian's source packages into WORKDIR/prefix).
# See shared/reference/cross-hosts.md.
#
# Exit status: 0 = unit suite passed on HOST, 1 = build or test failure,
# 77 = HOST cannot be set up on this machine (the reason is printed; meson counts it as
# SKIP), 2 = usage error.
set -uo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
HOST=${1:-}
WORKROOT=${2:-${TMPDIR:-/tmp}/kvmppc-portability}

usage() { echo "usage: $0 {arm64|armhf|riscv64|ppc64el|s390x} [WORKDIR]" >&2; exit 2; }

case "$HOST" in
arm64 | aarch64 | aarch64-linux-gnu) ARCH=arm64 TRIPLET=aarch64-linux-gnu QEMU=qemu-aarch64 ;;
armhf | arm | arm-linux-gnueabihf) ARCH=armhf TRIPLET=arm-linux-gnueabihf QEMU=qemu-arm ;;
riscv64 | riscv64-linux-gnu) ARCH=riscv64 TRIPLET=riscv64-linux-gnu QEMU=qemu-riscv64 ;;
ppc64el | ppc64le | powerpc64le-linux-gnu) ARCH=ppc64el TRIPLET=powerpc64le-linux-gnu QEMU=qemu-ppc64le ;;
s390x | s390x-linux-gnu) ARCH=s390x TRIPLET=s390x-linux-gnu QEMU=qemu-s390x ;;
*) usage ;;
esac

WORK=$WORKROOT/$ARCH
CROSS=$SRC/tools/cross/$TRIPLET.ini
mkdir -p "$WORK" || { echo "SKIP: cannot create $WORK"; exit 77; }
LOG=$WORK/run-host.log
: >"$LOG"

say() { echo "[$ARCH] $*"; }
skip() { say "SKIP: $*"; say "details: $LOG"; exit 77; }
fail() { say "FAIL: $*"; say "details: $LOG"; exit 1; }
now() { date +%s; }
T0=$(now)
phase_start=$T0
phase() { # name: report the time of the previous phase, start a new one
	local t; t=$(now)
	[ -n "${PHASE:-}" ] && say "  $PHASE: $((t - phase_start)) s"
	PHASE=$1 phase_start=$t
}

[ -f "$CROSS" ] || fail "missing cross file $CROSS"

# ---- package installation --------------------------------------------------------------

SUDO=
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
fi
APT_OPTS=(-y -q -o DPkg::Lock::Timeout=600 -o APT::Install-Recommends=false)
APT_UPDATED=0

apt_update() {
	[ "$APT_UPDATED" = 1 ] && return 0
	say "apt-get update"
	# apt-get update exits non-zero when any one index fails (e.g. a mirror caught
	# mid-sync for one foreign architecture); the others are still usable, so go on and
	# let `apt-get install` decide.
	if ! $SUDO apt-get -q -o DPkg::Lock::Timeout=600 update >>"$LOG" 2>&1; then
		say "warning: apt-get update reported errors:"
		grep -E '^(E|W):' "$LOG" | tail -n 3 | sed "s/^/[$ARCH]     /"
	fi
	APT_UPDATED=1
}

installed() { # pkg[:arch]
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

try_install() { # pkg[:arch]...: install those that are missing; 1 if apt cannot
	local missing=() p
	for p in "$@"; do installed "$p" || missing+=("$p"); done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ] && [ -z "$SUDO" ]; then
		say "missing packages ${missing[*]} and not root (no password-less sudo)"
		return 1
	fi
	apt_update
	say "apt-get install ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${APT_OPTS[@]}" install "${missing[@]}" \
		>>"$LOG" 2>&1 && return 0
	# Maybe the package lists are stale; refresh once and retry before giving up.
	if [ "${APT_RETRIED:-0}" = 0 ]; then
		APT_RETRIED=1 APT_UPDATED=0
		apt_update
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${APT_OPTS[@]}" install \
			"${missing[@]}" >>"$LOG" 2>&1 && return 0
	fi
	grep -A3 'unmet dependencies' "$LOG" | tail -n 3 | sed "s/^/[$ARCH]     /"
	return 1
}

need() { # pkg[:arch]...: like try_install, but SKIP the host when apt cannot
	try_install "$@" || skip "apt-get cannot install: $*"
}

phase "install"
need meson ninja-build pkg-config "gcc-$TRIPLET" qemu-user
command -v "$QEMU" >/dev/null || skip "$QEMU not found after installing qemu-user"

# Target cmocka/zlib: Debian multiarch packages where they install; otherwise (riscv64,
# which bookworm does not carry, or a multiarch set apt cannot resolve, e.g. when a
# foreign-architecture index is out of sync with amd64's) build them from Debian's
# source packages into a private prefix.
FROM_SOURCE=0
if [ "$ARCH" = riscv64 ]; then
	FROM_SOURCE=1
else
	added_arch=0
	if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
		say "dpkg --add-architecture $ARCH"
		$SUDO dpkg --add-architecture "$ARCH" >>"$LOG" 2>&1 ||
			skip "dpkg --add-architecture $ARCH failed"
		APT_UPDATED=0 added_arch=1
	fi
	if ! try_install "libcmocka-dev:$ARCH" "zlib1g-dev:$ARCH"; then
		say "multiarch :$ARCH packages do not install here; building cmocka and zlib from source"
		FROM_SOURCE=1
		if [ $added_arch = 1 ] && [ -z "$(dpkg-query -W -f='${Package}\n' "*:$ARCH" 2>/dev/null)" ]; then
			# Leave apt as we found it: an unused foreign architecture only adds
			# indexes that can fail to download.
			say "dpkg --remove-architecture $ARCH (nothing of it was installed)"
			$SUDO dpkg --remove-architecture "$ARCH" >>"$LOG" 2>&1 || true
		fi
	fi
fi
if [ $FROM_SOURCE = 1 ]; then
	need "libc6-dev-$ARCH-cross" cmake dpkg-dev make
fi

# ---- cmocka and zlib from Debian source packages (riscv64, or multiarch fallback) ------

EXTRA_CROSS=()
if [ $FROM_SOURCE = 1 ]; then
	phase "deps-from-source"
	PREFIX=$WORK/prefix
	SRCDIR=$WORK/src
	if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ &&
		! grep -qs '^deb-src' /etc/apt/sources.list; then
		# Mirror the first deb822 stanza apt already uses (same URIs, suites, keys).
		main=$(ls /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
		if [ -n "$main" ] && grep -q '^URIs:' "$main"; then
			uris=$(grep -m1 '^URIs:' "$main")
			suites=$(grep -m1 '^Suites:' "$main")
			comps=$(grep -m1 '^Components:' "$main")
			key=$(grep -m1 '^Signed-By:' "$main" || true)
			say "adding a deb-src source mirroring $main"
			printf 'Types: deb-src\n%s\n%s\n%s\n%s\n' "$uris" "$suites" "$comps" "$key" |
				$SUDO tee /etc/apt/sources.list.d/kvmppc-deb-src.sources >/dev/null ||
				skip "cannot write a deb-src source"
		elif line=$(grep -m1 '^deb ' /etc/apt/sources.list 2>/dev/null); then
			say "adding a deb-src line mirroring: $line"
			echo "deb-src ${line#deb }" | $SUDO tee /etc/apt/sources.list.d/kvmppc-deb-src.list \
				>/dev/null || skip "cannot write a deb-src source"
		else
			skip "no apt source found to mirror as deb-src"
		fi
		APT_UPDATED=0
	fi
	mkdir -p "$SRCDIR"
	fetch_source() { # package -> sets SRC_PKG_DIR
		SRC_PKG_DIR=$(ls -d "$SRCDIR/$1"-*/ 2>/dev/null | head -n1)
		if [ -z "$SRC_PKG_DIR" ]; then
			apt_update
			say "apt-get source $1"
			(cd "$SRCDIR" && apt-get -q source "$1") >>"$LOG" 2>&1 ||
				skip "apt-get source $1 failed"
			SRC_PKG_DIR=$(ls -d "$SRCDIR/$1"-*/ 2>/dev/null | head -n1)
			[ -n "$SRC_PKG_DIR" ] || skip "apt-get source $1 produced no directory"
		fi
	}
	if [ ! -f "$PREFIX/lib/pkgconfig/cmocka.pc" ]; then
		fetch_source cmocka
		say "building cmocka for $TRIPLET in $PREFIX"
		rm -rf "$WORK/cmocka-build"
		{
			cmake -S "$SRC_PKG_DIR" -B "$WORK/cmocka-build" \
				-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR="${TRIPLET%%-*}" \
				-DCMAKE_C_COMPILER="$TRIPLET-gcc" -DCMAKE_BUILD_TYPE=Release \
				-DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
				-DBUILD_SHARED_LIBS=OFF -DWITH_EXAMPLES=OFF -DUNIT_TESTING=OFF &&
				cmake --build "$WORK/cmocka-build" -j "$(nproc)" &&
				cmake --install "$WORK/cmocka-build"
		} >>"$LOG" 2>&1 || fail "cross-building cmocka from source failed"
	fi
	if [ ! -f "$PREFIX/lib/pkgconfig/zlib.pc" ]; then
		fetch_source zlib
		say "building zlib for $TRIPLET in $PREFIX"
		rm -rf "$WORK/zlib-build"
		cp -a "$SRC_PKG_DIR" "$WORK/zlib-build"
		(cd "$WORK/zlib-build" && CC="$TRIPLET-gcc" AR="$TRIPLET-ar" RANLIB="$TRIPLET-ranlib" \
			CHOST="$TRIPLET" ./configure --static --prefix="$PREFIX" --libdir="$PREFIX/lib" &&
			make -j "$(nproc)" libz.a && make install) >>"$LOG" 2>&1 ||
			fail "cross-building zlib from source failed"
	fi
	EXTRA=$WORK/prefix.ini
	# -isystem: cmocka.h is not -Wpedantic clean (empty variadic macro arguments); a
	# header in /usr/include is a system header, one in a private prefix must be made
	# one. GCC ignores pkg-config's -I for a directory that is also given with -isystem.
	cat >"$EXTRA" <<EOF
[properties]
pkg_config_libdir = ['$PREFIX/lib/pkgconfig']

[built-in options]
c_args = ['-isystem', '$PREFIX/include']
EOF
	EXTRA_CROSS=(--cross-file "$EXTRA")
fi

# ---- which C library qemu-user loads ---------------------------------------------------

# The cross files run tests with `qemu -L /usr/TRIPLET` (the cross toolchain's glibc). When
# the multiarch libc6:ARCH is installed too (a dependency of libcmocka-dev:ARCH), its
# libraries in /lib/TRIPLET are found by that loader as well, and a loader and libc from
# two different glibc builds (e.g. 2.36-8cross1 and 2.36-9+deb12u14) hang in
# pthread_create. Then run everything from the multiarch side: `-L /`.
if installed "libc6:$ARCH"; then
	WRAP=$WORK/wrapper.ini
	printf "[binaries]\nexe_wrapper = ['%s', '-L', '/']\n" "$QEMU" >"$WRAP"
	EXTRA_CROSS+=(--cross-file "$WRAP")
	say "libc6:$ARCH is installed: tests run with $QEMU -L / (the multiarch glibc)"
fi

# ---- configure, build, test ------------------------------------------------------------

phase "configure"
OPTS=(-Dwerror_ci=true)
for o in tools bench tests; do
	if grep -qs "option('$o'" "$SRC/meson_options.txt"; then
		case $o in tests) OPTS+=(-Dtests=true) ;; *) OPTS+=("-D$o=false") ;; esac
	fi
done
BUILD=$WORK/build
rm -rf "$BUILD"
say "meson setup --cross-file $(basename "$CROSS") ${OPTS[*]}"
meson setup "$BUILD" "$SRC" --cross-file "$CROSS" "${EXTRA_CROSS[@]}" "${OPTS[@]}" \
	>>"$LOG" 2>&1 || { tail -n 30 "$LOG"; fail "meson setup failed"; }

phase "build"
ninja -C "$BUILD" >>"$LOG" 2>&1 || { grep -E 'error|warning' "$LOG" | head -n 40; fail "build failed"; }

phase "test"
say "meson test --suite unit under $QEMU"
if meson test -C "$BUILD" --suite unit --print-errorlogs --timeout-multiplier 10 \
	--num-processes "$(nproc)" >>"$LOG" 2>&1; then
	result=0
else
	result=1
fi
sed -n '/^Ok:/,/^Timeout:/p' "$LOG" | sed "s/^/[$ARCH]   /"
phase "done"
say "total: $(($(now) - T0)) s"
if [ $result != 0 ]; then
	grep -E '^ *[0-9]+/[0-9]+ .*(FAIL|TIMEOUT|ERROR)' "$LOG" | sed "s/^/[$ARCH]   /"
	fail "unit suite failed under $QEMU (see $BUILD/meson-logs/testlog.txt)"
fi
ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$LOG" | tail -n1)
[ "${ok:-0}" -gt 0 ] || fail "the unit suite ran no test"
say "PASS: unit suite on $ARCH ($ok tests)"
exit 0
