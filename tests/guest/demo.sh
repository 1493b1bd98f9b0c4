#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# "make run": what a user of the stack sees from inside the guest.
# svsm-guest-append: iomem=relaxed
# svsm-guest-initramfs: --with-tpm2-tools

section() { printf '\n==== %s\n' "$*"; }

section "The SVSM as the guest finds it (CPUID 0x40000000-0x40000002)"
if info=$(svsm-cpuid); then
	# shellcheck disable=SC2086 # split "base size caa" into words
	set -- $info
	echo "SVSM region $1 size $2, boot calling area $3"
else
	echo "no SVSM (not on the emulated platform)"
fi

section "Guest memory map and ACPI (the SVSM region is absent)"
dmesg | grep -E 'BIOS-e820|ACPI: (RSDP|RSDT|XSDT|FACP|DSDT|APIC)' | sed 's/^\[[^]]*\] //'

section "SVSM calls from a kernel module (QUERY_PROTOCOL, error codes)"
modprobe svsm_emu_probe && dmesg | sed -n 's/.*svsm_emu_probe: //p'
rmmod svsm_emu_probe 2>/dev/null

section "SVSM bus: one device per protocol the SVSM serves"
modprobe svsm-bus
for d in /sys/bus/svsm/devices/*; do
	[ -e "$d/protocol" ] || continue
	echo "$(basename "$d"): protocol $(cat "$d/protocol")," \
		"versions $(cat "$d/min_version")-$(cat "$d/max_version")," \
		"modalias $(cat "$d/modalias")"
done
# No udev here: load the drivers the modaliases name, as udev would.
for d in /sys/bus/svsm/devices/*; do
	[ -e "$d/modalias" ] && modprobe "$(cat "$d/modalias")" 2>/dev/null
done
lsmod | grep -E '^(svsm|tpm)' || true
ls -l /dev/tpm0 /dev/tpmrm0 /dev/svsm-attest

section "The vTPM in the SVSM, through /dev/tpmrm0 with tpm2-tools"
export TPM2TOOLS_TCTI=device:/dev/tpmrm0
echo "\$ tpm2_getrandom 16 --hex"
tpm2_getrandom 16 --hex
echo
echo "\$ tpm2_createek -G rsa -c /tmp/ek.ctx -u /tmp/ek.pub && tpm2_readpublic -c /tmp/ek.ctx"
tpm2_createek -G rsa -c /tmp/ek.ctx -u /tmp/ek.pub && tpm2_readpublic -c /tmp/ek.ctx | head -n 12

section "Attestation: report -> EK in the manifest -> credential activation -> quote"
sh /usr/share/svsm-tests/attest_loop.sh

section "Isolation: SVSM memory, firmware ROM and fw_cfg from the guest"
isolation_test
exit 0
