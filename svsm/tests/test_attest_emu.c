// SPDX-License-Identifier: MIT
/*
 * The emulated report signer (platform/emu/attest_emu.c) on the host's
 * libcrypto: keys and certificates are made here with OpenSSL (a P-384
 * VCEK, P-256 stand-ins for the ARK and ASK: the signer only checks that
 * the chain verifies), handed over through a fake fw_cfg, and every report
 * is verified here as a verifier would (R and S little-endian, SHA-384 over
 * 0x000-0x29F).  The last test runs the whole protocol on top of it.
 */
#include <string.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include "core_fixture.h"
#include "core/attest_protocol.h"
#include "core/byteorder.h"
#include "core/manifest.h"
#include "platform/emu/attest_emu.h"
#include <svsm/attest.h>
#include <svsm/protocol.h>

struct der {
	uint8_t *p;
	int len;
};

static struct {
	bool made;
	EVP_PKEY *ark_key, *ask_key, *vcek_key, *other_key;
	struct der ark, ask, vcek, vcek_key_der, ask_bad, rsa_key_der;
} k;

static EVP_PKEY *ec_key(const char *curve)
{
	EVP_PKEY *p = EVP_EC_gen(curve);

	if (!p)
		abort();
	return p;
}

static struct der cert(const char *cn, EVP_PKEY *subject, const char *issuer,
		       EVP_PKEY *signer)
{
	X509 *x = X509_new();
	X509_NAME *n = X509_NAME_new(), *in = X509_NAME_new();
	struct der d = { NULL, 0 };

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn,
				   -1, -1, 0);
	X509_NAME_add_entry_by_txt(in, "CN", MBSTRING_ASC,
				   (const unsigned char *)issuer, -1, -1, 0);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, in);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, subject);
	if (!X509_sign(x, signer, EVP_sha384()))
		abort();
	d.len = i2d_X509(x, &d.p);
	X509_free(x);
	X509_NAME_free(n);
	X509_NAME_free(in);
	return d;
}

static void make_keys(void)
{
	EVP_PKEY *rsa;

	if (k.made)
		return;
	k.ark_key = ec_key("P-256");
	k.ask_key = ec_key("P-256");
	k.vcek_key = ec_key("P-384");
	k.other_key = ec_key("P-384");
	k.ark = cert("ARK", k.ark_key, "ARK", k.ark_key);
	k.ask = cert("ASK", k.ask_key, "ARK", k.ark_key);
	k.ask_bad = cert("ASK", k.ask_key, "ARK", k.other_key);
	k.vcek = cert("VCEK", k.vcek_key, "ASK", k.ask_key);
	k.vcek_key_der.len = i2d_PrivateKey(k.vcek_key, &k.vcek_key_der.p);
	/* i2d_PrivateKey writes the EC private key; we want PKCS#8. */
	{
		PKCS8_PRIV_KEY_INFO *p8 = EVP_PKEY2PKCS8(k.vcek_key);

		OPENSSL_free(k.vcek_key_der.p);
		k.vcek_key_der.p = NULL;
		k.vcek_key_der.len = i2d_PKCS8_PRIV_KEY_INFO(p8, &k.vcek_key_der.p);
		PKCS8_PRIV_KEY_INFO_free(p8);
	}
	rsa = EVP_RSA_gen(2048);
	{
		PKCS8_PRIV_KEY_INFO *p8 = EVP_PKEY2PKCS8(rsa);

		k.rsa_key_der.len = i2d_PKCS8_PRIV_KEY_INFO(p8, &k.rsa_key_der.p);
		PKCS8_PRIV_KEY_INFO_free(p8);
	}
	EVP_PKEY_free(rsa);
	k.made = true;
}

static struct fake_fw_cfg fw;
static uint8_t rom[3 * 4096 + 17];

static void add(const char *name, struct der d)
{
	char path[64];

	snprintf(path, sizeof(path), "opt/svsm/attest/%s", name);
	fake_fw_cfg_add_file(&fw, path, d.p, (uint32_t)d.len);
}

/* The fw_cfg files, with one replaced (or left out when d.len < 0). */
static void files(const char *replace, struct der d)
{
	static const char *const names[] = { "vcek-key.der", "ark.der", "ask.der",
					     "vcek.der" };
	struct der good[] = { k.vcek_key_der, k.ark, k.ask, k.vcek };

	fake_fw_cfg_free(&fw);
	fake_fw_cfg_init(&fw);
	for (int i = 0; i < 4; i++) {
		if (replace && !strcmp(replace, names[i])) {
			if (d.len >= 0)
				add(names[i], d);
		} else {
			add(names[i], good[i]);
		}
	}
}

static int init_with(const char *replace, struct der d)
{
	make_keys();
	for (size_t i = 0; i < sizeof(rom); i++)
		rom[i] = (uint8_t)(i * 31);
	files(replace, d);
	return attest_emu_init(&fw.dev, rom, sizeof(rom));
}

/* Verify a report's signature with the VCEK certificate's key. */
static bool report_verifies(const struct snp_attestation_report *r)
{
	const unsigned char *p = k.vcek.p;
	X509 *x = d2i_X509(NULL, &p, k.vcek.len);
	uint8_t be[48], *der = NULL;
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *br, *bs;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int der_len, ok;

	for (int i = 0; i < 48; i++)
		be[i] = r->sig_r[47 - i];
	br = BN_bin2bn(be, 48, NULL);
	for (int i = 0; i < 48; i++)
		be[i] = r->sig_s[47 - i];
	bs = BN_bin2bn(be, 48, NULL);
	ECDSA_SIG_set0(sig, br, bs);
	der_len = i2d_ECDSA_SIG(sig, &der);
	ok = EVP_DigestVerifyInit(ctx, NULL, EVP_sha384(), NULL,
				  X509_get0_pubkey(x)) == 1 &&
	     EVP_DigestVerify(ctx, der, (size_t)der_len, (const uint8_t *)r,
			      SNP_REPORT_SIGNED_SIZE) == 1;
	OPENSSL_free(der);
	ECDSA_SIG_free(sig);
	EVP_MD_CTX_free(ctx);
	X509_free(x);
	return ok;
}

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

TEST(attest_emu_report_fields_and_signature)
{
	struct snp_attestation_report r, r2;
	uint8_t rd[64], m[48];
	size_t cl = 0;

	ASSERT_EQ(init_with(NULL, (struct der){ 0 }), 0);
	EXPECT_TRUE(attest_emu_ready());
	for (int i = 0; i < 64; i++)
		rd[i] = (uint8_t)(200 - i);
	ASSERT_EQ(attest_emu_report(rd, &r, NULL, &cl), 0);
	EXPECT_EQ(r.version, 2);
	EXPECT_EQ(r.guest_svn, 0);
	EXPECT_EQ(r.policy, 0x30000);
	EXPECT_EQ(r.vmpl, 0);
	EXPECT_EQ(r.signature_algo, 1);
	EXPECT_EQ(r.flags, 0);
	EXPECT_EQ(r.current_tcb, 0);
	EXPECT_EQ(r.reported_tcb, 0);
	EXPECT_EQ(r.committed_tcb, 0);
	EXPECT_EQ(r.launch_tcb, 0);
	EXPECT_EQ(r.platform_info, 0);
	EXPECT_TRUE(all_zero(r.chip_id, sizeof(r.chip_id)));
	EXPECT_TRUE(all_zero(r.family_id, 32)); /* family + image id */
	EXPECT_TRUE(all_zero(r.host_data, sizeof(r.host_data)));
	EXPECT_MEMEQ(r.report_data, rd, 64);
	SHA384(rom, sizeof(rom), m);
	EXPECT_MEMEQ(r.measurement, m, 48);
	EXPECT_MEMEQ(attest_emu_measurement(), m, 48);
	EXPECT_FALSE(all_zero(r.report_id, sizeof(r.report_id)));
	EXPECT_TRUE(all_zero(r.report_id_ma, sizeof(r.report_id_ma)));
	/* R and S: 48 significant bytes, zero-padded to 72. */
	EXPECT_TRUE(all_zero(r.sig_r + 48, 24));
	EXPECT_TRUE(all_zero(r.sig_s + 48, 24));
	EXPECT_TRUE(all_zero(r.sig_reserved, sizeof(r.sig_reserved)));
	EXPECT_TRUE(report_verifies(&r));
	/* Any change to the signed bytes breaks the signature. */
	r2 = r;
	r2.report_data[5] ^= 1;
	EXPECT_FALSE(report_verifies(&r2));
	r2 = r;
	r2.vmpl = 2;
	EXPECT_FALSE(report_verifies(&r2));
	/* Same REPORT_ID for the whole boot, a fresh signature each time. */
	ASSERT_EQ(attest_emu_report(rd, &r2, NULL, NULL), 0);
	EXPECT_MEMEQ(r2.report_id, r.report_id, 32);
	EXPECT_TRUE(report_verifies(&r2));
	/* A new boot (init) draws a new REPORT_ID. */
	ASSERT_EQ(init_with(NULL, (struct der){ 0 }), 0);
	ASSERT_EQ(attest_emu_report(rd, &r2, NULL, NULL), 0);
	EXPECT_FALSE(test_memeq(r2.report_id, r.report_id, 32));
}

TEST(attest_emu_certificate_table)
{
	static const uint8_t vcek_guid[16] = { 0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64,
					       0x45, 0x64, 0xad, 0xc5, 0xf4, 0xb9,
					       0x3b, 0xe8, 0xac, 0xcd };
	static const uint8_t ask_guid[16] = { 0x4a, 0xb7, 0xb3, 0x79, 0xbb, 0xac,
					      0x4f, 0xe4, 0xa0, 0x2f, 0x05, 0xae,
					      0xf3, 0x27, 0xc7, 0x82 };
	static const uint8_t ark_guid[16] = { 0xc0, 0xb4, 0x06, 0xa4, 0xa8, 0x03,
					      0x49, 0x52, 0x97, 0x43, 0x3f, 0xb6,
					      0x01, 0x4c, 0xd0, 0xae };
	static uint8_t t[SVSM_ATTEST_MAX_CERTS_SIZE];
	struct snp_attestation_report r;
	uint8_t rd[64] = { 1 };
	size_t cl = sizeof(t), want;

	ASSERT_EQ(init_with(NULL, (struct der){ 0 }), 0);
	want = 4 * 24 + (size_t)(k.vcek.len + k.ask.len + k.ark.len);
	ASSERT_EQ(attest_emu_report(rd, &r, t, &cl), 0);
	ASSERT_EQ(cl, want);
	EXPECT_MEMEQ(t, vcek_guid, 16);
	EXPECT_EQ(get_le(t + 16, 4), 96);
	EXPECT_EQ(get_le(t + 20, 4), k.vcek.len);
	EXPECT_MEMEQ(t + 24, ask_guid, 16);
	EXPECT_EQ(get_le(t + 40, 4), 96 + k.vcek.len);
	EXPECT_EQ(get_le(t + 44, 4), k.ask.len);
	EXPECT_MEMEQ(t + 48, ark_guid, 16);
	EXPECT_EQ(get_le(t + 64, 4), 96 + k.vcek.len + k.ask.len);
	EXPECT_EQ(get_le(t + 68, 4), k.ark.len);
	EXPECT_TRUE(all_zero(t + 72, 24));
	EXPECT_MEMEQ(t + 96, k.vcek.p, k.vcek.len);
	EXPECT_MEMEQ(t + 96 + k.vcek.len, k.ask.p, k.ask.len);
	EXPECT_MEMEQ(t + 96 + k.vcek.len + k.ask.len, k.ark.p, k.ark.len);
	EXPECT_TRUE(report_verifies(&r));
	/* A buffer one byte short: the size needed, no report. */
	cl = want - 1;
	EXPECT_EQ(attest_emu_report(rd, &r, t, &cl), PLATFORM_ATTEST_CERTS_TOO_SMALL);
	EXPECT_EQ(cl, want);
}

TEST(attest_emu_missing_or_bad_files)
{
	struct der none = { NULL, -1 }, junk = { (uint8_t *)"not DER at all", 14 };
	struct snp_attestation_report r;
	uint8_t rd[64] = { 0 };
	struct der trailing;

	make_keys();
	fake_console_reset();
	EXPECT_EQ(init_with("vcek-key.der", none), -1);
	EXPECT_TRUE(test_strcontains(fake_console_text(),
				     "opt/svsm/attest/vcek-key.der missing"));
	EXPECT_FALSE(attest_emu_ready());
	EXPECT_EQ(attest_emu_report(rd, &r, NULL, NULL), PLATFORM_ATTEST_FAILED);
	EXPECT_EQ(init_with("ark.der", none), -1);
	EXPECT_EQ(init_with("ask.der", none), -1);
	EXPECT_EQ(init_with("vcek.der", none), -1);
	EXPECT_TRUE(test_strcontains(fake_console_text(), "protocol 1 not offered"));
	/* Malformed. */
	EXPECT_EQ(init_with("vcek-key.der", junk), -1);
	EXPECT_EQ(init_with("vcek.der", junk), -1);
	EXPECT_EQ(init_with("ark.der", (struct der){ (uint8_t *)"", 0 }), -1);
	trailing.len = k.ask.len + 1;
	trailing.p = malloc((size_t)trailing.len);
	memcpy(trailing.p, k.ask.p, (size_t)k.ask.len);
	trailing.p[k.ask.len] = 0;
	EXPECT_EQ(init_with("ask.der", trailing), -1);
	free(trailing.p);
	/* Well-formed but wrong: an RSA key, a key not the VCEK's, a broken chain. */
	EXPECT_EQ(init_with("vcek-key.der", k.rsa_key_der), -1);
	EXPECT_EQ(init_with("vcek.der", k.ark), -1);
	EXPECT_TRUE(test_strcontains(fake_console_text(), "does not match"));
	EXPECT_EQ(init_with("ask.der", k.ask_bad), -1);
	EXPECT_TRUE(test_strcontains(fake_console_text(), "does not verify"));
	EXPECT_FALSE(attest_emu_ready());
	/* And back. */
	EXPECT_EQ(init_with(NULL, (struct der){ 0 }), 0);
	EXPECT_TRUE(attest_emu_ready());
	attest_emu_reset();
	fake_fw_cfg_free(&fw);
}

/* The protocol over the emulated signer, checked as the guest tool would. */
TEST(attest_emu_protocol_end_to_end)
{
	const uint64_t op = FX_RAM_BASE + 0x1008, nonce = FX_RAM_BASE + 0x2000,
		       report = FX_RAM_BASE + 0x3000, man = FX_RAM_BASE + 0x4000,
		       certs = FX_RAM_BASE + 0x5000;
	static const uint8_t vtpm_guid[16] = SVSM_VTPM_SERVICE_GUID;
	static uint8_t ek[314];
	struct svsm_call_regs r;
	uint8_t *p, in[64 + 362], md[64];
	struct snp_attestation_report rep;

	fx_setup();
	manifest_reset();
	memset(ek, 0x42, sizeof(ek));
	ASSERT_EQ(manifest_add_service(vtpm_guid, ek, sizeof(ek)), 0);
	ASSERT_EQ(init_with(NULL, (struct der){ 0 }), 0);
	fake_set_attest(attest_emu_report);
	svsm_register_protocol(&svsm_attest_protocol);
	p = fake_guest_ptr(nonce);
	for (int i = 0; i < 64; i++)
		p[i] = (uint8_t)(i * 3);
	p = fake_guest_ptr(op);
	put_le(p + 0x00, 8, report);
	put_le(p + 0x08, 4, 0x1000);
	put_le(p + 0x10, 8, nonce);
	put_le(p + 0x18, 2, 64);
	put_le(p + 0x20, 8, man);
	put_le(p + 0x28, 4, 0x1000);
	put_le(p + 0x30, 8, certs);
	put_le(p + 0x38, 4, 0x4000);
	r = (struct svsm_call_regs){ .rax = SVSM_CALL(SVSM_PROTOCOL_ATTEST, 0),
				     .rcx = op };
	r.rax = svsm_dispatch(fx_vcpu, &r);
	ASSERT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, 362);
	EXPECT_EQ(r.rdx, 96 + k.vcek.len + k.ask.len + k.ark.len);
	EXPECT_EQ(r.r8, SNP_REPORT_SIZE);
	memcpy(&rep, fake_guest_ptr(report), sizeof(rep));
	memcpy(in, fake_guest_ptr(nonce), 64);
	memcpy(in + 64, fake_guest_ptr(man), 362);
	SHA512(in, sizeof(in), md);
	EXPECT_MEMEQ(rep.report_data, md, 64);
	EXPECT_TRUE(report_verifies(&rep));
	EXPECT_MEMEQ(fake_guest_ptr(certs) + 96, k.vcek.p, k.vcek.len);
	attest_emu_reset();
	fake_fw_cfg_free(&fw);
}

/* Boot: protocol 1 is registered only with good keys; the vTPM joins the manifest. */
TEST(attest_emu_setup_registers_protocol_1)
{
	static const uint8_t ek[314] = { 0x00, 0x01 };
	struct der none = { NULL, -1 };

	make_keys();
	manifest_reset();
	files("ask.der", none);
	fake_console_reset();
	attest_emu_setup(&fw.dev, rom, sizeof(rom), ek, sizeof(ek));
	EXPECT_TRUE(svsm_find_protocol(SVSM_PROTOCOL_ATTEST) == NULL);
	EXPECT_TRUE(test_strcontains(fake_console_text(), "ask.der missing"));
	EXPECT_FALSE(test_strcontains(fake_console_text(), "attestation: ready"));

	files(NULL, none);
	attest_emu_setup(&fw.dev, rom, sizeof(rom), ek, sizeof(ek));
	EXPECT_TRUE(svsm_find_protocol(SVSM_PROTOCOL_ATTEST) == &svsm_attest_protocol);
	EXPECT_EQ(manifest_service_count(), 1);
	EXPECT_TRUE(test_strcontains(fake_console_text(), "attestation: measurement "));
	EXPECT_TRUE(test_strcontains(fake_console_text(), "attestation: ready"));

	/* No vTPM: an empty manifest, protocol 1 all the same. */
	svsm_reset_protocols();
	attest_emu_setup(&fw.dev, rom, sizeof(rom), NULL, 0);
	EXPECT_TRUE(svsm_find_protocol(SVSM_PROTOCOL_ATTEST) != NULL);
	EXPECT_EQ(manifest_service_count(), 0);
	attest_emu_reset();
	manifest_reset();
	fake_fw_cfg_free(&fw);
}
