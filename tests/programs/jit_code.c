// A JIT inside the guest: write x86-64 machine code into an executable
// mapping, run it, patch the code in place (self-modifying), run again;
// also code made executable with mprotect after writing.
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>

typedef long (*fn2)(long, long);

int main(void) {
    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); return 1; }
    /* lea rax, [rdi + rsi]; ret */
    static const unsigned char add[] = { 0x48, 0x8d, 0x04, 0x37, 0xc3 };
    memcpy(code, add, sizeof add);
    fn2 f = (fn2)code;
    printf("add: %ld\n", f(40, 2));
    /* patch to: mov rax, rdi; imul rax, rsi; ret */
    static const unsigned char mul[] = { 0x48, 0x89, 0xf8, 0x48, 0x0f, 0xaf, 0xc6, 0xc3 };
    memcpy(code, mul, sizeof mul);
    __builtin___clear_cache((char *)code, (char *)code + sizeof mul);
    printf("mul: %ld\n", f(6, 7));
    /* patch one immediate inside a loop body repeatedly:
       mov eax, imm32; add rax, rdi; ret */
    long total = 0;
    for (int i = 0; i < 100; i++) {
        unsigned char k[] = { 0xb8, 0, 0, 0, 0, 0x48, 0x01, 0xf8, 0xc3 };
        int32_t imm = i * i;
        memcpy(k + 1, &imm, 4);
        memcpy(code + 64, k, sizeof k);
        total += ((fn2)(code + 64))(i, 0);
    }
    printf("patched immediates total: %ld\n", total);
    /* a function that modifies its own next instruction:
       mov byte [rip+1], 0x05 (patches the imm8 of the following add)
       add eax, imm8 -> becomes 5 at run time */
    static const unsigned char smc[] = {
        0x31, 0xc0,                         /* xor eax, eax */
        0xc6, 0x05, 0x02, 0x00, 0x00, 0x00, 0x05, /* mov byte [rip+2], 5 -> targets imm8 below */
        0x83, 0xc0, 0x01,                   /* add eax, 1 (imm8 patched to 5) */
        0xc3 };
    memcpy(code + 128, smc, sizeof smc);
    long r1 = ((fn2)(code + 128))(0, 0);
    long r2 = ((fn2)(code + 128))(0, 0);
    printf("self-modifying: first %ld second %ld\n", r1, r2);
    /* W^X style: write then mprotect to R|X */
    unsigned char *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static const unsigned char sub[] = { 0x48, 0x89, 0xf8, 0x48, 0x29, 0xf0, 0xc3 }; /* mov rax, rdi; sub rax, rsi; ret */
    memcpy(wx, sub, sizeof sub);
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    printf("sub: %ld\n", ((fn2)wx)(100, 58));
    mprotect(wx, 4096, PROT_READ | PROT_WRITE);
    wx[4] = 0x01; /* sub -> add */
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    printf("sub patched to add: %ld\n", ((fn2)wx)(100, 58));
    munmap(wx, 4096);
    munmap(code, 4096);
    return 0;
}
