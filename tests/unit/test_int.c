/* SPDX-License-Identifier: MIT */
/*
 * Fixed-point, compare, trap and CR instructions of the interpreted CPU.
 *
 * 1. Vectors (test_int_vectors.inc) checked against qemu-ppc64le 7.2 for both models.
 *    They were produced by a static ppc64le program (powerpc64le-linux-gnu-gcc -static)
 *    that, for each input line "word r3 r4 r5 r6 xer cr", writes into an RWX page
 *        mr r10,r3; mfcr r11; ld r0,32(r10); mtxer r0; ld r0,40(r10); mtcrf 0xff,r0;
 *        ld r3..r6,0..24(r10); <word>; std r3..r6; mfxer r0; std r0,32(r10);
 *        mfcr r0; std r0,40(r10); mtcrf 0xff,r11; blr
 *    calls it and prints the block, run under `qemu-ppc64le -cpu power9` and
 *    `-cpu power8`. The cases are edge values (0, 1, -1, INT32_MIN/MAX, INT64_MIN/MAX,
 *    0xffffffff...) and seeded random operands for every form of every instruction.
 * 2. Hand-written cases whose expected values come from the ISA (Power ISA 3.0B Book I):
 *    32-bit mode (qemu-user cannot run it), traps, invalid forms, addpcis, darn.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cpu/insn.h"

#define P8_ILLEGAL (~0ULL)
#define SRR0 26
#define SRR1 27
#define CIA 0x10000ULL

struct vec {
	const char *name;
	uint32_t insn;
	uint64_t in[4]; /* r3..r6 */
	uint64_t xer;
	uint32_t cr;
	uint64_t r3;
	uint64_t xer9, xer8;
	uint32_t cr_out;
};

static const struct vec vecs[] = {
#include "test_int_vectors.inc"
};

static struct ppc_cpu cpu;

static void setup_cpu(uint32_t pvr, uint64_t msr)
{
	memset(&cpu, 0, sizeof(cpu));
	assert_int_equal(cpu_init(&cpu, pvr, 0), 0);
	cpu_set_msr(&cpu, msr);
	cpu.cia = CIA;
}

#define MSR64 (MSR_SF | MSR_ME | MSR_LE)
#define MSR32 (MSR_ME | MSR_LE)

static int exec(uint32_t insn)
{
	cpu.cia = CIA;
	return cpu_execute_one(&cpu, insn);
}

static void assert_illegal(int st)
{
	assert_int_equal(st, PPC_EXC);
	assert_int_equal(cpu.nia, 0x700);
	assert_int_equal(cpu.spr[SRR0], CIA);
	assert_true(cpu.spr[SRR1] & SRR1_PROG_ILL);
}

static int run_vectors(uint32_t pvr)
{
	int fails = 0;
	bool p9 = pvr == PVR_POWER9;
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		const struct vec *v = &vecs[i];
		setup_cpu(pvr, MSR64);
		for (int r = 0; r < 4; r++)
			cpu.gpr[3 + r] = v->in[r];
		cpu_set_xer(&cpu, v->xer);
		cpu.cr = v->cr;
		int st = exec(v->insn);
		if (!p9 && v->xer8 == P8_ILLEGAL) {
			if (st != PPC_EXC || cpu.nia != 0x700 || !(cpu.spr[SRR1] & SRR1_PROG_ILL)) {
				printf("%s %08x on POWER8: not illegal\n", v->name, v->insn);
				fails++;
			}
			continue;
		}
		uint64_t xer = p9 ? v->xer9 : v->xer8;
		bool ok = st == PPC_OK && cpu.nia == CIA + 4 && cpu.gpr[3] == v->r3 &&
			  cpu_get_xer(&cpu) == xer && cpu.cr == v->cr_out;
		for (int r = 1; r < 4; r++)
			ok = ok && cpu.gpr[3 + r] == v->in[r];
		if (!ok) {
			printf("%s %08x (%s) in %016llx %016llx %016llx %016llx xer %08llx cr %08x:\n"
			       "  got st %d r3 %016llx xer %08llx cr %08x\n"
			       "  want      r3 %016llx xer %08llx cr %08x\n",
			       v->name, v->insn, p9 ? "POWER9" : "POWER8",
			       (unsigned long long)v->in[0], (unsigned long long)v->in[1],
			       (unsigned long long)v->in[2], (unsigned long long)v->in[3],
			       (unsigned long long)v->xer, v->cr, st, (unsigned long long)cpu.gpr[3],
			       (unsigned long long)cpu_get_xer(&cpu), cpu.cr,
			       (unsigned long long)v->r3, (unsigned long long)xer, v->cr_out);
			fails++;
		}
	}
	return fails;
}

static void test_vectors_power9(void **state)
{
	(void)state;
	assert_int_equal(run_vectors(PVR_POWER9), 0);
}

static void test_vectors_power8(void **state)
{
	(void)state;
	assert_int_equal(run_vectors(PVR_POWER8), 0);
}

/* ---- instruction encoders for the hand-written cases ---- */
static uint32_t dform(unsigned po, unsigned rt, unsigned ra, uint16_t imm)
{
	return po << 26 | rt << 21 | ra << 16 | imm;
}

#define XER_FLAGS (XER_SO | XER_OV | XER_CA | XER_OV32 | XER_CA32)

/*
 * 32-bit mode (MSR[SF] = 0, Book I 3.3.9, 3.3.8): CA is the carry out of bit 32, OV the
 * overflow of the low word, CR0 compares the low word; results keep all 64 bits.
 */
static void test_mode32_add(void **state)
{
	(void)state;
	static const struct {
		uint32_t insn;
		uint64_t a, b, r;
		uint64_t xer; /* POWER9 flags after */
		unsigned cr0;
	} c[] = {
		/* addo. 0x7fffffff + 1: low-word overflow; LT from the low word */
		{0x7c642e15 /* addo. r3,r4,r5 */, 0x7fffffff, 1, 0x80000000,
		 XER_SO | XER_OV | XER_OV32, 0x8 | 1},
		/* addc. 0xffffffff + 1: carry out of the low word, CR0 EQ (low word 0) */
		{0x7c642815 /* addc. */, 0xffffffff, 1, 0x100000000ULL, XER_CA | XER_CA32, 0x2},
		/* carry out of bit 0 only: no CA in 32-bit mode */
		{0x7c642815, 0x100000000ULL, 0xffffffff00000000ULL, 0, 0, 0x2},
		/* addo. INT64_MAX + 1: no low-word overflow, so no OV in 32-bit mode */
		{0x7c642e15, 0x7fffffffffffffffULL, 1, 0x8000000000000000ULL, 0, 0x2},
		/* subfco. 1 - 0x80000000 (low words): overflow of the low word, borrow -> CA 0,
		 * CR0 LT from the low word 0x80000001 */
		{0x7c642c11 /* subfco. */, 0x80000000, 1, 0xffffffff80000001ULL,
		 XER_SO | XER_OV | XER_OV32, 0x8 | 1},
		/* neg: -0x80000000 overflows in 32-bit mode */
		{0x7c6404d0 /* nego r3,r4 */, 0x80000000, 0, 0xffffffff80000000ULL,
		 XER_SO | XER_OV | XER_OV32, 0xff},
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		for (int p9 = 0; p9 < 2; p9++) {
			setup_cpu(p9 ? PVR_POWER9 : PVR_POWER8, MSR32);
			cpu.gpr[4] = c[i].a;
			cpu.gpr[5] = c[i].b;
			cpu.cr = 0xf0000000;
			assert_int_equal(exec(c[i].insn), PPC_OK);
			assert_int_equal(cpu.gpr[3], c[i].r);
			uint64_t want = p9 ? c[i].xer : c[i].xer & ~(XER_OV32 | XER_CA32);
			assert_int_equal(cpu_get_xer(&cpu) & XER_FLAGS, want);
			if (c[i].cr0 != 0xff)
				assert_int_equal(cpu_get_crf(&cpu, 0), c[i].cr0);
		}
	}
}

static void test_mode32_misc(void **state)
{
	(void)state;
	setup_cpu(PVR_POWER9, MSR32);
	/* and. with a result whose low word is 0: CR0 EQ */
	cpu.gpr[4] = 0xffffffff00000000ULL;
	cpu.gpr[5] = ~0ULL;
	assert_int_equal(exec(0x7c832839 /* and. r3,r4,r5 */), PPC_OK);
	assert_int_equal(cpu.gpr[3], 0xffffffff00000000ULL);
	assert_int_equal(cpu_get_crf(&cpu, 0), 2);
	/* cmpi with L = 1 still compares 64 bits in 32-bit mode (3.3.10); L = 0 the low word */
	cpu.gpr[4] = 0x100000000ULL;
	assert_int_equal(exec(0x2ca40000 /* cmpdi cr1,r4,0 */), PPC_OK);
	assert_int_equal(cpu_get_crf(&cpu, 1), 4);
	assert_int_equal(exec(0x2c840000 /* cmpwi cr1,r4,0 */), PPC_OK);
	assert_int_equal(cpu_get_crf(&cpu, 1), 2);
	/* srawi CA is the same in both modes */
	cpu.gpr[4] = 0x00000000fffffff1ULL;
	assert_int_equal(exec(0x7c831670 /* srawi r3,r4,2 */), PPC_OK);
	assert_int_equal(cpu.gpr[3], 0xfffffffffffffffcULL);
	assert_int_equal(cpu.ca, 1);
	assert_int_equal(cpu.ca32, 1);
}

/* Traps (3.3.11): program interrupt, SRR1[TRAP], SRR0 = the trap. */
static void expect_trap(uint32_t insn, uint64_t a, uint64_t b, bool taken)
{
	setup_cpu(PVR_POWER9, MSR64);
	cpu.gpr[4] = a;
	cpu.gpr[5] = b;
	int st = exec(insn);
	if (taken) {
		assert_int_equal(st, PPC_EXC);
		assert_int_equal(cpu.nia, 0x700);
		assert_int_equal(cpu.spr[SRR0], CIA);
		assert_true(cpu.spr[SRR1] & SRR1_PROG_TRAP);
		assert_false(cpu.spr[SRR1] & SRR1_PROG_ILL);
		assert_true(cpu.spr[SRR1] & MSR_SF); /* SRR1 keeps the old MSR */
	} else {
		assert_int_equal(st, PPC_OK);
		assert_int_equal(cpu.nia, CIA + 4);
	}
}

static uint32_t tw(unsigned to, unsigned x) { return 31u << 26 | to << 21 | 4u << 16 | 5u << 11 | x << 1; }

static void test_traps(void **state)
{
	(void)state;
	expect_trap(0x7fe00008 /* tw 31,0,0 (trap) */, 0, 0, true);
	expect_trap(tw(31, 4), 1, 2, true);
	expect_trap(tw(0, 4), 1, 1, false);          /* TO = 0 never traps */
	expect_trap(tw(4, 4), 0x100000005ULL, 5, true); /* tw compares low words */
	expect_trap(tw(4, 68), 0x100000005ULL, 5, false); /* td all 64 bits */
	expect_trap(tw(16, 4), 0xffffffff, 0, true);  /* low word -1 < 0 signed */
	expect_trap(tw(2, 4), 0xffffffff, 0, false);  /* ...but not unsigned */
	expect_trap(tw(1, 4), 0xffffffff, 0, true);   /* >u */
	expect_trap(tw(8, 68), 0x8000000000000000ULL, 1, false);
	expect_trap(tw(1, 68), 0x8000000000000000ULL, 1, true);
	expect_trap(dform(3, 4, 4, 0xffff) /* twi 4,r4,-1 */, 0xffffffff, 0, true);
	expect_trap(dform(2, 4, 4, 0xffff) /* tdi 4,r4,-1 */, 0xffffffff, 0, false);
	expect_trap(dform(2, 2, 4, 0x10) /* tdi lgt... <u */, 0xf, 0, true);
	expect_trap(dform(2, 31, 0, 0) /* tdi 31,r0,0 */, 0, 0, true);
}

static void test_invalid_forms(void **state)
{
	(void)state;
	static const uint32_t bad[] = {
		0x2c400000, /* cmpi with bit 9 set */
		0x7c042001, /* cmp with Rc = 1 */
		0x7c6429d4, /* addme r3,r4 with RB = 5 */
		0x7c6404d1 | (1u << 11), /* nego. with RB = 1 */
		0x7c642c96, /* mulhwo: mulhw has no OE form */
		0x7c8300f5, /* popcntb. (Rc reserved) */
		0x7c832875 | 0, /* extsb r3,r4 with RB = 5 */
		0x7c680026, /* mfcr with bit 12 set */
		0x7c6ff921, /* mtcrf with bit 31 set */
		0x4c000001, /* mcrf with bit 31 */
		0x4c210203, /* crand with bit 31 */
		0x4e808020, /* bclr with bit 16 */
		0x7c63003f, /* isel with bit 31 */
		0x7c632bf8 | 1, /* cmpb with Rc */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup_cpu(PVR_POWER9, MSR64);
		assert_illegal(exec(bad[i]));
	}
	/* darn with L = 3 is reserved */
	setup_cpu(PVR_POWER9, MSR64);
	assert_illegal(exec(0x7c6305e6 /* darn r3,3 */));
}

/* ISA 3.0 rows on POWER8 are illegal instructions. */
static void test_isa300_on_power8(void **state)
{
	(void)state;
	static const uint32_t w[] = {
		0x7c632e16, /* modsw */ 0x106429b3, /* maddld r3,r4,r5,r6 */
		0x7c830474, /* cnttzd r3,r4 */ 0x7c8306f4, /* extswsli */
		0x7c600100, /* setb */ 0x7d800480, /* mcrxrx */ 0x4c600004, /* addpcis */
		0x7c6005e6, /* darn */ 0x7c842180, /* cmprb */ 0x7c8429c0, /* cmpeqb */
		0x7c642954, /* addex */
	};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		setup_cpu(PVR_POWER8, MSR64);
		assert_illegal(exec(w[i]));
		setup_cpu(PVR_POWER9, MSR64);
		assert_int_equal(exec(w[i]), PPC_OK);
	}
}

/* addpcis RT,D: RT = NIA + EXTS(D) << 16 (D = d0 || d1 || d2). */
static uint32_t addpcis(unsigned rt, int16_t d)
{
	uint32_t u = (uint16_t)d;
	return 19u << 26 | rt << 21 | ((u >> 1) & 31) << 16 | (u >> 6) << 6 | 2u << 1 | (u & 1);
}

static void test_addpcis(void **state)
{
	(void)state;
	setup_cpu(PVR_POWER9, MSR64);
	assert_int_equal(exec(addpcis(3, 1)), PPC_OK);
	assert_int_equal(cpu.gpr[3], CIA + 4 + 0x10000);
	assert_int_equal(exec(addpcis(3, -1)), PPC_OK);
	assert_int_equal(cpu.gpr[3], CIA + 4 - 0x10000);
	assert_int_equal(exec(addpcis(3, 0x5a5b)), PPC_OK);
	assert_int_equal(cpu.gpr[3], CIA + 4 + 0x5a5b0000ULL);
	assert_int_equal(exec(addpcis(3, (int16_t)0x8001)), PPC_OK);
	assert_int_equal(cpu.gpr[3], CIA + 4 + 0xffffffff80010000ULL);
	/* lnia (addpcis 3,0) as the assembler encodes it */
	assert_int_equal(exec(0x4c600004), PPC_OK);
	assert_int_equal(cpu.gpr[3], CIA + 4);
}

/* darn: a random number; never the all-ones error value; L = 0 is 32 bits. */
static void test_darn(void **state)
{
	(void)state;
	setup_cpu(PVR_POWER9, MSR64);
	uint64_t seen[8];
	for (int i = 0; i < 8; i++) {
		assert_int_equal(exec(0x7c6105e6 /* darn r3,1 */), PPC_OK);
		assert_true(cpu.gpr[3] != ~0ULL);
		seen[i] = cpu.gpr[3];
		for (int j = 0; j < i; j++)
			assert_true(seen[j] != seen[i]);
	}
	assert_int_equal(exec(0x7c6005e6 /* darn r3,0 */), PPC_OK);
	assert_int_equal(cpu.gpr[3] >> 32, 0);
}

/* ori 30,30,0 / ori 31,31,0 / or 31,31,31 are plain instructions (census section 10). */
static void test_hint_nops(void **state)
{
	(void)state;
	setup_cpu(PVR_POWER8, MSR64);
	cpu.gpr[30] = 30;
	cpu.gpr[31] = 31;
	assert_int_equal(exec(0x63de0000), PPC_OK);
	assert_int_equal(exec(0x63ff0000), PPC_OK);
	assert_int_equal(exec(0x7fffFb78), PPC_OK);
	assert_int_equal(exec(0x60000000), PPC_OK);
	assert_int_equal(cpu.gpr[30], 30);
	assert_int_equal(cpu.gpr[31], 31);
	assert_int_equal(cpu.nia, CIA + 4);
}

/* mtocrf/mfocrf with no or several FXM bits change nothing (as qemu-ppc64le does). */
static void test_ocrf_undefined(void **state)
{
	(void)state;
	setup_cpu(PVR_POWER9, MSR64);
	cpu.cr = 0x13579bdf;
	cpu.gpr[3] = 0x1234;
	cpu.gpr[4] = ~0ULL;
	assert_int_equal(exec(0x7c9ff120 | (1u << 20) /* mtocrf 0xff,r4 */), PPC_OK);
	assert_int_equal(cpu.cr, 0x13579bdf);
	assert_int_equal(exec(0x7c730026 /* mfocrf r3,0x30 */), PPC_OK);
	assert_int_equal(cpu.gpr[3], 0x1234);
}

/*
 * cbcdtd/cdtbcd round trips (IEEE 754-2008 3.5.2): every BCD triple survives BCD -> DPD ->
 * BCD, and of the 1024 declets exactly the 24 non-canonical ones fail DPD -> BCD -> DPD.
 */
static uint64_t run1(uint32_t insn, uint64_t rs)
{
	cpu.gpr[4] = rs;
	assert_int_equal(exec(insn), PPC_OK);
	return cpu.gpr[3];
}

static void test_bcd_round_trip(void **state)
{
	(void)state;
	setup_cpu(PVR_POWER8, MSR64);
	for (unsigned n = 0; n < 1000; n++) {
		uint64_t bcd = (uint64_t)(n / 100) << 8 | (n / 10 % 10) << 4 | n % 10;
		uint64_t word = bcd << 12 | bcd; /* both halves of the low word */
		uint64_t dpd = run1(0x7c830274 /* cbcdtd r3,r4 */, word << 32 | word);
		assert_int_equal(dpd >> 20 & 0xfff, 0);
		assert_int_equal(run1(0x7c830234 /* cdtbcd r3,r4 */, dpd), word << 32 | word);
	}
	unsigned noncanonical = 0;
	for (uint64_t d = 0; d < 1024; d++) {
		uint64_t bcd = run1(0x7c830234, d);
		if (run1(0x7c830274, bcd) != d)
			noncanonical++;
	}
	assert_int_equal(noncanonical, 24);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_power9),
		cmocka_unit_test(test_vectors_power8),
		cmocka_unit_test(test_mode32_add),
		cmocka_unit_test(test_mode32_misc),
		cmocka_unit_test(test_traps),
		cmocka_unit_test(test_invalid_forms),
		cmocka_unit_test(test_isa300_on_power8),
		cmocka_unit_test(test_addpcis),
		cmocka_unit_test(test_darn),
		cmocka_unit_test(test_hint_nops),
		cmocka_unit_test(test_ocrf_undefined),
		cmocka_unit_test(test_bcd_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
