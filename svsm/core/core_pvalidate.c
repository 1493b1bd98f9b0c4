// SPDX-License-Identifier: MIT
/*
 * SVSM_CORE_PVALIDATE (docs/protocol-decisions.md, "PVALIDATE").
 *
 * The list (header + entries) is fetched from guest memory exactly once,
 * into SVSM memory, and everything after that works on the copy: a guest
 * that rewrites the list while we process it cannot change what is checked
 * or validated.  Only cur_index is written back.
 */
#include "core_protocol.h"
#include "guest_mem.h"
#include "platform.h"
#include <svsm/core.h>
#include <svsm/protocol.h>

/* A list at the start of a page: the most the copy can ever hold. */
struct pvalidate_copy {
	struct svsm_pvalidate_hdr hdr;
	uint64_t entry[(PAGE_SIZE - sizeof(struct svsm_pvalidate_hdr)) /
		       sizeof(uint64_t)];
};

_Static_assert(sizeof(struct pvalidate_copy) == PAGE_SIZE, "one page");

static uint32_t pvalidate_entry(uint64_t e)
{
	uint64_t size_code = e & SVSM_PVALIDATE_SIZE_MASK;
	bool huge = size_code == SVSM_PVALIDATE_SIZE_2M;
	uint64_t size = huge ? SZ_2M : PAGE_SIZE;
	bool validate = e & SVSM_PVALIDATE_VALIDATE;
	gpa_t g = gpa(e & SVSM_PVALIDATE_GPA_MASK);
	uint32_t rc;

	if (size_code > SVSM_PVALIDATE_SIZE_2M ||
	    (e & SVSM_PVALIDATE_RSVD_MASK) || !IS_ALIGNED(gpa_val(g), size))
		return SVSM_ERR_INVALID_PARAMETER;
	if (!guest_mem_valid(g, size) || vcpu_range_in_use(g, size))
		return SVSM_ERR_INVALID_ADDRESS;
	rc = platform->pvalidate(g, huge, validate);
	if (rc == PVALIDATE_RC_UNCHANGED && (e & SVSM_PVALIDATE_IGNORE_CF))
		rc = PVALIDATE_RC_OK;
	if (rc != PVALIDATE_RC_OK)
		return SVSM_ERR_PROTOCOL_BASE + rc;
	/* As COCONUT: a validated page reads as zeros, whatever it held. */
	if (validate)
		return guest_zero(g, size);
	return SVSM_SUCCESS;
}

uint32_t core_pvalidate(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs)
{
	gpa_t list = gpa(regs->rcx);
	uint64_t offset = gpa_val(list) & (PAGE_SIZE - 1);
	uint64_t max_entries = (PAGE_SIZE - offset - sizeof(struct svsm_pvalidate_hdr)) / 8;
	struct pvalidate_copy copy;
	uint32_t rc = SVSM_SUCCESS;
	uint16_t i;

	(void)vcpu;
	if (!platform->pvalidate)
		return SVSM_ERR_UNSUPPORTED_CALL;
	if (!IS_ALIGNED(gpa_val(list), 8))
		return SVSM_ERR_INVALID_PARAMETER;
	if (!guest_mem_valid(list, sizeof(copy.hdr)))
		return SVSM_ERR_INVALID_ADDRESS;
	/* The one fetch: from the header to the end of its page. */
	if (guest_read(list, &copy, PAGE_SIZE - offset) != SVSM_SUCCESS)
		return SVSM_ERR_INVALID_ADDRESS;

	if (copy.hdr.num_entries == 0 || copy.hdr.num_entries > max_entries ||
	    copy.hdr.cur_index >= copy.hdr.num_entries ||
	    copy.hdr.reserved[0] | copy.hdr.reserved[1] |
		    copy.hdr.reserved[2] | copy.hdr.reserved[3])
		return SVSM_ERR_INVALID_PARAMETER;

	for (i = copy.hdr.cur_index; i < copy.hdr.num_entries; i++) {
		rc = pvalidate_entry(copy.entry[i]);
		if (rc != SVSM_SUCCESS)
			break;
	}
	/* i is the failing entry, or num_entries when all succeeded. */
	if (guest_write(gpa_add(list, offsetof(struct svsm_pvalidate_hdr,
					       cur_index)),
			&i, sizeof(i)) != SVSM_SUCCESS)
		return SVSM_ERR_INVALID_ADDRESS;
	return rc;
}
