/* SPDX-License-Identifier: MIT */
/* Load-reserve / store-conditional (ISA 3.0 Book II 4.4.2) and the reservation across host threads. */
#include "cpu/insn.h"
