/* SPDX-License-Identifier: MIT */
/* The one way unit tests make a VM: RAM at guest physical 0 in slot 0, and vcpus,
 * optionally PAPR (KVM_CAP_PPC_PAPR), all through the public API. */
#ifndef VM_FIXTURE_H
#define VM_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kvmppc/kvmppc.h>

/* A VM with @ram_size bytes of zeroed RAM (returned in *@ram, free() it) at address 0. */
static inline struct kvm *test_vm_create(size_t ram_size, uint8_t **ram)
{
	struct kvm *vm;
	*ram = aligned_alloc(4096, ram_size);
	assert_non_null(*ram);
	memset(*ram, 0, ram_size);
	assert_int_equal(kvmppc_create_vm(0, &vm), 0);
	struct kvm_userspace_memory_region mem = {
		.slot = 0, .guest_phys_addr = 0, .memory_size = ram_size,
		.userspace_addr = (uintptr_t)*ram,
	};
	assert_int_equal(kvmppc_set_user_memory_region(vm, &mem), 0);
	return vm;
}

/* vcpu @id of @vm; @papr turns on KVM_CAP_PPC_PAPR (sc 1 = hypercall, MSR[HV] = 0). */
static inline struct kvm_vcpu *test_vcpu_create(struct kvm *vm, unsigned id, bool papr)
{
	struct kvm_vcpu *vcpu;
	assert_int_equal(kvmppc_create_vcpu(vm, id, &vcpu), 0);
	if (papr) {
		struct kvm_enable_cap cap = {.cap = 68 /* KVM_CAP_PPC_PAPR */};
		assert_int_equal(kvmppc_vcpu_enable_cap(vcpu, &cap), 0);
	}
	return vcpu;
}

/* Undo test_vm_create: the VM (and its vcpus), then its RAM. */
static inline void test_vm_destroy(struct kvm *vm, uint8_t *ram)
{
	kvmppc_destroy_vm(vm);
	free(ram);
}

#endif
