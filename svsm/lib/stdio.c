// SPDX-License-Identifier: MIT
/*
 * stdio for the firmware.  stdout and stderr write to the firmware console
 * (platform->console_write); stdin is always at end of file.  There are no
 * files: fopen fails with ENOENT, and any stream operation on something
 * that is not one of the three standard streams fails with EBADF.
 */
#include "libc.h"
#include "string.h"
#include "core/log.h"
#include "core/platform.h"

#define LIB_EOF (-1)

struct lib_file {
	int fd;
	bool eof, error;
};

static struct lib_file file_in = { .fd = 0, .eof = true };
static struct lib_file file_out = { .fd = 1 };
static struct lib_file file_err = { .fd = 2 };

lib_FILE *stdin = &file_in;
lib_FILE *stdout = &file_out;
lib_FILE *stderr = &file_err;

static bool is_console(int fd)
{
	return fd == 1 || fd == 2;
}

static void console_flush(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	platform->console_write(s, n);
}

static bool writable(lib_FILE *f)
{
	if (f == stdout || f == stderr)
		return true;
	lib_errno = LIB_EBADF;
	if (f == stdin)
		f->error = true;
	return false;
}

int vfprintf(lib_FILE *f, const char *fmt, va_list ap)
{
	size_t n;

	if (!writable(f))
		return -1;
	n = lib_vformat_to(console_flush, NULL, fmt, ap);
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

int fprintf(lib_FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int __vfprintf_chk(lib_FILE *f, int flag, const char *fmt, va_list ap)
{
	(void)flag;
	return vfprintf(f, fmt, ap);
}

int __fprintf_chk(lib_FILE *f, int flag, const char *fmt, ...)
{
	va_list ap;
	int n;

	(void)flag;
	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	size_t n;

	if (!is_console(fd)) {
		lib_errno = LIB_EBADF;
		return -1;
	}
	n = lib_vformat_to(console_flush, NULL, fmt, ap);
	return n > INT32_MAX ? INT32_MAX : (int)n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int __vdprintf_chk(int fd, int flag, const char *fmt, va_list ap)
{
	(void)flag;
	return vdprintf(fd, fmt, ap);
}

int __dprintf_chk(int fd, int flag, const char *fmt, ...)
{
	va_list ap;
	int n;

	(void)flag;
	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

size_t fwrite(const void *p, size_t size, size_t n, lib_FILE *f)
{
	if (!writable(f))
		return 0;
	if (size && n > SIZE_MAX / size) {
		lib_errno = LIB_EINVAL;
		return 0;
	}
	platform->console_write(p, size * n);
	return n;
}

int fputs(const char *s, lib_FILE *f)
{
	if (!writable(f))
		return LIB_EOF;
	platform->console_write(s, strlen(s));
	return 1;
}

int fputc(int c, lib_FILE *f)
{
	char ch = (char)c;

	if (!writable(f))
		return LIB_EOF;
	platform->console_write(&ch, 1);
	return (unsigned char)c;
}

int putc(int c, lib_FILE *f)
{
	return fputc(c, f);
}

int fflush(lib_FILE *f)
{
	(void)f; /* the console is unbuffered */
	return 0;
}

lib_FILE *fopen(const char *path, const char *mode)
{
	(void)path;
	(void)mode;
	lib_errno = LIB_ENOENT;
	return NULL;
}

lib_FILE *fopen64(const char *path, const char *mode)
{
	return fopen(path, mode);
}

/* Streams other than the standard three cannot exist. */
static bool std_stream(lib_FILE *f)
{
	if (f == stdin || f == stdout || f == stderr)
		return true;
	lib_errno = LIB_EBADF;
	return false;
}

int fclose(lib_FILE *f)
{
	if (!std_stream(f))
		return LIB_EOF;
	return 0;
}

size_t fread(void *p, size_t size, size_t n, lib_FILE *f)
{
	(void)p;
	(void)size;
	(void)n;
	if (std_stream(f)) {
		if (f == stdin)
			f->eof = true;
		else
			f->error = true;
		lib_errno = LIB_EBADF;
	}
	return 0;
}

char *fgets(char *s, int n, lib_FILE *f)
{
	(void)s;
	(void)n;
	if (std_stream(f)) {
		if (f == stdin)
			f->eof = true;
		else
			f->error = true;
	}
	return NULL;
}

int fseek(lib_FILE *f, long off, int whence)
{
	(void)off;
	(void)whence;
	if (std_stream(f))
		lib_errno = LIB_ESPIPE;
	return -1;
}

long ftell(lib_FILE *f)
{
	if (std_stream(f))
		lib_errno = LIB_ESPIPE;
	return -1;
}

int feof(lib_FILE *f)
{
	return std_stream(f) && f->eof;
}

int ferror(lib_FILE *f)
{
	return !std_stream(f) || f->error;
}

int fileno(lib_FILE *f)
{
	if (!std_stream(f))
		return -1;
	return f->fd;
}

void perror(const char *s)
{
	int err = lib_errno;

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strerror(err));
	else
		fprintf(stderr, "%s\n", strerror(err));
}

int remove(const char *path)
{
	(void)path;
	lib_errno = LIB_ENOENT;
	return -1;
}

/* --- snprintf family: the engine is printf.c --- */

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap)
{
	va_list ap2;
	int n;

	/* vsnprintf_svsm clamps to INT32_MAX; C wants EOVERFLOW there. */
	va_copy(ap2, ap);
	n = vsnprintf_svsm(buf, size, fmt, ap2);
	va_end(ap2);
	if (n == INT32_MAX) {
		lib_errno = LIB_EOVERFLOW;
		return -1;
	}
	return n;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int __vsnprintf_chk(char *buf, size_t size, int flag, size_t buflen,
		    const char *fmt, va_list ap)
{
	(void)flag;
	if (size > buflen)
		lib_chk_fail("__vsnprintf_chk");
	return vsnprintf(buf, size, fmt, ap);
}

int __snprintf_chk(char *buf, size_t size, int flag, size_t buflen,
		   const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = __vsnprintf_chk(buf, size, flag, buflen, fmt, ap);
	va_end(ap);
	return n;
}

int vasprintf(char **out, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	*out = NULL;
	if (n < 0)
		return -1;
	*out = malloc((size_t)n + 1);
	if (!*out)
		return -1;
	vsnprintf(*out, (size_t)n + 1, fmt, ap);
	return n;
}

int asprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(out, fmt, ap);
	va_end(ap);
	return n;
}

int __vasprintf_chk(char **out, int flag, const char *fmt, va_list ap)
{
	(void)flag;
	return vasprintf(out, fmt, ap);
}

int __asprintf_chk(char **out, int flag, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = __vasprintf_chk(out, flag, fmt, ap);
	va_end(ap);
	return n;
}
