/* SPDX-License-Identifier: MIT */
/* The KVM core end to end: memslots, vcpus, registers, and a run loop with hcall exits. */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kvmppc/kvmppc.h>
#include "vm_fixture.h"

#define RAM_SIZE (256 * 1024)

struct fixture {
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	uint8_t *ram;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->vm = test_vm_create(RAM_SIZE, &f->ram);
	f->vcpu = test_vcpu_create(f->vm, 0, true);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	test_vm_destroy(f->vm, f->ram);
	free(f);
	return 0;
}

/* Place little-endian instruction words at @addr and point the vcpu at them. */
static void load_code(struct fixture *f, uint64_t addr, const uint32_t *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int b = 0; b < 4; b++)
			f->ram[addr + 4 * i + b] = (uint8_t)(words[i] >> (8 * b));
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	regs.pc = addr;
	regs.msr = 0x8000000000000001ULL; /* SF | LE, real mode, supervisor */
	assert_int_equal(kvmppc_set_regs(f->vcpu, &regs), 0);
}

static void test_hcall_round_trip(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0x38600058, /* li  r3,0x58 */
		0x38800007, /* li  r4,7 */
		0x44000022, /* sc  1 */
		0x7ca32214, /* add r5,r3,r4 */
		0x38601234, /* li  r3,0x1234 */
		0x44000022, /* sc  1 */
		0x48000000, /* b   . */
	};
	load_code(f, 0x1000, code, 7);
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x58);
	assert_int_equal(run->papr_hcall.args[0], 7);
	run->papr_hcall.ret = 100;
	run->papr_hcall.args[0] = 23; /* outputs in args are copied back to r4.. */
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x1234);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	assert_int_equal(regs.gpr[5], 123);
	assert_int_equal(regs.pc, 0x1000 + 6 * 4);
}

static void test_immediate_exit(void **state)
{
	struct fixture *f = *state;
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	run->immediate_exit = 1;
	assert_int_equal(kvmppc_run(f->vcpu), -EINTR);
	assert_int_equal(run->exit_reason, KVM_EXIT_INTR);
	run->immediate_exit = 0;
}

static void test_illegal_instruction_interrupt(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {0x00000000}; /* primary opcode 0: illegal */
	load_code(f, 0x2000, code, 1);
	/* The program interrupt handler at 0x700 reports through an hcall. Interrupts enter
	 * with MSR[LE] = LPCR[ILE], which is 0 after reset, so the handler is big-endian. */
	static const uint32_t handler[] = {0x38604321 /* li r3,0x4321 */, 0x44000022 /* sc 1 */};
	for (int i = 0; i < 2; i++)
		for (int b = 0; b < 4; b++)
			f->ram[0x700 + 4 * i + b] = (uint8_t)(handler[i] >> (8 * (3 - b)));
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, 0x4321);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	assert_int_equal(regs.srr0, 0x2000);
	assert_true(regs.srr1 & 0x00080000); /* SRR1[ILL] */
	assert_true(regs.srr1 & 1);           /* SRR1 keeps the old MSR[LE] */
	assert_false(regs.msr & 1);           /* the handler runs big-endian (ILE = 0) */
}

static void test_memslot_errors(void **state)
{
	struct fixture *f = *state;
	struct kvm_userspace_memory_region mem = {
		.slot = 1, .guest_phys_addr = 0x1000, .memory_size = 0x1000,
		.userspace_addr = (uintptr_t)f->ram,
	};
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), -EEXIST); /* overlap */
	mem.guest_phys_addr = 0x100000 + 8;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), -EINVAL); /* alignment */
	mem.guest_phys_addr = 0x100000;
	mem.flags = 0x80;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), -EINVAL); /* flags */
	mem.flags = 0;
	mem.slot = KVM_USER_MEM_SLOTS;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), -EINVAL); /* slot id */
	mem.slot = 1;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	mem.memory_size = 0x2000; /* resizing an existing slot */
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), -EINVAL);
	mem.memory_size = 0x1000;
	mem.guest_phys_addr = 0x200000; /* move */
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	mem.memory_size = 0; /* delete */
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), -EINVAL); /* again */
}

static void test_vcpu_ids(void **state)
{
	struct fixture *f = *state;
	struct kvm_vcpu *v;
	assert_int_equal(kvmppc_create_vcpu(f->vm, 0, &v), -EEXIST);
	assert_int_equal(kvmppc_create_vcpu(f->vm, 1, &v), 0);
	assert_int_equal(kvmppc_vcpu_id(v), 1);
	assert_int_equal(kvmppc_create_vcpu(f->vm, 1u << 20, &v), -EINVAL);
}

static void *run_thread(void *arg)
{
	struct fixture *f = arg;
	static int r;
	r = kvmppc_run(f->vcpu);
	return &r;
}

/* The memory map changes while a vcpu spins in a guest loop that never exits: the ioctl
 * completes (the vcpu steps out and waits), the vcpu goes on, and a kick stops it. */
static void test_map_change_while_running(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {0x38630001 /* addi r3,r3,1 */, 0x4bfffffc /* b .-4 */};
	load_code(f, 0x3000, code, 2);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, run_thread, f), 0);
	struct timespec ts = {0, 20 * 1000 * 1000};
	nanosleep(&ts, NULL);
	uint8_t *extra = aligned_alloc(4096, 65536);
	struct kvm_userspace_memory_region mem = {
		.slot = 1, .guest_phys_addr = 0x1000000, .memory_size = 65536,
		.userspace_addr = (uintptr_t)extra,
	};
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	mem.memory_size = 0;
	assert_int_equal(kvmppc_set_user_memory_region(f->vm, &mem), 0);
	uint64_t before = kvmppc_vcpu_instructions(f->vcpu);
	nanosleep(&ts, NULL);
	assert_true(kvmppc_vcpu_instructions(f->vcpu) > before); /* still running */
	kvmppc_kick(f->vcpu);
	void *ret;
	pthread_join(t, &ret);
	assert_int_equal(*(int *)ret, -EINTR);
	free(extra);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hcall_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_immediate_exit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_change_while_running, setup, teardown),
		cmocka_unit_test_setup_teardown(test_illegal_instruction_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memslot_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vcpu_ids, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
