/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Attestation protocol (protocol 1), the services manifest and the SEV-SNP
 * ATTESTATION_REPORT layout.
 *
 * Sources: the SVSM spec (#58019) tables 10-13 as quoted by Linux
 * (arch/x86/include/asm/sev.h), COCONUT-SVSM (kernel/src/protocols/attest.rs)
 * and go-sev-guest; the report layout from the SEV-SNP ABI (#56860) via
 * virtee/sev and COCONUT.  All integers little-endian.
 */
#ifndef SVSM_ATTEST_H
#define SVSM_ATTEST_H

#include "types.h"

#define SVSM_ATTEST_SERVICES 0
#define SVSM_ATTEST_SINGLE_SERVICE 1

#define SVSM_ATTEST_VERSION_MIN 1
#define SVSM_ATTEST_VERSION_MAX 1

#define SVSM_ATTEST_NONCE_SIZE 64
/* Largest certificate buffer the SVSM accepts (Linux SEV_FW_BLOB_MAX_SIZE). */
#define SVSM_ATTEST_MAX_CERTS_SIZE 0x4000

/* A guest buffer: GPA and size (spec: "location entry"). */
struct svsm_attest_loc {
	__u64 gpa;
	__u32 size;
	__u32 reserved; /* must be zero */
};

/* ATTEST_SERVICES operation (0x40 bytes), RCX = its GPA. */
struct svsm_attest_services_op {
	struct svsm_attest_loc report; /* page aligned */
	struct svsm_attest_loc nonce; /* size exactly 64, within one page */
	struct svsm_attest_loc manifest; /* page aligned */
	struct svsm_attest_loc certs; /* page aligned if size != 0 */
};

/* ATTEST_SINGLE_SERVICE operation (0x58 bytes). */
struct svsm_attest_single_op {
	struct svsm_attest_services_op base;
	__u8 service_guid[16]; /* EFI (little-endian) byte order */
	__u32 manifest_version; /* only 0 is defined */
	__u32 reserved; /* must be zero */
};

/*
 * Results: RCX = manifest size, RDX = certificate data size (0 when none was
 * requested), R8 = report size.  When a buffer is too small the call answers
 * SVSM_ERR_INVALID_PARAMETER with these registers holding the sizes needed.
 */

/* Services manifest: a GUID table (spec table 12). */
struct svsm_manifest_header {
	__u8 guid[16]; /* SVSM_MANIFEST_HEADER_GUID */
	__u32 size; /* whole table: header, entries and data */
	__u32 count; /* number of services */
};

struct svsm_manifest_entry {
	__u8 guid[16];
	__u32 offset; /* from the start of the table */
	__u32 size;
};

/* 63849ebb-3d92-4670-a1ff-58f9c94b87bb, EFI byte order. */
#define SVSM_MANIFEST_HEADER_GUID                                            \
	{ 0xbb, 0x9e, 0x84, 0x63, 0x92, 0x3d, 0x70, 0x46,                    \
	  0xa1, 0xff, 0x58, 0xf9, 0xc9, 0x4b, 0x87, 0xbb }
/* vTPM service c476f1eb-0123-45a5-9641-b4e7dde5bfe3, EFI byte order. */
#define SVSM_VTPM_SERVICE_GUID                                               \
	{ 0xeb, 0xf1, 0x76, 0xc4, 0x23, 0x01, 0xa5, 0x45,                    \
	  0x96, 0x41, 0xb4, 0xe7, 0xdd, 0xe5, 0xbf, 0xe3 }

/*
 * REPORT_DATA = SHA-512(nonce[64] || manifest), where manifest is exactly
 * the bytes returned in the manifest buffer (for ATTEST_SINGLE_SERVICE: the
 * service's own data, e.g. the vTPM EK's marshalled TPMT_PUBLIC).
 */

/* SEV-SNP ATTESTATION_REPORT (0x4A0 bytes). */
#define SNP_REPORT_SIZE 0x4a0
#define SNP_REPORT_SIGNED_SIZE 0x2a0 /* the signature covers 0x000-0x29f */
#define SNP_SIG_ALGO_ECDSA_P384_SHA384 1

struct snp_attestation_report {
	__u32 version; /* 0x000: 2, 3 or 5 */
	__u32 guest_svn;
	__u64 policy;
	__u8 family_id[16]; /* 0x010 */
	__u8 image_id[16]; /* 0x020 */
	__u32 vmpl; /* 0x030 */
	__u32 signature_algo; /* 0x034 */
	__u64 current_tcb; /* 0x038 */
	__u64 platform_info; /* 0x040 */
	__u32 flags; /* 0x048: bits 4:2 signing key (0 VCEK) */
	__u32 reserved0;
	__u8 report_data[64]; /* 0x050 */
	__u8 measurement[48]; /* 0x090 */
	__u8 host_data[32]; /* 0x0c0 */
	__u8 id_key_digest[48]; /* 0x0e0 */
	__u8 author_key_digest[48]; /* 0x110 */
	__u8 report_id[32]; /* 0x140 */
	__u8 report_id_ma[32]; /* 0x160 */
	__u64 reported_tcb; /* 0x180 */
	__u8 cpuid_fam_id, cpuid_mod_id, cpuid_step; /* 0x188 */
	__u8 reserved1[21];
	__u8 chip_id[64]; /* 0x1a0 */
	__u64 committed_tcb; /* 0x1e0 */
	__u8 current_build, current_minor, current_major, reserved2;
	__u8 committed_build, committed_minor, committed_major, reserved3;
	__u64 launch_tcb; /* 0x1f0 */
	__u8 reserved4[168]; /* 0x1f8 */
	/* 0x2a0: ECDSA signature, R and S little-endian, zero-padded to 72 */
	__u8 sig_r[72];
	__u8 sig_s[72];
	__u8 sig_reserved[368];
} __attribute__((packed));

/* SNP extended-report certificate table: entries end with an all-zero one. */
struct snp_cert_entry {
	__u8 guid[16];
	__u32 offset; /* from the start of the certificate buffer */
	__u32 length;
};

/* GUIDs as the table stores them (RFC 4122 byte order, per go-sev-guest). */
#define SNP_CERT_GUID_ARK "c0b406a4-a803-4952-9743-3fb6014cd0ae"
#define SNP_CERT_GUID_ASK "4ab7b379-bbac-4fe4-a02f-05aef327c782"
#define SNP_CERT_GUID_VCEK "63da758d-e664-4564-adc5-f4b93be8accd"

#endif /* SVSM_ATTEST_H */
