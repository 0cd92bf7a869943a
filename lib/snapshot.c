/* SPDX-License-Identifier: MIT */
/* VM snapshots: save/restore a whole VM to one zlib-compressed versioned file. */
#include "lib/kvm_internal.h"
