/* SPDX-License-Identifier: MIT */
/* Floating-point core (see cpu/fpu.h). */
#include "cpu/fpu.h"
