// SPDX-License-Identifier: MIT
/* vsnprintf_svsm, log_printf and panic. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "core/log.h"

/* No format attribute: lets tests use conversions gcc would warn about. */
static int fmt_unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf_svsm(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define EXPECT_FMT(expect, ...)                                         \
	do {                                                            \
		char b_[128];                                           \
		int n_ = snprintf_svsm(b_, sizeof(b_), __VA_ARGS__);    \
		EXPECT_STREQ(b_, expect);                               \
		EXPECT_EQ(n_, strlen(expect));                          \
	} while (0)

TEST(printf_formats)
{
	char b[32];

	EXPECT_FMT("plain", "plain");
	EXPECT_FMT("42 -7 0", "%d %i %d", 42, -7, 0);
	EXPECT_FMT("4294967295", "%u", 0xffffffffu);
	EXPECT_FMT("ff FF", "%x %X", 255, 255);
	EXPECT_FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	EXPECT_FMT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	EXPECT_FMT("ffffffffffffffff", "%lx", (unsigned long)UINT64_MAX);
	EXPECT_FMT("123", "%zu", (size_t)123);
	EXPECT_FMT("0x1000", "%p", (void *)0x1000);
	EXPECT_EQ(fmt_unchecked(b, sizeof(b), "%s %s", "str", (char *)NULL),
		  10);
	EXPECT_STREQ(b, "str (null)");
	EXPECT_FMT("c%", "%c%%", 'c');
	EXPECT_EQ(fmt_unchecked(b, sizeof(b), "%q|%"), 4);
	EXPECT_STREQ(b, "%q|%");
}

TEST(printf_width_flags)
{
	char b[32];

	EXPECT_FMT("   42", "%5d", 42);
	EXPECT_FMT("42   |", "%-5d|", 42);
	EXPECT_FMT("00042", "%05d", 42);
	EXPECT_FMT("-0042", "%05d", -42);
	EXPECT_FMT("0000beef", "%08x", 0xbeef);
	EXPECT_FMT("   ab", "%5s", "ab");
	EXPECT_FMT("ab   |", "%-5s|", "ab");
	EXPECT_FMT("toolong", "%3s", "toolong");
	EXPECT_EQ(fmt_unchecked(b, sizeof(b), "%06p", (void *)0xff), 6);
	EXPECT_STREQ(b, "0x00ff");
}

TEST(printf_truncation)
{
	char b[8];
	int n;

	memset(b, 'z', sizeof(b));
	n = snprintf_svsm(b, 5, "hello world");
	EXPECT_EQ(n, 11);
	EXPECT_STREQ(b, "hell");
	EXPECT_EQ(b[5], 'z'); /* nothing written past size */

	memset(b, 'z', sizeof(b));
	n = snprintf_svsm(b, 1, "abc");
	EXPECT_EQ(n, 3);
	EXPECT_EQ(b[0], '\0');
	EXPECT_EQ(b[1], 'z');

	n = snprintf_svsm(NULL, 0, "%d", 12345);
	EXPECT_EQ(n, 5);

	n = snprintf_svsm(b, sizeof(b), "%08x", 0x12345678u);
	EXPECT_EQ(n, 8);
	EXPECT_STREQ(b, "1234567");

	/* Padding that is cut off still counts. */
	n = snprintf_svsm(b, 4, "%-10s|", "x");
	EXPECT_EQ(n, 11);
	EXPECT_STREQ(b, "x  ");
}

TEST(log_printf_console)
{
	char big[600];

	log_info("hello %d", 7);
	EXPECT_STREQ(fake_console_text(), "svsm: hello 7\n");

	fake_console_reset();
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_printf("%s", big);
	/* Long lines are cut to the line buffer, not dropped. */
	EXPECT_EQ(strlen(fake_console_text()), 255);
}

TEST(panic_halts)
{
	EXPECT_PANIC(panic("bad %s", "thing"));
	EXPECT_TRUE(test_strcontains(fake_console_text(),
				     "svsm: PANIC: bad thing\n"));
	EXPECT_EQ(fake_halt_count(), 1);

	fake_console_reset();
	EXPECT_PANIC(CHECK(1 + 1 == 3));
	EXPECT_TRUE(test_strcontains(fake_console_text(),
				     "CHECK failed: 1 + 1 == 3"));
	CHECK(1 + 1 == 2);
	EXPECT_EQ(fake_halt_count(), 2);
}

/* Differential test against the host libc for the supported subset. */
TEST(printf_matches_libc)
{
	static const char *const fmts[] = {
		"%d", "%5d", "%-5d|", "%05d", "%i", "%u", "%x", "%X", "%08x",
		"%-8x|", "%1d", "%20d", "%020u", "%#x", "%#X", "%#8x|",
		"%-#8x|", "%#010x",
	};
	static const long long vals[] = {
		0, 1, -1, 9, 10, 255, -255, 65535, 2147483647, -2147483647 - 1,
		123456789,
	};
	char a[64], b[64];

	for (size_t f = 0; f < ARRAY_SIZE(fmts); f++) {
		for (size_t v = 0; v < ARRAY_SIZE(vals); v++) {
			int na = fmt_unchecked(a, sizeof(a), fmts[f], (int)vals[v]);
			int nb = snprintf(b, sizeof(b), fmts[f], (int)vals[v]);

			if (!EXPECT_STREQ(a, b) || !EXPECT_EQ(na, nb))
				test_fail(__FILE__, __LINE__, "format %s", fmts[f]);
		}
	}
	for (size_t v = 0; v < ARRAY_SIZE(vals); v++) {
		int na = fmt_unchecked(a, 7, "%lld|%llx", vals[v], vals[v]);
		int nb = snprintf(b, 7, "%lld|%llx", vals[v], vals[v]);

		EXPECT_STREQ(a, b);
		EXPECT_EQ(na, nb);
	}
}
