/* SPDX-License-Identifier: MIT */
/*
 * Compare, trap, isel, setb and CR instructions (Power ISA 3.0B Book I 2.5, 3.3.10-3.3.12,
 * 3.3.17).
 */
#include "cpu/insn.h"

static inline unsigned cmp_signed(int64_t a, int64_t b)
{
	return a < b ? 8 : a > b ? 4 : 2;
}

static inline unsigned cmp_unsigned(uint64_t a, uint64_t b)
{
	return a < b ? 8 : a > b ? 4 : 2;
}

/* The L bit (bit 10) picks a 64-bit compare; L = 0 compares the low words, extended. L = 1
 * is valid in 32-bit mode too (3.3.10). */
static inline bool cmp_l(uint32_t insn)
{
	return (insn >> 21) & 1;
}

int insn_cmpi(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)];
	int64_t sa = cmp_l(insn) ? (int64_t)a : (int64_t)(int32_t)a;
	cpu_set_crf(cpu, insn_bf(insn), cmp_signed(sa, insn_si(insn)) | cpu->so);
	return PPC_OK;
}

int insn_cmp(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	unsigned c = cmp_l(insn) ? cmp_signed((int64_t)a, (int64_t)b)
				 : cmp_signed((int32_t)a, (int32_t)b);
	cpu_set_crf(cpu, insn_bf(insn), c | cpu->so);
	return PPC_OK;
}

int insn_cmpli(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)];
	if (!cmp_l(insn))
		a = (uint32_t)a;
	cpu_set_crf(cpu, insn_bf(insn), cmp_unsigned(a, insn_ui(insn)) | cpu->so);
	return PPC_OK;
}

int insn_cmpl(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	if (!cmp_l(insn)) {
		a = (uint32_t)a;
		b = (uint32_t)b;
	}
	cpu_set_crf(cpu, insn_bf(insn), cmp_unsigned(a, b) | cpu->so);
	return PPC_OK;
}

/* cmprb (ISA 3.0): is byte RA[56:63] in the range [RB[56:63], RB[48:55]], or (L = 1) in
 * that one or [RB[40:47], RB[32:39]]? The answer goes to GT; LT, EQ, SO are 0. */
int insn_cmprb(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned x = (unsigned)cpu->gpr[insn_ra(insn)] & 0xff;
	uint64_t b = cpu->gpr[insn_rb(insn)];
	unsigned lo2 = (unsigned)b & 0xff, hi2 = (unsigned)(b >> 8) & 0xff;
	unsigned lo1 = (unsigned)(b >> 16) & 0xff, hi1 = (unsigned)(b >> 24) & 0xff;
	bool in = lo2 <= x && x <= hi2;
	if (cmp_l(insn))
		in = in || (lo1 <= x && x <= hi1);
	cpu_set_crf(cpu, insn_bf(insn), in ? 4 : 0);
	return PPC_OK;
}

/* cmpeqb (ISA 3.0): does any byte of RB equal RA[56:63]? The answer goes to GT. */
int insn_cmpeqb(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t x = (cpu->gpr[insn_ra(insn)] & 0xff) * 0x0101010101010101ULL;
	uint64_t v = x ^ cpu->gpr[insn_rb(insn)]; /* a zero byte where they are equal */
	bool eq = ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL) != 0;
	cpu_set_crf(cpu, insn_bf(insn), eq ? 4 : 0);
	return PPC_OK;
}

/* setb (ISA 3.0): RT = -1 if CR field BFA has LT, else 1 if GT, else 0. */
int insn_setb(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned c = cpu_get_crf(cpu, (insn >> 18) & 7);
	cpu->gpr[insn_rt(insn)] = (c & 8) ? ~0ULL : (c & 4) ? 1 : 0;
	return PPC_OK;
}

/* mcrxrx (ISA 3.0): CR field BF = OV || OV32 || CA || CA32. */
int insn_mcrxrx(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu_set_crf(cpu, insn_bf(insn),
		    (unsigned)cpu->ov << 3 | (unsigned)cpu->ov32 << 2 | (unsigned)cpu->ca << 1 |
			    cpu->ca32);
	return PPC_OK;
}

/* ---- traps (3.3.11): TO = <s, >s, =, <u, >u; a taken trap is a program interrupt
 * with SRR1[TRAP] and SRR0 = the trap's address ---- */

static inline int trap(struct ppc_cpu *cpu, uint32_t insn, int64_t a, int64_t b)
{
	unsigned to = insn_rt(insn);
	bool t = ((to & 16) && a < b) || ((to & 8) && a > b) || ((to & 4) && a == b) ||
		 ((to & 2) && (uint64_t)a < (uint64_t)b) || ((to & 1) && (uint64_t)a > (uint64_t)b);
	if (PPC_UNLIKELY(t))
		return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_TRAP);
	return PPC_OK;
}

/* Word traps compare the low words; the unsigned compares of the sign-extended words order
 * the same as those of the zero-extended ones. */
int insn_tw(struct ppc_cpu *cpu, uint32_t insn)
{
	return trap(cpu, insn, (int32_t)cpu->gpr[insn_ra(insn)], (int32_t)cpu->gpr[insn_rb(insn)]);
}

int insn_twi(struct ppc_cpu *cpu, uint32_t insn)
{
	return trap(cpu, insn, (int32_t)cpu->gpr[insn_ra(insn)], (int32_t)insn_si(insn));
}

int insn_td(struct ppc_cpu *cpu, uint32_t insn)
{
	return trap(cpu, insn, (int64_t)cpu->gpr[insn_ra(insn)], (int64_t)cpu->gpr[insn_rb(insn)]);
}

int insn_tdi(struct ppc_cpu *cpu, uint32_t insn)
{
	return trap(cpu, insn, (int64_t)cpu->gpr[insn_ra(insn)], insn_si(insn));
}

/* isel (3.3.12): RT = CR[BC] ? (RA|0) : RB. */
int insn_isel(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned bc = insn_rc_reg(insn), ra = insn_ra(insn);
	bool c = (cpu->cr >> (31 - bc)) & 1;
	cpu->gpr[insn_rt(insn)] = c ? (ra ? cpu->gpr[ra] : 0) : cpu->gpr[insn_rb(insn)];
	return PPC_OK;
}

/* ---- CR logical (2.5.1): CR[BT] = CR[BA] op CR[BB] ---- */
#define CR_LOGIC(name, expr)                                                           \
	int name(struct ppc_cpu *cpu, uint32_t insn)                                   \
	{                                                                              \
		unsigned a = (cpu->cr >> (31 - insn_ra(insn))) & 1;                    \
		unsigned b = (cpu->cr >> (31 - insn_rb(insn))) & 1;                    \
		unsigned sh = 31 - insn_rt(insn);                                      \
		cpu->cr = (cpu->cr & ~(1u << sh)) | (((expr) & 1u) << sh);             \
		return PPC_OK;                                                         \
	}
CR_LOGIC(insn_crand, a & b)
CR_LOGIC(insn_crandc, a & ~b)
CR_LOGIC(insn_creqv, ~(a ^ b))
CR_LOGIC(insn_crnand, ~(a & b))
CR_LOGIC(insn_crnor, ~(a | b))
CR_LOGIC(insn_cror, a | b)
CR_LOGIC(insn_crorc, a | ~b)
CR_LOGIC(insn_crxor, a ^ b)

/* mcrf (2.5.2): CR field BF = CR field BFA. */
int insn_mcrf(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu_set_crf(cpu, insn_bf(insn), cpu_get_crf(cpu, (insn >> 18) & 7));
	return PPC_OK;
}

/* ---- CR moves (3.3.17). FXM bit 12 (0x80) names CR0, the top nibble. ---- */

static inline unsigned insn_fxm(uint32_t insn)
{
	return (insn >> 12) & 0xff;
}

/* Spread each FXM bit over its CR nibble. */
static inline uint32_t fxm_mask(unsigned fxm)
{
	uint32_t m = fxm & 0xff;
	m = (m | (m << 12)) & 0x000f000fu;
	m = (m | (m << 6)) & 0x03030303u;
	m = (m | (m << 3)) & 0x11111111u;
	return m * 0xfu;
}

int insn_mtcrf(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t m = fxm_mask(insn_fxm(insn));
	cpu->cr = (cpu->cr & ~m) | ((uint32_t)cpu->gpr[insn_rs(insn)] & m);
	return PPC_OK;
}

/* mtocrf/mfocrf: exactly one FXM bit names the field. With none or several the ISA
 * leaves the result undefined; like qemu-ppc64le, nothing is changed then. */
int insn_mtocrf(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned fxm = insn_fxm(insn);
	if (PPC_LIKELY(fxm && !(fxm & (fxm - 1)))) {
		uint32_t m = fxm_mask(fxm);
		cpu->cr = (cpu->cr & ~m) | ((uint32_t)cpu->gpr[insn_rs(insn)] & m);
	}
	return PPC_OK;
}

int insn_mfcr(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_rt(insn)] = cpu->cr;
	return PPC_OK;
}

int insn_mfocrf(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned fxm = insn_fxm(insn);
	if (PPC_LIKELY(fxm && !(fxm & (fxm - 1))))
		cpu->gpr[insn_rt(insn)] = cpu->cr & fxm_mask(fxm);
	return PPC_OK;
}
