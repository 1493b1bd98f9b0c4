// SPDX-License-Identifier: GPL-2.0-only
/*
 * SVSM calls: the calling areas, the call_pending handshake and the
 * mapping of SVSM result codes to errno values.
 *
 * Each CPU talks to the SVSM through its own calling area (CAA).  A call
 * sets call_pending in it, rings the transport's doorbell and takes
 * call_pending back with xchg(); a value still set means that the SVSM
 * never saw the request.  The whole handshake runs with interrupts (and
 * so preemption) disabled, which keeps one call in flight per CPU.
 *
 * When the module owns the calling areas (the emulated platform, where
 * the guest kernel knows nothing of an SVSM) it allocates one page per
 * CPU and moves the boot CPU onto its page with REMAP_CA, issued through
 * the initial calling area the platform publishes.  At unload it moves
 * back to the initial area, so the SVSM never holds a freed page and the
 * next load finds it where it expects.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/svsm_bus.h>

#include <svsm/core.h>
#include <svsm/protocol.h>

#include "svsm-bus.h"

/* svsm_call() issues a call answered INCOMPLETE or BUSY this often. */
#define SVSM_CALL_TRIES 16

#define SVSM_REMAP_CA SVSM_CALL(SVSM_PROTOCOL_CORE, SVSM_CORE_REMAP_CA)

/*
 * The calling area of one CPU.  @va/@pa are the area the SVSM uses now;
 * they change only with interrupts disabled on that CPU.  @own is the
 * module's page (NULL when the kernel owns the calling areas).
 */
struct svsm_cpu_ca {
	struct svsm_caa *va;
	phys_addr_t pa;
	struct svsm_caa *own;
	phys_addr_t own_pa;
	bool ready;
};

static DEFINE_PER_CPU(struct svsm_cpu_ca, svsm_cpu_ca);
static const struct svsm_transport *svsm_transport;
static struct svsm_platform svsm_plat;
/* memremap() of svsm_plat.initial_caa (e820-reserved on the emulated platform). */
static struct svsm_caa *svsm_initial_caa;
static unsigned int svsm_boot_cpu;

/**
 * svsm_result_to_errno() - map an SVSM result code (RAX out) to an errno
 * @result: the result code
 *
 * Return: 0 for SVSM_SUCCESS, -EAGAIN for INCOMPLETE and BUSY, -EOPNOTSUPP
 * for an unsupported protocol or call, -EFAULT for an invalid address,
 * -EINVAL for an invalid format, parameter or request, and -EIO for
 * protocol-specific codes (0x80001000 and up) and anything else.
 */
int svsm_result_to_errno(u64 result)
{
	switch (result) {
	case SVSM_SUCCESS:
		return 0;
	case SVSM_ERR_INCOMPLETE:
	case SVSM_ERR_BUSY:
		return -EAGAIN;
	case SVSM_ERR_UNSUPPORTED_PROTOCOL:
	case SVSM_ERR_UNSUPPORTED_CALL:
		return -EOPNOTSUPP;
	case SVSM_ERR_INVALID_ADDRESS:
		return -EFAULT;
	case SVSM_ERR_INVALID_FORMAT:
	case SVSM_ERR_INVALID_PARAMETER:
	case SVSM_ERR_INVALID_REQUEST:
		return -EINVAL;
	default:
		/* Protocol-specific (SVSM_ERR_PROTOCOL_BASE + n) or unknown. */
		return -EIO;
	}
}
EXPORT_SYMBOL_GPL(svsm_result_to_errno);

/*
 * One doorbell through @ca.  With @set_pending false call_pending stays
 * 0 and the SVSM must ignore the call.  *@pending_after is call_pending
 * as found afterwards (and cleared).
 */
static int svsm_issue(struct svsm_cpu_ca *ca, struct svsm_regs *regs,
		      bool set_pending, u8 *pending_after)
{
	int ret;

	lockdep_assert_irqs_disabled();
	if (set_pending)
		WRITE_ONCE(ca->va->call_pending, 1);
	ret = svsm_transport->doorbell(regs);
	*pending_after = xchg(&ca->va->call_pending, 0);
	return ret;
}

/* REMAP_CA through @ca to @pa; on success the SVSM uses @va from now on. */
static int svsm_remap_locked(struct svsm_cpu_ca *ca, phys_addr_t pa,
			     struct svsm_caa *va)
{
	struct svsm_regs regs = { .rax = SVSM_REMAP_CA, .rcx = pa };
	u8 pending;
	int ret;

	ret = svsm_issue(ca, &regs, true, &pending);
	if (ret)
		return ret;
	if (pending)
		return -EIO;
	ret = svsm_result_to_errno(regs.rax);
	if (!ret) {
		ca->va = va;
		ca->pa = pa;
	}
	return ret;
}

/**
 * svsm_call() - issue one SVSM call on the current CPU
 * @call: registers in; the *_out fields receive the results
 *
 * Process context only: the call is retried up to 16 times while the
 * SVSM answers INCOMPLETE or BUSY, with cond_resched() in between.
 * REMAP_CA is refused (-EPERM): the bus owns the calling areas.
 *
 * Return: 0 on SVSM_SUCCESS; svsm_result_to_errno() of the result code
 * otherwise (the *_out fields are filled either way); -EIO when the SVSM
 * did not consume the call (call_pending still set) or the transport
 * failed; -ENODEV when this CPU has no calling area.
 */
int svsm_call(struct svsm_call *call)
{
	struct svsm_cpu_ca *ca;
	struct svsm_regs regs;
	unsigned int tries = 0;
	unsigned long flags;
	u8 pending = 0;
	int ret;

	might_sleep();
	if (call->rax == SVSM_REMAP_CA)
		return -EPERM;

	for (;;) {
		regs.rax = call->rax;
		regs.rcx = call->rcx;
		regs.rdx = call->rdx;
		regs.r8 = call->r8;
		regs.r9 = call->r9;

		local_irq_save(flags);
		ca = this_cpu_ptr(&svsm_cpu_ca);
		if (ca->ready)
			ret = svsm_issue(ca, &regs, true, &pending);
		else
			ret = -ENODEV;
		local_irq_restore(flags);
		if (ret)
			return ret;

		call->rax_out = regs.rax;
		call->rcx_out = regs.rcx;
		call->rdx_out = regs.rdx;
		call->r8_out = regs.r8;
		call->r9_out = regs.r9;
		if (pending)
			return -EIO;

		ret = svsm_result_to_errno(regs.rax);
		if (ret != -EAGAIN || ++tries >= SVSM_CALL_TRIES)
			return ret;
		cond_resched();
	}
}
EXPORT_SYMBOL_GPL(svsm_call);

/**
 * svsm_query_protocol() - ask whether the SVSM serves a protocol version
 * @protocol: protocol number
 * @version: the version the caller wants
 * @min: lowest version served, or 0 (may be NULL)
 * @max: highest version served, or 0 (may be NULL)
 *
 * Return: 0 when the SVSM serves @protocol at @version, -EOPNOTSUPP when
 * it does not (QUERY_PROTOCOL answered 0), or the errno of svsm_call().
 */
int svsm_query_protocol(u32 protocol, u32 version, u32 *min, u32 *max)
{
	struct svsm_call call = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_CORE, SVSM_CORE_QUERY_PROTOCOL),
		.rcx = SVSM_QUERY_ARG(protocol, version),
	};
	int ret;

	ret = svsm_call(&call);
	if (ret)
		return ret;
	if (min)
		*min = SVSM_QUERY_MIN(call.rcx_out);
	if (max)
		*max = SVSM_QUERY_MAX(call.rcx_out);
	return call.rcx_out ? 0 : -EOPNOTSUPP;
}
EXPORT_SYMBOL_GPL(svsm_query_protocol);

/*
 * A raw REMAP_CA to @pa succeeded.  Keep using it when it is in the
 * scratch area or the CPU's own page; move anywhere else straight back to
 * the own page (through @map, the caller's mapping of @pa) and fail.
 */
static int svsm_raw_remapped(struct svsm_cpu_ca *ca, phys_addr_t pa,
			     const struct svsm_scratch *scratch,
			     struct svsm_caa *map)
{
	if (scratch && pa >= scratch->pa && pa - scratch->pa < scratch->size) {
		ca->va = scratch->va + (pa - scratch->pa);
		ca->pa = pa;
		return 0;
	}
	if (pa == ca->own_pa) {
		ca->va = ca->own;
		ca->pa = pa;
		return 0;
	}
	if (map) {
		ca->va = map;
		ca->pa = pa;
		if (!svsm_remap_locked(ca, ca->own_pa, ca->own))
			return -EINVAL;
	}
	/* The SVSM now watches a page the bus cannot reach. */
	ca->va = NULL;
	ca->pa = pa;
	ca->ready = false;
	pr_err("CPU %u: calling area moved to %pa and not recoverable; SVSM calls disabled on this CPU\n",
	       smp_processor_id(), &pa);
	return -EIO;
}

/*
 * Map the target of a raw REMAP_CA beforehand (no memremap() with
 * interrupts off), so that the bus can move away from it again.  Only the
 * initial calling area and pages with a struct page are mapped: the SVSM
 * accepts nothing else, and memremap() of MMIO or of addresses beyond the
 * physical address width would fail loudly.
 */
static struct svsm_caa *svsm_raw_map(phys_addr_t pa)
{
	if (!PAGE_ALIGNED(pa))
		return NULL;
	if (pa == svsm_plat.initial_caa)
		return svsm_initial_caa;
	if (!pfn_valid(PHYS_PFN(pa)))
		return NULL;
	return memremap(pa, PAGE_SIZE, MEMREMAP_WB);
}

/**
 * svsm_call_raw() - one call for the raw-call device, as is
 * @regs: registers in and out
 * @set_pending: set call_pending before the doorbell
 * @scratch: the scratch area a REMAP_CA may move the calling area to
 * @issued: set when the doorbell was rung (outputs valid)
 * @cpu: the CPU the call ran on
 * @pending_after: call_pending as found after the call
 *
 * No retries.  A successful REMAP_CA (with call_pending set and
 * consumed) moves the bus's calling area, see svsm_raw_remapped().
 *
 * Return: 0, -EINVAL when a REMAP_CA elsewhere was undone, -EIO when the
 * calling area was lost or the transport failed, -ENODEV without a
 * calling area, -EPERM for REMAP_CA when the kernel owns the areas.
 */
int svsm_call_raw(struct svsm_regs *regs, bool set_pending,
		  const struct svsm_scratch *scratch, bool *issued,
		  u32 *cpu, u8 *pending_after)
{
	bool remap = set_pending && regs->rax == SVSM_REMAP_CA;
	phys_addr_t pa = regs->rcx;
	struct svsm_caa *map = NULL;
	struct svsm_cpu_ca *ca;
	unsigned long flags;
	int ret;

	*issued = false;
	if (remap) {
		if (!svsm_plat.owns_caa)
			return -EPERM;
		map = svsm_raw_map(pa);
	}

	local_irq_save(flags);
	ca = this_cpu_ptr(&svsm_cpu_ca);
	if (!ca->ready) {
		ret = -ENODEV;
		goto out;
	}
	ret = svsm_issue(ca, regs, set_pending, pending_after);
	*issued = true;
	*cpu = smp_processor_id();
	if (!ret && remap && !*pending_after && regs->rax == SVSM_SUCCESS)
		ret = svsm_raw_remapped(ca, pa, scratch, map);
out:
	local_irq_restore(flags);
	if (map && map != svsm_initial_caa)
		memunmap(map);
	return ret;
}

/* smp_call_function_single() callbacks: interrupts are disabled. */
static void svsm_cpu_enter(void *arg)
{
	struct svsm_cpu_ca *ca = this_cpu_ptr(&svsm_cpu_ca);
	int *ret = arg;

	ca->va = svsm_initial_caa;
	ca->pa = svsm_plat.initial_caa;
	*ret = svsm_remap_locked(ca, ca->own_pa, ca->own);
	ca->ready = !*ret;
}

static void svsm_cpu_leave(void *arg)
{
	struct svsm_cpu_ca *ca = this_cpu_ptr(&svsm_cpu_ca);
	int *ret = arg;

	ca->ready = false;
	if (!ca->va) {
		*ret = -EIO;
		return;
	}
	*ret = svsm_remap_locked(ca, svsm_plat.initial_caa, svsm_initial_caa);
}

static void svsm_cpu_adopt(void *arg)
{
	struct svsm_cpu_ca *ca = this_cpu_ptr(&svsm_cpu_ca);
	u64 pa = svsm_transport->caa_pa();

	ca->pa = pa;
	ca->va = pa ? phys_to_virt(pa) : NULL;
	ca->ready = !!pa;
}

static void svsm_free_own_pages(void)
{
	struct svsm_cpu_ca *ca;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		ca = per_cpu_ptr(&svsm_cpu_ca, cpu);
		if (!ca->own)
			continue;
		if (ca->pa == ca->own_pa) {
			/* Never free a page the SVSM may still write. */
			pr_err("CPU %u: calling area page leaked: still in use by the SVSM\n",
			       cpu);
		} else {
			free_page((unsigned long)ca->own);
		}
		ca->own = NULL;
		ca->own_pa = 0;
	}
}

static int svsm_calls_own(void)
{
	struct svsm_cpu_ca *ca;
	unsigned int cpu, online;
	int err, ret = -EIO;

	cpus_read_lock();
	online = num_online_cpus();
	svsm_boot_cpu = cpumask_first(cpu_online_mask);
	cpus_read_unlock();
	if (online != 1) {
		pr_err("the %s platform runs exactly one vCPU, but %u CPUs are online; not loading\n",
		       svsm_transport->name, online);
		return -EOPNOTSUPP;
	}

	for_each_possible_cpu(cpu) {
		ca = per_cpu_ptr(&svsm_cpu_ca, cpu);
		ca->own = (struct svsm_caa *)get_zeroed_page(GFP_KERNEL);
		if (!ca->own) {
			svsm_free_own_pages();
			return -ENOMEM;
		}
		ca->own_pa = virt_to_phys(ca->own);
	}

	svsm_initial_caa = memremap(svsm_plat.initial_caa, SVSM_CAA_SIZE,
				    MEMREMAP_WB);
	if (!svsm_initial_caa) {
		pr_err("cannot map the initial calling area at 0x%llx\n",
		       svsm_plat.initial_caa);
		svsm_free_own_pages();
		return -ENOMEM;
	}

	err = smp_call_function_single(svsm_boot_cpu, svsm_cpu_enter, &ret, 1);
	if (err)
		ret = err;
	if (ret) {
		pr_err("REMAP_CA from the initial calling area failed (%d); is another module using the SVSM?\n",
		       ret);
		svsm_free_own_pages();
		memunmap(svsm_initial_caa);
		svsm_initial_caa = NULL;
		return ret;
	}
	return 0;
}

int svsm_calls_init(const struct svsm_transport *transport,
		    const struct svsm_platform *plat)
{
	svsm_transport = transport;
	svsm_plat = *plat;
	if (plat->owns_caa)
		return svsm_calls_own();
	on_each_cpu(svsm_cpu_adopt, NULL, 1);
	return 0;
}

void svsm_calls_exit(void)
{
	struct svsm_cpu_ca *ca;
	unsigned int cpu;
	int err, ret = -EIO;

	if (!svsm_plat.owns_caa) {
		for_each_possible_cpu(cpu)
			per_cpu_ptr(&svsm_cpu_ca, cpu)->ready = false;
		return;
	}

	err = smp_call_function_single(svsm_boot_cpu, svsm_cpu_leave, &ret, 1);
	if (err)
		ret = err;
	if (ret)
		pr_err("REMAP_CA back to the initial calling area failed (%d)\n",
		       ret);
	svsm_free_own_pages();
	for_each_possible_cpu(cpu) {
		ca = per_cpu_ptr(&svsm_cpu_ca, cpu);
		ca->va = NULL;
	}
	memunmap(svsm_initial_caa);
	svsm_initial_caa = NULL;
}

/* Whether the SVSM may still use a calling area in [@pa, @pa + @size). */
bool svsm_calls_hold(phys_addr_t pa, size_t size)
{
	struct svsm_cpu_ca *ca;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		ca = per_cpu_ptr(&svsm_cpu_ca, cpu);
		if (ca->pa >= pa && ca->pa - pa < size)
			return true;
	}
	return false;
}
