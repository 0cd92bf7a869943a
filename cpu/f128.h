/* SPDX-License-Identifier: MIT */
/*
 * IEEE 754 binary128 (quad precision) arithmetic for the VSX scalar quad-precision
 * instructions (Power ISA 3.0B Book I 7.6, "xs*qp"), in portable integer code on
 * cpu/u128.h. Values are bit patterns: hi holds sign, 15-bit exponent and the top 48
 * fraction bits (VSR doubleword 0), lo the low 64 fraction bits.
 *
 * The same struct fpu_ctx as the binary64 core (cpu/fpu.h): c->rn in, c->exc out
 * (FPSCR exception bits | FPSCR_FI when inexact), c->traps selects the OE/UE exponent
 * adjustment (Book I 4.4.4-4.4.5; 24576 = 3 * 2^13 for binary128, 1536 for binary64).
 * The caller commits with fpu_finish(..., FPU_FIN_FPRF_RAW) and f128_fprf().
 * The rules (Book I 7.3):
 *  - NaN operands: the first NaN in operand order is returned quieted; any SNaN operand
 *    sets VXSNAN; invalid operations return the default QNaN 0x7FFF8000...0.
 *  - Tininess is detected before rounding; UX when tiny and inexact (UE = 0), or tiny
 *    (UE = 1, result adjusted).
 *  - FPU_RND_ODD (the "o" forms) is round to odd: truncate, and set the last bit if the
 *    result was inexact; an overflow gives the largest finite number.
 */
#ifndef KVMPPC_F128_H
#define KVMPPC_F128_H
#include <stdbool.h>
#include <stdint.h>

#include "cpu/fpu.h"
#include "cpu/u128.h"

/* Round to odd (Book I 7.3.2.6 "round to odd" of the xs*qpo forms). */
#define FPU_RND_ODD 5u

#define F128_DEFAULT_QNAN_HI 0x7fff800000000000ULL

static inline bool f128_is_nan(u128 x)
{
	uint64_t h = x.hi & ~FP_SIGN;
	return h > 0x7fff000000000000ULL || (h == 0x7fff000000000000ULL && x.lo != 0);
}
static inline bool f128_is_snan(u128 x)
{
	return f128_is_nan(x) && !(x.hi & 0x0000800000000000ULL);
}
static inline bool f128_is_inf(u128 x)
{
	return (x.hi & ~FP_SIGN) == 0x7fff000000000000ULL && x.lo == 0;
}
static inline bool f128_is_zero(u128 x) { return (x.hi & ~FP_SIGN) == 0 && x.lo == 0; }

/** f128_fprf() - the FPRF code (FPRF_*) of @x. */
unsigned f128_fprf(u128 x);

u128 f128_add(struct fpu_ctx *c, u128 a, u128 b);
u128 f128_sub(struct fpu_ctx *c, u128 a, u128 b);
u128 f128_mul(struct fpu_ctx *c, u128 a, u128 b);
u128 f128_div(struct fpu_ctx *c, u128 a, u128 b);
u128 f128_sqrt(struct fpu_ctx *c, u128 b);
/** f128_madd() - a * b + t rounded once, flags FPU_MADD_* (negate addend / negate the
 * rounded result); NaN order a, t, b (xsmaddqp VRT,VRA,VRB: VRA, VRT, VRB). */
u128 f128_madd(struct fpu_ctx *c, u128 a, u128 b, u128 t, unsigned flags);

/** f128_compare() - FL FG FE FU of @a ? @b; VXSNAN on an SNaN, and for @ordered VXVC
 * on any NaN (on an SNaN only when @ve is clear), as fpu_compare(). */
unsigned f128_compare(struct fpu_ctx *c, u128 a, u128 b, bool ordered, bool ve);

/** f128_from_f64() - xscvdpqp: exact; an SNaN is quieted (VXSNAN). */
u128 f128_from_f64(struct fpu_ctx *c, uint64_t d);
/** f128_to_f64() - xscvqpdp[o]: rounded in c->rn (FPU_RND_ODD allowed). */
uint64_t f128_to_f64(struct fpu_ctx *c, u128 q);

/* f128_to_int() kinds (FPU_CVT_UNSIGNED from fpu.h) */
#define F128_CVT_64  0u
#define F128_CVT_32  2u
#define F128_CVT_128 4u
/** f128_to_int() - xscvqp[su][dwq]z: truncated to an integer of the given width; NaN
 * and out-of-range values saturate with VXCVI (a NaN gives the signed minimum or 0).
 * A 32-bit signed result is sign-extended, a 32-bit unsigned one zero-extended. */
u128 f128_to_int(struct fpu_ctx *c, u128 q, unsigned kind);
/** f128_from_int() - xscv[su]dqp (64-bit @v in v.lo, exact) and xscv[su]qqp (128-bit,
 * rounded in c->rn): FPU_CVT_UNSIGNED or signed; F128_CVT_64 or F128_CVT_128. */
u128 f128_from_int(struct fpu_ctx *c, u128 v, unsigned kind);

/** f128_round_int() - xsrqpi[x]: round to an integral value in mode @rnd (FPU_RND_*,
 * FPU_RND_AWAY included). VXSNAN only; @inexact gets the inexactness. */
u128 f128_round_int(struct fpu_ctx *c, u128 b, unsigned rnd, bool *inexact);
/** f128_round_xp() - xsrqpxp: round to a 64-bit significand (double-extended precision)
 * in mode @rnd, the exponent range of binary128. */
u128 f128_round_xp(struct fpu_ctx *c, u128 b, unsigned rnd);

#endif /* KVMPPC_F128_H */
