/* SPDX-License-Identifier: MIT */
/*
 * emulate_op / emulate_mtspr / emulate_mfspr: each privileged instruction through the
 * kvmppc_ops members with the KVM return conventions (kvm-contract.md 2, 6, 7),
 * including the failure returns.
 */
#include "priv_fixture.h"

static int setup_hv(void **st) { *st = fx_new(PVR_POWER9, 0); return 0; }
static int setup_papr(void **st) { *st = fx_new(PVR_POWER9, 1); return 0; }
static int teardown(void **st) { fx_free(*st); return 0; }

static int emu(struct fx *f, uint64_t pc, uint64_t msr, uint32_t insn, int *advance)
{
	cpu_set_msr(f->c, msr);
	f->c->nia = pc;
	*advance = 1;
	return f->vm->ops->emulate_op(&f->vcpu->run, f->vcpu, insn, advance);
}

static void test_msr_moves(void **st)
{
	struct fx *f = *st;
	struct ppc_cpu *c = f->c;
	int adv;
	/* mfmsr: DONE, PC left for the caller to advance */
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c6000a6, &adv), EMULATE_DONE);
	assert_int_equal(adv, 1);
	assert_int_equal(c->nia, 0x1000);
	assert_int_equal(c->gpr[3], MSR_KERNEL);
	/* mtmsrd r3,1 */
	c->gpr[3] = MSR_EE;
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c610164, &adv), EMULATE_DONE);
	assert_int_equal(adv, 1);
	assert_int_equal(c->msr, (MSR_KERNEL & ~MSR_RI) | MSR_EE);
	/* mtmsr r3 */
	c->gpr[3] = MSR_FP | MSR_ME;
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c600124, &adv), EMULATE_DONE);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_LE | MSR_FP);
	/* rfid: DONE with advance = 0, PC = SRR0 */
	c->spr[SPR_SRR0] = 0x4000;
	c->spr[SPR_SRR1] = MSR_USER;
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x4c000024, &adv), EMULATE_DONE);
	assert_int_equal(adv, 0);
	assert_int_equal(c->nia, 0x4000);
	assert_int_equal(c->msr, MSR_USER);
	/* hrfid in hypervisor state */
	c->spr[SPR_HSRR0] = 0x5000;
	c->spr[SPR_HSRR1] = MSR_HVK;
	assert_int_equal(emu(f, 0x1000, MSR_HVK, 0x4c000224, &adv), EMULATE_DONE);
	assert_int_equal(adv, 0);
	assert_int_equal(c->nia, 0x5000);
	/* rfscv */
	c->lr = 0x6000;
	c->ctr = MSR_USER;
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x4c0000a4, &adv), EMULATE_DONE);
	assert_int_equal(adv, 0);
	assert_int_equal(c->nia, 0x6000);
}

static void test_spr_moves_and_misc(void **st)
{
	struct fx *f = *st;
	struct ppc_cpu *c = f->c;
	int adv;
	c->gpr[5] = 0xabcd;
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, enc_mtspr(SPR_SPRG2, 5), &adv), EMULATE_DONE);
	assert_int_equal(adv, 1);
	assert_int_equal(c->spr[SPR_SPRG2], 0xabcd);
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, enc_mfspr(6, SPR_SPRG2), &adv), EMULATE_DONE);
	assert_int_equal(c->gpr[6], 0xabcd);
	/* mftb */
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c8c42e6, &adv), EMULATE_DONE);
	/* msgsndp r3 to thread 0: a directed privileged doorbell becomes pending */
	c->gpr[3] = 5ULL << 27;
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c00191c, &adv), EMULATE_DONE);
	assert_true(atomic_load(&c->pending) & PENDING_DOORBELL);
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c00195c, &adv), EMULATE_DONE); /* msgclrp */
	assert_false(atomic_load(&c->pending) & PENDING_DOORBELL);
	/* msgsnd to our own PIR (hypervisor) */
	c->gpr[3] = (5ULL << 27) | 0;
	assert_int_equal(emu(f, 0x1000, MSR_HVK, 0x7c00199c, &adv), EMULATE_DONE);
	assert_true(atomic_load(&c->pending) & PENDING_H_DOORBELL);
	assert_int_equal(emu(f, 0x1000, MSR_HVK, 0x7c0019dc, &adv), EMULATE_DONE); /* msgclr */
	assert_false(atomic_load(&c->pending) & PENDING_H_DOORBELL);
	assert_int_equal(emu(f, 0x1000, MSR_HVK, 0x7c0006ec, &adv), EMULATE_DONE); /* msgsync */
	/* stop: nothing pending, so the vcpu goes to sleep (the internal KVM_EXIT_HLT: the
	 * next KVM_RUN waits); with a pending wake-up event it completes at once */
	assert_int_equal(emu(f, 0x1000, MSR_HVK, 0x4c0002e4, &adv), EMULATE_EXIT_USER);
	assert_int_equal(f->vcpu->run.exit_reason, KVM_EXIT_HLT);
	assert_int_equal(c->idle, CPU_IDLE_RESUME);
	c->idle = CPU_IDLE_NONE;
	c->spr[SPR_LPCR] |= 1ULL << 16; /* LPCR[PDEE] */
	atomic_fetch_or(&c->pending, PENDING_DOORBELL);
	assert_int_equal(emu(f, 0x1000, MSR_HVK, 0x4c0002e4, &adv), EMULATE_DONE);
	assert_int_equal(c->idle, CPU_IDLE_NONE);
	atomic_fetch_and(&c->pending, ~PENDING_DOORBELL);
	/* BHRB: empty buffer; problem state needs FSCR[BHRB] (IC 4) */
	c->gpr[3] = 99;
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c602a5c, &adv), EMULATE_DONE); /* mfbhrbe */
	assert_int_equal(c->gpr[3], 0);
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c00035c, &adv), EMULATE_DONE); /* clrbhrb */
	c->spr[SPR_FSCR] = 0;
	assert_int_equal(emu(f, 0x1000, MSR_USER, 0x7c00035c, &adv), EMULATE_AGAIN);
	assert_int_equal(c->nia, 0xf60);
	assert_int_equal(c->spr[SPR_FSCR] >> 56, 4);
}

static void test_failures(void **st)
{
	struct fx *f = *st;
	struct ppc_cpu *c = f->c;
	int adv;
	/* not an instruction: FAIL, nothing changed, caller injects the program check */
	uint64_t msr = MSR_KERNEL;
	assert_int_equal(emu(f, 0x1000, msr, 0x00000000, &adv), EMULATE_FAIL);
	assert_int_equal(c->nia, 0x1000);
	assert_int_equal(c->msr, msr);
	/* a reserved bit set (mfmsr with RA != 0): invalid form, FAIL */
	assert_int_equal(emu(f, 0x1000, msr, 0x7c6100a6, &adv), EMULATE_FAIL);
	/* privileged instruction from problem state: the interrupt is delivered, AGAIN */
	assert_int_equal(emu(f, 0x1000, MSR_USER, 0x7c6000a6, &adv), EMULATE_AGAIN);
	assert_int_equal(adv, 0);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR0], 0x1000);
	assert_int_equal(c->spr[SPR_SRR1] & 0x783f0000, 0x00040000);
	/* hypervisor instruction from the guest's privileged state: HEAI, AGAIN */
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x4c000224, &adv), EMULATE_AGAIN);
	assert_int_equal(c->nia, 0xe40);
	/* emulate_mtspr / emulate_mfspr */
	const struct kvmppc_ops *ops = f->vm->ops;
	kvm_ulong v = 0;
	cpu_set_msr(c, MSR_KERNEL);
	assert_int_equal(ops->emulate_mtspr(f->vcpu, SPR_SPRG1, 42), EMULATE_DONE);
	assert_int_equal(ops->emulate_mfspr(f->vcpu, SPR_SPRG1, &v), EMULATE_DONE);
	assert_int_equal(v, 42);
	assert_int_equal(ops->emulate_mfspr(f->vcpu, 2000, &v), EMULATE_FAIL);
	assert_int_equal(ops->emulate_mtspr(f->vcpu, -1, 0), EMULATE_FAIL);
	cpu_set_msr(c, MSR_USER);
	assert_int_equal(ops->emulate_mtspr(f->vcpu, SPR_SPRG1, 1), EMULATE_AGAIN);
	assert_int_equal(c->nia, 0x700);
	cpu_set_msr(c, MSR_KERNEL);
	assert_int_equal(ops->emulate_mfspr(f->vcpu, SPR_HSPRG0, &v), EMULATE_AGAIN);
	assert_int_equal(c->nia, 0xe40);
}

static void test_papr_hcall_exit(void **st)
{
	struct fx *f = *st;
	struct ppc_cpu *c = f->c;
	int adv;
	c->gpr[3] = 0x1234; /* not an in-library hcall: exit to the VMM */
	c->gpr[4] = 7;
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x44000022, &adv), EMULATE_EXIT_USER);
	assert_int_equal(adv, 0);
	assert_int_equal(f->vcpu->run.exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(f->vcpu->run.papr_hcall.nr, 0x1234);
	assert_int_equal(f->vcpu->run.papr_hcall.args[0], 7);
	/* sc 0: system call interrupt delivered, AGAIN */
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x44000002, &adv), EMULATE_AGAIN);
	assert_int_equal(c->nia, 0xc00);
	assert_int_equal(c->spr[SPR_SRR0], 0x1004);
	/* HEAI in a PAPR guest is the illegal-instruction program interrupt */
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x4c000224, &adv), EMULATE_AGAIN);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR1] & 0x783f0000, 0x00080000);
}

/* Doorbells reach the other threads of the core (smt_mode 2) and other vcpus by PIR. */
static void test_doorbells_cross_vcpu(void **st)
{
	struct fx *f = *st;
	struct ppc_cpu *c = f->c;
	int adv;
	f->vm->smt_mode = 2;
	struct kvm_vcpu *v1, *v2;
	assert_int_equal(kvmppc_create_vcpu(f->vm, 1, &v1), 0);
	assert_int_equal(kvmppc_create_vcpu(f->vm, 2, &v2), 0);
	c->gpr[3] = (5ULL << 27) | 1; /* thread 1 of this core = vcpu 1 */
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c00191c, &adv), EMULATE_DONE);
	assert_true(atomic_load(&v1->cpu.pending) & PENDING_DOORBELL);
	assert_false(atomic_load(&c->pending) & PENDING_DOORBELL);
	assert_false(atomic_load(&v2->cpu.pending) & PENDING_DOORBELL);
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c00195c, &adv), EMULATE_DONE); /* msgclrp */
	assert_false(atomic_load(&v1->cpu.pending) & PENDING_DOORBELL);
	c->gpr[3] = (5ULL << 27) | 2; /* thread 2 does not exist in a 2-thread core */
	assert_int_equal(emu(f, 0x1000, MSR_KERNEL, 0x7c00191c, &adv), EMULATE_DONE);
	assert_false(atomic_load(&v2->cpu.pending) & PENDING_DOORBELL);
	/* msgsnd by PIR reaches vcpu 2 in the other core */
	c->gpr[3] = (5ULL << 27) | 2;
	assert_int_equal(emu(f, 0x1000, MSR_HVK, 0x7c00199c, &adv), EMULATE_DONE);
	assert_true(atomic_load(&v2->cpu.pending) & PENDING_H_DOORBELL);
	/* a wrong message type does nothing */
	c->gpr[3] = (3ULL << 27) | 1;
	assert_int_equal(emu(f, 0x1000, MSR_HVK, 0x7c00199c, &adv), EMULATE_DONE);
	assert_false(atomic_load(&v1->cpu.pending) & PENDING_H_DOORBELL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_msr_moves, setup_hv, teardown),
		cmocka_unit_test_setup_teardown(test_spr_moves_and_misc, setup_hv, teardown),
		cmocka_unit_test_setup_teardown(test_failures, setup_hv, teardown),
		cmocka_unit_test_setup_teardown(test_papr_hcall_exit, setup_papr, teardown),
		cmocka_unit_test_setup_teardown(test_doorbells_cross_vcpu, setup_hv, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
