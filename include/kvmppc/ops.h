/* SPDX-License-Identifier: MIT */
/*
 * struct kvmppc_ops: the Linux v5.4 PowerPC KVM backend interface, member for member
 * (41 members, `owner` first, `store_to_eaddr` last), and the kernel-internal types its
 * signatures name. kvmppc_interp_ops is the interpreted Book3S-64 backend.
 *
 * Decisions (shared/reference/kvm-contract.md section 2 describes the kernel's meaning):
 *  - `ulong` in the kernel is 64 bits. Here it is `kvm_ulong`: `unsigned long` where that
 *    is 64 bits (so the signatures are identical on LP64 hosts), otherwise
 *    `unsigned long long`, so 32-bit hosts do not truncate 64-bit guest values.
 *  - vcpu_create keeps the kernel's ERR_PTR convention: test with KVMPPC_IS_ERR().
 *  - struct kvm and struct kvm_vcpu are opaque; the public functions in api.h reach them.
 */
#ifndef KVMPPC_OPS_H
#define KVMPPC_OPS_H

#include <limits.h>
#include <stdint.h>

#include "uapi.h"

#if ULONG_MAX >= 0xffffffffffffffffULL
typedef unsigned long kvm_ulong;
#else
typedef unsigned long long kvm_ulong;
#endif

typedef uint64_t u64;
typedef uint64_t gfn_t;

struct kvm;      /* a virtual machine; opaque */
struct kvm_vcpu; /* a virtual CPU; opaque */

/* The backend module; always NULL for this library (no reference counting needed). */
struct module;

/* What arch_vm_ioctl receives: the VM travels in private_data, as with a VM fd. */
struct file {
	void *private_data; /* struct kvm * */
};

/* The host PTE of set_spte_hva; its value is not interpreted by this backend. */
typedef struct {
	uint64_t pte;
} pte_t;

/*
 * The kernel's per-slot record, as create_memslot/free_memslot/prepare/commit see it.
 * `arch` is the backend's private per-slot data (dirty and referenced bits).
 */
struct kvm_memory_slot {
	gfn_t base_gfn;               /* guest physical address >> 12 */
	unsigned long npages;         /* number of 4 KiB pages */
	unsigned long *dirty_bitmap;  /* generic dirty bitmap, NULL unless LOG_DIRTY_PAGES */
	void *arch;                   /* backend-private per-slot data */
	uintptr_t userspace_addr;     /* host address of page 0 */
	uint32_t flags;               /* KVM_MEM_* */
	short id;                     /* slot id within its address space */
};

/* irqbypass: a producer (host event source) and a consumer (guest interrupt line). */
struct irq_bypass_producer {
	void *token;                  /* matches the consumer's token */
	int irq;                      /* host-side event number */
	void (*fire)(struct irq_bypass_producer *prod); /* set by the backend on add */
	void *backend;                /* backend-private, set on add */
};

struct irq_bypass_consumer {
	void *token;
	struct kvm *kvm;              /* VM whose interrupt line is driven */
	uint32_t gsi;                 /* guest interrupt source number */
};

struct kvmppc_ops {
	struct module *owner;
	int (*get_sregs)(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs);
	int (*set_sregs)(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs);
	int (*get_one_reg)(struct kvm_vcpu *vcpu, u64 id, union kvmppc_one_reg *val);
	int (*set_one_reg)(struct kvm_vcpu *vcpu, u64 id, union kvmppc_one_reg *val);
	void (*vcpu_load)(struct kvm_vcpu *vcpu, int cpu);
	void (*vcpu_put)(struct kvm_vcpu *vcpu);
	void (*set_msr)(struct kvm_vcpu *vcpu, u64 msr);
	int (*vcpu_run)(struct kvm_run *run, struct kvm_vcpu *vcpu);
	struct kvm_vcpu *(*vcpu_create)(struct kvm *kvm, unsigned int id);
	void (*vcpu_free)(struct kvm_vcpu *vcpu);
	int (*check_requests)(struct kvm_vcpu *vcpu);
	int (*get_dirty_log)(struct kvm *kvm, struct kvm_dirty_log *log);
	void (*flush_memslot)(struct kvm *kvm, struct kvm_memory_slot *memslot);
	int (*prepare_memory_region)(struct kvm *kvm, struct kvm_memory_slot *memslot,
				     const struct kvm_userspace_memory_region *mem);
	void (*commit_memory_region)(struct kvm *kvm, const struct kvm_userspace_memory_region *mem,
				     const struct kvm_memory_slot *old,
				     const struct kvm_memory_slot *new_slot,
				     enum kvm_mr_change change);
	int (*unmap_hva_range)(struct kvm *kvm, unsigned long start, unsigned long end);
	int (*age_hva)(struct kvm *kvm, unsigned long start, unsigned long end);
	int (*test_age_hva)(struct kvm *kvm, unsigned long hva);
	void (*set_spte_hva)(struct kvm *kvm, unsigned long hva, pte_t pte);
	void (*mmu_destroy)(struct kvm_vcpu *vcpu);
	void (*free_memslot)(struct kvm_memory_slot *free, struct kvm_memory_slot *dont);
	int (*create_memslot)(struct kvm_memory_slot *slot, unsigned long npages);
	int (*init_vm)(struct kvm *kvm);
	void (*destroy_vm)(struct kvm *kvm);
	int (*get_smmu_info)(struct kvm *kvm, struct kvm_ppc_smmu_info *info);
	int (*emulate_op)(struct kvm_run *run, struct kvm_vcpu *vcpu, unsigned int inst,
			  int *advance);
	int (*emulate_mtspr)(struct kvm_vcpu *vcpu, int sprn, kvm_ulong spr_val);
	int (*emulate_mfspr)(struct kvm_vcpu *vcpu, int sprn, kvm_ulong *spr_val);
	void (*fast_vcpu_kick)(struct kvm_vcpu *vcpu);
	long (*arch_vm_ioctl)(struct file *filp, unsigned int ioctl, unsigned long arg);
	int (*hcall_implemented)(unsigned long hcall);
	int (*irq_bypass_add_producer)(struct irq_bypass_consumer *cons,
				       struct irq_bypass_producer *prod);
	void (*irq_bypass_del_producer)(struct irq_bypass_consumer *cons,
					struct irq_bypass_producer *prod);
	int (*configure_mmu)(struct kvm *kvm, struct kvm_ppc_mmuv3_cfg *cfg);
	int (*get_rmmu_info)(struct kvm *kvm, struct kvm_ppc_rmmu_info *info);
	int (*set_smt_mode)(struct kvm *kvm, unsigned long mode, unsigned long flags);
	void (*giveup_ext)(struct kvm_vcpu *vcpu, kvm_ulong msr);
	int (*enable_nested)(struct kvm *kvm);
	int (*load_from_eaddr)(struct kvm_vcpu *vcpu, kvm_ulong *eaddr, void *ptr, int size);
	int (*store_to_eaddr)(struct kvm_vcpu *vcpu, kvm_ulong *eaddr, void *ptr, int size);
};

/* The interpreted Book3S-64 backend. Every member is non-NULL. */
extern const struct kvmppc_ops kvmppc_interp_ops;

/* The ERR_PTR convention of vcpu_create: errors live in the top 4095 bytes. */
#define KVMPPC_MAX_ERRNO 4095
#define KVMPPC_IS_ERR(p) ((uintptr_t)(const void *)(p) >= (uintptr_t)-KVMPPC_MAX_ERRNO)
#define KVMPPC_PTR_ERR(p) ((long)(intptr_t)(const void *)(p))
#define KVMPPC_ERR_PTR(e) ((void *)(intptr_t)(e))

#endif /* KVMPPC_OPS_H */
