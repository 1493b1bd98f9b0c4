/* SPDX-License-Identifier: MIT */
/*
 * The emulated platform's report signer: it plays the AMD secure processor
 * for platform->attest_report.  Keys come from fw_cfg (made on the host by
 * scripts/mkattest-keys.sh): opt/svsm/attest/vcek-key.der (PKCS#8 EC P-384),
 * ark.der, ask.der, vcek.der (X.509 DER).  The report is an SNP
 * ATTESTATION_REPORT (version 2, VMPL 0, VCEK) signed with ECDSA P-384 /
 * SHA-384; MEASUREMENT is the SHA-384 of the firmware ROM image.  See
 * docs/attestation.md for what this does and does not prove.
 */
#ifndef SVSM_EMU_ATTEST_EMU_H
#define SVSM_EMU_ATTEST_EMU_H

#include "core/fw_cfg.h"
#include <svsm/attest.h>

#define ATTEST_EMU_FW_CFG_DIR "opt/svsm/attest/"
#define ATTEST_EMU_POLICY 0x30000ull /* SMT allowed, bit 17 (reserved, 1) */
#define ATTEST_EMU_REPORT_VERSION 2
/* Largest key file read from fw_cfg. */
#define ATTEST_EMU_FILE_MAX 8192u

/*
 * Load and check the keys (key is EC P-384 and matches the VCEK
 * certificate; the ASK is signed by the ARK and the VCEK by the ASK; the
 * certificate table fits in SVSM_ATTEST_MAX_CERTS_SIZE), measure the image
 * [rom, rom + rom_len) and pick a random REPORT_ID.  Returns 0, or -1 with
 * the reason logged (the signer then stays off).  May be called again.
 */
int attest_emu_init(const struct fw_cfg_dev *fw, const void *rom,
		    size_t rom_len);
bool attest_emu_ready(void);
/* Forget the keys (tests). */
void attest_emu_reset(void);
/* The measurement taken by attest_emu_init (48 bytes). */
const uint8_t *attest_emu_measurement(void);

/*
 * Boot: attest_emu_init, log the measurement, put the vTPM (EK public area
 * ek[0..ek_len), NULL if there is no vTPM) in the manifest and register
 * protocol 1.  Without keys, protocol 1 stays off (logged).
 */
void attest_emu_setup(const struct fw_cfg_dev *fw, const void *rom,
		      size_t rom_len, const uint8_t *ek, size_t ek_len);

/* platform->attest_report (see core/platform.h). */
int attest_emu_report(const uint8_t report_data[64],
		      struct snp_attestation_report *out, uint8_t *certs,
		      size_t *certs_len);

#endif /* SVSM_EMU_ATTEST_EMU_H */
