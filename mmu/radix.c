/* SPDX-License-Identifier: MIT */
/*
 * The radix MMU (ISA 3.0 Book III 5.7.10-5.7.12): process table entry chosen by the EA's
 * quadrant (bits 0:1) and PIDR, a walk of up to four levels, leaf sizes as the tree gives
 * them (4K/64K/2M/1G with the geometries get_rmmu_info advertises), EAA permission checks,
 * AMR/IAMR key 0 for privileged accesses to non-privileged pages, atomic R/C updates.
 *
 * Only process-scoped translation is modelled: guest real addresses are guest physical
 * (a PAPR guest, or a hypervisor-mode guest running with MSR[HV] = 1).
 */
#include "mmu/byteorder.h"
#include "mmu/xlate.h"

#define PTCR_PATB 0x0ffffffffffff000ULL
#define PTCR_PATS 0x1fULL
#define PATE1_PRTB 0x0ffffffffffff000ULL /* process table base */
#define PATE1_PRTS 0x1fULL               /* size 2^(12+PRTS) */
#define RTE_RPDB   0x0fffffffffffff00ULL /* root page directory base */
#define RTE_RPDS   0x1fULL               /* root directory has 2^RPDS entries */
#define PDE_V      0x8000000000000000ULL
#define PDE_L      0x4000000000000000ULL
#define PDE_NLB    0x0fffffffffffff00ULL
#define PDE_NLS    0x1fULL
#define PTE_RPN    0x01fffffffffff000ULL
#define PTE_R      0x100ULL
#define PTE_C      0x080ULL
#define PTE_ATT    0x030ULL
#define PTE_ATT_NONIDEM 0x020ULL          /* '10': non-idempotent I/O */
#define PTE_EAA_PRIV 0x8ULL
#define PTE_EAA_R    0x4ULL
#define PTE_EAA_RW   0x2ULL
#define PTE_EAA_X    0x1ULL

/* Host address of 8 bytes of guest real memory used by the walk, or NULL. */
static uint8_t *walk_ptr(struct ppc_cpu *cpu, uint64_t real)
{
	struct ppc_memslot *s = physmem_lookup(cpu->mach, real);
	if (!s || real + 8 - s->gpa > s->size)
		return NULL;
	return s->host + (real - s->gpa);
}

/* Process-table doubleword 1 of the partition (PATE dw1), or 0 if none. */
static uint64_t process_table(struct ppc_cpu *cpu)
{
	if (cpu->papr)
		return cpu->mach->process_table;
	uint64_t ptcr = cpu->spr[MMU_SPR_PTCR];
	uint64_t lpid = (cpu->msr & MSR_HV) ? 0 : cpu->spr[MMU_SPR_LPIDR];
	uint64_t pats = 12 + (ptcr & PTCR_PATS);
	if (pats > 40 || lpid * 16 >= (1ULL << pats))
		return 0;
	uint8_t *p = walk_ptr(cpu, (ptcr & PTCR_PATB) + lpid * 16 + 8);
	return p ? ld_be64(p) : 0;
}

int radix_xlate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access,
		struct mmu_xlate_res *res, int guest_visible)
{
	uint64_t nopte = access == ACCESS_FETCH ? SRR1_ISI_NOPTE : DSISR_NOPTE;
	unsigned q = (unsigned)(ea >> 62);
	if (q == 1 || q == 2) /* quadrants 1 and 2 are for the hypervisor's guest accesses */
		return mmu_seg_fault(cpu, ea, access, guest_visible);
	uint64_t pid = q == 0 ? (cpu->spr[MMU_SPR_PIDR] & 0xffffffffULL) : 0;

	uint64_t pt = process_table(cpu);
	uint64_t prts = 12 + (pt & PATE1_PRTS);
	if (!pt || prts > 40 || pid * 16 >= (1ULL << prts))
		return mmu_fault(cpu, ea, access, nopte, guest_visible);
	uint8_t *prte = walk_ptr(cpu, (pt & PATE1_PRTB) + pid * 16);
	if (!prte)
		return mmu_fault(cpu, ea, access, nopte, guest_visible);
	uint64_t rte = ld_be64(prte);
	unsigned rts = (unsigned)(((rte >> 61) & 3) << 3 | ((rte >> 5) & 7));
	unsigned nbits = rts + 31; /* the tree translates 2^(RTS+31) bytes */
	if (nbits > 62)
		return mmu_fault(cpu, ea, access, nopte, guest_visible);
	if ((ea & ~(3ULL << 62)) >> nbits)
		return mmu_seg_fault(cpu, ea, access, guest_visible); /* outside the tree */

	uint64_t base = rte & RTE_RPDB, pte = 0, pte_real = 0;
	unsigned nls = (unsigned)(rte & RTE_RPDS), shift = nbits;
	for (int level = 0;; level++) {
		if (!nls || nls > shift || shift - nls < 12 || level == 5)
			return mmu_fault(cpu, ea, access, nopte, guest_visible);
		shift -= nls;
		pte_real = base + ((ea >> shift) & ((1ULL << nls) - 1)) * 8;
		uint8_t *p = walk_ptr(cpu, pte_real);
		if (!p)
			return mmu_fault(cpu, ea, access, nopte, guest_visible);
		pte = ld_be64(p);
		if (!(pte & PDE_V))
			return mmu_fault(cpu, ea, access, nopte, guest_visible);
		if (pte & PDE_L)
			break;
		base = pte & PDE_NLB;
		nls = (unsigned)(pte & PDE_NLS);
	}

	/* Permission (5.7.10.3): EAA, then AMR/IAMR key 0 for privileged accesses to
	 * non-privileged pages. */
	uint64_t bits = 0;
	int priv_page = (pte & PTE_EAA_PRIV) != 0, user = (cpu->msr & MSR_PR) != 0;
	if (access == ACCESS_FETCH) {
		if ((pte & PTE_ATT) == PTE_ATT_NONIDEM)
			bits |= SRR1_ISI_NOEXEC;
		if (!(pte & PTE_EAA_X) || (user && priv_page))
			bits |= SRR1_ISI_PROT;
		if (!user && !priv_page && ((cpu->spr[MMU_SPR_IAMR] >> 62) & 1))
			bits |= SRR1_ISI_KEY;
	} else {
		uint64_t need = access == ACCESS_STORE ? PTE_EAA_RW : (PTE_EAA_R | PTE_EAA_RW);
		if (!(pte & need) || (user && priv_page))
			bits |= DSISR_PROT;
		uint64_t amr = cpu->spr[MMU_SPR_AMR] >> 62;
		if (!user && !priv_page && (access == ACCESS_STORE ? (amr & 2) : (amr & 1)))
			bits |= DSISR_KEY;
	}
	if (bits)
		return mmu_fault(cpu, ea, access, bits, guest_visible);

	/* R and C are set atomically with respect to other vcpus' updates (5.7.12). */
	uint64_t want = PTE_R | (access == ACCESS_STORE ? PTE_C : 0);
	if ((pte & want) != want) {
		pthread_mutex_lock(&cpu->mach->atomic_lock);
		uint8_t *p = mem_host_ptr(cpu, pte_real, 8, 1);
		if (p && ld_be64(p) == pte) {
			pte |= want;
			st_be64(p, pte);
		}
		pthread_mutex_unlock(&cpu->mach->atomic_lock);
		if (p && (pte & want) != want) /* changed under us: walk again */
			return radix_xlate(cpu, ea, access, res, guest_visible);
	}

	uint64_t pmask = (1ULL << shift) - 1;
	res->real = ((pte & PTE_RPN) & ~pmask) | (ea & pmask);
	res->shift = shift;
	res->key = ea & ~(PPC_PAGE_SIZE - 1);
	return PPC_OK;
}
