/* SPDX-License-Identifier: MIT */
/* Radix MMU (ISA 3.0B Book III 5.7.10): trees built in guest RAM, every leaf size, EAA
 * permissions, AMR/IAMR key 0, R/C, segment faults, tlbie/tlbiel scopes, process-table
 * registration (H_REGISTER_PROC_TBL, configure_mmu) and get_rmmu_info. */
#include <pthread.h>

#include "mmu_fixture.h"
#include "smp_fixture.h"

#define PDE_V (1ULL << 63)
#define PDE_L (1ULL << 62)
#define PTE_R 0x100ULL
#define PTE_C 0x080ULL
#define EAA_P 0x8ULL
#define EAA_R 0x4ULL
#define EAA_RW 0x2ULL
#define EAA_X 0x1ULL
#define KERN 0xc000000000000000ULL

static void wr(struct fx *f, uint64_t real, uint64_t v)
{
	put_be64(f->ram + real, v);
}

static uint64_t rd(struct fx *f, uint64_t real)
{
	return get_be64(f->ram + real);
}

/* RTS = 21 (52-bit EA): RTS1 = 2 in bits 1:2, RTS2 = 5 in bits 56:58. */
#define RTS52 ((2ULL << 61) | (5ULL << 5))

static int setup(void **state)
{
	fx_setup(state);
	struct fx *f = *state;
	/* process table at 0x10000 (PRTS 0: 4 KiB) */
	wr(f, 0x10000, RTS52 | 0x20000 | 13);        /* PID 0: 4K geometry 13/9/9/9 */
	wr(f, 0x10010, RTS52 | 0x40000 | 13);        /* PID 1: 64K geometry 13/9/9/5 */
	wr(f, 0x20000, PDE_V | 0x30000 | 9);
	wr(f, 0x30000, PDE_V | 0x31000 | 9);
	wr(f, 0x31000, PDE_V | 0x32000 | 9);
	wr(f, 0x32000 + 1 * 8, PDE_V | PDE_L | 0x100000 | EAA_P | EAA_RW | EAA_R | EAA_X);
	wr(f, 0x31000 + 1 * 8, PDE_V | PDE_L | 0x200000 | EAA_P | EAA_RW | EAA_R);  /* 2M */
	wr(f, 0x30000 + 1 * 8, PDE_V | PDE_L | 0x0 | EAA_P | EAA_R);                /* 1G */
	wr(f, 0x40000, PDE_V | 0x50000 | 9);
	wr(f, 0x50000, PDE_V | 0x51000 | 9);
	wr(f, 0x51000, PDE_V | 0x52000 | 5);
	wr(f, 0x52000 + 1 * 8, PDE_V | PDE_L | 0x360000 | EAA_RW | EAA_R | EAA_X);  /* 64K user */
	f->vm->mach.process_table = (1ULL << 63) | 0x10000 | 0;
	f->vm->mach.radix = true;
	f->vm->mach.gtse = true;
	cpu_set_msr(f->c, MSR_SF | MSR_IR | MSR_DR | MSR_ME);
	mem_flush_tlb(f->c);
	return 0;
}

static void reset(struct fx *f, uint64_t msr)
{
	f->c->cia = 0x700000;
	cpu_set_msr(f->c, msr | MSR_SF | MSR_IR | MSR_DR | MSR_ME);
}

static void expect_dsi(struct fx *f, int st, uint64_t ea, uint64_t dsisr)
{
	assert_int_equal(st, PPC_EXC);
	assert_int_equal(f->c->nia, 0x300);
	assert_int_equal(f->c->spr[19], ea);
	assert_int_equal(f->c->spr[18], dsisr);
	assert_int_equal(f->c->spr[26], 0x700000);
}

static void test_4k_hit_and_rc(void **state)
{
	struct fx *f = *state;
	f->ram[0x100abc] = 0x42;
	uint64_t val;
	assert_int_equal(mem_load(f->c, KERN | 0x1abc, 1, &val), PPC_OK);
	assert_int_equal(val, 0x42);
	assert_int_equal(rd(f, 0x32008) & (PTE_R | PTE_C), PTE_R);
	assert_int_equal(mem_store(f->c, KERN | 0x1ffc, 4, 0xcafef00d), PPC_OK);
	assert_int_equal(f->ram[0x100ffc], 0xca);
	assert_int_equal(rd(f, 0x32008) & (PTE_R | PTE_C), PTE_R | PTE_C);
}

static void test_large_pages(void **state)
{
	struct fx *f = *state;
	uint64_t val;
	f->ram[0x2abcde] = 0x21;
	assert_int_equal(mem_load(f->c, KERN | 0x2abcde, 1, &val), PPC_OK); /* 2M: 0x200000.. */
	assert_int_equal(val, 0x21);
	f->ram[0x654321] = 0x30;
	assert_int_equal(mem_load(f->c, KERN | 0x40654321ULL, 1, &val), PPC_OK); /* 1G at 0 */
	assert_int_equal(val, 0x30);
	/* 64K leaf of PID 1, quadrant 0 */
	f->c->spr[48] = 1;
	mem_flush_tlb(f->c);
	f->ram[0x36fedc] = 0x64;
	assert_int_equal(mem_load(f->c, 0x1fedc, 1, &val), PPC_OK);
	assert_int_equal(val, 0x64);
	/* PID 0 quadrant 0 uses the PID 0 tree: 0x1fedc is not mapped there (L4[31]) */
	f->c->spr[48] = 0;
	mem_flush_tlb(f->c);
	expect_dsi(f, mem_load(f->c, 0x1fedc, 1, &val), 0x1fedc, DSISR_NOPTE);
}

static void test_faults(void **state)
{
	struct fx *f = *state;
	uint64_t val;
	/* not mapped */
	expect_dsi(f, mem_load(f->c, KERN | 0x5000, 8, &val), KERN | 0x5000, DSISR_NOPTE);
	reset(f, 0);
	expect_dsi(f, mem_store(f->c, KERN | 0x5000, 8, 0), KERN | 0x5000,
		   DSISR_NOPTE | DSISR_STORE);
	/* store to the read-only 1G page */
	reset(f, 0);
	expect_dsi(f, mem_store(f->c, KERN | 0x40000000ULL, 1, 0), KERN | 0x40000000ULL,
		   DSISR_PROT | DSISR_STORE);
	/* problem state on a privileged page */
	reset(f, MSR_PR);
	expect_dsi(f, mem_load(f->c, KERN | 0x1000, 1, &val), KERN | 0x1000, DSISR_PROT);
	/* EA beyond the 52-bit tree: data segment interrupt; quadrant 1 likewise */
	reset(f, 0);
	assert_int_equal(mem_load(f->c, KERN | (1ULL << 52), 1, &val), PPC_EXC);
	assert_int_equal(f->c->nia, 0x380);
	assert_int_equal(f->c->spr[19], KERN | (1ULL << 52));
	reset(f, 0);
	assert_int_equal(mem_load(f->c, 0x4000000000001000ULL, 1, &val), PPC_EXC);
	assert_int_equal(f->c->nia, 0x380);
	/* fetch from the 2M page without X: ISI protection */
	reset(f, 0);
	const uint8_t *h;
	uint64_t r;
	assert_int_equal(mem_fetch_page(f->c, KERN | 0x201000, &h, &r), PPC_EXC);
	assert_int_equal(f->c->nia, 0x400);
	assert_int_equal(f->c->spr[26], KERN | 0x201000);
	assert_int_equal(f->c->spr[27] & 0x783f0000ULL, SRR1_ISI_PROT);
	reset(f, 0);
	assert_int_equal(mem_fetch_page(f->c, KERN | 0x1000, &h, &r), PPC_OK);
	assert_ptr_equal(h, f->ram + 0x100000);
	/* a directory entry pointing outside RAM's tree: V clear at L3 -> no translation */
	wr(f, 0x31000 + 2 * 8, 0);
	reset(f, 0);
	expect_dsi(f, mem_load(f->c, KERN | 0x400000, 1, &val), KERN | 0x400000, DSISR_NOPTE);
}

static void test_amr_iamr_key0(void **state)
{
	struct fx *f = *state;
	uint64_t val;
	f->c->spr[48] = 1; /* user page of PID 1 at EA 0x10000 */
	mem_flush_tlb(f->c);
	f->c->spr[29] = 1ULL << 63; /* AMR bit 0: key 0 stores prohibited */
	assert_int_equal(mem_load(f->c, 0x10000, 1, &val), PPC_OK);
	expect_dsi(f, mem_store(f->c, 0x10000, 1, 0), 0x10000, DSISR_KEY | DSISR_STORE);
	/* problem state is not subject to it */
	reset(f, MSR_PR);
	assert_int_equal(mem_store(f->c, 0x10000, 1, 0), PPC_OK);
	/* IAMR bit 1: privileged fetch from a non-privileged page */
	reset(f, 0);
	f->c->spr[61] = 1ULL << 62;
	const uint8_t *h;
	uint64_t r;
	assert_int_equal(mem_fetch_page(f->c, 0x10000, &h, &r), PPC_EXC);
	assert_int_equal(f->c->spr[27] & 0x783f0000ULL, SRR1_ISI_KEY);
}

static void test_tlbie_scopes(void **state)
{
	struct fx *f = *state;
	uint64_t val;
	f->ram[0x100000] = 1;
	f->ram[0x180000] = 2;
	f->ram[0x202000] = 3;
	assert_int_equal(mem_load(f->c, KERN | 0x1000, 1, &val), PPC_OK);
	assert_int_equal(val, 1);
	assert_int_equal(mem_load(f->c, KERN | 0x202000, 1, &val), PPC_OK);
	/* remap 4K page to 0x180000 in memory: the TLB still has the old translation */
	wr(f, 0x32008, PDE_V | PDE_L | 0x180000 | EAA_P | EAA_RW | EAA_R | PTE_R | PTE_C);
	wr(f, 0x31008, PDE_V | PDE_L | 0x400000 | EAA_P | EAA_RW | EAA_R | PTE_R);
	assert_int_equal(mem_load(f->c, KERN | 0x1000, 1, &val), PPC_OK);
	assert_int_equal(val, 1);
	/* tlbiel IS=0 for another page: no effect on this one */
	f->c->gpr[4] = KERN | 0x7000;
	f->c->gpr[5] = 0;
	assert_int_equal(exec1(f, 0x7ca32224 /* tlbiel r4,r5,0,1,1 */), PPC_OK);
	assert_int_equal(mem_load(f->c, KERN | 0x1000, 1, &val), PPC_OK);
	assert_int_equal(val, 1);
	/* IS=0 for this page: the new translation is used; the 2M page is still cached */
	f->c->gpr[4] = KERN | 0x1000;
	assert_int_equal(exec1(f, 0x7ca32224), PPC_OK);
	assert_int_equal(mem_load(f->c, KERN | 0x1000, 1, &val), PPC_OK);
	assert_int_equal(val, 2);
	assert_int_equal(mem_load(f->c, KERN | 0x202000, 1, &val), PPC_OK);
	assert_int_equal(val, 3);
	/* IS=0 with AP=1 (2M) at the 2M page's EPN drops all of it */
	f->c->gpr[4] = KERN | 0x200000 | (1 << 5);
	assert_int_equal(exec1(f, 0x7ca32224), PPC_OK);
	f->ram[0x402000] = 4;
	assert_int_equal(mem_load(f->c, KERN | 0x202000, 1, &val), PPC_OK);
	assert_int_equal(val, 4);
	/* tlbiel is local: vcpu 1 gets no request; global tlbie sends vcpu 1 what it names
	 * (IS=1: PID 0), not a whole flush */
	atomic_store(&f->v1->cpu.attention, 0);
	assert_int_equal(exec1(f, 0x7ca32224), PPC_OK);
	assert_int_equal(atomic_load(&f->v1->cpu.attention) & ATTN_TLB_REMOTE, 0);
	f->c->gpr[4] = 1 << 10; /* IS=1: by PID */
	assert_int_equal(exec1(f, 0x7ca32264 /* tlbie r4,r5,0,1,1 */), PPC_OK);
	assert_int_equal(atomic_load(&f->v1->cpu.attention) & ATTN_TLB_REMOTE, ATTN_TLB_INVAL);
	assert_int_equal(f->v1->cpu.inval_q.n, 1);
	assert_false(f->v1->cpu.inval_q.all);
	assert_int_equal(f->v1->cpu.inval_q.e[0].kind, TLBI_RADIX_PID);
	assert_int_equal(f->v1->cpu.inval_q.e[0].pid, 0);
	assert_int_equal(atomic_load(&f->c->attention) & ATTN_TLB_REMOTE, 0);
	assert_int_equal(exec1(f, 0x7c00046c /* tlbsync */), PPC_OK);
	/* tlbie is illegal for a PAPR guest without GTSE */
	f->vm->mach.gtse = false;
	reset(f, 0);
	assert_int_equal(exec1(f, 0x7ca32264), PPC_EXC);
	assert_int_equal(f->c->nia, 0x700);
}

static void test_register_proc_tbl(void **state)
{
	struct fx *f = *state;
	struct ppc_machine *m = &f->vm->mach;
	m->radix = false;
	m->process_table = 0;
	cpu_set_msr(f->c, MSR_SF | MSR_ME);
	assert_int_equal(hcall(f, H_REGISTER_PROC_TBL, PROC_TABLE_NEW | PROC_TABLE_RADIX |
			       PROC_TABLE_GTSE, 0x10000, 0, 25), H_PARAMETER);
	assert_int_equal(hcall(f, H_REGISTER_PROC_TBL, PROC_TABLE_NEW | PROC_TABLE_HPT_PT,
			       0x10000, 0, 0), H_PARAMETER);
	assert_int_equal(hcall(f, H_REGISTER_PROC_TBL, PROC_TABLE_NEW | PROC_TABLE_RADIX |
			       PROC_TABLE_GTSE, 0x10000, 0, 0), H_SUCCESS);
	assert_true(m->radix);
	assert_true(m->gtse);
	assert_int_equal(m->process_table, (1ULL << 63) | 0x10000);
	reset(f, 0);
	f->ram[0x100123] = 9;
	uint64_t val;
	assert_int_equal(mem_load(f->c, KERN | 0x1123, 1, &val), PPC_OK);
	assert_int_equal(val, 9);
	assert_int_equal(hcall(f, H_REGISTER_PROC_TBL, PROC_TABLE_DEREG, 0, 0, 0), H_SUCCESS);
	assert_false(m->radix);
}

static void test_configure_mmu_and_rmmu_info(void **state)
{
	struct fx *f = *state;
	const struct kvmppc_ops *ops = f->vm->ops;
	struct kvm_ppc_mmuv3_cfg cfg = {.flags = KVM_PPC_MMUV3_RADIX, .process_table = 0x10000};
	assert_int_equal(ops->configure_mmu(f->vm, &cfg), -EINVAL); /* GR disagrees */
	cfg.process_table |= 1ULL << 63 | 25;
	assert_int_equal(ops->configure_mmu(f->vm, &cfg), -EINVAL); /* PRTS > 24 */
	cfg.flags = 8;
	cfg.process_table = 0;
	assert_int_equal(ops->configure_mmu(f->vm, &cfg), -EINVAL); /* unknown flag */
	cfg.flags = 0;
	assert_int_equal(ops->configure_mmu(f->vm, &cfg), 0);
	assert_false(f->vm->mach.radix);
	cfg.flags = KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE;
	cfg.process_table = (1ULL << 63) | 0x10000;
	assert_int_equal(ops->configure_mmu(f->vm, &cfg), 0);
	assert_true(f->vm->mach.radix && f->vm->mach.gtse);
	struct kvm_ppc_rmmu_info ri;
	assert_int_equal(ops->get_rmmu_info(f->vm, &ri), 0);
	assert_int_equal(ri.geometries[0].page_shift, 12);
	assert_int_equal(ri.geometries[1].page_shift, 16);
	assert_int_equal(ri.geometries[1].level_bits[0], 5);
	assert_int_equal(ri.geometries[1].level_bits[3], 13);
	assert_int_equal(ri.ap_encodings[0], 0x0000000c);
	assert_int_equal(ri.ap_encodings[1], 0xa0000010);
	assert_int_equal(ri.ap_encodings[2], 0x20000015);
	assert_int_equal(ri.ap_encodings[3], 0x4000001e);
	struct kvm_ppc_smmu_info si;
	assert_int_equal(ops->get_smmu_info(f->vm, &si), 0);
	assert_int_equal(si.slb_size, 32);
	assert_int_equal(si.flags, KVM_PPC_1T_SEGMENTS);
	assert_int_equal(si.sps[1].page_shift, 16);
	assert_int_equal(si.sps[1].slb_enc, 0x110);
	assert_int_equal(si.sps[1].enc[0].pte_enc, 1);
	assert_int_equal(si.sps[2].slb_enc, 0x100);
	assert_int_equal(si.sps[3].page_shift, 0);
}

static void *run_vcpu(void *arg)
{
	return (void *)(intptr_t)kvmppc_run(arg);
}

/* HV's step 6: switching radix <-> hash while a vcpu is inside KVM_RUN is -EBUSY; a new
 * process table in the same mode is not a switch; once the vcpu is out it works. */
static void test_configure_mmu_busy(void **state)
{
	struct fx *f = *state;
	const struct kvmppc_ops *ops = f->vm->ops;
	put_be64(f->ram + 0x1000, 0x48000000ULL << 32); /* b . (big-endian word at 0x1000) */
	struct kvm_regs regs;
	assert_int_equal(kvmppc_get_regs(f->v1, &regs), 0);
	regs.pc = 0x1000;
	regs.msr = MSR_SF;
	assert_int_equal(kvmppc_set_regs(f->v1, &regs), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, run_vcpu, f->v1), 0);
	while (!atomic_load(&f->vm->vcpus_running))
		sched_yield();
	struct kvm_ppc_mmuv3_cfg hash = {.flags = 0, .process_table = 0};
	assert_int_equal(ops->configure_mmu(f->vm, &hash), -EBUSY);
	assert_true(f->vm->mach.radix);
	/* validation comes first: -EINVAL, not -EBUSY */
	struct kvm_ppc_mmuv3_cfg bad = {.flags = 0, .process_table = 25};
	assert_int_equal(ops->configure_mmu(f->vm, &bad), -EINVAL);
	struct kvm_ppc_mmuv3_cfg same = {.flags = KVM_PPC_MMUV3_RADIX | KVM_PPC_MMUV3_GTSE,
					 .process_table = (1ULL << 63) | 0x10000 | 1};
	assert_int_equal(ops->configure_mmu(f->vm, &same), 0);
	assert_int_equal(f->vm->mach.process_table, (1ULL << 63) | 0x10000 | 1);
	kvmppc_kick(f->v1);
	void *r;
	pthread_join(t, &r);
	assert_int_equal((intptr_t)r, -EINTR);
	assert_int_equal(atomic_load(&f->vm->vcpus_running), 0);
	assert_int_equal(ops->configure_mmu(f->vm, &hash), 0);
	assert_false(f->vm->mach.radix);
}

static void test_load_store_eaddr(void **state)
{
	struct fx *f = *state;
	const struct kvmppc_ops *ops = f->vm->ops;
	uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	kvm_ulong ea = KERN | 0x1ffc; /* 4 bytes in the 4K page, 4 in the next (unmapped) */
	assert_int_equal(ops->store_to_eaddr(f->v, &ea, buf, 8), -ENOENT);
	ea = KERN | 0x1ff8;
	assert_int_equal(ops->store_to_eaddr(f->v, &ea, buf, 8), 0);
	assert_int_equal(ea, 0x100ff8);
	assert_memory_equal(f->ram + 0x100ff8, buf, 8);
	uint8_t out[8];
	ea = KERN | 0x1ff8;
	assert_int_equal(ops->load_from_eaddr(f->v, &ea, out, 8), 0);
	assert_memory_equal(out, buf, 8);
	ea = KERN | 0x40000000ULL; /* read-only page */
	assert_int_equal(ops->store_to_eaddr(f->v, &ea, buf, 1), -EPERM);
	ea = KERN | (1ULL << 52);
	assert_int_equal(ops->load_from_eaddr(f->v, &ea, out, 1), -EINVAL);
	assert_int_equal(f->c->nia, 0x700004); /* no interrupt was delivered */
}

/* A hypervisor-mode guest with LPCR[HR] = 1: process table from partition table entry 0. */
static void test_hv_radix(void **state)
{
	struct fx *f = *state;
	struct ppc_cpu *c = &f->v1->cpu;
	c->papr = false;
	c->spr[318] = 1ULL << 28;              /* LPCR[HR] */
	c->spr[464] = 0x8000;                  /* PTCR: partition table at 0x8000, 4 KiB */
	put_be64(f->ram + 0x8008, (1ULL << 63) | 0x10000); /* PATE 0 dw1: PRTB, PRTS 0 */
	f->vm->mach.radix = false;             /* the PAPR setting does not apply */
	cpu_set_msr(c, MSR_SF | MSR_HV | MSR_DR | MSR_ME);
	mem_flush_tlb(c);
	f->ram[0x100abc] = 0x5e;
	uint64_t val;
	assert_int_equal(mem_load(c, KERN | 0x1abc, 1, &val), PPC_OK);
	assert_int_equal(val, 0x5e);
}

/* ---- remote invalidation (ISA 3.0 Book III 5.10.1): a global tlbie drops on the other
 * vcpu what it names, judged by that vcpu's own PIDR, and nothing else ---- */

static struct ppc_cpu *other(struct fx *f)
{
	struct ppc_cpu *c1 = &f->v1->cpu;
	c1->cia = 0x700000;
	cpu_set_msr(c1, MSR_SF | MSR_IR | MSR_DR | MSR_ME);
	return c1;
}

static uint64_t load1(struct ppc_cpu *c, uint64_t ea)
{
	uint64_t val = 0;
	assert_int_equal(mem_load(c, ea, 1, &val), PPC_OK);
	return val;
}

/* vcpu 1 takes its requests where its run loop would (check_requests). */
static void apply_requests(struct fx *f)
{
	assert_int_equal(f->vm->ops->check_requests(f->v1), 1);
	assert_int_equal(atomic_load(&f->v1->cpu.attention) & ATTN_TLB_REMOTE, 0);
}

static void test_remote_tlbie_precise(void **state)
{
	struct fx *f = *state;
	struct ppc_cpu *c1 = other(f);
	mem_flush_tlb(c1);
	f->ram[0x100000] = 1;
	f->ram[0x180000] = 2;
	f->ram[0x202000] = 3;
	f->ram[0x402000] = 4;
	assert_int_equal(load1(c1, KERN | 0x1000), 1);
	assert_int_equal(load1(c1, KERN | 0x202000), 3);
	/* both pages move; only a re-walk can see it */
	wr(f, 0x32008, PDE_V | PDE_L | 0x180000 | EAA_P | EAA_RW | EAA_R | PTE_R | PTE_C);
	wr(f, 0x31008, PDE_V | PDE_L | 0x400000 | EAA_P | EAA_RW | EAA_R | PTE_R);
	/* vcpu 0: tlbie IS=0 of the 4K page, PID 0 (quadrant 3) */
	f->c->gpr[4] = KERN | 0x1000;
	f->c->gpr[5] = 0;
	assert_int_equal(exec1(f, 0x7ca32264 /* tlbie r4,r5,0,1,1 */), PPC_OK);
	assert_int_equal(c1->inval_q.n, 1);
	assert_int_equal(c1->inval_q.e[0].kind, TLBI_RADIX_PAGE);
	assert_int_equal(exec1(f, 0x7c00046c /* tlbsync */), PPC_OK);
	apply_requests(f);
	assert_int_equal(atomic_load(&c1->inval_ack), atomic_load(&f->vm->mach.inval_gen));
	assert_int_equal(load1(c1, KERN | 0x1000), 2);   /* re-walked */
	assert_int_equal(load1(c1, KERN | 0x202000), 3); /* still the cached translation */

	/* The receiver's PIDR decides: vcpu 1 runs PID 1, vcpu 0 PID 0. A tlbie of PID 1's
	 * 64K page at EA 0x10000 names nothing vcpu 0 caches and vcpu 1's page. */
	c1->spr[48] = 1;
	mem_flush_tlb(c1);
	f->ram[0x360000] = 0x36;
	f->ram[0x370000] = 0x37;
	assert_int_equal(load1(c1, 0x10000), 0x36);
	assert_int_equal(load1(c1, KERN | 0x202000), 4);
	wr(f, 0x52008, PDE_V | PDE_L | 0x370000 | EAA_RW | EAA_R | EAA_X);
	f->c->gpr[4] = 0x10000 | (5 << 5); /* AP = 5: 64K */
	f->c->gpr[5] = 7ULL << 32;         /* PID 7: not vcpu 1's */
	assert_int_equal(exec1(f, 0x7ca32264), PPC_OK);
	f->c->gpr[4] = 1 << 10; /* IS = 1: every page of PID 7 */
	assert_int_equal(exec1(f, 0x7ca32264), PPC_OK);
	apply_requests(f);
	assert_int_equal(load1(c1, 0x10000), 0x36);
	f->c->gpr[4] = 0x10000 | (5 << 5);
	f->c->gpr[5] = 1ULL << 32; /* PID 1 */
	assert_int_equal(exec1(f, 0x7ca32264), PPC_OK);
	apply_requests(f);
	assert_int_equal(load1(c1, 0x10000), 0x37);
	wr(f, 0x52008, PDE_V | PDE_L | 0x360000 | EAA_RW | EAA_R | EAA_X);
	f->c->gpr[4] = 1 << 10; /* IS = 1, PID 1: quadrant 0 of vcpu 1, not quadrant 3 */
	assert_int_equal(exec1(f, 0x7ca32264), PPC_OK);
	wr(f, 0x31008, PDE_V | PDE_L | 0x200000 | EAA_P | EAA_RW | EAA_R | PTE_R);
	apply_requests(f);
	assert_int_equal(load1(c1, 0x10000), 0x36);
	assert_int_equal(load1(c1, KERN | 0x202000), 4);
	/* tlbiel stays local: vcpu 1 is sent nothing */
	assert_int_equal(exec1(f, 0x7ca32224 /* tlbiel r4,r5,0,1,1 */), PPC_OK);
	assert_int_equal(atomic_load(&c1->attention) & ATTN_TLB_REMOTE, 0);
	assert_int_equal(c1->inval_q.n, 0);
}

/* More invalidations than the queue holds before vcpu 1 takes them: a whole flush. */
static void test_remote_queue_overflow(void **state)
{
	struct fx *f = *state;
	struct ppc_cpu *c1 = other(f);
	mem_flush_tlb(c1);
	f->ram[0x100000] = 1;
	f->ram[0x180000] = 2;
	assert_int_equal(load1(c1, KERN | 0x1000), 1);
	wr(f, 0x32008, PDE_V | PDE_L | 0x180000 | EAA_P | EAA_RW | EAA_R | PTE_R | PTE_C);
	f->c->gpr[5] = 0;
	for (unsigned i = 0; i < PPC_TLBI_QUEUE; i++) {
		f->c->gpr[4] = KERN | (0x100000 + 0x1000ULL * i); /* pages vcpu 1 does not use */
		assert_int_equal(exec1(f, 0x7ca32264), PPC_OK);
	}
	assert_int_equal(c1->inval_q.n, PPC_TLBI_QUEUE);
	assert_false(c1->inval_q.all);
	apply_requests(f);
	assert_int_equal(load1(c1, KERN | 0x1000), 1); /* none of them named it */
	for (unsigned i = 0; i <= PPC_TLBI_QUEUE; i++) {
		f->c->gpr[4] = KERN | (0x100000 + 0x1000ULL * i);
		assert_int_equal(exec1(f, 0x7ca32264), PPC_OK);
	}
	assert_true(c1->inval_q.all);
	apply_requests(f);
	assert_int_equal(c1->inval_q.n, 0);
	assert_false(c1->inval_q.all);
	assert_int_equal(load1(c1, KERN | 0x1000), 2); /* the whole TLB went */
}

/* Big-endian instruction words at real address @addr. */
static void put_code(struct fx *f, uint64_t addr, const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int b = 0; b < 4; b++)
			f->ram[addr + 4 * i + (size_t)b] = (uint8_t)(w[i] >> (24 - 8 * b));
}

/* Two vcpus on two host threads. vcpu 0 remaps EA KERN|0x2000 round-robin to four real
 * pages, each first written with the iteration number i, then tlbie + tlbsync, then
 * publishes i; vcpu 1 reads the published number, then the page: a value below it can
 * only come from a translation tlbsync should have removed. vcpu 0 starts once vcpu 1
 * runs (a vcpu outside cpu_run is not waited for). Values, not timings. */
static void test_remote_stress(void **state)
{
	struct fx *f = *state;
	enum { ITER = 2000 };
	static const uint32_t remapper[] = {
		0x7d74e02e, /* wait: lwzx   r11,r20,r28   (until the reader runs) */
		0x2c0b0000, /*       cmpwi  r11,0 */
		0x4182fff8, /*       beq    wait */
		0x70890003, /* loop: andi.  r9,r4,3 */
		0x792964e4, /*       sldi   r9,r9,12 */
		0x7d29c214, /*       add    r9,r9,r24     (0x60000 + 4K * (i % 4)) */
		0x7c94492e, /*       stwx   r4,r20,r9     (the page holds i) */
		0x7c0004ac, /*       sync */
		0x7eaa4b78, /*       or     r10,r21,r9 */
		0x7d54d12a, /*       stdx   r10,r20,r26   (the PTE of KERN|0x2000) */
		0x7c4004ac, /*       ptesync */
		0x7ee3b264, /*       tlbie  r22,r23,0,1,1 */
		0x7c0006ac, /*       eieio */
		0x7c00046c, /*       tlbsync */
		0x7c4004ac, /*       ptesync */
		0x7c94c92e, /*       stwx   r4,r20,r25    (publish i) */
		0x38840001, /*       addi   r4,r4,1 */
		0x4200ffc8, /*       bdnz   loop */
		0x38600077, /*       li     r3,0x77 */
		0x44000022, /*       sc     1 */
	};
	static const uint32_t reader[] = {
		0x39600001, /*       li     r11,1 */
		0x7d74e12e, /*       stwx   r11,r20,r28   (running) */
		0x7cb4c82e, /* loop: lwzx   r5,r20,r25    (published) */
		0x7c0004ac, /*       sync */
		0x80d60000, /*       lwz    r6,0(r22)     (through the translation) */
		0x7c062840, /*       cmplw  r6,r5 */
		0x41800014, /*       blt    bad */
		0x7c05d840, /*       cmplw  r5,r27 */
		0x4180ffe8, /*       blt    loop */
		0x38600077, /*       li     r3,0x77 */
		0x44000022, /*       sc     1 */
		0x38600bad, /* bad:  li     r3,0xbad */
		0x44000022, /*       sc     1 */
	};
	put_code(f, 0x4000, remapper, sizeof(remapper) / 4);
	put_code(f, 0x5000, reader, sizeof(reader) / 4);
	/* 1G page at KERN|0x80000000 -> real 0, writable: both reach the tables and pages */
	wr(f, 0x30000 + 2 * 8, PDE_V | PDE_L | 0 | EAA_P | EAA_RW | EAA_R | PTE_R | PTE_C);
	const uint64_t pte = PDE_V | PDE_L | EAA_P | EAA_RW | EAA_R | PTE_R | PTE_C;
	wr(f, 0x32010, pte | 0x60000); /* KERN|0x2000 -> page 0, which holds 0 */
	memset(f->ram + 0x60000, 0, 0x4000);
	memset(f->ram + 0x70000, 0, 12);
	struct kvm_vcpu *vs[2] = {f->v, f->v1};
	for (int i = 0; i < 2; i++) {
		struct kvm_regs regs;
		assert_int_equal(kvmppc_get_regs(vs[i], &regs), 0);
		regs.pc = i ? 0x5000 : 0x4000;
		regs.msr = MSR_SF | MSR_DR | MSR_ME; /* fetch untranslated, data through radix */
		regs.ctr = ITER;
		regs.gpr[4] = 1;
		regs.gpr[20] = KERN | 0x80000000ULL;
		regs.gpr[21] = pte;
		regs.gpr[22] = KERN | 0x2000;
		regs.gpr[23] = 0;
		regs.gpr[24] = 0x60000;
		regs.gpr[25] = 0x70000;
		regs.gpr[26] = 0x32010;
		regs.gpr[27] = ITER;
		regs.gpr[28] = 0x70008;
		assert_int_equal(kvmppc_set_regs(vs[i], &regs), 0);
	}
	test_run_concurrently(vs, 2, 0x77);
	assert_int_equal(f->v->cpu.gpr[4], ITER + 1);
	assert_true(f->v1->cpu.gpr[6] >= ITER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_4k_hit_and_rc, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_large_pages, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_faults, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_amr_iamr_key0, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tlbie_scopes, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_register_proc_tbl, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_configure_mmu_and_rmmu_info, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_configure_mmu_busy, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_load_store_eaddr, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_hv_radix, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_remote_tlbie_precise, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_remote_queue_overflow, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_remote_stress, setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
