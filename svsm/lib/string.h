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
void *memchr(const void *s, int c, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *strcat(char *restrict dst, const char *restrict src);
char *strdup(const char *s); /* malloc'd; NULL when the heap is full */
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strstr(const char *haystack, const char *needle);
char *strtok(char *restrict s, const char *restrict delim);
char *strerror(int err);
void *__memcpy_chk(void *restrict dst, const void *restrict src, size_t n,
		   size_t dstlen);
void *__memset_chk(void *dst, int c, size_t n, size_t dstlen);

#endif /* SVSM_LIB_STRING_H */
