/* SPDX-License-Identifier: MIT */
#ifndef SVSM_ARCH_X86_PAGING_H
#define SVSM_ARCH_X86_PAGING_H

#include "core/types.h"

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_U (1ull << 2)
#define PTE_PS (1ull << 7)
#define PTE_NX (1ull << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ull

/*
 * Build and load the firmware's own page tables: identity map of
 * [0, map_top) with 2 MiB pages, read/write and never executable, except the
 * firmware image, mapped with 4 KiB pages: text read-only + executable,
 * read-only data read-only, data and bss writable.  No page is both writable
 * and executable (W^X); CR0.WP makes the kernel honour read-only pages.
 * `guard_page` (above the image) stays unmapped: the stack guard.
 */
void paging_init(uint64_t map_top, uint64_t guard_page);

/*
 * A 4-level table tree for other users (nested page tables): identity-map
 * [start, end) with `flags` into the tree rooted at *root (allocated on
 * first use), 2 MiB pages where aligned, 4 KiB pages elsewhere.
 */
void pt_map_identity(uint64_t *root, uint64_t start, uint64_t end,
		     uint64_t flags, uint64_t table_flags);

#endif /* SVSM_ARCH_X86_PAGING_H */
