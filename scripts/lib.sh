# shellcheck shell=bash
# Common definitions for the scripts in this directory. Source it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Sets REPO (repository root, derived from this file's location) and
# BUILD (defaults to $REPO/build; exported).

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$REPO/build}
# Make BUILD absolute so that scripts may cd freely.
case "$BUILD" in
/*) ;;
*) BUILD=$PWD/$BUILD ;;
esac
export REPO BUILD

SCRIPT_NAME=$(basename "$0" .sh)
msg() { echo "$SCRIPT_NAME: $*"; }
err() { echo "$SCRIPT_NAME: error: $*" >&2; }
die() {
	err "$*"
	exit 1
}

# Kernel version of the guest (written by fetch-kernel.sh).
guest_kver() {
	local f=$BUILD/kernel/KVER
	[[ -s "$f" ]] || die "$f missing: run scripts/fetch-kernel.sh (make kernel) first"
	cat "$f"
}
