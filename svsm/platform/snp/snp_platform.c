// SPDX-License-Identifier: MIT
/*
 * platform_ops for SEV-SNP.  NEVER RUN ON SNP HARDWARE.
 *
 * Each op that needs something this tree does not have yet is a stub that
 * fails cleanly and is marked "not implemented: needs hardware" with what
 * exactly is missing.  The unit tests (tests/test_snp_platform.c) check
 * that the stubs fail the documented way; they never call halt (it
 * executes WRMSR and VMGEXIT).
 */
#include "arch/x86/cpu.h"
#include "platform/snp/ghcb_msr.h"
#include "platform/snp/insn.h"
#include "platform/snp/rmp.h"
#include "platform/snp/snp.h"

/*
 * Console.  Not implemented: needs hardware.  Under SNP an OUT to the
 * serial port raises #VC; COCONUT writes COM1 through a registered GHCB
 * page (SW_EXITCODE 0x7b IOIO, EXITINFO1 = port << 16 | size | direction).
 * That needs the GHCB page, shared in the RMP (page state change, MSR
 * 0x014) and registered (MSR 0x012).  Until then output is dropped.
 */
static void snp_console_write(const char *s, size_t len)
{
	(void)s;
	(void)len;
}

/*
 * Guest memory.  Not implemented: needs hardware.  The SVSM must map guest
 * pages private (C-bit set) in its own page tables, per CPU and
 * temporarily (COCONUT PerCPUPageMappingGuard).  NULL: core answers
 * INVALID_ADDRESS to every guest buffer.
 */
static void *snp_map_guest(gpa_t g, size_t len)
{
	(void)g;
	(void)len;
	return NULL;
}

/* The PVALIDATE/RMPADJUST sequence (rmp.c) over the real instructions. */
static void *snp_rmp_map(gpa_t g, bool huge)
{
	/* Not implemented: needs hardware (the same mapping as map_guest). */
	(void)g;
	(void)huge;
	return NULL;
}

static void snp_rmp_unmap(void *va, bool huge)
{
	(void)va;
	(void)huge;
}

static struct snp_pvalidate_result snp_rmp_pvalidate(void *va, bool huge,
						     bool validate)
{
	return snp_insn_pvalidate((uint64_t)(uintptr_t)va, huge, validate);
}

static uint32_t snp_rmp_rmpadjust(void *va, bool huge, uint64_t attrs)
{
	return snp_insn_rmpadjust((uint64_t)(uintptr_t)va, huge, attrs);
}

static const struct snp_rmp_ops snp_hw_rmp = {
	.map = snp_rmp_map,
	.unmap = snp_rmp_unmap,
	.pvalidate = snp_rmp_pvalidate,
	.rmpadjust = snp_rmp_rmpadjust,
};

/* FAIL_INPUT for every page until snp_rmp_map exists. */
static uint32_t snp_pvalidate(gpa_t g, bool huge, bool validate)
{
	return snp_rmp_set_validated(&snp_hw_rmp, SNP_GUEST_VMPL, g, huge,
				     validate);
}

/*
 * vCPUs.  Not implemented: needs hardware.  The APIC IDs come from the SNP
 * CPUID page / the MADT the launch measured; no vCPU is known until then,
 * so CREATE_VCPU is refused.
 */
static bool snp_apic_id_known(uint32_t apic_id)
{
	(void)apic_id;
	return false;
}

/*
 * Stop: GHCB MSR protocol termination request (reason set 0, general
 * request), then VMGEXIT; the hypervisor ends the guest.  The exit code is
 * not transported (reason codes are 8 bits of spec-defined meaning).
 */
static __noreturn void snp_halt(int code)
{
	(void)code;
	wrmsr(MSR_GHCB, ghcb_msr_term_req(GHCB_TERM_SET_GENERAL,
					  GHCB_TERM_GENERAL_REQUEST));
	snp_insn_vmgexit();
	cpu_halt_forever();
}

const struct platform_ops snp_platform_ops = {
	.name = "SEV-SNP (VMPL0; never run on hardware)",
	.console_write = snp_console_write,
	.map_guest = snp_map_guest,
	.pvalidate = snp_pvalidate,
	.apic_id_known = snp_apic_id_known,
	.halt = snp_halt,
};
