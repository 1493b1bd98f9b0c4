// SPDX-License-Identifier: MIT
/*
 * The firmware heap (see heap.h).
 *
 * Layout of the region: a prologue block (header + footer, marked used),
 * the blocks, an epilogue header (size 0, used).  Each block:
 *
 *   header  { size | used, check }       16 bytes
 *   payload (free: next, prev on the free list)
 *   footer  { size | used, check }       16 bytes (a copy of the header)
 *
 * size counts the whole block and is a multiple of 16; check = word ^
 * HEAP_MAGIC ^ block address, so a stray write or a pointer into the middle
 * of a block does not pass as a header.  Neighbours are found through the
 * next header and the previous footer, which makes coalescing O(1).
 */
#include "heap.h"
#include "libc.h"
#include "string.h"
#include "core/log.h"

#define HEAP_MAGIC 0x5a3c9e1b7d2f4a61ull
#define TAG_SIZE 16u
#define OVERHEAD (2 * TAG_SIZE)
#define MIN_BLOCK (OVERHEAD + 16u)
#define USED 1ull

struct tag {
	uint64_t word; /* size | USED */
	uint64_t check;
};

struct free_links {
	struct tag *next, *prev; /* headers of free blocks */
};

static struct {
	uintptr_t start, end; /* [start, end): prologue .. epilogue */
	struct tag *free_head;
	struct heap_stats st;
} heap;

static uint64_t tag_check(const struct tag *t, uint64_t word)
{
	return word ^ HEAP_MAGIC ^ (uint64_t)(uintptr_t)t;
}

static size_t blk_size(const struct tag *h)
{
	return (size_t)(h->word & ~(uint64_t)(HEAP_ALIGN - 1));
}

static bool blk_used(const struct tag *h)
{
	return h->word & USED;
}

static struct tag *blk_footer(struct tag *h)
{
	return (struct tag *)((uintptr_t)h + blk_size(h) - TAG_SIZE);
}

static struct free_links *blk_links(struct tag *h)
{
	return (struct free_links *)(h + 1);
}

static void blk_set(struct tag *h, size_t size, bool used)
{
	uint64_t w = size | (used ? USED : 0);
	struct tag *f = (struct tag *)((uintptr_t)h + size - TAG_SIZE);

	h->word = w;
	h->check = tag_check(h, w);
	f->word = w;
	f->check = tag_check(h, w); /* bound to the header's address */
}

/* A header the heap can trust: in range, aligned, check word and footer. */
static void blk_verify(struct tag *h, const char *what)
{
	uintptr_t a = (uintptr_t)h;
	size_t size;
	struct tag *f;

	if (a < heap.start || a >= heap.end || (a & (HEAP_ALIGN - 1)))
		panic("heap: %s: %p is not a heap block", what, (void *)(h + 1));
	if (h->check != tag_check(h, h->word))
		panic("heap: %s: corrupt header at %p (bad pointer, double free or overrun)",
		      what, (void *)h);
	size = blk_size(h);
	if (size < OVERHEAD || size > heap.end - a)
		panic("heap: %s: corrupt size %#zx at %p", what, size, (void *)h);
	f = blk_footer(h);
	if (f->word != h->word || f->check != h->check)
		panic("heap: %s: corrupt footer of block %p (overrun?)", what,
		      (void *)h);
}

static void list_remove(struct tag *h)
{
	struct free_links *l = blk_links(h);

	if (l->prev)
		blk_links(l->prev)->next = l->next;
	else
		heap.free_head = l->next;
	if (l->next)
		blk_links(l->next)->prev = l->prev;
	heap.st.free_blocks--;
}

static void list_push(struct tag *h)
{
	struct free_links *l = blk_links(h);

	l->prev = NULL;
	l->next = heap.free_head;
	if (heap.free_head)
		blk_links(heap.free_head)->prev = h;
	heap.free_head = h;
	heap.st.free_blocks++;
}

void heap_init(void *base, size_t size)
{
	uintptr_t s = ALIGN_UP((uintptr_t)base, HEAP_ALIGN);
	uintptr_t e = ALIGN_DOWN((uintptr_t)base + size, HEAP_ALIGN);
	struct tag *first;

	CHECK(base && (uintptr_t)base + size >= (uintptr_t)base);
	CHECK(e > s && e - s >= OVERHEAD + MIN_BLOCK + TAG_SIZE);
	memset(&heap, 0, sizeof(heap));
	heap.start = s;
	heap.end = e;
	blk_set((struct tag *)s, OVERHEAD, true); /* prologue */
	((struct tag *)(e - TAG_SIZE))->word = USED; /* epilogue, size 0 */
	((struct tag *)(e - TAG_SIZE))->check =
		tag_check((struct tag *)(e - TAG_SIZE), USED);
	first = (struct tag *)(s + OVERHEAD);
	blk_set(first, e - TAG_SIZE - (s + OVERHEAD), false);
	list_push(first);
	heap.st.size = blk_size(first);
}

/* Block size for an n-byte request, or 0 if it cannot be satisfied. */
static size_t need_for(size_t n)
{
	size_t need;

	if (n > heap.st.size)
		return 0;
	need = ALIGN_UP(n, HEAP_ALIGN) + OVERHEAD;
	return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* The block after h: a block or the epilogue, verified. */
static struct tag *blk_next(struct tag *h, const char *what)
{
	struct tag *n = (struct tag *)((uintptr_t)h + blk_size(h));

	if ((uintptr_t)n == heap.end - TAG_SIZE) {
		if (n->word != USED || n->check != tag_check(n, USED))
			panic("heap: %s: epilogue overwritten (overrun?)", what);
		return n;
	}
	blk_verify(n, what);
	return n;
}

/*
 * Make used block h exactly `need` bytes if the rest can stand alone (it is
 * freed, merged with a free successor).  Returns the bytes given back.
 */
static size_t blk_trim(struct tag *h, size_t need)
{
	size_t size = blk_size(h), released = size - need, rest_size;
	struct tag *rest, *next;

	if (released < MIN_BLOCK)
		return 0;
	next = blk_next(h, "trim");
	blk_set(h, need, true);
	rest = (struct tag *)((uintptr_t)h + need);
	rest_size = released;
	if (!blk_used(next)) {
		list_remove(next);
		rest_size += blk_size(next);
		memset(next, 0, sizeof(struct tag) + sizeof(struct free_links));
	}
	blk_set(rest, rest_size, false);
	list_push(rest);
	return released;
}

static void account_alloc(size_t size)
{
	heap.st.in_use += size;
	if (heap.st.in_use > heap.st.high_water)
		heap.st.high_water = heap.st.in_use;
}
void *malloc(size_t n)
{
	size_t need = need_for(n);

	if (!heap.start)
		panic("heap: malloc before heap_init");
	if (need) {
		for (struct tag *h = heap.free_head; h;
		     h = blk_links(h)->next) {
			blk_verify(h, "malloc");
			if (blk_used(h))
				panic("heap: used block %p on the free list",
				      (void *)h);
			if (blk_size(h) < need)
				continue;
			list_remove(h);
			blk_set(h, blk_size(h), true);
			blk_trim(h, need);
			account_alloc(blk_size(h));
			heap.st.alloc_count++;
			return h + 1;
		}
	}
	lib_errno = LIB_ENOMEM;
	return NULL;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		lib_errno = LIB_ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* The used block of payload p, verified. */
static struct tag *used_block(void *p, const char *what)
{
	struct tag *h = (struct tag *)p - 1;

	blk_verify(h, what);
	if (!blk_used(h))
		panic("heap: %s: double free of %p", what, p);
	if ((uintptr_t)h == heap.start)
		panic("heap: %s: %p is not a heap block", what, p);
	return h;
}

void free(void *p)
{
	struct tag *h, *next, *prev_footer;
	size_t size;

	if (!p)
		return;
	h = used_block(p, "free");
	size = blk_size(h);
	heap.st.in_use -= size;
	heap.st.alloc_count--;
	memset(h + 1, 0, size - OVERHEAD); /* scrub: keys live here */

	next = blk_next(h, "free");
	if (!blk_used(next)) {
		list_remove(next);
		size += blk_size(next);
		memset(next, 0, sizeof(struct tag) + sizeof(struct free_links));
	}
	prev_footer = h - 1;
	if (!(prev_footer->word & USED)) {
		struct tag *prev = (struct tag *)((uintptr_t)h -
						  blk_size(prev_footer));

		blk_verify(prev, "free (prev)");
		list_remove(prev);
		memset(prev_footer, 0, 2 * sizeof(struct tag));
		size += blk_size(prev);
		h = prev;
	}
	blk_set(h, size, false);
	list_push(h);
}

void *realloc(void *p, size_t n)
{
	struct tag *h, *next;
	size_t need, size;
	void *q;

	if (!p)
		return malloc(n);
	if (!n) {
		free(p);
		return NULL;
	}
	h = used_block(p, "realloc");
	size = blk_size(h);
	need = need_for(n);
	if (!need) {
		lib_errno = LIB_ENOMEM;
		return NULL;
	}
	if (need <= size) {
		/* Scrub the data the shrink gives back (free memory is zero). */
		if (size - need >= MIN_BLOCK)
			memset((char *)h + need, 0, size - need - TAG_SIZE);
		heap.st.in_use -= blk_trim(h, need);
		return p;
	}
	next = blk_next(h, "realloc");
	if (!blk_used(next) && size + blk_size(next) >= need) {
		size_t grow = blk_size(next);

		list_remove(next);
		memset(next, 0, sizeof(struct tag) + sizeof(struct free_links));
		memset(blk_footer(h), 0, sizeof(struct tag));
		blk_set(h, size + grow, true);
		grow -= blk_trim(h, need);
		account_alloc(grow);
		return p;
	}
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, size - OVERHEAD);
	free(p);
	return q;
}

void heap_get_stats(struct heap_stats *st)
{
	*st = heap.st;
	st->largest_free = 0;
	for (struct tag *h = heap.free_head; h; h = blk_links(h)->next)
		if (blk_size(h) - OVERHEAD > st->largest_free)
			st->largest_free = blk_size(h) - OVERHEAD;
}

void heap_check(void)
{
	size_t free_blocks = 0, in_use = 0, used_count = 0, listed = 0;
	struct tag *h = (struct tag *)(heap.start + OVERHEAD);
	bool prev_free = false;

	for (; blk_size(h); h = (struct tag *)((uintptr_t)h + blk_size(h))) {
		blk_verify(h, "check");
		if (blk_used(h)) {
			in_use += blk_size(h);
			used_count++;
			prev_free = false;
		} else {
			if (prev_free)
				panic("heap: check: adjacent free blocks at %p",
				      (void *)h);
			free_blocks++;
			prev_free = true;
		}
	}
	if ((uintptr_t)h != heap.end - TAG_SIZE || h->word != USED)
		panic("heap: check: blocks do not end at the epilogue");
	for (struct tag *f = heap.free_head; f; f = blk_links(f)->next) {
		blk_verify(f, "check (list)");
		if (blk_used(f) || ++listed > free_blocks)
			panic("heap: check: free list is corrupt");
	}
	if (listed != free_blocks || free_blocks != heap.st.free_blocks ||
	    in_use != heap.st.in_use || used_count != heap.st.alloc_count)
		panic("heap: check: counts disagree");
}
