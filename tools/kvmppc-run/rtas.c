/* SPDX-License-Identifier: MIT */
/*
 * RTAS through H_RTAS (pseries-machine.md section 4). The argument buffer is always
 * big-endian: token, nargs, nret, then the inputs and outputs (output 0 is the status).
 */
#include <stdio.h>
#include <time.h>

#include "machine.h"
#include "rtas_tokens.h"

#define RTAS_OK 0
#define RTAS_HW_ERROR (-1)
#define RTAS_PARAM_ERROR (-3)

struct rtas_args {
	struct machine *m;
	uint64_t base;
	uint32_t nargs, nret;
};

static uint32_t arg(const struct rtas_args *a, uint32_t i)
{
	return i < a->nargs ? ram_be32(a->m, a->base + 12 + 4 * i) : 0;
}

static void ret(struct rtas_args *a, uint32_t i, uint32_t v)
{
	if (i < a->nret)
		ram_set_be32(a->m, a->base + 12 + 4 * (a->nargs + i), v);
}

static int64_t days_from_civil(int64_t y, unsigned mo, unsigned d)
{
	y -= mo <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* The clock rtc_offset is added to: the host's time of day, or with -icount the VM's
 * virtual time (rtc_offset is then the time of day at virtual time 0). */
static void clock_now(const struct machine *m, struct timespec *ts)
{
	if (m->opt.icount_shift < 0) {
		clock_gettime(CLOCK_REALTIME, ts);
		return;
	}
	uint64_t ns = 0;
	kvmppc_vm_get_clock(m->vm, NULL, &ns);
	ts->tv_sec = (time_t)(ns / 1000000000u);
	ts->tv_nsec = (long)(ns % 1000000000u);
}

static void get_time_of_day(struct rtas_args *a)
{
	struct timespec ts;
	clock_now(a->m, &ts);
	time_t t = ts.tv_sec + a->m->opt.rtc_offset;
	struct tm tm;
	gmtime_r(&t, &tm);
	ret(a, 0, RTAS_OK);
	ret(a, 1, (uint32_t)tm.tm_year + 1900);
	ret(a, 2, (uint32_t)tm.tm_mon + 1);
	ret(a, 3, (uint32_t)tm.tm_mday);
	ret(a, 4, (uint32_t)tm.tm_hour);
	ret(a, 5, (uint32_t)tm.tm_min);
	ret(a, 6, (uint32_t)tm.tm_sec);
	ret(a, 7, (uint32_t)ts.tv_nsec);
}

static void set_time_of_day(struct rtas_args *a)
{
	int64_t days = days_from_civil(arg(a, 0), arg(a, 1), arg(a, 2));
	int64_t want = days * 86400 + arg(a, 3) * 3600 + arg(a, 4) * 60 + arg(a, 5);
	struct timespec ts;
	clock_now(a->m, &ts);
	a->m->opt.rtc_offset = (long)(want - (int64_t)ts.tv_sec);
	ret(a, 0, RTAS_OK);
}

static void start_cpu(struct rtas_args *a)
{
	struct machine *m = a->m;
	uint32_t server = arg(a, 0);
	if (server >= m->nvcpus) {
		ret(a, 0, (uint32_t)RTAS_PARAM_ERROR);
		return;
	}
	pthread_mutex_lock(&m->lock);
	struct machine_vcpu *c = &m->cpu[server];
	if (c->state != VCPU_STOPPED || c->start_requested) {
		pthread_mutex_unlock(&m->lock);
		ret(a, 0, (uint32_t)RTAS_HW_ERROR);
		return;
	}
	c->start_pc = arg(a, 1);
	c->start_r3 = arg(a, 2);
	c->start_requested = true;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
	ret(a, 0, RTAS_OK);
}

static void query_cpu_stopped_state(struct rtas_args *a)
{
	struct machine *m = a->m;
	uint32_t server = arg(a, 0);
	if (server >= m->nvcpus) {
		ret(a, 0, (uint32_t)RTAS_PARAM_ERROR);
		return;
	}
	pthread_mutex_lock(&m->lock);
	const struct machine_vcpu *c = &m->cpu[server];
	uint32_t state = c->state == VCPU_RUNNING ? 2 : c->start_requested ? 2 : 0;
	pthread_mutex_unlock(&m->lock);
	ret(a, 0, RTAS_OK);
	ret(a, 1, state);
}

/* Returns the hcall status; stop-self is handled by the caller (the vcpu thread). */
uint64_t rtas_call(struct machine *m, unsigned cpu, uint64_t base)
{
	(void)cpu;
	if (!ram_ok(m, base, 12))
		return (uint64_t)-4; /* H_PARAMETER */
	struct rtas_args a = {m, base, ram_be32(m, base + 4), ram_be32(m, base + 8)};
	if (a.nargs > 16 || a.nret > 16 || !ram_ok(m, base, 12 + 4 * (a.nargs + a.nret)))
		return (uint64_t)-4;
	uint32_t token = ram_be32(m, base);
	switch (token) {
	case RTAS_DISPLAY_CHARACTER:
		console_output(m, cpu, (int)(arg(&a, 0) & 0xff));
		ret(&a, 0, RTAS_OK);
		break;
	case RTAS_GET_TIME_OF_DAY: get_time_of_day(&a); break;
	case RTAS_SET_TIME_OF_DAY: set_time_of_day(&a); break;
	case RTAS_POWER_OFF:
	case RTAS_SYSTEM_REBOOT:
		ret(&a, 0, RTAS_OK);
		machine_shutdown(m, 0);
		break;
	case RTAS_OS_TERM: {
		uint32_t p = arg(&a, 0);
		fprintf(stderr, "guest os-term: ");
		for (; ram_ok(m, p, 1) && m->ram[p] && p < m->ram_size; p++)
			fputc(m->ram[p], stderr);
		fputc('\n', stderr);
		ret(&a, 0, RTAS_OK);
		machine_shutdown(m, 1);
		break;
	}
	case RTAS_START_CPU: start_cpu(&a); break;
	case RTAS_QUERY_CPU_STOPPED_STATE: query_cpu_stopped_state(&a); break;
	case RTAS_EVENT_SCAN: ret(&a, 0, 1); break; /* no event */
	case RTAS_GET_XIVE:
	case RTAS_SET_XIVE:
	case RTAS_INT_OFF:
	case RTAS_INT_ON:
		/* No interrupt sources besides IPIs yet: every source number is unknown. */
		ret(&a, 0, (uint32_t)RTAS_PARAM_ERROR);
		break;
	case RTAS_STOP_SELF:
		ret(&a, 0, RTAS_OK);
		break;
	default:
		ret(&a, 0, (uint32_t)RTAS_HW_ERROR);
	}
	return 0; /* H_SUCCESS */
}
