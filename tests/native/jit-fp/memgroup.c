/* SSE memory accesses that the JIT checks as one group (src/jit/sse.ts, planMemGroups:
   accesses through the same base and index in a block, checked once at the first one)
   must still fault exactly where the hardware faults. Each kernel below is a block of
   SSE loads and stores through one base register; it runs many times on a safe buffer
   (so it is compiled, at any JIT threshold) and then with the base moved so that a later
   access of the block crosses into a protected page. The SIGSEGV handler prints the
   faulting instruction (offset from the kernel's first instruction), the fault address
   relative to the protected page, the XMM registers the kernel uses and the buffer
   contents, so earlier stores of the block must have happened and later ones not. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include "../common/catch.h"

static sigjmp_buf jb;
static uintptr_t kstart;
static unsigned char *guard;

static void handler(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (si->si_addr == 0) printf("  SIGSEGV at kernel+%ld addr 0\n", (long)(rip - kstart));
    else printf("  SIGSEGV at kernel+%ld addr guard%+ld\n", (long)(rip - kstart), (long)((unsigned char *)si->si_addr - guard));
    for (int r = 0; r < 4; r++) {
        uint32_t *x = (uint32_t *)&uc->uc_mcontext.fpregs->_xmm[r];
        printf("  xmm%d %08x%08x%08x%08x\n", r, x[3], x[2], x[1], x[0]);
    }
    siglongjmp(jb, 1);
}

/* the kernels: p in rdi; each starts at a global label so the handler can name the insn */
#define KERNEL(name, body)                                                      \
    void name(double *p);                                                       \
    __asm__(".text\n.globl " #name "\n.type " #name ",@function\n" #name ":\n" body "ret\n");

/* loads only: the group's hull is 0..48 */
KERNEL(k_loads,
       "movupd (%rdi), %xmm0\n"
       "movsd 16(%rdi), %xmm1\n"
       "addsd 24(%rdi), %xmm1\n"
       "movupd 32(%rdi), %xmm2\n"
       "addpd %xmm2, %xmm0\n")
/* stores only: earlier stores land before a later one faults */
KERNEL(k_stores,
       "movupd %xmm0, (%rdi)\n"
       "movsd %xmm1, 16(%rdi)\n"
       "movlpd %xmm2, 24(%rdi)\n"
       "movupd %xmm3, 32(%rdi)\n")
/* read-modify-write on the same addresses (as gcc's n-body code) */
KERNEL(k_rmw,
       "movupd (%rdi), %xmm0\n"
       "addpd %xmm3, %xmm0\n"
       "movupd %xmm0, (%rdi)\n"
       "movsd 16(%rdi), %xmm1\n"
       "mulsd %xmm3, %xmm1\n"
       "movsd %xmm1, 16(%rdi)\n"
       "movupd 8(%rdi), %xmm2\n"
       "subpd %xmm3, %xmm2\n"
       "movupd %xmm2, 24(%rdi)\n")
/* the base changes between accesses: two groups */
KERNEL(k_rebase,
       "movsd (%rdi), %xmm0\n"
       "movsd 8(%rdi), %xmm1\n"
       "add $24, %rdi\n"
       "movsd (%rdi), %xmm2\n"
       "addsd 8(%rdi), %xmm2\n"
       "movsd %xmm2, 16(%rdi)\n"
       "sub $24, %rdi\n")
/* base plus index: the index register is written between the accesses */
KERNEL(k_index,
       "xor %eax, %eax\n"
       "movsd (%rdi,%rax,8), %xmm0\n"
       "movsd 8(%rdi,%rax,8), %xmm1\n"
       "mov $3, %eax\n"
       "movsd (%rdi,%rax,8), %xmm2\n"
       "mulsd 8(%rdi,%rax,8), %xmm2\n"
       "movsd %xmm2, 32(%rdi,%rax,8)\n")
/* an aligned access in the group: misalignment faults at that instruction */
KERNEL(k_aligned,
       "movsd (%rdi), %xmm0\n"
       "movapd 16(%rdi), %xmm1\n"
       "addpd %xmm1, %xmm1\n"
       "movapd %xmm1, 16(%rdi)\n")

struct kernel { const char *name; void (*fn)(double *); int span; };
static const struct kernel K[] = {
    { "loads", k_loads, 48 }, { "stores", k_stores, 48 }, { "rmw", k_rmw, 40 },
    { "rebase", k_rebase, 48 }, { "index", k_index, 72 }, { "aligned", k_aligned, 32 },
};

/* xmm0-3 get known values right before the kernel (libc leaves its own data in them) */
static void run(void (*fn)(double *), double *p) {
    static const double init[8] = { 0.5, -2.0, 3.25, 1e300, -0.0, 7.0, 0.5, -2.0 };
    __asm__ volatile("movupd (%2), %%xmm0\n"
                     "movupd 16(%2), %%xmm1\n"
                     "movupd 32(%2), %%xmm2\n"
                     "movupd 48(%2), %%xmm3\n"
                     "sub $128, %%rsp\n" /* the call must not overwrite the red zone */
                     "call *%1\n"
                     "add $128, %%rsp\n"
                     : "+D"(p)
                     : "r"(fn), "r"(init)
                     : "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "xmm0", "xmm1", "xmm2", "xmm3",
                       "memory", "cc");
}

static void fill(double *p, int n) { for (int k = 0; k < n; k++) p[k] = 1.5 + k * 0.25; }

static void dump(const double *p, int n) {
    printf("  mem");
    for (int k = 0; k < n; k++) { uint64_t v; memcpy(&v, &p[k], 8); printf(" %016llx", (unsigned long long)v); }
    printf("\n");
}

int main(void) {
    catch_signals(handler, SIGSEGV, SIGBUS, 0);
    unsigned char *m = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("mmap"); return 1; }
    guard = m + 2 * 4096;
    for (int prot = 0; prot < 2; prot++) {
        /* the page after the buffer: no access, then read-only (loads pass, stores fault) */
        mprotect(guard, 4096, prot ? PROT_READ : PROT_NONE);
        for (unsigned k = 0; k < sizeof K / sizeof K[0]; k++) {
            kstart = (uintptr_t)K[k].fn;
            double *safe = (double *)(m + 4096);
            for (int it = 0; it < 300; it++) { fill(safe, 16); run(K[k].fn, safe); }
            /* then with the block's accesses moved towards the protected page, 8 bytes at a time */
            for (int back = K[k].span + 16; back >= 0; back -= 8) {
                double *p = (double *)(guard - back);
                fill(p - 2, 2 + back / 8);
                printf("%s prot %d guard-%d\n", K[k].name, prot, back);
                if (sigsetjmp(jb, 1) == 0) {
                    run(K[k].fn, p);
                    printf("  ok\n");
                }
                dump(p - 2, 2 + back / 8);
            }
        }
    }
    return 0;
}
