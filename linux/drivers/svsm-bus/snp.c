// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transport of AMD SEV-SNP guests running under an SVSM at VMPL0.
 *
 * NEVER RUN ON HARDWARE: no SNP machine is available to this project.
 * The code follows the GHCB specification and Linux's own SVSM support as
 * described in the project's protocol notes (section 1.5), and is off
 * unless the module is loaded with snp_transport=1.
 *
 * Only kernels with SVSM support can run under an SVSM at all (6.1 has
 * none: its early boot would fail at VMPL > 0).  Such a kernel owns the
 * calling areas: it moved every CPU onto a page of its own and answers
 * reads of MSR_SVSM_CAA (0xc001f000, intercepted by its #VC handler) with
 * the current CPU's calling-area physical address.  The bus uses those
 * areas as they are and never remaps them; the kernel's own SVSM calls
 * also run with interrupts off, so the two never overlap on one CPU.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/cc_platform.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <asm/cpufeature.h>
#include <asm/msr-index.h>

#include "compat.h"
#include "svsm-bus.h"

static bool snp_transport;
module_param(snp_transport, bool, 0444);
MODULE_PARM_DESC(snp_transport,
		 "Use the SEV-SNP transport (untested: written without SNP hardware)");

#define SVSM_MSR_CAA 0xc001f000u

/* GHCB MSR protocol: request to run a VMPL, and its response. */
#define SVSM_GHCB_MSR_VMPL_REQ 0x016ull
#define SVSM_GHCB_MSR_VMPL_RESP 0x017ull
#define SVSM_GHCB_MSR_INFO_MASK GENMASK_ULL(11, 0)
#define SVSM_GHCB_MSR_VMPL_REQ_LEVEL(vmpl) \
	((((u64)(vmpl) & 0xffull) << 32) | SVSM_GHCB_MSR_VMPL_REQ)

static int svsm_snp_probe(struct svsm_platform *plat)
{
	if (!cc_platform_has(CC_ATTR_GUEST_SEV_SNP))
		return -ENODEV;
#ifdef X86_FEATURE_SVSM
	if (!boot_cpu_has(X86_FEATURE_SVSM)) {
		pr_info("SEV-SNP guest without an SVSM\n");
		return -ENODEV;
	}
	if (!snp_transport) {
		pr_info("SEV-SNP guest with an SVSM: the SNP transport is untested, load with snp_transport=1 to use it\n");
		return -ENODEV;
	}
	plat->owns_caa = false;
	return 0;
#else
	pr_info("SEV-SNP guest, but this kernel has no SVSM support\n");
	return -ENODEV;
#endif
}

/* The calling area the kernel gave the current CPU (#VC answers the read). */
static u64 svsm_snp_caa_pa(void)
{
	u64 pa;

	svsm_compat_rdmsrl(SVSM_MSR_CAA, pa);
	return pa;
}

/*
 * Ask the hypervisor to run VMPL0 (the SVSM) on this vCPU with the GHCB
 * MSR protocol: save the GHCB MSR, write the VMPL0 request, VMGEXIT
 * ("rep; vmmcall"), check for the VMPL response with GHCBData[63:32] zero,
 * restore the MSR.  Called with interrupts disabled and call_pending set.
 */
static int svsm_snp_doorbell(struct svsm_regs *regs)
{
	register u64 r8 asm("r8") = regs->r8;
	register u64 r9 asm("r9") = regs->r9;
	u64 rax = regs->rax;
	u64 rcx = regs->rcx;
	u64 rdx = regs->rdx;
	u64 saved, resp;

	saved = svsm_compat_rdmsr(MSR_AMD64_SEV_ES_GHCB);
	svsm_compat_wrmsr(MSR_AMD64_SEV_ES_GHCB, SVSM_GHCB_MSR_VMPL_REQ_LEVEL(0));
	asm volatile("rep; vmmcall"
		     : "+a" (rax), "+c" (rcx), "+d" (rdx), "+r" (r8), "+r" (r9)
		     :
		     : "memory");
	resp = svsm_compat_rdmsr(MSR_AMD64_SEV_ES_GHCB);
	svsm_compat_wrmsr(MSR_AMD64_SEV_ES_GHCB, saved);

	regs->rax = rax;
	regs->rcx = rcx;
	regs->rdx = rdx;
	regs->r8 = r8;
	regs->r9 = r9;
	if ((resp & SVSM_GHCB_MSR_INFO_MASK) != SVSM_GHCB_MSR_VMPL_RESP ||
	    (resp >> 32))
		return -EIO;
	return 0;
}

const struct svsm_transport svsm_snp_transport = {
	.name = "SEV-SNP",
	.probe = svsm_snp_probe,
	.caa_pa = svsm_snp_caa_pa,
	.doorbell = svsm_snp_doorbell,
};
