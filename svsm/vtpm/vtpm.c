// SPDX-License-Identifier: MIT
/*
 * The vTPM service over libtpms (see vtpm.h).
 *
 * NV: libtpms stores its state through the nvram callbacks as named blobs
 * ("permall", "volatilestate", "savestate"); they are kept in the heap.
 * loaddata answers TPM_RETRY for a name never stored, which makes libtpms
 * manufacture a fresh TPM on the first TPMLIB_MainInit.
 *
 * Boot sequence (vtpm_init):
 *   ChooseTPMVersion(2), SetBufferSize, RegisterCallbacks, MainInit
 *   (manufacture), Startup(CLEAR), CreatePrimary(endorsement, EK template
 *   L-1) -> keep outPublic, FlushContext, Shutdown(CLEAR), Terminate,
 *   MainInit again from NV.  The guest then sends its own TPM2_Startup.
 */
#include <tpm_library.h>
#include <tpm_error.h>

#include "vtpm.h"
#include "core/byteorder.h"
#include "core/log.h"
#include "lib/heap.h"
#include "lib/libc.h"
#include "lib/string.h"

/* libcrypto: declared here rather than pulling OpenSSL's hosted headers. */
int RAND_bytes(unsigned char *buf, int num);

#define NV_SLOTS 4
#define NV_NAME_MAX 32

#define TPM_ST_NO_SESSIONS 0x8001
#define TPM_ST_SESSIONS 0x8002
#define TPM_CC_CREATE_PRIMARY 0x00000131
#define TPM_CC_FLUSH_CONTEXT 0x00000165
#define TPM_CC_STARTUP 0x00000144
#define TPM_CC_SHUTDOWN 0x00000145
#define TPM_SU_CLEAR 0x0000
#define TPM_RH_ENDORSEMENT 0x4000000b
#define TPM_RS_PW 0x40000009
#define TPM_HEADER_SIZE 10

static void wr16(uint8_t *p, uint16_t v)
{
	put_be(p, 2, v);
}

static void wr32(uint8_t *p, uint32_t v)
{
	put_be(p, 4, v);
}

static struct {
	char name[NV_NAME_MAX];
	uint8_t *data;
	uint32_t len;
} nv[NV_SLOTS];

static struct {
	bool ready;
	bool lib_up; /* TPMLIB_MainInit succeeded, Terminate pending */
	uint8_t *rsp; /* libtpms's response buffer, kept between calls */
	uint32_t rsp_size;
	uint8_t ek[VTPM_EK_PUBLIC_SIZE];
	bool have_ek;
	struct vtpm_init_stats stats;
} vt;

/* --- NV in SVSM memory --- */

static int nv_find(const char *name)
{
	for (int i = 0; i < NV_SLOTS; i++)
		if (nv[i].data && !strcmp(nv[i].name, name))
			return i;
	return -1;
}

static void nv_drop(int i)
{
	memset(nv[i].data, 0, nv[i].len); /* holds seeds and keys */
	free(nv[i].data);
	nv[i].data = NULL;
	nv[i].len = 0;
	nv[i].name[0] = '\0';
}

static TPM_RESULT cb_nvram_init(void)
{
	return TPM_SUCCESS;
}

static TPM_RESULT cb_nvram_loaddata(unsigned char **data, uint32_t *length,
				    uint32_t tpm_number, const char *name)
{
	int i = nv_find(name);
	uint8_t *copy;

	(void)tpm_number;
	*data = NULL;
	*length = 0;
	if (i < 0)
		return TPM_RETRY; /* nothing stored: libtpms manufactures */
	/* libtpms takes ownership (and frees it): hand out a copy. */
	copy = malloc(nv[i].len ? nv[i].len : 1);
	if (!copy)
		return TPM_SIZE;
	memcpy(copy, nv[i].data, nv[i].len);
	*data = copy;
	*length = nv[i].len;
	return TPM_SUCCESS;
}

static TPM_RESULT cb_nvram_storedata(const unsigned char *data,
				     uint32_t length, uint32_t tpm_number,
				     const char *name)
{
	int i = nv_find(name);
	uint8_t *copy;

	(void)tpm_number;
	if (strlen(name) >= NV_NAME_MAX)
		return TPM_FAIL;
	copy = malloc(length ? length : 1);
	if (!copy)
		return TPM_SIZE;
	memcpy(copy, data, length);
	if (i < 0) {
		for (i = 0; i < NV_SLOTS && nv[i].data; i++)
			;
		if (i == NV_SLOTS) {
			free(copy);
			return TPM_FAIL;
		}
		memcpy(nv[i].name, name, strlen(name) + 1);
	} else {
		memset(nv[i].data, 0, nv[i].len);
		free(nv[i].data);
	}
	nv[i].data = copy;
	nv[i].len = length;
	return TPM_SUCCESS;
}

static TPM_RESULT cb_nvram_deletename(uint32_t tpm_number, const char *name,
				      TPM_BOOL must_exist)
{
	int i = nv_find(name);

	(void)tpm_number;
	if (i < 0)
		return must_exist ? TPM_FAIL : TPM_SUCCESS;
	nv_drop(i);
	return TPM_SUCCESS;
}

static TPM_RESULT cb_io_init(void)
{
	return TPM_SUCCESS;
}

static TPM_RESULT cb_io_getlocality(TPM_MODIFIER_INDICATOR *locality,
				    uint32_t tpm_number)
{
	(void)tpm_number;
	*locality = 0; /* the protocol handler refuses every other locality */
	return TPM_SUCCESS;
}

static TPM_RESULT cb_io_getphysicalpresence(TPM_BOOL *pp, uint32_t tpm_number)
{
	(void)tpm_number;
	*pp = 0;
	return TPM_SUCCESS;
}

static struct libtpms_callbacks callbacks = {
	.sizeOfStruct = sizeof(struct libtpms_callbacks),
	.tpm_nvram_init = cb_nvram_init,
	.tpm_nvram_loaddata = cb_nvram_loaddata,
	.tpm_nvram_storedata = cb_nvram_storedata,
	.tpm_nvram_deletename = cb_nvram_deletename,
	.tpm_io_init = cb_io_init,
	.tpm_io_getlocality = cb_io_getlocality,
	.tpm_io_getphysicalpresence = cb_io_getphysicalpresence,
};

static size_t nv_total(void)
{
	size_t n = 0;

	for (int i = 0; i < NV_SLOTS; i++)
		n += nv[i].len;
	return n;
}

/* --- commands --- */

static int process(const uint8_t *cmd, uint32_t len, uint8_t *rsp,
		   uint32_t cap, uint32_t *rsp_len)
{
	uint32_t n = 0;
	TPM_RESULT rc;

	if (!vt.lib_up)
		return -1;
	rc = TPMLIB_Process(&vt.rsp, &n, &vt.rsp_size, (unsigned char *)cmd,
			    len);
	if (rc != TPM_SUCCESS || n < TPM_HEADER_SIZE || n > cap || !vt.rsp)
		return -1;
	memcpy(rsp, vt.rsp, n);
	*rsp_len = n;
	return 0;
}

int vtpm_send_command(const uint8_t *cmd, uint32_t cmd_len, uint8_t *rsp,
		      uint32_t rsp_cap, uint32_t *rsp_len)
{
	if (!vt.ready)
		return -1;
	return process(cmd, cmd_len, rsp, rsp_cap, rsp_len);
}

/* Send a command built in buf (len bytes), answer in buf; TPM rc or -1. */
static int64_t simple_cmd(uint8_t *buf, uint32_t len, uint32_t cap,
			  uint32_t *rsp_len)
{
	uint32_t n;

	wr32(buf + 2, len);
	if (process(buf, len, buf, cap, &n))
		return -1;
	if (rsp_len)
		*rsp_len = n;
	return get_be32(buf + 6);
}

static int64_t cmd_startup_shutdown(uint32_t cc)
{
	uint8_t b[64];

	wr16(b, TPM_ST_NO_SESSIONS);
	wr32(b + 6, cc);
	wr16(b + 10, TPM_SU_CLEAR);
	return simple_cmd(b, 12, sizeof(b), NULL);
}

static int64_t cmd_flush(uint32_t handle)
{
	uint8_t b[64];

	wr16(b, TPM_ST_NO_SESSIONS);
	wr32(b + 6, TPM_CC_FLUSH_CONTEXT);
	wr32(b + 10, handle);
	return simple_cmd(b, 14, sizeof(b), NULL);
}

/* TCG EK Credential Profile, template L-1: PolicyA_SHA256. */
static const uint8_t ek_policy[32] = {
	0x83, 0x71, 0x97, 0x67, 0x44, 0x84, 0xb3, 0xf8, 0x1a, 0x90, 0xcc,
	0x8d, 0x46, 0xa5, 0xd7, 0x24, 0xfd, 0x52, 0xd7, 0x6e, 0x06, 0x52,
	0x0b, 0x64, 0xf2, 0xa1, 0xda, 0x1b, 0x33, 0x14, 0x69, 0xaa,
};

/* Marshal the L-1 TPMT_PUBLIC template at p; returns its length (314). */
static size_t ek_template(uint8_t *p)
{
	uint8_t *s = p;

	wr16(p, 0x0001); /* type: TPM_ALG_RSA */
	wr16(p + 2, 0x000b); /* nameAlg: SHA-256 */
	/* fixedTPM|fixedParent|sensitiveDataOrigin|adminWithPolicy|
	 * restricted|decrypt */
	wr32(p + 4, 0x000300b2);
	wr16(p + 8, sizeof(ek_policy));
	memcpy(p + 10, ek_policy, sizeof(ek_policy));
	p += 10 + sizeof(ek_policy);
	wr16(p, 0x0006); /* symmetric: AES */
	wr16(p + 2, 128); /* keyBits */
	wr16(p + 4, 0x0043); /* mode: CFB */
	wr16(p + 6, 0x0010); /* scheme: TPM_ALG_NULL */
	wr16(p + 8, 2048); /* keyBits */
	wr32(p + 10, 0); /* exponent: default 65537 */
	wr16(p + 14, 256); /* unique: 256 zero bytes */
	memset(p + 16, 0, 256);
	p += 16 + 256;
	return (size_t)(p - s);
}

/*
 * TPM2_CreatePrimary(TPM_RH_ENDORSEMENT, password session, EK template);
 * copies outPublic's TPMT_PUBLIC to out and returns the handle in *handle.
 */
static int create_ek(uint8_t out[VTPM_EK_PUBLIC_SIZE], uint32_t *handle)
{
	static uint8_t b[VTPM_TPM_BUFFER_SIZE];
	uint32_t n, pub_len;
	uint8_t *p = b;
	size_t t;
	int64_t rc;

	wr16(p, TPM_ST_SESSIONS);
	wr32(p + 6, TPM_CC_CREATE_PRIMARY);
	wr32(p + 10, TPM_RH_ENDORSEMENT);
	wr32(p + 14, 9); /* authorization area size */
	wr32(p + 18, TPM_RS_PW);
	wr16(p + 22, 0); /* nonce */
	p[24] = 0x01; /* continueSession */
	wr16(p + 25, 0); /* empty password */
	wr16(p + 27, 4); /* inSensitive: TPM2B_SENSITIVE_CREATE */
	wr16(p + 29, 0); /* userAuth */
	wr16(p + 31, 0); /* data */
	t = ek_template(p + 35);
	wr16(p + 33, (uint16_t)t); /* inPublic size */
	p += 35 + t;
	wr16(p, 0); /* outsideInfo */
	wr32(p + 2, 0); /* creationPCR: count 0 */
	p += 6;
	rc = simple_cmd(b, (uint32_t)(p - b), sizeof(b), &n);
	if (rc != 0) {
		log_info("vtpm: TPM2_CreatePrimary(EK) failed: rc %#lx",
			 (long)rc);
		return -1;
	}
	/* handle, parameterSize, then outPublic (TPM2B_PUBLIC). */
	if (n < 20)
		return -1;
	*handle = get_be32(b + 10);
	pub_len = get_be16(b + 18);
	if (pub_len != VTPM_EK_PUBLIC_SIZE || 20 + pub_len > n) {
		log_info("vtpm: EK public area of %u bytes (want %u)", pub_len,
			 VTPM_EK_PUBLIC_SIZE);
		return -1;
	}
	memcpy(out, b + 20, VTPM_EK_PUBLIC_SIZE);
	return 0;
}

int vtpm_create_ek(uint8_t out[VTPM_EK_PUBLIC_SIZE])
{
	uint32_t handle;

	if (!vt.lib_up || create_ek(out, &handle))
		return -1;
	return cmd_flush(handle) == 0 ? 0 : -1;
}

static int lib_start(void)
{
	TPM_RESULT rc = TPMLIB_MainInit();

	if (rc != TPM_SUCCESS) {
		log_info("vtpm: TPMLIB_MainInit failed: %#x", rc);
		return -1;
	}
	vt.lib_up = true;
	return 0;
}

static void lib_stop(void)
{
	if (vt.lib_up)
		TPMLIB_Terminate();
	vt.lib_up = false;
	free(vt.rsp);
	vt.rsp = NULL;
	vt.rsp_size = 0;
}

void vtpm_shutdown(void)
{
	lib_stop();
	for (int i = 0; i < NV_SLOTS; i++)
		if (nv[i].data)
			nv_drop(i);
	memset(&vt, 0, sizeof(vt));
}

int vtpm_init(void)
{
	uint64_t t0, t1, t2;
	struct heap_stats hs;
	uint8_t probe[32];
	uint32_t handle;

	vtpm_shutdown();
	/* Refuse to make keys without entropy (libtpms would fall back). */
	if (RAND_bytes(probe, sizeof(probe)) != 1) {
		log_info("vtpm: OpenSSL has no entropy (RAND_bytes failed)");
		return -1;
	}
	memset(probe, 0, sizeof(probe));

	t0 = lib_rdtsc();
	if (TPMLIB_ChooseTPMVersion(TPMLIB_TPM_VERSION_2) != TPM_SUCCESS ||
	    TPMLIB_SetBufferSize(VTPM_TPM_BUFFER_SIZE, NULL, NULL) !=
		    VTPM_TPM_BUFFER_SIZE ||
	    TPMLIB_RegisterCallbacks(&callbacks) != TPM_SUCCESS) {
		log_info("vtpm: libtpms setup failed");
		return -1;
	}
	if (lib_start())
		goto fail;
	t1 = lib_rdtsc();

	if (cmd_startup_shutdown(TPM_CC_STARTUP) != 0) {
		log_info("vtpm: TPM2_Startup(CLEAR) failed");
		goto fail;
	}
	if (create_ek(vt.ek, &handle) || cmd_flush(handle) != 0)
		goto fail;
	if (cmd_startup_shutdown(TPM_CC_SHUTDOWN) != 0) {
		log_info("vtpm: TPM2_Shutdown(CLEAR) failed");
		goto fail;
	}
	vt.have_ek = true;
	t2 = lib_rdtsc();

	/* Power cycle: the guest's TPM2_Startup meets a fresh TPM. */
	lib_stop();
	if (lib_start())
		goto fail;

	vt.stats.manufacture_us = lib_tsc_to_us(t1 - t0);
	vt.stats.ek_us = lib_tsc_to_us(t2 - t1);
	vt.stats.restart_us = lib_tsc_to_us(lib_rdtsc() - t2);
	vt.stats.nv_bytes = nv_total();
	heap_get_stats(&hs);
	vt.stats.heap_high_water = hs.high_water;
	vt.stats.heap_in_use = hs.in_use;
	vt.ready = true;
	log_info("vtpm: TPM 2.0 (libtpms %u.%u.%u) manufactured in %lu us, EK (RSA-2048) created in %lu us, restarted in %lu us",
		 TPMLIB_GetVersion() >> 16, (TPMLIB_GetVersion() >> 8) & 0xff,
		 TPMLIB_GetVersion() & 0xff,
		 (unsigned long)vt.stats.manufacture_us,
		 (unsigned long)vt.stats.ek_us,
		 (unsigned long)vt.stats.restart_us);
	log_info("vtpm: RAM: NV %zu bytes, heap high-water %zu KiB, in use %zu KiB",
		 vt.stats.nv_bytes, vt.stats.heap_high_water >> 10,
		 vt.stats.heap_in_use >> 10);
	return 0;

fail:
	log_info("vtpm: initialisation failed; the vTPM protocol is not offered");
	vtpm_shutdown();
	return -1;
}

bool vtpm_ready(void)
{
	return vt.ready;
}

const struct vtpm_init_stats *vtpm_stats(void)
{
	return &vt.stats;
}

const uint8_t *vtpm_ek_public(size_t *len)
{
	if (!vt.have_ek)
		return NULL;
	*len = VTPM_EK_PUBLIC_SIZE;
	return vt.ek;
}
