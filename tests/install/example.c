/* The README's promise: 20 lines against the installed library, built with pkg-config. */
#include <kvmppc/kvmppc.h>
#include <stdio.h>
#include <stdlib.h>
int main(void)
{
	static unsigned char ram[1 << 16] __attribute__((aligned(4096)));
	const unsigned char code[] = {0x34, 0x12, 0x60, 0x38, 0x22, 0, 0, 0x44}; /* li r3,0x1234; sc 1 */
	for (unsigned i = 0; i < sizeof(code); i++) ram[0x100 + i] = code[i];
	struct kvm *vm; struct kvm_vcpu *cpu; struct kvm_regs regs;
	struct kvm_userspace_memory_region m = {.memory_size = sizeof(ram), .userspace_addr = (unsigned long)ram};
	struct kvm_enable_cap papr = {.cap = 68 /* KVM_CAP_PPC_PAPR */};
	if (kvmppc_create_vm(0, &vm) || kvmppc_set_user_memory_region(vm, &m) || kvmppc_create_vcpu(vm, 0, &cpu) ||
	    kvmppc_vcpu_enable_cap(cpu, &papr) || kvmppc_get_regs(cpu, &regs)) return 1;
	regs.pc = 0x100; regs.msr = 0x8000000000000001ULL; /* 64-bit, little-endian, real mode */
	if (kvmppc_set_regs(cpu, &regs) || kvmppc_run(cpu) || kvmppc_get_regs(cpu, &regs)) return 1;
	struct kvm_run *run = kvmppc_vcpu_run_struct(cpu);
	printf("exit %u hcall 0x%llx pc 0x%llx\n", run->exit_reason, (unsigned long long)run->papr_hcall.nr, (unsigned long long)regs.pc);
	int ok = run->exit_reason == KVM_EXIT_PAPR_HCALL && run->papr_hcall.nr == 0x1234 && regs.pc == 0x108;
	kvmppc_destroy_vm(vm);
	return !ok;
}
