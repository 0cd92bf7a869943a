/* SPDX-License-Identifier: MIT */
/* The hvterm console on stdin/stdout: output flushed at newlines, input non-blocking. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "machine.h"

void console_init(void)
{
	int fl = fcntl(0, F_GETFL);
	if (fl >= 0)
		fcntl(0, F_SETFL, fl | O_NONBLOCK);
}

void console_putc(int c)
{
	putchar(c);
	if (c == '\n')
		fflush(stdout);
}

void console_flush(void)
{
	fflush(stdout);
}

/* One byte of input, or -1 when none is available (also at EOF: never exit on EOF). */
int console_getc(void)
{
	unsigned char c;
	return read(0, &c, 1) == 1 ? c : -1;
}

/* A guest byte for the console: printed, and checked against the --stats milestones. */
void console_output(struct machine *m, unsigned cpu, int c)
{
	console_putc(c);
	snapshot_console_char(m, c);
	if (!m->opt.stats)
		return;
	pthread_mutex_lock(&m->events_lock);
	if (m->tail_len == sizeof(m->tail)) {
		memmove(m->tail, m->tail + 1, sizeof(m->tail) - 1);
		m->tail_len--;
	}
	m->tail[m->tail_len++] = (char)c;
	for (unsigned i = 0; i <= m->opt.nmarks; i++) {
		struct console_event *e = &m->events[i];
		if (e->seen)
			continue;
		if (i) {
			size_t n = strlen(e->text);
			if (n > m->tail_len || memcmp(m->tail + m->tail_len - n, e->text, n))
				continue;
		}
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		e->seen = true;
		e->seconds = (double)(t.tv_sec - m->t0.tv_sec) + (double)(t.tv_nsec - m->t0.tv_nsec) * 1e-9;
		e->instructions = kvmppc_vcpu_instructions(m->cpu[cpu].vcpu);
	}
	pthread_mutex_unlock(&m->events_lock);
}
