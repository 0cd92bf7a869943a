/* SPDX-License-Identifier: MIT */
/* Logical, rotate, shift, count and extend instructions (ISA 3.0 Book I 3.3.13-3.3.14). Owner: the integer work. */
#include "cpu/insn.h"
