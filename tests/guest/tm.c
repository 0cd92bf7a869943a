/* SPDX-License-Identifier: MIT */
/*
 * Transactional memory on a POWER8 guest (run with -smp 2 --htm):
 * ibm,pa-features advertises TM, a committed transaction's stores land, tabort. rolls back
 * memory and registers with the code in TEXASRU, and two vcpus update two counters on two
 * cache lines in transactions (retrying on failure): both totals must be exact and equal,
 * which fails if a transaction's two stores were ever torn apart or lost.
 */
#include "guest.h"

#define ROUNDS 200000u
#define SPIN_LIMIT 400000000ull

struct pair {
	volatile uint64_t a __attribute__((aligned(128)));
	volatile uint64_t b __attribute__((aligned(128)));
};

static struct pair shared;
static volatile int ready, done;
static volatile uint64_t retries[2];
static uint8_t stack1[16384] __attribute__((aligned(16)));

static void enable_tm(void)
{
	uint64_t m;
	__asm__ volatile("mfmsr %0" : "=r"(m));
	m |= 1ull << 32; /* MSR[TM] */
	__asm__ volatile("mtmsrd %0" : : "r"(m) : "memory");
}

/* tbegin.: 1 in the transaction, 0 when it failed (CR0[EQ] = 1 at TFHAR). */
static inline int tbegin(void)
{
	uint32_t cr;
	__asm__ volatile("tbegin. 0\n\tmfcr %0" : "=r"(cr) : : "cr0", "memory");
	return !((cr >> 28) & 2);
}

static inline void tend(void)
{
	__asm__ volatile("tend." : : : "cr0", "memory");
}

static inline uint64_t texasr(void)
{
	uint64_t t;
	__asm__ volatile("mfspr %0, 130" : "=r"(t));
	return t;
}

static void add_rounds(unsigned who)
{
	for (unsigned i = 0; i < ROUNDS; i++) {
		for (;;) {
			if (tbegin()) {
				shared.a = shared.a + 1;
				shared.b = shared.b + 1;
				tend();
				break;
			}
			retries[who]++;
		}
	}
}

static void secondary(unsigned server)
{
	(void)server;
	enable_tm();
	ready = 1;
	add_rounds(1);
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
	for (;;)
		;
}

int main(void)
{
	uint32_t len = 0;
	const uint8_t *pa = fdt_prop("/cpus/PowerPC,POWER8", "ibm,pa-features", &len);
	CHECK(pa && len >= 2 + 23 && (pa[2 + 22] & 0x80)); /* byte 22 bit 0: TM */
	enable_tm();

	/* commit */
	static volatile uint64_t x __attribute__((aligned(128)));
	if (tbegin()) {
		x = 11;
		tend();
	}
	CHECK(x == 11);

	/* abort: memory and the register rolled back, the code in TEXASR[0:7] */
	volatile uint64_t y = 0;
	register uint64_t r14 __asm__("r14") = 5;
	int failed = 0;
	__asm__ volatile("tbegin. 0\n\t"
			 "beq- 1f\n\t"
			 "li 14, 9\n\t"
			 "std 14, 0(%2)\n\t"
			 "li 15, 0x42\n\t"
			 "tabort. 15\n\t"
			 "tend.\n\t"
			 "b 2f\n"
			 "1:\tli %1, 1\n"
			 "2:"
			 : "+r"(r14), "+r"(failed)
			 : "b"(&y)
			 : "r15", "cr0", "memory");
	CHECK(failed == 1);
	CHECK(r14 == 5);
	CHECK(y == 0);
	CHECK((texasr() >> 56) == 0x42);
	CHECK(texasr() & (1ull << 32)); /* Abort */

	/* two vcpus */
	CHECK(guest_start_cpu(1, secondary, stack1 + sizeof(stack1)) == 0);
	uint64_t spin = 0;
	while (!ready && spin++ < SPIN_LIMIT)
		;
	add_rounds(0);
	spin = 0;
	while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE) && spin++ < SPIN_LIMIT)
		;
	CHECK(done);
	printf_console("tm counters: %lu %lu (expected %u), retries %lu %lu\n",
		       (unsigned long)shared.a, (unsigned long)shared.b, 2 * ROUNDS,
		       (unsigned long)retries[0], (unsigned long)retries[1]);
	CHECK(shared.a == 2 * ROUNDS);
	CHECK(shared.b == 2 * ROUNDS);
	printf_console("%s\n", guest_failures ? "self-check FAILED" : "all TM checks passed");
	return 0;
}
