/* SPDX-License-Identifier: MIT */
/* The hvterm console on stdin/stdout: output flushed at newlines, input non-blocking. */
#include <fcntl.h>
#include <stdio.h>
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
