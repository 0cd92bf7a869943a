/* SPDX-License-Identifier: MIT */
/*
 * Transactional Memory (Power ISA 2.07B/3.0B Book II 5, Book III 5.x "Transactional Memory
 * Facility"): what the rest of the CPU calls into. The instructions themselves are rows of
 * cpu/isa/sys.def with handlers in cpu/tm.c.
 */
#ifndef KVMPPC_TM_H
#define KVMPPC_TM_H

#include "cpu/cpu.h"

/* TEXASR (Book II 5.3.4), as masks on the 64-bit value (ISA bit n = 1 << (63 - n)). */
#define TEXASR_FC_SHIFT 56                 /* bits 0:7 failure code */
#define TEXASR_FP   (1ULL << 56)           /* bit 7: failure persistent */
#define TEXASR_DA   (1ULL << 55)           /* bit 8: disallowed */
#define TEXASR_NO   (1ULL << 54)           /* bit 9: nesting overflow */
#define TEXASR_FO   (1ULL << 53)           /* bit 10: footprint overflow */
#define TEXASR_SIC  (1ULL << 52)           /* bit 11: self-induced conflict */
#define TEXASR_NTC  (1ULL << 51)           /* bit 12: non-transactional conflict */
#define TEXASR_TC   (1ULL << 50)           /* bit 13: transaction conflict */
#define TEXASR_TIC  (1ULL << 49)           /* bit 14: translation invalidation conflict */
#define TEXASR_IMPL (1ULL << 48)           /* bit 15: implementation-specific */
#define TEXASR_IFC  (1ULL << 47)           /* bit 16: instruction fetch conflict */
#define TEXASR_ABT  (1ULL << 32)           /* bit 31: abort (tabort., treclaim.) */
#define TEXASR_SUSP (1ULL << 31)           /* bit 32: failed while suspended */
#define TEXASR_HV   (1ULL << 29)           /* bit 34: privilege at failure: MSR[HV] */
#define TEXASR_PR   (1ULL << 28)           /* bit 35: privilege at failure: MSR[PR] */
#define TEXASR_FS   (1ULL << 27)           /* bit 36: failure summary */
#define TEXASR_EXACT (1ULL << 26)          /* bit 37: TFIAR exact */
#define TEXASR_ROT  (1ULL << 25)           /* bit 38: rollback-only transaction */
#define TEXASR_TL   0xfffULL               /* bits 52:63: transaction level */

/* tm_access() result: not transactional here, do the ordinary access. */
#define TM_NORMAL (-1)

/**
 * tm_access() - a load or store of @len bytes at real address @real (host @host, NULL for
 * MMIO or caching-inhibited) while cpu->tmx.live. In Transactional state the access is
 * made in the footprint (stores buffered, loads see them) and returns PPC_OK, or the
 * transaction fails (PPC_EXC: control is at the failure handler). In Suspended state it
 * only detects self-induced conflicts (@host and @buf are not used, may be NULL) and
 * returns TM_NORMAL.
 */
int tm_access(struct ppc_cpu *cpu, uint8_t *host, uint64_t real, uint8_t *buf, unsigned len,
	      int write);

/** tm_interrupted() - an interrupt is taken in Transactional state (cpu/excp.c): the
 * transaction is doomed and its footprint dropped; the failure is recorded later (by
 * tabort./treclaim. in Suspended state, or when it is resumed). */
void tm_interrupted(struct ppc_cpu *cpu);

/** tm_interrupt_ts() - an interrupt is taken with MSR[TS] != N: tm_interrupted() if in
 * Transactional state. Return: the TS bits of the new MSR (Suspended). */
uint64_t tm_interrupt_ts(struct ppc_cpu *cpu);

/**
 * tm_msr_transition() - rfid/hrfid/rfscv/mtmsrd about to install *@msr: apply the TS rules
 * of Book III (S -> N with TM = 0 on both sides keeps S). Return: PPC_OK, or PPC_EXC after
 * the TM Bad Thing program interrupt for an illegal transition.
 */
int tm_msr_transition(struct ppc_cpu *cpu, uint64_t *msr);

/** tm_after_msr() - after an MSR write that went from Suspended to Transactional: a failure
 * recorded meanwhile is handled now. Return: PPC_OK or PPC_EXC (at the failure handler). */
int tm_after_msr(struct ppc_cpu *cpu, uint64_t old_msr);

/** tm_fail_disallowed() - an instruction the implementation does not run transactionally
 * (an AMO, a PAPR hypercall) in Transactional state: fail. Return: PPC_EXC. */
int tm_fail_disallowed(struct ppc_cpu *cpu);

/** tm_leave() - cpu_run returns to the VMM with a footprint tracked: the transaction fails
 * (the VMM must see, save or migrate architected state only). */
void tm_leave(struct ppc_cpu *cpu);

/** tm_drop() - forget the footprint (MSR[TS] written from outside: set_msr, set_regs). */
void tm_drop(struct ppc_cpu *cpu);

/** tm_larx()/tm_stcx() - larx/stcx. in Transactional state: a transactional load/store
 * with the reservation kept in cpu->resv_*; atomicity comes from the transaction. */
int tm_larx(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint8_t *raw);
int tm_stcx(struct ppc_cpu *cpu, uint64_t ea, unsigned size, const uint8_t *raw, bool *ok);

#endif /* KVMPPC_TM_H */
