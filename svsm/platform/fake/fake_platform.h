/* SPDX-License-Identifier: MIT */
/*
 * The fake platform for host unit tests: console into a capture buffer,
 * guest RAM as a malloc'd array at a chosen GPA, halt as a longjmp back into
 * the test that expected it, and a fake fw_cfg device built from in-memory
 * items and files.
 */
#ifndef SVSM_FAKE_PLATFORM_H
#define SVSM_FAKE_PLATFORM_H

#include <setjmp.h>
#include "core/platform.h"
#include "core/fw_cfg.h"

/* Guest RAM: [base, base + size), zero-filled.  Replaces any previous one. */
void fake_guest_ram_init(uint64_t base, size_t size);
void fake_guest_ram_free(void);
/* Test-side view of guest RAM (no checks beyond the array bounds). */
uint8_t *fake_guest_ptr(uint64_t gpa);

/* Console capture: everything written since the last reset, NUL-terminated. */
void fake_console_reset(void);
const char *fake_console_text(void);
/* Also echo console output to stdout (default off: keeps KTAP clean). */
void fake_console_echo(bool on);

/*
 * halt(): if a jump buffer is armed, longjmp there with code + 1 (so that
 * setjmp returns non-zero); otherwise print the console tail and abort().
 */
void fake_halt_arm(jmp_buf *jb);
void fake_halt_disarm(void);
int fake_halt_count(void);

/*
 * Instrumentation of guest-memory mapping: a count of map_guest calls (each
 * guest_read/guest_write maps once), and a hook called with every request
 * before it is served (invariant checks in fuzzers).
 */
typedef void (*fake_map_hook_fn)(gpa_t gpa, size_t len);
uint32_t fake_map_count(void);
void fake_set_map_hook(fake_map_hook_fn hook);

/*
 * Validation state: an rmp_model over the fake guest RAM (rounded out to
 * 2 MiB), created by fake_guest_ram_init with every page validated as 4 KiB.
 * The hook runs after each pvalidate op: tests use it to play a guest that
 * rewrites memory while a call is being processed.
 */
struct rmp_model;
struct rmp_model *fake_rmp(void);
/* Back to the boot state (all valid as 4 KiB) without touching RAM. */
void fake_rmp_reset(void);
typedef void (*fake_pvalidate_hook_fn)(gpa_t gpa, bool huge, bool validate,
				       void *ctx);
void fake_set_pvalidate_hook(fake_pvalidate_hook_fn hook, void *ctx);

/* Known APIC IDs are 0 .. count - 1 (default 1: just the boot vCPU). */
void fake_set_apic_count(uint32_t count);

/*
 * platform->attest_report: forwarded to fn (tests and fuzzers plug in a
 * signer); without one it answers PLATFORM_ATTEST_FAILED.
 */
struct snp_attestation_report;
typedef int (*fake_attest_fn)(const uint8_t report_data[64],
			      struct snp_attestation_report *out,
			      uint8_t *certs, size_t *certs_len);
void fake_set_attest(fake_attest_fn fn);

/* Reset everything above between tests. */
void fake_platform_reset(void);

/* A fake fw_cfg device.  FILE_DIR is rebuilt on every fake_fw_cfg_add_file. */
#define FAKE_FW_CFG_MAX_ITEMS 32
#define FAKE_FW_CFG_FIRST_FILE 0x20

struct fake_fw_cfg_item {
	uint16_t key;
	uint8_t *data;
	uint32_t size;
	char name[FW_CFG_MAX_FILE_PATH]; /* "" for plain items */
};

struct fake_fw_cfg {
	struct fw_cfg_dev dev;
	struct fake_fw_cfg_item items[FAKE_FW_CFG_MAX_ITEMS];
	uint32_t count;
	uint16_t next_key;
	bool raw_dir; /* FILE_DIR set by hand: do not rebuild */
	uint32_t reads; /* read_item + read_at calls */
};

/* Signature "QEMU", ID = traditional | DMA, empty directory. */
void fake_fw_cfg_init(struct fake_fw_cfg *f);
void fake_fw_cfg_free(struct fake_fw_cfg *f);
/* Data is copied.  Adding an existing key replaces it. */
void fake_fw_cfg_set_item(struct fake_fw_cfg *f, uint16_t key,
			  const void *data, uint32_t size);
/* Add a named file (name may be up to 56 bytes, unterminated on purpose). */
uint16_t fake_fw_cfg_add_file(struct fake_fw_cfg *f, const char *name,
			      const void *data, uint32_t size);
/* Replace FILE_DIR with raw bytes (for malformed-directory tests). */
void fake_fw_cfg_set_raw_dir(struct fake_fw_cfg *f, const void *data,
			     uint32_t size);

#endif /* SVSM_FAKE_PLATFORM_H */
