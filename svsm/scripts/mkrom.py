#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Assemble the firmware ROM for QEMU -bios.

Layout of the ROM file (QEMU maps it so that it ends at 4 GiB):
    [payload: objcopy -O binary of svsm.elf, linked at 0]
    [zero padding]
    [reset stub, 4 KiB, ends at 0xFFFFFFFF; holds the reset vector]
The size is rounded up to 64 KiB (QEMU requires a multiple).  The stub's
descriptor gets the ROM size, the payload's file and memory sizes and the
SVSM region size.
"""
import argparse
import struct
import subprocess
import sys

MAGIC = 0x4D525653  # "SVRM"
STUB_SIZE = 0x1000


def symbols(nm, elf):
    out = subprocess.run([nm, elf], check=True, capture_output=True, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--elf", required=True)
    ap.add_argument("--payload", required=True, help="flat binary of the ELF")
    ap.add_argument("--stub", required=True)
    ap.add_argument("--region-mb", type=int, required=True)
    ap.add_argument("--nm", default="nm")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    syms = symbols(a.nm, a.elf)
    payload = open(a.payload, "rb").read()
    stub = bytearray(open(a.stub, "rb").read())
    if len(stub) != STUB_SIZE:
        sys.exit(f"mkrom: stub is {len(stub)} bytes, want {STUB_SIZE}")
    if struct.unpack_from("<I", stub, 0)[0] != MAGIC:
        sys.exit("mkrom: stub descriptor magic not found")
    file_end = syms["__file_end"]
    mem_end = syms["__image_end"]
    if syms.get("_start") != 0:
        sys.exit("mkrom: _start must be at offset 0")
    if len(payload) > file_end:
        sys.exit(f"mkrom: payload {len(payload)} bytes > __file_end {file_end}")
    payload = payload.ljust(file_end, b"\0")
    region = a.region_mb << 20
    if region % (2 << 20) or mem_end + 0x20000 > region:
        sys.exit(f"mkrom: region {region:#x} too small for image {mem_end:#x}")

    rom_size = (len(payload) + STUB_SIZE + 0xFFFF) & ~0xFFFF
    struct.pack_into("<IIIII", stub, 0, MAGIC, rom_size, len(payload), mem_end, region)
    rom = payload + b"\0" * (rom_size - len(payload) - STUB_SIZE) + bytes(stub)
    assert len(rom) == rom_size
    open(a.output, "wb").write(rom)
    print(f"mkrom: {a.output}: {rom_size // 1024} KiB ROM, image {mem_end // 1024} KiB in memory, "
          f"SVSM region {a.region_mb} MiB")


if __name__ == "__main__":
    main()
