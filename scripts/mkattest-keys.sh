#!/usr/bin/env bash
# Make the emulated platform's attestation keys: a certificate chain shaped
# like AMD's, for the firmware's emulated report signer.
#
# usage: mkattest-keys.sh [OUTDIR]      (default $BUILD/attest)
#
#   ARK   RSA-4096, self-signed, RSASSA-PSS SHA-384 (salt 48), CA
#   ASK   RSA-4096, signed by the ARK (PSS SHA-384), CA, path length 0
#   VCEK  EC P-384, signed by the ASK (PSS SHA-384), with AMD's VCEK
#         extensions (TCB SPLs 0, hwID = 64 zero bytes, as the report's)
#   other-ark.pem  a second, unrelated ARK (a "wrong trust anchor" for tests)
#
# Files: ark.pem ask.pem vcek.pem, ark.der ask.der vcek.der, vcek-key.der
# (the VCEK private key, PKCS#8 DER), other-ark.pem.  QEMU hands the DER
# files to the firmware through fw_cfg (scripts/run-guest.sh).
#
# Cached: if every file is already there, nothing is done.  The keys are
# test keys for an emulated platform: they prove nothing about hardware.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out=${1:-$BUILD/attest}
files=(ark.pem ask.pem vcek.pem ark.der ask.der vcek.der vcek-key.der other-ark.pem)

have_all() {
	local f
	for f in "${files[@]}"; do [[ -s "$out/$f" ]] || return 1; done
}
have_all && exit 0

command -v openssl >/dev/null || die "openssl not found (apt-get install openssl)"
mkdir -p "$out"
# Two runs at once must not mix their keys: one makes them, the other waits.
exec 9>"$out/.lock"
flock 9
have_all && exit 0
tmp=$(mktemp -d "$out/.mk.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

days=9125 # 25 years, as AMD's ARK/ASK
pss=(-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:48 -sigopt rsa_mgf1_md:sha384 -sha384)
org="/OU=Engineering/O=SVSM emulated platform (not AMD)/L=Nowhere/ST=NA/C=XX"

cat >"$tmp/ext.cnf" <<'EOF'
[ ark ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ ask ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ vcek ]
# AMD's VCEK extensions (1.3.6.1.4.1.3704.1.*): struct version, product
# name, boot loader / TEE / SNP / microcode SPLs, hwID (the CHIP_ID).
1.3.6.1.4.1.3704.1.1 = ASN1:INTEGER:1
1.3.6.1.4.1.3704.1.2 = ASN1:IA5STRING:Emulated
1.3.6.1.4.1.3704.1.3.1 = ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.3.2 = ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.3.3 = ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.3.4 = ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.3.5 = ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.3.6 = ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.3.7 = ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.3.8 = ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.4 = ASN1:FORMAT:HEX,OCTETSTRING:00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
EOF

# A self-signed RSA-4096 ARK: $1 = file stem, $2 = common name.
mk_ark() {
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$tmp/$1-key.pem" 2>/dev/null
	openssl req -new -x509 -key "$tmp/$1-key.pem" -subj "/CN=$2$org" -days "$days" \
		"${pss[@]}" -extensions ark -config "$tmp/ext.cnf" -out "$tmp/$1.pem"
}

# A certificate for key $1 signed by $3 (cert) / $4 (key): $2 = CN, $5 = ext.
mk_cert() {
	openssl req -new -key "$1" -subj "/CN=$2$org" -config "$tmp/ext.cnf" -out "$tmp/csr.pem"
	openssl x509 -req -in "$tmp/csr.pem" -CA "$3" -CAkey "$4" -CAcreateserial \
		-days "$days" "${pss[@]}" -extfile "$tmp/ext.cnf" -extensions "$5" \
		-out "$tmp/cert.pem" 2>/dev/null
}

# The ext.cnf above has no [req] section; give openssl req a minimal one.
printf '[ req ]\ndistinguished_name = dn\n[ dn ]\n' >>"$tmp/ext.cnf"

msg "making the emulated attestation chain in $out"
mk_ark ark "SVSM-Emulated-ARK"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$tmp/ask-key.pem" 2>/dev/null
mk_cert "$tmp/ask-key.pem" "SVSM-Emulated-ASK" "$tmp/ark.pem" "$tmp/ark-key.pem" ask
mv "$tmp/cert.pem" "$tmp/ask.pem"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$tmp/vcek-key.pem"
mk_cert "$tmp/vcek-key.pem" "SEV-VCEK" "$tmp/ask.pem" "$tmp/ask-key.pem" vcek
mv "$tmp/cert.pem" "$tmp/vcek.pem"
mk_ark other-ark "SVSM-Emulated-ARK (other)"

openssl verify -x509_strict -CAfile "$tmp/ark.pem" -untrusted "$tmp/ask.pem" "$tmp/vcek.pem" >/dev/null ||
	die "the generated chain does not verify"
for c in ark ask vcek; do
	openssl x509 -in "$tmp/$c.pem" -outform DER -out "$tmp/$c.der"
done
openssl pkcs8 -topk8 -nocrypt -in "$tmp/vcek-key.pem" -outform DER -out "$tmp/vcek-key.der"
chmod 600 "$tmp/vcek-key.der"
for f in "${files[@]}"; do mv "$tmp/$f" "$out/$f"; done
msg "ARK $(openssl x509 -in "$out/ark.pem" -noout -fingerprint -sha256 | sed 's/.*=//')"
