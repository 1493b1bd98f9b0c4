/* SPDX-License-Identifier: MIT */
/*
 * Page validation on SEV-SNP at VMPL0, as the platform's pvalidate op:
 * PVALIDATE plus the RMPADJUST calls that take the guest's VMPL access away
 * before a rescind and give it back after a validate (COCONUT
 * core_pvalidate_one: revoke, PVALIDATE, zero, grant).
 *
 * The sequence is pure logic over `struct snp_rmp_ops`: the hardware
 * version (snp_platform.c) runs the instructions of insn.h, the unit tests
 * (tests/test_snp_rmp.c) a fake that records the calls.
 * NEVER RUN ON SNP HARDWARE.
 */
#ifndef SVSM_SNP_RMP_H
#define SVSM_SNP_RMP_H

#include "core/types.h"
#include "platform/snp/insn.h"

/* Instruction return codes (EAX). */
#define SNP_RMP_SUCCESS 0u
#define SNP_RMP_FAIL_INPUT 1u
#define SNP_RMP_FAIL_PERMISSION 2u
#define SNP_RMP_FAIL_SIZEMISMATCH 6u

/* RMPADJUST attributes (RDX). */
#define SNP_RMP_PERM_READ 0x1u
#define SNP_RMP_PERM_WRITE 0x2u
#define SNP_RMP_PERM_EXEC_USER 0x4u
#define SNP_RMP_PERM_EXEC_SUPER 0x8u
#define SNP_RMP_PERM_RWX 0xfu
#define SNP_RMP_VMSA (1ull << 16)

static inline uint64_t snp_rmpadjust_attrs(uint8_t vmpl, uint8_t perms,
					   bool vmsa)
{
	return (uint64_t)vmpl | ((uint64_t)perms << 8) | (vmsa ? SNP_RMP_VMSA : 0);
}

/*
 * PVALIDATE's EAX and CF as the platform op's PVALIDATE_RC_*: 0 with CF
 * clear is OK, 0 with CF set UNCHANGED, 1 FAIL_INPUT, 6 FAIL_SIZEMISMATCH;
 * any other value (none is defined for PVALIDATE) FAIL_INPUT.
 */
uint32_t snp_pvalidate_rc(struct snp_pvalidate_result r);
/* RMPADJUST's EAX as PVALIDATE_RC_* (0 OK, 6 SIZEMISMATCH, else FAIL_INPUT). */
uint32_t snp_rmpadjust_rc(uint32_t eax);

struct snp_rmp_ops {
	/* An SVSM mapping of the 4 KiB page / 2 MiB block at gpa, or NULL. */
	void *(*map)(gpa_t gpa, bool huge);
	void (*unmap)(void *va, bool huge);
	struct snp_pvalidate_result (*pvalidate)(void *va, bool huge,
						 bool validate);
	uint32_t (*rmpadjust)(void *va, bool huge, uint64_t attrs);
};

/*
 * Set the validated state of the page or block at gpa for a guest running
 * at guest_vmpl (1..3), returning PVALIDATE_RC_*:
 *   rescind:  RMPADJUST perms 0 for VMPLs guest_vmpl..3, then PVALIDATE.
 *   validate: PVALIDATE, then (only if the RMP changed) zero the memory and
 *             RMPADJUST RWX for guest_vmpl; if that fails, PVALIDATE the
 *             memory back to invalid and answer FAIL_INPUT.
 * UNCHANGED comes back as is, with no zeroing and no RMPADJUST.
 */
uint32_t snp_rmp_set_validated(const struct snp_rmp_ops *ops, uint8_t guest_vmpl,
			       gpa_t gpa, bool huge, bool validate);

#endif /* SVSM_SNP_RMP_H */
