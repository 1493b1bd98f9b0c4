/* SPDX-License-Identifier: MIT */
/*
 * A small machine for core-protocol tests: 6 MiB of guest RAM at 2 MiB
 * (three 2 MiB blocks), the SVSM region right above it (backed by fake RAM,
 * so only the guest-memory door keeps it out), the boot vCPU (APIC ID 0) with
 * its calling area at the start of RAM, and APIC IDs 0..3 known.
 */
#ifndef SVSM_TESTS_CORE_FIXTURE_H
#define SVSM_TESTS_CORE_FIXTURE_H

#include "test.h"
#include "core/call.h"

#define FX_RAM_BASE 0x200000ull
#define FX_RAM_END 0x800000ull
#define FX_SVSM_BASE 0x800000ull
#define FX_SVSM_SIZE 0x200000ull
#define FX_CAA FX_RAM_BASE
#define FX_APIC_COUNT 4

extern struct svsm_vcpu *fx_vcpu;

void fx_setup(void);
/* Dispatch a core call from the boot vCPU; r8/r9 canaries 0x88/0x99. */
struct svsm_call_regs fx_call(uint32_t id, uint64_t rcx, uint64_t rdx,
			      uint64_t r8);
/* Write a PVALIDATE list at gpa. */
void fx_put_list(uint64_t gpa, uint16_t entries, uint16_t cur,
		 const uint64_t *entry, uint16_t count);
uint16_t fx_cur_index(uint64_t list_gpa);
/* Write a VMSA page that CREATE_VCPU accepts. */
void fx_put_good_vmsa(uint64_t gpa);
bool fx_page_valid(uint64_t gpa);

#endif /* SVSM_TESTS_CORE_FIXTURE_H */
