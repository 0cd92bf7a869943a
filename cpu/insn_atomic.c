/* SPDX-License-Identifier: MIT */
/* Load-reserve / store-conditional (ISA 3.0 Book II 4.4.2) and the reservation across host threads. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "cpu/ldst.h"
#include "cpu/tm.h"
#include "mmu/mem.h"
#include "mmu/physmem.h"

/*
 * The reservation (cpu->resv_*) and how stcx. decides.
 *
 * larx loads the value with one host atomic load and records the real address, the access
 * size and the raw bytes it saw. stcx. succeeds only when
 *   - this vcpu still holds a reservation (no interrupt, larx or stcx. since: every
 *     interrupt clears it in cpu_interrupt(), every stcx. clears it here),
 *   - for the same real address and the same size as the larx (the ISA leaves a stcx.
 *     to another address of the granule undefined; failing is allowed), and
 *   - a host compare-and-swap finds the bytes larx loaded still in memory and replaces
 *     them with the new ones in one atomic step.
 * The CAS makes the read-modify-write atomic against every other vcpu's stcx. (also a
 * CAS) and against every other store that changes the reserved bytes, on any host, with
 * no global lock on the common path.
 *
 * Limitation (ABA): a real processor loses the reservation on any store by another
 * processor to the 128-byte granule. Here a store elsewhere in the granule, or stores
 * that put the same value back (A -> B -> A) between larx and stcx., go unnoticed and
 * stcx. succeeds. Atomic updates (counters, locks, cmpxchg) are unaffected, since their
 * correctness only needs "the location still holds what was read"; an algorithm that
 * relies on the reservation noticing A -> B -> A (LL/SC-based ABA avoidance) is not.
 *
 * Sizes 1-8 use C11 atomics on the host address when it is naturally aligned (guest RAM
 * is page aligned in the host, so an aligned larx is aligned there too). Quadwords
 * (lqarx/stqcx.), and any host address that is not aligned, go under the VM-wide
 * mach->atomic_lock: those are atomic against each other but not against other vcpus'
 * plain stores or word CASes into the same bytes.
 *
 * larx/stcx. to a hole (MMIO): larx is a plain load through the MMIO exit and leaves no
 * reservation; stcx. there always fails (no store, CR0[EQ] = 0).
 */

/* Access size by extended opcode (larx and stcx. share none). */
static const uint8_t resv_size_of[1024] = {
	[52] = 1, [116] = 2, [20] = 4, [84] = 8, [276] = 16,     /* lbarx lharx lwarx ldarx lqarx */
	[694] = 1, [726] = 2, [150] = 4, [214] = 8, [182] = 16, /* stbcx. sthcx. stwcx. stdcx. stqcx. */
};

static bool host_aligned(const uint8_t *p, unsigned size)
{
	return size <= 8 && ((uintptr_t)p & (size - 1)) == 0;
}

/*
 * Transactions (cpu/tm.c) commit by validating what they read and writing back under
 * mach->atomic_lock. Once a VM has started a transaction (mach->tm_used, set by the first
 * tbegin. and never cleared), every stcx. and AMO on RAM also runs under that lock, so none
 * can land between a commit's validation and its write-back: a lock taken with larx/stcx.
 * and elided by a transaction elsewhere (glibc's lock elision) stays exclusive. VMs that
 * never use TM pay one load of a read-mostly flag per stcx./AMO.
 */
static bool tm_serialized(const struct ppc_cpu *cpu)
{
	return cpu->mach && atomic_load_explicit(&cpu->mach->tm_used, memory_order_acquire);
}

/* Read @size bytes at host @p as one atomic access, in memory order, into @raw.
 * @locked: the caller holds m->atomic_lock. */
static void atomic_read_raw(struct ppc_machine *m, uint8_t *p, unsigned size, uint8_t *raw,
			    bool locked)
{
	void *vp = p;
	switch (host_aligned(p, size) ? size : 0) {
	case 1: {
		uint8_t v = atomic_load_explicit((_Atomic uint8_t *)vp, memory_order_acquire);
		memcpy(raw, &v, 1);
		return;
	}
	case 2: {
		uint16_t v = atomic_load_explicit((_Atomic uint16_t *)vp, memory_order_acquire);
		memcpy(raw, &v, 2);
		return;
	}
	case 4: {
		uint32_t v = atomic_load_explicit((_Atomic uint32_t *)vp, memory_order_acquire);
		memcpy(raw, &v, 4);
		return;
	}
	case 8: {
		uint64_t v = atomic_load_explicit((_Atomic uint64_t *)vp, memory_order_acquire);
		memcpy(raw, &v, 8);
		return;
	}
	default:
		if (!locked)
			pthread_mutex_lock(&m->atomic_lock);
		memcpy(raw, p, size);
		if (!locked)
			pthread_mutex_unlock(&m->atomic_lock);
		return;
	}
}

#define CAS_CASE(bytes, type)                                                               \
	case bytes: {                                                                       \
		type o, n;                                                                  \
		memcpy(&o, old, bytes);                                                     \
		memcpy(&n, new, bytes);                                                     \
		return atomic_compare_exchange_strong_explicit(                             \
			(_Atomic type *)vp, &o, n, memory_order_seq_cst, memory_order_relaxed); \
	}

/* If host @p still holds @old (@size bytes, memory order), replace it by @new, atomically.
 * @locked: the caller holds m->atomic_lock. */
static bool atomic_cas_raw(struct ppc_machine *m, uint8_t *p, unsigned size,
			   const uint8_t *old, const uint8_t *new, bool locked)
{
	void *vp = p;
	switch (host_aligned(p, size) ? size : 0) {
	CAS_CASE(1, uint8_t)
	CAS_CASE(2, uint16_t)
	CAS_CASE(4, uint32_t)
	CAS_CASE(8, uint64_t)
	default: {
		if (!locked)
			pthread_mutex_lock(&m->atomic_lock);
		bool same = memcmp(p, old, size) == 0;
		if (same)
			memcpy(p, new, size);
		if (!locked)
			pthread_mutex_unlock(&m->atomic_lock);
		return same;
	}
	}
}

/*
 * lbarx lharx lwarx ldarx lqarx (Book II 4.4.2): EA must be aligned to the access size
 * (alignment interrupt, Book III 7.5.8). The EH hint (bit 31) is accepted and ignored.
 * lqarx: invalid when RTp is odd, RTp = RA or RTp = RB.
 */
int insn_larx(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned size = resv_size_of[insn_xo10(insn)], rt = insn_rt(insn);
	uint64_t ea = ldst_ea_x(cpu, insn), real;
	uint8_t raw[16];
	uint8_t *host;
	int st;
	if (size == 16 && ((rt & 1) || rt == insn_ra(insn) || rt == insn_rb(insn)))
		return cpu_program_illegal(cpu);
	if (ea & (size - 1))
		return ldst_alignment(cpu, insn, ea);
	if (PPC_UNLIKELY(cpu->tmx.live) && (cpu->msr & MSR_TS) == MSR_TS_T) {
		st = tm_larx(cpu, ea, size, raw); /* transactional (cpu/tm.c) */
		if (st != PPC_OK)
			return st;
		goto done;
	}
	st = mem_translate(cpu, ea, ACCESS_LOAD, &real, 1);
	if (st != PPC_OK)
		return st;
	if (PPC_UNLIKELY(cpu->tmx.live)) /* Suspended: self-induced conflict check */
		(void)tm_access(cpu, NULL, real, NULL, size, 0);
	host = mem_host_ptr(cpu, real, size, 0);
	if (host) {
		atomic_read_raw(cpu->mach, host, size, raw, false);
		cpu->resv_addr = real;
		cpu->resv_size = (uint8_t)size;
		memcpy(cpu->resv_val, raw, size);
	} else {
		st = mem_read(cpu, ea, raw, size); /* MMIO: no reservation */
		if (st != PPC_OK)
			return st;
		cpu->resv_size = 0;
	}
done:
	if (size == 16)
		ldst_quad_to_regs(cpu, raw, &cpu->gpr[rt], &cpu->gpr[rt + 1]);
	else
		cpu->gpr[rt] = (cpu->msr & MSR_LE) ? ld_le(raw, size) : ld_be(raw, size);
	return PPC_OK;
}

/* The bytes a st?cx. stores: RS (or the pair RSp, RSp+1) in the guest's byte order. */
static void stcx_source(const struct ppc_cpu *cpu, unsigned rs, unsigned size, uint8_t *raw)
{
	if (size == 16)
		ldst_regs_to_quad(cpu, cpu->gpr[rs], cpu->gpr[rs + 1], raw);
	else if (cpu->msr & MSR_LE)
		st_le(raw, size, cpu->gpr[rs]);
	else
		st_be(raw, size, cpu->gpr[rs]);
}

/*
 * stbcx. sthcx. stwcx. stdcx. stqcx.: store if the reservation holds (see above); CR0 =
 * 0b00 || success || XER[SO]. The reservation is cleared in every case. stqcx. is
 * invalid with RSp odd. Alignment is checked first, then translation (a DSI is possible
 * with or without a reservation).
 */
int insn_stcx(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned size = resv_size_of[insn_xo10(insn)], rs = insn_rs(insn);
	uint64_t ea = ldst_ea_x(cpu, insn), real;
	bool ok = false;
	int st;
	if (size == 16 && (rs & 1))
		return cpu_program_illegal(cpu);
	if (ea & (size - 1))
		return ldst_alignment(cpu, insn, ea);
	if (PPC_UNLIKELY(cpu->tmx.live) && (cpu->msr & MSR_TS) == MSR_TS_T) {
		uint8_t raw[16];
		stcx_source(cpu, rs, size, raw);
		st = tm_stcx(cpu, ea, size, raw, &ok); /* transactional (cpu/tm.c) */
		if (st != PPC_OK)
			return st;
		cpu->resv_size = 0;
		cpu_set_crf(cpu, 0, (ok ? 2u : 0u) | cpu->so);
		return PPC_OK;
	}
	st = mem_translate(cpu, ea, ACCESS_STORE, &real, 1);
	if (st != PPC_OK)
		return st;
	if (PPC_UNLIKELY(cpu->tmx.live)) /* Suspended: self-induced conflict check */
		(void)tm_access(cpu, NULL, real, NULL, size, 1);
	if (cpu->resv_size == size && cpu->resv_addr == real) {
		uint8_t *host = mem_host_ptr(cpu, real, size, 1);
		if (host) {
			uint8_t raw[16];
			stcx_source(cpu, rs, size, raw);
			bool lk = tm_serialized(cpu);
			if (lk)
				pthread_mutex_lock(&cpu->mach->atomic_lock);
			ok = atomic_cas_raw(cpu->mach, host, size, (const uint8_t *)cpu->resv_val,
					    raw, lk);
			if (lk)
				pthread_mutex_unlock(&cpu->mach->atomic_lock);
		}
	}
	cpu->resv_size = 0;
	cpu_set_crf(cpu, 0, (ok ? 2u : 0u) | cpu->so);
	return PPC_OK;
}

/*
 * Atomic memory operations lwat ldat stwat stdat (ISA 3.0 Book II 4.5). EA = (RA|0),
 * aligned to the operand size (alignment interrupt otherwise); the FC field (bits 16:20)
 * selects the function; the access is a store for protection purposes.
 *   lwat/ldat: RT gets the old value; the source operands are RT+1 and RT+2 (mod 32).
 *   stwat/stdat: the source is RS.
 * On RAM the read-modify-write is one host CAS loop on the operand (the conditional
 * forms read their second operand at EA + size separately, and the store-twin forms run
 * under mach->atomic_lock). On MMIO it is a load then a store through the exit, not
 * atomic. "Fetch and increment/decrement" failures set RT to 2^(n-1) for an n-bit
 * operand, zero-extended, as the ISA defines (qemu gives 0xffffffff80000000 for both
 * sizes).
 */
enum amo_fc {
	AMO_ADD = 0, AMO_XOR = 1, AMO_OR = 2, AMO_AND = 3,
	AMO_MAXU = 4, AMO_MAXS = 5, AMO_MINU = 6, AMO_MINS = 7,
	AMO_SWAP = 8, AMO_CAS_NE = 16,
	AMO_INC_BOUNDED = 24, /* loads; for stores: store twin */
	AMO_INC_EQUAL = 25, AMO_DEC_BOUNDED = 28,
};

/* Valid function codes: bit fc of the mask. */
#define AMO_LOAD_FCS  (0x1ffu | 1u << 16 | 1u << 24 | 1u << 25 | 1u << 28)
#define AMO_STORE_FCS (0xffu | 1u << 24)

static uint64_t to_signed_cmp(uint64_t v, unsigned size)
{
	/* flip the sign bit so that an unsigned compare orders signed values */
	return v ^ (1ULL << (8 * size - 1));
}

/*
 * The new memory value for @fc given the old one @m, the next operand @m2 (EA + size),
 * and the sources @a (RT+1 or RS), @b (RT+2). *@store says whether memory changes,
 * *@rt what RT receives (loads).
 */
static uint64_t amo_compute(unsigned fc, unsigned size, uint64_t m, uint64_t m2, uint64_t a,
			    uint64_t b, bool *store, uint64_t *rt)
{
	const uint64_t mask = size == 8 ? ~0ULL : 0xffffffffULL;
	const uint64_t fail = 1ULL << (8 * size - 1);
	a &= mask;
	b &= mask;
	*store = true;
	*rt = m;
	switch (fc) {
	case AMO_ADD: return (m + a) & mask;
	case AMO_XOR: return m ^ a;
	case AMO_OR: return m | a;
	case AMO_AND: return m & a;
	case AMO_MAXU: return m > a ? m : a;
	case AMO_MINU: return m < a ? m : a;
	case AMO_MAXS: return to_signed_cmp(m, size) > to_signed_cmp(a, size) ? m : a;
	case AMO_MINS: return to_signed_cmp(m, size) < to_signed_cmp(a, size) ? m : a;
	case AMO_SWAP: return a;
	case AMO_CAS_NE: return m != a ? b : m;
	case AMO_INC_BOUNDED:
	case AMO_DEC_BOUNDED:
		if (m != m2)
			return (m + (fc == AMO_INC_BOUNDED ? 1 : mask)) & mask;
		break;
	case AMO_INC_EQUAL:
		if (m == m2)
			return (m + 1) & mask;
		break;
	default:
		break;
	}
	*store = false;
	*rt = fail;
	return m;
}

static uint64_t raw_value(const struct ppc_cpu *cpu, const uint8_t *raw, unsigned size)
{
	return (cpu->msr & MSR_LE) ? ld_le(raw, size) : ld_be(raw, size);
}

static void value_raw(const struct ppc_cpu *cpu, uint64_t v, unsigned size, uint8_t *raw)
{
	if (cpu->msr & MSR_LE)
		st_le(raw, size, v);
	else
		st_be(raw, size, v);
}

/* stwat/stdat store twin: if the operands at EA and EA + size are equal, set both to RS. */
static int amo_store_twin(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint64_t rs)
{
	uint64_t real[2];
	uint8_t *host[2];
	for (unsigned i = 0; i < 2; i++) {
		int st = mem_translate(cpu, cpu_ea(cpu, ea + i * size), ACCESS_STORE, &real[i], 1);
		if (st != PPC_OK)
			return st;
		host[i] = mem_host_ptr(cpu, real[i], size, 1);
	}
	if (!host[0] || !host[1]) {
		uint64_t m0, m1;
		int st = mem_load(cpu, ea, size, &m0);
		if (st == PPC_OK)
			st = mem_load(cpu, cpu_ea(cpu, ea + size), size, &m1);
		if (st != PPC_OK || m0 != m1)
			return st;
		st = mem_store(cpu, ea, size, rs);
		return st == PPC_OK ? mem_store(cpu, cpu_ea(cpu, ea + size), size, rs) : st;
	}
	uint8_t raw[8];
	value_raw(cpu, rs, size, raw);
	pthread_mutex_lock(&cpu->mach->atomic_lock);
	if (memcmp(host[0], host[1], size) == 0) {
		memcpy(host[0], raw, size);
		memcpy(host[1], raw, size);
	}
	pthread_mutex_unlock(&cpu->mach->atomic_lock);
	return PPC_OK;
}

static int amo(struct ppc_cpu *cpu, uint32_t insn, unsigned size, bool is_store)
{
	unsigned fc = insn_rb(insn), rt = insn_rt(insn);
	uint64_t ea = cpu_ea(cpu, ldst_base(cpu, insn)), real, m, m2 = 0, nv, res;
	uint64_t a = cpu->gpr[is_store ? rt : (rt + 1) & 31], b = cpu->gpr[(rt + 2) & 31];
	bool store, pair = !is_store && (fc == AMO_INC_BOUNDED || fc == AMO_INC_EQUAL ||
					 fc == AMO_DEC_BOUNDED);
	int st;
	if (!((is_store ? AMO_STORE_FCS : AMO_LOAD_FCS) >> fc & 1))
		return cpu_program_illegal(cpu);
	if (ea & (size - 1))
		return ldst_alignment(cpu, insn, ea);
	if (PPC_UNLIKELY(cpu->tmx.live) && (cpu->msr & MSR_TS) == MSR_TS_T)
		return tm_fail_disallowed(cpu); /* AMOs are not run transactionally */
	if (is_store && fc == AMO_INC_BOUNDED)
		return amo_store_twin(cpu, ea, size, a);
	st = mem_translate(cpu, ea, ACCESS_STORE, &real, 1);
	if (st != PPC_OK)
		return st;
	if (PPC_UNLIKELY(cpu->tmx.live)) /* Suspended: self-induced conflict check */
		(void)tm_access(cpu, NULL, real, NULL, size, 1);
	uint8_t *host = mem_host_ptr(cpu, real, size, 1);
	if (!host) {
		/* MMIO: load, compute, store, each through the exit (replayed in order) */
		st = mem_load(cpu, ea, size, &m);
		if (st == PPC_OK && pair)
			st = mem_load(cpu, cpu_ea(cpu, ea + size), size, &m2);
		if (st != PPC_OK)
			return st;
		nv = amo_compute(fc, size, m, m2, a, b, &store, &res);
		if (store && (st = mem_store(cpu, ea, size, nv)) != PPC_OK)
			return st;
	} else {
		/* serialized with TM commits, except the fetch-and-increment/decrement
		 * forms, whose second operand is loaded through mem_load (which may fault) */
		bool lk = !pair && tm_serialized(cpu);
		if (lk)
			pthread_mutex_lock(&cpu->mach->atomic_lock);
		for (;;) {
			uint8_t raw[8], nraw[8];
			atomic_read_raw(cpu->mach, host, size, raw, lk);
			m = raw_value(cpu, raw, size);
			if (pair && (st = mem_load(cpu, cpu_ea(cpu, ea + size), size, &m2)) != PPC_OK)
				return st;
			nv = amo_compute(fc, size, m, m2, a, b, &store, &res);
			if (!store)
				break;
			value_raw(cpu, nv, size, nraw);
			if (atomic_cas_raw(cpu->mach, host, size, raw, nraw, lk))
				break;
		}
		if (lk)
			pthread_mutex_unlock(&cpu->mach->atomic_lock);
	}
	if (!is_store)
		cpu->gpr[rt] = res;
	return PPC_OK;
}

int insn_lwat(struct ppc_cpu *cpu, uint32_t insn) { return amo(cpu, insn, 4, false); }
int insn_ldat(struct ppc_cpu *cpu, uint32_t insn) { return amo(cpu, insn, 8, false); }
int insn_stwat(struct ppc_cpu *cpu, uint32_t insn) { return amo(cpu, insn, 4, true); }
int insn_stdat(struct ppc_cpu *cpu, uint32_t insn) { return amo(cpu, insn, 8, true); }
