/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Differences between kernel versions that the svsm-bus module meets.
 * Built and tested on 6.1 only; the newer branches follow upstream as
 * read in its sources and are compiled nowhere here.
 */
#ifndef SVSM_BUS_COMPAT_H
#define SVSM_BUS_COMPAT_H

#include <linux/mm.h>
#include <linux/version.h>
#include <asm/msr.h>

/*
 * True when building for kernel @maj.@min or newer.  The same test as
 * LINUX_VERSION_CODE >= KERNEL_VERSION(maj, min, 0), spelled with the
 * major and patchlevel numbers of <linux/version.h> (5.17+) because
 * checkpatch rejects every use of LINUX_VERSION_CODE.
 */
#define SVSM_KERNEL_AT_LEAST(maj, min) \
	(KERNEL_VERSION(maj, min, 0) <= \
	 KERNEL_VERSION(LINUX_VERSION_MAJOR, LINUX_VERSION_PATCHLEVEL, 0))

/* bus_register() takes a const struct bus_type since 6.4. */
#if SVSM_KERNEL_AT_LEAST(6, 4)
#define SVSM_COMPAT_BUS_CONST const
#else
#define SVSM_COMPAT_BUS_CONST
#endif

/* bus_type.uevent takes a const struct device since 6.3. */
#if SVSM_KERNEL_AT_LEAST(6, 3)
#define SVSM_COMPAT_UEVENT_CONST const
#else
#define SVSM_COMPAT_UEVENT_CONST
#endif

/* bus_type.match takes a const struct device_driver since 6.11. */
#if SVSM_KERNEL_AT_LEAST(6, 11)
#define SVSM_COMPAT_MATCH_CONST const
#else
#define SVSM_COMPAT_MATCH_CONST
#endif

/*
 * MSR access.  The GHCB MSR of an SEV-SNP guest is accessed natively
 * (never intercepted), so without paravirt hooks.  6.16 renamed
 * native_read_msr()/native_wrmsrl() to native_rdmsrq()/native_wrmsrq()
 * and rdmsrl() to rdmsrq() [version from upstream's rename series,
 * unverified here].
 */
#if SVSM_KERNEL_AT_LEAST(6, 16)
#define svsm_compat_rdmsr(msr) native_rdmsrq(msr)
#define svsm_compat_wrmsr(msr, val) native_wrmsrq(msr, val)
#define svsm_compat_rdmsrl(msr, val) rdmsrq(msr, val)
#else
#define svsm_compat_rdmsr(msr) native_read_msr(msr)
#define svsm_compat_wrmsr(msr, val) native_wrmsrl(msr, val)
#define svsm_compat_rdmsrl(msr, val) rdmsrl(msr, val)
#endif

/* vm_flags became read-only outside the vm_flags_*() helpers in 6.3. */
#if SVSM_KERNEL_AT_LEAST(6, 3)
#define svsm_compat_vm_flags_set(vma, flags) vm_flags_set(vma, flags)
#else
#define svsm_compat_vm_flags_set(vma, flags) ((vma)->vm_flags |= (flags))
#endif

#endif /* SVSM_BUS_COMPAT_H */
