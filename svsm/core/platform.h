/* SPDX-License-Identifier: MIT */
/*
 * The platform interface: everything the core needs from below.
 *
 * Implementations: platform/emu (QEMU TCG + AMD SVM, the firmware is the
 * hypervisor), platform/snp (SEV-SNP, VMPL0; never run on hardware here) and
 * platform/fake (host unit tests).  Core code calls only through `platform`.
 */
#ifndef SVSM_CORE_PLATFORM_H
#define SVSM_CORE_PLATFORM_H

#include "types.h"

struct snp_attestation_report;

struct platform_ops {
	const char *name;
	/* Write bytes to the firmware console(s). */
	void (*console_write)(const char *s, size_t len);
	/*
	 * Map [gpa, gpa + len) of guest memory for the SVSM and return a pointer,
	 * or NULL if the platform cannot.  Called only by guest_mem.c after the
	 * range was checked against the guest memory map.
	 */
	void *(*map_guest)(gpa_t gpa, size_t len);
	/*
	 * Set the validated state of the 4 KiB page (huge = false) or the 2 MiB
	 * block (huge = true) at gpa, like the PVALIDATE instruction, and return
	 * its rc: PVALIDATE_RC_*.  The caller has checked that the range is
	 * guest RAM, aligned and not SVSM memory; it zeroes newly validated
	 * pages itself.  NULL: the platform does not track validation (PVALIDATE
	 * then answers UNSUPPORTED_CALL).
	 */
	uint32_t (*pvalidate)(gpa_t gpa, bool huge, bool validate);
	/* Is apic_id one of the machine's (possible) vCPUs?  NULL: none. */
	bool (*apic_id_known)(uint32_t apic_id);
	/*
	 * Get an ATTESTATION_REPORT for report_data, requested at VMPL0 with
	 * the default signing key, into *out.  certs NULL: no certificates.
	 * Otherwise *certs_len is certs' capacity on entry and, on return, the
	 * size of the SNP extended-report certificate table written there (0:
	 * the platform has none).  Returns 0, PLATFORM_ATTEST_CERTS_TOO_SMALL
	 * with the size needed in *certs_len (nothing else promised), or
	 * PLATFORM_ATTEST_FAILED.  Emulated: a software signer; SNP: an
	 * (extended) MSG_REPORT_REQ guest request to the PSP.  NULL: no
	 * attestation (protocol 1 is not offered).
	 */
	int (*attest_report)(const uint8_t report_data[64],
			     struct snp_attestation_report *out, uint8_t *certs,
			     size_t *certs_len);
	/* Stop the machine; code is a small exit status for the test harness. */
	__noreturn void (*halt)(int code);
};

/* PVALIDATE instruction return codes (AMD APM vol. 3, PVALIDATE). */
#define PVALIDATE_RC_OK 0u
#define PVALIDATE_RC_FAIL_INPUT 1u
#define PVALIDATE_RC_FAIL_SIZEMISMATCH 6u
#define PVALIDATE_RC_UNCHANGED 0x10u /* CF = 1: no RMP change */

#define PLATFORM_ATTEST_FAILED (-1)
#define PLATFORM_ATTEST_CERTS_TOO_SMALL (-2)

extern const struct platform_ops *platform;

#endif /* SVSM_CORE_PLATFORM_H */
