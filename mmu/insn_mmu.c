/* SPDX-License-Identifier: MIT */
/* MMU instructions: slb*, tlbie/tlbiel/tlbsync/ptesync (ISA 3.0 Book III 5.9.3). */
#include "cpu/insn.h"
