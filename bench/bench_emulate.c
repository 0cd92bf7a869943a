/* SPDX-License-Identifier: MIT */
/*
 * The emulate_op hot path: kvmppc_interp_ops.emulate_op called directly on a vcpu, per
 * instruction of a realistic privileged mix, plus emulate_mfspr/emulate_mtspr.
 *
 *   bench_emulate                 table: ns per call (median of 15 runs) and spread
 *   bench_emulate --json          the same as JSON lines
 *   bench_emulate --calls N NAME  exactly N calls of one entry, no timing (for callgrind:
 *                                 instructions per call = (Ir(N) - Ir(0)) / N)
 *
 * Last, the hcall round trip: a guest loop `sc 1; b .-4` run by kvmppc_run, one hcall per
 * call. An hcall the library services (in-library) runs in the loop without leaving
 * kvmppc_run, so that entry counts guest loop iterations per exit instead; an hcall it does
 * not service exits to the VMM (KVM_EXIT_PAPR_HCALL) and resumes: the full round trip.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

#include <kvmppc/kvmppc.h>

struct entry {
	uint32_t insn;   /* 0: an SPR accessor call instead of emulate_op */
	const char *name;
	int sprn;        /* for the accessor entries */
	int write;
};

/* Each mt follows its mf, so r3 holds the register's own value: the mix is idempotent. */
static const struct entry mix[] = {
	{0x7c6000a6, "mfmsr", 0, 0},
	{0x7c610164, "mtmsrd L=1", 0, 0},
	{0x7c600164, "mtmsrd L=0", 0, 0},
	{0x7c7a02a6, "mfspr SRR0", 0, 0},
	{0x7c7a03a6, "mtspr SRR0", 0, 0},
	{0x7c7b02a6, "mfspr SRR1", 0, 0},
	{0x7c7b03a6, "mtspr SRR1", 0, 0},
	{0x7c7042a6, "mfspr SPRG0", 0, 0},
	{0x7c7043a6, "mtspr SPRG0", 0, 0},
	{0x7c7342a6, "mfspr SPRG3", 0, 0},
	{0x7c7343a6, "mtspr SPRG3", 0, 0},
	{0x7c7302a6, "mfspr DAR", 0, 0},
	{0x7c7303a6, "mtspr DAR", 0, 0},
	{0x7c7202a6, "mfspr DSISR", 0, 0},
	{0x7c7203a6, "mtspr DSISR", 0, 0},
	{0x7c7602a6, "mfspr DEC", 0, 0},
	{0x7c7603a6, "mtspr DEC", 0, 0},
	{0x7c700aa6, "mfspr PIDR", 0, 0},
	{0x7c700ba6, "mtspr PIDR", 0, 0},
	{0x7c7e4aa6, "mfspr LPCR", 0, 0},
	{0x7c7e4ba6, "mtspr LPCR", 0, 0},
	{0x7c602324, "slbmte", 0, 0},
	{0x7c002364, "slbie", 0, 0},
	{0x7c002264, "tlbie", 0, 0},
	{0x7c002224, "tlbiel", 0, 0},
	{0x4c000024, "rfid", 0, 0},
	{0, "emulate_mfspr SPRG1", 273, 0},
	{0, "emulate_mtspr SPRG1", 273, 1},
};
#define NMIX (sizeof(mix) / sizeof(mix[0]))

static struct kvm *vm;
static struct kvm_vcpu *vcpu;
static struct kvm_run *run;
static uint8_t ram[1 << 16] __attribute__((aligned(4096)));

static void setup(void)
{
	struct kvm_userspace_memory_region mem = {
		.slot = 0, .memory_size = sizeof(ram), .userspace_addr = (uintptr_t)ram,
	};
	if (kvmppc_create_vm(0, &vm) || kvmppc_set_user_memory_region(vm, &mem) ||
	    kvmppc_create_vcpu(vm, 0, &vcpu)) {
		fprintf(stderr, "bench_emulate: cannot create a VM\n");
		exit(1);
	}
	run = kvmppc_vcpu_run_struct(vcpu);
	/* Hypervisor state, 64-bit, LE, MMU off: every instruction of the mix is permitted. */
	struct kvm_regs regs;
	kvmppc_get_regs(vcpu, &regs);
	regs.msr = 0x9000000000001001ULL; /* SF | HV | ME | LE */
	regs.pc = 0x1000;
	regs.srr0 = 0x1000;
	regs.srr1 = regs.msr; /* rfid returns to the same state */
	regs.gpr[4] = 1;       /* slbmte index 1 (an invalid entry), tlbie RB */
	kvmppc_set_regs(vcpu, &regs);
}

/* One call of entry @e; returns the op's result. */
static inline int call(const struct entry *e)
{
	if (e->insn) {
		int advance = 1;
		return kvmppc_interp_ops.emulate_op(run, vcpu, e->insn, &advance);
	}
	kvm_ulong v = 0;
	if (e->write)
		return kvmppc_interp_ops.emulate_mtspr(vcpu, e->sprn, 0x1234);
	return kvmppc_interp_ops.emulate_mfspr(vcpu, e->sprn, &v);
}

/* Hypercall numbers (PAPR): H_GET_TERM_CHAR is always the VMM's (console); H_SET_SPRG0
 * is the simplest hcall a KVM backend services itself. */
#define H_GET_TERM_CHAR 0x54
#define H_SET_SPRG0 0x24
#define HCALL_CODE 0x2000

/* kvmppc_run until the vcpu exits with an hcall; 0 on that exit, -1 otherwise. */
static int hcall_round_trip(void)
{
	int r = kvmppc_run(vcpu);
	if (r < 0 || run->exit_reason != KVM_EXIT_PAPR_HCALL)
		return -1;
	run->papr_hcall.ret = 0; /* H_SUCCESS */
	return 0;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/*
 * Point the vcpu at `li r3,NR; sc 1; li r3,H_GET_TERM_CHAR; sc 1; b .-16` as a PAPR guest
 * (supervisor, 64-bit, LE). The second hcall always exits, so kvmppc_run returns even when
 * the library services NR itself; in-library cost = (NR loop) - (H_GET_TERM_CHAR loop).
 */
static void hcall_setup(unsigned nr)
{
	put_le32(ram + HCALL_CODE, 0x38600000u | nr); /* li r3,nr */
	put_le32(ram + HCALL_CODE + 4, 0x44000022u);  /* sc 1 */
	put_le32(ram + HCALL_CODE + 8, 0x38600000u | H_GET_TERM_CHAR);
	put_le32(ram + HCALL_CODE + 12, 0x44000022u); /* sc 1 */
	put_le32(ram + HCALL_CODE + 16, 0x4bfffff0u); /* b .-16 */
	struct kvm_enable_cap papr = {.cap = KVM_CAP_PPC_PAPR};
	kvmppc_vcpu_enable_cap(vcpu, &papr);
	/* In-library hcalls are off until the VMM enables them (as with KVM). */
	struct kvm_enable_cap en = {.cap = KVM_CAP_PPC_ENABLE_HCALL, .args = {nr, 1}};
	kvmppc_vm_enable_cap(vm, &en);
	struct kvm_regs regs;
	kvmppc_get_regs(vcpu, &regs);
	regs.msr = 0x8000000000001001ULL; /* SF | ME | LE */
	regs.pc = HCALL_CODE;
	kvmppc_set_regs(vcpu, &regs);
}

static void bench_hcalls(int json)
{
	static const struct { unsigned nr; const char *name; } hc[] = {
		{H_GET_TERM_CHAR, "hcall exit+resume"},
		{H_SET_SPRG0, "hcall in-library+exit"},
	};
	enum { RUNS = 7, CALLS = 20000 };
	for (size_t i = 0; i < sizeof(hc) / sizeof(hc[0]); i++) {
		hcall_setup(hc[i].nr);
		const char *status = "ok";
		if (hcall_round_trip()) {
			status = "FAIL";
		} else if (run->papr_hcall.nr == hc[i].nr && hc[i].nr != H_GET_TERM_CHAR) {
			/* It reached the VMM: the library does not service it (yet). */
			status = "not-in-library";
		} else if (run->papr_hcall.nr != H_GET_TERM_CHAR) {
			status = "FAIL";
		}
		double t[RUNS], med = 0, spread = 0;
		if (!strcmp(status, "ok")) {
			for (int r = 0; r < RUNS; r++) {
				double t0 = now_ns();
				for (int k = 0; k < CALLS; k++)
					if (hcall_round_trip())
						status = "FAIL";
				t[r] = (now_ns() - t0) / CALLS;
			}
			bench_stats(t, RUNS, &med, &spread);
		}
		bench_row(json, "hcall", hc[i].name, med, spread, status);
	}
}

int main(int argc, char **argv)
{
	setup();
	if (argc == 4 && !strcmp(argv[1], "--calls")) {
		long n = atol(argv[2]);
		for (size_t i = 0; i < NMIX; i++) {
			if (strcmp(mix[i].name, argv[3]))
				continue;
			int r = 0;
			for (long k = 0; k < n; k++)
				r |= call(&mix[i]);
			return r == 0 ? 0 : 3;
		}
		fprintf(stderr, "bench_emulate: no entry %s\n", argv[3]);
		return 2;
	}
	int json = argc > 1 && !strcmp(argv[1], "--json");
	if (!json)
		printf("%-22s %10s %10s %8s\n", "instruction", "ns/call", "spread%", "result");
	enum { RUNS = 15, CALLS = 100000 };
	for (size_t i = 0; i < NMIX; i++) {
		double t[RUNS];
		int result = call(&mix[i]);
		for (int r = 0; r < RUNS; r++) {
			double t0 = now_ns();
			for (int k = 0; k < CALLS; k++)
				(void)call(&mix[i]);
			t[r] = (now_ns() - t0) / CALLS;
		}
		double med, spread;
		bench_stats(t, RUNS, &med, &spread);
		/* EMULATE_DONE 0, DO_MMIO 1, FAIL 2, AGAIN 3, EXIT_USER 4 */
		static const char *const res[] = {"done", "mmio", "FAIL", "again", "exit"};
		const char *rs = result >= 0 && result <= 4 ? res[result] : "?";
		bench_row(json, "emulate", mix[i].name, med, spread, rs);
	}
	bench_hcalls(json);
	kvmppc_destroy_vm(vm);
	return 0;
}
