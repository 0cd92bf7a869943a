/* SPDX-License-Identifier: MIT */
/* VMX (Altivec) instructions (ISA 3.0 Book I chapter 6). */
#include "cpu/insn.h"
