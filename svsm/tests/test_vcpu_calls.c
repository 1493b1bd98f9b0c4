// SPDX-License-Identifier: MIT
/* SVSM_CORE_CREATE_VCPU, SVSM_CORE_DELETE_VCPU and REMAP_CA vs VMSAs. */
#include <stdio.h>
#include <string.h>

#include "core_fixture.h"
#include <svsm/core.h>
#include <svsm/protocol.h>

#define VMSA 0x300000ull
#define CAA1 0x301000ull
#define P(n) (0x310000ull + (n) * 0x1000ull)

static uint32_t create(uint64_t vmsa, uint64_t caa, uint64_t apic)
{
	return (uint32_t)fx_call(SVSM_CORE_CREATE_VCPU, vmsa, caa, apic).rax;
}

static uint32_t delete(uint64_t vmsa)
{
	return (uint32_t)fx_call(SVSM_CORE_DELETE_VCPU, vmsa, 0, 0).rax;
}

TEST(create_vcpu_success)
{
	struct svsm_call_regs r;
	struct svsm_vcpu *v;
	uint32_t maps;

	fx_setup();
	fx_put_good_vmsa(VMSA);
	maps = fake_map_count();
	r = fx_call(SVSM_CORE_CREATE_VCPU, VMSA, CAA1, 0xffffffff00000001ull);
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(fake_map_count() - maps, 1); /* the VMSA, fetched once */
	/* No outputs: registers unchanged. */
	EXPECT_EQ(r.rcx, VMSA);
	EXPECT_EQ(r.rdx, CAA1);
	EXPECT_EQ(r.r8, 0xffffffff00000001ull); /* R8[63:32] ignored */
	EXPECT_EQ(r.r9, 0x99);
	v = vcpu_find_apic(1);
	ASSERT_TRUE(v != NULL);
	EXPECT_TRUE(v->has_vmsa);
	EXPECT_FALSE(v->running);
	EXPECT_EQ(gpa_val(v->vmsa), VMSA);
	EXPECT_EQ(gpa_val(v->caa), CAA1);
	EXPECT_EQ(vcpu_find_vmsa(gpa(VMSA)), v);
	/* edk2's layout: CAA right after the VMSA; last known APIC ID. */
	fx_put_good_vmsa(P(0));
	EXPECT_EQ(create(P(0), P(1), FX_APIC_COUNT - 1), SVSM_SUCCESS);
}

TEST(create_vcpu_bad_addresses)
{
	const uint64_t bad[][2] = {
		{ VMSA + 8, CAA1 }, /* unaligned */
		{ VMSA, CAA1 + 0x800 },
		{ VMSA + 1, CAA1 },
		{ VMSA, VMSA }, /* equal */
		{ FX_SVSM_BASE, CAA1 }, /* SVSM region */
		{ VMSA, FX_SVSM_BASE + 0x1000 },
		{ FX_RAM_END, CAA1 }, /* beyond RAM */
		{ VMSA, 0x1000 },
		{ 0xfffffffffffff000ull, CAA1 },
		{ FX_CAA, CAA1 }, /* the caller's CAA */
		{ VMSA, FX_CAA },
	};

	fx_setup();
	fx_put_good_vmsa(VMSA);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!EXPECT_EQ(create(bad[i][0], bad[i][1], 1),
			       SVSM_ERR_INVALID_ADDRESS))
			printf("# case %zu\n", i);
	}
	EXPECT_TRUE(vcpu_find_apic(1) == NULL);

	/* Pages already used by another created vCPU. */
	EXPECT_EQ(create(VMSA, CAA1, 1), SVSM_SUCCESS);
	fx_put_good_vmsa(P(0));
	EXPECT_EQ(create(VMSA, P(1), 2), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(create(P(0), VMSA, 2), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(create(CAA1, P(1), 2), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(create(P(0), CAA1, 2), SVSM_ERR_INVALID_ADDRESS);
	/* Address errors come before APIC ID errors. */
	EXPECT_EQ(create(VMSA, P(1), 99), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_TRUE(vcpu_find_apic(2) == NULL);
}

TEST(create_vcpu_bad_apic_id)
{
	fx_setup();
	fx_put_good_vmsa(VMSA);
	EXPECT_EQ(create(VMSA, CAA1, FX_APIC_COUNT), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(create(VMSA, CAA1, 0xffffffff), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(create(VMSA, CAA1, 0), SVSM_ERR_INVALID_PARAMETER); /* self */
	EXPECT_EQ(create(VMSA, CAA1, 1ull << 32), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(create(VMSA, CAA1, 2), SVSM_SUCCESS);
	/* APIC ID 2 already has a VMSA. */
	fx_put_good_vmsa(P(0));
	EXPECT_EQ(create(P(0), P(1), 2), SVSM_ERR_INVALID_PARAMETER);
	/* A machine with just the boot vCPU knows no other APIC ID. */
	fake_set_apic_count(1);
	EXPECT_EQ(create(P(0), P(1), 1), SVSM_ERR_INVALID_PARAMETER);
}

TEST(create_vcpu_bad_vmsa_contents)
{
	const uint8_t vmpls[] = { 0, 1, 3, 0xff };
	uint8_t *v;

	fx_setup();
	v = fake_guest_ptr(VMSA);
	for (size_t i = 0; i < sizeof(vmpls); i++) {
		fx_put_good_vmsa(VMSA);
		v[0x0ca] = vmpls[i];
		EXPECT_EQ(create(VMSA, CAA1, 1), SVSM_ERR_INVALID_PARAMETER);
	}
	fx_put_good_vmsa(VMSA);
	v[0x0d1] = 0; /* EFER.SVME (bit 12) clear */
	EXPECT_EQ(create(VMSA, CAA1, 1), SVSM_ERR_INVALID_PARAMETER);
	fx_put_good_vmsa(VMSA);
	v[0x3b0] = 1; /* SEV_FEATURES differ from the caller's (0) */
	EXPECT_EQ(create(VMSA, CAA1, 1), SVSM_ERR_INVALID_PARAMETER);
	fx_put_good_vmsa(VMSA);
	v[0x3b7] = 0x80;
	EXPECT_EQ(create(VMSA, CAA1, 1), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_TRUE(vcpu_find_apic(1) == NULL);
	EXPECT_TRUE(vcpu_find_vmsa(gpa(VMSA)) == NULL);
	/* Other EFER bits and other bytes do not matter. */
	fx_put_good_vmsa(VMSA);
	memset(v + 0x400, 0xa5, 0x400);
	v[0x0d0] = 0xff;
	EXPECT_EQ(create(VMSA, CAA1, 1), SVSM_SUCCESS);
	/* A caller whose SEV_FEATURES are non-zero needs the same value. */
	fx_vcpu->sev_features = 0x21;
	fx_put_good_vmsa(P(0));
	EXPECT_EQ(create(P(0), P(1), 2), SVSM_ERR_INVALID_PARAMETER);
	fake_guest_ptr(P(0))[0x3b0] = 0x21;
	EXPECT_EQ(create(P(0), P(1), 2), SVSM_SUCCESS);
}

TEST(delete_vcpu)
{
	struct svsm_call_regs r;

	fx_setup();
	fx_put_good_vmsa(VMSA);
	EXPECT_EQ(create(VMSA, CAA1, 1), SVSM_SUCCESS);
	EXPECT_EQ(delete(VMSA + 8), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(delete(VMSA + 0x800), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(delete(CAA1), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(delete(FX_CAA), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(delete(P(5)), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(delete(FX_SVSM_BASE), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(delete(0xfffffffffffff000ull), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_TRUE(vcpu_find_apic(1) != NULL);
	r = fx_call(SVSM_CORE_DELETE_VCPU, VMSA, 0xdd, 0x88);
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, VMSA);
	EXPECT_EQ(r.rdx, 0xdd);
	EXPECT_EQ(r.r8, 0x88);
	EXPECT_TRUE(vcpu_find_apic(1) == NULL);
	EXPECT_EQ(delete(VMSA), SVSM_ERR_INVALID_PARAMETER);
	/* Everything is free again: same APIC ID, pages swapped. */
	fx_put_good_vmsa(CAA1);
	EXPECT_EQ(create(CAA1, VMSA, 1), SVSM_SUCCESS);
	EXPECT_EQ(delete(CAA1), SVSM_SUCCESS);
}

TEST(remap_ca_vs_vcpus)
{
	fx_setup();
	fx_put_good_vmsa(VMSA);
	EXPECT_EQ(create(VMSA, CAA1, 1), SVSM_SUCCESS);
	/* A registered VMSA cannot become a calling area. */
	EXPECT_EQ(fx_call(SVSM_CORE_REMAP_CA, VMSA, 0, 0).rax,
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(gpa_val(fx_vcpu->caa), FX_CAA);
	/* The VMSA page is in use as long as it is registered. */
	EXPECT_EQ(delete(VMSA), SVSM_SUCCESS);
	EXPECT_EQ(fx_call(SVSM_CORE_REMAP_CA, VMSA, 0, 0).rax, SVSM_SUCCESS);
	EXPECT_EQ(gpa_val(fx_vcpu->caa), VMSA);
	/* Now VMSA is the caller's CAA: not usable for a new vCPU. */
	fx_put_good_vmsa(P(0));
	EXPECT_EQ(create(VMSA, P(1), 1), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(create(P(0), FX_CAA, 1), SVSM_SUCCESS); /* old CAA is free */
	/* SVSM region and misalignment. */
	EXPECT_EQ(fx_call(SVSM_CORE_REMAP_CA, FX_SVSM_BASE, 0, 0).rax,
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(fx_call(SVSM_CORE_REMAP_CA, FX_SVSM_BASE + 4, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(fx_call(SVSM_CORE_REMAP_CA, FX_SVSM_BASE - 0x1000, 0, 0).rax,
		  SVSM_SUCCESS);
}
