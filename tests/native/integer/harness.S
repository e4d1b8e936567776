// Register-state harness for the integer differential test (see driver.c).
//
// run_test(code) loads every general register and RFLAGS from g_in, jumps to the
// instruction under test (a stub emitted by gen.mjs that ends with `jmp save_state`),
// then stores every register and RFLAGS to g_out. The stub runs on no stack of the
// caller's: rsp is whatever g_in says (an address inside g_mem), so pushes and pops
// of the instruction under test land in the compared memory window.
        .intel_syntax noprefix
        .text
        .globl run_test, save_state, _start, g_saved_rsp, sig_restorer

_start:
        mov rdi, rsp            // argc, argv... for main
        and rsp, -16
        call cmain
        mov edi, eax
        mov eax, 60
        syscall
        hlt

run_test:
        push rbx
        push rbp
        push r12
        push r13
        push r14
        push r15
        mov [rip + g_saved_rsp], rsp
        mov [rip + g_code], rdi
        push qword ptr [rip + g_in + 128]
        popfq
        mov rax, [rip + g_in + 0]
        mov rcx, [rip + g_in + 8]
        mov rdx, [rip + g_in + 16]
        mov rbx, [rip + g_in + 24]
        mov rsp, [rip + g_in + 32]
        mov rbp, [rip + g_in + 40]
        mov rsi, [rip + g_in + 48]
        mov rdi, [rip + g_in + 56]
        mov r8, [rip + g_in + 64]
        mov r9, [rip + g_in + 72]
        mov r10, [rip + g_in + 80]
        mov r11, [rip + g_in + 88]
        mov r12, [rip + g_in + 96]
        mov r13, [rip + g_in + 104]
        mov r14, [rip + g_in + 112]
        mov r15, [rip + g_in + 120]
        jmp qword ptr [rip + g_code]

save_state:
        mov [rip + g_out + 0], rax
        mov [rip + g_out + 8], rcx
        mov [rip + g_out + 16], rdx
        mov [rip + g_out + 24], rbx
        mov [rip + g_out + 32], rsp
        mov [rip + g_out + 40], rbp
        mov [rip + g_out + 48], rsi
        mov [rip + g_out + 56], rdi
        mov [rip + g_out + 64], r8
        mov [rip + g_out + 72], r9
        mov [rip + g_out + 80], r10
        mov [rip + g_out + 88], r11
        mov [rip + g_out + 96], r12
        mov [rip + g_out + 104], r13
        mov [rip + g_out + 112], r14
        mov [rip + g_out + 120], r15
        mov rsp, [rip + g_saved_rsp]
        pushfq
        pop qword ptr [rip + g_out + 128]
        cld
        pop r15
        pop r14
        pop r13
        pop r12
        pop rbp
        pop rbx
        ret

// returns from a signal handler (SA_RESTORER)
sig_restorer:
        mov eax, 15             // rt_sigreturn
        syscall
        hlt

        .data
        .balign 8
        .globl g_low
g_low: .zero 16                 // first in .data: scratch just above the read-only pages
g_saved_rsp: .quad 0
g_code: .quad 0
        .section .note.GNU-stack,"",@progbits
