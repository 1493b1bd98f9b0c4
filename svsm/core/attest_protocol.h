/* SPDX-License-Identifier: MIT */
/* The attestation protocol (protocol 1): see attest_protocol.c. */
#ifndef SVSM_CORE_ATTEST_PROTOCOL_H
#define SVSM_CORE_ATTEST_PROTOCOL_H

#include "call.h"
#include <svsm/attest.h>

/*
 * Registered at boot only when the platform can produce reports
 * (platform->attest_report set and its keys loaded).
 */
extern const struct svsm_protocol svsm_attest_protocol;

#define ATTEST_OP_SERVICES_SIZE 0x40u
#define ATTEST_OP_SINGLE_SIZE 0x58u

/* A validated request (the op after attest_parse_op). */
struct attest_request {
	bool single;
	gpa_t report, nonce, manifest, certs;
	uint32_t report_size, manifest_size, certs_size;
	uint8_t service_guid[16];
};

/*
 * Check an operation already copied into SVSM memory (0x40 bytes, 0x58 for
 * SINGLE_SERVICE): reserved fields, nonce size and page, buffer alignment,
 * certificate size, manifest version, overlaps.  Returns SVSM_SUCCESS with
 * *req filled in, or SVSM_ERR_INVALID_PARAMETER.  Guest addresses are not
 * checked here.
 */
uint32_t attest_parse_op(const uint8_t *op, bool single,
			 struct attest_request *req);

/* REPORT_DATA = SHA-512(nonce || manifest); 0 or -1. */
int attest_report_data(const uint8_t nonce[SVSM_ATTEST_NONCE_SIZE],
		       const uint8_t *manifest, uint32_t manifest_len,
		       uint8_t out[64]);

#endif /* SVSM_CORE_ATTEST_PROTOCOL_H */
