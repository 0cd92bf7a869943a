/* SPDX-License-Identifier: MIT */
/*
 * Two threads of one core (run with -smp 2,threads=2): the directed privileged doorbell
 * (msgsndp, ISA 3.0B Book III 11) that a Linux guest uses as its IPI between sibling
 * threads reaches thread 1, which polls DPDES with interrupts off and clears it with
 * msgclrp. The machine must tell the library its SMT mode, or the doorbell is lost.
 */
#include "guest.h"

#define SPIN_LIMIT 100000000ull
#define DBELL_SERVER (5ull << 27) /* message type 5, RB bits 32:36 */

static volatile int ready, seen, cleared;
static uint8_t stack1[16384] __attribute__((aligned(16)));

static uint64_t mfdpdes(void)
{
	uint64_t v;
	__asm__ volatile("mfspr %0,176" : "=r"(v));
	return v;
}

static void secondary(unsigned server)
{
	(void)server;
	CHECK(mfdpdes() == 0);
	__atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
	for (uint64_t spin = 0; spin < SPIN_LIMIT; spin++) {
		if (mfdpdes() & 1) {
			__atomic_store_n(&seen, 1, __ATOMIC_RELEASE);
			break;
		}
	}
	uint64_t self = DBELL_SERVER | 1; /* TIR 1: this thread */
	__asm__ volatile("msgclrp %0" : : "r"(self) : "memory");
	__atomic_store_n(&cleared, mfdpdes() == 0 ? 1 : 2, __ATOMIC_RELEASE);
	for (;;)
		;
}

int main(void)
{
	uint32_t len = 0;
	const void *srv = fdt_prop("/cpus/PowerPC,POWER9", "ibm,ppc-interrupt-server#s", &len);
	if (!srv)
		srv = fdt_prop("/cpus/PowerPC,POWER8", "ibm,ppc-interrupt-server#s", &len);
	CHECK(srv && len == 8); /* one core node listing both threads */
	CHECK(guest_start_cpu(1, secondary, stack1 + sizeof(stack1)) == 0);
	uint64_t spin = 0;
	while (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE) && spin++ < SPIN_LIMIT)
		;
	CHECK(ready);
	CHECK(mfdpdes() == 0);
	uint64_t sibling = DBELL_SERVER | 1;
	__asm__ volatile("msgsndp %0" : : "r"(sibling) : "memory");
	CHECK(mfdpdes() == 0); /* thread 0's own doorbell stays clear */
	spin = 0;
	while (!__atomic_load_n(&cleared, __ATOMIC_ACQUIRE) && spin++ < SPIN_LIMIT)
		;
	CHECK(seen);
	CHECK(cleared == 1);
	printf_console("%s\n", guest_failures ? "self-check FAILED" : "all SMT doorbell checks passed");
	return 0;
}
