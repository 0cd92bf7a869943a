/* SPDX-License-Identifier: MIT */
/* Timebase, decrementer and hypervisor decrementer (ISA 3.0 Book II 6, Book III 9). */
#include "cpu/cpu.h"
