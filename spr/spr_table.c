/* SPDX-License-Identifier: MIT */
/* The SPR table: one row per SPR of POWER8 and POWER9. */
#include "spr/spr.h"
