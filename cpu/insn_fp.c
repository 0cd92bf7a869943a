/* SPDX-License-Identifier: MIT */
/*
 * Floating-point instructions (Power ISA 3.0B Book I chapter 4) on the core of cpu/fpu.h.
 * Primary opcode 59 holds the single-precision forms of the opcode-63 arithmetic: one
 * handler serves both and asks insn_po() which one it is.
 */
#include "cpu/fpu.h"
#include "cpu/insn.h"
#include "mmu/mem.h"

#define FPR(n) (cpu->vsr[(n)].dw[0])

/* Write FPR n. Doubleword 1 of the VSR becomes 0: ISA 3.0 leaves it undefined, POWER
 * hardware zeroes it and ISA 3.1 requires it (qemu does the same). */
static inline void set_fpr(struct ppc_cpu *cpu, unsigned n, uint64_t v)
{
	cpu->vsr[n].dw[0] = v;
	cpu->vsr[n].dw[1] = 0;
}

static inline bool is_single(uint32_t insn) { return insn_po(insn) == 59; }

/* CR1 of a record form: FX FEX VX OX (Book I 4.6, "Rc = 1"). */
static inline void set_cr1(struct ppc_cpu *cpu)
{
	cpu_set_crf(cpu, 1, (unsigned)(cpu->fpscr >> 28) & 0xf);
}

/* Commit an arithmetic result: FPSCR, FRT unless suppressed, CR1, enabled interrupt. */
static inline int done(struct ppc_cpu *cpu, uint32_t insn, const struct fpu_ctx *c,
		       uint64_t r, unsigned how)
{
	if (fpu_finish(cpu, c, r, how))
		set_fpr(cpu, insn_rt(insn), r);
	if (insn_rc(insn))
		set_cr1(cpu);
	return fpu_maybe_enabled(cpu, c->exc);
}

#define ARITH (FPU_FIN_FPRF | FPU_FIN_FIFR)

/* ---- arithmetic (Book I 4.6.6) ---- */

int insn_fadd(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_add(&c, FPR(insn_ra(insn)), FPR(insn_rb(insn)), is_single(insn));
	return done(cpu, insn, &c, r, ARITH);
}

int insn_fsub(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_sub(&c, FPR(insn_ra(insn)), FPR(insn_rb(insn)), is_single(insn));
	return done(cpu, insn, &c, r, ARITH);
}

int insn_fmul(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_mul(&c, FPR(insn_ra(insn)), FPR(insn_rc_reg(insn)), is_single(insn));
	return done(cpu, insn, &c, r, ARITH);
}

int insn_fdiv(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_div(&c, FPR(insn_ra(insn)), FPR(insn_rb(insn)), is_single(insn));
	return done(cpu, insn, &c, r, ARITH);
}

int insn_fsqrt(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_sqrt(&c, FPR(insn_rb(insn)), is_single(insn));
	return done(cpu, insn, &c, r, ARITH);
}

/* fre[s], frsqrte[s]: the estimates are exact (qemu), see fpu_recip(). */
int insn_fre(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_recip(&c, FPR(insn_rb(insn)), is_single(insn));
	return done(cpu, insn, &c, r, ARITH);
}

int insn_frsqrte(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_rsqrt(&c, FPR(insn_rb(insn)), is_single(insn));
	return done(cpu, insn, &c, r, ARITH);
}

/* fmadd family: XO 28 msub, 29 madd, 30 nmsub, 31 nmadd (Book I 4.6.6.2). */
int insn_fmadd(struct ppc_cpu *cpu, uint32_t insn)
{
	static const unsigned neg[4] = {
		FPU_MADD_NEG_ADDEND, 0, FPU_MADD_NEG_ADDEND | FPU_MADD_NEG_RESULT,
		FPU_MADD_NEG_RESULT,
	};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_madd(&c, FPR(insn_ra(insn)), FPR(insn_rc_reg(insn)),
			      FPR(insn_rb(insn)), neg[(insn >> 1) & 3], is_single(insn));
	return done(cpu, insn, &c, r, ARITH);
}

int insn_frsp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_to_single(&c, FPR(insn_rb(insn)));
	return done(cpu, insn, &c, r, ARITH);
}

/* fsel: FRC if FRA >= 0 (either zero counts), else FRB; NaN picks FRB. No FPSCR. */
int insn_fsel(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = FPR(insn_ra(insn));
	bool ge = !fp_is_nan(a) && (!(a >> 63) || fp_is_zero(a));
	set_fpr(cpu, insn_rt(insn), ge ? FPR(insn_rc_reg(insn)) : FPR(insn_rb(insn)));
	if (insn_rc(insn))
		set_cr1(cpu);
	return PPC_OK;
}

/* ---- moves (Book I 4.6.5): bit operations, no FPSCR change ---- */

static int move(struct ppc_cpu *cpu, uint32_t insn, uint64_t v)
{
	set_fpr(cpu, insn_rt(insn), v);
	if (insn_rc(insn))
		set_cr1(cpu);
	return PPC_OK;
}

int insn_fmr(struct ppc_cpu *cpu, uint32_t insn) { return move(cpu, insn, FPR(insn_rb(insn))); }
int insn_fneg(struct ppc_cpu *cpu, uint32_t insn)
{
	return move(cpu, insn, FPR(insn_rb(insn)) ^ FP_SIGN);
}
int insn_fabs(struct ppc_cpu *cpu, uint32_t insn)
{
	return move(cpu, insn, FPR(insn_rb(insn)) & ~FP_SIGN);
}
int insn_fnabs(struct ppc_cpu *cpu, uint32_t insn)
{
	return move(cpu, insn, FPR(insn_rb(insn)) | FP_SIGN);
}
int insn_fcpsgn(struct ppc_cpu *cpu, uint32_t insn)
{
	return move(cpu, insn, (FPR(insn_ra(insn)) & FP_SIGN) | (FPR(insn_rb(insn)) & ~FP_SIGN));
}

/* ---- conversions and rounding (Book I 4.6.7) ---- */

/* fcti*: XO 14 fctiw, 15 fctiwz, 142 fctiwu, 143 fctiwuz, 814 fctid, 815 fctidz,
 * 942 fctidu, 943 fctiduz. Bit 0 of XO: toward zero; 128: unsigned; 800: doubleword.
 * FPRF is left alone (it is undefined), except that VX sets it to QNaN as qemu does. */
int insn_fctiw(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = insn_xo10(insn);
	unsigned kind = ((xo & 128) ? FPU_CVT_UNSIGNED : 0) | ((xo & 800) == 800 ? 0 : FPU_CVT_32);
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_to_int(&c, FPR(insn_rb(insn)), kind, (xo & 1) ? FPU_RND_ZERO : c.rn);
	return done(cpu, insn, &c, r, FPU_FIN_FIFR | FPU_FIN_VXQNAN);
}

/* fcfid[u][s]: XO 846 fcfid, 974 fcfidu (and the same on opcode 59 for the singles).
 * qemu sets FPRF for fcfid only; the ISA says all four set it. We follow qemu. */
int insn_fcfid(struct ppc_cpu *cpu, uint32_t insn)
{
	bool uns = insn_xo10(insn) == 974, single = is_single(insn);
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_from_int(&c, FPR(insn_rb(insn)), uns ? FPU_CVT_UNSIGNED : 0, single);
	return done(cpu, insn, &c, r, FPU_FIN_FIFR | (uns || single ? 0 : FPU_FIN_FPRF));
}

/* frin 392, friz 424, frip 456, frim 488: FPRF set, FR FI cleared, XX never set. */
int insn_frin(struct ppc_cpu *cpu, uint32_t insn)
{
	static const unsigned mode[4] = {FPU_RND_AWAY, FPU_RND_ZERO, FPU_RND_UP, FPU_RND_DOWN};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_round_int(&c, FPR(insn_rb(insn)), mode[(insn_xo10(insn) >> 5) & 3], NULL);
	return done(cpu, insn, &c, r, FPU_FIN_FPRF | FPU_FIN_FIFR);
}

/* ---- compare and test (Book I 4.6.8) ---- */

static int compare(struct ppc_cpu *cpu, uint32_t insn, bool ordered)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	unsigned cc = fpu_compare(&c, FPR(insn_ra(insn)), FPR(insn_rb(insn)), ordered,
				  (cpu->fpscr & FPSCR_VE) != 0);
	uint64_t f = cpu->fpscr & ~FPSCR_FPCC;
	f |= (uint64_t)cc << FPSCR_FPRF_SHIFT;
	if (c.exc)
		f |= c.exc | FPSCR_FX;
	if (c.exc & FPSCR_VXVC)
		f |= FPSCR_C; /* qemu: VXVC sets FPRF to the QNaN code; VXSNAN alone does not */
	cpu->fpscr = fpu_fpscr_summary(f);
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return fpu_maybe_enabled(cpu, c.exc);
}

int insn_fcmpu(struct ppc_cpu *cpu, uint32_t insn) { return compare(cpu, insn, false); }
int insn_fcmpo(struct ppc_cpu *cpu, uint32_t insn) { return compare(cpu, insn, true); }

int insn_ftdiv(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu_set_crf(cpu, insn_bf(insn), fpu_tdiv_flags(FPR(insn_ra(insn)), FPR(insn_rb(insn))));
	return PPC_OK;
}

int insn_ftsqrt(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu_set_crf(cpu, insn_bf(insn), fpu_tsqrt_flags(FPR(insn_rb(insn))));
	return PPC_OK;
}

/* ---- FPSCR instructions (Book I 4.6.10) ---- */

#define FPSCR_MODE (FPSCR_DRN | FPSCR_VE | FPSCR_OE | FPSCR_UE | FPSCR_ZE | FPSCR_XE | \
		    FPSCR_NI | FPSCR_RN)
#define FPSCR_ENABLES (FPSCR_VE | FPSCR_OE | FPSCR_UE | FPSCR_ZE | FPSCR_XE)

/* Install @f (FEX and VX recomputed); the program interrupt when FEX turns on with
 * MSR[FE0|FE1] != 0 (Book I 4.4, "enabled exception"). */
static int set_fpscr(struct ppc_cpu *cpu, uint32_t insn, uint64_t f)
{
	uint64_t old = cpu->fpscr;
	f &= FPSCR_WRITABLE | FPSCR_DRN;
	cpu->fpscr = fpu_fpscr_summary(f);
	if (insn_rc(insn))
		set_cr1(cpu);
	if ((cpu->fpscr & FPSCR_FEX) && !(old & FPSCR_FEX) && (cpu->msr & (MSR_FE0 | MSR_FE1)))
		return cpu_interrupt(cpu, EXCP_PROGRAM, SRR1_PROG_FPE);
	return PPC_OK;
}

/* mffs and, on ISA 3.0, its variants selected by bits 11-15. On POWER8 those bits are
 * ignored and every variant is mffs (glibc uses mffsl unconditionally). */
int insn_mffs(struct ppc_cpu *cpu, uint32_t insn)
{
	set_fpr(cpu, insn_rt(insn), cpu->fpscr);
	if (insn_rc(insn))
		set_cr1(cpu);
	return PPC_OK;
}

int insn_mffsl(struct ppc_cpu *cpu, uint32_t insn)
{
	set_fpr(cpu, insn_rt(insn), cpu->fpscr & (FPSCR_MODE | FPSCR_FR | FPSCR_FI | FPSCR_FPRF));
	return PPC_OK;
}

int insn_mffsce(struct ppc_cpu *cpu, uint32_t insn)
{
	set_fpr(cpu, insn_rt(insn), cpu->fpscr);
	cpu->fpscr = fpu_fpscr_summary(cpu->fpscr & ~FPSCR_ENABLES);
	return PPC_OK;
}

/* mffscdrn 20, mffscdrni 21, mffscrn 22, mffscrni 23: return the mode bits, set DRN/RN. */
int insn_mffscrn(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t f = cpu->fpscr;
	/* FRB is read before FRT is written: FRT may be FRB (mffscrn f19,f19). */
	uint64_t frb = FPR(insn_rb(insn));
	set_fpr(cpu, insn_rt(insn), f & FPSCR_MODE);
	switch (insn_ra(insn)) {
	case 20: f = (f & ~FPSCR_DRN) | (frb & FPSCR_DRN); break;
	case 21: f = (f & ~FPSCR_DRN) | ((uint64_t)((insn >> 11) & 7) << 32); break;
	case 22: f = (f & ~FPSCR_RN) | (frb & FPSCR_RN); break;
	default: f = (f & ~FPSCR_RN) | ((insn >> 11) & 3); break;
	}
	cpu->fpscr = f;
	return PPC_OK;
}

/* mcrfs BF,BFA: copy FPSCR field BFA to CR field BF; clear the exception bits copied
 * (FX and OX..VXVC, VXSOFT..VXCVI; not FEX, VX). */
int insn_mcrfs(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned bfa = (insn >> 18) & 7;
	unsigned sh = 28 - 4 * bfa;
	uint64_t field = (cpu->fpscr >> sh) & 0xf;
	cpu_set_crf(cpu, insn_bf(insn), (unsigned)field);
	uint64_t clear = ((uint64_t)0xf << sh) & (FPSCR_FX | FPSCR_EXC_ALL);
	cpu->fpscr = fpu_fpscr_summary(cpu->fpscr & ~clear);
	return PPC_OK;
}

/* mtfsfi BF,U,W: FPSCR field BF + 8 * (1 - W) = U. */
int insn_mtfsfi(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned field = insn_bf(insn) + (((insn >> 16) & 1) ? 0 : 8);
	unsigned sh = 60 - 4 * field;
	uint64_t u = (insn >> 12) & 0xf;
	uint64_t f = (cpu->fpscr & ~(0xfULL << sh)) | (u << sh);
	return set_fpscr(cpu, insn, f);
}

/* mtfsf FLM,FRB,L,W: with L the whole FPSCR, else the fields FLM selects (W: upper). */
int insn_mtfsf(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t b = FPR(insn_rb(insn)), f = cpu->fpscr, mask = 0;
	if ((insn >> 25) & 1) {
		mask = ~0ULL;
	} else {
		unsigned flm = (insn >> 17) & 0xff, base = ((insn >> 16) & 1) ? 0 : 8;
		for (unsigned i = 0; i < 8; i++)
			if (flm & (0x80u >> i))
				mask |= 0xfULL << (60 - 4 * (i + base));
	}
	return set_fpscr(cpu, insn, (f & ~mask) | (b & mask));
}

/* mtfsb0/mtfsb1 BT: FEX and VX (bits 33, 34) cannot be altered explicitly. Setting an
 * exception bit leaves FX alone (qemu; the ISA lists FX as altered). */
int insn_mtfsb0(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t bit = 1ULL << (31 - insn_rt(insn));
	return set_fpscr(cpu, insn, cpu->fpscr & ~bit);
}

int insn_mtfsb1(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t bit = 1ULL << (31 - insn_rt(insn));
	return set_fpscr(cpu, insn, cpu->fpscr | bit);
}

/* ---- loads and stores (Book I 4.6.2-4.6.4) ---- */

static inline uint64_t ra0(const struct ppc_cpu *cpu, uint32_t insn)
{
	return insn_ra(insn) ? cpu->gpr[insn_ra(insn)] : 0;
}

/* EA of a D-, DS- or X-form access; *upd says the form updates RA (RA = 0 invalid). */
static int ea_of(struct ppc_cpu *cpu, uint32_t insn, uint64_t *ea, bool *upd)
{
	unsigned po = insn_po(insn);
	uint64_t off;
	if (po == 31) {
		unsigned xo = insn_xo10(insn);
		off = cpu->gpr[insn_rb(insn)];
		/* lfsux 567, lfdux 631, stfsux 695, stfdux 759: bit 5 of XO */
		*upd = (xo & 0x20) && xo != 791 && xo != 919 && xo != 855 && xo != 887 &&
		       xo != 983;
	} else if (po == 57 || po == 61) {
		off = (uint64_t)insn_ds(insn);
		*upd = false;
	} else {
		off = (uint64_t)insn_si(insn);
		*upd = po & 1;
	}
	if (*upd && insn_ra(insn) == 0)
		return cpu_program_illegal(cpu);
	*ea = cpu_ea(cpu, (*upd ? cpu->gpr[insn_ra(insn)] : ra0(cpu, insn)) + off);
	return PPC_OK;
}

/* Loads: lfs[u][x], lfd[u][x], lfiwax, lfiwzx. */
int insn_lfs(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t ea, v;
	bool upd;
	int st = ea_of(cpu, insn, &ea, &upd);
	if (st != PPC_OK)
		return st;
	unsigned po = insn_po(insn), xo = insn_xo10(insn);
	bool dbl = po == 50 || po == 51 || (po == 31 && (xo == 599 || xo == 631));
	st = mem_load(cpu, ea, dbl ? 8 : 4, &v);
	if (st != PPC_OK)
		return st;
	if (po == 31 && xo == 855)
		v = (uint64_t)(int64_t)(int32_t)(uint32_t)v; /* lfiwax */
	else if (!(po == 31 && xo == 887) && !dbl)
		v = fpu_sp_to_dp((uint32_t)v);
	set_fpr(cpu, insn_rt(insn), v);
	if (upd)
		cpu->gpr[insn_ra(insn)] = ea;
	return PPC_OK;
}

/* Stores: stfs[u][x], stfd[u][x], stfiwx. */
int insn_stfs(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t ea;
	bool upd;
	int st = ea_of(cpu, insn, &ea, &upd);
	if (st != PPC_OK)
		return st;
	unsigned po = insn_po(insn), xo = insn_xo10(insn);
	uint64_t v = FPR(insn_rt(insn));
	unsigned size = 4;
	if (po == 54 || po == 55 || (po == 31 && (xo == 727 || xo == 759)))
		size = 8;
	else if (!(po == 31 && xo == 983))
		v = fpu_dp_to_sp(v);
	st = mem_store(cpu, ea, size, v);
	if (st != PPC_OK)
		return st;
	if (upd)
		cpu->gpr[insn_ra(insn)] = ea;
	return PPC_OK;
}

/* lfdp/lfdpx, stfdp/stfdpx: an even-odd FPR pair; in little-endian mode the odd register
 * takes the lower address (as for lq). FRTp odd is an invalid form. */
int insn_lfdp(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t ea, v0, v1;
	bool upd;
	unsigned frt = insn_rt(insn);
	if (frt & 1)
		return cpu_program_illegal(cpu);
	int st = ea_of(cpu, insn, &ea, &upd);
	if (st != PPC_OK)
		return st;
	st = mem_load(cpu, ea, 8, &v0);
	if (st == PPC_OK)
		st = mem_load(cpu, cpu_ea(cpu, ea + 8), 8, &v1);
	if (st != PPC_OK)
		return st;
	bool le = cpu->msr & MSR_LE;
	set_fpr(cpu, frt, le ? v1 : v0);
	set_fpr(cpu, frt + 1, le ? v0 : v1);
	return PPC_OK;
}

int insn_stfdp(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t ea;
	bool upd;
	unsigned frs = insn_rt(insn);
	if (frs & 1)
		return cpu_program_illegal(cpu);
	int st = ea_of(cpu, insn, &ea, &upd);
	if (st != PPC_OK)
		return st;
	bool le = cpu->msr & MSR_LE;
	st = mem_store(cpu, ea, 8, le ? FPR(frs + 1) : FPR(frs));
	if (st == PPC_OK)
		st = mem_store(cpu, cpu_ea(cpu, ea + 8), 8, le ? FPR(frs) : FPR(frs + 1));
	return st;
}
