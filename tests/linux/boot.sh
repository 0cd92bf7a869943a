#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Boot Debian's ppc64el Linux kernel on kvmppc-run to a busybox shell (meson suite
# `linux`, not part of the default `meson test`; see tests/meson.build).
#
#   boot.sh KVMPPC_RUN WORKDIR NAME MMU NCPUS [kvmppc-run options...]
#
# WORKDIR (in the build tree) receives the downloaded packages, the extracted kernel and
# busybox, the initramfs and NAME.console / NAME.stats.json. The kernel and busybox come
# from apt (`apt-get download`; the ppc64el architecture is added to dpkg when missing);
# when they cannot be fetched (offline, no root to add the architecture) the test is skipped
# (exit 77) with the reason. KVMPPC_LINUX_KERNEL_DEB / KVMPPC_LINUX_BUSYBOX_DEB name
# local .deb files instead; KVMPPC_LINUX_TIMEOUT (seconds, default 900) bounds one boot.
#
# The check: the kernel reaches "Run /init as init process", /init (a busybox shell
# script) runs commands and prints its markers, /proc/cpuinfo shows the expected MMU
# (Radix or Hash) and number of CPUs, the crypto self-tests report no failure, nothing
# oopses or panics, and `poweroff -f` ends kvmppc-run with status 0.
set -u
if [ $# -lt 5 ]; then
	echo "usage: $0 KVMPPC_RUN WORKDIR NAME MMU NCPUS [kvmppc-run options...]" >&2
	exit 2
fi
run=$1 work=$2 name=$3 mmu=$4 ncpus=$5
shift 5
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
[ -x "$run" ] || fail "$run is not an executable"
run=$(cd "$(dirname "$run")" && pwd)/$(basename "$run") # meson passes it build-relative

mkdir -p "$work" || fail "cannot create $work"
cd "$work" || fail "cannot enter $work"

# ---- the kernel and busybox (downloaded once per build tree; serialised by a lock) ----
exec 9>"$work/.download.lock"
flock 9 2>/dev/null || true
fetch() { # package -> path of its .deb in $work
	local pkg=$1 deb
	deb=$(ls -1 "$work"/"${pkg%%:*}"_*_ppc64el.deb 2>/dev/null | tail -n 1)
	if [ -z "$deb" ]; then
		command -v apt-get >/dev/null || return 1
		apt-get download "$pkg" >"$work/apt-download.log" 2>&1 || return 1
		deb=$(ls -1 "$work"/"${pkg%%:*}"_*_ppc64el.deb 2>/dev/null | tail -n 1)
	fi
	[ -n "$deb" ] && echo "$deb"
}
command -v dpkg-deb >/dev/null || skip "dpkg-deb not found (a Debian-like host is needed to unpack the kernel)"
# apt must know the ppc64el architecture to download its packages. A fresh Debian
# machine does not, so add it (root or passwordless sudo) and refresh the indexes; an
# index of another architecture that fails to download (a mirror mid-sync) does not stop
# the download of these two packages, so update's exit status is not fatal. Nothing of
# ppc64el is installed, only downloaded.
kernel_known() { apt-cache show linux-image-powerpc64le:ppc64el >/dev/null 2>&1; }
if [ -z "${KVMPPC_LINUX_KERNEL_DEB:-}" ] && command -v apt-get >/dev/null && ! kernel_known; then
	SUDO=
	if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
	if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
		if ! dpkg --print-foreign-architectures | grep -qx ppc64el; then
			echo "dpkg --add-architecture ppc64el"
			$SUDO dpkg --add-architecture ppc64el >"$work/apt-update.log" 2>&1 ||
				skip "dpkg --add-architecture ppc64el failed: $(tail -n 1 "$work/apt-update.log")"
		fi
		echo "apt-get update (for the ppc64el indexes)"
		$SUDO apt-get -q -o DPkg::Lock::Timeout=600 update >>"$work/apt-update.log" 2>&1 ||
			echo "warning: apt-get update reported errors: $(grep -m1 '^E:' "$work/apt-update.log")"
	fi
fi
kdeb=${KVMPPC_LINUX_KERNEL_DEB:-}
if [ -z "$kdeb" ]; then
	# The newest linux-image-6.1.0-N-powerpc64le that apt knows (the metapackage's target).
	kpkg=$(apt-cache depends linux-image-powerpc64le:ppc64el 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ :]*-powerpc64le\).*/\1/p' | head -n 1)
	[ -n "$kpkg" ] || skip "apt does not know linux-image-powerpc64le:ppc64el (run: dpkg --add-architecture ppc64el && apt-get update)"
	kdeb=$(fetch "$kpkg:ppc64el") ||
		skip "apt-get download $kpkg:ppc64el failed (offline?): $(tail -n 1 "$work/apt-download.log" 2>/dev/null)"
fi
bdeb=${KVMPPC_LINUX_BUSYBOX_DEB:-}
if [ -z "$bdeb" ]; then
	bdeb=$(fetch busybox-static:ppc64el) ||
		skip "apt-get download busybox-static:ppc64el failed (offline?): $(tail -n 1 "$work/apt-download.log" 2>/dev/null)"
fi
stamp="$(basename "$kdeb") $(basename "$bdeb")"
if [ "$(cat "$work/root.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$work/root" "$work/initrd.gz" "$work/root.stamp"
	dpkg-deb -x "$kdeb" "$work/root" && dpkg-deb -x "$bdeb" "$work/root" ||
		fail "cannot unpack $kdeb / $bdeb"
	echo "$stamp" >"$work/root.stamp"
fi
vmlinux=$(ls -1 "$work"/root/boot/vmlinux-* 2>/dev/null | head -n 1)
[ -f "$vmlinux" ] || fail "no /boot/vmlinux-* in $kdeb"
[ -x "$work/root/bin/busybox" ] || fail "no /bin/busybox in $bdeb"

# ---- the initramfs: newc cpio written here (no cpio tool needed), gzip-compressed ----
if [ ! -f "$work/initrd.gz" ]; then
	cat >"$work/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /tmp
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo "KVMPPC-INIT-STARTED"
uname -a
grep -E '^(cpu|MMU)' /proc/cpuinfo | sort -u
echo "cpus: $(grep -c ^processor /proc/cpuinfo)"
echo "sum: $(seq 1 1000 | awk '{s += $1} END {print s}')"
echo hello >/tmp/f && sha256sum /tmp/f
ls / >/dev/null && echo "KVMPPC-SHELL-MARKER"
poweroff -f
EOF
	cpio_entry() { # name mode(octal) [file]
		local n=$1 mode=$2 f=${3:-} size=0 namesize pad
		[ -n "$f" ] && size=$(stat -c %s "$f")
		namesize=$((${#n} + 1))
		printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s\0' \
			"$ino" $((8#$mode)) 0 0 1 0 "$size" 0 0 0 0 "$namesize" 0 "$n"
		pad=$(((4 - (110 + namesize) % 4) % 4))
		head -c "$pad" /dev/zero
		if [ -n "$f" ]; then
			cat "$f"
			head -c $(((4 - size % 4) % 4)) /dev/zero
		fi
		ino=$((ino + 1))
	}
	ino=1
	{
		cpio_entry bin 040755
		cpio_entry dev 040755
		cpio_entry proc 040755
		cpio_entry sys 040755
		cpio_entry tmp 041777
		cpio_entry bin/busybox 0100755 "$work/root/bin/busybox"
		cpio_entry init 0100755 "$work/init"
		ino=0
		cpio_entry TRAILER!!! 0
	} | gzip -9 >"$work/initrd.gz.tmp" && mv "$work/initrd.gz.tmp" "$work/initrd.gz" ||
		fail "cannot build the initramfs"
fi
flock -u 9 2>/dev/null || true

# ---- boot ----
console="$work/$name.console"
stats="$work/$name.stats.json"
echo "kernel: $vmlinux"
echo "command: $run -M pseries -m 1G -nographic -kernel $vmlinux -initrd $work/initrd.gz $* --stats $stats"
start=$(date +%s)
timeout "${KVMPPC_LINUX_TIMEOUT:-900}" "$run" -M pseries -m 1G -nographic \
	-kernel "$vmlinux" -initrd "$work/initrd.gz" "$@" \
	--stats "$stats" --stats-mark "Run /init as init process" \
	--stats-mark "KVMPPC-SHELL-MARKER" </dev/null >"$console" 2>"$work/$name.stderr"
status=$?
end=$(date +%s)
echo "---- console (last 40 lines of $console) ----"
tail -n 40 "$console"
echo "---- stderr ----"
cat "$work/$name.stderr"
echo "---- stats ($((end - start)) s) ----"
cat "$stats" 2>/dev/null

[ $status -ne 124 ] || fail "timed out after ${KVMPPC_LINUX_TIMEOUT:-900} s"
tr -d '\r' <"$console" >"$console.txt" # the tty ends guest lines with CR LF
bad=0
need() { grep -qE "$1" "$console.txt" || { echo "FAIL: console lacks: $1"; bad=1; }; }
never() { if grep -E "$1" "$console.txt" | head -n 3 | grep .; then echo "FAIL: console has: $1"; bad=1; fi; }
need 'Linux version 6\.'
need 'Run /init as init process'
need '^KVMPPC-INIT-STARTED'
need "^MMU[[:space:]]*: $mmu"
need "^cpus: $ncpus\$"
need '^sum: 500500$'
need '^5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  /tmp/f$'
need '^KVMPPC-SHELL-MARKER'
need 'reboot: Power down'
never 'Kernel panic|Oops|BUG:|WARNING:|Call Trace|alg: .*fail|self-tests? .*fail'
[ $status -eq 0 ] || { echo "FAIL: kvmppc-run exited with status $status"; bad=1; }
[ $bad -eq 0 ] || exit 1
echo "PASS: $name booted to the busybox shell in $((end - start)) s"
