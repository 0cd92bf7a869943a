/* SPDX-License-Identifier: MIT */
/* A tiny runtime for bare-metal pseries guests: hcalls, console, device tree, RTAS. */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define H_SUCCESS 0
#define H_GET_TERM_CHAR 0x54
#define H_PUT_TERM_CHAR 0x58
#define H_RTAS 0xf000

struct hcall_out {
	uint64_t r4, r5, r6, r7;
};

/* sc 1 with r3 = nr and up to 6 arguments; outputs r4..r7 in *out (may be NULL). */
long hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
	   uint64_t a5, struct hcall_out *out);

void putc_console(char c);
void puts_console(const char *s);
void printf_console(const char *fmt, ...);

/* Device tree: the property @name of the node at @path ("/rtas", "/"), or NULL. */
const void *fdt_prop(const char *path, const char *name, uint32_t *len);
uint32_t fdt_prop_u32(const char *path, const char *name, uint32_t dflt);

/* RTAS call by service name; returns the status (output 0), -99 if the token is absent. */
int rtas(const char *service, int nargs, int nret, const uint32_t *in, uint32_t *out);

/* Start vcpu @server (RTAS start-cpu) running fn(server) on the stack that ends at
 * @stack_top (16-byte aligned); returns the RTAS status. fn must not return. */
int guest_start_cpu(unsigned server, void (*fn)(unsigned server), void *stack_top);

/* Big-endian words at low real addresses (interrupt vectors, scratch), byte by byte. */
void real_put_be32(uintptr_t addr, uint32_t w);
uint32_t real_get_be32(uintptr_t addr);

/* A handler at @vector (big-endian code: LPCR[ILE] = 0) that sets r9 = @vector, skips the
 * instruction that faulted (SRR0 + 4) and returns with rfid. Clobbers r9, r10. */
void install_skip_handler(uintptr_t vector);

/* Power off (status 0) or report failure through ibm,os-term (machine exits non-zero). */
void guest_exit(int failed) __attribute__((noreturn));

/* Self-checks: CHECK(cond) counts and reports a failure, the program goes on. */
extern int guest_failures;
#define CHECK(c) do { if (!(c)) { guest_failures++; \
	printf_console("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)

int main(void);

static inline uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

#endif
