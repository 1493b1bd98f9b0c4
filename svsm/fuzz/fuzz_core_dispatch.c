// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the core-protocol dispatcher behind the calling-area
 * handshake, on the fake platform.
 *
 * Input: [ncalls] then ncalls x [sel, rax, rcx, rdx, r8, r9] (1 + 40 bytes),
 * then bytes copied into guest RAM from the calling area on (the PVALIDATE
 * list, VMSA pages, ...).  `sel` shapes registers so that most calls reach
 * the interesting paths (see shape_call).
 *
 * Invariants (abort on violation):
 *   - every guest mapping lies inside one registered guest range and never
 *     touches the SVSM region (checked on the map request itself);
 *   - RAX is a defined result code; a doorbell with nothing pending changes
 *     no register; RDX, R8, R9 are never outputs of the core protocol and
 *     RCX only of QUERY_PROTOCOL and CONFIGURE_VTOM;
 *   - the validation model stays consistent (a 2 MiB page is all valid);
 *   - no CHECK() fires (the fake halt aborts).
 */
#include <stdlib.h>
#include <string.h>

#include "core/call.h"
#include "core/guest_mem.h"
#include "core/rmp_model.h"
#include "platform/fake/fake_platform.h"
#include <svsm/core.h>
#include <svsm/protocol.h>

#define RAM_BASE 0x200000ull
#define R1_END 0x600000ull /* guest range 1: two 2 MiB blocks */
#define SVSM_BASE 0x600000ull /* backed by fake RAM: only the door stops it */
#define SVSM_END 0x610000ull
#define R2_BASE 0x610000ull /* guest range 2: 64 KiB right above the SVSM */
#define R2_END 0x620000ull
#define FAKE_END 0x630000ull
#define FAKE_PAGES ((FAKE_END - RAM_BASE) / PAGE_SIZE)
#define CAA RAM_BASE
#define SHAPE_LO 0x1f0000ull /* shaped addresses: just below RAM ... */
#define SHAPE_HI 0x630000ull /* ... to just above range 2 */
#define MAX_CALLS 8
#define CALL_BYTES 41
#define DATA_MAX (3 * 4096)

/* Pages handed out by map_guest since the last reset (to re-zero them). */
static bool dirty[FAKE_PAGES];

static bool in(uint64_t s, uint64_t len, uint64_t lo, uint64_t hi)
{
	return s >= lo && len <= hi - s;
}

static void check_map(gpa_t g, size_t len)
{
	uint64_t s = gpa_val(g);

	if (!(in(s, len, RAM_BASE, R1_END) || in(s, len, R2_BASE, R2_END)))
		abort();
	if (s < SVSM_END && SVSM_BASE < s + len)
		abort();
	for (uint64_t a = ALIGN_DOWN(s, PAGE_SIZE); a < s + len; a += PAGE_SIZE)
		dirty[(a - RAM_BASE) / PAGE_SIZE] = true;
}

/* The harness's own writes to guest RAM (not through the door). */
static uint8_t *poke(uint64_t a)
{
	dirty[(a - RAM_BASE) / PAGE_SIZE] = true;
	return fake_guest_ptr(a);
}

static uint64_t get_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t shape_addr(uint64_t raw, uint8_t sel)
{
	uint64_t a = SHAPE_LO + raw % (SHAPE_HI - SHAPE_LO);

	if (sel & 0x10)
		a &= ~0xfffull;
	else if (sel & 0x20)
		a &= ~7ull;
	return a;
}

/* Point the entries of a PVALIDATE list at RCX into the shaped window. */
static void shape_list(uint64_t list)
{
	uint64_t end = (list | 0xfff) + 1;

	if (list < RAM_BASE || list + 8 > R1_END || (list & 7))
		return;
	for (uint64_t p = list + 8; p + 8 <= end && p + 8 <= R1_END; p += 8) {
		uint8_t *e = poke(p);
		uint64_t v = get_u64(e);
		uint64_t g = (SHAPE_LO >> 12) + (v >> 12) % ((SHAPE_HI - SHAPE_LO) >> 12);

		v = (g << 12) | (v & 0xfff);
		if ((v & 3) == 1)
			v &= ~0x1ff000ull; /* 2 MiB entries: mostly aligned */
		memcpy(e, &v, sizeof(v));
	}
}

static struct svsm_call_regs shape_call(const uint8_t *p)
{
	uint8_t sel = p[0];
	struct svsm_call_regs r = { get_u64(p + 1), get_u64(p + 9),
				    get_u64(p + 17), get_u64(p + 25),
				    get_u64(p + 33) };

	if (sel & 0x01) /* protocols 0..2, call ids 0..8 */
		r.rax = SVSM_CALL((r.rax >> 32) % 3, (uint32_t)r.rax % 9);
	if (sel & 0x02)
		r.rcx = shape_addr(r.rcx, sel);
	if (sel & 0x04)
		r.rdx = shape_addr(r.rdx, sel);
	if (sel & 0x08)
		r.r8 = r.r8 % 6;
	return r;
}

static bool defined_result(uint64_t rax)
{
	return rax <= UINT32_MAX &&
	       ((rax >= SVSM_ERR_INCOMPLETE && rax <= SVSM_ERR_BUSY) ||
		rax == SVSM_SUCCESS || rax == SVSM_ERR_PVALIDATE_FAIL_INPUT ||
		rax == SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH ||
		rax == SVSM_ERR_PVALIDATE_FAIL_UNCHANGED);
}

static void check_rmp(void)
{
	struct rmp_model *m = fake_rmp();

	for (uint64_t b = 0; b < m->blocks; b++) {
		uint64_t base = m->base + b * SZ_2M;

		if (!rmp_model_block_is_2m(m, gpa(base)))
			continue;
		for (uint64_t a = base; a < base + SZ_2M; a += PAGE_SIZE)
			if (!rmp_model_page_valid(m, gpa(a)))
				abort();
	}
}

static void check_call(const struct svsm_call_regs *in_r,
		       const struct svsm_call_regs *out, bool handled)
{
	uint32_t id = SVSM_CALL_ID(in_r->rax);
	bool rcx_out = SVSM_CALL_PROTOCOL(in_r->rax) == SVSM_PROTOCOL_CORE &&
		       (id == SVSM_CORE_QUERY_PROTOCOL ||
			id == SVSM_CORE_CONFIGURE_VTOM);

	if (!handled) {
		if (memcmp(in_r, out, sizeof(*out)))
			abort();
		return;
	}
	if (!defined_result(out->rax))
		abort();
	if (out->rdx != in_r->rdx || out->r8 != in_r->r8 || out->r9 != in_r->r9)
		abort();
	if (!rcx_out && out->rcx != in_r->rcx)
		abort();
}

/*
 * A fresh machine per input, deterministically, without reallocating the
 * fake RAM: only the pages the last input could have changed are zeroed.
 */
static void machine_reset(void)
{
	static bool ram_ready;

	if (!ram_ready) {
		fake_platform_reset();
		fake_guest_ram_init(RAM_BASE, FAKE_END - RAM_BASE);
		ram_ready = true;
	}
	for (uint64_t i = 0; i < FAKE_PAGES; i++) {
		if (dirty[i] || i < DATA_MAX / PAGE_SIZE)
			memset(fake_guest_ptr(RAM_BASE + i * PAGE_SIZE), 0,
			       PAGE_SIZE);
		dirty[i] = false;
	}
	fake_rmp_reset();
	guest_mem_reset();
	svsm_reset_protocols();
	vcpu_table_reset();
	guest_mem_set_svsm_region(SVSM_BASE, SVSM_END - SVSM_BASE);
	guest_mem_add_range(gpa(RAM_BASE), R1_END);
	guest_mem_add_range(gpa(R2_BASE), R2_END);
	svsm_register_protocol(&svsm_core_protocol);
	fake_set_apic_count(4);
	fake_set_map_hook(check_map);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct svsm_vcpu *vcpu;
	size_t ncalls, data_len;

	if (size < 1)
		return 0;
	ncalls = 1 + data[0] % MAX_CALLS;
	if (size < 1 + ncalls * CALL_BYTES)
		return 0;
	machine_reset();
	vcpu = vcpu_add_running(0, gpa(CAA), 0);
	data_len = size - 1 - ncalls * CALL_BYTES;
	if (data_len > DATA_MAX)
		data_len = DATA_MAX;
	memcpy(fake_guest_ptr(CAA), data + 1 + ncalls * CALL_BYTES, data_len);

	for (size_t i = 0; i < ncalls; i++) {
		const uint8_t *p = data + 1 + i * CALL_BYTES;
		struct svsm_call_regs in_r = shape_call(p), out;
		bool handled;

		if (p[0] & 0x40)
			shape_list(in_r.rcx);
		/* Usually ring with a call pending; sometimes without. */
		if (!(p[0] & 0x80) && in(gpa_val(vcpu->caa), 1, RAM_BASE, R1_END))
			*poke(gpa_val(vcpu->caa)) = 1;
		out = in_r;
		handled = svsm_handle_call(vcpu, &out);
		check_call(&in_r, &out, handled);
		check_rmp();
	}
	fake_set_map_hook(NULL);
	return 0;
}
