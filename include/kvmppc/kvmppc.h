/* SPDX-License-Identifier: MIT */
/*
 * libkvmppc: the Linux PowerPC KVM backend interface (struct kvmppc_ops) on an interpreted
 * Book3S-64 CPU, for any host. Include this header only.
 */
#ifndef KVMPPC_KVMPPC_H
#define KVMPPC_KVMPPC_H

#include "uapi.h"
#include "ops.h"
#include "api.h"
#include "one_reg.h"
#include "hcall.h"
#include "ioctl.h"

#endif /* KVMPPC_KVMPPC_H */
