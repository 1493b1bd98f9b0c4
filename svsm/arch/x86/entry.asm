; SPDX-License-Identifier: MIT
;
; Payload entry, linked at offset 0 of the position-independent image.
; In: RDI = SVSM base (where the image was copied), RSI = region size,
; RSP = boot stack.  Applies the image's R_X86_64_RELATIVE relocations and
; calls svsm_main(base, size).

default rel
bits 64

extern __rela_start
extern __rela_end
extern svsm_main

section .text.entry exec
global _start
_start:
	lea rbx, [__rela_start]
	lea rcx, [__rela_end]
.loop:
	cmp rbx, rcx
	jae .done
	cmp dword [rbx + 8], 8		; R_X86_64_RELATIVE
	jne .bad
	mov rdx, [rbx]			; r_offset
	mov rax, [rbx + 16]		; r_addend
	add rax, rdi
	mov [rdi + rdx], rax
	add rbx, 24
	jmp .loop
.done:
	xor ebp, ebp			; terminates backtraces
	and rsp, -16
	call svsm_main
.bad:
	mov al, 0x7e
	out 0xf4, al
	cli
	hlt
	jmp .bad
