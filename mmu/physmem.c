/* SPDX-License-Identifier: MIT */
/* The guest-physical memory map: lookup by address (binary search over sorted slots). */
#include <errno.h>
#include <string.h>

#include "mmu/physmem.h"

int physmem_init(struct ppc_machine *m)
{
	memset(m, 0, sizeof(*m));
	if (pthread_rwlock_init(&m->map_lock, NULL))
		return -ENOMEM;
	if (pthread_mutex_init(&m->atomic_lock, NULL))
		goto no_atomic_lock;
	if (pthread_mutex_init(&m->map_wait_lock, NULL))
		goto no_map_wait_lock;
	if (pthread_cond_init(&m->map_wait, NULL))
		goto no_map_wait;
	if (pthread_mutex_init(&m->clock.lock, NULL))
		goto no_clock_lock;
	if (pthread_cond_init(&m->clock.cond, NULL))
		goto no_clock_cond;
	m->clock.shift = PPC_CLOCK_HOST;
	atomic_store(&m->clock.wake_at, UINT64_MAX);
	return 0;
no_clock_cond:
	pthread_mutex_destroy(&m->clock.lock);
no_clock_lock:
	pthread_cond_destroy(&m->map_wait);
no_map_wait:
	pthread_mutex_destroy(&m->map_wait_lock);
no_map_wait_lock:
	pthread_mutex_destroy(&m->atomic_lock);
no_atomic_lock:
	pthread_rwlock_destroy(&m->map_lock);
	return -ENOMEM;
}

void physmem_wait_update(struct ppc_machine *m)
{
	pthread_mutex_lock(&m->map_wait_lock);
	while (atomic_load(&m->map_updating))
		pthread_cond_wait(&m->map_wait, &m->map_wait_lock);
	pthread_mutex_unlock(&m->map_wait_lock);
}

void physmem_destroy(struct ppc_machine *m)
{
	pthread_cond_destroy(&m->clock.cond);
	pthread_mutex_destroy(&m->clock.lock);
	pthread_cond_destroy(&m->map_wait);
	pthread_mutex_destroy(&m->map_wait_lock);
	pthread_mutex_destroy(&m->atomic_lock);
	pthread_rwlock_destroy(&m->map_lock);
}

struct ppc_memslot *physmem_lookup(struct ppc_machine *m, uint64_t gpa)
{
	unsigned lo = 0, hi = m->nslots;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		struct ppc_memslot *s = &m->slots[mid];
		if (gpa < s->gpa)
			hi = mid;
		else if (gpa - s->gpa >= s->size)
			lo = mid + 1;
		else
			return s;
	}
	return NULL;
}
