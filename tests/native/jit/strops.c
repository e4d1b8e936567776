/* movs/stos with and without rep, compiled by the JIT (src/jit/strops.ts): every
   element size, counts 0..300, all alignments of source and destination (counts up
   to 40; larger counts rotate through them), DF clear and set, overlapping copies in
   both directions (x86 copies element by element, which differs from memmove), a
   fault part-way (a PROT_NONE page after the buffer, on the destination or the
   source side; the SIGSEGV handler prints rcx/rsi/rdi/si_addr and what reached
   memory), and rep movsb writing code that then runs (self-modifying code). One line
   per group: a hash of the affected memory and the final registers. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include <sys/mman.h>

static uint64_t h;
static void mix(uint64_t v) { h = (h ^ v) * 0x100000001b3ULL; h ^= h >> 29; }
static void mixmem(const unsigned char *p, size_t n) {
    size_t k = 0;
    for (; k + 8 <= n; k += 8) { uint64_t v; memcpy(&v, p + k, 8); mix(v); }
    for (; k < n; k++) mix(p[k]);
}

static unsigned char buf[3 * 4096] __attribute__((aligned(4096)));
#define MID (buf + 4096)

static void fillpat(unsigned char *p, size_t n, unsigned seed) {
    for (size_t k = 0; k < n; k++) p[k] = (unsigned char)(k * 37 + seed * 11 + (k >> 3));
}

/* rep movs / rep stos / single movs / single stos of element size s; df selects std */
#define REP_ASM(insn) __asm__ volatile("test %4,%4; jz 1f; std; 1: rep " insn "; cld" \
    : "+D"(d), "+S"(sp), "+c"(n) : "a"(v), "r"(df) : "memory", "cc")
static void op_rep(int movs, int s, unsigned char **dp, unsigned char **sp_, uint64_t *np, uint64_t v, int df) {
    unsigned char *d = *dp, *sp = *sp_; uint64_t n = *np;
    if (movs) {
        if (s == 1) REP_ASM("movsb"); else if (s == 2) REP_ASM("movsw"); else if (s == 4) REP_ASM("movsl"); else REP_ASM("movsq");
    } else {
        if (s == 1) REP_ASM("stosb"); else if (s == 2) REP_ASM("stosw"); else if (s == 4) REP_ASM("stosl"); else REP_ASM("stosq");
    }
    *dp = d; *sp_ = sp; *np = n;
}
#define ONE_ASM(insn) __asm__ volatile("test %3,%3; jz 1f; std; 1: " insn "; cld" \
    : "+D"(d), "+S"(sp) : "a"(v), "r"(df) : "memory", "cc")
static void op_one(int movs, int s, unsigned char **dp, unsigned char **sp_, uint64_t v, int df) {
    unsigned char *d = *dp, *sp = *sp_;
    if (movs) {
        if (s == 1) ONE_ASM("movsb"); else if (s == 2) ONE_ASM("movsw"); else if (s == 4) ONE_ASM("movsl"); else ONE_ASM("movsq");
    } else {
        if (s == 1) ONE_ASM("stosb"); else if (s == 2) ONE_ASM("stosw"); else if (s == 4) ONE_ASM("stosl"); else ONE_ASM("stosq");
    }
    *dp = d; *sp_ = sp;
}

static const uint64_t VALS[] = { 0, 0xffffffffffffffffULL, 0x4141414141414141ULL, 0x8070605040302010ULL, 0x00ff00ff00ff00ffULL, 0x1234 };

/* one operation on the buffer, window [lo, hi) around it hashed with the registers */
static void run(int movs, int s, long doff, long soff, uint64_t n, int df, uint64_t v) {
    size_t span = n * s + 64;
    unsigned char *d0 = MID + doff, *s0 = MID + soff;
    unsigned char *lo = MID - 64 - (df ? span : 0), *hi = MID + 64 + span + 64;
    if (lo < buf) lo = buf;
    if (hi > buf + sizeof buf) hi = buf + sizeof buf;
    fillpat(lo, hi - lo, (unsigned)(n + doff * 3 + soff));
    unsigned char *d = d0, *sp = s0; uint64_t c = n;
    op_rep(movs, s, &d, &sp, &c, v, df);
    mixmem(lo, hi - lo);
    mix((uint64_t)(d - d0)); mix((uint64_t)(sp - s0)); mix(c);
}

static void sweep(int movs, int s, int df) {
    for (uint64_t n = 0; n <= 300; n++) {
        h = 0x9e3779b97f4a7c15ULL;
        int alls = n <= 40;
        for (int da = 0; da < 8; da++)
            for (int sa = 0; sa < 8; sa++) {
                if (!alls && (da != (int)(n % 8) || sa != (int)((n * 3) % 8))) continue;
                long doff = da + (df ? (long)(n * s) : 0), soff = 1024 + sa + (df ? (long)(n * s) : 0);
                run(movs, s, doff, soff, n, df, VALS[(n + da + sa) % 6]);
            }
        if (n % 25 == 0 || n <= 16) printf("%s%d df%d n=%llu %016llx\n", movs ? "movs" : "stos", s, df, (unsigned long long)n, (unsigned long long)h);
        else if (n == 300) printf("%s%d df%d upto300 %016llx\n", movs ? "movs" : "stos", s, df, (unsigned long long)h);
    }
}

static void overlap(int s, int df) {
    h = 0x9e3779b97f4a7c15ULL;
    for (long dist = -40; dist <= 40; dist++)
        for (uint64_t n = 0; n <= 48; n++) {
            long base = df ? 512 : 0;
            run(1, s, base + dist, base, n, df, 0);
        }
    printf("overlap movs%d df%d %016llx\n", s, df, (unsigned long long)h);
}

static void singles(void) {
    for (int movs = 0; movs < 2; movs++)
        for (int s = 1; s <= 8; s *= 2)
            for (int df = 0; df < 2; df++) {
                h = 0x9e3779b97f4a7c15ULL;
                for (long off = 0; off < 40; off++) {
                    unsigned char *d = MID + off, *sp = MID + 1024 + 3 * off;
                    fillpat(MID - 64, 2048, (unsigned)off);
                    for (int r = 0; r < 5; r++) op_one(movs, s, &d, &sp, VALS[(off + r) % 6], df);
                    mixmem(MID - 64, 2048);
                    mix((uint64_t)(d - MID)); mix((uint64_t)(sp - MID));
                }
                printf("single %s%d df%d %016llx\n", movs ? "movs" : "stos", s, df, (unsigned long long)h);
            }
}

/* ---- faults part-way ---- */
static sigjmp_buf jb;
static unsigned char *fbase;
static volatile uint64_t f_rcx, f_rsi, f_rdi, f_addr, f_fl;
static void onsegv(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    f_rcx = uc->uc_mcontext.gregs[REG_RCX];
    f_rsi = uc->uc_mcontext.gregs[REG_RSI] - (uint64_t)fbase;
    f_rdi = uc->uc_mcontext.gregs[REG_RDI] - (uint64_t)fbase;
    f_addr = (uint64_t)si->si_addr - (uint64_t)fbase;
    f_fl = uc->uc_mcontext.gregs[REG_EFL] & 0x400;
    siglongjmp(jb, 1);
}

static void faults(void) {
    /* pages: [0] data, [1] data, [2] PROT_NONE */
    fbase = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fbase == MAP_FAILED) { puts("mmap failed"); return; }
    mprotect(fbase + 2 * 4096, 4096, PROT_NONE);
    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onsegv; sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, 0);
    static const long ends[] = { 0, 1, 3, 5, 7, 8, 13, 64, 4000 };
    for (int movs = 0; movs < 2; movs++)
        for (int s = 1; s <= 8; s *= 2)
            for (int side = 0; side < (movs ? 2 : 1); side++)
                for (unsigned e = 0; e < sizeof ends / sizeof *ends; e++) {
                    /* the faulting side starts `ends[e]` bytes below the PROT_NONE page */
                    unsigned char *edge = fbase + 2 * 4096 - ends[e];
                    unsigned char *d = side ? fbase + 16 : edge, *sp = side ? edge : fbase + 16;
                    if (!movs) sp = fbase;
                    uint64_t n = 1000;
                    fillpat(fbase, 2 * 4096, e + s);
                    if (side == 0 && movs) { d = edge; sp = fbase + 24; }
                    f_rcx = f_rsi = f_rdi = f_addr = 12345;
                    if (sigsetjmp(jb, 1) == 0) {
                        op_rep(movs, s, &d, &sp, &n, 0x1122334455667788ULL, 0);
                        printf("fault %s%d side%d end%ld: no fault n=%llu\n", movs ? "movs" : "stos", s, side, ends[e], (unsigned long long)n);
                        continue;
                    }
                    h = 0x9e3779b97f4a7c15ULL;
                    mixmem(fbase, 2 * 4096);
                    printf("fault %s%d side%d end%ld: rcx=%llu rsi=%lld rdi=%lld addr=%lld df=%llx mem=%016llx\n",
                           movs ? "movs" : "stos", s, side, ends[e], (unsigned long long)f_rcx, (long long)f_rsi,
                           (long long)f_rdi, (long long)f_addr, (unsigned long long)f_fl, (unsigned long long)h);
                }
    /* DF set: running down into a PROT_NONE page below */
    mprotect(fbase + 2 * 4096, 4096, PROT_READ | PROT_WRITE);
    mprotect(fbase, 4096, PROT_NONE);
    for (int s = 1; s <= 8; s *= 2)
        for (unsigned e = 0; e < sizeof ends / sizeof *ends; e++) {
            unsigned char *d = fbase + 4096 + ends[e], *sp = fbase + 2 * 4096 + 2000;
            uint64_t n = 1000;
            fillpat(fbase + 4096, 2 * 4096, e + s);
            if (sigsetjmp(jb, 1) == 0) {
                op_rep(1, s, &d, &sp, &n, 0, 1);
                printf("fault down movs%d end%ld: no fault n=%llu\n", s, ends[e], (unsigned long long)n);
                continue;
            }
            h = 0x9e3779b97f4a7c15ULL;
            mixmem(fbase + 4096, 2 * 4096);
            printf("fault down movs%d end%ld: rcx=%llu rsi=%lld rdi=%lld addr=%lld df=%llx mem=%016llx\n", s, ends[e],
                   (unsigned long long)f_rcx, (long long)f_rsi, (long long)f_rdi, (long long)f_addr, (unsigned long long)f_fl, (unsigned long long)h);
        }
    signal(SIGSEGV, SIG_DFL);
    munmap(fbase, 3 * 4096);
}

/* ---- code written by rep movsb, then run ---- */
static void smc(void) {
    unsigned char *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { puts("mmap rwx failed"); return; }
    unsigned char prog[2][8] = { { 0xb8, 1, 0, 0, 0, 0xc3 }, { 0xb8, 2, 0, 0, 0, 0xc3 } };
    long sum = 0;
    code[62] = 0x31; code[63] = 0xc0; code[72] = 0xc3; /* xor eax,eax; <8 bytes of stos>; ret */
    for (int r = 0; r < 200; r++) {
        unsigned char *d = code, *sp = prog[r & 1]; uint64_t n = 8;
        op_rep(1, 1, &d, &sp, &n, 0, 0);
        sum = sum * 3 + ((int (*)(void))code)();
        /* stos over code too: nops or inc eax twice per element */
        d = code + 64; n = 2; op_rep(0, 4, &d, &sp, &n, (r & 2) ? 0x90909090 : 0xc0ffc0ff, 0);
        sum += ((int (*)(void))(code + 62))();
    }
    printf("smc %ld\n", sum);
    munmap(code, 4096);
}

int main(void) {
    setvbuf(stdout, 0, _IOLBF, 0); /* a hang shows where it is */
    for (int movs = 0; movs < 2; movs++)
        for (int s = 1; s <= 8; s *= 2)
            for (int df = 0; df < 2; df++) sweep(movs, s, df);
    for (int s = 1; s <= 8; s *= 2)
        for (int df = 0; df < 2; df++) overlap(s, df);
    singles();
    faults();
    smc();
    return 0;
}
