/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cpu/icache.h"
#include "mmu/byteorder.h"

struct ppc_icache *icache_create(void)
{
	return calloc(1, sizeof(struct ppc_icache));
}

void icache_destroy(struct ppc_icache *ic)
{
	if (!ic)
		return;
	for (unsigned i = 0; i < ICACHE_PAGES; i++)
		free(ic->pages[i]);
	free(ic);
}

struct ppc_icache_page *icache_page(struct ppc_icache *ic, uint64_t real)
{
	unsigned slot = (unsigned)((real >> 12) ^ (real >> 18)) % ICACHE_PAGES;
	struct ppc_icache_page *p = ic->pages[slot];
	if (p && p->real == real)
		return p;
	if (!p) {
		p = calloc(1, sizeof(*p));
		if (!p)
			return NULL;
		ic->pages[slot] = p;
	}
	/* A recycled slot keeps its ops: an op is used only when the word in memory equals
	 * its raw bytes and the byte order matches, and decoding depends on nothing else
	 * (the instruction level is fixed for the cache's life: lib/ops.c model_changed), so
	 * another page's op for the same word is the op this page would decode. */
	p->real = real;
	return p;
}

int insn_illegal(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return cpu_program_illegal(cpu);
}

void icache_decode(struct ppc_cpu *cpu, struct ppc_op *op, uint32_t raw, int le)
{
	uint8_t b[4];
	memcpy(b, &raw, 4);
	uint32_t insn = le ? ld_le32(b) : ld_be32(b);
	const struct ppc_insn_def *d = ppc_decode(insn, cpu->isa);
	op->raw = raw;
	op->insn = insn;
	op->le = (uint8_t)le;
	op->fn = d ? d->exec : insn_illegal;
	op->flags = d ? d->flags : INSN_ENDS_BLOCK;
}
