/* SPDX-License-Identifier: MIT */
/*
 * Data types of the per-vcpu soft TLB, kept apart from mmu/tlb.h so that cpu/cpu.h can
 * embed the TLB without including the MMU's functions.
 */
#ifndef KVMPPC_TLB_TYPES_H
#define KVMPPC_TLB_TYPES_H

#include <stdint.h>

#define PPC_TLB_BITS 8
#define PPC_TLB_SIZE (1u << PPC_TLB_BITS)

/*
 * One entry: the 4 KiB effective page `tag` maps to host memory at `host` (real page
 * `real`). One array per access kind so a hit is one compare.
 */
struct ppc_tlb_entry {
	uint64_t tag;  /* effective page number | 1 (valid); 0 = empty */
	uint8_t *host; /* host address of the page */
	uint64_t real; /* guest real address of the page */
};

struct ppc_tlb {
	struct ppc_tlb_entry load[PPC_TLB_SIZE];
	struct ppc_tlb_entry store[PPC_TLB_SIZE];
	struct ppc_tlb_entry fetch[PPC_TLB_SIZE];
	uint64_t context;   /* translation context the entries belong to (MSR IR/DR/PR/HV...) */
	uint64_t map_gen;   /* memory-map generation the entries were filled under */
};

#endif /* KVMPPC_TLB_TYPES_H */
