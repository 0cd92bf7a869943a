/* SPDX-License-Identifier: MIT */
/*
 * VM snapshots: the whole VM (MMU setup, library-owned HPT, memory of every slot, and
 * every vcpu's state) in one zlib-compressed (gzip) file.
 *
 * Format, version 1, 2 or 3, all numbers big-endian inside the compressed stream:
 *   "KVMPPCSN" u32 version
 *   records: u32 tag, u64 payload length, payload
 *     USER  (versions 2 and 3, first record, at most SNAP_USER_MAX bytes) the caller's own
 *           bytes, e.g. a VMM's device state (kvmppc_snapshot_save_user); the library
 *           stores them and gives them back (kvmppc_snapshot_read_user), nothing more
 *     MACH  u8 radix, u8 gtse, u64 process_table, u64 sdr1, u64 hpt_size, hpt bytes
 *     CLOCK (version 3 only, before any VCPU) u32 mode (the clock's shift as a signed
 *           number: 0..10 instruction-count time), u64 the clock's value (virtual ns).
 *           Written only in instruction-count time, so a VM on host time still writes
 *           version 1 or 2 files that older loaders read; the VCPU records' TB offsets,
 *           decrementers and PURR/SPURR/VTB are then relative to this clock, and a
 *           restored guest continues exactly as the saved one would have.
 *     SLOT  u32 id, u64 gpa, u64 size, u32 flags, size bytes of memory
 *     VCPU  u32 id, u32 pvr, kvm_regs (49 u64), u32 pending, SLB (n, n x 2 u64),
 *           u32 count, count x (u64 ONE_REG id, 16 value bytes)
 *     END   (empty)
 * Vcpu state goes through the backend's own get/set_one_reg for every id the SPR table
 * names plus the non-SPR ids (VSRs, FPSCR, VSCR, time base, VPA...): the SPR table is the
 * one list of what a vcpu holds.
 *
 * Loading reads the file twice: the first pass checks everything (structure, the gzip
 * CRC at the end, that the VM has the same slots, vcpus and CPU models) without touching
 * the VM; only then does the second pass apply it. A corrupt or truncated file, or one of
 * another VM shape, gives an error and leaves the VM as it was.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kvm_internal.h"
#include "mmu/byteorder.h"
#include "mmu/xlate.h"
#include "spr/spr.h"

#ifdef KVMPPC_HAVE_ZLIB
#include <zlib.h>

#define SNAP_MAGIC "KVMPPCSN"
#define SNAP_VERSION 1u      /* without a USER record (readable by older loaders) */
#define SNAP_VERSION_USER 2u /* with one */
#define SNAP_VERSION_CLOCK 3u /* a CLOCK record, a USER record or not */
#define SNAP_USER_MAX (16u << 20)

static bool known_version(uint32_t v)
{
	return v == SNAP_VERSION || v == SNAP_VERSION_USER || v == SNAP_VERSION_CLOCK;
}
enum { TAG_MACH = 1, TAG_SLOT = 2, TAG_VCPU = 3, TAG_USER = 4, TAG_CLOCK = 5,
	TAG_END = 0x454e4400 };

/* ---- the vcpu's ONE_REG list ---- */

static const uint64_t extra_ids[] = {
	KVM_REG_PPC_FPSCR, KVM_REG_PPC_VSCR, KVM_REG_PPC_TB_OFFSET, KVM_REG_PPC_DEC_EXPIRY,
	KVM_REG_PPC_LPCR_64, KVM_REG_PPC_ARCH_COMPAT, KVM_REG_PPC_ONLINE,
	/* the VPA last, registration order: VPA before its DTL and SLB shadow */
	KVM_REG_PPC_VPA_ADDR, KVM_REG_PPC_VPA_SLB, KVM_REG_PPC_VPA_DTL,
};

/* Call @fn for every id, in restore order. Return the first error. */
static int for_each_id(struct kvm_vcpu *v, int (*fn)(struct kvm_vcpu *, uint64_t, void *), void *arg)
{
	int r;
	for (unsigned n = 0; n < 32; n++) {
		if ((r = fn(v, KVM_REG_PPC_VSR(n), arg)) || (r = fn(v, KVM_REG_PPC_VR(n), arg)))
			return r;
	}
	for (unsigned i = 0; i < spr_table_count; i++) {
		const struct spr_def *d = &spr_table[i];
		if (d->one_reg && spr_find_one_reg(&v->cpu, d->one_reg) == d &&
		    d->one_reg != KVM_REG_PPC_VPA_ADDR && (r = fn(v, d->one_reg, arg)))
			return r;
	}
	for (size_t i = 0; i < sizeof(extra_ids) / sizeof(extra_ids[0]); i++)
		if ((r = fn(v, extra_ids[i], arg)))
			return r;
	/* The TM checkpoint (cpu/tm.c) on models that run transactions: a vcpu saved in
	 * Suspended state (a reclaimed or interrupted transaction) needs it back. */
	if (v->cpu.tm_avail) {
		for (unsigned n = 0; n < 32; n++)
			if ((r = fn(v, KVM_REG_PPC_TM_GPR(n), arg)))
				return r;
		for (unsigned n = 0; n < 64; n++)
			if ((r = fn(v, KVM_REG_PPC_TM_VSR(n), arg)))
				return r;
		/* TM_CR .. TM_XER are U64 ids 0x60..0x6a except 0x67, the U32 TM_VSCR */
		for (uint64_t id = KVM_REG_PPC_TM_CR; id <= KVM_REG_PPC_TM_XER; id++)
			if ((id & 0xff) != 0x67 && (r = fn(v, id, arg)))
				return r;
		if ((r = fn(v, KVM_REG_PPC_TM_VSCR, arg)))
			return r;
	}
	return 0;
}

/* ---- writing ---- */

struct out {
	gzFile gz;
	int err;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (!o->err && n && gzwrite(o->gz, p, (unsigned)n) != (int)n)
		o->err = -EIO;
}

static void put32(struct out *o, uint32_t v)
{
	uint8_t b[4];
	st_be32(b, v);
	put(o, b, 4);
}

static void put64(struct out *o, uint64_t v)
{
	uint8_t b[8];
	st_be64(b, v);
	put(o, b, 8);
}

static void put_big(struct out *o, const uint8_t *p, uint64_t n)
{
	while (n && !o->err) {
		size_t c = n > (1u << 30) ? (1u << 30) : (size_t)n;
		put(o, p, c);
		p += c;
		n -= c;
	}
}

static int count_id(struct kvm_vcpu *v, uint64_t id, void *arg)
{
	(void)v;
	(void)id;
	++*(uint32_t *)arg;
	return 0;
}

static int save_id(struct kvm_vcpu *v, uint64_t id, void *arg)
{
	struct out *o = arg;
	union kvmppc_one_reg val;
	memset(&val, 0, sizeof(val));
	int r = v->kvm->ops->get_one_reg(v, id, &val);
	if (r)
		return r;
	uint8_t b[16];
	st_be64(b, KVM_REG_SIZE(id) == 4 ? val.wval : KVM_REG_SIZE(id) == 8 ? val.dval : val.vsxval[0]);
	st_be64(b + 8, KVM_REG_SIZE(id) == 16 ? val.vsxval[1] : 0);
	put64(o, id);
	put(o, b, 16);
	return 0;
}

static void save_regs(struct out *o, const struct kvm_regs *r)
{
	put64(o, r->pc), put64(o, r->cr), put64(o, r->ctr), put64(o, r->lr), put64(o, r->xer);
	put64(o, r->msr), put64(o, r->srr0), put64(o, r->srr1), put64(o, r->pid);
	put64(o, r->sprg0), put64(o, r->sprg1), put64(o, r->sprg2), put64(o, r->sprg3);
	put64(o, r->sprg4), put64(o, r->sprg5), put64(o, r->sprg6), put64(o, r->sprg7);
	for (int i = 0; i < 32; i++)
		put64(o, r->gpr[i]);
}

static int save(struct kvm *kvm, const char *path, const void *user, size_t user_len)
{
	if (!kvm || !path || (user_len && !user) || user_len > SNAP_USER_MAX)
		return -EINVAL;
	gzFile gz = gzopen(path, "wb6");
	if (!gz)
		return -errno ? -errno : -EIO;
	struct out o = {gz, 0};
	struct ppc_machine *m = &kvm->mach;
	/* The write lock waits for running vcpus to leave their run loops. */
	pthread_mutex_lock(&kvm->lock);
	kvm_map_write_lock(kvm);
	put(&o, SNAP_MAGIC, 8);
	const struct ppc_clock *k = &m->clock;
	bool clock = k->shift != PPC_CLOCK_HOST;
	put32(&o, clock ? SNAP_VERSION_CLOCK : user ? SNAP_VERSION_USER : SNAP_VERSION);
	if (user) {
		put32(&o, TAG_USER);
		put64(&o, user_len);
		put(&o, user, user_len);
	}

	put32(&o, TAG_MACH);
	put64(&o, 2 + 4 * 8 + m->papr_hpt_size);
	uint8_t flags[2] = {m->radix, m->gtse};
	put(&o, flags, 2);
	put64(&o, m->process_table), put64(&o, m->sdr1), put64(&o, m->papr_hpt_size);
	put_big(&o, m->papr_hpt, m->papr_hpt_size);

	if (clock) {
		kvm_clock_publish_all(kvm); /* instructions run by emulate_op */
		put32(&o, TAG_CLOCK);
		put64(&o, 4 + 8);
		put32(&o, (uint32_t)k->shift), put64(&o, atomic_load(&k->now));
	}

	for (unsigned s = 0; s < KVM_USER_MEM_SLOTS; s++) {
		if (!kvm->slot_used[s])
			continue;
		const struct kvm_memory_slot *ms = &kvm->memslots[s];
		uint64_t size = (uint64_t)ms->npages << PPC_PAGE_SHIFT;
		put32(&o, TAG_SLOT);
		put64(&o, 4 + 8 + 8 + 4 + size);
		put32(&o, s), put64(&o, (uint64_t)ms->base_gfn << PPC_PAGE_SHIFT), put64(&o, size);
		put32(&o, ms->flags);
		put_big(&o, (const uint8_t *)(uintptr_t)ms->userspace_addr, size);
	}

	for (unsigned i = 0; i < kvm->nvcpus && !o.err; i++) {
		struct kvm_vcpu *v = kvm->vcpus[i];
		uint32_t nids = 0;
		for_each_id(v, count_id, &nids);
		put32(&o, TAG_VCPU);
		put64(&o, 4 + 4 + 49 * 8 + 4 + 4 + PPC_SLB_SIZE * 16 + 4 + nids * 24ull);
		put32(&o, v->vcpu_id), put32(&o, v->cpu.pvr);
		struct kvm_regs regs;
		kvmppc_get_regs(v, &regs);
		save_regs(&o, &regs);
		put32(&o, atomic_load(&v->cpu.pending));
		put32(&o, PPC_SLB_SIZE);
		for (unsigned e = 0; e < PPC_SLB_SIZE; e++)
			put64(&o, v->cpu.slb.e[e].esid), put64(&o, v->cpu.slb.e[e].vsid);
		put32(&o, nids);
		int r = for_each_id(v, save_id, &o);
		if (r && !o.err)
			o.err = r;
	}
	put32(&o, TAG_END);
	put64(&o, 0);
	kvm_map_write_unlock(kvm);
	pthread_mutex_unlock(&kvm->lock);
	if (gzclose(gz) != Z_OK && !o.err)
		o.err = -EIO;
	return o.err;
}

int kvmppc_snapshot_save(struct kvm *kvm, const char *path)
{
	return save(kvm, path, NULL, 0);
}

int kvmppc_snapshot_save_user(struct kvm *kvm, const char *path, const void *user, size_t len)
{
	return save(kvm, path, user ? user : "", len);
}

/* ---- reading ---- */

struct in {
	gzFile gz;
	int err;
};

static void get(struct in *i, void *p, size_t n)
{
	if (i->err)
		return;
	if (n && gzread(i->gz, p, (unsigned)n) != (int)n)
		i->err = -EINVAL; /* truncated or corrupt (zlib checks the CRC at the end) */
}

static uint32_t get32(struct in *i)
{
	uint8_t b[4] = {0};
	get(i, b, 4);
	return ld_be32(b);
}

static uint64_t get64(struct in *i)
{
	uint8_t b[8] = {0};
	get(i, b, 8);
	return ld_be64(b);
}

/* Read @n bytes into @dst, or skip them when @dst is NULL (the checking pass). */
static void get_big(struct in *i, uint8_t *dst, uint64_t n)
{
	uint8_t buf[65536];
	while (n && !i->err) {
		size_t c = n > sizeof(buf) ? sizeof(buf) : (size_t)n;
		get(i, dst ? dst : buf, c);
		if (dst)
			dst += c;
		n -= c;
	}
}

static struct kvm_vcpu *vcpu_by_id(struct kvm *kvm, uint32_t id)
{
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		if (kvm->vcpus[i]->vcpu_id == id)
			return kvm->vcpus[i];
	return NULL;
}

static void load_regs(struct in *i, struct kvm_regs *r)
{
	r->pc = get64(i), r->cr = get64(i), r->ctr = get64(i), r->lr = get64(i), r->xer = get64(i);
	r->msr = get64(i), r->srr0 = get64(i), r->srr1 = get64(i), r->pid = get64(i);
	r->sprg0 = get64(i), r->sprg1 = get64(i), r->sprg2 = get64(i), r->sprg3 = get64(i);
	r->sprg4 = get64(i), r->sprg5 = get64(i), r->sprg6 = get64(i), r->sprg7 = get64(i);
	for (int k = 0; k < 32; k++)
		r->gpr[k] = get64(i);
}

static void load_vcpu(struct in *in, struct kvm *kvm, uint64_t len, bool apply)
{
	uint32_t id = get32(in), pvr = get32(in);
	struct kvm_vcpu *v = vcpu_by_id(kvm, id);
	if (!in->err && (!v || v->cpu.pvr != pvr))
		in->err = -EINVAL; /* another VM shape */
	struct kvm_regs regs;
	memset(&regs, 0, sizeof(regs));
	load_regs(in, &regs);
	uint32_t pending = get32(in);
	uint32_t nslb = get32(in);
	if (!in->err && nslb != PPC_SLB_SIZE)
		in->err = -EINVAL;
	struct ppc_slb slb;
	memset(&slb, 0, sizeof(slb));
	for (unsigned e = 0; e < PPC_SLB_SIZE && !in->err; e++)
		slb.e[e].esid = get64(in), slb.e[e].vsid = get64(in);
	uint32_t nids = get32(in);
	if (!in->err && len != 4 + 4 + 49 * 8 + 4 + 4 + PPC_SLB_SIZE * 16 + 4 + nids * 24ull)
		in->err = -EINVAL;
	if (in->err)
		return;
	if (apply) {
		kvmppc_set_regs(v, &regs);
		atomic_store(&v->cpu.pending, pending);
		v->cpu.slb = slb;
		hash_slb_reindex(&v->cpu);
		/* VPA areas go away first so the registration order holds */
		union kvmppc_one_reg zero;
		memset(&zero, 0, sizeof(zero));
		kvm->ops->set_one_reg(v, KVM_REG_PPC_VPA_DTL, &zero);
		kvm->ops->set_one_reg(v, KVM_REG_PPC_VPA_SLB, &zero);
	}
	for (uint32_t k = 0; k < nids && !in->err; k++) {
		uint64_t rid = get64(in);
		uint8_t b[16] = {0};
		get(in, b, 16);
		if (!apply || in->err)
			continue;
		union kvmppc_one_reg val;
		memset(&val, 0, sizeof(val));
		if (KVM_REG_SIZE(rid) == 4)
			val.wval = (uint32_t)ld_be64(b);
		else if (KVM_REG_SIZE(rid) == 8)
			val.dval = ld_be64(b);
		else
			val.vsxval[0] = ld_be64(b), val.vsxval[1] = ld_be64(b + 8);
		(void)kvm->ops->set_one_reg(v, rid, &val); /* read-only ids refuse: nothing lost */
	}
	if (apply)
		mem_flush_tlb(&v->cpu);
}

/* One pass over the file; @apply = false only checks it. */
static int load_pass(struct kvm *kvm, const char *path, bool apply)
{
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		return errno ? -errno : -EIO;
	struct in in = {gz, 0};
	struct ppc_machine *m = &kvm->mach;
	char magic[8] = {0};
	get(&in, magic, 8);
	uint32_t version = 0;
	if (!in.err && memcmp(magic, SNAP_MAGIC, 8))
		in.err = -EINVAL;
	if (!in.err && !known_version(version = get32(&in)))
		in.err = -EINVAL;
	bool first = true, seen_vcpu = false, seen_clock = false;
	bool end = false, seen_slot[KVM_USER_MEM_SLOTS] = {false};
	while (!in.err && !end) {
		uint32_t tag = get32(&in);
		uint64_t len = get64(&in);
		if (in.err)
			break;
		bool was_first = first;
		first = false;
		switch (tag) {
		case TAG_USER: /* checked and skipped: kvmppc_snapshot_read_user returns it */
			if (version == SNAP_VERSION || !was_first || len > SNAP_USER_MAX) {
				in.err = -EINVAL;
				break;
			}
			get_big(&in, NULL, len);
			break;
		case TAG_MACH: {
			uint8_t fl[2] = {0};
			get(&in, fl, 2);
			uint64_t pt = get64(&in), sdr1 = get64(&in), hsize = get64(&in);
			if (!in.err && (len != 2 + 32 + hsize || (hsize && (hsize < (1u << 18) ||
				(hsize & (hsize - 1)) || hsize > (1ULL << 46)))))
				in.err = -EINVAL;
			if (!in.err && apply) {
				unsigned order = 0;
				while (hsize && (1ULL << order) < hsize)
					order++;
				if (hsize && m->papr_hpt_size != hsize && hash_papr_hpt_alloc(m, order))
					in.err = -ENOMEM;
				pthread_mutex_lock(&m->atomic_lock);
				m->radix = fl[0] != 0;
				m->gtse = fl[1] != 0;
				m->process_table = pt;
				m->sdr1 = sdr1;
				m->papr_hpt_epoch++; /* HTAB streams: a new table */
				pthread_mutex_unlock(&m->atomic_lock);
			}
			get_big(&in, apply && hsize ? m->papr_hpt : NULL, hsize);
			break;
		}
		case TAG_SLOT: {
			uint32_t id = get32(&in);
			uint64_t gpa = get64(&in), size = get64(&in);
			uint32_t flags = get32(&in);
			(void)flags;
			const struct kvm_memory_slot *ms = id < KVM_USER_MEM_SLOTS && kvm->slot_used[id]
				? &kvm->memslots[id] : NULL;
			if (!in.err && (!ms || len != 24 + size || seen_slot[id] ||
					(uint64_t)ms->base_gfn << PPC_PAGE_SHIFT != gpa ||
					(uint64_t)ms->npages << PPC_PAGE_SHIFT != size))
				in.err = -EINVAL; /* the VM's memory map differs */
			if (in.err)
				break;
			seen_slot[id] = true;
			get_big(&in, apply ? (uint8_t *)(uintptr_t)ms->userspace_addr : NULL, size);
			break;
		}
		case TAG_CLOCK: {
			int32_t shift = (int32_t)get32(&in);
			uint64_t now = get64(&in);
			if (!in.err && (version != SNAP_VERSION_CLOCK || len != 12 || seen_vcpu ||
					seen_clock || shift < PPC_CLOCK_TICKS || shift == PPC_CLOCK_HOST ||
					shift > PPC_CLOCK_SHIFT_MAX))
				in.err = -EINVAL;
			seen_clock = true;
			if (!in.err && apply) {
				/* before the vcpus: their TB offsets and counters are relative to it */
				kvm_clock_set_locked(kvm, shift);
				atomic_store(&m->clock.now, now);
				for (unsigned v = 0; v < kvm->nvcpus; v++)
					kvm->vcpus[v]->cpu.clock_icount = kvm->vcpus[v]->cpu.icount;
			}
			break;
		}
		case TAG_VCPU:
			seen_vcpu = true;
			load_vcpu(&in, kvm, len, apply);
			break;
		case TAG_END:
			end = true;
			break;
		default:
			in.err = -EINVAL;
		}
	}
	if (!in.err && !end)
		in.err = -EINVAL;
	if (!in.err) { /* nothing may follow END; reaching EOF also checks the gzip CRC */
		uint8_t extra;
		if (gzread(gz, &extra, 1) != 0)
			in.err = -EINVAL;
	}
	gzclose(gz);
	return in.err;
}

int kvmppc_snapshot_load(struct kvm *kvm, const char *path)
{
	if (!kvm || !path)
		return -EINVAL;
	pthread_mutex_lock(&kvm->lock);
	kvm_map_write_lock(kvm);
	int r = load_pass(kvm, path, false);
	if (!r)
		r = load_pass(kvm, path, true);
	kvm_map_write_unlock(kvm);
	pthread_mutex_unlock(&kvm->lock);
	atomic_fetch_add(&kvm->mach.map_gen, 1);
	return r;
}

int kvmppc_snapshot_read_user(const char *path, void **user, size_t *len)
{
	if (!path || !user || !len)
		return -EINVAL;
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		return errno ? -errno : -EIO;
	struct in in = {gz, 0};
	char magic[8] = {0};
	get(&in, magic, 8);
	uint32_t version = get32(&in), tag = get32(&in);
	uint64_t n = get64(&in);
	int r = in.err;
	if (!r && (memcmp(magic, SNAP_MAGIC, 8) || !known_version(version)))
		r = -EINVAL;
	else if (!r && (version == SNAP_VERSION || tag != TAG_USER))
		r = -ENOENT;
	else if (!r && n > SNAP_USER_MAX)
		r = -EINVAL;
	uint8_t *buf = NULL;
	if (!r && !(buf = malloc(n ? (size_t)n : 1)))
		r = -ENOMEM;
	if (!r) {
		get(&in, buf, (size_t)n);
		r = in.err;
	}
	gzclose(gz);
	if (r) {
		free(buf);
		return r;
	}
	*user = buf;
	*len = (size_t)n;
	return 0;
}

#else /* !KVMPPC_HAVE_ZLIB */

int kvmppc_snapshot_save_user(struct kvm *kvm, const char *path, const void *user, size_t len)
{
	(void)kvm, (void)path, (void)user, (void)len;
	return -ENOSYS;
}

int kvmppc_snapshot_read_user(const char *path, void **user, size_t *len)
{
	(void)path, (void)user, (void)len;
	return -ENOSYS;
}

int kvmppc_snapshot_save(struct kvm *kvm, const char *path)
{
	(void)kvm, (void)path;
	return -ENOSYS; /* built without zlib */
}

int kvmppc_snapshot_load(struct kvm *kvm, const char *path)
{
	(void)kvm, (void)path;
	return -ENOSYS;
}

#endif
