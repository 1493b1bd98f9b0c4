; SPDX-License-Identifier: MIT
;
; Reset stub: the last 4 KiB of the firmware ROM (linear 0xFFFFF000).
;
; QEMU maps -bios at the top of the 4 GiB space and starts the CPU at
; 0xFFFFFFF0 in real mode (CS base 0xFFFF0000).  This stub switches to
; protected mode, picks the SVSM region (the top SVSM_REGION_SIZE bytes of RAM
; below the PCI hole, as reported by CMOS), copies the payload image from ROM
; into it, builds an identity map of the first 4 GiB, enters long mode and
; jumps to the payload's _start with RDI = SVSM base, RSI = region size.
; The payload verifies the region against fw_cfg's etc/e820 later.
;
; mkrom.py fills in the descriptor at the start of this stub.

bits 16
org 0xF000

%define LINEAR(x) (0xFFFF0000 + (x))
%define EARLY_TABLES_OFFSET 0x8000 ; from the region's end: PML4, PDPT, 4 PDs
%define DEBUGCON 0x402

descriptor:
	dd 0x4d525653			; "SVRM" magic, checked by mkrom.py
rom_size:	dd 0			; whole ROM file size
payload_size:	dd 0			; payload bytes at the start of the ROM
payload_memsz:	dd 0			; payload size in memory (with .bss)
region_size:	dd 0			; SVSM region size in bytes (2 MiB multiple)

align 8
gdt:
	dq 0
	dq 0x00cf9a000000ffff		; 0x08: 32-bit code, flat
	dq 0x00cf92000000ffff		; 0x10: data, flat
	dq 0x00209a0000000000		; 0x18: 64-bit code
gdt_end:
gdt_desc:
	dw gdt_end - gdt - 1
	dd LINEAR(gdt)

start16:
	cli
	cld
	o32 lgdt [cs:gdt_desc]
	mov eax, cr0
	or al, 1
	mov cr0, eax
	jmp dword 0x08:LINEAR(start32)

bits 32
start32:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax

	; RAM between 16 MiB and 4 GiB in 64 KiB units: CMOS 0x34 (lo), 0x35 (hi).
	mov al, 0x35
	out 0x70, al
	in al, 0x71
	mov ah, al
	mov al, 0x34
	out 0x70, al
	in al, 0x71
	movzx eax, ax
	test eax, eax
	jz fail
	shl eax, 16
	add eax, 0x1000000
	and eax, 0xffe00000		; 2 MiB aligned top of low RAM
	mov ecx, [LINEAR(region_size)]
	cmp eax, ecx
	jbe fail
	sub eax, ecx
	cmp eax, 0x4000000		; keep at least 64 MiB below for the guest
	jb fail
	mov ebp, eax			; EBP = SVSM base for the rest of the stub

	; Copy the payload from ROM (it starts at 4 GiB - rom_size).
	xor esi, esi
	sub esi, [LINEAR(rom_size)]
	mov edi, ebp
	mov ecx, [LINEAR(payload_size)]
	add ecx, 3
	shr ecx, 2
	rep movsd
	; Zero the rest of the image (.bss).
	mov ecx, [LINEAR(payload_memsz)]
	sub ecx, [LINEAR(payload_size)]
	jbe .nobss
	add ecx, 3
	shr ecx, 2
	xor eax, eax
	rep stosd
.nobss:
	; Early page tables at region end - EARLY_TABLES_OFFSET: identity map of
	; 0-4 GiB with 2 MiB pages.
	mov ebx, ebp
	add ebx, [LINEAR(region_size)]
	sub ebx, EARLY_TABLES_OFFSET	; EBX = PML4
	mov edi, ebx
	mov ecx, 6 * 4096 / 4
	xor eax, eax
	rep stosd
	lea eax, [ebx + 0x1000 + 3]
	mov [ebx], eax			; PML4[0] -> PDPT
	xor ecx, ecx
.pdpt:
	lea eax, [ebx + 0x2000 + 3]
	mov edx, ecx
	shl edx, 12
	add eax, edx
	mov [ebx + 0x1000 + ecx * 8], eax
	inc ecx
	cmp ecx, 4
	jb .pdpt
	xor ecx, ecx			; 2048 PD entries, 2 MiB each
.pd:
	mov eax, ecx
	shl eax, 21
	or eax, 0x83			; present, writable, 2 MiB
	mov [ebx + 0x2000 + ecx * 8], eax
	inc ecx
	cmp ecx, 2048
	jb .pd

	mov eax, cr4
	or eax, 1 << 5			; PAE
	mov cr4, eax
	mov cr3, ebx
	mov ecx, 0xc0000080		; EFER
	rdmsr
	or eax, (1 << 8) | (1 << 11)	; LME, NXE
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16) | 1	; PG, WP, PE
	mov cr0, eax
	jmp 0x18:LINEAR(start64)

fail:
	mov esi, LINEAR(fail_msg)
.next:
	lodsb
	test al, al
	jz .halt
	mov dx, DEBUGCON
	out dx, al
	mov dx, 0x3f8
	out dx, al
	jmp .next
.halt:
	mov al, 0x7f			; isa-debug-exit: status (0x7f << 1) | 1
	out 0xf4, al
	cli
	hlt
	jmp .halt

fail_msg:
	db "svsm: reset: no usable RAM for the SVSM region", 13, 10, 0

bits 64
start64:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov rsp, rbx			; boot stack grows down from the tables
	mov edi, ebp			; RDI = SVSM base
	mov esi, [rel region_size]	; RSI = region size
	mov rax, rdi
	jmp rax				; payload _start is at offset 0

	times 0xFF0 - ($ - $$) db 0xcc
bits 16
reset_vector:				; linear 0xFFFFFFF0
	jmp start16
	times 0x1000 - ($ - $$) db 0xcc
