// SPDX-License-Identifier: MIT
/* GHCB MSR protocol encoders and decoders (platform/snp/ghcb_msr.c). */
#include "test.h"
#include "platform/snp/ghcb_msr.h"

/* Linux's GHCB_MSR_VMPL_REQ_LEVEL before the 2025 precedence fix. */
#define GENMASK_7_0 0xffull
#define BUGGY_VMPL_REQ(v) (((uint64_t)(v) & GENMASK_7_0 << 32) | 0x16)

TEST(snp_ghcb_msr_vmpl_req)
{
	EXPECT_EQ(ghcb_msr_vmpl_req(0), 0x16);
	EXPECT_EQ(ghcb_msr_vmpl_req(1), 0x0000000100000016ull);
	EXPECT_EQ(ghcb_msr_vmpl_req(2), 0x0000000200000016ull);
	EXPECT_EQ(ghcb_msr_vmpl_req(3), 0x0000000300000016ull);
	EXPECT_EQ(ghcb_msr_vmpl_req(0xff), 0x000000ff00000016ull);
	/* The bug: the level vanished; the values only agree for VMPL0. */
	EXPECT_EQ(BUGGY_VMPL_REQ(2), 0x16);
	EXPECT_EQ(ghcb_msr_vmpl_req(0), BUGGY_VMPL_REQ(0));
	for (unsigned int v = 1; v < 256; v++) {
		uint64_t r = ghcb_msr_vmpl_req((uint8_t)v);

		EXPECT_NE(r, BUGGY_VMPL_REQ(v));
		EXPECT_EQ((r >> 32) & 0xff, v); /* GHCBData[39:32] */
		EXPECT_EQ(r >> 40, 0);
		EXPECT_EQ(r & 0xffffffffull, 0x16);
	}
}

TEST(snp_ghcb_msr_vmpl_resp)
{
	EXPECT_TRUE(ghcb_msr_vmpl_resp_ok(0x17));
	EXPECT_FALSE(ghcb_msr_vmpl_resp_ok(0x16)); /* request left unhandled */
	EXPECT_FALSE(ghcb_msr_vmpl_resp_ok(0x117));
	EXPECT_FALSE(ghcb_msr_vmpl_resp_ok(0x0000000100000017ull));
	EXPECT_FALSE(ghcb_msr_vmpl_resp_ok(0x8000000000000017ull));
	/* GHCBData[31:12] are not part of the result. */
	EXPECT_TRUE(ghcb_msr_vmpl_resp_ok(0x00000000fffff017ull));
}

TEST(snp_ghcb_msr_reg_gpa)
{
	uint64_t v = 0;

	EXPECT_TRUE(ghcb_msr_reg_gpa_req(gpa(0x12345000), &v));
	EXPECT_EQ(v, 0x12345012);
	EXPECT_TRUE(ghcb_msr_reg_gpa_req(gpa(0x000ffffffffff000ull), &v));
	EXPECT_EQ(v, 0x000ffffffffff012ull);
	EXPECT_FALSE(ghcb_msr_reg_gpa_req(gpa(0x12345800), &v));
	EXPECT_TRUE(ghcb_msr_reg_gpa_resp_ok(0x12345013, gpa(0x12345000)));
	EXPECT_FALSE(ghcb_msr_reg_gpa_resp_ok(0x12345012, gpa(0x12345000)));
	EXPECT_FALSE(ghcb_msr_reg_gpa_resp_ok(0x12346013, gpa(0x12345000)));
	/* GFN all ones: the hypervisor refused. */
	EXPECT_FALSE(ghcb_msr_reg_gpa_resp_ok(0xfffffffffffff013ull,
					      gpa(0xfffffffffffff000ull)));
}

TEST(snp_ghcb_msr_psc)
{
	uint64_t v = 0;

	EXPECT_TRUE(ghcb_msr_psc_req(gpa(0x12345000), GHCB_PSC_OP_PRIVATE, &v));
	EXPECT_EQ(v, 0x0010000012345014ull);
	EXPECT_TRUE(ghcb_msr_psc_req(gpa(0x12345000), GHCB_PSC_OP_SHARED, &v));
	EXPECT_EQ(v, 0x0020000012345014ull);
	/* Highest GFN that fits in GHCBData[51:12]. */
	EXPECT_TRUE(ghcb_msr_psc_req(gpa(0x000ffffffffff000ull),
				     GHCB_PSC_OP_SHARED, &v));
	EXPECT_EQ(v, 0x002ffffffffff014ull);
	EXPECT_EQ((v >> 12) & ((1ull << 40) - 1), 0xffffffffffull);
	EXPECT_EQ((v >> 52) & 0xf, 2);
	v = 0x5a;
	EXPECT_FALSE(ghcb_msr_psc_req(gpa(0x0010000000000000ull),
				      GHCB_PSC_OP_SHARED, &v));
	EXPECT_FALSE(ghcb_msr_psc_req(gpa(0x12345008), GHCB_PSC_OP_SHARED, &v));
	EXPECT_FALSE(ghcb_msr_psc_req(gpa(0x12345000), 0, &v));
	EXPECT_FALSE(ghcb_msr_psc_req(gpa(0x12345000), 3, &v));
	EXPECT_FALSE(ghcb_msr_psc_req(gpa(0x12345000), 0x11, &v));
	EXPECT_EQ(v, 0x5a); /* untouched on failure */

	EXPECT_TRUE(ghcb_msr_psc_resp_ok(0x15));
	EXPECT_FALSE(ghcb_msr_psc_resp_ok(0x14));
	EXPECT_FALSE(ghcb_msr_psc_resp_ok(0x0000000100000015ull));
	EXPECT_EQ(ghcb_msr_psc_resp_error(0xdeadbeef00000015ull), 0xdeadbeef);
}

TEST(snp_ghcb_msr_term)
{
	EXPECT_EQ(ghcb_msr_term_req(0, 0), 0x100);
	/* Linux: set 1 (SEV_TERM_SET_LINUX), GHCB_TERM_NO_SVSM = 7. */
	EXPECT_EQ(ghcb_msr_term_req(1, 7), 0x71100);
	EXPECT_EQ(ghcb_msr_term_req(0xf, 0xff), 0xfff100);
	/* The set is 4 bits: no spill into the reason code. */
	EXPECT_EQ(ghcb_msr_term_req(0x1f, 0), 0xf100);
	EXPECT_EQ(ghcb_msr_code(ghcb_msr_term_req(3, 2)), 0x100);
}
