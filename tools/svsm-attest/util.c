// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* svsm-attest: files, hex and GUID helpers. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "util.h"

const char *prog_name = "svsm-attest";

void err_msg(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int file_read(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b = NULL, *nb;
	size_t cap = 0, n = 0, got;

	if (!f) {
		err_msg("%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (cap - n < 4096) {
			if (cap > (64u << 20)) {
				err_msg("%s: larger than 64 MiB", path);
				goto fail;
			}
			cap = cap ? cap * 2 : 8192;
			nb = realloc(b, cap + 1);
			if (!nb) {
				err_msg("%s: out of memory", path);
				goto fail;
			}
			b = nb;
		}
		got = fread(b + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		err_msg("%s: read error", path);
		goto fail;
	}
	fclose(f);
	b[n] = 0;
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	fclose(f);
	return -1;
}

int file_write(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f) {
		err_msg("%s: %s", path, strerror(errno));
		return -1;
	}
	if ((len && fwrite(buf, 1, len, f) != len) || fclose(f)) {
		err_msg("%s: write error", path);
		return -1;
	}
	return 0;
}

int dir_make(const char *path)
{
	char tmp[PATH_MAX];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != 0)
			continue;
		tmp[i] = 0;
		if (mkdir(tmp, 0755) && errno != EEXIST) {
			err_msg("mkdir %s: %s", tmp, strerror(errno));
			return -1;
		}
		if (i < n)
			tmp[i] = '/';
	}
	return 0;
}

int path_join(char *out, size_t size, const char *dir, const char *name)
{
	int n = snprintf(out, size, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= size) {
		err_msg("path too long: %s/%s", dir, name);
		return -1;
	}
	return 0;
}

static int hex_nibble(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int hex_parse(const char *hex, uint8_t *out, size_t want)
{
	size_t n = 0;
	int hi = -1, v;

	if (hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
		hex += 2;
	for (; *hex; hex++) {
		if (isspace((unsigned char)*hex))
			continue;
		v = hex_nibble((unsigned char)*hex);
		if (v < 0)
			return -1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n == want)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	return (hi < 0 && n == want) ? 0 : -1;
}

void hex_format(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * len] = 0;
}

void hex_print(FILE *f, const uint8_t *in, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		fprintf(f, "%02x", in[i]);
}

bool all_zero(const uint8_t *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

/* Byte index of each hex pair of "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
static const uint8_t rfc_order[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const uint8_t efi_order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };

static void guid_format(const uint8_t g[16], const uint8_t *order, char *out)
{
	static const char digits[] = "0123456789abcdef";
	int i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = digits[g[order[i]] >> 4];
		out[o++] = digits[g[order[i]] & 15];
	}
	out[o] = 0;
}

static int guid_parse(const char *s, uint8_t g[16], const uint8_t *order)
{
	int i, hi, lo;

	if (strlen(s) != 36)
		return -1;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10) {
			if (*s++ != '-')
				return -1;
		}
		hi = hex_nibble((unsigned char)s[0]);
		lo = hex_nibble((unsigned char)s[1]);
		if (hi < 0 || lo < 0)
			return -1;
		g[order[i]] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	return 0;
}

void guid_format_efi(const uint8_t g[16], char out[GUID_STR_LEN])
{
	guid_format(g, efi_order, out);
}

void guid_format_rfc(const uint8_t g[16], char out[GUID_STR_LEN])
{
	guid_format(g, rfc_order, out);
}

int guid_parse_efi(const char *s, uint8_t g[16])
{
	return guid_parse(s, g, efi_order);
}

int guid_parse_rfc(const char *s, uint8_t g[16])
{
	return guid_parse(s, g, rfc_order);
}
