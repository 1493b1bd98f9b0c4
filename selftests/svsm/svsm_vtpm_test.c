// SPDX-License-Identifier: GPL-2.0-only
/*
 * svsm_vtpm_test: conformance test of the SVSM vTPM protocol (protocol 2,
 * include/svsm/vtpm.h) through the raw-call device of the svsm-bus module
 * (include/svsm/raw_call.h; modprobe svsm-bus raw_calls=1).
 *
 *   svsm_vtpm_test      KTAP v1 on stdout, one line per case
 *
 * The request/response page is the first page of the bus's scratch area.
 * TPM commands sent here do not disturb the kernel's tpm-svsm driver when
 * it is loaded: TPM2_Startup may find the TPM started (TPM_RC_INITIALIZE)
 * and TPM2_GetRandom keeps no state.
 *
 * Exit status (kselftest): 0 pass, 1 fail, 4 skipped (no /dev/svsm-raw,
 * not root, or the SVSM serves no protocol 2).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <svsm/core.h>
#include <svsm/protocol.h>
#include <svsm/vtpm.h>

#include "svsm_test.h"

#define IOAPIC 0xfec00000ull
#define TIB BIT_ULL(40)

/* TPM 2.0 wire format (TPM 2.0 Part 2). */
#define TPM_HEADER_SIZE 10
#define TPM_ST_NO_SESSIONS 0x8001
#define TPM_CC_STARTUP 0x144
#define TPM_CC_GET_RANDOM 0x17b
#define TPM_SU_CLEAR 0
#define TPM_RC_SUCCESS 0
#define TPM_RC_INITIALIZE 0x100
#define TPM_RC_COMMAND_SIZE 0x142

/* MSSIM platform commands the vTPM knows but does not serve. */
#define PLAT_POWER_ON 1
#define PLAT_POWER_OFF 2
#define PLAT_RESET 17
#define PLAT_UNKNOWN 0xffff

#define RANDOM_BYTES 8
#define FILL 0xa5			/* request page bytes after the request */

struct vtpm_ctx {
	int fd;
	const char *skip_why;		/* set when every case skips */
	bool have_cpuid;
	struct svsm_cpuid_info svsm;
	__u8 *scratch;			/* request/response page */
	__u64 sgpa;
	__u64 ram_top;			/* first address above guest RAM, 0: unknown */
};

static struct vtpm_ctx ctx = { .fd = -1 };

/* ---- byte order -------------------------------------------------------- */

static void put_be16(__u8 *p, __u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put_be32(__u8 *p, __u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static __u16 get_be16(const __u8 *p)
{
	return (__u16)(p[0] << 8 | p[1]);
}

static __u32 get_be32(const __u8 *p)
{
	return (__u32)p[0] << 24 | (__u32)p[1] << 16 | (__u32)p[2] << 8 | p[3];
}

static void put_le32(__u8 *p, __u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static __u32 get_le32(const __u8 *p)
{
	return (__u32)p[3] << 24 | (__u32)p[2] << 16 | (__u32)p[1] << 8 | p[0];
}

/* ---- calls ------------------------------------------------------------- */

/* One vTPM call @id with RCX = @rcx; its result code in *@rax. */
static bool vtpm_call(const char *what, __u32 id, __u64 rcx, __u64 *rax)
{
	struct svsm_raw_call c = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_VTPM, id),
		.rcx = rcx,
	};

	if (!raw_call(ctx.fd, &c, what))
		return false;
	*rax = c.rax;
	return true;
}

/* SVSM_VTPM_CMD at @gpa; true when the result code is @want. */
static bool vtpm_cmd_at(const char *what, __u64 gpa, __u64 want)
{
	__u64 rax;

	return vtpm_call(what, SVSM_VTPM_CMD, gpa, &rax) &&
	       expect_rax(what, want, rax);
}

/*
 * Write a TPM_SEND_COMMAND request into the page: platform command @plat,
 * @locality, size field @size, then @cmd_len bytes of @cmd.  The rest of
 * the page is filled with a pattern.
 */
static void request(__u32 plat, __u8 locality, __u32 size, const __u8 *cmd,
		    size_t cmd_len)
{
	__u8 *p = ctx.scratch;

	memset(p, FILL, PAGE);
	put_le32(p, plat);
	p[4] = locality;
	put_le32(p + 5, size);
	if (cmd_len)
		memcpy(p + SVSM_VTPM_REQ_HDR_SIZE, cmd, cmd_len);
}

/* A TPM command header: tag, size, command code. */
static size_t tpm_header(__u8 *cmd, __u32 size, __u32 cc)
{
	put_be16(cmd, TPM_ST_NO_SESSIONS);
	put_be32(cmd + 2, size);
	put_be32(cmd + 6, cc);
	return TPM_HEADER_SIZE;
}

static size_t cmd_startup(__u8 *cmd)
{
	size_t n = tpm_header(cmd, TPM_HEADER_SIZE + 2, TPM_CC_STARTUP);

	put_be16(cmd + n, TPM_SU_CLEAR);
	return n + 2;
}

static size_t cmd_get_random(__u8 *cmd, __u16 bytes)
{
	size_t n = tpm_header(cmd, TPM_HEADER_SIZE + 2, TPM_CC_GET_RANDOM);

	put_be16(cmd + n, bytes);
	return n + 2;
}

/*
 * Check the response in the page: a size within the page, at least a TPM
 * header, equal to the size in that header.  Returns the TPM response
 * code in *@tpm_rc and the size in *@size.
 */
static bool resp_check(const char *what, __u32 *tpm_rc, __u32 *size)
{
	const __u8 *resp = ctx.scratch + SVSM_VTPM_RESP_HDR_SIZE;
	__u32 n = get_le32(ctx.scratch);

	*size = n;
	if (n < TPM_HEADER_SIZE || n > SVSM_VTPM_MAX_RESPONSE) {
		diag("%s: response size %u out of range", what, n);
		return false;
	}
	if (get_be32(resp + 2) != n) {
		diag("%s: response size %u, TPM header says %u", what, n,
		     get_be32(resp + 2));
		return false;
	}
	*tpm_rc = get_be32(resp + 6);
	return true;
}

/* Send @cmd (size field @size); the call must succeed with a response. */
static bool tpm_send(const char *what, const __u8 *cmd, size_t cmd_len,
		     __u32 size, __u32 *tpm_rc, __u32 *resp_size)
{
	request(SVSM_VTPM_PLAT_SEND_COMMAND, 0, size, cmd, cmd_len);
	return vtpm_cmd_at(what, ctx.sgpa, SVSM_SUCCESS) &&
	       resp_check(what, tpm_rc, resp_size);
}

/* A TPM error in a well-formed response (RAX SUCCESS). */
static bool expect_tpm_error(const char *what, const __u8 *cmd,
			     size_t cmd_len, __u32 size)
{
	__u32 rc, n;

	if (!tpm_send(what, cmd, cmd_len, size, &rc, &n))
		return false;
	diag("%s: TPM rc 0x%x", what, rc);
	if (rc == TPM_RC_SUCCESS) {
		diag("%s: TPM answered success", what);
		return false;
	}
	return true;
}

/* ---- cases --------------------------------------------------------------- */

static const char *case_skip_why;

static enum result t_query(void)
{
	struct svsm_raw_call c = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_VTPM, SVSM_VTPM_QUERY),
	};
	bool ok;

	if (!raw_call(ctx.fd, &c, "QUERY"))
		return FAIL;
	ok = expect_rax("QUERY", SVSM_SUCCESS, c.rax);
	if (c.rcx != BIT_ULL(SVSM_VTPM_PLAT_SEND_COMMAND)) {
		diag("QUERY: RCX expected 0x100 (TPM_SEND_COMMAND only) got 0x%llx",
		     (unsigned long long)c.rcx);
		ok = false;
	}
	if (c.rdx) {
		diag("QUERY: RDX (features) expected 0 got 0x%llx",
		     (unsigned long long)c.rdx);
		ok = false;
	}
	return ok ? PASS : FAIL;
}

static enum result t_startup(void)
{
	__u8 cmd[32];
	size_t len = cmd_startup(cmd);
	__u32 rc, n;

	if (!tpm_send("TPM2_Startup(CLEAR)", cmd, len, len, &rc, &n))
		return FAIL;
	if (rc == TPM_RC_INITIALIZE) {
		diag("TPM2_Startup: already started (TPM_RC_INITIALIZE)");
		return PASS;
	}
	if (rc != TPM_RC_SUCCESS) {
		diag("TPM2_Startup: TPM rc 0x%x", rc);
		return FAIL;
	}
	return n == TPM_HEADER_SIZE ? PASS : FAIL;
}

/* TPM2_GetRandom(8): a complete, successful response. */
static bool get_random(const char *what, __u8 *out)
{
	const __u8 *resp = ctx.scratch + SVSM_VTPM_RESP_HDR_SIZE;
	__u8 cmd[32];
	size_t len = cmd_get_random(cmd, RANDOM_BYTES);
	__u32 rc, n;

	if (!tpm_send(what, cmd, len, len, &rc, &n))
		return false;
	if (rc != TPM_RC_SUCCESS) {
		diag("%s: TPM rc 0x%x", what, rc);
		return false;
	}
	if (n != TPM_HEADER_SIZE + 2 + RANDOM_BYTES ||
	    get_be16(resp + TPM_HEADER_SIZE) != RANDOM_BYTES) {
		diag("%s: response of %u bytes, TPM2B size %u", what, n,
		     get_be16(resp + TPM_HEADER_SIZE));
		return false;
	}
	if (out)
		memcpy(out, resp + TPM_HEADER_SIZE + 2, RANDOM_BYTES);
	return true;
}

static enum result t_get_random(void)
{
	const size_t end = SVSM_VTPM_RESP_HDR_SIZE + TPM_HEADER_SIZE + 2 +
			   RANDOM_BYTES;
	__u8 a[RANDOM_BYTES], b[RANDOM_BYTES];
	size_t i;

	if (!get_random("TPM2_GetRandom(8)", a))
		return FAIL;
	/* Only 4 + size bytes are written: the rest keeps the request's. */
	for (i = end; i < PAGE; i++) {
		if (ctx.scratch[i] != FILL) {
			diag("byte %zu after the response changed to 0x%02x",
			     i, ctx.scratch[i]);
			return FAIL;
		}
	}
	if (!get_random("TPM2_GetRandom(8) again", b))
		return FAIL;
	if (!memcmp(a, b, sizeof(a))) {
		diag("two TPM2_GetRandom(8) answered the same bytes");
		return FAIL;
	}
	return PASS;
}

/* One byte more than the page holds after the 9-byte request header. */
static enum result t_command_too_big(void)
{
	__u8 cmd[32];
	size_t len = cmd_get_random(cmd, RANDOM_BYTES);

	request(SVSM_VTPM_PLAT_SEND_COMMAND, 0, SVSM_VTPM_MAX_COMMAND + 1,
		cmd, len);
	return vtpm_cmd_at("size 4088", ctx.sgpa, SVSM_ERR_INVALID_PARAMETER) ?
	       PASS : FAIL;
}

/*
 * The largest size the protocol takes: a TPM2_GetRandom padded to 4087
 * bytes reaches the TPM, which answers with an error of its own.
 */
static enum result t_command_max_size(void)
{
	__u8 cmd[SVSM_VTPM_MAX_COMMAND];

	memset(cmd, 0, sizeof(cmd));
	tpm_header(cmd, SVSM_VTPM_MAX_COMMAND, TPM_CC_GET_RANDOM);
	put_be16(cmd + TPM_HEADER_SIZE, RANDOM_BYTES);
	return expect_tpm_error("size 4087", cmd, sizeof(cmd),
				SVSM_VTPM_MAX_COMMAND) ? PASS : FAIL;
}

/* Sizes 0 and 9: less than a TPM header (docs/protocol-decisions.md). */
static enum result t_command_below_header(void)
{
	__u8 cmd[32];
	bool ok = true;

	cmd_get_random(cmd, RANDOM_BYTES);
	request(SVSM_VTPM_PLAT_SEND_COMMAND, 0, 0, cmd, 0);
	ok &= vtpm_cmd_at("size 0", ctx.sgpa, SVSM_ERR_INVALID_PARAMETER);
	request(SVSM_VTPM_PLAT_SEND_COMMAND, 0, TPM_HEADER_SIZE - 1, cmd,
		TPM_HEADER_SIZE - 1);
	ok &= vtpm_cmd_at("size 9", ctx.sgpa, SVSM_ERR_INVALID_PARAMETER);
	return ok ? PASS : FAIL;
}

/*
 * The request's size and the TPM header's size disagree: 16 for a 12-byte
 * command whose header says 12, and 12 for one whose header says 16.  The
 * TPM answers TPM_RC_COMMAND_SIZE.
 */
static bool size_mismatch(const char *what, __u32 hdr_size, __u32 size)
{
	__u8 cmd[32];
	__u32 rc, n;

	memset(cmd, 0, sizeof(cmd));
	cmd_get_random(cmd, RANDOM_BYTES);
	put_be32(cmd + 2, hdr_size);
	if (!tpm_send(what, cmd, size, size, &rc, &n))
		return false;
	if (rc != TPM_RC_COMMAND_SIZE) {
		diag("%s: TPM rc expected 0x%x (TPM_RC_COMMAND_SIZE) got 0x%x",
		     what, TPM_RC_COMMAND_SIZE, rc);
		return false;
	}
	return true;
}

static enum result t_command_size_mismatch(void)
{
	bool ok;

	ok = size_mismatch("size 16, header 12", 12, 16);
	ok &= size_mismatch("size 12, header 16", 16, 12);
	return ok ? PASS : FAIL;
}

static enum result t_gpa_unaligned(void)
{
	__u8 cmd[32];
	size_t len = cmd_get_random(cmd, RANDOM_BYTES);

	/* A valid request at +8, so only the alignment is wrong. */
	request(SVSM_VTPM_PLAT_SEND_COMMAND, 0, len, cmd, len);
	memmove(ctx.scratch + 8, ctx.scratch, PAGE - 8);
	return vtpm_cmd_at("GPA scratch+8", ctx.sgpa + 8,
			   SVSM_ERR_INVALID_PARAMETER) ? PASS : FAIL;
}

static enum result t_gpa_zero(void)
{
	return vtpm_cmd_at("GPA 0", 0, SVSM_ERR_INVALID_PARAMETER) ?
	       PASS : FAIL;
}

static enum result t_gpa_svsm(void)
{
	bool ok;

	if (!ctx.have_cpuid) {
		case_skip_why = "no SVSM CPUID signature (base/size unknown)";
		return SKIP;
	}
	ok = vtpm_cmd_at("GPA SVSM base", ctx.svsm.base,
			 SVSM_ERR_INVALID_ADDRESS);
	ok &= vtpm_cmd_at("GPA SVSM last page",
			  ctx.svsm.base + ctx.svsm.size - PAGE,
			  SVSM_ERR_INVALID_ADDRESS);
	return ok ? PASS : FAIL;
}

static enum result t_gpa_mmio(void)
{
	return vtpm_cmd_at("GPA 0xfec00000 (IOAPIC)", IOAPIC,
			   SVSM_ERR_INVALID_ADDRESS) ? PASS : FAIL;
}

static enum result t_gpa_beyond_ram(void)
{
	bool ok = true;

	if (ctx.ram_top)
		ok &= vtpm_cmd_at("GPA top of RAM", ctx.ram_top,
				  SVSM_ERR_INVALID_ADDRESS);
	else
		diag("top of RAM unknown: only 1 TiB tried");
	ok &= vtpm_cmd_at("GPA 1 TiB", TIB, SVSM_ERR_INVALID_ADDRESS);
	return ok ? PASS : FAIL;
}

static enum result t_plat_unknown(void)
{
	static const __u32 plats[] = { 0, PLAT_UNKNOWN,
				       SVSM_VTPM_PLAT_MAX_KNOWN + 1 };
	__u8 cmd[32];
	size_t len = cmd_get_random(cmd, RANDOM_BYTES);
	char what[64];
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(plats); i++) {
		snprintf(what, sizeof(what), "platform command 0x%x", plats[i]);
		request(plats[i], 0, len, cmd, len);
		ok &= vtpm_cmd_at(what, ctx.sgpa, SVSM_ERR_INVALID_PARAMETER);
	}
	return ok ? PASS : FAIL;
}

static enum result t_plat_unsupported(void)
{
	static const __u32 plats[] = { PLAT_POWER_ON, PLAT_POWER_OFF,
				       PLAT_RESET };
	__u8 cmd[32];
	size_t len = cmd_get_random(cmd, RANDOM_BYTES);
	char what[64];
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(plats); i++) {
		snprintf(what, sizeof(what), "platform command %u", plats[i]);
		request(plats[i], 0, len, cmd, len);
		ok &= vtpm_cmd_at(what, ctx.sgpa, SVSM_ERR_UNSUPPORTED_CALL);
	}
	return ok ? PASS : FAIL;
}

static enum result t_locality(void)
{
	__u8 cmd[32];
	size_t len = cmd_get_random(cmd, RANDOM_BYTES);
	char what[64];
	bool ok = true;
	__u8 loc;

	for (loc = 1; loc <= 4; loc++) {
		snprintf(what, sizeof(what), "locality %u", loc);
		request(SVSM_VTPM_PLAT_SEND_COMMAND, loc, len, cmd, len);
		ok &= vtpm_cmd_at(what, ctx.sgpa, SVSM_ERR_INVALID_PARAMETER);
	}
	return ok ? PASS : FAIL;
}

static enum result t_unknown_call(void)
{
	static const __u32 ids[] = { 2, 3, 0xffffffff };
	char what[64];
	bool ok = true;
	__u64 rax;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		snprintf(what, sizeof(what), "vTPM call 0x%x", ids[i]);
		ok &= vtpm_call(what, ids[i], ctx.sgpa, &rax) &&
		      expect_rax(what, SVSM_ERR_UNSUPPORTED_CALL, rax);
	}
	return ok ? PASS : FAIL;
}

/* After all the refused requests the TPM still answers. */
static enum result t_still_works(void)
{
	return get_random("TPM2_GetRandom(8) at the end", NULL) ? PASS : FAIL;
}

static const struct {
	const char *name;
	enum result (*fn)(void);
} cases[] = {
	{ "query", t_query },
	{ "startup", t_startup },
	{ "get_random", t_get_random },
	{ "command_size_4088", t_command_too_big },
	{ "command_size_4087_tpm_error", t_command_max_size },
	{ "command_below_tpm_header", t_command_below_header },
	{ "command_size_mismatch", t_command_size_mismatch },
	{ "gpa_unaligned", t_gpa_unaligned },
	{ "gpa_zero", t_gpa_zero },
	{ "gpa_svsm_memory", t_gpa_svsm },
	{ "gpa_mmio", t_gpa_mmio },
	{ "gpa_beyond_ram", t_gpa_beyond_ram },
	{ "platform_command_unknown", t_plat_unknown },
	{ "platform_command_unsupported", t_plat_unsupported },
	{ "locality_nonzero", t_locality },
	{ "unknown_call", t_unknown_call },
	{ "tpm_still_works", t_still_works },
};

/* ---- set-up -------------------------------------------------------------- */

/* Whether the SVSM serves protocol 2 version 1 (QUERY_PROTOCOL). */
static bool vtpm_served(void)
{
	struct svsm_raw_call c = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_CORE, SVSM_CORE_QUERY_PROTOCOL),
		.rcx = SVSM_QUERY_ARG(SVSM_PROTOCOL_VTPM, SVSM_VTPM_VERSION_MIN),
	};

	if (!raw_call(ctx.fd, &c, "QUERY_PROTOCOL(2, 1)"))
		return false;
	if (c.rax != SVSM_SUCCESS || !c.rcx)
		return false;
	diag("protocol 2 versions %u..%u", SVSM_QUERY_MIN(c.rcx),
	     SVSM_QUERY_MAX(c.rcx));
	return true;
}

static void setup(void)
{
	struct svsm_raw_scratch s;
	enum svsm_scratch_err err;
	void *p;

	ctx.have_cpuid = svsm_cpuid_read(&ctx.svsm);
	ctx.fd = svsm_raw_open(&ctx.skip_why);
	if (ctx.fd < 0)
		return;
	p = svsm_scratch_map(ctx.fd, &s, 0, PAGE, &err);
	if (!p) {
		if (err == SCRATCH_NO_INFO)
			diag("SVSM_RAW_IOC_SCRATCH: %s", strerror(errno));
		else
			diag("mmap of the scratch area: %s", strerror(errno));
		ctx.skip_why = "no scratch area";
		return;
	}
	ctx.scratch = p;
	ctx.sgpa = s.gpa;
	ctx.ram_top = find_ram_top(ctx.have_cpuid ? &ctx.svsm : NULL);
	if (!vtpm_served())
		ctx.skip_why = "the SVSM serves no vTPM (protocol 2)";
}

int main(int argc, char **argv)
{
	enum result r;
	size_t i;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: svsm_vtpm_test\n");
		return 2;
	}
	printf("KTAP version 1\n");
	setup();
	if (ctx.skip_why)
		return ktap_skip_all(ctx.skip_why);
	printf("1..%zu\n", ARRAY_SIZE(cases));
	diag("request page 0x%llx; top of RAM 0x%llx",
	     (unsigned long long)ctx.sgpa, (unsigned long long)ctx.ram_top);

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		case_skip_why = NULL;
		r = cases[i].fn();
		report(r, cases[i].name, case_skip_why);
	}
	return ktap_totals();
}
