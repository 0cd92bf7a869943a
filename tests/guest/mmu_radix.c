/* SPDX-License-Identifier: MIT */
/*
 * The radix MMU from a PAPR guest (POWER9): it registers a process table with
 * H_REGISTER_PROC_TBL, builds a 4-level tree for 4 KiB pages (13/9/9/9 index bits,
 * big-endian entries), turns data relocation on and accesses quadrant 3 (PID 0): a
 * read/write page with R/C set by the walk, a read-only page (protection DSI), a missing
 * PTE (no-PTE DSI), an address beyond the tree (data segment interrupt), and a PTE
 * invalidated with tlbiel (ISA 3.0B Book III 5.7.10-5.7.11, 7.5.3; PAPR 14.5.4.9).
 */
#include "guest.h"

#define H_REGISTER_PROC_TBL 0x37c
#define PROC_TABLE_NEW 0x18
#define PROC_TABLE_RADIX 0x04
#define PROC_TABLE_GTSE 0x01
#define PTE_V (1ULL << 63)
#define PTE_L (1ULL << 62)
#define PTE_R 0x100ULL
#define PTE_C 0x080ULL
#define EAA_PRIV 0x8ULL
#define EAA_READ 0x4ULL
#define EAA_RW 0x2ULL
#define DSISR_NOPTE 0x40000000u
#define DSISR_PROT 0x08000000u
#define DSISR_STORE 0x02000000u

#define EA_BASE 0xc000000010000000ULL /* quadrant 3; PMD index 0x80, PTE index 0.. */
#define EA_RW (EA_BASE)
#define EA_RO (EA_BASE + 0x1000)
#define EA_NONE (EA_BASE + 0x2000)
#define EA_OUTSIDE 0xc010000000000000ULL /* EA bits 2:11 non-zero: beyond a 52-bit tree */

static uint8_t prtb[4096] __attribute__((aligned(4096)));
static uint8_t pgd[8192 * 8] __attribute__((aligned(65536)));
static uint8_t pud[512 * 8] __attribute__((aligned(4096)));
static uint8_t pmd[512 * 8] __attribute__((aligned(4096)));
static uint8_t pte[512 * 8] __attribute__((aligned(4096)));
static uint64_t page_rw[512] __attribute__((aligned(4096)));
static uint64_t page_ro[512] __attribute__((aligned(4096)));

static void st_be64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static uint64_t ld_be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static uint64_t access_dr(uint64_t ea, int store, uint64_t *val)
{
	uint64_t vec, v = *val;
	if (store)
		__asm__ volatile("li 9,0; mfmsr 11; ori 12,11,0x10; mtmsrd 12; isync;"
				 "std %1,0(%2); mtmsrd 11; isync; mr %0,9"
				 : "=&r"(vec) : "r"(v), "b"(ea) : "r9", "r10", "r11", "r12", "memory");
	else
		__asm__ volatile("li 9,0; mfmsr 11; ori 12,11,0x10; mtmsrd 12; isync;"
				 "ld %1,0(%2); mtmsrd 11; isync; mr %0,9"
				 : "=&r"(vec), "+&r"(v) : "b"(ea) : "r9", "r10", "r11", "r12", "memory");
	*val = v;
	return vec;
}

static uint64_t spr(int n)
{
	uint64_t v;
	if (n == 19)
		__asm__ volatile("mfdar %0" : "=r"(v));
	else
		__asm__ volatile("mfdsisr %0" : "=r"(v));
	return v;
}

int main(void)
{
	install_skip_handler(0x300);
	install_skip_handler(0x380);
	/* PID 0's entry: RTS = 21 (52-bit EA: bits 1:2 = 0b10, bits 56:58 = 0b101), root
	 * table of 2^13 entries */
	st_be64(prtb, (2ULL << 61) | (uint64_t)(uintptr_t)pgd | (5ULL << 5) | 13);
	st_be64(pgd, PTE_V | (uint64_t)(uintptr_t)pud | 9);
	st_be64(pud, PTE_V | (uint64_t)(uintptr_t)pmd | 9);
	st_be64(pmd + 0x80 * 8, PTE_V | (uint64_t)(uintptr_t)pte | 9);
	st_be64(pte + 0 * 8, PTE_V | PTE_L | (uint64_t)(uintptr_t)page_rw | EAA_PRIV | EAA_READ | EAA_RW);
	st_be64(pte + 1 * 8, PTE_V | PTE_L | (uint64_t)(uintptr_t)page_ro | EAA_PRIV | EAA_READ);
	__asm__ volatile("sync" ::: "memory");
	long rc = hcall(H_REGISTER_PROC_TBL, PROC_TABLE_NEW | PROC_TABLE_RADIX | PROC_TABLE_GTSE,
			(uintptr_t)prtb, 0, 0, 0, 0, 0);
	CHECK(rc == H_SUCCESS);

	uint64_t v = 0;
	page_rw[1] = 0x0102030405060708ULL;
	CHECK(access_dr(EA_RW + 8, 0, &v) == 0);
	CHECK(v == 0x0102030405060708ULL);
	CHECK(ld_be64(pte) & PTE_R);
	CHECK(!(ld_be64(pte) & PTE_C));
	v = 0x99;
	CHECK(access_dr(EA_RW + 16, 1, &v) == 0);
	CHECK(page_rw[2] == 0x99);
	CHECK(ld_be64(pte) & PTE_C);

	v = 5;
	CHECK(access_dr(EA_RO, 1, &v) == 0x300);
	CHECK(spr(19) == EA_RO);
	CHECK(spr(18) == (DSISR_PROT | DSISR_STORE));
	CHECK(access_dr(EA_RO, 0, &v) == 0); /* reading is allowed */

	CHECK(access_dr(EA_NONE, 0, &v) == 0x300);
	CHECK(spr(19) == EA_NONE);
	CHECK(spr(18) == DSISR_NOPTE);

	CHECK(access_dr(EA_OUTSIDE, 0, &v) == 0x380);
	CHECK(spr(19) == EA_OUTSIDE);

	/* invalidate the RW page's PTE and its cached translation (tlbiel RIC=0 PRS=1 R=1,
	 * IS=0: this EA's 4K page, PID 0) */
	st_be64(pte, 0);
	uint64_t rb = EA_RW & ~0xfffULL, rs = 0;
	__asm__ volatile("ptesync; .machine push; .machine power9; tlbiel %0,%1,0,1,1;"
			 ".machine pop; ptesync" : : "r"(rb), "r"(rs) : "memory");
	CHECK(access_dr(EA_RW + 8, 0, &v) == 0x300);
	CHECK(spr(18) == DSISR_NOPTE);

	printf_console("%s\n", guest_failures ? "self-check FAILED" : "all radix MMU checks passed");
	return 0;
}
