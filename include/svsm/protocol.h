/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * SVSM calling convention, protocol numbers and result codes.
 *
 * Source: AMD "Secure VM Service Module for SEV-SNP Guests" (#58019) as
 * quoted by Linux (arch/x86/include/asm/sev.h), COCONUT-SVSM and edk2; see
 * docs/protocol-decisions.md for the points the public sources leave open.
 *
 * A call: RAX = (protocol << 32) | call id, arguments in RCX, RDX, R8, R9;
 * result code in RAX, call-specific results in RCX, RDX, R8.
 */
#ifndef SVSM_PROTOCOL_H
#define SVSM_PROTOCOL_H

#include "types.h"

#define SVSM_CALL(protocol, id) (((__u64)(protocol) << 32) | (__u32)(id))
#define SVSM_CALL_PROTOCOL(rax) ((__u32)((__u64)(rax) >> 32))
#define SVSM_CALL_ID(rax) ((__u32)(rax))

/* Protocol numbers. */
#define SVSM_PROTOCOL_CORE 0
#define SVSM_PROTOCOL_ATTEST 1
#define SVSM_PROTOCOL_VTPM 2
#define SVSM_PROTOCOL_APIC 3

/* Result codes (RAX out). */
#define SVSM_SUCCESS 0x00000000u
#define SVSM_ERR_INCOMPLETE 0x80000000u
#define SVSM_ERR_UNSUPPORTED_PROTOCOL 0x80000001u
#define SVSM_ERR_UNSUPPORTED_CALL 0x80000002u
#define SVSM_ERR_INVALID_ADDRESS 0x80000003u
#define SVSM_ERR_INVALID_FORMAT 0x80000004u
#define SVSM_ERR_INVALID_PARAMETER 0x80000005u
#define SVSM_ERR_INVALID_REQUEST 0x80000006u
#define SVSM_ERR_BUSY 0x80000007u
#define SVSM_ERR_PROTOCOL_BASE 0x80001000u

/* Core-protocol (PVALIDATE) specific codes: SVSM_ERR_PROTOCOL_BASE + rc. */
#define SVSM_ERR_PVALIDATE_FAIL_INPUT 0x80001001u
#define SVSM_ERR_PVALIDATE_FAIL_PERMISSION 0x80001002u
#define SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH 0x80001006u
#define SVSM_ERR_PVALIDATE_FAIL_UNCHANGED 0x80001010u

#endif /* SVSM_PROTOCOL_H */
