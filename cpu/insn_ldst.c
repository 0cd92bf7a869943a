/* SPDX-License-Identifier: MIT */
/* Loads and stores: byte..quadword, algebraic, update, indexed, byte-reverse, multiple, string (ISA 3.0 Book I 3.3.2-3.3.7). */
#include "cpu/insn.h"
