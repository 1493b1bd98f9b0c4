/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* svsm-attest: the SEV-SNP ATTESTATION_REPORT (include/svsm/attest.h). */
#ifndef SVSM_ATTEST_REPORT_H
#define SVSM_ATTEST_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <svsm/attest.h>

#include "json.h"

/* Versions whose layout we know (3 and 4 share one, 5 adds mitigation vectors). */
#define REPORT_VERSION_MIN 2
#define REPORT_VERSION_MAX 5

/* Bits 4:2 of the key-info word. */
#define REPORT_SIGNING_KEY(flags) (((flags) >> 2) & 7)
#define REPORT_SIGNING_KEY_VCEK 0

/* Copy a raw report into r; -1 unless len is exactly SNP_REPORT_SIZE. */
int report_parse(const uint8_t *buf, size_t len, struct snp_attestation_report *r);
const char *report_signing_key_name(uint32_t flags);
/* Everything, like "snpguest display report". */
void report_print(FILE *f, const struct snp_attestation_report *r);
void report_json(struct json *j, const char *key, const struct snp_attestation_report *r);

#endif
