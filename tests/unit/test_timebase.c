/* SPDX-License-Identifier: MIT */
/*
 * Time base, decrementer (32-bit and POWER9 large), hypervisor decrementer, time-base
 * writes, the run loop noticing DEC expiry without a timer thread, and PMU counting.
 * Deterministic mode (one TB tick per retired instruction) makes every value exact.
 */
#include <time.h>

#include "priv_fixture.h"

#define NOP 0x60000000u
#define MFTB4 0x7c8c42e6u /* mftb r4 */

static struct fx *det(uint32_t pvr, bool papr)
{
	struct fx *f = fx_new(pvr, papr);
	/* the internal one-tick-per-instruction clock: every value below is exact in ticks
	 * (test_clock.c covers the public instruction-count modes) */
	kvm_clock_set_locked(f->vm, PPC_CLOCK_TICKS);
	cpu_timer_reset(f->c);
	return f;
}

static void nops(struct ppc_cpu *c, uint64_t msr, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(exec_at(c, 0x1000, msr, NOP), PPC_OK);
}

static void test_dec_32(void **st)
{
	(void)st;
	struct fx *f = det(PVR_POWER9, true);
	struct ppc_cpu *c = f->c;
	c->gpr[3] = 100;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_DEC, 3)), PPC_OK);
	nops(c, MSR_KERNEL, 9);
	/* written at tick t, read 10 ticks later (mtdec + 9 nops) */
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_DEC)), PPC_OK);
	assert_int_equal(c->gpr[4], 90);
	cpu_timer_poll(c);
	assert_false(atomic_load(&c->pending) & PENDING_DEC);
	nops(c, MSR_KERNEL, 89);   /* 100 ticks after the write: DEC = 0, not negative */
	cpu_timer_poll(c);
	assert_false(atomic_load(&c->pending) & PENDING_DEC);
	nops(c, MSR_KERNEL, 1);    /* DEC = -1 */
	cpu_timer_poll(c);
	assert_true(atomic_load(&c->pending) & PENDING_DEC);
	assert_true(atomic_load(&c->attention) & ATTN_INTERRUPT);
	/* a 32-bit DEC reads as a zero-extended word */
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_DEC)), PPC_OK);
	assert_int_equal(c->gpr[4], 0xffffffffULL);
	/* level-triggered: delivery does not clear it, a positive write does */
	cpu_set_msr(c, MSR_KERNEL | MSR_EE);
	c->nia = 0x2000;
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0x900);
	assert_true(atomic_load(&c->pending) & PENDING_DEC);
	c->gpr[3] = 0x7fffffff;
	assert_int_equal(exec_at(c, 0x900, MSR_KERNEL, enc_mtspr(SPR_DEC, 3)), PPC_OK);
	assert_false(atomic_load(&c->pending) & PENDING_DEC);
	/* writing a negative value makes it pending at the next poll */
	c->gpr[3] = 0x80000000;
	assert_int_equal(exec_at(c, 0x900, MSR_KERNEL, enc_mtspr(SPR_DEC, 3)), PPC_OK);
	assert_int_equal(c->timer_icount, c->icount - 1); /* poll requested */
	cpu_timer_poll(c);
	assert_true(atomic_load(&c->pending) & PENDING_DEC);
	fx_free(f);
}

static void test_dec_large(void **st)
{
	(void)st;
	struct fx *f = det(PVR_POWER9, false);
	struct ppc_cpu *c = f->c;
	assert_int_equal(spr_set(c, SPR_LPCR, LPCR_LD), 0);
	assert_int_equal(cpu_dec_width(c), 56);
	c->gpr[3] = 0x00ffffffffffffffULL; /* -1 in 56 bits */
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mtspr(SPR_DEC, 3)), PPC_OK);
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mfspr(4, SPR_DEC)), PPC_OK);
	assert_int_equal(c->gpr[4], 0xfffffffffffffffeULL); /* sign-extended, one tick later */
	c->gpr[3] = 0x0000100000000000ULL; /* 2^44: more than 32 bits */
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mtspr(SPR_DEC, 3)), PPC_OK);
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mfspr(4, SPR_DEC)), PPC_OK);
	assert_int_equal(c->gpr[4], 0x0000100000000000ULL - 1);
	fx_free(f);
	/* POWER8 has no large decrementer: LD is ignored */
	f = det(PVR_POWER8, false);
	c = f->c;
	assert_int_equal(spr_set(c, SPR_LPCR, LPCR_LD), 0);
	assert_int_equal(cpu_dec_width(c), 32);
	fx_free(f);
}

static void test_hdec(void **st)
{
	(void)st;
	struct fx *f = det(PVR_POWER9, false);
	struct ppc_cpu *c = f->c;
	c->spr[SPR_LPCR] |= LPCR_HDICE;
	c->gpr[3] = 5;
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mtspr(SPR_HDEC, 3)), PPC_OK);
	nops(c, MSR_HVK, 6);
	cpu_timer_poll(c);
	assert_true(atomic_load(&c->pending) & PENDING_HDEC);
	cpu_set_msr(c, MSR_HVK | MSR_EE);
	c->nia = 0x3000;
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0x980);
	assert_int_equal(c->spr[SPR_HSRR0], 0x3000);
	/* once per expiry: still negative, but not raised again until HDEC is written */
	cpu_timer_poll(c);
	assert_false(atomic_load(&c->pending) & PENDING_HDEC);
	/* a guest cannot touch HDEC */
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_HDEC)), PPC_EXC);
	assert_int_equal(c->nia, 0xe40);
	fx_free(f);
}

static void test_tb_reads_writes(void **st)
{
	(void)st;
	struct fx *f = det(PVR_POWER9, false);
	struct ppc_cpu *c = f->c;
	/* problem state reads TB through mftb and mfspr 268; TBU is the upper half */
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, MFTB4), PPC_OK);
	uint64_t t0 = c->gpr[4];
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(4, 268)), PPC_OK);
	assert_int_equal(c->gpr[4], t0 + 1);
	/* hypervisor writes: TBL then TBU then TBU40 */
	c->gpr[3] = 0x11111111;
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mtspr(SPR_TBL, 3)), PPC_OK);
	c->gpr[3] = 0x22222222;
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mtspr(SPR_TBU, 3)), PPC_OK);
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, MFTB4), PPC_OK);
	assert_int_equal(c->gpr[4], 0x2222222211111113ULL); /* two ticks since the TBL write */
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mfspr(4, SPR_TBU_R)), PPC_OK);
	assert_int_equal(c->gpr[4], 0x22222222);
	c->gpr[3] = 0xabcdef0123ffffffULL;
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mtspr(SPR_TBU40, 3)), PPC_OK);
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, MFTB4), PPC_OK);
	/* bits 0:39 from RS, 40:63 kept (0x111115 at the write, +1 since) */
	assert_int_equal(c->gpr[4], 0xabcdef0123000000ULL | 0x111116);
	/* a guest's privileged state may not write the TB */
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_TBL, 3)), PPC_EXC);
	assert_int_equal(c->nia, 0xe40);
	/* PURR/SPURR follow the TB; the hypervisor sets them */
	c->gpr[3] = 1000;
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mtspr(SPR_PURR, 3)), PPC_OK);
	nops(c, MSR_KERNEL, 4);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PURR)), PPC_OK);
	assert_int_equal(c->gpr[4], 1005);
	fx_free(f);
}

static void test_idle_wait(void **st)
{
	(void)st;
	struct fx *f = fx_new(PVR_POWER9, true);
	struct ppc_cpu *c = f->c;
	assert_int_equal(spr_set(c, SPR_DEC, 512000), 0); /* 1 ms */
	uint64_t ns = cpu_dec_wait_ns(c);
	assert_true(ns > 900000 && ns <= 1000002);
	assert_int_equal(spr_set(c, SPR_DEC, 0xffffffff), 0); /* -1: already due */
	assert_int_equal(cpu_dec_wait_ns(c), 0);
	fx_free(f);
	/* instruction time: the wait is for the VM clock to reach the deadline, 1001 ticks
	 * on (test_clock.c has lib/'s jump there); put the clock there */
	f = det(PVR_POWER9, true);
	c = f->c;
	assert_int_equal(spr_set(c, SPR_DEC, 1000), 0);
	uint64_t now = cpu_clock_now(c);
	assert_int_equal(cpu_dec_deadline(c), now + 1001);
	atomic_store(&f->vm->mach.clock.now, atomic_load(&f->vm->mach.clock.now) + 1001);
	assert_int_equal(cpu_dec_deadline(c), cpu_clock_now(c)); /* due */
	cpu_timer_poll(c);
	assert_true(atomic_load(&c->pending) & PENDING_DEC);
	uint64_t dec;
	assert_int_equal(spr_get(c, SPR_DEC, &dec), 0);
	assert_int_equal(dec, 0xffffffffULL);
	fx_free(f);
}

static void test_real_time_clock(void **st)
{
	(void)st;
	struct fx *f = fx_new(PVR_POWER9, true);
	struct ppc_cpu *c = f->c;
	uint64_t a = cpu_tb(c);
	struct timespec ts = {0, 2000000}; /* 2 ms = 1,024,000 ticks at 512 MHz */
	nanosleep(&ts, NULL);
	uint64_t b = cpu_tb(c);
	assert_true(b - a >= 1000000);
	assert_true(b - a < 512000000ULL); /* and less than a second */
	fx_free(f);
}

static void test_pmu(void **st)
{
	(void)st;
	struct fx *f = det(PVR_POWER9, true);
	struct ppc_cpu *c = f->c;
	/* frozen at reset (MMCR0[FC]) */
	nops(c, MSR_KERNEL, 5);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PMC5)), PPC_OK);
	assert_int_equal(c->gpr[4], 0);
	/* unfreeze, freeze in supervisor (FCS): only problem-state instructions count */
	c->gpr[3] = 1ULL << 30;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_MMCR0, 3)), PPC_OK);
	nops(c, MSR_KERNEL, 5);
	nops(c, MSR_USER, 7);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PMC5)), PPC_OK);
	/* the supervisor mtspr and nops are frozen; the 7 user nops counted */
	assert_int_equal(c->gpr[4], 7);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PMC6)), PPC_OK);
	assert_int_equal(c->gpr[4], 7);
	/* FC56 freezes PMC5/6 only */
	c->gpr[3] = 1ULL << 4;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_MMCR0, 3)), PPC_OK);
	nops(c, MSR_KERNEL, 3);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PMC5)), PPC_OK);
	assert_int_equal(c->gpr[4], 7);
	/* overflow with PMAE and PMCjCE: perf monitor interrupt, PMAO set, PMAE cleared */
	c->gpr[3] = 0x7ffffffd;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_PMC5, 3)), PPC_OK);
	c->gpr[3] = (1ULL << 26) | (1ULL << 14);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_MMCR0, 3)), PPC_OK);
	nops(c, MSR_KERNEL, 1);
	cpu_timer_poll(c);
	assert_false(atomic_load(&c->pending) & PENDING_PERF_MON);
	nops(c, MSR_KERNEL, 2);
	cpu_timer_poll(c);
	assert_true(atomic_load(&c->pending) & PENDING_PERF_MON);
	assert_int_equal(c->spr[SPR_MMCR0], (1ULL << 14) | (1ULL << 7));
	cpu_set_msr(c, MSR_KERNEL | MSR_EE);
	c->nia = 0x4000;
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0xf00);
	/* writing PMAO = 1 raises an alert, writing it 0 withdraws it */
	c->gpr[3] = 1ULL << 7 | 1ULL << 31;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_MMCR0, 3)), PPC_OK);
	assert_true(atomic_load(&c->pending) & PENDING_PERF_MON);
	c->gpr[3] = 1ULL << 31;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_MMCR0, 3)), PPC_OK);
	assert_false(atomic_load(&c->pending) & PENDING_PERF_MON);
	/* PMC1 with MMCR1 PMC1SEL = 0x02 (instructions), set up while frozen */
	c->gpr[3] = 1ULL << 31;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_MMCR0, 3)), PPC_OK);
	c->gpr[3] = 0;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_PMC1, 3)), PPC_OK);
	c->gpr[3] = 0x02000000;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_MMCR1, 3)), PPC_OK);
	c->gpr[3] = 0;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_MMCR0, 3)), PPC_OK);
	nops(c, MSR_KERNEL, 4);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PMC1)), PPC_OK);
	assert_int_equal(c->gpr[4], 5); /* the unfreezing mtspr retires counted, then 4 nops */
	fx_free(f);
}

/* The run loop notices DEC expiry at block boundaries (no timer thread). */
static void test_run_loop_dec(void **st)
{
	(void)st;
	struct fx *f = det(PVR_POWER9, true);
	static const uint32_t code[] = {
		0x38a00064,   /* li r5,100 */
		0x7ca00000,   /* placeholder: mtdec r5 */
		0x38c00000,   /* li r6,0 */
		0x60c68002,   /* ori r6,r6,0x8002 (EE|RI) */
		0x7cc10164,   /* mtmsrd r6,1 */
		0x48000000,   /* b . */
	};
	uint32_t prog[6];
	memcpy(prog, code, sizeof(prog));
	prog[1] = enc_mtspr(SPR_DEC, 5);
	const uint32_t vec[] = {enc_mfspr(4, SPR_SRR0), 0x38600099 /* li r3,0x99 */,
				0x44000022 /* sc 1 */};
	for (int i = 0; i < 6; i++)
		for (int b = 0; b < 4; b++)
			f->ram[0x1000 + 4 * i + b] = (uint8_t)(prog[i] >> (8 * b));
	for (int i = 0; i < 3; i++)
		for (int b = 0; b < 4; b++)
			f->ram[0x900 + 4 * i + b] = (uint8_t)(vec[i] >> (8 * b));
	/* interrupts in little-endian, as H_SET_MODE(ILE) would arrange */
	assert_int_equal(spr_set(f->c, SPR_LPCR, LPCR_ILE), 0);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	regs.pc = 0x1000;
	regs.msr = MSR_SF | MSR_LE;
	assert_int_equal(kvmppc_set_regs(f->vcpu, &regs), 0);
	uint64_t start = f->c->icount;
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x99);
	assert_int_equal(run->papr_hcall.args[0], 0x1014); /* interrupted at the b . */
	/* mtdec retired at start+1 with TB = start+1: expires when TB > start+101 */
	uint64_t taken = f->c->icount - start;
	assert_true(taken >= 102 && taken <= 106);
	fx_free(f);
}

/* SIER records the state of the sampled instruction: SIPR in problem state, SIHV in
 * hypervisor state (neither in a guest's supervisor state). */
static void test_pmu_sier_state(void **st)
{
	(void)st;
	struct fx *f = det(PVR_POWER9, false);
	struct ppc_cpu *c = f->c;
	static const uint64_t msrs[] = {MSR_USER, MSR_HVK, MSR_KERNEL};
	static const uint64_t siers[] = {(1ULL << 25) | (1ULL << 22), (1ULL << 24) | (1ULL << 22),
					 1ULL << 22};
	for (int i = 0; i < 3; i++) {
		c->spr[SPR_PMC5] = 0x7fffffff;
		assert_int_equal(spr_set(c, SPR_MMCR0, (1ULL << 26) | (1ULL << 14)), 0);
		assert_int_equal(exec_at(c, 0x1230 + 4 * (uint64_t)i, msrs[i], NOP), PPC_OK);
		cpu_timer_poll(c);
		assert_true(atomic_load(&c->pending) & PENDING_PERF_MON);
		assert_int_equal(c->spr[SPR_SIAR], 0x1230 + 4 * (uint64_t)i);
		assert_int_equal(c->spr[SPR_SIER], siers[i]);
		atomic_fetch_and(&c->pending, ~PENDING_PERF_MON);
	}
	fx_free(f);
}

/* A perf-like sampling loop: PMC1 counts instructions (MMCR1 PMC1SEL = 0x02) from
 * 0x80000000 - 1000; its overflow, with MMCR0[PMAE] and [PMC1CE], gives the performance
 * monitor interrupt at 0xf00 with MMCR0[PMAO] set, PMAE cleared, SIAR = an instruction of
 * the loop and SIER = SIAR_VALID (supervisor, not hypervisor). */
static void test_pmu_sampling_run(void **st)
{
	(void)st;
	struct fx *f = det(PVR_POWER9, true);
	uint32_t prog[] = {
		0x3c608000,   /* lis r3,0x8000 */
		0x3863fc18,   /* addi r3,r3,-1000 */
		enc_mtspr(SPR_PMC1, 3),
		0x3c600200,   /* lis r3,0x0200 (PMC1SEL = 0x02) */
		enc_mtspr(SPR_MMCR1, 3),
		0x3c600400,   /* lis r3,0x0400 (PMAE) */
		0x60638000,   /* ori r3,r3,0x8000 (PMC1CE) */
		0x38c08002,   /* li r6,0x8002 (EE|RI) */
		0x7cc10164,   /* mtmsrd r6,1 */
		enc_mtspr(SPR_MMCR0, 3), /* FC = 0: counting starts */
		0x39080001,   /* loop: addi r8,r8,1 */
		0x4bfffffc,   /* b loop */
	};
	const uint32_t vec[] = {enc_mfspr(4, SPR_SIAR), enc_mfspr(5, SPR_SIER),
				enc_mfspr(6, SPR_MMCR0), enc_mfspr(7, SPR_PMC1),
				0x38600055 /* li r3,0x55 */, 0x44000022 /* sc 1 */};
	for (size_t i = 0; i < sizeof(prog) / 4; i++)
		for (int b = 0; b < 4; b++)
			f->ram[0x1000 + 4 * i + b] = (uint8_t)(prog[i] >> (8 * b));
	for (size_t i = 0; i < sizeof(vec) / 4; i++)
		for (int b = 0; b < 4; b++)
			f->ram[0xf00 + 4 * i + b] = (uint8_t)(vec[i] >> (8 * b));
	assert_int_equal(spr_set(f->c, SPR_LPCR, LPCR_ILE), 0);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	regs.pc = 0x1000;
	regs.msr = MSR_SF | MSR_LE;
	assert_int_equal(kvmppc_set_regs(f->vcpu, &regs), 0);
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x55);
	uint64_t siar = run->papr_hcall.args[0];
	assert_true(siar == 0x1028 || siar == 0x102c);            /* in the loop */
	assert_int_equal(run->papr_hcall.args[1], 1ULL << 22);     /* SIER: SIAR_VALID */
	assert_int_equal(run->papr_hcall.args[2], (1ULL << 15) | (1ULL << 7)); /* PMAO, not PMAE */
	assert_true(run->papr_hcall.args[3] >= 0x80000000ULL);    /* overflowed */
	assert_true(run->papr_hcall.args[3] < 0x80000000ULL + 8); /* and was noticed at once */
	assert_true(f->c->gpr[8] >= 490 && f->c->gpr[8] <= 500);   /* ~1000 insns of the loop */
	assert_int_equal(f->c->spr[SPR_SRR0] & ~4ULL, 0x1028);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dec_32),
		cmocka_unit_test(test_dec_large),
		cmocka_unit_test(test_hdec),
		cmocka_unit_test(test_tb_reads_writes),
		cmocka_unit_test(test_real_time_clock),
		cmocka_unit_test(test_idle_wait),
		cmocka_unit_test(test_pmu),
		cmocka_unit_test(test_run_loop_dec),
		cmocka_unit_test(test_pmu_sampling_run),
		cmocka_unit_test(test_pmu_sier_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
