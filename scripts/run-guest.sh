#!/usr/bin/env bash
# Boot the SVSM firmware + Debian kernel + initramfs under QEMU TCG.
#
# usage: run-guest.sh [--interactive | --script FILE] [--extra DIR|CPIO.GZ]...
#                     [--bios FILE | --seabios] [--timeout SECS] [--log-dir DIR]
#                     [--initrd FILE] [--append "KERNEL ARGS"] [-- QEMU ARGS...]
#
#   --script FILE  run FILE inside a freshly booted guest (non-interactive);
#                  exits with the script's exit status (from the
#                  "SVSM-GUEST-EXIT <n>" console line), or 125 when the guest
#                  never got there (timeout, panic, firmware stop).
#   --interactive  serial console on this terminal, no timeout (default when
#                  no --script). Quit QEMU with Ctrl-A X.
#   --extra X      directory or (gzip'd) cpio laid over the initramfs root
#   --bios FILE    firmware image (default $BUILD/svsm/svsm.bin)
#   --seabios      QEMU's own SeaBIOS instead of the SVSM firmware (baseline)
#   --timeout S    non-interactive time limit in seconds (default 600)
#   --log-dir DIR  console.log, firmware.log, qemu.log (default $BUILD/logs/<time>-<name>)
#   --initrd FILE  use this initramfs as is (no rebuild; non-interactive
#                  unless --interactive is given)
#   --append ARGS  more kernel command line (a script can add its own with a
#                  line '# svsm-guest-append: ARGS')
#   --with-tpm2-tools  tpm2-tools in the initramfs (a script asks for it with
#                  a line '# svsm-guest-initramfs: --with-tpm2-tools')
# Environment: GUEST_BIOS=seabios|FILE sets the default firmware,
#              GUEST_TIMEOUT the default timeout, QEMU the QEMU binary,
#              ATTEST_KEYS the attestation key directory handed to the SVSM
#              firmware through fw_cfg (default $BUILD/attest, made by
#              scripts/mkattest-keys.sh when missing; "none": no keys, so
#              the firmware does not offer protocol 1).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The header comment above is the help text.
usage() { awk 'NR < 3 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}" >&2; }

mode=
script=
extras=()
bios=${GUEST_BIOS:-$BUILD/svsm/svsm.bin}
timeout_s=${GUEST_TIMEOUT:-600}
logdir=
initrd=
append=
mkinit_opts=()
qemu_extra=()
while (($#)); do
	case "$1" in
	--interactive) mode=interactive; shift ;;
	--script) mode=script; script=${2:?--script needs a file}; shift 2 ;;
	--extra) extras+=("${2:?--extra needs an argument}"); shift 2 ;;
	--bios) bios=${2:?--bios needs a file}; shift 2 ;;
	--seabios) bios=seabios; shift ;;
	--timeout) timeout_s=${2:?--timeout needs seconds}; shift 2 ;;
	--log-dir) logdir=${2:?--log-dir needs a directory}; shift 2 ;;
	--initrd) initrd=${2:?--initrd needs a file}; shift 2 ;;
	--append) append+=" ${2:?--append needs arguments}"; shift 2 ;;
	--with-tpm2-tools) mkinit_opts+=(--with-tpm2-tools); shift ;;
	--) shift; qemu_extra=("$@"); break ;;
	-h | --help) usage; exit 0 ;;
	*) err "unknown argument '$1'"; usage; exit 2 ;;
	esac
done
if [[ -z "$mode" ]]; then
	# A ready-made --initrd normally carries its own /etc/svsm/script.
	if [[ -n "$initrd" ]]; then mode=script; else mode=interactive; fi
fi
[[ "$timeout_s" =~ ^[0-9]+$ ]] || die "--timeout wants whole seconds"
if [[ -n "$script" ]]; then
	[[ -f "$script" ]] || die "script $script not found"
	script=$(cd "$(dirname "$script")" && pwd)/$(basename "$script")
	# A script may ask for kernel arguments with a line
	#   # svsm-guest-append: ARGS
	script_append=$(sed -n 's/^# svsm-guest-append: *//p' "$script" | head -n 1)
	[[ -z "$script_append" ]] || append+=" $script_append"
	# and initramfs contents with '# svsm-guest-initramfs: OPTIONS' (only
	# --with-tpm2-tools so far: it makes the initramfs 4x larger).
	for opt in $(sed -n 's/^# svsm-guest-initramfs: *//p' "$script" | head -n 1); do
		case "$opt" in
		--with-tpm2-tools) mkinit_opts+=("$opt") ;;
		*) die "$script: unknown svsm-guest-initramfs option '$opt'" ;;
		esac
	done
fi

QEMU=${QEMU:-qemu-system-x86_64}
command -v "$QEMU" >/dev/null || die "$QEMU not found (make deps)"
KERNEL=$BUILD/kernel/vmlinuz
[[ -e "$KERNEL" ]] || die "$KERNEL missing (make kernel)"
bios_args=()
if [[ "$bios" == seabios ]]; then
	fw_name=SeaBIOS
else
	[[ -f "$bios" ]] || die "firmware $bios missing (make firmware, or --seabios for QEMU's default BIOS)"
	bios_args=(-bios "$bios")
	fw_name=$bios
fi

# ---- attestation keys (emulated report signer, docs/attestation.md) --------
# fw_cfg files under opt/svsm/attest/: the firmware reads them, the guest
# cannot (the SVSM intercepts fw_cfg).
attest_keys=${ATTEST_KEYS:-$BUILD/attest}
if [[ "$bios" != seabios && "$attest_keys" != none ]]; then
	if [[ "$attest_keys" == "$BUILD/attest" ]]; then
		"$REPO/scripts/mkattest-keys.sh" "$attest_keys" >&2 ||
			err "could not make the attestation keys: protocol 1 will be off"
	fi
	for f in vcek-key.der ark.der ask.der vcek.der; do
		if [[ -s "$attest_keys/$f" ]]; then
			bios_args+=(-fw_cfg "name=opt/svsm/attest/$f,file=$attest_keys/$f")
		fi
	done
fi

# ---- log dir ---------------------------------------------------------------
if [[ -z "$logdir" ]]; then
	name=interactive
	[[ -n "$script" ]] && name=$(basename "$script" .sh)
	logdir=$BUILD/logs/$(date +%Y%m%d-%H%M%S)-$name
	n=1
	while [[ -e "$logdir" ]]; do
		logdir=$BUILD/logs/$(date +%Y%m%d-%H%M%S)-$name.$n
		n=$((n + 1))
	done
fi
mkdir -p "$logdir"
logdir=$(cd "$logdir" && pwd)
rm -f "$logdir"/{console.log,firmware.log,qemu.log,exit-status}
if [[ "$logdir" == "$BUILD/logs/"* ]]; then
	ln -sfn "$(basename "$logdir")" "$BUILD/logs/latest" 2>/dev/null || true
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/run-guest.XXXXXX")
qpid=
# shellcheck disable=SC2317 # invoked via trap
cleanup() {
	if [[ -n "$qpid" ]] && kill -0 "$qpid" 2>/dev/null; then
		kill "$qpid" 2>/dev/null || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'err "interrupted"; exit 130' INT TERM

# ---- initramfs -----------------------------------------------------------
if [[ -z "$initrd" ]]; then
	mkargs=(${mkinit_opts[@]+"${mkinit_opts[@]}"})
	# The verifier's reference value: a remote party knows the SHA-384 of the
	# firmware it expects (reproducible build); the guest tests get it here.
	if [[ "$bios" != seabios ]]; then
		m=$TMP/measurement/usr/share/svsm-tests/attest
		mkdir -p "$m"
		sha384sum "$bios" | cut -d' ' -f1 >"$m/expected-measurement"
		mkargs+=(--extra "$TMP/measurement")
	fi
	for x in ${extras[@]+"${extras[@]}"}; do mkargs+=(--extra "$x"); done
	if [[ -n "$script" ]]; then
		initrd=$TMP/initramfs.cpio.gz
		"$REPO/scripts/mkinitramfs.sh" --script "$script" ${mkargs[@]+"${mkargs[@]}"} --out "$initrd" >&2
	elif ((${#mkargs[@]})); then
		initrd=$TMP/initramfs.cpio.gz
		"$REPO/scripts/mkinitramfs.sh" ${mkargs[@]+"${mkargs[@]}"} --out "$initrd" >&2
	else
		initrd=$BUILD/initramfs.cpio.gz
		"$REPO/scripts/mkinitramfs.sh" >&2
	fi
fi
[[ -f "$initrd" ]] || die "initramfs $initrd missing"

cmdline="console=ttyS0 earlyprintk=serial,ttyS0 panic=-1 quiet loglevel=4${append}"
# shellcheck disable=SC2054 # commas are part of QEMU option values
# One vCPU runs (the emulated platform cannot run more); maxcpus=2 gives the
# SVSM a second, never-started APIC ID for CREATE_VCPU/DELETE_VCPU.
qemu_cmd=(
	"$QEMU" -M pc -accel tcg -cpu max -smp 1,maxcpus=2 -m 1G
	-nodefaults -nographic -no-reboot
	${bios_args[@]+"${bios_args[@]}"}
	-kernel "$KERNEL" -initrd "$initrd"
	-append "$cmdline"
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
	-chardev "file,id=fwlog,path=$logdir/firmware.log"
	-device isa-debugcon,iobase=0x402,chardev=fwlog
)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# ---- interactive -----------------------------------------------------------
if [[ "$mode" == interactive ]]; then
	# shellcheck disable=SC2054
	qemu_cmd+=(
		-chardev "stdio,id=con,mux=on,signal=off,logfile=$logdir/console.log"
		-serial chardev:con -mon chardev=con,mode=readline
		${qemu_extra[@]+"${qemu_extra[@]}"}
	)
	printf '%q ' "${qemu_cmd[@]}" >"$logdir/qemu-cmd.txt"
	echo >>"$logdir/qemu-cmd.txt"
	msg "firmware: $fw_name; logs: $logdir"
	msg "interactive guest: quit QEMU with Ctrl-A X (Ctrl-A C for the monitor); 'exit' in the guest shell powers off"
	trap - EXIT INT TERM
	rc=0
	"${qemu_cmd[@]}" 2> >(tee "$logdir/qemu.log" >&2) || rc=$?
	rm -rf "$TMP"
	msg "QEMU exited ($rc); logs in $logdir"
	exit "$rc"
fi

# ---- non-interactive -------------------------------------------------------
qemu_cmd+=(-serial stdio ${qemu_extra[@]+"${qemu_extra[@]}"})
printf '%q ' "${qemu_cmd[@]}" >"$logdir/qemu-cmd.txt"
echo >>"$logdir/qemu-cmd.txt"
msg "firmware: $fw_name; script: ${script:-none}; timeout ${timeout_s}s; logs: $logdir"

fifo=$TMP/console.fifo
mkfifo "$fifo"
t0=$(now)
timeout -k 5 "$timeout_s" "${qemu_cmd[@]}" <"/dev/null" >"$fifo" 2>"$logdir/qemu.log" &
qpid=$!

status=
t_exit=
killer=
# Pass the console through, log it, and watch for the exit line.
while IFS= read -r line || [[ -n "$line" ]]; do
	printf '%s\n' "$line"
	printf '%s\n' "$line" >>"$logdir/console.log"
	if [[ -z "$status" && "$line" =~ SVSM-GUEST-EXIT\ ([0-9]+) ]]; then
		t_exit=$(now)
		status=${BASH_REMATCH[1]}
		echo "$status" >"$logdir/exit-status"
		# The guest powers off now; do not wait forever if it cannot.
		(
			trap 'kill "$sp" 2>/dev/null; exit 0' TERM
			sleep 20 &
			sp=$!
			wait "$sp"
			kill "$qpid" 2>/dev/null
		) &
		killer=$!
	fi
done < <(sed -u -e 's/\r//g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1bc//g' <"$fifo")
qrc=0
wait "$qpid" || qrc=$?
t_end=$(now)
qpid=
if [[ -n "$killer" ]]; then
	kill "$killer" 2>/dev/null || true
fi

if [[ -s "$logdir/qemu.log" ]]; then
	sed 's/^/qemu: /' "$logdir/qemu.log" >&2
fi
[[ -e "$logdir/firmware.log" ]] || err "no firmware log at $logdir/firmware.log"

if [[ -z "$status" ]]; then
	why="QEMU exited with status $qrc"
	((qrc == 124)) && why="timed out after ${timeout_s}s"
	err "the guest never printed 'SVSM-GUEST-EXIT <n>' ($why, $(elapsed "$t0" "$t_end")s)"
	err "see $logdir/console.log and $logdir/firmware.log (QEMU stderr: $logdir/qemu.log)"
	exit 125
fi
msg "guest exit status $status; wall time QEMU start -> SVSM-GUEST-EXIT: $(elapsed "$t0" "$t_exit")s (QEMU exit: $(elapsed "$t0" "$t_end")s)"
elapsed "$t0" "$t_exit" >"$logdir/wall-time"
exit "$status"
