/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Fixed-width types for the SVSM protocol headers.
 *
 * The same headers are included by the firmware (freestanding), the Linux
 * modules (kernel), the selftests and tools (Linux userspace) and the host
 * unit tests of the firmware.  Linux code gets the __uN types from
 * <linux/types.h>; the firmware defines SVSM_FREESTANDING and gets them here.
 */
#ifndef SVSM_TYPES_H
#define SVSM_TYPES_H

#ifdef SVSM_FREESTANDING
#include <stdint.h>
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
#else
#include <linux/types.h>
#endif

#endif /* SVSM_TYPES_H */
