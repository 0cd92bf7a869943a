/* SPDX-License-Identifier: MIT */
/* The soft TLB: context tags, fills, precise and full flushes, memslot generation, and
 * MMIO exits with their replay (data in guest byte order, as KVM_EXIT_MMIO has it). */
#include <pthread.h>

#include "mmu_fixture.h"
#include "smp_fixture.h"

static const struct ppc_tlb_entry *lentry(struct fx *f, uint64_t ea)
{
	return &f->c->tlb.load[(ea >> 12) & (PPC_TLB_SIZE - 1)];
}

static void test_real_mode_fill_and_context(void **state)
{
	struct fx *f = *state;
	cpu_set_msr(f->c, MSR_SF | MSR_ME);
	f->ram[0x3008] = 0xab;
	uint64_t val;
	/* real mode ignores EA bits 0:3 */
	assert_int_equal(mem_load(f->c, 0xc000000000003008ULL, 1, &val), PPC_OK);
	assert_int_equal(val, 0xab);
	assert_int_equal(mem_load(f->c, 0x3008, 1, &val), PPC_OK);
	assert_true(tlb_live(f->c, lentry(f, 0x3008)));
	assert_int_equal(lentry(f, 0x3008)->real, 0x3000);
	/* a hit reads the page through the host pointer */
	f->ram[0x3008] = 0xcd;
	assert_int_equal(mem_load(f->c, 0x3008, 1, &val), PPC_OK);
	assert_int_equal(val, 0xcd);
	/* relocation on (hash, empty SLB): the real-mode entry must not be used */
	f->c->cia = 0x700000;
	cpu_set_msr(f->c, MSR_SF | MSR_ME | MSR_DR);
	assert_int_equal(mem_load(f->c, 0x3008, 1, &val), PPC_EXC);
	assert_int_equal(f->c->nia, 0x380);
	/* back to real mode: the entry was kept (retagged, not flushed) */
	cpu_set_msr(f->c, MSR_SF | MSR_ME);
	assert_true(tlb_live(f->c, lentry(f, 0x3008)));
	assert_int_equal(mem_load(f->c, 0x3008, 1, &val), PPC_OK);
	assert_int_equal(val, 0xcd);
	/* little-endian access of a page-crossing word: split through the slow path */
	cpu_set_msr(f->c, MSR_SF | MSR_ME | MSR_LE);
	f->ram[0x3ffe] = 1; f->ram[0x3fff] = 2; f->ram[0x4000] = 3; f->ram[0x4001] = 4;
	assert_int_equal(mem_load(f->c, 0x3ffe, 4, &val), PPC_OK);
	assert_int_equal(val, 0x04030201);
}

/* A whole flush moves to the next epoch; after 256 of them the arrays are really cleared,
 * and at no point does an entry from before a flush hit. */
static void test_flush_epochs(void **state)
{
	struct fx *f = *state;
	uint64_t val;
	f->ram[0x5000] = 0x42;
	for (int i = 0; i < 600; i++) {
		assert_int_equal(mem_load(f->c, 0x5000, 1, &val), PPC_OK);
		assert_int_equal(val, 0x42);
		assert_true(tlb_live(f->c, lentry(f, 0x5000)));
		mem_flush_tlb(f->c);
		assert_false(tlb_live(f->c, lentry(f, 0x5000)));
	}
}

static void test_flushes(void **state)
{
	struct fx *f = *state;
	cpu_set_msr(f->c, MSR_SF | MSR_ME);
	uint64_t val;
	assert_int_equal(mem_load(f->c, 0x5000, 8, &val), PPC_OK);
	assert_int_equal(mem_load(f->c, 0x6000, 8, &val), PPC_OK);
	assert_int_equal(mem_store(f->c, 0x6000, 8, 1), PPC_OK);
	tlb_flush_real(f->c, 0x6000, 0x7000);
	assert_true(tlb_live(f->c, lentry(f, 0x5000)));
	assert_false(tlb_live(f->c, lentry(f, 0x6000)));
	assert_false(tlb_live(f->c, &f->c->tlb.store[6]));
	tlb_flush_ea(f->c, 0x5000, 0x5001);
	assert_false(tlb_live(f->c, lentry(f, 0x5000)));
	/* a memslot change bumps the map generation: the next block fetch flushes */
	assert_int_equal(mem_load(f->c, 0x5000, 8, &val), PPC_OK);
	uint8_t *extra = aligned_alloc(4096, 65536);
	struct kvm_userspace_memory_region mem = {
		.slot = 1, .guest_phys_addr = 0x1000000, .memory_size = 65536,
		.userspace_addr = (uintptr_t)extra,
	};
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	const uint8_t *h;
	uint64_t real;
	assert_int_equal(mem_fetch_page(f->c, 0x8000, &h, &real), PPC_OK);
	assert_false(tlb_live(f->c, lentry(f, 0x5000)));
	assert_ptr_equal(h, f->ram + 0x8000);
	mem.memory_size = 0;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	free(extra);
	/* a PIDR or SDR1 write reaches the TLB at the next block fetch */
	assert_int_equal(mem_load(f->c, 0x5000, 8, &val), PPC_OK);
	f->c->spr[48] = 3;
	assert_int_equal(mem_fetch_page(f->c, 0x8000, &h, &real), PPC_OK);
	assert_false(tlb_live(f->c, lentry(f, 0x5000)));
	assert_int_equal(mem_load(f->c, 0x5000, 8, &val), PPC_OK);
	f->vm->mach.sdr1 = 0x40000;
	assert_int_equal(mem_fetch_page(f->c, 0x8000, &h, &real), PPC_OK);
	assert_false(tlb_live(f->c, lentry(f, 0x5000)));
	/* ATTN_TLB_FLUSH (a remote request) is consumed by check_requests */
	assert_int_equal(mem_load(f->c, 0x5000, 8, &val), PPC_OK);
	atomic_fetch_or(&f->c->attention, ATTN_TLB_FLUSH);
	assert_int_equal(f->vm->ops->check_requests(f->v), 1);
	assert_false(tlb_live(f->c, lentry(f, 0x5000)));
}

static void test_mmio_round_trip(void **state)
{
	struct fx *f = *state;
	struct kvm_run *run = f->c->run;
	uint64_t hole = 0x10000000ULL, val;
	for (int le = 0; le < 2; le++) {
		cpu_set_msr(f->c, MSR_SF | MSR_ME | (le ? MSR_LE : 0));
		/* load: exit, the VMM answers, the re-executed access gets its data */
		assert_int_equal(mem_load(f->c, hole + 8, 4, &val), PPC_EXIT);
		assert_int_equal(run->exit_reason, KVM_EXIT_MMIO);
		assert_int_equal(run->mmio.phys_addr, hole + 8);
		assert_int_equal(run->mmio.len, 4);
		assert_int_equal(run->mmio.is_write, 0);
		const uint8_t bytes[4] = {0x11, 0x22, 0x33, 0x44};
		memcpy(run->mmio.data, bytes, 4);
		/* what vcpu_run does on re-entry (lib/vcpu.c), then the instruction again */
		struct ppc_mmio_entry *e = &f->c->mmio_log[f->c->mmio_count - 1];
		memcpy(e->data, run->mmio.data, e->len);
		e->done = 1;
		f->c->mmio_pos = 0;
		assert_int_equal(mem_load(f->c, hole + 8, 4, &val), PPC_OK);
		assert_int_equal(val, le ? 0x44332211 : 0x11223344);
		mem_mmio_reset(f->c);
		/* store: data in guest byte order */
		assert_int_equal(mem_store(f->c, hole, 2, 0xa1b2), PPC_EXIT);
		assert_int_equal(run->mmio.is_write, 1);
		assert_int_equal(run->mmio.len, 2);
		assert_int_equal(run->mmio.data[0], le ? 0xb2 : 0xa1);
		assert_int_equal(run->mmio.data[1], le ? 0xa1 : 0xb2);
		/* replayed, not emitted again */
		f->c->mmio_pos = 0;
		run->exit_reason = 0;
		assert_int_equal(mem_store(f->c, hole, 2, 0xa1b2), PPC_OK);
		assert_int_equal(run->exit_reason, 0);
		mem_mmio_reset(f->c);
	}
	/* no TLB entry for the hole */
	assert_false(tlb_live(f->c, lentry(f, hole)));
	/* instruction fetch from a hole: machine check, SRR0 = the address */
	const uint8_t *h;
	uint64_t real;
	assert_int_equal(mem_fetch_page(f->c, hole + 0x40, &h, &real), PPC_EXC);
	assert_int_equal(f->c->nia, 0x200);
	assert_int_equal(f->c->spr[26], hole + 0x40);
}

static void put_words(struct fx *f, uint64_t addr, const uint32_t *w, size_t n, int le)
{
	for (size_t i = 0; i < n; i++)
		for (int b = 0; b < 4; b++)
			f->ram[addr + 4 * i + b] = (uint8_t)(w[i] >> (le ? 8 * b : 24 - 8 * b));
}

static void set_pc_msr(struct fx *f, uint64_t pc, uint64_t msr)
{
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->v, &regs), 0);
	regs.pc = pc;
	regs.msr = msr;
	assert_int_equal(kvmppc_set_regs(f->v, &regs), 0);
}

/* End to end through the run loop: the guest sets an SLB entry (slbmte) and an HPTE
 * (H_ENTER, handled in the library) in real mode; translated instruction fetch then
 * runs code through them; after H_REMOVE the same fetch takes an ISI at 0x400. */
static void test_run_translated(void **state)
{
	struct fx *f = *state;
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->v);
	static const uint32_t setup_code[] = {
		0x38605000, /* li    r3,0x5000 (VSID 5) */
		0x3c801800, /* lis   r4,0x1800 (ESID 0x10000000 | V, index 0) */
		0x7c602324, /* slbmte r3,r4 */
		0x38600008, /* li    r3,H_ENTER */
		0x38800000, /* li    r4,0 */
		0x38a00028, /* li    r5,40 (PTEG 5 = VSID ^ 0) */
		0x38c05001, /* li    r6,0x5001 (AVPN 5 << 5, V) */
		0x38e02012, /* li    r7,0x2012 (RPN 0x2000, M, PP 10) */
		0x44000022, /* sc    1 */
		0x39230000, /* addi  r9,r3,0 */
		0x38600058, /* li    r3,0x58 */
		0x44000022, /* sc    1 */
	};
	static const uint32_t mapped[] = {
		0x3c801000, /* lis  r4,0x1000 */
		0x80a40800, /* lwz  r5,0x800(r4): data through the same HPTE */
		0x38600077, /* li   r3,0x77 */
		0x44000022, /* sc   1 */
	};
	static const uint32_t isi[] = {0x38600099, 0x44000022};    /* li r3,0x99; sc 1 */
	put_words(f, 0x1000, setup_code, 12, 1);
	put_words(f, 0x2000, mapped, 4, 1);
	static const uint32_t data = 0xdeadbeef;
	put_words(f, 0x2800, &data, 1, 1);
	put_words(f, 0x400, isi, 2, 0); /* interrupts enter big-endian (LPCR[ILE] = 0) */
	set_pc_msr(f, 0x1000, MSR_SF | MSR_LE);
	assert_int_equal(kvmppc_run(f->v), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x58);
	assert_int_equal(f->c->gpr[9], H_SUCCESS);
	assert_int_equal(f->c->gpr[4], 40);
	set_pc_msr(f, 0x10000000, MSR_SF | MSR_LE | MSR_IR | MSR_DR);
	assert_int_equal(kvmppc_run(f->v), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x77);
	assert_int_equal(f->c->gpr[5], 0xdeadbeef);
	assert_int_equal(hcall(f, H_REMOVE, 0, 40, 0, 0), H_SUCCESS);
	assert_int_equal(f->c->gpr[5] & 0x180, 0x100); /* R set by the accesses, C not */
	set_pc_msr(f, 0x10000000, MSR_SF | MSR_LE | MSR_IR | MSR_DR);
	assert_int_equal(kvmppc_run(f->v), 0);
	assert_int_equal(run->papr_hcall.nr, 0x99);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->v, &regs), 0);
	assert_int_equal(regs.srr0, 0x10000000);
	assert_int_equal(regs.srr1 & 0x783f0000ULL, SRR1_ISI_NOPTE);
}

/* MMIO through the run loop with real load/store forms: the update form and the
 * byte-reversed form complete after the VMM answers; data is in guest byte order. */
static void test_run_mmio_forms(void **state)
{
	struct fx *f = *state;
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->v);
	static const uint32_t code[] = {
		0x3c801000, /* lis   r4,0x1000 */
		0x84a40008, /* lwzu  r5,8(r4) */
		0x7cc0242c, /* lwbrx r6,0,r4 */
		0x90a40010, /* stw   r5,16(r4) */
		0x38600058, /* li    r3,0x58 */
		0x44000022, /* sc    1 */
	};
	put_words(f, 0x1000, code, 6, 1);
	set_pc_msr(f, 0x1000, MSR_SF | MSR_LE);
	static const uint8_t answer[4] = {0x11, 0x22, 0x33, 0x44};
	assert_int_equal(kvmppc_run(f->v), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_MMIO);
	assert_int_equal(run->mmio.phys_addr, 0x10000008);
	assert_int_equal(run->mmio.len, 4);
	assert_int_equal(run->mmio.is_write, 0);
	memcpy(run->mmio.data, answer, 4);
	assert_int_equal(kvmppc_run(f->v), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_MMIO);
	assert_int_equal(run->mmio.phys_addr, 0x10000008); /* lwbrx at the updated r4 */
	memcpy(run->mmio.data, answer, 4);
	assert_int_equal(kvmppc_run(f->v), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_MMIO);
	assert_int_equal(run->mmio.phys_addr, 0x10000018);
	assert_int_equal(run->mmio.is_write, 1);
	assert_memory_equal(run->mmio.data, answer, 4); /* stored back as loaded (LE) */
	assert_int_equal(kvmppc_run(f->v), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(f->c->gpr[4], 0x10000008);
	assert_int_equal(f->c->gpr[5], 0x44332211);
	assert_int_equal(f->c->gpr[6], 0x11223344);
}

/* ---- precise invalidation (ISA 3.0 Book III 5.9.3, 5.10.1): entries are filled directly,
 * as a translation would, and each form must drop what it names and keep the rest ---- */

static struct ppc_tlb_entry *slot(struct fx *f, enum ppc_access a, uint64_t ea)
{
	struct ppc_tlb_entry *arr = a == ACCESS_LOAD ? f->c->tlb.load
				    : a == ACCESS_STORE ? f->c->tlb.store : f->c->tlb.fetch;
	return &arr[(ea >> 12) & (PPC_TLB_SIZE - 1)];
}

/* A relocated (MSR[DR] = 1) load entry for @ea with translation key @key. */
static struct ppc_tlb_entry *fill(struct fx *f, uint64_t ea, uint64_t key)
{
	tlb_fill(f->c, ACCESS_LOAD, ea, f->ram, 0, key);
	return slot(f, ACCESS_LOAD, ea);
}

static int hash_setup(void **state)
{
	fx_setup(state);
	struct fx *f = *state;
	f->vm->mach.radix = false;
	cpu_set_msr(f->c, MSR_SF | MSR_ME | MSR_DR);
	mem_flush_tlb(f->c);
	return 0;
}

static void test_slbie_precise(void **state)
{
	struct fx *f = *state;
	hash_slbmte(f->c, 0x5000, 0x10000000 | 0x08000000 | 0);            /* ESID 1 */
	hash_slbmte(f->c, 0x6000, 0x20000000 | 0x08000000 | 1);            /* ESID 2 */
	hash_slbmte(f->c, (1ULL << 62) | 0x7000, (1ULL << 40) | 0x08000000 | 2); /* 1T seg 1 */
	struct ppc_tlb_entry *a = fill(f, 0x10001000, 1), *b = fill(f, 0x20002000, 2);
	struct ppc_tlb_entry *c = fill(f, (1ULL << 40) | 0x3000, 3);
	struct ppc_tlb_entry *d = fill(f, (2ULL << 40) | 0x4000, 4);
	/* a real-mode entry of the same EA range is not a translation of the segment */
	cpu_set_msr(f->c, MSR_SF | MSR_ME);
	tlb_fill(f->c, ACCESS_LOAD, 0x10005000, f->ram, 0x10005000, TLB_KEY_REAL);
	struct ppc_tlb_entry *r = slot(f, ACCESS_LOAD, 0x10005000);
	cpu_set_msr(f->c, MSR_SF | MSR_ME | MSR_DR);
	f->c->gpr[4] = 0x10000000; /* slbie ESID 1, B = 256M */
	assert_int_equal(exec1(f, 0x7c002364), PPC_OK);
	assert_null(hash_slb_find(f->c, 0x10000000));
	assert_non_null(hash_slb_find(f->c, 0x20000000));
	assert_false(tlb_live(f->c, a));
	assert_true(tlb_live(f->c, b) && tlb_live(f->c, c) && tlb_live(f->c, d) && tlb_live(f->c, r));
	/* slbie of a segment nothing is cached from: everything stays */
	f->c->gpr[4] = 0x30000000;
	assert_int_equal(exec1(f, 0x7c002364), PPC_OK);
	assert_true(tlb_live(f->c, b) && tlb_live(f->c, c) && tlb_live(f->c, d));
	/* 1T: B = 1 in RB 37:38 */
	f->c->gpr[4] = (1ULL << 40) | (1ULL << 25);
	assert_int_equal(exec1(f, 0x7c002364), PPC_OK);
	assert_null(hash_slb_find(f->c, 1ULL << 40));
	assert_false(tlb_live(f->c, c));
	assert_true(tlb_live(f->c, b) && tlb_live(f->c, d));
	/* slbmte over a valid entry drops its segment's translations only */
	hash_slbmte(f->c, 0x6100, 0x40000000 | 0x08000000 | 1);
	assert_false(tlb_live(f->c, b));
	assert_true(tlb_live(f->c, d));
	assert_null(hash_slb_find(f->c, 0x20000000));
	assert_ptr_equal(hash_slb_find(f->c, 0x40000000), &f->c->slb.e[1]);
	/* the buckets survive slbia and a snapshot-style reindex */
	assert_int_equal(exec1(f, 0x7c0003e4 /* slbia IH=0 */), PPC_OK);
	assert_null(hash_slb_find(f->c, 0x40000000));
	f->c->slb.e[5].esid = 0x50000000 | 0x08000000;
	f->c->slb.e[5].vsid = 0x8000;
	hash_slb_reindex(f->c);
	assert_ptr_equal(hash_slb_find(f->c, 0x50001234), &f->c->slb.e[5]);
}

/* Hash tlbiel RB (R = 0): VA >> 12 in RB 0:51, L = RB 63, LP in RB 44:51, IS in 52:53. */
static void test_hash_tlbie_precise(void **state)
{
	struct fx *f = *state;
	const uint32_t tlbiel = 0x7c002224; /* tlbiel r4,r0,0,0,0 */
	struct ppc_tlb_entry *a = fill(f, 0x10005000, 0x123405);
	struct ppc_tlb_entry *b = fill(f, 0x10006000, 0x123406);
	f->c->gpr[4] = 0x123405ULL << 12;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, a));
	assert_true(tlb_live(f->c, b));
	/* 64K page (L = 1, LP = 0001): all 16 of its 4K entries, not the next page's */
	struct ppc_tlb_entry *p0 = fill(f, 0x10010000, 0x123410);
	struct ppc_tlb_entry *p15 = fill(f, 0x1001f000, 0x12341f);
	struct ppc_tlb_entry *nx = fill(f, 0x10020000, 0x123420);
	f->c->gpr[4] = (0x123410ULL << 12) | (1 << 12) | 1;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, p0));
	assert_false(tlb_live(f->c, p15));
	assert_true(tlb_live(f->c, nx) && tlb_live(f->c, b));
	/* 16M page (L = 1, LP = 0): the page's entries, not another 16M page's */
	struct ppc_tlb_entry *m0 = fill(f, 0x14005000, 0x124005);
	struct ppc_tlb_entry *m1 = fill(f, 0x15007000, 0x125007);
	f->c->gpr[4] = (0x124000ULL << 12) | 1;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, m0));
	assert_true(tlb_live(f->c, m1) && tlb_live(f->c, nx));
	/* another VSID, same EA: not the page named */
	struct ppc_tlb_entry *o = fill(f, 0x10005000, 0x999405);
	f->c->gpr[4] = 0x123405ULL << 12;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_true(tlb_live(f->c, o));
	/* IS = 3: everything */
	f->c->gpr[4] = 3 << 10;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, m1) || tlb_live(f->c, nx) || tlb_live(f->c, o));
}

static void test_radix_tlbie_precise(void **state)
{
	struct fx *f = *state;
	const uint64_t kern = 0xc000000000000000ULL;
	f->vm->mach.radix = true;
	f->vm->mach.gtse = true;
	f->c->spr[48] = 5; /* PIDR */
	mem_flush_tlb(f->c);
	/* tlbiel r4,r5,RIC,PRS=1,R=1 */
	const uint32_t tlbiel = 0x7ca32224;
	struct ppc_tlb_entry *u = fill(f, 0x2000, 0x2000), *k = fill(f, kern | 0x3000, kern | 0x3000);
	struct ppc_tlb_entry *u2 = fill(f, 0x4000, 0x4000);
	/* IS = 0 for PID 7 (not the PIDR): nothing of it is cached */
	f->c->gpr[4] = 0x2000;
	f->c->gpr[5] = 7ULL << 32;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_true(tlb_live(f->c, u));
	/* IS = 0, PID 5: that page only */
	f->c->gpr[5] = 5ULL << 32;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, u));
	assert_true(tlb_live(f->c, k) && tlb_live(f->c, u2));
	/* IS = 0, a quadrant 3 address is translated with PID 0: PID 5 does not name it */
	f->c->gpr[4] = kern | 0x3000;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_true(tlb_live(f->c, k));
	f->c->gpr[5] = 0;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, k));
	/* 2M page (AP = 1): its entries, not the next 2M page's */
	struct ppc_tlb_entry *l0 = fill(f, 0x201000, 0x201000), *l1 = fill(f, 0x405000, 0x405000);
	f->c->gpr[4] = 0x200000 | (1 << 5);
	f->c->gpr[5] = 5ULL << 32;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, l0));
	assert_true(tlb_live(f->c, l1) && tlb_live(f->c, u2));
	/* RIC = 1: page-walk cache only */
	f->c->gpr[4] = 0x4000;
	assert_int_equal(exec1(f, tlbiel | (1 << 18)), PPC_OK);
	assert_true(tlb_live(f->c, u2));
	/* IS = 1 by PID: PID 5 drops quadrant 0, PID 0 quadrant 3, PID 9 nothing */
	k = fill(f, kern | 0x3000, kern | 0x3000);
	f->c->gpr[4] = 1 << 10;
	f->c->gpr[5] = 9ULL << 32;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_true(tlb_live(f->c, u2) && tlb_live(f->c, k) && tlb_live(f->c, l1));
	f->c->gpr[5] = 5ULL << 32;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, u2) || tlb_live(f->c, l1));
	assert_true(tlb_live(f->c, k));
	f->c->gpr[5] = 0;
	assert_int_equal(exec1(f, tlbiel), PPC_OK);
	assert_false(tlb_live(f->c, k));
	/* IS = 2 (LPID) and IS = 3 (all): everything */
	for (unsigned is = 2; is <= 3; is++) {
		u = fill(f, 0x2000, 0x2000);
		f->c->gpr[4] = is << 10;
		assert_int_equal(exec1(f, tlbiel), PPC_OK);
		assert_false(tlb_live(f->c, u));
	}
}

/* ---- remote invalidation: tlbsync / an HPT hcall returns only when no other vcpu can
 * use the old translation (ISA 3.0 Book III 5.10.1), with vcpus on their own threads ---- */

static void *run_vcpu(void *arg)
{
	struct kvm_vcpu *v = arg;
	int r = kvmppc_run(v);
	return (void *)(intptr_t)r;
}

/* vcpu 1 loops on a translated load on its own thread; vcpu 0 removes the HPTE
 * (H_REMOVE) and, once that returns, writes a marker into the old page: vcpu 1 must
 * take the DSI, never read the marker through a stale TLB entry. */
static void test_remote_invalidation_waits(void **state)
{
	struct fx *f = *state;
	struct ppc_cpu *c1 = &f->v1->cpu;
	static const uint32_t loop[] = {
		0x80a40800, /* 0x1000: lwz   r5,0x800(r4) */
		0x7c053000, /*         cmpw  r5,r6 */
		0x41820010, /*         beq   bad */
		0x38e70001, /*         addi  r7,r7,1 */
		0x90e40804, /*         stw   r7,0x804(r4) */
		0x4bffffec, /*         b     0x1000 */
		0x38600bad, /* bad:    li    r3,0xbad */
		0x44000022, /*         sc    1 */
	};
	static const uint32_t dsi[] = {0x38600077, 0x44000022}; /* li r3,0x77; sc 1 */
	put_words(f, 0x1000, loop, 8, 0);
	put_words(f, 0x300, dsi, 2, 0);
	hash_slbmte(c1, 0x5000, 0x10000000 | 0x08000000);
	assert_int_equal(hcall(f, H_ENTER, 0, 40, 0x5001, 0x2012), H_SUCCESS);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->v1, &regs), 0);
	regs.pc = 0x1000;
	regs.msr = MSR_SF | MSR_DR;
	regs.gpr[4] = 0x10000000;
	regs.gpr[6] = 0xbad0bad0;
	regs.gpr[7] = 0;
	assert_int_equal(kvmppc_set_regs(f->v1, &regs), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, run_vcpu, f->v1), 0);
	/* wait until vcpu 1 stores through the translation */
	while (!__atomic_load_n((uint32_t *)(f->ram + 0x2804), __ATOMIC_ACQUIRE))
		sched_yield();
	assert_int_equal(hcall(f, H_REMOVE, 0, 40, 0, 0), H_SUCCESS);
	uint64_t g = atomic_load(&f->vm->mach.inval_gen);
	assert_true(g > 0);
	assert_true(!atomic_load(&c1->inval_running) || atomic_load(&c1->inval_ack) >= g);
	put_words(f, 0x2800, (const uint32_t[]){0xbad0bad0}, 1, 0);
	void *r;
	pthread_join(t, &r);
	assert_int_equal((intptr_t)r, 0);
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->v1);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x77);
	/* DAR: the load or the store, whichever came first after the removal */
	assert_true(c1->spr[19] == 0x10000800 || c1->spr[19] == 0x10000804);
}

/* Both vcpus invalidate and tlbsync in a loop at the same time: each waits for the
 * other, and each applies the other's requests while waiting, so both finish. */
static void test_tlbsync_both_vcpus(void **state)
{
	struct fx *f = *state;
	f->vm->mach.radix = true;
	f->vm->mach.gtse = true;
	static const uint32_t code[] = {
		0x7d0903a6, /* 0x1000: mtctr r8 */
		0x7ca32264, /* 0x1004: tlbie r4,r5,0,1,1 */
		0x7c0006ac, /*         eieio */
		0x7c00046c, /*         tlbsync */
		0x7c4004ac, /*         ptesync */
		0x4200fff0, /*         bdnz 0x1004 */
		0x38600077, /*         li r3,0x77 */
		0x44000022, /*         sc 1 */
	};
	put_words(f, 0x1000, code, 8, 0);
	struct kvm_vcpu *vs[2] = {f->v, f->v1};
	pthread_t t[2];
	for (int i = 0; i < 2; i++) {
		struct kvm_regs regs;
		assert_int_equal(kvmppc_get_regs(vs[i], &regs), 0);
		regs.pc = 0x1000;
		regs.msr = MSR_SF;
		regs.gpr[4] = 0x1000ULL * (unsigned)(i + 1);
		regs.gpr[5] = 0;
		regs.gpr[8] = 2000;
		assert_int_equal(kvmppc_set_regs(vs[i], &regs), 0);
	}
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, run_vcpu, vs[i]), 0);
	for (int i = 0; i < 2; i++) {
		void *r;
		pthread_join(t[i], &r);
		assert_int_equal((intptr_t)r, 0);
		struct kvm_run *run = kvmppc_vcpu_run_struct(vs[i]);
		assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
		assert_int_equal(run->papr_hcall.nr, 0x77);
		assert_int_equal(vs[i]->cpu.ctr, 0);
	}
	assert_true(atomic_load(&f->vm->mach.inval_gen) >= 4000);
}

/* Two vcpus on two host threads, hash. vcpu 0 (real mode) remaps EA 0x10000000 of vcpu 1
 * round-robin to four real pages, each first written with the iteration number i:
 * H_REMOVE of the HPTE, then H_ENTER of the new one, then it publishes i. vcpu 1 reads
 * the published number, then the page (retrying on the DSI between the two hcalls): a
 * value below the number can only come from a translation H_REMOVE should have removed
 * (the hcall returns once every running vcpu dropped it). Values, not timings. */
static void test_remote_hcall_stress(void **state)
{
	struct fx *f = *state;
	enum { ITER = 2000 };
	static const uint32_t remapper[] = {
		0x81790008, /* wait: lwz    r11,8(r25)   (until the reader runs) */
		0x2c0b0000, /*       cmpwi  r11,0 */
		0x4182fff8, /*       beq    wait */
		0x73c90003, /* loop: andi.  r9,r30,3 */
		0x792964e4, /*       sldi   r9,r9,12 */
		0x7d29c214, /*       add    r9,r9,r24    (0x60000 + 4K * (i % 4)) */
		0x93c90000, /*       stw    r30,0(r9)    (the page holds i) */
		0x7c0004ac, /*       sync */
		0x38600004, /*       li     r3,H_REMOVE */
		0x38800000, /*       li     r4,0 */
		0x7f45d378, /*       mr     r5,r26       (ptex) */
		0x44000022, /*       sc     1 */
		0x2c230000, /*       cmpdi  r3,0 */
		0x40820038, /*       bne    fail */
		0x38600008, /*       li     r3,H_ENTER */
		0x7fa4eb78, /*       mr     r4,r29       (H_EXACT) */
		0x7f45d378, /*       mr     r5,r26 */
		0x7f66db78, /*       mr     r6,r27       (pteh) */
		0x7d27e378, /*       or     r7,r9,r28    (ptel: the page | M | PP=10) */
		0x44000022, /*       sc     1 */
		0x2c230000, /*       cmpdi  r3,0 */
		0x40820018, /*       bne    fail */
		0x93d90000, /*       stw    r30,0(r25)   (publish i) */
		0x3bde0001, /*       addi   r30,r30,1 */
		0x4200ffac, /*       bdnz   loop */
		0x38600077, /*       li     r3,0x77 */
		0x44000022, /*       sc     1 */
		0x38600bad, /* fail: li     r3,0xbad */
		0x44000022, /*       sc     1 */
	};
	static const uint32_t reader[] = {
		0x39600001, /*       li     r11,1 */
		0x91740008, /*       stw    r11,8(r20)   (running) */
		0x80b40000, /* loop: lwz    r5,0(r20)    (published) */
		0x7c0004ac, /*       sync */
		0x80d60000, /*       lwz    r6,0(r22)    (through the remapped page) */
		0x7c062840, /*       cmplw  r6,r5 */
		0x41800014, /*       blt    bad */
		0x7c05d840, /*       cmplw  r5,r27 */
		0x4180ffe8, /*       blt    loop */
		0x38600077, /*       li     r3,0x77 */
		0x44000022, /*       sc     1 */
		0x38600bad, /* bad:  li     r3,0xbad */
		0x44000022, /*       sc     1 */
	};
	static const uint32_t dsi[] = {0x4c000024}; /* rfid: retry the access */
	put_words(f, 0x4000, remapper, sizeof(remapper) / 4, 0);
	put_words(f, 0x5000, reader, sizeof(reader) / 4, 0);
	put_words(f, 0x300, dsi, 1, 0);
	memset(f->ram + 0x60000, 0, 0x4000);
	memset(f->ram + 0x70000, 0, 12);
	/* segment 0x10000000 = VSID 5 on vcpu 1; page 0 (PTEG 5) -> 0x60000, page 1
	 * (PTEG 4, the published number) -> 0x70000 */
	hash_slbmte(&f->v1->cpu, 0x5000, 0x10000000 | 0x08000000);
	assert_int_equal(hcall(f, H_ENTER, H_EXACT, 40, 0x5001, 0x60012), H_SUCCESS);
	assert_int_equal(hcall(f, H_ENTER, H_EXACT, 32, 0x5001, 0x70012), H_SUCCESS);
	struct kvm_vcpu *vs[2] = {f->v, f->v1};
	for (int i = 0; i < 2; i++) {
		struct kvm_regs regs;
		assert_int_equal(kvmppc_get_regs(vs[i], &regs), 0);
		regs.pc = i ? 0x5000 : 0x4000;
		regs.msr = i ? MSR_SF | MSR_DR : MSR_SF;
		regs.ctr = ITER;
		regs.gpr[30] = 1;
		regs.gpr[20] = 0x10001000;
		regs.gpr[22] = 0x10000000;
		regs.gpr[24] = 0x60000;
		regs.gpr[25] = 0x70000;
		regs.gpr[26] = 40;
		regs.gpr[27] = i ? ITER : 0x5001;
		regs.gpr[28] = 0x12;
		regs.gpr[29] = H_EXACT;
		assert_int_equal(kvmppc_set_regs(vs[i], &regs), 0);
	}
	test_run_concurrently(vs, 2, 0x77);
	assert_int_equal(f->v->cpu.gpr[30], ITER + 1);
	assert_true(f->v1->cpu.gpr[6] >= ITER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_real_mode_fill_and_context, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_flushes, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_flush_epochs, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_mmio_round_trip, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_run_translated, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_run_mmio_forms, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_slbie_precise, hash_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_hash_tlbie_precise, hash_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_radix_tlbie_precise, hash_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_remote_invalidation_waits, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tlbsync_both_vcpus, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_remote_hcall_stress, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
