/* SPDX-License-Identifier: MIT */
/*
 * THE instruction table. Every instruction the CPU knows is one row in one of the
 * cpu/isa/<family>.def files, written as
 *
 *     INSN(mnemonic, match, mask, rsvd, flags, handler)
 *
 *   mnemonic  objdump's base ("raw") mnemonic as a string, record and OE forms distinct
 *             ("add", "add.", "addo", "addo.")
 *   match     the opcode bits: (word & mask) == match identifies the instruction
 *   mask      which bits are opcode bits (use the M_* masks below)
 *   rsvd      bits the ISA reserves (must be 0): a word with any of them set is an invalid
 *             form and raises the illegal-instruction program interrupt. Leave a bit out
 *             of rsvd when real code sets it and hardware ignores it (census section 10).
 *   flags     INSN_* below
 *   handler   int handler(struct ppc_cpu *cpu, uint32_t insn)
 *
 * The decoder, the names printed by traces, `kvmppc-isa` coverage and the decoder tests
 * are all produced from these rows; nothing else lists instructions.
 */
#ifndef KVMPPC_INSN_H
#define KVMPPC_INSN_H

#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

typedef int (*ppc_exec_fn)(struct ppc_cpu *cpu, uint32_t insn);

/* Row flags. INSN_NEED_* are checked against cpu->facility before the handler runs. */
#define INSN_NEED_PRIV (1u << 0)  /* privileged: program interrupt (PRIV) in problem state */
#define INSN_NEED_HV   (1u << 1)  /* hypervisor privileged: HEAI in guest supervisor state */
#define INSN_NEED_FP   (1u << 2)  /* FP unavailable interrupt when MSR[FP] = 0 */
#define INSN_NEED_VMX  (1u << 3)  /* VMX unavailable when MSR[VEC] = 0 */
#define INSN_NEED_VSX  (1u << 4)  /* VSX unavailable when MSR[VSX] = 0 */
#define INSN_NEED_MASK 0x1fu
#define INSN_ENDS_BLOCK (1u << 8) /* may change nia, MSR, or translation: leave the block */
#define INSN_ISA300    (1u << 9)  /* exists only on ISA 3.0 (POWER9) models */
#define INSN_LOAD      (1u << 10)
#define INSN_STORE     (1u << 11)
#define INSN_ISA207_ONLY (1u << 12) /* removed in ISA 3.0 */
#define INSN_ISA310    (1u << 13) /* ISA 3.1 (POWER10): illegal on every model the library has */

struct ppc_insn_def {
	const char *mnemonic;
	uint32_t match;
	uint32_t mask;
	uint32_t rsvd;
	uint32_t flags;
	ppc_exec_fn exec;
};

/* ---- opcode masks by instruction form (ISA 3.0 Book I 1.6) ---- */
#define OPCD(po) ((uint32_t)(po) << 26)
#define M_PO    0xfc000000u /* D, I, B, SC (+ AA/LK where they select the mnemonic) */
#define M_PO_AALK 0xfc000003u /* I/B forms: AA and LK bits distinguish b/ba/bl/bla */
#define M_DS    0xfc000003u /* DS: 2-bit XO */
#define M_DQ    0xfc000007u /* DQ: 3-bit XO */
#define M_X     0xfc0007feu /* X, XL, XFX, XFL: 10-bit XO, Rc free */
#define M_XRC   0xfc0007ffu /* X with Rc part of the opcode */
#define M_XO    0xfc0007ffu /* XO: 9-bit XO + OE + Rc (OE and Rc distinguish mnemonics) */
#define M_XS    0xfc0007fdu /* XS: 9-bit XO, sh5 free, Rc */
#define M_MD    0xfc00001du /* MD: 3-bit XO + Rc, sh5 free */
#define M_MDS   0xfc00001fu /* MDS: 4-bit XO + Rc */
#define M_A     0xfc00003fu /* A: 5-bit XO + Rc */
#define M_VA    0xfc00003fu /* VA: 6-bit XO */
#define M_VX    0xfc0007ffu /* VX: 11-bit XO */
#define M_VC    0xfc0007ffu /* VC: 10-bit XO + Rc at bit 21 (0x400) */
#define M_XX1   0xfc0007feu /* XX1: 10-bit XO, TX free */
#define M_XX2   0xfc0007fcu /* XX2: 9-bit XO (bits 21-29) */
#define M_XX3   0xfc0007f8u /* XX3: 8-bit XO (bits 21-28) */
#define M_XX3RC 0xfc0007f8u /* XX3 compare: Rc at bit 21 is part of match */
#define M_XX4   0xfc000030u /* XX4: 2-bit XO */

/* match values */
#define X_OP(po, xo)  (OPCD(po) | ((uint32_t)(xo) << 1))
#define XO_OP(po, xo) (OPCD(po) | ((uint32_t)(xo) << 1))
#define MD_OP(po, xo) (OPCD(po) | ((uint32_t)(xo) << 2))
#define MDS_OP(po, xo) (OPCD(po) | ((uint32_t)(xo) << 1))
#define A_OP(po, xo)  (OPCD(po) | ((uint32_t)(xo) << 1))
#define VX_OP(xo)     (OPCD(4) | (uint32_t)(xo))
#define RC_BIT 1u
#define OE_BIT 0x400u

/* ---- the table and the decoder (cpu/decode.c) ---- */
extern const struct ppc_insn_def ppc_insn_table[];
extern const size_t ppc_insn_count;

/**
 * ppc_decode() - find the row for @insn on a CPU implementing @isa.
 * Return: the row, or NULL for an illegal instruction or an invalid form (a reserved
 * bit set, or an ISA 3.0 instruction on an ISA 2.07 model).
 */
const struct ppc_insn_def *ppc_decode(uint32_t insn, enum ppc_isa_level isa);

/** cpu_execute_decoded() - cpu_execute_one() for a word already decoded to @d (NULL:
 * illegal), for callers that cache decodes (emulate_op). */
int cpu_execute_decoded(struct ppc_cpu *cpu, uint32_t insn, const struct ppc_insn_def *d);

/** ppc_insn_find() - the row whose mnemonic is @mnemonic, or NULL. For tools and tests. */
const struct ppc_insn_def *ppc_insn_find(const char *mnemonic);

/* Every handler named by a row is declared here. */
#define INSN(mn, match, mask, rsvd, flags, fn) int fn(struct ppc_cpu *cpu, uint32_t insn);
#include "cpu/isa/all.def"
#undef INSN

#endif /* KVMPPC_INSN_H */
