/* SPDX-License-Identifier: MIT */
/*
 * Timebase, decrementer, hypervisor decrementer (ISA 3.0B Book II 6, Book III 9), the
 * utilisation counters (PURR, SPURR, VTB, IC) and the performance monitor's counting.
 *
 * Time base (Book II 6.1: one TB per chip, synchronised across threads): 512 MHz ticks
 * of the VM's clock (mach->clock) plus the vcpu's tb_offset; hypervisor writes (TBL, TBU,
 * TBU40) and ONE_REG TB_OFFSET move tb_offset. The clock is the host's monotonic clock,
 * or, in instruction-count time (QEMU's -icount shift=N meaning), virtual nanoseconds:
 * every instruction any vcpu of the VM retires is 2^N ns, so all vcpus read one TB and a
 * run of one vcpu is reproducible bit for bit. ticks = ns * 512 / 1000 is computed from
 * the absolute ns value every time, so the fraction never drifts. Each vcpu adds its
 * instructions to the shared clock at timer polls and when it leaves cpu_run, never per
 * instruction, and reads its own unpublished ones on top. When the vcpus idle (H_CEDE,
 * stop) lib/ jumps the clock to the earliest decrementer deadline (QEMU's icount warp),
 * so the guest never waits for host time.
 *
 * DEC and HDEC are kept as the TB value at which they read 0, so reading is a subtraction
 * and no host timer thread exists: the run loop calls cpu_timer_poll() at block
 * boundaries once icount reaches timer_icount. The HDEC interrupt is raised once per
 * expiry (each HDEC write re-arms it); the decrementer interrupt is level-triggered on the sign bit of the 32-bit (or, with LPCR[LD] on POWER9, 56-bit)
 * value: PENDING_DEC stays set while DEC is negative and is cleared by writing a
 * non-negative value (Book III 9.4, ISA 3.0B). A 32-bit DEC that keeps counting past
 * -2^31 would wrap to positive on hardware; here it stays negative (pending) until
 * written, which no OS can tell apart in practice (it takes 4 s without servicing it).
 *
 * PMU: PMC5 counts retired instructions and PMC6 cycles; the interpreter counts one cycle
 * per instruction. Freeze bits honoured: MMCR0[FC], FCS (privileged), FCP (problem),
 * FC56, and MMCR0[FCH] in hypervisor state. PMC1-4 count only when MMCR1 selects the
 * instruction (0x02) or cycle (0x1e) events in their PMCxSEL byte. An overflow (bit 32 of
 * a PMC becoming 1) with MMCR0[PMXE] and the PMC's condition enable raises a performance
 * monitor alert (MMCR0[PMAO], PENDING_PERF_MON), freezing if MMCR0[FCECE].
 *
 * Sampling (ISA 2.07B/3.0B Book III 9.4, SIER layout of the POWER8/9 PMU): at the alert,
 * SIAR = the last instruction retired (overflow is noticed where the PMCs are brought up
 * to date: at the instruction, in deterministic/horizon polling, or at the next block
 * boundary), SIER = SIPR/SIHV (the MSR[PR]/MSR[HV] it ran under) | SIAR_VALID. No data
 * addresses are recorded (that would cost every load and store): SDAR keeps its value
 * and SIER[SDAR_VALID] = 0, which tells perf not to use it.
 */
#include <time.h>

#include "cpu/cpu.h"
#include "mmu/physmem.h"
#include "spr/spr.h"

#define TB_HZ 512000000ULL
#define POLL_INTERVAL 1024 /* instructions between clock reads in real-time mode */

/* MMCR0 bits (Book III 9.4.4), as masks on the 64-bit value. */
#define MMCR0_FC    (1ULL << 31)
#define MMCR0_FCS   (1ULL << 30)
#define MMCR0_FCP   (1ULL << 29)
#define MMCR0_FCM1  (1ULL << 28)
#define MMCR0_FCM0  (1ULL << 27)
#define MMCR0_PMAE  (1ULL << 26)
#define MMCR0_FCECE (1ULL << 25)
#define MMCR0_PMC1CE (1ULL << 15)
#define MMCR0_PMCJCE (1ULL << 14)
#define MMCR0_PMAO  (1ULL << 7)
#define MMCR0_FC56  (1ULL << 4)
#define MMCR0_FCH   (1ULL << 0)
/* SIER bits (POWER8/9 PMU): bits 38, 39, 41, 42 */
#define SIER_SIPR (1ULL << 25)
#define SIER_SIHV (1ULL << 24)
#define SIER_SIAR_VALID (1ULL << 22)
#define SIER_SDAR_VALID (1ULL << 21)

/* TB ticks at virtual nanosecond @ns: ns * 512 / 1000 = ns * 64 / 125, exactly, without
 * overflowing ns * 64. */
static uint64_t ns_to_ticks(uint64_t ns)
{
	return (ns / 125) * 64 + (ns % 125) * 64 / 125;
}

/* The first nanosecond at which the clock reads at least @ticks: ceil(ticks * 125 / 64). */
static uint64_t ticks_to_ns(uint64_t ticks)
{
	return (ticks / 64) * 125 + ((ticks % 64) * 125 + 63) / 64;
}

static uint64_t units_to_ticks(int shift, uint64_t u)
{
	return shift == PPC_CLOCK_TICKS ? u : ns_to_ticks(u);
}

static uint64_t ticks_to_units(int shift, uint64_t t)
{
	return shift == PPC_CLOCK_TICKS ? t : ticks_to_ns(t);
}

/* Clock units worth @n instructions. */
static uint64_t insns_to_units(int shift, uint64_t n)
{
	return shift >= 0 ? n << shift : n;
}

/* A CPU outside any machine (unit tests of single instructions) reads host time; this
 * clock is never written in that mode. */
static struct ppc_clock no_machine_clock = {.shift = PPC_CLOCK_HOST};

static struct ppc_clock *clock_of(const struct ppc_cpu *cpu)
{
	return cpu->mach ? &cpu->mach->clock : &no_machine_clock;
}

bool cpu_clock_virtual(const struct ppc_cpu *cpu)
{
	return clock_of(cpu)->shift != PPC_CLOCK_HOST;
}

uint64_t cpu_clock_now(const struct ppc_cpu *cpu)
{
	const struct ppc_clock *k = clock_of(cpu);
	return atomic_load_explicit(&k->now, memory_order_relaxed) +
	       insns_to_units(k->shift, cpu->icount - cpu->clock_icount);
}

static uint64_t host_now_ticks(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ns_to_ticks((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/* The clock in ticks as this vcpu sees it (no tb_offset). */
static uint64_t clock_ticks(const struct ppc_cpu *cpu)
{
	int shift = clock_of(cpu)->shift;
	if (shift == PPC_CLOCK_HOST)
		return host_now_ticks();
	return units_to_ticks(shift, cpu_clock_now(cpu));
}

void cpu_clock_restart(struct ppc_cpu *cpu)
{
	uint64_t tb = cpu_tb(cpu);
	cpu->dec_expiry = tb + 0x7fffffffULL;
	cpu->hdec_expiry = tb + 0x7fffffffULL;
	cpu->hdec_fired = false;
	atomic_fetch_and(&cpu->pending, ~(PENDING_DEC | PENDING_HDEC));
	for (unsigned i = 0; i < 3; i++) /* PURR, SPURR, VTB follow the clock; IC does not */
		cpu->cnt_base[i] = 0 - clock_ticks(cpu);
	cpu->timer_icount = cpu->icount;
}

void cpu_clock_publish(struct ppc_cpu *cpu)
{
	struct ppc_clock *k = clock_of(cpu);
	uint64_t n = cpu->icount - cpu->clock_icount;
	cpu->clock_icount = cpu->icount;
	if (!n || k->shift == PPC_CLOCK_HOST)
		return;
	uint64_t d = insns_to_units(k->shift, n);
	uint64_t now = atomic_fetch_add(&k->now, d) + d;
	if (now >= atomic_load_explicit(&k->wake_at, memory_order_relaxed)) {
		/* an idle vcpu waits for this point of time */
		pthread_mutex_lock(&k->lock);
		pthread_cond_broadcast(&k->cond);
		pthread_mutex_unlock(&k->lock);
	}
}

void cpu_clock_enter(struct ppc_cpu *cpu)
{
	cpu_clock_publish(cpu); /* the VMM may have run instructions (emulate_op) */
	if (clock_of(cpu)->shift != PPC_CLOCK_HOST) {
		atomic_fetch_add(&clock_of(cpu)->active, 1);
		atomic_fetch_add(&clock_of(cpu)->entries, 1);
	}
}

void cpu_clock_leave(struct ppc_cpu *cpu)
{
	cpu_clock_publish(cpu);
	if (clock_of(cpu)->shift != PPC_CLOCK_HOST)
		atomic_fetch_sub(&clock_of(cpu)->active, 1);
}

uint64_t cpu_tb(const struct ppc_cpu *cpu)
{
	return clock_ticks(cpu) + cpu->tb_offset;
}

unsigned cpu_dec_width(const struct ppc_cpu *cpu)
{
	return (cpu_model_p9(cpu) && (cpu->spr[SPR_LPCR] & LPCR_LD)) ? 56 : 32;
}

static int64_t sext(uint64_t v, unsigned width)
{
	uint64_t sign = 1ULL << (width - 1);
	v &= (sign << 1) - 1;
	return (int64_t)(v ^ sign) - (int64_t)sign;
}

int spr_rd_tb(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	(void)d;
	*val = cpu_tb(cpu);
	return PPC_OK;
}

int spr_rd_tbu(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	(void)d;
	*val = cpu_tb(cpu) >> 32;
	return PPC_OK;
}

/* TBL (284) writes TB 32:63, TBU (285) TB 0:31, TBU40 (286) TB 0:39 (ISA 3.0B 9.2.3). */
int spr_wr_tb(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	uint64_t tb = cpu_tb(cpu), nt;
	switch (d->num) {
	case SPR_TBL: nt = (tb & ~0xffffffffULL) | (val & 0xffffffffULL); break;
	case SPR_TBU: nt = (tb & 0xffffffffULL) | (val << 32); break;
	default: nt = (tb & 0xffffffULL) | (val & ~0xffffffULL); break;
	}
	cpu->tb_offset += nt - tb;
	cpu->timer_icount = cpu->icount; /* re-evaluate the decrementers now */
	return PPC_OK;
}

static uint64_t *expiry_of(struct ppc_cpu *cpu, const struct spr_def *d)
{
	return d->num == SPR_HDEC ? &cpu->hdec_expiry : &cpu->dec_expiry;
}

int spr_rd_dec(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	unsigned w = cpu_dec_width(cpu);
	uint64_t v = *expiry_of(cpu, d) - cpu_tb(cpu);
	/* 32-bit DEC reads zero-extended; the large decrementer sign-extends to 64 bits. */
	*val = w == 32 ? (uint32_t)v : (uint64_t)sext(v, w);
	return PPC_OK;
}

int spr_wr_dec(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	int64_t v = sext(val, cpu_dec_width(cpu));
	*expiry_of(cpu, d) = cpu_tb(cpu) + (uint64_t)v;
	uint32_t line = d->num == SPR_HDEC ? PENDING_HDEC : PENDING_DEC;
	if (d->num == SPR_HDEC)
		cpu->hdec_fired = false;
	if (v >= 0)
		atomic_fetch_and(&cpu->pending, ~line);
	cpu->timer_icount = cpu->icount; /* poll at the next block boundary */
	return PPC_OK;
}

/* PURR and SPURR advance with the time base (one thread per core gets all of it), VTB
 * likewise, IC with retired instructions; hypervisor writes set an offset. */
static unsigned counter_slot(unsigned num)
{
	switch (num) {
	case SPR_PURR: return 0;
	case SPR_SPURR: return 1;
	case SPR_VTB: return 2;
	default: return 3;
	}
}

static uint64_t counter_now(const struct ppc_cpu *cpu, unsigned num)
{
	return num == SPR_IC ? cpu->icount : clock_ticks(cpu);
}

int spr_rd_counter(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	*val = counter_now(cpu, d->num) + cpu->cnt_base[counter_slot(d->num)];
	return PPC_OK;
}

int spr_wr_counter(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	cpu->cnt_base[counter_slot(d->num)] = val - counter_now(cpu, d->num);
	return PPC_OK;
}

/* ---- performance monitor ---- */

static bool pmu_frozen(const struct ppc_cpu *cpu, uint64_t mmcr0)
{
	if (mmcr0 & MMCR0_FC)
		return true;
	if ((cpu->msr & MSR_PR) ? (mmcr0 & MMCR0_FCP) : (mmcr0 & MMCR0_FCS))
		return true;
	if ((cpu->msr & (MSR_HV | MSR_PR)) == MSR_HV && (mmcr0 & MMCR0_FCH))
		return true;
	return false;
}

/* Add @n events to PMC @i (0-based); report whether it overflowed into bit 32. */
static bool pmc_add(struct ppc_cpu *cpu, unsigned i, uint64_t n)
{
	uint64_t *p = &cpu->spr[SPR_PMC1 + i];
	uint64_t old = *p, nv = (old + n) & 0xffffffffULL;
	bool ovf = n && !(old & 0x80000000ULL) && ((nv & 0x80000000ULL) || n >= 0x80000000ULL);
	*p = nv;
	return ovf;
}

void cpu_pmu_sync(struct ppc_cpu *cpu)
{
	uint64_t n = cpu->icount - cpu->pmu_icount;
	cpu->pmu_icount = cpu->icount;
	uint64_t mmcr0 = cpu->spr[SPR_MMCR0];
	if (!n || pmu_frozen(cpu, mmcr0))
		return;
	bool alert = false;
	uint64_t mmcr1 = cpu->spr[SPR_MMCR1];
	for (unsigned i = 0; i < 4; i++) {
		unsigned sel = (unsigned)(mmcr1 >> (24 - 8 * i)) & 0xff;
		if (sel == 0x02 || sel == 0x1e)
			if (pmc_add(cpu, i, n) && (mmcr0 & (i ? MMCR0_PMCJCE : MMCR0_PMC1CE)))
				alert = true;
	}
	if (!(mmcr0 & MMCR0_FC56)) {
		if (pmc_add(cpu, 4, n) && (mmcr0 & MMCR0_PMCJCE))
			alert = true;
		if (pmc_add(cpu, 5, n) && (mmcr0 & MMCR0_PMCJCE))
			alert = true;
	}
	if (alert && (mmcr0 & MMCR0_PMAE)) {
		mmcr0 = (mmcr0 & ~MMCR0_PMAE) | MMCR0_PMAO;
		if (mmcr0 & MMCR0_FCECE)
			mmcr0 |= MMCR0_FC;
		cpu->spr[SPR_MMCR0] = mmcr0;
		cpu->spr[SPR_SIAR] = cpu->cia;
		uint64_t sier = SIER_SIAR_VALID;
		if (cpu->msr & MSR_PR)
			sier |= SIER_SIPR;
		else if (cpu->msr & MSR_HV)
			sier |= SIER_SIHV;
		cpu->spr[SPR_SIER] = sier;
		atomic_fetch_or(&cpu->pending, PENDING_PERF_MON);
		atomic_fetch_or(&cpu->attention, ATTN_INTERRUPT);
	}
}

/* Instructions until the first enabled PMC overflow, or UINT64_MAX. */
static uint64_t pmu_horizon(const struct ppc_cpu *cpu)
{
	uint64_t mmcr0 = cpu->spr[SPR_MMCR0];
	if (!(mmcr0 & MMCR0_PMAE) || pmu_frozen(cpu, mmcr0))
		return UINT64_MAX;
	uint64_t best = UINT64_MAX;
	uint64_t mmcr1 = cpu->spr[SPR_MMCR1];
	for (unsigned i = 0; i < 6; i++) {
		if (i < 4) {
			unsigned sel = (unsigned)(mmcr1 >> (24 - 8 * i)) & 0xff;
			if (sel != 0x02 && sel != 0x1e)
				continue;
		}
		if (i >= 4 && (mmcr0 & MMCR0_FC56))
			continue;
		uint64_t v = cpu->spr[SPR_PMC1 + i] & 0xffffffffULL;
		if (!(v & 0x80000000ULL) && 0x80000000ULL - v < best)
			best = 0x80000000ULL - v;
	}
	return best;
}

int spr_rd_pmu(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val)
{
	cpu_pmu_sync(cpu);
	*val = cpu->spr[d->store] & (d->width == 32 ? 0xffffffffULL : UINT64_MAX);
	return PPC_OK;
}

int spr_wr_pmu(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val)
{
	cpu_pmu_sync(cpu);
	cpu->spr[d->store] = val;
	if (d->store == SPR_MMCR0) {
		/* the alert is pending while MMCR0[PMAO] = 1: software may set it to raise a
		 * PMI (Linux does, to replay one) and clears it in the handler */
		if (val & MMCR0_PMAO) {
			atomic_fetch_or(&cpu->pending, PENDING_PERF_MON);
			atomic_fetch_or(&cpu->attention, ATTN_INTERRUPT);
		} else {
			atomic_fetch_and(&cpu->pending, ~PENDING_PERF_MON);
		}
	}
	cpu->timer_icount = cpu->icount;
	return PPC_OK;
}

/* ---- the poll the run loop makes ---- */

/* Instructions this vcpu must retire until the clock reads @ticks (more than now). */
static uint64_t insns_until(const struct ppc_cpu *cpu, uint64_t ticks)
{
	int shift = clock_of(cpu)->shift;
	uint64_t target = ticks_to_units(shift, ticks), now = cpu_clock_now(cpu);
	if (target <= now)
		return 1; /* another vcpu has just moved the clock there */
	uint64_t du = target - now;
	if (shift <= 0)
		return du;
	uint64_t n = (du >> shift) + ((du & ((1ULL << shift) - 1)) != 0);
	return n ? n : 1;
}

uint64_t cpu_dec_deadline(const struct ppc_cpu *cpu)
{
	uint64_t tb = cpu_tb(cpu);
	int64_t left = (int64_t)(cpu->dec_expiry - tb);
	uint64_t now = cpu_clock_now(cpu);
	if (left < 0)
		return now;
	return ticks_to_units(clock_of(cpu)->shift, tb - cpu->tb_offset + (uint64_t)left + 1);
}

void cpu_timer_poll(struct ppc_cpu *cpu)
{
	uint64_t tb = cpu_tb(cpu);
	uint32_t raise = 0;
	int64_t dec_left = (int64_t)(cpu->dec_expiry - tb);
	int64_t hdec_left = (int64_t)(cpu->hdec_expiry - tb);
	if (dec_left < 0)
		raise |= PENDING_DEC;
	if (hdec_left < 0 && !cpu->papr && !cpu->hdec_fired) {
		raise |= PENDING_HDEC; /* once per expiry (ISA 2.07: on the 0 -> 1 change of bit 0) */
		cpu->hdec_fired = true;
	}
	cpu_pmu_sync(cpu);
	if (raise && (atomic_load(&cpu->pending) & raise) != raise) {
		atomic_fetch_or(&cpu->pending, raise);
		atomic_fetch_or(&cpu->attention, ATTN_INTERRUPT);
	}
	uint64_t next = POLL_INTERVAL;
	const struct ppc_clock *k = clock_of(cpu);
	if (k->shift != PPC_CLOCK_HOST) {
		/* exact: the instruction after which the decrementer reads negative, as far as
		 * this vcpu's own instructions move the clock. Other vcpus move it too: then
		 * look again (and publish) every POLL_INTERVAL instructions. */
		cpu_clock_publish(cpu);
		next = UINT64_MAX;
		uint64_t t = tb - cpu->tb_offset;
		if (dec_left >= 0)
			next = insns_until(cpu, t + (uint64_t)dec_left + 1);
		if (!cpu->papr && hdec_left >= 0) {
			uint64_t h = insns_until(cpu, t + (uint64_t)hdec_left + 1);
			if (h < next)
				next = h;
		}
		if (atomic_load_explicit(&k->vcpus, memory_order_relaxed) > 1 && next > POLL_INTERVAL)
			next = POLL_INTERVAL;
	}
	uint64_t ph = pmu_horizon(cpu);
	if (ph < next)
		next = ph;
	if (next > (1ULL << 40))
		next = 1ULL << 40;
	cpu->timer_icount = cpu->icount + next;
}

uint64_t cpu_dec_wait_ns(struct ppc_cpu *cpu)
{
	int64_t left = (int64_t)(cpu->dec_expiry - cpu_tb(cpu));
	if (left < 0)
		return 0;
	return ticks_to_ns((uint64_t)left + 1); /* until DEC is negative */
}

void cpu_timer_reset(struct ppc_cpu *cpu)
{
	cpu->tb_offset = 0;
	uint64_t tb = cpu_tb(cpu);
	cpu->dec_expiry = tb + 0x7fffffffULL;
	cpu->hdec_expiry = tb + 0x7fffffffULL;
	for (unsigned i = 0; i < 4; i++)
		cpu->cnt_base[i] = 0 - counter_now(cpu, i == 3 ? SPR_IC : SPR_PURR);
	cpu->pmu_icount = cpu->icount;
	cpu->timer_icount = cpu->icount;
}
