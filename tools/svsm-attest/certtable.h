/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * svsm-attest: the SNP certificate table (protocol.md 6.3): entries
 * {GUID (RFC 4122 byte order), u32 offset, u32 length} ending with an
 * all-zero entry, then the DER certificates.
 */
#ifndef SVSM_ATTEST_CERTTABLE_H
#define SVSM_ATTEST_CERTTABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CERTTABLE_MAX 32

struct cert_entry {
	uint8_t guid[16];
	uint32_t offset, length;
	const char *name; /* "ark", "ask", "vcek", "vlek", "crl" or NULL */
};

struct cert_table {
	size_t count;
	struct cert_entry e[CERTTABLE_MAX];
};

int certtable_parse(const uint8_t *buf, size_t len, struct cert_table *t, char *err,
		    size_t errlen);
/*
 * Write every entry into dir as snpguest names them: ark.pem, ask.pem,
 * vcek.pem (vlek.pem, crl.pem), unknown GUIDs as <guid>.bin.  Each
 * certificate must parse as DER X.509.  log gets one line per file.
 */
int certtable_write(const uint8_t *buf, const struct cert_table *t, const char *dir, FILE *log);

#endif
