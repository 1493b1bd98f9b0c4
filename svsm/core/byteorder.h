/* SPDX-License-Identifier: MIT */
/*
 * Loads and stores of little/big-endian fields from byte buffers.  Byte by
 * byte, so they work on unaligned data and do not depend on host order.
 */
#ifndef SVSM_CORE_BYTEORDER_H
#define SVSM_CORE_BYTEORDER_H

#include "types.h"

static inline uint64_t get_le(const void *p, unsigned int size)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	while (size--)
		v = (v << 8) | b[size];
	return v;
}

static inline void put_le(void *p, unsigned int size, uint64_t v)
{
	uint8_t *b = p;

	for (unsigned int i = 0; i < size; i++, v >>= 8)
		b[i] = (uint8_t)v;
}

static inline uint64_t get_be(const void *p, unsigned int size)
{
	const uint8_t *b = p;
	uint64_t v = 0;

	for (unsigned int i = 0; i < size; i++)
		v = (v << 8) | b[i];
	return v;
}

static inline void put_be(void *p, unsigned int size, uint64_t v)
{
	uint8_t *b = p;

	while (size--) {
		b[size] = (uint8_t)v;
		v >>= 8;
	}
}

static inline uint32_t get_le32(const void *p)
{
	return (uint32_t)get_le(p, 4);
}

static inline uint32_t get_be32(const void *p)
{
	return (uint32_t)get_be(p, 4);
}

static inline uint16_t get_be16(const void *p)
{
	return (uint16_t)get_be(p, 2);
}

#endif /* SVSM_CORE_BYTEORDER_H */
