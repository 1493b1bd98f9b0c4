/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace reader of the SVSM discovery leaves (include/svsm/emu.h),
 * shared by the guest test programs.  CPUID is not privileged, so any
 * process can find the SVSM; only calling it needs CPL0.
 */
#ifndef SELFTESTS_SVSM_CPUID_H
#define SELFTESTS_SVSM_CPUID_H

#include <cpuid.h>
#include <stdbool.h>

#include <svsm/emu.h>
#include <svsm/types.h>

struct svsm_cpuid_info {
	__u64 caa;		/* GPA of the boot vCPU's initial calling area */
	__u32 max_version;	/* highest core protocol version */
	__u64 base;		/* SVSM memory */
	__u64 size;
};

/* Fills @info and returns true when the SVSM signature is present. */
static inline bool svsm_cpuid_read(struct svsm_cpuid_info *info)
{
	unsigned int eax, ebx, ecx, edx;

	__cpuid(SVSM_EMU_CPUID_BASE, eax, ebx, ecx, edx);
	if (eax < SVSM_EMU_CPUID_MAX || ebx != SVSM_EMU_SIG_EBX ||
	    ecx != SVSM_EMU_SIG_ECX || edx != SVSM_EMU_SIG_EDX)
		return false;

	__cpuid(SVSM_EMU_CPUID_CAA, eax, ebx, ecx, edx);
	info->caa = ((__u64)ebx << 32) | eax;
	info->max_version = ecx;

	__cpuid(SVSM_EMU_CPUID_REGION, eax, ebx, ecx, edx);
	info->base = ((__u64)ebx << 32) | eax;
	info->size = ((__u64)edx << 32) | ecx;
	return true;
}

#endif /* SELFTESTS_SVSM_CPUID_H */
