/* SPDX-License-Identifier: MIT */
/*
 * AES-256-GCM behind a two-function interface, so that the SNP guest-message
 * code (guest_request.c) does not depend on a crypto library: the host unit
 * tests plug in the host's OpenSSL (aead_evp.c), the firmware will plug in
 * the libcrypto it links for the vTPM (the same aead_evp.c, once the
 * firmware build compiles OpenSSL's headers over svsm/lib).
 */
#ifndef SVSM_SNP_AEAD_H
#define SVSM_SNP_AEAD_H

#include "core/types.h"

#define SNP_AEAD_KEY_SIZE 32u
#define SNP_AEAD_IV_SIZE 12u
#define SNP_AEAD_TAG_SIZE 16u

struct snp_aead_ops {
	const char *name;
	/* Encrypt in[len] into out[len] (no overlap) and write the tag.  0 ok. */
	int (*seal)(const uint8_t key[SNP_AEAD_KEY_SIZE],
		    const uint8_t iv[SNP_AEAD_IV_SIZE], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
		    uint8_t tag[SNP_AEAD_TAG_SIZE]);
	/*
	 * Decrypt in[len] into out[len] (no overlap) and check the tag: 0 only
	 * if it matches.  On failure out may hold unauthenticated bytes; the
	 * caller wipes them.
	 */
	int (*open)(const uint8_t key[SNP_AEAD_KEY_SIZE],
		    const uint8_t iv[SNP_AEAD_IV_SIZE], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
		    const uint8_t tag[SNP_AEAD_TAG_SIZE]);
};

/* OpenSSL EVP_aes_256_gcm (aead_evp.c): host unit tests today. */
extern const struct snp_aead_ops snp_aead_evp;

#endif /* SVSM_SNP_AEAD_H */
