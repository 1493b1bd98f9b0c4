/* SPDX-License-Identifier: MIT */
/* Firmware build only: see compat/sys/types.h. */
#ifndef SVSM_VTPM_COMPAT_NETINET_IN_H
#define SVSM_VTPM_COMPAT_NETINET_IN_H
#endif
