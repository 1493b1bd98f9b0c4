/* SPDX-License-Identifier: MIT */
/*
 * Linux x86 boot protocol (Documentation/arch/x86/boot.rst): checks of the
 * bzImage setup header and construction of the zero page (boot_params) for
 * the 32-bit entry point.  Offsets are boot_params offsets.
 */
#ifndef SVSM_CORE_LINUX_BOOT_H
#define SVSM_CORE_LINUX_BOOT_H

#include "e820.h"

#define BP_ACPI_RSDP 0x070
#define BP_EXT_RAMDISK_IMAGE 0x0c0
#define BP_EXT_RAMDISK_SIZE 0x0c4
#define BP_EXT_CMD_LINE_PTR 0x0c8
#define BP_E820_ENTRIES 0x1e8
#define BP_HDR 0x1f1
#define BP_SETUP_SECTS 0x1f1
#define BP_BOOT_FLAG 0x1fe
#define BP_JUMP 0x200
#define BP_HEADER 0x202
#define BP_VERSION 0x206
#define BP_TYPE_OF_LOADER 0x210
#define BP_LOADFLAGS 0x211
#define BP_CODE32_START 0x214
#define BP_RAMDISK_IMAGE 0x218
#define BP_RAMDISK_SIZE 0x21c
#define BP_CMD_LINE_PTR 0x228
#define BP_INITRD_ADDR_MAX 0x22c
#define BP_KERNEL_ALIGNMENT 0x230
#define BP_RELOCATABLE 0x234
#define BP_XLOADFLAGS 0x236
#define BP_CMDLINE_SIZE 0x238
#define BP_SETUP_DATA 0x250
#define BP_PREF_ADDRESS 0x258
#define BP_INIT_SIZE 0x260
#define BP_E820_TABLE 0x2d0
#define BOOT_PARAMS_SIZE 4096

#define LINUX_MIN_VERSION 0x020e /* 2.14: acpi_rsdp_addr */
#define LOADFLAGS_LOADED_HIGH 0x01
#define XLF_CAN_BE_LOADED_ABOVE_4G 0x02

struct linux_kernel_info {
	uint16_t version;
	uint32_t setup_sects;
	uint64_t pref_address;
	uint32_t kernel_alignment;
	uint32_t init_size;
	uint32_t initrd_addr_max;
	uint32_t cmdline_size;
	bool relocatable;
};

/*
 * Check the setup header of a bzImage's real-mode part (`setup`, `len`
 * bytes).  Returns 0 or a negative value and an explanation in *why.
 */
int linux_parse_header(const uint8_t *setup, size_t len,
		       struct linux_kernel_info *info, const char **why);

struct linux_boot_args {
	uint64_t kernel_addr; /* where the protected-mode kernel was loaded */
	uint64_t cmdline_addr;
	uint64_t initrd_addr;
	uint64_t initrd_size;
	uint64_t acpi_rsdp;
	const struct e820_map *e820;
};

/* Fill the zero page `bp` (BOOT_PARAMS_SIZE bytes) for the 32-bit entry. */
void linux_build_boot_params(uint8_t *bp, const uint8_t *setup, size_t len,
			     const struct linux_boot_args *args);

#endif /* SVSM_CORE_LINUX_BOOT_H */
