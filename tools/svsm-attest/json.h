/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* svsm-attest: a small streaming JSON writer (one object per --json run). */
#ifndef SVSM_ATTEST_JSON_H
#define SVSM_ATTEST_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *f;
	int depth;
	bool first[JSON_MAX_DEPTH];
};

/*
 * key is the member name inside an object and NULL inside an array or for
 * the top-level value.
 */
void json_init(struct json *j, FILE *f);
void json_object_begin(struct json *j, const char *key);
void json_object_end(struct json *j);
void json_array_begin(struct json *j, const char *key);
void json_array_end(struct json *j);
void json_str(struct json *j, const char *key, const char *val); /* NULL -> null */
void json_uint(struct json *j, const char *key, uint64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_hex(struct json *j, const char *key, const uint8_t *b, size_t len);
/* "0x..." string for flag words (JSON numbers lose precision above 2^53). */
void json_hex_u64(struct json *j, const char *key, uint64_t val);

#endif
