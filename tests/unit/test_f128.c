/* SPDX-License-Identifier: MIT */
/*
 * binary128: the u128 helpers (cpu/u128.h), the binary128 core (cpu/f128.h) and the
 * VSX scalar quad-precision instructions (cpu/insn_vsx_qp.c, Power ISA 3.0B Book I 7.6;
 * the ISA 3.1 quadword conversions).
 *
 * Expected values are worked out by hand from the definitions (exact rational value,
 * then the rounding rule), and were cross-checked with an exact-rational model and with
 * qemu-ppc64le 7.2 (-cpu power9; -cpu power10 for the ISA 3.1 conversions), except where
 * a comment says qemu differs (tests/diff/compare.py lists those deviations).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpu/cpu.h"
#include "cpu/f128.h"
#include "cpu/insn.h"
#include "cpu/u128.h"

#define Q(h, l) u128_make(h##ULL, l##ULL)
#define ONE Q(0x3fff000000000000, 0)
#define TWO Q(0x4000000000000000, 0)
#define THREE Q(0x4000800000000000, 0)
#define PZERO Q(0, 0)
#define NZERO Q(0x8000000000000000, 0)
#define PINF Q(0x7fff000000000000, 0)
#define NINF Q(0xffff000000000000, 0)
#define DQNAN Q(0x7fff800000000000, 0)
#define MAXF Q(0x7ffeffffffffffff, 0xffffffffffffffff)
#define MINNORM Q(0x0001000000000000, 0)
#define MINSUB Q(0, 1)

static unsigned bad;

static void check(const char *what, unsigned line, u128 got, u128 want, uint32_t exc,
		  uint32_t want_exc)
{
	if (u128_eq(got, want) && exc == want_exc)
		return;
	print_message("line %u %s: got %016llx %016llx exc %08x, want %016llx %016llx exc %08x\n",
		      line, what, (unsigned long long)got.hi, (unsigned long long)got.lo,
		      (unsigned)exc, (unsigned long long)want.hi, (unsigned long long)want.lo,
		      (unsigned)want_exc);
	bad++;
}

#define XX_FI ((uint32_t)(FPSCR_XX | FPSCR_FI))
#define OVF ((uint32_t)(FPSCR_OX | FPSCR_XX | FPSCR_FI))
#define UNF ((uint32_t)(FPSCR_UX | FPSCR_XX | FPSCR_FI))

/* ---- u128 ---- */

static void test_u128(void **state)
{
	(void)state;
	bad = 0;
	u128 p = u128_mul64(~0ULL, ~0ULL);
	check("mul64", __LINE__, p, Q(0xfffffffffffffffe, 1), 0, 0);
	check("mul64 small", __LINE__, u128_mul64(0x100000000ULL, 0x100000000ULL), Q(1, 0), 0, 0);
	u128 hi, lo;
	u128_mul(Q(0xffffffffffffffff, 0xffffffffffffffff), Q(0xffffffffffffffff, 0xffffffffffffffff),
		 &hi, &lo);
	check("mul hi", __LINE__, hi, Q(0xffffffffffffffff, 0xfffffffffffffffe), 0, 0);
	check("mul lo", __LINE__, lo, Q(0, 1), 0, 0);
	/* (2^64 + 3) * (2^64 + 5) = 2^128 + 8 * 2^64 + 15 */
	u128_mul(Q(1, 3), Q(1, 5), &hi, &lo);
	check("mul mid hi", __LINE__, hi, Q(0, 1), 0, 0);
	check("mul mid lo", __LINE__, lo, Q(8, 15), 0, 0);
	u128 r;
	u128 q = u128_divrem(Q(0x0123456789abcdef, 0xfedcba9876543210), Q(1, 0), &r);
	check("div 2^64", __LINE__, q, Q(0, 0x0123456789abcdef), 0, 0);
	check("rem 2^64", __LINE__, r, Q(0, 0xfedcba9876543210), 0, 0);
	q = u128_divrem(Q(0xffffffffffffffff, 0xffffffffffffffff), Q(0, 7), &r);
	/* 2^128 - 1 = 7 * 0x24924924924924924924924924924924 + 3 */
	check("div 7", __LINE__, q, Q(0x2492492492492492, 0x4924924924924924), 0, 0);
	check("rem 7", __LINE__, r, Q(0, 3), 0, 0);
	check("shl 64", __LINE__, u128_shl(Q(0, 0x8000000000000001), 64), Q(0x8000000000000001, 0), 0, 0);
	check("shl 1", __LINE__, u128_shl(Q(0, 0x8000000000000001), 1), Q(1, 2), 0, 0);
	check("shl 128", __LINE__, u128_shl(Q(1, 1), 128), PZERO, 0, 0);
	check("shl 0", __LINE__, u128_shl(Q(1, 1), 0), Q(1, 1), 0, 0);
	check("shr 127", __LINE__, u128_shr(Q(0x8000000000000000, 0), 127), Q(0, 1), 0, 0);
	check("shr 65", __LINE__, u128_shr(Q(6, 0), 65), Q(0, 3), 0, 0);
	check("jam exact", __LINE__, u128_shr_jam(Q(0, 4), 1), Q(0, 2), 0, 0);
	check("jam sticky", __LINE__, u128_shr_jam(Q(0, 5), 1), Q(0, 3), 0, 0);
	check("jam all", __LINE__, u128_shr_jam(Q(1, 0), 200), Q(0, 1), 0, 0);
	check("jam zero", __LINE__, u128_shr_jam(PZERO, 200), PZERO, 0, 0);
	check("sub borrow", __LINE__, u128_sub(Q(1, 0), Q(0, 1)), Q(0, 0xffffffffffffffff), 0, 0);
	check("add carry", __LINE__, u128_add(Q(0, 0xffffffffffffffff), Q(0, 1)), Q(1, 0), 0, 0);
	assert_int_equal(u128_clz(Q(0, 1)), 127);
	assert_int_equal(u128_clz(Q(1, 0)), 63);
	assert_int_equal(u128_clz(PZERO), 128);
	assert_true(u128_lt(Q(0, 0xffffffffffffffff), Q(1, 0)));
	assert_false(u128_lt(Q(1, 0), Q(1, 0)));
	assert_int_equal(bad, 0);
}

/* ---- the binary128 core ---- */

static struct fpu_ctx ctx(unsigned rn)
{
	struct fpu_ctx c = {rn, 0, 0};
	return c;
}

#define ADD(rn, a, b, want, wexc) do { struct fpu_ctx c_ = ctx(rn); \
	u128 r_ = f128_add(&c_, a, b); check("add", __LINE__, r_, want, c_.exc, wexc); } while (0)
#define SUB(rn, a, b, want, wexc) do { struct fpu_ctx c_ = ctx(rn); \
	u128 r_ = f128_sub(&c_, a, b); check("sub", __LINE__, r_, want, c_.exc, wexc); } while (0)
#define MUL(rn, a, b, want, wexc) do { struct fpu_ctx c_ = ctx(rn); \
	u128 r_ = f128_mul(&c_, a, b); check("mul", __LINE__, r_, want, c_.exc, wexc); } while (0)
#define DIV(rn, a, b, want, wexc) do { struct fpu_ctx c_ = ctx(rn); \
	u128 r_ = f128_div(&c_, a, b); check("div", __LINE__, r_, want, c_.exc, wexc); } while (0)
#define SQRT(rn, b, want, wexc) do { struct fpu_ctx c_ = ctx(rn); \
	u128 r_ = f128_sqrt(&c_, b); check("sqrt", __LINE__, r_, want, c_.exc, wexc); } while (0)
#define MADD(rn, a, b, t, fl, want, wexc) do { struct fpu_ctx c_ = ctx(rn); \
	u128 r_ = f128_madd(&c_, a, b, t, fl); check("madd", __LINE__, r_, want, c_.exc, wexc); } while (0)

static void test_arith(void **state)
{
	(void)state;
	bad = 0;
	ADD(FPU_RND_NEAR, ONE, ONE, TWO, 0);
	ADD(FPU_RND_NEAR, ONE, TWO, THREE, 0);
	SUB(FPU_RND_NEAR, ONE, ONE, PZERO, 0);
	SUB(FPU_RND_DOWN, ONE, ONE, NZERO, 0);       /* exact zero: -0 rounding down */
	ADD(FPU_RND_NEAR, NZERO, NZERO, NZERO, 0);
	ADD(FPU_RND_NEAR, NZERO, PZERO, PZERO, 0);
	ADD(FPU_RND_DOWN, NZERO, PZERO, NZERO, 0);
	/* 1 + 2^-113: exactly half an ulp above 1 */
	u128 half_ulp = Q(0x3f8e000000000000, 0);
	ADD(FPU_RND_NEAR, ONE, half_ulp, ONE, XX_FI);                      /* tie to even */
	ADD(FPU_RND_ZERO, ONE, half_ulp, ONE, XX_FI);
	ADD(FPU_RND_UP, ONE, half_ulp, Q(0x3fff000000000000, 1), XX_FI);
	ADD(FPU_RND_DOWN, ONE, half_ulp, ONE, XX_FI);
	ADD(FPU_RND_ODD, ONE, half_ulp, Q(0x3fff000000000000, 1), XX_FI);  /* round to odd */
	/* (1 + 2^-112) + 2^-113: a tie with an odd last bit rounds up */
	ADD(FPU_RND_NEAR, Q(0x3fff000000000000, 1), half_ulp, Q(0x3fff000000000000, 2), XX_FI);
	ADD(FPU_RND_ODD, Q(0x3fff000000000000, 1), half_ulp, Q(0x3fff000000000000, 1), XX_FI);
	/* -1 - 2^-113 rounds away from zero only toward -inf */
	SUB(FPU_RND_DOWN, Q(0xbfff000000000000, 0), half_ulp, Q(0xbfff000000000000, 1), XX_FI);
	SUB(FPU_RND_UP, Q(0xbfff000000000000, 0), half_ulp, Q(0xbfff000000000000, 0), XX_FI);
	/* 1 - 2^-200: the sticky bit decides; just below 1 */
	SUB(FPU_RND_NEAR, ONE, Q(0x3f37000000000000, 0), ONE, XX_FI);
	SUB(FPU_RND_ZERO, ONE, Q(0x3f37000000000000, 0), Q(0x3ffeffffffffffff, 0xffffffffffffffff), XX_FI);

	/* 1/3 and -2/3 in every mode */
	u128 third = Q(0x3ffd555555555555, 0x5555555555555555);
	DIV(FPU_RND_NEAR, ONE, THREE, third, XX_FI);
	DIV(FPU_RND_ZERO, ONE, THREE, third, XX_FI);
	DIV(FPU_RND_UP, ONE, THREE, Q(0x3ffd555555555555, 0x5555555555555556), XX_FI);
	DIV(FPU_RND_DOWN, ONE, THREE, third, XX_FI);
	DIV(FPU_RND_ODD, ONE, THREE, third, XX_FI);
	u128 m23 = Q(0xbffe555555555555, 0x5555555555555555);
	DIV(FPU_RND_NEAR, Q(0xc000000000000000, 0), THREE, m23, XX_FI);
	DIV(FPU_RND_DOWN, Q(0xc000000000000000, 0), THREE, Q(0xbffe555555555555, 0x5555555555555556), XX_FI);
	DIV(FPU_RND_UP, Q(0xc000000000000000, 0), THREE, m23, XX_FI);
	DIV(FPU_RND_NEAR, THREE, TWO, Q(0x3fff800000000000, 0), 0);
	MUL(FPU_RND_NEAR, THREE, third, ONE, XX_FI);  /* 3 * (1/3 rounded down) rounds to 1 */
	MUL(FPU_RND_ZERO, THREE, third, Q(0x3ffeffffffffffff, 0xffffffffffffffff), XX_FI);
	MUL(FPU_RND_NEAR, Q(0xbfff000000000000, 0), PZERO, NZERO, 0);

	/* sqrt */
	SQRT(FPU_RND_NEAR, Q(0x4001000000000000, 0), TWO, 0);                 /* sqrt 4 */
	SQRT(FPU_RND_NEAR, TWO, Q(0x3fff6a09e667f3bc, 0xc908b2fb1366ea95), XX_FI);
	SQRT(FPU_RND_UP, TWO, Q(0x3fff6a09e667f3bc, 0xc908b2fb1366ea96), XX_FI);
	SQRT(FPU_RND_ODD, TWO, Q(0x3fff6a09e667f3bc, 0xc908b2fb1366ea95), XX_FI);
	SQRT(FPU_RND_NEAR, NZERO, NZERO, 0);
	SQRT(FPU_RND_NEAR, PINF, PINF, 0);
	SQRT(FPU_RND_NEAR, Q(0xbfff000000000000, 0), DQNAN, (uint32_t)FPSCR_VXSQRT);
	SQRT(FPU_RND_NEAR, NINF, DQNAN, (uint32_t)FPSCR_VXSQRT);
	SQRT(FPU_RND_NEAR, MINSUB, Q(0x1fc8000000000000, 0), 0);  /* sqrt(2^-16494) = 2^-8247 */

	/* overflow: 2 * MAX */
	MUL(FPU_RND_NEAR, MAXF, TWO, PINF, OVF);
	MUL(FPU_RND_ZERO, MAXF, TWO, MAXF, OVF);
	MUL(FPU_RND_ODD, MAXF, TWO, MAXF, OVF);
	MUL(FPU_RND_UP, MAXF, TWO, PINF, OVF);
	MUL(FPU_RND_DOWN, MAXF, TWO, MAXF, OVF);
	MUL(FPU_RND_DOWN, MAXF, Q(0xc000000000000000, 0), NINF, OVF);
	MUL(FPU_RND_UP, MAXF, Q(0xc000000000000000, 0), Q(0xfffeffffffffffff, 0xffffffffffffffff), OVF);
	ADD(FPU_RND_NEAR, MAXF, MAXF, PINF, OVF);
	/* underflow: exact denormal results raise nothing (UE = 0) */
	DIV(FPU_RND_NEAR, MINNORM, TWO, Q(0x0000800000000000, 0), 0);
	/* 2^-16494 / 2: a tie between 0 and the smallest denormal */
	DIV(FPU_RND_NEAR, MINSUB, TWO, PZERO, UNF);
	DIV(FPU_RND_UP, MINSUB, TWO, MINSUB, UNF);
	DIV(FPU_RND_ODD, MINSUB, TWO, MINSUB, UNF);
	DIV(FPU_RND_DOWN, MINSUB, Q(0xc000000000000000, 0), Q(0x8000000000000000, 1), UNF);
	/* 3 * 2^-16494 / 2 = 1.5 ulp: to even 2 ulps */
	DIV(FPU_RND_NEAR, Q(0, 3), TWO, Q(0, 2), UNF);
	/* tiny before rounding, normal after: still underflow (tininess before rounding) */
	MUL(FPU_RND_UP, Q(0x0000ffffffffffff, 0xffffffffffffffff), Q(0x3fff000000000000, 1),
	    MINNORM, UNF);
	SUB(FPU_RND_NEAR, MINNORM, MINSUB, Q(0x0000ffffffffffff, 0xffffffffffffffff), 0);

	/* invalid operations and NaN propagation */
	ADD(FPU_RND_NEAR, PINF, NINF, DQNAN, (uint32_t)FPSCR_VXISI);
	SUB(FPU_RND_NEAR, PINF, PINF, DQNAN, (uint32_t)FPSCR_VXISI);
	ADD(FPU_RND_NEAR, PINF, PINF, PINF, 0);
	MUL(FPU_RND_NEAR, PZERO, NINF, DQNAN, (uint32_t)FPSCR_VXIMZ);
	DIV(FPU_RND_NEAR, PZERO, NZERO, DQNAN, (uint32_t)FPSCR_VXZDZ);
	DIV(FPU_RND_NEAR, PINF, NINF, DQNAN, (uint32_t)FPSCR_VXIDI);
	DIV(FPU_RND_NEAR, Q(0xbfff000000000000, 0), PZERO, NINF, (uint32_t)FPSCR_ZX);
	DIV(FPU_RND_NEAR, ONE, NINF, NZERO, 0);
	u128 qa = Q(0x7fff800000000000, 0x1234), qb = Q(0xffff800000000000, 0x5678);
	u128 sa = Q(0x7fff000000000000, 0xaaaa), sb = Q(0xffff400000000000, 0);
	ADD(FPU_RND_NEAR, qa, qb, qa, 0);                            /* first NaN wins */
	ADD(FPU_RND_NEAR, ONE, qb, qb, 0);
	ADD(FPU_RND_NEAR, qa, sb, qa, (uint32_t)FPSCR_VXSNAN);       /* a QNaN first beats an SNaN */
	MUL(FPU_RND_NEAR, sa, qb, Q(0x7fff800000000000, 0xaaaa), (uint32_t)FPSCR_VXSNAN);
	DIV(FPU_RND_NEAR, ONE, sb, Q(0xffffc00000000000, 0), (uint32_t)FPSCR_VXSNAN);
	SQRT(FPU_RND_NEAR, sb, Q(0xffffc00000000000, 0), (uint32_t)FPSCR_VXSNAN);
	SUB(FPU_RND_NEAR, ONE, qb, qb, 0);                           /* NaN sign not flipped */

	/* fused multiply-add: one rounding */
	/* (1 + 2^-112)(1 - 2^-113) - 1 = 2^-113 - 2^-225, exact; unfused it would be 0 */
	u128 onep = Q(0x3fff000000000000, 1), onem = Q(0x3ffeffffffffffff, 0xffffffffffffffff);
	MADD(FPU_RND_NEAR, onep, onem, Q(0xbfff000000000000, 0), 0,
	     Q(0x3f8dffffffffffff, 0xfffffffffffffffe), 0);
	MADD(FPU_RND_NEAR, onep, onem, ONE, FPU_MADD_NEG_ADDEND,
	     Q(0x3f8dffffffffffff, 0xfffffffffffffffe), 0);
	/* (1 + 2^-112)^2 - 1 = 2^-111 + 2^-224: a tie, to even */
	MADD(FPU_RND_NEAR, onep, onep, Q(0xbfff000000000000, 0), 0, Q(0x3f90000000000000, 0), XX_FI);
	MADD(FPU_RND_UP, onep, onep, Q(0xbfff000000000000, 0), 0, Q(0x3f90000000000000, 1), XX_FI);
	MADD(FPU_RND_NEAR, TWO, THREE, ONE, 0, Q(0x4001c00000000000, 0), 0);   /* 7 */
	MADD(FPU_RND_NEAR, TWO, THREE, ONE, FPU_MADD_NEG_RESULT, Q(0xc001c00000000000, 0), 0);
	/* nmadd rounds, then negates: -(1 + 2^-113) toward +inf is -1 - 2^-112 */
	MADD(FPU_RND_UP, ONE, ONE, half_ulp, FPU_MADD_NEG_RESULT, Q(0xbfff000000000000, 1), XX_FI);
	MADD(FPU_RND_NEAR, TWO, THREE, Q(0xc001800000000000, 0), 0, PZERO, 0);  /* 6 - 6 */
	MADD(FPU_RND_DOWN, TWO, THREE, Q(0xc001800000000000, 0), 0, NZERO, 0);
	MADD(FPU_RND_NEAR, PZERO, THREE, NZERO, 0, PZERO, 0);
	MADD(FPU_RND_NEAR, NZERO, THREE, NZERO, 0, NZERO, 0);
	MADD(FPU_RND_NEAR, PZERO, THREE, ONE, 0, ONE, 0);
	MADD(FPU_RND_NEAR, PINF, PZERO, ONE, 0, DQNAN, (uint32_t)FPSCR_VXIMZ);
	MADD(FPU_RND_NEAR, PINF, PZERO, qb, 0, qb, (uint32_t)FPSCR_VXIMZ);  /* NaN addend kept */
	MADD(FPU_RND_NEAR, PINF, ONE, NINF, 0, DQNAN, (uint32_t)FPSCR_VXISI);
	MADD(FPU_RND_NEAR, PINF, ONE, NINF, FPU_MADD_NEG_ADDEND, PINF, 0);
	MADD(FPU_RND_NEAR, qb, qa, sa, 0, qb, (uint32_t)FPSCR_VXSNAN);     /* order A, T, B */
	MADD(FPU_RND_NEAR, ONE, qa, qb, 0, qb, 0);
	MADD(FPU_RND_NEAR, ONE, qa, ONE, FPU_MADD_NEG_RESULT, qa, 0);      /* NaN not negated */
	/* a tiny addend below the product's sticky position */
	MADD(FPU_RND_UP, ONE, ONE, MINSUB, 0, Q(0x3fff000000000000, 1), XX_FI);
	MADD(FPU_RND_ZERO, ONE, ONE, Q(0x8000000000000000, 1), 0,
	     Q(0x3ffeffffffffffff, 0xffffffffffffffff), XX_FI);
	assert_int_equal(bad, 0);
}

static void test_enabled_adjust(void **state)
{
	(void)state;
	bad = 0;
	/* OE = 1: the overflowing result delivered with the exponent reduced by 24576 */
	struct fpu_ctx c = {FPU_RND_NEAR, 0, FPU_TRAP_OE};
	u128 r = f128_mul(&c, MAXF, TWO);
	check("oe", __LINE__, r, Q(0x1fffffffffffffff, 0xffffffffffffffff), c.exc, (uint32_t)FPSCR_OX);
	/* UE = 1: a tiny result, even exact, raises UX and is delivered scaled by 2^24576 */
	c = (struct fpu_ctx){FPU_RND_NEAR, 0, FPU_TRAP_UE};
	r = f128_div(&c, MINNORM, TWO);
	check("ue", __LINE__, r, Q(0x6000000000000000, 0), c.exc, (uint32_t)FPSCR_UX);
	c = (struct fpu_ctx){FPU_RND_NEAR, 0, FPU_TRAP_UE};
	r = f128_add(&c, PZERO, MINSUB); /* x + 0 with x denormal */
	check("ue x+0", __LINE__, r, Q(0x5f91000000000000, 0), c.exc, (uint32_t)FPSCR_UX);
	assert_int_equal(bad, 0);
}

static void test_compare_convert(void **state)
{
	(void)state;
	bad = 0;
	struct fpu_ctx c = ctx(0);
	assert_int_equal(f128_compare(&c, ONE, TWO, false, false), 8);
	assert_int_equal(f128_compare(&c, TWO, ONE, false, false), 4);
	assert_int_equal(f128_compare(&c, PZERO, NZERO, false, false), 2);
	assert_int_equal(f128_compare(&c, Q(0xbfff000000000000, 0), Q(0xc000000000000000, 0), false, false), 4);
	assert_int_equal(f128_compare(&c, Q(0x3fff000000000000, 1), ONE, false, false), 4);
	assert_int_equal(c.exc, 0);
	assert_int_equal(f128_compare(&c, DQNAN, ONE, false, false), 1);
	assert_int_equal(c.exc, 0);
	assert_int_equal(f128_compare(&c, DQNAN, ONE, true, false), 1);
	assert_int_equal(c.exc, FPSCR_VXVC);
	c = ctx(0);
	assert_int_equal(f128_compare(&c, ONE, Q(0x7fff000000000000, 1), false, false), 1);
	assert_int_equal(c.exc, FPSCR_VXSNAN);
	c = ctx(0);
	assert_int_equal(f128_compare(&c, ONE, Q(0x7fff000000000000, 1), true, true), 1);
	assert_int_equal(c.exc, FPSCR_VXSNAN); /* VE = 1: no VXVC for an SNaN */
	c = ctx(0);
	assert_int_equal(f128_compare(&c, ONE, Q(0x7fff000000000000, 1), true, false), 1);
	assert_int_equal(c.exc, FPSCR_VXSNAN | FPSCR_VXVC);

#define TOINT(q, kind, want, wexc) do { struct fpu_ctx c_ = ctx(0); \
	u128 r_ = f128_to_int(&c_, q, kind); check("to_int", __LINE__, r_, want, c_.exc, wexc); } while (0)
	uint32_t cvi = (uint32_t)FPSCR_VXCVI;
	TOINT(Q(0x403e000000000000, 0), F128_CVT_64, Q(0, 0x7fffffffffffffff), cvi); /* 2^63 */
	TOINT(Q(0xc03e000000000000, 0), F128_CVT_64, Q(0, 0x8000000000000000), 0);   /* -2^63 */
	TOINT(Q(0xc03e000000000000, 1), F128_CVT_64, Q(0, 0x8000000000000000), XX_FI);
	TOINT(Q(0xc03e000000000000, 0x0002000000000000), F128_CVT_64, Q(0, 0x8000000000000000), cvi);
	TOINT(Q(0xbfff800000000000, 0), F128_CVT_64, Q(0, 0xffffffffffffffff), XX_FI); /* -1.5 */
	TOINT(Q(0x3ffe000000000000, 0), F128_CVT_64, PZERO, XX_FI);                    /* 0.5 */
	TOINT(DQNAN, F128_CVT_64, Q(0, 0x8000000000000000), cvi);
	TOINT(Q(0x7fff400000000000, 0), F128_CVT_64 | FPU_CVT_UNSIGNED, PZERO,
	      cvi | (uint32_t)FPSCR_VXSNAN);
	TOINT(Q(0xbffe000000000000, 0), F128_CVT_64 | FPU_CVT_UNSIGNED, PZERO, XX_FI); /* -0.5 */
	TOINT(Q(0xbfff000000000000, 0), F128_CVT_64 | FPU_CVT_UNSIGNED, PZERO, cvi);   /* -1 */
	TOINT(PINF, F128_CVT_64 | FPU_CVT_UNSIGNED, Q(0, 0xffffffffffffffff), cvi);
	TOINT(Q(0x403f000000000000, 0), F128_CVT_64 | FPU_CVT_UNSIGNED, Q(0, 0xffffffffffffffff), cvi);
	TOINT(Q(0x403effffffffffff, 0xffffffffffffffff), F128_CVT_64 | FPU_CVT_UNSIGNED,
	      Q(0, 0xffffffffffffffff), XX_FI);
	TOINT(Q(0x401e000000000000, 0), F128_CVT_32, Q(0, 0x7fffffff), cvi);             /* 2^31 */
	TOINT(Q(0xc01e000000000000, 0), F128_CVT_32, Q(0, 0xffffffff80000000), 0);       /* -2^31 */
	TOINT(NINF, F128_CVT_32, Q(0, 0xffffffff80000000), cvi);
	TOINT(Q(0x401effffffffffff, 0), F128_CVT_32 | FPU_CVT_UNSIGNED, Q(0, 0xffffffff), XX_FI);
	TOINT(Q(0x401f000000000000, 0), F128_CVT_32 | FPU_CVT_UNSIGNED, Q(0, 0xffffffff), cvi);
	/* quadword (ISA 3.1) */
	TOINT(Q(0x407e000000000000, 0), F128_CVT_128, Q(0x7fffffffffffffff, 0xffffffffffffffff), cvi);
	TOINT(Q(0xc07e000000000000, 0), F128_CVT_128, Q(0x8000000000000000, 0), 0);
	TOINT(Q(0x407d800000000000, 1), F128_CVT_128, Q(0x6000000000000000, 0x4000), 0);
	TOINT(Q(0x407effffffffffff, 0xffffffffffffffff), F128_CVT_128 | FPU_CVT_UNSIGNED,
	      Q(0xffffffffffffffff, 0xffffffffffff8000), 0);
	TOINT(Q(0x4070123456789abc, 0xdef0123456789abc), F128_CVT_128 | FPU_CVT_UNSIGNED,
	      Q(0x00022468acf13579, 0xbde02468acf13578), 0);
	TOINT(Q(0x407f000000000000, 0), F128_CVT_128 | FPU_CVT_UNSIGNED,
	      Q(0xffffffffffffffff, 0xffffffffffffffff), cvi);

#define FROMINT(v, kind, rn, want, wexc) do { struct fpu_ctx c_ = ctx(rn); \
	u128 r_ = f128_from_int(&c_, v, kind); check("from_int", __LINE__, r_, want, c_.exc, wexc); } while (0)
	FROMINT(Q(0, 0x8000000000000000), F128_CVT_64, 0, Q(0xc03e000000000000, 0), 0);
	FROMINT(Q(0, 0x8000000000000000), F128_CVT_64 | FPU_CVT_UNSIGNED, 0, Q(0x403e000000000000, 0), 0);
	FROMINT(Q(0, 0xffffffffffffffff), F128_CVT_64, 0, Q(0xbfff000000000000, 0), 0);
	FROMINT(Q(0, 0xffffffffffffffff), F128_CVT_64 | FPU_CVT_UNSIGNED, 0,
		Q(0x403effffffffffff, 0xfffe000000000000), 0);
	FROMINT(PZERO, F128_CVT_64, FPU_RND_DOWN, PZERO, 0);
	FROMINT(Q(0xffffffffffffffff, 0xffffffffffffffff), F128_CVT_128 | FPU_CVT_UNSIGNED,
		FPU_RND_NEAR, Q(0x407f000000000000, 0), XX_FI);
	FROMINT(Q(0xffffffffffffffff, 0xffffffffffffffff), F128_CVT_128 | FPU_CVT_UNSIGNED,
		FPU_RND_ZERO, Q(0x407effffffffffff, 0xffffffffffffffff), XX_FI);
	FROMINT(Q(0x8000000000000000, 0), F128_CVT_128, 0, Q(0xc07e000000000000, 0), 0);
	FROMINT(Q(0x0123456789abcdef, 0xfedcba9876543210), F128_CVT_128, 0,
		Q(0x407723456789abcd, 0xeffedcba98765432), XX_FI);
	FROMINT(Q(0x0001ffffffffffff, 0xffffffffffffffff), F128_CVT_128 | FPU_CVT_UNSIGNED, 0,
		Q(0x406fffffffffffff, 0xffffffffffffffff), 0);

	/* binary64 <-> binary128 */
	c = ctx(0);
	u128 r = f128_from_f64(&c, 1);
	check("f64 min denormal", __LINE__, r, Q(0x3bcd000000000000, 0), c.exc, 0);
	c = ctx(0);
	r = f128_from_f64(&c, 0x7ff4000000000001ULL);
	check("f64 snan", __LINE__, r, Q(0x7fffc00000000000, 0x1000000000000000), c.exc, (uint32_t)FPSCR_VXSNAN);
	c = ctx(0);
	r = f128_from_f64(&c, 0xbff8000000000000ULL);
	check("f64 -1.5", __LINE__, r, Q(0xbfff800000000000, 0), c.exc, 0);
#define TOD(q, rn, want, wexc) do { struct fpu_ctx c_ = ctx(rn); \
	uint64_t d_ = f128_to_f64(&c_, q); \
	if (d_ != (want) || c_.exc != (wexc)) { \
		print_message("line %u to_f64: got %016llx exc %08x\n", __LINE__, \
			      (unsigned long long)d_, (unsigned)c_.exc); bad++; } } while (0)
	TOD(Q(0x3ffd555555555555, 0x5555555555555555), FPU_RND_NEAR, 0x3fd5555555555555ULL, XX_FI);
	TOD(Q(0x3ffd555555555555, 0x5555555555555555), FPU_RND_UP, 0x3fd5555555555556ULL, XX_FI);
	/* 1 + 2^-53: a tie in binary64 */
	TOD(Q(0x3fff000000000000, 0x0800000000000000), FPU_RND_NEAR, 0x3ff0000000000000ULL, XX_FI);
	TOD(Q(0x3fff000000000000, 0x0800000000000000), FPU_RND_ODD, 0x3ff0000000000001ULL, XX_FI);
	TOD(Q(0x3fff000000000000, 0x1800000000000000), FPU_RND_NEAR, 0x3ff0000000000002ULL, XX_FI);
	TOD(Q(0x7fff400000000000, 0), FPU_RND_NEAR, 0x7ffc000000000000ULL, (uint32_t)FPSCR_VXSNAN);
	TOD(Q(0x43ff000000000000, 0), FPU_RND_NEAR, 0x7ff0000000000000ULL, OVF);   /* 2^1024 */
	TOD(Q(0x43ff000000000000, 0), FPU_RND_ZERO, 0x7fefffffffffffffULL, OVF);
	TOD(Q(0x43ff000000000000, 0), FPU_RND_ODD, 0x7fefffffffffffffULL, OVF);
	TOD(Q(0xbbcc000000000000, 0), FPU_RND_NEAR, 0x8000000000000000ULL, UNF);   /* -2^-1075 */
	TOD(Q(0xbbcc000000000000, 0), FPU_RND_DOWN, 0x8000000000000001ULL, UNF);
	TOD(Q(0x3bcd000000000000, 0), FPU_RND_NEAR, 0x0000000000000001ULL, 0);     /* exact */
	TOD(NZERO, FPU_RND_NEAR, 0x8000000000000000ULL, 0);

	/* round to integral */
#define RINT(q, rn, want, winx) do { struct fpu_ctx c_ = ctx(0); bool i_; \
	u128 r_ = f128_round_int(&c_, q, rn, &i_); check("round_int", __LINE__, r_, want, i_, winx); } while (0)
	u128 two_5 = Q(0x4000400000000000, 0), m05 = Q(0xbffe000000000000, 0);
	RINT(two_5, FPU_RND_NEAR, TWO, true);
	RINT(two_5, FPU_RND_AWAY, THREE, true);
	RINT(two_5, FPU_RND_ZERO, TWO, true);
	RINT(two_5, FPU_RND_UP, THREE, true);
	RINT(m05, FPU_RND_UP, NZERO, true);
	RINT(m05, FPU_RND_DOWN, Q(0xbfff000000000000, 0), true);
	RINT(m05, FPU_RND_AWAY, Q(0xbfff000000000000, 0), true);
	RINT(m05, FPU_RND_NEAR, NZERO, true);
	RINT(MINSUB, FPU_RND_UP, ONE, true);
	RINT(THREE, FPU_RND_NEAR, THREE, false);
	RINT(MAXF, FPU_RND_NEAR, MAXF, false);
	/* xsrqpxp: 64-bit significand; 1 + 2^-64 is a tie, 1 + 2^-64 + 2^-112 is not */
	c = ctx(0);
	r = f128_round_xp(&c, Q(0x3fff000000000000, 0x0001000000000000), 0);
	check("xp tie", __LINE__, r, ONE, c.exc, XX_FI);
	c = ctx(0);
	r = f128_round_xp(&c, Q(0x3fff000000000000, 0x0001000000000001), 0);
	check("xp up", __LINE__, r, Q(0x3fff000000000000, 0x0002000000000000), c.exc, XX_FI);
	assert_int_equal(bad, 0);
}

/* ---- instructions ---- */

static struct ppc_cpu *new_cpu(void)
{
	struct ppc_cpu *cpu = calloc(1, sizeof(*cpu));
	assert_non_null(cpu);
	assert_int_equal(cpu_init(cpu, PVR_POWER9, 0), 0);
	cpu_set_msr(cpu, MSR_SF | MSR_FP | MSR_VSX | MSR_VEC);
	cpu->cia = 0x1000;
	return cpu;
}

static void set_vr(struct ppc_cpu *cpu, unsigned n, u128 v)
{
	cpu->vsr[32 + n].dw[0] = v.hi;
	cpu->vsr[32 + n].dw[1] = v.lo;
}

static u128 get_vr(struct ppc_cpu *cpu, unsigned n)
{
	return u128_make(cpu->vsr[32 + n].dw[0], cpu->vsr[32 + n].dw[1]);
}

/* Encodings (objdump -M raw): VRT = 1, VRA = 2, VRB = 3 unless noted. */
#define XSADDQP   0xfc221808u
#define XSADDQPO  0xfc221809u
#define XSDIVQP   0xfc221c48u
#define XSMADDQP  0xfc221b08u
#define XSNMSUBQP 0xfc221bc8u
#define XSCMPUQP  0xfd021d08u /* cr2 */
#define XSCMPOQP  0xfd021908u /* cr2 */
#define XSCMPEXPQP 0xfd021948u
#define XSABSQP   0xfc201e48u
#define XSNABSQP  0xfc281e48u
#define XSNEGQP   0xfc301e48u
#define XSCPSGNQP 0xfc2218c8u
#define XSXEXPQP  0xfc221e48u
#define XSXSIGQP  0xfc321e48u
#define XSIEXPQP  0xfc221ec8u
#define XSSQRTQP  0xfc3b1e48u
#define XSCVDPQP  0xfc361e88u
#define XSCVQPDP  0xfc341e88u
#define XSCVQPDPO 0xfc341e89u
#define XSCVQPSWZ 0xfc291e88u
#define XSCVQPUDZ 0xfc311e88u
#define XSCVSDQP  0xfc2a1e88u
#define XSTSTDCQP 0xfd7f1d88u /* cr2, DCMX 0x7f */
#define XSRQPI_R1_RM2 0xfc211c0au /* xsrqpi 1,v1,v3,2 (toward +inf) */
#define XSRQPIX_R0_RM3 0xfc201e0bu /* xsrqpix 0,v1,v3,3 (FPSCR[RN]) */
#define XSCVQPSQZ 0xfc281e88u
#define XSCVQPUQZ 0xfc201e88u
#define XSCVSQQP  0xfc2b1e88u
#define XSCVUQQP  0xfc231e88u
#define XSMAXCQP  0xfc221d48u
#define XSMINCQP  0xfc221dc8u
#define XSCMPEQQP 0xfc221888u
#define XSCMPGEQP 0xfc221988u
#define XSCMPGTQP 0xfc2219c8u

static unsigned fprf_of(const struct ppc_cpu *cpu)
{
	return (unsigned)((cpu->fpscr & FPSCR_FPRF) >> FPSCR_FPRF_SHIFT);
}

static void test_insns(void **state)
{
	(void)state;
	struct ppc_cpu *cpu = new_cpu();
	bad = 0;
	set_vr(cpu, 2, ONE);
	set_vr(cpu, 3, TWO);
	assert_int_equal(cpu_execute_one(cpu, XSADDQP), PPC_OK);
	check("xsaddqp", __LINE__, get_vr(cpu, 1), THREE, 0, 0);
	assert_int_equal(fprf_of(cpu), FPRF_PNORM);
	assert_int_equal(cpu->fpscr & (FPSCR_XX | FPSCR_FI | FPSCR_FX), 0);

	/* round to odd ignores RN; FI, XX, FX */
	set_vr(cpu, 3, Q(0x3f8e000000000000, 0));
	cpu->fpscr = FPU_RND_NEAR;
	assert_int_equal(cpu_execute_one(cpu, XSADDQPO), PPC_OK);
	check("xsaddqpo", __LINE__, get_vr(cpu, 1), Q(0x3fff000000000000, 1), 0, 0);
	assert_int_equal(cpu->fpscr & (FPSCR_XX | FPSCR_FI | FPSCR_FX),
			 FPSCR_XX | FPSCR_FI | FPSCR_FX);
	cpu->fpscr = FPU_RND_NEAR;
	assert_int_equal(cpu_execute_one(cpu, XSADDQP), PPC_OK);
	check("xsaddqp tie", __LINE__, get_vr(cpu, 1), ONE, 0, 0);

	/* an enabled invalid operation leaves VRT alone; FPRF too */
	set_vr(cpu, 1, Q(0x1234, 0x5678));
	set_vr(cpu, 2, PZERO);
	set_vr(cpu, 3, PZERO);
	cpu->fpscr = FPSCR_VE | ((uint64_t)FPRF_PNORM << FPSCR_FPRF_SHIFT);
	assert_int_equal(cpu_execute_one(cpu, XSDIVQP), PPC_OK); /* MSR[FE0,FE1] = 0 */
	check("0/0 VE", __LINE__, get_vr(cpu, 1), Q(0x1234, 0x5678), 0, 0);
	assert_int_equal(cpu->fpscr & ~FPSCR_FPRF, FPSCR_VE | FPSCR_VXZDZ | FPSCR_VX | FPSCR_FX |
			 FPSCR_FEX);
	assert_int_equal(fprf_of(cpu), FPRF_PNORM);
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSDIVQP), PPC_OK);
	check("0/0", __LINE__, get_vr(cpu, 1), DQNAN, 0, 0);
	assert_int_equal(fprf_of(cpu), FPRF_QNAN);
	/* ZE = 1: x/0 not written either */
	set_vr(cpu, 1, Q(0x1234, 0x5678));
	set_vr(cpu, 2, ONE);
	cpu->fpscr = FPSCR_ZE;
	assert_int_equal(cpu_execute_one(cpu, XSDIVQP), PPC_OK);
	check("1/0 ZE", __LINE__, get_vr(cpu, 1), Q(0x1234, 0x5678), 0, 0);
	assert_true(cpu->fpscr & FPSCR_ZX);
	/* ... and with MSR[FE0|FE1] the enabled exception interrupts */
	cpu_set_msr(cpu, MSR_SF | MSR_FP | MSR_VSX | MSR_VEC | MSR_FE0 | MSR_FE1);
	cpu->fpscr = FPSCR_ZE;
	assert_int_equal(cpu_execute_one(cpu, XSDIVQP), PPC_EXC);
	cpu_set_msr(cpu, MSR_SF | MSR_FP | MSR_VSX | MSR_VEC);

	/* multiply-add VRT = VRA * VRB + VRT; nmsub = -(A * B - T) */
	set_vr(cpu, 1, ONE);
	set_vr(cpu, 2, TWO);
	set_vr(cpu, 3, THREE);
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSMADDQP), PPC_OK);
	check("xsmaddqp", __LINE__, get_vr(cpu, 1), Q(0x4001c00000000000, 0), 0, 0);
	set_vr(cpu, 1, ONE);
	assert_int_equal(cpu_execute_one(cpu, XSNMSUBQP), PPC_OK);
	check("xsnmsubqp", __LINE__, get_vr(cpu, 1), Q(0xc001400000000000, 0), 0, 0); /* -5 */
	assert_int_equal(fprf_of(cpu), FPRF_NNORM);

	/* compares: CR field and FPCC; FPSCR[C] kept */
	set_vr(cpu, 2, ONE);
	set_vr(cpu, 3, TWO);
	cpu->fpscr = FPSCR_C;
	assert_int_equal(cpu_execute_one(cpu, XSCMPUQP), PPC_OK);
	assert_int_equal(cpu_get_crf(cpu, 2), 8);
	assert_int_equal(cpu->fpscr, FPSCR_C | (8ULL << FPSCR_FPRF_SHIFT));
	set_vr(cpu, 3, DQNAN);
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSCMPUQP), PPC_OK);
	assert_int_equal(cpu_get_crf(cpu, 2), 1);
	assert_int_equal(cpu->fpscr, 1ULL << FPSCR_FPRF_SHIFT);
	assert_int_equal(cpu_execute_one(cpu, XSCMPOQP), PPC_OK);
	assert_int_equal(cpu->fpscr, (1ULL << FPSCR_FPRF_SHIFT) | FPSCR_VXVC | FPSCR_VX | FPSCR_FX);
	set_vr(cpu, 2, Q(0x3fff000000000000, 5));
	set_vr(cpu, 3, Q(0xbfff800000000000, 0));
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSCMPEXPQP), PPC_OK);
	assert_int_equal(cpu_get_crf(cpu, 2), 2);

	/* sign operations and fields */
	set_vr(cpu, 3, Q(0xbfff800000000000, 7));
	assert_int_equal(cpu_execute_one(cpu, XSABSQP), PPC_OK);
	check("xsabsqp", __LINE__, get_vr(cpu, 1), Q(0x3fff800000000000, 7), 0, 0);
	assert_int_equal(cpu_execute_one(cpu, XSNEGQP), PPC_OK);
	check("xsnegqp", __LINE__, get_vr(cpu, 1), Q(0x3fff800000000000, 7), 0, 0);
	set_vr(cpu, 3, Q(0x3fff800000000000, 7));
	assert_int_equal(cpu_execute_one(cpu, XSNABSQP), PPC_OK);
	check("xsnabsqp", __LINE__, get_vr(cpu, 1), Q(0xbfff800000000000, 7), 0, 0);
	set_vr(cpu, 2, NZERO);
	assert_int_equal(cpu_execute_one(cpu, XSCPSGNQP), PPC_OK);
	check("xscpsgnqp", __LINE__, get_vr(cpu, 1), Q(0xbfff800000000000, 7), 0, 0);
	assert_int_equal(cpu_execute_one(cpu, XSXEXPQP), PPC_OK);
	check("xsxexpqp", __LINE__, get_vr(cpu, 1), Q(0x3fff, 0), 0, 0);
	assert_int_equal(cpu_execute_one(cpu, XSXSIGQP), PPC_OK);
	check("xsxsigqp", __LINE__, get_vr(cpu, 1), Q(0x0001800000000000, 7), 0, 0);
	set_vr(cpu, 3, MINSUB);
	assert_int_equal(cpu_execute_one(cpu, XSXSIGQP), PPC_OK);
	check("xsxsigqp denormal", __LINE__, get_vr(cpu, 1), Q(0, 1), 0, 0);
	set_vr(cpu, 2, Q(0x8000123456789abc, 0xdef));
	set_vr(cpu, 3, Q(0x7ffe, 0x1234));
	assert_int_equal(cpu_execute_one(cpu, XSIEXPQP), PPC_OK);
	check("xsiexpqp", __LINE__, get_vr(cpu, 1), Q(0xfffe123456789abc, 0xdef), 0, 0);

	/* xssqrtqp: VXSQRT, default NaN, FPRF */
	set_vr(cpu, 3, Q(0xbfff000000000000, 0));
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSSQRTQP), PPC_OK);
	check("sqrt -1", __LINE__, get_vr(cpu, 1), DQNAN, 0, 0);
	assert_true(cpu->fpscr & FPSCR_VXSQRT);

	/* conversions: binary64 in doubleword 0, doubleword 1 zeroed */
	cpu->vsr[35].dw[0] = 0xbff8000000000000ULL;
	cpu->vsr[35].dw[1] = 0x1234;
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSCVDPQP), PPC_OK);
	check("xscvdpqp", __LINE__, get_vr(cpu, 1), Q(0xbfff800000000000, 0), 0, 0);
	assert_int_equal(fprf_of(cpu), FPRF_NNORM);
	set_vr(cpu, 3, Q(0x3fff000000000000, 0x0800000000000000)); /* 1 + 2^-53 */
	assert_int_equal(cpu_execute_one(cpu, XSCVQPDP), PPC_OK);
	check("xscvqpdp", __LINE__, get_vr(cpu, 1), Q(0x3ff0000000000000, 0), 0, 0);
	assert_int_equal(cpu_execute_one(cpu, XSCVQPDPO), PPC_OK);
	check("xscvqpdpo", __LINE__, get_vr(cpu, 1), Q(0x3ff0000000000001, 0), 0, 0);
	assert_true(cpu->fpscr & FPSCR_FI);
	set_vr(cpu, 3, Q(0xc01e000000020000, 0)); /* -2^31 - 1 */
	cpu->fpscr = (uint64_t)FPRF_PINF << FPSCR_FPRF_SHIFT;
	assert_int_equal(cpu_execute_one(cpu, XSCVQPSWZ), PPC_OK);
	check("xscvqpswz", __LINE__, get_vr(cpu, 1), Q(0xffffffff80000000, 0), 0, 0);
	assert_int_equal(cpu->fpscr & ~FPSCR_FPRF, FPSCR_VXCVI | FPSCR_VX | FPSCR_FX);
	assert_int_equal(fprf_of(cpu), FPRF_PINF); /* conversions to integer keep FPRF */
	set_vr(cpu, 3, Q(0x403e000000000000, 0)); /* 2^63 */
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSCVQPUDZ), PPC_OK);
	check("xscvqpudz", __LINE__, get_vr(cpu, 1), Q(0x8000000000000000, 0), 0, 0);
	assert_int_equal(cpu->fpscr, 0);
	cpu->vsr[35].dw[0] = 0xfffffffffffffffdULL;
	assert_int_equal(cpu_execute_one(cpu, XSCVSDQP), PPC_OK);
	check("xscvsdqp", __LINE__, get_vr(cpu, 1), Q(0xc000800000000000, 0), 0, 0);

	/* xststdcqp: DCMX 0x7f matches every class but normal numbers */
	set_vr(cpu, 3, Q(0x8000000000000000, 1));
	assert_int_equal(cpu_execute_one(cpu, XSTSTDCQP), PPC_OK);
	assert_int_equal(cpu_get_crf(cpu, 2), 0xa);
	set_vr(cpu, 3, ONE);
	assert_int_equal(cpu_execute_one(cpu, XSTSTDCQP), PPC_OK);
	assert_int_equal(cpu_get_crf(cpu, 2), 0);

	/* xsrqpi: no XX/FI; xsrqpix: XX and FI when inexact */
	set_vr(cpu, 3, Q(0x4000400000000000, 0)); /* 2.5 */
	cpu->fpscr = FPSCR_FI;
	assert_int_equal(cpu_execute_one(cpu, XSRQPI_R1_RM2), PPC_OK);
	check("xsrqpi +inf", __LINE__, get_vr(cpu, 1), THREE, 0, 0);
	assert_int_equal(cpu->fpscr, (uint64_t)FPRF_PNORM << FPSCR_FPRF_SHIFT);
	cpu->fpscr = FPU_RND_ZERO;
	assert_int_equal(cpu_execute_one(cpu, XSRQPIX_R0_RM3), PPC_OK);
	check("xsrqpix RN", __LINE__, get_vr(cpu, 1), TWO, 0, 0);
	assert_int_equal(cpu->fpscr & (FPSCR_XX | FPSCR_FI | FPSCR_FX),
			 FPSCR_XX | FPSCR_FI | FPSCR_FX);

	/* the VSX facility */
	cpu_set_msr(cpu, MSR_SF | MSR_FP | MSR_VEC);
	assert_int_equal(cpu_execute_one(cpu, XSADDQP), PPC_EXC);
	assert_int_equal(bad, 0);
	free(cpu);
}

/* ISA 3.1 rows: illegal on the POWER9 model (and POWER8), executed at ISA level 3.1. */
static void test_isa31(void **state)
{
	(void)state;
	const uint32_t words[] = {XSCVQPSQZ, XSCVQPUQZ, XSCVSQQP, XSCVUQQP, XSMAXCQP, XSMINCQP,
				  XSCMPEQQP, XSCMPGEQP, XSCMPGTQP};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		assert_null(ppc_decode(words[i], PPC_ISA_300));
		assert_null(ppc_decode(words[i], PPC_ISA_207));
		assert_non_null(ppc_decode(words[i], PPC_ISA_310));
	}
	assert_non_null(ppc_decode(XSCVQPUDZ, PPC_ISA_300));
	assert_null(ppc_decode(XSCVQPUDZ, PPC_ISA_207));

	struct ppc_cpu *cpu = new_cpu();
	bad = 0;
	set_vr(cpu, 3, Q(0x407e000000000000, 0));
	assert_int_equal(cpu_execute_one(cpu, XSCVQPSQZ), PPC_EXC); /* illegal on POWER9 */
	cpu->isa = PPC_ISA_310; /* no POWER10 model yet: the level alone */
	cpu_set_msr(cpu, MSR_SF | MSR_FP | MSR_VSX | MSR_VEC);
	/* max/min/compare (values from qemu-ppc64le -cpu power10) */
	const struct {
		uint32_t insn;
		u128 a, b, want;
		uint64_t fpscr;
	} mm[] = {
		{XSMAXCQP, PZERO, NZERO, PZERO, 0},
		{XSMAXCQP, NZERO, PZERO, NZERO, 0},
		{XSMINCQP, PZERO, NZERO, NZERO, 0},
		{XSMINCQP, NZERO, PZERO, PZERO, 0},
		{XSMAXCQP, ONE, TWO, TWO, 0},
		{XSMINCQP, ONE, TWO, ONE, 0},
		{XSMAXCQP, DQNAN, ONE, ONE, 0},
		{XSMINCQP, ONE, Q(0x7fff400000000000, 0), Q(0x7fff400000000000, 0),
		 FPSCR_FX | FPSCR_VX | FPSCR_VXSNAN},
		{XSCMPEQQP, PZERO, NZERO, Q(0xffffffffffffffff, 0xffffffffffffffff), 0},
		{XSCMPGTQP, PZERO, NZERO, PZERO, 0},
		{XSCMPGEQP, Q(0x3fff000000000000, 1), ONE, Q(0xffffffffffffffff, 0xffffffffffffffff), 0},
		{XSCMPGEQP, DQNAN, ONE, PZERO, FPSCR_FX | FPSCR_VX | FPSCR_VXVC},
		{XSCMPEQQP, ONE, Q(0x7fff400000000000, 0), PZERO, FPSCR_FX | FPSCR_VX | FPSCR_VXSNAN},
		{XSCMPGTQP, ONE, Q(0x7fff400000000000, 0), PZERO,
		 FPSCR_FX | FPSCR_VX | FPSCR_VXSNAN | FPSCR_VXVC},
	};
	for (size_t i = 0; i < sizeof(mm) / sizeof(mm[0]); i++) {
		set_vr(cpu, 2, mm[i].a);
		set_vr(cpu, 3, mm[i].b);
		cpu->fpscr = 0;
		assert_int_equal(cpu_execute_one(cpu, mm[i].insn), PPC_OK);
		check("max/min/cmp", (unsigned)i, get_vr(cpu, 1), mm[i].want, 0, 0);
		assert_int_equal(cpu->fpscr, mm[i].fpscr);
	}
	set_vr(cpu, 3, Q(0x407e000000000000, 0));
	cpu_set_msr(cpu, MSR_SF | MSR_FP | MSR_VSX | MSR_VEC);
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSCVQPSQZ), PPC_OK);
	check("xscvqpsqz 2^127", __LINE__, get_vr(cpu, 1), Q(0x7fffffffffffffff, 0xffffffffffffffff), 0, 0);
	assert_int_equal(cpu->fpscr, FPSCR_VXCVI | FPSCR_VX | FPSCR_FX);
	set_vr(cpu, 3, Q(0xbfff800000000000, 0));
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSCVQPSQZ), PPC_OK);
	check("xscvqpsqz -1.5", __LINE__, get_vr(cpu, 1), Q(0xffffffffffffffff, 0xffffffffffffffff), 0, 0);
	assert_int_equal(cpu->fpscr, FPSCR_XX | FPSCR_FI | FPSCR_FX);
	set_vr(cpu, 3, Q(0x7fff400000000000, 0));
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSCVQPUQZ), PPC_OK);
	check("xscvqpuqz snan", __LINE__, get_vr(cpu, 1), PZERO, 0, 0);
	assert_int_equal(cpu->fpscr, FPSCR_VXCVI | FPSCR_VXSNAN | FPSCR_VX | FPSCR_FX);
	set_vr(cpu, 3, Q(0x7fffffffffffffff, 0xffffffffffffffff));
	cpu->fpscr = FPU_RND_ZERO;
	assert_int_equal(cpu_execute_one(cpu, XSCVSQQP), PPC_OK);
	check("xscvsqqp", __LINE__, get_vr(cpu, 1), Q(0x407dffffffffffff, 0xffffffffffffffff), 0, 0);
	assert_int_equal(cpu->fpscr, FPU_RND_ZERO | FPSCR_XX | FPSCR_FI | FPSCR_FX |
			 ((uint64_t)FPRF_PNORM << FPSCR_FPRF_SHIFT));
	set_vr(cpu, 3, Q(0xffffffffffffffff, 0xffffffffffffffff));
	cpu->fpscr = 0;
	assert_int_equal(cpu_execute_one(cpu, XSCVSQQP), PPC_OK);
	check("xscvsqqp -1", __LINE__, get_vr(cpu, 1), Q(0xbfff000000000000, 0), 0, 0);
	assert_int_equal(cpu->fpscr, (uint64_t)FPRF_NNORM << FPSCR_FPRF_SHIFT);
	assert_int_equal(cpu_execute_one(cpu, XSCVUQQP), PPC_OK);
	check("xscvuqqp", __LINE__, get_vr(cpu, 1), Q(0x407f000000000000, 0), 0, 0);
	assert_int_equal(bad, 0);
	free(cpu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u128),
		cmocka_unit_test(test_arith),
		cmocka_unit_test(test_enabled_adjust),
		cmocka_unit_test(test_compare_convert),
		cmocka_unit_test(test_insns),
		cmocka_unit_test(test_isa31),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
