/* SPDX-License-Identifier: MIT */
/*
 * VMX (Altivec) instructions: loads/stores in both byte orders, VSCR, every integer,
 * logical, permute, crypto, decimal and floating-point row against qemu-ppc64le, the
 * VMX-unavailable interrupt and invalid forms.
 *
 * The expected values in vmx_expect.inc were produced by running each instruction under
 * `qemu-ppc64le -cpu power9` in a static ppc64le program (vT = v4 preset, vA = v1, vB = v2,
 * vC = v3, r8 = 3, VSCR = 0 or NJ), printing vT, VSCR, CR6 and r7 afterwards.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpu/insn.h"
#include "cpu/vec.h"
#include "lib/kvm_internal.h"
#include "mmu/mem.h"
#include "vm_fixture.h"

#define RAM_SIZE (1024 * 1024)
#define DATA 0x2000u
#define CIA 0x100u
#define SPR_SRR0 26
#define SPR_SRR1 27
#define MSR_VEC_ON (MSR_SF | MSR_VEC | MSR_VSX | MSR_FP)

struct fixture {
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	struct ppc_cpu *cpu;
	uint8_t *ram;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->vm = test_vm_create(RAM_SIZE, &f->ram);
	f->vcpu = test_vcpu_create(f->vm, 0, false);
	f->cpu = &f->vcpu->cpu;
	for (unsigned i = 0; i < 64; i++)
		f->ram[DATA + i] = (uint8_t)(0x80 + 7 * i);
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

static int exec(struct fixture *f, uint64_t msr, uint32_t insn)
{
	cpu_set_msr(f->cpu, msr);
	f->cpu->cia = CIA;
	return cpu_execute_one(f->cpu, insn);
}

static void set_vr(struct ppc_cpu *cpu, unsigned n, uint64_t hi, uint64_t lo)
{
	cpu->vsr[32 + n].dw[0] = hi;
	cpu->vsr[32 + n].dw[1] = lo;
}

static void assert_vr(struct ppc_cpu *cpu, unsigned n, uint64_t hi, uint64_t lo)
{
	assert_int_equal(cpu->vsr[32 + n].dw[0], hi);
	assert_int_equal(cpu->vsr[32 + n].dw[1], lo);
}

/* ---- the qemu table ---- */
struct vcase {
	const char *text;
	uint32_t insn;
	char set;
	int nj;
	uint64_t hi, lo; /* expected v4 */
	uint32_t vscr;
	unsigned cr6;
	uint64_t r7;
};

static const struct vcase cases[] = {
#include "vmx_expect.inc"
};

/* Inputs per set: v1, v2, v3, v4 as (dw0, dw1). */
struct vset {
	char name;
	uint64_t v[4][2];
};

static const struct vset sets[] = {
#include "vmx_sets.inc"
};

static void run_cases(struct fixture *f, const struct vcase *tab, size_t n)
{
	unsigned bad = 0;
	for (size_t k = 0; k < n; k++) {
		const struct vcase *c = &tab[k];
		const struct vset *s = NULL;
		for (size_t j = 0; j < sizeof(sets) / sizeof(sets[0]); j++)
			if (sets[j].name == c->set)
				s = &sets[j];
		assert_non_null(s);
		for (unsigned r = 0; r < 4; r++)
			set_vr(f->cpu, r + 1, s->v[r][0], s->v[r][1]);
		f->cpu->vscr = c->nj ? VSCR_NJ : 0;
		f->cpu->cr = 0;
		f->cpu->gpr[7] = 0;
		f->cpu->gpr[8] = 3;
		/* the row's name is the assembler's (objdump's raw) mnemonic */
		const struct ppc_insn_def *row = ppc_decode(c->insn, PPC_ISA_300);
		size_t len = strcspn(c->text, " ");
		if (!row || strlen(row->mnemonic) != len || strncmp(row->mnemonic, c->text, len) != 0) {
			print_message("NAME %s: row %s\n", c->text, row ? row->mnemonic : "(none)");
			bad++;
		}
		int st = exec(f, MSR_VEC_ON | MSR_LE, c->insn);
		const struct ppc_vsr *d = &f->cpu->vsr[36];
		/* an invalid decimal operand leaves VRT undefined (ISA 3.0B 6.12) */
		int undefined = strncmp(c->text, "bcd", 3) == 0 && strncmp(c->text, "bcdadd", 6) != 0 &&
				strncmp(c->text, "bcdsub", 6) != 0 && c->cr6 == 1;
		if (st != PPC_OK || (!undefined && (d->dw[0] != c->hi || d->dw[1] != c->lo)) ||
		    f->cpu->vscr != c->vscr ||
		    cpu_get_crf(f->cpu, 6) != c->cr6 || f->cpu->gpr[7] != c->r7) {
			print_message("MISMATCH %s set %c nj %d: got st %d %016llx %016llx vscr %x cr6 %x r7 %llx;"
				      " want %016llx %016llx vscr %x cr6 %x r7 %llx\n",
				      c->text, c->set, c->nj, st, (unsigned long long)d->dw[0],
				      (unsigned long long)d->dw[1], f->cpu->vscr, cpu_get_crf(f->cpu, 6),
				      (unsigned long long)f->cpu->gpr[7], (unsigned long long)c->hi,
				      (unsigned long long)c->lo, c->vscr, c->cr6, (unsigned long long)c->r7);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_qemu_vectors(void **state)
{
	run_cases(*state, cases, sizeof(cases) / sizeof(cases[0]));
}

static const struct vcase random_cases[] = {
#include "vmx_random.inc"
};

static void test_qemu_random(void **state)
{
	run_cases(*state, random_cases, sizeof(random_cases) / sizeof(random_cases[0]));
}

/* VSCR (6.5.1): mtvscr keeps NJ and SAT only; SAT is sticky across saturating ops. */
static void test_vscr(void **state)
{
	struct fixture *f = *state;
	set_vr(f->cpu, 2, ~0ULL, 0x12345678ffffffffULL);
	assert_int_equal(exec(f, MSR_VEC_ON, 0x10001644), PPC_OK); /* mtvscr v2 */
	assert_int_equal(f->cpu->vscr, VSCR_NJ | VSCR_SAT);
	set_vr(f->cpu, 4, 1, 2);
	assert_int_equal(exec(f, MSR_VEC_ON, 0x10800604), PPC_OK); /* mfvscr v4 */
	assert_vr(f->cpu, 4, 0, VSCR_NJ | VSCR_SAT);
	set_vr(f->cpu, 2, 0, 0);
	assert_int_equal(exec(f, MSR_VEC_ON, 0x10001644), PPC_OK);
	assert_int_equal(f->cpu->vscr, 0);
	/* vaddubs v4,v1,v2: 0xff + 0x01 saturates and sets SAT */
	set_vr(f->cpu, 1, 0xff, 0);
	set_vr(f->cpu, 2, 0x01, 0);
	assert_int_equal(exec(f, MSR_VEC_ON, 0x10811200), PPC_OK);
	assert_vr(f->cpu, 4, 0xff, 0);
	assert_int_equal(f->cpu->vscr, VSCR_SAT);
	/* a non-saturating one afterwards leaves SAT set */
	set_vr(f->cpu, 1, 0x01, 0);
	assert_int_equal(exec(f, MSR_VEC_ON, 0x10811200), PPC_OK);
	assert_vr(f->cpu, 4, 0x02, 0);
	assert_int_equal(f->cpu->vscr, VSCR_SAT);
}

/* vmaddfp/vnmsubfp with NaNs: the first NaN in the order VRA, VRB (the addend), VRC,
 * made quiet, not negated (bfp32_MULTIPLY_ADD(VRA, VRC, VRB), Book I 4.3.x NaN rule). */
static void test_fma_nan_order(void **state)
{
	struct fixture *f = *state;
	const uint64_t one = 0x3f8000003f800000ULL;
	/* vmaddfp v17,v16,v26,v12: A = v16, C = v26, B = v12 */
	set_vr(f->cpu, 16, one, 0x7f8000013f800000ULL); /* A: word 2 an SNaN */
	set_vr(f->cpu, 12, 0x7fc000017fc00003ULL, 0x7fc000053f800000ULL); /* B: QNaNs */
	set_vr(f->cpu, 26, 0x7f8000027f800004ULL, 0x7f8000067f800008ULL); /* C: SNaNs */
	assert_int_equal(exec(f, MSR_VEC_ON, 0x123066ae), PPC_OK);
	assert_vr(f->cpu, 17, 0x7fc000017fc00003ULL, 0x7fc000017fc00008ULL);
	/* vnmsubfp v17,v13,v15,v17: A = v13, C = v15, B = v17 (an SNaN, a QNaN in C) */
	set_vr(f->cpu, 13, 0xff7f02013f800000ULL, one);
	set_vr(f->cpu, 15, 0x7fff85ec3f800000ULL, one);
	set_vr(f->cpu, 17, 0x7f8080013f800000ULL, one);
	assert_int_equal(exec(f, MSR_VEC_ON, 0x122d8bef), PPC_OK);
	assert_vr(f->cpu, 17, 0x7fc0800180000000ULL, 0x8000000080000000ULL); /* 1*1 - 1 = -0 */
}

/* The record compare through the run loop: vcmpequb. then a bc on CR6. */
static void test_cr6_all_equal(void **state)
{
	struct fixture *f = *state;
	set_vr(f->cpu, 1, 0x0102030405060708ULL, 0x090a0b0c0d0e0f10ULL);
	set_vr(f->cpu, 2, 0x0102030405060708ULL, 0x090a0b0c0d0e0f10ULL);
	assert_int_equal(exec(f, MSR_VEC_ON, 0x10811406), PPC_OK); /* vcmpequb. v4,v1,v2 */
	assert_int_equal(cpu_get_crf(f->cpu, 6), 8);
	assert_vr(f->cpu, 4, ~0ULL, ~0ULL);
	set_vr(f->cpu, 2, 0, 0);
	assert_int_equal(exec(f, MSR_VEC_ON, 0x10811406), PPC_OK);
	assert_int_equal(cpu_get_crf(f->cpu, 6), 2);
	assert_vr(f->cpu, 4, 0, 0);
	/* the non-record form leaves CR6 alone */
	f->cpu->cr = 0;
	assert_int_equal(exec(f, MSR_VEC_ON, 0x10811006), PPC_OK); /* vcmpequb */
	assert_int_equal(f->cpu->cr, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_qemu_vectors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qemu_random, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vscr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cr6_all_equal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fma_nan_order, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
