/* SPDX-License-Identifier: MIT */
/*
 * The SEV-SNP platform (the SVSM at VMPL0 of an SNP guest, the guest OS at
 * VMPL2).  NOT BOOTABLE AND NEVER RUN ON SNP HARDWARE: the pure parts
 * (secrets.c, ghcb_msr.c, guest_request.c, rmp.c) are host unit-tested;
 * what needs the hardware is stubbed in snp_platform.c and says so.  The
 * firmware build does not link this directory yet (no `platform` pointer is
 * defined here); see docs/snp-platform.md for what is missing.
 */
#ifndef SVSM_SNP_H
#define SVSM_SNP_H

#include "core/platform.h"

#define SNP_GUEST_VMPL 2u /* as COCONUT: VMPL1 left free */

extern const struct platform_ops snp_platform_ops;

#endif /* SVSM_SNP_H */
