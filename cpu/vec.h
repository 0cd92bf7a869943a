/* SPDX-License-Identifier: MIT */
/* Vector element access helpers shared by VMX and VSX (big-endian element order, any host). */
#ifndef KVMPPC_VEC_H
#define KVMPPC_VEC_H
#include "cpu/cpu.h"
#endif
