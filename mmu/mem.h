/* SPDX-License-Identifier: MIT */
/*
 * Guest memory access for instruction handlers: translation (real mode, hash, radix),
 * soft TLB, memslots, dirty/referenced tracking, MMIO exits.
 *
 * All functions return PPC_OK, PPC_EXC (an interrupt such as DSI/ISI/DSEG/alignment/
 * machine check was delivered) or PPC_EXIT (KVM_EXIT_MMIO prepared in cpu->run).
 *
 * MMIO replay. An access to a guest real address outside every memslot (or a store to a
 * read-only slot) cannot complete inside the library: the access is recorded in the
 * vcpu's replay log, KVM_EXIT_MMIO is prepared, and the handler returns PPC_EXIT. When
 * the VMM runs the vcpu again (with the load data in kvm_run.mmio.data), the instruction
 * is executed again from the start; its first k MMIO accesses are answered from the log
 * (loads get the VMM's data, stores are not emitted again) and the next one exits. So
 * every load/store form (update, byte-reversed, FP, vector, multiple) completes correctly
 * with one mechanism, provided handlers do all memory accesses before writing registers.
 */
#ifndef KVMPPC_MEM_H
#define KVMPPC_MEM_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "mmu/byteorder.h"

enum ppc_access {
	ACCESS_LOAD = 0,
	ACCESS_STORE = 1,
	ACCESS_FETCH = 2,
};

/**
 * mem_load() - load @size (1, 2, 4 or 8) bytes at @ea in the current byte order
 * (MSR[LE]), zero-extended into *@val. Any alignment; page-crossing accesses are split.
 */
PPC_MUST_CHECK int mem_load(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint64_t *val);

/** mem_store() - store the low @size bytes of @val at @ea in the current byte order. */
PPC_MUST_CHECK int mem_store(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint64_t val);

/**
 * mem_read()/mem_write() - copy @len (<= 4096) bytes between guest memory at @ea and
 * @buf in memory order, no byte swapping (vectors, dcbz, string instructions).
 */
PPC_MUST_CHECK int mem_read(struct ppc_cpu *cpu, uint64_t ea, void *buf, unsigned len);
PPC_MUST_CHECK int mem_write(struct ppc_cpu *cpu, uint64_t ea, const void *buf, unsigned len);

/**
 * mem_load_real()/mem_store_real() - like mem_load()/mem_store() at real address @real,
 * without translation (the caching-inhibited hypervisor forms lbzcix..stdcix).
 */
PPC_MUST_CHECK int mem_load_real(struct ppc_cpu *cpu, uint64_t real, unsigned size,
				 uint64_t *val);
PPC_MUST_CHECK int mem_store_real(struct ppc_cpu *cpu, uint64_t real, unsigned size,
				  uint64_t val);

/**
 * mem_fetch_page() - translate @ea for instruction fetch. On PPC_OK, *@host is the host
 * address of the 4 KiB page containing @ea and *@real its guest real address. Fetch from
 * a hole raises a machine check (pseries: no instruction fetch from MMIO space).
 */
PPC_MUST_CHECK int mem_fetch_page(struct ppc_cpu *cpu, uint64_t ea, const uint8_t **host,
				  uint64_t *real);

/**
 * mem_translate() - translate @ea for @access without touching memory (dcbz alignment,
 * larx/stcx., load_from_eaddr). On PPC_OK *@real is the real address. With
 * @guest_visible false no interrupt is delivered and a fault returns -ENOENT (no
 * translation), -EPERM (protection or key), -ENOEXEC (fetch from no-execute) or -EINVAL
 * (no segment / outside the radix tree).
 */
int mem_translate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint64_t *real,
		  int guest_visible);

/**
 * mem_host_ptr() - the host address of real address @real for @len bytes within one page,
 * or NULL for a hole (MMIO). @write selects store semantics (read-only slots give NULL,
 * dirty bit set). Caller holds the map lock (vcpu running).
 */
uint8_t *mem_host_ptr(struct ppc_cpu *cpu, uint64_t real, unsigned len, int write);

/** mem_mmio_reset() - forget the replay log (the instruction completed or faulted). */
static inline void mem_mmio_reset(struct ppc_cpu *cpu)
{
	cpu->mmio_count = 0;
	cpu->mmio_pos = 0;
}

/** mem_flush_tlb() - drop every cached translation of this vcpu. */
void mem_flush_tlb(struct ppc_cpu *cpu);
/** tlb_remote_ack() - apply pending remote requests (ATTN_TLB_REMOTE): a whole flush for
 * ATTN_TLB_FLUSH or a full queue, else the invalidations other vcpus queued; then publish
 * the invalidation generation this covers in cpu->inval_ack (mmu/tlb.c). */
void tlb_remote_ack(struct ppc_cpu *cpu);
/** tlb_set_running() - the vcpu enters (@on) or leaves cpu_run; entering applies what
 * other vcpus broadcast while it was out (they did not wait for it). */
void tlb_set_running(struct ppc_cpu *cpu, int on);

/**
 * mem_set_context() - the MSR's IR/DR/PR/HV changed: select the TLB entries of the new
 * translation context (entries are tagged with it, so nothing is dropped).
 */
void mem_set_context(struct ppc_cpu *cpu);

#endif /* KVMPPC_MEM_H */
