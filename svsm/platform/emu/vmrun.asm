; SPDX-License-Identifier: MIT
;
; void svm_vmrun(uint64_t guest_vmcb_pa, struct guest_gprs *gprs,
;                uint64_t host_vmcb_pa)
;
; One guest run: load the guest's general registers (RAX and RSP live in
; the VMCB), VMLOAD + VMRUN + VMSAVE the guest VMCB, store the guest's
; registers back and VMLOAD the host's FS/GS/TR/syscall state.  GIF stays 0
; in the host after #VMEXIT (we never STGI), so the host takes no interrupts
; or NMIs: they stay pending until the next VMRUN delivers them to the guest.

default rel
bits 64

; struct guest_gprs offsets
%define G_RBX 0
%define G_RCX 8
%define G_RDX 16
%define G_RSI 24
%define G_RDI 32
%define G_RBP 40
%define G_R8 48
%define G_R9 56
%define G_R10 64
%define G_R11 72
%define G_R12 80
%define G_R13 88
%define G_R14 96
%define G_R15 104

section .text
global svm_vmrun
svm_vmrun:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	push rdx			; [rsp + 16] host VMCB
	push rsi			; [rsp + 8]  gprs
	push rdi			; [rsp + 0]  guest VMCB

	mov rax, rsi
	mov rbx, [rax + G_RBX]
	mov rcx, [rax + G_RCX]
	mov rdx, [rax + G_RDX]
	mov rsi, [rax + G_RSI]
	mov rdi, [rax + G_RDI]
	mov rbp, [rax + G_RBP]
	mov r8, [rax + G_R8]
	mov r9, [rax + G_R9]
	mov r10, [rax + G_R10]
	mov r11, [rax + G_R11]
	mov r12, [rax + G_R12]
	mov r13, [rax + G_R13]
	mov r14, [rax + G_R14]
	mov r15, [rax + G_R15]
	mov rax, [rsp]
	vmload				; [rax]
	vmrun
	vmsave

	mov rax, [rsp + 8]
	mov [rax + G_RBX], rbx
	mov [rax + G_RCX], rcx
	mov [rax + G_RDX], rdx
	mov [rax + G_RSI], rsi
	mov [rax + G_RDI], rdi
	mov [rax + G_RBP], rbp
	mov [rax + G_R8], r8
	mov [rax + G_R9], r9
	mov [rax + G_R10], r10
	mov [rax + G_R11], r11
	mov [rax + G_R12], r12
	mov [rax + G_R13], r13
	mov [rax + G_R14], r14
	mov [rax + G_R15], r15
	mov rax, [rsp + 16]
	vmload				; [rax]

	add rsp, 24
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret
