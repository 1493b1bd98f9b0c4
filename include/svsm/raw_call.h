/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note OR MIT */
/*
 * Raw SVSM calls from user space, for conformance tests only.
 *
 * The svsm-bus module creates /dev/svsm-raw only when loaded with
 * raw_calls=1, and only root (CAP_SYS_RAWIO) may use it: a raw call can
 * remap the calling area, rescind page validation or hand the SVSM any
 * address, which no production interface should allow user space to do.
 *
 * The device also offers a scratch area: physically contiguous guest pages
 * owned by the module, mmap()able at offset 0, whose guest physical address
 * SVSM_RAW_IOC_SCRATCH reports.  Tests build request structures (PVALIDATE
 * lists, calling areas, attestation operations) there and pass its GPA.
 */
#ifndef SVSM_RAW_CALL_H
#define SVSM_RAW_CALL_H

#include "types.h"

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define SVSM_RAW_DEVICE "/dev/svsm-raw"

/* Issue the doorbell without setting call_pending (the SVSM must ignore it). */
#define SVSM_RAW_F_NO_PENDING (1u << 0)

struct svsm_raw_call {
	__u64 rax; /* in: (protocol << 32) | call id; out: result code */
	__u64 rcx, rdx, r8, r9; /* in: arguments; out: results */
	__u32 flags; /* in: SVSM_RAW_F_* */
	__u32 cpu; /* out: the CPU the call ran on */
	__s32 error; /* out: the errno the bus maps the result code to */
	__u32 pending_after; /* out: call_pending as found after the call */
};

struct svsm_raw_scratch {
	__u64 gpa; /* guest physical address of the scratch area */
	__u64 size; /* its size in bytes, a multiple of 4096 */
};

#define SVSM_RAW_IOC_MAGIC 0xb5
#define SVSM_RAW_IOC_CALL _IOWR(SVSM_RAW_IOC_MAGIC, 1, struct svsm_raw_call)
#define SVSM_RAW_IOC_SCRATCH _IOR(SVSM_RAW_IOC_MAGIC, 2, struct svsm_raw_scratch)

#endif /* SVSM_RAW_CALL_H */
