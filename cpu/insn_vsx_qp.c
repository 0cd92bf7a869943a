/* SPDX-License-Identifier: MIT */
/*
 * VSX scalar quad-precision instructions (Power ISA 3.0B Book I 7.6, opcode 63 X/Z23
 * forms; the quadword integer conversions of ISA 3.1 Book I 7.6): operands are VRs, i.e.
 * VSR 32 + n, the binary128 value with dw[0] its high doubleword. Arithmetic on the
 * binary128 core (cpu/f128.h); FPSCR through fpu_finish() of cpu/fpu.h:
 *  - arithmetic and conversions to binary128/binary64 set FPRF (class of the result),
 *    FI, FR (never, as fpu.h) and the exception bits; an enabled invalid-operation or
 *    zero-divide exception leaves VRT unchanged (Book I 7.4);
 *  - the "o" forms (Rc/RO bit = 1) round to odd, ignoring FPSCR[RN];
 *  - conversions to integers leave FPRF alone (it is undefined, qemu keeps it) and set
 *    FI/XX when inexact.
 */
#include "cpu/f128.h"
#include "cpu/insn.h"

static inline unsigned vrt(uint32_t i) { return 32 + ((i >> 21) & 31); }
static inline unsigned vra(uint32_t i) { return 32 + ((i >> 16) & 31); }
static inline unsigned vrb(uint32_t i) { return 32 + ((i >> 11) & 31); }
static inline unsigned xo10(uint32_t i) { return (i >> 1) & 0x3ff; }
static inline bool ro(uint32_t i) { return i & 1; }

static inline u128 get_q(const struct ppc_cpu *cpu, unsigned n)
{
	return u128_make(cpu->vsr[n].dw[0], cpu->vsr[n].dw[1]);
}

static void ctx_init(struct fpu_ctx *c, const struct ppc_cpu *cpu, uint32_t insn)
{
	fpu_ctx_init(c, cpu->fpscr);
	if (ro(insn))
		c->rn = FPU_RND_ODD;
}

/* Commit a result: FPSCR per @how (@fprf an FPRF code), VRT unless suppressed. */
static int commit_q(struct ppc_cpu *cpu, const struct fpu_ctx *c, uint32_t insn, u128 r,
		    unsigned fprf, unsigned how)
{
	if (fpu_finish(cpu, c, fprf, how)) {
		cpu->vsr[vrt(insn)].dw[0] = r.hi;
		cpu->vsr[vrt(insn)].dw[1] = r.lo;
	}
	return fpu_maybe_enabled(cpu, c->exc);
}

#define QP_RESULT (FPU_FIN_FPRF | FPU_FIN_FIFR | FPU_FIN_FPRF_RAW)

static int qp_result(struct ppc_cpu *cpu, const struct fpu_ctx *c, uint32_t insn, u128 r)
{
	return commit_q(cpu, c, insn, r, f128_fprf(r), QP_RESULT);
}

/* xsaddqp 4, xsmulqp 36, xssubqp 516, xsdivqp 548 (and their "o" forms). */
int insn_xsaddqp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	ctx_init(&c, cpu, insn);
	u128 a = get_q(cpu, vra(insn)), b = get_q(cpu, vrb(insn)), r;
	switch (xo10(insn)) {
	case 4: r = f128_add(&c, a, b); break;
	case 516: r = f128_sub(&c, a, b); break;
	case 36: r = f128_mul(&c, a, b); break;
	default: r = f128_div(&c, a, b); break;
	}
	return qp_result(cpu, &c, insn, r);
}

/* xsmaddqp 388, xsmsubqp 420, xsnmaddqp 452, xsnmsubqp 484: VRT = +-(VRA * VRB +- VRT). */
int insn_xsmaddqp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo10(insn);
	unsigned fl = ((xo == 420 || xo == 484) ? FPU_MADD_NEG_ADDEND : 0) |
		      ((xo == 452 || xo == 484) ? FPU_MADD_NEG_RESULT : 0);
	struct fpu_ctx c;
	ctx_init(&c, cpu, insn);
	u128 r = f128_madd(&c, get_q(cpu, vra(insn)), get_q(cpu, vrb(insn)),
			   get_q(cpu, vrt(insn)), fl);
	return qp_result(cpu, &c, insn, r);
}

/* xscmpuqp 644, xscmpoqp 132: CR[BF] and FPCC; FPSCR[C] unchanged (as xscmpudp). */
int insn_xscmpuqp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	unsigned cc = f128_compare(&c, get_q(cpu, vra(insn)), get_q(cpu, vrb(insn)),
				   xo10(insn) == 132, (cpu->fpscr & FPSCR_VE) != 0);
	uint64_t f = (cpu->fpscr & ~FPSCR_FPCC) | ((uint64_t)cc << FPSCR_FPRF_SHIFT);
	if (c.exc)
		f |= c.exc | FPSCR_FX;
	cpu->fpscr = fpu_fpscr_summary(f);
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return fpu_maybe_enabled(cpu, c.exc);
}

/* xscmpexpqp: compare the biased exponents; unordered when either is a NaN. */
int insn_xscmpexpqp(struct ppc_cpu *cpu, uint32_t insn)
{
	u128 a = get_q(cpu, vra(insn)), b = get_q(cpu, vrb(insn));
	unsigned cc;
	if (f128_is_nan(a) || f128_is_nan(b)) {
		cc = 1;
	} else {
		uint64_t ea = (a.hi >> 48) & 0x7fff, eb = (b.hi >> 48) & 0x7fff;
		cc = ea < eb ? 8 : ea > eb ? 4 : 2;
	}
	cpu->fpscr = (cpu->fpscr & ~FPSCR_FPCC) | ((uint64_t)cc << FPSCR_FPRF_SHIFT);
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return PPC_OK;
}

/* xscpsgnqp VRT,VRA,VRB: VRB with the sign of VRA; no FPSCR change. */
int insn_xscpsgnqp(struct ppc_cpu *cpu, uint32_t insn)
{
	u128 a = get_q(cpu, vra(insn)), b = get_q(cpu, vrb(insn));
	cpu->vsr[vrt(insn)].dw[0] = (b.hi & ~FP_SIGN) | (a.hi & FP_SIGN);
	cpu->vsr[vrt(insn)].dw[1] = b.lo;
	return PPC_OK;
}

/*
 * XO 804, sub-opcode in the VRA field: xsabsqp 0, xsxexpqp 2, xsnabsqp 8, xsnegqp 16,
 * xsxsigqp 18, xssqrtqp[o] 27.
 */
int insn_xsabsqp(struct ppc_cpu *cpu, uint32_t insn)
{
	u128 b = get_q(cpu, vrb(insn));
	struct ppc_vsr *t = &cpu->vsr[vrt(insn)];
	unsigned e = (unsigned)((b.hi >> 48) & 0x7fff);
	switch ((insn >> 16) & 31) {
	case 0: t->dw[0] = b.hi & ~FP_SIGN; t->dw[1] = b.lo; break;
	case 8: t->dw[0] = b.hi | FP_SIGN; t->dw[1] = b.lo; break;
	case 16: t->dw[0] = b.hi ^ FP_SIGN; t->dw[1] = b.lo; break;
	case 2: /* xsxexpqp: the biased exponent in bits 49:63 of dw[0] */
		t->dw[0] = e;
		t->dw[1] = 0;
		break;
	case 18: /* xsxsigqp: the significand with its implicit bit */
		t->dw[0] = (b.hi & 0x0000ffffffffffffULL) |
			   ((e != 0 && e != 0x7fff) ? 0x0001000000000000ULL : 0);
		t->dw[1] = b.lo;
		break;
	default: { /* 27: xssqrtqp[o] */
		struct fpu_ctx c;
		ctx_init(&c, cpu, insn);
		return qp_result(cpu, &c, insn, f128_sqrt(&c, b));
	}
	}
	return PPC_OK;
}

/* xsiexpqp VRT,VRA,VRB: sign and fraction of VRA, exponent from VRB bits 49:63 of dw[0]. */
int insn_xsiexpqp(struct ppc_cpu *cpu, uint32_t insn)
{
	u128 a = get_q(cpu, vra(insn)), b = get_q(cpu, vrb(insn));
	cpu->vsr[vrt(insn)].dw[0] = (a.hi & 0x8000ffffffffffffULL) | ((b.hi & 0x7fff) << 48);
	cpu->vsr[vrt(insn)].dw[1] = a.lo;
	return PPC_OK;
}

/*
 * XO 836, sub-opcode in the VRA field: xscvqpuwz 1, xscvudqp 2, xscvqpswz 9, xscvsdqp 10,
 * xscvqpudz 17, xscvqpdp[o] 20, xscvdpqp 22, xscvqpsdz 25; ISA 3.1: xscvqpuqz 0,
 * xscvuqqp 3, xscvqpsqz 8, xscvsqqp 11.
 */
int insn_xscvqpdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned sub = (insn >> 16) & 31;
	u128 b = get_q(cpu, vrb(insn)), r;
	struct fpu_ctx c;
	ctx_init(&c, cpu, insn);
	switch (sub) {
	case 20: { /* xscvqpdp[o]: binary64 in dw[0], dw[1] = 0 */
		uint64_t d = f128_to_f64(&c, b);
		return commit_q(cpu, &c, insn, u128_make(d, 0), fpu_fprf(d), QP_RESULT);
	}
	case 22: /* xscvdpqp: from dw[0] of VRB, exact */
		r = f128_from_f64(&c, b.hi);
		return qp_result(cpu, &c, insn, r);
	case 2: /* xscvudqp */
	case 10: /* xscvsdqp */
		r = f128_from_int(&c, u128_make(0, b.hi), sub == 2 ? FPU_CVT_UNSIGNED : 0);
		return qp_result(cpu, &c, insn, r);
	case 3: /* xscvuqqp */
	case 11: /* xscvsqqp */
		r = f128_from_int(&c, b, F128_CVT_128 | (sub == 3 ? FPU_CVT_UNSIGNED : 0));
		return qp_result(cpu, &c, insn, r);
	default: {
		/* to integers, truncating: 0 uqz, 1 uwz, 8 sqz, 9 swz, 17 udz, 25 sdz */
		unsigned kind = (sub & 8) ? 0 : FPU_CVT_UNSIGNED;
		if (sub == 0 || sub == 8)
			kind |= F128_CVT_128;
		else if (sub == 1 || sub == 9)
			kind |= F128_CVT_32;
		r = f128_to_int(&c, b, kind);
		if (!(kind & F128_CVT_128)) /* the integer in dw[0] */
			r = u128_make(r.lo, 0);
		return commit_q(cpu, &c, insn, r, 0, FPU_FIN_FIFR);
	}
	}
}

/* xststdcqp BF,VRB,DCMX: as xststdcdp (DCMX 0x40 NaN, 0x20 +inf, 0x10 -inf, 0x08 +0,
 * 0x04 -0, 0x02 +denormal, 0x01 -denormal); CR[BF] = FPCC = sign || 0 || match || 0. */
int insn_xststdcqp(struct ppc_cpu *cpu, uint32_t insn)
{
	u128 b = get_q(cpu, vrb(insn));
	unsigned dcmx = (insn >> 16) & 0x7f, cls = 0;
	bool n = (b.hi >> 63) != 0;
	if (f128_is_nan(b))
		cls = 0x40;
	else if (f128_is_inf(b))
		cls = n ? 0x10 : 0x20;
	else if (f128_is_zero(b))
		cls = n ? 0x04 : 0x08;
	else if (!(b.hi & 0x7fff000000000000ULL))
		cls = n ? 0x01 : 0x02;
	unsigned cc = (n ? 8u : 0) | ((dcmx & cls) ? 2u : 0);
	cpu->fpscr = (cpu->fpscr & ~FPSCR_FPCC) | ((uint64_t)cc << FPSCR_FPRF_SHIFT);
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return PPC_OK;
}

/*
 * xsrqpi[x] (Z23 XO 5) R,VRT,VRB,RMC: round to an integral value; R = 0: RMC 0 nearest
 * away, 3 FPSCR[RN] (1, 2 reserved: treated as FPSCR[RN]); R = 1: RMC 0 nearest even,
 * 1 zero, 2 +inf, 3 -inf. EX = 1 (xsrqpix) reports inexactness in XX and FI; xsrqpi
 * clears FI. xsrqpxp (XO 37): round to a 64-bit significand in the same modes.
 */
int insn_xsrqpi(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned rmc = (insn >> 9) & 3;
	bool r_bit = (insn >> 16) & 1;
	unsigned rnd = r_bit ? rmc : rmc == 0 ? FPU_RND_AWAY : (unsigned)(cpu->fpscr & FPSCR_RN);
	u128 b = get_q(cpu, vrb(insn)), r;
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	if (((insn >> 1) & 0xff) == 37) {
		r = f128_round_xp(&c, b, rnd);
	} else {
		bool inexact;
		r = f128_round_int(&c, b, rnd, &inexact);
		if (inexact && (insn & 1))
			c.exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
	}
	return qp_result(cpu, &c, insn, r);
}

/*
 * ISA 3.1 (Book I 7.6): xsmaxcqp 676, xsmincqp 740 with the C semantics of xsmaxcdp (a
 * NaN operand gives VRB; VXSNAN for an SNaN). +0 and -0 compare equal: xsmaxcqp then
 * gives VRA and xsmincqp VRB, as qemu 7.2 -cpu power10 does (its binary64 forms give VRA
 * for both, and so do ours; the ISA's "src1 > src2 ? src1 : src2" reading would give VRB
 * for xsmaxcqp too). xscmpeqqp 68, xscmpgtqp 228, xscmpgeqp 196: a
 * 128-bit mask of ones or zeros, eq raising VXSNAN only, gt/ge ordered (VXVC on a NaN;
 * on an SNaN only when VE = 0). FPRF, FI and FR are not altered.
 */
int insn_xsmaxcqp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo10(insn);
	u128 a = get_q(cpu, vra(insn)), b = get_q(cpu, vrb(insn)), r;
	struct fpu_ctx c, d = {0, 0, 0};
	fpu_ctx_init(&c, cpu->fpscr);
	bool nan = f128_is_nan(a) || f128_is_nan(b);
	bool snan = f128_is_snan(a) || f128_is_snan(b);
	if (snan)
		c.exc |= (uint32_t)FPSCR_VXSNAN;
	unsigned cc = nan ? 1 : f128_compare(&d, a, b, false, false);
	if (xo == 676 || xo == 740) {
		bool is_max = xo == 676;
		r = (!nan && (is_max ? cc != 8 : cc == 8)) ? a : b;
	} else {
		bool p;
		if (xo != 68 && nan && (!snan || !(cpu->fpscr & FPSCR_VE)))
			c.exc |= (uint32_t)FPSCR_VXVC;
		switch (xo) {
		case 68: p = cc == 2; break;
		case 228: p = cc == 4; break;
		default: p = cc == 4 || cc == 2; break;
		}
		r = p ? u128_make(~0ULL, ~0ULL) : u128_make(0, 0);
	}
	return commit_q(cpu, &c, insn, r, 0, 0);
}
