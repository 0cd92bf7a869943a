/* SPDX-License-Identifier: MIT */
/*
 * kvmppc_interp_ops: the 41 members of struct kvmppc_ops for the interpreted CPU.
 * Members whose machinery is not built yet return -ENOSYS and are listed in the README's
 * status table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/icache.h"
#include "cpu/insn.h"
#include "lib/kvm_internal.h"
#include "mmu/mem.h"
#include "spr/spr.h"

#define DEFAULT_PVR PVR_POWER9

/* ---- vcpu life cycle ---- */

static struct kvm_vcpu *interp_vcpu_create(struct kvm *kvm, unsigned int id)
{
	struct kvm_vcpu *v = calloc(1, sizeof(*v));
	if (!v)
		return KVMPPC_ERR_PTR(-ENOMEM);
	v->cpu.icache = icache_create();
	if (!v->cpu.icache) {
		free(v);
		return KVMPPC_ERR_PTR(-ENOMEM);
	}
	v->kvm = kvm;
	v->vcpu_id = id;
	v->host_cpu = -1;
	v->cpu.mach = &kvm->mach;
	v->cpu.run = &v->run;
	v->cpu.owner = v;
	int r = cpu_init(&v->cpu, DEFAULT_PVR, id);
	if (r) {
		icache_destroy(v->cpu.icache);
		free(v);
		return KVMPPC_ERR_PTR(r);
	}
	pthread_mutex_init(&v->halt_lock, NULL);
	pthread_cond_init(&v->halt_cond, NULL);
	return v;
}

static void interp_mmu_destroy(struct kvm_vcpu *vcpu)
{
	mem_flush_tlb(&vcpu->cpu);
}

static void interp_vcpu_free(struct kvm_vcpu *vcpu)
{
	if (!vcpu)
		return;
	vcpu->kvm->ops->mmu_destroy(vcpu);
	icache_destroy(vcpu->cpu.icache);
	pthread_cond_destroy(&vcpu->halt_cond);
	pthread_mutex_destroy(&vcpu->halt_lock);
	free(vcpu);
}

static void interp_vcpu_load(struct kvm_vcpu *vcpu, int cpu)
{
	vcpu->host_cpu = cpu;
}

static void interp_vcpu_put(struct kvm_vcpu *vcpu)
{
	vcpu->host_cpu = -1;
}

static void interp_set_msr(struct kvm_vcpu *vcpu, u64 msr)
{
	cpu_set_msr(&vcpu->cpu, msr);
}

static int interp_check_requests(struct kvm_vcpu *vcpu)
{
	uint32_t a = atomic_fetch_and(&vcpu->cpu.attention, ~ATTN_TLB_FLUSH);
	if (a & ATTN_TLB_FLUSH)
		mem_flush_tlb(&vcpu->cpu);
	return 1;
}

static int interp_vcpu_run(struct kvm_run *run, struct kvm_vcpu *vcpu)
{
	int r = vcpu->kvm->ops->check_requests(vcpu);
	if (r <= 0)
		return r;
	run->exit_reason = KVM_EXIT_UNKNOWN;
	run->ready_for_interrupt_injection = 1;
	pthread_rwlock_rdlock(&vcpu->kvm->mach.map_lock);
	int st = cpu_run(&vcpu->cpu);
	pthread_rwlock_unlock(&vcpu->kvm->mach.map_lock);
	if (st == -EINTR) {
		run->exit_reason = KVM_EXIT_INTR;
		return -EINTR;
	}
	if (run->exit_reason == KVM_EXIT_PAPR_HCALL)
		vcpu->hcall_pending = true;
	return RESUME_HOST;
}

static void interp_fast_vcpu_kick(struct kvm_vcpu *vcpu)
{
	atomic_fetch_or(&vcpu->cpu.attention, ATTN_INTERRUPT);
	pthread_mutex_lock(&vcpu->halt_lock);
	pthread_cond_broadcast(&vcpu->halt_cond);
	pthread_mutex_unlock(&vcpu->halt_lock);
}

static void interp_giveup_ext(struct kvm_vcpu *vcpu, kvm_ulong msr)
{
	/* FP/VMX/VSX state always lives in the vcpu structure: nothing to flush. */
	(void)vcpu;
	(void)msr;
}

/* ---- registers ---- */

static int interp_get_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	memset(sregs, 0, sizeof(*sregs));
	sregs->pvr = vcpu->cpu.pvr;
	sregs->u.s.sdr1 = vcpu->kvm->mach.sdr1;
	return 0;
}

static int interp_set_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	int r = cpu_set_model(&vcpu->cpu, sregs->pvr);
	if (r)
		return r;
	vcpu->kvm->mach.sdr1 = sregs->u.s.sdr1;
	mem_flush_tlb(&vcpu->cpu);
	return 0;
}

#define REG_SIZE_U32 0x0020000000000000ULL
#define REG_SIZE_U64 0x0030000000000000ULL
#define REG_SIZE_U128 0x0040000000000000ULL
#define REG_PPC 0x1000000000000000ULL

static int interp_get_one_reg(struct kvm_vcpu *vcpu, u64 id, union kvmppc_one_reg *val)
{
	struct ppc_cpu *c = &vcpu->cpu;
	if (id >= (REG_PPC | REG_SIZE_U64 | 0x20) && id <= (REG_PPC | REG_SIZE_U64 | 0x3f)) {
		val->dval = c->vsr[id & 0x1f].dw[0];
		return 0;
	}
	if (id >= (REG_PPC | REG_SIZE_U128 | 0x40) && id <= (REG_PPC | REG_SIZE_U128 | 0x7f)) {
		unsigned n = (unsigned)(id & 0x3f);
		unsigned r = n < 32 ? 32 + n : n - 32; /* VR0.. = VSR32.., VSR0.. */
		val->vsxval[0] = c->vsr[r].dw[0];
		val->vsxval[1] = c->vsr[r].dw[1];
		return 0;
	}
	switch (id) {
	case REG_PPC | REG_SIZE_U64 | 0x80: val->dval = c->fpscr; return 0;
	case REG_PPC | REG_SIZE_U32 | 0x81: val->wval = c->vscr; return 0;
	case REG_PPC | REG_SIZE_U64 | 0x0c: val->dval = c->spr[SPR_DAR]; return 0;
	case REG_PPC | REG_SIZE_U32 | 0x0d: val->wval = (uint32_t)c->spr[SPR_DSISR]; return 0;
	case REG_PPC | REG_SIZE_U32 | 0x8b: val->wval = 0x00dddd00; return 0; /* DEBUG_INST */
	default: return -EINVAL;
	}
}

static int interp_set_one_reg(struct kvm_vcpu *vcpu, u64 id, union kvmppc_one_reg *val)
{
	struct ppc_cpu *c = &vcpu->cpu;
	if (id >= (REG_PPC | REG_SIZE_U64 | 0x20) && id <= (REG_PPC | REG_SIZE_U64 | 0x3f)) {
		c->vsr[id & 0x1f].dw[0] = val->dval;
		return 0;
	}
	if (id >= (REG_PPC | REG_SIZE_U128 | 0x40) && id <= (REG_PPC | REG_SIZE_U128 | 0x7f)) {
		unsigned n = (unsigned)(id & 0x3f);
		unsigned r = n < 32 ? 32 + n : n - 32;
		c->vsr[r].dw[0] = val->vsxval[0];
		c->vsr[r].dw[1] = val->vsxval[1];
		return 0;
	}
	switch (id) {
	case REG_PPC | REG_SIZE_U64 | 0x80: c->fpscr = val->dval; return 0;
	case REG_PPC | REG_SIZE_U32 | 0x81: c->vscr = val->wval & 0x00010001u; return 0;
	case REG_PPC | REG_SIZE_U64 | 0x0c: c->spr[SPR_DAR] = val->dval; return 0;
	case REG_PPC | REG_SIZE_U32 | 0x0d: c->spr[SPR_DSISR] = val->wval; return 0;
	default: return -EINVAL;
	}
}

/* ---- instruction emulation: the interpreter's own handlers ---- */

static int interp_emulate_op(struct kvm_run *run, struct kvm_vcpu *vcpu, unsigned int inst,
			     int *advance)
{
	struct ppc_cpu *c = &vcpu->cpu;
	(void)run;
	const struct ppc_insn_def *d = ppc_decode(inst, c->isa);
	if (!d) {
		*advance = 0;
		return EMULATE_FAIL;
	}
	uint64_t pc = c->nia;
	c->cia = pc;
	int st = cpu_execute_one(c, inst);
	switch (st) {
	case PPC_OK:
		/* The caller advances PC itself when *advance stays 1. */
		*advance = c->nia == pc + 4 || c->nia == (uint32_t)(pc + 4);
		if (*advance)
			c->nia = pc;
		return EMULATE_DONE;
	case PPC_EXC:
		*advance = 0;
		return EMULATE_AGAIN;
	default:
		*advance = 0;
		return run->exit_reason == KVM_EXIT_MMIO ? EMULATE_DO_MMIO : EMULATE_EXIT_USER;
	}
}

static int interp_emulate_mtspr(struct kvm_vcpu *vcpu, int sprn, kvm_ulong spr_val)
{
	if (sprn < 0 || sprn > 1023)
		return EMULATE_FAIL;
	int st = spr_mtspr(&vcpu->cpu, (unsigned)sprn, spr_val);
	return st == PPC_OK ? EMULATE_DONE : st == PPC_EXC ? EMULATE_AGAIN : EMULATE_FAIL;
}

static int interp_emulate_mfspr(struct kvm_vcpu *vcpu, int sprn, kvm_ulong *spr_val)
{
	if (sprn < 0 || sprn > 1023)
		return EMULATE_FAIL;
	uint64_t v = 0;
	int st = spr_mfspr(&vcpu->cpu, (unsigned)sprn, &v);
	if (st == PPC_OK)
		*spr_val = (kvm_ulong)v;
	return st == PPC_OK ? EMULATE_DONE : st == PPC_EXC ? EMULATE_AGAIN : EMULATE_FAIL;
}

/* ---- memory slots ---- */

static unsigned long bitmap_words(unsigned long npages)
{
	return (npages + 63) / 64;
}

static int interp_create_memslot(struct kvm_memory_slot *slot, unsigned long npages)
{
	struct kvmppc_slot_arch *a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->dirty = calloc(bitmap_words(npages), sizeof(uint64_t));
	a->referenced = calloc(bitmap_words(npages), sizeof(uint64_t));
	if (!a->dirty || !a->referenced) {
		free((void *)a->dirty);
		free((void *)a->referenced);
		free(a);
		return -ENOMEM;
	}
	slot->arch = a;
	return 0;
}

static void interp_free_memslot(struct kvm_memory_slot *free_slot, struct kvm_memory_slot *dont)
{
	struct kvmppc_slot_arch *a = free_slot->arch;
	if (!a || (dont && dont->arch == a))
		return;
	free((void *)a->dirty);
	free((void *)a->referenced);
	free(a);
	free_slot->arch = NULL;
}

static void flush_all_vcpus(struct kvm *kvm)
{
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		atomic_fetch_or(&kvm->vcpus[i]->cpu.attention, ATTN_TLB_FLUSH);
}

static void interp_flush_memslot(struct kvm *kvm, struct kvm_memory_slot *memslot)
{
	(void)memslot;
	flush_all_vcpus(kvm);
}

static int interp_prepare_memory_region(struct kvm *kvm, struct kvm_memory_slot *memslot,
					const struct kvm_userspace_memory_region *mem)
{
	if (!memslot->npages && mem->memory_size)
		return -EINVAL;
	/* Dirty logging being switched on: start from a clean bitmap (no vcpu writes it
	 * before the map is rebuilt with the new flags). */
	unsigned id = mem->slot & 0xffff;
	struct kvmppc_slot_arch *a = memslot->arch;
	if (a && (mem->flags & KVM_MEM_LOG_DIRTY_PAGES) && id < KVM_USER_MEM_SLOTS &&
	    kvm->slot_used[id] && !(kvm->memslots[id].flags & KVM_MEM_LOG_DIRTY_PAGES))
		for (unsigned long w = 0; w < bitmap_words(memslot->npages); w++)
			atomic_store(&a->dirty[w], 0);
	return 0;
}

static void interp_commit_memory_region(struct kvm *kvm,
					const struct kvm_userspace_memory_region *mem,
					const struct kvm_memory_slot *old,
					const struct kvm_memory_slot *new_slot,
					enum kvm_mr_change change)
{
	(void)mem;
	(void)old;
	(void)new_slot;
	(void)change;
	/* The map generation was bumped by the rebuild; cached host pointers go too. */
	flush_all_vcpus(kvm);
}

static int interp_get_dirty_log(struct kvm *kvm, struct kvm_dirty_log *log)
{
	unsigned as_id = log->slot >> 16, id = log->slot & 0xffff;
	if (as_id || id >= KVM_USER_MEM_SLOTS || !kvm->slot_used[id])
		return -EINVAL;
	struct kvm_memory_slot *s = &kvm->memslots[id];
	if (!(s->flags & KVM_MEM_LOG_DIRTY_PAGES))
		return -ENOENT;
	if (!log->dirty_bitmap)
		return -EFAULT;
	struct kvmppc_slot_arch *a = s->arch;
	uint8_t *out = log->dirty_bitmap;
	unsigned long words = bitmap_words(s->npages);
	bool any = false;
	for (unsigned long w = 0; w < words; w++) {
		uint64_t bits = atomic_exchange(&a->dirty[w], 0);
		any |= bits != 0;
		/* The bitmap is an array of host longs: bit n of the slot is bit n%BITS of
		 * long n/BITS. Write it as 64-bit words in host order, as the kernel does. */
		memcpy(out + w * 8, &bits, 8);
	}
	if (any)
		flush_all_vcpus(kvm);
	return 0;
}

/* Run @fn over every page of every slot whose host range meets [start, end). */
static int for_hva_range(struct kvm *kvm, uintptr_t start, uintptr_t end,
			 int (*fn)(struct kvmppc_slot_arch *a, unsigned long page))
{
	int any = 0;
	for (unsigned i = 0; i < KVM_USER_MEM_SLOTS; i++) {
		if (!kvm->slot_used[i])
			continue;
		struct kvm_memory_slot *s = &kvm->memslots[i];
		uintptr_t lo = s->userspace_addr, hi = lo + ((uintptr_t)s->npages << 12);
		uintptr_t a = start > lo ? start : lo, b = end < hi ? end : hi;
		if (a >= b)
			continue;
		for (uintptr_t p = (a - lo) >> 12; p < ((b - lo + 4095) >> 12); p++)
			any |= fn(s->arch, (unsigned long)p);
	}
	return any;
}

static int age_page(struct kvmppc_slot_arch *a, unsigned long page)
{
	uint64_t bit = 1ull << (page % 64);
	return (atomic_fetch_and(&a->referenced[page / 64], ~bit) & bit) != 0;
}

static int test_page(struct kvmppc_slot_arch *a, unsigned long page)
{
	return (atomic_load(&a->referenced[page / 64]) >> (page % 64)) & 1;
}

static int no_page_op(struct kvmppc_slot_arch *a, unsigned long page)
{
	(void)a;
	(void)page;
	return 1;
}

static int interp_unmap_hva_range(struct kvm *kvm, unsigned long start, unsigned long end)
{
	if (for_hva_range(kvm, start, end, no_page_op))
		flush_all_vcpus(kvm);
	return 0;
}

static int interp_age_hva(struct kvm *kvm, unsigned long start, unsigned long end)
{
	int young = for_hva_range(kvm, start, end, age_page);
	if (young)
		flush_all_vcpus(kvm); /* later accesses must mark the pages again */
	return young;
}

static int interp_test_age_hva(struct kvm *kvm, unsigned long hva)
{
	return for_hva_range(kvm, hva, hva + 1, test_page);
}

static void interp_set_spte_hva(struct kvm *kvm, unsigned long hva, pte_t pte)
{
	(void)pte;
	if (for_hva_range(kvm, hva, hva + 1, no_page_op))
		flush_all_vcpus(kvm);
}

/* ---- VM ---- */

static int interp_init_vm(struct kvm *kvm)
{
	/* The default in-library hcall set, as the kernel's PR backend enables it, plus
	 * the HPT hcalls the library must answer because it owns the HPT (H_READ,
	 * H_CLEAR_MOD/REF) and H_REGISTER_PROC_TBL. */
	static const unsigned defaults[] = {0x08, 0x04, 0x18, 0x124, 0x20, 0xe0,
					    0x0c, 0x10, 0x14, 0x37c};
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (papr_hcall_implemented(defaults[i]))
			kvm->enabled_hcalls[defaults[i] / 4 / 64] |= 1ull << (defaults[i] / 4 % 64);
	kvm->smt_mode = 1;
	return 0;
}

static void interp_destroy_vm(struct kvm *kvm)
{
	free(kvm->mach.papr_hpt);
	kvm->mach.papr_hpt = NULL;
	kvm->mach.papr_hpt_size = 0;
}

/* Exactly what mmu/hash.c implements: 256M and 1T segments, 32 SLB entries, 32 storage
 * keys for data and instructions, base/actual page sizes 4K/4K, 64K/64K, 16M/16M. */
static int interp_get_smmu_info(struct kvm *kvm, struct kvm_ppc_smmu_info *info)
{
	(void)kvm;
	static const struct kvm_ppc_one_seg_page_size sps[] = {
		{.page_shift = 12, .slb_enc = 0, .enc = {{.page_shift = 12, .pte_enc = 0}}},
		{.page_shift = 16, .slb_enc = 0x110, .enc = {{.page_shift = 16, .pte_enc = 1}}},
		{.page_shift = 24, .slb_enc = 0x100, .enc = {{.page_shift = 24, .pte_enc = 0}}},
	};
	memset(info, 0, sizeof(*info));
	info->flags = KVM_PPC_1T_SEGMENTS;
	info->slb_size = PPC_SLB_SIZE;
	info->data_keys = 32;
	info->instr_keys = 32;
	memcpy(info->sps, sps, sizeof(sps));
	return 0;
}

static long interp_arch_vm_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg)
{
	(void)filp;
	(void)ioctl;
	(void)arg;
	return -ENOTTY;
}

static int interp_hcall_implemented(unsigned long hcall)
{
	return papr_hcall_implemented(hcall);
}

static int interp_irq_bypass_add_producer(struct irq_bypass_consumer *cons,
					  struct irq_bypass_producer *prod)
{
	(void)cons;
	(void)prod;
	return -ENOSYS;
}

static void interp_irq_bypass_del_producer(struct irq_bypass_consumer *cons,
					   struct irq_bypass_producer *prod)
{
	(void)cons;
	(void)prod;
}

/* KVM_PPC_CONFIGURE_V3_MMU with the HV backend's validation (kvm-contract.md 2). */
static int interp_configure_mmu(struct kvm *kvm, struct kvm_ppc_mmuv3_cfg *cfg)
{
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		if (kvm->vcpus[i]->cpu.isa < PPC_ISA_300)
			return -ENODEV;
	if (cfg->flags & ~(uint64_t)(KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE))
		return -EINVAL;
	bool radix = (cfg->flags & KVM_PPC_MMUV3_RADIX) != 0;
	if (((cfg->process_table >> 63) != 0) != radix)
		return -EINVAL;
	if ((cfg->process_table & 0x1f) > 24)
		return -EINVAL;
	struct ppc_machine *m = &kvm->mach;
	pthread_mutex_lock(&m->atomic_lock);
	m->process_table = cfg->process_table;
	m->radix = radix;
	m->gtse = (cfg->flags & KVM_PPC_MMUV3_GTSE) != 0;
	pthread_mutex_unlock(&m->atomic_lock);
	flush_all_vcpus(kvm);
	return 0;
}

/* The radix geometries and AP encodings of mmu/radix.c (POWER9's). */
static int interp_get_rmmu_info(struct kvm *kvm, struct kvm_ppc_rmmu_info *info)
{
	(void)kvm;
	memset(info, 0, sizeof(*info));
	info->geometries[0] = (struct kvm_ppc_radix_geom){.page_shift = 12, .level_bits = {9, 9, 9, 13}};
	info->geometries[1] = (struct kvm_ppc_radix_geom){.page_shift = 16, .level_bits = {5, 9, 9, 13}};
	info->ap_encodings[0] = 12;
	info->ap_encodings[1] = (5u << 29) | 16;
	info->ap_encodings[2] = (1u << 29) | 21;
	info->ap_encodings[3] = (2u << 29) | 30;
	return 0;
}

static int interp_set_smt_mode(struct kvm *kvm, unsigned long mode, unsigned long flags)
{
	if (flags || mode < 1 || mode > 8 || (mode & (mode - 1)))
		return -EINVAL;
	if (kvm->nvcpus)
		return -EBUSY;
	kvm->smt_mode = mode;
	return 0;
}

static int interp_enable_nested(struct kvm *kvm)
{
	(void)kvm;
	return -EOPNOTSUPP; /* nested-HV hcalls are not implemented (also for the probe) */
}

/*
 * Guest-virtual access with the vcpu's current translation (data relocation, MSR[PR]),
 * bytes in memory order. Return 0 (and *eaddr = the real address), -ENOENT/-EPERM/-EINVAL
 * for a translation fault (no interrupt is delivered), EMULATE_DO_MMIO when the address
 * is not RAM, -EINVAL for a bad size. Called in the vcpu's context.
 */
static int eaddr_access(struct kvm_vcpu *vcpu, kvm_ulong *eaddr, uint8_t *buf, int size,
			int write)
{
	struct ppc_cpu *cpu = &vcpu->cpu;
	if (size <= 0 || size > 4096)
		return -EINVAL;
	uint64_t ea = cpu_ea(cpu, *eaddr), first = 0;
	for (int done = 0; done < size;) {
		unsigned room = (unsigned)(PPC_PAGE_SIZE - (ea & (PPC_PAGE_SIZE - 1)));
		unsigned n = (unsigned)(size - done) < room ? (unsigned)(size - done) : room;
		uint64_t real;
		int st = mem_translate(cpu, ea, write ? ACCESS_STORE : ACCESS_LOAD, &real, 0);
		if (st < 0)
			return st;
		uint8_t *h = mem_host_ptr(cpu, real, n, write);
		if (!h)
			return EMULATE_DO_MMIO;
		if (!done)
			first = real;
		if (write)
			memcpy(h, buf + done, n);
		else
			memcpy(buf + done, h, n);
		done += (int)n;
		ea = cpu_ea(cpu, ea + n);
	}
	*eaddr = (kvm_ulong)first;
	return 0;
}

static int interp_load_from_eaddr(struct kvm_vcpu *vcpu, kvm_ulong *eaddr, void *ptr, int size)
{
	return eaddr_access(vcpu, eaddr, ptr, size, 0);
}

static int interp_store_to_eaddr(struct kvm_vcpu *vcpu, kvm_ulong *eaddr, void *ptr, int size)
{
	return eaddr_access(vcpu, eaddr, ptr, size, 1);
}

const struct kvmppc_ops kvmppc_interp_ops = {
	.owner = NULL,
	.get_sregs = interp_get_sregs,
	.set_sregs = interp_set_sregs,
	.get_one_reg = interp_get_one_reg,
	.set_one_reg = interp_set_one_reg,
	.vcpu_load = interp_vcpu_load,
	.vcpu_put = interp_vcpu_put,
	.set_msr = interp_set_msr,
	.vcpu_run = interp_vcpu_run,
	.vcpu_create = interp_vcpu_create,
	.vcpu_free = interp_vcpu_free,
	.check_requests = interp_check_requests,
	.get_dirty_log = interp_get_dirty_log,
	.flush_memslot = interp_flush_memslot,
	.prepare_memory_region = interp_prepare_memory_region,
	.commit_memory_region = interp_commit_memory_region,
	.unmap_hva_range = interp_unmap_hva_range,
	.age_hva = interp_age_hva,
	.test_age_hva = interp_test_age_hva,
	.set_spte_hva = interp_set_spte_hva,
	.mmu_destroy = interp_mmu_destroy,
	.free_memslot = interp_free_memslot,
	.create_memslot = interp_create_memslot,
	.init_vm = interp_init_vm,
	.destroy_vm = interp_destroy_vm,
	.get_smmu_info = interp_get_smmu_info,
	.emulate_op = interp_emulate_op,
	.emulate_mtspr = interp_emulate_mtspr,
	.emulate_mfspr = interp_emulate_mfspr,
	.fast_vcpu_kick = interp_fast_vcpu_kick,
	.arch_vm_ioctl = interp_arch_vm_ioctl,
	.hcall_implemented = interp_hcall_implemented,
	.irq_bypass_add_producer = interp_irq_bypass_add_producer,
	.irq_bypass_del_producer = interp_irq_bypass_del_producer,
	.configure_mmu = interp_configure_mmu,
	.get_rmmu_info = interp_get_rmmu_info,
	.set_smt_mode = interp_set_smt_mode,
	.giveup_ext = interp_giveup_ext,
	.enable_nested = interp_enable_nested,
	.load_from_eaddr = interp_load_from_eaddr,
	.store_to_eaddr = interp_store_to_eaddr,
};
