/* SPDX-License-Identifier: MIT */
/*
 * VMX (Altivec) loads and stores, VSCR moves and integer arithmetic (ISA 3.0B Book I
 * chapter 6: 6.7 loads/stores, 6.8 VSCR, 6.9 integer arithmetic, 6.9.3 compare).
 * Logical, shift, permute, pack and crypto are in insn_vmx_perm.c; floating point in
 * insn_vmx_fp.c. Element numbering is the ISA's big-endian one (cpu/vec.h).
 */
#include "cpu/insn.h"
#include "cpu/vec.h"
#include "mmu/mem.h"

/* ---- loads and stores (6.7) ---- */

static uint64_t x_ea(const struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ra = insn_ra(insn);
	return cpu_ea(cpu, (ra ? cpu->gpr[ra] : 0) + cpu->gpr[insn_rb(insn)]);
}

/* lvx/lvxl: the quadword at EA & ~15; in little-endian mode its 16 bytes are reversed, so
 * memory byte 0 lands in element 15 (6.7.2). The LRU hint of lvxl has no effect here. */
int insn_lvx(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t m[16];
	int st = mem_read(cpu, x_ea(cpu, insn) & ~15ULL, m, 16);
	if (st != PPC_OK)
		return st;
	vec_from_mem16(vr(cpu, insn_rt(insn)), m, (cpu->msr & MSR_LE) != 0);
	return PPC_OK;
}

int insn_stvx(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t m[16];
	vec_to_mem16(vr(cpu, insn_rs(insn)), m, (cpu->msr & MSR_LE) != 0);
	return mem_write(cpu, x_ea(cpu, insn) & ~15ULL, m, 16);
}

/*
 * Element loads/stores (6.7.2): the element of size @n at EA & -n goes to/comes from the
 * element the whole-quadword access would use: number (EA & 15) / n in big-endian mode,
 * the mirrored one in little-endian mode. The other elements are left unchanged (the ISA
 * makes them undefined; qemu and POWER hardware leave them).
 */
static unsigned elem_index(const struct ppc_cpu *cpu, uint64_t ea, unsigned n)
{
	unsigned i = (unsigned)(ea & 15) / n;
	return (cpu->msr & MSR_LE) ? 16 / n - 1 - i : i;
}

static int lve(struct ppc_cpu *cpu, uint32_t insn, unsigned n)
{
	uint64_t ea = x_ea(cpu, insn) & ~(uint64_t)(n - 1), val;
	int st = mem_load(cpu, ea, n, &val);
	if (st != PPC_OK)
		return st;
	vec_put(vr(cpu, insn_rt(insn)), elem_index(cpu, ea, n), n, val);
	return PPC_OK;
}

static int stve(struct ppc_cpu *cpu, uint32_t insn, unsigned n)
{
	uint64_t ea = x_ea(cpu, insn) & ~(uint64_t)(n - 1);
	return mem_store(cpu, ea, n, vec_take(vr(cpu, insn_rs(insn)), elem_index(cpu, ea, n), n));
}

int insn_lvebx(struct ppc_cpu *cpu, uint32_t insn) { return lve(cpu, insn, 1); }
int insn_lvehx(struct ppc_cpu *cpu, uint32_t insn) { return lve(cpu, insn, 2); }
int insn_lvewx(struct ppc_cpu *cpu, uint32_t insn) { return lve(cpu, insn, 4); }
int insn_stvebx(struct ppc_cpu *cpu, uint32_t insn) { return stve(cpu, insn, 1); }
int insn_stvehx(struct ppc_cpu *cpu, uint32_t insn) { return stve(cpu, insn, 2); }
int insn_stvewx(struct ppc_cpu *cpu, uint32_t insn) { return stve(cpu, insn, 4); }

/* lvsl/lvsr (6.7.3): permute control vectors from EA[60:63]; no memory access. */
static int lvs(struct ppc_cpu *cpu, uint32_t insn, unsigned base)
{
	uint8_t e[16];
	unsigned sh = (unsigned)(x_ea(cpu, insn) & 15);
	for (unsigned i = 0; i < 16; i++)
		e[i] = (uint8_t)(base == 0 ? sh + i : 16 - sh + i);
	vec_set_u8(vr(cpu, insn_rt(insn)), e);
	return PPC_OK;
}

int insn_lvsl(struct ppc_cpu *cpu, uint32_t insn) { return lvs(cpu, insn, 0); }
int insn_lvsr(struct ppc_cpu *cpu, uint32_t insn) { return lvs(cpu, insn, 1); }

/* ---- VSCR (6.8): a 32-bit register in the low word of the vector ---- */
int insn_mfvscr(struct ppc_cpu *cpu, uint32_t insn)
{
	struct ppc_vsr *d = vr(cpu, insn_rt(insn));
	d->dw[0] = 0;
	d->dw[1] = cpu->vscr;
	return PPC_OK;
}

int insn_mtvscr(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->vscr = (uint32_t)vr(cpu, insn_rb(insn))->dw[1] & (VSCR_NJ | VSCR_SAT);
	return PPC_OK;
}

/* Add/subtract modulo, saturate, carry out (6.9.1). */
VB(vaddubm, x + y)
VH(vadduhm, x + y)
VW(vadduwm, x + y)
VD(vaddudm, x + y)
VB(vsububm, x - y)
VH(vsubuhm, x - y)
VW(vsubuwm, x - y)
VD(vsubudm, x - y)
VB(vaddubs, vsat((int64_t)(x + y), 0, 0xff, &sat))
VH(vadduhs, vsat((int64_t)(x + y), 0, 0xffff, &sat))
VW(vadduws, vsat((int64_t)(x + y), 0, 0xffffffffLL, &sat))
VB(vsububs, vsat((int64_t)x - (int64_t)y, 0, 0xff, &sat))
VH(vsubuhs, vsat((int64_t)x - (int64_t)y, 0, 0xffff, &sat))
VW(vsubuws, vsat((int64_t)x - (int64_t)y, 0, 0xffffffffLL, &sat))
VB(vaddsbs, (uint64_t)vsat(vsx8(x) + vsx8(y), -128, 127, &sat))
VH(vaddshs, (uint64_t)vsat(vsx16(x) + vsx16(y), -32768, 32767, &sat))
VW(vaddsws, (uint64_t)vsat(vsx32(x) + vsx32(y), INT32_MIN, INT32_MAX, &sat))
VB(vsubsbs, (uint64_t)vsat(vsx8(x) - vsx8(y), -128, 127, &sat))
VH(vsubshs, (uint64_t)vsat(vsx16(x) - vsx16(y), -32768, 32767, &sat))
VW(vsubsws, (uint64_t)vsat(vsx32(x) - vsx32(y), INT32_MIN, INT32_MAX, &sat))
VW(vaddcuw, (x + y) >> 32)
VW(vsubcuw, x >= y) /* carry out of x + ~y + 1 */

/* Average (6.9.1.5): (x + y + 1) >> 1 without overflow. */
VB(vavgub, (x + y + 1) >> 1)
VH(vavguh, (x + y + 1) >> 1)
VW(vavguw, (x + y + 1) >> 1)
VB(vavgsb, (uint64_t)vhalf_floor(vsx8(x) + vsx8(y) + 1))
VH(vavgsh, (uint64_t)vhalf_floor(vsx16(x) + vsx16(y) + 1))
VW(vavgsw, (uint64_t)vhalf_floor(vsx32(x) + vsx32(y) + 1))

/* Maximum and minimum (6.9.1.6). */
VB(vmaxub, x > y ? x : y)
VH(vmaxuh, x > y ? x : y)
VW(vmaxuw, x > y ? x : y)
VD(vmaxud, x > y ? x : y)
VB(vminub, x < y ? x : y)
VH(vminuh, x < y ? x : y)
VW(vminuw, x < y ? x : y)
VD(vminud, x < y ? x : y)
VB(vmaxsb, vsx8(x) > vsx8(y) ? x : y)
VH(vmaxsh, vsx16(x) > vsx16(y) ? x : y)
VW(vmaxsw, vsx32(x) > vsx32(y) ? x : y)
VD(vmaxsd, vsx64(x) > vsx64(y) ? x : y)
VB(vminsb, vsx8(x) < vsx8(y) ? x : y)
VH(vminsh, vsx16(x) < vsx16(y) ? x : y)
VW(vminsw, vsx32(x) < vsx32(y) ? x : y)
VD(vminsd, vsx64(x) < vsx64(y) ? x : y)

VW(vmuluwm, (uint32_t)x * (uint64_t)(uint32_t)y)

/* Absolute difference (ISA 3.0, 6.9.1.7). */
VB(vabsdub, x > y ? x - y : y - x)
VH(vabsduh, x > y ? x - y : y - x)
VW(vabsduw, x > y ? x - y : y - x)

/* Compares (6.9.3); the generators are in cpu/vec.h. */
CB(vcmpequb, x == y)
CH(vcmpequh, x == y)
CW(vcmpequw, x == y)
CD(vcmpequd, x == y)
CB(vcmpgtub, x > y)
CH(vcmpgtuh, x > y)
CW(vcmpgtuw, x > y)
CD(vcmpgtud, x > y)
CB(vcmpgtsb, vsx8(x) > vsx8(y))
CH(vcmpgtsh, vsx16(x) > vsx16(y))
CW(vcmpgtsw, vsx32(x) > vsx32(y))
CD(vcmpgtsd, vsx64(x) > vsx64(y))
CB(vcmpneb, x != y)
CH(vcmpneh, x != y)
CW(vcmpnew, x != y)
CB(vcmpnezb, x != y || x == 0 || y == 0)
CH(vcmpnezh, x != y || x == 0 || y == 0)
CW(vcmpnezw, x != y || x == 0 || y == 0)

/* ---- quadword add/subtract (6.9.1.3) ---- */
struct u128 {
	uint64_t hi, lo;
};

static struct u128 q_of(const struct ppc_vsr *v) { return (struct u128){v->dw[0], v->dw[1]}; }

/* a + b + cin; *cout = carry out of bit 0. */
static struct u128 q_add(struct u128 a, struct u128 b, unsigned cin, unsigned *cout)
{
	struct u128 r;
	r.lo = a.lo + b.lo;
	unsigned c = r.lo < a.lo;
	r.lo += cin;
	c += r.lo < (uint64_t)cin;
	r.hi = a.hi + b.hi;
	unsigned c2 = r.hi < a.hi;
	r.hi += c;
	c2 += r.hi < (uint64_t)c;
	*cout = c2 != 0;
	return r;
}

static struct u128 q_not(struct u128 a) { return (struct u128){~a.hi, ~a.lo}; }

static void q_set(struct ppc_cpu *cpu, uint32_t insn, struct u128 r)
{
	struct ppc_vsr *d = vr(cpu, insn_rt(insn));
	d->dw[0] = r.hi;
	d->dw[1] = r.lo;
}

/* @sub: VRA + ~VRB + cin; @ext: cin is VRC's low bit, else (sub ? 1 : 0); @carry: write
 * the carry out instead of the sum. */
static int q_arith(struct ppc_cpu *cpu, uint32_t insn, int sub, int ext, int carry)
{
	struct u128 a = q_of(vr(cpu, insn_ra(insn))), b = q_of(vr(cpu, insn_rb(insn)));
	unsigned cin = ext ? (unsigned)(vr(cpu, insn_rc_reg(insn))->dw[1] & 1) : (unsigned)sub, c;
	struct u128 r = q_add(a, sub ? q_not(b) : b, cin, &c);
	q_set(cpu, insn, carry ? (struct u128){0, c} : r);
	return PPC_OK;
}

int insn_vadduqm(struct ppc_cpu *cpu, uint32_t insn) { return q_arith(cpu, insn, 0, 0, 0); }
int insn_vaddcuq(struct ppc_cpu *cpu, uint32_t insn) { return q_arith(cpu, insn, 0, 0, 1); }
int insn_vaddeuqm(struct ppc_cpu *cpu, uint32_t insn) { return q_arith(cpu, insn, 0, 1, 0); }
int insn_vaddecuq(struct ppc_cpu *cpu, uint32_t insn) { return q_arith(cpu, insn, 0, 1, 1); }
int insn_vsubuqm(struct ppc_cpu *cpu, uint32_t insn) { return q_arith(cpu, insn, 1, 0, 0); }
int insn_vsubcuq(struct ppc_cpu *cpu, uint32_t insn) { return q_arith(cpu, insn, 1, 0, 1); }
int insn_vsubeuqm(struct ppc_cpu *cpu, uint32_t insn) { return q_arith(cpu, insn, 1, 1, 0); }
int insn_vsubecuq(struct ppc_cpu *cpu, uint32_t insn) { return q_arith(cpu, insn, 1, 1, 1); }

/* ---- widening multiplies (6.9.1.4): even (odd) elements of size n produce elements of
 * size 2n. ---- */
static int vmul_wide(struct ppc_cpu *cpu, uint32_t insn, unsigned n, int odd, int sgn)
{
	const struct ppc_vsr *va = vr(cpu, insn_ra(insn)), *vb = vr(cpu, insn_rb(insn));
	struct ppc_vsr r = {{0, 0}};
	unsigned count = 16 / (2 * n);
	for (unsigned i = 0; i < count; i++) {
		uint64_t x = vec_take(va, 2 * i + (unsigned)odd, n);
		uint64_t y = vec_take(vb, 2 * i + (unsigned)odd, n);
		uint64_t p;
		if (sgn) {
			int64_t sx = n == 1 ? vsx8(x) : n == 2 ? vsx16(x) : vsx32(x);
			int64_t sy = n == 1 ? vsx8(y) : n == 2 ? vsx16(y) : vsx32(y);
			p = (uint64_t)(sx * sy); /* |product| < 2^62: no overflow */
		} else {
			p = x * y;
		}
		vec_put(&r, i, 2 * n, p);
	}
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

int insn_vmuleub(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 1, 0, 0); }
int insn_vmulesb(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 1, 0, 1); }
int insn_vmuleuh(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 2, 0, 0); }
int insn_vmulesh(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 2, 0, 1); }
int insn_vmuleuw(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 4, 0, 0); }
int insn_vmulesw(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 4, 0, 1); }
int insn_vmuloub(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 1, 1, 0); }
int insn_vmulosb(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 1, 1, 1); }
int insn_vmulouh(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 2, 1, 0); }
int insn_vmulosh(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 2, 1, 1); }
int insn_vmulouw(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 4, 1, 0); }
int insn_vmulosw(struct ppc_cpu *cpu, uint32_t insn) { return vmul_wide(cpu, insn, 4, 1, 1); }

/* ---- multiply-add and sums (6.9.1.4, 6.9.1.8) ---- */
/* floor(v / 2^s) for any sign (v > INT64_MIN). */
static int64_t vasr(int64_t v, unsigned s)
{
	return v >= 0 ? v >> s : -((-v - 1) >> s) - 1;
}

/* vmhaddshs/vmhraddshs: (a * b [+ 0x4000]) >> 15, + c, saturated to 16 bits. */
static int vmhadd(struct ppc_cpu *cpu, uint32_t insn, int64_t round)
{
	uint16_t a[8], b[8], c[8], r[8];
	unsigned sat = 0;
	vec_get_u16(vr(cpu, insn_ra(insn)), a);
	vec_get_u16(vr(cpu, insn_rb(insn)), b);
	vec_get_u16(vr(cpu, insn_rc_reg(insn)), c);
	for (unsigned i = 0; i < 8; i++) {
		int64_t p = vsx16(a[i]) * vsx16(b[i]) + round;
		r[i] = (uint16_t)vsat(vasr(p, 15) + vsx16(c[i]), -32768, 32767, &sat);
	}
	vec_set_u16(vr(cpu, insn_rt(insn)), r);
	if (sat)
		cpu->vscr |= VSCR_SAT;
	return PPC_OK;
}

int insn_vmhaddshs(struct ppc_cpu *cpu, uint32_t insn) { return vmhadd(cpu, insn, 0); }
int insn_vmhraddshs(struct ppc_cpu *cpu, uint32_t insn) { return vmhadd(cpu, insn, 0x4000); }

int insn_vmladduhm(struct ppc_cpu *cpu, uint32_t insn)
{
	uint16_t a[8], b[8], c[8], r[8];
	vec_get_u16(vr(cpu, insn_ra(insn)), a);
	vec_get_u16(vr(cpu, insn_rb(insn)), b);
	vec_get_u16(vr(cpu, insn_rc_reg(insn)), c);
	for (unsigned i = 0; i < 8; i++)
		r[i] = (uint16_t)((uint32_t)a[i] * b[i] + c[i]);
	vec_set_u16(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

/*
 * vmsum*: each word of VRT = word of VRC + the sum of the products of the n-byte
 * elements of VRA and VRB inside that word. @sa/@sb: elements of VRA/VRB are signed;
 * @satmode: 0 modulo, 1 unsigned saturate, 2 signed saturate.
 */
static int vmsum(struct ppc_cpu *cpu, uint32_t insn, unsigned n, int sa, int sb, int satmode)
{
	const struct ppc_vsr *va = vr(cpu, insn_ra(insn)), *vb = vr(cpu, insn_rb(insn));
	uint32_t c[4], r[4];
	unsigned sat = 0, per = 4 / n;
	vec_get_u32(vr(cpu, insn_rc_reg(insn)), c);
	for (unsigned w = 0; w < 4; w++) {
		int64_t sum = satmode == 2 ? vsx32(c[w]) : (int64_t)c[w];
		for (unsigned j = 0; j < per; j++) {
			uint64_t x = vec_take(va, w * per + j, n), y = vec_take(vb, w * per + j, n);
			int64_t sx = sa ? (n == 1 ? vsx8(x) : vsx16(x)) : (int64_t)x;
			int64_t sy = sb ? (n == 1 ? vsx8(y) : vsx16(y)) : (int64_t)y;
			sum += sx * sy;
		}
		if (satmode == 1)
			sum = vsat(sum, 0, 0xffffffffLL, &sat);
		else if (satmode == 2)
			sum = vsat(sum, INT32_MIN, INT32_MAX, &sat);
		r[w] = (uint32_t)(uint64_t)sum;
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	if (sat)
		cpu->vscr |= VSCR_SAT;
	return PPC_OK;
}

int insn_vmsumubm(struct ppc_cpu *cpu, uint32_t insn) { return vmsum(cpu, insn, 1, 0, 0, 0); }
int insn_vmsummbm(struct ppc_cpu *cpu, uint32_t insn) { return vmsum(cpu, insn, 1, 1, 0, 0); }
int insn_vmsumuhm(struct ppc_cpu *cpu, uint32_t insn) { return vmsum(cpu, insn, 2, 0, 0, 0); }
int insn_vmsumuhs(struct ppc_cpu *cpu, uint32_t insn) { return vmsum(cpu, insn, 2, 0, 0, 1); }
int insn_vmsumshm(struct ppc_cpu *cpu, uint32_t insn) { return vmsum(cpu, insn, 2, 1, 1, 0); }
int insn_vmsumshs(struct ppc_cpu *cpu, uint32_t insn) { return vmsum(cpu, insn, 2, 1, 1, 2); }

/* vsum4*: each word of VRT = saturate(word of VRB + the elements of VRA inside it). */
static int vsum4(struct ppc_cpu *cpu, uint32_t insn, unsigned n, int sgn)
{
	const struct ppc_vsr *va = vr(cpu, insn_ra(insn));
	uint32_t b[4], r[4];
	unsigned sat = 0, per = 4 / n;
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	for (unsigned w = 0; w < 4; w++) {
		int64_t sum = sgn ? vsx32(b[w]) : (int64_t)b[w];
		for (unsigned j = 0; j < per; j++) {
			uint64_t x = vec_take(va, w * per + j, n);
			sum += sgn ? (n == 1 ? vsx8(x) : vsx16(x)) : (int64_t)x;
		}
		sum = sgn ? vsat(sum, INT32_MIN, INT32_MAX, &sat) : vsat(sum, 0, 0xffffffffLL, &sat);
		r[w] = (uint32_t)(uint64_t)sum;
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	if (sat)
		cpu->vscr |= VSCR_SAT;
	return PPC_OK;
}

int insn_vsum4ubs(struct ppc_cpu *cpu, uint32_t insn) { return vsum4(cpu, insn, 1, 0); }
int insn_vsum4sbs(struct ppc_cpu *cpu, uint32_t insn) { return vsum4(cpu, insn, 1, 1); }
int insn_vsum4shs(struct ppc_cpu *cpu, uint32_t insn) { return vsum4(cpu, insn, 2, 1); }

int insn_vsum2sws(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t a[4], b[4], r[4] = {0, 0, 0, 0};
	unsigned sat = 0;
	vec_get_u32(vr(cpu, insn_ra(insn)), a);
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	for (unsigned k = 0; k < 2; k++) {
		int64_t s = vsx32(a[2 * k]) + vsx32(a[2 * k + 1]) + vsx32(b[2 * k + 1]);
		r[2 * k + 1] = (uint32_t)(uint64_t)vsat(s, INT32_MIN, INT32_MAX, &sat);
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	if (sat)
		cpu->vscr |= VSCR_SAT;
	return PPC_OK;
}

int insn_vsumsws(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t a[4], b[4], r[4] = {0, 0, 0, 0};
	unsigned sat = 0;
	vec_get_u32(vr(cpu, insn_ra(insn)), a);
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	int64_t s = vsx32(b[3]);
	for (unsigned k = 0; k < 4; k++)
		s += vsx32(a[k]);
	r[3] = (uint32_t)(uint64_t)vsat(s, INT32_MIN, INT32_MAX, &sat);
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	if (sat)
		cpu->vscr |= VSCR_SAT;
	return PPC_OK;
}

/* ---- ISA 3.0 multiply by 10 (6.9.1.9): VRT = VRA * 10 + carry-in digit ---- */
static int vmul10(struct ppc_cpu *cpu, uint32_t insn, int ext, int carry)
{
	struct u128 a = q_of(vr(cpu, insn_ra(insn)));
	uint64_t cin = ext ? (vr(cpu, insn_rb(insn))->dw[1] & 0xf) : 0;
	/* 10a = 8a + 2a, done in 32-bit limbs to keep the carries simple. */
	uint32_t limb[4] = {(uint32_t)(a.hi >> 32), (uint32_t)a.hi, (uint32_t)(a.lo >> 32),
			    (uint32_t)a.lo};
	uint64_t c = cin;
	for (int i = 3; i >= 0; i--) {
		uint64_t p = (uint64_t)limb[i] * 10 + c;
		limb[i] = (uint32_t)p;
		c = p >> 32;
	}
	struct u128 r = {(uint64_t)limb[0] << 32 | limb[1], (uint64_t)limb[2] << 32 | limb[3]};
	q_set(cpu, insn, carry ? (struct u128){0, c} : r);
	return PPC_OK;
}

int insn_vmul10uq(struct ppc_cpu *cpu, uint32_t insn) { return vmul10(cpu, insn, 0, 0); }
int insn_vmul10cuq(struct ppc_cpu *cpu, uint32_t insn) { return vmul10(cpu, insn, 0, 1); }
int insn_vmul10euq(struct ppc_cpu *cpu, uint32_t insn) { return vmul10(cpu, insn, 1, 0); }
int insn_vmul10ecuq(struct ppc_cpu *cpu, uint32_t insn) { return vmul10(cpu, insn, 1, 1); }

/* vmsumudm (ISA 3.0B): VRC + the two 64 x 64 -> 128-bit products of the doublewords,
 * modulo 2^128. */
static struct u128 mul64x64(uint64_t a, uint64_t b)
{
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	struct u128 r;
	r.lo = (mid << 32) | (uint32_t)ll;
	r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	return r;
}

int insn_vmsumudm(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_vsr *a = vr(cpu, insn_ra(insn)), *b = vr(cpu, insn_rb(insn));
	unsigned c;
	struct u128 s = q_add(mul64x64(a->dw[0], b->dw[0]), mul64x64(a->dw[1], b->dw[1]), 0, &c);
	s = q_add(s, q_of(vr(cpu, insn_rc_reg(insn))), 0, &c);
	q_set(cpu, insn, s);
	return PPC_OK;
}
