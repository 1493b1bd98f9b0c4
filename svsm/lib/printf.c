// SPDX-License-Identifier: MIT
/*
 * The firmware's one printf engine: vsnprintf_svsm (used by core/log.c) and
 * lib_vformat_to, on which stdio.c builds the C library's snprintf family
 * (see libc.h for what is supported).  No C library names are defined
 * here, so fuzz and host builds can link this file next to a host libc.  The engine writes through a sink: a bounded buffer that
 * counts what would have been written (snprintf), optionally flushed to an
 * output function when full (fprintf to the console).
 */
#include "printf.h"
#include "string.h"
#include "core/log.h"

#define WIDTH_MAX (1 << 20)

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

struct sink {
	char *buf;
	size_t size;
	size_t pos; /* bytes in buf not yet flushed (flushing sinks) */
	size_t total; /* length of the whole output (so far) */
	void (*flush)(void *ctx, const char *s, size_t n);
	void *ctx;
};

static void put(struct sink *o, char c)
{
	if (o->flush) {
		if (o->pos == o->size) {
			o->flush(o->ctx, o->buf, o->pos);
			o->pos = 0;
		}
		o->buf[o->pos++] = c;
	} else if (o->total + 1 < o->size) {
		o->buf[o->total] = c;
	}
	o->total++;
}

static void pad(struct sink *o, char c, long n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left, plus, space, alt, zero;
	int width, prec; /* prec < 0: none */
};

/*
 * Emit prefix, then `zeros` zeros, then s[0..n), padded to the width.  The
 * '0' flag pads between prefix and digits (the caller clears it when C says
 * it is ignored).
 */
static void field(struct sink *o, const struct spec *sp, const char *prefix,
		  long zeros, const char *s, size_t n)
{
	size_t plen = strlen(prefix);
	long len = (long)(plen + n) + (zeros > 0 ? zeros : 0);
	long padn = sp->width - len;

	if (!sp->left && !sp->zero)
		pad(o, ' ', padn);
	for (size_t i = 0; i < plen; i++)
		put(o, prefix[i]);
	if (!sp->left && sp->zero)
		pad(o, '0', padn);
	pad(o, '0', zeros);
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', padn);
}

static char *digits(char *end, uint64_t v, unsigned int base, bool upper)
{
	const char *d = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	while (v) {
		*--p = d[v % base];
		v /= base;
	}
	return p;
}

static void integer(struct sink *o, struct spec *sp, char conv, uint64_t u,
		    bool neg)
{
	char tmp[24], *end = tmp + sizeof(tmp), *p;
	const char *prefix = "";
	unsigned int base = 10;
	long n, zeros = 0;

	if (conv == 'o')
		base = 8;
	else if (conv == 'x' || conv == 'X' || conv == 'p')
		base = 16;
	p = digits(end, u, base, conv == 'X');
	/* "%.0d" of 0 prints no digits; otherwise at least one. */
	if (p == end && sp->prec != 0)
		*--p = '0';
	n = end - p;
	if (sp->prec >= 0) {
		sp->zero = false; /* a precision overrides the '0' flag */
		if (sp->prec > n)
			zeros = sp->prec - n;
	}
	if (conv == 'd' || conv == 'i') {
		if (neg)
			prefix = "-";
		else if (sp->plus)
			prefix = "+";
		else if (sp->space)
			prefix = " ";
	} else if (conv == 'p') {
		prefix = "0x";
	} else if (sp->alt && (conv == 'x' || conv == 'X') && u) {
		prefix = conv == 'x' ? "0x" : "0X";
	} else if (sp->alt && conv == 'o' && zeros == 0 &&
		   (p == end || *p != '0')) {
		zeros = 1;
	}
	field(o, sp, prefix, zeros, p, (size_t)n);
}

/* Length modifiers. */
enum { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_SIZE, L_MAX, L_PTRDIFF };

static size_t vformat(struct sink *o, const char *fmt, va_list ap)
{
	for (const char *f = fmt; *f; f++) {
		struct spec sp = { .prec = -1 };
		const char *start = f;
		int lmod = L_INT;
		uint64_t u;
		int64_t s;

		if (*f != '%') {
			put(o, *f);
			continue;
		}
		for (f++;; f++) {
			if (*f == '-')
				sp.left = true;
			else if (*f == '+')
				sp.plus = true;
			else if (*f == ' ')
				sp.space = true;
			else if (*f == '#')
				sp.alt = true;
			else if (*f == '0')
				sp.zero = true;
			else
				break;
		}
		if (*f == '*') {
			int w = va_arg(ap, int);

			if (w < 0) {
				sp.left = true;
				w = w == INT32_MIN ? WIDTH_MAX : -w;
			}
			sp.width = w > WIDTH_MAX ? WIDTH_MAX : w;
			f++;
		} else {
			for (; is_digit(*f); f++)
				if (sp.width < WIDTH_MAX)
					sp.width = sp.width * 10 + (*f - '0');
		}
		if (*f == '.') {
			f++;
			sp.prec = 0;
			if (*f == '*') {
				int pr = va_arg(ap, int);

				sp.prec = pr < 0 ? -1 : (pr > WIDTH_MAX ? WIDTH_MAX : pr);
				f++;
			} else {
				for (; is_digit(*f); f++)
					if (sp.prec < WIDTH_MAX)
						sp.prec = sp.prec * 10 + (*f - '0');
			}
		}
		if (sp.left)
			sp.zero = false;
		switch (*f) {
		case 'h':
			lmod = f[1] == 'h' ? L_CHAR : L_SHORT;
			f += f[1] == 'h' ? 2 : 1;
			break;
		case 'l':
			lmod = f[1] == 'l' ? L_LLONG : L_LONG;
			f += f[1] == 'l' ? 2 : 1;
			break;
		case 'q':
			lmod = L_LLONG;
			f++;
			break;
		case 'z':
			lmod = L_SIZE;
			f++;
			break;
		case 'j':
			lmod = L_MAX;
			f++;
			break;
		case 't':
			lmod = L_PTRDIFF;
			f++;
			break;
		}

		switch (*f) {
		case 'd':
		case 'i':
			switch (lmod) {
			case L_CHAR:
				s = (signed char)va_arg(ap, int);
				break;
			case L_SHORT:
				s = (short)va_arg(ap, int);
				break;
			case L_INT:
				s = va_arg(ap, int);
				break;
			default: /* all 64-bit on x86-64 */
				s = va_arg(ap, long long);
				break;
			}
			/* Negate as unsigned: -INT64_MIN does not fit. */
			integer(o, &sp, *f, s < 0 ? -(uint64_t)s : (uint64_t)s,
				s < 0);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			switch (lmod) {
			case L_CHAR:
				u = (unsigned char)va_arg(ap, unsigned int);
				break;
			case L_SHORT:
				u = (unsigned short)va_arg(ap, unsigned int);
				break;
			case L_INT:
				u = va_arg(ap, unsigned int);
				break;
			default:
				u = va_arg(ap, unsigned long long);
				break;
			}
			integer(o, &sp, *f, u, false);
			break;
		case 'p':
			integer(o, &sp, 'p', (uint64_t)(uintptr_t)va_arg(ap, void *),
				false);
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);

			if (!str)
				str = "(null)";
			sp.zero = false;
			field(o, &sp, "", 0, str,
			      sp.prec >= 0 ? strnlen(str, (size_t)sp.prec)
					   : strlen(str));
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);

			sp.zero = false;
			field(o, &sp, "", 0, &c, 1);
			break;
		}
		case '%':
			put(o, '%');
			break;
		case '\0':
			/* Lone '%' at the end: print what was there and stop. */
			for (const char *q = start; q < f; q++)
				put(o, *q);
			f--;
			break;
		case 'n':
			/* Refused (writes through a pointer): shown, skipped. */
			(void)va_arg(ap, void *);
			for (const char *q = start; q <= f; q++)
				put(o, *q);
			break;
		default:
			/*
			 * Unsupported (floating point, unknown): show the
			 * conversion as written rather than guess.  A floating
			 * argument lives in the va_list's FP area, so skipping
			 * it does not shift the integer arguments.
			 */
			for (const char *q = start; q <= f; q++)
				put(o, *q);
			break;
		}
	}
	return o->total;
}

int vsnprintf_svsm(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink o = { .buf = buf, .size = size };
	size_t n = vformat(&o, fmt, ap);

	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return n > INT32_MAX ? INT32_MAX : (int)n;
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

/* Format to a flushing sink (stdio.c's console streams). */
size_t lib_vformat_to(void (*flush)(void *ctx, const char *s, size_t n),
		      void *ctx, const char *fmt, va_list ap)
{
	char chunk[128];
	struct sink o = { .buf = chunk, .size = sizeof(chunk), .flush = flush,
			  .ctx = ctx };
	size_t n = vformat(&o, fmt, ap);

	if (o.pos)
		flush(ctx, chunk, o.pos);
	return n;
}
