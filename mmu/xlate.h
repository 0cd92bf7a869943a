/* SPDX-License-Identifier: MIT */
/*
 * Address translation with relocation on (MSR[IR] or MSR[DR] = 1): hash (SLB + HPT) and
 * radix, plus the soft TLB's maintenance functions. Shared by the mmu/ sources and lib/hcall_mmu.c.
 */
#ifndef KVMPPC_XLATE_H
#define KVMPPC_XLATE_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "mmu/mem.h"
#include "mmu/physmem.h"

/* SPR numbers the MMU reads (ISA 3.0 Book III 5.4.4 / 4.4). */
#define MMU_SPR_AMR 29  /* UAMR (13) is its problem-state view, same storage */
#define MMU_SPR_DSISR 18
#define MMU_SPR_DAR 19
#define MMU_SPR_PIDR 48
#define MMU_SPR_IAMR 61
#define MMU_SPR_LPCR 318
#define MMU_SPR_LPIDR 319
#define MMU_SPR_PTCR 464

/* DSISR bits (ISA 3.0 Book III 7.5.3) and ISI SRR1 bits (7.5.5). */
#define DSISR_NOPTE   0x40000000ULL /* bit 33: no translation */
#define DSISR_PROT    0x08000000ULL /* bit 36: protection */
#define DSISR_STORE   0x02000000ULL /* bit 38: the access was a store */
#define DSISR_KEY     0x00200000ULL /* bit 42: virtual page class key protection */
#define SRR1_ISI_NOPTE 0x40000000ULL /* bit 33 */
#define SRR1_ISI_NOEXEC 0x10000000ULL /* bit 35: no-execute or guarded */
#define SRR1_ISI_PROT  0x08000000ULL /* bit 36 */
#define SRR1_ISI_KEY   0x00200000ULL /* bit 42 */

/* One successful translation. */
struct mmu_xlate_res {
	uint64_t real;  /* guest real address of the byte */
	uint64_t key;   /* what a TLB entry made from it is invalidated by (tlb_types.h) */
	unsigned shift; /* log2 of the page size */
};

/**
 * mmu_xlate() - translate effective address @ea for @access with relocation on.
 * On success *@real is the guest real address and the return is PPC_OK. On a fault with
 * @guest_visible set, the architected interrupt (DSI/DSEG/ISI/ISEG with DAR/DSISR/SRR1
 * bits) is delivered and PPC_EXC returned; without it, a negative errno is returned
 * (see mem_translate) and nothing changes.
 */
int mmu_xlate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint64_t *real,
	      int guest_visible);
int mmu_xlate_res(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access,
		  struct mmu_xlate_res *res, int guest_visible);

/* Fault delivery shared by both walkers: DSI/ISI with @bits (DSISR or SRR1 bits). */
int mmu_fault(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint64_t bits,
	      int guest_visible);
/* Segment fault: DSeg/ISeg (no SLB entry, or an EA outside the radix tree). */
int mmu_seg_fault(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, int guest_visible);

/* Does this vcpu translate with radix right now? */
bool mmu_is_radix(const struct ppc_cpu *cpu);

/* ---- hash MMU: mmu/hash.c ---- */
int hash_xlate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access,
	       struct mmu_xlate_res *res, int guest_visible);
void hash_slbmte(struct ppc_cpu *cpu, uint64_t rs, uint64_t rb);
/* get_sregs/set_sregs: read entry @i as slbmte images (slbe | index; an invalid entry
 * reads as index only), and invalidate the whole SLB (then hash_slbmte each valid one). */
void hash_slb_read(const struct ppc_cpu *cpu, unsigned i, uint64_t *slbe, uint64_t *slbv);
void hash_slb_clear(struct ppc_cpu *cpu);
/* slbie with operand @rb; hash_slb_reindex: rebuild the SLB's buckets after e[] was
 * written directly (snapshot restore, slbia). */
void hash_slbie(struct ppc_cpu *cpu, uint64_t rb);
void hash_slb_reindex(struct ppc_cpu *cpu);
/* The SLB entry that translates @ea, or NULL. */
const struct ppc_slb_entry *hash_slb_find(const struct ppc_cpu *cpu, uint64_t ea);

/* A view of the current hashed page table (host memory, big-endian HPTEs). */
struct hpt_view {
	uint8_t *base;
	uint64_t nptes; /* number of 16-byte HPTEs */
};
bool hash_hpt(struct ppc_cpu *cpu, struct hpt_view *v);
uint64_t hpte_get(const struct hpt_view *v, uint64_t idx, int dw);
void hpte_set(const struct hpt_view *v, uint64_t idx, int dw, uint64_t val);
/* log2 of the actual page size an HPTE maps, 0 for an encoding we do not implement;
 * *@base gets the base page size shift it belongs to. */
unsigned hpte_page_shift(uint64_t v, uint64_t r, unsigned *base);
/* The invalidation of the translations HPTE @idx of @h (doublewords @v, @r) can have made:
 * its virtual page, recovered from the AVPN and the hash of the PTEG it sits in. */
void hpte_tlbi(const struct hpt_view *h, uint64_t idx, uint64_t v, uint64_t r,
	       struct ppc_tlbi *d);

/**
 * hash_papr_hpt_alloc() - give a PAPR guest a zeroed library-owned HPT of 2^@order bytes
 * (18 <= order <= 46), replacing any previous one. Return: 0, -EINVAL or -ENOMEM.
 * hash_papr_hpt_default_order() - the largest power of two <= RAM/128, at least 2^18
 * (what tools/kvmppc-run advertises in ibm,pft-size when no HPT was allocated).
 */
int hash_papr_hpt_alloc(struct ppc_machine *m, unsigned order);
/* Install @t (2^@order bytes, malloc'ed; with @gen, one zeroed uint64_t per HPTE) as the
 * PAPR HPT and free the old one. Caller holds atomic_lock and keeps vcpus out (resize). */
void hash_papr_hpt_install(struct ppc_machine *m, uint8_t *t, uint64_t *gen, unsigned order);
/* An hcall changed HPTE @idx (caller holds atomic_lock): the HTAB stream sends it again. */
static inline void hash_papr_hpte_changed(struct ppc_machine *m, uint64_t idx)
{
	if (m->papr_hpt_gen)
		m->papr_hpt_gen[idx] = ++m->papr_hpt_seq;
}
unsigned hash_papr_hpt_default_order(const struct ppc_machine *m);

/* ---- radix MMU: mmu/radix.c ---- */
int radix_xlate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access,
		struct mmu_xlate_res *res, int guest_visible);

/* ---- soft TLB: mmu/tlb.c ---- */
/* The SPRs translation depends on besides the MSR, as mmu_regs[] records them. */
static inline void tlb_mmu_regs(const struct ppc_cpu *cpu, uint64_t r[4])
{
	r[0] = (cpu->spr[MMU_SPR_PIDR] & 0xffffffffULL) | (cpu->spr[MMU_SPR_LPIDR] << 32);
	r[1] = cpu->mach->sdr1;
	r[2] = cpu->spr[MMU_SPR_PTCR];
	r[3] = cpu->spr[MMU_SPR_LPCR] & (1ULL << 28); /* HR */
}
void tlb_retag(struct ppc_cpu *cpu);
void tlb_fill(struct ppc_cpu *cpu, enum ppc_access access, uint64_t ea, uint8_t *host_page,
	      uint64_t real_page, uint64_t key);
/* Drop this vcpu's entries whose EA page, key or real page lies in [lo, hi). */
void tlb_flush_ea(struct ppc_cpu *cpu, uint64_t lo, uint64_t hi);
void tlb_flush_key(struct ppc_cpu *cpu, uint64_t lo, uint64_t hi);
void tlb_flush_real(struct ppc_cpu *cpu, uint64_t lo, uint64_t hi);
/* Drop this vcpu's store entries (dirty logging switched on or a bitmap was read). */
void tlb_flush_stores(struct ppc_cpu *cpu);
/* Precise flushes of relocated entries (ISA 3.0 Book III 5.10.1): a segment (slbie), a
 * hash virtual page of 2^@shift bytes (tlbie), the radix quadrants of one PID. */
void tlb_flush_segment(struct ppc_cpu *cpu, uint64_t base, unsigned shift);
void tlb_flush_vpn(struct ppc_cpu *cpu, uint64_t vpn, unsigned shift);
void tlb_flush_page_reloc(struct ppc_cpu *cpu, uint64_t epn, unsigned shift);
void tlb_flush_quadrants(struct ppc_cpu *cpu, bool q0, bool q3);
/* Drop what @d names from this vcpu's TLB, evaluated against this vcpu's own context
 * (its PIDR for radix descriptors): tlbie/tlbiel locally, and remote invalidations. */
void tlb_inval_apply(struct ppc_cpu *cpu, const struct ppc_tlbi *d);
/* Queue @d for vcpu @to (any thread); a full queue degrades to a whole flush. The
 * broadcast hook queues on every other vcpu, bumps inval_gen, then sets ATTN_TLB_INVAL
 * on them (that order: mmu/tlb.c), and they apply it at their next block boundary. */
void tlb_queue_inval(struct ppc_cpu *to, const struct ppc_tlbi *d);
/* Ask every other vcpu of the machine to drop what @d names (global tlbie, HPT hcalls);
 * tlb_broadcast: everything (H_REGISTER_PROC_TBL). tlb_sync waits for either. */
void tlb_broadcast_inval(struct ppc_cpu *cpu, const struct ppc_tlbi *d);
void tlb_broadcast(struct ppc_cpu *cpu);
/* Wait until the other vcpus applied this vcpu's broadcasts (tlbsync; hcalls). */
void tlb_sync(struct ppc_cpu *cpu);

#endif /* KVMPPC_XLATE_H */
