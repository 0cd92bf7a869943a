/* SPDX-License-Identifier: MIT */
/*
 * The guest-physical memory map (memslots) and the VM-wide state every vcpu's MMU reads.
 * lib/ edits the map (KVM_SET_USER_MEMORY_REGION); mmu/ reads it.
 */
#ifndef KVMPPC_PHYSMEM_H
#define KVMPPC_PHYSMEM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define PPC_PAGE_SHIFT 12
#define PPC_PAGE_SIZE (1ull << PPC_PAGE_SHIFT)
#define PPC_MAX_SLOTS 512

struct ppc_cpu;
struct ppc_tlbi;

struct ppc_memslot {
	uint64_t gpa;            /* guest physical base, page aligned */
	uint64_t size;           /* bytes, page multiple, > 0 */
	uint8_t *host;           /* host address of gpa */
	uint32_t flags;          /* KVM_MEM_* */
	uint32_t id;             /* the VMM's slot number (as id) */
	_Atomic uint64_t *dirty; /* 1 bit per page when KVM_MEM_LOG_DIRTY_PAGES, else NULL */
	_Atomic uint64_t *referenced; /* 1 bit per page, for age_hva/test_age_hva */
};

/* Hooks lib/ provides to the CPU, so cpu/ never includes lib/. */
struct ppc_machine_hooks {
	/* `sc 1` in a PAPR guest: handle the hypercall in r3..r12. Return PPC_OK (handled,
	 * outputs in registers) or PPC_EXIT (KVM_EXIT_PAPR_HCALL prepared in cpu->run). */
	int (*hcall)(struct ppc_cpu *cpu);
	/* A global tlbie or an HPT hcall on @from: every other vcpu drops what @d names
	 * (struct ppc_tlbi, mmu/tlb_types.h) before it translates again (tlb_queue_inval). */
	void (*broadcast_tlb_inval)(struct ppc_cpu *from, const struct ppc_tlbi *d);
	/* tlbsync (and the end of an invalidating hcall): wait until every other vcpu has
	 * applied the broadcasts @from made, or is not running. */
	void (*tlb_sync)(struct ppc_cpu *from);
};

/* Clock modes (struct ppc_clock.shift). */
#define PPC_CLOCK_HOST (-1)  /* the host's monotonic clock (the default) */
#define PPC_CLOCK_TICKS (-2) /* one TB tick per instruction: exact unit tests only */
#define PPC_CLOCK_SHIFT_MAX 10

/*
 * The VM's clock, from which every vcpu's time base is derived (cpu/timebase.c owns the
 * meaning). In instruction-count mode (shift 0..PPC_CLOCK_SHIFT_MAX) the clock is virtual
 * nanoseconds: the instructions retired by all vcpus, each worth 2^shift ns, plus the jumps
 * made while every running vcpu idled. A vcpu adds its instructions to `now` at timer polls
 * and when it leaves cpu_run (cpu->clock_icount: what it published), so no atomic is paid
 * per instruction; it reads its own unpublished part on top of `now`.
 */
struct ppc_clock {
	int shift;                  /* PPC_CLOCK_*, or 0..10; changed only with no vcpu running */
	_Atomic uint64_t now;       /* published virtual ns (PPC_CLOCK_TICKS: ticks) */
	_Atomic uint64_t wake_at;   /* earliest deadline of an idle vcpu (UINT64_MAX: none) */
	_Atomic int active;         /* vcpus inside cpu_run (executing guest code) */
	_Atomic uint64_t entries;   /* cpu_run entries, to see that no vcpu came back */
	unsigned nidle;             /* vcpus on the idle list, under lock */
	_Atomic unsigned vcpus;     /* vcpus sharing the clock: > 1 bounds the DEC horizon */
	pthread_mutex_t lock;       /* the idle vcpus' list and their wait */
	pthread_cond_t cond;        /* broadcast when `now` passes wake_at, on a jump, a kick */
	struct ppc_cpu *idle;       /* idle vcpus (cpu->clock_next), under lock */
};

struct ppc_machine {
	/* memory map: sorted by gpa, non-overlapping; changed only under map_lock (write) */
	struct ppc_memslot slots[PPC_MAX_SLOTS];
	unsigned nslots;
	pthread_rwlock_t map_lock;   /* vcpus hold it for reading while they run */
	/* A writer of the map first sets map_updating and asks running vcpus to step out
	 * (ATTN_MAP_WAIT); they drop map_lock and wait on map_wait until it is clear, so
	 * a VM ioctl never waits for a guest that does not exit (KVM's SRCU, by locks). */
	_Atomic int map_updating;
	pthread_mutex_t map_wait_lock;
	pthread_cond_t map_wait;
	_Atomic uint64_t map_gen;    /* bumped on every map change; TLB entries check it */
	_Atomic uint64_t inval_gen;  /* bumped by every TLB broadcast (cpu->inval_ack) */

	/* lock for operations that must be atomic across vcpus (stqcx., HPT updates) */
	pthread_mutex_t atomic_lock;
	_Atomic uint64_t tm_commits; /* transactions committed (cpu/tm.c: conflict kinds) */
	_Atomic bool tm_used;        /* a transaction was started: stcx./AMOs serialize with
				      * commits (cpu/insn_atomic.c) */

	const struct ppc_machine_hooks *hooks;
	void *opaque;                /* lib/'s struct kvm */

	/* MMU configuration shared by all vcpus (mmu/ defines the meaning) */
	uint64_t sdr1;               /* HPT base and size for hash guests (HV-owned HPT) */
	uint8_t *papr_hpt;           /* library-owned HPT of a PAPR guest (host memory), or NULL */
	uint64_t papr_hpt_size;      /* bytes */
	/* For the HTAB stream (KVM_PPC_GET_HTAB_FD), under atomic_lock: per HPTE, the value of
	 * papr_hpt_seq when an hcall last changed it; papr_hpt_epoch counts table
	 * replacements (allocation, resize, snapshot load). */
	uint64_t *papr_hpt_gen;
	uint64_t papr_hpt_seq;
	uint64_t papr_hpt_epoch;
	/* PAPR partition's MMU mode: written by configure_mmu / H_REGISTER_PROC_TBL while
	 * other vcpus may translate, hence atomic */
	_Atomic uint64_t process_table; /* PATE doubleword 1 (PRTB | PRTS | GR) */
	_Atomic bool radix;          /* PAPR guest uses radix */
	_Atomic bool gtse;           /* guest translation shootdown (tlbie) enabled */

	struct ppc_clock clock;      /* the time base's source (cpu/timebase.c) */
};

/** physmem_init() - an empty map. Return: 0 or -errno. */
int physmem_init(struct ppc_machine *m);
void physmem_destroy(struct ppc_machine *m);

/** physmem_wait_update() - a vcpu that left cpu_run with -EAGAIN (and dropped map_lock)
 * waits here until the map writer is done. */
void physmem_wait_update(struct ppc_machine *m);

/**
 * physmem_lookup() - the slot containing guest physical address @gpa, or NULL (a hole:
 * MMIO). Caller holds map_lock for reading (vcpus do, while running).
 */
struct ppc_memslot *physmem_lookup(struct ppc_machine *m, uint64_t gpa);

/** physmem_mark_dirty() - record a store to @gpa in its slot (dirty log, if enabled). */
static inline void physmem_mark_dirty(struct ppc_memslot *s, uint64_t gpa)
{
	if (s->dirty) {
		uint64_t pg = (gpa - s->gpa) >> PPC_PAGE_SHIFT;
		atomic_fetch_or_explicit(&s->dirty[pg / 64], 1ull << (pg % 64), memory_order_relaxed);
	}
}

static inline void physmem_mark_referenced(struct ppc_memslot *s, uint64_t gpa)
{
	if (s->referenced) {
		uint64_t pg = (gpa - s->gpa) >> PPC_PAGE_SHIFT;
		atomic_fetch_or_explicit(&s->referenced[pg / 64], 1ull << (pg % 64),
					 memory_order_relaxed);
	}
}

#endif /* KVMPPC_PHYSMEM_H */
