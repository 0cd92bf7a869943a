/* SPDX-License-Identifier: MIT */
/* The device tree a firmware-less pseries guest reads (pseries-machine.md section 2). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "machine.h"
#include "rtas_tokens.h"

#define FDT_SPACE (64 * 1024)
#define CHECK(x) do { int _e = (x); if (_e < 0) { fprintf(stderr, "fdt: %s: %s\n", #x, fdt_strerror(_e)); return -EINVAL; } } while (0)

static int prop_u64_pair(void *fdt, const char *name, uint64_t a, uint64_t b)
{
	fdt64_t v[2] = {cpu_to_fdt64(a), cpu_to_fdt64(b)};
	return fdt_property(fdt, name, v, sizeof(v));
}

static int prop_cells(void *fdt, const char *name, const uint32_t *cells, int n)
{
	fdt32_t v[32];
	for (int i = 0; i < n; i++)
		v[i] = cpu_to_fdt32(cells[i]);
	return fdt_property(fdt, name, v, n * 4);
}

static int add_cpus(struct machine *m, void *fdt)
{
	bool p9 = (m->opt.pvr >> 16) == 0x004e;
	CHECK(fdt_begin_node(fdt, "cpus"));
	CHECK(fdt_property_u32(fdt, "#address-cells", 1));
	CHECK(fdt_property_u32(fdt, "#size-cells", 0));
	unsigned threads = m->opt.threads ? m->opt.threads : 1;
	for (unsigned core = 0; core < m->nvcpus; core += threads) {
		char name[64];
		snprintf(name, sizeof(name), "PowerPC,%s@%x", p9 ? "POWER9" : "POWER8", core);
		CHECK(fdt_begin_node(fdt, name));
		CHECK(fdt_property_string(fdt, "device_type", "cpu"));
		CHECK(fdt_property_u32(fdt, "reg", core));
		uint32_t servers[8];
		unsigned n = 0;
		for (unsigned t = 0; t < threads && core + t < m->nvcpus; t++)
			servers[n++] = core + t;
		CHECK(prop_cells(fdt, "ibm,ppc-interrupt-server#s", servers, (int)n));
		CHECK(fdt_property_u32(fdt, "cpu-version", m->opt.pvr));
		CHECK(fdt_property_u32(fdt, "timebase-frequency", 512000000));
		CHECK(fdt_property_u32(fdt, "clock-frequency", 1000000000));
		CHECK(fdt_property_u32(fdt, "i-cache-line-size", 128));
		CHECK(fdt_property_u32(fdt, "d-cache-line-size", 128));
		CHECK(fdt_property_u32(fdt, "i-cache-block-size", 128));
		CHECK(fdt_property_u32(fdt, "d-cache-block-size", 128));
		CHECK(fdt_property_u32(fdt, "i-cache-size", 32768));
		CHECK(fdt_property_u32(fdt, "d-cache-size", 32768));
		CHECK(fdt_property_u32(fdt, "ibm,slb-size", 32));
		CHECK(fdt_property_u32(fdt, "slb-size", 32));
		/* HPT of RAM/128 bytes, at least 256 KiB (a power of two). */
		unsigned shift = 18;
		while ((1ull << (shift + 1)) <= m->ram_size / 128)
			shift++;
		uint32_t pft[2] = {0, shift};
		CHECK(prop_cells(fdt, "ibm,pft-size", pft, 2));
		static const uint32_t sps[] = {12, 0, 1, 12, 0, 16, 0x110, 1, 16, 1};
		CHECK(prop_cells(fdt, "ibm,segment-page-sizes", sps, 10));
		static const uint32_t segs[] = {28, 40, 0xffffffff, 0xffffffff};
		CHECK(prop_cells(fdt, "ibm,processor-segment-sizes", segs, 4));
		if (p9) {
			static const uint32_t ap[] = {0xc, 0xa0000010, 0x20000015, 0x4000001e};
			CHECK(prop_cells(fdt, "ibm,processor-radix-AP-encodings", ap, 4));
			CHECK(fdt_property_u32(fdt, "ibm,dec-bits", 56));
			uint8_t pa[2 + 0x42] = {0x42, 0x00, 0xf6, 0x3f, 0xc7, 0xc0, 0x00, 0xf0, 0x80};
			pa[2 + 40] = 0x80; /* radix + GTSE */
			CHECK(fdt_property(fdt, "ibm,pa-features", pa, sizeof(pa)));
		} else {
			uint8_t pa[] = {0x18, 0x00, 0xf6, 0x3f, 0xc7, 0xc0, 0x00, 0xf0,
					0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
					0x00, 0x00, 0x80, 0x00, 0x80, 0x00, 0x80, 0x00,
					0x00, 0x00};
			/* byte 22 bit 0: transactional memory (HWCAP2_HTM in the guest) */
			if (m->opt.htm)
				pa[2 + 22] = 0x80;
			CHECK(fdt_property(fdt, "ibm,pa-features", pa, sizeof(pa)));
		}
		CHECK(fdt_property_u32(fdt, "ibm,vmx", 2));
		CHECK(fdt_property_u32(fdt, "ibm,purr", 1));
		CHECK(fdt_property(fdt, "64-bit", NULL, 0));
		CHECK(fdt_property_string(fdt, "status", "okay"));
		CHECK(fdt_end_node(fdt));
	}
	CHECK(fdt_end_node(fdt));
	return 0;
}

static int add_rtas(struct machine *m, void *fdt)
{
	CHECK(fdt_begin_node(fdt, "rtas"));
	CHECK(fdt_property_u32(fdt, "linux,rtas-base", (uint32_t)m->rtas_addr));
	CHECK(fdt_property_u32(fdt, "rtas-size", RTAS_SIZE));
	CHECK(fdt_property_u32(fdt, "rtas-error-log-max", 2048));
	CHECK(fdt_property_u32(fdt, "rtas-event-scan-rate", 1));
	static const char hypertas[] = "hcall-pft\0hcall-term\0hcall-dabr\0hcall-interrupt\0"
				       "hcall-splpar\0hcall-bulk\0hcall-set-mode\0hcall-sprg0\0"
				       "hcall-hpt-resize";
	CHECK(fdt_property(fdt, "ibm,hypertas-functions", hypertas, sizeof(hypertas)));
	for (const struct rtas_token *t = rtas_tokens; t->name; t++)
		CHECK(fdt_property_u32(fdt, t->name, t->token));
	CHECK(fdt_end_node(fdt));
	return 0;
}

int build_fdt(struct machine *m)
{
	void *fdt = calloc(1, FDT_SPACE);
	if (!fdt)
		return -ENOMEM;
	int r = -EINVAL;
	CHECK(fdt_create(fdt, FDT_SPACE));
	CHECK(fdt_add_reservemap_entry(fdt, m->rtas_addr, RTAS_SIZE));
	CHECK(fdt_finish_reservemap(fdt));
	CHECK(fdt_begin_node(fdt, ""));
	CHECK(fdt_property_string(fdt, "compatible", "qemu,pseries"));
	CHECK(fdt_property_string(fdt, "device_type", "chrp"));
	CHECK(fdt_property_string(fdt, "model", "IBM pSeries (emulated by libkvmppc)"));
	CHECK(fdt_property_u32(fdt, "#address-cells", 2));
	CHECK(fdt_property_u32(fdt, "#size-cells", 2));

	CHECK(fdt_begin_node(fdt, "chosen"));
	CHECK(fdt_property_string(fdt, "bootargs", m->opt.append ? m->opt.append : ""));
	CHECK(fdt_property_string(fdt, "stdout-path", "/vdevice/vty@71000000"));
	CHECK(fdt_property_string(fdt, "linux,stdout-path", "/vdevice/vty@71000000"));
	if (m->initrd_end > m->initrd_start) {
		CHECK(fdt_property_u64(fdt, "linux,initrd-start", m->initrd_start));
		CHECK(fdt_property_u64(fdt, "linux,initrd-end", m->initrd_end));
	}
	if (m->opt.radix) {
		uint8_t vec5[27] = {26};
		vec5[24] = 0x40; /* radix */
		vec5[26] = 0x40; /* GTSE */
		CHECK(fdt_property(fdt, "ibm,architecture-vec-5", vec5, sizeof(vec5)));
	}
	CHECK(fdt_end_node(fdt));

	CHECK(fdt_begin_node(fdt, "memory@0"));
	CHECK(fdt_property_string(fdt, "device_type", "memory"));
	CHECK(prop_u64_pair(fdt, "reg", 0, m->ram_size));
	CHECK(fdt_end_node(fdt));

	if (add_cpus(m, fdt) || add_rtas(m, fdt))
		goto out;

	CHECK(fdt_begin_node(fdt, "vdevice"));
	CHECK(fdt_property_string(fdt, "device_type", "vdevice"));
	CHECK(fdt_property_string(fdt, "compatible", "IBM,vdevice"));
	CHECK(fdt_property_u32(fdt, "#address-cells", 1));
	CHECK(fdt_property_u32(fdt, "#size-cells", 0));
	CHECK(fdt_begin_node(fdt, "vty@71000000"));
	CHECK(fdt_property_string(fdt, "compatible", "hvterm1"));
	CHECK(fdt_property_string(fdt, "device_type", "serial"));
	CHECK(fdt_property_u32(fdt, "reg", 0x71000000));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_end_node(fdt));

	CHECK(fdt_begin_node(fdt, "interrupt-controller"));
	CHECK(fdt_property_string(fdt, "compatible", "IBM,ppc-xicp"));
	CHECK(fdt_property_string(fdt, "device_type",
				  "PowerPC-External-Interrupt-Presentation"));
	CHECK(fdt_property(fdt, "interrupt-controller", NULL, 0));
	CHECK(fdt_property_u32(fdt, "#interrupt-cells", 2));
	uint32_t ranges[2] = {0, m->nvcpus};
	CHECK(prop_cells(fdt, "ibm,interrupt-server-ranges", ranges, 2));
	CHECK(fdt_end_node(fdt));

	CHECK(fdt_end_node(fdt)); /* root */
	CHECK(fdt_finish(fdt));
	uint32_t size = fdt_totalsize(fdt);
	if (!ram_ok(m, m->fdt_addr, size)) {
		r = -E2BIG;
		goto out;
	}
	memcpy(m->ram + m->fdt_addr, fdt, size);
	if (m->opt.dtb_out) {
		FILE *f = fopen(m->opt.dtb_out, "wb");
		if (f) {
			fwrite(fdt, 1, size, f);
			fclose(f);
		}
	}
	r = 0;
out:
	free(fdt);
	return r;
}
