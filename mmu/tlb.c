/* SPDX-License-Identifier: MIT */
/* The soft TLB: fill, lookup and precise invalidation. */
#include "mmu/xlate.h"
