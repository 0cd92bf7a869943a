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
#include <time.h>

#include <kvmppc/kvmppc.h>

#define MAX_VCPUS 64
#define MAX_MARKS 8

/* --stats: when the console first printed anything, and when it first printed each
 * --stats-mark text (wall seconds since the vcpus started; instructions of the vcpu that
 * printed it, which is every instruction with -smp 1). */
struct console_event {
	const char *text;     /* NULL for the first output */
	bool seen;
	double seconds;
	uint64_t instructions;
};

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
	bool parked;                  /* waiting at the top of its loop (under machine.lock) */
	bool hcall_answered;          /* last exit an hcall, answered in kvm_run, not re-entered */
};

struct options {
	const char *kernel, *initrd, *bios, *append, *dtb_out;
	uint64_t ram_size;
	unsigned smp, threads;
	uint32_t pvr;
	bool radix;          /* offer radix in ibm,architecture-vec-5 (POWER9 default) */
	bool hash;           /* --hash: POWER9 without radix */
	bool htm;             /* --htm: advertise TM (POWER8 only) */
	long rtc_offset;      /* get-time-of-day: seconds added to host time, or with -icount
			       * the time of day at virtual time 0 */
	int icount_shift;     /* -1: real time; 0..10: kvmppc_vm_set_clock */
	bool trace;
	const char *stats;    /* --stats FILE */
	const char *marks[MAX_MARKS];
	unsigned nmarks;
	const char *snapshot_save;    /* --snapshot-save FILE */
	const char *snapshot_load;    /* --snapshot-load FILE */
	const char *snapshot_console; /* --snapshot-at console=STRING (else: at exit) */
};

#define SNAP_RING 256

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
	/* --stats console milestones: [0] first output, [1..nmarks] the marks */
	pthread_mutex_t events_lock;
	struct console_event events[1 + MAX_MARKS];
	char tail[256];       /* the last console bytes, to find marks split across calls */
	unsigned tail_len;
	struct timespec t0;   /* when the vcpus started */
	/* snapshots (snapshot.c) */
	bool snap_pending;            /* vcpus park (under lock) */
	atomic_bool snap_trigger;     /* the console trigger fired: the printing vcpu saves */
	bool snap_done;
	char snap_ring[SNAP_RING];
	size_t snap_ring_pos;
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
/* snapshot.c */
int snapshot_read_machine(struct machine *m, const char *path);
int snapshot_save(struct machine *m);
void snapshot_complete_hcall(struct machine_vcpu *c);
void snapshot_midway(struct machine *m, unsigned self);
void snapshot_console_char(struct machine *m, int ch);
/* xics.c: re-assert every server's interrupt line (after a snapshot load) */
void xics_resync(struct machine *m);
/* console.c */
void console_init(void);
void console_putc(int c);
int console_getc(void);
void console_flush(void);
void console_output(struct machine *m, unsigned cpu, int c);

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
