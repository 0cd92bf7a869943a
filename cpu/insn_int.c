/* SPDX-License-Identifier: MIT */
/* Fixed-point instructions (ISA 3.0 Book I chapter 3). */
#include "cpu/insn.h"

static inline uint64_t ra_or_zero(const struct ppc_cpu *cpu, uint32_t insn)
{
	unsigned ra = insn_ra(insn);
	return ra ? cpu->gpr[ra] : 0;
}

int insn_addi(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_rt(insn)] = ra_or_zero(cpu, insn) + (uint64_t)insn_si(insn);
	return PPC_OK;
}

int insn_addis(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_rt(insn)] = ra_or_zero(cpu, insn) + ((uint64_t)insn_si(insn) << 16);
	return PPC_OK;
}

int insn_ori(struct ppc_cpu *cpu, uint32_t insn)
{
	cpu->gpr[insn_ra(insn)] = cpu->gpr[insn_rs(insn)] | insn_ui(insn);
	return PPC_OK;
}

/* add[o][.]: OV/OV32 from signed overflow of the 64- and 32-bit sums (Book I 3.3.9). */
int insn_add(struct ppc_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->gpr[insn_ra(insn)], b = cpu->gpr[insn_rb(insn)];
	uint64_t r = a + b;
	if (insn_oe(insn)) {
		cpu->ov = (uint8_t)((~(a ^ b) & (a ^ r)) >> 63);
		cpu->ov32 = (uint8_t)(((~(a ^ b) & (a ^ r)) >> 31) & 1);
		cpu->so |= cpu->ov;
	}
	cpu->gpr[insn_rt(insn)] = r;
	if (insn_rc(insn))
		cpu_set_cr0(cpu, r);
	return PPC_OK;
}
