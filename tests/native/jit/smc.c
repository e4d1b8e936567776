/* Self-modifying code under the JIT: code written into an RWX mapping runs in a hot
   loop, is rewritten (a different immediate, then a different instruction) and runs
   again, many times over; also a loop inside the generated code itself. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>

typedef long (*fn_t)(long);

int main(void) {
    unsigned char *p = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    long total = 0;
    for (int round = 0; round < 200; round++) {
        /* lea K(%rdi),%rax ; ret   or   imul $K,%rdi,%rax ; ret */
        if (round % 2 == 0) {
            unsigned char code[] = { 0x48, 0x8d, 0x87, 0, 0, 0, 0, 0xc3 };
            int32_t k = round * 3 + 1; memcpy(code + 3, &k, 4);
            memcpy(p, code, sizeof code);
        } else {
            unsigned char code[] = { 0x48, 0x69, 0xc7, 0, 0, 0, 0, 0xc3 };
            int32_t k = round - 50; memcpy(code + 3, &k, 4);
            memcpy(p, code, sizeof code);
        }
        __builtin___clear_cache((char *)p, (char *)p + 64);
        fn_t f = (fn_t)p;
        for (long i = 0; i < 300; i++) total += f(i);
        printf("round %d: %ld\n", round, total);
    }
    /* a loop in generated code: mov $N,%ecx; xor %eax,%eax; 1: add $K,%rax; dec %ecx; jnz 1b; ret */
    for (int round = 0; round < 50; round++) {
        unsigned char code[] = { 0xb9, 0, 0, 0, 0, 0x31, 0xc0, 0x48, 0x83, 0xc0, 0, 0xff, 0xc9, 0x75, 0xf8, 0xc3 };
        int32_t n = 1000 + round; memcpy(code + 1, &n, 4);
        code[10] = (unsigned char)(round + 1);
        memcpy(p + 64, code, sizeof code);
        fn_t f = (fn_t)(p + 64);
        for (int k = 0; k < 20; k++) total += f(0);
        /* the code patches its own immediate through a store from a hot loop */
        for (int k = 0; k < 100; k++) { p[64 + 10] = (unsigned char)k; total += f(0); }
        printf("loop round %d: %ld\n", round, total);
    }
    return 0;
}
