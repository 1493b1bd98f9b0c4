/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* svsm-attest: the /dev/svsm-attest client (include/svsm/attest_ioctl.h). */
#ifndef SVSM_ATTEST_DEV_H
#define SVSM_ATTEST_DEV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct attest_fetch_opts {
	const char *device; /* default SVSM_ATTEST_DEVICE */
	bool single_vtpm; /* ATTEST_SINGLE_SERVICE(vTPM) instead of ATTEST_SERVICES */
	bool no_certs; /* certs.len = 0: ask for no certificates */
	uint32_t initial_size; /* first size of each buffer (0: one page) */
	const uint8_t *nonce; /* 64 bytes */
};

struct attest_result {
	uint8_t *report, *manifest, *certs; /* malloc'ed */
	uint32_t report_len, manifest_len, certs_len;
	int calls; /* ioctls issued (> 1 when a buffer had to grow) */
};

/*
 * One attestation: call, and while the driver answers ENOSPC grow each
 * buffer to the size it asks for and call again.  Returns 0, or an
 * EXIT_* code after printing why.  log gets the negotiation steps.
 */
int attest_fetch(const struct attest_fetch_opts *o, struct attest_result *res, FILE *log);
void attest_result_free(struct attest_result *res);

#endif
