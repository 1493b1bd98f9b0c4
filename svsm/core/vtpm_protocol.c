// SPDX-License-Identifier: MIT
/*
 * The vTPM protocol (protocol 2, version 1) over the vTPM service.
 *
 * SVSM_VTPM_QUERY: RCX = platform commands served (only TPM_SEND_COMMAND),
 * RDX = features (none).
 * SVSM_VTPM_CMD: RCX = GPA of one page holding the request, overwritten
 * with the response.  The page is copied into SVSM memory once, parsed and
 * validated there, and the response written back in one guest_write.
 * The TPM itself is a backend function (vtpm/vtpm.c's vtpm_send_command on
 * the firmware), so the core does not depend on libtpms.
 *
 *   RCX 0 or not page aligned           INVALID_PARAMETER
 *   page not entirely guest RAM          INVALID_ADDRESS
 *   platform command unknown (0, > 36)   INVALID_PARAMETER
 *   known MSSIM command other than 8     UNSUPPORTED_CALL
 *   locality != 0                        INVALID_PARAMETER
 *   size < 10 or > 4087                  INVALID_PARAMETER
 *   no response, or one > 4092 bytes     INVALID_REQUEST
 *   unknown call id                      UNSUPPORTED_CALL
 */
#include <svsm/protocol.h>
#include <svsm/vtpm.h>

#include "call.h"
#include "byteorder.h"
#include "guest_mem.h"
#include "vtpm_protocol.h"
#include "lib/string.h"

/* The page in SVSM memory (one call at a time). */
static uint8_t page[SVSM_VTPM_BUFFER_SIZE];
static vtpm_send_fn backend;

void vtpm_protocol_set_backend(vtpm_send_fn send)
{
	backend = send;
}

uint32_t vtpm_parse_request(const uint8_t *buf, uint32_t *cmd_len)
{
	uint32_t plat = get_le32(buf), size;

	if (plat == 0 || plat > SVSM_VTPM_PLAT_MAX_KNOWN)
		return SVSM_ERR_INVALID_PARAMETER;
	if (plat != SVSM_VTPM_PLAT_SEND_COMMAND)
		return SVSM_ERR_UNSUPPORTED_CALL;
	if (buf[4] != 0)
		return SVSM_ERR_INVALID_PARAMETER;
	size = get_le32(buf + 5);
	if (size < SVSM_VTPM_MIN_COMMAND || size > SVSM_VTPM_MAX_COMMAND)
		return SVSM_ERR_INVALID_PARAMETER;
	*cmd_len = size;
	return SVSM_SUCCESS;
}

static uint32_t vtpm_cmd(uint64_t rcx)
{
	static uint8_t rsp[SVSM_VTPM_MAX_RESPONSE];
	uint32_t rc, cmd_len, rsp_len;
	gpa_t g = gpa(rcx);

	if (rcx == 0 || !IS_ALIGNED(rcx, PAGE_SIZE))
		return SVSM_ERR_INVALID_PARAMETER;
	rc = guest_read(g, page, sizeof(page));
	if (rc)
		return rc;
	rc = vtpm_parse_request(page, &cmd_len);
	if (rc)
		return rc;
	if (!backend || backend(page + SVSM_VTPM_REQ_HDR_SIZE, cmd_len, rsp,
				sizeof(rsp), &rsp_len) ||
	    rsp_len > SVSM_VTPM_MAX_RESPONSE)
		return SVSM_ERR_INVALID_REQUEST;
	put_le(page, 4, rsp_len);
	memcpy(page + SVSM_VTPM_RESP_HDR_SIZE, rsp, rsp_len);
	return guest_write(g, page, SVSM_VTPM_RESP_HDR_SIZE + rsp_len);
}

static uint32_t vtpm_handle(struct svsm_vcpu *vcpu, uint32_t id,
			    struct svsm_call_regs *regs)
{
	(void)vcpu;
	switch (id) {
	case SVSM_VTPM_QUERY:
		regs->rcx = SVSM_VTPM_QUERY_PLATFORM_CMDS;
		regs->rdx = SVSM_VTPM_QUERY_FEATURES;
		return SVSM_SUCCESS;
	case SVSM_VTPM_CMD:
		return vtpm_cmd(regs->rcx);
	default:
		return SVSM_ERR_UNSUPPORTED_CALL;
	}
}

const struct svsm_protocol svsm_vtpm_protocol = {
	.number = SVSM_PROTOCOL_VTPM,
	.min_version = SVSM_VTPM_VERSION_MIN,
	.max_version = SVSM_VTPM_VERSION_MAX,
	.handle = vtpm_handle,
};
