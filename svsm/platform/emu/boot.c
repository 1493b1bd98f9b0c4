// SPDX-License-Identifier: MIT
/*
 * Boot of the emulated platform, from the reset stub's jump to the first
 * VMRUN: console, allocator, descriptor tables, fw_cfg and the RAM map, the
 * firmware's own W^X page tables, the chipset bits a BIOS does, the guest's
 * memory map and ACPI tables, the Linux loader, then the guest.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/desc.h"
#include "arch/x86/paging.h"
#include "core/acpi_loader.h"
#include "core/call.h"
#include "core/guest_mem.h"
#include "core/log.h"
#include "core/page_alloc.h"
#include "core/platform.h"
#include "core/vtpm_protocol.h"
#include "lib/heap.h"
#include "platform/emu/attest_emu.h"
#include "platform/emu/clock.h"
#include "platform/emu/emu.h"
#include "vtpm/vtpm.h"

#define EARLY_RESERVED 0x8000 /* reset stub's page tables at the region end */
/*
 * Below them the boot stack, which also runs every SVSM call (libtpms and
 * OpenSSL included), and below it an unmapped guard page: an overflow
 * faults instead of corrupting the allocator's pages.
 */
#define BOOT_STACK_SIZE 0x40000
#define ACPI_AREA_SIZE 0x80000
#define HEAP_SIZE (8ull << 20) /* libc heap: the vTPM (peak ~0.7 MiB at boot) */
#define ROM_SIZE_FIELD 0xfffff004ull /* reset.asm: rom_size */
#define QEMU_DEBUG_EXIT 0xf4

extern char __image_start[], __image_end[];

uint64_t svsm_region_base, svsm_region_size;
struct emu_layout emu_layout;

static void *emu_map_guest(gpa_t g, size_t len)
{
	(void)len;
	return (void *)gpa_val(g); /* the firmware identity-maps all RAM */
}

static __noreturn void emu_halt(int code)
{
	outb(QEMU_DEBUG_EXIT, (uint8_t)code); /* QEMU exits (code << 1) | 1 */
	cpu_halt_forever();
}

static const struct platform_ops emu_ops = {
	.name = "emulated (QEMU TCG, AMD SVM)",
	.console_write = emu_console_write,
	.map_guest = emu_map_guest,
	.pvalidate = emu_pvalidate,
	.apic_id_known = emu_apic_id_known,
	.attest_report = attest_emu_report,
	.halt = emu_halt,
};

const struct platform_ops *platform = &emu_ops;

static void read_ram_map(const struct fw_cfg_dev *fw, struct e820_map *m)
{
	int64_t n = fw_cfg_read_file(fw, "etc/e820", m->e, sizeof(m->e));

	if (n <= 0 || n % sizeof(struct e820_entry))
		panic("e820: fw_cfg etc/e820 missing or malformed (%ld)", (long)n);
	m->count = (uint32_t)(n / sizeof(struct e820_entry));
	e820_normalize(m);
	for (uint32_t i = 0; i < m->count; i++)
		log_info("e820 (QEMU): %#014lx-%#014lx type %u", m->e[i].addr,
			 m->e[i].addr + m->e[i].size, m->e[i].type);
}

/*
 * Decide the layout and the guest's memory map:
 *   [0, 0xA0000) RAM, [0xF0000, 0x100000) reserved (legacy BIOS area),
 *   [1 MiB, caa) RAM, caa page reserved, ACPI tables, then the SVSM region
 *   (absent from the map) up to the end of low RAM; RAM above 4 GiB as is.
 */
static void plan_layout(const struct e820_map *qemu)
{
	struct emu_layout *l = &emu_layout;
	struct e820_map *g = &l->guest_e820;
	uint32_t rom_size = *(volatile uint32_t *)ROM_SIZE_FIELD;

	l->svsm_base = svsm_region_base;
	l->svsm_size = svsm_region_size;
	l->rom_base = (1ull << 32) - rom_size;
	l->lowmem_top = e820_ram_top_below(qemu, 1ull << 32);
	l->highmem_top = 0;
	for (uint32_t i = 0; i < qemu->count; i++)
		if (qemu->e[i].type == E820_RAM &&
		    qemu->e[i].addr + qemu->e[i].size > (1ull << 32))
			l->highmem_top = qemu->e[i].addr + qemu->e[i].size;
	if (l->svsm_base + l->svsm_size != ALIGN_DOWN(l->lowmem_top, SZ_2M))
		panic("layout: reset stub chose %#lx, but e820 low RAM ends at %#lx",
		      l->svsm_base, l->lowmem_top);
	l->acpi_size = ACPI_AREA_SIZE;
	l->acpi_base = l->svsm_base - ACPI_AREA_SIZE;
	l->caa = l->acpi_base - PAGE_SIZE;

	*g = *qemu;
	CHECK(!e820_set_range(g, l->svsm_base, l->lowmem_top, 0));
	CHECK(!e820_set_range(g, 0xa0000, 0x100000, 0));
	CHECK(!e820_set_range(g, 0xf0000, 0x100000, E820_RESERVED));
	CHECK(!e820_set_range(g, l->acpi_base, l->svsm_base, E820_ACPI));
	CHECK(!e820_set_range(g, l->caa, l->caa + PAGE_SIZE, E820_RESERVED));
	e820_normalize(g);

	guest_mem_reset();
	guest_mem_set_svsm_region(l->svsm_base, l->svsm_size);
	for (uint32_t i = 0; i < g->count; i++) {
		const struct e820_entry *e = &g->e[i];

		if (e->type == E820_RAM || e->type == E820_ACPI)
			CHECK(!guest_mem_add_range(gpa(e->addr), e->addr + e->size));
		log_info("e820 (guest): %#014lx-%#014lx type %u", e->addr,
			 e->addr + e->size, e->type);
	}
	CHECK(!guest_mem_add_range(gpa(l->caa), l->caa + PAGE_SIZE));
	log_info("layout: SVSM %#lx-%#lx (%lu MiB), ROM %#lx-4G, ACPI %#lx, CAA %#lx",
		 l->svsm_base, l->svsm_base + l->svsm_size, l->svsm_size >> 20,
		 l->rom_base, l->acpi_base, l->caa);
}

static void *acpi_alloc(void *ctx, uint32_t size, uint32_t align, uint8_t zone,
			gpa_t *out)
{
	uint64_t *next = ctx;
	uint64_t a = ALIGN_UP(*next, align ? align : 1);
	const struct emu_layout *l = &emu_layout;

	(void)zone; /* RSDP goes to Linux in boot_params: no FSEG needed */
	if (a + size > l->acpi_base + l->acpi_size || a + size < a)
		return NULL;
	*next = a + size;
	*out = gpa(a);
	return platform->map_guest(gpa(a), size);
}

static uint64_t load_acpi(const struct fw_cfg_dev *fw)
{
	uint64_t next = emu_layout.acpi_base;
	struct acpi_loader_env env = { .fw = fw, .ctx = &next, .alloc = acpi_alloc };
	gpa_t rsdp;

	if (acpi_loader_run(&env, &rsdp)) {
		log_info("acpi: table-loader failed; the guest boots without ACPI");
		return 0;
	}
	log_info("acpi: tables at %#lx-%#lx, RSDP %#lx", emu_layout.acpi_base,
		 next, gpa_val(rsdp));
	return gpa_val(rsdp);
}

__noreturn void svsm_main(uint64_t base, uint64_t size);

__noreturn void svsm_main(uint64_t base, uint64_t size)
{
	uint64_t img_end = ALIGN_UP((uint64_t)__image_end, PAGE_SIZE);
	uint64_t stack_guard = base + size - EARLY_RESERVED - BOOT_STACK_SIZE - PAGE_SIZE;
	uint64_t heap_end = stack_guard;
	const struct fw_cfg_dev *fw;
	struct e820_map *qemu_map;
	struct guest_entry entry;
	uint64_t rsdp;

	svsm_region_base = base;
	svsm_region_size = size;
	emu_console_init();
	log_info("SVSM firmware, %s platform", platform->name);
	log_info("image %#lx-%#lx (%lu KiB), region %#lx-%#lx", base, img_end,
		 (img_end - base) >> 10, base, base + size);
	page_alloc_init((void *)img_end, heap_end - img_end);
	heap_init(page_alloc(HEAP_SIZE / PAGE_SIZE, 1), HEAP_SIZE);
	desc_init();
	emu_clock_init();

	fw = emu_fw_cfg_init();
	/*
	 * QEMU TCG has no INIT intercept: a second running CPU would start in
	 * host mode, outside SVM and the nested page tables.
	 */
	if (fw_cfg_read_u32(fw, FW_CFG_NB_CPUS) != 1)
		panic("the emulated platform runs one vCPU: start QEMU with -smp 1 (maxcpus may be larger)");
	emu_vcpus_init(fw);
	qemu_map = page_alloc(ALIGN_UP(sizeof(*qemu_map), PAGE_SIZE) / PAGE_SIZE, 1);
	CHECK(qemu_map);
	read_ram_map(fw, qemu_map);
	plan_layout(qemu_map);
	paging_init(MAX(1ull << 32, emu_layout.highmem_top), stack_guard);
	emu_chipset_init();

	svsm_register_protocol(&svsm_core_protocol);
	if (!vtpm_init()) {
		vtpm_protocol_set_backend(vtpm_send_command);
		svsm_register_protocol(&svsm_vtpm_protocol);
	}
	{
		size_t ek_len = 0;
		const uint8_t *ek = vtpm_ek_public(&ek_len);

		attest_emu_setup(fw, (const void *)emu_layout.rom_base,
				 (size_t)((1ull << 32) - emu_layout.rom_base), ek,
				 ek_len);
	}
	rsdp = load_acpi(fw);
	emu_load_linux(fw, rsdp, &entry);
	log_info("boot: %zu of %zu pages free", page_alloc_free_count(),
		 page_alloc_total_count());
	emu_svm_run(&entry);
}
