/* SPDX-License-Identifier: MIT */
/*
 * VSX non-FP instructions and every vector load/store (VMX and VSX) in both byte orders,
 * plus the facility interrupts (VMX, VSX, FP unavailable) and invalid forms.
 *
 * Expected values come from qemu-ppc64le (little-endian) and qemu-ppc64 (big-endian),
 * -cpu power9, running each instruction in a static program on the same bytes
 * (memory byte i = 0x80 + 7 i; stores into 0xee-filled memory from VS34 =
 * 0x0011223344556677_8899aabbccddeeff). Register operations: vs36 preset, vs33/34/35 the
 * inputs, r8 = 3, r9 = 0xffff8765fffdba98, as in test_vmx.c.
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
#define OUT 0x3000u
#define CIA 0x100u
#define SPR_SRR0 26
#define SPR_SRR1 27
#define MSR_ALL_ON (MSR_SF | MSR_VEC | MSR_VSX | MSR_FP)

struct fixture {
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	struct ppc_cpu *cpu;
	uint8_t *ram;
};

static void fill_data(struct fixture *f)
{
	for (unsigned i = 0; i < 96; i++)
		f->ram[DATA + i] = (uint8_t)(0x80 + 7 * i);
	memset(f->ram + OUT, 0xee, 96);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->vm = test_vm_create(RAM_SIZE, &f->ram);
	f->vcpu = test_vcpu_create(f->vm, 0, false);
	f->cpu = &f->vcpu->cpu;
	fill_data(f);
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

/* ---- loads and stores, both byte orders ---- */
struct ld_case {
	const char *text;
	uint32_t insn;
	unsigned off, len;
	uint64_t be[2], le[2];
};

static const struct ld_case loads[] = {
#include "vec_ldst_load.inc"
};

struct st_case {
	const char *text;
	uint32_t insn;
	unsigned off, len;
	const char *be, *le; /* hex of the 48 bytes at OUT */
};

static const struct st_case stores[] = {
#include "vec_ldst_store.inc"
};

static void set_ea_regs(struct ppc_cpu *cpu, uint64_t base, unsigned off, unsigned len)
{
	cpu->gpr[3] = base;
	cpu->gpr[4] = off;
	cpu->gpr[7] = base + off;
	cpu->gpr[5] = (uint64_t)len << 56;
}

static void test_loads(void **state)
{
	struct fixture *f = *state;
	unsigned bad = 0;
	for (size_t k = 0; k < sizeof(loads) / sizeof(loads[0]); k++) {
		const struct ld_case *c = &loads[k];
		for (int le = 0; le < 2; le++) {
			fill_data(f);
			set_ea_regs(f->cpu, DATA, c->off, c->len);
			f->cpu->vsr[34].dw[0] = f->cpu->vsr[34].dw[1] = ~0ULL;
			int st = exec(f, MSR_ALL_ON | (le ? MSR_LE : 0), c->insn);
			const uint64_t *want = le ? c->le : c->be;
			if (st != PPC_OK || f->cpu->vsr[34].dw[0] != want[0] ||
			    f->cpu->vsr[34].dw[1] != want[1]) {
				print_message("MISMATCH %s %s: got %d %016llx %016llx want %016llx %016llx\n",
					      c->text, le ? "LE" : "BE", st,
					      (unsigned long long)f->cpu->vsr[34].dw[0],
					      (unsigned long long)f->cpu->vsr[34].dw[1],
					      (unsigned long long)want[0], (unsigned long long)want[1]);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

static void test_stores(void **state)
{
	struct fixture *f = *state;
	unsigned bad = 0;
	for (size_t k = 0; k < sizeof(stores) / sizeof(stores[0]); k++) {
		const struct st_case *c = &stores[k];
		for (int le = 0; le < 2; le++) {
			fill_data(f);
			set_ea_regs(f->cpu, OUT, c->off, c->len);
			f->cpu->vsr[34].dw[0] = 0x0011223344556677ULL;
			f->cpu->vsr[34].dw[1] = 0x8899aabbccddeeffULL;
			int st = exec(f, MSR_ALL_ON | (le ? MSR_LE : 0), c->insn);
			char got[97];
			for (unsigned i = 0; i < 48; i++)
				snprintf(got + 2 * i, 3, "%02x", f->ram[OUT + i]);
			const char *want = le ? c->le : c->be;
			if (st != PPC_OK || strcmp(got, want) != 0) {
				print_message("MISMATCH %s %s: got %d %s\n want %s\n", c->text,
					      le ? "LE" : "BE", st, got, want);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* ---- register operations against qemu ---- */
struct vcase {
	const char *text;
	uint32_t insn;
	char set;
	int nj;
	uint64_t hi, lo;
	uint32_t vscr;
	unsigned cr6;
	uint64_t r7;
};

static const struct vcase cases[] = {
#include "vsx_expect.inc"
};

struct vset {
	char name;
	uint64_t v[4][2];
};

static const struct vset sets[] = {
#include "vmx_sets.inc"
};

static void test_qemu_vectors(void **state)
{
	struct fixture *f = *state;
	unsigned bad = 0;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const struct vcase *c = &cases[k];
		const struct vset *s = NULL;
		for (size_t j = 0; j < sizeof(sets) / sizeof(sets[0]); j++)
			if (sets[j].name == c->set)
				s = &sets[j];
		assert_non_null(s);
		for (unsigned r = 0; r < 4; r++) {
			f->cpu->vsr[33 + r].dw[0] = s->v[r][0];
			f->cpu->vsr[33 + r].dw[1] = s->v[r][1];
		}
		f->cpu->vscr = 0;
		f->cpu->cr = 0;
		f->cpu->gpr[7] = 0;
		f->cpu->gpr[8] = 3;
		f->cpu->gpr[9] = 0xffff8765fffdba98ULL;
		/* the row's name is the assembler's (objdump's raw) mnemonic */
		const struct ppc_insn_def *row = ppc_decode(c->insn, PPC_ISA_300);
		size_t len = strcspn(c->text, " ");
		if (!row || strlen(row->mnemonic) != len || strncmp(row->mnemonic, c->text, len) != 0) {
			print_message("NAME %s: row %s\n", c->text, row ? row->mnemonic : "(none)");
			bad++;
		}
		int st = exec(f, MSR_ALL_ON | MSR_LE, c->insn);
		const struct ppc_vsr *d = &f->cpu->vsr[36];
		if (st != PPC_OK || d->dw[0] != c->hi || d->dw[1] != c->lo || f->cpu->gpr[7] != c->r7) {
			print_message("MISMATCH %s set %c: got %d %016llx %016llx r7 %llx want %016llx %016llx r7 %llx\n",
				      c->text, c->set, st, (unsigned long long)d->dw[0],
				      (unsigned long long)d->dw[1], (unsigned long long)f->cpu->gpr[7],
				      (unsigned long long)c->hi, (unsigned long long)c->lo,
				      (unsigned long long)c->r7);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* ---- FPR/VR halves: FPR n is VSR n doubleword 0, VR n is VSR 32 + n ---- */
static void test_register_overlap(void **state)
{
	struct fixture *f = *state;
	f->cpu->vsr[5].dw[0] = 0x1122334455667788ULL;
	f->cpu->vsr[5].dw[1] = 0x99aabbccddeeff00ULL;
	f->cpu->gpr[6] = 0;
	assert_int_equal(exec(f, MSR_ALL_ON, 0x7ca60066), PPC_OK); /* mfvsrd r6,vs5 */
	assert_int_equal(f->cpu->gpr[6], 0x1122334455667788ULL);
	assert_int_equal(exec(f, MSR_ALL_ON, 0x7ca60267), PPC_OK); /* mfvsrld r6,vs37 */
	assert_int_equal(f->cpu->gpr[6], f->cpu->vsr[37].dw[1]);
}

/* ---- facility interrupts (Book III 7.5.15-7.5.17) ---- */
static void assert_interrupt(struct fixture *f, int st, uint64_t vector)
{
	assert_int_equal(st, PPC_EXC);
	assert_int_equal(f->cpu->nia, vector);
	assert_int_equal(f->cpu->spr[SPR_SRR0], CIA);
}

static void test_unavailable(void **state)
{
	struct fixture *f = *state;
	/* vaddubm v4,v1,v2 with MSR[VEC] = 0: vector unavailable at 0xf20 */
	assert_interrupt(f, exec(f, MSR_SF | MSR_FP | MSR_VSX, 0x10811000), 0xf20);
	/* lvx too */
	assert_interrupt(f, exec(f, MSR_SF | MSR_FP | MSR_VSX, 0x7c4320ce), 0xf20);
	/* xxlor vs36,vs33,vs34 with MSR[VSX] = 0: VSX unavailable at 0xf40 */
	assert_interrupt(f, exec(f, MSR_SF | MSR_FP | MSR_VEC, 0xf0811497), 0xf40);
	/* lxvd2x vs34 with MSR[VSX] = 0 */
	assert_interrupt(f, exec(f, MSR_SF | MSR_FP | MSR_VEC, 0x7c432699), 0xf40);
	/* mfvsrd r6,vs5 needs MSR[FP] (FPR half): FP unavailable at 0x800 */
	assert_interrupt(f, exec(f, MSR_SF | MSR_VEC | MSR_VSX, 0x7ca60066), 0x800);
	/* mfvsrd r6,vs37 needs MSR[VEC] */
	assert_interrupt(f, exec(f, MSR_SF | MSR_FP | MSR_VSX, 0x7ca60067), 0xf20);
	/* ... and not MSR[VSX] */
	assert_int_equal(exec(f, MSR_SF | MSR_VEC, 0x7ca60067), PPC_OK);
	/* lxsd (VR target) needs MSR[VEC] */
	assert_interrupt(f, exec(f, MSR_SF | MSR_FP | MSR_VSX, 0xe443000a), 0xf20);
}

/* ---- invalid forms and ISA levels ---- */
static void assert_illegal(struct fixture *f, int st)
{
	assert_interrupt(f, st, 0x700);
	assert_true(f->cpu->spr[SPR_SRR1] & SRR1_PROG_ILL);
}

static void test_invalid_forms(void **state)
{
	struct fixture *f = *state;
	assert_illegal(f, exec(f, MSR_ALL_ON, 0x7c4320cf)); /* lvx with bit 31 set */
	assert_illegal(f, exec(f, MSR_ALL_ON, 0x10811644)); /* mtvscr with vA != 0 */
	assert_illegal(f, exec(f, MSR_ALL_ON, 0x1090120c)); /* vspltb vA = 16 */
	assert_illegal(f, exec(f, MSR_ALL_ON, 0x1081146c)); /* vsldoi with bit 21 set */
	assert_illegal(f, exec(f, MSR_ALL_ON, 0x7ca63066)); /* mfvsrd with rB != 0 */
	assert_illegal(f, exec(f, MSR_ALL_ON, 0xf09c1291)); /* xxspltw with bits 11:13 set */
	/* POWER8: ISA 3.0 rows are illegal (vcmpneb, lxvx, xxspltib, vabsdub) */
	assert_int_equal(cpu_set_model(f->cpu, PVR_POWER8), 0);
	assert_illegal(f, exec(f, MSR_ALL_ON, 0x10811007));
	assert_illegal(f, exec(f, MSR_ALL_ON, 0x7c432219));
	assert_illegal(f, exec(f, MSR_ALL_ON, 0xf0c03ad1));
	assert_illegal(f, exec(f, MSR_ALL_ON, 0x10811403));
	assert_int_equal(exec(f, MSR_ALL_ON, 0x10811000), PPC_OK); /* vaddubm is 2.07 */
}

/* stxsspx/lxsspx of normal values (ConvertDPtoSP / SPtoDP, ISA 3.0B Book I 4.6.2-4.6.3):
 * 1.5 = 0x3ff8000000000000 <-> 0x3fc00000; -2^-130 (a single denormal) <-> 0x80080000. */
static void test_single_format(void **state)
{
	struct fixture *f = *state;
	set_ea_regs(f->cpu, OUT, 0, 0);
	f->cpu->vsr[34].dw[0] = 0x3ff8000000000000ULL;
	assert_int_equal(exec(f, MSR_ALL_ON, 0x7c432519), PPC_OK); /* stxsspx vs34,r3,r4 */
	assert_memory_equal(f->ram + OUT, "\x3f\xc0\x00\x00", 4);
	f->cpu->vsr[34].dw[0] = 0xb7d0000000000000ULL; /* -2^-130 */
	assert_int_equal(exec(f, MSR_ALL_ON, 0x7c432519), PPC_OK);
	assert_memory_equal(f->ram + OUT, "\x80\x08\x00\x00", 4);
	f->cpu->vsr[34].dw[0] = 0;
	assert_int_equal(exec(f, MSR_ALL_ON, 0x7c432419), PPC_OK); /* lxsspx vs34,r3,r4 */
	assert_int_equal(f->cpu->vsr[34].dw[0], 0xb7d0000000000000ULL);
}

/* ---- MMIO: a vector load from a hole exits (in pieces) and completes with the VMM's
 * bytes when run again; nothing is written before (mmu/mem.h replay) ---- */
#define MMIO_BASE 0x10000000ULL

static struct kvm_run *expect_mmio(struct fixture *f, uint64_t addr, int write)
{
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_MMIO);
	assert_int_equal(run->mmio.phys_addr, addr);
	assert_int_equal(run->mmio.is_write, write);
	return run;
}

static void test_mmio_vector(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0x7c4020ce, /* lvx    v2,0,r4 */
		0x7c4029ce, /* stvx   v2,0,r5 */
		0x38601234, /* li     r3,0x1234 */
		0x44000022, /* sc     1 */
	};
	struct kvm_enable_cap papr = {.cap = 68 /* KVM_CAP_PPC_PAPR */};
	assert_int_equal(kvmppc_vcpu_enable_cap(f->vcpu, &papr), 0);
	for (size_t i = 0; i < 4; i++)
		st_le(f->ram + 0x1000 + 4 * i, 4, code[i]);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	regs.pc = 0x1000;
	regs.msr = MSR_ALL_ON | MSR_LE;
	regs.gpr[4] = MMIO_BASE + 0x13; /* lvx ignores the low 4 bits */
	regs.gpr[5] = MMIO_BASE + 0x40;
	assert_int_equal(kvmppc_set_regs(f->vcpu, &regs), 0);
	f->cpu->vsr[34].dw[0] = f->cpu->vsr[34].dw[1] = 0;

	uint8_t bytes[16];
	for (unsigned i = 0; i < 16; i++)
		bytes[i] = (uint8_t)(0x10 + i);
	unsigned got = 0;
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	while (got < 16) {
		run = expect_mmio(f, MMIO_BASE + 0x10 + got, 0);
		assert_true(run->mmio.len > 0 && got + run->mmio.len <= 16);
		assert_int_equal(f->cpu->vsr[34].dw[0] | f->cpu->vsr[34].dw[1], 0);
		memcpy(run->mmio.data, bytes + got, run->mmio.len);
		got += run->mmio.len;
	}
	/* little-endian lvx: memory byte 0 in element 15 */
	unsigned put = 0;
	while (put < 16) {
		run = expect_mmio(f, MMIO_BASE + 0x40 + put, 1);
		assert_memory_equal(run->mmio.data, bytes + put, run->mmio.len);
		put += run->mmio.len;
	}
	assert_int_equal(f->cpu->vsr[34].dw[0], 0x1f1e1d1c1b1a1918ULL);
	assert_int_equal(f->cpu->vsr[34].dw[1], 0x1716151413121110ULL);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
}

/*
 * ISA 3.1 paired loads/stores and vector extract mask: illegal on the POWER9 model; run
 * at instruction level 3.1 (no POWER10 model yet). Expected values from qemu-ppc64le and
 * qemu-ppc64 -cpu power10 on the same bytes: little-endian mode treats the 32 bytes as one
 * byte-reversed quantity (VSR[XTp+1] from the lower 16 bytes).
 */
static void test_isa31_pairs(void **state)
{
	struct fixture *f = *state;
	struct ppc_cpu *cpu = f->cpu;
	const uint32_t lxvp = 0x18630010u;   /* lxvp vs34,16(r3) */
	const uint32_t lxvpx = 0x7c634a9au;  /* lxvpx vs34,r3,r9 */
	const uint32_t stxvp = 0x18630021u;  /* stxvp vs34,32(r3) */
	static const uint64_t be[4] = {0xf0f7fe050c131a21ULL, 0x282f363d444b5259ULL,
				       0x60676e757c838a91ULL, 0x989fa6adb4bbc2c9ULL};
	static const uint64_t le[4] = {0xc9c2bbb4ada69f98ULL, 0x918a837c756e6760ULL,
				       0x59524b443d362f28ULL, 0x211a130c05fef7f0ULL};
	static const char *st_be = "00112233445566778899aabbccddeeff0102030405060708090a0b0c0d0e0f10";
	static const char *st_le = "100f0e0d0c0b0a090807060504030201ffeeddccbbaa99887766554433221100";
	cpu->gpr[3] = DATA;
	cpu->gpr[9] = 16;
	assert_int_equal(exec(f, MSR_ALL_ON, lxvp), PPC_EXC); /* POWER9: illegal */
	cpu->isa = PPC_ISA_310;
	for (int l = 0; l < 2; l++) {
		const uint64_t *w = l ? le : be;
		for (int k = 0; k < 2; k++) {
			fill_data(f);
			cpu->gpr[3] = DATA;
			cpu->vsr[34].dw[0] = cpu->vsr[34].dw[1] = cpu->vsr[35].dw[0] = cpu->vsr[35].dw[1] = 0;
			assert_int_equal(exec(f, MSR_ALL_ON | (l ? MSR_LE : 0), k ? lxvpx : lxvp), PPC_OK);
			assert_int_equal(cpu->vsr[34].dw[0], w[0]);
			assert_int_equal(cpu->vsr[34].dw[1], w[1]);
			assert_int_equal(cpu->vsr[35].dw[0], w[2]);
			assert_int_equal(cpu->vsr[35].dw[1], w[3]);
		}
		cpu->gpr[3] = OUT - 32;
		cpu->vsr[34].dw[0] = 0x0011223344556677ULL;
		cpu->vsr[34].dw[1] = 0x8899aabbccddeeffULL;
		cpu->vsr[35].dw[0] = 0x0102030405060708ULL;
		cpu->vsr[35].dw[1] = 0x090a0b0c0d0e0f10ULL;
		assert_int_equal(exec(f, MSR_ALL_ON | (l ? MSR_LE : 0), stxvp), PPC_OK);
		char got[65];
		for (unsigned i = 0; i < 32; i++)
			snprintf(got + 2 * i, 3, "%02x", f->ram[OUT + i]);
		assert_string_equal(got, l ? st_le : st_be);
	}
	/* vextract[bhwdq]m r3,v2 */
	cpu->vsr[34].dw[0] = 0x80017f00ff80807fULL;
	cpu->vsr[34].dw[1] = 0x8000000100000000ULL;
	static const uint64_t masks[5] = {0x8e80, 0xb8, 0xe, 0x3, 0x1};
	for (unsigned k = 0; k < 5; k++) {
		cpu->gpr[3] = ~0ULL;
		assert_int_equal(exec(f, MSR_ALL_ON, 0x10681642u + (k << 16)), PPC_OK);
		assert_int_equal(cpu->gpr[3], masks[k]);
	}
	cpu->isa = PPC_ISA_300;
	assert_int_equal(exec(f, MSR_ALL_ON, 0x10681642u), PPC_EXC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_loads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_isa31_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qemu_vectors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register_overlap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unavailable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmio_vector, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
