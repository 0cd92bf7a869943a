/* SPDX-License-Identifier: MIT */
/*
 * PAPR hypercalls (`sc 1` from a PAPR guest in supervisor state). An hcall that is
 * implemented in the library and enabled for the VM is handled here; every other one
 * leaves vcpu_run with KVM_EXIT_PAPR_HCALL (nr = r3, args = r4..r12) for the VMM.
 */
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "lib/kvm_internal.h"
#include "mmu/xlate.h"
#include "mmu/byteorder.h"
#include "spr/spr.h"

/* ---- helpers ---- */


#define LPCR_ILE (1ULL << 25)          /* LPCR bit 38 (ISA 3.0 Book III 2.2) */
#define LPCR_AIL_SHIFT 23              /* LPCR bits 39:40 */
#define LPCR_AIL_MASK (3ULL << LPCR_AIL_SHIFT)

#define DABRX_USER 1ULL
#define DABRX_KERNEL 2ULL
#define DABRX_HYP 4ULL
#define DABRX_BTI 8ULL
#define CIABR_PRIV_MASK 3ULL
#define CIABR_PRIV_HYPER 3ULL

/* VPA layout (PAPR 14.11.1.1; big-endian): size (u16) at 4, the dispatch ("yield")
 * counter (u32) at 0x100. The DTL and SLB shadow carry a u32 length at 4. */
#define VPA_SIZE_OFFSET 4
#define VPA_MIN_SIZE 640
#define VPA_YIELD_COUNT_OFFSET 0x100
#define CACHE_LINE 128

static inline uint64_t *reg(struct kvm_vcpu *vcpu, int n)
{
	return &vcpu->cpu.gpr[n];
}

static inline int ret(struct kvm_vcpu *vcpu, int64_t status)
{
	vcpu->cpu.gpr[3] = (uint64_t)status;
	return PPC_OK;
}

/*
 * Host address of [@gpa, @gpa + @len) when it lies inside one memslot, else NULL. A
 * write to a read-only slot is refused and a write is recorded in the dirty log. The
 * caller runs inside vcpu_run, which holds the map lock for reading.
 */
static uint8_t *guest_real(struct kvm *kvm, uint64_t gpa, uint64_t len, bool write)
{
	struct ppc_memslot *s = physmem_lookup(&kvm->mach, gpa);
	if (!s || len > s->size - (gpa - s->gpa))
		return NULL;
	if (write) {
		if (s->flags & KVM_MEM_READONLY)
			return NULL;
		for (uint64_t pg = gpa & ~(PPC_PAGE_SIZE - 1); pg < gpa + len; pg += PPC_PAGE_SIZE)
			physmem_mark_dirty(s, pg);
	}
	return s->host + (gpa - s->gpa);
}

/* In vcpu context (an hcall): the caller holds the map lock for reading, under which the
 * vcpu list cannot change (kvm_map_write_lock). kvm->lock must not be taken here: a VM
 * ioctl may hold it while it waits for this vcpu to step out. */
static struct kvm_vcpu *vcpu_by_id(struct kvm *kvm, uint64_t id)
{
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		if (kvm->vcpus[i]->vcpu_id == id)
			return kvm->vcpus[i];
	return NULL;
}

/* ---- H_CEDE, H_PROD, H_CONFER (PAPR 14.5.4.3) ---- */

/*
 * H_CEDE: enable external interrupts and give the processor up until an interrupt is
 * pending or the vcpu is prodded or kicked. The wait happens in vcpu_run, outside the
 * memory-map lock (a ceded vcpu must not block KVM_SET_USER_MEMORY_REGION): this
 * handler only marks the vcpu and leaves cpu_run with an internal exit.
 */
static int h_cede(struct kvm_vcpu *vcpu)
{
	struct ppc_cpu *c = &vcpu->cpu;
	cpu_set_msr(c, c->msr | MSR_EE);
	c->gpr[3] = H_SUCCESS; /* PR leaves r3 alone (a v5.4 quirk); HV and PAPR say SUCCESS */
	if (atomic_exchange(&vcpu->prodded, false))
		return PPC_OK;
	vcpu->ceded = true;
	c->run->exit_reason = KVM_EXIT_HLT; /* internal: vcpu_run waits and goes on */
	return PPC_EXIT;
}

static int h_prod(struct kvm_vcpu *vcpu)
{
	struct kvm_vcpu *t = vcpu_by_id(vcpu->kvm, *reg(vcpu, 4));
	if (!t)
		return ret(vcpu, H_PARAMETER);
	atomic_store(&t->prodded, true);
	vcpu->kvm->ops->fast_vcpu_kick(t);
	return ret(vcpu, H_SUCCESS);
}

/* H_CONFER: the host thread yields; there is no dispatcher to hand the time to. */
static int h_confer(struct kvm_vcpu *vcpu)
{
	int64_t target = (int64_t)*reg(vcpu, 4);
	if (target != -1 && target != (int64_t)vcpu->vcpu_id && !vcpu_by_id(vcpu->kvm, (uint64_t)target))
		return ret(vcpu, H_PARAMETER);
	sched_yield();
	return ret(vcpu, H_SUCCESS);
}

/* ---- H_SET_MODE (PAPR 14.5.4.3.29) ---- */

/* LPCR[ILE] and LPCR[AIL] are partition-wide: apply to every vcpu of the VM. Other
 * vcpus are stopped when a guest makes this call (early boot); the values are plain
 * stores picked up at their next interrupt. */
static void set_partition_lpcr(struct kvm *kvm, uint64_t mask, uint64_t bits)
{
	for (unsigned i = 0; i < kvm->nvcpus; i++) { /* map lock held: see vcpu_by_id */
		struct ppc_cpu *c = &kvm->vcpus[i]->cpu;
		uint64_t lpcr = 0;
		(void)spr_get(c, SPR_LPCR, &lpcr);
		(void)spr_set(c, SPR_LPCR, (lpcr & ~mask) | bits); /* the hook updates ILE/AIL */
	}
}

static int h_set_mode(struct kvm_vcpu *vcpu)
{
	uint64_t mflags = *reg(vcpu, 4), resource = *reg(vcpu, 5);
	uint64_t value1 = *reg(vcpu, 6), value2 = *reg(vcpu, 7);
	struct ppc_cpu *c = &vcpu->cpu;
	switch (resource) {
	case H_SET_MODE_RESOURCE_SET_CIABR:
		if (mflags)
			return ret(vcpu, H_UNSUPPORTED_FLAG_START);
		if (value2)
			return ret(vcpu, H_P4);
		if ((value1 & CIABR_PRIV_MASK) == CIABR_PRIV_HYPER)
			return ret(vcpu, H_P3); /* a guest cannot break on hypervisor code */
		(void)spr_set(c, SPR_CIABR, value1);
		return ret(vcpu, H_SUCCESS);
	case H_SET_MODE_RESOURCE_SET_DAWR:
		if (mflags)
			return ret(vcpu, H_UNSUPPORTED_FLAG_START);
		if (value2 & DABRX_HYP)
			return ret(vcpu, H_P4);
		(void)spr_set(c, SPR_DAWR0, value1);
		(void)spr_set(c, SPR_DAWRX0, value2);
		return ret(vcpu, H_SUCCESS);
	case H_SET_MODE_RESOURCE_ADDR_TRANS_MODE:
		/* mflags = AIL: 0 none, 2 (0x18000 offset), 3 (0xc000000000004000); 1 reserved */
		if (value1)
			return ret(vcpu, H_P3);
		if (value2)
			return ret(vcpu, H_P4);
		if (mflags == 1 || mflags > 3)
			return ret(vcpu, H_UNSUPPORTED_FLAG_START);
		set_partition_lpcr(vcpu->kvm, LPCR_AIL_MASK, mflags << LPCR_AIL_SHIFT);
		return ret(vcpu, H_SUCCESS);
	case H_SET_MODE_RESOURCE_LE:
		/* mflags = 0 big-endian, 1 little-endian interrupts (LPCR[ILE]) */
		if (value1)
			return ret(vcpu, H_P3);
		if (value2)
			return ret(vcpu, H_P4);
		if (mflags > H_SET_MODE_ENDIAN_LITTLE)
			return ret(vcpu, H_UNSUPPORTED_FLAG_START);
		set_partition_lpcr(vcpu->kvm, LPCR_ILE, mflags ? LPCR_ILE : 0);
		return ret(vcpu, H_SUCCESS);
	default:
		return ret(vcpu, H_P2);
	}
}

/* ---- breakpoints and SPRG0 ---- */

static int h_set_dabr(struct kvm_vcpu *vcpu)
{
	(void)spr_set(&vcpu->cpu, SPR_DABR, *reg(vcpu, 4));
	(void)spr_set(&vcpu->cpu, SPR_DABRX, DABRX_USER | DABRX_KERNEL);
	return ret(vcpu, H_SUCCESS);
}

static int h_set_xdabr(struct kvm_vcpu *vcpu)
{
	uint64_t dabrx = *reg(vcpu, 5);
	if (!(dabrx & (DABRX_USER | DABRX_KERNEL)) ||
	    (dabrx & ~(DABRX_USER | DABRX_KERNEL | DABRX_BTI)))
		return ret(vcpu, H_PARAMETER);
	(void)spr_set(&vcpu->cpu, SPR_DABR, *reg(vcpu, 4));
	(void)spr_set(&vcpu->cpu, SPR_DABRX, dabrx);
	return ret(vcpu, H_SUCCESS);
}

static int h_set_sprg0(struct kvm_vcpu *vcpu)
{
	(void)spr_set(&vcpu->cpu, SPR_SPRG0, *reg(vcpu, 4));
	return ret(vcpu, H_SUCCESS);
}

/* ---- H_REGISTER_VPA (PAPR 14.11.3.2) ---- */

static int h_register_vpa(struct kvm_vcpu *vcpu)
{
	uint64_t flags = *reg(vcpu, 4), addr = *reg(vcpu, 6);
	uint64_t func = (flags >> H_VPA_FUNC_SHIFT) & H_VPA_FUNC_MASK;
	struct kvm_vcpu *t = vcpu_by_id(vcpu->kvm, *reg(vcpu, 5));
	if (!t)
		return ret(vcpu, H_PARAMETER);
	uint64_t len = 0;
	if (func >= H_VPA_REG_VPA && func <= H_VPA_REG_SLB) {
		if (!addr || (addr & (CACHE_LINE - 1)))
			return ret(vcpu, H_PARAMETER);
		const uint8_t *p = guest_real(vcpu->kvm, addr, 8, false);
		if (!p)
			return ret(vcpu, H_PARAMETER);
		len = func == H_VPA_REG_VPA ? ld_be(p + VPA_SIZE_OFFSET, 2)
					    : ld_be32(p + VPA_SIZE_OFFSET);
		if (!guest_real(vcpu->kvm, addr, len, true))
			return ret(vcpu, H_PARAMETER);
	}
	switch (func) {
	case H_VPA_REG_VPA:
		if (len < VPA_MIN_SIZE)
			return ret(vcpu, H_PARAMETER);
		t->cpu.vpa_addr = addr;
		break;
	case H_VPA_REG_DTL:
	case H_VPA_REG_SLB:
		if (!t->cpu.vpa_addr)
			return ret(vcpu, H_RESOURCE);
		if (func == H_VPA_REG_DTL) {
			t->cpu.vpa_dtl[0] = addr;
			t->cpu.vpa_dtl[1] = len;
		} else {
			t->cpu.vpa_slb[0] = addr;
			t->cpu.vpa_slb[1] = len;
		}
		break;
	case H_VPA_DEREG_VPA:
		if (t->cpu.vpa_dtl[0] || t->cpu.vpa_slb[0])
			return ret(vcpu, H_RESOURCE); /* the others must go first (PAPR) */
		t->cpu.vpa_addr = 0;
		break;
	case H_VPA_DEREG_DTL:
		t->cpu.vpa_dtl[0] = t->cpu.vpa_dtl[1] = 0;
		break;
	case H_VPA_DEREG_SLB:
		t->cpu.vpa_slb[0] = t->cpu.vpa_slb[1] = 0;
		break;
	default:
		return ret(vcpu, H_PARAMETER);
	}
	return ret(vcpu, H_SUCCESS);
}

void papr_vpa_dispatch(struct kvm_vcpu *vcpu)
{
	/* The dispatch counter is even while the vcpu runs and odd while it does not: one
	 * increment on entry and one on exit (PAPR 14.11.1.1, "yield count"). */
	if (!vcpu->cpu.vpa_addr)
		return;
	pthread_rwlock_rdlock(&vcpu->kvm->mach.map_lock);
	uint8_t *p = guest_real(vcpu->kvm, vcpu->cpu.vpa_addr + VPA_YIELD_COUNT_OFFSET, 4, true);
	if (p)
		st_be32(p, ld_be32(p) + 1);
	pthread_rwlock_unlock(&vcpu->kvm->mach.map_lock);
}

/* ---- H_PAGE_INIT (PAPR 14.5.4.3.5) ---- */

static int h_page_init(struct kvm_vcpu *vcpu)
{
	uint64_t flags = *reg(vcpu, 4), dest = *reg(vcpu, 5), src = *reg(vcpu, 6);
	if ((dest | src) & (PPC_PAGE_SIZE - 1))
		return ret(vcpu, H_PARAMETER);
	uint8_t *d = guest_real(vcpu->kvm, dest, PPC_PAGE_SIZE, true);
	if (!d)
		return ret(vcpu, H_PARAMETER);
	if (flags & H_COPY_PAGE) {
		const uint8_t *s = guest_real(vcpu->kvm, src, PPC_PAGE_SIZE, false);
		if (!s)
			return ret(vcpu, H_PARAMETER);
		memmove(d, s, PPC_PAGE_SIZE);
	} else if (flags & H_ZERO_PAGE) {
		memset(d, 0, PPC_PAGE_SIZE);
	}
	/* The icache-flush and CMO flags need nothing: predecoded code is validated by word. */
	return ret(vcpu, H_SUCCESS);
}

/* ---- H_RANDOM (PAPR 14.5.4.8.1) ---- */

static int h_random(struct kvm_vcpu *vcpu)
{
	uint8_t b[8];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, b, sizeof(b)) : -1;
	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)sizeof(b))
		return ret(vcpu, H_HARDWARE);
	*reg(vcpu, 4) = ld_be64(b);
	return ret(vcpu, H_SUCCESS);
}

/* ---- H_GET_CPU_CHARACTERISTICS ---- */

/*
 * An interpreter does not speculate: report that no flush or barrier is needed, so the
 * guest patches out the L1D flushes (ori 30,30,0 / mtspr TRIG2), the count-cache flush
 * (bcctr 2,0) and the STF barrier, as it would on fixed hardware.
 */
void papr_cpu_characteristics(uint64_t *character, uint64_t *behaviour)
{
	*character = H_CPU_CHAR_L1D_THREAD_PRIV | H_CPU_CHAR_COUNT_CACHE_DISABLED |
		     H_CPU_CHAR_BCCTRL_SERIALISED;
	*behaviour = H_CPU_BEHAV_NO_L1D_FLUSH_ENTRY | H_CPU_BEHAV_NO_L1D_FLUSH_UACCESS |
		     H_CPU_BEHAV_NO_STF_BARRIER;
}

static int h_get_cpu_characteristics(struct kvm_vcpu *vcpu)
{
	papr_cpu_characteristics(reg(vcpu, 4), reg(vcpu, 5));
	return ret(vcpu, H_SUCCESS);
}

/* ---- H_LOGICAL_CI_LOAD / H_LOGICAL_CI_STORE ---- */

/*
 * r4 = size (1, 2, 4, 8), r5 = real address (r6 = value): a cache-inhibited access for
 * a guest that runs with translation on (PAPR 14.5.4.9, e.g. Linux's early udbg). As in
 * KVM, the hypervisor serves them only for its own MMIO devices and leaves every other
 * address to the VMM; the library has no devices of its own, so enabling them (as QEMU
 * does with KVM_CAP_PPC_ENABLE_HCALL) is accepted and each call still reaches the VMM
 * (tools/kvmppc-run serves RAM).
 */
static int h_logical_ci(struct kvm_vcpu *vcpu)
{
	return papr_exit_to_vmm(vcpu);
}

/* The hcalls of this file: one row per hcall the library can service. */
static const struct papr_hcall_def papr_hcalls[] = {
	{H_CEDE, "H_CEDE", h_cede},
	{H_PROD, "H_PROD", h_prod},
	{H_CONFER, "H_CONFER", h_confer},
	{H_SET_MODE, "H_SET_MODE", h_set_mode},
	{H_SET_DABR, "H_SET_DABR", h_set_dabr},
	{H_SET_XDABR, "H_SET_XDABR", h_set_xdabr},
	{H_SET_SPRG0, "H_SET_SPRG0", h_set_sprg0},
	{H_REGISTER_VPA, "H_REGISTER_VPA", h_register_vpa},
	{H_PAGE_INIT, "H_PAGE_INIT", h_page_init},
	{H_RANDOM, "H_RANDOM", h_random},
	{H_GET_CPU_CHARACTERISTICS, "H_GET_CPU_CHARACTERISTICS", h_get_cpu_characteristics},
	{H_LOGICAL_CI_LOAD, "H_LOGICAL_CI_LOAD", h_logical_ci},
	{H_LOGICAL_CI_STORE, "H_LOGICAL_CI_STORE", h_logical_ci},
	{0, NULL, NULL},
};

/* Every table of in-library hcalls; each ends with a NULL handler. */
static const struct papr_hcall_def *const papr_tables[] = {
	papr_hcalls,
	papr_mmu_hcalls,
};

static const struct papr_hcall_def *find_hcall(unsigned long nr)
{
	for (size_t t = 0; t < sizeof(papr_tables) / sizeof(papr_tables[0]); t++)
		for (const struct papr_hcall_def *d = papr_tables[t]; d->handler; d++)
			if (d->nr == nr)
				return d;
	return NULL;
}

int papr_hcall_implemented(unsigned long hcall)
{
	return find_hcall(hcall) != NULL;
}

static int hcall_enabled(const struct kvm *kvm, unsigned long nr)
{
	if (nr > KVMPPC_MAX_HCALL || (nr & 3))
		return 0;
	return (kvm->enabled_hcalls[nr / 4 / 64] >> (nr / 4 % 64)) & 1;
}

static int papr_hcall(struct ppc_cpu *cpu)
{
	struct kvm_vcpu *vcpu = vcpu_of(cpu);
	unsigned long nr = (unsigned long)cpu->gpr[3];
	const struct papr_hcall_def *d = hcall_enabled(vcpu->kvm, nr) ? find_hcall(nr) : NULL;
	if (d) {
		int st = d->handler(vcpu);
		/* An hcall that changed or removed HPTEs returns when no vcpu can use the old
		 * translation any more (as the hypervisor's tlbie; tlbsync would). */
		tlb_sync(cpu);
		return st;
	}
	return papr_exit_to_vmm(vcpu);
}

int papr_exit_to_vmm(struct kvm_vcpu *vcpu)
{
	struct ppc_cpu *cpu = &vcpu->cpu;
	struct kvm_run *run = cpu->run;
	run->exit_reason = KVM_EXIT_PAPR_HCALL;
	run->papr_hcall.nr = cpu->gpr[3];
	run->papr_hcall.ret = 0;
	for (int i = 0; i < 9; i++)
		run->papr_hcall.args[i] = cpu->gpr[4 + i];
	return PPC_EXIT;
}

const struct ppc_machine_hooks kvmppc_machine_hooks = {
	.hcall = papr_hcall,
	.broadcast_tlb_inval = kvmppc_broadcast_tlb_inval,
	.tlb_sync = kvmppc_tlb_sync,
};
