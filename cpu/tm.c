/* SPDX-License-Identifier: MIT */
/*
 * Transactional Memory (Power ISA 2.07B Book II 5 "Transactional Memory Facility", Book III
 * 5.x; ISA 3.0B keeps it): the checkpoint, the footprint, failure, and the instructions
 * tbegin. tend. tabort. tabort[wd]c[i]. tcheck tsr. treclaim. trechkpt.
 *
 * States (MSR[TS]): N (0b00), T (0b10, transactional), S (0b01, suspended).
 *
 * Footprint. While a transaction's footprint is tracked (cpu->tmx.live: TS = T, or S after
 * tsuspend.), the soft TLB's data fast path is switched off (tlb_retag: TLB_CTX_NONE), so
 * every load and store reaches mem.c's slow path and tm_access(); non-transactional code
 * pays nothing. Per 128-byte line (real address) the transaction keeps
 *  - the bytes it stored (buffered: memory is not touched before tend. commits), and
 *  - for lines it loaded, a snapshot of the line as first read. Loads return the snapshot
 *    overlaid with the buffered stores.
 * Isolation is value-based validation: a new line's snapshot is taken, and every earlier
 * snapshot re-checked against memory, under the VM-wide mach->atomic_lock, so a
 * transaction never acts on an inconsistent view (a change shows up as a conflict at the
 * next new line). The outermost tend. re-validates every snapshot under the same lock and
 * writes the buffered bytes while holding it: commits are atomic against each other and
 * against every transactional read; a mismatch is a conflict failure (TEXASR[TC] if some
 * transaction committed since tbegin., else TEXASR[NTC]). ROT transactions (tbegin. 1)
 * keep snapshots for their loads but are not validated (Book II 5.1: a ROT's loads are
 * not part of its footprint for conflicts).
 *
 * Limitations (all allowed: an implementation may fail transactions for its own reasons,
 * and a committed transaction is atomic):
 *  - more than PPC_TM_MAX_LINES lines: footprint overflow (TEXASR[FO] and persistent);
 *  - caching-inhibited or MMIO access, AMOs, PAPR hypercalls: disallowed (DA, persistent);
 *  - any interrupt dooms the transaction (see tm_interrupted), as does leaving cpu_run;
 *  - as with larx/stcx. (insn_atomic.c), conflicts are detected by value: a line changed
 *    and changed back (ABA) is not a conflict. Once a VM has used TM, stcx. and the AMOs
 *    run under mach->atomic_lock too (mach->tm_used), so they cannot land between a
 *    commit's validation and its write-back; a plain store by another vcpu can (plain
 *    stores take no lock), as can the fetch-and-increment/decrement AMO forms, and an
 *    stcx. that had already passed its tm_used check when the VM's very first tbegin. ran.
 *    Transactions against transactions, against larx/stcx. and AMOs, and against anything
 *    that changed memory before tend. began, are exact.
 *  - stores in Suspended state to lines of the footprint, and loads of lines it wrote,
 *    fail the transaction with a self-induced conflict (the accesses are performed,
 *    non-transactionally); larx/stcx. and AMOs are checked the same way.
 *
 * Decisions where the ISA leaves a choice or this implementation picked a reading:
 *  - tbegin. and tend. in Suspended state do nothing but set CR0 = 0b0 || TS || 0;
 *  - tcheck sets TDOOMED in Non-transactional state (there is no transaction to commit);
 *  - the conditional aborts (tabortwc. ...) record failure code 0; treclaim. with RA = 0
 *    records 0 ((RA|0), as KVM HV's emulation; kvm-contract.md reports PR's default 1);
 *  - a transaction doomed by an interrupt and resumed without tabort./treclaim. records
 *    TEXASR[IMPL] with TFIAR = the interrupted instruction (not exact);
 *  - nesting is limited to TM_MAX_NEST levels (nesting overflow beyond, persistent);
 *  - models without transactions (cpu->tm_avail false: the POWER9 model) keep MSR[TM] and
 *    the TM SPRs, but MSR[TS] stays N: tbegin. fails at once (TEXASR[IMPL], persistent,
 *    CR0 = 0b1010, continuing at the next instruction, as ISA 3.1's synthetic TM) and
 *    trechkpt. is a TM Bad Thing.
 */
#include <pthread.h>
#include <string.h>

#include "cpu/ldst.h"
#include "cpu/tm.h"
#include "mmu/mem.h"
#include "mmu/physmem.h"
#include "spr/spr.h"

#define TM_MAX_NEST 31
#define LINE_MASK ((uint64_t)PPC_TM_LINE - 1)

static inline uint64_t ts_of(const struct ppc_cpu *cpu)
{
	return cpu->msr & MSR_TS;
}

/* CR0 (or tcheck's field) = 0b0 || MSR[TS] || 0 */
static inline unsigned ts_cr(uint64_t ts)
{
	return (unsigned)((ts >> 33) & 3) << 1;
}

/* ---- checkpoint (Book II 5.1: the registers tbegin. checkpoints) ---- */

static void ckpt_save(struct ppc_cpu *cpu)
{
	struct ppc_tm_ckpt *k = &cpu->tm;
	memcpy(k->gpr, cpu->gpr, sizeof(k->gpr));
	memcpy(k->vsr, cpu->vsr, sizeof(k->vsr));
	k->cr = cpu->cr;
	k->lr = cpu->lr;
	k->ctr = cpu->ctr;
	k->xer = cpu_get_xer(cpu);
	k->fpscr = cpu->fpscr;
	k->vscr = cpu->vscr;
	k->amr = cpu->spr[SPR_AMR];
	k->ppr = cpu->spr[SPR_PPR];
	k->vrsave = cpu->spr[SPR_VRSAVE];
	k->dscr = cpu->spr[SPR_DSCR];
	k->tar = cpu->spr[SPR_TAR];
}

static void ckpt_restore(struct ppc_cpu *cpu)
{
	const struct ppc_tm_ckpt *k = &cpu->tm;
	memcpy(cpu->gpr, k->gpr, sizeof(k->gpr));
	memcpy(cpu->vsr, k->vsr, sizeof(k->vsr));
	cpu->cr = (uint32_t)k->cr;
	cpu->lr = k->lr;
	cpu->ctr = k->ctr;
	cpu_set_xer(cpu, k->xer);
	cpu->fpscr = k->fpscr;
	cpu->vscr = k->vscr;
	cpu->spr[SPR_AMR] = k->amr;
	cpu->spr[SPR_PPR] = k->ppr;
	cpu->spr[SPR_VRSAVE] = k->vrsave;
	cpu->spr[SPR_DSCR] = k->dscr;
	cpu->spr[SPR_TAR] = k->tar;
}

/* ---- footprint ---- */

static void set_live(struct ppc_cpu *cpu, bool live)
{
	cpu->tmx.live = live;
	if (!live)
		cpu->tmx.nlines = 0;
	mem_set_context(cpu); /* the data fast path is off exactly while live */
}

void tm_drop(struct ppc_cpu *cpu)
{
	cpu->tmx.doomed = false;
	set_live(cpu, false);
}

static struct ppc_tm_line *find_line(struct ppc_cpu *cpu, uint64_t line_real)
{
	for (unsigned i = 0; i < cpu->tmx.nlines; i++)
		if (cpu->tmx.line[i].real == line_real)
			return &cpu->tmx.line[i];
	return NULL;
}

static bool is_rot(const struct ppc_cpu *cpu)
{
	return (cpu->spr[SPR_TEXASR] & TEXASR_ROT) != 0;
}

/* Every snapshot still matches memory. Caller holds mach->atomic_lock. */
static bool validate_locked(struct ppc_cpu *cpu)
{
	if (is_rot(cpu))
		return true;
	for (unsigned i = 0; i < cpu->tmx.nlines; i++) {
		const struct ppc_tm_line *l = &cpu->tmx.line[i];
		if (!l->read)
			continue;
		const uint8_t *h = mem_host_ptr(cpu, l->real, PPC_TM_LINE, 0);
		if (!h || memcmp(h, l->snap, PPC_TM_LINE))
			return false;
	}
	return true;
}

static uint64_t conflict_cause(struct ppc_cpu *cpu)
{
	uint64_t gen = cpu->mach ? atomic_load(&cpu->mach->tm_commits) : 0;
	return gen != cpu->tmx.commit_gen ? TEXASR_TC : TEXASR_NTC;
}

/* ---- failure (Book II 5.3: recording; 5.3.x: handling) ---- */

/* Record a failure with TEXASR cause bits @cause (failure code included) and TFIAR @addr,
 * unless one is already recorded; the footprint is discarded either way. */
static void record(struct ppc_cpu *cpu, uint64_t cause, uint64_t addr, bool exact,
		   uint64_t msr)
{
	uint64_t tex = cpu->spr[SPR_TEXASR];
	if (!(tex & TEXASR_FS)) {
		tex &= TEXASR_TL | TEXASR_ROT;
		tex |= cause | TEXASR_FS | (exact ? TEXASR_EXACT : 0);
		if (ts_of(cpu) == MSR_TS_S)
			tex |= TEXASR_SUSP;
		if (msr & MSR_HV)
			tex |= TEXASR_HV;
		if (msr & MSR_PR)
			tex |= TEXASR_PR;
		cpu->spr[SPR_TEXASR] = tex;
		/* TFIAR: the address, and in bits 62:63 the privilege (HV, PR) it ran in */
		cpu->spr[SPR_TFIAR] = (addr & ~3ULL) | (msr & MSR_HV ? 2 : 0) | (msr & MSR_PR ? 1 : 0);
	}
	cpu->tmx.doomed = false;
	set_live(cpu, false);
}

/* A doomed transaction's deferred failure, with @cause if nothing better is known. */
static void record_doom(struct ppc_cpu *cpu, uint64_t cause, uint64_t addr)
{
	if (cpu->tmx.doomed)
		record(cpu, cause, cpu->tmx.doom_addr, false, cpu->tmx.doom_msr);
	else
		record(cpu, cause, addr, true, cpu->msr);
}

/* Failure handling in Transactional state: roll back to the checkpoint, TS = N, continue
 * at TFHAR with CR0 = 0b1010. Return: PPC_EXC (control transferred, as for an interrupt). */
static int handle(struct ppc_cpu *cpu)
{
	ckpt_restore(cpu);
	cpu_set_crf(cpu, 0, 0xa);
	cpu->tmx.doomed = false;
	cpu->tmx.live = false;
	cpu->tmx.nlines = 0;
	cpu_set_msr(cpu, cpu->msr & ~MSR_TS);
	cpu->nia = cpu_ea(cpu, cpu->spr[SPR_TFHAR] & ~3ULL);
	cpu->resv_size = 0;
	return PPC_EXC;
}

/* Fail now with @cause at the current instruction: handled at once in T, recorded in S.
 * Return: PPC_EXC in T, PPC_OK in S. */
static int fail(struct ppc_cpu *cpu, uint64_t cause)
{
	record(cpu, cause, cpu->cia, true, cpu->msr);
	return ts_of(cpu) == MSR_TS_T ? handle(cpu) : PPC_OK;
}

int tm_fail_disallowed(struct ppc_cpu *cpu)
{
	return fail(cpu, TEXASR_DA | TEXASR_FP);
}

void tm_interrupted(struct ppc_cpu *cpu)
{
	if (!cpu->tmx.doomed) {
		cpu->tmx.doomed = true;
		cpu->tmx.doom_addr = cpu->cia;
		cpu->tmx.doom_msr = cpu->msr;
	}
	set_live(cpu, false);
}

uint64_t tm_interrupt_ts(struct ppc_cpu *cpu)
{
	if (ts_of(cpu) == MSR_TS_T)
		tm_interrupted(cpu);
	return MSR_TS_S;
}

void tm_leave(struct ppc_cpu *cpu)
{
	(void)fail(cpu, TEXASR_IMPL);
}

/* ---- loads and stores ---- */

static int snapshot(struct ppc_cpu *cpu, struct ppc_tm_line *l, const uint8_t *host_line)
{
	struct ppc_machine *m = cpu->mach;
	if (m)
		pthread_mutex_lock(&m->atomic_lock);
	memcpy(l->snap, host_line, PPC_TM_LINE);
	l->read = 1;
	bool ok = validate_locked(cpu);
	if (m)
		pthread_mutex_unlock(&m->atomic_lock);
	return ok ? PPC_OK : fail(cpu, conflict_cause(cpu));
}

static inline bool wbit(const struct ppc_tm_line *l, unsigned i)
{
	return (l->wmask[i >> 6] >> (i & 63)) & 1;
}

static bool line_written(const struct ppc_tm_line *l)
{
	return (l->wmask[0] | l->wmask[1]) != 0;
}

int tm_access(struct ppc_cpu *cpu, uint8_t *host, uint64_t real, uint8_t *buf, unsigned len,
	      int write)
{
	if (ts_of(cpu) != MSR_TS_T) {
		/* Suspended: the access is non-transactional; touching what the transaction
		 * wrote, or storing to what it read, is a self-induced conflict (Book II 5.3.x). */
		for (uint64_t a = real & ~LINE_MASK; a < real + len; a += PPC_TM_LINE) {
			const struct ppc_tm_line *l = find_line(cpu, a);
			if (l && (write || line_written(l))) {
				(void)fail(cpu, TEXASR_SIC);
				break;
			}
		}
		return TM_NORMAL;
	}
	if (!host)
		return fail(cpu, TEXASR_DA | TEXASR_FP); /* caching inhibited / MMIO */
	while (len) {
		uint64_t base = real & ~LINE_MASK;
		unsigned off = (unsigned)(real - base);
		unsigned n = PPC_TM_LINE - off < len ? PPC_TM_LINE - off : len;
		struct ppc_tm_line *l = find_line(cpu, base);
		if (!l) {
			if (cpu->tmx.nlines == PPC_TM_MAX_LINES)
				return fail(cpu, TEXASR_FO | TEXASR_FP);
			l = &cpu->tmx.line[cpu->tmx.nlines++];
			l->real = base;
			l->wmask[0] = l->wmask[1] = 0;
			l->read = 0;
		}
		if (write) {
			memcpy(l->data + off, buf, n);
			for (unsigned i = off; i < off + n; i++)
				l->wmask[i >> 6] |= 1ULL << (i & 63);
		} else {
			if (!l->read) {
				int st = snapshot(cpu, l, host - off);
				if (st != PPC_OK)
					return st;
			}
			for (unsigned i = 0; i < n; i++)
				buf[i] = wbit(l, off + i) ? l->data[off + i] : l->snap[off + i];
		}
		buf += n;
		host += n;
		real += n;
		len -= n;
	}
	return PPC_OK;
}

/* Commit at the outermost tend.: validate and write back under the lock. */
static int commit(struct ppc_cpu *cpu)
{
	struct ppc_machine *m = cpu->mach;
	uint8_t *hosts[PPC_TM_MAX_LINES];
	bool ok = true;
	if (m)
		pthread_mutex_lock(&m->atomic_lock);
	for (unsigned i = 0; i < cpu->tmx.nlines && ok; i++) {
		const struct ppc_tm_line *l = &cpu->tmx.line[i];
		hosts[i] = line_written(l) ? mem_host_ptr(cpu, l->real, PPC_TM_LINE, 1) : NULL;
		if (line_written(l) && !hosts[i])
			ok = false; /* the memory map changed under the transaction */
	}
	if (ok)
		ok = validate_locked(cpu);
	if (ok) {
		for (unsigned i = 0; i < cpu->tmx.nlines; i++) {
			const struct ppc_tm_line *l = &cpu->tmx.line[i];
			if (!hosts[i])
				continue;
			if (l->wmask[0] == UINT64_MAX && l->wmask[1] == UINT64_MAX) {
				memcpy(hosts[i], l->data, PPC_TM_LINE);
				continue;
			}
			for (unsigned b = 0; b < PPC_TM_LINE; b++)
				if (wbit(l, b))
					hosts[i][b] = l->data[b];
		}
		if (m)
			atomic_fetch_add(&m->tm_commits, 1);
	}
	if (m)
		pthread_mutex_unlock(&m->atomic_lock);
	if (!ok)
		return fail(cpu, conflict_cause(cpu));
	cpu->tmx.live = false;
	cpu->tmx.nlines = 0;
	cpu->spr[SPR_TEXASR] &= ~TEXASR_TL;
	cpu_set_msr(cpu, cpu->msr & ~MSR_TS);
	return PPC_OK;
}

int tm_larx(struct ppc_cpu *cpu, uint64_t ea, unsigned size, uint8_t *raw)
{
	uint64_t real;
	int st = mem_translate(cpu, ea, ACCESS_LOAD, &real, 1);
	if (st == PPC_OK)
		st = mem_read(cpu, ea, raw, size);
	if (st != PPC_OK)
		return st;
	cpu->resv_addr = real;
	cpu->resv_size = (uint8_t)size;
	memcpy(cpu->resv_val, raw, size);
	return PPC_OK;
}

int tm_stcx(struct ppc_cpu *cpu, uint64_t ea, unsigned size, const uint8_t *raw, bool *ok)
{
	uint64_t real;
	int st = mem_translate(cpu, ea, ACCESS_STORE, &real, 1);
	if (st != PPC_OK)
		return st;
	*ok = cpu->resv_size == size && cpu->resv_addr == real;
	if (*ok)
		st = mem_write(cpu, ea, raw, size);
	return st;
}

/* ---- MSR[TS] transitions (Book III 5.4.4 rfid/hrfid/mtmsrd) ---- */

int tm_msr_transition(struct ppc_cpu *cpu, uint64_t *msr)
{
	uint64_t cur = ts_of(cpu), nw = *msr & MSR_TS;
	if (!cpu->tm_avail || cur == nw)
		return PPC_OK;
	/* MSR[TS,TM] = 0b010 and the source has 0b000: TS and TM are left as they are. */
	if (cur == MSR_TS_S && !(cpu->msr & MSR_TM) && nw == 0 && !(*msr & MSR_TM)) {
		*msr |= MSR_TS_S;
		return PPC_OK;
	}
	/* Legal changes: T <-> S (suspend, resume). N -> T, N -> S, T/S -> N and the reserved
	 * 0b11 are TM Bad Thing. */
	if ((cur == MSR_TS_T && nw == MSR_TS_S) || (cur == MSR_TS_S && nw == MSR_TS_T))
		return PPC_OK;
	return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_TM);
}

int tm_after_msr(struct ppc_cpu *cpu, uint64_t old_msr)
{
	if ((old_msr & MSR_TS) != MSR_TS_S || ts_of(cpu) != MSR_TS_T)
		return PPC_OK;
	if (cpu->tmx.doomed)
		record_doom(cpu, TEXASR_IMPL, cpu->cia);
	if (cpu->spr[SPR_TEXASR] & TEXASR_FS)
		return handle(cpu);
	return PPC_OK;
}

/* ---- instructions (Book II 5.5, Book III 5.x) ---- */

/* MSR[TM] = 0: TM facility unavailable; then the FSCR/HFSCR TM bits. */
static int tm_facility(struct ppc_cpu *cpu)
{
	if (!(cpu->msr & MSR_TM))
		return cpu_facility_unavailable(cpu, FAC_IC_TM, false);
	return cpu_facility_check(cpu, FAC_IC_TM);
}

/* tbegin. R */
int insn_tbegin(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = tm_facility(cpu);
	if (st != PPC_OK)
		return st;
	uint64_t ts = ts_of(cpu);
	if (!cpu->tm_avail) {
		/* No transactions on this model: tbegin. fails at once, persistently. */
		cpu->spr[SPR_TFHAR] = cpu->nia;
		cpu->spr[SPR_TEXASR] = TEXASR_IMPL | TEXASR_FP | TEXASR_FS | TEXASR_EXACT | 1 |
				       ((insn >> 21) & 1 ? TEXASR_ROT : 0) |
				       (cpu->msr & MSR_HV ? TEXASR_HV : 0) |
				       (cpu->msr & MSR_PR ? TEXASR_PR : 0);
		cpu->spr[SPR_TFIAR] = cpu->cia | (cpu->msr & MSR_HV ? 2 : 0) |
				      (cpu->msr & MSR_PR ? 1 : 0);
		cpu_set_crf(cpu, 0, 0xa);
		return PPC_OK;
	}
	if (ts == MSR_TS_S) {
		cpu_set_crf(cpu, 0, ts_cr(ts));
		return PPC_OK;
	}
	if (ts == MSR_TS_T) {
		uint64_t tl = cpu->spr[SPR_TEXASR] & TEXASR_TL;
		if (tl >= TM_MAX_NEST)
			return fail(cpu, TEXASR_NO | TEXASR_FP);
		cpu->spr[SPR_TEXASR] = (cpu->spr[SPR_TEXASR] & ~TEXASR_TL) | (tl + 1);
		cpu_set_crf(cpu, 0, ts_cr(ts));
		return PPC_OK;
	}
	/* Outermost: checkpoint (CR before this instruction), TFHAR = next instruction. */
	if (cpu->mach && !atomic_load_explicit(&cpu->mach->tm_used, memory_order_relaxed))
		atomic_store(&cpu->mach->tm_used, true); /* stcx./AMOs serialize from now on */
	ckpt_save(cpu);
	cpu->spr[SPR_TFHAR] = cpu->nia;
	cpu->spr[SPR_TEXASR] = 1 | ((insn >> 21) & 1 ? TEXASR_ROT : 0);
	cpu->tmx.doomed = false;
	cpu->tmx.nlines = 0;
	cpu->tmx.commit_gen = cpu->mach ? atomic_load(&cpu->mach->tm_commits) : 0;
	cpu->tmx.live = true;
	cpu_set_msr(cpu, cpu->msr | MSR_TS_T);
	cpu_set_crf(cpu, 0, 0);
	return PPC_OK;
}

/* tend. A (A = 1: tendall.) */
int insn_tend(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = tm_facility(cpu);
	if (st != PPC_OK)
		return st;
	uint64_t ts = ts_of(cpu);
	cpu_set_crf(cpu, 0, ts_cr(ts));
	if (ts != MSR_TS_T)
		return PPC_OK;
	uint64_t tl = cpu->spr[SPR_TEXASR] & TEXASR_TL;
	if (tl > 1 && !((insn >> 25) & 1)) {
		cpu->spr[SPR_TEXASR] = (cpu->spr[SPR_TEXASR] & ~TEXASR_TL) | (tl - 1);
		return PPC_OK;
	}
	return commit(cpu);
}

/* The abort of tabort. and the conditional forms: failure code @code, Abort bit. */
static int do_abort(struct ppc_cpu *cpu, uint64_t code)
{
	uint64_t ts = ts_of(cpu);
	cpu_set_crf(cpu, 0, ts_cr(ts));
	if (ts == 0)
		return PPC_OK;
	record_doom(cpu, (code << TEXASR_FC_SHIFT) | TEXASR_ABT, cpu->cia);
	return ts == MSR_TS_T ? handle(cpu) : PPC_OK;
}

/* tabort. RA: failure code = (RA)56:63, 0 if RA = 0 */
int insn_tabort(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = tm_facility(cpu);
	if (st != PPC_OK)
		return st;
	unsigned ra = insn_ra(insn);
	return do_abort(cpu, ra ? cpu->gpr[ra] & 0xff : 0);
}

/* The TO test of tw/td (Book I 3.3.11) on a and b. */
static bool to_true(unsigned to, int64_t a, int64_t b)
{
	return ((to & 16) && a < b) || ((to & 8) && a > b) || ((to & 4) && a == b) ||
	       ((to & 2) && (uint64_t)a < (uint64_t)b) || ((to & 1) && (uint64_t)a > (uint64_t)b);
}

static int cond_abort(struct ppc_cpu *cpu, uint32_t insn, bool dw, bool imm)
{
	int st = tm_facility(cpu);
	if (st != PPC_OK)
		return st;
	unsigned to = insn_rt(insn);
	uint64_t a = cpu->gpr[insn_ra(insn)];
	/* SI: the 5-bit signed immediate in the RB field */
	uint64_t b = imm ? (uint64_t)((int64_t)(insn_rb(insn) ^ 16) - 16) : cpu->gpr[insn_rb(insn)];
	int64_t sa = dw ? (int64_t)a : (int64_t)(int32_t)a;
	int64_t sb = dw ? (int64_t)b : (int64_t)(int32_t)b;
	if (!dw) {
		/* word forms compare the low words; unsigned compares zero-extend them */
		if (!to_true(to & 0x1c, sa, sb) &&
		    !to_true(to & 3, (int64_t)(uint32_t)a, (int64_t)(uint32_t)b)) {
			cpu_set_crf(cpu, 0, ts_cr(ts_of(cpu)));
			return PPC_OK;
		}
	} else if (!to_true(to, sa, sb)) {
		cpu_set_crf(cpu, 0, ts_cr(ts_of(cpu)));
		return PPC_OK;
	}
	return do_abort(cpu, 0);
}

int insn_tabortwc(struct ppc_cpu *cpu, uint32_t insn) { return cond_abort(cpu, insn, false, false); }
int insn_tabortdc(struct ppc_cpu *cpu, uint32_t insn) { return cond_abort(cpu, insn, true, false); }
int insn_tabortwci(struct ppc_cpu *cpu, uint32_t insn) { return cond_abort(cpu, insn, false, true); }
int insn_tabortdci(struct ppc_cpu *cpu, uint32_t insn) { return cond_abort(cpu, insn, true, true); }

/* tcheck BF: CR[BF] = TDOOMED || MSR[TS] || 0 */
int insn_tcheck(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = tm_facility(cpu);
	if (st != PPC_OK)
		return st;
	uint64_t ts = ts_of(cpu);
	bool doomed = ts == 0 || cpu->tmx.doomed || (cpu->spr[SPR_TEXASR] & TEXASR_FS);
	if (!doomed && cpu->tmx.live) {
		struct ppc_machine *m = cpu->mach;
		if (m)
			pthread_mutex_lock(&m->atomic_lock);
		doomed = !validate_locked(cpu);
		if (m)
			pthread_mutex_unlock(&m->atomic_lock);
	}
	cpu_set_crf(cpu, insn_bf(insn), (doomed ? 8u : 0u) | ts_cr(ts));
	return PPC_OK;
}

/* tsr. L: L = 0 tsuspend., L = 1 tresume. */
int insn_tsr(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = tm_facility(cpu);
	if (st != PPC_OK)
		return st;
	uint64_t ts = ts_of(cpu), old = cpu->msr;
	cpu_set_crf(cpu, 0, ts_cr(ts));
	if (!((insn >> 21) & 1)) {
		if (ts == MSR_TS_T)
			cpu_set_msr(cpu, (cpu->msr & ~MSR_TS) | MSR_TS_S);
		return PPC_OK;
	}
	if (ts != MSR_TS_S)
		return PPC_OK;
	cpu_set_msr(cpu, (cpu->msr & ~MSR_TS) | MSR_TS_T);
	return tm_after_msr(cpu, old);
}

/* treclaim. RA (privileged): record a failure (code (RA|0)56:63, with the Abort bit) unless
 * one is, copy the checkpointed registers to the live ones, TS = N. */
int insn_treclaim(struct ppc_cpu *cpu, uint32_t insn)
{
	int st = tm_facility(cpu);
	if (st != PPC_OK)
		return st;
	uint64_t ts = ts_of(cpu);
	if (ts == 0)
		return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_TM);
	unsigned ra = insn_ra(insn);
	uint64_t code = ra ? cpu->gpr[ra] & 0xff : 0;
	record_doom(cpu, (code << TEXASR_FC_SHIFT) | TEXASR_ABT, cpu->cia);
	ckpt_restore(cpu);
	cpu_set_crf(cpu, 0, ts_cr(ts));
	cpu->tmx.doomed = false;
	cpu_set_msr(cpu, cpu->msr & ~MSR_TS);
	return PPC_OK;
}

/* trechkpt. (privileged): N state with a failure recorded; the live registers become
 * the checkpoint and TS = S. */
int insn_trechkpt(struct ppc_cpu *cpu, uint32_t insn)
{
	(void)insn;
	int st = tm_facility(cpu);
	if (st != PPC_OK)
		return st;
	if (ts_of(cpu) != 0 || !(cpu->spr[SPR_TEXASR] & TEXASR_FS) || !cpu->tm_avail)
		return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_TM);
	ckpt_save(cpu);
	cpu->tmx.doomed = false;
	cpu_set_msr(cpu, cpu->msr | MSR_TS_S);
	cpu_set_crf(cpu, 0, 0);
	return PPC_OK;
}
