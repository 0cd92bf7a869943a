/* SPDX-License-Identifier: MIT */
/*
 * Time-base-dependent output for the -icount reproducibility test (icount.sh): the time
 * base around a computation and around H_CEDE waits that the decrementer ends, PURR, and
 * the RTAS time of day. On host time the numbers differ from run to run; with -icount
 * (one vcpu) two runs must print the same lines. The self-checks hold in both modes.
 */
#include "guest.h"

#define H_CEDE 0xe0

static uint64_t mftb(void)
{
	uint64_t t;
	__asm__ volatile("mftb %0" : "=r"(t));
	return t;
}

static uint64_t mfpurr(void)
{
	uint64_t t;
	__asm__ volatile("mfspr %0,309" : "=r"(t));
	return t;
}

static void mtdec(int64_t v)
{
	__asm__ volatile("mtdec %0" : : "r"(v));
}

static int64_t mfdec(void)
{
	int64_t v;
	__asm__ volatile("mfdec %0" : "=r"(v));
	return (int32_t)v;
}

/* MSR[EE] off again after H_CEDE turned it on (mtmsrd L=1 writes EE and RI only). */
static void ee_off(void)
{
	uint64_t msr;
	__asm__ volatile("mfmsr %0" : "=r"(msr));
	msr &= ~0x8000ULL;
	__asm__ volatile("mtmsrd %0,1" : : "r"(msr) : "memory");
}

/* The decrementer handler (big-endian, LPCR[ILE] = 0): DEC = 0x7fffffff (DEC interrupts
 * are level-triggered on its sign), count it in SPRG3, return. r9 is kept in SPRG2. */
static void install_dec_handler(void)
{
	static const uint32_t code[] = {
		0x7d3243a6u, /* mtsprg 2,r9 */
		0x3d207fffu, /* lis r9,0x7fff */
		0x6129ffffu, /* ori r9,r9,0xffff */
		0x7d3603a6u, /* mtdec r9 */
		0x7d3342a6u, /* mfsprg r9,3 */
		0x39290001u, /* addi r9,r9,1 */
		0x7d3343a6u, /* mtsprg 3,r9 */
		0x7d3242a6u, /* mfsprg r9,2 */
		0x4c000024u, /* rfid */
	};
	for (unsigned i = 0; i < sizeof(code) / sizeof(code[0]); i++)
		real_put_be32(0x900 + 4 * i, code[i]);
	__asm__ volatile("li 9,0; mtsprg 3,9" : : : "r9");
}

static uint64_t dec_count(void)
{
	uint64_t n;
	__asm__ volatile("mfsprg %0,3" : "=r"(n));
	return n;
}

static uint64_t collatz_steps(uint64_t n)
{
	uint64_t s = 0;
	while (n != 1) {
		n = (n & 1) ? 3 * n + 1 : n / 2;
		s++;
	}
	return s;
}

int main(void)
{
	install_dec_handler();
	uint64_t t0 = mftb();
	uint64_t steps = 0;
	for (uint64_t n = 1; n < 3000; n++)
		steps += collatz_steps(n);
	uint64_t t1 = mftb();
	CHECK(steps == 215015);
	CHECK(t1 > t0);
	printf_console("computation: %lu steps, tb %lu -> %lu (%lu ticks)\n", steps, t0, t1, t1 - t0);
	for (unsigned i = 1; i <= 4; i++) {
		int64_t ticks = 51200 * (int64_t)i * i; /* 0.1 ms, 0.4 ms, 0.9 ms, 1.6 ms */
		uint64_t before_n = dec_count();
		mtdec(ticks);
		uint64_t b = mftb();
		long st = hcall(H_CEDE, 0, 0, 0, 0, 0, 0, 0);
		uint64_t a = mftb();
		int64_t dec = mfdec();
		ee_off();
		CHECK(st == H_SUCCESS);
		CHECK(dec_count() == before_n + 1); /* the decrementer ended the cede */
		CHECK(a - b >= (uint64_t)ticks);
		printf_console("cede %u: dec %ld, tb %lu -> %lu (%lu ticks), dec after %ld\n", i,
			       (long)ticks, b, a, a - b, (long)dec);
	}
	printf_console("purr %lu\n", mfpurr());
	uint32_t tod[8];
	int st = rtas("get-time-of-day", 0, 8, 0, tod);
	CHECK(st == 0);
	printf_console("time of day: %04u-%02u-%02u %02u:%02u:%02u.%09u\n", tod[1], tod[2], tod[3],
		       tod[4], tod[5], tod[6], tod[7]);
	printf_console("%s; powering off\n", guest_failures ? "self-check FAILED" : "all checks passed");
	return 0;
}
