// SPDX-License-Identifier: MIT
/* The page-validation state model (see rmp_model.h). */
#include "rmp_model.h"
#include "log.h"
#include "platform.h"
#include "lib/string.h"

#define WORD_BITS 64u
#define WORDS_PER_2M (RMP_PAGES_PER_2M / WORD_BITS) /* 8 */

static uint64_t words_for(uint64_t bits)
{
	return (bits + WORD_BITS - 1) / WORD_BITS;
}

size_t rmp_model_storage_size(uint64_t base, uint64_t end)
{
	uint64_t blocks = (ALIGN_UP(end, SZ_2M) - ALIGN_DOWN(base, SZ_2M)) / SZ_2M;

	return (size_t)((blocks * WORDS_PER_2M + words_for(blocks)) *
			sizeof(uint64_t));
}

void rmp_model_init(struct rmp_model *m, uint64_t base, uint64_t end,
		    void *storage)
{
	CHECK(base < end && IS_ALIGNED((uint64_t)storage, 8));
	m->base = ALIGN_DOWN(base, SZ_2M);
	m->blocks = (ALIGN_UP(end, SZ_2M) - m->base) / SZ_2M;
	m->valid = storage;
	m->valid_2m = m->valid + m->blocks * WORDS_PER_2M;
	memset(m->valid, 0xff, m->blocks * WORDS_PER_2M * sizeof(uint64_t));
	memset(m->valid_2m, 0, words_for(m->blocks) * sizeof(uint64_t));
}

bool rmp_model_covers(const struct rmp_model *m, gpa_t g)
{
	uint64_t a = gpa_val(g);

	return a >= m->base && (a - m->base) / SZ_2M < m->blocks;
}

static uint64_t page_index(const struct rmp_model *m, gpa_t g)
{
	return (gpa_val(g) - m->base) / PAGE_SIZE;
}

static bool bit_get(const uint64_t *map, uint64_t i)
{
	return (map[i / WORD_BITS] >> (i % WORD_BITS)) & 1;
}

static void bit_set(uint64_t *map, uint64_t i, bool v)
{
	uint64_t mask = 1ull << (i % WORD_BITS);

	if (v)
		map[i / WORD_BITS] |= mask;
	else
		map[i / WORD_BITS] &= ~mask;
}

bool rmp_model_page_valid(const struct rmp_model *m, gpa_t g)
{
	CHECK(rmp_model_covers(m, g));
	return bit_get(m->valid, page_index(m, g));
}

bool rmp_model_block_is_2m(const struct rmp_model *m, gpa_t g)
{
	CHECK(rmp_model_covers(m, g));
	return bit_get(m->valid_2m, page_index(m, g) / RMP_PAGES_PER_2M);
}

static uint32_t pvalidate_4k(struct rmp_model *m, gpa_t g, bool validate)
{
	uint64_t i = page_index(m, g);

	if (bit_get(m->valid_2m, i / RMP_PAGES_PER_2M))
		return PVALIDATE_RC_FAIL_SIZEMISMATCH;
	if (bit_get(m->valid, i) == validate)
		return PVALIDATE_RC_UNCHANGED;
	bit_set(m->valid, i, validate);
	return PVALIDATE_RC_OK;
}

static uint32_t pvalidate_2m(struct rmp_model *m, gpa_t g, bool validate)
{
	uint64_t block = page_index(m, g) / RMP_PAGES_PER_2M;
	uint64_t *w = &m->valid[block * WORDS_PER_2M];
	bool all_valid = true, all_invalid = true;

	for (uint32_t i = 0; i < WORDS_PER_2M; i++) {
		all_valid &= w[i] == UINT64_MAX;
		all_invalid &= w[i] == 0;
	}
	/* Mixed, or valid as 4 KiB pages: the sizes do not match. */
	if (!all_invalid && !(all_valid && bit_get(m->valid_2m, block)))
		return PVALIDATE_RC_FAIL_SIZEMISMATCH;
	if (all_valid == validate)
		return PVALIDATE_RC_UNCHANGED;
	memset(w, validate ? 0xff : 0, WORDS_PER_2M * sizeof(uint64_t));
	bit_set(m->valid_2m, block, validate);
	return PVALIDATE_RC_OK;
}

uint32_t rmp_model_pvalidate(struct rmp_model *m, gpa_t g, bool huge,
			     bool validate)
{
	uint64_t size = huge ? SZ_2M : PAGE_SIZE;

	if (!IS_ALIGNED(gpa_val(g), size) || !rmp_model_covers(m, g))
		return PVALIDATE_RC_FAIL_INPUT;
	return huge ? pvalidate_2m(m, g, validate)
		    : pvalidate_4k(m, g, validate);
}
