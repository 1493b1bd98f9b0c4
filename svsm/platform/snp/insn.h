/* SPDX-License-Identifier: MIT */
/*
 * SEV-SNP instructions as inline functions, written as bytes so that any
 * assembler takes them (AMD APM vol. 3):
 *
 *   PVALIDATE  F2 0F 01 FF   RAX = VA, ECX = 0 (4 KiB) / 1 (2 MiB),
 *                            EDX = 1 validate / 0 rescind;
 *                            out: EAX = rc, CF = 1 if the RMP was not changed
 *   RMPADJUST  F3 0F 01 FE   RAX = VA, ECX = page size, RDX = attributes
 *                            (7:0 target VMPL, 15:8 permissions, 16 VMSA);
 *                            out: EAX = rc
 *   VMGEXIT    F3 0F 01 D9   (rep; vmmcall)
 *
 * NEVER EXECUTED: no SNP hardware here.  The host unit build compiles this
 * header (so it stays valid C) but no test calls these functions; the logic
 * around them (rmp.c) is tested with fakes.
 */
#ifndef SVSM_SNP_INSN_H
#define SVSM_SNP_INSN_H

#include "core/types.h"

struct snp_pvalidate_result {
	uint32_t rc; /* EAX */
	bool no_update; /* CF */
};

static inline struct snp_pvalidate_result snp_insn_pvalidate(uint64_t va,
							     bool huge,
							     bool validate)
{
	uint64_t rax = va;
	bool cf;

	__asm__ volatile(".byte 0xf2, 0x0f, 0x01, 0xff"
			 : "+a"(rax), "=@ccc"(cf)
			 : "c"((uint64_t)huge), "d"((uint64_t)validate)
			 : "memory");
	return (struct snp_pvalidate_result){ (uint32_t)rax, cf };
}

static inline uint32_t snp_insn_rmpadjust(uint64_t va, bool huge, uint64_t attrs)
{
	uint64_t rax = va;

	__asm__ volatile(".byte 0xf3, 0x0f, 0x01, 0xfe"
			 : "+a"(rax)
			 : "c"((uint64_t)huge), "d"(attrs)
			 : "memory", "cc");
	return (uint32_t)rax;
}

static inline void snp_insn_vmgexit(void)
{
	__asm__ volatile("rep; vmmcall" ::: "memory");
}

#endif /* SVSM_SNP_INSN_H */
