/* SPDX-License-Identifier: MIT */
/*
 * Fixed-point arithmetic (Power ISA 3.0B Book I 3.3.9, 3.3.16): add/subtract (addex),
 * multiply (madd*), divide, modulo, darn, addg6s.
 *
 * XER (Book I 3.2.2, 3.3.9):
 *  - CA is the carry out of bit 0 of the result in 64-bit mode and out of bit 32 in
 *    32-bit mode (MSR[SF] = 0); OV of add/subtract is the signed overflow of the 64-bit
 *    result in 64-bit mode and of the low 32-bit result in 32-bit mode.
 *  - ISA 3.0 adds CA32 (carry out of bit 32) and OV32 (overflow of the low 32 bits),
 *    set whatever the mode; multiply and divide o-forms set OV32 = OV.
 *  - POWER8 (ISA 2.07) has no CA32/OV32: XER bits 44:45 are reserved there and the
 *    hardware leaves them alone, so the POWER8 model never changes cpu->ca32/ov32
 *    (qemu-ppc64le -cpu power8 behaves the same way).
 *
 * Undefined results (divide by zero, quotient overflow, the high word of word-sized
 * results) are those qemu-ppc64le 7.2 produces, checked instruction by instruction
 * (tests/unit/test_int.c): divw/divwu/divd/divdu return the dividend (word forms: its
 * low word, zero-extended), the extended divides return 0, the modulo instructions
 * return 0, and word results (divw[u], divwe[u], mulhw[u]) have a zero high word. (Real
 * POWER9 is reported to return 0 for every undefined quotient; qemu is the oracle here.)
 * The one exception is divde's OV, which qemu 7.2 misses for quotients in (2^63, 2^64);
 * the ISA is followed there. No case ever performs a host division that could trap
 * (x / 0, INT_MIN / -1).
 */
#include <time.h>

#include "cpu/insn.h"

static inline bool mode64(const struct ppc_cpu *cpu)
{
	return (cpu->msr & MSR_SF) != 0;
}

static inline bool isa300(const struct ppc_cpu *cpu)
{
	return cpu->isa >= PPC_ISA_300;
}

static inline uint64_t ra_or_zero(const struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ra = insn_ra(insn);
	return ra ? cpu->gpr[ra] : 0;
}

/* CA/CA32 of r = a + b (+ carry in): carry out of bit 0 is the majority of a, b and the
 * carry into bit 0; the carry into bit 32 (out of the low word) is bit 32 of a ^ b ^ r. */
static inline void set_ca(struct ppc_cpu *cpu, uint64_t a, uint64_t b, uint64_t r)
{
	uint8_t c64 = (uint8_t)((((a & b) | ((a | b) & ~r)) >> 63) & 1);
	uint8_t c32 = (uint8_t)(((a ^ b ^ r) >> 32) & 1);
	cpu->ca = mode64(cpu) ? c64 : c32;
	if (isa300(cpu))
		cpu->ca32 = c32;
}

/* OV/OV32 of r = a + b (+ carry in): the operands agree in sign and the result does not. */
static inline void set_ov_add(struct ppc_cpu *cpu, uint64_t a, uint64_t b, uint64_t r)
{
	uint64_t v = ~(a ^ b) & (a ^ r);
	uint8_t o32 = (uint8_t)((v >> 31) & 1);
	uint8_t o = mode64(cpu) ? (uint8_t)(v >> 63) : o32;
	cpu->ov = o;
	cpu->so |= o;
	if (isa300(cpu))
		cpu->ov32 = o32;
}

/* OV (and OV32 = OV on ISA 3.0) for the multiply and divide o-forms. */
static inline void set_ov(struct ppc_cpu *cpu, bool o)
{
	cpu->ov = o;
	cpu->so |= o;
	if (isa300(cpu))
		cpu->ov32 = o;
}

/* The one adder: rt = a + b + cin, with the XER and CR0 updates the form asks for. */
static inline int add3(struct ppc_cpu *cpu, unsigned rt, uint64_t a, uint64_t b, unsigned cin,
		       bool ca, bool oe, bool rc)
{
	uint64_t r = a + b + cin;
	if (ca)
		set_ca(cpu, a, b, r);
	if (oe)
		set_ov_add(cpu, a, b, r);
	cpu->gpr[rt] = r;
	if (rc)
		cpu_set_cr0(cpu, r);
	return PPC_OK;
}

#define XO_ADD1(name, A, B, CIN, CA, OE, RC)                                           \
	int name(struct ppc_cpu *cpu, uint32_t insn)                                   \
	{                                                                              \
		uint64_t a = cpu->gpr[insn_ra(insn)];                                  \
		uint64_t b = cpu->gpr[insn_rb(insn)];                                  \
		(void)b;                                                               \
		return add3(cpu, insn_rt(insn), (A), (B), (CIN), (CA), (OE), (RC));    \
	}
/* One handler per form (rows XO4S in cpu/isa/int.def). */
#define XO_ADD(name, A, B, CIN, CA)                                                    \
	XO_ADD1(name, A, B, CIN, CA, false, false)                                     \
	XO_ADD1(name##_rc, A, B, CIN, CA, false, true)                                 \
	XO_ADD1(name##_o, A, B, CIN, CA, true, false)                                  \
	XO_ADD1(name##_orc, A, B, CIN, CA, true, true)

/* subf is ~RA + RB + 1; the extended forms add CA; me/ze add -1/0 (Book I 3.3.9). */
XO_ADD(insn_add, a, b, 0, false)
XO_ADD(insn_subf, ~a, b, 1, false)
XO_ADD(insn_addc, a, b, 0, true)
XO_ADD(insn_subfc, ~a, b, 1, true)
XO_ADD(insn_adde, a, b, cpu->ca, true)
XO_ADD(insn_subfe, ~a, b, cpu->ca, true)
XO_ADD(insn_addme, a, ~0ULL, cpu->ca, true)
XO_ADD(insn_subfme, ~a, ~0ULL, cpu->ca, true)
XO_ADD(insn_addze, a, 0, cpu->ca, true)
XO_ADD(insn_subfze, ~a, 0, cpu->ca, true)
XO_ADD(insn_neg, ~a, 0, 1, false)

/* addex with CY = 0 (ISA 3.0): RT = RA + RB + OV, and OV/OV32 receive the carries out
 * (of bit 0, or of bit 32 in 32-bit mode / of bit 32), as CA/CA32 do for adde. SO is
 * not touched: OV is a carry here, not an overflow. */
int insn_addex(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	uint64_t r = a + b + cpu->ov;
	uint8_t c64 = (uint8_t)((((a & b) | ((a | b) & ~r)) >> 63) & 1);
	uint8_t c32 = (uint8_t)(((a ^ b ^ r) >> 32) & 1);
	cpu->ov = mode64(cpu) ? c64 : c32;
	cpu->ov32 = c32;
	cpu->gpr[insn_rt(insn)] = r;
	return PPC_OK;
}

/* addg6s (3.3.16): 6 in each nibble of RT whose nibble of RA + RB produced no carry. */
int insn_addg6s(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)], r = a + b;
	uint64_t cin = a ^ b ^ r; /* bit k: the carry into bit k */
	uint64_t c64 = ((a & b) | ((a | b) & ~r)) >> 63;
	/* carry out of nibble j (from the right) is the carry into bit 4j + 4 */
	uint64_t carries = ((cin >> 4) & 0x0111111111111111ULL) | c64 << 60;
	cpu->gpr[insn_rt(insn)] = 0x6666666666666666ULL & ~(carries * 0xf);
	return PPC_OK;
}

int insn_addi(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_rt(insn)] = ra_or_zero(cpu, insn) + (uint64_t)insn_si(insn);
	return PPC_OK;
}

int insn_addis(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_rt(insn)] = ra_or_zero(cpu, insn) + ((uint64_t)insn_si(insn) << 16);
	return PPC_OK;
}

/* addic and addic. (primary opcodes 12 and 13: bit 31 belongs to SI, so the record form
 * is a row of its own). */
int insn_addic(struct ppc_cpu *cpu, uint32_t insn)
{
	return add3(cpu, insn_rt(insn), cpu->gpr[insn_ra(insn)], (uint64_t)insn_si(insn), 0,
		    true, false, false);
}

int insn_addic_rc(struct ppc_cpu *cpu, uint32_t insn)
{
	return add3(cpu, insn_rt(insn), cpu->gpr[insn_ra(insn)], (uint64_t)insn_si(insn), 0,
		    true, false, true);
}

int insn_subfic(struct ppc_cpu *cpu, uint32_t insn)
{
	return add3(cpu, insn_rt(insn), ~cpu->gpr[insn_ra(insn)], (uint64_t)insn_si(insn), 1,
		    true, false, false);
}

/* addpcis (ISA 3.0, DX-form): RT = NIA + (d0 || d1 || d2) << 16. */
int insn_addpcis(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t d = ((insn >> 6) & 0x3ff) << 6 | ((insn >> 16) & 0x1f) << 1 | (insn & 1);
	uint64_t imm = (uint64_t)(int64_t)(int16_t)(uint16_t)d << 16;
	cpu->gpr[insn_rt(insn)] = cpu->nia + imm;
	return PPC_OK;
}

/* ---- 64x64 -> 128 multiply ---- */

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 ppc_u128;
static inline uint64_t mulhu64(uint64_t a, uint64_t b, uint64_t *lo)
{
	ppc_u128 p = (ppc_u128)a * b;
	*lo = (uint64_t)p;
	return (uint64_t)(p >> 64);
}
#else
static inline uint64_t mulhu64(uint64_t a, uint64_t b, uint64_t *lo)
{
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	*lo = (mid << 32) | (uint32_t)ll;
	return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}
#endif

/* Signed high doubleword from the unsigned one: subtract b if a < 0 and a if b < 0. */
static inline uint64_t mulhs64(uint64_t a, uint64_t b, uint64_t *lo)
{
	uint64_t h = mulhu64(a, b, lo);
	h -= (a >> 63) ? b : 0;
	h -= (b >> 63) ? a : 0;
	return h;
}

int insn_mulli(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_rt(insn)] = cpu->gpr[insn_ra(insn)] * (uint64_t)insn_si(insn);
	return PPC_OK;
}

static inline int result(struct ppc_cpu *cpu, uint32_t insn, uint64_t r)
{
	cpu->gpr[insn_rt(insn)] = r;
	if (insn_rc(insn))
		cpu_set_cr0(cpu, r);
	return PPC_OK;
}

/* mullw: the full 64-bit product of the signed low words; OV if it needs more than 32. */
int insn_mullw(struct ppc_cpu *cpu, uint32_t insn)
{
	int64_t p = (int64_t)(int32_t)cpu->gpr[insn_ra(insn)] *
		    (int64_t)(int32_t)cpu->gpr[insn_rb(insn)];
	if (insn_oe(insn))
		set_ov(cpu, p != (int64_t)(int32_t)p);
	return result(cpu, insn, (uint64_t)p);
}

int insn_mulld(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t lo, a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	if (insn_oe(insn)) {
		uint64_t hi = mulhs64(a, b, &lo);
		set_ov(cpu, hi != (uint64_t)-(int64_t)(lo >> 63));
	} else {
		lo = a * b;
	}
	return result(cpu, insn, lo);
}

int insn_mulhw(struct ppc_cpu *cpu, uint32_t insn)
{
	int64_t p = (int64_t)(int32_t)cpu->gpr[insn_ra(insn)] *
		    (int64_t)(int32_t)cpu->gpr[insn_rb(insn)];
	return result(cpu, insn, (uint64_t)p >> 32 & 0xffffffffULL);
}

int insn_mulhwu(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t p = (uint64_t)(uint32_t)cpu->gpr[insn_ra(insn)] *
		     (uint32_t)cpu->gpr[insn_rb(insn)];
	return result(cpu, insn, p >> 32);
}

int insn_mulhd(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t lo;
	return result(cpu, insn, mulhs64(cpu->gpr[insn_ra(insn)], cpu->gpr[insn_rb(insn)], &lo));
}

int insn_mulhdu(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t lo;
	return result(cpu, insn, mulhu64(cpu->gpr[insn_ra(insn)], cpu->gpr[insn_rb(insn)], &lo));
}

/* maddhd/maddhdu/maddld (ISA 3.0, VA-form): the 128-bit RA * RB + RC, RC sign- or
 * zero-extended; RT gets the high or low doubleword. */
int insn_maddhd(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t lo, c = cpu->gpr[insn_rc_reg(insn)];
	uint64_t hi = mulhs64(cpu->gpr[insn_ra(insn)], cpu->gpr[insn_rb(insn)], &lo);
	uint64_t sum = lo + c;
	hi += (sum < lo) + ((c >> 63) ? ~0ULL : 0);
	cpu->gpr[insn_rt(insn)] = hi;
	return PPC_OK;
}

int insn_maddhdu(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t lo, c = cpu->gpr[insn_rc_reg(insn)];
	uint64_t hi = mulhu64(cpu->gpr[insn_ra(insn)], cpu->gpr[insn_rb(insn)], &lo);
	cpu->gpr[insn_rt(insn)] = hi + (lo + c < lo);
	return PPC_OK;
}

int insn_maddld(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_rt(insn)] = cpu->gpr[insn_ra(insn)] * cpu->gpr[insn_rb(insn)] +
				  cpu->gpr[insn_rc_reg(insn)];
	return PPC_OK;
}

/* ---- divide ---- */

/* Finish a divide: OV for the o-forms, then RT (and CR0), with @bad giving @undef. */
static inline int div_done(struct ppc_cpu *cpu, uint32_t insn, bool bad, uint64_t q,
			   uint64_t undef)
{
	if (insn_oe(insn))
		set_ov(cpu, bad);
	return result(cpu, insn, bad ? undef : q);
}

int insn_divw(struct ppc_cpu *cpu, uint32_t insn)
{
	int32_t a = (int32_t)cpu->gpr[insn_ra(insn)], b = (int32_t)cpu->gpr[insn_rb(insn)];
	bool bad = b == 0 || (a == INT32_MIN && b == -1);
	uint32_t q = bad ? 0 : (uint32_t)(a / b);
	return div_done(cpu, insn, bad, q, (uint32_t)a);
}

int insn_divwu(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t a = (uint32_t)cpu->gpr[insn_ra(insn)], b = (uint32_t)cpu->gpr[insn_rb(insn)];
	return div_done(cpu, insn, b == 0, b ? a / b : 0, a);
}

int insn_divd(struct ppc_cpu *cpu, uint32_t insn)
{
	int64_t a = (int64_t)cpu->gpr[insn_ra(insn)], b = (int64_t)cpu->gpr[insn_rb(insn)];
	bool bad = b == 0 || (a == INT64_MIN && b == -1);
	uint64_t q = bad ? 0 : (uint64_t)(a / b);
	return div_done(cpu, insn, bad, q, (uint64_t)a);
}

int insn_divdu(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	return div_done(cpu, insn, b == 0, b ? a / b : 0, a);
}

/* divwe: (RA[32:63] || 0^32) / EXTS(RB[32:63]); the quotient must fit in 32 signed bits. */
int insn_divwe(struct ppc_cpu *cpu, uint32_t insn)
{
	int64_t a = (int64_t)((uint64_t)(uint32_t)cpu->gpr[insn_ra(insn)] << 32);
	int64_t b = (int32_t)cpu->gpr[insn_rb(insn)];
	bool bad = b == 0 || (a == INT64_MIN && b == -1);
	int64_t q = bad ? 0 : a / b;
	bad = bad || q != (int32_t)q;
	return div_done(cpu, insn, bad, (uint32_t)q, 0);
}

int insn_divweu(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t a = (uint32_t)cpu->gpr[insn_ra(insn)], b = (uint32_t)cpu->gpr[insn_rb(insn)];
	bool bad = a >= b; /* covers b == 0: the quotient needs more than 32 bits */
	uint64_t q = bad ? 0 : ((uint64_t)a << 32) / b;
	return div_done(cpu, insn, bad, q, 0);
}

/* (hi || 0^64) / d for hi < d: the quotient fits in 64 bits (restoring division). */
static uint64_t divu128_hi(uint64_t hi, uint64_t d)
{
#ifdef __SIZEOF_INT128__
	return (uint64_t)(((ppc_u128)hi << 64) / d);
#else
	uint64_t q = 0, r = hi;
	for (int i = 0; i < 64; i++) {
		uint64_t top = r >> 63;
		r <<= 1;
		q <<= 1;
		if (top || r >= d) {
			r -= d;
			q |= 1;
		}
	}
	return q;
#endif
}

int insn_divdeu(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	bool bad = a >= b;
	return div_done(cpu, insn, bad, bad ? 0 : divu128_hi(a, b), 0);
}

/*
 * divde: (RA || 0^64) / RB, signed; the quotient must fit in 64 signed bits. Divided as
 * magnitudes. (qemu-ppc64le 7.2 misses the overflow when the quotient is in
 * (2^63, 2^64), e.g. 0x80000000 / 0xffffffff; the ISA's OV is followed here.)
 */
int insn_divde(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	bool neg = (a ^ b) >> 63;
	uint64_t ma = (a >> 63) ? -a : a, mb = (b >> 63) ? -b : b;
	bool bad = ma >= mb;
	uint64_t q = bad ? 0 : divu128_hi(ma, mb);
	bad = bad || q > (neg ? 1ULL << 63 : (1ULL << 63) - 1);
	return div_done(cpu, insn, bad, neg ? -q : q, 0);
}

/* ---- modulo (ISA 3.0): no XER or CR update; undefined cases give 0 ---- */

int insn_modsw(struct ppc_cpu *cpu, uint32_t insn)
{
	int32_t a = (int32_t)cpu->gpr[insn_ra(insn)], b = (int32_t)cpu->gpr[insn_rb(insn)];
	bool bad = b == 0 || (a == INT32_MIN && b == -1);
	cpu->gpr[insn_rt(insn)] = bad ? 0 : (uint64_t)(int64_t)(a % b);
	return PPC_OK;
}

int insn_moduw(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t a = (uint32_t)cpu->gpr[insn_ra(insn)], b = (uint32_t)cpu->gpr[insn_rb(insn)];
	cpu->gpr[insn_rt(insn)] = b ? a % b : 0;
	return PPC_OK;
}

int insn_modsd(struct ppc_cpu *cpu, uint32_t insn)
{
	int64_t a = (int64_t)cpu->gpr[insn_ra(insn)], b = (int64_t)cpu->gpr[insn_rb(insn)];
	bool bad = b == 0 || (a == INT64_MIN && b == -1);
	cpu->gpr[insn_rt(insn)] = bad ? 0 : (uint64_t)(a % b);
	return PPC_OK;
}

int insn_modud(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	cpu->gpr[insn_rt(insn)] = b ? a % b : 0;
	return PPC_OK;
}

/*
 * darn (ISA 3.0 Book I 3.3.9): a random number. The library has no hardware entropy
 * source, so this is splitmix64 over a process-wide atomic counter seeded once from the
 * clock: fine for what guests use darn for (seeding), NOT cryptographically secure.
 * L = 0: 32-bit CRN (zero-extended); L = 1, 2: 64 bits (conditioned and raw are the
 * same here). All ones is the architected "no number available" value, so a draw equal
 * to it is drawn again. L = 3 is reserved: an invalid form.
 */
static _Atomic uint64_t darn_state;

static uint64_t darn_next(void)
{
	uint64_t s = atomic_load_explicit(&darn_state, memory_order_relaxed);
	if (PPC_UNLIKELY(s == 0)) {
		struct timespec ts;
		uint64_t seed = 0x853c49e6748fea9bULL;
		if (clock_gettime(CLOCK_REALTIME, &ts) == 0)
			seed ^= (uint64_t)ts.tv_sec * 1000000007ULL + (uint64_t)ts.tv_nsec;
		uint64_t expect = 0;
		atomic_compare_exchange_strong(&darn_state, &expect, seed | 1);
	}
	uint64_t z = atomic_fetch_add_explicit(&darn_state, 0x9e3779b97f4a7c15ULL,
					       memory_order_relaxed) + 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int insn_darn(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned l = (insn >> 16) & 3;
	if (l == 3)
		return cpu_program_illegal(cpu);
	uint64_t v;
	do
		v = darn_next();
	while (v == ~0ULL);
	cpu->gpr[insn_rt(insn)] = l == 0 ? (uint32_t)v : v;
	return PPC_OK;
}
