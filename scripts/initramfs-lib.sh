# shellcheck shell=bash
# Helpers to populate an initramfs staging root. Source it:
#   . "$REPO/scripts/initramfs-lib.sh"
#
#   add_elf_with_libs ROOT HOST_FILE [DEST]
#       Copy the ELF HOST_FILE (executable or shared object) into ROOT at
#       DEST (default: the same path) together with every shared library
#       it needs and the dynamic loader, resolved with ldd on the host and
#       copied to the same paths in ROOT. Static ELFs and non-ELF files are
#       copied as they are. Libraries loaded with dlopen (for instance the
#       tss2 TCTI modules) are not visible to ldd: add them explicitly with
#       add_elf_with_libs ROOT /usr/lib/x86_64-linux-gnu/libtss2-tcti-device.so.0
#
#   add_libs_for_tree ROOT [SUBDIR...]
#       For every dynamically linked ELF already in ROOT/SUBDIR (default
#       usr/bin), add the libraries it needs (resolved on the host).

# Copy one host file to ROOT at the same path (dereferencing symlinks), once.
_initramfs_copy_host_file() {
	local root=$1 src=$2 dest=${3:-$2}
	[[ -e "$root$dest" ]] && return 0
	mkdir -p "$root$(dirname "$dest")"
	cp -L --remove-destination --preserve=mode "$src" "$root$dest"
}

_is_dynamic_elf() {
	local f=$1 magic
	[[ -f "$f" ]] || return 1
	magic=$(head -c 4 "$f" 2>/dev/null | od -An -tx1 | tr -d ' \n')
	[[ "$magic" == 7f454c46 ]] || return 1
	# Dynamic iff it has a PT_INTERP or a DT_NEEDED; ldd decides for us.
	ldd "$f" >/dev/null 2>&1
}

# Print the host paths of the libraries (and loader) FILE needs.
_elf_deps() {
	local f=$1 line
	LC_ALL=C ldd "$f" 2>/dev/null | while IFS= read -r line; do
		case "$line" in
		*'=> not found'*)
			echo "initramfs-lib: warning: $f: ${line%%=>*} not found on the host" >&2
			;;
		*'=> /'*)
			line=${line#*=> }
			echo "${line%% (*}"
			;;
		[[:space:]]/*)
			line=${line#"${line%%[![:space:]]*}"}
			echo "${line%% (*}"
			;;
		esac
	done
}

add_libs_for_file() {
	local root=$1 f=$2 lib
	_is_dynamic_elf "$f" || return 0
	while IFS= read -r lib; do
		[[ -n "$lib" ]] || continue
		_initramfs_copy_host_file "$root" "$lib"
	done < <(_elf_deps "$f")
}

add_elf_with_libs() {
	local root=$1 src=$2 dest=${3:-$2}
	[[ -e "$src" ]] || {
		echo "add_elf_with_libs: $src not found" >&2
		return 1
	}
	mkdir -p "$root$(dirname "$dest")"
	cp -L --remove-destination --preserve=mode "$src" "$root$dest"
	add_libs_for_file "$root" "$src"
}

add_libs_for_tree() {
	local root=$1
	shift
	local dirs=("$@") d f
	((${#dirs[@]})) || dirs=(usr/bin)
	for d in "${dirs[@]}"; do
		[[ -d "$root/$d" ]] || continue
		while IFS= read -r -d '' f; do
			add_libs_for_file "$root" "$f"
		done < <(find "$root/$d" -type f -print0)
	done
}
