// SPDX-License-Identifier: MIT
/*
 * The vTPM service (vtpm/vtpm.c over the host's libtpms and libcrypto) and
 * the vTPM protocol (core/vtpm_protocol.c) through a page of fake guest RAM.
 * vtpm_init (manufacture + EK) runs once for the whole file.
 */
#include <string.h>

#include "test.h"
#include "core/byteorder.h"
#include "core/call.h"
#include "core/guest_mem.h"
#include "core/vtpm_protocol.h"
#include "vtpm/vtpm.h"
#include <svsm/protocol.h>
#include <svsm/vtpm.h>

#define RAM_BASE 0x100000ull
#define RAM_SIZE 0x10000ull
#define PAGE_GPA (RAM_BASE + 0x2000)
#define TPM_RC_SUCCESS 0
#define TPM_RC_INITIALIZE 0x100

static bool vtpm_up;

static void setup(void)
{
	if (!vtpm_up) {
		ASSERT_EQ(vtpm_init(), 0);
		vtpm_up = true;
	}
	fake_guest_ram_init(RAM_BASE, RAM_SIZE);
	guest_mem_add_range(gpa(RAM_BASE), RAM_BASE + RAM_SIZE);
	vtpm_protocol_set_backend(vtpm_send_command);
	svsm_register_protocol(&svsm_vtpm_protocol);
}

static uint32_t call(uint32_t id, uint64_t rcx, struct svsm_call_regs *out)
{
	struct svsm_vcpu vcpu = { 0 };
	struct svsm_call_regs r = { .rax = SVSM_CALL(SVSM_PROTOCOL_VTPM, id),
				    .rcx = rcx, .rdx = 0x1234, .r8 = 0x5678 };
	uint32_t rc = svsm_dispatch(&vcpu, &r);

	if (out)
		*out = r;
	return rc;
}

/* Write a request into the page at gpa: header + cmd. */
static void request(uint64_t g, uint32_t plat, uint8_t loc, uint32_t size,
		    const uint8_t *cmd, size_t len)
{
	uint8_t *p = fake_guest_ptr(g);

	memset(p, 0xa5, 4096);
	put_le(p, 4, plat);
	p[4] = loc;
	put_le(p + 5, 4, size);
	if (len)
		memcpy(p + 9, cmd, len);
}

static size_t tpm_cmd(uint8_t *b, uint32_t cc, const uint8_t *param,
		      size_t plen)
{
	put_be(b, 2, 0x8001);
	put_be(b + 2, 4, 10 + plen);
	put_be(b + 6, 4, cc);
	memcpy(b + 10, param, plen);
	return 10 + plen;
}

/* Send a TPM command through the protocol; returns the TPM rc or -1. */
static int64_t send(const uint8_t *cmd, size_t len, uint8_t *rsp,
		    uint32_t *rsp_len)
{
	const uint8_t *p = fake_guest_ptr(PAGE_GPA);
	uint32_t n;

	request(PAGE_GPA, SVSM_VTPM_PLAT_SEND_COMMAND, 0, (uint32_t)len, cmd,
		len);
	if (call(SVSM_VTPM_CMD, PAGE_GPA, NULL) != SVSM_SUCCESS)
		return -1;
	n = get_le32(p);
	if (n < 10 || n > SVSM_VTPM_MAX_RESPONSE || get_be32(p + 6) != n)
		return -1;
	if (rsp)
		memcpy(rsp, p + 4, n);
	if (rsp_len)
		*rsp_len = n;
	return get_be32(p + 10);
}

static int64_t startup(void)
{
	static const uint8_t clear[2] = { 0, 0 };
	uint8_t c[16];
	size_t n = tpm_cmd(c, 0x144, clear, 2);

	return send(c, n, NULL, NULL);
}

TEST(vtpm_query)
{
	struct svsm_call_regs r;

	setup();
	EXPECT_EQ(call(SVSM_VTPM_QUERY, 0, &r), SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, 1u << 8);
	EXPECT_EQ(r.rdx, 0);
}

TEST(vtpm_startup_and_get_random)
{
	static const uint8_t want16[2] = { 0, 16 };
	uint8_t c[16], rsp[64], first[16];
	uint32_t n;
	size_t len;
	int64_t rc;

	setup();
	rc = startup(); /* the guest's startup: the boot left the TPM off */
	EXPECT_TRUE(rc == TPM_RC_SUCCESS || rc == TPM_RC_INITIALIZE);
	len = tpm_cmd(c, 0x17b, want16, 2);
	ASSERT_EQ(send(c, len, rsp, &n), TPM_RC_SUCCESS);
	EXPECT_EQ(n, 10 + 2 + 16);
	EXPECT_EQ(get_be16(rsp + 10), 16);
	memcpy(first, rsp + 12, 16);
	ASSERT_EQ(send(c, len, rsp, &n), TPM_RC_SUCCESS);
	EXPECT_FALSE(test_memeq(first, rsp + 12, 16));
	/* The request was read once and the response written once. */
	{
		uint32_t before = fake_map_count();

		send(c, len, NULL, NULL);
		EXPECT_EQ(fake_map_count() - before, 2);
	}
	/* Only 4 + len bytes were written back: the pattern after survives. */
	EXPECT_EQ(fake_guest_ptr(PAGE_GPA)[4 + n], 0xa5);
}

TEST(vtpm_bad_addresses)
{
	setup();
	EXPECT_EQ(call(SVSM_VTPM_CMD, 0, NULL), SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA + 8, NULL),
		  SVSM_ERR_INVALID_PARAMETER);
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA + 0xfff, NULL),
		  SVSM_ERR_INVALID_PARAMETER);
	/* Not guest RAM: before, after, straddling the end, far away. */
	EXPECT_EQ(call(SVSM_VTPM_CMD, RAM_BASE - 0x1000, NULL),
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(call(SVSM_VTPM_CMD, RAM_BASE + RAM_SIZE, NULL),
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(call(SVSM_VTPM_CMD, 1ull << 40, NULL),
		  SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(call(SVSM_VTPM_CMD, ~0xfffull, NULL),
		  SVSM_ERR_INVALID_ADDRESS);
}

TEST(vtpm_bad_requests)
{
	static const uint32_t unknown[] = { 0, 37, 0x100, 0xffffffff };
	static const uint32_t unsupported[] = { 1, 2, 9, 17, 25, 36 };
	uint8_t c[16];
	size_t len;

	setup();
	len = tpm_cmd(c, 0x17b, (const uint8_t[]){ 0, 8 }, 2);
	for (size_t i = 0; i < ARRAY_SIZE(unknown); i++) {
		request(PAGE_GPA, unknown[i], 0, (uint32_t)len, c, len);
		EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL),
			  SVSM_ERR_INVALID_PARAMETER);
	}
	for (size_t i = 0; i < ARRAY_SIZE(unsupported); i++) {
		request(PAGE_GPA, unsupported[i], 0, (uint32_t)len, c, len);
		EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL),
			  SVSM_ERR_UNSUPPORTED_CALL);
	}
	for (uint32_t loc = 1; loc < 256; loc *= 2) {
		request(PAGE_GPA, 8, (uint8_t)loc, (uint32_t)len, c, len);
		EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL),
			  SVSM_ERR_INVALID_PARAMETER);
	}
	request(PAGE_GPA, 8, 0, 9, c, len); /* less than a TPM header */
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL), SVSM_ERR_INVALID_PARAMETER);
	request(PAGE_GPA, 8, 0, 0, c, len);
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL), SVSM_ERR_INVALID_PARAMETER);
	request(PAGE_GPA, 8, 0, 4088, c, len); /* more than the page holds */
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL), SVSM_ERR_INVALID_PARAMETER);
	request(PAGE_GPA, 8, 0, 0xffffffff, c, len);
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL), SVSM_ERR_INVALID_PARAMETER);
	/* A refused request leaves the page as it was. */
	EXPECT_EQ(fake_guest_ptr(PAGE_GPA)[9 + len], 0xa5);
	EXPECT_EQ(get_le32(fake_guest_ptr(PAGE_GPA)), 8);
	/* Unknown call ids. */
	EXPECT_EQ(call(2, PAGE_GPA, NULL), SVSM_ERR_UNSUPPORTED_CALL);
	EXPECT_EQ(call(0xffffffff, PAGE_GPA, NULL), SVSM_ERR_UNSUPPORTED_CALL);
}

TEST(vtpm_tpm_level_errors_are_responses)
{
	uint8_t big[SVSM_VTPM_MAX_COMMAND];
	uint8_t c[32];
	size_t len;

	setup();
	/* 4087 bytes: the protocol takes it, the TPM answers an error. */
	memset(big, 0, sizeof(big));
	tpm_cmd(big, 0x17b, (const uint8_t[]){ 0, 8 }, 2);
	put_be(big + 2, 4, sizeof(big));
	EXPECT_NE(send(big, sizeof(big), NULL, NULL), -1);
	EXPECT_NE(send(big, sizeof(big), NULL, NULL), TPM_RC_SUCCESS);
	/* Size field 16 for a 12-byte command. */
	len = tpm_cmd(c, 0x17b, (const uint8_t[]){ 0, 8 }, 2);
	memset(c + len, 0, 4);
	EXPECT_EQ(send(c, len + 4, NULL, NULL), 0x142 /* TPM_RC_COMMAND_SIZE */);
}

static uint32_t fake_rsp_len;

static int fake_backend(const uint8_t *cmd, uint32_t len, uint8_t *rsp,
			uint32_t cap, uint32_t *rsp_len)
{
	(void)cmd;
	(void)len;
	(void)cap;
	if (!fake_rsp_len)
		return -1;
	memset(rsp, 0, MIN(fake_rsp_len, cap));
	*rsp_len = fake_rsp_len;
	return 0;
}

TEST(vtpm_backend_failures)
{
	uint8_t c[16];
	size_t len;

	setup();
	len = tpm_cmd(c, 0x17b, (const uint8_t[]){ 0, 8 }, 2);
	vtpm_protocol_set_backend(fake_backend);
	fake_rsp_len = 0; /* no response */
	request(PAGE_GPA, 8, 0, (uint32_t)len, c, len);
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL), SVSM_ERR_INVALID_REQUEST);
	fake_rsp_len = SVSM_VTPM_MAX_RESPONSE + 1; /* does not fit */
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL), SVSM_ERR_INVALID_REQUEST);
	fake_rsp_len = SVSM_VTPM_MAX_RESPONSE; /* just fits */
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL), SVSM_SUCCESS);
	EXPECT_EQ(get_le32(fake_guest_ptr(PAGE_GPA)), SVSM_VTPM_MAX_RESPONSE);
	vtpm_protocol_set_backend(NULL);
	request(PAGE_GPA, 8, 0, (uint32_t)len, c, len);
	EXPECT_EQ(call(SVSM_VTPM_CMD, PAGE_GPA, NULL), SVSM_ERR_INVALID_REQUEST);
}

TEST(vtpm_ek_public_area)
{
	uint8_t again[VTPM_EK_PUBLIC_SIZE], third[VTPM_EK_PUBLIC_SIZE];
	const uint8_t *ek;
	size_t len = 0;
	int64_t rc;

	setup();
	ek = vtpm_ek_public(&len);
	ASSERT_TRUE(ek != NULL);
	EXPECT_EQ(len, 314);
	EXPECT_EQ(get_be16(ek), 0x0001); /* RSA */
	EXPECT_EQ(get_be16(ek + 2), 0x000b); /* SHA-256 */
	EXPECT_EQ(get_be32(ek + 4), 0x000300b2);
	EXPECT_EQ(get_be16(ek + 8), 32);
	EXPECT_EQ(ek[10], 0x83);
	EXPECT_EQ(ek[41], 0xaa);
	EXPECT_EQ(get_be16(ek + 42), 0x0006); /* AES */
	EXPECT_EQ(get_be16(ek + 44), 128);
	EXPECT_EQ(get_be16(ek + 46), 0x0043); /* CFB */
	EXPECT_EQ(get_be16(ek + 48), 0x0010); /* scheme NULL */
	EXPECT_EQ(get_be16(ek + 50), 2048);
	EXPECT_EQ(get_be32(ek + 52), 0);
	EXPECT_EQ(get_be16(ek + 56), 256);
	EXPECT_TRUE(ek[58] & 0x80); /* a 2048-bit modulus */
	/* Same seed, same template: CreatePrimary gives the same key. */
	rc = startup();
	EXPECT_TRUE(rc == TPM_RC_SUCCESS || rc == TPM_RC_INITIALIZE);
	ASSERT_EQ(vtpm_create_ek(again), 0);
	ASSERT_EQ(vtpm_create_ek(third), 0);
	EXPECT_MEMEQ(again, third, sizeof(again));
	EXPECT_MEMEQ(again, ek, sizeof(again));
	EXPECT_TRUE(vtpm_stats()->nv_bytes > 0);
}
