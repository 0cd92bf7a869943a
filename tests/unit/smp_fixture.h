/* SPDX-License-Identifier: MIT */
/* Several vcpus of one VM run at once, each on a host thread of its own, as a VMM with a
 * thread per vcpu drives them (test_atomic, test_tm: reservations and transactions that
 * conflict across threads). */
#ifndef SMP_FIXTURE_H
#define SMP_FIXTURE_H

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <cmocka.h>

#include <kvmppc/kvmppc.h>

#define TEST_SMP_MAX 8

struct test_smp_worker {
	struct kvm_vcpu *vcpu;
	unsigned long hcall; /* the hypercall number that ends the vcpu's program */
	bool ok;
};

static inline void *test_smp_worker_main(void *arg)
{
	struct test_smp_worker *w = arg;
	struct kvm_run *r = kvmppc_vcpu_run_struct(w->vcpu);
	int ret;
	do /* a kick from elsewhere (none is expected) is no reason to stop */
		ret = kvmppc_run(w->vcpu);
	while (ret == -EINTR);
	w->ok = ret == 0 && r->exit_reason == KVM_EXIT_PAPR_HCALL && r->papr_hcall.nr == w->hcall;
	return NULL;
}

/* Run @n vcpus (registers already set) concurrently until each exits; each must end
 * with hypercall @hcall. */
static inline void test_run_concurrently(struct kvm_vcpu *const *vcpus, unsigned n,
					 unsigned long hcall)
{
	struct test_smp_worker w[TEST_SMP_MAX];
	pthread_t t[TEST_SMP_MAX];
	assert_true(n <= TEST_SMP_MAX);
	for (unsigned i = 0; i < n; i++)
		w[i] = (struct test_smp_worker){.vcpu = vcpus[i], .hcall = hcall};
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(pthread_create(&t[i], NULL, test_smp_worker_main, &w[i]), 0);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (unsigned i = 0; i < n; i++)
		assert_true(w[i].ok);
}

#endif
