/* SPDX-License-Identifier: MIT */
/*
 * VMX crypto (ISA 3.0B Book I 6.11: AES, SHA-2 sigma, polynomial multiply-sum) and
 * decimal integer (6.12: bcdadd., bcdsub.). The AES state is VRA's 16 bytes in element
 * order, column-major as in FIPS-197 (byte i = row i % 4, column i / 4).
 */
#include "cpu/insn.h"
#include "cpu/vec.h"

/* FIPS-197 S-box and its inverse (computed from the GF(2^8) inverse and affine map). */
static const uint8_t aes_sbox[256] = {
	0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b,
	0xfe, 0xd7, 0xab, 0x76, 0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0,
	0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0, 0xb7, 0xfd, 0x93, 0x26,
	0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
	0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2,
	0xeb, 0x27, 0xb2, 0x75, 0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0,
	0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84, 0x53, 0xd1, 0x00, 0xed,
	0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
	0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f,
	0x50, 0x3c, 0x9f, 0xa8, 0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5,
	0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2, 0xcd, 0x0c, 0x13, 0xec,
	0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
	0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14,
	0xde, 0x5e, 0x0b, 0xdb, 0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c,
	0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79, 0xe7, 0xc8, 0x37, 0x6d,
	0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
	0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f,
	0x4b, 0xbd, 0x8b, 0x8a, 0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e,
	0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e, 0xe1, 0xf8, 0x98, 0x11,
	0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
	0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f,
	0xb0, 0x54, 0xbb, 0x16,
};

static const uint8_t aes_inv_sbox[256] = {
	0x52, 0x09, 0x6a, 0xd5, 0x30, 0x36, 0xa5, 0x38, 0xbf, 0x40, 0xa3, 0x9e,
	0x81, 0xf3, 0xd7, 0xfb, 0x7c, 0xe3, 0x39, 0x82, 0x9b, 0x2f, 0xff, 0x87,
	0x34, 0x8e, 0x43, 0x44, 0xc4, 0xde, 0xe9, 0xcb, 0x54, 0x7b, 0x94, 0x32,
	0xa6, 0xc2, 0x23, 0x3d, 0xee, 0x4c, 0x95, 0x0b, 0x42, 0xfa, 0xc3, 0x4e,
	0x08, 0x2e, 0xa1, 0x66, 0x28, 0xd9, 0x24, 0xb2, 0x76, 0x5b, 0xa2, 0x49,
	0x6d, 0x8b, 0xd1, 0x25, 0x72, 0xf8, 0xf6, 0x64, 0x86, 0x68, 0x98, 0x16,
	0xd4, 0xa4, 0x5c, 0xcc, 0x5d, 0x65, 0xb6, 0x92, 0x6c, 0x70, 0x48, 0x50,
	0xfd, 0xed, 0xb9, 0xda, 0x5e, 0x15, 0x46, 0x57, 0xa7, 0x8d, 0x9d, 0x84,
	0x90, 0xd8, 0xab, 0x00, 0x8c, 0xbc, 0xd3, 0x0a, 0xf7, 0xe4, 0x58, 0x05,
	0xb8, 0xb3, 0x45, 0x06, 0xd0, 0x2c, 0x1e, 0x8f, 0xca, 0x3f, 0x0f, 0x02,
	0xc1, 0xaf, 0xbd, 0x03, 0x01, 0x13, 0x8a, 0x6b, 0x3a, 0x91, 0x11, 0x41,
	0x4f, 0x67, 0xdc, 0xea, 0x97, 0xf2, 0xcf, 0xce, 0xf0, 0xb4, 0xe6, 0x73,
	0x96, 0xac, 0x74, 0x22, 0xe7, 0xad, 0x35, 0x85, 0xe2, 0xf9, 0x37, 0xe8,
	0x1c, 0x75, 0xdf, 0x6e, 0x47, 0xf1, 0x1a, 0x71, 0x1d, 0x29, 0xc5, 0x89,
	0x6f, 0xb7, 0x62, 0x0e, 0xaa, 0x18, 0xbe, 0x1b, 0xfc, 0x56, 0x3e, 0x4b,
	0xc6, 0xd2, 0x79, 0x20, 0x9a, 0xdb, 0xc0, 0xfe, 0x78, 0xcd, 0x5a, 0xf4,
	0x1f, 0xdd, 0xa8, 0x33, 0x88, 0x07, 0xc7, 0x31, 0xb1, 0x12, 0x10, 0x59,
	0x27, 0x80, 0xec, 0x5f, 0x60, 0x51, 0x7f, 0xa9, 0x19, 0xb5, 0x4a, 0x0d,
	0x2d, 0xe5, 0x7a, 0x9f, 0x93, 0xc9, 0x9c, 0xef, 0xa0, 0xe0, 0x3b, 0x4d,
	0xae, 0x2a, 0xf5, 0xb0, 0xc8, 0xeb, 0xbb, 0x3c, 0x83, 0x53, 0x99, 0x61,
	0x17, 0x2b, 0x04, 0x7e, 0xba, 0x77, 0xd6, 0x26, 0xe1, 0x69, 0x14, 0x63,
	0x55, 0x21, 0x0c, 0x7d,
};

static uint8_t xtime(uint8_t x) { return (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1b : 0)); }

static uint8_t gmul(uint8_t a, uint8_t b)
{
	uint8_t p = 0;
	for (; b; b >>= 1) {
		if (b & 1)
			p ^= a;
		a = xtime(a);
	}
	return p;
}

static void sub_bytes(uint8_t s[16], const uint8_t box[256])
{
	for (unsigned i = 0; i < 16; i++)
		s[i] = box[s[i]];
}

/* Row r shifts left by r (right by r for the inverse). */
static void shift_rows(uint8_t s[16], int inv)
{
	uint8_t t[16];
	for (unsigned c = 0; c < 4; c++)
		for (unsigned r = 0; r < 4; r++) {
			unsigned from = inv ? (c + 4 - r) % 4 : (c + r) % 4;
			t[4 * c + r] = s[4 * from + r];
		}
	for (unsigned i = 0; i < 16; i++)
		s[i] = t[i];
}

static void mix_columns(uint8_t s[16], int inv)
{
	static const uint8_t fwd[4] = {2, 3, 1, 1}, bwd[4] = {14, 11, 13, 9};
	const uint8_t *m = inv ? bwd : fwd;
	for (unsigned c = 0; c < 4; c++) {
		uint8_t col[4], out[4];
		for (unsigned r = 0; r < 4; r++)
			col[r] = s[4 * c + r];
		for (unsigned r = 0; r < 4; r++) {
			out[r] = 0;
			for (unsigned k = 0; k < 4; k++)
				out[r] ^= gmul(col[k], m[(k + 4 - r) % 4]);
		}
		for (unsigned r = 0; r < 4; r++)
			s[4 * c + r] = out[r];
	}
}

enum { AES_ENC, AES_ENC_LAST, AES_DEC, AES_DEC_LAST };

static int aes_round(struct ppc_cpu *cpu, uint32_t insn, int kind)
{
	uint8_t s[16], k[16];
	vec_get_u8(vr(cpu, insn_ra(insn)), s);
	vec_get_u8(vr(cpu, insn_rb(insn)), k);
	if (kind == AES_ENC || kind == AES_ENC_LAST) {
		sub_bytes(s, aes_sbox);
		shift_rows(s, 0);
		if (kind == AES_ENC)
			mix_columns(s, 0);
		for (unsigned i = 0; i < 16; i++)
			s[i] ^= k[i];
	} else {
		/* vncipher: InvShiftRows, InvSubBytes, AddRoundKey, InvMixColumns (6.11.1) */
		shift_rows(s, 1);
		sub_bytes(s, aes_inv_sbox);
		for (unsigned i = 0; i < 16; i++)
			s[i] ^= k[i];
		if (kind == AES_DEC)
			mix_columns(s, 1);
	}
	vec_set_u8(vr(cpu, insn_rt(insn)), s);
	return PPC_OK;
}

int insn_vcipher(struct ppc_cpu *cpu, uint32_t insn) { return aes_round(cpu, insn, AES_ENC); }
int insn_vcipherlast(struct ppc_cpu *cpu, uint32_t insn) { return aes_round(cpu, insn, AES_ENC_LAST); }
int insn_vncipher(struct ppc_cpu *cpu, uint32_t insn) { return aes_round(cpu, insn, AES_DEC); }
int insn_vncipherlast(struct ppc_cpu *cpu, uint32_t insn) { return aes_round(cpu, insn, AES_DEC_LAST); }

int insn_vsbox(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t s[16];
	vec_get_u8(vr(cpu, insn_ra(insn)), s);
	sub_bytes(s, aes_sbox);
	vec_set_u8(vr(cpu, insn_rt(insn)), s);
	return PPC_OK;
}

/* ---- SHA-2 sigma functions (6.11.2): ST selects the lower/upper-case sigma, SIX bit
 * per element selects sigma 0 or 1 ---- */
static uint64_t rotr(uint64_t x, unsigned s, unsigned n) { return vrotl(x, n - s, n); }

int insn_vshasigmaw(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t a[4], r[4];
	unsigned st = (insn >> 15) & 1, six = (insn >> 11) & 15;
	vec_get_u32(vr(cpu, insn_ra(insn)), a);
	for (unsigned i = 0; i < 4; i++) {
		uint64_t x = a[i];
		unsigned one = (six >> (3 - i)) & 1;
		uint64_t v;
		if (!st)
			v = one ? rotr(x, 17, 32) ^ rotr(x, 19, 32) ^ (x >> 10)
				: rotr(x, 7, 32) ^ rotr(x, 18, 32) ^ (x >> 3);
		else
			v = one ? rotr(x, 6, 32) ^ rotr(x, 11, 32) ^ rotr(x, 25, 32)
				: rotr(x, 2, 32) ^ rotr(x, 13, 32) ^ rotr(x, 22, 32);
		r[i] = (uint32_t)v;
	}
	vec_set_u32(vr(cpu, insn_rt(insn)), r);
	return PPC_OK;
}

int insn_vshasigmad(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_vsr *a = vr(cpu, insn_ra(insn));
	struct ppc_vsr r;
	unsigned st = (insn >> 15) & 1, six = (insn >> 11) & 15;
	for (unsigned i = 0; i < 2; i++) {
		uint64_t x = a->dw[i];
		unsigned one = (six >> (3 - 2 * i)) & 1;
		if (!st)
			r.dw[i] = one ? rotr(x, 19, 64) ^ rotr(x, 61, 64) ^ (x >> 6)
				      : rotr(x, 1, 64) ^ rotr(x, 8, 64) ^ (x >> 7);
		else
			r.dw[i] = one ? rotr(x, 14, 64) ^ rotr(x, 18, 64) ^ rotr(x, 41, 64)
				      : rotr(x, 28, 64) ^ rotr(x, 34, 64) ^ rotr(x, 39, 64);
	}
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

/* ---- polynomial (carry-less) multiply-sum (6.11.3): each element of size 2s of VRT
 * is the XOR of the carry-less products of the two element pairs of size s inside it ---- */
static void clmul64(uint64_t x, uint64_t y, uint64_t *hi, uint64_t *lo)
{
	uint64_t h = 0, l = 0;
	for (unsigned i = 0; i < 64; i++)
		if ((y >> i) & 1) {
			l ^= x << i;
			h ^= i ? x >> (64 - i) : 0;
		}
	*hi = h;
	*lo = l;
}

static int vpmsum(struct ppc_cpu *cpu, uint32_t insn, unsigned s)
{
	const struct ppc_vsr *a = vr(cpu, insn_ra(insn)), *b = vr(cpu, insn_rb(insn));
	struct ppc_vsr r = {{0, 0}};
	if (s == 8) {
		uint64_t h0, l0, h1, l1;
		clmul64(a->dw[0], b->dw[0], &h0, &l0);
		clmul64(a->dw[1], b->dw[1], &h1, &l1);
		r.dw[0] = h0 ^ h1;
		r.dw[1] = l0 ^ l1;
	} else {
		for (unsigned i = 0; i < 8 / s; i++) {
			uint64_t acc = 0, h, l;
			for (unsigned j = 0; j < 2; j++) {
				clmul64(vec_take(a, 2 * i + j, s), vec_take(b, 2 * i + j, s), &h, &l);
				acc ^= l;
			}
			vec_put(&r, i, 2 * s, acc);
		}
	}
	*vr(cpu, insn_rt(insn)) = r;
	return PPC_OK;
}

int insn_vpmsumb(struct ppc_cpu *cpu, uint32_t insn) { return vpmsum(cpu, insn, 1); }
int insn_vpmsumh(struct ppc_cpu *cpu, uint32_t insn) { return vpmsum(cpu, insn, 2); }
int insn_vpmsumw(struct ppc_cpu *cpu, uint32_t insn) { return vpmsum(cpu, insn, 4); }
int insn_vpmsumd(struct ppc_cpu *cpu, uint32_t insn) { return vpmsum(cpu, insn, 8); }

/* ---- decimal (6.12): signed packed decimal, 31 digits and a sign nibble in bits
 * 124:127 (A, C, E, F plus; B, D minus). CR6 = LT/GT/EQ of the result, SO on overflow or
 * an invalid operand. */
struct bcd {
	uint8_t d[31]; /* d[0] least significant digit */
	int neg;
};

static int bcd_get(const struct ppc_vsr *v, struct bcd *b)
{
	unsigned sign = (unsigned)(v->dw[1] & 0xf);
	if (sign < 0xa)
		return -1;
	b->neg = sign == 0xb || sign == 0xd;
	for (unsigned i = 0; i < 31; i++) {
		unsigned nib = i + 1; /* nibble from the right */
		unsigned d = (unsigned)(v->dw[nib >= 16 ? 0 : 1] >> (4 * (nib & 15))) & 0xf;
		if (d > 9)
			return -1;
		b->d[i] = (uint8_t)d;
	}
	return 0;
}

/* Compare magnitudes: <0, 0, >0. */
static int bcd_cmp(const struct bcd *a, const struct bcd *b)
{
	for (int i = 30; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

static int bcd_op(struct ppc_cpu *cpu, uint32_t insn, int sub)
{
	struct bcd a, b, r;
	unsigned ps = (insn >> 9) & 1;
	struct ppc_vsr out = {{0, 0}};
	int bad = bcd_get(vr(cpu, insn_ra(insn)), &a) | bcd_get(vr(cpu, insn_rb(insn)), &b);
	if (bad) {
		/* Invalid operand: CR6 = 0b0001, VRT undefined (qemu writes all ones). */
		out.dw[0] = out.dw[1] = ~0ULL;
		*vr(cpu, insn_rt(insn)) = out;
		cpu_set_crf(cpu, 6, 1);
		return PPC_OK;
	}
	if (sub)
		b.neg = !b.neg;
	unsigned carry = 0;
	if (a.neg == b.neg) {
		for (unsigned i = 0; i < 31; i++) {
			unsigned s = a.d[i] + b.d[i] + carry;
			carry = s > 9;
			r.d[i] = (uint8_t)(carry ? s - 10 : s);
		}
		r.neg = a.neg;
	} else {
		const struct bcd *big = &a, *small = &b;
		if (bcd_cmp(&a, &b) < 0) {
			big = &b;
			small = &a;
		}
		unsigned borrow = 0;
		for (unsigned i = 0; i < 31; i++) {
			int s = (int)big->d[i] - (int)small->d[i] - (int)borrow;
			borrow = s < 0;
			r.d[i] = (uint8_t)(s < 0 ? s + 10 : s);
		}
		r.neg = big->neg;
	}
	int zero = 1;
	for (unsigned i = 0; i < 31; i++) {
		unsigned nib = i + 1;
		out.dw[nib >= 16 ? 0 : 1] |= (uint64_t)r.d[i] << (4 * (nib & 15));
		zero &= r.d[i] == 0;
	}
	if (carry)
		zero = 0; /* overflow: CR6 gives the sign of the true sum (qemu agrees) */
	if (zero)
		r.neg = 0;
	out.dw[1] |= r.neg ? 0xd : (ps ? 0xf : 0xc);
	*vr(cpu, insn_rt(insn)) = out;
	cpu_set_crf(cpu, 6, (zero ? 2 : r.neg ? 8 : 4) | (carry ? 1 : 0));
	return PPC_OK;
}

int insn_bcdadd(struct ppc_cpu *cpu, uint32_t insn) { return bcd_op(cpu, insn, 0); }
int insn_bcdsub(struct ppc_cpu *cpu, uint32_t insn) { return bcd_op(cpu, insn, 1); }
