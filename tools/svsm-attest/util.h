/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* svsm-attest: files, hex, GUIDs and the exit codes shared by all commands. */
#ifndef SVSM_ATTEST_UTIL_H
#define SVSM_ATTEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes (docs/attest-tool.md): one per failure class. */
enum {
	EXIT_OK = 0,
	EXIT_ERROR = 1, /* I/O, missing input, out of memory */
	EXIT_USAGE = 2,
	EXIT_REPORT_FORMAT = 3, /* size, version, signature_algo, vmpl, key */
	EXIT_CERT_CHAIN = 4, /* trust anchor, ARK -> ASK -> VCEK */
	EXIT_SIGNATURE = 5, /* report signature with the VCEK */
	EXIT_REPORT_DATA = 6, /* REPORT_DATA != SHA-512(nonce || manifest) */
	EXIT_MEASUREMENT = 7, /* measurement differs from --measurement */
	EXIT_DEVICE = 8, /* /dev/svsm-attest missing or the call failed */
	EXIT_MANIFEST = 9, /* malformed manifest or certificate table */
};

extern const char *prog_name;

void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whole file into a malloc'ed buffer (+1 NUL byte, not counted); 0 or -1. */
int file_read(const char *path, uint8_t **buf, size_t *len);
int file_write(const char *path, const void *buf, size_t len);
int dir_make(const char *path); /* mkdir -p */
/* "dir/name" into out (size PATH_MAX); -1 when it does not fit. */
int path_join(char *out, size_t size, const char *dir, const char *name);

/* Hex string (whitespace and a 0x prefix ignored) to exactly want bytes. */
int hex_parse(const char *hex, uint8_t *out, size_t want);
/* Lower-case hex of len bytes into out (2 * len + 1). */
void hex_format(const uint8_t *in, size_t len, char *out);
void hex_print(FILE *f, const uint8_t *in, size_t len);
bool all_zero(const uint8_t *b, size_t len);

#define GUID_STR_LEN 37
/* EFI/"mixed" byte order (SVSM GUIDs) and RFC 4122 byte order (cert table). */
void guid_format_efi(const uint8_t g[16], char out[GUID_STR_LEN]);
void guid_format_rfc(const uint8_t g[16], char out[GUID_STR_LEN]);
int guid_parse_efi(const char *s, uint8_t g[16]);
int guid_parse_rfc(const char *s, uint8_t g[16]);

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static inline uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p + 4) << 32 | get_le32(p);
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
