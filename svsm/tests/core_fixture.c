// SPDX-License-Identifier: MIT
/* The core-protocol test machine (see core_fixture.h). */
#include <string.h>

#include "core_fixture.h"
#include "core/guest_mem.h"
#include "core/rmp_model.h"
#include <svsm/core.h>
#include <svsm/protocol.h>

struct svsm_vcpu *fx_vcpu;

void fx_setup(void)
{
	fake_guest_ram_init(FX_RAM_BASE, FX_SVSM_BASE + FX_SVSM_SIZE - FX_RAM_BASE);
	guest_mem_set_svsm_region(FX_SVSM_BASE, FX_SVSM_SIZE);
	guest_mem_add_range(gpa(FX_RAM_BASE), FX_RAM_END);
	svsm_register_protocol(&svsm_core_protocol);
	fake_set_apic_count(FX_APIC_COUNT);
	fx_vcpu = vcpu_add_running(0, gpa(FX_CAA), 0);
}

struct svsm_call_regs fx_call(uint32_t id, uint64_t rcx, uint64_t rdx,
			      uint64_t r8)
{
	struct svsm_call_regs r = { SVSM_CALL(SVSM_PROTOCOL_CORE, id), rcx, rdx,
				    r8, 0x99 };

	r.rax = svsm_dispatch(fx_vcpu, &r);
	return r;
}

void fx_put_list(uint64_t gpa, uint16_t entries, uint16_t cur,
		 const uint64_t *entry, uint16_t count)
{
	struct svsm_pvalidate_hdr h = { .num_entries = entries,
					.cur_index = cur };

	memcpy(fake_guest_ptr(gpa), &h, sizeof(h));
	if (count)
		memcpy(fake_guest_ptr(gpa + sizeof(h)), entry, count * 8u);
}

uint16_t fx_cur_index(uint64_t list_gpa)
{
	uint16_t v;

	memcpy(&v, fake_guest_ptr(list_gpa + 2), sizeof(v));
	return v;
}

void fx_put_good_vmsa(uint64_t gpa)
{
	uint8_t *p = fake_guest_ptr(gpa);
	uint64_t efer = 1ull << 12;

	memset(p, 0, 4096);
	p[0x0ca] = 2;
	memcpy(p + 0x0d0, &efer, sizeof(efer));
}

bool fx_page_valid(uint64_t a)
{
	return rmp_model_page_valid(fake_rmp(), gpa(a));
}
