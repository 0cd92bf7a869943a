/* SPDX-License-Identifier: MIT */
#include "workloads.h"

/* bench/meson.build sets BENCH_SCALE so that each workload runs about 1 s under
 * qemu-ppc64le's JIT on the project's 2-core machine. */
#ifndef BENCH_SCALE
#define BENCH_SCALE 1
#endif

uint64_t workload_intmix(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull, acc = 0;
	for (uint32_t i = 0; i < 2000000u * BENCH_SCALE; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		acc += (x * 0x2545f4914f6cdd1dull) >> 32;
		acc = (acc << 5) | (acc >> 59);
		acc -= i;
	}
	return acc ^ x;
}

static uint64_t src_buf[8192], dst_buf[8192];

uint64_t workload_memcopy(void)
{
	for (unsigned i = 0; i < 8192; i++)
		src_buf[i] = i * 0x0101010101010101ull;
	uint64_t sum = 0;
	for (unsigned r = 0; r < 100u * BENCH_SCALE; r++) {
		volatile uint64_t *d = dst_buf;
		const uint64_t *s = src_buf;
		for (unsigned i = 0; i < 8192; i++)
			d[i] = s[i] + r;
		sum += dst_buf[r % 8192];
	}
	return sum;
}

static uint8_t composite[1 << 20];

uint64_t workload_sieve(void)
{
	uint64_t count = 0;
	for (unsigned r = 0; r < 2u * BENCH_SCALE; r++) {
		for (unsigned i = 0; i < sizeof(composite); i++)
			composite[i] = 0;
		count = 0;
		for (unsigned i = 2; i < sizeof(composite); i++) {
			if (composite[i])
				continue;
			count++;
			for (unsigned j = i * 2; j < sizeof(composite); j += i)
				composite[j] = 1;
		}
	}
	return count;
}

static int32_t sort_buf[40000];

uint64_t workload_sort(void)
{
	uint64_t check = 0;
	for (unsigned r = 0; r < 2u * BENCH_SCALE; r++) {
		uint32_t x = 12345 + r;
		unsigned n = sizeof(sort_buf) / sizeof(sort_buf[0]);
		for (unsigned i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			sort_buf[i] = (int32_t)(x >> 1);
		}
		for (unsigned gap = n / 2; gap > 0; gap = gap == 2 ? 1 : gap * 5 / 11) {
			for (unsigned i = gap; i < n; i++) {
				int32_t t = sort_buf[i];
				unsigned j = i;
				while (j >= gap && sort_buf[j - gap] > t) {
					sort_buf[j] = sort_buf[j - gap];
					j -= gap;
				}
				sort_buf[j] = t;
			}
		}
		for (unsigned i = 0; i < n; i += 97)
			check = check * 31 + (uint32_t)sort_buf[i];
	}
	return check;
}

uint64_t workload_fpmix(void)
{
	double x = 0.5, y = 1.25, s = 0;
	/* A fifth of the others' scale: qemu-user does double precision in soft-float. */
	for (uint32_t i = 1; i <= 200000u * BENCH_SCALE; i++) {
		double d = (double)i;
		x = x * 0.999999 + 1.0 / d;
		y = (y + x) * 0.5 - s / (d + 1.0); /* stays bounded: no inf/NaN slow paths */
		s += x * y + 0.25;
		if (s > 1e6)
			s *= 1e-6;
	}
	union { double d; uint64_t u; } u = {s + x + y};
	return u.u;
}
