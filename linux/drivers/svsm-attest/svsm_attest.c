// SPDX-License-Identifier: GPL-2.0-only
/*
 * svsm-attest: /dev/svsm-attest, the attestation protocol of an SVSM
 * (protocol 1 of the AMD "Secure VM Service Module for SEV-SNP Guests"
 * spec, #58019) for user space.
 *
 * The driver binds to the svsm-bus device of protocol 1 ("svsm-p1") and
 * registers a misc device with one ioctl per attestation call
 * (include/svsm/attest_ioctl.h).  An ioctl copies the request in once,
 * bounces the nonce and the three buffers through physically contiguous,
 * page-aligned kernel memory, builds the operation structure in a page of
 * its own (the calling area belongs to the bus) and passes its physical
 * address to the SVSM in RCX.  When a buffer is too small the SVSM answers
 * INVALID_PARAMETER with the sizes it needs in RCX (manifest), RDX
 * (certificates) and R8 (report); the ioctl then fails with ENOSPC and
 * the needed sizes in the lens.
 *
 * Policy: the node is 0600 and open and every ioctl need CAP_SYS_ADMIN,
 * since a report signs whatever nonce the caller picks with the
 * platform's key.  See docs/attest-driver.md.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/svsm_bus.h>
#include <linux/uaccess.h>

#include <svsm/attest.h>
#include <svsm/attest_ioctl.h>
#include <svsm/protocol.h>

/* Calls per ioctl: the first and at most two after growing buffers. */
#define SVSM_ATTEST_TRIES 3
/* RDX and R8 going in: no size the SVSM returns can have this value. */
#define SVSM_ATTEST_NO_SIZE (~0ULL)

/* The three buffers, in this order everywhere below. */
enum svsm_attest_which {
	SVSM_ATTEST_REPORT,
	SVSM_ATTEST_MANIFEST,
	SVSM_ATTEST_CERTS,
	SVSM_ATTEST_NBUF
};

static const char *const svsm_attest_buf_name[SVSM_ATTEST_NBUF] = {
	"report", "manifest", "certs",
};

/* What the driver handles per buffer (the uapi's SVSM_ATTEST_MAX_*). */
static const u32 svsm_attest_buf_max[SVSM_ATTEST_NBUF] = {
	SVSM_ATTEST_MAX_REPORT, SVSM_ATTEST_MAX_MANIFEST, SVSM_ATTEST_MAX_CERTS,
};

/**
 * struct svsm_attest_kbuf - a kernel bounce buffer
 * @va: alloc_pages_exact() memory, page aligned and physically
 *	contiguous, or NULL
 * @alloc: bytes allocated (a multiple of PAGE_SIZE), 0 when @va is NULL
 * @size: bytes offered to the SVSM, at most @alloc
 */
struct svsm_attest_kbuf {
	void *va;
	size_t alloc;
	u32 size;
};

/**
 * struct svsm_attest - the driver's state: one SVSM, so one device
 * @lock: serialises the ioctls with each other and with probe and remove
 * @sdev: the bound svsm-bus device of protocol 1, NULL when unbound
 * @op: one zeroed page holding the operation structure
 * @nonce: one page, the nonce in its first 64 bytes
 */
struct svsm_attest {
	struct mutex lock; /* ioctls, probe and remove */
	struct svsm_device *sdev;
	void *op;
	void *nonce;
};

static struct svsm_attest svsm_attest = {
	.lock = __MUTEX_INITIALIZER(svsm_attest.lock),
};

/* Zero and free @kb (reports are not secret, but leave nothing behind). */
static void svsm_attest_kbuf_free(struct svsm_attest_kbuf *kb)
{
	if (kb->va) {
		memzero_explicit(kb->va, kb->alloc);
		free_pages_exact(kb->va, kb->alloc);
	}
	kb->va = NULL;
	kb->alloc = 0;
	kb->size = 0;
}

/**
 * svsm_attest_kbuf_size() - make @kb offer @size bytes to the SVSM
 * @kb: the buffer
 * @size: bytes to offer; 0 offers none (GPA 0, size 0)
 * @min_alloc: allocate at least this many bytes even for @size 0, so the
 *	SVSM gets a page-aligned guest RAM address to check
 *
 * The allocation is only ever grown, to PAGE_ALIGN(max(@size, @min_alloc)).
 *
 * Return: 0 or -ENOMEM.
 */
static int svsm_attest_kbuf_size(struct svsm_attest_kbuf *kb, u32 size,
				 size_t min_alloc)
{
	size_t need = PAGE_ALIGN(max_t(size_t, size, min_alloc));
	void *va;

	if (need > kb->alloc) {
		va = alloc_pages_exact(need, GFP_KERNEL | __GFP_ZERO);
		if (!va)
			return -ENOMEM;
		svsm_attest_kbuf_free(kb);
		kb->va = va;
		kb->alloc = need;
	}
	kb->size = size;
	return 0;
}

static void svsm_attest_loc(struct svsm_attest_loc *loc,
			    const struct svsm_attest_kbuf *kb)
{
	loc->gpa = kb->va ? virt_to_phys(kb->va) : 0;
	loc->size = kb->size;
	loc->reserved = 0;
}

/* Fill the operation page for one call. */
static void svsm_attest_fill_op(struct svsm_attest *a, bool single,
				const struct svsm_attest_request *req,
				const struct svsm_attest_kbuf *kb)
{
	struct svsm_attest_single_op *op = a->op;

	memset(op, 0, sizeof(*op));
	svsm_attest_loc(&op->base.report, &kb[SVSM_ATTEST_REPORT]);
	op->base.nonce.gpa = virt_to_phys(a->nonce);
	op->base.nonce.size = SVSM_ATTEST_NONCE_SIZE;
	svsm_attest_loc(&op->base.manifest, &kb[SVSM_ATTEST_MANIFEST]);
	svsm_attest_loc(&op->base.certs, &kb[SVSM_ATTEST_CERTS]);
	if (single) {
		memcpy(op->service_guid, req->service_guid,
		       sizeof(op->service_guid));
		op->manifest_version = req->manifest_version;
	}
}

/*
 * Whether the SVSM wrote sizes into RCX/RDX/R8: the call went in with
 * RCX = the op's address and RDX = R8 = SVSM_ATTEST_NO_SIZE, and the bus
 * returns the inputs where the SVSM left a register alone.  Sizes are
 * 32-bit in the protocol.
 */
static bool svsm_attest_sizes_set(const struct svsm_call *call)
{
	if (call->rcx_out == call->rcx && call->rdx_out == call->rdx &&
	    call->r8_out == call->r8)
		return false;
	return call->rcx_out <= U32_MAX && call->rdx_out <= U32_MAX &&
	       call->r8_out <= U32_MAX;
}

/* Copy @req (with the lens as set by the caller) back to user space. */
static int svsm_attest_put_req(struct svsm_attest_request __user *ureq,
			       const struct svsm_attest_request *req)
{
	return copy_to_user(ureq, req, sizeof(*req)) ? -EFAULT : 0;
}

/**
 * svsm_attest_do() - one attestation ioctl
 * @a: the driver state, @a->lock held and a device bound
 * @single: ATTEST_SINGLE_SERVICE instead of ATTEST_SERVICES
 * @ureq: the caller's request
 *
 * Each buffer is offered to the SVSM with min(len, SVSM_ATTEST_MAX_*)
 * bytes (lens above the maximum are clamped, not refused).  When the
 * SVSM answers INVALID_PARAMETER with sizes, a size above the caller's
 * len means ENOSPC (all three needed sizes go back in the lens); a size
 * within the caller's len but above what was offered grows the kernel
 * buffer and the call is retried, up to SVSM_ATTEST_TRIES calls; a size
 * the driver cannot handle gives E2BIG.
 *
 * Return: 0; -EINVAL for bad flags or reserved fields (or an
 * INVALID_PARAMETER that is not about sizes); -ENOSPC; -E2BIG; -EFAULT
 * for bad user addresses; -ENOMEM; -EIO for an SVSM answer that makes no
 * sense; otherwise the errno of svsm_call().
 */
static long svsm_attest_do(struct svsm_attest *a, bool single,
			   struct svsm_attest_request __user *ureq)
{
	struct svsm_attest_kbuf kb[SVSM_ATTEST_NBUF] = { };
	struct svsm_attest_buf *ubuf[SVSM_ATTEST_NBUF];
	struct svsm_attest_request req;
	struct svsm_call call;
	u64 need[SVSM_ATTEST_NBUF];
	u32 offer[SVSM_ATTEST_NBUF];
	bool too_small, grow;
	unsigned int tries;
	long ret;
	int i;

	lockdep_assert_held(&a->lock);

	/* The request is read once: nothing below looks at user memory again. */
	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	ubuf[SVSM_ATTEST_REPORT] = &req.report;
	ubuf[SVSM_ATTEST_MANIFEST] = &req.manifest;
	ubuf[SVSM_ATTEST_CERTS] = &req.certs;

	if (req.flags)
		return -EINVAL;
	if (!single && (req.manifest_version ||
			memchr_inv(req.service_guid, 0,
				   sizeof(req.service_guid))))
		return -EINVAL;
	for (i = 0; i < SVSM_ATTEST_NBUF; i++) {
		if (ubuf[i]->reserved)
			return -EINVAL;
		offer[i] = min(ubuf[i]->len, svsm_attest_buf_max[i]);
	}

	memcpy(a->nonce, req.nonce, SVSM_ATTEST_NONCE_SIZE);

	for (tries = 1; ; tries++) {
		for (i = 0; i < SVSM_ATTEST_NBUF; i++) {
			/* No certificates asked for: GPA 0, size 0. */
			ret = svsm_attest_kbuf_size(&kb[i], offer[i],
						    i == SVSM_ATTEST_CERTS ?
						    0 : PAGE_SIZE);
			if (ret)
				goto out;
		}
		svsm_attest_fill_op(a, single, &req, kb);

		/* Fresh *_out fields: nothing left over from the last try. */
		memset(&call, 0, sizeof(call));
		call.rax = SVSM_CALL(SVSM_PROTOCOL_ATTEST,
				     single ? SVSM_ATTEST_SINGLE_SERVICE :
				     SVSM_ATTEST_SERVICES);
		call.rcx = virt_to_phys(a->op);
		call.rdx = SVSM_ATTEST_NO_SIZE;
		call.r8 = SVSM_ATTEST_NO_SIZE;
		ret = svsm_call(&call);
		if (ret && (call.rax_out != SVSM_ERR_INVALID_PARAMETER ||
			    !svsm_attest_sizes_set(&call))) {
			dev_dbg(&a->sdev->dev,
				"attestation call %u: result 0x%llx (%ld)\n",
				SVSM_CALL_ID(call.rax), call.rax_out, ret);
			goto out;
		}
		if (!ret && !svsm_attest_sizes_set(&call)) {
			dev_err_ratelimited(&a->sdev->dev,
					    "attestation call succeeded without sizes\n");
			ret = -EIO;
			goto out;
		}

		need[SVSM_ATTEST_REPORT] = call.r8_out;
		need[SVSM_ATTEST_MANIFEST] = call.rcx_out;
		need[SVSM_ATTEST_CERTS] = call.rdx_out;

		too_small = false;
		grow = false;
		for (i = 0; i < SVSM_ATTEST_NBUF; i++) {
			if (need[i] > ubuf[i]->len)
				too_small = true;
			else if (need[i] > offer[i])
				grow = true;
		}
		if (too_small) {
			/* The caller's buffers: tell it what the SVSM needs. */
			for (i = 0; i < SVSM_ATTEST_NBUF; i++)
				ubuf[i]->len = need[i];
			ret = svsm_attest_put_req(ureq, &req);
			if (!ret)
				ret = -ENOSPC;
			goto out;
		}
		if (!ret)
			break;
		if (!grow) {
			/* INVALID_PARAMETER, and every buffer was big enough. */
			ret = -EINVAL;
			goto out;
		}
		for (i = 0; i < SVSM_ATTEST_NBUF; i++) {
			if (need[i] <= offer[i])
				continue;
			if (need[i] > svsm_attest_buf_max[i]) {
				dev_dbg(&a->sdev->dev,
					"%s of %llu bytes, the driver handles %u\n",
					svsm_attest_buf_name[i], need[i],
					svsm_attest_buf_max[i]);
				ret = -E2BIG;
				goto out;
			}
			offer[i] = need[i];
		}
		if (tries >= SVSM_ATTEST_TRIES) {
			ret = -EAGAIN;
			goto out;
		}
	}

	/* Success: the SVSM wrote need[i] bytes into each buffer. */
	for (i = 0; i < SVSM_ATTEST_NBUF; i++) {
		if (need[i] > kb[i].size) {
			dev_err_ratelimited(&a->sdev->dev,
					    "SVSM returned a %s of %llu bytes in a buffer of %u\n",
					    svsm_attest_buf_name[i], need[i],
					    kb[i].size);
			ret = -EIO;
			goto out;
		}
	}
	for (i = 0; i < SVSM_ATTEST_NBUF; i++) {
		if (need[i] &&
		    copy_to_user(u64_to_user_ptr(ubuf[i]->addr), kb[i].va,
				 need[i])) {
			ret = -EFAULT;
			goto out;
		}
		ubuf[i]->len = need[i];
	}
	ret = svsm_attest_put_req(ureq, &req);

out:
	for (i = 0; i < SVSM_ATTEST_NBUF; i++)
		svsm_attest_kbuf_free(&kb[i]);
	memzero_explicit(a->nonce, SVSM_ATTEST_NONCE_SIZE);
	memset(a->op, 0, sizeof(struct svsm_attest_single_op));
	return ret;
}

static int svsm_attest_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return nonseekable_open(inode, file);
}

static long svsm_attest_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	struct svsm_attest *a = &svsm_attest;
	void __user *argp = (void __user *)arg;
	bool single;
	long ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;

	switch (cmd) {
	case SVSM_ATTEST_IOC_SERVICES:
		single = false;
		break;
	case SVSM_ATTEST_IOC_SINGLE_SERVICE:
		single = true;
		break;
	default:
		return -ENOTTY;
	}

	if (mutex_lock_interruptible(&a->lock))
		return -ERESTARTSYS;
	if (a->sdev)
		ret = svsm_attest_do(a, single, argp);
	else
		ret = -ENODEV;
	mutex_unlock(&a->lock);
	return ret;
}

static const struct file_operations svsm_attest_fops = {
	.owner = THIS_MODULE,
	.open = svsm_attest_open,
	.unlocked_ioctl = svsm_attest_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice svsm_attest_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "svsm-attest",
	.mode = 0600,
	.fops = &svsm_attest_fops,
};

/* Free the op and nonce pages; @a->lock held. */
static void svsm_attest_free_pages(struct svsm_attest *a)
{
	if (a->op) {
		memzero_explicit(a->op, PAGE_SIZE);
		free_page((unsigned long)a->op);
	}
	if (a->nonce) {
		memzero_explicit(a->nonce, PAGE_SIZE);
		free_page((unsigned long)a->nonce);
	}
	a->op = NULL;
	a->nonce = NULL;
}

/**
 * svsm_attest_probe() - bind to the SVSM's attestation protocol
 * @sdev: the svsm-bus device of protocol 1
 *
 * Allocates the op and nonce pages and registers /dev/svsm-attest.  The
 * SVSM has one attestation protocol, so there is one device.
 *
 * Return: 0, -EBUSY when already bound, -ENOMEM, or the errno of
 * misc_register().
 */
static int svsm_attest_probe(struct svsm_device *sdev)
{
	struct svsm_attest *a = &svsm_attest;
	int ret;

	mutex_lock(&a->lock);
	if (a->sdev) {
		ret = -EBUSY;
		goto err_unlock;
	}
	a->op = (void *)get_zeroed_page(GFP_KERNEL);
	a->nonce = (void *)get_zeroed_page(GFP_KERNEL);
	if (!a->op || !a->nonce) {
		ret = -ENOMEM;
		goto err_free;
	}
	a->sdev = sdev;
	mutex_unlock(&a->lock);

	/* Outside the lock: an open cannot race with a half-bound device. */
	ret = misc_register(&svsm_attest_misc);
	if (ret) {
		dev_err(&sdev->dev, "misc_register: %d\n", ret);
		mutex_lock(&a->lock);
		a->sdev = NULL;
		goto err_free;
	}
	dev_info(&sdev->dev, "SVSM attestation, protocol 1 versions %u..%u: /dev/%s\n",
		 sdev->min_version, sdev->max_version, svsm_attest_misc.name);
	return 0;

err_free:
	svsm_attest_free_pages(a);
err_unlock:
	mutex_unlock(&a->lock);
	return ret;
}

/**
 * svsm_attest_remove() - unregister /dev/svsm-attest
 * @sdev: the svsm-bus device of protocol 1
 *
 * Files opened before stay usable until closed, but their ioctls fail
 * with -ENODEV: the lock orders this against a running ioctl.
 */
static void svsm_attest_remove(struct svsm_device *sdev)
{
	struct svsm_attest *a = &svsm_attest;

	misc_deregister(&svsm_attest_misc);
	mutex_lock(&a->lock);
	a->sdev = NULL;
	svsm_attest_free_pages(a);
	mutex_unlock(&a->lock);
}

static const struct svsm_device_id svsm_attest_ids[] = {
	{ .protocol = SVSM_PROTOCOL_ATTEST,
	  .min_version = SVSM_ATTEST_VERSION_MIN },
	{ }
};

static struct svsm_driver svsm_attest_driver = {
	.id_table = svsm_attest_ids,
	.probe = svsm_attest_probe,
	.remove = svsm_attest_remove,
	.driver = {
		.name = "svsm-attest",
	},
};

module_svsm_driver(svsm_attest_driver);

MODULE_DESCRIPTION("/dev/svsm-attest: SVSM attestation (protocol 1)");
MODULE_LICENSE("GPL");
/* Protocol 1, any version: the bus matches the minimum version above. */
MODULE_ALIAS("svsm:p00000001v*");
