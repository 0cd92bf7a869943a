/* SPDX-License-Identifier: MIT */
/*
 * System instructions: sc, SPR moves and mftb. The privileged ones live in
 * cpu/insn_priv.c; emulate_op executes all of them through these same handlers.
 */
#include "cpu/insn.h"
#include "cpu/tm.h"
#include "mmu/physmem.h"
#include "spr/spr.h"

/*
 * sc LEV (Book III 7.5.14): LEV = 1 is a hypervisor call. In a PAPR guest's privileged
 * state it goes to the library's hcall layer; in a machine with a hypervisor it enters
 * hypervisor state at 0xc00. Every other case (LEV = 0, problem state, LEV >= 2 without an
 * ultravisor) is the system call interrupt with SRR0 = the next instruction.
 */
int insn_sc(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned lev = (insn >> 5) & 0x7f;
	if (lev == 1 && !(cpu->msr & MSR_PR)) {
		if (cpu->papr) {
			if (PPC_UNLIKELY((cpu->msr & MSR_TS) == MSR_TS_T))
				return tm_fail_disallowed(cpu); /* no hypercall in a transaction */
			if (cpu->mach && cpu->mach->hooks && cpu->mach->hooks->hcall)
				return cpu->mach->hooks->hcall(cpu); /* PAPR hypercall (PAPR 14.5.3) */
		} else if (!(cpu->msr & MSR_HV)) {
			return cpu_interrupt_hcall(cpu);
		}
	}
	return cpu_interrupt(cpu, EXCP_SYSCALL, 0);
}

/* mflr/mtlr/mtctr/mfctr are among the most executed instructions (census 7): they skip
 * the table walk; every other SPR goes through spr/spr.c. */
int insn_mfspr(struct ppc_cpu *cpu, uint32_t insn)
{
	switch (insn_spr(insn)) {
	case SPR_LR: cpu->gpr[insn_rt(insn)] = cpu->lr; return PPC_OK;
	case SPR_CTR: cpu->gpr[insn_rt(insn)] = cpu->ctr; return PPC_OK;
	default: break;
	}
	uint64_t v = cpu->gpr[insn_rt(insn)]; /* a no-op mfspr leaves RT unchanged */
	int st = spr_mfspr(cpu, insn_spr(insn), &v);
	if (st == PPC_OK)
		cpu->gpr[insn_rt(insn)] = v;
	return st;
}

int insn_mtspr(struct ppc_cpu *cpu, uint32_t insn)
{
	switch (insn_spr(insn)) {
	case SPR_LR: cpu->lr = cpu->gpr[insn_rs(insn)]; return PPC_OK;
	case SPR_CTR: cpu->ctr = cpu->gpr[insn_rs(insn)]; return PPC_OK;
	default: break;
	}
	return spr_mtspr(cpu, insn_spr(insn), cpu->gpr[insn_rs(insn)]);
}

/* mftb/mftbu (Book II 6.2.1): TBR 268 reads TB, 269 its upper half. */
int insn_mftb(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t tb = cpu_tb(cpu);
	cpu->gpr[insn_rt(insn)] = insn_spr(insn) == SPR_TBU_R ? tb >> 32 : tb;
	return PPC_OK;
}
