// SPDX-License-Identifier: MIT
/*
 * QEMU's ACPI linker/loader script ("etc/table-loader").
 *
 * Layout (QEMU hw/acpi/bios-linker-loader.c, BiosLinkerLoaderEntry): 128-byte
 * little-endian entries, u32 command then a union:
 *   1 ALLOCATE       char file[56]; u32 align; u8 zone (1 HIGH, 2 FSEG)
 *   2 ADD_POINTER    char dest[56]; char src[56]; u32 offset; u8 size
 *   3 ADD_CHECKSUM   char file[56]; u32 offset; u32 start; u32 length
 *   4 WRITE_POINTER  (hands a GPA back to QEMU; not supported, skipped)
 * Unknown commands (0 included) are skipped, as SeaBIOS and edk2 do.
 *
 * Every offset and length is checked against the blob sizes; a malformed
 * script stops the run with an error, never an overrun.  Pointer checks
 * follow edk2 (OvmfPkg QemuFwCfgAcpi.c): the stored value must point inside
 * the source blob and the sum must fit in the pointer's size.
 */
#include "acpi_loader.h"
#include "byteorder.h"
#include "log.h"
#include "lib/string.h"

#define LOADER_FILE "etc/table-loader"
#define RSDP_FILE "etc/acpi/rsdp"
#define ENTRY_SIZE 128
#define NAME_LEN FW_CFG_MAX_FILE_PATH

#define CMD_ALLOCATE 1
#define CMD_ADD_POINTER 2
#define CMD_ADD_CHECKSUM 3
#define CMD_WRITE_POINTER 4

#define ZONE_HIGH 1
#define ZONE_FSEG 2

/* Field offsets inside an entry (after the u32 command). */
#define OFF_ARG 4
#define OFF_ALLOC_ALIGN (OFF_ARG + NAME_LEN)
#define OFF_ALLOC_ZONE (OFF_ALLOC_ALIGN + 4)
#define OFF_PTR_SRC (OFF_ARG + NAME_LEN)
#define OFF_PTR_OFFSET (OFF_PTR_SRC + NAME_LEN)
#define OFF_PTR_SIZE (OFF_PTR_OFFSET + 4)
#define OFF_CK_OFFSET (OFF_ARG + NAME_LEN)
#define OFF_CK_START (OFF_CK_OFFSET + 4)
#define OFF_CK_LENGTH (OFF_CK_START + 4)

struct blob {
	char name[NAME_LEN];
	uint8_t *data;
	uint32_t size;
	gpa_t gpa;
};

struct loader {
	const struct acpi_loader_env *env;
	struct blob blobs[ACPI_LOADER_MAX_FILES];
	uint32_t count;
};

/* A file name field must be NUL-terminated inside its 56 bytes. */
static const char *entry_name(const uint8_t *e, uint32_t off)
{
	const char *name = (const char *)e + off;

	if (strnlen(name, NAME_LEN) == NAME_LEN) {
		log_info("acpi: unterminated file name in loader script");
		return NULL;
	}
	return name;
}

static struct blob *find_blob(struct loader *l, const char *name)
{
	for (uint32_t i = 0; i < l->count; i++) {
		if (strcmp(l->blobs[i].name, name) == 0)
			return &l->blobs[i];
	}
	log_info("acpi: loader script names unallocated file \"%s\"", name);
	return NULL;
}

static int cmd_allocate(struct loader *l, const uint8_t *e)
{
	const char *name = entry_name(e, OFF_ARG);
	uint32_t align = get_le32(e + OFF_ALLOC_ALIGN);
	uint8_t zone = e[OFF_ALLOC_ZONE];
	struct fw_cfg_file f;
	struct blob *b;
	int64_t got;

	if (!name)
		return -1;
	if (align == 0 || (align & (align - 1)) != 0 ||
	    (zone != ZONE_HIGH && zone != ZONE_FSEG)) {
		log_info("acpi: bad allocation of \"%s\" (align %u zone %u)",
			 name, align, zone);
		return -1;
	}
	for (uint32_t i = 0; i < l->count; i++) {
		if (strcmp(l->blobs[i].name, name) == 0) {
			log_info("acpi: \"%s\" allocated twice", name);
			return -1;
		}
	}
	if (l->count == ACPI_LOADER_MAX_FILES) {
		log_info("acpi: more than %d files", ACPI_LOADER_MAX_FILES);
		return -1;
	}
	if (fw_cfg_find(l->env->fw, name, &f) != 0 || f.size == 0) {
		log_info("acpi: no fw_cfg file \"%s\"", name);
		return -1;
	}

	b = &l->blobs[l->count];
	b->data = l->env->alloc(l->env->ctx, f.size, align, zone, &b->gpa);
	if (!b->data) {
		log_info("acpi: out of memory for \"%s\" (%u bytes)", name,
			 f.size);
		return -1;
	}
	got = fw_cfg_read_file(l->env->fw, name, b->data, f.size);
	if (got != (int64_t)f.size) {
		log_info("acpi: reading \"%s\" failed", name);
		return -1;
	}
	memcpy(b->name, name, NAME_LEN);
	b->size = f.size;
	l->count++;
	return 0;
}

static int cmd_add_pointer(struct loader *l, const uint8_t *e)
{
	const char *dname = entry_name(e, OFF_ARG);
	const char *sname = entry_name(e, OFF_PTR_SRC);
	uint32_t offset = get_le32(e + OFF_PTR_OFFSET);
	uint8_t size = e[OFF_PTR_SIZE];
	struct blob *dst, *src;
	uint64_t v;

	if (!dname || !sname)
		return -1;
	dst = find_blob(l, dname);
	src = find_blob(l, sname);
	if (!dst || !src)
		return -1;
	if (size != 1 && size != 2 && size != 4 && size != 8) {
		log_info("acpi: pointer size %u", size);
		return -1;
	}
	if ((uint64_t)offset + size > dst->size) {
		log_info("acpi: pointer at %u+%u outside \"%s\" (%u bytes)",
			 offset, size, dname, dst->size);
		return -1;
	}

	v = get_le(dst->data + offset, size);
	if (v >= src->size) {
		log_info("acpi: pointer value 0x%llx outside \"%s\"",
			 (unsigned long long)v, sname);
		return -1;
	}
	v += gpa_val(src->gpa);
	if (size < 8 && (v >> (size * 8)) != 0) {
		log_info("acpi: pointer to \"%s\" does not fit in %u bytes",
			 sname, size);
		return -1;
	}
	put_le(dst->data + offset, size, v);
	return 0;
}

static int cmd_add_checksum(struct loader *l, const uint8_t *e)
{
	const char *name = entry_name(e, OFF_ARG);
	uint32_t offset = get_le32(e + OFF_CK_OFFSET);
	uint32_t start = get_le32(e + OFF_CK_START);
	uint32_t length = get_le32(e + OFF_CK_LENGTH);
	struct blob *b;
	uint8_t sum = 0;

	if (!name)
		return -1;
	b = find_blob(l, name);
	if (!b)
		return -1;
	if (offset >= b->size || (uint64_t)start + length > b->size) {
		log_info("acpi: checksum %u over [%u,+%u) outside \"%s\"",
			 offset, start, length, name);
		return -1;
	}

	/* QEMU leaves the field zero; zero it anyway so the range sums to 0. */
	b->data[offset] = 0;
	for (uint32_t i = 0; i < length; i++)
		sum = (uint8_t)(sum + b->data[start + i]);
	b->data[offset] = (uint8_t)-sum;
	return 0;
}

static int run_entry(struct loader *l, const uint8_t *e)
{
	uint32_t cmd = get_le32(e);

	switch (cmd) {
	case CMD_ALLOCATE:
		return cmd_allocate(l, e);
	case CMD_ADD_POINTER:
		return cmd_add_pointer(l, e);
	case CMD_ADD_CHECKSUM:
		return cmd_add_checksum(l, e);
	case CMD_WRITE_POINTER:
		log_info("acpi: WRITE_POINTER not supported, skipped");
		return 0;
	case 0:
		return 0;
	default:
		log_info("acpi: unknown loader command %u, skipped", cmd);
		return 0;
	}
}

int acpi_loader_run(const struct acpi_loader_env *env, gpa_t *rsdp)
{
	struct loader l = { .env = env, .count = 0 };
	uint8_t entry[ENTRY_SIZE];
	struct fw_cfg_file script;
	struct blob *r;

	if (fw_cfg_find(env->fw, LOADER_FILE, &script) != 0) {
		log_info("acpi: no %s", LOADER_FILE);
		return -1;
	}
	if (script.size % ENTRY_SIZE != 0) {
		log_info("acpi: %s size %u is not a multiple of %d",
			 LOADER_FILE, script.size, ENTRY_SIZE);
		return -1;
	}

	for (uint32_t off = 0; off < script.size; off += ENTRY_SIZE) {
		env->fw->read_at(env->fw->ctx, script.select, off, entry,
				 ENTRY_SIZE);
		if (run_entry(&l, entry) != 0) {
			log_info("acpi: loader script entry %u rejected",
				 off / ENTRY_SIZE);
			return -2;
		}
	}

	r = find_blob(&l, RSDP_FILE);
	if (!r)
		return -3;
	*rsdp = r->gpa;
	return 0;
}
