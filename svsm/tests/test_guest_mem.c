// SPDX-License-Identifier: MIT
/* The guest-memory door: ranges, boundaries, wraparound, SVSM region. */
#include <string.h>

#include "test.h"
#include "core/guest_mem.h"
#include <svsm/protocol.h>

#define RAM_BASE 0x10000ull
#define RAM_SIZE 0x20000ull /* [0x10000, 0x30000) */
#define SVSM_BASE 0x40000ull
#define SVSM_SIZE 0x10000ull

static void setup(void)
{
	fake_guest_ram_init(RAM_BASE, 0x40000);
	guest_mem_set_svsm_region(SVSM_BASE, SVSM_SIZE);
	guest_mem_add_range(gpa(RAM_BASE), RAM_BASE + RAM_SIZE);
	guest_mem_add_range(gpa(0x30000), 0x38000); /* adjacent range */
}

TEST(guest_mem_boundaries)
{
	setup();
	EXPECT_TRUE(guest_mem_valid(gpa(RAM_BASE), RAM_SIZE));
	EXPECT_TRUE(guest_mem_valid(gpa(RAM_BASE + RAM_SIZE - 1), 1));
	EXPECT_FALSE(guest_mem_valid(gpa(RAM_BASE - 1), 1));
	EXPECT_FALSE(guest_mem_valid(gpa(RAM_BASE - 1), 2));
	EXPECT_FALSE(guest_mem_valid(gpa(RAM_BASE), RAM_SIZE + 1));
	/* Within one range only, even if two ranges touch. */
	EXPECT_FALSE(guest_mem_valid(gpa(0x2ffff), 2));
	EXPECT_TRUE(guest_mem_valid(gpa(0x30000), 0x8000));
	EXPECT_FALSE(guest_mem_valid(gpa(0x38000), 1));
}

TEST(guest_mem_zero_length)
{
	uint8_t b = 0x77;

	setup();
	/* Zero length: valid only at an address inside a range. */
	EXPECT_TRUE(guest_mem_valid(gpa(RAM_BASE), 0));
	EXPECT_TRUE(guest_mem_valid(gpa(RAM_BASE + RAM_SIZE - 1), 0));
	EXPECT_FALSE(guest_mem_valid(gpa(0x38000), 0));
	EXPECT_FALSE(guest_mem_valid(gpa(SVSM_BASE), 0));
	EXPECT_EQ(guest_read(gpa(RAM_BASE), &b, 0), SVSM_SUCCESS);
	EXPECT_EQ(guest_read(gpa(0), &b, 0), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(b, 0x77);
}

TEST(guest_mem_wraparound)
{
	uint8_t b[16];

	fake_guest_ram_init(RAM_BASE, RAM_SIZE);
	guest_mem_add_range(gpa(RAM_BASE), RAM_BASE + RAM_SIZE);
	guest_mem_add_range(gpa(0xfffffffffffff000ull), UINT64_MAX);
	EXPECT_FALSE(guest_mem_valid(gpa(RAM_BASE + 0x10), UINT64_MAX));
	EXPECT_FALSE(guest_mem_valid(gpa(UINT64_MAX), 2));
	EXPECT_FALSE(guest_mem_valid(gpa(0xfffffffffffffff0ull), 0x20));
	EXPECT_FALSE(guest_mem_valid(gpa(UINT64_MAX), 1)); /* end exclusive */
	EXPECT_TRUE(guest_mem_valid(gpa(UINT64_MAX - 1), 1));
	EXPECT_FALSE(guest_mem_valid(gpa(1), UINT64_MAX));
	EXPECT_EQ(guest_read(gpa(RAM_BASE + 8), b, SIZE_MAX),
		  SVSM_ERR_INVALID_ADDRESS);
	/* Valid by the map but not backed by the platform: still an error. */
	EXPECT_EQ(guest_read(gpa(0xfffffffffffff000ull), b, 16),
		  SVSM_ERR_INVALID_ADDRESS);
}

TEST(guest_mem_copy)
{
	uint8_t in[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, out[8] = { 0 };

	setup();
	EXPECT_EQ(guest_write(gpa(RAM_BASE + RAM_SIZE - 8), in, 8),
		  SVSM_SUCCESS);
	EXPECT_MEMEQ(fake_guest_ptr(RAM_BASE + RAM_SIZE - 8), in, 8);
	EXPECT_EQ(guest_read(gpa(RAM_BASE + RAM_SIZE - 8), out, 8),
		  SVSM_SUCCESS);
	EXPECT_MEMEQ(out, in, 8);
	EXPECT_EQ(guest_write(gpa(RAM_BASE + RAM_SIZE - 7), in, 8),
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(guest_read(gpa(RAM_BASE - 4), out, 8),
		  SVSM_ERR_INVALID_ADDRESS);
}

TEST(guest_mem_svsm_region_unreachable)
{
	uint8_t b[8] = { 0 };

	setup();
	*fake_guest_ptr(SVSM_BASE) = 0xee;
	/* Backed by the fake RAM, but never registered. */
	EXPECT_FALSE(guest_mem_valid(gpa(SVSM_BASE), 1));
	EXPECT_EQ(guest_read(gpa(SVSM_BASE), b, 1), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(guest_write(gpa(SVSM_BASE + 8), b, 1),
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(*fake_guest_ptr(SVSM_BASE), 0xee);
	/* Registering anything that touches it is a bug: CHECK. */
	EXPECT_PANIC(guest_mem_add_range(gpa(SVSM_BASE), SVSM_BASE + 1));
	EXPECT_PANIC(guest_mem_add_range(gpa(0x38000), SVSM_BASE + 1));
	EXPECT_PANIC(guest_mem_add_range(gpa(SVSM_BASE + SVSM_SIZE - 1),
					 SVSM_BASE + SVSM_SIZE + 0x1000));
	EXPECT_PANIC(guest_mem_add_range(gpa(0), UINT64_MAX));
	EXPECT_PANIC(guest_mem_add_range(gpa(0x5000), 0x5000)); /* empty */
	/* Touching it from either side is fine. */
	EXPECT_EQ(guest_mem_add_range(gpa(0x38000), SVSM_BASE), 0);
	EXPECT_EQ(guest_mem_add_range(gpa(SVSM_BASE + SVSM_SIZE),
				      SVSM_BASE + SVSM_SIZE + 0x1000), 0);
	EXPECT_FALSE(guest_mem_valid(gpa(SVSM_BASE - 4), 8));
	/* Declaring the region over a registered range is caught too. */
	EXPECT_PANIC(guest_mem_set_svsm_region(0x20000, 0x1000));
}

TEST(guest_mem_range_limit)
{
	int rc = 0;

	for (uint64_t i = 0; i < GUEST_MEM_MAX_RANGES; i++)
		rc |= guest_mem_add_range(gpa(i * 0x2000), i * 0x2000 + 0x1000);
	EXPECT_EQ(rc, 0);
	EXPECT_EQ(guest_mem_add_range(gpa(0x100000), 0x101000), -1);
}

TEST(guest_mem_zero)
{
	setup();
	memset(fake_guest_ptr(RAM_BASE), 0xaa, 0x3000);
	/* Across a page boundary, unaligned at both ends. */
	EXPECT_EQ(guest_zero(gpa(RAM_BASE + 0xff0), 0x1020), SVSM_SUCCESS);
	EXPECT_EQ(*fake_guest_ptr(RAM_BASE + 0xfef), 0xaa);
	EXPECT_EQ(*fake_guest_ptr(RAM_BASE + 0xff0), 0);
	EXPECT_EQ(*fake_guest_ptr(RAM_BASE + 0x200f), 0);
	EXPECT_EQ(*fake_guest_ptr(RAM_BASE + 0x2010), 0xaa);
	EXPECT_EQ(guest_zero(gpa(RAM_BASE), 0), SVSM_SUCCESS);
	/* Out of range, into the SVSM region, wrapping: nothing written. */
	memset(fake_guest_ptr(SVSM_BASE - 0x10), 0xbb, 0x20);
	*fake_guest_ptr(RAM_BASE + RAM_SIZE - 8) = 0xcc;
	EXPECT_EQ(guest_zero(gpa(SVSM_BASE - 0x10), 0x20),
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(guest_zero(gpa(SVSM_BASE), 1), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(guest_zero(gpa(RAM_BASE + RAM_SIZE - 8), 16),
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(guest_zero(gpa(RAM_BASE), UINT64_MAX), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(*fake_guest_ptr(SVSM_BASE), 0xbb);
	EXPECT_EQ(*fake_guest_ptr(RAM_BASE + RAM_SIZE - 8), 0xcc);
}
