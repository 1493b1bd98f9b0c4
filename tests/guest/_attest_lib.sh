#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# shellcheck disable=SC2034 # the variables are for the scripts that source this
# Helpers for attest_tool.sh and attest_loop.sh (sourced inside the guest
# from /usr/share/svsm-tests/_attest_lib.sh; not a test: the name starts
# with "_").
# The shared ones (result, run, ...) are in _lib.sh.

lib=/usr/share/svsm-tests
[ -r "$lib/_lib.sh" ] || lib=$(dirname "$0")
# shellcheck source=tests/guest/_lib.sh
. "$lib/_lib.sh"

# run shows more of a failed command's output here.
RUN_TAIL=30

ANCHOR_DIR=/usr/share/svsm-tests/attest
ARK=$ANCHOR_DIR/ark.pem
OTHER_ARK=$ANCHOR_DIR/other-ark.pem
P1=/sys/bus/svsm/devices/svsm-p1
P2=/sys/bus/svsm/devices/svsm-p2

# flip_byte FILE OFFSET: xor the byte at OFFSET with 1 (busybox only).
flip_byte() {
	v=$(od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' ')
	v=$((v ^ 1))
	# shellcheck disable=SC2059 # the octal escape is the format
	printf "\\$(printf '%03o' "$v")" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# le32 N: four little-endian bytes.
le32() {
	# shellcheck disable=SC2059
	printf "\\$(printf '%03o' $(($1 & 255)))\\$(printf '%03o' $((($1 >> 8) & 255)))\\$(printf '%03o' $((($1 >> 16) & 255)))\\$(printf '%03o' $((($1 >> 24) & 255)))"
}

# attest_setup: load svsm-bus and svsm-attest; sets attest_why to a skip
# reason, empty when /dev/svsm-attest is there.  Returns 1 on a failure
# that must count as one (the module would not load).
attest_why=
attest_setup() {
	if ! svsm-cpuid >/dev/null 2>&1; then
		attest_why="not on the SVSM emulated platform"
		return 0
	fi
	[ -d /sys/bus/svsm ] || run modprobe svsm-bus || return 1
	if [ ! -e "$P1" ]; then
		attest_why="the SVSM serves no attestation protocol (no svsm-p1): firmware attestation not there yet"
		return 0
	fi
	[ -c /dev/svsm-attest ] || run modprobe svsm-attest || return 1
	i=0
	while [ ! -c /dev/svsm-attest ] && [ "$i" -lt 5 ]; do
		sleep 1
		i=$((i + 1))
	done
	[ -c /dev/svsm-attest ] || { diag "svsm-p1 is there but /dev/svsm-attest is not"; return 1; }
	diag "/dev/svsm-attest by $(basename "$(readlink "$P1/driver" 2>/dev/null)")"
	return 0
}
