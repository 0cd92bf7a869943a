/* SPDX-License-Identifier: MIT */
/* Cache management and storage barriers (ISA 3.0 Book II 4.3, 4.4.3). */
#include <stdatomic.h>

#include "cpu/ldst.h"
#include "mmu/mem.h"

/* POWER8 and POWER9 data and instruction cache blocks are 128 bytes. */
#define CACHE_BLOCK 128u

/*
 * dcbst, dcbf (any L) and icbi (Book II 4.3.1, 4.3.2): there is no cache to write back
 * or invalidate, but the EA is translated as a load would be, so an unmapped or
 * inaccessible address raises the DSI the ISA specifies for these instructions. icbi
 * needs nothing more: the predecode cache checks every entry against the instruction
 * word in memory before using it (cpu/icache.h), so stores are seen without it.
 */
int insn_dcb_flush(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t real;
	return mem_translate(cpu, ldst_ea_x(cpu, insn), ACCESS_LOAD, &real, 1);
}

/*
 * dcbt, dcbtst (any TH, including the data-stream forms), icbt, dss, dssall: hints with
 * no architected effect; they never cause an interrupt (Book II 4.3.2).
 */
int insn_cache_hint(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return PPC_OK;
}

/*
 * dcbz (Book II 4.3.2): zero the 128-byte block containing EA, as a store (DSI on a
 * translation or protection fault). A block in a hole goes out as MMIO stores (16
 * doubleword exits). The alignment interrupt the ISA gives for caching-inhibited or
 * write-through storage is not raised: the storage attributes of a translation are not
 * visible here, and zeroing the block is what the guest meant.
 */
int insn_dcbz(struct ppc_cpu *cpu, uint32_t insn)
{
	static const uint8_t zero[CACHE_BLOCK];
	uint64_t ea = ldst_ea_x(cpu, insn) & ~(uint64_t)(CACHE_BLOCK - 1);
	return mem_write(cpu, ea, zero, CACHE_BLOCK);
}

/*
 * sync (Book II 4.4.3): L = 1 is lwsync (orders all but store -> load), every other L
 * (hwsync, ptesync, and the reserved values, which act as hwsync) is a full barrier. The
 * host fences order this vcpu's accesses to guest memory as other host threads (vcpus,
 * the VMM, devices) see them.
 */
int insn_sync(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	if (((insn >> 21) & 3) == 1)
		atomic_thread_fence(memory_order_acq_rel);
	else
		atomic_thread_fence(memory_order_seq_cst);
	return PPC_OK;
}

/*
 * eieio (Book II 4.4.3): orders stores to ordinary storage among themselves and accesses
 * to caching-inhibited storage; a release fence orders every earlier access before later
 * stores. MMIO accesses are already ordered, each being a synchronous exit. The form with
 * bit 6 set (0x7e0006ac, the STF barrier) is the same instruction.
 */
int insn_eieio(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	atomic_thread_fence(memory_order_release);
	return PPC_OK;
}

/*
 * isync (Book II 1.7.1): context synchronising. The row ends the block, so the run loop
 * refetches with the current MSR and translation. The acquire fence keeps the host from
 * performing later loads before earlier ones, which the larx/stcx./bne/isync and
 * load/cmp/bne/isync acquire idioms rely on.
 */
int insn_isync(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	atomic_thread_fence(memory_order_acquire);
	return PPC_OK;
}

/*
 * wait (ISA 3.0B Book II 4.6): WC = 0 suspends the thread until an exception is
 * pending (the vcpu thread sleeps: cpu_idle_enter), then execution resumes at the next
 * instruction, where an enabled interrupt is taken. WC != 0 is reserved in ISA 3.0 and
 * a pause hint in ISA 3.1 (pause_short, used by POWER10 kernels): a no-op.
 */
int insn_wait(struct ppc_cpu *cpu, uint32_t insn)
{
	if ((insn >> 21) & 3)
		return PPC_OK;
	return cpu_idle_enter(cpu, CPU_IDLE_WAIT);
}

/*
 * Copy-paste facility (ISA 3.0 Book II 4.4.4). The machine has no accelerator with a
 * paste address, so no paste can succeed: copy checks and translates its 128-byte
 * aligned source (alignment interrupt, DSI) but keeps nothing; paste. translates its
 * target the same way and reports failure in CR0 (0b00 || 0 || XER[SO]); cpabort has
 * nothing to abort.
 */
static int copy_paste_ea(struct ppc_cpu *cpu, uint32_t insn, enum ppc_access access)
{
	uint64_t ea = ldst_ea_x(cpu, insn), real;
	if (ea & (CACHE_BLOCK - 1))
		return ldst_alignment(cpu, insn, ea);
	return mem_translate(cpu, ea, access, &real, 1);
}

int insn_copy(struct ppc_cpu *cpu, uint32_t insn)
{
	return copy_paste_ea(cpu, insn, ACCESS_LOAD);
}

int insn_paste(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = copy_paste_ea(cpu, insn, ACCESS_STORE);
	if (st != PPC_OK)
		return st;
	cpu_set_crf(cpu, 0, cpu->so);
	return PPC_OK;
}

int insn_cpabort(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return PPC_OK;
}
