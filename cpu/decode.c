/* SPDX-License-Identifier: MIT */
/*
 * The decoder, built once from the instruction table.
 *
 * Key = primary opcode (6 bits) and instruction bits 21..31 (11 bits: XO and Rc for most
 * forms), a 17-bit index. Each key owns a short list of candidate rows, most specific
 * mask first; a row whose mask leaves some of those 11 bits free (D, DS, MD, A forms...)
 * is listed under every key it can match. Decoding is one table load and, nearly always,
 * one mask compare; the predecode cache makes it rarer still.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/insn.h"

const struct ppc_insn_def ppc_insn_table[] = {
#define INSN(mn, match, mask, rsvd, flags, fn) {mn, match, mask, rsvd, flags, fn},
#include "cpu/isa/all.def"
#undef INSN
	{NULL, 0, 0, 0, 0, NULL},
};
const size_t ppc_insn_count = sizeof(ppc_insn_table) / sizeof(ppc_insn_table[0]) - 1;

#define KEY_BITS 17
#define NKEYS (1u << KEY_BITS)
#define CHAIN_END 0xffffu

static uint32_t *key_start;    /* per key: index into chain, or UINT32_MAX if empty */
static uint16_t *chain;        /* row indices, each key's run ends with CHAIN_END */
static pthread_once_t decode_once = PTHREAD_ONCE_INIT;

static inline uint32_t key_of(uint32_t insn)
{
	return ((insn >> 26) << 11) | (insn & 0x7ff);
}

static int popcount32(uint32_t v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static int row_cmp_specific_first(const void *a, const void *b)
{
	const uint16_t ra = *(const uint16_t *)a, rb = *(const uint16_t *)b;
	int pa = popcount32(ppc_insn_table[ra].mask), pb = popcount32(ppc_insn_table[rb].mask);
	if (pa != pb)
		return pb - pa;
	return (int)ra - (int)rb;
}

static void build_decoder(void)
{
	/* Pass 1: count the candidates of each key; pass 2: fill. */
	uint32_t *count = calloc(NKEYS, sizeof(*count));
	key_start = malloc(NKEYS * sizeof(*key_start));
	if (!count || !key_start)
		abort(); /* out of memory at library initialisation; nothing sane to do */
	for (size_t r = 0; r < ppc_insn_count; r++) {
		const struct ppc_insn_def *d = &ppc_insn_table[r];
		uint32_t kmask = key_of(d->mask), kmatch = key_of(d->match);
		uint32_t free_bits = ~kmask & 0x7ff; /* only low 11 bits can be free; PO always fixed */
		/* enumerate all subsets of free_bits */
		uint32_t sub = 0;
		do {
			count[kmatch | sub]++;
			sub = (sub - free_bits) & free_bits;
		} while (sub);
	}
	size_t total = 0;
	for (uint32_t k = 0; k < NKEYS; k++) {
		if (count[k]) {
			key_start[k] = (uint32_t)total;
			total += count[k] + 1;
		} else {
			key_start[k] = UINT32_MAX;
		}
	}
	chain = malloc((total ? total : 1) * sizeof(*chain));
	if (!chain)
		abort();
	memset(count, 0, NKEYS * sizeof(*count));
	for (size_t r = 0; r < ppc_insn_count; r++) {
		const struct ppc_insn_def *d = &ppc_insn_table[r];
		uint32_t kmask = key_of(d->mask), kmatch = key_of(d->match);
		uint32_t free_bits = ~kmask & 0x7ff;
		uint32_t sub = 0;
		do {
			uint32_t k = kmatch | sub;
			chain[key_start[k] + count[k]++] = (uint16_t)r;
			sub = (sub - free_bits) & free_bits;
		} while (sub);
	}
	for (uint32_t k = 0; k < NKEYS; k++) {
		if (key_start[k] == UINT32_MAX)
			continue;
		qsort(&chain[key_start[k]], count[k], sizeof(uint16_t), row_cmp_specific_first);
		chain[key_start[k] + count[k]] = CHAIN_END;
	}
	free(count);
}

const struct ppc_insn_def *ppc_decode(uint32_t insn, enum ppc_isa_level isa)
{
	pthread_once(&decode_once, build_decoder);
	uint32_t start = key_start[key_of(insn)];
	if (start == UINT32_MAX)
		return NULL;
	for (const uint16_t *c = &chain[start]; *c != CHAIN_END; c++) {
		const struct ppc_insn_def *d = &ppc_insn_table[*c];
		if ((insn & d->mask) != d->match)
			continue;
		/* A row the model lacks lets a less specific one match: on POWER8, mffsl's word
		 * is an mffs with reserved bits set, which hardware executes as mffs. */
		if ((d->flags & INSN_ISA300) && isa < PPC_ISA_300)
			continue;
		if ((d->flags & INSN_ISA207_ONLY) && isa >= PPC_ISA_300)
			continue;
		if ((d->flags & INSN_ISA310) && isa < PPC_ISA_310)
			continue;
		if (insn & d->rsvd)
			return NULL; /* invalid form (ISA 3.0 Book I 1.8.2) */
		return d;
	}
	return NULL;
}

const struct ppc_insn_def *ppc_insn_find(const char *mnemonic)
{
	for (size_t r = 0; r < ppc_insn_count; r++)
		if (strcmp(ppc_insn_table[r].mnemonic, mnemonic) == 0)
			return &ppc_insn_table[r];
	return NULL;
}
