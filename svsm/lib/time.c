// SPDX-License-Identifier: MIT
/*
 * Time for the firmware: a monotonic clock from the TSC and a wall clock
 * from the RTC reading at boot plus TSC time since.  The platform measures
 * the TSC frequency and reads the RTC, then calls lib_time_init(); until
 * then every clock fails with EINVAL rather than invent a time.
 */
#include "libc.h"

static struct {
	uint64_t hz; /* 0: not started */
	uint64_t tsc0;
	int64_t wall0;
} clk;

uint64_t lib_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

void lib_time_init(uint64_t tsc_hz, int64_t wall_seconds)
{
	clk.tsc0 = lib_rdtsc();
	clk.wall0 = wall_seconds;
	clk.hz = tsc_hz;
}

uint64_t lib_tsc_hz(void)
{
	return clk.hz;
}

/* ticks * mul / hz without overflow (mul <= 1e9, hz < 2^34). */
static uint64_t scale(uint64_t ticks, uint64_t mul)
{
	return ticks / clk.hz * mul + ticks % clk.hz * mul / clk.hz;
}

uint64_t lib_tsc_to_us(uint64_t ticks)
{
	return clk.hz ? scale(ticks, 1000000) : 0;
}

/* Time since lib_time_init. */
static bool since_init(struct lib_timespec *ts)
{
	uint64_t t;

	if (!clk.hz) {
		lib_errno = LIB_EINVAL;
		return false;
	}
	t = lib_rdtsc() - clk.tsc0;
	ts->tv_sec = (int64_t)(t / clk.hz);
	ts->tv_nsec = (long)scale(t % clk.hz, 1000000000);
	return true;
}

int clock_gettime(int id, struct lib_timespec *ts)
{
	struct lib_timespec t;

	switch (id) {
	case LIB_CLOCK_REALTIME:
	case LIB_CLOCK_MONOTONIC:
	case LIB_CLOCK_MONOTONIC_RAW:
	case LIB_CLOCK_BOOTTIME:
	case LIB_CLOCK_PROCESS_CPUTIME_ID:
	case LIB_CLOCK_THREAD_CPUTIME_ID:
		break;
	default:
		lib_errno = LIB_EINVAL;
		return -1;
	}
	if (!since_init(&t))
		return -1;
	if (id == LIB_CLOCK_REALTIME)
		t.tv_sec += clk.wall0;
	*ts = t;
	return 0;
}

int gettimeofday(struct lib_timeval *tv, void *tz)
{
	struct lib_timespec t;

	if (tz) { /* obsolete timezone argument: not supported */
		lib_errno = LIB_EINVAL;
		return -1;
	}
	if (clock_gettime(LIB_CLOCK_REALTIME, &t))
		return -1;
	tv->tv_sec = t.tv_sec;
	tv->tv_usec = t.tv_nsec / 1000;
	return 0;
}

lib_time_t time(lib_time_t *out)
{
	struct lib_timespec t;

	if (clock_gettime(LIB_CLOCK_REALTIME, &t))
		return -1;
	if (out)
		*out = t.tv_sec;
	return t.tv_sec;
}

/* Processor time in CLOCKS_PER_SEC units: all of it since boot is ours. */
long clock(void)
{
	struct lib_timespec t;

	if (!since_init(&t))
		return -1;
	return (long)(t.tv_sec * LIB_CLOCKS_PER_SEC + t.tv_nsec / 1000);
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t lib_days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	int64_t era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

struct lib_tm *gmtime_r(const lib_time_t *t, struct lib_tm *tm)
{
	int64_t days = *t / 86400, secs = *t % 86400, era, y;
	unsigned int doe, yoe, doy, mp, d, m;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	/* tm_year is an int: refuse what does not fit (like glibc). */
	if (days > 365ll * 2147483647 || days < -365ll * 2147483647) {
		lib_errno = LIB_EOVERFLOW;
		return NULL;
	}
	tm->tm_wday = (int)((days % 7 + 11) % 7); /* 1970-01-01: Thursday */
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = (unsigned int)(days - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y - 1900 > INT32_MAX || y - 1900 < INT32_MIN) {
		lib_errno = LIB_EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = (int)m - 1;
	tm->tm_mday = (int)d;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_yday = (int)(lib_days_from_civil(y, m, d) -
			    lib_days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "GMT";
	return tm;
}
