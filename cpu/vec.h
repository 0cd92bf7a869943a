/* SPDX-License-Identifier: MIT */
/*
 * Vector element access helpers shared by VMX and VSX.
 *
 * A register is struct ppc_vsr {dw[0] most significant, dw[1] least}. Elements are
 * numbered in the ISA's big-endian order (element 0 is the leftmost, most significant)
 * whatever the host byte order or MSR[LE]: handlers unpack a register into a small array
 * indexed by element number, work on the array, and pack it back. The arrays are plain
 * integers built with shifts, so nothing here depends on the host.
 */
#ifndef KVMPPC_VEC_H
#define KVMPPC_VEC_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "mmu/byteorder.h"

/* VSCR bits (ISA 3.0 Book I 6.5.1), as masks on cpu->vscr. */
#define VSCR_NJ  (1u << 16) /* non-Java mode: denormals flush to zero in VMX float */
#define VSCR_SAT (1u << 0)  /* a saturating instruction saturated */

static inline struct ppc_vsr *vr(struct ppc_cpu *cpu, unsigned n) { return &cpu->vsr[32 + n]; }

/* ---- whole-register <-> element arrays (element 0 = most significant) ---- */
static inline void vec_get_u8(const struct ppc_vsr *v, uint8_t e[16])
{
	for (unsigned i = 0; i < 8; i++) {
		e[i] = (uint8_t)(v->dw[0] >> (56 - 8 * i));
		e[8 + i] = (uint8_t)(v->dw[1] >> (56 - 8 * i));
	}
}

static inline void vec_set_u8(struct ppc_vsr *v, const uint8_t e[16])
{
	uint64_t h = 0, l = 0;
	for (unsigned i = 0; i < 8; i++) {
		h = (h << 8) | e[i];
		l = (l << 8) | e[8 + i];
	}
	v->dw[0] = h;
	v->dw[1] = l;
}

static inline void vec_get_u16(const struct ppc_vsr *v, uint16_t e[8])
{
	for (unsigned i = 0; i < 4; i++) {
		e[i] = (uint16_t)(v->dw[0] >> (48 - 16 * i));
		e[4 + i] = (uint16_t)(v->dw[1] >> (48 - 16 * i));
	}
}

static inline void vec_set_u16(struct ppc_vsr *v, const uint16_t e[8])
{
	uint64_t h = 0, l = 0;
	for (unsigned i = 0; i < 4; i++) {
		h = (h << 16) | e[i];
		l = (l << 16) | e[4 + i];
	}
	v->dw[0] = h;
	v->dw[1] = l;
}

static inline void vec_get_u32(const struct ppc_vsr *v, uint32_t e[4])
{
	e[0] = (uint32_t)(v->dw[0] >> 32);
	e[1] = (uint32_t)v->dw[0];
	e[2] = (uint32_t)(v->dw[1] >> 32);
	e[3] = (uint32_t)v->dw[1];
}

static inline void vec_set_u32(struct ppc_vsr *v, const uint32_t e[4])
{
	v->dw[0] = (uint64_t)e[0] << 32 | e[1];
	v->dw[1] = (uint64_t)e[2] << 32 | e[3];
}

/* One element, by big-endian element number. */
static inline uint8_t vec_u8(const struct ppc_vsr *v, unsigned i)
{
	return (uint8_t)(v->dw[(i >> 3) & 1] >> (56 - 8 * (i & 7)));
}

static inline uint32_t vec_u32(const struct ppc_vsr *v, unsigned i)
{
	return (uint32_t)(v->dw[(i >> 1) & 1] >> (32 - 32 * (i & 1)));
}

/* Element @i of size @n bytes (1, 2, 4, 8), zero-extended / replaced. */
static inline void vec_put(struct ppc_vsr *v, unsigned i, unsigned n, uint64_t val)
{
	unsigned bit = 128 - n * 8 * (i + 1); /* from the least significant end */
	unsigned w = bit >= 64 ? 0 : 1, sh = bit & 63;
	uint64_t mask = (n == 8 ? ~0ULL : ((1ULL << (8 * n)) - 1)) << sh;
	v->dw[w] = (v->dw[w] & ~mask) | ((val << sh) & mask);
}

static inline uint64_t vec_take(const struct ppc_vsr *v, unsigned i, unsigned n)
{
	unsigned bit = 128 - n * 8 * (i + 1);
	unsigned w = bit >= 64 ? 0 : 1, sh = bit & 63;
	uint64_t x = v->dw[w] >> sh;
	return n == 8 ? x : x & ((1ULL << (8 * n)) - 1);
}

/* ---- 16 guest bytes in memory order <-> register, per ISA 3.0 Book I 6.4 / 7.3.2:
 *      big-endian mode puts byte 0 of memory in element 0; little-endian mode reverses
 *      all 16 bytes (byte 0 of memory ends in element 15). ---- */
static inline void vec_from_mem16(struct ppc_vsr *v, const uint8_t m[16], int le)
{
	if (le) {
		v->dw[0] = ld_le64(m + 8);
		v->dw[1] = ld_le64(m);
	} else {
		v->dw[0] = ld_be64(m);
		v->dw[1] = ld_be64(m + 8);
	}
}

static inline void vec_to_mem16(const struct ppc_vsr *v, uint8_t m[16], int le)
{
	if (le) {
		st_le64(m + 8, v->dw[0]);
		st_le64(m, v->dw[1]);
	} else {
		st_be64(m, v->dw[0]);
		st_be64(m + 8, v->dw[1]);
	}
}

/* ---- element arithmetic helpers (well defined for every input: no signed overflow) ---- */
static inline int64_t vsx8(uint64_t x) { return (int64_t)(x & 0xff) - ((x & 0x80) ? 0x100 : 0); }
static inline int64_t vsx16(uint64_t x) { return (int64_t)(x & 0xffff) - ((x & 0x8000) ? 0x10000 : 0); }
static inline int64_t vsx32(uint64_t x)
{
	return (int64_t)(x & 0xffffffffu) - ((x & 0x80000000u) ? 0x100000000LL : 0);
}
static inline int64_t vsx64(uint64_t x)
{
	return (x >> 63) ? -(int64_t)(~x) - 1 : (int64_t)x;
}

/* Clamp @v to [lo, hi], noting saturation in *@sat. */
static inline int64_t vsat(int64_t v, int64_t lo, int64_t hi, unsigned *sat)
{
	if (v < lo) {
		*sat = 1;
		return lo;
	}
	if (v > hi) {
		*sat = 1;
		return hi;
	}
	return v;
}

/* floor(v / 2) for any sign (averages). */
static inline int64_t vhalf_floor(int64_t v) { return (v < 0 && (v % 2)) ? v / 2 - 1 : v / 2; }

/* Arithmetic right shift of an n-bit value (n <= 64) by s < n. */
static inline uint64_t vsra(uint64_t x, unsigned s, unsigned n)
{
	uint64_t mask = n == 64 ? ~0ULL : (1ULL << n) - 1;
	x &= mask;
	uint64_t r = x >> s;
	if ((x >> (n - 1)) & 1)
		r |= mask & ~(mask >> s);
	return r;
}

static inline uint64_t vrotl(uint64_t x, unsigned s, unsigned n)
{
	uint64_t mask = n == 64 ? ~0ULL : (1ULL << n) - 1;
	x &= mask;
	s %= n;
	return s ? ((x << s) | (x >> (n - s))) & mask : x;
}

static inline unsigned vclz(uint64_t x, unsigned n)
{
	unsigned c = 0;
	for (uint64_t bit = 1ULL << (n - 1); bit && !(x & bit); bit >>= 1)
		c++;
	return c;
}

static inline unsigned vctz(uint64_t x, unsigned n)
{
	unsigned c = 0;
	while (c < n && !((x >> c) & 1))
		c++;
	return c;
}

static inline unsigned vpopcnt(uint64_t x)
{
	unsigned c = 0;
	for (; x; x &= x - 1)
		c++;
	return c;
}

/* ---- handler generators for element-wise operations ----
 * Each generator defines a handler that walks the elements of VRA and VRB in place
 * (x, y: element values zero-extended to 64 bits), evaluates EXPR per element and builds
 * VRT in registers, setting VSCR[SAT] when an expression clamped (via vsat(..., &sat)).
 * Working on the doublewords directly (no element arrays) keeps the host from storing
 * bytes and reloading them wider, which stalls store forwarding. */
#define VEC_LANES(BITS, ...)                                                               \
	for (unsigned w_ = 0; w_ < 2; w_++) {                                               \
		const uint64_t m_ = (BITS) == 64 ? ~0ULL : (1ULL << ((BITS) & 63)) - 1;     \
		uint64_t r_ = 0;                                                            \
		for (unsigned k_ = 0; k_ < 64 / (BITS); k_++) {                             \
			unsigned sh_ = 64 - (BITS) * (k_ + 1);                              \
			__VA_ARGS__                                                              \
		}                                                                           \
		out_[w_] = r_;                                                              \
	}

#define VEC2(name, T, BITS, EXPR)                                                          \
	int insn_##name(struct ppc_cpu *cpu, uint32_t insn)                                 \
	{                                                                                   \
		const struct ppc_vsr *pa_ = vr(cpu, insn_ra(insn)), *pb_ = vr(cpu, insn_rb(insn)); \
		uint64_t out_[2];                                                           \
		unsigned sat = 0;                                                           \
		VEC_LANES(BITS, {                                                           \
			uint64_t x = (pa_->dw[w_] >> sh_) & m_, y = (pb_->dw[w_] >> sh_) & m_; \
			(void)y;                                                            \
			r_ |= ((uint64_t)(T)(EXPR) & m_) << sh_;                            \
		})                                                                          \
		struct ppc_vsr *d_ = vr(cpu, insn_rt(insn));                                \
		d_->dw[0] = out_[0];                                                        \
		d_->dw[1] = out_[1];                                                        \
		if (sat)                                                                    \
			cpu->vscr |= VSCR_SAT;                                              \
		return PPC_OK;                                                              \
	}

#define VB(name, EXPR) VEC2(name, uint8_t, 8, EXPR)
#define VH(name, EXPR) VEC2(name, uint16_t, 16, EXPR)
#define VW(name, EXPR) VEC2(name, uint32_t, 32, EXPR)
#define VD(name, EXPR) VEC2(name, uint64_t, 64, EXPR)

/* One-operand form: x = element of VRB. */
#define VEC1(name, T, BITS, EXPR)                                                          \
	int insn_##name(struct ppc_cpu *cpu, uint32_t insn)                                 \
	{                                                                                   \
		const struct ppc_vsr *pb_ = vr(cpu, insn_rb(insn));                         \
		uint64_t out_[2];                                                           \
		VEC_LANES(BITS, {                                                           \
			uint64_t x = (pb_->dw[w_] >> sh_) & m_;                             \
			r_ |= ((uint64_t)(T)(EXPR) & m_) << sh_;                            \
		})                                                                          \
		struct ppc_vsr *d_ = vr(cpu, insn_rt(insn));                                \
		d_->dw[0] = out_[0];                                                        \
		d_->dw[1] = out_[1];                                                        \
		return PPC_OK;                                                              \
	}
#define VB1(name, EXPR) VEC1(name, uint8_t, 8, EXPR)
#define VH1(name, EXPR) VEC1(name, uint16_t, 16, EXPR)
#define VW1(name, EXPR) VEC1(name, uint32_t, 32, EXPR)
#define VD1(name, EXPR) VEC1(name, uint64_t, 64, EXPR)

/* Compares: all-ones where EXPR holds; the record forms (Rc, bit 21) set CR6 to 0b1000
 * when every element compared true, 0b0010 when none did (ISA 3.0B Book I 6.9.3). */
#define VCMP(name, BITS, EXPR)                                                             \
	int insn_##name(struct ppc_cpu *cpu, uint32_t insn)                                 \
	{                                                                                   \
		const struct ppc_vsr *pa_ = vr(cpu, insn_ra(insn)), *pb_ = vr(cpu, insn_rb(insn)); \
		uint64_t out_[2];                                                           \
		unsigned all = 1, none = 1;                                                 \
		VEC_LANES(BITS, {                                                           \
			uint64_t x = (pa_->dw[w_] >> sh_) & m_, y = (pb_->dw[w_] >> sh_) & m_; \
			int t_ = (EXPR);                                                    \
			r_ |= t_ ? m_ << sh_ : 0;                                           \
			all &= (unsigned)t_;                                                \
			none &= (unsigned)!t_;                                              \
		})                                                                          \
		struct ppc_vsr *d_ = vr(cpu, insn_rt(insn));                                \
		d_->dw[0] = out_[0];                                                        \
		d_->dw[1] = out_[1];                                                        \
		if (insn & 0x400)                                                           \
			cpu_set_crf(cpu, 6, (all ? 8 : 0) | (none ? 2 : 0));                \
		return PPC_OK;                                                              \
	}
#define CB(name, EXPR) VCMP(name, 8, EXPR)
#define CH(name, EXPR) VCMP(name, 16, EXPR)
#define CW(name, EXPR) VCMP(name, 32, EXPR)
#define CD(name, EXPR) VCMP(name, 64, EXPR)

#endif /* KVMPPC_VEC_H */
