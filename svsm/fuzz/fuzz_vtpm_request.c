// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the vTPM protocol's request handling
 * (core/vtpm_protocol.c) with a fake TPM backend.
 *
 * Input: [gpa selector u8][backend answer u32 LE][page bytes ...] — the
 * selector picks the RCX (aligned page, unaligned, out of RAM, 0,
 * straddling the end of RAM), the answer is the response length the fake
 * TPM claims (0 = no response), the rest fills the request page.
 *
 * Invariants (abort on violation): the result is one of the codes the
 * protocol defines; the backend runs only for a valid TPM_SEND_COMMAND
 * (locality 0, size 10..4087) and gets exactly the bytes from the page;
 * on success the page starts with the response size (<= 4092) followed by
 * the response and nothing else in guest RAM changed; on failure guest RAM
 * is untouched.
 */
#include <stdlib.h>
#include <string.h>

#include "core/call.h"
#include "core/guest_mem.h"
#include "core/vtpm_protocol.h"
#include "platform/fake/fake_platform.h"
#include <svsm/protocol.h>
#include <svsm/vtpm.h>

#define RAM_BASE 0x100000ull
#define RAM_SIZE 0x4000ull
#define PAGE_GPA (RAM_BASE + 0x1000)

static uint8_t *shadow;
static uint32_t answer_len;
static bool backend_called;
static uint8_t expect_cmd[SVSM_VTPM_BUFFER_SIZE];

static int fake_tpm(const uint8_t *cmd, uint32_t len, uint8_t *rsp,
		    uint32_t cap, uint32_t *rsp_len)
{
	backend_called = true;
	if (len < SVSM_VTPM_MIN_COMMAND || len > SVSM_VTPM_MAX_COMMAND ||
	    memcmp(cmd, expect_cmd, len))
		abort();
	if (!answer_len)
		return -1;
	for (uint32_t i = 0; i < answer_len && i < cap; i++)
		rsp[i] = (uint8_t)(i * 7 + 1);
	*rsp_len = answer_len;
	return 0;
}

static uint64_t pick_gpa(uint8_t sel)
{
	switch (sel % 6) {
	case 0:
	case 1:
		return PAGE_GPA;
	case 2:
		return PAGE_GPA + 1 + sel % 0xfff;
	case 3:
		return 0;
	case 4:
		return RAM_BASE + RAM_SIZE - 0x1000 + 0x1000; /* just past RAM */
	default:
		return (uint64_t)sel << 40;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct svsm_vcpu vcpu = { 0 };
	struct svsm_call_regs r = { 0 };
	uint8_t *page;
	uint64_t g;
	uint32_t rc, n;
	size_t body;

	if (size < 5)
		return 0;
	fake_platform_reset();
	fake_guest_ram_init(RAM_BASE, RAM_SIZE);
	guest_mem_reset();
	guest_mem_add_range(gpa(RAM_BASE), RAM_BASE + RAM_SIZE);
	svsm_reset_protocols();
	svsm_register_protocol(&svsm_vtpm_protocol);
	vtpm_protocol_set_backend(fake_tpm);

	g = pick_gpa(data[0]);
	memcpy(&answer_len, data + 1, 4);
	answer_len %= SVSM_VTPM_BUFFER_SIZE + 64;
	page = fake_guest_ptr(PAGE_GPA);
	body = size - 5 < SVSM_VTPM_BUFFER_SIZE ? size - 5 : SVSM_VTPM_BUFFER_SIZE;
	memcpy(page, data + 5, body);
	memcpy(expect_cmd, page + SVSM_VTPM_REQ_HDR_SIZE,
	       SVSM_VTPM_BUFFER_SIZE - SVSM_VTPM_REQ_HDR_SIZE);
	if (!shadow)
		shadow = malloc(RAM_SIZE);
	memcpy(shadow, fake_guest_ptr(RAM_BASE), RAM_SIZE);
	backend_called = false;

	r.rax = SVSM_CALL(SVSM_PROTOCOL_VTPM, SVSM_VTPM_CMD);
	r.rcx = g;
	rc = svsm_dispatch(&vcpu, &r);

	switch (rc) {
	case SVSM_SUCCESS:
		if (g != PAGE_GPA || !backend_called)
			abort();
		n = answer_len;
		if (n > SVSM_VTPM_MAX_RESPONSE ||
		    memcmp(page, &n, 4) ||
		    memcmp(fake_guest_ptr(RAM_BASE), shadow, PAGE_GPA - RAM_BASE) ||
		    memcmp(page + 4 + n, shadow + (PAGE_GPA - RAM_BASE) + 4 + n,
			   RAM_SIZE - (PAGE_GPA - RAM_BASE) - 4 - n))
			abort();
		break;
	case SVSM_ERR_INVALID_PARAMETER:
	case SVSM_ERR_INVALID_ADDRESS:
	case SVSM_ERR_UNSUPPORTED_CALL:
	case SVSM_ERR_INVALID_REQUEST:
		if (memcmp(fake_guest_ptr(RAM_BASE), shadow, RAM_SIZE))
			abort();
		if (backend_called && rc != SVSM_ERR_INVALID_REQUEST)
			abort();
		break;
	default:
		abort();
	}
	return 0;
}
