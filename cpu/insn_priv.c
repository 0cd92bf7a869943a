/* SPDX-License-Identifier: MIT */
/*
 * Privileged instructions: MSR moves, rfid/hrfid/rfscv, doorbells, stop (ISA 3.0B
 * Book III). The interpreter and emulate_op share these handlers. Privilege is checked
 * by the row flags (INSN_NEED_PRIV / INSN_NEED_HV) before a handler runs.
 */
#include "cpu/insn.h"
#include "cpu/tm.h"
#include "spr/spr.h"

/* MSR bits that MSR moves compute rather than copy. */
#define MSR_EE_IR_DR (MSR_EE | MSR_IR | MSR_DR)
/* SRR1/CTR bits 33:36 and 42:47 are interrupt information, never MSR bits (rfid). */
#define MSR_INFO_BITS 0x00000000783f0000ULL

int insn_mfmsr(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_rt(insn)] = cpu->msr;
	return PPC_OK;
}

/*
 * mtmsr/mtmsrd (Book III 5.4.4). L = 1 changes only EE and RI. L = 0 copies every bit but
 * HV, S, ME and LE (which only the return-from-interrupt instructions change), and forces
 * EE, IR and DR on when the new state is problem state. mtmsr touches MSR 32:63 only.
 */
static int mtmsr_common(struct ppc_cpu *cpu, uint32_t insn, uint64_t scope)
{
	uint64_t rs = cpu->gpr[insn_rs(insn)];
	uint64_t msr;
	if ((insn >> 16) & 1) {
		uint64_t m = MSR_EE | MSR_RI;
		msr = (cpu->msr & ~m) | (rs & m);
	} else {
		uint64_t m = scope & ~(MSR_HV | MSR_S | MSR_ME | MSR_LE);
		msr = (cpu->msr & ~m) | (rs & m);
		if (rs & MSR_PR)
			msr |= MSR_EE_IR_DR;
	}
	uint64_t old = cpu->msr;
	int st = tm_msr_transition(cpu, &msr); /* MSR[TS] changes (mtmsrd only) */
	if (st != PPC_OK)
		return st;
	cpu_set_msr(cpu, msr);
	return tm_after_msr(cpu, old);
}

int insn_mtmsr(struct ppc_cpu *cpu, uint32_t insn)
{
	return mtmsr_common(cpu, insn, 0xffffffffULL);
}

int insn_mtmsrd(struct ppc_cpu *cpu, uint32_t insn)
{
	return mtmsr_common(cpu, insn, UINT64_MAX);
}

/*
 * The MSR a return-from-interrupt instruction installs from @src (rfid: SRR1, hrfid:
 * HSRR1, rfscv: CTR). HV can only be cleared, and ME only changes in hypervisor state,
 * except for hrfid which takes both from HSRR1 (Book III 5.4.4 / 7.2).
 */
static uint64_t return_msr(const struct ppc_cpu *cpu, uint64_t src, bool hyp)
{
	uint64_t keep = MSR_S | MSR_INFO_BITS;
	uint64_t msr = (cpu->msr & keep) | (src & ~(keep | MSR_HV | MSR_ME));
	if (hyp) {
		msr |= src & (MSR_HV | MSR_ME);
	} else {
		msr |= cpu->msr & src & MSR_HV;
		msr |= ((cpu->msr & MSR_HV) ? src : cpu->msr) & MSR_ME;
	}
	if (src & MSR_PR)
		msr |= MSR_EE_IR_DR;
	return msr;
}

/* The returns from interrupt also set CFAR to their own address (Book III, CFAR). */
static int return_to(struct ppc_cpu *cpu, uint64_t nia, uint64_t msr)
{
	uint64_t old = cpu->msr;
	int st = tm_msr_transition(cpu, &msr); /* illegal TS changes: TM Bad Thing */
	if (st != PPC_OK)
		return st;
	cpu->spr[SPR_CFAR] = cpu->cia;
	cpu_set_msr(cpu, msr);
	cpu->nia = cpu_ea(cpu, nia & ~3ULL);
	cpu->resv_size = 0;
	return tm_after_msr(cpu, old); /* resuming a failed transaction: its handler */
}

int insn_rfid(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return return_to(cpu, cpu->spr[SPR_SRR0], return_msr(cpu, cpu->spr[SPR_SRR1], false));
}

int insn_hrfid(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return return_to(cpu, cpu->spr[SPR_HSRR0], return_msr(cpu, cpu->spr[SPR_HSRR1], true));
}

int insn_rfscv(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return return_to(cpu, cpu->lr, return_msr(cpu, cpu->ctr, false));
}

/*
 * scv LEV (ISA 3.0B Book III 7.5.19): LR = the next instruction, CTR = MSR with bits
 * 33:36 and 42:47 cleared; the new MSR is the usual interrupt MSR except that EE, RI, ME
 * and HV do not change. Vectors: 0x17000 + 32 * LEV, or 0xc000000000003000 + 32 * LEV
 * with relocation on when LPCR[AIL] = 3 and the caller ran with IR = DR = 1.
 * FSCR[SCV] = 0 gives a facility unavailable interrupt instead.
 */
int insn_scv(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = cpu_facility_check(cpu, FAC_IC_SCV);
	if (st != PPC_OK)
		return st;
	unsigned lev = (insn >> 5) & 0x7f;
	uint64_t old = cpu->msr;
	cpu->lr = cpu->nia;
	cpu->ctr = old & ~MSR_INFO_BITS;
	uint64_t msr = MSR_SF | (old & (MSR_EE | MSR_RI | MSR_ME | MSR_HV | MSR_S)) |
		       (cpu->intr_msr & MSR_LE);
	uint64_t base = 0x17000;
	if (((cpu->spr[SPR_LPCR] & LPCR_AIL) >> LPCR_AIL_SHIFT) == 3 &&
	    (old & (MSR_IR | MSR_DR)) == (MSR_IR | MSR_DR)) {
		base = 0xc000000000003000ULL;
		msr |= MSR_IR | MSR_DR;
	}
	cpu_pmu_sync(cpu);
	cpu_set_msr(cpu, msr);
	cpu->nia = base + 32 * (uint64_t)lev;
	cpu->resv_size = 0;
	return PPC_EXC;
}

/*
 * Doorbells (ISA 3.0B Book III 11). msgsndp/msgclrp name a thread of this core (TIR,
 * RB 57:63), msgsnd/msgclr a thread by PIR (RB 37:63); the message type (RB 32:36) must
 * be 5 (the server doorbell), other types do nothing. The library's doorbell hook finds
 * the target vcpu (cores are groups of smt_mode consecutive vcpu ids); without it only
 * this vcpu is reachable.
 */
#define DBELL_TYPE(rb) (((rb) >> 27) & 0x1f)
#define DBELL_SERVER 5

static void set_line(struct ppc_cpu *cpu, uint32_t line, bool on)
{
	if (on) {
		atomic_fetch_or(&cpu->pending, line);
		atomic_fetch_or(&cpu->attention, ATTN_INTERRUPT);
	} else {
		atomic_fetch_and(&cpu->pending, ~line);
	}
}

static int msgp(struct ppc_cpu *cpu, uint32_t insn, bool on)
{
	int st = cpu_facility_check(cpu, FAC_IC_MSGP);
	if (st != PPC_OK)
		return st;
	uint64_t rb = cpu->gpr[insn_rb(insn)];
	if (DBELL_TYPE(rb) != DBELL_SERVER)
		return PPC_OK;
	if (cpu->doorbell)
		cpu->doorbell(cpu, PENDING_DOORBELL, (unsigned)(rb & 0x7f), on);
	else if ((rb & 0x7f) == 0)
		set_line(cpu, PENDING_DOORBELL, on);
	return PPC_OK;
}

int insn_msgsndp(struct ppc_cpu *cpu, uint32_t insn)
{
	return msgp(cpu, insn, true);
}

int insn_msgclrp(struct ppc_cpu *cpu, uint32_t insn)
{
	return msgp(cpu, insn, false);
}

static int msgh(struct ppc_cpu *cpu, uint32_t insn, bool on)
{
	uint64_t rb = cpu->gpr[insn_rb(insn)];
	if (DBELL_TYPE(rb) != DBELL_SERVER)
		return PPC_OK;
	if (cpu->doorbell)
		cpu->doorbell(cpu, PENDING_H_DOORBELL, (unsigned)(rb & 0x7ffffff), on);
	else if ((rb & 0x7ffffff) == cpu->id)
		set_line(cpu, PENDING_H_DOORBELL, on);
	return PPC_OK;
}

int insn_msgsnd(struct ppc_cpu *cpu, uint32_t insn)
{
	return msgh(cpu, insn, true);
}

int insn_msgclr(struct ppc_cpu *cpu, uint32_t insn)
{
	return msgh(cpu, insn, false);
}

int insn_msgsync(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return PPC_OK; /* doorbells here are delivered synchronously: nothing to order */
}

/*
 * stop (ISA 3.0B Book III, Power-Saving Mode): power-saving mode until a wake-up event (cpu/excp.c
 * says which). PSSCR[EC] = 1 makes the thread resume at the system reset vector; only
 * the hypervisor's PSSCR (SPR 855) has ESL and EC, so in guest state (and always in a
 * PAPR guest) stop resumes at the next instruction. The vcpu thread sleeps meanwhile.
 */
#define PSSCR_EC (1ULL << 20) /* PSSCR bit 43 */

int insn_stop(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	bool ec = (cpu->msr & MSR_HV) && !cpu->papr && (cpu->spr[SPR_PSSCR] & PSSCR_EC);
	return cpu_idle_enter(cpu, ec ? CPU_IDLE_RESET : CPU_IDLE_RESUME);
}

/*
 * nap, doze, sleep, rvwinkle (ISA 2.07B Book III, removed in ISA 3.0):
 * hypervisor-privileged, so problem state gets the privileged-instruction program
 * interrupt and guest privileged state the hypervisor emulation assistance interrupt
 * (a PAPR guest: illegal instruction, as KVM reflects it) before this runs. In
 * hypervisor state the thread sleeps and resumes at the system reset vector.
 */
int insn_nap(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_idle_enter(cpu, CPU_IDLE_RESET);
}

/*
 * BHRB (ISA 2.07B/3.0B Book II, Branch History Rolling Buffer chapter). The number
 * of entries is implementation-dependent, and an entry beyond the implemented or recorded
 * ones reads 0; software (Linux perf) reads entries until the first 0, so a buffer of 0
 * entries is a legal implementation that always looks empty. This CPU implements 0
 * entries, on purpose: recording would need a test of MMCRA (BHRB filtering, IFM) in
 * every taken branch even while disabled, and the interpreter's branch path is kept to
 * the CFAR store (cpu/insn_branch.c). Hence MMCRA[IFM] has nothing to filter, clrbhrb
 * has nothing to clear and mfbhrbe reads 0 for every BHRBE. Both instructions need
 * FSCR[BHRB] in problem state and HFSCR[BHRB] in a guest of a machine with a hypervisor
 * (facility unavailable otherwise). MMCR0[BHRBA] is not checked.
 */
int insn_clrbhrb(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_facility_check(cpu, FAC_IC_BHRB);
}

int insn_mfbhrbe(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = cpu_facility_check(cpu, FAC_IC_BHRB);
	if (st == PPC_OK)
		cpu->gpr[insn_rt(insn)] = 0;
	return st;
}
