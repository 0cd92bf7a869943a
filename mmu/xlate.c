/* SPDX-License-Identifier: MIT */
/*
 * Translation with relocation on. Not built yet: every relocated access faults as if no
 * translation existed (DSI/ISI with "no PTE"), which is the architected outcome for an
 * empty page table. The MMU issue replaces this with the hash and radix walkers.
 */
#include "mmu/xlate.h"

#define DSISR_NOPTE   0x40000000ULL
#define DSISR_ISSTORE 0x02000000ULL
#define SRR1_ISI_NOPTE 0x40000000ULL
#define SPR_DSISR 18
#define SPR_DAR 19

int mmu_xlate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint64_t *real,
	      int guest_visible)
{
	(void)real;
	if (!guest_visible)
		return -1;
	if (access == ACCESS_FETCH)
		return cpu_interrupt(cpu, EXCP_ISI, SRR1_ISI_NOPTE);
	cpu->spr[SPR_DAR] = ea;
	cpu->spr[SPR_DSISR] = DSISR_NOPTE | (access == ACCESS_STORE ? DSISR_ISSTORE : 0);
	return cpu_interrupt(cpu, EXCP_DSI, 0);
}
