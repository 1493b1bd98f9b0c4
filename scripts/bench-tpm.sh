#!/usr/bin/env bash
# TPM command latency in one run: the SVSM vTPM vs QEMU's tpm-crb + swtpm.
#
# usage: bench-tpm.sh [ITERATIONS]   (default 200 of each command)
#
# Boots two guests with the same kernel and guest script, one after the other:
#   ours     the SVSM firmware; the guest loads svsm-bus raw_calls=1 and
#            tpm-svsm, then runs 'tpm-bench /dev/tpm0 -n ITERATIONS
#            --null-call NULL_CALLS' (TPM commands through the SVSM vTPM,
#            plus the null SVSM call, QUERY_PROTOCOL(core, 1))
#   swtpm    SeaBIOS, QEMU's tpm-crb backed by a private swtpm (state and
#            socket in a temporary directory); the guest runs
#            'tpm-bench /dev/tpm0 -n ITERATIONS' against the CRB TPM
# and prints the per-command medians side by side with the ratio
# ours/swtpm.  Environment: NULL_CALLS (default 1000).  Times are in
# microseconds as seen by the guest (CLOCK_MONOTONIC around write + read)
# under QEMU TCG: noisy, compare the ratios, not absolute numbers.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

iters=${1:-200}
null_calls=${NULL_CALLS:-1000}
[[ "$iters" =~ ^[1-9][0-9]*$ ]] || die "ITERATIONS must be a positive number"
[[ "$null_calls" =~ ^[1-9][0-9]*$ ]] || die "NULL_CALLS must be a positive number"
command -v swtpm >/dev/null || die "swtpm not found (apt-get install swtpm)"
[[ -x "$BUILD/guest-bin/tpm-bench" ]] || die "$BUILD/guest-bin/tpm-bench missing (make guest-progs)"

work=$(mktemp -d /tmp/bench-tpm.XXXXXX)
swtpm_pid=
# shellcheck disable=SC2317 # invoked via trap
cleanup() {
	if [[ -n "$swtpm_pid" ]] && kill -0 "$swtpm_pid" 2>/dev/null; then
		kill "$swtpm_pid" 2>/dev/null || true
		wait "$swtpm_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

# The guest script, the same for both runs: on the SVSM platform it loads
# the bus (with the raw-call device) and the vTPM driver first.
cat >"$work/bench.sh" <<EOF
#!/bin/sh
if svsm-cpuid >/dev/null 2>&1; then
	modprobe svsm-bus raw_calls=1 || exit 1
	modprobe tpm-svsm || exit 1
fi
i=0
while [ ! -c /dev/tpm0 ] && [ "\$i" -lt 15 ]; do
	sleep 1
	i=\$((i + 1))
done
[ -c /dev/tpm0 ] || { echo "bench: no /dev/tpm0"; exit 1; }
echo "# tpm0 driver: \$(basename "\$(readlink /sys/class/tpm/tpm0/device/driver)")"
tpm-bench /dev/tpm0 -n $iters --null-call $null_calls
EOF

# run NAME RUN-GUEST-ARGS...: boot a guest, its console in $work/NAME.out.
run() {
	local name=$1
	shift
	msg "$name guest ($iters iterations)"
	"$REPO/scripts/run-guest.sh" --script "$work/bench.sh" --timeout 900 \
		--log-dir "$work/$name" "$@" >"$work/$name.out" 2>&1 ||
		die "$name guest run failed: $(grep -E 'tpm-bench|bench:' "$work/$name.out" | tail -n 3)$(tail -n 3 "$work/$name.out")"
	grep -q '^bench op=getrandom ' "$work/$name.out" ||
		die "$name guest printed no bench lines: $(tail -n 3 "$work/$name.out")"
	grep -E '^(bench |# t)' "$work/$name.out" | sed "s/^/$name: /"
}

# (a) our stack
run ours

# (b) QEMU tpm-crb + swtpm (as in tests/guest/tpm.sh), on a private socket
mkdir -p "$work/swtpm-state"
swtpm socket --tpmstate dir="$work/swtpm-state" \
	--ctrl type=unixio,path="$work/swtpm-sock" --tpm2 \
	>"$work/swtpm.log" 2>&1 &
swtpm_pid=$!
for ((i = 0; i < 50; i++)); do
	[[ -S "$work/swtpm-sock" ]] && break
	kill -0 "$swtpm_pid" 2>/dev/null || die "swtpm exited: $(cat "$work/swtpm.log")"
	sleep 0.1
done
[[ -S "$work/swtpm-sock" ]] || die "swtpm did not create $work/swtpm-sock"
# shellcheck disable=SC2054 # commas are part of QEMU option values
run swtpm --seabios -- \
	-chardev socket,id=chrtpm,path="$work/swtpm-sock" \
	-tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-crb,tpmdev=tpm0
kill "$swtpm_pid" 2>/dev/null || true
wait "$swtpm_pid" 2>/dev/null || true
swtpm_pid=

# (c) the table
field() { # FILE OP KEY
	sed -n "s/^bench op=$2 .*[ ]$3=\([0-9.]*\).*/\1/p" "$1" | head -n 1
}
echo
# (µs is two bytes: printf widths count bytes)
printf '%-16s %15s %16s %18s\n' op "ours median µs" "swtpm median µs" "ratio ours/swtpm"
for op in getrandom pcrextend pcrread; do
	a=$(field "$work/ours.out" "$op" median_us)
	b=$(field "$work/swtpm.out" "$op" median_us)
	[[ -n "$a" && -n "$b" ]] || die "no median for $op (ours '$a', swtpm '$b')"
	printf '%-16s %14.1f %15.1f %18.2f\n' "$op" "$a" "$b" \
		"$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
done
nc=$(field "$work/ours.out" null_svsm_call median_us)
if [[ -n "$nc" ]]; then
	printf 'null SVSM call (QUERY_PROTOCOL) median %.1f µs (p10 %s, p90 %s; %d calls)\n' "$nc" \
		"$(field "$work/ours.out" null_svsm_call p10_us)" \
		"$(field "$work/ours.out" null_svsm_call p90_us)" "$null_calls"
else
	die "ours: no null SVSM call figure ($(grep 'op=null_svsm_call' "$work/ours.out" || echo 'no line'))"
fi
printf '(%d iterations per command, QEMU TCG; compare ratios, not absolute times)\n' "$iters"
