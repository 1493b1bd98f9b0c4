// SPDX-License-Identifier: MIT
/*
 * E820 map editing.  Every edit ends in one normalisation pass that cuts the
 * address space at every entry boundary and gives each piece one type, so
 * unsorted or overlapping input (as a hypervisor might hand us) comes out
 * sorted, disjoint and merged.  Where input entries overlap, the larger type
 * number wins (RAM = 1 loses to everything), as Linux's old sanitize did.
 *
 * Work arrays are static: the firmware is single-threaded and these are too
 * big for a small stack.
 */
#include "e820.h"
#include "log.h"
#include "lib/string.h"

/* An edit splits each input entry in at most two pieces and adds one. */
#define E820_WORK_MAX (2 * E820_MAX_ENTRIES + 1)

struct span {
	uint64_t start, end; /* [start, end) */
	uint32_t type;
};

static struct span input[E820_MAX_ENTRIES];
static struct span work[E820_WORK_MAX];
static uint64_t cuts[2 * E820_WORK_MAX];
static struct e820_entry result[E820_WORK_MAX];

static uint64_t entry_end(const struct e820_entry *e)
{
	/* Clamp a wrapping entry to the top of the address space. */
	return e->addr + e->size < e->addr ? UINT64_MAX : e->addr + e->size;
}

static void sort_u64(uint64_t *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t v = a[i];
		size_t j = i;

		for (; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/*
 * Resolve spans into sorted, disjoint, merged entries in `result`.
 * Returns the number of entries (may exceed E820_MAX_ENTRIES).
 */
static size_t resolve(const struct span *s, size_t n)
{
	size_t ncuts = 0, count = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i].start >= s[i].end || s[i].type == 0)
			continue;
		cuts[ncuts++] = s[i].start;
		cuts[ncuts++] = s[i].end;
	}
	sort_u64(cuts, ncuts);

	for (size_t c = 0; c + 1 < ncuts; c++) {
		uint64_t lo = cuts[c], hi = cuts[c + 1];
		uint32_t type = 0;
		struct e820_entry *prev;

		if (lo == hi)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (s[i].start <= lo && hi <= s[i].end &&
			    s[i].type > type)
				type = s[i].type;
		}
		if (type == 0)
			continue;
		prev = count ? &result[count - 1] : NULL;
		if (prev && prev->type == type && prev->addr + prev->size == lo) {
			prev->size += hi - lo;
			continue;
		}
		result[count].addr = lo;
		result[count].size = hi - lo;
		result[count].type = type;
		count++;
	}
	return count;
}

static size_t load_spans(const struct e820_map *m)
{
	size_t n = MIN(m->count, (uint32_t)E820_MAX_ENTRIES);

	for (size_t i = 0; i < n; i++) {
		input[i].start = m->e[i].addr;
		input[i].end = entry_end(&m->e[i]);
		input[i].type = m->e[i].type;
	}
	return n;
}

static void store(struct e820_map *m, size_t count)
{
	memcpy(m->e, result, count * sizeof(result[0]));
	m->count = (uint32_t)count;
}

void e820_normalize(struct e820_map *m)
{
	size_t count = resolve(input, load_spans(m));

	if (count > E820_MAX_ENTRIES) {
		/* Only possible with overlapping input; keep the low part. */
		log_info("e820: %zu entries after normalising, keeping %u",
			 count, E820_MAX_ENTRIES);
		count = E820_MAX_ENTRIES;
	}
	store(m, count);
}

int e820_set_range(struct e820_map *m, uint64_t start, uint64_t end,
		   uint32_t type)
{
	size_t n, k = 0, count;

	if (start > end)
		return -1;
	if (start == end)
		return 0;

	/* Cut [start, end) out of every entry, then add it with its new type. */
	n = load_spans(m);
	for (size_t i = 0; i < n; i++) {
		struct span s = input[i];

		if (s.end <= start || end <= s.start) {
			work[k++] = s;
			continue;
		}
		if (s.start < start)
			work[k++] = (struct span){ s.start, start, s.type };
		if (end < s.end)
			work[k++] = (struct span){ end, s.end, s.type };
	}
	work[k++] = (struct span){ start, end, type };

	count = resolve(work, k);
	if (count > E820_MAX_ENTRIES)
		return -1;
	store(m, count);
	return 0;
}

bool e820_covers(const struct e820_map *m, uint64_t start, uint64_t end,
		 uint32_t type)
{
	uint64_t cur = start;

	/* An empty range is not "covered": callers check real regions. */
	if (start >= end)
		return false;
	while (cur < end) {
		bool found = false;

		for (uint32_t i = 0; i < m->count && i < E820_MAX_ENTRIES; i++) {
			const struct e820_entry *e = &m->e[i];

			if (e->type == type && e->addr <= cur &&
			    cur < entry_end(e)) {
				cur = entry_end(e);
				found = true;
				break;
			}
		}
		if (!found)
			return false;
	}
	return true;
}

uint64_t e820_ram_top_below(const struct e820_map *m, uint64_t limit)
{
	uint64_t top = 0;

	for (uint32_t i = 0; i < m->count && i < E820_MAX_ENTRIES; i++) {
		const struct e820_entry *e = &m->e[i];

		if (e->type != E820_RAM || e->size == 0 || e->addr >= limit)
			continue;
		top = MAX(top, MIN(entry_end(e), limit));
	}
	return top;
}
