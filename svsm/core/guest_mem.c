// SPDX-License-Identifier: MIT
/*
 * The one door to guest memory (see guest_mem.h).
 *
 * Rules: [g, g + len) must lie inside a single registered range and must not
 * wrap around the address space.  A zero-length access is valid only if g
 * itself is inside a range (so a bogus address is reported even when nothing
 * is copied); it copies nothing and maps nothing.  The SVSM region can never
 * be registered, and is checked again on every access as a second line.
 */
#include "guest_mem.h"
#include "log.h"
#include "platform.h"
#include "lib/string.h"
#include <svsm/protocol.h>

struct range {
	uint64_t start, end; /* [start, end) */
};

static struct range ranges[GUEST_MEM_MAX_RANGES];
static uint32_t range_count;
static struct range svsm_region;

/* [a0, a1) and [b0, b1) share a byte. */
static bool intersects(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 < b1 && b0 < a1;
}

void guest_mem_reset(void)
{
	range_count = 0;
	svsm_region = (struct range){ 0, 0 };
}

void guest_mem_set_svsm_region(uint64_t base, uint64_t size)
{
	CHECK(base + size >= base);
	svsm_region = (struct range){ base, base + size };
	for (uint32_t i = 0; i < range_count; i++)
		CHECK(!intersects(ranges[i].start, ranges[i].end, base,
				  base + size));
}

int guest_mem_add_range(gpa_t start, uint64_t end)
{
	uint64_t s = gpa_val(start);

	CHECK(s < end);
	CHECK(!intersects(s, end, svsm_region.start, svsm_region.end));
	if (range_count == GUEST_MEM_MAX_RANGES)
		return -1;
	ranges[range_count++] = (struct range){ s, end };
	return 0;
}

bool guest_mem_valid(gpa_t g, uint64_t len)
{
	uint64_t s = gpa_val(g), last;

	if (len == 0) {
		for (uint32_t i = 0; i < range_count; i++) {
			if (ranges[i].start <= s && s < ranges[i].end)
				return true;
		}
		return false;
	}
	if (len - 1 > UINT64_MAX - s)
		return false; /* wraps */
	last = s + (len - 1);
	if (s < svsm_region.end && svsm_region.start <= last)
		return false;
	for (uint32_t i = 0; i < range_count; i++) {
		/* last < end also rules out last == UINT64_MAX. */
		if (ranges[i].start <= s && last < ranges[i].end)
			return true;
	}
	return false;
}

uint32_t guest_read(gpa_t src, void *dst, size_t len)
{
	const void *p;

	if (!guest_mem_valid(src, len))
		return SVSM_ERR_INVALID_ADDRESS;
	if (len == 0)
		return SVSM_SUCCESS;
	p = platform->map_guest(src, len);
	if (!p)
		return SVSM_ERR_INVALID_ADDRESS;
	memcpy(dst, p, len);
	return SVSM_SUCCESS;
}

uint32_t guest_write(gpa_t dst, const void *src, size_t len)
{
	void *p;

	if (!guest_mem_valid(dst, len))
		return SVSM_ERR_INVALID_ADDRESS;
	if (len == 0)
		return SVSM_SUCCESS;
	p = platform->map_guest(dst, len);
	if (!p)
		return SVSM_ERR_INVALID_ADDRESS;
	memcpy(p, src, len);
	return SVSM_SUCCESS;
}

uint32_t guest_zero(gpa_t dst, uint64_t len)
{
	uint64_t a = gpa_val(dst);

	if (!guest_mem_valid(dst, len))
		return SVSM_ERR_INVALID_ADDRESS;
	while (len) {
		uint64_t chunk = MIN(len, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
		void *p = platform->map_guest(gpa(a), (size_t)chunk);

		if (!p)
			return SVSM_ERR_INVALID_ADDRESS;
		memset(p, 0, (size_t)chunk);
		a += chunk;
		len -= chunk;
	}
	return SVSM_SUCCESS;
}
