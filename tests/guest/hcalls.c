/* SPDX-License-Identifier: MIT */
/*
 * The hypercalls the library answers itself, seen from a bare-metal pseries guest in real
 * mode: H_GET_CPU_CHARACTERISTICS, H_RANDOM, H_PAGE_INIT, H_SET_SPRG0, H_REGISTER_VPA
 * (and its dispatch counter), H_SET_MODE errors, and the HPT calls H_ENTER, H_READ,
 * H_PROTECT, H_CLEAR_REF/MOD, H_REMOVE (PAPR 14.5.4), and H_LOGICAL_CI_LOAD/STORE, which
 * the library leaves to kvmppc-run. Expected values are PAPR's.
 */
#include "guest.h"

#define H_PARAMETER (-4)
#define H_NOT_FOUND (-7)
#define H_P2 (-55)
#define H_ENTER 0x08
#define H_REMOVE 0x04
#define H_READ 0x0c
#define H_CLEAR_MOD 0x10
#define H_CLEAR_REF 0x14
#define H_PROTECT 0x18
#define H_SET_SPRG0 0x24
#define H_PAGE_INIT 0x2c
#define H_REGISTER_VPA 0xdc
#define H_CEDE 0xe0
#define H_LOGICAL_CI_LOAD 0x3c
#define H_LOGICAL_CI_STORE 0x40
#define H_GET_CPU_CHARACTERISTICS 0x1c8
#define H_RANDOM 0x300
#define H_SET_MODE 0x31c
#define H_ZERO_PAGE (1ULL << 15)
#define H_COPY_PAGE (1ULL << 14)
#define H_CPU_CHAR_COUNT_CACHE_DISABLED (1ULL << 56)
#define H_CPU_BEHAV_FAVOUR_SECURITY (1ULL << 63)
#define HPTE_V_VALID 1ULL
#define HPTE_R_R 0x100ULL
#define HPTE_R_C 0x080ULL

static uint8_t page_a[4096] __attribute__((aligned(4096)));
static uint8_t page_b[4096] __attribute__((aligned(4096)));
static uint8_t vpa[1024] __attribute__((aligned(1024)));

static uint64_t timebase(void)
{
	uint64_t tb;
	__asm__ volatile("mftb %0" : "=r"(tb));
	return tb;
}

/*
 * H_CEDE sleeps until the decrementer fires: DEC = 1 ms, MSR[EE] = 0, cede (which sets
 * EE), and the decrementer interrupt (0x900, big-endian since LPCR[ILE] = 0) stores 1 at
 * real address 0x80, pushes DEC far away and returns.
 */
static void check_cede_until_decrementer(void)
{
	static const uint32_t handler[] = {
		0x39200001u, /* li r9,1 */
		0x91200080u, /* stw r9,0x80(0) */
		0x3d407fffu, /* lis r10,0x7fff */
		0x7d5603a6u, /* mtdec r10 */
		0x4c000024u, /* rfid */
	};
	for (unsigned i = 0; i < 5; i++)
		real_put_be32(0x900 + 4 * i, handler[i]);
	__asm__ volatile("sync; icbi 0,%0; isync" : : "r"(0x900) : "memory");
	real_put_be32(0x80, 0);
	uint64_t t0 = timebase();
	__asm__ volatile("mtdec %0" : : "r"(512000ull)); /* 1 ms at 512 MHz */
	CHECK(hcall(H_CEDE, 0, 0, 0, 0, 0, 0, 0) == H_SUCCESS);
	uint64_t elapsed = timebase() - t0;
	CHECK(real_get_be32(0x80) == 1); /* the decrementer woke us */
	CHECK(elapsed >= 512000);
	uint64_t msr;
	__asm__ volatile("mfmsr %0" : "=r"(msr));
	CHECK(msr & (1ULL << 15)); /* H_CEDE left MSR[EE] set */
	__asm__ volatile("mtmsrd %0, 1" : : "r"(0ULL) : "memory"); /* EE (and RI) off again */
}

/* H_LOGICAL_CI_STORE/LOAD: 1, 2, 4 or 8 bytes at a real address, big-endian values. */
static void check_logical_ci(void)
{
	struct hcall_out o;
	uint64_t a = (uintptr_t)page_b;
	CHECK(hcall(H_LOGICAL_CI_STORE, 8, a, 0x0102030405060708ULL, 0, 0, 0, 0) == H_SUCCESS);
	CHECK(page_b[0] == 1 && page_b[3] == 4 && page_b[7] == 8);
	CHECK(hcall(H_LOGICAL_CI_STORE, 1, a + 1, 0xabcd, 0, 0, 0, 0) == H_SUCCESS);
	CHECK(page_b[1] == 0xcd && page_b[2] == 3);
	CHECK(hcall(H_LOGICAL_CI_LOAD, 2, a + 2, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r4 == 0x0304);
	CHECK(hcall(H_LOGICAL_CI_LOAD, 4, a + 4, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r4 == 0x05060708);
	CHECK(hcall(H_LOGICAL_CI_LOAD, 8, a, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r4 == 0x01cd030405060708ULL);
	CHECK(hcall(H_LOGICAL_CI_LOAD, 3, a, 0, 0, 0, 0, &o) == H_PARAMETER);
	CHECK(hcall(H_LOGICAL_CI_LOAD, 8, 1ULL << 50, 0, 0, 0, 0, &o) == H_PARAMETER);
}

static uint32_t vpa_dispatch_count(void)
{
	return be32(vpa + 0x100);
}

int main(void)
{
	struct hcall_out o;
	printf_console("in-library hcalls\n");

	CHECK(hcall(H_GET_CPU_CHARACTERISTICS, 0, 0, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r4 & H_CPU_CHAR_COUNT_CACHE_DISABLED);
	CHECK(!(o.r5 & H_CPU_BEHAV_FAVOUR_SECURITY));

	uint64_t r1, r2;
	CHECK(hcall(H_RANDOM, 0, 0, 0, 0, 0, 0, &o) == H_SUCCESS);
	r1 = o.r4;
	CHECK(hcall(H_RANDOM, 0, 0, 0, 0, 0, 0, &o) == H_SUCCESS);
	r2 = o.r4;
	CHECK(r1 != r2);

	for (int i = 0; i < 4096; i++)
		page_a[i] = (uint8_t)(i * 7), page_b[i] = 0xee;
	CHECK(hcall(H_PAGE_INIT, H_COPY_PAGE, (uintptr_t)page_b, (uintptr_t)page_a, 0, 0, 0, 0) == H_SUCCESS);
	int same = 1;
	for (int i = 0; i < 4096; i++)
		same &= page_b[i] == (uint8_t)(i * 7);
	CHECK(same);
	CHECK(hcall(H_PAGE_INIT, H_ZERO_PAGE, (uintptr_t)page_a, 0, 0, 0, 0, 0) == H_SUCCESS);
	int zero = 1;
	for (int i = 0; i < 4096; i++)
		zero &= page_a[i] == 0;
	CHECK(zero);
	CHECK(hcall(H_PAGE_INIT, H_ZERO_PAGE, (uintptr_t)page_a + 8, 0, 0, 0, 0, 0) == H_PARAMETER);

	CHECK(hcall(H_SET_SPRG0, 0x1234abcd, 0, 0, 0, 0, 0, 0) == H_SUCCESS);
	uint64_t sprg0;
	__asm__ volatile("mfsprg0 %0" : "=r"(sprg0));
	CHECK(sprg0 == 0x1234abcd);

	CHECK(hcall(H_SET_MODE, 0, 99, 0, 0, 0, 0, 0) == H_P2);

	/* VPA: size (u16) at offset 4; the dispatch counter is even while we run */
	vpa[4] = 640 >> 8, vpa[5] = 640 & 0xff;
	CHECK(hcall(H_REGISTER_VPA, 1ULL << 45, 0, (uintptr_t)vpa, 0, 0, 0, 0) == H_SUCCESS);
	CHECK(hcall(H_REGISTER_VPA, 1ULL << 45, 0, (uintptr_t)vpa + 8, 0, 0, 0, 0) == H_PARAMETER);
	uint32_t c0 = vpa_dispatch_count();
	printf_console("VPA registered, dispatch count %u\n", c0); /* console: a VMM exit */
	uint32_t c1 = vpa_dispatch_count();
	CHECK((c1 & 1) == 0);
	CHECK(c1 > c0);

	/* HPT: enter a valid 4K entry in group 8, read it back, protect, clear R/C, remove */
	uint64_t v = (0x123ULL << 7) | HPTE_V_VALID, r = 0x5000ULL | HPTE_R_R | HPTE_R_C | 2;
	CHECK(hcall(H_ENTER, 0, 8 * 8, v, r, 0, 0, &o) == H_SUCCESS);
	uint64_t slot = o.r4;
	CHECK(slot >= 64 && slot < 72);
	CHECK(hcall(H_READ, 0, slot, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r4 == v && o.r5 == r);
	CHECK(hcall(H_PROTECT, 3, slot, 0, 0, 0, 0, 0) == H_SUCCESS); /* pp = 3 */
	CHECK(hcall(H_READ, 0, slot, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK((o.r5 & 3) == 3);
	CHECK(hcall(H_CLEAR_REF, 0, slot, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r4 & HPTE_R_R); /* the old R bit is reported */
	CHECK(hcall(H_CLEAR_MOD, 0, slot, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r4 & HPTE_R_C);
	CHECK(hcall(H_READ, 0, slot, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(!(o.r5 & (HPTE_R_R | HPTE_R_C)));
	CHECK(hcall(H_REMOVE, 0, slot, 0, 0, 0, 0, &o) == H_SUCCESS);
	CHECK(o.r4 == v);
	CHECK(hcall(H_REMOVE, 0, slot, 0, 0, 0, 0, 0) == H_NOT_FOUND);

	check_logical_ci();
	check_cede_until_decrementer();

	printf_console("%s\n", guest_failures ? "self-check FAILED" : "all hcall checks passed");
	return 0;
}
