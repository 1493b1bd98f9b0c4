// SPDX-License-Identifier: MIT
/*
 * ctype for code compiled against glibc: isalpha() & co. are macros there
 * that index the table returned by __ctype_b_loc() with a value in
 * [-128, 255], and tolower()/toupper() index __ctype_tolower_loc() /
 * __ctype_toupper_loc().  The "C" locale: ASCII classes, bytes >= 0x80 and
 * the negative (signed char) indexes have no class and map to themselves.
 * The tables are built on first use.
 */
#include "libc.h"

static unsigned short class_table[384];
static int32_t lower_table[384], upper_table[384];
static const unsigned short *class_ptr;
static const int32_t *lower_ptr, *upper_ptr;

static unsigned short classify(int c)
{
	unsigned short m = 0;

	if (c < 0 || c > 127)
		return 0;
	if (c >= 'A' && c <= 'Z')
		m |= LIB_CT_UPPER | LIB_CT_ALPHA | LIB_CT_ALNUM;
	if (c >= 'a' && c <= 'z')
		m |= LIB_CT_LOWER | LIB_CT_ALPHA | LIB_CT_ALNUM;
	if (lib_isdigit(c))
		m |= LIB_CT_DIGIT | LIB_CT_ALNUM;
	if (lib_digit_value(c) < 16)
		m |= LIB_CT_XDIGIT;
	if (lib_isspace(c))
		m |= LIB_CT_SPACE;
	if (c == ' ' || c == '\t')
		m |= LIB_CT_BLANK;
	if (c < 32 || c == 127)
		m |= LIB_CT_CNTRL;
	if (c >= 32 && c < 127)
		m |= LIB_CT_PRINT;
	if (c > 32 && c < 127) {
		m |= LIB_CT_GRAPH;
		if (!(m & LIB_CT_ALNUM))
			m |= LIB_CT_PUNCT;
	}
	return m;
}

static void build(void)
{
	for (int i = 0; i < 384; i++) {
		int c = i - 128;

		class_table[i] = classify(c);
		/* glibc: a negative (signed char) index maps to its byte, EOF to EOF. */
		int b = c < -1 ? c + 256 : c;

		lower_table[i] = b >= 'A' && b <= 'Z' ? b + 32 : b;
		upper_table[i] = b >= 'a' && b <= 'z' ? b - 32 : b;
	}
	class_ptr = class_table + 128;
	lower_ptr = lower_table + 128;
	upper_ptr = upper_table + 128;
}

const unsigned short **__ctype_b_loc(void)
{
	if (!class_ptr)
		build();
	return &class_ptr;
}

const int32_t **__ctype_tolower_loc(void)
{
	if (!lower_ptr)
		build();
	return &lower_ptr;
}

const int32_t **__ctype_toupper_loc(void)
{
	if (!upper_ptr)
		build();
	return &upper_ptr;
}
