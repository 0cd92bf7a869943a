/* SPDX-License-Identifier: MIT */
/* RTAS services and their tokens (the values QEMU's pseries uses, so logs compare). */
#ifndef KVMPPC_RUN_RTAS_TOKENS_H
#define KVMPPC_RUN_RTAS_TOKENS_H

#include <stdint.h>

enum {
	RTAS_DISPLAY_CHARACTER = 0x2000,
	RTAS_GET_TIME_OF_DAY = 0x2001,
	RTAS_SET_TIME_OF_DAY = 0x2002,
	RTAS_POWER_OFF = 0x2003,
	RTAS_SYSTEM_REBOOT = 0x2004,
	RTAS_QUERY_CPU_STOPPED_STATE = 0x2005,
	RTAS_START_CPU = 0x2006,
	RTAS_STOP_SELF = 0x2007,
	RTAS_SET_XIVE = 0x200a,
	RTAS_GET_XIVE = 0x200b,
	RTAS_INT_OFF = 0x200c,
	RTAS_INT_ON = 0x200d,
	RTAS_EVENT_SCAN = 0x200f,
	RTAS_OS_TERM = 0x201f,
};

struct rtas_token {
	const char *name;
	uint32_t token;
};

static const struct rtas_token rtas_tokens[] = {
	{"get-time-of-day", RTAS_GET_TIME_OF_DAY},
	{"set-time-of-day", RTAS_SET_TIME_OF_DAY},
	{"power-off", RTAS_POWER_OFF},
	{"system-reboot", RTAS_SYSTEM_REBOOT},
	{"query-cpu-stopped-state", RTAS_QUERY_CPU_STOPPED_STATE},
	{"start-cpu", RTAS_START_CPU},
	{"stop-self", RTAS_STOP_SELF},
	{"ibm,set-xive", RTAS_SET_XIVE},
	{"ibm,get-xive", RTAS_GET_XIVE},
	{"ibm,int-off", RTAS_INT_OFF},
	{"ibm,int-on", RTAS_INT_ON},
	{"event-scan", RTAS_EVENT_SCAN},
	{"ibm,os-term", RTAS_OS_TERM},
	{NULL, 0},
};

#endif
