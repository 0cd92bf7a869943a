/* SPDX-License-Identifier: MIT */
/*
 * ONE_REG: a round trip for every Book3S id of kvm-contract.md 4.3 through the public
 * KVM_GET/SET_ONE_REG entry points, the HV-defined transformations (masks, rounding),
 * and -EINVAL for BookE/e500 ids and wrong sizes.
 */
#include <errno.h>

#include "priv_fixture.h"

static int setup(void **st)
{
	struct fx *f = fx_new(PVR_POWER9, 1);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 0), 0); /* time moves only with insns */
	*st = f;
	return 0;
}
static int setup_p8(void **st)
{
	struct fx *f = fx_new(PVR_POWER8, 0);
	assert_int_equal(kvmppc_vm_set_clock(f->vm, 0), 0); /* time moves only with insns */
	*st = f;
	return 0;
}
static int teardown(void **st) { fx_free(*st); return 0; }

static int set64(struct kvm_vcpu *v, uint64_t id, uint64_t x)
{
	struct kvm_one_reg r = {.id = id, .addr = (uintptr_t)&x};
	if (KVM_REG_SIZE(id) == 4) {
		uint32_t w = (uint32_t)x;
		r.addr = (uintptr_t)&w;
		return kvmppc_set_one_reg(v, &r);
	}
	return kvmppc_set_one_reg(v, &r);
}

static uint64_t get64(struct kvm_vcpu *v, uint64_t id, int *err)
{
	uint64_t x = 0;
	uint32_t w = 0;
	struct kvm_one_reg r = {.id = id, .addr = KVM_REG_SIZE(id) == 4 ? (uintptr_t)&w
									  : (uintptr_t)&x};
	*err = kvmppc_get_one_reg(v, &r);
	return KVM_REG_SIZE(id) == 4 ? w : x;
}

struct rt { uint64_t id; uint64_t in; uint64_t out; };

/* Plain registers: what goes in comes out, masked by the architected fields. */
static const struct rt plain[] = {
	{KVM_REG_PPC_DSCR, 0x1ffffff, 0x1ffffff},
	{KVM_REG_PPC_DSCR, 0xffffffffffffffffULL, 0x1ffffff}, /* DSCR is bits 39:63 */
	{KVM_REG_PPC_PURR, 0x123456789, 0x123456789},
	{KVM_REG_PPC_SPURR, 0x987654321, 0x987654321},
	{KVM_REG_PPC_DAR, 0xc000000012345678ULL, 0xc000000012345678ULL},
	{KVM_REG_PPC_DSISR, 0x42000000, 0x42000000},
	{KVM_REG_PPC_AMR, 0xaaaaaaaa55555555ULL, 0xaaaaaaaa55555555ULL},
	{KVM_REG_PPC_UAMOR, 0xffff0000ffff0000ULL, 0xffff0000ffff0000ULL},
	{KVM_REG_PPC_MMCR0, 0x80000000, 0x80000000},
	{KVM_REG_PPC_MMCR1, 0x1e02000000000000ULL, 0x1e02000000000000ULL},
	{KVM_REG_PPC_MMCRA, 0x1234, 0x1234},
	{KVM_REG_PPC_MMCR2, 0x5678, 0x5678},
	{KVM_REG_PPC_MMCRS, 0x9abc, 0x9abc},
	{KVM_REG_PPC_SIAR, 0xc000000000001000ULL, 0xc000000000001000ULL},
	{KVM_REG_PPC_SDAR, 0xc000000000002000ULL, 0xc000000000002000ULL},
	{KVM_REG_PPC_SIER, 0x1111, 0x1111},
	{KVM_REG_PPC_PMC1, 0x11, 0x11}, {KVM_REG_PPC_PMC2, 0x22, 0x22},
	{KVM_REG_PPC_PMC3, 0x33, 0x33}, {KVM_REG_PPC_PMC4, 0x44, 0x44},
	{KVM_REG_PPC_PMC5, 0x55, 0x55}, {KVM_REG_PPC_PMC6, 0x66, 0x66},
	{KVM_REG_PPC_PMC7, 0x77, 0x77}, {KVM_REG_PPC_PMC8, 0x88, 0x88},
	{KVM_REG_PPC_FPSCR, 0x82004000, 0x82004000},
	{KVM_REG_PPC_VSCR, 0xffffffff, 0x00010001},
	{KVM_REG_PPC_SPMC1, 0x1, 0x1}, {KVM_REG_PPC_SPMC2, 0x2, 0x2},
	{KVM_REG_PPC_IAMR, 0xffffffffffffffffULL, 0x5555555555555555ULL}, /* only execute bits */
	{KVM_REG_PPC_TFHAR, 0x1003, 0x1000}, {KVM_REG_PPC_TFIAR, 0x2001, 0x2000},
	{KVM_REG_PPC_TEXASR, 0xdead00000000beefULL, 0xdead00000000beefULL},
	{KVM_REG_PPC_FSCR, 0x1187, 0x1187},
	{KVM_REG_PPC_PSPB, 0x7, 0x7},
	{KVM_REG_PPC_EBBHR, 0x4000, 0x4000}, {KVM_REG_PPC_EBBRR, 0x4004, 0x4004},
	{KVM_REG_PPC_BESCR, 0x8000000100000001ULL, 0x8000000100000001ULL},
	{KVM_REG_PPC_TAR, 0x12345678, 0x12345678},
	{KVM_REG_PPC_DPDES, 1, 1}, {KVM_REG_PPC_DPDES, 0, 0},
	{KVM_REG_PPC_DAWR, 0x10000, 0x10000},
	{KVM_REG_PPC_DAWRX, 0x1ff, 0x1ff & ~4ULL},               /* HYP stripped */
	{KVM_REG_PPC_CIABR, 0x10003, 0x10000},                   /* hyp breakpoint off */
	{KVM_REG_PPC_CIABR, 0x10001, 0x10001},
	{KVM_REG_PPC_IC, 0x1000, 0x1000}, {KVM_REG_PPC_VTB, 0x2000, 0x2000},
	{KVM_REG_PPC_CSIGR, 3, 3}, {KVM_REG_PPC_TACR, 4, 4}, {KVM_REG_PPC_TCSCR, 5, 5},
	{KVM_REG_PPC_PID, 0x1234, 0x1234}, {KVM_REG_PPC_ACOP, 6, 6},
	{KVM_REG_PPC_VRSAVE, 0xffffffff, 0xffffffff},
	{KVM_REG_PPC_PPR, 0x000c000000000000ULL, 0x000c000000000000ULL}, /* priority 3 */
	{KVM_REG_PPC_DABR, 0x1007, 0x1007},
	{KVM_REG_PPC_DABRX, 0x7, 0x3},                           /* HYP stripped */
	{KVM_REG_PPC_WORT, 9, 9}, {KVM_REG_PPC_TIDR, 10, 10},
	{KVM_REG_PPC_PSSCR, 0xffffffffffffffffULL, 0xf0000000000003ffULL},
	{KVM_REG_PPC_PTCR, 0x0000000012340005ULL, 0x0000000012340005ULL},
	{KVM_REG_PPC_ONLINE, 1, 1}, {KVM_REG_PPC_ONLINE, 0, 0},
	{KVM_REG_PPC_ARCH_COMPAT, 0x0f000004, 0x0f000004},
	{KVM_REG_PPC_ARCH_COMPAT, 0, 0},
	{KVM_REG_PPC_HIOR, 0, 0},
	{KVM_REG_PPC_TB_OFFSET, 0x1000001, 0x2000000},         /* rounded up to 2^24 */
	{KVM_REG_PPC_TB_OFFSET, 0, 0},
	{KVM_REG_PPC_DEC_EXPIRY, 0x123456789abcULL, 0x123456789abcULL},
	/* LPES (0x8, set at reset) is not writable through ONE_REG */
	{KVM_REG_PPC_LPCR_64, 0xffffffffffffffffULL, 0x0070000000000000ULL | (1ULL << 25) |
		(1ULL << 9) | (3ULL << 23) | (1ULL << 17) | 0x8},
	{KVM_REG_PPC_LPCR, 0, 0x8},
	{KVM_REG_PPC_VPA_ADDR, 0x1080, 0x1080},
	{KVM_REG_PPC_TM_CR, 1, 1}, {KVM_REG_PPC_TM_LR, 2, 2}, {KVM_REG_PPC_TM_CTR, 3, 3},
	{KVM_REG_PPC_TM_FPSCR, 4, 4}, {KVM_REG_PPC_TM_AMR, 5, 5}, {KVM_REG_PPC_TM_PPR, 6, 6},
	{KVM_REG_PPC_TM_VRSAVE, 7, 7}, {KVM_REG_PPC_TM_VSCR, 0x10001, 0x10001},
	{KVM_REG_PPC_TM_DSCR, 8, 8}, {KVM_REG_PPC_TM_TAR, 9, 9}, {KVM_REG_PPC_TM_XER, 10, 10},
};

static void test_round_trip(void **st)
{
	struct fx *f = *st;
	bool p8 = f->c->isa < PPC_ISA_300;
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		int err;
		if (p8 && plain[i].id == KVM_REG_PPC_LPCR_64)
			continue; /* LD is not writable on POWER8: checked below */
		assert_int_equal(set64(f->vcpu, plain[i].id, plain[i].in), 0);
		uint64_t out = get64(f->vcpu, plain[i].id, &err);
		assert_int_equal(err, 0);
		if (out != plain[i].out)
			fail_msg("id %#llx: got %#llx want %#llx", (unsigned long long)plain[i].id,
				 (unsigned long long)out, (unsigned long long)plain[i].out);
	}
	if (p8) {
		int err;
		assert_int_equal(set64(f->vcpu, KVM_REG_PPC_LPCR_64, ~0ULL), 0);
		assert_int_equal(get64(f->vcpu, KVM_REG_PPC_LPCR_64, &err),
				 0x0070000000000000ULL | (1ULL << 25) | (1ULL << 9) | (3ULL << 23) | 0x8);
	}
}

static void test_families(void **st)
{
	struct fx *f = *st;
	int err;
	for (unsigned n = 0; n < 32; n++) {
		assert_int_equal(set64(f->vcpu, KVM_REG_PPC_FPR(n), 0x4000000000000000ULL + n), 0);
		assert_int_equal(get64(f->vcpu, KVM_REG_PPC_FPR(n), &err), 0x4000000000000000ULL + n);
		assert_int_equal(set64(f->vcpu, KVM_REG_PPC_TM_GPR(n), n * 3), 0);
		assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TM_GPR(n), &err), n * 3);
	}
	for (unsigned n = 0; n < 64 + 32; n++) {
		uint64_t id = n < 32 ? KVM_REG_PPC_VR(n) : n < 64 ? KVM_REG_PPC_VSR(n - 32)
								 : KVM_REG_PPC_TM_VSR(n - 64);
		union kvmppc_one_reg v = {.vsxval = {n, ~(uint64_t)n}}, back;
		struct kvm_one_reg r = {.id = id, .addr = (uintptr_t)&v};
		assert_int_equal(kvmppc_set_one_reg(f->vcpu, &r), 0);
		r.addr = (uintptr_t)&back;
		assert_int_equal(kvmppc_get_one_reg(f->vcpu, &r), 0);
		assert_int_equal(back.vsxval[0], n);
		assert_int_equal(back.vsxval[1], ~(uint64_t)n);
	}
	/* FPR n is doubleword 0 of VSR n; VR n is VSR 32+n */
	struct ppc_cpu *c = f->c;
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_FPR(5), 0x1234), 0);
	assert_int_equal(c->vsr[5].dw[0], 0x1234);
	union kvmppc_one_reg v = {.vsxval = {7, 8}};
	struct kvm_one_reg r = {.id = KVM_REG_PPC_VR(3), .addr = (uintptr_t)&v};
	assert_int_equal(kvmppc_set_one_reg(f->vcpu, &r), 0);
	assert_int_equal(c->vsr[35].dw[0], 7);
	assert_int_equal(c->vsr[35].dw[1], 8);
}

static void test_special(void **st)
{
	struct fx *f = *st;
	int err;
	/* DEBUG_INST reads the sw breakpoint and cannot be written */
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_DEBUG_INST, &err), 0x00dddd00);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_DEBUG_INST, 0), -EINVAL);
	/* HIOR: only 0 */
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_HIOR, 0x100), -EINVAL);
	/* LPCR U32 keeps the upper half; ILE drives interrupt endianness */
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_LPCR_64, 0x0070000000000000ULL), 0);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_LPCR, 1u << 25), 0);
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_LPCR_64, &err),
			 0x0070000000000000ULL | (1ULL << 25) | 0x8);
	assert_int_equal(f->c->intr_msr & MSR_LE, MSR_LE);
	/* ARCH_COMPAT: ISA 3.1 (0x0f000006) is newer than POWER9 and unknown values fail */
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_ARCH_COMPAT, 0x0f000006), -EINVAL);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_ARCH_COMPAT, 0x12345678), -EINVAL);
	/* VPA: alignment, SLB/DTL need a VPA, DTL length rounded to 48 */
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_VPA_ADDR, 0x1001), -EINVAL);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_VPA_ADDR, 0), 0);
	union kvmppc_one_reg v = {.vpaval = {.addr = 0x2000, .length = 100}};
	struct kvm_one_reg r = {.id = KVM_REG_PPC_VPA_DTL, .addr = (uintptr_t)&v};
	assert_int_equal(kvmppc_set_one_reg(f->vcpu, &r), -EINVAL); /* no VPA */
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_VPA_ADDR, 0x1000), 0);
	assert_int_equal(kvmppc_set_one_reg(f->vcpu, &r), 0);
	union kvmppc_one_reg back;
	r.addr = (uintptr_t)&back;
	assert_int_equal(kvmppc_get_one_reg(f->vcpu, &r), 0);
	assert_int_equal(back.vpaval.addr, 0x2000);
	assert_int_equal(back.vpaval.length, 96);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_VPA_ADDR, 0), -EINVAL); /* DTL registered */
	v.vpaval.addr = 0x3000;
	v.vpaval.length = 0x400;
	r.id = KVM_REG_PPC_VPA_SLB;
	r.addr = (uintptr_t)&v;
	assert_int_equal(kvmppc_set_one_reg(f->vcpu, &r), 0);
	/* interrupt controller state: not here */
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_ICP_STATE, 0), -ENXIO);
}

/* ARCH_COMPAT 2.07 on a POWER9 makes ISA 3.0 instructions illegal; SPRs stay POWER9's. */
static void test_arch_compat(void **st)
{
	struct fx *f = *st;
	struct ppc_cpu *c = f->c;
	assert_non_null(ppc_decode(0x44000001, c->isa)); /* scv 0 */
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_ARCH_COMPAT, 0x0f000004), 0);
	assert_int_equal(c->isa, PPC_ISA_207);
	assert_null(ppc_decode(0x44000001, c->isa));
	assert_non_null(spr_lookup(c, SPR_PIDR));
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_ARCH_COMPAT, 0x0f100003), 0);
	assert_int_equal(c->isa, PPC_ISA_207);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_ARCH_COMPAT, 0x0f000005), 0);
	assert_int_equal(c->isa, PPC_ISA_300);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_ARCH_COMPAT, 0), 0);
	assert_int_equal(c->isa, PPC_ISA_300);
}

static void test_rejected(void **st)
{
	struct fx *f = *st;
	static const uint64_t booke[] = {
		KVM_REG_PPC_IAC1, KVM_REG_PPC_IAC2, KVM_REG_PPC_IAC3, KVM_REG_PPC_IAC4,
		KVM_REG_PPC_DAC1, KVM_REG_PPC_DAC2, KVM_REG_PPC_EPCR, KVM_REG_PPC_EPR,
		KVM_REG_PPC_OR_TSR, KVM_REG_PPC_CLEAR_TSR, KVM_REG_PPC_TCR, KVM_REG_PPC_TSR,
		KVM_REG_PPC_MAS0, KVM_REG_PPC_MAS1, KVM_REG_PPC_MAS2, KVM_REG_PPC_MAS7_3,
		KVM_REG_PPC_MAS4, KVM_REG_PPC_MAS6, KVM_REG_PPC_MMUCFG, KVM_REG_PPC_TLB0CFG,
		KVM_REG_PPC_TLB1CFG, KVM_REG_PPC_TLB2CFG, KVM_REG_PPC_TLB3CFG,
		KVM_REG_PPC_TLB0PS, KVM_REG_PPC_TLB1PS, KVM_REG_PPC_TLB2PS, KVM_REG_PPC_TLB3PS,
		KVM_REG_PPC_EPTCFG, KVM_REG_PPC_SPRG9, KVM_REG_PPC_DBSR,
		/* wrong sizes of real registers */
		KVM_REG_PPC | KVM_REG_SIZE_U32 | 0x0c,  /* DAR as U32 */
		KVM_REG_PPC | KVM_REG_SIZE_U64 | 0x18,  /* PMC1 as U64 */
		KVM_REG_PPC | KVM_REG_SIZE_U64 | 0x81,  /* VSCR as U64 */
		KVM_REG_PPC | KVM_REG_SIZE_U64 | 0xc1,  /* past the end */
	};
	for (size_t i = 0; i < sizeof(booke) / sizeof(booke[0]); i++) {
		int err;
		(void)get64(f->vcpu, booke[i], &err);
		assert_int_equal(err, -EINVAL);
		assert_int_equal(set64(f->vcpu, booke[i], 0), -EINVAL);
	}
}

/*
 * The TM ids are the checkpoint of a running transaction (cpu/tm.c): tbegin. fills them,
 * and what a VMM writes there is what a failure restores; TFHAR/TFIAR/TEXASR follow.
 */
static void test_tm_checkpoint(void **st)
{
	struct fx *f = *st;
	struct ppc_cpu *c = f->c;
	int err;
	const uint64_t msr = MSR_SF | MSR_ME | MSR_TM;
	c->gpr[3] = 0x333;
	c->cr = 0x44444444;
	c->lr = 0x5550;
	c->vsr[40].dw[1] = 0x4040;
	c->spr[SPR_VRSAVE] = 0x77;
	c->vscr = 0x10000;
	/* tbegin. at 0x1000 */
	assert_int_equal(exec_at(c, 0x1000, msr, 0x7c00051d), PPC_OK);
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TM_GPR(3), &err), 0x333);
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TM_CR, &err), 0x44444444);
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TM_LR, &err), 0x5550);
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TM_VRSAVE, &err), 0x77);
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TM_VSCR, &err), 0x10000);
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TFHAR, &err), 0x1004);
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TEXASR, &err), 1); /* TL = 1 */
	union kvmppc_one_reg v;
	struct kvm_one_reg r = {.id = KVM_REG_PPC_TM_VSR(40), .addr = (uintptr_t)&v};
	assert_int_equal(kvmppc_get_one_reg(f->vcpu, &r), 0);
	assert_int_equal(v.vsxval[1], 0x4040);
	/* a VMM rewrites the checkpoint; the abort restores what it wrote */
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_TM_GPR(3), 0x999), 0);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_TM_CTR, 0x1234), 0);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_TM_XER, 0x20000000), 0);
	assert_int_equal(set64(f->vcpu, KVM_REG_PPC_TM_TAR, 0x8880), 0);
	v.vsxval[0] = 1;
	v.vsxval[1] = 2;
	r.id = KVM_REG_PPC_TM_VSR(3);
	assert_int_equal(kvmppc_set_one_reg(f->vcpu, &r), 0);
	c->gpr[3] = 0;
	assert_int_equal(exec_at(c, 0x1004, c->msr, 0x7c00071d /* tabort. 0 */), PPC_EXC);
	assert_int_equal(c->nia, 0x1004);
	assert_int_equal(c->gpr[3], 0x999);
	assert_int_equal(c->ctr, 0x1234);
	assert_int_equal(c->ca, 1);
	assert_int_equal(c->spr[SPR_TAR], 0x8880);
	assert_int_equal(c->vsr[3].dw[0], 1);
	assert_int_equal(c->vsr[3].dw[1], 2);
	uint64_t tex = get64(f->vcpu, KVM_REG_PPC_TEXASR, &err);
	assert_int_equal(err, 0);
	assert_int_equal(tex & 0x0000000108000000ULL, 0x0000000108000000ULL); /* ABT, FS */
	assert_int_equal(get64(f->vcpu, KVM_REG_PPC_TFIAR, &err), 0x1004);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup_p8, teardown),
		cmocka_unit_test_setup_teardown(test_families, setup, teardown),
		cmocka_unit_test_setup_teardown(test_special, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arch_compat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tm_checkpoint, setup_p8, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
