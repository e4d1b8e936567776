# Prints argc, then each argv string and each envp string on its own line, using raw
# syscalls only (no libc), then exits with status argc.
        .globl _start
        .text
_start:
        mov     (%rsp), %r12            # argc
        lea     8(%rsp), %r13           # argv
        lea     8(%r13,%r12,8), %r14    # envp (after argv's NULL)
        lea     argc_msg(%rip), %rsi
        mov     $5, %edx
        call    write_out
        mov     %r12, %rax
        add     $'0', %al               # single digit argc is enough for the tests
        mov     %al, digit(%rip)
        lea     digit(%rip), %rsi
        mov     $2, %edx
        call    write_out
1:      mov     (%r13), %rdi
        test    %rdi, %rdi
        jz      2f
        call    puts_line
        add     $8, %r13
        jmp     1b
2:      mov     (%r14), %rdi
        test    %rdi, %rdi
        jz      3f
        call    puts_line
        add     $8, %r14
        jmp     2b
3:      mov     %r12, %rdi
        mov     $231, %eax
        syscall

# puts_line(rdi = string): writes the string and a newline
puts_line:
        mov     %rdi, %rsi
        xor     %edx, %edx
4:      cmpb    $0, (%rsi,%rdx)
        je      5f
        inc     %rdx
        jmp     4b
5:      call    write_out
        lea     newline(%rip), %rsi
        mov     $1, %edx
        call    write_out
        ret

# write_out(rsi = buf, rdx = len) to stdout
write_out:
        mov     $1, %eax
        mov     $1, %edi
        syscall
        ret

        .data
argc_msg: .ascii "argc="
digit:  .ascii "0\n"
newline: .ascii "\n"
