// SPDX-License-Identifier: MIT
/* SNP secrets page: parse, SVSM field checks, the guest's copy, wipes. */
#include <string.h>

#include "test.h"
#include "platform/snp/secrets.h"

static uint8_t page[SNP_SECRETS_SIZE], copy[SNP_SECRETS_SIZE];

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A page as the secure processor writes it, plus SVSM fields. */
static void fill_page(void)
{
	memset(page, 0, sizeof(page));
	page[0x000] = 3; /* version */
	page[0x004] = 1; /* imien */
	page[0x008] = 0x11; page[0x009] = 0x0f; page[0x00a] = 0xa0; /* fms */
	for (int i = 0; i < 16; i++)
		page[0x010 + i] = 0xe0 + i; /* gosvw */
	for (int k = 0; k < 4; k++)
		for (int i = 0; i < 32; i++)
			page[0x020 + 32 * k + i] = (uint8_t)(0x10 * (k + 1) + i);
	page[0x0a0] = 7; page[0x0a4] = 0x34; page[0x0a5] = 0x12; /* seqnos */
	page[0x0ac] = 0xff; page[0x0ad] = 0xff; page[0x0ae] = 0xff; page[0x0af] = 0xff;
	put64(page + 0x0b0, 0x9000);
	put64(page + 0x140, 0x7f000000);
	put64(page + 0x148, 0x01000000);
	put64(page + 0x150, 0x00100000);
	page[0x158] = 1;
	page[0x15c] = 2;
	page[0x160] = 0x78; page[0x161] = 0x56;
}

TEST(snp_secrets_parse_layout)
{
	struct snp_secrets s;

	fill_page();
	ASSERT_EQ(snp_secrets_parse(page, sizeof(page), &s), SNP_SECRETS_OK);
	EXPECT_EQ(s.version, 3);
	EXPECT_EQ(s.imien, 1);
	EXPECT_EQ(s.fms, 0xa00f11);
	EXPECT_EQ(s.gosvw[0], 0xe0);
	EXPECT_EQ(s.gosvw[15], 0xef);
	for (int k = 0; k < 4; k++) {
		EXPECT_EQ(s.vmpck[k][0], 0x10 * (k + 1));
		EXPECT_EQ(s.vmpck[k][31], 0x10 * (k + 1) + 31);
	}
	EXPECT_EQ(s.os_msg_seqno[0], 7);
	EXPECT_EQ(s.os_msg_seqno[1], 0x1234);
	EXPECT_EQ(s.os_msg_seqno[2], 0);
	EXPECT_EQ(s.os_msg_seqno[3], 0xffffffffu);
	EXPECT_EQ(s.os_ap_jump_table_pa, 0x9000);
	EXPECT_EQ(s.svsm_base, 0x7f000000);
	EXPECT_EQ(s.svsm_size, 0x01000000);
	EXPECT_EQ(s.svsm_caa, 0x00100000);
	EXPECT_EQ(s.svsm_max_version, 1);
	EXPECT_EQ(s.svsm_guest_vmpl, 2);
	EXPECT_EQ(s.tsc_factor, 0x5678);
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_OK);
}

TEST(snp_secrets_parse_rejects)
{
	struct snp_secrets s;

	fill_page();
	EXPECT_EQ(snp_secrets_parse(page, 4095, &s), SNP_SECRETS_BAD_LEN);
	EXPECT_EQ(snp_secrets_parse(page, 8192, &s), SNP_SECRETS_BAD_LEN);
	for (int i = 0; i < 3; i++) {
		fill_page();
		page[0x15d + i] = 1;
		EXPECT_EQ(snp_secrets_parse(page, sizeof(page), &s),
			  SNP_SECRETS_BAD_RSVD);
	}
}

/* Each Linux/edk2 guest check of the SVSM fields, one field at a time. */
TEST(snp_secrets_check_svsm)
{
	struct snp_secrets s, good;

	fill_page();
	ASSERT_EQ(snp_secrets_parse(page, sizeof(page), &good), SNP_SECRETS_OK);
	s = good; s.svsm_size = 0;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_NO_SVSM);
	s = good; s.svsm_guest_vmpl = 0;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_VMPL0);
	s = good; s.svsm_guest_vmpl = 4;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_BAD_VMPL);
	s = good; s.svsm_guest_vmpl = 1;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_OK);
	s = good; s.svsm_guest_vmpl = 3;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_OK);
	s = good; s.svsm_caa = 0x100008;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_BAD_CAA);
	s = good; s.svsm_caa = s.svsm_base;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_BAD_CAA);
	s = good; s.svsm_caa = s.svsm_base + s.svsm_size - 0x1000;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_BAD_CAA);
	s = good; s.svsm_caa = s.svsm_base + s.svsm_size;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_OK);
	s = good; s.svsm_base += 0x800;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_BAD_REGION);
	s = good; s.svsm_size = 0x1800;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_BAD_REGION);
	s = good; s.svsm_base = 0xfffffffffff00000ull;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_BAD_REGION);
	s = good; s.svsm_max_version = 0;
	EXPECT_EQ(snp_secrets_check_svsm(&s), SNP_SECRETS_BAD_VERSION);
}

TEST(snp_secrets_guest_copy)
{
	struct snp_secrets_svsm svsm = {
		.base = gpa(0x7e000000), .size = 0x2000000,
		.caa = gpa(0x200000), .max_version = 1, .guest_vmpl = 2,
	};
	uint8_t zero[32] = { 0 };
	struct snp_secrets s;

	fill_page();
	memset(page + 0x140, 0, 0x20); /* the PSP leaves them zero */
	memcpy(copy, page, sizeof(copy));
	ASSERT_EQ(snp_secrets_make_guest_copy(page, copy, sizeof(copy), &svsm),
		  SNP_SECRETS_OK);
	/* VMPCK0 and 1 gone, 2 and 3 kept; the source untouched. */
	EXPECT_MEMEQ(copy + 0x20, zero, 32);
	EXPECT_MEMEQ(copy + 0x40, zero, 32);
	EXPECT_MEMEQ(copy + 0x60, page + 0x60, 64);
	EXPECT_EQ(page[0x20], 0x10);
	/* Everything but the keys and SVSM fields is copied verbatim. */
	EXPECT_MEMEQ(copy, page, 0x20);
	EXPECT_MEMEQ(copy + 0xa0, page + 0xa0, 0x140 - 0xa0);
	EXPECT_MEMEQ(copy + 0x160, page + 0x160, 4096 - 0x160);
	ASSERT_EQ(snp_secrets_parse(copy, sizeof(copy), &s), SNP_SECRETS_OK);
	EXPECT_EQ(s.svsm_base, 0x7e000000);
	EXPECT_EQ(s.svsm_size, 0x2000000);
	EXPECT_EQ(s.svsm_caa, 0x200000);
	EXPECT_EQ(s.svsm_max_version, 1);
	EXPECT_EQ(s.svsm_guest_vmpl, 2);
	EXPECT_EQ(copy[0x158], 1);
	EXPECT_EQ(copy[0x15c], 2);

	/* VMPL1: only VMPCK0 goes; VMPL3: 0..2 go. */
	ASSERT_EQ(snp_secrets_make_guest_copy(page, copy, sizeof(copy),
					      &(struct snp_secrets_svsm){
						      .base = svsm.base, .size = svsm.size,
						      .caa = svsm.caa, .max_version = 1,
						      .guest_vmpl = 1 }),
		  SNP_SECRETS_OK);
	EXPECT_MEMEQ(copy + 0x20, zero, 32);
	EXPECT_MEMEQ(copy + 0x40, page + 0x40, 96);
	svsm.guest_vmpl = 3;
	ASSERT_EQ(snp_secrets_make_guest_copy(page, copy, sizeof(copy), &svsm),
		  SNP_SECRETS_OK);
	EXPECT_MEMEQ(copy + 0x60, zero, 32);
	EXPECT_MEMEQ(copy + 0x80, page + 0x80, 32);
}

TEST(snp_secrets_guest_copy_rejects)
{
	struct snp_secrets_svsm svsm = {
		.base = gpa(0x7e000000), .size = 0x2000000,
		.caa = gpa(0x7e001000), /* inside the SVSM */
		.max_version = 1, .guest_vmpl = 2,
	};
	uint8_t zpage[SNP_SECRETS_SIZE] = { 0 };

	fill_page();
	memset(copy, 0xaa, sizeof(copy));
	EXPECT_EQ(snp_secrets_make_guest_copy(page, copy, sizeof(copy), &svsm),
		  SNP_SECRETS_BAD_CAA);
	/* A failed copy leaves no key behind. */
	EXPECT_MEMEQ(copy, zpage, sizeof(copy));
	svsm.caa = gpa(0x1000);
	svsm.guest_vmpl = 0;
	EXPECT_EQ(snp_secrets_make_guest_copy(page, copy, sizeof(copy), &svsm),
		  SNP_SECRETS_VMPL0);
	svsm.guest_vmpl = 4;
	EXPECT_EQ(snp_secrets_make_guest_copy(page, copy, sizeof(copy), &svsm),
		  SNP_SECRETS_BAD_VMPL);
	svsm.guest_vmpl = 2;
	svsm.size = 0;
	EXPECT_EQ(snp_secrets_make_guest_copy(page, copy, sizeof(copy), &svsm),
		  SNP_SECRETS_NO_SVSM);
	svsm.size = 0x2000000;
	EXPECT_EQ(snp_secrets_make_guest_copy(page, copy, 100, &svsm),
		  SNP_SECRETS_BAD_LEN);
}

TEST(snp_secrets_wipe_vmpck)
{
	uint8_t zero[32] = { 0 };
	uint8_t key[32];

	fill_page();
	EXPECT_EQ(snp_secrets_wipe_vmpck(page, sizeof(page), 2), SNP_SECRETS_OK);
	EXPECT_MEMEQ(page + 0x60, zero, 32);
	EXPECT_EQ(page[0x5f], 0x20 + 31); /* neighbours intact */
	EXPECT_EQ(page[0x80], 0x40);
	EXPECT_EQ(snp_secrets_wipe_vmpck(page, sizeof(page), 4),
		  SNP_SECRETS_BAD_INDEX);
	EXPECT_EQ(snp_secrets_wipe_vmpck(page, 10, 0), SNP_SECRETS_BAD_LEN);
	memset(key, 0x5a, sizeof(key));
	EXPECT_FALSE(snp_vmpck_is_zero(key));
	key[0] = 0;
	EXPECT_FALSE(snp_vmpck_is_zero(key));
	snp_vmpck_wipe(key);
	EXPECT_TRUE(snp_vmpck_is_zero(key));
	EXPECT_MEMEQ(key, zero, 32);
}
