/* SPDX-License-Identifier: MIT */
/* VM snapshots: round trip, and corrupt, truncated or mismatched files leave the VM alone. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/kvm_internal.h"
#include "vm_fixture.h"

#define RAM_SIZE (512 * 1024)

struct vmx {
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	uint8_t *ram;
};

static void vm_make(struct vmx *v, uint64_t ram_size)
{
	v->vm = test_vm_create(ram_size, &v->ram);
	v->vcpu = test_vcpu_create(v->vm, 0, true);
}

static void vm_free(struct vmx *v)
{
	kvmppc_destroy_vm(v->vm);
	free(v->ram);
}

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/kvmppc-snap-%ld.gz", (long)getpid());
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

/* A VM in a recognisable state: registers, an SPR, memory, an HPT. */
static void dirty(struct vmx *v)
{
	for (int i = 0; i < RAM_SIZE; i += 4096)
		v->ram[i + 7] = (uint8_t)(i >> 12);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(v->vcpu, &regs), 0);
	for (int i = 0; i < 32; i++)
		regs.gpr[i] = 0x1111111111111111ULL * (uint64_t)i + 5;
	regs.pc = 0x1234;
	regs.lr = 0xdeadbeef;
	regs.cr = 0x12345678;
	regs.msr = 0x8000000000001033ULL;
	assert_int_equal(kvmppc_set_regs(v->vcpu, &regs), 0);
	union kvmppc_one_reg val = {.dval = 0x0123456789abcdefULL};
	assert_int_equal(v->vm->ops->set_one_reg(v->vcpu, KVM_REG_PPC_VSR(3), &val), 0);
	val.dval = 0x42;
	assert_int_equal(v->vm->ops->set_one_reg(v->vcpu, KVM_REG_PPC_DSCR, &val), 0);
	uint32_t order = 18;
	assert_int_equal(kvmppc_vm_ioctl(v->vm, KVM_PPC_ALLOCATE_HTAB, &order), 0);
	v->vm->mach.papr_hpt[1000] = 0x5a;
}

static void test_round_trip(void **state)
{
	(void)state;
	struct vmx a, b;
	vm_make(&a, RAM_SIZE);
	vm_make(&b, RAM_SIZE);
	dirty(&a);
	assert_int_equal(kvmppc_snapshot_save(a.vm, path), 0);
	assert_int_equal(kvmppc_snapshot_load(b.vm, path), 0);
	assert_memory_equal(a.ram, b.ram, RAM_SIZE);
	struct kvm_regs ra, rb;
	kvmppc_get_regs(a.vcpu, &ra);
	kvmppc_get_regs(b.vcpu, &rb);
	assert_memory_equal(&ra, &rb, sizeof(ra));
	union kvmppc_one_reg va, vb;
	memset(&va, 0, sizeof(va));
	memset(&vb, 0, sizeof(vb));
	a.vm->ops->get_one_reg(a.vcpu, KVM_REG_PPC_VSR(3), &va);
	b.vm->ops->get_one_reg(b.vcpu, KVM_REG_PPC_VSR(3), &vb);
	assert_memory_equal(&va, &vb, sizeof(va));
	b.vm->ops->get_one_reg(b.vcpu, KVM_REG_PPC_DSCR, &vb);
	assert_int_equal(vb.dval, 0x42);
	assert_int_equal(b.vm->mach.papr_hpt_size, 1u << 18);
	assert_int_equal(b.vm->mach.papr_hpt[1000], 0x5a);
	vm_free(&a);
	vm_free(&b);
}

/* A VMM's own bytes travel first in the file (version 2); a plain snapshot has none. */
static void test_user_section(void **state)
{
	(void)state;
	struct vmx a, b;
	vm_make(&a, RAM_SIZE);
	vm_make(&b, RAM_SIZE);
	dirty(&a);
	static const char mine[] = "machine state v1";
	assert_int_equal(kvmppc_snapshot_save_user(a.vm, path, mine, sizeof(mine)), 0);
	void *u = NULL;
	size_t n = 0;
	assert_int_equal(kvmppc_snapshot_read_user(path, &u, &n), 0);
	assert_int_equal(n, sizeof(mine));
	assert_memory_equal(u, mine, sizeof(mine));
	free(u);
	assert_int_equal(kvmppc_snapshot_load(b.vm, path), 0);
	assert_memory_equal(a.ram, b.ram, RAM_SIZE);
	assert_int_equal(kvmppc_snapshot_save(a.vm, path), 0);
	assert_int_equal(kvmppc_snapshot_read_user(path, &u, &n), -ENOENT);
	assert_int_equal(kvmppc_snapshot_read_user("/nonexistent/dir/x.gz", &u, &n), -ENOENT);
	vm_free(&a);
	vm_free(&b);
}

/* POWER8 vcpus in Suspended state with a checkpoint (cpu/tm.c): TEXASR, MSR[TS] and the
 * TM_* checkpoint come back. */
static void test_tm_state(void **state)
{
	(void)state;
	struct vmx a, b;
	vm_make(&a, RAM_SIZE);
	vm_make(&b, RAM_SIZE);
	struct kvm_sregs sregs;
	assert_int_equal(kvmppc_get_sregs(a.vcpu, &sregs), 0);
	sregs.pvr = 0x004d0200; /* POWER8 */
	assert_int_equal(kvmppc_set_sregs(a.vcpu, &sregs), 0);
	assert_int_equal(kvmppc_set_sregs(b.vcpu, &sregs), 0);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(a.vcpu, &regs), 0);
	regs.msr = 0x8000000300001000ULL; /* SF, TS = S, TM, ME */
	assert_int_equal(kvmppc_set_regs(a.vcpu, &regs), 0);
	union kvmppc_one_reg val = {.dval = 0x123};
	assert_int_equal(a.vm->ops->set_one_reg(a.vcpu, KVM_REG_PPC_TM_GPR(7), &val), 0);
	val.dval = 0x55;
	assert_int_equal(a.vm->ops->set_one_reg(a.vcpu, KVM_REG_PPC_TM_XER, &val), 0);
	val.dval = 0x0000000088000001ULL; /* FS, SUSP, TL 1 */
	assert_int_equal(a.vm->ops->set_one_reg(a.vcpu, KVM_REG_PPC_TEXASR, &val), 0);
	val.vsxval[0] = 7;
	val.vsxval[1] = 8;
	assert_int_equal(a.vm->ops->set_one_reg(a.vcpu, KVM_REG_PPC_TM_VSR(63), &val), 0);
	assert_int_equal(kvmppc_snapshot_save(a.vm, path), 0);
	assert_int_equal(kvmppc_snapshot_load(b.vm, path), 0);
	assert_int_equal(kvmppc_get_regs(b.vcpu, &regs), 0);
	assert_int_equal(regs.msr, 0x8000000300001000ULL);
	memset(&val, 0, sizeof(val));
	assert_int_equal(b.vm->ops->get_one_reg(b.vcpu, KVM_REG_PPC_TM_GPR(7), &val), 0);
	assert_int_equal(val.dval, 0x123);
	assert_int_equal(b.vm->ops->get_one_reg(b.vcpu, KVM_REG_PPC_TM_XER, &val), 0);
	assert_int_equal(val.dval, 0x55);
	assert_int_equal(b.vm->ops->get_one_reg(b.vcpu, KVM_REG_PPC_TEXASR, &val), 0);
	assert_int_equal(val.dval, 0x0000000088000001ULL);
	assert_int_equal(b.vm->ops->get_one_reg(b.vcpu, KVM_REG_PPC_TM_VSR(63), &val), 0);
	assert_int_equal(val.vsxval[0], 7);
	assert_int_equal(val.vsxval[1], 8);
	vm_free(&a);
	vm_free(&b);
}

/* Flip one byte of the compressed file at @offset (or cut it there when @truncate). */
static void damage(long offset, int truncate_it)
{
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	assert_true(offset < size);
	if (truncate_it) {
		fclose(f);
		assert_int_equal(truncate(path, offset), 0);
		return;
	}
	fseek(f, offset, SEEK_SET);
	int c = fgetc(f);
	fseek(f, offset, SEEK_SET);
	fputc(c ^ 0x40, f);
	fclose(f);
}

static void check_untouched_after_bad_load(long offset, int truncate_it)
{
	struct vmx a, b;
	vm_make(&a, RAM_SIZE);
	vm_make(&b, RAM_SIZE);
	dirty(&a);
	assert_int_equal(kvmppc_snapshot_save(a.vm, path), 0);
	damage(offset, truncate_it);
	struct kvm_regs before, after;
	kvmppc_get_regs(b.vcpu, &before);
	assert_int_equal(kvmppc_snapshot_load(b.vm, path), -EINVAL);
	kvmppc_get_regs(b.vcpu, &after);
	assert_memory_equal(&before, &after, sizeof(before));
	for (int i = 0; i < RAM_SIZE; i++)
		assert_int_equal(b.ram[i], 0);
	assert_null(b.vm->mach.papr_hpt);
	vm_free(&a);
	vm_free(&b);
}

static void test_corrupt_file(void **state)
{
	(void)state;
	check_untouched_after_bad_load(200, 0);
}

static void test_truncated_file(void **state)
{
	(void)state;
	check_untouched_after_bad_load(300, 1);
}

static void test_other_shape(void **state)
{
	(void)state;
	struct vmx a, b;
	vm_make(&a, RAM_SIZE);
	vm_make(&b, RAM_SIZE / 2);
	dirty(&a);
	assert_int_equal(kvmppc_snapshot_save(a.vm, path), 0);
	assert_int_equal(kvmppc_snapshot_load(b.vm, path), -EINVAL);
	for (int i = 0; i < RAM_SIZE / 2; i++)
		assert_int_equal(b.ram[i], 0);
	assert_int_equal(kvmppc_snapshot_load(b.vm, "/nonexistent/dir/x.gz"), -ENOENT);
	vm_free(&a);
	vm_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tm_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_shape, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
