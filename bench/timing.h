/* SPDX-License-Identifier: MIT */
/* What the host-side benchmarks (bench_emulate, bench_mmu) share: the clock, the median
 * and spread of repeated runs, and one output row as a table line or a JSON object. */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Sort the @n (>= 3) timings @t; the median, and the spread: the range without the
 * fastest and the slowest run, in percent of the median (one outlier does not count). */
static inline void bench_stats(double *t, int n, double *med, double *spread)
{
	qsort(t, (size_t)n, sizeof(t[0]), cmp_double);
	*med = t[n / 2];
	*spread = *med > 0 ? (t[n - 2] - t[1]) / *med * 100 : 0;
}

/* One result: "name ns spread result" for the table, or a JSON object of @bench's. */
static inline void bench_row(int json, const char *bench, const char *name, double med,
			     double spread, const char *result)
{
	if (json)
		printf("{\"bench\":\"%s\",\"name\":\"%s\",\"ns_per_call\":%.2f,"
		       "\"spread_pct\":%.1f,\"result\":\"%s\"}\n", bench, name, med, spread, result);
	else
		printf("%-22s %10.2f %10.1f %8s\n", name, med, spread, result);
}

#endif
