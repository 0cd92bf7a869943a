/* SPDX-License-Identifier: MIT */
/*
 * Guest memory access: soft-TLB hit (fast path), else translate, find the memslot, fill
 * the TLB, touch host memory or exit for MMIO.
 */
#include <string.h>

#include "cpu/tm.h"
#include "kvmppc/uapi.h"
#include "mmu/mem.h"
#include "mmu/physmem.h"
#include "mmu/xlate.h"

#define PAGE_OFF (PPC_PAGE_SIZE - 1)

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

void mem_set_context(struct ppc_cpu *cpu)
{
	tlb_retag(cpu);
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

/*
 * The TLB-miss path: translate @ea, find its host page, and cache the translation when
 * the page is RAM (for stores: a writable slot; mem_host_ptr has marked the page dirty,
 * so a later store hit needs no dirty-log work until the log is read and the TLB flushed).
 * *@host is the host address of the byte at @ea, or NULL for MMIO.
 */
static int tlb_miss(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access, uint8_t **host,
		    uint64_t *real)
{
	struct mmu_xlate_res r;
	uint64_t reloc = access == ACCESS_FETCH ? MSR_IR : MSR_DR;
	if (!(cpu->msr & reloc)) {
		r.real = ea & 0x0fffffffffffffffULL;
		r.key = TLB_KEY_REAL;
	} else {
		int st = mmu_xlate_res(cpu, ea, access, &r, 1);
		if (st != PPC_OK)
			return st;
	}
	uint64_t rpage = r.real & ~PAGE_OFF;
	uint8_t *h = mem_host_ptr(cpu, rpage, (unsigned)PPC_PAGE_SIZE, access == ACCESS_STORE);
	if (h) {
		tlb_fill(cpu, access, ea, h, rpage, r.key);
		h += r.real & PAGE_OFF;
	}
	*host = h;
	*real = r.real;
	return PPC_OK;
}

/* The TLB entry of @ea's page if its translation is cached, else NULL. */
static inline const struct ppc_tlb_entry *tlb_hit_entry(struct ppc_cpu *cpu, uint64_t ea,
							 enum ppc_access access)
{
	const struct ppc_tlb_entry *arr = access == ACCESS_LOAD ? cpu->tlb.load
					  : access == ACCESS_STORE ? cpu->tlb.store : cpu->tlb.fetch;
	uint64_t ctx = access == ACCESS_FETCH ? cpu->tlb.ctx_fetch : cpu->tlb.ctx_fill;
	const struct ppc_tlb_entry *e = &arr[(ea >> PPC_PAGE_SHIFT) & (PPC_TLB_SIZE - 1)];
	return e->tag == ((ea & ~PAGE_OFF) | ctx) ? e : NULL;
}

/* The host address of the byte at @ea if its page's translation is cached, else NULL. */
static inline uint8_t *tlb_hit(struct ppc_cpu *cpu, uint64_t ea, enum ppc_access access)
{
	const struct ppc_tlb_entry *e = tlb_hit_entry(cpu, ea, access);
	return e ? e->host + (ea & PAGE_OFF) : NULL;
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
	if (PPC_UNLIKELY(cpu->tmx.live)) {
		int st = tm_access(cpu, NULL, real, buf, len, write); /* caching inhibited */
		if (st != TM_NORMAL)
			return st;
	}
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

/* The copy of a translated access: to or from @host memory, or (@host NULL) MMIO at
 * @real in pieces of at most 8 bytes. */
static int access_in_page_at(struct ppc_cpu *cpu, uint8_t *host, uint64_t real,
			     uint8_t *buf, unsigned len, int write)
{
	if (host) {
		if (write)
			memcpy(host, buf, len);
		else
			memcpy(buf, host, len);
		return PPC_OK;
	}
	for (unsigned off = 0; off < len; off += 8) {
		unsigned n = len - off < 8 ? len - off : 8;
		int st = mmio_access(cpu, real + off, buf + off, n, write);
		if (st != PPC_OK)
			return st;
	}
	return PPC_OK;
}

/*
 * access_in_page() while a transaction's footprint is tracked (cpu/tm.c; the data fast
 * paths always miss then): translate, then let tm_access() buffer or check the access.
 * Kept out of line so that the ordinary paths compile as before.
 */
static __attribute__((noinline, cold)) int access_in_page_tm(struct ppc_cpu *cpu, uint64_t ea,
							     uint8_t *buf, unsigned len,
							     enum ppc_access access)
{
	uint64_t real = 0;
	uint8_t *host;
	const struct ppc_tlb_entry *e = tlb_hit_entry(cpu, ea, access);
	if (e) {
		host = e->host + (ea & PAGE_OFF);
		real = e->real + (ea & PAGE_OFF);
	} else {
		int st = tlb_miss(cpu, ea, access, &host, &real);
		if (st != PPC_OK)
			return st;
	}
	int write = access == ACCESS_STORE;
	int st = tm_access(cpu, host, real, buf, len, write);
	if (st != TM_NORMAL)
		return st;
	return access_in_page_at(cpu, host, real, buf, len, write);
}

/* Copy within one page: host memory, or MMIO in pieces of at most 8 bytes. */
static int access_in_page(struct ppc_cpu *cpu, uint64_t ea, uint8_t *buf, unsigned len,
			  enum ppc_access access)
{
	if (PPC_UNLIKELY(cpu->tmx.live) && access != ACCESS_FETCH)
		return access_in_page_tm(cpu, ea, buf, len, access);
	uint64_t real = 0;
	uint8_t *host = tlb_hit(cpu, ea, access);
	if (!host) {
		int st = tlb_miss(cpu, ea, access, &host, &real);
		if (st != PPC_OK)
			return st;
	}
	return access_in_page_at(cpu, host, real, buf, len, access == ACCESS_STORE);
}

static int access_bytes(struct ppc_cpu *cpu, uint64_t ea, uint8_t *buf, unsigned len,
			enum ppc_access access)
{
	while (len) {
		unsigned room = (unsigned)(PPC_PAGE_SIZE - (ea & PAGE_OFF));
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

/* Constant-size byte assembly, so compilers emit one (byte-swapping) load or store. */
/*
 * The TLB-hit accessors: one host load or store of the access size and at most one byte
 * swap where the compiler says which byte order the host has (GCC and Clang define
 * __BYTE_ORDER__); elsewhere the portable byte loops of byteorder.h.
 */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HOST_ORDER_KNOWN 1
#define HOST_LE 1
#elif defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
	__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_ORDER_KNOWN 1
#define HOST_LE 0
#else
#define HOST_ORDER_KNOWN 0
#define HOST_LE 0
#endif

static inline uint64_t ld_sized(const uint8_t *p, unsigned size, int le)
{
#if HOST_ORDER_KNOWN
	const int swap = le != HOST_LE;
	switch (size) {
	case 1: return p[0];
	case 2: { uint16_t v; memcpy(&v, p, 2); return swap ? bswap16(v) : v; }
	case 4: { uint32_t v; memcpy(&v, p, 4); return swap ? bswap32(v) : v; }
	default: { uint64_t v; memcpy(&v, p, 8); return swap ? bswap64(v) : v; }
	}
#else
	switch (size) {
	case 1: return p[0];
	case 2: return le ? ld_le(p, 2) : ld_be(p, 2);
	case 4: return le ? ld_le(p, 4) : ld_be(p, 4);
	default: return le ? ld_le(p, 8) : ld_be(p, 8);
	}
#endif
}

static inline void st_sized(uint8_t *p, unsigned size, uint64_t v, int le)
{
#if HOST_ORDER_KNOWN
	const int swap = le != HOST_LE;
	switch (size) {
	case 1: p[0] = (uint8_t)v; break;
	case 2: { uint16_t x = swap ? bswap16((uint16_t)v) : (uint16_t)v; memcpy(p, &x, 2); break; }
	case 4: { uint32_t x = swap ? bswap32((uint32_t)v) : (uint32_t)v; memcpy(p, &x, 4); break; }
	default: { uint64_t x = swap ? bswap64(v) : v; memcpy(p, &x, 8); break; }
	}
#else
	switch (size) {
	case 1: p[0] = (uint8_t)v; break;
	case 2: if (le) st_le(p, 2, v); else st_be(p, 2, v); break;
	case 4: if (le) st_le(p, 4, v); else st_be(p, 4, v); break;
	default: if (le) st_le(p, 8, v); else st_be(p, 8, v); break;
	}
#endif
}

/*
 * The fast paths: an access inside one page whose translation is cached is a compare of
 * the tag (page | context) and an add to the host page; no locks, no indirect calls.
 */
/* The misses, page-crossing and odd-size accesses, kept out of line so that the hit paths
 * need no stack frame. */
static __attribute__((noinline)) int load_slow(struct ppc_cpu *cpu, uint64_t ea, unsigned size,
					       uint64_t *val)
{
	uint8_t b[8];
	int st = access_bytes(cpu, ea, b, size, ACCESS_LOAD);
	if (st != PPC_OK)
		return st;
	*val = (cpu->msr & MSR_LE) ? ld_le(b, size) : ld_be(b, size);
	return PPC_OK;
}

static __attribute__((noinline)) int store_slow(struct ppc_cpu *cpu, uint64_t ea, unsigned size,
						uint64_t val)
{
	uint8_t b[8];
	if (cpu->msr & MSR_LE)
		st_le(b, size, val);
	else
		st_be(b, size, val);
	return access_bytes(cpu, ea, b, size, ACCESS_STORE);
}

int mem_load(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint64_t *val)
{
	const uint64_t off = ea & PAGE_OFF;
	const struct ppc_tlb_entry *e = &cpu->tlb.load[(ea >> PPC_PAGE_SHIFT) & (PPC_TLB_SIZE - 1)];
	if (PPC_LIKELY(e->tag == ((ea - off) | cpu->tlb.ctx_data) && off + size <= PPC_PAGE_SIZE &&
		       (size & (size - 1)) == 0)) {
		*val = ld_sized(e->host + off, size, (cpu->msr & MSR_LE) != 0);
		return PPC_OK;
	}
	return load_slow(cpu, ea, size, val);
}

int mem_store(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint64_t val)
{
	const uint64_t off = ea & PAGE_OFF;
	const struct ppc_tlb_entry *e = &cpu->tlb.store[(ea >> PPC_PAGE_SHIFT) & (PPC_TLB_SIZE - 1)];
	if (PPC_LIKELY(e->tag == ((ea - off) | cpu->tlb.ctx_data) && off + size <= PPC_PAGE_SIZE &&
		       (size & (size - 1)) == 0)) {
		st_sized(e->host + off, size, val, (cpu->msr & MSR_LE) != 0);
		return PPC_OK;
	}
	return store_slow(cpu, ea, size, val);
}

/* Translation state a TLB entry depends on besides its tag: memslots, PIDR/LPIDR and
 * the table registers. Checked once per fetched block (mem_fetch_page), so hits need not
 * look at it (mtspr of these registers also flushes, spr_wr_flush; this catches the other
 * writers: set_sregs, ONE_REG, tests). */
static void tlb_revalidate(struct ppc_cpu *cpu)
{
	uint64_t gen = atomic_load_explicit(&cpu->mach->map_gen, memory_order_acquire);
	uint64_t r[4];
	tlb_mmu_regs(cpu, r);
	if (PPC_UNLIKELY(gen != cpu->tlb.map_gen || memcmp(r, cpu->tlb.mmu_regs, sizeof(r))))
		mem_flush_tlb(cpu);
}

int mem_fetch_page(struct ppc_cpu *cpu, uint64_t ea, const uint8_t **host, uint64_t *real)
{
	tlb_revalidate(cpu);
	const struct ppc_tlb_entry *e = &cpu->tlb.fetch[(ea >> PPC_PAGE_SHIFT) & (PPC_TLB_SIZE - 1)];
	if (PPC_LIKELY(e->tag == ((ea & ~PAGE_OFF) | cpu->tlb.ctx_fetch))) {
		*host = e->host;
		*real = e->real;
		return PPC_OK;
	}
	uint8_t *h;
	int st = tlb_miss(cpu, ea, ACCESS_FETCH, &h, real);
	if (st != PPC_OK)
		return st;
	*real &= ~PAGE_OFF;
	if (!h) {
		/* Instruction fetch from a hole: machine check (pseries-machine.md 7). */
		cpu->cia = ea; /* SRR0 = the address that could not be fetched */
		return cpu_interrupt(cpu, EXCP_MACHINE_CHECK, 0);
	}
	*host = h - (ea & PAGE_OFF);
	return PPC_OK;
}
