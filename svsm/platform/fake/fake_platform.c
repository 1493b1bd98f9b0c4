// SPDX-License-Identifier: MIT
/* The fake platform for host unit tests (see fake_platform.h). */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"
#include "core/rmp_model.h"

#define CONSOLE_CAP 65536

static struct {
	uint8_t *ram;
	uint64_t base;
	size_t size;
	char console[CONSOLE_CAP];
	size_t console_len;
	bool echo;
	jmp_buf *halt_jb;
	int halts;
	uint32_t map_calls;
	fake_map_hook_fn map_hook;
	fake_pvalidate_hook_fn pvalidate_hook;
	void *pvalidate_hook_ctx;
	struct rmp_model rmp;
	void *rmp_storage;
	uint32_t apic_count;
	fake_attest_fn attest;
} fake;

static void fake_console_write(const char *s, size_t len)
{
	size_t room = CONSOLE_CAP - 1 - fake.console_len;
	size_t n = len < room ? len : room;

	memcpy(fake.console + fake.console_len, s, n);
	fake.console_len += n;
	fake.console[fake.console_len] = '\0';
	if (fake.echo)
		fwrite(s, 1, len, stdout);
}

static void *fake_map_guest(gpa_t g, size_t len)
{
	uint64_t a = gpa_val(g);

	fake.map_calls++;
	if (fake.map_hook)
		fake.map_hook(g, len);
	if (!fake.ram || a < fake.base || a - fake.base > fake.size ||
	    len > fake.size - (a - fake.base))
		return NULL;
	return fake.ram + (a - fake.base);
}

static uint32_t fake_pvalidate(gpa_t g, bool huge, bool validate)
{
	uint32_t rc;

	if (!fake.rmp_storage)
		return PVALIDATE_RC_FAIL_INPUT;
	rc = rmp_model_pvalidate(&fake.rmp, g, huge, validate);
	if (fake.pvalidate_hook)
		fake.pvalidate_hook(g, huge, validate, fake.pvalidate_hook_ctx);
	return rc;
}

static bool fake_apic_id_known(uint32_t apic_id)
{
	return apic_id < fake.apic_count;
}

static int fake_attest_report(const uint8_t report_data[64],
			      struct snp_attestation_report *out,
			      uint8_t *certs, size_t *certs_len)
{
	if (!fake.attest)
		return PLATFORM_ATTEST_FAILED;
	return fake.attest(report_data, out, certs, certs_len);
}

void fake_set_attest(fake_attest_fn fn)
{
	fake.attest = fn;
}

static __noreturn void fake_halt(int code)
{
	fake.halts++;
	if (fake.halt_jb) {
		jmp_buf *jb = fake.halt_jb;

		fake.halt_jb = NULL;
		longjmp(*jb, code + 1);
	}
	fprintf(stderr, "fake platform: unexpected halt(%d); console:\n%s\n",
		code, fake.console);
	abort();
}

static const struct platform_ops fake_ops = {
	.name = "fake",
	.console_write = fake_console_write,
	.map_guest = fake_map_guest,
	.pvalidate = fake_pvalidate,
	.apic_id_known = fake_apic_id_known,
	.attest_report = fake_attest_report,
	.halt = fake_halt,
};

const struct platform_ops *platform = &fake_ops;

void fake_guest_ram_init(uint64_t base, size_t size)
{
	fake_guest_ram_free();
	fake.ram = calloc(1, size);
	if (!fake.ram)
		abort();
	fake.base = base;
	fake.size = size;
	fake.rmp_storage = malloc(rmp_model_storage_size(base, base + size));
	if (!fake.rmp_storage)
		abort();
	rmp_model_init(&fake.rmp, base, base + size, fake.rmp_storage);
}

void fake_guest_ram_free(void)
{
	free(fake.rmp_storage);
	fake.rmp_storage = NULL;
	free(fake.ram);
	fake.ram = NULL;
	fake.base = 0;
	fake.size = 0;
}

uint8_t *fake_guest_ptr(uint64_t gpa)
{
	if (!fake.ram || gpa < fake.base || gpa - fake.base >= fake.size) {
		fprintf(stderr, "fake_guest_ptr(0x%llx) outside fake RAM\n",
			(unsigned long long)gpa);
		abort();
	}
	return fake.ram + (gpa - fake.base);
}

void fake_console_reset(void)
{
	fake.console_len = 0;
	fake.console[0] = '\0';
}

const char *fake_console_text(void)
{
	return fake.console;
}

void fake_console_echo(bool on)
{
	fake.echo = on;
}

void fake_halt_arm(jmp_buf *jb)
{
	fake.halt_jb = jb;
}

void fake_halt_disarm(void)
{
	fake.halt_jb = NULL;
}

int fake_halt_count(void)
{
	return fake.halts;
}

void fake_platform_reset(void)
{
	fake_guest_ram_free();
	fake_console_reset();
	fake.halt_jb = NULL;
	fake.halts = 0;
	fake.map_calls = 0;
	fake.map_hook = NULL;
	fake.pvalidate_hook = NULL;
	fake.apic_count = 1;
	fake.attest = NULL;
}

uint32_t fake_map_count(void)
{
	return fake.map_calls;
}

void fake_set_map_hook(fake_map_hook_fn hook)
{
	fake.map_hook = hook;
}

void fake_set_pvalidate_hook(fake_pvalidate_hook_fn hook, void *ctx)
{
	fake.pvalidate_hook = hook;
	fake.pvalidate_hook_ctx = ctx;
}

void fake_rmp_reset(void)
{
	if (!fake.rmp_storage)
		abort();
	rmp_model_init(&fake.rmp, fake.base, fake.base + fake.size,
		       fake.rmp_storage);
}

struct rmp_model *fake_rmp(void)
{
	if (!fake.rmp_storage)
		abort();
	return &fake.rmp;
}

void fake_set_apic_count(uint32_t count)
{
	fake.apic_count = count;
}

/* --- fake fw_cfg --- */

static struct fake_fw_cfg_item *item_find(struct fake_fw_cfg *f, uint16_t key)
{
	for (uint32_t i = 0; i < f->count; i++) {
		if (f->items[i].key == key)
			return &f->items[i];
	}
	return NULL;
}

/* Like QEMU: reads past the end of an item (or of no item) return zeros. */
static void fake_read_at(void *ctx, uint16_t key, uint32_t offset, void *buf,
			 uint32_t len)
{
	struct fake_fw_cfg *f = ctx;
	struct fake_fw_cfg_item *it = item_find(f, key);
	uint32_t n = 0;

	f->reads++;
	memset(buf, 0, len);
	if (!it || offset >= it->size)
		return;
	n = it->size - offset < len ? it->size - offset : len;
	memcpy(buf, it->data + offset, n);
}

static void fake_read_item(void *ctx, uint16_t key, void *buf, uint32_t len)
{
	fake_read_at(ctx, key, 0, buf, len);
}

static void put_be(uint8_t *p, unsigned int size, uint64_t v)
{
	while (size--) {
		p[size] = (uint8_t)v;
		v >>= 8;
	}
}

static void rebuild_dir(struct fake_fw_cfg *f)
{
	uint32_t files = 0, size;
	uint8_t *dir, *p;

	if (f->raw_dir)
		return;
	for (uint32_t i = 0; i < f->count; i++)
		files += f->items[i].key >= FAKE_FW_CFG_FIRST_FILE;
	size = 4 + files * (uint32_t)sizeof(struct fw_cfg_file_be);
	dir = calloc(1, size);
	if (!dir)
		abort();
	put_be(dir, 4, files);
	p = dir + 4;
	for (uint32_t i = 0; i < f->count; i++) {
		struct fake_fw_cfg_item *it = &f->items[i];

		if (it->key < FAKE_FW_CFG_FIRST_FILE)
			continue;
		put_be(p, 4, it->size);
		put_be(p + 4, 2, it->key);
		memcpy(p + 8, it->name, FW_CFG_MAX_FILE_PATH);
		p += sizeof(struct fw_cfg_file_be);
	}
	fake_fw_cfg_set_item(f, FW_CFG_FILE_DIR, dir, size);
	free(dir);
}

void fake_fw_cfg_init(struct fake_fw_cfg *f)
{
	uint8_t id[4] = { FW_CFG_ID_TRADITIONAL | FW_CFG_ID_DMA, 0, 0, 0 };

	memset(f, 0, sizeof(*f));
	f->dev.ctx = f;
	f->dev.read_item = fake_read_item;
	f->dev.read_at = fake_read_at;
	f->next_key = FAKE_FW_CFG_FIRST_FILE;
	fake_fw_cfg_set_item(f, FW_CFG_SIGNATURE, "QEMU", 4);
	fake_fw_cfg_set_item(f, FW_CFG_ID, id, sizeof(id));
	rebuild_dir(f);
}

void fake_fw_cfg_free(struct fake_fw_cfg *f)
{
	for (uint32_t i = 0; i < f->count; i++)
		free(f->items[i].data);
	f->count = 0;
}

void fake_fw_cfg_set_item(struct fake_fw_cfg *f, uint16_t key,
			  const void *data, uint32_t size)
{
	struct fake_fw_cfg_item *it = item_find(f, key);

	if (!it) {
		if (f->count == FAKE_FW_CFG_MAX_ITEMS)
			abort();
		it = &f->items[f->count++];
		memset(it, 0, sizeof(*it));
		it->key = key;
	}
	free(it->data);
	it->data = malloc(size ? size : 1);
	if (!it->data)
		abort();
	if (size)
		memcpy(it->data, data, size);
	it->size = size;
}

uint16_t fake_fw_cfg_add_file(struct fake_fw_cfg *f, const char *name,
			      const void *data, uint32_t size)
{
	uint16_t key = f->next_key++;
	struct fake_fw_cfg_item *it;

	fake_fw_cfg_set_item(f, key, data, size);
	it = item_find(f, key);
	/* No NUL if the name fills all 56 bytes: tests want that case. */
	memcpy(it->name, name, strnlen(name, FW_CFG_MAX_FILE_PATH));
	rebuild_dir(f);
	return key;
}

void fake_fw_cfg_set_raw_dir(struct fake_fw_cfg *f, const void *data,
			     uint32_t size)
{
	f->raw_dir = true;
	fake_fw_cfg_set_item(f, FW_CFG_FILE_DIR, data, size);
}
