/* SPDX-License-Identifier: MIT */
/*
 * E820 memory maps: QEMU's etc/e820 in, the guest's boot_params map out.
 * Entries use the boot_params layout (20 bytes, packed).
 */
#ifndef SVSM_CORE_E820_H
#define SVSM_CORE_E820_H

#include "types.h"

#define E820_RAM 1
#define E820_RESERVED 2
#define E820_ACPI 3
#define E820_NVS 4
#define E820_UNUSABLE 5

#define E820_MAX_ENTRIES 128 /* boot_params.e820_table capacity */

struct e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __packed;

struct e820_map {
	uint32_t count;
	struct e820_entry e[E820_MAX_ENTRIES];
};

/* Sort by address and merge adjacent entries of the same type. */
void e820_normalize(struct e820_map *m);
/*
 * Set [start, end) to `type`, splitting/trimming what overlaps; type 0 removes
 * the range from the map.  Returns 0, or -1 if the map would overflow (then
 * the map is unchanged).
 */
int e820_set_range(struct e820_map *m, uint64_t start, uint64_t end,
		   uint32_t type);
/* True if [start, end) lies entirely inside entries of `type`. */
bool e820_covers(const struct e820_map *m, uint64_t start, uint64_t end,
		 uint32_t type);
/* Highest end address of a RAM entry that lies below `limit` (0 if none). */
uint64_t e820_ram_top_below(const struct e820_map *m, uint64_t limit);

#endif /* SVSM_CORE_E820_H */
