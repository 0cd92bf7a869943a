/* SPDX-License-Identifier: MIT */
/*
 * --trace: every executed instruction on stderr, one line each:
 *     cpu N  <address>  <word>  <disassembly>
 * The vcpu single-steps (KVM_SET_GUEST_DEBUG) and each KVM_EXIT_DEBUG is printed here.
 * Disassembly comes from capstone where it knows the instruction; capstone 4 lacks many
 * ISA 3.0 instructions, so the library's own instruction table names the rest.
 */
#include <stdio.h>

#include "cpu/insn.h"
#include "machine.h"

#ifdef HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

void trace_enable(struct machine_vcpu *c)
{
	struct kvm_guest_debug dbg = {.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP};
	kvmppc_set_guest_debug(c->vcpu, &dbg);
}

void trace_insn(struct machine *m, unsigned cpu, const struct kvm_run *run)
{
	uint64_t pc = run->debug.arch.address;
	uint64_t real = pc & 0x0fffffffffffffffULL; /* real mode, or the kernel's linear map */
	struct kvm_regs regs;
	kvmppc_get_regs(m->cpu[cpu].vcpu, &regs);
	bool le = regs.msr & 1; /* the byte order the instruction ran in is the current one,
				 * except across an rfid/interrupt: good enough for a trace */
	if (!ram_ok(m, real, 4)) {
		fprintf(stderr, "cpu %u  %016llx  (not in RAM)\n", cpu, (unsigned long long)pc);
		return;
	}
	const uint8_t *b = m->ram + real;
	uint32_t word = le ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24
			   : (uint32_t)b[3] | (uint32_t)b[2] << 8 | (uint32_t)b[1] << 16 | (uint32_t)b[0] << 24;
#ifdef HAVE_CAPSTONE
	static _Thread_local csh handle[2];
	static _Thread_local bool opened[2];
	if (!opened[le]) {
		opened[le] = cs_open(CS_ARCH_PPC, CS_MODE_64 | (le ? CS_MODE_LITTLE_ENDIAN : CS_MODE_BIG_ENDIAN),
				     &handle[le]) == CS_ERR_OK;
		if (!opened[le])
			handle[le] = 0;
	}
	cs_insn *insn = NULL;
	if (handle[le] && cs_disasm(handle[le], b, 4, pc, 1, &insn) == 1) {
		fprintf(stderr, "cpu %u  %016llx  %08x  %s %s\n", cpu, (unsigned long long)pc, word,
			insn->mnemonic, insn->op_str);
		cs_free(insn, 1);
		return;
	}
#endif
	const struct ppc_insn_def *d = ppc_decode(word, m->opt.pvr == 0x004e1202u ? PPC_ISA_300 : PPC_ISA_207);
	fprintf(stderr, "cpu %u  %016llx  %08x  %s\n", cpu, (unsigned long long)pc, word,
		d ? d->mnemonic : "(illegal)");
}
