/* SPDX-License-Identifier: MIT */
/* The vcpu ioctls: create, registers, run, interrupt, kick. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kvm_internal.h"
#include "spr/spr.h"

int kvmppc_create_vcpu(struct kvm *kvm, unsigned int id, struct kvm_vcpu **out)
{
	if (!kvm || !out)
		return -EFAULT;
	if (id >= KVMPPC_MAX_VCPUS)
		return -EINVAL;
	pthread_mutex_lock(&kvm->lock);
	int r = 0;
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		if (kvm->vcpus[i]->vcpu_id == id)
			r = -EEXIST;
	struct kvm_vcpu *v = NULL;
	if (!r) {
		v = kvm->ops->vcpu_create(kvm, id);
		if (KVMPPC_IS_ERR(v))
			r = (int)KVMPPC_PTR_ERR(v);
	}
	if (!r) {
		/* Running vcpus read the list under the map lock (hcalls, doorbells, tlbie
		 * broadcasts), so it changes only under the map write lock. */
		kvm_map_write_lock(kvm);
		struct kvm_vcpu **grown = realloc(kvm->vcpus, (kvm->nvcpus + 1) * sizeof(*grown));
		if (grown) {
			kvm->vcpus = grown;
			kvm->vcpus[kvm->nvcpus++] = v;
			atomic_store(&kvm->mach.clock.vcpus, kvm->nvcpus);
			*out = v;
		}
		kvm_map_write_unlock(kvm);
		if (!grown) {
			kvm->ops->vcpu_free(v);
			r = -ENOMEM;
		}
	}
	pthread_mutex_unlock(&kvm->lock);
	return r;
}

struct kvm_run *kvmppc_vcpu_run_struct(struct kvm_vcpu *vcpu)
{
	return vcpu ? &vcpu->run : NULL;
}

unsigned int kvmppc_vcpu_id(const struct kvm_vcpu *vcpu)
{
	return vcpu->vcpu_id;
}

struct kvm *kvmppc_vcpu_kvm(struct kvm_vcpu *vcpu)
{
	return vcpu->kvm;
}

uint64_t kvmppc_vcpu_instructions(const struct kvm_vcpu *vcpu)
{
	return vcpu->cpu.icount;
}

int kvmppc_get_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs)
{
	if (!vcpu || !regs)
		return -EFAULT;
	const struct ppc_cpu *c = &vcpu->cpu;
	memset(regs, 0, sizeof(*regs));
	regs->pc = c->nia;
	regs->cr = c->cr;
	regs->ctr = c->ctr;
	regs->lr = c->lr;
	regs->xer = cpu_get_xer(c);
	regs->msr = c->msr;
	regs->srr0 = c->spr[SPR_SRR0];
	regs->srr1 = c->spr[SPR_SRR1];
	regs->pid = c->spr[48]; /* PIDR */
	regs->sprg0 = c->spr[SPR_SPRG0];
	regs->sprg1 = c->spr[SPR_SPRG1];
	regs->sprg2 = c->spr[SPR_SPRG2];
	regs->sprg3 = c->spr[SPR_SPRG3];
	regs->sprg4 = c->spr[276];
	regs->sprg5 = c->spr[277];
	regs->sprg6 = c->spr[278];
	regs->sprg7 = c->spr[279];
	memcpy(regs->gpr, c->gpr, sizeof(regs->gpr));
	return 0;
}

int kvmppc_set_regs(struct kvm_vcpu *vcpu, const struct kvm_regs *regs)
{
	if (!vcpu || !regs)
		return -EFAULT;
	struct ppc_cpu *c = &vcpu->cpu;
	c->nia = regs->pc;
	c->cr = (uint32_t)regs->cr;
	c->ctr = regs->ctr;
	c->lr = regs->lr;
	cpu_set_xer(c, regs->xer);
	vcpu->kvm->ops->set_msr(vcpu, regs->msr);
	c->spr[SPR_SRR0] = regs->srr0;
	c->spr[SPR_SRR1] = regs->srr1;
	c->spr[SPR_SPRG0] = regs->sprg0;
	c->spr[SPR_SPRG1] = regs->sprg1;
	c->spr[SPR_SPRG2] = regs->sprg2;
	c->spr[SPR_SPRG3] = regs->sprg3;
	c->spr[276] = regs->sprg4;
	c->spr[277] = regs->sprg5;
	c->spr[278] = regs->sprg6;
	c->spr[279] = regs->sprg7;
	memcpy(c->gpr, regs->gpr, sizeof(c->gpr));
	return 0;
}

int kvmppc_get_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	if (!vcpu || !sregs)
		return -EFAULT;
	return vcpu->kvm->ops->get_sregs(vcpu, sregs);
}

int kvmppc_set_sregs(struct kvm_vcpu *vcpu, const struct kvm_sregs *sregs)
{
	if (!vcpu || !sregs)
		return -EFAULT;
	struct kvm_sregs copy = *sregs; /* the op's signature is not const */
	return vcpu->kvm->ops->set_sregs(vcpu, &copy);
}

int kvmppc_get_fpu(struct kvm_vcpu *vcpu, struct kvm_fpu *fpu)
{
	(void)vcpu;
	(void)fpu;
	return -524; /* ENOTSUPP, as Book3S KVM: use ONE_REG */
}

int kvmppc_set_fpu(struct kvm_vcpu *vcpu, const struct kvm_fpu *fpu)
{
	(void)vcpu;
	(void)fpu;
	return -524;
}

static unsigned one_reg_size(uint64_t id)
{
	return 1u << ((id >> 52) & 0xf);
}

/* The checks both ONE_REG ioctls make; the register's size in bytes, or a negative errno. */
static int one_reg_check(const struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	if (!vcpu || !reg || !reg->addr)
		return -EFAULT;
	unsigned size = one_reg_size(reg->id);
	if (size > sizeof(union kvmppc_one_reg))
		return -EINVAL;
	return (int)size;
}

int kvmppc_get_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	int size = one_reg_check(vcpu, reg);
	if (size < 0)
		return size;
	union kvmppc_one_reg val;
	memset(&val, 0, sizeof(val));
	int r = vcpu->kvm->ops->get_one_reg(vcpu, reg->id, &val);
	if (r)
		return r;
	memcpy((void *)(uintptr_t)reg->addr, &val, size);
	return 0;
}

int kvmppc_set_one_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	int size = one_reg_check(vcpu, reg);
	if (size < 0)
		return size;
	union kvmppc_one_reg val;
	memset(&val, 0, sizeof(val));
	memcpy(&val, (const void *)(uintptr_t)reg->addr, size);
	return vcpu->kvm->ops->set_one_reg(vcpu, reg->id, &val);
}

int kvmppc_vcpu_enable_cap(struct kvm_vcpu *vcpu, const struct kvm_enable_cap *cap)
{
	if (!vcpu || !cap)
		return -EFAULT;
	if (cap->flags)
		return -EINVAL;
	switch (cap->cap) {
	case 68: /* KVM_CAP_PPC_PAPR */
		vcpu->cpu.papr = true;
		cpu_set_msr(&vcpu->cpu, vcpu->cpu.msr);
		return 0;
	case 52: /* KVM_CAP_PPC_OSI */
		vcpu->osi_enabled = true;
		return 0;
	default:
		return -EINVAL;
	}
}

int kvmppc_interrupt(struct kvm_vcpu *vcpu, const struct kvm_interrupt *irq)
{
	if (!vcpu || !irq)
		return -EFAULT;
	struct ppc_cpu *c = &vcpu->cpu;
	switch (irq->irq) {
	case KVM_INTERRUPT_SET:
		c->pending_edge |= PENDING_EXTERNAL;
		atomic_fetch_or(&c->pending, PENDING_EXTERNAL);
		break;
	case KVM_INTERRUPT_SET_LEVEL:
		c->pending_edge &= ~PENDING_EXTERNAL;
		atomic_fetch_or(&c->pending, PENDING_EXTERNAL);
		break;
	case KVM_INTERRUPT_UNSET:
		atomic_fetch_and(&c->pending, ~PENDING_EXTERNAL);
		break;
	default:
		return -EINVAL;
	}
	vcpu->kvm->ops->fast_vcpu_kick(vcpu);
	return 0;
}

void kvmppc_kick(struct kvm_vcpu *vcpu)
{
	if (vcpu) {
		atomic_fetch_or(&vcpu->cpu.attention, ATTN_KICK);
		vcpu->kvm->ops->fast_vcpu_kick(vcpu);
	}
}

/* Complete the previous exit from what the VMM wrote into kvm_run (powerpc.c's job). */
static void complete_exit(struct kvm_vcpu *vcpu)
{
	struct ppc_cpu *c = &vcpu->cpu;
	struct kvm_run *run = &vcpu->run;
	if (vcpu->hcall_pending) {
		vcpu->hcall_pending = false;
		c->gpr[3] = run->papr_hcall.ret;
		for (int i = 0; i < 9; i++)
			c->gpr[4 + i] = run->papr_hcall.args[i];
	}
	if (c->mmio_count) {
		struct ppc_mmio_entry *e = &c->mmio_log[c->mmio_count - 1];
		if (!e->is_write && !e->done) {
			memcpy(e->data, run->mmio.data, e->len);
			e->done = 1;
		}
	}
}

int kvmppc_run(struct kvm_vcpu *vcpu)
{
	if (!vcpu)
		return -EFAULT;
	struct kvm_run *run = &vcpu->run;
	complete_exit(vcpu);
	if (run->immediate_exit) {
		run->exit_reason = KVM_EXIT_INTR;
		return -EINTR;
	}
	const struct kvmppc_ops *ops = vcpu->kvm->ops;
	ops->vcpu_load(vcpu, 0);
	int r = ops->vcpu_run(run, vcpu);
	ops->vcpu_put(vcpu);
	/* The op returns RESUME_HOST (2) like the kernel's; KVM_RUN reports success as 0. */
	return r < 0 ? r : 0;
}

int kvmppc_set_guest_debug(struct kvm_vcpu *vcpu, const struct kvm_guest_debug *dbg)
{
	if (!vcpu || !dbg)
		return -EFAULT;
	if (dbg->control & ~(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP))
		return -EINVAL; /* software/hardware breakpoints: not built */
	vcpu->cpu.single_step = (dbg->control & KVM_GUESTDBG_ENABLE) &&
				(dbg->control & KVM_GUESTDBG_SINGLESTEP);
	return 0;
}
