/* SPDX-License-Identifier: MIT */
/* Loads and stores: byte..quadword, algebraic, update, indexed, byte-reverse, multiple, string (ISA 3.0 Book I 3.3.2-3.3.7). */
#include "cpu/ldst.h"
#include "mmu/mem.h"

/*
 * Every form of the byte..doubleword loads and stores is one row of a table giving the
 * access size and what to do with the value; the D-, DS- and X-form handlers only differ
 * in how they form the effective address.
 */
enum {
	F_ST = 1u << 0,   /* store (else load) */
	F_SIGN = 1u << 1, /* load algebraic: sign-extend */
	F_UPD = 1u << 2,  /* with update: RA <- EA after the access */
	F_REV = 1u << 3,  /* byte-reversed */
};

struct ldst_form {
	uint8_t size;
	uint8_t flags;
};

/* D-form, indexed by primary opcode. */
static const struct ldst_form d_forms[64] = {
	[32] = {4, 0},            [33] = {4, F_UPD},             /* lwz lwzu */
	[34] = {1, 0},            [35] = {1, F_UPD},             /* lbz lbzu */
	[36] = {4, F_ST},         [37] = {4, F_ST | F_UPD},      /* stw stwu */
	[38] = {1, F_ST},         [39] = {1, F_ST | F_UPD},      /* stb stbu */
	[40] = {2, 0},            [41] = {2, F_UPD},             /* lhz lhzu */
	[42] = {2, F_SIGN},       [43] = {2, F_SIGN | F_UPD},    /* lha lhau */
	[44] = {2, F_ST},         [45] = {2, F_ST | F_UPD},      /* sth sthu */
};

/* DS-form, indexed by (primary opcode 62 ? 4 : 0) | XO. */
static const struct ldst_form ds_forms[8] = {
	[0] = {8, 0},       /* ld */
	[1] = {8, F_UPD},   /* ldu */
	[2] = {4, F_SIGN},  /* lwa */
	[4] = {8, F_ST},    /* std */
	[5] = {8, F_ST | F_UPD}, /* stdu */
};

/* X-form (primary opcode 31), indexed by the 10-bit extended opcode. */
static const struct ldst_form x_forms[1024] = {
	[21] = {8, 0},                 /* ldx */
	[23] = {4, 0},                 /* lwzx */
	[53] = {8, F_UPD},             /* ldux */
	[55] = {4, F_UPD},             /* lwzux */
	[87] = {1, 0},                 /* lbzx */
	[119] = {1, F_UPD},            /* lbzux */
	[149] = {8, F_ST},             /* stdx */
	[151] = {4, F_ST},             /* stwx */
	[181] = {8, F_ST | F_UPD},     /* stdux */
	[183] = {4, F_ST | F_UPD},     /* stwux */
	[215] = {1, F_ST},             /* stbx */
	[247] = {1, F_ST | F_UPD},     /* stbux */
	[279] = {2, 0},                /* lhzx */
	[311] = {2, F_UPD},            /* lhzux */
	[341] = {4, F_SIGN},           /* lwax */
	[343] = {2, F_SIGN},           /* lhax */
	[373] = {4, F_SIGN | F_UPD},   /* lwaux */
	[375] = {2, F_SIGN | F_UPD},   /* lhaux */
	[407] = {2, F_ST},             /* sthx */
	[439] = {2, F_ST | F_UPD},     /* sthux */
	[532] = {8, F_REV},            /* ldbrx */
	[534] = {4, F_REV},            /* lwbrx */
	[660] = {8, F_ST | F_REV},     /* stdbrx */
	[662] = {4, F_ST | F_REV},     /* stwbrx */
	[790] = {2, F_REV},            /* lhbrx */
	[918] = {2, F_ST | F_REV},     /* sthbrx */
	/* caching-inhibited forms (insn_ldst_cix) */
	[789] = {4, 0},                /* lwzcix */
	[821] = {2, 0},                /* lhzcix */
	[853] = {1, 0},                /* lbzcix */
	[885] = {8, 0},                /* ldcix */
	[917] = {4, F_ST},             /* stwcix */
	[949] = {2, F_ST},             /* sthcix */
	[981] = {1, F_ST},             /* stbcix */
	[1013] = {8, F_ST},            /* stdcix */
};

static inline uint64_t sign_extend(uint64_t v, unsigned size)
{
	return size == 2 ? (uint64_t)(int64_t)(int16_t)(uint16_t)v
			 : size == 4 ? (uint64_t)(int64_t)(int32_t)(uint32_t)v : v;
}

/*
 * One load or store of @f at @ea. The access comes first and registers are written only
 * after it completed (MMIO replay, mmu/mem.h); the update form writes RA last.
 * Invalid forms (Book I 3.3.2): a load with update and RA = 0 or RA = RT, a store with
 * update and RA = 0.
 */
static int ldst_do(struct ppc_cpu *cpu, uint32_t insn, struct ldst_form f, uint64_t ea)
{
	unsigned rt = insn_rt(insn), ra = insn_ra(insn);
	uint64_t v;
	int st;
	if (PPC_UNLIKELY(!f.size))
		return cpu_program_illegal(cpu);
	if ((f.flags & F_UPD) && (ra == 0 || (!(f.flags & F_ST) && ra == rt)))
		return cpu_program_illegal(cpu);
	if (f.flags & F_ST) {
		v = cpu->gpr[rt];
		if (f.flags & F_REV)
			v = bswap_n(v, f.size);
		st = mem_store(cpu, ea, f.size, v);
		if (st != PPC_OK)
			return st;
	} else {
		st = mem_load(cpu, ea, f.size, &v);
		if (st != PPC_OK)
			return st;
		if (f.flags & F_REV)
			v = bswap_n(v, f.size);
		if (f.flags & F_SIGN)
			v = sign_extend(v, f.size);
		cpu->gpr[rt] = v;
	}
	if (f.flags & F_UPD)
		cpu->gpr[ra] = ea;
	return PPC_OK;
}

int insn_ldst_d(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t ea = cpu_ea(cpu, ldst_base(cpu, insn) + (uint64_t)insn_si(insn));
	return ldst_do(cpu, insn, d_forms[insn_po(insn)], ea);
}

int insn_ldst_ds(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t ea = cpu_ea(cpu, ldst_base(cpu, insn) + (uint64_t)insn_ds(insn));
	return ldst_do(cpu, insn, ds_forms[(insn_po(insn) == 62 ? 4 : 0) | (insn & 3)], ea);
}

int insn_ldst_x(struct ppc_cpu *cpu, uint32_t insn)
{
	return ldst_do(cpu, insn, x_forms[insn_xo10(insn)], ldst_ea_x(cpu, insn));
}

/*
 * lbzcix..stdcix (Book III 4.4.1): hypervisor-only; the EA is used as a real address
 * whatever MSR[DR] (high-order 4 bits ignored, as in real addressing mode, Book III 5.7.3)
 * and the access is caching inhibited, which this machine needs no action for. Byte order
 * follows MSR[LE] like every other integer access.
 */
int insn_ldst_cix(struct ppc_cpu *cpu, uint32_t insn)
{
	struct ldst_form f = x_forms[insn_xo10(insn)];
	uint64_t real = ldst_ea_x(cpu, insn) & 0x0fffffffffffffffULL;
	unsigned rt = insn_rt(insn);
	int st;
	if (f.flags & F_ST)
		return mem_store_real(cpu, real, f.size, cpu->gpr[rt]);
	uint64_t v;
	st = mem_load_real(cpu, real, f.size, &v);
	if (st == PPC_OK)
		cpu->gpr[rt] = v;
	return st;
}

/*
 * Alignment interrupt (Book III 7.5.8). DAR gets the EA. ISA 3.0 leaves DSISR undefined
 * for this interrupt; it is set to the classic encoding older handlers decode: bits 15:16
 * the X-form XO bits 29:30 (DS-form: bits 30:31), bit 17 insn bit 25 (D-form: bit 5),
 * bits 18:21 insn bits 21:24 (D-form: bits 1:4), bits 22:31 the RT/RS and RA fields.
 */
int ldst_alignment(struct ppc_cpu *cpu, uint32_t insn, uint64_t ea)
{
	unsigned po = insn_po(insn);
	uint32_t d = (insn >> 16) & 0x3ff;
	if (po == 31) {
		d |= ((insn >> 1) & 3) << 15;
		d |= ((insn >> 6) & 1) << 14;
		d |= ((insn >> 7) & 0xf) << 10;
	} else {
		if (po >= 56)
			d |= (insn & 3) << 15;
		d |= ((insn >> 26) & 1) << 14;
		d |= ((insn >> 27) & 0xf) << 10;
	}
	cpu->spr[LDST_SPR_DAR] = ea;
	cpu->spr[LDST_SPR_DSISR] = d;
	return cpu_interrupt(cpu, EXCP_ALIGNMENT, 0);
}

/*
 * lmw/stmw (Book I 3.3.6): words between storage and the low halves of RT..r31. Invalid
 * when RA is among the registers loaded (RA = 0 included, i.e. RA >= RT). Little-endian
 * mode raises the alignment interrupt (Book III 7.5.8). The words are moved as one block
 * (at most 128 bytes), in big-endian order since MSR[LE] = 0 here.
 */
int insn_lmw(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned rt = insn_rt(insn), ra = insn_ra(insn), n = 32 - rt;
	uint64_t ea = cpu_ea(cpu, ldst_base(cpu, insn) + (uint64_t)insn_si(insn));
	uint8_t buf[128];
	if (ra >= rt)
		return cpu_program_illegal(cpu);
	if (cpu->msr & MSR_LE)
		return ldst_alignment(cpu, insn, ea);
	int st = mem_read(cpu, ea, buf, 4 * n);
	if (st != PPC_OK)
		return st;
	for (unsigned i = 0; i < n; i++)
		cpu->gpr[rt + i] = ld_be(buf + 4 * i, 4);
	return PPC_OK;
}

int insn_stmw(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned rs = insn_rs(insn), n = 32 - rs;
	uint64_t ea = cpu_ea(cpu, ldst_base(cpu, insn) + (uint64_t)insn_si(insn));
	uint8_t buf[128];
	if (cpu->msr & MSR_LE)
		return ldst_alignment(cpu, insn, ea);
	for (unsigned i = 0; i < n; i++)
		st_be(buf + 4 * i, 4, cpu->gpr[rs + i]);
	return mem_write(cpu, ea, buf, 4 * n);
}

/* Is register @r among the @nr registers starting at @rt (wrapping from r31 to r0)? */
static bool in_reg_range(unsigned r, unsigned rt, unsigned nr)
{
	return ((r - rt) & 31) < nr;
}

/* String byte count: lswi/stswi NB (0 means 32), lswx/stswx XER[57:63] (Book I 3.3.7). */
static unsigned string_count(const struct ppc_cpu *cpu, uint32_t insn, bool *immediate)
{
	*immediate = insn_xo10(insn) == 597 || insn_xo10(insn) == 725;
	if (*immediate) {
		unsigned nb = insn_rb(insn);
		return nb ? nb : 32;
	}
	return cpu->xer_bc;
}

/* EA of a string instruction: (RA|0) for the immediate forms, (RA|0) + (RB) else. */
static uint64_t string_ea(const struct ppc_cpu *cpu, uint32_t insn, bool immediate)
{
	return immediate ? cpu_ea(cpu, ldst_base(cpu, insn)) : ldst_ea_x(cpu, insn);
}

/*
 * lswi/lswx: n bytes into the low words of RT, RT+1, ... (wrapping to r0), high-order
 * byte first; each register's other bits are zeroed, and so are the unfilled low bytes
 * of the last one. Invalid when RA (including RA = 0) or, for lswx, RB is among the
 * registers loaded, or for lswx RT = RA or RT = RB. lswx with n = 0 changes nothing.
 */
int insn_lsw(struct ppc_cpu *cpu, uint32_t insn)
{
	bool imm;
	unsigned rt = insn_rt(insn), ra = insn_ra(insn), rb = insn_rb(insn);
	unsigned n = string_count(cpu, insn, &imm), nr = (n + 3) / 4;
	uint64_t ea = string_ea(cpu, insn, imm);
	uint8_t buf[128];
	if (in_reg_range(ra, rt, nr) ||
	    (!imm && (in_reg_range(rb, rt, nr) || rt == ra || rt == rb)))
		return cpu_program_illegal(cpu);
	if (cpu->msr & MSR_LE)
		return ldst_alignment(cpu, insn, ea);
	if (n == 0)
		return PPC_OK;
	int st = mem_read(cpu, ea, buf, n);
	if (st != PPC_OK)
		return st;
	for (unsigned i = 0; i < nr; i++) {
		uint64_t w = 0;
		for (unsigned b = 0; b < 4; b++)
			w = (w << 8) | (4 * i + b < n ? buf[4 * i + b] : 0);
		cpu->gpr[(rt + i) & 31] = w;
	}
	return PPC_OK;
}

/* stswi/stswx: n bytes from the low words of RS, RS+1, ... (wrapping to r0). */
int insn_stsw(struct ppc_cpu *cpu, uint32_t insn)
{
	bool imm;
	unsigned rs = insn_rs(insn);
	unsigned n = string_count(cpu, insn, &imm);
	uint64_t ea = string_ea(cpu, insn, imm);
	uint8_t buf[128];
	if (cpu->msr & MSR_LE)
		return ldst_alignment(cpu, insn, ea);
	if (n == 0)
		return PPC_OK;
	for (unsigned i = 0; i < n; i++)
		buf[i] = (uint8_t)(cpu->gpr[(rs + i / 4) & 31] >> (8 * (3 - i % 4)));
	return mem_write(cpu, ea, buf, n);
}

/*
 * lq/stq (Book I 3.3.5): a quadword to/from an even-odd register pair. In big-endian
 * mode the even register holds the doubleword at EA; in little-endian mode the quadword
 * is byte-reversed as a whole, so the even register holds the byte-reversed doubleword at
 * EA + 8 and the odd one that at EA. Invalid: RTp odd or RTp = RA (RA = 0 included) for
 * lq, RSp odd for stq. An EA that is not quadword aligned raises the alignment interrupt
 * (Book III 7.5.8). The two doublewords are moved as one 16-byte access; it is not
 * single-copy atomic with respect to other vcpus' plain stores (lqarx/stqcx. are).
 */
void ldst_quad_to_regs(const struct ppc_cpu *cpu, const uint8_t b[16], uint64_t *hi,
		       uint64_t *lo)
{
	if (cpu->msr & MSR_LE) {
		*hi = ld_le(b + 8, 8);
		*lo = ld_le(b, 8);
	} else {
		*hi = ld_be(b, 8);
		*lo = ld_be(b + 8, 8);
	}
}

void ldst_regs_to_quad(const struct ppc_cpu *cpu, uint64_t hi, uint64_t lo, uint8_t b[16])
{
	if (cpu->msr & MSR_LE) {
		st_le(b + 8, 8, hi);
		st_le(b, 8, lo);
	} else {
		st_be(b, 8, hi);
		st_be(b + 8, 8, lo);
	}
}

int insn_lq(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned rt = insn_rt(insn), ra = insn_ra(insn);
	int64_t dq = (int16_t)(uint16_t)(insn & 0xfff0);
	uint64_t ea = cpu_ea(cpu, ldst_base(cpu, insn) + (uint64_t)dq);
	uint8_t b[16];
	if ((rt & 1) || rt == ra)
		return cpu_program_illegal(cpu);
	if (ea & 15)
		return ldst_alignment(cpu, insn, ea);
	int st = mem_read(cpu, ea, b, 16);
	if (st != PPC_OK)
		return st;
	ldst_quad_to_regs(cpu, b, &cpu->gpr[rt], &cpu->gpr[rt + 1]);
	return PPC_OK;
}

int insn_stq(struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned rs = insn_rs(insn);
	uint64_t ea = cpu_ea(cpu, ldst_base(cpu, insn) + (uint64_t)insn_ds(insn));
	uint8_t b[16];
	if (rs & 1)
		return cpu_program_illegal(cpu);
	if (ea & 15)
		return ldst_alignment(cpu, insn, ea);
	ldst_regs_to_quad(cpu, cpu->gpr[rs], cpu->gpr[rs + 1], b);
	return mem_write(cpu, ea, b, 16);
}
