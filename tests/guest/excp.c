/* SPDX-License-Identifier: MIT */
/*
 * Interrupt delivery seen from a bare-metal pseries guest (system call, illegal
 * instruction, decrementer, doorbell, trace, FP unavailable, scv): the program installs a stub at
 * every interrupt vector, provokes interrupts from a small code area, and checks SRR0,
 * SRR1, the MSR the interrupt entered with, and the vector (ISA 3.0B Book III 7.5).
 *
 * A pseries guest takes interrupts with MSR[LE] = LPCR[ILE], which is 0 until the OS asks
 * the hypervisor (H_SET_MODE), so the stubs are big-endian code in either build. Each
 * vector saves r3 in SPRG2, records its number in SPRG3 and branches to a common stub that
 * stores SRR0, SRR1, MSR, the vector, LR and CTR at real address 0x40..0x6f (big-endian
 * doublewords) and returns with rfid to the address and MSR the code area left in SPRG1
 * and SPRG0.
 *
 * Problem-state cases need relocation (PR forces IR/DR), so they live in the unit tests.
 *
 * The code area at 0x3000: mflr r11; mtsprg1 r11; mfmsr r11; mtsprg0 r11; <test words>;
 * blr. It is called like a function, so when the stub returns to SPRG1 (the caller's LR)
 * the C code continues after the call.
 */
#include "guest.h"

#define MSR_SF (1ULL << 63)
#define MSR_EE (1ULL << 15)
#define MSR_PR (1ULL << 14)
#define MSR_ME (1ULL << 12)
#define MSR_SE (1ULL << 10)
#define MSR_RI (1ULL << 1)
#define MSR_LE (1ULL << 0)
#define SRR1_INFO 0x783f0000ULL

#define CODE 0x3000u
#define COMMON 0x2000u
#define REC 0x40u

/* A byte of low real memory (never through a null-based pointer). */
#define LOW(a) (*(volatile uint8_t *)(uintptr_t)(a))

static void put_be32(uint32_t addr, uint32_t w)
{
	for (uint32_t i = 0; i < 4; i++)
		LOW(addr + i) = (uint8_t)(w >> (24 - 8 * i));
}

static uint64_t get_be64(uint32_t addr)
{
	uint64_t v = 0;
	for (uint32_t i = 0; i < 8; i++)
		v = (v << 8) | LOW(addr + i);
	return v;
}

static void flush_code(uint32_t addr, uint32_t len)
{
	for (uint32_t a = addr & ~127u; a < addr + len; a += 128)
		__asm__ volatile("dcbst 0,%0; sync; icbi 0,%0" : : "r"((uintptr_t)a) : "memory");
	__asm__ volatile("sync; isync" : : : "memory");
}

static uint32_t mfspr_w(unsigned rt, unsigned spr)
{
	return 0x7c0002a6u | (rt << 21) | ((spr & 0x1f) << 16) | ((spr >> 5) << 11);
}

static uint32_t mtspr_w(unsigned spr, unsigned rs)
{
	return 0x7c0003a6u | (rs << 21) | ((spr & 0x1f) << 16) | ((spr >> 5) << 11);
}

#define STD3(off) (0xf8600000u | (off)) /* std r3,off(0) */
#define RFID 0x4c000024u
#define BLR 0x4e800020u
#define NOP 0x60000000u

static void install_vector(uint32_t v)
{
	put_be32(v, mtspr_w(274, 3));                       /* mtsprg2 r3 */
	put_be32(v + 4, 0x38600000u | (v >> 4));            /* li r3,v>>4 */
	put_be32(v + 8, mtspr_w(275, 3));                   /* mtsprg3 r3 */
	put_be32(v + 12, 0x48000000u | ((COMMON - (v + 12)) & 0x03fffffcu)); /* b common */
}

static void install_stubs(void)
{
	static const uint32_t common[] = {
		0, STD3(REC + 0),  /* mfsrr0 r3 */
		0, STD3(REC + 8),  /* mfsrr1 r3 */
		0x7c6000a6u, STD3(REC + 16), /* mfmsr r3 */
		0, STD3(REC + 24), /* mfsprg3 r3 */
		0, STD3(REC + 32), /* mflr r3 */
		0, STD3(REC + 40), /* mfctr r3 */
		0, 0,              /* mfsprg1 r3; mtsrr0 r3 */
		0, 0,              /* mfsprg0 r3; mtsrr1 r3 */
		0,                 /* mfsprg2 r3 */
		RFID,
	};
	uint32_t w[sizeof(common) / sizeof(common[0])];
	for (unsigned i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		w[i] = common[i];
	w[0] = mfspr_w(3, 26);
	w[2] = mfspr_w(3, 27);
	w[6] = mfspr_w(3, 275);
	w[8] = mfspr_w(3, 8);
	w[10] = mfspr_w(3, 9);
	w[12] = mfspr_w(3, 273);
	w[13] = mtspr_w(26, 3);
	w[14] = mfspr_w(3, 272);
	w[15] = mtspr_w(27, 3);
	w[16] = mfspr_w(3, 274);
	for (unsigned i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		put_be32(COMMON + 4 * i, w[i]);
	static const uint32_t vecs[] = {0x200, 0x300, 0x380, 0x400, 0x480, 0x500, 0x600, 0x700,
					0x800, 0x900, 0x980, 0xa00, 0xc00, 0xd00, 0xe00, 0xe20,
					0xe40, 0xe60, 0xe80, 0xea0, 0xf00, 0xf20, 0xf40, 0xf60,
					0xf80, 0x17000, 0x17020};
	for (unsigned i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++)
		install_vector(vecs[i]);
	flush_code(0, 0x18000);
}

struct rec {
	uint64_t srr0, srr1, msr, vec, lr, ctr;
};

/* Run @n words in the code area (after the prologue) and return what the stub saw
 * (vec = 0 when nothing was taken). */
static struct rec run_code(const uint32_t *words, unsigned n)
{
	uint32_t *code = (uint32_t *)(uintptr_t)CODE;
	code[0] = 0x7d6802a6u;     /* mflr r11 */
	code[1] = mtspr_w(273, 11); /* mtsprg1 r11 */
	code[2] = 0x7d6000a6u;     /* mfmsr r11 */
	code[3] = mtspr_w(272, 11); /* mtsprg0 r11 */
	for (unsigned i = 0; i < n; i++)
		code[4 + i] = words[i];
	code[4 + n] = BLR;
	flush_code(CODE, 4 * (n + 5));
	for (uint32_t a = REC; a < REC + 48; a++)
		LOW(a) = 0;
	((void (*)(void))(uintptr_t)CODE)();
	struct rec r = {get_be64(REC), get_be64(REC + 8), get_be64(REC + 16),
			get_be64(REC + 24) << 4, get_be64(REC + 32), get_be64(REC + 40)};
	return r;
}

static uint64_t mfmsr(void)
{
	uint64_t m;
	__asm__ volatile("mfmsr %0" : "=r"(m));
	return m;
}

static uint32_t mfpvr(void)
{
	uint64_t v;
	__asm__ volatile("mfspr %0,287" : "=r"(v));
	return (uint32_t)v;
}

/* The MSR every interrupt of a pseries guest enters with here (ILE = 0, no AIL). */
#define ENTRY_MSR (MSR_SF | MSR_ME)

int main(void)
{
	const uint64_t msr = mfmsr();
	const int p9 = (mfpvr() >> 16) == 0x004e;
	printf_console("interrupt delivery, %s, MSR %lx\n", p9 ? "POWER9" : "POWER8", msr);
	install_stubs();

	/* sc 0: 0xc00, SRR0 = next instruction */
	static const uint32_t sc0[] = {0x44000002u};
	struct rec r = run_code(sc0, 1);
	CHECK(r.vec == 0xc00);
	CHECK(r.srr0 == CODE + 20);
	CHECK(r.srr1 == (msr & ~SRR1_INFO));
	CHECK(r.msr == ENTRY_MSR);

	/* illegal instruction: 0x700, SRR0 = the instruction, SRR1[44] */
	static const uint32_t ill[] = {0x00000000u};
	r = run_code(ill, 1);
	CHECK(r.vec == 0x700);
	CHECK(r.srr0 == CODE + 16);
	CHECK((r.srr1 & SRR1_INFO) == 0x00080000u);
	CHECK((r.srr1 & ~SRR1_INFO) == (msr & ~SRR1_INFO));
	CHECK(r.msr == ENTRY_MSR);

	/* (Problem-state cases, privileged instruction and facility unavailable, need
	 * relocation on, which needs page tables: the unit tests cover them.) */

	/* decrementer: DEC negative, then MSR[EE] = 1 -> 0x900 right after the mtmsrd */
	__asm__ volatile("mtdec %0" : : "r"(-1L));
	static const uint32_t dec[] = {0x39600000u, 0x616b8002u /* li r11,0; ori r11,r11,0x8002 */,
				       0x7d610164u /* mtmsrd r11,1 */, NOP};
	r = run_code(dec, 4);
	CHECK(r.vec == 0x900);
	CHECK(r.srr0 == CODE + 16 + 12);
	CHECK(r.srr1 & MSR_EE);
	CHECK(r.msr == ENTRY_MSR);
	__asm__ volatile("mtdec %0" : : "r"(0x7fffffffL));

	/* directed privileged doorbell to this thread, then EE -> 0xa00 */
	static const uint32_t dbell[] = {0x3d802800u /* lis r12,0x2800 (type 5) */,
					 0x7c00611cu /* msgsndp r12 */, 0x39600000u, 0x616b8002u,
					 0x7d610164u, NOP};
	r = run_code(dbell, 6);
	CHECK(r.vec == 0xa00);
	CHECK(r.srr0 == CODE + 16 + 20);

	/* single-step trace: the nop after the mtmsrd that sets SE is traced, 0xd00 */
	static const uint32_t trace[] = {0x7d8000a6u /* mfmsr r12 */, 0x618c0400u /* ori SE */,
					 0x7d800164u /* mtmsrd r12 */, NOP, NOP};
	r = run_code(trace, 5);
	CHECK(r.vec == 0xd00);
	CHECK(r.srr0 == CODE + 16 + 16);
	CHECK(r.srr1 & MSR_SE);
	CHECK(r.msr == ENTRY_MSR);

	/* FP unavailable: MSR[FP] = 0, then fmr -> 0x800 with SRR0 = the fmr */
	static const uint32_t fpu[] = {0x7d8000a6u /* mfmsr r12 */, 0x39602000u /* li r11,FP */,
				       0x7d8c5878u /* andc r12,r12,r11 */,
				       0x7d800164u /* mtmsrd r12 */, 0xfc000090u /* fmr f0,f0 */};
	r = run_code(fpu, 5);
	CHECK(r.vec == 0x800);
	CHECK(r.srr0 == CODE + 16 + 16);
	CHECK((r.srr1 & (1ULL << 13)) == 0);
	CHECK(r.msr == ENTRY_MSR);

	/* scv 0 (POWER9, FSCR[SCV] = 1): 0x17000, LR = next, CTR = MSR; illegal on POWER8 */
	uint64_t fscr;
	__asm__ volatile("mfspr %0,153" : "=r"(fscr));
	__asm__ volatile("mtspr 153,%0" : : "r"(fscr | (1ULL << 12)));
	static const uint32_t scv[] = {0x44000001u};
	r = run_code(scv, 1);
	if (p9) {
		CHECK(r.vec == 0x17000);
		CHECK(r.lr == CODE + 20);
		CHECK(r.ctr == (msr & ~SRR1_INFO));
		/* EE, RI and ME kept, LE = ILE = 0, real mode */
		CHECK(r.msr == (MSR_SF | (msr & (MSR_EE | MSR_RI | MSR_ME))));
	} else {
		CHECK(r.vec == 0x700);
		CHECK((r.srr1 & SRR1_INFO) == 0x00080000u);
	}
	__asm__ volatile("mtspr 153,%0" : : "r"(fscr));

	/* every interrupt returned to the caller's MSR */
	CHECK(mfmsr() == msr);

	printf_console("%s; powering off\n", guest_failures ? "self-check FAILED" : "all checks passed");
	return 0;
}
