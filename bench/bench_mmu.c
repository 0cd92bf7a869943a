/* SPDX-License-Identifier: MIT */
/*
 * The MMU's data path: the cost of one guest load or store through mem_load/mem_store
 * (what every load/store instruction handler calls) on a soft-TLB hit and on a miss, for
 * real mode, the hashed page table and radix. A PAPR vcpu with 8 MiB of RAM; 512 4K
 * pages are mapped by HPTEs (segment 0x10000000, VSID 5) and by a radix tree (PID 0,
 * quadrant 3) with R and C already set, so the steady state has no R/C update.
 *
 *  - hit:  8-byte accesses sweeping 64 pages (all stay in the 256-entry direct-mapped TLB);
 *  - miss: a sweep of 512 pages: page p evicts page p - 256 from its slot, so every access
 *          misses and walks the HPT (primary PTEG) or the 4-level radix tree, then fills;
 *  - remote: rounds of (a second vcpu invalidates one of the 64 pages: radix global tlbie,
 *          or hash H_PROTECT leaving the HPTE as it was; the first vcpu takes the request
 *          as its run loop would, tlb_remote_ack; then it loads its 64 pages), reported per
 *          load: the invalidation and the misses it causes, spread over the 64 loads.
 *
 *   bench_mmu                 table: ns per access (median of 15 runs) and spread
 *   bench_mmu --json          the same as JSON lines
 *   bench_mmu --calls N NAME  exactly N accesses of one entry, no timing (for callgrind:
 *                             host instructions per access = (Ir(N+1) - Ir(1)) / N)
 *
 * Library internals (mmu/mem.h), as the unit tests use them: the functions measured are
 * the ones the interpreter's load/store handlers call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

#include "cpu/insn.h"
#include "lib/kvm_internal.h"
#include "mmu/xlate.h"

#define RAM_SIZE (8u << 20)
#define NPAGES 512
#define HIT_PAGES 64
#define HASH_EA 0x10000000ULL
#define RADIX_EA 0xc000000000000000ULL
#define DATA_REAL 0x400000ULL /* the mapped pages: real 0x400000 + 4K * p */

enum mode { REAL, HASH, RADIX };
struct entry {
	const char *name;
	enum mode mode;
	int store;
	unsigned pages; /* the sweep */
	int remote;     /* rounds of a remote invalidation and a sweep (see above) */
};

static const struct entry rows[] = {
	{"load hit real mode", REAL, 0, HIT_PAGES, 0},
	{"load hit hash", HASH, 0, HIT_PAGES, 0},
	{"store hit hash", HASH, 1, HIT_PAGES, 0},
	{"load hit radix", RADIX, 0, HIT_PAGES, 0},
	{"store hit radix", RADIX, 1, HIT_PAGES, 0},
	{"load miss real mode", REAL, 0, NPAGES, 0},
	{"load miss hash 4K", HASH, 0, NPAGES, 0},
	{"store miss hash 4K", HASH, 1, NPAGES, 0},
	{"load miss radix 4K", RADIX, 0, NPAGES, 0},
	{"store miss radix 4K", RADIX, 1, NPAGES, 0},
	{"load after remote tlbie radix", RADIX, 0, HIT_PAGES, 1},
	{"load after remote H_PROTECT hash", HASH, 0, HIT_PAGES, 1},
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static struct kvm *vm;
#define TLBIE 0x7ca32264 /* tlbie r4,r5,0,1,1 */
static const struct ppc_insn_def *tlbie; /* decoded once (setup), as the predecode cache would */
static struct kvm_vcpu *vcpu, *vcpu1;
static struct ppc_cpu *cpu, *cpu1;
static uint8_t *ram;

static void wr64(uint64_t real, uint64_t v)
{
	st_be64(ram + real, v);
}

static void setup(void)
{
	ram = aligned_alloc(4096, RAM_SIZE);
	if (!ram)
		exit(1);
	memset(ram, 0, RAM_SIZE);
	struct kvm_userspace_memory_region mem = {
		.slot = 0, .memory_size = RAM_SIZE, .userspace_addr = (uintptr_t)ram,
	};
	struct kvm_enable_cap papr = {.cap = 68 /* KVM_CAP_PPC_PAPR */};
	if (kvmppc_create_vm(0, &vm) || kvmppc_set_user_memory_region(vm, &mem) ||
	    kvmppc_create_vcpu(vm, 0, &vcpu) || kvmppc_vcpu_enable_cap(vcpu, &papr) ||
	    kvmppc_create_vcpu(vm, 1, &vcpu1) || kvmppc_vcpu_enable_cap(vcpu1, &papr)) {
		fprintf(stderr, "bench_mmu: cannot create a VM\n");
		exit(1);
	}
	cpu = &vcpu->cpu;
	cpu1 = &vcpu1->cpu;
	struct ppc_machine *m = &vm->mach;
	m->gtse = true; /* the radix guest may tlbie */
	tlbie = ppc_decode(TLBIE, cpu1->isa); /* builds the decoder: outside every count */

	/* Hash: SLB entry 0 = ESID 0x10000000, VSID 5, 256M, 4K pages; one HPTE per page in
	 * its primary PTEG (hash = VSID ^ page index: distinct groups), R and C set. */
	if (hash_papr_hpt_alloc(m, 18)) {
		fprintf(stderr, "bench_mmu: no HPT\n");
		exit(1);
	}
	hash_slbmte(cpu, 5ULL << 12, HASH_EA | 0x08000000);
	struct hpt_view h;
	if (!hash_hpt(cpu, &h))
		exit(1);
	for (uint64_t p = 0; p < NPAGES; p++) {
		uint64_t group = (5 ^ p) & (h.nptes / 8 - 1);
		uint64_t avpn = 5ULL << 5; /* VSID || EA[36:40] (0 below 8M) */
		hpte_set(&h, group * 8, 0, (avpn << 7) | HPTE_V_VALID);
		hpte_set(&h, group * 8, 1, (DATA_REAL + (p << 12)) | HPTE_R_R | HPTE_R_C | 0x12);
	}

	/* Radix: process table at 0x10000, PID 0: RTS 52 bits, root 13 bits at 0x20000,
	 * then 9/9/9; the last level maps the 512 pages. */
	const uint64_t v = 1ULL << 63, l = 1ULL << 62;
	wr64(0x10000, (2ULL << 61) | (5ULL << 5) | 0x20000 | 13);
	wr64(0x20000, v | 0x30000 | 9);
	wr64(0x30000, v | 0x31000 | 9);
	wr64(0x31000, v | 0x32000 | 9);
	for (uint64_t p = 0; p < NPAGES; p++)
		wr64(0x32000 + p * 8, v | l | (DATA_REAL + (p << 12)) | 0x100 | 0x80 | 0x8 | 0x7);
	m->process_table = (1ULL << 63) | 0x10000;
}

static uint64_t base_of(enum mode md)
{
	return md == REAL ? DATA_REAL : md == HASH ? HASH_EA : RADIX_EA;
}

static void select_mode(enum mode md)
{
	vm->mach.radix = md == RADIX;
	cpu_set_msr(cpu, MSR_SF | MSR_ME | (md == REAL ? 0 : MSR_DR));
	mem_flush_tlb(cpu);
	if (md == HASH && !(cpu1->slb.e[0].esid))
		hash_slbmte(cpu1, 5ULL << 12, HASH_EA | 0x08000000);
}

/* The second vcpu invalidates page @p (it stays mapped as it was), the first vcpu takes
 * the request. */
static int remote_inval(enum mode md, unsigned p)
{
	int st;
	if (md == RADIX) {
		cpu1->gpr[4] = RADIX_EA + ((uint64_t)p << 12);
		cpu1->gpr[5] = 0; /* PID 0 */
		st = cpu_execute_decoded(cpu1, TLBIE, tlbie);
	} else {
		struct hpt_view h;
		if (!hash_hpt(cpu1, &h))
			return 1;
		cpu1->gpr[3] = H_PROTECT;
		cpu1->gpr[4] = 0x12 & 3; /* PP as set up: no change */
		cpu1->gpr[5] = ((5 ^ p) & (h.nptes / 8 - 1)) * 8;
		cpu1->gpr[6] = 0;
		st = vm->mach.hooks->hcall(cpu1);
		if (cpu1->gpr[3] != H_SUCCESS)
			return 1;
	}
	tlb_remote_ack(cpu);
	return st != PPC_OK;
}

/* @n accesses of entry @e, continuing the sweep at *@pos. */
static int accesses(const struct entry *e, long n, unsigned *pos)
{
	uint64_t base = base_of(e->mode), val = 0, sum = 0;
	unsigned p = *pos;
	int bad = 0;
	for (long k = 0; k < n; k++) {
		uint64_t ea = base + ((uint64_t)p << 12) + 8 * (p & 7);
		if (e->store)
			bad |= mem_store(cpu, ea, 8, k);
		else {
			bad |= mem_load(cpu, ea, 8, &val);
			sum += val;
		}
		if (++p == e->pages) {
			p = 0;
			if (e->remote)
				bad |= remote_inval(e->mode, (unsigned)(k / e->pages) % e->pages);
		}
	}
	*pos = p;
	if (sum == 1)
		putchar(' '); /* keep the loads */
	return bad;
}

int main(int argc, char **argv)
{
	setup();
	/* the vcpu translates under the map lock, as in KVM_RUN */
	pthread_rwlock_rdlock(&vm->mach.map_lock);
	int r = 0;
	if (argc == 4 && !strcmp(argv[1], "--calls")) {
		long n = atol(argv[2]);
		for (size_t i = 0; i < NROWS; i++) {
			if (strcmp(rows[i].name, argv[3]))
				continue;
			unsigned pos = 0;
			select_mode(rows[i].mode);
			r = accesses(&rows[i], n, &pos);
			pthread_rwlock_unlock(&vm->mach.map_lock);
			return r ? 3 : 0;
		}
		fprintf(stderr, "bench_mmu: no entry %s\n", argv[3]);
		return 2;
	}
	int json = argc > 1 && !strcmp(argv[1], "--json");
	if (!json)
		printf("%-22s %10s %10s %8s\n", "access", "ns/access", "spread%", "result");
	enum { RUNS = 15, CALLS = 200000 };
	for (size_t i = 0; i < NROWS; i++) {
		const struct entry *e = &rows[i];
		double t[RUNS];
		unsigned pos = 0;
		select_mode(e->mode);
		int bad = accesses(e, 2 * NPAGES, &pos); /* warm: R/C set, TLB in steady state */
		for (int k = 0; k < RUNS; k++) {
			double t0 = now_ns();
			bad |= accesses(e, CALLS, &pos);
			t[k] = (now_ns() - t0) / CALLS;
		}
		double med, spread;
		bench_stats(t, RUNS, &med, &spread);
		const char *rs = bad ? "FAIL" : "ok";
		r |= bad;
		bench_row(json, "mmu", e->name, med, spread, rs);
	}
	pthread_rwlock_unlock(&vm->mach.map_lock);
	kvmppc_destroy_vm(vm);
	free(ram);
	return r ? 1 : 0;
}
