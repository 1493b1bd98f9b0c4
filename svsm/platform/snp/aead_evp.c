// SPDX-License-Identifier: MIT
/*
 * snp_aead_ops over OpenSSL's EVP AES-256-GCM.  Built into the host unit
 * tests; not in the firmware yet (its build does not compile OpenSSL's
 * headers).  NEVER RUN ON SNP HARDWARE.
 */
#include <limits.h>
#include <openssl/evp.h>

#include "platform/snp/aead.h"

static EVP_CIPHER_CTX *gcm_init(int enc, const uint8_t *key, const uint8_t *iv)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

	if (!c)
		return NULL;
	if (EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, SNP_AEAD_IV_SIZE,
				NULL) != 1 ||
	    EVP_CipherInit_ex(c, NULL, NULL, key, iv, enc) != 1) {
		EVP_CIPHER_CTX_free(c);
		return NULL;
	}
	return c;
}

/* AAD, then the data; n is the number of bytes written to out. */
static int gcm_update(EVP_CIPHER_CTX *c, const uint8_t *aad, size_t aad_len,
		      const uint8_t *in, size_t len, uint8_t *out, int *n)
{
	int m;

	*n = 0;
	if (aad_len > INT_MAX || len > INT_MAX)
		return 0;
	if (aad_len && EVP_CipherUpdate(c, NULL, &m, aad, (int)aad_len) != 1)
		return 0;
	if (len && EVP_CipherUpdate(c, out, n, in, (int)len) != 1)
		return 0;
	return 1;
}

static int evp_seal(const uint8_t key[SNP_AEAD_KEY_SIZE],
		    const uint8_t iv[SNP_AEAD_IV_SIZE], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
		    uint8_t tag[SNP_AEAD_TAG_SIZE])
{
	EVP_CIPHER_CTX *c = gcm_init(1, key, iv);
	int n, m, ok;

	if (!c)
		return -1;
	ok = gcm_update(c, aad, aad_len, in, len, out, &n) &&
	     EVP_CipherFinal_ex(c, out + n, &m) == 1 && (size_t)(n + m) == len &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, SNP_AEAD_TAG_SIZE,
				 tag) == 1;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

static int evp_open(const uint8_t key[SNP_AEAD_KEY_SIZE],
		    const uint8_t iv[SNP_AEAD_IV_SIZE], const uint8_t *aad,
		    size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
		    const uint8_t tag[SNP_AEAD_TAG_SIZE])
{
	EVP_CIPHER_CTX *c = gcm_init(0, key, iv);
	uint8_t t[SNP_AEAD_TAG_SIZE];
	int n, m, ok;

	if (!c)
		return -1;
	for (unsigned int i = 0; i < SNP_AEAD_TAG_SIZE; i++)
		t[i] = tag[i];
	ok = gcm_update(c, aad, aad_len, in, len, out, &n) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, SNP_AEAD_TAG_SIZE,
				 t) == 1 &&
	     EVP_CipherFinal_ex(c, out + n, &m) == 1 && (size_t)(n + m) == len;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

const struct snp_aead_ops snp_aead_evp = {
	.name = "OpenSSL EVP_aes_256_gcm",
	.seal = evp_seal,
	.open = evp_open,
};
