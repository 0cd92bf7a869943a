/* SPDX-License-Identifier: MIT */
/*
 * VMX floating point (ISA 3.0B Book I 6.10). Single precision, round to nearest even,
 * no FPSCR and no exceptions. VSCR[NJ] = 1 flushes denormal operands and results to
 * zero of the same sign (6.5.1). A NaN operand gives that NaN made quiet (the first NaN
 * of the operands in the order the ISA lists them); an invalid operation gives the
 * default NaN 0x7fc00000 (6.10.1).
 *
 * The host's IEEE binary32 arithmetic does the rounding; the FP core restores the host
 * rounding mode to nearest after each FPSCR-rounded operation, so it is in force here.
 */
#include <math.h>
#include <string.h>

#include "cpu/insn.h"
#include "cpu/vec.h"

#define F32_SIGN 0x80000000u
#define F32_QUIET 0x00400000u
#define F32_DNAN 0x7fc00000u

static inline float f_of(uint32_t u)
{
	float f;
	memcpy(&f, &u, sizeof(f));
	return f;
}

static inline uint32_t u_of(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof(u));
	return u;
}

static inline int is_nan(uint32_t x) { return (x & ~F32_SIGN) > 0x7f800000u; }
static inline int is_denorm(uint32_t x) { return (x & 0x7f800000u) == 0 && (x & 0x007fffffu); }

static inline uint32_t flush(uint32_t x, int nj) { return nj && is_denorm(x) ? x & F32_SIGN : x; }

/* The result of an operation on non-NaN operands: default NaN for an invalid one. */
static inline uint32_t result(float f, int nj)
{
	uint32_t r = u_of(f);
	if (is_nan(r))
		return F32_DNAN;
	return flush(r, nj);
}

enum fop { F_ADD, F_SUB, F_MAX, F_MIN };

static uint32_t fp2(uint32_t a, uint32_t b, enum fop op, int nj)
{
	if (is_nan(a))
		return a | F32_QUIET;
	if (is_nan(b))
		return b | F32_QUIET;
	a = flush(a, nj);
	b = flush(b, nj);
	float x = f_of(a), y = f_of(b);
	switch (op) {
	case F_ADD:
		return result(x + y, nj);
	case F_SUB:
		return result(x - y, nj);
	case F_MAX:
		if (x == y) /* +0 is greater than -0 (6.10.4) */
			return (a & F32_SIGN) ? b : a;
		return x > y ? a : b;
	default:
		if (x == y)
			return (a & F32_SIGN) ? a : b;
		return x < y ? a : b;
	}
}

static int vfp2(struct ppc_cpu *cpu, uint32_t insn, enum fop op)
{
	uint32_t a[4], b[4], r[4];
	int nj = (cpu->vscr & VSCR_NJ) != 0;
	vec_get_u32(vr(cpu, insn_ra(insn)), a);
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 4; i++)
		r[i] = fp2(a[i], b[i], op, nj);
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vaddfp(struct ppc_cpu *cpu, uint32_t insn) { return vfp2(cpu, insn, F_ADD); }
int insn_vsubfp(struct ppc_cpu *cpu, uint32_t insn) { return vfp2(cpu, insn, F_SUB); }
int insn_vmaxfp(struct ppc_cpu *cpu, uint32_t insn) { return vfp2(cpu, insn, F_MAX); }
int insn_vminfp(struct ppc_cpu *cpu, uint32_t insn) { return vfp2(cpu, insn, F_MIN); }

/* vmaddfp: A*C + B, one rounding; vnmsubfp: -(A*C - B). NaN priority A, B, C: the
 * result is bfp32_MULTIPLY_ADD(VRA, VRC, VRB), whose NaN rule is that of the FPU's
 * multiply-add (Book I 4.3.x: FRA, then FRB the addend, then FRC); the NaN is not
 * negated by vnmsubfp. */
static int vfma(struct ppc_cpu *cpu, uint32_t insn, int negsub)
{
	uint32_t a[4], b[4], c[4], r[4];
	int nj = (cpu->vscr & VSCR_NJ) != 0;
	vec_get_u32(vr(cpu, insn_ra(insn)), a);
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	vec_get_u32(vr(cpu, insn_rc_reg(insn)), c);
	for (unsigned i = 0; i < 4; i++) {
		if (is_nan(a[i])) {
			r[i] = a[i] | F32_QUIET;
		} else if (is_nan(b[i])) {
			r[i] = b[i] | F32_QUIET;
		} else if (is_nan(c[i])) {
			r[i] = c[i] | F32_QUIET;
		} else {
			float x = f_of(flush(a[i], nj)), y = f_of(flush(c[i], nj)),
			      z = f_of(flush(b[i], nj));
			if (negsub) {
				uint32_t v = result(fmaf(x, y, -z), nj);
				r[i] = v == F32_DNAN ? v : v ^ F32_SIGN;
			} else {
				r[i] = result(fmaf(x, y, z), nj);
			}
		}
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vmaddfp(struct ppc_cpu *cpu, uint32_t insn) { return vfma(cpu, insn, 0); }
int insn_vnmsubfp(struct ppc_cpu *cpu, uint32_t insn) { return vfma(cpu, insn, 1); }

/* One-operand functions of VRB. The estimates are computed exactly rounded, as qemu does;
 * the ISA only bounds their error (6.10.5). */
enum fun { U_RE, U_RSQRTE, U_EXP2, U_LOG2, U_RIN, U_RIZ, U_RIP, U_RIM };

static uint32_t fp1(uint32_t b, enum fun fn, int nj)
{
	if (is_nan(b))
		return b | F32_QUIET;
	b = flush(b, nj);
	float x = f_of(b);
	switch (fn) {
	case U_RE:
		return result(1.0f / x, nj);
	case U_RSQRTE:
		return result(1.0f / sqrtf(x), nj);
	case U_EXP2:
		return result((float)exp2((double)x), nj);
	case U_LOG2:
		return result((float)log2((double)x), nj);
	case U_RIN:
		return result(rintf(x), nj);
	case U_RIZ:
		return result(truncf(x), nj);
	case U_RIP:
		return result(ceilf(x), nj);
	default:
		return result(floorf(x), nj);
	}
}

static int vfp1(struct ppc_cpu *cpu, uint32_t insn, enum fun fn)
{
	uint32_t b[4], r[4];
	int nj = (cpu->vscr & VSCR_NJ) != 0;
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 4; i++)
		r[i] = fp1(b[i], fn, nj);
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vrefp(struct ppc_cpu *cpu, uint32_t insn) { return vfp1(cpu, insn, U_RE); }
int insn_vrsqrtefp(struct ppc_cpu *cpu, uint32_t insn) { return vfp1(cpu, insn, U_RSQRTE); }
int insn_vexptefp(struct ppc_cpu *cpu, uint32_t insn) { return vfp1(cpu, insn, U_EXP2); }
int insn_vlogefp(struct ppc_cpu *cpu, uint32_t insn) { return vfp1(cpu, insn, U_LOG2); }
int insn_vrfin(struct ppc_cpu *cpu, uint32_t insn) { return vfp1(cpu, insn, U_RIN); }
int insn_vrfiz(struct ppc_cpu *cpu, uint32_t insn) { return vfp1(cpu, insn, U_RIZ); }
int insn_vrfip(struct ppc_cpu *cpu, uint32_t insn) { return vfp1(cpu, insn, U_RIP); }
int insn_vrfim(struct ppc_cpu *cpu, uint32_t insn) { return vfp1(cpu, insn, U_RIM); }

/* ---- conversions (6.10.3): fixed point with UIM fraction bits ---- */
static int vcf(struct ppc_cpu *cpu, uint32_t insn, int sgn)
{
	uint32_t b[4], r[4];
	float scale = ldexpf(1.0f, -(int)insn_ra(insn));
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 4; i++) {
		float f = sgn ? (float)vsx32(b[i]) : (float)b[i];
		r[i] = u_of(f * scale); /* exact: a power of two no smaller than 2^-31 */
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vcfsx(struct ppc_cpu *cpu, uint32_t insn) { return vcf(cpu, insn, 1); }
int insn_vcfux(struct ppc_cpu *cpu, uint32_t insn) { return vcf(cpu, insn, 0); }

/* vctsxs/vctuxs: VRB * 2^UIM truncated toward zero, saturated (VSCR[SAT]); a NaN gives 0
 * without setting SAT (as qemu-ppc64le does). */
static int vct(struct ppc_cpu *cpu, uint32_t insn, int sgn)
{
	uint32_t b[4], r[4];
	unsigned sat = 0;
	int nj = (cpu->vscr & VSCR_NJ) != 0;
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 4; i++) {
		if (is_nan(b[i])) {
			r[i] = 0;
			continue;
		}
		double d = trunc(ldexp((double)f_of(flush(b[i], nj)), (int)insn_ra(insn)));
		double lo = sgn ? -2147483648.0 : 0.0, hi = sgn ? 2147483647.0 : 4294967295.0;
		if (d < lo) {
			d = lo;
			sat = 1;
		} else if (d > hi) {
			d = hi;
			sat = 1;
		}
		r[i] = sgn ? (uint32_t)(uint64_t)(int64_t)d : (uint32_t)d;
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	if (sat)
		cpu->vscr |= VSCR_SAT;
	return PPC_OK;
}

int insn_vctsxs(struct ppc_cpu *cpu, uint32_t insn) { return vct(cpu, insn, 1); }
int insn_vctuxs(struct ppc_cpu *cpu, uint32_t insn) { return vct(cpu, insn, 0); }

/* ---- compares (6.10.6) ---- */
enum fcmp { C_EQ, C_GE, C_GT, C_B };

static int vfcmp(struct ppc_cpu *cpu, uint32_t insn, enum fcmp k)
{
	uint32_t a[4], b[4], r[4];
	unsigned all = 1, none = 1;
	int nj = (cpu->vscr & VSCR_NJ) != 0;
	vec_get_u32(vr(cpu, insn_ra(insn)), a);
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 4; i++) {
		float x = f_of(flush(a[i], nj)), y = f_of(flush(b[i], nj));
		if (k == C_B) {
			/* bit 0: not (x <= y); bit 1: not (x >= -y); NaN sets both */
			r[i] = (x <= y ? 0 : 0x80000000u) | (x >= -y ? 0 : 0x40000000u);
			none &= r[i] == 0;
			continue;
		}
		int t = k == C_EQ ? x == y : k == C_GE ? x >= y : x > y;
		r[i] = t ? 0xffffffffu : 0;
		all &= (unsigned)t;
		none &= (unsigned)!t;
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	if (insn & 0x400)
		cpu_set_crf(cpu, 6, k == C_B ? (none ? 2 : 0) : (all ? 8 : 0) | (none ? 2 : 0));
	return PPC_OK;
}

int insn_vcmpeqfp(struct ppc_cpu *cpu, uint32_t insn) { return vfcmp(cpu, insn, C_EQ); }
int insn_vcmpgefp(struct ppc_cpu *cpu, uint32_t insn) { return vfcmp(cpu, insn, C_GE); }
int insn_vcmpgtfp(struct ppc_cpu *cpu, uint32_t insn) { return vfcmp(cpu, insn, C_GT); }
int insn_vcmpbfp(struct ppc_cpu *cpu, uint32_t insn) { return vfcmp(cpu, insn, C_B); }
