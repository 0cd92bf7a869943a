/* SPDX-License-Identifier: MIT */
/*
 * Special-purpose registers: the one table (spr/spr.c) that drives mfspr/mtspr, their
 * permission checks, ONE_REG and snapshots.
 */
#ifndef KVMPPC_SPR_H
#define KVMPPC_SPR_H

#include <stdint.h>

#include "cpu/cpu.h"

/* SPR numbers used outside spr/ (ISA 3.0 Book III 5.4.4 / Book I). */
#define SPR_XER 1
#define SPR_LR 8
#define SPR_CTR 9
#define SPR_DSISR 18
#define SPR_DAR 19
#define SPR_DEC 22
#define SPR_SDR1 25
#define SPR_SRR0 26
#define SPR_SRR1 27
#define SPR_SPRG0 272
#define SPR_SPRG1 273
#define SPR_SPRG2 274
#define SPR_SPRG3 275
#define SPR_TBL 268
#define SPR_TBU 269
#define SPR_PVR 287
#define SPR_HSRR0 314
#define SPR_HSRR1 315
#define SPR_LPCR 318
#define SPR_PIR 1023

/**
 * spr_mfspr()/spr_mtspr() - mfspr/mtspr as the ISA defines them for the CPU's current
 * state, including the privilege checks and the invalid-SPR rules.
 * Return: PPC_OK (mfspr: *@val set), PPC_EXC (interrupt delivered), PPC_EXIT.
 */
PPC_MUST_CHECK int spr_mfspr(struct ppc_cpu *cpu, unsigned sprn, uint64_t *val);
PPC_MUST_CHECK int spr_mtspr(struct ppc_cpu *cpu, unsigned sprn, uint64_t val);

#endif /* KVMPPC_SPR_H */
