// SPDX-License-Identifier: MIT
/* SVSM_CORE_PVALIDATE: list checks, entry errors, state model, one fetch. */
#include <stdio.h>
#include <string.h>

#include "core_fixture.h"
#include "core/rmp_model.h"
#include <svsm/core.h>
#include <svsm/protocol.h>

#define LIST (FX_CAA + 8) /* where Linux puts it: the CAA buffer */
#define PG(n) (0x300000ull + (n) * 0x1000ull) /* 4 KiB pages, n < 1280 */
#define BLOCK 0x400000ull /* a whole 2 MiB block, no CAA in it */
#define V SVSM_PVALIDATE_VALIDATE
#define IGN SVSM_PVALIDATE_IGNORE_CF
#define HUGE SVSM_PVALIDATE_SIZE_2M

static uint32_t pval(uint64_t list, const uint64_t *e, uint16_t n)
{
	fx_put_list(list, n, 0, e, n);
	return (uint32_t)fx_call(SVSM_CORE_PVALIDATE, list, 0, 0).rax;
}

/* Rescind every 4 KiB page of the block at b, straight in the model. */
static void model_rescind_block(uint64_t b)
{
	for (uint64_t a = b; a < b + SZ_2M; a += 0x1000)
		rmp_model_pvalidate(fake_rmp(), gpa(a), false, false);
}

TEST(pvalidate_list_address)
{
	uint64_t e = PG(0);
	struct svsm_call_regs r;

	fx_setup();
	fx_put_list(LIST, 1, 0, &e, 1);
	for (uint64_t off = 1; off < 8; off++)
		EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST + off, 0, 0).rax,
			  SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, FX_SVSM_BASE, 0, 0).rax,
		  SVSM_ERR_INVALID_ADDRESS);
	/* Just below the SVSM region: a readable (empty) list. */
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, FX_SVSM_BASE - 0x10, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, 0x1000, 0, 0).rax,
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, 0xfffffffffffffff8ull, 0, 0).rax,
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_TRUE(fx_page_valid(PG(0)));
	/* Registers other than RAX are not outputs. */
	r = fx_call(SVSM_CORE_PVALIDATE, LIST, 0xdd, 0x88);
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, LIST);
	EXPECT_EQ(r.rdx, 0xdd);
	EXPECT_EQ(r.r8, 0x88);
	EXPECT_EQ(r.r9, 0x99);
	EXPECT_FALSE(fx_page_valid(PG(0)));
}

TEST(pvalidate_header_checks)
{
	uint64_t e[2] = { PG(0), PG(1) };
	uint8_t *hdr;

	fx_setup();
	hdr = fake_guest_ptr(LIST);
	fx_put_list(LIST, 0, 0, e, 2);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	fx_put_list(LIST, 2, 2, e, 2); /* cur_index == entries */
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(fx_cur_index(LIST), 2);
	fx_put_list(LIST, 2, 7, e, 2);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(fx_cur_index(LIST), 7);
	for (int i = 4; i < 8; i++) {
		fx_put_list(LIST, 2, 0, e, 2);
		hdr[i] = 0x01;
		EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax,
			  SVSM_ERR_INVALID_PARAMETER);
		EXPECT_EQ(fx_cur_index(LIST), 0);
	}
	EXPECT_TRUE(fx_page_valid(PG(0)) && fx_page_valid(PG(1)));
}

/* n rescinds of consecutive pages starting at PG(0). */
static void fill_rescinds(uint64_t *e, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		e[i] = PG(i);
}

TEST(pvalidate_list_fills_page)
{
	static uint64_t e[512];

	fx_setup();
	fill_rescinds(e, 512);
	/* From CAA + 8: 510 entries exactly fill the page ... */
	EXPECT_EQ(pval(LIST, e, 510), SVSM_SUCCESS);
	EXPECT_EQ(fx_cur_index(LIST), 510);
	EXPECT_FALSE(fx_page_valid(PG(509)));
	EXPECT_TRUE(fx_page_valid(PG(510)));
	/* ... 511 is one over. */
	fx_put_list(LIST, 511, 0, e, 510);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(fx_cur_index(LIST), 0);
	EXPECT_TRUE(fx_page_valid(PG(510)));
	EXPECT_EQ(SVSM_PVALIDATE_MAX_COUNT, 510);
}

TEST(pvalidate_list_offsets)
{
	static uint64_t e[512];
	const uint64_t page = 0x210000;

	fx_setup();
	fill_rescinds(e, 512);
	/* At a page start: 511 fit, 512 do not. */
	fx_put_list(page, 512, 0, e, 511);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, page, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(pval(page, e, 511), SVSM_SUCCESS);
	EXPECT_EQ(fx_cur_index(page), 511);
	/* Header in the last 16 bytes: room for one entry. */
	fx_put_list(page + 0xff0, 2, 0, &e[0], 1);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, page + 0xff0, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	e[511] = PG(511);
	EXPECT_EQ(pval(page + 0xff0, &e[511], 1), SVSM_SUCCESS);
	EXPECT_FALSE(fx_page_valid(PG(511)));
	/* Header in the last 8 bytes: no room at all. */
	fx_put_list(page + 0xff8, 1, 0, NULL, 0);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, page + 0xff8, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
	/* The last 8 bytes of guest RAM. */
	fx_put_list(FX_RAM_END - 8, 1, 0, NULL, 0);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, FX_RAM_END - 8, 0, 0).rax,
		  SVSM_ERR_INVALID_PARAMETER);
}

struct bad_entry {
	uint64_t e;
	uint32_t rc;
};

TEST(pvalidate_entry_errors)
{
	const struct bad_entry bad[] = {
		{ PG(5) | 2, SVSM_ERR_INVALID_PARAMETER },
		{ PG(5) | 3, SVSM_ERR_INVALID_PARAMETER },
		{ PG(5) | (1 << 4), SVSM_ERR_INVALID_PARAMETER },
		{ PG(5) | (1 << 11), SVSM_ERR_INVALID_PARAMETER },
		{ PG(5) | 0xff0 | V, SVSM_ERR_INVALID_PARAMETER },
		{ (BLOCK + 0x1000) | HUGE, SVSM_ERR_INVALID_PARAMETER },
		{ (BLOCK + 0x100000) | HUGE | V, SVSM_ERR_INVALID_PARAMETER },
		{ FX_SVSM_BASE, SVSM_ERR_INVALID_ADDRESS },
		{ (FX_SVSM_BASE + FX_SVSM_SIZE - 0x1000) | V, SVSM_ERR_INVALID_ADDRESS },
		{ FX_SVSM_BASE | HUGE, SVSM_ERR_INVALID_ADDRESS },
		{ FX_RAM_END, SVSM_ERR_INVALID_ADDRESS },
		{ 0x1000, SVSM_ERR_INVALID_ADDRESS },
		{ 0 | HUGE, SVSM_ERR_INVALID_ADDRESS },
		{ 0xfffffffffffff000ull, SVSM_ERR_INVALID_ADDRESS },
		{ 0xffffffffffe00000ull | HUGE | V, SVSM_ERR_INVALID_ADDRESS },
		{ FX_CAA, SVSM_ERR_INVALID_ADDRESS }, /* the caller's CAA */
		{ FX_CAA | HUGE, SVSM_ERR_INVALID_ADDRESS }, /* block with it */
	};
	uint64_t e[3];

	fx_setup();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* Rescind PG(0), fail on the bad one, never reach PG(1). */
		e[0] = PG(0) | IGN;
		e[1] = bad[i].e;
		e[2] = PG(1);
		if (!EXPECT_EQ(pval(LIST, e, 3), bad[i].rc))
			printf("# bad entry %zu: 0x%llx\n", i,
			       (unsigned long long)bad[i].e);
		EXPECT_EQ(fx_cur_index(LIST), 1);
		EXPECT_FALSE(fx_page_valid(PG(0)));
		EXPECT_TRUE(fx_page_valid(PG(1)));
		EXPECT_TRUE(fx_page_valid(PG(5)));
		EXPECT_TRUE(fx_page_valid(FX_CAA));
		EXPECT_FALSE(rmp_model_block_is_2m(fake_rmp(), gpa(BLOCK)));
	}
}

TEST(pvalidate_state_4k)
{
	uint64_t e[2];

	fx_setup();
	/* Boot state: every page valid as 4 KiB. */
	EXPECT_TRUE(fx_page_valid(PG(3)));
	e[0] = PG(3) | V; /* validate a valid page */
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_UNCHANGED);
	EXPECT_EQ(fx_cur_index(LIST), 0);
	e[0] = PG(3); /* rescind */
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	EXPECT_EQ(fx_cur_index(LIST), 1);
	EXPECT_FALSE(fx_page_valid(PG(3)));
	/* Rescind again: unchanged; the failing entry's index comes back. */
	e[0] = PG(4);
	e[1] = PG(3);
	EXPECT_EQ(pval(LIST, e, 2), SVSM_ERR_PVALIDATE_FAIL_UNCHANGED);
	EXPECT_EQ(SVSM_ERR_PVALIDATE_FAIL_UNCHANGED, 0x80001010u);
	EXPECT_EQ(fx_cur_index(LIST), 1);
	EXPECT_FALSE(fx_page_valid(PG(4)));
	e[1] = PG(3) | IGN;
	fx_put_list(LIST, 2, 1, e, 2); /* resume at the failed entry */
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax, SVSM_SUCCESS);
	EXPECT_EQ(fx_cur_index(LIST), 2);

	/* Validate zeroes the page (and only it). */
	memset(fake_guest_ptr(PG(2)), 0xaa, 3 * 0x1000);
	e[0] = PG(3) | V;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	EXPECT_TRUE(fx_page_valid(PG(3)));
	EXPECT_EQ(fake_guest_ptr(PG(3))[0], 0);
	EXPECT_EQ(fake_guest_ptr(PG(3))[0xfff], 0);
	EXPECT_EQ(fake_guest_ptr(PG(3) - 1)[0], 0xaa);
	EXPECT_EQ(fake_guest_ptr(PG(4))[0], 0xaa);
	/* Validate of a valid page with ignore_cf: success, zeroed (COCONUT). */
	memset(fake_guest_ptr(PG(3)), 0xbb, 0x1000);
	e[0] = PG(3) | V | IGN;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	EXPECT_EQ(fake_guest_ptr(PG(3))[0x800], 0);
	/* A failed validate does not zero. */
	memset(fake_guest_ptr(PG(3)), 0xcc, 0x1000);
	e[0] = PG(3) | V;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_UNCHANGED);
	EXPECT_EQ(fake_guest_ptr(PG(3))[0x800], 0xcc);
	/* Rescind does not touch contents. */
	e[0] = PG(3);
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	EXPECT_EQ(fake_guest_ptr(PG(3))[0x800], 0xcc);
}

TEST(pvalidate_state_2m)
{
	uint64_t e[1];

	fx_setup();
	/* Valid as 4 KiB pages: 2 MiB ops mismatch both ways. */
	e[0] = BLOCK | HUGE | V;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH);
	EXPECT_EQ(SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH, 0x80001006u);
	e[0] = BLOCK | HUGE;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH);
	e[0] = BLOCK | HUGE | IGN; /* ignore_cf does not cover a mismatch */
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH);
	EXPECT_TRUE(fx_page_valid(BLOCK));

	/* Mixed states: mismatch. */
	model_rescind_block(BLOCK);
	rmp_model_pvalidate(fake_rmp(), gpa(BLOCK + 0x5000), false, true);
	e[0] = BLOCK | HUGE | V;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH);
	rmp_model_pvalidate(fake_rmp(), gpa(BLOCK + 0x5000), false, false);

	/* All invalid: rescind is unchanged, validate makes a 2 MiB page. */
	e[0] = BLOCK | HUGE;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_UNCHANGED);
	e[0] = BLOCK | HUGE | IGN;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	memset(fake_guest_ptr(BLOCK), 0x5a, SZ_2M);
	e[0] = BLOCK | HUGE | V;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	EXPECT_TRUE(rmp_model_block_is_2m(fake_rmp(), gpa(BLOCK)));
	EXPECT_TRUE(fx_page_valid(BLOCK + SZ_2M - 0x1000));
	EXPECT_EQ(fake_guest_ptr(BLOCK)[0], 0);
	EXPECT_EQ(fake_guest_ptr(BLOCK + SZ_2M - 1)[0], 0);
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_UNCHANGED);

	/* 4 KiB ops inside a 2 MiB page: mismatch, even with ignore_cf. */
	e[0] = (BLOCK + 0x3000) | V | IGN;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH);
	e[0] = BLOCK + 0x1ff000;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH);
	EXPECT_TRUE(fx_page_valid(BLOCK + 0x1ff000));

	/* Rescind the 2 MiB page: all invalid, then 4 KiB works again. */
	e[0] = BLOCK | HUGE;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	EXPECT_FALSE(rmp_model_block_is_2m(fake_rmp(), gpa(BLOCK)));
	EXPECT_FALSE(fx_page_valid(BLOCK + 0x100000));
	e[0] = (BLOCK + 0x3000) | V;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	EXPECT_TRUE(fx_page_valid(BLOCK + 0x3000));
}

TEST(pvalidate_resume_from_cur_index)
{
	uint64_t e[3] = { PG(0), PG(1), PG(2) };

	fx_setup();
	fx_put_list(LIST, 3, 2, e, 3);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax, SVSM_SUCCESS);
	EXPECT_EQ(fx_cur_index(LIST), 3);
	EXPECT_TRUE(fx_page_valid(PG(0)));
	EXPECT_TRUE(fx_page_valid(PG(1)));
	EXPECT_FALSE(fx_page_valid(PG(2)));
}

TEST(pvalidate_reads_list_once)
{
	uint64_t e[3] = { PG(0), PG(1), PG(2) };
	uint32_t before;

	fx_setup();
	fx_put_list(LIST, 3, 0, e, 3);
	before = fake_map_count();
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax, SVSM_SUCCESS);
	/* One read of the list, one write of cur_index; rescinds map nothing. */
	EXPECT_EQ(fake_map_count() - before, 2);
}

/* A guest vCPU rewriting the list while the SVSM works on it. */
static void rewrite_list(gpa_t g, bool huge, bool validate, void *ctx)
{
	int *calls = ctx;
	uint64_t evil[2] = { PG(9) | V, PG(8) };

	(void)g, (void)huge, (void)validate;
	if ((*calls)++ == 0) {
		fx_put_list(LIST, 2, 0, evil, 2);
		fake_guest_ptr(LIST)[5] = 0xee; /* now-bad reserved byte */
	}
}

TEST(pvalidate_list_changed_during_processing)
{
	uint64_t e[2] = { PG(0), PG(1) };
	int calls = 0;

	fx_setup();
	fx_put_list(LIST, 2, 0, e, 2);
	fake_set_pvalidate_hook(rewrite_list, &calls);
	EXPECT_EQ(fx_call(SVSM_CORE_PVALIDATE, LIST, 0, 0).rax, SVSM_SUCCESS);
	fake_set_pvalidate_hook(NULL, NULL);
	EXPECT_EQ(calls, 2);
	/* What was validated is what was listed when the call was made. */
	EXPECT_FALSE(fx_page_valid(PG(0)));
	EXPECT_FALSE(fx_page_valid(PG(1)));
	EXPECT_TRUE(fx_page_valid(PG(8)));
	EXPECT_TRUE(fx_page_valid(PG(9)));
	EXPECT_EQ(fx_cur_index(LIST), 2);
}

TEST(pvalidate_vmsa_and_created_caa)
{
	uint64_t e[1];

	fx_setup();
	fx_put_good_vmsa(PG(20));
	EXPECT_EQ(fx_call(SVSM_CORE_CREATE_VCPU, PG(20), PG(21), 1).rax,
		  SVSM_SUCCESS);
	e[0] = PG(20);
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_INVALID_ADDRESS);
	e[0] = PG(21) | V | IGN;
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_INVALID_ADDRESS);
	e[0] = 0x200000 | HUGE; /* the block holding them (and the CAA) */
	EXPECT_EQ(pval(LIST, e, 1), SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(fx_call(SVSM_CORE_DELETE_VCPU, PG(20), 0, 0).rax,
		  SVSM_SUCCESS);
	e[0] = PG(20);
	EXPECT_EQ(pval(LIST, e, 1), SVSM_SUCCESS);
	/* A remapped CAA is protected at its new place, not the old one. */
	EXPECT_EQ(fx_call(SVSM_CORE_REMAP_CA, PG(30), 0, 0).rax, SVSM_SUCCESS);
	e[0] = PG(30);
	EXPECT_EQ(pval(PG(30) + 8, e, 1), SVSM_ERR_INVALID_ADDRESS);
	e[0] = FX_CAA;
	EXPECT_EQ(pval(PG(30) + 8, e, 1), SVSM_SUCCESS);
}
