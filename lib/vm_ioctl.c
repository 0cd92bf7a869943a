/* SPDX-License-Identifier: MIT */
/*
 * The ppc VM ioctls (KVM_PPC_*). kvmppc_vm_ioctl() does what the kernel's generic
 * powerpc.c does before it reaches the backend (SMMU/RMMU info, configure v3 MMU, CPU
 * characteristics), and the backend's arch_vm_ioctl() takes the HPT ioctls. Both ioctl
 * encodings are accepted: the ppc one (a 13-bit size field) and the generic one that
 * native x86/arm callers' _IOR/_IOW macros produce (contract 3.9).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kvmppc/hcall.h"
#include "lib/kvm_internal.h"
#include "mmu/xlate.h"

static bool is(unsigned int ioctl, unsigned int ppc, unsigned int generic)
{
	return ioctl == ppc || ioctl == generic;
}

/* KVM_PPC_ALLOCATE_HTAB: order 0 = the default size; the HPT is (re)allocated zeroed. */
static long allocate_htab(struct kvm *kvm, uint32_t *order)
{
	if (kvm->mach.radix)
		return -EINVAL;
	unsigned o = *order ? *order : hash_papr_hpt_default_order(&kvm->mach);
	pthread_mutex_lock(&kvm->lock);
	int r = hash_papr_hpt_alloc(&kvm->mach, o);
	pthread_mutex_unlock(&kvm->lock);
	if (r)
		return r;
	for (unsigned i = 0; i < kvm->nvcpus; i++) /* old translations are gone */
		atomic_fetch_or(&kvm->vcpus[i]->cpu.attention, ATTN_TLB_FLUSH);
	return 0;
}

/*
 * HPT resizing (PAPR H_RESIZE_HPT_PREPARE/COMMIT, which the machine turns into these
 * ioctls, as KVM leaves the hcalls to userspace). PREPARE allocates the new table at once
 * and returns 0 (ready), never a positive "try again in ms" estimate; shift 0 cancels.
 * COMMIT, with every vcpu out of the interpreter, rehashes each valid HPTE into the new
 * table (its new PTEG from the AVPN and the low hash bits its old PTEG gives), switches
 * to it and flushes every TLB. A non-bolted entry whose new group is full is dropped (the
 * guest faults and enters it again); a bolted one makes COMMIT fail with -ENOSPC and the
 * old table stays. No prepared table of that shift: -ENXIO.
 */
long hpt_resize_prepare(struct kvm *kvm, const struct kvm_ppc_resize_hpt *rh)
{
	if (rh->flags)
		return -EINVAL;
	if (rh->shift && (rh->shift < 18 || rh->shift > 46 ||
			  (uint64_t)(size_t)(1ULL << rh->shift) != (1ULL << rh->shift)))
		return -EINVAL;
	if (kvm->mach.radix)
		return -ENXIO;
	pthread_mutex_lock(&kvm->lock);
	long r = 0;
	if (!rh->shift || rh->shift != kvm->resize.shift) {
		free(kvm->resize.hpt);
		kvm->resize.hpt = NULL;
		kvm->resize.shift = 0;
		if (rh->shift) {
			kvm->resize.hpt = calloc(1, (size_t)1 << rh->shift);
			if (kvm->resize.hpt)
				kvm->resize.shift = rh->shift;
			else
				r = -ENOMEM;
		}
	}
	pthread_mutex_unlock(&kvm->lock);
	return r;
}

/* The new PTEG of valid HPTE (v, r) found in group @og of a table with @old_gmask. */
static uint64_t rehash_group(uint64_t v, uint64_t r, uint64_t og, uint64_t old_gmask,
			     uint64_t new_gmask, bool *ok)
{
	unsigned p;
	*ok = hpte_page_shift(v, r, &p) != 0;
	uint64_t avpn = (v & HPTE_V_AVPN) >> HPTE_V_AVPN_SHIFT;
	bool secondary = (v & HPTE_V_SECONDARY) != 0;
	uint64_t old_hash = (secondary ? ~og : og) & old_gmask;
	uint64_t vhash, hi;
	if ((v >> HPTE_V_SSIZE_SHIFT) == 1) { /* 1T: hash = v1t ^ v1t << 25 ^ EA[24:63] >> p */
		uint64_t v1t = avpn >> 17;
		vhash = v1t ^ (v1t << 25);
		hi = avpn & 0x1ffff;             /* EA[24:40] */
	} else {                                 /* 256M: hash = VSID ^ EA[36:63] >> p */
		vhash = avpn >> 5;
		hi = avpn & 0x1f;                /* EA[36:40] */
	}
	uint64_t pi;
	if (p >= 23) {
		pi = hi >> (p - 23);
	} else { /* the low 23 - p bits of the page index: from the old group (>= 11 bits) */
		uint64_t lomask = (1ULL << (23 - p)) - 1;
		pi = (hi << (23 - p)) | ((old_hash ^ vhash) & lomask);
	}
	uint64_t hash = (vhash ^ pi) & ((1ULL << 39) - 1);
	return (secondary ? ~hash : hash) & new_gmask;
}

long hpt_resize_commit(struct kvm *kvm, const struct kvm_ppc_resize_hpt *rh)
{
	if (rh->flags)
		return -EINVAL;
	struct ppc_machine *m = &kvm->mach;
	pthread_mutex_lock(&kvm->lock);
	if (!kvm->resize.hpt || rh->shift != kvm->resize.shift || !m->papr_hpt || m->radix) {
		pthread_mutex_unlock(&kvm->lock);
		return -ENXIO;
	}
	unsigned shift = kvm->resize.shift;
	uint64_t *gen = calloc((size_t)1 << (shift - 4), sizeof(uint64_t));
	if (!gen) {
		pthread_mutex_unlock(&kvm->lock);
		return -ENOMEM;
	}
	kvm_map_write_lock(kvm);
	pthread_mutex_lock(&m->atomic_lock);
	struct hpt_view o = {.base = m->papr_hpt, .nptes = m->papr_hpt_size / 16};
	struct hpt_view n = {.base = kvm->resize.hpt, .nptes = (1ULL << shift) / 16};
	memset(n.base, 0, (size_t)1 << shift); /* a failed commit may have filled it */
	uint64_t ogm = o.nptes / 8 - 1, ngm = n.nptes / 8 - 1;
	long r = 0;
	for (uint64_t i = 0; i < o.nptes && !r; i++) {
		uint64_t v = hpte_get(&o, i, 0), rr = hpte_get(&o, i, 1);
		if (!(v & HPTE_V_VALID))
			continue;
		bool ok;
		uint64_t g = rehash_group(v, rr, i / 8, ogm, ngm, &ok);
		uint64_t slot = g * 8;
		while (ok && slot < g * 8 + 8 && (hpte_get(&n, slot, 0) & HPTE_V_VALID))
			slot++;
		if (ok && slot < g * 8 + 8) {
			hpte_set(&n, slot, 1, rr);
			hpte_set(&n, slot, 0, v);
		} else if (v & HPTE_V_BOLTED) {
			r = -ENOSPC;
		}
	}
	if (!r) {
		hash_papr_hpt_install(m, kvm->resize.hpt, gen, shift);
		kvm->resize.hpt = NULL;
		kvm->resize.shift = 0;
		gen = NULL;
	}
	pthread_mutex_unlock(&m->atomic_lock);
	if (!r)
		for (unsigned i = 0; i < kvm->nvcpus; i++)
			atomic_fetch_or(&kvm->vcpus[i]->cpu.attention, ATTN_TLB_FLUSH);
	kvm_map_write_unlock(kvm);
	pthread_mutex_unlock(&kvm->lock);
	free(gen);
	return r;
}

long interp_arch_vm_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg)
{
	struct kvm *kvm = filp ? filp->private_data : NULL;
	void *p = (void *)(uintptr_t)arg;
	if (!kvm)
		return -EBADF;
	if (is(ioctl, KVM_PPC_ALLOCATE_HTAB, KVM_PPC_ALLOCATE_HTAB_GENERIC))
		return p ? allocate_htab(kvm, p) : -EFAULT;
	if (is(ioctl, KVM_PPC_GET_HTAB_FD, KVM_PPC_GET_HTAB_FD_GENERIC))
		return p ? htab_fd_open(kvm, p) : -EFAULT;
	if (is(ioctl, KVM_PPC_RESIZE_HPT_PREPARE, KVM_PPC_RESIZE_HPT_PREPARE_GENERIC))
		return p ? hpt_resize_prepare(kvm, p) : -EFAULT;
	if (is(ioctl, KVM_PPC_RESIZE_HPT_COMMIT, KVM_PPC_RESIZE_HPT_COMMIT_GENERIC))
		return p ? hpt_resize_commit(kvm, p) : -EFAULT;
	return -ENOTTY;
}

long kvmppc_vm_ioctl(struct kvm *kvm, unsigned int ioctl, void *arg)
{
	if (!kvm)
		return -EFAULT;
	if (!arg)
		return -EFAULT;
	if (is(ioctl, KVM_PPC_GET_SMMU_INFO, KVM_PPC_GET_SMMU_INFO_GENERIC))
		return kvm->ops->get_smmu_info(kvm, arg);
	if (is(ioctl, KVM_PPC_GET_RMMU_INFO, KVM_PPC_GET_RMMU_INFO_GENERIC))
		return kvm->ops->get_rmmu_info(kvm, arg);
	if (is(ioctl, KVM_PPC_CONFIGURE_V3_MMU, KVM_PPC_CONFIGURE_V3_MMU_GENERIC))
		return kvm->ops->configure_mmu(kvm, arg);
	if (is(ioctl, KVM_PPC_GET_CPU_CHAR, KVM_PPC_GET_CPU_CHAR_GENERIC)) {
		struct kvm_ppc_cpu_char *cc = arg;
		memset(cc, 0, sizeof(*cc));
		papr_cpu_characteristics(&cc->character, &cc->behaviour);
		/* Every bit the library decides is meaningful. */
		cc->character_mask = KVM_PPC_CPU_CHAR_SPEC_BAR_ORI31 | KVM_PPC_CPU_CHAR_BCCTRL_SERIALISED |
			KVM_PPC_CPU_CHAR_L1D_FLUSH_ORI30 | KVM_PPC_CPU_CHAR_L1D_FLUSH_TRIG2 |
			KVM_PPC_CPU_CHAR_L1D_THREAD_PRIV | KVM_PPC_CPU_CHAR_BR_HINT_HONOURED |
			KVM_PPC_CPU_CHAR_MTTRIG_THR_RECONF | KVM_PPC_CPU_CHAR_COUNT_CACHE_DIS |
			KVM_PPC_CPU_CHAR_BCCTR_FLUSH_ASSIST;
		cc->behaviour_mask = KVM_PPC_CPU_BEHAV_FAVOUR_SECURITY | KVM_PPC_CPU_BEHAV_L1D_FLUSH_PR |
			KVM_PPC_CPU_BEHAV_BNDS_CHK_SPEC_BAR | KVM_PPC_CPU_BEHAV_FLUSH_COUNT_CACHE;
		return 0;
	}
	struct file f = {.private_data = kvm};
	return kvm->ops->arch_vm_ioctl(&f, ioctl, (unsigned long)(uintptr_t)arg);
}
