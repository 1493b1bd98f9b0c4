/* SPDX-License-Identifier: MIT */
/*
 * Page allocator for SVSM memory: a bitmap over one contiguous region,
 * first-fit for runs of pages.  Single-threaded (one vCPU on the emulated
 * platform); callers that add vCPUs must add a lock here.
 */
#ifndef SVSM_CORE_PAGE_ALLOC_H
#define SVSM_CORE_PAGE_ALLOC_H

#include "types.h"

/*
 * Manage [base, base + size).  The bitmap lives at the start of the region
 * and is itself marked used.  base must be page aligned.
 */
void page_alloc_init(void *base, size_t size);
/* Allocate `count` contiguous zeroed pages aligned to `align_pages` pages. */
void *page_alloc(size_t count, size_t align_pages);
/* Free pages returned by page_alloc (CHECKs a double free). */
void page_free(void *p, size_t count);
size_t page_alloc_free_count(void);
size_t page_alloc_total_count(void);

#endif /* SVSM_CORE_PAGE_ALLOC_H */
