/* SPDX-License-Identifier: MIT */
/* CPU life cycle, models, and the MSR/XER write paths shared by all instructions. */
#include <errno.h>
#include <string.h>

#include "cpu/cpu.h"
#include "mmu/mem.h"
#include "spr/spr.h"

/*
 * Models by PVR (upper half = processor version): POWER8 (0x004d, and the 0x004b POWER8E
 * and 0x004c POWER8NVL variants) implements ISA 2.07B; POWER9 (0x004e) ISA 3.0B. The
 * model selects the SPR rows (SPR_P8 / SPR_P9, via cpu_model_p9()), and the instruction
 * level (INSN_ISA300 / INSN_ISA207_ONLY rows), which ONE_REG ARCH_COMPAT may lower.
 */
int cpu_set_model(struct ppc_cpu *cpu, uint32_t pvr)
{
	switch (pvr >> 16) {
	case PVR_POWER8 >> 16:
	case 0x004b: /* POWER8E */
	case 0x004c: /* POWER8NVL */
		cpu->isa = PPC_ISA_207;
		cpu->tm_avail = true;
		break;
	case PVR_POWER9 >> 16:
		/* POWER9 as hosts run it: no transactions (host kernels disable TM on POWER9,
		 * QEMU's cap-htm is off there, the device tree does not advertise it). MSR[TM]
		 * and the TM SPRs stay; MSR[TS] stays N and every tbegin. fails at once
		 * (cpu/tm.c, like ISA 3.1's synthetic TM). */
		cpu->isa = PPC_ISA_300;
		cpu->tm_avail = false;
		break;
	default:
		return -EINVAL;
	}
	/* ARCH_COMPAT with an ISA 2.07 (or older) level runs a POWER9 as ISA 2.07 (the PCR
	 * effect): the ISA 3.0 instructions become illegal; SPRs follow the hardware. */
	if (cpu->isa == PPC_ISA_300 && cpu->arch_compat && (cpu->arch_compat & 0xff) < 5)
		cpu->isa = PPC_ISA_207;
	cpu->pvr = pvr;
	cpu->spr[SPR_PVR] = pvr;
	if (!cpu->tm_avail && (cpu->msr & MSR_TS))
		cpu_set_msr(cpu, cpu->msr); /* a model without transactions: TS = N */
	return 0;
}

int cpu_init(struct ppc_cpu *cpu, uint32_t pvr, unsigned int id)
{
	struct ppc_machine *mach = cpu->mach;
	struct kvm_run *run = cpu->run;
	struct ppc_icache *ic = cpu->icache;
	void *owner = cpu->owner;
	void (*doorbell)(struct ppc_cpu *, uint32_t, unsigned, bool) = cpu->doorbell;
	memset(cpu, 0, sizeof(*cpu));
	cpu->doorbell = doorbell;
	cpu->mach = mach;
	cpu->run = run;
	cpu->icache = ic;
	cpu->owner = owner;
	/* Other vcpus queue invalidations here once this one is listed in the VM (the lock
	 * is destroyed with the vcpu: lib/ops.c vcpu_free). */
	pthread_mutex_init(&cpu->inval_q.lock, NULL);
	int r = cpu_set_model(cpu, pvr);
	if (r)
		return r;
	cpu->id = id;
	spr_reset(cpu);
	cpu_timer_reset(cpu);
	cpu->online = true;
	/* Interrupts enter 64-bit mode (ISA 3.0 Book III 7.5); LE follows LPCR[ILE]. */
	cpu->intr_msr = MSR_SF;
	cpu_set_msr(cpu, MSR_SF | MSR_ME);
	return 0;
}

void cpu_set_xer(struct ppc_cpu *cpu, uint64_t xer)
{
	cpu->so = (xer >> 31) & 1;
	cpu->ov = (xer >> 30) & 1;
	cpu->ca = (xer >> 29) & 1;
	cpu->ov32 = (xer >> 19) & 1;
	cpu->ca32 = (xer >> 18) & 1;
	cpu->xer_bc = xer & XER_BC;
	cpu->xer_rest = xer & ~(XER_SO | XER_OV | XER_CA | XER_OV32 | XER_CA32 | XER_BC) &
			0xffffffffULL;
}

static uint32_t facility_of(uint64_t msr)
{
	uint32_t f = 0;
	if (!(msr & MSR_PR)) {
		f |= FAC_PRIV;
		if (msr & MSR_HV)
			f |= FAC_HV;
	}
	if (msr & MSR_FP)
		f |= FAC_FP;
	if (msr & MSR_VEC)
		f |= FAC_VMX;
	if (msr & MSR_VSX)
		f |= FAC_VSX;
	return f;
}

void cpu_set_msr(struct ppc_cpu *cpu, uint64_t msr)
{
	if ((cpu->msr ^ msr) & (MSR_PR | MSR_HV))
		cpu_pmu_sync(cpu); /* the PMU's freeze conditions depend on the state */
	if (cpu->papr) {
		/* A PAPR guest never runs in hypervisor state and cannot clear ME. */
		msr &= ~MSR_HV;
		msr |= MSR_ME;
	}
	if (!cpu->tm_avail)
		msr &= ~MSR_TS; /* no transactions in this model */
	/* The footprint is tracked exactly in Transactional state and, after tsuspend., in
	 * Suspended state (cpu/tm.c); this also covers TS written from outside (set_msr). */
	if (PPC_UNLIKELY(msr & MSR_TS)) {
		if ((msr & MSR_TS) == MSR_TS_T && !cpu->tmx.live) {
			cpu->tmx.live = true;
			cpu->tmx.nlines = 0;
		}
	} else if (PPC_UNLIKELY(cpu->tmx.live)) {
		cpu->tmx.live = false;
		cpu->tmx.nlines = 0;
	}
	cpu->msr = msr;
	cpu->facility = facility_of(msr);
	mem_set_context(cpu); /* TLB entries are tagged with IR/DR/PR/HV: select them */
}
