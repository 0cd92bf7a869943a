/* SPDX-License-Identifier: MIT */
/*
 * A minimal XICS presentation layer: per-server CPPR, MFRR and XISR, with IPIs as source 2
 * (pseries-machine.md section 5). The external interrupt line of a vcpu is raised while
 * its XISR is non-zero (level), through KVM_INTERRUPT.
 */
#include <kvmppc/hcall.h>

#include "machine.h"

#define XICS_IPI 2

/* Re-evaluate what server @s presents. Caller holds m->lock. */
static void xics_update(struct machine *m, unsigned s)
{
	struct machine_vcpu *c = &m->cpu[s];
	if (c->xisr == 0 && c->mfrr < c->cppr) {
		c->xisr = XICS_IPI;
		c->pending_prio = c->mfrr;
	}
	struct kvm_interrupt irq = {.irq = c->xisr ? KVM_INTERRUPT_SET_LEVEL : KVM_INTERRUPT_UNSET};
	kvmppc_interrupt(c->vcpu, &irq);
}

void xics_resync(struct machine *m)
{
	pthread_mutex_lock(&m->lock);
	for (unsigned i = 0; i < m->nvcpus; i++)
		xics_update(m, i);
	pthread_mutex_unlock(&m->lock);
}

uint64_t xics_hcall(struct machine *m, unsigned cpu, uint64_t nr, uint64_t *args)
{
	uint64_t rc = H_SUCCESS;
	pthread_mutex_lock(&m->lock);
	struct machine_vcpu *c = &m->cpu[cpu];
	switch (nr) {
	case H_XIRR:
	case H_XIRR_X:
		args[0] = ((uint64_t)c->cppr << 24) | c->xisr;
		if (c->xisr) {
			c->cppr = c->pending_prio;
			c->xisr = 0;
		}
		xics_update(m, cpu);
		break;
	case H_EOI:
		c->cppr = (uint8_t)(args[0] >> 24);
		xics_update(m, cpu);
		break;
	case H_CPPR:
		c->cppr = (uint8_t)args[0];
		if (c->xisr && c->pending_prio >= c->cppr)
			c->xisr = 0; /* withdrawn; an IPI stays in MFRR */
		xics_update(m, cpu);
		break;
	case H_IPI:
		if (args[0] >= m->nvcpus) {
			rc = (uint64_t)H_PARAMETER;
			break;
		}
		m->cpu[args[0]].mfrr = (uint8_t)args[1];
		xics_update(m, (unsigned)args[0]);
		break;
	case H_IPOLL: {
		if (args[0] >= m->nvcpus) {
			rc = (uint64_t)H_PARAMETER;
			break;
		}
		const struct machine_vcpu *t = &m->cpu[args[0]];
		args[0] = ((uint64_t)t->cppr << 24) | t->xisr;
		args[1] = t->mfrr;
		break;
	}
	default:
		rc = (uint64_t)H_FUNCTION;
	}
	pthread_mutex_unlock(&m->lock);
	return rc;
}
