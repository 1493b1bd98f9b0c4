/* SPDX-License-Identifier: MIT */
/*
 * The firmware heap: malloc/calloc/realloc/free over one region that the
 * platform hands over at boot.  First fit over an address-ordered free list,
 * boundary tags, coalescing on free; every block carries a check word over
 * its header, so a double free, a free of a foreign pointer or an overrun
 * into the next block's header is caught (panic) instead of corrupting the
 * heap further.  16-byte alignment.  Freed memory is zeroed (keys live here).
 * Single-threaded, like the rest of the SVSM on the emulated platform.
 */
#ifndef SVSM_LIB_HEAP_H
#define SVSM_LIB_HEAP_H

#include <stddef.h>
#include <stdint.h>

#define HEAP_ALIGN 16

/* Manage [base, base + size) (base is aligned up to 16).  Replaces any heap. */
void heap_init(void *base, size_t size);

struct heap_stats {
	size_t size; /* usable bytes in the region */
	size_t in_use; /* bytes in allocated blocks, headers included */
	size_t high_water; /* max of in_use since heap_init */
	size_t alloc_count; /* live allocations */
	size_t free_blocks; /* blocks on the free list */
	size_t largest_free; /* largest allocation that would succeed now */
};
void heap_get_stats(struct heap_stats *st);
/* Walk the whole heap checking every block (panics on corruption). */
void heap_check(void);

void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);

#endif /* SVSM_LIB_HEAP_H */
