/* SPDX-License-Identifier: MIT */
/*
 * SEV-SNP guest messages (SNP ABI #56860 "SNP_GUEST_REQUEST"; protocol
 * reference section 6): a 0x60-byte header and an AES-256-GCM encrypted
 * payload in one 4 KiB page each for the request and the response, keyed
 * with a VMPCK from the secrets page.
 *
 *   header  0x00 AUTHTAG[32] (GCM tag in 0..15)   0x20 MSG_SEQNO u64
 *           0x30 ALGO=1  0x31 HDR_VERSION=1  0x32 HDR_SIZE=0x60 (u16)
 *           0x34 MSG_TYPE  0x35 MSG_VERSION  0x36 MSG_SIZE (u16)
 *           0x3C MSG_VMPCK   everything else reserved, zero
 *   AAD     header bytes 0x30..0x5F;  IV = MSG_SEQNO (u64 LE) || 4 zero bytes
 *
 * struct snp_msg_ctx is the state machine for one VMPCK: the sequence
 * number (a request uses stored + 1, a good response is stored + 2 and
 * becomes the stored value), one request in flight at a time, and the
 * key wiped on every failure after a request may have reached the secure
 * processor (GCM must never see the same IV twice under one key), except
 * "certificate buffer too small" and "busy", where the same message is sent
 * again.
 *
 * Pure logic over byte buffers and an AEAD interface: host unit-tested
 * (tests/test_snp_guest_request.c) against OpenSSL and fixed vectors.
 * NEVER RUN ON SNP HARDWARE; never exchanged a message with a real PSP.
 */
#ifndef SVSM_SNP_GUEST_REQUEST_H
#define SVSM_SNP_GUEST_REQUEST_H

#include "core/types.h"
#include "platform/snp/aead.h"
#include <svsm/attest.h>

#define SNP_MSG_PAGE_SIZE 4096u
#define SNP_MSG_HDR_SIZE 0x60u
#define SNP_MSG_MAX_PAYLOAD (SNP_MSG_PAGE_SIZE - SNP_MSG_HDR_SIZE) /* 4000 */

#define SNP_MSG_OFF_AUTHTAG 0x00u
#define SNP_MSG_OFF_SEQNO 0x20u
#define SNP_MSG_OFF_ALGO 0x30u
#define SNP_MSG_OFF_HDR_VERSION 0x31u
#define SNP_MSG_OFF_HDR_SIZE 0x32u
#define SNP_MSG_OFF_TYPE 0x34u
#define SNP_MSG_OFF_VERSION 0x35u
#define SNP_MSG_OFF_SIZE 0x36u
#define SNP_MSG_OFF_VMPCK 0x3cu
#define SNP_MSG_AAD_OFF 0x30u
#define SNP_MSG_AAD_LEN 0x30u

#define SNP_MSG_ALGO_AES_256_GCM 1u
#define SNP_MSG_HDR_VERSION 1u
#define SNP_MSG_VERSION 1u
#define SNP_MSG_TYPE_REPORT_REQ 5u
#define SNP_MSG_TYPE_REPORT_RSP 6u

/* MSG_REPORT_REQ (0x60) and MSG_REPORT_RSP (0x20 + report) payloads. */
#define SNP_REPORT_REQ_SIZE 0x60u
#define SNP_REPORT_RSP_HDR_SIZE 0x20u
#define SNP_REPORT_RSP_SIZE (SNP_REPORT_RSP_HDR_SIZE + SNP_REPORT_SIZE) /* 0x4c0 */
#define SNP_REPORT_KEY_SEL_MAX 2u /* 0 default, 1 VCEK, 2 VLEK; 3 reserved */

/* GHCB exits; SW_EXITINFO2 = firmware error [31:0] | VMM error [63:32]. */
#define SVM_VMGEXIT_GUEST_REQUEST 0x80000011u
#define SVM_VMGEXIT_EXT_GUEST_REQUEST 0x80000012u
#define SNP_GUEST_VMM_ERR_INVALID_LEN 1u
#define SNP_GUEST_VMM_ERR_BUSY 2u
#define SNP_GUEST_EXITINFO2(fw, vmm) (((uint64_t)(vmm) << 32) | (uint32_t)(fw))

enum snp_msg_err {
	SNP_MSG_OK = 0,
	SNP_MSG_EINVAL, /* bad argument or call order; nothing sent, key kept */
	SNP_MSG_ENOKEY, /* the VMPCK is wiped: this context is dead */
	SNP_MSG_ESEQNO, /* sequence numbers exhausted (would wrap), key kept */
	SNP_MSG_ECRYPTO, /* the AEAD failed to seal; nothing sent, key kept */
	SNP_MSG_EBUSY, /* hypervisor busy: send the same request page again */
	SNP_MSG_ECERTS, /* certs buffer too small: resend as a regular request */
	SNP_MSG_EXPORT, /* firmware or hypervisor error: key wiped */
	SNP_MSG_EBADRSP, /* response failed a header check or the tag: key wiped */
	SNP_MSG_ESTATUS, /* report response STATUS != 0 (authentic), key kept */
	SNP_MSG_EBADREPORT, /* authentic report response with bad sizes, key kept */
};

struct snp_msg_ctx {
	const struct snp_aead_ops *aead;
	uint8_t vmpck[SNP_AEAD_KEY_SIZE];
	uint8_t vmpck_id;
	bool key_valid;
	uint64_t seqno; /* stored counter: the next request uses seqno + 1 */
	bool pending; /* a sealed request awaits its response */
	uint64_t req_seqno;
	uint8_t req_type;
	uint8_t req_version;
	/* Private copy of messages: never build or verify in a shared page. */
	uint8_t scratch[SNP_MSG_PAGE_SIZE];
};

/*
 * Take a copy of the key (the caller wipes its own) and the stored counter
 * (0 for a fresh launch: the first request is seqno 1).  ENOKEY for an
 * all-zero key, EINVAL for vmpck_id > 3 or a NULL aead.
 */
int snp_msg_ctx_init(struct snp_msg_ctx *ctx, const struct snp_aead_ops *aead,
		     const uint8_t vmpck[SNP_AEAD_KEY_SIZE], unsigned int vmpck_id,
		     uint64_t seqno);
/* Wipe the key and any message state; the context refuses all further use. */
void snp_msg_ctx_wipe(struct snp_msg_ctx *ctx);

/*
 * Seal payload[len] as message (type, version) into req (a whole page,
 * typically the shared request page; written only at the end).  The
 * request is then in flight until snp_msg_open() accepts its response or
 * snp_msg_abandon() gives it up.
 */
int snp_msg_seal(struct snp_msg_ctx *ctx, uint8_t type, uint8_t version,
		 const void *payload, size_t len, uint8_t req[SNP_MSG_PAGE_SIZE]);

/*
 * Take the answer to the request in flight: exitinfo2 from the GHCB and the
 * response page.  The page is copied to private memory first and checked
 * there: ALGO, HDR_VERSION, HDR_SIZE, MSG_SEQNO = request + 1, MSG_TYPE =
 * request + 1, same MSG_VERSION, same MSG_VMPCK, MSG_SIZE <= 4000 and
 * <= cap, then the tag.  On success the payload is in out[*out_len] and the
 * stored counter has advanced by 2.  EBUSY/ECERTS keep the request in
 * flight (resend it); every other failure wipes the key.
 */
int snp_msg_open(struct snp_msg_ctx *ctx, uint64_t exitinfo2,
		 const uint8_t rsp[SNP_MSG_PAGE_SIZE], void *out, size_t cap,
		 size_t *out_len);

/* Give up the request in flight (e.g. busy for too long): wipes the key. */
void snp_msg_abandon(struct snp_msg_ctx *ctx);

/* MSG_REPORT_REQ payload.  EINVAL for vmpl > 3 or key_sel > 2. */
int snp_report_req_build(uint8_t out[SNP_REPORT_REQ_SIZE],
			 const uint8_t report_data[64], uint32_t vmpl,
			 uint32_t key_sel);

/*
 * MSG_REPORT_RSP payload of len bytes: *status is STATUS (ESTATUS if not
 * 0); REPORT_SIZE must be 0x4a0 and fit in len; the report is copied out.
 */
int snp_report_rsp_parse(const uint8_t *rsp, size_t len, uint32_t *status,
			 uint8_t report[SNP_REPORT_SIZE]);

/*
 * Transport of one SNP_GUEST_REQUEST: the firmware issues VMGEXIT
 * 0x8000_0011 with the two shared pages; the tests play the hypervisor and
 * the secure processor.  Returns SW_EXITINFO2.
 */
struct snp_guest_transport {
	uint64_t (*guest_request)(void *arg, const uint8_t *req_page,
				  uint8_t *rsp_page);
	void *arg;
	uint8_t *req_page; /* shared, page aligned */
	uint8_t *rsp_page; /* shared, page aligned */
	unsigned int busy_retries; /* resends on BUSY before giving up */
};

/*
 * One MSG_REPORT_REQ exchange: seal, send (resending on BUSY), open,
 * parse.  *status gets the response STATUS when there is one.
 */
int snp_get_report(struct snp_msg_ctx *ctx, const struct snp_guest_transport *t,
		   const uint8_t report_data[64], uint32_t vmpl, uint32_t key_sel,
		   uint8_t report[SNP_REPORT_SIZE], uint32_t *status);

#endif /* SVSM_SNP_GUEST_REQUEST_H */
