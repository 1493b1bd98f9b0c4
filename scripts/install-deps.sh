#!/usr/bin/env bash
# Install the host packages the build, the guest image and the tests need.
# Idempotent: checks with dpkg-query first and only runs apt-get when
# something is missing. Must run as root (or via sudo) when it installs.
set -euo pipefail

usage() {
	echo "usage: $0 [--check]" >&2
	echo "  --check   only report missing packages (exit 1 if any)" >&2
}

check_only=0
case "${1:-}" in
"") ;;
--check) check_only=1 ;;
-h | --help) usage; exit 0 ;;
*) usage; exit 2 ;;
esac

PKGS=(
	qemu-system-x86 nasm sparse kmod busybox-static cpio gcc make
	clang llvm lld python3 openssl xz-utils linux-headers-amd64
	libtpms-dev libssl-dev tpm2-tools swtpm libtss2-tcti-device0
)

# Print the packages of "$@" that are not fully installed (one dpkg-query call).
missing_of() {
	local out
	out=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true)
	local p
	for p in "$@"; do
		if ! grep -qx "$p installed" <<<"$out"; then
			echo "$p"
		fi
	done
}

mapfile -t missing < <(missing_of "${PKGS[@]}")

if ((${#missing[@]} == 0)); then
	echo "deps: all ${#PKGS[@]} packages present"
	exit 0
fi

echo "deps: missing: ${missing[*]}"
if ((check_only)); then
	exit 1
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=(sudo)
	else
		echo "deps: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
		exit 1
	fi
fi

echo "deps: apt-get update"
"${SUDO[@]}" apt-get update -qq
echo "deps: apt-get install ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -q --no-install-recommends "${missing[@]}"

mapfile -t still < <(missing_of "${missing[@]}")
if ((${#still[@]})); then
	echo "deps: still missing after install: ${still[*]}" >&2
	exit 1
fi
echo "deps: installed ${#missing[@]} package(s)"
