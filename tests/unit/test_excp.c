/* SPDX-License-Identifier: MIT */
/*
 * Interrupt delivery: every vector's SRR0/SRR1, the MSR after (ISA 3.0B Book III 7.5),
 * LPCR[AIL] and LPCR[ILE], the MSR moves and returns, sc/scv, and asynchronous priority.
 * Expected values are computed by hand from the ISA text, not from the code.
 */
#include "priv_fixture.h"

#define SC0     0x44000002u
#define SC1     0x44000022u
#define SCV0    0x44000001u
#define SCV1    0x44000021u
#define RFID    0x4c000024u
#define HRFID   0x4c000224u
#define RFSCV   0x4c0000a4u
#define MFMSR3  0x7c6000a6u
#define MTMSR3  0x7c600124u
#define MTMSR3L 0x7c610124u
#define MTMSRD3 0x7c600164u
#define MTMSRD3L 0x7c610164u
#define ILLEGAL 0x00000000u
#define SRR1_MASK_INFO 0x783f0000ULL

static int setup_p9(void **st) { *st = fx_new(PVR_POWER9, 0); return 0; }
static int setup_p9_papr(void **st) { *st = fx_new(PVR_POWER9, 1); return 0; }
static int setup_p8(void **st) { *st = fx_new(PVR_POWER8, 0); return 0; }
static int teardown(void **st) { fx_free(*st); return 0; }

static void test_sc0_supervisor(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	uint64_t msr = MSR_KERNEL | MSR_EE | MSR_IR | MSR_DR | MSR_FP;
	assert_int_equal(exec_at(c, 0x1000, msr, SC0), PPC_EXC);
	assert_int_equal(c->nia, 0xc00);
	assert_int_equal(c->spr[SPR_SRR0], 0x1004);          /* next instruction */
	assert_int_equal(c->spr[SPR_SRR1], msr);             /* no info bits for sc */
	/* SF=1, ME kept, LE = LPCR[ILE] = 0, everything else 0 */
	assert_int_equal(c->msr, MSR_SF | MSR_ME);
}

static void test_sc0_ail3_ile(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	assert_int_equal(spr_set(c, SPR_LPCR, LPCR_ILE | (3ULL << LPCR_AIL_SHIFT)), 0);
	uint64_t msr = MSR_USER;
	assert_int_equal(exec_at(c, 0x10000000, msr, SC0), PPC_EXC);
	assert_int_equal(c->nia, 0xc000000000004c00ULL);
	assert_int_equal(c->spr[SPR_SRR0], 0x10000004);
	assert_int_equal(c->spr[SPR_SRR1], msr);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_IR | MSR_DR | MSR_LE);
	/* relocation off at the time: no AIL */
	assert_int_equal(exec_at(c, 0x2000, MSR_KERNEL, SC0), PPC_EXC);
	assert_int_equal(c->nia, 0xc00);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_LE);
	/* AIL = 2: offset 0x18000 */
	assert_int_equal(spr_set(c, SPR_LPCR, 2ULL << LPCR_AIL_SHIFT), 0);
	assert_int_equal(exec_at(c, 0x2000, MSR_USER, SC0), PPC_EXC);
	assert_int_equal(c->nia, 0x18c00);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_IR | MSR_DR);
}

static void test_program_illegal_and_priv(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	assert_int_equal(exec_at(c, 0x3000, MSR_USER, ILLEGAL), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR0], 0x3000);
	assert_int_equal(c->spr[SPR_SRR1], MSR_USER | 0x00080000ULL);
	assert_int_equal(exec_at(c, 0x3004, MSR_USER, MFMSR3), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR0], 0x3004);
	assert_int_equal(c->spr[SPR_SRR1], MSR_USER | 0x00040000ULL);
	assert_int_equal(c->msr, MSR_SF | MSR_ME);
	/* reserved bit set in mfmsr (RA field) -> illegal */
	assert_int_equal(exec_at(c, 0x3008, MSR_KERNEL, MFMSR3 | (1u << 16)), PPC_EXC);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_MASK_INFO, 0x00080000ULL);
}

static void test_hv_instructions(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	/* hrfid from a guest's supervisor state: HEAI at 0xe40 via HSRR0/1, HV=1 */
	assert_int_equal(exec_at(c, 0x4000, MSR_KERNEL | MSR_IR | MSR_DR, HRFID), PPC_EXC);
	assert_int_equal(c->nia, 0xe40);
	assert_int_equal(c->spr[SPR_HSRR0], 0x4000);
	assert_int_equal(c->spr[SPR_HSRR1], MSR_KERNEL | MSR_IR | MSR_DR);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_HV);
	/* from problem state: privileged-instruction program interrupt */
	assert_int_equal(exec_at(c, 0x4004, MSR_USER, HRFID), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_MASK_INFO, 0x00040000ULL);
}

static void test_hv_instructions_papr(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	c->spr[SPR_SRR1] = 0;
	assert_int_equal(exec_at(c, 0x4000, MSR_KERNEL, HRFID), PPC_EXC);
	assert_int_equal(c->nia, 0x700); /* a PAPR guest sees HEAI as illegal instruction */
	assert_int_equal(c->spr[SPR_SRR0], 0x4000);
	assert_int_equal(c->spr[SPR_SRR1], MSR_KERNEL | 0x00080000ULL);
	assert_int_equal(c->msr & MSR_HV, 0);
}

static void test_mtmsrd(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	/* L=1: only EE and RI change */
	c->gpr[3] = ~0ULL & ~MSR_RI;
	assert_int_equal(exec_at(c, 0x100, MSR_KERNEL, MTMSRD3L), PPC_OK);
	assert_int_equal(c->msr, (MSR_KERNEL & ~MSR_RI) | MSR_EE);
	/* L=0: PR=1 forces EE, IR, DR; LE, ME, HV unchanged */
	c->gpr[3] = MSR_SF | MSR_PR;
	assert_int_equal(exec_at(c, 0x100, MSR_KERNEL, MTMSRD3), PPC_OK);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_LE | MSR_PR | MSR_EE | MSR_IR | MSR_DR);
	/* mtmsr L=0 only touches bits 32:63 */
	c->gpr[3] = MSR_FP | MSR_EE; /* SF = 0 in RS: ignored by mtmsr */
	assert_int_equal(exec_at(c, 0x100, MSR_KERNEL, MTMSR3), PPC_OK);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_LE | MSR_FP | MSR_EE);
	c->gpr[3] = 0;
	assert_int_equal(exec_at(c, 0x100, MSR_KERNEL | MSR_EE, MTMSR3L), PPC_OK);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_LE);
	/* mfmsr */
	assert_int_equal(exec_at(c, 0x100, MSR_KERNEL | MSR_VSX, MFMSR3), PPC_OK);
	assert_int_equal(c->gpr[3], MSR_KERNEL | MSR_VSX);
}

static void test_rfid(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	/* to problem state, big-endian, with info bits in SRR1 that must not reach MSR */
	c->spr[SPR_SRR0] = 0x12345677;
	c->spr[SPR_SRR1] = MSR_SF | MSR_PR | MSR_ME | MSR_HV | SRR1_MASK_INFO;
	assert_int_equal(exec_at(c, 0x100, MSR_KERNEL, RFID), PPC_OK);
	assert_int_equal(c->nia, 0x12345674);
	/* HV cannot be set by rfid; PR forces EE/IR/DR; LE comes from SRR1 (0) */
	assert_int_equal(c->msr, MSR_SF | MSR_PR | MSR_ME | MSR_EE | MSR_IR | MSR_DR);
	/* ME can't be changed from a guest's privileged state */
	c->spr[SPR_SRR1] = MSR_SF;
	assert_int_equal(exec_at(c, 0x100, MSR_KERNEL, RFID), PPC_OK);
	assert_int_equal(c->msr, MSR_SF | MSR_ME);
	/* the hypervisor can clear ME and HV with rfid */
	c->spr[SPR_SRR1] = MSR_SF | MSR_LE;
	assert_int_equal(exec_at(c, 0x100, MSR_HVK, RFID), PPC_OK);
	assert_int_equal(c->msr, MSR_SF | MSR_LE);
	/* 32-bit target truncates the address */
	c->spr[SPR_SRR0] = 0xffffffff00001000ULL;
	c->spr[SPR_SRR1] = MSR_ME;
	assert_int_equal(exec_at(c, 0x100, MSR_HVK, RFID), PPC_OK);
	assert_int_equal(c->nia, 0x1000);
	/* hrfid in hypervisor state sets HV and ME from HSRR1 */
	c->spr[SPR_HSRR0] = 0x2000;
	c->spr[SPR_HSRR1] = MSR_SF | MSR_HV | MSR_DR;
	assert_int_equal(exec_at(c, 0x100, MSR_HVK, HRFID), PPC_OK);
	assert_int_equal(c->nia, 0x2000);
	assert_int_equal(c->msr, MSR_SF | MSR_HV | MSR_DR);
}

static void test_papr_me(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	c->spr[SPR_SRR0] = 0x100;
	c->spr[SPR_SRR1] = MSR_SF | MSR_HV; /* tries to clear ME and set HV */
	assert_int_equal(exec_at(c, 0x100, MSR_KERNEL, RFID), PPC_OK);
	assert_int_equal(c->msr, MSR_SF | MSR_ME);
	cpu_set_msr(c, MSR_SF);
	assert_int_equal(c->msr, MSR_SF | MSR_ME);
}

static void test_scv(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	uint64_t msr = MSR_USER;
	/* FSCR[SCV] = 0: facility unavailable, IC = 12 */
	assert_int_equal(exec_at(c, 0x5000, msr, SCV0), PPC_EXC);
	assert_int_equal(c->nia, 0xf60);
	assert_int_equal(c->spr[SPR_SRR0], 0x5000);
	assert_int_equal(c->spr[SPR_FSCR] >> 56, 12);
	c->spr[SPR_FSCR] = 1ULL << 12;
	c->lr = 0;
	assert_int_equal(exec_at(c, 0x5000, msr, SCV1), PPC_EXC);
	assert_int_equal(c->nia, 0x17020);        /* AIL = 0 */
	assert_int_equal(c->lr, 0x5004);
	assert_int_equal(c->ctr, msr);
	/* EE, RI, ME unchanged; PR, IR, DR cleared; LE from ILE (0) */
	assert_int_equal(c->msr, MSR_SF | MSR_EE | MSR_RI | MSR_ME);
	assert_int_equal(spr_set(c, SPR_LPCR, LPCR_ILE | (3ULL << LPCR_AIL_SHIFT)), 0);
	assert_int_equal(exec_at(c, 0x5000, msr, SCV0), PPC_EXC);
	assert_int_equal(c->nia, 0xc000000000003000ULL);
	assert_int_equal(c->msr, MSR_SF | MSR_EE | MSR_RI | MSR_ME | MSR_IR | MSR_DR | MSR_LE);
	/* rfscv returns to LR with CTR as the MSR */
	assert_int_equal(exec_at(c, c->nia, c->msr, RFSCV), PPC_OK);
	assert_int_equal(c->nia, 0x5004);
	assert_int_equal(c->msr, msr);
}

static void test_scv_p8_illegal(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	assert_int_equal(exec_at(c, 0x5000, MSR_USER, SCV0), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_MASK_INFO, 0x00080000ULL);
}

static void test_sc1_hv_machine(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	c->spr[SPR_LPCR] = 3ULL << LPCR_AIL_SHIFT;
	assert_int_equal(exec_at(c, 0x6000, MSR_KERNEL | MSR_IR | MSR_DR, SC1), PPC_EXC);
	assert_int_equal(c->nia, 0xc00);
	assert_int_equal(c->spr[SPR_SRR0], 0x6004);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_HV);
}

static void test_async_priority(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	c->spr[SPR_LPCR] = LPCR_LPES0; /* external interrupts to the guest (as a PAPR LPAR) */
	cpu_set_msr(c, MSR_KERNEL);
	c->nia = 0x7000;
	atomic_store(&c->pending, PENDING_DEC | PENDING_EXTERNAL | PENDING_DOORBELL);
	assert_int_equal(cpu_check_async(c), PPC_OK); /* EE = 0 */
	cpu_set_msr(c, MSR_KERNEL | MSR_EE);
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0x500);
	assert_int_equal(c->spr[SPR_SRR0], 0x7000);
	assert_int_equal(c->spr[SPR_SRR1], MSR_KERNEL | MSR_EE);
	/* level external stays pending; after it goes away DEC then doorbell */
	atomic_fetch_and(&c->pending, ~PENDING_EXTERNAL);
	cpu_set_msr(c, MSR_KERNEL | MSR_EE);
	c->nia = 0x7004;
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0x900);
	assert_int_equal(c->spr[SPR_SRR0], 0x7004);
	assert_true(atomic_load(&c->pending) & PENDING_DEC); /* level-triggered */
	atomic_fetch_and(&c->pending, ~PENDING_DEC);
	cpu_set_msr(c, MSR_KERNEL | MSR_EE);
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0xa00);
	assert_false(atomic_load(&c->pending) & PENDING_DOORBELL);
}

static void test_async_hv(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	/* LPCR[LPES] = 0: an external interrupt goes to the hypervisor even with EE = 0 */
	c->spr[SPR_LPCR] = 0;
	cpu_set_msr(c, MSR_KERNEL);
	c->nia = 0x7f00;
	atomic_store(&c->pending, PENDING_EXTERNAL);
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0x500);
	assert_int_equal(c->spr[SPR_HSRR0], 0x7f00);
	assert_int_equal(c->spr[SPR_HSRR1], MSR_KERNEL);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_HV);
	/* ... but in hypervisor state only with EE = 1 */
	assert_int_equal(cpu_check_async(c), PPC_OK);
	/* HDEC interrupts a guest even with EE = 0, needs LPCR[HDICE] */
	cpu_set_msr(c, MSR_KERNEL);
	c->nia = 0x8000;
	atomic_store(&c->pending, PENDING_HDEC);
	assert_int_equal(cpu_check_async(c), PPC_OK);
	c->spr[SPR_LPCR] |= LPCR_HDICE;
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0x980);
	assert_int_equal(c->spr[SPR_HSRR0], 0x8000);
	assert_int_equal(c->spr[SPR_HSRR1], MSR_KERNEL);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_HV);
	/* machine check: SRR0/1, HV=1, ME=0, no AIL */
	c->spr[SPR_LPCR] = 3ULL << LPCR_AIL_SHIFT;
	cpu_set_msr(c, MSR_KERNEL | MSR_IR | MSR_DR);
	c->nia = 0x8100;
	atomic_store(&c->pending, PENDING_MACHINE_CHECK);
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0x200);
	assert_int_equal(c->spr[SPR_SRR0], 0x8100);
	assert_int_equal(c->msr, MSR_SF | MSR_HV);
	/* system reset */
	cpu_set_msr(c, MSR_KERNEL);
	c->nia = 0x8200;
	atomic_store(&c->pending, PENDING_SYSTEM_RESET);
	assert_int_equal(cpu_check_async(c), PPC_EXC);
	assert_int_equal(c->nia, 0x100);
	assert_int_equal(c->spr[SPR_SRR0], 0x8200);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_HV);
}

/* One table check: every synchronous kind's vector, SRR pair and SRR0 choice. */
static void test_vector_table(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	static const struct { enum ppc_excp k; uint64_t vec; int hv; int next; } t[] = {
		{EXCP_DSI, 0x300, 0, 0}, {EXCP_DSEG, 0x380, 0, 0}, {EXCP_ISI, 0x400, 0, 0},
		{EXCP_ISEG, 0x480, 0, 0}, {EXCP_ALIGNMENT, 0x600, 0, 0}, {EXCP_PROGRAM, 0x700, 0, 0},
		{EXCP_FP_UNAVAIL, 0x800, 0, 0}, {EXCP_TRACE, 0xd00, 0, 1},
		{EXCP_HDSI, 0xe00, 1, 0}, {EXCP_HISI, 0xe20, 1, 0}, {EXCP_HEAI, 0xe40, 1, 0},
		{EXCP_HMI, 0xe60, 1, 1}, {EXCP_H_DOORBELL, 0xe80, 1, 1}, {EXCP_H_VIRT, 0xea0, 1, 1},
		{EXCP_PERF_MON, 0xf00, 0, 1}, {EXCP_VMX_UNAVAIL, 0xf20, 0, 0},
		{EXCP_VSX_UNAVAIL, 0xf40, 0, 0}, {EXCP_FAC_UNAVAIL, 0xf60, 0, 0},
		{EXCP_H_FAC_UNAVAIL, 0xf80, 1, 0}, {EXCP_DECREMENTER, 0x900, 0, 1},
		{EXCP_HV_DECREMENTER, 0x980, 1, 1}, {EXCP_DOORBELL, 0xa00, 0, 1},
		{EXCP_EXTERNAL, 0x500, 0, 1}, {EXCP_SYSCALL, 0xc00, 0, 1},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint64_t msr = MSR_KERNEL | MSR_EE | MSR_IR | MSR_DR;
		cpu_set_msr(c, msr);
		c->spr[SPR_LPCR] = 0;
		c->cia = 0x9000;
		c->nia = 0x9004;
		c->spr[SPR_SRR0] = c->spr[SPR_HSRR0] = 0;
		assert_int_equal(cpu_interrupt(c, t[i].k, 0), PPC_EXC);
		assert_int_equal(c->nia, t[i].vec);
		uint64_t srr0 = t[i].hv ? c->spr[SPR_HSRR0] : c->spr[SPR_SRR0];
		uint64_t srr1 = t[i].hv ? c->spr[SPR_HSRR1] : c->spr[SPR_SRR1];
		assert_int_equal(srr0, t[i].next ? 0x9004 : 0x9000);
		assert_int_equal(srr1, msr);
		assert_int_equal(c->msr, MSR_SF | MSR_ME | (t[i].hv ? MSR_HV : 0));
		/* with AIL = 3 from a relocated guest: non-HV kinds move, HV kinds do not */
		cpu_set_msr(c, msr);
		c->spr[SPR_LPCR] = 3ULL << LPCR_AIL_SHIFT;
		assert_int_equal(cpu_interrupt(c, t[i].k, 0), PPC_EXC);
		assert_int_equal(c->nia, t[i].hv ? t[i].vec : 0xc000000000004000ULL + t[i].vec);
	}
}

static void test_hile(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	c->spr[SPR_HID0] = 1ULL << 59; /* POWER9 HID0[HILE] */
	cpu_set_msr(c, MSR_KERNEL);
	c->cia = 0x100;
	assert_int_equal(cpu_interrupt(c, EXCP_HEAI, 0), PPC_EXC);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_HV | MSR_LE);
	/* a non-hypervisor interrupt taken in hypervisor state keeps HV and uses HILE too */
	cpu_set_msr(c, MSR_HVK & ~MSR_LE);
	c->nia = 0x200;
	assert_int_equal(cpu_interrupt(c, EXCP_DECREMENTER, 0), PPC_EXC);
	assert_int_equal(c->spr[SPR_SRR0], 0x200);
	assert_int_equal(c->msr, MSR_SF | MSR_ME | MSR_HV | MSR_LE);
}

/* ---- power saving: stop, nap (the sleeping itself is tested through vcpu_run in
 * test_papr.c; here the decisions of the instruction) ---- */
#define STOP 0x4c0002e4u
#define NAP  0x4c000364u
#define LPCR_DEE (1ULL << 13)
#define LPCR_EEE (1ULL << 14)
#define PSSCR_ESL_EC (3ULL << 20)

static void test_stop_hv_ec(void **st)
{
	struct fx *f = *st;
	struct ppc_cpu *c = f->c;
	/* EC = 1 in hypervisor state, DEC expired and LPCR[DEE]: the system reset interrupt,
	 * SRR0 = the next instruction, SRR1[42:45] = 0b0110 (decrementer), [46:47] = 0b01 */
	c->spr[SPR_PSSCR] |= PSSCR_ESL_EC;
	c->spr[SPR_LPCR] |= LPCR_DEE;
	assert_int_equal(spr_set(c, SPR_DEC, 0xffffffffULL), 0);
	assert_int_equal(exec_at(c, 0x2000, MSR_HVK | MSR_EE, STOP), PPC_EXC);
	assert_int_equal(c->nia, 0x100);
	assert_int_equal(c->spr[SPR_SRR0], 0x2004);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_MASK_INFO, 0x00190000ULL);
	assert_int_equal(c->idle, CPU_IDLE_NONE);
	assert_true(atomic_load(&c->pending) & PENDING_DEC); /* still pending */
	/* LPCR[DEE] = 0: the expired DEC does not wake the thread: it sleeps */
	c->spr[SPR_LPCR] &= ~LPCR_DEE;
	assert_int_equal(exec_at(c, 0x2000, MSR_HVK, STOP), PPC_EXIT);
	assert_int_equal(f->vcpu->run.exit_reason, KVM_EXIT_HLT);
	assert_int_equal(c->idle, CPU_IDLE_RESET);
	assert_int_equal(c->nia, 0x2004);
	/* an external exception with LPCR[EEE] then wakes it (what cpu_run does first) */
	c->spr[SPR_LPCR] |= LPCR_EEE;
	atomic_fetch_or(&c->pending, PENDING_EXTERNAL);
	assert_true(cpu_idle_wakes(c));
	assert_int_equal(cpu_idle_resume(c), PPC_EXC);
	assert_int_equal(c->nia, 0x100);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_MASK_INFO, 0x00210000ULL);
	/* EC = 0: back at the next instruction, no interrupt (MSR[EE] = 0) */
	c->spr[SPR_PSSCR] &= ~PSSCR_ESL_EC;
	assert_int_equal(exec_at(c, 0x2000, MSR_HVK, STOP), PPC_OK);
	assert_int_equal(c->nia, 0x2004);
	/* a guest (MSR[HV] = 0) never sees EC: it resumes at the next instruction */
	c->spr[SPR_PSSCR] |= PSSCR_ESL_EC;
	assert_int_equal(exec_at(c, 0x2000, MSR_KERNEL, STOP), PPC_OK);
	assert_int_equal(c->nia, 0x2004);
	/* problem state: privileged instruction */
	assert_int_equal(exec_at(c, 0x2000, MSR_USER, STOP), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_true(c->spr[SPR_SRR1] & SRR1_PROG_PRIV);
}

static void test_nap_p8(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	/* hypervisor: sleeps; a system reset wakes it with reason 0b0100 */
	assert_int_equal(exec_at(c, 0x3000, MSR_HVK, NAP), PPC_EXIT);
	atomic_fetch_or(&c->pending, PENDING_SYSTEM_RESET);
	assert_int_equal(cpu_idle_resume(c), PPC_EXC);
	assert_int_equal(c->nia, 0x100);
	assert_int_equal(c->spr[SPR_SRR0], 0x3004);
	assert_int_equal(c->spr[SPR_SRR1] & SRR1_MASK_INFO, 0x00110000ULL);
	assert_false(atomic_load(&c->pending) & PENDING_SYSTEM_RESET);
	/* guest privileged state: hypervisor emulation assistance; problem state: PRIV */
	assert_int_equal(exec_at(c, 0x3000, MSR_KERNEL, NAP), PPC_EXC);
	assert_int_equal(c->nia, 0xe40);
	assert_int_equal(exec_at(c, 0x3000, MSR_USER, NAP), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_true(c->spr[SPR_SRR1] & SRR1_PROG_PRIV);
	/* stop does not exist on POWER8 */
	assert_int_equal(exec_at(c, 0x3000, MSR_HVK, STOP), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_true(c->spr[SPR_SRR1] & SRR1_PROG_ILL);
}

static void test_nap_papr(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	/* a PAPR guest on POWER8 gets the illegal-instruction program interrupt; on POWER9
	 * nap does not exist at all */
	assert_int_equal(cpu_set_model(c, PVR_POWER8), 0);
	assert_int_equal(exec_at(c, 0x3000, MSR_KERNEL, NAP), PPC_EXC);
	assert_int_equal(c->nia, 0x700);
	assert_true(c->spr[SPR_SRR1] & SRR1_PROG_ILL);
	assert_int_equal(cpu_set_model(c, PVR_POWER9), 0);
	assert_int_equal(exec_at(c, 0x3000, MSR_KERNEL, NAP), PPC_EXC);
	assert_true(c->spr[SPR_SRR1] & SRR1_PROG_ILL);
}

static void test_trace(void **st)
{
	struct ppc_cpu *c = ((struct fx *)*st)->c;
	/* single step: after the nop, SRR0 = next, SIAR = the nop */
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL | MSR_SE, 0x60000000), PPC_EXC);
	assert_int_equal(c->nia, 0xd00);
	assert_int_equal(c->spr[SPR_SRR0], 0x1004);
	assert_int_equal(c->spr[SPR_SRR1], MSR_KERNEL | MSR_SE);
	assert_int_equal(c->spr[SPR_SIAR], 0x1000);
	assert_int_equal(c->msr, MSR_SF | MSR_ME);
	/* branch trace: a nop is not traced, a taken branch is, SRR0 = its target */
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL | MSR_BE, 0x60000000), PPC_OK);
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL | MSR_BE, 0x48000008), PPC_EXC);
	assert_int_equal(c->nia, 0xd00);
	assert_int_equal(c->spr[SPR_SRR0], 0x1008);
	/* rfid is never traced */
	c->spr[SPR_SRR0] = 0x2000;
	c->spr[SPR_SRR1] = MSR_KERNEL | MSR_SE;
	assert_int_equal(exec_at(c, 0x1000, MSR_KERNEL | MSR_SE, RFID), PPC_OK);
	assert_int_equal(c->nia, 0x2000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sc0_supervisor, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_sc0_ail3_ile, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_program_illegal_and_priv, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_hv_instructions, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_hv_instructions_papr, setup_p9_papr, teardown),
		cmocka_unit_test_setup_teardown(test_mtmsrd, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_rfid, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_papr_me, setup_p9_papr, teardown),
		cmocka_unit_test_setup_teardown(test_scv, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_scv_p8_illegal, setup_p8, teardown),
		cmocka_unit_test_setup_teardown(test_sc1_hv_machine, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_async_priority, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_async_hv, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_vector_table, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_hile, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_trace, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_stop_hv_ec, setup_p9, teardown),
		cmocka_unit_test_setup_teardown(test_nap_p8, setup_p8, teardown),
		cmocka_unit_test_setup_teardown(test_nap_papr, setup_p9_papr, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
