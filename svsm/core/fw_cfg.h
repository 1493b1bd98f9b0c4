/* SPDX-License-Identifier: MIT */
/*
 * QEMU fw_cfg: item keys, the file directory and reads of named files.
 *
 * The transport (I/O ports or DMA) is the platform's; this file only knows
 * the protocol, so it is tested on the host against a fake device.
 * Facts: QEMU docs/specs/fw_cfg.txt (keys, big-endian directory, DMA
 * descriptor {be32 control; be32 length; be64 address}).
 */
#ifndef SVSM_CORE_FW_CFG_H
#define SVSM_CORE_FW_CFG_H

#include "types.h"

#define FW_CFG_SIGNATURE 0x00
#define FW_CFG_ID 0x01
#define FW_CFG_RAM_SIZE 0x03
#define FW_CFG_NB_CPUS 0x05
#define FW_CFG_MAX_CPUS 0x0f /* le16: possible CPUs (-smp maxcpus) */
#define FW_CFG_KERNEL_SIZE 0x08
#define FW_CFG_INITRD_SIZE 0x0b
#define FW_CFG_KERNEL_DATA 0x11
#define FW_CFG_INITRD_DATA 0x12
#define FW_CFG_CMDLINE_SIZE 0x14
#define FW_CFG_CMDLINE_DATA 0x15
#define FW_CFG_SETUP_SIZE 0x17
#define FW_CFG_SETUP_DATA 0x18
#define FW_CFG_FILE_DIR 0x19

#define FW_CFG_ID_TRADITIONAL (1u << 0)
#define FW_CFG_ID_DMA (1u << 1)

#define FW_CFG_DMA_CTL_ERROR 0x01
#define FW_CFG_DMA_CTL_READ 0x02
#define FW_CFG_DMA_CTL_SKIP 0x04
#define FW_CFG_DMA_CTL_SELECT 0x08
#define FW_CFG_DMA_CTL_WRITE 0x10

#define FW_CFG_MAX_FILE_PATH 56

/* A directory entry as it sits in the FILE_DIR blob (big-endian). */
struct fw_cfg_file_be {
	uint32_t size;
	uint16_t select;
	uint16_t reserved;
	char name[FW_CFG_MAX_FILE_PATH];
} __packed;

/* Decoded entry. */
struct fw_cfg_file {
	uint32_t size;
	uint16_t select;
	char name[FW_CFG_MAX_FILE_PATH];
};

/* The device as the core sees it; the platform fills this in. */
struct fw_cfg_dev {
	void *ctx;
	/* Select an item and read len bytes from its start. */
	void (*read_item)(void *ctx, uint16_t key, void *buf, uint32_t len);
	/* Read len bytes at offset within an item (skip, then read). */
	void (*read_at)(void *ctx, uint16_t key, uint32_t offset, void *buf,
			uint32_t len);
};

/* Check the "QEMU" signature. Returns true if a fw_cfg device answered. */
bool fw_cfg_present(const struct fw_cfg_dev *dev);
/* Read a little-endian u32/u64 item (e.g. FW_CFG_KERNEL_SIZE). */
uint32_t fw_cfg_read_u32(const struct fw_cfg_dev *dev, uint16_t key);
uint64_t fw_cfg_read_u64(const struct fw_cfg_dev *dev, uint16_t key);
/* Look a file up by name; 0 on success, -1 if absent or the name is too long. */
int fw_cfg_find(const struct fw_cfg_dev *dev, const char *name,
		struct fw_cfg_file *out);
/*
 * Read the whole of file `name` into buf (at most cap bytes).  Returns the
 * file size, -1 if absent, -2 if larger than cap (nothing read).
 */
int64_t fw_cfg_read_file(const struct fw_cfg_dev *dev, const char *name,
			 void *buf, uint64_t cap);

/* Encode a DMA descriptor (big-endian fields) for the platform transport. */
struct fw_cfg_dma_access {
	uint32_t control;
	uint32_t length;
	uint64_t address;
} __packed;
void fw_cfg_dma_encode(struct fw_cfg_dma_access *d, uint16_t key,
		       uint32_t control, uint32_t len, uint64_t addr);

#endif /* SVSM_CORE_FW_CFG_H */
