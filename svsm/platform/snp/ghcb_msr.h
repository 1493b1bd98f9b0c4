/* SPDX-License-Identifier: MIT */
/*
 * GHCB MSR protocol (GHCB spec #56421, section 2.3.1; Linux
 * arch/x86/include/asm/sev-common.h): values written to and read from the
 * GHCB MSR 0xC001_0130 around a VMGEXIT, without a GHCB page.
 * GHCBData[11:0] is the request/response code, the rest its data.
 *
 * Pure encoders and decoders, host unit-tested (tests/test_snp_ghcb_msr.c);
 * never run on SNP hardware.
 */
#ifndef SVSM_SNP_GHCB_MSR_H
#define SVSM_SNP_GHCB_MSR_H

#include "core/types.h"

#define MSR_GHCB 0xc0010130u
#define MSR_SEV_STATUS 0xc0010131u

#define GHCB_MSR_INFO_MASK 0xfffull
#define GHCB_MSR_REG_GPA_REQ 0x012ull
#define GHCB_MSR_REG_GPA_RESP 0x013ull
#define GHCB_MSR_PSC_REQ 0x014ull
#define GHCB_MSR_PSC_RESP 0x015ull
#define GHCB_MSR_VMPL_REQ 0x016ull
#define GHCB_MSR_VMPL_RESP 0x017ull
#define GHCB_MSR_TERM_REQ 0x100ull

/* Page-state-change operations (GHCBData[55:52]). */
#define GHCB_PSC_OP_PRIVATE 1u
#define GHCB_PSC_OP_SHARED 2u
#define GHCB_PSC_GFN_BITS 40 /* GHCBData[51:12] */

/* Termination reason set 0 (general) codes. */
#define GHCB_TERM_SET_GENERAL 0u
#define GHCB_TERM_GENERAL_REQUEST 0u
#define GHCB_TERM_PROTOCOL_UNSUPPORTED 1u
#define GHCB_TERM_SNP_UNSUPPORTED 2u

static inline uint16_t ghcb_msr_code(uint64_t v)
{
	return (uint16_t)(v & GHCB_MSR_INFO_MASK);
}

/*
 * VMPL switch request: GHCBData[39:32] = target VMPL.  (The Linux macro
 * before its 2025 fix shifted GENMASK(7,0) instead of the level, so every
 * level came out as 0; only correct for VMPL0.)
 */
uint64_t ghcb_msr_vmpl_req(uint8_t vmpl);
/* True iff v is a VMPL response (0x017) with GHCBData[63:32] == 0. */
bool ghcb_msr_vmpl_resp_ok(uint64_t v);

/* GHCB GPA registration: GFN in GHCBData[63:12].  gpa must be page aligned. */
bool ghcb_msr_reg_gpa_req(gpa_t ghcb, uint64_t *out);
/* True iff v is a registration response (0x013) for exactly that GHCB. */
bool ghcb_msr_reg_gpa_resp_ok(uint64_t v, gpa_t ghcb);

/*
 * Page state change of one 4 KiB page: GFN in GHCBData[51:12], operation
 * in [55:52].  False for an unaligned gpa, a GFN over 40 bits or an
 * unknown operation.
 */
bool ghcb_msr_psc_req(gpa_t page, unsigned int op, uint64_t *out);
/* True iff v is a PSC response (0x015) with error GHCBData[63:32] == 0. */
bool ghcb_msr_psc_resp_ok(uint64_t v);
static inline uint32_t ghcb_msr_psc_resp_error(uint64_t v)
{
	return (uint32_t)(v >> 32);
}

/* Termination request: reason set in GHCBData[15:12], code in [23:16]. */
uint64_t ghcb_msr_term_req(uint8_t reason_set, uint8_t reason_code);

#endif /* SVSM_SNP_GHCB_MSR_H */
