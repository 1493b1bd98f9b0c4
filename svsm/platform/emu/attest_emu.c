// SPDX-License-Identifier: MIT
/*
 * The emulated report signer (see attest_emu.h).
 *
 * At boot: read the four fw_cfg files, parse them with libcrypto, check the
 * chain, build the SNP extended-report certificate table once, hash the ROM
 * image.  Per report: fill the fixed fields, sign bytes 0x000-0x29F with
 * the VCEK key (ECDSA P-384, SHA-384) and store R and S little-endian,
 * zero-padded to 72 bytes, as the PSP does.
 *
 * Certificate table: {GUID (RFC 4122 byte order), u32 offset, u32 length}
 * for VCEK, ASK, ARK, an all-zero entry, then the DER certificates; offsets
 * from the start of the table.
 */
#include <svsm/attest.h>

#include "attest_emu.h"
#include "core/attest_protocol.h"
#include "core/byteorder.h"
#include "core/log.h"
#include "core/manifest.h"
#include "core/platform.h"
#include "lib/string.h"

/* libcrypto: declared here rather than pulling OpenSSL's hosted headers. */
struct evp_pkey_st;
struct evp_pkey_ctx_st;
struct evp_md_st;
struct evp_md_ctx_st;
struct engine_st;
struct x509_st;
struct ECDSA_SIG_st;
struct bignum_st;
#define EVP_PKEY_EC 408 /* NID_X9_62_id_ecPublicKey */
struct evp_pkey_st *d2i_AutoPrivateKey(struct evp_pkey_st **a,
				       const unsigned char **pp, long length);
void EVP_PKEY_free(struct evp_pkey_st *pkey);
int EVP_PKEY_get_base_id(const struct evp_pkey_st *pkey);
int EVP_PKEY_get_group_name(const struct evp_pkey_st *pkey, char *name,
			    size_t name_sz, size_t *gname_len);
int EVP_PKEY_eq(const struct evp_pkey_st *a, const struct evp_pkey_st *b);
struct x509_st *d2i_X509(struct x509_st **a, const unsigned char **in,
			 long len);
void X509_free(struct x509_st *x);
struct evp_pkey_st *X509_get0_pubkey(const struct x509_st *x);
int X509_verify(struct x509_st *a, struct evp_pkey_st *r);
struct evp_md_ctx_st *EVP_MD_CTX_new(void);
void EVP_MD_CTX_free(struct evp_md_ctx_st *ctx);
int EVP_DigestSignInit(struct evp_md_ctx_st *ctx, struct evp_pkey_ctx_st **pctx,
		       const struct evp_md_st *type, struct engine_st *e,
		       struct evp_pkey_st *pkey);
int EVP_DigestSign(struct evp_md_ctx_st *ctx, unsigned char *sigret,
		   size_t *siglen, const unsigned char *tbs, size_t tbslen);
const struct evp_md_st *EVP_sha384(void);
int EVP_Digest(const void *data, size_t count, unsigned char *md,
	       unsigned int *size, const struct evp_md_st *type,
	       struct engine_st *impl);
struct ECDSA_SIG_st *d2i_ECDSA_SIG(struct ECDSA_SIG_st **sig,
				   const unsigned char **pp, long len);
void ECDSA_SIG_get0(const struct ECDSA_SIG_st *sig,
		    const struct bignum_st **pr, const struct bignum_st **ps);
void ECDSA_SIG_free(struct ECDSA_SIG_st *sig);
int BN_bn2lebinpad(const struct bignum_st *a, unsigned char *to, int tolen);
int RAND_bytes(unsigned char *buf, int num);

enum { CERT_VCEK, CERT_ASK, CERT_ARK, CERT_COUNT };

static const struct {
	const char *file;
	const char *guid;
} cert_def[CERT_COUNT] = {
	[CERT_VCEK] = { "vcek.der", SNP_CERT_GUID_VCEK },
	[CERT_ASK] = { "ask.der", SNP_CERT_GUID_ASK },
	[CERT_ARK] = { "ark.der", SNP_CERT_GUID_ARK },
};

#define TABLE_HDR_SIZE ((CERT_COUNT + 1) * sizeof(struct snp_cert_entry))
#define MAX_SIG_DER 128 /* DER ECDSA-Sig-Value for P-384: at most 104 */

static struct {
	bool ready;
	struct evp_pkey_st *key;
	uint8_t measurement[48];
	uint8_t report_id[32];
	uint8_t table[SVSM_ATTEST_MAX_CERTS_SIZE];
	size_t table_len;
	uint8_t file[ATTEST_EMU_FILE_MAX];
} emu;

/* "c0b406a4-a803-..." -> 16 bytes in string order (RFC 4122). */
static void guid_parse_rfc(const char *s, uint8_t out[16])
{
	int n = 0;

	for (; *s && n < 32; s++) {
		int v = *s >= '0' && *s <= '9' ? *s - '0' :
			*s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;

		if (v < 0)
			continue;
		if (n % 2 == 0)
			out[n / 2] = (uint8_t)(v << 4);
		else
			out[n / 2] |= (uint8_t)v;
		n++;
	}
	CHECK(n == 32);
}

/* Read fw_cfg file opt/svsm/attest/<name> into emu.file; size or -1. */
static int64_t read_file(const struct fw_cfg_dev *fw, const char *name)
{
	char path[FW_CFG_MAX_FILE_PATH];
	int64_t n;

	snprintf_svsm(path, sizeof(path), "%s%s", ATTEST_EMU_FW_CFG_DIR, name);
	n = fw_cfg_read_file(fw, path, emu.file, sizeof(emu.file));
	if (n == -1)
		log_info("attestation: fw_cfg %s missing", path);
	else if (n < 0)
		log_info("attestation: fw_cfg %s larger than %u bytes", path,
			 ATTEST_EMU_FILE_MAX);
	else if (n == 0)
		log_info("attestation: fw_cfg %s is empty", path);
	return n > 0 ? n : -1;
}

/* The DER object must span the whole buffer. */
static struct x509_st *parse_cert(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	struct x509_st *x = d2i_X509(NULL, &p, (long)len);

	if (x && p != der + len) {
		X509_free(x);
		x = NULL;
	}
	return x;
}

static struct evp_pkey_st *parse_key(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	struct evp_pkey_st *k = d2i_AutoPrivateKey(NULL, &p, (long)len);
	char group[32];
	size_t glen = 0;

	if (k && (p != der + len || EVP_PKEY_get_base_id(k) != EVP_PKEY_EC ||
		  EVP_PKEY_get_group_name(k, group, sizeof(group), &glen) != 1 ||
		  strcmp(group, "secp384r1"))) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	return k;
}

void attest_emu_reset(void)
{
	EVP_PKEY_free(emu.key);
	memset(&emu, 0, sizeof(emu));
}

bool attest_emu_ready(void)
{
	return emu.ready;
}

const uint8_t *attest_emu_measurement(void)
{
	return emu.measurement;
}

static int load(const struct fw_cfg_dev *fw)
{
	struct x509_st *cert[CERT_COUNT] = { 0 };
	size_t off = TABLE_HDR_SIZE;
	int64_t n;
	int rc = -1;

	n = read_file(fw, "vcek-key.der");
	if (n < 0)
		return -1;
	emu.key = parse_key(emu.file, (size_t)n);
	memset(emu.file, 0, sizeof(emu.file));
	if (!emu.key) {
		log_info("attestation: vcek-key.der is not a PKCS#8 EC P-384 key");
		return -1;
	}
	memset(emu.table, 0, sizeof(emu.table));
	for (int i = 0; i < CERT_COUNT; i++) {
		uint8_t *e = emu.table + i * sizeof(struct snp_cert_entry);

		n = read_file(fw, cert_def[i].file);
		if (n < 0)
			goto out;
		if ((size_t)n > sizeof(emu.table) - off) {
			log_info("attestation: certificates exceed %u bytes",
				 SVSM_ATTEST_MAX_CERTS_SIZE);
			goto out;
		}
		cert[i] = parse_cert(emu.file, (size_t)n);
		if (!cert[i]) {
			log_info("attestation: %s is not a DER certificate",
				 cert_def[i].file);
			goto out;
		}
		guid_parse_rfc(cert_def[i].guid, e);
		put_le(e + 16, 4, off);
		put_le(e + 20, 4, (uint64_t)n);
		memcpy(emu.table + off, emu.file, (size_t)n);
		off += (size_t)n;
	}
	emu.table_len = off;
	if (EVP_PKEY_eq(X509_get0_pubkey(cert[CERT_VCEK]), emu.key) != 1) {
		log_info("attestation: vcek-key.der does not match vcek.der");
		goto out;
	}
	if (X509_verify(cert[CERT_ARK], X509_get0_pubkey(cert[CERT_ARK])) != 1 ||
	    X509_verify(cert[CERT_ASK], X509_get0_pubkey(cert[CERT_ARK])) != 1 ||
	    X509_verify(cert[CERT_VCEK], X509_get0_pubkey(cert[CERT_ASK])) != 1) {
		log_info("attestation: the ARK -> ASK -> VCEK chain does not verify");
		goto out;
	}
	rc = 0;
out:
	for (int i = 0; i < CERT_COUNT; i++)
		X509_free(cert[i]);
	return rc;
}

int attest_emu_init(const struct fw_cfg_dev *fw, const void *rom,
		    size_t rom_len)
{
	unsigned int mlen = 0;

	attest_emu_reset();
	if (load(fw)) {
		attest_emu_reset();
		log_info("attestation: off (protocol 1 not offered)");
		return -1;
	}
	if (EVP_Digest(rom, rom_len, emu.measurement, &mlen, EVP_sha384(),
		       NULL) != 1 || mlen != sizeof(emu.measurement) ||
	    RAND_bytes(emu.report_id, sizeof(emu.report_id)) != 1) {
		attest_emu_reset();
		log_info("attestation: off (hash or random source failed)");
		return -1;
	}
	emu.ready = true;
	return 0;
}

static int sign(struct snp_attestation_report *r)
{
	struct evp_md_ctx_st *ctx = EVP_MD_CTX_new();
	struct ECDSA_SIG_st *sig = NULL;
	const struct bignum_st *br, *bs;
	uint8_t der[MAX_SIG_DER];
	const unsigned char *p = der;
	size_t der_len = sizeof(der);
	int rc = -1;

	if (!ctx ||
	    EVP_DigestSignInit(ctx, NULL, EVP_sha384(), NULL, emu.key) != 1 ||
	    EVP_DigestSign(ctx, der, &der_len, (const uint8_t *)r,
			   SNP_REPORT_SIGNED_SIZE) != 1)
		goto out;
	sig = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
	if (!sig)
		goto out;
	ECDSA_SIG_get0(sig, &br, &bs);
	if (BN_bn2lebinpad(br, r->sig_r, sizeof(r->sig_r)) < 0 ||
	    BN_bn2lebinpad(bs, r->sig_s, sizeof(r->sig_s)) < 0)
		goto out;
	rc = 0;
out:
	ECDSA_SIG_free(sig);
	EVP_MD_CTX_free(ctx);
	return rc;
}

int attest_emu_report(const uint8_t report_data[64],
		      struct snp_attestation_report *out, uint8_t *certs,
		      size_t *certs_len)
{
	if (!emu.ready)
		return PLATFORM_ATTEST_FAILED;
	if (certs && *certs_len < emu.table_len) {
		*certs_len = emu.table_len;
		return PLATFORM_ATTEST_CERTS_TOO_SMALL;
	}
	memset(out, 0, sizeof(*out));
	out->version = ATTEST_EMU_REPORT_VERSION;
	out->guest_svn = 0;
	out->policy = ATTEST_EMU_POLICY;
	out->vmpl = 0; /* requested by the SVSM itself */
	out->signature_algo = SNP_SIG_ALGO_ECDSA_P384_SHA384;
	out->flags = 0; /* signing key: VCEK */
	memcpy(out->report_data, report_data, sizeof(out->report_data));
	memcpy(out->measurement, emu.measurement, sizeof(out->measurement));
	memcpy(out->report_id, emu.report_id, sizeof(out->report_id));
	if (sign(out)) {
		memset(out, 0, sizeof(*out));
		return PLATFORM_ATTEST_FAILED;
	}
	if (certs) {
		memcpy(certs, emu.table, emu.table_len);
		*certs_len = emu.table_len;
	}
	return 0;
}

void attest_emu_setup(const struct fw_cfg_dev *fw, const void *rom,
		      size_t rom_len, const uint8_t *ek, size_t ek_len)
{
	static const uint8_t vtpm_guid[16] = SVSM_VTPM_SERVICE_GUID;
	char hex[2 * sizeof(emu.measurement) + 1];

	if (attest_emu_init(fw, rom, rom_len))
		return;
	for (size_t i = 0; i < sizeof(emu.measurement); i++)
		snprintf_svsm(hex + 2 * i, 3, "%02x", emu.measurement[i]);
	log_info("attestation: measurement %s (SHA-384 of the %zu KiB ROM image)",
		 hex, rom_len >> 10);
	manifest_reset();
	if (ek && manifest_add_service(vtpm_guid, ek, ek_len))
		log_info("attestation: vTPM EK not added to the manifest");
	svsm_register_protocol(&svsm_attest_protocol);
	log_info("attestation: ready (emulated VCEK signer, %u service(s) in the manifest, %zu bytes of certificates)",
		 manifest_service_count(), emu.table_len);
}
