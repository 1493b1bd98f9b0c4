; SPDX-License-Identifier: MIT
;
; Payload entry, linked at offset 0 of the position-independent image.
; In: RDI = SVSM base (where the image was copied), RSI = region size,
; RSP = boot stack.  Applies the image's R_X86_64_RELATIVE relocations,
; sets up the CPU state C code built for user space expects (SSE enabled,
; FS base on a per-CPU block whose offset 0x28 is the stack-protector canary)
; and calls svsm_main(base, size).

default rel
bits 64

extern __rela_start
extern __rela_end
extern svsm_main

%define MSR_FS_BASE 0xc0000100
%define CR0_MP (1 << 1)
%define CR0_EM (1 << 2)
%define CR0_TS (1 << 3)
%define CR4_OSFXSR (1 << 9)
%define CR4_OSXMMEXCPT (1 << 10)

section .bss
align 64
global percpu_boot
percpu_boot:				; the boot CPU's FS block
	resb 4096

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
	; SSE for the TPM's crypto code; CR4.OSXSAVE stays clear, so OpenSSL
	; picks its SSE paths and never touches AVX state.
	mov rax, cr0
	and rax, ~(CR0_EM | CR0_TS)
	or rax, CR0_MP
	mov cr0, rax
	mov rax, cr4
	or rax, CR4_OSFXSR | CR4_OSXMMEXCPT
	mov cr4, rax
	fninit
	; FS base: code built with -fstack-protector reads its canary at %fs:0x28.
	mov r8, rdi
	mov r9, rsi
	lea rax, [percpu_boot]
	mov rdx, rax
	shr rdx, 32
	mov ecx, MSR_FS_BASE
	wrmsr
	mov ecx, 32			; RDRAND may fail transiently: retry
.canary:
	rdrand rax
	jc .have_canary
	loop .canary
	rdtsc				; no RDRAND: a weaker canary beats none
	shl rdx, 32
	or rax, rdx
.have_canary:
	mov [percpu_boot + 0x28], rax
	mov rdi, r8
	mov rsi, r9
	xor ebp, ebp			; terminates backtraces
	and rsp, -16
	call svsm_main
.bad:
	mov al, 0x7e
	out 0xf4, al
	cli
	hlt
	jmp .bad
