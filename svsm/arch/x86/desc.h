/* SPDX-License-Identifier: MIT */
#ifndef SVSM_ARCH_X86_DESC_H
#define SVSM_ARCH_X86_DESC_H

#include "core/types.h"

#define GDT_CODE64 0x08
#define GDT_DATA 0x10
#define GDT_TSS 0x18

/* Load the firmware's GDT, TSS (with IST stacks) and IDT. */
void desc_init(void);

/* Register frame pushed by isr.asm. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

__noreturn void exception_handler(struct trap_frame *f);

#endif /* SVSM_ARCH_X86_DESC_H */
