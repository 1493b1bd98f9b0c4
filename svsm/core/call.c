// SPDX-License-Identifier: MIT
/*
 * The calling-area handshake and the protocol dispatcher.
 *
 * Guest side (Linux svsm_issue_call): load registers, set call_pending = 1,
 * ring the doorbell, then xchg call_pending back to 0; a 1 left there means
 * the SVSM never saw the call.  So we consume the call by clearing the flag
 * before dispatching, and ignore doorbells that find it clear.
 */
#include "call.h"
#include "guest_mem.h"
#include "log.h"
#include <svsm/core.h>
#include <svsm/protocol.h>

#define SVSM_MAX_PROTOCOLS 8

static const struct svsm_protocol *protocols[SVSM_MAX_PROTOCOLS];
static uint32_t protocol_count;

void svsm_reset_protocols(void)
{
	protocol_count = 0;
}

void svsm_register_protocol(const struct svsm_protocol *p)
{
	CHECK(p && p->handle && p->min_version <= p->max_version);
	CHECK(!svsm_find_protocol(p->number));
	CHECK(protocol_count < SVSM_MAX_PROTOCOLS);
	protocols[protocol_count++] = p;
}

const struct svsm_protocol *svsm_find_protocol(uint32_t number)
{
	for (uint32_t i = 0; i < protocol_count; i++) {
		if (protocols[i]->number == number)
			return protocols[i];
	}
	return NULL;
}

uint32_t svsm_dispatch(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs)
{
	const struct svsm_protocol *p;

	p = svsm_find_protocol(SVSM_CALL_PROTOCOL(regs->rax));
	if (!p)
		return SVSM_ERR_UNSUPPORTED_PROTOCOL;
	return p->handle(vcpu, SVSM_CALL_ID(regs->rax), regs);
}

bool svsm_handle_call(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs)
{
	uint8_t hdr[SVSM_CAA_BUFFER_OFFSET];
	const uint8_t clear = 0;

	if (guest_read(vcpu->caa, hdr, sizeof(hdr)) != SVSM_SUCCESS)
		return false;
	if (hdr[0] == 0) /* call_pending */
		return false;
	if (guest_write(vcpu->caa, &clear, 1) != SVSM_SUCCESS)
		return false;
	regs->rax = svsm_dispatch(vcpu, regs);
	return true;
}
