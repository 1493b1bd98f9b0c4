// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SVSM bus: one device per protocol the SVSM serves, drivers bound by
 * protocol number and minimum version.  See docs/bus.md.
 *
 * At load the module finds a transport (the emulated platform, or SEV-SNP
 * when asked for), takes over the calling areas (call.c), asks the SVSM
 * with QUERY_PROTOCOL(p, 1) for p = 0..15 which protocols it serves and
 * registers "svsm-p<p>" for each, below the root device /sys/devices/svsm.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/svsm_bus.h>
#include <linux/sysfs.h>

#include "compat.h"
#include "svsm-bus.h"

/* Protocols probed with QUERY_PROTOCOL at load. */
#define SVSM_BUS_PROTOCOLS 16

static struct device *svsm_root;
static struct svsm_device *svsm_devices[SVSM_BUS_PROTOCOLS];

static const struct svsm_transport * const svsm_transports[] = {
	&svsm_emu_transport,
	&svsm_snp_transport,
};

static const struct svsm_device_id *
svsm_match_id(const struct svsm_device_id *id, const struct svsm_device *sdev)
{
	for (; id && id->min_version; id++) {
		if (id->protocol == sdev->protocol &&
		    sdev->max_version >= id->min_version)
			return id;
	}
	return NULL;
}

static int svsm_bus_match(struct device *dev,
			  SVSM_COMPAT_MATCH_CONST struct device_driver *drv)
{
	const struct svsm_driver *sdrv = to_svsm_driver(drv);

	return !!svsm_match_id(sdrv->id_table, to_svsm_device(dev));
}

static int svsm_bus_uevent(SVSM_COMPAT_UEVENT_CONST struct device *dev,
			   struct kobj_uevent_env *env)
{
	const struct svsm_device *sdev = to_svsm_device(dev);

	return add_uevent_var(env, "MODALIAS=svsm:p%08Xv%08X",
			      sdev->protocol, sdev->max_version);
}

static int svsm_bus_probe(struct device *dev)
{
	struct svsm_driver *sdrv = to_svsm_driver(dev->driver);

	return sdrv->probe ? sdrv->probe(to_svsm_device(dev)) : 0;
}

static void svsm_bus_remove(struct device *dev)
{
	struct svsm_driver *sdrv = to_svsm_driver(dev->driver);

	if (sdrv->remove)
		sdrv->remove(to_svsm_device(dev));
}

static ssize_t protocol_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_svsm_device(dev)->protocol);
}
static DEVICE_ATTR_RO(protocol);

static ssize_t min_version_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_svsm_device(dev)->min_version);
}
static DEVICE_ATTR_RO(min_version);

static ssize_t max_version_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_svsm_device(dev)->max_version);
}
static DEVICE_ATTR_RO(max_version);

static ssize_t modalias_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	const struct svsm_device *sdev = to_svsm_device(dev);

	return sysfs_emit(buf, "svsm:p%08Xv%08X\n", sdev->protocol,
			  sdev->max_version);
}
static DEVICE_ATTR_RO(modalias);

static struct attribute *svsm_dev_attrs[] = {
	&dev_attr_protocol.attr,
	&dev_attr_min_version.attr,
	&dev_attr_max_version.attr,
	&dev_attr_modalias.attr,
	NULL,
};
ATTRIBUTE_GROUPS(svsm_dev);

static SVSM_COMPAT_BUS_CONST struct bus_type svsm_bus_type = {
	.name = "svsm",
	.dev_groups = svsm_dev_groups,
	.match = svsm_bus_match,
	.uevent = svsm_bus_uevent,
	.probe = svsm_bus_probe,
	.remove = svsm_bus_remove,
};

/**
 * __svsm_register_driver() - register a driver of SVSM protocols
 * @sdrv: the driver; .id_table and .driver.name must be set
 * @owner: the module the driver is in (svsm_register_driver() passes
 *	THIS_MODULE)
 *
 * Return: 0 or a negative errno from driver_register().
 */
int __svsm_register_driver(struct svsm_driver *sdrv, struct module *owner)
{
	if (WARN_ON(!sdrv->id_table || !sdrv->driver.name))
		return -EINVAL;
	sdrv->driver.bus = &svsm_bus_type;
	sdrv->driver.owner = owner;
	return driver_register(&sdrv->driver);
}
EXPORT_SYMBOL_GPL(__svsm_register_driver);

/**
 * svsm_unregister_driver() - unregister a driver of SVSM protocols
 * @sdrv: the driver
 */
void svsm_unregister_driver(struct svsm_driver *sdrv)
{
	driver_unregister(&sdrv->driver);
}
EXPORT_SYMBOL_GPL(svsm_unregister_driver);

static void svsm_device_release(struct device *dev)
{
	kfree(to_svsm_device(dev));
}

static int svsm_add_device(u32 protocol, u32 min, u32 max)
{
	struct svsm_device *sdev;
	int ret;

	sdev = kzalloc(sizeof(*sdev), GFP_KERNEL);
	if (!sdev)
		return -ENOMEM;
	sdev->protocol = protocol;
	sdev->min_version = min;
	sdev->max_version = max;
	device_initialize(&sdev->dev);
	sdev->dev.bus = &svsm_bus_type;
	sdev->dev.parent = svsm_root;
	sdev->dev.release = svsm_device_release;
	ret = dev_set_name(&sdev->dev, "svsm-p%u", protocol);
	if (!ret)
		ret = device_add(&sdev->dev);
	if (ret) {
		put_device(&sdev->dev);
		return ret;
	}
	svsm_devices[protocol] = sdev;
	return 0;
}

static void svsm_remove_devices(void)
{
	unsigned int p;

	for (p = 0; p < SVSM_BUS_PROTOCOLS; p++) {
		if (!svsm_devices[p])
			continue;
		device_unregister(&svsm_devices[p]->dev);
		svsm_devices[p] = NULL;
	}
}

static int svsm_add_devices(void)
{
	u32 min, max;
	unsigned int p;
	int ret;

	for (p = 0; p < SVSM_BUS_PROTOCOLS; p++) {
		ret = svsm_query_protocol(p, 1, &min, &max);
		if (ret == -EOPNOTSUPP)
			continue;
		if (!ret)
			ret = svsm_add_device(p, min, max);
		if (ret) {
			pr_err("protocol %u: %d\n", p, ret);
			svsm_remove_devices();
			return ret;
		}
		pr_info("protocol %u, versions %u..%u\n", p, min, max);
	}
	return 0;
}

static const struct svsm_transport *svsm_find_transport(struct svsm_platform *plat)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(svsm_transports); i++) {
		memset(plat, 0, sizeof(*plat));
		ret = svsm_transports[i]->probe(plat);
		if (!ret)
			return svsm_transports[i];
		if (ret != -ENODEV)
			return ERR_PTR(ret);
	}
	return ERR_PTR(-ENODEV);
}

static int __init svsm_bus_init(void)
{
	const struct svsm_transport *transport;
	struct svsm_platform plat;
	int ret;

	transport = svsm_find_transport(&plat);
	if (IS_ERR(transport)) {
		ret = PTR_ERR(transport);
		if (ret == -ENODEV)
			pr_info("no SVSM found\n");
		return ret;
	}
	ret = svsm_calls_init(transport, &plat);
	if (ret)
		return ret;
	pr_info("SVSM on the %s platform, core protocol up to version %u\n",
		transport->name, plat.max_core_version);

	ret = bus_register(&svsm_bus_type);
	if (ret)
		goto out_calls;
	svsm_root = root_device_register("svsm");
	if (IS_ERR(svsm_root)) {
		ret = PTR_ERR(svsm_root);
		goto out_bus;
	}
	ret = svsm_add_devices();
	if (ret)
		goto out_root;
	ret = svsm_raw_init();
	if (ret)
		goto out_devices;
	return 0;

out_devices:
	svsm_remove_devices();
out_root:
	root_device_unregister(svsm_root);
out_bus:
	bus_unregister(&svsm_bus_type);
out_calls:
	svsm_calls_exit();
	svsm_raw_free();
	return ret;
}

static void __exit svsm_bus_exit(void)
{
	svsm_raw_exit();
	svsm_remove_devices();
	root_device_unregister(svsm_root);
	bus_unregister(&svsm_bus_type);
	svsm_calls_exit();
	svsm_raw_free();
}

module_init(svsm_bus_init);
module_exit(svsm_bus_exit);

MODULE_DESCRIPTION("SVSM bus: devices for the protocols of a Secure VM Service Module");
MODULE_LICENSE("GPL");
