// SPDX-License-Identifier: MIT
/*
 * Bitmap page allocator over one region of SVSM memory.  Bit i set = page i
 * in use.  The bitmap occupies the first pages of the region and is marked
 * used at init.  First fit; alignment is of the page's address.
 */
#include "page_alloc.h"
#include "log.h"
#include "lib/string.h"

static struct {
	uint8_t *base;
	uint8_t *bitmap;
	size_t pages;
	size_t bitmap_pages;
	size_t free;
} pa;

static bool page_used(size_t i)
{
	return pa.bitmap[i / 8] & (1u << (i % 8));
}

static void page_mark(size_t i, bool used)
{
	if (used)
		pa.bitmap[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		pa.bitmap[i / 8] &= (uint8_t)~(1u << (i % 8));
}

void page_alloc_init(void *base, size_t size)
{
	size_t bitmap_pages;

	CHECK(base && IS_ALIGNED((uintptr_t)base, PAGE_SIZE));
	pa.base = base;
	pa.bitmap = base;
	pa.pages = size / PAGE_SIZE;
	bitmap_pages = ALIGN_UP((pa.pages + 7) / 8, PAGE_SIZE) / PAGE_SIZE;
	CHECK(pa.pages > bitmap_pages);

	memset(pa.bitmap, 0, (pa.pages + 7) / 8);
	for (size_t i = 0; i < bitmap_pages; i++)
		page_mark(i, true);
	pa.bitmap_pages = bitmap_pages;
	pa.free = pa.pages - bitmap_pages;
}

void *page_alloc(size_t count, size_t align_pages)
{
	uint64_t align;

	if (count == 0 || count > pa.free)
		return NULL;
	if (align_pages == 0)
		align_pages = 1;
	align = (uint64_t)align_pages * PAGE_SIZE;

	for (size_t i = 0; i + count <= pa.pages; i++) {
		size_t run = 0;
		uint8_t *p = pa.base + i * PAGE_SIZE;

		if ((uintptr_t)p % align != 0)
			continue;
		while (run < count && !page_used(i + run))
			run++;
		if (run < count) {
			/* Resume after the page in use (next loop i++). */
			i += run;
			continue;
		}
		for (size_t j = 0; j < count; j++)
			page_mark(i + j, true);
		pa.free -= count;
		memset(p, 0, count * PAGE_SIZE);
		return p;
	}
	return NULL;
}

void page_free(void *p, size_t count)
{
	uintptr_t b = (uintptr_t)p, base = (uintptr_t)pa.base;
	size_t first;

	CHECK(b >= base && IS_ALIGNED(b, PAGE_SIZE));
	first = (b - base) / PAGE_SIZE;
	CHECK(first >= pa.bitmap_pages);
	CHECK(count <= pa.pages && first <= pa.pages - count);
	for (size_t j = 0; j < count; j++) {
		CHECK(page_used(first + j)); /* double free */
		page_mark(first + j, false);
	}
	pa.free += count;
}

size_t page_alloc_free_count(void)
{
	return pa.free;
}

size_t page_alloc_total_count(void)
{
	return pa.pages;
}
