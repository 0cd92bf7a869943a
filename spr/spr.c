/* SPDX-License-Identifier: MIT */
/*
 * mfspr/mtspr through the SPR table (spr/spr_table.c): the permission rules of ISA 3.0B
 * Book III 5.4.4 (summarised in spr/spr.h), width and write masks, and the side-effect
 * hooks that are not about time (those live in cpu/timebase.c).
 */
#include <errno.h>
#include <pthread.h>

#include "mmu/mem.h"
#include "mmu/physmem.h"
#include "spr/spr.h"

/* Per model (0 = POWER8, 1 = POWER9): SPR number -> table row + 1 (0 = undefined). */
static uint16_t spr_index[2][1024];
static pthread_once_t spr_once = PTHREAD_ONCE_INIT;
/* Set (release) once spr_index is built: the hot path tests this flag instead of calling
 * pthread_once on every mfspr/mtspr. */
static _Atomic int spr_index_built;

static void build_index(void)
{
	for (unsigned r = 0; r < spr_table_count; r++)
		for (unsigned m = 0; m < 2; m++)
			if (spr_table[r].models & (1u << m))
				spr_index[m][spr_table[r].num] = (uint16_t)(r + 1);
	atomic_store_explicit(&spr_index_built, 1, memory_order_release);
}

static inline unsigned model_of(const struct ppc_cpu *cpu)
{
	return cpu_model_p9(cpu);
}

static inline const struct spr_def *lookup(const struct ppc_cpu *cpu, unsigned num)
{
	if (PPC_UNLIKELY(!atomic_load_explicit(&spr_index_built, memory_order_acquire)))
		pthread_once(&spr_once, build_index);
	if (num >= 1024)
		return NULL;
	unsigned r = spr_index[model_of(cpu)][num];
	return r ? &spr_table[r - 1] : NULL;
}

const struct spr_def *spr_lookup(const struct ppc_cpu *cpu, unsigned num)
{
	return lookup(cpu, num);
}

const struct spr_def *spr_find_one_reg(const struct ppc_cpu *cpu, uint64_t id)
{
	/* Prefer the model's row; ONE_REG keeps a superset, so fall back to any row. */
	const struct spr_def *any = NULL;
	for (unsigned r = 0; r < spr_table_count; r++) {
		if (spr_table[r].one_reg != id)
			continue;
		if (spr_table[r].models & (1u << model_of(cpu)))
			return &spr_table[r];
		any = &spr_table[r];
	}
	return any;
}

static inline uint64_t width_mask(const struct spr_def *d)
{
	return d->width == 32 ? 0xffffffffULL : UINT64_MAX;
}

/* The state an access is made from: SA_U, SA_S or SA_H. */
static inline unsigned cur_state(const struct ppc_cpu *cpu)
{
	if (cpu->msr & MSR_PR)
		return SA_U;
	return (cpu->msr & MSR_HV) ? SA_H : SA_S;
}

static int hv_emul(struct ppc_cpu *cpu)
{
	return cpu_interrupt(cpu, EXCP_HEAI, 0);
}

/* Undefined SPR, or a direction the SPR does not have (5.4.4, EVIRT = 0). */
static int undefined_spr(struct ppc_cpu *cpu, unsigned n)
{
	if (cpu->msr & MSR_PR)
		return (n & 0x10) ? cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_PRIV)
				  : cpu_program_illegal(cpu);
	if (n == 0 || (n >= 4 && n <= 6))
		return cpu_program_illegal(cpu);
	return PPC_OK; /* no-op */
}

/* The state check for a defined SPR; PPC_OK if @need allows the current state. */
static int check_access(struct ppc_cpu *cpu, const struct spr_def *d, unsigned need)
{
	unsigned st = cur_state(cpu);
	if (need == SA_NO)
		return undefined_spr(cpu, d->num);
	if (st < need) {
		if (st == SA_U)
			return (d->num & 0x10) ? cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_PRIV)
					       : undefined_spr(cpu, d->num);
		return hv_emul(cpu); /* hypervisor resource from a guest's privileged state */
	}
	if (!d->fac)
		return PPC_OK;
	if (d->fac == FAC_IC_TM + 1) {
		/* TM SPRs need MSR[TM] in every state (Book II 5.1, ISA 3.0B Book III 9.2). */
		if (!(cpu->msr & MSR_TM))
			return cpu_facility_unavailable(cpu, FAC_IC_TM, false);
		return cpu_facility_check(cpu, FAC_IC_TM);
	}
	if (d->fac == 0xff) {
		/* PMU problem-state views: MMCR0[PMCC] = 01 forbids them (Book III 9.4.4). */
		if (st == SA_U && ((cpu->spr[SPR_MMCR0] >> 18) & 3) == 1)
			return cpu_facility_unavailable(cpu, FAC_IC_PM, false);
		return cpu_facility_check(cpu, FAC_IC_PM);
	}
	return cpu_facility_check(cpu, (unsigned)(d->fac - 1));
}

int spr_get(struct ppc_cpu *cpu, unsigned sprn, uint64_t *val)
{
	const struct spr_def *d = spr_lookup(cpu, sprn);
	if (!d)
		return -EINVAL;
	if (d->read)
		return d->read(cpu, d, val) == PPC_OK ? 0 : -EINVAL;
	*val = cpu->spr[d->store] & width_mask(d);
	return 0;
}

static int do_write(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	val &= width_mask(d);
	if (d->write)
		return d->write(cpu, d, val);
	uint64_t *p = &cpu->spr[d->store];
	*p = (*p & ~d->wmask) | (val & d->wmask);
	return PPC_OK;
}

int spr_set(struct ppc_cpu *cpu, unsigned sprn, uint64_t val)
{
	const struct spr_def *d = spr_lookup(cpu, sprn);
	if (!d)
		return -EINVAL;
	return do_write(cpu, d, val) == PPC_OK ? 0 : -EINVAL;
}

int spr_mfspr(struct ppc_cpu *cpu, unsigned sprn, uint64_t *val)
{
	const struct spr_def *d = lookup(cpu, sprn);
	if (PPC_UNLIKELY(!d))
		return undefined_spr(cpu, sprn);
	int st = check_access(cpu, d, d->rd);
	if (st != PPC_OK || d->rd == SA_NO)
		return st;
	if (d->read)
		return d->read(cpu, d, val);
	*val = cpu->spr[d->store] & width_mask(d);
	return PPC_OK;
}

int spr_mtspr(struct ppc_cpu *cpu, unsigned sprn, uint64_t val)
{
	const struct spr_def *d = lookup(cpu, sprn);
	if (PPC_UNLIKELY(!d))
		return undefined_spr(cpu, sprn);
	int st = check_access(cpu, d, d->wr);
	if (st != PPC_OK || d->wr == SA_NO)
		return st;
	/* TM SPRs cannot be written in Transactional or Suspended state (TM Bad Thing),
	 * except TFHAR in Suspended state (Book III 5.x; kvm-contract.md mtspr table). */
	if (PPC_UNLIKELY(d->fac == FAC_IC_TM + 1) && (cpu->msr & MSR_TS) &&
	    !(d->num == SPR_TFHAR && (cpu->msr & MSR_TS) == MSR_TS_S))
		return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_TM);
	return do_write(cpu, d, val);
}

void spr_reset(struct ppc_cpu *cpu)
{
	for (unsigned r = 0; r < spr_table_count; r++) {
		const struct spr_def *d = &spr_table[r];
		if ((d->models & (1u << model_of(cpu))) && d->store == d->num)
			cpu->spr[d->num] = d->reset;
	}
	cpu->spr[SPR_PVR] = cpu->pvr;
	cpu->spr[SPR_PIR] = cpu->id;
}

/* ---- hooks ---- */

int spr_rd_xer(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	(void)d;
	*val = cpu_get_xer(cpu);
	return PPC_OK;
}

int spr_wr_xer(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	(void)d;
	cpu_set_xer(cpu, val);
	return PPC_OK;
}

int spr_rd_lr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	(void)d;
	*val = cpu->lr;
	return PPC_OK;
}

int spr_wr_lr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	(void)d;
	cpu->lr = val;
	return PPC_OK;
}

int spr_rd_ctr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	(void)d;
	*val = cpu->ctr;
	return PPC_OK;
}

int spr_wr_ctr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	(void)d;
	cpu->ctr = val;
	return PPC_OK;
}

int spr_rd_pir(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	(void)d;
	*val = cpu->id;
	return PPC_OK;
}

/* Upper word views: TEXASRU (TEXASR 0:31), PPR32 (PPR 0:31). */
int spr_rd_hi32(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	*val = cpu->spr[d->store] >> 32;
	return PPC_OK;
}

int spr_wr_hi32(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	uint64_t *p = &cpu->spr[d->store];
	*p = (*p & 0xffffffffULL) | (val << 32);
	return PPC_OK;
}

/*
 * AMR writes (Book III 9.7): in problem state (UAMR, SPR 13) only the bits UAMOR allows
 * change; in privileged non-hypervisor state only those AMOR allows; the hypervisor
 * writes everything. A PAPR guest's AMOR is all ones (the hypervisor grants all keys).
 */
static uint64_t amr_mask(const struct ppc_cpu *cpu)
{
	if (cpu->msr & MSR_PR)
		return cpu->spr[SPR_UAMOR];
	if (cpu->msr & MSR_HV)
		return UINT64_MAX;
	return cpu->papr ? UINT64_MAX : cpu->spr[SPR_AMOR];
}

int spr_wr_amr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	uint64_t m = amr_mask(cpu);
	uint64_t *p = &cpu->spr[d->store];
	*p = (*p & ~m) | (val & m);
	return PPC_OK;
}

int spr_wr_iamr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	uint64_t m = amr_mask(cpu) & d->wmask;
	uint64_t *p = &cpu->spr[d->store];
	*p = (*p & ~m) | (val & m);
	return PPC_OK;
}

int spr_wr_uamor(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	uint64_t m = amr_mask(cpu);
	uint64_t *p = &cpu->spr[d->store];
	*p = (*p & ~m) | (val & m);
	return PPC_OK;
}

/* CTRL (Book III 2.5): RUN is bit 63; the read view adds the thread-run status bit of
 * this (only) thread, bit 55 (TS of thread 0). */
int spr_rd_ctrl(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	uint64_t run = cpu->spr[d->store] & 1;
	*val = run | (run << 8);
	return PPC_OK;
}

int spr_wr_ctrl(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	cpu->spr[d->store] = val & 1;
	return PPC_OK;
}

/* LPCR: ILE decides MSR[LE] on interrupt entry; LD the decrementer width. */
int spr_wr_lpcr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	uint64_t dec = 0;
	int has_dec = 0;
	if ((cpu->spr[SPR_LPCR] ^ val) & LPCR_LD) {
		(void)spr_rd_dec(cpu, spr_lookup(cpu, SPR_DEC), &dec);
		has_dec = 1;
	}
	cpu->spr[d->store] = val & d->wmask;
	cpu->intr_msr = MSR_SF | ((val & LPCR_ILE) ? MSR_LE : 0);
	if (has_dec) /* keep the decrementer's value across the width change */
		(void)spr_wr_dec(cpu, spr_lookup(cpu, SPR_DEC), dec);
	return PPC_OK;
}

/* Registers that change translation (SDR1, PIDR, LPIDR, PTCR, HRMOR). */
int spr_wr_flush(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	cpu->spr[d->store] = val & d->wmask;
	if (d->num == SPR_SDR1 && cpu->mach && !cpu->papr)
		cpu->mach->sdr1 = cpu->spr[d->store];
	mem_flush_tlb(cpu);
	return PPC_OK;
}

/*
 * PPR (Book II 3.2, Book III 5.3.8): the thread priority is bits 11:13. Problem state may
 * set 2..4 (low to medium), privileged state 1..6, the hypervisor 1..7; other values
 * leave the priority unchanged (and 0 is always reserved).
 */
static void set_ppr_prio(struct ppc_cpu *cpu, unsigned prio)
{
	unsigned lo = 1, hi = 7;
	if (cpu->msr & MSR_PR) {
		lo = 2;
		hi = 4;
	} else if (!(cpu->msr & MSR_HV)) {
		hi = 6;
	}
	if (prio < lo || prio > hi)
		return;
	cpu->spr[SPR_PPR] = (cpu->spr[SPR_PPR] & ~(7ULL << 50)) | ((uint64_t)prio << 50);
}

int spr_wr_ppr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	(void)d;
	set_ppr_prio(cpu, (unsigned)(val >> 50) & 7);
	return PPC_OK;
}

int spr_wr_ppr32(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	(void)d;
	set_ppr_prio(cpu, (unsigned)(val >> 18) & 7);
	return PPC_OK;
}

/* PSSCR privileged view (SPR 823): only the fields a guest may see and set (ISA 3.0B
 * 4.3.2: the hypervisor's PSLL, TR and MTL fields are hidden); the mask KVM uses too. */
#define PSSCR_GUEST_MASK 0xf0000000000003ffULL
int spr_rd_psscr_pr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	*val = cpu->spr[d->store] & PSSCR_GUEST_MASK;
	return PPC_OK;
}

int spr_wr_psscr_pr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	uint64_t *p = &cpu->spr[d->store];
	*p = (*p & ~PSSCR_GUEST_MASK) | (val & PSSCR_GUEST_MASK);
	return PPC_OK;
}

/* DPDES bit 63 is this thread's directed privileged doorbell (one thread per core). */
int spr_rd_dpdes(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	(void)d;
	*val = (atomic_load(&cpu->pending) & PENDING_DOORBELL) ? 1 : 0;
	return PPC_OK;
}

int spr_wr_dpdes(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	(void)d;
	if (val & 1) {
		atomic_fetch_or(&cpu->pending, PENDING_DOORBELL);
		atomic_fetch_or(&cpu->attention, ATTN_INTERRUPT);
	} else {
		atomic_fetch_and(&cpu->pending, ~PENDING_DOORBELL);
	}
	return PPC_OK;
}

/* BESCRS/BESCRSU set and BESCRR/BESCRRU reset BESCR bits; reads return BESCR. */
int spr_rd_bescr_sr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	uint64_t v = cpu->spr[d->store];
	*val = (d->num & 1) ? v >> 32 : v;
	return PPC_OK;
}

int spr_wr_bescr_sr(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	uint64_t bits = (d->num & 1) ? val << 32 : val;
	if (d->num < 802)
		cpu->spr[d->store] |= bits;
	else
		cpu->spr[d->store] &= ~bits;
	return PPC_OK;
}

/* HMER: writes AND into the register (Book III 7.5.17). */
int spr_wr_hmer(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	cpu->spr[d->store] &= val;
	return PPC_OK;
}
