/* SPDX-License-Identifier: MIT */
/* Cache management and storage barriers (ISA 3.0 Book II 4.3, 4.4.3). */
#include "cpu/insn.h"
