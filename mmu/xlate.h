/* SPDX-License-Identifier: MIT */
/*
 * Address translation with relocation on (MSR[IR] or MSR[DR] = 1): hash (SLB + HPT) and
 * radix. A pure function of the vcpu's MMU state and guest memory.
 */
#ifndef KVMPPC_XLATE_H
#define KVMPPC_XLATE_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "mmu/mem.h"

/**
 * mmu_xlate() - translate effective address @ea for @access with relocation on.
 * On success *@real is the guest real address and the return is PPC_OK. On a fault with
 * @guest_visible set, the architected interrupt (DSI/DSEG/ISI/ISEG with DAR/DSISR/SRR1
 * bits) is delivered and PPC_EXC returned; without it, -1 is returned and nothing changes.
 */
int mmu_xlate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint64_t *real,
	      int guest_visible);

#endif /* KVMPPC_XLATE_H */
