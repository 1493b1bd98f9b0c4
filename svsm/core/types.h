/* SPDX-License-Identifier: MIT */
/*
 * Basic firmware types.  A guest physical address is its own type so that it
 * cannot be mixed up with an SVSM pointer: the only way from a gpa_t to bytes
 * is the guest-memory door (guest_mem.h).
 */
#ifndef SVSM_CORE_TYPES_H
#define SVSM_CORE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t v;
} gpa_t;

static inline gpa_t gpa(uint64_t v)
{
	return (gpa_t){ v };
}

static inline uint64_t gpa_val(gpa_t a)
{
	return a.v;
}

static inline gpa_t gpa_add(gpa_t a, uint64_t off)
{
	return (gpa_t){ a.v + off };
}

#define PAGE_SIZE 4096ull
#define PAGE_SHIFT 12
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define SZ_2M (2ull << 20)
#define SZ_1M (1ull << 20)

#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((uint64_t)(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((uint64_t)(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((uint64_t)(a) - 1)) == 0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define __packed __attribute__((packed))
#define __noreturn __attribute__((noreturn))
#define __unused __attribute__((unused))

#endif /* SVSM_CORE_TYPES_H */
