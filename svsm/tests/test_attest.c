// SPDX-License-Identifier: MIT
/*
 * The attestation protocol (core/attest_protocol.c) and the services
 * manifest (core/manifest.c) on the core test machine, with a fake signer
 * behind platform->attest_report.  REPORT_DATA is recomputed with the
 * host's OpenSSL.
 */
#include <string.h>
#include <openssl/sha.h>

#include "core_fixture.h"
#include "core/attest_protocol.h"
#include "core/byteorder.h"
#include "core/guest_mem.h"
#include "core/manifest.h"
#include <svsm/attest.h>
#include <svsm/protocol.h>

#define OP (FX_RAM_BASE + 0x1000 + 8) /* like Linux: CAA buffer + 8 */
#define NONCE (FX_RAM_BASE + 0x2000)
#define REPORT (FX_RAM_BASE + 0x3000)
#define MANIFEST (FX_RAM_BASE + 0x4000)
#define CERTS (FX_RAM_BASE + 0x5000)
#define FAKE_CERTS_LEN 0x1a30u
#define EK_LEN 314

static const uint8_t vtpm_guid[16] = SVSM_VTPM_SERVICE_GUID;
static const uint8_t header_guid[16] = SVSM_MANIFEST_HEADER_GUID;
static uint8_t ek[EK_LEN];
static int signer_calls;
static uint8_t last_report_data[64];

static int fake_signer(const uint8_t report_data[64],
		       struct snp_attestation_report *out, uint8_t *certs,
		       size_t *certs_len)
{
	signer_calls++;
	memcpy(last_report_data, report_data, 64);
	if (certs && *certs_len < FAKE_CERTS_LEN) {
		*certs_len = FAKE_CERTS_LEN;
		return PLATFORM_ATTEST_CERTS_TOO_SMALL;
	}
	memset(out, 0x5a, sizeof(*out));
	out->version = 2;
	memcpy(out->report_data, report_data, 64);
	if (certs) {
		for (size_t i = 0; i < FAKE_CERTS_LEN; i++)
			certs[i] = (uint8_t)(i * 13 + 7);
		*certs_len = FAKE_CERTS_LEN;
	}
	return 0;
}

static void setup(bool with_vtpm)
{
	fx_setup();
	manifest_reset();
	for (int i = 0; i < EK_LEN; i++)
		ek[i] = (uint8_t)(i ^ 0x3c);
	if (with_vtpm)
		manifest_add_service(vtpm_guid, ek, EK_LEN);
	fake_set_attest(fake_signer);
	signer_calls = 0;
	svsm_register_protocol(&svsm_attest_protocol);
	for (int i = 0; i < 64; i++)
		fake_guest_ptr(NONCE)[i] = (uint8_t)(0xa0 + i);
}

struct op {
	uint64_t report, nonce, manifest, certs;
	uint32_t report_size, manifest_size, certs_size;
	uint16_t nonce_size;
};

static struct op good_op(void)
{
	return (struct op){ .report = REPORT, .report_size = 0x1000,
			    .nonce = NONCE, .nonce_size = 64,
			    .manifest = MANIFEST, .manifest_size = 0x1000,
			    .certs = CERTS, .certs_size = 0x4000 };
}

/* Write the op at OP (0x58 bytes, SINGLE_SERVICE fields for the vTPM). */
static uint8_t *put_op(const struct op *o)
{
	uint8_t *p = fake_guest_ptr(OP);

	memset(p, 0, ATTEST_OP_SINGLE_SIZE);
	put_le(p + 0x00, 8, o->report);
	put_le(p + 0x08, 4, o->report_size);
	put_le(p + 0x10, 8, o->nonce);
	put_le(p + 0x18, 2, o->nonce_size);
	put_le(p + 0x20, 8, o->manifest);
	put_le(p + 0x28, 4, o->manifest_size);
	put_le(p + 0x30, 8, o->certs);
	put_le(p + 0x38, 4, o->certs_size);
	memcpy(p + 0x40, vtpm_guid, 16);
	return p;
}

static struct svsm_call_regs call(uint32_t id, uint64_t rcx)
{
	struct svsm_call_regs r = { SVSM_CALL(SVSM_PROTOCOL_ATTEST, id), rcx,
				    0xdd, 0x88, 0x99 };

	r.rax = svsm_dispatch(fx_vcpu, &r);
	return r;
}

static uint32_t call_op(uint32_t id, const struct op *o)
{
	put_op(o);
	return (uint32_t)call(id, OP).rax;
}

static bool untouched(uint64_t g, size_t len)
{
	const uint8_t *p = fake_guest_ptr(g);

	for (size_t i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

/* --- manifest --- */

TEST(attest_manifest_empty_table)
{
	uint8_t buf[64];

	manifest_reset();
	memset(buf, 0xee, sizeof(buf));
	ASSERT_EQ(manifest_build_services(buf, sizeof(buf)), 24);
	EXPECT_MEMEQ(buf, header_guid, 16);
	EXPECT_EQ(get_le(buf + 16, 4), 24);
	EXPECT_EQ(get_le(buf + 20, 4), 0);
	EXPECT_EQ(buf[24], 0xee);
}

TEST(attest_manifest_vtpm_entry)
{
	static const uint8_t wire_guid[16] = { 0xeb, 0xf1, 0x76, 0xc4, 0x23, 0x01,
					       0xa5, 0x45, 0x96, 0x41, 0xb4, 0xe7,
					       0xdd, 0xe5, 0xbf, 0xe3 };
	static const uint8_t other[16] = { 1, 2, 3 };
	static const uint8_t data2[8] = { 9, 8, 7, 6, 5, 4, 3, 2 };
	uint8_t buf[1024];
	const uint8_t *d;
	uint32_t l;

	manifest_reset();
	for (int i = 0; i < EK_LEN; i++)
		ek[i] = (uint8_t)i;
	ASSERT_EQ(manifest_add_service(vtpm_guid, ek, EK_LEN), 0);
	EXPECT_EQ(manifest_build_services(buf, 100), 24 + 24 + EK_LEN);
	ASSERT_EQ(manifest_build_services(buf, sizeof(buf)), 24 + 24 + EK_LEN);
	EXPECT_MEMEQ(buf, header_guid, 16);
	EXPECT_EQ(get_le(buf + 16, 4), 362);
	EXPECT_EQ(get_le(buf + 20, 4), 1);
	EXPECT_MEMEQ(buf + 24, wire_guid, 16);
	EXPECT_EQ(get_le(buf + 40, 4), 48);
	EXPECT_EQ(get_le(buf + 44, 4), EK_LEN);
	EXPECT_MEMEQ(buf + 48, ek, EK_LEN);
	/* A second service: entries first, then the blobs in entry order. */
	ASSERT_EQ(manifest_add_service(other, data2, sizeof(data2)), 0);
	ASSERT_EQ(manifest_build_services(buf, sizeof(buf)), 24 + 48 + EK_LEN + 8);
	EXPECT_EQ(get_le(buf + 20, 4), 2);
	EXPECT_EQ(get_le(buf + 40, 4), 72);
	EXPECT_EQ(get_le(buf + 64, 4), 72 + EK_LEN);
	EXPECT_EQ(get_le(buf + 68, 4), 8);
	EXPECT_MEMEQ(buf + 72, ek, EK_LEN);
	EXPECT_MEMEQ(buf + 72 + EK_LEN, data2, 8);
	ASSERT_TRUE(manifest_find_service(vtpm_guid, &d, &l));
	EXPECT_TRUE(d == ek && l == EK_LEN);
	EXPECT_FALSE(manifest_find_service(header_guid, &d, &l));
}

TEST(attest_manifest_add_refused)
{
	static uint8_t big[MANIFEST_MAX_SIZE];
	uint8_t g[16] = { 0 };

	manifest_reset();
	ASSERT_EQ(manifest_add_service(vtpm_guid, ek, EK_LEN), 0);
	EXPECT_EQ(manifest_add_service(vtpm_guid, ek, 1), -1); /* duplicate */
	EXPECT_EQ(manifest_add_service(g, big, sizeof(big)), -1); /* too big */
	EXPECT_EQ(manifest_add_service(g, NULL, 4), -1);
	for (int i = 1; i < MANIFEST_MAX_SERVICES; i++) {
		g[0] = (uint8_t)i;
		EXPECT_EQ(manifest_add_service(g, NULL, 0), 0);
	}
	g[0] = 0x77;
	EXPECT_EQ(manifest_add_service(g, NULL, 0), -1); /* full */
	EXPECT_EQ(manifest_service_count(), MANIFEST_MAX_SERVICES);
}

/* --- the protocol: errors --- */

TEST(attest_unknown_call_is_unsupported_call)
{
	struct svsm_call_regs r;

	setup(true);
	r = call(2, OP);
	EXPECT_EQ(r.rax, SVSM_ERR_UNSUPPORTED_CALL);
	EXPECT_EQ(r.rcx, OP);
	EXPECT_EQ(call(0xffffffff, OP).rax, SVSM_ERR_UNSUPPORTED_CALL);
	EXPECT_EQ(signer_calls, 0);
}

TEST(attest_query_protocol_reports_version_1)
{
	struct svsm_call_regs r = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_CORE, 6),
		.rcx = ((uint64_t)SVSM_PROTOCOL_ATTEST << 32) | 1,
	};

	setup(true);
	r.rax = svsm_dispatch(fx_vcpu, &r);
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, (1ull << 32) | 1);
}

TEST(attest_op_not_guest_ram)
{
	struct op o;
	struct svsm_call_regs r;

	setup(true);
	o = good_op();
	put_op(&o);
	r = call(SVSM_ATTEST_SERVICES, FX_SVSM_BASE);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(r.rcx, FX_SVSM_BASE);
	EXPECT_EQ(r.rdx, 0xdd);
	EXPECT_EQ(r.r8, 0x88);
	/* 0x40 bytes fit below the end of RAM, 0x58 do not. */
	memcpy(fake_guest_ptr(FX_RAM_END - 0x40), fake_guest_ptr(OP), 0x40);
	EXPECT_EQ(call(SVSM_ATTEST_SERVICES, FX_RAM_END - 0x40).rax, SVSM_SUCCESS);
	EXPECT_EQ(call(SVSM_ATTEST_SINGLE_SERVICE, FX_RAM_END - 0x40).rax,
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(call(SVSM_ATTEST_SERVICES, 0xfffffffffffffff0ull).rax,
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(call(SVSM_ATTEST_SERVICES, 1ull << 50).rax,
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(call(SVSM_ATTEST_SERVICES, 0).rax, SVSM_ERR_INVALID_ADDRESS);
}

TEST(attest_reserved_fields_must_be_zero)
{
	static const unsigned int off[] = { 0x0c, 0x0f, 0x1a, 0x1f, 0x2c, 0x3c, 0x3f };
	struct op o;

	setup(true);
	o = good_op();
	for (unsigned int i = 0; i < ARRAY_SIZE(off); i++) {
		for (uint32_t id = 0; id < 2; id++) {
			uint8_t *p = put_op(&o);

			p[off[i]] = 1;
			EXPECT_EQ(call(id, OP).rax, SVSM_ERR_INVALID_PARAMETER);
		}
	}
	/* SINGLE_SERVICE's own reserved word; SERVICES does not read it. */
	put_op(&o)[0x54] = 1;
	EXPECT_EQ(call(SVSM_ATTEST_SINGLE_SERVICE, OP).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	put_op(&o)[0x57] = 0x80;
	EXPECT_EQ(call(SVSM_ATTEST_SERVICES, OP).rax, SVSM_SUCCESS);
	EXPECT_EQ(signer_calls, 1);
}

TEST(attest_nonce_size_and_page)
{
	struct op o;

	setup(true);
	o = good_op();
	for (uint16_t n = 0; n < 130; n++) {
		o.nonce_size = n;
		if (n != 64)
			EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	}
	o.nonce_size = 0xffff;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o.nonce_size = 64;
	o.nonce = NONCE + 0xfc1; /* crosses into the next page */
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o.nonce = NONCE + 0xfff;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o.nonce = NONCE + 0xfc0; /* last 64 bytes of the page: fine */
	EXPECT_EQ(call_op(0, &o), SVSM_SUCCESS);
	o.nonce = NONCE + 3; /* unaligned but within the page: fine */
	EXPECT_EQ(call_op(1, &o), SVSM_SUCCESS);
	EXPECT_EQ(signer_calls, 2);
}

TEST(attest_buffers_must_be_page_aligned)
{
	struct op o;

	setup(true);
	o = good_op();
	o.report = REPORT + 8;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o = good_op();
	o.manifest = MANIFEST + 0x800;
	EXPECT_EQ(call_op(1, &o), SVSM_ERR_INVALID_PARAMETER);
	o = good_op();
	o.certs = CERTS + 1;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	/* No certificates asked for: the certs GPA is not looked at. */
	o.certs_size = 0;
	EXPECT_EQ(call_op(0, &o), SVSM_SUCCESS);
	o.certs = 0xdeadbeef;
	EXPECT_EQ(call_op(0, &o), SVSM_SUCCESS);
	EXPECT_EQ(signer_calls, 2);
}

TEST(attest_certs_size_limit)
{
	struct op o;

	setup(true);
	o = good_op();
	o.certs_size = 0x4001;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o.certs_size = 0xffffffff;
	EXPECT_EQ(call_op(1, &o), SVSM_ERR_INVALID_PARAMETER);
	o.certs_size = 0x4000;
	EXPECT_EQ(call_op(0, &o), SVSM_SUCCESS);
	EXPECT_EQ(signer_calls, 1);
}

TEST(attest_single_service_version_and_guid)
{
	/* The vTPM GUID in RFC 4122 order: not what the wire uses. */
	static const uint8_t rfc_guid[16] = { 0xc4, 0x76, 0xf1, 0xeb, 0x01, 0x23,
					      0x45, 0xa5, 0x96, 0x41, 0xb4, 0xe7,
					      0xdd, 0xe5, 0xbf, 0xe3 };
	struct op o;
	uint8_t *p;

	setup(true);
	o = good_op();
	p = put_op(&o);
	put_le(p + 0x50, 4, 1);
	EXPECT_EQ(call(1, OP).rax, SVSM_ERR_INVALID_PARAMETER);
	p = put_op(&o);
	memcpy(p + 0x40, rfc_guid, 16);
	EXPECT_EQ(call(1, OP).rax, SVSM_ERR_UNSUPPORTED_PROTOCOL);
	p = put_op(&o);
	memcpy(p + 0x40, header_guid, 16);
	EXPECT_EQ(call(1, OP).rax, SVSM_ERR_UNSUPPORTED_PROTOCOL);
	p = put_op(&o);
	memset(p + 0x40, 0, 16);
	EXPECT_EQ(call(1, OP).rax, SVSM_ERR_UNSUPPORTED_PROTOCOL);
	/* Without the vTPM its GUID is unknown too. */
	manifest_reset();
	EXPECT_EQ(call_op(1, &o), SVSM_ERR_UNSUPPORTED_PROTOCOL);
	EXPECT_EQ(signer_calls, 0);
}

TEST(attest_overlapping_buffers)
{
	struct op o;

	setup(true);
	o = good_op();
	o.manifest = REPORT;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o = good_op();
	o.report_size = 0x2000; /* runs into the manifest page */
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o = good_op();
	o.nonce = REPORT + 0x100; /* nonce inside the report buffer */
	EXPECT_EQ(call_op(1, &o), SVSM_ERR_INVALID_PARAMETER);
	o = good_op();
	o.certs = MANIFEST; /* certs over the manifest */
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o = good_op();
	o.manifest = CERTS + 0x3000; /* manifest inside the certs */
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	o = good_op();
	o.report = NONCE; /* report page holds the nonce */
	o.nonce = NONCE + 0xfc0;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_PARAMETER);
	/* Adjacent is not overlapping. */
	o = good_op();
	o.report_size = 0x1000;
	o.manifest = REPORT + 0x1000;
	EXPECT_EQ(call_op(0, &o), SVSM_SUCCESS);
	EXPECT_EQ(signer_calls, 1);
}

TEST(attest_buffers_not_guest_ram)
{
	struct op o;

	setup(true);
	o = good_op();
	o.report = FX_SVSM_BASE;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_ADDRESS);
	o = good_op();
	o.manifest = FX_SVSM_BASE + 0x10000;
	EXPECT_EQ(call_op(1, &o), SVSM_ERR_INVALID_ADDRESS);
	o = good_op();
	o.certs = FX_RAM_END - 0x3000; /* 0x4000 bytes straddle the end */
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_ADDRESS);
	o = good_op();
	o.nonce = FX_SVSM_BASE + 0x40;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_ADDRESS);
	o = good_op();
	o.report = 1ull << 52;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_ADDRESS);
	o = good_op();
	o.manifest = 0xfffffffffffff000ull; /* would wrap */
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_ADDRESS);
	o = good_op();
	o.report = 0; /* below the guest RAM of this machine */
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_ADDRESS);
	/* A registered VMSA is not a buffer. */
	fx_put_good_vmsa(FX_RAM_BASE + 0x10000);
	ASSERT_TRUE(vcpu_add_created(1, gpa(FX_RAM_BASE + 0x10000),
				     gpa(FX_RAM_BASE + 0x11000), 0));
	o = good_op();
	o.report = FX_RAM_BASE + 0x10000;
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(signer_calls, 0);
}

TEST(attest_no_signer_is_invalid_request)
{
	struct op o;

	setup(true);
	fake_set_attest(NULL);
	o = good_op();
	EXPECT_EQ(call_op(0, &o), SVSM_ERR_INVALID_REQUEST);
	EXPECT_TRUE(untouched(REPORT, 0x1000));
	EXPECT_TRUE(untouched(MANIFEST, 0x1000));
}

/* --- size negotiation --- */

TEST(attest_size_probe_returns_sizes)
{
	struct op o = { .nonce = NONCE, .nonce_size = 64 };
	struct svsm_call_regs r;

	setup(true);
	put_op(&o);
	r = call(SVSM_ATTEST_SERVICES, OP);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(r.rcx, 24 + 24 + EK_LEN);
	EXPECT_EQ(r.rdx, 0); /* no certificates asked for */
	EXPECT_EQ(r.r8, SNP_REPORT_SIZE);
	r = call(SVSM_ATTEST_SINGLE_SERVICE, OP);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(r.rcx, EK_LEN);
	EXPECT_EQ(r.rdx, 0);
	EXPECT_EQ(r.r8, SNP_REPORT_SIZE);
}

TEST(attest_too_small_buffers_report_sizes)
{
	struct op o;
	struct svsm_call_regs r;

	setup(true);
	o = good_op();
	o.report_size = SNP_REPORT_SIZE - 1;
	put_op(&o);
	r = call(0, OP);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(r.rcx, 362);
	EXPECT_EQ(r.rdx, FAKE_CERTS_LEN);
	EXPECT_EQ(r.r8, SNP_REPORT_SIZE);

	o = good_op();
	o.manifest_size = 361;
	put_op(&o);
	r = call(0, OP);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(r.rcx, 362);

	o = good_op();
	o.certs_size = 0x1000; /* smaller than the table */
	put_op(&o);
	r = call(0, OP);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(r.rcx, 362);
	EXPECT_EQ(r.rdx, FAKE_CERTS_LEN);
	EXPECT_EQ(r.r8, SNP_REPORT_SIZE);
	EXPECT_TRUE(untouched(REPORT, 0x1000));
	EXPECT_TRUE(untouched(MANIFEST, 0x1000));
	EXPECT_TRUE(untouched(CERTS, 0x4000));

	/* Exactly the sizes returned: success. */
	o = good_op();
	o.report_size = SNP_REPORT_SIZE;
	o.manifest_size = 362;
	o.certs_size = FAKE_CERTS_LEN;
	EXPECT_EQ(call_op(0, &o), SVSM_SUCCESS);
}

/* --- success --- */

static void expect_report_data(const uint8_t *manifest, size_t len)
{
	uint8_t in[64 + 1024], md[64];

	memcpy(in, fake_guest_ptr(NONCE), 64);
	memcpy(in + 64, manifest, len);
	SHA512(in, 64 + len, md);
	EXPECT_MEMEQ(last_report_data, md, 64);
	EXPECT_MEMEQ(fake_guest_ptr(REPORT) + 0x50, md, 64);
}

TEST(attest_services_success)
{
	struct op o;
	struct svsm_call_regs r;
	const uint8_t *m;

	setup(true);
	m = fake_guest_ptr(MANIFEST);
	o = good_op();
	put_op(&o);
	r = call(SVSM_ATTEST_SERVICES, OP);
	ASSERT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, 362);
	EXPECT_EQ(r.rdx, FAKE_CERTS_LEN);
	EXPECT_EQ(r.r8, SNP_REPORT_SIZE);
	EXPECT_MEMEQ(m, header_guid, 16);
	EXPECT_EQ(get_le(m + 16, 4), 362);
	EXPECT_EQ(get_le(m + 20, 4), 1);
	EXPECT_MEMEQ(m + 24, vtpm_guid, 16);
	EXPECT_EQ(get_le(m + 40, 4), 48);
	EXPECT_EQ(get_le(m + 44, 4), EK_LEN);
	EXPECT_MEMEQ(m + 48, ek, EK_LEN);
	EXPECT_TRUE(untouched(MANIFEST + 362, 0x1000 - 362));
	expect_report_data(m, 362);
	EXPECT_EQ(get_le(fake_guest_ptr(REPORT), 4), 2);
	EXPECT_EQ(fake_guest_ptr(REPORT)[SNP_REPORT_SIZE - 1], 0x5a);
	EXPECT_TRUE(untouched(REPORT + SNP_REPORT_SIZE, 0x1000 - SNP_REPORT_SIZE));
	EXPECT_EQ(fake_guest_ptr(CERTS)[1], 20);
	EXPECT_EQ(fake_guest_ptr(CERTS)[FAKE_CERTS_LEN - 1],
		  (uint8_t)((FAKE_CERTS_LEN - 1) * 13 + 7));
	EXPECT_TRUE(untouched(CERTS + FAKE_CERTS_LEN, 0x4000 - FAKE_CERTS_LEN));
	/* The nonce is read, never written. */
	EXPECT_EQ(fake_guest_ptr(NONCE)[0], 0xa0);
}

TEST(attest_services_without_vtpm_is_empty_table)
{
	struct op o;
	struct svsm_call_regs r;
	const uint8_t *m;

	setup(false);
	m = fake_guest_ptr(MANIFEST);
	o = good_op();
	o.certs_size = 0;
	put_op(&o);
	r = call(SVSM_ATTEST_SERVICES, OP);
	ASSERT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, 24);
	EXPECT_EQ(r.rdx, 0);
	EXPECT_EQ(r.r8, SNP_REPORT_SIZE);
	EXPECT_MEMEQ(m, header_guid, 16);
	EXPECT_EQ(get_le(m + 16, 4), 24);
	EXPECT_EQ(get_le(m + 20, 4), 0);
	expect_report_data(m, 24);
	EXPECT_TRUE(untouched(CERTS, 0x4000));
}

TEST(attest_single_service_is_ek_alone)
{
	struct op o;
	struct svsm_call_regs r;

	setup(true);
	o = good_op();
	put_op(&o);
	r = call(SVSM_ATTEST_SINGLE_SERVICE, OP);
	ASSERT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, EK_LEN);
	EXPECT_EQ(r.rdx, FAKE_CERTS_LEN);
	EXPECT_EQ(r.r8, SNP_REPORT_SIZE);
	EXPECT_MEMEQ(fake_guest_ptr(MANIFEST), ek, EK_LEN);
	EXPECT_TRUE(untouched(MANIFEST + EK_LEN, 0x1000 - EK_LEN));
	expect_report_data(ek, EK_LEN);
}

static uint32_t op_maps;

static void count_op_maps(gpa_t g, size_t len)
{
	if (gpa_val(g) <= OP && OP < gpa_val(g) + len)
		op_maps++;
}

TEST(attest_op_is_read_once)
{
	struct op o;

	setup(true);
	o = good_op();
	put_op(&o);
	fake_set_map_hook(count_op_maps);
	op_maps = 0;
	EXPECT_EQ(call(SVSM_ATTEST_SINGLE_SERVICE, OP).rax, SVSM_SUCCESS);
	EXPECT_EQ(op_maps, 1);
	op_maps = 0;
	EXPECT_EQ(call(SVSM_ATTEST_SERVICES, OP).rax, SVSM_SUCCESS);
	EXPECT_EQ(op_maps, 1);
	fake_set_map_hook(NULL);
}

TEST(attest_parse_op_fields)
{
	uint8_t op[ATTEST_OP_SINGLE_SIZE] = { 0 };
	struct attest_request req;

	put_le(op + 0x00, 8, 0x10000);
	put_le(op + 0x08, 4, 0x1000);
	put_le(op + 0x10, 8, 0x20010);
	put_le(op + 0x18, 2, 64);
	put_le(op + 0x20, 8, 0x30000);
	put_le(op + 0x28, 4, 0x2000);
	put_le(op + 0x30, 8, 0x40000);
	put_le(op + 0x38, 4, 0x4000);
	memcpy(op + 0x40, vtpm_guid, 16);
	ASSERT_EQ(attest_parse_op(op, true, &req), SVSM_SUCCESS);
	EXPECT_TRUE(req.single);
	EXPECT_EQ(gpa_val(req.report), 0x10000);
	EXPECT_EQ(req.report_size, 0x1000);
	EXPECT_EQ(gpa_val(req.nonce), 0x20010);
	EXPECT_EQ(gpa_val(req.manifest), 0x30000);
	EXPECT_EQ(req.manifest_size, 0x2000);
	EXPECT_EQ(gpa_val(req.certs), 0x40000);
	EXPECT_EQ(req.certs_size, 0x4000);
	EXPECT_MEMEQ(req.service_guid, vtpm_guid, 16);
}
