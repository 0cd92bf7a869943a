/* SPDX-License-Identifier: MIT */
/*
 * kvmppc-run: a firmware-less pseries machine on libkvmppc (shared/reference/
 * pseries-machine.md): loads an ELF, builds the device tree, provides the hvterm console,
 * RTAS through H_RTAS, a minimal XICS, and one host thread per vcpu.
 */
#ifndef KVMPPC_RUN_MACHINE_H
#define KVMPPC_RUN_MACHINE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <kvmppc/kvmppc.h>

#define MAX_VCPUS 64

enum vcpu_state { VCPU_STOPPED, VCPU_RUNNING };

struct machine_vcpu {
	struct kvm_vcpu *vcpu;
	pthread_t thread;
	bool thread_started;
	enum vcpu_state state;        /* under machine.lock */
	uint64_t start_pc, start_r3;  /* for RTAS start-cpu */
	bool start_requested;
	/* XICS presentation controller of this server */
	uint8_t cppr, mfrr;
	uint32_t xisr;
	uint8_t pending_prio;
};

struct options {
	const char *kernel, *initrd, *bios, *append, *dtb_out;
	uint64_t ram_size;
	unsigned smp, threads;
	uint32_t pvr;
	bool radix;
	bool htm;             /* -machine pseries,cap-htm=on: advertise TM (POWER8 only) */
	long rtc_offset;      /* seconds added to host time for get-time-of-day */
	int icount_shift;     /* -1: real time */
	bool trace;
};

struct machine {
	struct options opt;
	struct kvm *vm;
	uint8_t *ram;
	uint64_t ram_size;
	unsigned nvcpus;
	struct machine_vcpu cpu[MAX_VCPUS];
	pthread_mutex_t lock;
	pthread_cond_t cond;
	atomic_int exiting;
	int exit_code;
	/* layout */
	uint64_t entry, image_end, initrd_start, initrd_end, fdt_addr, rtas_addr;
};

#define RTAS_SIZE 0x1000

/* loader.c */
int load_elf(struct machine *m, const char *path, bool bios_rule);
int load_raw(struct machine *m, const char *path, uint64_t addr, uint64_t *end);
/* fdt.c */
int build_fdt(struct machine *m);
/* hcall.c */
void machine_hcall(struct machine *m, unsigned cpu, struct kvm_run *run);
void machine_shutdown(struct machine *m, int code);
/* rtas.c */
uint64_t rtas_call(struct machine *m, unsigned cpu, uint64_t args);
/* xics.c */
uint64_t xics_hcall(struct machine *m, unsigned cpu, uint64_t nr, uint64_t *args);
/* trace.c */
void trace_enable(struct machine_vcpu *c);
void trace_insn(struct machine *m, unsigned cpu, const struct kvm_run *run);
/* console.c */
void console_init(void);
void console_putc(int c);
int console_getc(void);
void console_flush(void);

/* big-endian guest memory helpers (RTAS, FDT) */
static inline uint32_t ram_be32(const struct machine *m, uint64_t a)
{
	const uint8_t *p = m->ram + a;
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline void ram_set_be32(struct machine *m, uint64_t a, uint32_t v)
{
	uint8_t *p = m->ram + a;
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline bool ram_ok(const struct machine *m, uint64_t a, uint64_t len)
{
	return a <= m->ram_size && len <= m->ram_size - a;
}

#endif
