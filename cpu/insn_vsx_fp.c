/* SPDX-License-Identifier: MIT */
/* VSX floating-point instructions, scalar (xs*) and vector (xv*) (ISA 3.0 Book I 7.6), on the FP core of cpu/fpu.h. */
#include "cpu/insn.h"
