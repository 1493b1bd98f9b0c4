// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* svsm-attest: ATTESTATION_REPORT parsing and display. */
#include <endian.h>
#include <inttypes.h>
#include <string.h>

#include "report.h"
#include "util.h"

int report_parse(const uint8_t *buf, size_t len, struct snp_attestation_report *r)
{
	_Static_assert(sizeof(*r) == SNP_REPORT_SIZE, "report layout");
	if (len != SNP_REPORT_SIZE)
		return -1;
	memcpy(r, buf, sizeof(*r));
	return 0;
}

const char *report_signing_key_name(uint32_t flags)
{
	switch (REPORT_SIGNING_KEY(flags)) {
	case 0:
		return "VCEK";
	case 1:
		return "VLEK";
	case 7:
		return "none";
	default:
		return "reserved";
	}
}

/* TCB_VERSION, Milan/Genoa byte layout: [0] bl, [1] tee, [6] snp, [7] ucode. */
struct tcb {
	unsigned int bootloader, tee, snp, microcode;
};

static struct tcb tcb_split(uint64_t v)
{
	struct tcb t = {
		.bootloader = v & 0xff,
		.tee = (v >> 8) & 0xff,
		.snp = (v >> 48) & 0xff,
		.microcode = (v >> 56) & 0xff,
	};
	return t;
}

static void print_tcb(FILE *f, const char *name, uint64_t v)
{
	struct tcb t = tcb_split(v);

	fprintf(f, "%-22s 0x%016" PRIx64 " (bootloader %u, tee %u, snp %u, microcode %u)\n",
		name, v, t.bootloader, t.tee, t.snp, t.microcode);
}

static void print_hex_field(FILE *f, const char *name, const uint8_t *b, size_t len)
{
	fprintf(f, "%-22s ", name);
	hex_print(f, b, len);
	fputc('\n', f);
}

static const char *const policy_bits[] = {
	[16] = "SMT", [17] = "reserved-1", [18] = "MIGRATE_MA", [19] = "DEBUG",
	[20] = "SINGLE_SOCKET", [21] = "CXL_ALLOW", [22] = "MEM_AES_256_XTS",
	[23] = "RAPL_DIS", [24] = "CIPHERTEXT_HIDING", [25] = "PAGE_SWAP_DISABLE",
};

static const char *const platform_bits[] = {
	"SMT_EN", "TSME_EN", "ECC_EN", "RAPL_DIS", "CIPHERTEXT_HIDING_EN",
	"ALIAS_CHECK_COMPLETE", NULL, "SEV_TIO_EN",
};

static void print_bits(FILE *f, uint64_t v, const char *const *names, size_t n, size_t from)
{
	size_t i;
	int any = 0;

	for (i = from; i < n && i < 64; i++) {
		if (!(v & (1ull << i)) || !names[i])
			continue;
		fprintf(f, "%s%s", any ? " " : "", names[i]);
		any = 1;
	}
	if (!any)
		fputs("-", f);
}

/* Big-endian hex of a little-endian R or S (the low 48 bytes used by P-384). */
static void sig_be(const uint8_t le[72], uint8_t be[48])
{
	int i;

	for (i = 0; i < 48; i++)
		be[i] = le[47 - i];
}

void report_print(FILE *f, const struct snp_attestation_report *r)
{
	uint32_t version = le32toh(r->version), flags = le32toh(r->flags);
	uint64_t policy = le64toh(r->policy), pinfo = le64toh(r->platform_info);
	uint8_t be[48];

	fprintf(f, "Attestation report (%d bytes)\n", SNP_REPORT_SIZE);
	fprintf(f, "%-22s %" PRIu32 "\n", "version:", version);
	fprintf(f, "%-22s %" PRIu32 "\n", "guest_svn:", le32toh(r->guest_svn));
	fprintf(f, "%-22s 0x%" PRIx64 " (abi %u.%u; ", "policy:", policy,
		(unsigned int)(policy >> 8) & 0xff, (unsigned int)policy & 0xff);
	print_bits(f, policy, policy_bits, ARRAY_SIZE(policy_bits), 16);
	fputs(")\n", f);
	print_hex_field(f, "family_id:", r->family_id, sizeof(r->family_id));
	print_hex_field(f, "image_id:", r->image_id, sizeof(r->image_id));
	fprintf(f, "%-22s %" PRIu32 "\n", "vmpl:", le32toh(r->vmpl));
	fprintf(f, "%-22s %" PRIu32 "%s\n", "signature_algo:", le32toh(r->signature_algo),
		le32toh(r->signature_algo) == SNP_SIG_ALGO_ECDSA_P384_SHA384 ?
			" (ECDSA P-384 with SHA-384)" : " (unknown)");
	print_tcb(f, "current_tcb:", le64toh(r->current_tcb));
	fprintf(f, "%-22s 0x%" PRIx64 " (", "platform_info:", pinfo);
	print_bits(f, pinfo, platform_bits, ARRAY_SIZE(platform_bits), 0);
	fputs(")\n", f);
	fprintf(f, "%-22s 0x%" PRIx32 " (author_key_en %u, mask_chip_key %u, signing_key %u %s)\n",
		"key_info:", flags, flags & 1, (flags >> 1) & 1, REPORT_SIGNING_KEY(flags),
		report_signing_key_name(flags));
	print_hex_field(f, "report_data:", r->report_data, sizeof(r->report_data));
	print_hex_field(f, "measurement:", r->measurement, sizeof(r->measurement));
	print_hex_field(f, "host_data:", r->host_data, sizeof(r->host_data));
	print_hex_field(f, "id_key_digest:", r->id_key_digest, sizeof(r->id_key_digest));
	print_hex_field(f, "author_key_digest:", r->author_key_digest,
			sizeof(r->author_key_digest));
	print_hex_field(f, "report_id:", r->report_id, sizeof(r->report_id));
	print_hex_field(f, "report_id_ma:", r->report_id_ma, sizeof(r->report_id_ma));
	print_tcb(f, "reported_tcb:", le64toh(r->reported_tcb));
	if (version >= 3)
		fprintf(f, "%-22s family 0x%02x model 0x%02x stepping 0x%02x\n", "cpuid:",
			r->cpuid_fam_id, r->cpuid_mod_id, r->cpuid_step);
	print_hex_field(f, "chip_id:", r->chip_id, sizeof(r->chip_id));
	print_tcb(f, "committed_tcb:", le64toh(r->committed_tcb));
	fprintf(f, "%-22s %u.%u.%u\n", "current_version:", r->current_major,
		r->current_minor, r->current_build);
	fprintf(f, "%-22s %u.%u.%u\n", "committed_version:", r->committed_major,
		r->committed_minor, r->committed_build);
	print_tcb(f, "launch_tcb:", le64toh(r->launch_tcb));
	if (version >= 5) {
		fprintf(f, "%-22s 0x%016" PRIx64 "\n", "launch_mit_vector:",
			get_le64(r->reserved4));
		fprintf(f, "%-22s 0x%016" PRIx64 "\n", "current_mit_vector:",
			get_le64(r->reserved4 + 8));
	}
	sig_be(r->sig_r, be);
	print_hex_field(f, "signature_r:", be, sizeof(be));
	sig_be(r->sig_s, be);
	print_hex_field(f, "signature_s:", be, sizeof(be));
}

static void json_tcb(struct json *j, const char *key, uint64_t v)
{
	struct tcb t = tcb_split(v);

	json_object_begin(j, key);
	json_hex_u64(j, "raw", v);
	json_uint(j, "bootloader", t.bootloader);
	json_uint(j, "tee", t.tee);
	json_uint(j, "snp", t.snp);
	json_uint(j, "microcode", t.microcode);
	json_object_end(j);
}

void report_json(struct json *j, const char *key, const struct snp_attestation_report *r)
{
	uint32_t version = le32toh(r->version), flags = le32toh(r->flags);
	uint64_t policy = le64toh(r->policy);
	uint8_t be[48];

	json_object_begin(j, key);
	json_uint(j, "version", version);
	json_uint(j, "guest_svn", le32toh(r->guest_svn));
	json_object_begin(j, "policy");
	json_hex_u64(j, "raw", policy);
	json_uint(j, "abi_major", (policy >> 8) & 0xff);
	json_uint(j, "abi_minor", policy & 0xff);
	json_bool(j, "smt", policy & (1ull << 16));
	json_bool(j, "migrate_ma", policy & (1ull << 18));
	json_bool(j, "debug", policy & (1ull << 19));
	json_bool(j, "single_socket", policy & (1ull << 20));
	json_object_end(j);
	json_hex(j, "family_id", r->family_id, sizeof(r->family_id));
	json_hex(j, "image_id", r->image_id, sizeof(r->image_id));
	json_uint(j, "vmpl", le32toh(r->vmpl));
	json_uint(j, "signature_algo", le32toh(r->signature_algo));
	json_tcb(j, "current_tcb", le64toh(r->current_tcb));
	json_hex_u64(j, "platform_info", le64toh(r->platform_info));
	json_object_begin(j, "key_info");
	json_hex_u64(j, "raw", flags);
	json_bool(j, "author_key_en", flags & 1);
	json_bool(j, "mask_chip_key", flags & 2);
	json_str(j, "signing_key", report_signing_key_name(flags));
	json_object_end(j);
	json_hex(j, "report_data", r->report_data, sizeof(r->report_data));
	json_hex(j, "measurement", r->measurement, sizeof(r->measurement));
	json_hex(j, "host_data", r->host_data, sizeof(r->host_data));
	json_hex(j, "id_key_digest", r->id_key_digest, sizeof(r->id_key_digest));
	json_hex(j, "author_key_digest", r->author_key_digest, sizeof(r->author_key_digest));
	json_hex(j, "report_id", r->report_id, sizeof(r->report_id));
	json_hex(j, "report_id_ma", r->report_id_ma, sizeof(r->report_id_ma));
	json_tcb(j, "reported_tcb", le64toh(r->reported_tcb));
	json_object_begin(j, "cpuid");
	json_uint(j, "family", r->cpuid_fam_id);
	json_uint(j, "model", r->cpuid_mod_id);
	json_uint(j, "stepping", r->cpuid_step);
	json_object_end(j);
	json_hex(j, "chip_id", r->chip_id, sizeof(r->chip_id));
	json_tcb(j, "committed_tcb", le64toh(r->committed_tcb));
	json_tcb(j, "launch_tcb", le64toh(r->launch_tcb));
	json_object_begin(j, "signature");
	sig_be(r->sig_r, be);
	json_hex(j, "r", be, sizeof(be));
	sig_be(r->sig_s, be);
	json_hex(j, "s", be, sizeof(be));
	json_object_end(j);
	json_object_end(j);
}
