// SPDX-License-Identifier: MIT
/* Test runner: KTAP out, then "N passed, N failed"; exit 1 on any failure. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "core/call.h"
#include "core/guest_mem.h"

#define MAX_TESTS 512

static struct {
	const char *name;
	test_fn fn;
} tests[MAX_TESTS];
static int test_count;
static int cur_failures;

void test_register(const char *name, test_fn fn)
{
	if (test_count == MAX_TESTS) {
		fprintf(stderr, "too many tests\n");
		exit(2);
	}
	tests[test_count].name = name;
	tests[test_count].fn = fn;
	test_count++;
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	cur_failures++;
}

int test_memeq(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n) == 0;
}

int test_streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int test_strcontains(const char *haystack, const char *needle)
{
	return strstr(haystack, needle) != NULL;
}

static void test_setup(void)
{
	fake_platform_reset();
	guest_mem_reset();
	svsm_reset_protocols();
	vcpu_table_reset();
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n");
	printf("1..%d\n", test_count);
	for (int i = 0; i < test_count; i++) {
		if (only && !strstr(tests[i].name, only)) {
			printf("ok %d %s # SKIP filtered\n", i + 1,
			       tests[i].name);
			continue;
		}
		cur_failures = 0;
		test_setup();
		tests[i].fn();
		if (cur_failures) {
			printf("not ok %d %s\n", i + 1, tests[i].name);
			failed++;
		} else {
			printf("ok %d %s\n", i + 1, tests[i].name);
			passed++;
		}
	}
	test_setup();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
