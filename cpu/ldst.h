/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the integer load/store, atomic and cache instruction handlers
 * (cpu/insn_ldst.c, cpu/insn_atomic.c, cpu/insn_cache.c). Private to those files.
 */
#ifndef KVMPPC_LDST_H
#define KVMPPC_LDST_H

#include "cpu/insn.h"

#define LDST_SPR_DSISR 18
#define LDST_SPR_DAR 19

/* (RA|0): register RA, or 0 when the field is 0 (ISA 3.0 Book I 1.10.3). */
static inline uint64_t ldst_base(const struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ra = insn_ra(insn);
	return ra ? cpu->gpr[ra] : 0;
}

/* X-form effective address (RA|0) + (RB), wrapped to 32 bits in 32-bit mode. */
static inline uint64_t ldst_ea_x(const struct ppc_cpu *cpu, uint32_t insn)
{
	return cpu_ea(cpu, ldst_base(cpu, insn) + cpu->gpr[insn_rb(insn)]);
}

/**
 * ldst_alignment() - deliver the alignment interrupt for @insn accessing @ea: DAR = @ea,
 * DSISR = the classic instruction-derived bits (see insn_ldst.c). Return: PPC_EXC.
 */
int ldst_alignment(struct ppc_cpu *cpu, uint32_t insn, uint64_t ea);

/**
 * ldst_quad_to_regs()/ldst_regs_to_quad() - the 16 storage bytes of a quadword access
 * and the even (@hi) / odd (@lo) register of the pair, in the current byte order
 * (lq/stq/lqarx/stqcx., Book I 3.3.5).
 */
void ldst_quad_to_regs(const struct ppc_cpu *cpu, const uint8_t b[16], uint64_t *hi,
		       uint64_t *lo);
void ldst_regs_to_quad(const struct ppc_cpu *cpu, uint64_t hi, uint64_t lo, uint8_t b[16]);

#endif /* KVMPPC_LDST_H */
