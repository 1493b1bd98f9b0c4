/* SPDX-License-Identifier: MIT */
/*
 * The firmware's printf engine (printf.c).  vsnprintf_svsm and
 * snprintf_svsm are declared in core/log.h; stdio.c builds the C library's
 * snprintf/fprintf family on lib_vformat_to.
 */
#ifndef SVSM_LIB_PRINTF_H
#define SVSM_LIB_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Format through flush(ctx, chunk, n); returns the whole output's length. */
size_t lib_vformat_to(void (*flush)(void *ctx, const char *s, size_t n),
		      void *ctx, const char *fmt, va_list ap);

#endif /* SVSM_LIB_PRINTF_H */
