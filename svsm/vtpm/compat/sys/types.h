/* SPDX-License-Identifier: MIT */
/*
 * Firmware build only: libtpms's public headers include <sys/types.h> (for
 * size_t) and <netinet/in.h> (unused by the declarations we need).  The
 * freestanding build has no libc headers, so these stand in for them.
 */
#ifndef SVSM_VTPM_COMPAT_SYS_TYPES_H
#define SVSM_VTPM_COMPAT_SYS_TYPES_H
#include <stddef.h>
#endif
