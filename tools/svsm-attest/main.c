// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * svsm-attest: fetch and verify SVSM attestation reports (protocol 1).
 *
 *   svsm-attest report   [--nonce-file F | --nonce HEX | --random] [--service all|vtpm]
 *                        [--out-dir DIR] [--no-certs]
 *   svsm-attest verify   --dir DIR --ark ARK.pem [--nonce-file F] [--measurement HEX]
 *                        [--vmpl N] [--json]
 *   svsm-attest manifest FILE [--json] [--ek-out F]
 *   svsm-attest show     DIR|report.bin [--json]
 *   svsm-attest certs    TABLE --out-dir DIR
 *
 * See docs/attest-tool.md.  Exit codes: util.h.
 */
#include <endian.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include <svsm/attest.h>

#include "attest_dev.h"
#include "certtable.h"
#include "json.h"
#include "manifest.h"
#include "report.h"
#include "util.h"
#include "verify.h"

static const char usage_text[] =
	"usage: svsm-attest COMMAND [OPTIONS]\n"
	"\n"
	"  report [--nonce-file F | --nonce HEX | --random] [--service all|vtpm]\n"
	"         [--out-dir DIR] [--no-certs] [--device PATH] [--buf-size N]\n"
	"      Ask the SVSM for an attestation report through /dev/svsm-attest; write\n"
	"      DIR/report.bin (raw 1184-byte SNP report), request.bin (the 64-byte\n"
	"      nonce), manifest.bin, certs.bin (certificate table) and\n"
	"      certs/{ark,ask,vcek}.pem (snpguest layout).  Default: --random, all\n"
	"      services, DIR = the current directory.\n"
	"  verify --dir DIR --ark ARK.pem [--nonce-file F] [--manifest F] [--report F]\n"
	"         [--certs DIR] [--measurement HEX] [--vmpl N] [--json]\n"
	"      Verify DIR against the trust anchor ARK.pem: report fields, ARK -> ASK\n"
	"      -> VCEK, the report signature, REPORT_DATA = SHA-512(nonce || manifest),\n"
	"      and the measurement if given.  Exit 0 only when every check passed.\n"
	"  manifest FILE [--json] [--ek-out F]\n"
	"      Decode a services manifest (GUID table) or a bare vTPM TPMT_PUBLIC;\n"
	"      --ek-out writes the EK's TPMT_PUBLIC (compare with tpm2_readpublic -f tpmt).\n"
	"  show DIR|report.bin [--json]\n"
	"      Print every field of a report.\n"
	"  certs TABLE --out-dir DIR\n"
	"      Split an SNP certificate table (e.g. configfs-tsm auxblob) into PEM files.\n"
	"\n"
	"Exit codes: 0 ok, 1 error, 2 usage, 3 report format, 4 certificate chain,\n"
	"5 report signature, 6 REPORT_DATA (nonce/manifest), 7 measurement,\n"
	"8 device, 9 malformed manifest or certificate table.\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		fprintf(stderr, "%s: ", prog_name);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* Up to 64 bytes of hex, zero-padded to 64. */
static int nonce_from_hex(const char *hex, uint8_t nonce[64])
{
	size_t digits = 0;
	const char *p = hex;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; *p; p++)
		digits += !strchr(" \t\n", *p);
	memset(nonce, 0, 64);
	if (digits == 0 || digits % 2 || digits > 128 || hex_parse(hex, nonce, digits / 2))
		return -1;
	return 0;
}

static int nonce_from_file(const char *path, uint8_t nonce[64])
{
	uint8_t *b;
	size_t len;

	if (file_read(path, &b, &len))
		return -1;
	if (len != 64) {
		err_msg("%s: %zu bytes; a nonce (request file) is exactly 64 bytes", path, len);
		free(b);
		return -1;
	}
	memcpy(nonce, b, 64);
	free(b);
	return 0;
}

static int write_in(const char *dir, const char *name, const void *b, size_t len)
{
	char path[PATH_MAX];

	if (path_join(path, sizeof(path), dir, name) || file_write(path, b, len))
		return -1;
	return 0;
}

static int cmd_report(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "nonce-file", required_argument, NULL, 'f' },
		{ "nonce", required_argument, NULL, 'n' },
		{ "random", no_argument, NULL, 'r' },
		{ "service", required_argument, NULL, 's' },
		{ "out-dir", required_argument, NULL, 'o' },
		{ "no-certs", no_argument, NULL, 'C' },
		{ "device", required_argument, NULL, 'd' },
		{ "buf-size", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct attest_fetch_opts fo = { 0 };
	struct attest_result res;
	struct snp_attestation_report r;
	struct cert_table ct;
	struct manifest m;
	const char *dir = ".", *nonce_src = "--random";
	char certs_dir[PATH_MAX], err[300];
	uint8_t nonce[64];
	int c, nsrc = 0, rc;

	while ((c = getopt_long(argc, argv, "f:n:rs:o:Cd:b:h", lo, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (nonce_from_file(optarg, nonce))
				return EXIT_ERROR;
			nonce_src = optarg;
			nsrc++;
			break;
		case 'n':
			if (nonce_from_hex(optarg, nonce))
				return usage_error("--nonce wants 1-64 bytes of hex, got '%s'", optarg);
			nonce_src = "--nonce";
			nsrc++;
			break;
		case 'r':
			nsrc++;
			break;
		case 's':
			if (!strcmp(optarg, "vtpm"))
				fo.single_vtpm = true;
			else if (strcmp(optarg, "all"))
				return usage_error("--service is all or vtpm, not '%s'", optarg);
			break;
		case 'o': dir = optarg; break;
		case 'C': fo.no_certs = true; break;
		case 'd': fo.device = optarg; break;
		case 'b': fo.initial_size = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error(NULL);
		}
	}
	if (optind != argc)
		return usage_error("report: unexpected argument '%s'", argv[optind]);
	if (nsrc > 1)
		return usage_error("%s", "give one of --nonce-file, --nonce, --random");
	if (!strcmp(nonce_src, "--random") && getrandom(nonce, sizeof(nonce), 0) != sizeof(nonce)) {
		err_msg("getrandom: %s", strerror(errno));
		return EXIT_ERROR;
	}
	fo.nonce = nonce;

	printf("svsm-attest report: %s, nonce from %s\n",
	       fo.single_vtpm ? "ATTEST_SINGLE_SERVICE (vTPM)" : "ATTEST_SERVICES (all services)",
	       nonce_src);
	rc = attest_fetch(&fo, &res, stdout);
	if (rc)
		return rc;
	printf("  %d call%s; report %u, manifest %u, certificates %u bytes\n", res.calls,
	       res.calls == 1 ? "" : "s", res.report_len, res.manifest_len, res.certs_len);
	rc = EXIT_ERROR;
	if (res.report_len < SNP_REPORT_SIZE) {
		err_msg("the report has %u bytes, an SNP report has %d", res.report_len,
			SNP_REPORT_SIZE);
		goto out;
	}
	if (res.report_len > SNP_REPORT_SIZE)
		printf("  note: %u report bytes, keeping the first %d\n", res.report_len,
		       SNP_REPORT_SIZE);
	report_parse(res.report, SNP_REPORT_SIZE, &r);
	if (dir_make(dir) || write_in(dir, "report.bin", res.report, SNP_REPORT_SIZE) ||
	    write_in(dir, "request.bin", nonce, 64) ||
	    write_in(dir, "manifest.bin", res.manifest, res.manifest_len))
		goto out;
	printf("Wrote %s/:\n", dir);
	printf("  report.bin    %d bytes (version %u, vmpl %u, signature_algo %u)\n",
	       SNP_REPORT_SIZE, le32toh(r.version), le32toh(r.vmpl), le32toh(r.signature_algo));
	printf("  request.bin   64 bytes (the nonce)\n");
	printf("  manifest.bin  %u bytes\n", res.manifest_len);
	if (res.certs_len) {
		if (write_in(dir, "certs.bin", res.certs, res.certs_len))
			goto out;
		printf("  certs.bin     %u bytes (SNP certificate table)\n", res.certs_len);
		if (certtable_parse(res.certs, res.certs_len, &ct, err, sizeof(err))) {
			err_msg("certificate table: %s", err);
			rc = EXIT_MANIFEST;
			goto out;
		}
		if (path_join(certs_dir, sizeof(certs_dir), dir, "certs") ||
		    certtable_write(res.certs, &ct, certs_dir, stdout)) {
			rc = EXIT_MANIFEST;
			goto out;
		}
	} else {
		printf("  (no certificates%s)\n", fo.no_certs ? " requested" : " returned");
	}
	printf("measurement:    ");
	hex_print(stdout, r.measurement, sizeof(r.measurement));
	printf("\nreport_data:    ");
	hex_print(stdout, r.report_data, sizeof(r.report_data));
	putchar('\n');
	if (manifest_parse(res.manifest, res.manifest_len, &m, err, sizeof(err)))
		printf("manifest: cannot decode: %s\n", err);
	else
		manifest_print(stdout, &m);
	printf("Verify with: svsm-attest verify --dir %s --ark ARK.pem\n", dir);
	rc = EXIT_OK;
out:
	attest_result_free(&res);
	return rc;
}

static int cmd_verify(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dir", required_argument, NULL, 'D' },
		{ "ark", required_argument, NULL, 'a' },
		{ "nonce-file", required_argument, NULL, 'f' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "report", required_argument, NULL, 'r' },
		{ "certs", required_argument, NULL, 'c' },
		{ "measurement", required_argument, NULL, 'M' },
		{ "vmpl", required_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct verify_opts o = { 0 };
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "D:a:f:m:r:c:M:v:jh", lo, NULL)) != -1) {
		switch (c) {
		case 'D': o.dir = optarg; break;
		case 'a': o.ark = optarg; break;
		case 'f': o.nonce_file = optarg; break;
		case 'm': o.manifest = optarg; break;
		case 'r': o.report = optarg; break;
		case 'c': o.certs_dir = optarg; break;
		case 'M':
			if (hex_parse(optarg, o.measurement, sizeof(o.measurement)))
				return usage_error("--measurement wants 48 bytes of hex, got '%s'",
						   optarg);
			o.have_measurement = true;
			break;
		case 'v':
			errno = 0;
			o.vmpl = (uint32_t)strtoul(optarg, &end, 0);
			if (errno || *end || o.vmpl > 3)
				return usage_error("--vmpl wants 0-3, got '%s'", optarg);
			break;
		case 'j': o.json = true; break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error(NULL);
		}
	}
	if (optind != argc)
		return usage_error("verify: unexpected argument '%s'", argv[optind]);
	if (!o.ark)
		return usage_error("%s", "verify needs --ark: the trust anchor (the ARK certificate)");
	if (!o.dir && !(o.report && o.nonce_file && o.manifest && o.certs_dir))
		return usage_error("%s", "verify needs --dir (or --report, --nonce-file, --manifest and --certs)");
	return verify_run(&o);
}

static int cmd_manifest(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "ek-out", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *ek_out = NULL;
	struct manifest m;
	struct tpmt_public tp;
	struct json j;
	uint8_t *buf;
	size_t len;
	char err[300];
	bool json = false;
	int c, rc = EXIT_OK;

	while ((c = getopt_long(argc, argv, "je:h", lo, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'e': ek_out = optarg; break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error(NULL);
		}
	}
	if (optind + 1 != argc)
		return usage_error("%s", "manifest wants exactly one FILE");
	if (file_read(argv[optind], &buf, &len))
		return EXIT_ERROR;
	if (manifest_parse(buf, len, &m, err, sizeof(err))) {
		err_msg("%s: %s", argv[optind], err);
		free(buf);
		return EXIT_MANIFEST;
	}
	if (json) {
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		json_str(&j, "file", argv[optind]);
		manifest_json(&j, "manifest", &m);
		json_object_end(&j);
	} else {
		manifest_print(stdout, &m);
	}
	if (ek_out) {
		if (manifest_vtpm_ek(&m, &tp, err, sizeof(err))) {
			err_msg("%s: --ek-out: %s", argv[optind], err);
			rc = EXIT_MANIFEST;
		} else if (file_write(ek_out, tp.raw, tp.size)) {
			rc = EXIT_ERROR;
		} else if (!json) {
			printf("Wrote the EK's TPMT_PUBLIC (%zu bytes) to %s\n", tp.size, ek_out);
		}
	}
	free(buf);
	return rc;
}

static int cmd_show(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct snp_attestation_report r;
	struct stat st;
	struct json j;
	char path[PATH_MAX];
	uint8_t *buf;
	size_t len;
	bool json = false;
	int c;

	while ((c = getopt_long(argc, argv, "jh", lo, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error(NULL);
		}
	}
	if (optind + 1 != argc)
		return usage_error("%s", "show wants exactly one DIR or report file");
	if (!stat(argv[optind], &st) && S_ISDIR(st.st_mode)) {
		if (path_join(path, sizeof(path), argv[optind], "report.bin"))
			return EXIT_ERROR;
	} else {
		snprintf(path, sizeof(path), "%s", argv[optind]);
	}
	if (file_read(path, &buf, &len))
		return EXIT_ERROR;
	if (report_parse(buf, len, &r)) {
		err_msg("%s: %zu bytes, an SNP report has %d", path, len, SNP_REPORT_SIZE);
		free(buf);
		return EXIT_REPORT_FORMAT;
	}
	free(buf);
	if (json) {
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		json_str(&j, "file", path);
		report_json(&j, "report", &r);
		json_object_end(&j);
	} else {
		report_print(stdout, &r);
	}
	return EXIT_OK;
}

static int cmd_certs(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "out-dir", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *dir = NULL;
	struct cert_table ct;
	char err[300];
	uint8_t *buf;
	size_t len;
	int c, rc = EXIT_OK;

	while ((c = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
		switch (c) {
		case 'o': dir = optarg; break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		default: return usage_error(NULL);
		}
	}
	if (optind + 1 != argc || !dir)
		return usage_error("%s", "certs wants TABLE and --out-dir DIR");
	if (file_read(argv[optind], &buf, &len))
		return EXIT_ERROR;
	if (certtable_parse(buf, len, &ct, err, sizeof(err))) {
		err_msg("%s: %s", argv[optind], err);
		rc = EXIT_MANIFEST;
	} else {
		printf("%s: %zu certificate%s\n", argv[optind], ct.count, ct.count == 1 ? "" : "s");
		if (certtable_write(buf, &ct, dir, stdout))
			rc = EXIT_MANIFEST;
	}
	free(buf);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "report", cmd_report }, { "verify", cmd_verify }, { "manifest", cmd_manifest },
		{ "show", cmd_show }, { "certs", cmd_certs },
	};
	size_t i;

	if (argc < 2)
		return usage_error(NULL);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		if (!strcmp(argv[1], cmds[i].name)) {
			/* getopt sees "svsm-attest report ..." as "report ..." */
			return cmds[i].fn(argc - 1, argv + 1);
		}
	}
	return usage_error("unknown command '%s'", argv[1]);
}
