/* SPDX-License-Identifier: MIT */
/* The soft TLB: context tags, fills, precise and full flushes, memslot generation, and
 * MMIO exits with their replay (data in guest byte order, as KVM_EXIT_MMIO has it). */
#include "mmu_fixture.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_real_mode_fill_and_context, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_flushes, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_flush_epochs, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_mmio_round_trip, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_run_translated, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_run_mmio_forms, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
