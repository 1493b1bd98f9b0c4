#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# svsm-guest-initramfs: --with-tpm2-tools
#
# The full attestation loop, run INSIDE the guest (docs/attest-tool.md):
#
#   firmware report (signed, ARK -> ASK -> VCEK) binds the vTPM EK
#     -> the guest's EK (tpm2_createek) is that EK, byte for byte
#     -> an AK is credential-activated against that EK
#     -> the AK quotes the PCRs with the verifier's nonce
#
#   scripts/run-guest.sh --script tests/guest/attest_loop.sh
#
# and, for the TPM half alone, against a reference TPM (QEMU's tpm-crb
# backed by swtpm, SeaBIOS), where the firmware cases SKIP:
#
#   swtpm socket --tpmstate dir=/tmp/st --ctrl type=unixio,path=/tmp/swtpm-sock --tpm2 &
#   scripts/run-guest.sh --seabios --script tests/guest/attest_loop.sh -- \
#       -chardev socket,id=chrtpm,path=/tmp/swtpm-sock \
#       -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-crb,tpmdev=tpm0
#
# KTAP on stdout:
#   1 attest_report_verified  svsm-attest report --random, verify --ark ark.pem
#   2 tpm_device              /dev/tpmrm0 (tpm-svsm, or the reference TPM)
#   3 ek_readpublic           tpm2_createek -G rsa; tpm2_readpublic -f tpmt
#   4 tool_decodes_ek         the guest's EK in a services manifest: svsm-attest
#                             manifest --ek-out gives the same bytes back
#   5 ek_matches_manifest     the report's manifest EK == tpm2_readpublic's EK
#   6 ak_created              tpm2_createak under the EK (RSA, rsassa, sha256)
#   7 credential_activated    tpm2_makecredential (offline, EK public, AK name),
#                             tpm2_activatecredential (EK policy session): the
#                             secret comes back
#   8 credential_wrong_name   a credential for another name is refused
#   9 quote_verified          tpm2_quote sha256:0,1,16 with the report's nonce,
#                             tpm2_checkquote with the AK public
#  10 quote_wrong_nonce       tpm2_checkquote with another nonce fails
#  11 loop_complete           1, 5, 7 and 9 passed: firmware -> EK -> AK -> PCRs
# Exit status 0 when nothing failed.

export TPM2TOOLS_TCTI=device:/dev/tpmrm0
W=/tmp/attest-loop
mkdir -p "$W"
cd "$W" || exit 1
lib=/usr/share/svsm-tests
[ -r "$lib/_attest_lib.sh" ] || lib=$(dirname "$0")
# shellcheck source=tests/guest/_attest_lib.sh
. "$lib/_attest_lib.sh"

echo "KTAP version 1"
echo "1..11"

have_report=0
loop_ok=1
loop_missing=

# ---- 1: the firmware's report -------------------------------------------
# The expected firmware measurement, when the harness provides it
# (scripts/run-guest.sh: SHA-384 of the ROM it boots).
MEASUREMENT_ARGS=
if [ -s /usr/share/svsm-tests/attest/expected-measurement ]; then
	MEASUREMENT_ARGS="--measurement $(cat /usr/share/svsm-tests/attest/expected-measurement)"
fi

# shellcheck disable=SC2086 # MEASUREMENT_ARGS is "" or two words
if ! attest_setup; then
	result fail attest_report_verified
	loop_ok=0
elif [ -n "$attest_why" ]; then
	result skip attest_report_verified "$attest_why"
	loop_missing="no firmware attestation"
elif [ ! -s "$ARK" ]; then
	result skip attest_report_verified "no trust anchor $ARK"
	loop_missing="no trust anchor"
elif run svsm-attest report --random --out-dir "$W/r" &&
	run svsm-attest verify --dir "$W/r" --ark "$ARK" $MEASUREMENT_ARGS; then
	diag_lines <"$W/out"
	have_report=1
	result ok attest_report_verified
else
	result fail attest_report_verified
	loop_ok=0
fi

# ---- 2: the TPM ------------------------------------------------------------
tpm_why=
if ! command -v tpm2_createek >/dev/null 2>&1; then
	tpm_why="tpm2-tools not in the initramfs (mkinitramfs.sh --with-tpm2-tools)"
elif [ -e "$P2" ] && [ ! -c /dev/tpmrm0 ]; then
	run modprobe tpm-svsm
	i=0
	while [ ! -c /dev/tpmrm0 ] && [ "$i" -lt 10 ]; do
		sleep 1
		i=$((i + 1))
	done
fi
if [ -n "$tpm_why" ]; then
	result skip tpm_device "$tpm_why"
elif [ -c /dev/tpmrm0 ]; then
	drv=$(basename "$(readlink /sys/class/tpm/tpm0/device/driver 2>/dev/null)")
	diag "TPM: /dev/tpmrm0 by ${drv:-?}"
	result ok tpm_device
else
	tpm_why="no TPM (no svsm-p2 vTPM, no /dev/tpmrm0)"
	result skip tpm_device "$tpm_why"
fi
[ -z "$tpm_why" ] || loop_missing="${loop_missing:+$loop_missing, }no TPM"

# tpm_case NAME: skip when there is no TPM; returns 1 after skipping
tpm_case() {
	if [ -n "$tpm_why" ]; then
		result skip "$1" "$tpm_why"
		return 1
	fi
	return 0
}

# ---- 3-5: the EK ---------------------------------------------------------------
have_ek=0
if tpm_case ek_readpublic; then
	if run tpm2_createek -G rsa -c ek.ctx -u ek.pub &&
		run tpm2_readpublic -c ek.ctx -f tpmt -o ek.tpmt; then
		diag "EK TPMT_PUBLIC: $(wc -c <ek.tpmt) bytes, sha256 $(sha256sum ek.tpmt | cut -d' ' -f1)"
		have_ek=1
		result ok ek_readpublic
	else
		result fail ek_readpublic
	fi
fi

if tpm_case tool_decodes_ek; then
	if [ "$have_ek" -ne 1 ]; then
		result fail tool_decodes_ek
	else
		# A one-entry services manifest around the EK, as the firmware builds it.
		n=$(wc -c <ek.tpmt)
		{
			printf '\273\236\204\143\222\075\160\106\241\377\130\371\311\113\207\273'
			le32 $((48 + n))
			le32 1
			printf '\353\361\166\304\043\001\245\105\226\101\264\347\335\345\277\343'
			le32 48
			le32 "$n"
			cat ek.tpmt
		} >ek-manifest.bin
		if run svsm-attest manifest ek-manifest.bin --ek-out ek-tool.tpmt &&
			cmp -s ek-tool.tpmt ek.tpmt && grep -q 'c476f1eb-0123-45a5-9641-b4e7dde5bfe3 vTPM' "$W/out"; then
			diag_lines <"$W/out"
			result ok tool_decodes_ek
		else
			diag_lines <"$W/out"
			result fail tool_decodes_ek
		fi
	fi
fi

ek_match=0
if [ "$have_report" -ne 1 ]; then
	result skip ek_matches_manifest "no verified firmware report${loop_missing:+ ($loop_missing)}"
elif tpm_case ek_matches_manifest; then
	if [ "$have_ek" -eq 1 ] && run svsm-attest manifest "$W/r/manifest.bin" --ek-out ek-report.tpmt &&
		cmp ek-report.tpmt ek.tpmt >"$W/cmp" 2>&1; then
		diag "the EK in the signed manifest is the guest's EK (tpm2_readpublic), $(wc -c <ek.tpmt) bytes"
		ek_match=1
		result ok ek_matches_manifest
	else
		diag_lines <"$W/cmp"
		diag "manifest EK sha256 $(sha256sum ek-report.tpmt 2>/dev/null | cut -d' ' -f1)"
		diag "guest EK    sha256 $(sha256sum ek.tpmt 2>/dev/null | cut -d' ' -f1)"
		result fail ek_matches_manifest
		loop_ok=0
	fi
fi

# ---- 6-8: the AK, credential-activated against the EK -----------------------------
have_ak=0
if tpm_case ak_created; then
	if [ "$have_ek" -eq 1 ] &&
		run tpm2_createak -C ek.ctx -c ak.ctx -G rsa -s rsassa -g sha256 -u ak.pub -n ak.name; then
		diag "AK name $(hex_of ak.name)"
		have_ak=1
		result ok ak_created
	else
		result fail ak_created
	fi
fi

# activate CRED OUT: tpm2_activatecredential under the EK's policy
# (PolicySecret(TPM_RH_ENDORSEMENT)), as tpm2-tools 5.4 wants it.
activate() {
	tpm2_startauthsession --policy-session -S session.ctx >"$W/sess" 2>&1 &&
		tpm2_policysecret -S session.ctx -c e >>"$W/sess" 2>&1 &&
		run tpm2_activatecredential -c ak.ctx -C ek.ctx -i "$1" -o "$2" -P session:session.ctx
	rc=$?
	tpm2_flushcontext session.ctx >/dev/null 2>&1
	[ "$rc" -eq 0 ] || diag_lines <"$W/sess"
	return "$rc"
}

cred_ok=0
if tpm_case credential_activated; then
	head -c 32 /dev/urandom >secret.bin
	if [ "$have_ak" -eq 1 ] &&
		run tpm2_makecredential -T none -u ek.pub -s secret.bin -n "$(hex_of ak.name)" -o cred.out &&
		activate cred.out actcred.out && cmp -s secret.bin actcred.out; then
		diag "the secret made for (EK, AK name) came back: the AK lives in the EK's TPM"
		cred_ok=1
		result ok credential_activated
	else
		result fail credential_activated
	fi
fi

if tpm_case credential_wrong_name; then
	# the AK name with its last byte changed: the credential's integrity check must fail
	cp ak.name bad.name 2>/dev/null && flip_byte bad.name $(($(wc -c <ak.name) - 1))
	if [ "$have_ak" -eq 1 ] &&
		run tpm2_makecredential -T none -u ek.pub -s secret.bin -n "$(hex_of bad.name)" -o bad-cred.out; then
		if activate bad-cred.out bad-act.out 2>/dev/null; then
			diag "activatecredential accepted a credential for another name"
			result fail credential_wrong_name
		else
			result ok credential_wrong_name
		fi
	else
		result fail credential_wrong_name
	fi
fi

# ---- 9-10: the quote ---------------------------------------------------------
if [ "$have_report" -eq 1 ]; then
	qnonce=$(od -An -v -tx1 -N 32 "$W/r/request.bin" | tr -d ' \n')
	diag "quote nonce = the first 32 bytes of the report's nonce: $qnonce"
else
	qnonce=$(head -c 32 /dev/urandom | hex_of)
fi
quote_ok=0
if tpm_case quote_verified; then
	if [ "$have_ak" -eq 1 ] &&
		run tpm2_quote -c ak.ctx -l sha256:0,1,16 -q "$qnonce" -m quote.msg -s quote.sig \
			-o quote.pcrs -g sha256 &&
		run tpm2_checkquote -u ak.pub -m quote.msg -s quote.sig -f quote.pcrs -g sha256 -q "$qnonce"; then
		diag_lines <"$W/out"
		quote_ok=1
		result ok quote_verified
	else
		result fail quote_verified
	fi
fi

if tpm_case quote_wrong_nonce; then
	if [ "$quote_ok" -ne 1 ]; then
		result fail quote_wrong_nonce
	elif tpm2_checkquote -u ak.pub -m quote.msg -s quote.sig -f quote.pcrs -g sha256 \
		-q 00112233445566778899aabbccddeeff >/dev/null 2>&1; then
		diag "checkquote accepted another nonce"
		result fail quote_wrong_nonce
	else
		result ok quote_wrong_nonce
	fi
fi

# ---- 11: the chain as a whole -----------------------------------------------
if [ "$have_report" -eq 1 ] && [ "$ek_match" -eq 1 ] && [ "$cred_ok" -eq 1 ] && [ "$quote_ok" -eq 1 ]; then
	diag "loop complete: firmware report -> vTPM EK -> AK -> PCR quote, one nonce"
	result ok loop_complete
elif [ "$loop_ok" -eq 1 ] && [ -n "$loop_missing" ]; then
	result skip loop_complete "$loop_missing"
else
	result fail loop_complete
fi

diag "$failed of $test_nr failed"
[ "$failed" -eq 0 ]
