// SPDX-License-Identifier: MIT
/*
 * Firmware console output.  The formatting is lib/printf.c's
 * vsnprintf_svsm (the firmware's one printf engine), which follows C's
 * snprintf contract: it never writes more than `size` bytes, always
 * NUL-terminates when size > 0, and returns the length the full output would
 * have had.
 */
#include "log.h"
#include "platform.h"

#define LOG_LINE_MAX 256

static void log_vprintf(const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	int n = vsnprintf_svsm(line, sizeof(line), fmt, ap);

	/* A line longer than the buffer is cut, not dropped. */
	if (n > (int)sizeof(line) - 1)
		n = (int)sizeof(line) - 1;
	platform->console_write(line, (size_t)n);
}

void log_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(fmt, ap);
	va_end(ap);
}

__noreturn void panic(const char *fmt, ...)
{
	static const char hdr[] = "svsm: PANIC: ";
	va_list ap;

	platform->console_write(hdr, sizeof(hdr) - 1);
	va_start(ap, fmt);
	log_vprintf(fmt, ap);
	va_end(ap);
	platform->console_write("\n", 1);
	platform->halt(1);
}
