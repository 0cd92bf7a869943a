/* Library side of the differential tester: runs every case of a case file on
 * libkvmppc through the public KVM-style API and writes one result record per
 * case, in the same format as the reference harness (tests/diff/README.md).
 *
 * Usage: run_lib [--be] [--cpu power8|power9] cases.bin results.bin
 *
 * One VM with one vcpu (PAPR guest, real mode, supervisor state) runs all cases.
 * Guest physical memory is one slot from 0; the data buffer and the code sit at
 * the addresses the generator assumed (diffcase.h).  After the test
 * instructions comes `sc 1`: with every in-library hcall disabled it always
 * leaves kvmppc_run with KVM_EXIT_PAPR_HCALL.  Every interrupt vector holds a
 * `sc 1` too, so an interrupt raised by a test
 * instruction also stops the run, and the exit address tells which vector it
 * was. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kvmppc/kvmppc.h"
#include "diffcase.h"

#define MEM_SIZE 0x01010000u          /* 16 MiB + 64 KiB: vectors .. code */
#define SC1 0x44000022u               /* sc 1 */
#define VEC_FIRST 0x100u
#define VEC_END 0x1000u

#define MSR_SF  (1ULL << 63)
#define MSR_VEC (1ULL << 25)
#define MSR_VSX (1ULL << 23)
#define MSR_FP  (1ULL << 13)
#define MSR_ME  (1ULL << 12)
#define MSR_FE0 (1ULL << 11)
#define MSR_FE1 (1ULL << 8)
#define MSR_LE  (1ULL << 0)

#define SRR1_FP    0x00100000u
#define SRR1_ILL   0x00080000u
#define SRR1_PRIV  0x00040000u
#define SRR1_TRAP  0x00020000u

static struct kvm_vcpu *g_vcpu;
static volatile sig_atomic_t g_timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	g_timed_out = 1;
	if (g_vcpu)
		kvmppc_kick(g_vcpu);
}

static void put_word(uint8_t *p, uint32_t w, int be)
{
	if (be) {
		p[0] = (uint8_t)(w >> 24);
		p[1] = (uint8_t)(w >> 16);
		p[2] = (uint8_t)(w >> 8);
		p[3] = (uint8_t)w;
	} else {
		diff_put32(p, w);
	}
}

static int set_reg(struct kvm_vcpu *v, uint64_t id, const void *val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(uintptr_t)val };
	return kvmppc_set_one_reg(v, &r);
}

static int get_reg(struct kvm_vcpu *v, uint64_t id, void *val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(uintptr_t)val };
	return kvmppc_get_one_reg(v, &r);
}

static uint32_t classify(uint32_t vector, uint64_t srr1)
{
	switch (vector) {
	case 0x700:
		if (srr1 & SRR1_FP)
			return DIFF_EXC_FP;
		if (srr1 & SRR1_ILL)
			return DIFF_EXC_ILLEGAL;
		if (srr1 & SRR1_PRIV)
			return DIFF_EXC_PRIV;
		if (srr1 & SRR1_TRAP)
			return DIFF_EXC_TRAP;
		return DIFF_EXC_OTHER;
	case 0x600:
		return DIFF_EXC_ALIGN;
	case 0x300:
	case 0x380:
		return DIFF_EXC_DSI;
	case 0x800:
	case 0xf20:
	case 0xf40:
	case 0xf60:
		return DIFF_EXC_UNAVAIL;
	default:
		return DIFF_EXC_OTHER;
	}
}

static void fail(const char *what, int r)
{
	fprintf(stderr, "run_lib: %s: %s\n", what, strerror(r < 0 ? -r : r));
	exit(2);
}

int main(int argc, char **argv)
{
	int be = 0;
	uint32_t pvr = 0x004e1202u; /* POWER9 */
	int ai = 1;
	for (; ai < argc && argv[ai][0] == '-'; ai++) {
		if (!strcmp(argv[ai], "--be")) {
			be = 1;
		} else if (!strcmp(argv[ai], "--cpu") && ai + 1 < argc) {
			const char *m = argv[++ai];
			pvr = !strcmp(m, "power8") ? 0x004d0200u : 0x004e1202u;
		} else {
			break;
		}
	}
	if (argc - ai != 2) {
		fprintf(stderr, "usage: %s [--be] [--cpu power8|power9] cases.bin results.bin\n",
			argv[0]);
		return 2;
	}
	FILE *in = fopen(argv[ai], "rb");
	if (!in) {
		perror(argv[ai]);
		return 2;
	}
	uint8_t hdr[DIFF_HEADER_SIZE];
	if (fread(hdr, 1, sizeof hdr, in) != sizeof hdr) {
		fprintf(stderr, "run_lib: short case file\n");
		return 2;
	}
	long count = diff_header_decode(hdr, DIFF_MAGIC_CASES, DIFF_CASE_SIZE);
	if (count < 0) {
		fprintf(stderr, "run_lib: %s is not a case file\n", argv[ai]);
		return 2;
	}
	FILE *out = fopen(argv[ai + 1], "wb");
	if (!out) {
		perror(argv[ai + 1]);
		return 2;
	}
	diff_header_encode(hdr, DIFF_MAGIC_RESULTS, (uint32_t)count, DIFF_RESULT_SIZE, 0);
	if (fwrite(hdr, 1, sizeof hdr, out) != sizeof hdr)
		fail("write", errno);

	/* --- the machine: one VM, one slot, one PAPR vcpu --- */
	struct kvm *kvm;
	int r = kvmppc_create_vm(0, &kvm);
	if (r)
		fail("create_vm", r);
	uint8_t *mem = calloc(1, MEM_SIZE + 4096);
	if (!mem)
		fail("calloc", ENOMEM);
	uint8_t *gmem = (uint8_t *)(((uintptr_t)mem + 4095) & ~(uintptr_t)4095);
	struct kvm_userspace_memory_region region = {
		.slot = 0,
		.flags = 0,
		.guest_phys_addr = 0,
		.memory_size = MEM_SIZE,
		.userspace_addr = (uint64_t)(uintptr_t)gmem,
	};
	r = kvmppc_set_user_memory_region(kvm, &region);
	if (r)
		fail("set_user_memory_region", r);
	struct kvm_vcpu *vcpu;
	r = kvmppc_create_vcpu(kvm, 0, &vcpu);
	if (r)
		fail("create_vcpu", r);
	struct kvm_enable_cap cap;
	memset(&cap, 0, sizeof cap);
	cap.cap = KVM_CAP_PPC_PAPR;
	r = kvmppc_vcpu_enable_cap(vcpu, &cap);
	if (r)
		fail("enable PAPR", r);
	/* Make every `sc 1` exit to us, whatever r3 the test left behind. */
	for (unsigned long nr = 4; nr <= MAX_HCALL_OPCODE; nr += 4) {
		memset(&cap, 0, sizeof cap);
		cap.cap = KVM_CAP_PPC_ENABLE_HCALL;
		cap.args[0] = nr;
		cap.args[1] = 0;
		(void)kvmppc_vm_enable_cap(kvm, &cap);
	}
	struct kvm_sregs sregs;
	r = kvmppc_get_sregs(vcpu, &sregs);
	if (r)
		fail("get_sregs", r);
	sregs.pvr = pvr;
	r = kvmppc_set_sregs(vcpu, &sregs);
	if (r)
		fail("set_sregs (PVR)", r);
	struct kvm_run *run = kvmppc_vcpu_run_struct(vcpu);

	/* Interrupt vectors, every 0x20 bytes: `sc 1` in big-endian byte order. Interrupts
	 * are taken with MSR[LE] = LPCR[ILE], which is 0 here whatever the test's endianness
	 * (nobody sets ILE), so the stub needs no instruction but sc itself. An interrupt
	 * taken little-endian would read the word as subfic and end at the next `sc 1`
	 * (little-endian): reported as an executor error, never as a result. */
	for (uint32_t v = VEC_FIRST; v < VEC_END; v += 0x20) {
		put_word(gmem + v, SC1, 1);
		put_word(gmem + v + 4, SC1, 0);
	}

	g_vcpu = vcpu;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);

	const uint64_t msr = MSR_SF | MSR_VEC | MSR_VSX | MSR_FP | MSR_ME | MSR_FE0 | MSR_FE1 |
			     (be ? 0 : MSR_LE);
	static uint8_t rec[DIFF_CASE_SIZE], orec[DIFF_RESULT_SIZE];
	static struct diff_case c;
	static struct diff_result res;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long n = 0; n < count; n++) {
		if (fread(rec, 1, sizeof rec, in) != sizeof rec)
			fail("read case", EIO);
		diff_case_decode(&c, rec);
		memset(&res, 0, sizeof res);
		res.index = c.index;
		res.exc_insn = ~0u;

		memset(gmem + DIFF_DATA_ADDR, 0, 0x3000);
		memcpy(gmem + DIFF_DATA_ADDR, c.st.mem, DIFF_DATA_SIZE);
		uint64_t end = DIFF_TEST_ADDR + 4u * c.ninsn;
		for (uint32_t i = 0; i < c.ninsn; i++)
			put_word(gmem + DIFF_TEST_ADDR + 4 * i, c.insn[i], be);
		put_word(gmem + end, SC1, be);

		struct kvm_regs regs;
		memset(&regs, 0, sizeof regs);
		regs.pc = DIFF_TEST_ADDR;
		regs.msr = msr;
		regs.cr = c.st.cr & 0xffffffffu;
		regs.xer = c.st.xer;
		regs.lr = c.st.lr;
		regs.ctr = c.st.ctr;
		memcpy(regs.gpr, c.st.gpr, sizeof regs.gpr);
		int err = kvmppc_set_regs(vcpu, &regs);
		uint64_t v64 = c.st.fpscr;
		err |= set_reg(vcpu, KVM_REG_PPC_FPSCR, &v64);
		uint32_t v32 = (uint32_t)c.st.vscr;
		err |= set_reg(vcpu, KVM_REG_PPC_VSCR, &v32);
		for (int i = 0; i < 32; i++) {
			uint64_t v[2] = { c.st.vsr[i][0], c.st.vsr[i][1] };
			err |= set_reg(vcpu, KVM_REG_PPC_VSR(i), v);
			uint64_t w[2] = { c.st.vsr[32 + i][0], c.st.vsr[32 + i][1] };
			err |= set_reg(vcpu, KVM_REG_PPC_VR(i), w);
		}
		if (err) {
			res.status = DIFF_ST_ERROR;
			res.detail = 1; /* could not load the state */
			goto write;
		}

		/* KVM_RUN first completes the previous case's hcall exit, copying
		 * papr_hcall.ret and args[] into r3..r12 (as the kernel does); make that
		 * copy write this case's values. */
		run->papr_hcall.ret = c.st.gpr[3];
		for (int i = 0; i < 9; i++)
			run->papr_hcall.args[i] = c.st.gpr[4 + i];

		g_timed_out = 0;
		alarm(2);
		r = kvmppc_run(vcpu);
		alarm(0);
		if (r != 0 || run->exit_reason != KVM_EXIT_PAPR_HCALL) {
			if (getenv("DIFF_DEBUG")) {
				struct kvm_regs dr;
				kvmppc_get_regs(vcpu, &dr);
				fprintf(stderr, "run_lib: case %u: run %d exit %u pc %llx msr %llx "
					"srr0 %llx srr1 %llx\n", c.index, r, run->exit_reason,
					(unsigned long long)dr.pc, (unsigned long long)dr.msr,
					(unsigned long long)dr.srr0, (unsigned long long)dr.srr1);
			}
			res.status = DIFF_ST_ERROR;
			res.detail = g_timed_out ? 0x7fff0000u : (uint32_t)run->exit_reason << 16 |
							    (uint32_t)(-r & 0xffff);
			goto write;
		}

		err = kvmppc_get_regs(vcpu, &regs);
		struct diff_state *o = &res.st;
		memcpy(o->gpr, regs.gpr, sizeof o->gpr);
		o->cr = regs.cr & 0xffffffffu;
		o->xer = regs.xer;
		o->lr = regs.lr;
		o->ctr = regs.ctr;
		err |= get_reg(vcpu, KVM_REG_PPC_FPSCR, &v64);
		o->fpscr = v64;
		v32 = 0;
		err |= get_reg(vcpu, KVM_REG_PPC_VSCR, &v32);
		o->vscr = v32;
		for (int i = 0; i < 32; i++) {
			uint64_t v[2], w[2];
			err |= get_reg(vcpu, KVM_REG_PPC_VSR(i), v);
			err |= get_reg(vcpu, KVM_REG_PPC_VR(i), w);
			o->vsr[i][0] = v[0];
			o->vsr[i][1] = v[1];
			o->vsr[32 + i][0] = w[0];
			o->vsr[32 + i][1] = w[1];
		}
		memcpy(o->mem, gmem + DIFF_DATA_ADDR, DIFF_DATA_SIZE);
		if (err) {
			res.status = DIFF_ST_ERROR;
			res.detail = 2; /* could not read the state back */
			goto write;
		}
		res.valid = DIFF_VALID_ALL;
		if (regs.pc == end || regs.pc == end + 4) {
			res.status = DIFF_ST_OK;
		} else if (regs.pc >= VEC_FIRST + 4 && regs.pc <= VEC_END &&
			   (regs.pc & 0x1f) == 4 && !(regs.msr & MSR_LE)) {
			uint32_t vector = (uint32_t)regs.pc - 4;
			res.status = DIFF_ST_EXCEPTION;
			res.exc = classify(vector, regs.srr1);
			res.detail = vector << 20 | (uint32_t)(regs.srr1 & 0x001f0000u) >> 16;
			if (regs.srr0 >= DIFF_TEST_ADDR && regs.srr0 < end)
				res.exc_insn = (uint32_t)(regs.srr0 - DIFF_TEST_ADDR) / 4;
		} else {
			res.status = DIFF_ST_ERROR;
			res.detail = 3; /* stopped somewhere unexpected */
		}
write:
		res.st.gpr[1] = 0;
		res.st.gpr[13] = 0;
		diff_result_encode(orec, &res);
		if (fwrite(orec, 1, sizeof orec, out) != sizeof orec)
			fail("write result", errno);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (getenv("DIFF_TIMING"))
		fprintf(stderr, "run_lib: %ld cases in %.3f s\n", count,
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	kvmppc_destroy_vm(kvm);
	free(mem);
	if (fclose(out) != 0)
		fail("close results", errno);
	fclose(in);
	return 0;
}
