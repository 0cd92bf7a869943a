/* SPDX-License-Identifier: MIT */
/*
 * Load-and-reserve / store-conditional (ISA 3.0 Book II 4.4.2): every size in both byte
 * orders, CR0 = 0b00 || success || SO, the events that lose a reservation, alignment and
 * invalid forms, MMIO, 32-bit mode, and two vcpus on two host threads incrementing one
 * counter with lwarx/stwcx. loops (the final count must be exact).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpu/insn.h"
#include "lib/kvm_internal.h"
#include "mmu/mem.h"
#include "smp_fixture.h"
#include "vm_fixture.h"

#define RAM_SIZE (1024 * 1024)
#define CIA 0x100u
#define VAR 0x2000u /* the reserved location */
#define SPR_DAR 19
#define SPR_SRR0 26
#define SPR_SRR1 27
#define MSR_BE64 (MSR_SF)
#define MSR_LE64 (MSR_SF | MSR_LE)

#define X(xo, rt, ra, rb)                                                                 \
	(31u << 26 | (uint32_t)(rt) << 21 | (uint32_t)(ra) << 16 | (uint32_t)(rb) << 11 |   \
	 (uint32_t)(xo) << 1)
/* extended opcodes (ISA 3.0 Book II 4.4.2) */
#define LBARX 52
#define LHARX 116
#define LWARX 20
#define LDARX 84
#define LQARX 276
#define STBCX 694
#define STHCX 726
#define STWCX 150
#define STDCX 214
#define STQCX 182
#define STCX(xo, rs, ra, rb) (X(xo, rs, ra, rb) | 1u)

struct fixture {
	struct kvm *vm;
	struct kvm_vcpu *vcpu[2];
	struct ppc_cpu *cpu, *cpu1;
	uint8_t *ram;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->vm = test_vm_create(RAM_SIZE, &f->ram);
	for (unsigned i = 0; i < 2; i++)
		f->vcpu[i] = test_vcpu_create(f->vm, i, true);
	f->cpu = &f->vcpu[0]->cpu;
	f->cpu1 = &f->vcpu[1]->cpu;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	test_vm_destroy(f->vm, f->ram);
	free(f);
	return 0;
}

static int exec_on(struct ppc_cpu *c, uint64_t msr, uint32_t insn)
{
	cpu_set_msr(c, msr);
	c->cia = CIA;
	return cpu_execute_one(c, insn);
}

static int exec(struct fixture *f, uint64_t msr, uint32_t insn)
{
	return exec_on(f->cpu, msr, insn);
}

/* Run stcx. and return CR0. */
static unsigned stcx(struct fixture *f, uint64_t msr, uint32_t insn)
{
	f->cpu->cr = 0xffffffffu;
	assert_int_equal(exec(f, msr, insn), PPC_OK);
	assert_int_equal(f->cpu->cr & 0x0fffffffu, 0x0fffffffu); /* only CR0 changes */
	return cpu_get_crf(f->cpu, 0);
}

/* ---- every size, both byte orders: the value loaded, the bytes stored ---- */
static void run_sizes(struct fixture *f, uint64_t msr)
{
	static const struct {
		unsigned larx, stcx, size;
	} sizes[] = {
		{LBARX, STBCX, 1}, {LHARX, STHCX, 2}, {LWARX, STWCX, 4}, {LDARX, STDCX, 8},
	};
	const int le = (msr & MSR_LE) != 0;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned n = sizes[i].size;
		for (unsigned b = 0; b < 16; b++)
			f->ram[VAR + b] = (uint8_t)(0x10 + b);
		f->cpu->gpr[4] = VAR - 8;
		f->cpu->gpr[5] = 8;
		f->cpu->gpr[3] = ~0ULL;
		assert_int_equal(exec(f, msr, X(sizes[i].larx, 3, 4, 5)), PPC_OK);
		uint64_t want = le ? ld_le(f->ram + VAR, n) : ld_be(f->ram + VAR, n);
		assert_int_equal(f->cpu->gpr[3], want); /* zero-extended */
		f->cpu->gpr[6] = 0xa1a2a3a4a5a6a7a8ULL;
		assert_int_equal(stcx(f, msr, STCX(sizes[i].stcx, 6, 4, 5)), 2);
		uint8_t bytes[8];
		(le ? st_le : st_be)(bytes, n, 0xa1a2a3a4a5a6a7a8ULL);
		assert_memory_equal(f->ram + VAR, bytes, n);
		assert_int_equal(f->ram[VAR + n], 0x10 + n);
		/* the reservation is gone: a second stcx. fails and stores nothing */
		f->cpu->gpr[6] = 0;
		assert_int_equal(stcx(f, msr, STCX(sizes[i].stcx, 6, 4, 5)), 0);
		assert_memory_equal(f->ram + VAR, bytes, n);
	}
}

static void test_sizes(void **state)
{
	run_sizes(*state, MSR_LE64);
	run_sizes(*state, MSR_BE64);
}

/* lqarx/stqcx.: even register = high-order doubleword; LE mode reverses the quadword. */
static void test_quad(void **state)
{
	struct fixture *f = *state;
	for (unsigned b = 0; b < 16; b++)
		f->ram[VAR + b] = (uint8_t)(0x10 + b);
	f->cpu->gpr[4] = VAR;
	f->cpu->gpr[5] = 0;
	assert_int_equal(exec(f, MSR_LE64, X(LQARX, 8, 4, 5)), PPC_OK);
	assert_int_equal(f->cpu->gpr[8], 0x1f1e1d1c1b1a1918ULL);
	assert_int_equal(f->cpu->gpr[9], 0x1716151413121110ULL);
	f->cpu->gpr[10] = 0x2122232425262728ULL;
	f->cpu->gpr[11] = 0x3132333435363738ULL;
	assert_int_equal(stcx(f, MSR_LE64, STCX(STQCX, 10, 4, 5)), 2);
	static const uint8_t le[16] = {0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31,
				       0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21};
	assert_memory_equal(f->ram + VAR, le, 16);

	assert_int_equal(exec(f, MSR_BE64, X(LQARX, 8, 4, 5)), PPC_OK);
	assert_int_equal(f->cpu->gpr[8], 0x3837363534333231ULL);
	assert_int_equal(f->cpu->gpr[9], 0x2827262524232221ULL);
	assert_int_equal(stcx(f, MSR_BE64, STCX(STQCX, 10, 4, 5)), 2);
	static const uint8_t be[16] = {0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
				       0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38};
	assert_memory_equal(f->ram + VAR, be, 16);
	/* a change to the second doubleword makes stqcx. fail */
	assert_int_equal(exec(f, MSR_BE64, X(LQARX, 8, 4, 5)), PPC_OK);
	f->ram[VAR + 15] ^= 1;
	assert_int_equal(stcx(f, MSR_BE64, STCX(STQCX, 12, 4, 5)), 0);
	assert_int_equal(f->ram[VAR], 0x21);
}

/* ---- CR0 = 0b00 || n || SO ---- */
static void test_cr0_so(void **state)
{
	struct fixture *f = *state;
	f->cpu->gpr[4] = VAR;
	f->cpu->so = 1;
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_OK);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 3, 0, 4)), 3);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 3, 0, 4)), 1);
	f->cpu->so = 0;
}

/* ---- events that lose the reservation ---- */
static void test_reservation_loss(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->cpu;
	c->gpr[4] = VAR;
	c->gpr[5] = VAR + 8;
	c->gpr[6] = 0x55;
	memset(f->ram + VAR, 0, 16);

	/* an interrupt (here: an illegal instruction) between larx and stcx. */
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_OK);
	assert_int_equal(exec(f, MSR_LE64, 0), PPC_EXC);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 6, 0, 4)), 0);
	assert_int_equal(f->ram[VAR], 0);

	/* a newer larx replaces it */
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_OK);
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 5)), PPC_OK);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 6, 0, 4)), 0);
	assert_int_equal(f->ram[VAR], 0);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 6, 0, 5)), 0); /* cleared by the stcx. */

	/* stcx. of another size or address than the larx: fails, stores nothing */
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_OK);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STDCX, 6, 0, 4)), 0);
	assert_int_equal(exec(f, MSR_LE64, X(LDARX, 3, 0, 4)), PPC_OK);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STDCX, 6, 0, 5)), 0);
	assert_int_equal(f->ram[VAR], 0);
	assert_int_equal(f->ram[VAR + 8], 0);

	/* another agent (the VMM, a device) changed the value */
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_OK);
	f->ram[VAR + 1] = 9;
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 6, 0, 4)), 0);
	assert_int_equal(f->ram[VAR], 0);

	/* another vcpu's successful stwcx. in between: ours fails */
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_OK);
	f->cpu1->gpr[4] = VAR;
	f->cpu1->gpr[7] = 0x77;
	assert_int_equal(exec_on(f->cpu1, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_OK);
	assert_int_equal(exec_on(f->cpu1, MSR_LE64, STCX(STWCX, 7, 0, 4)), PPC_OK);
	assert_int_equal(cpu_get_crf(f->cpu1, 0), 2);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 6, 0, 4)), 0);
	assert_int_equal(f->ram[VAR], 0x77);

	/* a plain store by another vcpu that changes the value */
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_OK);
	f->cpu1->gpr[6] = 0x55;
	assert_int_equal(exec_on(f->cpu1, MSR_LE64, X(151, 6, 0, 4) /* stwx */), PPC_OK);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 7, 0, 4)), 0);
	assert_int_equal(f->ram[VAR], 0x55);
}

/* ---- alignment: the EA must be a multiple of the size (Book III 7.5.8) ---- */
static void test_alignment(void **state)
{
	struct fixture *f = *state;
	static const struct {
		uint32_t xo;
		unsigned size;
		int rc;
	} ops[] = {
		{LHARX, 2, 0}, {LWARX, 4, 0}, {LDARX, 8, 0}, {LQARX, 16, 0},
		{STHCX, 2, 1}, {STWCX, 4, 1}, {STDCX, 8, 1}, {STQCX, 16, 1},
	};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		for (unsigned off = 1; off < ops[i].size; off *= 2) {
			f->cpu->gpr[4] = VAR + off;
			uint32_t insn = X(ops[i].xo, 8, 0, 4) | (ops[i].rc ? 1u : 0u);
			int st = exec(f, MSR_LE64, insn);
			if (st != PPC_EXC || f->cpu->nia != 0x600)
				fail_msg("xo %u at +%u: no alignment interrupt", ops[i].xo, off);
			assert_int_equal(f->cpu->spr[SPR_DAR], VAR + off);
			assert_int_equal(f->cpu->spr[SPR_SRR0], CIA);
		}
	}
	/* lbarx/stbcx. have no alignment constraint */
	f->cpu->gpr[4] = VAR + 3;
	assert_int_equal(exec(f, MSR_LE64, X(LBARX, 8, 0, 4)), PPC_OK);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STBCX, 8, 0, 4)), 2);
}

/* ---- invalid forms and the EH hint ---- */
static void test_forms(void **state)
{
	struct fixture *f = *state;
	const uint32_t bad[] = {
		X(LQARX, 9, 0, 4),   /* RTp odd */
		X(LQARX, 4, 4, 5),   /* RTp = RA */
		X(LQARX, 4, 5, 4),   /* RTp = RB */
		STCX(STQCX, 9, 0, 4), /* RSp odd */
		X(STWCX, 3, 0, 4),   /* stwcx without Rc */
		X(STDCX, 3, 0, 4),
		X(STBCX, 3, 0, 4),
		X(STHCX, 3, 0, 4),
		X(STQCX, 4, 0, 4),
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f->cpu->gpr[4] = f->cpu->gpr[5] = VAR;
		int st = exec(f, MSR_LE64, bad[i]);
		if (st != PPC_EXC || f->cpu->nia != 0x700)
			fail_msg("%08x: not illegal", bad[i]);
		assert_true(f->cpu->spr[SPR_SRR1] & SRR1_PROG_ILL);
	}
	/* EH = 1 (bit 31) is accepted on every larx */
	const unsigned larx[] = {LBARX, LHARX, LWARX, LDARX, LQARX};
	for (size_t i = 0; i < 5; i++) {
		f->cpu->gpr[4] = VAR;
		assert_int_equal(exec(f, MSR_LE64, X(larx[i], 6, 0, 4) | 1u), PPC_OK);
	}
	assert_int_equal(stcx(f, MSR_LE64, STCX(STQCX, 6, 0, 4)), 2);
}

/* ---- MMIO: larx loads through the exit and reserves nothing; stcx. there fails ---- */
static void test_mmio(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->cpu;
	c->gpr[4] = 0x40000000;
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 4)), PPC_EXIT);
	assert_int_equal(f->vcpu[0]->run.exit_reason, KVM_EXIT_MMIO);
	assert_int_equal(f->vcpu[0]->run.mmio.phys_addr, 0x40000000);
	assert_int_equal(f->vcpu[0]->run.mmio.len, 4);
	mem_mmio_reset(c);
	/* stcx. to MMIO: no exit, CR0[EQ] = 0 */
	f->vcpu[0]->run.exit_reason = 0;
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 3, 0, 4)), 0);
	assert_int_equal(f->vcpu[0]->run.exit_reason, 0);
	/* ... even right after a reservation on RAM */
	c->gpr[5] = VAR;
	assert_int_equal(exec(f, MSR_LE64, X(LWARX, 3, 0, 5)), PPC_OK);
	assert_int_equal(stcx(f, MSR_LE64, STCX(STWCX, 3, 0, 4)), 0);
}

/* ---- 32-bit mode: the EA wraps, and the reservation is on that EA ---- */
static void test_32bit(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->cpu;
	memset(f->ram + VAR, 0, 8);
	f->ram[VAR] = 41;
	c->gpr[4] = 0x1ffffff00ULL;
	c->gpr[5] = VAR + 0x100;
	assert_int_equal(exec(f, MSR_LE, X(LWARX, 3, 4, 5)), PPC_OK);
	assert_int_equal(c->gpr[3], 41);
	c->gpr[3] = 42;
	assert_int_equal(stcx(f, MSR_LE, STCX(STWCX, 3, 4, 5)), 2);
	assert_int_equal(f->ram[VAR], 42);
}

/* ---- atomic memory operations (ISA 3.0 Book II 4.5). Values from qemu-ppc64le -cpu
 *      power9 running lwat/ldat/stwat/stdat on the same operands, except the failure
 *      value of the fetch-and-increment/decrement forms, which the ISA defines as
 *      2^(n-1) zero-extended (qemu returns 0xffffffff80000000 for both sizes). ---- */
#define LWAT 582
#define LDAT 614
#define STWAT 710
#define STDAT 742

struct amo_case {
	unsigned xo, fc;
	uint64_t m0, m1;       /* doublewords at VAR and VAR + 8, little-endian */
	uint64_t m0_after, rt; /* rt: for lwat/ldat */
	uint64_t m1_after;
};

static const struct amo_case amo_cases[] = {
	{LWAT, 0, 0x7ffffffe90000003ULL, 0x5555555566666666ULL, 0x7ffffffe10000008ULL, 0x90000003, 0x5555555566666666ULL},
	{LWAT, 1, 0x7ffffffe90000003ULL, 0, 0x7ffffffe10000006ULL, 0x90000003, 0},
	{LWAT, 2, 0x7ffffffe90000003ULL, 0, 0x7ffffffe90000007ULL, 0x90000003, 0},
	{LWAT, 3, 0x7ffffffe90000003ULL, 0, 0x7ffffffe80000001ULL, 0x90000003, 0},
	{LWAT, 4, 0x7ffffffe90000003ULL, 0, 0x7ffffffe90000003ULL, 0x90000003, 0},
	{LWAT, 5, 0x7ffffffe90000003ULL, 0, 0x7ffffffe90000003ULL, 0x90000003, 0},
	{LWAT, 6, 0x7ffffffe90000003ULL, 0, 0x7ffffffe80000005ULL, 0x90000003, 0},
	{LWAT, 7, 0x7ffffffe90000003ULL, 0, 0x7ffffffe80000005ULL, 0x90000003, 0},
	{LWAT, 8, 0x7ffffffe90000003ULL, 0, 0x7ffffffe80000005ULL, 0x90000003, 0},
	{LWAT, 16, 0x7ffffffe90000003ULL, 0, 0x7ffffffe89abcdefULL, 0x90000003, 0},
	{LWAT, 16, 0x7ffffffe80000005ULL, 0, 0x7ffffffe80000005ULL, 0x80000005, 0},
	{LWAT, 24, 0x0000000700000005ULL, 0, 0x0000000700000006ULL, 5, 0},
	{LWAT, 24, 0x0000000500000005ULL, 0, 0x0000000500000005ULL, 0x80000000, 0},
	{LWAT, 25, 0x0000000700000005ULL, 0, 0x0000000700000005ULL, 0x80000000, 0},
	{LWAT, 25, 0x0000000500000005ULL, 0, 0x0000000500000006ULL, 5, 0},
	{LWAT, 28, 0x0000000700000005ULL, 0, 0x0000000700000004ULL, 5, 0},
	{LWAT, 28, 0x0000000500000005ULL, 0, 0x0000000500000005ULL, 0x80000000, 0},
	{LDAT, 0, 0x7ffffffe90000003ULL, 0x10, 0x7ffffffe10000008ULL, 0x7ffffffe90000003ULL, 0x10},
	{LDAT, 5, 0x8000000000000003ULL, 0x10, 0xffffffff80000005ULL, 0x8000000000000003ULL, 0x10},
	{LDAT, 4, 0x8000000000000003ULL, 0x10, 0xffffffff80000005ULL, 0x8000000000000003ULL, 0x10},
	{LDAT, 7, 0x8000000000000003ULL, 0x10, 0x8000000000000003ULL, 0x8000000000000003ULL, 0x10},
	{LDAT, 6, 0x8000000000000003ULL, 0x10, 0x8000000000000003ULL, 0x8000000000000003ULL, 0x10},
	{LDAT, 16, 0xffffffff80000005ULL, 0x10, 0xffffffff80000005ULL, 0xffffffff80000005ULL, 0x10},
	{LDAT, 24, 7, 7, 7, 0x8000000000000000ULL, 7},
	{LDAT, 25, 7, 8, 7, 0x8000000000000000ULL, 8},
	{LDAT, 28, 7, 8, 6, 7, 8},
	{LDAT, 28, 7, 7, 7, 0x8000000000000000ULL, 7},
	{STWAT, 0, 0x7ffffffe90000003ULL, 0x5555555566666666ULL, 0x7ffffffe10000008ULL, 0, 0x5555555566666666ULL},
	{STWAT, 1, 0x7ffffffe90000003ULL, 0, 0x7ffffffe10000006ULL, 0, 0},
	{STWAT, 2, 0x7ffffffe90000003ULL, 0, 0x7ffffffe90000007ULL, 0, 0},
	{STWAT, 3, 0x7ffffffe90000003ULL, 0, 0x7ffffffe80000001ULL, 0, 0},
	{STWAT, 4, 0x7ffffffe90000003ULL, 0, 0x7ffffffe90000003ULL, 0, 0},
	{STWAT, 5, 0x7ffffffe90000003ULL, 0, 0x7ffffffe90000003ULL, 0, 0},
	{STWAT, 6, 0x7ffffffe90000003ULL, 0, 0x7ffffffe80000005ULL, 0, 0},
	{STWAT, 7, 0x7ffffffe90000003ULL, 0, 0x7ffffffe80000005ULL, 0, 0},
	{STWAT, 24, 0x0000000500000005ULL, 1, 0x8000000580000005ULL, 0, 1},
	{STWAT, 24, 0x0000000600000005ULL, 1, 0x0000000600000005ULL, 0, 1},
	{STDAT, 0, 0x8000000000000003ULL, 0x10, 0x7fffffff80000008ULL, 0, 0x10},
	{STDAT, 5, 0x8000000000000003ULL, 0x10, 0xffffffff80000005ULL, 0, 0x10},
	{STDAT, 24, 3, 3, 0xffffffff80000005ULL, 0, 0xffffffff80000005ULL},
	{STDAT, 24, 3, 4, 3, 0, 4},
};

static void test_amo(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->cpu;
	for (size_t i = 0; i < sizeof(amo_cases) / sizeof(amo_cases[0]); i++) {
		const struct amo_case *k = &amo_cases[i];
		int load = k->xo == LWAT || k->xo == LDAT;
		st_le(f->ram + VAR, 8, k->m0);
		st_le(f->ram + VAR + 8, 8, k->m1);
		c->gpr[3] = VAR;
		c->gpr[8] = 0x1111111111111111ULL;
		c->gpr[9] = 0xffffffff80000005ULL;
		c->gpr[10] = 0x0123456789abcdefULL;
		/* loads: RT = r8, sources r9, r10; stores: RS = r9 */
		uint32_t insn = X(k->xo, load ? 8 : 9, 3, k->fc);
		assert_int_equal(exec(f, MSR_LE64, insn), PPC_OK);
		if (ld_le(f->ram + VAR, 8) != k->m0_after || ld_le(f->ram + VAR + 8, 8) != k->m1_after)
			fail_msg("case %zu (xo %u fc %u): memory %016llx %016llx", i, k->xo, k->fc,
				 (unsigned long long)ld_le(f->ram + VAR, 8),
				 (unsigned long long)ld_le(f->ram + VAR + 8, 8));
		if (load && c->gpr[8] != k->rt)
			fail_msg("case %zu (xo %u fc %u): rt %016llx", i, k->xo, k->fc,
				 (unsigned long long)c->gpr[8]);
	}
	/* big-endian: the word at EA is the first four bytes */
	memset(f->ram + VAR, 0, 16);
	st_be(f->ram + VAR, 4, 0x90000003);
	c->gpr[9] = 0xffffffff80000005ULL;
	assert_int_equal(exec(f, MSR_BE64, X(LWAT, 8, 3, 0)), PPC_OK);
	assert_int_equal(c->gpr[8], 0x90000003);
	assert_int_equal(ld_be(f->ram + VAR, 4), 0x10000008);
	/* invalid function codes, alignment, ISA level */
	assert_int_equal(exec(f, MSR_LE64, X(LWAT, 8, 3, 9)), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(exec(f, MSR_LE64, X(STWAT, 9, 3, 8)), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	c->gpr[3] = VAR + 4;
	assert_int_equal(exec(f, MSR_LE64, X(LDAT, 8, 3, 0)), PPC_EXC);
	assert_int_equal(c->nia, 0x600);
	assert_int_equal(c->spr[SPR_DAR], VAR + 4);
	const struct ppc_insn_def *d = ppc_decode(0x7d03048c, PPC_ISA_300); /* GNU as: lwat 8,3,0 */
	assert_non_null(d);
	assert_string_equal(d->mnemonic, "lwat");
	assert_null(ppc_decode(0x7d03048c, PPC_ISA_207));
	assert_string_equal(ppc_decode(0x7d03c4cc, PPC_ISA_300)->mnemonic, "ldat");
	assert_string_equal(ppc_decode(0x7d23058c, PPC_ISA_300)->mnemonic, "stwat");
	assert_string_equal(ppc_decode(0x7d23c5cc, PPC_ISA_300)->mnemonic, "stdat");
}

/* ---- two vcpus, two host threads, one counter ---- */
#define ITERS 100000
#define COUNTER 0x8000u

/* Once per fixture: a vcpu that exited with an hcall gets r3..r12 from kvm_run when it
 * runs again (lib/vcpu.c), which would override the registers set here. */
/* Two vcpus run "mtctr r6; 1: larx; addi; stcx.; bne- 1b; bdnz 1b; li r3,0x1234; sc 1"
 * with ITERS iterations each; the counter (@size bytes at COUNTER + @off) must end at
 * exactly 2 * ITERS. */
static void run_program(struct fixture *f, int le, const uint32_t *code, size_t n,
			unsigned off, unsigned size)
{
	for (size_t i = 0; i < n; i++)
		(le ? st_le : st_be)(f->ram + 0x1000 + 4 * i, 4, code[i]);
	memset(f->ram + COUNTER, 0, 16);
	for (int i = 0; i < 2; i++) {
		struct kvm_regs regs;
		assert_int_equal(kvmppc_get_regs(f->vcpu[i], &regs), 0);
		regs.pc = 0x1000;
		regs.msr = MSR_SF | (le ? MSR_LE : 0);
		regs.gpr[4] = COUNTER;
		regs.gpr[6] = ITERS;
		regs.gpr[9] = 1;
		assert_int_equal(kvmppc_set_regs(f->vcpu[i], &regs), 0);
	}
	test_run_concurrently(f->vcpu, 2, 0x1234);
	uint64_t count = le ? ld_le(f->ram + COUNTER + off, size)
			    : ld_be(f->ram + COUNTER + off, size);
	assert_int_equal(count, 2 * ITERS);
}

static void run_stress(struct fixture *f, int le, uint32_t larx, uint32_t addi, uint32_t stcx,
		       unsigned off, unsigned size)
{
	const uint32_t code[] = {0x7cc903a6, larx, addi, stcx, 0x40c2fff4,
				 0x4200fff0, 0x38601234, 0x44000022};
	run_program(f, le, code, sizeof(code) / sizeof(code[0]), off, size);
}

/* ldat fetch-and-add (FC 0) of r9 = 1: "mtctr r6; 1: ldat r8,r4,0; bdnz 1b; li r3,0x1234;
 * sc 1" on a POWER9 model. */
static void test_two_threads_ldat(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {0x7cc903a6, 0x7d0404cc, 0x4200fffc, 0x38601234,
					0x44000022};
	for (int i = 0; i < 2; i++) {
		struct kvm_sregs sregs;
		assert_int_equal(kvmppc_get_sregs(f->vcpu[i], &sregs), 0);
		sregs.pvr = PVR_POWER9;
		assert_int_equal(kvmppc_set_sregs(f->vcpu[i], &sregs), 0);
	}
	run_program(f, 1, code, sizeof(code) / sizeof(code[0]), 0, 8);
}

/* encodings from GNU as */
static void test_two_threads_lwarx(void **state)
{
	run_stress(*state, 1, 0x7ca02028 /* lwarx 5,0,4 */, 0x38a50001 /* addi 5,5,1 */,
		   0x7ca0212d /* stwcx. 5,0,4 */, 0, 4);
}

static void test_two_threads_ldarx_be(void **state)
{
	run_stress(*state, 0, 0x7ca020a8 /* ldarx 5,0,4 */, 0x38a50001,
		   0x7ca021ad /* stdcx. 5,0,4 */, 0, 8);
}

/* The quadword path (mach->atomic_lock): the odd register is the low-order doubleword,
 * at EA in little-endian mode and at EA + 8 in big-endian mode. */
static void test_two_threads_lqarx(void **state)
{
	run_stress(*state, 1, 0x7cc02228 /* lqarx 6,0,4 */, 0x38e70001 /* addi 7,7,1 */,
		   0x7cc0216d /* stqcx. 6,0,4 */, 0, 8);
}

static void test_two_threads_lqarx_be(void **state)
{
	run_stress(*state, 0, 0x7cc02228, 0x38e70001, 0x7cc0216d, 8, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sizes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cr0_so, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reservation_loss, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alignment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_32bit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_amo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads_lwarx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads_ldarx_be, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads_lqarx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads_lqarx_be, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads_ldat, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
