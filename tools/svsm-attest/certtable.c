// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* svsm-attest: SNP certificate table parsing, DER -> PEM. */
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <svsm/attest.h>

#include "certtable.h"
#include "util.h"

#define SNP_CERT_GUID_VLEK "a8074bc2-a25a-483e-aae6-39c045a0b8a1"
#define SNP_CERT_GUID_CRL "92f81bc3-5811-4d3d-97ff-d19f88dc67ea"

static const struct {
	const char *guid, *name;
} known[] = {
	{ SNP_CERT_GUID_ARK, "ark" }, { SNP_CERT_GUID_ASK, "ask" },
	{ SNP_CERT_GUID_VCEK, "vcek" }, { SNP_CERT_GUID_VLEK, "vlek" },
	{ SNP_CERT_GUID_CRL, "crl" },
};

static const char *cert_name(const uint8_t g[16])
{
	char s[GUID_STR_LEN];
	size_t i;

	guid_format_rfc(g, s);
	for (i = 0; i < ARRAY_SIZE(known); i++)
		if (!strcmp(s, known[i].guid))
			return known[i].name;
	return NULL;
}

int certtable_parse(const uint8_t *buf, size_t len, struct cert_table *t, char *err,
		    size_t errlen)
{
	const size_t ent = sizeof(struct snp_cert_entry);
	size_t i, j, table_end;

	memset(t, 0, sizeof(*t));
	for (i = 0;; i++) {
		const uint8_t *e = buf + i * ent;
		struct cert_entry *c;

		if ((i + 1) * ent > len) {
			snprintf(err, errlen, "certificate table has no terminating zero entry");
			return -1;
		}
		if (all_zero(e, ent))
			break;
		if (i == CERTTABLE_MAX) {
			snprintf(err, errlen, "certificate table has more than %d entries",
				 CERTTABLE_MAX);
			return -1;
		}
		c = &t->e[i];
		memcpy(c->guid, e, 16);
		c->offset = get_le32(e + 16);
		c->length = get_le32(e + 20);
		c->name = cert_name(c->guid);
	}
	t->count = i;
	table_end = (i + 1) * ent;
	for (i = 0; i < t->count; i++) {
		struct cert_entry *c = &t->e[i];
		char g[GUID_STR_LEN];

		guid_format_rfc(c->guid, g);
		if (c->length == 0 || c->offset < table_end || c->offset > len ||
		    c->length > len - c->offset) {
			snprintf(err, errlen,
				 "certificate %zu (%s): %u bytes at offset %u are outside the buffer (%zu bytes, table ends at %zu)",
				 i, g, c->length, c->offset, len, table_end);
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (!memcmp(t->e[j].guid, c->guid, 16)) {
				snprintf(err, errlen, "certificate table lists %s twice", g);
				return -1;
			}
		}
	}
	return 0;
}

static int write_pem(const uint8_t *der, size_t len, const char *name, const char *path)
{
	const unsigned char *p = der;
	FILE *f;
	int ok;

	if (!strcmp(name, "crl")) {
		X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)len);

		if (!crl || p != der + len) {
			err_msg("%s: the CRL in the certificate table is not DER", name);
			X509_CRL_free(crl);
			return -1;
		}
		f = fopen(path, "w");
		ok = f && PEM_write_X509_CRL(f, crl);
		X509_CRL_free(crl);
	} else {
		X509 *x = d2i_X509(NULL, &p, (long)len);

		if (!x || p != der + len) {
			err_msg("%s: the certificate table entry is not a DER X.509 certificate",
				name);
			X509_free(x);
			return -1;
		}
		f = fopen(path, "w");
		ok = f && PEM_write_X509(f, x);
		X509_free(x);
	}
	if (!f || fclose(f) || !ok) {
		err_msg("%s: write error", path);
		return -1;
	}
	return 0;
}

int certtable_write(const uint8_t *buf, const struct cert_table *t, const char *dir, FILE *log)
{
	char path[PATH_MAX], file[64], g[GUID_STR_LEN];
	size_t i;

	if (dir_make(dir))
		return -1;
	for (i = 0; i < t->count; i++) {
		const struct cert_entry *c = &t->e[i];

		guid_format_rfc(c->guid, g);
		if (c->name)
			snprintf(file, sizeof(file), "%s.pem", c->name);
		else
			snprintf(file, sizeof(file), "%s.bin", g);
		if (path_join(path, sizeof(path), dir, file))
			return -1;
		if (c->name ? write_pem(buf + c->offset, c->length, c->name, path) :
			      file_write(path, buf + c->offset, c->length))
			return -1;
		if (log)
			fprintf(log, "  %-5s %s  %5u bytes DER -> %s\n", c->name ? c->name : "?", g,
				c->length, path);
	}
	return 0;
}
