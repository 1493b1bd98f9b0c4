/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note OR MIT */
/*
 * /dev/svsm-attest: user-space interface of the svsm-attest driver.
 *
 * One ioctl per SVSM attestation call.  The caller passes a 64-byte nonce
 * and three user buffers (report, manifest, certificates).  On success the
 * driver returns 0 and sets each buffer's len to the bytes written.  If a
 * buffer is too small the ioctl fails with ENOSPC and each len holds the
 * size the SVSM needs: call again with buffers at least that large.  A
 * buffer with addr 0 and len 0 asks only for its size; certs.len 0 asks for
 * no certificates.
 *
 * Policy: the device is 0600 root, and every call needs CAP_SYS_ADMIN: a
 * report signs whatever nonce the caller picks, with the platform's key.
 */
#ifndef SVSM_ATTEST_IOCTL_H
#define SVSM_ATTEST_IOCTL_H

#include "types.h"

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define SVSM_ATTEST_DEVICE "/dev/svsm-attest"

/* Largest buffers the driver handles (it bounces them through the kernel). */
#define SVSM_ATTEST_MAX_REPORT 0x4000
#define SVSM_ATTEST_MAX_MANIFEST 0x10000
#define SVSM_ATTEST_MAX_CERTS 0x4000

struct svsm_attest_buf {
	__u64 addr; /* user address */
	__u32 len; /* in: buffer size; out: bytes written or needed */
	__u32 reserved; /* must be zero */
};

struct svsm_attest_request {
	__u8 nonce[64]; /* becomes part of REPORT_DATA */
	__u8 service_guid[16]; /* SINGLE_SERVICE: EFI byte order */
	__u32 manifest_version; /* SINGLE_SERVICE: 0 */
	__u32 flags; /* must be zero */
	struct svsm_attest_buf report;
	struct svsm_attest_buf manifest;
	struct svsm_attest_buf certs;
};

#define SVSM_ATTEST_IOC_MAGIC 0xb6
#define SVSM_ATTEST_IOC_SERVICES \
	_IOWR(SVSM_ATTEST_IOC_MAGIC, 1, struct svsm_attest_request)
#define SVSM_ATTEST_IOC_SINGLE_SERVICE \
	_IOWR(SVSM_ATTEST_IOC_MAGIC, 2, struct svsm_attest_request)

#endif /* SVSM_ATTEST_IOCTL_H */
