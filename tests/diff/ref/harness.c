/* Reference side of the differential tester: runs each case on a real (or
 * qemu-user emulated) POWER CPU and writes one result record per case.
 *
 * Build (little-endian):  powerpc64le-linux-gnu-gcc -static -O2 -mcpu=power9 \
 *                           -I tests/diff -o harness tests/diff/ref/harness.c
 * Build (big-endian):     the same with powerpc64-linux-gnu-gcc.
 * Run:                    qemu-ppc64le -cpu power9 ./harness cases.bin results.bin
 *
 * Per case the code page at DIFF_TEST_ADDR receives
 *     [prologue][test instructions][epilogue]
 * The prologue loads the whole architected state from the context block that
 * r1 points to; the epilogue stores it back and returns to C.  r1 and r13 are
 * therefore never named by generated instructions (see ../README.md).  A signal
 * raised by a test instruction is caught on an alternate stack; the register
 * state is taken from the signal context and control returns with siglongjmp. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "diffcase.h"

#if !defined(__powerpc64__)
#error "the reference harness runs on ppc64 / ppc64le only"
#endif

struct ctx {
	uint64_t saved_sp, ret;    /* 0, 8 */
	uint64_t scratch[2];       /* 16: target of the reservation-killing stdcx. */
	uint64_t vscr_in[2];       /* 32 */
	uint64_t vscr_out[2];      /* 48 */
	uint64_t save_gpr[19];     /* 64: r2, r14..r31 */
	uint64_t save_fpr[18];     /* 216: f14..f31 */
	uint64_t save_vr[12][2];   /* 360: v20..v31 */
	uint64_t save_cr, save_lr; /* 552, 560 */
	uint64_t pad;              /* 568 */
	struct diff_state in;      /* 576 */
	struct diff_state out;     /* 2160 */
};

_Static_assert(sizeof(struct diff_state) == DIFF_STATE_SIZE, "state size");
_Static_assert(offsetof(struct ctx, save_gpr) == 64, "ctx layout");
_Static_assert(offsetof(struct ctx, save_fpr) == 216, "ctx layout");
_Static_assert(offsetof(struct ctx, save_vr) == 360, "ctx layout");
_Static_assert(offsetof(struct ctx, save_cr) == 552, "ctx layout");
_Static_assert(offsetof(struct ctx, in) == 576, "ctx layout");
_Static_assert(offsetof(struct ctx, out) == 2160, "ctx layout");
_Static_assert(offsetof(struct diff_state, vsr) == 304, "state layout");

/* Position-independent blobs copied around the test instructions.  They only
 * address memory relative to r1 (the context block). */
__asm__(
	"	.text\n"
	"	.p2align 4\n"
	"	.globl diff_pro_start, diff_pro_end, diff_epi_start, diff_epi_end\n"
	"diff_pro_start:\n"
	"	lfd 0, 576+288(1)\n"
	"	mtfsf 0xff, 0, 1, 0\n"
	"	addi 3, 1, 32\n"
	"	lxvd2x 32, 0, 3\n"
	"	mtvscr 0\n"
	"	addi 3, 1, 576+304\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	lxvd2x \\n, 0, 3\n"
	"	addi 3, 3, 16\n"
	"	.endr\n"
	"	.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63\n"
	"	lxvd2x \\n, 0, 3\n"
	"	addi 3, 3, 16\n"
	"	.endr\n"
	"	ld 0, 576+272(1)\n"
	"	mtlr 0\n"
	"	ld 0, 576+280(1)\n"
	"	mtctr 0\n"
	"	ld 0, 576+264(1)\n"
	"	mtxer 0\n"
	"	ld 0, 576+256(1)\n"
	"	mtcrf 0xff, 0\n"
	"	ld 0, 576+0(1)\n"
	"	.irp n, 2,3,4,5,6,7,8,9,10,11,12,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	ld \\n, 576+8*\\n(1)\n"
	"	.endr\n"
	"diff_pro_end:\n"
	"diff_epi_start:\n"
	"	.irp n, 0,2,3,4,5,6,7,8,9,10,11,12,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	std \\n, 2160+8*\\n(1)\n"
	"	.endr\n"
	"	mfcr 0\n"
	"	std 0, 2160+256(1)\n"
	"	mfxer 0\n"
	"	std 0, 2160+264(1)\n"
	"	mflr 0\n"
	"	std 0, 2160+272(1)\n"
	"	mfctr 0\n"
	"	std 0, 2160+280(1)\n"
	"	addi 3, 1, 2160+304\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"	stxvd2x \\n, 0, 3\n"
	"	addi 3, 3, 16\n"
	"	.endr\n"
	"	.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63\n"
	"	stxvd2x \\n, 0, 3\n"
	"	addi 3, 3, 16\n"
	"	.endr\n"
	"	mffs 0\n"
	"	stfd 0, 2160+288(1)\n"
	"	mfvscr 0\n"
	"	addi 3, 1, 48\n"
	"	stxvd2x 32, 0, 3\n"
	"	addi 3, 1, 16\n"
	"	stdcx. 0, 0, 3\n"
	"	mr 3, 1\n"
	"	ld 1, 0(3)\n"
	"	ld 0, 8(3)\n"
	"	mtctr 0\n"
	"	bctr\n"
	"diff_epi_end:\n");

extern const uint32_t diff_pro_start[], diff_pro_end[], diff_epi_start[], diff_epi_end[];

static struct ctx ctx __attribute__((aligned(128)));
static sigjmp_buf jb;
static volatile sig_atomic_t in_test;
static struct diff_result *cur;
static uint32_t cur_ninsn;

/* Enter the code page with r1 = &ctx; come back through the epilogue. */
static void run_code(struct ctx *c, void *code)
{
	register struct ctx *r3 __asm__("r3") = c;
	register void *r4 __asm__("r4") = code;
	__asm__ volatile(
		"std 2, 64(3)\n"
		".irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
		"std \\n, 64+8*(\\n-13)(3)\n"
		".endr\n"
		".irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
		"stfd \\n, 216+8*(\\n-14)(3)\n"
		".endr\n"
		"addi 5, 3, 360\n"
		".irp n, 52,53,54,55,56,57,58,59,60,61,62,63\n"
		"stxvd2x \\n, 0, 5\n"
		"addi 5, 5, 16\n"
		".endr\n"
		"mfcr 0\n"
		"std 0, 552(3)\n"
		"mflr 0\n"
		"std 0, 560(3)\n"
		"std 1, 0(3)\n"
		"bcl 20, 31, 1f\n"
		"1: mflr 5\n"
		"addi 5, 5, 2f-1b\n"
		"std 5, 8(3)\n"
		"mtctr 4\n"
		"mr 1, 3\n"
		"bctr\n"
		"2:\n"
		"ld 2, 64(3)\n"
		".irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
		"ld \\n, 64+8*(\\n-13)(3)\n"
		".endr\n"
		".irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
		"lfd \\n, 216+8*(\\n-14)(3)\n"
		".endr\n"
		"addi 5, 3, 360\n"
		".irp n, 52,53,54,55,56,57,58,59,60,61,62,63\n"
		"lxvd2x \\n, 0, 5\n"
		"addi 5, 5, 16\n"
		".endr\n"
		"ld 0, 552(3)\n"
		"mtcrf 0xff, 0\n"
		"ld 0, 560(3)\n"
		"mtlr 0\n"
		: "+r"(r3), "+r"(r4)
		:
		: "r0", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "ctr", "lr", "xer",
		  "cr0", "cr1", "cr5", "cr6", "cr7", "memory",
		  "fr0", "fr1", "fr2", "fr3", "fr4", "fr5", "fr6", "fr7", "fr8", "fr9", "fr10", "fr11", "fr12",
		  "fr13", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11",
		  "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19",
		  "vs0", "vs1", "vs2", "vs3", "vs4", "vs5", "vs6", "vs7", "vs8", "vs9", "vs10",
		  "vs11", "vs12", "vs13");
}

/* FPSCR = 0, then 0 + 0: qemu-user keeps its softfloat exception flags until an FP
 * instruction clears them, and an instruction that took an enabled exception leaves them
 * set; some later helpers (xvcvsxdsp, ...) report them again, so a case would see the
 * previous case's OX/UX/XX. An fadd starts by clearing them. It can also deliver an
 * enabled exception qemu deferred in the previous case (xvcmpgtsp of a NaN with VE=1):
 * that SIGFPE belongs to no case, and the second pass is clean. */
static sigjmp_buf jb_reset;

static void reset_fp_env(void)
{
	for (int pass = 0; pass < 3; pass++) {
		if (sigsetjmp(jb_reset, 1) == 0) {
			double z = 0.0;
			in_test = 2;
			__asm__ volatile("mtfsf 0xff, %0, 1, 0\n\tfadd %0, %0, %0\n\t"
					 "mtfsf 0xff, %0, 1, 0" : "+d"(z));
			in_test = 0;
			return;
		}
		in_test = 0;
	}
}

static uint32_t classify(int sig, int code)
{
	switch (sig) {
	case SIGILL:
		return code == ILL_PRVOPC || code == ILL_PRVREG ? DIFF_EXC_PRIV : DIFF_EXC_ILLEGAL;
	case SIGTRAP:
		return DIFF_EXC_TRAP;
	case SIGFPE:
		return DIFF_EXC_FP;
	case SIGBUS:
		return DIFF_EXC_ALIGN;
	case SIGSEGV:
		return DIFF_EXC_DSI;
	default:
		return DIFF_EXC_OTHER;
	}
}

static void on_signal(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	if (in_test == 2) {
		in_test = 0;
		siglongjmp(jb_reset, 1);
	}
	if (!in_test) {
		static const char msg[] = "harness: signal outside a test\n";
		(void)!write(2, msg, sizeof msg - 1);
		_exit(3);
	}
	const mcontext_t *mc = &uc->uc_mcontext;
	struct diff_state *o = &cur->st;
	uint64_t nip = mc->gp_regs[32];
	for (int i = 0; i < 32; i++)
		o->gpr[i] = mc->gp_regs[i];
	o->ctr = mc->gp_regs[35];
	o->lr = mc->gp_regs[36];
	o->xer = mc->gp_regs[37];
	o->cr = mc->gp_regs[38];
	for (int i = 0; i < 32; i++)
		memcpy(&o->vsr[i][0], &mc->fp_regs[i], 8);
	memcpy(&o->fpscr, &mc->fp_regs[32], 8);
	cur->status = DIFF_ST_EXCEPTION;
	cur->exc = classify(sig, si->si_code);
	cur->detail = (uint32_t)sig << 16 | (uint32_t)(si->si_code & 0xffff);
	cur->valid = DIFF_VALID_GPR | DIFF_VALID_FPR | DIFF_VALID_MEM;
	if (nip >= DIFF_TEST_ADDR && nip < DIFF_TEST_ADDR + 4u * cur_ninsn) {
		cur->exc_insn = (uint32_t)(nip - DIFF_TEST_ADDR) / 4;
	} else {
		cur->status = DIFF_ST_ERROR;
		if (getenv("DIFF_DEBUG")) fprintf(stderr, "sig %d nip %llx addr %p\n", sig, (unsigned long long)nip, si->si_addr);
		cur->exc_insn = ~0u;
		cur->valid = 0;
	}
	in_test = 0;
	siglongjmp(jb, 1);
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s cases.bin results.bin\n", argv[0]);
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in)
		die(argv[1]);
	uint8_t hdr[DIFF_HEADER_SIZE];
	if (fread(hdr, 1, sizeof hdr, in) != sizeof hdr)
		die("read header");
	long count = diff_header_decode(hdr, DIFF_MAGIC_CASES, DIFF_CASE_SIZE);
	if (count < 0) {
		fprintf(stderr, "%s: not a case file\n", argv[1]);
		return 2;
	}
	FILE *out = fopen(argv[2], "wb");
	if (!out)
		die(argv[2]);
	diff_header_encode(hdr, DIFF_MAGIC_RESULTS, (uint32_t)count, DIFF_RESULT_SIZE, 0);
	if (fwrite(hdr, 1, sizeof hdr, out) != sizeof hdr)
		die("write header");

	uint8_t *page = mmap((void *)(uintptr_t)DIFF_DATA_ADDR, 0x4000,
			     PROT_READ | PROT_WRITE | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (page == MAP_FAILED || page != (uint8_t *)(uintptr_t)DIFF_DATA_ADDR)
		die("mmap code/data page");

	static uint8_t altstack[1 << 16];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
	if (sigaltstack(&ss, NULL) != 0)
		die("sigaltstack");
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	int sigs[] = { SIGILL, SIGTRAP, SIGFPE, SIGBUS, SIGSEGV };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigaction(sigs[i], &sa, NULL) != 0)
			die("sigaction");

	size_t pro_len = (size_t)((const uint8_t *)diff_pro_end - (const uint8_t *)diff_pro_start);
	size_t epi_len = (size_t)((const uint8_t *)diff_epi_end - (const uint8_t *)diff_epi_start);
	uint8_t *test = page + (DIFF_TEST_ADDR - DIFF_DATA_ADDR);
	uint8_t *entry = test - pro_len;

	static uint8_t rec[DIFF_CASE_SIZE], orec[DIFF_RESULT_SIZE];
	static struct diff_case c;
	static struct diff_result res;
	for (long n = 0; n < count; n++) {
		if (fread(rec, 1, sizeof rec, in) != sizeof rec)
			die("read case");
		diff_case_decode(&c, rec);
		memset(&res, 0, sizeof res);
		res.index = c.index;
		res.exc_insn = ~0u;

		memcpy(entry, diff_pro_start, pro_len);
		memcpy(test, c.insn, 4u * c.ninsn);
		memcpy(test + 4u * c.ninsn, diff_epi_start, epi_len);
		__builtin___clear_cache((char *)entry, (char *)(test + 4u * c.ninsn + epi_len));
		memset(page, 0, 0x1000);
		memcpy(page, c.st.mem, DIFF_DATA_SIZE);

		ctx.in = c.st;
		ctx.vscr_in[0] = 0;
		ctx.vscr_in[1] = c.st.vscr & 0xffffffffu;
		memset(&ctx.out, 0, sizeof ctx.out);
		cur = &res;
		cur_ninsn = c.ninsn;

		if (sigsetjmp(jb, 1) == 0) {
			in_test = 1;
			run_code(&ctx, entry);
			in_test = 0;
			res.st = ctx.out;
			res.st.vscr = ctx.vscr_out[1] & 0xffffffffu;
			res.status = DIFF_ST_OK;
			res.valid = DIFF_VALID_ALL;
		}
		reset_fp_env();
		/* r1 and r13 are not part of the compared state. */
		res.st.gpr[1] = 0;
		res.st.gpr[13] = 0;
		memcpy(res.st.mem, page, DIFF_DATA_SIZE);
		diff_result_encode(orec, &res);
		if (fwrite(orec, 1, sizeof orec, out) != sizeof orec)
			die("write result");
	}
	if (fclose(out) != 0)
		die("close results");
	fclose(in);
	return 0;
}
