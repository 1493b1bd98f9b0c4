// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* svsm-attest: services manifest and TPMT_PUBLIC decoding. */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include <openssl/evp.h>

#include <svsm/attest.h>

#include "manifest.h"
#include "util.h"

static const uint8_t header_guid[16] = SVSM_MANIFEST_HEADER_GUID;
static const uint8_t vtpm_guid[16] = SVSM_VTPM_SERVICE_GUID;
/* a4453a59-9e1b-4787-a033-1986d6adbe55 (COCONUT's UEFI MM), EFI byte order. */
static const uint8_t uefi_mm_guid[16] = { 0x59, 0x3a, 0x45, 0xa4, 0x1b, 0x9e, 0x87, 0x47,
					  0xa0, 0x33, 0x19, 0x86, 0xd6, 0xad, 0xbe, 0x55 };

static void seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

const char *tpm_alg_name(uint16_t alg)
{
	switch (alg) {
	case 0x0001: return "rsa";
	case 0x0004: return "sha1";
	case 0x0006: return "aes";
	case 0x0007: return "mgf1";
	case 0x000B: return "sha256";
	case 0x000C: return "sha384";
	case 0x000D: return "sha512";
	case 0x0010: return "null";
	case 0x0014: return "rsassa";
	case 0x0015: return "rsaes";
	case 0x0016: return "rsapss";
	case 0x0017: return "oaep";
	case 0x0018: return "ecdsa";
	case 0x0019: return "ecdh";
	case 0x0023: return "ecc";
	case 0x0025: return "keyedhash";
	case 0x0026: return "symcipher";
	case 0x0040: return "ctr";
	case 0x0041: return "ofb";
	case 0x0042: return "cbc";
	case 0x0043: return "cfb";
	case 0x0044: return "ecb";
	default: return "unknown";
	}
}

static const char *tpm_curve_name(uint16_t c)
{
	switch (c) {
	case 0x0003: return "nist_p256";
	case 0x0004: return "nist_p384";
	case 0x0005: return "nist_p521";
	default: return "unknown";
	}
}

/* TPMA_OBJECT bits, named as tpm2_readpublic prints them. */
static const struct {
	int bit;
	const char *name;
} attr_names[] = {
	{ 1, "fixedtpm" }, { 2, "stclear" }, { 4, "fixedparent" },
	{ 5, "sensitivedataorigin" }, { 6, "userwithauth" }, { 7, "adminwithpolicy" },
	{ 10, "noda" }, { 11, "encryptedduplication" }, { 16, "restricted" },
	{ 17, "decrypt" }, { 18, "sign" }, { 19, "x509sign" },
};

static void attr_string(uint32_t a, char *out, size_t size)
{
	size_t i, n = 0;

	out[0] = 0;
	for (i = 0; i < ARRAY_SIZE(attr_names); i++) {
		if (!(a & (1u << attr_names[i].bit)))
			continue;
		n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s", n ? "|" : "",
				      attr_names[i].name);
	}
}

/* A bounds-checked big-endian reader. */
struct rd {
	const uint8_t *b;
	size_t len, off;
	bool bad;
};

static uint16_t rd16(struct rd *r)
{
	uint16_t v;

	if (r->bad || r->len - r->off < 2) {
		r->bad = true;
		return 0;
	}
	v = get_be16(r->b + r->off);
	r->off += 2;
	return v;
}

static uint32_t rd32(struct rd *r)
{
	uint32_t v;

	if (r->bad || r->len - r->off < 4) {
		r->bad = true;
		return 0;
	}
	v = get_be32(r->b + r->off);
	r->off += 4;
	return v;
}

/* TPM2B: u16 size then bytes. */
static const uint8_t *rd2b(struct rd *r, uint16_t *size, uint16_t max)
{
	const uint8_t *p;

	*size = rd16(r);
	if (r->bad || *size > max || r->len - r->off < *size) {
		r->bad = true;
		*size = 0;
		return NULL;
	}
	p = r->b + r->off;
	r->off += *size;
	return p;
}

int tpmt_public_parse(const uint8_t *b, size_t len, struct tpmt_public *p, char *err,
		      size_t errlen)
{
	struct rd r = { .b = b, .len = len };

	memset(p, 0, sizeof(*p));
	p->raw = b;
	p->type = rd16(&r);
	p->name_alg = rd16(&r);
	p->attributes = rd32(&r);
	p->auth_policy = rd2b(&r, &p->auth_policy_len, 64);
	if (r.bad) {
		seterr(err, errlen, "TPMT_PUBLIC truncated in its header (%zu bytes)", len);
		return -1;
	}
	if (p->type != TPM_ALG_RSA && p->type != TPM_ALG_ECC) {
		seterr(err, errlen, "TPMT_PUBLIC type 0x%04x is neither rsa nor ecc", p->type);
		return -1;
	}
	/* TPMT_SYM_DEF_OBJECT */
	p->sym_alg = rd16(&r);
	if (p->sym_alg != TPM_ALG_NULL) {
		p->sym_bits = rd16(&r);
		p->sym_mode = rd16(&r);
	}
	/* TPMT_RSA_SCHEME / TPMT_ECC_SCHEME: a hash unless NULL */
	p->scheme = rd16(&r);
	if (p->scheme != TPM_ALG_NULL)
		p->scheme_hash = rd16(&r);
	if (p->type == TPM_ALG_RSA) {
		p->key_bits = rd16(&r);
		p->exponent = rd32(&r);
		p->unique = rd2b(&r, &p->unique_len, 512);
	} else {
		p->curve = rd16(&r);
		p->kdf = rd16(&r);
		if (p->kdf != TPM_ALG_NULL)
			p->kdf_hash = rd16(&r);
		p->unique = rd2b(&r, &p->unique_len, 128);
		p->unique_y = rd2b(&r, &p->unique_y_len, 128);
	}
	if (r.bad) {
		seterr(err, errlen, "TPMT_PUBLIC truncated or oversized field (%zu bytes)", len);
		return -1;
	}
	if (r.off != len) {
		seterr(err, errlen, "TPMT_PUBLIC is %zu bytes but the data has %zu", r.off, len);
		return -1;
	}
	if (p->type == TPM_ALG_RSA && p->unique_len * 8u != p->key_bits) {
		seterr(err, errlen, "RSA modulus is %u bytes, keyBits says %u", p->unique_len,
		       p->key_bits);
		return -1;
	}
	p->size = r.off;
	return 0;
}

static const EVP_MD *tpm_md(uint16_t alg)
{
	switch (alg) {
	case 0x0004: return EVP_sha1();
	case 0x000B: return EVP_sha256();
	case 0x000C: return EVP_sha384();
	case 0x000D: return EVP_sha512();
	default: return NULL;
	}
}

size_t tpmt_public_name(const struct tpmt_public *p, uint8_t *name, size_t max)
{
	const EVP_MD *md = tpm_md(p->name_alg);
	unsigned int n = 0;

	if (!md || max < 2 + (size_t)EVP_MD_get_size(md))
		return 0;
	name[0] = p->name_alg >> 8;
	name[1] = p->name_alg & 0xff;
	if (!EVP_Digest(p->raw, p->size, name + 2, &n, md, NULL))
		return 0;
	return 2 + n;
}

void tpmt_public_fingerprint(const struct tpmt_public *p, uint8_t out[32])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	memset(out, 0, 32);
	if (!c)
		return;
	if (EVP_DigestInit_ex(c, EVP_sha256(), NULL) &&
	    EVP_DigestUpdate(c, p->unique, p->unique_len) &&
	    (!p->unique_y || EVP_DigestUpdate(c, p->unique_y, p->unique_y_len)))
		EVP_DigestFinal_ex(c, out, NULL);
	EVP_MD_CTX_free(c);
}

void tpmt_public_print(FILE *f, const struct tpmt_public *p, const char *in)
{
	char attrs[256];
	uint8_t name[2 + 64], fp[32];
	size_t nlen = tpmt_public_name(p, name, sizeof(name));

	attr_string(p->attributes, attrs, sizeof(attrs));
	tpmt_public_fingerprint(p, fp);
	fprintf(f, "%stype:           %s (0x%04x)\n", in, tpm_alg_name(p->type), p->type);
	fprintf(f, "%snameAlg:        %s (0x%04x)\n", in, tpm_alg_name(p->name_alg), p->name_alg);
	fprintf(f, "%sattributes:     %s (0x%08" PRIx32 ")\n", in, attrs, p->attributes);
	fprintf(f, "%sauthPolicy:     ", in);
	hex_print(f, p->auth_policy, p->auth_policy_len);
	fputc('\n', f);
	if (p->sym_alg == TPM_ALG_NULL)
		fprintf(f, "%ssymmetric:      null\n", in);
	else
		fprintf(f, "%ssymmetric:      %s-%u-%s\n", in, tpm_alg_name(p->sym_alg), p->sym_bits,
			tpm_alg_name(p->sym_mode));
	fprintf(f, "%sscheme:         %s", in, tpm_alg_name(p->scheme));
	if (p->scheme != TPM_ALG_NULL)
		fprintf(f, " (%s)", tpm_alg_name(p->scheme_hash));
	fputc('\n', f);
	if (p->type == TPM_ALG_RSA) {
		fprintf(f, "%skeyBits:        %u\n", in, p->key_bits);
		fprintf(f, "%sexponent:       %" PRIu32 "%s\n", in,
			p->exponent ? p->exponent : 65537, p->exponent ? "" : " (0 = default)");
		fprintf(f, "%smodulus sha256: ", in);
	} else {
		fprintf(f, "%scurve:          %s (0x%04x)\n", in, tpm_curve_name(p->curve), p->curve);
		fprintf(f, "%skdf:            %s\n", in, tpm_alg_name(p->kdf));
		fprintf(f, "%spoint sha256:   ", in);
	}
	hex_print(f, fp, sizeof(fp));
	fputc('\n', f);
	fprintf(f, "%sname:           ", in);
	hex_print(f, name, nlen);
	fputc('\n', f);
	fprintf(f, "%ssize:           %zu bytes (marshalled TPMT_PUBLIC)\n", in, p->size);
}

void tpmt_public_json(struct json *j, const char *key, const struct tpmt_public *p)
{
	char attrs[256];
	uint8_t name[2 + 64], fp[32];
	size_t nlen = tpmt_public_name(p, name, sizeof(name));

	attr_string(p->attributes, attrs, sizeof(attrs));
	tpmt_public_fingerprint(p, fp);
	json_object_begin(j, key);
	json_str(j, "type", tpm_alg_name(p->type));
	json_str(j, "name_alg", tpm_alg_name(p->name_alg));
	json_hex_u64(j, "attributes_raw", p->attributes);
	json_str(j, "attributes", attrs);
	json_hex(j, "auth_policy", p->auth_policy, p->auth_policy_len);
	json_str(j, "symmetric", tpm_alg_name(p->sym_alg));
	if (p->sym_alg != TPM_ALG_NULL) {
		json_uint(j, "symmetric_bits", p->sym_bits);
		json_str(j, "symmetric_mode", tpm_alg_name(p->sym_mode));
	}
	json_str(j, "scheme", tpm_alg_name(p->scheme));
	if (p->type == TPM_ALG_RSA) {
		json_uint(j, "key_bits", p->key_bits);
		json_uint(j, "exponent", p->exponent ? p->exponent : 65537);
		json_hex(j, "modulus_sha256", fp, sizeof(fp));
		json_hex(j, "modulus", p->unique, p->unique_len);
	} else {
		json_str(j, "curve", tpm_curve_name(p->curve));
		json_hex(j, "point_sha256", fp, sizeof(fp));
		json_hex(j, "x", p->unique, p->unique_len);
		json_hex(j, "y", p->unique_y, p->unique_y_len);
	}
	json_hex(j, "name", name, nlen);
	json_uint(j, "size", p->size);
	json_hex(j, "raw", p->raw, p->size);
	json_object_end(j);
}

bool manifest_is_vtpm_guid(const uint8_t guid[16])
{
	return !memcmp(guid, vtpm_guid, 16);
}

const char *service_name(const uint8_t guid[16])
{
	if (!memcmp(guid, vtpm_guid, 16))
		return "vTPM";
	if (!memcmp(guid, uefi_mm_guid, 16))
		return "UEFI MM";
	return "unknown";
}

int manifest_parse(const uint8_t *b, size_t len, struct manifest *m, char *err, size_t errlen)
{
	const size_t hdr = sizeof(struct svsm_manifest_header);
	const size_t ent = sizeof(struct svsm_manifest_entry);
	struct tpmt_public tp;
	size_t table_end;
	uint32_t i;

	memset(m, 0, sizeof(*m));
	if (len < 16 || memcmp(b, header_guid, 16)) {
		/* ATTEST_SINGLE_SERVICE(vTPM): the TPMT_PUBLIC alone. */
		if (tpmt_public_parse(b, len, &tp, err, errlen)) {
			char e2[160];

			snprintf(e2, sizeof(e2), "%s", err);
			seterr(err, errlen,
			       "neither a services manifest (no header GUID) nor a TPMT_PUBLIC: %s",
			       e2);
			return -1;
		}
		m->size = (uint32_t)len;
		m->count = 1;
		memcpy(m->svc[0].guid, vtpm_guid, 16);
		m->svc[0].size = (uint32_t)len;
		m->svc[0].data = b;
		return 0;
	}
	m->is_table = true;
	if (len < hdr) {
		seterr(err, errlen, "manifest truncated: %zu bytes, the header has %zu", len, hdr);
		return -1;
	}
	m->size = get_le32(b + 16);
	m->count = get_le32(b + 20);
	if (m->size != len) {
		seterr(err, errlen, "manifest size field is %" PRIu32 " but it has %zu bytes",
		       m->size, len);
		return -1;
	}
	if (m->count > MANIFEST_MAX_SERVICES || hdr + (size_t)m->count * ent > len) {
		seterr(err, errlen, "manifest lists %" PRIu32 " services: more than fit", m->count);
		return -1;
	}
	table_end = hdr + (size_t)m->count * ent;
	for (i = 0; i < m->count; i++) {
		const uint8_t *e = b + hdr + (size_t)i * ent;
		struct manifest_service *s = &m->svc[i];
		char g[GUID_STR_LEN];

		memcpy(s->guid, e, 16);
		s->offset = get_le32(e + 16);
		s->size = get_le32(e + 20);
		guid_format_efi(s->guid, g);
		if (s->size && (s->offset < table_end || s->offset > len ||
				s->size > len - s->offset)) {
			seterr(err, errlen,
			       "service %" PRIu32 " (%s): data at %" PRIu32 "+%" PRIu32
			       " outside the data area [%zu, %zu)",
			       i, g, s->offset, s->size, table_end, len);
			return -1;
		}
		s->data = b + s->offset;
	}
	return 0;
}

const struct manifest_service *manifest_vtpm(const struct manifest *m)
{
	uint32_t i;

	for (i = 0; i < m->count; i++)
		if (manifest_is_vtpm_guid(m->svc[i].guid))
			return &m->svc[i];
	return NULL;
}

/* The vTPM data decoded, or NULL with the reason in err. */
static int vtpm_decode(const struct manifest_service *s, struct tpmt_public *tp, char *err,
		       size_t errlen)
{
	if (!s->size) {
		snprintf(err, errlen, "the vTPM entry has no data (no EK)");
		return -1;
	}
	return tpmt_public_parse(s->data, s->size, tp, err, errlen);
}

void manifest_print(FILE *f, const struct manifest *m)
{
	struct tpmt_public tp;
	char g[GUID_STR_LEN], err[200];
	uint32_t i;

	if (m->is_table)
		fprintf(f, "Services manifest (GUID table, %" PRIu32 " bytes, %" PRIu32
			   " service%s)\n", m->size, m->count, m->count == 1 ? "" : "s");
	else
		fprintf(f, "Single-service manifest: vTPM EK TPMT_PUBLIC (%" PRIu32 " bytes)\n",
			m->size);
	for (i = 0; i < m->count; i++) {
		const struct manifest_service *s = &m->svc[i];

		guid_format_efi(s->guid, g);
		if (m->is_table)
			fprintf(f, "  service %" PRIu32 ": %s %s, %" PRIu32 " bytes at offset %" PRIu32
				   "\n", i, g, service_name(s->guid), s->size, s->offset);
		if (!manifest_is_vtpm_guid(s->guid))
			continue;
		if (vtpm_decode(s, &tp, err, sizeof(err)))
			fprintf(f, "    EK: cannot decode: %s\n", err);
		else {
			fprintf(f, "    EK (TPMT_PUBLIC):\n");
			tpmt_public_print(f, &tp, "      ");
		}
	}
}

void manifest_json(struct json *j, const char *key, const struct manifest *m)
{
	struct tpmt_public tp;
	char g[GUID_STR_LEN], err[200];
	uint32_t i;

	json_object_begin(j, key);
	json_str(j, "format", m->is_table ? "guid_table" : "tpmt_public");
	json_uint(j, "size", m->size);
	json_array_begin(j, "services");
	for (i = 0; i < m->count; i++) {
		const struct manifest_service *s = &m->svc[i];

		guid_format_efi(s->guid, g);
		json_object_begin(j, NULL);
		json_str(j, "guid", g);
		json_str(j, "name", service_name(s->guid));
		json_uint(j, "offset", s->offset);
		json_uint(j, "size", s->size);
		if (manifest_is_vtpm_guid(s->guid)) {
			if (vtpm_decode(s, &tp, err, sizeof(err)))
				json_str(j, "ek_error", err);
			else
				tpmt_public_json(j, "ek", &tp);
		} else {
			json_hex(j, "data", s->data, s->size);
		}
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

int manifest_vtpm_ek(const struct manifest *m, struct tpmt_public *tp, char *err, size_t errlen)
{
	const struct manifest_service *s = manifest_vtpm(m);

	if (!s) {
		snprintf(err, errlen, "the manifest lists no vTPM service");
		return -1;
	}
	return vtpm_decode(s, tp, err, errlen);
}
