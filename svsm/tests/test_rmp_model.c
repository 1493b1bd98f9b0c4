// SPDX-License-Identifier: MIT
/* The page-validation state model shared by the emulated and fake platforms. */
#include <stdlib.h>

#include "test.h"
#include "core/rmp_model.h"

#define B0 0x200000ull /* model covers [B0, B0 + 4 MiB) */

static struct rmp_model m;
static void *storage;

static void setup(uint64_t base, uint64_t end)
{
	free(storage);
	storage = malloc(rmp_model_storage_size(base, end));
	rmp_model_init(&m, base, end, storage);
}

TEST(rmp_model_storage)
{
	/* 2 blocks: 2 x 512 bits + one word of 2 MiB bits. */
	EXPECT_EQ(rmp_model_storage_size(B0, B0 + 2 * SZ_2M), (2 * 8 + 1) * 8);
	/* Rounded out to whole 2 MiB blocks. */
	EXPECT_EQ(rmp_model_storage_size(B0 + 0x1000, B0 + SZ_2M + 1),
		  (2 * 8 + 1) * 8);
	EXPECT_EQ(rmp_model_storage_size(0, 65 * SZ_2M), (65 * 8 + 2) * 8);
	setup(B0 + 0x1000, B0 + SZ_2M + 1);
	EXPECT_EQ(m.base, B0);
	EXPECT_EQ(m.blocks, 2);
	EXPECT_TRUE(rmp_model_covers(&m, gpa(B0)));
	EXPECT_TRUE(rmp_model_covers(&m, gpa(B0 + 2 * SZ_2M - 1)));
	EXPECT_FALSE(rmp_model_covers(&m, gpa(B0 + 2 * SZ_2M)));
	EXPECT_FALSE(rmp_model_covers(&m, gpa(B0 - 1)));
	free(storage);
	storage = NULL;
}

TEST(rmp_model_boot_state_and_input)
{
	setup(B0, B0 + 2 * SZ_2M);
	for (uint64_t a = B0; a < B0 + 2 * SZ_2M; a += 0x1000)
		if (!EXPECT_TRUE(rmp_model_page_valid(&m, gpa(a))))
			break;
	EXPECT_FALSE(rmp_model_block_is_2m(&m, gpa(B0)));
	EXPECT_EQ(rmp_model_pvalidate(&m, gpa(B0 - 0x1000), false, false),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(rmp_model_pvalidate(&m, gpa(B0 + 2 * SZ_2M), true, true),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(rmp_model_pvalidate(&m, gpa(B0 + 0x800), false, false),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(rmp_model_pvalidate(&m, gpa(B0 + 0x1000), true, false),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(rmp_model_pvalidate(&m, gpa(UINT64_MAX & ~0xfffull), false,
				      true),
		  PVALIDATE_RC_FAIL_INPUT);
	free(storage);
	storage = NULL;
}

TEST(rmp_model_transitions)
{
	const gpa_t blk = gpa(B0 + SZ_2M), pg = gpa(B0 + SZ_2M + 0x7000);

	setup(B0, B0 + 2 * SZ_2M);
	EXPECT_EQ(rmp_model_pvalidate(&m, pg, false, true), PVALIDATE_RC_UNCHANGED);
	EXPECT_EQ(rmp_model_pvalidate(&m, blk, true, true),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH);
	EXPECT_EQ(rmp_model_pvalidate(&m, blk, true, false),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH);
	EXPECT_EQ(rmp_model_pvalidate(&m, pg, false, false), PVALIDATE_RC_OK);
	EXPECT_FALSE(rmp_model_page_valid(&m, pg));
	EXPECT_TRUE(rmp_model_page_valid(&m, gpa(gpa_val(pg) + 0x1000)));
	EXPECT_EQ(rmp_model_pvalidate(&m, blk, true, true),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH); /* mixed */
	for (uint64_t a = gpa_val(blk); a < gpa_val(blk) + SZ_2M; a += 0x1000)
		rmp_model_pvalidate(&m, gpa(a), false, false);
	EXPECT_EQ(rmp_model_pvalidate(&m, blk, true, false), PVALIDATE_RC_UNCHANGED);
	EXPECT_EQ(rmp_model_pvalidate(&m, blk, true, true), PVALIDATE_RC_OK);
	EXPECT_TRUE(rmp_model_block_is_2m(&m, pg));
	EXPECT_TRUE(rmp_model_page_valid(&m, pg));
	EXPECT_FALSE(rmp_model_block_is_2m(&m, gpa(B0))); /* neighbour */
	EXPECT_EQ(rmp_model_pvalidate(&m, pg, false, false),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH);
	EXPECT_EQ(rmp_model_pvalidate(&m, pg, false, true),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH);
	EXPECT_EQ(rmp_model_pvalidate(&m, blk, true, true), PVALIDATE_RC_UNCHANGED);
	EXPECT_EQ(rmp_model_pvalidate(&m, blk, true, false), PVALIDATE_RC_OK);
	EXPECT_FALSE(rmp_model_block_is_2m(&m, pg));
	EXPECT_FALSE(rmp_model_page_valid(&m, gpa(gpa_val(blk) + SZ_2M - 0x1000)));
	EXPECT_EQ(rmp_model_pvalidate(&m, pg, false, true), PVALIDATE_RC_OK);
	/* The first block was never touched by any of that. */
	EXPECT_TRUE(rmp_model_page_valid(&m, gpa(B0 + SZ_2M - 0x1000)));
	free(storage);
	storage = NULL;
}
