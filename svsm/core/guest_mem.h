/* SPDX-License-Identifier: MIT */
/*
 * The one door to guest memory.  Every guest-supplied address goes through
 * here: the range must lie entirely inside one guest RAM range of the map
 * registered at boot (which never includes SVSM memory), lengths are checked
 * for overflow, and data is copied, never referenced in place, so a request
 * is fetched once into SVSM memory before it is validated.
 */
#ifndef SVSM_CORE_GUEST_MEM_H
#define SVSM_CORE_GUEST_MEM_H

#include "types.h"

#define GUEST_MEM_MAX_RANGES 32

/* Register guest memory [start, end); ranges must not overlap SVSM memory. */
void guest_mem_reset(void);
int guest_mem_add_range(gpa_t start, uint64_t end);
/* Declare SVSM memory so that a bad registration is caught (CHECK). */
void guest_mem_set_svsm_region(uint64_t base, uint64_t size);

/* True if [g, g + len) lies within one registered range. */
bool guest_mem_valid(gpa_t g, uint64_t len);

/* Copy in/out.  Return 0 or SVSM_ERR_INVALID_ADDRESS. */
uint32_t guest_read(gpa_t src, void *dst, size_t len);
uint32_t guest_write(gpa_t dst, const void *src, size_t len);
/* Zero [dst, dst + len), mapping at most a page at a time. */
uint32_t guest_zero(gpa_t dst, uint64_t len);

#endif /* SVSM_CORE_GUEST_MEM_H */
