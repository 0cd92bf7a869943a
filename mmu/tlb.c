/* SPDX-License-Identifier: MIT */
/*
 * The per-vcpu soft TLB: effective page -> host page, one direct-mapped array per access
 * kind. Entries carry their translation context (MSR IR/DR, PR, HV) in the tag, so an
 * MSR change only selects other entries (cpu_set_msr -> mem_set_context -> tlb_retag) and
 * a hit in mem_load/mem_store is one compare and one add. PIDR/LPIDR, SDR1, PTCR, LPCR[HR]
 * and memslot changes flush (mtspr, mem_fetch_page's revalidation). Only this vcpu's thread
 * touches its TLB; other threads ask for a whole flush with ATTN_TLB_FLUSH (tlb_broadcast,
 * lib/hcall_mmu.c; flush_all_vcpus, lib/ops.c), taken at the vcpu's next block boundary.
 */
#include <string.h>

#include "mmu/xlate.h"

static uint64_t ctx_bits(uint64_t msr, uint64_t reloc, uint8_t epoch)
{
	uint64_t c = ((msr & reloc) ? 1 : 0) | ((msr & MSR_PR) ? 2 : 0) | ((msr & MSR_HV) ? 4 : 0);
	return ((uint64_t)epoch << 4) | (c << 1) | 1;
}

void tlb_retag(struct ppc_cpu *cpu)
{
	cpu->tlb.ctx_fill = ctx_bits(cpu->msr, MSR_DR, cpu->tlb.epoch);
	/* A transaction's loads and stores must reach cpu/tm.c: the fast path misses. */
	cpu->tlb.ctx_data = cpu->tmx.live ? TLB_CTX_NONE : cpu->tlb.ctx_fill;
	cpu->tlb.ctx_fetch = ctx_bits(cpu->msr, MSR_IR, cpu->tlb.epoch);
}

/* A whole flush is O(1): the epoch in every new tag moves on, so no old entry matches.
 * Only when the 8-bit epoch wraps are the arrays really cleared. */
void mem_flush_tlb(struct ppc_cpu *cpu)
{
	if (++cpu->tlb.epoch == 0) {
		memset(cpu->tlb.load, 0, sizeof(cpu->tlb.load));
		memset(cpu->tlb.store, 0, sizeof(cpu->tlb.store));
		memset(cpu->tlb.fetch, 0, sizeof(cpu->tlb.fetch));
	}
	if (cpu->mach)
		cpu->tlb.map_gen = atomic_load_explicit(&cpu->mach->map_gen, memory_order_acquire);
	tlb_mmu_regs(cpu, cpu->tlb.mmu_regs);
	tlb_retag(cpu);
}

void tlb_fill(struct ppc_cpu *cpu, enum ppc_access access, uint64_t ea, uint8_t *host_page,
	      uint64_t real_page, uint64_t key)
{
	struct ppc_tlb_entry *arr = access == ACCESS_LOAD ? cpu->tlb.load
				    : access == ACCESS_STORE ? cpu->tlb.store : cpu->tlb.fetch;
	uint64_t ctx = access == ACCESS_FETCH ? cpu->tlb.ctx_fetch : cpu->tlb.ctx_fill;
	struct ppc_tlb_entry *e = &arr[(ea >> PPC_PAGE_SHIFT) & (PPC_TLB_SIZE - 1)];
	e->tag = (ea & ~(PPC_PAGE_SIZE - 1)) | ctx;
	e->host = host_page;
	e->real = real_page;
	e->key = key;
}

enum flush_by { BY_EA, BY_KEY, BY_REAL };

static void flush_where(struct ppc_cpu *cpu, enum flush_by by, uint64_t lo, uint64_t hi)
{
	struct ppc_tlb_entry *arrs[3] = {cpu->tlb.load, cpu->tlb.store, cpu->tlb.fetch};
	for (int a = 0; a < 3; a++) {
		for (unsigned i = 0; i < PPC_TLB_SIZE; i++) {
			struct ppc_tlb_entry *e = &arrs[a][i];
			if (!e->tag)
				continue;
			uint64_t v = by == BY_EA ? (e->tag & ~(PPC_PAGE_SIZE - 1))
				     : by == BY_KEY ? e->key : e->real;
			if (v >= lo && v < hi)
				memset(e, 0, sizeof(*e));
		}
	}
}

void tlb_flush_ea(struct ppc_cpu *cpu, uint64_t lo, uint64_t hi)
{
	lo &= ~(PPC_PAGE_SIZE - 1);
	if (hi <= lo) { /* the range wraps at the top of the address space */
		mem_flush_tlb(cpu);
		return;
	}
	if (hi - lo > (uint64_t)(PPC_TLB_SIZE / 4) << PPC_PAGE_SHIFT) {
		flush_where(cpu, BY_EA, lo, hi);
		return;
	}
	/* A few pages (tlbie of one page, the common case): only their slots can hold them. */
	struct ppc_tlb_entry *arrs[3] = {cpu->tlb.load, cpu->tlb.store, cpu->tlb.fetch};
	for (uint64_t pg = lo; pg < hi; pg += PPC_PAGE_SIZE)
		for (int a = 0; a < 3; a++) {
			struct ppc_tlb_entry *e = &arrs[a][(pg >> PPC_PAGE_SHIFT) & (PPC_TLB_SIZE - 1)];
			if (e->tag && (e->tag & ~(PPC_PAGE_SIZE - 1)) == pg)
				memset(e, 0, sizeof(*e));
		}
}

void tlb_flush_key(struct ppc_cpu *cpu, uint64_t lo, uint64_t hi)
{
	flush_where(cpu, BY_KEY, lo, hi);
}

void tlb_flush_real(struct ppc_cpu *cpu, uint64_t lo, uint64_t hi)
{
	flush_where(cpu, BY_REAL, lo, hi);
}

void tlb_flush_stores(struct ppc_cpu *cpu)
{
	memset(cpu->tlb.store, 0, sizeof(cpu->tlb.store));
}

void tlb_broadcast(struct ppc_cpu *cpu)
{
	const struct ppc_machine_hooks *h = cpu->mach ? cpu->mach->hooks : NULL;
	if (h && h->broadcast_tlb_flush)
		h->broadcast_tlb_flush(cpu);
}
