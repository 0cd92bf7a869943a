/* SPDX-License-Identifier: MIT */
/* Bare-metal side: run the workload named by BENCH_WORKLOAD and print its checksum. */
#include "../../tests/guest/guest.h"
#include "workloads.h"

#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)

int main(void)
{
	uint64_t r = XCAT(workload_, BENCH_WORKLOAD)();
	printf_console("checksum %lx\n", r);
	return 0;
}
