/* SPDX-License-Identifier: MIT */
/*
 * Machine snapshots (--snapshot-save FILE, --snapshot-at WHEN, --snapshot-load FILE):
 * the library's VM snapshot with the machine's own state in its caller section
 * (kvmppc_snapshot_save_user): the options that shape the VM (-m, -smp, -cpu, --radix,
 * -rtc, -icount), the memory layout, and per vcpu the started/stopped flag, a pending
 * RTAS start-cpu, and the XICS presentation state (CPPR, MFRR, XISR, pending priority).
 * The console and RTAS keep no state (output is flushed first).
 *
 * A snapshot midway (console=STRING) is taken at a safe point: every vcpu thread stops
 * at the top of its loop, outside kvmppc_run, after its last exit was handled; an hcall
 * just answered is completed into the registers first (kvmppc_run would do it on the
 * next entry, which the loading machine never sees).
 *
 * Machine section, version 1, big-endian:
 *   "KVMPPCRM" u32 version, u64 ram_size, u32 smp, u32 threads, u32 pvr, u8 radix,
 *   u64 rtc_offset, u32 icount_shift, u64 entry, image_end, initrd_start, initrd_end,
 *   fdt_addr, rtas_addr, u32 nvcpus, then per vcpu: u8 state, u8 start_requested,
 *   u64 start_pc, u64 start_r3, u8 cppr, u8 mfrr, u32 xisr, u8 pending_prio.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"

#define MSTATE_MAGIC "KVMPPCRM"
#define MSTATE_VERSION 1u
#define MSTATE_HEAD (8 + 4 + 8 + 4 + 4 + 4 + 1 + 8 + 4 + 6 * 8 + 4)
#define MSTATE_VCPU (1 + 1 + 8 + 8 + 1 + 1 + 4 + 1)

struct buf {
	uint8_t *p;
	size_t len, pos;
	bool bad;
};

static void put(struct buf *b, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		b->p[b->pos++] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

static uint64_t get(struct buf *b, unsigned n)
{
	if (b->bad || b->len - b->pos < n) {
		b->bad = true;
		return 0;
	}
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v = (v << 8) | b->p[b->pos++];
	return v;
}

/* Encode the machine (caller holds m->lock, vcpus parked). */
static uint8_t *encode(const struct machine *m, size_t *len)
{
	struct buf b = {.len = MSTATE_HEAD + (size_t)m->nvcpus * MSTATE_VCPU};
	b.p = malloc(b.len);
	if (!b.p)
		return NULL;
	memcpy(b.p, MSTATE_MAGIC, 8);
	b.pos = 8;
	const struct options *o = &m->opt;
	put(&b, MSTATE_VERSION, 4);
	put(&b, m->ram_size, 8);
	put(&b, o->smp, 4), put(&b, o->threads, 4), put(&b, o->pvr, 4), put(&b, o->radix, 1);
	put(&b, (uint64_t)(int64_t)o->rtc_offset, 8), put(&b, (uint32_t)o->icount_shift, 4);
	put(&b, m->entry, 8), put(&b, m->image_end, 8), put(&b, m->initrd_start, 8);
	put(&b, m->initrd_end, 8), put(&b, m->fdt_addr, 8), put(&b, m->rtas_addr, 8);
	put(&b, m->nvcpus, 4);
	for (unsigned i = 0; i < m->nvcpus; i++) {
		const struct machine_vcpu *c = &m->cpu[i];
		put(&b, c->state == VCPU_RUNNING, 1), put(&b, c->start_requested, 1);
		put(&b, c->start_pc, 8), put(&b, c->start_r3, 8);
		put(&b, c->cppr, 1), put(&b, c->mfrr, 1), put(&b, c->xisr, 4), put(&b, c->pending_prio, 1);
	}
	*len = b.len;
	return b.p;
}

int snapshot_read_machine(struct machine *m, const char *path)
{
	void *u;
	size_t len;
	int r = kvmppc_snapshot_read_user(path, &u, &len);
	if (r == -ENOENT && access(path, F_OK) == 0) {
		fprintf(stderr, "kvmppc-run: %s: a library snapshot without machine state "
			"(not written by kvmppc-run --snapshot-save)\n", path);
		return -EINVAL;
	}
	if (r) {
		fprintf(stderr, "kvmppc-run: cannot load snapshot %s: %s\n", path,
			r == -EINVAL ? "not a snapshot, or corrupt or truncated" : strerror(-r));
		return r;
	}
	struct buf b = {.p = u, .len = len, .pos = 8};
	struct options *o = &m->opt;
	if (len < 8 || memcmp(u, MSTATE_MAGIC, 8) || get(&b, 4) != MSTATE_VERSION) {
		fprintf(stderr, "kvmppc-run: %s: unknown machine state format\n", path);
		free(u);
		return -EINVAL;
	}
	o->ram_size = get(&b, 8);
	o->smp = (unsigned)get(&b, 4), o->threads = (unsigned)get(&b, 4);
	o->pvr = (uint32_t)get(&b, 4), o->radix = get(&b, 1) != 0;
	o->rtc_offset = (long)(int64_t)get(&b, 8), o->icount_shift = (int)(int32_t)get(&b, 4);
	m->entry = get(&b, 8), m->image_end = get(&b, 8), m->initrd_start = get(&b, 8);
	m->initrd_end = get(&b, 8), m->fdt_addr = get(&b, 8), m->rtas_addr = get(&b, 8);
	unsigned n = (unsigned)get(&b, 4);
	if (n != o->smp || !n || n > MAX_VCPUS || b.bad || len != MSTATE_HEAD + (size_t)n * MSTATE_VCPU) {
		fprintf(stderr, "kvmppc-run: %s: corrupt machine state\n", path);
		free(u);
		return -EINVAL;
	}
	for (unsigned i = 0; i < n; i++) {
		struct machine_vcpu *c = &m->cpu[i];
		c->state = get(&b, 1) ? VCPU_RUNNING : VCPU_STOPPED;
		c->start_requested = get(&b, 1) != 0;
		c->start_pc = get(&b, 8), c->start_r3 = get(&b, 8);
		c->cppr = (uint8_t)get(&b, 1), c->mfrr = (uint8_t)get(&b, 1);
		c->xisr = (uint32_t)get(&b, 4), c->pending_prio = (uint8_t)get(&b, 1);
	}
	free(u);
	return 0;
}

int snapshot_save(struct machine *m)
{
	console_flush();
	size_t len;
	uint8_t *u = encode(m, &len);
	int r = u ? kvmppc_snapshot_save_user(m->vm, m->opt.snapshot_save, u, len) : -ENOMEM;
	free(u);
	if (r) /* success is silent: harnesses take stderr text for a failure */
		fprintf(stderr, "kvmppc-run: cannot save snapshot %s: %s\n", m->opt.snapshot_save,
			strerror(-r));
	return r;
}

/* Put an answered hcall's results into the registers (what kvmppc_run would do). */
void snapshot_complete_hcall(struct machine_vcpu *c)
{
	if (!c->hcall_answered)
		return;
	const struct kvm_run *run = kvmppc_vcpu_run_struct(c->vcpu);
	struct kvm_regs regs;
	if (kvmppc_get_regs(c->vcpu, &regs) == 0) {
		regs.gpr[3] = run->papr_hcall.ret;
		for (int i = 0; i < 9; i++)
			regs.gpr[4 + i] = run->papr_hcall.args[i];
		kvmppc_set_regs(c->vcpu, &regs);
	}
	c->hcall_answered = false;
}

void snapshot_midway(struct machine *m, unsigned self)
{
	snapshot_complete_hcall(&m->cpu[self]);
	pthread_mutex_lock(&m->lock);
	m->snap_pending = true;
	for (;;) {
		bool all = true;
		for (unsigned i = 0; i < m->nvcpus; i++)
			if (i != self && m->cpu[i].thread_started && !m->cpu[i].parked)
				all = false;
		if (all || atomic_load(&m->exiting))
			break;
		pthread_mutex_unlock(&m->lock);
		for (unsigned i = 0; i < m->nvcpus; i++)
			if (i != self)
				kvmppc_kick(m->cpu[i].vcpu);
		struct timespec ts = {0, 2000000};
		nanosleep(&ts, NULL);
		pthread_mutex_lock(&m->lock);
	}
	if (!atomic_load(&m->exiting))
		snapshot_save(m);
	m->snap_pending = false;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
}

/* The console=STRING trigger: called for every character the guest prints. */
void snapshot_console_char(struct machine *m, int ch)
{
	const char *s = m->opt.snapshot_console;
	if (!s || m->snap_done)
		return;
	size_t n = strlen(s);
	/* the last n characters, in a ring */
	m->snap_ring[m->snap_ring_pos % SNAP_RING] = (char)ch;
	m->snap_ring_pos++;
	if (m->snap_ring_pos < n)
		return;
	for (size_t i = 0; i < n; i++)
		if (m->snap_ring[(m->snap_ring_pos - n + i) % SNAP_RING] != s[i])
			return;
	m->snap_done = true;
	atomic_store(&m->snap_trigger, true);
}
