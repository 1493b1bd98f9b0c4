// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* svsm-attest: /dev/svsm-attest ioctl client with size negotiation. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <svsm/attest.h>
#include <svsm/attest_ioctl.h>

#include "attest_dev.h"
#include "util.h"

#define FETCH_MAX_CALLS 4

struct growbuf {
	const char *name;
	uint8_t *p;
	uint32_t cap, max;
};

static int grow(struct growbuf *g, uint32_t want, FILE *log)
{
	uint8_t *np;

	if (want <= g->cap)
		return 0;
	if (want > g->max) {
		err_msg("the SVSM wants a %u-byte %s buffer, more than the driver's limit %u",
			want, g->name, g->max);
		return -1;
	}
	np = realloc(g->p, want);
	if (!np) {
		err_msg("out of memory");
		return -1;
	}
	if (log)
		fprintf(log, "  %s buffer %u -> %u bytes\n", g->name, g->cap, want);
	memset(np + g->cap, 0, want - g->cap);
	g->p = np;
	g->cap = want;
	return 1;
}

static void set_buf(struct svsm_attest_buf *b, const struct growbuf *g)
{
	b->addr = (uintptr_t)g->p;
	b->len = g->cap;
	b->reserved = 0;
}

static const char *errno_hint(int e)
{
	switch (e) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return " (is svsm-attest loaded? modprobe svsm-bus; modprobe svsm-attest)";
	case EACCES:
	case EPERM:
		return " (needs root / CAP_SYS_ADMIN)";
	case EOPNOTSUPP:
	case ENOTTY:
		return " (the SVSM does not serve this attestation call)";
	default:
		return "";
	}
}

int attest_fetch(const struct attest_fetch_opts *o, struct attest_result *res, FILE *log)
{
	static const uint8_t vtpm_guid[16] = SVSM_VTPM_SERVICE_GUID;
	const char *dev = o->device ? o->device : SVSM_ATTEST_DEVICE;
	uint32_t first = o->initial_size ? o->initial_size : 4096;
	struct growbuf rep = { "report", NULL, 0, SVSM_ATTEST_MAX_REPORT };
	struct growbuf man = { "manifest", NULL, 0, SVSM_ATTEST_MAX_MANIFEST };
	struct growbuf crt = { "certificate", NULL, 0, SVSM_ATTEST_MAX_CERTS };
	struct svsm_attest_request req;
	unsigned long cmd;
	int fd, rc = EXIT_DEVICE, e;

	memset(res, 0, sizeof(*res));
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		err_msg("%s: %s%s", dev, strerror(e), errno_hint(e));
		return EXIT_DEVICE;
	}
	if (grow(&rep, first, NULL) < 0 ||
	    grow(&man, first, NULL) < 0 || (!o->no_certs && grow(&crt, first, NULL) < 0)) {
		rc = EXIT_ERROR;
		goto out;
	}
	cmd = o->single_vtpm ? SVSM_ATTEST_IOC_SINGLE_SERVICE : SVSM_ATTEST_IOC_SERVICES;
	for (;;) {
		int grown = 0, r;

		memset(&req, 0, sizeof(req));
		memcpy(req.nonce, o->nonce, SVSM_ATTEST_NONCE_SIZE);
		if (o->single_vtpm)
			memcpy(req.service_guid, vtpm_guid, 16);
		set_buf(&req.report, &rep);
		set_buf(&req.manifest, &man);
		set_buf(&req.certs, &crt);
		res->calls++;
		if (ioctl(fd, cmd, &req) == 0)
			break;
		e = errno;
		if (e != ENOSPC) {
			err_msg("%s: %s failed: %s%s", dev,
				o->single_vtpm ? "ATTEST_SINGLE_SERVICE" : "ATTEST_SERVICES",
				strerror(e), errno_hint(e));
			goto out;
		}
		if (log)
			fprintf(log, "  call %d: ENOSPC, the SVSM needs report %u, manifest %u, certificates %u bytes\n",
				res->calls, req.report.len, req.manifest.len,
				o->no_certs ? 0 : req.certs.len);
		if ((r = grow(&rep, req.report.len, log)) < 0)
			goto out;
		grown |= r;
		if ((r = grow(&man, req.manifest.len, log)) < 0)
			goto out;
		grown |= r;
		if (!o->no_certs) {
			if ((r = grow(&crt, req.certs.len, log)) < 0)
				goto out;
			grown |= r;
		}
		if (!grown) {
			err_msg("%s: ENOSPC but every buffer is already as large as asked", dev);
			goto out;
		}
		if (res->calls >= FETCH_MAX_CALLS) {
			err_msg("%s: still ENOSPC after %d calls", dev, res->calls);
			goto out;
		}
	}
	if (req.report.len > rep.cap || req.manifest.len > man.cap || req.certs.len > crt.cap) {
		err_msg("%s: the driver reports more bytes than the buffers hold", dev);
		goto out;
	}
	res->report = rep.p;
	res->report_len = req.report.len;
	res->manifest = man.p;
	res->manifest_len = req.manifest.len;
	res->certs = crt.p;
	res->certs_len = o->no_certs ? 0 : req.certs.len;
	rep.p = man.p = crt.p = NULL;
	rc = 0;
out:
	free(rep.p);
	free(man.p);
	free(crt.p);
	close(fd);
	return rc;
}

void attest_result_free(struct attest_result *res)
{
	free(res->report);
	free(res->manifest);
	free(res->certs);
	memset(res, 0, sizeof(*res));
}
