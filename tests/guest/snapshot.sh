#!/bin/sh
# SPDX-License-Identifier: MIT
# Snapshot round trip: snapshot.sh KVMPPC_RUN GUEST_ELF CPU
# The first machine saves itself when the guest prints SNAPSHOT-POINT and runs on; a
# second machine loads the file and must print what the first printed after that point.
# Then a corrupt, a truncated and a non-snapshot file must be refused (status 1, message).
run=$1 elf=$2 cpu=$3
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; for f in "$d"/out* "$d"/err*; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done; exit 1; }

"$run" -nodefaults -nographic -M pseries -cpu "$cpu" -smp 2 -kernel "$elf" \
	--snapshot-save "$d/s.gz" --snapshot-at console=SNAPSHOT-POINT >"$d/out1" 2>"$d/err1" </dev/null ||
	fail "first run: status $?"
[ -s "$d/s.gz" ] || fail "no snapshot saved"
[ -s "$d/err1" ] && fail "stderr output"
grep -q "all checks passed" "$d/out1" || fail "first run: checks"
sed -n '/SNAPSHOT-POINT/,$p' "$d/out1" | sed '1s/.*SNAPSHOT-POINT//' >"$d/tail1"

"$run" --snapshot-load "$d/s.gz" >"$d/out2" 2>"$d/err2" </dev/null || fail "resumed run: status $?"
cmp -s "$d/tail1" "$d/out2" || { diff "$d/tail1" "$d/out2"; fail "resumed output differs"; }
grep -q "all checks passed" "$d/out2" || fail "resumed run: checks"
echo "resumed from the snapshot:"; cat "$d/out2"

size=$(wc -c <"$d/s.gz")
cp "$d/s.gz" "$d/corrupt.gz"
printf 'XXXXXXXX' | dd of="$d/corrupt.gz" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
head -c $((size / 2)) "$d/s.gz" >"$d/truncated.gz"
head -c 40 "$d/s.gz" >"$d/short.gz"
echo "not a snapshot" >"$d/junk"
for bad in corrupt.gz truncated.gz short.gz junk missing; do
	"$run" --snapshot-load "$d/$bad" >"$d/out-$bad" 2>"$d/err-$bad" </dev/null
	st=$?
	[ $st -eq 1 ] || fail "$bad: status $st, want 1"
	grep -q "snapshot" "$d/err-$bad" || fail "$bad: no message"
	echo "$bad refused: $(cat "$d/err-$bad")"
done
exit 0
