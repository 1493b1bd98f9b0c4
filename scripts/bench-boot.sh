#!/usr/bin/env bash
# Boot-time comparison in one run: the SVSM firmware vs QEMU's SeaBIOS.
#
# usage: bench-boot.sh [RUNS]   (default 5 runs of each, interleaved)
#
# Measures wall time from QEMU start to the guest's "SVSM-GUEST-EXIT" line
# for a no-op guest script (/init runs it as soon as it has mounted /proc,
# /sys and /dev), i.e. firmware + kernel boot to init, same kernel and
# initramfs, same QEMU command line except -bios.  Timings on TCG are noisy:
# compare the medians' ratio, not absolute numbers.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=${1:-5}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
work=$(mktemp -d /tmp/bench-boot.XXXXXX)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\ntrue\n' >"$work/noop.sh"

declare -a svsm=() seabios=()
for ((i = 1; i <= runs; i++)); do
	for fw in svsm seabios; do
		args=(--script "$work/noop.sh" --timeout 300 --log-dir "$work/$fw-$i")
		[[ $fw == seabios ]] && args+=(--seabios)
		"$REPO/scripts/run-guest.sh" "${args[@]}" >"$work/$fw-$i.out" 2>&1 ||
			die "$fw run $i failed: $(tail -n 3 "$work/$fw-$i.out")"
		t=$(cat "$work/$fw-$i/wall-time")
		if [[ $fw == svsm ]]; then svsm+=("$t"); else seabios+=("$t"); fi
		printf 'run %d %-8s %6.2f s\n' "$i" "$fw" "$t"
	done
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms=$(median "${svsm[@]}")
mb=$(median "${seabios[@]}")
printf 'median: svsm %.2f s, seabios %.2f s, ratio svsm/seabios %.2f (%d runs each)\n' \
	"$ms" "$mb" "$(awk -v a="$ms" -v b="$mb" 'BEGIN { print a / b }')" "$runs"
