/* SPDX-License-Identifier: MIT */
/*
 * The bundled demo guest: greets on the console, reads the machine from the device
 * tree, does a little arithmetic, checks it, and powers the machine off.
 */
#include "guest.h"

static uint64_t fib(unsigned n)
{
	uint64_t a = 0, b = 1;
	while (n--) {
		uint64_t t = a + b;
		a = b;
		b = t;
	}
	return a;
}

int main(void)
{
	uint32_t len;
	const char *model = fdt_prop("/", "model", &len);
	uint32_t tb = fdt_prop_u32("/cpus/PowerPC,POWER9", "timebase-frequency",
				   fdt_prop_u32("/cpus/PowerPC,POWER8", "timebase-frequency", 0));
	printf_console("Hello from a bare-metal pseries guest (%s-endian)\n",
#ifdef __LITTLE_ENDIAN__
		       "little"
#else
		       "big"
#endif
	);
	printf_console("machine: %s\n", model ? model : "(no model property)");
	printf_console("timebase: %u Hz\n", tb);
	uint64_t f = fib(90);
	printf_console("fib(90) = %lu\n", f);
	CHECK(f == 2880067194370816120ull);
	CHECK(model != 0);
	CHECK(tb == 512000000);
	uint32_t tod[8];
	int st = rtas("get-time-of-day", 0, 8, 0, tod);
	CHECK(st == 0);
	if (st == 0)
		printf_console("RTAS time of day: %04u-%02u-%02u %02u:%02u:%02u UTC\n", tod[1], tod[2],
			       tod[3], tod[4], tod[5], tod[6]);
	printf_console("%s; powering off\n", guest_failures ? "self-check FAILED" : "all checks passed");
	return 0;
}
