/* SPDX-License-Identifier: MIT */
/*
 * Data types of the per-vcpu soft TLB and SLB, kept apart from the MMU's functions so that
 * cpu/cpu.h can embed them without including mmu/.
 */
#ifndef KVMPPC_TLB_TYPES_H
#define KVMPPC_TLB_TYPES_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define PPC_TLB_BITS 8
#define PPC_TLB_SIZE (1u << PPC_TLB_BITS)

/*
 * One entry: the 4 KiB effective page in `tag` maps to host memory at `host` (guest real
 * page `real`). `tag` = EA page | epoch << 4 | context << 1 | 1 (valid), so entries of another
 * translation context (MSR IR/DR, PR, HV) simply miss and a hit is one compare.
 * `key` says which translation the entry came from, for precise invalidation:
 * hash: the virtual page number (VA >> 12); radix: the EA page; real mode: TLB_KEY_REAL.
 */
struct ppc_tlb_entry {
	uint64_t tag;  /* 0 = empty */
	uint8_t *host; /* host address of the page */
	uint64_t real; /* guest real address of the page */
	uint64_t key;
};

#define TLB_KEY_REAL UINT64_MAX

/* A data context no tag has (valid tags have bit 0 set, empty ones are 0): every data
 * access misses the fast path and goes through mem.c's slow path. */
#define TLB_CTX_NONE 2ULL

struct ppc_tlb {
	struct ppc_tlb_entry load[PPC_TLB_SIZE];
	struct ppc_tlb_entry store[PPC_TLB_SIZE];
	struct ppc_tlb_entry fetch[PPC_TLB_SIZE];
	uint64_t ctx_data;  /* tag bits the data fast path compares: ctx_fill, or TLB_CTX_NONE
			     * while a transaction's footprint is tracked (cpu/tm.c) */
	uint64_t ctx_fill;  /* tag bits of the current data context (MSR DR/PR/HV) */
	uint64_t ctx_fetch; /* tag bits of the current fetch context (MSR IR/PR/HV) */
	uint64_t map_gen;   /* memory-map generation the entries were filled under */
	uint64_t mmu_regs[4]; /* PIDR|LPIDR, SDR1, PTCR, LPCR[HR] the entries were filled under */
	/* Which segments relocated entries of this epoch may come from: bit (EA >> 28) % 64
	 * and bit (EA >> 40) % 64 are set by every fill, so slbie of a segment no entry
	 * can belong to costs one test (tlb_flush_segment) */
	uint64_t seg_bloom, seg1t_bloom;
	/* bit (EA >> 21) % 64 of every relocated fill: large-page tlbie (2M units) */
	uint64_t ea2m_bloom;
	uint8_t epoch;      /* tag bits 4:11: a whole flush only moves to the next epoch */
};

/*
 * What one TLB invalidation names (ISA 3.0 Book III 5.9.3.3, 5.10.1), decoded once from a
 * tlbie/tlbiel operand or from an HPTE an hcall changed, so that the vcpu issuing it and
 * every vcpu receiving it drop the same translations with the same code (tlb_inval_apply).
 * A radix descriptor names a PID, which each vcpu compares with its own PIDR.
 */
enum ppc_tlbi_kind {
	TLBI_ALL,        /* everything this vcpu caches */
	TLBI_HASH_VPN,   /* hash: the page of 2^shift bytes with virtual page number addr */
	TLBI_RADIX_PAGE, /* radix, process scope: the page of 2^shift bytes at EA addr of pid */
	TLBI_RADIX_PID,  /* radix, process scope: every page of pid */
};
struct ppc_tlbi {
	uint64_t addr;  /* TLBI_HASH_VPN: VA >> 12; TLBI_RADIX_PAGE: EA of the page */
	uint32_t pid;   /* TLBI_RADIX_*: RS 0:31 of the tlbie */
	uint8_t kind;   /* enum ppc_tlbi_kind */
	uint8_t shift;  /* log2 of the page size (TLBI_HASH_VPN, TLBI_RADIX_PAGE) */
};

/* Invalidations other vcpus sent to this one, applied at its next block boundary
 * (mmu/tlb.c tlb_remote_ack). Many senders, one receiver: every access holds `lock`,
 * which is taken only to add or to take the entries. A full queue (or a TLBI_ALL) sets
 * `all` instead: the receiver then drops its whole TLB. */
#define PPC_TLBI_QUEUE 32
struct ppc_tlbi_queue {
	pthread_mutex_t lock;
	unsigned n;
	bool all;
	struct ppc_tlbi e[PPC_TLBI_QUEUE];
};

/* Segment lookaside buffer (ISA 3.0 Book III 5.7.7.1), in the slbmte operand images. */
#define PPC_SLB_SIZE 32
struct ppc_slb_entry {
	uint64_t esid; /* RB image: ESID (bits 0:35) | V (0x08000000); 0 = invalid */
	uint64_t vsid; /* RS image: B, VSID, Ks Kp N L C, LP */
};

/* e[] is the architected state; the buckets index its valid entries by ESID so that slbie
 * and a TLB miss look at one or two entries, not 32 (rebuilt by hash_slb_reindex after
 * e[] is written wholesale). Bit i of bk256[(ESID >> 28) % 16] = entry i is valid with
 * B = 256M; bk1t[(ESID >> 40) % 16] the same for B = 1T; other: reserved B values. */
#define PPC_SLB_BUCKETS 16
struct ppc_slb {
	struct ppc_slb_entry e[PPC_SLB_SIZE];
	uint32_t bk256[PPC_SLB_BUCKETS];
	uint32_t bk1t[PPC_SLB_BUCKETS];
	uint32_t other;
};

#endif /* KVMPPC_TLB_TYPES_H */
