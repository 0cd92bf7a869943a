/* SPDX-License-Identifier: MIT */
/* Memslots and the memory members of kvmppc_ops: dirty log (set on stores, cleared by
 * reading, store TLB entries dropped), read-only slots, referenced bits (age_hva,
 * test_age_hva) and the host-range callbacks. */
#include "mmu_fixture.h"

#define SLOT_GPA 0x1000000ULL
#define SLOT_SIZE 0x40000ULL

struct mfx {
	struct fx f;
	uint8_t *mem;
};

static int setup(void **state)
{
	fx_setup(state);
	struct fx *f = *state;
	struct mfx *m = realloc(f, sizeof(*m));
	m->mem = aligned_alloc(4096, SLOT_SIZE);
	memset(m->mem, 0, SLOT_SIZE);
	struct kvm_userspace_memory_region mem = {
		.slot = 1, .flags = KVM_MEM_LOG_DIRTY_PAGES, .guest_phys_addr = SLOT_GPA,
		.memory_size = SLOT_SIZE, .userspace_addr = (uintptr_t)m->mem,
	};
	assert_int_equal(kvmppc_set_user_memory_region(m->f.vm, &mem), 0);
	m->f.c = &m->f.v->cpu;
	cpu_set_msr(m->f.c, MSR_SF | MSR_ME);
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	struct mfx *m = *state;
	uint8_t *mem = m->mem;
	fx_teardown(state);
	free(mem);
	return 0;
}

static uint64_t dirty_word(struct fx *f, int *rc)
{
	uint64_t bm[1] = {0};
	struct kvm_dirty_log log = {.slot = 1, .dirty_bitmap = bm};
	*rc = kvmppc_get_dirty_log(f->vm, &log);
	return bm[0];
}

static void test_dirty_log(void **state)
{
	struct mfx *m = *state;
	struct fx *f = &m->f;
	int rc;
	assert_int_equal(dirty_word(f, &rc), 0);
	assert_int_equal(rc, 0);
	assert_int_equal(mem_store(f->c, SLOT_GPA + 0x3010, 4, 7), PPC_OK);
	assert_int_equal(mem_store(f->c, SLOT_GPA + 0x3020, 4, 7), PPC_OK); /* TLB hit */
	uint64_t val;
	assert_int_equal(mem_load(f->c, SLOT_GPA + 0x5000, 4, &val), PPC_OK); /* not dirty */
	assert_int_equal(dirty_word(f, &rc), 1ULL << 3);
	/* reading cleared it, and asked every vcpu to drop its (store) translations */
	assert_true(atomic_load(&f->c->attention) & ATTN_TLB_FLUSH);
	assert_true(atomic_load(&f->v1->cpu.attention) & ATTN_TLB_FLUSH);
	assert_int_equal(f->vm->ops->check_requests(f->v), 1);
	assert_int_equal(dirty_word(f, &rc), 0);
	assert_int_equal(f->vm->ops->check_requests(f->v), 1);
	/* the next store to the same page marks it again */
	assert_int_equal(mem_store(f->c, SLOT_GPA + 0x3010, 1, 7), PPC_OK);
	assert_int_equal(dirty_word(f, &rc), 1ULL << 3);
	/* a slot without dirty logging, a bad slot */
	struct kvm_dirty_log log = {.slot = 0, .dirty_bitmap = &val};
	assert_int_equal(kvmppc_get_dirty_log(f->vm, &log), -ENOENT);
	log.slot = 77;
	assert_int_equal(kvmppc_get_dirty_log(f->vm, &log), -EINVAL);
	/* an R/C-changing hcall (H_REMOVE of an HPTE with C) marks its page dirty */
	(void)f->vm->ops->check_requests(f->v);
	(void)dirty_word(f, &rc);
	uint64_t pv = (0x10ULL << 7) | 1, pr = (SLOT_GPA + 0x7000) | 0x10 | 0x80 | 2;
	assert_int_equal(hcall(f, H_ENTER, 0, 0, pv, pr), H_SUCCESS);
	assert_int_equal(hcall(f, H_REMOVE, 0, f->c->gpr[4], 0, 0), H_SUCCESS);
	assert_int_equal(dirty_word(f, &rc), 1ULL << 7);
	/* logging off: stores leave no trace; on again: a clean bitmap */
	struct kvm_userspace_memory_region mem = {
		.slot = 1, .flags = 0, .guest_phys_addr = SLOT_GPA,
		.memory_size = SLOT_SIZE, .userspace_addr = (uintptr_t)m->mem,
	};
	assert_int_equal(mem_store(f->c, SLOT_GPA + 0x9000, 1, 1), PPC_OK);
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	(void)f->vm->ops->check_requests(f->v);
	assert_int_equal(mem_store(f->c, SLOT_GPA + 0xa000, 1, 1), PPC_OK);
	assert_int_equal(kvmppc_get_dirty_log(f->vm, &(struct kvm_dirty_log){.slot = 1,
				.dirty_bitmap = &val}), -ENOENT);
	mem.flags = KVM_MEM_LOG_DIRTY_PAGES;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	(void)f->vm->ops->check_requests(f->v);
	assert_int_equal(dirty_word(f, &rc), 0);
	assert_int_equal(mem_store(f->c, SLOT_GPA + 0xa000, 1, 1), PPC_OK);
	assert_int_equal(dirty_word(f, &rc), 1ULL << 10);
}

static void test_readonly_slot(void **state)
{
	struct mfx *m = *state;
	struct fx *f = &m->f;
	struct kvm_userspace_memory_region mem = {
		.slot = 1, .memory_size = 0, .guest_phys_addr = SLOT_GPA,
		.userspace_addr = (uintptr_t)m->mem,
	};
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0); /* delete */
	mem.memory_size = SLOT_SIZE;
	mem.flags = KVM_MEM_READONLY;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	(void)f->vm->ops->check_requests(f->v);
	m->mem[0x100] = 0x99;
	uint64_t val;
	assert_int_equal(mem_load(f->c, SLOT_GPA + 0x100, 1, &val), PPC_OK);
	assert_int_equal(val, 0x99);
	assert_int_equal(mem_store(f->c, SLOT_GPA + 0x100, 1, 5), PPC_EXIT);
	assert_int_equal(f->c->run->exit_reason, KVM_EXIT_MMIO);
	assert_int_equal(f->c->run->mmio.is_write, 1);
	assert_int_equal(f->c->run->mmio.phys_addr, SLOT_GPA + 0x100);
	assert_int_equal(m->mem[0x100], 0x99);
	assert_false(tlb_live(f->c, &f->c->tlb.store[(SLOT_GPA >> 12) & (PPC_TLB_SIZE - 1)]));
	mem_mmio_reset(f->c);
	/* overlapping and misaligned regions are refused */
	mem.slot = 2;
	mem.flags = 0;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), -EEXIST);
	mem.guest_phys_addr = 0x3000100;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), -EINVAL);
}

static void test_age_and_hva_callbacks(void **state)
{
	struct mfx *m = *state;
	struct fx *f = &m->f;
	const struct kvmppc_ops *ops = f->vm->ops;
	unsigned long hva = (unsigned long)(uintptr_t)m->mem;
	uint64_t val;
	assert_int_equal(mem_load(f->c, SLOT_GPA + 0x2000, 1, &val), PPC_OK);
	assert_int_equal(ops->test_age_hva(f->vm, hva + 0x2000), 1);
	assert_int_equal(ops->test_age_hva(f->vm, hva + 0x4000), 0);
	assert_int_equal(ops->age_hva(f->vm, hva, hva + 0x4000), 1);
	assert_int_equal(ops->test_age_hva(f->vm, hva + 0x2000), 0);
	assert_int_equal(ops->age_hva(f->vm, hva, hva + 0x4000), 0);
	/* the aged translation was dropped, so the next access marks the page again */
	assert_int_equal(ops->check_requests(f->v), 1);
	assert_int_equal(mem_load(f->c, SLOT_GPA + 0x2000, 1, &val), PPC_OK);
	assert_int_equal(ops->test_age_hva(f->vm, hva + 0x2000), 1);
	/* unmap_hva_range: translations into the range go (on every vcpu) */
	assert_true(tlb_live(f->c, &f->c->tlb.load[(SLOT_GPA + 0x2000) >> 12 & (PPC_TLB_SIZE - 1)]));
	atomic_store(&f->v1->cpu.attention, 0);
	assert_int_equal(ops->unmap_hva_range(f->vm, hva + 0x2000, hva + 0x3000), 0);
	assert_true(atomic_load(&f->v1->cpu.attention) & ATTN_TLB_FLUSH);
	assert_int_equal(ops->check_requests(f->v), 1);
	assert_false(tlb_live(f->c, &f->c->tlb.load[(SLOT_GPA + 0x2000) >> 12 & (PPC_TLB_SIZE - 1)]));
	/* a range outside every slot asks nothing */
	atomic_store(&f->v1->cpu.attention, 0);
	assert_int_equal(ops->unmap_hva_range(f->vm, 4096, 8192), 0);
	assert_int_equal(atomic_load(&f->v1->cpu.attention) & ATTN_TLB_FLUSH, 0);
	/* set_spte_hva */
	assert_int_equal(mem_load(f->c, SLOT_GPA + 0x2000, 1, &val), PPC_OK);
	ops->set_spte_hva(f->vm, hva + 0x2000, (pte_t){0});
	assert_int_equal(ops->check_requests(f->v), 1);
	assert_false(tlb_live(f->c, &f->c->tlb.load[(SLOT_GPA + 0x2000) >> 12 & (PPC_TLB_SIZE - 1)]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dirty_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_slot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_age_and_hva_callbacks, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
