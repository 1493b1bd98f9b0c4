// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the attestation protocol's request handling
 * (core/attest_protocol.c, core/manifest.c) on the fake platform with a
 * fake signer.
 *
 * Input: [call id u8][flags u8][op bytes, 0x58][nonce 64][service data...]
 * The call id picks SERVICES, SINGLE_SERVICE or an unknown id; flag bit 0
 * registers a vTPM service (its data = the rest of the input, up to 1 KiB),
 * bit 1 makes the signer claim a certificate table bigger than the SVSM's
 * buffer, bit 2 removes the signer, bits 4-7 choose where RCX points (the op
 * is written there when it is guest RAM).  The op's GPAs are the fuzzer's:
 * most land in the 64 KiB of guest RAM, some in the SVSM region, beyond RAM
 * or across its end.
 *
 * Invariants (abort on violation): the result is a code the protocol
 * defines; guest RAM outside the report/manifest/certs buffers of a
 * successful call never changes, and nothing changes on failure; on success
 * the registers hold the sizes, the buffers are big enough, page aligned
 * and (when not empty) inside guest RAM, and the report carries
 * REPORT_DATA = SHA-512(nonce || manifest); INVALID_PARAMETER with sizes
 * set means a buffer really was too small; the signer runs only for an op
 * that passed every check.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/sha.h>

#include "core/attest_protocol.h"
#include "core/call.h"
#include "core/guest_mem.h"
#include "core/manifest.h"
#include "platform/fake/fake_platform.h"
#include <svsm/attest.h>
#include <svsm/protocol.h>

#define RAM_BASE 0x100000ull
#define RAM_SIZE 0x10000ull
#define SVSM_BASE (RAM_BASE + RAM_SIZE)
#define SVSM_SIZE 0x4000ull
#define FAKE_CERTS 0x900u

static uint8_t *shadow;
static uint8_t service_data[1024];
static bool signer_called, huge_certs;
static uint8_t signed_data[64];

static int fake_signer(const uint8_t report_data[64],
		       struct snp_attestation_report *out, uint8_t *certs,
		       size_t *certs_len)
{
	signer_called = true;
	memcpy(signed_data, report_data, 64);
	if (certs) {
		size_t need = huge_certs ? SVSM_ATTEST_MAX_CERTS_SIZE + 0x1000 :
					   FAKE_CERTS;

		if (*certs_len < need) {
			*certs_len = need;
			return PLATFORM_ATTEST_CERTS_TOO_SMALL;
		}
		memset(certs, 0xc3, need);
		*certs_len = need;
	}
	memset(out, 0x3c, sizeof(*out));
	memcpy(out->report_data, report_data, 64);
	return 0;
}

static uint64_t pick_op_gpa(uint8_t sel)
{
	switch (sel & 7) {
	case 0:
	case 1:
	case 2:
		return RAM_BASE + 0x1008;
	case 3:
		return RAM_BASE + RAM_SIZE - 0x40; /* SERVICES fits, SINGLE does not */
	case 4:
		return SVSM_BASE;
	case 5:
		return RAM_BASE + 0xffd; /* straddles a page: fine, it is RAM */
	case 6:
		return 0;
	default:
		return ~0ull - 0x20;
	}
}

static bool in_ram(uint64_t g, uint64_t len)
{
	return g >= RAM_BASE && g <= RAM_BASE + RAM_SIZE &&
	       len <= RAM_BASE + RAM_SIZE - g;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t vtpm_guid[16] = SVSM_VTPM_SERVICE_GUID;
	struct svsm_vcpu vcpu = { 0 };
	struct svsm_call_regs r = { 0 };
	struct attest_request req;
	uint8_t op[ATTEST_OP_SINGLE_SIZE], nonce[64], flags, id;
	uint64_t op_gpa;
	size_t svc_len = 0;
	uint32_t rc, op_len, parse_rc;

	if (size < 2 + sizeof(op) + sizeof(nonce))
		return 0;
	id = data[0] % 3;
	flags = data[1];
	memcpy(op, data + 2, sizeof(op));
	memcpy(nonce, data + 2 + sizeof(op), sizeof(nonce));
	svc_len = size - 2 - sizeof(op) - sizeof(nonce);
	if (svc_len > sizeof(service_data))
		svc_len = sizeof(service_data);
	memcpy(service_data, data + 2 + sizeof(op) + sizeof(nonce), svc_len);

	fake_platform_reset();
	fake_guest_ram_init(RAM_BASE, RAM_SIZE + SVSM_SIZE);
	guest_mem_reset();
	guest_mem_set_svsm_region(SVSM_BASE, SVSM_SIZE);
	guest_mem_add_range(gpa(RAM_BASE), RAM_BASE + RAM_SIZE);
	svsm_reset_protocols();
	svsm_register_protocol(&svsm_attest_protocol);
	manifest_reset();
	if (flags & 1)
		manifest_add_service(vtpm_guid, service_data, svc_len);
	huge_certs = flags & 2;
	fake_set_attest(flags & 4 ? NULL : fake_signer);

	op_gpa = pick_op_gpa(flags >> 4);
	op_len = id == SVSM_ATTEST_SINGLE_SERVICE ? ATTEST_OP_SINGLE_SIZE :
						    ATTEST_OP_SERVICES_SIZE;
	if (in_ram(op_gpa, op_len))
		memcpy(fake_guest_ptr(op_gpa), op, op_len);
	/* The nonce goes where the op says, when that is guest RAM. */
	{
		uint64_t ng = 0;

		memcpy(&ng, op + 0x10, 8);
		if (in_ram(ng, 64))
			memcpy(fake_guest_ptr(ng), nonce, 64);
		/* The nonce may have landed on the op: parse what the SVSM sees. */
		if (in_ram(op_gpa, op_len))
			memcpy(op, fake_guest_ptr(op_gpa), op_len);
	}
	if (!shadow)
		shadow = malloc(RAM_SIZE + SVSM_SIZE);
	memcpy(shadow, fake_guest_ptr(RAM_BASE), RAM_SIZE + SVSM_SIZE);
	signer_called = false;

	r.rax = SVSM_CALL(SVSM_PROTOCOL_ATTEST, id);
	r.rcx = op_gpa;
	r.rdx = 0x1111;
	r.r8 = 0x2222;
	rc = svsm_dispatch(&vcpu, &r);
	parse_rc = attest_parse_op(op, id == SVSM_ATTEST_SINGLE_SERVICE, &req);

	switch (rc) {
	case SVSM_SUCCESS: {
		uint8_t in[64 + MANIFEST_MAX_SIZE], md[64];
		const uint8_t *m, *ram = fake_guest_ptr(RAM_BASE);
		uint32_t mlen = (uint32_t)r.rcx;

		if (id > 1 || !signer_called || parse_rc || !in_ram(op_gpa, op_len) ||
		    r.r8 != SNP_REPORT_SIZE || mlen > req.manifest_size ||
		    req.report_size < SNP_REPORT_SIZE ||
		    (req.certs_size ? huge_certs || r.rdx != FAKE_CERTS : r.rdx != 0) ||
		    !in_ram(gpa_val(req.report), req.report_size) ||
		    (req.manifest_size &&
		     !in_ram(gpa_val(req.manifest), req.manifest_size)) ||
		    (req.certs_size && !in_ram(gpa_val(req.certs), req.certs_size)) ||
		    (gpa_val(req.report) | gpa_val(req.manifest)) & 0xfff)
			abort();
		memcpy(in, nonce, 64);
		if (mlen) {
			m = fake_guest_ptr(gpa_val(req.manifest));
			memcpy(in + 64, m, mlen);
		}
		SHA512(in, 64 + mlen, md);
		if (memcmp(md, signed_data, 64) ||
		    memcmp(fake_guest_ptr(gpa_val(req.report)) + 0x50, md, 64))
			abort();
		/* Outside the three buffers, nothing changed. */
		for (uint64_t a = RAM_BASE; a < SVSM_BASE + SVSM_SIZE; a++) {
			uint64_t o = a - RAM_BASE;

			if (ram[o] == shadow[o])
				continue;
			if ((a >= gpa_val(req.report) && a - gpa_val(req.report) < SNP_REPORT_SIZE) ||
			    (a >= gpa_val(req.manifest) && a - gpa_val(req.manifest) < mlen) ||
			    (a >= gpa_val(req.certs) && a - gpa_val(req.certs) < r.rdx))
				continue;
			abort();
		}
		break;
	}
	case SVSM_ERR_INVALID_PARAMETER:
		/* Sizes set: the signer ran and some buffer was too small. */
		if (r.r8 == SNP_REPORT_SIZE) {
			if (!signer_called ||
			    !(req.report_size < SNP_REPORT_SIZE ||
			      req.manifest_size < r.rcx ||
			      (req.certs_size && req.certs_size < r.rdx)))
				abort();
		} else if (signer_called || r.rdx != 0x1111 || r.r8 != 0x2222) {
			abort();
		}
		if (memcmp(fake_guest_ptr(RAM_BASE), shadow, RAM_SIZE + SVSM_SIZE))
			abort();
		break;
	case SVSM_ERR_INVALID_ADDRESS:
	case SVSM_ERR_UNSUPPORTED_PROTOCOL:
	case SVSM_ERR_UNSUPPORTED_CALL:
	case SVSM_ERR_INVALID_REQUEST:
		if (memcmp(fake_guest_ptr(RAM_BASE), shadow, RAM_SIZE + SVSM_SIZE))
			abort();
		if (rc == SVSM_ERR_UNSUPPORTED_CALL && id != 2)
			abort();
		if (rc != SVSM_ERR_INVALID_REQUEST && signer_called)
			abort();
		if (r.rdx != 0x1111 || r.r8 != 0x2222)
			abort();
		break;
	default:
		abort();
	}
	/* A format error is always INVALID_PARAMETER, before any address check. */
	if (in_ram(op_gpa, op_len) && id < 2 && parse_rc && rc != parse_rc)
		abort();
	return 0;
}
