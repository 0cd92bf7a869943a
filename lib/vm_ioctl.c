/* SPDX-License-Identifier: MIT */
/*
 * The ppc VM ioctls (KVM_PPC_*). kvmppc_vm_ioctl() does what the kernel's generic
 * powerpc.c does before it reaches the backend (SMMU/RMMU info, configure v3 MMU, CPU
 * characteristics), and the backend's arch_vm_ioctl() takes the HPT ioctls. Both ioctl
 * encodings are accepted: the ppc one (a 13-bit size field) and the generic one that
 * native x86/arm callers' _IOR/_IOW macros produce (contract 3.9).
 */
#include <errno.h>
#include <string.h>

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

long interp_arch_vm_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg)
{
	struct kvm *kvm = filp ? filp->private_data : NULL;
	void *p = (void *)(uintptr_t)arg;
	if (!kvm)
		return -EBADF;
	if (is(ioctl, KVM_PPC_ALLOCATE_HTAB, KVM_PPC_ALLOCATE_HTAB_GENERIC))
		return p ? allocate_htab(kvm, p) : -EFAULT;
	/* KVM_PPC_GET_HTAB_FD and KVM_PPC_RESIZE_HPT_*: not built (README status table). */
	if (is(ioctl, KVM_PPC_GET_HTAB_FD, KVM_PPC_GET_HTAB_FD_GENERIC) ||
	    is(ioctl, KVM_PPC_RESIZE_HPT_PREPARE, KVM_PPC_RESIZE_HPT_PREPARE_GENERIC) ||
	    is(ioctl, KVM_PPC_RESIZE_HPT_COMMIT, KVM_PPC_RESIZE_HPT_COMMIT_GENERIC))
		return -ENOSYS;
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
