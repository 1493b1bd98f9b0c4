// SPDX-License-Identifier: MIT
/*
 * SVSM_CORE_CREATE_VCPU and SVSM_CORE_DELETE_VCPU
 * (docs/protocol-decisions.md).  The VMSA is copied into SVSM memory in one
 * read and checked there, so the guest cannot change it between the check
 * and its use.
 */
#include "core_protocol.h"
#include "guest_mem.h"
#include "platform.h"
#include "lib/string.h"
#include <svsm/protocol.h>

/* VMSA fields checked (AMD APM vol. 2, table B-4). */
#define VMSA_VMPL 0x0ca
#define VMSA_EFER 0x0d0
#define VMSA_SEV_FEATURES 0x3b0
#define EFER_SVME_BIT (1ull << 12)
#define GUEST_VMPL 2

static uint64_t get_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* An address usable as a new VMSA or calling area page. */
static bool page_is_free_guest_ram(gpa_t g)
{
	return IS_ALIGNED(gpa_val(g), PAGE_SIZE) &&
	       guest_mem_valid(g, PAGE_SIZE) && !vcpu_range_in_use(g, PAGE_SIZE);
}

static bool apic_id_available(const struct svsm_vcpu *caller, uint32_t id)
{
	return platform->apic_id_known && platform->apic_id_known(id) &&
	       id != caller->apic_id && !vcpu_find_apic(id);
}

static bool vmsa_acceptable(const uint8_t *vmsa, const struct svsm_vcpu *caller)
{
	return vmsa[VMSA_VMPL] == GUEST_VMPL &&
	       (get_u64(vmsa + VMSA_EFER) & EFER_SVME_BIT) &&
	       get_u64(vmsa + VMSA_SEV_FEATURES) == caller->sev_features;
}

uint32_t core_create_vcpu(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs)
{
	gpa_t vmsa = gpa(regs->rcx), caa = gpa(regs->rdx);
	uint32_t apic_id = (uint32_t)regs->r8;
	uint8_t copy[PAGE_SIZE];

	if (gpa_val(vmsa) == gpa_val(caa) || !page_is_free_guest_ram(vmsa) ||
	    !page_is_free_guest_ram(caa))
		return SVSM_ERR_INVALID_ADDRESS;
	if (!apic_id_available(vcpu, apic_id))
		return SVSM_ERR_INVALID_PARAMETER;
	if (guest_read(vmsa, copy, sizeof(copy)) != SVSM_SUCCESS)
		return SVSM_ERR_INVALID_ADDRESS;
	if (!vmsa_acceptable(copy, vcpu))
		return SVSM_ERR_INVALID_PARAMETER;
	/* Emulated platform: recorded, never run (protocol-decisions.md). */
	if (!vcpu_add_created(apic_id, vmsa, caa, vcpu->sev_features))
		return SVSM_ERR_INVALID_PARAMETER; /* table full */
	return SVSM_SUCCESS;
}

uint32_t core_delete_vcpu(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs)
{
	gpa_t vmsa = gpa(regs->rcx);
	struct svsm_vcpu *target;

	(void)vcpu;
	if (!IS_ALIGNED(gpa_val(vmsa), PAGE_SIZE))
		return SVSM_ERR_INVALID_PARAMETER;
	target = vcpu_find_vmsa(vmsa);
	/* A running vCPU is never deleted (none has a VMSA on emu). */
	if (!target || target->running)
		return SVSM_ERR_INVALID_PARAMETER;
	vcpu_remove(target);
	return SVSM_SUCCESS;
}
