/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * svsm-attest: verification of a report directory (report.bin,
 * request.bin, manifest.bin, certs/{ark,ask,vcek}.pem) against a trust
 * anchor.  The checks, in order, and their exit codes are listed in
 * verify.c and docs/attest-tool.md.
 */
#ifndef SVSM_ATTEST_VERIFY_H
#define SVSM_ATTEST_VERIFY_H

#include <stdbool.h>
#include <stdint.h>

struct verify_opts {
	const char *dir;
	/* Each defaults to a file in dir. */
	const char *report, *nonce_file, *manifest, *certs_dir;
	const char *ark; /* the trust anchor (required) */
	bool have_measurement;
	uint8_t measurement[48];
	uint32_t vmpl; /* expected VMPL (0: the SVSM's own report) */
	bool json;
};

/* Runs every check; returns EXIT_OK or the exit code of the first failure. */
int verify_run(const struct verify_opts *o);

#endif
