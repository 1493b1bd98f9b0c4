// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the SVSM guest test programs (svsm_test.h): KTAP
 * output, the raw-call device, the top of guest RAM.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <svsm/core.h>
#include <svsm/protocol.h>

#include "svsm_test.h"

static unsigned int test_nr, fail_count, pass_count;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- KTAP ---------------------------------------------------------------- */

void diag(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&out_lock);
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	pthread_mutex_unlock(&out_lock);
}

void report(enum result r, const char *name, const char *skip_why)
{
	test_nr++;
	if (r == FAIL)
		fail_count++;
	else if (r == PASS)
		pass_count++;
	if (r == SKIP)
		printf("ok %u %s # SKIP %s\n", test_nr, name, skip_why);
	else
		printf("%sok %u %s\n", r == PASS ? "" : "not ", test_nr, name);
	fflush(stdout);
}

int ktap_skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	return KSFT_SKIP;
}

int ktap_totals(void)
{
	printf("# Totals: pass:%u fail:%u skip:%u\n", pass_count, fail_count,
	       test_nr - pass_count - fail_count);
	if (fail_count)
		return KSFT_FAIL;
	return pass_count ? KSFT_PASS : KSFT_SKIP;
}

/* ---- the raw-call device ---------------------------------------------------- */

static const struct {
	__u64 rc;
	const char *name;
} rc_names[] = {
	{ SVSM_SUCCESS, "SUCCESS" },
	{ SVSM_ERR_INCOMPLETE, "INCOMPLETE" },
	{ SVSM_ERR_UNSUPPORTED_PROTOCOL, "UNSUPPORTED_PROTOCOL" },
	{ SVSM_ERR_UNSUPPORTED_CALL, "UNSUPPORTED_CALL" },
	{ SVSM_ERR_INVALID_ADDRESS, "INVALID_ADDRESS" },
	{ SVSM_ERR_INVALID_FORMAT, "INVALID_FORMAT" },
	{ SVSM_ERR_INVALID_PARAMETER, "INVALID_PARAMETER" },
	{ SVSM_ERR_INVALID_REQUEST, "INVALID_REQUEST" },
	{ SVSM_ERR_BUSY, "BUSY" },
	{ SVSM_ERR_PVALIDATE_FAIL_INPUT, "FAIL_INPUT" },
	{ SVSM_ERR_PVALIDATE_FAIL_PERMISSION, "FAIL_PERMISSION" },
	{ SVSM_ERR_PVALIDATE_FAIL_SIZEMISMATCH, "FAIL_SIZEMISMATCH" },
	{ SVSM_ERR_PVALIDATE_FAIL_UNCHANGED, "FAIL_UNCHANGED" },
};

const char *rc_name(__u64 rax)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rc_names); i++)
		if (rc_names[i].rc == rax)
			return rc_names[i].name;
	return "?";
}

int svsm_raw_open(const char **why)
{
	int fd = open(SVSM_RAW_DEVICE, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		*why = errno == ENOENT ?
			SVSM_RAW_DEVICE " absent (modprobe svsm-bus raw_calls=1)" :
			errno == EACCES || errno == EPERM ?
			SVSM_RAW_DEVICE " needs root" :
			SVSM_RAW_DEVICE " cannot be opened";
	return fd;
}

void *svsm_scratch_map(int fd, struct svsm_raw_scratch *s, __u64 min,
		       __u64 len, enum svsm_scratch_err *err)
{
	void *p;

	if (ioctl(fd, SVSM_RAW_IOC_SCRATCH, s) < 0) {
		*err = SCRATCH_NO_INFO;
		return NULL;
	}
	if (s->size < min) {
		*err = SCRATCH_TOO_SMALL;
		return NULL;
	}
	p = mmap(NULL, len ? len : s->size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 fd, 0);
	if (p == MAP_FAILED) {
		*err = SCRATCH_NO_MAP;
		return NULL;
	}
	*err = SCRATCH_OK;
	return p;
}

bool raw_call(int fd, struct svsm_raw_call *c, const char *what)
{
	if (ioctl(fd, SVSM_RAW_IOC_CALL, c) < 0) {
		diag("%s: ioctl(SVSM_RAW_IOC_CALL): %s (errno %d)", what,
		     strerror(errno), errno);
		return false;
	}
	return true;
}

bool expect_u64(const char *what, const char *field, __u64 want, __u64 got)
{
	if (want == got)
		return true;
	diag("%s: %s expected 0x%llx got 0x%llx", what, field,
	     (unsigned long long)want, (unsigned long long)got);
	return false;
}

bool expect_rax(const char *what, __u64 want, __u64 got)
{
	if (want == got)
		return true;
	diag("%s: RAX expected 0x%llx (%s) got 0x%llx (%s)", what,
	     (unsigned long long)want, rc_name(want), (unsigned long long)got,
	     rc_name(got));
	return false;
}

/* ---- memory ---------------------------------------------------------------- */

int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

__u64 find_ram_top(const struct svsm_cpuid_info *svsm)
{
	char path[512], type[64], s[32], e[32];
	__u64 top = 0, end;
	int i;

	for (i = 0; i < 256; i++) {
		snprintf(path, sizeof(path), MEMMAP_DIR "/%d/type", i);
		if (read_line(path, type, sizeof(type)))
			break;
		snprintf(path, sizeof(path), MEMMAP_DIR "/%d/start", i);
		if (read_line(path, s, sizeof(s)))
			break;
		snprintf(path, sizeof(path), MEMMAP_DIR "/%d/end", i);
		if (read_line(path, e, sizeof(e)))
			break;
		if (strcmp(type, "System RAM") && strncmp(type, "ACPI", 4))
			continue;
		end = strtoull(e, NULL, 0) + 1;
		if (end > top)
			top = end;
	}
	if (svsm && svsm->base + svsm->size > top)
		top = svsm->base + svsm->size;
	top = (top + PAGE - 1) & ~(PAGE - 1);
	/* Past the end of RAM below the PCI hole only: else assume 4 GiB up. */
	if (!top || top >= 0xc0000000ull)
		top = 0;
	return top;
}
