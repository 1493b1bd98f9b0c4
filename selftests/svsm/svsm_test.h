/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the SVSM guest test programs share (svsm_test.c): KTAP output
 * (diagnostics, results, totals and the kselftest exit status), the
 * raw-call device of the svsm-bus module (include/svsm/raw_call.h: open,
 * scratch area, calls, result checks) and the top of guest RAM.
 */
#ifndef SELFTESTS_SVSM_TEST_H
#define SELFTESTS_SVSM_TEST_H

#include <stdbool.h>
#include <stddef.h>

#include <svsm/raw_call.h>
#include <svsm/types.h>

#include "svsm_cpuid.h"

#define KSFT_PASS 0
#define KSFT_FAIL 1
#define KSFT_SKIP 4

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#define BIT_ULL(n) (1ull << (n))

#define PAGE 4096ull
#define MEMMAP_DIR "/sys/firmware/memmap"

enum result { PASS, FAIL, SKIP };

/* ---- KTAP ---------------------------------------------------------------- */

/* "# <text>" on stdout, one line; safe from several threads. */
void diag(const char *fmt, ...);
/* The next result line; @skip_why is printed for SKIP only. */
void report(enum result r, const char *name, const char *skip_why);
/* Plan of an all-skipped run; returns KSFT_SKIP. */
int ktap_skip_all(const char *why);
/* The "# Totals" line; returns the exit status: fail, else pass or skip. */
int ktap_totals(void);

/* ---- the raw-call device ---------------------------------------------------- */

/* Name of an SVSM result code, "?" when unknown. */
const char *rc_name(__u64 rax);

/*
 * Open SVSM_RAW_DEVICE read-write.  Returns the descriptor, or -1 with
 * errno set and *@why saying what is missing.
 */
int svsm_raw_open(const char **why);

/* How svsm_scratch_map() failed. */
enum svsm_scratch_err {
	SCRATCH_OK,
	SCRATCH_NO_INFO,	/* SVSM_RAW_IOC_SCRATCH failed (errno) */
	SCRATCH_TOO_SMALL,	/* smaller than @min bytes */
	SCRATCH_NO_MAP,		/* mmap failed (errno) */
};

/*
 * The scratch area of the raw-call device @fd: SVSM_RAW_IOC_SCRATCH into
 * @s, then a shared read-write mapping of its first @len bytes (0: all
 * of it).  Returns the mapping, or NULL with *@err saying why.
 */
void *svsm_scratch_map(int fd, struct svsm_raw_scratch *s, __u64 min,
		       __u64 len, enum svsm_scratch_err *err);

/* Issue @c on @fd; false (with a diagnostic) when the ioctl itself fails. */
bool raw_call(int fd, struct svsm_raw_call *c, const char *what);

/* True when @want == @got; else a diagnostic naming @what and @field. */
bool expect_u64(const char *what, const char *field, __u64 want, __u64 got);
/* The same for a result code in RAX, with the codes' names. */
bool expect_rax(const char *what, __u64 want, __u64 got);

/* ---- memory ---------------------------------------------------------------- */

/* The first line of the file at @path, without its newline; -1: no file. */
int read_line(const char *path, char *buf, size_t len);

/*
 * First address above guest RAM below the PCI hole, from the firmware
 * memory map and SVSM memory (@svsm, NULL: unknown); 0 when unknown.
 */
__u64 find_ram_top(const struct svsm_cpuid_info *svsm);

#endif /* SELFTESTS_SVSM_TEST_H */
