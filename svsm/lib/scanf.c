// SPDX-License-Identifier: MIT
/*
 * A small sscanf: what libcrypto's two callers need (v3_utl.c parses IPv4
 * "%d.%d.%d.%d", http_lib.c ports with "%d"/"%u") and a little more: white
 * space, literals, %% and %d %i %u %x %X %o %s %c %n with widths, '*' and
 * lengths hh h l ll z j t.  A conversion it does not know (floating point,
 * %[ ...) stops the scan: the count of assignments so far is returned, so a
 * caller checking that count sees a failure, never a wrong value.
 */
#include "libc.h"
#include "string.h"

enum { L_INT, L_CHAR, L_SHORT, L_LONG };

static void store(void *p, int lmod, unsigned long long v)
{
	switch (lmod) {
	case L_CHAR:
		*(unsigned char *)p = (unsigned char)v;
		break;
	case L_SHORT:
		*(unsigned short *)p = (unsigned short)v;
		break;
	case L_LONG:
		*(unsigned long long *)p = v;
		break;
	default:
		*(unsigned int *)p = (unsigned int)v;
		break;
	}
}

int vsscanf(const char *restrict str, const char *restrict fmt, va_list ap)
{
	const char *s = str;
	int assigned = 0;
	bool any_input = false;

	for (const char *f = fmt; *f; f++) {
		bool skip = false;
		int width = 0, lmod = L_INT, base;

		if (lib_isspace(*f)) {
			while (lib_isspace(*s))
				s++;
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%')
				f++;
			if (*s != *f)
				break;
			s++;
			continue;
		}
		f++;
		if (*f == '*') {
			skip = true;
			f++;
		}
		for (; lib_isdigit(*f); f++)
			width = width * 10 + (*f - '0');
		if (*f == 'h') {
			lmod = f[1] == 'h' ? L_CHAR : L_SHORT;
			f += f[1] == 'h' ? 2 : 1;
		} else if (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
			lmod = L_LONG;
			f += (f[0] == 'l' && f[1] == 'l') ? 2 : 1;
		}

		switch (*f) {
		case 'n':
			if (!skip)
				store(va_arg(ap, void *), lmod,
				      (unsigned long long)(s - str));
			continue;
		case 'c': {
			int n = width ? width : 1;

			if ((int)strnlen(s, (size_t)n) < n)
				goto out;
			if (!skip) {
				memcpy(va_arg(ap, char *), s, (size_t)n);
				assigned++;
			}
			s += n;
			any_input = true;
			continue;
		}
		case 's': {
			char *d = skip ? NULL : va_arg(ap, char *);
			int n = 0;

			while (lib_isspace(*s))
				s++;
			if (!*s)
				goto out;
			while (*s && !lib_isspace(*s) && (!width || n < width)) {
				if (d)
					d[n] = *s;
				n++;
				s++;
			}
			if (d) {
				d[n] = '\0';
				assigned++;
			}
			any_input = true;
			continue;
		}
		case 'd':
		case 'u':
			base = 10;
			break;
		case 'i':
			base = 0;
			break;
		case 'x':
		case 'X':
			base = 16;
			break;
		case 'o':
			base = 8;
			break;
		default:
			goto out; /* unsupported: stop, report what was assigned */
		}

		/* Integers: at most `width` characters of input. */
		{
			char tmp[66], *end;
			size_t n;
			unsigned long long v;

			while (lib_isspace(*s))
				s++;
			if (!*s)
				goto out;
			n = strnlen(s, width ? (size_t)width : sizeof(tmp) - 1);
			if (n > sizeof(tmp) - 1)
				n = sizeof(tmp) - 1;
			memcpy(tmp, s, n);
			tmp[n] = '\0';
			if (*f == 'd' || *f == 'i')
				v = (unsigned long long)strtoll(tmp, &end, base);
			else
				v = strtoull(tmp, &end, base);
			if (end == tmp)
				goto out;
			s += end - tmp;
			any_input = true;
			if (!skip) {
				store(va_arg(ap, void *), lmod, v);
				assigned++;
			}
		}
	}
out:
	/* EOF (-1) if the input ended before the first conversion. */
	if (!assigned && !any_input && !*s)
		return -1;
	return assigned;
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

int __isoc99_sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}
