/* SPDX-License-Identifier: MIT */
/*
 * kvmppc-demo: the smallest VMM. It creates a VM, maps 64 KiB of guest memory, loads a
 * bundled guest program that sums 1..100 in a loop, runs it to its hypercall, and prints
 * what the guest reported. The README's first command runs it until kvmppc-run exists.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kvmppc/kvmppc.h>

#define DEMO_HCALL_REPORT 0xef00 /* this demo's own hcall: "r4 is my answer" */

static const uint32_t guest_code[] = {
	0x38600000, /* li    r3,0 */
	0x38800000, /* li    r4,0          sum */
	0x38a00001, /* li    r5,1          i */
	0x38c00064, /* li    r6,100 */
	0x7cc903a6, /* mtctr r6 */
	0x7c842a14, /* 1: add r4,r4,r5 */
	0x38a50001, /* addi  r5,r5,1 */
	0x4200fff8, /* bdnz  1b */
	0x3c600000, /* lis   r3,0 */
	0x6063ef00, /* ori   r3,r3,0xef00 */
	0x44000022, /* sc    1 */
	0x48000000, /* b     . */
};

int main(void)
{
	static uint8_t ram[64 * 1024] __attribute__((aligned(4096)));
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	int r = kvmppc_create_vm(0, &vm);
	if (r) {
		fprintf(stderr, "create_vm: %s\n", strerror(-r));
		return 1;
	}
	struct kvm_userspace_memory_region mem = {
		.slot = 0, .guest_phys_addr = 0, .memory_size = sizeof(ram),
		.userspace_addr = (uintptr_t)ram,
	};
	if ((r = kvmppc_set_user_memory_region(vm, &mem)) || (r = kvmppc_create_vcpu(vm, 0, &vcpu))) {
		fprintf(stderr, "setup: %s\n", strerror(-r));
		return 1;
	}
	/* Guest memory is little-endian for an LE guest whatever the host is. */
	for (size_t i = 0; i < sizeof(guest_code) / 4; i++)
		for (int b = 0; b < 4; b++)
			ram[0x100 + 4 * i + b] = (uint8_t)(guest_code[i] >> (8 * b));
	struct kvm_enable_cap papr = {.cap = KVM_CAP_PPC_PAPR};
	kvmppc_vcpu_enable_cap(vcpu, &papr);
	struct kvm_regs regs;
	kvmppc_get_regs(vcpu, &regs);
	regs.pc = 0x100;
	regs.msr = 0x8000000000000001ULL; /* SF | LE, real mode */
	kvmppc_set_regs(vcpu, &regs);

	struct kvm_run *run = kvmppc_vcpu_run_struct(vcpu);
	printf("libkvmppc %s: running the bundled guest (sum of 1..100)\n", kvmppc_version());
	r = kvmppc_run(vcpu);
	if (r || run->exit_reason != KVM_EXIT_PAPR_HCALL || run->papr_hcall.nr != DEMO_HCALL_REPORT) {
		fprintf(stderr, "unexpected exit: r=%d reason=%u\n", r, run->exit_reason);
		return 1;
	}
	printf("guest says: %" PRIu64 "\n", (uint64_t)run->papr_hcall.args[0]);
	kvmppc_destroy_vm(vm);
	return run->papr_hcall.args[0] == 5050 ? 0 : 1;
}
