/* SPDX-License-Identifier: MIT */
/* The in-library PAPR hypercalls (lib/papr.c), driven by guest code through the public API. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <kvmppc/kvmppc.h>
#include "vm_fixture.h"

#define RAM_SIZE (256 * 1024)
#define CODE 0x1000
#define SC1 0x44000022u
#define KVM_CAP_PPC_PAPR 68
#define KVM_CAP_PPC_ENABLE_HCALL 104

struct fixture {
	struct kvm *vm;
	struct kvm_vcpu *vcpu;
	uint8_t *ram;
	uint32_t code[64];
	size_t n;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->vm = test_vm_create(RAM_SIZE, &f->ram);
	f->vcpu = test_vcpu_create(f->vm, 0, true);
	static const unsigned extra[] = {H_SET_MODE, H_PAGE_INIT, H_RANDOM, H_SET_SPRG0,
		H_GET_CPU_CHARACTERISTICS};
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		struct kvm_enable_cap c = {.cap = KVM_CAP_PPC_ENABLE_HCALL, .args = {extra[i], 1}};
		assert_int_equal(kvmppc_vm_enable_cap(f->vm, &c), 0);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	test_vm_destroy(f->vm, f->ram);
	free(f);
	return 0;
}

/* ---- a tiny assembler: li/lis/ori into a code buffer ---- */

static void emit(struct fixture *f, uint32_t w)
{
	assert_true(f->n < 64);
	f->code[f->n++] = w;
}

/* Load a 32-bit constant (sign-extended) into rD with addis + ori. */
static void li32(struct fixture *f, unsigned rd, int64_t v)
{
	uint32_t hi = (uint32_t)((uint64_t)v >> 16) & 0xffff, lo = (uint32_t)v & 0xffff;
	emit(f, 0x3c000000u | rd << 21 | hi);           /* lis rd,hi */
	emit(f, 0x60000000u | rd << 21 | rd << 16 | lo); /* ori rd,rd,lo */
}

/* Put the code built so far, ended with `sc 1`, at CODE and point the vcpu at it in
 * little-endian supervisor real mode: the status of the code's last hcall in r3 comes out
 * as papr_hcall.nr. */
static void load_code(struct fixture *f)
{
	emit(f, SC1);
	for (size_t i = 0; i < f->n; i++)
		for (int b = 0; b < 4; b++)
			f->ram[CODE + 4 * i + b] = (uint8_t)(f->code[i] >> (8 * b));
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	regs.pc = CODE;
	regs.msr = 0x8000000000000001ULL; /* SF | LE */
	assert_int_equal(kvmppc_set_regs(f->vcpu, &regs), 0);
}

/* Run the code built so far to the first exit. */
static struct kvm_run *run_code(struct fixture *f)
{
	load_code(f);
	struct kvm_run *run = kvmppc_vcpu_run_struct(f->vcpu);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	f->n = 0;
	return run;
}

static void hcall(struct fixture *f, unsigned nr, int64_t a4, int64_t a5, int64_t a6, int64_t a7)
{
	li32(f, 3, nr);
	li32(f, 4, a4);
	li32(f, 5, a5);
	li32(f, 6, a6);
	li32(f, 7, a7);
	emit(f, SC1);
}

static int64_t status_of(struct kvm_run *run)
{
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	return (int64_t)run->papr_hcall.nr;
}

static void test_set_mode_le_changes_interrupt_endianness(void **state)
{
	struct fixture *f = *state;
	hcall(f, H_SET_MODE, H_SET_MODE_ENDIAN_LITTLE, H_SET_MODE_RESOURCE_LE, 0, 0);
	emit(f, 0x00000000); /* illegal: program interrupt at 0x700 */
	/* handler, little-endian now: li r3,0x4321; sc 1 */
	static const uint32_t handler[] = {0x38604321, SC1};
	for (int i = 0; i < 2; i++)
		for (int b = 0; b < 4; b++)
			f->ram[0x700 + 4 * i + b] = (uint8_t)(handler[i] >> (8 * b));
	struct kvm_run *run = run_code(f);
	assert_int_equal(status_of(run), 0x4321);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	assert_true(regs.msr & 1); /* entered the handler little-endian */
}

static void test_set_mode_errors(void **state)
{
	struct fixture *f = *state;
	hcall(f, H_SET_MODE, 2, H_SET_MODE_RESOURCE_LE, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_UNSUPPORTED_FLAG_START);
	hcall(f, H_SET_MODE, 1, H_SET_MODE_RESOURCE_LE, 5, 0);
	assert_int_equal(status_of(run_code(f)), H_P3);
	hcall(f, H_SET_MODE, 0, 99, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_P2);
	hcall(f, H_SET_MODE, 1, H_SET_MODE_RESOURCE_ADDR_TRANS_MODE, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_UNSUPPORTED_FLAG_START);
	hcall(f, H_SET_MODE, 0, H_SET_MODE_RESOURCE_SET_CIABR, 3, 0);
	assert_int_equal(status_of(run_code(f)), H_P3);
	hcall(f, H_SET_MODE, 0, H_SET_MODE_RESOURCE_SET_DAWR, 0x1000, 4);
	assert_int_equal(status_of(run_code(f)), H_P4);
}

static void vpa_call(struct fixture *f, uint64_t func, uint64_t id, uint64_t addr)
{
	/* flags = func << 45 lies above bit 31: build func << 13 and shift it by 32 */
	li32(f, 4, (int64_t)(func << 13));
	emit(f, 0x788407c6); /* rldicr r4,r4,32,31 = sldi r4,r4,32 */
	li32(f, 3, H_REGISTER_VPA);
	li32(f, 5, (int64_t)id);
	li32(f, 6, (int64_t)addr);
	emit(f, SC1);
}

static void test_vpa_rules(void **state)
{
	struct fixture *f = *state;
	uint8_t *vpa = f->ram + 0x3000;
	vpa[4] = 640 >> 8, vpa[5] = 640 & 0xff; /* u16 size, big-endian */
	vpa_call(f, H_VPA_REG_DTL, 0, 0x4000);
	assert_int_equal(status_of(run_code(f)), H_RESOURCE);
	vpa_call(f, H_VPA_REG_VPA, 0, 0x3010);
	assert_int_equal(status_of(run_code(f)), H_PARAMETER); /* not cache-line aligned */
	vpa_call(f, H_VPA_REG_VPA, 7, 0x3000);
	assert_int_equal(status_of(run_code(f)), H_PARAMETER); /* no vcpu 7 */
	vpa_call(f, H_VPA_REG_VPA, 0, 0x3000);
	assert_int_equal(status_of(run_code(f)), H_SUCCESS);
	/* the dispatch counter (u32 at 0x100) is even whenever the vcpu is not running:
	 * one run = one increment on entry and one on exit */
	uint32_t before = (uint32_t)vpa[0x100] << 24 | (uint32_t)vpa[0x101] << 16 |
			  (uint32_t)vpa[0x102] << 8 | vpa[0x103];
	li32(f, 3, 0x77);
	assert_int_equal(status_of(run_code(f)), 0x77);
	uint32_t after = (uint32_t)vpa[0x100] << 24 | (uint32_t)vpa[0x101] << 16 |
			 (uint32_t)vpa[0x102] << 8 | vpa[0x103];
	assert_int_equal(after, before + 2);
	vpa[0x4000 - 0x3000 + 7] = 0x80; /* DTL length 128 at 0x4000 */
	vpa_call(f, H_VPA_REG_DTL, 0, 0x4000);
	assert_int_equal(status_of(run_code(f)), H_SUCCESS);
	vpa_call(f, H_VPA_DEREG_VPA, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_RESOURCE); /* DTL still registered */
	vpa_call(f, H_VPA_DEREG_DTL, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_SUCCESS);
	vpa_call(f, H_VPA_DEREG_VPA, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_SUCCESS);
}

static void test_page_init(void **state)
{
	struct fixture *f = *state;
	memset(f->ram + 0x5000, 0xaa, 4096);
	for (int i = 0; i < 4096; i++)
		f->ram[0x6000 + i] = (uint8_t)i;
	hcall(f, H_PAGE_INIT, (int64_t)H_ZERO_PAGE, 0x5000, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_SUCCESS);
	for (int i = 0; i < 4096; i++)
		assert_int_equal(f->ram[0x5000 + i], 0);
	hcall(f, H_PAGE_INIT, (int64_t)H_COPY_PAGE, 0x7000, 0x6000, 0);
	assert_int_equal(status_of(run_code(f)), H_SUCCESS);
	assert_memory_equal(f->ram + 0x7000, f->ram + 0x6000, 4096);
	hcall(f, H_PAGE_INIT, (int64_t)H_ZERO_PAGE, 0x5008, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_PARAMETER);
	hcall(f, H_PAGE_INIT, (int64_t)H_ZERO_PAGE, 0x7fff0000, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_PARAMETER); /* outside RAM */
}

static void test_random_and_characteristics(void **state)
{
	struct fixture *f = *state;
	hcall(f, H_RANDOM, 0, 0, 0, 0);
	struct kvm_run *run = run_code(f);
	assert_int_equal(status_of(run), H_SUCCESS);
	uint64_t r1 = run->papr_hcall.args[0];
	hcall(f, H_RANDOM, 0, 0, 0, 0);
	run = run_code(f);
	assert_int_equal(status_of(run), H_SUCCESS);
	assert_true(run->papr_hcall.args[0] != r1); /* equal with probability 2^-64 */
	hcall(f, H_GET_CPU_CHARACTERISTICS, 0, 0, 0, 0);
	run = run_code(f);
	assert_int_equal(status_of(run), H_SUCCESS);
	assert_true(run->papr_hcall.args[0] & H_CPU_CHAR_COUNT_CACHE_DISABLED);
	assert_false(run->papr_hcall.args[1] & H_CPU_BEHAV_FAVOUR_SECURITY);
	assert_true(run->papr_hcall.args[1] & H_CPU_BEHAV_NO_STF_BARRIER);
}

static void test_disabled_hcall_exits(void **state)
{
	struct fixture *f = *state;
	struct kvm_enable_cap c = {.cap = KVM_CAP_PPC_ENABLE_HCALL, .args = {H_RANDOM, 0}};
	assert_int_equal(kvmppc_vm_enable_cap(f->vm, &c), 0);
	li32(f, 3, H_RANDOM);
	emit(f, SC1);
	f->n--; /* run_code appends the final sc 1 itself */
	struct kvm_run *run = run_code(f);
	assert_int_equal(status_of(run), H_RANDOM); /* the VMM sees it */
}

/* H_LOGICAL_CI_LOAD/STORE: implemented as KVM's (enabling them is accepted), and with no
 * MMIO device of the library's own every call reaches the VMM with its arguments. */
static void test_logical_ci_reaches_vmm(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(kvmppc_interp_ops.hcall_implemented(H_LOGICAL_CI_LOAD), 1);
	assert_int_equal(kvmppc_interp_ops.hcall_implemented(H_LOGICAL_CI_STORE), 1);
	for (unsigned nr = H_LOGICAL_CI_LOAD; nr <= H_LOGICAL_CI_STORE; nr += 4) {
		struct kvm_enable_cap c = {.cap = KVM_CAP_PPC_ENABLE_HCALL, .args = {nr, 1}};
		assert_int_equal(kvmppc_vm_enable_cap(f->vm, &c), 0);
	}
	hcall(f, H_LOGICAL_CI_STORE, 4, 0x2000, 0x1234, 0);
	struct kvm_run *run = run_code(f);
	assert_int_equal(run->exit_reason, KVM_EXIT_PAPR_HCALL);
	assert_int_equal(run->papr_hcall.nr, H_LOGICAL_CI_STORE);
	assert_int_equal(run->papr_hcall.args[0], 4);
	assert_int_equal(run->papr_hcall.args[1], 0x2000);
	assert_int_equal(run->papr_hcall.args[2], 0x1234);
	assert_int_equal(f->ram[0x2000], 0); /* nothing stored by the library */
}

static void test_cede_returns_on_pending_interrupt(void **state)
{
	struct fixture *f = *state;
	/* external interrupt handler at 0x500 (big-endian: LPCR[ILE] = 0): li r3,0x5555; sc 1 */
	static const uint32_t handler[] = {0x38605555, SC1};
	for (int i = 0; i < 2; i++)
		for (int b = 0; b < 4; b++)
			f->ram[0x500 + 4 * i + b] = (uint8_t)(handler[i] >> (8 * (3 - b)));
	struct kvm_interrupt irq = {.irq = KVM_INTERRUPT_SET_LEVEL};
	assert_int_equal(kvmppc_interrupt(f->vcpu, &irq), 0);
	hcall(f, H_CEDE, 0, 0, 0, 0); /* MSR[EE] was 0: the line waits for the cede */
	struct kvm_run *run = run_code(f);
	assert_int_equal(status_of(run), 0x5555);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	assert_int_equal(regs.srr0, CODE + 11 * 4); /* the instruction after the cede's sc 1 */
	assert_true(regs.srr1 & (1ULL << 15));      /* EE was set by H_CEDE */
}

static void *raise_later(void *arg)
{
	struct kvm_vcpu *vcpu = arg;
	struct timespec ts = {0, 20 * 1000 * 1000};
	nanosleep(&ts, NULL);
	struct kvm_interrupt irq = {.irq = KVM_INTERRUPT_SET_LEVEL};
	kvmppc_interrupt(vcpu, &irq);
	return NULL;
}

static void test_cede_sleeps_until_interrupt(void **state)
{
	struct fixture *f = *state;
	static const uint32_t handler[] = {0x38605556, SC1};
	for (int i = 0; i < 2; i++)
		for (int b = 0; b < 4; b++)
			f->ram[0x500 + 4 * i + b] = (uint8_t)(handler[i] >> (8 * (3 - b)));
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, raise_later, f->vcpu), 0);
	hcall(f, H_CEDE, 0, 0, 0, 0);
	struct kvm_run *run = run_code(f);
	pthread_join(t, NULL);
	assert_int_equal(status_of(run), 0x5556);
}

/* stop (ISA 3.0) in a PAPR guest: ESL = EC = 0 always (the guest's PSSCR view has no
 * ESL/EC). The vcpu thread sleeps until an exception is pending; with MSR[EE] = 0 the
 * guest then simply goes on after the stop. wait (WC = 0) does the same. */
static void stop_or_wait_until_interrupt(void **state, uint32_t insn)
{
	struct fixture *f = *state;
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, raise_later, f->vcpu), 0);
	li32(f, 3, 0x77);
	emit(f, insn);
	struct kvm_run *run = run_code(f); /* blocks in stop/wait until raise_later */
	pthread_join(t, NULL);
	assert_int_equal(status_of(run), 0x77);
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->vcpu, &regs), 0);
	assert_int_equal(regs.pc, CODE + 4 * 4); /* after li32, stop/wait and the sc 1 */
}

static void test_stop_sleeps_until_interrupt(void **state)
{
	stop_or_wait_until_interrupt(state, 0x4c0002e4); /* stop */
}

static void test_wait_sleeps_until_interrupt(void **state)
{
	stop_or_wait_until_interrupt(state, 0x7c00003c); /* wait */
}

/* A decrementer that expires wakes a stopped PAPR guest (EE = 0: it goes on after). */
static void test_stop_wakes_on_decrementer(void **state)
{
	struct fixture *f = *state;
	li32(f, 4, 100000);                /* 195 us */
	emit(f, 0x7c9603a6);               /* mtdec r4 */
	li32(f, 3, 0x78);
	emit(f, 0x4c0002e4);               /* stop */
	struct kvm_run *run = run_code(f);
	assert_int_equal(status_of(run), 0x78);
}

/* A stopped vcpu that is kicked leaves KVM_RUN with -EINTR and stays stopped: the next
 * KVM_RUN sleeps again until the wake-up event. */
static void *kick_later(void *arg)
{
	struct timespec ts = {0, 10 * 1000 * 1000};
	nanosleep(&ts, NULL);
	kvmppc_kick(arg);
	return NULL;
}

static void test_stop_kick_stays_stopped(void **state)
{
	struct fixture *f = *state;
	li32(f, 3, 0x79);
	emit(f, 0x4c0002e4); /* stop */
	load_code(f);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, kick_later, f->vcpu), 0);
	assert_int_equal(kvmppc_run(f->vcpu), -EINTR);
	pthread_join(t, NULL);
	assert_int_equal(pthread_create(&t, NULL, raise_later, f->vcpu), 0);
	assert_int_equal(kvmppc_run(f->vcpu), 0);
	pthread_join(t, NULL);
	assert_int_equal(status_of(kvmppc_vcpu_run_struct(f->vcpu)), 0x79);
}

static void test_prod_before_cede(void **state)
{
	struct fixture *f = *state;
	hcall(f, H_PROD, 0, 0, 0, 0); /* prod ourselves: the next cede returns at once */
	hcall(f, H_CEDE, 0, 0, 0, 0);
	struct kvm_run *run = run_code(f);
	assert_int_equal(status_of(run), H_SUCCESS);
	hcall(f, H_PROD, 9, 0, 0, 0);
	assert_int_equal(status_of(run_code(f)), H_PARAMETER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_set_mode_le_changes_interrupt_endianness, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_mode_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vpa_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_init, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_and_characteristics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disabled_hcall_exits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logical_ci_reaches_vmm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cede_returns_on_pending_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cede_sleeps_until_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prod_before_cede, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_sleeps_until_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait_sleeps_until_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_wakes_on_decrementer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_kick_stays_stopped, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
