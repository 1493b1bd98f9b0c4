/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The part of the kernel's TPM chip API that tpm-svsm uses but that is
 * declared only in the kernel's private drivers/char/tpm/tpm.h, which
 * kernel header packages do not ship.  The functions are
 * EXPORT_SYMBOL_GPL in every kernel this module supports; only their
 * declarations are missing.  Declare exactly what the driver calls, with
 * the prototypes of drivers/char/tpm/tpm.h (unchanged from 4.x to 6.1
 * and, as read upstream, to date).
 *
 * Built and tested on 6.1 only.  The newer branch follows upstream as
 * read in its sources and is compiled nowhere here.
 */
#ifndef TPM_SVSM_COMPAT_H
#define TPM_SVSM_COMPAT_H

#include <linux/tpm.h>
#include <linux/version.h>

struct device;

struct tpm_chip *tpmm_chip_alloc(struct device *pdev,
				 const struct tpm_class_ops *ops);
int tpm_chip_register(struct tpm_chip *chip);
void tpm_chip_unregister(struct tpm_chip *chip);
int tpm2_probe(struct tpm_chip *chip);

/*
 * struct tpm_class_ops.send gained a buffer-size argument and the core
 * gained TPM_CHIP_FLAG_SYNC (send returns the response length, no recv
 * or status polling) in the series that added upstream's tpm_svsm
 * driver, v6.16 [version from upstream's history, unverified here].
 * The version test is LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
 * spelled with <linux/version.h>'s major and patchlevel (5.17+), which
 * checkpatch accepts.
 * Before that a synchronous chip implements send + recv and reports
 * "complete" from status() at once (req_complete_mask == 0).
 */
#if KERNEL_VERSION(6, 16, 0) <= \
	KERNEL_VERSION(LINUX_VERSION_MAJOR, LINUX_VERSION_PATCHLEVEL, 0)
#define TPM_SVSM_COMPAT_SYNC 1
#else
#define TPM_SVSM_COMPAT_SYNC 0
#endif

#endif /* TPM_SVSM_COMPAT_H */
