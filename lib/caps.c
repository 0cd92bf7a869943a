/* SPDX-License-Identifier: MIT */
/* KVM_CHECK_EXTENSION, VM-wide KVM_ENABLE_CAP and the ppc VM ioctls (powerpc.c). */
#include <errno.h>
#include <string.h>

#include "lib/kvm_internal.h"

#define CAP_PPC_SEGSTATE 43
#define CAP_PPC_OSI 52
#define CAP_PPC_UNSET_IRQ 53
#define CAP_ENABLE_CAP 54
#define CAP_PPC_IRQ_LEVEL 58
#define CAP_PPC_SMT 64
#define CAP_PPC_PAPR 68
#define CAP_ONE_REG 70
#define CAP_PPC_ENABLE_HCALL 104
#define CAP_IMMEDIATE_EXIT 136
#define CAP_PPC_SMT_POSSIBLE 147
#define CAP_PPC_NESTED_HV 160
#define CAP_PPC_GET_SMMU_INFO 78
#define CAP_PPC_HTM 132

int kvmppc_check_extension(struct kvm *kvm, long cap)
{
	switch (cap) {
	case CAP_PPC_SEGSTATE:
	case CAP_PPC_OSI:
	case CAP_PPC_UNSET_IRQ:
	case CAP_ENABLE_CAP:
	case CAP_PPC_IRQ_LEVEL:
	case CAP_PPC_PAPR:
	case CAP_ONE_REG:
	case CAP_PPC_ENABLE_HCALL:
	case CAP_IMMEDIATE_EXIT:
		return 1;
	case CAP_PPC_HTM:
		return 1; /* POWER8 vcpus run transactions (cpu/tm.c); POWER9 ones fail them */
	case CAP_PPC_SMT_POSSIBLE:
		return 1 | 2 | 4 | 8;
	case CAP_PPC_SMT:
		return kvm ? (int)kvm->smt_mode : 1;
	case CAP_PPC_NESTED_HV:
		return kvmppc_interp_ops.enable_nested(NULL) == 0;
	default:
		return 0;
	}
}

int kvmppc_vm_enable_cap(struct kvm *kvm, const struct kvm_enable_cap *cap)
{
	if (!kvm || !cap)
		return -EFAULT;
	if (cap->flags)
		return -EINVAL;
	int r;
	pthread_mutex_lock(&kvm->lock);
	switch (cap->cap) {
	case CAP_PPC_ENABLE_HCALL: {
		uint64_t nr = cap->args[0];
		if (nr > KVMPPC_MAX_HCALL || (nr & 3) || cap->args[1] > 1 ||
		    !kvm->ops->hcall_implemented((unsigned long)nr)) {
			r = -EINVAL;
			break;
		}
		uint64_t bit = 1ull << (nr / 4 % 64);
		if (cap->args[1])
			kvm->enabled_hcalls[nr / 4 / 64] |= bit;
		else
			kvm->enabled_hcalls[nr / 4 / 64] &= ~bit;
		r = 0;
		break;
	}
	case CAP_PPC_SMT:
		r = kvm->ops->set_smt_mode(kvm, (unsigned long)cap->args[0],
					   (unsigned long)cap->args[1]);
		break;
	case CAP_PPC_NESTED_HV:
		r = kvm->ops->enable_nested(kvm);
		break;
	default:
		r = -EINVAL;
	}
	pthread_mutex_unlock(&kvm->lock);
	return r;
}
