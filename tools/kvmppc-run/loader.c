/* SPDX-License-Identifier: MIT */
/*
 * ELF64 loading (either byte order). Each PT_LOAD goes to its physical address with the
 * top four bits ignored (what real mode sees), or, with -bios, to 0x400000 + (vaddr &
 * 0x0fffffff) as QEMU's pseries places bare-metal test programs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"

static uint64_t rd(const uint8_t *p, unsigned n, bool le)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[le ? i : n - 1 - i] << (8 * i);
	return v;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, n = 0;
	uint8_t *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		uint8_t *nb = realloc(buf, cap * 2);
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	fclose(f);
	*len = n;
	return buf;
}

int load_raw(struct machine *m, const char *path, uint64_t addr, uint64_t *end)
{
	size_t len;
	uint8_t *buf = read_file(path, &len);
	if (!buf)
		return -errno;
	if (!ram_ok(m, addr, len)) {
		free(buf);
		return -E2BIG;
	}
	memcpy(m->ram + addr, buf, len);
	free(buf);
	*end = addr + len;
	return 0;
}

int load_elf(struct machine *m, const char *path, bool bios_rule)
{
	size_t len;
	uint8_t *img = read_file(path, &len);
	if (!img)
		return -errno;
	int r = -ENOEXEC;
	if (len < 64 || memcmp(img, "\x7f" "ELF", 4) || img[4] != 2 /* ELFCLASS64 */)
		goto out;
	bool le = img[5] == 1;
	uint64_t phoff = rd(img + 32, 8, le);
	unsigned phentsize = (unsigned)rd(img + 54, 2, le), phnum = (unsigned)rd(img + 56, 2, le);
	if (rd(img + 18, 2, le) != 21 /* EM_PPC64 */ || phentsize < 56 ||
	    phoff > len || (uint64_t)phnum * phentsize > len - phoff)
		goto out;
	m->entry = rd(img + 24, 8, le) & 0x0fffffffffffffffULL;
	m->image_end = 0;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *ph = img + phoff + (uint64_t)i * phentsize;
		if (rd(ph, 4, le) != 1 /* PT_LOAD */)
			continue;
		uint64_t off = rd(ph + 8, 8, le), vaddr = rd(ph + 16, 8, le);
		uint64_t paddr = rd(ph + 24, 8, le), filesz = rd(ph + 32, 8, le);
		uint64_t memsz = rd(ph + 40, 8, le);
		uint64_t dest = bios_rule ? 0x400000 + (vaddr & 0x0fffffff)
					  : paddr & 0x0fffffffffffffffULL;
		if (filesz > memsz || off > len || filesz > len - off || !ram_ok(m, dest, memsz)) {
			r = -E2BIG;
			goto out;
		}
		memcpy(m->ram + dest, img + off, filesz);
		memset(m->ram + dest + filesz, 0, memsz - filesz);
		if (dest + memsz > m->image_end)
			m->image_end = dest + memsz;
	}
	if (bios_rule)
		m->entry = 0x100;
	r = m->image_end ? 0 : -ENOEXEC;
out:
	free(img);
	return r;
}
