/* SPDX-License-Identifier: MIT */
/*
 * A tiny unit-test framework printing KTAP.
 *
 *   TEST(name) { EXPECT_EQ(a, b); ... }
 *
 * Tests register themselves (constructor) and run in file/link order.  A
 * failed EXPECT records the failure and the test goes on; ASSERT_* return
 * from the test.  Each test starts with a fresh fake platform, an empty
 * guest-memory map and no protocols registered.
 */
#ifndef SVSM_TEST_H
#define SVSM_TEST_H

#include <setjmp.h>
#include <stdint.h>
#include "platform/fake/fake_platform.h"

typedef void (*test_fn)(void);

void test_register(const char *name, test_fn fn);
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* memcmp/strcmp without including libc's string.h in every test. */
int test_memeq(const void *a, const void *b, size_t n);
int test_streq(const char *a, const char *b);
int test_strcontains(const char *haystack, const char *needle);

#define TEST(name)                                                       \
	static void test_##name(void);                                   \
	__attribute__((constructor)) static void test_reg_##name(void)   \
	{                                                                \
		test_register(#name, test_##name);                       \
	}                                                                \
	static void test_##name(void)

#define EXPECT_EQ(a, b)                                                  \
	({                                                               \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);         \
		if (a_ != b_)                                            \
			test_fail(__FILE__, __LINE__,                    \
				  "EXPECT_EQ(%s, %s): 0x%llx != 0x%llx", \
				  #a, #b, (unsigned long long)a_,        \
				  (unsigned long long)b_);               \
		a_ == b_;                                                \
	})
#define EXPECT_NE(a, b)                                                  \
	({                                                               \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);         \
		if (a_ == b_)                                            \
			test_fail(__FILE__, __LINE__,                    \
				  "EXPECT_NE(%s, %s): both 0x%llx", #a,  \
				  #b, (unsigned long long)a_);           \
		a_ != b_;                                                \
	})
#define EXPECT_TRUE(c)                                                   \
	({                                                               \
		bool c_ = (c);                                           \
		if (!c_)                                                 \
			test_fail(__FILE__, __LINE__,                    \
				  "EXPECT_TRUE(%s)", #c);                \
		c_;                                                      \
	})
#define EXPECT_FALSE(c) EXPECT_TRUE(!(c))
#define EXPECT_STREQ(a, b)                                               \
	({                                                               \
		const char *a_ = (a), *b_ = (b);                         \
		int eq_ = test_streq(a_, b_);                            \
		if (!eq_)                                                \
			test_fail(__FILE__, __LINE__,                    \
				  "EXPECT_STREQ(%s, %s): \"%s\" != \"%s\"", \
				  #a, #b, a_, b_);                       \
		eq_;                                                     \
	})
#define EXPECT_MEMEQ(a, b, n)                                            \
	({                                                               \
		int eq_ = test_memeq((a), (b), (n));                     \
		if (!eq_)                                                \
			test_fail(__FILE__, __LINE__,                    \
				  "EXPECT_MEMEQ(%s, %s, %s)", #a, #b,    \
				  #n);                                   \
		eq_;                                                     \
	})
#define ASSERT_EQ(a, b)              \
	do {                         \
		if (!EXPECT_EQ(a, b)) \
			return;      \
	} while (0)
#define ASSERT_TRUE(c)              \
	do {                        \
		if (!EXPECT_TRUE(c)) \
			return;     \
	} while (0)

/* `stmt` must end in panic()/platform->halt(); fails the test otherwise. */
#define EXPECT_PANIC(stmt)                                               \
	do {                                                             \
		jmp_buf jb_;                                             \
		if (setjmp(jb_) == 0) {                                  \
			fake_halt_arm(&jb_);                             \
			stmt;                                            \
			fake_halt_disarm();                              \
			test_fail(__FILE__, __LINE__,                    \
				  "EXPECT_PANIC(%s): no panic", #stmt);  \
		}                                                        \
	} while (0)

#endif /* SVSM_TEST_H */
