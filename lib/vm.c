/* SPDX-License-Identifier: MIT */
/* VM life cycle, memory slots and the VM ioctls (kvm_main.c / powerpc.c equivalents). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/kvm_internal.h"

#define PAGE_MASK_4K 0xfffULL

int kvmppc_create_vm(unsigned long type, struct kvm **out)
{
	if (!out)
		return -EFAULT;
	if (type != 0 && type != 1 && type != 2)
		return -EINVAL;
	struct kvm *kvm = calloc(1, sizeof(*kvm));
	if (!kvm)
		return -ENOMEM;
	int r = physmem_init(&kvm->mach);
	if (r) {
		free(kvm);
		return r;
	}
	pthread_mutex_init(&kvm->lock, NULL);
	kvm->mach.hooks = &kvmppc_machine_hooks;
	kvm->mach.opaque = kvm;
	kvm->ops = &kvmppc_interp_ops;
	r = kvm->ops->init_vm(kvm);
	if (r) {
		pthread_mutex_destroy(&kvm->lock);
		physmem_destroy(&kvm->mach);
		free(kvm);
		return r;
	}
	*out = kvm;
	return 0;
}

void kvmppc_destroy_vm(struct kvm *kvm)
{
	if (!kvm)
		return;
	htab_fd_release_all(kvm); /* HTAB stream workers use the vcpus (TLB flushes) */
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		kvm->ops->vcpu_free(kvm->vcpus[i]);
	free(kvm->vcpus);
	for (unsigned i = 0; i < KVM_USER_MEM_SLOTS; i++)
		if (kvm->slot_used[i])
			kvm->ops->free_memslot(&kvm->memslots[i], NULL);
	kvm->ops->destroy_vm(kvm);
	pthread_mutex_destroy(&kvm->lock);
	physmem_destroy(&kvm->mach);
	free(kvm);
}

/* Rebuild the sorted lookup map from the slot records. Caller holds map_lock (write). */
void memslots_rebuild_map(struct kvm *kvm)
{
	struct ppc_machine *m = &kvm->mach;
	unsigned n = 0;
	for (unsigned i = 0; i < KVM_USER_MEM_SLOTS; i++) {
		if (!kvm->slot_used[i])
			continue;
		const struct kvm_memory_slot *ks = &kvm->memslots[i];
		struct ppc_memslot *s = &m->slots[n++];
		s->gpa = ks->base_gfn << PPC_PAGE_SHIFT;
		s->size = (uint64_t)ks->npages << PPC_PAGE_SHIFT;
		s->host = (uint8_t *)ks->userspace_addr;
		s->flags = ks->flags;
		s->id = (uint32_t)ks->id;
		const struct kvmppc_slot_arch *a = ks->arch;
		s->dirty = (ks->flags & KVM_MEM_LOG_DIRTY_PAGES) && a ? a->dirty : NULL;
		s->referenced = a ? a->referenced : NULL;
	}
	/* insertion sort by gpa: at most 512 slots, changed rarely */
	for (unsigned i = 1; i < n; i++) {
		struct ppc_memslot t = m->slots[i];
		unsigned j = i;
		while (j > 0 && m->slots[j - 1].gpa > t.gpa) {
			m->slots[j] = m->slots[j - 1];
			j--;
		}
		m->slots[j] = t;
	}
	m->nslots = n;
	atomic_fetch_add(&m->map_gen, 1);
}

static bool overlaps(struct kvm *kvm, unsigned skip, uint64_t gfn, uint64_t npages)
{
	for (unsigned i = 0; i < KVM_USER_MEM_SLOTS; i++) {
		if (!kvm->slot_used[i] || i == skip)
			continue;
		const struct kvm_memory_slot *s = &kvm->memslots[i];
		if (gfn < s->base_gfn + s->npages && s->base_gfn < gfn + npages)
			return true;
	}
	return false;
}

static int set_region_locked(struct kvm *kvm, const struct kvm_userspace_memory_region *mem)
{
	unsigned as_id = mem->slot >> 16, id = mem->slot & 0xffff;
	if (as_id != 0 || id >= KVM_USER_MEM_SLOTS)
		return -EINVAL;
	if (mem->flags & ~(KVM_MEM_LOG_DIRTY_PAGES | KVM_MEM_READONLY))
		return -EINVAL;
	if ((mem->guest_phys_addr | mem->memory_size | mem->userspace_addr) & PAGE_MASK_4K)
		return -EINVAL;
	if (mem->memory_size && (uintptr_t)mem->userspace_addr != mem->userspace_addr)
		return -EINVAL; /* host address does not fit this host */
	if (mem->guest_phys_addr + mem->memory_size < mem->guest_phys_addr)
		return -EINVAL;
	uint64_t npages = mem->memory_size >> PPC_PAGE_SHIFT;
	uint64_t gfn = mem->guest_phys_addr >> PPC_PAGE_SHIFT;
	if (npages > (unsigned long)-1)
		return -EINVAL;

	struct kvm_memory_slot old = kvm->memslots[id];
	bool exists = kvm->slot_used[id];
	enum kvm_mr_change change;
	if (!npages) {
		if (!exists)
			return -EINVAL;
		change = KVM_MR_DELETE;
	} else if (!exists) {
		change = KVM_MR_CREATE;
	} else {
		if (mem->userspace_addr != old.userspace_addr || npages != old.npages)
			return -EINVAL;
		if ((mem->flags ^ old.flags) & KVM_MEM_READONLY)
			return -EINVAL;
		if (gfn != old.base_gfn)
			change = KVM_MR_MOVE;
		else if (mem->flags != old.flags)
			change = KVM_MR_FLAGS_ONLY;
		else
			return 0;
	}
	if ((change == KVM_MR_CREATE || change == KVM_MR_MOVE) && overlaps(kvm, id, gfn, npages))
		return -EEXIST;

	struct kvm_memory_slot new_slot = old;
	if (change != KVM_MR_DELETE) {
		new_slot.base_gfn = gfn;
		new_slot.npages = (unsigned long)npages;
		new_slot.userspace_addr = (uintptr_t)mem->userspace_addr;
		new_slot.flags = mem->flags;
		new_slot.id = (short)id;
	}
	if (change == KVM_MR_CREATE) {
		new_slot.arch = NULL;
		new_slot.dirty_bitmap = NULL;
		int r = kvm->ops->create_memslot(&new_slot, new_slot.npages);
		if (r)
			return r;
	}
	int r = kvm->ops->prepare_memory_region(kvm, &new_slot, mem);
	if (r) {
		if (change == KVM_MR_CREATE)
			kvm->ops->free_memslot(&new_slot, NULL);
		return r;
	}
	if (change == KVM_MR_DELETE || change == KVM_MR_MOVE)
		kvm->ops->flush_memslot(kvm, &old);

	kvm_map_write_lock(kvm);
	if (change == KVM_MR_DELETE) {
		kvm->slot_used[id] = false;
		memset(&kvm->memslots[id], 0, sizeof(kvm->memslots[id]));
	} else {
		kvm->memslots[id] = new_slot;
		kvm->slot_used[id] = true;
	}
	memslots_rebuild_map(kvm);
	kvm_map_write_unlock(kvm);

	kvm->ops->commit_memory_region(kvm, mem, &old, &new_slot, change);
	if (change == KVM_MR_DELETE)
		kvm->ops->free_memslot(&old, NULL);
	return 0;
}

void kvm_map_write_lock(struct kvm *kvm)
{
	atomic_store(&kvm->mach.map_updating, 1);
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		atomic_fetch_or(&kvm->vcpus[i]->cpu.attention, ATTN_MAP_WAIT);
	pthread_rwlock_wrlock(&kvm->mach.map_lock);
}

void kvm_map_write_unlock(struct kvm *kvm)
{
	pthread_rwlock_unlock(&kvm->mach.map_lock);
	pthread_mutex_lock(&kvm->mach.map_wait_lock);
	atomic_store(&kvm->mach.map_updating, 0);
	pthread_cond_broadcast(&kvm->mach.map_wait);
	pthread_mutex_unlock(&kvm->mach.map_wait_lock);
}

int kvmppc_set_user_memory_region(struct kvm *kvm, const struct kvm_userspace_memory_region *mem)
{
	if (!kvm || !mem)
		return -EFAULT;
	pthread_mutex_lock(&kvm->lock);
	int r = set_region_locked(kvm, mem);
	pthread_mutex_unlock(&kvm->lock);
	return r;
}

int kvmppc_get_dirty_log(struct kvm *kvm, struct kvm_dirty_log *log)
{
	if (!kvm || !log)
		return -EFAULT;
	pthread_mutex_lock(&kvm->lock);
	int r = kvm->ops->get_dirty_log(kvm, log);
	pthread_mutex_unlock(&kvm->lock);
	return r;
}

/* Switch the VM clock; kvm->lock held, no vcpu in vcpu_run. TB = clock ticks + TB_OFFSET
 * in either mode (so a new VM's TB starts at 0 in instruction-count time); the time state
 * the host clock moved before the change (DEC, HDEC, PURR, SPURR, VTB) restarts as at
 * vcpu creation, so the first run is the same every time. */
void kvm_clock_publish_all(struct kvm *kvm)
{
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		cpu_clock_publish(&kvm->vcpus[i]->cpu);
}

void kvm_clock_set_locked(struct kvm *kvm, int shift)
{
	kvm_clock_publish_all(kvm); /* at the old rate */
	kvm->mach.clock.shift = shift;
	for (unsigned i = 0; i < kvm->nvcpus; i++)
		cpu_clock_restart(&kvm->vcpus[i]->cpu);
}

int kvmppc_vm_set_clock(struct kvm *kvm, int icount_shift)
{
	if (!kvm)
		return -EFAULT;
	if (icount_shift < KVMPPC_CLOCK_HOST || icount_shift > KVMPPC_CLOCK_SHIFT_MAX)
		return -EINVAL;
	pthread_mutex_lock(&kvm->lock);
	/* with the map write lock a vcpu entering kvmppc_run now waits for us */
	kvm_map_write_lock(kvm);
	int r = 0;
	if (atomic_load(&kvm->vcpus_ran))
		r = -EBUSY;
	else if (kvm->mach.clock.shift != icount_shift)
		kvm_clock_set_locked(kvm, icount_shift);
	kvm_map_write_unlock(kvm);
	pthread_mutex_unlock(&kvm->lock);
	return r;
}

int kvmppc_vm_get_clock(struct kvm *kvm, int *icount_shift, uint64_t *ns)
{
	if (!kvm)
		return -EFAULT;
	const struct ppc_clock *k = &kvm->mach.clock;
	if (icount_shift)
		*icount_shift = k->shift;
	if (ns) {
		if (k->shift == PPC_CLOCK_HOST) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			*ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
		} else {
			*ns = atomic_load(&k->now);
		}
	}
	return 0;
}

const char *kvmppc_version(void)
{
	return KVMPPC_VERSION;
}
