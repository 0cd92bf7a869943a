/* SPDX-License-Identifier: MIT */
/*
 * Branch instructions of the interpreted CPU (Power ISA 3.0B Book I 2.4). Expected values
 * follow from the ISA's BO/BI rules; the bcctr-with-CTR-decrement behaviour is the one
 * the POWER8/POWER9 user manuals describe (and qemu-ppc64le implements).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kvmppc/kvmppc.h>

#include "cpu/insn.h"

#define SRR0 26
#define SRR1 27
#define TAR 815
#define CIA 0x10000ULL
#define MSR64 (MSR_SF | MSR_ME | MSR_LE)
#define MSR32 (MSR_ME | MSR_LE)

static struct ppc_cpu cpu;

static void setup_cpu(uint64_t msr)
{
	memset(&cpu, 0, sizeof(cpu));
	assert_int_equal(cpu_init(&cpu, PVR_POWER8, 0), 0);
	cpu_set_msr(&cpu, msr);
}

static int exec_at(uint64_t cia, uint32_t insn)
{
	cpu.cia = cia;
	return cpu_execute_one(&cpu, insn);
}

static uint32_t bform(unsigned bo, unsigned bi, int32_t bd, unsigned aa, unsigned lk)
{
	return 16u << 26 | bo << 21 | bi << 16 | ((uint32_t)bd & 0xfffc) | aa << 1 | lk;
}

static uint32_t iform(int32_t li, unsigned aa, unsigned lk)
{
	return 18u << 26 | ((uint32_t)li & 0x03fffffc) | aa << 1 | lk;
}

static uint32_t xlform(unsigned xo, unsigned bo, unsigned bi, unsigned bh, unsigned lk)
{
	return 19u << 26 | bo << 21 | bi << 16 | bh << 11 | xo << 1 | lk;
}

static void test_b(void **state)
{
	(void)state;
	setup_cpu(MSR64);
	cpu.lr = 0x1234;
	assert_int_equal(exec_at(CIA, iform(0x100, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 0x100);
	assert_int_equal(cpu.lr, 0x1234);
	assert_int_equal(exec_at(CIA, iform(-4, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, CIA - 4);
	assert_int_equal(exec_at(CIA, iform(-0x2000000, 0, 0)), PPC_OK); /* most negative LI */
	assert_int_equal(cpu.nia, CIA - 0x2000000);
	assert_int_equal(exec_at(CIA, iform(0x2000, 1, 0)), PPC_OK); /* ba */
	assert_int_equal(cpu.nia, 0x2000);
	assert_int_equal(exec_at(CIA, iform(-0x100, 1, 0)), PPC_OK); /* ba to a negative address */
	assert_int_equal(cpu.nia, (uint64_t)-0x100);
	assert_int_equal(exec_at(CIA, iform(0x40, 0, 1)), PPC_OK); /* bl */
	assert_int_equal(cpu.nia, CIA + 0x40);
	assert_int_equal(cpu.lr, CIA + 4);
	assert_int_equal(exec_at(CIA, iform(0x3000, 1, 1)), PPC_OK); /* bla */
	assert_int_equal(cpu.nia, 0x3000);
	assert_int_equal(cpu.lr, CIA + 4);
}

/* bc +0x40 under every kind of BO (2.4, figure "BO field encodings"). The same BO/BI/CR/CTR
 * cases were run under qemu-ppc64le -cpu power9 (bc +8 over an mfctr): same CTR results,
 * and the same taken/not-taken wherever CTR changes. */
static void test_bc_bo(void **state)
{
	(void)state;
	static const struct {
		unsigned bo, bi;
		uint32_t cr;
		uint64_t ctr, ctr_after;
		int taken;
	} c[] = {
		{20, 0, 0, 5, 5, 1},                /* always */
		{31, 0, 0, 5, 5, 1},                /* always, z bits set: ignored */
		{12, 2, 0x20000000, 5, 5, 1},       /* bt eq, EQ set */
		{12, 2, 0x00000000, 5, 5, 0},       /* bt eq, EQ clear */
		{15, 2, 0x20000000, 5, 5, 1},       /* bt with at = 11 hint */
		{4, 0, 0x80000000, 5, 5, 0},        /* bf lt, LT set */
		{4, 31, 0x00000000, 5, 5, 1},       /* bf on CR bit 31 */
		{12, 31, 0x00000001, 5, 5, 1},      /* bt on CR bit 31 */
		{16, 0, 0, 2, 1, 1},                /* bdnz */
		{16, 0, 0, 1, 0, 0},
		{16, 0, 0, 0, ~0ULL, 1},            /* 0 - 1 != 0 */
		{18, 0, 0, 1, 0, 1},                /* bdz */
		{18, 0, 0, 2, 1, 0},
		{8, 1, 0x40000000, 2, 1, 1},        /* bdnzt gt */
		{8, 1, 0x00000000, 2, 1, 0},        /* condition false: CTR still decremented */
		{8, 1, 0x40000000, 1, 0, 0},
		{0, 1, 0x00000000, 2, 1, 1},        /* bdnzf */
		{10, 3, 0x10000000, 1, 0, 1},       /* bdzt so */
		{2, 3, 0x00000000, 1, 0, 1},        /* bdzf */
		{2, 3, 0x10000000, 1, 0, 0},
		{27, 0, 0, 1, 0, 1},                /* bdz with the "at" hint bits */
		{25, 0, 0, 1, 0, 0},                /* bdnz with the "at" hint bits */
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		for (unsigned lk = 0; lk < 2; lk++) {
			setup_cpu(MSR64);
			cpu.cr = c[i].cr;
			cpu.ctr = c[i].ctr;
			cpu.lr = 0x7777;
			assert_int_equal(exec_at(CIA, bform(c[i].bo, c[i].bi, 0x40, 0, lk)), PPC_OK);
			assert_int_equal(cpu.nia, c[i].taken ? CIA + 0x40 : CIA + 4);
			assert_int_equal(cpu.ctr, c[i].ctr_after);
			assert_int_equal(cpu.lr, lk ? CIA + 4 : 0x7777); /* LK sets LR either way */
			assert_int_equal(cpu.cr, c[i].cr);
		}
	}
	/* bca: absolute, negative BD */
	setup_cpu(MSR64);
	assert_int_equal(exec_at(CIA, bform(20, 0, -0x8000, 1, 0)), PPC_OK);
	assert_int_equal(cpu.nia, (uint64_t)-0x8000);
	assert_int_equal(exec_at(CIA, bform(20, 0, 0x7ffc, 1, 1)), PPC_OK); /* bcla */
	assert_int_equal(cpu.nia, 0x7ffc);
	assert_int_equal(cpu.lr, CIA + 4);
	assert_int_equal(exec_at(CIA, bform(20, 0, -8, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, CIA - 8);
}

static void test_bclr(void **state)
{
	(void)state;
	setup_cpu(MSR64);
	cpu.lr = 0x4003; /* the low two bits are ignored */
	assert_int_equal(exec_at(CIA, 0x4e800020 /* blr */), PPC_OK);
	assert_int_equal(cpu.nia, 0x4000);
	assert_int_equal(cpu.lr, 0x4003);
	/* blrl: the target is LR from before; LR = CIA + 4 */
	assert_int_equal(exec_at(CIA, 0x4e800021), PPC_OK);
	assert_int_equal(cpu.nia, 0x4000);
	assert_int_equal(cpu.lr, CIA + 4);
	/* BH = 1 and BH = 3 are hints */
	cpu.lr = 0x5000;
	assert_int_equal(exec_at(CIA, xlform(16, 20, 0, 1, 0)), PPC_OK);
	assert_int_equal(cpu.nia, 0x5000);
	assert_int_equal(exec_at(CIA, xlform(16, 20, 0, 3, 0)), PPC_OK);
	assert_int_equal(cpu.nia, 0x5000);
	/* bdnzlr decrements CTR */
	cpu.ctr = 2;
	assert_int_equal(exec_at(CIA, xlform(16, 16, 0, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, 0x5000);
	assert_int_equal(cpu.ctr, 1);
	assert_int_equal(exec_at(CIA, xlform(16, 16, 0, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 4);
	assert_int_equal(cpu.ctr, 0);
	/* beqlrl not taken still sets LR */
	cpu.cr = 0;
	cpu.lr = 0x5000;
	assert_int_equal(exec_at(CIA, xlform(16, 12, 2, 0, 1)), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 4);
	assert_int_equal(cpu.lr, CIA + 4);
}

static void test_bcctr(void **state)
{
	(void)state;
	setup_cpu(MSR64);
	cpu.ctr = 0x6003;
	assert_int_equal(exec_at(CIA, 0x4e800420 /* bctr */), PPC_OK);
	assert_int_equal(cpu.nia, 0x6000);
	assert_int_equal(cpu.ctr, 0x6003);
	assert_int_equal(exec_at(CIA, 0x4e800421 /* bctrl */), PPC_OK);
	assert_int_equal(cpu.nia, 0x6000);
	assert_int_equal(cpu.lr, CIA + 4);
	cpu.cr = 0x20000000;
	assert_int_equal(exec_at(CIA, xlform(528, 4, 2, 0, 0) /* bnectr */), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 4);
	/* BO[2] = 0 forms, results as qemu-ppc64le 7.2 -cpu power9 gives them (a static
	 * program doing mtctr r6; <word>; mfctr r6): Linux's count-cache flush `bcctr 2,0`
	 * with CTR = 0x7fff falls through and leaves CTR alone (the CTR test, on the old
	 * value, fails) */
	cpu.cr = 0;
	cpu.ctr = 0x7fff;
	assert_int_equal(exec_at(CIA, 0x4c400420), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 4);
	assert_int_equal(cpu.ctr, 0x7fff);
	/* bcctr 0,0 (bdnzf lt) with CTR = 5 and LT set: CTR test passes, so 4; not taken */
	cpu.cr = 0x80000000;
	cpu.ctr = 5;
	assert_int_equal(exec_at(CIA, 0x4c000420), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 4);
	assert_int_equal(cpu.ctr, 4);
	/* bcctr 2,0 with CTR = 0 and LT set: decremented to -1, not taken */
	cpu.ctr = 0;
	assert_int_equal(exec_at(CIA, 0x4c400420), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 4);
	assert_int_equal(cpu.ctr, ~0ULL);
	/* ...and with LT clear it branches to the old CTR, 0 (from the rule; not run under
	 * qemu, where it would jump to 0) */
	cpu.cr = 0;
	cpu.ctr = 0;
	assert_int_equal(exec_at(CIA, 0x4c400420), PPC_OK);
	assert_int_equal(cpu.nia, 0);
	assert_int_equal(cpu.ctr, ~0ULL);
}

static void test_bctar(void **state)
{
	(void)state;
	setup_cpu(MSR64);
	cpu.spr[TAR] = 0x8001;
	assert_int_equal(exec_at(CIA, xlform(560, 20, 0, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, 0x8000);
	assert_int_equal(exec_at(CIA, xlform(560, 20, 0, 0, 1)), PPC_OK);
	assert_int_equal(cpu.nia, 0x8000);
	assert_int_equal(cpu.lr, CIA + 4);
	cpu.ctr = 1; /* bdnz form is valid for bctar: 1 -> 0, not taken */
	assert_int_equal(exec_at(CIA, xlform(560, 16, 0, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 4);
	assert_int_equal(cpu.ctr, 0);

	/* problem state, FSCR[TAR] = 0: facility unavailable (0xf60), FSCR[IC] = 8, nothing
	 * else changes; with FSCR[TAR] = 1 it branches */
	setup_cpu(MSR64 | MSR_PR);
	cpu.spr[TAR] = 0x8000;
	cpu.ctr = 5;
	cpu.spr[153] = 0x0500000000000000ULL;
	assert_int_equal(exec_at(CIA, xlform(560, 16, 0, 0, 1)), PPC_EXC);
	assert_int_equal(cpu.nia, 0xf60);
	assert_int_equal(cpu.spr[SRR0], CIA);
	assert_int_equal(cpu.spr[153] >> 56, 8);
	assert_int_equal(cpu.ctr, 5);
	assert_int_equal(cpu.lr, 0);
	setup_cpu(MSR64 | MSR_PR);
	cpu.spr[TAR] = 0x8000;
	cpu.spr[153] = 1ULL << 8;
	assert_int_equal(exec_at(CIA, xlform(560, 20, 0, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, 0x8000);
}

/* 32-bit mode: CTR tests use the low word; targets and LR wrap at 32 bits (1.10.3). */
static void test_mode32(void **state)
{
	(void)state;
	setup_cpu(MSR32);
	cpu.ctr = 0x100000001ULL;
	assert_int_equal(exec_at(CIA, bform(16, 0, 0x40, 0, 0)), PPC_OK); /* bdnz */
	assert_int_equal(cpu.ctr, 0x100000000ULL);
	assert_int_equal(cpu.nia, CIA + 4); /* low word 0: not taken */
	setup_cpu(MSR64);
	cpu.ctr = 0x100000001ULL;
	assert_int_equal(exec_at(CIA, bform(16, 0, 0x40, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, CIA + 0x40);

	setup_cpu(MSR32);
	assert_int_equal(exec_at(0xfffffff0ULL, iform(0x20, 0, 0)), PPC_OK);
	assert_int_equal(cpu.nia, 0x10);
	assert_int_equal(exec_at(0xfffffffcULL, iform(0x8, 0, 1)), PPC_OK);
	assert_int_equal(cpu.nia, 0x4);
	assert_int_equal(cpu.lr, 0);
	assert_int_equal(exec_at(CIA, iform(-0x100, 1, 0)), PPC_OK); /* ba */
	assert_int_equal(cpu.nia, 0xffffff00ULL);
	cpu.lr = 0xabcdef0012345678ULL;
	assert_int_equal(exec_at(CIA, 0x4e800020), PPC_OK);
	assert_int_equal(cpu.nia, 0x12345678);
	cpu.ctr = 0x1ffffffffULL;
	assert_int_equal(exec_at(CIA, 0x4e800420), PPC_OK);
	assert_int_equal(cpu.nia, 0xfffffffcULL);
}

static void test_invalid(void **state)
{
	(void)state;
	static const uint32_t bad[] = {
		0x4e808020, /* bclr with bit 16 */
		0x4e804420, /* bcctr with bit 17 */
		0x4e802460, /* bctar with bit 18 */
		0x4c000003 | (1u << 11) | (1u << 1), /* crand-space... mcrf with bits 14:20 */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup_cpu(MSR64);
		assert_int_equal(exec_at(CIA, bad[i]), PPC_EXC);
		assert_int_equal(cpu.nia, 0x700);
		assert_int_equal(cpu.spr[SRR0], CIA);
		assert_true(cpu.spr[SRR1] & SRR1_PROG_ILL);
	}
}

/* CR logical and mcrf beyond the vectors of test_int: crset/crclr idioms. */
static void test_cr_logical(void **state)
{
	(void)state;
	setup_cpu(MSR64);
	cpu.cr = 0;
	assert_int_equal(exec_at(CIA, 0x4c210a42 /* creqv 1,1,1 (crset gt) */), PPC_OK);
	assert_int_equal(cpu.cr, 0x40000000);
	assert_int_equal(exec_at(CIA, 0x4c210982 /* crxor 1,1,1 (crclr gt) */), PPC_OK);
	assert_int_equal(cpu.cr, 0);
	cpu.cr = 0x80000000;
	assert_int_equal(exec_at(CIA, 0x4fe00382 /* cror 31,0,0 */), PPC_OK);
	assert_int_equal(cpu.cr, 0x80000001);
	assert_int_equal(exec_at(CIA, 0x4f9c0000 /* mcrf cr7,cr7 */), PPC_OK);
	assert_int_equal(cpu.cr, 0x80000001);
	assert_int_equal(exec_at(CIA, 0x4f800000 /* mcrf cr7,cr0 */), PPC_OK);
	assert_int_equal(cpu.cr, 0x80000008);
}

/* End to end through the run loop: a bdnz loop, then an hcall exit. */
static void test_loop_run(void **state)
{
	(void)state;
	const size_t ram_size = 64 * 1024;
	uint8_t *ram = aligned_alloc(4096, ram_size);
	assert_non_null(ram);
	memset(ram, 0, ram_size);
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	assert_int_equal(kvmppc_create_vm(0, &vm), 0);
	struct kvm_userspace_memory_region mem = {
		.slot = 0, .guest_phys_addr = 0, .memory_size = ram_size,
		.userspace_addr = (uintptr_t)ram,
	};
	assert_int_equal(kvmppc_set_user_memory_region(vm, &mem), 0);
	assert_int_equal(kvmppc_create_vcpu(vm, 0, &vcpu), 0);
	struct kvm_enable_cap papr = {.cap = 68 /* KVM_CAP_PPC_PAPR */};
	assert_int_equal(kvmppc_vcpu_enable_cap(vcpu, &papr), 0);
	static const uint32_t code[] = {
		0x38840001, /* 1: addi r4,r4,1 */
		0x4200fffc, /*    bdnz 1b */
		0x2c04000a, /*    cmpwi r4,10 */
		0x41820008, /*    beq +8 */
		0x38800000, /*    li r4,0 (skipped) */
		0x38600058, /*    li r3,0x58 */
		0x44000022, /*    sc 1 */
	};
	for (size_t i = 0; i < sizeof(code) / sizeof(code[0]); i++)
		for (int b = 0; b < 4; b++)
			ram[0x1000 + 4 * i + b] = (uint8_t)(code[i] >> (8 * b));
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(vcpu, &regs), 0);
	regs.pc = 0x1000;
	regs.msr = 0x8000000000000001ULL;
	regs.ctr = 10;
	regs.gpr[4] = 0;
	assert_int_equal(kvmppc_set_regs(vcpu, &regs), 0);
	struct kvm_run *run = kvmppc_vcpu_run_struct(vcpu);
	assert_int_equal(kvmppc_run(vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x58);
	assert_int_equal(run->papr_hcall.args[0], 10);
	assert_int_equal(kvmppc_get_regs(vcpu, &regs), 0);
	assert_int_equal(regs.ctr, 0);
	kvmppc_destroy_vm(vm);
	free(ram);
}

/* CFAR (Book III 4.3.3): the address of the last taken branch or return from interrupt;
 * branches not taken and interrupts leave it alone. */
#define CFAR 28
static void test_cfar(void **state)
{
	(void)state;
	setup_cpu(MSR64);
	cpu.spr[CFAR] = 0x77;
	cpu.cr = 0;
	assert_int_equal(exec_at(CIA, bform(12, 2, 0x40, 0, 0)), PPC_OK); /* beq, not taken */
	assert_int_equal(cpu.spr[CFAR], 0x77);
	assert_int_equal(exec_at(CIA, bform(4, 2, 0x40, 0, 0)), PPC_OK);  /* bne, taken */
	assert_int_equal(cpu.spr[CFAR], CIA);
	assert_int_equal(exec_at(CIA + 8, iform(-8, 0, 1)), PPC_OK);       /* bl */
	assert_int_equal(cpu.spr[CFAR], CIA + 8);
	cpu.lr = 0x5000;
	assert_int_equal(exec_at(CIA + 12, xlform(16, 20, 0, 0, 0)), PPC_OK); /* blr */
	assert_int_equal(cpu.nia, 0x5000);
	assert_int_equal(cpu.spr[CFAR], CIA + 12);
	cpu.ctr = 0x6000;
	assert_int_equal(exec_at(CIA + 16, xlform(528, 20, 0, 0, 1)), PPC_OK); /* bctrl */
	assert_int_equal(cpu.spr[CFAR], CIA + 16);
	cpu.ctr = 1;
	assert_int_equal(exec_at(CIA + 20, bform(16, 0, 0x40, 0, 0)), PPC_OK); /* bdnz, CTR -> 0 */
	assert_int_equal(cpu.spr[CFAR], CIA + 16);
	/* an interrupt keeps it; rfid sets it */
	assert_int_equal(exec_at(CIA + 24, 0), PPC_EXC);
	assert_int_equal(cpu.spr[CFAR], CIA + 16);
	cpu.spr[SRR0] = 0x7000;
	cpu.spr[SRR1] = MSR64;
	assert_int_equal(exec_at(0x700, 0x4c000024), PPC_OK); /* rfid */
	assert_int_equal(cpu.nia, 0x7000);
	assert_int_equal(cpu.spr[CFAR], 0x700);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b),
		cmocka_unit_test(test_bc_bo),
		cmocka_unit_test(test_bclr),
		cmocka_unit_test(test_bcctr),
		cmocka_unit_test(test_bctar),
		cmocka_unit_test(test_mode32),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_cr_logical),
		cmocka_unit_test(test_loop_run),
		cmocka_unit_test(test_cfar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
