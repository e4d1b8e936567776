/* Loops of SSE accesses that the JIT checks as one group per iteration (src/jit/sse.ts,
   groupCheck) through a page window: a region call remembers the pages its group
   checks found good, and an access inside them costs one compare. Each kernel walks a
   buffer one step per iteration (up, down, or by 12 bytes with 16-byte accesses that
   straddle pages) until it runs into a protected page (no access, then read-only so that
   loads pass and only the store faults). It first runs many times over the buffer's
   middle, across the boundary of its two good pages (compiled at any JIT threshold),
   then from several starting points into the guard. The SIGSEGV handler prints the
   faulting instruction, the fault address, rdi and rsi, the XMM registers and a hash
   of the buffer: the window must not let an iteration skip its check on a new page. */
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
static unsigned char *base; /* 4 pages: guard, buffer, buffer, guard */

static void handler(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    printf("  SIG%d at kernel+%ld addr base%+ld rdi base%+ld rsi %ld\n", sig, (long)(rip - kstart),
           (long)((unsigned char *)si->si_addr - base), (long)((unsigned char *)uc->uc_mcontext.gregs[REG_RDI] - base),
           (long)uc->uc_mcontext.gregs[REG_RSI]);
    for (int r = 0; r < 4; r++) {
        uint32_t *x = (uint32_t *)&uc->uc_mcontext.fpregs->_xmm[r];
        printf("  xmm%d %08x%08x%08x%08x\n", r, x[3], x[2], x[1], x[0]);
    }
    siglongjmp(jb, 1);
}

#define KERNEL(name, body)                                                      \
    void name(double *p, long n);                                               \
    __asm__(".text\n.globl " #name "\n.type " #name ",@function\n" #name ":\n" body "ret\n");

/* reads [0,16), writes [0,8): a read window and a write window */
KERNEL(k_up,
       "1: movsd (%rdi), %xmm0\n"
       "mulsd %xmm3, %xmm0\n"
       "addsd 8(%rdi), %xmm0\n"
       "movsd %xmm0, (%rdi)\n"
       "add $8, %rdi\n"
       "dec %rsi\n"
       "jnz 1b\n")
/* downwards: the window's lower end */
KERNEL(k_down,
       "1: movsd -8(%rdi), %xmm0\n"
       "addsd (%rdi), %xmm0\n"
       "movsd %xmm0, -8(%rdi)\n"
       "sub $8, %rdi\n"
       "dec %rsi\n"
       "jnz 1b\n")
/* 16-byte read-modify-write hulls by 12-byte steps: some straddle two pages (integer
   lanes: packed floating point leaves compiled code while PE is clear) */
KERNEL(k_odd,
       "1: movupd (%rdi), %xmm0\n"
       "paddq %xmm3, %xmm0\n"
       "movupd %xmm0, (%rdi)\n"
       "movsd 16(%rdi), %xmm1\n"
       "add $12, %rdi\n"
       "dec %rsi\n"
       "jnz 1b\n")

static void run(void (*fn)(double *, long), unsigned char *p, long n) {
    static const double init[8] = { 0.5, -2.0, 3.25, 1e300, -0.0, 7.0, 0.5, -2.0 };
    __asm__ volatile("movupd (%3), %%xmm0\n"
                     "movupd 16(%3), %%xmm1\n"
                     "movupd 32(%3), %%xmm2\n"
                     "movupd 48(%3), %%xmm3\n"
                     "sub $128, %%rsp\n"
                     "call *%2\n"
                     "add $128, %%rsp\n"
                     : "+D"(p), "+S"(n)
                     : "r"(fn), "r"(init)
                     : "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "xmm0", "xmm1", "xmm2", "xmm3", "memory", "cc");
}

static void fill(void) {
    double *d = (double *)(base + 4096);
    for (int k = 0; k < 1024; k++) d[k] = 1.5 + (k % 37) * 0.25;
}
static void hash(void) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int k = 4096; k < 3 * 4096; k++) { h ^= base[k]; h *= 0x100000001b3ULL; }
    printf("  buffer %016llx\n", (unsigned long long)h);
}

struct kernel { const char *name; void (*fn)(double *, long); int step; };
static const struct kernel K[] = { { "up", k_up, 8 }, { "down", k_down, -8 }, { "odd", k_odd, 12 } };

int main(void) {
    catch_signals(handler, SIGSEGV, SIGBUS, 0);
    base = mmap(0, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) { perror("mmap"); return 1; }
    for (int prot = 0; prot < 2; prot++) {
        int pr = prot ? PROT_READ : PROT_NONE;
        mprotect(base, 4096, pr);
        mprotect(base + 3 * 4096, 4096, pr);
        for (unsigned k = 0; k < sizeof K / sizeof K[0]; k++) {
            kstart = (uintptr_t)K[k].fn;
            int up = K[k].step > 0;
            /* warm-up over the middle of the buffer, across its page boundary */
            fill();
            for (int it = 0; it < 300; it++) run(K[k].fn, base + 2 * 4096 + (up ? -800 : 800), 200);
            /* then into the guard from several distances, the farthest across the boundary */
            static const int dist[] = { 0, 4, 8, 16, 24, 40, 4096 + 8 };
            for (unsigned d = 0; d < sizeof dist / sizeof dist[0]; d++) {
                unsigned char *p = up ? base + 3 * 4096 - 16 - dist[d] : base + 4096 + 8 + dist[d];
                fill();
                printf("%s prot %d dist %d\n", K[k].name, prot, dist[d]);
                if (sigsetjmp(jb, 1) == 0) {
                    run(K[k].fn, p, 100000);
                    printf("  ok\n");
                }
                hash();
            }
        }
    }
    return 0;
}
