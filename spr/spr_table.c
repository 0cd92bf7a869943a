/* SPDX-License-Identifier: MIT */
/*
 * The SPR table: one row per SPR of POWER8 (ISA 2.07B) and POWER9 (ISA 3.0B).
 *
 * Columns: number, storage slot, name, width, read access, write access, models,
 * problem-state facility check, reset value, ONE_REG id, write mask, read hook, write
 * hook. Access levels are the least privileged state allowed (SA_U problem, SA_S
 * privileged, SA_H hypervisor, SA_NO never); see spr/spr.h for the rules applied when a
 * state is not allowed. Sources: ISA 3.0B Book III 5.4.4 figures 18/19 (SPR list and
 * privilege), ISA 2.07B Book III 4.4.4, the POWER8/POWER9 user manuals for the
 * implementation-specific rows (HID0, TSCR, PMCR, TRIG2...), and the kernel census
 * (reference/isa-census.md section 5) for which of them real code touches.
 *
 * The problem-state views of registers (DSCR 3, UAMR 13, USPRG3 259, the PMU's 768-782,
 * TEXASRU 131, BESCR set/reset 800-803, PPR32 898) are alias rows: their storage slot is
 * the full register's.
 *
 * The facility column names the FSCR/HFSCR bit that guards a row: problem-state access
 * needs the FSCR bit, and a guest of a machine with a hypervisor also the HFSCR bit
 * (ISA 3.0B Book III 9.2.2-9.2.3); TM rows also need MSR[TM].
 */
#include <stdint.h>

#include "kvmppc/one_reg.h"
#include "spr/spr.h"

#define ALL UINT64_MAX
#define FAC(ic) (1 + (ic)) /* the .fac column */
#define FAC_PMCC 0xff      /* PMU problem-state views: MMCR0[PMCC] decides */

#define S_(n, st, nm, w, r, wr, m, fac, rst, oreg, wm, rh, wh) \
	{(n), (st), (nm), (w), (r), (wr), (m), (fac), (rst), (oreg), (wm), (rh), (wh)},
/* a plain row: its own storage, no facility check */
#define SPR(n, nm, w, r, wr, m, rst, oreg, wm, rh, wh) \
	S_(n, n, nm, w, r, wr, m, 0, rst, oreg, wm, rh, wh)

#define R1 KVM_REG_PPC
#define NOREG 0

const struct spr_def spr_table[] = {
	/* ---- Book I user registers ---- */
	SPR(1, "XER", 64, SA_U, SA_U, SPR_P89, 0, NOREG, ALL, spr_rd_xer, spr_wr_xer)
	S_(3, 17, "DSCR(U)", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_DSCR), 0, NOREG, 0x1ffffff, NULL, NULL)
	SPR(8, "LR", 64, SA_U, SA_U, SPR_P89, 0, NOREG, ALL, spr_rd_lr, spr_wr_lr)
	SPR(9, "CTR", 64, SA_U, SA_U, SPR_P89, 0, NOREG, ALL, spr_rd_ctr, spr_wr_ctr)
	S_(13, 29, "UAMR", 64, SA_U, SA_U, SPR_P89, 0, 0, NOREG, ALL, NULL, spr_wr_amr)
	S_(17, 17, "DSCR", 64, SA_S, SA_S, SPR_P89, FAC(FAC_IC_DSCR), 0, KVM_REG_PPC_DSCR, 0x1ffffff, NULL, NULL)
	SPR(18, "DSISR", 32, SA_S, SA_S, SPR_P89, 0, KVM_REG_PPC_DSISR, ALL, NULL, NULL)
	SPR(19, "DAR", 64, SA_S, SA_S, SPR_P89, 0, KVM_REG_PPC_DAR, ALL, NULL, NULL)
	SPR(22, "DEC", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ALL, spr_rd_dec, spr_wr_dec)
	SPR(25, "SDR1", 64, SA_H, SA_H, SPR_P8, 0, NOREG, 0x0ffffffffffc001fULL, NULL, spr_wr_flush)
	SPR(26, "SRR0", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(27, "SRR1", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(28, "CFAR", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ~3ULL, NULL, NULL)
	SPR(29, "AMR", 64, SA_S, SA_S, SPR_P89, 0, KVM_REG_PPC_AMR, ALL, NULL, spr_wr_amr)
	SPR(31, "ACOP", 64, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_ACOP, ALL, NULL, NULL)
	SPR(48, "PIDR", 32, SA_S, SA_S, SPR_P9, 0, KVM_REG_PPC_PID, 0xfffff, NULL, spr_wr_flush)
	SPR(61, "IAMR", 64, SA_S, SA_S, SPR_P89, 0, KVM_REG_PPC_IAMR, 0x5555555555555555ULL, NULL, spr_wr_iamr)
	/* ---- transactional memory (Book II 5): need MSR[TM] ---- */
	S_(128, 128, "TFHAR", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_TM), 0, KVM_REG_PPC_TFHAR, ~3ULL, NULL, NULL)
	S_(129, 129, "TFIAR", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_TM), 0, KVM_REG_PPC_TFIAR, ~3ULL, NULL, NULL)
	S_(130, 130, "TEXASR", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_TM), 0, KVM_REG_PPC_TEXASR, ALL, NULL, NULL)
	S_(131, 130, "TEXASRU", 32, SA_U, SA_U, SPR_P89, FAC(FAC_IC_TM), 0, NOREG, ALL, spr_rd_hi32, spr_wr_hi32)
	/* ---- Book III privileged / hypervisor registers ---- */
	SPR(136, "CTRL", 32, SA_U, SA_NO, SPR_P89, 1, NOREG, ALL, spr_rd_ctrl, NULL)
	SPR(144, "TIDR", 64, SA_S, SA_S, SPR_P9, 0, KVM_REG_PPC_TIDR, ALL, NULL, NULL)
	S_(152, 136, "CTRL(W)", 32, SA_NO, SA_S, SPR_P89, 0, 0, NOREG, 1, NULL, spr_wr_ctrl)
	SPR(153, "FSCR", 64, SA_S, SA_S, SPR_P89, 0, KVM_REG_PPC_FSCR, 0xff000000000015bfULL, NULL, NULL)
	SPR(157, "UAMOR", 64, SA_S, SA_S, SPR_P89, 0, KVM_REG_PPC_UAMOR, ALL, NULL, spr_wr_uamor)
	SPR(159, "PSPB", 32, SA_S, SA_S, SPR_P89, 0, KVM_REG_PPC_PSPB, ALL, NULL, NULL)
	SPR(176, "DPDES", 64, SA_S, SA_H, SPR_P89, 0, KVM_REG_PPC_DPDES, 0xff, spr_rd_dpdes, spr_wr_dpdes)
	SPR(177, "DHDES", 64, SA_H, SA_H, SPR_P9, 0, NOREG, 0xff, NULL, NULL)
	SPR(180, "DAWR0", 64, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_DAWR, ~7ULL, NULL, NULL)
	SPR(186, "RPR", 64, SA_H, SA_H, SPR_P89, 0, NOREG, 0x3fffffffffffffffULL, NULL, NULL)
	SPR(187, "CIABR", 64, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_CIABR, ALL, NULL, NULL)
	SPR(188, "DAWRX0", 32, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_DAWRX, 0x1fff, NULL, NULL)
	SPR(190, "HFSCR", 64, SA_H, SA_H, SPR_P89, 0x5bf, NOREG, 0xff000000000015bfULL, NULL, NULL)
	SPR(256, "VRSAVE", 32, SA_U, SA_U, SPR_P89, 0, KVM_REG_PPC_VRSAVE, ALL, NULL, NULL)
	S_(259, 275, "USPRG3", 64, SA_U, SA_NO, SPR_P89, 0, 0, NOREG, ALL, NULL, NULL)
	SPR(268, "TB", 64, SA_U, SA_NO, SPR_P89, 0, NOREG, ALL, spr_rd_tb, NULL)
	SPR(269, "TBU", 32, SA_U, SA_NO, SPR_P89, 0, NOREG, ALL, spr_rd_tbu, NULL)
	SPR(272, "SPRG0", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(273, "SPRG1", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(274, "SPRG2", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(275, "SPRG3", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(284, "TBL(W)", 32, SA_NO, SA_H, SPR_P89, 0, NOREG, ALL, NULL, spr_wr_tb)
	SPR(285, "TBU(W)", 32, SA_NO, SA_H, SPR_P89, 0, NOREG, ALL, NULL, spr_wr_tb)
	SPR(286, "TBU40", 64, SA_NO, SA_H, SPR_P89, 0, NOREG, ALL, NULL, spr_wr_tb)
	SPR(287, "PVR", 32, SA_S, SA_NO, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(304, "HSPRG0", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(305, "HSPRG1", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(306, "HDSISR", 32, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(307, "HDAR", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(308, "SPURR", 64, SA_S, SA_H, SPR_P89, 0, KVM_REG_PPC_SPURR, ALL, spr_rd_counter, spr_wr_counter)
	SPR(309, "PURR", 64, SA_S, SA_H, SPR_P89, 0, KVM_REG_PPC_PURR, ALL, spr_rd_counter, spr_wr_counter)
	SPR(310, "HDEC", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, spr_rd_dec, spr_wr_dec)
	SPR(313, "HRMOR", 64, SA_H, SA_H, SPR_P89, 0, NOREG, 0x000ffffffc000000ULL, NULL, spr_wr_flush)
	SPR(314, "HSRR0", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(315, "HSRR1", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(316, "MMCRH", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	/* LPCR resets with LPES = 1: external interrupts go to the guest, as in a KVM guest,
	 * until a hypervisor OS clears it to take them itself */
	SPR(318, "LPCR", 64, SA_H, SA_H, SPR_P89, LPCR_LPES0, NOREG, ALL, NULL, spr_wr_lpcr)
	SPR(319, "LPIDR", 32, SA_H, SA_H, SPR_P89, 0, NOREG, 0xfff, NULL, spr_wr_flush)
	SPR(336, "HMER", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, spr_wr_hmer)
	SPR(337, "HMEER", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(338, "PCR", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(339, "HEIR", 32, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(349, "AMOR", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(446, "TIR", 64, SA_H, SA_NO, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(464, "PTCR", 64, SA_H, SA_H, SPR_P9, 0, KVM_REG_PPC_PTCR, 0x0ffffffffffff01fULL, NULL, spr_wr_flush)
	/* ---- performance monitor (Book III 9.4): problem-state views 768-782 ---- */
	S_(768, 784, "USIER", 64, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(769, 785, "UMMCR2", 64, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(770, 786, "UMMCRA", 64, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(771, 787, "UPMC1", 32, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(772, 788, "UPMC2", 32, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(773, 789, "UPMC3", 32, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(774, 790, "UPMC4", 32, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(775, 791, "UPMC5", 32, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(776, 792, "UPMC6", 32, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(779, 795, "UMMCR0", 64, SA_U, SA_U, SPR_P89, FAC_PMCC, 0x80000000, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(780, 796, "USIAR", 64, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(781, 797, "USDAR", 64, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(782, 798, "UMMCR1", 64, SA_U, SA_U, SPR_P89, FAC_PMCC, 0, NOREG, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(784, 784, "SIER", 64, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_SIER, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(785, 785, "MMCR2", 64, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_MMCR2, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(786, 786, "MMCRA", 64, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_MMCRA, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(787, 787, "PMC1", 32, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_PMC1, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(788, 788, "PMC2", 32, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_PMC2, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(789, 789, "PMC3", 32, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_PMC3, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(790, 790, "PMC4", 32, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_PMC4, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(791, 791, "PMC5", 32, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_PMC5, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(792, 792, "PMC6", 32, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_PMC6, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(795, 795, "MMCR0", 64, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0x80000000, KVM_REG_PPC_MMCR0, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(796, 796, "SIAR", 64, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_SIAR, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(797, 797, "SDAR", 64, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_SDAR, ALL, spr_rd_pmu, spr_wr_pmu)
	S_(798, 798, "MMCR1", 64, SA_S, SA_S, SPR_P89, FAC(FAC_IC_PM), 0, KVM_REG_PPC_MMCR1, ALL, spr_rd_pmu, spr_wr_pmu)
	/* ---- event-based branches and TAR (Book II 6, Book I 2.4) ---- */
	S_(800, 806, "BESCRS", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_EBB), 0, NOREG, ALL, spr_rd_bescr_sr, spr_wr_bescr_sr)
	S_(801, 806, "BESCRSU", 32, SA_U, SA_U, SPR_P89, FAC(FAC_IC_EBB), 0, NOREG, ALL, spr_rd_bescr_sr, spr_wr_bescr_sr)
	S_(802, 806, "BESCRR", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_EBB), 0, NOREG, ALL, spr_rd_bescr_sr, spr_wr_bescr_sr)
	S_(803, 806, "BESCRRU", 32, SA_U, SA_U, SPR_P89, FAC(FAC_IC_EBB), 0, NOREG, ALL, spr_rd_bescr_sr, spr_wr_bescr_sr)
	S_(804, 804, "EBBHR", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_EBB), 0, KVM_REG_PPC_EBBHR, ~3ULL, NULL, NULL)
	S_(805, 805, "EBBRR", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_EBB), 0, KVM_REG_PPC_EBBRR, ~3ULL, NULL, NULL)
	S_(806, 806, "BESCR", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_EBB), 0, KVM_REG_PPC_BESCR, ALL, NULL, NULL)
	S_(815, 815, "TAR", 64, SA_U, SA_U, SPR_P89, FAC(FAC_IC_TAR), 0, KVM_REG_PPC_TAR, ~3ULL, NULL, NULL)
	SPR(816, "ASDR", 64, SA_H, SA_H, SPR_P9, 0, NOREG, ALL, NULL, NULL)
	S_(823, 855, "PSSCR(PR)", 64, SA_S, SA_S, SPR_P9, 0, 0, NOREG, ALL, spr_rd_psscr_pr, spr_wr_psscr_pr)
	SPR(848, "IC", 64, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_IC, ALL, spr_rd_counter, spr_wr_counter)
	SPR(849, "VTB", 64, SA_S, SA_H, SPR_P89, 0, KVM_REG_PPC_VTB, ALL, spr_rd_counter, spr_wr_counter)
	SPR(850, "LDBAR", 64, SA_H, SA_H, SPR_P9, 0, NOREG, ALL, NULL, NULL)
	SPR(851, "MMCRC", 32, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(853, "PMSR", 32, SA_H, SA_NO, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(854, "PMMAR", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(855, "PSSCR", 64, SA_H, SA_H, SPR_P9, 0, KVM_REG_PPC_PSSCR, 0xf0000000007f03ffULL, NULL, NULL)
	SPR(863, "WORC", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	/* TRIG2: an implementation trigger register the kernel writes on every interrupt
	 * entry/exit for its L1D-flush/barrier sequences; accepted, stores nothing real. */
	SPR(882, "TRIG2", 64, SA_S, SA_S, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(884, "PMCR", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(888, "TACR", 64, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_TACR, ALL, NULL, NULL)
	SPR(889, "TCSCR", 64, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_TCSCR, ALL, NULL, NULL)
	SPR(890, "CSIGR", 64, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_CSIGR, ALL, NULL, NULL)
	SPR(892, "SPMC1", 32, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_SPMC1, ALL, NULL, NULL)
	SPR(893, "SPMC2", 32, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_SPMC2, ALL, NULL, NULL)
	SPR(894, "MMCRS", 64, SA_S, SA_S, SPR_P8, 0, KVM_REG_PPC_MMCRS, ALL, NULL, NULL)
	SPR(895, "WORT", 64, SA_H, SA_H, SPR_P89, 0, KVM_REG_PPC_WORT, ALL, NULL, NULL)
	SPR(896, "PPR", 64, SA_U, SA_U, SPR_P89, 0x0010000000000000ULL, KVM_REG_PPC_PPR, ALL, NULL, spr_wr_ppr)
	S_(898, 896, "PPR32", 32, SA_U, SA_U, SPR_P89, 0, 0, NOREG, ALL, spr_rd_hi32, spr_wr_ppr32)
	SPR(921, "TSCR", 32, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(1008, "HID0", 64, SA_H, SA_H, SPR_P89, 0, NOREG, ALL, NULL, NULL)
	SPR(1013, "DABR", 64, SA_H, SA_H, SPR_P8, 0, KVM_REG_PPC_DABR, ALL, NULL, NULL)
	SPR(1015, "DABRX", 32, SA_H, SA_H, SPR_P8, 0, KVM_REG_PPC_DABRX, 7, NULL, NULL)
	SPR(1023, "PIR", 32, SA_S, SA_NO, SPR_P89, 0, NOREG, ALL, spr_rd_pir, NULL)
};
const unsigned spr_table_count = sizeof(spr_table) / sizeof(spr_table[0]);
