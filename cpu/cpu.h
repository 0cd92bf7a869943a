/* SPDX-License-Identifier: MIT */
/*
 * The interpreted Book3S-64 CPU: architected state of one hardware thread, the status
 * protocol of instruction handlers, and the helpers they share.
 *
 * Conventions (every file in cpu/, mmu/, spr/ follows them):
 *  - Bit numbers in comments are the ISA's big-endian numbering (bit 0 = MSB of 64).
 *  - A handler returns PPC_OK, PPC_EXC (an interrupt was delivered: the CPU state already
 *    points at the vector) or PPC_EXIT (a KVM exit was prepared in cpu->run; the
 *    instruction is re-executed from cia when the VMM runs the vcpu again, so a handler
 *    must do all its memory accesses before it writes any architected register).
 *  - Before a handler runs, cpu->cia is its address and cpu->nia = cia + 4; branches
 *    overwrite nia.
 *  - Guest memory is reached only through mmu/mem.h; never through host pointers kept
 *    across instructions.
 */
#ifndef KVMPPC_CPU_H
#define KVMPPC_CPU_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kvmppc/uapi.h"
#include "mmu/tlb_types.h"

#define PPC_LIKELY(x) __builtin_expect(!!(x), 1)
#define PPC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PPC_MUST_CHECK __attribute__((warn_unused_result))

/* Handler status. */
enum {
	PPC_OK = 0,   /* continue at cpu->nia */
	PPC_EXC = 1,  /* an interrupt was delivered; continue at the vector */
	PPC_EXIT = 2, /* leave vcpu_run with cpu->run->exit_reason set */
};

/* ---- MSR bits (ISA 3.0 Book III 4.2.1), as masks on the 64-bit value ---- */
#define MSR_SF  (1ULL << 63) /* 64-bit mode */
#define MSR_HV  (1ULL << 60) /* hypervisor state */
#define MSR_TS  (3ULL << 33) /* transaction state */
#define MSR_TS_T (2ULL << 33) /* TS = 0b10: transactional */
#define MSR_TS_S (1ULL << 33) /* TS = 0b01: suspended */
#define MSR_TM  (1ULL << 32) /* transactional memory available */
#define MSR_VEC (1ULL << 25) /* VMX available */
#define MSR_VSX (1ULL << 23) /* VSX available */
#define MSR_S   (1ULL << 22) /* secure */
#define MSR_EE  (1ULL << 15) /* external interrupts enabled */
#define MSR_PR  (1ULL << 14) /* problem state */
#define MSR_FP  (1ULL << 13) /* FP available */
#define MSR_ME  (1ULL << 12) /* machine check enabled */
#define MSR_FE0 (1ULL << 11) /* FP exception mode 0 */
#define MSR_SE  (1ULL << 10) /* single-step trace */
#define MSR_BE  (1ULL << 9)  /* branch trace */
#define MSR_FE1 (1ULL << 8)  /* FP exception mode 1 */
#define MSR_IR  (1ULL << 5)  /* instruction relocation */
#define MSR_DR  (1ULL << 4)  /* data relocation */
#define MSR_PMM (1ULL << 2)  /* performance monitor mark */
#define MSR_RI  (1ULL << 1)  /* recoverable interrupt */
#define MSR_LE  (1ULL << 0)  /* little-endian mode */

/* What the current MSR allows (cpu->facility), matched against a row's INSN_NEED_* bits. */
#define FAC_PRIV (1u << 0) /* MSR[PR] = 0 */
#define FAC_HV   (1u << 1) /* MSR[HV] = 1 and MSR[PR] = 0 */
#define FAC_FP   (1u << 2) /* MSR[FP] */
#define FAC_VMX  (1u << 3) /* MSR[VEC] */
#define FAC_VSX  (1u << 4) /* MSR[VSX] */

/* ---- CPU models ---- */
#define PVR_POWER8 0x004d0200u
#define PVR_POWER9 0x004e1202u

enum ppc_isa_level {
	PPC_ISA_207 = 207, /* POWER8 */
	PPC_ISA_300 = 300, /* POWER9 */
	PPC_ISA_310 = 310, /* POWER10 instructions (INSN_ISA310 rows); no model sets it yet */
};

/* ---- interrupts (ISA 3.0 Book III 7.5): the kinds the delivery table knows ---- */
enum ppc_excp {
	EXCP_SYSTEM_RESET,
	EXCP_MACHINE_CHECK,
	EXCP_DSI,
	EXCP_DSEG,
	EXCP_ISI,
	EXCP_ISEG,
	EXCP_EXTERNAL,
	EXCP_ALIGNMENT,
	EXCP_PROGRAM,
	EXCP_FP_UNAVAIL,
	EXCP_DECREMENTER,
	EXCP_HV_DECREMENTER,
	EXCP_DOORBELL,
	EXCP_SYSCALL,
	EXCP_TRACE,
	EXCP_HDSI,
	EXCP_HISI,
	EXCP_HEAI, /* hypervisor emulation assistance */
	EXCP_HMI,
	EXCP_H_DOORBELL,
	EXCP_H_VIRT,
	EXCP_PERF_MON,
	EXCP_VMX_UNAVAIL,
	EXCP_VSX_UNAVAIL,
	EXCP_FAC_UNAVAIL,
	EXCP_H_FAC_UNAVAIL,
	EXCP_SYSCALL_VECTORED,
	EXCP_COUNT
};

/* Program interrupt reasons in SRR1 (ISA 3.0 Book III 7.5.9). */
#define SRR1_PROG_FPE   0x00100000ULL /* floating-point enabled exception */
#define SRR1_PROG_ILL   0x00080000ULL /* illegal instruction */
#define SRR1_PROG_PRIV  0x00040000ULL /* privileged instruction */
#define SRR1_PROG_TRAP  0x00020000ULL /* trap */
#define SRR1_PROG_NEXT  0x00010000ULL /* SRR0 holds the next instruction's address */
#define SRR1_PROG_TM    0x00200000ULL /* transaction-related */

/* Pending asynchronous interrupt lines (cpu->pending), level or edge per line. */
#define PENDING_EXTERNAL     (1u << 0)
#define PENDING_DEC          (1u << 1)
#define PENDING_HDEC         (1u << 2)
#define PENDING_DOORBELL     (1u << 3)
#define PENDING_H_DOORBELL   (1u << 4)
#define PENDING_PERF_MON     (1u << 5)
#define PENDING_SYSTEM_RESET (1u << 6)
#define PENDING_MACHINE_CHECK (1u << 7)

/* Reasons the run loop must look outside the current instruction (cpu->attention). */
#define ATTN_KICK       (1u << 0) /* another thread asked the vcpu to return */
#define ATTN_INTERRUPT  (1u << 1) /* an asynchronous interrupt line changed */
#define ATTN_TLB_FLUSH  (1u << 2) /* KVM_REQ_TLB_FLUSH: drop every cached translation */
#define ATTN_MMIO_DONE  (1u << 3) /* clear the MMIO replay log after this instruction */
#define ATTN_MAP_WAIT   (1u << 4) /* the memory map is changing: leave cpu_run (-EAGAIN) so
				   * the caller drops the map lock until the change is done */
#define ATTN_TLB_INVAL  (1u << 5) /* another vcpu queued invalidations (cpu->inval_q) */
#define ATTN_TLB_REMOTE (ATTN_TLB_FLUSH | ATTN_TLB_INVAL) /* either: tlb_remote_ack() */

/*
 * One 128-bit VSX register. dw[0] is doubleword 0 (the architecturally leftmost, most
 * significant half); FPR n is vsr[n].dw[0]; VR n is vsr[32 + n]. Elements are numbered
 * in the ISA's big-endian element order whatever the host or MSR[LE].
 */
struct ppc_vsr {
	uint64_t dw[2];
};

/* XER bits in the 64-bit image (ISA 3.0 Book I 3.2.2). */
#define XER_SO   (1ULL << 31)
#define XER_OV   (1ULL << 30)
#define XER_CA   (1ULL << 29)
#define XER_OV32 (1ULL << 19)
#define XER_CA32 (1ULL << 18)
#define XER_BC   0x7fULL /* string byte count */

/* The MMIO replay log of the current instruction (see mmu/mem.h). */
#define PPC_MMIO_LOG_MAX 32 /* >= 17: lmw/lswx (128 B), dcbz: 8-byte pieces, page split */
struct ppc_mmio_entry {
	uint64_t phys_addr;
	uint8_t data[8];
	uint8_t len;
	uint8_t is_write;
	uint8_t done; /* load: data valid; store: already emitted */
};

/* Transactional-memory checkpointed state (Book II 5.1; ONE_REG TM_*; see cpu/tm.c). */
struct ppc_tm_ckpt {
	uint64_t gpr[32];
	struct ppc_vsr vsr[64];
	uint64_t cr, lr, ctr, fpscr, amr, ppr, vrsave, dscr, tar, xer;
	uint32_t vscr;
};

/*
 * The footprint of the current transaction (cpu/tm.c): one entry per 128-byte line the
 * transaction loaded (snapshot of the line when first read, for value validation) or
 * stored (the bytes written, with a mask), by real address.
 */
#define PPC_TM_LINE 128
#define PPC_TM_MAX_LINES 64
struct ppc_tm_line {
	uint64_t real;                  /* real address of the line */
	uint64_t wmask[2];              /* bytes the transaction wrote (bit i of wmask[i/64]) */
	uint8_t read;                   /* snap is valid (the transaction loaded from the line) */
	uint8_t snap[PPC_TM_LINE];      /* memory when first loaded */
	uint8_t data[PPC_TM_LINE];      /* the transaction's stores (where wmask says) */
};

struct ppc_tm_run {
	bool live;              /* a footprint is tracked: loads/stores take cpu/tm.c's path */
	bool doomed;            /* failed by an interrupt, failure not recorded yet */
	uint64_t doom_addr;     /* the instruction the interrupt stopped (for TFIAR) */
	uint64_t doom_msr;      /* its MSR (TEXASR privilege bits) */
	uint64_t commit_gen;    /* machine commit count at tbegin. (conflict kind) */
	unsigned nlines;
	struct ppc_tm_line line[PPC_TM_MAX_LINES];
};

struct ppc_machine; /* VM-wide state shared by all vcpus: mmu/physmem.h */
struct ppc_op;      /* a predecoded instruction: cpu/insn.h */
struct ppc_icache;  /* predecode cache: cpu/icache.h */

struct ppc_cpu {
	/* --- user-level architected state (hot; keep first) --- */
	uint64_t gpr[32];
	uint64_t nia;           /* next instruction address */
	uint64_t cia;           /* address of the executing instruction */
	uint64_t lr;
	uint64_t ctr;
	uint64_t msr;
	uint32_t cr;            /* CR0 in bits 31:28 of this word, CR7 in bits 3:0 */
	uint8_t so, ov, ca, ov32, ca32; /* XER flags, each 0 or 1 */
	uint8_t xer_bc;         /* XER[57:63], the string byte count */
	uint64_t xer_rest;      /* other XER bits software wrote (preserved, no effect) */
	uint64_t fpscr;
	uint32_t vscr;          /* VSCR: NJ (bit 16 of the word), SAT (bit 0) */
	struct ppc_vsr vsr[64];

	/* --- SPRs: one storage array indexed by SPR number; the spr/ table says which are
	 *     real, and hooks compute the ones with side effects (DEC, TB, XER, LR...) --- */
	uint64_t spr[1024];

	/* --- load-reserve state (ISA 3.0 Book II 4.4.2) --- */
	uint64_t resv_addr;     /* real address of the reservation granule access */
	uint64_t resv_val[2];   /* value loaded by larx, for the compare-and-swap in stcx. */
	uint8_t resv_size;      /* 0 = no reservation, else the larx access size */

	/* --- interrupts and requests --- */
	_Atomic uint32_t pending;   /* PENDING_* lines */
	uint32_t pending_edge;      /* lines that clear when delivered (KVM_INTERRUPT_SET) */
	_Atomic uint32_t attention; /* ATTN_* */
	/* Remote TLB invalidation (mmu/tlb.c): the machine's inval_gen this vcpu had seen
	 * when it last applied remote requests (ATTN_TLB_REMOTE), whether it is inside
	 * cpu_run (a vcpu outside uses no translation before it applies pending requests),
	 * and the generation its own broadcasts reached, which its next tlbsync waits for
	 * (0 = none); inval_q holds what other vcpus' broadcasts named (mmu/tlb_types.h). */
	_Atomic uint64_t inval_ack;
	_Atomic int inval_running;
	uint64_t inval_wait;
	struct ppc_tlbi_queue inval_q;

	/* --- model and mode --- */
	uint32_t pvr;
	enum ppc_isa_level isa;
	bool papr;              /* KVM_CAP_PPC_PAPR: sc 1 is a hypercall, MSR[HV] stays 0 */
	bool tm_avail;          /* the model has the TM facility (else MSR[TM] stays 0) */
	uint64_t intr_msr;      /* MSR bits set on interrupt entry (SF, plus LE from LPCR[ILE]) */
	uint32_t facility;      /* FAC_* bits the current MSR grants; see cpu_set_msr() */

	bool single_step;       /* KVM_GUESTDBG_SINGLESTEP: exit KVM_EXIT_DEBUG after each insn */
	uint8_t idle;           /* CPU_IDLE_*: in stop/wait/nap until a wake-up event */

	/* --- counters --- */
	uint64_t icount;        /* instructions retired */

	/* --- time and PMU (cpu/timebase.c) --- */
	uint64_t tb_offset;     /* TB = clock ticks + tb_offset, mod 2^64 (ONE_REG TB_OFFSET) */
	uint64_t dec_expiry;    /* TB value at which DEC reads 0 (DEC = dec_expiry - TB) */
	uint64_t hdec_expiry;   /* the same for HDEC */
	uint64_t timer_icount;  /* icount at which cpu_timer_poll() must look again */
	uint64_t pmu_icount;    /* icount when the PMCs were last brought up to date */
	uint64_t cnt_base[4];   /* PURR, SPURR, VTB, IC offsets (see spr_rd_counter) */
	uint64_t clock_icount;  /* icount already added to the VM clock (mach->clock) */
	uint64_t clock_deadline; /* idle in instruction-count time: the clock value it waits for */
	struct ppc_cpu *clock_next; /* the VM clock's list of idle vcpus */
	bool hdec_fired;        /* the HDEC interrupt of the current expiry was raised */
	bool online;            /* ONE_REG ONLINE */
	uint32_t arch_compat;   /* ONE_REG ARCH_COMPAT (0 = the raw PVR's level) */
	uint64_t vpa_addr, vpa_slb[2], vpa_dtl[2]; /* ONE_REG VPA_* (PAPR VPA registration) */
	struct ppc_tm_ckpt tm;  /* checkpointed registers (ONE_REG TM_*) */
	struct ppc_tm_run tmx;  /* the running transaction's footprint (cpu/tm.c) */

	/* --- MMIO replay (see mmu/mem.h) --- */
	struct ppc_mmio_entry mmio_log[PPC_MMIO_LOG_MAX];
	uint8_t mmio_count;     /* entries recorded for the current instruction */
	uint8_t mmio_pos;       /* next entry to replay */

	/* --- links --- */
	struct ppc_machine *mach;
	struct kvm_run *run;    /* where exits are described */
	struct ppc_icache *icache;
	struct ppc_tlb tlb;     /* soft TLB (mmu/tlb_types.h) */
	struct ppc_slb slb;     /* hash MMU segment lookaside buffer (mmu/tlb_types.h) */
	unsigned int id;        /* vcpu id, PIR */
	void *owner;            /* the lib/ vcpu that contains this CPU */
	/* Doorbell delivery to another vcpu (lib/ sets it): raise (@set) or withdraw @line
	 * (PENDING_DOORBELL: @target is the thread in this core; PENDING_H_DOORBELL: the
	 * target PIR). NULL: only this vcpu, as thread 0 / its own PIR, is reachable. */
	void (*doorbell)(struct ppc_cpu *from, uint32_t line, unsigned target, bool set);
};

/* The hardware model (not the instruction level, which ARCH_COMPAT may lower): POWER9
 * or POWER8. SPR availability, HID0 layout and the large decrementer follow it. */
static inline bool cpu_model_p9(const struct ppc_cpu *cpu)
{
	return (cpu->pvr >> 16) == (PVR_POWER9 >> 16);
}

/* ---- instruction fields (ISA 1.6.28 names) ---- */
static inline unsigned insn_po(uint32_t i) { return i >> 26; }
static inline unsigned insn_rt(uint32_t i) { return (i >> 21) & 31; }
static inline unsigned insn_rs(uint32_t i) { return (i >> 21) & 31; }
static inline unsigned insn_ra(uint32_t i) { return (i >> 16) & 31; }
static inline unsigned insn_rb(uint32_t i) { return (i >> 11) & 31; }
static inline unsigned insn_rc_reg(uint32_t i) { return (i >> 6) & 31; }
static inline unsigned insn_bf(uint32_t i) { return (i >> 23) & 7; }
static inline unsigned insn_xo10(uint32_t i) { return (i >> 1) & 0x3ff; }
static inline bool insn_rc(uint32_t i) { return i & 1; }
static inline bool insn_oe(uint32_t i) { return (i >> 10) & 1; }
static inline int64_t insn_si(uint32_t i) { return (int16_t)(i & 0xffff); }
static inline uint64_t insn_ui(uint32_t i) { return i & 0xffff; }
static inline int64_t insn_ds(uint32_t i) { return (int16_t)(i & 0xfffc); }
static inline unsigned insn_spr(uint32_t i) { return ((i >> 16) & 0x1f) | ((i >> 6) & 0x3e0); }

/* ---- XER image ---- */
static inline uint64_t cpu_get_xer(const struct ppc_cpu *cpu)
{
	uint64_t x = cpu->xer_rest | ((uint64_t)cpu->so << 31) | ((uint64_t)cpu->ov << 30) |
		     ((uint64_t)cpu->ca << 29) | ((uint64_t)cpu->ov32 << 19) |
		     ((uint64_t)cpu->ca32 << 18) | cpu->xer_bc;
	/* OV32 and CA32 exist from ISA 3.0 on (Book I 3.2.2); an ISA 2.07 model has no such
	 * bits, whatever the handlers computed or mtxer wrote. */
	if (cpu->isa < PPC_ISA_300)
		x &= ~(XER_OV32 | XER_CA32);
	return x;
}

void cpu_set_xer(struct ppc_cpu *cpu, uint64_t xer);

/* ---- CR ---- */
static inline unsigned cpu_get_crf(const struct ppc_cpu *cpu, unsigned bf)
{
	return (cpu->cr >> (28 - 4 * bf)) & 0xf;
}

static inline void cpu_set_crf(struct ppc_cpu *cpu, unsigned bf, unsigned val)
{
	unsigned sh = 28 - 4 * bf;
	cpu->cr = (cpu->cr & ~(0xfu << sh)) | ((val & 0xf) << sh);
}

/* CR0 for a record form: LT/GT/EQ from the result as a signed value in the current
 * mode (32-bit when MSR[SF] = 0), SO from XER[SO] (ISA 3.0 Book I 3.3.8). */
static inline void cpu_set_cr0(struct ppc_cpu *cpu, uint64_t result)
{
	int64_t v = (cpu->msr & MSR_SF) ? (int64_t)result : (int64_t)(int32_t)result;
	unsigned c = v < 0 ? 8 : v > 0 ? 4 : 2;
	cpu_set_crf(cpu, 0, c | cpu->so);
}

/* Effective-address arithmetic wraps at 32 bits in 32-bit mode (ISA 3.0 Book I 1.10.3). */
static inline uint64_t cpu_ea(const struct ppc_cpu *cpu, uint64_t ea)
{
	return (cpu->msr & MSR_SF) ? ea : (uint32_t)ea;
}

/* ---- interrupts: cpu/excp.c ---- */

/**
 * cpu_interrupt() - deliver a synchronous interrupt now: save SRR0/SRR1 (or HSRR0/HSRR1),
 * transform the MSR, set nia to the vector. @srr1_bits are the interrupt-specific SRR1
 * bits (e.g. SRR1_PROG_ILL). For interrupts that report the faulting instruction, SRR0 =
 * cia; for those that report the next one (sc, traps after completion...), the table says.
 * Return: PPC_EXC always (so handlers can `return cpu_interrupt(...)`).
 */
int cpu_interrupt(struct ppc_cpu *cpu, enum ppc_excp kind, uint64_t srr1_bits);

/** cpu_interrupt_hcall() - `sc 1` from a guest of a machine with a hypervisor: the
 * system call interrupt taken into hypervisor state (0xc00, no AIL). Return: PPC_EXC. */
int cpu_interrupt_hcall(struct ppc_cpu *cpu);

/** cpu_trace() - after @insn completed under @msr with MSR[SE] or MSR[BE]: the trace
 * interrupt (0xd00, SRR0 = next instruction) if the ISA says this one is traced.
 * Return: PPC_OK (not traced) or PPC_EXC. */
int cpu_trace(struct ppc_cpu *cpu, uint64_t msr, uint32_t insn);

/** cpu_program_illegal() - program interrupt, illegal instruction. Return: PPC_EXC. */
int cpu_program_illegal(struct ppc_cpu *cpu);

/** cpu_check_async() - deliver the highest-priority pending asynchronous interrupt that
 * the current MSR allows. Return: PPC_OK if none, PPC_EXC if one was delivered. */
int cpu_check_async(struct ppc_cpu *cpu);

/**
 * cpu_facility_unavailable() - Facility Unavailable interrupt (FSCR, 0xf60) or, when
 * @hv, Hypervisor Facility Unavailable (HFSCR, 0xf80), with interruption cause @ic
 * (FAC_IC_* in spr/spr.h) recorded in the top byte of FSCR/HFSCR. Return: PPC_EXC.
 */
int cpu_facility_unavailable(struct ppc_cpu *cpu, unsigned ic, bool hv);

/**
 * cpu_facility_check() - the FSCR (problem state) and HFSCR (guest state of a non-PAPR
 * machine) check for facility @ic. Return: PPC_OK if usable, else PPC_EXC (delivered).
 */
int cpu_facility_check(struct ppc_cpu *cpu, unsigned ic);

/*
 * Power-saving mode (cpu/excp.c): stop, wait, and POWER8's nap/doze/sleep/rvwinkle.
 * A handler calls cpu_idle_enter(); if no wake-up event is pending it returns PPC_EXIT
 * with the internal exit KVM_EXIT_HLT and cpu->idle set, and the vcpu thread blocks in
 * vcpu_run (the H_CEDE wait) until cpu_idle_wakes() or a kick; cpu_run() then calls
 * cpu_idle_resume() before anything else.
 */
enum {
	CPU_IDLE_NONE = 0,
	CPU_IDLE_RESUME, /* stop with EC = 0: resume at the next instruction */
	CPU_IDLE_WAIT,   /* wait: any pending exception ends it, then the next instruction */
	CPU_IDLE_RESET,  /* stop with EC = 1, nap...: resume at the system reset vector */
};

/** cpu_idle_enter() - enter power-saving mode @mode. Return: PPC_OK/PPC_EXC (a wake-up
 * event was already pending: left at once), or PPC_EXIT (idle, KVM_EXIT_HLT). */
int cpu_idle_enter(struct ppc_cpu *cpu, unsigned mode);

/** cpu_idle_wakes() - is a wake-up event of the current power-saving mode pending? */
bool cpu_idle_wakes(const struct ppc_cpu *cpu);

/** cpu_idle_resume() - leave power-saving mode if a wake-up event is pending (for
 * CPU_IDLE_RESET: the system reset interrupt with the wake reason in SRR1).
 * Return: PPC_OK, PPC_EXC, or PPC_EXIT (still idle, KVM_EXIT_HLT prepared). */
int cpu_idle_resume(struct ppc_cpu *cpu);

/** cpu_set_msr() - the one place that changes the MSR outside interrupt delivery: applies
 * the PAPR forcing (HV off, ME on), reserved bits, and retags the translation context. */
void cpu_set_msr(struct ppc_cpu *cpu, uint64_t msr);

/* ---- life cycle: cpu/cpu.c ---- */

/** cpu_init() - architected reset state for model @pvr. Return: 0 or -EINVAL (unknown PVR). */
int cpu_init(struct ppc_cpu *cpu, uint32_t pvr, unsigned int id);

/** cpu_set_model() - change the PVR (set_sregs). Return: 0 or -EINVAL. */
int cpu_set_model(struct ppc_cpu *cpu, uint32_t pvr);

/**
 * cpu_run() - interpret from cpu->nia until an exit or until cpu->attention has ATTN_KICK.
 * Return: PPC_EXIT with cpu->run->exit_reason set, or -EINTR when kicked.
 */
int cpu_run(struct ppc_cpu *cpu);

/**
 * cpu_execute_one() - execute the single instruction @insn as if fetched at cpu->cia
 * (emulate_op and tests use this). nia is set to cia + 4 before the handler runs.
 * Return: PPC_OK, PPC_EXC or PPC_EXIT.
 */
int cpu_execute_one(struct ppc_cpu *cpu, uint32_t insn);

/* ---- time: cpu/timebase.c ---- */

/** cpu_tb() - the current time base value: ticks of the VM clock (mach->clock: the
 * host's monotonic clock at 512 MHz, or instruction-count time) plus tb_offset. */
uint64_t cpu_tb(const struct ppc_cpu *cpu);

/** cpu_timer_poll() - raise PENDING_DEC/PENDING_HDEC (and ATTN_INTERRUPT) for expired
 * decrementers and PENDING_PERF_MON for PMC overflow, publish the instructions retired to
 * the VM clock, and set timer_icount. The run loop calls it at block boundaries once
 * icount >= timer_icount (a cheap compare). */
void cpu_timer_poll(struct ppc_cpu *cpu);

/**
 * cpu_dec_wait_ns() - for a vcpu that idles (H_CEDE, stop) in host time: nanoseconds
 * until the decrementer goes negative, 0 if it already is. The caller then sleeps (or
 * not) and lets cpu_timer_poll() raise the interrupt. (In instruction-count time the
 * wait is cpu_dec_deadline() on the VM clock instead.)
 */
uint64_t cpu_dec_wait_ns(struct ppc_cpu *cpu);

/* ---- the VM clock (mmu/physmem.h struct ppc_clock) ---- */

/** cpu_clock_virtual() - the VM's time moves with instructions (not the host's clock). */
bool cpu_clock_virtual(const struct ppc_cpu *cpu);

/** cpu_clock_enter()/cpu_clock_leave() - cpu_run brackets: the vcpu counts as executing
 * (it advances the clock, so idle vcpus wait for it rather than jump); leaving publishes
 * its instructions. */
void cpu_clock_enter(struct ppc_cpu *cpu);
void cpu_clock_leave(struct ppc_cpu *cpu);

/** cpu_clock_publish() - add the instructions retired since the last publish to the VM
 * clock (instruction-count time), waking idle vcpus whose deadline it passes. */
void cpu_clock_publish(struct ppc_cpu *cpu);

/** cpu_clock_now() - the VM clock as this vcpu sees it (published + its own part), in the
 * clock's units (virtual ns; ticks with PPC_CLOCK_TICKS). Instruction-count time only. */
uint64_t cpu_clock_now(const struct ppc_cpu *cpu);

/** cpu_dec_deadline() - the VM clock value at which this vcpu's DEC reads negative
 * (<= cpu_clock_now() if it already does). Instruction-count time only. */
uint64_t cpu_dec_deadline(const struct ppc_cpu *cpu);

/** cpu_clock_restart() - after the VM clock's mode changed (before the vcpu first runs):
 * TB = the new clock + tb_offset; DEC and HDEC restart at 0x7fffffff and PURR, SPURR and
 * VTB at 0 as at creation, so nothing depends on the host time spent before the change. */
void cpu_clock_restart(struct ppc_cpu *cpu);

/** cpu_timer_reset() - DEC/HDEC far in the future, TB offset 0, counters 0 (cpu_init). */
void cpu_timer_reset(struct ppc_cpu *cpu);

/** cpu_pmu_sync() - account the instructions retired since the last sync to PMC5/PMC6
 * under the freeze rules of the MSR in effect; called before the MSR or MMCR0 changes. */
void cpu_pmu_sync(struct ppc_cpu *cpu);

/** cpu_dec_width() - decrementer width in bits: 32, or 56 with LPCR[LD] on POWER9. */
unsigned cpu_dec_width(const struct ppc_cpu *cpu);

#endif /* KVMPPC_CPU_H */
