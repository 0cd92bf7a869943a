/* SPDX-License-Identifier: MIT */
/* The hypercalls the library leaves to the machine: console, RTAS, XICS, HPT resizing,
 * cache-inhibited logical loads and stores. */
#include <errno.h>

#include <kvmppc/hcall.h>

#include "machine.h"

static void put_term_chars(struct machine *m, unsigned cpu, uint64_t len, const uint64_t *words)
{
	for (uint64_t i = 0; i < len && i < 16; i++)
		console_output(m, cpu, (int)((words[i / 8] >> (56 - 8 * (i % 8))) & 0xff));
}

void machine_shutdown(struct machine *m, int code)
{
	pthread_mutex_lock(&m->lock);
	if (!atomic_load(&m->exiting)) {
		m->exit_code = code;
		atomic_store(&m->exiting, 1);
	}
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
	for (unsigned i = 0; i < m->nvcpus; i++)
		kvmppc_kick(m->cpu[i].vcpu);
}

/* H_RESIZE_HPT_PREPARE/COMMIT (PAPR; as KVM, the library leaves them to the VMM, which
 * turns them into the VM ioctls): r4 = flags, r5 = shift. */
static uint64_t resize_hpt(struct machine *m, uint64_t nr, const uint64_t *a)
{
	if (a[0])
		return (uint64_t)H_PARAMETER;
	if (a[1] > 46 || (a[1] && a[1] < 18))
		return (uint64_t)H_PARAMETER;
	struct kvm_ppc_resize_hpt rh = {.flags = 0, .shift = (uint32_t)a[1]};
	long r = kvmppc_vm_ioctl(m->vm, nr == H_RESIZE_HPT_PREPARE ? KVM_PPC_RESIZE_HPT_PREPARE
					: KVM_PPC_RESIZE_HPT_COMMIT, &rh);
	if (r == -ENXIO && nr == H_RESIZE_HPT_PREPARE)
		return (uint64_t)H_AUTHORITY; /* the guest runs radix: no HPT to resize */
	switch (r) {
	case 0: return H_SUCCESS;
	case -EINVAL: return (uint64_t)H_PARAMETER;
	case -ENXIO: return H_CLOSED;       /* no prepared table of that size */
	case -ENOSPC: return (uint64_t)H_PTEG_FULL; /* a bolted entry did not fit */
	case -ENOMEM: return (uint64_t)H_NO_MEM;
	default: return r > 0 ? H_LONG_BUSY_ORDER_1_MSEC : (uint64_t)H_HARDWARE;
	}
}

/*
 * H_LOGICAL_CI_LOAD/STORE (PAPR 14.5.4.9; the library leaves them to the VMM, as KVM
 * does for addresses no in-kernel device claims): a cache-inhibited access of r4 = 1, 2,
 * 4 or 8 bytes at real address r5, the value (r6 in, r4 out) big-endian, as QEMU's
 * pseries serves it. This machine has no MMIO devices, so an address outside RAM (or a
 * bad size) is H_PARAMETER.
 */
static uint64_t logical_ci(struct machine *m, uint64_t nr, uint64_t *a)
{
	uint64_t size = a[0], addr = a[1];
	if ((size != 1 && size != 2 && size != 4 && size != 8) || !ram_ok(m, addr, size))
		return (uint64_t)H_PARAMETER;
	uint8_t *p = m->ram + addr;
	if (nr == H_LOGICAL_CI_STORE) {
		for (unsigned i = 0; i < size; i++)
			p[i] = (uint8_t)(a[2] >> (8 * (size - 1 - i)));
	} else {
		uint64_t v = 0;
		for (unsigned i = 0; i < size; i++)
			v = (v << 8) | p[i];
		a[0] = v;
	}
	return H_SUCCESS;
}

void machine_hcall(struct machine *m, unsigned cpu, struct kvm_run *run)
{
	uint64_t *a = run->papr_hcall.args;
	switch (run->papr_hcall.nr) {
	case H_PUT_TERM_CHAR:
		/* a[0] = termno (any accepted), a[1] = count, a[2..3] = bytes, big-endian */
		put_term_chars(m, cpu, a[1], &a[2]);
		run->papr_hcall.ret = H_SUCCESS;
		break;
	case H_GET_TERM_CHAR: {
		uint64_t w[2] = {0, 0}, n = 0;
		int ch;
		while (n < 16 && (ch = console_getc()) >= 0) {
			w[n / 8] |= (uint64_t)(ch & 0xff) << (56 - 8 * (n % 8));
			n++;
		}
		a[0] = n;
		a[1] = w[0];
		a[2] = w[1];
		run->papr_hcall.ret = H_SUCCESS;
		break;
	}
	case H_RTAS:
		run->papr_hcall.ret = rtas_call(m, cpu, a[0]);
		break;
	case H_XIRR: case H_XIRR_X: case H_EOI: case H_CPPR: case H_IPI: case H_IPOLL:
		run->papr_hcall.ret = xics_hcall(m, cpu, run->papr_hcall.nr, a);
		break;
	case H_LOGICAL_CI_LOAD: case H_LOGICAL_CI_STORE:
		run->papr_hcall.ret = logical_ci(m, run->papr_hcall.nr, a);
		break;
	case H_RESIZE_HPT_PREPARE: case H_RESIZE_HPT_COMMIT:
		run->papr_hcall.ret = resize_hpt(m, run->papr_hcall.nr, a);
		break;
	default:
		run->papr_hcall.ret = (uint64_t)H_FUNCTION;
	}
}
