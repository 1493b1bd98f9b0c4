#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The tpm2-tools part needs tpm2-tools and the device TCTI in the guest:
# svsm-guest-initramfs: --with-tpm2-tools
#
# vTPM test, run INSIDE the guest (busybox sh); see docs/vtpm.md:
#
#   scripts/run-guest.sh --script tests/guest/tpm.sh
#
# and against a reference TPM (QEMU's tpm-crb backed by swtpm, SeaBIOS),
# where the SVSM-specific cases report SKIP:
#
#   swtpm socket --tpmstate dir=/tmp/swtpmstate \
#       --ctrl type=unixio,path=/tmp/swtpm-sock --tpm2 &
#   scripts/run-guest.sh --seabios --script tests/guest/tpm.sh -- \
#       -chardev socket,id=chrtpm,path=/tmp/swtpm-sock \
#       -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-crb,tpmdev=tpm0
#
# The mode is detected: "svsm" when the SVSM serves protocol 2 (the bus
# has svsm-p2), "reference" when there is none but /dev/tpm0 exists, and
# "none" (everything skips) otherwise.
#
# KTAP on stdout:
#   1 svsm_bus_load          modprobe svsm-bus raw_calls=1
#   2 tpm_svsm_bound         tpm-svsm bound to svsm-p2 (by uevent autoload,
#                            else explicit modprobe; a diagnostic says which)
#   3 tpm_devices            /dev/tpm0 and /dev/tpmrm0 exist
#   4 tpm_version_major      /sys/class/tpm/tpm0/tpm_version_major is 2
#   5 dmesg_no_tpm_errors    no TPM/SVSM error lines in dmesg
#   6 tpm2_startup           tpm2_startup -c (TPM_RC_INITIALIZE tolerated)
#   7 tpm2_getrandom         16 random bytes, twice, different
#   8 tpm2_pcrread           sha256:0,16
#   9 tpm2_pcrextend         PCR 16 = SHA-256(old || digest)
#  10 sign_verify            primary, RSA-2048 key, sign, verify (+ a bad one)
#  11 ek_template            EK RSA-2048, template L-1 attributes and policy
#  12 ek_deterministic       a second tpm2_createek gives the same key
#  13 quote_checkquote       AK under the EK, quote, checkquote (+ bad nonce)
#  14 tpmrm_concurrent       two processes on /dev/tpmrm0 at once
#  15 svsm_vtpm_test         the raw-call conformance test's KTAP, nested
#  16 reload                 tpm-svsm (and any other bus driver) and svsm-bus
#                            unloaded and reloaded 3 times
# Exit status 0 when nothing failed, 1 otherwise.

export TPM2TOOLS_TCTI=device:/dev/tpmrm0
W=/tmp/tpm-test
RELOADS=3
CONCURRENT_SECS=8
# The EK policy of TCG EK template L-1 (PolicySecret(TPM_RH_ENDORSEMENT)).
EK_POLICY=837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa
EK_ATTRS='fixedtpm|fixedparent|sensitivedataorigin|adminwithpolicy|restricted|decrypt'

mode=none
have_tools=0

lib=/usr/share/svsm-tests
[ -r "$lib/_lib.sh" ] || lib=$(dirname "$0")
# shellcheck source=tests/guest/_lib.sh
. "$lib/_lib.sh"

mkdir -p "$W"
cd "$W" || exit 1

echo "KTAP version 1"
echo "1..16"

# Kernel trouble of any kind, and TPM or SVSM errors, except two expected
# lines: our unsigned modules taint the kernel, and a TPM nobody has
# started yet answers the kernel's first TPM2_SelfTest with
# TPM_RC_INITIALIZE (256), after which the kernel sends TPM2_Startup
# ("starting up the TPM manually").
dmesg_bad() {
	grep -E 'WARNING:|BUG:|Oops|Call Trace|rcu.*stall|general protection' "$1"
	grep -iE 'tpm|svsm' "$1" | grep -iE 'error|fail|timed out|invalid' |
		grep -vE 'module verification failed|TPM error \(256\) occurred attempting the self test'
}

# ---- the SVSM side --------------------------------------------------------

P2=/sys/bus/svsm/devices/svsm-p2
TPM_SVSM_DRV=/sys/bus/svsm/drivers/tpm-svsm

# Wait up to $1 seconds for tpm-svsm to bind svsm-p2.
wait_bound() {
	wb_secs=0
	while [ "$wb_secs" -lt "$1" ]; do
		[ -e "$TPM_SVSM_DRV/svsm-p2" ] && [ -e /dev/tpmrm0 ] && return 0
		sleep 1
		wb_secs=$((wb_secs + 1))
	done
	return 1
}

test_bus() {
	if ! svsm-cpuid >/dev/null 2>&1; then
		result skip svsm_bus_load "not on the SVSM emulated platform"
		return
	fi
	start_hotplug
	dmesg_set_mark
	if ! run modprobe svsm-bus raw_calls=1; then
		dmesg_since_mark | diag_lines
		result fail svsm_bus_load
		return
	fi
	for d in /sys/bus/svsm/devices/*; do
		[ -e "$d/modalias" ] && diag "$(basename "$d"): $(cat "$d/modalias")"
	done
	sleep 1
	diag "uevents with MODALIAS seen by the hotplug helper:"
	diag_lines <"$W/hotplug.log"
	if [ -e "$P2" ]; then
		mode=svsm
	else
		diag "the SVSM serves no protocol 2: SVSM vTPM cases skip"
	fi
	result ok svsm_bus_load
}

test_bound() {
	if [ "$mode" != svsm ]; then
		result skip tpm_svsm_bound "no svsm-p2"
		return
	fi
	if wait_bound 15; then
		diag "tpm-svsm autoloaded (uevent MODALIAS -> modprobe)"
		result ok tpm_svsm_bound
		return
	fi
	diag "tpm-svsm not autoloaded within 15 s; hotplug log:"
	diag_lines <"$W/hotplug.log"
	if run modprobe tpm-svsm && wait_bound 10; then
		diag "tpm-svsm bound after an explicit modprobe"
		result ok tpm_svsm_bound
	else
		dmesg | tail -n 20 | diag_lines
		result fail tpm_svsm_bound
	fi
}

# ---- the TPM device ---------------------------------------------------------

test_devices() {
	if [ "$mode" = none ]; then
		if [ -e /dev/tpm0 ]; then
			mode=reference
			diag "reference mode: /dev/tpm0 by $(basename "$(readlink /sys/class/tpm/tpm0/device/driver)")"
		else
			result skip tpm_devices "no TPM (no SVSM vTPM, no /dev/tpm0)"
			return
		fi
	fi
	if [ -c /dev/tpm0 ] && [ -c /dev/tpmrm0 ]; then
		diag "tpm0 driver: $(basename "$(readlink /sys/class/tpm/tpm0/device/driver)")"
		result ok tpm_devices
	else
		for d in /dev/tpm0 /dev/tpmrm0; do
			[ -c "$d" ] || diag "$d missing"
		done
		result fail tpm_devices
	fi
}

test_version() {
	f=/sys/class/tpm/tpm0/tpm_version_major
	if [ "$mode" = none ]; then
		result skip tpm_version_major "no TPM"
	elif [ "$(cat "$f" 2>/dev/null)" = 2 ]; then
		result ok tpm_version_major
	else
		diag "$f: '$(cat "$f" 2>&1)'"
		result fail tpm_version_major
	fi
}

test_dmesg() {
	if [ "$mode" = none ]; then
		result skip dmesg_no_tpm_errors "no TPM"
		return
	fi
	dmesg >"$W/dmesg"
	dmesg_bad "$W/dmesg" >"$W/bad"
	grep -iE 'tpm|svsm' "$W/dmesg" | tail -n 10 | diag_lines
	if [ -s "$W/bad" ]; then
		diag "error lines:"
		diag_lines <"$W/bad"
		result fail dmesg_no_tpm_errors
	else
		result ok dmesg_no_tpm_errors
	fi
}

# ---- tpm2-tools --------------------------------------------------------------

# Skip reason for the tpm2-tools cases, empty when they can run.
tools_skip() {
	if [ "$mode" = none ]; then
		echo "no TPM"
	elif [ "$have_tools" -ne 1 ]; then
		echo "tpm2-tools not in the initramfs (mkinitramfs.sh --with-tpm2-tools)"
	fi
}

test_startup() {
	why=$(tools_skip)
	[ -z "$why" ] || { result skip tpm2_startup "$why"; return; }
	# The kernel has started the TPM already (TPM_OPS_AUTO_STARTUP / the
	# firmware), so TPM_RC_INITIALIZE is the expected answer.
	if tpm2_startup -c >"$W/out" 2>&1; then
		diag "tpm2_startup -c: success"
		result ok tpm2_startup
	elif grep -qiE 'initialize|0x100' "$W/out"; then
		diag "tpm2_startup -c: TPM already started (TPM_RC_INITIALIZE)"
		result ok tpm2_startup
	else
		diag_lines <"$W/out"
		result fail tpm2_startup
	fi
}

test_getrandom() {
	why=$(tools_skip)
	[ -z "$why" ] || { result skip tpm2_getrandom "$why"; return; }
	run tpm2_getrandom 16 --hex || { result fail tpm2_getrandom; return; }
	a=$(cat "$W/out")
	run tpm2_getrandom 16 --hex || { result fail tpm2_getrandom; return; }
	b=$(cat "$W/out")
	diag "random: $a $b"
	if [ ${#a} -eq 32 ] && [ ${#b} -eq 32 ] && [ "$a" != "$b" ] &&
		[ -z "$(echo "$a$b" | tr -d '0-9a-f')" ]; then
		result ok tpm2_getrandom
	else
		result fail tpm2_getrandom
	fi
}

test_pcrread() {
	why=$(tools_skip)
	[ -z "$why" ] || { result skip tpm2_pcrread "$why"; return; }
	if run tpm2_pcrread sha256:0,16 &&
		grep -qE '^ *0 *: 0x[0-9A-F]{64}$' "$W/out" &&
		grep -qE '^ *16 *: 0x[0-9A-F]{64}$' "$W/out"; then
		diag_lines <"$W/out"
		result ok tpm2_pcrread
	else
		diag_lines <"$W/out"
		result fail tpm2_pcrread
	fi
}

test_pcrextend() {
	why=$(tools_skip)
	[ -z "$why" ] || { result skip tpm2_pcrextend "$why"; return; }
	run tpm2_pcrread sha256:16 -o "$W/old.bin" || { result fail tpm2_pcrextend; return; }
	echo "svsm vtpm test $(date +%s) $$" >"$W/data"
	dig=$(sha256sum "$W/data" | cut -d' ' -f1)
	echo "$dig" | xxd -r -p >"$W/dig.bin"
	want=$(cat "$W/old.bin" "$W/dig.bin" | sha256sum | cut -d' ' -f1)
	run tpm2_pcrextend "16:sha256=$dig" || { result fail tpm2_pcrextend; return; }
	run tpm2_pcrread sha256:16 -o "$W/new.bin" || { result fail tpm2_pcrextend; return; }
	got=$(hex_of "$W/new.bin")
	diag "PCR16 old $(hex_of "$W/old.bin")"
	diag "extend    $dig"
	diag "PCR16 new $got"
	if [ "$got" = "$want" ]; then
		result ok tpm2_pcrextend
	else
		diag "expected  $want"
		result fail tpm2_pcrextend
	fi
}

test_sign() {
	why=$(tools_skip)
	[ -z "$why" ] || { result skip sign_verify "$why"; return; }
	echo "message to sign $$" >"$W/msg"
	echo "another message $$" >"$W/msg2"
	if run tpm2_createprimary -C o -c prim.ctx &&
		run tpm2_create -C prim.ctx -G rsa2048 -u key.pub -r key.priv &&
		run tpm2_load -C prim.ctx -u key.pub -r key.priv -c key.ctx &&
		run tpm2_sign -c key.ctx -g sha256 -o sig.bin "$W/msg" &&
		run tpm2_verifysignature -c key.ctx -g sha256 -m "$W/msg" -s sig.bin; then
		if tpm2_verifysignature -c key.ctx -g sha256 -m "$W/msg2" \
			-s sig.bin >/dev/null 2>&1; then
			diag "the signature verified for a different message"
			result fail sign_verify
		else
			result ok sign_verify
		fi
	else
		result fail sign_verify
	fi
}

# A field of tpm2_readpublic's text output: the "value:" line after "$1:".
pub_value() {
	awk -v k="$1:" '$1 == k { getline; sub(/^ *value: */, ""); print; exit }' "$2"
}

pub_line() {
	sed -n "s/^$1: *//p" "$2" | head -n 1
}

test_ek() {
	why=$(tools_skip)
	if [ -n "$why" ]; then
		result skip ek_template "$why"
		result skip ek_deterministic "$why"
		return
	fi
	ok=1
	if ! run tpm2_createek -G rsa -c ek.ctx -u ek.pub ||
		! run tpm2_readpublic -c ek.ctx -o ek.tpmt -f tpmt; then
		result fail ek_template
		result fail ek_deterministic
		return
	fi
	cp "$W/out" "$W/ek.txt"
	type=$(pub_value type "$W/ek.txt")
	attrs=$(pub_value attributes "$W/ek.txt")
	bits=$(pub_line bits "$W/ek.txt")
	policy=$(pub_line "authorization policy" "$W/ek.txt")
	size=$(wc -c <ek.tpmt)
	diag "EK: type $type, bits $bits, attributes $attrs"
	diag "EK: policy $policy; TPMT_PUBLIC $size bytes, sha256 $(sha256sum ek.tpmt | cut -d' ' -f1)"
	[ "$type" = rsa ] || { diag "EK type '$type', want rsa"; ok=0; }
	[ "$bits" = 2048 ] || { diag "EK bits '$bits', want 2048"; ok=0; }
	[ "$attrs" = "$EK_ATTRS" ] || { diag "EK attributes, want $EK_ATTRS"; ok=0; }
	[ "$policy" = "$EK_POLICY" ] || { diag "EK policy, want $EK_POLICY"; ok=0; }
	# Template L-1: RSA-2048, AES-128-CFB, 256-byte unique: 314 bytes.
	[ "$size" -eq 314 ] || { diag "TPMT_PUBLIC $size bytes, want 314"; ok=0; }
	if [ "$ok" -eq 1 ]; then
		result ok ek_template
	else
		diag_lines <"$W/ek.txt"
		result fail ek_template
	fi

	if run tpm2_createek -G rsa -c ek2.ctx -u ek2.pub && cmp -s ek.pub ek2.pub; then
		result ok ek_deterministic
	else
		diag "the second EK differs (or tpm2_createek failed)"
		result fail ek_deterministic
	fi
}

test_quote() {
	why=$(tools_skip)
	[ -z "$why" ] || { result skip quote_checkquote "$why"; return; }
	[ -e ek.ctx ] || run tpm2_createek -G rsa -c ek.ctx -u ek.pub
	nonce=$(tpm2_getrandom 16 --hex 2>/dev/null)
	[ ${#nonce} -eq 32 ] || nonce=00112233445566778899aabbccddeeff
	if ! run tpm2_createak -C ek.ctx -c ak.ctx -G rsa -g sha256 -s rsassa \
		-u ak.pem -f pem -n ak.name ||
		! run tpm2_quote -c ak.ctx -l sha256:0,16 -q "$nonce" \
			-m quote.msg -s quote.sig -o quote.pcrs -g sha256 ||
		! run tpm2_checkquote -u ak.pem -m quote.msg -s quote.sig \
			-f quote.pcrs -g sha256 -q "$nonce"; then
		result fail quote_checkquote
		return
	fi
	if tpm2_checkquote -u ak.pem -m quote.msg -s quote.sig -f quote.pcrs \
		-g sha256 -q 00112233 >/dev/null 2>&1; then
		diag "checkquote accepted a wrong nonce"
		result fail quote_checkquote
	else
		result ok quote_checkquote
	fi
}

# One of the concurrent users: getrandom + pcrread until the deadline.
rm_user() {
	n=0
	bad=0
	while [ "$(date +%s)" -lt "$1" ]; do
		tpm2_getrandom 8 --hex >/dev/null 2>>"$W/$2.err" || bad=$((bad + 1))
		tpm2_pcrread sha256:16 >/dev/null 2>>"$W/$2.err" || bad=$((bad + 1))
		n=$((n + 1))
	done
	echo "$n $bad" >"$W/$2.res"
}

test_concurrent() {
	why=$(tools_skip)
	[ -z "$why" ] || { result skip tpmrm_concurrent "$why"; return; }
	rm -f "$W"/user?.res "$W"/user?.err
	end=$(($(date +%s) + CONCURRENT_SECS))
	rm_user "$end" user1 &
	p1=$!
	rm_user "$end" user2 &
	p2=$!
	wait "$p1"
	wait "$p2"
	ok=1
	for u in user1 user2; do
		read -r n bad <"$W/$u.res" 2>/dev/null || { n=0; bad=1; }
		diag "$u: $n rounds, $bad failed command(s)"
		if [ "$n" -lt 1 ] || [ "$bad" -ne 0 ]; then
			ok=0
			tail -n 10 "$W/$u.err" 2>/dev/null | diag_lines
		fi
	done
	if [ "$ok" -eq 1 ]; then
		result ok tpmrm_concurrent
	else
		result fail tpmrm_concurrent
	fi
}

# ---- conformance and reload ----------------------------------------------------

test_selftest() {
	run_nested svsm_vtpm_test "$W/st"
}

test_reload() {
	if [ "$mode" != svsm ]; then
		result skip reload "no svsm-p2"
		return
	fi
	dmesg_set_mark
	ok=1
	round=1
	while [ "$round" -le "$RELOADS" ]; do
		# Every driver of the bus (e.g. svsm-attest, autoloaded
		# too) holds it: unload them all first.
		for h in /sys/module/svsm_bus/holders/*; do
			[ -e "$h" ] || continue
			run rmmod "$(basename "$h")" || ok=0
		done
		if [ "$ok" -eq 0 ] || ! run rmmod svsm_bus; then
			ok=0
			break
		fi
		if [ -e /dev/tpm0 ] || [ -e /dev/tpmrm0 ]; then
			diag "round $round: /dev/tpm* still present after rmmod"
			ok=0
		fi
		# Every other round relies on autoload, the others load explicitly.
		if ! run modprobe svsm-bus raw_calls=1; then
			ok=0
			break
		fi
		[ $((round % 2)) -eq 0 ] && run modprobe tpm-svsm
		if ! wait_bound 15; then
			diag "round $round: tpm-svsm did not bind"
			ok=0
			break
		fi
		if [ "$have_tools" -eq 1 ] && ! run tpm2_getrandom 8 --hex; then
			ok=0
		fi
		round=$((round + 1))
	done
	diag "$((round - 1)) of $RELOADS reload rounds done"
	dmesg_since_mark >"$W/reload.dmesg"
	dmesg_bad "$W/reload.dmesg" >"$W/bad"
	if [ -s "$W/bad" ]; then
		diag "dmesg during the reloads:"
		diag_lines <"$W/bad"
		ok=0
	fi
	if [ "$ok" -eq 1 ]; then
		result ok reload
	else
		result fail reload
	fi
}

command -v tpm2_getrandom >/dev/null 2>&1 && have_tools=1

test_bus
test_bound
test_devices
test_version
test_dmesg
test_startup
test_getrandom
test_pcrread
test_pcrextend
test_sign
test_ek
test_quote
test_concurrent
test_selftest
test_reload
stop_hotplug

diag "mode $mode; $failed of $test_nr failed"
[ "$failed" -eq 0 ]
