/* SPDX-License-Identifier: MIT */
/* Firmware console output: a small printf over platform->console_write. */
#ifndef SVSM_CORE_LOG_H
#define SVSM_CORE_LOG_H

#include <stdarg.h>
#include "types.h"

/*
 * Implemented in lib/printf.c: %d %i %u %o %x %X %p %s %c %%, flags
 * - + space # 0, width and precision (or *), lengths hh h l ll z j t.
 */
int vsnprintf_svsm(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf_svsm(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__noreturn void panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#define log_info(fmt, ...) log_printf("svsm: " fmt "\n", ##__VA_ARGS__)
#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond))                                                 \
			panic("CHECK failed: %s at %s:%d", #cond, __FILE__,  \
			      __LINE__);                                     \
	} while (0)

#endif /* SVSM_CORE_LOG_H */
