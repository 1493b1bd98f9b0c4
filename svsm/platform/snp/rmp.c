// SPDX-License-Identifier: MIT
/*
 * PVALIDATE/RMPADJUST sequencing for the SNP platform.  See rmp.h.
 * NEVER RUN ON SNP HARDWARE: host unit tests with a fake snp_rmp_ops only.
 */
#include "platform/snp/rmp.h"
#include "core/platform.h"
#include "lib/string.h"

uint32_t snp_pvalidate_rc(struct snp_pvalidate_result r)
{
	switch (r.rc) {
	case SNP_RMP_SUCCESS:
		return r.no_update ? PVALIDATE_RC_UNCHANGED : PVALIDATE_RC_OK;
	case SNP_RMP_FAIL_SIZEMISMATCH:
		return PVALIDATE_RC_FAIL_SIZEMISMATCH;
	default:
		return PVALIDATE_RC_FAIL_INPUT;
	}
}

uint32_t snp_rmpadjust_rc(uint32_t eax)
{
	switch (eax) {
	case SNP_RMP_SUCCESS:
		return PVALIDATE_RC_OK;
	case SNP_RMP_FAIL_SIZEMISMATCH:
		return PVALIDATE_RC_FAIL_SIZEMISMATCH;
	default:
		return PVALIDATE_RC_FAIL_INPUT;
	}
}

static uint32_t revoke(const struct snp_rmp_ops *ops, void *va, bool huge,
		       uint8_t guest_vmpl)
{
	for (uint8_t vmpl = guest_vmpl; vmpl <= 3; vmpl++) {
		uint32_t rc = snp_rmpadjust_rc(
			ops->rmpadjust(va, huge, snp_rmpadjust_attrs(vmpl, 0, false)));

		if (rc != PVALIDATE_RC_OK)
			return rc;
	}
	return PVALIDATE_RC_OK;
}

uint32_t snp_rmp_set_validated(const struct snp_rmp_ops *ops, uint8_t guest_vmpl,
			       gpa_t g, bool huge, bool validate)
{
	size_t size = huge ? SZ_2M : PAGE_SIZE;
	void *va;
	uint32_t rc;

	if (guest_vmpl < 1 || guest_vmpl > 3 || !IS_ALIGNED(gpa_val(g), size))
		return PVALIDATE_RC_FAIL_INPUT;
	va = ops->map(g, huge);
	if (!va)
		return PVALIDATE_RC_FAIL_INPUT;

	if (!validate) {
		/* The guest loses access before the page leaves its state. */
		rc = revoke(ops, va, huge, guest_vmpl);
		if (rc == PVALIDATE_RC_OK)
			rc = snp_pvalidate_rc(ops->pvalidate(va, huge, false));
		goto out;
	}

	rc = snp_pvalidate_rc(ops->pvalidate(va, huge, true));
	if (rc != PVALIDATE_RC_OK)
		goto out;
	/*
	 * Zero before the guest can see it: the hypervisor may have mapped
	 * anything (even former SVSM memory) at this GPA.  The core zeroes it
	 * again after the op; that second pass is redundant on SNP.
	 */
	memset(va, 0, size);
	if (snp_rmpadjust_rc(ops->rmpadjust(
		    va, huge, snp_rmpadjust_attrs(guest_vmpl, SNP_RMP_PERM_RWX,
						  false))) != PVALIDATE_RC_OK) {
		/* Leave it as it was rather than validated without access. */
		ops->pvalidate(va, huge, false);
		rc = PVALIDATE_RC_FAIL_INPUT;
	}
out:
	ops->unmap(va, huge);
	return rc;
}
