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

/*
 * Differential test against a model: a type per 4 KiB unit over a small
 * address space, random unsorted/overlapping input and random edits.
 */
#define MODEL_UNITS 64
#define UNIT 0x1000ull

static uint32_t rng_state = 12345;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 16) % n;
}

static void model_from_map(uint32_t *model)
{
	memset(model, 0, MODEL_UNITS * sizeof(*model));
	for (uint32_t i = 0; i < m.count; i++) {
		for (uint64_t u = m.e[i].addr / UNIT;
		     u < (m.e[i].addr + m.e[i].size) / UNIT; u++) {
			if (m.e[i].type > model[u]) /* larger type wins */
				model[u] = m.e[i].type;
		}
	}
}

static bool map_is_clean(void)
{
	for (uint32_t i = 0; i < m.count; i++) {
		if (m.e[i].size == 0 || m.e[i].type == 0)
			return false;
		if (i && m.e[i - 1].addr + m.e[i - 1].size > m.e[i].addr)
			return false; /* unsorted or overlapping */
		if (i && m.e[i - 1].addr + m.e[i - 1].size == m.e[i].addr &&
		    m.e[i - 1].type == m.e[i].type)
			return false; /* not merged */
	}
	return true;
}

TEST(e820_model_random)
{
	uint32_t want[MODEL_UNITS], got[MODEL_UNITS];
	int bad = 0;

	for (int iter = 0; iter < 2000 && bad < 3; iter++) {
		uint32_t n = rnd(8);

		memset(&m, 0, sizeof(m));
		for (uint32_t i = 0; i < n; i++) {
			uint32_t a = rnd(MODEL_UNITS), s = rnd(MODEL_UNITS - a + 1);

			m.e[i] = (struct e820_entry){ a * UNIT, s * UNIT,
						      1 + rnd(4) };
		}
		m.count = n;
		model_from_map(want);
		e820_normalize(&m);
		model_from_map(got);
		if (!EXPECT_MEMEQ(got, want, sizeof(want)) ||
		    !EXPECT_TRUE(map_is_clean()))
			bad++;

		for (int k = 0; k < 4; k++) {
			uint32_t a = rnd(MODEL_UNITS), b = rnd(MODEL_UNITS + 1);
			uint32_t t = rnd(5);

			if (b < a)
				continue;
			for (uint32_t u = a; u < b; u++)
				want[u] = t;
			if (!EXPECT_EQ(e820_set_range(&m, a * UNIT, b * UNIT, t),
				       0))
				bad++;
			model_from_map(got);
			if (!EXPECT_MEMEQ(got, want, sizeof(want)) ||
			    !EXPECT_TRUE(map_is_clean()))
				bad++;
		}
	}
}
