// SPDX-License-Identifier: MIT
/*
 * fw_cfg transport on QEMU x86: selector port 0x510, data port 0x511, DMA
 * address register 0x514 (big-endian, high half first, a write to the low
 * half at 0x518 starts the transfer).  DMA is used when QEMU offers it.
 */
#include "arch/x86/cpu.h"
#include "core/log.h"
#include "platform/emu/emu.h"

#define FW_CFG_PORT_SEL 0x510
#define FW_CFG_PORT_DATA 0x511
#define FW_CFG_PORT_DMA 0x514

static bool use_dma;

static void dma_transfer(uint16_t key, uint32_t control, void *buf,
			 uint32_t len)
{
	static struct fw_cfg_dma_access d __attribute__((aligned(16)));
	uint64_t pa = (uint64_t)&d;

	fw_cfg_dma_encode(&d, key, control, len, (uint64_t)buf);
	__asm__ volatile("" ::: "memory");
	outl(FW_CFG_PORT_DMA, __builtin_bswap32((uint32_t)(pa >> 32)));
	outl(FW_CFG_PORT_DMA + 4, __builtin_bswap32((uint32_t)pa));
	while (__builtin_bswap32(*(volatile uint32_t *)&d.control) &
	       ~FW_CFG_DMA_CTL_ERROR)
		cpu_relax();
	if (__builtin_bswap32(d.control) & FW_CFG_DMA_CTL_ERROR)
		panic("fw_cfg: DMA error (key %#x, len %u)", key, len);
}

static void io_read_at(void *ctx, uint16_t key, uint32_t offset, void *buf,
		       uint32_t len)
{
	uint8_t *p = buf;

	(void)ctx;
	if (use_dma) {
		dma_transfer(key, FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_SKIP,
			     NULL, offset);
		if (len)
			dma_transfer(key, FW_CFG_DMA_CTL_READ, buf, len);
		return;
	}
	outw(FW_CFG_PORT_SEL, key);
	for (uint32_t i = 0; i < offset; i++)
		(void)inb(FW_CFG_PORT_DATA);
	for (uint32_t i = 0; i < len; i++)
		p[i] = inb(FW_CFG_PORT_DATA);
}

static void io_read_item(void *ctx, uint16_t key, void *buf, uint32_t len)
{
	io_read_at(ctx, key, 0, buf, len);
}

static const struct fw_cfg_dev io_dev = {
	.read_item = io_read_item,
	.read_at = io_read_at,
};

const struct fw_cfg_dev *emu_fw_cfg_init(void)
{
	if (!fw_cfg_present(&io_dev))
		panic("fw_cfg: no QEMU fw_cfg device");
	use_dma = fw_cfg_read_u32(&io_dev, FW_CFG_ID) & FW_CFG_ID_DMA;
	log_info("fw_cfg: present, %s", use_dma ? "DMA" : "I/O port only");
	return &io_dev;
}
