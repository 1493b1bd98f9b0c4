; SPDX-License-Identifier: MIT
;
; Exception entry stubs.  Every vector runs on an IST stack (the firmware
; links code built for user space, which assumes a red zone below RSP), pushes
; a uniform frame and calls exception_handler(frame), which does not return.

default rel
bits 64

extern exception_handler

%macro ISR_NOERR 1
isr%1:
	push 0
	push %1
	jmp isr_common
%endmacro

%macro ISR_ERR 1
isr%1:
	push %1
	jmp isr_common
%endmacro

section .text
isr_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	mov rdi, rsp
	and rsp, -16
	call exception_handler
.hang:
	cli
	hlt
	jmp .hang

ISR_NOERR 0
ISR_NOERR 1
ISR_NOERR 2
ISR_NOERR 3
ISR_NOERR 4
ISR_NOERR 5
ISR_NOERR 6
ISR_NOERR 7
ISR_ERR 8
ISR_NOERR 9
ISR_ERR 10
ISR_ERR 11
ISR_ERR 12
ISR_ERR 13
ISR_ERR 14
ISR_NOERR 15
ISR_NOERR 16
ISR_ERR 17
ISR_NOERR 18
ISR_NOERR 19
ISR_NOERR 20
ISR_ERR 21
%assign i 22
%rep 10
ISR_NOERR i
%assign i i+1
%endrep

section .data.rel.ro
global isr_table
isr_table:
%assign i 0
%rep 32
	dq isr %+ i
%assign i i+1
%endrep
