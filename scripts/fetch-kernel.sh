#!/usr/bin/env bash
# Fetch the Debian kernel image matching the installed linux-headers-amd64
# and unpack it under $BUILD/kernel:
#   $BUILD/kernel/KVER       kernel release, e.g. 6.1.0-56-amd64
#   $BUILD/kernel/HEADERS    matching headers dir (/usr/src/linux-headers-$KVER)
#   $BUILD/kernel/vmlinuz    symlink to root/boot/vmlinuz-$KVER
#   $BUILD/kernel/root/      unpacked package (modules, depmod'ed)
# Does nothing when already done for the same KVER.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: $0 [--force]" >&2; }
force=0
case "${1:-}" in
"") ;;
--force) force=1 ;;
-h | --help) usage; exit 0 ;;
*) usage; exit 2 ;;
esac

dep=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null) ||
	die "linux-headers-amd64 not installed (run scripts/install-deps.sh)"
# e.g. "linux-headers-6.1.0-56-amd64 (= 6.1.192-2)"
KVER=$(sed -n 's/.*linux-headers-\([0-9][^ ,]*-amd64\).*/\1/p' <<<"$dep" | head -n1)
[[ -n "$KVER" ]] || die "cannot derive the kernel ABI from linux-headers-amd64 Depends: '$dep'"
HEADERS=/usr/src/linux-headers-$KVER
[[ -d "$HEADERS" ]] || die "$HEADERS missing"

K=$BUILD/kernel
if ((!force)) && [[ -s "$K/KVER" && "$(cat "$K/KVER")" == "$KVER" &&
	-f "$K/root/boot/vmlinuz-$KVER" && -e "$K/vmlinuz" &&
	-f "$K/root/lib/modules/$KVER/modules.dep" ]]; then
	echo "$HEADERS" >"$K/HEADERS.tmp" && mv "$K/HEADERS.tmp" "$K/HEADERS"
	msg "kernel $KVER already present"
	exit 0
fi

msg "guest kernel $KVER"
rm -rf "$K"
mkdir -p "$K/dl"
chmod 755 "$K/dl" # let apt's _apt sandbox user write here if it can

pkg=
for cand in "linux-image-$KVER" "linux-image-$KVER-unsigned"; do
	if apt-cache show "$cand" >/dev/null 2>&1; then
		pkg=$cand
		break
	fi
done
[[ -n "$pkg" ]] || die "neither linux-image-$KVER nor linux-image-$KVER-unsigned is known to apt (apt-get update?)"

msg "apt-get download $pkg"
# apt warns that it downloads unsandboxed as root; that is harmless.
if ! (cd "$K/dl" && apt-get download -q "$pkg") >"$K/download.log" 2>&1; then
	cat "$K/download.log" >&2
	die "apt-get download $pkg failed"
fi
grep -v -e 'unsandboxed as root' "$K/download.log" || true
deb=$(find "$K/dl" -maxdepth 1 -name "${pkg}_*.deb" | head -n1)
[[ -n "$deb" ]] || die "download of $pkg failed"

msg "unpacking $(basename "$deb")"
dpkg -x "$deb" "$K/root"
[[ -f "$K/root/boot/vmlinuz-$KVER" ]] || die "$deb has no /boot/vmlinuz-$KVER"

msg "depmod $KVER"
depmod -b "$K/root" "$KVER"

ln -sfn "root/boot/vmlinuz-$KVER" "$K/vmlinuz"
echo "$HEADERS" >"$K/HEADERS"
echo "$KVER" >"$K/KVER"
rm -rf "$K/dl" "$K/download.log"
msg "done: $K/vmlinuz -> vmlinuz-$KVER"
