/* SPDX-License-Identifier: MIT */
/*
 * Interrupt delivery (ISA 3.0 Book III 7): one table of vectors, one delivery function.
 */
#include "cpu/cpu.h"

#define SPR_SRR0 26
#define SPR_SRR1 27
#define SPR_HSRR0 314
#define SPR_HSRR1 315

struct excp_info {
	uint32_t vector;
	uint8_t hv;        /* delivered with HSRR0/1 into hypervisor state */
	uint8_t srr0_next; /* SRR0 = address of the next instruction, not the current one */
};

static const struct excp_info excp_table[EXCP_COUNT] = {
	[EXCP_SYSTEM_RESET] = {0x100, 0, 1},
	[EXCP_MACHINE_CHECK] = {0x200, 0, 0},
	[EXCP_DSI] = {0x300, 0, 0},
	[EXCP_DSEG] = {0x380, 0, 0},
	[EXCP_ISI] = {0x400, 0, 0},
	[EXCP_ISEG] = {0x480, 0, 0},
	[EXCP_EXTERNAL] = {0x500, 0, 1},
	[EXCP_ALIGNMENT] = {0x600, 0, 0},
	[EXCP_PROGRAM] = {0x700, 0, 0},
	[EXCP_FP_UNAVAIL] = {0x800, 0, 0},
	[EXCP_DECREMENTER] = {0x900, 0, 1},
	[EXCP_HV_DECREMENTER] = {0x980, 1, 1},
	[EXCP_DOORBELL] = {0xa00, 0, 1},
	[EXCP_SYSCALL] = {0xc00, 0, 1},
	[EXCP_TRACE] = {0xd00, 0, 1},
	[EXCP_HDSI] = {0xe00, 1, 0},
	[EXCP_HISI] = {0xe20, 1, 0},
	[EXCP_HEAI] = {0xe40, 1, 0},
	[EXCP_HMI] = {0xe60, 1, 1},
	[EXCP_H_DOORBELL] = {0xe80, 1, 1},
	[EXCP_H_VIRT] = {0xea0, 1, 1},
	[EXCP_PERF_MON] = {0xf00, 0, 1},
	[EXCP_VMX_UNAVAIL] = {0xf20, 0, 0},
	[EXCP_VSX_UNAVAIL] = {0xf40, 0, 0},
	[EXCP_FAC_UNAVAIL] = {0xf60, 0, 0},
	[EXCP_H_FAC_UNAVAIL] = {0xf80, 1, 0},
	[EXCP_SYSCALL_VECTORED] = {0x17000, 0, 1},
};

/* SRR1 bits 33:36 and 42:47 carry interrupt-specific information; the rest copy MSR. */
#define SRR1_INFO_MASK 0x00000000783f0000ULL

int cpu_interrupt(struct ppc_cpu *cpu, enum ppc_excp kind, uint64_t srr1_bits)
{
	const struct excp_info *e = &excp_table[kind];
	uint64_t srr0 = e->srr0_next ? cpu->nia : cpu->cia;
	uint64_t srr1 = (cpu->msr & ~SRR1_INFO_MASK) | (srr1_bits & SRR1_INFO_MASK);
	if (e->hv && !cpu->papr) {
		cpu->spr[SPR_HSRR0] = srr0;
		cpu->spr[SPR_HSRR1] = srr1;
	} else {
		cpu->spr[SPR_SRR0] = srr0;
		cpu->spr[SPR_SRR1] = srr1;
	}
	uint64_t keep = cpu->msr & (MSR_ME | MSR_HV);
	cpu_set_msr(cpu, cpu->intr_msr | keep);
	cpu->nia = e->vector;
	cpu->resv_size = 0;
	return PPC_EXC;
}

int cpu_program_illegal(struct ppc_cpu *cpu)
{
	return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_ILL);
}

int cpu_check_async(struct ppc_cpu *cpu)
{
	uint32_t p = atomic_load_explicit(&cpu->pending, memory_order_acquire);
	if (!p)
		return PPC_OK;
	if ((p & PENDING_SYSTEM_RESET)) {
		atomic_fetch_and(&cpu->pending, ~PENDING_SYSTEM_RESET);
		cpu->cia = cpu->nia;
		return cpu_interrupt(cpu, EXCP_SYSTEM_RESET, 0);
	}
	if (!(cpu->msr & MSR_EE))
		return PPC_OK;
	if (p & PENDING_EXTERNAL) {
		if (cpu->pending_edge & PENDING_EXTERNAL) {
			cpu->pending_edge &= ~PENDING_EXTERNAL;
			atomic_fetch_and(&cpu->pending, ~PENDING_EXTERNAL);
		}
		cpu->cia = cpu->nia;
		return cpu_interrupt(cpu, EXCP_EXTERNAL, 0);
	}
	if (p & PENDING_DEC) {
		cpu->cia = cpu->nia;
		return cpu_interrupt(cpu, EXCP_DECREMENTER, 0);
	}
	return PPC_OK;
}
