/* SPDX-License-Identifier: MIT */
/*
 * QEMU's ACPI table-loader ("etc/table-loader"): a script of 128-byte
 * commands ALLOCATE / ADD_POINTER / ADD_CHECKSUM / WRITE_POINTER that places
 * QEMU's ACPI blobs in guest memory and links them.  Facts: QEMU
 * hw/acpi/bios-linker-loader.c (command layout, zones 1 = HIGH, 2 = FSEG).
 */
#ifndef SVSM_CORE_ACPI_LOADER_H
#define SVSM_CORE_ACPI_LOADER_H

#include "fw_cfg.h"

#define ACPI_LOADER_MAX_FILES 16

struct acpi_loader_env {
	const struct fw_cfg_dev *fw;
	void *ctx;
	/*
	 * Allocate `size` bytes of guest memory aligned to `align` for the
	 * zone (1 HIGH, 2 FSEG); return an SVSM pointer to it and its GPA, or
	 * NULL when out of room.
	 */
	void *(*alloc)(void *ctx, uint32_t size, uint32_t align, uint8_t zone,
		       gpa_t *gpa_out);
};

/*
 * Run the script.  On success returns 0 and stores the GPA of the RSDP
 * (the blob "etc/acpi/rsdp") in *rsdp.  Returns a negative number and logs
 * the reason on a malformed script (unknown file, pointer out of range, ...).
 */
int acpi_loader_run(const struct acpi_loader_env *env, gpa_t *rsdp);

#endif /* SVSM_CORE_ACPI_LOADER_H */
