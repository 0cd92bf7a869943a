/* SPDX-License-Identifier: MIT */
/* Radix MMU: partition/process tables and the 4-level walk (ISA 3.0 Book III 5.7.10-5.7.11). */
#include "mmu/xlate.h"
