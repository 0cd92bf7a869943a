/* SPDX-License-Identifier: MIT */
/*
 * Logical, extend, count, rotate and shift instructions (Power ISA 3.0B Book I 3.3.13,
 * 3.3.14). Record forms set CR0 from the result (cpu_set_cr0: low word in 32-bit mode).
 * The algebraic right shifts set CA (and CA32 on ISA 3.0 models; see cpu/insn_int.c)
 * when the source is negative and 1-bits are shifted out.
 */
#include "cpu/insn.h"

static inline int set_ra(struct ppc_cpu *cpu, uint32_t insn, uint64_t r)
{
	cpu->gpr[insn_ra(insn)] = r;
	if (insn_rc(insn))
		cpu_set_cr0(cpu, r);
	return PPC_OK;
}

/* D-form logicals; andi. and andis. always record (Book I 3.3.13). */
int insn_andi(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = cpu->gpr[insn_rs(insn)] & insn_ui(insn);
	cpu->gpr[insn_ra(insn)] = r;
	cpu_set_cr0(cpu, r);
	return PPC_OK;
}

int insn_andis(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = cpu->gpr[insn_rs(insn)] & (insn_ui(insn) << 16);
	cpu->gpr[insn_ra(insn)] = r;
	cpu_set_cr0(cpu, r);
	return PPC_OK;
}

/* ori 0,0,0 (nop) and the ori 30,30,0 / ori 31,31,0 hint forms are plain ori. */
int insn_ori(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_ra(insn)] = cpu->gpr[insn_rs(insn)] | insn_ui(insn);
	return PPC_OK;
}

int insn_oris(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_ra(insn)] = cpu->gpr[insn_rs(insn)] | (insn_ui(insn) << 16);
	return PPC_OK;
}

int insn_xori(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_ra(insn)] = cpu->gpr[insn_rs(insn)] ^ insn_ui(insn);
	return PPC_OK;
}

int insn_xoris(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_ra(insn)] = cpu->gpr[insn_rs(insn)] ^ (insn_ui(insn) << 16);
	return PPC_OK;
}

/* X-form logicals: RA = RS op RB (or 31,31,31 and friends are plain or). */
#define X_LOGIC(name, expr)                                                            \
	int name(struct ppc_cpu *cpu, uint32_t insn)                                   \
	{                                                                              \
		uint64_t s = cpu->gpr[insn_rs(insn)], b = cpu->gpr[insn_rb(insn)];     \
		return set_ra(cpu, insn, (expr));                                      \
	}
X_LOGIC(insn_and, s & b)
X_LOGIC(insn_andc, s & ~b)
X_LOGIC(insn_or, s | b)
X_LOGIC(insn_orc, s | ~b)
X_LOGIC(insn_xor, s ^ b)
X_LOGIC(insn_nor, ~(s | b))
X_LOGIC(insn_nand, ~(s & b))
X_LOGIC(insn_eqv, ~(s ^ b))

/* One-operand forms: RA = f(RS). */
#define X_UNARY(name, expr)                                                            \
	int name(struct ppc_cpu *cpu, uint32_t insn)                                   \
	{                                                                              \
		uint64_t s = cpu->gpr[insn_rs(insn)];                                  \
		return set_ra(cpu, insn, (expr));                                      \
	}

static inline unsigned clz64(uint64_t v)
{
	return v ? (unsigned)__builtin_clzll(v) : 64;
}

static inline unsigned ctz64(uint64_t v)
{
	return v ? (unsigned)__builtin_ctzll(v) : 64;
}

X_UNARY(insn_extsb, (uint64_t)(int64_t)(int8_t)s)
X_UNARY(insn_extsh, (uint64_t)(int64_t)(int16_t)s)
X_UNARY(insn_extsw, (uint64_t)(int64_t)(int32_t)s)
X_UNARY(insn_cntlzw, clz64((uint32_t)s) - 32)
X_UNARY(insn_cntlzd, clz64(s))
X_UNARY(insn_cnttzw, (uint32_t)s ? ctz64((uint32_t)s) : 32)
X_UNARY(insn_cnttzd, ctz64(s))

/* Population counts per byte, word, doubleword (Book I 3.3.13): SWAR sums. */
static inline uint64_t popcnt_bytes(uint64_t v)
{
	v = v - ((v >> 1) & 0x5555555555555555ULL);
	v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
	return (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
}

int insn_popcntb(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_ra(insn)] = popcnt_bytes(cpu->gpr[insn_rs(insn)]);
	return PPC_OK;
}

int insn_popcntw(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t v = popcnt_bytes(cpu->gpr[insn_rs(insn)]);
	v += v >> 8;
	v += v >> 16;
	cpu->gpr[insn_ra(insn)] = v & 0x000000ff000000ffULL;
	return PPC_OK;
}

int insn_popcntd(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t v = popcnt_bytes(cpu->gpr[insn_rs(insn)]);
	cpu->gpr[insn_ra(insn)] = (v * 0x0101010101010101ULL) >> 56;
	return PPC_OK;
}

/* Parity of the least significant bit of each byte, per word or doubleword. */
int insn_prtyw(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t v = cpu->gpr[insn_rs(insn)] & 0x0101010101010101ULL;
	v ^= v >> 16;
	v ^= v >> 8;
	cpu->gpr[insn_ra(insn)] = v & 0x0000000100000001ULL;
	return PPC_OK;
}

int insn_prtyd(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t v = cpu->gpr[insn_rs(insn)] & 0x0101010101010101ULL;
	v ^= v >> 32;
	v ^= v >> 16;
	v ^= v >> 8;
	cpu->gpr[insn_ra(insn)] = v & 1;
	return PPC_OK;
}

/* cmpb: 0xff in each byte where RS and RB agree. */
int insn_cmpb(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t x = cpu->gpr[insn_rs(insn)] ^ cpu->gpr[insn_rb(insn)], r = 0;
	for (unsigned i = 0; i < 64; i += 8)
		if (!((x >> i) & 0xff))
			r |= 0xffULL << i;
	cpu->gpr[insn_ra(insn)] = r;
	return PPC_OK;
}

/* bpermd: byte i of RS (big-endian numbering) selects bit RS.byte[i] of RB, or 0 when
 * >= 64; the eight bits land in RA[56:63]. */
int insn_bpermd(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t s = cpu->gpr[insn_rs(insn)], b = cpu->gpr[insn_rb(insn)], r = 0;
	for (unsigned i = 0; i < 8; i++) {
		unsigned idx = (unsigned)(s >> (56 - 8 * i)) & 0xff;
		unsigned bit = idx < 64 ? (unsigned)(b >> (63 - idx)) & 1 : 0;
		r |= (uint64_t)bit << (7 - i);
	}
	cpu->gpr[insn_ra(insn)] = r;
	return PPC_OK;
}

/* ---- rotate (3.3.14.1) ---- */

static inline uint64_t rotl64(uint64_t v, unsigned n)
{
	n &= 63;
	return n ? (v << n) | (v >> (64 - n)) : v;
}

/* ROTL32: the low word doubled into both halves, rotated. */
static inline uint64_t rotl32(uint64_t v, unsigned n)
{
	uint64_t w = v & 0xffffffffULL;
	return rotl64(w | (w << 32), n & 31);
}

/* MASK(mb, me) in ISA bit numbering; wraps when mb > me. */
static inline uint64_t mask64(unsigned mb, unsigned me)
{
	uint64_t m1 = ~0ULL >> mb, m2 = ~0ULL << (63 - me);
	return mb <= me ? m1 & m2 : m1 | m2;
}

static inline unsigned m_sh(uint32_t i) { return (i >> 11) & 31; }
static inline unsigned m_mb(uint32_t i) { return (i >> 6) & 31; }
static inline unsigned m_me(uint32_t i) { return (i >> 1) & 31; }
/* MD/MDS: sh = sh[5] (bit 30) || sh[0:4]; mb/me = bit 26 || bits 21:25. */
static inline unsigned md_sh(uint32_t i) { return ((i >> 11) & 31) | ((i << 4) & 32); }
static inline unsigned md_mb(uint32_t i) { return ((i >> 6) & 31) | (i & 32); }

int insn_rlwinm(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = rotl32(cpu->gpr[insn_rs(insn)], m_sh(insn));
	return set_ra(cpu, insn, r & mask64(m_mb(insn) + 32, m_me(insn) + 32));
}

int insn_rlwnm(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = rotl32(cpu->gpr[insn_rs(insn)], (unsigned)cpu->gpr[insn_rb(insn)] & 31);
	return set_ra(cpu, insn, r & mask64(m_mb(insn) + 32, m_me(insn) + 32));
}

int insn_rlwimi(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = rotl32(cpu->gpr[insn_rs(insn)], m_sh(insn));
	uint64_t m = mask64(m_mb(insn) + 32, m_me(insn) + 32);
	return set_ra(cpu, insn, (r & m) | (cpu->gpr[insn_ra(insn)] & ~m));
}

int insn_rldicl(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = rotl64(cpu->gpr[insn_rs(insn)], md_sh(insn));
	return set_ra(cpu, insn, r & (~0ULL >> md_mb(insn)));
}

int insn_rldicr(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = rotl64(cpu->gpr[insn_rs(insn)], md_sh(insn));
	return set_ra(cpu, insn, r & (~0ULL << (63 - md_mb(insn)))); /* me is in the mb field */
}

int insn_rldic(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned sh = md_sh(insn);
	uint64_t r = rotl64(cpu->gpr[insn_rs(insn)], sh);
	return set_ra(cpu, insn, r & mask64(md_mb(insn), 63 - sh));
}

int insn_rldimi(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned sh = md_sh(insn);
	uint64_t r = rotl64(cpu->gpr[insn_rs(insn)], sh);
	uint64_t m = mask64(md_mb(insn), 63 - sh);
	return set_ra(cpu, insn, (r & m) | (cpu->gpr[insn_ra(insn)] & ~m));
}

int insn_rldcl(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = rotl64(cpu->gpr[insn_rs(insn)], (unsigned)cpu->gpr[insn_rb(insn)] & 63);
	return set_ra(cpu, insn, r & (~0ULL >> md_mb(insn)));
}

int insn_rldcr(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t r = rotl64(cpu->gpr[insn_rs(insn)], (unsigned)cpu->gpr[insn_rb(insn)] & 63);
	return set_ra(cpu, insn, r & (~0ULL << (63 - md_mb(insn))));
}

/* ---- shift (3.3.14.2) ---- */

/* slw/srw: shift count RB[58:63]; counts 32..63 give 0. The result is the low word. */
int insn_slw(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned n = (unsigned)cpu->gpr[insn_rb(insn)] & 63;
	uint32_t s = (uint32_t)cpu->gpr[insn_rs(insn)];
	return set_ra(cpu, insn, n < 32 ? (uint32_t)(s << n) : 0);
}

int insn_srw(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned n = (unsigned)cpu->gpr[insn_rb(insn)] & 63;
	uint32_t s = (uint32_t)cpu->gpr[insn_rs(insn)];
	return set_ra(cpu, insn, n < 32 ? s >> n : 0);
}

/* sld/srd: shift count RB[57:63]; counts 64..127 give 0. */
int insn_sld(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned n = (unsigned)cpu->gpr[insn_rb(insn)] & 127;
	return set_ra(cpu, insn, n < 64 ? cpu->gpr[insn_rs(insn)] << n : 0);
}

int insn_srd(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned n = (unsigned)cpu->gpr[insn_rb(insn)] & 127;
	return set_ra(cpu, insn, n < 64 ? cpu->gpr[insn_rs(insn)] >> n : 0);
}

static inline void set_ca_shift(struct ppc_cpu *cpu, bool ca)
{
	cpu->ca = ca;
	if (cpu->isa >= PPC_ISA_300)
		cpu->ca32 = ca;
}

/* Algebraic right shift of the signed word @s by @n (0..63): counts >= 32 give the sign. */
static inline int sraw(struct ppc_cpu *cpu, uint32_t insn, int32_t s, unsigned n)
{
	int64_t r;
	bool lost;
	if (n < 32) {
		r = (int64_t)s >> n;
		lost = n && ((uint32_t)s & ((1u << n) - 1));
	} else {
		r = s < 0 ? -1 : 0;
		lost = s != 0;
	}
	set_ca_shift(cpu, s < 0 && lost);
	return set_ra(cpu, insn, (uint64_t)r);
}

int insn_sraw(struct ppc_cpu *cpu, uint32_t insn)
{
	return sraw(cpu, insn, (int32_t)cpu->gpr[insn_rs(insn)],
		    (unsigned)cpu->gpr[insn_rb(insn)] & 63);
}

int insn_srawi(struct ppc_cpu *cpu, uint32_t insn)
{
	return sraw(cpu, insn, (int32_t)cpu->gpr[insn_rs(insn)], insn_rb(insn));
}

static inline int srad(struct ppc_cpu *cpu, uint32_t insn, int64_t s, unsigned n)
{
	int64_t r;
	bool lost;
	if (n < 64) {
		r = s >> n; /* arithmetic on every compiler we support (gcc/clang define it) */
		lost = n && ((uint64_t)s & ((1ULL << n) - 1));
	} else {
		r = s < 0 ? -1 : 0;
		lost = s != 0;
	}
	set_ca_shift(cpu, s < 0 && lost);
	return set_ra(cpu, insn, (uint64_t)r);
}

int insn_srad(struct ppc_cpu *cpu, uint32_t insn)
{
	return srad(cpu, insn, (int64_t)cpu->gpr[insn_rs(insn)],
		    (unsigned)cpu->gpr[insn_rb(insn)] & 127);
}

int insn_sradi(struct ppc_cpu *cpu, uint32_t insn)
{
	return srad(cpu, insn, (int64_t)cpu->gpr[insn_rs(insn)], md_sh(insn));
}

/* extswsli (ISA 3.0): EXTS(RS[32:63]) << sh, sh 6 bits as in sradi. */
int insn_extswsli(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t s = (uint64_t)(int64_t)(int32_t)cpu->gpr[insn_rs(insn)];
	return set_ra(cpu, insn, s << md_sh(insn));
}
