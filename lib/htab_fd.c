/* SPDX-License-Identifier: MIT */
/*
 * KVM_PPC_GET_HTAB_FD: the HPT as a stream of records (kvm-contract.md 3.5), for saving
 * and restoring a PAPR guest's hash table. A record is a struct kvm_get_htab_header
 * (host byte order) followed by n_valid HPTEs of 16 bytes (big-endian, as in the HPT);
 * the n_invalid entries after them are invalid.
 *
 * The kernel serves read()/write() on its fd itself. A library cannot, so each stream is
 * one end of an AF_UNIX socketpair with a worker thread on the other end:
 *
 * - Read streams are SOCK_SEQPACKET (SOCK_DGRAM where the host lacks it): one record per
 *   message (at most HTAB_MAX_VALID HPTEs, so a read needs a buffer of at least
 *   8 + 16 * HTAB_MAX_VALID bytes; a shorter one truncates the record) and an empty
 *   message at the end of each pass, which read() returns as 0, as the kernel does.
 *   The first pass is the whole table from start_index (valid entries, and runs of
 *   invalid ones); later passes hold the entries an hcall changed since the previous
 *   pass began (H_ENTER, H_REMOVE, H_BULK_REMOVE, H_PROTECT, H_CLEAR_REF/MOD: in the
 *   PAPR model the guest cannot write the HPT otherwise). When nothing changed, the
 *   worker keeps one more empty message queued whenever the caller has read everything
 *   (it polls the caller's end, which it may: same process), so a read returns 0 as the
 *   kernel's does, after at most HTAB_POLL_MS; a replaced HPT (allocation, resize,
 *   snapshot load) gives a new full pass. With KVM_GET_HTAB_BOLTED_ONLY, entries without
 *   HPTE_V_BOLTED count as invalid.
 * - Write streams are SOCK_STREAM: records in any chunking. Each is checked (index range
 *   within the HPT, valid entries with V set and a page size mmu/hash.c implements) and
 *   applied in order; translations are flushed when the stream ends. A write cannot
 *   fail with -EINVAL asynchronously, so the result is reported back: after the caller
 *   shuts its side down (shutdown(fd, SHUT_WR)), read() returns an int32_t in host byte
 *   order, 0 or -EINVAL, then end of file. After an invalid record the rest is read
 *   and discarded (the caller's writes do not fail with EPIPE/SIGPIPE).
 *
 * Closing the fd ends the worker (it sees the hangup within HTAB_POLL_MS); the VM's
 * destruction stops and joins every worker still running.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kvmppc/hcall.h"
#include "lib/kvm_internal.h"
#include "mmu/byteorder.h"
#include "mmu/xlate.h"

#define HTAB_MAX_VALID 32
#define HTAB_MAX_INVALID 0xffffu
#define HTAB_POLL_MS 10
#define HDR_SIZE 8

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

struct htab_stream {
	struct htab_stream *next;
	struct kvm *kvm;
	pthread_t thread;
	int sock;           /* the library's end */
	int peer;           /* the caller's end (read streams: polled, never read) */
	uint64_t flags;
	uint64_t start;
	_Atomic bool stop;  /* the VM goes away */
	_Atomic bool done;  /* the worker has returned: join and free */
};

/* Wait until @events are possible on the worker's socket. Return 0, or -1 when the VM
 * stops the stream or the caller's end is gone (for POLLIN, a hangup still reads: recv
 * then returns what is left and 0). */
static int wait_io(struct htab_stream *s, short events)
{
	for (;;) {
		if (atomic_load(&s->stop))
			return -1;
		struct pollfd p = {.fd = s->sock, .events = events};
		int r = poll(&p, 1, HTAB_POLL_MS);
		if (r < 0 && errno != EINTR)
			return -1;
		if (r <= 0)
			continue;
		if (p.revents & events)
			return 0;
		if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
			return -1;
	}
}

/* The caller closed its end? (Waits up to HTAB_POLL_MS.) */
static bool hung_up(struct htab_stream *s)
{
	struct pollfd p = {.fd = s->sock, .events = 0};
	int r = poll(&p, 1, HTAB_POLL_MS);
	return atomic_load(&s->stop) || (r > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)));
}

static int send_all(struct htab_stream *s, const void *buf, size_t len, bool message)
{
	const uint8_t *p = buf;
	do {
		ssize_t n = send(s->sock, p, len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if ((errno != EAGAIN && errno != EWOULDBLOCK) || wait_io(s, POLLOUT))
				return -1;
			continue;
		}
		if (message)
			return 0; /* one datagram, whole or nothing */
		p += n;
		len -= (size_t)n;
	} while (len);
	return 0;
}

/* Read exactly @len bytes. Return 1, 0 at a clean end of stream before the first byte,
 * -1 on a stop, an error or an end in the middle. */
static int recv_all(struct htab_stream *s, void *buf, size_t len)
{
	uint8_t *p = buf;
	size_t got = 0;
	while (got < len) {
		ssize_t n = recv(s->sock, p + got, len - got, 0);
		if (n == 0)
			return got ? -1 : 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if ((errno != EAGAIN && errno != EWOULDBLOCK) || wait_io(s, POLLIN))
				return -1;
			continue;
		}
		got += (size_t)n;
	}
	return 1;
}

/* ---- read streams ---- */

static bool send_as_valid(const struct htab_stream *s, uint64_t v)
{
	return (v & HPTE_V_VALID) &&
	       (!(s->flags & KVM_GET_HTAB_BOLTED_ONLY) || (v & HPTE_V_BOLTED));
}

/*
 * One pass: every entry from start_index (@full), or those changed after @since. Return
 * 0, 1 if the HPT was replaced meanwhile (the caller starts a full pass), -1 to end.
 */
static int read_pass(struct htab_stream *s, bool full, uint64_t since, uint64_t epoch)
{
	struct ppc_machine *m = &s->kvm->mach;
	uint8_t msg[HDR_SIZE + 16 * HTAB_MAX_VALID];
	uint64_t i = full ? s->start : 0;
	for (;;) {
		pthread_mutex_lock(&m->atomic_lock);
		if (m->papr_hpt_epoch != epoch) {
			pthread_mutex_unlock(&m->atomic_lock);
			return 1;
		}
		uint64_t n = m->papr_hpt ? m->papr_hpt_size / 16 : 0;
		struct hpt_view h = {.base = m->papr_hpt, .nptes = n};
#define SELECTED(k) (full || m->papr_hpt_gen[k] > since)
		while (i < n && !SELECTED(i))
			i++;
		if (i >= n || i > UINT32_MAX) {
			pthread_mutex_unlock(&m->atomic_lock);
			return 0;
		}
		uint32_t index = (uint32_t)i;
		unsigned nv = 0, ni = 0;
		while (i < n && nv < HTAB_MAX_VALID && SELECTED(i) && send_as_valid(s, hpte_get(&h, i, 0))) {
			uint64_t v = hpte_get(&h, i, 0), r = hpte_get(&h, i, 1);
			st_be64(msg + HDR_SIZE + 16 * nv, v);
			st_be64(msg + HDR_SIZE + 16 * nv + 8, r);
			nv++;
			i++;
		}
		if (nv < HTAB_MAX_VALID)
			while (i < n && ni < HTAB_MAX_INVALID && SELECTED(i) &&
			       !send_as_valid(s, hpte_get(&h, i, 0))) {
				ni++;
				i++;
			}
#undef SELECTED
		pthread_mutex_unlock(&m->atomic_lock);
		struct kvm_get_htab_header hdr = {.index = index, .n_valid = (uint16_t)nv,
						  .n_invalid = (uint16_t)ni};
		memcpy(msg, &hdr, HDR_SIZE);
		if (send_all(s, msg, HDR_SIZE + 16 * (size_t)nv, true))
			return -1;
	}
}

static void reader(struct htab_stream *s)
{
	struct ppc_machine *m = &s->kvm->mach;
	bool first = true;
	uint64_t since = 0, epoch = 0;
	for (;;) {
		pthread_mutex_lock(&m->atomic_lock);
		uint64_t seq = m->papr_hpt_seq, ep = m->papr_hpt_epoch;
		pthread_mutex_unlock(&m->atomic_lock);
		bool full = first || ep != epoch;
		if (!full && seq == since) {
			/* nothing changed: the caller's next read must still return 0 */
			struct pollfd p = {.fd = s->peer, .events = POLLIN};
			if (poll(&p, 1, 0) == 0 && send_all(s, "", 0, true))
				return;
			if (hung_up(s))
				return;
			continue;
		}
		int r = read_pass(s, full, full ? 0 : since, ep);
		if (r < 0)
			return;
		if (r > 0) { /* replaced during the pass: start again with the new table */
			first = true;
			continue;
		}
		if (send_all(s, "", 0, true))
			return;
		first = false;
		since = seq;
		epoch = ep;
	}
}

/* ---- write streams ---- */

static long apply_record(struct htab_stream *s, const struct kvm_get_htab_header *hdr)
{
	struct ppc_machine *m = &s->kvm->mach;
	uint8_t e[16];
	for (unsigned k = 0; k < hdr->n_valid; k++) {
		if (recv_all(s, e, 16) != 1)
			return -EPIPE;
		uint64_t v = ld_be64(e), r = ld_be64(e + 8);
		unsigned base;
		if (!(v & HPTE_V_VALID) || !hpte_page_shift(v, r, &base))
			return -EINVAL;
		pthread_mutex_lock(&m->atomic_lock);
		struct hpt_view h = {.base = m->papr_hpt, .nptes = m->papr_hpt_size / 16};
		uint64_t idx = (uint64_t)hdr->index + k;
		if (!h.base || idx >= h.nptes) { /* replaced by a smaller one meanwhile */
			pthread_mutex_unlock(&m->atomic_lock);
			return -EINVAL;
		}
		hpte_set(&h, idx, 0, 0);
		hpte_set(&h, idx, 1, r);
		hpte_set(&h, idx, 0, v);
		hash_papr_hpte_changed(m, idx);
		pthread_mutex_unlock(&m->atomic_lock);
	}
	pthread_mutex_lock(&m->atomic_lock);
	struct hpt_view h = {.base = m->papr_hpt, .nptes = m->papr_hpt_size / 16};
	uint64_t first = (uint64_t)hdr->index + hdr->n_valid;
	if (hdr->n_invalid && (!h.base || first + hdr->n_invalid > h.nptes)) {
		pthread_mutex_unlock(&m->atomic_lock);
		return -EINVAL;
	}
	for (uint64_t idx = first; idx < first + hdr->n_invalid; idx++)
		if (hpte_get(&h, idx, 0) & HPTE_V_VALID) {
			hpte_set(&h, idx, 0, 0);
			hash_papr_hpte_changed(m, idx);
		}
	pthread_mutex_unlock(&m->atomic_lock);
	return 0;
}

static void flush_vcpus(struct kvm *kvm)
{
	pthread_mutex_lock(&kvm->lock);
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		atomic_fetch_or(&kvm->vcpus[i]->cpu.attention, ATTN_TLB_FLUSH);
	pthread_mutex_unlock(&kvm->lock);
}

static void writer(struct htab_stream *s)
{
	struct ppc_machine *m = &s->kvm->mach;
	int32_t result = 0;
	bool changed = false;
	for (;;) {
		struct kvm_get_htab_header hdr;
		int r = recv_all(s, &hdr, HDR_SIZE);
		if (r == 0)
			break;
		if (r < 0) {
			result = -EPIPE; /* cut in the middle of a header */
			break;
		}
		pthread_mutex_lock(&m->atomic_lock);
		uint64_t n = m->papr_hpt ? m->papr_hpt_size / 16 : 0;
		pthread_mutex_unlock(&m->atomic_lock);
		if ((uint64_t)hdr.index + hdr.n_valid + hdr.n_invalid > n) {
			result = -EINVAL;
			break;
		}
		changed = true;
		long e = apply_record(s, &hdr);
		if (e) {
			result = (int32_t)e;
			break;
		}
	}
	if (changed)
		flush_vcpus(s->kvm);
	if (atomic_load(&s->stop))
		return;
	send_all(s, &result, sizeof(result), false);
	shutdown(s->sock, SHUT_WR);
	/* drain what the caller still sends, until it closes or shuts its side down */
	uint8_t sink[4096];
	for (;;) {
		ssize_t n = recv(s->sock, sink, sizeof(sink), 0);
		if (n == 0)
			return;
		if (n < 0 && errno != EINTR &&
		    ((errno != EAGAIN && errno != EWOULDBLOCK) || wait_io(s, POLLIN)))
			return;
	}
}

static void *worker(void *arg)
{
	struct htab_stream *s = arg;
	if (s->flags & KVM_GET_HTAB_WRITE)
		writer(s);
	else
		reader(s);
	close(s->sock);
	s->sock = -1;
	atomic_store(&s->done, true);
	return NULL;
}

/* Join and free finished workers (all of them with @all, after asking them to stop).
 * Caller holds htab_lock. */
static void reap(struct kvm *kvm, bool all)
{
	for (struct htab_stream **pp = &kvm->htab_streams; *pp;) {
		struct htab_stream *s = *pp;
		if (all)
			atomic_store(&s->stop, true);
		if (!all && !atomic_load(&s->done)) {
			pp = &s->next;
			continue;
		}
		pthread_join(s->thread, NULL);
		*pp = s->next;
		free(s);
	}
}

void htab_fd_release_all(struct kvm *kvm)
{
	pthread_mutex_lock(&kvm->htab_lock);
	reap(kvm, true);
	pthread_mutex_unlock(&kvm->htab_lock);
}

static int make_pair(bool write, int sv[2])
{
	if (write)
		return socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0)
		return 0;
	return socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
}

long htab_fd_open(struct kvm *kvm, const struct kvm_get_htab_fd *ghf)
{
	if (ghf->flags & ~(KVM_GET_HTAB_BOLTED_ONLY | KVM_GET_HTAB_WRITE))
		return -EINVAL;
	if (ghf->reserved[0] || ghf->reserved[1])
		return -EINVAL;
	if (atomic_load(&kvm->mach.radix))
		return -EINVAL; /* no HPT: a radix guest */
	bool write = (ghf->flags & KVM_GET_HTAB_WRITE) != 0;
	if (write && !kvm->mach.papr_hpt) {
		int r = hash_papr_hpt_alloc(&kvm->mach, hash_papr_hpt_default_order(&kvm->mach));
		if (r)
			return r;
	}
	struct htab_stream *s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	int sv[2];
	if (make_pair(write, sv)) {
		int e = errno;
		free(s);
		return -e;
	}
	s->kvm = kvm;
	s->sock = sv[1];
	s->peer = sv[0];
	s->flags = ghf->flags;
	s->start = ghf->start_index;
	fcntl(sv[0], F_SETFD, FD_CLOEXEC);
	fcntl(sv[1], F_SETFD, FD_CLOEXEC);
	fcntl(sv[1], F_SETFL, fcntl(sv[1], F_GETFL) | O_NONBLOCK);
	pthread_mutex_lock(&kvm->htab_lock);
	reap(kvm, false);
	int e = pthread_create(&s->thread, NULL, worker, s);
	if (e) {
		pthread_mutex_unlock(&kvm->htab_lock);
		close(sv[0]);
		close(sv[1]);
		free(s);
		return -e;
	}
	s->next = kvm->htab_streams;
	kvm->htab_streams = s;
	pthread_mutex_unlock(&kvm->htab_lock);
	return sv[0];
}
