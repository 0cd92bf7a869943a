/* SPDX-License-Identifier: MIT */
/* KVM_PPC_GET_HTAB_FD (the HPT record stream, lib/htab_fd.c) and HPT resizing
 * (KVM_PPC_RESIZE_HPT_PREPARE/COMMIT, lib/vm_ioctl.c), through the VM ioctls. */
#include <poll.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mmu_fixture.h"

#define VSID 0x123456ULL
#define HV_V 1ULL
#define HV_H 2ULL
#define HV_L 4ULL
#define HV_BOLTED 0x10ULL
#define R_M 0x10ULL
#define NPTES_18 (1u << (18 - 4))

static int setup(void **state)
{
	fx_setup(state);
	struct fx *f = *state;
	uint32_t order = 18;
	assert_int_equal(kvmppc_vm_ioctl(f->vm, KVM_PPC_ALLOCATE_HTAB, &order), 0);
	cpu_set_msr(f->c, MSR_SF | MSR_IR | MSR_DR | MSR_ME);
	return 0;
}

static uint64_t hash256(uint64_t vsid, uint64_t ea, unsigned p)
{
	return (vsid ^ ((ea & 0x0fffffffULL) >> p)) & ((1ULL << 39) - 1);
}

static uint64_t avpn256(uint64_t vsid, uint64_t ea)
{
	return (vsid << 5) | ((ea & 0x0fffffffULL) >> 23);
}

static void slb_set(struct fx *f, unsigned idx, uint64_t esid, uint64_t vsid_img)
{
	f->c->gpr[3] = vsid_img;
	f->c->gpr[4] = esid | 0x08000000ULL | idx;
	assert_int_equal(exec1(f, 0x7c602324 /* slbmte r3,r4 */), PPC_OK);
}

/* H_ENTER a 4K translation of @ea (256M segment VSID) to @real; returns the index. */
static uint64_t enter4k(struct fx *f, uint64_t vsid, uint64_t ea, uint64_t real, uint64_t extra_v)
{
	uint64_t nptes = f->vm->mach.papr_hpt_size / 16;
	uint64_t g = hash256(vsid, ea, 12) & (nptes / 8 - 1);
	uint64_t v = (avpn256(vsid, ea) << 7) | HV_V | extra_v;
	assert_int_equal(hcall(f, H_ENTER, 0, g * 8, v, real | R_M | 2), H_SUCCESS);
	return f->c->gpr[4];
}

/* One read with a timeout (a broken stream fails the test instead of hanging it). */
static ssize_t read_msg(int fd, uint8_t *buf, size_t len)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	assert_int_equal(poll(&p, 1, 10000), 1);
	return read(fd, buf, len);
}

/* Read records until a pass ends (a read of 0) and apply them to @img (nptes entries).
 * Return the number of records; @seen marks the indices they covered. */
static unsigned read_pass(int fd, uint8_t *img, uint64_t nptes, bool *seen)
{
	uint8_t buf[4096];
	unsigned nrec = 0;
	for (;;) {
		ssize_t n = read_msg(fd, buf, sizeof(buf));
		assert_true(n >= 0);
		if (n == 0)
			return nrec;
		nrec++;
		struct kvm_get_htab_header h;
		assert_true(n >= 8);
		memcpy(&h, buf, 8);
		assert_int_equal((size_t)n, 8 + 16 * (size_t)h.n_valid);
		assert_true((uint64_t)h.index + h.n_valid + h.n_invalid <= nptes);
		memcpy(img + 16 * (uint64_t)h.index, buf + 8, 16 * (size_t)h.n_valid);
		memset(img + 16 * ((uint64_t)h.index + h.n_valid), 0, 16 * (size_t)h.n_invalid);
		if (seen)
			for (uint64_t i = h.index; i < (uint64_t)h.index + h.n_valid + h.n_invalid; i++)
				seen[i] = true;
	}
}

/* Same valid entries (an invalid entry's other bits carry nothing). */
static void assert_same_hpt(const uint8_t *a, const uint8_t *b, uint64_t nptes)
{
	for (uint64_t i = 0; i < nptes; i++) {
		uint64_t va = get_be64(a + 16 * i), vb = get_be64(b + 16 * i);
		assert_int_equal(va & HV_V, vb & HV_V);
		if (va & HV_V) {
			assert_int_equal(va, vb);
			assert_int_equal(get_be64(a + 16 * i + 8), get_be64(b + 16 * i + 8));
		}
	}
}

static int open_htab(struct fx *f, uint64_t flags, uint64_t start)
{
	struct kvm_get_htab_fd g = {.flags = flags, .start_index = start};
	long fd = kvmppc_vm_ioctl(f->vm, KVM_PPC_GET_HTAB_FD, &g);
	assert_true(fd >= 0);
	return (int)fd;
}

static void test_read_full_then_changes(void **state)
{
	struct fx *f = *state;
	uint64_t a = enter4k(f, VSID, 0x10001000ULL, 0x100000, 0);
	uint64_t b = enter4k(f, VSID, 0x10002000ULL, 0x101000, HV_BOLTED);
	uint64_t c = enter4k(f, VSID + 7, 0x10003000ULL, 0x102000, 0);
	int fd = open_htab(f, 0, 0);
	uint8_t *img = calloc(NPTES_18, 16);
	memset(img, 0xff, (size_t)NPTES_18 * 16); /* the first pass must cover everything */
	read_pass(fd, img, NPTES_18, NULL);
	assert_same_hpt(img, f->vm->mach.papr_hpt, NPTES_18);

	/* change two entries: later passes carry those (and only those) */
	uint64_t d = enter4k(f, VSID, 0x10004000ULL, 0x103000, 0);
	assert_int_equal(hcall(f, H_REMOVE, 0, a, 0, 0), H_SUCCESS);
	bool *seen = calloc(NPTES_18, sizeof(bool));
	for (int pass = 0; pass < 10000 && !(seen[a] && seen[d]); pass++)
		read_pass(fd, img, NPTES_18, seen); /* empty passes: nothing changed yet */
	assert_true(seen[a] && seen[d]);
	for (uint64_t i = 0; i < NPTES_18; i++)
		if (i != a && i != d)
			assert_false(seen[i]);
	assert_same_hpt(img, f->vm->mach.papr_hpt, NPTES_18);
	(void)b;
	(void)c;
	/* nothing changes any more: reads keep returning 0 (end of an empty pass); a pass
	 * may repeat an entry changed while the one before it was being read */
	for (int k = 0; k < 10 && read_pass(fd, img, NPTES_18, NULL); k++)
		;
	for (int k = 0; k < 3; k++)
		assert_int_equal(read_pass(fd, img, NPTES_18, NULL), 0);
	close(fd);

	/* BOLTED_ONLY: only b comes out valid */
	fd = open_htab(f, KVM_GET_HTAB_BOLTED_ONLY, 0);
	memset(img, 0xff, (size_t)NPTES_18 * 16);
	read_pass(fd, img, NPTES_18, NULL);
	for (uint64_t i = 0; i < NPTES_18; i++) {
		uint64_t v = get_be64(img + 16 * i);
		assert_int_equal(v != 0, i == b);
	}
	close(fd);
	free(seen);
	free(img);
}

/* Records written to a write stream; returns the int32 result it reports. */
static int32_t write_records(struct fx *f, const uint8_t *buf, size_t len)
{
	int fd = open_htab(f, KVM_GET_HTAB_WRITE, 0);
	size_t off = 0;
	while (off < len) { /* odd chunks: records need not line up with writes */
		size_t n = len - off < 100 ? len - off : 100;
		assert_int_equal(write(fd, buf + off, n), (ssize_t)n);
		off += n;
	}
	assert_int_equal(shutdown(fd, SHUT_WR), 0);
	int32_t result = 1;
	uint8_t rbuf[4];
	assert_int_equal(read_msg(fd, rbuf, 4), 4);
	memcpy(&result, rbuf, 4);
	assert_int_equal(read_msg(fd, rbuf, 4), 0);
	close(fd);
	return result;
}

static void test_write_into_second_vm(void **state)
{
	struct fx *f = *state;
	for (unsigned i = 0; i < 40; i++)
		enter4k(f, VSID + i, 0x10000000ULL + i * 0x1000, 0x100000 + i * 0x1000,
			i % 3 ? 0 : HV_BOLTED);
	/* the source stream, stored as it came */
	int fd = open_htab(f, 0, 0);
	size_t cap = 1 << 20, len = 0;
	uint8_t *stream = malloc(cap);
	for (;;) {
		ssize_t n = read_msg(fd, stream + len, 4096);
		assert_true(n >= 0);
		if (n == 0)
			break;
		len += (size_t)n;
		assert_true(len + 4096 <= cap);
	}
	close(fd);

	void *st2;
	fx_setup(&st2);
	struct fx *g = st2;
	uint32_t order = 18;
	assert_int_equal(kvmppc_vm_ioctl(g->vm, KVM_PPC_ALLOCATE_HTAB, &order), 0);
	/* something to be overwritten by the stream's invalid runs */
	put_be64(g->vm->mach.papr_hpt + 16 * 5, HV_V | (1ULL << 7));
	assert_int_equal(write_records(g, stream, len), 0);
	assert_same_hpt(g->vm->mach.papr_hpt, f->vm->mach.papr_hpt, NPTES_18);

	/* an index beyond the HPT: -EINVAL, and the HPT is left as it was */
	uint8_t bad[8 + 16];
	struct kvm_get_htab_header h = {.index = NPTES_18 - 1, .n_valid = 1, .n_invalid = 1};
	memcpy(bad, &h, 8);
	put_be64(bad + 8, HV_V | (1ULL << 7));
	put_be64(bad + 16, 0x100000 | R_M);
	assert_int_equal(write_records(g, bad, sizeof(bad)), -EINVAL);
	assert_same_hpt(g->vm->mach.papr_hpt, f->vm->mach.papr_hpt, NPTES_18);
	/* an invalid HPTE (V clear) in the valid part */
	h.index = 0;
	h.n_invalid = 0;
	memcpy(bad, &h, 8);
	put_be64(bad + 8, 1ULL << 7);
	assert_int_equal(write_records(g, bad, sizeof(bad)), -EINVAL);
	/* bad flags */
	struct kvm_get_htab_fd gh = {.flags = 4};
	assert_int_equal(kvmppc_vm_ioctl(g->vm, KVM_PPC_GET_HTAB_FD, &gh), -EINVAL);
	fx_teardown(&st2);
	free(stream);
}

/* A stream left open when the VM goes away is stopped and freed (ASan checks). */
static void test_open_at_destroy(void **state)
{
	struct fx *f = *state;
	int fd1 = open_htab(f, 0, 0);
	int fd2 = open_htab(f, KVM_GET_HTAB_WRITE, 0);
	int fd3 = open_htab(f, 0, 0);
	close(fd3);
	nanosleep(&(struct timespec){.tv_nsec = 20000000}, NULL);
	fx_teardown(state);
	close(fd1);
	close(fd2);
	fx_setup(state); /* for the teardown */
}

/* ---- resizing ---- */

static long resize(struct fx *f, unsigned shift)
{
	struct kvm_ppc_resize_hpt r = {.shift = shift};
	long e = kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_PREPARE, &r);
	if (e)
		return e;
	return kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_COMMIT, &r);
}

struct xl {
	uint64_t ea, real;
};

static void check_xlates(struct fx *f, const struct xl *x, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t val;
		assert_int_equal(mem_load(f->c, x[i].ea, 1, &val), PPC_OK);
		assert_int_equal(val, f->ram[x[i].real]);
	}
}

static void test_resize_up_and_down(void **state)
{
	struct fx *f = *state;
	assert_int_equal(resize(f, 19), 0);
	assert_int_equal(f->vm->mach.papr_hpt_size, 1u << 19);
	struct xl x[64];
	unsigned n = 0;
	slb_set(f, 1, 0x10000000ULL, VSID << 12);
	for (unsigned i = 0; i < 40; i++, n++) { /* 4K, primary, across many groups */
		x[n].ea = 0x10000000ULL + i * 0x11000 + 0x10;
		x[n].real = 0x200000 + i * 0x1000 + 0x10;
		enter4k(f, VSID, x[n].ea, x[n].real & ~0xfffULL, 0);
	}
	/* a secondary-hash entry and a 64K page in other segments */
	slb_set(f, 2, 0x20000000ULL, (VSID + 1) << 12);
	uint64_t ea = 0x20345000ULL, ngm = (1u << (19 - 7)) - 1;
	uint64_t g2 = ~hash256(VSID + 1, ea, 12) & ngm;
	assert_int_equal(hcall(f, H_ENTER, 0, g2 * 8, (avpn256(VSID + 1, ea) << 7) | HV_V | HV_H,
			       0x300000 | R_M | 2), H_SUCCESS);
	x[n].ea = ea + 0x20;
	x[n++].real = 0x300020;
	slb_set(f, 3, 0x30000000ULL, ((VSID + 2) << 12) | 0x110);
	ea = 0x30470000ULL;
	uint64_t g3 = hash256(VSID + 2, ea, 16) & ngm;
	assert_int_equal(hcall(f, H_ENTER, 0, g3 * 8, (avpn256(VSID + 2, ea) << 7) | HV_V | HV_L,
			       0x350000 | 0x1000 | R_M | 2), H_SUCCESS);
	x[n].ea = ea + 0x4567;
	x[n++].real = 0x354567;
	for (unsigned i = 0; i < n; i++)
		f->ram[x[i].real] = (uint8_t)(i + 1);
	check_xlates(f, x, n);

	assert_int_equal(resize(f, 18), 0); /* down */
	assert_int_equal(f->vm->mach.papr_hpt_size, 1u << 18);
	check_xlates(f, x, n);
	assert_int_equal(resize(f, 21), 0); /* up */
	assert_int_equal(f->vm->mach.papr_hpt_size, 1u << 21);
	check_xlates(f, x, n);
	uint64_t valid = 0;
	for (uint64_t i = 0; i < (1u << 21) / 16; i++)
		valid += get_be64(f->vm->mach.papr_hpt + 16 * i) & HV_V;
	assert_int_equal(valid, n);
}

static void test_resize_errors(void **state)
{
	struct fx *f = *state;
	struct kvm_ppc_resize_hpt r = {.shift = 19};
	assert_int_equal(kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_COMMIT, &r), -ENXIO);
	r.shift = 17;
	assert_int_equal(kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_PREPARE, &r), -EINVAL);
	r.shift = 19;
	r.flags = 1;
	assert_int_equal(kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_PREPARE, &r), -EINVAL);
	r.flags = 0;
	assert_int_equal(kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_PREPARE, &r), 0);
	r.shift = 20; /* commit must name the prepared size */
	assert_int_equal(kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_COMMIT, &r), -ENXIO);
	r.shift = 0; /* cancel */
	assert_int_equal(kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_PREPARE, &r), 0);
	r.shift = 19;
	assert_int_equal(kvmppc_vm_ioctl(f->vm, KVM_PPC_RESIZE_HPT_COMMIT, &r), -ENXIO);

	/* at 2^19, groups g and g + 2048 both fold into g at 2^18: 9 bolted entries there
	 * cannot fit, so the commit fails and the old table stays */
	assert_int_equal(resize(f, 19), 0);
	uint64_t ea = 0x10001000ULL, gm = (1u << 12) - 1;
	uint64_t g = hash256(VSID, ea, 12) & gm;
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(hcall(f, H_ENTER, 0, g * 8, (avpn256(VSID, ea) << 7) | HV_V | HV_BOLTED,
				       0x100000 | R_M | 2), H_SUCCESS);
	uint64_t ea2 = ea ^ (0x800ULL << 12); /* flips hash bit 11 */
	uint64_t g2 = hash256(VSID, ea2, 12) & gm;
	assert_int_equal(g2, g ^ 0x800);
	assert_int_equal(hcall(f, H_ENTER, 0, g2 * 8, (avpn256(VSID, ea2) << 7) | HV_V | HV_BOLTED,
			       0x100000 | R_M | 2), H_SUCCESS);
	uint8_t *before = malloc(1u << 19);
	memcpy(before, f->vm->mach.papr_hpt, 1u << 19);
	assert_int_equal(resize(f, 18), -ENOSPC);
	assert_int_equal(f->vm->mach.papr_hpt_size, 1u << 19);
	assert_memory_equal(before, f->vm->mach.papr_hpt, 1u << 19);
	/* not bolted: the ninth entry is dropped instead */
	assert_int_equal(hcall(f, H_REMOVE, 0, g2 * 8, 0, 0), H_SUCCESS);
	assert_int_equal(hcall(f, H_ENTER, 0, g2 * 8, (avpn256(VSID, ea2) << 7) | HV_V,
			       0x100000 | R_M | 2), H_SUCCESS);
	assert_int_equal(resize(f, 18), 0);
	free(before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_full_then_changes, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_write_into_second_vm, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_open_at_destroy, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_resize_up_and_down, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_resize_errors, setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
