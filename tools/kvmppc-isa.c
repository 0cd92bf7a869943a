/* SPDX-License-Identifier: MIT */
/*
 * kvmppc-isa: which mnemonics of a list the library implements.
 *
 *   kvmppc-isa [--classes TSV] [--skip-missing] [--missing-only] LIST...
 *   kvmppc-isa --list
 *
 * A LIST file has one objdump base mnemonic per line, optionally followed by a count
 * (shared/reference/isa-census/mnemonics-*.txt); '#' starts a comment. For each mnemonic
 * the tool prints whether a row of the instruction table (the rows of cpu/isa/, walked through
 * ppc_insn_table) carries that name, and marks privileged ones: from the row flags
 * (INSN_NEED_PRIV / INSN_NEED_HV) when implemented, otherwise from the census class
 * column of --classes (mnemonics-combined.tsv) when given. The last line is always
 * `covered N of M` over all the lists (distinct mnemonics).
 *
 * --list prints every mnemonic the table holds, once, followed by tags: priv, hv,
 * isa300 (POWER9 only), isa207only (removed in ISA 3.0). The differential tester's
 * generator reads it. Exit status: 0, or 2 on a usage or I/O error; 77 (meson's "skip")
 * with --skip-missing when a list file does not exist.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/insn.h"

#define MN_MAX 32

/* Flags of every row named @mn, OR-ed; *found tells whether there is any. */
static uint32_t table_flags(const char *mn, bool *found)
{
	uint32_t fl = 0;
	*found = false;
	for (size_t i = 0; i < ppc_insn_count; i++) {
		if (strcmp(ppc_insn_table[i].mnemonic, mn) == 0) {
			fl |= ppc_insn_table[i].flags;
			*found = true;
		}
	}
	return fl;
}

static int list_table(void)
{
	for (size_t i = 0; i < ppc_insn_count; i++) {
		const char *mn = ppc_insn_table[i].mnemonic;
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = strcmp(ppc_insn_table[j].mnemonic, mn) == 0;
		if (dup)
			continue;
		bool found;
		uint32_t fl = table_flags(mn, &found);
		printf("%s%s%s%s%s%s\n", mn, fl & INSN_NEED_PRIV ? " priv" : "",
		       fl & INSN_NEED_HV ? " hv" : "", fl & INSN_ISA300 ? " isa300" : "",
		       fl & INSN_ISA207_ONLY ? " isa207only" : "",
		       fl & INSN_ISA310 ? " isa310" : "");
	}
	return 0;
}

/* The census's privileged class, read from the TSV (mnemonic TAB class TAB ...). */
struct classes {
	char (*names)[MN_MAX];
	size_t n, cap;
};

static int load_classes(struct classes *c, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "kvmppc-isa: %s: %s\n", path, strerror(errno));
		return -1;
	}
	char line[512];
	while (fgets(line, sizeof line, f)) {
		char *tab = strchr(line, '\t');
		if (!tab || (size_t)(tab - line) >= MN_MAX)
			continue;
		*tab = 0;
		if (strncmp(tab + 1, "privileged", 10) != 0)
			continue;
		if (c->n == c->cap) {
			size_t cap = c->cap ? 2 * c->cap : 64;
			char (*p)[MN_MAX] = realloc(c->names, cap * sizeof *p);
			if (!p) {
				fclose(f);
				return -1;
			}
			c->names = p;
			c->cap = cap;
		}
		strcpy(c->names[c->n++], line);
	}
	fclose(f);
	return 0;
}

static bool census_priv(const struct classes *c, const char *mn)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->names[i], mn) == 0)
			return true;
	return false;
}

/* Distinct mnemonics over all lists, for the final line. */
struct seen {
	char (*names)[MN_MAX];
	bool *covered;
	size_t n, cap;
};

static int seen_add(struct seen *s, const char *mn, bool covered)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->names[i], mn) == 0)
			return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		char (*p)[MN_MAX] = realloc(s->names, cap * sizeof *p);
		if (!p)
			return -1;
		s->names = p;
		bool *q = realloc(s->covered, cap * sizeof *q);
		if (!q)
			return -1;
		s->covered = q;
		s->cap = cap;
	}
	strcpy(s->names[s->n], mn);
	s->covered[s->n++] = covered;
	return 0;
}

static int report_file(const char *path, const struct classes *cls, struct seen *all,
		       bool missing_only)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "kvmppc-isa: %s: %s\n", path, strerror(errno));
		return -1;
	}
	printf("== %s\n", path);
	unsigned long n = 0, have = 0, npriv = 0, have_priv = 0;
	unsigned long long w_all = 0, w_have = 0;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		char mn[MN_MAX];
		unsigned long long count = 0;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		int k = sscanf(line, "%31s %llu", mn, &count);
		if (k < 1)
			continue;
		bool found;
		uint32_t fl = table_flags(mn, &found);
		bool priv = found ? (fl & (INSN_NEED_PRIV | INSN_NEED_HV)) != 0
				  : census_priv(cls, mn);
		n++;
		w_all += count;
		if (found) {
			have++;
			w_have += count;
		}
		if (priv) {
			npriv++;
			have_priv += found;
		}
		if (seen_add(all, mn, found) != 0) {
			fclose(f);
			return -1;
		}
		if (missing_only && found)
			continue;
		const char *pr = !priv ? ""
				 : found ? (fl & INSN_NEED_HV ? "  hypervisor" : "  privileged")
					 : "  privileged (census class)";
		if (k == 2)
			printf("%-16s %10llu  %-11s%s\n", mn, count, found ? "implemented" : "MISSING",
			       pr);
		else
			printf("%-16s %-11s%s\n", mn, found ? "implemented" : "MISSING", pr);
	}
	fclose(f);
	printf("-- %s: %lu of %lu implemented; non-privileged %lu of %lu; privileged %lu of %lu",
	       path, have, n, have - have_priv, n - npriv, have_priv, npriv);
	if (w_all)
		printf("; %.2f%% of the counted instructions", 100.0 * (double)w_have / (double)w_all);
	printf("\n");
	return 0;
}

static void usage(FILE *to)
{
	fprintf(to, "usage: kvmppc-isa [--classes TSV] [--skip-missing] [--missing-only] LIST...\n"
		    "       kvmppc-isa --list\n");
}

int main(int argc, char **argv)
{
	struct classes cls = {0};
	struct seen all = {0};
	bool skip_missing = false, missing_only = false;
	const char *classes = NULL;
	int ai = 1;
	for (; ai < argc && argv[ai][0] == '-' && argv[ai][1]; ai++) {
		if (!strcmp(argv[ai], "--list")) {
			return list_table();
		} else if (!strcmp(argv[ai], "--classes") && ai + 1 < argc) {
			classes = argv[++ai];
		} else if (!strcmp(argv[ai], "--skip-missing")) {
			skip_missing = true;
		} else if (!strcmp(argv[ai], "--missing-only")) {
			missing_only = true;
		} else if (!strcmp(argv[ai], "--help") || !strcmp(argv[ai], "-h")) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (ai == argc) {
		usage(stderr);
		return 2;
	}
	if (skip_missing) {
		for (int i = ai; i < argc; i++) {
			FILE *f = fopen(argv[i], "r");
			if (!f) {
				printf("SKIP: %s: %s\n", argv[i], strerror(errno));
				return 77;
			}
			fclose(f);
		}
	}
	if (classes && skip_missing) {
		FILE *f = fopen(classes, "r");
		if (!f) {
			printf("SKIP: %s: %s\n", classes, strerror(errno));
			return 77;
		}
		fclose(f);
	}
	if (classes && load_classes(&cls, classes) != 0)
		return 2;
	int rc = 0;
	for (int i = ai; i < argc; i++)
		if (report_file(argv[i], &cls, &all, missing_only) != 0)
			rc = 2;
	size_t covered = 0;
	for (size_t i = 0; i < all.n; i++)
		covered += all.covered[i];
	printf("covered %zu of %zu\n", covered, all.n);
	free(cls.names);
	free(all.names);
	free(all.covered);
	return rc;
}
