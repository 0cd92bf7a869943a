/* SPDX-License-Identifier: MIT */
/*
 * The ppc64 KVM UAPI types, defined under the kernel's names and ABI-identical to the
 * Linux v5.4 powerpc UAPI (see shared/reference/kvm-contract.md section 3). This header
 * never includes <linux/kvm.h>: it is the library's own definition of those layouts.
 *
 * Every 64-bit field carries KVM_ALIGN8 so that the layouts also hold on 32-bit hosts
 * (i386 and armhf would otherwise align __u64 to 4 bytes). Sizes and key offsets are
 * checked with _Static_assert at the end of this file.
 */
#ifndef KVMPPC_UAPI_H
#define KVMPPC_UAPI_H

#include <stddef.h>
#include <stdint.h>

#define KVM_ALIGN8 _Alignas(8)

typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;

/* ---- exit reasons (kvm_run.exit_reason) ---- */
#define KVM_EXIT_UNKNOWN          0
#define KVM_EXIT_EXCEPTION        1
#define KVM_EXIT_IO               2
#define KVM_EXIT_HYPERCALL        3
#define KVM_EXIT_DEBUG            4
#define KVM_EXIT_HLT              5
#define KVM_EXIT_MMIO             6
#define KVM_EXIT_IRQ_WINDOW_OPEN  7
#define KVM_EXIT_SHUTDOWN         8
#define KVM_EXIT_FAIL_ENTRY       9
#define KVM_EXIT_INTR             10
#define KVM_EXIT_SET_TPR          11
#define KVM_EXIT_TPR_ACCESS       12
#define KVM_EXIT_S390_SIEIC       13
#define KVM_EXIT_S390_RESET       14
#define KVM_EXIT_DCR              15
#define KVM_EXIT_NMI              16
#define KVM_EXIT_INTERNAL_ERROR   17
#define KVM_EXIT_OSI              18
#define KVM_EXIT_PAPR_HCALL       19
#define KVM_EXIT_S390_UCONTROL    20
#define KVM_EXIT_WATCHDOG         21
#define KVM_EXIT_S390_TSCH        22
#define KVM_EXIT_EPR              23
#define KVM_EXIT_SYSTEM_EVENT     24
#define KVM_EXIT_S390_STSI        25
#define KVM_EXIT_IOAPIC_EOI       26
#define KVM_EXIT_HYPERV           27

/* kvm_run.internal.suberror */
#define KVM_INTERNAL_ERROR_EMULATION              1
#define KVM_INTERNAL_ERROR_SIMUL_EX               2
#define KVM_INTERNAL_ERROR_DELIVERY_EV            3
#define KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON 4

/* kvm_run.system_event.type */
#define KVM_SYSTEM_EVENT_SHUTDOWN 1
#define KVM_SYSTEM_EVENT_RESET    2
#define KVM_SYSTEM_EVENT_CRASH    3

/* kvm_run.debug.arch.status */
#define KVMPPC_DEBUG_NONE        0x0
#define KVMPPC_DEBUG_BREAKPOINT  (1U << 1)
#define KVMPPC_DEBUG_WATCH_WRITE (1U << 2)
#define KVMPPC_DEBUG_WATCH_READ  (1U << 3)

/* kvm_run.flags (ppc) */
#define KVM_RUN_PPC_NMI_DISP_MASK         (3 << 0)
#define KVM_RUN_PPC_NMI_DISP_FULLY_RECOV  (1 << 0)
#define KVM_RUN_PPC_NMI_DISP_LIMITED_RECOV (2 << 0)
#define KVM_RUN_PPC_NMI_DISP_NOT_RECOV    (3 << 0)

/* ---- memory slots ---- */
#define KVM_MEM_LOG_DIRTY_PAGES (1U << 0)
#define KVM_MEM_READONLY        (1U << 1)
#define KVM_USER_MEM_SLOTS      512

struct kvm_userspace_memory_region {
	__u32 slot;                    /* (address space << 16) | slot id */
	__u32 flags;                   /* KVM_MEM_* */
	KVM_ALIGN8 __u64 guest_phys_addr;
	KVM_ALIGN8 __u64 memory_size;  /* bytes; 0 deletes the slot */
	KVM_ALIGN8 __u64 userspace_addr; /* host address of the backing memory */
};

struct kvm_dirty_log {
	__u32 slot;
	__u32 padding1;
	union {
		void *dirty_bitmap;    /* one bit per 4 KiB page, ALIGN(npages, 64) / 8 bytes */
		KVM_ALIGN8 __u64 padding2;
	};
};

enum kvm_mr_change {
	KVM_MR_CREATE = 0,
	KVM_MR_DELETE = 1,
	KVM_MR_MOVE = 2,
	KVM_MR_FLAGS_ONLY = 3,
};

/* ---- registers ---- */
struct kvm_regs {
	KVM_ALIGN8 __u64 pc;
	KVM_ALIGN8 __u64 cr;
	KVM_ALIGN8 __u64 ctr;
	KVM_ALIGN8 __u64 lr;
	KVM_ALIGN8 __u64 xer;
	KVM_ALIGN8 __u64 msr;
	KVM_ALIGN8 __u64 srr0;
	KVM_ALIGN8 __u64 srr1;
	KVM_ALIGN8 __u64 pid;
	KVM_ALIGN8 __u64 sprg0;
	KVM_ALIGN8 __u64 sprg1;
	KVM_ALIGN8 __u64 sprg2;
	KVM_ALIGN8 __u64 sprg3;
	KVM_ALIGN8 __u64 sprg4;
	KVM_ALIGN8 __u64 sprg5;
	KVM_ALIGN8 __u64 sprg6;
	KVM_ALIGN8 __u64 sprg7;
	KVM_ALIGN8 __u64 gpr[32];
};

struct kvm_sregs {
	__u32 pvr;
	union {
		struct {
			KVM_ALIGN8 __u64 sdr1;
			struct {
				struct {
					KVM_ALIGN8 __u64 slbe; /* slbmte RB image: ESID | V | index */
					KVM_ALIGN8 __u64 slbv; /* slbmte RS image: VSID | flags */
				} slb[64];
			} ppc64;
			struct {
				__u32 sr[16];
				KVM_ALIGN8 __u64 ibat[8];
				KVM_ALIGN8 __u64 dbat[8];
			} ppc32;
		} s;
		struct {
			union {
				struct { /* KVM_SREGS_E_IMPL_FSL */
					__u32 features;
					__u32 svr;
					KVM_ALIGN8 __u64 mcar;
					__u32 hid0;
					__u32 pid1;
					__u32 pid2;
				} fsl;
				__u8 pad[256];
			} impl;
			__u32 features;
			__u32 impl_id;
			__u32 update_special;
			__u32 pir;
			KVM_ALIGN8 __u64 sprg8;
			KVM_ALIGN8 __u64 sprg9;
			KVM_ALIGN8 __u64 csrr0;
			KVM_ALIGN8 __u64 dsrr0;
			KVM_ALIGN8 __u64 mcsrr0;
			__u32 csrr1;
			__u32 dsrr1;
			__u32 mcsrr1;
			__u32 esr;
			KVM_ALIGN8 __u64 dear;
			KVM_ALIGN8 __u64 ivpr;
			KVM_ALIGN8 __u64 mcivpr;
			KVM_ALIGN8 __u64 mcsr;
			__u32 tsr;
			__u32 tcr;
			__u32 decar;
			__u32 dec;
			KVM_ALIGN8 __u64 tb;
			__u32 dbsr;
			__u32 dbcr[3];
			__u32 iac[4];
			__u32 dac[2];
			__u32 dvc[2];
			__u8 num_iac;
			__u8 num_dac;
			__u8 num_dvc;
			__u8 pad;
			__u32 epr;
			__u32 vrsave;
			__u32 epcr;
			__u32 mas0;
			__u32 mas1;
			KVM_ALIGN8 __u64 mas2;
			KVM_ALIGN8 __u64 mas7_3;
			__u32 mas4;
			__u32 mas6;
			__u32 ivor_low[16];
			__u32 ivor_high[18];
			__u32 mmucfg;
			__u32 eptcfg;
			__u32 tlbcfg[4];
			__u32 tlbps[4];
			__u32 eplc;
			__u32 epsc;
		} e;
		__u8 pad[1020];
	} u;
};

/* Book3S returns -ENOTSUPP (524) for KVM_GET/SET_FPU; FP state goes through ONE_REG. */
struct kvm_fpu {
	KVM_ALIGN8 __u64 fpr[32];
};

struct kvm_one_reg {
	KVM_ALIGN8 __u64 id;
	KVM_ALIGN8 __u64 addr; /* host address of a buffer of KVM_REG_SIZE(id) bytes */
};

/* The kernel-internal carrier of one ONE_REG value; 16 bytes, 16-byte aligned. */
union kvmppc_one_reg {
	__u32 wval;
	__u64 dval;
	struct { _Alignas(16) __u32 u[4]; } vval; /* vector128 */
	__u64 vsxval[2];
	__u32 vsx32val[4];
	__u16 vsx16val[8];
	__u8 vsx8val[16];
	struct {
		__u64 addr;
		__u64 length;
	} vpaval;
	__u64 xive_timaval[2];
};

struct kvm_enable_cap {
	__u32 cap;
	__u32 flags; /* must be 0 */
	KVM_ALIGN8 __u64 args[4];
	__u8 pad[64];
};

struct kvm_interrupt {
	__u32 irq; /* KVM_INTERRUPT_SET / UNSET / SET_LEVEL */
};

#ifndef KVM_INTERRUPT_SET
#define KVM_INTERRUPT_SET       ((__u32)-1) /* edge: cleared once delivered */
#define KVM_INTERRUPT_UNSET     ((__u32)-2) /* dequeue the external interrupt */
#define KVM_INTERRUPT_SET_LEVEL ((__u32)-3) /* level: stays until UNSET */
#endif

/* ---- MMU info ---- */
#define KVM_PPC_PAGE_SIZES_MAX_SZ 8

struct kvm_ppc_one_page_size {
	__u32 page_shift; /* 0 = unused */
	__u32 pte_enc;    /* LP encoding in the HPTE, shifted right by 12 */
};

struct kvm_ppc_one_seg_page_size {
	__u32 page_shift; /* base page shift of the segment, 0 = unused */
	__u32 slb_enc;    /* SLB encoding (L | LP) for slbmte RS */
	struct kvm_ppc_one_page_size enc[KVM_PPC_PAGE_SIZES_MAX_SZ];
};

struct kvm_ppc_smmu_info {
	KVM_ALIGN8 __u64 flags; /* KVM_PPC_PAGE_SIZES_REAL | 1T_SEGMENTS | NO_HASH */
	__u32 slb_size;
	__u16 data_keys;
	__u16 instr_keys;
	struct kvm_ppc_one_seg_page_size sps[KVM_PPC_PAGE_SIZES_MAX_SZ];
};

struct kvm_ppc_radix_geom {
	__u8 page_shift;
	__u8 level_bits[4]; /* from the PTE level up to the PGD level */
	__u8 pad[3];
};

struct kvm_ppc_rmmu_info {
	struct kvm_ppc_radix_geom geometries[8];
	__u32 ap_encodings[8]; /* page shift | (AP << 29) */
};

struct kvm_ppc_mmuv3_cfg {
	KVM_ALIGN8 __u64 flags;         /* KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE */
	KVM_ALIGN8 __u64 process_table; /* second doubleword of the partition table entry */
};

struct kvm_ppc_resize_hpt {
	KVM_ALIGN8 __u64 flags;
	__u32 shift;
	__u32 pad;
};

struct kvm_get_htab_fd {
	KVM_ALIGN8 __u64 flags;
	KVM_ALIGN8 __u64 start_index;
	KVM_ALIGN8 __u64 reserved[2];
};

struct kvm_get_htab_header {
	__u32 index;
	__u16 n_valid;
	__u16 n_invalid;
};

struct kvm_ppc_pvinfo {
	__u32 flags;
	__u32 hcall[4];
	__u8 pad[108];
};

struct kvm_create_spapr_tce_64 {
	KVM_ALIGN8 __u64 liobn;
	__u32 page_shift;
	__u32 flags;
	KVM_ALIGN8 __u64 offset; /* in pages */
	KVM_ALIGN8 __u64 size;   /* in pages */
};

struct kvm_rtas_token_args {
	char name[120];
	KVM_ALIGN8 __u64 token; /* 0 undefines */
};

struct kvm_ppc_cpu_char {
	KVM_ALIGN8 __u64 character;
	KVM_ALIGN8 __u64 behaviour;
	KVM_ALIGN8 __u64 character_mask;
	KVM_ALIGN8 __u64 behaviour_mask;
};

struct kvm_guest_debug_arch {
	struct {
		KVM_ALIGN8 __u64 addr;
		__u32 type;
		__u32 reserved;
	} bp[16];
};

struct kvm_guest_debug {
	__u32 control;
	__u32 pad;
	struct kvm_guest_debug_arch arch;
};

struct kvm_debug_exit_arch {
	KVM_ALIGN8 __u64 address;
	__u32 status; /* KVMPPC_DEBUG_* */
	__u32 reserved;
};

/* ---- the shared run structure ---- */
struct kvm_run {
	__u8 request_interrupt_window;
	__u8 immediate_exit;
	__u8 padding1[6];
	__u32 exit_reason;
	__u8 ready_for_interrupt_injection;
	__u8 if_flag;
	__u16 flags;
	KVM_ALIGN8 __u64 cr8;
	KVM_ALIGN8 __u64 apic_base;
	union {
		struct {
			KVM_ALIGN8 __u64 hardware_exit_reason;
		} hw;
		struct {
			KVM_ALIGN8 __u64 hardware_entry_failure_reason;
		} fail_entry;
		struct {
			struct kvm_debug_exit_arch arch;
		} debug;
		struct {
			KVM_ALIGN8 __u64 phys_addr;
			__u8 data[8]; /* laid out as the guest's access would lay it out in memory */
			__u32 len;
			__u8 is_write;
		} mmio;
		struct {
			__u32 dcrn;
			__u32 data;
			__u8 is_write;
		} dcr;
		struct {
			__u32 suberror;
			__u32 ndata;
			KVM_ALIGN8 __u64 data[16];
		} internal;
		struct {
			KVM_ALIGN8 __u64 gprs[32];
		} osi;
		struct {
			KVM_ALIGN8 __u64 nr;      /* r3 */
			KVM_ALIGN8 __u64 ret;     /* written by the VMM, copied to r3 on re-entry */
			KVM_ALIGN8 __u64 args[9]; /* r4..r12, copied back on re-entry */
		} papr_hcall;
		struct {
			__u32 epr;
		} epr;
		struct {
			__u32 type;
			KVM_ALIGN8 __u64 flags;
		} system_event;
		char padding[256];
	};
	KVM_ALIGN8 __u64 kvm_valid_regs;
	KVM_ALIGN8 __u64 kvm_dirty_regs;
	union {
		char padding[2048]; /* kvm_sync_regs is empty on ppc */
	} s;
};

/* ---- layout checks (kvm-contract.md section 3, measured on the real UAPI) ---- */
_Static_assert(sizeof(struct kvm_regs) == 392, "kvm_regs");
_Static_assert(offsetof(struct kvm_regs, gpr) == 136, "kvm_regs.gpr");
_Static_assert(sizeof(struct kvm_sregs) == 1232, "kvm_sregs");
_Static_assert(offsetof(struct kvm_sregs, u.s.sdr1) == 8, "kvm_sregs.sdr1");
_Static_assert(offsetof(struct kvm_sregs, u.s.ppc64.slb) == 16, "kvm_sregs.slb");
_Static_assert(offsetof(struct kvm_sregs, u.s.ppc32.sr) == 1040, "kvm_sregs.sr");
_Static_assert(offsetof(struct kvm_sregs, u.s.ppc32.ibat) == 1104, "kvm_sregs.ibat");
_Static_assert(offsetof(struct kvm_sregs, u.s.ppc32.dbat) == 1168, "kvm_sregs.dbat");
_Static_assert(offsetof(struct kvm_sregs, u.e.features) == 264, "kvm_sregs.e.features");
_Static_assert(offsetof(struct kvm_sregs, u.e.tb) == 384, "kvm_sregs.e.tb");
_Static_assert(offsetof(struct kvm_sregs, u.e.epsc) == 668, "kvm_sregs.e.epsc");
_Static_assert(sizeof(struct kvm_fpu) == 256, "kvm_fpu");
_Static_assert(sizeof(struct kvm_one_reg) == 16, "kvm_one_reg");
_Static_assert(sizeof(union kvmppc_one_reg) == 16, "kvmppc_one_reg");
_Static_assert(_Alignof(union kvmppc_one_reg) == 16, "kvmppc_one_reg align");
_Static_assert(sizeof(struct kvm_ppc_one_seg_page_size) == 72, "one_seg_page_size");
_Static_assert(sizeof(struct kvm_ppc_smmu_info) == 592, "smmu_info");
_Static_assert(offsetof(struct kvm_ppc_smmu_info, sps) == 16, "smmu_info.sps");
_Static_assert(sizeof(struct kvm_ppc_rmmu_info) == 96, "rmmu_info");
_Static_assert(offsetof(struct kvm_ppc_rmmu_info, ap_encodings) == 64, "rmmu_info.ap");
_Static_assert(sizeof(struct kvm_ppc_mmuv3_cfg) == 16, "mmuv3_cfg");
_Static_assert(sizeof(struct kvm_dirty_log) == 16, "dirty_log");
_Static_assert(offsetof(struct kvm_dirty_log, dirty_bitmap) == 8, "dirty_log.bitmap");
_Static_assert(sizeof(struct kvm_userspace_memory_region) == 32, "memory_region");
_Static_assert(offsetof(struct kvm_userspace_memory_region, userspace_addr) == 24, "region.uaddr");
_Static_assert(sizeof(struct kvm_enable_cap) == 104, "enable_cap");
_Static_assert(sizeof(struct kvm_interrupt) == 4, "kvm_interrupt");
_Static_assert(sizeof(struct kvm_ppc_pvinfo) == 128, "pvinfo");
_Static_assert(sizeof(struct kvm_create_spapr_tce_64) == 32, "spapr_tce_64");
_Static_assert(sizeof(struct kvm_rtas_token_args) == 128, "rtas_token_args");
_Static_assert(sizeof(struct kvm_ppc_cpu_char) == 32, "cpu_char");
_Static_assert(sizeof(struct kvm_guest_debug) == 264, "guest_debug");
_Static_assert(sizeof(struct kvm_ppc_resize_hpt) == 16, "resize_hpt");
_Static_assert(sizeof(struct kvm_get_htab_fd) == 32, "get_htab_fd");
_Static_assert(sizeof(struct kvm_get_htab_header) == 8, "htab_header");
_Static_assert(sizeof(struct kvm_run) == 2352, "kvm_run");
_Static_assert(offsetof(struct kvm_run, exit_reason) == 8, "kvm_run.exit_reason");
_Static_assert(offsetof(struct kvm_run, mmio.phys_addr) == 32, "kvm_run.exit union");
_Static_assert(offsetof(struct kvm_run, mmio.data) == 40, "kvm_run.mmio.data");
_Static_assert(offsetof(struct kvm_run, mmio.len) == 48, "kvm_run.mmio.len");
_Static_assert(offsetof(struct kvm_run, mmio.is_write) == 52, "kvm_run.mmio.is_write");
_Static_assert(offsetof(struct kvm_run, papr_hcall.args) == 48, "kvm_run.papr_hcall.args");
_Static_assert(offsetof(struct kvm_run, internal.data) == 40, "kvm_run.internal.data");
_Static_assert(offsetof(struct kvm_run, system_event.flags) == 40, "kvm_run.system_event");
_Static_assert(offsetof(struct kvm_run, kvm_valid_regs) == 288, "kvm_run.kvm_valid_regs");
_Static_assert(offsetof(struct kvm_run, s) == 304, "kvm_run.s");

#endif /* KVMPPC_UAPI_H */
