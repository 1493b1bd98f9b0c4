// SPDX-License-Identifier: MIT
/*
 * svsm/lib heap.  Compiled with tests/lib_rename.h forced in, so malloc &
 * co. below are lib/heap.c's (svsmlib_*), over a static region.
 */
#include "test.h"
#include "lib/heap.h"
#include "lib/libc.h"
#include "lib/string.h"

#define REGION (256 * 1024)

static _Alignas(64) uint8_t region[REGION + 64];

static void fresh(size_t offset)
{
	memset(region, 0xee, sizeof(region));
	heap_init(region + offset, REGION);
}

static bool aligned16(const void *p)
{
	return ((uintptr_t)p & 15) == 0;
}

TEST(heap_alloc_free_patterns)
{
	void *p[64];
	struct heap_stats st;
	uint32_t seed = 12345;

	fresh(3); /* unaligned base: aligned up */
	heap_get_stats(&st);
	EXPECT_TRUE(st.size > REGION - 128);
	for (int round = 0; round < 20; round++) {
		for (int i = 0; i < 64; i++) {
			size_t n;

			seed = seed * 1103515245 + 12345;
			n = (seed >> 8) % 2000;
			p[i] = malloc(n);
			ASSERT_TRUE(p[i] != NULL);
			EXPECT_TRUE(aligned16(p[i]));
			memset(p[i], i, n);
		}
		heap_check();
		/* Free every other one, then the rest in reverse. */
		for (int i = 0; i < 64; i += 2)
			free(p[i]);
		heap_check();
		for (int i = 63; i > 0; i -= 2)
			free(p[i]);
		heap_check();
	}
	heap_get_stats(&st);
	EXPECT_EQ(st.in_use, 0);
	EXPECT_EQ(st.alloc_count, 0);
	EXPECT_EQ(st.free_blocks, 1); /* everything coalesced again */
	EXPECT_EQ(st.largest_free, st.size - 32);
	EXPECT_TRUE(st.high_water > 0);
	free(NULL);
}

TEST(heap_contents_survive_neighbours)
{
	uint8_t *a, *b, *c;

	fresh(0);
	a = malloc(100);
	b = malloc(200);
	c = malloc(300);
	memset(a, 0xaa, 100);
	memset(b, 0xbb, 200);
	memset(c, 0xcc, 300);
	free(b);
	b = malloc(50); /* reuses b's block, split */
	memset(b, 0x11, 50);
	for (int i = 0; i < 100; i++)
		EXPECT_EQ(a[i], 0xaa);
	for (int i = 0; i < 300; i++)
		EXPECT_EQ(c[i], 0xcc);
	heap_check();
	free(a);
	free(b);
	free(c);
	heap_check();
}

TEST(heap_free_scrubs)
{
	uint8_t *a, *b;

	fresh(0);
	a = malloc(256);
	b = malloc(16); /* keeps a from merging with the free tail */
	memset(a, 0x5a, 256);
	free(a);
	/* Past the free-list links, the old data is gone. */
	for (int i = 16; i < 256; i++)
		EXPECT_EQ(a[i], 0);
	free(b);
}

TEST(heap_calloc)
{
	uint8_t *p;

	fresh(0);
	p = malloc(512);
	memset(p, 0xff, 512);
	free(p);
	p = calloc(64, 8);
	ASSERT_TRUE(p != NULL);
	for (int i = 0; i < 512; i++)
		EXPECT_EQ(p[i], 0);
	free(p);
	lib_errno = 0;
	EXPECT_EQ(calloc(SIZE_MAX / 2, 4), NULL); /* n * size overflows */
	EXPECT_EQ(lib_errno, LIB_ENOMEM);
	heap_check();
}

TEST(heap_realloc_grow_shrink)
{
	uint8_t *p, *q, *blocker;

	fresh(0);
	p = realloc(NULL, 100);
	ASSERT_TRUE(p != NULL);
	for (int i = 0; i < 100; i++)
		p[i] = (uint8_t)i;
	/* Grow in place (free space follows). */
	q = realloc(p, 1000);
	EXPECT_EQ(q, p);
	for (int i = 0; i < 100; i++)
		EXPECT_EQ(q[i], (uint8_t)i);
	/* Shrink in place. */
	p = realloc(q, 40);
	EXPECT_EQ(p, q);
	for (int i = 0; i < 40; i++)
		EXPECT_EQ(p[i], (uint8_t)i);
	heap_check();
	/* Grow with a used neighbour: moves, contents kept. */
	blocker = malloc(64);
	q = realloc(p, 5000);
	ASSERT_TRUE(q != NULL);
	EXPECT_NE(q, p);
	EXPECT_TRUE(aligned16(q));
	for (int i = 0; i < 40; i++)
		EXPECT_EQ(q[i], (uint8_t)i);
	heap_check();
	/* realloc(p, 0) frees. */
	EXPECT_EQ(realloc(q, 0), NULL);
	free(blocker);
	heap_check();
	{
		struct heap_stats st;

		heap_get_stats(&st);
		EXPECT_EQ(st.in_use, 0);
	}
}

TEST(heap_exhaustion)
{
	void *p[4096];
	int n = 0;
	struct heap_stats st;

	fresh(0);
	lib_errno = 0;
	EXPECT_EQ(malloc(REGION), NULL);
	EXPECT_EQ(lib_errno, LIB_ENOMEM);
	EXPECT_EQ(malloc(SIZE_MAX), NULL);
	EXPECT_EQ(malloc(SIZE_MAX - 8), NULL);
	while (n < 4096 && (p[n] = malloc(1000)))
		n++;
	EXPECT_TRUE(n > 200 && n < 4096);
	EXPECT_EQ(malloc(1000), NULL);
	heap_get_stats(&st);
	EXPECT_TRUE(st.high_water >= (size_t)n * 1000);
	heap_check();
	while (n--)
		free(p[n]);
	heap_check();
	p[0] = malloc(REGION / 2); /* the space is whole again */
	EXPECT_TRUE(p[0] != NULL);
	free(p[0]);
}

TEST(heap_double_free_caught)
{
	void *p, *q;

	fresh(0);
	p = malloc(64);
	q = malloc(64);
	free(p);
	EXPECT_PANIC(free(p));
	EXPECT_TRUE(test_strcontains(fake_console_text(), "heap"));
	fresh(0);
	p = malloc(64);
	q = malloc(64);
	free(q);
	EXPECT_PANIC(realloc(q, 10));
}

TEST(heap_bad_pointers_caught)
{
	uint8_t *p;
	static uint8_t elsewhere[64];

	fresh(0);
	p = malloc(64);
	EXPECT_PANIC(free(p + 16)); /* into the middle of a block */
	fresh(0);
	EXPECT_PANIC(free(elsewhere + 16)); /* not in the heap at all */
	fresh(0);
	EXPECT_PANIC(free(region)); /* the prologue */
}

TEST(heap_overrun_caught)
{
	uint8_t *a, *b;

	fresh(0);
	a = malloc(64);
	b = malloc(64);
	memset(a, 0x41, 64 + 24); /* over a's footer into b's header */
	EXPECT_PANIC(free(a));
	fresh(0);
	a = malloc(64);
	b = malloc(64);
	memset(b - 16, 0, 8); /* b's header word */
	EXPECT_PANIC(free(b));
	fresh(0);
	a = malloc(64);
	memset(a + 64, 0x41, 16); /* a's footer */
	EXPECT_PANIC(heap_check());
	(void)b;
}

TEST(heap_malloc_before_init_panics)
{
	/* A heap_init of a region too small for one block is a CHECK. */
	EXPECT_PANIC(heap_init(region, 16));
	EXPECT_PANIC(heap_init(NULL, 4096));
}
