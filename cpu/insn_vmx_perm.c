/* SPDX-License-Identifier: MIT */
/*
 * VMX logical, rotate/shift, pack/unpack, merge, splat, permute, bit and count
 * instructions, and the ISA 3.0 additions to them (ISA 3.0B Book I 6.8.x, 6.9.2, 6.9.4).
 * Element numbering is the ISA's big-endian one (cpu/vec.h).
 */
#include "cpu/insn.h"
#include "cpu/vec.h"

/* ---- logical (6.9.2) ---- */
VD(vand, x & y)
VD(vandc, x & ~y)
VD(vor, x | y)
VD(vorc, x | ~y)
VD(vxor, x ^ y)
VD(vnor, ~(x | y))
VD(vnand, ~(x & y))
VD(veqv, ~(x ^ y))

int insn_vsel(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_vsr *a = vr(cpu, insn_ra(insn)), *b = vr(cpu, insn_rb(insn)),
			     *c = vr(cpu, insn_rc_reg(insn));
	struct ppc_vsr r;
	for (unsigned i = 0; i < 2; i++)
		r.dw[i] = (a->dw[i] & ~c->dw[i]) | (b->dw[i] & c->dw[i]);
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

/* ---- element rotates and shifts (6.9.4): the count is the low log2(bits) bits of the
 * corresponding element of VRB ---- */
VB(vrlb, vrotl(x, (unsigned)y & 7, 8))
VH(vrlh, vrotl(x, (unsigned)y & 15, 16))
VW(vrlw, vrotl(x, (unsigned)y & 31, 32))
VD(vrld, vrotl(x, (unsigned)y & 63, 64))
VB(vslb, x << (y & 7))
VH(vslh, x << (y & 15))
VW(vslw, x << (y & 31))
VD(vsld, x << (y & 63))
VB(vsrb, x >> (y & 7))
VH(vsrh, x >> (y & 15))
VW(vsrw, x >> (y & 31))
VD(vsrd, x >> (y & 63))
VB(vsrab, vsra(x, (unsigned)y & 7, 8))
VH(vsrah, vsra(x, (unsigned)y & 15, 16))
VW(vsraw, vsra(x, (unsigned)y & 31, 32))
VD(vsrad, vsra(x, (unsigned)y & 63, 64))

/* ISA 3.0 rotate-and-mask (6.9.4): each element of VRB holds mb in its bits 11:15
 * (doubleword: 42:47), me in 19:23 (50:55) and the count in 27:31 (58:63), i.e. the low
 * log2(n) bits of y >> 16, y >> 8 and y; the mask runs from mb to me, wrapping when
 * mb > me. */
static uint64_t rl_mask(unsigned mb, unsigned me, unsigned n)
{
	uint64_t all = n == 64 ? ~0ULL : (1ULL << n) - 1;
	uint64_t from_mb = all >> mb;                        /* bits mb..n-1 */
	uint64_t to_me = all & ~(me + 1 >= n ? 0 : all >> (me + 1)); /* bits 0..me */
	return mb <= me ? (from_mb & to_me) : (from_mb | to_me);
}

static uint64_t rl_nm(uint64_t x, uint64_t y, unsigned n)
{
	unsigned sh = (unsigned)y & (n - 1), me = (unsigned)(y >> 8) & (n - 1),
		 mb = (unsigned)(y >> 16) & (n - 1);
	return vrotl(x, sh, n) & rl_mask(mb, me, n);
}

VW(vrlwnm, rl_nm(x, y, 32))
VD(vrldnm, rl_nm(x, y, 64))

/* vrlwmi/vrldmi insert into VRT's old value under the mask. */
static int vrl_mi(struct ppc_cpu *cpu, uint32_t insn, unsigned n)
{
	struct ppc_vsr *d = vr(cpu, insn_rt(insn));
	const struct ppc_vsr *a = vr(cpu, insn_ra(insn)), *b = vr(cpu, insn_rb(insn));
	struct ppc_vsr r = *d;
	for (unsigned i = 0; i < 16 / (n / 8); i++) {
		uint64_t x = vec_take(a, i, n / 8), y = vec_take(b, i, n / 8);
		unsigned sh = (unsigned)y & (n - 1), me = (unsigned)(y >> 8) & (n - 1),
			 mb = (unsigned)(y >> 16) & (n - 1);
		uint64_t m = rl_mask(mb, me, n);
		vec_put(&r, i, n / 8, (vrotl(x, sh, n) & m) | (vec_take(d, i, n / 8) & ~m));
	}
	*d = r;
	return PPC_OK;
}

int insn_vrlwmi(struct ppc_cpu *cpu, uint32_t insn) { return vrl_mi(cpu, insn, 32); }
int insn_vrldmi(struct ppc_cpu *cpu, uint32_t insn) { return vrl_mi(cpu, insn, 64); }

/* ---- whole-register shifts (6.9.4) ---- */
static void shl128(uint64_t *hi, uint64_t *lo, unsigned s)
{
	if (s >= 64) {
		*hi = s >= 128 ? 0 : *lo << (s - 64);
		*lo = 0;
	} else if (s) {
		*hi = (*hi << s) | (*lo >> (64 - s));
		*lo <<= s;
	}
}

static void shr128(uint64_t *hi, uint64_t *lo, unsigned s)
{
	if (s >= 64) {
		*lo = s >= 128 ? 0 : *hi >> (s - 64);
		*hi = 0;
	} else if (s) {
		*lo = (*lo >> s) | (*hi << (64 - s));
		*hi >>= s;
	}
}

/* vsl/vsr: by the low 3 bits of byte 15 of VRB (the ISA requires every byte to hold the
 * same count; hardware and qemu use byte 15). vslo/vsro: by octets, VRB bits 121:124. */
static int vshift(struct ppc_cpu *cpu, uint32_t insn, int left, int octets)
{
	const struct ppc_vsr *a = vr(cpu, insn_ra(insn));
	unsigned b15 = (unsigned)vr(cpu, insn_rb(insn))->dw[1] & 0xff;
	unsigned s = octets ? ((b15 >> 3) & 15) * 8 : b15 & 7;
	uint64_t hi = a->dw[0], lo = a->dw[1];
	if (left)
		shl128(&hi, &lo, s);
	else
		shr128(&hi, &lo, s);
	struct ppc_vsr *d = vr(cpu, insn_rt(insn));
	d->dw[0] = hi;
	d->dw[1] = lo;
	return PPC_OK;
}

int insn_vsl(struct ppc_cpu *cpu, uint32_t insn) { return vshift(cpu, insn, 1, 0); }
int insn_vsr(struct ppc_cpu *cpu, uint32_t insn) { return vshift(cpu, insn, 0, 0); }
int insn_vslo(struct ppc_cpu *cpu, uint32_t insn) { return vshift(cpu, insn, 1, 1); }
int insn_vsro(struct ppc_cpu *cpu, uint32_t insn) { return vshift(cpu, insn, 0, 1); }

int insn_vsldoi(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t a[16], b[16], r[16];
	unsigned shb = (insn >> 6) & 15;
	vec_get_u8(vr(cpu, insn_ra(insn)), a);
	vec_get_u8(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 16; i++)
		r[i] = shb + i < 16 ? a[shb + i] : b[shb + i - 16];
	vec_set_u8(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

/* ISA 3.0 vslv/vsrv: each byte of VRA (with the next/previous one) shifted by the low 3
 * bits of the corresponding byte of VRB. */
int insn_vslv(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t a[16], b[16], r[16];
	vec_get_u8(vr(cpu, insn_ra(insn)), a);
	vec_get_u8(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 16; i++) {
		unsigned pair = (unsigned)a[i] << 8 | (i < 15 ? a[i + 1] : 0);
		r[i] = (uint8_t)((pair << (b[i] & 7)) >> 8);
	}
	vec_set_u8(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vsrv(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t a[16], b[16], r[16];
	vec_get_u8(vr(cpu, insn_ra(insn)), a);
	vec_get_u8(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 16; i++) {
		unsigned pair = (i ? (unsigned)a[i - 1] << 8 : 0) | a[i];
		r[i] = (uint8_t)(pair >> (b[i] & 7));
	}
	vec_set_u8(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

/* ---- pack (6.9.1.x): the 2n elements of VRA||VRB of size 2s become n elements of size
 * s; @mode: 0 modulo, 1 unsigned->unsigned saturate, 2 signed->unsigned, 3 signed->signed */
static int vpack(struct ppc_cpu *cpu, uint32_t insn, unsigned s, int mode)
{
	const struct ppc_vsr *src[2] = {vr(cpu, insn_ra(insn)), vr(cpu, insn_rb(insn))};
	struct ppc_vsr r;
	unsigned n = 16 / s, sat = 0, bits = 8 * s;
	uint64_t umax = s == 8 ? ~0ULL : (1ULL << bits) - 1;
	for (unsigned i = 0; i < n; i++) {
		uint64_t x = vec_take(src[i >= n / 2], i % (n / 2), 2 * s), v;
		int64_t sx = s == 1 ? vsx16(x) : s == 2 ? vsx32(x) : vsx64(x);
		switch (mode) {
		case 0:
			v = x;
			break;
		case 1:
			v = x > umax ? (sat = 1, umax) : x;
			break;
		case 2:
			v = sx < 0 ? (sat = 1, 0) : (uint64_t)sx > umax ? (sat = 1, umax) : (uint64_t)sx;
			break;
		default: {
			int64_t hi = (int64_t)(umax >> 1), lo = -hi - 1;
			v = (uint64_t)vsat(sx, lo, hi, &sat);
			break;
		}
		}
		vec_put(&r, i, s, v);
	}
	*vr(cpu, insn_rt(insn)) = r;
	if (sat)
		cpu->vscr |= VSCR_SAT;
	return PPC_OK;
}

int insn_vpkuhum(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 1, 0); }
int insn_vpkuwum(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 2, 0); }
int insn_vpkudum(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 4, 0); }
int insn_vpkuhus(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 1, 1); }
int insn_vpkuwus(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 2, 1); }
int insn_vpkudus(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 4, 1); }
int insn_vpkshus(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 1, 2); }
int insn_vpkswus(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 2, 2); }
int insn_vpksdus(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 4, 2); }
int insn_vpkshss(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 1, 3); }
int insn_vpkswss(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 2, 3); }
int insn_vpksdss(struct ppc_cpu *cpu, uint32_t insn) { return vpack(cpu, insn, 4, 3); }

/* vpkpx: 32-bit pixels (bit 7, then the top 5 bits of bytes 1-3) to 1/5/5/5 pixels. */
int insn_vpkpx(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t a[4], b[4];
	uint16_t r[8];
	vec_get_u32(vr(cpu, insn_ra(insn)), a);
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 8; i++) {
		uint32_t w = i < 4 ? a[i] : b[i - 4];
		r[i] = (uint16_t)(((w >> 24) & 1) << 15 | ((w >> 19) & 0x1f) << 10 |
				  ((w >> 11) & 0x1f) << 5 | ((w >> 3) & 0x1f));
	}
	vec_set_u16(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

/* Unpack: sign-extend the high (low) half's elements of VRB to double width. */
static int vunpack(struct ppc_cpu *cpu, uint32_t insn, unsigned s, int low)
{
	const struct ppc_vsr *b = vr(cpu, insn_rb(insn));
	struct ppc_vsr r;
	unsigned n = 8 / s;
	for (unsigned i = 0; i < n; i++) {
		uint64_t x = vec_take(b, i + (low ? n : 0), s);
		int64_t v = s == 1 ? vsx8(x) : s == 2 ? vsx16(x) : vsx32(x);
		vec_put(&r, i, 2 * s, (uint64_t)v);
	}
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

int insn_vupkhsb(struct ppc_cpu *cpu, uint32_t insn) { return vunpack(cpu, insn, 1, 0); }
int insn_vupkhsh(struct ppc_cpu *cpu, uint32_t insn) { return vunpack(cpu, insn, 2, 0); }
int insn_vupkhsw(struct ppc_cpu *cpu, uint32_t insn) { return vunpack(cpu, insn, 4, 0); }
int insn_vupklsb(struct ppc_cpu *cpu, uint32_t insn) { return vunpack(cpu, insn, 1, 1); }
int insn_vupklsh(struct ppc_cpu *cpu, uint32_t insn) { return vunpack(cpu, insn, 2, 1); }
int insn_vupklsw(struct ppc_cpu *cpu, uint32_t insn) { return vunpack(cpu, insn, 4, 1); }

static int vupkpx(struct ppc_cpu *cpu, uint32_t insn, int low)
{
	uint16_t b[8];
	uint32_t r[4];
	vec_get_u16(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 4; i++) {
		uint16_t p = b[i + (low ? 4 : 0)];
		r[i] = ((p & 0x8000) ? 0xff000000u : 0) | (uint32_t)((p >> 10) & 0x1f) << 16 |
		       (uint32_t)((p >> 5) & 0x1f) << 8 | (p & 0x1fu);
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vupkhpx(struct ppc_cpu *cpu, uint32_t insn) { return vupkpx(cpu, insn, 0); }
int insn_vupklpx(struct ppc_cpu *cpu, uint32_t insn) { return vupkpx(cpu, insn, 1); }

/* ---- merge: interleave elements of size s from the high (low) halves ---- */
static int vmerge(struct ppc_cpu *cpu, uint32_t insn, unsigned s, int low)
{
	const struct ppc_vsr *a = vr(cpu, insn_ra(insn)), *b = vr(cpu, insn_rb(insn));
	struct ppc_vsr r;
	unsigned n = 8 / s;
	for (unsigned i = 0; i < n; i++) {
		vec_put(&r, 2 * i, s, vec_take(a, i + (low ? n : 0), s));
		vec_put(&r, 2 * i + 1, s, vec_take(b, i + (low ? n : 0), s));
	}
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

int insn_vmrghb(struct ppc_cpu *cpu, uint32_t insn) { return vmerge(cpu, insn, 1, 0); }
int insn_vmrghh(struct ppc_cpu *cpu, uint32_t insn) { return vmerge(cpu, insn, 2, 0); }
int insn_vmrghw(struct ppc_cpu *cpu, uint32_t insn) { return vmerge(cpu, insn, 4, 0); }
int insn_vmrglb(struct ppc_cpu *cpu, uint32_t insn) { return vmerge(cpu, insn, 1, 1); }
int insn_vmrglh(struct ppc_cpu *cpu, uint32_t insn) { return vmerge(cpu, insn, 2, 1); }
int insn_vmrglw(struct ppc_cpu *cpu, uint32_t insn) { return vmerge(cpu, insn, 4, 1); }

/* vmrgew/vmrgow: the even (odd) words of VRA and VRB, interleaved. */
static int vmerge_eo(struct ppc_cpu *cpu, uint32_t insn, unsigned odd)
{
	uint32_t a[4], b[4], r[4];
	vec_get_u32(vr(cpu, insn_ra(insn)), a);
	vec_get_u32(vr(cpu, insn_rb(insn)), b);
	r[0] = a[odd];
	r[1] = b[odd];
	r[2] = a[2 + odd];
	r[3] = b[2 + odd];
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vmrgew(struct ppc_cpu *cpu, uint32_t insn) { return vmerge_eo(cpu, insn, 0); }
int insn_vmrgow(struct ppc_cpu *cpu, uint32_t insn) { return vmerge_eo(cpu, insn, 1); }

/* ---- splat ---- */
static int vsplt(struct ppc_cpu *cpu, uint32_t insn, unsigned s)
{
	unsigned n = 16 / s, uim = insn_ra(insn) & (n - 1);
	uint64_t v = vec_take(vr(cpu, insn_rb(insn)), uim, s);
	struct ppc_vsr r;
	for (unsigned i = 0; i < n; i++)
		vec_put(&r, i, s, v);
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

int insn_vspltb(struct ppc_cpu *cpu, uint32_t insn) { return vsplt(cpu, insn, 1); }
int insn_vsplth(struct ppc_cpu *cpu, uint32_t insn) { return vsplt(cpu, insn, 2); }
int insn_vspltw(struct ppc_cpu *cpu, uint32_t insn) { return vsplt(cpu, insn, 4); }

static int vsplti(struct ppc_cpu *cpu, uint32_t insn, unsigned s)
{
	unsigned simm = insn_ra(insn);
	uint64_t v = (simm & 0x10) ? (uint64_t)simm - 32 : simm; /* sign-extended 5 bits */
	struct ppc_vsr r;
	for (unsigned i = 0; i < 16 / s; i++)
		vec_put(&r, i, s, v);
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

int insn_vspltisb(struct ppc_cpu *cpu, uint32_t insn) { return vsplti(cpu, insn, 1); }
int insn_vspltish(struct ppc_cpu *cpu, uint32_t insn) { return vsplti(cpu, insn, 2); }
int insn_vspltisw(struct ppc_cpu *cpu, uint32_t insn) { return vsplti(cpu, insn, 4); }

/* ---- permutes ---- */
static int vperm_common(struct ppc_cpu *cpu, uint32_t insn, int reversed)
{
	const struct ppc_vsr *a = vr(cpu, insn_ra(insn)), *b = vr(cpu, insn_rb(insn)),
			     *c = vr(cpu, insn_rc_reg(insn));
	const uint64_t src[4] = {a->dw[0], a->dw[1], b->dw[0], b->dw[1]};
	uint64_t out[2];
	for (unsigned w = 0; w < 2; w++) {
		uint64_t r = 0, ctl = c->dw[w];
		for (unsigned k = 0; k < 8; k++) {
			unsigned idx = (unsigned)(ctl >> (56 - 8 * k)) & 31;
			if (reversed)
				idx = 31 - idx;
			r = (r << 8) | ((src[idx >> 3] >> (56 - 8 * (idx & 7))) & 0xff);
		}
		out[w] = r;
	}
	struct ppc_vsr *d = vr(cpu, insn_rt(insn));
	d->dw[0] = out[0];
	d->dw[1] = out[1];
	return PPC_OK;
}

int insn_vperm(struct ppc_cpu *cpu, uint32_t insn) { return vperm_common(cpu, insn, 0); }
int insn_vpermr(struct ppc_cpu *cpu, uint32_t insn) { return vperm_common(cpu, insn, 1); }

int insn_vpermxor(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t a[16], b[16], c[16], r[16];
	vec_get_u8(vr(cpu, insn_ra(insn)), a);
	vec_get_u8(vr(cpu, insn_rb(insn)), b);
	vec_get_u8(vr(cpu, insn_rc_reg(insn)), c);
	for (unsigned i = 0; i < 16; i++)
		r[i] = a[c[i] >> 4] ^ b[c[i] & 15];
	vec_set_u8(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

/* ---- bit gather/permute ---- */

/* vgbbd: transpose each doubleword as an 8x8 bit matrix (bytes are rows). */
static uint64_t transpose8(uint64_t x)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < 8; i++)     /* source byte (row) */
		for (unsigned j = 0; j < 8; j++) /* bit in the byte (column), 0 = MSB */
			if ((x >> (63 - (8 * i + j))) & 1)
				r |= 1ULL << (63 - (8 * j + i));
	return r;
}

VD1(vgbbd, transpose8(x))

/* vbpermq: bit i of the 16-bit result is bit VRB.byte[i] of VRA (0 when >= 128), in
 * bits 48:63 of doubleword 0. */
int insn_vbpermq(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t a[16];
	const struct ppc_vsr *b = vr(cpu, insn_ra(insn));
	uint64_t perm = 0;
	vec_get_u8(vr(cpu, insn_rb(insn)), a);
	for (unsigned i = 0; i < 16; i++) {
		unsigned k = a[i];
		unsigned bit = k < 128 ? (unsigned)(b->dw[k >> 6] >> (63 - (k & 63))) & 1 : 0;
		perm |= (uint64_t)bit << (15 - i);
	}
	struct ppc_vsr *d = vr(cpu, insn_rt(insn));
	d->dw[0] = perm;
	d->dw[1] = 0;
	return PPC_OK;
}

/* vbpermd (ISA 3.0): per doubleword, 8 bits of VRA selected by VRB's bytes, into the low
 * byte. */
int insn_vbpermd(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t a[16];
	const struct ppc_vsr *b = vr(cpu, insn_ra(insn));
	struct ppc_vsr r = {{0, 0}};
	vec_get_u8(vr(cpu, insn_rb(insn)), a);
	for (unsigned j = 0; j < 2; j++)
		for (unsigned i = 0; i < 8; i++) {
			unsigned k = a[8 * j + i];
			if (k < 64 && ((b->dw[j] >> (63 - k)) & 1))
				r.dw[j] |= 1ULL << (7 - i);
		}
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

/* ---- counts ---- */
VB1(vclzb, vclz(x, 8))
VH1(vclzh, vclz(x, 16))
VW1(vclzw, vclz(x, 32))
VD1(vclzd, vclz(x, 64))
VB1(vctzb, vctz(x, 8))
VH1(vctzh, vctz(x, 16))
VW1(vctzw, vctz(x, 32))
VD1(vctzd, vctz(x, 64))
VB1(vpopcntb, vpopcnt(x))
VH1(vpopcnth, vpopcnt(x))
VW1(vpopcntw, vpopcnt(x))
VD1(vpopcntd, vpopcnt(x))

/* ISA 3.0 VX forms with the VRA field as a sub-opcode (XO 1538). */
VW1(vnegw, 0 - x)
VD1(vnegd, 0 - x)
static uint64_t parity_low_bits(uint64_t x, unsigned nbytes)
{
	unsigned p = 0;
	for (unsigned i = 0; i < nbytes; i++)
		p ^= (unsigned)(x >> (8 * i)) & 1;
	return p;
}
VW1(vprtybw, parity_low_bits(x, 4))
VD1(vprtybd, parity_low_bits(x, 8))
int insn_vprtybq(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_vsr *b = vr(cpu, insn_rb(insn));
	struct ppc_vsr *d = vr(cpu, insn_rt(insn));
	uint64_t p = parity_low_bits(b->dw[0], 8) ^ parity_low_bits(b->dw[1], 8);
	d->dw[0] = 0;
	d->dw[1] = p;
	return PPC_OK;
}
VW1(vextsb2w, (uint64_t)vsx8(x))
VW1(vextsh2w, (uint64_t)vsx16(x))
VD1(vextsb2d, (uint64_t)vsx8(x))
VD1(vextsh2d, (uint64_t)vsx16(x))
VD1(vextsw2d, (uint64_t)vsx32(x))

/* vclzlsbb/vctzlsbb: count of leading (trailing) bytes of VRB whose low bit is 0, in RT. */
static int count_lsbb(struct ppc_cpu *cpu, uint32_t insn, int trailing)
{
	uint8_t b[16];
	unsigned n = 0;
	vec_get_u8(vr(cpu, insn_rb(insn)), b);
	for (unsigned i = 0; i < 16; i++) {
		unsigned k = trailing ? 15 - i : i;
		if (b[k] & 1)
			break;
		n++;
	}
	cpu->gpr[insn_rt(insn)] = n;
	return PPC_OK;
}

int insn_vclzlsbb(struct ppc_cpu *cpu, uint32_t insn) { return count_lsbb(cpu, insn, 0); }
int insn_vctzlsbb(struct ppc_cpu *cpu, uint32_t insn) { return count_lsbb(cpu, insn, 1); }

/* ---- ISA 3.0 extract/insert ---- */

/* vextu[bhw][lr]x: element of size s at byte index RA[60:63] counted from the left (l)
 * or from the right (r) of VRB, zero-extended into RT. */
static int vextux(struct ppc_cpu *cpu, uint32_t insn, unsigned s, int right)
{
	uint8_t b[16];
	unsigned idx = (unsigned)cpu->gpr[insn_ra(insn)] & 15;
	uint64_t v = 0;
	vec_get_u8(vr(cpu, insn_rb(insn)), b);
	for (unsigned k = 0; k < s; k++) {
		/* left: bytes idx..idx+s-1; right: the s bytes ending at 15-idx */
		unsigned pos = right ? 16 - idx - s + k : idx + k;
		v = (v << 8) | (pos < 16 ? b[pos] : 0);
	}
	cpu->gpr[insn_rt(insn)] = v;
	return PPC_OK;
}

int insn_vextublx(struct ppc_cpu *cpu, uint32_t insn) { return vextux(cpu, insn, 1, 0); }
int insn_vextubrx(struct ppc_cpu *cpu, uint32_t insn) { return vextux(cpu, insn, 1, 1); }
int insn_vextuhlx(struct ppc_cpu *cpu, uint32_t insn) { return vextux(cpu, insn, 2, 0); }
int insn_vextuhrx(struct ppc_cpu *cpu, uint32_t insn) { return vextux(cpu, insn, 2, 1); }
int insn_vextuwlx(struct ppc_cpu *cpu, uint32_t insn) { return vextux(cpu, insn, 4, 0); }
int insn_vextuwrx(struct ppc_cpu *cpu, uint32_t insn) { return vextux(cpu, insn, 4, 1); }

/* vextractu*: the s bytes of VRB at byte UIM go to VRT bytes 8-s..7 (the rest zero). */
static int vextract(struct ppc_cpu *cpu, uint32_t insn, unsigned s)
{
	uint8_t b[16], r[16] = {0};
	unsigned uim = insn_ra(insn) & 15;
	vec_get_u8(vr(cpu, insn_rb(insn)), b);
	for (unsigned k = 0; k < s; k++)
		r[8 - s + k] = uim + k < 16 ? b[uim + k] : 0;
	vec_set_u8(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vextractub(struct ppc_cpu *cpu, uint32_t insn) { return vextract(cpu, insn, 1); }
int insn_vextractuh(struct ppc_cpu *cpu, uint32_t insn) { return vextract(cpu, insn, 2); }
int insn_vextractuw(struct ppc_cpu *cpu, uint32_t insn) { return vextract(cpu, insn, 4); }
int insn_vextractd(struct ppc_cpu *cpu, uint32_t insn) { return vextract(cpu, insn, 8); }

/* vinsert*: VRB bytes 8-s..7 go to VRT at byte UIM; the other bytes of VRT are kept. */
static int vinsert(struct ppc_cpu *cpu, uint32_t insn, unsigned s)
{
	uint8_t b[16], r[16];
	unsigned uim = insn_ra(insn) & 15;
	vec_get_u8(vr(cpu, insn_rb(insn)), b);
	vec_get_u8(vr(cpu, insn_rt(insn)), r);
	for (unsigned k = 0; k < s && uim + k < 16; k++)
		r[uim + k] = b[8 - s + k];
	vec_set_u8(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vinsertb(struct ppc_cpu *cpu, uint32_t insn) { return vinsert(cpu, insn, 1); }
int insn_vinserth(struct ppc_cpu *cpu, uint32_t insn) { return vinsert(cpu, insn, 2); }
int insn_vinsertw(struct ppc_cpu *cpu, uint32_t insn) { return vinsert(cpu, insn, 4); }
int insn_vinsertd(struct ppc_cpu *cpu, uint32_t insn) { return vinsert(cpu, insn, 8); }

/*
 * vextract[bhwdq]m RT,VRB (ISA 3.1 Book I 6.8, "Vector Extract Mask"; VX XO 1602, the VRA
 * field selects the element size: 8 byte, 9 halfword, 10 word, 11 doubleword, 12
 * quadword): the most significant bit of each element of VRB, element 0 (the leftmost)
 * going to the most significant of the result's low bits; the rest of RT is 0.
 */
int insn_vextractbm(struct ppc_cpu *cpu, uint32_t insn)
{
	static const unsigned size[5] = {1, 2, 4, 8, 16};
	unsigned n = size[insn_ra(insn) - 8];
	const struct ppc_vsr *b = vr(cpu, insn_rb(insn));
	uint64_t r = 0;
	if (n == 16) {
		r = b->dw[0] >> 63;
	} else {
		for (unsigned i = 0; i < 16 / n; i++)
			r = (r << 1) | (vec_take(b, i, n) >> (8 * n - 1));
	}
	cpu->gpr[insn_rt(insn)] = r;
	return PPC_OK;
}
