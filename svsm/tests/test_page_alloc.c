// SPDX-License-Identifier: MIT
/* The bitmap page allocator. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "core/page_alloc.h"

#define REGION_PAGES 64

static uint8_t *region;

static void setup(void)
{
	region = aligned_alloc(PAGE_SIZE * 16, REGION_PAGES * PAGE_SIZE);
	memset(region, 0xaa, REGION_PAGES * PAGE_SIZE);
	page_alloc_init(region, REGION_PAGES * PAGE_SIZE);
}

static void teardown(void)
{
	free(region);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i])
			return false;
	}
	return true;
}

TEST(page_alloc_basic)
{
	uint8_t *a, *b;

	setup();
	EXPECT_EQ(page_alloc_total_count(), REGION_PAGES);
	EXPECT_EQ(page_alloc_free_count(), REGION_PAGES - 1); /* bitmap */
	a = page_alloc(1, 1);
	b = page_alloc(2, 1);
	ASSERT_TRUE(a && b);
	EXPECT_EQ(a, region + PAGE_SIZE);
	EXPECT_EQ(b, region + 2 * PAGE_SIZE);
	EXPECT_TRUE(all_zero(a, PAGE_SIZE));
	EXPECT_TRUE(all_zero(b, 2 * PAGE_SIZE));
	EXPECT_EQ(page_alloc_free_count(), REGION_PAGES - 4);
	page_free(a, 1);
	EXPECT_EQ(page_alloc_free_count(), REGION_PAGES - 3);
	/* First fit reuses the hole, zeroed again. */
	memset(a, 0x55, PAGE_SIZE);
	EXPECT_EQ(page_alloc(1, 1), a);
	EXPECT_TRUE(all_zero(a, PAGE_SIZE));
	EXPECT_EQ(page_alloc(0, 1), NULL);
	teardown();
}

TEST(page_alloc_alignment)
{
	uint8_t *a, *b;

	setup();
	a = page_alloc(1, 0); /* 0 means 1 */
	EXPECT_EQ(a, region + PAGE_SIZE);
	b = page_alloc(3, 8);
	ASSERT_TRUE(b != NULL);
	EXPECT_TRUE(IS_ALIGNED((uintptr_t)b, 8 * PAGE_SIZE));
	EXPECT_EQ(b, region + 8 * PAGE_SIZE);
	/* The gap before b is still usable. */
	EXPECT_EQ(page_alloc(6, 1), region + 2 * PAGE_SIZE);
	teardown();
}

TEST(page_alloc_exhaustion)
{
	void *p;
	size_t n = 0;

	setup();
	EXPECT_EQ(page_alloc(REGION_PAGES, 1), NULL);
	p = page_alloc(REGION_PAGES - 1, 1);
	ASSERT_TRUE(p != NULL);
	EXPECT_EQ(page_alloc_free_count(), 0);
	EXPECT_EQ(page_alloc(1, 1), NULL);
	page_free(p, REGION_PAGES - 1);
	while (page_alloc(1, 1))
		n++;
	EXPECT_EQ(n, REGION_PAGES - 1);
	teardown();
}

TEST(page_alloc_fragmented)
{
	void *p[8];

	setup();
	for (int i = 0; i < 8; i++)
		p[i] = page_alloc(1, 1);
	for (int i = 0; i < 8; i += 2)
		page_free(p[i], 1);
	/* No two free pages in a row among the first 9: go past them. */
	EXPECT_EQ(page_alloc(2, 1), region + 9 * PAGE_SIZE);
	teardown();
}

TEST(page_alloc_bad_free)
{
	uint8_t *a;

	setup();
	a = page_alloc(2, 1);
	page_free(a, 2);
	EXPECT_PANIC(page_free(a, 1)); /* double free */
	EXPECT_PANIC(page_free(region, 1)); /* the bitmap */
	EXPECT_PANIC(page_free(a + 1, 1)); /* unaligned */
	EXPECT_PANIC(page_free(region + REGION_PAGES * PAGE_SIZE, 1));
	EXPECT_PANIC(page_free(region + (REGION_PAGES - 1) * PAGE_SIZE, 2));
	EXPECT_EQ(fake_halt_count(), 5);
	teardown();
}
