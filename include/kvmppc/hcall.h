/* SPDX-License-Identifier: MIT */
/*
 * hcall.h - PAPR hypercall numbers, return codes and argument bits (Linux v5.4 values).
 *
 * A PAPR guest calls the hypervisor with `sc 1`: number in r3, arguments in r4..r12,
 * status back in r3 (kvm-contract.md section 5.1). Numbers below are ABI facts collected
 * in kvm-contract.md section 5.3; names follow the kernel's so code ports unchanged.
 * IBM bit numbering is used by PAPR: bit n of a doubleword is 1 << (63 - n).
 * Self-contained: needs only <stdint.h>.
 */
#ifndef KVMPPC_HCALL_H
#define KVMPPC_HCALL_H

#include <stdint.h>

/* ---- Return codes (contract 5.3): non-negative = success/progress, negative = error ---- */

#define H_SUCCESS                 0
#define H_BUSY                    1  /* hardware busy, retry later */
#define H_CLOSED                  2
#define H_NOT_AVAILABLE           3
#define H_CONSTRAINED             4
#define H_PARTIAL                 5
#define H_IN_PROGRESS             14
#define H_PAGE_REGISTERED         15
#define H_PARTIAL_STORE           16
#define H_PENDING                 17
#define H_CONTINUE                18
#define H_LONG_BUSY_START_RANGE   9900
#define H_LONG_BUSY_ORDER_1_MSEC  9900
#define H_LONG_BUSY_ORDER_10_MSEC 9901
#define H_LONG_BUSY_ORDER_100_MSEC 9902
#define H_LONG_BUSY_ORDER_1_SEC   9903
#define H_LONG_BUSY_ORDER_10_SEC  9904
#define H_LONG_BUSY_ORDER_100_SEC 9905
#define H_LONG_BUSY_END_RANGE     9905
#define H_IS_LONG_BUSY(x) ((x) >= H_LONG_BUSY_START_RANGE && (x) <= H_LONG_BUSY_END_RANGE)

/* Kernel-internal "let userspace handle it"; never returned to a guest */
#define H_TOO_HARD                9999

#define H_HARDWARE                (-1)  /* hardware error */
#define H_FUNCTION                (-2)  /* function not supported */
#define H_PRIVILEGE               (-3)  /* caller not privileged */
#define H_PARAMETER               (-4)  /* parameter invalid, out of range or conflicting */
#define H_BAD_MODE                (-5)  /* illegal MSR value */
#define H_PTEG_FULL               (-6)  /* PTEG is full */
#define H_NOT_FOUND               (-7)  /* PTE was not found */
#define H_RESERVED_DABR           (-8)  /* DABR address is reserved by the hypervisor */
#define H_NO_MEM                  (-9)
#define H_AUTHORITY               (-10)
#define H_PERMISSION              (-11)
#define H_DROPPED                 (-12)
#define H_SOURCE_PARM             (-13)
#define H_DEST_PARM               (-14)
#define H_REMOTE_PARM             (-15)
#define H_RESOURCE                (-16)
#define H_ADAPTER_PARM            (-17)
#define H_RH_PARM                 (-18)
#define H_RCQ_PARM                (-19)
#define H_SCQ_PARM                (-20)
#define H_EQ_PARM                 (-21)
#define H_RT_PARM                 (-22)
#define H_ST_PARM                 (-23)
#define H_SIGT_PARM               (-24)
#define H_TOKEN_PARM              (-25)
#define H_MLENGTH_PARM            (-27)
#define H_MEM_PARM                (-28)
#define H_MEM_ACCESS_PARM         (-29)
#define H_ATTR_PARM               (-30)
#define H_PORT_PARM               (-31)
#define H_MCG_PARM                (-32)
#define H_VL_PARM                 (-33)
#define H_TSIZE_PARM              (-34)
#define H_TRACE_PARM              (-35)
#define H_MASK_PARM               (-37)
#define H_MCG_FULL                (-38)
#define H_ALIAS_EXIST             (-39)
#define H_P_COUNTER               (-40)
#define H_TABLE_FULL              (-41)
#define H_ALT_TABLE               (-42)
#define H_MR_CONDITION            (-43)
#define H_NOT_ENOUGH_RESOURCES    (-44)
#define H_R_STATE                 (-45)
#define H_RESCINDED               (-46)
#define H_P2                      (-55) /* parameter 2 (r5) invalid */
#define H_P3                      (-56)
#define H_P4                      (-57)
#define H_P5                      (-58)
#define H_P6                      (-59)
#define H_P7                      (-60)
#define H_P8                      (-61)
#define H_P9                      (-62)
#define H_TOO_BIG                 (-64)
#define H_UNSUPPORTED             (-67)
#define H_OVERLAP                 (-68)
#define H_INTERRUPT               (-69)
#define H_BAD_DATA                (-70)
#define H_NOT_ACTIVE              (-71)
#define H_SG_LIST                 (-72)
#define H_OP_MODE                 (-73)
#define H_COP_HW                  (-74)
#define H_STATE                   (-75)
#define H_UNSUPPORTED_FLAG_START  (-256) /* -256 - n: flag bit n unsupported */
#define H_UNSUPPORTED_FLAG_END    (-511)
#define H_MULTI_THREADS_ACTIVE    (-9005)
#define H_OUTSTANDING_COP_OPS     (-9006)

/* ---- Flag bits in r4 of the HPT and page calls (contract 5.2, 5.3) ------------------- */

#define H_LARGE_PAGE          (1ULL << 47)
#define H_EXACT               (1ULL << 39) /* H_ENTER: use exactly the slot pte_index & 7 */
#define H_R_XLATE             (1ULL << 38) /* H_READ: return the logical RPN */
#define H_READ_4              (1ULL << 37) /* H_READ: return 4 entries (r4..r11) */
#define H_PAGE_STATE_CHANGE   (1ULL << 35)
#define H_PAGE_UNUSED         ((1ULL << 34) | (1ULL << 33))
#define H_PAGE_SET_UNUSED     (H_PAGE_STATE_CHANGE | H_PAGE_UNUSED)
#define H_PAGE_SET_LOANED     (H_PAGE_SET_UNUSED | (1ULL << 32))
#define H_PAGE_SET_ACTIVE     H_PAGE_STATE_CHANGE
#define H_AVPN                (1ULL << 31) /* match only if (V & ~0x7f) == avpn */
#define H_ANDCOND             (1ULL << 30) /* match only if (V & avpn) == 0 */
#define H_LOCAL               (1ULL << 28)
#define H_ICACHE_INVALIDATE   (1ULL << 23)
#define H_ICACHE_SYNCHRONIZE  (1ULL << 22)
#define H_COALESCE_CAND       (1ULL << 21)
#define H_ZERO_PAGE           (1ULL << 15) /* H_PAGE_INIT: zero the destination */
#define H_COPY_PAGE           (1ULL << 14) /* H_PAGE_INIT: copy source to destination */
#define H_N                   (1ULL << 2)
#define H_PP1                 (1ULL << 1)
#define H_PP2                 (1ULL << 0)

/* ---- H_BULK_REMOVE translation specifier high word, tsh (contract 5.2) --------------- */

#define H_BULK_REMOVE_TYPE       0xc000000000000000ULL /* bits 63:62 */
#define H_BULK_REMOVE_REQUEST    0x4000000000000000ULL
#define H_BULK_REMOVE_RESPONSE   0x8000000000000000ULL
#define H_BULK_REMOVE_END        0xc000000000000000ULL
#define H_BULK_REMOVE_CODE       0x3000000000000000ULL /* bits 61:60 of a response */
#define H_BULK_REMOVE_SUCCESS    0x0000000000000000ULL
#define H_BULK_REMOVE_NOT_FOUND  0x1000000000000000ULL
#define H_BULK_REMOVE_PARM       0x2000000000000000ULL
#define H_BULK_REMOVE_HW         0x3000000000000000ULL
#define H_BULK_REMOVE_RC         0x0c00000000000000ULL /* old R (bit 59) and C (bit 58) */
#define H_BULK_REMOVE_RC_SHIFT   58
#define H_BULK_REMOVE_FLAGS      0x0300000000000000ULL /* bits 57:56 */
#define H_BULK_REMOVE_ABSOLUTE   0x0000000000000000ULL
#define H_BULK_REMOVE_ANDCOND    0x0100000000000000ULL
#define H_BULK_REMOVE_AVPN       0x0200000000000000ULL
#define H_BULK_REMOVE_PTEX       0x00ffffffffffffffULL /* bits 55:0 */
#define H_BULK_REMOVE_MAX_BATCH  4

/* ---- HPTE bits (two big-endian doublewords, V then R) used by H_ENTER & co (5.3) ------ */

#ifndef HPTE_V_VALID
#define HPTES_PER_GROUP       8
#define HPTE_V_VALID          0x0000000000000001ULL
#define HPTE_V_SECONDARY      0x0000000000000002ULL
#define HPTE_V_LARGE          0x0000000000000004ULL
#define HPTE_V_BOLTED         0x0000000000000010ULL
#define HPTE_V_AVPN           0x3fffffffffffff80ULL
#define HPTE_V_AVPN_SHIFT     7
#define HPTE_V_SSIZE_SHIFT    62
#define HPTE_V_1TB_SEG        0x4000000000000000ULL
#define HPTE_R_PP             0x0000000000000003ULL
#define HPTE_R_N              0x0000000000000004ULL
#define HPTE_R_G              0x0000000000000008ULL
#define HPTE_R_M              0x0000000000000010ULL
#define HPTE_R_I              0x0000000000000020ULL
#define HPTE_R_W              0x0000000000000040ULL
#define HPTE_R_WIMG           0x0000000000000078ULL
#define HPTE_R_C              0x0000000000000080ULL
#define HPTE_R_R              0x0000000000000100ULL
#define HPTE_R_KEY_LO         0x0000000000000e00ULL
#define HPTE_R_RPN            0x0ffffffffffff000ULL
#define HPTE_R_RPN_SHIFT      12
#define HPTE_R_KEY_HI         0x3000000000000000ULL
#define HPTE_R_KEY            (HPTE_R_KEY_LO | HPTE_R_KEY_HI)
#define HPTE_R_TS             0x4000000000000000ULL
#define HPTE_R_PP0            0x8000000000000000ULL
#endif

/* ---- TCE permission bits (H_PUT_TCE and friends, 5.2) -------------------------------- */

#define TCE_PCI_READ          0x1ULL
#define TCE_PCI_WRITE         0x2ULL

/* ---- H_REGISTER_VPA subfunction in flags bits 18:16 (IBM), i.e. (flags >> 45) & 7 ---- */

#define H_VPA_FUNC_SHIFT      45
#define H_VPA_FUNC_MASK       7ULL
#define H_VPA_REG_VPA         1ULL
#define H_VPA_REG_DTL         2ULL
#define H_VPA_REG_SLB         3ULL
#define H_VPA_DEREG_VPA       5ULL
#define H_VPA_DEREG_DTL       6ULL
#define H_VPA_DEREG_SLB       7ULL

/* ---- H_SET_MODE resources (r5) and values (5.2, 5.3) --------------------------------- */

#define H_SET_MODE_RESOURCE_SET_CIABR       1
#define H_SET_MODE_RESOURCE_SET_DAWR        2
#define H_SET_MODE_RESOURCE_ADDR_TRANS_MODE 3
#define H_SET_MODE_RESOURCE_LE              4
#define H_SET_MODE_ENDIAN_BIG               0 /* mflags (r4) for RESOURCE_LE */
#define H_SET_MODE_ENDIAN_LITTLE            1

/* ---- H_SIGNAL_SYS_RESET targets (r4, besides a vcpu id) ------------------------------ */

#define H_SIGNAL_SYS_RESET_ALL              (-1)
#define H_SIGNAL_SYS_RESET_ALL_OTHERS       (-2)

/* ---- H_REGISTER_PROC_TBL flags (5.3) ------------------------------------------------- */

#define PROC_TABLE_OP_MASK    0x18
#define PROC_TABLE_DEREG      0x10
#define PROC_TABLE_NEW        0x18
#define PROC_TABLE_TYPE_MASK  0x06
#define PROC_TABLE_HPT_SLB    0x00
#define PROC_TABLE_HPT_PT     0x02
#define PROC_TABLE_RADIX      0x04
#define PROC_TABLE_GTSE       0x01

/* ---- H_GET_CPU_CHARACTERISTICS: r4 = characteristics, r5 = behaviour ---------------- */

#define H_CPU_CHAR_SPEC_BAR_ORI31        (1ULL << 63)
#define H_CPU_CHAR_BCCTRL_SERIALISED     (1ULL << 62)
#define H_CPU_CHAR_L1D_FLUSH_ORI30       (1ULL << 61)
#define H_CPU_CHAR_L1D_FLUSH_TRIG2       (1ULL << 60)
#define H_CPU_CHAR_L1D_THREAD_PRIV       (1ULL << 59)
#define H_CPU_CHAR_BRANCH_HINTS_HONORED  (1ULL << 58)
#define H_CPU_CHAR_THREAD_RECONFIG_CTRL  (1ULL << 57)
#define H_CPU_CHAR_COUNT_CACHE_DISABLED  (1ULL << 56)
#define H_CPU_CHAR_BCCTR_FLUSH_ASSIST    (1ULL << 54)
#define H_CPU_BEHAV_FAVOUR_SECURITY      (1ULL << 63)
#define H_CPU_BEHAV_L1D_FLUSH_PR         (1ULL << 62)
#define H_CPU_BEHAV_BNDS_CHK_SPEC_BAR    (1ULL << 61)
#define H_CPU_BEHAV_FLUSH_COUNT_CACHE    (1ULL << 58)
#define H_CPU_BEHAV_FLUSH_LINK_STACK     (1ULL << 57)
#define H_CPU_BEHAV_NO_L1D_FLUSH_ENTRY   (1ULL << 56)
#define H_CPU_BEHAV_NO_L1D_FLUSH_UACCESS (1ULL << 55)
#define H_CPU_BEHAV_NO_STF_BARRIER       (1ULL << 54)

/* ---- Console (H_PUT_TERM_CHAR / H_GET_TERM_CHAR move at most 16 bytes in 2 regs) ----- */

#define H_TERM_CHAR_MAX       16

/* ---- Hypercall opcodes (contract 5.3); all multiples of 4 ---------------------------- */

#define H_REMOVE                0x04
#define H_ENTER                 0x08
#define H_READ                  0x0c
#define H_CLEAR_MOD             0x10
#define H_CLEAR_REF             0x14
#define H_PROTECT               0x18
#define H_GET_TCE               0x1c
#define H_PUT_TCE               0x20
#define H_SET_SPRG0             0x24
#define H_SET_DABR              0x28
#define H_PAGE_INIT             0x2c
#define H_SET_ASR               0x30
#define H_ASR_ON                0x34
#define H_ASR_OFF               0x38
#define H_LOGICAL_CI_LOAD       0x3c
#define H_LOGICAL_CI_STORE      0x40
#define H_LOGICAL_CACHE_LOAD    0x44
#define H_LOGICAL_CACHE_STORE   0x48
#define H_LOGICAL_ICBI          0x4c
#define H_LOGICAL_DCBF          0x50
#define H_GET_TERM_CHAR         0x54
#define H_PUT_TERM_CHAR         0x58
#define H_REAL_TO_LOGICAL       0x5c
#define H_HYPERVISOR_DATA       0x60
#define H_EOI                   0x64
#define H_CPPR                  0x68
#define H_IPI                   0x6c
#define H_IPOLL                 0x70
#define H_XIRR                  0x74
#define H_MIGRATE_DMA           0x78
#define H_PERFMON               0x7c
#define H_REGISTER_VPA          0xdc
#define H_CEDE                  0xe0
#define H_CONFER                0xe4
#define H_PROD                  0xe8
#define H_GET_PPP               0xec
#define H_SET_PPP               0xf0
#define H_PURR                  0xf4
#define H_PIC                   0xf8
#define H_REG_CRQ               0xfc
#define H_FREE_CRQ              0x100
#define H_VIO_SIGNAL            0x104
#define H_SEND_CRQ              0x108
#define H_COPY_RDMA             0x110
#define H_REGISTER_LOGICAL_LAN  0x114
#define H_FREE_LOGICAL_LAN      0x118
#define H_ADD_LOGICAL_LAN_BUFFER 0x11c
#define H_SEND_LOGICAL_LAN      0x120
#define H_BULK_REMOVE           0x124
#define H_MULTICAST_CTRL        0x130
#define H_SET_XDABR             0x134
#define H_STUFF_TCE             0x138
#define H_PUT_TCE_INDIRECT      0x13c
#define H_CHANGE_LOGICAL_LAN_MAC 0x14c
#define H_VTERM_PARTNER_INFO    0x150
#define H_REGISTER_VTERM        0x154
#define H_FREE_VTERM            0x158
/* eHCA / InfiniBand set */
#define H_RESET_EVENTS          0x15c
#define H_ALLOC_RESOURCE        0x160
#define H_FREE_RESOURCE         0x164
#define H_MODIFY_QP             0x168
#define H_QUERY_QP              0x16c
#define H_REREGISTER_PMR        0x170
#define H_REGISTER_SMR          0x174
#define H_QUERY_MR              0x178
#define H_QUERY_MW              0x17c
#define H_QUERY_HCA             0x180
#define H_QUERY_PORT            0x184
#define H_MODIFY_PORT           0x188
#define H_DEFINE_AQP1           0x18c
#define H_GET_TRACE_BUFFER      0x190
#define H_DEFINE_AQP0           0x194
#define H_RESIZE_MR             0x198
#define H_ATTACH_MCQP           0x19c
#define H_DETACH_MCQP           0x1a0
#define H_CREATE_RPT            0x1a4
#define H_REMOVE_RPT            0x1a8
#define H_REGISTER_RPAGES       0x1ac
#define H_DISABLE_AND_GETC      0x1b0
#define H_ERROR_DATA            0x1b4
#define H_GET_HCA_INFO          0x1b8
#define H_GET_PERF_COUNT        0x1bc
#define H_MANAGE_TRACE          0x1c0
#define H_GET_CPU_CHARACTERISTICS 0x1c8
#define H_FREE_LOGICAL_LAN_BUFFER 0x1d4
#define H_POLL_PENDING          0x1d8
#define H_QUERY_INT_STATE       0x1e4
#define H_ILLAN_ATTRIBUTES      0x244
/* HEA set */
#define H_MODIFY_HEA_QP         0x250
#define H_QUERY_HEA_QP          0x254
#define H_QUERY_HEA             0x258
#define H_QUERY_HEA_PORT        0x25c
#define H_MODIFY_HEA_PORT       0x260
#define H_REG_BCMC              0x264
#define H_DEREG_BCMC            0x268
#define H_REGISTER_HEA_RPAGES   0x26c
#define H_DISABLE_AND_GET_HEA   0x270
#define H_GET_HEA_INFO          0x274
#define H_ALLOC_HEA_RESOURCE    0x278
#define H_ADD_CONN              0x284
#define H_DEL_CONN              0x288
#define H_JOIN                  0x298
#define H_VASI_STATE            0x2a4
#define H_VIOCTL                0x2a8
#define H_ENABLE_CRQ            0x2b0
#define H_GET_EM_PARMS          0x2b8
#define H_SET_MPP               0x2d0
#define H_GET_MPP               0x2d4
#define H_REG_SUB_CRQ           0x2dc
#define H_FREE_SUB_CRQ          0x2e0
#define H_SEND_SUB_CRQ          0x2e4
#define H_SEND_SUB_CRQ_INDIRECT 0x2e8
#define H_HOME_NODE_ASSOCIATIVITY 0x2ec
#define H_BEST_ENERGY           0x2f4
#define H_XIRR_X                0x2fc
#define H_RANDOM                0x300
#define H_COP                   0x304
#define H_GET_MPP_X             0x314
#define H_SET_MODE              0x31c
#define H_BLOCK_REMOVE          0x328
#define H_CLEAR_HPT             0x358
#define H_REQUEST_VMC           0x360
#define H_RESIZE_HPT_PREPARE    0x36c
#define H_RESIZE_HPT_COMMIT     0x370
#define H_REGISTER_PROC_TBL     0x37c
#define H_SIGNAL_SYS_RESET      0x380
/* XIVE native interrupt controller */
#define H_INT_GET_SOURCE_INFO   0x3a8
#define H_INT_SET_SOURCE_CONFIG 0x3ac
#define H_INT_GET_SOURCE_CONFIG 0x3b0
#define H_INT_GET_QUEUE_INFO    0x3b4
#define H_INT_SET_QUEUE_CONFIG  0x3b8
#define H_INT_GET_QUEUE_CONFIG  0x3bc
#define H_INT_SET_OS_REPORTING_LINE 0x3c0
#define H_INT_GET_OS_REPORTING_LINE 0x3c4
#define H_INT_ESB               0x3c8
#define H_INT_SYNC              0x3cc
#define H_INT_RESET             0x3d0
/* Storage-class memory */
#define H_SCM_READ_METADATA     0x3e4
#define H_SCM_WRITE_METADATA    0x3e8
#define H_SCM_BIND_MEM          0x3ec
#define H_SCM_UNBIND_MEM        0x3f0
#define H_SCM_QUERY_BLOCK_MEM_BINDING 0x3f4
#define H_SCM_QUERY_LOGICAL_MEM_BINDING 0x3f8
#define H_SCM_UNBIND_ALL        0x3fc
#define H_SCM_HEALTH            0x400
#define H_SCM_PERFORMANCE_STATS 0x418

/* Highest PAPR opcode; the per-VM enable bitmap has MAX_HCALL_OPCODE/4 + 1 bits */
#define MAX_HCALL_OPCODE        H_SCM_PERFORMANCE_STATS
#define KVMPPC_HCALL_BITMAP_BITS (MAX_HCALL_OPCODE / 4 + 1)

/* ---- Platform-specific hcalls above 0xF000 (contract 5.1, 5.3) ---------------------- */

#define H_RTAS                  0xf000
#define H_GET_24X7_CATALOG_PAGE 0xf078
#define H_GET_24X7_DATA         0xf07c
#define H_GET_PERF_COUNTER_INFO 0xf080

/* Nested-HV (a guest hypervisor running its own guests) */
#define H_SET_PARTITION_TABLE   0xf800
#define H_ENTER_NESTED          0xf804
#define H_TLB_INVALIDATE        0xf808
#define H_COPY_TOFROM_GUEST     0xf80c

/*
 * Private numbers a QEMU-style pseries VMM gives its own firmware (SLOF/RTAS blob).
 * They are NOT multiples of 4 and lie above MAX_HCALL_OPCODE, so the enable bitmap
 * never covers them; the library passes them to the VMM as KVM_EXIT_PAPR_HCALL.
 */
#define KVMPPC_HCALL_BASE       0xf000
#define KVMPPC_H_RTAS           (KVMPPC_HCALL_BASE + 0x0)
#define KVMPPC_H_LOGICAL_MEMOP  (KVMPPC_HCALL_BASE + 0x1)
#define KVMPPC_H_CAS            (KVMPPC_HCALL_BASE + 0x2) /* client-architecture-support */
#define KVMPPC_H_UPDATE_DT      (KVMPPC_HCALL_BASE + 0x3)
#define KVMPPC_HCALL_MAX        KVMPPC_H_UPDATE_DT

/* ---- Non-PAPR guest calls routed by the `sc` exit handler (contract 5.1) ------------- */

/* ePAPR / KVM paravirt: `sc` with r0 == "KVM!", token in r11 */
#define KVM_SC_MAGIC_R0               0x4b564d21U /* "KVM!" */
#define HC_VENDOR_KVM                 (42U << 16)
#define KVM_HCALL_TOKEN(num)          (HC_VENDOR_KVM | (unsigned)(num))
#define KVM_HC_FEATURES               KVM_HCALL_TOKEN(3)
#define KVM_HC_PPC_MAP_MAGIC_PAGE     KVM_HCALL_TOKEN(4)
#define KVM_FEATURE_MAGIC_PAGE        1  /* bit number in the KVM_HC_FEATURES answer */
#define KVM_MAGIC_FEAT_SR             (1U << 0)
#define KVM_MAGIC_FEAT_MAS0_TO_SPRG7  (1U << 1)
#define MAGIC_PAGE_FLAG_NOT_MAPPED_NX (1U << 0)

#define EV_EPAPR_VENDOR_ID            1U
#define EV_HCALL_TOKEN(num)           ((EV_EPAPR_VENDOR_ID << 16) | (unsigned)(num))
#define EV_IDLE                       EV_HCALL_TOKEN(16)
#define EV_SUCCESS                    0
#define EV_UNIMPLEMENTED              12

/* MOL/OSI call: (u32)r3 and (u32)r4 hold these magic values */
#define OSI_SC_MAGIC_R3               0x113724faU
#define OSI_SC_MAGIC_R4               0x77810f9bU

/* `sc 1` instruction word (PAPR hypercall) */
#define PPC_INST_SC1                  0x44000022U

#endif /* KVMPPC_HCALL_H */
