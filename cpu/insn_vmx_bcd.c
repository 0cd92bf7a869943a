/* SPDX-License-Identifier: MIT */
/*
 * ISA 3.0 decimal integer instructions (ISA 3.0B Book I 6.12.2-6.12.4): conversions
 * (national, signed quadword), sign copy/set, shifts, truncation. Signed packed decimal:
 * 31 digits and a sign nibble (A, C, E, F plus; B, D minus) in the last nibble; unsigned:
 * 32 digits. CR6 is LT/GT/EQ from the sign and magnitude of the result, SO for overflow
 * (nonzero digits lost); an invalid operand sets CR6 to 0b0001 and leaves VRT undefined
 * (it is left unchanged here). bcdadd./bcdsub. are in insn_vmx_crypto.c.
 */
#include "cpu/insn.h"
#include "cpu/vec.h"

#define CR_LT 8u
#define CR_GT 4u
#define CR_EQ 2u
#define CR_SO 1u

/* n[0] is the rightmost nibble (the sign of a signed value), n[31] the leftmost. */
static void nib_get(const struct ppc_vsr *v, uint8_t n[32])
{
	for (unsigned i = 0; i < 32; i++)
		n[i] = (uint8_t)((v->dw[1 - i / 16] >> (4 * (i % 16))) & 0xf);
}

static void nib_set(struct ppc_vsr *v, const uint8_t n[32])
{
	v->dw[0] = v->dw[1] = 0;
	for (unsigned i = 0; i < 32; i++)
		v->dw[1 - i / 16] |= (uint64_t)(n[i] & 0xf) << (4 * (i % 16));
}

static int digits_valid(const uint8_t n[32], unsigned from)
{
	for (unsigned i = from; i < 32; i++)
		if (n[i] > 9)
			return 0;
	return 1;
}

static int signed_valid(const uint8_t n[32]) { return n[0] >= 0xa && digits_valid(n, 1); }
static int sign_neg(unsigned s) { return s == 0xb || s == 0xd; }
static uint8_t pref_sign(int neg, unsigned ps) { return (uint8_t)(neg ? 0xd : ps ? 0xf : 0xc); }

static int digits_zero(const uint8_t n[32], unsigned from)
{
	for (unsigned i = from; i < 32; i++)
		if (n[i])
			return 0;
	return 1;
}

static unsigned cr_signed(const uint8_t n[32], int neg)
{
	return digits_zero(n, 1) ? CR_EQ : neg ? CR_LT : CR_GT;
}

static int bcd_invalid(struct ppc_cpu *cpu)
{
	cpu_set_crf(cpu, 6, CR_SO);
	return PPC_OK;
}

static int bcd_done(struct ppc_cpu *cpu, uint32_t insn, const uint8_t n[32], unsigned cr)
{
	nib_set(vr(cpu, insn_rt(insn)), n);
	cpu_set_crf(cpu, 6, cr);
	return PPC_OK;
}

static unsigned insn_ps(uint32_t insn) { return (insn >> 9) & 1; }

/* ---- signed quadword conversions (6.12.3) ---- */

/* 128-bit magnitude as four 32-bit limbs, limb[0] most significant. */
static unsigned divmod10(uint32_t l[4])
{
	uint64_t rem = 0;
	for (unsigned i = 0; i < 4; i++) {
		uint64_t cur = rem << 32 | l[i];
		l[i] = (uint32_t)(cur / 10);
		rem = cur % 10;
	}
	return (unsigned)rem;
}

int insn_bcdcfsq(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_vsr *b = vr(cpu, insn_rb(insn));
	int neg = (int)(b->dw[0] >> 63);
	uint64_t hi = b->dw[0], lo = b->dw[1];
	if (neg) { /* two's complement magnitude */
		hi = ~hi;
		lo = ~lo + 1;
		if (!lo)
			hi++;
	}
	uint32_t l[4] = {(uint32_t)(hi >> 32), (uint32_t)hi, (uint32_t)(lo >> 32), (uint32_t)lo};
	uint8_t n[32] = {0};
	for (unsigned i = 1; i < 32; i++)
		n[i] = (uint8_t)divmod10(l);
	int ovf = (l[0] | l[1] | l[2] | l[3]) != 0;
	n[0] = pref_sign(neg, insn_ps(insn));
	unsigned cr = (hi | lo) == 0 ? CR_EQ : neg ? CR_LT : CR_GT;
	if (ovf) { /* more than 31 digits: VRT undefined; qemu-ppc64le writes zero */
		for (unsigned i = 0; i < 32; i++)
			n[i] = 0;
		cr |= CR_SO;
	}
	return bcd_done(cpu, insn, n, cr);
}

int insn_bcdctsq(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t n[32];
	nib_get(vr(cpu, insn_rb(insn)), n);
	if (!signed_valid(n))
		return bcd_invalid(cpu);
	uint32_t l[4] = {0, 0, 0, 0};
	for (unsigned i = 31; i >= 1; i--) {
		uint64_t c = n[i];
		for (int k = 3; k >= 0; k--) {
			uint64_t p = (uint64_t)l[k] * 10 + c;
			l[k] = (uint32_t)p;
			c = p >> 32;
		}
	}
	uint64_t hi = (uint64_t)l[0] << 32 | l[1], lo = (uint64_t)l[2] << 32 | l[3];
	int neg = sign_neg(n[0]);
	if (neg) {
		hi = ~hi;
		lo = ~lo + 1;
		if (!lo)
			hi++;
	}
	struct ppc_vsr *d = vr(cpu, insn_rt(insn));
	d->dw[0] = hi;
	d->dw[1] = lo;
	cpu_set_crf(cpu, 6, cr_signed(n, neg));
	return PPC_OK;
}

/* ---- sign copy and set (6.12.4) ---- */
int insn_bcdcpsgn(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t a[32], b[32];
	nib_get(vr(cpu, insn_ra(insn)), a);
	nib_get(vr(cpu, insn_rb(insn)), b);
	if (!signed_valid(a) || !signed_valid(b))
		return bcd_invalid(cpu);
	a[0] = b[0];
	return bcd_done(cpu, insn, a, cr_signed(a, sign_neg(a[0])));
}

int insn_bcdsetsgn(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t b[32];
	nib_get(vr(cpu, insn_rb(insn)), b);
	if (!signed_valid(b))
		return bcd_invalid(cpu);
	int neg = sign_neg(b[0]);
	b[0] = pref_sign(neg, insn_ps(insn));
	return bcd_done(cpu, insn, b, cr_signed(b, neg));
}

/* ---- shifts (6.12.4): by the signed byte VRA[56:63] (positive left); digits n[lo..31] ---- */

/* Shift digits n[lo..31] by @sh (positive: toward 31). Return 1 if a nonzero digit left
 * the top; *@last gets the last digit shifted out at the bottom (for rounding). */
static int shift_digits(uint8_t n[32], unsigned lo, int sh, unsigned *last)
{
	uint8_t t[32] = {0};
	int lost = 0;
	*last = 0;
	for (int i = (int)lo; i < 32; i++) {
		int j = i + sh;
		if (j >= 32)
			lost |= n[i] != 0;
		else if (j >= (int)lo)
			t[j] = n[i];
		else if (j == (int)lo - 1)
			*last = n[i];
	}
	for (unsigned i = lo; i < 32; i++)
		n[i] = t[i];
	return lost;
}

static int sbyte(uint64_t dw0) { return (int)vsx8(dw0 & 0xff); }

static int bcd_shift(struct ppc_cpu *cpu, uint32_t insn, int round)
{
	uint8_t b[32];
	unsigned last;
	nib_get(vr(cpu, insn_rb(insn)), b);
	if (!signed_valid(b))
		return bcd_invalid(cpu);
	int sh = sbyte(vr(cpu, insn_ra(insn))->dw[0]);
	int neg = sign_neg(b[0]);
	int lost = shift_digits(b, 1, sh, &last);
	if (round && sh < 0 && last >= 5) {
		for (unsigned i = 1; i < 32; i++) { /* add one, carrying */
			if (b[i] < 9) {
				b[i]++;
				break;
			}
			b[i] = 0;
			if (i == 31)
				lost = 1;
		}
	}
	b[0] = pref_sign(neg, insn_ps(insn));
	return bcd_done(cpu, insn, b, cr_signed(b, neg) | (lost ? CR_SO : 0));
}

int insn_bcds(struct ppc_cpu *cpu, uint32_t insn) { return bcd_shift(cpu, insn, 0); }
int insn_bcdsr(struct ppc_cpu *cpu, uint32_t insn) { return bcd_shift(cpu, insn, 1); }

int insn_bcdus(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t b[32];
	unsigned last;
	nib_get(vr(cpu, insn_rb(insn)), b);
	if (!digits_valid(b, 0))
		return bcd_invalid(cpu);
	int lost = shift_digits(b, 0, sbyte(vr(cpu, insn_ra(insn))->dw[0]), &last);
	return bcd_done(cpu, insn, b, (digits_zero(b, 0) ? CR_EQ : CR_GT) | (lost ? CR_SO : 0));
}

/* ---- truncation (6.12.4): keep the low VRA[48:63] digits ---- */
int insn_bcdtrunc(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t b[32];
	nib_get(vr(cpu, insn_rb(insn)), b);
	if (!signed_valid(b))
		return bcd_invalid(cpu);
	unsigned keep = (unsigned)(vr(cpu, insn_ra(insn))->dw[0] & 0xffff);
	int lost = 0, neg = sign_neg(b[0]);
	for (unsigned i = 1; i < 32; i++)
		if (i > keep) {
			lost |= b[i] != 0;
			b[i] = 0;
		}
	b[0] = pref_sign(neg, insn_ps(insn));
	return bcd_done(cpu, insn, b, cr_signed(b, neg) | (lost ? CR_SO : 0));
}

int insn_bcdutrunc(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t b[32];
	nib_get(vr(cpu, insn_rb(insn)), b);
	if (!digits_valid(b, 0))
		return bcd_invalid(cpu);
	unsigned keep = (unsigned)(vr(cpu, insn_ra(insn))->dw[0] & 0xffff);
	int lost = 0;
	for (unsigned i = 0; i < 32; i++)
		if (i >= keep) {
			lost |= b[i] != 0;
			b[i] = 0;
		}
	return bcd_done(cpu, insn, b, (digits_zero(b, 0) ? CR_EQ : CR_GT) | (lost ? CR_SO : 0));
}

/* ---- national decimal (6.12.3): 7 digits as halfwords 0x0030-0x0039, then a sign
 * halfword 0x002B (+) or 0x002D (-) ---- */
int insn_bcdcfn(struct ppc_cpu *cpu, uint32_t insn)
{
	uint16_t h[8];
	uint8_t n[32] = {0};
	vec_get_u16(vr(cpu, insn_rb(insn)), h);
	if (h[7] != 0x2b && h[7] != 0x2d)
		return bcd_invalid(cpu);
	for (unsigned i = 0; i < 7; i++) {
		if (h[i] < 0x30 || h[i] > 0x39)
			return bcd_invalid(cpu);
		n[7 - i] = (uint8_t)(h[i] - 0x30);
	}
	int neg = h[7] == 0x2d;
	n[0] = pref_sign(neg, insn_ps(insn));
	return bcd_done(cpu, insn, n, cr_signed(n, neg));
}

int insn_bcdctn(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t n[32];
	uint16_t h[8];
	nib_get(vr(cpu, insn_rb(insn)), n);
	if (!signed_valid(n))
		return bcd_invalid(cpu);
	int neg = sign_neg(n[0]);
	for (unsigned i = 0; i < 7; i++)
		h[i] = (uint16_t)(0x30 + n[7 - i]);
	h[7] = neg ? 0x2d : 0x2b;
	vec_set_u16(vr(cpu, insn_rt(insn)), h);
	cpu_set_crf(cpu, 6, cr_signed(n, neg) | (digits_zero(n, 8) ? 0 : CR_SO));
	return PPC_OK;
}

/* ---- zoned decimal (6.12.3): 16 digits, one per byte in the low nibble; the zone
 * (high nibble) is 0x3 when PS = 0, 0xF when PS = 1; the zone of the last byte holds the
 * sign (PS = 0: 0x0-0x3, 0x8-0xB plus, 0x4-0x7, 0xC-0xF minus; PS = 1: A, C, E, F plus,
 * B, D minus) ---- */
static int zone_neg(unsigned z, unsigned ps, int *neg)
{
	if (!ps) {
		*neg = (z & 4) != 0;
		return 1;
	}
	if (z < 0xa)
		return 0;
	*neg = sign_neg(z);
	return 1;
}

int insn_bcdcfz(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t z[16], n[32] = {0};
	unsigned ps = insn_ps(insn);
	int neg;
	vec_get_u8(vr(cpu, insn_rb(insn)), z);
	for (unsigned i = 0; i < 16; i++) {
		if ((z[i] & 0xf) > 9)
			return bcd_invalid(cpu);
		if (i < 15 && (z[i] >> 4) != (ps ? 0xfu : 0x3u))
			return bcd_invalid(cpu);
		n[16 - i] = z[i] & 0xf;
	}
	if (!zone_neg(z[15] >> 4, ps, &neg))
		return bcd_invalid(cpu);
	n[0] = pref_sign(neg, ps);
	return bcd_done(cpu, insn, n, cr_signed(n, neg));
}

int insn_bcdctz(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t n[32], z[16];
	unsigned ps = insn_ps(insn);
	nib_get(vr(cpu, insn_rb(insn)), n);
	if (!signed_valid(n))
		return bcd_invalid(cpu);
	int neg = sign_neg(n[0]);
	for (unsigned i = 0; i < 16; i++)
		z[i] = (uint8_t)((ps ? 0xf0 : 0x30) | n[16 - i]);
	z[15] = (uint8_t)((z[15] & 0xf) | (ps ? (neg ? 0xd0 : 0xc0) : (neg ? 0x70 : 0x30)));
	vec_set_u8(vr(cpu, insn_rt(insn)), z);
	cpu_set_crf(cpu, 6, cr_signed(n, neg) | (digits_zero(n, 17) ? 0 : CR_SO));
	return PPC_OK;
}
