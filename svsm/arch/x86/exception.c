// SPDX-License-Identifier: MIT
/*
 * Fatal firmware exceptions: print the registers and a frame-pointer
 * backtrace, then stop the machine.  Nothing here allocates.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/desc.h"
#include "core/log.h"
#include "core/platform.h"

extern char __image_start[], __image_end[];
extern uint64_t svsm_region_base, svsm_region_size;

static const char *const exception_names[32] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "#MF?", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "#22", "#23",
	"#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

static bool in_image(uint64_t addr)
{
	return addr >= (uint64_t)__image_start && addr < (uint64_t)__image_end;
}

static bool in_region(uint64_t addr)
{
	return addr >= svsm_region_base &&
	       addr - svsm_region_base < svsm_region_size;
}

__noreturn void exception_handler(struct trap_frame *f)
{
	uint64_t base = (uint64_t)__image_start;
	uint64_t *fp = (uint64_t *)f->rbp;

	log_printf("\nsvsm: EXCEPTION %s (vector %lu) error %#lx\n",
		   exception_names[f->vector & 31], f->vector, f->error);
	log_printf("  rip %016lx (image+%#lx) cs %lx rflags %016lx\n", f->rip,
		   f->rip - base, f->cs, f->rflags);
	log_printf("  rsp %016lx ss %lx cr2 %016lx cr3 %016lx\n", f->rsp, f->ss,
		   read_cr2(), read_cr3());
	log_printf("  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", f->rax,
		   f->rbx, f->rcx, f->rdx);
	log_printf("  rsi %016lx rdi %016lx rbp %016lx r8  %016lx\n", f->rsi,
		   f->rdi, f->rbp, f->r8);
	log_printf("  r9  %016lx r10 %016lx r11 %016lx r12 %016lx\n", f->r9,
		   f->r10, f->r11, f->r12);
	log_printf("  r13 %016lx r14 %016lx r15 %016lx\n", f->r13, f->r14,
		   f->r15);
	log_printf("  backtrace (image offsets, resolve with addr2line -e svsm.elf):\n");
	for (int depth = 0; depth < 16 && fp && in_region((uint64_t)fp) &&
			    ((uint64_t)fp & 7) == 0;
	     depth++) {
		uint64_t ret = fp[1];

		if (!in_image(ret))
			break;
		log_printf("    %#lx\n", ret - base);
		fp = (uint64_t *)fp[0];
	}
	platform->halt(3);
}
