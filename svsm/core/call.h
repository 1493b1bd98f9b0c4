/* SPDX-License-Identifier: MIT */
/*
 * SVSM calls: the calling-area handshake and the protocol dispatcher.
 *
 * The platform's doorbell handler (VMMCALL exit on the emulated platform,
 * VMGEXIT to VMPL0 on SNP) fills a struct svsm_call_regs from the guest's
 * registers, calls svsm_handle_call() and writes RAX, RCX, RDX and R8 back.
 */
#ifndef SVSM_CORE_CALL_H
#define SVSM_CORE_CALL_H

#include "types.h"
#include "vcpu.h"

struct svsm_call_regs {
	uint64_t rax, rcx, rdx, r8, r9;
};

struct svsm_protocol {
	uint32_t number;
	uint32_t min_version;
	uint32_t max_version;
	/* Handle call `id`; regs in/out; returns the RAX result code. */
	uint32_t (*handle)(struct svsm_vcpu *vcpu, uint32_t id,
			   struct svsm_call_regs *regs);
};

/* Protocols served, registered at boot (core is always present). */
void svsm_register_protocol(const struct svsm_protocol *p);
const struct svsm_protocol *svsm_find_protocol(uint32_t number);
/* Forget all registered protocols (tests; boot starts empty). */
void svsm_reset_protocols(void);

/*
 * Consume a doorbell: if the vCPU's calling area has call_pending set, clear
 * it, dispatch and return true (regs updated: rax = result).  If no call is
 * pending (or the calling area cannot be read), leave regs unchanged and
 * return false.
 */
bool svsm_handle_call(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs);

/* Dispatch without the handshake (used by the above and by tests). */
uint32_t svsm_dispatch(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs);

/* The core protocol (protocol 0), in core_protocol.c. */
extern const struct svsm_protocol svsm_core_protocol;

#endif /* SVSM_CORE_CALL_H */
