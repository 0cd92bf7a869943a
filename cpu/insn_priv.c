/* SPDX-License-Identifier: MIT */
/* Privileged instructions: MSR moves, rfid/hrfid/rfscv, msgsnd, stop... (ISA 3.0 Book III). The interpreter and emulate_op share them. */
#include "cpu/insn.h"
