#!/usr/bin/env bash
# Build every out-of-tree Linux module listed in the top-level Kbuild and
# copy the .ko files to $BUILD/modules/.
#
#   scripts/build-modules.sh [extra kbuild arguments, e.g. C=2 W=1]
#
# Environment:
#   BUILD  output directory (default: <repo>/build)
#   KDIR   kernel build tree; default: the path in $BUILD/kernel/HEADERS
#          (written by scripts/fetch-kernel.sh), else the installed
#          Debian headers /usr/src/linux-headers-6.1.0-56-amd64
#   JOBS   parallel jobs (default: nproc)
#   KMOD   build directory (default: $BUILD/kmod)
#
# The sources are not built in place: kbuild (6.1) puts objects next to
# the sources, so the build runs in a mirror of the tree made of symlinks,
# $KMOD, and the source tree stays clean.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
DEFAULT_KDIR=/usr/src/linux-headers-6.1.0-56-amd64

if [[ -z "${KDIR:-}" ]]; then
	if [[ -s "$BUILD/kernel/HEADERS" ]]; then
		KDIR=$(head -n 1 "$BUILD/kernel/HEADERS")
	else
		KDIR=$DEFAULT_KDIR
	fi
fi
if [[ ! -f "$KDIR/Makefile" ]]; then
	echo "build-modules: no kernel build tree at $KDIR" >&2
	echo "build-modules: install linux-headers-amd64 or run scripts/fetch-kernel.sh" >&2
	exit 1
fi

# Mirror the kbuild-relevant parts of the tree as symlinks.  Old links
# are dropped first so that removed or renamed sources disappear; objects
# of earlier builds stay, so rebuilds are incremental.
SRC=${KMOD:-$BUILD/kmod}
mkdir -p "$SRC"
find "$SRC" -type l -delete
for p in Kbuild include linux selftests; do
	if [[ -e "$REPO/$p" ]]; then
		cp -as "$REPO/$p" "$SRC/"
	fi
done

echo "build-modules: KDIR=$KDIR"
make -C "$KDIR" M="$SRC" -j"${JOBS:-$(nproc)}" "$@" modules

OUT=$BUILD/modules
mkdir -p "$OUT"
rm -f "$OUT"/*.ko
# modules.order names .o (newer kbuild) or .ko files, relative or absolute.
mapfile -t kos < <(sed -e 's/\.o$/.ko/' "$SRC/modules.order")
if ((${#kos[@]} == 0)); then
	echo "build-modules: no modules built" >&2
	exit 1
fi
for ko in "${kos[@]}"; do
	[[ "$ko" == /* ]] || ko=$SRC/$ko
	cp "$ko" "$OUT/"
done
echo "build-modules: ${#kos[@]} module(s) in $OUT: $(cd "$OUT" && echo *.ko)"
