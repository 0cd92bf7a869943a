/* SPDX-License-Identifier: MIT */
/*
 * Special-purpose registers: the one table (spr/spr_table.c) that drives mfspr/mtspr, their
 * permission checks, ONE_REG and snapshots.
 *
 * Every row says, for one SPR number: its name, width (32-bit SPRs zero-extend), the least
 * privileged state that may read it and write it (problem, privileged, hypervisor, or
 * never), which models have it, its reset value, its KVM ONE_REG id, the bits a write may
 * change, and optional read/write hooks for the registers with side effects.
 *
 * Access rules (ISA 3.0B Book III 5.4.4 mtspr/mfspr, with LPCR[EVIRT] = 0):
 *  - defined SPR, state allowed: the access happens;
 *  - defined SPR, problem state not allowed: privileged-instruction program interrupt when
 *    spr[0] = 1 (number & 0x10), otherwise it is treated as undefined (below);
 *  - defined hypervisor SPR from privileged non-hypervisor state: hypervisor emulation
 *    assistance (which a PAPR guest, having no hypervisor of its own, sees as the
 *    illegal-instruction program interrupt, as KVM reflects it);
 *  - undefined SPR (or a write to a read-only one / read of a write-only one): in problem
 *    state, privileged-instruction program interrupt if spr[0] = 1, else illegal
 *    instruction; in privileged state a no-op (mfspr leaves RT unchanged), except SPRs
 *    0, 4, 5 and 6 which give the illegal-instruction program interrupt.
 */
#ifndef KVMPPC_SPR_H
#define KVMPPC_SPR_H

#include <stdint.h>

#include "cpu/cpu.h"

/* SPR numbers used outside spr/ (ISA 3.0 Book III 5.4.4 / Book I). */
#define SPR_XER 1
#define SPR_DSCR_U 3
#define SPR_LR 8
#define SPR_CTR 9
#define SPR_UAMR 13
#define SPR_DSCR 17
#define SPR_DSISR 18
#define SPR_DAR 19
#define SPR_DEC 22
#define SPR_SDR1 25
#define SPR_SRR0 26
#define SPR_SRR1 27
#define SPR_CFAR 28
#define SPR_AMR 29
#define SPR_PIDR 48
#define SPR_IAMR 61
#define SPR_TFHAR 128
#define SPR_TFIAR 129
#define SPR_TEXASR 130
#define SPR_TEXASRU 131
#define SPR_CTRLF 136
#define SPR_TIDR 144
#define SPR_CTRLT 152
#define SPR_FSCR 153
#define SPR_UAMOR 157
#define SPR_PSPB 159
#define SPR_DPDES 176
#define SPR_DAWR0 180
#define SPR_CIABR 187
#define SPR_DAWRX0 188
#define SPR_HFSCR 190
#define SPR_VRSAVE 256
#define SPR_USPRG3 259
#define SPR_TBL_R 268
#define SPR_TBU_R 269
#define SPR_SPRG0 272
#define SPR_SPRG1 273
#define SPR_SPRG2 274
#define SPR_SPRG3 275
#define SPR_TBL 284
#define SPR_TBU 285
#define SPR_TBU40 286
#define SPR_PVR 287
#define SPR_HSPRG0 304
#define SPR_HSPRG1 305
#define SPR_HDSISR 306
#define SPR_HDAR 307
#define SPR_SPURR 308
#define SPR_PURR 309
#define SPR_HDEC 310
#define SPR_HRMOR 313
#define SPR_HSRR0 314
#define SPR_HSRR1 315
#define SPR_LPCR 318
#define SPR_LPIDR 319
#define SPR_HMER 336
#define SPR_HEIR 339
#define SPR_AMOR 349
#define SPR_PTCR 464
#define SPR_SIER 784
#define SPR_MMCR2 785
#define SPR_MMCRA 786
#define SPR_PMC1 787
#define SPR_PMC5 791
#define SPR_PMC6 792
#define SPR_MMCR0 795
#define SPR_SIAR 796
#define SPR_SDAR 797
#define SPR_MMCR1 798
#define SPR_BESCR 806
#define SPR_EBBHR 804
#define SPR_EBBRR 805
#define SPR_TAR 815
#define SPR_ASDR 816
#define SPR_PSSCR_PR 823
#define SPR_IC 848
#define SPR_VTB 849
#define SPR_PSSCR 855
#define SPR_PPR 896
#define SPR_PPR32 898
#define SPR_HID0 1008
#define SPR_DABR 1013
#define SPR_DABRX 1015
#define SPR_PIR 1023

/* LPCR bits (ISA 3.0 Book III 2.2). */
#define LPCR_HDICE (1ULL << 0)
#define LPCR_LD    (1ULL << 17)
#define LPCR_HVICE (1ULL << 1)
#define LPCR_LPES0 (1ULL << 3)
#define LPCR_ILE   (1ULL << 25)
#define LPCR_AIL   (3ULL << 23)
#define LPCR_AIL_SHIFT 23
#define LPCR_PECE  (0x1fULL << 12)

/* FSCR/HFSCR facility bits (low byte, ISA 3.0 Book III 9.2.2) and the IC codes. */
#define FSCR_IC_SHIFT 56
#define FAC_IC_FP 0
#define FAC_IC_VECVSX 1
#define FAC_IC_DSCR 2
#define FAC_IC_PM 3
#define FAC_IC_BHRB 4
#define FAC_IC_TM 5
#define FAC_IC_EBB 7
#define FAC_IC_TAR 8
#define FAC_IC_MSGP 10
#define FAC_IC_SCV 12
#define FSCR_BIT(ic) (1ULL << (ic))

/* Access levels of a row: the least privileged state allowed. */
enum spr_acc {
	SA_NO = 0, /* never (read-only or write-only register) */
	SA_U = 1,  /* problem state and up */
	SA_S = 2,  /* privileged state and up */
	SA_H = 3,  /* hypervisor state only */
};

#define SPR_P8 1u
#define SPR_P9 2u
#define SPR_P89 3u

struct spr_def;
typedef int (*spr_read_fn)(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t *val);
typedef int (*spr_write_fn)(struct ppc_cpu *cpu, const struct spr_def *d, uint64_t val);

struct spr_def {
	uint16_t num;
	uint16_t store;      /* cpu->spr[] slot holding the value (an alias names another) */
	const char *name;
	uint8_t width;       /* 32 or 64 */
	uint8_t rd, wr;      /* enum spr_acc */
	uint8_t models;      /* SPR_P8 | SPR_P9 */
	uint8_t fac;         /* problem-state FSCR facility check: 0, or 1 + FAC_IC_* */
	uint64_t reset;
	uint64_t one_reg;    /* KVM_REG_PPC_* id, or 0 */
	uint64_t wmask;      /* bits a write changes */
	spr_read_fn read;    /* NULL: cpu->spr[num] */
	spr_write_fn write;  /* NULL: cpu->spr[num] = (old & ~wmask) | (val & wmask) */
};

extern const struct spr_def spr_table[];
extern const unsigned spr_table_count;

/** spr_lookup() - the row of SPR @num on @cpu's model, or NULL (undefined). */
const struct spr_def *spr_lookup(const struct ppc_cpu *cpu, unsigned num);

/** spr_find_one_reg() - the row whose ONE_REG id is @id on @cpu's model, or NULL. */
const struct spr_def *spr_find_one_reg(const struct ppc_cpu *cpu, uint64_t id);

/**
 * spr_mfspr()/spr_mtspr() - mfspr/mtspr as the ISA defines them for the CPU's current
 * state, including the privilege checks and the invalid-SPR rules.
 * Return: PPC_OK (mfspr: *@val set, or untouched for a no-op), PPC_EXC (interrupt
 * delivered), PPC_EXIT.
 */
PPC_MUST_CHECK int spr_mfspr(struct ppc_cpu *cpu, unsigned sprn, uint64_t *val);
PPC_MUST_CHECK int spr_mtspr(struct ppc_cpu *cpu, unsigned sprn, uint64_t val);

/**
 * spr_get()/spr_set() - read/write a defined SPR with its side effects but without any
 * permission check (ONE_REG, snapshots, tests). Return: 0 or -EINVAL (undefined).
 */
int spr_get(struct ppc_cpu *cpu, unsigned sprn, uint64_t *val);
int spr_set(struct ppc_cpu *cpu, unsigned sprn, uint64_t val);

/** spr_reset() - every SPR of the model to its reset value (cpu_init). */
void spr_reset(struct ppc_cpu *cpu);

/* ---- hooks shared with spr_table.c (spr/spr.c) ---- */
int spr_rd_xer(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_xer(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_lr(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_lr(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_ctr(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_ctr(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_pir(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_amr(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_wr_iamr(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_wr_uamor(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_wr_ctrl(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_wr_lpcr(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_wr_flush(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_wr_ppr(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_ppr32(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_ppr32(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_psscr_pr(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_psscr_pr(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_hi32(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_hi32(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_ctrl(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_rd_dpdes(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_dpdes(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_bescr_sr(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_bescr_sr(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_wr_hmer(struct ppc_cpu *, const struct spr_def *, uint64_t);
/* time (cpu/timebase.c) */
int spr_rd_tb(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_rd_tbu(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_tb(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_dec(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_dec(struct ppc_cpu *, const struct spr_def *, uint64_t);
int spr_rd_counter(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_counter(struct ppc_cpu *, const struct spr_def *, uint64_t);
/* PMU (cpu/timebase.c) */
int spr_rd_pmu(struct ppc_cpu *, const struct spr_def *, uint64_t *);
int spr_wr_pmu(struct ppc_cpu *, const struct spr_def *, uint64_t);

#endif /* KVMPPC_SPR_H */
