// SPDX-License-Identifier: MIT
/*
 * svsm/lib string functions.  Compiled with tests/lib_rename.h forced in, so
 * the names below resolve to svsmlib_* and not to the host libc.
 */
#include "test.h"
#include "lib/string.h"

TEST(string_memcpy_memset)
{
	char a[16], b[16];

	EXPECT_EQ(memset(a, 'x', sizeof(a)), a);
	EXPECT_EQ(a[0], 'x');
	EXPECT_EQ(a[15], 'x');
	EXPECT_EQ(memcpy(b, "0123456789abcdef", 16), b);
	EXPECT_EQ(b[10], 'a');
	memset(a, 0x1ff, 1); /* converted to unsigned char */
	EXPECT_EQ((unsigned char)a[0], 0xff);
	EXPECT_EQ(memcpy(a, b, 0), a);
}

TEST(string_memmove_overlap)
{
	char a[] = "0123456789";

	memmove(a + 2, a, 5);
	EXPECT_STREQ(a, "0101234789");
	memmove(a, a + 3, 5);
	EXPECT_STREQ(a, "1234734789");
	memmove(a, a, 10);
	EXPECT_STREQ(a, "1234734789");
}

TEST(string_compare)
{
	EXPECT_EQ(memcmp("abc", "abc", 3), 0);
	EXPECT_TRUE(memcmp("abc", "abd", 3) < 0);
	EXPECT_TRUE(memcmp("\xff", "\x01", 1) > 0); /* unsigned bytes */
	EXPECT_EQ(memcmp("a", "b", 0), 0);
	EXPECT_EQ(strcmp("", ""), 0);
	EXPECT_TRUE(strcmp("ab", "abc") < 0);
	EXPECT_TRUE(strcmp("abc", "ab") > 0);
	EXPECT_TRUE(strcmp("\x80", "a") > 0);
	EXPECT_EQ(strncmp("abcX", "abcY", 3), 0);
	EXPECT_TRUE(strncmp("abcX", "abcY", 4) < 0);
	EXPECT_EQ(strncmp("ab", "ab\0x", 10), 0);
	EXPECT_EQ(strncmp("x", "y", 0), 0);
}

TEST(string_lengths)
{
	EXPECT_EQ(strlen(""), 0);
	EXPECT_EQ(strlen("hello"), 5);
	EXPECT_EQ(strnlen("hello", 3), 3);
	EXPECT_EQ(strnlen("hello", 10), 5);
	EXPECT_EQ(strnlen("hello", 0), 0);
}
