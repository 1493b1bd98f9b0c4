#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Core-protocol conformance of the SVSM and the svsm-bus module, run
# INSIDE the guest (busybox sh):
#
#   scripts/run-guest.sh --script tests/guest/conformance.sh
#
# KTAP on stdout:
#   1 load_svsm_bus          modprobe svsm-bus raw_calls=1; /dev/svsm-raw
#   2 bus_devices            /sys/bus/svsm/devices: exactly one device per
#                            protocol QUERY_PROTOCOL reports (0..15), with
#                            matching protocol/min_version/max_version
#   3 svsm_core_test         the raw-call conformance suite, nested
#   4 reload_stress          RELOADS x (rmmod; modprobe), devices every time
#   5 dmesg_clean            no WARNING/BUG/Oops/leak/refcount/list_add/
#                            list_del/segfault line appeared during the run
#   6 unload_svsm_bus        final rmmod
# Without the SVSM (e.g. --seabios) everything reports SKIP.
# Exit status 0 when nothing failed, 1 otherwise.

MOD=svsm-bus
MODNAME=svsm_bus
RELOADS=${RELOADS:-100}
BAD_RE='WARNING|BUG|Oops|leak|refcount|list_add|list_del|segfault'
TMP=/tmp/conformance.$$

lib=/usr/share/svsm-tests
[ -r "$lib/_lib.sh" ] || lib=$(dirname "$0")
# shellcheck source=tests/guest/_lib.sh
. "$lib/_lib.sh"

echo "KTAP version 1"
echo "1..6"

# The devices on the bus as sorted "protocol min max" lines.
bus_devices() {
	for d in /sys/bus/svsm/devices/*; do
		[ -e "$d/protocol" ] || continue
		echo "$(cat "$d/protocol") $(cat "$d/min_version") $(cat "$d/max_version")"
	done | sort -n
}

# Compare the bus's devices with $TMP.expected; diagnostics on mismatch.
devices_match() {
	bus_devices >"$TMP.devices"
	if cmp -s "$TMP.expected" "$TMP.devices"; then
		return 0
	fi
	diag "QUERY_PROTOCOL reports (protocol min max):"
	diag_lines <"$TMP.expected"
	diag "/sys/bus/svsm/devices has:"
	diag_lines <"$TMP.devices"
	return 1
}

test_load() {
	if loaded "$MODNAME"; then
		rmmod "$MODNAME" 2>/dev/null
	fi
	if ! out=$(modprobe "$MOD" raw_calls=1 2>&1); then
		diag "modprobe $MOD raw_calls=1 failed:"
		echo "$out" | diag_lines
		dmesg | tail -n 20 | diag_lines
		result fail load_svsm_bus
		return 1
	fi
	if [ ! -c /dev/svsm-raw ]; then
		diag "/dev/svsm-raw missing after modprobe $MOD raw_calls=1"
		find /dev -name '*svsm*' | diag_lines
		result fail load_svsm_bus
		return 1
	fi
	result ok load_svsm_bus
}

test_devices() {
	if ! svsm_core_test --list-protocols >"$TMP.expected" 2>"$TMP.err"; then
		diag "svsm_core_test --list-protocols failed:"
		diag_lines <"$TMP.err"
		result fail bus_devices
		return
	fi
	sort -n "$TMP.expected" -o "$TMP.expected"
	diag "served protocols (protocol min max): $(tr '\n' ';' <"$TMP.expected")"
	n=$(find /sys/bus/svsm/devices/ -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
	want=$(wc -l <"$TMP.expected")
	if [ "$n" -ne "$want" ]; then
		diag "$n device(s) on the bus, $want protocol(s) served"
		find /sys/bus/svsm/devices/ -mindepth 1 -maxdepth 1 2>&1 | diag_lines
	fi
	if [ "$n" -eq "$want" ] && [ "$want" -gt 0 ] && devices_match; then
		result ok bus_devices
	else
		result fail bus_devices
	fi
}

test_core() {
	run_nested svsm_core_test "$TMP.core"
}

test_reload() {
	i=0
	bad=0
	while [ "$i" -lt "$RELOADS" ]; do
		i=$((i + 1))
		if ! out=$(rmmod "$MODNAME" 2>&1); then
			diag "reload $i: rmmod $MODNAME failed: $out"
			lsmod | diag_lines
			bad=$((bad + 1))
			break
		fi
		if [ -e /sys/bus/svsm ]; then
			diag "reload $i: /sys/bus/svsm still present after rmmod"
			bad=$((bad + 1))
		fi
		# Alternate with and without the raw-call device.
		if ! out=$(modprobe "$MOD" raw_calls=$((i % 2)) 2>&1); then
			diag "reload $i: modprobe $MOD failed: $out"
			bad=$((bad + 1))
			break
		fi
		if ! devices_match; then
			diag "reload $i: devices differ"
			bad=$((bad + 1))
			[ "$bad" -lt 5 ] || break
		fi
	done
	diag "$i reload(s), $bad problem(s)"
	# The SVSM still answers through the bus afterwards.
	if [ "$bad" -eq 0 ]; then
		rmmod "$MODNAME" && modprobe "$MOD" raw_calls=1 || bad=$((bad + 1))
		if ! svsm_core_test --list-protocols >"$TMP.after" 2>&1 ||
			! cmp -s "$TMP.expected" "$TMP.after"; then
			diag "after the reloads QUERY_PROTOCOL says:"
			diag_lines <"$TMP.after"
			bad=$((bad + 1))
		fi
	fi
	if [ "$bad" -eq 0 ]; then
		result ok reload_stress
	else
		result fail reload_stress
	fi
}

test_dmesg() {
	dmesg_capture "$TMP.dmesg"
	grep -E "$BAD_RE" "$TMP.dmesg" >"$TMP.bad"
	if dmesg_suspicious "$TMP.bad"; then
		diag "context of the first one:"
		grep -m 1 -E -B 3 -A 30 "$BAD_RE" "$TMP.dmesg" | diag_lines
		result fail dmesg_clean
	else
		result ok dmesg_clean
	fi
}

test_unload() {
	if ! out=$(rmmod "$MODNAME" 2>&1); then
		diag "rmmod $MODNAME failed: $out"
		result fail unload_svsm_bus
	elif [ -e /sys/bus/svsm ] || [ -e /dev/svsm-raw ]; then
		diag "/sys/bus/svsm or /dev/svsm-raw left behind"
		result fail unload_svsm_bus
	else
		result ok unload_svsm_bus
	fi
}

dmesg_set_mark
if ! svsm-cpuid >/dev/null 2>&1; then
	why="not on the SVSM emulated platform"
	skip_rest load_svsm_bus bus_devices svsm_core_test reload_stress \
		dmesg_clean unload_svsm_bus
elif ! test_load; then
	why="svsm-bus did not load"
	skip_rest bus_devices svsm_core_test reload_stress
	test_dmesg
	why="svsm-bus not loaded"
	skip_rest unload_svsm_bus
else
	test_devices
	test_core
	test_reload
	test_dmesg
	test_unload
fi
rm -f "$TMP".*

diag "$failed of $test_nr failed"
[ "$failed" -eq 0 ]
