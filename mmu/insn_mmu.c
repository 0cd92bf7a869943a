/* SPDX-License-Identifier: MIT */
/*
 * MMU instructions (ISA 3.0 Book III 5.9.3): the SLB management instructions and the TLB
 * invalidations. The soft TLB is flushed precisely where the operands say which
 * translations go (slbie: one segment; tlbie/tlbiel IS=0: one page; radix IS=1: one PID),
 * wholesale otherwise; global tlbie sends the same descriptor to every other vcpu. The
 * SLB is per thread (ISA 3.0 Book III 5.7.7.1): slbie/slbia stay local.
 */
#include "cpu/insn.h"
#include "mmu/xlate.h"

#define SLB_ESID_256M 0xfffffffff0000000ULL
#define SLB_ESID_1T   0xffffff0000000000ULL
#define SLB_V         0x0000000008000000ULL
#define SLB_C         0x80ULL

/* slbmte: an index beyond the implemented SLB is an illegal operation (lib/ops.c quirk 3). */
int insn_slbmte(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t rb = cpu->gpr[insn_rb(insn)];
	if ((rb & 0xfff) >= PPC_SLB_SIZE)
		return cpu_program_illegal(cpu);
	hash_slbmte(cpu, cpu->gpr[insn_rs(insn)], rb);
	return PPC_OK;
}

int insn_slbmfee(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t idx = cpu->gpr[insn_rb(insn)] & 0xfff;
	cpu->gpr[insn_rt(insn)] = idx < PPC_SLB_SIZE ? cpu->slb.e[idx].esid : 0;
	return PPC_OK;
}

int insn_slbmfev(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t idx = cpu->gpr[insn_rb(insn)] & 0xfff;
	cpu->gpr[insn_rt(insn)] = idx < PPC_SLB_SIZE && (cpu->slb.e[idx].esid & SLB_V)
					  ? cpu->slb.e[idx].vsid : 0;
	return PPC_OK;
}

/* slbfee.: RT = the slbmfev image of the entry translating (RB), CR0[EQ] = found. */
int insn_slbfee(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_slb_entry *e = hash_slb_find(cpu, cpu->gpr[insn_rb(insn)]);
	cpu->gpr[insn_rt(insn)] = e ? e->vsid : 0;
	cpu_set_crf(cpu, 0, (e ? 2u : 0u) | cpu->so);
	return PPC_OK;
}

/* slbie: RB = ESID (0:35) | C (36) | B (37:38). */
int insn_slbie(struct ppc_cpu *cpu, uint32_t insn)
{
	hash_slbie(cpu, cpu->gpr[insn_rb(insn)]);
	return PPC_OK;
}

/* slbia IH (lib/ops.c quirk 4): ISA 2.07 keeps entry 0 for IH 0-3, ISA 3.0 does not for
 * IH 0; IH 1-2 every entry but entry 0; IH 3 the entries with C = 0; IH 4-7 no SLB entry
 * (only the lookaside buffers, which here are the soft TLB). */
int insn_slbia(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ih = (insn >> 21) & 7;
	unsigned first = (ih == 0 && cpu->isa >= PPC_ISA_300) ? 0 : 1;
	if (ih <= 3)
		for (unsigned i = first; i < PPC_SLB_SIZE; i++)
			if (ih < 3 || !(cpu->slb.e[i].vsid & SLB_C))
				cpu->slb.e[i].esid = 0;
	hash_slb_reindex(cpu);
	mem_flush_tlb(cpu);
	return PPC_OK;
}

int insn_slbsync(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return PPC_OK; /* SLB updates take effect at once here */
}

/* Radix AP field to page shift (the encodings of get_rmmu_info). */
static unsigned ap_shift(unsigned ap)
{
	switch (ap) {
	case 5: return 16;
	case 1: return 21;
	case 2: return 30;
	default: return 12;
	}
}

/*
 * tlbie/tlbiel RB,RS,RIC,PRS,R (ISA 3.0 Book III 5.9.3.3, 5.10.1), decoded into what they
 * invalidate (struct ppc_tlbi), which tlb_inval_apply drops here and, for global tlbie,
 * on every other vcpu against that vcpu's own PIDR. The soft TLB holds only translations
 * of the current PIDR/LPIDR (a change of either flushes it), so an operand naming another
 * PID names nothing cached. IS is RB bits 52:53.
 *  - R = 1 (radix), RIC = 1: only the page-walk cache, which the soft TLB does not keep.
 *    IS = 0, PRS = 1: the page EPN (RB 0:51, size AP RB 56:58) of PID RS 0:31, cached only
 *    if that PID is the one its quadrant uses (quadrant 3: PID 0; quadrant 0: PIDR).
 *    IS = 1, PRS = 1: every page of PID RS 0:31. PRS = 0 (partition scope), IS = 2 (LPID)
 *    and IS = 3 (all): everything.
 *  - R = 0 (hash): IS = 0 by virtual page: RB 0:51 = VA bits (VA >> 12, truncated), L
 *    (RB 63) = 1 with LP in RB 44:51 giving the actual page size (64K: LP 0bxxxx0001,
 *    16M: LP 0); IS != 0 (by set, LPID, all): everything.
 * Return false when nothing the soft TLB keeps is named. tlbsync waits for the others.
 */
static bool tlbi_radix(struct ppc_tlbi *d, uint64_t rb, uint64_t rs, unsigned ric,
		       unsigned prs)
{
	unsigned is = (rb >> 10) & 3;
	if (ric == 1)
		return false; /* page-walk cache only */
	if (!prs || is >= 2) {
		d->kind = TLBI_ALL;
		return true;
	}
	d->pid = (uint32_t)(rs >> 32);
	if (is == 1) {
		d->kind = TLBI_RADIX_PID;
		return true;
	}
	unsigned shift = ap_shift((rb >> 5) & 7);
	d->kind = TLBI_RADIX_PAGE;
	d->shift = (uint8_t)shift;
	d->addr = rb & ~((1ULL << shift) - 1);
	return true;
}

static void tlbi_hash(struct ppc_tlbi *d, uint64_t rb)
{
	unsigned is = (rb >> 10) & 3, shift = 12;
	d->kind = TLBI_ALL;
	if (is)
		return;
	if (rb & 1) { /* L: LP names the actual page size */
		unsigned lp = (unsigned)(rb >> 12) & 0xff;
		if ((lp & 0xf) == 1)
			shift = 16;
		else if (lp == 0)
			shift = 24;
		else
			return; /* a size we do not map: nothing cached, be safe */
	}
	d->kind = TLBI_HASH_VPN;
	d->shift = (uint8_t)shift;
	d->addr = rb >> 12;
}

static int tlbi(struct ppc_cpu *cpu, uint32_t insn, int global)
{
	uint64_t rb = cpu->gpr[insn_rb(insn)];
	unsigned ric = (insn >> 18) & 3, prs = (insn >> 17) & 1, r = (insn >> 16) & 1;
	if (global && cpu->papr && !(cpu->mach->radix && cpu->mach->gtse))
		return cpu_program_illegal(cpu); /* a PAPR hash guest uses the HPT hcalls */
	if (cpu->isa >= PPC_ISA_300 && ric == 3)
		return cpu_program_illegal(cpu);
	struct ppc_tlbi d = {.kind = TLBI_ALL};
	if (r && cpu->isa >= PPC_ISA_300) {
		if (!tlbi_radix(&d, rb, cpu->gpr[insn_rs(insn)], ric, prs))
			return PPC_OK;
	} else {
		tlbi_hash(&d, rb);
	}
	tlb_inval_apply(cpu, &d);
	if (global)
		tlb_broadcast_inval(cpu, &d);
	return PPC_OK;
}

int insn_tlbie(struct ppc_cpu *cpu, uint32_t insn)
{
	return tlbi(cpu, insn, 1);
}

int insn_tlbiel(struct ppc_cpu *cpu, uint32_t insn)
{
	return tlbi(cpu, insn, 0);
}

/* tlbsync (ISA 3.0 Book III 5.9.3.3): this vcpu's invalidations were applied locally
 * when tlbie returned; wait until every other vcpu applied them too (or is not running:
 * it applies them before it translates again). */
int insn_tlbsync(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	tlb_sync(cpu);
	return PPC_OK;
}
