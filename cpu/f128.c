/* SPDX-License-Identifier: MIT */
/*
 * binary128 arithmetic (see cpu/f128.h): Power ISA 3.0B Book I 7.3 (floating-point
 * model of VSX, shared with chapter 4), 7.6 (the xs*qp instructions).
 *
 * Finite nonzero operands are unpacked into an integer significand and a binary
 * exponent (value = sig * 2^exp), computed exactly or with a sticky bit (the lowest bit
 * ORed with everything shifted out, always at least two bits below the final rounding
 * position), and rounded once by round_pack(), which handles every format the
 * instructions deliver: binary128, binary64 (xscvqpdp) and the 64-bit significand of
 * xsrqpxp.
 */
#include "cpu/f128.h"

#define EXP_MASK_HI 0x7fff000000000000ULL
#define FRAC_HI     0x0000ffffffffffffULL
#define QUIET_HI    0x0000800000000000ULL
#define IMPLICIT_HI 0x0001000000000000ULL

static const u128 DEFAULT_QNAN = {F128_DEFAULT_QNAN_HI, 0};

/* A rounding target: fraction bits stored, precision, exponent range and the OE/UE
 * adjustment (3 * 2^(w-2) for exponent width w, Book I 4.4.4). */
struct fmt {
	unsigned frac_bits, exp_bits, prec;
	int32_t emin, emax, bias, rebias;
};
static const struct fmt F128 = {112, 15, 113, -16382, 16383, 16383, 24576};
static const struct fmt F64 = {52, 11, 53, -1022, 1023, 1023, 1536};
static const struct fmt FXP = {112, 15, 64, -16382, 16383, 16383, 24576};

static u128 pack(const struct fmt *f, bool sign, uint64_t biased, u128 frac)
{
	u128 r = u128_or(u128_shl(u128_make(0, biased), f->frac_bits), frac);
	if (sign)
		r = u128_or(r, u128_shl(u128_make(0, 1), f->frac_bits + f->exp_bits));
	return r;
}

static u128 zero(bool sign) { return u128_make(sign ? FP_SIGN : 0, 0); }
static u128 inf(bool sign) { return u128_make((sign ? FP_SIGN : 0) | EXP_MASK_HI, 0); }
static u128 neg(u128 x) { x.hi ^= FP_SIGN; return x; }
static bool sign_of(u128 x) { return (x.hi >> 63) != 0; }

struct unp {
	bool sign;
	int32_t exp;
	u128 sig;
};

/* A finite binary128 value as sig * 2^exp (sig = 0 for zeros). */
static struct unp unpack(u128 x)
{
	struct unp u;
	unsigned e = (unsigned)((x.hi >> 48) & 0x7fff);
	u.sign = sign_of(x);
	u.sig = u128_make(x.hi & FRAC_HI, x.lo);
	if (e == 0) {
		u.exp = 1 - 16383 - 112;
	} else {
		u.sig.hi |= IMPLICIT_HI;
		u.exp = (int32_t)e - 16383 - 112;
	}
	return u;
}

/* Shift @u's significand so its leading one is bit 112 (subnormals normalised). */
static void normalize113(struct unp *u)
{
	int sh = (int)u128_clz(u->sig) - 15;
	if (sh > 0) {
		u->sig = u128_shl(u->sig, (unsigned)sh);
		u->exp -= sh;
	}
}

/* The first NaN of @ops quieted; VXSNAN if any operand is an SNaN. */
static u128 pick_nan(struct fpu_ctx *c, const u128 *ops, unsigned n)
{
	u128 r = DEFAULT_QNAN;
	bool found = false;
	for (unsigned i = 0; i < n; i++) {
		if (f128_is_snan(ops[i]))
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		if (!found && f128_is_nan(ops[i])) {
			r = ops[i];
			r.hi |= QUIET_HI;
			found = true;
		}
	}
	return r;
}

static u128 invalid(struct fpu_ctx *c, uint64_t vx)
{
	c->exc |= (uint32_t)vx;
	return DEFAULT_QNAN;
}

static u128 low_mask(unsigned n)
{
	return u128_sub(u128_shl(u128_make(0, 1), n), u128_make(0, 1));
}

/* Largest finite value of @f (all precision bits ones). */
static u128 max_finite(const struct fmt *f, bool sign)
{
	u128 frac = u128_shl(low_mask(f->prec - 1), f->frac_bits - (f->prec - 1));
	return pack(f, sign, (uint64_t)(f->emax + f->bias), frac);
}

/*
 * round_pack() - sig * 2^exp (sig != 0, bit 0 possibly sticky) rounded to @f in mode
 * @rn (Book I 4.3.6 / 7.3.2.6), with the overflow/underflow rules of Book I 4.4.4-4.4.5
 * and tininess detected before rounding.
 */
static u128 round_pack(struct fpu_ctx *c, const struct fmt *f, bool sign, int32_t exp, u128 sig,
		       unsigned rn)
{
	int p = 127 - (int)u128_clz(sig);
	if (p < 124) {
		sig = u128_shl(sig, (unsigned)(124 - p));
		exp -= 124 - p;
		p = 124;
	}
	int32_t e = p + exp; /* exponent of the leading bit */
	bool tiny = e < f->emin;
	bool adj_u = tiny && (c->traps & FPU_TRAP_UE);
	if (adj_u) {
		exp += f->rebias;
		e += f->rebias;
	}
	int32_t w = ((adj_u || e >= f->emin) ? e : f->emin) - (int32_t)(f->prec - 1);
	int64_t s = (int64_t)w - exp; /* bits below the result's last bit, >= 11 */
	u128 q;
	int half_cmp; /* remainder vs half an ulp: -1, 0, 1 */
	bool inexact;
	if (s > 128) {
		q = u128_make(0, 0);
		half_cmp = -1;
		inexact = true;
	} else if (s == 128) {
		q = u128_make(0, 0);
		u128 h = u128_make(FP_SIGN, 0);
		half_cmp = u128_lt(sig, h) ? -1 : u128_eq(sig, h) ? 0 : 1;
		inexact = true;
	} else {
		q = u128_shr(sig, (unsigned)s);
		u128 rem = u128_and(sig, low_mask((unsigned)s));
		u128 h = u128_shl(u128_make(0, 1), (unsigned)s - 1);
		half_cmp = u128_lt(rem, h) ? -1 : u128_eq(rem, h) ? 0 : 1;
		inexact = !u128_is_zero(rem);
	}
	bool inc = false;
	switch (rn) {
	case FPU_RND_NEAR: inc = half_cmp > 0 || (half_cmp == 0 && (q.lo & 1)); break;
	case FPU_RND_AWAY: inc = half_cmp >= 0; break;
	case FPU_RND_UP: inc = inexact && !sign; break;
	case FPU_RND_DOWN: inc = inexact && sign; break;
	case FPU_RND_ODD:
		if (inexact)
			q.lo |= 1;
		break;
	default: break;
	}
	if (inc)
		q = u128_add(q, u128_make(0, 1));
	if (adj_u || (tiny && inexact))
		c->exc |= (uint32_t)FPSCR_UX;
	if (inexact)
		c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
	if (u128_is_zero(q))
		return pack(f, sign, 0, u128_make(0, 0));
	int pq = 127 - (int)u128_clz(q);
	int32_t eq = pq + w;
	if (eq > f->emax) {
		c->exc |= (uint32_t)FPSCR_OX;
		if (c->traps & FPU_TRAP_OE) {
			eq -= f->rebias;
		} else {
			c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
			bool to_inf = rn == FPU_RND_NEAR || rn == FPU_RND_AWAY ||
				      (rn == FPU_RND_UP && !sign) || (rn == FPU_RND_DOWN && sign);
			if (to_inf)
				return pack(f, sign, (uint64_t)(2 * f->bias + 1), u128_make(0, 0));
			return max_finite(f, sign);
		}
	}
	if (eq < f->emin && !adj_u) /* denormal: the last bit has weight emin - frac_bits */
		return pack(f, sign, 0,
			    u128_shl(q, (unsigned)(w - (f->emin - (int32_t)f->frac_bits))));
	u128 frac = pq <= (int)f->frac_bits ? u128_shl(q, f->frac_bits - (unsigned)pq)
					    : u128_shr(q, (unsigned)pq - f->frac_bits);
	frac = u128_and(frac, low_mask(f->frac_bits));
	/* An adjusted exponent (OE/UE = 1) still outside the range (a conversion from a wider
	 * format) wraps in the exponent field, as qemu 7.2 delivers it; the ISA does not
	 * define that result. */
	uint64_t biased = (uint64_t)(int64_t)(eq + f->bias) & ((1ULL << f->exp_bits) - 1);
	return pack(f, sign, biased, frac);
}

unsigned f128_fprf(u128 x)
{
	bool n = sign_of(x);
	if (f128_is_nan(x))
		return FPRF_QNAN;
	if (f128_is_inf(x))
		return n ? FPRF_NINF : FPRF_PINF;
	if (f128_is_zero(x))
		return n ? FPRF_NZERO : FPRF_PZERO;
	if (!(x.hi & EXP_MASK_HI))
		return n ? FPRF_NDENORM : FPRF_PDENORM;
	return n ? FPRF_NNORM : FPRF_PNORM;
}

/* ---- 256-bit helpers for products and fused multiply-add ---- */

struct u256 {
	u128 hi, lo;
};

static unsigned u256_clz(struct u256 a)
{
	return u128_is_zero(a.hi) ? 128 + u128_clz(a.lo) : u128_clz(a.hi);
}

static struct u256 u256_shl(struct u256 a, unsigned n)
{
	struct u256 r;
	if (n == 0)
		return a;
	if (n >= 128) {
		r.hi = u128_shl(a.lo, n - 128);
		r.lo = u128_make(0, 0);
	} else {
		r.hi = u128_or(u128_shl(a.hi, n), u128_shr(a.lo, 128 - n));
		r.lo = u128_shl(a.lo, n);
	}
	return r;
}

static struct u256 u256_shr_jam(struct u256 a, unsigned n)
{
	struct u256 r;
	bool sticky;
	if (n == 0)
		return a;
	if (n >= 256) {
		sticky = !u128_is_zero(a.hi) || !u128_is_zero(a.lo);
		r.hi = r.lo = u128_make(0, 0);
	} else if (n >= 128) {
		sticky = !u128_is_zero(a.lo) ||
			 !u128_is_zero(u128_and(a.hi, low_mask(n - 128)));
		r.lo = u128_shr(a.hi, n - 128);
		r.hi = u128_make(0, 0);
	} else {
		sticky = !u128_is_zero(u128_and(a.lo, low_mask(n)));
		r.lo = u128_or(u128_shr(a.lo, n), u128_shl(a.hi, 128 - n));
		r.hi = u128_shr(a.hi, n);
	}
	if (sticky)
		r.lo.lo |= 1;
	return r;
}

static bool u256_lt(struct u256 a, struct u256 b)
{
	return u128_lt(a.hi, b.hi) || (u128_eq(a.hi, b.hi) && u128_lt(a.lo, b.lo));
}

static struct u256 u256_add(struct u256 a, struct u256 b)
{
	struct u256 r;
	r.lo = u128_add(a.lo, b.lo);
	r.hi = u128_add(u128_add(a.hi, b.hi), u128_make(0, u128_lt(r.lo, a.lo) ? 1 : 0));
	return r;
}

static struct u256 u256_sub(struct u256 a, struct u256 b)
{
	struct u256 r;
	r.lo = u128_sub(a.lo, b.lo);
	r.hi = u128_sub(u128_sub(a.hi, b.hi), u128_make(0, u128_lt(a.lo, b.lo) ? 1 : 0));
	return r;
}

/* @a (nonzero) * 2^*exp reduced to at most 125 significant bits with a sticky bit. */
static u128 u256_narrow(struct u256 a, int32_t *exp)
{
	unsigned len = 256 - u256_clz(a);
	if (len <= 125)
		return a.lo;
	a = u256_shr_jam(a, len - 125);
	*exp += (int32_t)(len - 125);
	return a.lo;
}

/* ---- arithmetic ---- */

/* An exact result that is an operand's value (x + 0, 0 * y + x): with UE = 1 a denormal
 * still takes the underflow exception and the adjusted value (Book I 4.4.5). */
static u128 exact(struct fpu_ctx *c, u128 x)
{
	if (!(c->traps & FPU_TRAP_UE) || (x.hi & EXP_MASK_HI) || f128_is_zero(x))
		return x;
	struct unp u = unpack(x);
	return round_pack(c, &F128, u.sign, u.exp, u.sig, c->rn);
}

static u128 addsub(struct fpu_ctx *c, u128 a, u128 b, bool sub)
{
	if (f128_is_nan(a) || f128_is_nan(b)) {
		const u128 ops[2] = {a, b};
		return pick_nan(c, ops, 2);
	}
	if (sub)
		b = neg(b);
	bool sa = sign_of(a), sb = sign_of(b);
	if (f128_is_inf(a) || f128_is_inf(b)) {
		if (f128_is_inf(a) && f128_is_inf(b) && sa != sb)
			return invalid(c, FPSCR_VXISI);
		return f128_is_inf(a) ? a : b;
	}
	if (f128_is_zero(a) && f128_is_zero(b))
		return zero(sa == sb ? sa : c->rn == FPU_RND_DOWN);
	if (f128_is_zero(b))
		return exact(c, a);
	if (f128_is_zero(a))
		return exact(c, b);
	struct unp x = unpack(a), y = unpack(b);
	x.sig = u128_shl(x.sig, 11);
	y.sig = u128_shl(y.sig, 11);
	if (x.exp < y.exp || (x.exp == y.exp && u128_lt(x.sig, y.sig))) {
		struct unp t = x;
		x = y;
		y = t;
	}
	int32_t d = x.exp - y.exp;
	y.sig = u128_shr_jam(y.sig, d > 200 ? 200u : (unsigned)d);
	u128 r;
	if (x.sign == y.sign) {
		r = u128_add(x.sig, y.sig);
	} else {
		r = u128_sub(x.sig, y.sig);
		if (u128_is_zero(r)) /* exact cancellation: +0, -0 when rounding down */
			return zero(c->rn == FPU_RND_DOWN);
	}
	return round_pack(c, &F128, x.sign, x.exp - 11, r, c->rn);
}

u128 f128_add(struct fpu_ctx *c, u128 a, u128 b) { return addsub(c, a, b, false); }
u128 f128_sub(struct fpu_ctx *c, u128 a, u128 b) { return addsub(c, a, b, true); }

u128 f128_mul(struct fpu_ctx *c, u128 a, u128 b)
{
	if (f128_is_nan(a) || f128_is_nan(b)) {
		const u128 ops[2] = {a, b};
		return pick_nan(c, ops, 2);
	}
	bool s = sign_of(a) != sign_of(b);
	if (f128_is_inf(a) || f128_is_inf(b)) {
		if (f128_is_zero(a) || f128_is_zero(b))
			return invalid(c, FPSCR_VXIMZ);
		return inf(s);
	}
	if (f128_is_zero(a) || f128_is_zero(b))
		return zero(s);
	struct unp x = unpack(a), y = unpack(b);
	struct u256 p;
	u128_mul(x.sig, y.sig, &p.hi, &p.lo);
	int32_t e = x.exp + y.exp;
	u128 r = u256_narrow(p, &e);
	return round_pack(c, &F128, s, e, r, c->rn);
}

u128 f128_div(struct fpu_ctx *c, u128 a, u128 b)
{
	if (f128_is_nan(a) || f128_is_nan(b)) {
		const u128 ops[2] = {a, b};
		return pick_nan(c, ops, 2);
	}
	bool s = sign_of(a) != sign_of(b);
	if (f128_is_inf(a)) {
		if (f128_is_inf(b))
			return invalid(c, FPSCR_VXIDI);
		return inf(s);
	}
	if (f128_is_inf(b))
		return zero(s);
	if (f128_is_zero(b)) {
		if (f128_is_zero(a))
			return invalid(c, FPSCR_VXZDZ);
		c->exc |= (uint32_t)FPSCR_ZX;
		return inf(s);
	}
	if (f128_is_zero(a))
		return zero(s);
	struct unp x = unpack(a), y = unpack(b);
	normalize113(&x);
	normalize113(&y);
	u128 r = x.sig, q = u128_make(0, 0);
	int32_t e = x.exp - y.exp;
	if (u128_lt(r, y.sig)) {
		r = u128_shl(r, 1);
		e--;
	}
	/* 116 quotient bits, the first of weight 2^0: q = floor(r / y * 2^115) */
	for (int i = 0; i < 116; i++) {
		q = u128_shl(q, 1);
		if (u128_le(y.sig, r)) {
			r = u128_sub(r, y.sig);
			q.lo |= 1;
		}
		r = u128_shl(r, 1);
	}
	if (!u128_is_zero(r))
		q.lo |= 1;
	return round_pack(c, &F128, s, e - 115, q, c->rn);
}

static unsigned bit_at(u128 m, int pos)
{
	if (pos < 0 || pos > 127)
		return 0;
	return (unsigned)((pos >= 64 ? m.hi >> (pos - 64) : m.lo >> pos) & 1);
}

u128 f128_sqrt(struct fpu_ctx *c, u128 b)
{
	if (f128_is_nan(b))
		return pick_nan(c, &b, 1);
	if (f128_is_zero(b))
		return b;
	if (sign_of(b))
		return invalid(c, FPSCR_VXSQRT);
	if (f128_is_inf(b))
		return b;
	struct unp x = unpack(b);
	normalize113(&x);
	if (x.exp & 1) {
		x.sig = u128_shl(x.sig, 1);
		x.exp--;
	}
	/* root = floor(sqrt(sig * 2^120)), two radicand bits per step */
	u128 root = u128_make(0, 0), rem = u128_make(0, 0);
	for (int j = 117; j >= 0; j--) {
		unsigned two = (bit_at(x.sig, 2 * j + 1 - 120) << 1) | bit_at(x.sig, 2 * j - 120);
		rem = u128_or(u128_shl(rem, 2), u128_make(0, two));
		u128 trial = u128_or(u128_shl(root, 2), u128_make(0, 1));
		root = u128_shl(root, 1);
		if (u128_le(trial, rem)) {
			rem = u128_sub(rem, trial);
			root.lo |= 1;
		}
	}
	if (!u128_is_zero(rem))
		root.lo |= 1;
	return round_pack(c, &F128, false, (x.exp - 120) / 2, root, c->rn);
}

u128 f128_madd(struct fpu_ctx *c, u128 a, u128 b, u128 t, unsigned flags)
{
	if (f128_is_nan(a) || f128_is_nan(b) || f128_is_nan(t)) {
		/* inf * 0 is invalid even when the addend is a NaN (which is returned) */
		if ((f128_is_inf(a) && f128_is_zero(b)) || (f128_is_zero(a) && f128_is_inf(b)))
			c->exc |= (uint32_t)FPSCR_VXIMZ;
		const u128 ops[3] = {a, t, b};
		return pick_nan(c, ops, 3);
	}
	if (flags & FPU_MADD_NEG_ADDEND)
		t = neg(t);
	bool ps = sign_of(a) != sign_of(b), ts = sign_of(t);
	u128 r;
	if (f128_is_inf(a) || f128_is_inf(b)) {
		if (f128_is_zero(a) || f128_is_zero(b))
			return invalid(c, FPSCR_VXIMZ);
		if (f128_is_inf(t) && ts != ps)
			return invalid(c, FPSCR_VXISI);
		r = inf(ps);
	} else if (f128_is_inf(t)) {
		r = t;
	} else if (f128_is_zero(a) || f128_is_zero(b)) {
		if (f128_is_zero(t))
			r = zero(ps == ts ? ps : c->rn == FPU_RND_DOWN);
		else
			r = exact(c, t);
	} else {
		struct unp x = unpack(a), y = unpack(b);
		struct u256 p;
		u128_mul(x.sig, y.sig, &p.hi, &p.lo);
		int32_t pe = x.exp + y.exp;
		if (f128_is_zero(t)) {
			u128 n = u256_narrow(p, &pe);
			r = round_pack(c, &F128, ps, pe, n, c->rn);
		} else {
			struct unp z = unpack(t);
			struct u256 zt = {u128_make(0, 0), z.sig};
			/* both leading ones to bit 253 */
			unsigned lp = u256_clz(p) - 2, lz = u256_clz(zt) - 2;
			p = u256_shl(p, lp);
			pe -= (int32_t)lp;
			zt = u256_shl(zt, lz);
			int32_t ze = z.exp - (int32_t)lz;
			bool xs = ps, ys = ts;
			struct u256 X = p, Y = zt;
			int32_t xe = pe, ye = ze;
			if (xe < ye || (xe == ye && u256_lt(X, Y))) {
				X = zt;
				Y = p;
				xe = ze;
				ye = pe;
				xs = ts;
				ys = ps;
			}
			int32_t d = xe - ye;
			Y = u256_shr_jam(Y, d > 300 ? 300u : (unsigned)d);
			struct u256 S;
			bool cancelled = false;
			if (xs == ys) {
				S = u256_add(X, Y);
			} else {
				S = u256_sub(X, Y);
				cancelled = u128_is_zero(S.hi) && u128_is_zero(S.lo);
			}
			if (cancelled) { /* exact zero: +0, -0 when rounding down */
				r = zero(c->rn == FPU_RND_DOWN);
			} else {
				u128 n = u256_narrow(S, &xe);
				r = round_pack(c, &F128, xs, xe, n, c->rn);
			}
		}
	}
	/* xsnmaddqp/xsnmsubqp: the rounded result negated (Book I 7.6, bfp_NEGATE of the
	 * rounded value) */
	if (flags & FPU_MADD_NEG_RESULT)
		r = neg(r);
	return r;
}

unsigned f128_compare(struct fpu_ctx *c, u128 a, u128 b, bool ordered, bool ve)
{
	if (f128_is_nan(a) || f128_is_nan(b)) {
		bool snan = f128_is_snan(a) || f128_is_snan(b);
		if (snan)
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		if (ordered && (!snan || !ve))
			c->exc |= (uint32_t)FPSCR_VXVC;
		return 1;
	}
	if (f128_is_zero(a) && f128_is_zero(b))
		return 2;
	bool sa = sign_of(a), sb = sign_of(b);
	if (sa != sb)
		return sa ? 8 : 4;
	u128 ma = u128_make(a.hi & ~FP_SIGN, a.lo), mb = u128_make(b.hi & ~FP_SIGN, b.lo);
	if (u128_eq(ma, mb))
		return 2;
	bool lt = u128_lt(ma, mb) != sa;
	return lt ? 8 : 4;
}

/* ---- conversions ---- */

u128 f128_from_f64(struct fpu_ctx *c, uint64_t d)
{
	bool s = (d >> 63) != 0;
	uint64_t frac = d & 0x000fffffffffffffULL;
	unsigned e = (unsigned)((d >> 52) & 0x7ff);
	if (e == 0x7ff) {
		if (frac == 0)
			return inf(s);
		if (!(frac & 0x0008000000000000ULL))
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		u128 r = u128_shl(u128_make(0, frac), 60);
		r.hi |= (s ? FP_SIGN : 0) | EXP_MASK_HI | QUIET_HI;
		return r;
	}
	if (e == 0 && frac == 0)
		return zero(s);
	int32_t exp = e ? (int32_t)e - 1075 : -1074;
	if (e)
		frac |= 1ULL << 52;
	return round_pack(c, &F128, s, exp, u128_make(0, frac), FPU_RND_NEAR); /* exact */
}

uint64_t f128_to_f64(struct fpu_ctx *c, u128 q)
{
	bool s = sign_of(q);
	if (f128_is_nan(q)) {
		if (f128_is_snan(q))
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		uint64_t frac = ((q.hi & FRAC_HI) << 4) | (q.lo >> 60);
		return (s ? FP_SIGN : 0) | 0x7ff8000000000000ULL | frac;
	}
	if (f128_is_inf(q))
		return (s ? FP_SIGN : 0) | 0x7ff0000000000000ULL;
	if (f128_is_zero(q))
		return s ? FP_SIGN : 0;
	struct unp u = unpack(q);
	return round_pack(c, &F64, s, u.exp, u.sig, c->rn).lo;
}

u128 f128_to_int(struct fpu_ctx *c, u128 q, unsigned kind)
{
	bool uns = kind & FPU_CVT_UNSIGNED;
	unsigned bits = (kind & F128_CVT_128) ? 128 : (kind & F128_CVT_32) ? 32 : 64;
	u128 smin = u128_shl(u128_make(0, 1), bits - 1);      /* magnitude of the minimum */
	u128 smax = u128_sub(smin, u128_make(0, 1));
	u128 umax = bits == 128 ? u128_make(~0ULL, ~0ULL) : low_mask(bits);
	bool s = sign_of(q);
	u128 mag;
	bool bad = false, inexact = false;
	if (f128_is_nan(q)) {
		if (f128_is_snan(q))
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		c->exc |= (uint32_t)FPSCR_VXCVI;
		mag = uns ? u128_make(0, 0) : u128_neg(smin);
		goto out;
	}
	if (f128_is_inf(q)) {
		bad = true;
		mag = u128_make(0, 0);
	} else {
		struct unp u = unpack(q);
		if (u128_is_zero(u.sig)) {
			mag = u128_make(0, 0);
		} else if (u.exp >= 0) {
			unsigned len = 128 - u128_clz(u.sig) + (unsigned)u.exp;
			if (len > bits) {
				bad = true;
				mag = u128_make(0, 0);
			} else {
				mag = u128_shl(u.sig, (unsigned)u.exp);
			}
		} else {
			unsigned sh = -u.exp > 200 ? 200u : (unsigned)-u.exp;
			mag = u128_shr(u.sig, sh);
			inexact = !u128_eq(u128_shl(mag, sh), u.sig) || (sh >= 128);
		}
		if (!bad) {
			if (uns)
				bad = s ? !u128_is_zero(mag) : !u128_le(mag, umax);
			else
				bad = !u128_le(mag, s ? smin : smax);
		}
	}
	if (bad) {
		c->exc |= (uint32_t)FPSCR_VXCVI;
		if (uns)
			mag = s ? u128_make(0, 0) : umax;
		else
			mag = s ? u128_neg(smin) : smax;
		goto out;
	}
	if (inexact)
		c->exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
	if (s)
		mag = u128_neg(mag);
out:
	if (bits == 32) /* sign- or zero-extended word */
		mag = u128_make(0, uns ? (mag.lo & 0xffffffffULL)
				       : (uint64_t)(int64_t)(int32_t)(uint32_t)mag.lo);
	else if (bits == 64)
		mag = u128_make(0, mag.lo);
	return mag;
}

u128 f128_from_int(struct fpu_ctx *c, u128 v, unsigned kind)
{
	bool uns = kind & FPU_CVT_UNSIGNED, s = false;
	if (!(kind & F128_CVT_128))
		v = u128_make((!uns && (v.lo >> 63)) ? ~0ULL : 0, v.lo);
	if (!uns && (v.hi >> 63)) {
		s = true;
		v = u128_neg(v);
	}
	if (u128_is_zero(v))
		return zero(false);
	return round_pack(c, &F128, s, 0, v, c->rn);
}

u128 f128_round_int(struct fpu_ctx *c, u128 b, unsigned rnd, bool *inexact)
{
	*inexact = false;
	if (f128_is_nan(b))
		return pick_nan(c, &b, 1);
	if (f128_is_inf(b) || f128_is_zero(b))
		return b;
	struct unp u = unpack(b);
	if (u.exp >= 0)
		return b;
	/* weights below 2^-114 are all far below one half */
	u128 sig = u128_shl(u.sig, 2);
	int32_t exp = u.exp - 2;
	unsigned sh = -exp > 120 ? 120u : (unsigned)-exp;
	u128 q = u128_shr(sig, sh), rem = u128_and(sig, low_mask(sh));
	u128 h = u128_shl(u128_make(0, 1), sh - 1);
	int half_cmp = u128_lt(rem, h) ? -1 : u128_eq(rem, h) ? 0 : 1;
	bool inx = !u128_is_zero(rem), inc = false;
	switch (rnd) {
	case FPU_RND_NEAR: inc = half_cmp > 0 || (half_cmp == 0 && (q.lo & 1)); break;
	case FPU_RND_AWAY: inc = half_cmp >= 0; break;
	case FPU_RND_UP: inc = inx && !u.sign; break;
	case FPU_RND_DOWN: inc = inx && u.sign; break;
	default: break;
	}
	if (inc)
		q = u128_add(q, u128_make(0, 1));
	*inexact = inx;
	if (u128_is_zero(q))
		return zero(u.sign);
	struct fpu_ctx exact = {FPU_RND_NEAR, 0, 0};
	return round_pack(&exact, &F128, u.sign, 0, q, FPU_RND_NEAR);
}

u128 f128_round_xp(struct fpu_ctx *c, u128 b, unsigned rnd)
{
	if (f128_is_nan(b))
		return pick_nan(c, &b, 1);
	if (f128_is_inf(b) || f128_is_zero(b))
		return b;
	struct unp u = unpack(b);
	return round_pack(c, &FXP, u.sign, u.exp, u.sig, rnd);
}
