/* SPDX-License-Identifier: MIT */
/*
 * Transactional memory (Power ISA 2.07B Book II 5, Book III): commit, abort and rollback of
 * registers and memory, nesting, suspend/resume, interrupts in a transaction, treclaim./
 * trechkpt., the facility checks, conflicts (a store from outside, another vcpu's commit),
 * footprint overflow, MMIO, illegal MSR[TS] transitions, the POWER9 model (no transactions),
 * and two vcpus on two host threads updating two lines transactionally.
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
#include "cpu/tm.h"
#include "lib/kvm_internal.h"
#include "mmu/mem.h"
#include "spr/spr.h"
#include "smp_fixture.h"
#include "vm_fixture.h"

#define RAM_SIZE (1024 * 1024)
#define PC 0x1000u
#define VAR 0x2000u
#define VAR2 0x3000u
#define MSR_K (MSR_SF | MSR_ME | MSR_TM) /* kernel, real mode, big-endian, TM on */

#define X(xo, rt, ra, rb)                                                                 \
	(31u << 26 | (uint32_t)(rt) << 21 | (uint32_t)(ra) << 16 | (uint32_t)(rb) << 11 |   \
	 (uint32_t)(xo) << 1)
#define TBEGIN(r) (X(654, 0, 0, 0) | 1u | (uint32_t)(r) << 21)
#define TEND(a) (X(686, 0, 0, 0) | 1u | (uint32_t)(a) << 25)
#define TABORT(ra) (X(910, 0, ra, 0) | 1u)
#define TABORTWCI(to, ra, si) (X(846, to, ra, (si) & 31) | 1u)
#define TABORTDC(to, ra, rb) (X(814, to, ra, rb) | 1u)
#define TSR(l) (X(750, 0, 0, 0) | 1u | (uint32_t)(l) << 21)
#define TCHECK(bf) (X(718, 0, 0, 0) | (uint32_t)(bf) << 23)
#define TRECLAIM(ra) (X(942, 0, ra, 0) | 1u)
#define TRECHKPT (X(1006, 0, 0, 0) | 1u)
#define STD(rs, ra, d) (62u << 26 | (uint32_t)(rs) << 21 | (uint32_t)(ra) << 16 | ((d) & 0xfffc))
#define LD(rt, ra, d) (58u << 26 | (uint32_t)(rt) << 21 | (uint32_t)(ra) << 16 | ((d) & 0xfffc))
#define LI(rt, v) (14u << 26 | (uint32_t)(rt) << 21 | ((v) & 0xffff))
#define LDARX(rt, ra, rb) X(84, rt, ra, rb)
#define STDCX(rs, ra, rb) (X(214, rs, ra, rb) | 1u)
#define SC0 0x44000002u
#define RFID 0x4c000024u
#define MTMSRD(rs) X(178, rs, 0, 0)
#define MTSPR(spr, rs) (X(467, rs, 0, 0) | (((spr) & 31) << 16) | (((spr) >> 5) << 11))
#define MFSPR(rt, spr) (X(339, rt, 0, 0) | (((spr) & 31) << 16) | (((spr) >> 5) << 11))

struct fixture {
	struct kvm *vm;
	struct kvm_vcpu *vcpu[2];
	struct ppc_cpu *c, *c1;
	uint8_t *ram;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->vm = test_vm_create(RAM_SIZE, &f->ram);
	for (unsigned i = 0; i < 2; i++) {
		f->vcpu[i] = test_vcpu_create(f->vm, i, true);
		assert_int_equal(cpu_set_model(&f->vcpu[i]->cpu, PVR_POWER8), 0);
		cpu_set_msr(&f->vcpu[i]->cpu, MSR_K);
		f->vcpu[i]->cpu.nia = PC;
	}
	f->c = &f->vcpu[0]->cpu;
	f->c1 = &f->vcpu[1]->cpu;
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

/* Execute @insn at the CPU's nia (the next instruction of the "program"). */
static int run(struct ppc_cpu *c, uint32_t insn)
{
	c->cia = c->nia;
	return cpu_execute_one(c, insn);
}

static uint64_t mem64(struct fixture *f, uint64_t a)
{
	return ld_be(f->ram + a, 8);
}

static uint64_t texasr(struct ppc_cpu *c)
{
	return c->spr[SPR_TEXASR];
}

/* tbegin. at PC; returns with the transaction running (CR0 = 0b0000). */
static void begin(struct ppc_cpu *c)
{
	c->nia = PC;
	assert_int_equal(run(c, TBEGIN(0)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 0);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_T);
	assert_int_equal(c->spr[SPR_TFHAR], PC + 4);
}

/* A transaction's stores stay private until tend. commits them; its loads see them. */
static void test_commit(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->gpr[4] = VAR;
	c->gpr[6] = 0x1122334455667788ULL;
	f->ram[VAR + 16] = 0xaa;
	begin(c);
	assert_int_equal(texasr(c) & TEXASR_TL, 1);
	assert_int_equal(run(c, STD(6, 4, 8)), PPC_OK);
	assert_int_equal(mem64(f, VAR + 8), 0); /* not visible yet */
	assert_int_equal(run(c, LD(7, 4, 8)), PPC_OK);
	assert_int_equal(c->gpr[7], 0x1122334455667788ULL);
	/* a partial overlap: bytes of the store and of memory combine */
	assert_int_equal(run(c, LD(8, 4, 12)), PPC_OK);
	assert_int_equal(c->gpr[8], 0x55667788aa000000ULL);
	assert_int_equal(run(c, TEND(0)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 4); /* 0b0 || T || 0 */
	assert_int_equal(c->msr & MSR_TS, 0);
	assert_int_equal(mem64(f, VAR + 8), 0x1122334455667788ULL);
	assert_false(c->tmx.live);
	/* the data fast path is back: a plain store lands at once */
	assert_int_equal(run(c, STD(6, 4, 0x40)), PPC_OK);
	assert_int_equal(mem64(f, VAR + 0x40), 0x1122334455667788ULL);
	/* tend. outside a transaction: CR0 = 0, nothing else */
	assert_int_equal(run(c, TEND(0)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 0);
}

/* tabort. rolls back registers and memory, records the code, resumes at TFHAR. */
static void test_abort(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->gpr[3] = 5;
	c->gpr[4] = VAR;
	c->gpr[9] = 0x1ab; /* code = low byte 0xab */
	c->lr = 0x777;
	c->cr = 0x12345678;
	c->vsr[1].dw[0] = 0x4000000000000000ULL;
	c->spr[SPR_TAR] = 0x880;
	begin(c);
	assert_int_equal(c->tm.gpr[3], 5);
	assert_int_equal(c->tm.cr, 0x12345678);
	assert_int_equal(run(c, LI(3, 99)), PPC_OK);
	assert_int_equal(run(c, STD(3, 4, 0)), PPC_OK);
	c->lr = 1;
	c->vsr[1].dw[0] = 0;
	c->spr[SPR_TAR] = 0;
	uint64_t at = c->nia;
	assert_int_equal(run(c, TABORT(9)), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_int_equal(cpu_get_crf(c, 0), 0xa);
	assert_int_equal(c->cr & 0x0fffffff, 0x02345678);
	assert_int_equal(c->gpr[3], 5);
	assert_int_equal(c->lr, 0x777);
	assert_int_equal(c->vsr[1].dw[0], 0x4000000000000000ULL);
	assert_int_equal(c->spr[SPR_TAR], 0x880);
	assert_int_equal(mem64(f, VAR), 0);
	assert_int_equal(c->msr & MSR_TS, 0);
	uint64_t t = texasr(c);
	assert_int_equal(t >> TEXASR_FC_SHIFT, 0xab);
	assert_true(t & TEXASR_ABT);
	assert_true(t & TEXASR_FS);
	assert_true(t & TEXASR_EXACT);
	assert_false(t & TEXASR_SUSP);
	assert_false(t & (TEXASR_PR | TEXASR_HV));
	assert_int_equal(t & TEXASR_TL, 1);
	assert_int_equal(c->spr[SPR_TFIAR], at);
	/* tabort. outside a transaction: a no-op with CR0 = 0 */
	assert_int_equal(run(c, TABORT(9)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 0);
}

/* The conditional aborts: only a true condition aborts. */
static void test_conditional_abort(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->gpr[4] = 3;
	c->gpr[5] = (uint64_t)-1;
	c->gpr[9] = 0x12345678fffffffeULL; /* low word -2 */
	begin(c);
	assert_int_equal(run(c, TABORTWCI(4, 4, 2)), PPC_OK); /* 3 == 2? no */
	assert_int_equal(cpu_get_crf(c, 0), 4);
	assert_int_equal(run(c, TABORTDC(2, 5, 4)), PPC_OK); /* -1 <u 3? no */
	assert_int_equal(c->msr & MSR_TS, MSR_TS_T);
	assert_int_equal(run(c, TABORTDC(16, 5, 4)), PPC_EXC); /* -1 < 3 */
	assert_true(texasr(c) & TEXASR_ABT);
	assert_int_equal(texasr(c) >> TEXASR_FC_SHIFT, 0);
	begin(c);
	assert_int_equal(run(c, TABORTWCI(4, 9, -3)), PPC_OK); /* -2 == -3? no */
	assert_int_equal(run(c, TABORTWCI(4, 9, -2)), PPC_EXC); /* low words equal */
	assert_int_equal(c->nia, PC + 4);
}

/* Nested tbegin.: TL counts; the inner tend. commits nothing; tendall. commits all. */
static void test_nested(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->gpr[4] = VAR;
	c->gpr[6] = 42;
	begin(c);
	assert_int_equal(run(c, TBEGIN(0)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 4); /* nested: 0b0 || T || 0 */
	assert_int_equal(texasr(c) & TEXASR_TL, 2);
	assert_int_equal(c->spr[SPR_TFHAR], PC + 4); /* the outermost's */
	assert_int_equal(run(c, STD(6, 4, 0)), PPC_OK);
	assert_int_equal(run(c, TEND(0)), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_T);
	assert_int_equal(texasr(c) & TEXASR_TL, 1);
	assert_int_equal(mem64(f, VAR), 0);
	assert_int_equal(run(c, TEND(0)), PPC_OK);
	assert_int_equal(mem64(f, VAR), 42);
	/* tendall. */
	c->gpr[6] = 43;
	begin(c);
	assert_int_equal(run(c, TBEGIN(0)), PPC_OK);
	assert_int_equal(run(c, TBEGIN(0)), PPC_OK);
	assert_int_equal(run(c, STD(6, 4, 0)), PPC_OK);
	assert_int_equal(run(c, TEND(1)), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, 0);
	assert_int_equal(mem64(f, VAR), 43);
	/* an abort in a nested transaction rolls back to the outermost checkpoint */
	c->gpr[6] = 44;
	begin(c);
	assert_int_equal(run(c, STD(6, 4, 0)), PPC_OK);
	assert_int_equal(run(c, TBEGIN(0)), PPC_OK);
	assert_int_equal(run(c, TABORT(0)), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_int_equal(mem64(f, VAR), 43);
	assert_int_equal(texasr(c) & TEXASR_TL, 2); /* the level at failure */
	assert_int_equal(texasr(c) >> TEXASR_FC_SHIFT, 0);
}

/* Nesting overflow (persistent) past the implementation's depth; a rollback-only
 * transaction (tbegin. 1) buffers its stores but does not validate its loads. */
static void test_nest_overflow_rot(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	begin(c);
	int st = PPC_OK;
	unsigned n = 1;
	while (st == PPC_OK && n < 100) {
		st = run(c, TBEGIN(0));
		n++;
	}
	assert_int_equal(st, PPC_EXC);
	assert_true(n > 8);
	assert_true(texasr(c) & TEXASR_NO);
	assert_true(texasr(c) & TEXASR_FP);
	assert_int_equal(texasr(c) & TEXASR_TL, n - 1); /* the level reached */

	c->gpr[4] = VAR;
	c->gpr[5] = VAR2;
	c->gpr[6] = 0x77;
	c->nia = PC;
	assert_int_equal(run(c, TBEGIN(1)), PPC_OK);
	assert_true(texasr(c) & TEXASR_ROT);
	assert_int_equal(run(c, LD(7, 4, 0)), PPC_OK);
	assert_int_equal(run(c, STD(6, 5, 0)), PPC_OK);
	assert_int_equal(mem64(f, VAR2), 0);
	st_be(f->ram + VAR, 8, 9); /* not a conflict for a ROT */
	assert_int_equal(run(c, TEND(0)), PPC_OK);
	assert_int_equal(mem64(f, VAR2), 0x77);
	/* a ROT still rolls back its stores */
	c->nia = PC;
	assert_int_equal(run(c, TBEGIN(1)), PPC_OK);
	c->gpr[6] = 0x78;
	assert_int_equal(run(c, STD(6, 5, 0)), PPC_OK);
	assert_int_equal(run(c, TABORT(0)), PPC_EXC);
	assert_int_equal(mem64(f, VAR2), 0x77);
}

/* tsuspend.: stores are non-transactional and stay after an abort; tresume. continues. */
static void test_suspend_resume(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->gpr[4] = VAR;
	c->gpr[5] = VAR2;
	c->gpr[6] = 0x66;
	begin(c);
	assert_int_equal(run(c, STD(6, 4, 0)), PPC_OK);
	assert_int_equal(run(c, TSR(0)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 4);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	assert_int_equal(run(c, STD(6, 5, 0)), PPC_OK);
	assert_int_equal(mem64(f, VAR2), 0x66); /* visible at once */
	assert_int_equal(run(c, TCHECK(3)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 3), 2); /* not doomed, S */
	assert_int_equal(run(c, TSR(1)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 2);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_T);
	assert_int_equal(run(c, TCHECK(3)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 3), 4);
	assert_int_equal(run(c, TABORT(0)), PPC_EXC);
	assert_int_equal(mem64(f, VAR), 0);     /* rolled back */
	assert_int_equal(mem64(f, VAR2), 0x66); /* stays */

	/* tabort. while suspended: recorded (Suspended bit), handled at tresume. */
	begin(c);
	assert_int_equal(run(c, STD(6, 4, 0)), PPC_OK);
	assert_int_equal(run(c, TSR(0)), PPC_OK);
	c->gpr[9] = 0x31;
	assert_int_equal(run(c, TABORT(9)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 2);
	assert_true(texasr(c) & TEXASR_SUSP);
	assert_int_equal(run(c, TCHECK(0)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 0xa); /* doomed, S */
	assert_int_equal(run(c, TSR(1)), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_int_equal(texasr(c) >> TEXASR_FC_SHIFT, 0x31);
	assert_int_equal(mem64(f, VAR), 0);

	/* a suspended store to a line the transaction wrote: self-induced conflict */
	begin(c);
	assert_int_equal(run(c, STD(6, 4, 0)), PPC_OK);
	assert_int_equal(run(c, TSR(0)), PPC_OK);
	c->gpr[7] = 0x77;
	assert_int_equal(run(c, STD(7, 4, 64)), PPC_OK);
	assert_int_equal(mem64(f, VAR + 64), 0x77); /* performed, non-transactionally */
	assert_true(texasr(c) & TEXASR_SIC);
	assert_int_equal(run(c, TSR(1)), PPC_EXC);
	assert_int_equal(mem64(f, VAR), 0);
}

/* An interrupt in a transaction: taken in Suspended state with SRR1[TS] = T, MSR[TM] = 0;
 * the transaction is doomed and fails when resumed; a tabort. in the handler records the
 * handler's code (as Linux's system call path does). */
static void test_interrupt(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->gpr[3] = 1;
	c->gpr[4] = VAR;
	c->gpr[6] = 0x99;
	begin(c);
	assert_int_equal(run(c, STD(6, 4, 0)), PPC_OK);
	assert_int_equal(run(c, LI(3, 2)), PPC_OK);
	uint64_t sc_at = c->nia;
	assert_int_equal(run(c, SC0), PPC_EXC);
	assert_int_equal(c->nia, 0xc00);
	assert_int_equal(c->spr[SPR_SRR1] & MSR_TS, MSR_TS_T);
	assert_true(c->spr[SPR_SRR1] & MSR_TM);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	assert_false(c->msr & MSR_TM);
	assert_false(c->tmx.live);
	assert_false(texasr(c) & TEXASR_FS); /* not recorded yet */
	/* the handler returns straight away: the transaction fails at once */
	assert_int_equal(run(c, RFID), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_int_equal(cpu_get_crf(c, 0), 0xa);
	assert_int_equal(c->gpr[3], 1);
	assert_int_equal(mem64(f, VAR), 0);
	assert_int_equal(c->msr & MSR_TS, 0);
	assert_true(texasr(c) & TEXASR_FS);
	assert_true(texasr(c) & TEXASR_IMPL);
	assert_false(texasr(c) & TEXASR_EXACT);
	assert_int_equal(c->spr[SPR_TFIAR], sc_at);

	/* the handler enables TM and aborts with its own code before returning */
	begin(c);
	assert_int_equal(run(c, SC0), PPC_EXC);
	c->gpr[10] = c->msr | MSR_TM;
	assert_int_equal(run(c, MTMSRD(10)), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	c->gpr[11] = 0xa7; /* a "syscall | persistent" code */
	assert_int_equal(run(c, TABORT(11)), PPC_OK);
	assert_true(texasr(c) & TEXASR_SUSP);
	assert_int_equal(run(c, RFID), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_int_equal(texasr(c) >> TEXASR_FC_SHIFT, 0xa7);
	assert_true(texasr(c) & TEXASR_FP);

	/* the decrementer */
	begin(c);
	cpu_set_msr(c, c->msr | MSR_EE);
	atomic_store(&c->pending, PENDING_DEC);
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	atomic_store(&c->pending, 0);
	assert_int_equal(c->nia, 0x900);
	assert_int_equal(c->spr[SPR_SRR1] & MSR_TS, MSR_TS_T);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	/* an interrupt in Suspended state leaves TS alone */
	assert_int_equal(run(c, SC0), PPC_EXC);
	assert_int_equal(c->spr[SPR_SRR1] & MSR_TS, MSR_TS_S);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);

	/* rfid from S to N with TM = 0 on both sides keeps S (Book III rfid) */
	c->spr[SPR_SRR0] = 0x4000;
	c->spr[SPR_SRR1] = MSR_SF | MSR_ME;
	assert_int_equal(run(c, RFID), PPC_OK);
	assert_int_equal(c->nia, 0x4000);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	/* with TM = 1 it is a TM Bad Thing */
	c->spr[SPR_SRR1] = MSR_SF | MSR_ME | MSR_TM;
	cpu_set_msr(c, c->msr | MSR_TM);
	assert_int_equal(run(c, RFID), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_PROG_TM, SRR1_PROG_TM);
}

/* treclaim. / trechkpt. round trip (what a kernel does around a context switch). */
static void test_reclaim_recheckpoint(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->gpr[3] = 5;
	c->gpr[4] = VAR;
	c->ctr = 0x55;
	begin(c);
	assert_int_equal(run(c, LI(3, 7)), PPC_OK);
	assert_int_equal(run(c, STD(3, 4, 0)), PPC_OK);
	assert_int_equal(run(c, TSR(0)), PPC_OK);
	c->gpr[9] = 0x42;
	assert_int_equal(run(c, TRECLAIM(9)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 2); /* from S */
	assert_int_equal(c->msr & MSR_TS, 0);
	assert_int_equal(c->gpr[3], 5); /* checkpointed values are live now */
	assert_int_equal(c->ctr, 0x55);
	assert_int_equal(texasr(c) >> TEXASR_FC_SHIFT, 0x42);
	assert_true(texasr(c) & TEXASR_FS);
	assert_true(texasr(c) & TEXASR_SUSP);
	assert_int_equal(mem64(f, VAR), 0);
	/* treclaim. again (N): TM Bad Thing */
	uint64_t at = c->nia;
	assert_int_equal(run(c, TRECLAIM(0)), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR0], at);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_PROG_TM, SRR1_PROG_TM);
	/* the kernel changes the state and recheckpoints it */
	cpu_set_msr(c, MSR_K);
	c->nia = 0x5000;
	c->gpr[3] = 9;
	c->ctr = 0x66;
	assert_int_equal(run(c, TRECHKPT), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	assert_int_equal(c->tm.gpr[3], 9);
	assert_int_equal(c->tm.ctr, 0x66);
	/* trechkpt. in S: TM Bad Thing */
	assert_int_equal(run(c, TRECHKPT), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	/* back to the program in T: the recorded failure is handled */
	c->gpr[3] = 1234;
	c->spr[SPR_SRR0] = 0x6000;
	c->spr[SPR_SRR1] = MSR_K | MSR_TS_T;
	assert_int_equal(run(c, RFID), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_int_equal(c->gpr[3], 9);
	assert_int_equal(c->ctr, 0x66);
	assert_int_equal(cpu_get_crf(c, 0), 0xa);
	assert_int_equal(c->msr & MSR_TS, 0);
	/* trechkpt. needs a recorded failure */
	c->spr[SPR_TEXASR] = 0;
	assert_int_equal(run(c, TRECHKPT), PPC_EXC);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_PROG_TM, SRR1_PROG_TM);
}

/* A problem-state transaction interrupted by the decrementer, with the kernel's path of
 * a context switch: enable TM, treclaim. with its cause (the checkpoint becomes live),
 * save it, run something else, restore it, trechkpt., rfid back to the program in T:
 * the program continues at its failure handler with the checkpointed registers and the
 * kernel's cause. */
static void test_context_switch(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	const uint64_t user = MSR_SF | MSR_ME | MSR_TM | MSR_PR | MSR_EE;
	c->spr[SPR_FSCR] = FSCR_BIT(FAC_IC_TM);
	c->gpr[4] = VAR;
	c->gpr[20] = 0x2020;
	cpu_set_msr(c, user);
	begin(c);
	assert_int_equal(run(c, LI(20, 1)), PPC_OK);
	assert_int_equal(run(c, STD(20, 4, 0)), PPC_OK);
	uint64_t at = c->nia;
	atomic_store(&c->pending, PENDING_DEC);
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	atomic_store(&c->pending, 0);
	assert_int_equal(c->nia, 0x900);
	assert_int_equal(c->spr[SPR_SRR0], at);
	uint64_t srr0 = c->spr[SPR_SRR0], srr1 = c->spr[SPR_SRR1];
	assert_int_equal(srr1 & (MSR_TS | MSR_PR), MSR_TS_T | MSR_PR);
	/* kernel: MSR[TM] on, treclaim. 0xde */
	c->gpr[10] = c->msr | MSR_TM;
	assert_int_equal(run(c, MTMSRD(10)), PPC_OK);
	c->gpr[11] = 0xde;
	assert_int_equal(run(c, TRECLAIM(11)), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, 0);
	assert_int_equal(c->gpr[20], 0x2020); /* the checkpointed value, now live */
	uint64_t tex = texasr(c);
	assert_int_equal(tex >> TEXASR_FC_SHIFT, 0xde);
	assert_true(tex & TEXASR_PR);  /* failed in problem state */
	assert_false(tex & TEXASR_EXACT);
	assert_true(tex & TEXASR_ABT);
	assert_int_equal(c->spr[SPR_TFIAR], at | 1); /* bit 63: problem state */
	uint64_t saved20 = c->gpr[20];
	/* another thread runs, clobbering everything */
	c->gpr[20] = 0xbad;
	c->spr[SPR_TEXASR] = 0;
	/* switch back: restore, trechkpt., return to the program */
	c->spr[SPR_TEXASR] = tex;
	c->gpr[20] = saved20;
	assert_int_equal(run(c, TRECHKPT), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	c->gpr[20] = 0x5555; /* live value while suspended: lost on failure */
	c->spr[SPR_SRR0] = srr0;
	c->spr[SPR_SRR1] = srr1;
	assert_int_equal(run(c, RFID), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_int_equal(c->msr & (MSR_TS | MSR_PR), MSR_PR);
	assert_int_equal(c->gpr[20], 0x2020);
	assert_int_equal(cpu_get_crf(c, 0), 0xa);
	assert_int_equal(texasr(c) >> TEXASR_FC_SHIFT, 0xde);
	assert_int_equal(mem64(f, VAR), 0);
}

/* MSR[TM] = 0: TM facility unavailable (0xf60, FSCR[IC] = 5), instructions and SPRs; in
 * problem state FSCR[TM] guards them too. Privileged treclaim. in problem state. */
static void test_facility(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	static const uint32_t insns[] = {TBEGIN(0), TEND(0), TABORT(0), TSR(0), TCHECK(0),
					 TRECLAIM(0), TRECHKPT, MFSPR(3, 130)};
	for (size_t i = 0; i < sizeof(insns) / sizeof(insns[0]); i++) {
		cpu_set_msr(c, MSR_SF | MSR_ME);
		c->nia = PC;
		assert_int_equal(run(c, insns[i]), PPC_EXC);
		assert_int_equal(c->nia, 0xf60);
		assert_int_equal(c->spr[SPR_FSCR] >> 56, FAC_IC_TM);
	}
	cpu_set_msr(c, MSR_SF | MSR_ME | MSR_TM | MSR_PR);
	c->spr[SPR_FSCR] = 0;
	c->nia = PC;
	assert_int_equal(run(c, TBEGIN(0)), PPC_EXC);
	assert_int_equal(c->nia, 0xf60);
	assert_int_equal(c->spr[SPR_FSCR] >> 56, FAC_IC_TM);
	c->spr[SPR_FSCR] = FSCR_BIT(FAC_IC_TM);
	cpu_set_msr(c, MSR_SF | MSR_ME | MSR_TM | MSR_PR);
	c->nia = PC;
	assert_int_equal(run(c, TBEGIN(0)), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_T);
	assert_int_equal(run(c, TEND(0)), PPC_OK);
	assert_int_equal(run(c, TRECLAIM(0)), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR1] & 0x783f0000, SRR1_PROG_PRIV);
	/* TM SPRs cannot be written in a transaction (TM Bad Thing) */
	cpu_set_msr(c, MSR_K);
	begin(c);
	assert_int_equal(run(c, MTSPR(130, 3)), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_PROG_TM, SRR1_PROG_TM);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S); /* taken in suspended state */
	/* TEXASRU reads the high word */
	cpu_set_msr(c, MSR_K);
	c->spr[SPR_TEXASR] = 0x0123456789abcdefULL;
	assert_int_equal(run(c, MFSPR(3, 131)), PPC_OK);
	assert_int_equal(c->gpr[3], 0x01234567);
}

/* Conflicts: memory a transaction read changes before tend. (a store from outside the
 * vcpu, or another vcpu's commit): tend. fails with the conflict cause. */
static void test_conflict(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c, *c1 = f->c1;
	c->gpr[4] = VAR;
	c->gpr[5] = VAR2;
	c->gpr[6] = 0x600;
	begin(c);
	assert_int_equal(run(c, LD(7, 4, 0)), PPC_OK);
	assert_int_equal(run(c, STD(6, 5, 0)), PPC_OK);
	st_be(f->ram + VAR + 0x18, 8, 1); /* same line, other bytes: still a conflict */
	uint64_t at = c->nia;
	assert_int_equal(run(c, TEND(0)), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_true(texasr(c) & TEXASR_NTC);
	assert_true(texasr(c) & TEXASR_FS);
	assert_int_equal(c->spr[SPR_TFIAR], at);
	assert_int_equal(mem64(f, VAR2), 0);

	/* a change seen before tend.: the next new line's load fails the transaction */
	begin(c);
	assert_int_equal(run(c, LD(7, 4, 0)), PPC_OK);
	st_be(f->ram + VAR, 8, 2);
	assert_int_equal(run(c, LD(8, 5, 0)), PPC_EXC);
	assert_true(texasr(c) & TEXASR_NTC);

	/* another vcpu commits a store to a line this transaction read */
	begin(c);
	assert_int_equal(run(c, LD(7, 4, 0)), PPC_OK);
	assert_int_equal(c->gpr[7], 2);
	c1->gpr[4] = VAR;
	c1->gpr[6] = 0xc1;
	begin(c1);
	assert_int_equal(run(c1, STD(6, 4, 0)), PPC_OK);
	assert_int_equal(run(c1, TEND(0)), PPC_OK);
	assert_int_equal(mem64(f, VAR), 0xc1);
	assert_int_equal(run(c, TCHECK(2)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 2), 0xc); /* doomed, T */
	assert_int_equal(run(c, STD(6, 5, 0)), PPC_OK);
	assert_int_equal(run(c, TEND(0)), PPC_EXC);
	assert_true(texasr(c) & TEXASR_TC);
	assert_int_equal(mem64(f, VAR2), 0);

	/* disjoint transactions both commit */
	begin(c);
	begin(c1);
	c1->gpr[5] = VAR2 + 0x100;
	assert_int_equal(run(c, LD(7, 4, 0)), PPC_OK);
	assert_int_equal(run(c1, LD(7, 5, 0)), PPC_OK);
	assert_int_equal(run(c, STD(6, 5, 0)), PPC_OK);
	assert_int_equal(run(c1, STD(6, 5, 8)), PPC_OK);
	assert_int_equal(run(c, TEND(0)), PPC_OK);
	assert_int_equal(run(c1, TEND(0)), PPC_OK);
	assert_int_equal(mem64(f, VAR2), 0x600);
	assert_int_equal(mem64(f, VAR2 + 0x108), 0xc1);
}

/* larx/stcx. inside a transaction: transactional, the reservation works as usual. */
static void test_larx_stcx(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	st_be(f->ram + VAR, 8, 10);
	c->gpr[4] = VAR;
	c->gpr[0] = 0;
	begin(c);
	assert_int_equal(run(c, LDARX(5, 0, 4)), PPC_OK);
	assert_int_equal(c->gpr[5], 10);
	c->gpr[5] = 11;
	assert_int_equal(run(c, STDCX(5, 0, 4)), PPC_OK);
	assert_int_equal(cpu_get_crf(c, 0), 2);
	assert_int_equal(mem64(f, VAR), 10);
	assert_int_equal(run(c, STDCX(5, 0, 4)), PPC_OK); /* reservation gone */
	assert_int_equal(cpu_get_crf(c, 0), 0);
	assert_int_equal(run(c, TEND(0)), PPC_OK);
	assert_int_equal(mem64(f, VAR), 11);
	/* suspended: an stdcx. to a line the transaction wrote is a self-induced conflict */
	begin(c);
	assert_int_equal(run(c, STD(5, 4, 8)), PPC_OK);
	assert_int_equal(run(c, TSR(0)), PPC_OK);
	assert_int_equal(run(c, LDARX(5, 0, 4)), PPC_OK); /* a load: the line was written */
	assert_true(texasr(c) & TEXASR_SIC);
	assert_int_equal(run(c, STDCX(5, 0, 4)), PPC_OK); /* non-transactional, performed */
	assert_int_equal(cpu_get_crf(c, 0), 2);
	assert_int_equal(run(c, TSR(1)), PPC_EXC);
	assert_int_equal(mem64(f, VAR + 8), 0);
}

/* More lines than the footprint holds: footprint overflow, persistent. MMIO: disallowed. */
static void test_overflow_mmio(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->gpr[6] = 1;
	begin(c);
	int st = PPC_OK;
	unsigned i;
	for (i = 0; i <= PPC_TM_MAX_LINES && st == PPC_OK; i++) {
		c->gpr[4] = 0x10000 + i * PPC_TM_LINE;
		st = run(c, STD(6, 4, 0));
	}
	assert_int_equal(st, PPC_EXC);
	assert_int_equal(i, PPC_TM_MAX_LINES + 1);
	assert_true(texasr(c) & TEXASR_FO);
	assert_true(texasr(c) & TEXASR_FP);
	for (i = 0; i < PPC_TM_MAX_LINES; i++)
		assert_int_equal(mem64(f, 0x10000 + i * PPC_TM_LINE), 0);
	/* a load beyond RAM (an MMIO exit outside transactions) */
	begin(c);
	c->gpr[4] = RAM_SIZE + 0x1000;
	assert_int_equal(run(c, LD(5, 4, 0)), PPC_EXC);
	assert_int_equal(c->nia, PC + 4);
	assert_true(texasr(c) & TEXASR_DA);
	assert_int_equal(c->mmio_count, 0); /* no exit */
}

/* Illegal MSR[TS] transitions by rfid and mtmsrd: TM Bad Thing. */
static void test_bad_thing(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	c->spr[SPR_SRR0] = 0x4000;
	c->spr[SPR_SRR1] = MSR_K | MSR_TS_T; /* N -> T */
	c->nia = PC;
	assert_int_equal(run(c, RFID), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR0], PC);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_PROG_TM, SRR1_PROG_TM);
	cpu_set_msr(c, MSR_K);
	c->gpr[3] = MSR_K | MSR_TS_S; /* N -> S */
	assert_int_equal(run(c, MTMSRD(3)), PPC_EXC);
	assert_int_equal(c->msr & MSR_TS, 0);
	/* T -> S by mtmsrd is a suspend; S -> T a resume */
	cpu_set_msr(c, MSR_K);
	begin(c);
	c->gpr[3] = MSR_K | MSR_TS_S;
	assert_int_equal(run(c, MTMSRD(3)), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_S);
	c->gpr[3] = MSR_K | MSR_TS_T;
	assert_int_equal(run(c, MTMSRD(3)), PPC_OK);
	assert_int_equal(c->msr & MSR_TS, MSR_TS_T);
	assert_int_equal(run(c, TEND(0)), PPC_OK);
}

/* The POWER9 model runs no transactions: tbegin. fails at once, TS stays N. */
static void test_power9(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *c = f->c;
	assert_int_equal(cpu_set_model(c, PVR_POWER9), 0);
	cpu_set_msr(c, MSR_K);
	c->nia = PC;
	assert_int_equal(run(c, TBEGIN(0)), PPC_OK);
	assert_int_equal(c->nia, PC + 4);
	assert_int_equal(cpu_get_crf(c, 0), 0xa);
	assert_int_equal(c->msr & MSR_TS, 0);
	assert_true(texasr(c) & TEXASR_FP);
	assert_true(texasr(c) & TEXASR_FS);
	assert_int_equal(run(c, TRECHKPT), PPC_EXC);
	cpu_set_msr(c, MSR_K | MSR_TS_T);
	assert_int_equal(c->msr & MSR_TS, 0);
}

/* ---- two vcpus on two host threads ---- */
#define ITERS 100000
#define COUNTER 0x8000u

/*
 *         mtctr r6
 *     1:  tbegin.
 *         beq-  2f
 *         ld    r5,0(r4); addi r5,r5,1; std r5,0(r4)
 *         ld    r7,128(r4); addi r7,r7,1; std r7,128(r4)
 *         tend.
 *         bdnz  1b
 *         li    r3,0x1234; sc 1
 *     2:  addi  r8,r8,1; b 1b
 * Each transaction increments two counters on two lines; both must end at 2 * ITERS.
 */
static void put_code(struct fixture *f, uint64_t at, const uint32_t *code, size_t n)
{
	for (size_t i = 0; i < n; i++)
		st_be(f->ram + at + 4 * i, 4, code[i]);
}

/* Run vcpu 0 from @pc0 and vcpu 1 from @pc1 on two host threads until both exit. */
static void run_two(struct fixture *f, uint64_t pc0, uint64_t pc1)
{
	for (int i = 0; i < 2; i++) {
		struct kvm_regs regs;
		assert_int_equal(kvmppc_get_regs(f->vcpu[i], &regs), 0);
		regs.pc = i ? pc1 : pc0;
		regs.msr = MSR_K;
		regs.gpr[4] = COUNTER;
		regs.gpr[6] = ITERS;
		regs.gpr[8] = 0;
		assert_int_equal(kvmppc_set_regs(f->vcpu[i], &regs), 0);
	}
	test_run_concurrently(f->vcpu, 2, 0x1234);
}

static void test_two_threads(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0x7cc903a6, TBEGIN(0), 0x4182002c, LD(5, 4, 0), 0x38a50001, STD(5, 4, 0),
		LD(7, 4, 128), 0x38e70001, STD(7, 4, 128), TEND(0), 0x4200ffdc, 0x38601234,
		0x44000022, 0x39080001, 0x4bffffcc};
	put_code(f, 0x1000, code, sizeof(code) / sizeof(code[0]));
	run_two(f, 0x1000, 0x1000);
	assert_int_equal(mem64(f, COUNTER), 2 * ITERS);
	assert_int_equal(mem64(f, COUNTER + 128), 2 * ITERS);
}

/*
 * vcpu 0 increments a counter in transactions ("1: tbegin.; beq- 2f; ld; addi; std; tend.;
 * bdnz 1b; ...; 2: b 1b"), vcpu 1 with ldarx/stdcx. loops: no update may be lost, so an
 * stcx. never lands between a commit's validation and its write-back.
 */
static void test_tx_vs_stcx(void **state)
{
	struct fixture *f = *state;
	static const uint32_t tx[] = {
		0x7cc903a6, TBEGIN(0), 0x41820020, LD(5, 4, 0), 0x38a50001, STD(5, 4, 0),
		TEND(0), 0x4200ffe8, 0x38601234, 0x44000022, 0x4bffffdc};
	static const uint32_t llsc[] = {0x7cc903a6, 0x7ca020a8, 0x38a50001, 0x7ca021ad,
					0x40c2fff4, 0x4200fff0, 0x38601234, 0x44000022};
	put_code(f, 0x1000, tx, sizeof(tx) / sizeof(tx[0]));
	put_code(f, 0x1100, llsc, sizeof(llsc) / sizeof(llsc[0]));
	run_two(f, 0x1000, 0x1100);
	assert_int_equal(mem64(f, COUNTER), 2 * ITERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conditional_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nest_overflow_rot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suspend_resume, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reclaim_recheckpoint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_context_switch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_facility, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_larx_stcx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overflow_mmio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_thing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_power9, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_vs_stcx, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
