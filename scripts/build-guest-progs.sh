#!/usr/bin/env bash
# Build the static userspace programs that run inside the guest into
# $BUILD/guest-bin/ (mkinitramfs.sh installs them as /usr/bin/*).
#
#   scripts/build-guest-progs.sh
#
# Environment: BUILD (default <repo>/build), CC (default gcc), CFLAGS
# (added after the defaults).  A program is rebuilt when its source or
# any header of the tree is newer than the binary.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

# name:source[:source...], one per program; headers come from include/ and
# the directory of the program's first source.
PROGS=(
	isolation_test:selftests/svsm/isolation_test.c:selftests/svsm/svsm_test.c
	svsm-cpuid:selftests/svsm/svsm_cpuid.c
	svsm_core_test:selftests/svsm/svsm_core_test.c:selftests/svsm/svsm_test.c
	svsm_vtpm_test:selftests/svsm/svsm_vtpm_test.c:selftests/svsm/svsm_test.c
	svsm_attest_test:selftests/svsm/svsm_attest_test.c:selftests/svsm/svsm_test.c
	tpm-bench:tools/tpm-bench/tpm_bench.c
)

CC=${CC:-gcc}
BASE_CFLAGS=(-static -O2 -Wall -Wextra -Werror -I"$REPO/include")
OUT=$BUILD/guest-bin
mkdir -p "$OUT"

# Newest header: a change to a shared header rebuilds everything.
# (Only directories that exist: git does not keep an empty tools/.)
newest_header() {
	local d dirs=()
	for d in include selftests tools; do
		[[ -d "$REPO/$d" ]] && dirs+=("$REPO/$d")
	done
	find "${dirs[@]}" -name '*.h' -printf '%T@ %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-
}
hdr=$(newest_header)

# newer <file> <files...>: whether <file> is newer than all of <files>.
newer() {
	local f=$1
	shift
	while (($#)); do
		[[ "$f" -nt "$1" ]] || return 1
		shift
	done
}

built=0
for entry in "${PROGS[@]}"; do
	name=${entry%%:*}
	IFS=: read -r -a srcs <<<"${entry#*:}"
	srcs=("${srcs[@]/#/$REPO/}")
	bin=$OUT/$name
	if [[ -x "$bin" && ( -z "$hdr" || "$bin" -nt "$hdr" ) ]] &&
		newer "$bin" "${srcs[@]}" "$0"; then
		continue
	fi
	echo "build-guest-progs: CC $name"
	# shellcheck disable=SC2086 # CFLAGS is a list of flags
	"$CC" "${BASE_CFLAGS[@]}" -I"$(dirname "${srcs[0]}")" ${CFLAGS:-} \
		-o "$bin.tmp" "${srcs[@]}" -lpthread
	mv "$bin.tmp" "$bin"
	built=$((built + 1))
done
# svsm-attest (several sources, static libcrypto): its own Makefile decides what to rebuild.
make --no-print-directory -s -C "$REPO/tools/svsm-attest" static OUT="$OUT/svsm-attest" \
	BUILD="$BUILD/tools/svsm-attest" 2> >(grep -v "statically linked applications requires\|in function \`" >&2)
echo "build-guest-progs: $((${#PROGS[@]} + 1)) program(s) in $OUT ($built rebuilt)"
