/* SPDX-License-Identifier: MIT */
/*
 * PAPR hcalls on the library-owned HPT and radix setup (PAPR 14.5.4; pseries-machine.md
 * 3): H_ENTER, H_REMOVE, H_READ, H_PROTECT, H_BULK_REMOVE, H_CLEAR_REF, H_CLEAR_MOD,
 * H_REGISTER_PROC_TBL. Only r3 and the documented outputs change. Every change to a
 * valid HPTE drops the translations cached from it, by virtual page (hpte_tlbi), on this
 * vcpu and on all others (broadcast; the hcall returns after they applied it: papr.c),
 * and a cleared or removed C bit is kept in the dirty log.
 */
#include <sched.h>

#include "kvmppc/hcall.h"
#include "lib/kvm_internal.h"
#include "mmu/xlate.h"

#define HPTE_V_CLEAR_ON_ENTER 0x60ULL /* software bits PAPR reserves for the hypervisor */


static void ret(struct kvm_vcpu *v, int64_t rc)
{
	v->cpu.gpr[3] = (uint64_t)rc;
}

/* The VM's HPT, allocated at the default size on first use. */
static bool papr_hpt(struct kvm_vcpu *v, struct hpt_view *h)
{
	struct ppc_machine *m = &v->kvm->mach;
	if (!m->papr_hpt && hash_papr_hpt_alloc(m, hash_papr_hpt_default_order(m)))
		return false;
	return hash_hpt(&v->cpu, h);
}

static void mark_dirty_range(struct ppc_machine *m, uint64_t real, uint64_t size)
{
	for (uint64_t a = real; a < real + size; a += PPC_PAGE_SIZE) {
		struct ppc_memslot *s = physmem_lookup(m, a);
		if (s)
			physmem_mark_dirty(s, a);
	}
}

/* A valid HPTE @ptex of @h, (hv, r) before the change, was changed or removed. */
static void hpte_changed(struct kvm_vcpu *v, const struct hpt_view *h, uint64_t ptex,
			 uint64_t hv, uint64_t r)
{
	struct ppc_tlbi d;
	hpte_tlbi(h, ptex, hv, r, &d);
	tlb_inval_apply(&v->cpu, &d);
	tlb_broadcast_inval(&v->cpu, &d);
	if (r & HPTE_R_C) {
		unsigned base, shift = hpte_page_shift(hv, r, &base);
		if (!shift)
			shift = 12;
		uint64_t size = 1ULL << shift, real = (r & HPTE_R_RPN) & ~(size - 1);
		mark_dirty_range(&v->kvm->mach, real, size);
	}
}

static int h_enter(struct kvm_vcpu *v)
{
	struct ppc_cpu *c = &v->cpu;
	uint64_t flags = c->gpr[4], ptex = c->gpr[5], pteh = c->gpr[6], ptel = c->gpr[7];
	struct hpt_view h;
	if (!papr_hpt(v, &h)) {
		ret(v, H_HARDWARE);
		return PPC_OK;
	}
	unsigned base, shift = hpte_page_shift(pteh, ptel, &base);
	if (ptex >= h.nptes || !shift || (pteh >> HPTE_V_SSIZE_SHIFT) > 1) {
		ret(v, H_PARAMETER);
		return PPC_OK;
	}
	uint64_t real = (ptel & HPTE_R_RPN) & ~((1ULL << shift) - 1);
	if (physmem_lookup(c->mach, real) && (ptel & (HPTE_R_W | HPTE_R_I))) {
		ret(v, H_PARAMETER); /* RAM must be mapped cacheable (QEMU's rule) */
		return PPC_OK;
	}
	pteh &= ~HPTE_V_CLEAR_ON_ENTER;
	pthread_mutex_lock(&c->mach->atomic_lock);
	uint64_t idx = ptex, end = ptex + 1;
	if (!(flags & H_EXACT)) {
		idx = ptex & ~7ULL;
		end = idx + 8;
	}
	while (idx < end && (hpte_get(&h, idx, 0) & HPTE_V_VALID))
		idx++;
	if (idx == end) {
		pthread_mutex_unlock(&c->mach->atomic_lock);
		ret(v, H_PTEG_FULL);
		return PPC_OK;
	}
	hpte_set(&h, idx, 1, ptel);
	hpte_set(&h, idx, 0, pteh);
	hash_papr_hpte_changed(c->mach, idx);
	pthread_mutex_unlock(&c->mach->atomic_lock);
	c->gpr[4] = idx;
	ret(v, H_SUCCESS);
	return PPC_OK;
}

/* Remove HPTE @ptex under the H_REMOVE conditions; 0, H_NOT_FOUND or H_PARAMETER. */
static int64_t remove_one(struct kvm_vcpu *v, const struct hpt_view *h, uint64_t ptex,
			  int avpn_mode, int andcond, uint64_t avpn, uint64_t *ov, uint64_t *orr)
{
	if (ptex >= h->nptes)
		return H_PARAMETER;
	struct ppc_machine *m = &v->kvm->mach;
	pthread_mutex_lock(&m->atomic_lock);
	uint64_t hv = hpte_get(h, ptex, 0), r = hpte_get(h, ptex, 1);
	if (!(hv & HPTE_V_VALID) || (avpn_mode && (hv & ~0x7fULL) != avpn) ||
	    (andcond && (hv & avpn))) {
		pthread_mutex_unlock(&m->atomic_lock);
		return H_NOT_FOUND;
	}
	hpte_set(h, ptex, 0, 0);
	hash_papr_hpte_changed(m, ptex);
	pthread_mutex_unlock(&m->atomic_lock);
	hpte_changed(v, h, ptex, hv, r);
	*ov = hv;
	*orr = r;
	return H_SUCCESS;
}

static int h_remove(struct kvm_vcpu *v)
{
	struct ppc_cpu *c = &v->cpu;
	uint64_t flags = c->gpr[4];
	struct hpt_view h;
	if (!papr_hpt(v, &h)) {
		ret(v, H_HARDWARE);
		return PPC_OK;
	}
	uint64_t ov, orr;
	int64_t rc = remove_one(v, &h, c->gpr[5], !!(flags & H_AVPN), !!(flags & H_ANDCOND),
				c->gpr[6], &ov, &orr);
	if (rc == H_SUCCESS) {
		c->gpr[4] = ov;
		c->gpr[5] = orr;
	}
	ret(v, rc);
	return PPC_OK;
}

static int h_read(struct kvm_vcpu *v)
{
	struct ppc_cpu *c = &v->cpu;
	uint64_t flags = c->gpr[4], ptex = c->gpr[5];
	struct hpt_view h;
	if (!papr_hpt(v, &h)) {
		ret(v, H_HARDWARE);
		return PPC_OK;
	}
	if (ptex >= h.nptes) {
		ret(v, H_PARAMETER);
		return PPC_OK;
	}
	unsigned n = 1;
	if (flags & H_READ_4) {
		ptex &= ~3ULL;
		n = 4;
	}
	uint64_t out[8];
	pthread_mutex_lock(&c->mach->atomic_lock);
	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = hpte_get(&h, ptex + i, 0);
		out[2 * i + 1] = hpte_get(&h, ptex + i, 1);
	}
	pthread_mutex_unlock(&c->mach->atomic_lock);
	for (unsigned i = 0; i < 2 * n; i++)
		c->gpr[4 + i] = out[i];
	ret(v, H_SUCCESS);
	return PPC_OK;
}

static int h_protect(struct kvm_vcpu *v)
{
	struct ppc_cpu *c = &v->cpu;
	uint64_t flags = c->gpr[4], ptex = c->gpr[5], avpn = c->gpr[6];
	struct hpt_view h;
	if (!papr_hpt(v, &h)) {
		ret(v, H_HARDWARE);
		return PPC_OK;
	}
	if (ptex >= h.nptes) {
		ret(v, H_PARAMETER);
		return PPC_OK;
	}
	pthread_mutex_lock(&c->mach->atomic_lock);
	uint64_t hv = hpte_get(&h, ptex, 0), r = hpte_get(&h, ptex, 1);
	if (!(hv & HPTE_V_VALID) || ((flags & H_AVPN) && (hv & ~0x7fULL) != avpn)) {
		pthread_mutex_unlock(&c->mach->atomic_lock);
		ret(v, H_NOT_FOUND);
		return PPC_OK;
	}
	/* flags carry PP1/PP2, N and KEY_LO in their dword-1 places, PP0 as 0x100 and
	 * KEY_HI as 0x3000 (pseries-machine.md 3). */
	uint64_t mask = HPTE_R_PP0 | HPTE_R_KEY | HPTE_R_N | HPTE_R_PP;
	uint64_t nb = (flags & (HPTE_R_KEY_LO | HPTE_R_N | HPTE_R_PP)) |
		      ((flags & 0x100ULL) << 55) | ((flags & 0x3000ULL) << 48);
	hpte_set(&h, ptex, 1, (r & ~mask) | nb);
	hash_papr_hpte_changed(c->mach, ptex);
	pthread_mutex_unlock(&c->mach->atomic_lock);
	hpte_changed(v, &h, ptex, hv, r);
	ret(v, H_SUCCESS);
	return PPC_OK;
}

static int clear_rc(struct kvm_vcpu *v, uint64_t bit)
{
	struct ppc_cpu *c = &v->cpu;
	uint64_t ptex = c->gpr[5];
	struct hpt_view h;
	if (!papr_hpt(v, &h)) {
		ret(v, H_HARDWARE);
		return PPC_OK;
	}
	if (ptex >= h.nptes) {
		ret(v, H_PARAMETER);
		return PPC_OK;
	}
	pthread_mutex_lock(&c->mach->atomic_lock);
	uint64_t hv = hpte_get(&h, ptex, 0), r = hpte_get(&h, ptex, 1);
	if (!(hv & HPTE_V_VALID)) {
		pthread_mutex_unlock(&c->mach->atomic_lock);
		ret(v, H_NOT_FOUND);
		return PPC_OK;
	}
	hpte_set(&h, ptex, 1, r & ~bit);
	hash_papr_hpte_changed(c->mach, ptex);
	pthread_mutex_unlock(&c->mach->atomic_lock);
	/* The translations cached with R/C set must go, so the next access sets them again. */
	hpte_changed(v, &h, ptex, hv, r);
	c->gpr[4] = r; /* the previous second doubleword */
	ret(v, H_SUCCESS);
	return PPC_OK;
}

static int h_clear_ref(struct kvm_vcpu *v)
{
	return clear_rc(v, HPTE_R_R);
}

static int h_clear_mod(struct kvm_vcpu *v)
{
	return clear_rc(v, HPTE_R_C);
}

static int h_bulk_remove(struct kvm_vcpu *v)
{
	struct ppc_cpu *c = &v->cpu;
	struct hpt_view h;
	if (!papr_hpt(v, &h)) {
		ret(v, H_HARDWARE);
		return PPC_OK;
	}
	int64_t rc = H_SUCCESS;
	for (unsigned i = 0; i < H_BULK_REMOVE_MAX_BATCH; i++) {
		uint64_t tsh = c->gpr[4 + 2 * i], avpn = c->gpr[5 + 2 * i];
		uint64_t type = tsh & H_BULK_REMOVE_TYPE;
		if (type == H_BULK_REMOVE_END)
			break;
		if (type != H_BULK_REMOVE_REQUEST) {
			rc = H_PARAMETER;
			break;
		}
		uint64_t fl = tsh & H_BULK_REMOVE_FLAGS, code, ov = 0, orr = 0;
		if (fl == H_BULK_REMOVE_FLAGS) {
			code = H_BULK_REMOVE_PARM;
		} else {
			int64_t r1 = remove_one(v, &h, tsh & H_BULK_REMOVE_PTEX,
						fl == H_BULK_REMOVE_AVPN, fl == H_BULK_REMOVE_ANDCOND,
						avpn, &ov, &orr);
			code = r1 == H_SUCCESS ? H_BULK_REMOVE_SUCCESS
			       : r1 == H_NOT_FOUND ? H_BULK_REMOVE_NOT_FOUND : H_BULK_REMOVE_PARM;
			if (r1 == H_PARAMETER)
				rc = H_PARAMETER;
		}
		tsh = (tsh & ~(H_BULK_REMOVE_TYPE | H_BULK_REMOVE_CODE | H_BULK_REMOVE_RC)) |
		      H_BULK_REMOVE_RESPONSE | code;
		if (code == H_BULK_REMOVE_SUCCESS)
			tsh |= (orr & (HPTE_R_R | HPTE_R_C)) << (H_BULK_REMOVE_RC_SHIFT - 7);
		c->gpr[4 + 2 * i] = tsh;
	}
	ret(v, rc);
	return PPC_OK;
}

/* H_REGISTER_PROC_TBL(flags, base, page_size, table_size): radix or HPT for the whole
 * partition, and the process table (PATE dw1 = base | size | GR). */
static int h_register_proc_tbl(struct kvm_vcpu *v)
{
	struct ppc_cpu *c = &v->cpu;
	struct ppc_machine *m = &v->kvm->mach;
	uint64_t flags = c->gpr[4], base = c->gpr[5], tsize = c->gpr[7];
	if (c->isa < PPC_ISA_300) {
		ret(v, H_FUNCTION);
		return PPC_OK;
	}
	uint64_t op = flags & PROC_TABLE_OP_MASK, type = flags & PROC_TABLE_TYPE_MASK;
	if (flags & ~(uint64_t)(PROC_TABLE_OP_MASK | PROC_TABLE_TYPE_MASK | PROC_TABLE_GTSE)) {
		ret(v, H_PARAMETER);
		return PPC_OK;
	}
	if (op == 0) {
		ret(v, H_SUCCESS);
		return PPC_OK;
	}
	if (op == PROC_TABLE_DEREG) {
		m->process_table = 0;
		m->radix = false;
		m->gtse = false;
	} else if (op == PROC_TABLE_NEW) {
		if (type == PROC_TABLE_HPT_PT || type == PROC_TABLE_TYPE_MASK || tsize > 24 ||
		    (base & 0xfff) || (base >> 60)) {
			ret(v, H_PARAMETER);
			return PPC_OK;
		}
		bool radix = type == PROC_TABLE_RADIX;
		m->process_table = base | tsize | (radix ? 1ULL << 63 : 0);
		m->radix = radix;
		m->gtse = (flags & PROC_TABLE_GTSE) != 0;
	} else {
		ret(v, H_PARAMETER);
		return PPC_OK;
	}
	mem_flush_tlb(c);
	tlb_broadcast(c);
	ret(v, H_SUCCESS);
	return PPC_OK;
}

const struct papr_hcall_def papr_mmu_hcalls[] = {
	{H_REMOVE, "H_REMOVE", h_remove},
	{H_ENTER, "H_ENTER", h_enter},
	{H_READ, "H_READ", h_read},
	{H_CLEAR_MOD, "H_CLEAR_MOD", h_clear_mod},
	{H_CLEAR_REF, "H_CLEAR_REF", h_clear_ref},
	{H_PROTECT, "H_PROTECT", h_protect},
	{H_BULK_REMOVE, "H_BULK_REMOVE", h_bulk_remove},
	{H_REGISTER_PROC_TBL, "H_REGISTER_PROC_TBL", h_register_proc_tbl},
	{0, NULL, NULL},
};

/* mach->hooks->broadcast_tlb_inval: every other vcpu drops what @d names before its next
 * instruction block (the queue is emptied by the run loop, check_requests, or when the
 * vcpu next enters cpu_run); the descriptors are queued first, then a new invalidation
 * generation is published, then the vcpus are told, and this vcpu's next tlbsync waits
 * for that generation (mmu/tlb.c says why in this order).
 * Vcpu context: the list is stable. */
void kvmppc_broadcast_tlb_inval(struct ppc_cpu *from, const struct ppc_tlbi *d)
{
	struct kvm *kvm = from->mach->opaque;
	if (!kvm)
		return;
	for (unsigned i = 0; i < kvm->nvcpus; i++) {
		struct ppc_cpu *c = &kvm->vcpus[i]->cpu;
		if (c != from)
			tlb_queue_inval(c, d);
	}
	from->inval_wait = atomic_fetch_add(&kvm->mach.inval_gen, 1) + 1;
	for (unsigned i = 0; i < kvm->nvcpus; i++) {
		struct ppc_cpu *c = &kvm->vcpus[i]->cpu;
		if (c != from)
			atomic_fetch_or(&c->attention, ATTN_TLB_INVAL);
	}
}

/* mach->hooks->tlb_sync: wait until every other vcpu acknowledged generation
 * from->inval_wait or is outside cpu_run. Running vcpus reach a block boundary in
 * bounded time (or leave cpu_run: kick, map change, exit, H_CEDE), and this vcpu applies
 * requests aimed at it while it waits, so no timeout is needed and two vcpus waiting
 * for each other both go on. Called with no lock but the map lock (read) held. */
void kvmppc_tlb_sync(struct ppc_cpu *from)
{
	struct kvm *kvm = from->mach->opaque;
	uint64_t g = from->inval_wait;
	if (!kvm || !g)
		return;
	for (unsigned i = 0; i < kvm->nvcpus; i++) {
		struct ppc_cpu *c = &kvm->vcpus[i]->cpu;
		if (c == from)
			continue;
		while (atomic_load(&c->inval_running) && atomic_load(&c->inval_ack) < g) {
			tlb_remote_ack(from);
			sched_yield();
		}
	}
}
