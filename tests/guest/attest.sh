#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Attestation test (protocol 1 and the svsm-attest driver), run INSIDE the
# guest (busybox sh); see docs/attest-driver.md:
#
#   scripts/run-guest.sh --script tests/guest/attest.sh
#
# KTAP on stdout:
#   1 svsm_bus_load          modprobe svsm-bus raw_calls=1 (with a uevent
#                            helper that autoloads drivers by MODALIAS)
#   2 modalias               modules.alias maps svsm:p00000001v* to
#                            svsm_attest
#   3 svsm_attest_bound      svsm-attest bound to svsm-p1 (by autoload,
#                            else explicit modprobe; a diagnostic says which)
#   4 device_node            /dev/svsm-attest: character device, 0600, root
#   5 svsm_attest_test       the conformance test's KTAP, nested
#   6 unbind_bind            sysfs unbind removes the node, bind restores it
#   7 reload                 svsm-attest + svsm-bus unloaded/reloaded
#                            RELOADS times, the node back every time
#   8 dmesg_clean            no WARNING/BUG/Oops/... and no svsm error line
#   9 unload                 rmmod svsm_attest, the node is gone
# Without protocol 1 (the SVSM serves none) cases 3-9 report SKIP; without
# the SVSM (e.g. --seabios) everything does.  More cases: bump PLAN.
# Exit status 0 when nothing failed, 1 otherwise.

PLAN=9
RELOADS=${RELOADS:-3}
W=/tmp/attest-test
DEV=/dev/svsm-attest
P1=/sys/bus/svsm/devices/svsm-p1
DRV=/sys/bus/svsm/drivers/svsm-attest
BAD_RE='WARNING|BUG|Oops|Call Trace|leak|refcount|list_add|list_del|segfault|general protection'

have_p1=0

lib=/usr/share/svsm-tests
[ -r "$lib/_lib.sh" ] || lib=$(dirname "$0")
# shellcheck source=tests/guest/_lib.sh
. "$lib/_lib.sh"

mkdir -p "$W"
cd "$W" || exit 1

echo "KTAP version 1"
echo "1..$PLAN"

# Wait up to $1 seconds for svsm-attest to bind svsm-p1 and the node.
# (The wait_* helpers count with their own variables: callers loop too.)
wait_bound() {
	wb_n=0
	while [ "$wb_n" -lt "$1" ]; do
		[ -e "$DRV/svsm-p1" ] && [ -c "$DEV" ] && return 0
		sleep 1
		wb_n=$((wb_n + 1))
	done
	return 1
}

# Wait up to $1 seconds for the node to go away.
wait_gone() {
	wg_n=0
	while [ "$wg_n" -lt "$1" ]; do
		[ -e "$DEV" ] || return 0
		sleep 1
		wg_n=$((wg_n + 1))
	done
	return 1
}

# Unload svsm-attest, the vTPM driver (it holds the bus too) and the bus.
unload_all() {
	unload_modules svsm_attest tpm_svsm svsm_bus
}

test_bus() {
	start_hotplug
	if loaded svsm_bus; then
		unload_all
	fi
	if ! run modprobe svsm-bus raw_calls=1; then
		dmesg | tail -n 20 | diag_lines
		result fail svsm_bus_load
		return 1
	fi
	for d in /sys/bus/svsm/devices/*; do
		[ -e "$d/modalias" ] && diag "$(basename "$d"): $(cat "$d/modalias")"
	done
	if [ -e "$P1" ]; then
		have_p1=1
		diag "svsm-p1: versions $(cat "$P1/min_version")..$(cat "$P1/max_version")"
	else
		diag "the SVSM serves no protocol 1: the driver has nothing to bind"
	fi
	result ok svsm_bus_load
}

test_modalias() {
	aliases=/lib/modules/$(uname -r)/modules.alias
	if grep -q '^alias svsm:p00000001v\* svsm_attest$' "$aliases"; then
		result ok modalias
	else
		diag "no 'alias svsm:p00000001v* svsm_attest' in $aliases:"
		grep svsm "$aliases" | diag_lines
		result fail modalias
	fi
}

test_bound() {
	if wait_bound 10; then
		diag "svsm-attest autoloaded (uevent MODALIAS -> modprobe)"
		result ok svsm_attest_bound
		return
	fi
	diag "svsm-attest not autoloaded within 10 s; hotplug log:"
	diag_lines <"$W/hotplug.log"
	if run modprobe svsm-attest && wait_bound 10; then
		diag "svsm-attest bound after an explicit modprobe"
		result ok svsm_attest_bound
	else
		dmesg | tail -n 20 | diag_lines
		result fail svsm_attest_bound
	fi
}

# "c 0600 0" when $DEV is a character device 0600 owned by root.
node_mode() {
	# shellcheck disable=SC2012 # busybox: no stat -c in every build
	ls -ln "$DEV" 2>/dev/null | awk '{ print substr($1, 1, 1), $1, $3 }'
}

test_node() {
	m=$(node_mode)
	if [ "$m" = "c crw------- 0" ]; then
		result ok device_node
	else
		diag "$DEV: '$m', expected a character device crw------- of uid 0"
		result fail device_node
	fi
}

test_selftest() {
	run_nested svsm_attest_test "$W/st"
}

test_unbind_bind() {
	ok=1
	if ! echo svsm-p1 >"$DRV/unbind"; then
		diag "unbind failed"
		ok=0
	elif ! wait_gone 5; then
		diag "$DEV still present after unbind"
		ok=0
	fi
	if ! echo svsm-p1 >"$DRV/bind"; then
		diag "bind failed"
		ok=0
	elif ! wait_bound 5; then
		diag "$DEV not back after bind"
		ok=0
	fi
	if [ "$ok" -eq 1 ]; then
		result ok unbind_bind
	else
		result fail unbind_bind
	fi
}

test_reload() {
	ok=1
	round=1
	while [ "$round" -le "$RELOADS" ]; do
		if ! unload_all; then
			ok=0
			break
		fi
		if [ -e "$DEV" ]; then
			diag "round $round: $DEV still present after rmmod"
			ok=0
		fi
		if ! run modprobe svsm-bus raw_calls=$((round % 2)); then
			ok=0
			break
		fi
		# Odd rounds rely on autoload, even rounds load explicitly.
		[ $((round % 2)) -eq 0 ] && run modprobe svsm-attest
		if ! wait_bound 10; then
			diag "round $round: svsm-attest did not bind"
			ok=0
			break
		fi
		if [ "$(node_mode)" != "c crw------- 0" ]; then
			diag "round $round: $DEV is '$(node_mode)'"
			ok=0
		fi
		round=$((round + 1))
	done
	diag "$((round - 1)) reload(s)"
	if [ "$ok" -eq 1 ]; then
		result ok reload
	else
		result fail reload
	fi
}

test_dmesg() {
	dmesg_capture "$W/dmesg"
	{
		grep -E "$BAD_RE" "$W/dmesg"
		grep -iE 'svsm.attest' "$W/dmesg" | grep -iE 'error|fail|invalid'
	} >"$W/bad"
	if dmesg_suspicious "$W/bad"; then
		result fail dmesg_clean
	else
		result ok dmesg_clean
	fi
}

test_unload() {
	if ! run rmmod svsm_attest; then
		result fail unload
	elif [ -e "$DEV" ] || [ -e "$DRV" ]; then
		diag "$DEV or $DRV left behind"
		result fail unload
	else
		result ok unload
	fi
}

dmesg_set_mark
if ! svsm-cpuid >/dev/null 2>&1; then
	why="not on the SVSM emulated platform"
	skip_rest svsm_bus_load modalias svsm_attest_bound device_node \
		svsm_attest_test unbind_bind reload dmesg_clean unload
elif ! test_bus; then
	test_modalias
	why="svsm-bus did not load"
	skip_rest svsm_attest_bound device_node svsm_attest_test \
		unbind_bind reload dmesg_clean unload
else
	test_modalias
	if [ "$have_p1" -eq 0 ]; then
		# The test still runs: it must skip cleanly.
		why="the SVSM serves no protocol 1 (no svsm-p1)"
		skip_rest svsm_attest_bound device_node
		test_selftest
		skip_rest unbind_bind reload
		test_dmesg
		skip_rest unload
	else
		test_bound
		test_node
		test_selftest
		test_unbind_bind
		test_reload
		test_dmesg
		test_unload
	fi
fi
stop_hotplug
rm -f "$W"/st "$W"/out "$W"/dmesg "$W"/bad

diag "$failed of $test_nr failed"
[ "$failed" -eq 0 ]
