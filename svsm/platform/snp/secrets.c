// SPDX-License-Identifier: MIT
/*
 * SEV-SNP secrets page parsing and the guest's copy.  See secrets.h.
 * NEVER RUN ON SNP HARDWARE: host unit tests only.
 */
#include "platform/snp/secrets.h"
#include "core/byteorder.h"
#include "lib/string.h"

void snp_vmpck_wipe(uint8_t key[SNP_VMPCK_SIZE])
{
	volatile uint8_t *k = key;

	for (unsigned int i = 0; i < SNP_VMPCK_SIZE; i++)
		k[i] = 0;
}

bool snp_vmpck_is_zero(const uint8_t key[SNP_VMPCK_SIZE])
{
	uint8_t acc = 0;

	for (unsigned int i = 0; i < SNP_VMPCK_SIZE; i++)
		acc |= key[i];
	return acc == 0;
}

int snp_secrets_parse(const void *page, size_t len, struct snp_secrets *out)
{
	const uint8_t *p = page;

	if (len != SNP_SECRETS_SIZE)
		return SNP_SECRETS_BAD_LEN;
	if (p[SNP_SECRETS_SVSM_RSVD] | p[SNP_SECRETS_SVSM_RSVD + 1] |
	    p[SNP_SECRETS_SVSM_RSVD + 2])
		return SNP_SECRETS_BAD_RSVD;
	memset(out, 0, sizeof(*out));
	out->version = get_le32(p + SNP_SECRETS_VERSION);
	out->imien = get_le32(p + SNP_SECRETS_IMIEN);
	out->fms = get_le32(p + SNP_SECRETS_FMS);
	memcpy(out->gosvw, p + SNP_SECRETS_GOSVW, sizeof(out->gosvw));
	for (unsigned int i = 0; i < SNP_VMPCK_COUNT; i++) {
		memcpy(out->vmpck[i], p + SNP_SECRETS_VMPCK0 + i * SNP_VMPCK_SIZE,
		       SNP_VMPCK_SIZE);
		out->os_msg_seqno[i] = get_le32(p + SNP_SECRETS_OS_SEQNO0 + 4 * i);
	}
	out->os_ap_jump_table_pa = get_le(p + SNP_SECRETS_OS_AP_JUMP, 8);
	out->svsm_base = get_le(p + SNP_SECRETS_SVSM_BASE, 8);
	out->svsm_size = get_le(p + SNP_SECRETS_SVSM_SIZE, 8);
	out->svsm_caa = get_le(p + SNP_SECRETS_SVSM_CAA, 8);
	out->svsm_max_version = get_le32(p + SNP_SECRETS_SVSM_MAX_VERSION);
	out->svsm_guest_vmpl = p[SNP_SECRETS_SVSM_GUEST_VMPL];
	out->tsc_factor = get_le32(p + SNP_SECRETS_TSC_FACTOR);
	return SNP_SECRETS_OK;
}

int snp_secrets_check_svsm(const struct snp_secrets *s)
{
	uint64_t end;

	if (s->svsm_size == 0)
		return SNP_SECRETS_NO_SVSM;
	if (s->svsm_guest_vmpl == 0)
		return SNP_SECRETS_VMPL0;
	if (s->svsm_guest_vmpl > 3)
		return SNP_SECRETS_BAD_VMPL;
	if (!IS_ALIGNED(s->svsm_base, PAGE_SIZE) ||
	    !IS_ALIGNED(s->svsm_size, PAGE_SIZE) ||
	    __builtin_add_overflow(s->svsm_base, s->svsm_size, &end))
		return SNP_SECRETS_BAD_REGION;
	if (!IS_ALIGNED(s->svsm_caa, PAGE_SIZE) ||
	    (s->svsm_caa >= s->svsm_base && s->svsm_caa < end))
		return SNP_SECRETS_BAD_CAA;
	if (s->svsm_max_version == 0)
		return SNP_SECRETS_BAD_VERSION;
	return SNP_SECRETS_OK;
}

int snp_secrets_wipe_vmpck(void *page, size_t len, unsigned int idx)
{
	if (len != SNP_SECRETS_SIZE)
		return SNP_SECRETS_BAD_LEN;
	if (idx >= SNP_VMPCK_COUNT)
		return SNP_SECRETS_BAD_INDEX;
	snp_vmpck_wipe((uint8_t *)page + SNP_SECRETS_VMPCK0 +
		       idx * SNP_VMPCK_SIZE);
	return SNP_SECRETS_OK;
}

static void wipe_page(uint8_t *p)
{
	volatile uint8_t *v = p;

	for (unsigned int i = 0; i < SNP_SECRETS_SIZE; i++)
		v[i] = 0;
}

int snp_secrets_make_guest_copy(const void *src, void *dst, size_t len,
				const struct snp_secrets_svsm *svsm)
{
	uint8_t *d = dst;
	struct snp_secrets s;
	int rc;

	if (len != SNP_SECRETS_SIZE)
		return SNP_SECRETS_BAD_LEN;
	if (svsm->guest_vmpl == 0)
		return SNP_SECRETS_VMPL0;
	if (svsm->guest_vmpl > 3)
		return SNP_SECRETS_BAD_VMPL;
	memcpy(d, src, SNP_SECRETS_SIZE);
	for (unsigned int i = 0; i < svsm->guest_vmpl; i++)
		snp_secrets_wipe_vmpck(d, len, i);
	put_le(d + SNP_SECRETS_SVSM_BASE, 8, gpa_val(svsm->base));
	put_le(d + SNP_SECRETS_SVSM_SIZE, 8, svsm->size);
	put_le(d + SNP_SECRETS_SVSM_CAA, 8, gpa_val(svsm->caa));
	put_le(d + SNP_SECRETS_SVSM_MAX_VERSION, 4, svsm->max_version);
	d[SNP_SECRETS_SVSM_GUEST_VMPL] = svsm->guest_vmpl;
	memset(d + SNP_SECRETS_SVSM_RSVD, 0, 3);

	rc = snp_secrets_parse(d, len, &s);
	if (rc == SNP_SECRETS_OK)
		rc = snp_secrets_check_svsm(&s);
	for (unsigned int i = 0; i < SNP_VMPCK_COUNT; i++)
		snp_vmpck_wipe(s.vmpck[i]);
	if (rc != SNP_SECRETS_OK)
		wipe_page(d);
	return rc;
}
