// SPDX-License-Identifier: MIT
/*
 * Load the kernel, initrd and command line QEMU was given with -kernel,
 * -initrd and -append (fw_cfg items), and prepare the 32-bit boot protocol
 * entry.  The firmware chooses every address here itself; guest-supplied
 * addresses never reach this file.
 *
 * Guest low memory used at entry (Linux reserves the first 1 MiB anyway):
 *   0x6000 GDT, 0x7000 boot_params, 0x8000 command line.
 */
#include "core/linux_boot.h"
#include "core/log.h"
#include "core/page_alloc.h"
#include "core/platform.h"
#include "lib/string.h"
#include "platform/emu/emu.h"

#define GUEST_GDT 0x6000
#define GUEST_BOOT_PARAMS 0x7000
#define GUEST_CMDLINE 0x8000
#define GUEST_CMDLINE_MAX 0x8000

/* A firmware-chosen guest range that must be guest RAM; returns its mapping. */
static void *guest_boot_area(uint64_t addr, uint64_t len, const char *what)
{
	const struct emu_layout *l = &emu_layout;

	if (!e820_covers(&l->guest_e820, addr, addr + len, E820_RAM))
		panic("linux: %s at %#lx+%#lx is not guest RAM", what, addr, len);
	return platform->map_guest(gpa(addr), len);
}

static uint64_t place_kernel(const struct linux_kernel_info *k, uint32_t size)
{
	uint64_t need = MAX((uint64_t)k->init_size, (uint64_t)size);
	uint64_t addr = k->pref_address ? k->pref_address : 0x1000000;

	addr = ALIGN_UP(addr, k->kernel_alignment);
	if (!e820_covers(&emu_layout.guest_e820, addr, addr + need, E820_RAM))
		panic("linux: no room for the kernel (%#lx bytes at %#lx)", need,
		      addr);
	if (addr != k->pref_address && !k->relocatable)
		panic("linux: kernel is not relocatable");
	return addr;
}

void emu_load_linux(const struct fw_cfg_dev *fw, uint64_t rsdp,
		    struct guest_entry *entry)
{
	const struct emu_layout *l = &emu_layout;
	struct linux_kernel_info k;
	struct linux_boot_args args = { .acpi_rsdp = rsdp, .e820 = &l->guest_e820 };
	uint32_t setup_size = fw_cfg_read_u32(fw, FW_CFG_SETUP_SIZE);
	uint32_t kernel_size = fw_cfg_read_u32(fw, FW_CFG_KERNEL_SIZE);
	uint32_t initrd_size = fw_cfg_read_u32(fw, FW_CFG_INITRD_SIZE);
	uint32_t cmdline_size = fw_cfg_read_u32(fw, FW_CFG_CMDLINE_SIZE);
	size_t setup_pages = ALIGN_UP(setup_size, PAGE_SIZE) / PAGE_SIZE;
	const char *why = "";
	uint8_t *setup, *bp;
	uint64_t *gdt;
	char *cmdline;

	if (!setup_size || !kernel_size)
		panic("linux: no kernel given (QEMU -kernel)");
	setup = page_alloc(setup_pages, 1);
	CHECK(setup);
	fw->read_item(fw->ctx, FW_CFG_SETUP_DATA, setup, setup_size);
	if (linux_parse_header(setup, setup_size, &k, &why))
		panic("linux: %s", why);

	args.kernel_addr = place_kernel(&k, kernel_size);
	fw->read_item(fw->ctx, FW_CFG_KERNEL_DATA,
		      guest_boot_area(args.kernel_addr, kernel_size, "kernel"),
		      kernel_size);

	if (initrd_size) {
		/* As high as possible, below the calling area and the limit. */
		uint64_t top = MIN(l->caa, (uint64_t)k.initrd_addr_max + 1);

		args.initrd_addr = ALIGN_DOWN(top - initrd_size, SZ_2M);
		args.initrd_size = initrd_size;
		if (args.initrd_addr < args.kernel_addr + k.init_size)
			panic("linux: initrd (%u bytes) does not fit", initrd_size);
		fw->read_item(fw->ctx, FW_CFG_INITRD_DATA,
			      guest_boot_area(args.initrd_addr, initrd_size,
					      "initrd"),
			      initrd_size);
	}

	cmdline = guest_boot_area(GUEST_CMDLINE, GUEST_CMDLINE_MAX, "cmdline");
	memset(cmdline, 0, GUEST_CMDLINE_MAX);
	cmdline_size = MIN(cmdline_size, MIN(k.cmdline_size, GUEST_CMDLINE_MAX - 1));
	if (cmdline_size)
		fw->read_item(fw->ctx, FW_CFG_CMDLINE_DATA, cmdline, cmdline_size);
	cmdline[cmdline_size] = 0;
	args.cmdline_addr = GUEST_CMDLINE;

	bp = guest_boot_area(GUEST_BOOT_PARAMS, BOOT_PARAMS_SIZE, "boot_params");
	linux_build_boot_params(bp, setup, setup_size, &args);
	page_free(setup, setup_pages);

	gdt = guest_boot_area(GUEST_GDT, 4 * 8, "GDT");
	gdt[0] = 0;
	gdt[1] = 0;
	gdt[2] = 0x00cf9a000000ffffull; /* __BOOT_CS */
	gdt[3] = 0x00cf92000000ffffull; /* __BOOT_DS */

	entry->rip = args.kernel_addr;
	entry->rsi = GUEST_BOOT_PARAMS;
	entry->gdt_base = GUEST_GDT;
	entry->gdt_limit = 4 * 8 - 1;
	log_info("linux: boot protocol %x.%02x, kernel %u bytes at %#lx, initrd %u bytes at %#lx",
		 k.version >> 8, k.version & 0xff, kernel_size, args.kernel_addr,
		 initrd_size, args.initrd_addr);
	log_info("linux: cmdline \"%s\"", cmdline);
}
