// SPDX-License-Identifier: MIT
/*
 * Clocks of the emulated platform for lib/time.c: the TSC frequency,
 * measured against PIT channel 2 (gate through port 0x61, 1.193182 MHz)
 * over 20 ms, and the wall-clock time from the CMOS RTC (UTC, as QEMU's
 * default -rtc base=utc), read once at boot.
 */
#include "arch/x86/cpu.h"
#include "core/log.h"
#include "lib/libc.h"
#include "clock.h"

#define PIT_HZ 1193182u
#define CALIBRATE_MS 20u
#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

static uint64_t measure_tsc_hz(void)
{
	uint16_t count = (uint16_t)(PIT_HZ * CALIBRATE_MS / 1000);
	uint64_t t0, t1;
	uint8_t gate;

	/* Channel 2 gate on, speaker off; mode 0 (one-shot), binary. */
	gate = inb(0x61);
	outb(0x61, (uint8_t)((gate & ~0x02) | 0x01));
	outb(0x43, 0xb0);
	outb(0x42, (uint8_t)count);
	outb(0x42, (uint8_t)(count >> 8));
	t0 = lib_rdtsc();
	while (!(inb(0x61) & 0x20)) /* OUT2 goes high at terminal count */
		cpu_relax();
	t1 = lib_rdtsc();
	outb(0x61, gate);
	return (t1 - t0) * 1000 / CALIBRATE_MS;
}

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg); /* bit 7 clear: NMI stays enabled */
	return inb(CMOS_DATA);
}

static unsigned int from_bcd(uint8_t v, bool bcd)
{
	return bcd ? (v >> 4) * 10u + (v & 0x0f) : v;
}

/* Seconds since 1970 from the RTC, read twice until stable. */
static int64_t rtc_unix_time(void)
{
	uint8_t r[7], again[7], status_b;
	unsigned int hour;
	bool bcd;
	int64_t year;

	do {
		while (cmos_read(0x0a) & 0x80) /* update in progress */
			cpu_relax();
		for (int i = 0; i < 2; i++) {
			uint8_t *d = i ? again : r;

			d[0] = cmos_read(0x00);
			d[1] = cmos_read(0x02);
			d[2] = cmos_read(0x04);
			d[3] = cmos_read(0x07);
			d[4] = cmos_read(0x08);
			d[5] = cmos_read(0x09);
			d[6] = cmos_read(0x32); /* century (ACPI FADT default) */
		}
	} while (r[0] != again[0] || r[1] != again[1] || r[2] != again[2] ||
		 r[3] != again[3] || r[4] != again[4] || r[5] != again[5]);
	status_b = cmos_read(0x0b);
	bcd = !(status_b & 0x04);
	hour = from_bcd(r[2] & 0x7f, bcd);
	if (!(status_b & 0x02) && (r[2] & 0x80)) /* 12-hour mode, PM */
		hour = (hour % 12) + 12;
	else if (!(status_b & 0x02) && hour == 12)
		hour = 0;
	year = from_bcd(r[5], bcd);
	year += r[6] ? from_bcd(r[6], bcd) * 100 : 2000;
	return lib_days_from_civil(year, from_bcd(r[4], bcd),
				   from_bcd(r[3], bcd)) * 86400 +
	       hour * 3600 + from_bcd(r[1], bcd) * 60 + from_bcd(r[0], bcd);
}

void emu_clock_init(void)
{
	uint64_t hz = measure_tsc_hz();
	int64_t now = rtc_unix_time();

	if (hz < 1000000)
		panic("clock: TSC frequency %lu Hz is implausible", hz);
	lib_time_init(hz, now);
	log_info("clock: TSC %lu MHz, RTC %ld (Unix time)", hz / 1000000,
		 (long)now);
}
