// SPDX-License-Identifier: GPL-2.0-only
/*
 * tpm-bench: latency of a few TPM 2.0 commands through a TPM character
 * device, and of the null SVSM call, measured inside the guest.  Static,
 * no TSS: every command is a fixed byte string written with write(), the
 * response read with read() (the /dev/tpm* interface of any Linux TPM
 * driver, so the same binary runs against the SVSM vTPM (tpm-svsm) and
 * against QEMU's tpm-crb + swtpm).
 *
 *   tpm-bench [DEVICE] [-n N] [--null-call M]
 *
 *   DEVICE         TPM device node (default /dev/tpm0)
 *   -n N           iterations (default 200); each iteration times one
 *                  TPM2_GetRandom(32), one TPM2_PCR_Extend(PCR 16, SHA-256,
 *                  fixed digest, password session) and one
 *                  TPM2_PCR_Read(sha256: 16), in this order
 *   --null-call M  also time M raw SVSM calls QUERY_PROTOCOL(core, 1)
 *                  through /dev/svsm-raw (modprobe svsm-bus raw_calls=1);
 *                  "bench op=null_svsm_call skipped" when the device is
 *                  absent
 *
 * TPM2_Startup(CLEAR) is sent once first (TPM_RC_INITIALIZE, "already
 * started", is accepted), then one untimed warm-up round of the three
 * commands.  Output, one line per operation:
 *
 *   bench op=getrandom n=200 median_us=123.4 p10_us=110.0 p90_us=150.2
 *
 * (times from CLOCK_MONOTONIC around write() + read(); percentiles by
 * nearest rank).  Exit status 0, or 1 on any TPM or device error (a
 * "tpm-bench: ..." line on stderr says which), 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <svsm/core.h>
#include <svsm/protocol.h>
#include <svsm/raw_call.h>

#define RESP_MAX 4096
#define TPM_RC_SUCCESS 0x000
#define TPM_RC_INITIALIZE 0x100

/* TPM2_Startup(TPM_SU_CLEAR) */
static const uint8_t cmd_startup[] = {
	0x80, 0x01, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x01, 0x44,
	0x00, 0x00,
};

/* TPM2_GetRandom(bytesRequested = 32) */
#define GETRANDOM_BYTES 32
static const uint8_t cmd_getrandom[] = {
	0x80, 0x01, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x01, 0x7b,
	0x00, GETRANDOM_BYTES,
};

/*
 * TPM2_PCR_Extend(PCR 16, TPML_DIGEST_VALUES { SHA-256: 32 bytes of 0x5a })
 * with an empty password session (TPM_RS_PW).  65 bytes.
 */
static const uint8_t cmd_extend[] = {
	0x80, 0x02, 0x00, 0x00, 0x00, 0x41, 0x00, 0x00, 0x01, 0x82,
	0x00, 0x00, 0x00, 0x10,			/* pcrHandle: PCR 16 */
	0x00, 0x00, 0x00, 0x09,			/* authorizationSize */
	0x40, 0x00, 0x00, 0x09,			/* TPM_RS_PW */
	0x00, 0x00,				/* nonce: empty */
	0x00,					/* sessionAttributes */
	0x00, 0x00,				/* hmac (password): empty */
	0x00, 0x00, 0x00, 0x01,			/* digests.count */
	0x00, 0x0b,				/* TPM_ALG_SHA256 */
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
};

/* TPM2_PCR_Read(TPML_PCR_SELECTION { SHA-256: PCR 16 }) */
static const uint8_t cmd_pcrread[] = {
	0x80, 0x01, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x01, 0x7e,
	0x00, 0x00, 0x00, 0x01,			/* count */
	0x00, 0x0b,				/* TPM_ALG_SHA256 */
	0x03, 0x00, 0x00, 0x01,			/* sizeofSelect 3, PCR 16 */
};

static int tpm_fd = -1;
static const char *tpm_path = "/dev/tpm0";

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void __attribute__((noreturn, format(printf, 1, 2))) fail(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("tpm-bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/*
 * Send @cmd, read the response into @resp; returns the response length and
 * the response code in *@rc.  Device errors and malformed responses fail.
 */
static size_t transact(const char *what, const uint8_t *cmd, size_t len,
		       uint8_t *resp, uint32_t *rc)
{
	ssize_t n;

	n = write(tpm_fd, cmd, len);
	if (n < 0)
		fail("%s: write(%s): %s", what, tpm_path, strerror(errno));
	if ((size_t)n != len)
		fail("%s: short write to %s (%zd of %zu bytes)", what, tpm_path,
		     n, len);
	n = read(tpm_fd, resp, RESP_MAX);
	if (n < 0)
		fail("%s: read(%s): %s", what, tpm_path, strerror(errno));
	if (n < 10)
		fail("%s: response of %zd bytes (less than a header)", what, n);
	if (be32(resp + 2) != (uint32_t)n)
		fail("%s: response header says %u bytes, read %zd", what,
		     be32(resp + 2), n);
	*rc = be32(resp + 6);
	return (size_t)n;
}

/* One timed command that must answer TPM_RC_SUCCESS; returns microseconds. */
static double timed(const char *what, const uint8_t *cmd, size_t len,
		    uint8_t *resp, size_t *resp_len)
{
	uint32_t rc;
	double t0, t1;

	t0 = now_us();
	*resp_len = transact(what, cmd, len, resp, &rc);
	t1 = now_us();
	if (rc != TPM_RC_SUCCESS)
		fail("%s: TPM response code 0x%03x", what, rc);
	return t1 - t0;
}

static void check_getrandom(const uint8_t *r, size_t n)
{
	/* header, TPM2B_DIGEST randomBytes */
	if (n != 12 + GETRANDOM_BYTES || be16(r + 10) != GETRANDOM_BYTES)
		fail("getrandom: %zu-byte response, %u random bytes (want %d)",
		     n, n >= 12 ? be16(r + 10) : 0, GETRANDOM_BYTES);
}

static void check_pcrread(const uint8_t *r, size_t n)
{
	/*
	 * header, pcrUpdateCounter (4), TPML_PCR_SELECTION (4 + 2 + 1 + 3),
	 * TPML_DIGEST count (4), TPM2B_DIGEST (2 + 32): 62 bytes.
	 */
	if (n != 62 || be32(r + 24) != 1 || be16(r + 28) != 32)
		fail("pcrread: unexpected %zu-byte response", n);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted @v[0..n). */
static double pct(const double *v, unsigned int n, unsigned int p)
{
	unsigned int k = (unsigned int)(((unsigned long)p * n + 99) / 100);

	if (k < 1)
		k = 1;
	return v[k - 1];
}

static void report(const char *op, double *v, unsigned int n)
{
	double median;

	qsort(v, n, sizeof(*v), cmp_double);
	median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	printf("bench op=%s n=%u median_us=%.1f p10_us=%.1f p90_us=%.1f\n", op,
	       n, median, pct(v, n, 10), pct(v, n, 90));
	fflush(stdout);
}

static double *alloc_samples(unsigned int n)
{
	double *v = calloc(n, sizeof(*v));

	if (!v)
		fail("out of memory for %u samples", n);
	return v;
}

static void bench_tpm(unsigned int iters)
{
	static uint8_t resp[RESP_MAX];
	double *t_rand = alloc_samples(iters), *t_ext = alloc_samples(iters),
	       *t_read = alloc_samples(iters);
	unsigned int i;
	size_t n;
	uint32_t rc;

	tpm_fd = open(tpm_path, O_RDWR | O_CLOEXEC);
	if (tpm_fd < 0)
		fail("open(%s): %s", tpm_path, strerror(errno));

	transact("startup", cmd_startup, sizeof(cmd_startup), resp, &rc);
	if (rc != TPM_RC_SUCCESS && rc != TPM_RC_INITIALIZE)
		fail("startup: TPM response code 0x%03x", rc);
	printf("# tpm-bench: %s, TPM2_Startup(CLEAR): %s\n", tpm_path,
	       rc == TPM_RC_SUCCESS ? "started" :
	       "already started (TPM_RC_INITIALIZE)");

	/* Warm-up round, not counted. */
	timed("getrandom", cmd_getrandom, sizeof(cmd_getrandom), resp, &n);
	check_getrandom(resp, n);
	timed("pcrextend", cmd_extend, sizeof(cmd_extend), resp, &n);
	timed("pcrread", cmd_pcrread, sizeof(cmd_pcrread), resp, &n);
	check_pcrread(resp, n);

	for (i = 0; i < iters; i++) {
		t_rand[i] = timed("getrandom", cmd_getrandom,
				  sizeof(cmd_getrandom), resp, &n);
		check_getrandom(resp, n);
		t_ext[i] = timed("pcrextend", cmd_extend, sizeof(cmd_extend),
				 resp, &n);
		t_read[i] = timed("pcrread", cmd_pcrread, sizeof(cmd_pcrread),
				  resp, &n);
		check_pcrread(resp, n);
	}
	close(tpm_fd);

	report("getrandom", t_rand, iters);
	report("pcrextend", t_ext, iters);
	report("pcrread", t_read, iters);
	free(t_rand);
	free(t_ext);
	free(t_read);
}

static void bench_null_call(unsigned int count)
{
	double *t = alloc_samples(count);
	unsigned int i;
	int fd;

	fd = open(SVSM_RAW_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			fail("open(%s): %s", SVSM_RAW_DEVICE, strerror(errno));
		printf("bench op=null_svsm_call skipped\n");
		free(t);
		return;
	}
	for (i = 0; i < count; i++) {
		struct svsm_raw_call c = {
			.rax = SVSM_CALL(SVSM_PROTOCOL_CORE,
					 SVSM_CORE_QUERY_PROTOCOL),
			.rcx = SVSM_QUERY_ARG(SVSM_PROTOCOL_CORE, 1),
		};
		double t0, t1;

		t0 = now_us();
		if (ioctl(fd, SVSM_RAW_IOC_CALL, &c) < 0)
			fail("ioctl(SVSM_RAW_IOC_CALL): %s", strerror(errno));
		t1 = now_us();
		if (c.rax != SVSM_SUCCESS)
			fail("QUERY_PROTOCOL(core, 1): RAX 0x%llx",
			     (unsigned long long)c.rax);
		t[i] = t1 - t0;
	}
	close(fd);
	report("null_svsm_call", t, count);
	free(t);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: tpm-bench [DEVICE] [-n ITERATIONS] [--null-call COUNT]\n");
	exit(2);
}

static unsigned int count_arg(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v == 0 || v > 10000000)
		usage();
	return (unsigned int)v;
}

int main(int argc, char **argv)
{
	unsigned int iters = 200, null_calls = 0;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			iters = count_arg(argv[++i]);
		else if (!strcmp(argv[i], "--null-call") && i + 1 < argc)
			null_calls = count_arg(argv[++i]);
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") ||
			 argv[i][0] == '-')
			usage();
		else
			tpm_path = argv[i];
	}

	bench_tpm(iters);
	if (null_calls)
		bench_null_call(null_calls);
	return 0;
}
