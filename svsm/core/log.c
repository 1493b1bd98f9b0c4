// SPDX-License-Identifier: MIT
/*
 * A small printf for the firmware console.  vsnprintf_svsm follows C's
 * snprintf contract: it never writes more than `size` bytes, always
 * NUL-terminates when size > 0, and returns the length the full output would
 * have had.
 */
#include "log.h"
#include "platform.h"

#define LOG_LINE_MAX 256

struct out {
	char *buf;
	size_t size;
	size_t len; /* would-be length so far */
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

/* Emit s[0..n) padded to width; zero padding goes after a sign/prefix. */
static void out_field(struct out *o, const char *prefix, const char *s,
		      size_t n, int width, bool left, bool zero)
{
	size_t plen = 0;
	int pad;

	while (prefix[plen])
		plen++;
	pad = width - (int)(plen + n);
	if (!left && !zero)
		out_pad(o, ' ', pad);
	for (size_t i = 0; i < plen; i++)
		out_char(o, prefix[i]);
	if (!left && zero)
		out_pad(o, '0', pad);
	for (size_t i = 0; i < n; i++)
		out_char(o, s[i]);
	if (left)
		out_pad(o, ' ', pad);
}

/* Digits of v in base 10 or 16, right-aligned in tmp; returns the start. */
static char *fmt_digits(char *end, uint64_t v, unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	do {
		*--p = digits[v % base];
		v /= base;
	} while (v);
	return p;
}

int vsnprintf_svsm(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	char tmp[24];

	for (const char *f = fmt; *f; f++) {
		bool left = false, zero = false, upper = false, alt = false;
		int width = 0, lmod = 0; /* 0 int, 1 long, 2 long long, 3 size_t */
		const char *prefix = "";
		uint64_t u;
		int64_t s;
		char *p;

		if (*f != '%') {
			out_char(&o, *f);
			continue;
		}
		f++;
		for (;; f++) {
			if (*f == '-')
				left = true;
			else if (*f == '0')
				zero = true;
			else if (*f == '#')
				alt = true;
			else
				break;
		}
		while (*f >= '0' && *f <= '9') {
			if (width < 4096)
				width = width * 10 + (*f - '0');
			f++;
		}
		if (*f == 'l') {
			lmod = 1;
			f++;
			if (*f == 'l') {
				lmod = 2;
				f++;
			}
		} else if (*f == 'z') {
			lmod = 3;
			f++;
		}

		switch (*f) {
		case 'd':
		case 'i':
			if (lmod == 1)
				s = va_arg(ap, long);
			else if (lmod == 2)
				s = va_arg(ap, long long);
			else if (lmod == 3)
				s = (int64_t)va_arg(ap, size_t);
			else
				s = va_arg(ap, int);
			/* Negate as unsigned: -INT64_MIN does not fit. */
			u = s < 0 ? -(uint64_t)s : (uint64_t)s;
			if (s < 0)
				prefix = "-";
			p = fmt_digits(tmp + sizeof(tmp), u, 10, false);
			out_field(&o, prefix, p, (size_t)(tmp + sizeof(tmp) - p),
				  width, left, zero);
			break;
		case 'u':
		case 'x':
		case 'X':
			if (lmod == 1)
				u = va_arg(ap, unsigned long);
			else if (lmod == 2)
				u = va_arg(ap, unsigned long long);
			else if (lmod == 3)
				u = va_arg(ap, size_t);
			else
				u = va_arg(ap, unsigned int);
			upper = *f == 'X';
			/* C's '#': a 0x prefix on non-zero hex values. */
			if (alt && *f != 'u' && u)
				prefix = upper ? "0X" : "0x";
			p = fmt_digits(tmp + sizeof(tmp), u, *f == 'u' ? 10 : 16,
				       upper);
			out_field(&o, prefix, p, (size_t)(tmp + sizeof(tmp) - p),
				  width, left, zero);
			break;
		case 'p':
			u = (uint64_t)(uintptr_t)va_arg(ap, void *);
			p = fmt_digits(tmp + sizeof(tmp), u, 16, false);
			out_field(&o, "0x", p, (size_t)(tmp + sizeof(tmp) - p),
				  width, left, zero);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			size_t n = 0;

			if (!str)
				str = "(null)";
			while (str[n])
				n++;
			out_field(&o, "", str, n, width, left, false);
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			out_field(&o, "", tmp, 1, width, left, false);
			break;
		case '%':
			out_char(&o, '%');
			break;
		case '\0':
			/* Lone '%' at the end: print it and stop. */
			out_char(&o, '%');
			f--;
			break;
		default:
			/* Unsupported conversion: show it rather than guess. */
			out_char(&o, '%');
			out_char(&o, *f);
			break;
		}
	}

	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int snprintf_svsm(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf_svsm(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void log_vprintf(const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	int n = vsnprintf_svsm(line, sizeof(line), fmt, ap);

	/* A line longer than the buffer is cut, not dropped. */
	if (n > (int)sizeof(line) - 1)
		n = (int)sizeof(line) - 1;
	platform->console_write(line, (size_t)n);
}

void log_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(fmt, ap);
	va_end(ap);
}

__noreturn void panic(const char *fmt, ...)
{
	static const char hdr[] = "svsm: PANIC: ";
	va_list ap;

	platform->console_write(hdr, sizeof(hdr) - 1);
	va_start(ap, fmt);
	log_vprintf(fmt, ap);
	va_end(ap);
	platform->console_write("\n", 1);
	platform->halt(1);
}
