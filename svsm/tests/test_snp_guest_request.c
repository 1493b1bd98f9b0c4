// SPDX-License-Identifier: MIT
/*
 * SNP guest messages (platform/snp/guest_request.c) against independent
 * AES-256-GCM: the host's OpenSSL called directly here (not through
 * platform/snp/aead_evp.c), and fixed vectors.
 *
 * Fixed vectors:
 *  - GCM_TC16: test case 16 of McGrew & Viega, "The Galois/Counter Mode of
 *    Operation (GCM)" (AES-256, 96-bit IV, 60-byte plaintext, 20-byte AAD),
 *    the published values.
 *  - REQ_* / RSP_*: one MSG_REPORT_REQ and one MSG_REPORT_RSP message under
 *    the key 40 41 .. 5f, computed once on the host with Python's
 *    `cryptography` (AESGCM(key).encrypt(iv, payload, header[0x30:0x60])) and
 *    with a 25-line C program on OpenSSL 3.0 EVP_aes_256_gcm (EVP_EncryptInit_ex,
 *    EncryptUpdate(AAD), EncryptUpdate, EncryptFinal_ex, GCM_GET_TAG); both
 *    printed the same bytes, pasted below.  The header, IV and AAD were built
 *    by hand from the SNP ABI layout (protocol reference 6.3), not by the code
 *    under test.
 */
#include <openssl/evp.h>
#include <string.h>

#include "test.h"
#include "platform/snp/guest_request.h"
#include "platform/snp/secrets.h"

/* --- reference AES-256-GCM: OpenSSL, written independently of aead_evp.c --- */

static int ref_gcm(int enc, const uint8_t *key, const uint8_t *iv,
		   const uint8_t *aad, int aad_len, const uint8_t *in, int len,
		   uint8_t *out, uint8_t *tag)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, ok;

	ok = EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, key, iv, enc) == 1 &&
	     EVP_CipherUpdate(c, NULL, &n, aad, aad_len) == 1 &&
	     EVP_CipherUpdate(c, out, &n, in, len) == 1;
	if (ok && !enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, tag) == 1;
	ok = ok && EVP_CipherFinal_ex(c, out + n, &n) == 1;
	if (ok && enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

static void hex(uint8_t *out, const char *s)
{
	for (; s[0] && s[1]; s += 2) {
		unsigned int v;

		sscanf(s, "%2x", &v);
		*out++ = (uint8_t)v;
	}
}

/* --- fixed vectors --- */

#define TC16_KEY "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"
#define TC16_IV "cafebabefacedbaddecaf888"
#define TC16_PT "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
		"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
#define TC16_AAD "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define TC16_CT "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa" \
		"8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
#define TC16_TAG "76fc6ece0f4e1768cddf8853bb2d551b"

/* MSG_REPORT_REQ, seqno 1, VMPCK0: report_data 00..3f, vmpl 0, key_sel 1. */
#define REQ_CT "db1db5243a98e05f0957725abdd94cb2bccff2d9d647d03e83f85a731f9e9c38" \
	       "eb26065b94996c3783e8217f6a54b07a8dc8177f68fd52175d13848ef5b0d55e" \
	       "b487b10ef53d92e8a8a85b5d331dd7d97139f024bec2ff5763114dac89accdfb"
#define REQ_TAG "54a3adc702272392a072b9f2a1a960fd"
/*
 * MSG_REPORT_RSP, seqno 2: status 0, report_size 0x4a0, report byte i =
 * (7 i + 3) & 0xff.  First and last 32 ciphertext bytes and the tag.
 */
#define RSP_CT_HEAD "69974d3a50c7d4fd9b7090d6ead74d32442c4cffc2b92872ecc642fc1b8d276f"
#define RSP_CT_TAIL "7b80fb34843934b249db6c8e4b0834b3531056e75203636af26a72fa7f94b71d"
#define RSP_TAG "d9f2dd18a067d56ad94ac26fcc352623"

static uint8_t test_key[32];

static void init_key(void)
{
	for (int i = 0; i < 32; i++)
		test_key[i] = (uint8_t)(0x40 + i);
}

/* A header written by hand from the ABI table. */
static void ref_header(uint8_t *h, uint64_t seqno, uint8_t type, uint8_t version,
		       uint16_t size, uint8_t vmpck)
{
	memset(h, 0, 0x60);
	for (int i = 0; i < 8; i++)
		h[0x20 + i] = (uint8_t)(seqno >> (8 * i));
	h[0x30] = 1; /* AES-256-GCM */
	h[0x31] = 1;
	h[0x32] = 0x60;
	h[0x34] = type;
	h[0x35] = version;
	h[0x36] = (uint8_t)size;
	h[0x37] = (uint8_t)(size >> 8);
	h[0x3c] = vmpck;
}

static void ref_iv(uint8_t iv[12], uint64_t seqno)
{
	memset(iv, 0, 12);
	for (int i = 0; i < 8; i++)
		iv[i] = (uint8_t)(seqno >> (8 * i));
}

static void ref_report_rsp(uint8_t *p, uint32_t status)
{
	memset(p, 0, SNP_REPORT_RSP_SIZE);
	p[0] = (uint8_t)status;
	p[1] = (uint8_t)(status >> 8);
	p[4] = 0xa0;
	p[5] = 0x04;
	for (int i = 0; i < 0x4a0; i++)
		p[0x20 + i] = (uint8_t)(i * 7 + 3);
}

/* --- a fake hypervisor + secure processor behind snp_guest_transport --- */

struct fake_psp {
	uint8_t key[32];
	uint8_t vmpck_id;
	int calls;
	int busy; /* answer BUSY this many times first */
	uint64_t exitinfo2; /* non-zero: answer this, no response */
	uint32_t status; /* MSG_REPORT_RSP STATUS */
	uint32_t report_size;
	uint16_t msg_size; /* 0: the real size */
	/* Header fields of the response as the PSP writes them (then sealed). */
	int64_t seqno_delta; /* response seqno = request + 1 + delta */
	int type_delta, version_delta;
	uint8_t algo, hdr_version, hdr_size, vmpck_override;
	bool vmpck_set;
	/* After sealing: flip a byte of the tag / ciphertext / AAD. */
	int flip; /* 0 none, 1 tag, 2 ciphertext, 3 aad (reserved byte) */
	bool wrong_rsp_key; /* seal the response under another key */
	/*
	 * Rewrite MSG_SEQNO after sealing (it is outside the AAD, so the tag
	 * still verifies under the right IV: only the header check sees it).
	 */
	int64_t hdr_seqno_delta;
	/* What it saw. */
	uint64_t seen_seqno[8];
	uint8_t seen_payload[SNP_MSG_MAX_PAYLOAD];
	uint16_t seen_size;
	bool req_ok;
};

static struct fake_psp psp;
static uint8_t req_page[4096] __attribute__((aligned(4096)));
static uint8_t rsp_page[4096] __attribute__((aligned(4096)));
static struct snp_msg_ctx ctx;

static void psp_reset(void)
{
	memset(&psp, 0, sizeof(psp));
	init_key();
	memcpy(psp.key, test_key, 32);
	psp.report_size = 0x4a0;
	psp.algo = 1;
	psp.hdr_version = 1;
	psp.hdr_size = 0x60;
	memset(req_page, 0, sizeof(req_page));
	memset(rsp_page, 0, sizeof(rsp_page));
}

static uint64_t psp_request(void *arg, const uint8_t *req, uint8_t *rsp)
{
	uint8_t iv[12], tag[16], pt[SNP_MSG_MAX_PAYLOAD], ct[SNP_MSG_MAX_PAYLOAD];
	uint64_t seqno = 0;
	uint16_t size;
	uint8_t *h = rsp;

	(void)arg;
	if (psp.calls < 8)
		for (int i = 0; i < 8; i++)
			psp.seen_seqno[psp.calls] |= (uint64_t)req[0x20 + i] << (8 * i);
	seqno = psp.seen_seqno[psp.calls < 8 ? psp.calls : 7];
	psp.calls++;
	if (psp.busy) {
		psp.busy--;
		return SNP_GUEST_EXITINFO2(0, SNP_GUEST_VMM_ERR_BUSY);
	}
	if (psp.exitinfo2)
		return psp.exitinfo2;

	/* Check and open the request as the PSP would. */
	size = (uint16_t)(req[0x36] | req[0x37] << 8);
	psp.req_ok = req[0x30] == 1 && req[0x31] == 1 && req[0x32] == 0x60 &&
		     req[0x33] == 0 && req[0x3c] == psp.vmpck_id &&
		     size <= SNP_MSG_MAX_PAYLOAD;
	ref_iv(iv, seqno);
	memcpy(tag, req, 16);
	psp.req_ok = psp.req_ok &&
		     ref_gcm(0, psp.key, iv, req + 0x30, 0x30, req + 0x60, size,
			     psp.seen_payload, tag) == 0;
	psp.seen_size = size;
	if (!psp.req_ok)
		return SNP_GUEST_EXITINFO2(0x16, 0); /* INVALID_PARAMETERS */

	ref_report_rsp(pt, psp.status);
	pt[4] = (uint8_t)psp.report_size;
	pt[5] = (uint8_t)(psp.report_size >> 8);
	memcpy(pt + 0x20 + 0x50, psp.seen_payload, 64); /* REPORT_DATA */
	ref_header(h, seqno + 1 + (uint64_t)psp.seqno_delta,
		   (uint8_t)(req[0x34] + 1 + psp.type_delta),
		   (uint8_t)(req[0x35] + psp.version_delta),
		   psp.msg_size ? psp.msg_size : SNP_REPORT_RSP_SIZE,
		   psp.vmpck_set ? psp.vmpck_override : psp.vmpck_id);
	h[0x30] = psp.algo;
	h[0x31] = psp.hdr_version;
	h[0x32] = psp.hdr_size;
	ref_iv(iv, seqno + 1 + (uint64_t)psp.seqno_delta);
	if (psp.wrong_rsp_key)
		psp.key[0] ^= 1;
	ref_gcm(1, psp.key, iv, h + 0x30, 0x30, pt, SNP_REPORT_RSP_SIZE, ct, tag);
	if (psp.wrong_rsp_key)
		psp.key[0] ^= 1;
	memcpy(h, tag, 16);
	memcpy(h + 0x60, ct, SNP_REPORT_RSP_SIZE);
	if (psp.hdr_seqno_delta) {
		uint64_t v = seqno + 1 + (uint64_t)psp.hdr_seqno_delta;

		for (int i = 0; i < 8; i++)
			h[0x20 + i] = (uint8_t)(v >> (8 * i));
	}
	if (psp.flip == 1)
		h[5] ^= 1;
	else if (psp.flip == 2)
		h[0x60 + 0x100] ^= 0x80;
	else if (psp.flip == 3)
		h[0x40] ^= 1;
	return 0;
}

static const struct snp_guest_transport transport = {
	.guest_request = psp_request,
	.req_page = req_page,
	.rsp_page = rsp_page,
	.busy_retries = 3,
};

static uint8_t rdata[64], report[SNP_REPORT_SIZE];

static void setup(uint64_t seqno)
{
	psp_reset();
	for (int i = 0; i < 64; i++)
		rdata[i] = (uint8_t)i;
	memset(report, 0, sizeof(report));
	if (snp_msg_ctx_init(&ctx, &snp_aead_evp, test_key, 0, seqno) != SNP_MSG_OK)
		test_fail(__FILE__, __LINE__, "ctx init");
}

static bool key_wiped(void)
{
	return !ctx.key_valid && snp_vmpck_is_zero(ctx.vmpck);
}

/* --- the AEAD adapter against the published vector --- */

TEST(snp_aead_evp_gcm_tc16)
{
	uint8_t key[32], iv[12], pt[60], aad[20], ct[60], tag[16], out[60];
	uint8_t want_ct[60], want_tag[16];

	hex(key, TC16_KEY); hex(iv, TC16_IV); hex(pt, TC16_PT);
	hex(aad, TC16_AAD); hex(want_ct, TC16_CT); hex(want_tag, TC16_TAG);
	ASSERT_EQ(snp_aead_evp.seal(key, iv, aad, 20, pt, 60, ct, tag), 0);
	EXPECT_MEMEQ(ct, want_ct, 60);
	EXPECT_MEMEQ(tag, want_tag, 16);
	ASSERT_EQ(snp_aead_evp.open(key, iv, aad, 20, want_ct, 60, out, want_tag), 0);
	EXPECT_MEMEQ(out, pt, 60);
	want_tag[15] ^= 1;
	EXPECT_NE(snp_aead_evp.open(key, iv, aad, 20, want_ct, 60, out, want_tag), 0);
	want_tag[15] ^= 1;
	aad[0] ^= 1;
	EXPECT_NE(snp_aead_evp.open(key, iv, aad, 20, want_ct, 60, out, want_tag), 0);
	/* The reference agrees too. */
	aad[0] ^= 1;
	ASSERT_EQ(ref_gcm(1, key, iv, aad, 20, pt, 60, ct, tag), 0);
	EXPECT_MEMEQ(tag, want_tag, 16);
}

/* --- the request --- */

TEST(snp_msg_report_req_fixed_vector)
{
	uint8_t payload[0x60], want_hdr[0x60], want_ct[0x60], want_tag[16];
	uint8_t zero[4096] = { 0 };

	setup(0);
	ASSERT_EQ(snp_report_req_build(payload, rdata, 0, 1), SNP_MSG_OK);
	ASSERT_EQ(snp_msg_seal(&ctx, SNP_MSG_TYPE_REPORT_REQ, 1, payload,
			       sizeof(payload), req_page), SNP_MSG_OK);
	ref_header(want_hdr, 1, 5, 1, 0x60, 0);
	hex(want_ct, REQ_CT);
	hex(want_tag, REQ_TAG);
	EXPECT_MEMEQ(req_page, want_tag, 16);
	EXPECT_MEMEQ(req_page + 16, zero, 16); /* AUTHTAG[16..31] */
	EXPECT_MEMEQ(req_page + 0x20, want_hdr + 0x20, 0x40);
	EXPECT_MEMEQ(req_page + 0x60, want_ct, 0x60);
	EXPECT_MEMEQ(req_page + 0xc0, zero, 4096 - 0xc0);
	EXPECT_EQ(ctx.req_seqno, 1);
	EXPECT_TRUE(ctx.pending);
}

TEST(snp_msg_report_req_payload)
{
	uint8_t p[0x60], zero[24] = { 0 };

	for (int i = 0; i < 64; i++)
		rdata[i] = (uint8_t)(0xff - i);
	memset(p, 0xee, sizeof(p));
	ASSERT_EQ(snp_report_req_build(p, rdata, 3, 2), SNP_MSG_OK);
	EXPECT_MEMEQ(p, rdata, 64);
	EXPECT_EQ(p[0x40], 3);
	EXPECT_EQ(p[0x41] | p[0x42] | p[0x43], 0);
	EXPECT_EQ(p[0x44], 2);
	EXPECT_EQ(p[0x45] | p[0x46] | p[0x47], 0);
	EXPECT_MEMEQ(p + 0x48, zero, 24); /* reserved, MBZ */
	EXPECT_EQ(snp_report_req_build(p, rdata, 4, 0), SNP_MSG_EINVAL);
	EXPECT_EQ(snp_report_req_build(p, rdata, 0, 3), SNP_MSG_EINVAL);
}

/* Request ciphertext + tag == an independent OpenSSL encryption. */
TEST(snp_msg_seal_matches_openssl)
{
	static const uint16_t sizes[] = { 0, 1, 16, 0x60, 1000, 4000 };
	static uint8_t payload[4000], ct[4000], hdr[0x60];
	uint8_t iv[12], tag[16];

	for (int i = 0; i < 4000; i++)
		payload[i] = (uint8_t)(i * 13 + 1);
	psp_reset();
	ASSERT_EQ(snp_msg_ctx_init(&ctx, &snp_aead_evp, test_key, 3, 0x123456789aull),
		  SNP_MSG_OK);
	for (unsigned int k = 0; k < ARRAY_SIZE(sizes); k++) {
		uint64_t seqno = 0x123456789bull + 2 * k;

		ASSERT_EQ(snp_msg_seal(&ctx, 17, 2, payload, sizes[k], req_page),
			  SNP_MSG_OK);
		ref_header(hdr, seqno, 17, 2, sizes[k], 3);
		ref_iv(iv, seqno);
		ASSERT_EQ(ref_gcm(1, test_key, iv, hdr + 0x30, 0x30, payload,
				  sizes[k], ct, tag), 0);
		EXPECT_MEMEQ(req_page + 0x20, hdr + 0x20, 0x40);
		EXPECT_MEMEQ(req_page, tag, 16);
		EXPECT_MEMEQ(req_page + 0x60, ct, sizes[k]);
		/* Pretend the exchange went through, to move the counter. */
		ctx.pending = false;
		ctx.seqno += 2;
	}
}

/* --- the response --- */

/* A response sealed by the fixed vector's PSP; our open must take it. */
TEST(snp_msg_report_rsp_fixed_vector)
{
	uint8_t payload[0x60], pt[SNP_REPORT_RSP_SIZE], out[SNP_MSG_MAX_PAYLOAD];
	uint8_t iv[12], tag[16], want[32], want_tag[16];
	size_t len;
	uint32_t status = 99;

	setup(0);
	ASSERT_EQ(snp_report_req_build(payload, rdata, 0, 1), SNP_MSG_OK);
	ASSERT_EQ(snp_msg_seal(&ctx, 5, 1, payload, 0x60, req_page), SNP_MSG_OK);
	ref_report_rsp(pt, 0);
	ref_header(rsp_page, 2, 6, 1, SNP_REPORT_RSP_SIZE, 0);
	ref_iv(iv, 2);
	ASSERT_EQ(ref_gcm(1, test_key, iv, rsp_page + 0x30, 0x30, pt,
			  SNP_REPORT_RSP_SIZE, rsp_page + 0x60, tag), 0);
	memcpy(rsp_page, tag, 16);
	/* The reference reproduces the pasted bytes. */
	hex(want, RSP_CT_HEAD);
	EXPECT_MEMEQ(rsp_page + 0x60, want, 32);
	hex(want, RSP_CT_TAIL);
	EXPECT_MEMEQ(rsp_page + 0x60 + SNP_REPORT_RSP_SIZE - 32, want, 32);
	hex(want_tag, RSP_TAG);
	EXPECT_MEMEQ(tag, want_tag, 16);

	ASSERT_EQ(snp_msg_open(&ctx, 0, rsp_page, out, sizeof(out), &len), SNP_MSG_OK);
	EXPECT_EQ(len, SNP_REPORT_RSP_SIZE);
	EXPECT_MEMEQ(out, pt, SNP_REPORT_RSP_SIZE);
	EXPECT_EQ(ctx.seqno, 2);
	EXPECT_FALSE(ctx.pending);
	EXPECT_EQ(snp_report_rsp_parse(out, len, &status, report), SNP_MSG_OK);
	EXPECT_EQ(status, 0);
	EXPECT_MEMEQ(report, pt + 0x20, SNP_REPORT_SIZE);
}

TEST(snp_get_report_ok)
{
	uint32_t status = 99;

	setup(0);
	ASSERT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_OK);
	EXPECT_TRUE(psp.req_ok);
	EXPECT_EQ(psp.calls, 1);
	EXPECT_EQ(psp.seen_seqno[0], 1);
	EXPECT_EQ(psp.seen_size, 0x60);
	EXPECT_MEMEQ(psp.seen_payload, rdata, 64);
	EXPECT_EQ(status, 0);
	EXPECT_MEMEQ(report + 0x50, rdata, 64);
	EXPECT_EQ(report[0], 3); /* (7 * 0 + 3) */
	EXPECT_EQ(ctx.seqno, 2);
	EXPECT_FALSE(key_wiped());
}

/* Sequence numbers: 1, 3, 5 on requests, stored +2 per exchange. */
TEST(snp_msg_seqno_sequence)
{
	uint32_t status;

	setup(0);
	for (int i = 0; i < 3; i++) {
		psp.calls = 0;
		memset(psp.seen_seqno, 0, sizeof(psp.seen_seqno));
		ASSERT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report,
					 &status), SNP_MSG_OK);
		EXPECT_EQ(psp.seen_seqno[0], 1 + 2 * i);
		EXPECT_EQ(ctx.seqno, 2 + 2 * i);
	}
	/* The IV of the next request is fresh: never one used before. */
	setup(41); /* as if loaded from storage */
	ASSERT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_OK);
	EXPECT_EQ(psp.seen_seqno[0], 42);
	EXPECT_EQ(ctx.seqno, 43);
}

TEST(snp_msg_seqno_overflow)
{
	uint8_t p[0x60] = { 0 };
	uint32_t status;

	setup(UINT64_MAX);
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, p, sizeof(p), req_page), SNP_MSG_ESEQNO);
	setup(UINT64_MAX - 1); /* request UINT64_MAX, response would wrap to 0 */
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, p, sizeof(p), req_page), SNP_MSG_ESEQNO);
	EXPECT_FALSE(ctx.pending);
	EXPECT_FALSE(key_wiped()); /* nothing was sent */
	/* The last usable exchange, then no more. */
	setup(UINT64_MAX - 2);
	ASSERT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_OK);
	EXPECT_EQ(psp.seen_seqno[0], UINT64_MAX - 1);
	EXPECT_EQ(ctx.seqno, UINT64_MAX);
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_ESEQNO);
	EXPECT_EQ(psp.calls, 1);
}

/* Each response defect: EBADRSP and the key wiped, the context dead. */
static void expect_bad_response(int line)
{
	uint32_t status = 0;
	int rc = snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status);

	if (rc != SNP_MSG_EBADRSP)
		test_fail(__FILE__, line, "rc %d, want EBADRSP", rc);
	if (!key_wiped())
		test_fail(__FILE__, line, "VMPCK not wiped");
	if (ctx.seqno != 0)
		test_fail(__FILE__, line, "seqno advanced");
	for (int i = 0; i < SNP_REPORT_SIZE; i++)
		if (report[i]) {
			test_fail(__FILE__, line, "report written");
			break;
		}
	rc = snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status);
	if (rc != SNP_MSG_ENOKEY)
		test_fail(__FILE__, line, "after wipe: rc %d, want ENOKEY", rc);
	if (psp.calls != 1)
		test_fail(__FILE__, line, "%d calls, want 1", psp.calls);
}

#define BAD_RESPONSE(field, value)         \
	do {                               \
		setup(0);                  \
		psp.field = value;         \
		expect_bad_response(__LINE__); \
	} while (0)

TEST(snp_msg_bad_tag)
{
	BAD_RESPONSE(flip, 1);
	BAD_RESPONSE(flip, 2); /* ciphertext */
	BAD_RESPONSE(flip, 3); /* AAD: a reserved header byte */
	BAD_RESPONSE(wrong_rsp_key, true);
}

TEST(snp_msg_bad_seqno)
{
	BAD_RESPONSE(seqno_delta, 2); /* request + 3 */
	BAD_RESPONSE(seqno_delta, -1); /* the request's own seqno */
	BAD_RESPONSE(seqno_delta, 1);
	/* A replayed or rewritten MSG_SEQNO with a tag that verifies. */
	BAD_RESPONSE(hdr_seqno_delta, 2);
	BAD_RESPONSE(hdr_seqno_delta, -1);
	BAD_RESPONSE(hdr_seqno_delta, -2); /* the response to the previous one */
}

TEST(snp_msg_bad_type_version)
{
	BAD_RESPONSE(type_delta, 1); /* 7 */
	BAD_RESPONSE(type_delta, -1); /* 5: the request echoed */
	BAD_RESPONSE(version_delta, 1);
}

TEST(snp_msg_bad_header)
{
	BAD_RESPONSE(algo, 0);
	BAD_RESPONSE(algo, 2);
	BAD_RESPONSE(hdr_version, 2);
	BAD_RESPONSE(hdr_size, 0x50);
	setup(0);
	psp.vmpck_set = true;
	psp.vmpck_override = 1;
	expect_bad_response(__LINE__);
}

TEST(snp_msg_bad_sizes)
{
	uint8_t p[0x60] = { 0 }, out[0x4c0];
	size_t len = 77;

	BAD_RESPONSE(msg_size, 4001); /* beyond the page */
	BAD_RESPONSE(msg_size, 0xffff);
	BAD_RESPONSE(msg_size, 0x4bf); /* not what was sealed: tag fails */
	/* Larger than the caller's buffer. */
	setup(0);
	ASSERT_EQ(snp_msg_seal(&ctx, 5, 1, p, sizeof(p), req_page), SNP_MSG_OK);
	psp_request(NULL, req_page, rsp_page);
	EXPECT_EQ(snp_msg_open(&ctx, 0, rsp_page, out, 0x4bf, &len), SNP_MSG_EBADRSP);
	EXPECT_EQ(len, 0);
	EXPECT_TRUE(key_wiped());
}

/* Authentic answers that are bad news: no wipe, the counter moves on. */
TEST(snp_msg_report_status)
{
	uint32_t status = 0;

	setup(0);
	psp.status = 0x27; /* INVALID_KEY_SELECTION */
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_ESTATUS);
	EXPECT_EQ(status, 0x27);
	EXPECT_FALSE(key_wiped());
	EXPECT_EQ(ctx.seqno, 2);
	psp.status = 0;
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_OK);
	EXPECT_EQ(psp.seen_seqno[1], 3);

	setup(0);
	psp.report_size = 0x4a1;
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_EBADREPORT);
	EXPECT_FALSE(key_wiped());
	psp.report_size = 0x400;
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_EBADREPORT);
}

TEST(snp_report_rsp_parse)
{
	uint8_t p[SNP_REPORT_RSP_SIZE];
	uint32_t status = 5;

	ref_report_rsp(p, 0);
	EXPECT_EQ(snp_report_rsp_parse(p, sizeof(p), &status, report), SNP_MSG_OK);
	EXPECT_EQ(status, 0);
	EXPECT_MEMEQ(report, p + 0x20, SNP_REPORT_SIZE);
	EXPECT_EQ(snp_report_rsp_parse(p, sizeof(p) - 1, &status, report),
		  SNP_MSG_EBADREPORT);
	EXPECT_EQ(snp_report_rsp_parse(p, 0x1f, &status, report),
		  SNP_MSG_EBADREPORT);
	ref_report_rsp(p, 0x16);
	EXPECT_EQ(snp_report_rsp_parse(p, 0x20, &status, report), SNP_MSG_ESTATUS);
	EXPECT_EQ(status, 0x16);
}

/* Transport errors: firmware or VMM error wipes; BUSY resends the same. */
TEST(snp_msg_transport_errors)
{
	uint32_t status;

	setup(0);
	psp.exitinfo2 = SNP_GUEST_EXITINFO2(0x16, 0);
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_EXPORT);
	EXPECT_TRUE(key_wiped());
	setup(0);
	psp.exitinfo2 = SNP_GUEST_EXITINFO2(0, 3);
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_EXPORT);
	EXPECT_TRUE(key_wiped());
	setup(0);
	psp.exitinfo2 = SNP_GUEST_EXITINFO2(1, SNP_GUEST_VMM_ERR_BUSY);
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_EXPORT);
	EXPECT_TRUE(key_wiped());
	/* "Certs too small" on a regular request is a hypervisor lie. */
	setup(0);
	psp.exitinfo2 = SNP_GUEST_EXITINFO2(0, SNP_GUEST_VMM_ERR_INVALID_LEN);
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_EXPORT);
	EXPECT_TRUE(key_wiped());
}

TEST(snp_msg_busy)
{
	uint32_t status;

	setup(0);
	psp.busy = 3; /* busy_retries = 3: the 4th send goes through */
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_OK);
	EXPECT_EQ(psp.calls, 4);
	for (int i = 0; i < 4; i++)
		EXPECT_EQ(psp.seen_seqno[i], 1); /* the same message each time */
	EXPECT_EQ(ctx.seqno, 2);
	/* Busy for longer: given up, key wiped (it may have been seen). */
	setup(0);
	psp.busy = 4;
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 0, 0, report, &status),
		  SNP_MSG_EXPORT);
	EXPECT_EQ(psp.calls, 4);
	EXPECT_TRUE(key_wiped());
}

/* Extended requests: "certs too small" keeps the request for a resend. */
TEST(snp_msg_certs_too_small)
{
	uint8_t p[0x60] = { 0 }, out[SNP_MSG_MAX_PAYLOAD];
	size_t len;

	setup(0);
	ASSERT_EQ(snp_msg_seal(&ctx, 5, 1, p, sizeof(p), req_page), SNP_MSG_OK);
	EXPECT_EQ(snp_msg_open(&ctx, SNP_GUEST_EXITINFO2(0, SNP_GUEST_VMM_ERR_INVALID_LEN),
			       rsp_page, out, sizeof(out), &len), SNP_MSG_ECERTS);
	EXPECT_FALSE(key_wiped());
	EXPECT_TRUE(ctx.pending);
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, p, sizeof(p), req_page), SNP_MSG_EINVAL);
	/* The same page again, as a regular request. */
	EXPECT_EQ(psp_request(NULL, req_page, rsp_page), 0);
	EXPECT_EQ(psp.seen_seqno[0], 1);
	EXPECT_EQ(snp_msg_open(&ctx, 0, rsp_page, out, sizeof(out), &len), SNP_MSG_OK);
	EXPECT_EQ(ctx.seqno, 2);
}

static int failing_seal(const uint8_t *k, const uint8_t *iv, const uint8_t *aad,
			size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
			uint8_t *tag)
{
	(void)k; (void)iv; (void)aad; (void)aad_len; (void)in; (void)tag;
	memset(out, 0x77, len); /* partial output must not leak */
	return -1;
}

static const struct snp_aead_ops failing_aead = {
	.name = "failing",
	.seal = failing_seal,
	.open = NULL,
};

TEST(snp_msg_api_misuse)
{
	uint8_t p[4001] = { 0 }, out[16], zkey[32] = { 0 };
	struct snp_aead_ops half = snp_aead_evp;
	size_t len;

	init_key();
	EXPECT_EQ(snp_msg_ctx_init(&ctx, &snp_aead_evp, zkey, 0, 0), SNP_MSG_ENOKEY);
	EXPECT_EQ(snp_msg_ctx_init(&ctx, &snp_aead_evp, test_key, 4, 0), SNP_MSG_EINVAL);
	EXPECT_EQ(snp_msg_ctx_init(&ctx, NULL, test_key, 0, 0), SNP_MSG_EINVAL);
	EXPECT_EQ(snp_msg_ctx_init(&ctx, &failing_aead, test_key, 0, 0), SNP_MSG_EINVAL);
	half.open = NULL;
	EXPECT_EQ(snp_msg_ctx_init(&ctx, &half, test_key, 0, 0), SNP_MSG_EINVAL);
	EXPECT_FALSE(ctx.key_valid);

	setup(0);
	EXPECT_EQ(snp_msg_open(&ctx, 0, rsp_page, out, sizeof(out), &len), SNP_MSG_EINVAL);
	EXPECT_EQ(snp_msg_seal(&ctx, 0, 1, p, 16, req_page), SNP_MSG_EINVAL);
	EXPECT_EQ(snp_msg_seal(&ctx, 0xff, 1, p, 16, req_page), SNP_MSG_EINVAL);
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, p, 4001, req_page), SNP_MSG_EINVAL);
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, NULL, 16, req_page), SNP_MSG_EINVAL);
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, p, 4000, req_page), SNP_MSG_OK);
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, p, 16, req_page), SNP_MSG_EINVAL);
	EXPECT_FALSE(key_wiped()); /* misuse before sending wipes nothing */
	snp_msg_abandon(&ctx);
	EXPECT_TRUE(key_wiped());
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, p, 16, req_page), SNP_MSG_ENOKEY);
	EXPECT_EQ(snp_msg_open(&ctx, 0, rsp_page, out, sizeof(out), &len), SNP_MSG_ENOKEY);
}

TEST(snp_msg_seal_failure)
{
	struct snp_aead_ops bad = snp_aead_evp;
	uint8_t p[16] = { 1 }, zero[4096] = { 0 };

	setup(0);
	bad.seal = failing_seal;
	ctx.aead = &bad;
	memset(req_page, 0, sizeof(req_page));
	EXPECT_EQ(snp_msg_seal(&ctx, 5, 1, p, sizeof(p), req_page), SNP_MSG_ECRYPTO);
	EXPECT_FALSE(ctx.pending);
	EXPECT_FALSE(key_wiped());
	EXPECT_MEMEQ(req_page, zero, 4096); /* nothing reached the shared page */
	EXPECT_MEMEQ(ctx.scratch, zero, 4096);
}

/* The VMPCK a guest OS at VMPL2 would use, and its id in the header. */
TEST(snp_msg_vmpck2)
{
	uint32_t status;

	psp_reset();
	psp.vmpck_id = 2;
	ASSERT_EQ(snp_msg_ctx_init(&ctx, &snp_aead_evp, test_key, 2, 0), SNP_MSG_OK);
	EXPECT_EQ(snp_get_report(&ctx, &transport, rdata, 2, 0, report, &status),
		  SNP_MSG_OK);
	EXPECT_EQ(req_page[0x3c], 2);
	EXPECT_EQ(psp.seen_payload[0x40], 2);
}

/* A response failing its tag leaves no unauthenticated plaintext behind. */
TEST(snp_msg_bad_tag_wipes_output)
{
	static uint8_t out[SNP_MSG_MAX_PAYLOAD], zero[SNP_MSG_MAX_PAYLOAD];
	uint8_t p[0x60] = { 0 };
	size_t len = 5;

	setup(0);
	psp.flip = 1;
	ASSERT_EQ(snp_msg_seal(&ctx, 5, 1, p, sizeof(p), req_page), SNP_MSG_OK);
	EXPECT_EQ(psp_request(NULL, req_page, rsp_page), 0);
	memset(out, 0xaa, sizeof(out));
	EXPECT_EQ(snp_msg_open(&ctx, 0, rsp_page, out, sizeof(out), &len),
		  SNP_MSG_EBADRSP);
	EXPECT_EQ(len, 0);
	EXPECT_MEMEQ(out, zero, SNP_REPORT_RSP_SIZE);
	EXPECT_EQ(out[SNP_REPORT_RSP_SIZE], 0xaa); /* beyond MSG_SIZE: untouched */
	EXPECT_TRUE(key_wiped());
	EXPECT_MEMEQ(ctx.scratch, zero, sizeof(zero));
}
