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
test_nr=0
failed=0

echo "KTAP version 1"
echo "1..6"

diag() {
	echo "# $*"
}

diag_lines() {
	sed -e 's/^/# /'
}

# result ok|fail|skip NAME [SKIP REASON]
result() {
	test_nr=$((test_nr + 1))
	case "$1" in
	ok) echo "ok $test_nr $2" ;;
	skip) echo "ok $test_nr $2 # SKIP $3" ;;
	*)
		echo "not ok $test_nr $2"
		failed=$((failed + 1))
		;;
	esac
}

# KTAP of a child test (stdin) -> sub_verdict ok|fail|skip, sub_reason.
# The lines are passed through indented by two spaces.
nested() {
	sub_verdict=fail
	sub_reason=
	n_plan=
	n_seen=0
	n_bad=0
	while IFS= read -r n_line; do
		echo "  $n_line"
		case "$n_line" in
		"1..0 # SKIP"*)
			n_plan=0
			sub_reason=${n_line#1..0 # SKIP }
			;;
		1..*) n_plan=${n_line#1..} ;;
		"not ok "*)
			n_seen=$((n_seen + 1))
			n_bad=$((n_bad + 1))
			;;
		"ok "*) n_seen=$((n_seen + 1)) ;;
		esac
	done
	case "$n_plan" in
	"") diag "no KTAP plan" ;;
	0) sub_verdict=skip ;;
	*[!0-9]*) diag "bad KTAP plan '$n_plan'" ;;
	*)
		if [ "$n_seen" -ne "$n_plan" ]; then
			diag "$n_seen of $n_plan results"
		elif [ "$n_bad" -eq 0 ]; then
			sub_verdict=ok
		fi
		;;
	esac
}

loaded() {
	grep -q "^$MODNAME " /proc/modules
}

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

# dmesg lines after the first $1 ones.
dmesg_since() {
	dmesg | sed -n "$(($1 + 1)),\$p"
}

test_load() {
	if loaded; then
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
	if ! command -v svsm_core_test >/dev/null 2>&1; then
		diag "svsm_core_test not installed"
		result fail svsm_core_test
		return
	fi
	svsm_core_test >"$TMP.core" 2>&1
	rc=$?
	nested <"$TMP.core"
	case "$rc" in
	0) [ "$sub_verdict" = ok ] || diag "svsm_core_test exited 0, KTAP says $sub_verdict" ;;
	4)
		sub_verdict=skip
		sub_reason=${sub_reason:-all tests skipped}
		;;
	*)
		diag "svsm_core_test exited $rc"
		sub_verdict=fail
		;;
	esac
	result "$sub_verdict" svsm_core_test "$sub_reason"
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
	dmesg_since "$dmesg_start" >"$TMP.dmesg"
	diag "$(wc -l <"$TMP.dmesg") new dmesg line(s) during the run"
	if grep -E "$BAD_RE" "$TMP.dmesg" >"$TMP.bad"; then
		diag "suspicious kernel messages:"
		head -n 20 "$TMP.bad" | diag_lines
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

skip_rest() {
	for name in "$@"; do
		result skip "$name" "$why"
	done
}

dmesg_start=$(dmesg | wc -l)
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
