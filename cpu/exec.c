/* SPDX-License-Identifier: MIT */
/*
 * The run loop. The outer loop translates nia to a host code page and handles everything
 * asynchronous (kicks, interrupts, TLB flush requests); the inner loop executes
 * predecoded instructions from that page until a block ends (a taken branch, an
 * instruction flagged INSN_ENDS_BLOCK, the end of the page, or the budget).
 */
#include <errno.h>
#include <string.h>

#include "cpu/icache.h"
#include "cpu/tm.h"
#include "mmu/mem.h"
#include "mmu/physmem.h"

/* Instructions between two looks at cpu->attention when the code never branches. */
#define BLOCK_BUDGET 1024

static int facility_fault(struct ppc_cpu *cpu, uint32_t missing)
{
	/* Order per ISA 3.0 Book III 7.5: privilege first, then the facilities. */
	if (missing & INSN_NEED_PRIV)
		return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_PRIV);
	if (missing & INSN_NEED_HV) {
		if (cpu->msr & MSR_PR)
			return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_PRIV);
		return cpu_interrupt(cpu, EXCP_HEAI, 0);
	}
	if (missing & INSN_NEED_FP)
		return cpu_interrupt(cpu, EXCP_FP_UNAVAIL, 0);
	if (missing & INSN_NEED_VMX)
		return cpu_interrupt(cpu, EXCP_VMX_UNAVAIL, 0);
	return cpu_interrupt(cpu, EXCP_VSX_UNAVAIL, 0);
}

static inline int execute(struct ppc_cpu *cpu, const struct ppc_op *op)
{
	cpu->cia = cpu->nia;
	cpu->nia = cpu_ea(cpu, cpu->cia + 4);
	uint32_t missing = op->flags & INSN_NEED_MASK & ~cpu->facility;
	if (PPC_UNLIKELY(missing))
		return facility_fault(cpu, missing);
	const uint64_t msr = cpu->msr; /* trace is decided by the MSR the insn ran under */
	int st = op->fn(cpu, op->insn);
	if (PPC_LIKELY(st == PPC_OK)) {
		cpu->icount++;
		if (PPC_UNLIKELY(msr & (MSR_SE | MSR_BE)))
			st = cpu_trace(cpu, msr, op->insn);
	}
	return st;
}

int cpu_execute_decoded(struct ppc_cpu *cpu, uint32_t insn, const struct ppc_insn_def *d)
{
	struct ppc_op op = {
		.fn = d ? d->exec : insn_illegal,
		.insn = insn,
		.flags = d ? d->flags : 0,
	};
	cpu->nia = cpu->cia;
	return execute(cpu, &op);
}

int cpu_execute_one(struct ppc_cpu *cpu, uint32_t insn)
{
	return cpu_execute_decoded(cpu, insn, ppc_decode(insn, cpu->isa));
}

/* Handle cpu->attention. Return PPC_OK to go on, -EINTR to return to the caller. */
static int attend(struct ppc_cpu *cpu)
{
	uint32_t a = atomic_load_explicit(&cpu->attention, memory_order_acquire);
	if (a & ATTN_INTERRUPT) /* only a hint: cpu->pending is examined right after */
		atomic_fetch_and(&cpu->attention, ~ATTN_INTERRUPT);
	if (a & ATTN_TLB_REMOTE)
		tlb_remote_ack(cpu); /* before ATTN_MAP_WAIT: a tlbsync may wait for it */
	if (a & ATTN_MAP_WAIT) {
		atomic_fetch_and(&cpu->attention, ~ATTN_MAP_WAIT);
		return -EAGAIN;
	}
	if (a & ATTN_KICK) {
		atomic_fetch_and(&cpu->attention, ~ATTN_KICK);
		return -EINTR;
	}
	return PPC_OK;
}

/* Execute the instruction at nia alone; used to finish one whose MMIO access exited. */
static int step_one(struct ppc_cpu *cpu)
{
	const uint8_t *page;
	uint64_t real;
	int st = mem_fetch_page(cpu, cpu->nia, &page, &real);
	if (st != PPC_OK)
		return st;
	struct ppc_op op;
	uint32_t raw;
	memcpy(&raw, page + (cpu->nia & (PPC_PAGE_SIZE - 1)), 4);
	icache_decode(cpu, &op, raw, (cpu->msr & MSR_LE) != 0);
	return execute(cpu, &op);
}

static int run_loop(struct ppc_cpu *cpu);

int cpu_run(struct ppc_cpu *cpu)
{
	cpu_clock_enter(cpu);
	int st = run_loop(cpu);
	cpu_clock_leave(cpu); /* the VMM and other vcpus see this vcpu's time */
	if (PPC_UNLIKELY(cpu->tmx.live))
		tm_leave(cpu); /* the VMM only ever sees architected state */
	return st;
}

static int run_loop(struct ppc_cpu *cpu)
{
	int st;
	if (cpu->mmio_count) {
		/* Re-execute the instruction whose MMIO access the VMM has just completed. */
		cpu->mmio_pos = 0;
		st = step_one(cpu);
		if (st == PPC_EXIT)
			return st;
		mem_mmio_reset(cpu);
		if (PPC_UNLIKELY(cpu->single_step)) {
			cpu->run->exit_reason = KVM_EXIT_DEBUG;
			cpu->run->debug.arch.address = cpu->cia;
			cpu->run->debug.arch.status = KVMPPC_DEBUG_NONE;
			return PPC_EXIT;
		}
	}
	for (;;) {
		if (PPC_UNLIKELY(atomic_load_explicit(&cpu->attention, memory_order_relaxed))) {
			st = attend(cpu);
			if (st != PPC_OK)
				return st;
		}
		if (PPC_UNLIKELY(cpu->icount >= cpu->timer_icount))
			cpu_timer_poll(cpu); /* DEC/HDEC expiry, PMC overflow: a cheap compare */
		if (PPC_UNLIKELY(cpu->idle)) { /* stop/wait: still asleep, or wake up now */
			st = cpu_idle_resume(cpu);
			if (st == PPC_EXIT)
				return st;
		}
		if (PPC_UNLIKELY(atomic_load_explicit(&cpu->pending, memory_order_relaxed)))
			(void)cpu_check_async(cpu);

		if (PPC_UNLIKELY(cpu->single_step)) {
			/* One instruction (or the interrupt it raises), then KVM_EXIT_DEBUG with
			 * the address of the instruction that ran (KVM_GUESTDBG_SINGLESTEP). */
			uint64_t pc = cpu->nia;
			st = step_one(cpu);
			if (st == PPC_EXIT)
				return st;
			cpu->run->exit_reason = KVM_EXIT_DEBUG;
			cpu->run->debug.arch.address = pc;
			cpu->run->debug.arch.status = KVMPPC_DEBUG_NONE;
			return PPC_EXIT;
		}
		const uint8_t *page;
		uint64_t real;
		st = mem_fetch_page(cpu, cpu->nia, &page, &real);
		if (st == PPC_EXIT)
			return st;
		if (st != PPC_OK)
			continue;
		struct ppc_icache_page *ip = icache_page(cpu->icache, real);
		if (PPC_UNLIKELY(!ip)) {
			st = step_one(cpu); /* no memory for a predecode page: go slowly */
			if (st == PPC_EXIT)
				return st;
			continue;
		}
		const uint64_t page_ea = cpu->nia & ~(PPC_PAGE_SIZE - 1);
		const int le = (cpu->msr & MSR_LE) != 0;
		for (unsigned budget = BLOCK_BUDGET; budget; budget--) {
			uint64_t off = cpu->nia - page_ea;
			if (off >= PPC_PAGE_SIZE)
				break; /* fell off the page or branched out of it */
			struct ppc_op *op = &ip->ops[off >> 2];
			uint32_t raw;
			memcpy(&raw, page + off, 4);
			if (PPC_UNLIKELY(op->raw != raw || !op->fn || op->le != le))
				icache_decode(cpu, op, raw, le);
			st = execute(cpu, op);
			if (PPC_UNLIKELY(st != PPC_OK)) {
				if (st == PPC_EXIT)
					return st;
				break; /* interrupt: re-translate at the vector */
			}
			if (op->flags & INSN_ENDS_BLOCK)
				break;
		}
	}
}
