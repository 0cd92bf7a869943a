/* SPDX-License-Identifier: MIT */
/* ABI layout and the kvmppc_ops table. Sizes are also _Static_asserted in uapi.h; these
 * run-time checks cover what static asserts cannot: the table's contents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kvmppc/kvmppc.h>

static void test_sizes(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct kvm_run), 2352);
	assert_int_equal(offsetof(struct kvm_run, papr_hcall.nr), 32);
	assert_int_equal(offsetof(struct kvm_run, s), 304);
	assert_int_equal(sizeof(struct kvm_regs), 392);
	assert_int_equal(sizeof(struct kvm_sregs), 1232);
	assert_int_equal(sizeof(struct kvm_ppc_smmu_info), 592);
	assert_int_equal(sizeof(struct kvm_ppc_rmmu_info), 96);
	assert_int_equal(sizeof(union kvmppc_one_reg), 16);
}

/* struct kvmppc_ops has 41 members; all are non-NULL except owner (no module). */
#define KVMPPC_OPS_FUNCTION_MEMBERS(X) \
	X(get_sregs) X(set_sregs) X(get_one_reg) X(set_one_reg) X(vcpu_load) X(vcpu_put) \
	X(set_msr) X(vcpu_run) X(vcpu_create) X(vcpu_free) X(check_requests) \
	X(get_dirty_log) X(flush_memslot) X(prepare_memory_region) X(commit_memory_region) \
	X(unmap_hva_range) X(age_hva) X(test_age_hva) X(set_spte_hva) X(mmu_destroy) \
	X(free_memslot) X(create_memslot) X(init_vm) X(destroy_vm) X(get_smmu_info) \
	X(emulate_op) X(emulate_mtspr) X(emulate_mfspr) X(fast_vcpu_kick) X(arch_vm_ioctl) \
	X(hcall_implemented) X(irq_bypass_add_producer) X(irq_bypass_del_producer) \
	X(configure_mmu) X(get_rmmu_info) X(set_smt_mode) X(giveup_ext) X(enable_nested) \
	X(load_from_eaddr) X(store_to_eaddr)

static void test_ops_complete(void **state)
{
	(void)state;
	int n = 1; /* owner */
#define CHECK_MEMBER(m)                                                    \
	if (!kvmppc_interp_ops.m)                                         \
		fail_msg("kvmppc_interp_ops." #m " is NULL");             \
	n++;
	KVMPPC_OPS_FUNCTION_MEMBERS(CHECK_MEMBER)
	assert_int_equal(n, 41);
	assert_null(kvmppc_interp_ops.owner);
	/* owner first, store_to_eaddr last, nothing else in between */
	assert_int_equal(offsetof(struct kvmppc_ops, owner), 0);
	assert_int_equal(offsetof(struct kvmppc_ops, store_to_eaddr), 40 * sizeof(void *));
	assert_int_equal(sizeof(struct kvmppc_ops), 41 * sizeof(void *));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_ops_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
