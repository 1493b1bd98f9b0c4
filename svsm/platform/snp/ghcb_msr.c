// SPDX-License-Identifier: MIT
/*
 * GHCB MSR protocol values.  See ghcb_msr.h.
 * NEVER RUN ON SNP HARDWARE: host unit tests only.
 */
#include "platform/snp/ghcb_msr.h"

#define GFN_MASK_52 ((1ull << 52) - 1) /* GPA bits 51:0 */

uint64_t ghcb_msr_vmpl_req(uint8_t vmpl)
{
	/* Shift the value, then OR the code: (u64)vmpl << 32, not mask << 32. */
	return ((uint64_t)vmpl << 32) | GHCB_MSR_VMPL_REQ;
}

bool ghcb_msr_vmpl_resp_ok(uint64_t v)
{
	return ghcb_msr_code(v) == GHCB_MSR_VMPL_RESP && (v >> 32) == 0;
}

bool ghcb_msr_reg_gpa_req(gpa_t ghcb, uint64_t *out)
{
	uint64_t a = gpa_val(ghcb);

	if (!IS_ALIGNED(a, PAGE_SIZE))
		return false;
	*out = a | GHCB_MSR_REG_GPA_REQ; /* GFN << 12 == the GPA itself */
	return true;
}

bool ghcb_msr_reg_gpa_resp_ok(uint64_t v, gpa_t ghcb)
{
	/* A GFN of all ones (GHCBData[63:12]) is the hypervisor's refusal. */
	return ghcb_msr_code(v) == GHCB_MSR_REG_GPA_RESP &&
	       (v & PAGE_MASK) == gpa_val(ghcb) &&
	       (v >> 12) != (UINT64_MAX >> 12);
}

bool ghcb_msr_psc_req(gpa_t page, unsigned int op, uint64_t *out)
{
	uint64_t a = gpa_val(page);

	if (!IS_ALIGNED(a, PAGE_SIZE) || (a & ~GFN_MASK_52))
		return false;
	if (op != GHCB_PSC_OP_PRIVATE && op != GHCB_PSC_OP_SHARED)
		return false;
	*out = ((uint64_t)op << 52) | a | GHCB_MSR_PSC_REQ;
	return true;
}

bool ghcb_msr_psc_resp_ok(uint64_t v)
{
	return ghcb_msr_code(v) == GHCB_MSR_PSC_RESP &&
	       ghcb_msr_psc_resp_error(v) == 0;
}

uint64_t ghcb_msr_term_req(uint8_t reason_set, uint8_t reason_code)
{
	return ((uint64_t)(reason_set & 0xf) << 12) |
	       ((uint64_t)reason_code << 16) | GHCB_MSR_TERM_REQ;
}
