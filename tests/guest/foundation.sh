#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's kernel has CONFIG_IO_STRICT_DEVMEM: /dev/mem refuses the SVSM
# range (Linux files it as a busy "RAM buffer"), so the isolation probe
# needs the documented relaxation to attempt its reads at all:
# svsm-guest-append: iomem=relaxed
#
# Foundation test of the SVSM emulated platform, run INSIDE the guest
# (busybox sh):
#
#   scripts/run-guest.sh --script tests/guest/foundation.sh
#   scripts/run-guest.sh --seabios --script tests/guest/foundation.sh
#
# KTAP on stdout (only KTAP lines and "# " diagnostics):
#   1 acpi_tables            the kernel found the ACPI tables (RSDP, FACP/DSDT)
#   2 e820_excludes_svsm     no BIOS-e820 entry in dmesg covers SVSM memory
#   3 svsm_emu_probe         the probe module's KTAP from dmesg, nested
#   4 svsm_emu_probe_reload  the same again after rmmod (calling area restored)
#   5 isolation_test         isolation_test's KTAP, nested
# Without the SVSM (e.g. SeaBIOS) the SVSM checks report SKIP.
# Exit status 0 when nothing failed, 1 otherwise.

PROBE=svsm_emu_probe
svsm_base=
svsm_size=

lib=/usr/share/svsm-tests
[ -r "$lib/_lib.sh" ] || lib=$(dirname "$0")
# shellcheck source=tests/guest/_lib.sh
. "$lib/_lib.sh"

echo "KTAP version 1"
echo "1..5"

# Sets svsm_base and svsm_size; fails when the SVSM signature is absent.
svsm_region() {
	out=$(svsm-cpuid 2>/dev/null) || return 1
	# shellcheck disable=SC2086 # split "base size caa" into words
	set -- $out
	svsm_base=$(($1))
	svsm_size=$(($2))
}

test_acpi() {
	log=$(dmesg)
	rsdp=$(echo "$log" | grep -c 'ACPI: RSDP')
	tables=$(echo "$log" | grep -cE 'ACPI: (FACP|DSDT)')
	if [ "$rsdp" -gt 0 ] && [ "$tables" -gt 0 ]; then
		result ok acpi_tables
	else
		diag "dmesg: $rsdp RSDP line(s), $tables FACP/DSDT line(s)"
		echo "$log" | grep 'ACPI' | head -n 20 | diag_lines
		result fail acpi_tables
	fi
}

test_e820() {
	if [ -z "$svsm_size" ]; then
		result skip e820_excludes_svsm "not on the SVSM emulated platform"
		return
	fi
	end=$((svsm_base + svsm_size))
	entries=0
	bad=0
	tmp=/tmp/e820.$$
	dmesg | sed -n 's/.*BIOS-e820: \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] \(.*\)$/\1 \2 \3/p' >"$tmp"
	while read -r s e type; do
		entries=$((entries + 1))
		# e820 ranges are inclusive
		if [ $((s)) -lt "$end" ] && [ $((e)) -ge "$svsm_base" ]; then
			diag "e820 [$s-$e] $type overlaps SVSM memory"
			bad=$((bad + 1))
		fi
	done <"$tmp"
	rm -f "$tmp"
	if [ "$entries" -eq 0 ]; then
		diag "no BIOS-e820 lines in dmesg"
		result fail e820_excludes_svsm
	elif [ "$bad" -eq 0 ]; then
		result ok e820_excludes_svsm
	else
		result fail e820_excludes_svsm
	fi
}

# The probe module's lines in dmesg, without timestamp and prefix.
probe_lines() {
	dmesg | sed -n "s/^\[[^]]*\] *//; s/^$PROBE: //p"
}

# Load the probe module, nest its KTAP, unload it.
test_probe() {
	name=$1
	tmp=/tmp/probe.$$
	runs=$(probe_lines | grep -c '^KTAP version')
	if ! out=$(modprobe "$PROBE" 2>&1); then
		diag "modprobe $PROBE failed:"
		echo "$out" | diag_lines
		dmesg | tail -n 30 | diag_lines
		result fail "$name"
		return
	fi
	probe_lines >"$tmp"
	if [ "$(grep -c '^KTAP version' "$tmp")" -le "$runs" ]; then
		diag "no KTAP output from $PROBE in dmesg"
		dmesg | tail -n 30 | diag_lines
		sub_verdict=fail
		sub_reason=
	else
		# The last run's lines; anything else becomes a diagnostic.
		awk '/^KTAP version/ { n = 0 } { buf[n++] = $0 }
		     END { for (i = 0; i < n; i++) print buf[i] }' "$tmp" |
			sed -e '/^KTAP version /b' -e '/^[0-9]*\.\.[0-9]/b' \
				-e '/^ok /b' -e '/^not ok /b' -e '/^#/b' \
				-e 's/^/# /' >"$tmp.ktap"
		nested <"$tmp.ktap"
	fi
	rm -f "$tmp" "$tmp.ktap"
	if ! out=$(rmmod "$PROBE" 2>&1); then
		diag "rmmod $PROBE failed:"
		echo "$out" | diag_lines
		sub_verdict=fail
	fi
	result "$sub_verdict" "$name" "$sub_reason"
}

test_isolation() {
	tmp=/tmp/iso.$$
	run_nested isolation_test "$tmp"
	rm -f "$tmp"
}

if svsm_region; then
	diag "SVSM base $(printf '0x%x' "$svsm_base") size $(printf '0x%x' "$svsm_size")"
else
	diag "no SVSM CPUID signature: SVSM checks skip"
fi

test_acpi
test_e820
test_probe "$PROBE"
test_probe "${PROBE}_reload"
test_isolation

diag "$failed of $test_nr failed"
[ "$failed" -eq 0 ]
