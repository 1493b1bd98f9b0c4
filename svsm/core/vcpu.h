/* SPDX-License-Identifier: MIT */
/*
 * The vCPU table: every vCPU the SVSM knows, by APIC ID, with its calling
 * area and (once CREATE_VCPU registered one) its VMSA.  The boot vCPU is
 * added running at boot; CREATE_VCPU adds vCPUs that are not running (the
 * emulated platform never runs them), DELETE_VCPU removes them.
 *
 * Single-threaded: calls are served by the one running vCPU.
 */
#ifndef SVSM_CORE_VCPU_H
#define SVSM_CORE_VCPU_H

#include "types.h"

#define SVSM_MAX_VCPUS 64

struct svsm_vcpu {
	uint32_t apic_id;
	bool running;
	bool has_vmsa;
	gpa_t caa; /* current calling area */
	gpa_t vmsa; /* valid if has_vmsa */
	uint64_t sev_features; /* of its VMSA (0 on the emulated platform) */
};

/* Forget every vCPU (boot starts empty; tests). */
void vcpu_table_reset(void);
/* Add the running boot vCPU; returns its entry (CHECKs it is new). */
struct svsm_vcpu *vcpu_add_running(uint32_t apic_id, gpa_t caa,
				   uint64_t sev_features);
/* Register a created, not running vCPU; NULL if the table is full. */
struct svsm_vcpu *vcpu_add_created(uint32_t apic_id, gpa_t vmsa, gpa_t caa,
				   uint64_t sev_features);
void vcpu_remove(struct svsm_vcpu *v);

struct svsm_vcpu *vcpu_find_apic(uint32_t apic_id);
struct svsm_vcpu *vcpu_find_vmsa(gpa_t vmsa);
/*
 * Does [start, start + len) share a byte with any registered VMSA page or
 * calling-area page?  The range must not wrap (callers checked it against
 * guest memory first).
 */
bool vcpu_range_in_use(gpa_t start, uint64_t len);
/* Same, for VMSA pages only. */
bool vcpu_range_has_vmsa(gpa_t start, uint64_t len);

#endif /* SVSM_CORE_VCPU_H */
