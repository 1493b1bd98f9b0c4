// SPDX-License-Identifier: MIT
/*
 * stdlib for the firmware: strtol family, qsort, rand, errno, the fatal
 * paths (abort, assert, stack protector, fortify) and strerror.
 */
#include "libc.h"
#include "string.h"
#include "core/log.h"

/* --- errno: one CPU runs SVSM code at a time --- */

static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}

/* --- fatal paths --- */

void lib_chk_fail(const char *what)
{
	panic("libc: buffer overflow detected (%s)", what);
}

void abort(void)
{
	panic("libc: abort() called");
}

void __assert_fail(const char *expr, const char *file, unsigned int line,
		   const char *func)
{
	panic("libc: assertion \"%s\" failed at %s:%u (%s)", expr, file, line,
	      func);
}

void __stack_chk_fail(void)
{
	panic("libc: stack smashing detected (stack protector canary)");
}

/* FD_SET & co. with fortify: the descriptor must fit an fd_set. */
long __fdelt_chk(long fd)
{
	if (fd < 0 || fd >= 1024)
		lib_chk_fail("__fdelt_chk");
	return fd / 64;
}

/* --- strtol family --- */

/*
 * Parse like strtoull: *neg tells a leading '-', the magnitude is clamped
 * to `limit` (with *overflow set).  Returns the magnitude; *end the first
 * unparsed character (s itself if there were no digits).
 */
static unsigned long long parse_num(const char *s, const char **end,
				    int base, unsigned long long limit,
				    bool *neg, bool *overflow)
{
	const char *p = s, *digits_start;
	unsigned long long v = 0;

	*neg = false;
	*overflow = false;
	*end = s;
	if (base < 0 || base == 1 || base > 36) {
		lib_errno = LIB_EINVAL;
		return 0;
	}
	while (lib_isspace(*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && lib_digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	digits_start = p;
	for (int d; (d = lib_digit_value(*p)) < base; p++) {
		if (*overflow)
			continue;
		if (v > (limit - (unsigned int)d) / (unsigned int)base) {
			*overflow = true;
			v = limit;
		} else {
			v = v * (unsigned int)base + (unsigned int)d;
		}
	}
	if (p != digits_start)
		*end = p;
	return v;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	bool neg, ovf;
	const char *e;
	unsigned long long v = parse_num(s, &e, base,
					 (unsigned long long)INT64_MAX + 1,
					 &neg, &ovf);

	if (end)
		*end = (char *)e;
	if (!neg && v > (unsigned long long)INT64_MAX) {
		ovf = true;
		v = INT64_MAX;
	}
	if (ovf) {
		lib_errno = LIB_ERANGE;
		return neg ? INT64_MIN : INT64_MAX;
	}
	return neg ? (long long)(0 - v) : (long long)v;
}

unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base)
{
	bool neg, ovf;
	const char *e;
	unsigned long long v = parse_num(s, &e, base, UINT64_MAX, &neg, &ovf);

	if (end)
		*end = (char *)e;
	if (ovf) {
		lib_errno = LIB_ERANGE;
		return UINT64_MAX;
	}
	return neg ? 0 - v : v; /* C: the negation is in the unsigned type */
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base); /* long is 64-bit on x86-64 */
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}

/* --- qsort: heapsort, in place, no recursion, no allocation --- */

static void swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
	while (size--) {
		unsigned char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

static void sift_down(unsigned char *base, size_t root, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * root + 1, max = root;

		if (child < n && cmp(base + child * size, base + max * size) > 0)
			max = child;
		if (child + 1 < n &&
		    cmp(base + (child + 1) * size, base + max * size) > 0)
			max = child + 1;
		if (max == root)
			return;
		swap_bytes(base + root * size, base + max * size, size);
		root = max;
	}
}

void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	unsigned char *b = base;

	if (n < 2 || !size)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (size_t end = n - 1; end > 0; end--) {
		swap_bytes(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}

/* --- environment: there is none --- */

int atexit(void (*fn)(void))
{
	/*
	 * Registered and never run: the firmware never exits (a program that
	 * never returns from main does not run its atexit handlers either).
	 */
	(void)fn;
	return 0;
}

char *getenv(const char *name)
{
	(void)name;
	return NULL;
}

char *secure_getenv(const char *name)
{
	(void)name;
	return NULL;
}

/*
 * rand(): libtpms calls it only as a fallback when OpenSSL's RAND_bytes
 * fails (tpm2/Entropy.c), so it must not be a predictable PRNG: it returns
 * hardware random bits and srand() cannot make it repeatable.  If the
 * hardware RNG fails there is no honest value to return: panic.
 */
int rand(void)
{
	uint32_t v;

	if (lib_random_bytes(&v, sizeof(v)))
		panic("libc: rand(): the CPU random number generator failed");
	return (int)(v & LIB_RAND_MAX);
}

void srand(unsigned int seed)
{
	(void)seed;
}

/* --- strerror --- */

static const struct {
	int err;
	const char *msg;
} errors[] = {
	{ 0, "Success" },
	{ LIB_EPERM, "Operation not permitted" },
	{ LIB_ENOENT, "No such file or directory" },
	{ LIB_EIO, "Input/output error" },
	{ LIB_EBADF, "Bad file descriptor" },
	{ LIB_EAGAIN, "Resource temporarily unavailable" },
	{ LIB_ENOMEM, "Cannot allocate memory" },
	{ LIB_EACCES, "Permission denied" },
	{ LIB_EINVAL, "Invalid argument" },
	{ LIB_ENOTTY, "Inappropriate ioctl for device" },
	{ LIB_ESPIPE, "Illegal seek" },
	{ LIB_ERANGE, "Numerical result out of range" },
	{ LIB_EDEADLK, "Resource deadlock avoided" },
	{ LIB_ENOSYS, "Function not implemented" },
	{ LIB_EOVERFLOW, "Value too large for defined data type" },
	{ LIB_ENOTSUP, "Operation not supported" },
};

static const char *err_msg(int err)
{
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].err == err)
			return errors[i].msg;
	return NULL;
}

char *strerror(int err)
{
	static char unknown[32];
	const char *m = err_msg(err);

	if (m)
		return (char *)m;
	snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
	return unknown;
}

/* POSIX strerror_r (glibc's name for it): 0, or ERANGE if cut. */
int __xpg_strerror_r(int err, char *buf, size_t len)
{
	const char *m = err_msg(err);
	int n;

	if (!len)
		return LIB_ERANGE;
	n = m ? snprintf(buf, len, "%s", m)
	      : snprintf(buf, len, "Unknown error %d", err);
	if (!m)
		return LIB_EINVAL;
	return (size_t)n >= len ? LIB_ERANGE : 0;
}
