/* SPDX-License-Identifier: MIT */
/* Floating-point core (see cpu/fpu.h for the design and the rules kept). */
#include <fenv.h>
#include <math.h>
#include <string.h>

#include "cpu/fpu.h"

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF /* the error-free transformations need every rounding */
#endif

#if !defined(FE_TONEAREST) || !defined(FE_TOWARDZERO) || !defined(FE_UPWARD) || \
	!defined(FE_DOWNWARD) || !defined(FE_INEXACT) || !defined(FE_INVALID) || \
	!defined(FE_OVERFLOW) || !defined(FE_DIVBYZERO)
#error "the FP core needs a host with IEEE 754 rounding modes and flags in <fenv.h>"
#endif

#define EXP_MASK   0x7ff0000000000000ULL
#define FRAC_MASK  0x000fffffffffffffULL
#define QUIET_BIT  0x0008000000000000ULL
#define MIN_NORMAL 0x0010000000000000ULL /* 2^-1022 */
#define SP_MIN_NORMAL 0x3810000000000000ULL /* 2^-126 in binary64 */

static inline double to_d(uint64_t x)
{
	double d;
	memcpy(&d, &x, sizeof(d));
	return d;
}

static inline uint64_t to_u(double d)
{
	uint64_t x;
	memcpy(&x, &d, sizeof(x));
	return x;
}


unsigned fpu_fprf_sp(uint32_t x)
{
	/* classify through the exact widening, then fix the denormal range */
	uint64_t d = fpu_sp_to_dp(x);
	unsigned f = fpu_fprf(d);
	if (!((x >> 23) & 0xff) && (x & 0x7fffff))
		f = (x >> 31) ? FPRF_NDENORM : FPRF_PDENORM;
	return f;
}

/* ---- the host unit ---- */

enum host_op { H_ADD, H_SUB, H_MUL, H_DIV, H_SQRT, H_FMA, H_TOSP };

static const int host_rnd[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};

/*
 * One host operation in rounding mode @rn; *@fl gets the host flags it raised. The
 * operands and the result pass through volatile objects so that the compiler can
 * neither fold the operation nor move it across the <fenv.h> calls (gcc and clang do
 * not implement FENV_ACCESS).
 */
static double host(enum host_op op, double a, double b, double c, unsigned rn, int *fl)
{
	volatile double va = a, vb = b, vc = c;
	volatile double vr;
	if (rn)
		fesetround(host_rnd[rn]);
	feclearexcept(FE_ALL_EXCEPT);
	switch (op) {
	case H_ADD: vr = va + vb; break;
	case H_SUB: vr = va - vb; break;
	case H_MUL: vr = va * vb; break;
	case H_DIV: vr = va / vb; break;
	case H_SQRT: vr = sqrt(va); break;
	case H_FMA: vr = fma(va, vb, vc); break;
	default: {
		volatile float f = (float)va;
		vr = f;
		break;
	}
	}
	*fl = fetestexcept(FE_INEXACT | FE_INVALID | FE_OVERFLOW | FE_DIVBYZERO);
	if (rn)
		fesetround(FE_TONEAREST);
	return vr;
}

/* ---- NaN rules (Book I 4.3.2, 4.4.1) ---- */

/* The first NaN of @ops quieted; VXSNAN if any operand is an SNaN. Caller knows one is
 * a NaN. */
static uint64_t pick_nan(struct fpu_ctx *c, const uint64_t *ops, unsigned n)
{
	uint64_t r = 0;
	bool found = false;
	for (unsigned i = 0; i < n; i++) {
		if (fp_is_snan(ops[i]))
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		if (!found && fp_is_nan(ops[i])) {
			r = ops[i] | QUIET_BIT;
			found = true;
		}
	}
	return r;
}

/* A NaN result of a single-precision operation keeps the fraction bits binary32 has. */
static inline uint64_t nan_to_single(uint64_t x)
{
	return x & 0xffffffffe0000000ULL;
}

/* ---- exceptions of a finite computation ---- */

/* The invalid-operation kind of @op on non-NaN operands the host found invalid. */
static uint32_t invalid_kind(enum host_op op, uint64_t a, uint64_t b)
{
	switch (op) {
	case H_ADD:
	case H_SUB:
		return (uint32_t)FPSCR_VXISI;
	case H_MUL:
		return (uint32_t)FPSCR_VXIMZ;
	case H_DIV:
		return (uint32_t)(fp_is_zero(a) && fp_is_zero(b) ? FPSCR_VXZDZ : FPSCR_VXIDI);
	case H_SQRT:
		return (uint32_t)FPSCR_VXSQRT;
	case H_FMA:
		if ((fp_is_inf(a) && fp_is_zero(b)) || (fp_is_zero(a) && fp_is_inf(b)))
			return (uint32_t)FPSCR_VXIMZ;
		return (uint32_t)FPSCR_VXISI;
	default:
		return (uint32_t)FPSCR_VXSNAN; /* not reached: conversions of non-NaNs */
	}
}

static uint32_t common_flags(int fl)
{
	uint32_t e = 0;
	if (fl & FE_DIVBYZERO)
		e |= (uint32_t)FPSCR_ZX;
	if (fl & FE_OVERFLOW)
		e |= (uint32_t)(FPSCR_OX | FPSCR_XX | FPSCR_FI);
	if (fl & FE_INEXACT)
		e |= (uint32_t)(FPSCR_XX | FPSCR_FI);
	return e;
}

/*
 * Fast path, round to nearest only: the host computes the result and an error-free
 * transformation decides exactness (TwoSum for +-, the FMA residual for * / sqrt, ErrFma
 * of Boldo and Muller for fma), so the <fenv.h> calls are not needed. It applies when
 * every operand is zero or of magnitude in [2^-900, 2^1000) and so is the result (and
 * the product of an fma): then no intermediate can overflow or lose bits to underflow,
 * and none of OX UX ZX VX can occur. Anything else takes the exact slow path.
 */
static inline bool in_range(uint64_t x)
{
	unsigned e = (unsigned)((x >> 52) & 0x7ff);
	return e >= 123 && e <= 2022;
}

static inline bool zero_or_in_range(uint64_t x)
{
	return fp_is_zero(x) || in_range(x);
}

static inline __attribute__((always_inline)) bool
fast_body(enum host_op op, uint64_t a, uint64_t b, uint64_t x, uint64_t *res, bool *inexact)
{
	if (!zero_or_in_range(a) || !zero_or_in_range(b) || !zero_or_in_range(x))
		return false;
	double da = to_d(a), db = to_d(b), dx = to_d(x), r, e, t;
	switch (op) {
	case H_ADD:
	case H_SUB:
		if (op == H_SUB)
			db = -db;
		r = da + db;
		{ /* Fast2Sum (Dekker): exact error when |hi| >= |lo| */
			bool a_big = (a & ~FP_SIGN) >= (b & ~FP_SIGN);
			double hi = a_big ? da : db, lo = a_big ? db : da;
			e = lo - (r - hi);
		}
		break;
	case H_MUL:
		r = da * db;
		e = fma(da, db, -r);
		break;
	case H_DIV:
		if (fp_is_zero(b))
			return false;
		r = da / db;
		e = fma(-r, db, da);
		break;
	case H_SQRT:
		if (a >> 63)
			return false;
		r = sqrt(da);
		e = fma(-r, r, da);
		break;
	case H_FMA: {
		double u1 = da * db;
		/* the product must be exact-zero (a zero factor) or in range, never a
		 * product that underflowed to zero */
		if (!(fp_is_zero(a) || fp_is_zero(b) || in_range(to_u(u1))))
			return false;
		r = fma(da, db, dx);
		double u2 = fma(da, db, -u1);
		double a1 = dx + u2; /* TwoSum(x, u2) */
		t = a1 - dx;
		double a2 = (dx - (a1 - t)) + (u2 - t);
		double b1 = u1 + a1; /* TwoSum(u1, a1) */
		t = b1 - u1;
		double b2 = (u1 - (b1 - t)) + (a1 - t);
		e = ((b1 - r) + b2) + a2;
		break;
	}
	default:
		return false;
	}
	uint64_t ru = to_u(r);
	if (!in_range(ru))
		return false;
	*res = ru;
	*inexact = e != 0;
	return true;
}

#if defined(__x86_64__) && defined(__GNUC__)
/*
 * x86-64: the baseline has no FMA instruction, so fma() is a libm call. Hosts that have
 * FMA3 get a copy of the fast path compiled for it (fma() becomes one instruction).
 */
__attribute__((target("fma"))) static bool fast_fma3(enum host_op op, uint64_t a,
						     uint64_t b, uint64_t x, uint64_t *res,
						     bool *inexact)
{
	return fast_body(op, a, b, x, res, inexact);
}

static bool fast_generic(enum host_op op, uint64_t a, uint64_t b, uint64_t x, uint64_t *res,
			 bool *inexact)
{
	return fast_body(op, a, b, x, res, inexact);
}

static bool (*fast_impl)(enum host_op, uint64_t, uint64_t, uint64_t, uint64_t *,
			 bool *) = fast_generic;

__attribute__((constructor)) static void fast_select(void)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("fma"))
		fast_impl = fast_fma3;
}

static inline bool fast(enum host_op op, uint64_t a, uint64_t b, uint64_t x, uint64_t *res,
			bool *inexact)
{
	return fast_impl(op, a, b, x, res, inexact);
}
#else
static inline bool fast(enum host_op op, uint64_t a, uint64_t b, uint64_t x, uint64_t *res,
			bool *inexact)
{
	return fast_body(op, a, b, x, res, inexact);
}
#endif

/*
 * Binary64 or binary32 result of a finite-operand operation. Tininess before rounding:
 * a rounded result below the smallest normal was tiny; one equal to it was tiny exactly
 * when the result rounded toward zero is below it.
 */
static uint64_t compute_slow(struct fpu_ctx *c, enum host_op op, uint64_t a, uint64_t b,
			     uint64_t x, bool single);
static uint64_t round_odd_to_single(struct fpu_ctx *c, uint64_t odd, bool inexact, int dz,
				    int eoff);
#define FPU_WRAP32 0x40000 /* eoff value: frsp's format, see round_odd_to_single() */

static inline uint64_t compute(struct fpu_ctx *c, enum host_op op, uint64_t a, uint64_t b,
			       uint64_t x, bool single)
{
	uint64_t fr;
	bool fix;
	if (PPC_LIKELY(c->rn == FPU_RND_NEAR) && fast(op, a, b, x, &fr, &fix)) {
		if (!single) {
			if (fix)
				c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
			return fr;
		}
		/* Rounding the binary64 result again is exact unless the first rounding
		 * landed on a binary32 midpoint; the result must also be a normal single. */
		bool mid = (fr & 0x1fffffffULL) == 0x10000000ULL;
		unsigned e = (unsigned)((fr >> 52) & 0x7ff);
		if (!(fix && mid) && e > 897 && e < 1150) {
			float f = (float)to_d(fr);
			uint64_t s = to_u((double)f);
			if (fix || s != fr)
				c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
			return s;
		}
	}
	return compute_slow(c, op, a, b, x, single);
}

/* Scale @v by 2^@s; a nonzero value that scaling would lose keeps a sticky stand-in of
 * its sign (it is far below the result's last bit). */
static double scale(double v, int s)
{
	double r = ldexp(v, s);
	if (v != 0 && (r == 0 || fabs(r) < 0x1p-1022))
		r = copysign(0x1p-1074, v);
	return r;
}

/*
 * The exponent-adjusted result of an enabled overflow (@s = -1536) or underflow (+1536),
 * Book I 4.4.4-4.4.5: the operands are scaled exactly (a power of two split between the
 * factors) so the one rounding happens on the adjusted value. Returns false when that is
 * impossible (an operand would overflow), leaving the default result.
 */
static bool scale_operands(enum host_op op, uint64_t a, uint64_t b, uint64_t x, int s,
			   double *da, double *db, double *dx)
{
	*da = to_d(a);
	*db = to_d(b);
	*dx = to_d(x);
	if (op != H_MUL && op != H_DIV && op != H_FMA) {
		*da = scale(*da, s);
		*db = scale(*db, s);
		return !isinf(*da) && !isinf(*db);
	}
	/* The product/quotient moves by 2^s whatever the split between the two factors:
	 * try an even split, then all on one factor (a factor that is 0, or large, would
	 * overflow with half of it: fmsubs 0 * 2^359 - denormal). */
	const int split[3] = {s / 2, s, 0};
	for (unsigned i = 0; i < 3; i++) {
		double ta = scale(to_d(a), split[i]);
		double tb = scale(to_d(b), op == H_DIV ? -(s - split[i]) : s - split[i]);
		if (!isinf(ta) && !isinf(tb)) {
			*da = ta;
			*db = tb;
			if (op == H_FMA)
				*dx = scale(*dx, s);
			return !isinf(*dx);
		}
	}
	return false;
}

static bool rescaled(struct fpu_ctx *c, enum host_op op, uint64_t a, uint64_t b, uint64_t x,
		     int s, uint64_t *out)
{
	double da, db, dx;
	if (!scale_operands(op, a, b, x, s, &da, &db, &dx))
		return false;
	int fl;
	double r = host(op, da, db, dx, c->rn, &fl);
	if (isinf(r) || fabs(r) < 0x1p-1022)
		return false;
	if (fl & FE_INEXACT)
		c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
	*out = to_u(r);
	return true;
}

static uint64_t compute_slow(struct fpu_ctx *c, enum host_op op, uint64_t a, uint64_t b,
			     uint64_t x, bool single)
{
	int fl;
	if (!single) {
		double r = host(op, to_d(a), to_d(b), to_d(x), c->rn, &fl);
		if (PPC_UNLIKELY(fl & FE_INVALID)) {
			c->exc |= invalid_kind(op, a, b);
			return FP_DEFAULT_QNAN;
		}
		uint64_t ru = to_u(r);
		uint32_t e = common_flags(fl);
		if (PPC_UNLIKELY(c->traps)) {
			uint64_t adj;
			bool tiny_exact = !(fl & FE_INEXACT) && !fp_is_zero(ru) &&
					  (ru & ~FP_SIGN) < MIN_NORMAL;
			if ((c->traps & FPU_TRAP_OE) && (fl & FE_OVERFLOW) &&
			    rescaled(c, op, a, b, x, -1536, &adj)) {
				c->exc |= (uint32_t)FPSCR_OX;
				return adj;
			}
			if ((c->traps & FPU_TRAP_UE) && ((ru & ~FP_SIGN) <= MIN_NORMAL) &&
			    (!fp_is_zero(ru) || (fl & FE_INEXACT))) {
				/* tiny (before rounding), exact or not */
				int fz;
				double rz = host(op, to_d(a), to_d(b), to_d(x), FPU_RND_ZERO, &fz);
				bool tiny = tiny_exact || (ru & ~FP_SIGN) < MIN_NORMAL ||
					    (to_u(rz) & ~FP_SIGN) < MIN_NORMAL;
				if (tiny && rescaled(c, op, a, b, x, 1536, &adj)) {
					c->exc |= (uint32_t)FPSCR_UX;
					return adj;
				}
			}
		}
		if (PPC_UNLIKELY((fl & FE_INEXACT) && (ru & ~FP_SIGN) <= MIN_NORMAL)) {
			bool tiny = (ru & ~FP_SIGN) < MIN_NORMAL;
			if (!tiny) {
				int fz;
				double rz = host(op, to_d(a), to_d(b), to_d(x), FPU_RND_ZERO, &fz);
				tiny = (to_u(rz) & ~FP_SIGN) < MIN_NORMAL;
			}
			if (tiny)
				e |= (uint32_t)FPSCR_UX;
		}
		c->exc |= e;
		return ru;
	}
	/* Round to odd in binary64, then once to binary32. */
	double r = host(op, to_d(a), to_d(b), to_d(x), FPU_RND_ZERO, &fl);
	if (PPC_UNLIKELY(fl & FE_INVALID)) {
		c->exc |= invalid_kind(op, a, b);
		return FP_DEFAULT_QNAN;
	}
	uint64_t odd = to_u(r);
	if (PPC_UNLIKELY(fp_is_zero(odd) && !(fl & FE_INEXACT))) {
		/* An exact zero takes its sign from the real rounding mode (x - x = -0 in
		 * round toward -inf, Book I 4.3.6). */
		int fz;
		c->exc |= common_flags(fl & FE_DIVBYZERO);
		return to_u(host(op, to_d(a), to_d(b), to_d(x), c->rn, &fz));
	}
	int eoff = 0;
	if (PPC_UNLIKELY(c->traps)) {
		/* An enabled overflow/underflow needs the exact exponent even when the
		 * binary64 intermediate overflowed or underflowed: redo it scaled. */
		int k = 0;
		if ((c->traps & FPU_TRAP_OE) && (fl & FE_OVERFLOW))
			k = -1536;
		else if ((c->traps & FPU_TRAP_UE) && (odd & ~FP_SIGN) < MIN_NORMAL &&
			 (!fp_is_zero(odd) || (fl & FE_INEXACT)))
			k = 1536;
		double da, db, dx;
		if (k && scale_operands(op, a, b, x, k, &da, &db, &dx)) {
			int f3;
			double r3 = host(op, da, db, dx, FPU_RND_ZERO, &f3);
			uint64_t u3 = to_u(r3);
			if (!fp_is_inf(u3) && (u3 & ~FP_SIGN) >= MIN_NORMAL) {
				odd = u3;
				fl = (fl & ~FE_INEXACT) | (f3 & FE_INEXACT);
				eoff = -k;
			}
		}
	}
	if (fl & FE_INEXACT)
		odd |= 1;
	return round_odd_to_single(c, odd, (fl & FE_INEXACT) != 0, fl & FE_DIVBYZERO, eoff);
}

/*
 * Round the binary64 value @odd (exact, or rounded to odd from an inexact value when
 * @inexact) to binary32 in c->rn, with the single-precision exceptions; enabled overflow
 * and underflow deliver the value scaled by 2^-+192 (exact on the binary64 value).
 */
static uint64_t round_odd_to_single(struct fpu_ctx *c, uint64_t odd, bool inexact, int dz,
				    int eoff)
{
	int f2;
	uint64_t mag = odd & ~FP_SIGN;
	bool wrap = eoff == FPU_WRAP32;
	if (wrap)
		eoff = 0;
	if (PPC_UNLIKELY(c->traps & FPU_TRAP_UE) && mag && mag < MIN_NORMAL) {
		/* A binary64 denormal operand (frsp 0x800fffffffffffff, UE=1): the ISA's
		 * round-to-single model normalizes it, rounds to 24 bits and stores exp + 192
		 * in the binary64 exponent field (Book I 4.6.x, Enabled Exponent Underflow).
		 * Scale exactly into the normal range and carry the exponent in eoff (frsp's
		 * 8-bit wrap below is unchanged by it: 1536 is a multiple of 256). */
		odd = to_u(ldexp(to_d(odd), 1536));
		eoff = -1536;
		mag = odd & ~FP_SIGN;
	}
	if (PPC_UNLIKELY(c->traps) && !fp_is_nan(odd) && !fp_is_inf(odd) && mag >= MIN_NORMAL) {
		/* the true value is odd * 2^eoff; E before rounding, Er after */
		int E = (int)((odd >> 52) & 0x7ff) - 1023 + eoff;
		uint64_t rr = (odd & ~0x1fffffffULL) + 0x20000000ULL; /* largest rounding */
		int Er = (int)((rr >> 52) & 0x7ff) - 1023 + eoff;
		int sc = 0;
		if ((c->traps & FPU_TRAP_OE) && E >= 128)
			sc = -192;
		else if ((c->traps & FPU_TRAP_OE) && Er >= 128) {
			/* may round up to 2^128: decide with the real rounding */
			double t = host(H_TOSP, to_d(odd), 0, 0, c->rn, &f2);
			if (eoff == 0 && (f2 & FE_OVERFLOW))
				sc = -192;
			(void)t;
		} else if ((c->traps & FPU_TRAP_UE) && E < -126) {
			sc = 192;
		}
		if (sc) {
			/* Round the significand to 24 bits, then move the exponent by 192 in the
			 * binary64 format: the adjusted value need not fit binary32, and qemu
			 * keeps the exponent field modulo 2048. */
			uint64_t rem = odd & 0x1fffffffULL, half = 0x10000000ULL;
			bool neg = odd >> 63, up;
			switch (c->rn) {
			case FPU_RND_NEAR:
				up = rem > half || (rem == half && ((odd >> 29) & 1));
				break;
			case FPU_RND_UP: up = rem && !neg; break;
			case FPU_RND_DOWN: up = rem && neg; break;
			default: up = false; break;
			}
			uint64_t r = (odd & ~0x1fffffffULL) + (up ? (1ULL << 29) : 0);
			uint64_t e = ((r >> 52) & 0x7ff) + (uint64_t)(int64_t)(sc + eoff);
			if (wrap) {
				/* frsp: qemu builds a binary32 whose 8-bit exponent field wraps */
				uint64_t e32 = ((r >> 52) & 0x7ff) - 1023 + 127 +
					       (uint64_t)(int64_t)(sc + eoff);
				uint32_t w = (uint32_t)((r >> 63) << 31) | (uint32_t)((e32 & 0xff) << 23) |
					     (uint32_t)((r >> 29) & 0x7fffff);
				r = fpu_sp_to_dp(w);
			} else {
				r = (r & ~(0x7ffULL << 52)) | ((e & 0x7ff) << 52);
			}
			c->exc |= (uint32_t)(sc < 0 ? FPSCR_OX : FPSCR_UX);
			if (inexact || rem)
				c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
			return r;
		}
	}
	double s = host(H_TOSP, to_d(odd), 0, 0, c->rn, &f2);
	uint32_t e = common_flags((inexact ? FE_INEXACT : 0) | dz | f2);
	if ((e & FPSCR_XX) && (odd & ~FP_SIGN) < SP_MIN_NORMAL)
		e |= (uint32_t)FPSCR_UX;
	c->exc |= e;
	return to_u(s);
}

static inline uint64_t arith2(struct fpu_ctx *c, enum host_op op, uint64_t a, uint64_t b, bool single)
{
	if (PPC_UNLIKELY(fp_is_nan(a) || fp_is_nan(b))) {
		const uint64_t ops[2] = {a, b};
		uint64_t r = pick_nan(c, ops, 2);
		return single ? nan_to_single(r) : r;
	}
	return compute(c, op, a, b, 0, single);
}

uint64_t fpu_add(struct fpu_ctx *c, uint64_t a, uint64_t b, bool single)
{
	return arith2(c, H_ADD, a, b, single);
}

uint64_t fpu_sub(struct fpu_ctx *c, uint64_t a, uint64_t b, bool single)
{
	return arith2(c, H_SUB, a, b, single);
}

uint64_t fpu_mul(struct fpu_ctx *c, uint64_t a, uint64_t b, bool single)
{
	return arith2(c, H_MUL, a, b, single);
}

uint64_t fpu_div(struct fpu_ctx *c, uint64_t a, uint64_t b, bool single)
{
	return arith2(c, H_DIV, a, b, single);
}

uint64_t fpu_sqrt(struct fpu_ctx *c, uint64_t b, bool single)
{
	if (PPC_UNLIKELY(fp_is_nan(b))) {
		uint64_t r = pick_nan(c, &b, 1);
		return single ? nan_to_single(r) : r;
	}
	return compute(c, H_SQRT, b, 0, 0, single);
}

uint64_t fpu_madd(struct fpu_ctx *c, uint64_t a, uint64_t cc, uint64_t b, unsigned flags,
		  bool single)
{
	if (PPC_UNLIKELY(fp_is_nan(a) || fp_is_nan(b) || fp_is_nan(cc))) {
		/* inf * 0 is invalid even when the addend is a NaN (which is returned). */
		if ((fp_is_inf(a) && fp_is_zero(cc)) || (fp_is_zero(a) && fp_is_inf(cc)))
			c->exc |= (uint32_t)FPSCR_VXIMZ;
		const uint64_t ops[3] = {a, b, cc};
		uint64_t r = pick_nan(c, ops, 3);
		return single ? nan_to_single(r) : r;
	}
	if (flags & FPU_MADD_NEG_ADDEND)
		b ^= FP_SIGN;
	if (!(flags & FPU_MADD_NEG_RESULT))
		return compute(c, H_FMA, a, cc, b, single);
	/* fnmadd/fnmsub round the negated value (as qemu: directed modes round -(a*c+b),
	 * not a*c+b), i.e. compute (-a)*c + (-b). An exact zero is the negation of the
	 * zero a*c+b gives (fnmsub 1,1,1 = -0 in round to nearest). */
	struct fpu_ctx t = {c->rn, 0, c->traps};
	uint64_t r = compute(&t, H_FMA, a ^ FP_SIGN, cc, b ^ FP_SIGN, single);
	c->exc |= t.exc;
	if (fp_is_zero(r) && !(t.exc & FPSCR_XX)) {
		int fz;
		r = to_u(host(H_FMA, to_d(a), to_d(cc), to_d(b), c->rn, &fz)) ^ FP_SIGN;
	}
	return r;
}

/*
 * The estimates: the value is the exact reciprocal (square root) rounded, as qemu gives it
 * (the ISA only bounds the error). Their Special Registers Altered (ISA 3.0B, fre[s]:
 * FPRF FR FI(undefined) FX OX UX ZX VXSNAN; frsqrte[s]: ... ZX VXSNAN VXSQRT; the VSX
 * xs/xv re/rsqrte forms likewise) do not include XX, so no inexact is reported (FI, which
 * is undefined, still says whether the value was rounded). A zero operand gives +-Inf
 * with ZX (Book I 4.6.6.3 tables: fre of +-0 is +-Inf).
 */
uint64_t fpu_recip(struct fpu_ctx *c, uint64_t b, bool single)
{
	struct fpu_ctx t = {c->rn, 0, c->traps};
	uint64_t r = fpu_div(&t, FP_ONE, b, single);
	c->exc |= t.exc & ~(uint32_t)FPSCR_XX;
	return r;
}

uint64_t fpu_rsqrt(struct fpu_ctx *c, uint64_t b, bool single)
{
	if (PPC_UNLIKELY(fp_is_nan(b))) {
		uint64_t r = pick_nan(c, &b, 1);
		return single ? nan_to_single(r) : r;
	}
	struct fpu_ctx t = {c->rn, 0, c->traps};
	uint64_t s = fpu_sqrt(&t, b, false);
	if (!fp_is_nan(s))
		s = fpu_div(&t, FP_ONE, s, single);
	c->exc |= t.exc & ~(uint32_t)FPSCR_XX;
	return s;
}

uint64_t fpu_to_single(struct fpu_ctx *c, uint64_t b)
{
	if (PPC_UNLIKELY(fp_is_nan(b)))
		return nan_to_single(pick_nan(c, &b, 1));
	return round_odd_to_single(c, b, false, 0, FPU_WRAP32);
}

/* ---- integers ---- */

/* Round the finite @x to an integral value in @rnd; *@inexact says whether it changed. */
static uint64_t round_integral(uint64_t x, unsigned rnd, bool *inexact)
{
	unsigned exp = (unsigned)((x >> 52) & 0x7ff);
	bool neg = (x >> 63) != 0;
	bool up;
	*inexact = false;
	if (exp >= 1075)
		return x; /* |x| >= 2^52: already integral */
	if (exp < 1023) { /* |x| < 1 */
		if ((x & ~FP_SIGN) == 0)
			return x;
		*inexact = true;
		switch (rnd) {
		case FPU_RND_NEAR: up = exp == 1022 && (x & FRAC_MASK); break;
		case FPU_RND_AWAY: up = exp == 1022; break;
		case FPU_RND_UP: up = !neg; break;
		case FPU_RND_DOWN: up = neg; break;
		default: up = false; break;
		}
		return (x & FP_SIGN) | (up ? FP_ONE : 0);
	}
	unsigned fbits = 1075 - exp; /* fraction bits below the binary point: 1..52 */
	uint64_t mask = (1ULL << fbits) - 1, frac = x & mask, half = 1ULL << (fbits - 1);
	uint64_t t = x & ~mask;
	if (!frac)
		return x;
	*inexact = true;
	switch (rnd) {
	/* bit fbits of t is the integer's lsb (for exp 1023 the exponent's lsb, also 1) */
	case FPU_RND_NEAR: up = frac > half || (frac == half && ((t >> fbits) & 1)); break;
	case FPU_RND_AWAY: up = frac >= half; break;
	case FPU_RND_UP: up = !neg; break;
	case FPU_RND_DOWN: up = neg; break;
	default: up = false; break;
	}
	if (up)
		t += 1ULL << fbits; /* a carry into the exponent is the right answer */
	return t;
}

uint64_t fpu_round_int(struct fpu_ctx *c, uint64_t b, unsigned rnd, bool *inexact)
{
	bool ix = false;
	uint64_t r;
	if (fp_is_nan(b))
		r = pick_nan(c, &b, 1);
	else if (fp_is_inf(b))
		r = b;
	else
		r = round_integral(b, rnd, &ix);
	if (inexact)
		*inexact = ix;
	return r;
}

uint64_t fpu_to_int(struct fpu_ctx *c, uint64_t b, unsigned kind, unsigned rnd)
{
	bool uns = kind & FPU_CVT_UNSIGNED, w = kind & FPU_CVT_32;
	/* Saturation values: signed min for NaN, as qemu and POWER hardware. */
	uint64_t smin = w ? 0xffffffff80000000ULL : 0x8000000000000000ULL;
	uint64_t smax = w ? 0x7fffffffULL : 0x7fffffffffffffffULL;
	uint64_t umax = w ? 0xffffffffULL : 0xffffffffffffffffULL;
	if (fp_is_nan(b)) {
		if (fp_is_snan(b))
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		c->exc |= (uint32_t)FPSCR_VXCVI;
		return uns ? 0 : (w ? 0x80000000ULL : smin);
	}
	bool ix = false;
	uint64_t r = fp_is_inf(b) ? b : round_integral(b, rnd, &ix);
	double d = to_d(r);
	bool neg = (r >> 63) != 0 && !fp_is_zero(r);
	double lo = uns ? 0.0 : (w ? -2147483648.0 : -9223372036854775808.0);
	double hi_excl = uns ? (w ? 4294967296.0 : 18446744073709551616.0)
			     : (w ? 2147483648.0 : 9223372036854775808.0);
	if (d < lo || d >= hi_excl || (uns && neg)) {
		c->exc |= (uint32_t)FPSCR_VXCVI;
		if (uns)
			return neg ? 0 : umax;
		return neg ? (w ? 0xffffffff80000000ULL : smin) : smax;
	}
	if (ix)
		c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
	if (uns)
		return (uint64_t)d;
	return (uint64_t)(int64_t)d;
}

/* Round the magnitude @m (nonzero) to @prec bits in @rnd (sign @neg); exact result. */
static double round_magnitude(uint64_t m, bool neg, unsigned prec, unsigned rnd, bool *inexact)
{
	unsigned n = 64;
	while (!(m >> (n - 1)))
		n--;
	*inexact = false;
	if (n <= prec)
		return neg ? -(double)m : (double)m;
	unsigned sh = n - prec;
	uint64_t keep = m >> sh, rem = m & ((1ULL << sh) - 1), half = 1ULL << (sh - 1);
	bool up = false;
	if (rem) {
		*inexact = true;
		switch (rnd) {
		case FPU_RND_NEAR: up = rem > half || (rem == half && (keep & 1)); break;
		case FPU_RND_UP: up = !neg; break;
		case FPU_RND_DOWN: up = neg; break;
		default: up = false; break;
		}
	}
	double v = ldexp((double)(keep + up), (int)sh); /* keep + 1 <= 2^prec: exact */
	return neg ? -v : v;
}

uint64_t fpu_from_int(struct fpu_ctx *c, uint64_t v, unsigned kind, bool single)
{
	bool neg = !(kind & FPU_CVT_UNSIGNED) && (v >> 63);
	uint64_t m = neg ? (~v + 1) : v;
	if (!m)
		return 0;
	if (m < (single ? (1ULL << 24) : (1ULL << 53))) { /* exact: the host conversion */
		double d = (double)m;
		return to_u(neg ? -d : d);
	}
	bool ix;
	double d = round_magnitude(m, neg, single ? 24 : 53, c->rn, &ix);
	if (ix)
		c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
	return to_u(d);
}

/* ---- format changes of loads and stores (Book I 4.6.2, 4.6.3) ---- */

uint64_t fpu_sp_to_dp(uint32_t s)
{
	uint64_t sign = (uint64_t)(s >> 31) << 63;
	unsigned exp = (s >> 23) & 0xff;
	uint64_t frac = s & 0x7fffff;
	if (exp == 0xff)
		return sign | EXP_MASK | (frac << 29);
	if (exp != 0)
		return sign | ((uint64_t)(exp - 127 + 1023) << 52) | (frac << 29);
	if (frac == 0)
		return sign;
	/* denormal single: normalise */
	int e = 1023 - 126;
	while (!(frac & 0x800000)) {
		frac <<= 1;
		e--;
	}
	return sign | ((uint64_t)e << 52) | ((frac & 0x7fffff) << 29);
}

uint32_t fpu_dp_to_sp(uint64_t d)
{
	unsigned exp = (unsigned)((d >> 52) & 0x7ff);
	uint32_t sign = (uint32_t)(d >> 63) << 31;
	if (exp > 896 || exp == 0 || exp == 0x7ff) /* no denormalisation required */
		return (uint32_t)(((d >> 32) & 0xc0000000) | ((d >> 29) & 0x3fffffff));
	if (exp < 874)
		return sign; /* undefined in the ISA; this gives the signed zero hardware does */
	/* 874 <= exp <= 896: denormalise (shift the implicit 1 in) */
	uint64_t frac = (d & FRAC_MASK) | (1ULL << 52);
	unsigned sh = 29 + (897 - exp);
	return sign | (uint32_t)(frac >> sh);
}

/* ---- compare (Book I 4.6.8) ---- */

unsigned fpu_compare(struct fpu_ctx *c, uint64_t a, uint64_t b, bool ordered, bool ve)
{
	if (fp_is_nan(a) || fp_is_nan(b)) {
		bool sn = fp_is_snan(a) || fp_is_snan(b);
		if (sn)
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		if (ordered && (!sn || !ve))
			c->exc |= (uint32_t)FPSCR_VXVC;
		return 1;
	}
	double x = to_d(a), y = to_d(b);
	return x < y ? 8 : x > y ? 4 : 2;
}

/* ---- test for software divide / square root (Book I 4.6.8) ---- */

/* The unbiased exponent, denormals counted as -1022 (ftdiv/ftsqrt pseudocode). */
static int exponent(uint64_t x)
{
	int e = (int)((x >> 52) & 0x7ff);
	return (e ? e : 1) - 1023;
}

static bool is_denorm(uint64_t x) { return !((x >> 52) & 0x7ff) && !fp_is_zero(x); }

/* ftdiv: CR[BF] = 0b1 || fg_flag || fe_flag || 0b0 (Book I 4.6.8). */
unsigned fpu_tdiv_flags(uint64_t a, uint64_t b)
{
	int ea = exponent(a), eb = exponent(b);
	bool az = fp_is_zero(a);
	bool fe = fp_is_nan(a) || fp_is_inf(a) || fp_is_zero(b) || fp_is_nan(b) || fp_is_inf(b) ||
		  eb <= -1022 || eb >= 1021 ||
		  (!az && (ea - eb >= 1023 || ea - eb <= -1021 || ea <= -970));
	bool fg = fp_is_inf(a) || fp_is_inf(b) || fp_is_zero(b) || is_denorm(b);
	return 8u | (fg ? 4u : 0) | (fe ? 2u : 0);
}

unsigned fpu_tsqrt_flags(uint64_t b)
{
	bool fe = fp_is_zero(b) || fp_is_nan(b) || fp_is_inf(b) || (b >> 63) ||
		  exponent(b) <= -970;
	bool fg = fp_is_inf(b) || fp_is_zero(b) || is_denorm(b);
	return 8u | (fg ? 4u : 0) | (fe ? 2u : 0);
}

/* ---- FPSCR ---- */



int fpu_check_enabled(struct ppc_cpu *cpu, uint32_t exc)
{
	uint64_t f = cpu->fpscr, e = exc;
	if (e & FPSCR_VX_ALL)
		e |= FPSCR_VX;
	if (!(cpu->msr & (MSR_FE0 | MSR_FE1)))
		return PPC_OK;
	if (!((e >> 22) & f & (FPSCR_VE | FPSCR_OE | FPSCR_UE | FPSCR_ZE | FPSCR_XE)))
		return PPC_OK;
	return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_FPE);
}

/* ---- single-precision tests and formats for VSX ---- */

/* Unbiased exponent of a binary32 value, denormals as -126. */
static int sp_exponent(uint32_t x)
{
	int e = (int)((x >> 23) & 0xff);
	return (e ? e : 1) - 127;
}

static bool sp_is_nan(uint32_t x) { return (x & 0x7fffffffu) > 0x7f800000u; }
static bool sp_is_inf(uint32_t x) { return (x & 0x7fffffffu) == 0x7f800000u; }
static bool sp_is_zero(uint32_t x) { return (x & 0x7fffffffu) == 0; }
static bool sp_is_denorm(uint32_t x) { return !((x >> 23) & 0xff) && !sp_is_zero(x); }

unsigned fpu_tdiv_flags_sp(uint32_t a, uint32_t b)
{
	int ea = sp_exponent(a), eb = sp_exponent(b);
	bool az = sp_is_zero(a);
	bool fe = sp_is_nan(a) || sp_is_inf(a) || sp_is_zero(b) || sp_is_nan(b) || sp_is_inf(b) ||
		  eb <= -126 || eb >= 125 ||
		  (!az && (ea - eb >= 127 || ea - eb <= -125 || ea <= -103));
	bool fg = sp_is_inf(a) || sp_is_inf(b) || sp_is_zero(b) || sp_is_denorm(b);
	return 8u | (fg ? 4u : 0) | (fe ? 2u : 0);
}

unsigned fpu_tsqrt_flags_sp(uint32_t b)
{
	bool fe = sp_is_zero(b) || sp_is_nan(b) || sp_is_inf(b) || (b >> 31) ||
		  sp_exponent(b) <= -103;
	bool fg = sp_is_inf(b) || sp_is_zero(b) || sp_is_denorm(b);
	return 8u | (fg ? 4u : 0) | (fe ? 2u : 0);
}

/* IEEE binary16 (xscvhpdp/xscvdphp, ISA 3.0 Book I 7.6). */
uint64_t fpu_hp_to_dp(struct fpu_ctx *c, uint16_t h)
{
	uint64_t sign = (uint64_t)(h >> 15) << 63;
	unsigned exp = (h >> 10) & 0x1f;
	uint64_t frac = h & 0x3ff;
	if (exp == 0x1f) {
		if (frac && !(frac & 0x200)) {
			c->exc |= (uint32_t)FPSCR_VXSNAN;
			frac |= 0x200;
		}
		return sign | EXP_MASK | (frac << 42);
	}
	if (exp)
		return sign | ((uint64_t)(exp - 15 + 1023) << 52) | (frac << 42);
	if (!frac)
		return sign;
	int e = 1023 - 14;
	while (!(frac & 0x400)) {
		frac <<= 1;
		e--;
	}
	return sign | ((uint64_t)e << 52) | ((frac & 0x3ff) << 42);
}

uint16_t fpu_dp_to_hp(struct fpu_ctx *c, uint64_t x)
{
	uint16_t sign = (uint16_t)((x >> 63) << 15);
	unsigned exp = (unsigned)((x >> 52) & 0x7ff);
	uint64_t frac = x & FRAC_MASK;
	bool neg = sign != 0;
	if (exp == 0x7ff) {
		if (!frac)
			return sign | 0x7c00;
		if (!(frac & QUIET_BIT))
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		return (uint16_t)(sign | 0x7e00 | (frac >> 42));
	}
	if (!exp && !frac)
		return sign;
	/* value = m * 2^q with m the 53-bit significand */
	uint64_t m = exp ? (frac | (1ULL << 52)) : frac;
	int q = (exp ? (int)exp : 1) - 1075;
	int top = 63;
	while (!(m >> top))
		top--;
	int E = top + q; /* floor(log2 |x|) */
	/* Enabled overflow (OE=1) / underflow (UE=1): the result is rounded to 11 bits as a
	 * normal number and its exponent adjusted by -+24 (3 * 2^(5-2), as 1536 and 192 for
	 * binary64 and binary32, Book I 4.4.4-4.4.5); the 5-bit field keeps it modulo 32, as
	 * qemu does. */
	bool oe_trap = (c->traps & FPU_TRAP_OE) && E >= 15;
	bool ue_trap = (c->traps & FPU_TRAP_UE) && E < -14;
	int lsb = (E < -14 && !ue_trap ? -14 : E) - 10; /* exponent of the result's last bit */
	int sh = lsb - q;
	uint64_t keep = m, rem = 0, half = 0;
	bool inexact = false, up = false;
	if (sh > 0) {
		if (sh >= 64) {
			keep = 0;
			rem = m;
			inexact = true;
			/* rem < half always: the value is far below the last bit */
			switch (c->rn) {
			case FPU_RND_UP: up = !neg; break;
			case FPU_RND_DOWN: up = neg; break;
			default: up = false; break;
			}
		} else {
			keep = m >> sh;
			rem = m & ((1ULL << sh) - 1);
			half = 1ULL << (sh - 1);
			inexact = rem != 0;
			switch (c->rn) {
			case FPU_RND_NEAR: up = rem > half || (rem == half && (keep & 1)); break;
			case FPU_RND_UP: up = inexact && !neg; break;
			case FPU_RND_DOWN: up = inexact && neg; break;
			default: up = false; break;
			}
		}
		keep += up;
	} else {
		keep <<= -sh; /* exact (only small significands get here): value = keep * 2^lsb */
	}
	if (oe_trap || ue_trap) {
		if (keep >= (1ULL << 11)) {
			keep >>= 1;
			lsb++;
		}
		int er = lsb + 10, adj = 0;
		if (oe_trap && er > 15) {
			adj = -24;
			c->exc |= (uint32_t)FPSCR_OX;
		} else if (ue_trap) {
			adj = 24;
			c->exc |= (uint32_t)FPSCR_UX;
		}
		if (adj) {
			if (inexact)
				c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
			return (uint16_t)(sign | ((unsigned)((er + adj + 15) & 0x1f) << 10) |
					  (keep & 0x3ff));
		}
		/* E == 15 not rounding up: an ordinary normal result (keep unchanged) */
	}
	if (E > 15) {
		c->exc |= (uint32_t)(FPSCR_OX | FPSCR_XX | FPSCR_FI);
		bool to_inf = c->rn == FPU_RND_NEAR || (c->rn == FPU_RND_UP && !neg) ||
			      (c->rn == FPU_RND_DOWN && neg);
		return sign | (to_inf ? 0x7c00 : 0x7bff);
	}
	if (inexact) {
		c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
		if (E < -14)
			c->exc |= (uint32_t)FPSCR_UX;
	}
	/* keep * 2^lsb with lsb = max(E, -14) - 10: keep < 2^11 (or == 2^11 after carry) */
	if (keep >= (1ULL << 11)) { /* carry: renormalise */
		keep >>= 1;
		lsb++;
	}
	if (lsb + 10 > 15) {
		c->exc |= (uint32_t)(FPSCR_OX | FPSCR_XX | FPSCR_FI);
		bool to_inf = c->rn == FPU_RND_NEAR || (c->rn == FPU_RND_UP && !neg) ||
			      (c->rn == FPU_RND_DOWN && neg);
		return sign | (to_inf ? 0x7c00 : 0x7bff);
	}
	if (keep & 0x400) /* normal */
		return (uint16_t)(sign | ((unsigned)(lsb + 10 + 15) << 10) | (keep & 0x3ff));
	return (uint16_t)(sign | keep); /* denormal (lsb == -24) or zero */
}
