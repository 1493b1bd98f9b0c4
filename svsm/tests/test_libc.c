// SPDX-License-Identifier: MIT
/*
 * svsm/lib's C library against the host's: differential tests where glibc
 * is the reference (strtol family, printf, sscanf, ctype, gmtime_r, qsort),
 * and behaviour tests for the rest (fortify checks, setjmp/longjmp, clocks,
 * random bytes, clean failures, pthreads, stdio to the console).
 *
 * This file is not renamed: it calls lib/ by the svsmlib_ names that
 * tests/lib_rename.h gives it, declared below with the host's types.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
/* ASan: forget the stack frames a longjmp skips (public ASan API). */
void __asan_handle_no_return(void);

#include "test.h"
#include "core/log.h"
#include "lib/heap.h" /* heap_init, heap_check: not libc names */

void svsmlib_free(void *);

long svsmlib_strtol(const char *, char **, int);
unsigned long svsmlib_strtoul(const char *, char **, int);
long long svsmlib_strtoll(const char *, char **, int);
unsigned long long svsmlib_strtoull(const char *, char **, int);
int *svsmlib___errno_location(void);
int svsmlib_snprintf(char *, size_t, const char *, ...);
int svsmlib___snprintf_chk(char *, size_t, int, size_t, const char *, ...);
int svsmlib_asprintf(char **, const char *, ...);
void *svsmlib___memcpy_chk(void *, const void *, size_t, size_t);
void *svsmlib___memset_chk(void *, int, size_t, size_t);
long svsmlib___fdelt_chk(long);
int svsmlib_sscanf(const char *, const char *, ...);
const unsigned short **svsmlib___ctype_b_loc(void);
const int32_t **svsmlib___ctype_tolower_loc(void);
const int32_t **svsmlib___ctype_toupper_loc(void);
struct tm *svsmlib_gmtime_r(const time_t *, struct tm *);
void svsmlib_qsort(void *, size_t, size_t, int (*)(const void *, const void *));
int svsmlib__setjmp(jmp_buf);
__attribute__((noreturn)) void svsmlib__longjmp(jmp_buf, int);
__attribute__((noreturn)) void svsmlib___longjmp_chk(jmp_buf, int);
void lib_time_init(uint64_t tsc_hz, int64_t wall_seconds);
time_t svsmlib_time(time_t *);
int svsmlib_clock_gettime(int, struct timespec *);
int svsmlib_gettimeofday(struct timeval *, void *);
long svsmlib_clock(void);
long svsmlib_syscall(long, ...);
int svsmlib_getentropy(void *, size_t);
int lib_random_bytes(void *, size_t);
int svsmlib_rand(void);
void *svsmlib_fopen(const char *, const char *);
int svsmlib_open(const char *, int, ...);
void *svsmlib_mmap(void *, size_t, int, int, int, long);
void *svsmlib_dlopen(const char *, int);
char *svsmlib_dlerror(void);
char *svsmlib_getenv(const char *);
char *svsmlib_secure_getenv(const char *);
int svsmlib_socket(int, int, int);
long svsmlib_sysconf(int);
int svsmlib_uname(void *);
long svsmlib_read(int, void *, size_t);
long svsmlib_write(int, const void *, size_t);
extern void *svsmlib_stderr, *svsmlib_stdin;
int svsmlib_fprintf(void *, const char *, ...);
int svsmlib_fputs(const char *, void *);
char *svsmlib_fgets(char *, int, void *);
int svsmlib_feof(void *);
int svsmlib_dprintf(int, const char *, ...);
char *svsmlib_strerror(int);
int svsmlib___xpg_strerror_r(int, char *, size_t);
int svsmlib_pthread_once(int *, void (*)(void));
int svsmlib_pthread_key_create(unsigned int *, void (*)(void *));
int svsmlib_pthread_key_delete(unsigned int);
void *svsmlib_pthread_getspecific(unsigned int);
int svsmlib_pthread_setspecific(unsigned int, const void *);
int svsmlib_pthread_rwlock_init(void *, const void *);
int svsmlib_pthread_rwlock_rdlock(void *);
int svsmlib_pthread_rwlock_wrlock(void *);
int svsmlib_pthread_rwlock_unlock(void *);
int svsmlib_pthread_rwlock_destroy(void *);
char *svsmlib_strtok(char *, const char *);
char *svsmlib_strstr(const char *, const char *);
size_t svsmlib_strspn(const char *, const char *);
size_t svsmlib_strcspn(const char *, const char *);
char *svsmlib_strrchr(const char *, int);
char *svsmlib_strncpy(char *, const char *, size_t);

#define lerrno (*svsmlib___errno_location())

static const char *const num_inputs[] = {
	"0", "1", "-1", "+42", "  \t\n 17xyz", "0x1f", "0X1F", "0x", "0xg",
	"077", "08", "z", "", "-", "+", "   ", "9223372036854775807",
	"9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"18446744073709551615", "18446744073709551616", "-18446744073709551615",
	"99999999999999999999999999", "ffffffffffffffff", "-0x8000000000000000",
	"123abc", "zz", "1e5",
};
static const int bases[] = { 0, 2, 8, 10, 16, 36 };

TEST(libc_strtol_family_matches_libc)
{
	for (size_t i = 0; i < ARRAY_SIZE(num_inputs); i++) {
		for (size_t b = 0; b < ARRAY_SIZE(bases); b++) {
			const char *s = num_inputs[i];
			int base = bases[b];
			char *e1, *e2;
			int err1, err2;

			errno = 0;
			lerrno = 0;
			long long a = strtoll(s, &e1, base);
			err1 = errno;
			long long c = svsmlib_strtoll(s, &e2, base);
			err2 = lerrno;
			if (!EXPECT_EQ(a, c) || !EXPECT_EQ(e1 - s, e2 - s) ||
			    !EXPECT_EQ(err1, err2))
				test_fail(__FILE__, __LINE__, "strtoll(\"%s\", %d)",
					  s, base);

			errno = 0;
			lerrno = 0;
			unsigned long long ua = strtoull(s, &e1, base);
			err1 = errno;
			unsigned long long uc = svsmlib_strtoull(s, &e2, base);
			err2 = lerrno;
			if (!EXPECT_EQ(ua, uc) || !EXPECT_EQ(e1 - s, e2 - s) ||
			    !EXPECT_EQ(err1, err2))
				test_fail(__FILE__, __LINE__, "strtoull(\"%s\", %d)",
					  s, base);

			EXPECT_EQ(strtol(s, NULL, base), svsmlib_strtol(s, NULL, base));
			EXPECT_EQ(strtoul(s, NULL, base),
				  svsmlib_strtoul(s, NULL, base));
		}
	}
	lerrno = 0;
	EXPECT_EQ(svsmlib_strtol("12", NULL, 1), 0);
	EXPECT_EQ(lerrno, EINVAL);
}

/* No format attribute: lets the table hold any conversion. */
static int svsm_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf_svsm(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int host_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

TEST(libc_printf_extended_matches_libc)
{
	static const char *const ifmts[] = {
		"%+d", "% d", "%+5d|", "%-+5d|", "% 05d", "%.3d", "%.0d",
		"%5.3d|", "%-8.4x|", "%08.3d", "%o", "%#o", "%#.0o", "%.0o",
		"%#5o|", "%hhd", "%hhu", "%hd", "%hu", "%#.6x", "%x%%",
		"%+i", "%.10u", "%#X",
	};
	static const int ivals[] = { 0, 1, -1, 7, 8, 255, 256, -128, 65535,
				     -32768, INT_MAX, INT_MIN, 1000000 };
	static const char *const sfmts[] = { "%s", "%.2s", "%5.1s|",
					     "%-6.3s|", "%.0s|", "%10s|" };
	static const char *const svals[] = { "", "a", "hello", "longer text" };
	char a[128], b[128];

	for (size_t f = 0; f < ARRAY_SIZE(ifmts); f++)
		for (size_t v = 0; v < ARRAY_SIZE(ivals); v++) {
			int na = svsm_fmt(a, sizeof(a), ifmts[f], ivals[v]);
			int nb = host_fmt(b, sizeof(b), ifmts[f], ivals[v]);

			if (!EXPECT_STREQ(a, b) || !EXPECT_EQ(na, nb))
				test_fail(__FILE__, __LINE__, "format %s, %d",
					  ifmts[f], ivals[v]);
		}
	for (size_t f = 0; f < ARRAY_SIZE(sfmts); f++)
		for (size_t v = 0; v < ARRAY_SIZE(svals); v++) {
			int na = svsm_fmt(a, sizeof(a), sfmts[f], svals[v]);
			int nb = host_fmt(b, sizeof(b), sfmts[f], svals[v]);

			if (!EXPECT_STREQ(a, b) || !EXPECT_EQ(na, nb))
				test_fail(__FILE__, __LINE__, "format %s, \"%s\"",
					  sfmts[f], svals[v]);
		}
	/* '*' width and precision, negative width, 64-bit lengths. */
	EXPECT_EQ(svsm_fmt(a, sizeof(a), "%*d|%-*d|%*d|%.*s|%.*d", 5, 42, 4, 7,
			   -4, 9, 2, "abcdef", -1, 3),
		  host_fmt(b, sizeof(b), "%*d|%-*d|%*d|%.*s|%.*d", 5, 42, 4, 7,
			   -4, 9, 2, "abcdef", -1, 3));
	EXPECT_STREQ(a, b);
	svsm_fmt(a, sizeof(a), "%zd %jd %td %lld %llo %c|%-3c|", (ssize_t)-5,
		 (intmax_t)INT64_MIN, (ptrdiff_t)-1, LLONG_MAX, 01234567ull,
		 'x', 'y');
	host_fmt(b, sizeof(b), "%zd %jd %td %lld %llo %c|%-3c|", (ssize_t)-5,
		 (intmax_t)INT64_MIN, (ptrdiff_t)-1, LLONG_MAX, 01234567ull,
		 'x', 'y');
	EXPECT_STREQ(a, b);
	/* Floating point is printed as written and skipped; %n refused. */
	{
		int n = 0;

		svsm_fmt(a, sizeof(a), "%d %f %d %n%d", 1, 2.5, 3, &n, 4);
		EXPECT_STREQ(a, "1 %f 3 %n4");
		EXPECT_EQ(n, 0);
	}
}

TEST(libc_snprintf_family)
{
	char b[16], *s = NULL;

	EXPECT_EQ(svsmlib_snprintf(b, sizeof(b), "%s-%d", "ab", 12), 5);
	EXPECT_STREQ(b, "ab-12");
	EXPECT_EQ(svsmlib_snprintf(b, 4, "%d", 123456), 6);
	EXPECT_STREQ(b, "123");
	static _Alignas(16) uint8_t heap[8192];

	heap_init(heap, sizeof(heap)); /* asprintf allocates from lib's heap */
	EXPECT_EQ(svsmlib_asprintf(&s, "%s=%u", "key", 7u), 5);
	EXPECT_STREQ(s, "key=7");
	svsmlib_free(s);
	EXPECT_EQ(svsmlib___snprintf_chk(b, sizeof(b), 1, sizeof(b), "%d", 5), 1);
	/* The caller claims more room than the object has: abort. */
	EXPECT_PANIC(svsmlib___snprintf_chk(b, 32, 1, sizeof(b), "%d", 5));
	EXPECT_TRUE(test_strcontains(fake_console_text(),
				     "buffer overflow detected"));
}

TEST(libc_fortify_checks)
{
	char dst[8], src[16] = "0123456789abcde";

	EXPECT_EQ(svsmlib___memcpy_chk(dst, src, 8, sizeof(dst)), dst);
	EXPECT_EQ(dst[7], '7');
	EXPECT_EQ(svsmlib___memset_chk(dst, 'z', 8, sizeof(dst)), dst);
	EXPECT_EQ(dst[0], 'z');
	EXPECT_PANIC(svsmlib___memcpy_chk(dst, src, 9, sizeof(dst)));
	EXPECT_PANIC(svsmlib___memset_chk(dst, 0, 16, sizeof(dst)));
	EXPECT_EQ(svsmlib___fdelt_chk(130), 2);
	EXPECT_PANIC(svsmlib___fdelt_chk(1024));
	EXPECT_PANIC(svsmlib___fdelt_chk(-1));
	EXPECT_EQ(dst[0], 'z'); /* the refused copies wrote nothing */
}

TEST(libc_sscanf_matches_libc)
{
	static const char *const ins[] = { "192.168.1.254", "10.0.0", "1.2.x.4",
					   "", "  7", "-3.4.5.6", "300.1.1.1" };
	int a[4], b[4];

	for (size_t i = 0; i < ARRAY_SIZE(ins); i++) {
		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		int na = svsmlib_sscanf(ins[i], "%d.%d.%d.%d", &a[0], &a[1],
					&a[2], &a[3]);
		int nb = sscanf(ins[i], "%d.%d.%d.%d", &b[0], &b[1], &b[2],
				&b[3]);

		if (!EXPECT_EQ(na, nb) || !EXPECT_MEMEQ(a, b, sizeof(a)))
			test_fail(__FILE__, __LINE__, "input \"%s\"", ins[i]);
	}
	{
		unsigned int x = 0, y = 0;
		unsigned short h = 0;
		char w[16] = "", w2[16] = "";
		int n = -1, m = -1;

		EXPECT_EQ(svsmlib_sscanf("ff  word 65535 rest", "%x %15s %hu%n",
					 &x, w, &h, &n),
			  3);
		EXPECT_EQ(sscanf("ff  word 65535 rest", "%x %15s %hu%n", &y,
				 w2, &h, &m),
			  3);
		EXPECT_EQ(x, y);
		EXPECT_STREQ(w, w2);
		EXPECT_EQ(n, m);
		EXPECT_EQ(h, 65535);
		EXPECT_EQ(svsmlib_sscanf("100%", "%u%%", &x), 1);
		EXPECT_EQ(x, 100);
		/* Unsupported conversions stop the scan: count so far. */
		EXPECT_EQ(svsmlib_sscanf("5 2.5", "%u %f", &x, (float *)&y), 1);
	}
}

TEST(libc_ctype_matches_libc)
{
	const unsigned short *mine = *svsmlib___ctype_b_loc();
	const unsigned short *host = *__ctype_b_loc();
	const int32_t *ml = *svsmlib___ctype_tolower_loc();
	const int32_t *mu = *svsmlib___ctype_toupper_loc();

	for (int c = -128; c < 256; c++) {
		if (!EXPECT_EQ(mine[c], host[c]) ||
		    !EXPECT_EQ(ml[c], (*__ctype_tolower_loc())[c]) ||
		    !EXPECT_EQ(mu[c], (*__ctype_toupper_loc())[c]))
			test_fail(__FILE__, __LINE__, "character %d", c);
	}
}

TEST(libc_gmtime_matches_libc)
{
	static const time_t ts[] = { 0, 1, 86399, 86400, 951782400 /* 2000-02-29 */,
				     1795434480, 4102444800 /* 2100-01-01 */,
				     -1, -86401, -2208988800, 253402300799,
				     68256000000ll };

	for (size_t i = 0; i < ARRAY_SIZE(ts); i++) {
		struct tm a, b;

		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		ASSERT_TRUE(svsmlib_gmtime_r(&ts[i], &a) == &a);
		ASSERT_TRUE(gmtime_r(&ts[i], &b) == &b);
		if (!EXPECT_EQ(a.tm_year, b.tm_year) || !EXPECT_EQ(a.tm_mon, b.tm_mon) ||
		    !EXPECT_EQ(a.tm_mday, b.tm_mday) ||
		    !EXPECT_EQ(a.tm_hour, b.tm_hour) ||
		    !EXPECT_EQ(a.tm_min, b.tm_min) || !EXPECT_EQ(a.tm_sec, b.tm_sec) ||
		    !EXPECT_EQ(a.tm_wday, b.tm_wday) ||
		    !EXPECT_EQ(a.tm_yday, b.tm_yday))
			test_fail(__FILE__, __LINE__, "time %lld", (long long)ts[i]);
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

struct rec {
	uint32_t key;
	uint8_t pad[9];
};

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

TEST(libc_qsort)
{
	int a[500], b[500];
	struct rec r[37];
	uint32_t seed = 7;

	for (int i = 0; i < 500; i++) {
		seed = seed * 1664525 + 1013904223;
		a[i] = b[i] = (int)(seed >> 20) - 2048;
	}
	svsmlib_qsort(a, 500, sizeof(int), cmp_int);
	qsort(b, 500, sizeof(int), cmp_int);
	EXPECT_MEMEQ(a, b, sizeof(a));
	for (int i = 0; i < 37; i++) {
		r[i].key = (uint32_t)(37 - i) * 7 % 37;
		memset(r[i].pad, (int)r[i].key, sizeof(r[i].pad));
	}
	svsmlib_qsort(r, 37, sizeof(r[0]), cmp_rec);
	for (int i = 0; i < 37; i++) {
		EXPECT_EQ(r[i].key, (uint32_t)i);
		EXPECT_EQ(r[i].pad[8], (uint8_t)i);
	}
	svsmlib_qsort(a, 0, sizeof(int), cmp_int);
	svsmlib_qsort(a, 1, sizeof(int), cmp_int);
}

static jmp_buf jb;
static int jumps;

static __attribute__((noinline)) void jump_back(int v)
{
	jumps++;
	__asan_handle_no_return();
	svsmlib__longjmp(jb, v);
}

static __attribute__((noinline)) void jump_back_chk(int v)
{
	jumps++;
	__asan_handle_no_return();
	svsmlib___longjmp_chk(jb, v);
}

static __attribute__((noinline)) void set_and_return(void)
{
	if (svsmlib__setjmp(jb))
		jumps = 100; /* never: the frame is gone */
}

TEST(libc_setjmp_longjmp)
{
	volatile int stage = 0;
	int r;

	jumps = 0;
	r = svsmlib__setjmp(jb);
	if (r == 0) {
		stage = 1;
		jump_back(42);
	} else if (r == 42) {
		EXPECT_EQ(stage, 1); /* the volatile local kept its value */
		stage = 2;
		jump_back(0); /* longjmp(env, 0) returns 1 */
	} else if (r == 1) {
		EXPECT_EQ(stage, 2);
		stage = 3;
		jump_back_chk(7);
	} else {
		EXPECT_EQ(r, 7);
		EXPECT_EQ(stage, 3);
	}
	EXPECT_EQ(jumps, 3);
	/* __longjmp_chk to a frame that has returned: refused. */
	set_and_return();
	EXPECT_PANIC(svsmlib___longjmp_chk(jb, 1));
	EXPECT_TRUE(test_strcontains(fake_console_text(), "__longjmp_chk"));
}

TEST(libc_clocks)
{
	struct timespec a, b;
	struct timeval tv;
	time_t t;

	lib_time_init(0, 0); /* stopped: every clock fails */
	lerrno = 0;
	EXPECT_EQ(svsmlib_time(NULL), -1);
	EXPECT_EQ(lerrno, EINVAL);
	EXPECT_EQ(svsmlib_clock_gettime(CLOCK_MONOTONIC, &a), -1);
	EXPECT_EQ(svsmlib_clock(), -1);

	lib_time_init(1000000000, 1700000000);
	EXPECT_EQ(svsmlib_clock_gettime(CLOCK_MONOTONIC, &a), 0);
	EXPECT_EQ(svsmlib_clock_gettime(CLOCK_MONOTONIC, &b), 0);
	EXPECT_TRUE(b.tv_sec > a.tv_sec ||
		    (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
	EXPECT_TRUE(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	EXPECT_EQ(svsmlib_clock_gettime(CLOCK_REALTIME, &a), 0);
	EXPECT_TRUE(a.tv_sec >= 1700000000);
	EXPECT_TRUE(svsmlib_time(&t) >= 1700000000);
	EXPECT_TRUE(t >= 1700000000);
	EXPECT_EQ(svsmlib_gettimeofday(&tv, NULL), 0);
	EXPECT_TRUE(tv.tv_sec >= 1700000000 && tv.tv_usec < 1000000);
	EXPECT_EQ(svsmlib_gettimeofday(&tv, &tv), -1); /* timezone: no */
	EXPECT_EQ(svsmlib_clock_gettime(99, &a), -1);
	EXPECT_TRUE(svsmlib_clock() >= 0);
	lib_time_init(0, 0);
}

TEST(libc_random)
{
	uint8_t a[64], b[64], zero[64] = { 0 };

	memset(a, 0, sizeof(a));
	EXPECT_EQ(svsmlib_syscall(318, a, sizeof(a), 0), (long)sizeof(a));
	EXPECT_EQ(lib_random_bytes(b, sizeof(b)), 0);
	EXPECT_FALSE(test_memeq(a, zero, sizeof(a)));
	EXPECT_FALSE(test_memeq(a, b, sizeof(a)));
	EXPECT_EQ(svsmlib_getentropy(a, 256), 0);
	lerrno = 0;
	EXPECT_EQ(svsmlib_getentropy(a, 257), -1);
	EXPECT_EQ(lerrno, EIO);
	lerrno = 0;
	EXPECT_EQ(svsmlib_syscall(39 /* getpid */), -1);
	EXPECT_EQ(lerrno, ENOSYS);
	EXPECT_TRUE(svsmlib_rand() >= 0);
	EXPECT_TRUE(svsmlib_rand() != svsmlib_rand() ||
		    svsmlib_rand() != svsmlib_rand());
}

TEST(libc_absent_resources_fail_cleanly)
{
	char buf[8];

	lerrno = 0;
	EXPECT_EQ(svsmlib_fopen("/etc/ssl/openssl.cnf", "r"), NULL);
	EXPECT_EQ(lerrno, ENOENT);
	EXPECT_EQ(svsmlib_open("/dev/urandom", 0), -1);
	EXPECT_EQ(lerrno, ENOENT);
	lerrno = 0;
	EXPECT_EQ(svsmlib_mmap(NULL, 4096, 3, 0x22, -1, 0), (void *)-1);
	EXPECT_EQ(lerrno, ENOSYS);
	EXPECT_EQ(svsmlib_dlopen("libfoo.so", 2), NULL);
	EXPECT_TRUE(svsmlib_dlerror() != NULL);
	EXPECT_EQ(svsmlib_dlerror(), NULL); /* reported once */
	EXPECT_EQ(svsmlib_getenv("OPENSSL_CONF"), NULL);
	EXPECT_EQ(svsmlib_secure_getenv("HOME"), NULL);
	EXPECT_EQ(svsmlib_socket(2, 1, 0), -1);
	EXPECT_EQ(svsmlib_uname(buf), -1);
	EXPECT_EQ(svsmlib_read(0, buf, sizeof(buf)), -1);
	EXPECT_EQ(lerrno, EBADF);
	EXPECT_EQ(svsmlib_sysconf(30 /* _SC_PAGESIZE */), 4096);
	EXPECT_EQ(svsmlib_sysconf(84 /* _SC_NPROCESSORS_ONLN */), -1);
	EXPECT_EQ(svsmlib_fgets(buf, sizeof(buf), svsmlib_stdin), NULL);
	EXPECT_TRUE(svsmlib_feof(svsmlib_stdin));
	EXPECT_STREQ(svsmlib_strerror(ENOSYS), "Function not implemented");
	EXPECT_EQ(svsmlib___xpg_strerror_r(ENOENT, buf, sizeof(buf)), ERANGE);
	EXPECT_STREQ(buf, "No such");
}

TEST(libc_stdio_to_console)
{
	EXPECT_EQ(svsmlib_fprintf(svsmlib_stderr, "tpm: %s %d\n", "x", 5), 9);
	EXPECT_EQ(svsmlib_fputs("line\n", svsmlib_stderr), 1);
	EXPECT_EQ(svsmlib_dprintf(2, "%05u|", 42u), 6);
	EXPECT_EQ(svsmlib_write(1, "w", 1), 1);
	EXPECT_STREQ(fake_console_text(), "tpm: x 5\nline\n00042|w");
	lerrno = 0;
	EXPECT_EQ(svsmlib_dprintf(5, "x"), -1);
	EXPECT_EQ(lerrno, EBADF);
	EXPECT_EQ(svsmlib_fprintf(svsmlib_stdin, "x"), -1);
	{
		char big[600];

		memset(big, 'q', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		fake_console_reset();
		EXPECT_EQ(svsmlib_fprintf(svsmlib_stderr, "%s", big), 599);
		EXPECT_EQ(strlen(fake_console_text()), 599); /* not cut */
	}
}

static int once_runs;

static void once_fn(void)
{
	once_runs++;
}

TEST(libc_pthreads_single_thread)
{
	int once = 0;
	unsigned int k1, k2;
	union {
		uint8_t b[56];
		long align;
	} lock;
	int v = 5;

	EXPECT_EQ(svsmlib_pthread_once(&once, once_fn), 0);
	EXPECT_EQ(svsmlib_pthread_once(&once, once_fn), 0);
	EXPECT_EQ(once_runs, 1);
	EXPECT_EQ(svsmlib_pthread_key_create(&k1, NULL), 0);
	EXPECT_EQ(svsmlib_pthread_key_create(&k2, NULL), 0);
	EXPECT_NE(k1, k2);
	EXPECT_EQ(svsmlib_pthread_getspecific(k1), NULL);
	EXPECT_EQ(svsmlib_pthread_setspecific(k1, &v), 0);
	EXPECT_EQ(svsmlib_pthread_getspecific(k1), &v);
	EXPECT_EQ(svsmlib_pthread_getspecific(k2), NULL);
	EXPECT_EQ(svsmlib_pthread_key_delete(k1), 0);
	EXPECT_EQ(svsmlib_pthread_key_delete(k1), EINVAL);
	EXPECT_EQ(svsmlib_pthread_key_delete(k2), 0);

	EXPECT_EQ(svsmlib_pthread_rwlock_init(&lock, NULL), 0);
	EXPECT_EQ(svsmlib_pthread_rwlock_rdlock(&lock), 0);
	EXPECT_EQ(svsmlib_pthread_rwlock_rdlock(&lock), 0); /* recursive read */
	EXPECT_EQ(svsmlib_pthread_rwlock_wrlock(&lock), EDEADLK);
	EXPECT_EQ(svsmlib_pthread_rwlock_destroy(&lock), EBUSY);
	EXPECT_EQ(svsmlib_pthread_rwlock_unlock(&lock), 0);
	EXPECT_EQ(svsmlib_pthread_rwlock_unlock(&lock), 0);
	EXPECT_EQ(svsmlib_pthread_rwlock_unlock(&lock), EPERM);
	EXPECT_EQ(svsmlib_pthread_rwlock_wrlock(&lock), 0);
	EXPECT_EQ(svsmlib_pthread_rwlock_rdlock(&lock), EDEADLK);
	EXPECT_EQ(svsmlib_pthread_rwlock_unlock(&lock), 0);
	EXPECT_EQ(svsmlib_pthread_rwlock_destroy(&lock), 0);
}

TEST(libc_more_strings_match_libc)
{
	char a[] = "a,b;;c", b[] = "a,b;;c", d1[8], d2[8];
	char *t1, *t2;

	t1 = svsmlib_strtok(a, ",;");
	t2 = strtok(b, ",;");
	while (t1 || t2) {
		ASSERT_TRUE(t1 && t2);
		EXPECT_STREQ(t1, t2);
		t1 = svsmlib_strtok(NULL, ",;");
		t2 = strtok(NULL, ",;");
	}
	EXPECT_STREQ(svsmlib_strstr("hello", "ll"), "llo");
	EXPECT_EQ(svsmlib_strstr("hello", "lx"), NULL);
	EXPECT_STREQ(svsmlib_strstr("hello", ""), "hello");
	EXPECT_EQ(svsmlib_strspn("abcx", "cba"), 3);
	EXPECT_EQ(svsmlib_strcspn("abcx", "x"), 3);
	EXPECT_STREQ(svsmlib_strrchr("a/b/c", '/'), "/c");
	memset(d1, 'z', sizeof(d1));
	memset(d2, 'z', sizeof(d2));
	svsmlib_strncpy(d1, "abc", 6);
	strncpy(d2, "abc", 6);
	EXPECT_MEMEQ(d1, d2, sizeof(d1));
}
