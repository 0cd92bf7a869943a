/* Case and result records of the differential tester (tests/diff/README.md).
 *
 * Shared by the reference harness (ppc64le / ppc64 Linux, run under qemu-user)
 * and the library runner (host).  On disk every integer is little-endian; the
 * in-memory structs below are in host order and are converted by the
 * diff_*_decode/encode helpers, so both programs work on any host endianness. */
#ifndef KVMPPC_DIFFCASE_H
#define KVMPPC_DIFFCASE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define DIFF_DATA_ADDR 0x01000000u   /* 256-byte data buffer */
#define DIFF_DATA_SIZE 256u
#define DIFF_TEST_ADDR 0x01002000u   /* first test instruction */
#define DIFF_MAX_INSN 8
#define DIFF_MAX_MN 4
#define DIFF_MN_LEN 16

#define DIFF_MAGIC_CASES "KVPDCAS1"
#define DIFF_MAGIC_RESULTS "KVPDRES1"
#define DIFF_VERSION 1u
#define DIFF_HEADER_SIZE 64u

/* Architected state.  vsr[i][0] is doubleword 0 (bits 0:63, the FPR for i < 32),
 * vsr[i][1] doubleword 1; vsr[32 + n] is VR n.  fpscr is the 64-bit FPSCR,
 * vscr uses its low 32 bits, cr its low 32 bits. */
struct diff_state {
	uint64_t gpr[32];
	uint64_t cr, xer, lr, ctr, fpscr, vscr;
	uint64_t vsr[64][2];
	uint8_t mem[DIFF_DATA_SIZE];
};
#define DIFF_STATE_SIZE 1584u

struct diff_case {
	uint32_t index;
	uint32_t ninsn;
	uint32_t insn[DIFF_MAX_INSN];
	uint32_t nmn;
	uint32_t flags;
	char mn[DIFF_MAX_MN][DIFF_MN_LEN];
	struct diff_state st;
};
#define DIFF_CASE_HDR_SIZE 112u
#define DIFF_CASE_SIZE (DIFF_CASE_HDR_SIZE + DIFF_STATE_SIZE)

/* Result status. */
enum {
	DIFF_ST_OK = 0,         /* ran to the end of the sequence */
	DIFF_ST_EXCEPTION = 1,  /* stopped by an interrupt / signal, see exc */
	DIFF_ST_ERROR = 2,      /* the executor itself failed; detail says how */
};

/* Exception classes, common to both executors. */
enum {
	DIFF_EXC_NONE = 0,
	DIFF_EXC_ILLEGAL = 1,   /* program interrupt, illegal instruction / SIGILL */
	DIFF_EXC_PRIV = 2,      /* program interrupt, privileged instruction */
	DIFF_EXC_TRAP = 3,      /* program interrupt, trap / SIGTRAP */
	DIFF_EXC_FP = 4,        /* program interrupt, FP enabled exception / SIGFPE */
	DIFF_EXC_ALIGN = 5,     /* alignment interrupt / SIGBUS */
	DIFF_EXC_DSI = 6,       /* data storage / SIGSEGV */
	DIFF_EXC_UNAVAIL = 7,   /* facility unavailable */
	DIFF_EXC_OTHER = 8,
};

/* Which parts of a result's state are meaningful. */
#define DIFF_VALID_GPR   0x01u  /* gpr, cr, xer, lr, ctr */
#define DIFF_VALID_FPR   0x02u  /* vsr[0..31][0], fpscr */
#define DIFF_VALID_VSR   0x04u  /* everything else in vsr, vscr */
#define DIFF_VALID_MEM   0x08u
#define DIFF_VALID_ALL   0x0fu

struct diff_result {
	uint32_t index;
	uint32_t status;
	uint32_t exc;
	uint32_t exc_insn;      /* index of the instruction that raised it, or ~0 */
	uint32_t valid;
	uint32_t detail;        /* signal code / SRR1 bits / error code */
	uint32_t pad[2];
	struct diff_state st;
};
#define DIFF_RESULT_HDR_SIZE 32u
#define DIFF_RESULT_SIZE (DIFF_RESULT_HDR_SIZE + DIFF_STATE_SIZE)

/* ---- little-endian (de)serialisation, independent of host order ---- */

static inline uint32_t diff_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t diff_get64(const uint8_t *p)
{
	return (uint64_t)diff_get32(p) | (uint64_t)diff_get32(p + 4) << 32;
}

static inline void diff_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void diff_put64(uint8_t *p, uint64_t v)
{
	diff_put32(p, (uint32_t)v);
	diff_put32(p + 4, (uint32_t)(v >> 32));
}

static inline void diff_state_decode(struct diff_state *s, const uint8_t *p)
{
	for (int i = 0; i < 32; i++)
		s->gpr[i] = diff_get64(p + 8 * i);
	p += 256;
	s->cr = diff_get64(p);
	s->xer = diff_get64(p + 8);
	s->lr = diff_get64(p + 16);
	s->ctr = diff_get64(p + 24);
	s->fpscr = diff_get64(p + 32);
	s->vscr = diff_get64(p + 40);
	p += 48;
	for (int i = 0; i < 64; i++) {
		s->vsr[i][0] = diff_get64(p + 16 * i);
		s->vsr[i][1] = diff_get64(p + 16 * i + 8);
	}
	p += 1024;
	memcpy(s->mem, p, DIFF_DATA_SIZE);
}

static inline void diff_state_encode(uint8_t *p, const struct diff_state *s)
{
	for (int i = 0; i < 32; i++)
		diff_put64(p + 8 * i, s->gpr[i]);
	p += 256;
	diff_put64(p, s->cr);
	diff_put64(p + 8, s->xer);
	diff_put64(p + 16, s->lr);
	diff_put64(p + 24, s->ctr);
	diff_put64(p + 32, s->fpscr);
	diff_put64(p + 40, s->vscr);
	p += 48;
	for (int i = 0; i < 64; i++) {
		diff_put64(p + 16 * i, s->vsr[i][0]);
		diff_put64(p + 16 * i + 8, s->vsr[i][1]);
	}
	p += 1024;
	memcpy(p, s->mem, DIFF_DATA_SIZE);
}

static inline void diff_case_decode(struct diff_case *c, const uint8_t *p)
{
	c->index = diff_get32(p);
	c->ninsn = diff_get32(p + 4);
	for (int i = 0; i < DIFF_MAX_INSN; i++)
		c->insn[i] = diff_get32(p + 8 + 4 * i);
	c->nmn = diff_get32(p + 40);
	c->flags = diff_get32(p + 44);
	memcpy(c->mn, p + 48, sizeof c->mn);
	for (int i = 0; i < DIFF_MAX_MN; i++)
		c->mn[i][DIFF_MN_LEN - 1] = 0;
	if (c->ninsn > DIFF_MAX_INSN)
		c->ninsn = DIFF_MAX_INSN;
	diff_state_decode(&c->st, p + DIFF_CASE_HDR_SIZE);
}

static inline void diff_result_encode(uint8_t *p, const struct diff_result *r)
{
	diff_put32(p, r->index);
	diff_put32(p + 4, r->status);
	diff_put32(p + 8, r->exc);
	diff_put32(p + 12, r->exc_insn);
	diff_put32(p + 16, r->valid);
	diff_put32(p + 20, r->detail);
	diff_put32(p + 24, 0);
	diff_put32(p + 28, 0);
	diff_state_encode(p + DIFF_RESULT_HDR_SIZE, &r->st);
}

/* File header: magic[8], version, count, record size, flags, 40 zero bytes. */
static inline void diff_header_encode(uint8_t *p, const char *magic, uint32_t count,
				      uint32_t recsize, uint32_t flags)
{
	memset(p, 0, DIFF_HEADER_SIZE);
	memcpy(p, magic, 8);
	diff_put32(p + 8, DIFF_VERSION);
	diff_put32(p + 12, count);
	diff_put32(p + 16, recsize);
	diff_put32(p + 20, flags);
}

/* Returns the record count, or -1 if the header is not a case file. */
static inline long diff_header_decode(const uint8_t *p, const char *magic, uint32_t recsize)
{
	if (memcmp(p, magic, 8) != 0 || diff_get32(p + 8) != DIFF_VERSION ||
	    diff_get32(p + 16) != recsize)
		return -1;
	return (long)diff_get32(p + 12);
}

#endif
