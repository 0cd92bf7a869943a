/* SPDX-License-Identifier: MIT */
/*
 * System instructions: sc, SPR moves, and (with the privileged-architecture issue) the
 * privileged instructions that emulate_op executes through the same handlers.
 */
#include "cpu/insn.h"
#include "mmu/physmem.h"
#include "spr/spr.h"

int insn_sc(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned lev = (insn >> 5) & 0x7f;
	if (lev == 1 && cpu->papr && !(cpu->msr & MSR_PR) && cpu->mach->hooks &&
	    cpu->mach->hooks->hcall)
		return cpu->mach->hooks->hcall(cpu); /* PAPR hypercall (PAPR 14.5.3) */
	return cpu_interrupt(cpu, EXCP_SYSCALL, 0);
}

int insn_mfspr(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t v;
	int st = spr_mfspr(cpu, insn_spr(insn), &v);
	if (st == PPC_OK)
		cpu->gpr[insn_rt(insn)] = v;
	return st;
}

int insn_mtspr(struct ppc_cpu *cpu, uint32_t insn)
{
	return spr_mtspr(cpu, insn_spr(insn), cpu->gpr[insn_rs(insn)]);
}
