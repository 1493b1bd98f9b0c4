// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/svsm-raw: raw SVSM calls from user space, for the conformance
 * suite only (include/svsm/raw_call.h).
 *
 * The device exists only when the module is loaded with raw_calls=1, is
 * mode 0600, and every open, ioctl and mmap needs CAP_SYS_RAWIO: a raw
 * call can remap the calling area, rescind page validation or hand the
 * SVSM any address.
 *
 * SVSM_RAW_IOC_CALL issues one call as is (no retries) on the CPU the
 * caller runs on.  The ioctl returns 0 when the call was issued, whatever
 * the SVSM answered: the result is in the structure.  A REMAP_CA that
 * succeeds moves the bus's calling area: to a page of the scratch area or
 * back to the bus's own page it stays there; anywhere else the bus moves
 * it straight back to its own page and the ioctl fails with EINVAL (the
 * structure still holds the SVSM's answer).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/svsm_bus.h>
#include <linux/uaccess.h>

#include <svsm/raw_call.h>

#include "compat.h"
#include "svsm-bus.h"

static bool raw_calls;
module_param(raw_calls, bool, 0444);
MODULE_PARM_DESC(raw_calls,
		 "Create /dev/svsm-raw for conformance tests (root only; never in production)");

/*
 * 4 MiB, physically contiguous and (as every buddy allocation) naturally
 * aligned, so it holds whole 2 MiB blocks for the PVALIDATE size tests.
 * Allocated only when raw_calls=1.
 */
#define SVSM_SCRATCH_ORDER 10

static struct page *svsm_scratch_pages;
static struct svsm_scratch svsm_scratch;

static int svsm_raw_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;
	return nonseekable_open(inode, file);
}

static long svsm_raw_ioc_call(struct svsm_raw_call __user *argp)
{
	struct svsm_raw_call rc;
	struct svsm_regs regs;
	bool issued;
	u8 pending = 0;
	u32 cpu = 0;
	int ret;

	if (copy_from_user(&rc, argp, sizeof(rc)))
		return -EFAULT;
	if (rc.flags & ~SVSM_RAW_F_NO_PENDING)
		return -EINVAL;

	regs.rax = rc.rax;
	regs.rcx = rc.rcx;
	regs.rdx = rc.rdx;
	regs.r8 = rc.r8;
	regs.r9 = rc.r9;
	ret = svsm_call_raw(&regs, !(rc.flags & SVSM_RAW_F_NO_PENDING),
			    &svsm_scratch, &issued, &cpu, &pending);
	if (!issued)
		return ret;

	rc.rax = regs.rax;
	rc.rcx = regs.rcx;
	rc.rdx = regs.rdx;
	rc.r8 = regs.r8;
	rc.r9 = regs.r9;
	rc.cpu = cpu;
	rc.error = svsm_result_to_errno(regs.rax);
	rc.pending_after = pending;
	if (copy_to_user(argp, &rc, sizeof(rc)))
		return -EFAULT;
	return ret;
}

static long svsm_raw_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct svsm_raw_scratch scratch;

	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;

	switch (cmd) {
	case SVSM_RAW_IOC_CALL:
		return svsm_raw_ioc_call(argp);
	case SVSM_RAW_IOC_SCRATCH:
		scratch.gpa = svsm_scratch.pa;
		scratch.size = svsm_scratch.size;
		return copy_to_user(argp, &scratch, sizeof(scratch)) ?
		       -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

/*
 * Shared mappings of the scratch area from offset 0.  vm_insert_page()
 * takes a reference on each page, so a mapping that outlives the module
 * keeps its pages.
 */
static int svsm_raw_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;
	unsigned long i;
	int ret;

	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;
	if (vma->vm_pgoff || size > svsm_scratch.size ||
	    !(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	svsm_compat_vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	for (i = 0; i < size >> PAGE_SHIFT; i++) {
		ret = vm_insert_page(vma, vma->vm_start + (i << PAGE_SHIFT),
				     svsm_scratch_pages + i);
		if (ret)
			return ret;
	}
	return 0;
}

static const struct file_operations svsm_raw_fops = {
	.owner = THIS_MODULE,
	.open = svsm_raw_open,
	.unlocked_ioctl = svsm_raw_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = svsm_raw_mmap,
};

static struct miscdevice svsm_raw_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "svsm-raw",
	.mode = 0600,
	.fops = &svsm_raw_fops,
};

static bool svsm_raw_registered;

int svsm_raw_init(void)
{
	struct page *pages;
	int ret;

	if (!raw_calls)
		return 0;

	pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, SVSM_SCRATCH_ORDER);
	if (!pages)
		return -ENOMEM;
	/* Single pages with their own reference count, for vm_insert_page(). */
	split_page(pages, SVSM_SCRATCH_ORDER);
	svsm_scratch_pages = pages;
	svsm_scratch.pa = page_to_phys(pages);
	svsm_scratch.va = page_address(pages);
	svsm_scratch.size = PAGE_SIZE << SVSM_SCRATCH_ORDER;

	ret = misc_register(&svsm_raw_dev);
	if (ret) {
		svsm_raw_free();
		return ret;
	}
	svsm_raw_registered = true;
	pr_info("raw calls enabled: %s, scratch area %pa, %zu bytes\n",
		SVSM_RAW_DEVICE, &svsm_scratch.pa, svsm_scratch.size);
	return 0;
}

/* No more raw calls; the scratch area stays until svsm_raw_free(). */
void svsm_raw_exit(void)
{
	if (svsm_raw_registered)
		misc_deregister(&svsm_raw_dev);
	svsm_raw_registered = false;
}

/* After svsm_calls_exit(): free the scratch area unless the SVSM holds it. */
void svsm_raw_free(void)
{
	unsigned long i;

	if (!svsm_scratch_pages)
		return;
	if (svsm_calls_hold(svsm_scratch.pa, svsm_scratch.size)) {
		pr_err("scratch area leaked: the SVSM still uses a calling area in it\n");
	} else {
		for (i = 0; i < 1UL << SVSM_SCRATCH_ORDER; i++)
			__free_page(svsm_scratch_pages + i);
	}
	svsm_scratch_pages = NULL;
	svsm_scratch.pa = 0;
	svsm_scratch.va = NULL;
	svsm_scratch.size = 0;
}
