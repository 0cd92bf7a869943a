/* SPDX-License-Identifier: MIT */
/* VSX vector, logical, permute and move instructions (ISA 3.0 Book I chapter 7). */
#include "cpu/insn.h"
