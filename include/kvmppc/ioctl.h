/* SPDX-License-Identifier: MIT */
/*
 * ioctl.h - KVM ioctl numbers, capabilities and small enumerations for a PowerPC VM
 * (Linux v5.4 values, kvm-contract.md sections 1.1, 3 and 3.9/3.10).
 *
 * The library exposes one C function per ioctl, but a VMM that forwards raw ioctl numbers
 * (or a shim implementing arch_vm_ioctl) needs the numbers. Two encodings exist:
 *   - ppc:     dir bits 31:29 (NONE 1, READ 2, WRITE 4), size bits 28:16 (13 bits);
 *   - generic: dir bits 31:30 (NONE 0, WRITE 1, READ 2), size bits 29:16 (14 bits),
 *              used by x86, arm64, riscv, s390 and the other asm-generic hosts.
 * Both share type (KVMIO = 0xAE) at bits 15:8 and nr at bits 7:0. KVM_FOO is the ppc
 * value; KVM_FOO_GENERIC is the same request in the generic encoding.
 * Self-contained: needs only <stdint.h>; struct sizes are written as numbers and checked
 * against the structs of uapi.h by the unit tests.
 */
#ifndef KVMPPC_IOCTL_H
#define KVMPPC_IOCTL_H

#include <stdint.h>

/* ---- ioctl encodings (contract 3.9) --------------------------------------------------- */

#define KVMIO 0xAEU

#define KVMPPC_IOC_NRSHIFT    0
#define KVMPPC_IOC_TYPESHIFT  8
#define KVMPPC_IOC_SIZESHIFT  16
#define KVMPPC_IOC_NRMASK     0xffU
#define KVMPPC_IOC_TYPEMASK   0xffU

/* ppc (3 direction bits, 13 size bits) */
#define KVMPPC_IOC_PPC_SIZEBITS  13
#define KVMPPC_IOC_PPC_SIZEMASK  0x1fffU
#define KVMPPC_IOC_PPC_DIRSHIFT  29
#define KVMPPC_IOC_PPC_DIRMASK   0x7U
#define KVMPPC_IOC_PPC_NONE      1U
#define KVMPPC_IOC_PPC_READ      2U
#define KVMPPC_IOC_PPC_WRITE     4U

/* asm-generic / x86 (2 direction bits, 14 size bits) */
#define KVMPPC_IOC_GEN_SIZEBITS  14
#define KVMPPC_IOC_GEN_SIZEMASK  0x3fffU
#define KVMPPC_IOC_GEN_DIRSHIFT  30
#define KVMPPC_IOC_GEN_DIRMASK   0x3U
#define KVMPPC_IOC_GEN_NONE      0U
#define KVMPPC_IOC_GEN_WRITE     1U
#define KVMPPC_IOC_GEN_READ      2U

#define KVMPPC_IOC_PPC(dir, nr, size) \
	(((dir) << KVMPPC_IOC_PPC_DIRSHIFT) | ((unsigned)(size) << KVMPPC_IOC_SIZESHIFT) | \
	 (KVMIO << KVMPPC_IOC_TYPESHIFT) | ((unsigned)(nr) << KVMPPC_IOC_NRSHIFT))
#define KVMPPC_IOC_GEN(dir, nr, size) \
	(((dir) << KVMPPC_IOC_GEN_DIRSHIFT) | ((unsigned)(size) << KVMPPC_IOC_SIZESHIFT) | \
	 (KVMIO << KVMPPC_IOC_TYPESHIFT) | ((unsigned)(nr) << KVMPPC_IOC_NRSHIFT))

/* _IO / _IOR / _IOW / _IOWR equivalents; size is the argument struct's size in bytes */
#define KVMPPC_IO_PPC(nr)          KVMPPC_IOC_PPC(KVMPPC_IOC_PPC_NONE, nr, 0U)
#define KVMPPC_IOR_PPC(nr, size)   KVMPPC_IOC_PPC(KVMPPC_IOC_PPC_READ, nr, size)
#define KVMPPC_IOW_PPC(nr, size)   KVMPPC_IOC_PPC(KVMPPC_IOC_PPC_WRITE, nr, size)
#define KVMPPC_IOWR_PPC(nr, size) \
	KVMPPC_IOC_PPC(KVMPPC_IOC_PPC_READ | KVMPPC_IOC_PPC_WRITE, nr, size)
#define KVMPPC_IO_GEN(nr)          KVMPPC_IOC_GEN(KVMPPC_IOC_GEN_NONE, nr, 0U)
#define KVMPPC_IOR_GEN(nr, size)   KVMPPC_IOC_GEN(KVMPPC_IOC_GEN_READ, nr, size)
#define KVMPPC_IOW_GEN(nr, size)   KVMPPC_IOC_GEN(KVMPPC_IOC_GEN_WRITE, nr, size)
#define KVMPPC_IOWR_GEN(nr, size) \
	KVMPPC_IOC_GEN(KVMPPC_IOC_GEN_READ | KVMPPC_IOC_GEN_WRITE, nr, size)

/* Field extraction, for dispatching on a raw request number */
#define KVMPPC_IOC_NR(req)        (((unsigned)(req) >> KVMPPC_IOC_NRSHIFT) & KVMPPC_IOC_NRMASK)
#define KVMPPC_IOC_TYPE(req)      (((unsigned)(req) >> KVMPPC_IOC_TYPESHIFT) & KVMPPC_IOC_TYPEMASK)
#define KVMPPC_IOC_PPC_SIZE(req) \
	(((unsigned)(req) >> KVMPPC_IOC_SIZESHIFT) & KVMPPC_IOC_PPC_SIZEMASK)
#define KVMPPC_IOC_PPC_DIR(req) \
	(((unsigned)(req) >> KVMPPC_IOC_PPC_DIRSHIFT) & KVMPPC_IOC_PPC_DIRMASK)
#define KVMPPC_IOC_GEN_SIZE(req) \
	(((unsigned)(req) >> KVMPPC_IOC_SIZESHIFT) & KVMPPC_IOC_GEN_SIZEMASK)
#define KVMPPC_IOC_GEN_DIR(req) \
	(((unsigned)(req) >> KVMPPC_IOC_GEN_DIRSHIFT) & KVMPPC_IOC_GEN_DIRMASK)

/* Argument sizes (bytes) of the v5.4 ppc UAPI structs (contract 3.1-3.8) */
#define KVMPPC_SZ_U32                      4U
#define KVMPPC_SZ_DIRTY_LOG                16U  /* struct kvm_dirty_log */
#define KVMPPC_SZ_USERSPACE_MEMORY_REGION  32U  /* struct kvm_userspace_memory_region */
#define KVMPPC_SZ_REGS                     392U /* struct kvm_regs */
#define KVMPPC_SZ_SREGS                    1232U /* struct kvm_sregs */
#define KVMPPC_SZ_INTERRUPT                4U   /* struct kvm_interrupt */
#define KVMPPC_SZ_FPU                      256U /* struct kvm_fpu */
#define KVMPPC_SZ_GUEST_DEBUG              264U /* struct kvm_guest_debug */
#define KVMPPC_SZ_PVINFO                   128U /* struct kvm_ppc_pvinfo */
#define KVMPPC_SZ_ENABLE_CAP               104U /* struct kvm_enable_cap */
#define KVMPPC_SZ_SMMU_INFO                592U /* struct kvm_ppc_smmu_info */
#define KVMPPC_SZ_CREATE_SPAPR_TCE         16U  /* struct kvm_create_spapr_tce */
#define KVMPPC_SZ_CREATE_SPAPR_TCE_64      32U  /* struct kvm_create_spapr_tce_64 */
#define KVMPPC_SZ_GET_HTAB_FD              32U  /* struct kvm_get_htab_fd */
#define KVMPPC_SZ_ONE_REG                  16U  /* struct kvm_one_reg */
#define KVMPPC_SZ_RTAS_TOKEN_ARGS          128U /* struct kvm_rtas_token_args */
#define KVMPPC_SZ_RESIZE_HPT               16U  /* struct kvm_ppc_resize_hpt */
#define KVMPPC_SZ_MMUV3_CFG                16U  /* struct kvm_ppc_mmuv3_cfg */
#define KVMPPC_SZ_RMMU_INFO                96U  /* struct kvm_ppc_rmmu_info */
#define KVMPPC_SZ_CPU_CHAR                 32U  /* struct kvm_ppc_cpu_char */

/* ---- System ioctls on /dev/kvm ---- */
#define KVM_GET_API_VERSION         KVMPPC_IO_PPC(0x00)
#define KVM_CREATE_VM               KVMPPC_IO_PPC(0x01) /* arg = VM type */
#define KVM_CHECK_EXTENSION         KVMPPC_IO_PPC(0x03) /* arg = KVM_CAP_* */
#define KVM_GET_VCPU_MMAP_SIZE      KVMPPC_IO_PPC(0x04)
#define KVM_GET_API_VERSION_GENERIC    KVMPPC_IO_GEN(0x00)
#define KVM_CREATE_VM_GENERIC          KVMPPC_IO_GEN(0x01)
#define KVM_CHECK_EXTENSION_GENERIC    KVMPPC_IO_GEN(0x03)
#define KVM_GET_VCPU_MMAP_SIZE_GENERIC KVMPPC_IO_GEN(0x04)

#define KVM_API_VERSION 12

/* ---- VM ioctls ---- */
#define KVM_CREATE_VCPU             KVMPPC_IO_PPC(0x41)
#define KVM_GET_DIRTY_LOG           KVMPPC_IOW_PPC(0x42, KVMPPC_SZ_DIRTY_LOG)
#define KVM_SET_USER_MEMORY_REGION  KVMPPC_IOW_PPC(0x46, KVMPPC_SZ_USERSPACE_MEMORY_REGION)
#define KVM_PPC_GET_PVINFO          KVMPPC_IOW_PPC(0xa1, KVMPPC_SZ_PVINFO)
#define KVM_PPC_GET_SMMU_INFO       KVMPPC_IOR_PPC(0xa6, KVMPPC_SZ_SMMU_INFO)
#define KVM_PPC_ALLOCATE_HTAB       KVMPPC_IOWR_PPC(0xa7, KVMPPC_SZ_U32)
#define KVM_CREATE_SPAPR_TCE        KVMPPC_IOW_PPC(0xa8, KVMPPC_SZ_CREATE_SPAPR_TCE)
#define KVM_CREATE_SPAPR_TCE_64     KVMPPC_IOW_PPC(0xa8, KVMPPC_SZ_CREATE_SPAPR_TCE_64)
#define KVM_PPC_GET_HTAB_FD         KVMPPC_IOW_PPC(0xaa, KVMPPC_SZ_GET_HTAB_FD)
/* Same nr as KVM_SET_ONE_REG: that one is a vcpu ioctl, this one a VM ioctl */
#define KVM_PPC_RTAS_DEFINE_TOKEN   KVMPPC_IOW_PPC(0xac, KVMPPC_SZ_RTAS_TOKEN_ARGS)
#define KVM_PPC_RESIZE_HPT_PREPARE  KVMPPC_IOR_PPC(0xad, KVMPPC_SZ_RESIZE_HPT)
#define KVM_PPC_RESIZE_HPT_COMMIT   KVMPPC_IOR_PPC(0xae, KVMPPC_SZ_RESIZE_HPT)
#define KVM_PPC_CONFIGURE_V3_MMU    KVMPPC_IOW_PPC(0xaf, KVMPPC_SZ_MMUV3_CFG)
/* Declared as a write although it returns data (v5.4 quirk, contract 3.9) */
#define KVM_PPC_GET_RMMU_INFO       KVMPPC_IOW_PPC(0xb0, KVMPPC_SZ_RMMU_INFO)
#define KVM_PPC_GET_CPU_CHAR        KVMPPC_IOR_PPC(0xb1, KVMPPC_SZ_CPU_CHAR)

#define KVM_CREATE_VCPU_GENERIC            KVMPPC_IO_GEN(0x41)
#define KVM_GET_DIRTY_LOG_GENERIC          KVMPPC_IOW_GEN(0x42, KVMPPC_SZ_DIRTY_LOG)
#define KVM_SET_USER_MEMORY_REGION_GENERIC \
	KVMPPC_IOW_GEN(0x46, KVMPPC_SZ_USERSPACE_MEMORY_REGION)
#define KVM_PPC_GET_PVINFO_GENERIC         KVMPPC_IOW_GEN(0xa1, KVMPPC_SZ_PVINFO)
#define KVM_PPC_GET_SMMU_INFO_GENERIC      KVMPPC_IOR_GEN(0xa6, KVMPPC_SZ_SMMU_INFO)
#define KVM_PPC_ALLOCATE_HTAB_GENERIC      KVMPPC_IOWR_GEN(0xa7, KVMPPC_SZ_U32)
#define KVM_CREATE_SPAPR_TCE_GENERIC       KVMPPC_IOW_GEN(0xa8, KVMPPC_SZ_CREATE_SPAPR_TCE)
#define KVM_CREATE_SPAPR_TCE_64_GENERIC    KVMPPC_IOW_GEN(0xa8, KVMPPC_SZ_CREATE_SPAPR_TCE_64)
#define KVM_PPC_GET_HTAB_FD_GENERIC        KVMPPC_IOW_GEN(0xaa, KVMPPC_SZ_GET_HTAB_FD)
#define KVM_PPC_RTAS_DEFINE_TOKEN_GENERIC  KVMPPC_IOW_GEN(0xac, KVMPPC_SZ_RTAS_TOKEN_ARGS)
#define KVM_PPC_RESIZE_HPT_PREPARE_GENERIC KVMPPC_IOR_GEN(0xad, KVMPPC_SZ_RESIZE_HPT)
#define KVM_PPC_RESIZE_HPT_COMMIT_GENERIC  KVMPPC_IOR_GEN(0xae, KVMPPC_SZ_RESIZE_HPT)
#define KVM_PPC_CONFIGURE_V3_MMU_GENERIC   KVMPPC_IOW_GEN(0xaf, KVMPPC_SZ_MMUV3_CFG)
#define KVM_PPC_GET_RMMU_INFO_GENERIC      KVMPPC_IOW_GEN(0xb0, KVMPPC_SZ_RMMU_INFO)
#define KVM_PPC_GET_CPU_CHAR_GENERIC       KVMPPC_IOR_GEN(0xb1, KVMPPC_SZ_CPU_CHAR)

/* ---- VM and vcpu ioctl shared ---- */
#define KVM_ENABLE_CAP              KVMPPC_IOW_PPC(0xa3, KVMPPC_SZ_ENABLE_CAP)
#define KVM_ENABLE_CAP_GENERIC      KVMPPC_IOW_GEN(0xa3, KVMPPC_SZ_ENABLE_CAP)

/* ---- vcpu ioctls ---- */
#define KVM_RUN                     KVMPPC_IO_PPC(0x80)
#define KVM_GET_REGS                KVMPPC_IOR_PPC(0x81, KVMPPC_SZ_REGS)
#define KVM_SET_REGS                KVMPPC_IOW_PPC(0x82, KVMPPC_SZ_REGS)
#define KVM_GET_SREGS               KVMPPC_IOR_PPC(0x83, KVMPPC_SZ_SREGS)
#define KVM_SET_SREGS               KVMPPC_IOW_PPC(0x84, KVMPPC_SZ_SREGS)
#define KVM_INTERRUPT               KVMPPC_IOW_PPC(0x86, KVMPPC_SZ_INTERRUPT)
#define KVM_GET_FPU                 KVMPPC_IOR_PPC(0x8c, KVMPPC_SZ_FPU)
#define KVM_SET_FPU                 KVMPPC_IOW_PPC(0x8d, KVMPPC_SZ_FPU)
#define KVM_SET_GUEST_DEBUG         KVMPPC_IOW_PPC(0x9b, KVMPPC_SZ_GUEST_DEBUG)
#define KVM_GET_ONE_REG             KVMPPC_IOW_PPC(0xab, KVMPPC_SZ_ONE_REG)
#define KVM_SET_ONE_REG             KVMPPC_IOW_PPC(0xac, KVMPPC_SZ_ONE_REG)

#define KVM_RUN_GENERIC             KVMPPC_IO_GEN(0x80)
#define KVM_GET_REGS_GENERIC        KVMPPC_IOR_GEN(0x81, KVMPPC_SZ_REGS)
#define KVM_SET_REGS_GENERIC        KVMPPC_IOW_GEN(0x82, KVMPPC_SZ_REGS)
#define KVM_GET_SREGS_GENERIC       KVMPPC_IOR_GEN(0x83, KVMPPC_SZ_SREGS)
#define KVM_SET_SREGS_GENERIC       KVMPPC_IOW_GEN(0x84, KVMPPC_SZ_SREGS)
#define KVM_INTERRUPT_GENERIC       KVMPPC_IOW_GEN(0x86, KVMPPC_SZ_INTERRUPT)
#define KVM_GET_FPU_GENERIC         KVMPPC_IOR_GEN(0x8c, KVMPPC_SZ_FPU)
#define KVM_SET_FPU_GENERIC         KVMPPC_IOW_GEN(0x8d, KVMPPC_SZ_FPU)
#define KVM_SET_GUEST_DEBUG_GENERIC KVMPPC_IOW_GEN(0x9b, KVMPPC_SZ_GUEST_DEBUG)
#define KVM_GET_ONE_REG_GENERIC     KVMPPC_IOW_GEN(0xab, KVMPPC_SZ_ONE_REG)
#define KVM_SET_ONE_REG_GENERIC     KVMPPC_IOW_GEN(0xac, KVMPPC_SZ_ONE_REG)

/* ---- Capabilities for KVM_CHECK_EXTENSION / KVM_ENABLE_CAP (contract 3.10) ------------ */

#define KVM_CAP_SYNC_MMU            16
#define KVM_CAP_SET_GUEST_DEBUG     23
#define KVM_CAP_IOEVENTFD           36
#define KVM_CAP_PPC_SEGSTATE        43
#define KVM_CAP_PPC_PAIRED_SINGLES  48
#define KVM_CAP_PPC_OSI             52
#define KVM_CAP_PPC_UNSET_IRQ       53
#define KVM_CAP_ENABLE_CAP          54
#define KVM_CAP_PPC_GET_PVINFO      57
#define KVM_CAP_PPC_IRQ_LEVEL       58
#define KVM_CAP_PPC_BOOKE_SREGS     62
#define KVM_CAP_SPAPR_TCE           63
#define KVM_CAP_PPC_SMT             64
#define KVM_CAP_PPC_RMA             65
#define KVM_CAP_MAX_VCPUS           66
#define KVM_CAP_PPC_HIOR            67
#define KVM_CAP_PPC_PAPR            68
#define KVM_CAP_SW_TLB              69
#define KVM_CAP_ONE_REG             70
#define KVM_CAP_PPC_GET_SMMU_INFO   78
#define KVM_CAP_PPC_ALLOC_HTAB      80
#define KVM_CAP_READONLY_MEM        81
#define KVM_CAP_PPC_HTAB_FD         84
#define KVM_CAP_PPC_EPR             86
#define KVM_CAP_DEVICE_CTRL         89
#define KVM_CAP_IRQ_MPIC            90
#define KVM_CAP_PPC_RTAS            91
#define KVM_CAP_IRQ_XICS            92
#define KVM_CAP_SPAPR_MULTITCE      94
#define KVM_CAP_ENABLE_CAP_VM       98
#define KVM_CAP_PPC_FIXUP_HCALL     103
#define KVM_CAP_PPC_ENABLE_HCALL    104
#define KVM_CAP_CHECK_EXTENSION_VM  105
#define KVM_CAP_PPC_HWRNG           115
#define KVM_CAP_SPAPR_TCE_64        125
#define KVM_CAP_MAX_VCPU_ID         128
#define KVM_CAP_PPC_HTM             132
#define KVM_CAP_SPAPR_RESIZE_HPT    133
#define KVM_CAP_PPC_MMU_RADIX       134
#define KVM_CAP_PPC_MMU_HASH_V3     135
#define KVM_CAP_IMMEDIATE_EXIT      136
#define KVM_CAP_PPC_FWNMI           146
#define KVM_CAP_PPC_SMT_POSSIBLE    147
#define KVM_CAP_PPC_GET_CPU_CHAR    151
#define KVM_CAP_PPC_NESTED_HV       160
#define KVM_CAP_PPC_IRQ_XIVE        169

/* ---- VM types for KVM_CREATE_VM (contract 1.2) ---------------------------------------- */

#define KVM_VM_PPC_HV 1UL
#define KVM_VM_PPC_PR 2UL

/* ---- KVM_INTERRUPT irq values (contract 3.8); uapi.h may already provide them ---------- */

#ifndef KVM_INTERRUPT_SET
#define KVM_INTERRUPT_SET       0xffffffffU /* edge: cleared once delivered */
#define KVM_INTERRUPT_UNSET     0xfffffffeU /* dequeue the external interrupt */
#define KVM_INTERRUPT_SET_LEVEL 0xfffffffdU /* level: stays until UNSET */
#endif

/* ---- CPU types (kvm_vcpu_arch.cpu_type, contract 3.8) --------------------------------- */

#define KVM_CPU_440     1
#define KVM_CPU_E500V2  2
#define KVM_CPU_3S_32   3
#define KVM_CPU_3S_64   4
#define KVM_CPU_E500MC  5

/* ---- struct kvm_ppc_pvinfo flags (contract 3.8) --------------------------------------- */

#define KVM_PPC_PVINFO_FLAGS_EV_IDLE (1U << 0)

/* ---- MMU info flags (contract 3.5) ----------------------------------------------------- */

#ifndef KVM_PPC_PAGE_SIZES_REAL
#define KVM_PPC_PAGE_SIZES_REAL 0x00000001ULL /* only host-backed page sizes listed */
#define KVM_PPC_1T_SEGMENTS     0x00000002ULL /* 1 TiB segments supported */
#define KVM_PPC_NO_HASH         0x00000004ULL /* hash MMU not available (radix only) */
#endif
#ifndef KVM_PPC_MMUV3_RADIX
#define KVM_PPC_MMUV3_RADIX     1ULL /* kvm_ppc_mmuv3_cfg.flags: radix translation */
#define KVM_PPC_MMUV3_GTSE      2ULL /* guest translation shootdown enable */
#endif

/* ---- KVM_PPC_GET_HTAB_FD flags (contract 3.5) ----------------------------------------- */

#define KVM_GET_HTAB_BOLTED_ONLY ((uint64_t)0x1)
#define KVM_GET_HTAB_WRITE       ((uint64_t)0x2)

/* ---- KVM_PPC_GET_CPU_CHAR bits (struct kvm_ppc_cpu_char) ------------------------------- */

#define KVM_PPC_CPU_CHAR_SPEC_BAR_ORI31    (1ULL << 63)
#define KVM_PPC_CPU_CHAR_BCCTRL_SERIALISED (1ULL << 62)
#define KVM_PPC_CPU_CHAR_L1D_FLUSH_ORI30   (1ULL << 61)
#define KVM_PPC_CPU_CHAR_L1D_FLUSH_TRIG2   (1ULL << 60)
#define KVM_PPC_CPU_CHAR_L1D_THREAD_PRIV   (1ULL << 59)
#define KVM_PPC_CPU_CHAR_BR_HINT_HONOURED  (1ULL << 58)
#define KVM_PPC_CPU_CHAR_MTTRIG_THR_RECONF (1ULL << 57)
#define KVM_PPC_CPU_CHAR_COUNT_CACHE_DIS   (1ULL << 56)
#define KVM_PPC_CPU_CHAR_BCCTR_FLUSH_ASSIST (1ULL << 54)
#define KVM_PPC_CPU_BEHAV_FAVOUR_SECURITY  (1ULL << 63)
#define KVM_PPC_CPU_BEHAV_L1D_FLUSH_PR     (1ULL << 62)
#define KVM_PPC_CPU_BEHAV_BNDS_CHK_SPEC_BAR (1ULL << 61)
#define KVM_PPC_CPU_BEHAV_FLUSH_COUNT_CACHE (1ULL << 58)

/* ---- KVM_SET_GUEST_DEBUG control bits (contract 3.8) ---------------------------------- */

#define KVM_GUESTDBG_ENABLE       0x00000001U
#define KVM_GUESTDBG_SINGLESTEP   0x00000002U
#define KVM_GUESTDBG_USE_SW_BP    0x00010000U /* ppc */
#define KVM_GUESTDBG_USE_HW_BP    0x00020000U /* ppc */

/* ---- Resume codes of exit handlers and vcpu_run (contract 1.1) ------------------------ */

#define RESUME_FLAG_NV     (1 << 0) /* reload non-volatile GPRs */
#define RESUME_FLAG_HOST   (1 << 1) /* return to userspace */
#define RESUME_FLAG_ARCH1  (1 << 2)
#define RESUME_FLAG_ARCH2  (1 << 3)
#define RESUME_GUEST       0
#define RESUME_GUEST_NV    RESUME_FLAG_NV
#define RESUME_HOST        RESUME_FLAG_HOST
#define RESUME_HOST_NV     (RESUME_FLAG_HOST | RESUME_FLAG_NV)
#define RESUME_PAGE_FAULT  (RESUME_GUEST | RESUME_FLAG_ARCH1) /* HV-private */
#define RESUME_PASSTHROUGH (RESUME_GUEST | RESUME_FLAG_ARCH2) /* HV-private */
#define is_kvmppc_resume_guest(r) ((r) == RESUME_GUEST || (r) == RESUME_GUEST_NV)

/* ---- Emulation results (contract 1.1, 2 emulate_op) ----------------------------------- */

#ifndef KVMPPC_HAVE_EMULATION_RESULT
#define KVMPPC_HAVE_EMULATION_RESULT 1
enum emulation_result {
	EMULATE_DONE = 0,      /* handled; the caller may advance PC */
	EMULATE_DO_MMIO = 1,   /* kvm_run->mmio filled; exit with KVM_EXIT_MMIO */
	EMULATE_FAIL = 2,      /* cannot emulate; try the next layer or raise a program check */
	EMULATE_AGAIN = 3,     /* an interrupt was queued; do not advance PC */
	EMULATE_EXIT_USER = 4, /* kvm_run->exit_reason set; go to userspace */
};
#endif

enum instruction_fetch_type {
	INST_GENERIC = 0,
	INST_SC = 1, /* fetch the instruction at PC - 4 (sc already advanced) */
};

enum xlate_instdata { XLATE_INST = 0, XLATE_DATA = 1 };
enum xlate_readwrite { XLATE_READ = 0, XLATE_WRITE = 1 };

/* last_inst value when the exit path could not fetch the instruction */
#define KVM_INST_FETCH_FAILED     (-1)
/* Illegal (primary opcode 0) word used as a software breakpoint; see KVM_REG_PPC_DEBUG_INST */
#define KVMPPC_INST_SW_BREAKPOINT 0x00dddd00U

/* ---- vcpu requests (contract 2 check_requests) ---------------------------------------- */

#define KVM_REQ_TLB_FLUSH      0 /* request number: flush the vcpu's cached translations */
#define KVM_REQ_MMU_RELOAD     1
#define KVM_REQ_PENDING_TIMER  2
#define KVM_REQ_UNHALT         3
#define KVM_REQUEST_ARCH_BASE  8

#endif /* KVMPPC_IOCTL_H */
