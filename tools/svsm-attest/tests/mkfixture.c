// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * mkfixture: build what the firmware would hand the guest, for the host
 * tests of svsm-attest (tests/run.sh):
 *
 *   mkfixture tpmt OUT [SEED]        a fake EK TPMT_PUBLIC (RSA-2048, template L-1, 314 bytes)
 *   mkfixture manifest OUT TPMT      services manifest: vTPM = TPMT, plus an 8-byte UEFI MM entry
 *   mkfixture certtable OUT ARK.der ASK.der VCEK.der
 *   mkfixture report OUT KEY.pem NONCE MANIFEST [version=N] [algo=N] [vmpl=N]
 *             [signing_key=N] [measurement=HEX] [tcb=N] [chip_id_zero=1]
 *                                    an SNP report signed with KEY (ECDSA P-384,
 *                                    SHA-384 over 0x000-0x29f, R/S little-endian)
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <svsm/attest.h>

#include "util.h"

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

static int mk_tpmt(const char *out, unsigned int seed)
{
	/* PolicySecret(TPM_RH_ENDORSEMENT), the L-1 EK policy */
	static const char policy[] =
		"837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa";
	uint8_t b[314], *p = b;
	int i;

	put_be16(p, 0x0001); p += 2; /* rsa */
	put_be16(p, 0x000b); p += 2; /* sha256 */
	p[0] = 0; p[1] = 0x03; p[2] = 0x00; p[3] = 0xb2; p += 4;
	put_be16(p, 32); p += 2;
	hex_parse(policy, p, 32); p += 32;
	put_be16(p, 0x0006); p += 2; /* aes */
	put_be16(p, 128); p += 2;
	put_be16(p, 0x0043); p += 2; /* cfb */
	put_be16(p, 0x0010); p += 2; /* scheme null */
	put_be16(p, 2048); p += 2;
	memset(p, 0, 4); p += 4; /* exponent 0 = 65537 */
	put_be16(p, 256); p += 2;
	srand(seed);
	for (i = 0; i < 256; i++)
		*p++ = (uint8_t)rand();
	b[314 - 256] |= 0x80;
	return file_write(out, b, sizeof(b));
}

static int mk_manifest(const char *out, const char *tpmt_path)
{
	static const uint8_t hdr_guid[16] = SVSM_MANIFEST_HEADER_GUID;
	static const uint8_t vtpm_guid[16] = SVSM_VTPM_SERVICE_GUID;
	static const uint8_t mm_guid[16] = { 0x59, 0x3a, 0x45, 0xa4, 0x1b, 0x9e, 0x87, 0x47,
					     0xa0, 0x33, 0x19, 0x86, 0xd6, 0xad, 0xbe, 0x55 };
	uint8_t *tpmt, *b;
	size_t tlen, len;
	int rc;

	if (file_read(tpmt_path, &tpmt, &tlen))
		return -1;
	len = 24 + 2 * 24 + tlen + 8;
	b = calloc(1, len);
	memcpy(b, hdr_guid, 16);
	put_le32(b + 16, (uint32_t)len);
	put_le32(b + 20, 2);
	memcpy(b + 24, vtpm_guid, 16);
	put_le32(b + 40, 72);
	put_le32(b + 44, (uint32_t)tlen);
	memcpy(b + 48, mm_guid, 16);
	put_le32(b + 64, (uint32_t)(72 + tlen));
	put_le32(b + 68, 8);
	memcpy(b + 72, tpmt, tlen);
	put_le32(b + 72 + tlen + 4, 1); /* flags: persistent NV vars */
	rc = file_write(out, b, len);
	free(tpmt);
	free(b);
	return rc;
}

static int mk_certtable(const char *out, char **der_paths)
{
	static const char *const guids[3] = { SNP_CERT_GUID_ARK, SNP_CERT_GUID_ASK,
					      SNP_CERT_GUID_VCEK };
	uint8_t *der[3], *b;
	size_t dlen[3], off = 4 * 24, len;
	int i, rc;

	for (i = 0; i < 3; i++)
		if (file_read(der_paths[i], &der[i], &dlen[i]))
			return -1;
	len = off + dlen[0] + dlen[1] + dlen[2];
	b = calloc(1, len);
	for (i = 0; i < 3; i++) {
		guid_parse_rfc(guids[i], b + 24 * i);
		put_le32(b + 24 * i + 16, (uint32_t)off);
		put_le32(b + 24 * i + 20, (uint32_t)dlen[i]);
		memcpy(b + off, der[i], dlen[i]);
		off += dlen[i];
		free(der[i]);
	}
	rc = file_write(out, b, len);
	free(b);
	return rc;
}

static int mk_report(const char *out, const char *key_path, const char *nonce_path,
		     const char *manifest_path, int argc, char **argv)
{
	struct snp_attestation_report r;
	uint8_t *nonce, *man, *der = NULL;
	size_t nlen, mlen, siglen = 0;
	EVP_PKEY *key;
	EVP_MD_CTX *md;
	ECDSA_SIG *sig;
	const unsigned char *dp;
	unsigned int n;
	FILE *f;
	int i;

	f = fopen(key_path, "r");
	key = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	if (!key || file_read(nonce_path, &nonce, &nlen) || file_read(manifest_path, &man, &mlen))
		return -1;

	memset(&r, 0, sizeof(r));
	r.version = 2;
	r.policy = 0x30000; /* abi 0.0, SMT allowed, reserved bit 17 */
	r.vmpl = 0;
	r.signature_algo = SNP_SIG_ALGO_ECDSA_P384_SHA384;
	r.current_tcb = r.reported_tcb = r.committed_tcb = r.launch_tcb = 0xd315000000000004ull;
	r.platform_info = 1;
	for (i = 0; i < 64; i++)
		r.chip_id[i] = (uint8_t)i;
	for (i = 0; i < 32; i++)
		r.report_id[i] = (uint8_t)(0xa0 + i);
	for (i = 0; i < 48; i++)
		r.measurement[i] = (uint8_t)(0x40 + i);
	r.current_major = 1;
	r.current_minor = 55;
	r.current_build = 21;
	md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha512(), NULL);
	EVP_DigestUpdate(md, nonce, nlen);
	EVP_DigestUpdate(md, man, mlen);
	EVP_DigestFinal_ex(md, r.report_data, &n);
	EVP_MD_CTX_free(md);

	for (i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		unsigned long v = eq ? strtoul(eq + 1, NULL, 0) : 0;

		if (!eq)
			return -1;
		*eq = 0;
		if (!strcmp(argv[i], "version"))
			r.version = (uint32_t)v;
		else if (!strcmp(argv[i], "algo"))
			r.signature_algo = (uint32_t)v;
		else if (!strcmp(argv[i], "vmpl"))
			r.vmpl = (uint32_t)v;
		else if (!strcmp(argv[i], "signing_key"))
			r.flags = (uint32_t)(v << 2);
		else if (!strcmp(argv[i], "tcb"))
			r.current_tcb = r.reported_tcb = r.committed_tcb = r.launch_tcb = strtoull(eq + 1, NULL, 0);
		else if (!strcmp(argv[i], "chip_id_zero"))
			memset(r.chip_id, 0, sizeof(r.chip_id));
		else if (!strcmp(argv[i], "measurement"))
			hex_parse(eq + 1, r.measurement, 48);
		else
			return -1;
	}

	md = EVP_MD_CTX_new();
	if (EVP_DigestSignInit(md, NULL, EVP_sha384(), NULL, key) != 1 ||
	    EVP_DigestSign(md, NULL, &siglen, (uint8_t *)&r, SNP_REPORT_SIGNED_SIZE) != 1 ||
	    !(der = malloc(siglen)) ||
	    EVP_DigestSign(md, der, &siglen, (uint8_t *)&r, SNP_REPORT_SIGNED_SIZE) != 1)
		return -1;
	EVP_MD_CTX_free(md);
	dp = der;
	sig = d2i_ECDSA_SIG(NULL, &dp, (long)siglen);
	if (!sig || BN_bn2lebinpad(ECDSA_SIG_get0_r(sig), r.sig_r, 72) != 72 ||
	    BN_bn2lebinpad(ECDSA_SIG_get0_s(sig), r.sig_s, 72) != 72)
		return -1;
	ECDSA_SIG_free(sig);
	free(der);
	free(nonce);
	free(man);
	EVP_PKEY_free(key);
	return file_write(out, &r, sizeof(r));
}

int main(int argc, char **argv)
{
	int rc = -1;

	prog_name = "mkfixture";
	if (argc >= 3 && !strcmp(argv[1], "tpmt"))
		rc = mk_tpmt(argv[2], argc > 3 ? (unsigned int)atoi(argv[3]) : 1);
	else if (argc == 4 && !strcmp(argv[1], "manifest"))
		rc = mk_manifest(argv[2], argv[3]);
	else if (argc == 6 && !strcmp(argv[1], "certtable"))
		rc = mk_certtable(argv[2], argv + 3);
	else if (argc >= 6 && !strcmp(argv[1], "report"))
		rc = mk_report(argv[2], argv[3], argv[4], argv[5], argc - 6, argv + 6);
	else
		fprintf(stderr, "usage: see the comment at the top of tests/mkfixture.c\n");
	if (rc)
		fprintf(stderr, "mkfixture %s failed\n", argc > 1 ? argv[1] : "");
	return rc ? 1 : 0;
}
