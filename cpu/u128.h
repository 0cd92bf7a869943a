/* SPDX-License-Identifier: MIT */
/*
 * Portable unsigned 128-bit arithmetic on a pair of uint64_t (no __int128): what the
 * binary128 core (cpu/f128.c) needs for its 113-bit significands and the ISA 3.1
 * quadword integer conversions. All shifts take counts 0..anything; counts >= 128 give 0
 * (or only the sticky bit for u128_shr_jam). Written for libkvmppc; not derived from any
 * other library.
 */
#ifndef KVMPPC_U128_H
#define KVMPPC_U128_H
#include <stdbool.h>
#include <stdint.h>

typedef struct u128 {
	uint64_t hi, lo;
} u128;

static inline u128 u128_make(uint64_t hi, uint64_t lo)
{
	u128 r = {hi, lo};
	return r;
}

static inline bool u128_is_zero(u128 a) { return (a.hi | a.lo) == 0; }
static inline bool u128_eq(u128 a, u128 b) { return a.hi == b.hi && a.lo == b.lo; }
static inline bool u128_lt(u128 a, u128 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
static inline bool u128_le(u128 a, u128 b) { return !u128_lt(b, a); }

static inline u128 u128_add(u128 a, u128 b)
{
	u128 r;
	r.lo = a.lo + b.lo;
	r.hi = a.hi + b.hi + (r.lo < a.lo);
	return r;
}

static inline u128 u128_sub(u128 a, u128 b)
{
	u128 r;
	r.lo = a.lo - b.lo;
	r.hi = a.hi - b.hi - (a.lo < b.lo);
	return r;
}

static inline u128 u128_neg(u128 a) { return u128_sub(u128_make(0, 0), a); }
static inline u128 u128_or(u128 a, u128 b) { return u128_make(a.hi | b.hi, a.lo | b.lo); }
static inline u128 u128_and(u128 a, u128 b) { return u128_make(a.hi & b.hi, a.lo & b.lo); }

static inline u128 u128_shl(u128 a, unsigned n)
{
	if (n == 0)
		return a;
	if (n >= 128)
		return u128_make(0, 0);
	if (n >= 64)
		return u128_make(a.lo << (n - 64), 0);
	return u128_make((a.hi << n) | (a.lo >> (64 - n)), a.lo << n);
}

static inline u128 u128_shr(u128 a, unsigned n)
{
	if (n == 0)
		return a;
	if (n >= 128)
		return u128_make(0, 0);
	if (n >= 64)
		return u128_make(0, a.hi >> (n - 64));
	return u128_make(a.hi >> n, (a.lo >> n) | (a.hi << (64 - n)));
}

/** u128_shr_jam() - @a >> @n with every bit shifted out ORed into bit 0 (sticky). */
static inline u128 u128_shr_jam(u128 a, unsigned n)
{
	u128 r = u128_shr(a, n);
	if (!u128_eq(u128_shl(r, n), a) || (n >= 128 && !u128_is_zero(a)))
		r.lo |= 1;
	return r;
}

static inline unsigned u64_clz(uint64_t x)
{
	unsigned n = 0;
	if (x == 0)
		return 64;
	while (!(x & 0x8000000000000000ULL)) {
		x <<= 1;
		n++;
	}
	return n;
}

/** u128_clz() - leading zero count, 128 for zero. */
static inline unsigned u128_clz(u128 a)
{
	return a.hi ? u64_clz(a.hi) : 64 + u64_clz(a.lo);
}

/** u128_mul64() - the full 128-bit product of two 64-bit numbers. */
static inline u128 u128_mul64(uint64_t a, uint64_t b)
{
	uint64_t al = a & 0xffffffffu, ah = a >> 32, bl = b & 0xffffffffu, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
	u128 r;
	r.lo = (mid << 32) | (ll & 0xffffffffu);
	r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	return r;
}

/** u128_mul() - the 256-bit product of @a and @b as *hi:*lo. */
static inline void u128_mul(u128 a, u128 b, u128 *hi, u128 *lo)
{
	u128 p0 = u128_mul64(a.lo, b.lo), p1 = u128_mul64(a.lo, b.hi);
	u128 p2 = u128_mul64(a.hi, b.lo), p3 = u128_mul64(a.hi, b.hi);
	/* middle = p1 + p2 + p0.hi, up to 130 bits */
	u128 mid = u128_add(p1, p2);
	uint64_t carry = u128_lt(mid, p1) ? 1 : 0;
	u128 mid2 = u128_add(mid, u128_make(0, p0.hi));
	if (u128_lt(mid2, mid))
		carry++;
	mid = mid2;
	lo->lo = p0.lo;
	lo->hi = mid.lo;
	*hi = u128_add(p3, u128_make(carry, mid.hi));
}

/**
 * u128_divrem() - @n / @d and @n % @d (restoring division one bit at a time;
 * 0 < @d < 2^127).
 * @rem may be NULL.
 */
static inline u128 u128_divrem(u128 n, u128 d, u128 *rem)
{
	u128 q = u128_make(0, 0), r = u128_make(0, 0);
	unsigned start = 128 - u128_clz(n);
	for (unsigned i = start; i-- > 0;) {
		r = u128_shl(r, 1);
		r.lo |= (i >= 64 ? n.hi >> (i - 64) : n.lo >> i) & 1;
		if (u128_le(d, r)) {
			r = u128_sub(r, d);
			if (i >= 64)
				q.hi |= 1ULL << (i - 64);
			else
				q.lo |= 1ULL << i;
		}
	}
	if (rem)
		*rem = r;
	return q;
}

#endif /* KVMPPC_U128_H */
