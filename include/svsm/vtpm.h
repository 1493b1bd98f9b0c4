/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * vTPM protocol (protocol 2): call ids, platform commands and the layout of
 * the one-page request/response buffer.
 *
 * Sources: the SVSM spec's chapter 8 as quoted by COCONUT-SVSM
 * (kernel/src/protocols/vtpm.rs), Linux (include/linux/tpm_svsm.h) and edk2;
 * platform command numbers from the TPM 2.0 reference implementation's
 * TpmTcpProtocol.h.  Multi-byte fields of this header are little-endian;
 * the TPM command and response themselves are big-endian TPM wire format.
 */
#ifndef SVSM_VTPM_H
#define SVSM_VTPM_H

#include "types.h"

#define SVSM_VTPM_QUERY 0
#define SVSM_VTPM_CMD 1

#define SVSM_VTPM_VERSION_MIN 1
#define SVSM_VTPM_VERSION_MAX 1

/* Platform commands (MSSIM numbering); only TPM_SEND_COMMAND is served. */
#define SVSM_VTPM_PLAT_SEND_COMMAND 8
#define SVSM_VTPM_PLAT_MAX_KNOWN 36

/* SVSM_VTPM_QUERY: RCX out = bitmap of served platform commands, RDX = 0. */
#define SVSM_VTPM_QUERY_PLATFORM_CMDS (1ull << SVSM_VTPM_PLAT_SEND_COMMAND)
#define SVSM_VTPM_QUERY_FEATURES 0

/*
 * The request/response buffer is one 4 KiB page.  This SVSM requires its
 * GPA to be page aligned (docs/protocol-decisions.md, "vTPM protocol (2)").
 */
#define SVSM_VTPM_BUFFER_SIZE 4096

struct svsm_vtpm_request {
	__u32 platform_command; /* SVSM_VTPM_PLAT_SEND_COMMAND */
	__u8 locality; /* must be 0 */
	__u32 size; /* bytes of TPM command that follow */
	__u8 command[];
} __attribute__((packed));

struct svsm_vtpm_response {
	__u32 size; /* bytes of TPM response that follow */
	__u8 response[];
} __attribute__((packed));

#define SVSM_VTPM_REQ_HDR_SIZE 9
#define SVSM_VTPM_RESP_HDR_SIZE 4
#define SVSM_VTPM_MAX_COMMAND (SVSM_VTPM_BUFFER_SIZE - SVSM_VTPM_REQ_HDR_SIZE)
#define SVSM_VTPM_MAX_RESPONSE (SVSM_VTPM_BUFFER_SIZE - SVSM_VTPM_RESP_HDR_SIZE)
/* A TPM command is at least its 10-byte header (tag, size, code). */
#define SVSM_VTPM_MIN_COMMAND 10

#endif /* SVSM_VTPM_H */
