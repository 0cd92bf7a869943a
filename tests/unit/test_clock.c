/* SPDX-License-Identifier: MIT */
/*
 * The VM clock in instruction-count time (kvmppc_vm_set_clock): API errors, the time base
 * advancing exactly (instructions << shift) * 512 / 1000 ticks, the decrementer firing at
 * the exact instruction, H_CEDE jumping to the deadline without host waiting, two vcpus
 * sharing one clock, mode switches keeping TB continuous, and snapshots. Every check is
 * on TB values and instruction counts, never on elapsed host time.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

#include "priv_fixture.h"

#define CODE 0x1000
#define MSR_RUN 0x8000000000000001ULL /* SF | LE, real mode, EE off */
#define SC1 0x44000022u
#define NOP 0x60000000u

/* ---- a tiny assembler ---- */

struct prog {
	uint32_t w[64];
	unsigned n;
};

static unsigned emit(struct prog *p, uint32_t w)
{
	assert_true(p->n < 64);
	p->w[p->n] = w;
	return p->n++;
}

static void li32(struct prog *p, unsigned rd, uint32_t v)
{
	emit(p, 0x3c000000u | rd << 21 | (v >> 16));                  /* lis rd,hi */
	emit(p, 0x60000000u | rd << 21 | rd << 16 | (v & 0xffff));    /* ori rd,rd,lo */
}

static uint32_t mftb(unsigned rt) { return enc_mfspr(rt, 268); }
#define MTDEC6 enc_mtspr(SPR_DEC, 6)
#define MTCTR6 0x7cc903a6u
#define BDNZ_SELF 0x42000000u /* bdnz . */
#define B_SELF 0x48000000u    /* b . */

/* Little-endian code at @at. */
static void put_le(uint8_t *ram, uint64_t at, const struct prog *p)
{
	for (unsigned i = 0; i < p->n; i++)
		for (int b = 0; b < 4; b++)
			ram[at + 4 * i + b] = (uint8_t)(p->w[i] >> (8 * b));
}

/* Big-endian code at an interrupt vector (LPCR[ILE] = 0). */
static void put_be(uint8_t *ram, uint64_t at, const uint32_t *w, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		for (int b = 0; b < 4; b++)
			ram[at + 4 * i + b] = (uint8_t)(w[i] >> (8 * (3 - b)));
}

static void start_at(struct kvm_vcpu *v, uint64_t pc)
{
	struct kvm_regs r;
	assert_int_equal(kvmppc_get_regs(v, &r), 0);
	r.pc = pc;
	r.msr = MSR_RUN;
	assert_int_equal(kvmppc_set_regs(v, &r), 0);
}

static uint64_t reg(struct kvm_vcpu *v, unsigned n)
{
	struct kvm_regs r;
	assert_int_equal(kvmppc_get_regs(v, &r), 0);
	return r.gpr[n];
}

static void run_to_hcall(struct kvm_vcpu *v)
{
	assert_int_equal(kvmppc_run(v), 0);
	assert_int_equal(kvmppc_vcpu_run_struct(v)->exit_reason, KVM_EXIT_PAPR_HCALL);
}

/* The reference: TB ticks after @ns virtual nanoseconds (512 MHz), small values only. */
static uint64_t ref_ticks(uint64_t ns)
{
	return ns * 512 / 1000;
}

/* ---- API ---- */

static void test_api_errors(void **st)
{
	(void)st;
	struct fx *f = fx_new(0, 1);
	int shift = 99;
	uint64_t ns = 0;
	assert_int_equal(kvmppc_vm_get_clock(f->vm, &shift, &ns), 0);
	assert_int_equal(shift, KVMPPC_CLOCK_HOST); /* the default */
	assert_true(ns > 0);
	assert_int_equal(kvmppc_vm_set_clock(NULL, 0), -EFAULT);
	assert_int_equal(kvmppc_vm_get_clock(NULL, &shift, &ns), -EFAULT);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, -2), -EINVAL);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, KVMPPC_CLOCK_SHIFT_MAX + 1), -EINVAL);
	assert_int_equal(kvmppc_vm_get_clock(f->vm, &shift, NULL), 0);
	assert_int_equal(shift, KVMPPC_CLOCK_HOST); /* unchanged by the errors */
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 7), 0);
	assert_int_equal(kvmppc_vm_get_clock(f->vm, &shift, &ns), 0);
	assert_int_equal(shift, 7);
	assert_int_equal(ns, 0); /* nothing has run */
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 7), 0); /* the same mode again */
	assert_int_equal(kvmppc_vm_set_clock(f->vm, KVMPPC_CLOCK_HOST), 0);
	assert_int_equal(kvmppc_vm_get_clock(f->vm, NULL, NULL), 0);
	fx_free(f);
}

static void *run_thread(void *arg)
{
	struct kvm_vcpu *v = arg;
	return (void *)(intptr_t)kvmppc_run(v);
}

/* A vcpu inside kvmppc_run: the mode cannot change (-EBUSY), and it is left as it was;
 * a kick publishes the vcpu's instructions to the clock. */
static void test_busy_while_running(void **st)
{
	(void)st;
	struct fx *f = fx_new(0, 1);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 0), 0);
	struct prog p = {.n = 0};
	emit(&p, B_SELF);
	put_le(f->ram, CODE, &p);
	start_at(f->vcpu, CODE);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, run_thread, f->vcpu), 0);
	while (kvmppc_vcpu_instructions(f->vcpu) == 0)
		sched_yield();
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 3), -EBUSY);
	kvmppc_kick(f->vcpu);
	void *ret;
	pthread_join(t, &ret);
	assert_int_equal((int)(intptr_t)ret, -EINTR);
	int shift;
	uint64_t ns;
	assert_int_equal(kvmppc_vm_get_clock(f->vm, &shift, &ns), 0);
	assert_int_equal(shift, 0);
	/* the vcpu published every instruction when it left kvmppc_run */
	assert_int_equal(ns, kvmppc_vcpu_instructions(f->vcpu));
	fx_free(f);
}

/* ---- exact time ---- */

/* mftb r4; ctr loop of @iters; mftb r5; sc 1 — for several shifts. */
static void test_tb_exact(void **st)
{
	(void)st;
	static const int shifts[] = {0, 1, 3, 10};
	for (size_t s = 0; s < sizeof(shifts) / sizeof(shifts[0]); s++) {
		int sh = shifts[s];
		struct fx *f = fx_new(0, 1);
		assert_int_equal(kvmppc_vm_set_clock(f->vm, sh), 0);
		struct prog p = {.n = 0};
		emit(&p, mftb(4));
		li32(&p, 6, 300001);
		emit(&p, MTCTR6);
		emit(&p, BDNZ_SELF);
		emit(&p, mftb(5));
		emit(&p, SC1);
		put_le(f->ram, CODE, &p);
		start_at(f->vcpu, CODE);
		run_to_hcall(f->vcpu);
		uint64_t n = kvmppc_vcpu_instructions(f->vcpu);
		assert_int_equal(n, 1 + 2 + 1 + 300001 + 1); /* sc 1 exits: not retired */
		assert_int_equal(reg(f->vcpu, 4), 0);
		/* the second mftb saw every instruction before it */
		assert_int_equal(reg(f->vcpu, 5), ref_ticks((n - 1) << sh));
		uint64_t ns;
		assert_int_equal(kvmppc_vm_get_clock(f->vm, NULL, &ns), 0);
		assert_int_equal(ns, n << sh);
		/* PURR, SPURR and VTB count the same ticks, IC the instructions */
		uint64_t v;
		assert_int_equal(spr_get(f->c, SPR_PURR, &v), 0);
		assert_int_equal(v, ref_ticks(n << sh));
		assert_int_equal(spr_get(f->c, SPR_VTB, &v), 0);
		assert_int_equal(v, ref_ticks(n << sh));
		assert_int_equal(spr_get(f->c, SPR_IC, &v), 0);
		assert_int_equal(v, n);
		fx_free(f);
	}
}

/* li32 r6,D; mtdec r6; b . with MSR[EE]=1; the handler at 0x900: mfdec r10; mftb r9; sc 1.
 * The interrupt comes after exactly the first instruction at which TB > the expiry. */
static void test_dec_exact_instruction(void **st)
{
	(void)st;
	static const int shifts[] = {0, 2, 10};
	for (size_t s = 0; s < sizeof(shifts) / sizeof(shifts[0]); s++) {
		int sh = shifts[s];
		struct fx *f = fx_new(0, 1);
		assert_int_equal(kvmppc_vm_set_clock(f->vm, sh), 0);
		const uint32_t d = 5000;
		struct prog p = {.n = 0};
		li32(&p, 6, d);
		emit(&p, MTDEC6);
		emit(&p, B_SELF);
		put_le(f->ram, CODE, &p);
		const uint32_t handler[] = {enc_mfspr(10, SPR_DEC), mftb(9), SC1};
		put_be(f->ram, 0x900, handler, 3);
		struct kvm_regs r;
		assert_int_equal(kvmppc_get_regs(f->vcpu, &r), 0);
		r.pc = CODE;
		r.msr = MSR_RUN | MSR_EE;
		assert_int_equal(kvmppc_set_regs(f->vcpu, &r), 0);
		run_to_hcall(f->vcpu);
		uint64_t expiry = ref_ticks(2ULL << sh) + d; /* mtdec ran after 2 instructions */
		uint64_t want = 0;
		while (ref_ticks(want << sh) <= expiry) /* the first count where DEC < 0 */
			want++;
		/* the interrupt was taken there: the handler's two instructions follow */
		assert_int_equal(kvmppc_vcpu_instructions(f->vcpu), want + 2);
		assert_int_equal((uint32_t)reg(f->vcpu, 10), (uint32_t)(expiry - ref_ticks(want << sh)));
		assert_true((int32_t)(uint32_t)reg(f->vcpu, 10) < 0);
		assert_int_equal(reg(f->vcpu, 9), ref_ticks((want + 1) << sh));
		assert_int_equal(kvmppc_get_regs(f->vcpu, &r), 0);
		assert_int_equal(r.srr0, CODE + 3 * 4); /* the b . */
		fx_free(f);
	}
}

/* ---- idling ---- */

struct cede_result {
	uint64_t tb_before, dec, tb_after, insns, ns;
};

/* One vcpu: li32 r6,D; mtdec r6; mftb r8; H_CEDE; (DEC interrupt) mfdec r10; mftb r9.
 * H_CEDE must return at the deadline by a jump of the VM clock. */
static struct cede_result cede_vcpus(int sh, uint32_t d, unsigned vcpus)
{
	struct fx *f = fx_new(0, 1);
	for (unsigned i = 1; i < vcpus; i++) /* vcpus the VMM never runs (stopped) */
		test_vcpu_create(f->vm, i, true);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, sh), 0);
	struct prog p = {.n = 0};
	li32(&p, 6, d);
	emit(&p, MTDEC6);
	emit(&p, mftb(8));
	li32(&p, 3, H_CEDE);
	emit(&p, SC1);
	emit(&p, SC1); /* not reached: the DEC interrupt comes first */
	put_le(f->ram, CODE, &p);
	const uint32_t handler[] = {enc_mfspr(10, SPR_DEC), mftb(9), SC1};
	put_be(f->ram, 0x900, handler, 3);
	start_at(f->vcpu, CODE);
	run_to_hcall(f->vcpu);
	struct cede_result res = {
		.tb_before = reg(f->vcpu, 8), .dec = reg(f->vcpu, 10), .tb_after = reg(f->vcpu, 9),
		.insns = kvmppc_vcpu_instructions(f->vcpu),
	};
	assert_int_equal(kvmppc_vm_get_clock(f->vm, NULL, &res.ns), 0);
	struct kvm_regs r;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &r), 0);
	assert_int_equal(r.srr0, CODE + 7 * 4); /* after the cede's sc 1 */
	fx_free(f);
	return res;
}

static struct cede_result cede_once(int sh, uint32_t d)
{
	return cede_vcpus(sh, d, 1);
}

static void test_cede_jumps_to_deadline(void **st)
{
	(void)st;
	/* a 10 s decrementer: only a jump of the clock ends this in test time */
	const uint32_t d = 512000000u * 10u;
	for (int sh = 0; sh <= 10; sh += 5) {
		struct cede_result a = cede_once(sh, d);
		uint64_t expiry = ref_ticks(2ULL << sh) + d;
		assert_int_equal(a.tb_before, ref_ticks(3ULL << sh));
		/* the mfdec in the handler reads -1: the clock stopped where DEC went negative,
		 * then one instruction (the mfdec) moved it at most 2^sh ns on */
		assert_true((int32_t)(uint32_t)a.dec < 0);
		assert_true(a.tb_after >= expiry + 1);
		assert_true(a.tb_after <= expiry + 1 + ref_ticks(2ULL << sh) + 1);
		assert_int_equal(a.insns, 2 + 1 + 1 + 2 + 2); /* the wait retired nothing */
		/* and a second run is identical, bit for bit */
		struct cede_result b = cede_once(sh, d);
		assert_memory_equal(&a, &b, sizeof(a));
	}
	/* shift 0 exactly: the jump lands on the first ns where TB = expiry + 1 */
	struct cede_result c = cede_once(0, 1000);
	assert_int_equal((uint32_t)c.dec, 0xffffffffu);
	uint64_t at = ref_ticks(2) + 1000 + 1, ns = 0;
	while (ref_ticks(ns) < at)
		ns++;
	assert_int_equal(c.tb_after, ref_ticks(ns + 1)); /* the mfdec retired since */
	assert_int_equal(c.ns, ns + 2);                   /* mfdec, mftb */
	/* a vcpu the VMM keeps stopped does not hold the clock back: the same jump, once no
	 * vcpu has entered kvmppc_run for one wait */
	struct cede_result s3 = cede_vcpus(0, 1000, 3);
	assert_memory_equal(&c, &s3, sizeof(c));
}

/* ---- two vcpus ---- */

/* Each vcpu: N times { mftb r5; cmpld r5,r4; blt fail; mr r4,r5 }, then r3 = 0 and sc 1;
 * fail: r3 = 1, sc 1. */
static void put_monotonic_loop(uint8_t *ram, uint64_t at, uint32_t iters)
{
	struct prog p = {.n = 0};
	emit(&p, 0x38800000u);            /* li r4,0 */
	li32(&p, 6, iters);
	emit(&p, MTCTR6);
	emit(&p, mftb(5));                /* L: */
	emit(&p, 0x7c252040u);            /* cmpld r5,r4 */
	emit(&p, 0x41800014u);            /* blt fail (+20) */
	emit(&p, 0x7ca42b78u);            /* mr r4,r5 */
	emit(&p, 0x4200fff0u);            /* bdnz L (-16) */
	emit(&p, 0x38600000u);            /* li r3,0 */
	emit(&p, SC1);
	emit(&p, 0x38600001u);            /* fail: li r3,1 */
	emit(&p, SC1);
	put_le(ram, at, &p);
}

static void *run_to_hcall_thread(void *arg)
{
	struct kvm_vcpu *v = arg;
	int r = kvmppc_run(v);
	if (r == 0 && kvmppc_vcpu_run_struct(v)->exit_reason != KVM_EXIT_PAPR_HCALL)
		r = -1;
	return (void *)(intptr_t)r;
}

static void test_two_vcpus_share_clock(void **st)
{
	(void)st;
	struct fx *f = fx_new(0, 1);
	struct kvm_vcpu *v1 = test_vcpu_create(f->vm, 1, true);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 1), 0);
	put_monotonic_loop(f->ram, CODE, 200000);
	put_monotonic_loop(f->ram, CODE + 0x1000, 150000);
	start_at(f->vcpu, CODE);
	start_at(v1, CODE + 0x1000);
	pthread_t t0, t1;
	assert_int_equal(pthread_create(&t0, NULL, run_to_hcall_thread, f->vcpu), 0);
	assert_int_equal(pthread_create(&t1, NULL, run_to_hcall_thread, v1), 0);
	void *r0, *r1;
	pthread_join(t0, &r0);
	pthread_join(t1, &r1);
	assert_int_equal((int)(intptr_t)r0, 0);
	assert_int_equal((int)(intptr_t)r1, 0);
	assert_int_equal(reg(f->vcpu, 3), 0); /* each saw its TB never go back */
	assert_int_equal(reg(v1, 3), 0);
	uint64_t n0 = kvmppc_vcpu_instructions(f->vcpu), n1 = kvmppc_vcpu_instructions(v1);
	/* the VM's time is every instruction of both (no vcpu idled) */
	uint64_t ns;
	assert_int_equal(kvmppc_vm_get_clock(f->vm, NULL, &ns), 0);
	assert_int_equal(ns, (n0 + n1) << 1);
	/* each vcpu's last TB counted at least its own instructions, at most all of them */
	assert_true(reg(f->vcpu, 4) >= ref_ticks((n0 - 6) << 1));
	assert_true(reg(f->vcpu, 4) <= ref_ticks(ns));
	assert_true(reg(v1, 4) >= ref_ticks((n1 - 6) << 1));
	assert_true(reg(v1, 4) <= ref_ticks(ns));
	/* and the vcpus read one time base: a vcpu now reads what the other would */
	assert_int_equal(cpu_tb(&f->vcpu->cpu), cpu_tb(&v1->cpu));
	fx_free(f);
}

/* vcpu 0 cedes with a DEC deadline while vcpu 1 runs: vcpu 1's instructions advance the
 * clock to the deadline (or, once it has stopped, the clock jumps there). */
static void test_cede_while_other_runs(void **st)
{
	(void)st;
	struct fx *f = fx_new(0, 1);
	struct kvm_vcpu *v1 = test_vcpu_create(f->vm, 1, true);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 0), 0);
	const uint32_t d = 100000; /* ticks: ~195000 instructions of vcpu 1 at shift 0 */
	struct prog p = {.n = 0};
	li32(&p, 6, d);
	emit(&p, MTDEC6);
	li32(&p, 3, H_CEDE);
	emit(&p, SC1);
	emit(&p, SC1);
	put_le(f->ram, CODE, &p);
	const uint32_t handler[] = {mftb(9), SC1};
	put_be(f->ram, 0x900, handler, 2);
	put_monotonic_loop(f->ram, CODE + 0x1000, 100000);
	start_at(f->vcpu, CODE);
	start_at(v1, CODE + 0x1000);
	pthread_t t0, t1;
	assert_int_equal(pthread_create(&t1, NULL, run_to_hcall_thread, v1), 0);
	assert_int_equal(pthread_create(&t0, NULL, run_to_hcall_thread, f->vcpu), 0);
	void *r0, *r1;
	pthread_join(t0, &r0);
	pthread_join(t1, &r1);
	assert_int_equal((int)(intptr_t)r0, 0);
	assert_int_equal((int)(intptr_t)r1, 0);
	assert_int_equal(reg(v1, 3), 0);
	/* vcpu 0 woke with its decrementer expired, on the shared clock */
	uint64_t tb = reg(f->vcpu, 9);
	assert_true(tb > d);
	uint64_t ns;
	assert_int_equal(kvmppc_vm_get_clock(f->vm, NULL, &ns), 0);
	assert_true(tb <= ref_ticks(ns));
	fx_free(f);
}

/* ---- mode changes and snapshots ---- */

/* Before the first run the mode may change: TB = clock + TB_OFFSET (the clock is in ns
 * whatever the shift, so it reads on between shifts), DEC/PURR restart as at creation;
 * afterwards -EBUSY. */
static void test_switch_before_run(void **st)
{
	(void)st;
	struct fx *f = fx_new(0, 1);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 4), 0);
	for (int i = 0; i < 1000; i++) /* the VMM's own execution (emulate_op) */
		assert_int_equal(exec_at(f->c, CODE, MSR_KERNEL, NOP), PPC_OK);
	assert_int_equal(cpu_tb(f->c), ref_ticks(1000 << 4));
	assert_int_equal(spr_set(f->c, SPR_DEC, 5000), 0);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 0), 0);
	assert_int_equal(cpu_tb(f->c), ref_ticks(1000 << 4));
	for (int i = 0; i < 1000; i++)
		assert_int_equal(exec_at(f->c, CODE, MSR_KERNEL, NOP), PPC_OK);
	assert_int_equal(cpu_tb(f->c), ref_ticks((1000 << 4) + 1000));
	uint64_t dec, purr;
	uint64_t moved = ref_ticks((1000 << 4) + 1000) - ref_ticks(1000 << 4);
	assert_int_equal(spr_get(f->c, SPR_DEC, &dec), 0);
	assert_int_equal(dec, 0x7fffffffULL - moved);
	assert_int_equal(spr_get(f->c, SPR_PURR, &purr), 0);
	assert_int_equal(purr, moved);
	/* to host time and back: TB = the clock + TB_OFFSET */
	assert_int_equal(kvmppc_vm_set_clock(f->vm, KVMPPC_CLOCK_HOST), 0);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 1), 0);
	assert_int_equal(cpu_tb(f->c), ref_ticks((1000 << 4) + 1000));
	assert_int_equal(spr_get(f->c, SPR_DEC, &dec), 0);
	assert_int_equal(dec, 0x7fffffffULL);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 0), 0);
	/* once a vcpu has run, the clock stays */
	struct prog p = {.n = 0};
	emit(&p, SC1);
	put_le(f->ram, CODE, &p);
	start_at(f->vcpu, CODE);
	run_to_hcall(f->vcpu);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 3), -EBUSY);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, KVMPPC_CLOCK_HOST), -EBUSY);
	int shift;
	assert_int_equal(kvmppc_vm_get_clock(f->vm, &shift, NULL), 0);
	assert_int_equal(shift, 0);
	fx_free(f);
}

/* TB_OFFSET (ONE_REG) and hypervisor TB writes move the vcpu's offset over the
 * instruction clock; the clock itself, DEC's remaining ticks and the exact horizon stay. */
static void test_tb_offset_and_writes(void **st)
{
	(void)st;
	struct fx *f = fx_new(0, 0); /* no PAPR: MSR[HV] may write TBU40 */
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 0), 0);
	for (int i = 0; i < 100; i++)
		assert_int_equal(exec_at(f->c, CODE, MSR_HVK, NOP), PPC_OK);
	assert_int_equal(cpu_tb(f->c), ref_ticks(100));
	assert_int_equal(spr_set(f->c, SPR_DEC, 1000), 0);
	uint64_t off = 1ULL << 24, dec;
	struct kvm_one_reg r = {.id = KVM_REG_PPC_TB_OFFSET, .addr = (uintptr_t)&off};
	assert_int_equal(kvmppc_set_one_reg(f->vcpu, &r), 0);
	assert_int_equal(cpu_tb(f->c), ref_ticks(100) + (1ULL << 24));
	assert_int_equal(spr_get(f->c, SPR_DEC, &dec), 0);
	assert_int_equal(dec, 1000);
	/* mttbu40: TB bits 0:39 */
	f->c->gpr[3] = 5ULL << 24;
	assert_int_equal(exec_at(f->c, CODE, MSR_HVK, enc_mtspr(SPR_TBU40, 3)), PPC_OK);
	uint64_t after = cpu_tb(f->c);
	assert_int_equal(after >> 24, 5);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(exec_at(f->c, CODE, MSR_HVK, NOP), PPC_OK);
	assert_int_equal(cpu_tb(f->c) - after, ref_ticks(1101) - ref_ticks(101));
	/* the clock did not move: only this vcpu's offset */
	assert_int_equal(cpu_clock_now(f->c), 1101);
	fx_free(f);
}

static char snap_path[64];

/* Part 1 (a loop, then sc 1), snapshot, part 2 (DEC, H_CEDE, the handler reads DEC and
 * TB) in the saved VM and again in a restored one: the same values. */
static void snapshot_program(uint8_t *ram)
{
	struct prog p = {.n = 0};
	li32(&p, 6, 12345);
	emit(&p, MTCTR6);
	emit(&p, BDNZ_SELF);
	emit(&p, SC1);
	put_le(ram, CODE, &p);
	struct prog q = {.n = 0};
	li32(&q, 6, 777777);
	emit(&q, MTDEC6);
	emit(&q, mftb(8));
	li32(&q, 3, H_CEDE);
	emit(&q, SC1);
	emit(&q, SC1);
	put_le(ram, CODE + 0x800, &q);
	const uint32_t handler[] = {enc_mfspr(10, SPR_DEC), mftb(9), SC1};
	put_be(ram, 0x900, handler, 3);
}

static void part2(struct kvm_vcpu *v, uint64_t out[5])
{
	start_at(v, CODE + 0x800);
	uint64_t n = kvmppc_vcpu_instructions(v);
	run_to_hcall(v);
	out[0] = reg(v, 8), out[1] = reg(v, 9), out[2] = reg(v, 10);
	out[3] = kvmppc_vcpu_instructions(v) - n;
	assert_int_equal(kvmppc_vm_get_clock(kvmppc_vcpu_kvm(v), NULL, &out[4]), 0);
}

static void test_snapshot_round_trip(void **st)
{
	(void)st;
	snprintf(snap_path, sizeof(snap_path), "/tmp/kvmppc-clock-%ld.gz", (long)getpid());
	struct fx *a = fx_new(0, 1);
	assert_int_equal(kvmppc_vm_set_clock(a->vm, 2), 0);
	snapshot_program(a->ram);
	start_at(a->vcpu, CODE);
	run_to_hcall(a->vcpu);
	uint64_t tb_saved = cpu_tb(a->c);
	assert_int_equal(kvmppc_snapshot_save(a->vm, snap_path), 0);
	uint64_t want[5], got[5];
	part2(a->vcpu, want);
	assert_true((int32_t)(uint32_t)want[2] < 0); /* the cede ended at the deadline */

	struct fx *b = fx_new(0, 1); /* host time, until the snapshot says otherwise */
	assert_int_equal(kvmppc_snapshot_load(b->vm, snap_path), 0);
	int shift;
	assert_int_equal(kvmppc_vm_get_clock(b->vm, &shift, NULL), 0);
	assert_int_equal(shift, 2);
	assert_int_equal(cpu_tb(b->c), tb_saved);
	part2(b->vcpu, got);
	assert_memory_equal(want, got, sizeof(want));
	unlink(snap_path);
	fx_free(a);
	fx_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_errors),
		cmocka_unit_test(test_busy_while_running),
		cmocka_unit_test(test_tb_exact),
		cmocka_unit_test(test_dec_exact_instruction),
		cmocka_unit_test(test_cede_jumps_to_deadline),
		cmocka_unit_test(test_two_vcpus_share_clock),
		cmocka_unit_test(test_cede_while_other_runs),
		cmocka_unit_test(test_switch_before_run),
		cmocka_unit_test(test_tb_offset_and_writes),
		cmocka_unit_test(test_snapshot_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
