/* SPDX-License-Identifier: MIT */
/*
 * The hash MMU from a PAPR guest: it makes a segment with slbmte, enters a page with
 * H_ENTER, turns data relocation on, loads and stores through the mapping, watches R/C
 * with H_READ, makes the page read-only with H_PROTECT and takes the protection DSI,
 * removes it with H_REMOVE and takes the no-PTE DSI, and takes a data segment interrupt
 * outside any segment (ISA 3.0B Book III 5.7.7, 7.5.3, 7.5.4; PAPR 14.5.4.1). In the
 * middle it doubles the HPT and halves it again (H_RESIZE_HPT_PREPARE/COMMIT, PAPR
 * 14.5.4.14), and the mapping must survive both.
 *
 * The accesses with MSR[DR] = 1 are single asm blocks that touch no other memory
 * (instructions are still fetched untranslated). The DSI (0x300) and DSegI (0x380)
 * handlers are 5 big-endian words (LPCR[ILE] = 0): r9 = the vector, skip the access,
 * rfid. DAR and DSISR are read afterwards.
 */
#include "guest.h"

#define H_PARAMETER (-4)
#define H_NOT_FOUND (-7)
#define H_REMOVE 0x04
#define H_ENTER 0x08
#define H_READ 0x0c
#define H_PROTECT 0x18
#define H_RESIZE_HPT_PREPARE 0x36c
#define H_RESIZE_HPT_COMMIT 0x370
#define H_CLOSED 2
#define HPTE_V_VALID 1ULL
#define HPTE_R_R 0x100ULL
#define HPTE_R_C 0x080ULL
#define DSISR_NOPTE 0x40000000u
#define DSISR_PROT 0x08000000u
#define DSISR_STORE 0x02000000u

#define VSID 0x4321ULL
#define EA 0x10000000ULL /* ESID 1, page 0 of the segment */
#define EA_NO_SEGMENT 0x20000000ULL

static uint64_t page[512] __attribute__((aligned(4096)));

/* Load the doubleword at @ea with MSR[DR] = 1; *vector = 0, or the interrupt taken. */
static uint64_t load_dr(uint64_t ea, uint64_t *vector)
{
	uint64_t val = 0, vec;
	__asm__ volatile(
		"li 9,0\n\t"
		"mfmsr 11\n\t"
		"ori 12,11,0x10\n\t"
		"mtmsrd 12\n\t"
		"isync\n\t"
		"ld %0,0(%2)\n\t"
		"mtmsrd 11\n\t"
		"isync\n\t"
		"mr %1,9"
		: "+&r"(val), "=&r"(vec) : "b"(ea) : "r9", "r10", "r11", "r12", "memory");
	*vector = vec;
	return val;
}

static uint64_t store_dr(uint64_t ea, uint64_t val)
{
	uint64_t vec;
	__asm__ volatile(
		"li 9,0\n\t"
		"mfmsr 11\n\t"
		"ori 12,11,0x10\n\t"
		"mtmsrd 12\n\t"
		"isync\n\t"
		"std %1,0(%2)\n\t"
		"mtmsrd 11\n\t"
		"isync\n\t"
		"mr %0,9"
		: "=&r"(vec) : "r"(val), "b"(ea) : "r9", "r10", "r11", "r12", "memory");
	return vec;
}

static uint64_t spr_dar(void)
{
	uint64_t v;
	__asm__ volatile("mfdar %0" : "=r"(v));
	return v;
}

static uint32_t spr_dsisr(void)
{
	uint64_t v;
	__asm__ volatile("mfdsisr %0" : "=r"(v));
	return (uint32_t)v;
}

int main(void)
{
	struct hcall_out o;
	uint32_t shift = 0, len;
	const void *pft = fdt_prop("/cpus/PowerPC,POWER9", "ibm,pft-size", &len);
	if (!pft)
		pft = fdt_prop("/cpus/PowerPC,POWER8", "ibm,pft-size", &len);
	CHECK(pft && len == 8);
	if (pft)
		shift = be32((const uint8_t *)pft + 4);
	uint64_t groups = 1ULL << (shift - 7);
	install_skip_handler(0x300);
	install_skip_handler(0x380);

	/* segment: slbmte RS = VSID | Kp, RB = ESID | V | index 1 */
	uint64_t rs = (VSID << 12) | 0x400, rb = EA | 0x08000000 | 1;
	__asm__ volatile("slbmte %0,%1; isync" : : "r"(rs), "r"(rb) : "memory");

	/* page: VA = VSID || EA[36:63]; primary hash = VSID ^ page index (Book III 5.7.7.3) */
	uint64_t vpn = (VSID << 16) | ((EA & 0x0fffffff) >> 12);
	uint64_t hpte_v = ((vpn >> 11) << 7) | HPTE_V_VALID; /* AVPN = VA[0:54] */
	uint64_t hpte_r = (uint64_t)(uintptr_t)page | 2;     /* RPN, PP = 10: read/write */
	uint64_t group = (VSID ^ ((EA & 0x0fffffff) >> 12)) & (groups - 1);
	page[1] = 0x1122334455667788ULL;
	CHECK(hcall(H_ENTER, 0, group * 8, hpte_v, hpte_r, 0, 0, &o) == H_SUCCESS);
	uint64_t slot = o.r4;

	uint64_t vec;
	CHECK(load_dr(EA + 8, &vec) == 0x1122334455667788ULL);
	CHECK(vec == 0);
	CHECK(hcall(H_READ, 0, slot, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK((o.r5 & HPTE_R_R) && !(o.r5 & HPTE_R_C));
	CHECK(store_dr(EA + 16, 0xabcdef) == 0);
	CHECK(page[2] == 0xabcdef);
	CHECK(hcall(H_READ, 0, slot, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r5 & HPTE_R_C);

	/* read-only: the store takes a protection DSI */
	CHECK(hcall(H_PROTECT, 3, slot, 0, 0, 0, 0, 0) == H_SUCCESS);
	CHECK(load_dr(EA + 8, &vec) == 0x1122334455667788ULL && vec == 0);
	CHECK(store_dr(EA + 24, 1) == 0x300);
	CHECK(spr_dar() == EA + 24);
	CHECK(spr_dsisr() == (DSISR_PROT | DSISR_STORE));
	CHECK(page[3] == 0);

	/* HPT resizing: up, then back; the entry moves to its group in the new table */
	for (int k = 0; k < 2; k++) {
		uint32_t ns = k ? shift : shift + 1;
		CHECK(hcall(H_RESIZE_HPT_PREPARE, 0, ns, 0, 0, 0, 0, 0) == H_SUCCESS);
		CHECK(hcall(H_RESIZE_HPT_COMMIT, 0, ns, 0, 0, 0, 0, 0) == H_SUCCESS);
		uint64_t ng = (VSID ^ ((EA & 0x0fffffff) >> 12)) & ((1ULL << (ns - 7)) - 1);
		slot = ~0ULL;
		for (uint64_t i = ng * 8; i < ng * 8 + 8; i++)
			if (hcall(H_READ, 0, i, 0, 0, 0, 0, &o) == H_SUCCESS && (o.r4 & HPTE_V_VALID) &&
			    (o.r4 >> 7) == (hpte_v >> 7))
				slot = i;
		CHECK(slot != ~0ULL);
		CHECK(load_dr(EA + 8, &vec) == 0x1122334455667788ULL && vec == 0);
		CHECK(store_dr(EA + 24, 1) == 0x300); /* still read-only */
	}
	CHECK(hcall(H_RESIZE_HPT_COMMIT, 0, shift + 1, 0, 0, 0, 0, 0) == H_CLOSED); /* nothing prepared */

	/* removed: the load takes a no-PTE DSI */
	CHECK(hcall(H_REMOVE, 0, slot, 0, 0, 0, 0, 0) == H_SUCCESS);
	load_dr(EA + 8, &vec);
	CHECK(vec == 0x300);
	CHECK(spr_dar() == EA + 8);
	CHECK(spr_dsisr() == DSISR_NOPTE);

	/* no SLB entry: data segment interrupt */
	load_dr(EA_NO_SEGMENT, &vec);
	CHECK(vec == 0x380);
	CHECK(spr_dar() == EA_NO_SEGMENT);

	printf_console("%s\n", guest_failures ? "self-check FAILED" : "all hash MMU checks passed");
	return 0;
}
