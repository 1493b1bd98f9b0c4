// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the guest-memory door (core/guest_mem.c).
 *
 * Input: [nranges] then nranges x [start u64, len u32] (guest RAM ranges;
 * ones that would overlap the SVSM region are dropped, as boot never
 * registers them), then 17-byte operations [op, gpa u64, len u64].
 *
 * An independent oracle (this file's copy of the ranges) decides what must
 * be allowed.  Invariants (abort on violation): guest_mem_valid agrees with
 * the oracle; reads/writes/zeroes succeed only if allowed (and backed by
 * fake RAM); every map request lies inside one registered range and outside
 * the SVSM region; a refused write or zero changes no byte.
 */
#include <stdlib.h>
#include <string.h>

#include "core/guest_mem.h"
#include "platform/fake/fake_platform.h"
#include <svsm/protocol.h>

#define FAKE_BASE 0x0ull
#define FAKE_SIZE 0x20000ull /* 128 KiB of fake RAM */
#define SVSM_BASE 0x10000ull /* inside fake RAM: only the door stops it */
#define SVSM_SIZE 0x4000ull
#define MAX_RANGES 8
#define RANGE_BYTES 12
#define OP_BYTES 17
#define MAX_COPY 0x3000

static struct {
	uint64_t start, end;
} oracle[MAX_RANGES];
static uint32_t oracle_count;
static uint8_t *shadow; /* copy of fake RAM to detect stray writes */
static bool fake_ram_ready; /* contents do not matter: allocated once */

static uint64_t get(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	memcpy(&v, p, n);
	return v;
}

static bool overlaps_svsm(uint64_t s, uint64_t len)
{
	return len && s < SVSM_BASE + SVSM_SIZE && SVSM_BASE < s + len;
}

static bool oracle_allows(uint64_t s, uint64_t len)
{
	for (uint32_t i = 0; i < oracle_count; i++) {
		if (s < oracle[i].start || s >= oracle[i].end)
			continue;
		if (len == 0 || len <= oracle[i].end - s)
			return !overlaps_svsm(s, len);
	}
	return false;
}

static bool backed(uint64_t s, uint64_t len)
{
	return s >= FAKE_BASE && s - FAKE_BASE <= FAKE_SIZE &&
	       len <= FAKE_SIZE - (s - FAKE_BASE);
}

static void check_map(gpa_t g, size_t len)
{
	if (len == 0 || !oracle_allows(gpa_val(g), len))
		abort();
}

static void add_ranges(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++, p += RANGE_BYTES) {
		uint64_t s = get(p, 8), len = get(p + 8, 4);

		/* Mostly near fake RAM, sometimes anywhere (incl. the top). */
		if (!(s & 1))
			s %= 2 * FAKE_SIZE;
		if (len == 0 || s + len < s || overlaps_svsm(s, len))
			continue;
		if (guest_mem_add_range(gpa(s), s + len))
			abort(); /* never more than MAX_RANGES here */
		oracle[oracle_count].start = s;
		oracle[oracle_count].end = s + len;
		oracle_count++;
	}
}

static void run_op(const uint8_t *p)
{
	static uint8_t buf[MAX_COPY];
	uint64_t g = get(p + 1, 8), len = get(p + 9, 8);
	bool allowed, valid;
	uint32_t rc;

	if (p[0] & 0x80)
		g %= 2 * FAKE_SIZE;
	if (p[0] & 0x40)
		len %= MAX_COPY + 1;
	allowed = oracle_allows(g, len);
	valid = guest_mem_valid(gpa(g), len);
	if (valid != allowed)
		abort();
	if (len > MAX_COPY && (p[0] & 3) != 2)
		return; /* copies need a buffer; validity was checked above */
	if (!allowed)
		memcpy(shadow, fake_guest_ptr(FAKE_BASE), FAKE_SIZE);
	switch (p[0] & 3) {
	case 0:
		rc = guest_read(gpa(g), buf, len);
		break;
	case 1:
		memset(buf, 0x5a, sizeof(buf));
		rc = guest_write(gpa(g), buf, len);
		break;
	case 2:
		rc = guest_zero(gpa(g), len);
		break;
	default:
		return;
	}
	if (rc != SVSM_SUCCESS && rc != SVSM_ERR_INVALID_ADDRESS)
		abort();
	/* Allowed and backed must work; anything else must fail. */
	if ((rc == SVSM_SUCCESS) != (allowed && (len == 0 || backed(g, len))))
		abort();
	/* A refused access writes nothing. */
	if (!allowed && memcmp(shadow, fake_guest_ptr(FAKE_BASE), FAKE_SIZE))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n;

	if (size < 1)
		return 0;
	n = data[0] % (MAX_RANGES + 1);
	if (size < 1 + n * RANGE_BYTES)
		return 0;
	if (!shadow) {
		shadow = malloc(FAKE_SIZE);
		if (!shadow)
			abort();
	}
	if (!fake_ram_ready) {
		fake_platform_reset();
		fake_guest_ram_init(FAKE_BASE, FAKE_SIZE);
		fake_ram_ready = true;
	}
	guest_mem_reset();
	guest_mem_set_svsm_region(SVSM_BASE, SVSM_SIZE);
	oracle_count = 0;
	add_ranges(data + 1, n);
	fake_set_map_hook(check_map);
	for (const uint8_t *p = data + 1 + n * RANGE_BYTES;
	     p + OP_BYTES <= data + size; p += OP_BYTES)
		run_op(p);
	fake_set_map_hook(NULL);
	return 0;
}
