// SPDX-License-Identifier: MIT
/*
 * Firmware console on the emulated platform: COM1 (shared with the guest,
 * which owns it once it runs) and QEMU's debugcon port 0x402, which the
 * guest cannot reach (its I/O is intercepted), so the debugcon log is the
 * trustworthy firmware log.
 */
#include "arch/x86/cpu.h"
#include "platform/emu/emu.h"

#define COM1 0x3f8
#define DEBUGCON 0x402

void emu_console_init(void)
{
	outb(COM1 + 1, 0x00); /* no interrupts */
	outb(COM1 + 3, 0x80); /* DLAB */
	outb(COM1 + 0, 0x01); /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03); /* 8N1 */
	outb(COM1 + 2, 0xc7); /* FIFO */
	outb(COM1 + 4, 0x03); /* DTR, RTS */
}

static void com1_putc(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		cpu_relax();
	outb(COM1, (uint8_t)c);
}

void emu_console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			com1_putc('\r');
		com1_putc(s[i]);
		outb(DEBUGCON, (uint8_t)s[i]);
	}
}
