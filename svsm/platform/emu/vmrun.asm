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
;
; VMRUN and #VMEXIT do not switch x87/SSE state, and the SVSM's crypto code
; uses SSE: the guest's legacy FPU/SSE state is saved with FXSAVE at every
; exit and restored before every entry, and the SVSM runs on its own clean
; state in between.  (Host CR4.OSXSAVE is clear, so SVSM code never touches
; AVX state and the guest's upper YMM halves survive legacy-SSE use.)

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

; An FXSAVE image of the state after FNINIT: FCW 0x037f, MXCSR 0x1f80.
%macro FX_INIT_STATE 0
	dw 0x037f
	times 22 db 0
	dd 0x1f80
	times 512 - 28 db 0
%endmacro

section .data
align 16
guest_fx_area:	FX_INIT_STATE		; the guest starts as after reset
host_fx_area:	FX_INIT_STATE

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
	fxrstor64 [guest_fx_area]
	mov rax, [rsp]
	vmload				; [rax]
	vmrun
	vmsave
	fxsave64 [guest_fx_area]
	fxrstor64 [host_fx_area]

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
