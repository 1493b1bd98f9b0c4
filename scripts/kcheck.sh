#!/usr/bin/env bash
# Static checks of the kernel-style code (Linux modules, selftests):
#
#   1. sparse:     the module build with C=2 (every file checked)
#   2. W=1:        the module build with extra compiler warnings
#   3. checkpatch: checkpatch.pl --no-tree --strict -f over every .c/.h
#                  under linux/ and selftests/
#
# Any warning, error or checkpatch ERROR/WARNING/CHECK fails the run.
# Logs go to $BUILD/kcheck/.  The last line is the summary:
#   kcheck: sparse=OK w1=OK checkpatch=OK
#
# checkpatch.pl is not in the kernel headers package; it is extracted
# from Debian's linux-source-6.1 (installed with apt-get if missing) into
# $BUILD/checkpatch/.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
LOGDIR=$BUILD/kcheck
mkdir -p "$LOGDIR"

SRC_PKG=linux-source-6.1
SRC_TAR=/usr/src/linux-source-6.1.tar.xz
CP_DIR=$BUILD/checkpatch
CP_FILES=(checkpatch.pl spelling.txt const_structs.checkpatch)

# Lines that count as a diagnostic from the compiler, sparse or modpost.
DIAG_RE='(^|[: ])([Ww]arning|WARNING|[Ee]rror|ERROR):'

apt_install() {
	local sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		command -v sudo >/dev/null 2>&1 || {
			echo "kcheck: need root to apt-get install $*" >&2
			return 1
		}
		sudo=(sudo)
	fi
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends "$@" ||
		{ "${sudo[@]}" apt-get update -qq &&
			"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -q --no-install-recommends "$@"; }
}

# build <name> <kbuild args...>: module build in its own directory;
# prints the diagnostics and fails if there are any.
build() {
	local name=$1 log=$LOGDIR/$1.log
	shift
	# A fresh directory so that every file is compiled with the flags.
	rm -rf "$BUILD/kcheck/$name-tree"
	if ! KMOD=$BUILD/kcheck/$name-tree "$REPO/scripts/build-modules.sh" \
		"$@" >"$log" 2>&1; then
		cat "$log" >&2
		echo "kcheck: $name: build failed (log: $log)" >&2
		return 1
	fi
	if grep -E "$DIAG_RE" "$log" >&2; then
		echo "kcheck: $name: diagnostics above (log: $log)" >&2
		return 1
	fi
}

checkpatch_setup() {
	local f missing=0
	for f in "${CP_FILES[@]}"; do
		[[ -s "$CP_DIR/$f" ]] || missing=1
	done
	((missing)) || return 0
	if [[ ! -f "$SRC_TAR" ]]; then
		echo "kcheck: installing $SRC_PKG for checkpatch.pl"
		apt_install "$SRC_PKG" >"$LOGDIR/apt.log" 2>&1 || {
			cat "$LOGDIR/apt.log" >&2
			return 1
		}
	fi
	mkdir -p "$CP_DIR"
	tar -xJf "$SRC_TAR" -C "$CP_DIR" --strip-components=2 \
		"${CP_FILES[@]/#/linux-source-6.1/scripts/}"
	chmod +x "$CP_DIR/checkpatch.pl"
}

checkpatch() {
	local log=$LOGDIR/checkpatch.log files=()
	checkpatch_setup || return 1
	mapfile -t files < <(cd "$REPO" &&
		find linux selftests -type f \( -name '*.c' -o -name '*.h' \) \
			2>/dev/null | sort)
	if ((${#files[@]} == 0)); then
		echo "kcheck: checkpatch: no files" >&2
		return 1
	fi
	local rc=0
	(cd "$REPO" && "$CP_DIR/checkpatch.pl" --no-tree --strict --quiet \
		--show-types -f "${files[@]}") >"$log" 2>&1 || rc=$?
	if ((rc)) || grep -Eq '^(ERROR|WARNING|CHECK):' "$log"; then
		cat "$log" >&2
		echo "kcheck: checkpatch: ${#files[@]} file(s), problems above" >&2
		return 1
	fi
	echo "kcheck: checkpatch: ${#files[@]} file(s) clean"
}

command -v sparse >/dev/null 2>&1 || apt_install sparse >/dev/null

sparse=FAIL w1=FAIL cp=FAIL
build sparse C=2 && sparse=OK
build w1 W=1 && w1=OK
checkpatch && cp=OK

echo "kcheck: sparse=$sparse w1=$w1 checkpatch=$cp"
[[ $sparse == OK && $w1 == OK && $cp == OK ]]
