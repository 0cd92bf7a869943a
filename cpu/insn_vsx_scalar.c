/* SPDX-License-Identifier: MIT */
/* VSX scalar floating-point instructions (ISA 3.0 Book I 7.6, xs*). */
#include "cpu/insn.h"
