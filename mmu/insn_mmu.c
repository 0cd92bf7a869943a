/* SPDX-License-Identifier: MIT */
/*
 * MMU instructions (ISA 3.0 Book III 5.9.3): the SLB management instructions and the TLB
 * invalidations. The soft TLB is flushed precisely where the operands say which
 * translations go (slbie: one segment; radix tlbie/tlbiel IS=0: one page), wholesale
 * otherwise; global tlbie also asks every other vcpu to flush.
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
	uint64_t rb = cpu->gpr[insn_rb(insn)];
	uint64_t b = (rb >> 25) & 3;
	uint64_t m = b == 1 ? SLB_ESID_1T : SLB_ESID_256M;
	for (unsigned i = 0; i < PPC_SLB_SIZE; i++) {
		struct ppc_slb_entry *e = &cpu->slb.e[i];
		if ((e->esid & SLB_V) && (e->vsid >> 62) == b && (e->esid & m) == (rb & m))
			e->esid = 0;
	}
	tlb_flush_ea(cpu, rb & m, (rb & m) + ~m + 1);
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
 * tlbie/tlbiel RB,RS,RIC,PRS,R (ISA 3.0 Book III 5.9.3.3). R = 1: radix; IS (RB 52:53)
 * 0 = one page (EPN RB 0:51, size AP RB 56:58), otherwise by PID/LPID/all; RIC = 1 only
 * flushes page-walk caches, which the soft TLB does not keep. R = 0 (hash): the whole
 * TLB (a superset of what RB names).
 */
static int tlbi(struct ppc_cpu *cpu, uint32_t insn, int global)
{
	uint64_t rb = cpu->gpr[insn_rb(insn)];
	unsigned ric = (insn >> 18) & 3, r = (insn >> 16) & 1;
	if (global && cpu->papr && !(cpu->mach->radix && cpu->mach->gtse))
		return cpu_program_illegal(cpu); /* a PAPR hash guest uses the HPT hcalls */
	if (cpu->isa >= PPC_ISA_300 && ric == 3)
		return cpu_program_illegal(cpu);
	if (r && cpu->isa >= PPC_ISA_300) {
		unsigned is = (rb >> 10) & 3;
		if (ric == 1)
			; /* page-walk cache only */
		else if (is == 0) {
			uint64_t size = 1ULL << ap_shift((rb >> 5) & 7);
			uint64_t epn = rb & ~(size - 1);
			tlb_flush_ea(cpu, epn, epn + size);
		} else {
			mem_flush_tlb(cpu);
		}
	} else {
		mem_flush_tlb(cpu);
	}
	if (global)
		tlb_broadcast(cpu);
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

/* tlbsync: the local invalidations are complete when tlbie returns; other vcpus drop
 * their TLBs at their next instruction-block boundary (ATTN_TLB_FLUSH). */
int insn_tlbsync(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return PPC_OK;
}
