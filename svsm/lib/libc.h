/* SPDX-License-Identifier: MIT */
/*
 * The firmware's C library beyond string.h: what libtpms and libcrypto (built
 * for glibc) call, with glibc's names and ABI.  Types that glibc's headers
 * also define carry a lib_ prefix here, so that host unit tests can include
 * this header next to the host libc (the functions themselves are renamed by
 * tests/lib_rename.h there).
 *
 * Implemented for real: memory/string (string.h), ctype tables, strtol
 * family, qsort, the heap (heap.h), the snprintf family, a small sscanf,
 * setjmp/longjmp, time from the TSC and the RTC, random bytes from
 * RDRAND/RDSEED (also as getrandom/getentropy), errno, single-threaded
 * pthread once/keys/rwlocks, stdio to the console for stdout/stderr.
 * Failing cleanly (-1 or NULL with errno, never a pretended success): files,
 * sockets, dlopen, mmap, signals, terminals, other syscalls.
 */
#ifndef SVSM_LIB_LIBC_H
#define SVSM_LIB_LIBC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "heap.h"
#include "printf.h"

/* --- errno (Linux values: the archives compare against these) --- */
#define LIB_EPERM 1
#define LIB_ENOENT 2
#define LIB_EIO 5
#define LIB_EBADF 9
#define LIB_EAGAIN 11
#define LIB_ENOMEM 12
#define LIB_EACCES 13
#define LIB_EBUSY 16
#define LIB_EINVAL 22
#define LIB_ENOTTY 25
#define LIB_ESPIPE 29
#define LIB_ERANGE 34
#define LIB_EDEADLK 35
#define LIB_ENOSYS 38
#define LIB_EOVERFLOW 75
#define LIB_ENOTSUP 95

int *__errno_location(void);
#define lib_errno (*__errno_location())

/* --- fatal paths: all end in panic() with a message --- */
__attribute__((noreturn)) void lib_chk_fail(const char *what);
__attribute__((noreturn)) void abort(void);
__attribute__((noreturn)) void __assert_fail(const char *expr,
					     const char *file,
					     unsigned int line,
					     const char *func);
__attribute__((noreturn)) void __stack_chk_fail(void);

/* --- ctype (glibc's table layout) --- */
const unsigned short **__ctype_b_loc(void);
const int32_t **__ctype_tolower_loc(void);
const int32_t **__ctype_toupper_loc(void);
/* glibc's class bits in the __ctype_b table (little-endian layout). */
#define LIB_CT_UPPER 0x0100
#define LIB_CT_LOWER 0x0200
#define LIB_CT_ALPHA 0x0400
#define LIB_CT_DIGIT 0x0800
#define LIB_CT_XDIGIT 0x1000
#define LIB_CT_SPACE 0x2000
#define LIB_CT_PRINT 0x4000
#define LIB_CT_GRAPH 0x8000
#define LIB_CT_BLANK 0x0001
#define LIB_CT_CNTRL 0x0002
#define LIB_CT_PUNCT 0x0004
#define LIB_CT_ALNUM 0x0008

static inline bool lib_isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline bool lib_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

/* Digit value of c in bases up to 36, or 99. */
static inline int lib_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* --- stdlib --- */
long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base);
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));
int atexit(void (*fn)(void));
char *getenv(const char *name);
char *secure_getenv(const char *name);
int rand(void);
void srand(unsigned int seed);
#define LIB_RAND_MAX 0x7fffffff

/* --- formatted output (printf.c): one implementation --- */
/*
 * Conversions: d i u o x X c s p %; flags - + space # 0; width and
 * precision (numbers or *); length hh h l ll z j t.  Floating point (a e f
 * g) is not supported (the firmware is general-registers only): such a
 * conversion is printed as written and its argument skipped.  %n is refused
 * the same way.
 */
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vasprintf(char **out, const char *fmt, va_list ap);
int asprintf(char **out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int __snprintf_chk(char *buf, size_t size, int flag, size_t buflen,
		   const char *fmt, ...);
int __vsnprintf_chk(char *buf, size_t size, int flag, size_t buflen,
		    const char *fmt, va_list ap);
int __asprintf_chk(char **out, int flag, const char *fmt, ...);
int __vasprintf_chk(char **out, int flag, const char *fmt, va_list ap);

/* --- formatted input (scanf.c): %d %i %u %x %o %s %c %n %% and
 * literals, lengths hh h l ll z j; anything else stops the scan. --- */
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap);
int sscanf(const char *restrict s, const char *restrict fmt, ...);
int __isoc99_sscanf(const char *restrict s, const char *restrict fmt, ...);

/* --- stdio (stdio.c): stdout/stderr go to the firmware console --- */
typedef struct lib_file lib_FILE;
extern lib_FILE *stdin, *stdout, *stderr;
int vfprintf(lib_FILE *f, const char *fmt, va_list ap);
int fprintf(lib_FILE *f, const char *fmt, ...);
int __fprintf_chk(lib_FILE *f, int flag, const char *fmt, ...);
int __vfprintf_chk(lib_FILE *f, int flag, const char *fmt, va_list ap);
int fputs(const char *s, lib_FILE *f);
int fputc(int c, lib_FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, lib_FILE *f);
lib_FILE *fopen(const char *path, const char *mode);
int fclose(lib_FILE *f);
int dprintf(int fd, const char *fmt, ...);
int vdprintf(int fd, const char *fmt, va_list ap);

/* --- time (time.c) --- */
typedef int64_t lib_time_t;
struct lib_timespec {
	int64_t tv_sec;
	long tv_nsec;
};
struct lib_timeval {
	int64_t tv_sec;
	long tv_usec;
};
struct lib_tm { /* glibc's struct tm */
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday,
		tm_yday, tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};
#define LIB_CLOCK_REALTIME 0
#define LIB_CLOCK_MONOTONIC 1
#define LIB_CLOCK_PROCESS_CPUTIME_ID 2
#define LIB_CLOCK_THREAD_CPUTIME_ID 3
#define LIB_CLOCK_MONOTONIC_RAW 4
#define LIB_CLOCK_BOOTTIME 7
#define LIB_CLOCKS_PER_SEC 1000000l

/*
 * Start the clocks: tsc_hz is the TSC frequency, wall_seconds the Unix time
 * now (from the RTC).  Until then every time function fails with EINVAL.
 */
void lib_time_init(uint64_t tsc_hz, int64_t wall_seconds);
uint64_t lib_rdtsc(void);
uint64_t lib_tsc_hz(void); /* 0 before lib_time_init */
/* Microseconds between two TSC readings (0 before lib_time_init). */
uint64_t lib_tsc_to_us(uint64_t ticks);
lib_time_t time(lib_time_t *t);
long clock(void);
int clock_gettime(int clk, struct lib_timespec *ts);
int gettimeofday(struct lib_timeval *tv, void *tz);
struct lib_tm *gmtime_r(const lib_time_t *t, struct lib_tm *tm);
/* Days since 1970-01-01 of a proleptic Gregorian date (for the RTC). */
int64_t lib_days_from_civil(int64_t y, unsigned int m, unsigned int d);

/* --- random bytes (random.c) --- */
/*
 * Fill buf from the CPU's RNG: RDSEED (when CPUID.7.EBX[18] says it exists)
 * then RDRAND, each with retries.  Returns 0, or -1 if the hardware RNG
 * failed (nothing else is ever substituted).
 */
int lib_random_bytes(void *buf, size_t len);
bool lib_have_rdseed(void);
bool lib_have_rdrand(void);
int getentropy(void *buf, size_t len);
long syscall(long nr, ...);
#define LIB_SYS_getrandom 318

/* --- setjmp (setjmp.asm): rbx rbp r12-r15 rsp rip, glibc's slot order --- */
#ifndef SVSM_LIB_RENAMED
typedef struct {
	uint64_t regs[8];
	uint8_t glibc_rest[200 - 64]; /* mask_was_saved, saved_mask */
} lib_jmp_buf[1];
int _setjmp(lib_jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void _longjmp(lib_jmp_buf env, int val);
__attribute__((noreturn)) void __longjmp_chk(lib_jmp_buf env, int val);
#endif

/* --- pthread (pthread.c): one thread --- */
typedef int lib_pthread_once_t;
typedef unsigned int lib_pthread_key_t;
typedef union {
	struct {
		int readers;
		int writer;
	} s;
	uint8_t size[56]; /* glibc's pthread_rwlock_t */
} lib_pthread_rwlock_t;
#define LIB_PTHREAD_KEYS_MAX 64
int pthread_once(lib_pthread_once_t *once, void (*fn)(void));
int pthread_key_create(lib_pthread_key_t *key, void (*dtor)(void *));
int pthread_key_delete(lib_pthread_key_t key);
void *pthread_getspecific(lib_pthread_key_t key);
int pthread_setspecific(lib_pthread_key_t key, const void *value);
unsigned long pthread_self(void);
int pthread_rwlock_init(lib_pthread_rwlock_t *l, const void *attr);
int pthread_rwlock_destroy(lib_pthread_rwlock_t *l);
int pthread_rwlock_rdlock(lib_pthread_rwlock_t *l);
int pthread_rwlock_wrlock(lib_pthread_rwlock_t *l);
int pthread_rwlock_unlock(lib_pthread_rwlock_t *l);

/* --- the rest of POSIX the archives reference (posix.c): fail cleanly --- */
int open(const char *path, int flags, ...);
long read(int fd, void *buf, size_t n);
long write(int fd, const void *buf, size_t n);
int close(int fd);
void *dlopen(const char *file, int mode);
char *dlerror(void);
void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off);
#define LIB_MAP_FAILED ((void *)-1)
long sysconf(int name);
int uname(void *buf);
int getpid(void);

#endif /* SVSM_LIB_LIBC_H */
