/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * svsm-attest: the services manifest (a GUID table, protocol.md 3.4) and
 * the vTPM service's data, the EK's marshalled TPMT_PUBLIC (3.5).
 */
#ifndef SVSM_ATTEST_MANIFEST_H
#define SVSM_ATTEST_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"

#define TPM_ALG_RSA 0x0001
#define TPM_ALG_ECC 0x0023
#define TPM_ALG_NULL 0x0010

/* A decoded TPMT_PUBLIC (RSA or ECC; pointers into the caller's buffer). */
struct tpmt_public {
	uint16_t type, name_alg;
	uint32_t attributes;
	const uint8_t *auth_policy;
	uint16_t auth_policy_len;
	uint16_t sym_alg, sym_bits, sym_mode; /* bits/mode only when alg != NULL */
	uint16_t scheme, scheme_hash;
	uint16_t key_bits; /* RSA */
	uint32_t exponent; /* RSA; 0 means 65537 */
	uint16_t curve, kdf, kdf_hash; /* ECC */
	const uint8_t *unique; /* RSA modulus, or ECC x */
	uint16_t unique_len;
	const uint8_t *unique_y; /* ECC y */
	uint16_t unique_y_len;
	const uint8_t *raw;
	size_t size; /* bytes of the marshalled TPMT_PUBLIC */
};

/* Decode; the structure must fill exactly len bytes. err gets the reason. */
int tpmt_public_parse(const uint8_t *b, size_t len, struct tpmt_public *p, char *err,
		      size_t errlen);
/* TPM name: nameAlg (2 bytes BE) || H_nameAlg(TPMT_PUBLIC); returns its length or 0. */
size_t tpmt_public_name(const struct tpmt_public *p, uint8_t *name, size_t max);
/* SHA-256 of the key itself: the RSA modulus, or ECC x || y. */
void tpmt_public_fingerprint(const struct tpmt_public *p, uint8_t out[32]);
const char *tpm_alg_name(uint16_t alg);
void tpmt_public_print(FILE *f, const struct tpmt_public *p, const char *indent);
void tpmt_public_json(struct json *j, const char *key, const struct tpmt_public *p);

#define MANIFEST_MAX_SERVICES 64

struct manifest_service {
	uint8_t guid[16]; /* EFI byte order */
	uint32_t offset, size;
	const uint8_t *data;
};

struct manifest {
	bool is_table; /* false: a bare TPMT_PUBLIC (ATTEST_SINGLE_SERVICE, vTPM) */
	uint32_t size, count;
	struct manifest_service svc[MANIFEST_MAX_SERVICES];
};

int manifest_parse(const uint8_t *b, size_t len, struct manifest *m, char *err, size_t errlen);
/* The vTPM entry's data (or the bare TPMT_PUBLIC); NULL when absent. */
const struct manifest_service *manifest_vtpm(const struct manifest *m);
const char *service_name(const uint8_t guid[16]);
bool manifest_is_vtpm_guid(const uint8_t guid[16]);
/* The vTPM EK, decoded; -1 with the reason in err. */
int manifest_vtpm_ek(const struct manifest *m, struct tpmt_public *tp, char *err, size_t errlen);
void manifest_print(FILE *f, const struct manifest *m);
void manifest_json(struct json *j, const char *key, const struct manifest *m);

#endif
