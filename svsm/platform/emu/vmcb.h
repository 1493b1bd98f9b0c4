/* SPDX-License-Identifier: MIT */
/*
 * The VMCB (AMD APM vol. 2, appendix B): control area at 0x000, state save
 * area at 0x400.  Only the fields the emulated platform uses are named.
 */
#ifndef SVSM_PLATFORM_EMU_VMCB_H
#define SVSM_PLATFORM_EMU_VMCB_H

#include "core/types.h"

struct vmcb_seg {
	uint16_t selector;
	uint16_t attrib;
	uint32_t limit;
	uint64_t base;
} __packed;

struct vmcb_control {
	uint32_t intercept_cr;
	uint32_t intercept_dr;
	uint32_t intercept_exceptions;
	uint32_t intercept_misc1; /* offset 0x0c */
	uint32_t intercept_misc2; /* offset 0x10 */
	uint32_t intercept_misc3;
	uint8_t reserved1[0x3c - 0x18];
	uint16_t pause_filter_thresh;
	uint16_t pause_filter_count;
	uint64_t iopm_base_pa; /* 0x40 */
	uint64_t msrpm_base_pa;
	uint64_t tsc_offset;
	uint32_t asid; /* 0x58 */
	uint8_t tlb_control;
	uint8_t reserved2[3];
	uint32_t int_ctl; /* 0x60 */
	uint32_t int_vector;
	uint32_t int_state; /* 0x68 */
	uint32_t reserved3;
	uint64_t exit_code; /* 0x70 */
	uint64_t exit_info1;
	uint64_t exit_info2;
	uint32_t exit_int_info; /* 0x88 */
	uint32_t exit_int_info_err;
	uint64_t nested_ctl; /* 0x90 */
	uint64_t avic_vapic_bar;
	uint64_t ghcb_gpa;
	uint32_t event_inj; /* 0xa8 */
	uint32_t event_inj_err;
	uint64_t nested_cr3; /* 0xb0 */
	uint64_t virt_ext;
	uint32_t clean; /* 0xc0 */
	uint32_t reserved5;
	uint64_t next_rip; /* 0xc8: never written by QEMU 7.2 TCG */
	uint8_t insn_len;
	uint8_t insn_bytes[15];
	uint8_t reserved6[0x400 - 0xe0];
} __packed;

struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr; /* 0x400 */
	uint8_t reserved1[42];
	uint8_t vmpl;
	uint8_t cpl; /* 0x4cb */
	uint8_t reserved2[4];
	uint64_t efer; /* 0x4d0 */
	uint8_t reserved3[112];
	uint64_t cr4; /* 0x548 */
	uint64_t cr3;
	uint64_t cr0;
	uint64_t dr7;
	uint64_t dr6;
	uint64_t rflags;
	uint64_t rip; /* 0x578 */
	uint8_t reserved4[88];
	uint64_t rsp; /* 0x5d8 */
	uint64_t s_cet, ssp, isst_addr;
	uint64_t rax; /* 0x5f8 */
	uint64_t star, lstar, cstar, sfmask, kernel_gs_base;
	uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
	uint64_t cr2; /* 0x640 */
	uint8_t reserved5[32];
	uint64_t g_pat; /* 0x668 */
	uint64_t dbgctl;
} __packed;

struct vmcb {
	struct vmcb_control control;
	struct vmcb_save save;
	uint8_t reserved[4096 - 0x400 - sizeof(struct vmcb_save)];
} __packed;

_Static_assert(sizeof(struct vmcb_control) == 0x400, "VMCB control area");
_Static_assert(__builtin_offsetof(struct vmcb_control, exit_code) == 0x70, "");
_Static_assert(__builtin_offsetof(struct vmcb_control, nested_cr3) == 0xb0, "");
_Static_assert(__builtin_offsetof(struct vmcb_save, cpl) == 0xcb, "");
_Static_assert(__builtin_offsetof(struct vmcb_save, efer) == 0xd0, "");
_Static_assert(__builtin_offsetof(struct vmcb_save, rip) == 0x178, "");
_Static_assert(__builtin_offsetof(struct vmcb_save, rax) == 0x1f8, "");
_Static_assert(__builtin_offsetof(struct vmcb_save, g_pat) == 0x268, "");
_Static_assert(sizeof(struct vmcb) == 4096, "VMCB is one page");

/* intercept_misc1 (0x0c) */
#define INTERCEPT_CPUID (1u << 18)
#define INTERCEPT_INVLPGA (1u << 26)
#define INTERCEPT_IOIO (1u << 27)
#define INTERCEPT_MSR (1u << 28)
#define INTERCEPT_SHUTDOWN (1u << 31)
/* intercept_misc2 (0x10) */
#define INTERCEPT_VMRUN (1u << 0)
#define INTERCEPT_VMMCALL (1u << 1)
#define INTERCEPT_VMLOAD (1u << 2)
#define INTERCEPT_VMSAVE (1u << 3)
#define INTERCEPT_STGI (1u << 4)
#define INTERCEPT_CLGI (1u << 5)
#define INTERCEPT_SKINIT (1u << 6)

#define SVM_EXIT_EXCP_BASE 0x40
#define SVM_EXIT_INTR 0x60
#define SVM_EXIT_CPUID 0x72
#define SVM_EXIT_INVLPGA 0x7a
#define SVM_EXIT_IOIO 0x7b
#define SVM_EXIT_MSR 0x7c
#define SVM_EXIT_SHUTDOWN 0x7f
#define SVM_EXIT_VMRUN 0x80
#define SVM_EXIT_VMMCALL 0x81
#define SVM_EXIT_VMLOAD 0x82
#define SVM_EXIT_VMSAVE 0x83
#define SVM_EXIT_STGI 0x84
#define SVM_EXIT_CLGI 0x85
#define SVM_EXIT_SKINIT 0x86
#define SVM_EXIT_NPF 0x400
#define SVM_EXIT_INVALID 0xffffffffu /* low 32 bits; QEMU zero-extends */

#define EVENT_VALID (1u << 31)
#define EVENT_ERR_VALID (1u << 11)
#define EVENT_TYPE_EXCEPTION (3u << 8)

#define IOIO_TYPE_IN (1u << 0)
#define IOIO_STR (1u << 2)
#define IOIO_REP (1u << 3)
#define IOIO_SZ8 (1u << 4)
#define IOIO_SZ16 (1u << 5)
#define IOIO_SZ32 (1u << 6)
#define IOIO_A16 (1u << 7)

#endif /* SVSM_PLATFORM_EMU_VMCB_H */
