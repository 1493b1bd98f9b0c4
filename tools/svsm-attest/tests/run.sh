#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# Host tests of svsm-attest: "make -C tools/svsm-attest test".
#
# A throwaway AMD-like chain (openssl CLI: ARK RSA-4096 self-signed with
# RSASSA-PSS SHA-384, ASK RSA-4096 signed by the ARK, VCEK EC P-384 signed by
# the ASK, plus an unrelated ARK), a fake EK TPMT_PUBLIC, a services
# manifest, a certificate table and a report signed with the VCEK key
# (tests/mkfixture.c).  verify must pass on that, and every tampered variant
# must FAIL with the check's name and its exit code.
#
# Environment (set by the Makefile): TOOL, MKFIXTURE, WORK, REPO.
# Output: KTAP, then "N passed, N failed".  Exit 0 when nothing failed.
# shellcheck disable=SC2015 # "cond && ok X || notok X": ok always succeeds
set -uo pipefail

: "${TOOL:?}" "${MKFIXTURE:?}" "${WORK:?}" "${REPO:?}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
T=$WORK/run
rm -rf "$T"
mkdir -p "$T" "$WORK/chain"
cd "$T" || exit 1

n=0
passed=0
failed=0
skipped=0

ok() { n=$((n + 1)); passed=$((passed + 1)); echo "ok $n $1"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1"; }
skip() { n=$((n + 1)); skipped=$((skipped + 1)); echo "ok $n $1 # SKIP $2"; }
diag() { sed 's/^/# /'; }

# ---- the chain (cached in $WORK/chain: RSA-4096 key generation is slow) ------
C=$WORK/chain
PSS=(-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:48 -sigopt rsa_mgf1_md:sha384 -sha384)

ext() { # ext FILE: CA or leaf extensions
	if [[ "$2" == ca ]]; then
		printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' >"$1"
	else
		printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n' >"$1"
	fi
}

# sign_cert NAME KEY ISSUER_CERT ISSUER_KEY ca|leaf SUBJECT
sign_cert() {
	ext "$C/$1.ext" "$5"
	openssl req -new -key "$2" -subj "$6" -out "$C/$1.csr" 2>/dev/null &&
		openssl x509 -req -in "$C/$1.csr" -CA "$3" -CAkey "$4" -set_serial "0x$(openssl rand -hex 8)" \
			-days 3650 -extfile "$C/$1.ext" "${PSS[@]}" -out "$C/$1.pem" 2>/dev/null &&
		openssl x509 -in "$C/$1.pem" -outform der -out "$C/$1.der"
}

# self_signed NAME KEY SUBJECT
self_signed() {
	ext "$C/$1.ext" ca
	openssl req -new -x509 -key "$2" -subj "$3" -days 3650 "${PSS[@]}" \
		-addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
		-out "$C/$1.pem" 2>/dev/null &&
		openssl x509 -in "$C/$1.pem" -outform der -out "$C/$1.der"
}

gen_chain() {
	[[ -s "$C/done" ]] && return 0
	rm -f "$C"/*
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$C/ark-key.pem" 2>/dev/null &&
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$C/ask-key.pem" 2>/dev/null &&
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$C/other-ark-key.pem" 2>/dev/null &&
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$C/vcek-key.pem" 2>/dev/null &&
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$C/other-ec-key.pem" 2>/dev/null &&
		self_signed ark "$C/ark-key.pem" "/CN=ARK-Test/O=svsm-attest tests" &&
		self_signed other-ark "$C/other-ark-key.pem" "/CN=ARK-Other/O=svsm-attest tests" &&
		sign_cert ask "$C/ask-key.pem" "$C/ark.pem" "$C/ark-key.pem" ca "/CN=SEV-Test/O=svsm-attest tests" &&
		sign_cert vcek "$C/vcek-key.pem" "$C/ask.pem" "$C/ask-key.pem" leaf "/CN=SEV-VCEK/O=svsm-attest tests" &&
		sign_cert ask-by-other "$C/ask-key.pem" "$C/other-ark.pem" "$C/other-ark-key.pem" ca "/CN=SEV-Test/O=svsm-attest tests" &&
		sign_cert vcek-by-ark "$C/vcek-key.pem" "$C/ark.pem" "$C/ark-key.pem" leaf "/CN=SEV-VCEK/O=svsm-attest tests" &&
		echo ok >"$C/done"
}

echo "KTAP version 1"
if gen_chain >"$T/chain.log" 2>&1 &&
	openssl x509 -in "$C/ark.pem" -noout -text | grep -q 'Signature Algorithm: rsassaPss'; then
	ok chain_generated
else
	diag <"$T/chain.log"
	notok chain_generated
	echo "# cannot continue without a chain"
	echo "$passed passed, $((failed)) failed"
	exit 1
fi

# ---- fixtures ----------------------------------------------------------------
F=$T/good
mkdir -p "$F/certs"
head -c 64 /dev/urandom >"$F/request.bin"
if "$MKFIXTURE" tpmt "$T/ek.tpmt" 7 &&
	"$MKFIXTURE" manifest "$F/manifest.bin" "$T/ek.tpmt" &&
	"$MKFIXTURE" certtable "$F/certs.bin" "$C/ark.der" "$C/ask.der" "$C/vcek.der" &&
	"$MKFIXTURE" report "$F/report.bin" "$C/vcek-key.pem" "$F/request.bin" "$F/manifest.bin" &&
	[[ $(stat -c %s "$F/report.bin") -eq 1184 && $(stat -c %s "$T/ek.tpmt") -eq 314 ]]; then
	ok fixtures
else
	notok fixtures
fi

# mkreport DIR [FIELD=VALUE...]: DIR = a copy of the good fixture, report re-signed with those fields
mkreport() {
	local d=$1
	shift
	rm -rf "$d"
	cp -a "$F" "$d"
	"$MKFIXTURE" report "$d/report.bin" "$C/vcek-key.pem" "$d/request.bin" "$d/manifest.bin" "$@"
}

# flip FILE OFFSET: xor one byte with 0x01
flip() {
	python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2], 0)
b = bytearray(open(p, "rb").read()); b[o] ^= 1; open(p, "wb").write(b)' "$1" "$2"
}

# ---- certs: split the table into PEM ----------------------------------------
if "$TOOL" certs "$F/certs.bin" --out-dir "$F/certs" >"$T/certs.out" 2>&1 &&
	cmp -s "$F/certs/ark.pem" "$C/ark.pem" && cmp -s "$F/certs/ask.pem" "$C/ask.pem" &&
	cmp -s "$F/certs/vcek.pem" "$C/vcek.pem"; then
	ok certs_split
else
	diag <"$T/certs.out"
	notok certs_split
fi

# expect_ok NAME ARGS...: verify exits 0 and prints "verify: OK"
expect_ok() {
	local name=$1 rc=0
	shift
	"$TOOL" verify "$@" >"$T/$name.out" 2>"$T/$name.err" || rc=$?
	if ((rc == 0)) && grep -q '^verify: OK' "$T/$name.out" && ! grep -q '^FAIL' "$T/$name.out"; then
		ok "$name"
	else
		echo "# exit $rc"
		cat "$T/$name.out" "$T/$name.err" | diag
		notok "$name"
	fi
}

# expect_fail NAME CODE CHECK ARGS...: verify exits CODE, prints "FAIL  CHECK"
# and names CHECK as the failure on stdout and stderr
expect_fail() {
	local name=$1 code=$2 check=$3 rc=0
	shift 3
	"$TOOL" verify "$@" >"$T/$name.out" 2>"$T/$name.err" || rc=$?
	if ((rc == code)) && grep -q "^FAIL  $check " "$T/$name.out" &&
		grep -q "^verify: FAILED: $check:" "$T/$name.out" &&
		grep -q "verification FAILED at check $check (exit $code)" "$T/$name.err" &&
		! grep -q 'AddressSanitizer\|runtime error' "$T/$name.err"; then
		grep '^verify: FAILED' "$T/$name.out" | diag
		ok "$name"
	else
		echo "# exit $rc, want $code and a FAIL of $check"
		cat "$T/$name.out" "$T/$name.err" | diag
		notok "$name"
	fi
}

ARK=$C/ark.pem
expect_ok verify_ok --dir "$F" --ark "$ARK"
for c in report_size report_version signature_algo vmpl signing_key trust_anchor ark_match \
	ask_signed_by_ark vcek_signed_by_ask cert_chain vcek_key report_signature report_data; do
	grep -q "^PASS  $c " "$T/verify_ok.out" || { echo "# no PASS line for $c"; }
done
if [[ $(grep -c '^PASS  ' "$T/verify_ok.out") -eq 13 ]] && grep -q '^SKIP  measurement ' "$T/verify_ok.out" &&
	grep -q '^SKIP  vcek_matches_report ' "$T/verify_ok.out"; then
	ok verify_ok_lists_checks
else
	diag <"$T/verify_ok.out"
	notok verify_ok_lists_checks
fi

# JSON: one object, every check, the decoded EK
rc=0
"$TOOL" verify --dir "$F" --ark "$ARK" --json >"$T/verify.json" 2>"$T/verify.json.err" || rc=$?
if ((rc == 0)) && python3 - "$T/verify.json" "$T/ek.tpmt" <<'PY'
import hashlib, json, sys
j = json.load(open(sys.argv[1]))
ek = open(sys.argv[2], "rb").read()
assert j["result"] == "pass" and j["failed_check"] is None and j["exit_code"] == 0
assert len(j["checks"]) == 15
assert all(c["result"] in ("pass", "skip") for c in j["checks"])
assert j["report"]["version"] == 2 and j["report"]["vmpl"] == 0
assert j["report"]["report_data"] == j["expected_report_data"]
svc = j["manifest"]["services"]
assert svc[0]["name"] == "vTPM" and svc[0]["guid"] == "c476f1eb-0123-45a5-9641-b4e7dde5bfe3"
assert svc[0]["ek"]["raw"] == ek.hex() and svc[0]["ek"]["key_bits"] == 2048
assert svc[0]["ek"]["modulus_sha256"] == hashlib.sha256(ek[-256:]).hexdigest()
assert svc[0]["ek"]["name"] == "000b" + hashlib.sha256(ek).hexdigest()
assert svc[1]["name"] == "UEFI MM" and svc[1]["size"] == 8
PY
then
	ok verify_json
else
	diag <"$T/verify.json"
	notok verify_json
fi

# measurement: the fixture measures 40 41 .. 6f
MEAS=$(python3 -c 'print(bytes(range(0x40, 0x70)).hex())')
expect_ok verify_measurement_ok --dir "$F" --ark "$ARK" --measurement "$MEAS"
expect_fail verify_measurement_mismatch 7 measurement --dir "$F" --ark "$ARK" --measurement "$(printf '%096d' 0)"

# ---- show -----------------------------------------------------------------
if "$TOOL" show "$F" >"$T/show.out" 2>&1 &&
	grep -q '^version: *2$' "$T/show.out" && grep -q "^measurement: *$MEAS\$" "$T/show.out" &&
	grep -q '^signature_algo: *1 (ECDSA P-384 with SHA-384)' "$T/show.out" &&
	grep -q '^key_info: .*VCEK' "$T/show.out" && grep -q '^chip_id: *000102' "$T/show.out"; then
	ok show_text
else
	diag <"$T/show.out"
	notok show_text
fi
if "$TOOL" show --json "$F/report.bin" >"$T/show.json" 2>&1 &&
	python3 -c 'import json, sys; j = json.load(open(sys.argv[1]))["report"]; assert j["version"] == 2 and j["signature_algo"] == 1 and j["measurement"] == sys.argv[2] and j["reported_tcb"]["microcode"] == 0xd3' "$T/show.json" "$MEAS"; then
	ok show_json
else
	diag <"$T/show.json"
	notok show_json
fi
rc=0
head -c 1000 "$F/report.bin" >"$T/short.bin"
"$TOOL" show "$T/short.bin" >/dev/null 2>&1 || rc=$?
((rc == 3)) && ok show_truncated_fails || notok show_truncated_fails

# ---- manifest -------------------------------------------------------------
if "$TOOL" manifest "$F/manifest.bin" --ek-out "$T/ek-out.tpmt" >"$T/manifest.out" 2>&1 &&
	cmp -s "$T/ek-out.tpmt" "$T/ek.tpmt" &&
	grep -q 'c476f1eb-0123-45a5-9641-b4e7dde5bfe3 vTPM' "$T/manifest.out" &&
	grep -q 'a4453a59-9e1b-4787-a033-1986d6adbe55 UEFI MM' "$T/manifest.out" &&
	grep -q 'attributes: *fixedtpm|fixedparent|sensitivedataorigin|adminwithpolicy|restricted|decrypt (0x000300b2)' "$T/manifest.out" &&
	grep -q 'authPolicy: *837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa' "$T/manifest.out" &&
	grep -q 'symmetric: *aes-128-cfb' "$T/manifest.out" && grep -q 'keyBits: *2048' "$T/manifest.out" &&
	grep -q "modulus sha256: *$(tail -c 256 "$T/ek.tpmt" | sha256sum | cut -d' ' -f1)" "$T/manifest.out"; then
	ok manifest_table
else
	diag <"$T/manifest.out"
	notok manifest_table
fi
if "$TOOL" manifest "$T/ek.tpmt" --ek-out "$T/ek-bare.tpmt" >"$T/manifest-bare.out" 2>&1 &&
	cmp -s "$T/ek-bare.tpmt" "$T/ek.tpmt" && grep -q '^Single-service manifest' "$T/manifest-bare.out"; then
	ok manifest_bare_tpmt
else
	diag <"$T/manifest-bare.out"
	notok manifest_bare_tpmt
fi
if "$TOOL" manifest --json "$F/manifest.bin" >"$T/manifest.json" 2>&1 &&
	python3 -c 'import json, sys; j = json.load(open(sys.argv[1]))["manifest"]; assert j["format"] == "guid_table" and j["services"][0]["ek"]["type"] == "rsa" and j["services"][0]["ek"]["exponent"] == 65537' "$T/manifest.json"; then
	ok manifest_json
else
	diag <"$T/manifest.json"
	notok manifest_json
fi

# malformed manifests: exit 9 with a reason
bad_manifest() { # NAME PYTHON-EXPR-ON-b
	local rc=0
	python3 -c "import sys
b = bytearray(open(sys.argv[1], 'rb').read())
$2
open(sys.argv[2], 'wb').write(b)" "$F/manifest.bin" "$T/$1.bin"
	"$TOOL" manifest "$T/$1.bin" >"$T/$1.out" 2>&1 || rc=$?
	if ((rc == 9)); then
		diag <"$T/$1.out"
		ok "$1"
	else
		echo "# exit $rc, want 9"
		diag <"$T/$1.out"
		notok "$1"
	fi
}
bad_manifest manifest_bad_size 'b[16] ^= 1'
bad_manifest manifest_bad_count 'b[20] = 200'
bad_manifest manifest_entry_outside 'b[40:44] = (len(b) - 100).to_bytes(4, "little")'
bad_manifest manifest_truncated 'b[16:20] = (len(b) - 5).to_bytes(4, "little"); del b[-5:]'
rc=0
head -c 300 "$T/ek.tpmt" >"$T/ek-short.tpmt"
"$TOOL" manifest "$T/ek-short.tpmt" --ek-out "$T/x" >"$T/ek-short.out" 2>&1 || rc=$?
((rc == 9)) && ok manifest_bad_tpmt || { diag <"$T/ek-short.out"; notok manifest_bad_tpmt; }

# malformed certificate table: exit 9
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[16:20] = (len(b) + 10).to_bytes(4, "little")
open(sys.argv[2], "wb").write(b)' "$F/certs.bin" "$T/certs-bad.bin"
rc=0
"$TOOL" certs "$T/certs-bad.bin" --out-dir "$T/certs-bad" >"$T/certs-bad.out" 2>&1 || rc=$?
((rc == 9)) && { diag <"$T/certs-bad.out"; ok certtable_bad_offset; } || { diag <"$T/certs-bad.out"; notok certtable_bad_offset; }
head -c 72 "$F/certs.bin" >"$T/certs-noterm.bin"
rc=0
"$TOOL" certs "$T/certs-noterm.bin" --out-dir "$T/certs-bad" >"$T/certs-noterm.out" 2>&1 || rc=$?
((rc == 9)) && ok certtable_no_terminator || { diag <"$T/certs-noterm.out"; notok certtable_no_terminator; }

# ---- verify must fail: the report ------------------------------------------
D=$T/neg
cp -a "$F" "$D.flip" && flip "$D.flip/report.bin" 0x0c0
expect_fail neg_flipped_signed_byte 5 report_signature --dir "$D.flip" --ark "$ARK"
cp -a "$F" "$D.flip0" && flip "$D.flip0/report.bin" 0x001
expect_fail neg_flipped_version_byte 3 report_version --dir "$D.flip0" --ark "$ARK"
cp -a "$F" "$D.flipr" && flip "$D.flipr/report.bin" 0x2a5
expect_fail neg_flipped_sig_r 5 report_signature --dir "$D.flipr" --ark "$ARK"
cp -a "$F" "$D.flips" && flip "$D.flips/report.bin" 0x2e8
expect_fail neg_flipped_sig_s 5 report_signature --dir "$D.flips" --ark "$ARK"
cp -a "$F" "$D.rhigh" && flip "$D.rhigh/report.bin" $((0x2a0 + 60))
expect_fail neg_sig_r_above_48_bytes 5 report_signature --dir "$D.rhigh" --ark "$ARK"
cp -a "$F" "$D.trunc" && head -c 1183 "$F/report.bin" >"$D.trunc/report.bin"
expect_fail neg_truncated_report 3 report_size --dir "$D.trunc" --ark "$ARK"
cp -a "$F" "$D.long" && { cat "$F/report.bin"; printf 'x'; } >"$D.long/report.bin"
expect_fail neg_oversized_report 3 report_size --dir "$D.long" --ark "$ARK"
mkreport "$D.v9" version=9
expect_fail neg_unknown_version 3 report_version --dir "$D.v9" --ark "$ARK"
mkreport "$D.v1" version=1
expect_fail neg_version_1 3 report_version --dir "$D.v1" --ark "$ARK"
mkreport "$D.algo" algo=2
expect_fail neg_unknown_signature_algo 3 signature_algo --dir "$D.algo" --ark "$ARK"
mkreport "$D.vmpl" vmpl=2
expect_fail neg_vmpl_2 3 vmpl --dir "$D.vmpl" --ark "$ARK"
expect_ok vmpl_2_expected --dir "$D.vmpl" --ark "$ARK" --vmpl 2
mkreport "$D.vlek" signing_key=1
expect_fail neg_signed_by_vlek 3 signing_key --dir "$D.vlek" --ark "$ARK"
mkreport "$D.v5" version=5
expect_ok version_5_accepted --dir "$D.v5" --ark "$ARK"
rm -rf "$D.other" && cp -a "$F" "$D.other" &&
	"$MKFIXTURE" report "$D.other/report.bin" "$C/other-ec-key.pem" "$F/request.bin" "$F/manifest.bin"
expect_fail neg_signed_by_other_key 5 report_signature --dir "$D.other" --ark "$ARK"

# ---- verify must fail: nonce and manifest -------------------------------------
head -c 64 /dev/urandom >"$T/other-nonce.bin"
expect_fail neg_wrong_nonce 6 report_data --dir "$F" --ark "$ARK" --nonce-file "$T/other-nonce.bin"
cp -a "$F" "$D.nonce63" && head -c 63 "$F/request.bin" >"$D.nonce63/request.bin"
expect_fail neg_nonce_63_bytes 6 report_data --dir "$D.nonce63" --ark "$ARK"
cp -a "$F" "$D.man" && flip "$D.man/manifest.bin" 100
expect_fail neg_manifest_changed 6 report_data --dir "$D.man" --ark "$ARK"
cp -a "$F" "$D.man2" && printf '\0' >>"$D.man2/manifest.bin"
expect_fail neg_manifest_extended 6 report_data --dir "$D.man2" --ark "$ARK"
cp -a "$F" "$D.man3" && "$MKFIXTURE" tpmt "$T/ek2.tpmt" 8 && "$MKFIXTURE" manifest "$D.man3/manifest.bin" "$T/ek2.tpmt"
expect_fail neg_manifest_other_ek 6 report_data --dir "$D.man3" --ark "$ARK"
cp -a "$F" "$D.noman" && rm "$D.noman/manifest.bin"
expect_fail neg_manifest_missing 6 report_data --dir "$D.noman" --ark "$ARK"

# ---- verify must fail: the certificate chain -----------------------------------
expect_fail neg_other_ark 4 ark_match --dir "$F" --ark "$C/other-ark.pem"
grep -q '^FAIL  ask_signed_by_ark ' "$T/neg_other_ark.out" && ok neg_other_ark_ask_unsigned ||
	{ diag <"$T/neg_other_ark.out"; notok neg_other_ark_ask_unsigned; }
cp -a "$F" "$D.noark" && rm "$D.noark/certs/ark.pem"
expect_fail neg_other_ark_without_chain_ark 4 ask_signed_by_ark --dir "$D.noark" --ark "$C/other-ark.pem"
expect_ok chain_ark_absent_ok --dir "$D.noark" --ark "$ARK"
cp -a "$F" "$D.ask" && cp "$C/ask-by-other.pem" "$D.ask/certs/ask.pem"
expect_fail neg_ask_not_signed_by_ark 4 ask_signed_by_ark --dir "$D.ask" --ark "$ARK"
cp -a "$F" "$D.vcek" && cp "$C/vcek-by-ark.pem" "$D.vcek/certs/vcek.pem"
expect_fail neg_vcek_not_signed_by_ask 4 vcek_signed_by_ask --dir "$D.vcek" --ark "$ARK"
expect_fail neg_anchor_not_self_signed 4 trust_anchor --dir "$F" --ark "$C/ask.pem"
expect_fail neg_anchor_missing 4 trust_anchor --dir "$F" --ark "$T/nonexistent.pem"
cp -a "$F" "$D.novcek" && rm "$D.novcek/certs/vcek.pem"
expect_fail neg_vcek_missing 4 vcek_signed_by_ask --dir "$D.novcek" --ark "$ARK"
cp -a "$F" "$D.garbage" && echo garbage >"$D.garbage/certs/ask.pem"
expect_fail neg_ask_garbage 4 ask_signed_by_ark --dir "$D.garbage" --ark "$ARK"

# --json on a failure: one object naming the failed check
rc=0
"$TOOL" verify --dir "$D.flip" --ark "$ARK" --json >"$T/neg.json" 2>/dev/null || rc=$?
if ((rc == 5)) && python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); assert j["result"] == "fail" and j["failed_check"] == "report_signature" and j["exit_code"] == 5 and [c for c in j["checks"] if c["name"] == "report_signature"][0]["result"] == "fail"' "$T/neg.json"; then
	ok neg_json_names_failure
else
	diag <"$T/neg.json"
	notok neg_json_names_failure
fi

# ---- usage and device errors -----------------------------------------------------
rc=0
"$TOOL" verify --dir "$F" >/dev/null 2>&1 || rc=$?
((rc == 2)) && ok usage_verify_needs_ark || notok usage_verify_needs_ark
rc=0
"$TOOL" report --device "$T/no-such-device" --random --out-dir "$T/r" >"$T/dev.out" 2>&1 || rc=$?
((rc == 8)) && grep -q 'no-such-device' "$T/dev.out" && ok report_no_device || { diag <"$T/dev.out"; notok report_no_device; }
rc=0
"$TOOL" report --nonce 123 >/dev/null 2>&1 || rc=$?
((rc == 2)) && ok usage_bad_nonce_hex || notok usage_bad_nonce_hex

# ---- the chain made by scripts/mkattest-keys.sh, when it exists -----------------
MK=$REPO/scripts/mkattest-keys.sh
if [[ ! -x "$MK" ]]; then
	skip mkattest_keys_chain "scripts/mkattest-keys.sh not there yet"
else
	M=$T/mk
	rm -rf "$M"
	mkdir -p "$M/attest"
	if "$MK" "$M/attest" >"$T/mk.log" 2>&1 && [[ -s "$M/attest/ark.pem" && -s "$M/attest/vcek-key.der" ]]; then
		mkdir -p "$M/dir/certs"
		cp "$M/attest"/{ark,ask,vcek}.pem "$M/dir/certs/"
		cp "$F/request.bin" "$F/manifest.bin" "$M/dir/"
		openssl pkey -inform der -in "$M/attest/vcek-key.der" -out "$M/vcek-key.pem" 2>>"$T/mk.log"
		# its VCEK says TCB 0 and hwID = 64 zero bytes, as the firmware's report will
		"$MKFIXTURE" report "$M/dir/report.bin" "$M/vcek-key.pem" "$F/request.bin" "$F/manifest.bin" \
			tcb=0 chip_id_zero=1
		expect_ok mkattest_keys_chain --dir "$M/dir" --ark "$M/attest/ark.pem"
		grep -q '^PASS  vcek_matches_report ' "$T/mkattest_keys_chain.out" && ok mkattest_keys_vcek_extensions ||
			{ diag <"$T/mkattest_keys_chain.out"; notok mkattest_keys_vcek_extensions; }
		cp -a "$M/dir" "$M/tcb"
		"$MKFIXTURE" report "$M/tcb/report.bin" "$M/vcek-key.pem" "$F/request.bin" "$F/manifest.bin" \
			tcb=0x0300000000000000 chip_id_zero=1
		expect_fail neg_vcek_other_tcb 4 vcek_matches_report --dir "$M/tcb" --ark "$M/attest/ark.pem"
		cp -a "$M/dir" "$M/chip"
		"$MKFIXTURE" report "$M/chip/report.bin" "$M/vcek-key.pem" "$F/request.bin" "$F/manifest.bin" tcb=0
		expect_fail neg_vcek_other_chip 4 vcek_matches_report --dir "$M/chip" --ark "$M/attest/ark.pem"
		if [[ -s "$M/attest/other-ark.pem" ]]; then
			expect_fail mkattest_keys_other_ark 4 ark_match --dir "$M/dir" --ark "$M/attest/other-ark.pem"
		fi
	else
		diag <"$T/mk.log"
		notok mkattest_keys_chain
	fi
fi

echo "1..$n"
echo "# $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed"
((failed == 0))
