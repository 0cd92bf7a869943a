/* SPDX-License-Identifier: MIT */
/* Floating-point core shared by FP, VMX and VSX: IEEE 754 arithmetic with FPSCR semantics (ISA 3.0 Book I 4.3-4.4). */
#ifndef KVMPPC_FPU_H
#define KVMPPC_FPU_H
#include "cpu/cpu.h"
#endif
