/* SPDX-License-Identifier: MIT */
/*
 * The KVM core as C functions: one function per ioctl a VMM issues on /dev/kvm, a VM fd
 * or a vcpu fd. A VMM written for KVM on POWER ports by renaming calls:
 *
 *   KVM_CREATE_VM               kvmppc_create_vm
 *   KVM_CHECK_EXTENSION         kvmppc_check_extension
 *   KVM_SET_USER_MEMORY_REGION  kvmppc_set_user_memory_region
 *   KVM_CREATE_VCPU             kvmppc_create_vcpu   (+ mmap of the vcpu fd: kvmppc_vcpu_run_struct)
 *   KVM_GET/SET_REGS            kvmppc_get_regs / kvmppc_set_regs
 *   KVM_GET/SET_SREGS           kvmppc_get_sregs / kvmppc_set_sregs
 *   KVM_GET/SET_FPU             kvmppc_get_fpu / kvmppc_set_fpu
 *   KVM_GET/SET_ONE_REG         kvmppc_get_one_reg / kvmppc_set_one_reg
 *   KVM_ENABLE_CAP (vcpu / vm)  kvmppc_vcpu_enable_cap / kvmppc_vm_enable_cap
 *   KVM_INTERRUPT               kvmppc_interrupt
 *   KVM_GET_DIRTY_LOG           kvmppc_get_dirty_log
 *   KVM_RUN                     kvmppc_run
 *   KVM_SET_GUEST_DEBUG         kvmppc_set_guest_debug
 *   other VM ioctls (SMMU info, RMMU info, CONFIGURE_V3_MMU, PVINFO, HTAB...)  kvmppc_vm_ioctl
 *   (signal to a vcpu thread)   kvmppc_kick
 *
 * Every function returns 0 (or a documented non-negative value) on success and a negative
 * errno on failure, and leaves the VM and vcpu unchanged when it fails. Nothing aborts.
 * A vcpu may be driven by one host thread at a time; different vcpus may run concurrently
 * on different threads. kvmppc_kick may be called from any thread.
 */
#ifndef KVMPPC_API_H
#define KVMPPC_API_H

#include <stdint.h>

#include "ops.h"
#include "uapi.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * kvmppc_create_vm() - create a virtual machine (KVM_CREATE_VM).
 * @type: 0 or KVM_VM_PPC_PR (2) or KVM_VM_PPC_HV (1); all select the interpreted backend.
 * @out: receives the VM.
 * Return: 0; -EINVAL for any other type; -ENOMEM.
 */
int kvmppc_create_vm(unsigned long type, struct kvm **out);

/**
 * kvmppc_destroy_vm() - free every vcpu, then the VM. NULL is accepted.
 * No vcpu of this VM may be running.
 */
void kvmppc_destroy_vm(struct kvm *kvm);

/**
 * kvmppc_check_extension() - KVM_CHECK_EXTENSION on a VM (or NULL for the system fd).
 * Return: 0 if the capability is absent, else a positive value (1, or a count).
 */
int kvmppc_check_extension(struct kvm *kvm, long cap);

/**
 * kvmppc_set_user_memory_region() - add, move, change flags of, or delete a memory slot.
 * Addresses and size must be 4 KiB aligned; memory_size 0 deletes. Flags:
 * KVM_MEM_LOG_DIRTY_PAGES and KVM_MEM_READONLY.
 * Return: 0; -EINVAL (bad slot id, flags, alignment, size or address change of an existing
 * slot, READONLY toggle); -EEXIST (overlaps another slot); -ENOMEM.
 */
int kvmppc_set_user_memory_region(struct kvm *kvm, const struct kvm_userspace_memory_region *mem);

/**
 * kvmppc_get_dirty_log() - copy out and clear the dirty bitmap of a slot.
 * Return: 0; -EINVAL (no such slot); -ENOENT (slot without LOG_DIRTY_PAGES); -EFAULT (NULL bitmap).
 */
int kvmppc_get_dirty_log(struct kvm *kvm, struct kvm_dirty_log *log);

/**
 * kvmppc_vm_enable_cap() - VM-wide KVM_ENABLE_CAP: KVM_CAP_PPC_ENABLE_HCALL,
 * KVM_CAP_PPC_SMT, KVM_CAP_PPC_NESTED_HV.
 * Return: 0; -EINVAL (flags != 0, unknown capability or bad arguments); backend errors.
 */
int kvmppc_vm_enable_cap(struct kvm *kvm, const struct kvm_enable_cap *cap);

/**
 * kvmppc_vm_ioctl() - the ppc VM ioctls by number (KVM_PPC_GET_SMMU_INFO,
 * KVM_PPC_GET_RMMU_INFO, KVM_PPC_CONFIGURE_V3_MMU, KVM_PPC_GET_CPU_CHAR, KVM_PPC_ALLOCATE_HTAB
 * (KVM_PPC_GET_PVINFO: -ENOTTY, no ePAPR paravirt; HTAB fd and resize: -ENOSYS). Both the ppc and the x86 ioctl encodings are
 * recognised. @arg points to the ioctl's structure.
 * Return: >= 0 on success; -ENOTTY for unknown ioctls; -EINVAL/-EFAULT/... per ioctl.
 */
long kvmppc_vm_ioctl(struct kvm *kvm, unsigned int ioctl, void *arg);

/**
 * kvmppc_create_vcpu() - create vcpu @id (KVM_CREATE_VCPU).
 * Return: 0; -EINVAL (id too large); -EEXIST (id in use); -ENOMEM.
 */
int kvmppc_create_vcpu(struct kvm *kvm, unsigned int id, struct kvm_vcpu **out);

/** kvmppc_vcpu_run_struct() - the vcpu's struct kvm_run (what mmap of a vcpu fd gives). */
struct kvm_run *kvmppc_vcpu_run_struct(struct kvm_vcpu *vcpu);

/** kvmppc_get_regs()/kvmppc_set_regs() - KVM_GET/SET_REGS. set_regs ignores `pid`.
 * Return: 0; -EFAULT for a NULL argument. */
int kvmppc_get_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs);
int kvmppc_set_regs(struct kvm_vcpu *vcpu, const struct kvm_regs *regs);

/** kvmppc_get_sregs()/kvmppc_set_sregs() - KVM_GET/SET_SREGS (PVR, SDR1, SLB).
 * Return: 0; -EINVAL (unsupported PVR); -EFAULT. */
int kvmppc_get_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs);
int kvmppc_set_sregs(struct kvm_vcpu *vcpu, const struct kvm_sregs *sregs);

/** kvmppc_get_fpu()/kvmppc_set_fpu() - KVM_GET/SET_FPU: -ENOTSUPP (524) on Book3S, as the
 * kernel does; FP state goes through ONE_REG. */
int kvmppc_get_fpu(struct kvm_vcpu *vcpu, struct kvm_fpu *fpu);
int kvmppc_set_fpu(struct kvm_vcpu *vcpu, const struct kvm_fpu *fpu);

/**
 * kvmppc_get_one_reg()/kvmppc_set_one_reg() - KVM_GET/SET_ONE_REG. reg->addr is the host
 * address of a buffer of KVM_REG_SIZE(reg->id) bytes, in host byte order.
 * Return: 0; -EINVAL (unknown id or size > 16); -ENXIO (facility absent); -EFAULT.
 */
int kvmppc_get_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);
int kvmppc_set_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);

/**
 * kvmppc_vcpu_enable_cap() - per-vcpu KVM_ENABLE_CAP: KVM_CAP_PPC_PAPR, KVM_CAP_PPC_OSI.
 * Return: 0; -EINVAL.
 */
int kvmppc_vcpu_enable_cap(struct kvm_vcpu *vcpu, const struct kvm_enable_cap *cap);

/**
 * kvmppc_interrupt() - KVM_INTERRUPT: raise (SET, edge; SET_LEVEL, level) or lower (UNSET)
 * the external interrupt line of the vcpu, and kick it. Safe from any thread.
 * Return: 0; -EINVAL for other values.
 */
int kvmppc_interrupt(struct kvm_vcpu *vcpu, const struct kvm_interrupt *irq);

/**
 * kvmppc_run() - KVM_RUN. Completes a pending hcall (r3 = papr_hcall.ret, r4..r12 =
 * args) or MMIO load from the previous exit, then runs the guest until an exit.
 * Return: 0 with kvm_run->exit_reason set; -EINTR with exit_reason KVM_EXIT_INTR when
 * kicked or when immediate_exit is set; -EINVAL (vcpu not runnable, exit_reason
 * KVM_EXIT_INTERNAL_ERROR).
 */
int kvmppc_run(struct kvm_vcpu *vcpu);

/** kvmppc_kick() - make a running kvmppc_run return -EINTR soon, or wake a halted vcpu.
 * Safe from any thread and from signal handlers. */
void kvmppc_kick(struct kvm_vcpu *vcpu);

/** kvmppc_vcpu_id() - the id the vcpu was created with. */
unsigned int kvmppc_vcpu_id(const struct kvm_vcpu *vcpu);

/** kvmppc_vcpu_kvm() - the VM the vcpu belongs to. */
struct kvm *kvmppc_vcpu_kvm(struct kvm_vcpu *vcpu);

/**
 * kvmppc_vcpu_instructions() - guest instructions the vcpu has retired since it was
 * created (the interpreter's own counter; interrupts and exits are not counted).
 */
uint64_t kvmppc_vcpu_instructions(const struct kvm_vcpu *vcpu);

/* kvmppc_vm_set_clock() modes: the host's clock, or the largest instruction-count shift. */
#define KVMPPC_CLOCK_HOST (-1)
#define KVMPPC_CLOCK_SHIFT_MAX 10

/**
 * kvmppc_vm_set_clock() - choose what the VM's time base (512 MHz, one for all vcpus)
 * counts. KVMPPC_CLOCK_HOST (the default): the host's monotonic clock. 0..10:
 * instruction-count time, as QEMU's -icount shift=N: every instruction a vcpu of the VM
 * retires is 2^N ns of virtual time (TB ticks = ns * 512 / 1000, exact, no drift), and
 * when the vcpus idle (H_CEDE, stop/nap) the clock jumps to the earliest decrementer
 * deadline instead of waiting for host time: at once when every vcpu is idle, else once
 * no vcpu has entered kvmppc_run() for 1 ms of host time (a vcpu the VMM keeps stopped
 * does not hold time back; one out for an exit is not jumped over). While vcpus run, an
 * idle one wakes when their instructions bring the clock to its deadline. With one vcpu
 * a run is reproducible bit for bit (the same instruction counts and TB values, given the
 * same exits answered the same way); with several it is consistent (one TB for all,
 * monotonic; a vcpu's own last <= 1024 instructions reach the others at its next timer
 * poll) but not reproducible, because host threads interleave. PURR, SPURR and VTB follow
 * the same clock; IC and the PMU count instructions in either mode. Snapshots record the
 * mode and the clock.
 * Choose it before the first kvmppc_run() of any vcpu (and before setting DEC, PURR,
 * SPURR or VTB): TB = the clock + the vcpu's TB_OFFSET (ONE_REG) in either mode, so in
 * instruction-count time a new VM's TB starts at 0; DEC and HDEC restart at 0x7fffffff
 * and PURR, SPURR, VTB at 0, as at vcpu creation, so that no host time spent before the
 * change leaks into a deterministic run. (kvmppc_snapshot_load() restores a saved mode
 * at any time.)
 * Return: 0; -EINVAL (shift outside -1..10); -EBUSY (a vcpu of the VM has already run);
 * -EFAULT (NULL VM).
 */
int kvmppc_vm_set_clock(struct kvm *kvm, int icount_shift);

/**
 * kvmppc_vm_get_clock() - the VM's clock mode in *@icount_shift (KVMPPC_CLOCK_HOST or
 * 0..10) and its time in *@ns: in instruction-count time the virtual nanoseconds elapsed
 * (what vcpus have published: a vcpu's own instructions are all in once it returns from
 * kvmppc_run, so a VMM answering an exit reads an exact value, e.g. for a real-time
 * clock); in host time CLOCK_MONOTONIC. Either pointer may be NULL.
 * Return: 0; -EFAULT (NULL VM).
 */
int kvmppc_vm_get_clock(struct kvm *kvm, int *icount_shift, uint64_t *ns);

/** kvmppc_version() - the library version string. */
const char *kvmppc_version(void);

#ifdef __cplusplus
}
#endif

/**
 * kvmppc_set_guest_debug() - KVM_SET_GUEST_DEBUG. KVM_GUESTDBG_ENABLE |
 * KVM_GUESTDBG_SINGLESTEP makes every kvmppc_run() execute one instruction (or take the
 * interrupt it raises) and return KVM_EXIT_DEBUG with debug.arch.address = its address;
 * control 0 turns it off. Software breakpoints and watchpoints are not built.
 * Return: 0; -EINVAL (unknown control bits, or USE_SW_BP/USE_HW_BP: not built).
 */
int kvmppc_set_guest_debug(struct kvm_vcpu *vcpu, const struct kvm_guest_debug *dbg);

/**
 * kvmppc_snapshot_save() - write the whole VM (MMU setup, the library-owned HPT, the
 * memory of every slot, every vcpu's registers and SPRs) to @path as one zlib-compressed,
 * versioned file. Waits for running vcpus to leave kvmppc_run (call it with them stopped).
 * Return: 0; -EINVAL (NULL argument); -errno of the file; -ENOSYS (built without zlib).
 */
int kvmppc_snapshot_save(struct kvm *kvm, const char *path);

/**
 * kvmppc_snapshot_load() - restore a snapshot into @kvm, which must have the same memory
 * slots (id, address, size), vcpu ids and CPU models as the saved VM. The file is checked
 * completely before anything changes: a corrupt, truncated or mismatched file gives
 * -EINVAL and leaves the VM as it was.
 * Return: 0; -EINVAL; -ENOMEM; -errno of the file; -ENOSYS (built without zlib).
 */
int kvmppc_snapshot_load(struct kvm *kvm, const char *path);

/**
 * kvmppc_snapshot_save_user() - kvmppc_snapshot_save() with @len bytes of the caller's own
 * state (a VMM's devices; at most 16 MiB) stored first in the file (format version 2).
 * kvmppc_snapshot_load() checks and skips them.
 * kvmppc_snapshot_read_user() - those bytes, in a malloc'ed *@user (free() it), without a
 * VM: a VMM reads its state first to build a VM of the right shape, then loads the VM
 * with kvmppc_snapshot_load(), which checks the whole file.
 * Return: 0; -ENOENT (a snapshot without them); -EINVAL (not a snapshot, corrupt or
 * truncated there); -ENOMEM; -errno of the file; -ENOSYS (built without zlib).
 */
int kvmppc_snapshot_save_user(struct kvm *kvm, const char *path, const void *user, size_t len);
int kvmppc_snapshot_read_user(const char *path, void **user, size_t *len);

#endif /* KVMPPC_API_H */
