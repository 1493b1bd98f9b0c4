// SPDX-License-Identifier: MIT
/*
 * SEV-SNP guest messages and the per-VMPCK sequence-number state machine.
 * See guest_request.h.  NEVER RUN ON SNP HARDWARE: host unit tests only.
 */
#include "platform/snp/guest_request.h"
#include "core/byteorder.h"
#include "platform/snp/secrets.h"
#include "lib/string.h"

static void wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;

	while (n--)
		*v++ = 0;
}

static void iv_from_seqno(uint8_t iv[SNP_AEAD_IV_SIZE], uint64_t seqno)
{
	put_le(iv, 8, seqno);
	put_le(iv + 8, 4, 0);
}

int snp_msg_ctx_init(struct snp_msg_ctx *ctx, const struct snp_aead_ops *aead,
		     const uint8_t vmpck[SNP_AEAD_KEY_SIZE], unsigned int vmpck_id,
		     uint64_t seqno)
{
	memset(ctx, 0, sizeof(*ctx));
	if (!aead || !aead->seal || !aead->open || vmpck_id > 3)
		return SNP_MSG_EINVAL;
	if (snp_vmpck_is_zero(vmpck))
		return SNP_MSG_ENOKEY;
	ctx->aead = aead;
	memcpy(ctx->vmpck, vmpck, SNP_AEAD_KEY_SIZE);
	ctx->vmpck_id = (uint8_t)vmpck_id;
	ctx->seqno = seqno;
	ctx->key_valid = true;
	return SNP_MSG_OK;
}

void snp_msg_ctx_wipe(struct snp_msg_ctx *ctx)
{
	snp_vmpck_wipe(ctx->vmpck);
	wipe(ctx->scratch, sizeof(ctx->scratch));
	ctx->key_valid = false;
	ctx->pending = false;
}

int snp_msg_seal(struct snp_msg_ctx *ctx, uint8_t type, uint8_t version,
		 const void *payload, size_t len, uint8_t req[SNP_MSG_PAGE_SIZE])
{
	uint8_t *m = ctx->scratch;
	uint8_t iv[SNP_AEAD_IV_SIZE];
	uint64_t seqno;

	if (!ctx->key_valid)
		return SNP_MSG_ENOKEY;
	/* One in flight; type + 1 must be a type too. */
	if (ctx->pending || type == 0 || type == 0xff || len > SNP_MSG_MAX_PAYLOAD ||
	    (len && !payload))
		return SNP_MSG_EINVAL;
	/*
	 * The request uses stored + 1, the response stored + 2, which becomes
	 * the stored value: neither may wrap to 0 (IV reuse).
	 */
	if (ctx->seqno >= UINT64_MAX - 1)
		return SNP_MSG_ESEQNO;
	seqno = ctx->seqno + 1;

	memset(m, 0, SNP_MSG_HDR_SIZE);
	put_le(m + SNP_MSG_OFF_SEQNO, 8, seqno);
	m[SNP_MSG_OFF_ALGO] = SNP_MSG_ALGO_AES_256_GCM;
	m[SNP_MSG_OFF_HDR_VERSION] = SNP_MSG_HDR_VERSION;
	put_le(m + SNP_MSG_OFF_HDR_SIZE, 2, SNP_MSG_HDR_SIZE);
	m[SNP_MSG_OFF_TYPE] = type;
	m[SNP_MSG_OFF_VERSION] = version;
	put_le(m + SNP_MSG_OFF_SIZE, 2, len);
	m[SNP_MSG_OFF_VMPCK] = ctx->vmpck_id;
	iv_from_seqno(iv, seqno);
	if (ctx->aead->seal(ctx->vmpck, iv, m + SNP_MSG_AAD_OFF, SNP_MSG_AAD_LEN,
			    payload, len, m + SNP_MSG_HDR_SIZE,
			    m + SNP_MSG_OFF_AUTHTAG) != 0) {
		wipe(m, SNP_MSG_PAGE_SIZE);
		return SNP_MSG_ECRYPTO;
	}
	/* The rest of the page is zero: nothing stale reaches the host. */
	memset(m + SNP_MSG_HDR_SIZE + len, 0, SNP_MSG_MAX_PAYLOAD - len);
	memcpy(req, m, SNP_MSG_PAGE_SIZE);
	wipe(m, SNP_MSG_PAGE_SIZE);

	ctx->pending = true;
	ctx->req_seqno = seqno;
	ctx->req_type = type;
	ctx->req_version = version;
	return SNP_MSG_OK;
}

void snp_msg_abandon(struct snp_msg_ctx *ctx)
{
	if (ctx->pending)
		snp_msg_ctx_wipe(ctx);
}

/* Header checks on the private copy; MSG_SIZE in *size. */
static bool rsp_header_ok(const struct snp_msg_ctx *ctx, const uint8_t *h,
			  size_t cap, size_t *size)
{
	*size = (uint16_t)get_le(h + SNP_MSG_OFF_SIZE, 2);
	return h[SNP_MSG_OFF_ALGO] == SNP_MSG_ALGO_AES_256_GCM &&
	       h[SNP_MSG_OFF_HDR_VERSION] == SNP_MSG_HDR_VERSION &&
	       get_le(h + SNP_MSG_OFF_HDR_SIZE, 2) == SNP_MSG_HDR_SIZE &&
	       h[SNP_MSG_OFF_TYPE] == ctx->req_type + 1 &&
	       h[SNP_MSG_OFF_VERSION] == ctx->req_version &&
	       h[SNP_MSG_OFF_VMPCK] == ctx->vmpck_id &&
	       get_le(h + SNP_MSG_OFF_SEQNO, 8) == ctx->req_seqno + 1 &&
	       *size <= SNP_MSG_MAX_PAYLOAD && *size <= cap;
}

int snp_msg_open(struct snp_msg_ctx *ctx, uint64_t exitinfo2,
		 const uint8_t rsp[SNP_MSG_PAGE_SIZE], void *out, size_t cap,
		 size_t *out_len)
{
	uint8_t *m = ctx->scratch;
	uint8_t iv[SNP_AEAD_IV_SIZE];
	uint32_t vmm_err = (uint32_t)(exitinfo2 >> 32);
	size_t size;

	*out_len = 0;
	if (!ctx->key_valid)
		return SNP_MSG_ENOKEY;
	if (!ctx->pending)
		return SNP_MSG_EINVAL;
	/* The secure processor never saw the message: same seqno again. */
	if (vmm_err == SNP_GUEST_VMM_ERR_BUSY && (uint32_t)exitinfo2 == 0)
		return SNP_MSG_EBUSY;
	if (vmm_err == SNP_GUEST_VMM_ERR_INVALID_LEN && (uint32_t)exitinfo2 == 0)
		return SNP_MSG_ECERTS;
	if (exitinfo2 != 0) {
		snp_msg_ctx_wipe(ctx);
		return SNP_MSG_EXPORT;
	}

	/* Copy once (the host may change the shared page), then check. */
	memcpy(m, rsp, SNP_MSG_HDR_SIZE);
	if (!rsp_header_ok(ctx, m, cap, &size)) {
		snp_msg_ctx_wipe(ctx);
		return SNP_MSG_EBADRSP;
	}
	memcpy(m + SNP_MSG_HDR_SIZE, rsp + SNP_MSG_HDR_SIZE, size);
	iv_from_seqno(iv, ctx->req_seqno + 1);
	if (ctx->aead->open(ctx->vmpck, iv, m + SNP_MSG_AAD_OFF, SNP_MSG_AAD_LEN,
			    m + SNP_MSG_HDR_SIZE, size, out,
			    m + SNP_MSG_OFF_AUTHTAG) != 0) {
		wipe(out, size);
		snp_msg_ctx_wipe(ctx);
		return SNP_MSG_EBADRSP;
	}
	wipe(m, SNP_MSG_HDR_SIZE + size);
	ctx->seqno = ctx->req_seqno + 1;
	ctx->pending = false;
	*out_len = size;
	return SNP_MSG_OK;
}

int snp_report_req_build(uint8_t out[SNP_REPORT_REQ_SIZE],
			 const uint8_t report_data[64], uint32_t vmpl,
			 uint32_t key_sel)
{
	if (vmpl > 3 || key_sel > SNP_REPORT_KEY_SEL_MAX)
		return SNP_MSG_EINVAL;
	memset(out, 0, SNP_REPORT_REQ_SIZE);
	memcpy(out, report_data, 64);
	put_le(out + 0x40, 4, vmpl);
	put_le(out + 0x44, 4, key_sel);
	return SNP_MSG_OK;
}

int snp_report_rsp_parse(const uint8_t *rsp, size_t len, uint32_t *status,
			 uint8_t report[SNP_REPORT_SIZE])
{
	uint32_t size;

	if (len < SNP_REPORT_RSP_HDR_SIZE)
		return SNP_MSG_EBADREPORT;
	*status = get_le32(rsp);
	if (*status != 0)
		return SNP_MSG_ESTATUS;
	size = get_le32(rsp + 4);
	if (size != SNP_REPORT_SIZE || len - SNP_REPORT_RSP_HDR_SIZE < size)
		return SNP_MSG_EBADREPORT;
	memcpy(report, rsp + SNP_REPORT_RSP_HDR_SIZE, SNP_REPORT_SIZE);
	return SNP_MSG_OK;
}

int snp_get_report(struct snp_msg_ctx *ctx, const struct snp_guest_transport *t,
		   const uint8_t report_data[64], uint32_t vmpl, uint32_t key_sel,
		   uint8_t report[SNP_REPORT_SIZE], uint32_t *status)
{
	uint8_t req[SNP_REPORT_REQ_SIZE];
	/* Room for any MSG_SIZE: a larger report is refused without a wipe. */
	uint8_t rsp[SNP_MSG_MAX_PAYLOAD];
	size_t len;
	int rc;

	*status = 0;
	rc = snp_report_req_build(req, report_data, vmpl, key_sel);
	if (rc == SNP_MSG_OK)
		rc = snp_msg_seal(ctx, SNP_MSG_TYPE_REPORT_REQ, SNP_MSG_VERSION, req,
				  sizeof(req), t->req_page);
	if (rc != SNP_MSG_OK)
		return rc;
	for (unsigned int tries = 0;; tries++) {
		uint64_t e = t->guest_request(t->arg, t->req_page, t->rsp_page);

		rc = snp_msg_open(ctx, e, t->rsp_page, rsp, sizeof(rsp), &len);
		if (rc != SNP_MSG_EBUSY || tries == t->busy_retries)
			break;
	}
	/* Busy for too long, or "certs too small" on a regular request. */
	if (rc == SNP_MSG_EBUSY || rc == SNP_MSG_ECERTS) {
		snp_msg_abandon(ctx);
		return SNP_MSG_EXPORT;
	}
	if (rc == SNP_MSG_OK)
		rc = snp_report_rsp_parse(rsp, len, status, report);
	wipe(rsp, sizeof(rsp));
	return rc;
}
