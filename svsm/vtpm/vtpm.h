/* SPDX-License-Identifier: MIT */
/*
 * The vTPM service: a TPM 2.0 (libtpms over libcrypto) living in SVSM
 * memory.  vtpm_init() runs at boot, before the guest: it manufactures the
 * TPM, creates the endorsement key (TCG EK template L-1, RSA-2048) once so
 * that its public area can go into the attestation manifest, then
 * power-cycles the TPM so that the guest's own TPM2_Startup works as on a
 * fresh TPM.  NV state is kept in SVSM memory only (lost at power-off).
 *
 * Single-threaded, like every SVSM call path on the emulated platform.
 */
#ifndef SVSM_VTPM_VTPM_H
#define SVSM_VTPM_VTPM_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Marshalled TPMT_PUBLIC of the RSA-2048 EK (template L-1). */
#define VTPM_EK_PUBLIC_SIZE 314

/*
 * The TPM's own command/response limit (TPM_PT_MAX_COMMAND_SIZE /
 * _RESPONSE_SIZE).  The protocol carries up to 4087 bytes of command and
 * 4092 of response; the TPM is configured below both.
 */
#define VTPM_TPM_BUFFER_SIZE 4087

struct vtpm_init_stats {
	uint64_t manufacture_us; /* ChooseTPMVersion .. MainInit (manufacture) */
	uint64_t ek_us; /* Startup + CreatePrimary + Flush + Shutdown */
	uint64_t restart_us; /* Terminate + MainInit from NV */
	size_t nv_bytes; /* NV state held in SVSM memory */
	size_t heap_high_water; /* heap bytes at the peak (0 on the host) */
	size_t heap_in_use; /* heap bytes still used after init */
};

/* 0 when the vTPM is ready; -1 (logged) otherwise: protocol 2 stays off. */
int vtpm_init(void);
bool vtpm_ready(void);
const struct vtpm_init_stats *vtpm_stats(void);

/* The EK public area (VTPM_EK_PUBLIC_SIZE bytes), or NULL before init. */
const uint8_t *vtpm_ek_public(size_t *len);

/*
 * Run one TPM command.  The response (at most rsp_cap bytes) goes to rsp
 * and its length to *rsp_len.  Returns 0, or -1 if the TPM is not ready or
 * did not produce a response that fits (a TPM-level error is a normal
 * response with a non-zero TPM_RC).
 */
int vtpm_send_command(const uint8_t *cmd, uint32_t cmd_len, uint8_t *rsp,
		      uint32_t rsp_cap, uint32_t *rsp_len);

/*
 * Create the EK again from the current TPM state (tests: it is
 * deterministic for a given endorsement seed).  The TPM must be started.
 * Writes VTPM_EK_PUBLIC_SIZE bytes to out; returns 0 or -1.
 */
int vtpm_create_ek(uint8_t out[VTPM_EK_PUBLIC_SIZE]);

/* Power off and forget all state (tests; the next vtpm_init manufactures). */
void vtpm_shutdown(void);

#endif /* SVSM_VTPM_VTPM_H */
