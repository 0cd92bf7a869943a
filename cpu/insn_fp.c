/* SPDX-License-Identifier: MIT */
/* Floating-point instructions (ISA 3.0 Book I chapter 4). */
#include "cpu/insn.h"
