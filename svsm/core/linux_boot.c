// SPDX-License-Identifier: MIT
#include "core/byteorder.h"
#include "core/linux_boot.h"
#include "lib/string.h"

int linux_parse_header(const uint8_t *setup, size_t len,
		       struct linux_kernel_info *info, const char **why)
{
	if (len < BP_INIT_SIZE + 4) {
		*why = "setup part too short";
		return -1;
	}
	if (get_le(setup + BP_BOOT_FLAG, 2) != 0xaa55 ||
	    get_le(setup + BP_HEADER, 4) != 0x53726448 /* "HdrS" */) {
		*why = "not a bzImage (no HdrS)";
		return -1;
	}
	info->version = (uint16_t)get_le(setup + BP_VERSION, 2);
	if (info->version < LINUX_MIN_VERSION) {
		*why = "boot protocol older than 2.14";
		return -1;
	}
	if (!(setup[BP_LOADFLAGS] & LOADFLAGS_LOADED_HIGH)) {
		*why = "kernel is not loaded high (zImage)";
		return -1;
	}
	info->setup_sects = setup[BP_SETUP_SECTS] ? setup[BP_SETUP_SECTS] : 4;
	info->pref_address = get_le(setup + BP_PREF_ADDRESS, 8);
	info->kernel_alignment = (uint32_t)get_le(setup + BP_KERNEL_ALIGNMENT, 4);
	info->init_size = (uint32_t)get_le(setup + BP_INIT_SIZE, 4);
	info->initrd_addr_max = (uint32_t)get_le(setup + BP_INITRD_ADDR_MAX, 4);
	info->cmdline_size = (uint32_t)get_le(setup + BP_CMDLINE_SIZE, 4);
	info->relocatable = setup[BP_RELOCATABLE] != 0;
	if (info->kernel_alignment == 0 ||
	    (info->kernel_alignment & (info->kernel_alignment - 1))) {
		*why = "bad kernel_alignment";
		return -1;
	}
	return 0;
}

void linux_build_boot_params(uint8_t *bp, const uint8_t *setup, size_t len,
			     const struct linux_boot_args *a)
{
	/* The header runs from 0x1f1 to 0x202 + the jump's displacement. */
	size_t hdr_end = BP_JUMP + 2 + setup[BP_JUMP + 1];

	if (hdr_end > len)
		hdr_end = len;
	if (hdr_end > BP_E820_TABLE)
		hdr_end = BP_E820_TABLE;
	memset(bp, 0, BOOT_PARAMS_SIZE);
	memcpy(bp + BP_HDR, setup + BP_HDR, hdr_end - BP_HDR);

	bp[BP_TYPE_OF_LOADER] = 0xff; /* undefined loader */
	put_le(bp + BP_CODE32_START, 4, (uint32_t)a->kernel_addr);
	put_le(bp + BP_CMD_LINE_PTR, 4, (uint32_t)a->cmdline_addr);
	put_le(bp + BP_EXT_CMD_LINE_PTR, 4, (uint32_t)(a->cmdline_addr >> 32));
	put_le(bp + BP_RAMDISK_IMAGE, 4, (uint32_t)a->initrd_addr);
	put_le(bp + BP_EXT_RAMDISK_IMAGE, 4, (uint32_t)(a->initrd_addr >> 32));
	put_le(bp + BP_RAMDISK_SIZE, 4, (uint32_t)a->initrd_size);
	put_le(bp + BP_EXT_RAMDISK_SIZE, 4, (uint32_t)(a->initrd_size >> 32));
	/* QEMU links its own setup_data into the header it hands out: drop it. */
	memset(bp + BP_SETUP_DATA, 0, 8);
	put_le(bp + BP_ACPI_RSDP, 8, a->acpi_rsdp);

	uint32_t n = a->e820->count;

	if (n > E820_MAX_ENTRIES)
		n = E820_MAX_ENTRIES;
	bp[BP_E820_ENTRIES] = (uint8_t)n;
	memcpy(bp + BP_E820_TABLE, a->e820->e, n * sizeof(struct e820_entry));
}
