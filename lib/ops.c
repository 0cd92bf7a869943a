/* SPDX-License-Identifier: MIT */
/*
 * kvmppc_interp_ops: the 41 members of struct kvmppc_ops for the interpreted CPU.
 * Members whose machinery is not built yet return -ENOSYS and are listed in the README's
 * status table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/icache.h"
#include "cpu/insn.h"
#include "lib/kvm_internal.h"
#include "mmu/mem.h"
#include "mmu/xlate.h"

#define SLB_ESID_V 0x08000000ULL /* slbmte RB: valid (ISA 3.0 Book III 5.9.3.1) */
#include "spr/spr.h"

#define DEFAULT_PVR PVR_POWER9

/* ---- vcpu life cycle ---- */

/* Doorbells between vcpus (cpu->doorbell): a core is smt_mode consecutive vcpu ids and
 * the thread number is the id modulo smt_mode; PIR is the vcpu id. */
static void interp_doorbell(struct ppc_cpu *from, uint32_t line, unsigned target, bool set)
{
	struct kvm_vcpu *v = vcpu_of(from);
	struct kvm *kvm = v->kvm;
	unsigned id = target;
	if (line == PENDING_DOORBELL) {
		unsigned smt = kvm->smt_mode ? (unsigned)kvm->smt_mode : 1;
		if (target >= smt)
			return;
		id = v->vcpu_id / smt * smt + target;
	}
	/* vcpu context, map lock held: the list is stable (kvm_map_write_lock) */
	for (unsigned i = 0; i < kvm->nvcpus; i++) {
		struct kvm_vcpu *t = kvm->vcpus[i];
		if (t->vcpu_id != id)
			continue;
		if (set) {
			atomic_fetch_or(&t->cpu.pending, line);
			kvm->ops->fast_vcpu_kick(t);
		} else {
			atomic_fetch_and(&t->cpu.pending, ~line);
		}
	}
}

static struct kvm_vcpu *interp_vcpu_create(struct kvm *kvm, unsigned int id)
{
	struct kvm_vcpu *v = calloc(1, sizeof(*v));
	if (!v)
		return KVMPPC_ERR_PTR(-ENOMEM);
	v->cpu.icache = icache_create();
	if (!v->cpu.icache) {
		free(v);
		return KVMPPC_ERR_PTR(-ENOMEM);
	}
	v->kvm = kvm;
	v->vcpu_id = id;
	v->host_cpu = -1;
	v->cpu.mach = &kvm->mach;
	v->cpu.run = &v->run;
	v->cpu.owner = v;
	v->cpu.doorbell = interp_doorbell;
	int r = cpu_init(&v->cpu, DEFAULT_PVR, id);
	if (r) {
		pthread_mutex_destroy(&v->cpu.inval_q.lock);
		icache_destroy(v->cpu.icache);
		free(v);
		return KVMPPC_ERR_PTR(r);
	}
	pthread_mutex_init(&v->halt_lock, NULL);
	pthread_cond_init(&v->halt_cond, NULL);
	return v;
}

static void interp_mmu_destroy(struct kvm_vcpu *vcpu)
{
	mem_flush_tlb(&vcpu->cpu);
}

static void interp_vcpu_free(struct kvm_vcpu *vcpu)
{
	if (!vcpu)
		return;
	vcpu->kvm->ops->mmu_destroy(vcpu);
	icache_destroy(vcpu->cpu.icache);
	pthread_mutex_destroy(&vcpu->cpu.inval_q.lock);
	pthread_cond_destroy(&vcpu->halt_cond);
	pthread_mutex_destroy(&vcpu->halt_lock);
	free(vcpu);
}

static void interp_vcpu_load(struct kvm_vcpu *vcpu, int cpu)
{
	vcpu->host_cpu = cpu;
}

static void interp_vcpu_put(struct kvm_vcpu *vcpu)
{
	vcpu->host_cpu = -1;
}

/* set_msr: PAPR forcing (HV off, ME on) and translation retagging happen in
 * cpu_set_msr(); TS = 0b11 is an illegal state and is cleared (as HV does). There is no
 * MSR[POW] on POWER8/9. */
static void interp_set_msr(struct kvm_vcpu *vcpu, u64 msr)
{
	if ((msr & MSR_TS) == MSR_TS)
		msr &= ~MSR_TS;
	cpu_set_msr(&vcpu->cpu, msr);
}

static int interp_check_requests(struct kvm_vcpu *vcpu)
{
	tlb_remote_ack(&vcpu->cpu);
	return 1;
}

/* Can a vcpu that ceded the processor go on? (an interrupt line, a prod, or a kick; for
 * a vcpu in stop/wait/nap, a wake-up event of that mode or a kick) */
static bool cede_over(struct kvm_vcpu *vcpu)
{
	if (atomic_load(&vcpu->cpu.attention) & ATTN_KICK)
		return true;
	if (vcpu->cpu.idle)
		return cpu_idle_wakes(&vcpu->cpu);
	return atomic_load(&vcpu->cpu.pending) || atomic_load(&vcpu->prodded);
}

/* The earliest deadline of the idle vcpus, published for cpu_clock_publish(). Under the
 * clock lock. */
static uint64_t clock_update_wake(struct ppc_clock *k)
{
	uint64_t m = UINT64_MAX;
	for (struct ppc_cpu *i = k->idle; i; i = i->clock_next)
		if (i->clock_deadline < m)
			m = i->clock_deadline;
	atomic_store(&k->wake_at, m);
	return m;
}

/*
 * cede_wait() in instruction-count time. Time moves only with instructions, so a vcpu
 * that idles waits for the VM clock, not for host time: while other vcpus execute, they
 * advance the clock (and wake the idle ones when it passes the earliest deadline); when
 * none does, the clock jumps to the earliest decrementer deadline of the idle vcpus, as
 * QEMU's icount warp does. With one vcpu that is its own deadline: the H_CEDE returns at
 * once with the TB where the decrementer has just gone negative, the same in every run.
 * "None does" is: every vcpu is idle here, or none is in cpu_run and none entered it
 * during one wait (1 ms): a vcpu out in the VMM for an exit comes back at once and must
 * not see the clock jump seconds meanwhile (Linux's lockup watchdog would), while one the
 * VMM stopped (RTAS stop-self, never started) never comes back.
 * A vcpu without a deadline (no DEC wake-up) waits for a line, prod or kick in host time.
 */
static void cede_wait_virtual(struct kvm_vcpu *vcpu)
{
	struct ppc_cpu *c = &vcpu->cpu;
	struct ppc_clock *k = &c->mach->clock;
	pthread_mutex_lock(&k->lock);
	c->clock_deadline = UINT64_MAX;
	c->clock_next = k->idle;
	k->idle = c;
	k->nidle++;
	uint64_t quiet = UINT64_MAX; /* cpu_run entries seen when no vcpu was in it */
	for (;;) {
		if (cede_over(vcpu))
			break;
		uint64_t dl = cpu_dec_deadline(c);
		if (dl <= cpu_clock_now(c)) {
			if (!c->idle)
				break; /* H_CEDE: the decrementer interrupt ends it */
			/* raise the expired decrementer's line (it publishes nothing: cpu_run
			 * published on leaving, so it does not take the clock lock we hold) */
			cpu_timer_poll(c);
			if (cpu_idle_wakes(c))
				break;
			dl = UINT64_MAX; /* LPCR[DEE] = 0: not a wake-up event */
		}
		c->clock_deadline = dl;
		uint64_t first = clock_update_wake(k);
		uint64_t ns = 1000000; /* others run: look again every ms (and when woken) */
		uint64_t entries = atomic_load(&k->entries);
		if (atomic_load(&k->active) != 0) {
			quiet = UINT64_MAX;
		} else if (k->nidle < atomic_load(&k->vcpus) && entries != quiet) {
			quiet = entries; /* look again after one wait */
		} else {
			uint64_t now = atomic_load(&k->now);
			if (first != UINT64_MAX && first > now) {
				/* no vcpu advances the clock: jump (never backwards; a vcpu that
				 * enters cpu_run meanwhile may be adding to it) */
				while (now < first && !atomic_compare_exchange_weak(&k->now, &now, first))
					;
				pthread_cond_broadcast(&k->cond);
				quiet = UINT64_MAX;
				continue;
			}
			if (first == UINT64_MAX)
				ns = 100000000; /* only an external event can end this */
		}
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t t = (uint64_t)ts.tv_nsec + ns;
		ts.tv_sec += (time_t)(t / 1000000000);
		ts.tv_nsec = (long)(t % 1000000000);
		pthread_cond_timedwait(&k->cond, &k->lock, &ts);
	}
	struct ppc_cpu **p = &k->idle;
	while (*p != c)
		p = &(*p)->clock_next;
	*p = c->clock_next;
	c->clock_next = NULL;
	k->nidle--;
	clock_update_wake(k);
	pthread_mutex_unlock(&k->lock);
}

/* H_CEDE's (and stop's) wait, outside the map lock: until a line is raised, a prod or a
 * kick comes, or the decrementer expires (host time: cpu_dec_wait_ns; instruction-count
 * time: cede_wait_virtual). A decrementer that is not a wake-up event of a power-saving
 * mode (LPCR[DEE] = 0) does not end the wait. */
static void cede_wait(struct kvm_vcpu *vcpu)
{
	struct ppc_cpu *c = &vcpu->cpu;
	if (cpu_clock_virtual(c)) {
		cede_wait_virtual(vcpu);
		goto done;
	}
	pthread_mutex_lock(&vcpu->halt_lock);
	for (;;) {
		if (cede_over(vcpu))
			break;
		uint64_t ns = cpu_dec_wait_ns(c);
		if (ns == 0) {
			if (!c->idle)
				break;
			cpu_timer_poll(c); /* raise the expired decrementer's line */
			if (cpu_idle_wakes(c))
				break;
			ns = 100000000;
		}
		if (ns > 100000000)
			ns = 100000000; /* look again at least every 100 ms */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t t = (uint64_t)ts.tv_nsec + ns;
		ts.tv_sec += (time_t)(t / 1000000000);
		ts.tv_nsec = (long)(t % 1000000000);
		pthread_cond_timedwait(&vcpu->halt_cond, &vcpu->halt_lock, &ts);
	}
	pthread_mutex_unlock(&vcpu->halt_lock);
done:
	cpu_timer_poll(c);
	if (vcpu->ceded) {
		atomic_store(&vcpu->prodded, false);
		vcpu->ceded = false;
	}
}

static int interp_vcpu_run(struct kvm_run *run, struct kvm_vcpu *vcpu)
{
	int r = vcpu->kvm->ops->check_requests(vcpu);
	if (r <= 0)
		return r;
	run->ready_for_interrupt_injection = 1;
	atomic_fetch_add(&vcpu->kvm->vcpus_running, 1); /* configure_mmu: -EBUSY */
	atomic_store(&vcpu->kvm->vcpus_ran, true);      /* kvmppc_vm_set_clock: -EBUSY */
	papr_vpa_dispatch(vcpu);
	int st;
	for (;;) {
		run->exit_reason = KVM_EXIT_UNKNOWN;
		pthread_rwlock_rdlock(&vcpu->kvm->mach.map_lock);
		/* Running (for tlbsync's waiters) only while it holds the map lock: a vcpu
		 * waiting for the map, ceded or exited is not waited for. */
		tlb_set_running(&vcpu->cpu, 1);
		st = cpu_run(&vcpu->cpu);
		tlb_set_running(&vcpu->cpu, 0);
		pthread_rwlock_unlock(&vcpu->kvm->mach.map_lock);
		if (st == -EAGAIN) { /* the map is changing: wait outside the lock, go on */
			physmem_wait_update(&vcpu->kvm->mach);
			continue;
		}
		if (st != PPC_EXIT || !(vcpu->ceded || vcpu->cpu.idle))
			break;
		cede_wait(vcpu);
	}
	papr_vpa_dispatch(vcpu);
	atomic_fetch_sub(&vcpu->kvm->vcpus_running, 1);
	if (st == -EINTR) {
		run->exit_reason = KVM_EXIT_INTR;
		return -EINTR;
	}
	if (run->exit_reason == KVM_EXIT_PAPR_HCALL)
		vcpu->hcall_pending = true;
	return RESUME_HOST;
}

static void interp_fast_vcpu_kick(struct kvm_vcpu *vcpu)
{
	atomic_fetch_or(&vcpu->cpu.attention, ATTN_INTERRUPT);
	pthread_mutex_lock(&vcpu->halt_lock);
	pthread_cond_broadcast(&vcpu->halt_cond);
	pthread_mutex_unlock(&vcpu->halt_lock);
	struct ppc_clock *k = &vcpu->kvm->mach.clock;
	if (k->shift != PPC_CLOCK_HOST) { /* idle in instruction-count time (cede_wait_virtual) */
		pthread_mutex_lock(&k->lock);
		pthread_cond_broadcast(&k->cond);
		pthread_mutex_unlock(&k->lock);
	}
}

static void interp_giveup_ext(struct kvm_vcpu *vcpu, kvm_ulong msr)
{
	/* FP/VMX/VSX state always lives in the vcpu structure: nothing to flush. */
	(void)vcpu;
	(void)msr;
}

/* ---- registers ---- */

/*
 * Select model @pvr (and re-apply ARCH_COMPAT) and, when the instruction level changes,
 * drop the predecoded instructions, which were decoded for the old level.
 */
static int model_changed(struct ppc_cpu *c, uint32_t pvr)
{
	enum ppc_isa_level old = c->isa;
	int r = cpu_set_model(c, pvr);
	if (r || c->isa == old)
		return r;
	struct ppc_icache *ic = icache_create();
	if (!ic)
		return -ENOMEM;
	icache_destroy(c->icache);
	c->icache = ic;
	return 0;
}

/* get_sregs: zeroed first (quirk 13), PVR and SDR1; the SLB image is the MMU's. */
static int interp_get_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	memset(sregs, 0, sizeof(*sregs));
	sregs->pvr = vcpu->cpu.pvr;
	sregs->u.s.sdr1 = vcpu->kvm->mach.sdr1;
	/* The SLB as slbmte images, entry index in the low bits of slbe (PR's layout). */
	for (unsigned i = 0; i < PPC_SLB_SIZE; i++)
		hash_slb_read(&vcpu->cpu, i, &sregs->u.s.ppc64.slb[i].slbe,
			      &sregs->u.s.ppc64.slb[i].slbv);
	return 0;
}

/* set_sregs: any PVR of a modelled CPU (POWER8/8E/8NVL/9) re-selects the model; others
 * are -EINVAL. */
static int interp_set_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	int r = model_changed(&vcpu->cpu, sregs->pvr);
	if (r)
		return r;
	vcpu->kvm->mach.sdr1 = sregs->u.s.sdr1;
	/* SLB: clear, then slbmte every entry whose V bit is set (PR's rule). */
	hash_slb_clear(&vcpu->cpu);
	for (unsigned i = 0; i < 64; i++)
		if (sregs->u.s.ppc64.slb[i].slbe & SLB_ESID_V)
			hash_slbmte(&vcpu->cpu, sregs->u.s.ppc64.slb[i].slbv,
				    sregs->u.s.ppc64.slb[i].slbe);
	mem_flush_tlb(&vcpu->cpu);
	return 0;
}

/*
 * ONE_REG (kvm-contract.md section 4). The library keeps a superset of what the kernel's
 * PR and HV backends and the generic book3s.c/powerpc.c fallbacks handle, because it has
 * no fallback chain behind it:
 *  - every SPR row of spr/spr_table.c with a ONE_REG id (the row's width is the id's
 *    size; ids of SPRs the model lacks still read and write their storage);
 *  - FPR0-31, VSR0-31, VR0-31, FPSCR, VSCR (the low word), VRSAVE (table);
 *  - DEBUG_INST (read-only 0x00dddd00, the PR/HV answer, not the generic tw 31,0,0);
 *  - HIOR as HV: reads 0, only 0 may be written (POWER8/9 have no HIOR);
 *  - TB_OFFSET as HV: rounded up to a multiple of 2^24; DEC_EXPIRY in guest time base;
 *  - LPCR / LPCR_64 as HV: writable DPFD, ILE, TC, AIL and (POWER9) LD; the U32 form
 *    keeps the upper half; ILE drives MSR[LE] on interrupt entry;
 *  - DABRX and DAWRX lose their HYP bit; a hypervisor-privilege CIABR is disabled;
 *    PSSCR is masked to the guest-visible bits (all as HV);
 *  - VPA_ADDR / VPA_SLB / VPA_DTL with HV's checks (128-byte alignment, SLB/DTL need a
 *    VPA, VPA cannot go while they exist, DTL length >= 48 and rounded down to 48);
 *  - ARCH_COMPAT: 0 or a logical PVR not newer than the model; an ISA 2.07 (or older)
 *    level on POWER9 makes the ISA 3.0 instructions illegal (the PCR effect); ONLINE;
 *    PTCR (table);
 *  - PMC7/PMC8 (absent on POWER8/9) are plain storage in SPR slots 777/778, numbers that
 *    are undefined on these models so mfspr never sees them;
 *  - the TM checkpoint block (TM_GPR, TM_VSR, TM_CR...): the checkpointed registers of
 *    cpu/tm.c (what treclaim. would restore); TFHAR/TFIAR/TEXASR are SPR table rows;
 *  - ICP_STATE / VP_STATE: -ENXIO (no in-library interrupt controller state here);
 *  - BookE and e500 ids (IAC, DAC, EPCR, EPR, TSR/TCR, MAS*, TLB*, SPRG9, DBSR): -EINVAL.
 * An id whose size field does not match the register's is unknown: -EINVAL.
 *
 * Decisions on the quirks of kvm-contract.md section 10 (each concerns the member that
 * implements it; the ones outside this file are decided here so there is one list):
 *  1. H_CEDE returns H_SUCCESS in r3 (the HV behaviour).
 *  2. H_BULK_REMOVE reports R/C at bits 59:58 as PAPR says (HV), not PR's 51:50.
 *  3. slbmte with index >= the SLB size is an illegal operation (no out-of-bounds
 *     write); slbmfee/slbmfev mask the index.
 *  4. slbia with IH = 0 keeps entry 0 only on POWER8 (ISA 2.07); on POWER9 per ISA 3.0.
 *  5. mfsr/mfsrin on the 64-bit MMU: these are invalid forms on POWER8/9 models (illegal
 *     instruction), not a silent success.
 *  6. TBWL/TBWU (284/285) are write-only SPRs: mfspr of them is a no-op in privileged
 *     state (5.4.4), so no swapped halves can be returned.
 *  7. tw/td/twi/tdi evaluate TO (full compare semantics).
 *  8. mtmsr writes MSR 32:63 only, as the ISA says (not all 64 bits like PR).
 *  9. set_one_reg(TM_VSCR) writes the checkpointed VSCR, not the live one.
 * 10. age_hva/test_age_hva report real referenced bits; flush_memslot flushes.
 * 11. KVM_RUN returns 0 on success (the op itself returns RESUME_HOST as PR does).
 * 12. In PAPR mode the HPT is library-owned host memory; SDR1 is not a host address.
 * 13. get_sregs zeroes kvm_sregs first.
 * 14. DEBUG_INST reads 0x00dddd00.
 * 15. slbfee. sets CR0 (ISA), not CR field 7.
 * 16. There are no BATs on POWER8/9: the ibat/dbat fields are ignored and read as 0.
 */
#define LPCR_ONE_REG_MASK(cpu) (0x0070000000000000ULL | LPCR_ILE | (1ULL << 9) | LPCR_AIL | \
				(cpu_model_p9(cpu) ? LPCR_LD : 0))
#define DABRX_HYP 4ULL
#define DAWRX_HYP 4ULL
#define CIABR_PRIV 3ULL
#define CIABR_PRIV_HYPER 3ULL
#define PSSCR_GUEST_VIS 0xf0000000000003ffULL
#define DTL_ENTRY_SIZE 48

static uint64_t *tm_reg(struct ppc_cpu *c, uint64_t id)
{
	switch (id) {
	case KVM_REG_PPC_TM_CR: return &c->tm.cr;
	case KVM_REG_PPC_TM_LR: return &c->tm.lr;
	case KVM_REG_PPC_TM_CTR: return &c->tm.ctr;
	case KVM_REG_PPC_TM_FPSCR: return &c->tm.fpscr;
	case KVM_REG_PPC_TM_AMR: return &c->tm.amr;
	case KVM_REG_PPC_TM_PPR: return &c->tm.ppr;
	case KVM_REG_PPC_TM_VRSAVE: return &c->tm.vrsave;
	case KVM_REG_PPC_TM_DSCR: return &c->tm.dscr;
	case KVM_REG_PPC_TM_TAR: return &c->tm.tar;
	case KVM_REG_PPC_TM_XER: return &c->tm.xer;
	default: break;
	}
	if (id >= KVM_REG_PPC_TM_GPR0 && id <= KVM_REG_PPC_TM_GPR31)
		return &c->tm.gpr[id - KVM_REG_PPC_TM_GPR0];
	return NULL;
}

/* The VSR backing a U128 id (VR0-31 = VSR32-63, VSR0-31, TM_VSR0-63), or NULL. */
static struct ppc_vsr *vector_reg(struct ppc_cpu *c, uint64_t id)
{
	if (id >= KVM_REG_PPC_VR0 && id <= KVM_REG_PPC_VR31)
		return &c->vsr[32 + (id - KVM_REG_PPC_VR0)];
	if (id >= KVM_REG_PPC_VSR0 && id <= KVM_REG_PPC_VSR31)
		return &c->vsr[id - KVM_REG_PPC_VSR0];
	if (id >= KVM_REG_PPC_TM_VSR0 && id <= KVM_REG_PPC_TM_VSR63)
		return &c->tm.vsr[id - KVM_REG_PPC_TM_VSR0];
	return NULL;
}

static bool booke_only(uint64_t id)
{
	switch (id) {
	case KVM_REG_PPC_IAC1: case KVM_REG_PPC_IAC2: case KVM_REG_PPC_IAC3:
	case KVM_REG_PPC_IAC4: case KVM_REG_PPC_DAC1: case KVM_REG_PPC_DAC2:
	case KVM_REG_PPC_EPCR: case KVM_REG_PPC_EPR: case KVM_REG_PPC_OR_TSR:
	case KVM_REG_PPC_CLEAR_TSR: case KVM_REG_PPC_TCR: case KVM_REG_PPC_TSR:
	case KVM_REG_PPC_SPRG9: case KVM_REG_PPC_DBSR:
		return true;
	case KVM_REG_PPC_MAS0: case KVM_REG_PPC_MAS1:
		return true;
	default: {
		/* the other e500 MMU ids (MAS2 .. EPTCFG) are indexes 0x8e..0x9b, any size */
		uint64_t idx = id & ~(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK);
		return idx >= 0x8e && idx <= 0x9b;
	}
	}
}

static const unsigned archcompat_ok[] = {0x0f000002, 0x0f000003, 0x0f100003, 0x0f000004,
					 0x0f000005};

static int interp_get_one_reg(struct kvm_vcpu *vcpu, u64 id, union kvmppc_one_reg *val)
{
	struct ppc_cpu *c = &vcpu->cpu;
	if ((id & KVM_REG_ARCH_MASK) != KVM_REG_PPC || booke_only(id))
		return -EINVAL;
	if (id >= KVM_REG_PPC_FPR0 && id <= KVM_REG_PPC_FPR31) {
		val->dval = c->vsr[id - KVM_REG_PPC_FPR0].dw[0];
		return 0;
	}
	struct ppc_vsr *v = vector_reg(c, id);
	if (v) {
		val->vsxval[0] = v->dw[0];
		val->vsxval[1] = v->dw[1];
		return 0;
	}
	uint64_t *t = tm_reg(c, id);
	if (t) {
		val->dval = *t;
		return 0;
	}
	const struct spr_def *d = spr_find_one_reg(c, id);
	if (d) {
		uint64_t x = 0;
		if (d->read)
			(void)d->read(c, d, &x);
		else
			x = c->spr[d->store];
		/* The id's size picks the union member, not the SPR's width: DAWRX is a
		 * 32-bit SPR with a U64 id, and on a big-endian host wval is dval's high half. */
		if (KVM_REG_SIZE(id) == 4)
			val->wval = (uint32_t)x;
		else
			val->dval = x;
		return 0;
	}
	switch (id) {
	case KVM_REG_PPC_FPSCR: val->dval = c->fpscr; return 0;
	case KVM_REG_PPC_VSCR: val->wval = c->vscr; return 0;
	case KVM_REG_PPC_TM_VSCR: val->wval = c->tm.vscr; return 0;
	case KVM_REG_PPC_DEBUG_INST: val->wval = 0x00dddd00; return 0;
	case KVM_REG_PPC_HIOR: val->dval = 0; return 0;
	case KVM_REG_PPC_PMC7: val->wval = (uint32_t)c->spr[777]; return 0;
	case KVM_REG_PPC_PMC8: val->wval = (uint32_t)c->spr[778]; return 0;
	case KVM_REG_PPC_TB_OFFSET: val->dval = c->tb_offset; return 0;
	case KVM_REG_PPC_DEC_EXPIRY: val->dval = c->dec_expiry; return 0;
	case KVM_REG_PPC_LPCR: val->wval = (uint32_t)c->spr[SPR_LPCR]; return 0;
	case KVM_REG_PPC_LPCR_64: val->dval = c->spr[SPR_LPCR]; return 0;
	case KVM_REG_PPC_ARCH_COMPAT: val->wval = c->arch_compat; return 0;
	case KVM_REG_PPC_ONLINE: val->wval = c->online; return 0;
	case KVM_REG_PPC_VPA_ADDR: val->dval = c->vpa_addr; return 0;
	case KVM_REG_PPC_VPA_SLB:
		val->vpaval.addr = c->vpa_slb[0];
		val->vpaval.length = c->vpa_slb[1];
		return 0;
	case KVM_REG_PPC_VPA_DTL:
		val->vpaval.addr = c->vpa_dtl[0];
		val->vpaval.length = c->vpa_dtl[1];
		return 0;
	case KVM_REG_PPC_ICP_STATE:
	case KVM_REG_PPC_VP_STATE:
		return -ENXIO;
	default:
		return -EINVAL;
	}
}

static int set_lpcr(struct ppc_cpu *c, uint64_t v, uint64_t keep_hi)
{
	uint64_t m = LPCR_ONE_REG_MASK(c) & ~keep_hi;
	return spr_set(c, SPR_LPCR, (c->spr[SPR_LPCR] & ~m) | (v & m));
}

static int interp_set_one_reg(struct kvm_vcpu *vcpu, u64 id, union kvmppc_one_reg *val)
{
	struct ppc_cpu *c = &vcpu->cpu;
	if ((id & KVM_REG_ARCH_MASK) != KVM_REG_PPC || booke_only(id))
		return -EINVAL;
	if (id >= KVM_REG_PPC_FPR0 && id <= KVM_REG_PPC_FPR31) {
		c->vsr[id - KVM_REG_PPC_FPR0].dw[0] = val->dval;
		return 0;
	}
	struct ppc_vsr *v = vector_reg(c, id);
	if (v) {
		v->dw[0] = val->vsxval[0];
		v->dw[1] = val->vsxval[1];
		return 0;
	}
	uint64_t *t = tm_reg(c, id);
	if (t) {
		*t = val->dval;
		return 0;
	}
	const struct spr_def *d = spr_find_one_reg(c, id);
	if (d) {
		uint64_t x = KVM_REG_SIZE(id) == 4 ? val->wval : val->dval;
		switch (d->num) {
		case SPR_DABRX: x &= ~DABRX_HYP; break;
		case SPR_DAWRX0: x &= ~DAWRX_HYP; break;
		case SPR_CIABR:
			if ((x & CIABR_PRIV) == CIABR_PRIV_HYPER)
				x &= ~CIABR_PRIV;
			break;
		case SPR_PSSCR: x &= PSSCR_GUEST_VIS; break;
		default: break;
		}
		/* the row's own write path (hooks with side effects, masks) but no
		 * permission check; the hooks that only restrict what the guest's current
		 * state may change (AMR family, PPR priority) are bypassed, and rows the
		 * model lacks are plain storage */
		if (d->write == spr_wr_amr || d->write == spr_wr_iamr ||
		    d->write == spr_wr_uamor || d->write == spr_wr_ppr) {
			c->spr[d->store] = x & d->wmask;
			return 0;
		}
		if (spr_lookup(c, d->num) == d)
			return spr_set(c, d->num, x) ? -EINVAL : 0;
		c->spr[d->store] = x;
		return 0;
	}
	switch (id) {
	case KVM_REG_PPC_FPSCR: c->fpscr = val->dval; return 0;
	case KVM_REG_PPC_VSCR: c->vscr = val->wval & 0x00010001u; return 0;
	case KVM_REG_PPC_TM_VSCR: c->tm.vscr = val->wval & 0x00010001u; return 0;
	case KVM_REG_PPC_HIOR: return val->dval ? -EINVAL : 0;
	case KVM_REG_PPC_PMC7: c->spr[777] = val->wval; return 0;
	case KVM_REG_PPC_PMC8: c->spr[778] = val->wval; return 0;
	case KVM_REG_PPC_TB_OFFSET: {
		/* as HV: round up to 2^24 so TBU40 can apply it; DEC keeps its guest value */
		uint64_t off = (val->dval + 0xffffffULL) & ~0xffffffULL;
		uint64_t dec_left = c->dec_expiry - cpu_tb(c);
		uint64_t hdec_left = c->hdec_expiry - cpu_tb(c);
		c->tb_offset = off;
		c->dec_expiry = cpu_tb(c) + dec_left;
		c->hdec_expiry = cpu_tb(c) + hdec_left;
		c->timer_icount = c->icount;
		return 0;
	}
	case KVM_REG_PPC_DEC_EXPIRY:
		c->dec_expiry = val->dval;
		if ((int64_t)(c->dec_expiry - cpu_tb(c)) >= 0)
			atomic_fetch_and(&c->pending, ~PENDING_DEC);
		c->timer_icount = c->icount;
		return 0;
	case KVM_REG_PPC_LPCR: return set_lpcr(c, val->wval, 0xffffffff00000000ULL);
	case KVM_REG_PPC_LPCR_64: return set_lpcr(c, val->dval, 0);
	case KVM_REG_PPC_ARCH_COMPAT: {
		uint32_t ac = val->wval;
		uint32_t max = cpu_model_p9(c) ? 0x0f000005 : 0x0f000004;
		bool ok = ac == 0;
		for (size_t i = 0; i < sizeof(archcompat_ok) / sizeof(archcompat_ok[0]); i++)
			if (ac == archcompat_ok[i] && (ac & 0xff) <= (max & 0xff))
				ok = true;
		if (!ok)
			return -EINVAL;
		c->arch_compat = ac;
		return model_changed(c, c->pvr);
	}
	case KVM_REG_PPC_ONLINE: c->online = val->wval != 0; return 0;
	case KVM_REG_PPC_VPA_ADDR:
		if (val->dval & 127)
			return -EINVAL;
		if (!val->dval && (c->vpa_slb[0] || c->vpa_dtl[0]))
			return -EINVAL;
		c->vpa_addr = val->dval;
		return 0;
	case KVM_REG_PPC_VPA_SLB:
		if ((val->vpaval.addr & 127) || (val->vpaval.addr && !c->vpa_addr))
			return -EINVAL;
		c->vpa_slb[0] = val->vpaval.addr;
		c->vpa_slb[1] = val->vpaval.addr ? val->vpaval.length : 0;
		return 0;
	case KVM_REG_PPC_VPA_DTL: {
		uint64_t addr = val->vpaval.addr, len = val->vpaval.length;
		if ((addr & 127) ||
		    (addr && (len < DTL_ENTRY_SIZE || !c->vpa_addr)))
			return -EINVAL;
		c->vpa_dtl[0] = addr;
		c->vpa_dtl[1] = addr ? len - len % DTL_ENTRY_SIZE : 0;
		return 0;
	}
	case KVM_REG_PPC_ICP_STATE:
	case KVM_REG_PPC_VP_STATE:
		return -ENXIO;
	default:
		return -EINVAL; /* includes DEBUG_INST, which is read-only */
	}
}

/* ---- instruction emulation: the interpreter's own handlers ---- */

/*
 * emulate_op: execute @inst as if at the vcpu's PC through the interpreter's own handler
 * (cpu_execute_one), so every instruction the interpreter knows is emulated, privileged
 * or not. Returns:
 *  - EMULATE_FAIL, PC untouched, for a word that is not a valid instruction of the model
 *    (the caller raises the program interrupt, as for PR);
 *  - EMULATE_DONE with *advance = 1 when execution continues at PC + 4 (PC is left for
 *    the caller to advance), *advance = 0 when the instruction set PC itself (rfid...);
 *  - EMULATE_AGAIN, *advance = 0, when the instruction raised an interrupt (already
 *    delivered: PC is at the vector);
 *  - EMULATE_DO_MMIO or EMULATE_EXIT_USER when it prepared an exit in @run.
 */
static int interp_emulate_op(struct kvm_run *run, struct kvm_vcpu *vcpu, unsigned int inst,
			     int *advance)
{
	struct ppc_cpu *c = &vcpu->cpu;
	/* Decode once per distinct word: the hot path is a compare (16 entries, hashed on the
	 * primary and extended opcode bits and the SPR field, where privileged mixes differ). */
	unsigned slot = (inst ^ (inst >> 26) ^ (inst >> 11) ^ (inst >> 16)) & 15;
	const struct ppc_insn_def *d;
	if (vcpu->emu_cache[slot].word == inst && vcpu->emu_cache[slot].isa == (uint32_t)c->isa &&
	    vcpu->emu_cache[slot].def) {
		d = vcpu->emu_cache[slot].def;
	} else {
		d = ppc_decode(inst, c->isa);
		if (!d) {
			*advance = 0;
			return EMULATE_FAIL;
		}
		vcpu->emu_cache[slot].word = inst;
		vcpu->emu_cache[slot].isa = (uint32_t)c->isa;
		vcpu->emu_cache[slot].def = d;
	}
	uint64_t pc = c->nia;
	c->cia = pc;
	if (PPC_UNLIKELY(atomic_load_explicit(&c->attention, memory_order_relaxed) & ATTN_TLB_REMOTE))
		tlb_remote_ack(c); /* another vcpu's broadcast while this one was out of KVM_RUN */
	int st = cpu_execute_decoded(c, inst, d);
	switch (st) {
	case PPC_OK:
		/* The caller advances PC itself when *advance stays 1. */
		*advance = c->nia == pc + 4 || c->nia == (uint32_t)(pc + 4);
		if (*advance)
			c->nia = pc;
		return EMULATE_DONE;
	case PPC_EXC:
		*advance = 0;
		return EMULATE_AGAIN;
	default:
		*advance = 0;
		if (run->exit_reason == KVM_EXIT_PAPR_HCALL)
			vcpu->hcall_pending = true; /* KVM_RUN completes r3..r12 */
		return run->exit_reason == KVM_EXIT_MMIO ? EMULATE_DO_MMIO : EMULATE_EXIT_USER;
	}
}

static int interp_emulate_mtspr(struct kvm_vcpu *vcpu, int sprn, kvm_ulong spr_val)
{
	if (sprn < 0 || sprn > 1023)
		return EMULATE_FAIL;
	int st = spr_mtspr(&vcpu->cpu, (unsigned)sprn, spr_val);
	return st == PPC_OK ? EMULATE_DONE : st == PPC_EXC ? EMULATE_AGAIN : EMULATE_FAIL;
}

static int interp_emulate_mfspr(struct kvm_vcpu *vcpu, int sprn, kvm_ulong *spr_val)
{
	if (sprn < 0 || sprn > 1023)
		return EMULATE_FAIL;
	uint64_t v = 0;
	int st = spr_mfspr(&vcpu->cpu, (unsigned)sprn, &v);
	if (st == PPC_OK)
		*spr_val = (kvm_ulong)v;
	return st == PPC_OK ? EMULATE_DONE : st == PPC_EXC ? EMULATE_AGAIN : EMULATE_FAIL;
}

/* ---- memory slots ---- */

static unsigned long bitmap_words(unsigned long npages)
{
	return (npages + 63) / 64;
}

static int interp_create_memslot(struct kvm_memory_slot *slot, unsigned long npages)
{
	struct kvmppc_slot_arch *a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->dirty = calloc(bitmap_words(npages), sizeof(uint64_t));
	a->referenced = calloc(bitmap_words(npages), sizeof(uint64_t));
	if (!a->dirty || !a->referenced) {
		free((void *)a->dirty);
		free((void *)a->referenced);
		free(a);
		return -ENOMEM;
	}
	slot->arch = a;
	return 0;
}

static void interp_free_memslot(struct kvm_memory_slot *free_slot, struct kvm_memory_slot *dont)
{
	struct kvmppc_slot_arch *a = free_slot->arch;
	if (!a || (dont && dont->arch == a))
		return;
	free((void *)a->dirty);
	free((void *)a->referenced);
	free(a);
	free_slot->arch = NULL;
}

static void flush_all_vcpus(struct kvm *kvm)
{
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		atomic_fetch_or(&kvm->vcpus[i]->cpu.attention, ATTN_TLB_FLUSH);
}

static void interp_flush_memslot(struct kvm *kvm, struct kvm_memory_slot *memslot)
{
	(void)memslot;
	flush_all_vcpus(kvm);
}

static int interp_prepare_memory_region(struct kvm *kvm, struct kvm_memory_slot *memslot,
					const struct kvm_userspace_memory_region *mem)
{
	if (!memslot->npages && mem->memory_size)
		return -EINVAL;
	/* Dirty logging being switched on: start from a clean bitmap (no vcpu writes it
	 * before the map is rebuilt with the new flags). */
	unsigned id = mem->slot & 0xffff;
	struct kvmppc_slot_arch *a = memslot->arch;
	if (a && (mem->flags & KVM_MEM_LOG_DIRTY_PAGES) && id < KVM_USER_MEM_SLOTS &&
	    kvm->slot_used[id] && !(kvm->memslots[id].flags & KVM_MEM_LOG_DIRTY_PAGES))
		for (unsigned long w = 0; w < bitmap_words(memslot->npages); w++)
			atomic_store(&a->dirty[w], 0);
	return 0;
}

static void interp_commit_memory_region(struct kvm *kvm,
					const struct kvm_userspace_memory_region *mem,
					const struct kvm_memory_slot *old,
					const struct kvm_memory_slot *new_slot,
					enum kvm_mr_change change)
{
	(void)mem;
	(void)old;
	(void)new_slot;
	(void)change;
	/* The map generation was bumped by the rebuild; cached host pointers go too. */
	flush_all_vcpus(kvm);
}

static int interp_get_dirty_log(struct kvm *kvm, struct kvm_dirty_log *log)
{
	unsigned as_id = log->slot >> 16, id = log->slot & 0xffff;
	if (as_id || id >= KVM_USER_MEM_SLOTS || !kvm->slot_used[id])
		return -EINVAL;
	struct kvm_memory_slot *s = &kvm->memslots[id];
	if (!(s->flags & KVM_MEM_LOG_DIRTY_PAGES))
		return -ENOENT;
	if (!log->dirty_bitmap)
		return -EFAULT;
	struct kvmppc_slot_arch *a = s->arch;
	uint8_t *out = log->dirty_bitmap;
	unsigned long words = bitmap_words(s->npages);
	bool any = false;
	for (unsigned long w = 0; w < words; w++) {
		uint64_t bits = atomic_exchange(&a->dirty[w], 0);
		any |= bits != 0;
		/* The bitmap is an array of host longs: bit n of the slot is bit n%BITS of
		 * long n/BITS. Write it as 64-bit words in host order, as the kernel does. */
		memcpy(out + w * 8, &bits, 8);
	}
	if (any)
		flush_all_vcpus(kvm);
	return 0;
}

/* Run @fn over every page of every slot whose host range meets [start, end). */
static int for_hva_range(struct kvm *kvm, uintptr_t start, uintptr_t end,
			 int (*fn)(struct kvmppc_slot_arch *a, unsigned long page))
{
	int any = 0;
	for (unsigned i = 0; i < KVM_USER_MEM_SLOTS; i++) {
		if (!kvm->slot_used[i])
			continue;
		struct kvm_memory_slot *s = &kvm->memslots[i];
		uintptr_t lo = s->userspace_addr, hi = lo + ((uintptr_t)s->npages << 12);
		uintptr_t a = start > lo ? start : lo, b = end < hi ? end : hi;
		if (a >= b)
			continue;
		for (uintptr_t p = (a - lo) >> 12; p < ((b - lo + 4095) >> 12); p++)
			any |= fn(s->arch, (unsigned long)p);
	}
	return any;
}

static int age_page(struct kvmppc_slot_arch *a, unsigned long page)
{
	uint64_t bit = 1ull << (page % 64);
	return (atomic_fetch_and(&a->referenced[page / 64], ~bit) & bit) != 0;
}

static int test_page(struct kvmppc_slot_arch *a, unsigned long page)
{
	return (atomic_load(&a->referenced[page / 64]) >> (page % 64)) & 1;
}

static int no_page_op(struct kvmppc_slot_arch *a, unsigned long page)
{
	(void)a;
	(void)page;
	return 1;
}

static int interp_unmap_hva_range(struct kvm *kvm, unsigned long start, unsigned long end)
{
	if (for_hva_range(kvm, start, end, no_page_op))
		flush_all_vcpus(kvm);
	return 0;
}

static int interp_age_hva(struct kvm *kvm, unsigned long start, unsigned long end)
{
	int young = for_hva_range(kvm, start, end, age_page);
	if (young)
		flush_all_vcpus(kvm); /* later accesses must mark the pages again */
	return young;
}

static int interp_test_age_hva(struct kvm *kvm, unsigned long hva)
{
	return for_hva_range(kvm, hva, hva + 1, test_page);
}

static void interp_set_spte_hva(struct kvm *kvm, unsigned long hva, pte_t pte)
{
	(void)pte;
	if (for_hva_range(kvm, hva, hva + 1, no_page_op))
		flush_all_vcpus(kvm);
}

/* ---- VM ---- */

static int interp_init_vm(struct kvm *kvm)
{
	/* The default in-library hcall set, as the kernel's HV backend enables it, plus the
	 * HPT hcalls the library must answer because it owns the HPT (H_CLEAR_MOD/REF) and
	 * H_REGISTER_PROC_TBL. The rest (H_SET_MODE, H_PAGE_INIT, H_RANDOM...) need
	 * KVM_CAP_PPC_ENABLE_HCALL. */
	static const unsigned defaults[] = {H_REMOVE, H_ENTER, H_READ, H_PROTECT, H_BULK_REMOVE,
		H_CLEAR_MOD, H_CLEAR_REF, H_REGISTER_PROC_TBL, H_SET_DABR, H_SET_XDABR, H_CEDE,
		H_PROD, H_CONFER, H_REGISTER_VPA};
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (papr_hcall_implemented(defaults[i]))
			kvm->enabled_hcalls[defaults[i] / 4 / 64] |= 1ull << (defaults[i] / 4 % 64);
	kvm->smt_mode = 1;
	pthread_mutex_init(&kvm->htab_lock, NULL);
	return 0;
}

static void interp_destroy_vm(struct kvm *kvm)
{
	htab_fd_release_all(kvm);
	pthread_mutex_destroy(&kvm->htab_lock);
	free(kvm->resize.hpt);
	kvm->resize.hpt = NULL;
	free(kvm->mach.papr_hpt);
	free(kvm->mach.papr_hpt_gen);
	kvm->mach.papr_hpt = NULL;
	kvm->mach.papr_hpt_gen = NULL;
	kvm->mach.papr_hpt_size = 0;
}

/* Exactly what mmu/hash.c implements: 256M and 1T segments, 32 SLB entries, 32 storage
 * keys for data and instructions, base/actual page sizes 4K/4K, 64K/64K, 16M/16M. */
static int interp_get_smmu_info(struct kvm *kvm, struct kvm_ppc_smmu_info *info)
{
	(void)kvm;
	static const struct kvm_ppc_one_seg_page_size sps[] = {
		{.page_shift = 12, .slb_enc = 0, .enc = {{.page_shift = 12, .pte_enc = 0}}},
		{.page_shift = 16, .slb_enc = 0x110, .enc = {{.page_shift = 16, .pte_enc = 1}}},
		{.page_shift = 24, .slb_enc = 0x100, .enc = {{.page_shift = 24, .pte_enc = 0}}},
	};
	memset(info, 0, sizeof(*info));
	info->flags = KVM_PPC_1T_SEGMENTS;
	info->slb_size = PPC_SLB_SIZE;
	info->data_keys = 32;
	info->instr_keys = 32;
	memcpy(info->sps, sps, sizeof(sps));
	return 0;
}

static int interp_hcall_implemented(unsigned long hcall)
{
	return papr_hcall_implemented(hcall);
}

/*
 * IRQ bypass. The library has no interrupt controller of its own, only each vcpu's
 * external interrupt line (KVM_INTERRUPT), so a consumer's gsi names the vcpu (by id)
 * whose line a host event source drives: on add the backend gives the producer a fire()
 * that raises that line (edge, as KVM_INTERRUPT_SET) and wakes the vcpu, with no VMM
 * exit in between. The VMM's interrupt controller still answers the guest's
 * acknowledgement hcalls.
 */
static void bypass_fire(struct irq_bypass_producer *prod)
{
	struct kvm_vcpu *vcpu = prod->backend;
	if (!vcpu)
		return;
	vcpu->cpu.pending_edge |= PENDING_EXTERNAL;
	atomic_fetch_or(&vcpu->cpu.pending, PENDING_EXTERNAL);
	vcpu->kvm->ops->fast_vcpu_kick(vcpu);
}

static void bypass_fire_nothing(struct irq_bypass_producer *prod)
{
	(void)prod; /* deleted: events are dropped, as after irqfd deassign */
}

static int interp_irq_bypass_add_producer(struct irq_bypass_consumer *cons,
					  struct irq_bypass_producer *prod)
{
	if (!cons || !prod || !cons->kvm || cons->token != prod->token)
		return -EINVAL;
	struct kvm *kvm = cons->kvm;
	struct kvm_vcpu *target = NULL;
	pthread_mutex_lock(&kvm->lock);
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		if (kvm->vcpus[i]->vcpu_id == cons->gsi)
			target = kvm->vcpus[i];
	pthread_mutex_unlock(&kvm->lock);
	if (!target)
		return -ENOENT;
	prod->backend = target;
	prod->fire = bypass_fire;
	return 0;
}

static void interp_irq_bypass_del_producer(struct irq_bypass_consumer *cons,
					   struct irq_bypass_producer *prod)
{
	(void)cons;
	if (!prod)
		return;
	prod->fire = bypass_fire_nothing;
	prod->backend = NULL;
}

/* KVM_PPC_CONFIGURE_V3_MMU with the HV backend's validation, in its order (kvm-contract.md
 * 2): -ENODEV before ISA 3.0; -EINVAL for unknown flags, a GR bit that disagrees with
 * RADIX, PRTS > 24 (radix is always available here); -EBUSY when the mode must switch
 * while a vcpu is inside KVM_RUN. The switch happens under the map write lock, so a vcpu
 * entering KVM_RUN meanwhile waits for it and sees the new mode whole. */
static int interp_configure_mmu(struct kvm *kvm, struct kvm_ppc_mmuv3_cfg *cfg)
{
	pthread_mutex_lock(&kvm->lock); /* the vcpu list */
	int r = 0;
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		if (kvm->vcpus[i]->cpu.isa < PPC_ISA_300)
			r = -ENODEV;
	bool radix = (cfg->flags & KVM_PPC_MMUV3_RADIX) != 0;
	if (r)
		;
	else if (cfg->flags & ~(uint64_t)(KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE))
		r = -EINVAL;
	else if (((cfg->process_table >> 63) != 0) != radix)
		r = -EINVAL;
	else if ((cfg->process_table & 0x1f) > 24)
		r = -EINVAL;
	struct ppc_machine *m = &kvm->mach;
	bool switching = radix != atomic_load(&m->radix);
	if (!r && switching && atomic_load(&kvm->vcpus_running))
		r = -EBUSY;
	if (r) {
		pthread_mutex_unlock(&kvm->lock);
		return r;
	}
	if (switching)
		kvm_map_write_lock(kvm);
	if (switching && atomic_load(&kvm->vcpus_running)) {
		r = -EBUSY; /* a vcpu entered KVM_RUN after the first look */
	} else {
		pthread_mutex_lock(&m->atomic_lock);
		m->process_table = cfg->process_table;
		m->radix = radix;
		m->gtse = (cfg->flags & KVM_PPC_MMUV3_GTSE) != 0;
		pthread_mutex_unlock(&m->atomic_lock);
		flush_all_vcpus(kvm);
	}
	if (switching)
		kvm_map_write_unlock(kvm);
	pthread_mutex_unlock(&kvm->lock);
	return r;
}

/* The radix geometries and AP encodings of mmu/radix.c (POWER9's). */
static int interp_get_rmmu_info(struct kvm *kvm, struct kvm_ppc_rmmu_info *info)
{
	(void)kvm;
	memset(info, 0, sizeof(*info));
	info->geometries[0] = (struct kvm_ppc_radix_geom){.page_shift = 12, .level_bits = {9, 9, 9, 13}};
	info->geometries[1] = (struct kvm_ppc_radix_geom){.page_shift = 16, .level_bits = {5, 9, 9, 13}};
	info->ap_encodings[0] = 12;
	info->ap_encodings[1] = (5u << 29) | 16;
	info->ap_encodings[2] = (1u << 29) | 21;
	info->ap_encodings[3] = (2u << 29) | 30;
	return 0;
}

static int interp_set_smt_mode(struct kvm *kvm, unsigned long mode, unsigned long flags)
{
	if (flags || mode < 1 || mode > 8 || (mode & (mode - 1)))
		return -EINVAL;
	if (kvm->nvcpus)
		return -EBUSY;
	kvm->smt_mode = mode;
	return 0;
}

static int interp_enable_nested(struct kvm *kvm)
{
	(void)kvm;
	return -EOPNOTSUPP; /* nested-HV hcalls are not implemented (also for the probe) */
}

/*
 * Guest-virtual access with the vcpu's current translation (data relocation, MSR[PR]),
 * bytes in memory order. Return 0 (and *eaddr = the real address), -ENOENT/-EPERM/-EINVAL
 * for a translation fault (no interrupt is delivered), EMULATE_DO_MMIO when the address
 * is not RAM, -EINVAL for a bad size. Called in the vcpu's context.
 */
static int eaddr_access(struct kvm_vcpu *vcpu, kvm_ulong *eaddr, uint8_t *buf, int size,
			int write)
{
	struct ppc_cpu *cpu = &vcpu->cpu;
	if (size <= 0 || size > 4096)
		return -EINVAL;
	tlb_remote_ack(cpu);
	uint64_t ea = cpu_ea(cpu, *eaddr), first = 0;
	for (int done = 0; done < size;) {
		unsigned room = (unsigned)(PPC_PAGE_SIZE - (ea & (PPC_PAGE_SIZE - 1)));
		unsigned n = (unsigned)(size - done) < room ? (unsigned)(size - done) : room;
		uint64_t real;
		int st = mem_translate(cpu, ea, write ? ACCESS_STORE : ACCESS_LOAD, &real, 0);
		if (st < 0)
			return st;
		uint8_t *h = mem_host_ptr(cpu, real, n, write);
		if (!h)
			return EMULATE_DO_MMIO;
		if (!done)
			first = real;
		if (write)
			memcpy(h, buf + done, n);
		else
			memcpy(buf + done, h, n);
		done += (int)n;
		ea = cpu_ea(cpu, ea + n);
	}
	*eaddr = (kvm_ulong)first;
	return 0;
}

static int interp_load_from_eaddr(struct kvm_vcpu *vcpu, kvm_ulong *eaddr, void *ptr, int size)
{
	return eaddr_access(vcpu, eaddr, ptr, size, 0);
}

static int interp_store_to_eaddr(struct kvm_vcpu *vcpu, kvm_ulong *eaddr, void *ptr, int size)
{
	return eaddr_access(vcpu, eaddr, ptr, size, 1);
}

const struct kvmppc_ops kvmppc_interp_ops = {
	.owner = NULL,
	.get_sregs = interp_get_sregs,
	.set_sregs = interp_set_sregs,
	.get_one_reg = interp_get_one_reg,
	.set_one_reg = interp_set_one_reg,
	.vcpu_load = interp_vcpu_load,
	.vcpu_put = interp_vcpu_put,
	.set_msr = interp_set_msr,
	.vcpu_run = interp_vcpu_run,
	.vcpu_create = interp_vcpu_create,
	.vcpu_free = interp_vcpu_free,
	.check_requests = interp_check_requests,
	.get_dirty_log = interp_get_dirty_log,
	.flush_memslot = interp_flush_memslot,
	.prepare_memory_region = interp_prepare_memory_region,
	.commit_memory_region = interp_commit_memory_region,
	.unmap_hva_range = interp_unmap_hva_range,
	.age_hva = interp_age_hva,
	.test_age_hva = interp_test_age_hva,
	.set_spte_hva = interp_set_spte_hva,
	.mmu_destroy = interp_mmu_destroy,
	.free_memslot = interp_free_memslot,
	.create_memslot = interp_create_memslot,
	.init_vm = interp_init_vm,
	.destroy_vm = interp_destroy_vm,
	.get_smmu_info = interp_get_smmu_info,
	.emulate_op = interp_emulate_op,
	.emulate_mtspr = interp_emulate_mtspr,
	.emulate_mfspr = interp_emulate_mfspr,
	.fast_vcpu_kick = interp_fast_vcpu_kick,
	.arch_vm_ioctl = interp_arch_vm_ioctl,
	.hcall_implemented = interp_hcall_implemented,
	.irq_bypass_add_producer = interp_irq_bypass_add_producer,
	.irq_bypass_del_producer = interp_irq_bypass_del_producer,
	.configure_mmu = interp_configure_mmu,
	.get_rmmu_info = interp_get_rmmu_info,
	.set_smt_mode = interp_set_smt_mode,
	.giveup_ext = interp_giveup_ext,
	.enable_nested = interp_enable_nested,
	.load_from_eaddr = interp_load_from_eaddr,
	.store_to_eaddr = interp_store_to_eaddr,
};
