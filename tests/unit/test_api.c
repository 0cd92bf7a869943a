/* SPDX-License-Identifier: MIT */
/* The ppc VM ioctls through kvmppc_vm_ioctl(), in both ioctl encodings. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <kvmppc/kvmppc.h>

static int setup(void **state)
{
	struct kvm *vm;
	assert_int_equal(kvmppc_create_vm(0, &vm), 0);
	static uint8_t ram[1 << 20] __attribute__((aligned(4096)));
	struct kvm_userspace_memory_region mem = {
		.slot = 0, .memory_size = sizeof(ram), .userspace_addr = (uintptr_t)ram,
	};
	assert_int_equal(kvmppc_set_user_memory_region(vm, &mem), 0);
	*state = vm;
	return 0;
}

static int teardown(void **state)
{
	kvmppc_destroy_vm(*state);
	return 0;
}

static void test_smmu_info_both_encodings(void **state)
{
	struct kvm_ppc_smmu_info a, b;
	memset(&a, 0xee, sizeof(a));
	memset(&b, 0x11, sizeof(b));
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_GET_SMMU_INFO, &a), 0);
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_GET_SMMU_INFO_GENERIC, &b), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(a.slb_size, 32);
	assert_int_equal(a.sps[0].page_shift, 12); /* 4K first */
}

static void test_cpu_char(void **state)
{
	struct kvm_ppc_cpu_char cc;
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_GET_CPU_CHAR, &cc), 0);
	assert_true(cc.character & KVM_PPC_CPU_CHAR_COUNT_CACHE_DIS);
	assert_true(cc.character_mask & KVM_PPC_CPU_CHAR_COUNT_CACHE_DIS);
	assert_false(cc.behaviour & KVM_PPC_CPU_BEHAV_FAVOUR_SECURITY);
	assert_true(cc.behaviour_mask & KVM_PPC_CPU_BEHAV_FAVOUR_SECURITY);
}

static void test_allocate_htab(void **state)
{
	uint32_t order = 17; /* below the 256 KiB minimum */
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_ALLOCATE_HTAB, &order), -EINVAL);
	order = 18;
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_ALLOCATE_HTAB, &order), 0);
	order = 0; /* default size */
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_ALLOCATE_HTAB_GENERIC, &order), 0);
	/* radix VMs have no HPT */
	struct kvm_ppc_mmuv3_cfg cfg = {.flags = KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE,
					.process_table = 1ULL << 63}; /* PATE HR bit */
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_CONFIGURE_V3_MMU, &cfg), 0);
	order = 18;
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_ALLOCATE_HTAB, &order), -EINVAL);
}

static void test_unknown_and_missing(void **state)
{
	uint32_t x = 0;
	assert_int_equal(kvmppc_vm_ioctl(*state, 0xdeadbeef, &x), -ENOTTY);
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_GET_SMMU_INFO, NULL), -EFAULT);
	assert_int_equal(kvmppc_vm_ioctl(NULL, KVM_PPC_GET_SMMU_INFO, &x), -EFAULT);
	struct kvm_get_htab_fd fd = {0};
	long hfd = kvmppc_vm_ioctl(*state, KVM_PPC_GET_HTAB_FD, &fd); /* a real fd now */
	assert_true(hfd >= 0);
	close((int)hfd);
	fd.flags = 8;
	assert_int_equal(kvmppc_vm_ioctl(*state, KVM_PPC_GET_HTAB_FD, &fd), -EINVAL);
}

static void test_sregs_slb_round_trip(void **state)
{
	struct kvm_vcpu *vcpu;
	assert_int_equal(kvmppc_create_vcpu(*state, 0, &vcpu), 0);
	struct kvm_sregs sr;
	assert_int_equal(kvmppc_get_sregs(vcpu, &sr), 0);
	/* entry 3: ESID 0xc00000000 (EA 0xc000000000000000), 256M, VSID 0x1234, Kp */
	sr.u.s.ppc64.slb[3].slbe = 0xc000000008000000ULL | 3;
	sr.u.s.ppc64.slb[3].slbv = (0x1234ULL << 12) | 0x400;
	assert_int_equal(kvmppc_set_sregs(vcpu, &sr), 0);
	struct kvm_sregs back;
	assert_int_equal(kvmppc_get_sregs(vcpu, &back), 0);
	assert_int_equal(back.u.s.ppc64.slb[3].slbe, 0xc000000008000000ULL | 3);
	assert_int_equal(back.u.s.ppc64.slb[3].slbv, (0x1234ULL << 12) | 0x400);
	assert_int_equal(back.u.s.ppc64.slb[4].slbe & 0x08000000, 0); /* others invalid */
	sr.u.s.ppc64.slb[3].slbe &= ~0x08000000ULL; /* V clear: the entry goes */
	assert_int_equal(kvmppc_set_sregs(vcpu, &sr), 0);
	assert_int_equal(kvmppc_get_sregs(vcpu, &back), 0);
	assert_int_equal(back.u.s.ppc64.slb[3].slbe & 0x08000000, 0);
}

static void test_single_step(void **state)
{
	struct kvm *vm = *state;
	struct kvm_vcpu *vcpu;
	assert_int_equal(kvmppc_create_vcpu(vm, 0, &vcpu), 0);
	struct kvm_enable_cap papr = {.cap = 68};
	assert_int_equal(kvmppc_vcpu_enable_cap(vcpu, &papr), 0);
	/* li r3,1; li r3,2; sc 1 at 0x1000, little-endian */
	static const uint32_t code[] = {0x38600001, 0x38600002, 0x44000022};
	uint8_t buf[12];
	for (int i = 0; i < 12; i++)
		buf[i] = (uint8_t)(code[i / 4] >> (8 * (i % 4)));
	kvm_ulong ea = 0x1000;
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(vcpu, &regs), 0);
	regs.pc = 0x1000;
	regs.msr = 0x8000000000000001ULL;
	assert_int_equal(kvmppc_set_regs(vcpu, &regs), 0);
	for (int i = 0; i < 3; i++) { /* store through the vcpu's (real-mode) translation */
		kvm_ulong a = ea + 4 * (kvm_ulong)i;
		assert_int_equal(kvmppc_interp_ops.store_to_eaddr(vcpu, &a, buf + 4 * i, 4), 0);
	}
	struct kvm_guest_debug dbg = {.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP};
	assert_int_equal(kvmppc_set_guest_debug(vcpu, &dbg), 0);
	struct kvm_run *run = kvmppc_vcpu_run_struct(vcpu);
	assert_int_equal(kvmppc_run(vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_DEBUG);
	assert_int_equal(run->debug.arch.address, 0x1000);
	assert_int_equal(kvmppc_run(vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_DEBUG);
	assert_int_equal(run->debug.arch.address, 0x1004);
	assert_int_equal(kvmppc_get_regs(vcpu, &regs), 0);
	assert_int_equal(regs.gpr[3], 2);
	dbg.control = 0;
	assert_int_equal(kvmppc_set_guest_debug(vcpu, &dbg), 0);
	assert_int_equal(kvmppc_run(vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	dbg.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW_BP;
	assert_int_equal(kvmppc_set_guest_debug(vcpu, &dbg), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_smmu_info_both_encodings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpu_char, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocate_htab, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sregs_slb_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_step, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
