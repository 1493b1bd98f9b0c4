// SPDX-License-Identifier: MIT
#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
#include "core/log.h"
#include "core/page_alloc.h"

extern char __image_start[], __text_end[], __rodata_end[], __image_end[];

static uint64_t *table_next(uint64_t *entry, uint64_t table_flags)
{
	if (!(*entry & PTE_P)) {
		uint64_t *t = page_alloc(1, 1);

		CHECK(t);
		*entry = (uint64_t)t | table_flags;
	}
	CHECK(!(*entry & PTE_PS));
	return (uint64_t *)(*entry & PTE_ADDR_MASK);
}

static void map_one(uint64_t *pml4, uint64_t addr, bool large, uint64_t flags,
		    uint64_t table_flags)
{
	uint64_t *pdpt = table_next(&pml4[(addr >> 39) & 511], table_flags);
	uint64_t *pd = table_next(&pdpt[(addr >> 30) & 511], table_flags);
	uint64_t *pde = &pd[(addr >> 21) & 511];

	if (large) {
		CHECK(!(*pde & PTE_P));
		*pde = addr | flags | PTE_PS;
		return;
	}
	uint64_t *pt = table_next(pde, table_flags);

	pt[(addr >> 12) & 511] = addr | flags;
}

void pt_map_identity(uint64_t *root, uint64_t start, uint64_t end,
		     uint64_t flags, uint64_t table_flags)
{
	uint64_t a = start;

	CHECK(IS_ALIGNED(start, PAGE_SIZE) && IS_ALIGNED(end, PAGE_SIZE));
	while (a < end) {
		bool large = IS_ALIGNED(a, SZ_2M) && end - a >= SZ_2M;

		map_one(root, a, large, flags, table_flags);
		a += large ? SZ_2M : PAGE_SIZE;
	}
}

void paging_init(uint64_t map_top, uint64_t guard)
{
	uint64_t *pml4 = page_alloc(1, 1);
	uint64_t img = (uint64_t)__image_start;
	uint64_t text_end = (uint64_t)__text_end;
	uint64_t ro_end = (uint64_t)__rodata_end;
	uint64_t img_end = (uint64_t)__image_end;
	uint64_t img_2m = ALIGN_DOWN(img, SZ_2M);
	uint64_t img_2m_end = ALIGN_UP(img_end, SZ_2M);
	uint64_t tf = PTE_P | PTE_W;

	CHECK(pml4);
	/* Everything but the image's 2 MiB blocks: data, never code. */
	pt_map_identity(pml4, 0, img_2m, PTE_P | PTE_W | PTE_NX, tf);
	CHECK(IS_ALIGNED(guard, PAGE_SIZE) && guard >= img_2m_end &&
	      guard + PAGE_SIZE <= map_top);
	pt_map_identity(pml4, img_2m_end, guard, PTE_P | PTE_W | PTE_NX, tf);
	pt_map_identity(pml4, guard + PAGE_SIZE, map_top, PTE_P | PTE_W | PTE_NX,
			tf);
	/* The blocks around the image, page by page. */
	for (uint64_t a = img_2m; a < img_2m_end; a += PAGE_SIZE) {
		uint64_t f = PTE_P | PTE_W | PTE_NX;

		if (a >= img && a < text_end)
			f = PTE_P;
		else if (a >= text_end && a < ro_end)
			f = PTE_P | PTE_NX;
		map_one(pml4, a, false, f, tf);
	}
	write_cr0(read_cr0() | (1ull << 16)); /* WP */
	write_cr3((uint64_t)pml4);
	log_info("paging: W^X map loaded (text %#lx-%#lx RX, rodata to %#lx R, stack guard %#lx)",
		 img, text_end, ro_end, guard);
}
