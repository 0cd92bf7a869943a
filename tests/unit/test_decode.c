/* SPDX-License-Identifier: MIT */
/*
 * The instruction table and the decoder (cpu/insn.h, cpu/decode.c): every row decodes to
 * itself, no two rows are ambiguous, reserved bits make invalid forms, ISA 3.0 rows do
 * not exist on POWER8, and the fixed-point/branch instruction set is complete.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cpu/insn.h"

static bool on_model(const struct ppc_insn_def *d, enum ppc_isa_level isa)
{
	if ((d->flags & INSN_ISA300) && isa < PPC_ISA_300)
		return false;
	if ((d->flags & INSN_ISA207_ONLY) && isa >= PPC_ISA_300)
		return false;
	if ((d->flags & INSN_ISA310) && isa < PPC_ISA_310)
		return false;
	return true;
}

static int popcount32(uint32_t v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static void test_rows_well_formed(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t i = 0; i < ppc_insn_count; i++) {
		const struct ppc_insn_def *d = &ppc_insn_table[i];
		if ((d->match & ~d->mask) || (d->rsvd & d->match) || !d->exec ||
		    (d->mask >> 26) != 0x3f || ((d->flags & INSN_ISA300) && (d->flags & INSN_ISA207_ONLY))) {
			printf("malformed row %s: match %08x mask %08x rsvd %08x\n", d->mnemonic,
			       d->match, d->mask, d->rsvd);
			bad++;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->mnemonic, ppc_insn_table[j].mnemonic) == 0) {
				printf("mnemonic %s appears twice\n", d->mnemonic);
				bad++;
			}
	}
	assert_int_equal(bad, 0);
}

/* The word `match` decodes to its own row on every model that has the row. */
static void test_rows_decode_to_themselves(void **state)
{
	(void)state;
	int bad = 0;
	static const enum ppc_isa_level isas[] = {PPC_ISA_207, PPC_ISA_300};
	for (size_t i = 0; i < ppc_insn_count; i++) {
		const struct ppc_insn_def *d = &ppc_insn_table[i];
		for (int m = 0; m < 2; m++) {
			if (!on_model(d, isas[m]))
				continue;
			const struct ppc_insn_def *got = ppc_decode(d->match, isas[m]);
			if (got != d) {
				printf("%08x (%s) decodes to %s on ISA %d\n", d->match, d->mnemonic,
				       got ? got->mnemonic : "nothing", isas[m]);
				bad++;
			}
		}
		if (ppc_insn_find(d->mnemonic) != d)
			bad++;
	}
	assert_int_equal(bad, 0);
}

/*
 * Two rows overlap when some word matches both. That is only unambiguous when one mask
 * strictly contains the other (the decoder tries the more specific row first), or when
 * no model has both rows.
 */
static void test_no_ambiguous_overlap(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t i = 0; i < ppc_insn_count; i++) {
		const struct ppc_insn_def *a = &ppc_insn_table[i];
		for (size_t j = i + 1; j < ppc_insn_count; j++) {
			const struct ppc_insn_def *b = &ppc_insn_table[j];
			if ((a->match ^ b->match) & a->mask & b->mask)
				continue; /* disjoint */
			bool exclusive = ((a->flags | b->flags) & INSN_ISA300) &&
					 ((a->flags | b->flags) & INSN_ISA207_ONLY);
			bool nested = a->mask != b->mask &&
				      ((a->mask & b->mask) == a->mask || (a->mask & b->mask) == b->mask);
			if (!exclusive && !nested) {
				printf("ambiguous: %s (%08x/%08x) and %s (%08x/%08x)\n", a->mnemonic,
				       a->match, a->mask, b->mnemonic, b->match, b->mask);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/*
 * ISA 3.0 rows are illegal on POWER8. The one designed exception (HACKING.md, census
 * section 10): a less specific ISA 2.07 row may take the word, as mffs takes mffsl's.
 */
static void test_isa300_rows_absent_on_power8(void **state)
{
	(void)state;
	int bad = 0, n = 0;
	for (size_t i = 0; i < ppc_insn_count; i++) {
		const struct ppc_insn_def *d = &ppc_insn_table[i];
		if (!(d->flags & INSN_ISA300))
			continue;
		n++;
		const struct ppc_insn_def *got = ppc_decode(d->match, PPC_ISA_207);
		if (!got)
			continue;
		bool fallback = !(got->flags & INSN_ISA300) &&
				popcount32(got->mask) < popcount32(d->mask) &&
				(got->mask & d->mask) == got->mask;
		if (!fallback) {
			printf("%s decodes to %s on POWER8\n", d->mnemonic, got->mnemonic);
			bad++;
		}
	}
	assert_true(n > 0);
	assert_int_equal(bad, 0);
}

/* Any reserved bit set makes the word something other than the row (an invalid form). */
static void test_reserved_bits(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t i = 0; i < ppc_insn_count; i++) {
		const struct ppc_insn_def *d = &ppc_insn_table[i];
		enum ppc_isa_level isa = on_model(d, PPC_ISA_300) ? PPC_ISA_300 : PPC_ISA_207;
		for (uint32_t bit = 1; bit; bit <<= 1) {
			if (!(d->rsvd & bit))
				continue;
			const struct ppc_insn_def *got = ppc_decode(d->match | bit, isa);
			if (got == d) {
				printf("%s with reserved bit %08x still decodes\n", d->mnemonic, bit);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* Spot checks of real encodings (from powerpc64le-linux-gnu-as) and of words that must
 * not decode. */
static void test_known_words(void **state)
{
	(void)state;
	static const struct {
		uint32_t w;
		const char *mn; /* NULL: illegal */
		enum ppc_isa_level isa;
	} c[] = {
		{0x60000000, "ori", PPC_ISA_207},      /* nop */
		{0x63de0000, "ori", PPC_ISA_207},      /* ori 30,30,0 */
		{0x63ff0000, "ori", PPC_ISA_207},      /* ori 31,31,0 */
		{0x7fffFb78, "or", PPC_ISA_207},       /* or 31,31,31 */
		{0x7c0802a6, "mfspr", PPC_ISA_207},    /* mflr r0 */
		{0x4e800020, "bclr", PPC_ISA_207},     /* blr */
		{0x4e800421, "bcctrl", PPC_ISA_207},   /* bctrl */
		{0x4c400420, "bcctr", PPC_ISA_207},    /* bcctr 2,0: count-cache flush */
		{0x4e800460, "bctar", PPC_ISA_207},
		{0x7c6802a6, "mfspr", PPC_ISA_207},
		{0x7d800026, "mfcr", PPC_ISA_207},
		{0x7d910120, "mtocrf", PPC_ISA_207},   /* mtocrf 0x10,r12 */
		{0x7d8ff120, "mtcrf", PPC_ISA_207},    /* mtcr r12 */
		{0x7d901026, "mfocrf", PPC_ISA_207},   /* mfocrf r12,1 */
		{0x7c6307b4, "extsw", PPC_ISA_207},
		{0x786307e0, "rldicl", PPC_ISA_207},   /* clrldi r3,r3,63 */
		{0x7863f806, "rldicr", PPC_ISA_207},
		{0x7c632674, "sradi", PPC_ISA_207},
		{0x7c6326f4, "extswsli", PPC_ISA_300},
		{0x7c6326f4, NULL, PPC_ISA_207},
		{0x7fe00008, "tw", PPC_ISA_207},       /* trap */
		{0x0c000000, "twi", PPC_ISA_207},
		{0x7c63205e, "isel", PPC_ISA_207},
		{0x4c600004, "addpcis", PPC_ISA_300},  /* lnia r3 */
		{0x4c600004, NULL, PPC_ISA_207},
		{0x7c6005e6, "darn", PPC_ISA_300},
		{0x7c6305e6, "darn", PPC_ISA_300},     /* L = 3: the handler rejects it */
		{0x7c642c96, NULL, PPC_ISA_300},       /* mulhwo does not exist */
		{0x7c400000, NULL, PPC_ISA_300},       /* cmp with bit 9 */
		{0x00000000, NULL, PPC_ISA_300},
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		const struct ppc_insn_def *d = ppc_decode(c[i].w, c[i].isa);
		bool ok = c[i].mn ? d && strcmp(d->mnemonic, c[i].mn) == 0 : d == NULL;
		if (!ok) {
			printf("%08x on ISA %d: got %s, want %s\n", c[i].w, c[i].isa,
			       d ? d->mnemonic : "illegal", c[i].mn ? c[i].mn : "illegal");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Every fixed-point, branch and CR instruction of ISA 2.07 + 3.0 (issue 3) has its rows. */
static void test_int_branch_complete(void **state)
{
	(void)state;
	static const char *const base[] = {
		"addi", "addis", "addic", "addic.", "subfic", "mulli", "addpcis",
		"andi.", "andis.", "ori", "oris", "xori", "xoris", "cmpi", "cmpli", "cmp", "cmpl",
		"twi", "tdi", "tw", "td", "isel", "popcntb", "popcntw", "popcntd", "prtyw", "prtyd",
		"cmpb", "bpermd", "modsw", "moduw", "modsd", "modud", "darn", "maddhd", "maddhdu",
		"maddld", "setb", "cmprb", "cmpeqb", "mcrxrx", "addex", "addg6s", "cdtbcd", "cbcdtd", "mtcrf", "mtocrf", "mfcr", "mfocrf",
		"b", "ba", "bl", "bla", "bc", "bca", "bcl", "bcla", "bclr", "bclrl", "bcctr", "bcctrl",
		"bctar", "bctarl", "crand", "crandc", "creqv", "crnand", "crnor", "cror", "crorc",
		"crxor", "mcrf",
	};
	/* with OE and Rc forms */
	static const char *const xo4[] = {
		"add", "subf", "addc", "subfc", "adde", "subfe", "addme", "subfme", "addze",
		"subfze", "neg", "mullw", "mulld", "divw", "divwu", "divd", "divdu", "divwe",
		"divweu", "divde", "divdeu",
	};
	/* with Rc forms */
	static const char *const rc2[] = {
		"mulhw", "mulhwu", "mulhd", "mulhdu", "and", "andc", "or", "orc", "xor", "nor",
		"nand", "eqv", "extsb", "extsh", "extsw", "cntlzw", "cntlzd", "cnttzw", "cnttzd",
		"rlwinm", "rlwnm", "rlwimi", "rldicl", "rldicr", "rldic", "rldimi", "rldcl", "rldcr",
		"slw", "srw", "sraw", "srawi", "sld", "srd", "srad", "sradi", "extswsli",
	};
	int missing = 0;
	char buf[32];
	for (size_t i = 0; i < sizeof(base) / sizeof(base[0]); i++)
		if (!ppc_insn_find(base[i]) && printf("missing %s\n", base[i]))
			missing++;
	for (size_t i = 0; i < sizeof(xo4) / sizeof(xo4[0]); i++) {
		static const char *const suf[] = {"", ".", "o", "o."};
		for (int s = 0; s < 4; s++) {
			snprintf(buf, sizeof(buf), "%s%s", xo4[i], suf[s]);
			if (!ppc_insn_find(buf) && printf("missing %s\n", buf))
				missing++;
		}
	}
	for (size_t i = 0; i < sizeof(rc2) / sizeof(rc2[0]); i++) {
		for (int s = 0; s < 2; s++) {
			snprintf(buf, sizeof(buf), "%s%s", rc2[i], s ? "." : "");
			if (!ppc_insn_find(buf) && printf("missing %s\n", buf))
				missing++;
		}
	}
	assert_int_equal(missing, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_well_formed),
		cmocka_unit_test(test_rows_decode_to_themselves),
		cmocka_unit_test(test_no_ambiguous_overlap),
		cmocka_unit_test(test_isa300_rows_absent_on_power8),
		cmocka_unit_test(test_reserved_bits),
		cmocka_unit_test(test_known_words),
		cmocka_unit_test(test_int_branch_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
