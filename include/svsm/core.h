/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Core protocol (protocol 0): call ids, calling area, PVALIDATE list.
 */
#ifndef SVSM_CORE_H
#define SVSM_CORE_H

#include "types.h"

#define SVSM_CORE_REMAP_CA 0
#define SVSM_CORE_PVALIDATE 1
#define SVSM_CORE_CREATE_VCPU 2
#define SVSM_CORE_DELETE_VCPU 3
#define SVSM_CORE_DEPOSIT_MEM 4
#define SVSM_CORE_WITHDRAW_MEM 5
#define SVSM_CORE_QUERY_PROTOCOL 6
#define SVSM_CORE_CONFIGURE_VTOM 7

/* Versions of the core protocol this project implements. */
#define SVSM_CORE_VERSION_MIN 1
#define SVSM_CORE_VERSION_MAX 1

/* QUERY_PROTOCOL: RCX in = (protocol << 32) | version. */
#define SVSM_QUERY_ARG(protocol, version) \
	(((__u64)(protocol) << 32) | (__u32)(version))
/* QUERY_PROTOCOL: RCX out = (max << 32) | min, or 0 when unsupported. */
#define SVSM_QUERY_MAX(rcx) ((__u32)((__u64)(rcx) >> 32))
#define SVSM_QUERY_MIN(rcx) ((__u32)(rcx))

/* Calling area: one 4 KiB guest page per vCPU. */
#define SVSM_CAA_SIZE 4096
#define SVSM_CAA_BUFFER_OFFSET 8
#define SVSM_CAA_BUFFER_SIZE (SVSM_CAA_SIZE - SVSM_CAA_BUFFER_OFFSET)

struct svsm_caa {
	__u8 call_pending;
	__u8 mem_available;
	__u8 reserved[6];
	__u8 buffer[SVSM_CAA_BUFFER_SIZE];
};

/* PVALIDATE request list (at an 8-byte aligned GPA, within one page). */
struct svsm_pvalidate_hdr {
	__u16 num_entries;
	__u16 cur_index;
	__u8 reserved[4];
};

#define SVSM_PVALIDATE_SIZE_MASK 0x3ull
#define SVSM_PVALIDATE_SIZE_4K 0
#define SVSM_PVALIDATE_SIZE_2M 1
#define SVSM_PVALIDATE_VALIDATE (1ull << 2)
#define SVSM_PVALIDATE_IGNORE_CF (1ull << 3)
#define SVSM_PVALIDATE_RSVD_MASK 0xff0ull
#define SVSM_PVALIDATE_GPA_MASK (~0xfffull)
/* Entries that fit in the calling-area buffer: (4088 - 8) / 8. */
#define SVSM_PVALIDATE_MAX_COUNT 510

#endif /* SVSM_CORE_H */
