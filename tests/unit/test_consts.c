/* SPDX-License-Identifier: MIT */
/*
 * Structural checks of the constant headers one_reg.h, hcall.h and ioctl.h.
 *
 * The expected values in the tables below were transcribed mechanically from
 * kvm-contract.md (sections 3.9, 4.3 and 5.3), independently of the header text, so a
 * typo in either place shows up here. Beyond value equality the tests check invariants
 * that a wrong edit can break: arch bits, size class, contiguous families, hcall
 * alignment and range, and agreement of the ppc and generic ioctl encodings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <kvmppc/uapi.h>
#include <kvmppc/one_reg.h>
#include <kvmppc/hcall.h>
#include <kvmppc/ioctl.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- ONE_REG ---------------------------------------------------------------------------- */

struct reg_row {
	const char *name;
	uint64_t id;       /* value of the header macro */
	uint64_t expected; /* value written in the contract */
	unsigned bytes;    /* size class written in the contract */
};

#define R(n, v, b) { #n, KVM_REG_PPC_##n, v, b }

static const struct reg_row reg_rows[] = {
	R(ICP_STATE, 0x103000000000008cULL, 8),
	R(VP_STATE, 0x104000000000008dULL, 16),
	R(HIOR, 0x1030000000000001ULL, 8),
	R(IAC1, 0x1030000000000002ULL, 8),
	R(IAC2, 0x1030000000000003ULL, 8),
	R(IAC3, 0x1030000000000004ULL, 8),
	R(IAC4, 0x1030000000000005ULL, 8),
	R(DAC1, 0x1030000000000006ULL, 8),
	R(DAC2, 0x1030000000000007ULL, 8),
	R(DABR, 0x1030000000000008ULL, 8),
	R(DSCR, 0x1030000000000009ULL, 8),
	R(PURR, 0x103000000000000aULL, 8),
	R(SPURR, 0x103000000000000bULL, 8),
	R(DAR, 0x103000000000000cULL, 8),
	R(DSISR, 0x102000000000000dULL, 4),
	R(AMR, 0x103000000000000eULL, 8),
	R(UAMOR, 0x103000000000000fULL, 8),
	R(MMCR0, 0x1030000000000010ULL, 8),
	R(MMCR1, 0x1030000000000011ULL, 8),
	R(MMCRA, 0x1030000000000012ULL, 8),
	R(MMCR2, 0x1030000000000013ULL, 8),
	R(MMCRS, 0x1030000000000014ULL, 8),
	R(SIAR, 0x1030000000000015ULL, 8),
	R(SDAR, 0x1030000000000016ULL, 8),
	R(SIER, 0x1030000000000017ULL, 8),
	R(PMC1, 0x1020000000000018ULL, 4),
	R(PMC2, 0x1020000000000019ULL, 4),
	R(PMC3, 0x102000000000001aULL, 4),
	R(PMC4, 0x102000000000001bULL, 4),
	R(PMC5, 0x102000000000001cULL, 4),
	R(PMC6, 0x102000000000001dULL, 4),
	R(PMC7, 0x102000000000001eULL, 4),
	R(PMC8, 0x102000000000001fULL, 4),
	R(FPR0, 0x1030000000000020ULL, 8),
	R(FPR31, 0x103000000000003fULL, 8),
	R(VR0, 0x1040000000000040ULL, 16),
	R(VR31, 0x104000000000005fULL, 16),
	R(VSR0, 0x1040000000000060ULL, 16),
	R(VSR31, 0x104000000000007fULL, 16),
	R(FPSCR, 0x1030000000000080ULL, 8),
	R(VSCR, 0x1020000000000081ULL, 4),
	R(VPA_ADDR, 0x1030000000000082ULL, 8),
	R(VPA_SLB, 0x1040000000000083ULL, 16),
	R(VPA_DTL, 0x1040000000000084ULL, 16),
	R(EPCR, 0x1020000000000085ULL, 4),
	R(EPR, 0x1020000000000086ULL, 4),
	R(OR_TSR, 0x1020000000000087ULL, 4),
	R(CLEAR_TSR, 0x1020000000000088ULL, 4),
	R(TCR, 0x1020000000000089ULL, 4),
	R(TSR, 0x102000000000008aULL, 4),
	R(DEBUG_INST, 0x102000000000008bULL, 4),
	R(MAS0, 0x102000000000008cULL, 4),
	R(MAS1, 0x102000000000008dULL, 4),
	R(MAS2, 0x103000000000008eULL, 8),
	R(MAS7_3, 0x103000000000008fULL, 8),
	R(MAS4, 0x1020000000000090ULL, 4),
	R(MAS6, 0x1020000000000091ULL, 4),
	R(MMUCFG, 0x1020000000000092ULL, 4),
	R(TLB0CFG, 0x1020000000000093ULL, 4),
	R(TLB1CFG, 0x1020000000000094ULL, 4),
	R(TLB2CFG, 0x1020000000000095ULL, 4),
	R(TLB3CFG, 0x1020000000000096ULL, 4),
	R(TLB0PS, 0x1020000000000097ULL, 4),
	R(TLB1PS, 0x1020000000000098ULL, 4),
	R(TLB2PS, 0x1020000000000099ULL, 4),
	R(TLB3PS, 0x102000000000009aULL, 4),
	R(EPTCFG, 0x102000000000009bULL, 4),
	R(TB_OFFSET, 0x103000000000009cULL, 8),
	R(SPMC1, 0x102000000000009dULL, 4),
	R(SPMC2, 0x102000000000009eULL, 4),
	R(IAMR, 0x103000000000009fULL, 8),
	R(TFHAR, 0x10300000000000a0ULL, 8),
	R(TFIAR, 0x10300000000000a1ULL, 8),
	R(TEXASR, 0x10300000000000a2ULL, 8),
	R(FSCR, 0x10300000000000a3ULL, 8),
	R(PSPB, 0x10200000000000a4ULL, 4),
	R(EBBHR, 0x10300000000000a5ULL, 8),
	R(EBBRR, 0x10300000000000a6ULL, 8),
	R(BESCR, 0x10300000000000a7ULL, 8),
	R(TAR, 0x10300000000000a8ULL, 8),
	R(DPDES, 0x10300000000000a9ULL, 8),
	R(DAWR, 0x10300000000000aaULL, 8),
	R(DAWRX, 0x10300000000000abULL, 8),
	R(CIABR, 0x10300000000000acULL, 8),
	R(IC, 0x10300000000000adULL, 8),
	R(VTB, 0x10300000000000aeULL, 8),
	R(CSIGR, 0x10300000000000afULL, 8),
	R(TACR, 0x10300000000000b0ULL, 8),
	R(TCSCR, 0x10300000000000b1ULL, 8),
	R(PID, 0x10300000000000b2ULL, 8),
	R(ACOP, 0x10300000000000b3ULL, 8),
	R(VRSAVE, 0x10200000000000b4ULL, 4),
	R(LPCR, 0x10200000000000b5ULL, 4),
	R(LPCR_64, 0x10300000000000b5ULL, 8),
	R(PPR, 0x10300000000000b6ULL, 8),
	R(ARCH_COMPAT, 0x10200000000000b7ULL, 4),
	R(DABRX, 0x10200000000000b8ULL, 4),
	R(WORT, 0x10300000000000b9ULL, 8),
	R(SPRG9, 0x10300000000000baULL, 8),
	R(DBSR, 0x10200000000000bbULL, 4),
	R(TIDR, 0x10300000000000bcULL, 8),
	R(PSSCR, 0x10300000000000bdULL, 8),
	R(DEC_EXPIRY, 0x10300000000000beULL, 8),
	R(ONLINE, 0x10200000000000bfULL, 4),
	R(PTCR, 0x10300000000000c0ULL, 8),
	R(TM_GPR0, 0x1030000080000000ULL, 8),
	R(TM_GPR31, 0x103000008000001fULL, 8),
	R(TM_VSR0, 0x1040000080000020ULL, 16),
	R(TM_VSR63, 0x104000008000005fULL, 16),
	R(TM_CR, 0x1030000080000060ULL, 8),
	R(TM_LR, 0x1030000080000061ULL, 8),
	R(TM_CTR, 0x1030000080000062ULL, 8),
	R(TM_FPSCR, 0x1030000080000063ULL, 8),
	R(TM_AMR, 0x1030000080000064ULL, 8),
	R(TM_PPR, 0x1030000080000065ULL, 8),
	R(TM_VRSAVE, 0x1030000080000066ULL, 8),
	R(TM_VSCR, 0x1020000080000067ULL, 4),
	R(TM_DSCR, 0x1030000080000068ULL, 8),
	R(TM_TAR, 0x1030000080000069ULL, 8),
	R(TM_XER, 0x103000008000006aULL, 8),
};

static void test_one_reg_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(reg_rows); i++) {
		const struct reg_row *r = &reg_rows[i];
		if (r->id != r->expected)
			fail_msg("KVM_REG_PPC_%s = 0x%016llx, contract says 0x%016llx", r->name,
				 (unsigned long long)r->id, (unsigned long long)r->expected);
	}
}

static void test_one_reg_encoding(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(reg_rows); i++) {
		const struct reg_row *r = &reg_rows[i];
		if ((r->id & KVM_REG_ARCH_MASK) != KVM_REG_PPC)
			fail_msg("%s: arch bits 0x%016llx", r->name,
				 (unsigned long long)(r->id & KVM_REG_ARCH_MASK));
		if (KVM_REG_SIZE(r->id) != r->bytes)
			fail_msg("%s: KVM_REG_SIZE %u, expected %u", r->name,
				 (unsigned)KVM_REG_SIZE(r->id), r->bytes);
		/* Only the low 32 bits index a register; TM ids add bit 31. */
		uint64_t rest = r->id & ~(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK);
		if (rest > 0xffffffffULL)
			fail_msg("%s: stray bits 0x%016llx", r->name, (unsigned long long)rest);
		/* Every id must fit the 16-byte union kvmppc_one_reg. */
		assert_true(KVM_REG_SIZE(r->id) <= sizeof(union kvmppc_one_reg));
	}
	/* The size helper itself, for every size class. */
	assert_int_equal(KVM_REG_SIZE(KVM_REG_PPC | KVM_REG_SIZE_U8), 1);
	assert_int_equal(KVM_REG_SIZE(KVM_REG_PPC | KVM_REG_SIZE_U16), 2);
	assert_int_equal(KVM_REG_SIZE(KVM_REG_PPC | KVM_REG_SIZE_U32), 4);
	assert_int_equal(KVM_REG_SIZE(KVM_REG_PPC | KVM_REG_SIZE_U64), 8);
	assert_int_equal(KVM_REG_SIZE(KVM_REG_PPC | KVM_REG_SIZE_U128), 16);
	assert_int_equal(KVM_REG_SIZE(KVM_REG_PPC | KVM_REG_SIZE_U256), 32);
	assert_int_equal(KVM_REG_SIZE(KVM_REG_PPC | KVM_REG_SIZE_U2048), 256);
	assert_int_equal(KVM_REG_SIZE_MASK >> KVM_REG_SIZE_SHIFT, 0xf);
}

static void test_one_reg_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(reg_rows); i++)
		for (size_t j = i + 1; j < ARRAY_LEN(reg_rows); j++)
			if (reg_rows[i].id == reg_rows[j].id)
				fail_msg("%s and %s share id 0x%016llx", reg_rows[i].name,
					 reg_rows[j].name, (unsigned long long)reg_rows[i].id);
	/* Same index, different size class: distinct ids (contract 4.1). */
	assert_true((KVM_REG_PPC_ICP_STATE & 0xffff) == (KVM_REG_PPC_MAS0 & 0xffff));
	assert_true((KVM_REG_PPC_VP_STATE & 0xffff) == (KVM_REG_PPC_MAS1 & 0xffff));
	assert_true((KVM_REG_PPC_LPCR & 0xffff) == (KVM_REG_PPC_LPCR_64 & 0xffff));
}

static void check_family(const char *name, uint64_t first, uint64_t last, unsigned count,
			 unsigned bytes, uint64_t (*member)(unsigned))
{
	for (unsigned n = 0; n < count; n++) {
		uint64_t id = member(n);
		if (id != first + n)
			fail_msg("%s(%u) = 0x%016llx, not first + %u", name, n,
				 (unsigned long long)id, n);
		if (KVM_REG_SIZE(id) != bytes)
			fail_msg("%s(%u) has size %u", name, n, (unsigned)KVM_REG_SIZE(id));
		if ((id & KVM_REG_ARCH_MASK) != KVM_REG_PPC)
			fail_msg("%s(%u) lacks KVM_REG_PPC", name, n);
	}
	if (member(count - 1) != last)
		fail_msg("%s(%u) != %s%u", name, count - 1, name, count - 1);
}

static uint64_t fam_fpr(unsigned n) { return KVM_REG_PPC_FPR(n); }
static uint64_t fam_vr(unsigned n) { return KVM_REG_PPC_VR(n); }
static uint64_t fam_vsr(unsigned n) { return KVM_REG_PPC_VSR(n); }
static uint64_t fam_tm_gpr(unsigned n) { return KVM_REG_PPC_TM_GPR(n); }
static uint64_t fam_tm_vsr(unsigned n) { return KVM_REG_PPC_TM_VSR(n); }

static void test_one_reg_families(void **state)
{
	(void)state;
	check_family("FPR", KVM_REG_PPC_FPR0, KVM_REG_PPC_FPR31, 32, 8, fam_fpr);
	check_family("VR", KVM_REG_PPC_VR0, KVM_REG_PPC_VR31, 32, 16, fam_vr);
	check_family("VSR", KVM_REG_PPC_VSR0, KVM_REG_PPC_VSR31, 32, 16, fam_vsr);
	check_family("TM_GPR", KVM_REG_PPC_TM_GPR0, KVM_REG_PPC_TM_GPR31, 32, 8, fam_tm_gpr);
	check_family("TM_VSR", KVM_REG_PPC_TM_VSR0, KVM_REG_PPC_TM_VSR63, 64, 16, fam_tm_vsr);
	/* The families do not run into their neighbours. */
	assert_true((KVM_REG_PPC_FPR31 & 0xff) + 1 == (KVM_REG_PPC_VR0 & 0xff));
	assert_true((KVM_REG_PPC_VR31 & 0xff) + 1 == (KVM_REG_PPC_VSR0 & 0xff));
	assert_true((KVM_REG_PPC_VSR31 & 0xff) + 1 == (KVM_REG_PPC_FPSCR & 0xff));
	assert_true((KVM_REG_PPC_TM_GPR31 & 0xff) + 1 == (KVM_REG_PPC_TM_VSR0 & 0xff));
	assert_true((KVM_REG_PPC_TM_VSR63 & 0xff) + 1 == (KVM_REG_PPC_TM_CR & 0xff));
	/* TM ids carry the TM base on top of KVM_REG_PPC. */
	assert_true((KVM_REG_PPC_TM_XER & KVM_REG_PPC_TM) == KVM_REG_PPC_TM);
	assert_true((KVM_REG_PPC_DAR & 0x80000000ULL) == 0);
}

static void test_icp_fields(void **state)
{
	(void)state;
	/* The four fields tile bits 63:16 without overlapping. */
	const uint64_t cppr = KVM_REG_PPC_ICP_CPPR_MASK << KVM_REG_PPC_ICP_CPPR_SHIFT;
	const uint64_t xisr = KVM_REG_PPC_ICP_XISR_MASK << KVM_REG_PPC_ICP_XISR_SHIFT;
	const uint64_t mfrr = KVM_REG_PPC_ICP_MFRR_MASK << KVM_REG_PPC_ICP_MFRR_SHIFT;
	const uint64_t ppri = KVM_REG_PPC_ICP_PPRI_MASK << KVM_REG_PPC_ICP_PPRI_SHIFT;
	assert_true((cppr & xisr) == 0 && (xisr & mfrr) == 0 && (mfrr & ppri) == 0);
	assert_true((cppr | xisr | mfrr | ppri) == 0xffffffffffff0000ULL);
}

/* ---- Hypercalls ---------------------------------------------------------------------- */

struct hcall_row {
	const char *name;
	long nr;
	long expected;
};

#define H(n, v) { #n, n, v }

static const struct hcall_row hcall_rows[] = {
	H(H_REMOVE, 0x04),
	H(H_ENTER, 0x08),
	H(H_READ, 0x0c),
	H(H_CLEAR_MOD, 0x10),
	H(H_CLEAR_REF, 0x14),
	H(H_PROTECT, 0x18),
	H(H_GET_TCE, 0x1c),
	H(H_PUT_TCE, 0x20),
	H(H_SET_SPRG0, 0x24),
	H(H_SET_DABR, 0x28),
	H(H_PAGE_INIT, 0x2c),
	H(H_SET_ASR, 0x30),
	H(H_ASR_ON, 0x34),
	H(H_ASR_OFF, 0x38),
	H(H_LOGICAL_CI_LOAD, 0x3c),
	H(H_LOGICAL_CI_STORE, 0x40),
	H(H_LOGICAL_CACHE_LOAD, 0x44),
	H(H_LOGICAL_CACHE_STORE, 0x48),
	H(H_LOGICAL_ICBI, 0x4c),
	H(H_LOGICAL_DCBF, 0x50),
	H(H_GET_TERM_CHAR, 0x54),
	H(H_PUT_TERM_CHAR, 0x58),
	H(H_REAL_TO_LOGICAL, 0x5c),
	H(H_HYPERVISOR_DATA, 0x60),
	H(H_EOI, 0x64),
	H(H_CPPR, 0x68),
	H(H_IPI, 0x6c),
	H(H_IPOLL, 0x70),
	H(H_XIRR, 0x74),
	H(H_MIGRATE_DMA, 0x78),
	H(H_PERFMON, 0x7c),
	H(H_REGISTER_VPA, 0xdc),
	H(H_CEDE, 0xe0),
	H(H_CONFER, 0xe4),
	H(H_PROD, 0xe8),
	H(H_GET_PPP, 0xec),
	H(H_SET_PPP, 0xf0),
	H(H_PURR, 0xf4),
	H(H_PIC, 0xf8),
	H(H_REG_CRQ, 0xfc),
	H(H_FREE_CRQ, 0x100),
	H(H_VIO_SIGNAL, 0x104),
	H(H_SEND_CRQ, 0x108),
	H(H_COPY_RDMA, 0x110),
	H(H_REGISTER_LOGICAL_LAN, 0x114),
	H(H_FREE_LOGICAL_LAN, 0x118),
	H(H_ADD_LOGICAL_LAN_BUFFER, 0x11c),
	H(H_SEND_LOGICAL_LAN, 0x120),
	H(H_BULK_REMOVE, 0x124),
	H(H_MULTICAST_CTRL, 0x130),
	H(H_SET_XDABR, 0x134),
	H(H_STUFF_TCE, 0x138),
	H(H_PUT_TCE_INDIRECT, 0x13c),
	H(H_CHANGE_LOGICAL_LAN_MAC, 0x14c),
	H(H_VTERM_PARTNER_INFO, 0x150),
	H(H_REGISTER_VTERM, 0x154),
	H(H_FREE_VTERM, 0x158),
	H(H_MANAGE_TRACE, 0x1c0),
	H(H_GET_CPU_CHARACTERISTICS, 0x1c8),
	H(H_FREE_LOGICAL_LAN_BUFFER, 0x1d4),
	H(H_POLL_PENDING, 0x1d8),
	H(H_QUERY_INT_STATE, 0x1e4),
	H(H_ILLAN_ATTRIBUTES, 0x244),
	H(H_ADD_CONN, 0x284),
	H(H_DEL_CONN, 0x288),
	H(H_JOIN, 0x298),
	H(H_VASI_STATE, 0x2a4),
	H(H_VIOCTL, 0x2a8),
	H(H_ENABLE_CRQ, 0x2b0),
	H(H_GET_EM_PARMS, 0x2b8),
	H(H_SET_MPP, 0x2d0),
	H(H_GET_MPP, 0x2d4),
	H(H_REG_SUB_CRQ, 0x2dc),
	H(H_FREE_SUB_CRQ, 0x2e0),
	H(H_SEND_SUB_CRQ, 0x2e4),
	H(H_SEND_SUB_CRQ_INDIRECT, 0x2e8),
	H(H_HOME_NODE_ASSOCIATIVITY, 0x2ec),
	H(H_BEST_ENERGY, 0x2f4),
	H(H_XIRR_X, 0x2fc),
	H(H_RANDOM, 0x300),
	H(H_COP, 0x304),
	H(H_GET_MPP_X, 0x314),
	H(H_SET_MODE, 0x31c),
	H(H_BLOCK_REMOVE, 0x328),
	H(H_CLEAR_HPT, 0x358),
	H(H_REQUEST_VMC, 0x360),
	H(H_RESIZE_HPT_PREPARE, 0x36c),
	H(H_RESIZE_HPT_COMMIT, 0x370),
	H(H_REGISTER_PROC_TBL, 0x37c),
	H(H_SIGNAL_SYS_RESET, 0x380),
	H(H_SCM_HEALTH, 0x400),
	H(H_SCM_PERFORMANCE_STATS, 0x418),
	H(H_RTAS, 0xf000),
	H(H_GET_24X7_CATALOG_PAGE, 0xf078),
	H(H_GET_24X7_DATA, 0xf07c),
	H(H_GET_PERF_COUNTER_INFO, 0xf080),
	H(H_SET_PARTITION_TABLE, 0xf800),
	H(H_ENTER_NESTED, 0xf804),
	H(H_TLB_INVALIDATE, 0xf808),
	H(H_COPY_TOFROM_GUEST, 0xf80c),
	/* endpoints of the ranges the contract gives as "A ... B" */
	H(H_RESET_EVENTS, 0x15c),
	H(H_GET_PERF_COUNT, 0x1bc),
	H(H_MODIFY_HEA_QP, 0x250),
	H(H_ALLOC_HEA_RESOURCE, 0x278),
	H(H_INT_GET_SOURCE_INFO, 0x3a8),
	H(H_INT_RESET, 0x3d0),
	H(H_SCM_READ_METADATA, 0x3e4),
	H(H_SCM_UNBIND_ALL, 0x3fc),
};

/* Every PAPR opcode defined by hcall.h, to check alignment, range and uniqueness even for
 * the numbers inside the ranges above. */
#define X(n) { #n, n, n },
static const struct hcall_row papr_opcodes[] = {
	X(H_REMOVE) X(H_ENTER) X(H_READ) X(H_CLEAR_MOD) X(H_CLEAR_REF) X(H_PROTECT)
	X(H_GET_TCE) X(H_PUT_TCE) X(H_SET_SPRG0) X(H_SET_DABR) X(H_PAGE_INIT) X(H_SET_ASR)
	X(H_ASR_ON) X(H_ASR_OFF) X(H_LOGICAL_CI_LOAD) X(H_LOGICAL_CI_STORE)
	X(H_LOGICAL_CACHE_LOAD) X(H_LOGICAL_CACHE_STORE) X(H_LOGICAL_ICBI) X(H_LOGICAL_DCBF)
	X(H_GET_TERM_CHAR) X(H_PUT_TERM_CHAR) X(H_REAL_TO_LOGICAL) X(H_HYPERVISOR_DATA)
	X(H_EOI) X(H_CPPR) X(H_IPI) X(H_IPOLL) X(H_XIRR) X(H_MIGRATE_DMA) X(H_PERFMON)
	X(H_REGISTER_VPA) X(H_CEDE) X(H_CONFER) X(H_PROD) X(H_GET_PPP) X(H_SET_PPP) X(H_PURR)
	X(H_PIC) X(H_REG_CRQ) X(H_FREE_CRQ) X(H_VIO_SIGNAL) X(H_SEND_CRQ) X(H_COPY_RDMA)
	X(H_REGISTER_LOGICAL_LAN) X(H_FREE_LOGICAL_LAN) X(H_ADD_LOGICAL_LAN_BUFFER)
	X(H_SEND_LOGICAL_LAN) X(H_BULK_REMOVE) X(H_MULTICAST_CTRL) X(H_SET_XDABR)
	X(H_STUFF_TCE) X(H_PUT_TCE_INDIRECT) X(H_CHANGE_LOGICAL_LAN_MAC)
	X(H_VTERM_PARTNER_INFO) X(H_REGISTER_VTERM) X(H_FREE_VTERM) X(H_RESET_EVENTS)
	X(H_ALLOC_RESOURCE) X(H_FREE_RESOURCE) X(H_MODIFY_QP) X(H_QUERY_QP)
	X(H_REREGISTER_PMR) X(H_REGISTER_SMR) X(H_QUERY_MR) X(H_QUERY_MW) X(H_QUERY_HCA)
	X(H_QUERY_PORT) X(H_MODIFY_PORT) X(H_DEFINE_AQP1) X(H_GET_TRACE_BUFFER)
	X(H_DEFINE_AQP0) X(H_RESIZE_MR) X(H_ATTACH_MCQP) X(H_DETACH_MCQP) X(H_CREATE_RPT)
	X(H_REMOVE_RPT) X(H_REGISTER_RPAGES) X(H_DISABLE_AND_GETC) X(H_ERROR_DATA)
	X(H_GET_HCA_INFO) X(H_GET_PERF_COUNT) X(H_MANAGE_TRACE) X(H_GET_CPU_CHARACTERISTICS)
	X(H_FREE_LOGICAL_LAN_BUFFER) X(H_POLL_PENDING) X(H_QUERY_INT_STATE)
	X(H_ILLAN_ATTRIBUTES) X(H_MODIFY_HEA_QP) X(H_QUERY_HEA_QP) X(H_QUERY_HEA)
	X(H_QUERY_HEA_PORT) X(H_MODIFY_HEA_PORT) X(H_REG_BCMC) X(H_DEREG_BCMC)
	X(H_REGISTER_HEA_RPAGES) X(H_DISABLE_AND_GET_HEA) X(H_GET_HEA_INFO)
	X(H_ALLOC_HEA_RESOURCE) X(H_ADD_CONN) X(H_DEL_CONN) X(H_JOIN) X(H_VASI_STATE)
	X(H_VIOCTL) X(H_ENABLE_CRQ) X(H_GET_EM_PARMS) X(H_SET_MPP) X(H_GET_MPP)
	X(H_REG_SUB_CRQ) X(H_FREE_SUB_CRQ) X(H_SEND_SUB_CRQ) X(H_SEND_SUB_CRQ_INDIRECT)
	X(H_HOME_NODE_ASSOCIATIVITY) X(H_BEST_ENERGY) X(H_XIRR_X) X(H_RANDOM) X(H_COP)
	X(H_GET_MPP_X) X(H_SET_MODE) X(H_BLOCK_REMOVE) X(H_CLEAR_HPT) X(H_REQUEST_VMC)
	X(H_RESIZE_HPT_PREPARE) X(H_RESIZE_HPT_COMMIT) X(H_REGISTER_PROC_TBL)
	X(H_SIGNAL_SYS_RESET) X(H_INT_GET_SOURCE_INFO) X(H_INT_SET_SOURCE_CONFIG)
	X(H_INT_GET_SOURCE_CONFIG) X(H_INT_GET_QUEUE_INFO) X(H_INT_SET_QUEUE_CONFIG)
	X(H_INT_GET_QUEUE_CONFIG) X(H_INT_SET_OS_REPORTING_LINE)
	X(H_INT_GET_OS_REPORTING_LINE) X(H_INT_ESB) X(H_INT_SYNC) X(H_INT_RESET)
	X(H_SCM_READ_METADATA) X(H_SCM_WRITE_METADATA) X(H_SCM_BIND_MEM) X(H_SCM_UNBIND_MEM)
	X(H_SCM_QUERY_BLOCK_MEM_BINDING) X(H_SCM_QUERY_LOGICAL_MEM_BINDING)
	X(H_SCM_UNBIND_ALL) X(H_SCM_HEALTH) X(H_SCM_PERFORMANCE_STATS)
};
static const struct hcall_row platform_opcodes[] = {
	X(H_RTAS) X(H_GET_24X7_CATALOG_PAGE) X(H_GET_24X7_DATA) X(H_GET_PERF_COUNTER_INFO)
	X(H_SET_PARTITION_TABLE) X(H_ENTER_NESTED) X(H_TLB_INVALIDATE) X(H_COPY_TOFROM_GUEST)
};
#undef X

static void test_hcall_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(hcall_rows); i++)
		if (hcall_rows[i].nr != hcall_rows[i].expected)
			fail_msg("%s = 0x%lx, contract says 0x%lx", hcall_rows[i].name,
				 hcall_rows[i].nr, hcall_rows[i].expected);
	assert_int_equal(MAX_HCALL_OPCODE, 0x418);
	assert_int_equal(KVMPPC_HCALL_BITMAP_BITS, 263);
}

static void test_hcall_layout(void **state)
{
	(void)state;
	long prev = 0;
	for (size_t i = 0; i < ARRAY_LEN(papr_opcodes); i++) {
		long nr = papr_opcodes[i].nr;
		if (nr <= 0 || nr % 4 != 0 || nr > MAX_HCALL_OPCODE)
			fail_msg("%s = 0x%lx: not a multiple of 4 in (0, MAX_HCALL_OPCODE]",
				 papr_opcodes[i].name, nr);
		/* listed in increasing order, so strictly increasing also means unique */
		if (nr <= prev)
			fail_msg("%s = 0x%lx does not follow 0x%lx", papr_opcodes[i].name, nr, prev);
		prev = nr;
	}
	assert_int_equal(prev, MAX_HCALL_OPCODE);
	for (size_t i = 0; i < ARRAY_LEN(platform_opcodes); i++) {
		long nr = platform_opcodes[i].nr;
		if (nr < 0xf000 || nr % 4 != 0 || nr <= prev)
			fail_msg("%s = 0x%lx: bad platform number", platform_opcodes[i].name, nr);
		prev = nr;
	}
	/* QEMU-private numbers live in the platform page, outside the enable bitmap. */
	assert_true(KVMPPC_H_RTAS == H_RTAS);
	assert_true(KVMPPC_H_CAS > MAX_HCALL_OPCODE && KVMPPC_HCALL_MAX < H_GET_24X7_CATALOG_PAGE);
}

#define C(n, v) { #n, n, v }
static const struct hcall_row retcode_rows[] = {
	C(H_SUCCESS, 0),
	C(H_BUSY, 1),
	C(H_CLOSED, 2),
	C(H_NOT_AVAILABLE, 3),
	C(H_CONSTRAINED, 4),
	C(H_PARTIAL, 5),
	C(H_IN_PROGRESS, 14),
	C(H_PAGE_REGISTERED, 15),
	C(H_PARTIAL_STORE, 16),
	C(H_PENDING, 17),
	C(H_CONTINUE, 18),
	C(H_TOO_HARD, 9999),
	C(H_HARDWARE, -1),
	C(H_FUNCTION, -2),
	C(H_PRIVILEGE, -3),
	C(H_PARAMETER, -4),
	C(H_BAD_MODE, -5),
	C(H_PTEG_FULL, -6),
	C(H_NOT_FOUND, -7),
	C(H_RESERVED_DABR, -8),
	C(H_NO_MEM, -9),
	C(H_AUTHORITY, -10),
	C(H_PERMISSION, -11),
	C(H_DROPPED, -12),
	C(H_SOURCE_PARM, -13),
	C(H_DEST_PARM, -14),
	C(H_REMOTE_PARM, -15),
	C(H_RESOURCE, -16),
	C(H_ADAPTER_PARM, -17),
	C(H_RH_PARM, -18),
	C(H_RCQ_PARM, -19),
	C(H_SCQ_PARM, -20),
	C(H_EQ_PARM, -21),
	C(H_RT_PARM, -22),
	C(H_ST_PARM, -23),
	C(H_SIGT_PARM, -24),
	C(H_TOKEN_PARM, -25),
	C(H_MLENGTH_PARM, -27),
	C(H_MEM_PARM, -28),
	C(H_MEM_ACCESS_PARM, -29),
	C(H_ATTR_PARM, -30),
	C(H_PORT_PARM, -31),
	C(H_MCG_PARM, -32),
	C(H_VL_PARM, -33),
	C(H_TSIZE_PARM, -34),
	C(H_TRACE_PARM, -35),
	C(H_MASK_PARM, -37),
	C(H_MCG_FULL, -38),
	C(H_ALIAS_EXIST, -39),
	C(H_P_COUNTER, -40),
	C(H_TABLE_FULL, -41),
	C(H_ALT_TABLE, -42),
	C(H_MR_CONDITION, -43),
	C(H_NOT_ENOUGH_RESOURCES, -44),
	C(H_R_STATE, -45),
	C(H_RESCINDED, -46),
	C(H_TOO_BIG, -64),
	C(H_UNSUPPORTED, -67),
	C(H_OVERLAP, -68),
	C(H_INTERRUPT, -69),
	C(H_BAD_DATA, -70),
	C(H_NOT_ACTIVE, -71),
	C(H_SG_LIST, -72),
	C(H_OP_MODE, -73),
	C(H_COP_HW, -74),
	C(H_STATE, -75),
	C(H_MULTI_THREADS_ACTIVE, -9005),
	C(H_OUTSTANDING_COP_OPS, -9006),
	C(H_LONG_BUSY_ORDER_100_SEC, 9905),
	C(H_P9, -62),
	C(H_UNSUPPORTED_FLAG_END, -511),
};

static void test_hcall_retcodes(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(retcode_rows); i++)
		if (retcode_rows[i].nr != retcode_rows[i].expected)
			fail_msg("%s = %ld, contract says %ld", retcode_rows[i].name,
				 retcode_rows[i].nr, retcode_rows[i].expected);
	/* H_P2..H_P9 are consecutive; the long-busy range is consecutive. */
	assert_int_equal(H_P9 - H_P2, -7);
	assert_int_equal(H_LONG_BUSY_ORDER_100_SEC - H_LONG_BUSY_ORDER_1_MSEC, 5);
	assert_true(H_IS_LONG_BUSY(H_LONG_BUSY_ORDER_10_SEC));
	assert_false(H_IS_LONG_BUSY(H_TOO_HARD));
	/* Returned in r3 as a 64-bit value: negative codes sign-extend. */
	assert_true((uint64_t)(int64_t)H_PARAMETER == 0xfffffffffffffffcULL);
}

static void test_hcall_flags(void **state)
{
	(void)state;
	/* IBM bit n = 1 << (63 - n): PAPR documents H_EXACT as bit 24, H_AVPN as bit 32. */
	assert_true(H_EXACT == 1ULL << (63 - 24));
	assert_true(H_AVPN == 1ULL << (63 - 32));
	assert_true(H_ANDCOND == 1ULL << (63 - 33));
	assert_true(H_READ_4 == 1ULL << (63 - 26));
	assert_true((H_PAGE_SET_LOANED & H_PAGE_STATE_CHANGE) != 0);
	/* H_BULK_REMOVE fields tile the doubleword. */
	assert_true((H_BULK_REMOVE_TYPE | H_BULK_REMOVE_CODE | H_BULK_REMOVE_RC |
		     H_BULK_REMOVE_FLAGS | H_BULK_REMOVE_PTEX) == ~0ULL);
	assert_true((H_BULK_REMOVE_TYPE & H_BULK_REMOVE_CODE) == 0);
	assert_true((H_BULK_REMOVE_RC & H_BULK_REMOVE_FLAGS) == 0);
	assert_true((H_BULK_REMOVE_FLAGS & H_BULK_REMOVE_PTEX) == 0);
	assert_true((HPTE_R_R | HPTE_R_C) >> 7 << H_BULK_REMOVE_RC_SHIFT == H_BULK_REMOVE_RC);
	/* H_PROTECT takes PP, N and KEY_LO from the same bit positions as the HPTE. */
	assert_true(H_N == HPTE_R_N && (H_PP1 | H_PP2) == HPTE_R_PP);
	/* HPTE R fields do not overlap. */
	const uint64_t r_fields[] = { HPTE_R_PP, HPTE_R_N, HPTE_R_G, HPTE_R_M, HPTE_R_I,
				      HPTE_R_W, HPTE_R_C, HPTE_R_R, HPTE_R_KEY_LO, HPTE_R_RPN,
				      HPTE_R_KEY_HI, HPTE_R_TS, HPTE_R_PP0 };
	uint64_t seen = 0;
	for (size_t i = 0; i < ARRAY_LEN(r_fields); i++) {
		assert_true((seen & r_fields[i]) == 0);
		seen |= r_fields[i];
	}
	assert_true(HPTE_V_AVPN >> HPTE_V_AVPN_SHIFT << HPTE_V_AVPN_SHIFT == HPTE_V_AVPN);
	assert_true((HPTE_V_AVPN & (HPTE_V_VALID | HPTE_V_SECONDARY | HPTE_V_LARGE |
				    HPTE_V_BOLTED | HPTE_V_1TB_SEG)) == 0);
	assert_int_equal((H_VPA_DEREG_VPA << H_VPA_FUNC_SHIFT) >> H_VPA_FUNC_SHIFT & H_VPA_FUNC_MASK,
			 5);
	assert_int_equal(EV_IDLE, 0x10010);
	assert_int_equal(KVM_HC_PPC_MAP_MAGIC_PAGE, 0x2a0004);
	assert_int_equal(KVM_HC_FEATURES, 0x2a0003);
}

/* ---- ioctls ------------------------------------------------------------------------------ */

struct ioctl_row {
	const char *name;
	unsigned ppc, gen;           /* header values */
	unsigned nr, want_ppc, want_gen; /* contract values; want_gen 0 = not listed */
};

#define I(n, nr, p, g) { #n, n, n##_GENERIC, nr, p, g }

static const struct ioctl_row ioctl_rows[] = {
	I(KVM_CREATE_VCPU, 0x41, 0x2000ae41, 0x0000ae41),
	I(KVM_GET_DIRTY_LOG, 0x42, 0x8010ae42, 0x4010ae42),
	I(KVM_SET_USER_MEMORY_REGION, 0x46, 0x8020ae46, 0x4020ae46),
	I(KVM_RUN, 0x80, 0x2000ae80, 0x0000ae80),
	I(KVM_GET_REGS, 0x81, 0x4188ae81, 0x8188ae81),
	I(KVM_SET_REGS, 0x82, 0x8188ae82, 0x4188ae82),
	I(KVM_GET_SREGS, 0x83, 0x44d0ae83, 0x84d0ae83),
	I(KVM_SET_SREGS, 0x84, 0x84d0ae84, 0x44d0ae84),
	I(KVM_INTERRUPT, 0x86, 0x8004ae86, 0x4004ae86),
	I(KVM_GET_FPU, 0x8c, 0x4100ae8c, 0x8100ae8c),
	I(KVM_SET_GUEST_DEBUG, 0x9b, 0x8108ae9b, 0x4108ae9b),
	I(KVM_PPC_GET_PVINFO, 0xa1, 0x8080aea1, 0x4080aea1),
	I(KVM_ENABLE_CAP, 0xa3, 0x8068aea3, 0x4068aea3),
	I(KVM_PPC_GET_SMMU_INFO, 0xa6, 0x4250aea6, 0x8250aea6),
	I(KVM_PPC_ALLOCATE_HTAB, 0xa7, 0xc004aea7, 0xc004aea7),
	I(KVM_GET_ONE_REG, 0xab, 0x8010aeab, 0x4010aeab),
	I(KVM_SET_ONE_REG, 0xac, 0x8010aeac, 0x4010aeac),
	I(KVM_PPC_CONFIGURE_V3_MMU, 0xaf, 0x8010aeaf, 0x4010aeaf),
	I(KVM_PPC_GET_RMMU_INFO, 0xb0, 0x8060aeb0, 0x4060aeb0),
	I(KVM_CREATE_SPAPR_TCE, 0xa8, 0x8010aea8, 0),
	I(KVM_CREATE_SPAPR_TCE_64, 0xa8, 0x8020aea8, 0),
	I(KVM_PPC_GET_HTAB_FD, 0xaa, 0x8020aeaa, 0),
	I(KVM_PPC_RTAS_DEFINE_TOKEN, 0xac, 0x8080aeac, 0),
	I(KVM_PPC_RESIZE_HPT_PREPARE, 0xad, 0x4010aead, 0),
	I(KVM_PPC_RESIZE_HPT_COMMIT, 0xae, 0x4010aeae, 0),
	I(KVM_PPC_GET_CPU_CHAR, 0xb1, 0x4020aeb1, 0),
	I(KVM_SET_FPU, 0x8d, 0x8100ae8d, 0),
	I(KVM_GET_API_VERSION, 0x00, 0x2000ae00, 0x0000ae00),
	I(KVM_CREATE_VM, 0x01, 0x2000ae01, 0x0000ae01),
	I(KVM_CHECK_EXTENSION, 0x03, 0x2000ae03, 0x0000ae03),
	I(KVM_GET_VCPU_MMAP_SIZE, 0x04, 0x2000ae04, 0x0000ae04),
};

/* direction of each encoding mapped to {read, write} */
static unsigned ppc_dir_rw(unsigned req)
{
	unsigned d = KVMPPC_IOC_PPC_DIR(req);
	if (d == KVMPPC_IOC_PPC_NONE)
		return 0;
	return ((d & KVMPPC_IOC_PPC_READ) ? 1U : 0U) | ((d & KVMPPC_IOC_PPC_WRITE) ? 2U : 0U);
}

static unsigned gen_dir_rw(unsigned req)
{
	unsigned d = KVMPPC_IOC_GEN_DIR(req);
	return ((d & KVMPPC_IOC_GEN_READ) ? 1U : 0U) | ((d & KVMPPC_IOC_GEN_WRITE) ? 2U : 0U);
}

static void test_ioctl_encodings(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(ioctl_rows); i++) {
		const struct ioctl_row *r = &ioctl_rows[i];
		if (r->ppc != r->want_ppc)
			fail_msg("%s = 0x%08x, contract says 0x%08x", r->name, r->ppc, r->want_ppc);
		if (r->want_gen && r->gen != r->want_gen)
			fail_msg("%s_GENERIC = 0x%08x, contract says 0x%08x", r->name, r->gen,
				 r->want_gen);
		/* Decode both and compare field by field. */
		assert_int_equal(KVMPPC_IOC_NR(r->ppc), r->nr);
		assert_int_equal(KVMPPC_IOC_NR(r->gen), r->nr);
		assert_int_equal(KVMPPC_IOC_TYPE(r->ppc), KVMIO);
		assert_int_equal(KVMPPC_IOC_TYPE(r->gen), KVMIO);
		if (KVMPPC_IOC_PPC_SIZE(r->ppc) != KVMPPC_IOC_GEN_SIZE(r->gen))
			fail_msg("%s: size %u (ppc) vs %u (generic)", r->name,
				 KVMPPC_IOC_PPC_SIZE(r->ppc), KVMPPC_IOC_GEN_SIZE(r->gen));
		if (ppc_dir_rw(r->ppc) != gen_dir_rw(r->gen))
			fail_msg("%s: direction differs between encodings", r->name);
		/* ppc direction field is never 0; NONE is exclusive. */
		unsigned d = KVMPPC_IOC_PPC_DIR(r->ppc);
		assert_true(d == KVMPPC_IOC_PPC_NONE || (d & KVMPPC_IOC_PPC_NONE) == 0);
		assert_true(d != 0);
	}
}

static void test_ioctl_sizes_match_structs(void **state)
{
	(void)state;
	/* The header spells struct sizes as numbers; they must match uapi.h. */
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_GET_DIRTY_LOG), sizeof(struct kvm_dirty_log));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_SET_USER_MEMORY_REGION),
			 sizeof(struct kvm_userspace_memory_region));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_GET_REGS), sizeof(struct kvm_regs));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_SET_SREGS), sizeof(struct kvm_sregs));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_INTERRUPT), sizeof(struct kvm_interrupt));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_GET_FPU), sizeof(struct kvm_fpu));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_SET_GUEST_DEBUG), sizeof(struct kvm_guest_debug));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_PPC_GET_PVINFO), sizeof(struct kvm_ppc_pvinfo));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_ENABLE_CAP), sizeof(struct kvm_enable_cap));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_PPC_GET_SMMU_INFO),
			 sizeof(struct kvm_ppc_smmu_info));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_CREATE_SPAPR_TCE_64),
			 sizeof(struct kvm_create_spapr_tce_64));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_PPC_GET_HTAB_FD), sizeof(struct kvm_get_htab_fd));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_GET_ONE_REG), sizeof(struct kvm_one_reg));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_PPC_RTAS_DEFINE_TOKEN),
			 sizeof(struct kvm_rtas_token_args));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_PPC_RESIZE_HPT_PREPARE),
			 sizeof(struct kvm_ppc_resize_hpt));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_PPC_CONFIGURE_V3_MMU),
			 sizeof(struct kvm_ppc_mmuv3_cfg));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_PPC_GET_RMMU_INFO),
			 sizeof(struct kvm_ppc_rmmu_info));
	assert_int_equal(KVMPPC_IOC_PPC_SIZE(KVM_PPC_GET_CPU_CHAR), sizeof(struct kvm_ppc_cpu_char));
	/* every size fits the narrower (13-bit) ppc field */
	assert_true(KVMPPC_SZ_SREGS <= KVMPPC_IOC_PPC_SIZEMASK);
}

static void test_misc_enums(void **state)
{
	(void)state;
	assert_int_equal(EMULATE_DONE, 0);
	assert_int_equal(EMULATE_DO_MMIO, 1);
	assert_int_equal(EMULATE_FAIL, 2);
	assert_int_equal(EMULATE_AGAIN, 3);
	assert_int_equal(EMULATE_EXIT_USER, 4);
	assert_int_equal(RESUME_HOST_NV, 3);
	assert_int_equal(RESUME_PAGE_FAULT, 4);
	assert_int_equal(RESUME_PASSTHROUGH, 8);
	assert_true(is_kvmppc_resume_guest(RESUME_GUEST_NV));
	assert_false(is_kvmppc_resume_guest(RESUME_HOST));
	assert_false(is_kvmppc_resume_guest(RESUME_PAGE_FAULT));
	assert_true((uint32_t)KVM_INTERRUPT_SET == 0xffffffffU);
	assert_true((uint32_t)KVM_INTERRUPT_SET_LEVEL == 0xfffffffdU);
	assert_true((uint32_t)KVM_INST_FETCH_FAILED == 0xffffffffU);
	/* the sw breakpoint word has primary opcode 0 (illegal) */
	assert_int_equal(KVMPPC_INST_SW_BREAKPOINT >> 26, 0);
	/* capability numbers are distinct */
	const int caps[] = { KVM_CAP_SYNC_MMU, KVM_CAP_PPC_SEGSTATE, KVM_CAP_PPC_PAIRED_SINGLES,
			     KVM_CAP_PPC_OSI, KVM_CAP_PPC_UNSET_IRQ, KVM_CAP_ENABLE_CAP,
			     KVM_CAP_PPC_GET_PVINFO, KVM_CAP_PPC_IRQ_LEVEL, KVM_CAP_SPAPR_TCE,
			     KVM_CAP_PPC_SMT, KVM_CAP_PPC_RMA, KVM_CAP_PPC_HIOR, KVM_CAP_PPC_PAPR,
			     KVM_CAP_ONE_REG, KVM_CAP_PPC_GET_SMMU_INFO, KVM_CAP_PPC_ALLOC_HTAB,
			     KVM_CAP_PPC_HTAB_FD, KVM_CAP_PPC_EPR, KVM_CAP_DEVICE_CTRL,
			     KVM_CAP_IRQ_MPIC, KVM_CAP_PPC_RTAS, KVM_CAP_IRQ_XICS,
			     KVM_CAP_SPAPR_MULTITCE, KVM_CAP_PPC_FIXUP_HCALL,
			     KVM_CAP_PPC_ENABLE_HCALL, KVM_CAP_SPAPR_TCE_64,
			     KVM_CAP_SPAPR_RESIZE_HPT, KVM_CAP_PPC_MMU_RADIX,
			     KVM_CAP_PPC_MMU_HASH_V3, KVM_CAP_IMMEDIATE_EXIT, KVM_CAP_PPC_FWNMI,
			     KVM_CAP_PPC_SMT_POSSIBLE, KVM_CAP_PPC_GET_CPU_CHAR,
			     KVM_CAP_PPC_NESTED_HV, KVM_CAP_IOEVENTFD, KVM_CAP_PPC_IRQ_XIVE };
	for (size_t i = 0; i < ARRAY_LEN(caps); i++)
		for (size_t j = i + 1; j < ARRAY_LEN(caps); j++)
			if (caps[i] == caps[j])
				fail_msg("capabilities %zu and %zu share %d", i, j, caps[i]);
	/* the KVM_PPC_GET_CPU_CHAR bits are the hcall's bits */
	assert_true(KVM_PPC_CPU_CHAR_BCCTR_FLUSH_ASSIST == H_CPU_CHAR_BCCTR_FLUSH_ASSIST);
	assert_true(KVM_PPC_CPU_BEHAV_FLUSH_COUNT_CACHE == H_CPU_BEHAV_FLUSH_COUNT_CACHE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_reg_values),
		cmocka_unit_test(test_one_reg_encoding),
		cmocka_unit_test(test_one_reg_unique),
		cmocka_unit_test(test_one_reg_families),
		cmocka_unit_test(test_icp_fields),
		cmocka_unit_test(test_hcall_values),
		cmocka_unit_test(test_hcall_layout),
		cmocka_unit_test(test_hcall_retcodes),
		cmocka_unit_test(test_hcall_flags),
		cmocka_unit_test(test_ioctl_encodings),
		cmocka_unit_test(test_ioctl_sizes_match_structs),
		cmocka_unit_test(test_misc_enums),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
