/* SPDX-License-Identifier: MIT */
/*
 * Snapshot round trip (tests/guest/snapshot.sh, run with -smp 2): a checksum loop over a
 * buffer whose state (the running sum in registers, the buffer, a stack frame, the time
 * base, SPRG3) spans the line "SNAPSHOT-POINT", where the machine saves itself
 * (--snapshot-at console=SNAPSHOT-POINT). A second machine loads that file and must go on
 * from there and print the same lines as the first: the second vcpu is started only
 * after the point (its stopped state must survive), and an IPI it sends must arrive.
 */
#include "guest.h"

#define H_EOI 0x64
#define H_CPPR 0x68
#define H_IPI 0x6c
#define H_XIRR 0x74
#define XICS_IPI 2
#define WORDS 4096u
#define SPIN_LIMIT 400000000ull

static uint64_t buf[WORDS];
static volatile int secondary_ran;
static uint8_t stack1[16384] __attribute__((aligned(16)));

static uint64_t mix(uint64_t acc, uint64_t v)
{
	acc ^= v;
	acc *= 0x100000001b3ull;
	return acc ^ (acc >> 29);
}

static void secondary(unsigned server)
{
	(void)server;
	__atomic_store_n(&secondary_ran, 1, __ATOMIC_RELEASE);
	hcall(H_IPI, 0, 5, 0, 0, 0, 0, 0); /* to vcpu 0, priority 5 */
	for (;;)
		;
}

static uint64_t tb(void)
{
	uint64_t t;
	__asm__ volatile("mftb %0" : "=r"(t));
	return t;
}

int main(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	for (unsigned i = 0; i < WORDS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = x;
	}
	uint64_t ref = 0x84222325cbf29ce4ull;
	for (unsigned i = 0; i < 3 * WORDS; i++)
		ref = mix(ref, buf[i % WORDS] + i);
	__asm__ volatile("mtsprg3 %0" ::"r"(0x5a5a1234ull));
	uint32_t in[1] = {1}, out[2];
	CHECK(rtas("query-cpu-stopped-state", 1, 2, in, out) == 0 && out[1] == 0);

	/* the same sum again, with the snapshot in the middle */
	uint64_t acc = 0x84222325cbf29ce4ull, t0 = tb();
	volatile uint64_t on_stack = acc ^ 0x1234;
	for (unsigned i = 0; i < 3 * WORDS; i++) {
		acc = mix(acc, buf[i % WORDS] + i);
		if (i == WORDS + 17)
			puts_console("SNAPSHOT-POINT\n");
	}
	uint64_t t1 = tb(), sprg3;
	__asm__ volatile("mfsprg3 %0" : "=r"(sprg3));
	printf_console("after the point: sum %s, stack %s, sprg3 %lx, timebase %s\n",
		       acc == ref ? "ok" : "WRONG", on_stack == (0x84222325cbf29ce4ull ^ 0x1234) ? "ok" : "WRONG",
		       sprg3, t1 > t0 ? "advanced" : "WRONG");
	CHECK(acc == ref);
	CHECK(sprg3 == 0x5a5a1234ull);
	CHECK(t1 > t0);

	/* vcpu 1 was stopped at the point: start it now; its IPI reaches us */
	CHECK(rtas("query-cpu-stopped-state", 1, 2, in, out) == 0 && out[1] == 0);
	hcall(H_CPPR, 0xff, 0, 0, 0, 0, 0, 0);
	CHECK(guest_start_cpu(1, secondary, stack1 + sizeof(stack1)) == 0);
	int got = 0;
	for (uint64_t spin = 0; spin < SPIN_LIMIT && !got; spin++) {
		struct hcall_out o;
		hcall(H_XIRR, 0, 0, 0, 0, 0, 0, &o);
		if ((o.r4 & 0xffffff) == XICS_IPI) {
			hcall(H_IPI, 0, 0xff, 0, 0, 0, 0, 0);
			hcall(H_EOI, o.r4, 0, 0, 0, 0, 0, 0);
			got = 1;
		}
	}
	CHECK(got && secondary_ran);
	printf_console("second vcpu: %s, IPI: %s\n", secondary_ran ? "ran" : "WRONG", got ? "ok" : "WRONG");
	printf_console("%s; powering off\n", guest_failures ? "self-check FAILED" : "all checks passed");
	return 0;
}
