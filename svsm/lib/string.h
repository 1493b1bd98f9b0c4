/* SPDX-License-Identifier: MIT */
/*
 * The freestanding string functions of the firmware, with the standard names
 * and prototypes so that compiler-generated calls (struct copies, memset of
 * locals) resolve to them.  Core code includes this header, never a libc one;
 * the host unit build links libc's versions instead (see svsm/Makefile).
 */
#ifndef SVSM_LIB_STRING_H
#define SVSM_LIB_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif /* SVSM_LIB_STRING_H */
