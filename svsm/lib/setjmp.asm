; SPDX-License-Identifier: MIT
;
; setjmp/longjmp for the firmware, with glibc's jmp_buf slot order
; (rbx, rbp, r12, r13, r14, r15, rsp, rip; no pointer mangling, no signal
; mask).  libtpms uses them for its failure mode, libcrypto's ASYNC code
; references them.  __longjmp_chk refuses to jump to a frame below the
; current stack pointer (a jmp_buf whose function already returned), like
; glibc's fortify check.
;
; The host unit build assembles this file with -DLIB_PREFIX=svsmlib_ (see
; tests/lib_rename.h) so the symbols do not clash with the host libc.

default rel
bits 64

%ifdef LIB_PREFIX
%define SYM(n) LIB_PREFIX %+ n
%else
%define SYM(n) n
%endif

extern lib_chk_fail

section .text.setjmp exec

global SYM(_setjmp):function hidden
global SYM(setjmp):function hidden
SYM(_setjmp):
SYM(setjmp):
	mov [rdi + 0], rbx
	mov [rdi + 8], rbp
	mov [rdi + 16], r12
	mov [rdi + 24], r13
	mov [rdi + 32], r14
	mov [rdi + 40], r15
	lea rdx, [rsp + 8]		; rsp after this call returns
	mov [rdi + 48], rdx
	mov rdx, [rsp]			; return address
	mov [rdi + 56], rdx
	mov dword [rdi + 64], 0		; __mask_was_saved
	xor eax, eax
	ret

global SYM(__longjmp_chk):function hidden
SYM(__longjmp_chk):
	cmp [rdi + 48], rsp
	jb longjmp_bad
	; fall through

global SYM(_longjmp):function hidden
global SYM(longjmp):function hidden
SYM(_longjmp):
SYM(longjmp):
	mov eax, esi
	test eax, eax
	jnz .nz
	inc eax				; longjmp(env, 0) returns 1
.nz:
	mov rbx, [rdi + 0]
	mov rbp, [rdi + 8]
	mov r12, [rdi + 16]
	mov r13, [rdi + 24]
	mov r14, [rdi + 32]
	mov r15, [rdi + 40]
	mov rsp, [rdi + 48]
	jmp [rdi + 56]

longjmp_bad:
	lea rdi, [msg]
	and rsp, -16
	call lib_chk_fail wrt ..plt

section .rodata.setjmp
msg:	db "__longjmp_chk: longjmp to a frame that has returned", 0
