/* SPDX-License-Identifier: MIT */
/*
 * Translation with relocation on: choose the hash or radix walker, and deliver the
 * storage interrupts both share (ISA 3.0 Book III 7.5.3-7.5.6).
 */
#include <errno.h>

#include "mmu/xlate.h"

#define LPCR_HR (1ULL << 28) /* LPCR bit 35: host radix (ISA 3.0 Book III 2.2) */

bool mmu_is_radix(const struct ppc_cpu *cpu)
{
	if (cpu->isa < PPC_ISA_300)
		return false;
	if (cpu->papr)
		return cpu->mach->radix;
	return (cpu->spr[MMU_SPR_LPCR] & LPCR_HR) != 0;
}

int mmu_fault(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint64_t bits,
	      int guest_visible)
{
	if (!guest_visible) /* load_from_eaddr's codes (kvm-contract.md 2) */
		return (bits & (SRR1_ISI_NOEXEC)) && access == ACCESS_FETCH ? -ENOEXEC
		       : (bits & (DSISR_PROT | DSISR_KEY)) ? -EPERM : -ENOENT;
	if (access == ACCESS_FETCH) {
		/* ISI: SRR0 is the address of the instruction that could not be fetched. */
		cpu->cia = ea;
		return cpu_interrupt(cpu, EXCP_ISI, bits);
	}
	cpu->spr[MMU_SPR_DAR] = ea;
	cpu->spr[MMU_SPR_DSISR] = bits | (access == ACCESS_STORE ? DSISR_STORE : 0);
	return cpu_interrupt(cpu, EXCP_DSI, 0);
}

int mmu_seg_fault(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, int guest_visible)
{
	if (!guest_visible)
		return -EINVAL;
	if (access == ACCESS_FETCH) {
		cpu->cia = ea;
		return cpu_interrupt(cpu, EXCP_ISEG, 0);
	}
	cpu->spr[MMU_SPR_DAR] = ea; /* DSISR is not changed by a data segment interrupt */
	return cpu_interrupt(cpu, EXCP_DSEG, 0);
}

int mmu_xlate_res(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access,
		  struct mmu_xlate_res *res, int guest_visible)
{
	if (mmu_is_radix(cpu))
		return radix_xlate(cpu, ea, access, res, guest_visible);
	return hash_xlate(cpu, ea, access, res, guest_visible);
}

int mmu_xlate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint64_t *real,
	      int guest_visible)
{
	struct mmu_xlate_res r;
	int st = mmu_xlate_res(cpu, ea, access, &r, guest_visible);
	if (st == PPC_OK)
		*real = r.real;
	return st;
}
