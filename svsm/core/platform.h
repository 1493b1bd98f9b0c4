/* SPDX-License-Identifier: MIT */
/*
 * The platform interface: everything the core needs from below.
 *
 * Implementations: platform/emu (QEMU TCG + AMD SVM, the firmware is the
 * hypervisor), platform/snp (SEV-SNP, VMPL0; never run on hardware here) and
 * platform/fake (host unit tests).  Core code calls only through `platform`.
 */
#ifndef SVSM_CORE_PLATFORM_H
#define SVSM_CORE_PLATFORM_H

#include "types.h"

struct platform_ops {
	const char *name;
	/* Write bytes to the firmware console(s). */
	void (*console_write)(const char *s, size_t len);
	/*
	 * Map [gpa, gpa + len) of guest memory for the SVSM and return a pointer,
	 * or NULL if the platform cannot.  Called only by guest_mem.c after the
	 * range was checked against the guest memory map.
	 */
	void *(*map_guest)(gpa_t gpa, size_t len);
	/* Stop the machine; code is a small exit status for the test harness. */
	__noreturn void (*halt)(int code);
};

extern const struct platform_ops *platform;

#endif /* SVSM_CORE_PLATFORM_H */
