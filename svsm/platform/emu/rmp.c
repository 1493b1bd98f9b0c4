// SPDX-License-Identifier: MIT
/*
 * Page-validation state of the emulated platform: the shared rmp_model over
 * all guest RAM, GPA 0 up to the end of RAM.  Bookkeeping only: nothing
 * traps a guest access to a rescinded page (on SNP it raises #VC).
 */
#include "core/log.h"
#include "core/page_alloc.h"
#include "core/rmp_model.h"
#include "platform/emu/emu.h"

static struct rmp_model rmp;
static bool rmp_ready;

void emu_rmp_init(void)
{
	const struct emu_layout *l = &emu_layout;
	uint64_t top = l->highmem_top ? l->highmem_top : l->lowmem_top;
	size_t bytes = rmp_model_storage_size(0, top);
	void *storage = page_alloc(ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE, 1);

	CHECK(storage);
	rmp_model_init(&rmp, 0, top, storage);
	rmp_ready = true;
	log_info("rmp: validation state for 0-%#lx (%zu KiB), all validated as 4 KiB",
		 top, bytes >> 10);
}

uint32_t emu_pvalidate(gpa_t g, bool huge, bool validate)
{
	CHECK(rmp_ready);
	return rmp_model_pvalidate(&rmp, g, huge, validate);
}
