/* SPDX-License-Identifier: MIT */
/* Shared fixture of the MMU unit tests: a PAPR VM with 8 MiB of RAM at 0 and two vcpus,
 * reached through the library's internal structures. Expected values in the tests come
 * from the ISA (3.0B Book III 5.7, 7.5) and PAPR, not from the code under test. */
#ifndef MMU_FIXTURE_H
#define MMU_FIXTURE_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpu/insn.h"
#include "kvmppc/hcall.h"
#include "lib/kvm_internal.h"
#include "mmu/xlate.h"
#include "vm_fixture.h"

#define RAM_SIZE (8u << 20)

struct fx {
	struct kvm *vm;
	struct kvm_vcpu *v, *v1;
	struct ppc_cpu *c;
	uint8_t *ram;
};

static inline int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->vm = test_vm_create(RAM_SIZE, &f->ram);
	f->v = test_vcpu_create(f->vm, 0, true);
	f->v1 = test_vcpu_create(f->vm, 1, true);
	f->c = &f->v->cpu;
	f->c->cia = 0x700000;
	f->c->nia = 0x700004;
	*state = f;
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *f = *state;
	kvmppc_destroy_vm(f->vm);
	free(f->ram);
	free(f);
	return 0;
}

static inline void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static inline uint64_t get_be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Run one instruction word at cia; return the handler status. */
static inline int exec1(struct fx *f, uint32_t insn)
{
	f->c->nia = f->c->cia + 4;
	return cpu_execute_one(f->c, insn);
}

/* An hcall through the machine hook, as `sc 1` reaches it. */
static inline int64_t hcall(struct fx *f, uint64_t nr, uint64_t a4, uint64_t a5, uint64_t a6,
			    uint64_t a7)
{
	struct ppc_cpu *c = f->c;
	c->gpr[3] = nr;
	c->gpr[4] = a4;
	c->gpr[5] = a5;
	c->gpr[6] = a6;
	c->gpr[7] = a7;
	assert_int_equal(c->mach->hooks->hcall(c), PPC_OK);
	return (int64_t)c->gpr[3];
}

/* Can entry @e still hit? It is empty, or from before the last whole flush (epoch), or not. */
static inline bool tlb_live(const struct ppc_cpu *c, const struct ppc_tlb_entry *e)
{
	return e->tag && ((e->tag >> 4) & 0xff) == c->tlb.epoch;
}

#endif
