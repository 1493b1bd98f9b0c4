/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the svsm-bus module, shared by its source files.
 */
#ifndef SVSM_BUS_INTERNAL_H
#define SVSM_BUS_INTERNAL_H

#include <linux/types.h>

/* The five registers of a call, in and out in place. */
struct svsm_regs {
	u64 rax;
	u64 rcx;
	u64 rdx;
	u64 r8;
	u64 r9;
};

/* What a transport learns about the SVSM at probe time. */
struct svsm_platform {
	/*
	 * True when the module owns the calling areas: it allocates one page
	 * per CPU and moves the CPU onto it from @initial_caa with REMAP_CA.
	 * False when the kernel already owns them (SNP on kernels with SVSM
	 * support): the module then uses the kernel's calling area of each
	 * CPU as is and never remaps it.
	 */
	bool owns_caa;
	u64 initial_caa;	/* GPA of the boot CPU's initial calling area */
	u32 max_core_version;
	u64 svsm_base;		/* SVSM memory, 0 when unknown */
	u64 svsm_size;
};

/**
 * struct svsm_transport - how calls reach the SVSM on one platform
 * @name: for messages
 * @probe: detect the platform; fill @plat; 0 or a negative errno
 *	(-ENODEV: not this platform)
 * @caa_pa: physical address of the calling area the kernel assigned to
 *	the current CPU (only when !owns_caa); 0 when there is none
 * @doorbell: run the SVSM with the registers in @regs and return with its
 *	results there.  Called with interrupts disabled, call_pending
 *	already set by the caller.  0, or -EIO when the platform reports
 *	that the request was not delivered.
 */
struct svsm_transport {
	const char *name;
	int (*probe)(struct svsm_platform *plat);
	u64 (*caa_pa)(void);
	int (*doorbell)(struct svsm_regs *regs);
};

extern const struct svsm_transport svsm_emu_transport;
extern const struct svsm_transport svsm_snp_transport;

/* Physically contiguous pages of the raw-call device. */
struct svsm_scratch {
	phys_addr_t pa;
	void *va;
	size_t size;
};

/* call.c */
int svsm_calls_init(const struct svsm_transport *transport,
		    const struct svsm_platform *plat);
void svsm_calls_exit(void);
int svsm_call_raw(struct svsm_regs *regs, bool set_pending,
		  const struct svsm_scratch *scratch, bool *issued,
		  u32 *cpu, u8 *pending_after);
bool svsm_calls_hold(phys_addr_t pa, size_t size);

/* raw.c */
int svsm_raw_init(void);
void svsm_raw_exit(void);
void svsm_raw_free(void);

#endif /* SVSM_BUS_INTERNAL_H */
