#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# "make run": what a user of the stack sees from inside the guest.
# svsm-guest-append: iomem=relaxed

section() { printf '\n==== %s\n' "$*"; }

section "The SVSM as the guest finds it (CPUID 0x40000000-0x40000002)"
if info=$(svsm-cpuid); then
	set -- $info
	echo "SVSM region $1 size $2, boot calling area $3"
else
	echo "no SVSM (not on the emulated platform)"
fi

section "Guest memory map and ACPI (the SVSM region is absent)"
dmesg | grep -E 'BIOS-e820|ACPI: (RSDP|RSDT|XSDT|FACP|DSDT|APIC)' | sed 's/^\[[^]]*\] //'

section "SVSM bus: one device per protocol the SVSM serves"
if modprobe svsm-bus 2>/dev/null; then
	for d in /sys/bus/svsm/devices/*; do
		[ -e "$d/protocol" ] || continue
		echo "$(basename "$d"): protocol $(cat "$d/protocol")," \
			"versions $(cat "$d/min_version")-$(cat "$d/max_version")," \
			"modalias $(cat "$d/modalias")"
	done
	rmmod svsm-bus
else
	echo "(svsm-bus module not built yet)"
fi

section "SVSM calls from a kernel module (QUERY_PROTOCOL, error codes)"
modprobe svsm_emu_probe && dmesg | sed -n 's/.*svsm_emu_probe: //p'
rmmod svsm_emu_probe 2>/dev/null

section "Isolation: SVSM memory, firmware ROM and fw_cfg from the guest"
isolation_test
exit 0
