/* SPDX-License-Identifier: MIT */
/*
 * The attestation services manifest (protocol.md 3.4): the services the
 * SVSM offers for attestation and their data, as a GUID table for
 * SVSM_ATTEST_SERVICES and as one service's own data for
 * SVSM_ATTEST_SINGLE_SERVICE.  Services are added at boot (the vTPM with
 * its EK's TPMT_PUBLIC); the data is referenced, not copied, and must stay.
 */
#ifndef SVSM_CORE_MANIFEST_H
#define SVSM_CORE_MANIFEST_H

#include "types.h"
#include <svsm/attest.h>

#define MANIFEST_MAX_SERVICES 4
/* Largest manifest the SVSM builds (one page: the vTPM's is 362 bytes). */
#define MANIFEST_MAX_SIZE 4096u
#define MANIFEST_HEADER_SIZE ((uint32_t)sizeof(struct svsm_manifest_header))
#define MANIFEST_ENTRY_SIZE ((uint32_t)sizeof(struct svsm_manifest_entry))

/* Forget all services (tests; boot starts empty). */
void manifest_reset(void);
/*
 * Add a service: guid in EFI byte order, data[0..len) its manifest data.
 * Returns 0, or -1 if the table is full, the GUID is already there or the
 * services manifest would exceed MANIFEST_MAX_SIZE.
 */
int manifest_add_service(const uint8_t guid[16], const uint8_t *data,
			 size_t len);
uint32_t manifest_service_count(void);

/*
 * The services manifest: header, one entry per service in the order added,
 * then the data blobs.  Writes it to buf if it fits in cap and returns its
 * size either way (24 with no service).
 */
uint32_t manifest_build_services(uint8_t *buf, uint32_t cap);

/* One service's data (its SINGLE_SERVICE manifest), or false if unknown. */
bool manifest_find_service(const uint8_t guid[16], const uint8_t **data,
			   uint32_t *len);

#endif /* SVSM_CORE_MANIFEST_H */
