/* SPDX-License-Identifier: MIT */
/*
 * Integer loads and stores (ISA 3.0 Book I 3.3): every form in both byte orders, update
 * forms, byte-reversed, multiple, string, quadword, caching-inhibited, invalid forms,
 * alignment interrupts, 32-bit address wrap, and MMIO replay through KVM_RUN.
 *
 * Expected values come from qemu-ppc64le / qemu-ppc64 running the same instructions on
 * the same bytes (static programs, -cpu power9), or directly from the ISA text; the
 * instruction words of the decode table come from GNU as/objdump.
 */
#include <errno.h>
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

#define RAM_SIZE (1024 * 1024)
#define HIGH_GPA 0xfffff000ULL /* a second slot: the last page below 4 GiB */
#define DATA 0x2000u            /* test bytes: DATA[i] = 0x80 + 7 * i */
#define OUT 0x3000u             /* store target */
#define CIA 0x100u

#define SPR_DSISR 18
#define SPR_DAR 19
#define SPR_SRR0 26
#define SPR_SRR1 27

#define MSR_BE64 (MSR_SF)
#define MSR_LE64 (MSR_SF | MSR_LE)

struct fixture {
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	struct ppc_cpu *cpu;
	uint8_t *ram;
	uint8_t *high;
};

static void add_slot(struct kvm *vm, unsigned slot, uint64_t gpa, uint64_t size, void *host)
{
	struct kvm_userspace_memory_region mem = {
		.slot = slot, .guest_phys_addr = gpa, .memory_size = size,
		.userspace_addr = (uintptr_t)host,
	};
	assert_int_equal(kvmppc_set_user_memory_region(vm, &mem), 0);
}

static int setup_common(void **state, int papr)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->ram = aligned_alloc(4096, RAM_SIZE);
	f->high = aligned_alloc(4096, 4096);
	memset(f->ram, 0, RAM_SIZE);
	memset(f->high, 0, 4096);
	assert_int_equal(kvmppc_create_vm(0, &f->vm), 0);
	add_slot(f->vm, 0, 0, RAM_SIZE, f->ram);
	add_slot(f->vm, 1, HIGH_GPA, 4096, f->high);
	assert_int_equal(kvmppc_create_vcpu(f->vm, 0, &f->vcpu), 0);
	if (papr) {
		struct kvm_enable_cap cap = {.cap = 68 /* KVM_CAP_PPC_PAPR */};
		assert_int_equal(kvmppc_vcpu_enable_cap(f->vcpu, &cap), 0);
	}
	f->cpu = &f->vcpu->cpu;
	for (unsigned i = 0; i < 64; i++)
		f->ram[DATA + i] = (uint8_t)(0x80 + 7 * i);
	*state = f;
	return 0;
}

static int setup(void **state) { return setup_common(state, 0); }
static int setup_papr(void **state) { return setup_common(state, 1); }

static int teardown(void **state)
{
	struct fixture *f = *state;
	kvmppc_destroy_vm(f->vm);
	free(f->ram);
	free(f->high);
	free(f);
	return 0;
}

/* Execute @insn at CIA with MSR @msr. */
static int exec(struct fixture *f, uint64_t msr, uint32_t insn)
{
	cpu_set_msr(f->cpu, msr);
	f->cpu->cia = CIA;
	return cpu_execute_one(f->cpu, insn);
}

/* The instruction took the interrupt at @vector, reporting itself in SRR0. */
static void assert_interrupt(struct fixture *f, int st, uint64_t vector)
{
	assert_int_equal(st, PPC_EXC);
	assert_int_equal(f->cpu->nia, vector);
	assert_int_equal(f->cpu->spr[SPR_SRR0], CIA);
}

static void assert_illegal(struct fixture *f, int st)
{
	assert_interrupt(f, st, 0x700);
	assert_true(f->cpu->spr[SPR_SRR1] & SRR1_PROG_ILL);
}

/* ---- encodings (field layout of ISA 3.0 Book I 1.6) ---- */
#define D(po, rt, ra, d)                                                                  \
	((uint32_t)(po) << 26 | (uint32_t)(rt) << 21 | (uint32_t)(ra) << 16 |               \
	 ((uint32_t)(d) & 0xffffu))
#define DS(po, rt, ra, ds, xo)                                                            \
	((uint32_t)(po) << 26 | (uint32_t)(rt) << 21 | (uint32_t)(ra) << 16 |               \
	 ((uint32_t)(ds) & 0xfffcu) | (uint32_t)(xo))
#define X(xo, rt, ra, rb)                                                                 \
	(31u << 26 | (uint32_t)(rt) << 21 | (uint32_t)(ra) << 16 | (uint32_t)(rb) << 11 |   \
	 (uint32_t)(xo) << 1)

/* ---- decode: words from GNU as, names from objdump -M raw ---- */
static const struct {
	uint32_t word;
	const char *name;
} decode_cases[] = {
	{0x80640008, "lwz"}, /* lwz     r3,8(r4) */
	{0x84640008, "lwzu"}, /* lwzu    r3,8(r4) */
	{0x88640008, "lbz"}, /* lbz     r3,8(r4) */
	{0x8c640008, "lbzu"}, /* lbzu    r3,8(r4) */
	{0x90640008, "stw"}, /* stw     r3,8(r4) */
	{0x94640008, "stwu"}, /* stwu    r3,8(r4) */
	{0x98640008, "stb"}, /* stb     r3,8(r4) */
	{0x9c640008, "stbu"}, /* stbu    r3,8(r4) */
	{0xa0640008, "lhz"}, /* lhz     r3,8(r4) */
	{0xa4640008, "lhzu"}, /* lhzu    r3,8(r4) */
	{0xa8640008, "lha"}, /* lha     r3,8(r4) */
	{0xac640008, "lhau"}, /* lhau    r3,8(r4) */
	{0xb0640008, "sth"}, /* sth     r3,8(r4) */
	{0xb4640008, "sthu"}, /* sthu    r3,8(r4) */
	{0xe8640008, "ld"}, /* ld      r3,8(r4) */
	{0xe8640009, "ldu"}, /* ldu     r3,8(r4) */
	{0xe864000a, "lwa"}, /* lwa     r3,8(r4) */
	{0xf8640008, "std"}, /* std     r3,8(r4) */
	{0xf8640009, "stdu"}, /* stdu    r3,8(r4) */
	{0xe0c40010, "lq"}, /* lq      r6,16(r4) */
	{0xf8c40012, "stq"}, /* stq     r6,16(r4) */
	{0x7c64282a, "ldx"}, /* ldx     r3,r4,r5 */
	{0x7c64282e, "lwzx"}, /* lwzx    r3,r4,r5 */
	{0x7c64286a, "ldux"}, /* ldux    r3,r4,r5 */
	{0x7c64286e, "lwzux"}, /* lwzux   r3,r4,r5 */
	{0x7c6428ae, "lbzx"}, /* lbzx    r3,r4,r5 */
	{0x7c6428ee, "lbzux"}, /* lbzux   r3,r4,r5 */
	{0x7c64292a, "stdx"}, /* stdx    r3,r4,r5 */
	{0x7c64292e, "stwx"}, /* stwx    r3,r4,r5 */
	{0x7c64296a, "stdux"}, /* stdux   r3,r4,r5 */
	{0x7c64296e, "stwux"}, /* stwux   r3,r4,r5 */
	{0x7c6429ae, "stbx"}, /* stbx    r3,r4,r5 */
	{0x7c6429ee, "stbux"}, /* stbux   r3,r4,r5 */
	{0x7c642a2e, "lhzx"}, /* lhzx    r3,r4,r5 */
	{0x7c642a6e, "lhzux"}, /* lhzux   r3,r4,r5 */
	{0x7c642aaa, "lwax"}, /* lwax    r3,r4,r5 */
	{0x7c642aae, "lhax"}, /* lhax    r3,r4,r5 */
	{0x7c642aea, "lwaux"}, /* lwaux   r3,r4,r5 */
	{0x7c642aee, "lhaux"}, /* lhaux   r3,r4,r5 */
	{0x7c642b2e, "sthx"}, /* sthx    r3,r4,r5 */
	{0x7c642b6e, "sthux"}, /* sthux   r3,r4,r5 */
	{0x7c642c28, "ldbrx"}, /* ldbrx   r3,r4,r5 */
	{0x7c642c2c, "lwbrx"}, /* lwbrx   r3,r4,r5 */
	{0x7c642d28, "stdbrx"}, /* stdbrx  r3,r4,r5 */
	{0x7c642d2c, "stwbrx"}, /* stwbrx  r3,r4,r5 */
	{0x7c642e2c, "lhbrx"}, /* lhbrx   r3,r4,r5 */
	{0x7c642f2c, "sthbrx"}, /* sthbrx  r3,r4,r5 */
	{0x7c642e2a, "lwzcix"}, /* lwzcix  r3,r4,r5 */
	{0x7c642e6a, "lhzcix"}, /* lhzcix  r3,r4,r5 */
	{0x7c642eaa, "lbzcix"}, /* lbzcix  r3,r4,r5 */
	{0x7c642eea, "ldcix"}, /* ldcix   r3,r4,r5 */
	{0x7c642f2a, "stwcix"}, /* stwcix  r3,r4,r5 */
	{0x7c642f6a, "sthcix"}, /* sthcix  r3,r4,r5 */
	{0x7c642faa, "stbcix"}, /* stbcix  r3,r4,r5 */
	{0x7c642fea, "stdcix"}, /* stdcix  r3,r4,r5 */
	{0x7c642828, "lwarx"}, /* lwarx   r3,r4,r5,0 */
	{0x7c642829, "lwarx"}, /* lwarx   r3,r4,r5,1 */
	{0x7c642868, "lbarx"}, /* lbarx   r3,r4,r5,0 */
	{0x7c6428a9, "ldarx"}, /* ldarx   r3,r4,r5,1 */
	{0x7c6428e8, "lharx"}, /* lharx   r3,r4,r5,0 */
	{0x7cc42a28, "lqarx"}, /* lqarx   r6,r4,r5,0 */
	{0x7c64292d, "stwcx."}, /* stwcx.  r3,r4,r5 */
	{0x7cc4296d, "stqcx."}, /* stqcx.  r6,r4,r5 */
	{0x7c6429ad, "stdcx."}, /* stdcx.  r3,r4,r5 */
	{0x7c642d6d, "stbcx."}, /* stbcx.  r3,r4,r5 */
	{0x7c642dad, "sthcx."}, /* sthcx.  r3,r4,r5 */
	{0x7c04286c, "dcbst"}, /* dcbst   r4,r5 */
	{0x7c0428ac, "dcbf"}, /* dcbf    r4,r5,0 */
	{0x7c2428ac, "dcbf"}, /* dcbf    r4,r5,1 */
	{0x7c6428ac, "dcbf"}, /* dcbf    r4,r5,3 */
	{0x7c042fac, "icbi"}, /* icbi    r4,r5 */
	{0x7c042a2c, "dcbt"}, /* dcbt    r4,r5,0 */
	{0x7e042a2c, "dcbt"}, /* dcbt    r4,r5,16 */
	{0x7c0429ec, "dcbtst"}, /* dcbtst  r4,r5,0 */
	{0x7c04282c, "icbt"}, /* icbt    0,r4,r5 */
	{0x7c042fec, "dcbz"}, /* dcbz    r4,r5 */
	{0x7e00066c, "dssall"}, /* dssall */
	{0x7c40066c, "dss"}, /* dss     2 */
	{0x7c0004ac, "sync"}, /* sync    0 */
	{0x7c2004ac, "sync"}, /* sync    1 */
	{0x7c4004ac, "sync"}, /* sync    2 */
	{0x7c0006ac, "eieio"}, /* eieio */
	{0x4c00012c, "isync"}, /* isync */
	{0x7c00003c, "wait"}, /* wait    0 */
	{0x7c242e0c, "copy"}, /* copy    r4,r5 */
	{0x7c242f0d, "paste."}, /* paste.  r4,r5 */
	{0x7c00068c, "cpabort"}, /* cpabort */
	{0xbb840008, "lmw"}, /* lmw     r28,8(r4) */
	{0xbf840008, "stmw"}, /* stmw    r28,8(r4) */
	{0x7ca43caa, "lswi"}, /* lswi    r5,r4,7 */
	{0x7ca4342a, "lswx"}, /* lswx    r5,r4,r6 */
	{0x7ca43daa, "stswi"}, /* stswi   r5,r4,7 */
	{0x7ca4352a, "stswx"}, /* stswx   r5,r4,r6 */
	{0x7e0006ac, "eieio"}, /* the STF-barrier form objdump shows as .long */
};

static void test_decode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
		const struct ppc_insn_def *d = ppc_decode(decode_cases[i].word, PPC_ISA_300);
		if (!d || strcmp(d->mnemonic, decode_cases[i].name) != 0)
			fail_msg("%08x: want %s, got %s", decode_cases[i].word,
				 decode_cases[i].name, d ? d->mnemonic : "(none)");
	}
	/* invalid forms caught by the reserved bits or missing rows */
	assert_null(ppc_decode(0x7c64282f, PPC_ISA_300)); /* lwzx with bit 31 set */
	assert_null(ppc_decode(0x7c64292c, PPC_ISA_300)); /* stwcx without Rc */
	assert_null(ppc_decode(0xe0c40011, PPC_ISA_300)); /* lq with reserved bits 28:31 */
	assert_null(ppc_decode(0x7c2ef7ec, PPC_ISA_300)); /* dcbz with bits 6:10 set */
	assert_null(ppc_decode(0x7c23260c, PPC_ISA_207)); /* copy is ISA 3.0 only */
	assert_null(ppc_decode(0x7c00068c, PPC_ISA_207)); /* cpabort likewise */
	assert_non_null(ppc_decode(0x7c0004ac | 0x00400000, PPC_ISA_300)); /* sync L=2 */
	assert_true(ppc_insn_find("isync")->flags & INSN_ENDS_BLOCK);
	assert_true(ppc_insn_find("lbzcix")->flags & INSN_NEED_HV);
}

/* ---- loads ---- */
struct load_case {
	const char *name;
	uint32_t insn; /* r3 <- ..., base r4 = DATA, index r5 = 6, r6 = 3 */
	uint64_t le, be;
};

static const struct load_case load_cases[] = {
	{"lbz 3", 0x88640003, 0x95, 0x95},
	{"lhz 2", 0xa0640002, 0x958e, 0x8e95},
	{"lha 2", 0xa8640002, 0xffffffffffff958eULL, 0xffffffffffff8e95ULL},
	{"lhz 5", 0xa0640005, 0xaaa3, 0xa3aa},
	{"lha 5", 0xa8640005, 0xffffffffffffaaa3ULL, 0xffffffffffffa3aaULL},
	{"lwz 4", 0x80640004, 0xb1aaa39c, 0x9ca3aab1},
	{"lwz 5", 0x80640005, 0xb8b1aaa3, 0xa3aab1b8},
	{"lwa 4", 0xe8640006, 0xffffffffb1aaa39cULL, 0xffffffff9ca3aab1ULL},
	{"lwa 12", 0xe864000e, 0xffffffffe9e2dbd4ULL, 0xffffffffd4dbe2e9ULL},
	{"ld 8", 0xe8640008, 0xe9e2dbd4cdc6bfb8ULL, 0xb8bfc6cdd4dbe2e9ULL},
	{"ldx r6", 0x7c64302a, 0xc6bfb8b1aaa39c95ULL, 0x959ca3aab1b8bfc6ULL},
	{"lbzx", 0x7c6428ae, 0xaa, 0xaa},
	{"lhzx", 0x7c642a2e, 0xb1aa, 0xaab1},
	{"lwzx", 0x7c64282e, 0xbfb8b1aa, 0xaab1b8bf},
	{"lhbrx", 0x7c642e2c, 0xaab1, 0xb1aa},
	{"lwbrx", 0x7c642c2c, 0xaab1b8bf, 0xbfb8b1aa},
	{"ldbrx", 0x7c642c28, 0xaab1b8bfc6cdd4dbULL, 0xdbd4cdc6bfb8b1aaULL},
	{"lhax", 0x7c642aae, 0xffffffffffffb1aaULL, 0xffffffffffffaab1ULL},
	{"lwax", 0x7c642aaa, 0xffffffffbfb8b1aaULL, 0xffffffffaab1b8bfULL},
};

static void run_loads(struct fixture *f, uint64_t msr)
{
	for (size_t i = 0; i < sizeof(load_cases) / sizeof(load_cases[0]); i++) {
		const struct load_case *c = &load_cases[i];
		f->cpu->gpr[3] = 0x5555555555555555ULL;
		f->cpu->gpr[4] = DATA;
		f->cpu->gpr[5] = 6;
		f->cpu->gpr[6] = 3;
		assert_int_equal(exec(f, msr, c->insn), PPC_OK);
		uint64_t want = (msr & MSR_LE) ? c->le : c->be;
		if (f->cpu->gpr[3] != want)
			fail_msg("%s %s: got %016llx want %016llx", c->name,
				 (msr & MSR_LE) ? "LE" : "BE",
				 (unsigned long long)f->cpu->gpr[3], (unsigned long long)want);
		assert_int_equal(f->cpu->nia, CIA + 4);
		assert_int_equal(f->cpu->gpr[4], DATA); /* no update */
	}
}

static void test_loads(void **state)
{
	struct fixture *f = *state;
	run_loads(f, MSR_LE64);
	run_loads(f, MSR_BE64);
}

/* Update forms: the loaded value and RA = EA (Book I 3.3.2). */
static void test_load_update(void **state)
{
	struct fixture *f = *state;
	static const struct {
		uint32_t insn; /* r3 <- ..., r4 base = DATA, r5 = 6 */
		uint64_t ea_off, le;
	} cases[] = {
		{D(35, 3, 4, 3), 3, 0x95},                          /* lbzu */
		{D(41, 3, 4, 2), 2, 0x958e},                        /* lhzu */
		{D(43, 3, 4, 2), 2, 0xffffffffffff958eULL},         /* lhau */
		{D(33, 3, 4, 4), 4, 0xb1aaa39c},                    /* lwzu */
		{DS(58, 3, 4, 8, 1), 8, 0xe9e2dbd4cdc6bfb8ULL},      /* ldu */
		{X(119, 3, 4, 5), 6, 0xaa},                         /* lbzux */
		{X(311, 3, 4, 5), 6, 0xb1aa},                       /* lhzux */
		{X(375, 3, 4, 5), 6, 0xffffffffffffb1aaULL},        /* lhaux */
		{X(55, 3, 4, 5), 6, 0xbfb8b1aa},                    /* lwzux */
		{X(373, 3, 4, 5), 6, 0xffffffffbfb8b1aaULL},        /* lwaux */
		{X(53, 3, 4, 5), 6, 0xdbd4cdc6bfb8b1aaULL},         /* ldux: bytes 6..13 LE */
		{D(33, 3, 4, -4), (uint64_t)-4, 0},                 /* lwzu, negative d */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		f->cpu->gpr[4] = DATA;
		f->cpu->gpr[5] = 6;
		assert_int_equal(exec(f, MSR_LE64, cases[i].insn), PPC_OK);
		assert_int_equal(f->cpu->gpr[4], DATA + cases[i].ea_off);
		assert_int_equal(f->cpu->gpr[3], cases[i].le);
	}
}

/* ---- stores: r3 = 0x0102030405060708 at OUT + 1 (D) or OUT + 6 (X, r5 = 6) ---- */
struct store_case {
	const char *name;
	uint32_t insn;
	uint8_t le[16], be[16];
};

static const struct store_case store_cases[] = {
	{"stb", 0x98670001, {0, 8}, {0, 8}},
	{"sth", 0xb0670001, {0, 8, 7}, {0, 7, 8}},
	{"stw", 0x90670001, {0, 8, 7, 6, 5}, {0, 5, 6, 7, 8}},
	{"std", 0xf8680000, {0, 8, 7, 6, 5, 4, 3, 2, 1}, {0, 1, 2, 3, 4, 5, 6, 7, 8}},
	{"sthbrx", X(918, 3, 7, 5), {0, 0, 0, 0, 0, 0, 7, 8}, {0, 0, 0, 0, 0, 0, 8, 7}},
	{"stwbrx", X(662, 3, 7, 5), {0, 0, 0, 0, 0, 0, 5, 6, 7, 8}, {0, 0, 0, 0, 0, 0, 8, 7, 6, 5}},
	{"stdbrx", X(660, 3, 7, 5), {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8},
	 {0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1}},
	{"stbx", X(215, 3, 7, 5), {0, 0, 0, 0, 0, 0, 8}, {0, 0, 0, 0, 0, 0, 8}},
	{"sthx", X(407, 3, 7, 5), {0, 0, 0, 0, 0, 0, 8, 7}, {0, 0, 0, 0, 0, 0, 7, 8}},
	{"stwx", X(151, 3, 7, 5), {0, 0, 0, 0, 0, 0, 8, 7, 6, 5}, {0, 0, 0, 0, 0, 0, 5, 6, 7, 8}},
	{"stdx", X(149, 3, 7, 5), {0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1},
	 {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}},
};

static void run_stores(struct fixture *f, uint64_t msr)
{
	for (size_t i = 0; i < sizeof(store_cases) / sizeof(store_cases[0]); i++) {
		const struct store_case *c = &store_cases[i];
		memset(f->ram + OUT, 0, 32);
		f->cpu->gpr[3] = 0x0102030405060708ULL;
		f->cpu->gpr[5] = 6;
		f->cpu->gpr[7] = OUT;
		f->cpu->gpr[8] = OUT + 1;
		assert_int_equal(exec(f, msr, c->insn), PPC_OK);
		const uint8_t *want = (msr & MSR_LE) ? c->le : c->be;
		if (memcmp(f->ram + OUT, want, 16) != 0 || f->ram[OUT + 16] != 0)
			fail_msg("%s %s: wrong bytes", c->name, (msr & MSR_LE) ? "LE" : "BE");
	}
}

static void test_stores(void **state)
{
	struct fixture *f = *state;
	run_stores(f, MSR_LE64);
	run_stores(f, MSR_BE64);
}

static void test_store_update(void **state)
{
	struct fixture *f = *state;
	static const struct {
		uint32_t insn; /* rs = r3, base r7 = OUT, index r5 = 6 */
		unsigned off, size;
	} cases[] = {
		{D(39, 3, 7, 1), 1, 1}, {D(45, 3, 7, 2), 2, 2}, {D(37, 3, 7, 4), 4, 4},
		{DS(62, 3, 7, 8, 1), 8, 8}, {X(247, 3, 7, 5), 6, 1}, {X(439, 3, 7, 5), 6, 2},
		{X(183, 3, 7, 5), 6, 4}, {X(181, 3, 7, 5), 6, 8},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(f->ram + OUT, 0, 32);
		f->cpu->gpr[3] = 0x0102030405060708ULL;
		f->cpu->gpr[5] = 6;
		f->cpu->gpr[7] = OUT;
		assert_int_equal(exec(f, MSR_BE64, cases[i].insn), PPC_OK);
		assert_int_equal(f->cpu->gpr[7], OUT + cases[i].off);
		assert_int_equal(f->ram[OUT + cases[i].off + cases[i].size - 1], 8);
		assert_int_equal(f->ram[OUT + cases[i].off - 1], 0);
	}
	/* stwu with RS = RA stores the old RA, then updates it */
	f->cpu->gpr[7] = OUT;
	assert_int_equal(exec(f, MSR_BE64, D(37, 7, 7, 8)), PPC_OK);
	assert_int_equal(f->cpu->gpr[7], OUT + 8);
	assert_int_equal(ld_be(f->ram + OUT + 8, 4), OUT);
}

/* ---- quadword: qemu-ppc64le / qemu-ppc64 values ---- */
static void test_quad(void **state)
{
	struct fixture *f = *state;
	f->cpu->gpr[4] = DATA;
	assert_int_equal(exec(f, MSR_LE64, 0xe1040010 /* lq 8,16(4) */), PPC_OK);
	assert_int_equal(f->cpu->gpr[8], 0x59524b443d362f28ULL);
	assert_int_equal(f->cpu->gpr[9], 0x211a130c05fef7f0ULL);
	assert_int_equal(exec(f, MSR_BE64, 0xe1040010), PPC_OK);
	assert_int_equal(f->cpu->gpr[8], 0xf0f7fe050c131a21ULL);
	assert_int_equal(f->cpu->gpr[9], 0x282f363d444b5259ULL);

	static const uint8_t le[16] = {0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21,
				       0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11};
	static const uint8_t be[16] = {0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,
				       0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28};
	f->cpu->gpr[7] = OUT;
	f->cpu->gpr[8] = 0x1112131415161718ULL;
	f->cpu->gpr[9] = 0x2122232425262728ULL;
	assert_int_equal(exec(f, MSR_LE64, DS(62, 8, 7, 0, 2) /* stq 8,0(7) */), PPC_OK);
	assert_memory_equal(f->ram + OUT, le, 16);
	assert_int_equal(exec(f, MSR_BE64, DS(62, 8, 7, 0, 2)), PPC_OK);
	assert_memory_equal(f->ram + OUT, be, 16);

	/* unaligned: alignment interrupt with DAR */
	f->cpu->gpr[4] = DATA + 8;
	assert_interrupt(f, exec(f, MSR_LE64, 0xe1040000 /* lq 8,0(4) */), 0x600);
	assert_int_equal(f->cpu->spr[SPR_DAR], DATA + 8);
	f->cpu->gpr[7] = OUT + 4;
	assert_interrupt(f, exec(f, MSR_BE64, DS(62, 8, 7, 0, 2)), 0x600);
	assert_int_equal(f->cpu->spr[SPR_DAR], OUT + 4);
}

/* ---- multiple and string (big-endian; values from qemu-ppc64) ---- */
static void test_multiple_string(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->cpu;
	static const uint64_t lmw_want[8] = {0x9ca3aab1, 0xb8bfc6cd, 0xd4dbe2e9, 0xf0f7fe05,
					     0x0c131a21, 0x282f363d, 0x444b5259, 0x60676e75};
	c->gpr[3] = DATA;
	for (int r = 24; r < 32; r++)
		c->gpr[r] = ~0ULL;
	assert_int_equal(exec(f, MSR_BE64, D(46, 24, 3, 4) /* lmw 24,4(3) */), PPC_OK);
	for (int r = 24; r < 32; r++)
		assert_int_equal(c->gpr[r], lmw_want[r - 24]);

	/* lswi 5,3,7 with r3 = DATA + 1 */
	c->gpr[3] = DATA + 1;
	c->gpr[5] = c->gpr[6] = c->gpr[7] = ~0ULL;
	assert_int_equal(exec(f, MSR_BE64, X(597, 5, 3, 7)), PPC_OK);
	assert_int_equal(c->gpr[5], 0x878e959c);
	assert_int_equal(c->gpr[6], 0xa3aab100);
	assert_int_equal(c->gpr[7], ~0ULL);

	/* lswx 30,3,4, XER count 10: r30, r31, then r0 (wrap) */
	c->gpr[3] = DATA;
	c->gpr[4] = 2;
	c->gpr[30] = c->gpr[31] = c->gpr[0] = ~0ULL;
	cpu_set_xer(c, 10);
	assert_int_equal(exec(f, MSR_BE64, X(533, 30, 3, 4)), PPC_OK);
	assert_int_equal(c->gpr[30], 0x8e959ca3);
	assert_int_equal(c->gpr[31], 0xaab1b8bf);
	assert_int_equal(c->gpr[0], 0xc6cd0000);
	/* lswx with count 0 changes nothing */
	cpu_set_xer(c, 0);
	c->gpr[30] = 77;
	assert_int_equal(exec(f, MSR_BE64, X(533, 30, 3, 4)), PPC_OK);
	assert_int_equal(c->gpr[30], 77);

	/* stswi 5,3,6 at OUT + 1 */
	static const uint8_t stswi_want[12] = {0, 0x15, 0x16, 0x17, 0x18, 0x25, 0x26};
	memset(f->ram + OUT, 0, 64);
	c->gpr[3] = OUT + 1;
	c->gpr[5] = 0xdead000015161718ULL;
	c->gpr[6] = 0x25262728;
	assert_int_equal(exec(f, MSR_BE64, X(725, 5, 3, 6)), PPC_OK);
	assert_memory_equal(f->ram + OUT, stswi_want, 12);

	/* stmw 29,0(3) at OUT + 4 */
	static const uint8_t stmw_want[20] = {0, 0, 0, 0, 0, 0, 0x11, 0x22, 0, 0, 0x33, 0x44,
					      0xff, 0xff, 0xff, 0xfe};
	memset(f->ram + OUT, 0, 64);
	c->gpr[3] = OUT + 4;
	c->gpr[29] = 0x1122;
	c->gpr[30] = 0x3344;
	c->gpr[31] = (uint64_t)-2;
	assert_int_equal(exec(f, MSR_BE64, D(47, 29, 3, 0)), PPC_OK);
	assert_memory_equal(f->ram + OUT, stmw_want, 20);

	/* stswx, count 5, r10/r11 at OUT + 3 */
	static const uint8_t stswx_want[12] = {0, 0, 0, 0x41, 0x42, 0x43, 0x44, 0x51};
	memset(f->ram + OUT, 0, 64);
	c->gpr[3] = OUT;
	c->gpr[4] = 3;
	c->gpr[10] = 0x41424344;
	c->gpr[11] = 0x51525354;
	cpu_set_xer(c, 5);
	assert_int_equal(exec(f, MSR_BE64, X(661, 10, 3, 4)), PPC_OK);
	assert_memory_equal(f->ram + OUT, stswx_want, 12);

	/* In little-endian mode all six raise the alignment interrupt (Book III 7.5.8). */
	const uint32_t le_faults[] = {D(46, 24, 3, 4), D(47, 29, 3, 0), X(597, 5, 3, 7),
				      X(533, 30, 3, 4), X(725, 5, 3, 6), X(661, 10, 3, 4)};
	for (size_t i = 0; i < sizeof(le_faults) / sizeof(le_faults[0]); i++) {
		c->gpr[3] = OUT;
		c->gpr[4] = 3;
		cpu_set_xer(c, 5);
		c->spr[SPR_DAR] = 0;
		assert_interrupt(f, exec(f, MSR_LE64, le_faults[i]), 0x600);
		assert_true(c->spr[SPR_DAR] == OUT || c->spr[SPR_DAR] == OUT + 3 ||
			    c->spr[SPR_DAR] == OUT + 4);
	}
	/* DSISR: the classic encoding; lmw 24,4(3) (primary opcode 0b101110): bit 17 =
	 * opcode bit 5 = 0, bits 18:21 = opcode bits 1:4 = 0b0111, RT = 24, RA = 3. */
	c->gpr[3] = OUT;
	assert_interrupt(f, exec(f, MSR_LE64, D(46, 24, 3, 4)), 0x600);
	assert_int_equal(c->spr[SPR_DAR], OUT + 4);
	assert_int_equal(c->spr[SPR_DSISR], (7u << 10) | (24u << 5) | 3u);
}

/* ---- invalid forms raise the illegal-instruction program interrupt ---- */
static void test_invalid_forms(void **state)
{
	struct fixture *f = *state;
	const uint32_t bad[] = {
		D(33, 3, 3, 8),       /* lwzu RA = RT */
		D(35, 3, 0, 8),       /* lbzu RA = 0 */
		D(37, 3, 0, 8),       /* stwu RA = 0 */
		X(55, 3, 3, 5),       /* lwzux RA = RT */
		X(183, 3, 0, 5),      /* stwux RA = 0 */
		DS(58, 4, 4, 8, 1),   /* ldu RA = RT */
		DS(62, 4, 0, 8, 1),   /* stdu RA = 0 */
		X(373, 4, 4, 5),      /* lwaux RA = RT */
		D(43, 0, 0, 2),       /* lhau RA = RT = 0 */
		D(46, 24, 28, 0),     /* lmw RA in range */
		D(46, 0, 0, 0),       /* lmw RT = RA = 0 */
		0xe0c40010 | (1u << 21), /* lq RTp odd */
		D(56, 4, 4, 16),      /* lq RTp = RA */
		D(56, 0, 0, 16),      /* lq RTp = RA = 0 */
		DS(62, 5, 4, 16, 2),  /* stq RSp odd */
		X(597, 5, 6, 7),      /* lswi: RA = r6 among r5, r6 */
		X(597, 31, 0, 8),     /* lswi: wraps to r0 with RA = 0 */
		0x7c64282f,           /* lwzx with Rc set */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f->cpu->gpr[3] = f->cpu->gpr[4] = f->cpu->gpr[28] = f->cpu->gpr[6] = DATA;
		f->cpu->gpr[5] = 0;
		int st = exec(f, MSR_BE64, bad[i]);
		if (st != PPC_EXC || f->cpu->nia != 0x700)
			fail_msg("%08x: not an illegal instruction", bad[i]);
		assert_true(f->cpu->spr[SPR_SRR1] & SRR1_PROG_ILL);
	}
	/* lswx invalid forms depend on XER: RB among the loaded registers */
	cpu_set_xer(f->cpu, 8);
	f->cpu->gpr[3] = DATA;
	f->cpu->gpr[6] = 0;
	assert_illegal(f, exec(f, MSR_BE64, X(533, 5, 3, 6)));
	/* ... but with a count that stops before RB it is valid */
	cpu_set_xer(f->cpu, 4);
	assert_int_equal(exec(f, MSR_BE64, X(533, 5, 3, 6)), PPC_OK);
}

/* ---- 32-bit mode: effective addresses wrap at 4 GiB (Book I 1.10.3) ---- */
static void test_32bit_wrap(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->cpu;
	/* the high-order 32 bits of RA are ignored */
	c->gpr[4] = 0xabcd000000000000ULL | DATA;
	assert_int_equal(exec(f, MSR_LE, D(32, 3, 4, 4)), PPC_OK);
	assert_int_equal(c->gpr[3], 0xb1aaa39c);
	/* RA + d carries past bit 32: EA = DATA, and the update form stores the 32-bit EA */
	c->gpr[4] = 0x1fffffff0ULL;
	assert_int_equal(exec(f, MSR_LE, D(33, 3, 4, 0x10 + DATA)), PPC_OK);
	assert_int_equal(c->gpr[3], 0x958e8780);
	assert_int_equal(c->gpr[4], DATA);
	/* X-form: 0xffffffff + DATA + 1 = DATA */
	c->gpr[4] = 0xffffffffULL;
	c->gpr[5] = DATA + 1;
	assert_int_equal(exec(f, MSR_LE, X(21, 3, 4, 5) /* ldx */), PPC_OK);
	assert_int_equal(c->gpr[3], 0xb1aaa39c958e8780ULL);
	assert_int_equal(exec(f, 0, X(21, 3, 4, 5)), PPC_OK);
	assert_int_equal(c->gpr[3], 0x80878e959ca3aab1ULL);
	/* the same in 64-bit mode reaches 0x1_0000_2000, a hole: an MMIO exit */
	assert_int_equal(exec(f, MSR_LE64, X(21, 3, 4, 5)), PPC_EXIT);
	assert_int_equal(f->vcpu->run.exit_reason, KVM_EXIT_MMIO);
	assert_int_equal(f->vcpu->run.mmio.phys_addr, 0x100002000ULL);
	mem_mmio_reset(c);

	/* an access that straddles 4 GiB continues at address 0 */
	f->high[4094] = 0x11;
	f->high[4095] = 0x22;
	f->ram[0] = 0x33;
	f->ram[1] = 0x44;
	c->gpr[4] = 0xfffffffeULL;
	assert_int_equal(exec(f, MSR_LE, D(32, 3, 4, 0)), PPC_OK);
	assert_int_equal(c->gpr[3], 0x44332211);
	assert_int_equal(exec(f, 0, D(32, 3, 4, 0)), PPC_OK);
	assert_int_equal(c->gpr[3], 0x11223344);
	/* a store at -4 lands in the last word below 4 GiB */
	c->gpr[4] = 0;
	c->gpr[3] = 0xa1a2a3a4;
	assert_int_equal(exec(f, MSR_LE, D(36, 3, 4, -4)), PPC_OK);
	assert_int_equal(ld_le(f->high + 4092, 4), 0xa1a2a3a4);
	/* lmw across the wrap (big-endian): r30 from 0xfffffffc, r31 from 0 */
	c->gpr[4] = 0xfffffffcULL;
	assert_int_equal(exec(f, 0, D(46, 30, 4, 0)), PPC_OK);
	assert_int_equal(c->gpr[30], ld_be(f->high + 4092, 4));
	assert_int_equal(c->gpr[31], 0x33440000);
}

/* ---- caching-inhibited hypervisor forms: real addresses whatever MSR[DR] ---- */
static void test_cix(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->cpu;
	uint64_t hv = MSR_SF | MSR_HV | MSR_DR; /* DR on: cix must still use real addresses */
	c->gpr[4] = DATA;
	c->gpr[5] = 6;
	assert_int_equal(exec(f, hv | MSR_LE, X(789, 3, 4, 5) /* lwzcix */), PPC_OK);
	assert_int_equal(c->gpr[3], 0xbfb8b1aa);
	assert_int_equal(exec(f, hv, X(789, 3, 4, 5)), PPC_OK);
	assert_int_equal(c->gpr[3], 0xaab1b8bf);
	assert_int_equal(exec(f, hv, X(853, 3, 4, 5) /* lbzcix */), PPC_OK);
	assert_int_equal(c->gpr[3], 0xaa);
	assert_int_equal(exec(f, hv | MSR_LE, X(821, 3, 4, 5) /* lhzcix */), PPC_OK);
	assert_int_equal(c->gpr[3], 0xb1aa);
	assert_int_equal(exec(f, hv | MSR_LE, X(885, 3, 4, 5) /* ldcix */), PPC_OK);
	assert_int_equal(c->gpr[3], 0xdbd4cdc6bfb8b1aaULL);
	c->gpr[4] = OUT;
	c->gpr[3] = 0x0102030405060708ULL;
	memset(f->ram + OUT, 0, 32);
	assert_int_equal(exec(f, hv, X(1013, 3, 4, 5) /* stdcix */), PPC_OK);
	assert_int_equal(ld_be(f->ram + OUT + 6, 8), 0x0102030405060708ULL);
	assert_int_equal(exec(f, hv | MSR_LE, X(917, 3, 4, 5) /* stwcix */), PPC_OK);
	assert_int_equal(ld_le(f->ram + OUT + 6, 4), 0x05060708);
	assert_int_equal(exec(f, hv, X(949, 3, 4, 5) /* sthcix */), PPC_OK);
	assert_int_equal(ld_be(f->ram + OUT + 6, 2), 0x0708);
	assert_int_equal(exec(f, hv, X(981, 3, 4, 5) /* stbcix */), PPC_OK);
	assert_int_equal(f->ram[OUT + 6], 8);
	/* a hole: KVM_EXIT_MMIO at the real address, whatever the translation */
	c->gpr[4] = 0x40000000;
	c->gpr[5] = 8;
	assert_int_equal(exec(f, hv, X(885, 3, 4, 5) /* ldcix */), PPC_EXIT);
	assert_int_equal(f->vcpu->run.exit_reason, KVM_EXIT_MMIO);
	assert_int_equal(f->vcpu->run.mmio.phys_addr, 0x40000008);
	assert_int_equal(f->vcpu->run.mmio.len, 8);
	assert_int_equal(f->vcpu->run.mmio.is_write, 0);
	mem_mmio_reset(c);
	/* outside hypervisor state: hypervisor emulation assistance (0xe40) */
	c->spr[314] = 0;
	assert_int_equal(exec(f, MSR_SF, X(789, 3, 4, 5)), PPC_EXC);
	assert_int_equal(c->nia, 0xe40);
}

/* ---- cache management and barriers ---- */
static void test_cache_barriers(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->cpu;
	/* dcbz zeroes exactly the 128-byte block containing EA */
	memset(f->ram + 0x4000 - 16, 0xee, 128 + 32);
	c->gpr[4] = 0x4000;
	c->gpr[5] = 0x45;
	assert_int_equal(exec(f, MSR_LE64, X(1014, 0, 4, 5)), PPC_OK);
	for (unsigned i = 0; i < 128; i++)
		assert_int_equal(f->ram[0x4000 + i], 0);
	assert_int_equal(f->ram[0x4000 - 1], 0xee);
	assert_int_equal(f->ram[0x4000 + 128], 0xee);
	/* dcbz with RA = 0 and 32-bit wrap */
	memset(f->ram + 0x4000, 0xee, 128);
	c->gpr[5] = 0x100004010ULL;
	assert_int_equal(exec(f, MSR_LE, X(1014, 0, 0, 5)), PPC_OK);
	assert_int_equal(f->ram[0x4000], 0);
	assert_int_equal(f->ram[0x407f], 0);
	/* hints, flushes and barriers complete without touching memory or registers */
	const uint32_t nops[] = {
		0x7c03222c, /* dcbt 3,4,0 */
		0x7e03222c, /* dcbt 3,4,16 */
		0x7c0321ec, /* dcbtst */
		0x7c0320ac, /* dcbf 0 */
		0x7c6320ac, /* dcbf 3 */
		0x7c03206c, /* dcbst */
		0x7c0327ac, /* icbi */
		0x7c03202c, /* icbt */
		0x7e00066c, /* dssall */
		0x7c20066c, /* dss 1 */
		0x7c0004ac, /* sync */
		0x7c2004ac, /* lwsync */
		0x7c4004ac, /* ptesync */
		0x7c0006ac, /* eieio */
		0x7e0006ac, /* eieio, STF-barrier form */
		0x4c00012c, /* isync */
		0x7c40003c, /* wait WC=2 (pause_short): a hint; WC=0 sleeps (test_excp) */
		0x7c00068c, /* cpabort */
	};
	c->gpr[3] = DATA;
	c->gpr[4] = 8;
	uint8_t before[64];
	memcpy(before, f->ram + DATA, 64);
	for (size_t i = 0; i < sizeof(nops) / sizeof(nops[0]); i++) {
		uint32_t cr = c->cr = 0x12345678;
		if (exec(f, MSR_LE64, nops[i]) != PPC_OK || c->nia != CIA + 4)
			fail_msg("%08x did not complete", nops[i]);
		assert_int_equal(c->cr, cr);
	}
	assert_memory_equal(before, f->ram + DATA, 64);
	/* dcbt on an address in a hole never faults or exits */
	c->gpr[3] = 0x80000000ULL;
	assert_int_equal(exec(f, MSR_LE64, 0x7c03222c), PPC_OK);
	/* paste. never succeeds (no accelerator): CR0 = 0b000 || SO */
	c->gpr[3] = 0x4000;
	c->gpr[4] = 0;
	c->so = 1;
	assert_int_equal(exec(f, MSR_LE64, 0x7c23270d), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 1);
	c->so = 0;
	/* copy of an unaligned block: alignment interrupt */
	c->gpr[4] = 8;
	assert_interrupt(f, exec(f, MSR_LE64, 0x7c23260c), 0x600);
	assert_int_equal(c->spr[SPR_DAR], 0x4008);
}

/* ---- MMIO: every access goes out through KVM_EXIT_MMIO and the instruction completes
 *      when the VMM has answered (mmu/mem.h replay) ---- */
#define MMIO_BASE 0x10000000ULL

static void load_words(uint8_t *ram, uint64_t addr, const uint32_t *w, size_t n, int le)
{
	for (size_t i = 0; i < n; i++)
		(le ? st_le : st_be)(ram + addr + 4 * i, 4, w[i]);
}

static void set_regs(struct fixture *f, uint64_t pc, uint64_t msr)
{
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	regs.pc = pc;
	regs.msr = msr;
	regs.gpr[4] = MMIO_BASE;
	regs.gpr[7] = 0x10;
	assert_int_equal(kvmppc_set_regs(f->vcpu, &regs), 0);
}

/* Run until the next exit; it must be an MMIO exit at @addr/@len/@write. */
static struct kvm_run *expect_mmio(struct fixture *f, uint64_t addr, unsigned len, int write)
{
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	if (run->exit_reason != KVM_EXIT_MMIO)
		fail_msg("exit %u, want MMIO at %llx", run->exit_reason, (unsigned long long)addr);
	assert_int_equal(run->mmio.phys_addr, addr);
	assert_int_equal(run->mmio.len, len);
	assert_int_equal(run->mmio.is_write, write);
	return run;
}

static void run_mmio_program(struct fixture *f, int le)
{
	static const uint32_t code[] = {
		0x84640008, /* lwzu    r3,8(r4)   EA = B+8, r4 = B+8 */
		0x7ca43c2c, /* lwbrx   r5,r4,r7   EA = B+0x18 */
		0x7c64396e, /* stwux   r3,r4,r7   EA = B+0x18, r4 = B+0x18 */
		0xad440002, /* lhau    r10,2(r4)  EA = B+0x1a, r4 = B+0x1a */
		0x3884fff6, /* addi    r4,r4,-10  r4 = B+0x10 */
		0xe1840000, /* lq      r12,0(r4)  two doubleword exits */
		0x7d802528, /* stdbrx  r12,0,r4 */
		0x7d04386a, /* ldux    r8,r4,r7   EA = B+0x20, r4 = B+0x20 */
		0x39230000, /* addi    r9,r3,0 */
		0x38601234, /* li      r3,0x1234 */
		0x44000022, /* sc      1 */
		0x7c0027ec, /* dcbz    0,r4       16 doubleword stores at B..B+0x7f */
		0x38601235, /* li      r3,0x1235 */
		0x44000022, /* sc      1 */
	};
	const uint64_t B = MMIO_BASE;
	struct kvm_regs regs;
	struct kvm_run *run;
	load_words(f->ram, 0x1000, code, sizeof(code) / sizeof(code[0]), le);
	set_regs(f, 0x1000, MSR_SF | (le ? MSR_LE : 0));

	/* lwzu: nothing is written before the VMM answers */
	run = expect_mmio(f, B + 8, 4, 0);
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	assert_int_equal(regs.gpr[4], B);
	assert_int_equal(regs.pc, 0x1000);
	memcpy(run->mmio.data, "\x11\x22\x33\x44", 4);
	/* lwbrx */
	run = expect_mmio(f, B + 0x18, 4, 0);
	memcpy(run->mmio.data, "\x55\x66\x77\x88", 4);
	/* stwux: the bytes of r3 in storage order */
	run = expect_mmio(f, B + 0x18, 4, 1);
	assert_memory_equal(run->mmio.data, "\x11\x22\x33\x44", 4);
	/* lhau */
	run = expect_mmio(f, B + 0x1a, 2, 0);
	memcpy(run->mmio.data, "\xfe\xff", 2);
	/* lq: two exits; registers untouched in between */
	run = expect_mmio(f, B + 0x10, 8, 0);
	memcpy(run->mmio.data, "\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7", 8);
	run = expect_mmio(f, B + 0x18, 8, 0);
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	assert_int_equal(regs.pc, 0x1000 + 5 * 4);
	assert_int_equal(regs.gpr[12], 0);
	memcpy(run->mmio.data, "\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7", 8);
	/* stdbrx r12 */
	run = expect_mmio(f, B + 0x10, 8, 1);
	if (le)
		assert_memory_equal(run->mmio.data, "\xb7\xb6\xb5\xb4\xb3\xb2\xb1\xb0", 8);
	else
		assert_memory_equal(run->mmio.data, "\xa7\xa6\xa5\xa4\xa3\xa2\xa1\xa0", 8);
	/* ldux */
	run = expect_mmio(f, B + 0x20, 8, 0);
	memcpy(run->mmio.data, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);

	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x1234);
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	assert_int_equal(regs.gpr[9], le ? 0x44332211 : 0x11223344);
	assert_int_equal(regs.gpr[5], le ? 0x55667788 : 0x88776655);
	assert_int_equal(regs.gpr[10], le ? 0xfffffffffffffffeULL : 0xfffffffffffffeffULL);
	assert_int_equal(regs.gpr[12], le ? 0xb7b6b5b4b3b2b1b0ULL : 0xa0a1a2a3a4a5a6a7ULL);
	assert_int_equal(regs.gpr[13], le ? 0xa7a6a5a4a3a2a1a0ULL : 0xb0b1b2b3b4b5b6b7ULL);
	assert_int_equal(regs.gpr[8], le ? 0x0807060504030201ULL : 0x0102030405060708ULL);
	assert_int_equal(regs.gpr[4], B + 0x20);

	/* dcbz of an MMIO block: sixteen zero doubleword stores, then the hcall */
	for (unsigned i = 0; i < 16; i++) {
		run = expect_mmio(f, B + 8 * i, 8, 1);
		assert_memory_equal(run->mmio.data, "\0\0\0\0\0\0\0\0", 8);
	}
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x1235);
}

static void test_mmio_le(void **state) { run_mmio_program(*state, 1); }
static void test_mmio_be(void **state) { run_mmio_program(*state, 0); }

/* ---- self-modifying code: store, dcbst, sync, icbi, isync, then the new instruction
 *      runs, even though the old one was predecoded by an earlier pass ---- */
static void test_icbi_self_modifying(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0x80c01100, /* lwz   r6,0x1100(0)   the new instruction word */
		0x90c01018, /* stw   r6,0x1018(0)   written over the li below */
		0x7c00006c, /* dcbst 0,r0 */
		0x7c0004ac, /* sync */
		0x7c0007ac, /* icbi  0,r0 */
		0x4c00012c, /* isync */
		0x38a01111, /* li    r5,0x1111      (replaced) */
		0x38601234, /* li    r3,0x1234 */
		0x44000022, /* sc    1 */
	};
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	struct kvm_regs regs;
	load_words(f->ram, 0x1000, code, sizeof(code) / sizeof(code[0]), 1);
	st_le(f->ram + 0x1100, 4, 0x38a01111); /* pass 1 stores the same word */
	for (int pass = 0; pass < 2; pass++) {
		set_regs(f, 0x1000, MSR_SF | MSR_LE);
		assert_int_equal(kvmppc_run(f->vcpu), 0);
		assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
		assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
		assert_int_equal(regs.gpr[5], pass ? 0x2222 : 0x1111);
		st_le(f->ram + 0x1100, 4, 0x38a02222); /* li r5,0x2222 for pass 2 */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test_setup_teardown(test_loads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multiple_string, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_32bit_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_barriers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmio_le, setup_papr, teardown),
		cmocka_unit_test_setup_teardown(test_mmio_be, setup_papr, teardown),
		cmocka_unit_test_setup_teardown(test_icbi_self_modifying, setup_papr, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
