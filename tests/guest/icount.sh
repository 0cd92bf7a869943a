#!/bin/sh
# SPDX-License-Identifier: MIT
# Deterministic time: icount.sh KVMPPC_RUN GUEST_ELF CPU
# The icount guest prints time-base values around a computation and H_CEDE waits, PURR
# and the time of day. Run twice with -icount shift=0 (one vcpu) and a fixed -rtc base:
# the outputs and the instruction counts (--stats) must be identical, and a machine
# resumed from a snapshot taken midway must print the same rest; then once with shift=4
# and shift=auto (the fixed shift 3), which must pass their checks too.
run=$1 elf=$2 cpu=$3
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; for f in "$d"/out* "$d"/err*; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done; exit 1; }
insns() { sed -n 's/.*"guest_instructions": \([0-9]*\).*/\1/p' "$1"; }

for i in 1 2; do
	"$run" -nodefaults -nographic -M pseries -cpu "$cpu" -kernel "$elf" -icount shift=0 \
		-rtc base=2020-01-01T00:00:00 --stats "$d/stats$i" >"$d/out$i" 2>"$d/err$i" </dev/null ||
		fail "run $i: status $?"
	[ -s "$d/err$i" ] && fail "run $i: stderr output"
	grep -q "all checks passed" "$d/out$i" || fail "run $i: checks"
done
cmp -s "$d/out1" "$d/out2" || { diff "$d/out1" "$d/out2"; fail "the two runs printed different times"; }
n1=$(insns "$d/stats1") n2=$(insns "$d/stats2")
[ -n "$n1" ] && [ "$n1" = "$n2" ] || fail "instruction counts differ: $n1 vs $n2"
grep -q "time of day: 2020-01-01 00:00:00" "$d/out1" || fail "time of day is not -rtc base + virtual time"
# each cede ends where the decrementer went negative (plus the handler's few instructions),
# the clock having jumped there: no host time, no overshoot
awk '/^cede/ { d = $4 + 0; t = substr($9, 2) + 0; if (t < d || t > d + 100) bad = 1; n++ }
	END { exit bad || n != 4 }' "$d/out1" || fail "a cede did not end at its decrementer"
echo "two runs with -icount shift=0, $n1 instructions each:"; cat "$d/out1"

# a snapshot midway restores the clock: the resumed machine prints the same times
"$run" -nodefaults -nographic -M pseries -cpu "$cpu" -kernel "$elf" -icount shift=0 \
	-rtc base=2020-01-01T00:00:00 --snapshot-save "$d/s.gz" --snapshot-at "console=cede 2" \
	>"$d/out6" 2>"$d/err6" </dev/null || fail "snapshot run: status $?"
cmp -s "$d/out1" "$d/out6" || fail "the snapshot run printed other times"
"$run" --snapshot-load "$d/s.gz" >"$d/out7" 2>"$d/err7" </dev/null || fail "resumed run: status $?"
sed -n '/^cede 2/,$p' "$d/out1" | sed '1s/^cede 2//' >"$d/tail1"
cmp -s "$d/tail1" "$d/out7" || { diff "$d/tail1" "$d/out7"; fail "the resumed run printed other times"; }
echo "resumed from a snapshot at 'cede 2': the same times"

"$run" -nodefaults -nographic -M pseries -cpu "$cpu" -kernel "$elf" -icount 4 >"$d/out3" 2>"$d/err3" </dev/null ||
	fail "shift 4: status $?"
grep -q "all checks passed" "$d/out3" || fail "shift 4: checks"
"$run" -nodefaults -nographic -M pseries -cpu "$cpu" -kernel "$elf" -icount shift=auto,sleep=off \
	>"$d/out4" 2>"$d/err4" </dev/null || fail "shift auto: status $?"
grep -q "all checks passed" "$d/out4" || fail "shift auto: checks"
grep -q "adaptive shift is not supported" "$d/err4" || fail "shift auto: no warning"
"$run" -nodefaults -nographic -M pseries -kernel "$elf" -icount shift=11 >"$d/out5" 2>"$d/err5" </dev/null
[ $? -eq 2 ] || fail "shift 11 accepted"
echo "shift=4, shift=auto (3) and the refusal of shift=11: fine"
exit 0
