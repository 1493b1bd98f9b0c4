// SPDX-License-Identifier: MIT
/*
 * The attestation services manifest (see manifest.h).  Layout (spec table
 * 12, COCONUT GuidTable::to_vec): header {GUID 63849ebb-..., u32 total size,
 * u32 count}, count entries {GUID, u32 offset from the table start, u32
 * size}, then the data blobs in entry order.  All little-endian.
 */
#include "byteorder.h"
#include "manifest.h"
#include "lib/string.h"

static const uint8_t header_guid[16] = SVSM_MANIFEST_HEADER_GUID;

static struct {
	uint8_t guid[16];
	const uint8_t *data;
	uint32_t len;
} services[MANIFEST_MAX_SERVICES];
static uint32_t service_count;

void manifest_reset(void)
{
	memset(services, 0, sizeof(services));
	service_count = 0;
}

uint32_t manifest_service_count(void)
{
	return service_count;
}

static uint32_t services_size(void)
{
	uint32_t size = MANIFEST_HEADER_SIZE;

	for (uint32_t i = 0; i < service_count; i++)
		size += MANIFEST_ENTRY_SIZE + services[i].len;
	return size;
}

int manifest_add_service(const uint8_t guid[16], const uint8_t *data,
			 size_t len)
{
	const uint8_t *d;
	uint32_t l;

	if (service_count == MANIFEST_MAX_SERVICES ||
	    manifest_find_service(guid, &d, &l) || (len && !data) ||
	    len > MANIFEST_MAX_SIZE ||
	    services_size() + MANIFEST_ENTRY_SIZE + len > MANIFEST_MAX_SIZE)
		return -1;
	memcpy(services[service_count].guid, guid, 16);
	services[service_count].data = data;
	services[service_count].len = (uint32_t)len;
	service_count++;
	return 0;
}

uint32_t manifest_build_services(uint8_t *buf, uint32_t cap)
{
	uint32_t size = services_size();
	uint32_t data_off = MANIFEST_HEADER_SIZE + service_count * MANIFEST_ENTRY_SIZE;
	uint8_t *e;

	if (size > cap)
		return size;
	memcpy(buf, header_guid, 16);
	put_le(buf + 16, 4, size);
	put_le(buf + 20, 4, service_count);
	e = buf + MANIFEST_HEADER_SIZE;
	for (uint32_t i = 0; i < service_count; i++, e += MANIFEST_ENTRY_SIZE) {
		memcpy(e, services[i].guid, 16);
		put_le(e + 16, 4, data_off);
		put_le(e + 20, 4, services[i].len);
		if (services[i].len)
			memcpy(buf + data_off, services[i].data, services[i].len);
		data_off += services[i].len;
	}
	return size;
}

bool manifest_find_service(const uint8_t guid[16], const uint8_t **data,
			   uint32_t *len)
{
	for (uint32_t i = 0; i < service_count; i++) {
		if (!memcmp(services[i].guid, guid, 16)) {
			*data = services[i].data;
			*len = services[i].len;
			return true;
		}
	}
	return false;
}
