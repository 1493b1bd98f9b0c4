// SPDX-License-Identifier: MIT
/*
 * fw_cfg protocol: signature, little-endian integer items, the big-endian
 * file directory and whole-file reads.  The transport is behind
 * struct fw_cfg_dev.
 */
#include "fw_cfg.h"
#include "byteorder.h"
#include "log.h"
#include "lib/string.h"

/*
 * QEMU sizes the directory from its file slots (0x20 for old machine types,
 * a few hundred at most today); anything beyond this is a broken device.
 */
#define FW_CFG_MAX_FILES 4096
/* Directory entries read per transfer (each transfer re-skips from 0). */
#define FW_CFG_DIR_BATCH 8

bool fw_cfg_present(const struct fw_cfg_dev *dev)
{
	char sig[4];

	dev->read_item(dev->ctx, FW_CFG_SIGNATURE, sig, sizeof(sig));
	return memcmp(sig, "QEMU", 4) == 0;
}

uint32_t fw_cfg_read_u32(const struct fw_cfg_dev *dev, uint16_t key)
{
	uint8_t b[4];

	dev->read_item(dev->ctx, key, b, sizeof(b));
	return get_le32(b);
}

uint64_t fw_cfg_read_u64(const struct fw_cfg_dev *dev, uint16_t key)
{
	uint8_t b[8];

	dev->read_item(dev->ctx, key, b, sizeof(b));
	return get_le(b, 8);
}

int fw_cfg_find(const struct fw_cfg_dev *dev, const char *name,
		struct fw_cfg_file *out)
{
	struct fw_cfg_file_be batch[FW_CFG_DIR_BATCH];
	uint8_t cnt[4];
	uint32_t count;
	size_t len;

	/* The name plus its NUL must fit in a directory entry. */
	len = strnlen(name, FW_CFG_MAX_FILE_PATH);
	if (len == 0 || len == FW_CFG_MAX_FILE_PATH)
		return -1;

	dev->read_item(dev->ctx, FW_CFG_FILE_DIR, cnt, sizeof(cnt));
	count = get_be32(cnt);
	if (count > FW_CFG_MAX_FILES) {
		log_info("fw_cfg: file directory claims %u entries, ignoring it",
			 count);
		return -1;
	}

	for (uint32_t i = 0; i < count; i += FW_CFG_DIR_BATCH) {
		uint32_t n = MIN(count - i, (uint32_t)FW_CFG_DIR_BATCH);

		dev->read_at(dev->ctx, FW_CFG_FILE_DIR,
			     4 + i * (uint32_t)sizeof(batch[0]), batch,
			     n * (uint32_t)sizeof(batch[0]));
		for (uint32_t j = 0; j < n; j++) {
			const struct fw_cfg_file_be *e = &batch[j];

			/* An unterminated name matches nothing. */
			if (strnlen(e->name, FW_CFG_MAX_FILE_PATH) ==
			    FW_CFG_MAX_FILE_PATH)
				continue;
			if (strcmp(e->name, name) != 0)
				continue;
			out->size = get_be32(&e->size);
			out->select = get_be16(&e->select);
			memcpy(out->name, e->name, sizeof(out->name));
			return 0;
		}
	}
	return -1;
}

int64_t fw_cfg_read_file(const struct fw_cfg_dev *dev, const char *name,
			 void *buf, uint64_t cap)
{
	struct fw_cfg_file f;

	if (fw_cfg_find(dev, name, &f) != 0)
		return -1;
	if (f.size > cap)
		return -2;
	dev->read_item(dev->ctx, f.select, buf, f.size);
	return f.size;
}

void fw_cfg_dma_encode(struct fw_cfg_dma_access *d, uint16_t key,
		       uint32_t control, uint32_t len, uint64_t addr)
{
	/* The selector rides in the top 16 bits; used when control has SELECT. */
	put_be(&d->control, 4, ((uint32_t)key << 16) | (control & 0xffff));
	put_be(&d->length, 4, len);
	put_be(&d->address, 8, addr);
}
