// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transport of the emulated platform (QEMU TCG with AMD SVM, the SVSM
 * firmware is the hypervisor): discovery through the CPUID hypervisor
 * leaves of include/svsm/emu.h, doorbell VMMCALL.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/align.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

#include <svsm/core.h>
#include <svsm/emu.h>

#include "svsm-bus.h"

static int svsm_emu_probe(struct svsm_platform *plat)
{
	u32 eax, ebx, ecx, edx;

	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return -ENODEV;
	cpuid(SVSM_EMU_CPUID_BASE, &eax, &ebx, &ecx, &edx);
	if (eax < SVSM_EMU_CPUID_MAX || ebx != SVSM_EMU_SIG_EBX ||
	    ecx != SVSM_EMU_SIG_ECX || edx != SVSM_EMU_SIG_EDX)
		return -ENODEV;

	cpuid(SVSM_EMU_CPUID_CAA, &eax, &ebx, &ecx, &edx);
	plat->initial_caa = ((u64)ebx << 32) | eax;
	plat->max_core_version = ecx;
	cpuid(SVSM_EMU_CPUID_REGION, &eax, &ebx, &ecx, &edx);
	plat->svsm_base = ((u64)ebx << 32) | eax;
	plat->svsm_size = ((u64)edx << 32) | ecx;
	plat->owns_caa = true;

	if (!plat->initial_caa ||
	    !IS_ALIGNED(plat->initial_caa, SVSM_CAA_SIZE)) {
		pr_err("emulated platform: bad initial calling area 0x%llx\n",
		       plat->initial_caa);
		return -EINVAL;
	}
	return 0;
}

/* Called with interrupts disabled and call_pending set. */
static int svsm_emu_doorbell(struct svsm_regs *regs)
{
	register u64 r8 asm("r8") = regs->r8;
	register u64 r9 asm("r9") = regs->r9;
	u64 rax = regs->rax;
	u64 rcx = regs->rcx;
	u64 rdx = regs->rdx;

	asm volatile("vmmcall"
		     : "+a" (rax), "+c" (rcx), "+d" (rdx), "+r" (r8), "+r" (r9)
		     :
		     : "memory");
	regs->rax = rax;
	regs->rcx = rcx;
	regs->rdx = rdx;
	regs->r8 = r8;
	regs->r9 = r9;
	return 0;
}

const struct svsm_transport svsm_emu_transport = {
	.name = "emulated",
	.probe = svsm_emu_probe,
	.doorbell = svsm_emu_doorbell,
};
