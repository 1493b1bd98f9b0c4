// SPDX-License-Identifier: GPL-2.0-only
/*
 * tpm-svsm: TPM 2.0 driver for the vTPM of an SVSM (protocol 2 of the
 * AMD "Secure VM Service Module for SEV-SNP Guests" spec, #58019).
 *
 * The driver binds to the svsm-bus device of protocol 2 ("svsm-p2") and
 * registers a TPM chip with the kernel's TPM core, which provides
 * /dev/tpm0, /dev/tpmrm0, the hwrng and the in-kernel TPM users.
 *
 * Every TPM command travels in one page owned by the chip: the driver
 * writes an SVSM_VTPM_CMD request (platform command TPM_SEND_COMMAND,
 * locality 0, size, command) there, passes its physical address to the
 * SVSM in RCX, and the SVSM overwrites the page with the response (size,
 * response).  The call is synchronous, so the chip is too: the response
 * is complete when the call returns.  The TPM core serialises the
 * commands of a chip (tpm_mutex), so one page per chip needs no lock.
 *
 * See docs/vtpm.md.  Upstream's counterpart for SEV-SNP guests that use
 * the kernel's own SVSM support is drivers/char/tpm/tpm_svsm.c (v6.16).
 */

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/svsm_bus.h>
#include <linux/tpm.h>
#include <asm/unaligned.h>

#include <svsm/protocol.h>
#include <svsm/vtpm.h>

#include "tpm_compat.h"

/**
 * struct tpm_svsm - state of one SVSM vTPM chip
 * @sdev: the svsm-bus device of protocol 2
 * @buffer: one page: the SVSM_VTPM_CMD request, then its response
 * @resp_len: bytes of TPM response at &buffer[SVSM_VTPM_RESP_HDR_SIZE]
 *	from the last command, 0 when there is none
 */
struct tpm_svsm {
	struct svsm_device *sdev;
	u8 *buffer;
	size_t resp_len;
};

static struct tpm_svsm *tpm_svsm_priv(struct tpm_chip *chip)
{
	return dev_get_drvdata(&chip->dev);
}

/**
 * tpm_svsm_transmit() - run one TPM command through SVSM_VTPM_CMD
 * @chip: the chip
 * @buf: the TPM command
 * @len: its length in bytes
 *
 * On success the response is in the chip's page and its length in
 * &struct tpm_svsm.resp_len, checked against the page and against the
 * size field of its own TPM header.
 *
 * Return: 0; -E2BIG for a command that does not fit the page, -EINVAL
 * for one shorter than a TPM header (the SVSM refuses both); the errno
 * of svsm_call() when the SVSM refuses the call; -EIO for a malformed
 * response.
 */
static int tpm_svsm_transmit(struct tpm_chip *chip, const u8 *buf,
			     size_t len)
{
	struct tpm_svsm *priv = tpm_svsm_priv(chip);
	struct svsm_vtpm_request *req = (void *)priv->buffer;
	struct svsm_vtpm_response *resp = (void *)priv->buffer;
	struct svsm_call call = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_VTPM, SVSM_VTPM_CMD),
		.rcx = virt_to_phys(priv->buffer),
	};
	const struct tpm_header *hdr;
	u32 size;
	int ret;

	priv->resp_len = 0;
	if (len > SVSM_VTPM_MAX_COMMAND)
		return -E2BIG;
	if (len < TPM_HEADER_SIZE)
		return -EINVAL;

	put_unaligned_le32(SVSM_VTPM_PLAT_SEND_COMMAND, &req->platform_command);
	req->locality = 0;
	put_unaligned_le32(len, &req->size);
	memcpy(req->command, buf, len);

	ret = svsm_call(&call);
	if (ret) {
		dev_err_ratelimited(&chip->dev,
				    "SVSM_VTPM_CMD failed: result 0x%llx (%d)\n",
				    call.rax_out, ret);
		return ret;
	}

	size = get_unaligned_le32(&resp->size);
	if (size < TPM_HEADER_SIZE || size > SVSM_VTPM_MAX_RESPONSE) {
		dev_err_ratelimited(&chip->dev,
				    "SVSM vTPM response size %u out of range\n",
				    size);
		return -EIO;
	}
	hdr = (const void *)resp->response;
	if (be32_to_cpu(get_unaligned(&hdr->length)) != size) {
		dev_err_ratelimited(&chip->dev,
				    "SVSM vTPM response size %u, TPM header says %u\n",
				    size, be32_to_cpu(get_unaligned(&hdr->length)));
		return -EIO;
	}
	priv->resp_len = size;
	return 0;
}

/**
 * tpm_svsm_copy_response() - hand the last response to the TPM core
 * @chip: the chip
 * @buf: the caller's buffer
 * @bufsiz: its size in bytes
 *
 * Return: the response length, or -EIO when there is no response or it
 * does not fit @buf.
 */
static int tpm_svsm_copy_response(struct tpm_chip *chip, u8 *buf,
				  size_t bufsiz)
{
	struct tpm_svsm *priv = tpm_svsm_priv(chip);
	struct svsm_vtpm_response *resp = (void *)priv->buffer;
	size_t len = priv->resp_len;

	priv->resp_len = 0;
	if (!len)
		return -EIO;
	if (len > bufsiz) {
		dev_err_ratelimited(&chip->dev,
				    "TPM response of %zu bytes, buffer of %zu\n",
				    len, bufsiz);
		return -EIO;
	}
	memcpy(buf, resp->response, len);
	return len;
}

#if TPM_SVSM_COMPAT_SYNC

/**
 * tpm_svsm_send() - run a TPM command (synchronous chip, v6.16+)
 * @chip: the chip
 * @buf: the command in, the response out
 * @bufsiz: size of @buf
 * @cmd_len: length of the command
 *
 * Return: the response length or a negative errno.
 */
static int tpm_svsm_send(struct tpm_chip *chip, u8 *buf, size_t bufsiz,
			 size_t cmd_len)
{
	int ret;

	ret = tpm_svsm_transmit(chip, buf, cmd_len);
	if (ret)
		return ret;
	return tpm_svsm_copy_response(chip, buf, bufsiz);
}

static const struct tpm_class_ops tpm_svsm_ops = {
	.flags = TPM_OPS_AUTO_STARTUP,
	.send = tpm_svsm_send,
};

#else /* !TPM_SVSM_COMPAT_SYNC */

/**
 * tpm_svsm_send() - run a TPM command
 * @chip: the chip
 * @buf: the command
 * @len: its length
 *
 * The SVSM call returns with the response, which tpm_svsm_recv() hands
 * over.
 *
 * Return: 0 or a negative errno.
 */
static int tpm_svsm_send(struct tpm_chip *chip, u8 *buf, size_t len)
{
	return tpm_svsm_transmit(chip, buf, len);
}

/**
 * tpm_svsm_recv() - copy out the response of the last command
 * @chip: the chip
 * @buf: the TPM core's buffer
 * @len: its size
 *
 * Return: the response length or a negative errno.
 */
static int tpm_svsm_recv(struct tpm_chip *chip, u8 *buf, size_t len)
{
	return tpm_svsm_copy_response(chip, buf, len);
}

/**
 * tpm_svsm_status() - chip status for the TPM core's completion poll
 * @chip: the chip
 *
 * The command is complete when tpm_svsm_send() returns: with
 * req_complete_mask and req_complete_val 0 the first poll succeeds.
 *
 * Return: 0.
 */
static u8 tpm_svsm_status(struct tpm_chip *chip)
{
	return 0;
}

/**
 * tpm_svsm_req_canceled() - whether the TPM core should give up
 * @chip: the chip
 * @status: the value tpm_svsm_status() returned
 *
 * Return: false: a synchronous command cannot be cancelled.
 */
static bool tpm_svsm_req_canceled(struct tpm_chip *chip, u8 status)
{
	return false;
}

/**
 * tpm_svsm_cancel() - cancel the running command
 * @chip: the chip
 *
 * Nothing runs between calls: the SVSM finishes each command before the
 * call returns.
 */
static void tpm_svsm_cancel(struct tpm_chip *chip)
{
}

static const struct tpm_class_ops tpm_svsm_ops = {
	.flags = TPM_OPS_AUTO_STARTUP,
	.req_complete_mask = 0,
	.req_complete_val = 0,
	.req_canceled = tpm_svsm_req_canceled,
	.recv = tpm_svsm_recv,
	.send = tpm_svsm_send,
	.cancel = tpm_svsm_cancel,
	.status = tpm_svsm_status,
};

#endif /* TPM_SVSM_COMPAT_SYNC */

/* SVSM_VTPM_QUERY: 0 when the vTPM serves TPM_SEND_COMMAND. */
static int tpm_svsm_query(struct svsm_device *sdev)
{
	struct svsm_call call = {
		.rax = SVSM_CALL(SVSM_PROTOCOL_VTPM, SVSM_VTPM_QUERY),
	};
	int ret;

	ret = svsm_call(&call);
	if (ret) {
		dev_err(&sdev->dev, "SVSM_VTPM_QUERY failed: result 0x%llx (%d)\n",
			call.rax_out, ret);
		return -ENODEV;
	}
	if (!(call.rcx_out & BIT_ULL(SVSM_VTPM_PLAT_SEND_COMMAND))) {
		dev_err(&sdev->dev,
			"vTPM lacks TPM_SEND_COMMAND (platform commands 0x%llx)\n",
			call.rcx_out);
		return -ENODEV;
	}
	if (call.rdx_out)
		dev_info(&sdev->dev, "ignoring unknown vTPM features 0x%llx\n",
			 call.rdx_out);
	return 0;
}

/**
 * tpm_svsm_probe() - bind to the SVSM's vTPM and register a TPM chip
 * @sdev: the svsm-bus device of protocol 2
 *
 * Everything the probe allocates is device-managed (the page, the
 * private structure and, through tpmm_chip_alloc(), the chip), so the
 * error paths only return; tpm_chip_register() undoes its own work.
 *
 * Return: 0, -ENODEV when the SVSM's vTPM is unusable, or another
 * negative errno.
 */
static int tpm_svsm_probe(struct svsm_device *sdev)
{
	struct device *dev = &sdev->dev;
	struct tpm_svsm *priv;
	struct tpm_chip *chip;
	int ret;

	ret = tpm_svsm_query(sdev);
	if (ret)
		return ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->sdev = sdev;
	/* One page: physically contiguous, as the SVSM reads 4096 bytes. */
	priv->buffer = (u8 *)devm_get_free_pages(dev, GFP_KERNEL, 0);
	if (!priv->buffer)
		return -ENOMEM;

	/* Sets the drvdata of @dev to the chip. */
	chip = tpmm_chip_alloc(dev, &tpm_svsm_ops);
	if (IS_ERR(chip))
		return PTR_ERR(chip);
	dev_set_drvdata(&chip->dev, priv);
#if TPM_SVSM_COMPAT_SYNC
	chip->flags |= TPM_CHIP_FLAG_SYNC;
#endif

	ret = tpm2_probe(chip);
	if (ret)
		return ret;
	if (!(chip->flags & TPM_CHIP_FLAG_TPM2)) {
		dev_err(dev, "the SVSM vTPM does not answer as a TPM 2.0\n");
		return -ENODEV;
	}

	ret = tpm_chip_register(chip);
	if (ret) {
		dev_err(dev, "tpm_chip_register: %d\n", ret);
		return ret;
	}
	dev_info(dev, "SVSM vTPM 2.0 device %s (protocol 2 versions %u..%u)\n",
		 dev_name(&chip->dev), sdev->min_version, sdev->max_version);
	return 0;
}

/**
 * tpm_svsm_remove() - unregister the TPM chip
 * @sdev: the svsm-bus device of protocol 2
 *
 * After tpm_chip_unregister() no operation runs or starts; devres then
 * frees the chip and the page.
 */
static void tpm_svsm_remove(struct svsm_device *sdev)
{
	struct tpm_chip *chip = dev_get_drvdata(&sdev->dev);

	tpm_chip_unregister(chip);
}

static const struct svsm_device_id tpm_svsm_ids[] = {
	{ .protocol = SVSM_PROTOCOL_VTPM, .min_version = SVSM_VTPM_VERSION_MIN },
	{ }
};

static struct svsm_driver tpm_svsm_driver = {
	.id_table = tpm_svsm_ids,
	.probe = tpm_svsm_probe,
	.remove = tpm_svsm_remove,
	.driver = {
		.name = "tpm-svsm",
	},
};

module_svsm_driver(tpm_svsm_driver);

MODULE_DESCRIPTION("TPM 2.0 driver for the vTPM of an SVSM (protocol 2)");
MODULE_LICENSE("GPL");
/* Protocol 2, any version: the bus matches the minimum version above. */
MODULE_ALIAS("svsm:p00000002v*");
