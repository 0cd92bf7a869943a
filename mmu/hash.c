/* SPDX-License-Identifier: MIT */
/* Hash MMU: SLB, VSID, HPT search, protection, R/C (ISA 3.0 Book III 5.7). */
#include "mmu/xlate.h"
