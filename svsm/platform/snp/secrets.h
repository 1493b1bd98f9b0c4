/* SPDX-License-Identifier: MIT */
/*
 * The SEV-SNP secrets page (4 KiB, written by the AMD secure processor at
 * launch): parse it into a struct, check the SVSM fields a guest relies on,
 * build the guest's copy and wipe VMPCKs.  Layout: docs/snp-platform.md and
 * the shared protocol reference, section 1.4 (Linux `struct
 * snp_secrets_page`, COCONUT `SecretsPage`).
 *
 * Pure logic over a byte buffer: host unit-tested (tests/test_snp_secrets.c),
 * never run on SNP hardware.
 */
#ifndef SVSM_SNP_SECRETS_H
#define SVSM_SNP_SECRETS_H

#include "core/types.h"

#define SNP_SECRETS_SIZE 4096u
#define SNP_VMPCK_COUNT 4u
#define SNP_VMPCK_SIZE 32u

/* Byte offsets in the page. */
#define SNP_SECRETS_VERSION 0x000u
#define SNP_SECRETS_IMIEN 0x004u
#define SNP_SECRETS_FMS 0x008u
#define SNP_SECRETS_GOSVW 0x010u /* 16 bytes */
#define SNP_SECRETS_VMPCK0 0x020u /* VMPCKn at 0x20 + 32 n */
#define SNP_SECRETS_OS_SEQNO0 0x0a0u /* OS area: u32 msg_seqno_n at 0xa0 + 4 n */
#define SNP_SECRETS_OS_AP_JUMP 0x0b0u
#define SNP_SECRETS_SVSM_BASE 0x140u
#define SNP_SECRETS_SVSM_SIZE 0x148u
#define SNP_SECRETS_SVSM_CAA 0x150u
#define SNP_SECRETS_SVSM_MAX_VERSION 0x158u
#define SNP_SECRETS_SVSM_GUEST_VMPL 0x15cu
#define SNP_SECRETS_SVSM_RSVD 0x15du /* 3 bytes, zero */
#define SNP_SECRETS_TSC_FACTOR 0x160u

struct snp_secrets {
	uint32_t version;
	uint32_t imien;
	uint32_t fms;
	uint8_t gosvw[16];
	uint8_t vmpck[SNP_VMPCK_COUNT][SNP_VMPCK_SIZE];
	uint32_t os_msg_seqno[SNP_VMPCK_COUNT];
	uint64_t os_ap_jump_table_pa;
	uint64_t svsm_base;
	uint64_t svsm_size;
	uint64_t svsm_caa;
	uint32_t svsm_max_version;
	uint8_t svsm_guest_vmpl;
	uint32_t tsc_factor;
};

/* The SVSM fields the SVSM writes into the guest's copy of the page. */
struct snp_secrets_svsm {
	gpa_t base;
	uint64_t size;
	gpa_t caa;
	uint32_t max_version;
	uint8_t guest_vmpl;
};

enum snp_secrets_err {
	SNP_SECRETS_OK = 0,
	SNP_SECRETS_BAD_LEN, /* not exactly 4096 bytes */
	SNP_SECRETS_BAD_RSVD, /* 0x15d..0x15f not zero */
	SNP_SECRETS_NO_SVSM, /* svsm_size == 0 (Linux GHCB_TERM_NO_SVSM) */
	SNP_SECRETS_VMPL0, /* guest VMPL 0 (GHCB_TERM_SVSM_VMPL0) */
	SNP_SECRETS_BAD_VMPL, /* guest VMPL > 3 */
	SNP_SECRETS_BAD_CAA, /* CAA not page aligned (GHCB_TERM_SVSM_CAA) or in the SVSM */
	SNP_SECRETS_BAD_REGION, /* base/size unaligned or wrapping */
	SNP_SECRETS_BAD_VERSION, /* svsm_max_version 0 */
	SNP_SECRETS_BAD_INDEX, /* VMPCK index > 3 */
};

/* Parse a page (len must be SNP_SECRETS_SIZE).  Copies the VMPCKs. */
int snp_secrets_parse(const void *page, size_t len, struct snp_secrets *out);

/*
 * Check the SVSM fields as a guest would (Linux svsm_setup_ca and more):
 * present, guest VMPL 1..3, base/size page aligned without wrap, CAA page
 * aligned and outside the SVSM region, max version >= 1.
 */
int snp_secrets_check_svsm(const struct snp_secrets *s);

/*
 * Build the guest's copy of the secrets page from the secure processor's:
 * copy all 4 KiB, wipe VMPCK0 .. VMPCK(guest_vmpl - 1) (the keys of the
 * levels more privileged than the guest; COCONUT `copy_for_vmpl`) and write
 * the SVSM fields.  The result passes snp_secrets_check_svsm() or the call
 * fails and dst is wiped entirely.
 */
int snp_secrets_make_guest_copy(const void *src, void *dst, size_t len,
				const struct snp_secrets_svsm *svsm);

/* Wipe VMPCKn in a secrets page in place. */
int snp_secrets_wipe_vmpck(void *page, size_t len, unsigned int idx);

/* Zero a key so that the compiler cannot drop the stores. */
void snp_vmpck_wipe(uint8_t key[SNP_VMPCK_SIZE]);
bool snp_vmpck_is_zero(const uint8_t key[SNP_VMPCK_SIZE]);

#endif /* SVSM_SNP_SECRETS_H */
