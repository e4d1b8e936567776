/* Faults inside compiled code: a hot loop reads (then writes) its way into an
   unmapped or read-only page; the SIGSEGV handler prints si_addr and the saved
   registers and flags relative to known values, then jumps back out. walk() steps
   8-byte accesses one byte at a time across the end of a page, which compiled code
   has already found good (its page window), into one it may not use. */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <stdint.h>
#include <ucontext.h>
#include <sys/mman.h>

static sigjmp_buf env;
static unsigned char *base;
static int detail = 1;
extern char load_insn[], store_insn[], loop_start[];

static void handler(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    if (detail == 2) {
        greg_t *g = uc->uc_mcontext.gregs;
        printf("sig %d code %d addr base+%#lx rcx=%#llx rax=%#llx\n", sig, si->si_code,
               (long)((unsigned char *)si->si_addr - base), (unsigned long long)g[REG_RCX], (unsigned long long)g[REG_RAX]);
        siglongjmp(env, 1);
    }
    if (!detail) {
        printf("sig %d code %d addr base+%#lx\n", sig, si->si_code, (long)((unsigned char *)si->si_addr - base));
        siglongjmp(env, 1);
    }
    greg_t *g = uc->uc_mcontext.gregs;
    printf("sig %d code %d addr base+%#lx rip=%s rax=%#llx rcx=%#llx rdx=%#llx r8=%#llx flags=%#llx\n",
           sig, si->si_code, (long)((unsigned char *)si->si_addr - base),
           (char *)g[REG_RIP] == load_insn ? "load_insn" : (char *)g[REG_RIP] == store_insn ? "store_insn" : "?",
           (unsigned long long)g[REG_RAX], (unsigned long long)g[REG_RCX], (unsigned long long)g[REG_RDX],
           (unsigned long long)g[REG_R8], (unsigned long long)(g[REG_EFL] & 0x8d5));
    siglongjmp(env, 1);
}

static void run(long start, long n, int store) {
    __asm__ volatile(
        "xor %%eax,%%eax\n"
        "mov $7,%%r8d\n"
        "loop_start:\n"
        "add %%rcx,%%r8\n"
        "cmp %%rdx,%%rcx\n"
        "jae 2f\n"
        "test %%esi,%%esi\n"
        "jnz 1f\n"
        "load_insn: add (%%rdi,%%rcx,8),%%rax\n"
        "inc %%rcx\n"
        "jmp loop_start\n"
        "1:\n"
        "sub $3,%%r8\n"
        "store_insn: mov %%r8,(%%rdi,%%rcx,8)\n"
        "inc %%rcx\n"
        "jmp loop_start\n"
        "2:\n"
        : "+c"(start) : "D"(base), "d"(n), "S"(store) : "rax", "r8", "memory", "cc");
}

static void walk(long off, long n, int store) {
    long sum = 0;
    __asm__ volatile(
        "1: cmp %%rdx,%%rcx\n"
        "jae 3f\n"
        "test %%esi,%%esi\n"
        "jnz 2f\n"
        "add (%%rdi,%%rcx),%%rax\n"
        "inc %%rcx\n"
        "jmp 1b\n"
        "2: mov %%rax,(%%rdi,%%rcx)\n"
        "inc %%rcx\n"
        "jmp 1b\n"
        "3:\n"
        : "+c"(off), "+a"(sum) : "D"(base), "d"(n), "S"(store) : "memory", "cc");
    printf("no fault? %lx\n", (unsigned long)sum);
}

int main(void) {
    struct sigaction sa = { 0 };
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, 0);
    base = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int k = 0; k < 1024; k++) ((long *)base)[k] = k * 3 + 1;
    munmap(base + 8192, 4096);
    mprotect(base + 4096, 4096, PROT_READ);
    for (int t = 0; t < 6; t++) {
        if (sigsetjmp(env, 1) == 0) { run(t * 50, 2000, 0); printf("no fault?\n"); }
        if (sigsetjmp(env, 1) == 0) { run(t * 60, 2000, 1); printf("no fault?\n"); }
        /* a page-crossing load: 8 bytes at the end of the last readable page */
        detail = 0;
        if (sigsetjmp(env, 1) == 0) {
            long v;
            __asm__ volatile("mov %1,%0" : "=r"(v) : "m"(*(long *)(base + 8192 - 4)));
            printf("no fault? %ld\n", v);
        }
        /* unaligned 8-byte accesses walking off the end of a good page */
        detail = 2;
        if (sigsetjmp(env, 1) == 0) walk(4096 - 40 - t, 4200, 1);
        if (sigsetjmp(env, 1) == 0) walk(8192 - 48 + t, 8300, 0);
        detail = 1;
    }
    long sum = 0;
    for (int k = 0; k < 1024; k++) sum += ((long *)base)[k];
    printf("sum %ld\n", sum);
    return 0;
}
