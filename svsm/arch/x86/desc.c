// SPDX-License-Identifier: MIT
/*
 * GDT, TSS and IDT of the firmware.  All exceptions run on IST stacks: the
 * firmware hosts code built for user space (it assumes a 128-byte red zone),
 * and a fault must never land on a possibly corrupt stack.  #DF and #MC get
 * a stack of their own.
 */
#include "arch/x86/desc.h"
#include "core/log.h"
#include "core/page_alloc.h"

#define IST_STACK_PAGES 4

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;

struct idt_entry {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __packed;

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

static uint64_t gdt[6] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));
static struct idt_entry idt[32] __attribute__((aligned(16)));

extern const uint64_t isr_table[32];

static void *alloc_stack_top(void)
{
	uint8_t *p = page_alloc(IST_STACK_PAGES, 1);

	CHECK(p);
	return p + IST_STACK_PAGES * PAGE_SIZE;
}

void desc_init(void)
{
	uint64_t tss_base = (uint64_t)&tss;
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (uint64_t)gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)idt };

	gdt[0] = 0;
	gdt[GDT_CODE64 / 8] = 0x00209a0000000000ull;
	gdt[GDT_DATA / 8] = 0x0000920000000000ull;
	gdt[GDT_TSS / 8] = (sizeof(tss) - 1) | ((tss_base & 0xffffff) << 16) |
			   (0x89ull << 40) | (((tss_base >> 24) & 0xff) << 56);
	gdt[GDT_TSS / 8 + 1] = tss_base >> 32;

	tss.iomap_base = sizeof(tss);
	tss.ist[0] = (uint64_t)alloc_stack_top(); /* IST1: most exceptions */
	tss.ist[1] = (uint64_t)alloc_stack_top(); /* IST2: #DF, #NMI, #MC */

	for (unsigned int v = 0; v < ARRAY_SIZE(idt); v++) {
		uint64_t h = isr_table[v];
		bool own = v == 2 || v == 8 || v == 18;

		idt[v] = (struct idt_entry){
			.offset_lo = (uint16_t)h,
			.selector = GDT_CODE64,
			.ist = own ? 2 : 1,
			.type_attr = 0x8e, /* present, DPL0, interrupt gate */
			.offset_mid = (uint16_t)(h >> 16),
			.offset_hi = (uint32_t)(h >> 32),
		};
	}

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "ltr %w3\n\t"
			 "lidt %4"
			 :
			 : "m"(gdtr), "i"(GDT_CODE64), "i"(GDT_DATA),
			   "r"((uint16_t)GDT_TSS), "m"(idtr)
			 : "rax", "memory");
}
