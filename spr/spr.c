/* SPDX-License-Identifier: MIT */
/*
 * mfspr/mtspr. First version: the SPRs the run-loop tests need. The privileged
 * architecture issue replaces this with the full table (number, name, width, access per
 * state, ONE_REG id, reset value, hooks).
 */
#include "spr/spr.h"

static int spr_illegal(struct ppc_cpu *cpu)
{
	return cpu_program_illegal(cpu);
}

int spr_mfspr(struct ppc_cpu *cpu, unsigned sprn, uint64_t *val)
{
	int priv = !(cpu->msr & MSR_PR);
	switch (sprn) {
	case SPR_XER: *val = cpu_get_xer(cpu); return PPC_OK;
	case SPR_LR: *val = cpu->lr; return PPC_OK;
	case SPR_CTR: *val = cpu->ctr; return PPC_OK;
	case SPR_DSISR: case SPR_DAR: case SPR_SRR0: case SPR_SRR1:
	case SPR_SPRG0: case SPR_SPRG1: case SPR_SPRG2: case SPR_SPRG3:
	case SPR_PVR: case SPR_PIR:
		if (!priv)
			return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_PRIV);
		*val = cpu->spr[sprn];
		return PPC_OK;
	default:
		return spr_illegal(cpu);
	}
}

int spr_mtspr(struct ppc_cpu *cpu, unsigned sprn, uint64_t val)
{
	int priv = !(cpu->msr & MSR_PR);
	switch (sprn) {
	case SPR_XER: cpu_set_xer(cpu, val); return PPC_OK;
	case SPR_LR: cpu->lr = val; return PPC_OK;
	case SPR_CTR: cpu->ctr = val; return PPC_OK;
	case SPR_DSISR: case SPR_DAR: case SPR_SRR0: case SPR_SRR1:
	case SPR_SPRG0: case SPR_SPRG1: case SPR_SPRG2: case SPR_SPRG3:
		if (!priv)
			return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_PRIV);
		cpu->spr[sprn] = sprn == SPR_DSISR ? (uint32_t)val : val;
		return PPC_OK;
	default:
		return spr_illegal(cpu);
	}
}
