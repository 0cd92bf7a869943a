/* SPDX-License-Identifier: MIT */
/* The KVM core's private structures: what struct kvm and struct kvm_vcpu really are. */
#ifndef KVMPPC_KVM_INTERNAL_H
#define KVMPPC_KVM_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>

#include "cpu/cpu.h"
#include "kvmppc/kvmppc.h"
#include "mmu/physmem.h"

#define KVMPPC_MAX_VCPUS 2048           /* vcpu ids are < this */
#define KVMPPC_MAX_HCALL 0x418          /* MAX_HCALL_OPCODE */
#define KVMPPC_HCALL_WORDS ((KVMPPC_MAX_HCALL / 4) / 64 + 1)

/* The backend's per-slot data (kvm_memory_slot.arch). */
struct kvmppc_slot_arch {
	_Atomic uint64_t *dirty;      /* 1 bit per page, set by guest stores */
	_Atomic uint64_t *referenced; /* 1 bit per page, set by guest accesses */
};

struct kvm {
	struct ppc_machine mach;          /* memory map and VM-wide MMU state (first) */
	pthread_mutex_t lock;             /* serialises VM ioctls */
	struct kvm_vcpu **vcpus;          /* by creation order */
	unsigned nvcpus;
	/* the kernel-view slot records, indexed by slot id (address space 0) */
	struct kvm_memory_slot memslots[KVM_USER_MEM_SLOTS];
	bool slot_used[KVM_USER_MEM_SLOTS];
	uint64_t enabled_hcalls[KVMPPC_HCALL_WORDS]; /* bit hcall/4: handled in-library */
	unsigned long smt_mode;
	const struct kvmppc_ops *ops;
	/* open KVM_PPC_GET_HTAB_FD streams (lib/htab_fd.c), under htab_lock */
	pthread_mutex_t htab_lock;
	struct htab_stream *htab_streams;
	/* KVM_PPC_RESIZE_HPT_PREPARE's table, waiting for COMMIT (under kvm->lock) */
	struct {
		uint8_t *hpt;
		unsigned shift;
	} resize;
	_Atomic int vcpus_running;        /* vcpus inside vcpu_run (KVM_RUN), as HV counts */
	_Atomic bool vcpus_ran;           /* a vcpu has entered vcpu_run: the clock is fixed */
};

struct kvm_vcpu {
	struct ppc_cpu cpu;               /* architected state (first: hot) */
	struct kvm *kvm;
	struct kvm_run run;
	unsigned int vcpu_id;
	int host_cpu;                     /* vcpu_load's cpu, -1 when put */
	bool hcall_pending;               /* last exit was KVM_EXIT_PAPR_HCALL */
	bool osi_enabled;
	pthread_mutex_t halt_lock;
	pthread_cond_t halt_cond;
	/* emulate_op's decode cache: the words it saw last, direct-mapped (a word decodes the
	 * same way for the vcpu's whole life unless the model changes: flushed then) */
	struct {
		uint32_t word;
		uint32_t isa;
		const struct ppc_insn_def *def;
	} emu_cache[16];
	bool ceded;                       /* in H_CEDE: vcpu_run waits outside the map lock */
	_Atomic bool prodded;             /* H_PROD arrived (wakes one H_CEDE, or the next) */
};

static inline struct kvm_vcpu *vcpu_of(struct ppc_cpu *cpu)
{
	return (struct kvm_vcpu *)cpu->owner;
}

/* One in-library hcall: the handler reads r4.. and writes r3 (and documented outputs)
 * and returns PPC_OK, or prepares an exit and returns PPC_EXIT. */
struct papr_hcall_def {
	unsigned long nr;
	const char *name;
	int (*handler)(struct kvm_vcpu *vcpu);
};

/* lib/papr.c: leave the hcall in r3 (arguments r4..r12) to the VMM: KVM_EXIT_PAPR_HCALL. */
int papr_exit_to_vmm(struct kvm_vcpu *vcpu);

/* lib/hcall_mmu.c: the HPT and radix-setup hcalls; ends with a NULL handler. */
extern const struct papr_hcall_def papr_mmu_hcalls[];

/* lib/hcall_mmu.c: the broadcast_tlb_inval hook (global tlbie, HPT hcalls). */
void kvmppc_broadcast_tlb_inval(struct ppc_cpu *from, const struct ppc_tlbi *d);
void kvmppc_tlb_sync(struct ppc_cpu *from);

/* lib/papr.c: the hcall hook installed in every VM's machine. */
extern const struct ppc_machine_hooks kvmppc_machine_hooks;
int papr_hcall_implemented(unsigned long hcall);
/* What the library says of speculation (H_GET_CPU_CHARACTERISTICS, KVM_PPC_GET_CPU_CHAR). */
void papr_cpu_characteristics(uint64_t *character, uint64_t *behaviour);
/* lib/vm_ioctl.c: the backend's arch_vm_ioctl member. */
long interp_arch_vm_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg);
/* lib/htab_fd.c: KVM_PPC_GET_HTAB_FD; stop and free every stream (VM destruction). */
long htab_fd_open(struct kvm *kvm, const struct kvm_get_htab_fd *ghf);
void htab_fd_release_all(struct kvm *kvm);
/* lib/vm_ioctl.c: KVM_PPC_RESIZE_HPT_PREPARE / COMMIT */
long hpt_resize_prepare(struct kvm *kvm, const struct kvm_ppc_resize_hpt *rhpt);
long hpt_resize_commit(struct kvm *kvm, const struct kvm_ppc_resize_hpt *rhpt);
/* The VPA dispatch counter: called when the vcpu starts and stops running. */
void papr_vpa_dispatch(struct kvm_vcpu *vcpu);

/* lib/vm.c: take/release the memory map for writing while vcpus may be running (they
 * step out of the interpreter at their next block boundary and wait). Caller holds
 * kvm->lock, so the vcpu list is stable. */
void kvm_map_write_lock(struct kvm *kvm);
void kvm_map_write_unlock(struct kvm *kvm);

/* lib/vm.c: switch the VM clock to @shift (PPC_CLOCK_*, 0..10); each vcpu's DEC, HDEC,
 * PURR, SPURR and VTB restart as at creation (cpu_clock_restart). Caller holds kvm->lock;
 * no vcpu is in vcpu_run. */
void kvm_clock_set_locked(struct kvm *kvm, int shift);
/* lib/vm.c: add every vcpu's unpublished instructions (emulate_op's too) to the clock. */
void kvm_clock_publish_all(struct kvm *kvm);

/* lib/memslot.c */
void memslots_rebuild_map(struct kvm *kvm);

#endif /* KVMPPC_KVM_INTERNAL_H */
