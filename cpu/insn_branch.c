/* SPDX-License-Identifier: MIT */
/*
 * Branch instructions (Power ISA 3.0B Book I 2.4). One handler per row: the AA and LK
 * variants are separate rows, so nothing is decided at run time that the decoder knew.
 * Targets go through cpu_ea() (they wrap at 32 bits in 32-bit mode); LR receives nia,
 * which the run loop already wrapped. The BH hint field is ignored.
 *
 * CFAR (ISA 3.0B Book III, Branch Facility registers: Come-From Address Register): a branch
 * that is taken sets it to its own address (cia); so do rfid, hrfid and rfscv (insn_priv.c).
 * Setting it for every taken branch is correct whether or not the ISA lets an
 * implementation skip some bclr forms (not checked against the text). Interrupts leave
 * it alone, so a handler can read where the code came from. Cost: one store per taken
 * branch (2 host instructions in insn_bc).
 */
#include "cpu/insn.h"

#define SPR_CFAR 28
#define SPR_TAR 815
#define SPR_FSCR 153
#define FSCR_TAR (1ULL << 8)       /* FSCR bit 55: TAR available in problem state */
#define FSCR_IC_SHIFT 56           /* FSCR[IC], bits 0:7: the facility that faulted */
#define FSCR_IC_TAR 8ULL

/* A taken branch: nia = @target (wrapped in 32-bit mode), CFAR = this branch. */
static inline void jump(struct ppc_cpu *cpu, uint64_t target)
{
	cpu->spr[SPR_CFAR] = cpu->cia;
	cpu->nia = cpu_ea(cpu, target);
}

static inline uint64_t li_off(uint32_t insn)
{
	return (uint64_t)(int64_t)((int32_t)(insn << 6) >> 6) & ~3ULL;
}

static inline uint64_t bd_off(uint32_t insn)
{
	return (uint64_t)insn_ds(insn);
}

int insn_b(struct ppc_cpu *cpu, uint32_t insn)
{
	jump(cpu, cpu->cia + li_off(insn));
	return PPC_OK;
}

int insn_ba(struct ppc_cpu *cpu, uint32_t insn)
{
	jump(cpu, li_off(insn));
	return PPC_OK;
}

int insn_bl(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->lr = cpu->nia;
	jump(cpu, cpu->cia + li_off(insn));
	return PPC_OK;
}

int insn_bla(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->lr = cpu->nia;
	jump(cpu, li_off(insn));
	return PPC_OK;
}

/*
 * The BO rule (2.4): unless BO[2] (0x04), decrement CTR and require CTR != 0 (BO[3] = 0)
 * or CTR == 0 (BO[3] = 1), CTR's low word only in 32-bit mode; unless BO[0] (0x10),
 * require CR[BI] == BO[1]. The "at"/"z" hint bits are ignored.
 */
static inline bool cond_ok(const struct ppc_cpu *cpu, unsigned bo, unsigned bi)
{
	return (bo & 16) || (((cpu->cr >> (31 - bi)) & 1) == ((bo >> 3) & 1));
}

static inline bool ctr_ok(struct ppc_cpu *cpu, unsigned bo)
{
	if (bo & 4)
		return true;
	uint64_t c = --cpu->ctr;
	if (!(cpu->msr & MSR_SF))
		c = (uint32_t)c;
	return (c != 0) != ((bo >> 1) & 1);
}

static inline bool taken(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned bo = insn_rt(insn);
	bool c = ctr_ok(cpu, bo); /* CTR is decremented whatever the condition says */
	return c && cond_ok(cpu, bo, insn_ra(insn));
}

int insn_bc(struct ppc_cpu *cpu, uint32_t insn)
{
	if (taken(cpu, insn))
		jump(cpu, cpu->cia + bd_off(insn));
	return PPC_OK;
}

int insn_bca(struct ppc_cpu *cpu, uint32_t insn)
{
	if (taken(cpu, insn))
		jump(cpu, bd_off(insn));
	return PPC_OK;
}

int insn_bcl(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->lr = cpu->nia; /* LR is set whether or not the branch is taken */
	if (taken(cpu, insn))
		jump(cpu, cpu->cia + bd_off(insn));
	return PPC_OK;
}

int insn_bcla(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->lr = cpu->nia;
	if (taken(cpu, insn))
		jump(cpu, bd_off(insn));
	return PPC_OK;
}

/* bclr[l]: the target is the LR from before the instruction. */
int insn_bclr(struct ppc_cpu *cpu, uint32_t insn)
{
	if (taken(cpu, insn))
		jump(cpu, cpu->lr & ~3ULL);
	return PPC_OK;
}

int insn_bclrl(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t target = cpu->lr & ~3ULL;
	cpu->lr = cpu->nia;
	if (taken(cpu, insn))
		jump(cpu, target);
	return PPC_OK;
}

/*
 * bcctr[l] with BO[2] = 0 is an invalid form in the ISA, but the 64-bit server processors
 * (POWER8/POWER9) implement it as "test CTR, then decrement it", and Linux relies on that:
 * its count-cache flush executes `bcctr 2,0` (0x4c400420) with CTR = 0x7fff and expects
 * it to fall through. It is executed here exactly as qemu-ppc64le 7.2 does (checked:
 * tests/unit/test_branch.c): the CTR test uses CTR from before the instruction; when it
 * fails, nothing happens; when it passes, CTR is decremented and the CR test decides.
 * The target is the CTR from before the instruction.
 */
static inline bool bcctr_taken(struct ppc_cpu *cpu, uint32_t insn, uint64_t ctr)
{
	unsigned bo = insn_rt(insn);
	if (!(bo & 4)) {
		uint64_t c = (cpu->msr & MSR_SF) ? ctr : (uint32_t)ctr;
		if ((c != 0) == ((bo >> 1) & 1))
			return false;
		cpu->ctr = ctr - 1;
	}
	return cond_ok(cpu, bo, insn_ra(insn));
}

int insn_bcctr(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t ctr = cpu->ctr;
	if (bcctr_taken(cpu, insn, ctr))
		jump(cpu, ctr & ~3ULL);
	return PPC_OK;
}

int insn_bcctrl(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t ctr = cpu->ctr;
	cpu->lr = cpu->nia;
	if (bcctr_taken(cpu, insn, ctr))
		jump(cpu, ctr & ~3ULL);
	return PPC_OK;
}

/*
 * bctar[l] (ISA 2.07): branch to TAR; CTR decrement forms are valid here. In problem
 * state with FSCR[TAR] = 0 it raises the facility unavailable interrupt with FSCR[IC] = 8
 * (Book III 7.5.18 of ISA 3.0B; Linux enables TAR lazily this way).
 */
static int tar_unavailable(struct ppc_cpu *cpu)
{
	uint64_t fscr = cpu->spr[SPR_FSCR] & ~(0xffULL << FSCR_IC_SHIFT);
	cpu->spr[SPR_FSCR] = fscr | FSCR_IC_TAR << FSCR_IC_SHIFT;
	return cpu_interrupt(cpu, EXCP_FAC_UNAVAIL, 0);
}

static inline bool tar_ok(const struct ppc_cpu *cpu)
{
	return !(cpu->msr & MSR_PR) || (cpu->spr[SPR_FSCR] & FSCR_TAR);
}

int insn_bctar(struct ppc_cpu *cpu, uint32_t insn)
{
	if (PPC_UNLIKELY(!tar_ok(cpu)))
		return tar_unavailable(cpu);
	if (taken(cpu, insn))
		jump(cpu, cpu->spr[SPR_TAR] & ~3ULL);
	return PPC_OK;
}

int insn_bctarl(struct ppc_cpu *cpu, uint32_t insn)
{
	if (PPC_UNLIKELY(!tar_ok(cpu)))
		return tar_unavailable(cpu);
	uint64_t target = cpu->spr[SPR_TAR] & ~3ULL;
	cpu->lr = cpu->nia;
	if (taken(cpu, insn))
		jump(cpu, target);
	return PPC_OK;
}
