/* SPDX-License-Identifier: MIT */
/* Shared fixture of the privileged-architecture unit tests: one VM, one vcpu, and direct
 * access to its interpreted CPU (tests reach internals on purpose). */
#ifndef PRIV_FIXTURE_H
#define PRIV_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kvmppc/kvmppc.h>
#include "cpu/insn.h"
#include "lib/kvm_internal.h"
#include "spr/spr.h"
#include "vm_fixture.h"

#define RAM_SIZE (1024 * 1024)

struct fx {
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	struct ppc_cpu *c;
	uint8_t *ram;
};

static inline struct fx *fx_new(uint32_t pvr, int papr)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->vm = test_vm_create(RAM_SIZE, &f->ram);
	f->vcpu = test_vcpu_create(f->vm, 0, false);
	f->c = &f->vcpu->cpu;
	if (pvr)
		assert_int_equal(cpu_init(f->c, pvr, 0), 0);
	if (papr) {
		struct kvm_enable_cap cap = {.cap = 68 /* KVM_CAP_PPC_PAPR */};
		assert_int_equal(kvmppc_vcpu_enable_cap(f->vcpu, &cap), 0);
	}
	return f;
}

static inline void fx_free(struct fx *f)
{
	kvmppc_destroy_vm(f->vm);
	free(f->ram);
	free(f);
}

/* Execute @insn at @pc with MSR @msr; returns the handler status. */
static inline int exec_at(struct ppc_cpu *c, uint64_t pc, uint64_t msr, uint32_t insn)
{
	cpu_set_msr(c, msr);
	c->cia = pc;
	return cpu_execute_one(c, insn);
}

/* Instruction encoders (checked against powerpc64le-linux-gnu-objdump). */
static inline uint32_t enc_mfspr(unsigned rt, unsigned spr)
{
	return 0x7c0002a6u | (rt << 21) | ((spr & 0x1f) << 16) | ((spr >> 5) << 11);
}
static inline uint32_t enc_mtspr(unsigned spr, unsigned rs)
{
	return 0x7c0003a6u | (rs << 21) | ((spr & 0x1f) << 16) | ((spr >> 5) << 11);
}

#define MSR_KERNEL (MSR_SF | MSR_ME | MSR_RI | MSR_LE)
#define MSR_HVK (MSR_KERNEL | MSR_HV)
#define MSR_USER (MSR_SF | MSR_ME | MSR_RI | MSR_LE | MSR_PR | MSR_EE | MSR_IR | MSR_DR)

#endif
