/* SPDX-License-Identifier: MIT */
/*
 * The per-vcpu soft TLB: effective page -> host page, one direct-mapped array per access
 * kind. Entries carry their translation context (MSR IR/DR, PR, HV) in the tag, so an
 * MSR change only selects other entries (cpu_set_msr -> mem_set_context -> tlb_retag) and
 * a hit in mem_load/mem_store is one compare and one add. PIDR/LPIDR, SDR1, PTCR, LPCR[HR]
 * and memslot changes flush (mtspr, mem_fetch_page's revalidation). Only this vcpu's thread
 * touches its TLB; other threads send it requests: ATTN_TLB_FLUSH asks for a whole flush
 * (KVM_REQ_TLB_FLUSH: flush_all_vcpus, lib/ops.c; memslot changes), ATTN_TLB_INVAL says
 * invalidations were queued in cpu->inval_q (tlb_broadcast_inval: global tlbie, the HPT
 * hcalls), both taken at the vcpu's next block boundary by tlb_remote_ack.
 *
 * Remote invalidation (ISA 3.0 Book III 5.10.1, tlbie/tlbsync): a broadcast first queues
 * its descriptor (struct ppc_tlbi) on every other vcpu, then bumps the machine's
 * inval_gen, then sets ATTN_TLB_INVAL on them. A vcpu applying requests takes the flags,
 * reads inval_gen, empties its queue, applies what it took (the same tlb_inval_apply the
 * sender used on itself, evaluated against the receiver's own PIDR), and records the
 * generation it read in inval_ack. Safe: every broadcast that generation counts had
 * queued its descriptor before the bump, so it was taken. Live: the flag is set after
 * the bump, so the vcpu that takes it reads a generation that counts the broadcast (a
 * flag set before the bump could be taken, and acknowledged with an older generation,
 * before the bump: the sender's tlbsync would wait forever). tlbsync waits until every
 * other vcpu has acknowledged the broadcaster's generation or is outside cpu_run (it
 * enters only through tlb_set_running, which applies pending requests first); the waiter
 * applies its own requests while it waits, so two vcpus in tlbsync do not wait for each
 * other. A full queue degrades to a whole flush, never to a lost invalidation.
 */
#include <string.h>

#include "mmu/xlate.h"

#define TAG_RELOC 2ULL /* tag bit: the entry was made with relocation on */

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
	cpu->tlb.seg_bloom = 0;
	cpu->tlb.seg1t_bloom = 0;
	cpu->tlb.ea2m_bloom = 0;
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
	if (ctx & TAG_RELOC) {
		cpu->tlb.seg_bloom |= 1ULL << ((ea >> 28) & 63);
		cpu->tlb.seg1t_bloom |= 1ULL << ((ea >> 40) & 63);
		cpu->tlb.ea2m_bloom |= 1ULL << ((ea >> 21) & 63);
	}
}

static bool entry_live(const struct ppc_cpu *cpu, const struct ppc_tlb_entry *e)
{
	return e->tag && (uint8_t)(e->tag >> 4) == cpu->tlb.epoch;
}

static void rebuild_bloom(struct ppc_cpu *cpu)
{
	struct ppc_tlb_entry *arrs[3] = {cpu->tlb.load, cpu->tlb.store, cpu->tlb.fetch};
	uint64_t b = 0, b1t = 0, b2m = 0;
	for (int a = 0; a < 3; a++)
		for (unsigned i = 0; i < PPC_TLB_SIZE; i++) {
			const struct ppc_tlb_entry *e = &arrs[a][i];
			if (entry_live(cpu, e) && (e->tag & TAG_RELOC)) {
				b |= 1ULL << ((e->tag >> 28) & 63);
				b1t |= 1ULL << ((e->tag >> 40) & 63);
				b2m |= 1ULL << ((e->tag >> 21) & 63);
			}
		}
	cpu->tlb.seg_bloom = b;
	cpu->tlb.seg1t_bloom = b1t;
	cpu->tlb.ea2m_bloom = b2m;
}

/* May a relocated entry lie in the 2M units [@unit, @unit + @n) (EA >> 21)? */
static bool units_maybe(const struct ppc_cpu *cpu, uint64_t unit, uint64_t n)
{
	if (n >= 64)
		return cpu->tlb.ea2m_bloom != 0;
	uint64_t m = (1ULL << n) - 1;
	unsigned r = (unsigned)(unit & 63);
	m = r ? (m << r) | (m >> (64 - r)) : m; /* units wrap around the 64 bits */
	return (cpu->tlb.ea2m_bloom & m) != 0;
}

/* slbie, slbmte over a valid entry: the relocated entries of the 2^@shift-byte segment at
 * @base. One test when the segment summary says no entry can be from it; otherwise a
 * scan that also rebuilds the summary. */
void tlb_flush_segment(struct ppc_cpu *cpu, uint64_t base, unsigned shift)
{
	uint64_t bit = shift >= 40 ? (cpu->tlb.seg1t_bloom >> ((base >> 40) & 63)) & 1
				   : (cpu->tlb.seg_bloom >> ((base >> 28) & 63)) & 1;
	if (!bit)
		return;
	uint64_t m = ~((1ULL << shift) - 1);
	struct ppc_tlb_entry *arrs[3] = {cpu->tlb.load, cpu->tlb.store, cpu->tlb.fetch};
	for (int a = 0; a < 3; a++)
		for (unsigned i = 0; i < PPC_TLB_SIZE; i++) {
			struct ppc_tlb_entry *e = &arrs[a][i];
			if ((e->tag & TAG_RELOC) && (e->tag & m) == (base & m))
				memset(e, 0, sizeof(*e));
		}
	rebuild_bloom(cpu);
}

/* Hash tlbie/tlbiel by virtual page: relocated entries whose key (VA >> 12) agrees with
 * @vpn in its low 52 bits (all RB holds) outside the low @shift - 12 bits (the page).
 * The TLB index of an entry is its VPN's low 8 bits (EA and VA agree below the segment
 * size), so a 4K or 64K page is a probe of its own slots. */
void tlb_flush_vpn(struct ppc_cpu *cpu, uint64_t vpn, unsigned shift)
{
	uint64_t n = 1ULL << (shift - PPC_PAGE_SHIFT);
	uint64_t m = ((1ULL << 52) - 1) & ~(n - 1);
	vpn &= m;
	struct ppc_tlb_entry *arrs[3] = {cpu->tlb.load, cpu->tlb.store, cpu->tlb.fetch};
	if (n <= PPC_TLB_SIZE / 4) {
		for (uint64_t p = 0; p < n; p++)
			for (int a = 0; a < 3; a++) {
				struct ppc_tlb_entry *e = &arrs[a][(vpn + p) & (PPC_TLB_SIZE - 1)];
				if ((e->tag & TAG_RELOC) && ((e->key & m) == vpn))
					memset(e, 0, sizeof(*e));
			}
		return;
	}
	/* A large page: VA and EA agree below the segment size, so the 2M units the page
	 * covers are those of its VPN (a 16M page: 8 bits of the summary to test). */
	if (!units_maybe(cpu, vpn >> 9, n >> 9))
		return;
	for (int a = 0; a < 3; a++)
		for (unsigned i = 0; i < PPC_TLB_SIZE; i++) {
			struct ppc_tlb_entry *e = &arrs[a][i];
			if ((e->tag & TAG_RELOC) && ((e->key & m) == vpn))
				memset(e, 0, sizeof(*e));
		}
}

/* Radix tlbie of one page of 2^@shift bytes at @epn: its relocated entries. */
void tlb_flush_page_reloc(struct ppc_cpu *cpu, uint64_t epn, unsigned shift)
{
	uint64_t n = 1ULL << (shift - PPC_PAGE_SHIFT);
	struct ppc_tlb_entry *arrs[3] = {cpu->tlb.load, cpu->tlb.store, cpu->tlb.fetch};
	if (n <= PPC_TLB_SIZE / 4) {
		for (uint64_t p = 0; p < n; p++)
			for (int a = 0; a < 3; a++) {
				uint64_t pg = epn + (p << PPC_PAGE_SHIFT);
				struct ppc_tlb_entry *e = &arrs[a][(pg >> PPC_PAGE_SHIFT) & (PPC_TLB_SIZE - 1)];
				if ((e->tag & TAG_RELOC) && (e->tag & ~(PPC_PAGE_SIZE - 1)) == pg)
					memset(e, 0, sizeof(*e));
			}
		return;
	}
	if (!units_maybe(cpu, epn >> 21, n >> 9))
		return;
	uint64_t m = ~((1ULL << shift) - 1);
	for (int a = 0; a < 3; a++)
		for (unsigned i = 0; i < PPC_TLB_SIZE; i++) {
			struct ppc_tlb_entry *e = &arrs[a][i];
			if ((e->tag & TAG_RELOC) && (e->tag & m) == epn)
				memset(e, 0, sizeof(*e));
		}
}

/* Radix tlbie IS=1 (by PID) for the PID this vcpu uses: the relocated entries of
 * quadrant 0 (@q0, translated with PIDR) and/or quadrant 3 (@q3, translated with PID 0). */
void tlb_flush_quadrants(struct ppc_cpu *cpu, bool q0, bool q3)
{
	struct ppc_tlb_entry *arrs[3] = {cpu->tlb.load, cpu->tlb.store, cpu->tlb.fetch};
	for (int a = 0; a < 3; a++)
		for (unsigned i = 0; i < PPC_TLB_SIZE; i++) {
			struct ppc_tlb_entry *e = &arrs[a][i];
			if (!(e->tag & TAG_RELOC))
				continue;
			bool is3 = (e->tag >> 62) == 3;
			if (is3 ? q3 : q0)
				memset(e, 0, sizeof(*e));
		}
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

/* The PID of quadrant 0 a radix descriptor is compared with. The entries this vcpu holds
 * were filled under tlb.mmu_regs' PIDR, or under the SPR after an mtspr whose flush is
 * still due at the next block fetch (mem_fetch_page): a PID naming either one names
 * cached entries. Dropping more than named is always allowed; less never. */
static bool pid_cached(const struct ppc_cpu *cpu, uint64_t pid)
{
	return pid == (cpu->spr[MMU_SPR_PIDR] & 0xffffffffULL) ||
	       pid == (cpu->tlb.mmu_regs[0] & 0xffffffffULL);
}

void tlb_inval_apply(struct ppc_cpu *cpu, const struct ppc_tlbi *d)
{
	switch (d->kind) {
	case TLBI_HASH_VPN:
		tlb_flush_vpn(cpu, d->addr, d->shift);
		return;
	case TLBI_RADIX_PAGE:
		/* quadrant 3 is translated with PID 0, quadrant 0 with PIDR (ISA 3.0 Book III
		 * 5.7.6): the page is cached only if the PID named is the one its quadrant uses */
		if ((d->addr >> 62) == 3 ? d->pid == 0 : pid_cached(cpu, d->pid))
			tlb_flush_page_reloc(cpu, d->addr, d->shift);
		return;
	case TLBI_RADIX_PID: {
		bool q0 = pid_cached(cpu, d->pid), q3 = d->pid == 0;
		if (q0 || q3)
			tlb_flush_quadrants(cpu, q0, q3);
		return;
	}
	default:
		mem_flush_tlb(cpu);
		return;
	}
}

void tlb_queue_inval(struct ppc_cpu *to, const struct ppc_tlbi *d)
{
	struct ppc_tlbi_queue *q = &to->inval_q;
	pthread_mutex_lock(&q->lock);
	if (d->kind == TLBI_ALL || q->n == PPC_TLBI_QUEUE)
		q->all = true;
	else if (!q->all)
		q->e[q->n++] = *d;
	pthread_mutex_unlock(&q->lock);
}

void tlb_broadcast_inval(struct ppc_cpu *cpu, const struct ppc_tlbi *d)
{
	const struct ppc_machine_hooks *h = cpu->mach ? cpu->mach->hooks : NULL;
	if (h && h->broadcast_tlb_inval)
		h->broadcast_tlb_inval(cpu, d);
}

void tlb_broadcast(struct ppc_cpu *cpu)
{
	const struct ppc_tlbi all = {.kind = TLBI_ALL};
	tlb_broadcast_inval(cpu, &all);
}

void tlb_sync(struct ppc_cpu *cpu)
{
	const struct ppc_machine_hooks *h = cpu->mach ? cpu->mach->hooks : NULL;
	if (cpu->inval_wait && h && h->tlb_sync)
		h->tlb_sync(cpu);
	cpu->inval_wait = 0;
}

void tlb_remote_ack(struct ppc_cpu *cpu)
{
	uint32_t a = atomic_fetch_and(&cpu->attention, ~ATTN_TLB_REMOTE);
	if (!(a & ATTN_TLB_REMOTE))
		return;
	/* The generation is read after the request was taken and before the queue is
	 * emptied: every broadcast it counts queued its descriptor before it was published
	 * (and had changed its PTEs before that). */
	uint64_t g = cpu->mach ? atomic_load(&cpu->mach->inval_gen) : 0;
	struct ppc_tlbi_queue *q = &cpu->inval_q;
	struct ppc_tlbi took[PPC_TLBI_QUEUE];
	bool all = (a & ATTN_TLB_FLUSH) != 0;
	unsigned n = 0;
	if (cpu->mach) { /* only a vcpu of a machine can have been sent anything */
		pthread_mutex_lock(&q->lock);
		all |= q->all;
		n = all ? 0 : q->n;
		memcpy(took, q->e, n * sizeof(took[0]));
		q->n = 0;
		q->all = false;
		pthread_mutex_unlock(&q->lock);
	}
	if (all)
		mem_flush_tlb(cpu);
	for (unsigned i = 0; i < n; i++)
		tlb_inval_apply(cpu, &took[i]);
	atomic_store(&cpu->inval_ack, g);
}

void tlb_set_running(struct ppc_cpu *cpu, int on)
{
	/* Sequentially consistent: a waiter that saw inval_running = 0 had set its
	 * ATTN_TLB_INVAL before, so the tlb_remote_ack below sees it. */
	atomic_store(&cpu->inval_running, on);
	if (on)
		tlb_remote_ack(cpu);
}
