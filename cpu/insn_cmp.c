/* SPDX-License-Identifier: MIT */
/* Compare, trap, isel, CR logical and CR move instructions (ISA 3.0 Book I 2.5, 3.3.10-3.3.12, 3.3.17). */
#include "cpu/insn.h"
