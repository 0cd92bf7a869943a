/* SPDX-License-Identifier: MIT */
/* Hash MMU: SLB instructions, HPT search, page sizes, protection, R/C, faults, and the
 * PAPR HPT hcalls. HPTEs are built here from the ISA 3.0B Book III 5.7.7 formulas. */
#include "mmu_fixture.h"

#define VSID 0x123456ULL
#define NGROUPS (1u << (18 - 7)) /* 256 KiB HPT: 2048 PTEGs */
#define HV_V 1ULL
#define HV_H 2ULL
#define HV_L 4ULL
#define R_R 0x100ULL
#define R_C 0x80ULL
#define R_M 0x10ULL

static int setup(void **state)
{
	fx_setup(state);
	struct fx *f = *state;
	assert_int_equal(hash_papr_hpt_alloc(&f->vm->mach, 18), 0);
	cpu_set_msr(f->c, MSR_SF | MSR_IR | MSR_DR | MSR_ME);
	return 0;
}

static uint8_t *hpt(struct fx *f)
{
	return f->vm->mach.papr_hpt;
}

static void put_hpte(struct fx *f, uint64_t idx, uint64_t v, uint64_t r)
{
	put_be64(hpt(f) + idx * 16 + 8, r);
	put_be64(hpt(f) + idx * 16, v);
}

static uint64_t hpte_r(struct fx *f, uint64_t idx)
{
	return get_be64(hpt(f) + idx * 16 + 8);
}

/* slbmte RS=vsid image, RB=esid|V|index, through the instruction. */
static void slb_set(struct fx *f, unsigned idx, uint64_t esid, uint64_t vsid_img)
{
	f->c->gpr[3] = vsid_img;
	f->c->gpr[4] = esid | 0x08000000ULL | idx;
	assert_int_equal(exec1(f, 0x7c602324 /* slbmte r3,r4 */), PPC_OK);
}

/* 256M segment: hash = VSID ^ (EA[36:63] >> p); AVPN = VA[0:54]. */
static uint64_t hash256(uint64_t vsid, uint64_t ea, unsigned p)
{
	return (vsid ^ ((ea & 0x0fffffffULL) >> p)) & ((1ULL << 39) - 1);
}

static uint64_t avpn256(uint64_t vsid, uint64_t ea)
{
	return (vsid << 5) | ((ea & 0x0fffffffULL) >> 23);
}

static void expect_dsi(struct fx *f, int st, uint64_t ea, uint64_t dsisr)
{
	assert_int_equal(st, PPC_EXC);
	assert_int_equal(f->c->nia, 0x300);
	assert_int_equal(f->c->spr[19], ea);
	assert_int_equal(f->c->spr[18], dsisr);
	assert_int_equal(f->c->spr[26], 0x700000);
}

static void reset(struct fx *f)
{
	f->c->cia = 0x700000;
	cpu_set_msr(f->c, MSR_SF | MSR_IR | MSR_DR | MSR_ME);
}

static void test_slb_instructions(void **state)
{
	struct fx *f = *state;
	uint64_t vimg = (VSID << 12) | 0x400 /* Kp */;
	slb_set(f, 3, 0x10000000ULL, vimg);
	f->c->gpr[4] = 3;
	assert_int_equal(exec1(f, 0x7c602726 /* slbmfee r3,r4 */), PPC_OK);
	assert_int_equal(f->c->gpr[3], 0x10000000ULL | 0x08000000ULL);
	assert_int_equal(exec1(f, 0x7c6026a6 /* slbmfev r3,r4 */), PPC_OK);
	assert_int_equal(f->c->gpr[3], vimg);
	uint64_t slbe, slbv;
	hash_slb_read(f->c, 3, &slbe, &slbv);
	assert_int_equal(slbe, 0x10000000ULL | 0x08000000ULL | 3);
	assert_int_equal(slbv, vimg);
	/* slbfee. finds the entry for any EA in the segment: CR0 = 0b0010 */
	f->c->gpr[4] = 0x1abcdef0ULL;
	assert_int_equal(exec1(f, 0x7c6027a7 /* slbfee. r3,r4 */), PPC_OK);
	assert_int_equal(f->c->gpr[3], vimg);
	assert_int_equal(cpu_get_crf(f->c, 0), 2);
	f->c->gpr[4] = 0x20000000ULL;
	assert_int_equal(exec1(f, 0x7c6027a7), PPC_OK);
	assert_int_equal(f->c->gpr[3], 0);
	assert_int_equal(cpu_get_crf(f->c, 0), 0);
	/* slbie removes it */
	f->c->gpr[4] = 0x10000000ULL;
	assert_int_equal(exec1(f, 0x7c002364 /* slbie r4 */), PPC_OK);
	f->c->gpr[4] = 0x1abcdef0ULL;
	assert_int_equal(exec1(f, 0x7c6027a7), PPC_OK);
	assert_int_equal(cpu_get_crf(f->c, 0), 0);
	/* slbia IH=1 keeps entry 0, removes the others; IH=0 on POWER9 removes all */
	slb_set(f, 0, 0x00000000ULL, vimg);
	slb_set(f, 5, 0x30000000ULL, vimg);
	assert_int_equal(exec1(f, 0x7c2003e4 /* slbia 1 */), PPC_OK);
	assert_non_null(hash_slb_find(f->c, 0x0000100));
	assert_null(hash_slb_find(f->c, 0x30000100));
	assert_int_equal(exec1(f, 0x7c0003e4 /* slbia */), PPC_OK);
	assert_null(hash_slb_find(f->c, 0x0000100));
	/* IH=3: entries with C = 0 (entry 0 kept) */
	slb_set(f, 0, 0x00000000ULL, vimg);
	slb_set(f, 5, 0x30000000ULL, vimg);
	slb_set(f, 6, 0x40000000ULL, vimg | 0x80);
	assert_int_equal(exec1(f, 0x7c6003e4 /* slbia 3 */), PPC_OK);
	assert_non_null(hash_slb_find(f->c, 0x0000100));
	assert_null(hash_slb_find(f->c, 0x30000100));
	assert_non_null(hash_slb_find(f->c, 0x40000100));
	/* slbmte beyond the 32 entries: illegal */
	f->c->gpr[4] = 32 | 0x08000000ULL;
	assert_int_equal(exec1(f, 0x7c602324), PPC_EXC);
	assert_true(f->c->spr[27] & SRR1_PROG_ILL);
	reset(f);
	/* problem state: privileged instruction */
	cpu_set_msr(f->c, MSR_SF | MSR_PR | MSR_ME | MSR_IR | MSR_DR);
	f->c->cia = 0x700000;
	assert_int_equal(exec1(f, 0x7c602324), PPC_EXC);
	assert_int_equal(f->c->nia, 0x700);
	assert_true(f->c->spr[27] & SRR1_PROG_PRIV);
	/* reserved bit (RA field of slbmte) set: illegal */
	reset(f);
	assert_int_equal(exec1(f, 0x7c612324), PPC_EXC);
	assert_true(f->c->spr[27] & SRR1_PROG_ILL);
}

static void test_segment_fault(void **state)
{
	struct fx *f = *state;
	uint64_t val;
	int st = mem_load(f->c, 0x40001000ULL, 4, &val);
	assert_int_equal(st, PPC_EXC);
	assert_int_equal(f->c->nia, 0x380);
	assert_int_equal(f->c->spr[19], 0x40001000ULL);
	/* instruction segment */
	reset(f);
	const uint8_t *h;
	uint64_t real;
	assert_int_equal(mem_fetch_page(f->c, 0x40002000ULL, &h, &real), PPC_EXC);
	assert_int_equal(f->c->nia, 0x480);
	assert_int_equal(f->c->spr[26], 0x40002000ULL);
}

static void test_4k_hit_rc_and_miss(void **state)
{
	struct fx *f = *state;
	uint64_t ea = 0x10005678ULL, real = 0x123000ULL;
	slb_set(f, 1, 0x10000000ULL, VSID << 12);
	uint64_t g = hash256(VSID, ea, 12) & (NGROUPS - 1);
	put_hpte(f, g * 8 + 3, (avpn256(VSID, ea) << 7) | HV_V, real | R_M | 2 /* PP=10 RW */);
	f->ram[real + 0x678] = 0x11;
	f->ram[real + 0x679] = 0x22;
	uint64_t val;
	assert_int_equal(mem_load(f->c, ea, 2, &val), PPC_OK);
	assert_int_equal(val, 0x1122); /* big-endian (MSR[LE] = 0) */
	assert_int_equal(hpte_r(f, g * 8 + 3) & (R_R | R_C), R_R);
	assert_int_equal(mem_store(f->c, ea + 2, 2, 0xa1b2), PPC_OK);
	assert_int_equal(f->ram[real + 0x67a], 0xa1);
	assert_int_equal(hpte_r(f, g * 8 + 3) & (R_R | R_C), R_R | R_C);
	/* no HPTE for the next page: DSI "no translation" (+ store bit) */
	expect_dsi(f, mem_load(f->c, ea + 0x1000, 8, &val), ea + 0x1000, DSISR_NOPTE);
	reset(f);
	expect_dsi(f, mem_store(f->c, ea + 0x1000, 8, 0), ea + 0x1000, DSISR_NOPTE | DSISR_STORE);
}

static void test_secondary_hash(void **state)
{
	struct fx *f = *state;
	uint64_t ea = 0x10077000ULL, real = 0x200000ULL;
	slb_set(f, 1, 0x10000000ULL, VSID << 12);
	uint64_t g = ~hash256(VSID, ea, 12) & (NGROUPS - 1);
	put_hpte(f, g * 8 + 7, (avpn256(VSID, ea) << 7) | HV_H | HV_V, real | R_M | 2);
	f->ram[real + 5] = 0x5a;
	uint64_t val;
	assert_int_equal(mem_load(f->c, ea + 5, 1, &val), PPC_OK);
	assert_int_equal(val, 0x5a);
	/* the same entry without H in the secondary group does not match */
	put_hpte(f, g * 8 + 7, (avpn256(VSID, ea) << 7) | HV_V, real | R_M | 2);
	mem_flush_tlb(f->c);
	expect_dsi(f, mem_load(f->c, ea + 5, 1, &val), ea + 5, DSISR_NOPTE);
}

static void test_64k_and_16m_pages(void **state)
{
	struct fx *f = *state;
	/* 64K base page: SLB L||LP = 1||01 (0x110), HPTE L=1, LP '0001' in RPN bits 48:51 */
	uint64_t ea = 0x20034567ULL, real = 0x350000ULL;
	slb_set(f, 2, 0x20000000ULL, (VSID << 12) | 0x110);
	uint64_t g = hash256(VSID, ea, 16) & (NGROUPS - 1);
	put_hpte(f, g * 8, (avpn256(VSID, ea) << 7) | HV_L | HV_V, real | 0x1000 | R_M | 2);
	f->ram[real + 0x4567] = 0x64;
	uint64_t val;
	assert_int_equal(mem_load(f->c, ea, 1, &val), PPC_OK);
	assert_int_equal(val, 0x64);
	/* 16M page: SLB L||LP = 1||00 (0x100), HPTE L=1, LP 0; AVPN's last bit ignored */
	uint64_t ea2 = 0x30456789ULL;
	slb_set(f, 3, 0x30000000ULL, ((VSID + 1) << 12) | 0x100);
	g = hash256(VSID + 1, ea2, 24) & (NGROUPS - 1);
	put_hpte(f, g * 8 + 1, (avpn256(VSID + 1, ea2) << 7) | HV_L | HV_V, 0 | R_M | 2);
	f->ram[0x456789] = 0x16;
	assert_int_equal(mem_load(f->c, ea2, 1, &val), PPC_OK);
	assert_int_equal(val, 0x16);
	/* a 4K HPTE does not satisfy a 64K segment */
	uint64_t ea3 = 0x20100000ULL;
	g = hash256(VSID, ea3, 16) & (NGROUPS - 1);
	put_hpte(f, g * 8 + 2, (avpn256(VSID, ea3) << 7) | HV_V, real | R_M | 2);
	expect_dsi(f, mem_load(f->c, ea3, 1, &val), ea3, DSISR_NOPTE);
}

static void test_1t_segment(void **state)
{
	struct fx *f = *state;
	/* 1T segment: B = 01; VSID field bits 0:37 are the 1T VSID. hash = v ^ (v << 25) ^
	 * (EA[24:63] >> p); AVPN = VA[0:54] with VA = v || EA[24:63]. */
	uint64_t v1t = 0x2345ULL, ea = 0x0000123456789000ULL & 0xffffffffffULL, esid = 0x10000000000ULL;
	ea |= esid;
	slb_set(f, 4, esid, (1ULL << 62) | (v1t << 24));
	uint64_t off = ea & 0xffffffffffULL;
	uint64_t h = (v1t ^ (v1t << 25) ^ (off >> 12)) & ((1ULL << 39) - 1);
	uint64_t avpn = (v1t << 17) | (off >> 23);
	put_hpte(f, (h & (NGROUPS - 1)) * 8, (1ULL << 62) | (avpn << 7) | HV_V, 0x400000 | R_M | 2);
	f->ram[0x400000] = 0x77;
	uint64_t val;
	assert_int_equal(mem_load(f->c, ea, 1, &val), PPC_OK);
	assert_int_equal(val, 0x77);
}

static void test_pp_and_keys(void **state)
{
	struct fx *f = *state;
	uint64_t ea = 0x50001000ULL, real = 0x101000ULL;
	/* Ks = 0, Kp = 1; PP = 011: read-only for both keys */
	slb_set(f, 6, 0x50000000ULL, (VSID << 12) | 0x400);
	uint64_t g = hash256(VSID, ea, 12) & (NGROUPS - 1);
	put_hpte(f, g * 8, (avpn256(VSID, ea) << 7) | HV_V, real | R_M | 3);
	uint64_t val;
	assert_int_equal(mem_load(f->c, ea, 4, &val), PPC_OK);
	expect_dsi(f, mem_store(f->c, ea, 4, 1), ea, DSISR_PROT | DSISR_STORE);
	/* PP = 000: read/write with key 0 (supervisor, Ks = 0), no access with key 1 (user) */
	reset(f);
	put_hpte(f, g * 8, (avpn256(VSID, ea) << 7) | HV_V, real | R_M | 0);
	mem_flush_tlb(f->c);
	assert_int_equal(mem_store(f->c, ea, 4, 1), PPC_OK);
	cpu_set_msr(f->c, MSR_SF | MSR_IR | MSR_DR | MSR_ME | MSR_PR);
	expect_dsi(f, mem_load(f->c, ea, 4, &val), ea, DSISR_PROT);
	/* storage key 5 (KEY_LO = 101), AMR write-disable for key 5: AMR bit 10 */
	reset(f);
	put_hpte(f, g * 8, (avpn256(VSID, ea) << 7) | HV_V, real | R_M | 2 | (5ULL << 9));
	mem_flush_tlb(f->c);
	f->c->spr[29] = 1ULL << (63 - 10);
	assert_int_equal(mem_load(f->c, ea, 4, &val), PPC_OK);
	expect_dsi(f, mem_store(f->c, ea, 4, 1), ea, DSISR_KEY | DSISR_STORE);
	/* AMR read-disable (bit 11) */
	reset(f);
	f->c->spr[29] = 1ULL << (63 - 11);
	mem_flush_tlb(f->c);
	expect_dsi(f, mem_load(f->c, ea, 4, &val), ea, DSISR_KEY);
	f->c->spr[29] = 0;
}

static void test_fetch_faults(void **state)
{
	struct fx *f = *state;
	uint64_t ea = 0x60002000ULL, real = 0x102000ULL;
	slb_set(f, 7, 0x60000000ULL, VSID << 12);
	uint64_t g = hash256(VSID, ea, 12) & (NGROUPS - 1);
	const uint8_t *h;
	uint64_t r;
	/* N = 1 in the HPTE: ISI, SRR1 bit 35 */
	put_hpte(f, g * 8, (avpn256(VSID, ea) << 7) | HV_V, real | R_M | 2 | 4);
	assert_int_equal(mem_fetch_page(f->c, ea + 8, &h, &r), PPC_EXC);
	assert_int_equal(f->c->nia, 0x400);
	assert_int_equal(f->c->spr[26], ea + 8);
	assert_int_equal(f->c->spr[27] & 0x783f0000ULL, SRR1_ISI_NOEXEC);
	/* G = 1 too */
	reset(f);
	put_hpte(f, g * 8, (avpn256(VSID, ea) << 7) | HV_V, real | R_M | 0x8 | 2);
	assert_int_equal(mem_fetch_page(f->c, ea, &h, &r), PPC_EXC);
	assert_int_equal(f->c->spr[27] & 0x783f0000ULL, SRR1_ISI_NOEXEC);
	/* IAMR execute-disable for key 0 (bit 1) */
	reset(f);
	put_hpte(f, g * 8, (avpn256(VSID, ea) << 7) | HV_V, real | R_M | 2);
	f->c->spr[61] = 1ULL << 62;
	assert_int_equal(mem_fetch_page(f->c, ea, &h, &r), PPC_EXC);
	assert_int_equal(f->c->spr[27] & 0x783f0000ULL, SRR1_ISI_KEY);
	f->c->spr[61] = 0;
	/* fine now; the host page is RAM at real */
	reset(f);
	assert_int_equal(mem_fetch_page(f->c, ea + 4, &h, &r), PPC_OK);
	assert_ptr_equal(h, f->ram + real);
	assert_int_equal(r, real);
	/* no HPTE: ISI bit 33 */
	assert_int_equal(mem_fetch_page(f->c, ea + 0x1000, &h, &r), PPC_EXC);
	assert_int_equal(f->c->spr[27] & 0x783f0000ULL, SRR1_ISI_NOPTE);
}

static void test_hcalls(void **state)
{
	struct fx *f = *state;
	uint64_t ea = 0x10003000ULL, real = 0x180000ULL;
	slb_set(f, 1, 0x10000000ULL, VSID << 12);
	uint64_t g = hash256(VSID, ea, 12) & (NGROUPS - 1);
	uint64_t v = (avpn256(VSID, ea) << 7) | HV_V, r = real | R_M | 2;
	/* H_ENTER fills the first free slot of the group and returns it in r4 */
	put_hpte(f, g * 8, v, r);
	assert_int_equal(hcall(f, H_ENTER, 0, g * 8 + 5, v, r), H_SUCCESS);
	assert_int_equal(f->c->gpr[4], g * 8 + 1);
	assert_int_equal(hcall(f, H_ENTER, H_EXACT, g * 8 + 1, v, r), H_PTEG_FULL);
	assert_int_equal(hcall(f, H_ENTER, 0, 1u << 14, v, r), H_PARAMETER); /* ptex too big */
	assert_int_equal(hcall(f, H_ENTER, 0, 8, v | HV_L, 0x123000ULL | 0x5000), H_PARAMETER);
	assert_int_equal(hcall(f, H_ENTER, 0, 8, v | (2ULL << 62), r), H_PARAMETER); /* B = 10 */
	assert_int_equal(hcall(f, H_ENTER, 0, 8, v, r | 0x20 /* I on RAM */), H_PARAMETER);
	for (int i = 2; i < 8; i++)
		assert_int_equal(hcall(f, H_ENTER, 0, g * 8, v, r), H_SUCCESS);
	assert_int_equal(hcall(f, H_ENTER, 0, g * 8, v, r), H_PTEG_FULL);
	/* H_READ, one and four */
	assert_int_equal(hcall(f, H_READ, 0, g * 8 + 1, 0, 0), H_SUCCESS);
	assert_int_equal(f->c->gpr[4], v);
	assert_int_equal(f->c->gpr[5], r);
	f->c->gpr[8] = 0xdead;
	assert_int_equal(hcall(f, H_READ, H_READ_4, g * 8 + 6, 0, 0), H_SUCCESS);
	assert_int_equal(f->c->gpr[4], v);
	assert_int_equal(f->c->gpr[11], r);
	/* translate through it, then H_PROTECT to read-only: the cached store translation
	 * must go */
	uint64_t val;
	assert_int_equal(mem_store(f->c, ea, 4, 0x01020304), PPC_OK);
	assert_int_equal(hcall(f, H_PROTECT, H_AVPN | 3, g * 8, v & ~0x7fULL, 0), H_SUCCESS);
	assert_int_equal(hpte_r(f, g * 8) & 3, 3);
	assert_int_equal(hcall(f, H_PROTECT, H_AVPN | 3, g * 8, (v & ~0x7fULL) ^ 0x80, 0),
			 H_NOT_FOUND);
	/* several HPTEs translate ea: remove all but slot 0, which is now read-only */
	for (int i = 1; i < 8; i++)
		assert_int_equal(hcall(f, H_REMOVE, 0, g * 8 + i, 0, 0), H_SUCCESS);
	expect_dsi(f, mem_store(f->c, ea, 4, 1), ea, DSISR_PROT | DSISR_STORE);
	reset(f);
	assert_int_equal(mem_load(f->c, ea, 4, &val), PPC_OK);
	assert_int_equal(val, 0x01020304);
	/* H_CLEAR_REF returns the old dword 1 and clears R */
	assert_int_equal(hcall(f, H_CLEAR_REF, 0, g * 8, 0, 0), H_SUCCESS);
	assert_true(f->c->gpr[4] & R_R);
	assert_int_equal(hpte_r(f, g * 8) & R_R, 0);
	assert_int_equal(mem_load(f->c, ea, 4, &val), PPC_OK); /* sets R again */
	assert_true(hpte_r(f, g * 8) & R_R);
	assert_int_equal(hcall(f, H_CLEAR_MOD, 0, g * 8, 0, 0), H_SUCCESS);
	assert_true(f->c->gpr[4] & R_C);
	assert_int_equal(hpte_r(f, g * 8) & R_C, 0);
	/* H_REMOVE: AVPN mismatch, ANDCOND, success with old values, then not found */
	assert_int_equal(hcall(f, H_REMOVE, H_AVPN, g * 8, 0x80, 0), H_NOT_FOUND);
	assert_int_equal(hcall(f, H_REMOVE, H_ANDCOND, g * 8, HV_V, 0), H_NOT_FOUND);
	assert_int_equal(hcall(f, H_REMOVE, H_AVPN, g * 8, v & ~0x7fULL, 0), H_SUCCESS);
	assert_int_equal(f->c->gpr[4], v);
	assert_int_equal(hcall(f, H_REMOVE, 0, g * 8, 0, 0), H_NOT_FOUND);
	assert_int_equal(hcall(f, H_REMOVE, 0, 1u << 14, 0, 0), H_PARAMETER);
	reset(f);
	expect_dsi(f, mem_load(f->c, ea, 4, &val), ea, DSISR_NOPTE);
	/* H_BULK_REMOVE: request, not-found, end */
	reset(f);
	put_hpte(f, 40, v, r | R_R);
	f->c->gpr[8] = 0x4000000000000000ULL | 40;                 /* absolute */
	f->c->gpr[9] = 0;
	f->c->gpr[10] = 0x4000000000000000ULL | 41;                /* empty */
	f->c->gpr[11] = 0;
	f->c->gpr[3] = H_BULK_REMOVE;
	uint64_t *g4 = &f->c->gpr[4];
	g4[0] = f->c->gpr[8]; g4[1] = 0; g4[2] = f->c->gpr[10]; g4[3] = 0;
	g4[4] = 0xc000000000000000ULL;
	assert_int_equal(f->c->mach->hooks->hcall(f->c), PPC_OK);
	assert_int_equal(f->c->gpr[3], H_SUCCESS);
	assert_int_equal(f->c->gpr[4], 0x8000000000000000ULL | (1ULL << 59) | 40);
	assert_int_equal(f->c->gpr[6], 0x9000000000000000ULL | 41);
	assert_int_equal(get_be64(hpt(f) + 40 * 16) & HV_V, 0);
	/* a bad type */
	f->c->gpr[3] = H_BULK_REMOVE;
	f->c->gpr[4] = 0x8000000000000000ULL;
	assert_int_equal(f->c->mach->hooks->hcall(f->c), PPC_OK);
	assert_int_equal(f->c->gpr[3], (uint64_t)H_PARAMETER);
}

/* The default PAPR HPT: the largest power of two <= RAM/128, at least 256 KiB. */
static void test_default_hpt_order(void **state)
{
	(void)state;
	static struct ppc_machine m;
	m.nslots = 1;
	m.slots[0].size = 8u << 20;
	assert_int_equal(hash_papr_hpt_default_order(&m), 18);
	m.slots[0].size = 512ULL << 20;
	assert_int_equal(hash_papr_hpt_default_order(&m), 22);
	m.slots[0].size = 768ULL << 20;
	assert_int_equal(hash_papr_hpt_default_order(&m), 22);
	m.slots[0].size = 1ULL << 30;
	assert_int_equal(hash_papr_hpt_default_order(&m), 23);
}

/* A hypervisor-mode guest owns its HPT: SDR1 on POWER8, partition table entry 0 (PTCR) on
 * POWER9, both in guest memory; R/C are written back there. */
static void test_guest_owned_hpt(void **state)
{
	struct fx *f = *state;
	struct ppc_cpu *c = &f->v1->cpu;
	uint64_t ea = 0x10009000ULL, real = 0x150000ULL, val;
	uint64_t g = hash256(VSID, ea, 12) & (NGROUPS - 1);
	uint8_t *pte = f->ram + 0x40000 + g * 128 + 2 * 16;
	for (int model = 0; model < 2; model++) {
		memset(f->ram + 0x40000, 0, 1 << 18);
		c->papr = false;
		assert_int_equal(cpu_set_model(c, model ? PVR_POWER9 : PVR_POWER8), 0);
		if (model) {
			c->spr[464] = 0x8000;            /* PTCR: table at 0x8000, 4 KiB */
			put_be64(f->ram + 0x8000, 0x40000); /* PATE 0: HTABORG, HTABSIZE 0 */
		} else {
			c->mach->sdr1 = 0x40000;         /* SDR1 (partition-wide) */
		}
		cpu_set_msr(c, MSR_SF | MSR_HV | MSR_DR | MSR_ME);
		mem_flush_tlb(c);
		hash_slbmte(c, VSID << 12, 0x10000000ULL | 0x08000000ULL | 0);
		put_be64(pte + 8, real | R_M | 2);
		put_be64(pte, (avpn256(VSID, ea) << 7) | HV_V);
		f->ram[real + 0x10] = (uint8_t)(0x80 + model);
		assert_int_equal(mem_load(c, ea + 0x10, 1, &val), PPC_OK);
		assert_int_equal(val, 0x80 + model);
		assert_int_equal(get_be64(pte + 8) & (R_R | R_C), R_R);
	}
}

/* ---- an HPT hcall on vcpu 0 drops the changed HPTE's translations on vcpu 1 too, and
 * only them: its virtual page is recovered from the AVPN and the PTEG (ISA 3.0 Book III
 * 5.7.7.3), for each page size, the secondary hash and 1T segments ---- */

struct remote_page {
	uint64_t ea, idx, v, r; /* the page's HPTE */
};

static struct ppc_cpu *other_reset(struct fx *f)
{
	struct ppc_cpu *c1 = &f->v1->cpu;
	c1->cia = 0x700000;
	cpu_set_msr(c1, MSR_SF | MSR_IR | MSR_DR | MSR_ME);
	return c1;
}

static const struct ppc_tlb_entry *load_entry(const struct ppc_cpu *c, uint64_t ea)
{
	return &c->tlb.load[(ea >> 12) & (PPC_TLB_SIZE - 1)];
}

static void test_hcall_remote_precise(void **state)
{
	struct fx *f = *state;
	struct ppc_cpu *c1 = other_reset(f);
	const uint64_t esid1t = 0x10000000000ULL, v1t = 0x2345ULL;
	const uint64_t vsids[4] = {VSID << 12, (VSID << 12) | 0x110, ((VSID + 1) << 12) | 0x100,
				   (1ULL << 62) | (v1t << 24)};
	const uint64_t esids[4] = {0x10000000ULL, 0x20000000ULL, 0x30000000ULL, esid1t};
	for (unsigned i = 0; i < 4; i++) { /* the same segments on both vcpus */
		slb_set(f, i + 1, esids[i], vsids[i]);
		hash_slbmte(c1, vsids[i], esids[i] | 0x08000000ULL | (i + 1));
	}
	struct remote_page pg[6];
	/* 4K primary, 4K secondary, a 4K neighbour that must stay */
	uint64_t ea = 0x10005000ULL;
	pg[0] = (struct remote_page){ea, (hash256(VSID, ea, 12) & (NGROUPS - 1)) * 8 + 2,
				     (avpn256(VSID, ea) << 7) | HV_V, 0x180000 | R_M | 2};
	ea = 0x10077000ULL;
	pg[1] = (struct remote_page){ea, (~hash256(VSID, ea, 12) & (NGROUPS - 1)) * 8 + 7,
				     (avpn256(VSID, ea) << 7) | HV_H | HV_V, 0x181000 | R_M | 2};
	ea = 0x10006000ULL;
	pg[2] = (struct remote_page){ea, (hash256(VSID, ea, 12) & (NGROUPS - 1)) * 8 + 3,
				     (avpn256(VSID, ea) << 7) | HV_V, 0x182000 | R_M | 2};
	/* 64K (read at an inner 4K unit), 16M, 4K in a 1T segment */
	ea = 0x20034000ULL;
	pg[3] = (struct remote_page){ea, (hash256(VSID, ea, 16) & (NGROUPS - 1)) * 8,
				     (avpn256(VSID, ea) << 7) | HV_L | HV_V,
				     0x350000 | 0x1000 | R_M | 2};
	ea = 0x30456000ULL;
	pg[4] = (struct remote_page){ea, (hash256(VSID + 1, ea, 24) & (NGROUPS - 1)) * 8 + 1,
				     (avpn256(VSID + 1, ea) << 7) | HV_L | HV_V, 0 | R_M | 2};
	ea = esid1t | 0x3456789000ULL;
	uint64_t off = ea & 0xffffffffffULL;
	uint64_t h1t = (v1t ^ (v1t << 25) ^ (off >> 12)) & ((1ULL << 39) - 1);
	pg[5] = (struct remote_page){ea, (h1t & (NGROUPS - 1)) * 8 + 4,
				     (1ULL << 62) | (((v1t << 17) | (off >> 23)) << 7) | HV_V,
				     0x400000 | R_M | 2};
	uint64_t val;
	for (unsigned i = 0; i < 6; i++) {
		put_hpte(f, pg[i].idx, pg[i].v, pg[i].r);
		assert_int_equal(mem_load(c1, pg[i].ea, 1, &val), PPC_OK);
		assert_int_equal(mem_load(f->c, pg[i].ea, 1, &val), PPC_OK);
	}
	const unsigned order[5] = {0, 1, 3, 4, 5}; /* pg[2] is never removed */
	for (unsigned k = 0; k < 5; k++) {
		const struct remote_page *p = &pg[order[k]];
		assert_true(tlb_live(c1, load_entry(c1, p->ea)));
		assert_int_equal(hcall(f, H_REMOVE, H_AVPN, p->idx, p->v & ~0x7fULL, 0), H_SUCCESS);
		/* vcpu 0 dropped it at once; vcpu 1 has one page descriptor queued */
		assert_false(tlb_live(f->c, load_entry(f->c, p->ea)));
		assert_int_equal(c1->inval_q.n, 1);
		assert_int_equal(c1->inval_q.e[0].kind, TLBI_HASH_VPN);
		assert_int_equal(f->vm->ops->check_requests(f->v1), 1);
		assert_false(tlb_live(c1, load_entry(c1, p->ea)));
		for (unsigned j = k + 1; j < 5; j++)
			assert_true(tlb_live(c1, load_entry(c1, pg[order[j]].ea)));
		assert_true(tlb_live(c1, load_entry(c1, pg[2].ea)));
		/* and the translation is really gone: a re-walk finds no HPTE */
		assert_int_equal(mem_load(c1, p->ea, 1, &val), PPC_EXC);
		assert_int_equal(c1->spr[19], p->ea);
		other_reset(f);
	}
	/* H_PROTECT and H_CLEAR_MOD name the neighbour's page the same way */
	assert_int_equal(hcall(f, H_PROTECT, 3, pg[2].idx, 0, 0), H_SUCCESS);
	assert_int_equal(c1->inval_q.n, 1);
	assert_int_equal(f->vm->ops->check_requests(f->v1), 1);
	assert_false(tlb_live(c1, load_entry(c1, pg[2].ea)));
	assert_int_equal(mem_load(c1, pg[2].ea, 1, &val), PPC_OK); /* PP=11: read-only */
	assert_int_equal(mem_store(c1, pg[2].ea, 1, 0), PPC_EXC);
	other_reset(f);
	assert_int_equal(hcall(f, H_CLEAR_MOD, 0, pg[2].idx, 0, 0), H_SUCCESS);
	assert_int_equal(c1->inval_q.n, 1);
	assert_int_equal(c1->inval_q.e[0].kind, TLBI_HASH_VPN);
	assert_int_equal(c1->inval_q.e[0].shift, 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_slb_instructions, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_segment_fault, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_4k_hit_rc_and_miss, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_secondary_hash, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_64k_and_16m_pages, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_1t_segment, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_pp_and_keys, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_fetch_faults, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_hcalls, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_hcall_remote_precise, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_guest_owned_hpt, setup, fx_teardown),
		cmocka_unit_test(test_default_hpt_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
