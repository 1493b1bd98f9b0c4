#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# svsm-attest inside the guest (docs/attest-tool.md):
#
#   scripts/run-guest.sh --script tests/guest/attest_tool.sh
#
# The trust anchor comes with the image: mkinitramfs.sh copies
# $BUILD/attest/{ark,other-ark}.pem (scripts/mkattest-keys.sh) to
# /usr/share/svsm-tests/attest/.  Without the SVSM's attestation protocol
# (no svsm-p1 on the bus) or without the anchor, the cases SKIP and say why.
#
# KTAP on stdout:
#   1 attest_device            svsm-bus + svsm-attest loaded, /dev/svsm-attest
#   2 report_random            report --random: report.bin (1184), request.bin (64),
#                              manifest.bin, certs/{ark,ask,vcek}.pem
#   3 verify                   verify --ark ark.pem passes, every check PASS
#   4 verify_json              --json: "result": "pass"
#   5 show                     show: version 2..5, vmpl 0, signature_algo 1
#   6 manifest_ek              the manifest's vTPM EK: RSA-2048 TPMT_PUBLIC, 314 bytes
#   7 report_nonce_file        report --nonce-file: request.bin is that nonce; verifies
#   8 report_small_buffers     --buf-size 16: ENOSPC, buffers grown, verifies
#   9 report_single_vtpm       --service vtpm: manifest = the same EK TPMT_PUBLIC; verifies
#  10 neg_flipped_report_byte  a flipped measurement byte: exit 5, FAIL report_signature
#  11 neg_wrong_nonce          another nonce file: exit 6, FAIL report_data
#  12 neg_manifest_changed     a flipped manifest byte: exit 6, FAIL report_data
#  13 neg_other_ark            the unrelated other-ark.pem as anchor: exit 4
#  14 neg_truncated_report     1000-byte report.bin: exit 3, FAIL report_size
# Exit status 0 when nothing failed.

W=/tmp/attest-tool
mkdir -p "$W"
cd "$W" || exit 1
lib=/usr/share/svsm-tests
[ -r "$lib/_attest_lib.sh" ] || lib=$(dirname "$0")
# shellcheck source=tests/guest/_attest_lib.sh
. "$lib/_attest_lib.sh"

echo "KTAP version 1"
echo "1..14"

if attest_setup; then
	if [ -n "$attest_why" ]; then
		result skip attest_device "$attest_why"
	else
		result ok attest_device
	fi
else
	attest_why="svsm-attest did not load"
	result fail attest_device
fi

# report_ok NAME DIR: the files a report run must leave
report_files_ok() {
	ok=1
	[ "$(wc -c <"$1/report.bin")" -eq 1184 ] || { diag "$1/report.bin is not 1184 bytes"; ok=0; }
	[ "$(wc -c <"$1/request.bin")" -eq 64 ] || { diag "$1/request.bin is not 64 bytes"; ok=0; }
	[ -s "$1/manifest.bin" ] || { diag "$1/manifest.bin empty"; ok=0; }
	for c in ark ask vcek; do
		grep -q 'BEGIN CERTIFICATE' "$1/certs/$c.pem" 2>/dev/null || { diag "no $1/certs/$c.pem"; ok=0; }
	done
	[ "$ok" -eq 1 ]
}

why=$attest_why
if [ -z "$why" ]; then
	if run svsm-attest report --random --out-dir "$W/a" && report_files_ok "$W/a"; then
		diag_lines <"$W/out"
		result ok report_random
	else
		result fail report_random
		why="no report"
	fi
else
	result skip report_random "$why"
fi

vwhy=$why
[ -n "$vwhy" ] || [ -s "$ARK" ] ||
	vwhy="no trust anchor $ARK (scripts/mkattest-keys.sh before mkinitramfs.sh)"

# verify_ok NAME DIR [ARGS]
verify_ok() {
	name=$1 dir=$2
	shift 2
	if [ -n "$vwhy" ]; then
		result skip "$name" "$vwhy"
	elif run svsm-attest verify --dir "$dir" --ark "$ARK" "$@" && grep -q '^verify: OK' "$W/out"; then
		result ok "$name"
	else
		result fail "$name"
	fi
}

# verify_fails NAME CODE CHECK DIR [ARGS]
verify_fails() {
	name=$1 code=$2 check=$3 dir=$4
	shift 4
	if [ -n "$vwhy" ]; then
		result skip "$name" "$vwhy"
		return
	fi
	svsm-attest verify --dir "$dir" "$@" >"$W/out" 2>&1
	rc=$?
	if [ "$rc" -eq "$code" ] && grep -q "^FAIL  $check " "$W/out"; then
		grep '^verify: FAILED' "$W/out" | diag_lines
		result ok "$name"
	else
		diag "exit $rc, want $code and FAIL $check"
		diag_lines <"$W/out"
		result fail "$name"
	fi
}

if [ -z "$vwhy" ]; then
	run svsm-attest verify --dir "$W/a" --ark "$ARK"
	rc=$?
	diag_lines <"$W/out"
	if [ "$rc" -eq 0 ] && grep -q '^verify: OK' "$W/out" && ! grep -q '^FAIL' "$W/out"; then
		result ok verify
	else
		result fail verify
	fi
else
	result skip verify "$vwhy"
fi

if [ -n "$vwhy" ]; then
	result skip verify_json "$vwhy"
elif svsm-attest verify --dir "$W/a" --ark "$ARK" --json >"$W/v.json" 2>"$W/v.err" &&
	grep -q '"result": "pass"' "$W/v.json" && grep -q '"failed_check": null' "$W/v.json"; then
	result ok verify_json
else
	diag_lines <"$W/v.json"
	result fail verify_json
fi

if [ -n "$why" ]; then
	result skip show "$why"
elif run svsm-attest show "$W/a" && grep -Eq '^version: +[2-5]$' "$W/out" &&
	grep -Eq '^vmpl: +0$' "$W/out" && grep -Eq '^signature_algo: +1 ' "$W/out"; then
	grep -E '^(version|vmpl|measurement|report_data):' "$W/out" | diag_lines
	result ok show
else
	diag_lines <"$W/out"
	result fail show
fi

if [ -n "$why" ]; then
	result skip manifest_ek "$why"
elif run svsm-attest manifest "$W/a/manifest.bin" --ek-out "$W/ek.tpmt" &&
	[ "$(wc -c <"$W/ek.tpmt")" -eq 314 ] && grep -Eq 'keyBits: +2048' "$W/out"; then
	diag_lines <"$W/out"
	result ok manifest_ek
else
	diag_lines <"$W/out"
	result fail manifest_ek
fi

if [ -n "$why" ]; then
	result skip report_nonce_file "$why"
else
	head -c 64 /dev/urandom >"$W/nonce.bin"
	if run svsm-attest report --nonce-file "$W/nonce.bin" --out-dir "$W/b" &&
		cmp -s "$W/nonce.bin" "$W/b/request.bin"; then
		verify_ok report_nonce_file "$W/b"
	else
		result fail report_nonce_file
	fi
fi

if [ -n "$why" ]; then
	result skip report_small_buffers "$why"
elif run svsm-attest report --random --buf-size 16 --out-dir "$W/c" && grep -q ENOSPC "$W/out" &&
	report_files_ok "$W/c"; then
	grep -E 'ENOSPC|buffer|call' "$W/out" | diag_lines
	verify_ok report_small_buffers "$W/c"
else
	diag_lines <"$W/out"
	result fail report_small_buffers
fi

if [ -n "$why" ]; then
	result skip report_single_vtpm "$why"
elif run svsm-attest report --random --service vtpm --out-dir "$W/d" &&
	cmp -s "$W/d/manifest.bin" "$W/ek.tpmt"; then
	verify_ok report_single_vtpm "$W/d"
else
	diag "the single-service manifest is not the EK TPMT_PUBLIC of the services manifest"
	result fail report_single_vtpm
fi

# ---- negative: verify must refuse ----------------------------------------
if [ -z "$why" ]; then
	cp -r "$W/a" "$W/neg1" && flip_byte "$W/neg1/report.bin" 144
	head -c 64 /dev/urandom >"$W/other-nonce.bin"
	cp -r "$W/a" "$W/neg3" && flip_byte "$W/neg3/manifest.bin" 30
	cp -r "$W/a" "$W/neg5" && head -c 1000 "$W/a/report.bin" >"$W/neg5/report.bin"
fi
verify_fails neg_flipped_report_byte 5 report_signature "$W/neg1" --ark "$ARK"
verify_fails neg_wrong_nonce 6 report_data "$W/a" --ark "$ARK" --nonce-file "$W/other-nonce.bin"
verify_fails neg_manifest_changed 6 report_data "$W/neg3" --ark "$ARK"
if [ -z "$vwhy" ] && [ ! -s "$OTHER_ARK" ]; then
	result skip neg_other_ark "no $OTHER_ARK"
else
	verify_fails neg_other_ark 4 ark_match "$W/a" --ark "$OTHER_ARK"
fi
verify_fails neg_truncated_report 3 report_size "$W/neg5" --ark "$ARK"

diag "$failed of $test_nr failed"
[ "$failed" -eq 0 ]
