// SPDX-License-Identifier: MIT
/* The vCPU table (see vcpu.h). */
#include "vcpu.h"
#include "log.h"

static struct {
	bool used;
	struct svsm_vcpu v;
} slots[SVSM_MAX_VCPUS];

void vcpu_table_reset(void)
{
	for (uint32_t i = 0; i < SVSM_MAX_VCPUS; i++)
		slots[i].used = false;
}

static struct svsm_vcpu *vcpu_add(const struct svsm_vcpu *init)
{
	CHECK(!vcpu_find_apic(init->apic_id));
	for (uint32_t i = 0; i < SVSM_MAX_VCPUS; i++) {
		if (!slots[i].used) {
			slots[i].used = true;
			slots[i].v = *init;
			return &slots[i].v;
		}
	}
	return NULL;
}

struct svsm_vcpu *vcpu_add_running(uint32_t apic_id, gpa_t caa,
				   uint64_t sev_features)
{
	struct svsm_vcpu init = { .apic_id = apic_id, .running = true,
				  .caa = caa, .sev_features = sev_features };
	struct svsm_vcpu *v = vcpu_add(&init);

	CHECK(v);
	return v;
}

struct svsm_vcpu *vcpu_add_created(uint32_t apic_id, gpa_t vmsa, gpa_t caa,
				   uint64_t sev_features)
{
	struct svsm_vcpu init = { .apic_id = apic_id, .has_vmsa = true,
				  .vmsa = vmsa, .caa = caa,
				  .sev_features = sev_features };

	return vcpu_add(&init);
}

void vcpu_remove(struct svsm_vcpu *v)
{
	for (uint32_t i = 0; i < SVSM_MAX_VCPUS; i++) {
		if (slots[i].used && &slots[i].v == v) {
			slots[i].used = false;
			return;
		}
	}
	CHECK(!"vcpu_remove: not in the table");
}

struct svsm_vcpu *vcpu_find_apic(uint32_t apic_id)
{
	for (uint32_t i = 0; i < SVSM_MAX_VCPUS; i++)
		if (slots[i].used && slots[i].v.apic_id == apic_id)
			return &slots[i].v;
	return NULL;
}

struct svsm_vcpu *vcpu_find_vmsa(gpa_t vmsa)
{
	for (uint32_t i = 0; i < SVSM_MAX_VCPUS; i++)
		if (slots[i].used && slots[i].v.has_vmsa &&
		    gpa_val(slots[i].v.vmsa) == gpa_val(vmsa))
			return &slots[i].v;
	return NULL;
}

/* [s, s + len) and the page at p share a byte. */
static bool hits_page(uint64_t s, uint64_t len, gpa_t p)
{
	uint64_t ps = ALIGN_DOWN(gpa_val(p), PAGE_SIZE);

	return len && s < ps + PAGE_SIZE && ps < s + len;
}

bool vcpu_range_has_vmsa(gpa_t start, uint64_t len)
{
	for (uint32_t i = 0; i < SVSM_MAX_VCPUS; i++)
		if (slots[i].used && slots[i].v.has_vmsa &&
		    hits_page(gpa_val(start), len, slots[i].v.vmsa))
			return true;
	return false;
}

bool vcpu_range_in_use(gpa_t start, uint64_t len)
{
	if (vcpu_range_has_vmsa(start, len))
		return true;
	for (uint32_t i = 0; i < SVSM_MAX_VCPUS; i++)
		if (slots[i].used && hits_page(gpa_val(start), len, slots[i].v.caa))
			return true;
	return false;
}
