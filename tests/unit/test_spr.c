/* SPDX-License-Identifier: MIT */
/*
 * mfspr/mtspr: the access matrix of every SPR table row in problem, privileged and
 * hypervisor state (and a PAPR guest's privileged state) on POWER8 and POWER9, the
 * undefined-SPR rules of ISA 3.0B Book III 5.4.4, widths, masks and side effects.
 */
#include "priv_fixture.h"

enum outcome { O_OK, O_NOOP, O_PRIV, O_ILL, O_HEAI, O_FAC, O_HFAC };

static enum outcome classify(struct ppc_cpu *c, int st, uint64_t rt_before, uint64_t rt_after,
			     bool is_read)
{
	if (st == PPC_OK)
		return (is_read && rt_before == rt_after && rt_before == 0xdeadbeefcafef00dULL)
			       ? O_NOOP : O_OK;
	switch (c->nia) {
	case 0x700:
		return (c->spr[SPR_SRR1] & 0x00040000) ? O_PRIV : O_ILL;
	case 0xe40: return O_HEAI;
	case 0xf60: return O_FAC;
	case 0xf80: return O_HFAC;
	default: fail_msg("unexpected vector %#llx", (unsigned long long)c->nia);
	}
	return O_OK;
}

/* What ISA 3.0B 5.4.4 says for SPR @n with least state @need, from @state (SA_*). */
static enum outcome expect(unsigned n, unsigned need, unsigned state, bool papr)
{
	if (need == SA_NO) { /* undefined in this direction */
		if (state == SA_U)
			return (n & 0x10) ? O_PRIV : O_ILL;
		return (n == 0 || (n >= 4 && n <= 6)) ? O_ILL : O_NOOP;
	}
	if (state >= need)
		return O_OK;
	if (state == SA_U)
		return (n & 0x10) ? O_PRIV : O_ILL;
	return papr ? O_ILL : O_HEAI;
}

static void matrix(uint32_t pvr, bool papr)
{
	struct fx *f = fx_new(pvr, papr);
	struct ppc_cpu *c = f->c;
	unsigned model = pvr == PVR_POWER9 ? SPR_P9 : SPR_P8;
	static const uint64_t state_msr[] = {0, MSR_USER | MSR_TM, MSR_KERNEL | MSR_TM,
					     MSR_HVK | MSR_TM};
	unsigned checked = 0;
	for (unsigned r = 0; r < spr_table_count; r++) {
		const struct spr_def *d = &spr_table[r];
		if (!(d->models & model))
			continue;
		for (unsigned state = SA_U; state <= SA_H; state++) {
			if (papr && state == SA_H)
				continue; /* a PAPR guest never runs in hypervisor state */
			for (int dir = 0; dir < 2; dir++) {
				c->spr[SPR_FSCR] = ~0ULL & ~(0xffULL << 56);
				c->spr[SPR_HFSCR] = ~0ULL & ~(0xffULL << 56);
				c->spr[SPR_MMCR0] = 0x80000000; /* PMCC = 00 */
				c->gpr[3] = 0xdeadbeefcafef00dULL;
				uint64_t save = c->spr[d->store];
				uint32_t insn = dir ? enc_mtspr(d->num, 3) : enc_mfspr(3, d->num);
				int st = exec_at(c, 0x1000, state_msr[state], insn);
				enum outcome got = classify(c, st, 0xdeadbeefcafef00dULL, c->gpr[3], !dir);
				unsigned need = dir ? d->wr : d->rd;
				enum outcome want = expect(d->num, need, state, papr);
				if (want == O_OK && !dir && state == SA_U && d->fac == 0xff)
					want = O_OK; /* PMU view, PMCC = 00: readable */
				if (dir && want == O_NOOP) {
					/* a write no-op: returns normally, stores nothing */
					want = O_OK;
					if (c->spr[d->store] != save)
						fail_msg("spr %u: no-op write changed storage", d->num);
				}
				if (got == O_NOOP && want == O_OK)
					got = O_OK; /* a register that happened to hold the pattern */
				if (got != want)
					fail_msg("%s pvr %#x spr %u (%s) %s from state %u: got %d want %d",
						 papr ? "papr" : "hv", pvr, d->num, d->name,
						 dir ? "mtspr" : "mfspr", state, got, want);
				c->spr[d->store] = save;
				checked++;
			}
		}
	}
	assert_true(checked > 300);
	fx_free(f);
}

static void test_matrix_p9(void **st) { (void)st; matrix(PVR_POWER9, false); }
static void test_matrix_p8(void **st) { (void)st; matrix(PVR_POWER8, false); }
static void test_matrix_p9_papr(void **st) { (void)st; matrix(PVR_POWER9, true); }
static void test_matrix_p8_papr(void **st) { (void)st; matrix(PVR_POWER8, true); }

/* Undefined numbers (5.4.4): privileged no-op except 0, 4, 5, 6; problem state per spr0. */
static void test_undefined(void **st)
{
	(void)st;
	struct fx *f = fx_new(PVR_POWER9, true);
	struct ppc_cpu *c = f->c;
	c->gpr[3] = 77;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(3, 777)), PPC_OK);
	assert_int_equal(c->gpr[3], 77); /* RT unchanged */
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(777, 3)), PPC_OK);
	for (unsigned n = 4; n <= 6; n++) {
		assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(3, n)), PPC_EXC);
		assert_int_equal(c->nia, 0x700);
		assert_int_equal(c->spr[SPR_SRR1] & 0x783f0000, 0x00080000);
	}
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(0, 3)), PPC_EXC);
	/* problem state: 777 = 0x309 (spr0 = 0) illegal, 784 = 0x310 privileged */
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(3, 777)), PPC_EXC);
	assert_int_equal(c->spr[SPR_SRR1] & 0x783f0000, 0x00080000);
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(3, 784)), PPC_EXC);
	assert_int_equal(c->spr[SPR_SRR1] & 0x783f0000, 0x00040000);
	/* SPRs POWER8 lacks are undefined there: PIDR (48) is a no-op on a P8 guest */
	fx_free(f);
	f = fx_new(PVR_POWER8, true);
	c = f->c;
	c->gpr[3] = 5;
	assert_int_equal(exec_at(f->c, 0x1000, MSR_KERNEL, enc_mtspr(48, 3)), PPC_OK);
	assert_int_equal(c->spr[48], 0);
	fx_free(f);
}

/* Every census SPR (isa-census/spr-raw.txt) must be accepted by a P8/P9 PAPR guest's
 * privileged state without an illegal-instruction interrupt unless hypervisor-only. */
static void test_census(void **st)
{
	(void)st;
	static const unsigned census[] = {
		1, 8, 9, 17, 18, 19, 22, 25, 26, 27, 28, 29, 31, 48, 61, 128, 129, 130, 136, 144,
		152, 153, 157, 159, 176, 177, 180, 181, 186, 187, 188, 189, 190, 256, 268, 272,
		273, 274, 275, 283, 284, 285, 286, 287, 304, 305, 306, 307, 308, 309, 310, 311,
		314, 315, 316, 318, 319, 336, 337, 338, 339, 349, 446, 464, 752, 753, 754, 780,
		784, 785, 786, 787, 788, 789, 790, 791, 792, 793, 794, 795, 796, 797, 798, 799,
		804, 805, 806, 815, 816, 823, 848, 849, 850, 851, 853, 854, 855, 862, 863, 880,
		881, 882, 883, 884, 885, 886, 887, 888, 889, 890, 892, 893, 894, 895, 896, 921,
		978, 979, 981, 982, 1008, 1009, 1012, 1013, 1014, 1015, 1019, 1021, 1023};
	for (int m = 0; m < 2; m++) {
		struct fx *f = fx_new(m ? PVR_POWER9 : PVR_POWER8, false);
		struct ppc_cpu *c = f->c;
		for (size_t i = 0; i < sizeof(census) / sizeof(census[0]); i++) {
			/* hypervisor state: everything defined is allowed, the rest a no-op */
			c->gpr[3] = 0;
			c->spr[SPR_HFSCR] = c->spr[SPR_FSCR] = ~0ULL;
			int s1 = exec_at(c, 0x1000, MSR_HVK | MSR_TM, enc_mfspr(3, census[i]));
			const struct spr_def *d = spr_lookup(c, census[i]);
			if (!(d && d->rd == SA_NO))
				assert_int_equal(s1, PPC_OK);
			uint64_t save = c->spr[census[i]];
			int s2 = exec_at(c, 0x1000, MSR_HVK | MSR_TM, enc_mtspr(census[i], 3));
			if (!(d && d->wr == SA_NO))
				assert_int_equal(s2, PPC_OK);
			c->spr[census[i]] = save;
		}
		/* TRIG2 from a guest's privileged state (executed 17-52 k times per boot) */
		c->gpr[3] = 0;
		assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(882, 3)), PPC_OK);
		fx_free(f);
	}
}

static void test_width_and_masks(void **st)
{
	(void)st;
	struct fx *f = fx_new(PVR_POWER9, true);
	struct ppc_cpu *c = f->c;
	/* 32-bit SPRs zero-extend */
	c->gpr[3] = ~0ULL;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_DSISR, 3)), PPC_OK);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_DSISR)), PPC_OK);
	assert_int_equal(c->gpr[4], 0xffffffffULL);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PVR)), PPC_OK);
	assert_int_equal(c->gpr[4], PVR_POWER9);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PIR)), PPC_OK);
	assert_int_equal(c->gpr[4], 0);
	/* PVR is read-only: mtspr is a no-op in privileged state */
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_PVR, 3)), PPC_OK);
	assert_int_equal(c->spr[SPR_PVR], PVR_POWER9);
	/* XER, LR, CTR reach the CPU fields */
	c->gpr[3] = 0xe0000000ULL | 0x7f;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mtspr(SPR_XER, 3)), PPC_OK);
	assert_int_equal(c->so + c->ov + c->ca, 3);
	assert_int_equal(c->xer_bc, 0x7f);
	c->gpr[3] = 0x1234;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mtspr(SPR_LR, 3)), PPC_OK);
	assert_int_equal(c->lr, 0x1234);
	/* UAMR in problem state only changes the bits UAMOR allows */
	c->spr[SPR_UAMOR] = 0xf0;
	c->spr[SPR_AMR] = 0;
	c->gpr[3] = ~0ULL;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mtspr(SPR_UAMR, 3)), PPC_OK);
	assert_int_equal(c->spr[SPR_AMR], 0xf0);
	/* CTRL: write 152 (privileged), read 136 (problem state) with the RUN bit */
	c->gpr[3] = 0;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_CTRLT, 3)), PPC_OK);
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(4, SPR_CTRLF)), PPC_OK);
	assert_int_equal(c->gpr[4], 0);
	c->gpr[3] = 1;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_CTRLT, 3)), PPC_OK);
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(4, SPR_CTRLF)), PPC_OK);
	assert_int_equal(c->gpr[4] & 1, 1);
	/* PPR: problem state may only choose priorities 2..4 */
	c->gpr[3] = 6ULL << 50;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mtspr(SPR_PPR, 3)), PPC_OK);
	assert_int_equal(c->spr[SPR_PPR] >> 50 & 7, 4); /* unchanged (reset: medium) */
	c->gpr[3] = 2ULL << 50;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mtspr(SPR_PPR, 3)), PPC_OK);
	assert_int_equal(c->spr[SPR_PPR] >> 50 & 7, 2);
	/* PPR32 is the upper word */
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(4, SPR_PPR32)), PPC_OK);
	assert_int_equal(c->gpr[4], 2u << 18);
	fx_free(f);
}

static void test_facilities(void **st)
{
	(void)st;
	struct fx *f = fx_new(PVR_POWER9, false);
	struct ppc_cpu *c = f->c;
	/* TAR in problem state with FSCR[TAR] = 0: facility unavailable, IC = 8 */
	c->spr[SPR_FSCR] = 0;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(3, SPR_TAR)), PPC_EXC);
	assert_int_equal(c->nia, 0xf60);
	assert_int_equal(c->spr[SPR_FSCR] >> 56, 8);
	/* HFSCR[TAR] = 0 from a guest: hypervisor facility unavailable into HSRR */
	c->spr[SPR_FSCR] = 1ULL << 8;
	c->spr[SPR_HFSCR] = 0;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(3, SPR_TAR)), PPC_EXC);
	assert_int_equal(c->nia, 0xf80);
	assert_int_equal(c->spr[SPR_HFSCR] >> 56, 8);
	assert_int_equal(c->spr[SPR_HSRR0], 0x1000);
	/* TM SPRs need MSR[TM] even in privileged state */
	c->spr[SPR_HFSCR] = ~0ULL;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(3, SPR_TEXASR)), PPC_EXC);
	assert_int_equal(c->nia, 0xf60);
	assert_int_equal(c->spr[SPR_FSCR] >> 56, 5);
	/* problem-state DSCR (3) with FSCR[DSCR] = 0 */
	c->spr[SPR_FSCR] = 0;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mtspr(3, 3)), PPC_EXC);
	assert_int_equal(c->spr[SPR_FSCR] >> 56, 2);
	/* PMU views with MMCR0[PMCC] = 01 */
	c->spr[SPR_MMCR0] = 1ULL << 18;
	c->spr[SPR_FSCR] = ~0ULL >> 8;
	assert_int_equal(exec_at(c, 0x1000, MSR_USER, enc_mfspr(3, 771)), PPC_EXC);
	assert_int_equal(c->spr[SPR_FSCR] >> 56, 3);
	/* the privileged PMU registers and DSCR from a guest need HFSCR[PM] / HFSCR[DSCR] */
	c->spr[SPR_HFSCR] = 0;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mfspr(3, SPR_MMCR0)), PPC_EXC);
	assert_int_equal(c->nia, 0xf80);
	assert_int_equal(c->spr[SPR_HFSCR] >> 56, 3);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL, enc_mtspr(SPR_DSCR, 3)), PPC_EXC);
	assert_int_equal(c->spr[SPR_HFSCR] >> 56, 2);
	/* the hypervisor itself is never stopped by HFSCR */
	assert_int_equal(exec_at(c, 0x1000, MSR_HVK, enc_mfspr(3, SPR_MMCR0)), PPC_OK);
	fx_free(f);
}

/* Models by PVR through KVM_SET_SREGS: POWER8 family and POWER9 accepted, others not. */
static void test_models(void **st)
{
	(void)st;
	struct fx *f = fx_new(0, false);
	struct kvm_sregs sr;
	assert_int_equal(kvmppc_get_sregs(f->vcpu, &sr), 0);
	assert_int_equal(sr.pvr, PVR_POWER9); /* the default model */
	static const struct { uint32_t pvr; int ok; enum ppc_isa_level isa; } m[] = {
		{0x004d0200, 1, PPC_ISA_207}, {0x004b0201, 1, PPC_ISA_207},
		{0x004c0100, 1, PPC_ISA_207}, {0x004e1202, 1, PPC_ISA_300},
		{0x004e0100, 1, PPC_ISA_300}, {0x003f0201, 0, 0}, {0x00800100, 0, 0},
		{0, 0, 0},
	};
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		sr.pvr = m[i].pvr;
		int r = kvmppc_set_sregs(f->vcpu, &sr);
		if (!m[i].ok) {
			assert_int_equal(r, -22);
			continue;
		}
		assert_int_equal(r, 0);
		assert_int_equal(f->c->isa, m[i].isa);
		assert_int_equal(exec_at(f->c, 0x1000, MSR_KERNEL, enc_mfspr(4, SPR_PVR)), PPC_OK);
		assert_int_equal(f->c->gpr[4], m[i].pvr);
		/* PIDR exists on POWER9 only */
		assert_int_equal(spr_lookup(f->c, SPR_PIDR) != NULL, m[i].isa == PPC_ISA_300);
	}
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix_p9),
		cmocka_unit_test(test_matrix_p8),
		cmocka_unit_test(test_matrix_p9_papr),
		cmocka_unit_test(test_matrix_p8_papr),
		cmocka_unit_test(test_undefined),
		cmocka_unit_test(test_census),
		cmocka_unit_test(test_width_and_masks),
		cmocka_unit_test(test_facilities),
		cmocka_unit_test(test_models),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
