// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * svsm-attest verify: what a remote verifier does with a report directory.
 *
 *   report_size         report.bin is exactly 1184 bytes               exit 3
 *   report_version      VERSION is 2..5                                exit 3
 *   signature_algo      SIGNATURE_ALGO is 1 (ECDSA P-384 SHA-384)      exit 3
 *   vmpl                VMPL is the expected one (--vmpl, default 0)   exit 3
 *   signing_key         key info says the VCEK signed                  exit 3
 *   trust_anchor        --ark is a self-signed certificate             exit 4
 *   ark_match           certs/ark.pem, if present, is the anchor       exit 4
 *   ask_signed_by_ark   the ASK's signature verifies with the anchor   exit 4
 *   vcek_signed_by_ask  the VCEK's signature verifies with the ASK     exit 4
 *   cert_chain          X509_verify_cert(VCEK; ASK untrusted; anchor
 *                       the only trusted root): validity, CA flags     exit 4
 *   vcek_matches_report the VCEK's AMD extensions (bl/tee/snp/ucode
 *                       SPL, hwID) equal REPORTED_TCB and CHIP_ID;
 *                       skipped when the VCEK has none                 exit 4
 *   vcek_key            the VCEK key is EC P-384                       exit 5
 *   report_signature    ECDSA over 0x000-0x29F verifies with the VCEK  exit 5
 *   report_data         REPORT_DATA == SHA-512(nonce || manifest)      exit 6
 *   measurement         MEASUREMENT == --measurement (else skipped)    exit 7
 *
 * Every check that its inputs allow runs; the exit code is the first
 * failure's.  A missing input file fails the check that needs it.
 */
#include <endian.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "manifest.h"
#include "report.h"
#include "util.h"
#include "verify.h"

enum check_id {
	C_REPORT_SIZE,
	C_REPORT_VERSION,
	C_SIGNATURE_ALGO,
	C_VMPL,
	C_SIGNING_KEY,
	C_TRUST_ANCHOR,
	C_ARK_MATCH,
	C_ASK_SIGNED,
	C_VCEK_SIGNED,
	C_CERT_CHAIN,
	C_VCEK_TCB,
	C_VCEK_KEY,
	C_REPORT_SIGNATURE,
	C_REPORT_DATA,
	C_MEASUREMENT,
	C_COUNT,
};

enum check_state { NOT_RUN, PASS, FAIL, SKIP };

static const struct {
	const char *name;
	int exit_code;
} check_def[C_COUNT] = {
	[C_REPORT_SIZE] = { "report_size", EXIT_REPORT_FORMAT },
	[C_REPORT_VERSION] = { "report_version", EXIT_REPORT_FORMAT },
	[C_SIGNATURE_ALGO] = { "signature_algo", EXIT_REPORT_FORMAT },
	[C_VMPL] = { "vmpl", EXIT_REPORT_FORMAT },
	[C_SIGNING_KEY] = { "signing_key", EXIT_REPORT_FORMAT },
	[C_TRUST_ANCHOR] = { "trust_anchor", EXIT_CERT_CHAIN },
	[C_ARK_MATCH] = { "ark_match", EXIT_CERT_CHAIN },
	[C_ASK_SIGNED] = { "ask_signed_by_ark", EXIT_CERT_CHAIN },
	[C_VCEK_SIGNED] = { "vcek_signed_by_ask", EXIT_CERT_CHAIN },
	[C_CERT_CHAIN] = { "cert_chain", EXIT_CERT_CHAIN },
	[C_VCEK_TCB] = { "vcek_matches_report", EXIT_CERT_CHAIN },
	[C_VCEK_KEY] = { "vcek_key", EXIT_SIGNATURE },
	[C_REPORT_SIGNATURE] = { "report_signature", EXIT_SIGNATURE },
	[C_REPORT_DATA] = { "report_data", EXIT_REPORT_DATA },
	[C_MEASUREMENT] = { "measurement", EXIT_MEASUREMENT },
};

static const char *const state_name[] = { "not_run", "pass", "fail", "skip" };

struct vctx {
	const struct verify_opts *o;
	enum check_state st[C_COUNT];
	char detail[C_COUNT][400];
	char report_path[PATH_MAX], nonce_path[PATH_MAX], manifest_path[PATH_MAX];
	char ark_path[PATH_MAX], ask_path[PATH_MAX], vcek_path[PATH_MAX];
	uint8_t *report_buf, *nonce, *manifest_buf;
	size_t report_len, nonce_len, manifest_len;
	struct snp_attestation_report r;
	bool have_report;
	X509 *anchor, *chain_ark, *ask, *vcek;
	uint8_t expected_rd[64];
	bool have_expected_rd;
};

static void check_set(struct vctx *v, enum check_id id, enum check_state st, const char *fmt,
		      ...) __attribute__((format(printf, 4, 5)));

/* Record a result and, in text mode, print it at once. */
static void check_set(struct vctx *v, enum check_id id, enum check_state st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->detail[id], sizeof(v->detail[id]), fmt, ap);
	va_end(ap);
	v->st[id] = st;
	if (!v->o->json)
		printf("%-4s  %-19s %s\n",
		       st == PASS ? "PASS" : st == FAIL ? "FAIL" : st == SKIP ? "SKIP" : "----",
		       check_def[id].name, v->detail[id]);
}

/* The last OpenSSL error as text (and the queue cleared). */
static const char *ossl_err(void)
{
	static char buf[256];
	unsigned long e = ERR_peek_last_error();

	if (!e)
		return "no OpenSSL error";
	ERR_error_string_n(e, buf, sizeof(buf));
	ERR_clear_error();
	return buf;
}

/* A certificate from a PEM or DER file; NULL with why in err. */
static X509 *cert_load(const char *path, char *err, size_t errlen)
{
	uint8_t *buf;
	size_t len;
	X509 *x = NULL;
	BIO *b;

	if (access(path, R_OK)) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	if (file_read(path, &buf, &len)) {
		snprintf(err, errlen, "cannot read %s", path);
		return NULL;
	}
	b = BIO_new_mem_buf(buf, (int)len);
	if (b)
		x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	if (!x) {
		const unsigned char *p = buf;

		x = d2i_X509(NULL, &p, (long)len);
	}
	free(buf);
	ERR_clear_error();
	if (!x)
		snprintf(err, errlen, "%s is not a PEM or DER X.509 certificate", path);
	return x;
}

static const char *subject(X509 *x)
{
	static char buf[4][160];
	static int n;
	char *s = buf[n++ % 4];

	X509_NAME_oneline(X509_get_subject_name(x), s, 160);
	return s;
}

static const char *sig_alg(X509 *x)
{
	int nid = X509_get_signature_nid(x);

	return nid == NID_undef ? "unknown" : OBJ_nid2ln(nid);
}

static void check_report(struct vctx *v)
{
	const struct verify_opts *o = v->o;
	uint32_t version, algo, vmpl, flags;

	if (file_read(v->report_path, &v->report_buf, &v->report_len)) {
		check_set(v, C_REPORT_SIZE, FAIL, "cannot read %s", v->report_path);
		return;
	}
	if (report_parse(v->report_buf, v->report_len, &v->r)) {
		check_set(v, C_REPORT_SIZE, FAIL,
			  "%s has %zu bytes, an SNP report has %d (truncated or not a raw report)",
			  v->report_path, v->report_len, SNP_REPORT_SIZE);
		return;
	}
	v->have_report = true;
	check_set(v, C_REPORT_SIZE, PASS, "%d bytes", SNP_REPORT_SIZE);

	version = le32toh(v->r.version);
	if (version >= REPORT_VERSION_MIN && version <= REPORT_VERSION_MAX)
		check_set(v, C_REPORT_VERSION, PASS, "version %u", version);
	else
		check_set(v, C_REPORT_VERSION, FAIL, "unknown report version %u (known: %d-%d)",
			  version, REPORT_VERSION_MIN, REPORT_VERSION_MAX);

	algo = le32toh(v->r.signature_algo);
	if (algo == SNP_SIG_ALGO_ECDSA_P384_SHA384)
		check_set(v, C_SIGNATURE_ALGO, PASS, "1 (ECDSA P-384 with SHA-384)");
	else
		check_set(v, C_SIGNATURE_ALGO, FAIL,
			  "unsupported signature algorithm %u (want 1, ECDSA P-384 with SHA-384)",
			  algo);

	vmpl = le32toh(v->r.vmpl);
	if (vmpl == o->vmpl)
		check_set(v, C_VMPL, PASS, "VMPL %u%s", vmpl,
			  vmpl == 0 ? " (requested by the SVSM itself)" : "");
	else
		check_set(v, C_VMPL, FAIL, "report VMPL %u, expected %u", vmpl, o->vmpl);

	flags = le32toh(v->r.flags);
	if (REPORT_SIGNING_KEY(flags) == REPORT_SIGNING_KEY_VCEK)
		check_set(v, C_SIGNING_KEY, PASS, "VCEK");
	else
		check_set(v, C_SIGNING_KEY, FAIL,
			  "report signed by the %s key (signing_key %u); only the VCEK is supported",
			  report_signing_key_name(flags), REPORT_SIGNING_KEY(flags));
}

static void check_chain(struct vctx *v)
{
	char err[PATH_MAX + 100];
	EVP_PKEY *pub;
	X509_STORE *store = NULL;
	X509_STORE_CTX *sctx = NULL;
	STACK_OF(X509) *untrusted = NULL;

	/* trust_anchor */
	v->anchor = cert_load(v->o->ark, err, sizeof(err));
	if (!v->anchor) {
		check_set(v, C_TRUST_ANCHOR, FAIL, "%s", err);
	} else if (X509_check_issued(v->anchor, v->anchor) != X509_V_OK ||
		   X509_verify(v->anchor, X509_get0_pubkey(v->anchor)) != 1) {
		check_set(v, C_TRUST_ANCHOR, FAIL,
			  "%s (%s) is not self-signed: a trust anchor must be a root (the ARK)",
			  v->o->ark, subject(v->anchor));
		ERR_clear_error();
		X509_free(v->anchor);
		v->anchor = NULL;
	} else {
		check_set(v, C_TRUST_ANCHOR, PASS, "%s: %s, self-signed (%s)", v->o->ark,
			  subject(v->anchor), sig_alg(v->anchor));
	}

	/* ark_match: the ARK that came with the report is only informative. */
	if (access(v->ark_path, F_OK)) {
		check_set(v, C_ARK_MATCH, SKIP, "no %s; the trust anchor stands in for it",
			  v->ark_path);
	} else if (!(v->chain_ark = cert_load(v->ark_path, err, sizeof(err)))) {
		check_set(v, C_ARK_MATCH, FAIL, "%s", err);
	} else if (!v->anchor) {
		check_set(v, C_ARK_MATCH, NOT_RUN, "no trust anchor");
	} else if (X509_cmp(v->anchor, v->chain_ark)) {
		check_set(v, C_ARK_MATCH, FAIL,
			  "the report's ARK %s (%s) is not the trust anchor %s (%s)", v->ark_path,
			  subject(v->chain_ark), v->o->ark, subject(v->anchor));
	} else {
		check_set(v, C_ARK_MATCH, PASS, "%s is the trust anchor", v->ark_path);
	}

	/* ask_signed_by_ark */
	v->ask = cert_load(v->ask_path, err, sizeof(err));
	if (!v->ask) {
		check_set(v, C_ASK_SIGNED, FAIL, "%s", err);
	} else if (v->anchor) {
		pub = X509_get0_pubkey(v->anchor);
		if (pub && X509_verify(v->ask, pub) == 1)
			check_set(v, C_ASK_SIGNED, PASS, "ASK %s signed by the ARK (%s)",
				  subject(v->ask), sig_alg(v->ask));
		else
			check_set(v, C_ASK_SIGNED, FAIL,
				  "the ASK %s (%s) is not signed by the trust anchor %s",
				  v->ask_path, subject(v->ask), v->o->ark);
	}

	/* vcek_signed_by_ask */
	v->vcek = cert_load(v->vcek_path, err, sizeof(err));
	if (!v->vcek) {
		check_set(v, C_VCEK_SIGNED, FAIL, "%s", err);
	} else if (v->ask) {
		pub = X509_get0_pubkey(v->ask);
		if (pub && X509_verify(v->vcek, pub) == 1)
			check_set(v, C_VCEK_SIGNED, PASS, "VCEK %s signed by the ASK (%s)",
				  subject(v->vcek), sig_alg(v->vcek));
		else
			check_set(v, C_VCEK_SIGNED, FAIL,
				  "the VCEK %s (%s) is not signed by the ASK %s", v->vcek_path,
				  subject(v->vcek), v->ask_path);
	}

	/* cert_chain: the whole path as X.509 sees it, the anchor the only root. */
	if (!v->anchor || !v->ask || !v->vcek)
		return;
	store = X509_STORE_new();
	sctx = X509_STORE_CTX_new();
	untrusted = sk_X509_new_null();
	if (!store || !sctx || !untrusted || !X509_STORE_add_cert(store, v->anchor) ||
	    !sk_X509_push(untrusted, v->ask) ||
	    !X509_STORE_CTX_init(sctx, store, v->vcek, untrusted)) {
		check_set(v, C_CERT_CHAIN, FAIL, "OpenSSL setup failed: %s", ossl_err());
	} else if (X509_verify_cert(sctx) == 1) {
		check_set(v, C_CERT_CHAIN, PASS, "ARK -> ASK -> VCEK verifies (validity, CA flags)");
	} else {
		int e = X509_STORE_CTX_get_error(sctx);

		check_set(v, C_CERT_CHAIN, FAIL,
			  "X509_verify_cert: %s (at depth %d: %s)", X509_verify_cert_error_string(e),
			  X509_STORE_CTX_get_error_depth(sctx),
			  X509_STORE_CTX_get_current_cert(sctx) ?
				  subject(X509_STORE_CTX_get_current_cert(sctx)) : "?");
	}
	ERR_clear_error();
	sk_X509_free(untrusted); /* the ASK itself is freed with v */
	X509_STORE_CTX_free(sctx);
	X509_STORE_free(store);
}

/* The value of the VCEK extension OID, or NULL. */
static const unsigned char *vcek_ext(X509 *x, const char *oid, int *len)
{
	ASN1_OBJECT *o = OBJ_txt2obj(oid, 1);
	X509_EXTENSION *e;
	int idx = o ? X509_get_ext_by_OBJ(x, o, -1) : -1;

	ASN1_OBJECT_free(o);
	if (idx < 0 || !(e = X509_get_ext(x, idx)))
		return NULL;
	*len = ASN1_STRING_length(X509_EXTENSION_get_data(e));
	return ASN1_STRING_get0_data(X509_EXTENSION_get_data(e));
}

/*
 * AMD's VCEK extensions (1.3.6.1.4.1.3704.1.3.x SPLs as DER INTEGERs,
 * 1.3.6.1.4.1.3704.1.4 hwID as 64 raw bytes or a DER OCTET STRING) must
 * describe the platform that signed: the report's REPORTED_TCB (Milan/Genoa
 * byte layout) and CHIP_ID.  As snpguest's "verify attestation".
 */
static void check_vcek_tcb(struct vctx *v)
{
	static const struct {
		const char *oid, *name;
		int byte; /* in REPORTED_TCB */
	} spl[] = {
		{ "1.3.6.1.4.1.3704.1.3.1", "bootloader", 0 },
		{ "1.3.6.1.4.1.3704.1.3.2", "tee", 1 },
		{ "1.3.6.1.4.1.3704.1.3.3", "snp", 6 },
		{ "1.3.6.1.4.1.3704.1.3.8", "microcode", 7 },
	};
	uint64_t tcb;
	const unsigned char *p;
	char seen[200] = "";
	size_t i, n = 0;
	int len, found = 0;

	if (!v->vcek || !v->have_report)
		return;
	tcb = le64toh(v->r.reported_tcb);
	for (i = 0; i < ARRAY_SIZE(spl); i++) {
		unsigned int want = (tcb >> (8 * spl[i].byte)) & 0xff, got = 0;
		int k;

		p = vcek_ext(v->vcek, spl[i].oid, &len);
		if (!p)
			continue;
		found++;
		/* DER INTEGER, short form, at most 2 content bytes for 0..255 */
		if (len < 3 || len > 4 || p[0] != 0x02 || p[1] != len - 2) {
			check_set(v, C_VCEK_TCB, FAIL, "VCEK %s SPL extension is not a small INTEGER",
				  spl[i].name);
			return;
		}
		for (k = 2; k < len; k++)
			got = got << 8 | p[k];
		if (got != want) {
			check_set(v, C_VCEK_TCB, FAIL,
				  "the VCEK is for %s SPL %u, the report's REPORTED_TCB has %u: this VCEK did not sign for this TCB",
				  spl[i].name, got, want);
			return;
		}
		n += (size_t)snprintf(seen + n, sizeof(seen) - n, "%s%s %u", n ? ", " : "",
				      spl[i].name, got);
	}
	p = vcek_ext(v->vcek, "1.3.6.1.4.1.3704.1.4", &len);
	if (p) {
		found++;
		if (len == 66 && p[0] == 0x04 && p[1] == 64) {
			p += 2;
			len = 64;
		}
		if (len != 64 || memcmp(p, v->r.chip_id, 64)) {
			check_set(v, C_VCEK_TCB, FAIL,
				  "the VCEK's hwID is not the report's CHIP_ID: a VCEK of another chip");
			return;
		}
		snprintf(seen + n, sizeof(seen) - n, "%shwID = CHIP_ID", n ? ", " : "");
	}
	if (!found)
		check_set(v, C_VCEK_TCB, SKIP, "the VCEK has no AMD TCB/hwID extensions");
	else
		check_set(v, C_VCEK_TCB, PASS, "%s", seen);
}

/* ECDSA_SIG from the report's little-endian 72-byte R and S; DER into *der. */
static int report_sig_der(const struct snp_attestation_report *r, unsigned char **der)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *br = BN_lebin2bn(r->sig_r, 48, NULL);
	BIGNUM *bs = BN_lebin2bn(r->sig_s, 48, NULL);
	int len = -1;

	if (sig && br && bs && ECDSA_SIG_set0(sig, br, bs)) {
		br = bs = NULL; /* owned by sig */
		*der = NULL;
		len = i2d_ECDSA_SIG(sig, der);
	}
	BN_free(br);
	BN_free(bs);
	ECDSA_SIG_free(sig);
	return len;
}

static void check_signature(struct vctx *v)
{
	EVP_PKEY *pub;
	EVP_MD_CTX *md = NULL;
	unsigned char *der = NULL;
	char group[64] = "";
	size_t glen = 0;
	int derlen, ok;

	if (!v->vcek || !v->have_report)
		return;
	pub = X509_get0_pubkey(v->vcek);
	if (!pub || EVP_PKEY_get_base_id(pub) != EVP_PKEY_EC ||
	    !EVP_PKEY_get_utf8_string_param(pub, OSSL_PKEY_PARAM_GROUP_NAME, group,
					    sizeof(group), &glen) ||
	    strcmp(group, SN_secp384r1)) {
		check_set(v, C_VCEK_KEY, FAIL, "the VCEK key is not EC P-384 (%s)",
			  group[0] ? group : pub ? OBJ_nid2sn(EVP_PKEY_get_base_id(pub)) : "none");
		ERR_clear_error();
		return;
	}
	check_set(v, C_VCEK_KEY, PASS, "EC %s", group);

	if (!all_zero(v->r.sig_r + 48, 24) || !all_zero(v->r.sig_s + 48, 24)) {
		check_set(v, C_REPORT_SIGNATURE, FAIL,
			  "R or S has non-zero bytes above the low 48 (not a P-384 signature)");
		return;
	}
	derlen = report_sig_der(&v->r, &der);
	md = EVP_MD_CTX_new();
	ok = derlen > 0 && md && EVP_DigestVerifyInit(md, NULL, EVP_sha384(), NULL, pub) == 1 &&
	     EVP_DigestVerify(md, der, (size_t)derlen, v->report_buf, SNP_REPORT_SIGNED_SIZE) == 1;
	if (ok)
		check_set(v, C_REPORT_SIGNATURE, PASS,
			  "ECDSA P-384/SHA-384 over bytes 0x000-0x29f verifies with the VCEK");
	else
		check_set(v, C_REPORT_SIGNATURE, FAIL,
			  "the report signature does not verify with the VCEK public key (report altered, or signed by another key)");
	ERR_clear_error();
	EVP_MD_CTX_free(md);
	OPENSSL_free(der);
}

static void check_binding(struct vctx *v)
{
	char got[129], want[129];
	EVP_MD_CTX *md;
	unsigned int n = 0;
	int ok;

	if (!v->have_report)
		return;
	if (file_read(v->nonce_path, &v->nonce, &v->nonce_len)) {
		check_set(v, C_REPORT_DATA, FAIL, "cannot read the nonce %s", v->nonce_path);
		return;
	}
	if (v->nonce_len != 64) {
		check_set(v, C_REPORT_DATA, FAIL, "the nonce %s has %zu bytes, want 64",
			  v->nonce_path, v->nonce_len);
		return;
	}
	if (file_read(v->manifest_path, &v->manifest_buf, &v->manifest_len)) {
		check_set(v, C_REPORT_DATA, FAIL, "cannot read the manifest %s", v->manifest_path);
		return;
	}
	md = EVP_MD_CTX_new();
	ok = md && EVP_DigestInit_ex(md, EVP_sha512(), NULL) &&
	     EVP_DigestUpdate(md, v->nonce, 64) &&
	     EVP_DigestUpdate(md, v->manifest_buf, v->manifest_len) &&
	     EVP_DigestFinal_ex(md, v->expected_rd, &n) && n == 64;
	EVP_MD_CTX_free(md);
	if (!ok) {
		check_set(v, C_REPORT_DATA, FAIL, "SHA-512 failed: %s", ossl_err());
		return;
	}
	v->have_expected_rd = true;
	if (!memcmp(v->expected_rd, v->r.report_data, 64)) {
		check_set(v, C_REPORT_DATA, PASS,
			  "REPORT_DATA = SHA-512(nonce[64] || manifest[%zu]): the report answers this nonce and binds this manifest",
			  v->manifest_len);
		return;
	}
	hex_format(v->expected_rd, 64, want);
	hex_format(v->r.report_data, 64, got);
	check_set(v, C_REPORT_DATA, FAIL,
		  "REPORT_DATA != SHA-512(nonce || manifest): wrong nonce (%s) or altered manifest (%s); expected %.32s..., report has %.32s...",
		  v->nonce_path, v->manifest_path, want, got);
}

static void check_measurement(struct vctx *v)
{
	char got[97], want[97];

	if (!v->have_report)
		return;
	hex_format(v->r.measurement, 48, got);
	if (!v->o->have_measurement) {
		check_set(v, C_MEASUREMENT, SKIP, "not checked (no --measurement); report has %s",
			  got);
		return;
	}
	hex_format(v->o->measurement, 48, want);
	if (!memcmp(v->o->measurement, v->r.measurement, 48))
		check_set(v, C_MEASUREMENT, PASS, "%s", got);
	else
		check_set(v, C_MEASUREMENT, FAIL, "the report measures %s, expected %s", got, want);
}

static void json_output(struct vctx *v, int first_fail, int rc)
{
	struct json j;
	struct manifest m;
	char err[200];
	int i;

	json_init(&j, stdout);
	json_object_begin(&j, NULL);
	json_str(&j, "result", first_fail < 0 ? "pass" : "fail");
	json_str(&j, "failed_check", first_fail < 0 ? NULL : check_def[first_fail].name);
	json_uint(&j, "exit_code", (uint64_t)rc);
	json_array_begin(&j, "checks");
	for (i = 0; i < C_COUNT; i++) {
		json_object_begin(&j, NULL);
		json_str(&j, "name", check_def[i].name);
		json_str(&j, "result", state_name[v->st[i]]);
		json_str(&j, "detail", v->st[i] == NOT_RUN && !v->detail[i][0] ?
					       "not run (an input it needs failed)" : v->detail[i]);
		json_uint(&j, "exit_code", (uint64_t)check_def[i].exit_code);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_begin(&j, "inputs");
	json_str(&j, "report", v->report_path);
	json_str(&j, "nonce", v->nonce_path);
	json_str(&j, "manifest", v->manifest_path);
	json_str(&j, "trust_anchor", v->o->ark);
	json_str(&j, "ask", v->ask_path);
	json_str(&j, "vcek", v->vcek_path);
	json_object_end(&j);
	if (v->nonce && v->nonce_len == 64)
		json_hex(&j, "nonce", v->nonce, 64);
	if (v->have_expected_rd)
		json_hex(&j, "expected_report_data", v->expected_rd, 64);
	if (v->have_report)
		report_json(&j, "report", &v->r);
	if (v->manifest_buf) {
		if (manifest_parse(v->manifest_buf, v->manifest_len, &m, err, sizeof(err)))
			json_str(&j, "manifest_error", err);
		else
			manifest_json(&j, "manifest", &m);
	}
	json_object_begin(&j, "certificates");
	json_str(&j, "ark", v->anchor ? subject(v->anchor) : NULL);
	json_str(&j, "ask", v->ask ? subject(v->ask) : NULL);
	json_str(&j, "vcek", v->vcek ? subject(v->vcek) : NULL);
	json_object_end(&j);
	json_object_end(&j);
}

static int path_default(char *out, const char *given, const char *dir, const char *name)
{
	if (given) {
		snprintf(out, PATH_MAX, "%s", given);
		return 0;
	}
	if (!dir) {
		err_msg("no --dir and no path for %s", name);
		return -1;
	}
	return path_join(out, PATH_MAX, dir, name);
}

int verify_run(const struct verify_opts *o)
{
	struct vctx *v = calloc(1, sizeof(*v));
	char certs[PATH_MAX];
	int i, first_fail = -1, rc = EXIT_OK;

	if (!v)
		return EXIT_ERROR;
	v->o = o;
	if (path_default(v->report_path, o->report, o->dir, "report.bin") ||
	    path_default(v->nonce_path, o->nonce_file, o->dir, "request.bin") ||
	    path_default(v->manifest_path, o->manifest, o->dir, "manifest.bin") ||
	    path_default(certs, o->certs_dir, o->dir, "certs") ||
	    path_join(v->ark_path, PATH_MAX, certs, "ark.pem") ||
	    path_join(v->ask_path, PATH_MAX, certs, "ask.pem") ||
	    path_join(v->vcek_path, PATH_MAX, certs, "vcek.pem")) {
		free(v);
		return EXIT_USAGE;
	}
	if (!o->json)
		printf("Verifying %s against the trust anchor %s\n", v->report_path, o->ark);
	check_report(v);
	check_chain(v);
	check_vcek_tcb(v);
	check_signature(v);
	check_binding(v);
	check_measurement(v);

	for (i = 0; i < C_COUNT; i++) {
		if (v->st[i] == FAIL) {
			first_fail = i;
			rc = check_def[i].exit_code;
			break;
		}
	}
	/* Checks that could not run (their input failed) never count as passed. */
	if (first_fail < 0) {
		for (i = 0; i < C_COUNT; i++) {
			if (v->st[i] == NOT_RUN) {
				first_fail = i;
				rc = check_def[i].exit_code;
				break;
			}
		}
	}
	if (o->json) {
		json_output(v, first_fail, rc);
	} else if (first_fail < 0) {
		printf("verify: OK: the report is signed by a VCEK chained to %s, answers the nonce and binds the manifest\n",
		       o->ark);
	} else {
		printf("verify: FAILED: %s: %s\n", check_def[first_fail].name,
		       v->detail[first_fail][0] ? v->detail[first_fail] : "could not run");
	}
	if (first_fail >= 0)
		err_msg("verification FAILED at check %s (exit %d)", check_def[first_fail].name,
			rc);

	free(v->report_buf);
	free(v->nonce);
	free(v->manifest_buf);
	X509_free(v->anchor);
	X509_free(v->chain_ark);
	X509_free(v->ask);
	X509_free(v->vcek);
	free(v);
	return rc;
}
