/* Scalar SSE arithmetic in loops, as compiled code runs them (src/jit/sse.ts: a fast
   path for normal results that, while MXCSR.PE is clear or the mode is not nearest with
   PE masked, must also prove the operation exact, else the slow path decides). Each
   kernel loops over arrays x, y and z (y and z powers of four, x short fractions: every
   product, sum, difference, quotient and square root is exact) with mul/add/sub/div/sqrt
   in both register and memory forms, sd and ss. Each unusual value is the first of its
   iteration that the sufficient exactness tests must reject (an inexact product of 55
   significant bits, a quotient by 3, a square root that rounds to a short root). Each pass puts one unusual value into the
   arrays mid-loop (an inexact operand, a denormal, NaN, infinity, a zero, values whose
   product overflows or underflows, an exact sum that cancels) and runs under MXCSR
   0x1f80, 0x5f80 (round up), 0x9fc0 (DAZ, FTZ), 0x0f80 (PE unmasked: the first
   inexact operation traps, SIGFPE at that instruction), 0x1e80 and 0x1f00 (DE, IE
   unmasked: the first denormal operand or invalid operation traps). The pd/ps kernels
   do the same on vectors (the packed fast path tests the scalar conditions per lane). The last pass puts y next to a
   protected page: the memory operand of mulsd/mulss faults. Each run prints MXCSR and
   a hash of the outputs, or the signal with the instruction, loop count and XMM0-3. */
#define _GNU_SOURCE
#include <math.h>
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

static void handler(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    printf("  SIG%d code %d at kernel+%ld rcx %ld mxcsr %04x\n", sig, sig == SIGFPE ? si->si_code : 0, (long)(rip - kstart),
           (long)uc->uc_mcontext.gregs[REG_RCX], uc->uc_mcontext.fpregs->mxcsr);
    for (int r = 0; r < 4; r++) {
        uint32_t *x = (uint32_t *)&uc->uc_mcontext.fpregs->_xmm[r];
        printf("  xmm%d %08x%08x%08x%08x\n", r, x[3], x[2], x[1], x[0]);
    }
    uc->uc_mcontext.fpregs->mxcsr = 0x1f80;
    siglongjmp(jb, 1);
}

#define KERNEL(name, body)                                                      \
    void name(void *x, void *y, void *out, long n, void *z);                             \
    __asm__(".text\n.globl " #name "\n.type " #name ",@function\n" #name ":\n" body "ret\n");

/* out[3k..3k+2] += x*y; = (x-y)/y*x; = sqrt(z) + out[3k] - out[3k+1] + sqrt(y*y); the
   results of ucomisd on computed and loaded values flip bits of the outputs */
KERNEL(k_sd,
       "1: sqrtsd (%r8), %xmm3\n"
       "movsd (%rdi), %xmm0\n"
       "mulsd (%rsi), %xmm0\n"
       "addsd (%rdx), %xmm0\n"
       "movsd %xmm0, (%rdx)\n"
       "movsd (%rdi), %xmm1\n"
       "subsd (%rsi), %xmm1\n"
       "divsd (%rsi), %xmm1\n"
       "mulsd (%rdi), %xmm1\n"
       "movsd %xmm1, 8(%rdx)\n"
       "movsd (%rsi), %xmm2\n"
       "mulsd %xmm2, %xmm2\n"
       "addsd %xmm0, %xmm3\n"
       "subsd %xmm1, %xmm3\n"
       "sqrtsd %xmm2, %xmm2\n"
       "addsd %xmm2, %xmm3\n"
       "movsd %xmm3, 16(%rdx)\n"
       "ucomisd %xmm1, %xmm3\n"
       "sbb %eax, %eax\n"
       "xor %eax, 20(%rdx)\n"
       "ucomisd 8(%rdi), %xmm0\n"
       "sbb %eax, %eax\n"
       "xor %eax, 16(%rdx)\n"
       "add $8, %rdi\n"
       "add $8, %rsi\n"
       "add $8, %r8\n"
       "add $24, %rdx\n"
       "dec %rcx\n"
       "jnz 1b\n")
KERNEL(k_ss,
       "1: sqrtss (%r8), %xmm3\n"
       "movss (%rdi), %xmm0\n"
       "mulss (%rsi), %xmm0\n"
       "addss (%rdx), %xmm0\n"
       "movss %xmm0, (%rdx)\n"
       "movss (%rdi), %xmm1\n"
       "subss (%rsi), %xmm1\n"
       "divss (%rsi), %xmm1\n"
       "mulss (%rdi), %xmm1\n"
       "movss %xmm1, 4(%rdx)\n"
       "movss (%rsi), %xmm2\n"
       "mulss %xmm2, %xmm2\n"
       "addss %xmm0, %xmm3\n"
       "subss %xmm1, %xmm3\n"
       "sqrtss %xmm2, %xmm2\n"
       "addss %xmm2, %xmm3\n"
       "movss %xmm3, 8(%rdx)\n"
       "ucomiss %xmm1, %xmm3\n"
       "sbb %eax, %eax\n"
       "xor %eax, 8(%rdx)\n"
       "ucomiss 4(%rdi), %xmm0\n"
       "sbb %eax, %eax\n"
       "xor %eax, 4(%rdx)\n"
       "add $4, %rdi\n"
       "add $4, %rsi\n"
       "add $4, %r8\n"
       "add $12, %rdx\n"
       "dec %rcx\n"
       "jnz 1b\n")

/* the same on pairs of doubles and quadruples of floats (out: 3 vectors per step) */
KERNEL(k_pd,
       "1: movupd (%r8), %xmm3\n"
       "sqrtpd %xmm3, %xmm3\n"
       "movupd (%rdi), %xmm0\n"
       "movupd (%rsi), %xmm4\n"
       "mulpd %xmm4, %xmm0\n"
       "movupd (%rdx), %xmm5\n"
       "addpd %xmm5, %xmm0\n"
       "movupd %xmm0, (%rdx)\n"
       "movupd (%rdi), %xmm1\n"
       "subpd %xmm4, %xmm1\n"
       "divpd %xmm4, %xmm1\n"
       "movupd (%rdi), %xmm5\n"
       "mulpd %xmm5, %xmm1\n"
       "movupd %xmm1, 16(%rdx)\n"
       "movaps %xmm4, %xmm2\n"
       "mulpd %xmm2, %xmm2\n"
       "addpd %xmm0, %xmm3\n"
       "subpd %xmm1, %xmm3\n"
       "sqrtpd %xmm2, %xmm2\n"
       "addpd %xmm2, %xmm3\n"
       "movupd %xmm3, 32(%rdx)\n"
       "add $16, %rdi\n"
       "add $16, %rsi\n"
       "add $16, %r8\n"
       "add $48, %rdx\n"
       "sub $2, %rcx\n"
       "jnz 1b\n")
KERNEL(k_ps,
       "1: movups (%r8), %xmm3\n"
       "sqrtps %xmm3, %xmm3\n"
       "movups (%rdi), %xmm0\n"
       "movups (%rsi), %xmm4\n"
       "mulps %xmm4, %xmm0\n"
       "movups (%rdx), %xmm5\n"
       "addps %xmm5, %xmm0\n"
       "movups %xmm0, (%rdx)\n"
       "movups (%rdi), %xmm1\n"
       "subps %xmm4, %xmm1\n"
       "divps %xmm4, %xmm1\n"
       "movups (%rdi), %xmm5\n"
       "mulps %xmm5, %xmm1\n"
       "movups %xmm1, 16(%rdx)\n"
       "movaps %xmm4, %xmm2\n"
       "mulps %xmm2, %xmm2\n"
       "addps %xmm0, %xmm3\n"
       "subps %xmm1, %xmm3\n"
       "sqrtps %xmm2, %xmm2\n"
       "addps %xmm2, %xmm3\n"
       "movups %xmm3, 32(%rdx)\n"
       "add $16, %rdi\n"
       "add $16, %rsi\n"
       "add $16, %r8\n"
       "add $48, %rdx\n"
       "sub $4, %rcx\n"
       "jnz 1b\n")

#define N 400
static double xd[N], yd[N], zd[N], od[3 * N];
static float xf[N], yf[N], zf[N], of[3 * N];

static void run(void (*fn)(void *, void *, void *, long, void *), void *x, void *y, void *out, long n, void *z, uint32_t csr) {
    register void *r8 __asm__("r8") = z;
    static const double init[8] = { 0.5, -2.0, 3.25, 1e300, -0.0, 7.0, 0.5, -2.0 };
    __asm__ volatile("movupd (%5), %%xmm0\n"
                     "movupd 16(%5), %%xmm1\n"
                     "movupd 32(%5), %%xmm2\n"
                     "movupd 48(%5), %%xmm3\n"
                     "ldmxcsr %6\n"
                     "sub $128, %%rsp\n"
                     "call *%7\n"
                     "add $128, %%rsp\n"
                     : "+D"(x), "+S"(y), "+d"(out), "+c"(n), "+r"(r8)
                     : "r"(init), "m"(csr), "r"(fn)
                     : "rax", "r9", "r10", "r11", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "memory", "cc");
}
static uint32_t getcsr(void) { uint32_t v; __asm__ volatile("stmxcsr %0" : "=m"(v)); return v; }
static void setcsr(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v)); }

static uint64_t hash(const void *p, size_t n) {
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = 0; k < n; k++) { h ^= b[k]; h *= 0x100000001b3ULL; }
    return h;
}

static double dbl(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

/* the unusual values of each pass at one index (has bit 1: x, bit 2: y, bit 4: z, the
   same value as y) */
struct special { const char *name; int has; double x, y; float xf, yf; };
static const struct special S[] = {
    { "none", 0, 0, 0, 0, 0 },                                     /* all exact: PE stays clear */
    { "inexact", 1, 0.1, 0, 0.1f, 0 },
    { "denormal-x", 1, 0x1p-1074, 0, 0x1p-149f, 0 },
    { "denormal-y", 2, 0, 0x1p-1060, 0, 0x1p-140f },
    { "nan", 2, 0, NAN, 0, NAN },
    { "inf", 1, INFINITY, 0, INFINITY, 0 },
    { "zero", 1, 0.0, 0, 0.0f, 0 },
    { "negzero", 1, -0.0, 0, -0.0f, 0 },
    { "overflow", 2, 0, 0x1p600, 0, 0x1p70f },                     /* y*y overflows */
    { "underflow", 3, 0x1p-1000, 0x1p-100, 0x1p-100f, 0x1p-40f },  /* x*y is tiny */
    { "cancel", 3, 0.5, 0.5, 0.5f, 0.5f },                         /* x - y = 0 exactly */
    { "bigsum", 1, 0x1p60, 0, 0x1p30f, 0 },                        /* x*y + out: exact; sqrt + x: inexact */
    { "oddbits", 1, 0x1.fffffffffffffp0, 0, 0x1.fffffep0f, 0 },    /* long significand: inexact products */
    { "power2", 3, 0x1p-3, 0x1p-5, 0x1p-3f, 0x1p-5f },
    { "y3", 2, 0, 3.0, 0, 3.0f },                                  /* inexact quotients */
    { "y2", 2, 0, 2.0, 0, 2.0f },                                  /* still all exact */
    { "oddbits3", 3, 0x1.fffffffffffffp0, 3.0, 0x1.fffffep0f, 3.0f }, /* 55 (26) significant bits */
    /* x*y exact; sqrt(y) rounds to a short root whose square is not y */
    { "sqrtnear", 4, 0, 0x1.002001p0 + 0x1p-52, 0, 0x1.081p0f + 0x1p-23f },
    { "denormal-scaled", 3, 0x1p60, 0x1p-1060, 0x1p30f, 0x1p-140f }, /* denormal y, exact normal x*y */
    { "denormal-x-scaled", 3, 0x1p-1060, 0x1p60, 0x1p-140f, 0x1p30f },
    { "zero-denormal", 3, 0.0, 0x1p-1060, 0.0f, 0x1p-140f },         /* 0 * denormal: DE */
    { "zero-nan", 3, 0.0, -NAN, 0.0f, -NAN },
    { "zero-inf", 3, 0.0, INFINITY, 0.0f, INFINITY },
};
#define NS (int)(sizeof S / sizeof S[0])

static void fill(int s, int at) {
    for (int k = 0; k < N; k++) {
        xd[k] = ((k * 7) % 13) * 0.125 - 0.75;
        yd[k] = dbl((uint64_t)(1023 + 2 * (k % 3) - 2) << 52);
        xf[k] = (float)xd[k];
        yf[k] = (float)yd[k];
    }
    for (int k = 0; k < N; k++) { zd[k] = yd[(k + 1) % N]; zf[k] = yf[(k + 1) % N]; }
    memset(od, 0, sizeof od);
    memset(of, 0, sizeof of);
    const struct special *p = &S[s];
    if (p->has & 1) { xd[at] = p->x; xf[at] = p->xf; }
    if (p->has & 2) { yd[at] = p->y; yf[at] = p->yf; }
    if (p->has & 4) { zd[at] = p->y; zf[at] = p->yf; }
}

int main(void) {
    catch_signals(handler, SIGSEGV, SIGFPE, 0);
    static const uint32_t csrs[] = { 0x1f80, 0x5f80, 0x9fc0, 0x0f80, 0x1e80, 0x1f00 };
    static void (*const fns[4])(void *, void *, void *, long, void *) = { k_sd, k_ss, k_pd, k_ps };
    static const char *const names[4] = { "sd", "ss", "pd", "ps" };
    for (int kk = 0; kk < 4; kk++) {
        int kind = kk & 1; /* float data */
        void (*fn)(void *, void *, void *, long, void *) = fns[kk];
        void *x = kind ? (void *)xf : (void *)xd, *y = kind ? (void *)yf : (void *)yd, *o = kind ? (void *)of : (void *)od;
        void *z = kind ? (void *)zf : (void *)zd;
        size_t osz = kind ? sizeof of : sizeof od;
        kstart = (uintptr_t)fn;
        /* warm-up: compiled at any JIT threshold */
        fill(0, 0);
        for (int it = 0; it < 100; it++) run(fn, x, y, o, N, z, 0x1f80);
        for (int s = 0; s < NS; s++) {
            for (unsigned m = 0; m < sizeof csrs / sizeof csrs[0]; m++) {
                fill(s, 150 + s);
                printf("%s %s mxcsr %04x\n", names[kk], S[s].name, csrs[m]);
                if (sigsetjmp(jb, 1) == 0) {
                    run(fn, x, y, o, N, z, csrs[m]);
                    printf("  mxcsr %04x\n", getcsr());
                }
                setcsr(0x1f80);
                printf("  out %016llx\n", (unsigned long long)hash(o, osz));
            }
        }
        /* y runs into a protected page: mulsd/mulss (%rsi) faults */
        unsigned char *m = mmap(0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) { perror("mmap"); return 1; }
        mprotect(m + 4096, 4096, PROT_NONE);
        size_t es = kind ? 4 : 8;
        fill(0, 0);
        unsigned char *yg = m + 4096 - 40 * es;
        memcpy(yg, y, 40 * es);
        printf("%s fault\n", names[kk]);
        if (sigsetjmp(jb, 1) == 0) {
            run(fn, x, yg, o, N, z, 0x1f80);
            printf("  no fault\n");
        }
        setcsr(0x1f80);
        printf("  out %016llx\n", (unsigned long long)hash(o, osz));
        munmap(m, 2 * 4096);
    }
    return 0;
}
