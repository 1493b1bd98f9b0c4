/* SPDX-License-Identifier: MIT */
/* Clocks of the emulated platform: see clock.c. */
#ifndef SVSM_PLATFORM_EMU_CLOCK_H
#define SVSM_PLATFORM_EMU_CLOCK_H

/* Measure the TSC against the PIT, read the RTC, start lib/time.c. */
void emu_clock_init(void);

#endif /* SVSM_PLATFORM_EMU_CLOCK_H */
