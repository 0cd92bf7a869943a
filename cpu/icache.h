/* SPDX-License-Identifier: MIT */
/*
 * The predecode cache: decoded instructions per guest real page. An entry is trusted
 * only while the instruction word in guest memory still equals the word it was decoded
 * from (compared on every execution; one load and one compare), so stores by any vcpu,
 * by the VMM or by DMA never leave a stale decode behind, and icbi needs no work here.
 */
#ifndef KVMPPC_ICACHE_H
#define KVMPPC_ICACHE_H

#include <stdint.h>

#include "cpu/insn.h"

struct ppc_op {
	ppc_exec_fn fn;   /* handler; NULL = not decoded */
	uint32_t raw;     /* the 4 bytes as they lie in guest memory (host-order load) */
	uint32_t insn;    /* the instruction word in the fetch byte order */
	uint32_t flags;   /* the row's INSN_* flags */
	uint8_t le;       /* MSR[LE] at decode time */
};

/* Direct-mapped by real page. 256 pages (1 MiB of guest code, up to 6 MiB of ops per
 * vcpu, allocated as slots are first used) hold a Linux boot's hot kernel text: with 64,
 * conflict misses re-decoded ~10 % of all instructions executed (perf, Debian 6.1 boot). */
#define ICACHE_PAGES 256
#define OPS_PER_PAGE 1024

struct ppc_icache_page {
	uint64_t real;   /* guest real page address; UINT64_MAX = empty */
	struct ppc_op ops[OPS_PER_PAGE];
};

struct ppc_icache {
	struct ppc_icache_page *pages[ICACHE_PAGES];
};

/** icache_create()/icache_destroy() - per-vcpu cache. create returns NULL on ENOMEM. */
struct ppc_icache *icache_create(void);
void icache_destroy(struct ppc_icache *ic);

/** icache_page() - the predecode page for real page @real (recycled on conflict), or
 * NULL if memory is exhausted. */
struct ppc_icache_page *icache_page(struct ppc_icache *ic, uint64_t real);

/** icache_decode() - fill @op from @raw (the word as read from memory) under MSR[LE] @le. */
void icache_decode(struct ppc_cpu *cpu, struct ppc_op *op, uint32_t raw, int le);

/** The handler executed for words that decode to no instruction. */
int insn_illegal(struct ppc_cpu *cpu, uint32_t insn);

#endif /* KVMPPC_ICACHE_H */
