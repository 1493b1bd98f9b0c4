/* SPDX-License-Identifier: MIT */
/* The vTPM protocol (protocol 2): see vtpm_protocol.c. */
#ifndef SVSM_CORE_VTPM_PROTOCOL_H
#define SVSM_CORE_VTPM_PROTOCOL_H

#include "call.h"

/* Registered at boot only when vtpm_init() succeeded. */
extern const struct svsm_protocol svsm_vtpm_protocol;

/*
 * The TPM behind the protocol: run cmd[0..len) and put the response (at most
 * cap bytes) in rsp, its length in *rsp_len; 0, or -1 if there is none.
 * Without a backend every SVSM_VTPM_CMD answers INVALID_REQUEST.
 */
typedef int (*vtpm_send_fn)(const uint8_t *cmd, uint32_t len, uint8_t *rsp,
			    uint32_t cap, uint32_t *rsp_len);
void vtpm_protocol_set_backend(vtpm_send_fn send);

/*
 * Validate a request page already copied into SVSM memory
 * (SVSM_VTPM_BUFFER_SIZE bytes).  Returns SVSM_SUCCESS with the TPM
 * command length in *cmd_len, or the SVSM error for the guest.
 */
uint32_t vtpm_parse_request(const uint8_t *buf, uint32_t *cmd_len);

#endif /* SVSM_CORE_VTPM_PROTOCOL_H */
