#!/usr/bin/env python3
"""Compare reference and library result files of the differential tester.

Usage: compare.py cases.bin ref.bin lib.bin [--implemented FILE] [--max-report N]

A case passes when both executors stop the same way (normally, or with the same
exception class at the same instruction) and every register and the data buffer
agree.  A case where the library raised an illegal-instruction program interrupt
that the reference did not is "unimplemented".  With --implemented (one mnemonic
per line, as printed by `kvmppc-isa --implemented`), cases using any mnemonic not
in the list are skipped, and an illegal-instruction interrupt on a listed
mnemonic is a failure.

The last line of the report is always `diff: N passed, M failed`; the exit status
is 1 when M > 0.
"""

import argparse
import collections
import copy
import os
import re
import struct
import subprocess
import sys
import tempfile

HDR = 64
STATE_FMT = "<32Q6Q128Q256s"
STATE_SIZE = struct.calcsize(STATE_FMT)
CASE_HDR_FMT = "<II8III16s16s16s16s"
CASE_HDR_SIZE = struct.calcsize(CASE_HDR_FMT)
RES_HDR_FMT = "<IIIIII8x"
RES_HDR_SIZE = struct.calcsize(RES_HDR_FMT)
ST_OK, ST_EXC, ST_ERR = 0, 1, 2
EXC_NAMES = ["none", "illegal", "privileged", "trap", "fp-enabled", "alignment", "dsi",
             "unavailable", "other"]
V_GPR, V_FPR, V_VSR, V_MEM = 1, 2, 4, 8

# Known deviations of the reference (qemu-user 7.2) from the ISA. Each was checked with a
# static test program under qemu-user; each is narrow, and every case it excuses is
# counted and printed in the summary ("known qemu deviations"), never silently passed.
#
# FPSCR[FR] (bit 45): qemu never writes it; it keeps whatever value it had (fadd of 1 and
# 2^-60 rounding up toward +inf leaves FR = 0). FR is masked out of the FPSCR comparison
# (the unit tests of the FP instructions check it against the ISA).
FPSCR_UNCOMPARED = 1 << 18
# fnmadd/fnmsub[s][.]: the ISA rounds the multiply-add result and then negates it; qemu
# negates first and then rounds, so the two differ under RN = +inf / -inf. A case made of
# one such instruction with RN in {2, 3} whose differences are only in the target FPR,
# the FPSCR and CR1 is counted as this deviation; gen.py uses RN 0/1 for such
# instructions inside longer sequences.
FNM_NAMES = {f"{b}{s}{r}" for b in ("fnmadd", "fnmsub") for s in ("", "s") for r in ("", ".")}
# The same for xsnmaddqp/xsnmsubqp (Book I 7.6: bfp_NEGATE of the rounded result).
FNM_QP_NAMES = {"xsnmaddqp", "xsnmsubqp"}
# Deviations that show only as FPSCR bits: (description, mnemonics one of which the case
# must contain, FPSCR bits allowed to differ, CR1 allowed to differ). A case is excused
# only when every difference is in those bits.
FPSCR_FX, FPSCR_FI, FPSCR_NI = 1 << 31, 1 << 17, 1 << 2
FPSCR_QUIRKS = [
    # Book I 4.2.2: FX is set by every instruction but mtfsf/mtfsfi that turns an
    # exception bit on; qemu's mtfsb1 never sets it. qemu's mtfsb1 29 also leaves NI 0
    # (its mtfsfi 7,4 sets it).
    ("mtfsb1 leaves FX (and NI) alone", {"mtfsb1", "mtfsb1."}, FPSCR_FX | FPSCR_NI, True),
    # fcmpu/fcmpo alter FPCC, FX, VXSNAN (VXVC) only; qemu clears FI.
    ("fcmpu/fcmpo clear FPSCR[FI]", {"fcmpu", "fcmpo"}, FPSCR_FI, False),
]


# The rules below each name the mnemonics, the fields and the condition they excuse; a case
# is excused only when every difference is covered by the one rule that matches.
EXC_FP = 4
FPSCR_OX, FPSCR_UX, FPSCR_ZX, FPSCR_XX = 1 << 28, 1 << 27, 1 << 26, 1 << 25
FPSCR_FEX, FPSCR_VXVC, FPSCR_FPRF, FPSCR_VE, FPSCR_XE = 1 << 30, 1 << 19, 0x1f << 12, 1 << 7, 1 << 3
FPSCR_UE, FPSCR_OE, FPSCR_ZE = 1 << 5, 1 << 6, 1 << 4
FPSCR_VXSNAN = 1 << 24
FP_SIGN_BIT = 1 << 63
# VXSNAN VXISI VXIDI VXZDZ VXIMZ VXVC (bits 24..19) and VXSQRT VXCVI (9, 8); not VXSOFT
FPSCR_VX_KINDS = (0x3f << 19) | (1 << 9) | (1 << 8)
CR0, CR1, CR6 = 0xf0000000, 0x0f000000, 0x000000f0
XER_SO, XER_OV, XER_OV32 = 1 << 31, 1 << 30, 1 << 19
FCFID_NAMES = {f"fcfid{u}{s}{r}" for u in ("", "u") for s in ("", "s") for r in ("", ".")}
DIVWE_NAMES = {f"divwe{u}{o}{r}" for u in ("", "u") for o in ("", "o") for r in ("", ".")}
DIVDE_NAMES = {f"divde{u}{o}{r}" for u in ("", "u") for o in ("", "o") for r in ("", ".")}
VSX_MAXMIN = {"xsmaxdp", "xsmindp", "xvmaxdp", "xvmindp", "xvmaxsp", "xvminsp"}
MFFS_NAMES = {"mffs", "mffs.", "mffsce", "mffsl", "mffscdrn", "mffscdrni", "mffscrn",
              "mffscrni"}
# xv* floating-point arithmetic/conversion (not the logical/permute xxl*/xxperm* family)
# the reciprocal (square root) estimates, rule (28)
ESTIMATES = re.compile(r"f(re|rsqrte)s?\.?|x[sv](re|rsqrte)[sd]p")
XV_FP = re.compile(r"xv(?!.*(?:cpsgn|abs|nabs|neg|tdiv|tsqrt))")


def _stopped_fp(h):
    return h[1] == ST_EXC and h[2] == EXC_FP


# D-form arithmetic whose only target is RT (mulli subfic addic addic. addi addis) and the
# compares (cmpli cmpi): RA is a source there.
_RT_ONLY_D = {7: True, 8: True, 10: False, 11: False, 12: True, 13: True, 14: True, 15: True}


# Opcode-31 forms that write RT only (9-bit XO of the XO-form arithmetic: add subf addc
# subfc adde subfe mulhd[u] mulhw[u] mulld mullw div[w|d][e][u] neg; 10-bit XO of the
# non-update indexed loads: lbzx lhzx lhax lwzx lwax ldx lwbrx lhbrx ldbrx).
_RT_ONLY_XO9 = {266, 40, 10, 8, 138, 136, 9, 73, 11, 75, 233, 235, 457, 489, 459, 491, 393,
                425, 395, 427, 104}
_RT_ONLY_X10 = {87, 279, 343, 23, 341, 21, 534, 790, 532}
# D-form loads without update (lwz lbz lhz lha lfs lfd): RT (a GPR or an FPR) only.
_RT_ONLY_DLOAD = {32, 34, 40, 42, 48, 50}
# Stores without update write no register: D-form stw stb sth stfs stfd, X-form stbx sthx
# stwx stdx st[hwd]brx stfsx stfdx stfiwx stvx stvxl stve[bhw]x stxvd2x stxvw4x stxsdx.
_NO_WRITE_D = {36, 38, 44, 52, 54}
_NO_WRITE_X10 = {215, 407, 151, 149, 918, 662, 660, 663, 727, 983, 231, 487, 135, 167, 199,
                 972, 908, 716}


# GPR stores, X-form XO (stwx stwux stbx stbux sthx sthux stdx stdux stwbrx sthbrx stdbrx)
_GPR_STORE_X10 = {151, 183, 215, 247, 407, 439, 149, 181, 662, 918, 660}


# VMX VX-form rows that write a GPR (vextu[bhw][lr]x, vclzlsbb/vctzlsbb); the others of
# opcode 4, and every FP row of opcodes 59/63, write no GPR.
_VMX_GPR_XO = {1549, 1613, 1677, 1805, 1869, 1933, 1538}


def _untouched_before(words, k, regs, gpr=False, vr=False):
    """True when no instruction before k names any of the 5-bit register numbers in regs
    (conservative: then the initial value is the operand value at instruction k). The
    D-form arithmetic, compares, non-update loads, lwat/ldat (RT+1, RT+2 are only read)
    and XO-form arithmetic are known to write RT at most; with gpr=True (regs are GPRs)
    the VMX and FP rows that write no GPR are skipped too, with vr=True (VRs) the FP rows."""
    for w in words[:k]:
        op = w >> 26
        rt = (w >> 21) & 31
        if op in _RT_ONLY_D:
            named = {rt} if _RT_ONLY_D[op] else set()
        elif gpr and (op in (59, 63) or op == 4 and (w & 0x7ff) not in _VMX_GPR_XO):
            named = set()
        elif vr and op in (59, 63):                                # FPRs only
            named = set()
        elif op in _NO_WRITE_D or op == 31 and ((w >> 1) & 0x3ff) in _NO_WRITE_X10 or \
                op == 62 and (w & 3) in (0, 2):                   # std, stq
            named = set()
        elif op in _RT_ONLY_DLOAD or op == 31 and (((w >> 1) & 0x1ff) in _RT_ONLY_XO9 or
                                                   ((w >> 1) & 0x3ff) in _RT_ONLY_X10):
            named = {rt}
        elif op == 31 and ((w >> 1) & 0x3ff) in (582, 614):      # lwat, ldat
            named = {rt}
        else:
            named = {rt, (w >> 16) & 31, (w >> 11) & 31}
        if named & set(regs):
            return False
    return True


def _bcd_invalid(v):
    """Book I 5.9.x (Decimal Integer Arithmetic): a signed BCD operand is invalid when a
    digit nibble is > 9 or the sign nibble is < 0xA."""
    if (v & 0xf) < 0xa:
        return True
    return any(((v >> (4 * i)) & 0xf) > 9 for i in range(1, 32))


def quirk_rules(mns, words, cst, rst, lst, rh, lh, diffs):
    """diffs: {field name: (ref, lib)} of every compared field that differs; `stop` is in
    it when the executors stopped differently. Returns the deviation's description."""
    same_stop = "stop" not in diffs
    names = set(diffs) - {"stop"}
    # FPSCR enables in force at some point: the initial ones, or any an mtfs* may set
    enables = cst.fpscr | (FPSCR_OE | FPSCR_UE if any(m.startswith("mtfs") for m in mns) else 0)

    # (1) Record-form FP instruction taking an enabled exception (precise mode): Book I
    # 4.4 leaves the CR1 update (Rc=1, 2.3.1: FX FEX VX OX) and, for the kinds that are not
    # suppressed (overflow, underflow, inexact: 4.4.4-4.4.6 "do the same as when
    # disabled"), the target and FPRF to the instruction; qemu raises the interrupt from its
    # helper before either is written. Both must stop with the FP-enabled interrupt at the
    # same instruction.
    if same_stop and _stopped_fp(rh) and _stopped_fp(lh) and rh[3] < len(mns):
        k = rh[3]
        mn = mns[k]
        frt = f"f{(words[k] >> 21) & 31}"
        if mn == "xsrsp":
            frt = f"f{((words[k] >> 21) & 31) | ((words[k] & 1) << 5)}"
        allowed = {"cr"}
        if mn == "xsrsp" and ((rst.fpscr & FPSCR_OE) and (rst.fpscr & FPSCR_OX) or
                              (rst.fpscr & FPSCR_UE) and (rst.fpscr & FPSCR_UX)):
            # xsrsp with an enabled overflow/underflow: the adjusted result is written
            # (4.4.4-4.4.5); qemu drops it as for inexact.
            allowed |= {frt, "fpscr"}
        if (mn in FCFID_NAMES or mn == "xsrsp") and (rst.fpscr & FPSCR_XE) and (rst.fpscr & FPSCR_XX) and \
                not ((rst.fpscr & FPSCR_VE) and (rst.fpscr & (1 << 29))):
            # fcfid*/xsrsp with XE=1: the inexact result is written (4.4.6); qemu
            # drops it. (A VX left sticky by earlier work does not matter while VE=0:
            # the interrupt is the inexact one.)
            allowed |= {frt, "fpscr"}
        # With an enabled invalid operation FI is cleared (4.4.1); qemu leaves it, as (14).
        fi = FPSCR_FI if (rst.fpscr & FPSCR_VE) and (rst.fpscr & (1 << 29)) and \
            (rst.fpscr & FPSCR_FI) else 0
        if fi:
            allowed |= {"fpscr"}
        if (mn.endswith(".") and mn[0] == "f" or mn in FCFID_NAMES or mn == "xsrsp") and \
                names <= allowed \
                and names and ((rst.cr ^ lst.cr) & 0xffffffff & ~CR1) == 0 and \
                ((rst.fpscr ^ lst.fpscr) & ~(FPSCR_FPRF | FPSCR_UNCOMPARED | fi)) == 0 and \
                (frt not in names or diffs[frt][0] == cst.vsr[int(frt[1:])][0] or
                 not _untouched_before(words, k, (int(frt[1:]) & 31,))):
            return ("enabled FP exception on a record form / fcfid* with XE=1: qemu leaves "
                    "CR1 (and the inexact fcfid* result) unwritten")

    # (2) divwe[u][o][.]: Book I 3.3.9, RT[0:31] are undefined (and with Rc=1 so are CR0
    # LT GT EQ in 64-bit mode); qemu sign-extends the word quotient, the library
    # zero-extends it.
    if same_stop and set(mns) & DIVWE_NAMES and names:
        ok = True
        # a later row reading that RT (as RA or RB) computes from the undefined bits
        tainted = set()
        for k, mn in enumerate(mns):
            if mn in DIVWE_NAMES:
                t0 = {(words[k] >> 21) & 31}
                for w2 in words[k + 1:]:
                    if {(w2 >> 16) & 31, (w2 >> 11) & 31} & t0:
                        t0.add((w2 >> 21) & 31)
                        tainted.add(f"r{(w2 >> 21) & 31}")
        # a carrying row (adde, addc, subfe...) reading that RT: CA/CA32 may differ too
        for n in names:
            rv, lv = diffs[n]
            if n == "cr":
                ok &= ((rv ^ lv) & ~0xe0000000) == 0
            elif n == "xer" and tainted:
                ok &= ((rv ^ lv) & ~((1 << 29) | (1 << 18))) == 0
            elif n in tainted:
                pass
            elif n.startswith("r") and n[1:].isdigit():
                ok &= ((rv ^ lv) & 0xffffffff) == 0
            else:
                ok = False
        if ok:
            return "divwe*: RT[0:31] undefined (qemu sign-extends, library zero-extends)"

    # (3) divde[u][o][.] whose quotient does not fit 64 bits: RT (and CR0 LT GT EQ) are
    # undefined, Book I 3.3.9; with OE=1 OV/OV32 (and SO) must be set, which the library
    # does and qemu 7.2 misses (its 128-bit signed division misdetects the overflow).
    for k, mn in enumerate(mns):
        if mn not in DIVDE_NAMES or not same_stop or not names:
            continue
        w = words[k]
        rt, ra, rb = (w >> 21) & 31, (w >> 16) & 31, (w >> 11) & 31
        # each operand: the initial value when nothing before k writes it; else, when
        # nothing from k on writes it (RT of k included), the final value both states hold
        ops = []
        for r in (ra, rb):
            if _untouched_before(words, k, (r,), gpr=True):
                ops.append(cst.gpr[r])
            elif r != rt and not any(
                    {(w2 >> 21) & 31, (w2 >> 16) & 31, (w2 >> 11) & 31} & {r}
                    for w2 in words[k + 1:]) and "r%d" % r not in names:
                ops.append(lst.gpr[r])
            else:
                break
        if len(ops) < 2:
            continue
        a, b = ops
        if "u" in mn:
            over = b == 0 or a >= b
        else:
            sa = a - (1 << 64) if a >> 63 else a
            sb = b - (1 << 64) if b >> 63 else b
            if sb == 0:
                over = True
            else:
                q = abs(sa << 64) // abs(sb)
                q = q if (sa < 0) == (sb < 0) else -q
                over = not -(1 << 63) <= q < (1 << 63)
        if not over:
            continue
        # RT is undefined: later instructions that read it (as RA or RB) compute from an
        # undefined value, so their targets may differ as well (one GPR taint pass).
        tainted = {rt}
        for w2 in words[k + 1:]:
            if {(w2 >> 16) & 31, (w2 >> 11) & 31} & tainted:
                tainted.add((w2 >> 21) & 31)
        # a later GPR store of a tainted register puts the undefined value in memory
        stored = any(((w2 >> 21) & 31) in tainted and
                     (w2 >> 26 in (36, 37, 38, 39, 44, 45) or
                      w2 >> 26 == 62 and (w2 & 3) in (0, 1) or
                      w2 >> 26 == 31 and ((w2 >> 1) & 0x3ff) in _GPR_STORE_X10)
                     for w2 in words[k + 1:])
        ok = names <= {f"r{t}" for t in tainted} | {"cr", "xer"} | ({"mem"} if stored else set())
        # the SO qemu misses shows in the SO bit of a field a later compare writes
        cmp_so = 0
        if "o" in mn[5:]:
            for w2 in words[k + 1:]:
                if w2 >> 26 in (10, 11) or w2 >> 26 == 31 and ((w2 >> 1) & 0x3ff) in (0, 32):
                    cmp_so |= 1 << (4 * (7 - ((w2 >> 23) & 7)))
        if "cr" in names:
            ok &= ((diffs["cr"][0] ^ diffs["cr"][1]) & ~(CR0 | cmp_so)) == 0
        if "xer" in names:
            ok &= ((diffs["xer"][0] ^ diffs["xer"][1]) & ~(XER_SO | XER_OV | XER_OV32)) == 0
            ok &= "o" in mn[5:] and (diffs["xer"][1] & XER_OV) != 0
        if ok:
            return "divde*: quotient overflows 64 bits (RT undefined; qemu misses OV)"

    # (4) VSX vector FP instructions: FPSCR[FI] (and FR) are not among the fields they alter
    # (e.g. xvadddp alters FX OX UX XX VXSNAN VXISI), qemu clears FI. When an element raises
    # an enabled invalid operation, the ISA pseudocode still sets the status bits of every
    # element (only the target write is suppressed); qemu raises the interrupt at the first
    # invalid element and skips the OX/UX/ZX/XX and the invalid-operation bits (VXSQRT,
    # VXSNAN, ...) of the others (xvrsqrtesp of {SNaN, -1}: VXSQRT missing).
    # An mffs* after it copies the FPSCR: its target may differ the same way (and by FR).
    mffs_t = {f"f{(words[j] >> 21) & 31}" for j, m in enumerate(mns) if m in MFFS_NAMES}
    fx = (rst.fpscr ^ lst.fpscr) & ~FPSCR_UNCOMPARED
    mirror_ok = all(((diffs[n][0] ^ diffs[n][1]) & ~FPSCR_UNCOMPARED) == fx
                    for n in names & mffs_t)
    if same_stop and "fpscr" in names and names <= {"fpscr"} | mffs_t and mirror_ok and \
            any(XV_FP.match(m) for m in mns):
        ref_only = rst.fpscr & ~lst.fpscr & ~FPSCR_UNCOMPARED
        lib_only = lst.fpscr & ~rst.fpscr & ~FPSCR_UNCOMPARED
        extra = FPSCR_FI
        if _stopped_fp(rh) and rh[3] < len(mns) and XV_FP.match(mns[rh[3]]) and \
                (rst.fpscr & FPSCR_VE) and (rst.fpscr & (1 << 29)):
            extra |= FPSCR_OX | FPSCR_UX | FPSCR_ZX | FPSCR_XX | FPSCR_VX_KINDS
        if _stopped_fp(rh) and rh[3] < len(mns) and XV_FP.match(mns[rh[3]]) and \
                (rst.fpscr & FPSCR_ZE) and (rst.fpscr & FPSCR_ZX):
            # an enabled zero divide: the same, the other elements' VX (and summary) too
            extra |= FPSCR_OX | FPSCR_UX | FPSCR_XX | FPSCR_VX_KINDS | (1 << 29)
        if ref_only == 0 and lib_only and (lib_only & ~extra) == 0:
            return ("xv* FP: qemu clears FI / omits other elements' status bits on an "
                    "enabled invalid operation")

    # (5) VSX max/min: they alter FX and VXSNAN only (xsmaxdp ...); qemu 7.2 sets UX/XX for
    # denormal or stale inputs and may take an enabled underflow/inexact interrupt there.
    # When the reference stopped at that instruction, nothing after it can be compared.
    for k, mn in enumerate(mns):
        if mn not in VSX_MAXMIN:
            continue
        ref_only = rst.fpscr & ~lst.fpscr & ~FPSCR_UNCOMPARED
        lib_only = lst.fpscr & ~rst.fpscr & ~FPSCR_UNCOMPARED
        spurious = FPSCR_FX | FPSCR_FEX | FPSCR_UX | FPSCR_XX
        if _stopped_fp(rh) and rh[3] == k and not (_stopped_fp(lh) and lh[3] <= k) and \
                (rst.fpscr & (FPSCR_UX | FPSCR_XX)):
            return "xsmax/xsmin: qemu raises a spurious enabled underflow/inexact"
        if same_stop and names == {"fpscr"} and lib_only == 0 and ref_only and \
                (ref_only & ~spurious) == 0:
            return "xsmax/xsmin: qemu sets a spurious UX/XX"

    # (6) FPSCR[FR] (not compared, see above) shows through the mffs family's target, and
    # through mcrfs of field 3 (VXVC FR FI C) into the CR.
    for k, mn in enumerate(mns):
        w = words[k]
        if mn == "mcrfs" and ((w >> 18) & 7) == 3 and same_stop and names == {"cr"} and \
                (diffs["cr"][0] ^ diffs["cr"][1]) == 0x4 << (4 * (7 - ((w >> 23) & 7))):
            return "FPSCR[FR] copied by mcrfs (qemu never writes FR)"
        # an mffs* after an xv* FP row snapshots FI (which qemu clears there, rule 4)
        if mn in MFFS_NAMES and same_stop and names == {f"f{(w >> 21) & 31}"} and \
                any(XV_FP.match(m) for m in mns[:k]):
            n = f"f{(w >> 21) & 31}"
            x = diffs[n][0] ^ diffs[n][1]
            if x & ~(FPSCR_FI | FPSCR_UNCOMPARED) == 0 and (diffs[n][1] & FPSCR_FI):
                return "xv* FP: qemu clears FI (seen through mffs*)"
    for k, mn in enumerate(mns):
        if mn in MFFS_NAMES and names:
            frt = f"f{(words[k] >> 21) & 31}"
            if names == {frt} and (diffs[frt][0] ^ diffs[frt][1]) == FPSCR_UNCOMPARED:
                return "FPSCR[FR] copied by mffs* (qemu never writes FR)"

    # (7) bcdadd./bcdsub. with an invalid operand: VRT is undefined and CR6 = 0b0001 (Book I
    # 5.9.1); qemu 7.2 computes a result from the invalid digits.
    for k, mn in enumerate(mns):
        if mn not in ("bcdadd.", "bcdsub.") or not same_stop:
            continue
        w = words[k]
        vt, va, vb = (w >> 21) & 31, (w >> 16) & 31, (w >> 11) & 31
        if not _untouched_before(words, k, (va, vb), vr=True):
            continue
        def vr(st, n):
            return (st.vsr[32 + n][0] << 64) | st.vsr[32 + n][1]
        if not (_bcd_invalid(vr(cst, va)) or _bcd_invalid(vr(cst, vb))):
            continue
        # a later CR-logical row (crand ... creqv, XL-form XO 33..449) may rewrite CR6
        # bits: those need not hold 0b0001 in the library's final CR
        redone = 0
        for w2 in words[k + 1:]:
            if w2 >> 26 == 19 and ((w2 >> 1) & 0x3ff) in (257, 129, 289, 225, 33, 449,
                                                          417, 193):
                redone |= 1 << (31 - ((w2 >> 21) & 31))
        if names <= {"cr", f"v{vt}"} and ((lst.cr ^ 0x10) & CR6 & ~redone) == 0 and \
                ((rst.cr ^ lst.cr) & 0xffffffff & ~CR6) == 0:
            return "bcdadd./bcdsub. with an invalid operand: qemu computes a result"

    # (8) fcmpo with an SNaN operand sets VXVC only when VE=0 (Book I 4.6.8, fcmpo); qemu
    # 7.2 sets it whatever VE is.
    # It may also set FPSCR[C] there (FPRF = QNaN class); fcmpo alters only FPCC.
    if same_stop and names == {"fpscr"} and "fcmpo" in mns and (cst.fpscr & FPSCR_VE) and \
            (rst.fpscr ^ lst.fpscr) & ~FPSCR_UNCOMPARED in (FPSCR_VXVC,
                                                            FPSCR_VXVC | (1 << 16)) and \
            (rst.fpscr & FPSCR_VXVC) and (rst.fpscr & (1 << 24)):
        return "fcmpo sets VXVC for an SNaN with VE=1"

    # (9) xvcmpge/xvcmpgt[sp|dp][.] are ordered comparisons: a NaN operand (quiet too) is an
    # invalid operation (VXVC); with VE=1 the target is not written and the enabled
    # interrupt is taken. qemu 7.2 sets the same FPSCR bits but writes the target and
    # takes no interrupt. Only the target (and CR6) may differ, the FPSCR must agree.
    if "stop" in diffs and _stopped_fp(lh) and lh[3] < len(mns) and \
            re.fullmatch(r"xvcmpg[te][sd]p\.?", mns[lh[3]]) and (lst.fpscr & FPSCR_VE) and \
            (lst.fpscr & FPSCR_VXVC) and not (rh[1] == ST_EXC and rh[3] <= lh[3]):
        w = words[lh[3]]
        xt = ((w >> 21) & 31) | ((w & 1) << 5)
        tgt = {f"f{xt}", f"vs{xt}.dw1"} if xt < 32 else {f"v{xt - 32}"}
        cr_ok = "cr" not in names or ((diffs["cr"][0] ^ diffs["cr"][1]) & ~CR6) == 0
        # The reference ran on past it: what the later instructions name (their register
        # fields, and CR XER LR CTR VSCR FPSCR memory) is not comparable either.
        later = set()
        for w2 in words[lh[3] + 1:]:
            for n in ((w2 >> 21) & 31, (w2 >> 16) & 31, (w2 >> 11) & 31):
                later |= {f"r{n}", f"f{n}", f"vs{n}.dw1", f"v{n}"}
            later |= {"mem", "xer", "lr", "ctr", "vscr", "fpscr"}
            cr_ok = True
        if names <= tgt | {"cr"} | later and cr_ok:
            return "xvcmpge/gt with a NaN and VE=1: qemu writes the target, takes no interrupt"

    # (10) xxextractuw with UIM > 12: the word would extend past byte 15; ISA 3.0B
    # (xxextractuw) leaves the result undefined. The library takes zeros past the end, qemu
    # reads on (big-endian shows it).
    for k, mn in enumerate(mns):
        w = words[k]
        if mn == "xxextractuw" and ((w >> 16) & 15) > 12 and same_stop:
            xt = ((w >> 21) & 31) | ((w & 1) << 5)
            tgt = {f"f{xt}", f"vs{xt}.dw1"} if xt < 32 else {f"v{xt - 32}"}
            if xt >= 32:
                # a later VMX row (opcode 4) reading that VR computes from the undefined
                # value: its target may differ too
                tainted = {xt - 32}
                for w2 in words[k + 1:]:
                    if w2 >> 26 == 4 and {(w2 >> 16) & 31, (w2 >> 11) & 31} & tainted:
                        tainted.add((w2 >> 21) & 31)
                        tgt |= {f"v{(w2 >> 21) & 31}"}
            else:
                # an FPR: a later FP row (opcodes 59, 63) reading it as FRA, FRB or FRC
                # (fsel, fmr...) computes from the undefined value: its FRT may differ too
                tainted = {xt}
                for w2 in words[k + 1:]:
                    if w2 >> 26 in (59, 63) and {(w2 >> 16) & 31, (w2 >> 11) & 31,
                                                 (w2 >> 6) & 31} & tainted:
                        tainted.add((w2 >> 21) & 31)
                        tgt |= {f"f{(w2 >> 21) & 31}"}
            if names and names <= tgt:
                return "xxextractuw with UIM > 12: result undefined"

    # (11) xscvdpspn of a value below the single-precision denormal range (biased double
    # exponent < 874, nonzero): ConvertDPtoSP_NS (ISA 3.0B) does not define the result.
    for k, mn in enumerate(mns):
        w = words[k]
        if mn != "xscvdpspn" or not same_stop:
            continue
        xb = ((w >> 11) & 31) | (((w >> 1) & 1) << 5)
        if _untouched_before(words, k, (xb & 31,)):
            src = cst.vsr[xb][0]
        elif all((w2 >> 21) & 31 != xb & 31 for w2 in words[k:]):
            # named before k (a GPR of the same number, say) but targeted by nothing from
            # k on: both final states hold the operand
            src = lst.vsr[xb][0]
        else:
            continue
        if (src & ~(1 << 63)) and ((src >> 52) & 0x7ff) < 874:
            xt = ((w >> 21) & 31) | ((w & 1) << 5)
            tgt = {f"f{xt}", f"vs{xt}.dw1"} if xt < 32 else {f"v{xt - 32}"}
            if names and names <= tgt:
                return "xscvdpspn of a value below the single range: result undefined"

    # (11b) xscvdphp with an enabled overflow/underflow: the result is adjusted by -+24 and
    # may wrap the 5-bit exponent; FPRF is +-Normal (Book I 4.4.4-4.4.5), qemu 7.2 classifies
    # the wrapped binary16 pattern (NaN, infinity; 0 for an SNaN-looking one). Only FPRF.
    if "xscvdphp" in mns and same_stop and names == {"fpscr"} and \
            ((rst.fpscr ^ lst.fpscr) & ~(FPSCR_FPRF | FPSCR_UNCOMPARED)) == 0 and \
            ((lst.fpscr & FPSCR_OE) and (lst.fpscr & FPSCR_OX) or
             (lst.fpscr & FPSCR_UE) and (lst.fpscr & FPSCR_UX)):
        return "xscvdphp with an enabled overflow/underflow: qemu classifies the wrapped result"

    # (12) xs{add,sub,mul,div,sqrt,madd..,msub..,nmadd..,nmsub..}sp with OE or UE enabled:
    # the ISA defines one single-precision operation whose enabled overflow/underflow is
    # reported (OX/UX) and classified (FPRF) on the 2^-+192 adjusted single result (Book I
    # 4.4.4-4.4.5, 7.6). qemu 7.2 computes in binary64 first and adjusts there, then
    # converts: e.g. 2^-1022 / 100 (xsdivsp, UE=1) reports OX; FPRF follows its binary64
    # step. Only OX, UX and FPRF may differ.
    if same_stop and names == {"fpscr"} and (enables & ((1 << 6) | (1 << 5))) and \
            any(re.fullmatch(r"xs(add|sub|mul|div|sqrt|re|rsqrte|n?m(add|sub)[am])sp", m) for m in mns) \
            and ((rst.fpscr ^ lst.fpscr) & ~(FPSCR_OX | FPSCR_UX | FPSCR_FPRF |
                                             FPSCR_UNCOMPARED)) == 0:
        return "xs*sp with OE/UE enabled: qemu adjusts the binary64 step (OX/UX, FPRF)"

    # (13) Single-precision results of an enabled overflow/underflow whose 2^-+192 adjusted
    # exponent is still outside the binary32 range: the ISA delivers the adjusted value in
    # the binary64 register format (Book I 4.4.4-4.4.5, exponent field = exp + 1023); qemu
    # 7.2 (xsmulsp, xsaddsp, ...) stores it as binary32, its 8-bit exponent wrapping modulo
    # 256. When the exact result is beyond the binary64 range too (xsdivsp of 1 by a
    # binary64 denormal, OE=UE=1), qemu first rebiases its binary64 step by 1536, then
    # rebiases the binary32 underflow of that by 192 (UE=1) or rounds it to a binary32
    # denormal (UE=0), then wraps. A differing FPR is
    # excused only when the reference is exactly the library's value with one of those.
    sp_re = r"xs(add|sub|mul|div|sqrt|re|rsqrte|n?m(add|sub)[am])sp|xsrsp|xscvdpsp|f[a-z]*s\.?"
    if same_stop and names and (enables & ((1 << 6) | (1 << 5))) and \
            any(re.fullmatch(sp_re, m) for m in mns):
        def wrap32(x):
            e8 = (((x >> 52) & 0x7ff) - 1023 + 127) & 0xff
            w = ((x >> 63) << 31) | (e8 << 23) | ((x >> 29) & 0x7fffff)
            return struct.unpack("<Q", struct.pack("<d", struct.unpack("<f",
                                                   struct.pack("<I", w))[0]))[0]
        def rebias2(x):
            # The binary64 step of a result beyond the binary64 range as well: qemu rebiases
            # it there by 1536 (the binary64 adjustment), then its binary32 conversion
            # underflows (overflows) and is rebiased by 192, then wraps modulo 256.
            # x is the library's value, exponent e = the true exponent -+ 192.
            e = ((x >> 52) & 0x7ff) - 1023
            if e > 127 and (enables & FPSCR_OE):
                t = e + 192
            elif e < -126 and (enables & FPSCR_UE):
                t = e - 192
            else:
                return None
            if t > 1023 and (enables & FPSCR_OE):
                t -= 1536
            elif t < -1022 and (enables & FPSCR_UE):
                t += 1536
            else:
                return None
            if t > 127 and (enables & FPSCR_OE):
                t -= 192
            elif t < -126 and (enables & FPSCR_UE):
                t += 192
            elif t < -126:
                # a disabled underflow: qemu's binary32 of it is a denormal or zero,
                # rounded in FPSCR[RN] (units of 2^-149)
                m = (1 << 52) | (x & ((1 << 52) - 1))
                sh = 52 - t - 149            # m * 2^(t-52) / 2^-149 = m >> sh
                if not 0 < sh < 4000:
                    return None
                q, rem = m >> sh, m & ((1 << sh) - 1)
                half = 1 << (sh - 1)
                neg = x >> 63
                rn = cst.fpscr & 3
                if rn == 0:
                    q += rem > half or (rem == half and q & 1)
                elif rn == 2:
                    q += bool(rem) and not neg
                elif rn == 3:
                    q += bool(rem) and neg
                w = (neg << 31) | q          # q <= 2^23: a binary32 denormal (or min normal)
                return struct.unpack("<Q", struct.pack("<d", struct.unpack("<f",
                                                       struct.pack("<I", w))[0]))[0]
            e8 = (t + 127) & 0xff
            if e8 in (0, 0xff):
                return None
            w = ((x >> 63) << 31) | (e8 << 23) | ((x >> 29) & 0x7fffff)
            return struct.unpack("<Q", struct.pack("<d", struct.unpack("<f",
                                                   struct.pack("<I", w))[0]))[0]
        fprs = [n for n in names if re.fullmatch(r"f\d+", n)]
        others = names - set(fprs) - {"fpscr", "cr"}
        if fprs and not others and \
                all(diffs[n][0] in (wrap32(diffs[n][1]), rebias2(diffs[n][1])) for n in fprs) and \
                ("fpscr" not in names or ((rst.fpscr ^ lst.fpscr) &
                                          ~(FPSCR_FPRF | FPSCR_UNCOMPARED)) == 0) and \
                ("cr" not in names or ((rst.cr ^ lst.cr) & 0xffffffff & ~CR1) == 0):
            return ("single-precision enabled over/underflow beyond binary32: qemu wraps the "
                    "adjusted exponent modulo 256")

    # (14) Enabled invalid operation (VE=1) in an arithmetic, round or convert instruction:
    # the target is unchanged and FR, FI are cleared (Book I 4.4.1); qemu 7.2 leaves FI.
    # Both must take the interrupt at the same instruction with VX set; only FI differs.
    if same_stop and names == {"fpscr"} and _stopped_fp(rh) and _stopped_fp(lh) and \
            (rst.fpscr & FPSCR_VE) and (rst.fpscr & (1 << 29)) and \
            ((rst.fpscr ^ lst.fpscr) & ~FPSCR_UNCOMPARED) == FPSCR_FI and \
            (rst.fpscr & FPSCR_FI):
        return "enabled invalid operation: qemu leaves FPSCR[FI] (the ISA clears it)"

    # (15) xsrqpi/xsrqpix/xsrqpxp with R=0, RMC=3 round in the mode FPSCR[RN] names (Book I
    # 7.6, xsrqpi); qemu 7.2 passes the RN field to softfloat as its own rounding-mode
    # number, so RN=1 (toward zero) rounds toward -inf and RN=3 (toward -inf) toward zero.
    # One-instruction cases with RN in {1, 3}: only VRT and the FPSCR may differ.
    if same_stop and len(mns) == 1 and mns[0] in ("xsrqpi", "xsrqpix", "xsrqpxp") and \
            ((words[0] >> 9) & 3) == 3 and not ((words[0] >> 16) & 1) and \
            (cst.fpscr & 3) in (1, 3) and names <= {f"v{(words[0] >> 21) & 31}", "fpscr"}:
        return "xsrqpi*/xsrqpxp R=0 RMC=3: qemu swaps RN 1 and 3 (toward zero / -inf)"
    # ... and in a sequence whose mtfsf* set RN to 1 or 3 (final RN, equal on both sides).
    for k, mn in enumerate(mns):
        w = words[k]
        if same_stop and mn in ("xsrqpi", "xsrqpix", "xsrqpxp") and ((w >> 9) & 3) == 3 and \
                not ((w >> 16) & 1) and any(m.startswith("mtfsf") for m in mns[:k]) and \
                (lst.fpscr & 3) in (1, 3) and (rst.fpscr & 3) == (lst.fpscr & 3) and \
                names and names <= {f"v{(w >> 21) & 31}", "fpscr"}:
            return "xsrqpi*/xsrqpxp R=0 RMC=3: qemu swaps RN 1 and 3 (toward zero / -inf)"

    # (16) xsrqpxp of a NaN: the result is the (quieted) NaN operand (Book I 7.6); qemu 7.2
    # rounds through floatx80 and keeps only the top 63 fraction bits of the payload. Every
    # differing VR must be the library's NaN with fraction bits 0:48 of doubleword 1 cleared
    # (gen.py keeps xsrqpxp out of sequences, where the NaN would flow on).
    if same_stop and "xsrqpxp" in mns and names and all(re.fullmatch(r"v\d+", n) for n in names):
        def is_qnan(x):
            return ((x >> 112) & 0x7fff) == 0x7fff and (x & ((1 << 112) - 1)) != 0
        if all(is_qnan(diffs[n][1]) and diffs[n][0] == diffs[n][1] & ~((1 << 49) - 1)
               for n in names):
            return "xsrqpxp of a NaN: qemu truncates the payload to 63 fraction bits"

    # (17) xsnmsubqpo rounds to odd (Book I 7.6); qemu 7.2 rounds it in FPSCR[RN] (its
    # xsnmsubqp with RO=1 drops the round-to-odd mode; xsnmaddqpo is right). gen.py keeps
    # it out of sequences; in a one-instruction case only VRT and the FPSCR may differ.
    if same_stop and len(mns) == 1 and mns[0] == "xsnmsubqpo" and \
            names <= {f"v{(words[0] >> 21) & 31}", "fpscr"}:
        return "xsnmsubqpo: qemu rounds in FPSCR[RN], not to odd"

    # (18) xscmpexpqp alters only FPCC and CR[BF] (Book I 7.6); qemu 7.2 ends it with a
    # check of its softfloat status it never reset, so stale exception flags of earlier
    # host-side FP work show up as FX/OX/UX/ZX/XX/FI (checked: a lone xscmpexpqp sets FX
    # and XX). gen.py clears XE for cases holding it; only those bits may differ, set in
    # the reference.
    stale = FPSCR_FX | FPSCR_OX | FPSCR_UX | FPSCR_ZX | FPSCR_XX | FPSCR_FI
    if same_stop and "xscmpexpqp" in mns and names == {"fpscr"} and \
            ((rst.fpscr ^ lst.fpscr) & ~(stale | FPSCR_UNCOMPARED)) == 0 \
            and (rst.fpscr & ~lst.fpscr & ~FPSCR_UNCOMPARED) == \
            (rst.fpscr ^ lst.fpscr) & ~FPSCR_UNCOMPARED:
        return "xscmpexpqp: qemu sets stale FX/XX/FI"

    # (19) xvcmp{eq,gt,ge}{sp,dp}. taking an enabled invalid operation (VE=1, an SNaN, or
    # any NaN for gt/ge): the target is not written but the pseudocode still sets CR6
    # (all_true || 0 || all_false || 0; ISA 3.0B xvcmpeqdp & co.); qemu 7.2 raises the
    # interrupt from inside its helper and leaves CR6 as it was. Both must stop at the
    # same instruction; only CR6 may differ, the reference's being the initial one.
    # qemu 7.2 also loses the result of an isel right before such an xvcmp*. (checked:
    # isel; xvcmpeqdp. of an SNaN with VE=1 leaves isel's RT as it was, while addi; xvcmpeqdp.
    # and isel; xvcmpeqdp do not): that RT may differ, the reference's being the initial.
    isel_rt = set()
    if rh[3] < len(mns) and rh[3] > 0 and mns[rh[3] - 1] == "isel":
        n = f"r{(words[rh[3] - 1] >> 21) & 31}"
        if n in names and diffs[n][0] == cst.gpr[int(n[1:])]:
            isel_rt = {n}
    if same_stop and _stopped_fp(rh) and _stopped_fp(lh) and rh[3] < len(mns) and \
            re.fullmatch(r"xvcmp(eq|gt|ge)[sd]p\.", mns[rh[3]]) and \
            names - isel_rt == {"cr"} and \
            (rst.fpscr & FPSCR_VE) and (rst.fpscr & (1 << 29)) and \
            ((rst.cr ^ lst.cr) & 0xffffffff & ~CR6) == 0 and \
            ((rst.cr ^ cst.cr) & CR6) == 0:
        return "xvcmp*. with an enabled invalid operation: qemu leaves CR6 unwritten"

    # (20) xs{add,sub,mul,div,sqrt,madd..}sp with UE=0: one rounding to single precision
    # (Book I 7.6 xsaddsp; 4.4.5) makes a tiny inexact result an underflow (UX). qemu 7.2
    # rounds in binary64 first and then converts: when the binary64 value is exactly a
    # binary32 denormal the conversion is exact and it reports no underflow (2^-127 +
    # 2^-483). Only UX may differ, set by the library, with XX set on both sides.
    if same_stop and names == {"fpscr"} and not (cst.fpscr & FPSCR_UE) and \
            any(re.fullmatch(r"xs(add|sub|mul|div|sqrt|re|rsqrte|n?m(add|sub)[am])sp", m) for m in mns) \
            and ((rst.fpscr ^ lst.fpscr) & ~FPSCR_UNCOMPARED) == FPSCR_UX and \
            (lst.fpscr & FPSCR_UX) and (rst.fpscr & FPSCR_XX) and (lst.fpscr & FPSCR_XX):
        return "xs*sp: qemu's binary64 step hides a tiny inexact single result (no UX)"

    # (21) xststdcsp with an operand in the binary32 denormal range of the binary64 format
    # (biased exponent 1..0x380): class Denormal, which matches only when DCMX selects it
    # (ISA 3.0B xststdcsp); qemu 7.2 reports a match whatever DCMX is. Only the FE bit
    # of CR[BF] and of FPCC may differ, set in the reference.
    for k, mn in enumerate(mns):
        w = words[k]
        if mn != "xststdcsp" or not same_stop or not names or not names <= {"cr", "fpscr"}:
            continue
        xb = ((w >> 11) & 31) | (((w >> 1) & 1) << 5)
        if _untouched_before(words, k, (xb & 31,)):
            src = cst.vsr[xb][0]
        elif all((w2 >> 21) & 31 != xb & 31 for w2 in words[k + 1:]):
            # rewritten (or merely named) before k, but no later row's target field names
            # it (every FP/VMX/VSX target is that field): both final states hold the operand
            src = lst.vsr[xb][0]
        else:
            continue
        if not 1 <= (src >> 52) & 0x7ff <= 0x380:
            continue
        fe_cr = 0x2 << (4 * (7 - ((w >> 23) & 7)))
        fe_fpscr = 0x2 << 12
        fp_x = (rst.fpscr ^ lst.fpscr) & ~FPSCR_UNCOMPARED
        if ((rst.cr ^ lst.cr) & 0xffffffff) in (0, fe_cr) and (rst.cr & fe_cr) and \
                (fp_x == 0 or fp_x == fe_fpscr and (rst.fpscr & fe_fpscr)):
            return "xststdcsp of a binary32-range denormal: qemu matches whatever DCMX is"
    # (22) Underflow that qemu 7.2 does not report. (a) xv* FP with one element
    # overflowing and another underflowing: each element sets its own status (ISA 3.0B
    # xvmulsp & co.), so OX and UX are both set; qemu reports overflow or underflow, never
    # both. (b) xs*sp whose single result is tiny but whose binary64 step is not (xsmulsp of
    # a small value squared, UE=1): the ISA rounds once (Book I 4.4.5, 7.6) and reports UX;
    # qemu's binary64-then-binary32 path reports OX (and a binary64 result) instead. With
    # UE=1 the library takes the enabled interrupt at that instruction and qemu runs on:
    # its target, the FPSCR, CR and whatever the later instructions name are not compared.
    if _stopped_fp(lh) and lh[3] < len(mns) and not (rh[1] == ST_EXC and rh[3] <= lh[3]) or \
            same_stop and names == {"fpscr"}:
        k = lh[3] if not same_stop else None
        cands = [k] if k is not None else range(len(mns))
        for j in cands:
            mn = mns[j]
            xv = XV_FP.match(mn) and (lst.fpscr & FPSCR_OX)
            xs = re.fullmatch(r"xs(add|sub|mul|div|sqrt|re|rsqrte|n?m(add|sub)[am])sp", mn)
            if not (xv or xs) or not (lst.fpscr & FPSCR_UX) or (rst.fpscr & FPSCR_UX):
                continue
            if k is None:
                fx = (rst.fpscr ^ lst.fpscr) & ~FPSCR_UNCOMPARED
                if xv and fx & ~(FPSCR_UX | FPSCR_FI) == 0:
                    return "xv* FP: qemu reports overflow or underflow, never both (no UX)"
                continue
            if not (lst.fpscr & FPSCR_UE):
                continue
            w = words[j]
            xt = ((w >> 21) & 31) | ((w & 1) << 5)
            allowed = ({f"f{xt}", f"vs{xt}.dw1"} if xt < 32 else {f"v{xt - 32}"}) | \
                {"cr", "fpscr"}
            for w2 in words[j + 1:]:
                for n in ((w2 >> 21) & 31, (w2 >> 16) & 31, (w2 >> 11) & 31):
                    allowed |= {f"r{n}", f"f{n}", f"vs{n}.dw1", f"v{n}"}
                allowed |= {"mem", "xer", "lr", "ctr", "vscr"}
            if names <= allowed:
                return ("enabled underflow qemu does not see (xv* OX and UX; xs*sp binary64 "
                        "step): it takes no interrupt")
    # (23) xscmpgedp/xscmpgtdp with a NaN and VE=1: an invalid operation (VXVC) that
    # suppresses the target (ISA 3.0B xscmpgtdp: vex_flag=1, VSR[XT] not written); qemu 7.2
    # writes the false mask (0). Only that target may differ, the library's unchanged.
    for k, mn in enumerate(mns):
        if mn not in ("xscmpgedp", "xscmpgtdp") or not same_stop or not names:
            continue
        w = words[k]
        xt = ((w >> 21) & 31) | ((w & 1) << 5)
        tgt = {f"f{xt}", f"vs{xt}.dw1"} if xt < 32 else {f"v{xt - 32}"}
        if names <= tgt and (lst.fpscr & FPSCR_VE) and (lst.fpscr & FPSCR_VXVC) and \
                all(diffs[n][0] == 0 for n in names):
            return "xscmpge/gtdp with a NaN and VE=1: qemu writes the target"

    # (24) mtvscr with bits other than NJ and SAT set: those VSCR bits are reserved (Book I
    # 6.6.1); the library keeps them 0, qemu 7.2 stores them. Only VSCR may differ, and
    # only outside NJ (0x10000) and SAT (1).
    if same_stop and names == {"vscr"} and "mtvscr" in mns and \
            ((rst.vscr ^ lst.vscr) & 0x10001) == 0:
        return "mtvscr: qemu keeps reserved VSCR bits"
    # (25) xsmaxcdp with +0 and -0: (A > B) ? A : B gives B (ISA 3.0B type-C maximum);
    # qemu 7.2 gives A. Only the target may differ: the reference A, the library B.
    for k, mn in enumerate(mns):
        w = words[k]
        if mn != "xsmaxcdp" or not same_stop or not names:
            continue
        xa = ((w >> 16) & 31) | (((w >> 2) & 1) << 5)
        xb = ((w >> 11) & 31) | (((w >> 1) & 1) << 5)
        xt = ((w >> 21) & 31) | ((w & 1) << 5)
        if not _untouched_before(words, k, (xa & 31, xb & 31)):
            continue
        a, b = cst.vsr[xa][0], cst.vsr[xb][0]
        tgt = {f"f{xt}", f"vs{xt}.dw1"} if xt < 32 else {f"v{xt - 32}"}
        if (a | b) & ~FP_SIGN_BIT == 0 and a != b and names <= tgt:
            return "xsmaxcdp of +0 and -0: qemu gives A (the ISA B)"
    # (26) Single-precision stores (stfs*, stxssp*) of a nonzero value below the binary32
    # denormal range (biased exponent < 874): the stored word is undefined (Book I 4.6.3,
    # as xscvdpspn above). Only memory may differ. The value is the register's final one,
    # which both sides agree on (nothing after the store may name it).
    for k, mn in enumerate(mns):
        w = words[k]
        if mn not in ("stfs", "stfsu", "stfsx", "stfsux", "stxssp", "stxsspx") or \
                not same_stop or names != {"mem"}:
            continue
        fs = (w >> 21) & 31
        if any((w2 >> 21) & 31 == fs for w2 in words[k + 1:]):
            continue
        # stxssp VRS: VSR 32+RS; stxsspx XS: SX (bit 31) || S
        xs = fs + 32 if mn == "stxssp" else fs | ((w & 1) << 5) if mn == "stxsspx" else fs
        v = lst.vsr[xs][0]
        if (v & ~FP_SIGN_BIT) and ((v >> 52) & 0x7ff) < 874:
            return "single-precision store of a value below the binary32 range: undefined"

    # (27) xscvsxdsp/xscvuxdsp round the integer once to binary32 (ISA 3.0B); qemu 7.2
    # rounds it to binary64 first, so a binary32 tie made by that first rounding goes to
    # even. RN=0 only: the target must be exactly qemu's double rounding of the source.
    for k, mn in enumerate(mns):
        w = words[k]
        if mn not in ("xscvsxdsp", "xscvuxdsp") or not same_stop or (cst.fpscr & 3) or \
                not names:
            continue
        xb = ((w >> 11) & 31) | (((w >> 1) & 1) << 5)
        xt = ((w >> 21) & 31) | ((w & 1) << 5)
        if not _untouched_before(words, k, (xb & 31,)):
            continue
        x = cst.vsr[xb][0]
        if mn == "xscvsxdsp" and x >> 63:
            x -= 1 << 64
        d = struct.unpack("<Q", struct.pack("<d", struct.unpack("<f", struct.pack(
            "<f", float(x)))[0]))[0]
        tgt = {f"f{xt}", f"vs{xt}.dw1"} if xt < 32 else {f"v{xt - 32}"}
        ref_t = diffs.get(f"f{xt}", diffs.get(f"v{xt - 32}", (None,)))[0]
        if xt >= 32 and ref_t is not None:
            ref_t >>= 64
        if names <= tgt | {"fpscr"} and ref_t == d and \
                ("fpscr" not in names or ((rst.fpscr ^ lst.fpscr) & ~(FPSCR_FPRF |
                                          FPSCR_FI | FPSCR_UNCOMPARED)) == 0):
            return "xscv[su]xdsp: qemu rounds through binary64 (double rounding)"

    # (29) Multiply-add with an SNaN operand and an infinity times zero product: both
    # VXSNAN and VXIMZ are set (Book I 4.4.1; ISA 3.0B xvnmsubadp & co.: vxsnan_flag and
    # vximz_flag are separate). qemu 7.2 reports only VXIMZ there. The operands are the
    # initial values (the registers untouched before the row); only VXSNAN may differ.
    if same_stop and names == {"fpscr"} and \
            (lst.fpscr & ~rst.fpscr & ~FPSCR_UNCOMPARED) == FPSCR_VXSNAN and \
            not (rst.fpscr & ~lst.fpscr & ~FPSCR_UNCOMPARED):
        def snan(x, sp):
            return (x & 0x7fffffff) > 0x7f800000 and not x & 0x400000 if sp else \
                (x & ~FP_SIGN_BIT) > 0x7ff << 52 and not x & (1 << 51)
        def inf0(x, y, sp):
            m = 0x7fffffff if sp else ~FP_SIGN_BIT
            i = 0x7f800000 if sp else 0x7ff << 52
            return (x & m == i and y & m == 0) or (x & m == 0 and y & m == i)
        def vsr_untouched(k, regs):
            # VSX (opcode 60), FP (59, 63) and VMX (4) rows write their target only; any
            # other row is judged by _untouched_before (every register field it names)
            for j in range(k):
                w2 = words[j]
                op = w2 >> 26
                if op == 60:
                    written = {((w2 >> 21) & 31) | ((w2 & 1) << 5)}
                elif op in (59, 63):
                    written = {(w2 >> 21) & 31}
                elif op == 4:
                    written = {32 + ((w2 >> 21) & 31)}
                elif _untouched_before([w2], 1, {r & 31 for r in regs}):
                    continue
                else:
                    return False
                if written & set(regs):
                    return False
            return True
        for k, mn in enumerate(mns):
            w = words[k]
            if re.fullmatch(r"f(n?m(add|sub))s?\.?", mn):
                t, a, b, c = (w >> 21) & 31, (w >> 16) & 31, (w >> 11) & 31, (w >> 6) & 31
                if not vsr_untouched(k, (a, b, c)):
                    continue
                va, vb, vc = cst.vsr[a][0], cst.vsr[b][0], cst.vsr[c][0]
                if any(snan(x, False) for x in (va, vb, vc)) and inf0(va, vc, False):
                    return "multiply-add with an SNaN and inf*0: qemu omits VXSNAN"
            m = re.fullmatch(r"x([sv])n?m(add|sub)([am])([sd])p", mn)
            if not m:
                continue
            t = ((w >> 21) & 31) | ((w & 1) << 5)
            a = ((w >> 16) & 31) | (((w >> 2) & 1) << 5)
            b = ((w >> 11) & 31) | (((w >> 1) & 1) << 5)
            if not vsr_untouched(k, (t, a, b)):
                continue
            other = b if m.group(3) == "a" else t
            if m.group(1) == "s":
                els = [(cst.vsr[a][0], cst.vsr[other][0], cst.vsr[t][0], cst.vsr[b][0])]
                sp = False
            else:
                sp = m.group(4) == "s"
                def parts(r):
                    v = (cst.vsr[r][0] << 64) | cst.vsr[r][1]
                    n, width = (4, 32) if sp else (2, 64)
                    return [(v >> (width * (n - 1 - i))) & ((1 << width) - 1) for i in range(n)]
                els = list(zip(parts(a), parts(other), parts(t), parts(b)))
            for ea, eo, et, eb in els:
                if any(snan(x, sp) for x in (ea, et, eb)) and inf0(ea, eo, sp):
                    return "multiply-add with an SNaN and inf*0: qemu omits VXSNAN"

    # (28) Reciprocal (square root) estimates: their Special Registers Altered (ISA 3.0B
    # fre[s]: FPRF FR FI(undefined) FX OX UX ZX VXSNAN; frsqrte[s]: ... FX ZX VXSNAN VXSQRT;
    # xs/xv re[sd]p, rsqrte[sd]p the same) do not include XX. qemu 7.2 sets XX (so FX, and
    # with XE=1 FEX and the enabled inexact interrupt) when the estimate is rounded. A zero
    # operand gives +-Inf with ZX: qemu's VSX forms omit ZX (and with ZE=1 write the target
    # and take no interrupt), its fre[s] gives +-1/2 (with ZX).
    est = [k for k, m in enumerate(mns) if ESTIMATES.fullmatch(m)]
    if est:
        if "stop" in diffs:
            if _stopped_fp(rh) and rh[3] in est and (rst.fpscr & FPSCR_XE) and \
                    (rst.fpscr & FPSCR_XX) and not (lh[1] == ST_EXC and lh[3] <= rh[3]):
                return "estimate with XE=1: qemu sets XX and takes the inexact interrupt"
            if _stopped_fp(lh) and lh[3] in est and mns[lh[3]][0] == "x" and \
                    (lst.fpscr & FPSCR_ZE) and (lst.fpscr & FPSCR_ZX) and \
                    not (rh[1] == ST_EXC and rh[3] <= lh[3]):
                return "VSX estimate of zero with ZE=1: qemu omits ZX, writes the target"
        else:
            fre = [k for k in est if mns[k].startswith("fre")]
            ref_bits = FPSCR_XX | FPSCR_FX | FPSCR_FEX
            lib_bits = FPSCR_ZX | FPSCR_FX | FPSCR_FEX
            if fre:
                ref_bits |= FPSCR_FPRF
                lib_bits |= FPSCR_FPRF
            if any(XV_FP.match(m) or m in ("fcmpu", "fcmpo") for m in mns):
                lib_bits |= FPSCR_FI  # qemu clears FI in xv* FP and fcmp*, rule (4)
            ref_only = rst.fpscr & ~lst.fpscr & ~FPSCR_UNCOMPARED
            lib_only = lst.fpscr & ~rst.fpscr & ~FPSCR_UNCOMPARED
            tgt = set()
            for k in fre:
                n = f"f{(words[k] >> 21) & 31}"
                if n in names and diffs[n][1] == (diffs[n][0] & FP_SIGN_BIT) | 0x7ff << 52 \
                        and diffs[n][0] & ~FP_SIGN_BIT == 0x3fe << 52:
                    tgt.add(n)
            for k, m in enumerate(mns):
                # setb of CR1 after a record-form estimate sees its FX
                if m == "setb" and (words[k] >> 18) & 7 == 1 and \
                        any(j < k and mns[j].endswith(".") for j in est):
                    tgt.add(f"r{(words[k] >> 21) & 31}")
            if (lib_only & FPSCR_ZX) and (lst.fpscr & FPSCR_ZE):
                # ZE=1 (MSR[FE0,FE1] = 0): the library leaves the VSX target, qemu writes it
                for k in est:
                    if mns[k][0] == "x":
                        xt = ((words[k] >> 21) & 31) | ((words[k] & 1) << 5)
                        tgt |= {f"f{xt}", f"vs{xt}.dw1"} if xt < 32 else {f"v{xt - 32}"}
            ok = names and names <= {"fpscr", "cr"} | mffs_t | tgt and \
                (ref_only & ~ref_bits) == 0 and (lib_only & ~lib_bits) == 0
            # CR1 of a record form (FX FEX VX OX) shows the FX/FEX difference, and an
            # mcrfs of FPSCR field 0 or 1 (FX FEX VX OX, UX ZX XX VXSNAN) the XX one
            crmask = 0x0c000000 if any(
                m.endswith(".") and (m[0] == "f" or m.startswith("mtfs")) for m in mns) else 0
            for k, m in enumerate(mns):
                if m == "mcrfs" and (words[k] >> 18) & 7 in (0, 1):
                    crmask |= 0xf << (4 * (7 - ((words[k] >> 23) & 7)))
            if "cr" in names:
                ok = ok and ((diffs["cr"][0] ^ diffs["cr"][1]) & ~crmask) == 0
            for n in names & mffs_t:
                ok = ok and ((diffs[n][0] ^ diffs[n][1]) &
                             ~(ref_bits | lib_bits | FPSCR_UNCOMPARED)) == 0
            if not ok and (ref_only & FPSCR_XX) and "fpscr" in names:
                # qemu's XX next to another known deviation: excuse XX (FX FEX) and let
                # the other rules judge the rest
                lst2 = copy.copy(lst)
                lst2.fpscr = lst.fpscr | (ref_only & (FPSCR_XX | FPSCR_FX | FPSCR_FEX))
                d2 = dict(diffs)
                if "cr" in d2 and ((rst.cr ^ lst.cr) & 0xffffffff & ~crmask) == 0:
                    lst2.cr = rst.cr
                    del d2["cr"]
                if (rst.fpscr ^ lst2.fpscr) & ~FPSCR_UNCOMPARED:
                    d2["fpscr"] = (rst.fpscr, lst2.fpscr)
                else:
                    del d2["fpscr"]
                q = quirk_rules(mns, words, cst, rst, lst2, rh, lh, d2) if set(d2) else None
                if q:
                    return f"estimate: qemu sets XX + {q}"
            if ok:
                return ("estimate: qemu sets XX (not altered by it) / omits the VSX ZX / "
                        "gives +-1/2 for fre of +-0")
    return None


class State:
    def __init__(self, buf, off):
        v = struct.unpack_from(STATE_FMT, buf, off)
        self.gpr = list(v[0:32])
        self.cr, self.xer, self.lr, self.ctr, self.fpscr, self.vscr = v[32:38]
        flat = v[38:166]
        self.vsr = [(flat[2 * i], flat[2 * i + 1]) for i in range(64)]
        self.mem = v[166]


def read_file(path, magic, hdr_fmt, hdr_size):
    with open(path, "rb") as f:
        buf = f.read()
    if len(buf) < HDR or buf[:8] != magic:
        sys.exit(f"compare.py: {path}: bad header")
    version, count, recsize = struct.unpack_from("<III", buf, 8)
    recs = []
    for i in range(count):
        off = HDR + i * recsize
        if off + recsize > len(buf):
            break           # truncated (executor died): the rest count as errors
        h = struct.unpack_from(hdr_fmt, buf, off)
        recs.append((h, State(buf, off + hdr_size)))
    return count, recs


def fields(valid):
    """Yield (name, getter) for every compared field allowed by `valid`."""
    if valid & V_GPR:
        for i in range(32):
            if i in (1, 13):
                continue
            yield f"r{i}", (lambda s, i=i: s.gpr[i])
        yield "cr", lambda s: s.cr & 0xffffffff
        yield "xer", lambda s: s.xer
        yield "lr", lambda s: s.lr
        yield "ctr", lambda s: s.ctr
    if valid & V_FPR:
        for i in range(32):
            yield f"f{i}", (lambda s, i=i: s.vsr[i][0])
        yield "fpscr", lambda s: s.fpscr & ~FPSCR_UNCOMPARED
    if valid & V_VSR:
        for i in range(32):
            yield f"vs{i}.dw1", (lambda s, i=i: s.vsr[i][1])
        for i in range(32):
            yield f"v{i}", (lambda s, i=i: (s.vsr[32 + i][0] << 64) | s.vsr[32 + i][1])
        yield "vscr", lambda s: s.vscr & 0xffffffff
    if valid & V_MEM:
        yield "mem", lambda s: s.mem


def fmt(name, v):
    if name == "mem":
        return v.hex()
    if name.startswith("v") and not name.startswith("vs") and name != "vscr":
        return f"{v:032x}"
    return f"{v:016x}"


def mem_diff(a, b):
    out = []
    for off in range(0, len(a), 8):
        if a[off:off + 8] != b[off:off + 8]:
            out.append(f"    mem[{off:3d}:{off + 8:3d}] ref {a[off:off + 8].hex()}  "
                       f"lib {b[off:off + 8].hex()}")
    return out


def disassemble(words, endian="le"):
    objdump = os.environ.get("PPC_OBJDUMP", "powerpc64le-linux-gnu-objdump")
    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
        f.write(struct.pack(f"<{len(words)}I", *words))
        name = f.name
    try:
        out = subprocess.run([objdump, "-D", "-b", "binary", "-m", "powerpc:common64",
                              "-M", "power10", "-EL", name], capture_output=True, text=True,
                             check=False).stdout
    except OSError:
        return [f"    .long 0x{w:08x}" for w in words]
    finally:
        os.unlink(name)
    lines = [ln for ln in out.splitlines() if re.match(r"\s+[0-9a-f]+:\s", ln)]
    res = []
    for ln in lines:
        parts = ln.split("\t")
        res.append("    " + "\t".join(p.strip() for p in parts[1:]))
    return res or [f"    .long 0x{w:08x}" for w in words]


def involved_regs(asm_lines):
    regs = []
    for ln in asm_lines:
        text = ln.split("\t", 1)[-1]
        for m in re.finditer(r"\b(r|f|v|vs)(\d+)\b", text):
            name = f"{m.group(1)}{m.group(2)}"
            if name not in regs:
                regs.append(name)
    return regs


def reg_value(st, name):
    m = re.match(r"(r|f|vs|v)(\d+)$", name)
    kind, n = m.group(1), int(m.group(2))
    if kind == "r":
        return f"{st.gpr[n]:016x}"
    if kind == "f":
        return f"{st.vsr[n][0]:016x}"
    if kind == "v":
        n += 32
    return f"{st.vsr[n][0]:016x}{st.vsr[n][1]:016x}"


def full_states(cst, rst, lst):
    """The architected registers of the three states side by side (memory as a diff)."""
    out = [f"  {'':8s} {'initial':>32s} {'reference':>32s} {'library':>32s}"]
    rows = [(f"r{i}", lambda s, i=i: f"{s.gpr[i]:016x}") for i in range(32)]
    rows += [("cr", lambda s: f"{s.cr & 0xffffffff:08x}"), ("xer", lambda s: f"{s.xer:016x}"),
             ("lr", lambda s: f"{s.lr:016x}"), ("ctr", lambda s: f"{s.ctr:016x}"),
             ("fpscr", lambda s: f"{s.fpscr:016x}"), ("vscr", lambda s: f"{s.vscr:08x}")]
    rows += [(f"vs{i}", lambda s, i=i: f"{s.vsr[i][0]:016x}{s.vsr[i][1]:016x}")
             for i in range(64)]
    for name, get in rows:
        r, l = get(rst), get(lst)
        mark = " <--" if r != l else ""
        out.append(f"  {name:8s} {get(cst):>32s} {r:>32s} {l:>32s}{mark}")
    return "\n".join(out)


def describe_stop(h):
    status, exc, exc_insn, detail = h[1], h[2], h[3], h[5]
    if status == ST_OK:
        return "completed"
    if status == ST_ERR:
        return f"executor error (detail 0x{detail:x})"
    name = EXC_NAMES[exc] if exc < len(EXC_NAMES) else str(exc)
    return f"{name} exception at insn {exc_insn} (detail 0x{detail:x})"


def quirk_fpscr(mns, rst, lst, problems):
    for desc, names, bits, cr1 in FPSCR_QUIRKS:
        if not names & set(mns):
            continue
        if (rst.fpscr ^ lst.fpscr) & ~(bits | FPSCR_UNCOMPARED):
            continue
        if (rst.cr ^ lst.cr) & ~(0x0f000000 if cr1 else 0):
            continue
        if all(p.startswith(("  fpscr ", "  cr ")) for p in problems):
            return desc
    return None


def quirk_fnm(mns, words, cst, rst, lst, problems):
    if len(mns) != 1 or mns[0] not in FNM_NAMES | FNM_QP_NAMES or (cst.fpscr & 3) < 2:
        return False
    if (rst.cr ^ lst.cr) & ~0x0f000000:
        return False
    frt = (words[0] >> 21) & 31
    allowed = (f"{'v' if mns[0] in FNM_QP_NAMES else 'f'}{frt} ", "fpscr ", "cr ")
    for p in problems:
        if not p.startswith("  ") or not p[2:].startswith(allowed):
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases")
    ap.add_argument("ref")
    ap.add_argument("lib")
    ap.add_argument("--implemented", help="file: mnemonics the library implements")
    ap.add_argument("--max-report", type=int, default=20)
    ap.add_argument("--endian", default="le")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--cpu", default="power9", choices=["power8", "power9"])
    ap.add_argument("--full", type=int, default=1,
                    help="print the whole initial, reference and library states of the "
                         "first N failures (default 1)")
    a = ap.parse_args()

    ncases, cases = read_file(a.cases, b"KVPDCAS1", CASE_HDR_FMT, CASE_HDR_SIZE)
    _, ref = read_file(a.ref, b"KVPDRES1", RES_HDR_FMT, RES_HDR_SIZE)
    _, lib = read_file(a.lib, b"KVPDRES1", RES_HDR_FMT, RES_HDR_SIZE)
    implemented = None
    if a.implemented:
        with open(a.implemented) as f:
            tags = {ln.split()[0]: set(ln.split()[1:]) for ln in f
                    if ln.strip() and not ln.startswith("#")}
        implemented = set(tags)
    else:
        tags = {}

    passed = failed = 0
    skipped = collections.Counter()
    unimpl = collections.Counter()
    fail_by_mn = collections.Counter()
    pass_by_mn = collections.Counter()
    reported = 0
    ref_errors = 0
    known = collections.Counter()

    for i, (ch, cst) in enumerate(cases):
        ninsn = ch[1]
        words = list(ch[2:2 + ninsn])
        nmn = ch[10]
        mns = [m.rstrip(b"\0").decode() for m in ch[12:12 + nmn]]
        if implemented is not None:
            missing = [m for m in mns if m not in implemented]
            if missing:
                for m in missing:
                    skipped[m] += 1
                continue
        if i >= len(ref):
            ref_errors += 1
            failed += 1
            continue
        rh, rst = ref[i]
        if i >= len(lib):
            lh, lst = (i, ST_ERR, 0, 0xffffffff, 0, 0), None
        else:
            lh, lst = lib[i]

        # qemu -cpu power8 runs some ISA 3.0 instructions (vinsertb, vrldnm...) that a
        # POWER8 (and the library's POWER8 model) rejects as illegal.
        if (a.cpu == "power8" and lh[1] == ST_EXC and lh[2] == 1 and lh[3] < len(mns) and
                "isa300" in tags.get(mns[lh[3]], ()) and
                not (rh[1] == ST_EXC and rh[3] <= lh[3])):
            known["qemu -cpu power8 executes ISA 3.0 instructions"] += 1
            passed += 1     # counted like the other excused cases: see "known" below
            continue
        # The library raised illegal-instruction where the reference did not.
        if (lh[1] == ST_EXC and lh[2] == 1 and
                not (rh[1] == ST_EXC and rh[2] == 1 and rh[3] == lh[3])):
            k = lh[3]
            mn = mns[k] if k < len(mns) else "?"
            if implemented is None:
                unimpl[mn] += 1
                continue

        problems = []
        if rh[1] == ST_ERR or lh[1] == ST_ERR:
            problems.append(f"  executor error: ref {describe_stop(rh)}; lib {describe_stop(lh)}")
        elif rh[1] != lh[1] or (rh[1] == ST_EXC and (rh[2] != lh[2] or rh[3] != lh[3])):
            problems.append(f"  stop: ref {describe_stop(rh)}; lib {describe_stop(lh)}")
        if lst is not None:
            valid = rh[4] & lh[4]
            for name, get in fields(valid):
                rv, lv = get(rst), get(lst)
                if rv != lv:
                    if name == "mem":
                        problems.append("  mem differs:")
                        problems += mem_diff(rv, lv)
                    else:
                        problems.append(f"  {name:8s} ref {fmt(name, rv)}  lib {fmt(name, lv)}"
                                        f"  (initial {fmt(name, get(cst))})")
        if problems and lst is not None:
            diffs = {}
            if any(p.startswith("  stop") or p.startswith("  executor") for p in problems):
                diffs["stop"] = None
            for name, get in fields(rh[4] & lh[4]):
                if get(rst) != get(lst):
                    diffs[name] = (get(rst), get(lst))
            q = quirk_rules(mns, words, cst, rst, lst, rh, lh, diffs)
            for part in (("fpscr",), ("cr",), ("cr", "fpscr")):
                # Two independent deviations in one sequence (an xv* FI and a divwe RT;
                # a record form's CR1 and a divwe RT): the FPSCR / CR and the other fields
                # each excused by a rule of their own.
                if q or "stop" in diffs or not set(part) <= set(diffs) or \
                        len(diffs) <= len(part):
                    continue
                q1 = quirk_rules(mns, words, cst, rst, lst, rh, lh,
                                 {n: diffs[n] for n in part})
                q2 = quirk_rules(mns, words, cst, rst, lst, rh, lh,
                                 {n: v for n, v in diffs.items() if n not in part})
                if q1 and q2 and q1 != q2:
                    q = f"{q1} + {q2}"
            if q:
                known[q] += 1
                problems = []
        if problems and lst is not None and quirk_fnm(mns, words, cst, rst, lst, problems):
            known["fnmadd/fnmsub rounding under RN=+inf/-inf (qemu rounds after "
                  "negating)"] += 1
            problems = []
        if problems and lst is not None:
            q = quirk_fpscr(mns, rst, lst, problems)
            if q:
                known[q] += 1
                problems = []
        if not problems:
            passed += 1
            for m in set(mns):
                pass_by_mn[m] += 1
            continue
        failed += 1
        for m in set(mns):
            fail_by_mn[m] += 1
        if reported < a.max_report and not a.quiet:
            reported += 1
            asm = disassemble(words, a.endian)
            print(f"FAIL case {ch[0]}: {' ; '.join(mns)}")
            print("\n".join(asm))
            regs = involved_regs(asm)
            if regs:
                print("  initial: " + "  ".join(f"{r}={reg_value(cst, r)}" for r in regs))
            print(f"  initial: cr={cst.cr:08x} xer={cst.xer:016x} fpscr={cst.fpscr:016x} "
                  f"vscr={cst.vscr:08x} lr={cst.lr:016x} ctr={cst.ctr:016x}")
            print("\n".join(problems))
            if reported <= a.full and lst is not None:
                print(full_states(cst, rst, lst))
            print()

    if fail_by_mn or unimpl:
        print(f"{'mnemonic':16s} {'failed':>7s} {'passed':>7s} {'unimpl':>7s}")
        for m in sorted(set(fail_by_mn) | set(unimpl),
                        key=lambda m: (-fail_by_mn[m], -unimpl[m], m)):
            print(f"{m:16s} {fail_by_mn[m]:7d} {pass_by_mn[m]:7d} {unimpl[m]:7d}")
    print("not compared: FPSCR[FR] (qemu-user does not implement it)")
    for k, n in known.items():
        print(f"known qemu deviations: {n} cases: {k}")
    if ref_errors:
        print(f"reference result file truncated: {ref_errors} cases missing (failed)")
    print("tested mnemonics: " + " ".join(sorted(set(pass_by_mn) | set(fail_by_mn))))
    nskip = sum(skipped.values())
    print(f"unimplemented: {sum(unimpl.values())} cases ({len(unimpl)} mnemonics); "
          f"skipped: {nskip} cases ({len(skipped)} mnemonics not implemented"
          "); "
          f"mnemonics passing: {len(pass_by_mn)}")
    print(f"diff: {passed} passed (known qemu deviations included), {failed} failed"
          if known else f"diff: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
