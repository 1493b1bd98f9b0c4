/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SVSM bus: in-kernel API for drivers of SVSM protocols.
 *
 * The svsm-bus module asks the SVSM which protocols it serves
 * (QUERY_PROTOCOL) and registers one struct svsm_device per protocol,
 * named "svsm-p<N>", on the bus "svsm".  A driver binds to a device by
 * protocol number and minimum version, and issues calls with svsm_call().
 * See docs/bus.md.
 */
#ifndef _LINUX_SVSM_BUS_H
#define _LINUX_SVSM_BUS_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/types.h>

/**
 * struct svsm_device_id - what a driver binds to
 * @protocol: SVSM protocol number (0 core, 1 attestation, 2 vTPM, ...)
 * @min_version: lowest protocol version the driver can use; a device
 *	matches when its highest version is at least this.  Versions start
 *	at 1: an entry with @min_version 0 ends the table.
 */
struct svsm_device_id {
	u32 protocol;
	u32 min_version;
};

/**
 * struct svsm_device - one protocol the SVSM serves
 * @protocol: protocol number
 * @min_version: lowest version the SVSM serves (QUERY_PROTOCOL answer)
 * @max_version: highest version the SVSM serves
 * @dev: driver-model device, named "svsm-p<protocol>"
 */
struct svsm_device {
	u32 protocol;
	u32 min_version;
	u32 max_version;
	struct device dev;
};

#define to_svsm_device(d) container_of(d, struct svsm_device, dev)

/**
 * struct svsm_driver - driver of one SVSM protocol
 * @id_table: protocols and minimum versions, ended by an entry with
 *	min_version 0
 * @probe: bind to @sdev; return 0 or a negative errno
 * @remove: unbind (optional)
 * @driver: driver-model driver; set at least .name
 *
 * Bus drivers outside the kernel tree cannot use MODULE_DEVICE_TABLE
 * (file2alias does not know the bus), so list the aliases by hand:
 * MODULE_ALIAS("svsm:p00000002v*") for protocol 2, any version.
 */
struct svsm_driver {
	const struct svsm_device_id *id_table;
	int (*probe)(struct svsm_device *sdev);
	void (*remove)(struct svsm_device *sdev);
	struct device_driver driver;
};

#define to_svsm_driver(d) container_of(d, struct svsm_driver, driver)

int __svsm_register_driver(struct svsm_driver *sdrv, struct module *owner);
void svsm_unregister_driver(struct svsm_driver *sdrv);

#define svsm_register_driver(sdrv) __svsm_register_driver(sdrv, THIS_MODULE)

/*
 * module_svsm_driver() - register the driver at module load and
 * unregister it at unload, for modules that do nothing else there.
 */
#define module_svsm_driver(__svsm_driver) \
	module_driver(__svsm_driver, svsm_register_driver, \
		      svsm_unregister_driver)

/**
 * struct svsm_call - registers of one SVSM call
 * @rax: in: (protocol << 32) | call id
 * @rcx: in: argument 1
 * @rdx: in: argument 2
 * @r8: in: argument 3
 * @r9: in: argument 4
 * @rax_out: out: the SVSM result code
 * @rcx_out: out: result 1 (the input value when the call does not set it)
 * @rdx_out: out: result 2
 * @r8_out: out: result 3
 * @r9_out: out: result 4
 *
 * The inputs are never modified, so a caller can reissue the same call.
 */
struct svsm_call {
	u64 rax, rcx, rdx, r8, r9;
	u64 rax_out, rcx_out, rdx_out, r8_out, r9_out;
};

int svsm_call(struct svsm_call *call);
int svsm_result_to_errno(u64 result);
int svsm_query_protocol(u32 protocol, u32 version, u32 *min, u32 *max);

#endif /* _LINUX_SVSM_BUS_H */
