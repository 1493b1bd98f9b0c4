// SPDX-License-Identifier: GPL-2.0-only
/*
 * isolation_test: the guest cannot see or reach what belongs to the
 * firmware on the SVSM emulated platform.
 *
 *   - SVSM memory (first and last page) and the firmware ROM at
 *     0xffff0000, read through /dev/mem: the firmware injects #GP, so
 *     the reading process dies by SIGSEGV.  A page that reads as all
 *     0xff (nothing behind it) also passes; any other data fails.
 *   - fw_cfg (I/O ports 0x510..0x51b) belongs to the firmware: the
 *     signature must not read "QEMU" and the DMA register reads ~0.
 *   - The firmware memory map (/sys/firmware/memmap, the e820 table the
 *     kernel booted with) and the System RAM entries of /proc/iomem do
 *     not intersect SVSM memory.
 *
 * KTAP on stdout; exit status 0 pass, 1 fail, 4 skip (kselftest).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "svsm_test.h"

#define FW_ROM 0xffff0000ull
#define FW_CFG_PORT_SEL 0x510
#define FW_CFG_PORT_DATA 0x511
#define FW_CFG_PORT_DMA 0x514
#define FW_CFG_PORTS 12
#define CHILD_TIMEOUT 10

/* Child: read the page at @p; exit 0 if it is all 0xff, 1 otherwise. */
static void read_page_child(const void *p)
{
	static unsigned char buf[PAGE];
	size_t i;

	alarm(CHILD_TIMEOUT);
	memcpy(buf, p, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++) {
		if (buf[i] != 0xff) {
			printf("# read 0x%02x at offset 0x%zx\n", buf[i], i);
			fflush(stdout);
			_exit(1);
		}
	}
	_exit(0);
}

/* Map the page at @gpa from /dev/mem and read it in a child process. */
static void test_mem_page(const char *name, unsigned long long gpa)
{
	char why[128];
	void *p;
	pid_t pid;
	int fd, status;

	fd = open("/dev/mem", O_RDONLY | O_SYNC);
	if (fd < 0) {
		snprintf(why, sizeof(why), "open /dev/mem: %s", strerror(errno));
		report(SKIP, name, why);
		return;
	}
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, (off_t)gpa);
	close(fd);
	if (p == MAP_FAILED) {
		snprintf(why, sizeof(why), "mmap /dev/mem at 0x%llx: %s (errno %d)",
			 gpa, strerror(errno), errno);
		report(SKIP, name, why);
		return;
	}

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		diag("%s: fork: %s", name, strerror(errno));
		munmap(p, PAGE);
		report(FAIL, name, NULL);
		return;
	}
	if (pid == 0)
		read_page_child(p);

	munmap(p, PAGE);
	if (waitpid(pid, &status, 0) < 0) {
		diag("%s: waitpid: %s", name, strerror(errno));
		report(FAIL, name, NULL);
		return;
	}
	if (WIFSIGNALED(status) &&
	    (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGBUS)) {
		diag("%s: read of 0x%llx killed the reader by %s", name, gpa,
		     strsignal(WTERMSIG(status)));
		report(PASS, name, NULL);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		diag("%s: page at 0x%llx reads as all 0xff", name, gpa);
		report(PASS, name, NULL);
	} else if (WIFEXITED(status)) {
		diag("%s: page at 0x%llx is readable by the guest", name, gpa);
		report(FAIL, name, NULL);
	} else {
		diag("%s: reader of 0x%llx died by %s", name, gpa,
		     WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "?");
		report(FAIL, name, NULL);
	}
}

static void test_fw_cfg(void)
{
	unsigned char sig[4];
	unsigned int i, dma;
	char why[64];

	if (ioperm(FW_CFG_PORT_SEL, FW_CFG_PORTS, 1)) {
		snprintf(why, sizeof(why), "ioperm: %s", strerror(errno));
		report(SKIP, "fw_cfg_signature_hidden", why);
		report(SKIP, "fw_cfg_dma_hidden", why);
		return;
	}

	outw(0x0000, FW_CFG_PORT_SEL);	/* FW_CFG_SIGNATURE */
	for (i = 0; i < sizeof(sig); i++)
		sig[i] = inb(FW_CFG_PORT_DATA);
	diag("fw_cfg signature bytes: %02x %02x %02x %02x",
	     sig[0], sig[1], sig[2], sig[3]);
	report(memcmp(sig, "QEMU", 4) ? PASS : FAIL, "fw_cfg_signature_hidden",
	       NULL);

	dma = inl(FW_CFG_PORT_DMA);
	diag("fw_cfg DMA register reads 0x%08x", dma);
	report(dma == 0xffffffffu ? PASS : FAIL, "fw_cfg_dma_hidden", NULL);

	ioperm(FW_CFG_PORT_SEL, FW_CFG_PORTS, 0);
}

static bool intersects(unsigned long long start, unsigned long long end,
		       const struct svsm_cpuid_info *svsm)
{
	/* [start, end] inclusive against [base, base + size) */
	return start < svsm->base + svsm->size && end >= svsm->base;
}

static int read_sysfs(const char *dir, const char *file, char *buf,
		      size_t len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s/%s", MEMMAP_DIR, dir, file);
	return read_line(path, buf, len);
}

static void test_memmap(const struct svsm_cpuid_info *svsm)
{
	char start_s[32], end_s[32], type[64];
	unsigned int entries = 0, bad = 0;
	struct dirent *de;
	DIR *d;

	d = opendir(MEMMAP_DIR);
	if (!d) {
		report(SKIP, "memmap_excludes_svsm", MEMMAP_DIR " missing");
		return;
	}
	while ((de = readdir(d))) {
		unsigned long long start, end;

		if (de->d_name[0] == '.')
			continue;
		if (read_sysfs(de->d_name, "start", start_s, sizeof(start_s)) ||
		    read_sysfs(de->d_name, "end", end_s, sizeof(end_s)) ||
		    read_sysfs(de->d_name, "type", type, sizeof(type)))
			continue;
		start = strtoull(start_s, NULL, 0);
		end = strtoull(end_s, NULL, 0);
		entries++;
		if (intersects(start, end, svsm)) {
			diag("memmap entry %s: [0x%llx-0x%llx] %s overlaps SVSM memory",
			     de->d_name, start, end, type);
			bad++;
		}
	}
	closedir(d);
	diag("%u memmap entries, %u overlapping", entries, bad);
	report(entries && !bad ? PASS : FAIL, "memmap_excludes_svsm", NULL);
}

static void test_iomem(const struct svsm_cpuid_info *svsm)
{
	unsigned int ram = 0, bad = 0;
	unsigned long long start, end;
	bool addresses = false;
	char line[256];
	FILE *f;

	f = fopen("/proc/iomem", "r");
	if (!f) {
		report(SKIP, "iomem_ram_excludes_svsm", "/proc/iomem missing");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, ": System RAM"))
			continue;
		if (sscanf(line, " %llx-%llx", &start, &end) != 2)
			continue;
		ram++;
		addresses |= start || end;
		if (intersects(start, end, svsm)) {
			line[strcspn(line, "\n")] = '\0';
			diag("/proc/iomem: '%s' overlaps SVSM memory", line);
			bad++;
		}
	}
	fclose(f);
	if (ram && !addresses) {
		/* Addresses are hidden from unprivileged readers. */
		report(SKIP, "iomem_ram_excludes_svsm", "/proc/iomem needs root");
		return;
	}
	report(ram && !bad ? PASS : FAIL, "iomem_ram_excludes_svsm", NULL);
}

int main(void)
{
	struct svsm_cpuid_info svsm;

	printf("KTAP version 1\n");
	if (!svsm_cpuid_read(&svsm))
		return ktap_skip_all("not on the SVSM emulated platform");
	printf("1..8\n");
	diag("SVSM base 0x%llx size 0x%llx", (unsigned long long)svsm.base,
	     (unsigned long long)svsm.size);

	report(svsm.base && svsm.size ? PASS : FAIL, "svsm_region_present",
	       NULL);
	test_mem_page("svsm_first_page_unreadable", svsm.base);
	test_mem_page("svsm_last_page_unreadable",
		      svsm.base + svsm.size - PAGE);
	test_mem_page("firmware_rom_unreadable", FW_ROM);
	test_fw_cfg();
	test_memmap(&svsm);
	test_iomem(&svsm);

	return ktap_totals();
}
