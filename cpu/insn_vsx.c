/* SPDX-License-Identifier: MIT */
/*
 * VSX loads and stores, GPR<->VSR moves, logical and permute instructions (ISA 3.0B Book
 * I chapter 7: 7.6.1 storage access, 7.6.1.3 moves, 7.6.3 logical/permute). The FP
 * arithmetic, compare and convert rows are in insn_vsx_fp.c.
 *
 * VSR numbers: XX forms append TX/SX (bit 31), BX (bit 30), AX (bit 29), CX (bit 28) as
 * the high bit of the 6-bit register number; DQ forms have TX in bit 28; the lxsd/lxssp
 * DS forms name VR VRT (VSR 32 + VRT).
 */
#include "cpu/fpu.h"
#include "cpu/insn.h"
#include "cpu/vec.h"
#include "mmu/mem.h"

static inline unsigned xt(uint32_t i) { return ((i & 1) << 5) | insn_rt(i); }
static inline unsigned xa(uint32_t i) { return ((i & 4) << 3) | insn_ra(i); }
static inline unsigned xb(uint32_t i) { return ((i & 2) << 4) | insn_rb(i); }
static inline unsigned xc(uint32_t i) { return ((i & 8) << 2) | insn_rc_reg(i); }

static uint64_t x_ea(const struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ra = insn_ra(insn);
	return cpu_ea(cpu, (ra ? cpu->gpr[ra] : 0) + cpu->gpr[insn_rb(insn)]);
}

static int le_mode(const struct ppc_cpu *cpu) { return (cpu->msr & MSR_LE) != 0; }

/* Single <-> double format changes of lxsspx/stxsspx: the exact ones of lfs/stfs
 * (fpu_sp_to_dp / fpu_dp_to_sp, ISA 3.0B Book I 4.6.2-4.6.3). */

/* ---- scalar loads and stores (7.6.1.1) ---- */
enum sfmt { S_DW, S_WSX, S_WZX, S_SP, S_BZX, S_HZX };

static int scalar_load(struct ppc_cpu *cpu, unsigned t, uint64_t ea, enum sfmt f, int clear_dw1)
{
	static const unsigned size[] = {8, 4, 4, 4, 1, 2};
	uint64_t v;
	int st = mem_load(cpu, ea, size[f], &v);
	if (st != PPC_OK)
		return st;
	switch (f) {
	case S_DW:
	case S_WZX:
	case S_BZX:
	case S_HZX:
		break;
	case S_WSX:
		v = (uint64_t)vsx32(v);
		break;
	case S_SP:
		v = fpu_sp_to_dp((uint32_t)v);
		break;
	}
	cpu->vsr[t].dw[0] = v;
	/* Doubleword 1 is undefined (7.6.1.1); it is left unchanged, except by lxsd/lxssp,
	 * which clear it (as qemu-ppc64le does for each of these). */
	if (clear_dw1)
		cpu->vsr[t].dw[1] = 0;
	return PPC_OK;
}

static int scalar_store(struct ppc_cpu *cpu, unsigned s, uint64_t ea, enum sfmt f)
{
	uint64_t v = cpu->vsr[s].dw[0];
	switch (f) {
	case S_DW:
		return mem_store(cpu, ea, 8, v);
	case S_SP:
		return mem_store(cpu, ea, 4, fpu_dp_to_sp(v));
	case S_BZX:
		return mem_store(cpu, ea, 1, v);
	case S_HZX:
		return mem_store(cpu, ea, 2, v);
	default:
		return mem_store(cpu, ea, 4, v);
	}
}

int insn_lxsdx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_load(cpu, xt(insn), x_ea(cpu, insn), S_DW, 0); }
int insn_lxsiwax(struct ppc_cpu *cpu, uint32_t insn) { return scalar_load(cpu, xt(insn), x_ea(cpu, insn), S_WSX, 0); }
int insn_lxsiwzx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_load(cpu, xt(insn), x_ea(cpu, insn), S_WZX, 0); }
int insn_lxsspx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_load(cpu, xt(insn), x_ea(cpu, insn), S_SP, 0); }
int insn_lxsibzx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_load(cpu, xt(insn), x_ea(cpu, insn), S_BZX, 0); }
int insn_lxsihzx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_load(cpu, xt(insn), x_ea(cpu, insn), S_HZX, 0); }
int insn_stxsdx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_store(cpu, xt(insn), x_ea(cpu, insn), S_DW); }
int insn_stxsiwx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_store(cpu, xt(insn), x_ea(cpu, insn), S_WZX); }
int insn_stxsspx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_store(cpu, xt(insn), x_ea(cpu, insn), S_SP); }
int insn_stxsibx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_store(cpu, xt(insn), x_ea(cpu, insn), S_BZX); }
int insn_stxsihx(struct ppc_cpu *cpu, uint32_t insn) { return scalar_store(cpu, xt(insn), x_ea(cpu, insn), S_HZX); }

/* DS forms (ISA 3.0): VR operands, EA = (RA|0) + DS. */
static uint64_t ds_ea(const struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ra = insn_ra(insn);
	return cpu_ea(cpu, (ra ? cpu->gpr[ra] : 0) + (uint64_t)insn_ds(insn));
}

int insn_lxsd(struct ppc_cpu *cpu, uint32_t insn) { return scalar_load(cpu, 32 + insn_rt(insn), ds_ea(cpu, insn), S_DW, 1); }
int insn_lxssp(struct ppc_cpu *cpu, uint32_t insn) { return scalar_load(cpu, 32 + insn_rt(insn), ds_ea(cpu, insn), S_SP, 1); }
int insn_stxsd(struct ppc_cpu *cpu, uint32_t insn) { return scalar_store(cpu, 32 + insn_rs(insn), ds_ea(cpu, insn), S_DW); }
int insn_stxssp(struct ppc_cpu *cpu, uint32_t insn) { return scalar_store(cpu, 32 + insn_rs(insn), ds_ea(cpu, insn), S_SP); }

/* ---- vector loads and stores (7.6.1.2) ----
 * Element forms: elements of size n in element order, each in the current byte order
 * (lxvd2x n = 8, lxvw4x n = 4, lxvh8x n = 2, lxvb16x n = 1). Whole-vector forms (lxvx,
 * lxv): element order is memory order in big-endian mode and reversed in little-endian
 * mode, as for lvx. */
static void vsx_from_bytes(struct ppc_vsr *v, const uint8_t m[16], unsigned n, int le)
{
	struct ppc_vsr r;
	for (unsigned i = 0; i < 16 / n; i++)
		vec_put(&r, i, n, le ? ld_le(m + n * i, n) : ld_be(m + n * i, n));
	*v = r;
}

static void vsx_to_bytes(const struct ppc_vsr *v, uint8_t m[16], unsigned n, int le)
{
	for (unsigned i = 0; i < 16 / n; i++) {
		uint64_t x = vec_take(v, i, n);
		if (le)
			st_le(m + n * i, n, x);
		else
			st_be(m + n * i, n, x);
	}
}

/* @n: element size; 16 means the whole quadword in element order. */
static int vload(struct ppc_cpu *cpu, unsigned t, uint64_t ea, unsigned n)
{
	uint8_t m[16];
	int st = mem_read(cpu, ea, m, 16);
	if (st != PPC_OK)
		return st;
	if (n == 16)
		vec_from_mem16(&cpu->vsr[t], m, le_mode(cpu));
	else
		vsx_from_bytes(&cpu->vsr[t], m, n, n == 1 ? 0 : le_mode(cpu));
	return PPC_OK;
}

static int vstore(struct ppc_cpu *cpu, unsigned s, uint64_t ea, unsigned n)
{
	uint8_t m[16];
	if (n == 16)
		vec_to_mem16(&cpu->vsr[s], m, le_mode(cpu));
	else
		vsx_to_bytes(&cpu->vsr[s], m, n, n == 1 ? 0 : le_mode(cpu));
	return mem_write(cpu, ea, m, 16);
}

int insn_lxvd2x(struct ppc_cpu *cpu, uint32_t insn) { return vload(cpu, xt(insn), x_ea(cpu, insn), 8); }
int insn_lxvw4x(struct ppc_cpu *cpu, uint32_t insn) { return vload(cpu, xt(insn), x_ea(cpu, insn), 4); }
int insn_lxvh8x(struct ppc_cpu *cpu, uint32_t insn) { return vload(cpu, xt(insn), x_ea(cpu, insn), 2); }
int insn_lxvb16x(struct ppc_cpu *cpu, uint32_t insn) { return vload(cpu, xt(insn), x_ea(cpu, insn), 1); }
int insn_lxvx(struct ppc_cpu *cpu, uint32_t insn) { return vload(cpu, xt(insn), x_ea(cpu, insn), 16); }
int insn_stxvd2x(struct ppc_cpu *cpu, uint32_t insn) { return vstore(cpu, xt(insn), x_ea(cpu, insn), 8); }
int insn_stxvw4x(struct ppc_cpu *cpu, uint32_t insn) { return vstore(cpu, xt(insn), x_ea(cpu, insn), 4); }
int insn_stxvh8x(struct ppc_cpu *cpu, uint32_t insn) { return vstore(cpu, xt(insn), x_ea(cpu, insn), 2); }
int insn_stxvb16x(struct ppc_cpu *cpu, uint32_t insn) { return vstore(cpu, xt(insn), x_ea(cpu, insn), 1); }
int insn_stxvx(struct ppc_cpu *cpu, uint32_t insn) { return vstore(cpu, xt(insn), x_ea(cpu, insn), 16); }

/* DQ forms: TX is bit 28, EA = (RA|0) + DQ << 4. */
static unsigned dq_t(uint32_t i) { return ((i & 8) << 2) | insn_rt(i); }
static uint64_t dq_ea(const struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ra = insn_ra(insn);
	return cpu_ea(cpu, (ra ? cpu->gpr[ra] : 0) + (uint64_t)(int64_t)(int16_t)(insn & 0xfff0));
}

int insn_lxv(struct ppc_cpu *cpu, uint32_t insn) { return vload(cpu, dq_t(insn), dq_ea(cpu, insn), 16); }
int insn_stxv(struct ppc_cpu *cpu, uint32_t insn) { return vstore(cpu, dq_t(insn), dq_ea(cpu, insn), 16); }

/* Splatting loads. */
int insn_lxvdsx(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t v;
	int st = mem_load(cpu, x_ea(cpu, insn), 8, &v);
	if (st != PPC_OK)
		return st;
	cpu->vsr[xt(insn)].dw[0] = cpu->vsr[xt(insn)].dw[1] = v;
	return PPC_OK;
}

int insn_lxvwsx(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t v;
	int st = mem_load(cpu, x_ea(cpu, insn), 4, &v);
	if (st != PPC_OK)
		return st;
	cpu->vsr[xt(insn)].dw[0] = cpu->vsr[xt(insn)].dw[1] = v << 32 | v;
	return PPC_OK;
}

/*
 * Load/store with length (ISA 3.0, 7.6.1.2): n = RB[0:7] bytes (at most 16) at EA = (RA|0).
 * lxvl/stxvl use the element order of lxvx (mirrored in little-endian mode); lxvll/stxvll
 * are always left-justified (byte 0 of memory in byte 0 of the register). Bytes beyond n
 * are zero in the register and untouched in memory.
 */
static int len_args(const struct ppc_cpu *cpu, uint32_t insn, uint64_t *ea)
{
	unsigned ra = insn_ra(insn);
	*ea = cpu_ea(cpu, ra ? cpu->gpr[ra] : 0);
	unsigned n = (unsigned)(cpu->gpr[insn_rb(insn)] >> 56);
	return n > 16 ? 16 : (int)n;
}

static int lxvl_common(struct ppc_cpu *cpu, uint32_t insn, int left)
{
	uint64_t ea;
	unsigned n = (unsigned)len_args(cpu, insn, &ea);
	uint8_t m[16] = {0}, e[16] = {0};
	if (n) {
		int st = mem_read(cpu, ea, m, n);
		if (st != PPC_OK)
			return st;
	}
	for (unsigned i = 0; i < n; i++)
		e[(!left && le_mode(cpu)) ? 15 - i : i] = m[i];
	vec_set_u8(&cpu->vsr[xt(insn)], e);
	return PPC_OK;
}

static int stxvl_common(struct ppc_cpu *cpu, uint32_t insn, int left)
{
	uint64_t ea;
	unsigned n = (unsigned)len_args(cpu, insn, &ea);
	uint8_t m[16], e[16];
	vec_get_u8(&cpu->vsr[xt(insn)], e);
	for (unsigned i = 0; i < n; i++)
		m[i] = e[(!left && le_mode(cpu)) ? 15 - i : i];
	return n ? mem_write(cpu, ea, m, n) : PPC_OK;
}

int insn_lxvl(struct ppc_cpu *cpu, uint32_t insn) { return lxvl_common(cpu, insn, 0); }
int insn_lxvll(struct ppc_cpu *cpu, uint32_t insn) { return lxvl_common(cpu, insn, 1); }
int insn_stxvl(struct ppc_cpu *cpu, uint32_t insn) { return stxvl_common(cpu, insn, 0); }
int insn_stxvll(struct ppc_cpu *cpu, uint32_t insn) { return stxvl_common(cpu, insn, 1); }

/* ---- GPR <-> VSR moves (7.6.1.3). The 2.07 forms need MSR[FP] for VSRs 0-31 and
 * MSR[VEC] for 32-63; the ISA 3.0 forms need MSR[VSX] for 0-31. Checked here because the
 * facility depends on the operand. ---- */
static int move_facility(struct ppc_cpu *cpu, unsigned reg, int isa300)
{
	if (reg >= 32) {
		if (!(cpu->facility & FAC_VMX))
			return cpu_interrupt(cpu, EXCP_VMX_UNAVAIL, 0);
	} else if (isa300) {
		if (!(cpu->facility & FAC_VSX))
			return cpu_interrupt(cpu, EXCP_VSX_UNAVAIL, 0);
	} else if (!(cpu->facility & FAC_FP)) {
		return cpu_interrupt(cpu, EXCP_FP_UNAVAIL, 0);
	}
	return PPC_OK;
}

#define MOVE_CHECK(isa300)                                                                 \
	unsigned x = xt(insn);                                                              \
	int fst = move_facility(cpu, x, isa300);                                            \
	if (fst != PPC_OK)                                                                  \
		return fst

int insn_mfvsrd(struct ppc_cpu *cpu, uint32_t insn)
{
	MOVE_CHECK(0);
	cpu->gpr[insn_ra(insn)] = cpu->vsr[x].dw[0];
	return PPC_OK;
}

int insn_mfvsrwz(struct ppc_cpu *cpu, uint32_t insn)
{
	MOVE_CHECK(0);
	cpu->gpr[insn_ra(insn)] = (uint32_t)cpu->vsr[x].dw[0];
	return PPC_OK;
}

int insn_mfvsrld(struct ppc_cpu *cpu, uint32_t insn)
{
	MOVE_CHECK(1);
	cpu->gpr[insn_ra(insn)] = cpu->vsr[x].dw[1];
	return PPC_OK;
}

/* mtvsrd/mtvsrwa/mtvsrwz: doubleword 1 is undefined; it is left unchanged (qemu too). */
int insn_mtvsrd(struct ppc_cpu *cpu, uint32_t insn)
{
	MOVE_CHECK(0);
	cpu->vsr[x].dw[0] = cpu->gpr[insn_ra(insn)];
	return PPC_OK;
}

int insn_mtvsrwa(struct ppc_cpu *cpu, uint32_t insn)
{
	MOVE_CHECK(0);
	cpu->vsr[x].dw[0] = (uint64_t)vsx32(cpu->gpr[insn_ra(insn)]);
	return PPC_OK;
}

int insn_mtvsrwz(struct ppc_cpu *cpu, uint32_t insn)
{
	MOVE_CHECK(0);
	cpu->vsr[x].dw[0] = (uint32_t)cpu->gpr[insn_ra(insn)];
	return PPC_OK;
}

int insn_mtvsrdd(struct ppc_cpu *cpu, uint32_t insn)
{
	MOVE_CHECK(1);
	unsigned ra = insn_ra(insn);
	cpu->vsr[x].dw[0] = ra ? cpu->gpr[ra] : 0;
	cpu->vsr[x].dw[1] = cpu->gpr[insn_rb(insn)];
	return PPC_OK;
}

int insn_mtvsrws(struct ppc_cpu *cpu, uint32_t insn)
{
	MOVE_CHECK(1);
	uint64_t w = (uint32_t)cpu->gpr[insn_ra(insn)];
	cpu->vsr[x].dw[0] = cpu->vsr[x].dw[1] = w << 32 | w;
	return PPC_OK;
}

/* ---- logical (7.6.3) ---- */
#define XXLOGIC(name, EXPR)                                                                \
	int insn_##name(struct ppc_cpu *cpu, uint32_t insn)                                 \
	{                                                                                   \
		const struct ppc_vsr *pa = &cpu->vsr[xa(insn)], *pb = &cpu->vsr[xb(insn)];  \
		struct ppc_vsr r;                                                           \
		for (unsigned i = 0; i < 2; i++) {                                          \
			uint64_t a = pa->dw[i], b = pb->dw[i];                              \
			r.dw[i] = (EXPR);                                                   \
		}                                                                           \
		cpu->vsr[xt(insn)] = r;                                                     \
		return PPC_OK;                                                              \
	}
XXLOGIC(xxland, a & b)
XXLOGIC(xxlandc, a & ~b)
XXLOGIC(xxlor, a | b)
XXLOGIC(xxlorc, a | ~b)
XXLOGIC(xxlxor, a ^ b)
XXLOGIC(xxlnor, ~(a | b))
XXLOGIC(xxlnand, ~(a & b))
XXLOGIC(xxleqv, ~(a ^ b))

int insn_xxsel(struct ppc_cpu *cpu, uint32_t insn)
{
	const struct ppc_vsr *a = &cpu->vsr[xa(insn)], *b = &cpu->vsr[xb(insn)],
			     *c = &cpu->vsr[xc(insn)];
	struct ppc_vsr r;
	for (unsigned i = 0; i < 2; i++)
		r.dw[i] = (a->dw[i] & ~c->dw[i]) | (b->dw[i] & c->dw[i]);
	cpu->vsr[xt(insn)] = r;
	return PPC_OK;
}

/* ---- permutes (7.6.3) ---- */
int insn_xxpermdi(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned dm = (insn >> 8) & 3;
	const struct ppc_vsr *a = &cpu->vsr[xa(insn)], *b = &cpu->vsr[xb(insn)];
	struct ppc_vsr r = {{a->dw[dm >> 1], b->dw[dm & 1]}};
	cpu->vsr[xt(insn)] = r;
	return PPC_OK;
}

static int xxmrg(struct ppc_cpu *cpu, uint32_t insn, unsigned low)
{
	uint32_t a[4], b[4], r[4];
	vec_get_u32(&cpu->vsr[xa(insn)], a);
	vec_get_u32(&cpu->vsr[xb(insn)], b);
	r[0] = a[low];
	r[1] = b[low];
	r[2] = a[low + 1];
	r[3] = b[low + 1];
	vec_set_u32(&cpu->vsr[xt(insn)], r);
	return PPC_OK;
}

int insn_xxmrghw(struct ppc_cpu *cpu, uint32_t insn) { return xxmrg(cpu, insn, 0); }
int insn_xxmrglw(struct ppc_cpu *cpu, uint32_t insn) { return xxmrg(cpu, insn, 2); }

int insn_xxsldwi(struct ppc_cpu *cpu, uint32_t insn)
{
	uint32_t ab[8], r[4];
	unsigned shw = (insn >> 8) & 3;
	vec_get_u32(&cpu->vsr[xa(insn)], ab);
	vec_get_u32(&cpu->vsr[xb(insn)], ab + 4);
	for (unsigned i = 0; i < 4; i++)
		r[i] = ab[shw + i];
	vec_set_u32(&cpu->vsr[xt(insn)], r);
	return PPC_OK;
}

int insn_xxspltw(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t w = vec_u32(&cpu->vsr[xb(insn)], (insn >> 16) & 3);
	cpu->vsr[xt(insn)].dw[0] = cpu->vsr[xt(insn)].dw[1] = w << 32 | w;
	return PPC_OK;
}

int insn_xxspltib(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t b = (insn >> 11) & 0xff;
	uint64_t v = b * 0x0101010101010101ULL;
	cpu->vsr[xt(insn)].dw[0] = cpu->vsr[xt(insn)].dw[1] = v;
	return PPC_OK;
}

/* xxperm/xxpermr: bytes of XA || XT selected by XB (reversed index for xxpermr). */
static int xxperm_common(struct ppc_cpu *cpu, uint32_t insn, int reversed)
{
	uint8_t src[32], c[16], r[16];
	vec_get_u8(&cpu->vsr[xa(insn)], src);
	vec_get_u8(&cpu->vsr[xt(insn)], src + 16);
	vec_get_u8(&cpu->vsr[xb(insn)], c);
	for (unsigned i = 0; i < 16; i++) {
		unsigned k = c[i] & 31;
		r[i] = src[reversed ? 31 - k : k];
	}
	vec_set_u8(&cpu->vsr[xt(insn)], r);
	return PPC_OK;
}

int insn_xxperm(struct ppc_cpu *cpu, uint32_t insn) { return xxperm_common(cpu, insn, 0); }
int insn_xxpermr(struct ppc_cpu *cpu, uint32_t insn) { return xxperm_common(cpu, insn, 1); }

/* xxextractuw: the word of XB at byte UIM into word 1 of XT, the rest zero.
 * xxinsertw: word 1 of XB into XT at byte UIM, the rest of XT kept. */
int insn_xxextractuw(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t b[16], r[16] = {0};
	unsigned uim = (insn >> 16) & 15;
	vec_get_u8(&cpu->vsr[xb(insn)], b);
	for (unsigned k = 0; k < 4; k++)
		r[4 + k] = uim + k < 16 ? b[uim + k] : 0;
	vec_set_u8(&cpu->vsr[xt(insn)], r);
	return PPC_OK;
}

int insn_xxinsertw(struct ppc_cpu *cpu, uint32_t insn)
{
	uint8_t b[16], r[16];
	unsigned uim = (insn >> 16) & 15;
	vec_get_u8(&cpu->vsr[xb(insn)], b);
	vec_get_u8(&cpu->vsr[xt(insn)], r);
	for (unsigned k = 0; k < 4 && uim + k < 16; k++)
		r[uim + k] = b[4 + k];
	vec_set_u8(&cpu->vsr[xt(insn)], r);
	return PPC_OK;
}

/* xxbr[hwdq]: reverse the bytes of each element of size n. */
static int xxbr(struct ppc_cpu *cpu, uint32_t insn, unsigned n)
{
	uint8_t b[16], r[16];
	vec_get_u8(&cpu->vsr[xb(insn)], b);
	for (unsigned i = 0; i < 16; i++)
		r[i] = b[(i / n) * n + (n - 1 - i % n)];
	vec_set_u8(&cpu->vsr[xt(insn)], r);
	return PPC_OK;
}

int insn_xxbrh(struct ppc_cpu *cpu, uint32_t insn) { return xxbr(cpu, insn, 2); }
int insn_xxbrw(struct ppc_cpu *cpu, uint32_t insn) { return xxbr(cpu, insn, 4); }
int insn_xxbrd(struct ppc_cpu *cpu, uint32_t insn) { return xxbr(cpu, insn, 8); }
int insn_xxbrq(struct ppc_cpu *cpu, uint32_t insn) { return xxbr(cpu, insn, 16); }

/*
 * ISA 3.1 (Book I 7.6.1, lxvp/stxvp/lxvpx/stxvpx): a pair of VSRs XTp = 32 * TX + 2 * Tp
 * (Tp in bits 6:9, TX in bit 10) as one 32-byte operand. Big-endian mode: VSR[XTp] is the
 * first 16 bytes, VSR[XTp+1] the next 16, each in lxv element order. Little-endian mode:
 * the 32 bytes are one byte-reversed quantity, so VSR[XTp+1] takes bytes 0:15 and
 * VSR[XTp] bytes 16:31, each reversed as lxv does. DQ form: EA = (RA|0) + EXTS(DQ || 0b0000).
 */
static unsigned pair_t(uint32_t i) { return (((i >> 21) & 1) << 5) | (((i >> 22) & 15) << 1); }

static int pair_load(struct ppc_cpu *cpu, unsigned t, uint64_t ea)
{
	uint8_t m[32];
	int st = mem_read(cpu, ea, m, 32);
	if (st != PPC_OK)
		return st;
	int le = le_mode(cpu);
	vec_from_mem16(&cpu->vsr[le ? t + 1 : t], m, le);
	vec_from_mem16(&cpu->vsr[le ? t : t + 1], m + 16, le);
	return PPC_OK;
}

static int pair_store(struct ppc_cpu *cpu, unsigned s, uint64_t ea)
{
	uint8_t m[32];
	int le = le_mode(cpu);
	vec_to_mem16(&cpu->vsr[le ? s + 1 : s], m, le);
	vec_to_mem16(&cpu->vsr[le ? s : s + 1], m + 16, le);
	return mem_write(cpu, ea, m, 32);
}

static uint64_t dq_pair_ea(const struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ra = insn_ra(insn);
	uint64_t dq = (uint64_t)(int64_t)(int16_t)(uint16_t)(insn & 0xfff0u);
	return cpu_ea(cpu, (ra ? cpu->gpr[ra] : 0) + dq);
}

int insn_lxvp(struct ppc_cpu *cpu, uint32_t insn) { return pair_load(cpu, pair_t(insn), dq_pair_ea(cpu, insn)); }
int insn_stxvp(struct ppc_cpu *cpu, uint32_t insn) { return pair_store(cpu, pair_t(insn), dq_pair_ea(cpu, insn)); }
int insn_lxvpx(struct ppc_cpu *cpu, uint32_t insn) { return pair_load(cpu, pair_t(insn), x_ea(cpu, insn)); }
int insn_stxvpx(struct ppc_cpu *cpu, uint32_t insn) { return pair_store(cpu, pair_t(insn), x_ea(cpu, insn)); }
