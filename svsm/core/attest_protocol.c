// SPDX-License-Identifier: MIT
/*
 * The attestation protocol (protocol 1, version 1): SVSM_ATTEST_SERVICES
 * and SVSM_ATTEST_SINGLE_SERVICE (protocol.md 3, docs/protocol-decisions.md).
 *
 * RCX = GPA of the operation.  It is copied into SVSM memory once (0x40 or
 * 0x58 bytes) and checked there; then:
 *
 *   op not guest RAM                                   INVALID_ADDRESS
 *   reserved field non-zero                            INVALID_PARAMETER
 *   nonce size != 64, or the nonce crosses a page      INVALID_PARAMETER
 *   report/manifest (or certs, size != 0) unaligned    INVALID_PARAMETER
 *   certs size > 0x4000                                INVALID_PARAMETER
 *   SINGLE_SERVICE manifest version != 0               INVALID_PARAMETER
 *   buffers (nonce included) overlapping               INVALID_PARAMETER
 *   SINGLE_SERVICE service GUID unknown                UNSUPPORTED_PROTOCOL
 *   a buffer not entirely guest RAM, or on a VMSA      INVALID_ADDRESS
 *   the platform produced no report                    INVALID_REQUEST
 *   a buffer too small                                 INVALID_PARAMETER,
 *                                                      sizes in RCX/RDX/R8
 *   unknown call id                                    UNSUPPORTED_CALL
 *
 * RCX = manifest size, RDX = certificate table size (0 when none was asked
 * for), R8 = report size (0x4A0) are set as soon as they are known, that is
 * on success and on the buffer-too-small error; earlier errors leave the
 * registers unchanged.  Zero-sized buffers are not range-checked (nothing is
 * written to them): a caller may probe the sizes with all sizes 0.
 *
 * REPORT_DATA = SHA-512(nonce || manifest), the manifest being exactly the
 * bytes returned.  The report comes from platform->attest_report (the
 * emulated signer or, on SNP, the PSP), requested at VMPL0.
 */
#include <svsm/protocol.h>

#include "attest_protocol.h"
#include "byteorder.h"
#include "guest_mem.h"
#include "manifest.h"
#include "platform.h"
#include "vcpu.h"
#include "lib/string.h"

/* libcrypto (declared here rather than pulling OpenSSL's hosted headers). */
struct evp_md_st;
struct engine_st;
const struct evp_md_st *EVP_sha512(void);
int EVP_Digest(const void *data, size_t count, unsigned char *md,
	       unsigned int *size, const struct evp_md_st *type,
	       struct engine_st *impl);

/* SVSM-side buffers (one call at a time). */
static struct {
	uint8_t op[ATTEST_OP_SINGLE_SIZE];
	uint8_t hash_in[SVSM_ATTEST_NONCE_SIZE + MANIFEST_MAX_SIZE];
	uint8_t manifest[MANIFEST_MAX_SIZE];
	struct snp_attestation_report report;
	uint8_t certs[SVSM_ATTEST_MAX_CERTS_SIZE];
} ab;

_Static_assert(sizeof(struct svsm_attest_services_op) == ATTEST_OP_SERVICES_SIZE,
	       "services op size");
_Static_assert(sizeof(struct svsm_attest_single_op) == ATTEST_OP_SINGLE_SIZE,
	       "single-service op size");
_Static_assert(sizeof(struct snp_attestation_report) == SNP_REPORT_SIZE,
	       "report size");

int attest_report_data(const uint8_t nonce[SVSM_ATTEST_NONCE_SIZE],
		       const uint8_t *manifest, uint32_t manifest_len,
		       uint8_t out[64])
{
	unsigned int n = 0;

	if (manifest_len > MANIFEST_MAX_SIZE)
		return -1;
	memcpy(ab.hash_in, nonce, SVSM_ATTEST_NONCE_SIZE);
	if (manifest_len)
		memcpy(ab.hash_in + SVSM_ATTEST_NONCE_SIZE, manifest, manifest_len);
	if (EVP_Digest(ab.hash_in, SVSM_ATTEST_NONCE_SIZE + manifest_len, out,
		       &n, EVP_sha512(), NULL) != 1 || n != 64)
		return -1;
	return 0;
}

/* A location entry at op + off: {u64 gpa, u32 size, u32 reserved}. */
static bool loc_get(const uint8_t *op, unsigned int off, gpa_t *g,
		    uint32_t *size)
{
	*g = gpa(get_le(op + off, 8));
	*size = (uint32_t)get_le(op + off + 8, 4);
	return get_le(op + off + 12, 4) == 0;
}

static bool overlap(gpa_t a, uint32_t alen, gpa_t b, uint32_t blen)
{
	uint64_t as = gpa_val(a), bs = gpa_val(b);

	if (!alen || !blen)
		return false;
	/* Ranges that wrap are caught by the address checks; compare safely. */
	return as < bs ? bs - as < alen : as - bs < blen;
}

uint32_t attest_parse_op(const uint8_t *op, bool single,
			 struct attest_request *req)
{
	bool ok = true;
	uint32_t nonce_word;

	memset(req, 0, sizeof(*req));
	req->single = single;
	ok &= loc_get(op, offsetof(struct svsm_attest_services_op, report),
		      &req->report, &req->report_size);
	/* The nonce: u64 gpa, u16 size, 6 reserved bytes. */
	req->nonce = gpa(get_le(op + 0x10, 8));
	nonce_word = (uint32_t)get_le(op + 0x18, 2);
	ok &= get_le(op + 0x1a, 6) == 0;
	ok &= loc_get(op, offsetof(struct svsm_attest_services_op, manifest),
		      &req->manifest, &req->manifest_size);
	ok &= loc_get(op, offsetof(struct svsm_attest_services_op, certs),
		      &req->certs, &req->certs_size);
	if (single) {
		memcpy(req->service_guid,
		       op + offsetof(struct svsm_attest_single_op, service_guid), 16);
		ok &= get_le(op + offsetof(struct svsm_attest_single_op, reserved),
			     4) == 0;
	}
	if (!ok)
		return SVSM_ERR_INVALID_PARAMETER;

	if (nonce_word != SVSM_ATTEST_NONCE_SIZE ||
	    (gpa_val(req->nonce) & (PAGE_SIZE - 1)) >
		    PAGE_SIZE - SVSM_ATTEST_NONCE_SIZE)
		return SVSM_ERR_INVALID_PARAMETER;
	if (!IS_ALIGNED(gpa_val(req->report), PAGE_SIZE) ||
	    !IS_ALIGNED(gpa_val(req->manifest), PAGE_SIZE) ||
	    (req->certs_size && !IS_ALIGNED(gpa_val(req->certs), PAGE_SIZE)))
		return SVSM_ERR_INVALID_PARAMETER;
	if (req->certs_size > SVSM_ATTEST_MAX_CERTS_SIZE)
		return SVSM_ERR_INVALID_PARAMETER;
	if (single &&
	    get_le(op + offsetof(struct svsm_attest_single_op, manifest_version),
		   4) != 0)
		return SVSM_ERR_INVALID_PARAMETER;

	{
		const gpa_t g[4] = { req->nonce, req->report, req->manifest,
				     req->certs };
		const uint32_t s[4] = { SVSM_ATTEST_NONCE_SIZE, req->report_size,
					req->manifest_size, req->certs_size };

		for (int i = 0; i < 4; i++)
			for (int j = i + 1; j < 4; j++)
				if (overlap(g[i], s[i], g[j], s[j]))
					return SVSM_ERR_INVALID_PARAMETER;
	}
	return SVSM_SUCCESS;
}

/* Each non-empty buffer: entirely guest RAM and no registered VMSA. */
static bool buffer_ok(gpa_t g, uint32_t size)
{
	return !size || (guest_mem_valid(g, size) && !vcpu_range_has_vmsa(g, size));
}

static uint32_t attest_request(bool single, struct svsm_call_regs *regs)
{
	struct attest_request req;
	uint8_t nonce[SVSM_ATTEST_NONCE_SIZE], report_data[64];
	const uint8_t *manifest = ab.manifest;
	uint32_t manifest_len, rc;
	size_t certs_len = 0;
	int prc;

	rc = guest_read(gpa(regs->rcx), ab.op,
			single ? ATTEST_OP_SINGLE_SIZE : ATTEST_OP_SERVICES_SIZE);
	if (rc)
		return SVSM_ERR_INVALID_ADDRESS;
	rc = attest_parse_op(ab.op, single, &req);
	if (rc)
		return rc;
	if (single) {
		if (!manifest_find_service(req.service_guid, &manifest,
					   &manifest_len))
			return SVSM_ERR_UNSUPPORTED_PROTOCOL;
	} else {
		manifest_len = manifest_build_services(ab.manifest,
						       sizeof(ab.manifest));
		if (manifest_len > sizeof(ab.manifest))
			return SVSM_ERR_INVALID_REQUEST;
	}
	if (!buffer_ok(req.nonce, SVSM_ATTEST_NONCE_SIZE) ||
	    !buffer_ok(req.report, req.report_size) ||
	    !buffer_ok(req.manifest, req.manifest_size) ||
	    !buffer_ok(req.certs, req.certs_size))
		return SVSM_ERR_INVALID_ADDRESS;
	if (guest_read(req.nonce, nonce, sizeof(nonce)))
		return SVSM_ERR_INVALID_ADDRESS;

	if (!platform->attest_report ||
	    attest_report_data(nonce, manifest, manifest_len, report_data))
		return SVSM_ERR_INVALID_REQUEST;
	certs_len = sizeof(ab.certs);
	prc = platform->attest_report(report_data, &ab.report,
				      req.certs_size ? ab.certs : NULL,
				      &certs_len);
	if (prc == PLATFORM_ATTEST_CERTS_TOO_SMALL && req.certs_size) {
		/* More than the SVSM's own buffer: the guest cannot win. */
		regs->rcx = manifest_len;
		regs->rdx = certs_len;
		regs->r8 = SNP_REPORT_SIZE;
		return SVSM_ERR_INVALID_PARAMETER;
	}
	if (prc || certs_len > sizeof(ab.certs))
		return SVSM_ERR_INVALID_REQUEST;
	if (!req.certs_size)
		certs_len = 0;

	regs->rcx = manifest_len;
	regs->rdx = certs_len;
	regs->r8 = SNP_REPORT_SIZE;
	if (req.report_size < SNP_REPORT_SIZE ||
	    req.manifest_size < manifest_len ||
	    (req.certs_size && req.certs_size < certs_len))
		return SVSM_ERR_INVALID_PARAMETER;

	if ((manifest_len && guest_write(req.manifest, manifest, manifest_len)) ||
	    guest_write(req.report, &ab.report, SNP_REPORT_SIZE) ||
	    (certs_len && guest_write(req.certs, ab.certs, certs_len)))
		return SVSM_ERR_INVALID_ADDRESS;
	return SVSM_SUCCESS;
}

static uint32_t attest_handle(struct svsm_vcpu *vcpu, uint32_t id,
			      struct svsm_call_regs *regs)
{
	(void)vcpu;
	switch (id) {
	case SVSM_ATTEST_SERVICES:
		return attest_request(false, regs);
	case SVSM_ATTEST_SINGLE_SERVICE:
		return attest_request(true, regs);
	default:
		/* Not COCONUT's UNSUPPORTED_PROTOCOL: see protocol-decisions. */
		return SVSM_ERR_UNSUPPORTED_CALL;
	}
}

const struct svsm_protocol svsm_attest_protocol = {
	.number = SVSM_PROTOCOL_ATTEST,
	.min_version = SVSM_ATTEST_VERSION_MIN,
	.max_version = SVSM_ATTEST_VERSION_MAX,
	.handle = attest_handle,
};
