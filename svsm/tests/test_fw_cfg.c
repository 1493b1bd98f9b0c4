// SPDX-License-Identifier: MIT
/* fw_cfg: signature, integers, directory lookup, file reads, DMA encoding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "core/fw_cfg.h"

static struct fake_fw_cfg fw;

static void setup(void)
{
	fake_fw_cfg_init(&fw);
	fake_fw_cfg_add_file(&fw, "etc/e820", "E820DATA", 8);
	fake_fw_cfg_add_file(&fw, "etc/table-loader", "LOADER", 6);
	fake_fw_cfg_add_file(&fw, "opt/x", "X", 1);
}

TEST(fw_cfg_signature_and_ints)
{
	uint8_t le[8] = { 0x78, 0x56, 0x34, 0x12, 0xef, 0xcd, 0xab, 0x90 };

	setup();
	EXPECT_TRUE(fw_cfg_present(&fw.dev));
	fake_fw_cfg_set_item(&fw, FW_CFG_KERNEL_SIZE, le, 4);
	EXPECT_EQ(fw_cfg_read_u32(&fw.dev, FW_CFG_KERNEL_SIZE), 0x12345678);
	fake_fw_cfg_set_item(&fw, FW_CFG_RAM_SIZE, le, 8);
	EXPECT_EQ(fw_cfg_read_u64(&fw.dev, FW_CFG_RAM_SIZE),
		  0x90abcdef12345678ull);
	fake_fw_cfg_set_item(&fw, FW_CFG_SIGNATURE, "BOCH", 4);
	EXPECT_FALSE(fw_cfg_present(&fw.dev));
	fake_fw_cfg_free(&fw);
}

TEST(fw_cfg_find_found)
{
	struct fw_cfg_file f;

	setup();
	ASSERT_EQ(fw_cfg_find(&fw.dev, "etc/table-loader", &f), 0);
	EXPECT_EQ(f.size, 6);
	EXPECT_EQ(f.select, FAKE_FW_CFG_FIRST_FILE + 1);
	EXPECT_STREQ(f.name, "etc/table-loader");
	ASSERT_EQ(fw_cfg_find(&fw.dev, "opt/x", &f), 0);
	EXPECT_EQ(f.select, FAKE_FW_CFG_FIRST_FILE + 2);
	fake_fw_cfg_free(&fw);
}

TEST(fw_cfg_find_many_files)
{
	char name[32];
	struct fw_cfg_file f;

	/* More files than one directory batch. */
	fake_fw_cfg_init(&fw);
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "opt/file%d", i);
		fake_fw_cfg_add_file(&fw, name, name, (uint32_t)strlen(name));
	}
	ASSERT_EQ(fw_cfg_find(&fw.dev, "opt/file17", &f), 0);
	EXPECT_EQ(f.size, 10);
	EXPECT_EQ(f.select, FAKE_FW_CFG_FIRST_FILE + 17);
	EXPECT_EQ(fw_cfg_find(&fw.dev, "opt/file20", &f), -1);
	fake_fw_cfg_free(&fw);
}

TEST(fw_cfg_find_absent_and_exact)
{
	struct fw_cfg_file f;

	setup();
	EXPECT_EQ(fw_cfg_find(&fw.dev, "etc/e82", &f), -1);
	EXPECT_EQ(fw_cfg_find(&fw.dev, "etc/e8200", &f), -1);
	EXPECT_EQ(fw_cfg_find(&fw.dev, "", &f), -1);
	EXPECT_EQ(fw_cfg_find(&fw.dev, "ETC/E820", &f), -1);
	fake_fw_cfg_free(&fw);

	/* Empty directory. */
	fake_fw_cfg_init(&fw);
	EXPECT_EQ(fw_cfg_find(&fw.dev, "etc/e820", &f), -1);
	fake_fw_cfg_free(&fw);
}

TEST(fw_cfg_find_name_too_long)
{
	char name[FW_CFG_MAX_FILE_PATH + 1];
	struct fw_cfg_file f;

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	setup();
	/* A 56-byte name in the directory has no NUL: it matches nothing. */
	fake_fw_cfg_add_file(&fw, name, "L", 1);
	EXPECT_EQ(fw_cfg_find(&fw.dev, name, &f), -1);
	name[FW_CFG_MAX_FILE_PATH - 1] = '\0'; /* 55 chars: fits */
	EXPECT_EQ(fw_cfg_find(&fw.dev, name, &f), -1);
	fake_fw_cfg_add_file(&fw, name, "LL", 2);
	ASSERT_EQ(fw_cfg_find(&fw.dev, name, &f), 0);
	EXPECT_EQ(f.size, 2);
	fake_fw_cfg_free(&fw);
}

TEST(fw_cfg_dir_count_sanity)
{
	uint8_t dir[4 + 64] = { 0 };
	struct fw_cfg_file f;
	uint32_t before;

	fake_fw_cfg_init(&fw);
	/* Absurd count: rejected at once, no million reads. */
	dir[0] = 0xff;
	dir[1] = 0xff;
	dir[2] = 0xff;
	dir[3] = 0xff;
	fake_fw_cfg_set_raw_dir(&fw, dir, sizeof(dir));
	before = fw.reads;
	EXPECT_EQ(fw_cfg_find(&fw.dev, "etc/e820", &f), -1);
	EXPECT_TRUE(fw.reads - before <= 2);

	/* A count larger than the blob: the rest reads as zeros, no match. */
	dir[0] = dir[1] = 0;
	dir[2] = 0;
	dir[3] = 3;
	memcpy(dir + 4 + 8, "etc/e820", 9);
	dir[4 + 3] = 5;
	dir[4 + 5] = 0x30;
	fake_fw_cfg_set_raw_dir(&fw, dir, sizeof(dir));
	ASSERT_EQ(fw_cfg_find(&fw.dev, "etc/e820", &f), 0);
	EXPECT_EQ(f.size, 5);
	EXPECT_EQ(f.select, 0x30);
	EXPECT_EQ(fw_cfg_find(&fw.dev, "etc/other", &f), -1);
	fake_fw_cfg_free(&fw);
}

TEST(fw_cfg_read_file)
{
	char buf[16];

	setup();
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(fw_cfg_read_file(&fw.dev, "etc/e820", buf, sizeof(buf)), 8);
	EXPECT_MEMEQ(buf, "E820DATA", 8);
	EXPECT_EQ(buf[8], 0);
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(fw_cfg_read_file(&fw.dev, "etc/e820", buf, 7), -2);
	EXPECT_EQ(buf[0], 0); /* nothing read */
	EXPECT_EQ(fw_cfg_read_file(&fw.dev, "etc/e820", buf, 8), 8);
	EXPECT_EQ(fw_cfg_read_file(&fw.dev, "nope", buf, 8), -1);
	fake_fw_cfg_free(&fw);
}

TEST(fw_cfg_dma_encode)
{
	struct fw_cfg_dma_access d;
	const uint8_t expect[16] = { 0x00, 0x19, 0x00, 0x0a, 0x00, 0x00,
				     0x10, 0x00, 0x11, 0x22, 0x33, 0x44,
				     0x55, 0x66, 0x77, 0x88 };

	fw_cfg_dma_encode(&d, FW_CFG_FILE_DIR,
			  FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_READ, 0x1000,
			  0x1122334455667788ull);
	EXPECT_MEMEQ(&d, expect, sizeof(expect));
}
