/* SPDX-License-Identifier: MIT */
/*
 * VSX floating-point instructions, scalar (xs*) and vector (xv*) (Power ISA 3.0B Book I
 * 7.6), on the FP core of cpu/fpu.h.
 *
 * FPSCR conventions (Book I 7.3, checked against qemu-ppc64le):
 *  - scalar arithmetic sets FPRF, FR (never, see fpu.h) and FI; the scalar result goes to
 *    doubleword 0 and doubleword 1 becomes 0;
 *  - vector arithmetic leaves FPRF, FR and FI alone; the exception bits are the union over
 *    the elements; an enabled invalid-operation or zero-divide exception in any element
 *    leaves the whole target unchanged.
 * Single-precision vector elements are computed in binary64 with single rounding, the
 * format changes being exact (fpu_sp_to_dp / fpu_dp_to_sp). The scalar single-precision
 * forms (xsaddsp...) compute in binary64 and then round to single, as qemu does.
 */
#include "cpu/fpu.h"
#include "cpu/insn.h"

/* Register numbers of the XX forms: 5-bit field plus the TX/AX/BX extension bit. */
static inline unsigned xt(uint32_t i) { return ((i & 1) << 5) | ((i >> 21) & 31); }
static inline unsigned xa(uint32_t i) { return ((i & 4) << 3) | ((i >> 16) & 31); }
static inline unsigned xb(uint32_t i) { return ((i & 2) << 4) | ((i >> 11) & 31); }
static inline unsigned xo8(uint32_t i) { return (i >> 3) & 0xff; }  /* XX3 */
static inline unsigned xo9(uint32_t i) { return (i >> 2) & 0x1ff; } /* XX2 */

/* Word i (0..3, big-endian element order) of a VSR. */
static inline uint32_t get_w(const struct ppc_vsr *v, unsigned i)
{
	return (uint32_t)(v->dw[i >> 1] >> ((i & 1) ? 0 : 32));
}

static inline void set_w(struct ppc_vsr *v, unsigned i, uint32_t w)
{
	unsigned sh = (i & 1) ? 0 : 32;
	v->dw[i >> 1] = (v->dw[i >> 1] & ~(0xffffffffULL << sh)) | ((uint64_t)w << sh);
}

/* Commit: FPSCR per @how, the target unless an enabled exception suppresses it. */
static int commit(struct ppc_cpu *cpu, const struct fpu_ctx *c, unsigned t,
		  const struct ppc_vsr *r, uint64_t fprf_of, unsigned how)
{
	if (fpu_finish(cpu, c, fprf_of, how))
		cpu->vsr[t] = *r;
	return fpu_maybe_enabled(cpu, c->exc);
}

#define SCALAR (FPU_FIN_FPRF | FPU_FIN_FIFR)

static int scalar_result(struct ppc_cpu *cpu, const struct fpu_ctx *c, uint32_t insn,
			 uint64_t r, unsigned how)
{
	struct ppc_vsr v = {{r, 0}};
	return commit(cpu, c, xt(insn), &v, r, how);
}

/* ---- element access by type ---- */

/* Element count and fetch/store of elements as binary64 values (singles widened). */
static inline unsigned nelem(bool sp) { return sp ? 4 : 2; }

static inline uint64_t get_e(const struct ppc_vsr *v, unsigned i, bool sp)
{
	return sp ? fpu_sp_to_dp(get_w(v, i)) : v->dw[i];
}

static inline void set_e(struct ppc_vsr *v, unsigned i, bool sp, uint64_t x)
{
	if (sp)
		set_w(v, i, fpu_dp_to_sp(x));
	else
		v->dw[i] = x;
}

/* ---- arithmetic: XX3 XO bits: 0x20 double, 0x40 vector, (xo >> 3) & 3 the op ---- */

static uint64_t binop(struct fpu_ctx *c, unsigned op, uint64_t a, uint64_t b, bool single)
{
	switch (op) {
	case 0: return fpu_add(c, a, b, single);
	case 1: return fpu_sub(c, a, b, single);
	case 2: return fpu_mul(c, a, b, single);
	default: return fpu_div(c, a, b, single);
	}
}

int insn_xsadddp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo8(insn), op = (xo >> 3) & 3;
	bool dp = xo & 0x20;
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	/* single precision: one rounding to binary32 (and on an enabled overflow/underflow
	 * the 2^-+192 adjusted value in binary64 format, Book I 4.4.4-4.4.5), like xvaddsp */
	uint64_t r = binop(&c, op, cpu->vsr[xa(insn)].dw[0], cpu->vsr[xb(insn)].dw[0], !dp);
	return scalar_result(cpu, &c, insn, r, SCALAR);
}

int insn_xvadddp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo8(insn), op = (xo >> 3) & 3;
	bool sp = !(xo & 0x20);
	const struct ppc_vsr *a = &cpu->vsr[xa(insn)], *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{0, 0}};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	for (unsigned i = 0; i < nelem(sp); i++)
		set_e(&r, i, sp, binop(&c, op, get_e(a, i, sp), get_e(b, i, sp), sp));
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* Multiply-add. XO bits: 0x08 "m" form (T = A*T + B; else T = A*B + T), 0x10 subtract,
 * 0x20 double, 0x40 vector, 0x80 negate. NaN order A, addend, multiplicand. */
static uint64_t madd(struct fpu_ctx *c, unsigned xo, uint64_t a, uint64_t b, uint64_t t,
		     bool single)
{
	unsigned fl = ((xo & 0x10) ? FPU_MADD_NEG_ADDEND : 0) |
		      ((xo & 0x80) ? FPU_MADD_NEG_RESULT : 0);
	if (xo & 0x08)
		return fpu_madd(c, a, t, b, fl, single);
	return fpu_madd(c, a, b, t, fl, single);
}

int insn_xsmaddadp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo8(insn);
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	/* single precision: one rounding (a binary64 FMA rounded again to binary32 could
	 * double-round), enabled overflow/underflow adjusted as xsaddsp */
	uint64_t r = madd(&c, xo, cpu->vsr[xa(insn)].dw[0], cpu->vsr[xb(insn)].dw[0],
			  cpu->vsr[xt(insn)].dw[0], !(xo & 0x20));
	return scalar_result(cpu, &c, insn, r, SCALAR);
}

int insn_xvmaddadp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo8(insn);
	bool sp = !(xo & 0x20);
	const struct ppc_vsr *a = &cpu->vsr[xa(insn)], *b = &cpu->vsr[xb(insn)];
	const struct ppc_vsr *t = &cpu->vsr[xt(insn)];
	struct ppc_vsr r = {{0, 0}};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	for (unsigned i = 0; i < nelem(sp); i++)
		set_e(&r, i, sp, madd(&c, xo, get_e(a, i, sp), get_e(b, i, sp), get_e(t, i, sp), sp));
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* ---- max/min/copy sign: (xo >> 3) & 3 = 0 max, 1 min, 2 cpsgn ---- */

/* xsmaxdp/xsmindp (Book I 7.6, IEEE maxNum): with an SNaN operand the result is the
 * first NaN (A, then B) quieted; one QNaN gives the other operand; -0 < +0. */
static uint64_t maxmin(struct fpu_ctx *c, uint64_t a, uint64_t b, bool is_max)
{
	if (fp_is_nan(a) || fp_is_nan(b)) {
		if (fp_is_snan(a) || fp_is_snan(b)) {
			c->exc |= (uint32_t)FPSCR_VXSNAN;
			return (fp_is_nan(a) ? a : b) | 0x0008000000000000ULL;
		}
		if (fp_is_nan(a) && fp_is_nan(b))
			return a;
		return fp_is_nan(a) ? b : a;
	}
	/* order on the bit patterns: compare as sign-magnitude */
	bool a_lt_b;
	bool sa = a >> 63, sb = b >> 63;
	if (sa != sb)
		a_lt_b = sa;
	else
		a_lt_b = sa ? (a > b) : (a < b);
	if (is_max)
		return a_lt_b ? b : a;
	return a_lt_b ? a : b;
}

static uint64_t mmc(struct fpu_ctx *c, unsigned op, uint64_t a, uint64_t b)
{
	if (op == 2)
		return (a & FP_SIGN) | (b & ~FP_SIGN);
	return maxmin(c, a, b, op == 0);
}

int insn_xsmaxdp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = mmc(&c, (xo8(insn) >> 3) & 3, cpu->vsr[xa(insn)].dw[0],
			 cpu->vsr[xb(insn)].dw[0]);
	return scalar_result(cpu, &c, insn, r, 0);
}

int insn_xvmaxdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo8(insn), op = (xo >> 3) & 3;
	bool sp = !(xo & 0x20);
	const struct ppc_vsr *a = &cpu->vsr[xa(insn)], *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{0, 0}};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	for (unsigned i = 0; i < nelem(sp); i++) {
		if (op == 2 && sp) { /* bit operation: no widening */
			uint32_t wa = get_w(a, i), wb = get_w(b, i);
			set_w(&r, i, (wa & 0x80000000u) | (wb & 0x7fffffffu));
			continue;
		}
		set_e(&r, i, sp, mmc(&c, op, get_e(a, i, sp), get_e(b, i, sp)));
	}
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* ISA 3.0 xsmaxcdp 128, xsmincdp 136 (C semantics: a NaN gives B), xsmaxjdp 144,
 * xsminjdp 152 (Java semantics: a NaN operand is the result, A first; +0 > -0). Type C
 * reports VXSNAN for an SNaN in either operand; type J only when the NaN it returns is an
 * SNaN (ISA 3.0B xsmaxjdp: a QNaN in A is the result and an SNaN in B is not examined). */
int insn_xsmaxcdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo8(insn);
	bool is_max = !(xo & 8), java = xo & 16;
	uint64_t a = cpu->vsr[xa(insn)].dw[0], b = cpu->vsr[xb(insn)].dw[0], r;
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	if (java ? (fp_is_nan(a) ? fp_is_snan(a) : fp_is_snan(b))
		 : (fp_is_snan(a) || fp_is_snan(b)))
		c.exc |= (uint32_t)FPSCR_VXSNAN;
	if (!java) {
		if (fp_is_nan(a) || fp_is_nan(b)) {
			r = b;
		} else {
			/* (A > B) ? A : B and (A < B) ? A : B (ISA 3.0B bfp64_MAXIMUM_TYPE_C, as
			 * xsmaxcqp: bfp_COMPARE_GT): equal operands, +0 and -0 too, give B */
			struct fpu_ctx d = {0, 0, 0};
			unsigned cc = fpu_compare(&d, a, b, false, false);
			r = cc == (is_max ? 4u : 8u) ? a : b;
		}
	} else if (fp_is_nan(a)) {
		r = a;
	} else if (fp_is_nan(b)) {
		r = b;
	} else {
		r = maxmin(&c, a, b, is_max);
	}
	return scalar_result(cpu, &c, insn, r, 0);
}

/* ---- compares ---- */

/* xscmpudp 35, xscmpodp 43: CR field and FPCC, as fcmpu/fcmpo. */
int insn_xscmpudp(struct ppc_cpu *cpu, uint32_t insn)
{
	bool ordered = xo8(insn) == 43;
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	unsigned cc = fpu_compare(&c, cpu->vsr[xa(insn)].dw[0], cpu->vsr[xb(insn)].dw[0],
				  ordered, (cpu->fpscr & FPSCR_VE) != 0);
	uint64_t f = (cpu->fpscr & ~FPSCR_FPCC) | ((uint64_t)cc << FPSCR_FPRF_SHIFT);
	if (c.exc)
		f |= c.exc | FPSCR_FX; /* unlike fcmpo, FPSCR[C] stays (qemu) */
	cpu->fpscr = fpu_fpscr_summary(f);
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return fpu_maybe_enabled(cpu, c.exc);
}

/* xscmpexpdp: compare the biased exponents; unordered when either is a NaN. */
int insn_xscmpexpdp(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->vsr[xa(insn)].dw[0], b = cpu->vsr[xb(insn)].dw[0];
	unsigned cc;
	if (fp_is_nan(a) || fp_is_nan(b)) {
		cc = 1;
	} else {
		uint64_t ea = (a >> 52) & 0x7ff, eb = (b >> 52) & 0x7ff;
		cc = ea < eb ? 8 : ea > eb ? 4 : 2;
	}
	cpu->fpscr = (cpu->fpscr & ~FPSCR_FPCC) | ((uint64_t)cc << FPSCR_FPRF_SHIFT);
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return PPC_OK;
}

/* xstdivdp 61, xvtdivdp 125, xvtdivsp 93: fg/fe flags ORed over the elements. */
int insn_xstdivdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo8(insn), cc = 8;
	const struct ppc_vsr *a = &cpu->vsr[xa(insn)], *b = &cpu->vsr[xb(insn)];
	if (xo == 93) {
		for (unsigned i = 0; i < 4; i++)
			cc |= fpu_tdiv_flags_sp(get_w(a, i), get_w(b, i));
	} else {
		for (unsigned i = 0; i < (xo == 125 ? 2u : 1u); i++)
			cc |= fpu_tdiv_flags(a->dw[i], b->dw[i]);
	}
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return PPC_OK;
}

/* xstsqrtdp 106, xvtsqrtdp 234, xvtsqrtsp 170. */
int insn_xstsqrtdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn), cc = 8;
	const struct ppc_vsr *b = &cpu->vsr[xb(insn)];
	if (xo == 170) {
		for (unsigned i = 0; i < 4; i++)
			cc |= fpu_tsqrt_flags_sp(get_w(b, i));
	} else {
		for (unsigned i = 0; i < (xo == 234 ? 2u : 1u); i++)
			cc |= fpu_tsqrt_flags(b->dw[i]);
	}
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return PPC_OK;
}

/* Predicate compares: (xo >> 3) & 3 = 0 eq, 1 gt, 2 ge. eq raises VXSNAN only; gt and ge
 * are ordered: VXSNAN on an SNaN, VXVC on a QNaN, and on an SNaN only when VE=0 (as
 * fcmpo, Book I 4.6.8; xvcmpgtdp pseudocode). */
static bool predicate(struct fpu_ctx *c, unsigned op, uint64_t a, uint64_t b, bool ve)
{
	if (fp_is_nan(a) || fp_is_nan(b)) {
		bool sn = fp_is_snan(a) || fp_is_snan(b);
		if (sn)
			c->exc |= (uint32_t)FPSCR_VXSNAN;
		if (op != 0 && (!sn || !ve))
			c->exc |= (uint32_t)FPSCR_VXVC;
		return false;
	}
	struct fpu_ctx d = {0, 0, 0};
	unsigned cc = fpu_compare(&d, a, b, false, false);
	switch (op) {
	case 0: return cc == 2;
	case 1: return cc == 4;
	default: return cc != 8;
	}
}

/* ISA 3.0 xscmpeqdp 3, xscmpgtdp 11, xscmpgedp 19: all-ones or zero in doubleword 0. */
int insn_xscmpeqdp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	bool p = predicate(&c, (xo8(insn) >> 3) & 3, cpu->vsr[xa(insn)].dw[0],
			   cpu->vsr[xb(insn)].dw[0], (cpu->fpscr & FPSCR_VE) != 0);
	return scalar_result(cpu, &c, insn, p ? ~0ULL : 0, 0);
}

/* xvcmpeq/gt/ge dp/sp [.]: masks per element; Rc (bit 21) sets CR6 to all/none true. */
int insn_xvcmpeqdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo8(insn), op = (xo >> 3) & 3;
	bool sp = !(xo & 0x20);
	const struct ppc_vsr *a = &cpu->vsr[xa(insn)], *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{0, 0}};
	unsigned n = nelem(sp), ntrue = 0;
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	for (unsigned i = 0; i < n; i++) {
		bool p = predicate(&c, op, get_e(a, i, sp), get_e(b, i, sp),
				   (cpu->fpscr & FPSCR_VE) != 0);
		ntrue += p;
		if (sp)
			set_w(&r, i, p ? 0xffffffffu : 0);
		else
			r.dw[i] = p ? ~0ULL : 0;
	}
	bool written = fpu_finish(cpu, &c, 0, 0);
	if (written)
		cpu->vsr[xt(insn)] = r;
	if ((insn >> 10) & 1)
		cpu_set_crf(cpu, 6, (ntrue == n ? 8u : 0) | (ntrue == 0 ? 2u : 0));
	return fpu_maybe_enabled(cpu, c.exc);
}

/* ---- square root and estimates: XX2 XO low 5 bits 11 sqrt, 10 rsqrte, 26 re; 0x40
 * double; 0x80 vector ---- */

/* The estimates are exact (as qemu) and report ZX for a zero operand but never XX, like
 * fre/frsqrte (fpu_recip(), fpu_rsqrt(); ISA 3.0B xsredp ...: FX OX UX ZX VXSNAN
 * [VXSQRT]). Single-precision vector elements take rsqrte as a binary32 square root then
 * a binary32 division (qemu). The scalar single-precision forms (xssqrtsp, xsresp,
 * xsrsqrtesp) round once to binary32 from the operand (ISA 3.0B: bfp_ROUND_TO_BFP32 of
 * the unbounded result), so their OX/UX and enabled adjustments are those of the binary32
 * result. */
static uint64_t unop(struct fpu_ctx *c, unsigned xo, uint64_t b, bool single, bool vec)
{
	switch (xo & 0x1f) {
	case 11:
		return fpu_sqrt(c, b, single);
	case 10:
		break;
	default:
		return fpu_recip(c, b, single);
	}
	if (!vec || !single || fp_is_nan(b))
		return fpu_rsqrt(c, b, single);
	struct fpu_ctx t = {c->rn, 0, c->traps};
	uint64_t r = fpu_sqrt(&t, b, true);
	if (!fp_is_nan(r))
		r = fpu_div(&t, FP_ONE, r, true);
	c->exc |= t.exc & ~(uint32_t)FPSCR_XX;
	return r;
}

int insn_xssqrtdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn);
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = unop(&c, xo, cpu->vsr[xb(insn)].dw[0], !(xo & 0x40), false);
	return scalar_result(cpu, &c, insn, r, SCALAR);
}

int insn_xvsqrtdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn);
	bool sp = !(xo & 0x40);
	const struct ppc_vsr *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{0, 0}};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	for (unsigned i = 0; i < nelem(sp); i++)
		set_e(&r, i, sp, unop(&c, xo, get_e(b, i, sp), sp, true));
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* ---- sign operations: xs/xv abs 345/473/409, nabs 361/489/425, neg 377/505/441 ---- */

int insn_xsabsdp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn), kind = ((xo >> 4) & 3) - 1; /* 0 abs, 1 nabs, 2 neg */
	const struct ppc_vsr *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{0, 0}};
	bool vec = xo >= 400, sp = vec && !(xo & 0x40);
	unsigned n = !vec ? 1 : sp ? 4 : 2;
	for (unsigned i = 0; i < n; i++) {
		uint64_t sign = sp ? 0x80000000u : FP_SIGN;
		uint64_t x = sp ? get_w(b, i) : b->dw[i];
		x = kind == 0 ? (x & ~sign) : kind == 1 ? (x | sign) : (x ^ sign);
		if (sp)
			set_w(&r, i, (uint32_t)x);
		else
			r.dw[i] = x;
	}
	cpu->vsr[xt(insn)] = r;
	return PPC_OK;
}

/* ---- rounding to integral values ---- */

/* xsrdpi 73 (nearest, ties away), xsrdpiz 89, xsrdpip 105, xsrdpic 107 (FPSCR[RN], the
 * only one that reports inexact), xsrdpim 121; +128 vector double; +64 vector single. */
static unsigned rdpi_mode(unsigned xo, unsigned rn)
{
	switch (xo & 0x3f) {
	case 9: return FPU_RND_AWAY;
	case 25: return FPU_RND_ZERO;
	case 41: return FPU_RND_UP;
	case 43: return rn;
	default: return FPU_RND_DOWN;
	}
}

int insn_xsrdpi(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn);
	bool vec = xo & 0x80, sp = vec && !(xo & 0x40), cur = (xo & 0x3f) == 43;
	const struct ppc_vsr *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{0, 0}};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	unsigned mode = rdpi_mode(xo, c.rn), n = !vec ? 1 : nelem(sp);
	for (unsigned i = 0; i < n; i++) {
		bool ix;
		uint64_t x = fpu_round_int(&c, get_e(b, i, sp), mode, &ix);
		if (ix && cur)
			c.exc |= (uint32_t)(FPSCR_XX | FPSCR_FI);
		set_e(&r, i, sp, x);
	}
	if (!vec)
		return commit(cpu, &c, xt(insn), &r, r.dw[0], SCALAR);
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* xsrsp: round to single precision, as frsp. */
int insn_xsrsp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_to_single(&c, cpu->vsr[xb(insn)].dw[0]);
	return scalar_result(cpu, &c, insn, r, SCALAR);
}

/* ---- format conversions between binary64 and binary32 ---- */

/* xscvdpsp: rounded single in words 0 and 1 (qemu fills both), doubleword 1 zero; FPRF
 * classifies the binary32 result. */
int insn_xscvdpsp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t d = fpu_to_single(&c, cpu->vsr[xb(insn)].dw[0]);
	uint64_t s = fpu_dp_to_sp(d);
	struct ppc_vsr r = {{(s << 32) | s, 0}};
	return commit(cpu, &c, xt(insn), &r, fpu_fprf_sp((uint32_t)s), SCALAR | FPU_FIN_FPRF_RAW);
}

/* xscvdpspn: the format change of stfs (truncating, no exceptions, no FPSCR change). */
int insn_xscvdpspn(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t s = fpu_dp_to_sp(cpu->vsr[xb(insn)].dw[0]);
	cpu->vsr[xt(insn)].dw[0] = (s << 32) | s;
	cpu->vsr[xt(insn)].dw[1] = 0;
	return PPC_OK;
}

/* xscvspdp: word 0 widened (SNaN quieted with VXSNAN); FPRF. */
int insn_xscvspdp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t d = fpu_sp_to_dp(get_w(&cpu->vsr[xb(insn)], 0));
	if (fp_is_snan(d)) {
		c.exc |= (uint32_t)FPSCR_VXSNAN;
		d |= 0x0008000000000000ULL;
	}
	return scalar_result(cpu, &c, insn, d, SCALAR);
}

/* xscvspdpn: word 0 widened, no exceptions. */
int insn_xscvspdpn(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->vsr[xt(insn)].dw[0] = fpu_sp_to_dp(get_w(&cpu->vsr[xb(insn)], 0));
	cpu->vsr[xt(insn)].dw[1] = 0;
	return PPC_OK;
}

/* xvcvdpsp: doubleword i to words 2i and 2i+1. */
int insn_xvcvdpsp(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_vsr *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r;
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	for (unsigned i = 0; i < 2; i++) {
		uint64_t s = fpu_dp_to_sp(fpu_to_single(&c, b->dw[i]));
		r.dw[i] = (s << 32) | s;
	}
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* xvcvspdp: words 0 and 2 to doublewords 0 and 1. */
int insn_xvcvspdp(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_vsr *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r;
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	for (unsigned i = 0; i < 2; i++) {
		uint64_t d = fpu_sp_to_dp(get_w(b, 2 * i));
		if (fp_is_snan(d)) {
			c.exc |= (uint32_t)FPSCR_VXSNAN;
			d |= 0x0008000000000000ULL;
		}
		r.dw[i] = d;
	}
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* ---- conversions to integers (always toward zero) ---- */

/* xscvdpsxds 344, xscvdpsxws 88, xscvdpuxds 328, xscvdpuxws 72. A word result is
 * placed in words 0 and 1 (qemu). */
int insn_xscvdpsxds(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn);
	unsigned kind = ((xo & 0x10) ? 0 : FPU_CVT_UNSIGNED) | ((xo & 0x100) ? 0 : FPU_CVT_32);
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t v = fpu_to_int(&c, cpu->vsr[xb(insn)].dw[0], kind, FPU_RND_ZERO);
	if (kind & FPU_CVT_32)
		v = (v << 32) | (v & 0xffffffffULL);
	struct ppc_vsr r = {{v, 0}};
	return commit(cpu, &c, xt(insn), &r, 0, FPU_FIN_FIFR);
}

/*
 * qemu 7.2 converts the elements of a vector without clearing the invalid flags between
 * them: once an element was invalid, every later element gets the NaN result (signed
 * minimum or 0), or, if some element so far was out of range, the saturated value of a
 * plain conversion (where a NaN gives the maximum). Reproduced here.
 */
struct cvt_state {
	bool invalid, range;
};

static uint64_t cvt_elem(struct fpu_ctx *c, struct cvt_state *s, uint64_t x, unsigned kind)
{
	bool uns = kind & FPU_CVT_UNSIGNED, w = kind & FPU_CVT_32;
	uint32_t before = c->exc;
	c->exc = 0;
	uint64_t v = fpu_to_int(c, x, kind, FPU_RND_ZERO);
	if (c->exc & FPSCR_VXCVI) {
		s->invalid = true;
		if (!fp_is_nan(x))
			s->range = true;
	}
	c->exc |= before;
	if (!s->invalid)
		return v;
	if (s->range) {
		if (!fp_is_nan(x))
			return v;
		return uns ? (w ? 0xffffffffULL : ~0ULL) : (w ? 0x7fffffffULL : 0x7fffffffffffffffULL);
	}
	return uns ? 0 : (w ? 0x80000000ULL : 0x8000000000000000ULL);
}

/* xvcvdp{s,u}x{d,w}s: 472 sxds, 216 sxws, 456 uxds, 200 uxws (word results in words
 * 2i and 2i+1); xvcvsp{s,u}x{d,w}s: 408 sxds, 152 sxws, 392 uxds, 136 uxws (sources for
 * doublewords are words 0 and 2). */
int insn_xvcvdpsxds(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn);
	bool from_sp = !(xo & 0x40), to_d = xo & 0x100;
	unsigned kind = ((xo & 0x10) ? 0 : FPU_CVT_UNSIGNED) | (to_d ? 0 : FPU_CVT_32);
	const struct ppc_vsr *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{0, 0}};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	struct cvt_state s = {false, false};
	if (from_sp && !to_d) {
		for (unsigned i = 0; i < 4; i++)
			set_w(&r, i, (uint32_t)cvt_elem(&c, &s, fpu_sp_to_dp(get_w(b, i)), kind));
	} else {
		for (unsigned i = 0; i < 2; i++) {
			uint64_t x = from_sp ? fpu_sp_to_dp(get_w(b, 2 * i)) : b->dw[i];
			uint64_t v = cvt_elem(&c, &s, x, kind);
			r.dw[i] = to_d ? v : ((v << 32) | (v & 0xffffffffULL));
		}
	}
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* ---- conversions from integers ---- */

/* xscvsxddp 376, xscvuxddp 360, xscvsxdsp 312, xscvuxdsp 296: FPRF and FI. */
int insn_xscvsxddp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn);
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t r = fpu_from_int(&c, cpu->vsr[xb(insn)].dw[0], (xo & 0x10) ? 0 : FPU_CVT_UNSIGNED,
				  !(xo & 0x40));
	return scalar_result(cpu, &c, insn, r, SCALAR);
}

/* xvcv{s,u}xddp 504/488, xvcv{s,u}xdsp 440/424 (single results in words 2i, 2i+1),
 * xvcv{s,u}xwdp 248/232 (sources words 0 and 2), xvcv{s,u}xwsp 184/168. */
int insn_xvcvsxddp(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned xo = xo9(insn);
	bool from_d = xo & 0x100, to_dp = xo & 0x40;
	unsigned uns = (xo & 0x10) ? 0 : FPU_CVT_UNSIGNED;
	const struct ppc_vsr *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{0, 0}};
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	if (!from_d && !to_dp) {
		for (unsigned i = 0; i < 4; i++) {
			uint32_t w = get_w(b, i);
			uint64_t v = uns ? w : (uint64_t)(int64_t)(int32_t)w;
			set_w(&r, i, fpu_dp_to_sp(fpu_from_int(&c, v, uns, true)));
		}
	} else {
		for (unsigned i = 0; i < 2; i++) {
			uint64_t v = b->dw[i];
			if (!from_d) {
				uint32_t w = get_w(b, 2 * i);
				v = uns ? w : (uint64_t)(int64_t)(int32_t)w;
			}
			uint64_t d = fpu_from_int(&c, v, uns, !to_dp);
			if (to_dp) {
				r.dw[i] = d;
			} else {
				uint64_t s = fpu_dp_to_sp(d);
				r.dw[i] = (s << 32) | s;
			}
		}
	}
	return commit(cpu, &c, xt(insn), &r, 0, 0);
}

/* ---- ISA 3.0 exponent/significand, half precision, data class ---- */

/* xsxexpdp RT,XB (sub-opcode 0) and xsxsigdp RT,XB (1): fields of doubleword 0. */
int insn_xsxexpdp(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t b = cpu->vsr[xb(insn)].dw[0], e = (b >> 52) & 0x7ff;
	if ((insn >> 16) & 1) /* xsxsigdp: the implicit bit for normal numbers */
		cpu->gpr[insn_rt(insn)] = (b & 0x000fffffffffffffULL) |
					  ((e != 0 && e != 0x7ff) ? (1ULL << 52) : 0);
	else
		cpu->gpr[insn_rt(insn)] = e;
	return PPC_OK;
}

/* xsiexpdp XT,RA,RB: sign and fraction of RA, exponent from RB[53:63]. */
int insn_xsiexpdp(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	cpu->vsr[xt(insn)].dw[0] = (a & 0x800fffffffffffffULL) | ((b & 0x7ff) << 52);
	cpu->vsr[xt(insn)].dw[1] = 0;
	return PPC_OK;
}

/* xscvhpdp (sub-opcode 16): halfword 3 of doubleword 0 widened; xscvdphp (17): rounded
 * into halfword 3, other bits zero. FPRF from the result's class. */
int insn_xscvhpdp(struct ppc_cpu *cpu, uint32_t insn)
{
	struct fpu_ctx c;
	fpu_ctx_init(&c, cpu->fpscr);
	uint64_t b = cpu->vsr[xb(insn)].dw[0];
	if ((insn >> 16) & 1) {
		uint16_t h = fpu_dp_to_hp(&c, b);
		struct ppc_vsr r = {{h, 0}};
		struct fpu_ctx w = {0, 0, 0};
		unsigned fprf = fpu_fprf(fpu_hp_to_dp(&w, h));
		if (!(h & 0x7c00) && (h & 0x3ff)) /* binary16 denormal */
			fprf = (h >> 15) ? FPRF_NDENORM : FPRF_PDENORM;
		/* enabled overflow/underflow: the adjusted result is a normal number, whatever
		 * its wrapped 5-bit exponent looks like (Book I 4.4.4-4.4.5: FPRF +-Normal) */
		if (((c.traps & FPU_TRAP_OE) && (c.exc & FPSCR_OX)) ||
		    ((c.traps & FPU_TRAP_UE) && (c.exc & FPSCR_UX)))
			fprf = (h >> 15) ? FPRF_NNORM : FPRF_PNORM;
		return commit(cpu, &c, xt(insn), &r, fprf, SCALAR | FPU_FIN_FPRF_RAW);
	}
	uint64_t d = fpu_hp_to_dp(&c, (uint16_t)b);
	return scalar_result(cpu, &c, insn, d, SCALAR);
}

/* xststdcdp/xststdcsp BF,XB,DCMX: DCMX bits 0x40 NaN, 0x20 +inf, 0x10 -inf, 0x08 +0,
 * 0x04 -0, 0x02 +denormal, 0x01 -denormal. CR[BF] and FPCC = sign || 0 || match || 0
 * (xststdcsp: || not a binary32 value). ISA 3.0B xststdcsp: the operand is the binary64
 * doubleword; its class Denormal is exponent 0 with a nonzero fraction or a biased
 * exponent 1..0x380 (below 2^-126), and it matches only when DCMX selects it. */
int insn_xststdcdp(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t b = cpu->vsr[xb(insn)].dw[0];
	unsigned dcmx = (insn >> 16) & 0x7f;
	bool sp = xo9(insn) == 298, neg = b >> 63;
	unsigned cls;
	unsigned exp = (unsigned)((b >> 52) & 0x7ff);
	if (fp_is_nan(b))
		cls = 0x40;
	else if (fp_is_inf(b))
		cls = neg ? 0x10 : 0x20;
	else if (fp_is_zero(b))
		cls = neg ? 0x04 : 0x08;
	else if (sp ? (exp < 897) : (exp == 0)) /* single denormals are below 2^-126 */
		cls = neg ? 0x01 : 0x02;
	else
		cls = 0;
	bool match = dcmx & cls;
	unsigned cc = (neg ? 8u : 0) | (match ? 2u : 0);
	/* xststdcsp: the last bit says the value is not exactly a binary32 one */
	if (sp && fpu_sp_to_dp(fpu_dp_to_sp(b)) != b)
		cc |= 1;
	cpu->fpscr = (cpu->fpscr & ~FPSCR_FPCC) | ((uint64_t)cc << FPSCR_FPRF_SHIFT);
	cpu_set_crf(cpu, insn_bf(insn), cc);
	return PPC_OK;
}
