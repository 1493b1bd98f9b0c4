// SPDX-License-Identifier: GPL-2.0-only
/*
 * svsm_emu_probe: foundation test of the SVSM on the emulated platform.
 *
 * At load time the module finds the SVSM through the CPUID hypervisor
 * leaves (include/svsm/emu.h), moves the calling area to a page of its
 * own with REMAP_CA, exercises the core protocol and its error paths,
 * then moves the calling area back so that the module can be loaded
 * again.  Results are printed as KTAP, one pr_info() line each, prefixed
 * with "svsm_emu_probe: ".  Loading always succeeds; the KTAP lines carry
 * pass or fail.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/align.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <asm/processor.h>

#include <svsm/core.h>
#include <svsm/emu.h>
#include <svsm/protocol.h>

#define PROBE_CANARY 0x5a5a5a5a00000006ull

struct probe_regs {
	u64 rax;
	u64 rcx;
	u64 rdx;
	u64 r8;
	u64 r9;
};

struct probe_state {
	unsigned int test;	/* number of the last test reported */
	unsigned int failed;
	unsigned int skipped;
	u64 caa_gpa;		/* initial calling area, from CPUID */
	u32 max_version;
	u64 svsm_base;
	u64 svsm_size;
	struct svsm_caa *init_caa;	/* memremap() of caa_gpa */
	struct svsm_caa *own_caa;	/* page allocated by this module */
	struct svsm_caa *cur_caa;	/* the calling area the SVSM uses now */
};

static void probe_result(struct probe_state *st, bool ok, const char *name)
{
	st->test++;
	if (!ok)
		st->failed++;
	pr_info("%sok %u %s\n", ok ? "" : "not ", st->test, name);
}

static void probe_skip(struct probe_state *st, const char *name,
		       const char *why)
{
	st->test++;
	st->skipped++;
	pr_info("ok %u %s # SKIP %s\n", st->test, name, why);
}

/*
 * Issue one SVSM call through @caa.  With @set_pending false the call is
 * made with call_pending left at 0, which the SVSM must ignore.
 * Returns the value call_pending had after the call: 0 when the SVSM
 * consumed the request (or none was made).
 */
static u8 probe_call(struct svsm_caa *caa, struct probe_regs *regs,
		     bool set_pending)
{
	register u64 r8 asm("r8") = regs->r8;
	register u64 r9 asm("r9") = regs->r9;
	u64 rax = regs->rax;
	u64 rcx = regs->rcx;
	u64 rdx = regs->rdx;
	unsigned long flags;
	u8 pending;

	local_irq_save(flags);
	if (set_pending)
		WRITE_ONCE(caa->call_pending, 1);
	/* VMMCALL: the doorbell of the emulated platform. */
	asm volatile(".byte 0x0f, 0x01, 0xd9"
		     : "+a" (rax), "+c" (rcx), "+d" (rdx), "+r" (r8), "+r" (r9)
		     :
		     : "memory");
	pending = xchg(&caa->call_pending, 0);
	local_irq_restore(flags);

	regs->rax = rax;
	regs->rcx = rcx;
	regs->rdx = rdx;
	regs->r8 = r8;
	regs->r9 = r9;
	return pending;
}

/* One call with call_pending set; false if the SVSM did not see it. */
static bool probe_call_seen(struct probe_state *st, struct probe_regs *regs)
{
	u64 call = regs->rax;

	if (probe_call(st->cur_caa, regs, true)) {
		pr_info("# call 0x%llx: call_pending still set\n", call);
		return false;
	}
	return true;
}

static bool probe_expect_rax(struct probe_state *st, u64 call, u64 rcx,
			     u64 want)
{
	struct probe_regs regs = { .rax = call, .rcx = rcx };

	if (!probe_call_seen(st, &regs))
		return false;
	if (regs.rax != want) {
		pr_info("# call 0x%llx rcx 0x%llx: rax 0x%llx, expected 0x%llx\n",
			call, rcx, regs.rax, want);
		return false;
	}
	return true;
}

static bool probe_query(struct probe_state *st, u32 protocol, u32 version,
			u64 want_rcx)
{
	u64 arg = SVSM_QUERY_ARG(protocol, version);
	struct probe_regs regs = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_CORE, SVSM_CORE_QUERY_PROTOCOL),
		.rcx = arg,
	};

	if (!probe_call_seen(st, &regs))
		return false;
	if (regs.rax != SVSM_SUCCESS || regs.rcx != want_rcx) {
		pr_info("# QUERY_PROTOCOL(0x%llx): rax 0x%llx rcx 0x%llx, expected rax 0 rcx 0x%llx\n",
			arg, regs.rax, regs.rcx, want_rcx);
		return false;
	}
	return true;
}

/* REMAP_CA to @gpa; on success the SVSM uses @caa from now on. */
static bool probe_remap(struct probe_state *st, u64 gpa, struct svsm_caa *caa)
{
	u64 call = SVSM_CALL(SVSM_PROTOCOL_CORE, SVSM_CORE_REMAP_CA);

	if (!probe_expect_rax(st, call, gpa, SVSM_SUCCESS))
		return false;
	st->cur_caa = caa;
	return true;
}

static bool probe_signature(void)
{
	u32 eax, ebx, ecx, edx;

	cpuid(SVSM_EMU_CPUID_BASE, &eax, &ebx, &ecx, &edx);
	return eax >= SVSM_EMU_CPUID_MAX && ebx == SVSM_EMU_SIG_EBX &&
	       ecx == SVSM_EMU_SIG_ECX && edx == SVSM_EMU_SIG_EDX;
}

static void probe_read_leaves(struct probe_state *st)
{
	u32 eax, ebx, ecx, edx;

	cpuid(SVSM_EMU_CPUID_CAA, &eax, &ebx, &ecx, &edx);
	st->caa_gpa = ((u64)ebx << 32) | eax;
	st->max_version = ecx;

	cpuid(SVSM_EMU_CPUID_REGION, &eax, &ebx, &ecx, &edx);
	st->svsm_base = ((u64)ebx << 32) | eax;
	st->svsm_size = ((u64)edx << 32) | ecx;

	pr_info("# caa 0x%llx max_version %u svsm base 0x%llx size 0x%llx\n",
		st->caa_gpa, st->max_version, st->svsm_base, st->svsm_size);
}

/* Tests that need a calling area the SVSM accepts (st->cur_caa). */
static const char * const probe_call_tests[] = {
	"query_core_v1",
	"query_core_v2_unsupported",
	"query_unknown_protocol",
	"unsupported_protocol",
	"unsupported_call",
	"remap_ca_misaligned",
	"remap_ca_svsm_base",
	"call_pending_clear_ignored",
};

/* call_pending left at 0: the SVSM must not process the call. */
static bool probe_no_pending(struct probe_state *st)
{
	struct probe_regs regs = {
		.rax = PROBE_CANARY,
		.rcx = SVSM_QUERY_ARG(SVSM_PROTOCOL_CORE, 1),
	};

	probe_call(st->cur_caa, &regs, false);
	if (regs.rax == PROBE_CANARY &&
	    regs.rcx == SVSM_QUERY_ARG(SVSM_PROTOCOL_CORE, 1))
		return true;
	pr_info("# call without call_pending: rax 0x%llx rcx 0x%llx\n",
		regs.rax, regs.rcx);
	return false;
}

static void probe_calls(struct probe_state *st)
{
	u64 remap = SVSM_CALL(SVSM_PROTOCOL_CORE, SVSM_CORE_REMAP_CA);
	bool ok[ARRAY_SIZE(probe_call_tests)];
	unsigned int i = 0;

	ok[i++] = probe_query(st, SVSM_PROTOCOL_CORE, 1,
			      SVSM_QUERY_ARG(SVSM_CORE_VERSION_MAX,
					     SVSM_CORE_VERSION_MIN));
	ok[i++] = probe_query(st, SVSM_PROTOCOL_CORE, 2, 0);
	ok[i++] = probe_query(st, 0x99, 1, 0);
	ok[i++] = probe_expect_rax(st, SVSM_CALL(0x77, 0), 0,
				   SVSM_ERR_UNSUPPORTED_PROTOCOL);
	ok[i++] = probe_expect_rax(st, SVSM_CALL(SVSM_PROTOCOL_CORE, 0x1234),
				   0, SVSM_ERR_UNSUPPORTED_CALL);
	ok[i++] = probe_expect_rax(st, remap, virt_to_phys(st->own_caa) + 8,
				   SVSM_ERR_INVALID_PARAMETER);
	ok[i++] = probe_expect_rax(st, remap, st->svsm_base,
				   SVSM_ERR_INVALID_ADDRESS);
	ok[i++] = probe_no_pending(st);
	WARN_ON(i != ARRAY_SIZE(ok));

	for (i = 0; i < ARRAY_SIZE(probe_call_tests); i++)
		probe_result(st, ok[i], probe_call_tests[i]);
}

/* cpuid_signature .. remap_ca_own_page, the calls, remap_ca_restore */
#define PROBE_TESTS (5 + ARRAY_SIZE(probe_call_tests) + 1)

static void probe_run(struct probe_state *st)
{
	bool caa_ok, region_ok, remapped = false;
	unsigned int i;
	u64 own_gpa;

	pr_info("1..%zu\n", PROBE_TESTS);
	probe_result(st, true, "cpuid_signature");
	probe_read_leaves(st);

	caa_ok = st->caa_gpa && IS_ALIGNED(st->caa_gpa, SVSM_CAA_SIZE);
	probe_result(st, caa_ok, "caa_gpa_valid");
	probe_result(st, st->max_version == SVSM_CORE_VERSION_MAX,
		     "max_version");
	region_ok = st->svsm_base && st->svsm_size &&
		    IS_ALIGNED(st->svsm_base, SZ_2M) &&
		    IS_ALIGNED(st->svsm_size, SZ_2M);
	probe_result(st, region_ok, "svsm_region_valid");

	if (caa_ok)
		st->init_caa = memremap(st->caa_gpa, SVSM_CAA_SIZE,
					MEMREMAP_WB);
	st->own_caa = (struct svsm_caa *)get_zeroed_page(GFP_KERNEL);
	if (!st->init_caa || !st->own_caa) {
		pr_info("# no usable calling area (initial %s, own %s)\n",
			st->init_caa ? "mapped" : "unmapped",
			st->own_caa ? "allocated" : "not allocated");
		probe_result(st, false, "remap_ca_own_page");
		for (i = 0; i < ARRAY_SIZE(probe_call_tests); i++)
			probe_skip(st, probe_call_tests[i], "no calling area");
		probe_result(st, false, "remap_ca_restore");
		goto out;
	}

	st->cur_caa = st->init_caa;
	own_gpa = virt_to_phys(st->own_caa);
	remapped = probe_remap(st, own_gpa, st->own_caa);
	probe_result(st, remapped, "remap_ca_own_page");

	/* Without the remap the calls still run, on the initial area. */
	probe_calls(st);

	if (remapped)
		probe_result(st, probe_remap(st, st->caa_gpa, st->init_caa),
			     "remap_ca_restore");
	else
		probe_skip(st, "remap_ca_restore", "calling area not moved");

out:
	/* Never free the page while the SVSM may still use it. */
	if (st->own_caa && st->cur_caa != st->own_caa)
		free_page((unsigned long)st->own_caa);
	else if (st->own_caa)
		pr_info("# calling area page leaked: still in use by the SVSM\n");
	if (st->init_caa)
		memunmap(st->init_caa);
	pr_info("# Totals: pass:%u fail:%u skip:%u\n",
		st->test - st->failed - st->skipped, st->failed, st->skipped);
}

static int __init svsm_emu_probe_init(void)
{
	struct probe_state st = { };

	pr_info("KTAP version 1\n");
	if (!probe_signature()) {
		pr_info("1..0 # SKIP not on the SVSM emulated platform\n");
		return 0;
	}
	probe_run(&st);
	return 0;
}

static void __exit svsm_emu_probe_exit(void)
{
}

module_init(svsm_emu_probe_init);
module_exit(svsm_emu_probe_exit);

MODULE_DESCRIPTION("Foundation test of the SVSM on the emulated platform");
MODULE_LICENSE("GPL");
MODULE_INFO(test, "Y");
