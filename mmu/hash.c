/* SPDX-License-Identifier: MIT */
/*
 * The hashed page table MMU (ISA 3.0 Book III 5.7.7-5.7.9, HPTE format of ISA 2.07 which
 * PAPR keeps): SLB lookup, VSID hashing, primary/secondary PTEG search, page sizes 4K,
 * 64K and 16M (as get_smmu_info advertises them), PP/Ks/Kp, storage keys with AMR/IAMR,
 * N and G, and R/C updates.
 *
 * The HPT is the library's (a PAPR guest: mach->papr_hpt, edited by H_ENTER & co) or the
 * guest's own (a hypervisor-mode guest: SDR1 on POWER8, the partition table on POWER9).
 * HPTEs are two big-endian doublewords in both.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kvmppc/hcall.h"
#include "mmu/byteorder.h"
#include "mmu/xlate.h"

/* slbmte operand images (ISA 3.0 Book III 5.9.3.2). */
#define SLB_ESID_256M 0xfffffffff0000000ULL /* RB bits 0:35 */
#define SLB_ESID_1T   0xffffff0000000000ULL /* RB bits 0:23 */
#define SLB_V         0x0000000008000000ULL /* RB bit 36 */
#define SLB_INDEX     0x0000000000000fffULL
#define SLB_VSID_SHIFT 12                   /* RS bits 2:51 */
#define SLB_VSID_MASK ((1ULL << 50) - 1)
#define SLB_KS        0x800ULL              /* RS bit 52 */
#define SLB_KP        0x400ULL              /* RS bit 53 */
#define SLB_N         0x200ULL              /* RS bit 54 */
#define SLB_L         0x100ULL              /* RS bit 55 */
#define SLB_LP        0x030ULL              /* RS bits 58:59 */
#define SLB_RS_DEFINED 0xffffffffffffffb0ULL /* B VSID Ks Kp N L C LP */

#define PTCR_PATB 0x0ffffffffffff000ULL
#define PTCR_PATS 0x1fULL
#define SDR1_HTABORG 0x0ffffffffffc0000ULL
#define SDR1_HTABSIZE 0x1fULL

/* ---- the SLB ---- */

static unsigned seg_shift_of(uint64_t vsid_img)
{
	return (vsid_img >> 62) == 1 ? 40 : 28;
}

/* The bucket an entry with these slbmte images is indexed in (tlb_types.h). */
static uint32_t *slb_bucket(struct ppc_slb *slb, uint64_t esid, uint64_t vsid)
{
	switch (vsid >> 62) {
	case 0: return &slb->bk256[(esid >> 28) % PPC_SLB_BUCKETS];
	case 1: return &slb->bk1t[(esid >> 40) % PPC_SLB_BUCKETS];
	default: return &slb->other;
	}
}

void hash_slb_reindex(struct ppc_cpu *cpu)
{
	struct ppc_slb *slb = &cpu->slb;
	memset(slb->bk256, 0, sizeof(slb->bk256));
	memset(slb->bk1t, 0, sizeof(slb->bk1t));
	slb->other = 0;
	for (unsigned i = 0; i < PPC_SLB_SIZE; i++)
		if (slb->e[i].esid & SLB_V)
			*slb_bucket(slb, slb->e[i].esid, slb->e[i].vsid) |= 1u << i;
}

/* Invalidate entry @i (valid). */
static void slb_drop(struct ppc_slb *slb, unsigned i)
{
	*slb_bucket(slb, slb->e[i].esid, slb->e[i].vsid) &= ~(1u << i);
	slb->e[i].esid = 0;
}

/* The lowest-numbered valid entry translating @ea: only the entries of its two buckets
 * can (an entry of a reserved segment size never matches). */
const struct ppc_slb_entry *hash_slb_find(const struct ppc_cpu *cpu, uint64_t ea)
{
	uint32_t cand = cpu->slb.bk256[(ea >> 28) % PPC_SLB_BUCKETS] |
			cpu->slb.bk1t[(ea >> 40) % PPC_SLB_BUCKETS];
	while (cand) {
		unsigned i = (unsigned)__builtin_ctz(cand);
		cand &= cand - 1;
		const struct ppc_slb_entry *e = &cpu->slb.e[i];
		uint64_t m = (e->vsid >> 62) ? SLB_ESID_1T : SLB_ESID_256M;
		if ((ea & m) == (e->esid & m))
			return e;
	}
	return NULL;
}

/* slbie (ISA 3.0 Book III 5.9.3.1): invalidate the entries of segment size @b whose ESID
 * matches @rb, and the translations cached from that segment. */
void hash_slbie(struct ppc_cpu *cpu, uint64_t rb)
{
	struct ppc_slb *slb = &cpu->slb;
	unsigned b = (unsigned)(rb >> 25) & 3;
	uint64_t m = b == 1 ? SLB_ESID_1T : SLB_ESID_256M;
	uint32_t cand = b == 0 ? slb->bk256[(rb >> 28) % PPC_SLB_BUCKETS]
			: b == 1 ? slb->bk1t[(rb >> 40) % PPC_SLB_BUCKETS] : slb->other;
	while (cand) {
		unsigned i = (unsigned)__builtin_ctz(cand);
		cand &= cand - 1;
		const struct ppc_slb_entry *e = &slb->e[i];
		if ((e->vsid >> 62) == b && (e->esid & m) == (rb & m))
			slb_drop(slb, i);
	}
	tlb_flush_segment(cpu, rb & m, b == 1 ? 40 : 28);
}

void hash_slbmte(struct ppc_cpu *cpu, uint64_t rs, uint64_t rb)
{
	uint64_t idx = rb & SLB_INDEX;
	if (idx >= PPC_SLB_SIZE)
		return; /* beyond the implemented SLB: no effect */
	struct ppc_slb_entry *e = &cpu->slb.e[idx];
	if (e->esid & SLB_V) {
		/* Replacing a valid entry: its cached translations go with it. */
		unsigned shift = seg_shift_of(e->vsid);
		tlb_flush_segment(cpu, e->esid & ~((1ULL << shift) - 1), shift);
		slb_drop(&cpu->slb, (unsigned)idx);
	}
	e->esid = rb & (SLB_ESID_256M | SLB_V);
	e->vsid = rs & SLB_RS_DEFINED;
	if (e->esid & SLB_V)
		*slb_bucket(&cpu->slb, e->esid, e->vsid) |= 1u << idx;
}

/* Base page size of a segment from SLB L||LP, 0 if not implemented (get_smmu_info). */
static unsigned slb_base_shift(uint64_t vsid_img)
{
	if (!(vsid_img & SLB_L))
		return 12;
	switch ((vsid_img & SLB_LP) >> 4) {
	case 0: return 24;
	case 1: return 16;
	default: return 0;
	}
}

/* ---- the HPT ---- */

uint64_t hpte_get(const struct hpt_view *v, uint64_t idx, int dw)
{
	return ld_be64(v->base + idx * 16 + (unsigned)dw * 8);
}

void hpte_set(const struct hpt_view *v, uint64_t idx, int dw, uint64_t val)
{
	st_be64(v->base + idx * 16 + (unsigned)dw * 8, val);
}

unsigned hpte_page_shift(uint64_t v, uint64_t r, unsigned *base)
{
	if (!(v & HPTE_V_LARGE)) {
		*base = 12;
		return 12;
	}
	unsigned lp = (unsigned)(r >> 12) & 0xff;
	if ((lp & 0xf) == 1) { /* 64K base, 64K actual: LP '0001' */
		*base = 16;
		return 16;
	}
	if (lp == 0) { /* 16M base, 16M actual: LP '00000000' */
		*base = 24;
		return 24;
	}
	*base = 0;
	return 0;
}

/* The HPT of a table described like SDR1 (HTABORG, HTABSIZE) in guest real memory. */
static bool hpt_from_sdr1(struct ppc_cpu *cpu, uint64_t sdr1, struct hpt_view *v)
{
	uint64_t size_log = 18 + (sdr1 & SDR1_HTABSIZE);
	if (size_log > 46)
		return false;
	uint64_t org = sdr1 & SDR1_HTABORG, bytes = 1ULL << size_log;
	struct ppc_memslot *s = physmem_lookup(cpu->mach, org);
	if (!s || org + bytes - s->gpa > s->size)
		return false; /* not RAM: no translation can be found */
	v->base = s->host + (org - s->gpa);
	v->nptes = bytes / 16;
	return true;
}

bool hash_hpt(struct ppc_cpu *cpu, struct hpt_view *v)
{
	struct ppc_machine *m = cpu->mach;
	if (cpu->papr) {
		if (!m->papr_hpt)
			return false;
		v->base = m->papr_hpt;
		v->nptes = m->papr_hpt_size / 16;
		return true;
	}
	if (cpu->isa >= PPC_ISA_300) {
		/* POWER9: the partition table entry of this partition holds the HPT. */
		uint64_t ptcr = cpu->spr[MMU_SPR_PTCR];
		uint64_t lpid = (cpu->msr & MSR_HV) ? 0 : cpu->spr[MMU_SPR_LPIDR];
		uint64_t pats = 12 + (ptcr & PTCR_PATS);
		if (pats > 40 || lpid * 16 >= (1ULL << pats))
			return false;
		uint8_t *p = mem_host_ptr(cpu, (ptcr & PTCR_PATB) + lpid * 16, 16, 0);
		if (!p)
			return false;
		return hpt_from_sdr1(cpu, ld_be64(p), v);
	}
	return hpt_from_sdr1(cpu, m->sdr1, v); /* SDR1 is partition-wide (mtspr, set_sregs) */
}

/* ---- translation ---- */

/* Access allowed by PP (PP0||PP1||PP2) and the segment key (ISA 3.0 Book III 5.7.9.1):
 * bit 0 = read, bit 1 = write. */
static const uint8_t pp_access[2][8] = {
	/* key 0 */ {3, 3, 3, 1, 0, 0, 1, 0},
	/* key 1 */ {0, 1, 3, 1, 0, 0, 0, 0},
};

/* The 39-bit primary hash (ISA 3.0 Book III 5.7.7.3). */
static uint64_t hash_of(uint64_t vsid_img, uint64_t ea, unsigned p)
{
	uint64_t vsid = (vsid_img >> SLB_VSID_SHIFT) & SLB_VSID_MASK;
	uint64_t h;
	if (seg_shift_of(vsid_img) == 40) {
		uint64_t v1t = vsid >> 12; /* VSID bits 0:37 */
		h = v1t ^ (v1t << 25) ^ ((ea & ((1ULL << 40) - 1)) >> p);
	} else {
		h = vsid ^ ((ea & ((1ULL << 28) - 1)) >> p);
	}
	return h & ((1ULL << 39) - 1);
}

/* VA[0:54], the AVPN an HPTE must hold for @ea in this segment. */
static uint64_t avpn_of(uint64_t vsid_img, uint64_t ea)
{
	uint64_t vsid = (vsid_img >> SLB_VSID_SHIFT) & SLB_VSID_MASK;
	if (seg_shift_of(vsid_img) == 40)
		return ((vsid >> 12) << 17) | ((ea & ((1ULL << 40) - 1)) >> 23);
	return (vsid << 5) | ((ea & ((1ULL << 28) - 1)) >> 23);
}

/* Search one PTEG; return the HPTE index or -1. */
static int64_t search_pteg(const struct hpt_view *v, uint64_t group, uint64_t vsid_img,
			   uint64_t avpn, unsigned base, int secondary)
{
	uint64_t b = vsid_img >> 62;
	for (uint64_t i = group * 8; i < group * 8 + 8; i++) {
		uint64_t hv = hpte_get(v, i, 0);
		if (!(hv & HPTE_V_VALID) || ((hv & HPTE_V_SECONDARY) != 0) != secondary ||
		    (hv >> 62) != b)
			continue;
		unsigned pbase, shift = hpte_page_shift(hv, hpte_get(v, i, 1), &pbase);
		if (!shift || pbase != base)
			continue;
		uint64_t ignore = shift > 23 ? (1ULL << (shift - 23)) - 1 : 0;
		uint64_t mask = ((1ULL << 55) - 1) & ~ignore;
		if ((((hv >> HPTE_V_AVPN_SHIFT) ^ avpn) & mask) == 0)
			return (int64_t)i;
	}
	return -1;
}

int hash_xlate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access,
	       struct mmu_xlate_res *res, int guest_visible)
{
	const struct ppc_slb_entry *se = hash_slb_find(cpu, ea);
	if (!se)
		return mmu_seg_fault(cpu, ea, access, guest_visible);
	uint64_t vi = se->vsid;
	unsigned base = slb_base_shift(vi);
	struct hpt_view hpt;
	uint64_t nopte = access == ACCESS_FETCH ? SRR1_ISI_NOPTE : DSISR_NOPTE;
	if (!base || !hash_hpt(cpu, &hpt) || hpt.nptes < 8)
		return mmu_fault(cpu, ea, access, nopte, guest_visible);

	uint64_t hash = hash_of(vi, ea, base), avpn = avpn_of(vi, ea);
	uint64_t gmask = hpt.nptes / 8 - 1;
	int64_t idx = search_pteg(&hpt, hash & gmask, vi, avpn, base, 0);
	if (idx < 0)
		idx = search_pteg(&hpt, ~hash & gmask, vi, avpn, base, 1);
	if (idx < 0)
		return mmu_fault(cpu, ea, access, nopte, guest_visible);

	uint64_t hv = hpte_get(&hpt, (uint64_t)idx, 0), r = hpte_get(&hpt, (uint64_t)idx, 1);
	unsigned pb, shift = hpte_page_shift(hv, r, &pb);

	/* Protection (5.7.9): PP with the segment key, then the storage key (AMR/IAMR). */
	unsigned key = (cpu->msr & MSR_PR) ? !!(vi & SLB_KP) : !!(vi & SLB_KS);
	unsigned pp = (unsigned)(((r >> 63) << 2) | (r & HPTE_R_PP));
	unsigned allowed = pp_access[key][pp];
	unsigned skey = (unsigned)(((r & HPTE_R_KEY_HI) >> 60) << 3 | ((r & HPTE_R_KEY_LO) >> 9));
	unsigned kshift = 62 - 2 * skey;
	uint64_t bits = 0;
	if (access == ACCESS_FETCH) {
		if ((vi & SLB_N) || (r & (HPTE_R_N | HPTE_R_G)))
			bits |= SRR1_ISI_NOEXEC;
		if (!(allowed & 1))
			bits |= SRR1_ISI_PROT;
		if ((cpu->spr[MMU_SPR_IAMR] >> kshift) & 1)
			bits |= SRR1_ISI_KEY;
	} else {
		unsigned need = access == ACCESS_STORE ? 2 : 1;
		if (!(allowed & need))
			bits |= DSISR_PROT;
		uint64_t amr = cpu->spr[MMU_SPR_AMR] >> kshift;
		if (access == ACCESS_STORE ? (amr & 2) : (amr & 1))
			bits |= DSISR_KEY;
	}
	if (bits)
		return mmu_fault(cpu, ea, access, bits, guest_visible);

	/* Reference and change (5.7.8): recorded before the access is performed. */
	uint64_t nr = r | HPTE_R_R | (access == ACCESS_STORE ? HPTE_R_C : 0);
	if (nr != r) {
		pthread_mutex_lock(&cpu->mach->atomic_lock);
		uint64_t cur = hpte_get(&hpt, (uint64_t)idx, 1);
		if (hpte_get(&hpt, (uint64_t)idx, 0) == hv)
			hpte_set(&hpt, (uint64_t)idx, 1, cur | (nr & (HPTE_R_R | HPTE_R_C)));
		pthread_mutex_unlock(&cpu->mach->atomic_lock);
	}

	uint64_t pmask = (1ULL << shift) - 1;
	res->real = ((r & HPTE_R_RPN) & ~pmask) | (ea & pmask);
	res->shift = shift;
	res->key = (avpn << 11) | ((ea >> 12) & 0x7ff);
	return PPC_OK;
}

/*
 * The translations HPTE @idx can have made carry the key (AVPN << 11) | VA bits 41:51 of
 * their 4K unit (hash_xlate). The AVPN is in the HPTE; the VA bits below it that the page
 * number needs are not, but the PTEG index is their hash (ISA 3.0 Book III 5.7.7.3): for
 * a 256M segment hash = VSID ^ (EA offset >> p), for 1T VSID[0:37] ^ (VSID[0:37] << 25) ^
 * (EA offset >> p), the PTEG index is its low bits (inverted for a secondary HPTE), and
 * the low VSID bits are in the AVPN. So (offset >> p) mod 2^11 = (PTEG ^ VSID) mod 2^11:
 * the 11 VA bits of a 4K page, the 7 above the 64K page offset of a 64K page; a 16M page
 * needs none (its AVPN already ends inside the page). An HPT has at least 2^11 PTEGs.
 */
void hpte_tlbi(const struct hpt_view *h, uint64_t idx, uint64_t v, uint64_t r,
	       struct ppc_tlbi *d)
{
	unsigned base, shift = hpte_page_shift(v, r, &base);
	uint64_t b = v >> HPTE_V_SSIZE_SHIFT, gmask = h->nptes / 8 - 1;
	*d = (struct ppc_tlbi){.kind = TLBI_ALL};
	if (!shift || b > 1 || gmask < 0x7ff)
		return; /* nothing hash_xlate uses: be safe */
	uint64_t avpn = (v >> HPTE_V_AVPN_SHIFT) & ((1ULL << 55) - 1);
	uint64_t vsid_lo = b ? avpn >> 17 : avpn >> 5;
	uint64_t pteg = idx / 8;
	if (v & HPTE_V_SECONDARY)
		pteg = ~pteg;
	uint64_t low = (pteg ^ vsid_lo) & 0x7ff; /* (EA offset >> base) mod 2^11 */
	uint64_t vpn = avpn << 11;
	if (base == 12)
		vpn |= low;
	else if (base == 16)
		vpn |= (low & 0x7f) << 4;
	d->kind = TLBI_HASH_VPN;
	d->shift = (uint8_t)shift;
	d->addr = vpn;
}

void hash_papr_hpt_install(struct ppc_machine *m, uint8_t *t, uint64_t *gen, unsigned order)
{
	free(m->papr_hpt);
	free(m->papr_hpt_gen);
	m->papr_hpt = t;
	m->papr_hpt_gen = gen;
	m->papr_hpt_size = 1ULL << order;
	m->papr_hpt_epoch++;
}

int hash_papr_hpt_alloc(struct ppc_machine *m, unsigned order)
{
	if (order < 18 || order > 46 || (uint64_t)(size_t)(1ULL << order) != (1ULL << order))
		return -EINVAL;
	uint8_t *t = calloc(1, (size_t)1 << order);
	uint64_t *gen = calloc((size_t)1 << (order - 4), sizeof(uint64_t));
	if (!t || !gen) {
		free(t);
		free(gen);
		return -ENOMEM;
	}
	pthread_mutex_lock(&m->atomic_lock);
	hash_papr_hpt_install(m, t, gen, order);
	pthread_mutex_unlock(&m->atomic_lock);
	return 0;
}

unsigned hash_papr_hpt_default_order(const struct ppc_machine *m)
{
	uint64_t ram = 0;
	for (unsigned i = 0; i < m->nslots; i++)
		ram += m->slots[i].size;
	unsigned order = 18;
	while (order < 46 && (1ULL << (order + 1)) <= ram / 128)
		order++;
	return order;
}

/* For get_sregs/set_sregs: the slbmte images of entry @i (slbe carries the index). */
void hash_slb_read(const struct ppc_cpu *cpu, unsigned i, uint64_t *slbe, uint64_t *slbv)
{
	if (i >= PPC_SLB_SIZE || !(cpu->slb.e[i].esid & SLB_V)) {
		*slbe = i;
		*slbv = 0;
		return;
	}
	*slbe = cpu->slb.e[i].esid | i;
	*slbv = cpu->slb.e[i].vsid;
}

void hash_slb_clear(struct ppc_cpu *cpu)
{
	memset(&cpu->slb, 0, sizeof(cpu->slb));
	mem_flush_tlb(cpu);
}
