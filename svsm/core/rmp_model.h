/* SPDX-License-Identifier: MIT */
/*
 * A model of the guest's page-validation state, as the RMP keeps it on
 * SEV-SNP: one "validated" bit per 4 KiB page, and per 2 MiB block one bit
 * saying it was validated as a single 2 MiB page.  Pure bookkeeping over
 * caller-provided storage, so the emulated platform (storage from the page
 * allocator) and the fake platform (malloc) share it.
 *
 * Transitions (rc as the PVALIDATE instruction returns it):
 *   4 KiB op on a block validated as 2 MiB          -> FAIL_SIZEMISMATCH
 *   2 MiB op on a block whose pages differ, or whose
 *   pages are valid as 4 KiB pages                  -> FAIL_SIZEMISMATCH
 *   target state already reached                    -> UNCHANGED
 *   outside the modelled range                      -> FAIL_INPUT
 */
#ifndef SVSM_CORE_RMP_MODEL_H
#define SVSM_CORE_RMP_MODEL_H

#include "types.h"

#define RMP_PAGES_PER_2M (SZ_2M / PAGE_SIZE)

struct rmp_model {
	uint64_t base; /* first GPA covered, 2 MiB aligned */
	uint64_t blocks; /* 2 MiB blocks covered */
	uint64_t *valid; /* one bit per 4 KiB page */
	uint64_t *valid_2m; /* one bit per 2 MiB block */
};

/* Bytes of storage needed to cover [base, end) (rounded out to 2 MiB). */
size_t rmp_model_storage_size(uint64_t base, uint64_t end);
/*
 * Cover [base, end) with `storage` (rmp_model_storage_size bytes, 8-byte
 * aligned).  Every page starts validated as a 4 KiB page, as after launch.
 */
void rmp_model_init(struct rmp_model *m, uint64_t base, uint64_t end,
		    void *storage);
/* PVALIDATE: returns PVALIDATE_RC_* (platform.h). */
uint32_t rmp_model_pvalidate(struct rmp_model *m, gpa_t g, bool huge,
			     bool validate);
/* Observers (tests, invariants). */
bool rmp_model_covers(const struct rmp_model *m, gpa_t g);
bool rmp_model_page_valid(const struct rmp_model *m, gpa_t g);
bool rmp_model_block_is_2m(const struct rmp_model *m, gpa_t g);

#endif /* SVSM_CORE_RMP_MODEL_H */
