// SPDX-License-Identifier: MIT
/* E820 map editing. */
#include <string.h>

#include "test.h"
#include "core/e820.h"

static struct e820_map m;

static void map_set(uint32_t n, const struct e820_entry *e)
{
	memset(&m, 0, sizeof(m));
	m.count = n;
	memcpy(m.e, e, n * sizeof(*e));
}

#define EXPECT_ENTRY(i, a, s, t)                \
	do {                                    \
		EXPECT_EQ(m.e[i].addr, a);      \
		EXPECT_EQ(m.e[i].size, s);      \
		EXPECT_EQ(m.e[i].type, t);      \
	} while (0)

TEST(e820_carve_middle)
{
	const struct e820_entry in[] = { { 0x100000, 0x7ff00000, E820_RAM } };

	map_set(1, in);
	ASSERT_EQ(e820_set_range(&m, 0x10000000, 0x11000000, 0), 0);
	ASSERT_EQ(m.count, 2);
	EXPECT_ENTRY(0, 0x100000, 0x10000000 - 0x100000, E820_RAM);
	EXPECT_ENTRY(1, 0x11000000, 0x80000000 - 0x11000000, E820_RAM);

	/* Same, but reserve instead of remove: three entries. */
	map_set(1, in);
	ASSERT_EQ(e820_set_range(&m, 0x10000000, 0x11000000, E820_RESERVED), 0);
	ASSERT_EQ(m.count, 3);
	EXPECT_ENTRY(1, 0x10000000, 0x1000000, E820_RESERVED);
	EXPECT_ENTRY(2, 0x11000000, 0x80000000 - 0x11000000, E820_RAM);
}

TEST(e820_carve_edges)
{
	const struct e820_entry in[] = { { 0x1000, 0x3000, E820_RAM } };

	map_set(1, in);
	ASSERT_EQ(e820_set_range(&m, 0x1000, 0x2000, 0), 0);
	ASSERT_EQ(m.count, 1);
	EXPECT_ENTRY(0, 0x2000, 0x2000, E820_RAM);
	ASSERT_EQ(e820_set_range(&m, 0x3000, 0x4000, 0), 0);
	ASSERT_EQ(m.count, 1);
	EXPECT_ENTRY(0, 0x2000, 0x1000, E820_RAM);
	/* Touching but not overlapping: untouched. */
	ASSERT_EQ(e820_set_range(&m, 0x3000, 0x5000, 0), 0);
	EXPECT_ENTRY(0, 0x2000, 0x1000, E820_RAM);
	ASSERT_EQ(e820_set_range(&m, 0x1000, 0x2000, 0), 0);
	EXPECT_ENTRY(0, 0x2000, 0x1000, E820_RAM);
	EXPECT_EQ(m.count, 1);
}

TEST(e820_carve_across_entries)
{
	const struct e820_entry in[] = {
		{ 0x0, 0x9f000, E820_RAM },
		{ 0x9f000, 0x1000, E820_RESERVED },
		{ 0x100000, 0x100000, E820_RAM },
	};

	map_set(3, in);
	ASSERT_EQ(e820_set_range(&m, 0x90000, 0x180000, E820_ACPI), 0);
	ASSERT_EQ(m.count, 3);
	EXPECT_ENTRY(0, 0, 0x90000, E820_RAM);
	EXPECT_ENTRY(1, 0x90000, 0xf0000, E820_ACPI);
	EXPECT_ENTRY(2, 0x180000, 0x80000, E820_RAM);
}

TEST(e820_full_removal)
{
	const struct e820_entry in[] = {
		{ 0x1000, 0x1000, E820_RAM },
		{ 0x3000, 0x1000, E820_RESERVED },
	};

	map_set(2, in);
	ASSERT_EQ(e820_set_range(&m, 0, 0x10000, 0), 0);
	EXPECT_EQ(m.count, 0);
	map_set(2, in);
	ASSERT_EQ(e820_set_range(&m, 0x1000, 0x2000, 0), 0);
	ASSERT_EQ(m.count, 1);
	EXPECT_ENTRY(0, 0x3000, 0x1000, E820_RESERVED);
	/* Empty range: no change; inverted range: error. */
	EXPECT_EQ(e820_set_range(&m, 0x3000, 0x3000, 0), 0);
	EXPECT_EQ(m.count, 1);
	EXPECT_EQ(e820_set_range(&m, 0x4000, 0x3000, 0), -1);
	EXPECT_EQ(m.count, 1);
}

TEST(e820_sort_merge)
{
	const struct e820_entry in[] = {
		{ 0x200000, 0x100000, E820_RAM },
		{ 0x0, 0x100000, E820_RAM },
		{ 0x100000, 0x100000, E820_RAM },
		{ 0x400000, 0x0, E820_RESERVED }, /* empty: dropped */
		{ 0xfffc0000, 0x40000, E820_RESERVED },
	};

	map_set(5, in);
	e820_normalize(&m);
	ASSERT_EQ(m.count, 2);
	EXPECT_ENTRY(0, 0, 0x300000, E820_RAM);
	EXPECT_ENTRY(1, 0xfffc0000, 0x40000, E820_RESERVED);
}

TEST(e820_overlap_resolution)
{
	const struct e820_entry in[] = {
		{ 0x0, 0x400000, E820_RAM },
		{ 0x100000, 0x100000, E820_RESERVED },
		{ 0x180000, 0x100000, E820_RAM }, /* overlaps both */
	};

	map_set(3, in);
	e820_normalize(&m);
	/* Reserved wins over RAM where they overlap. */
	ASSERT_EQ(m.count, 3);
	EXPECT_ENTRY(0, 0, 0x100000, E820_RAM);
	EXPECT_ENTRY(1, 0x100000, 0x100000, E820_RESERVED);
	EXPECT_ENTRY(2, 0x200000, 0x200000, E820_RAM);

	/* set_range on overlapping input also comes out clean. */
	map_set(3, in);
	ASSERT_EQ(e820_set_range(&m, 0x150000, 0x160000, E820_RAM), 0);
	ASSERT_EQ(m.count, 5);
	EXPECT_ENTRY(1, 0x100000, 0x50000, E820_RESERVED);
	EXPECT_ENTRY(2, 0x150000, 0x10000, E820_RAM);
	EXPECT_ENTRY(3, 0x160000, 0xa0000, E820_RESERVED);
}

TEST(e820_wrapping_entry)
{
	const struct e820_entry in[] = {
		{ 0xfffffffffffff000ull, 0x2000, E820_RESERVED },
	};

	map_set(1, in);
	e820_normalize(&m);
	ASSERT_EQ(m.count, 1);
	EXPECT_ENTRY(0, 0xfffffffffffff000ull, 0xfff, E820_RESERVED);
}

TEST(e820_overflow_unchanged)
{
	struct e820_map before;

	memset(&m, 0, sizeof(m));
	/* 128 disjoint RAM pages with gaps: the map is full. */
	for (uint32_t i = 0; i < E820_MAX_ENTRIES; i++) {
		m.e[i].addr = (uint64_t)i * 0x2000;
		m.e[i].size = 0x1000;
		m.e[i].type = E820_RAM;
	}
	m.count = E820_MAX_ENTRIES;
	before = m;
	EXPECT_EQ(e820_set_range(&m, 0x1000, 0x1800, E820_RESERVED), -1);
	EXPECT_MEMEQ(&m, &before, sizeof(m));
	/* Splitting an entry would need one more slot too. */
	EXPECT_EQ(e820_set_range(&m, 0x400, 0x800, 0), -1);
	EXPECT_MEMEQ(&m, &before, sizeof(m));
	/* Removing a whole entry frees a slot: fine. */
	EXPECT_EQ(e820_set_range(&m, 0, 0x1000, 0), 0);
	EXPECT_EQ(m.count, E820_MAX_ENTRIES - 1);
	/* Filling a gap merges three entries into one. */
	EXPECT_EQ(e820_set_range(&m, 0x3000, 0x4000, E820_RAM), 0);
	EXPECT_EQ(m.count, E820_MAX_ENTRIES - 2);
	EXPECT_ENTRY(0, 0x2000, 0x3000, E820_RAM);
}

TEST(e820_covers_and_top)
{
	const struct e820_entry in[] = {
		{ 0x0, 0x9fc00, E820_RAM },
		{ 0x100000, 0x7ff00000, E820_RAM },
		{ 0xfeffc000, 0x4000, E820_RESERVED },
		{ 0x100000000ull, 0x80000000ull, E820_RAM },
	};

	map_set(4, in);
	EXPECT_TRUE(e820_covers(&m, 0x100000, 0x80000000, E820_RAM));
	EXPECT_TRUE(e820_covers(&m, 0x1000, 0x2000, E820_RAM));
	EXPECT_FALSE(e820_covers(&m, 0x9f000, 0x101000, E820_RAM));
	EXPECT_FALSE(e820_covers(&m, 0x7ffff000, 0x80001000, E820_RAM));
	EXPECT_FALSE(e820_covers(&m, 0x1000, 0x2000, E820_RESERVED));
	EXPECT_FALSE(e820_covers(&m, 0x1000, 0x1000, E820_RAM));
	EXPECT_EQ(e820_ram_top_below(&m, 0x100000000ull), 0x80000000);
	EXPECT_EQ(e820_ram_top_below(&m, 0x40000000), 0x40000000);
	EXPECT_EQ(e820_ram_top_below(&m, UINT64_MAX), 0x180000000ull);
	EXPECT_EQ(e820_ram_top_below(&m, 0), 0);

	/* Covered by two adjacent entries of the type (unnormalised map). */
	{
		const struct e820_entry two[] = {
			{ 0x2000, 0x1000, E820_RAM },
			{ 0x1000, 0x1000, E820_RAM },
		};
		map_set(2, two);
		EXPECT_TRUE(e820_covers(&m, 0x1000, 0x3000, E820_RAM));
	}
}
