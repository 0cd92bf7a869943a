/* SPDX-License-Identifier: MIT */
/*
 * Guest memory access: translate, find the memslot, touch host memory or exit for MMIO.
 */
#include <string.h>

#include "kvmppc/uapi.h"
#include "mmu/mem.h"
#include "mmu/physmem.h"
#include "mmu/xlate.h"

uint8_t *mem_host_ptr(struct ppc_cpu *cpu, uint64_t real, unsigned len, int write)
{
	struct ppc_memslot *s = physmem_lookup(cpu->mach, real);
	if (!s || real + len - s->gpa > s->size)
		return NULL;
	if (write) {
		if (s->flags & KVM_MEM_READONLY)
			return NULL; /* KVM: a store to a read-only slot is an MMIO exit */
		physmem_mark_dirty(s, real);
	}
	physmem_mark_referenced(s, real);
	return s->host + (real - s->gpa);
}

int mem_translate(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint64_t *real,
		  int guest_visible)
{
	uint64_t reloc = access == ACCESS_FETCH ? MSR_IR : MSR_DR;
	if (!(cpu->msr & reloc)) {
		/* Real mode (ISA 3.0 Book III 5.7.3): the high-order 4 bits are ignored. */
		*real = ea & 0x0fffffffffffffffULL;
		return PPC_OK;
	}
	return mmu_xlate(cpu, ea, access, real, guest_visible);
}

/* One MMIO access of the current instruction: replayed from the log, or a new exit. */
static int mmio_access(struct ppc_cpu *cpu, uint64_t real, uint8_t *data, unsigned len,
		       int write)
{
	if (cpu->mmio_pos < cpu->mmio_count) {
		struct ppc_mmio_entry *e = &cpu->mmio_log[cpu->mmio_pos];
		if (e->phys_addr == real && e->len == len && e->is_write == write && e->done) {
			cpu->mmio_pos++;
			if (!write)
				memcpy(data, e->data, len);
			return PPC_OK;
		}
		/* The re-executed instruction took another path (its memory changed under
		 * it): forget the stale tail of the log and exit afresh. */
		cpu->mmio_count = cpu->mmio_pos;
	}
	if (cpu->mmio_count == PPC_MMIO_LOG_MAX) {
		cpu->run->exit_reason = KVM_EXIT_INTERNAL_ERROR;
		cpu->run->internal.suberror = KVM_INTERNAL_ERROR_EMULATION;
		cpu->run->internal.ndata = 1;
		cpu->run->internal.data[0] = cpu->cia;
		mem_mmio_reset(cpu);
		return PPC_EXIT;
	}
	struct ppc_mmio_entry *e = &cpu->mmio_log[cpu->mmio_count++];
	cpu->mmio_pos = cpu->mmio_count;
	memset(e, 0, sizeof(*e));
	e->phys_addr = real;
	e->len = (uint8_t)len;
	e->is_write = (uint8_t)write;
	/* A store is complete once the VMM has seen it; a load once it has answered. */
	e->done = (uint8_t)write;
	if (write)
		memcpy(e->data, data, len);

	/* The instruction runs again from the start when the VMM has answered. */
	cpu->nia = cpu->cia;
	struct kvm_run *run = cpu->run;
	run->exit_reason = KVM_EXIT_MMIO;
	run->mmio.phys_addr = real;
	run->mmio.len = len;
	run->mmio.is_write = (uint8_t)write;
	memset(run->mmio.data, 0, sizeof(run->mmio.data));
	if (write)
		memcpy(run->mmio.data, data, len);
	return PPC_EXIT;
}

/*
 * Real-address accesses for the caching-inhibited hypervisor loads and stores
 * (lbzcix..stdcix): no translation, no TLB; host memory, or MMIO in pieces of at most 8
 * bytes that never cross a page.
 */
static int access_real_bytes(struct ppc_cpu *cpu, uint64_t real, uint8_t *buf, unsigned len,
			     int write)
{
	while (len) {
		unsigned room = (unsigned)(PPC_PAGE_SIZE - (real & (PPC_PAGE_SIZE - 1)));
		unsigned n = len < room ? len : room;
		if (n > 8)
			n = 8;
		uint8_t *host = mem_host_ptr(cpu, real, n, write);
		if (host) {
			if (write)
				memcpy(host, buf, n);
			else
				memcpy(buf, host, n);
		} else {
			int st = mmio_access(cpu, real, buf, n, write);
			if (st != PPC_OK)
				return st;
		}
		real += n;
		buf += n;
		len -= n;
	}
	return PPC_OK;
}

int mem_load_real(struct ppc_cpu *cpu, uint64_t real, unsigned size, uint64_t *val)
{
	uint8_t b[8];
	int st = access_real_bytes(cpu, real, b, size, 0);
	if (st != PPC_OK)
		return st;
	*val = (cpu->msr & MSR_LE) ? ld_le(b, size) : ld_be(b, size);
	return PPC_OK;
}

int mem_store_real(struct ppc_cpu *cpu, uint64_t real, unsigned size, uint64_t val)
{
	uint8_t b[8];
	if (cpu->msr & MSR_LE)
		st_le(b, size, val);
	else
		st_be(b, size, val);
	return access_real_bytes(cpu, real, b, size, 1);
}

/* Copy within one page: host memory, or MMIO in pieces of at most 8 bytes. */
static int access_in_page(struct ppc_cpu *cpu, uint64_t ea, uint8_t *buf, unsigned len,
			  enum ppc_access access)
{
	uint64_t real;
	int st = mem_translate(cpu, ea, access, &real, 1);
	if (st != PPC_OK)
		return st;
	int write = access == ACCESS_STORE;
	uint8_t *host = mem_host_ptr(cpu, real, len, write);
	if (host) {
		if (write)
			memcpy(host, buf, len);
		else
			memcpy(buf, host, len);
		return PPC_OK;
	}
	for (unsigned off = 0; off < len; off += 8) {
		unsigned n = len - off < 8 ? len - off : 8;
		st = mmio_access(cpu, real + off, buf + off, n, write);
		if (st != PPC_OK)
			return st;
	}
	return PPC_OK;
}

static int access_bytes(struct ppc_cpu *cpu, uint64_t ea, uint8_t *buf, unsigned len,
			enum ppc_access access)
{
	while (len) {
		unsigned room = (unsigned)(PPC_PAGE_SIZE - (ea & (PPC_PAGE_SIZE - 1)));
		unsigned n = len < room ? len : room;
		int st = access_in_page(cpu, ea, buf, n, access);
		if (st != PPC_OK)
			return st;
		ea = cpu_ea(cpu, ea + n);
		buf += n;
		len -= n;
	}
	return PPC_OK;
}

int mem_read(struct ppc_cpu *cpu, uint64_t ea, void *buf, unsigned len)
{
	return access_bytes(cpu, ea, buf, len, ACCESS_LOAD);
}

int mem_write(struct ppc_cpu *cpu, uint64_t ea, const void *buf, unsigned len)
{
	uint8_t tmp[4096];
	if (len > sizeof(tmp))
		len = sizeof(tmp);
	memcpy(tmp, buf, len);
	return access_bytes(cpu, ea, tmp, len, ACCESS_STORE);
}

int mem_load(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint64_t *val)
{
	uint8_t b[8];
	int st = access_bytes(cpu, ea, b, size, ACCESS_LOAD);
	if (st != PPC_OK)
		return st;
	*val = (cpu->msr & MSR_LE) ? ld_le(b, size) : ld_be(b, size);
	return PPC_OK;
}

int mem_store(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint64_t val)
{
	uint8_t b[8];
	if (cpu->msr & MSR_LE)
		st_le(b, size, val);
	else
		st_be(b, size, val);
	return access_bytes(cpu, ea, b, size, ACCESS_STORE);
}

int mem_fetch_page(struct ppc_cpu *cpu, uint64_t ea, const uint8_t **host, uint64_t *real)
{
	int st = mem_translate(cpu, ea, ACCESS_FETCH, real, 1);
	if (st != PPC_OK)
		return st;
	*real &= ~(PPC_PAGE_SIZE - 1);
	const uint8_t *h = mem_host_ptr(cpu, *real, (unsigned)PPC_PAGE_SIZE, 0);
	if (!h) {
		/* Instruction fetch from a hole: machine check (pseries-machine.md 7). */
		return cpu_interrupt(cpu, EXCP_MACHINE_CHECK, 0);
	}
	*host = h;
	return PPC_OK;
}

void mem_flush_tlb(struct ppc_cpu *cpu)
{
	memset(&cpu->tlb, 0, sizeof(cpu->tlb));
}
