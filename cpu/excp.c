/* SPDX-License-Identifier: MIT */
/*
 * Interrupt delivery (ISA 3.0B Book III 7): one table of vectors, one delivery function,
 * and the priority order of the asynchronous interrupts.
 *
 * Delivery (7.5, figure "MSR setting due to interrupt"):
 *  - SRR0 (HSRR0 for hypervisor interrupts) = the faulting instruction (cia) or the next
 *    one (nia), per row; SRR1 (HSRR1) = MSR with bits 33:36 and 42:47 replaced by the
 *    interrupt-specific bits.
 *  - new MSR: SF = 1; HV = 1 for hypervisor interrupts (and system reset / machine check
 *    / HMI), else unchanged; ME unchanged (0 for machine check); LE = LPCR[ILE] (HID0
 *    HILE for interrupts taken in hypervisor state); S unchanged; TS = S if it was T or S
 *    (the transaction is doomed, cpu/tm.c), else N; every other bit 0,
 *    except IR = DR = 1 when the interrupt is taken with relocation on (AIL).
 *  - AIL (LPCR[AIL], 7.5): when the interrupt is not system reset, machine check or HMI,
 *    the MSR had IR = DR = 1, and the interrupt is taken in the same hypervisor state
 *    (a guest's interrupt, or a hypervisor interrupt from hypervisor state), AIL = 2
 *    adds 0x18000 to the vector and AIL = 3 adds 0xc000000000004000, with IR = DR = 1.
 *  - A PAPR guest has no hypervisor: hypervisor emulation assistance and hypervisor
 *    facility unavailable reach it as the illegal-instruction program interrupt (as KVM
 *    reflects them), and HDEC, hypervisor doorbells and HMIs never become pending.
 *  - HMI (0xe60, 7.5.17): its sources (HMER: timer-facility, core and hypervisor
 *    resource errors, enabled by HMEER) are hypervisor facilities; the interpreter has no
 *    such errors, so nothing raises it: the row is here for the vector table and for
 *    software that writes HMER (AND semantics, spr/spr.c). A PAPR guest could not take it
 *    anyway (on real machines the hypervisor handles HMIs and at most reports them to
 *    the partition through RTAS/machine-check events), so no code is needed for it.
 */
#include "cpu/cpu.h"
#include "cpu/tm.h"
#include "spr/spr.h"

struct excp_info {
	uint32_t vector;
	uint8_t hv;        /* delivered with HSRR0/1 into hypervisor state */
	uint8_t srr0_next; /* SRR0 = address of the next instruction, not the current one */
	uint8_t no_ail;    /* never relocated by LPCR[AIL] */
	uint8_t to_hv;     /* enters hypervisor state although it uses SRR0/1 */
};

static const struct excp_info excp_table[EXCP_COUNT] = {
	[EXCP_SYSTEM_RESET] = {0x100, 0, 1, 1, 1},
	[EXCP_MACHINE_CHECK] = {0x200, 0, 0, 1, 1},
	[EXCP_DSI] = {0x300, 0, 0, 0, 0},
	[EXCP_DSEG] = {0x380, 0, 0, 0, 0},
	[EXCP_ISI] = {0x400, 0, 0, 0, 0},
	[EXCP_ISEG] = {0x480, 0, 0, 0, 0},
	[EXCP_EXTERNAL] = {0x500, 0, 1, 0, 0},
	[EXCP_ALIGNMENT] = {0x600, 0, 0, 0, 0},
	[EXCP_PROGRAM] = {0x700, 0, 0, 0, 0},
	[EXCP_FP_UNAVAIL] = {0x800, 0, 0, 0, 0},
	[EXCP_DECREMENTER] = {0x900, 0, 1, 0, 0},
	[EXCP_HV_DECREMENTER] = {0x980, 1, 1, 0, 1},
	[EXCP_DOORBELL] = {0xa00, 0, 1, 0, 0},
	[EXCP_SYSCALL] = {0xc00, 0, 1, 0, 0},
	[EXCP_TRACE] = {0xd00, 0, 1, 0, 0},
	[EXCP_HDSI] = {0xe00, 1, 0, 0, 1},
	[EXCP_HISI] = {0xe20, 1, 0, 0, 1},
	[EXCP_HEAI] = {0xe40, 1, 0, 0, 1},
	[EXCP_HMI] = {0xe60, 1, 1, 1, 1},
	[EXCP_H_DOORBELL] = {0xe80, 1, 1, 0, 1},
	[EXCP_H_VIRT] = {0xea0, 1, 1, 0, 1},
	[EXCP_PERF_MON] = {0xf00, 0, 1, 0, 0},
	[EXCP_VMX_UNAVAIL] = {0xf20, 0, 0, 0, 0},
	[EXCP_VSX_UNAVAIL] = {0xf40, 0, 0, 0, 0},
	[EXCP_FAC_UNAVAIL] = {0xf60, 0, 0, 0, 0},
	[EXCP_H_FAC_UNAVAIL] = {0xf80, 1, 0, 0, 1},
	[EXCP_SYSCALL_VECTORED] = {0x17000, 0, 1, 0, 0},
};

/* SRR1 bits 33:36 and 42:47 carry interrupt-specific information; the rest copy MSR. */
#define SRR1_INFO_MASK 0x00000000783f0000ULL

/* HID0[HILE]: the endianness of interrupts taken in hypervisor state (POWER8 user
 * manual: HID0 bit 19; POWER9: bit 4). */
static uint64_t hid0_hile(const struct ppc_cpu *cpu)
{
	return cpu_model_p9(cpu) ? 1ULL << 59 : 1ULL << 44;
}

/* The MSR an interrupt of kind @kind enters with (before AIL). */
static uint64_t entry_msr(const struct ppc_cpu *cpu, enum ppc_excp kind, bool to_hv)
{
	uint64_t msr = MSR_SF | (cpu->msr & (MSR_ME | MSR_HV | MSR_S));
	if (to_hv || (cpu->msr & MSR_HV)) {
		/* taken in hypervisor state: HV = 1 and the hypervisor's endianness */
		msr |= MSR_HV;
		if (cpu->spr[SPR_HID0] & hid0_hile(cpu))
			msr |= MSR_LE;
	} else if (cpu->intr_msr & MSR_LE) {
		msr |= MSR_LE;
	}
	if (kind == EXCP_MACHINE_CHECK)
		msr &= ~MSR_ME;
	return msr;
}

/* The AIL offset for an interrupt entering hypervisor state @to_hv, or 0 (7.5). */
static uint64_t ail_offset(const struct ppc_cpu *cpu, const struct excp_info *e, bool to_hv)
{
	if (e->no_ail || (cpu->msr & (MSR_IR | MSR_DR)) != (MSR_IR | MSR_DR))
		return 0;
	/* A hypervisor interrupt from a guest is taken with relocation off. */
	if (to_hv && !(cpu->msr & MSR_HV))
		return 0;
	switch ((cpu->spr[SPR_LPCR] & LPCR_AIL) >> LPCR_AIL_SHIFT) {
	case 2: return 0x18000;
	case 3: return 0xc000000000004000ULL;
	default: return 0;
	}
}

/* deliver() modes: sc 1 into hypervisor state (SRR0/1, no AIL); an external interrupt
 * directed to the hypervisor (LPCR[LPES] = 0: HSRR0/1, HV = 1). */
#define DELIVER_HCALL 1
#define DELIVER_HV_EXT 2

static int deliver(struct ppc_cpu *cpu, enum ppc_excp kind, uint64_t srr1_bits, int mode);

int cpu_interrupt(struct ppc_cpu *cpu, enum ppc_excp kind, uint64_t srr1_bits)
{
	return deliver(cpu, kind, srr1_bits, 0);
}

int cpu_interrupt_hcall(struct ppc_cpu *cpu)
{
	return deliver(cpu, EXCP_SYSCALL, 0, DELIVER_HCALL);
}

static int deliver(struct ppc_cpu *cpu, enum ppc_excp kind, uint64_t srr1_bits, int mode)
{
	bool hcall = mode == DELIVER_HCALL;
	if (cpu->papr && (kind == EXCP_HEAI || kind == EXCP_H_FAC_UNAVAIL)) {
		kind = EXCP_PROGRAM;
		srr1_bits = SRR1_PROG_ILL;
	}
	const struct excp_info *e = &excp_table[kind];
	/* A PAPR guest never enters hypervisor state; the rest go there when they say so. */
	bool to_hv = (e->to_hv || mode) && !cpu->papr;
	uint64_t srr0 = e->srr0_next ? cpu->nia : cpu->cia;
	uint64_t srr1 = (cpu->msr & ~SRR1_INFO_MASK) | (srr1_bits & SRR1_INFO_MASK);
	if ((e->hv || mode == DELIVER_HV_EXT) && !cpu->papr) {
		cpu->spr[SPR_HSRR0] = srr0;
		cpu->spr[SPR_HSRR1] = srr1;
	} else {
		cpu->spr[SPR_SRR0] = srr0;
		cpu->spr[SPR_SRR1] = srr1;
	}
	uint64_t off = hcall ? 0 : ail_offset(cpu, e, to_hv);
	uint64_t msr = entry_msr(cpu, kind, to_hv);
	if (off)
		msr |= MSR_IR | MSR_DR;
	/* Book III 5.x/7.5: an interrupt in Transactional state is taken in Suspended state
	 * (the transaction fails); otherwise TS is unchanged. MSR[TM] = 0. */
	if (PPC_UNLIKELY(cpu->msr & MSR_TS))
		msr |= tm_interrupt_ts(cpu);
	cpu_pmu_sync(cpu);
	cpu_set_msr(cpu, msr);
	cpu->nia = e->vector + off;
	cpu->resv_size = 0;
	return PPC_EXC;
}

int cpu_program_illegal(struct ppc_cpu *cpu)
{
	return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_ILL);
}

/*
 * Trace (ISA 3.0B Book III 7.5.15): with MSR[SE] every instruction that completes is
 * traced, except the returns from interrupt (rfid, hrfid, rfscv), which run with the
 * handler's MSR anyway, and mtmsr/mtmsrd (whose new MSR decides from the next one on);
 * with MSR[BE] every branch instruction (b, bc, bclr, bcctr, bctar). SRR0 = the next
 * instruction, SIAR = the traced one; SRR1 info bits are 0.
 */
static bool is_branch(uint32_t insn)
{
	unsigned po = insn >> 26, xo = (insn >> 1) & 0x3ff;
	return po == 16 || po == 18 || (po == 19 && (xo == 16 || xo == 528 || xo == 560));
}

static bool trace_exempt(uint32_t insn)
{
	unsigned po = insn >> 26, xo = (insn >> 1) & 0x3ff;
	return (po == 19 && (xo == 18 || xo == 274 || xo == 82)) ||
	       (po == 31 && (xo == 146 || xo == 178));
}

int cpu_trace(struct ppc_cpu *cpu, uint64_t msr, uint32_t insn)
{
	if (trace_exempt(insn))
		return PPC_OK;
	if (!(msr & MSR_SE) && !is_branch(insn))
		return PPC_OK;
	cpu->spr[SPR_SIAR] = cpu->cia;
	return cpu_interrupt(cpu, EXCP_TRACE, 0);
}

int cpu_facility_unavailable(struct ppc_cpu *cpu, unsigned ic, bool hv)
{
	unsigned sprn = hv ? SPR_HFSCR : SPR_FSCR;
	cpu->spr[sprn] = (cpu->spr[sprn] & ~(0xffULL << FSCR_IC_SHIFT)) |
			 ((uint64_t)ic << FSCR_IC_SHIFT);
	return cpu_interrupt(cpu, hv ? EXCP_H_FAC_UNAVAIL : EXCP_FAC_UNAVAIL, 0);
}

int cpu_facility_check(struct ppc_cpu *cpu, unsigned ic)
{
	/* HFSCR first: a hypervisor-disabled facility is the hypervisor's business even in
	 * problem state (ISA 3.0B 9.2.2/9.2.3). A PAPR machine's HFSCR is the library's own
	 * and grants everything. */
	if (ic != FAC_IC_SCV /* HFSCR has no SCV bit */ && !(cpu->msr & MSR_HV) && !cpu->papr &&
	    !(cpu->spr[SPR_HFSCR] & FSCR_BIT(ic)))
		return cpu_facility_unavailable(cpu, ic, true);
	if ((cpu->msr & MSR_PR) && !(cpu->spr[SPR_FSCR] & FSCR_BIT(ic)))
		return cpu_facility_unavailable(cpu, ic, false);
	return PPC_OK;
}

/*
 * Asynchronous interrupts, highest priority first (ISA 3.0B 7.6.2 for the ones this CPU
 * has): system reset, machine check, HMI, hypervisor decrementer, hypervisor doorbell,
 * external, performance monitor, decrementer, directed privileged doorbell. The
 * asynchronous ones are taken at an instruction boundary with SRR0 = the next
 * instruction, so cia is moved there first.
 *
 * Enables: external, decrementer, doorbell and PMI need MSR[EE]; HDEC and the
 * hypervisor doorbell need MSR[EE] or MSR[HV] = 0 (they interrupt a guest whatever its
 * EE), and HDEC also LPCR[HDICE]. Level-triggered lines (DEC, level external) stay pending after
 * delivery; edge lines clear when delivered.
 */
int cpu_check_async(struct ppc_cpu *cpu)
{
	uint32_t p = atomic_load_explicit(&cpu->pending, memory_order_acquire);
	if (!p)
		return PPC_OK;
	bool ee = (cpu->msr & MSR_EE) != 0;
	bool hv_en = ee || !(cpu->msr & MSR_HV);
	enum ppc_excp kind;
	uint32_t clear = 0;
	if (p & PENDING_SYSTEM_RESET) {
		kind = EXCP_SYSTEM_RESET;
		clear = PENDING_SYSTEM_RESET;
	} else if ((p & PENDING_MACHINE_CHECK) && (cpu->msr & MSR_ME)) {
		kind = EXCP_MACHINE_CHECK;
		clear = PENDING_MACHINE_CHECK;
	} else if ((p & PENDING_HDEC) && hv_en && (cpu->spr[SPR_LPCR] & LPCR_HDICE) &&
		   !cpu->papr) {
		kind = EXCP_HV_DECREMENTER;
		clear = PENDING_HDEC; /* HDEC is edge-like: taken once per expiry */
	} else if ((p & PENDING_H_DOORBELL) && hv_en && !cpu->papr) {
		kind = EXCP_H_DOORBELL;
		clear = PENDING_H_DOORBELL;
	} else if ((p & PENDING_EXTERNAL) && !cpu->papr && !(cpu->spr[SPR_LPCR] & LPCR_LPES0) &&
		   hv_en) {
		/* LPCR[LPES] = 0: external interrupts go to the hypervisor (7.5.7) */
		if (cpu->pending_edge & PENDING_EXTERNAL) {
			cpu->pending_edge &= ~PENDING_EXTERNAL;
			atomic_fetch_and(&cpu->pending, ~PENDING_EXTERNAL);
		}
		cpu->cia = cpu->nia;
		return deliver(cpu, EXCP_EXTERNAL, 0, DELIVER_HV_EXT);
	} else if ((p & PENDING_EXTERNAL) && ee &&
		   (cpu->papr || (cpu->spr[SPR_LPCR] & LPCR_LPES0))) {
		kind = EXCP_EXTERNAL;
		if (cpu->pending_edge & PENDING_EXTERNAL) {
			cpu->pending_edge &= ~PENDING_EXTERNAL;
			clear = PENDING_EXTERNAL;
		}
	} else if ((p & PENDING_PERF_MON) && ee) {
		kind = EXCP_PERF_MON;
		clear = PENDING_PERF_MON;
	} else if ((p & PENDING_DEC) && ee) {
		kind = EXCP_DECREMENTER;
	} else if ((p & PENDING_DOORBELL) && ee) {
		kind = EXCP_DOORBELL;
		clear = PENDING_DOORBELL;
	} else {
		return PPC_OK;
	}
	if (clear)
		atomic_fetch_and(&cpu->pending, ~clear);
	cpu->cia = cpu->nia;
	return cpu_interrupt(cpu, kind, 0);
}

/*
 * Power-saving mode (ISA 3.0B Book III: stop and PSSCR in the Branch Facility chapter,
 * the System Reset interrupt 7.5.1; ISA 2.07B Book III: nap/doze/sleep/rvwinkle).
 *
 * Wake-up events: with a hypervisor present, the pending exceptions that LPCR[PECE]
 * enables (PDEE: privileged doorbell, HDEE: hypervisor doorbell, EEE: external, DEE:
 * decrementer, OEE: the others, here machine check, HDEC and the performance monitor);
 * system reset always. A PAPR guest cannot see LPCR: the library, as its hypervisor,
 * enables every exit cause (so a pending external, decrementer, doorbell or performance
 * monitor exception ends the stop), and since PSSCR[ESL] and PSSCR[EC] are not in the
 * guest's view of PSSCR the guest's stop always behaves as ESL = EC = 0: it resumes at
 * the next instruction, where an interrupt MSR[EE] allows is then taken. `wait` with
 * WC = 0 ends at any pending exception (Book II 4.6).
 *
 * CPU_IDLE_RESET (stop with EC = 1 in hypervisor state, nap/doze/sleep/rvwinkle): the
 * thread resumes with the system reset interrupt, SRR0 = the instruction after the one
 * that entered power-saving mode, SRR1[42:45] = the wake reason and SRR1[46:47] = 0b01
 * (no state was lost: the interpreter keeps every register whatever the level). The
 * exception that caused the wake-up stays pending and is taken when the software enables
 * it. A machine check ends the mode like EC = 0 and is then taken at 0x200.
 */
#define LPCR_PDEE (1ULL << 16) /* LPCR bits 47:51 (ISA 3.0B 2.2) */
#define LPCR_HDEE (1ULL << 15)
#define LPCR_EEE (1ULL << 14)
#define LPCR_DEE (1ULL << 13)
#define LPCR_OEE (1ULL << 12)
#define SRR1_WAKE_EXT 0x00200000ULL    /* SRR1[42:45] = 0b1000 */
#define SRR1_WAKE_DEC 0x00180000ULL    /* 0b0110 */
#define SRR1_WAKE_DBELL 0x00140000ULL  /* 0b0101 */
#define SRR1_WAKE_RESET 0x00100000ULL  /* 0b0100 */
#define SRR1_WAKE_HDBELL 0x000c0000ULL /* 0b0011 */
#define SRR1_WAKE_OTHER 0x00280000ULL  /* 0b1010 (HMI on POWER8/9): HDEC, PMI here */
#define SRR1_WS_NOLOSS 0x00010000ULL   /* SRR1[46:47] = 0b01 */

static uint32_t idle_wake_lines(const struct ppc_cpu *cpu)
{
	uint32_t p = atomic_load_explicit(&cpu->pending, memory_order_acquire);
	if (cpu->papr || cpu->idle == CPU_IDLE_WAIT)
		return p;
	uint64_t lpcr = cpu->spr[SPR_LPCR];
	uint32_t en = PENDING_SYSTEM_RESET;
	if (lpcr & LPCR_PDEE)
		en |= PENDING_DOORBELL;
	if (lpcr & LPCR_HDEE)
		en |= PENDING_H_DOORBELL;
	if (lpcr & LPCR_EEE)
		en |= PENDING_EXTERNAL;
	if (lpcr & LPCR_DEE)
		en |= PENDING_DEC;
	if (lpcr & LPCR_OEE)
		en |= PENDING_MACHINE_CHECK | PENDING_HDEC | PENDING_PERF_MON;
	return p & en;
}

bool cpu_idle_wakes(const struct ppc_cpu *cpu)
{
	return idle_wake_lines(cpu) != 0;
}

int cpu_idle_resume(struct ppc_cpu *cpu)
{
	uint32_t w = idle_wake_lines(cpu);
	if (!w) {
		if (cpu->run)
			cpu->run->exit_reason = KVM_EXIT_HLT; /* internal: vcpu_run waits */
		return PPC_EXIT;
	}
	unsigned mode = cpu->idle;
	cpu->idle = CPU_IDLE_NONE;
	if (mode != CPU_IDLE_RESET || (w & PENDING_MACHINE_CHECK))
		return PPC_OK;
	uint64_t why;
	if (w & PENDING_SYSTEM_RESET) {
		atomic_fetch_and(&cpu->pending, ~PENDING_SYSTEM_RESET);
		why = SRR1_WAKE_RESET;
	} else if (w & PENDING_H_DOORBELL) {
		why = SRR1_WAKE_HDBELL;
	} else if (w & PENDING_EXTERNAL) {
		why = SRR1_WAKE_EXT;
	} else if (w & PENDING_DEC) {
		why = SRR1_WAKE_DEC;
	} else if (w & PENDING_DOORBELL) {
		why = SRR1_WAKE_DBELL;
	} else {
		why = SRR1_WAKE_OTHER;
	}
	cpu->cia = cpu->nia;
	return deliver(cpu, EXCP_SYSTEM_RESET, why | SRR1_WS_NOLOSS, 0);
}

int cpu_idle_enter(struct ppc_cpu *cpu, unsigned mode)
{
	cpu->idle = (uint8_t)mode;
	cpu_timer_poll(cpu); /* an expired decrementer is an exception already */
	return cpu_idle_resume(cpu);
}
