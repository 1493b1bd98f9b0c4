/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Discovery of the SVSM on the emulated platform.
 *
 * On SEV-SNP a guest finds the SVSM in the secrets page (svsm_base,
 * svsm_size, svsm_caa, svsm_max_version) and issues calls with VMGEXIT.
 * On the emulated platform (QEMU TCG with AMD SVM, the firmware is the
 * hypervisor) the same facts are published in CPUID hypervisor leaves and
 * the doorbell is VMMCALL.  Registers, calling area and result codes are
 * otherwise identical.
 *
 *   leaf 0x40000000: EAX = highest leaf (SVSM_EMU_CPUID_MAX),
 *                    EBX, ECX, EDX = "SVSMEmulated" (SVSM_EMU_SIG_*)
 *   leaf 0x40000001: EAX:EBX = GPA of the boot vCPU's initial calling area
 *                    (lo:hi); like svsm_caa in the secrets page it does
 *                    not change when the guest moves with REMAP_CA,
 *                    ECX = highest core protocol version, EDX = 0
 *   leaf 0x40000002: EAX:EBX = SVSM base GPA (lo:hi),
 *                    ECX:EDX = SVSM size in bytes (lo:hi)
 *
 * CPUID.1:ECX bit 31 (hypervisor present) is set for the guest.
 */
#ifndef SVSM_EMU_H
#define SVSM_EMU_H

#define SVSM_EMU_CPUID_BASE 0x40000000u
#define SVSM_EMU_CPUID_CAA 0x40000001u
#define SVSM_EMU_CPUID_REGION 0x40000002u
#define SVSM_EMU_CPUID_MAX SVSM_EMU_CPUID_REGION

/* "SVSMEmulated" as three little-endian register values. */
#define SVSM_EMU_SIG_EBX 0x4d535653u /* "SVSM" */
#define SVSM_EMU_SIG_ECX 0x6c756d45u /* "Emul" */
#define SVSM_EMU_SIG_EDX 0x64657461u /* "ated" */

#endif /* SVSM_EMU_H */
