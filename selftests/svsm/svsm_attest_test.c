// SPDX-License-Identifier: GPL-2.0-only
/*
 * svsm_attest_test: conformance test of the SVSM attestation protocol
 * (protocol 1, include/svsm/attest.h) and of the svsm-attest driver
 * (/dev/svsm-attest, include/svsm/attest_ioctl.h).
 *
 *   svsm_attest_test      KTAP v1 on stdout, one line per case
 *
 * Part 1, "raw_*": protocol-1 calls issued as is through the raw-call
 * device of the svsm-bus module (modprobe svsm-bus raw_calls=1), with the
 * operation structure, nonce and buffers in the bus's scratch area: every
 * call, every error code, size probing, the manifest, report and
 * certificate layouts, REPORT_DATA = SHA-512(nonce || manifest).
 *
 * Part 2, "ioctl_*": the driver's ioctls: size negotiation (ENOSPC and
 * the needed sizes), EINVAL/EPERM/EFAULT/ENOTTY, concurrent callers.
 *
 * A part whose device is missing, or that finds no protocol 1, reports
 * its cases as SKIP.  Exit status (kselftest): 0 pass, 1 fail, 4 all
 * skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <svsm/attest.h>
#include <svsm/attest_ioctl.h>
#include <svsm/core.h>
#include <svsm/protocol.h>

#include "svsm_test.h"

#define TIB BIT_ULL(40)
#define IOAPIC 0xfec00000ull
#define NOBODY 65534

/* The vTPM service manifest: the EK's marshalled TPMT_PUBLIC (RSA-2048). */
#define EK_TPMT_PUBLIC_SIZE 314
#define TPM_ALG_RSA 0x0001
#define TPM_ALG_SHA256 0x000b

#define MANIFEST_HDR_SIZE 24
#define MANIFEST_ENTRY_SIZE 24
#define CERT_ENTRY_SIZE 24

/* Roomy sizes for calls that are not about sizes. */
#define ROOM_REPORT 0x2000u
#define ROOM_MANIFEST 0x4000u
#define ROOM_CERTS 0x4000u

/* Scratch pages, by index. */
enum {
	P_OP,			/* operation structure */
	P_NONCE,		/* nonce */
	P_REPORT,		/* 2 pages */
	P_MANIFEST = P_REPORT + 2,	/* 4 pages */
	P_CERTS = P_MANIFEST + 4,	/* 5 pages (0x4001 bytes fit) */
	P_SPARE = P_CERTS + 5,
	P_MIN = P_SPARE + 2	/* pages the tests map */
};

#define CONCURRENT_ITERS 20

struct attest_ctx {
	int raw_fd;			/* /dev/svsm-raw, -1: none */
	int dev_fd;			/* /dev/svsm-attest, -1: none */
	const char *raw_skip;		/* why the raw cases skip */
	const char *dev_skip;		/* why the ioctl cases skip */
	bool have_cpuid;
	struct svsm_cpuid_info svsm;
	__u8 *scratch;
	__u64 sgpa;
	__u64 ram_top;			/* first address above guest RAM, 0: unknown */
	/* Sizes the SVSM asked for (0: not probed yet). */
	__u32 report_sz, manifest_sz, certs_sz, single_sz;
	__u8 manifest[ROOM_MANIFEST];	/* ATTEST_SERVICES manifest (raw) */
	__u8 ek[EK_TPMT_PUBLIC_SIZE];	/* vTPM entry of that manifest */
	bool have_ek;
};

static struct attest_ctx ctx = { .raw_fd = -1, .dev_fd = -1 };
static const char *case_skip_why;

static const __u8 vtpm_guid[16] = SVSM_VTPM_SERVICE_GUID;
static const __u8 manifest_guid[16] = SVSM_MANIFEST_HEADER_GUID;

static __u16 get_be16(const __u8 *p)
{
	return (__u16)(p[0] << 8 | p[1]);
}

static __u32 get_le32(const __u8 *p)
{
	return (__u32)p[3] << 24 | (__u32)p[2] << 16 | (__u32)p[1] << 8 | p[0];
}

/* ---- SHA-512 (FIPS 180-4) ------------------------------------------------ */

static const __u64 sha512_k[80] = {
	0x428a2f98d728ae22ull, 0x7137449123ef65cdull,
	0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
	0x3956c25bf348b538ull, 0x59f111f1b605d019ull,
	0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
	0xd807aa98a3030242ull, 0x12835b0145706fbeull,
	0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
	0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull,
	0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
	0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull,
	0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
	0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull,
	0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
	0x983e5152ee66dfabull, 0xa831c66d2db43210ull,
	0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
	0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull,
	0x06ca6351e003826full, 0x142929670a0e6e70ull,
	0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull,
	0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
	0x650a73548baf63deull, 0x766a0abb3c77b2a8ull,
	0x81c2c92e47edaee6ull, 0x92722c851482353bull,
	0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull,
	0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
	0xd192e819d6ef5218ull, 0xd69906245565a910ull,
	0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
	0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull,
	0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
	0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull,
	0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
	0x748f82ee5defb2fcull, 0x78a5636f43172f60ull,
	0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
	0x90befffa23631e28ull, 0xa4506cebde82bde9ull,
	0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
	0xca273eceea26619cull, 0xd186b8c721c0c207ull,
	0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
	0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull,
	0x113f9804bef90daeull, 0x1b710b35131c471bull,
	0x28db77f523047d84ull, 0x32caab7b40c72493ull,
	0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
	0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull,
	0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

static const __u64 sha512_h0[8] = {
	0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull,
	0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
	0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
	0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

struct sha512 {
	__u64 h[8];
	__u8 buf[128];
	size_t fill;
	__u64 total;
};

static __u64 ror64(__u64 x, unsigned int n)
{
	return x >> n | x << (64 - n);
}

static void sha512_block(struct sha512 *s, const __u8 *p)
{
	__u64 w[80], a, b, c, d, e, f, g, h, t1, t2;
	int i, j;

	for (i = 0; i < 16; i++) {
		w[i] = 0;
		for (j = 0; j < 8; j++)
			w[i] = w[i] << 8 | p[8 * i + j];
	}
	for (i = 16; i < 80; i++)
		w[i] = (ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^
			w[i - 2] >> 6) + w[i - 7] +
		       (ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^
			w[i - 15] >> 7) + w[i - 16];
	a = s->h[0];
	b = s->h[1];
	c = s->h[2];
	d = s->h[3];
	e = s->h[4];
	f = s->h[5];
	g = s->h[6];
	h = s->h[7];
	for (i = 0; i < 80; i++) {
		t1 = h + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) +
		     ((e & f) ^ (~e & g)) + sha512_k[i] + w[i];
		t2 = (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
	s->h[5] += f;
	s->h[6] += g;
	s->h[7] += h;
}

static void sha512_init(struct sha512 *s)
{
	memcpy(s->h, sha512_h0, sizeof(s->h));
	s->fill = 0;
	s->total = 0;
}

static void sha512_update(struct sha512 *s, const void *data, size_t len)
{
	const __u8 *p = data;
	size_t n;

	s->total += len;
	while (len) {
		n = sizeof(s->buf) - s->fill;
		if (n > len)
			n = len;
		memcpy(s->buf + s->fill, p, n);
		s->fill += n;
		p += n;
		len -= n;
		if (s->fill == sizeof(s->buf)) {
			sha512_block(s, s->buf);
			s->fill = 0;
		}
	}
}

static void sha512_final(struct sha512 *s, __u8 out[64])
{
	__u64 bits = s->total * 8;
	__u8 pad[144] = { 0x80 };
	size_t padlen;
	int i;

	/* Up to 112 mod 128, then the 128-bit length (high half zero). */
	padlen = s->fill < 112 ? 112 - s->fill : 240 - s->fill;
	for (i = 0; i < 8; i++)
		pad[padlen + 8 + i] = bits >> (56 - 8 * i);
	sha512_update(s, pad, padlen + 16);
	for (i = 0; i < 64; i++)
		out[i] = s->h[i / 8] >> (56 - 8 * (i % 8));
}

/* SHA-512(nonce || manifest): the REPORT_DATA the SVSM must produce. */
static void report_data_of(const __u8 *nonce, const __u8 *manifest,
			   size_t len, __u8 out[64])
{
	struct sha512 s;

	sha512_init(&s);
	sha512_update(&s, nonce, SVSM_ATTEST_NONCE_SIZE);
	sha512_update(&s, manifest, len);
	sha512_final(&s, out);
}

static void hex(char *out, const __u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

/* ---- raw calls ----------------------------------------------------------- */

static __u64 pg(unsigned int i)
{
	return ctx.sgpa + i * PAGE;
}

static __u8 *pp(unsigned int i)
{
	return ctx.scratch + i * PAGE;
}

struct regs {
	__u64 rax, rcx, rdx, r8;
};

/* One protocol-1 call @id with RCX = @rcx; false when not issued. */
static bool attest_call(const char *what, __u32 id, __u64 rcx,
			struct regs *out)
{
	struct svsm_raw_call c = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_ATTEST, id),
		.rcx = rcx,
	};

	if (ioctl(ctx.raw_fd, SVSM_RAW_IOC_CALL, &c) < 0) {
		diag("%s: ioctl(SVSM_RAW_IOC_CALL): %s", what, strerror(errno));
		return false;
	}
	out->rax = c.rax;
	out->rcx = c.rcx;
	out->rdx = c.rdx;
	out->r8 = c.r8;
	return true;
}

static struct svsm_attest_single_op *op_at(unsigned int page)
{
	return (struct svsm_attest_single_op *)pp(page);
}

static void fill_nonce(__u8 *nonce, unsigned int seed)
{
	int i;

	for (i = 0; i < SVSM_ATTEST_NONCE_SIZE; i++)
		nonce[i] = (__u8)(seed * 131 + i * 7 + 1);
}

/*
 * A valid operation in P_OP: roomy buffers in their pages (filled with a
 * pattern), the nonce from @seed in P_NONCE; for @single the vTPM GUID
 * and manifest version 0.
 */
static struct svsm_attest_single_op *op_valid(bool single, unsigned int seed)
{
	struct svsm_attest_single_op *o = op_at(P_OP);

	memset(pp(P_REPORT), 0xa5, (P_SPARE - P_REPORT) * PAGE);
	memset(pp(P_NONCE), 0x5a, PAGE);
	fill_nonce(pp(P_NONCE), seed);
	memset(o, 0, PAGE);
	o->base.report.gpa = pg(P_REPORT);
	o->base.report.size = ROOM_REPORT;
	o->base.nonce.gpa = pg(P_NONCE);
	o->base.nonce.size = SVSM_ATTEST_NONCE_SIZE;
	o->base.manifest.gpa = pg(P_MANIFEST);
	o->base.manifest.size = ROOM_MANIFEST;
	o->base.certs.gpa = pg(P_CERTS);
	o->base.certs.size = ROOM_CERTS;
	if (single)
		memcpy(o->service_guid, vtpm_guid, sizeof(vtpm_guid));
	return o;
}

static __u32 call_id(bool single)
{
	return single ? SVSM_ATTEST_SINGLE_SERVICE : SVSM_ATTEST_SERVICES;
}

/* Issue the op in P_OP; true when the result code is @want. */
static bool op_expect(const char *what, bool single, __u64 want,
		      struct regs *r)
{
	struct regs tmp;

	if (!r)
		r = &tmp;
	return attest_call(what, call_id(single), pg(P_OP), r) &&
	       expect_rax(what, want, r->rax);
}

/* The sizes of the too-small path (or of a success): RCX, RDX, R8. */
static bool expect_sizes(const char *what, const struct regs *r,
			 __u32 manifest, __u32 certs, __u32 report)
{
	bool ok;

	ok = expect_u64(what, "RCX (manifest size)", manifest, r->rcx);
	ok &= expect_u64(what, "RDX (certs size)", certs, r->rdx);
	ok &= expect_u64(what, "R8 (report size)", report, r->r8);
	return ok;
}

static bool need_sizes(void)
{
	if (ctx.report_sz && ctx.manifest_sz && ctx.single_sz)
		return true;
	case_skip_why = "sizes not probed (raw_size_probe failed)";
	return false;
}

/* ---- checks of returned data -------------------------------------------- */

static bool check_tpmt_public(const char *what, const __u8 *p, size_t len)
{
	bool ok = true;

	if (len != EK_TPMT_PUBLIC_SIZE) {
		diag("%s: EK TPMT_PUBLIC of %zu bytes, expected %u", what, len,
		     EK_TPMT_PUBLIC_SIZE);
		return false;
	}
	ok &= expect_u64(what, "TPMT_PUBLIC.type", TPM_ALG_RSA,
			 get_be16(p));
	ok &= expect_u64(what, "TPMT_PUBLIC.nameAlg", TPM_ALG_SHA256,
			 get_be16(p + 2));
	/* unique: 2-byte size 256, the modulus last. */
	ok &= expect_u64(what, "TPMT_PUBLIC.unique.size", 256,
			 get_be16(p + len - 258));
	return ok;
}

/*
 * The services manifest: header GUID, size, count, entries inside the
 * table, the vTPM entry with a TPMT_PUBLIC.  Keeps the EK in ctx.ek.
 */
static bool check_manifest(const char *what, const __u8 *m, size_t len)
{
	__u32 size, count, off, esz, i;
	bool ok = true, vtpm = false;
	const __u8 *e;

	if (len < MANIFEST_HDR_SIZE) {
		diag("%s: manifest of %zu bytes, below the 24-byte header",
		     what, len);
		return false;
	}
	if (memcmp(m, manifest_guid, 16)) {
		diag("%s: manifest header GUID wrong", what);
		ok = false;
	}
	size = get_le32(m + 16);
	count = get_le32(m + 20);
	ok &= expect_u64(what, "manifest size field", len, size);
	if (count == 0 || count > 64 ||
	    MANIFEST_HDR_SIZE + (size_t)count * MANIFEST_ENTRY_SIZE > len) {
		diag("%s: manifest count %u does not fit %zu bytes", what,
		     count, len);
		return false;
	}
	for (i = 0; i < count; i++) {
		e = m + MANIFEST_HDR_SIZE + i * MANIFEST_ENTRY_SIZE;
		off = get_le32(e + 16);
		esz = get_le32(e + 20);
		if (off < MANIFEST_HDR_SIZE + count * MANIFEST_ENTRY_SIZE ||
		    off > len || esz > len - off) {
			diag("%s: entry %u data at %u+%u outside the table",
			     what, i, off, esz);
			ok = false;
			continue;
		}
		if (memcmp(e, vtpm_guid, 16))
			continue;
		vtpm = true;
		ok &= check_tpmt_public(what, m + off, esz);
		if (esz == EK_TPMT_PUBLIC_SIZE) {
			memcpy(ctx.ek, m + off, esz);
			ctx.have_ek = true;
		}
	}
	if (!vtpm) {
		diag("%s: no vTPM entry among %u", what, count);
		ok = false;
	}
	return ok;
}

/* Report: version 2, VMPL 0, ECDSA P-384, REPORT_DATA, a signature. */
static bool check_report(const char *what, const __u8 *rep, size_t len,
			 const __u8 *nonce, const __u8 *manifest,
			 size_t manifest_len)
{
	const struct snp_attestation_report *r = (const void *)rep;
	char want_hex[129], got_hex[129];
	__u8 want[64], zero[72] = { 0 };
	bool ok = true;

	if (len != SNP_REPORT_SIZE) {
		diag("%s: report of %zu bytes, expected 0x%x", what, len,
		     SNP_REPORT_SIZE);
		return false;
	}
	ok &= expect_u64(what, "report version", 2, r->version);
	ok &= expect_u64(what, "report vmpl", 0, r->vmpl);
	ok &= expect_u64(what, "report signature_algo",
			 SNP_SIG_ALGO_ECDSA_P384_SHA384, r->signature_algo);
	report_data_of(nonce, manifest, manifest_len, want);
	if (memcmp(want, r->report_data, 64)) {
		hex(want_hex, want, 64);
		hex(got_hex, r->report_data, 64);
		diag("%s: REPORT_DATA != SHA-512(nonce || manifest[%zu])",
		     what, manifest_len);
		diag("%s:   expected %s", what, want_hex);
		diag("%s:   got      %s", what, got_hex);
		ok = false;
	}
	if (!memcmp(r->sig_r, zero, sizeof(zero)) ||
	    !memcmp(r->sig_s, zero, sizeof(zero))) {
		diag("%s: signature R or S is all zero", what);
		ok = false;
	}
	return ok;
}

/* "63da758d-e664-..." -> 16 bytes in string (RFC 4122) order. */
static void guid_parse(const char *s, __u8 out[16])
{
	unsigned int v;
	int i = 0;

	while (*s && i < 16) {
		if (*s == '-') {
			s++;
			continue;
		}
		sscanf(s, "%2x", &v);
		out[i++] = (__u8)v;
		s += 2;
	}
}

/* SNP certificate table: VCEK, ASK, ARK, each a DER certificate. */
static bool check_certs(const char *what, const __u8 *c, size_t len)
{
	static const char *const names[] = { "VCEK", "ASK", "ARK" };
	static const char *const guids[] = {
		SNP_CERT_GUID_VCEK, SNP_CERT_GUID_ASK, SNP_CERT_GUID_ARK,
	};
	__u8 g[3][16], zero[CERT_ENTRY_SIZE] = { 0 };
	bool ok = true, seen[3] = { false };
	__u32 off, l, der;
	size_t n, i;
	int k;

	for (k = 0; k < 3; k++)
		guid_parse(guids[k], g[k]);
	for (n = 0; ; n++) {
		const __u8 *e = c + n * CERT_ENTRY_SIZE;

		if ((n + 1) * CERT_ENTRY_SIZE > len) {
			diag("%s: certificate table not terminated in %zu bytes",
			     what, len);
			return false;
		}
		if (!memcmp(e, zero, CERT_ENTRY_SIZE))
			break;
		off = get_le32(e + 16);
		l = get_le32(e + 20);
		for (k = 0; k < 3; k++)
			if (!memcmp(e, g[k], 16))
				break;
		if (k == 3) {
			diag("%s: entry %zu: unknown GUID", what, n);
			ok = false;
			continue;
		}
		if (seen[k]) {
			diag("%s: %s listed twice", what, names[k]);
			ok = false;
		}
		seen[k] = true;
		if (off > len || l > len - off || l < 4) {
			diag("%s: %s at %u+%u outside %zu bytes", what,
			     names[k], off, l, len);
			ok = false;
			continue;
		}
		/* DER SEQUENCE with a 2-byte length: 30 82 hi lo. */
		der = c[off + 1] == 0x82 ? 4u + get_be16(c + off + 2) : 0;
		if (c[off] != 0x30 || der != l) {
			diag("%s: %s: not one DER certificate of %u bytes",
			     what, names[k], l);
			diag("%s: %s: starts %02x %02x, DER length %u", what,
			     names[k], c[off], c[off + 1], der);
			ok = false;
		}
	}
	for (i = 0; i < 3; i++) {
		if (!seen[i]) {
			diag("%s: no %s certificate", what, names[i]);
			ok = false;
		}
	}
	return ok;
}

/* ---- raw cases ------------------------------------------------------------ */

enum { B_REPORT, B_NONCE, B_MANIFEST, B_CERTS, B_NUM };

static const char *const buf_names[B_NUM] = {
	"report", "nonce", "manifest", "certs",
};

static struct svsm_attest_loc *loc_of(struct svsm_attest_single_op *o,
				      int which)
{
	switch (which) {
	case B_REPORT:
		return &o->base.report;
	case B_NONCE:
		return &o->base.nonce;
	case B_MANIFEST:
		return &o->base.manifest;
	default:
		return &o->base.certs;
	}
}

/* The last successful ATTEST_SERVICES with exact sizes, for later cases. */
static struct {
	bool valid;
	__u8 nonce[SVSM_ATTEST_NONCE_SIZE];
	__u8 report[SNP_REPORT_SIZE];
	__u8 certs[ROOM_CERTS];
	__u32 manifest_len, certs_len;
} last;

static enum result t_query(void)
{
	struct svsm_raw_call c = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_CORE, SVSM_CORE_QUERY_PROTOCOL),
		.rcx = SVSM_QUERY_ARG(SVSM_PROTOCOL_ATTEST,
				      SVSM_ATTEST_VERSION_MIN),
	};
	bool ok;

	if (ioctl(ctx.raw_fd, SVSM_RAW_IOC_CALL, &c) < 0)
		return FAIL;
	ok = expect_rax("QUERY_PROTOCOL(1, 1)", SVSM_SUCCESS, c.rax);
	ok &= expect_u64("QUERY_PROTOCOL(1, 1)", "RCX",
			 SVSM_QUERY_ARG(SVSM_ATTEST_VERSION_MAX,
					SVSM_ATTEST_VERSION_MIN), c.rcx);
	return ok ? PASS : FAIL;
}

/* All sizes 0: INVALID_PARAMETER and the needed sizes. */
static enum result t_probe_services(void)
{
	struct svsm_attest_single_op *o = op_valid(false, 1);
	struct regs r;
	bool ok;

	o->base.report.size = 0;
	o->base.manifest.size = 0;
	o->base.certs.gpa = 0;
	o->base.certs.size = 0;
	if (!op_expect("SERVICES, all sizes 0", false,
		       SVSM_ERR_INVALID_PARAMETER, &r))
		return FAIL;
	ok = expect_u64("SERVICES, all sizes 0", "R8 (report size)",
			SNP_REPORT_SIZE, r.r8);
	ok &= expect_u64("SERVICES, all sizes 0", "RDX (no certs asked)", 0,
			 r.rdx);
	if (r.rcx < MANIFEST_HDR_SIZE + MANIFEST_ENTRY_SIZE +
		    EK_TPMT_PUBLIC_SIZE || r.rcx > ROOM_MANIFEST) {
		diag("SERVICES, all sizes 0: RCX (manifest size) 0x%llx, expected at least 0x%x",
		     (unsigned long long)r.rcx,
		     MANIFEST_HDR_SIZE + MANIFEST_ENTRY_SIZE +
		     EK_TPMT_PUBLIC_SIZE);
		ok = false;
	}
	if (!ok)
		return FAIL;
	ctx.report_sz = r.r8;
	ctx.manifest_sz = r.rcx;
	diag("sizes: report 0x%x, services manifest 0x%x", ctx.report_sz,
	     ctx.manifest_sz);
	return PASS;
}

static enum result t_probe_single(void)
{
	struct svsm_attest_single_op *o = op_valid(true, 2);
	struct regs r;
	bool ok;

	o->base.report.size = 0;
	o->base.manifest.size = 0;
	o->base.certs.gpa = 0;
	o->base.certs.size = 0;
	if (!op_expect("SINGLE_SERVICE(vTPM), all sizes 0", true,
		       SVSM_ERR_INVALID_PARAMETER, &r))
		return FAIL;
	ok = expect_sizes("SINGLE_SERVICE(vTPM), all sizes 0", &r,
			  EK_TPMT_PUBLIC_SIZE, 0, SNP_REPORT_SIZE);
	if (ok)
		ctx.single_sz = r.rcx;
	return ok ? PASS : FAIL;
}

/* A certificate buffer of 1 byte: too small, RDX = the size needed. */
static enum result t_probe_certs(void)
{
	struct svsm_attest_single_op *o = op_valid(false, 3);
	struct regs r;

	o->base.certs.size = 1;
	if (!op_expect("SERVICES, certs size 1", false,
		       SVSM_ERR_INVALID_PARAMETER, &r))
		return FAIL;
	if (r.rdx <= 1 || r.rdx > SVSM_ATTEST_MAX_CERTS_SIZE) {
		diag("SERVICES, certs size 1: RDX (certs size) 0x%llx, expected 2..0x%x",
		     (unsigned long long)r.rdx, SVSM_ATTEST_MAX_CERTS_SIZE);
		return FAIL;
	}
	ctx.certs_sz = r.rdx;
	diag("certificate data: 0x%x bytes", ctx.certs_sz);
	if (ctx.manifest_sz)
		return expect_u64("SERVICES, certs size 1", "RCX",
				  ctx.manifest_sz, r.rcx) &&
		       expect_u64("SERVICES, certs size 1", "R8",
				  SNP_REPORT_SIZE, r.r8) ? PASS : FAIL;
	return PASS;
}

static enum result t_services_exact(void)
{
	const char *what = "SERVICES, exact sizes";
	struct svsm_attest_single_op *o;
	struct regs r;

	if (!need_sizes())
		return SKIP;
	if (!ctx.certs_sz) {
		case_skip_why = "certs size not probed";
		return SKIP;
	}
	o = op_valid(false, 4);
	o->base.report.size = ctx.report_sz;
	o->base.manifest.size = ctx.manifest_sz;
	o->base.certs.size = ctx.certs_sz;
	if (!op_expect(what, false, SVSM_SUCCESS, &r) ||
	    !expect_sizes(what, &r, ctx.manifest_sz, ctx.certs_sz,
			  SNP_REPORT_SIZE))
		return FAIL;
	memcpy(last.nonce, pp(P_NONCE), sizeof(last.nonce));
	memcpy(last.report, pp(P_REPORT), sizeof(last.report));
	memcpy(ctx.manifest, pp(P_MANIFEST), ctx.manifest_sz);
	memcpy(last.certs, pp(P_CERTS), ctx.certs_sz);
	last.manifest_len = ctx.manifest_sz;
	last.certs_len = ctx.certs_sz;
	last.valid = true;
	return PASS;
}

static bool need_last(void)
{
	if (last.valid)
		return true;
	case_skip_why = "no successful ATTEST_SERVICES (raw_services_exact_sizes)";
	return false;
}

static enum result t_manifest_layout(void)
{
	if (!need_last())
		return SKIP;
	return check_manifest("services manifest", ctx.manifest,
			      last.manifest_len) ? PASS : FAIL;
}

static enum result t_report_fields(void)
{
	if (!need_last())
		return SKIP;
	return check_report("ATTEST_SERVICES report", last.report,
			    SNP_REPORT_SIZE, last.nonce, ctx.manifest,
			    last.manifest_len) ? PASS : FAIL;
}

static enum result t_certs_table(void)
{
	if (!need_last())
		return SKIP;
	return check_certs("certificates", last.certs, last.certs_len) ?
	       PASS : FAIL;
}

/* Roomy buffers: SUCCESS with the same sizes. */
static enum result t_services_roomy(void)
{
	struct regs r;

	op_valid(false, 5);
	if (!op_expect("SERVICES, roomy buffers", false, SVSM_SUCCESS, &r))
		return FAIL;
	if (!need_sizes() || !ctx.certs_sz)
		return PASS;
	return expect_sizes("SERVICES, roomy buffers", &r, ctx.manifest_sz,
			    ctx.certs_sz, SNP_REPORT_SIZE) ? PASS : FAIL;
}

/* Certificates size 0: a report without them, RDX 0, buffer untouched. */
static enum result t_no_certs(void)
{
	struct svsm_attest_single_op *o;
	struct regs r;
	bool ok = true;
	size_t k;

	o = op_valid(false, 6);
	o->base.certs.gpa = 0;
	o->base.certs.size = 0;
	ok &= op_expect("SERVICES, certs GPA 0 size 0", false, SVSM_SUCCESS,
			&r) &&
	      expect_u64("SERVICES, certs GPA 0 size 0", "RDX", 0, r.rdx);

	o = op_valid(false, 7);
	o->base.certs.size = 0;
	ok &= op_expect("SERVICES, certs size 0", false, SVSM_SUCCESS, &r) &&
	      expect_u64("SERVICES, certs size 0", "RDX", 0, r.rdx);
	for (k = 0; k < PAGE; k++) {
		if (pp(P_CERTS)[k] != 0xa5) {
			diag("SERVICES, certs size 0: certificate buffer written at +0x%zx",
			     k);
			ok = false;
			break;
		}
	}
	return ok ? PASS : FAIL;
}

/* One byte short on @which: INVALID_PARAMETER, all sizes set. */
static enum result one_short(int which, bool single)
{
	struct svsm_attest_single_op *o;
	__u32 manifest_sz;
	char what[96];
	struct regs r;

	if (!need_sizes())
		return SKIP;
	if (!ctx.certs_sz) {
		case_skip_why = "certs size not probed";
		return SKIP;
	}
	manifest_sz = single ? ctx.single_sz : ctx.manifest_sz;
	o = op_valid(single, 8);
	o->base.report.size = ctx.report_sz;
	o->base.manifest.size = manifest_sz;
	o->base.certs.size = ctx.certs_sz;
	loc_of(o, which)->size--;
	snprintf(what, sizeof(what), "%s, %s size 0x%x (one short)",
		 single ? "SINGLE_SERVICE" : "SERVICES", buf_names[which],
		 loc_of(o, which)->size);
	if (!op_expect(what, single, SVSM_ERR_INVALID_PARAMETER, &r))
		return FAIL;
	return expect_sizes(what, &r, manifest_sz, ctx.certs_sz,
			    SNP_REPORT_SIZE) ? PASS : FAIL;
}

static enum result t_report_short(void)
{
	return one_short(B_REPORT, false);
}

static enum result t_manifest_short(void)
{
	return one_short(B_MANIFEST, false);
}

static enum result t_certs_short(void)
{
	return one_short(B_CERTS, false);
}

static enum result t_single_manifest_short(void)
{
	return one_short(B_MANIFEST, true);
}

static enum result t_nonce_size(void)
{
	static const __u32 sizes[] = { 0, 1, 63, 65, 128, 4096, 0x10040 };
	struct svsm_attest_single_op *o;
	char what[64];
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		o = op_valid(false, 9);
		o->base.nonce.size = sizes[i];
		snprintf(what, sizeof(what), "nonce size 0x%x", sizes[i]);
		ok &= op_expect(what, false, SVSM_ERR_INVALID_PARAMETER, NULL);
	}
	return ok ? PASS : FAIL;
}

/* A nonce anywhere within one page is fine: REPORT_DATA uses it. */
static enum result t_nonce_in_page(void)
{
	static const __u64 offs[] = { 8, PAGE - SVSM_ATTEST_NONCE_SIZE };
	struct svsm_attest_single_op *o;
	char what[64];
	bool ok = true;
	struct regs r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		o = op_valid(false, 10 + i);
		o->base.nonce.gpa = pg(P_NONCE) + offs[i];
		fill_nonce(pp(P_NONCE) + offs[i], 20 + i);
		snprintf(what, sizeof(what), "nonce at page + 0x%llx",
			 (unsigned long long)offs[i]);
		if (!op_expect(what, false, SVSM_SUCCESS, &r)) {
			ok = false;
			continue;
		}
		ok &= check_report(what, pp(P_REPORT), r.r8,
				   pp(P_NONCE) + offs[i], pp(P_MANIFEST),
				   r.rcx <= ROOM_MANIFEST ? r.rcx : 0);
	}
	return ok ? PASS : FAIL;
}

static enum result t_nonce_cross_page(void)
{
	static const __u64 offs[] = { PAGE - 32, PAGE - 1,
				      PAGE - SVSM_ATTEST_NONCE_SIZE + 1 };
	struct svsm_attest_single_op *o;
	char what[64];
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		o = op_valid(false, 12);
		o->base.nonce.gpa = pg(P_NONCE) + offs[i];
		snprintf(what, sizeof(what), "nonce at page + 0x%llx",
			 (unsigned long long)offs[i]);
		ok &= op_expect(what, false, SVSM_ERR_INVALID_PARAMETER, NULL);
	}
	return ok ? PASS : FAIL;
}

static enum result t_buffer_misaligned(void)
{
	static const int which[] = { B_REPORT, B_MANIFEST, B_CERTS };
	static const __u64 offs[] = { 8, 0x800, 0xfff };
	struct svsm_attest_single_op *o;
	char what[64];
	bool ok = true;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(which); i++) {
		for (j = 0; j < ARRAY_SIZE(offs); j++) {
			o = op_valid(false, 13);
			loc_of(o, which[i])->gpa += offs[j];
			snprintf(what, sizeof(what), "%s at page + 0x%llx",
				 buf_names[which[i]],
				 (unsigned long long)offs[j]);
			ok &= op_expect(what, false,
					SVSM_ERR_INVALID_PARAMETER, NULL);
		}
	}
	return ok ? PASS : FAIL;
}

/* Linux puts the op at CAA + 8: any GPA of guest RAM will do. */
static enum result t_op_unaligned(void)
{
	struct svsm_attest_single_op *o = op_valid(true, 14);
	struct regs r;

	memmove((__u8 *)o + 8, o, sizeof(*o));
	return attest_call("op at page + 8", SVSM_ATTEST_SINGLE_SERVICE,
			   pg(P_OP) + 8, &r) &&
	       expect_rax("op at page + 8", SVSM_SUCCESS, r.rax) ?
	       PASS : FAIL;
}

/* The addresses that are not guest RAM: { gpa, name }. */
struct bad_gpa {
	__u64 gpa;
	char name[48];
};

static size_t bad_gpas(struct bad_gpa *b, bool svsm, bool mmio, bool beyond)
{
	size_t n = 0;

	if (svsm && ctx.have_cpuid) {
		b[n].gpa = ctx.svsm.base;
		snprintf(b[n++].name, sizeof(b->name), "SVSM base");
		b[n].gpa = ctx.svsm.base + ctx.svsm.size - PAGE;
		snprintf(b[n++].name, sizeof(b->name), "SVSM last page");
	}
	if (mmio) {
		b[n].gpa = IOAPIC;
		snprintf(b[n++].name, sizeof(b->name), "IOAPIC 0xfec00000");
	}
	if (beyond) {
		if (ctx.ram_top) {
			b[n].gpa = ctx.ram_top;
			snprintf(b[n++].name, sizeof(b->name), "top of RAM");
		}
		b[n].gpa = TIB;
		snprintf(b[n++].name, sizeof(b->name), "1 TiB");
	}
	return n;
}

static enum result t_op_not_ram(void)
{
	struct bad_gpa b[8];
	size_t n, i;
	char what[96];
	bool ok = true;
	struct regs r;

	n = bad_gpas(b, true, true, true);
	for (i = 0; i < n; i++) {
		snprintf(what, sizeof(what), "op at %s", b[i].name);
		ok &= attest_call(what, SVSM_ATTEST_SERVICES, b[i].gpa, &r) &&
		      expect_rax(what, SVSM_ERR_INVALID_ADDRESS, r.rax);
		snprintf(what, sizeof(what), "SINGLE_SERVICE op at %s",
			 b[i].name);
		ok &= attest_call(what, SVSM_ATTEST_SINGLE_SERVICE, b[i].gpa,
				  &r) &&
		      expect_rax(what, SVSM_ERR_INVALID_ADDRESS, r.rax);
	}
	return ok ? PASS : FAIL;
}

/* Every buffer at every address in @b: INVALID_ADDRESS. */
static bool buffers_at(const struct bad_gpa *b, size_t n)
{
	struct svsm_attest_single_op *o;
	char what[96];
	bool ok = true;
	size_t i;
	int w;

	for (i = 0; i < n; i++) {
		for (w = 0; w < B_NUM; w++) {
			o = op_valid(false, 15);
			loc_of(o, w)->gpa = b[i].gpa;
			snprintf(what, sizeof(what), "%s at %s", buf_names[w],
				 b[i].name);
			ok &= op_expect(what, false, SVSM_ERR_INVALID_ADDRESS,
					NULL);
		}
	}
	return ok;
}

static enum result t_buffer_svsm(void)
{
	struct bad_gpa b[8];

	if (!ctx.have_cpuid) {
		case_skip_why = "no SVSM CPUID signature (region unknown)";
		return SKIP;
	}
	return buffers_at(b, bad_gpas(b, true, false, false)) ? PASS : FAIL;
}

static enum result t_buffer_mmio(void)
{
	struct bad_gpa b[8];

	return buffers_at(b, bad_gpas(b, false, true, false)) ? PASS : FAIL;
}

static enum result t_buffer_beyond_ram(void)
{
	struct bad_gpa b[8];

	if (!ctx.ram_top)
		diag("top of RAM unknown: only 1 TiB tried");
	return buffers_at(b, bad_gpas(b, false, false, true)) ? PASS : FAIL;
}

/* Buffers that start in RAM and run past its end: not entirely RAM. */
static enum result t_buffer_straddle(void)
{
	static const int which[] = { B_REPORT, B_MANIFEST, B_CERTS };
	struct svsm_attest_single_op *o;
	__u64 starts[2];
	size_t n = 0, i, j;
	char what[96];
	bool ok = true;

	if (ctx.ram_top)
		starts[n++] = ctx.ram_top - PAGE;
	if (ctx.have_cpuid)
		starts[n++] = ctx.svsm.base - PAGE;
	if (!n) {
		case_skip_why = "neither top of RAM nor SVSM region known";
		return SKIP;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < ARRAY_SIZE(which); j++) {
			o = op_valid(false, 16);
			loc_of(o, which[j])->gpa = starts[i];
			snprintf(what, sizeof(what), "%s at 0x%llx, 0x%x bytes (%s)",
				 buf_names[which[j]],
				 (unsigned long long)starts[i],
				 loc_of(o, which[j])->size,
				 starts[i] + PAGE == ctx.ram_top ?
				 "past top of RAM" : "into the SVSM region");
			ok &= op_expect(what, false, SVSM_ERR_INVALID_ADDRESS,
					NULL);
		}
	}
	return ok ? PASS : FAIL;
}

static enum result t_overlap(void)
{
	static const struct {
		int which;
		__u64 gpa_page;		/* page index */
		__u64 off;
		const char *name;
	} cases[] = {
		{ B_MANIFEST, P_REPORT, 0, "manifest = report" },
		{ B_MANIFEST, P_REPORT + 1, 0, "manifest in report's 2nd page" },
		{ B_CERTS, P_MANIFEST + 3, 0, "certs in manifest's last page" },
		{ B_CERTS, P_REPORT, 0, "certs = report" },
		{ B_REPORT, P_CERTS + 3, 0, "report in certs' last page" },
		{ B_NONCE, P_REPORT, 0x100, "nonce inside report" },
		{ B_NONCE, P_MANIFEST + 2, 0, "nonce inside manifest" },
		{ B_NONCE, P_CERTS, PAGE - 64, "nonce inside certs" },
	};
	struct svsm_attest_single_op *o;
	char what[96];
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		o = op_valid(false, 17);
		loc_of(o, cases[i].which)->gpa = pg(cases[i].gpa_page) +
						 cases[i].off;
		snprintf(what, sizeof(what), "overlap: %s", cases[i].name);
		ok &= op_expect(what, false, SVSM_ERR_INVALID_PARAMETER, NULL);
	}
	return ok ? PASS : FAIL;
}

/* Buffers that touch but do not overlap are fine. */
static enum result t_adjacent(void)
{
	struct svsm_attest_single_op *o = op_valid(false, 18);

	o->base.nonce.gpa = pg(P_NONCE) + PAGE - SVSM_ATTEST_NONCE_SIZE;
	fill_nonce(pp(P_NONCE) + PAGE - SVSM_ATTEST_NONCE_SIZE, 18);
	o->base.report.size = PAGE;
	o->base.manifest.gpa = pg(P_REPORT + 1);
	o->base.manifest.size = 3 * PAGE;
	o->base.certs.gpa = pg(P_REPORT + 4);
	return op_expect("report, manifest, certs back to back", false,
			 SVSM_SUCCESS, NULL) ? PASS : FAIL;
}

static enum result t_reserved(void)
{
	static const __u32 vals[] = { 1, 0x80000000u };
	struct svsm_attest_single_op *o;
	char what[96];
	bool ok = true;
	size_t i;
	int w;

	for (i = 0; i < ARRAY_SIZE(vals); i++) {
		for (w = 0; w < B_NUM; w++) {
			o = op_valid(false, 19);
			loc_of(o, w)->reserved = vals[i];
			snprintf(what, sizeof(what), "%s.reserved = 0x%x",
				 buf_names[w], vals[i]);
			ok &= op_expect(what, false,
					SVSM_ERR_INVALID_PARAMETER, NULL);
		}
		o = op_valid(true, 19);
		o->reserved = vals[i];
		snprintf(what, sizeof(what),
			 "SINGLE_SERVICE reserved = 0x%x", vals[i]);
		ok &= op_expect(what, true, SVSM_ERR_INVALID_PARAMETER, NULL);
		o = op_valid(true, 19);
		o->base.report.reserved = vals[i];
		snprintf(what, sizeof(what),
			 "SINGLE_SERVICE report.reserved = 0x%x", vals[i]);
		ok &= op_expect(what, true, SVSM_ERR_INVALID_PARAMETER, NULL);
	}
	return ok ? PASS : FAIL;
}

static enum result t_single(void)
{
	const char *what = "SINGLE_SERVICE(vTPM), exact sizes";
	struct svsm_attest_single_op *o;
	bool ok = true;
	struct regs r;

	if (!need_sizes())
		return SKIP;
	o = op_valid(true, 21);
	o->base.report.size = ctx.report_sz;
	o->base.manifest.size = ctx.single_sz;
	o->base.certs.gpa = 0;
	o->base.certs.size = 0;
	if (!op_expect(what, true, SVSM_SUCCESS, &r) ||
	    !expect_sizes(what, &r, EK_TPMT_PUBLIC_SIZE, 0, SNP_REPORT_SIZE))
		return FAIL;
	ok &= check_tpmt_public(what, pp(P_MANIFEST), r.rcx);
	ok &= check_report(what, pp(P_REPORT), r.r8, pp(P_NONCE),
			   pp(P_MANIFEST), r.rcx);
	if (ctx.have_ek && memcmp(ctx.ek, pp(P_MANIFEST), sizeof(ctx.ek))) {
		diag("%s: TPMT_PUBLIC differs from the services manifest's vTPM entry",
		     what);
		ok = false;
	}
	return ok ? PASS : FAIL;
}

static enum result t_single_bad_guid(void)
{
	static const struct {
		__u8 guid[16];
		const char *name;
	} guids[] = {
		{ { 0 }, "null GUID" },
		{ SVSM_MANIFEST_HEADER_GUID, "manifest header GUID" },
		/* The vTPM GUID in RFC 4122 (big-endian) byte order. */
		{ { 0xc4, 0x76, 0xf1, 0xeb, 0x01, 0x23, 0x45, 0xa5,
		    0x96, 0x41, 0xb4, 0xe7, 0xdd, 0xe5, 0xbf, 0xe3 },
		  "vTPM GUID, RFC 4122 byte order" },
		{ { 0xeb, 0xf1, 0x76, 0xc4, 0x23, 0x01, 0xa5, 0x45,
		    0x96, 0x41, 0xb4, 0xe7, 0xdd, 0xe5, 0xbf, 0xe4 },
		  "vTPM GUID, last byte changed" },
		/* UEFI MM of COCONUT: not served here. */
		{ { 0x59, 0x3a, 0x45, 0xa4, 0x1b, 0x9e, 0x87, 0x47,
		    0xa0, 0x33, 0x19, 0x86, 0xd6, 0xad, 0xbe, 0x55 },
		  "UEFI MM GUID" },
	};
	struct svsm_attest_single_op *o;
	char what[96];
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(guids); i++) {
		o = op_valid(true, 22);
		memcpy(o->service_guid, guids[i].guid, 16);
		snprintf(what, sizeof(what), "SINGLE_SERVICE(%s)",
			 guids[i].name);
		ok &= op_expect(what, true, SVSM_ERR_UNSUPPORTED_PROTOCOL,
				NULL);
	}
	return ok ? PASS : FAIL;
}

static enum result t_single_version(void)
{
	static const __u32 vers[] = { 1, 2, 0xffffffffu };
	struct svsm_attest_single_op *o;
	char what[96];
	bool ok = true;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vers); i++) {
		o = op_valid(true, 23);
		o->manifest_version = vers[i];
		snprintf(what, sizeof(what),
			 "SINGLE_SERVICE manifest_version %u", vers[i]);
		ok &= op_expect(what, true, SVSM_ERR_INVALID_PARAMETER, NULL);
	}
	return ok ? PASS : FAIL;
}

static enum result t_unknown_call(void)
{
	static const __u32 ids[] = { 2, 3, 0x100, 0xffffffffu };
	char what[64];
	bool ok = true;
	struct regs r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		op_valid(false, 24);
		snprintf(what, sizeof(what), "attestation call 0x%x", ids[i]);
		ok &= attest_call(what, ids[i], pg(P_OP), &r) &&
		      expect_rax(what, SVSM_ERR_UNSUPPORTED_CALL, r.rax);
	}
	return ok ? PASS : FAIL;
}

static enum result t_certs_limit(void)
{
	static const __u32 sizes[] = { SVSM_ATTEST_MAX_CERTS_SIZE + 1,
				       SVSM_ATTEST_MAX_CERTS_SIZE + PAGE,
				       0xffffffffu };
	struct svsm_attest_single_op *o;
	char what[64];
	bool ok = true;
	size_t i;

	o = op_valid(false, 25);
	o->base.certs.size = SVSM_ATTEST_MAX_CERTS_SIZE;
	ok &= op_expect("certs size 0x4000", false, SVSM_SUCCESS, NULL);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		o = op_valid(false, 25);
		o->base.certs.size = sizes[i];
		snprintf(what, sizeof(what), "certs size 0x%x", sizes[i]);
		ok &= op_expect(what, false, SVSM_ERR_INVALID_PARAMETER, NULL);
	}
	return ok ? PASS : FAIL;
}

/* Different nonces, different REPORT_DATA; each the right one. */
static enum result t_nonce_binding(void)
{
	__u8 rd[2][64];
	bool ok = true;
	struct regs r;
	int i;

	for (i = 0; i < 2; i++) {
		op_valid(true, 26 + i);
		if (!op_expect("SINGLE_SERVICE, nonce binding", true,
			       SVSM_SUCCESS, &r))
			return FAIL;
		ok &= check_report("nonce binding", pp(P_REPORT), r.r8,
				   pp(P_NONCE), pp(P_MANIFEST),
				   r.rcx <= ROOM_MANIFEST ? r.rcx : 0);
		memcpy(rd[i], ((struct snp_attestation_report *)pp(P_REPORT))->report_data,
		       64);
	}
	if (!memcmp(rd[0], rd[1], 64)) {
		diag("two nonces gave the same REPORT_DATA");
		ok = false;
	}
	return ok ? PASS : FAIL;
}

/* The SVSM reads the op and never writes it. */
static enum result t_op_unchanged(void)
{
	struct svsm_attest_single_op *o, copy;
	bool ok = true;

	o = op_valid(true, 28);
	memcpy(&copy, o, sizeof(copy));
	ok &= op_expect("op unchanged (success)", true, SVSM_SUCCESS, NULL);
	if (memcmp(&copy, o, sizeof(copy))) {
		diag("the SVSM changed the op structure on success");
		ok = false;
	}
	o->base.report.size = 0;
	memcpy(&copy, o, sizeof(copy));
	ok &= op_expect("op unchanged (too small)", true,
			SVSM_ERR_INVALID_PARAMETER, NULL);
	if (memcmp(&copy, o, sizeof(copy))) {
		diag("the SVSM changed the op structure on the too-small path");
		ok = false;
	}
	return ok ? PASS : FAIL;
}

static enum result t_still_works(void)
{
	struct regs r;

	op_valid(false, 29);
	if (!op_expect("ATTEST_SERVICES at the end", false, SVSM_SUCCESS, &r))
		return FAIL;
	return check_report("ATTEST_SERVICES at the end", pp(P_REPORT), r.r8,
			    pp(P_NONCE), pp(P_MANIFEST),
			    r.rcx <= ROOM_MANIFEST ? r.rcx : 0) ? PASS : FAIL;
}

/* ---- ioctl cases ---------------------------------------------------------- */

/* User buffers, big enough for anything the driver handles. */
static struct {
	__u8 report[SVSM_ATTEST_MAX_REPORT];
	__u8 manifest[SVSM_ATTEST_MAX_MANIFEST];
	__u8 certs[SVSM_ATTEST_MAX_CERTS];
} ubuf;

/* A request with the given lens over ubuf (len 0: addr 0 too). */
static void req_init(struct svsm_attest_request *q, bool single,
		     unsigned int seed, __u32 report, __u32 manifest,
		     __u32 certs)
{
	memset(q, 0, sizeof(*q));
	memset(&ubuf, 0xa5, sizeof(ubuf));
	fill_nonce(q->nonce, seed);
	if (single)
		memcpy(q->service_guid, vtpm_guid, sizeof(vtpm_guid));
	q->report.addr = report ? (__u64)(unsigned long)ubuf.report : 0;
	q->report.len = report;
	q->manifest.addr = manifest ? (__u64)(unsigned long)ubuf.manifest : 0;
	q->manifest.len = manifest;
	q->certs.addr = certs ? (__u64)(unsigned long)ubuf.certs : 0;
	q->certs.len = certs;
}

static unsigned long ioc(bool single)
{
	return single ? SVSM_ATTEST_IOC_SINGLE_SERVICE :
	       SVSM_ATTEST_IOC_SERVICES;
}

/* The ioctl on @fd; 0 or the errno. */
static int attest_ioctl(int fd, bool single, struct svsm_attest_request *q)
{
	return ioctl(fd, ioc(single), q) < 0 ? errno : 0;
}

static bool expect_errno(const char *what, int want, int got)
{
	if (want == got)
		return true;
	diag("%s: expected %s (%d), got %s (%d)", what,
	     want ? strerror(want) : "success", want,
	     got ? strerror(got) : "success", got);
	return false;
}

static bool expect_lens(const char *what, const struct svsm_attest_request *q,
			__u32 report, __u32 manifest, __u32 certs)
{
	bool ok;

	ok = expect_u64(what, "report.len", report, q->report.len);
	ok &= expect_u64(what, "manifest.len", manifest, q->manifest.len);
	ok &= expect_u64(what, "certs.len", certs, q->certs.len);
	return ok;
}

static enum result t_dev_node(void)
{
	struct stat st;

	if (stat(SVSM_ATTEST_DEVICE, &st)) {
		diag("stat %s: %s", SVSM_ATTEST_DEVICE, strerror(errno));
		return FAIL;
	}
	if (!S_ISCHR(st.st_mode) || (st.st_mode & 07777) != 0600 ||
	    st.st_uid != 0) {
		diag("%s: mode 0%o uid %u, expected a character device 0600 root",
		     SVSM_ATTEST_DEVICE, st.st_mode, st.st_uid);
		return FAIL;
	}
	return PASS;
}

/* All lens 0: ENOSPC and the sizes; then exactly those: success. */
static enum result t_ioc_negotiate(bool single)
{
	const char *what = single ? "SINGLE_SERVICE size query" :
			   "SERVICES size query";
	struct svsm_attest_request q;
	__u32 rlen, mlen;
	bool ok = true;
	int err;

	req_init(&q, single, 40, 0, 0, 0);
	err = attest_ioctl(ctx.dev_fd, single, &q);
	if (!expect_errno(what, ENOSPC, err))
		return FAIL;
	ok &= expect_u64(what, "report.len", SNP_REPORT_SIZE, q.report.len);
	ok &= expect_u64(what, "certs.len", 0, q.certs.len);
	if (single)
		ok &= expect_u64(what, "manifest.len", EK_TPMT_PUBLIC_SIZE,
				 q.manifest.len);
	else if (ctx.manifest_sz)
		ok &= expect_u64(what, "manifest.len", ctx.manifest_sz,
				 q.manifest.len);
	if (!ok)
		return FAIL;
	rlen = q.report.len;
	mlen = q.manifest.len;
	if (mlen > sizeof(ubuf.manifest) || rlen > sizeof(ubuf.report)) {
		diag("%s: sizes beyond the uapi maximums", what);
		return FAIL;
	}

	what = single ? "SINGLE_SERVICE with the sizes" :
	       "SERVICES with the sizes";
	req_init(&q, single, 41, rlen, mlen, 0);
	err = attest_ioctl(ctx.dev_fd, single, &q);
	if (!expect_errno(what, 0, err) || !expect_lens(what, &q, rlen, mlen, 0))
		return FAIL;
	if (single)
		ok &= check_tpmt_public(what, ubuf.manifest, mlen);
	else
		ok &= check_manifest(what, ubuf.manifest, mlen);
	ok &= check_report(what, ubuf.report, rlen, q.nonce, ubuf.manifest,
			   mlen);
	if (!single && ctx.manifest_sz &&
	    (mlen != ctx.manifest_sz || memcmp(ubuf.manifest, ctx.manifest,
					       mlen))) {
		diag("%s: manifest differs from the raw call's", what);
		ok = false;
	}
	if (single && ctx.have_ek && memcmp(ubuf.manifest, ctx.ek, mlen)) {
		diag("%s: TPMT_PUBLIC differs from the raw manifest's", what);
		ok = false;
	}
	return ok ? PASS : FAIL;
}

static enum result t_ioc_negotiate_services(void)
{
	return t_ioc_negotiate(false);
}

static enum result t_ioc_negotiate_single(void)
{
	return t_ioc_negotiate(true);
}

/* Certificates: len 1 -> ENOSPC and the size; then success. */
static enum result t_ioc_certs(void)
{
	struct svsm_attest_request q;
	__u32 clen;
	bool ok = true;
	int err;

	req_init(&q, false, 42, SVSM_ATTEST_MAX_REPORT,
		 SVSM_ATTEST_MAX_MANIFEST, 1);
	err = attest_ioctl(ctx.dev_fd, false, &q);
	if (!expect_errno("certs len 1", ENOSPC, err))
		return FAIL;
	clen = q.certs.len;
	if (clen <= 1 || clen > SVSM_ATTEST_MAX_CERTS) {
		diag("certs len 1: certs.len %u after ENOSPC", clen);
		return FAIL;
	}
	if (ctx.certs_sz)
		ok &= expect_u64("certs len 1", "certs.len", ctx.certs_sz,
				 clen);
	ok &= expect_u64("certs len 1", "report.len", SNP_REPORT_SIZE,
			 q.report.len);

	req_init(&q, false, 43, SVSM_ATTEST_MAX_REPORT,
		 SVSM_ATTEST_MAX_MANIFEST, clen);
	err = attest_ioctl(ctx.dev_fd, false, &q);
	if (!expect_errno("certs len as asked", 0, err))
		return FAIL;
	ok &= expect_u64("certs len as asked", "certs.len", clen, q.certs.len);
	ok &= check_certs("certs via ioctl", ubuf.certs, q.certs.len);
	ok &= check_report("certs via ioctl", ubuf.report, q.report.len,
			   q.nonce, ubuf.manifest, q.manifest.len);
	return ok ? PASS : FAIL;
}

/* One byte short on each buffer: ENOSPC with all needed sizes. */
static enum result t_ioc_one_short(void)
{
	struct svsm_attest_request q;
	__u32 need[3], len[3];
	char what[64];
	bool ok = true;
	int i, err;

	req_init(&q, false, 44, 0, 0, 1);
	err = attest_ioctl(ctx.dev_fd, false, &q);
	if (!expect_errno("size query with certs", ENOSPC, err))
		return FAIL;
	need[0] = q.report.len;
	need[1] = q.manifest.len;
	need[2] = q.certs.len;
	for (i = 0; i < 3; i++) {
		memcpy(len, need, sizeof(len));
		len[i]--;
		req_init(&q, false, 45, len[0], len[1], len[2]);
		snprintf(what, sizeof(what), "%s len one short",
			 i == 0 ? "report" : i == 1 ? "manifest" : "certs");
		err = attest_ioctl(ctx.dev_fd, false, &q);
		ok &= expect_errno(what, ENOSPC, err) &&
		      expect_lens(what, &q, need[0], need[1], need[2]);
	}
	req_init(&q, false, 46, need[0], need[1], need[2]);
	err = attest_ioctl(ctx.dev_fd, false, &q);
	ok &= expect_errno("exact lens", 0, err) &&
	      expect_lens("exact lens", &q, need[0], need[1], need[2]);
	return ok ? PASS : FAIL;
}

/* Lens above SVSM_ATTEST_MAX_* are clamped (docs/attest-driver.md). */
static enum result t_ioc_big_lens(void)
{
	struct svsm_attest_request q;
	bool ok;
	int err;

	req_init(&q, false, 47, 0, 0, 0);
	q.report.addr = (__u64)(unsigned long)ubuf.report;
	q.manifest.addr = (__u64)(unsigned long)ubuf.manifest;
	q.certs.addr = (__u64)(unsigned long)ubuf.certs;
	q.report.len = 0xffffffffu;
	q.manifest.len = SVSM_ATTEST_MAX_MANIFEST + 1;
	q.certs.len = 0x100000;
	err = attest_ioctl(ctx.dev_fd, false, &q);
	if (!expect_errno("lens above the maximums", 0, err))
		return FAIL;
	ok = expect_u64("lens above the maximums", "report.len",
			SNP_REPORT_SIZE, q.report.len);
	if (ctx.certs_sz)
		ok &= expect_u64("lens above the maximums", "certs.len",
				 ctx.certs_sz, q.certs.len);
	ok &= check_report("lens above the maximums", ubuf.report,
			   q.report.len, q.nonce, ubuf.manifest,
			   q.manifest.len);
	return ok ? PASS : FAIL;
}

static enum result t_ioc_einval(void)
{
	struct svsm_attest_request q;
	bool ok = true;
	int i;

	for (i = 0; i < 8; i++) {
		static const char *const names[] = {
			"flags 1", "flags 0x80000000", "report.reserved",
			"manifest.reserved", "certs.reserved",
			"SERVICES with a service GUID",
			"SERVICES with manifest_version 1",
			"SINGLE_SERVICE manifest_version 1",
		};
		bool single = i == 7;

		req_init(&q, single, 48, SVSM_ATTEST_MAX_REPORT,
			 SVSM_ATTEST_MAX_MANIFEST, SVSM_ATTEST_MAX_CERTS);
		switch (i) {
		case 0:
			q.flags = 1;
			break;
		case 1:
			q.flags = 0x80000000u;
			break;
		case 2:
			q.report.reserved = 1;
			break;
		case 3:
			q.manifest.reserved = 1;
			break;
		case 4:
			q.certs.reserved = 1;
			break;
		case 5:
			memcpy(q.service_guid, vtpm_guid, 16);
			break;
		case 6:
			q.manifest_version = 1;
			break;
		default:
			q.manifest_version = 1;
			break;
		}
		ok &= expect_errno(names[i], EINVAL,
				   attest_ioctl(ctx.dev_fd, single, &q));
	}
	return ok ? PASS : FAIL;
}

static enum result t_ioc_bad_guid(void)
{
	struct svsm_attest_request q;

	req_init(&q, true, 49, SVSM_ATTEST_MAX_REPORT,
		 SVSM_ATTEST_MAX_MANIFEST, 0);
	q.service_guid[15] ^= 1;
	return expect_errno("SINGLE_SERVICE unknown GUID", EOPNOTSUPP,
			    attest_ioctl(ctx.dev_fd, true, &q)) ? PASS : FAIL;
}

static enum result t_ioc_efault_enotty(void)
{
	struct svsm_attest_request q;
	bool ok = true;

	ok &= expect_errno("request at NULL", EFAULT,
			   ioctl(ctx.dev_fd, SVSM_ATTEST_IOC_SERVICES, NULL) < 0 ?
			   errno : 0);
	req_init(&q, false, 50, SVSM_ATTEST_MAX_REPORT,
		 SVSM_ATTEST_MAX_MANIFEST, 0);
	q.report.addr = 8;
	ok &= expect_errno("report buffer at 8", EFAULT,
			   attest_ioctl(ctx.dev_fd, false, &q));
	ok &= expect_errno("unknown ioctl", ENOTTY,
			   ioctl(ctx.dev_fd, _IOWR(SVSM_ATTEST_IOC_MAGIC, 3,
						   struct svsm_attest_request),
				 &q) < 0 ? errno : 0);
	ok &= expect_errno("SERVICES with the wrong size", ENOTTY,
			   ioctl(ctx.dev_fd, _IOWR(SVSM_ATTEST_IOC_MAGIC, 1,
						   __u64), &q) < 0 ?
			   errno : 0);
	return ok ? PASS : FAIL;
}

/* Child: drop CAP_SYS_ADMIN (or become nobody); the device refuses. */
static int eperm_child(bool setuid_nobody)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	struct svsm_attest_request q;
	int fd, err, bad = 0;

	if (setuid_nobody) {
		if (setgid(NOBODY) || setuid(NOBODY)) {
			printf("# setuid(nobody): %s\n", strerror(errno));
			return 2;
		}
		fd = open(SVSM_ATTEST_DEVICE, O_RDWR);
		if (fd >= 0 || (errno != EACCES && errno != EPERM)) {
			printf("# open as nobody: %s, expected EACCES or EPERM\n",
			       fd >= 0 ? "success" : strerror(errno));
			bad++;
		}
		req_init(&q, false, 51, SVSM_ATTEST_MAX_REPORT,
			 SVSM_ATTEST_MAX_MANIFEST, 0);
		err = attest_ioctl(ctx.dev_fd, false, &q);
		goto check_ioctl;
	}
	if (syscall(SYS_capget, &hdr, data)) {
		printf("# capget: %s\n", strerror(errno));
		return 2;
	}
	data[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
	data[CAP_SYS_ADMIN / 32].permitted &= ~(1u << (CAP_SYS_ADMIN % 32));
	if (syscall(SYS_capset, &hdr, data)) {
		printf("# capset: %s\n", strerror(errno));
		return 2;
	}
	fd = open(SVSM_ATTEST_DEVICE, O_RDWR);
	if (fd >= 0 || errno != EPERM) {
		printf("# open without CAP_SYS_ADMIN: %s, expected EPERM\n",
		       fd >= 0 ? "success" : strerror(errno));
		bad++;
	}
	req_init(&q, false, 51, SVSM_ATTEST_MAX_REPORT,
		 SVSM_ATTEST_MAX_MANIFEST, 0);
	err = attest_ioctl(ctx.dev_fd, false, &q);
check_ioctl:
	if (err != EPERM) {
		printf("# ioctl on an inherited fd: %s, expected EPERM\n",
		       err ? strerror(err) : "success");
		bad++;
	}
	fflush(stdout);
	return bad ? 1 : 0;
}

static bool run_child(const char *what, bool setuid_nobody)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		diag("fork: %s", strerror(errno));
		return false;
	}
	if (pid == 0)
		_exit(eperm_child(setuid_nobody));
	if (waitpid(pid, &status, 0) < 0) {
		diag("waitpid: %s", strerror(errno));
		return false;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	diag("%s: child %s %d", what,
	     WIFEXITED(status) ? "exit status" : "killed by signal",
	     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return false;
}

static enum result t_ioc_eperm(void)
{
	bool ok;

	ok = run_child("without CAP_SYS_ADMIN", false);
	ok &= run_child("as nobody", true);
	return ok ? PASS : FAIL;
}

/* Child of t_ioc_concurrent: @iters calls, each checked. */
static int concurrent_child(unsigned int id)
{
	struct svsm_attest_request q;
	unsigned int i;
	bool single;
	int err;

	for (i = 0; i < CONCURRENT_ITERS; i++) {
		single = (i + id) & 1;
		req_init(&q, single, 100 * (id + 1) + i,
			 SVSM_ATTEST_MAX_REPORT, SVSM_ATTEST_MAX_MANIFEST,
			 i % 3 ? 0 : SVSM_ATTEST_MAX_CERTS);
		err = attest_ioctl(ctx.dev_fd, single, &q);
		if (err) {
			printf("# child %u call %u: %s\n", id, i,
			       strerror(err));
			return 1;
		}
		if (!check_report("concurrent", ubuf.report, q.report.len,
				  q.nonce, ubuf.manifest, q.manifest.len))
			return 1;
	}
	return 0;
}

static enum result t_ioc_concurrent(void)
{
	pid_t pid[2];
	int status, i;
	bool ok = true;

	fflush(stdout);
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		if (pid[i] < 0) {
			diag("fork: %s", strerror(errno));
			return FAIL;
		}
		if (pid[i] == 0)
			_exit(concurrent_child(i));
	}
	for (i = 0; i < 2; i++) {
		if (waitpid(pid[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			diag("concurrent child %d failed (status 0x%x)", i,
			     status);
			ok = false;
		}
	}
	return ok ? PASS : FAIL;
}

/* ---- the cases ------------------------------------------------------------ */

enum part { RAW, DEV };

static const struct {
	const char *name;
	enum part part;
	enum result (*fn)(void);
} cases[] = {
	{ "raw_query_protocol", RAW, t_query },
	{ "raw_size_probe_services", RAW, t_probe_services },
	{ "raw_size_probe_single", RAW, t_probe_single },
	{ "raw_size_probe_certs", RAW, t_probe_certs },
	{ "raw_services_exact_sizes", RAW, t_services_exact },
	{ "raw_manifest_layout", RAW, t_manifest_layout },
	{ "raw_report_fields", RAW, t_report_fields },
	{ "raw_certs_table", RAW, t_certs_table },
	{ "raw_services_roomy", RAW, t_services_roomy },
	{ "raw_certs_size_0", RAW, t_no_certs },
	{ "raw_report_one_short", RAW, t_report_short },
	{ "raw_manifest_one_short", RAW, t_manifest_short },
	{ "raw_certs_one_short", RAW, t_certs_short },
	{ "raw_single_manifest_one_short", RAW, t_single_manifest_short },
	{ "raw_nonce_size", RAW, t_nonce_size },
	{ "raw_nonce_within_page", RAW, t_nonce_in_page },
	{ "raw_nonce_cross_page", RAW, t_nonce_cross_page },
	{ "raw_buffer_misaligned", RAW, t_buffer_misaligned },
	{ "raw_op_unaligned", RAW, t_op_unaligned },
	{ "raw_op_not_ram", RAW, t_op_not_ram },
	{ "raw_buffer_svsm_memory", RAW, t_buffer_svsm },
	{ "raw_buffer_mmio", RAW, t_buffer_mmio },
	{ "raw_buffer_beyond_ram", RAW, t_buffer_beyond_ram },
	{ "raw_buffer_straddle", RAW, t_buffer_straddle },
	{ "raw_buffer_overlap", RAW, t_overlap },
	{ "raw_buffer_adjacent", RAW, t_adjacent },
	{ "raw_reserved_fields", RAW, t_reserved },
	{ "raw_single_service", RAW, t_single },
	{ "raw_single_unknown_guid", RAW, t_single_bad_guid },
	{ "raw_single_manifest_version", RAW, t_single_version },
	{ "raw_unknown_call", RAW, t_unknown_call },
	{ "raw_certs_size_limit", RAW, t_certs_limit },
	{ "raw_nonce_binding", RAW, t_nonce_binding },
	{ "raw_op_unchanged", RAW, t_op_unchanged },
	{ "raw_still_works", RAW, t_still_works },
	{ "ioctl_device_node", DEV, t_dev_node },
	{ "ioctl_negotiate_services", DEV, t_ioc_negotiate_services },
	{ "ioctl_negotiate_single", DEV, t_ioc_negotiate_single },
	{ "ioctl_negotiate_certs", DEV, t_ioc_certs },
	{ "ioctl_one_short", DEV, t_ioc_one_short },
	{ "ioctl_lens_above_max", DEV, t_ioc_big_lens },
	{ "ioctl_einval", DEV, t_ioc_einval },
	{ "ioctl_unknown_guid", DEV, t_ioc_bad_guid },
	{ "ioctl_efault_enotty", DEV, t_ioc_efault_enotty },
	{ "ioctl_eperm", DEV, t_ioc_eperm },
	{ "ioctl_concurrent", DEV, t_ioc_concurrent },
};

/* ---- set-up ----------------------------------------------------------------- */

/* Whether the SVSM serves protocol 1 version 1 (QUERY_PROTOCOL). */
static bool attest_served(void)
{
	struct svsm_raw_call c = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_CORE, SVSM_CORE_QUERY_PROTOCOL),
		.rcx = SVSM_QUERY_ARG(SVSM_PROTOCOL_ATTEST,
				      SVSM_ATTEST_VERSION_MIN),
	};

	if (ioctl(ctx.raw_fd, SVSM_RAW_IOC_CALL, &c) < 0) {
		diag("QUERY_PROTOCOL(1, 1): %s", strerror(errno));
		return false;
	}
	return c.rax == SVSM_SUCCESS && c.rcx;
}

static void setup_raw(void)
{
	struct svsm_raw_scratch s;
	enum svsm_scratch_err err;
	void *p;

	ctx.raw_fd = svsm_raw_open(&ctx.raw_skip);
	if (ctx.raw_fd < 0) {
		if (errno != ENOENT)
			ctx.raw_skip = SVSM_RAW_DEVICE " cannot be opened (root?)";
		return;
	}
	p = svsm_scratch_map(ctx.raw_fd, &s, P_MIN * PAGE, P_MIN * PAGE, &err);
	if (!p) {
		if (err == SCRATCH_NO_MAP)
			diag("mmap of the scratch area: %s", strerror(errno));
		ctx.raw_skip = "no scratch area";
		return;
	}
	ctx.scratch = p;
	ctx.sgpa = s.gpa;
	ctx.ram_top = find_ram_top(ctx.have_cpuid ? &ctx.svsm : NULL);
	if (!attest_served())
		ctx.raw_skip = "the SVSM serves no attestation (protocol 1)";
	else
		diag("scratch 0x%llx; top of RAM 0x%llx; SVSM 0x%llx+0x%llx",
		     (unsigned long long)ctx.sgpa,
		     (unsigned long long)ctx.ram_top,
		     (unsigned long long)ctx.svsm.base,
		     (unsigned long long)ctx.svsm.size);
}

static void setup_dev(void)
{
	ctx.dev_fd = open(SVSM_ATTEST_DEVICE, O_RDWR | O_CLOEXEC);
	if (ctx.dev_fd < 0)
		ctx.dev_skip = errno == ENOENT ?
			SVSM_ATTEST_DEVICE " absent (no protocol 1, or modprobe svsm-attest)" :
			SVSM_ATTEST_DEVICE " cannot be opened (root?)";
}

int main(int argc, char **argv)
{
	const char *skip;
	char why[256];
	enum result r;
	size_t i;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: svsm_attest_test\n");
		return 2;
	}
	printf("KTAP version 1\n");
	ctx.have_cpuid = svsm_cpuid_read(&ctx.svsm);
	setup_raw();
	setup_dev();
	if (ctx.raw_skip && ctx.dev_skip) {
		snprintf(why, sizeof(why), "%s; %s", ctx.raw_skip, ctx.dev_skip);
		return ktap_skip_all(why);
	}
	printf("1..%zu\n", ARRAY_SIZE(cases));

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (cases[i].part == RAW)
			skip = ctx.raw_skip;
		else
			skip = ctx.dev_skip;
		case_skip_why = skip;
		r = skip ? SKIP : cases[i].fn();
		report(r, cases[i].name, case_skip_why);
	}
	return ktap_totals();
}
