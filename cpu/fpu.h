/* SPDX-License-Identifier: MIT */
/*
 * Floating-point core shared by FP, VMX and VSX: IEEE 754 arithmetic with FPSCR semantics
 * (Power ISA 3.0B Book I 4.3-4.6, 7.3).
 *
 * Values are binary64 bit patterns (uint64_t); a single-precision result is returned in
 * double format, as the FPRs hold it (Book I 4.3.2). Every operation takes a struct
 * fpu_ctx: the rounding mode in, the exception bits it raised out (FPSCR masks: VX*, OX,
 * UX, ZX, XX, plus FPSCR_FI when the result is inexact). fpu_finish() then folds them into
 * the FPSCR the way an FP instruction does (sticky bits, FX, VX, FEX, FI, FPRF) and tells
 * whether the enabled-exception program interrupt is due.
 *
 * How it computes. Finite, non-NaN operands go to the host's IEEE 754 unit with the
 * rounding mode set through <fenv.h> (exactness of +-x/sqrt/fma is guaranteed by IEEE 754
 * on every supported host: x86-64 SSE, arm64, armhf VFP, riscv64, s390x); NaN operands,
 * invalid-operation details, tininess and conversions are decided here in integer code so
 * that the host's NaN propagation and tininess rule (x86 detects it after rounding) never
 * leak into guest results. The ISA rules kept:
 *  - NaN propagation order frA, frB, frC; an SNaN is returned quieted; VXSNAN.
 *  - Invalid operations produce the default QNaN 0x7FF8000000000000.
 *  - Tininess is detected before rounding; UX is set when tiny and inexact (UE = 0).
 *  - Single-precision arithmetic rounds the exact result once to single precision: the
 *    host computes in binary64 toward zero with a sticky bit (round to odd), then rounds
 *    to binary32 in the FPSCR mode; 53 >= 2 * 24 + 2 makes that exact.
 * Differences from hardware, where qemu-ppc64le 7.2 (the reference) differs too:
 *  - FR is never set (qemu does not compute it).
 *  - FX is set whenever an exception bit is set, even if it already was (qemu).
 *  - fre/fres return exact reciprocals, and +-1/2 for +-0; frsqrte computes 1/sqrt.
 *  - An invalid conversion (fcti*) or fcmpo's VXVC sets FPRF to the QNaN code;
 *    fcfids/fcfidu/fcfidus leave FPRF alone; mtfsb1 does not set FX.
 *  - fnmadd/fnmsub round -(a*c+b) (directed modes round the negated value).
 *  - xs*sp scalar VSX operations round twice (binary64, then binary32), as qemu does.
 *  - Vector conversions to integer carry invalid flags from element to element (qemu
 *    7.2), see insn_vsx_fp.c cvt_elem().
 *  - With OE = 1 (UE = 1) an overflowing (tiny, even exact) result is delivered rescaled
 *    by 2^-1536 (2^+1536), 2^-+192 for single precision, without XX unless the rescaled
 *    result is inexact (Book I 4.4.4-4.4.5, as qemu).
 * Requirement: the host thread runs in round-to-nearest when it calls into the core (the
 * C default); other modes are set only around one host operation.
 *
 * Speed: in round-to-nearest, operations whose operands and result are far from the
 * overflow/underflow thresholds never touch <fenv.h>: error-free transformations decide
 * exactness (fpu.c, fast_body()); on x86-64 hosts with FMA3 a copy compiled for it is
 * selected at load time.
 *
 * For VMX (vaddfp & co., owned by cpu/insn_vmx.c): widen each binary32 element with
 * fpu_sp_to_dp(), call fpu_add/sub/mul/madd(..., single = true) with a context whose rn
 * is FPU_RND_NEAR (VMX always rounds to nearest and has no FPSCR: ignore c->exc), and
 * narrow with fpu_dp_to_sp() (exact, the value is a binary32 one). NaN operands give the
 * first NaN quieted: A then B for the binary operations; for vmaddfp (vA*vC + vB) call
 * fpu_madd(c, vA, vC, vB, ...), whose NaN order is vA, vB, vC, as VMX specifies.
 * VSCR[NJ] denormal flushing is the caller's business.
 */
#ifndef KVMPPC_FPU_H
#define KVMPPC_FPU_H
#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* ---- FPSCR (Book I 4.2.2), masks on the 64-bit image; ISA bit n is 1 << (63 - n) ---- */
#define FPSCR_DRN    (7ULL << 32)  /* decimal rounding mode (ISA 3.0 moves it here) */
#define FPSCR_FX     (1ULL << 31)
#define FPSCR_FEX    (1ULL << 30)
#define FPSCR_VX     (1ULL << 29)
#define FPSCR_OX     (1ULL << 28)
#define FPSCR_UX     (1ULL << 27)
#define FPSCR_ZX     (1ULL << 26)
#define FPSCR_XX     (1ULL << 25)
#define FPSCR_VXSNAN (1ULL << 24)
#define FPSCR_VXISI  (1ULL << 23)
#define FPSCR_VXIDI  (1ULL << 22)
#define FPSCR_VXZDZ  (1ULL << 21)
#define FPSCR_VXIMZ  (1ULL << 20)
#define FPSCR_VXVC   (1ULL << 19)
#define FPSCR_FR     (1ULL << 18)
#define FPSCR_FI     (1ULL << 17)
#define FPSCR_FPRF   (0x1fULL << 12) /* C, FPCC (FL FG FE FU) */
#define FPSCR_C      (1ULL << 16)
#define FPSCR_FPCC   (0xfULL << 12)
#define FPSCR_FPRF_SHIFT 12
#define FPSCR_VXSOFT (1ULL << 10)
#define FPSCR_VXSQRT (1ULL << 9)
#define FPSCR_VXCVI  (1ULL << 8)
#define FPSCR_VE     (1ULL << 7)
#define FPSCR_OE     (1ULL << 6)
#define FPSCR_UE     (1ULL << 5)
#define FPSCR_ZE     (1ULL << 4)
#define FPSCR_XE     (1ULL << 3)
#define FPSCR_NI     (1ULL << 2)
#define FPSCR_RN     3ULL
#define FPSCR_VX_ALL (FPSCR_VXSNAN | FPSCR_VXISI | FPSCR_VXIDI | FPSCR_VXZDZ | FPSCR_VXIMZ | \
		      FPSCR_VXVC | FPSCR_VXSOFT | FPSCR_VXSQRT | FPSCR_VXCVI)
#define FPSCR_EXC_ALL (FPSCR_OX | FPSCR_UX | FPSCR_ZX | FPSCR_XX | FPSCR_VX_ALL)
/* Bits an instruction can write (bit 52 is reserved and reads 0). */
#define FPSCR_WRITABLE (0xffffffffULL & ~(1ULL << 11))

/* FPRF codes (Book I Figure 30): C || FPCC. */
enum {
	FPRF_QNAN = 0x11, FPRF_NINF = 0x09, FPRF_NNORM = 0x08, FPRF_NDENORM = 0x18,
	FPRF_NZERO = 0x12, FPRF_PZERO = 0x02, FPRF_PDENORM = 0x14, FPRF_PNORM = 0x04,
	FPRF_PINF = 0x05,
};

/* Rounding modes, FPSCR[RN] encoding; FPU_RND_AWAY is frin's "nearest, ties away". */
enum { FPU_RND_NEAR = 0, FPU_RND_ZERO = 1, FPU_RND_UP = 2, FPU_RND_DOWN = 3, FPU_RND_AWAY = 4 };

#define FP_DEFAULT_QNAN 0x7ff8000000000000ULL
#define FP_SIGN 0x8000000000000000ULL
#define FP_ONE  0x3ff0000000000000ULL

struct fpu_ctx {
	unsigned rn;    /* FPU_RND_* used by the arithmetic */
	uint32_t exc;   /* out: FPSCR exception bits raised, | FPSCR_FI if inexact */
	unsigned traps; /* FPU_TRAP_*: OE/UE set, results are rescaled (Book I 4.4.4-5) */
};

#define FPU_TRAP_OE 1u
#define FPU_TRAP_UE 2u

static inline void fpu_ctx_init(struct fpu_ctx *c, uint64_t fpscr)
{
	c->rn = (unsigned)(fpscr & FPSCR_RN);
	c->exc = 0;
	c->traps = ((fpscr & FPSCR_OE) ? FPU_TRAP_OE : 0) | ((fpscr & FPSCR_UE) ? FPU_TRAP_UE : 0);
}

/* ---- classification ---- */
static inline bool fp_is_nan(uint64_t x) { return (x & ~FP_SIGN) > 0x7ff0000000000000ULL; }
static inline bool fp_is_snan(uint64_t x)
{
	return fp_is_nan(x) && !(x & 0x0008000000000000ULL);
}
static inline bool fp_is_inf(uint64_t x) { return (x & ~FP_SIGN) == 0x7ff0000000000000ULL; }
static inline bool fp_is_zero(uint64_t x) { return (x & ~FP_SIGN) == 0; }

/** fpu_fprf() - the FPRF code (FPRF_*) of the binary64 value @x. */
static inline unsigned fpu_fprf(uint64_t x)
{
	bool neg = (x >> 63) != 0;
	uint64_t mag = x & ~FP_SIGN;
	if (PPC_LIKELY(mag >= 0x0010000000000000ULL && mag < 0x7ff0000000000000ULL))
		return neg ? FPRF_NNORM : FPRF_PNORM;
	if (mag > 0x7ff0000000000000ULL)
		return FPRF_QNAN;
	if (mag == 0x7ff0000000000000ULL)
		return neg ? FPRF_NINF : FPRF_PINF;
	if (mag == 0)
		return neg ? FPRF_NZERO : FPRF_PZERO;
	return neg ? FPRF_NDENORM : FPRF_PDENORM;
}
/** fpu_fprf_sp() - the FPRF code of the binary32 value @x (denormals of binary32). */
unsigned fpu_fprf_sp(uint32_t x);

/* ---- arithmetic (@single: round the result to binary32 precision, fadds & co.) ---- */
uint64_t fpu_add(struct fpu_ctx *c, uint64_t a, uint64_t b, bool single);
uint64_t fpu_sub(struct fpu_ctx *c, uint64_t a, uint64_t b, bool single);
uint64_t fpu_mul(struct fpu_ctx *c, uint64_t a, uint64_t b, bool single);
uint64_t fpu_div(struct fpu_ctx *c, uint64_t a, uint64_t b, bool single);
uint64_t fpu_sqrt(struct fpu_ctx *c, uint64_t b, bool single);

/* fpu_madd() flags: negate the addend (msub), negate a non-NaN result (nmadd/nmsub). */
#define FPU_MADD_NEG_ADDEND 1u
#define FPU_MADD_NEG_RESULT 2u
/** fpu_madd() - a * c + b rounded once (fmadd frA, frC, frB), NaN order a, b, c. */
uint64_t fpu_madd(struct fpu_ctx *c, uint64_t a, uint64_t cc, uint64_t b, unsigned flags,
		  bool single);

/** fpu_recip() / fpu_rsqrt() - the estimates fre/frsqrte: 1/b correctly rounded (+-Inf
 * with ZX for +-0), and 1/sqrt(b) as two rounded operations (as qemu); they never report
 * XX (not among the bits the estimates alter), FI still follows the rounding. */
uint64_t fpu_recip(struct fpu_ctx *c, uint64_t b, bool single);
uint64_t fpu_rsqrt(struct fpu_ctx *c, uint64_t b, bool single);

/** fpu_to_single() - frsp: round @b to binary32 precision (result in binary64 format). */
uint64_t fpu_to_single(struct fpu_ctx *c, uint64_t b);

/* ---- conversions ---- */
#define FPU_CVT_UNSIGNED 1u
#define FPU_CVT_32       2u
/**
 * fpu_to_int() - fcti[w|d][u][z]: @b rounded in mode @rnd (FPU_RND_*) to a signed or
 * unsigned 32- or 64-bit integer. NaN and out-of-range values saturate with VXCVI
 * (and VXSNAN). A 32-bit signed result is returned sign-extended (as qemu).
 */
uint64_t fpu_to_int(struct fpu_ctx *c, uint64_t b, unsigned kind, unsigned rnd);
/** fpu_from_int() - fcfid[u][s]: the 64-bit integer @v (signed unless FPU_CVT_UNSIGNED
 * in @kind) rounded in c->rn to binary64, or binary32 when @single. */
uint64_t fpu_from_int(struct fpu_ctx *c, uint64_t v, unsigned kind, bool single);
/** fpu_round_int() - frin/friz/frip/frim: round to an integral value in mode @rnd.
 * Raises VXSNAN only (these instructions never set XX). @inexact gets the inexactness
 * (for the VSX forms that do report it), may be NULL. */
uint64_t fpu_round_int(struct fpu_ctx *c, uint64_t b, unsigned rnd, bool *inexact);

/** fpu_sp_to_dp() / fpu_dp_to_sp() - the bit-exact format changes of lfs/stfs (Book I
 * 4.6.2-4.6.3): no rounding, no exceptions, denormal singles normalised. */
uint64_t fpu_sp_to_dp(uint32_t s);
uint32_t fpu_dp_to_sp(uint64_t d);

/* ---- compare ---- */
/** fpu_compare() - FL FG FE FU (CR field / FPCC value) of @a ? @b. Unordered compares
 * raise VXSNAN on an SNaN; ordered ones also VXVC (an SNaN gives VXVC only when @ve is
 * clear, Book I fcmpo). */
unsigned fpu_compare(struct fpu_ctx *c, uint64_t a, uint64_t b, bool ordered, bool ve);

/** fpu_tdiv_flags() / fpu_tsqrt_flags() - ftdiv/ftsqrt (and xstdivdp...) CR field:
 * 0b1 || fg_flag || fe_flag || 0b0. */
unsigned fpu_tdiv_flags(uint64_t a, uint64_t b);
unsigned fpu_tsqrt_flags(uint64_t b);

/** The binary32 forms of the above, for xvtdivsp/xvtsqrtsp (thresholds of Book I 7.6). */
unsigned fpu_tdiv_flags_sp(uint32_t a, uint32_t b);
unsigned fpu_tsqrt_flags_sp(uint32_t b);

/** fpu_hp_to_dp() / fpu_dp_to_hp() - IEEE binary16 conversions (xscvhpdp, xscvdphp):
 * SNaNs quieted with VXSNAN; the narrowing one rounds in c->rn with OX/UX/XX/FI. */
uint64_t fpu_hp_to_dp(struct fpu_ctx *c, uint16_t h);
uint16_t fpu_dp_to_hp(struct fpu_ctx *c, uint64_t x);

/* ---- committing to the FPSCR ---- */

/** fpu_fpscr_summary() - recompute FPSCR[VX] and FPSCR[FEX] from the other bits. */
static inline uint64_t fpu_fpscr_summary(uint64_t f)
{
	f &= ~(FPSCR_VX | FPSCR_FEX);
	if (f & FPSCR_VX_ALL)
		f |= FPSCR_VX;
	/* VX..XX are bits 34..38 and VE..XE are 56..60: the same order, 22 bits apart,
	 * except that VX (bit 34) pairs with VE. */
	if ((f >> 22) & (f & (FPSCR_VE | FPSCR_OE | FPSCR_UE | FPSCR_ZE | FPSCR_XE)))
		f |= FPSCR_FEX;
	return f;
}

#define FPU_FIN_FPRF    1u /* set FPRF from the result */
#define FPU_FIN_FIFR    2u /* set FI (and clear FR) from the operation */
#define FPU_FIN_VXQNAN  4u /* a VX exception sets FPRF to QNaN (qemu, fcti*) */
#define FPU_FIN_FPRF_RAW 8u /* @result is already an FPRF code (binary32/16 results) */
/**
 * fpu_finish() - fold @c into cpu->fpscr for an instruction producing @result.
 * Return: true when the result must be written (false: an enabled invalid-operation or
 * zero-divide exception suppresses the write, Book I 4.4). Call fpu_check_enabled() after
 * writing the target and CR1.
 */
static inline bool fpu_finish(struct ppc_cpu *cpu, const struct fpu_ctx *c, uint64_t result, unsigned how)
{
	uint64_t f = cpu->fpscr;
	uint64_t exc = c->exc & FPSCR_EXC_ALL;
	if (PPC_LIKELY(!(exc & ~FPSCR_XX) && how == (FPU_FIN_FPRF | FPU_FIN_FIFR))) {
		/* the common case: at most inexact. VX is unchanged; FEX can only turn on
		 * through XE. */
		f &= ~(FPSCR_FR | FPSCR_FI | FPSCR_FPRF);
		if (exc) {
			f |= FPSCR_FX | FPSCR_XX | FPSCR_FI;
			if (f & FPSCR_XE)
				f |= FPSCR_FEX;
		}
		f |= c->exc & FPSCR_FI; /* the estimates: rounded but no XX */
		cpu->fpscr = f | ((uint64_t)fpu_fprf(result) << FPSCR_FPRF_SHIFT);
		return true;
	}
	bool suppress = ((exc & FPSCR_VX_ALL) && (f & FPSCR_VE)) ||
			((exc & FPSCR_ZX) && (f & FPSCR_ZE));
	if (how & FPU_FIN_FIFR)
		f &= ~(FPSCR_FR | FPSCR_FI);
	if (exc)
		f |= exc | FPSCR_FX;
	if (!suppress) {
		if ((how & FPU_FIN_FIFR) && (c->exc & FPSCR_FI))
			f |= FPSCR_FI;
		if (how & FPU_FIN_FPRF_RAW)
			f = (f & ~FPSCR_FPRF) | (result << FPSCR_FPRF_SHIFT);
		else if (how & FPU_FIN_FPRF)
			f = (f & ~FPSCR_FPRF) | ((uint64_t)fpu_fprf(result) << FPSCR_FPRF_SHIFT);
		else if ((how & FPU_FIN_VXQNAN) && (exc & FPSCR_VX_ALL))
			f = (f & ~FPSCR_FPRF) | ((uint64_t)FPRF_QNAN << FPSCR_FPRF_SHIFT);
	}
	cpu->fpscr = fpu_fpscr_summary(f);
	return !suppress;
}

/** fpu_check_enabled() - the FP enabled-exception program interrupt (Book III 7.5.9) when
 * @exc (the bits this instruction raised) includes an enabled one and MSR[FE0|FE1] != 0.
 * Return: PPC_OK or PPC_EXC. */
int fpu_check_enabled(struct ppc_cpu *cpu, uint32_t exc);

/** fpu_maybe_enabled() - fpu_check_enabled() only when it can matter (inline test). */
static inline int fpu_maybe_enabled(struct ppc_cpu *cpu, uint32_t exc)
{
	if (PPC_LIKELY(!exc || !(cpu->msr & (MSR_FE0 | MSR_FE1))))
		return PPC_OK;
	return fpu_check_enabled(cpu, exc);
}

/** fpu_fpscr_summary() - recompute FPSCR[VX] and FPSCR[FEX] from the other bits. */
uint64_t fpu_fpscr_summary(uint64_t fpscr);

#endif
