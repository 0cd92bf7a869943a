/* SPDX-License-Identifier: MIT */
/* Branch instructions (ISA 3.0 Book I chapter 2.4). */
#include "cpu/insn.h"

int insn_b(struct ppc_cpu *cpu, uint32_t insn)
{
	int64_t li = (int32_t)(insn << 6) >> 6 & ~3;
	uint64_t target = (insn & 2) ? (uint64_t)li : cpu->cia + (uint64_t)li;
	if (insn & 1)
		cpu->lr = cpu->nia;
	cpu->nia = cpu_ea(cpu, target);
	return PPC_OK;
}

/* The BO rule (Book I 2.4): decrement CTR unless BO[2]; test CTR unless BO[2]; test CR
 * bit BI unless BO[0]. */
static inline int branch_taken(struct ppc_cpu *cpu, uint32_t insn, int use_ctr)
{
	unsigned bo = insn_rt(insn), bi = insn_ra(insn);
	int ctr_ok = 1;
	if (use_ctr && !(bo & 4)) {
		cpu->ctr--;
		uint64_t c = (cpu->msr & MSR_SF) ? cpu->ctr : (uint32_t)cpu->ctr;
		ctr_ok = (c != 0) ^ ((bo >> 1) & 1);
	}
	int cond_ok = (bo & 16) || (((cpu->cr >> (31 - bi)) & 1) == ((bo >> 3) & 1));
	return ctr_ok && cond_ok;
}

int insn_bc(struct ppc_cpu *cpu, uint32_t insn)
{
	int64_t bd = (int16_t)(insn & 0xfffc);
	int taken = branch_taken(cpu, insn, 1);
	if (insn & 1)
		cpu->lr = cpu->nia;
	if (taken)
		cpu->nia = cpu_ea(cpu, (insn & 2) ? (uint64_t)bd : cpu->cia + (uint64_t)bd);
	return PPC_OK;
}

int insn_bclr(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t target = cpu->lr & ~3ULL;
	int taken = branch_taken(cpu, insn, 1);
	if (insn & 1)
		cpu->lr = cpu->nia;
	if (taken)
		cpu->nia = cpu_ea(cpu, target);
	return PPC_OK;
}
