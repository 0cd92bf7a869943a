/* SPDX-License-Identifier: MIT */
/*
 * Interpreter workloads. Each is freestanding C (no libc), compiled with the same flags
 * into a bare-metal guest (run by kvmppc-run) and a static Linux program (run by
 * qemu-ppc64le), so both execute the same instructions. Each returns a checksum.
 */
#ifndef BENCH_WORKLOADS_H
#define BENCH_WORKLOADS_H

#include <stdint.h>

uint64_t workload_intmix(void);  /* integer ALU mix: add, xor, shifts, rotates, multiply */
uint64_t workload_memcopy(void); /* word copies between buffers: loads and stores */
uint64_t workload_sieve(void);   /* sieve of Eratosthenes: byte stores, branches */
uint64_t workload_sort(void);    /* insertion-heavy shell sort: branchy compares */
uint64_t workload_fpmix(void);   /* double-precision arithmetic: add, mul, div, fma */

struct workload {
	const char *name;
	uint64_t (*fn)(void);
};

#define WORKLOADS(X) X(intmix) X(memcopy) X(sieve) X(sort) X(fpmix)

#endif
