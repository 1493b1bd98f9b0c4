// SPDX-License-Identifier: MIT
/*
 * The emulated platform's hypervisor: AMD SVM with nested paging.
 *
 * The guest sees all RAM and MMIO identity-mapped except the SVSM region and
 * the firmware ROM, which the nested page tables leave unmapped.  The
 * firmware intercepts only what it must: CPUID (to publish the SVSM),
 * VMMCALL (the SVSM doorbell), I/O to fw_cfg and the firmware's debug ports,
 * the SVM MSRs, SVM instructions and shutdown.  Interrupts, the APIC, timers
 * and every other device belong to the guest.
 *
 * QEMU 7.2 TCG has no NRIP save: RIP is advanced here by the known length of
 * each intercepted instruction (CPUID 2, VMMCALL 3, RDMSR/WRMSR 2); IOIO
 * exits carry the next RIP in EXITINFO2.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
#include "core/call.h"
#include "core/log.h"
#include "core/page_alloc.h"
#include "core/platform.h"
#include "lib/string.h"
#include "platform/emu/emu.h"
#include "platform/emu/vmcb.h"
#include "svsm/core.h"
#include "svsm/emu.h"

#define GUEST_ASID 1
#define NPF_LOG_LIMIT 16

struct guest_gprs {
	uint64_t rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

void svm_vmrun(uint64_t guest_vmcb_pa, struct guest_gprs *gprs,
	       uint64_t host_vmcb_pa);

static struct vmcb *vmcb;
static struct vmcb *host_vmcb;
static struct guest_gprs gprs;
static struct svsm_vcpu *vcpu0; /* the boot vCPU, APIC ID 0 */
static unsigned int npf_logged;

/* Ports the guest must not reach: fw_cfg (0x510-0x51b), debug exit, debugcon. */
static const struct {
	uint16_t first, last;
} blocked_ports[] = {
	{ 0x510, 0x51b },
	{ 0xf4, 0xf7 },
	{ 0x402, 0x402 },
};

static void *alloc_zeroed(size_t pages)
{
	void *p = page_alloc(pages, pages);

	CHECK(p);
	return p;
}

static uint8_t *build_iopm(void)
{
	uint8_t *iopm = alloc_zeroed(4); /* 12 KiB used, 16 KiB aligned */

	for (size_t i = 0; i < ARRAY_SIZE(blocked_ports); i++)
		for (uint32_t p = blocked_ports[i].first;
		     p <= blocked_ports[i].last; p++)
			iopm[p / 8] |= (uint8_t)(1u << (p % 8));
	return iopm;
}

static void msrpm_intercept(uint8_t *msrpm, uint32_t msr)
{
	uint32_t base, idx;

	if (msr < 0x2000) {
		base = 0;
		idx = msr;
	} else if (msr >= 0xc0000000u && msr < 0xc0002000u) {
		base = 0x800;
		idx = msr - 0xc0000000u;
	} else {
		CHECK(msr >= 0xc0010000u && msr < 0xc0012000u);
		base = 0x1000;
		idx = msr - 0xc0010000u;
	}
	/* Two bits per MSR: read, then write. */
	msrpm[base + idx / 4] |= (uint8_t)(3u << ((idx % 4) * 2));
}

static uint8_t *build_msrpm(void)
{
	uint8_t *msrpm = alloc_zeroed(2);

	/* The guest must not move the host save area or lock SVM. */
	msrpm_intercept(msrpm, MSR_VM_CR);
	msrpm_intercept(msrpm, MSR_VM_HSAVE_PA);
	return msrpm;
}

/* Nested page tables: identity map of everything the guest may touch. */
static uint64_t build_npt(void)
{
	const struct emu_layout *l = &emu_layout;
	uint64_t *root = alloc_zeroed(1);
	uint64_t f = PTE_P | PTE_W | PTE_U; /* NPT walks are user accesses */
	uint64_t top = l->highmem_top ? l->highmem_top : (1ull << 32);

	pt_map_identity(root, 0, l->svsm_base, f, f);
	pt_map_identity(root, l->svsm_base + l->svsm_size, l->rom_base, f, f);
	if (l->highmem_top)
		pt_map_identity(root, 1ull << 32, top, f, f);
	log_info("npt: guest map 0-%#lx, hidden: SVSM %#lx-%#lx, ROM %#lx-4G",
		 top, l->svsm_base, l->svsm_base + l->svsm_size, l->rom_base);
	return (uint64_t)root;
}

static void set_seg(struct vmcb_seg *s, uint16_t sel, uint16_t attrib,
		    uint32_t limit, uint64_t base)
{
	*s = (struct vmcb_seg){ sel, attrib, limit, base };
}

static void init_guest_state(const struct guest_entry *e)
{
	struct vmcb_save *s = &vmcb->save;

	/* Linux 32-bit boot protocol: flat segments, __BOOT_CS 0x10, __BOOT_DS 0x18. */
	set_seg(&s->cs, 0x10, 0xc9b, 0xffffffff, 0);
	set_seg(&s->ds, 0x18, 0xc93, 0xffffffff, 0);
	s->es = s->ds;
	s->ss = s->ds;
	s->fs = s->ds;
	s->gs = s->ds;
	set_seg(&s->gdtr, 0, 0, e->gdt_limit, e->gdt_base);
	set_seg(&s->idtr, 0, 0, 0, 0);
	set_seg(&s->tr, 0, 0x8b, 0x67, 0);
	set_seg(&s->ldtr, 0, 0x82, 0, 0);
	s->cpl = 0;
	s->efer = EFER_SVME;
	s->cr0 = 0x11; /* PE, ET */
	s->cr3 = 0;
	s->cr4 = 0;
	s->dr6 = 0xffff0ff0;
	s->dr7 = 0x400;
	s->rflags = 0x2;
	s->rip = e->rip;
	s->rsp = 0;
	s->rax = 0;
	s->g_pat = 0x0007040600070406ull;
	memset(&gprs, 0, sizeof(gprs));
	gprs.rsi = e->rsi;
}

static void inject_exception(uint8_t vector, bool has_error, uint32_t error)
{
	vmcb->control.event_inj = EVENT_VALID | EVENT_TYPE_EXCEPTION | vector |
				  (has_error ? EVENT_ERR_VALID : 0);
	vmcb->control.event_inj_err = error;
}

static void handle_cpuid(void)
{
	uint32_t leaf = (uint32_t)vmcb->save.rax;
	uint32_t sub = (uint32_t)gprs.rcx;
	struct cpuid_regs r = cpuid(leaf, sub);
	const struct emu_layout *l = &emu_layout;

	switch (leaf) {
	case 1:
		r.ecx |= 1u << 31; /* hypervisor present */
		break;
	case 0x80000001:
		r.ecx &= ~(1u << 2); /* no nested SVM for the guest */
		break;
	case 0x8000000a:
		r = (struct cpuid_regs){ 0 };
		break;
	case SVSM_EMU_CPUID_BASE:
		r = (struct cpuid_regs){ SVSM_EMU_CPUID_MAX, SVSM_EMU_SIG_EBX,
					 SVSM_EMU_SIG_ECX, SVSM_EMU_SIG_EDX };
		break;
	case SVSM_EMU_CPUID_CAA:
		/* Like the secrets page's svsm_caa: the boot calling area,
		 * which does not follow later REMAP_CA calls. */
		r = (struct cpuid_regs){ (uint32_t)l->caa,
					 (uint32_t)(l->caa >> 32),
					 SVSM_CORE_VERSION_MAX, 0 };
		break;
	case SVSM_EMU_CPUID_REGION:
		r = (struct cpuid_regs){ (uint32_t)l->svsm_base,
					 (uint32_t)(l->svsm_base >> 32),
					 (uint32_t)l->svsm_size,
					 (uint32_t)(l->svsm_size >> 32) };
		break;
	default:
		if (leaf > SVSM_EMU_CPUID_MAX && leaf <= 0x400000ff)
			r = (struct cpuid_regs){ 0 };
		break;
	}
	vmcb->save.rax = r.eax;
	gprs.rbx = r.ebx;
	gprs.rcx = r.ecx;
	gprs.rdx = r.edx;
	vmcb->save.rip += 2;
}

static void handle_vmmcall(void)
{
	struct svsm_call_regs regs;

	/* A VMMCALL the SVSM does not serve behaves as on bare hardware. */
	if (vmcb->save.cpl != 0) {
		inject_exception(6, false, 0); /* #UD */
		return;
	}
	regs = (struct svsm_call_regs){ vmcb->save.rax, gprs.rcx, gprs.rdx,
					gprs.r8, gprs.r9 };
	if (svsm_handle_call(vcpu0, &regs)) {
		vmcb->save.rax = regs.rax;
		gprs.rcx = regs.rcx;
		gprs.rdx = regs.rdx;
		gprs.r8 = regs.r8;
	}
	vmcb->save.rip += 3;
}

/* A blocked port reads as floating bus and ignores writes. */
static void handle_ioio(void)
{
	uint64_t info = vmcb->control.exit_info1;

	if (info & IOIO_STR) {
		/* String I/O: nothing is transferred; a REP prefix completes. */
		if ((info & IOIO_REP) && (info & IOIO_A16))
			gprs.rcx &= ~0xffffull;
		else if (info & IOIO_REP)
			gprs.rcx = 0;
	} else if (info & IOIO_TYPE_IN) {
		uint64_t mask = (info & IOIO_SZ8)    ? 0xff
				: (info & IOIO_SZ16) ? 0xffff
						     : 0xffffffff;

		vmcb->save.rax = (info & IOIO_SZ32) ? mask : (vmcb->save.rax | mask);
	}
	vmcb->save.rip = vmcb->control.exit_info2;
}

static void handle_npf(void)
{
	uint64_t gpa_fault = vmcb->control.exit_info2;

	if (npf_logged < NPF_LOG_LIMIT) {
		npf_logged++;
		log_info("guest access to protected GPA %#lx (rip %#lx, cpl %u): #GP(0) injected%s",
			 gpa_fault, vmcb->save.rip, vmcb->save.cpl,
			 npf_logged == NPF_LOG_LIMIT ? " (further reports suppressed)"
						     : "");
	}
	inject_exception(13, true, 0);
}

static __noreturn void guest_died(const char *why)
{
	const struct vmcb_save *s = &vmcb->save;

	log_info("guest stopped: %s (exit %#lx info1 %#lx info2 %#lx)", why,
		 vmcb->control.exit_code, vmcb->control.exit_info1,
		 vmcb->control.exit_info2);
	log_info("  rip %#lx rsp %#lx rax %#lx cr0 %#lx cr3 %#lx cr4 %#lx efer %#lx",
		 s->rip, s->rsp, s->rax, s->cr0, s->cr3, s->cr4, s->efer);
	platform->halt(4);
}

static void handle_exit(void)
{
	uint32_t code = (uint32_t)vmcb->control.exit_code;
	uint32_t pending = vmcb->control.exit_int_info;

	vmcb->control.event_inj = 0;
	switch (code) {
	case SVM_EXIT_CPUID:
		handle_cpuid();
		break;
	case SVM_EXIT_VMMCALL:
		handle_vmmcall();
		break;
	case SVM_EXIT_IOIO:
		handle_ioio();
		break;
	case SVM_EXIT_MSR:
		inject_exception(13, true, 0);
		break;
	case SVM_EXIT_NPF:
		handle_npf();
		break;
	case SVM_EXIT_VMRUN:
	case SVM_EXIT_VMLOAD:
	case SVM_EXIT_VMSAVE:
	case SVM_EXIT_STGI:
	case SVM_EXIT_CLGI:
	case SVM_EXIT_SKINIT:
	case SVM_EXIT_INVLPGA:
		inject_exception(6, false, 0);
		break;
	case SVM_EXIT_SHUTDOWN:
		guest_died("shutdown (triple fault)");
	case SVM_EXIT_INVALID:
		guest_died("VMRUN refused the guest state");
	default:
		guest_died("unexpected #VMEXIT");
	}
	/* An event interrupted by the exit is delivered again. */
	if ((pending & EVENT_VALID) && !(vmcb->control.event_inj & EVENT_VALID)) {
		vmcb->control.event_inj = pending;
		vmcb->control.event_inj_err = vmcb->control.exit_int_info_err;
	}
}

static void svm_enable(void)
{
	struct cpuid_regs ext = cpuid(0x80000001, 0);
	struct cpuid_regs feat = cpuid(0x8000000a, 0);
	void *hsave = alloc_zeroed(1);

	if (!(ext.ecx & (1u << 2)))
		panic("svm: CPU has no SVM (run QEMU with -cpu max)");
	if (!(feat.edx & 1u))
		panic("svm: CPU has no nested paging");
	if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS)
		panic("svm: disabled in VM_CR");
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_VM_HSAVE_PA, (uint64_t)hsave);
}

__noreturn void emu_svm_run(const struct guest_entry *entry)
{
	struct vmcb_control *c;

	svm_enable();
	vmcb = alloc_zeroed(1);
	host_vmcb = alloc_zeroed(1);
	c = &vmcb->control;
	c->intercept_misc1 = INTERCEPT_CPUID | INTERCEPT_INVLPGA |
			     INTERCEPT_IOIO | INTERCEPT_MSR | INTERCEPT_SHUTDOWN;
	c->intercept_misc2 = INTERCEPT_VMRUN | INTERCEPT_VMMCALL |
			     INTERCEPT_VMLOAD | INTERCEPT_VMSAVE |
			     INTERCEPT_STGI | INTERCEPT_CLGI | INTERCEPT_SKINIT;
	c->iopm_base_pa = (uint64_t)build_iopm();
	c->msrpm_base_pa = (uint64_t)build_msrpm();
	c->asid = GUEST_ASID;
	c->nested_ctl = 1; /* nested paging */
	c->nested_cr3 = build_npt();
	init_guest_state(entry);
	vcpu0 = vcpu_add_running(0, gpa(emu_layout.caa), 0);
	emu_rmp_init();

	/* The host's FS/GS/TR/syscall MSRs, restored after every exit. */
	__asm__ volatile("vmsave %%rax" : : "a"((uint64_t)host_vmcb) : "memory");
	log_info("svm: entering guest at %#lx", entry->rip);
	for (;;) {
		svm_vmrun((uint64_t)vmcb, &gprs, (uint64_t)host_vmcb);
		handle_exit();
	}
}
