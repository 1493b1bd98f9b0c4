/* SPDX-License-Identifier: MIT */
/* Internal interfaces of the emulated platform (QEMU TCG + AMD SVM). */
#ifndef SVSM_PLATFORM_EMU_H
#define SVSM_PLATFORM_EMU_H

#include "core/call.h"
#include "core/e820.h"
#include "core/fw_cfg.h"

void emu_console_init(void);
void emu_console_write(const char *s, size_t len);
const struct fw_cfg_dev *emu_fw_cfg_init(void);
void emu_chipset_init(void);

/* Where things are, decided once at boot. */
struct emu_layout {
	uint64_t svsm_base, svsm_size; /* SVSM region (hidden from the guest) */
	uint64_t rom_base; /* firmware ROM, up to 4 GiB (hidden) */
	uint64_t lowmem_top; /* end of RAM below 4 GiB */
	uint64_t highmem_top; /* end of RAM above 4 GiB (0 if none) */
	uint64_t acpi_base, acpi_size; /* ACPI tables (guest, type 3) */
	uint64_t caa; /* boot vCPU's initial calling area (guest, reserved) */
	struct e820_map guest_e820;
};

extern struct emu_layout emu_layout;

/*
 * Validation state (rmp.c): emu_rmp_init allocates it after the layout is
 * planned (emu_svm_run calls it); emu_pvalidate is platform_ops.pvalidate.
 */
void emu_rmp_init(void);
uint32_t emu_pvalidate(gpa_t g, bool huge, bool validate);

/*
 * vCPUs (vcpus.c): emu_vcpus_init reads QEMU's possible CPU count from
 * fw_cfg; emu_apic_id_known is platform_ops.apic_id_known.
 */
void emu_vcpus_init(const struct fw_cfg_dev *fw);
bool emu_apic_id_known(uint32_t apic_id);

/* Guest start state for the Linux 32-bit boot protocol. */
struct guest_entry {
	uint64_t rip, rsi, gdt_base;
	uint16_t gdt_limit;
};

/* Load the guest into memory; returns its entry state. */
void emu_load_linux(const struct fw_cfg_dev *fw, uint64_t rsdp,
		    struct guest_entry *entry);
/* Set up SVM, nested paging and the guest VMCB, then run it forever. */
__noreturn void emu_svm_run(const struct guest_entry *entry);

#endif /* SVSM_PLATFORM_EMU_H */
