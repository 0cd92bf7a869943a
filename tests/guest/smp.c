/* SPDX-License-Identifier: MIT */
/*
 * Two vcpus (run with -smp 2): RTAS start-cpu and query-cpu-stopped-state, both vcpus
 * incrementing shared 32- and 64-bit counters with lwarx/stwcx. and ldarx/stdcx. (the
 * totals must be exact), and an IPI through the XICS hcalls (H_CPPR, H_IPI, H_XIRR,
 * H_EOI) seen by the second vcpu with interrupts off.
 */
#include "guest.h"

#define H_EOI 0x64
#define H_CPPR 0x68
#define H_IPI 0x6c
#define H_XIRR 0x74
#define XICS_IPI 2
#define ROUNDS 200000u
#define SPIN_LIMIT 400000000ull

static volatile uint32_t counter32;
static volatile uint64_t counter64;
static volatile int ready, done, got_ipi;
static uint8_t stack1[16384] __attribute__((aligned(16)));

static void add_rounds(void)
{
	for (unsigned i = 0; i < ROUNDS; i++) {
		__atomic_fetch_add(&counter32, 1, __ATOMIC_RELAXED); /* lwarx/stwcx. */
		__atomic_fetch_add(&counter64, 3, __ATOMIC_RELAXED); /* ldarx/stdcx. */
	}
}

static void secondary(unsigned server)
{
	(void)server;
	hcall(H_CPPR, 0xff, 0, 0, 0, 0, 0, 0); /* accept every priority */
	ready = 1;
	add_rounds();
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
	for (uint64_t spin = 0; spin < SPIN_LIMIT; spin++) {
		struct hcall_out o;
		hcall(H_XIRR, 0, 0, 0, 0, 0, 0, &o);
		if ((o.r4 & 0xffffff) == XICS_IPI) {
			hcall(H_IPI, server, 0xff, 0, 0, 0, 0, 0); /* clear our MFRR, then EOI */
			hcall(H_EOI, o.r4, 0, 0, 0, 0, 0, 0); /* XIRR: the CPPR to restore | source */
			__atomic_store_n(&got_ipi, 1, __ATOMIC_RELEASE);
			break;
		}
	}
	for (;;)
		;
}

int main(void)
{
	uint32_t in[1] = {1}, out[2];
	CHECK(rtas("query-cpu-stopped-state", 1, 2, in, out) == 0);
	CHECK(out[1] == 0); /* stopped */
	CHECK(guest_start_cpu(1, secondary, stack1 + sizeof(stack1)) == 0);
	CHECK(rtas("query-cpu-stopped-state", 1, 2, in, out) == 0);
	CHECK(out[1] == 2); /* running */
	CHECK(guest_start_cpu(1, secondary, stack1 + sizeof(stack1)) != 0); /* not twice */
	uint64_t spin = 0;
	while (!ready && spin++ < SPIN_LIMIT)
		;
	add_rounds();
	spin = 0;
	while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE) && spin++ < SPIN_LIMIT)
		;
	CHECK(done);
	printf_console("counters: %u %lu (expected %u %lu)\n", counter32, counter64, 2 * ROUNDS,
		       6ul * ROUNDS);
	CHECK(counter32 == 2 * ROUNDS);
	CHECK(counter64 == 6ull * ROUNDS);
	CHECK(hcall(H_IPI, 1, 5, 0, 0, 0, 0, 0) == H_SUCCESS);
	spin = 0;
	while (!__atomic_load_n(&got_ipi, __ATOMIC_ACQUIRE) && spin++ < SPIN_LIMIT)
		;
	CHECK(got_ipi);
	printf_console("%s\n", guest_failures ? "self-check FAILED" : "all SMP checks passed");
	return 0;
}
