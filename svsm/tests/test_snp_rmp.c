// SPDX-License-Identifier: MIT
/*
 * SNP page validation (platform/snp/rmp.c) over a fake snp_rmp_ops that
 * records each instruction, and the SNP platform_ops stubs.  The real
 * instruction wrappers (platform/snp/insn.h) are never executed here.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "platform/snp/rmp.h"
#include "platform/snp/snp.h"

#define MAX_LOG 16

static struct {
	uint8_t *mem; /* 2 MiB standing in for the page or block */
	gpa_t mapped;
	bool map_fail;
	int maps, unmaps;
	/* Scripted results, consumed in order; then success. */
	struct snp_pvalidate_result pv[4];
	int pv_n, pv_i;
	uint32_t adj[4];
	int adj_n, adj_i;
	/* Call log: 'P' + validate, 'A' + attrs; and the memory at grant time. */
	char kind[MAX_LOG];
	uint64_t arg[MAX_LOG];
	int n;
	bool zero_at_grant;
} f;

static void *fake_map(gpa_t g, bool huge)
{
	(void)huge;
	f.maps++;
	f.mapped = g;
	return f.map_fail ? NULL : f.mem;
}

static void fake_unmap(void *va, bool huge)
{
	(void)huge;
	if (va == f.mem)
		f.unmaps++;
}

static struct snp_pvalidate_result fake_pvalidate(void *va, bool huge, bool validate)
{
	(void)va;
	if (f.n < MAX_LOG) {
		f.kind[f.n] = 'P';
		f.arg[f.n++] = (uint64_t)validate | (uint64_t)huge << 1;
	}
	if (f.pv_i < f.pv_n)
		return f.pv[f.pv_i++];
	return (struct snp_pvalidate_result){ 0, false };
}

static uint32_t fake_rmpadjust(void *va, bool huge, uint64_t attrs)
{
	size_t size = huge ? SZ_2M : PAGE_SIZE;

	if (f.n < MAX_LOG) {
		f.kind[f.n] = 'A';
		f.arg[f.n++] = attrs;
	}
	if (attrs & 0xff00) { /* a grant: the memory must be zero by now */
		f.zero_at_grant = true;
		for (size_t i = 0; i < size; i++)
			if (((uint8_t *)va)[i]) {
				f.zero_at_grant = false;
				break;
			}
	}
	if (f.adj_i < f.adj_n)
		return f.adj[f.adj_i++];
	return 0;
}

static const struct snp_rmp_ops fake_ops = {
	.map = fake_map,
	.unmap = fake_unmap,
	.pvalidate = fake_pvalidate,
	.rmpadjust = fake_rmpadjust,
};

static void reset(void)
{
	static uint8_t *mem;

	if (!mem)
		mem = malloc(SZ_2M);
	memset(&f, 0, sizeof(f));
	f.mem = mem;
	memset(mem, 0xcc, SZ_2M); /* whatever the hypervisor left there */
}

TEST(snp_pvalidate_rc_mapping)
{
	EXPECT_EQ(snp_pvalidate_rc((struct snp_pvalidate_result){ 0, false }),
		  PVALIDATE_RC_OK);
	EXPECT_EQ(snp_pvalidate_rc((struct snp_pvalidate_result){ 0, true }),
		  PVALIDATE_RC_UNCHANGED);
	EXPECT_EQ(snp_pvalidate_rc((struct snp_pvalidate_result){ 1, false }),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_pvalidate_rc((struct snp_pvalidate_result){ 6, false }),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH);
	/* CF only means "unchanged" together with success. */
	EXPECT_EQ(snp_pvalidate_rc((struct snp_pvalidate_result){ 6, true }),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH);
	/* Undefined codes fail safe. */
	EXPECT_EQ(snp_pvalidate_rc((struct snp_pvalidate_result){ 2, false }),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_pvalidate_rc((struct snp_pvalidate_result){ 0x10, false }),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_pvalidate_rc((struct snp_pvalidate_result){ 0xffffffffu, true }),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_rmpadjust_rc(0), PVALIDATE_RC_OK);
	EXPECT_EQ(snp_rmpadjust_rc(1), PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_rmpadjust_rc(2), PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_rmpadjust_rc(6), PVALIDATE_RC_FAIL_SIZEMISMATCH);
}

TEST(snp_rmpadjust_attrs)
{
	EXPECT_EQ(snp_rmpadjust_attrs(2, SNP_RMP_PERM_RWX, false), 0x0f02);
	EXPECT_EQ(snp_rmpadjust_attrs(1, 0, false), 0x0001); /* Linux's VMPL0 probe */
	EXPECT_EQ(snp_rmpadjust_attrs(3, SNP_RMP_PERM_READ, true), 0x10103);
}

TEST(snp_rmp_validate_sequence)
{
	reset();
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x123000), false, true),
		  PVALIDATE_RC_OK);
	EXPECT_EQ(gpa_val(f.mapped), 0x123000);
	ASSERT_EQ(f.n, 2);
	EXPECT_EQ(f.kind[0], 'P');
	EXPECT_EQ(f.arg[0], 1); /* validate, 4 KiB */
	EXPECT_EQ(f.kind[1], 'A');
	EXPECT_EQ(f.arg[1], 0x0f02); /* VMPL2 RWX */
	EXPECT_TRUE(f.zero_at_grant);
	EXPECT_EQ(f.mem[PAGE_SIZE], 0xcc); /* only the 4 KiB page zeroed */
	EXPECT_EQ(f.maps, 1);
	EXPECT_EQ(f.unmaps, 1);

	reset();
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x400000), true, true),
		  PVALIDATE_RC_OK);
	EXPECT_EQ(f.arg[0], 3); /* validate, 2 MiB */
	EXPECT_TRUE(f.zero_at_grant);
	EXPECT_EQ(f.mem[SZ_2M - 1], 0);
}

TEST(snp_rmp_rescind_sequence)
{
	reset();
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x123000), false, false),
		  PVALIDATE_RC_OK);
	ASSERT_EQ(f.n, 3);
	/* Access revoked from VMPL2 and VMPL3 first, then PVALIDATE. */
	EXPECT_EQ(f.kind[0], 'A');
	EXPECT_EQ(f.arg[0], 0x0002);
	EXPECT_EQ(f.kind[1], 'A');
	EXPECT_EQ(f.arg[1], 0x0003);
	EXPECT_EQ(f.kind[2], 'P');
	EXPECT_EQ(f.arg[2], 0);
	EXPECT_EQ(f.mem[0], 0xcc); /* a rescind does not zero */
	EXPECT_EQ(f.unmaps, 1);

	reset();
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 1, gpa(0x200000), true, false),
		  PVALIDATE_RC_OK);
	EXPECT_EQ(f.n, 4); /* VMPL1, 2, 3, then PVALIDATE */
	EXPECT_EQ(f.arg[3], 2);
}

TEST(snp_rmp_failures)
{
	/* PVALIDATE errors pass through; no grant, no zeroing. */
	reset();
	f.pv[0] = (struct snp_pvalidate_result){ 6, false };
	f.pv_n = 1;
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x200000), true, true),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH);
	EXPECT_EQ(f.n, 1);
	EXPECT_EQ(f.mem[0], 0xcc);
	EXPECT_EQ(f.unmaps, 1);

	/* Already validated: UNCHANGED, guest data untouched, no grant. */
	reset();
	f.pv[0] = (struct snp_pvalidate_result){ 0, true };
	f.pv_n = 1;
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x1000), false, true),
		  PVALIDATE_RC_UNCHANGED);
	EXPECT_EQ(f.n, 1);
	EXPECT_EQ(f.mem[0], 0xcc);

	/* Grant fails: rescinded again, FAIL_INPUT. */
	reset();
	f.adj[0] = 2;
	f.adj_n = 1;
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x1000), false, true),
		  PVALIDATE_RC_FAIL_INPUT);
	ASSERT_EQ(f.n, 3);
	EXPECT_EQ(f.kind[2], 'P');
	EXPECT_EQ(f.arg[2], 0);
	EXPECT_EQ(f.unmaps, 1);

	/* Revoke fails: no PVALIDATE. */
	reset();
	f.adj[0] = 6;
	f.adj_n = 1;
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x1000), false, false),
		  PVALIDATE_RC_FAIL_SIZEMISMATCH);
	EXPECT_EQ(f.n, 1);

	/* No mapping, bad alignment, bad guest VMPL: nothing executed. */
	reset();
	f.map_fail = true;
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x1000), false, true),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(f.unmaps, 0);
	f.map_fail = false;
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x1800), false, true),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 2, gpa(0x201000), true, true),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 0, gpa(0x1000), false, true),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(snp_rmp_set_validated(&fake_ops, 4, gpa(0x1000), false, true),
		  PVALIDATE_RC_FAIL_INPUT);
	EXPECT_EQ(f.n, 0);
	EXPECT_EQ(f.maps, 1);
}

/* The SNP ops table: every hardware-dependent op fails the documented way. */
TEST(snp_platform_ops_stubs)
{
	const struct platform_ops *o = &snp_platform_ops;

	EXPECT_TRUE(test_strcontains(o->name, "SEV-SNP"));
	EXPECT_TRUE(o->console_write && o->map_guest && o->pvalidate &&
		    o->apic_id_known && o->halt);
	o->console_write("dropped\n", 8);
	EXPECT_TRUE(o->map_guest(gpa(0x100000), 4096) == NULL);
	/* No mapping yet, so no instruction runs: FAIL_INPUT. */
	EXPECT_EQ(o->pvalidate(gpa(0x100000), false, true), PVALIDATE_RC_FAIL_INPUT);
	EXPECT_FALSE(o->apic_id_known(0));
}
