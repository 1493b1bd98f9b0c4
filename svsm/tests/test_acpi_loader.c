// SPDX-License-Identifier: MIT
/* QEMU's ACPI linker/loader script. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "core/acpi_loader.h"

#define RAM_BASE 0x100000ull
#define RAM_SIZE 0x10000ull

static struct fake_fw_cfg fw;

struct bump {
	uint64_t next;
	uint64_t end;
	uint32_t calls;
	uint8_t zones[8];
};

static void *bump_alloc(void *ctx, uint32_t size, uint32_t align,
			uint8_t zone, gpa_t *gpa_out)
{
	struct bump *b = ctx;
	uint64_t a = ALIGN_UP(b->next, align);

	if (a + size > b->end)
		return NULL;
	if (b->calls < sizeof(b->zones))
		b->zones[b->calls] = zone;
	b->calls++;
	b->next = a + size;
	*gpa_out = gpa(a);
	return fake_guest_ptr(a);
}

/* Script building. */
static uint8_t script[16][128];
static int nscript;

static uint8_t *entry(uint32_t cmd)
{
	uint8_t *e = script[nscript++];

	memset(e, 0, 128);
	memcpy(e, &cmd, 4); /* host is little-endian like the script */
	return e;
}

static void s_alloc(const char *file, uint32_t align, uint8_t zone)
{
	uint8_t *e = entry(1);

	strncpy((char *)e + 4, file, 56);
	memcpy(e + 60, &align, 4);
	e[64] = zone;
}

static void s_pointer(const char *dst, const char *src, uint32_t off,
		      uint8_t size)
{
	uint8_t *e = entry(2);

	strncpy((char *)e + 4, dst, 56);
	strncpy((char *)e + 60, src, 56);
	memcpy(e + 116, &off, 4);
	e[120] = size;
}

static void s_checksum(const char *file, uint32_t off, uint32_t start,
		       uint32_t len)
{
	uint8_t *e = entry(3);

	strncpy((char *)e + 4, file, 56);
	memcpy(e + 60, &off, 4);
	memcpy(e + 64, &start, 4);
	memcpy(e + 68, &len, 4);
}

static uint8_t tables[100];
static uint8_t rsdp[20];

/*
 * Two blobs as QEMU makes them: "etc/acpi/tables" with a pointer at 36 to
 * its own offset 50 (like the DSDT pointer in the FADT) and a checksum over
 * [10, 60) at 19; "etc/acpi/rsdp" with a 4-byte pointer at 16 holding
 * offset 40 of the tables and its checksum at 8 over [0, 20).
 */
static void setup_good(void)
{
	fake_guest_ram_init(RAM_BASE, RAM_SIZE);
	fake_fw_cfg_init(&fw);
	for (size_t i = 0; i < sizeof(tables); i++)
		tables[i] = (uint8_t)(i * 7);
	tables[19] = 0;
	memset(tables + 36, 0, 8);
	tables[36] = 50;
	memset(rsdp, 0, sizeof(rsdp));
	memcpy(rsdp, "RSD PTR ", 8);
	rsdp[16] = 40;
	fake_fw_cfg_add_file(&fw, "etc/acpi/tables", tables, sizeof(tables));
	fake_fw_cfg_add_file(&fw, "etc/acpi/rsdp", rsdp, sizeof(rsdp));

	nscript = 0;
	s_alloc("etc/acpi/rsdp", 16, 2);
	s_alloc("etc/acpi/tables", 64, 1);
	s_pointer("etc/acpi/tables", "etc/acpi/tables", 36, 8);
	s_checksum("etc/acpi/tables", 19, 10, 50);
	entry(4); /* WRITE_POINTER: skipped */
	entry(0); /* empty */
	entry(0x77); /* unknown: skipped */
	s_pointer("etc/acpi/rsdp", "etc/acpi/tables", 16, 4);
	s_checksum("etc/acpi/rsdp", 8, 0, 20);
}

static int run(struct bump *b, gpa_t *out)
{
	struct acpi_loader_env env = { .fw = &fw.dev, .ctx = b,
				       .alloc = bump_alloc };

	fake_fw_cfg_add_file(&fw, "etc/table-loader", script,
			     (uint32_t)(nscript * 128));
	return acpi_loader_run(&env, out);
}

static uint8_t sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

TEST(acpi_loader_good_script)
{
	struct bump b = { RAM_BASE + 8, RAM_BASE + RAM_SIZE, 0, { 0 } };
	gpa_t r = gpa(0);
	uint8_t *t, *p;
	uint64_t tgpa, v;

	setup_good();
	ASSERT_EQ(run(&b, &r), 0);
	EXPECT_EQ(b.calls, 2);
	EXPECT_EQ(b.zones[0], 2);
	EXPECT_EQ(b.zones[1], 1);
	/* rsdp at the first 16-aligned address, tables at the next 64. */
	EXPECT_EQ(gpa_val(r), RAM_BASE + 16);
	tgpa = RAM_BASE + 64;
	p = fake_guest_ptr(gpa_val(r));
	t = fake_guest_ptr(tgpa);

	EXPECT_MEMEQ(p, "RSD PTR ", 8);
	v = p[16] | p[17] << 8 | (uint32_t)p[18] << 16 | (uint32_t)p[19] << 24;
	EXPECT_EQ(v, tgpa + 40);
	EXPECT_EQ(sum(p, 20), 0);

	memcpy(&v, t + 36, 8);
	EXPECT_EQ(v, tgpa + 50);
	EXPECT_EQ(sum(t + 10, 50), 0);
	/* Bytes outside the edits are the blob's. */
	EXPECT_EQ(t[0], tables[0]);
	EXPECT_EQ(t[99], tables[99]);
	EXPECT_TRUE(test_strcontains(fake_console_text(), "WRITE_POINTER"));
	fake_fw_cfg_free(&fw);
}

TEST(acpi_loader_checksum_nonzero_field)
{
	struct bump b = { RAM_BASE, RAM_BASE + RAM_SIZE, 0, { 0 } };
	gpa_t r;

	/* A stale value in the checksum byte must not change the result. */
	setup_good();
	rsdp[8] = 0x5a;
	fake_fw_cfg_free(&fw);
	fake_fw_cfg_init(&fw);
	fake_fw_cfg_add_file(&fw, "etc/acpi/tables", tables, sizeof(tables));
	fake_fw_cfg_add_file(&fw, "etc/acpi/rsdp", rsdp, sizeof(rsdp));
	ASSERT_EQ(run(&b, &r), 0);
	EXPECT_EQ(sum(fake_guest_ptr(gpa_val(r)), 20), 0);
	fake_fw_cfg_free(&fw);
}

static void expect_fail(const char *what)
{
	struct bump b = { RAM_BASE, RAM_BASE + RAM_SIZE, 0, { 0 } };
	gpa_t r = gpa(0x1234);

	if (run(&b, &r) >= 0)
		test_fail(__FILE__, __LINE__, "malformed script accepted: %s",
			  what);
	EXPECT_EQ(gpa_val(r), 0x1234);
	fake_fw_cfg_free(&fw);
}

TEST(acpi_loader_bad_file_name)
{
	setup_good();
	s_pointer("etc/acpi/rsdp", "etc/acpi/nothere", 0, 4);
	expect_fail("pointer to unallocated file");

	setup_good();
	s_checksum("etc/nope", 0, 0, 1);
	expect_fail("checksum of unallocated file");

	setup_good();
	nscript = 0;
	s_alloc("etc/not-in-fw-cfg", 16, 1);
	expect_fail("allocate of missing fw_cfg file");

	setup_good();
	s_alloc("etc/acpi/rsdp", 16, 2);
	expect_fail("allocated twice");

	setup_good();
	memset(script[0] + 4, 'A', 56); /* unterminated */
	expect_fail("unterminated name");
}

TEST(acpi_loader_pointer_out_of_range)
{
	setup_good();
	s_pointer("etc/acpi/rsdp", "etc/acpi/tables", 17, 4); /* 17+4 > 20 */
	expect_fail("pointer past end");

	setup_good();
	s_pointer("etc/acpi/rsdp", "etc/acpi/tables", 0xfffffffe, 4);
	expect_fail("pointer offset wraps");

	setup_good();
	s_pointer("etc/acpi/rsdp", "etc/acpi/tables", 0, 3);
	expect_fail("pointer size 3");

	/* Stored value beyond the source blob (rsdp[16] = 200 > 100). */
	setup_good();
	rsdp[16] = 200;
	fake_fw_cfg_free(&fw);
	fake_fw_cfg_init(&fw);
	fake_fw_cfg_add_file(&fw, "etc/acpi/tables", tables, sizeof(tables));
	fake_fw_cfg_add_file(&fw, "etc/acpi/rsdp", rsdp, sizeof(rsdp));
	expect_fail("pointer value outside source");

	/* Result does not fit in a 1-byte pointer. */
	setup_good();
	s_pointer("etc/acpi/rsdp", "etc/acpi/tables", 0, 1);
	expect_fail("pointer overflow");
}

TEST(acpi_loader_checksum_out_of_range)
{
	setup_good();
	s_checksum("etc/acpi/rsdp", 20, 0, 20); /* offset == size */
	expect_fail("checksum offset");

	setup_good();
	s_checksum("etc/acpi/rsdp", 8, 1, 20); /* 1+20 > 20 */
	expect_fail("checksum range");

	setup_good();
	s_checksum("etc/acpi/rsdp", 8, 0xffffffff, 2); /* wraps in u32 */
	expect_fail("checksum range wraps");
}

TEST(acpi_loader_bad_script)
{
	struct bump tiny = { RAM_BASE, RAM_BASE + 32, 0, { 0 } };
	gpa_t r;

	setup_good();
	/* Not a whole number of entries. */
	{
		struct acpi_loader_env env = { .fw = &fw.dev, .ctx = &tiny,
					       .alloc = bump_alloc };
		fake_fw_cfg_add_file(&fw, "etc/table-loader", script, 100);
		EXPECT_TRUE(acpi_loader_run(&env, &r) < 0);
	}
	fake_fw_cfg_free(&fw);

	setup_good();
	nscript = 1; /* only the rsdp allocation */
	script[0][64] = 3; /* bad zone */
	expect_fail("bad zone");

	setup_good();
	nscript = 1;
	script[0][60] = 3; /* align 3: not a power of two */
	expect_fail("bad align");

	setup_good();
	nscript = 2; /* no room for the tables */
	{
		gpa_t r2 = gpa(0);
		if (run(&tiny, &r2) >= 0)
			test_fail(__FILE__, __LINE__, "out of memory accepted");
	}
	fake_fw_cfg_free(&fw);

	/* No rsdp allocated at all. */
	setup_good();
	nscript = 0;
	s_alloc("etc/acpi/tables", 64, 1);
	expect_fail("no rsdp");

	/* No script at all. */
	fake_fw_cfg_init(&fw);
	{
		struct acpi_loader_env env = { .fw = &fw.dev, .ctx = &tiny,
					       .alloc = bump_alloc };
		EXPECT_TRUE(acpi_loader_run(&env, &r) < 0);
	}
	fake_fw_cfg_free(&fw);
}
