/* SPDX-License-Identifier: MIT */
#include "guest.h"

int guest_failures;
static const uint8_t *fdt;

long hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
	   uint64_t a5, struct hcall_out *out)
{
	register uint64_t r3 __asm__("r3") = nr;
	register uint64_t r4 __asm__("r4") = a0;
	register uint64_t r5 __asm__("r5") = a1;
	register uint64_t r6 __asm__("r6") = a2;
	register uint64_t r7 __asm__("r7") = a3;
	register uint64_t r8 __asm__("r8") = a4;
	register uint64_t r9 __asm__("r9") = a5;
	__asm__ volatile("sc 1"
			 : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8), "+r"(r9)
			 :
			 : "r0", "r10", "r11", "r12", "cr0", "ctr", "xer", "memory");
	if (out) {
		out->r4 = r4;
		out->r5 = r5;
		out->r6 = r6;
		out->r7 = r7;
	}
	return (long)r3;
}

void putc_console(char c)
{
	hcall(H_PUT_TERM_CHAR, 0, 1, (uint64_t)(uint8_t)c << 56, 0, 0, 0, NULL);
}

void puts_console(const char *s)
{
	while (*s)
		putc_console(*s++);
}

static void put_num(uint64_t v, unsigned base, int neg, int width, char pad)
{
	char buf[24];
	int n = 0;
	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		buf[n++] = '-';
	while (n < width--)
		putc_console(pad);
	while (n)
		putc_console(buf[--n]);
}

void printf_console(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			putc_console(*fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, lng = 0;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l')
			lng++, fmt++;
		switch (*fmt) {
		case 'd': {
			int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_num(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad);
			break;
		}
		case 'u':
			put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0, width, pad);
			break;
		case 'x':
			put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0, width, pad);
			break;
		case 's': puts_console(va_arg(ap, const char *)); break;
		case 'c': putc_console((char)va_arg(ap, int)); break;
		default: putc_console(*fmt);
		}
	}
	va_end(ap);
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * Walk the structure block (tokens: BEGIN_NODE 1, END_NODE 2, PROP 3, NOP 4, END 9),
 * keeping the current node's path with unit addresses dropped ("/cpus/PowerPC,POWER9").
 */
const void *fdt_prop(const char *path, const char *name, uint32_t *len)
{
	if (!fdt || be32(fdt) != 0xd00dfeed)
		return 0;
	const uint8_t *s = fdt + be32(fdt + 8);
	const char *strings = (const char *)fdt + be32(fdt + 12);
	char cur[256];
	size_t ends[32]; /* length of cur at each depth */
	int depth = 0;
	cur[0] = 0;
	for (;;) {
		uint32_t tok = be32(s);
		s += 4;
		if (tok == 1) {
			const char *n = (const char *)s;
			size_t l = 0;
			while (n[l])
				l++;
			s += (l + 4) & ~3u;
			if (depth >= 32)
				return 0;
			size_t at = depth ? ends[depth - 1] : 0;
			if (depth) { /* the root's name is empty */
				if (at + l + 2 > sizeof(cur))
					return 0;
				cur[at++] = '/';
				for (size_t i = 0; i < l && n[i] != '@'; i++)
					cur[at++] = n[i];
			}
			cur[at] = 0;
			ends[depth++] = at;
		} else if (tok == 2) {
			if (--depth < 0)
				return 0;
			cur[depth ? ends[depth - 1] : 0] = 0;
		} else if (tok == 3) {
			uint32_t plen = be32(s), nameoff = be32(s + 4);
			const uint8_t *val = s + 8;
			s += 8 + ((plen + 3) & ~3u);
			if (str_eq(cur[0] ? cur : "/", path) && str_eq(strings + nameoff, name)) {
				if (len)
					*len = plen;
				return val;
			}
		} else if (tok != 4) {
			return 0;
		}
	}
}

uint32_t fdt_prop_u32(const char *path, const char *name, uint32_t dflt)
{
	uint32_t len;
	const void *p = fdt_prop(path, name, &len);
	return p && len >= 4 ? be32(p) : dflt;
}

int rtas(const char *service, int nargs, int nret, const uint32_t *in, uint32_t *out)
{
	static uint32_t buf[32] __attribute__((aligned(16)));
	uint32_t token = fdt_prop_u32("/rtas", service, 0);
	if (!token)
		return -99;
	uint8_t *b = (uint8_t *)buf;
	uint32_t words[32];
	words[0] = token;
	words[1] = (uint32_t)nargs;
	words[2] = (uint32_t)nret;
	for (int i = 0; i < nargs; i++)
		words[3 + i] = in[i];
	for (int i = 0; i < nret; i++)
		words[3 + nargs + i] = 0;
	for (int i = 0; i < 3 + nargs + nret; i++) /* RTAS arguments are big-endian */
		for (int k = 0; k < 4; k++)
			b[4 * i + k] = (uint8_t)(words[i] >> (24 - 8 * k));
	hcall(H_RTAS, (uint64_t)(uintptr_t)buf, 0, 0, 0, 0, 0, 0);
	for (int i = 0; i < nret; i++)
		out[i] = be32(b + 4 * (3 + nargs + i));
	return nret ? (int)out[0] : 0;
}

void guest_exit(int failed)
{
	if (failed) {
		static const char msg[] = "guest self-check failed";
		uint32_t in[1] = {(uint32_t)(uintptr_t)msg}, out[1];
		rtas("ibm,os-term", 1, 1, in, out);
	}
	uint32_t in[2] = {0xffffffff, 0xffffffff}, out[1];
	rtas("power-off", 2, 1, in, out);
	for (;;)
		;
}

void guest_start(const void *fdt_addr);
void guest_start(const void *fdt_addr)
{
	fdt = fdt_addr;
	int r = main();
	guest_exit(r != 0 || guest_failures != 0);
}

/* Secondary vcpus: crt0.S's _secondary_start calls guest_secondary on the new stack. */
#define MAX_SECONDARY 64
static void (*volatile secondary_fn[MAX_SECONDARY])(unsigned server);

void guest_secondary(void *stack_top);
void guest_secondary(void *stack_top)
{
	(void)stack_top;
	uint64_t pir;
	__asm__ volatile("mfspr %0, 1023" : "=r"(pir));
	if (pir < MAX_SECONDARY && secondary_fn[pir])
		secondary_fn[pir]((unsigned)pir);
	for (;;)
		;
}

int guest_start_cpu(unsigned server, void (*fn)(unsigned server), void *stack_top)
{
	extern char _secondary_start[];
	if (server >= MAX_SECONDARY)
		return -3;
	secondary_fn[server] = fn;
	__asm__ volatile("sync" ::: "memory");
	uint32_t in[3] = {server, (uint32_t)(uintptr_t)_secondary_start, (uint32_t)(uintptr_t)stack_top};
	uint32_t out[1];
	return rtas("start-cpu", 3, 1, in, out);
}

/* The address goes through an empty asm so the compiler cannot see a constant near 0. */
static volatile uint8_t *real_ptr(uintptr_t addr)
{
	__asm__("" : "+r"(addr));
	return (volatile uint8_t *)addr;
}

void real_put_be32(uintptr_t addr, uint32_t w)
{
	volatile uint8_t *p = real_ptr(addr);
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(w >> (24 - 8 * i));
}

uint32_t real_get_be32(uintptr_t addr)
{
	volatile uint8_t *p = real_ptr(addr);
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

void install_skip_handler(uintptr_t vector)
{
	real_put_be32(vector + 0, 0x39200000u | (uint32_t)vector); /* li r9,vector */
	real_put_be32(vector + 4, 0x7d5a02a6u);                     /* mfsrr0 r10 */
	real_put_be32(vector + 8, 0x394a0004u);                     /* addi r10,r10,4 */
	real_put_be32(vector + 12, 0x7d5a03a6u);                    /* mtsrr0 r10 */
	real_put_be32(vector + 16, 0x4c000024u);                    /* rfid */
	__asm__ volatile("sync; icbi 0,%0; isync" : : "r"(vector) : "memory");
}
