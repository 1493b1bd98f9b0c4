// SPDX-License-Identifier: MIT
/*
 * The core protocol (protocol 0).  Behaviour follows COCONUT-SVSM
 * (kernel/src/protocols/core.rs) and Linux's client (protocol reference,
 * section 2).  Registers that are not outputs of a call are left as they
 * came in.
 */
#include "core_protocol.h"
#include "guest_mem.h"
#include <svsm/core.h>
#include <svsm/protocol.h>

static uint32_t core_query_protocol(struct svsm_call_regs *regs)
{
	uint32_t number = (uint32_t)(regs->rcx >> 32);
	uint32_t version = (uint32_t)regs->rcx;
	const struct svsm_protocol *p = svsm_find_protocol(number);

	/* Unsupported is not an error: RCX = 0 and SUCCESS. */
	if (p && p->min_version <= version && version <= p->max_version)
		regs->rcx = ((uint64_t)p->max_version << 32) | p->min_version;
	else
		regs->rcx = 0;
	return SVSM_SUCCESS;
}

static uint32_t core_remap_ca(struct svsm_vcpu *vcpu,
			      struct svsm_call_regs *regs)
{
	static const uint8_t zero_hdr[SVSM_CAA_BUFFER_OFFSET];
	gpa_t caa = gpa(regs->rcx);

	if (!IS_ALIGNED(gpa_val(caa), PAGE_SIZE))
		return SVSM_ERR_INVALID_PARAMETER;
	if (!guest_mem_valid(caa, PAGE_SIZE) ||
	    vcpu_range_has_vmsa(caa, PAGE_SIZE))
		return SVSM_ERR_INVALID_ADDRESS;
	if (guest_write(caa, zero_hdr, sizeof(zero_hdr)) != SVSM_SUCCESS)
		return SVSM_ERR_INVALID_ADDRESS;
	vcpu->caa = caa;
	return SVSM_SUCCESS;
}

static uint32_t core_configure_vtom(struct svsm_call_regs *regs)
{
	/* Only the query form is accepted; it reports "no vTOM support". */
	if (!(regs->rcx & 1))
		return SVSM_ERR_INVALID_REQUEST;
	regs->rcx = 0;
	return SVSM_SUCCESS;
}

static uint32_t core_handle(struct svsm_vcpu *vcpu, uint32_t id,
			    struct svsm_call_regs *regs)
{
	switch (id) {
	case SVSM_CORE_REMAP_CA:
		return core_remap_ca(vcpu, regs);
	case SVSM_CORE_PVALIDATE:
		return core_pvalidate(vcpu, regs);
	case SVSM_CORE_CREATE_VCPU:
		return core_create_vcpu(vcpu, regs);
	case SVSM_CORE_DELETE_VCPU:
		return core_delete_vcpu(vcpu, regs);
	case SVSM_CORE_QUERY_PROTOCOL:
		return core_query_protocol(regs);
	case SVSM_CORE_CONFIGURE_VTOM:
		return core_configure_vtom(regs);
	/* As COCONUT: the spec's arguments of these two are not public. */
	case SVSM_CORE_DEPOSIT_MEM:
	case SVSM_CORE_WITHDRAW_MEM:
	default:
		return SVSM_ERR_UNSUPPORTED_CALL;
	}
}

const struct svsm_protocol svsm_core_protocol = {
	.number = SVSM_PROTOCOL_CORE,
	.min_version = SVSM_CORE_VERSION_MIN,
	.max_version = SVSM_CORE_VERSION_MAX,
	.handle = core_handle,
};
