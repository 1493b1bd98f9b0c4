// SPDX-License-Identifier: MIT
/*
 * The bits of i440FX/PIIX4 set-up that a BIOS normally does and Linux relies
 * on: RAM behind the legacy BIOS window (so the firmware ROM's alias at
 * 0xE0000-0xFFFFF disappears from the guest's view) and the ACPI PM I/O block
 * at 0x600 that QEMU's FADT points to.
 */
#include "arch/x86/cpu.h"
#include "core/log.h"
#include "platform/emu/emu.h"

#define PCI_ADDR 0xcf8
#define PCI_DATA 0xcfc
#define PIIX4_PM_BASE 0x600

static uint32_t pci_addr(unsigned int dev, unsigned int fn, unsigned int reg)
{
	return 0x80000000u | (dev << 11) | (fn << 8) | (reg & 0xfc);
}

static uint32_t pci_read32(unsigned int dev, unsigned int fn, unsigned int reg)
{
	outl(PCI_ADDR, pci_addr(dev, fn, reg));
	return inl(PCI_DATA);
}

static void pci_write32(unsigned int dev, unsigned int fn, unsigned int reg,
			uint32_t v)
{
	outl(PCI_ADDR, pci_addr(dev, fn, reg));
	outl(PCI_DATA, v);
}

static void pci_write8(unsigned int dev, unsigned int fn, unsigned int reg,
		       uint8_t v)
{
	outl(PCI_ADDR, pci_addr(dev, fn, reg));
	outb(PCI_DATA + (reg & 3), v);
}

void emu_chipset_init(void)
{
	uint32_t host_id = pci_read32(0, 0, 0);
	uint32_t pm_id = pci_read32(1, 3, 0);

	if (host_id != 0x12378086u)
		panic("chipset: expected i440FX host bridge (-M pc), found %#x",
		      host_id);
	/* PAM0..6: 0xC0000-0xFFFFF read/write to DRAM. */
	pci_write8(0, 0, 0x59, 0x30);
	for (unsigned int reg = 0x5a; reg <= 0x5f; reg++)
		pci_write8(0, 0, reg, 0x33);

	if (pm_id != 0x71138086u) {
		log_info("chipset: no PIIX4 PM function (%#x), ACPI PM left off",
			 pm_id);
		return;
	}
	pci_write32(1, 3, 0x40, PIIX4_PM_BASE | 1); /* PMBA */
	pci_write8(1, 3, 0x80, 0x01); /* PMREGMISC: PM I/O enable */
	log_info("chipset: legacy BIOS window is RAM, ACPI PM at %#x",
		 PIIX4_PM_BASE);
}
