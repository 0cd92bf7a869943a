/* SPDX-License-Identifier: MIT */
/*
 * PAPR hypercalls (`sc 1` from a PAPR guest in supervisor state). An hcall that is
 * implemented in the library and enabled for the VM is handled here; every other one
 * leaves vcpu_run with KVM_EXIT_PAPR_HCALL (nr = r3, args = r4..r12) for the VMM.
 */
#include "lib/kvm_internal.h"

/* The hcalls of this file: one row per hcall the library can service. */
static const struct papr_hcall_def papr_hcalls[] = {
	{0, NULL, NULL},
};

/* Every table of in-library hcalls; each ends with a NULL handler. */
static const struct papr_hcall_def *const papr_tables[] = {
	papr_hcalls,
	papr_mmu_hcalls,
};

static const struct papr_hcall_def *find_hcall(unsigned long nr)
{
	for (size_t t = 0; t < sizeof(papr_tables) / sizeof(papr_tables[0]); t++)
		for (const struct papr_hcall_def *d = papr_tables[t]; d->handler; d++)
			if (d->nr == nr)
				return d;
	return NULL;
}

int papr_hcall_implemented(unsigned long hcall)
{
	return find_hcall(hcall) != NULL;
}

static int hcall_enabled(const struct kvm *kvm, unsigned long nr)
{
	if (nr > KVMPPC_MAX_HCALL || (nr & 3))
		return 0;
	return (kvm->enabled_hcalls[nr / 4 / 64] >> (nr / 4 % 64)) & 1;
}

static int papr_hcall(struct ppc_cpu *cpu)
{
	struct kvm_vcpu *vcpu = vcpu_of(cpu);
	unsigned long nr = (unsigned long)cpu->gpr[3];
	const struct papr_hcall_def *d = hcall_enabled(vcpu->kvm, nr) ? find_hcall(nr) : NULL;
	if (d)
		return d->handler(vcpu);
	struct kvm_run *run = cpu->run;
	run->exit_reason = KVM_EXIT_PAPR_HCALL;
	run->papr_hcall.nr = cpu->gpr[3];
	run->papr_hcall.ret = 0;
	for (int i = 0; i < 9; i++)
		run->papr_hcall.args[i] = cpu->gpr[4 + i];
	return PPC_EXIT;
}

const struct ppc_machine_hooks kvmppc_machine_hooks = {
	.hcall = papr_hcall,
	.broadcast_tlb_flush = kvmppc_broadcast_tlb_flush,
};
