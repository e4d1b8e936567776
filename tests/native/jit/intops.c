/* More integer instructions the JIT compiles: one-operand mul/imul, div/idiv (and
   their #DE, which must leave compiled code at the exact instruction), bsf/bsr/
   tzcnt/lzcnt/popcnt, bswap, xchg, leave, indirect call and jmp (register, memory,
   jump tables). Each snippet runs an operation, then pushf (left to the interpreter,
   so the flag record stored at the region exit is read) or setcc on all 16
   conditions inside compiled code; results go into a checksum printed per
   operation. Inputs from an LCG biased to edge values. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdint.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include "edge.h"

uint64_t mv[2];

#define FLAGS_MASK 0x8d5 /* CF PF AF ZF SF OF */
#define SETCC_ALL(pre) \
    __asm__ volatile(pre "\n" \
        "seto %%cl; shl $1,%%rcx; setno %%cl; shl $1,%%rcx; setb %%cl; shl $1,%%rcx; setae %%cl; shl $1,%%rcx;" \
        "sete %%cl; shl $1,%%rcx; setne %%cl; shl $1,%%rcx; setbe %%cl; shl $1,%%rcx; seta %%cl; shl $1,%%rcx;" \
        "sets %%cl; shl $1,%%rcx; setns %%cl; shl $1,%%rcx; setp %%cl; shl $1,%%rcx; setnp %%cl; shl $1,%%rcx;" \
        "setl %%cl; shl $1,%%rcx; setge %%cl; shl $1,%%rcx; setle %%cl; shl $1,%%rcx; setg %%cl" \
        : "+a"(a), "+d"(b), "=&c"(cc), "+b"(x) : : "cc", "memory")

#define PUSHF(insn) \
    __asm__ volatile(insn "\n pushfq\n pop %%rcx" : "+a"(a), "+d"(b), "=&c"(fl), "+b"(x) : : "cc", "memory")
#define PLAIN(insn) \
    __asm__ volatile(insn : "+a"(a), "+d"(b), "=&c"(fl), "+b"(x) : : "cc", "memory")

/* every condition, each read by the first instruction of a block after the one of the producer */
#define CC1(insn, cc) do { uint8_t r_; \
    __asm__ volatile(insn "; jmp 9f; 9: set" cc " %b2" : "+a"(a), "+d"(b), "=&c"(r_), "+b"(x) : : "cc", "memory"); \
    m = (m << 1) | r_; a = a0; b = b0; x = x0; } while (0)
#define TESTCC(name, insn) do { \
    h = 0; \
    for (int k = 0; k < 300; k++) { \
        uint64_t a = rnd(), b = rnd(), x = rnd(), m = 0; \
        uint64_t a0 = a, b0 = b, x0 = x; \
        CC1(insn, "o"); CC1(insn, "no"); CC1(insn, "b"); CC1(insn, "ae"); CC1(insn, "e"); CC1(insn, "ne"); \
        CC1(insn, "be"); CC1(insn, "a"); CC1(insn, "s"); CC1(insn, "ns"); CC1(insn, "p"); CC1(insn, "np"); \
        CC1(insn, "l"); CC1(insn, "ge"); CC1(insn, "le"); CC1(insn, "g"); \
        mix(m); \
    } \
    printf("%-34s %016llx\n", name, (unsigned long long)h); \
} while (0)

/* flags: 1 = compare all six flags (pushf and setcc), 0 = values only (div: flags undefined) */
#define TEST(name, flags, insn) do { \
    h = 0; \
    for (int k = 0; k < 600; k++) { \
        uint64_t a = rnd(), b = rnd(), x = rnd(), cc = 0, fl = 0; \
        uint64_t a0 = a, b0 = b, x0 = x, m0 = rnd(); \
        mv[0] = m0; \
        if (flags) { PUSHF(insn); mix(fl & FLAGS_MASK); } else PLAIN(insn); \
        mix(a); mix(b); mix(x); mix(mv[0]); \
        if (flags) { \
            a = a0; b = b0; x = x0; mv[0] = m0; \
            SETCC_ALL(insn); mix(a); mix(b); mix(x); mix(cc); mix(mv[0]); \
        } \
    } \
    printf("%-34s %016llx\n", name, (unsigned long long)h); \
} while (0)

/* ---- #DE inside compiled code ---- */
static sigjmp_buf env;
extern char div_insn[];
static void fpe(int sig, siginfo_t *si, void *ctx) {
    greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;
    printf("sig %d code %d at %s rax=%#llx rdx=%#llx rbx=%#llx r8=%#llx flags=%#llx\n", sig, si->si_code,
           (char *)g[REG_RIP] == div_insn ? "div_insn" : "?", (unsigned long long)g[REG_RAX],
           (unsigned long long)g[REG_RDX], (unsigned long long)g[REG_RBX], (unsigned long long)g[REG_R8],
           (unsigned long long)(g[REG_EFL] & FLAGS_MASK));
    siglongjmp(env, 1);
}
/* sum n / d for d = start, start-1, ... : the loop reaches d = 0 (or INT64_MIN / -1) */
static void divloop(int64_t n, int64_t start, int sgn) {
    int64_t acc = 0;
    __asm__ volatile(
        "mov $5,%%r8\n"
        "1: mov %[n],%%rax\n"
        "cqo\n"
        "test %[s],%[s]\n"
        "jz 2f\n"
        "add %%rbx,%%r8\n"
        ".globl div_insn\n"
        "div_insn: idiv %%rbx\n"
        "jmp 3f\n"
        "2: xor %%edx,%%edx\n"
        "div %%rbx\n"
        "3: add %%rax,%[acc]\n"
        "sub $1,%%rbx\n"
        "cmp $-100,%%rbx\n"
        "jg 1b\n"
        : [acc] "+r"(acc), "+b"(start) : [n] "r"(n), [s] "r"(sgn) : "rax", "rdx", "r8", "cc");
    printf("no fault: acc=%lld\n", (long long)acc);
}

/* ---- indirect jumps to addresses outside the guest (the dispatcher's empty hash key) ---- */
static void segv(int sig, siginfo_t *si, void *ctx) {
    greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;
    printf("sig %d code %d addr %#llx rip %#llx\n", sig, si->si_code, (unsigned long long)si->si_addr,
           (unsigned long long)g[REG_RIP]);
    siglongjmp(env, 1);
}
static void jump_to(uint64_t target) {
    for (int k = 0; k < 3; k++) {
        if (!sigsetjmp(env, 1)) {
            __asm__ volatile("jmp *%0" : : "r"(target));
        }
    }
}

/* ---- indirect control flow ---- */
static int f0(int v) { return v * 3 + 1; }
static int f1(int v) { return v ^ 0x55; }
static int f2(int v) { return v - 7; }
static int f3(int v) { return v << 2; }
int (*volatile ftab[4])(int) = { f0, f1, f2, f3 };

__attribute__((noinline)) static int sw(int v, int k) {
    switch (k & 7) {
    case 0: return v + 11;
    case 1: return v * 5;
    case 2: return v ^ 0x1234;
    case 3: return v - 99;
    case 4: return v >> 3;
    case 5: return ~v;
    case 6: return v * v;
    default: return 42;
    }
}

__attribute__((noinline, optimize("no-omit-frame-pointer"))) static int framed(int n) {
    volatile char buf[n + 16];
    for (int k = 0; k < n + 16; k++) buf[k] = (char)k;
    int s = 0;
    for (int k = 0; k < n + 16; k++) s += buf[k];
    return s;
}

int main(void) {
    TEST("mul rbx", 1, "mul %%rbx");
    TEST("imul rbx", 1, "imul %%rbx");
    TEST("mul ebx", 1, "mul %%ebx");
    TEST("imul ebx", 1, "imul %%ebx");
    TEST("mulq mem", 1, "mulq mv(%%rip)");
    TEST("imull mem", 1, "imull mv(%%rip)");
    TEST("div rcx (rdx=0)", 0, "mov %%rbx,%%rcx; or $1,%%rcx; xor %%edx,%%edx; div %%rcx");
    TEST("div rcx (rdx<rcx)", 0, "mov %%rbx,%%rcx; bts $63,%%rcx; shr $1,%%rdx; div %%rcx");
    TEST("idiv rcx pos", 0, "mov %%rbx,%%rcx; shr $1,%%rcx; or $1,%%rcx; cqo; idiv %%rcx");
    TEST("idiv rcx neg", 0, "mov %%rbx,%%rcx; shr $1,%%rcx; or $3,%%rcx; neg %%rcx; cqo; idiv %%rcx");
    TEST("div ecx", 0, "mov %%ebx,%%ecx; or $1,%%ecx; xor %%edx,%%edx; div %%ecx");
    TEST("div ecx (edx<ecx)", 0, "mov %%ebx,%%ecx; bts $31,%%ecx; shr $1,%%edx; div %%ecx");
    TEST("idiv ecx pos", 0, "mov %%ebx,%%ecx; shr $1,%%ecx; or $1,%%ecx; cdq; idiv %%ecx");
    TEST("idiv ecx neg", 0, "mov %%ebx,%%ecx; shr $1,%%ecx; or $3,%%ecx; neg %%ecx; cdq; idiv %%ecx");
    TEST("idivl mem", 0, "mov %%ebx,%%ecx; shr $1,%%ecx; or $3,%%ecx; mov %%ecx,mv(%%rip); cdq; idivl mv(%%rip)");
    TEST("divq mem", 0, "or $1,%%rbx; mov %%rbx,mv(%%rip); xor %%edx,%%edx; divq mv(%%rip)");
    TEST("bsf rdx,rax", 1, "bsf %%rdx,%%rax");
    TEST("bsr rdx,rax", 1, "bsr %%rdx,%%rax");
    TEST("bsf edx,eax", 1, "bsf %%edx,%%eax");
    TEST("bsr edx,eax", 1, "bsr %%edx,%%eax");
    TEST("bsf dx,ax", 1, "bsf %%dx,%%ax");
    TEST("bsr mem,rax", 1, "bsr mv(%%rip),%%rax");
    TEST("tzcnt rdx,rax", 1, "tzcnt %%rdx,%%rax");
    TEST("tzcnt edx,eax", 1, "tzcnt %%edx,%%eax");
    TEST("tzcnt dx,ax", 1, "tzcnt %%dx,%%ax");
    TEST("lzcnt rdx,rax", 1, "lzcnt %%rdx,%%rax");
    TEST("lzcnt edx,eax", 1, "lzcnt %%edx,%%eax");
    TEST("lzcnt dx,ax", 1, "lzcnt %%dx,%%ax");
    TEST("popcnt rdx,rax", 1, "popcnt %%rdx,%%rax");
    TEST("popcnt edx,eax", 1, "popcnt %%edx,%%eax");
    TEST("popcnt mem,ax", 1, "popcnt mv(%%rip),%%ax");
    TEST("bswap rax", 0, "bswap %%rax");
    TEST("bswap edx", 0, "bswap %%edx");
    TEST("bswap rcx via rbx", 0, "mov %%rbx,%%rcx; bswap %%rcx; mov %%rcx,%%rbx");
    TEST("xchg rax,rdx", 0, "xchg %%rax,%%rdx");
    TEST("xchg eax,ebx", 0, "xchg %%eax,%%ebx");
    TEST("xchg edx,edx", 0, "xchg %%edx,%%edx");
    TEST("xchg dl,ah", 0, "xchg %%dl,%%ah");
    TEST("xchg bx,dx", 0, "xchg %%bx,%%dx");
    TEST("xchg rbx,mem", 0, "xchg %%rbx,mv(%%rip)");
    TEST("xchg al,mem", 0, "xchg %%al,mv(%%rip)");
    TEST("leave", 0, "push %%rbp; sub $32,%%rsp; mov %%rdx,16(%%rsp); lea 16(%%rsp),%%rbp; leave; mov %%rbp,%%rbx; add $8,%%rsp; pop %%rbp");
    TEST("mul then jcc", 0, "mul %%rbx; jo 1f; add $1,%%rbx; 1: jc 2f; add $2,%%rbx; 2: js 3f; add $4,%%rbx; 3: jp 4f; add $8,%%rbx; 4:");
    TEST("bsf then jz/cmov", 0, "bsf %%rdx,%%rax; cmovz %%rdx,%%rbx; jnz 1f; add $1,%%rbx; 1: jp 2f; add $2,%%rbx; 2:");

    /* shifts by CL (count from rbx: 0, above the width, edges), rotates, adc/sbb */
    TEST("shl cl,rax", 1, "mov %%ebx,%%ecx; shl %%cl,%%rax");
    TEST("shr cl,eax", 1, "mov %%ebx,%%ecx; shr %%cl,%%eax");
    TEST("sar cl,rax", 1, "mov %%ebx,%%ecx; sar %%cl,%%rax");
    TEST("sar cl,ax", 1, "mov %%ebx,%%ecx; sar %%cl,%%ax");
    TEST("shl cl,al", 1, "mov %%ebx,%%ecx; shl %%cl,%%al");
    TEST("shr cl,dh", 1, "mov %%ebx,%%ecx; shr %%cl,%%dh");
    TEST("shl cl,mem32", 1, "mov %%ebx,%%ecx; shll %%cl,mv(%%rip)");
    TEST("sar cl,mem64", 1, "mov %%ebx,%%ecx; sarq %%cl,mv(%%rip)");
    TEST("cmp; shl cl; pushf", 1, "cmp %%rdx,%%rax; mov %%ebx,%%ecx; shl %%cl,%%edx");
    TEST("sub; shr cl; adc", 1, "sub %%rbx,%%rdx; mov %%ebx,%%ecx; shr %%cl,%%rax; adc %%rdx,%%rax");
    TEST("rol 3,eax (test)", 1, "test %%rdx,%%rdx; rol $3,%%eax");
    TEST("ror 1,rax (and)", 1, "and %%rbx,%%rdx; ror $1,%%rax");
    TEST("rol 1,ax (xor)", 1, "xor %%rbx,%%rdx; rol $1,%%ax");
    TEST("ror 5,al (test)", 1, "test %%edx,%%ebx; ror $5,%%al");
    TEST("rol 13,rax (add)", 1, "add %%rbx,%%rdx; rol $13,%%rax");
    TEST("ror cl,rax (test)", 1, "test %%rdx,%%rbx; mov %%ebx,%%ecx; ror %%cl,%%rax");
    TEST("rol cl,dx (or)", 1, "or %%rax,%%rbx; mov %%ebx,%%ecx; rol %%cl,%%dx");
    TEST("rol cl,eax (sub)", 1, "sub %%rax,%%rbx; mov %%ebx,%%ecx; rol %%cl,%%eax");
    TEST("ror 7,mem32 (test)", 1, "test %%rdx,%%rax; rorl $7,mv(%%rip)");
    TEST("rol 9,rax dead", 1, "rol $9,%%rax; xor %%rbx,%%rdx; ror $3,%%edx; add %%rdx,%%rax");
    TEST("ror 0,eax", 1, "test %%rdx,%%rax; ror $0,%%eax");
    TEST("imul; rol 2; jo", 0, "imul %%rbx,%%rax; rol $2,%%rdx; jo 1f; add $1,%%rbx; 1: jc 2f; add $2,%%rbx; 2:");
    TEST("adc rdx,rax (add)", 1, "add %%rbx,%%rbx; adc %%rdx,%%rax");
    TEST("adc edx,eax (sub)", 1, "sub %%rbx,%%rdx; adc %%edx,%%eax");
    TEST("sbb rdx,rax (cmp)", 1, "cmp %%rbx,%%rdx; sbb %%rdx,%%rax");
    TEST("sbb eax,eax (cmp)", 1, "cmp %%rbx,%%rdx; sbb %%eax,%%eax");
    TEST("adc $7,al (shr)", 1, "shr $1,%%rbx; adc $7,%%al");
    TEST("sbb $-3,rax (test)", 1, "test %%rbx,%%rbx; sbb $-3,%%rax");
    TEST("adc mem,rax (inc)", 1, "add %%rbx,%%rbx; inc %%rdx; adc mv(%%rip),%%rax");
    TEST("sbb rdx,mem (neg)", 1, "neg %%rbx; sbb %%rdx,mv(%%rip)");
    TEST("adc chain 128", 1, "add %%rbx,%%rax; adc %%rbx,%%rdx; adc $0,%%rbx");
    TEST("sbb dx,ax (bt)", 1, "bt $3,%%rbx; sbb %%dx,%%ax");

    /* flags read in another block than their producer (the record's operation known only at run time) */
#define XB "; jmp 9f; 9:"
    TEST("add | jcc", 1, "add %%rdx,%%rax" XB);
    TEST("add32 | jcc", 1, "add %%edx,%%eax" XB);
    TEST("sub8 | jcc", 1, "sub %%dl,%%al" XB);
    TEST("cmp16 | jcc", 1, "cmp %%dx,%%ax" XB);
    TEST("adc | jcc", 1, "add %%rbx,%%rbx; adc %%rdx,%%rax" XB);
    TEST("sbb32 | jcc", 1, "cmp %%rbx,%%rdx; sbb %%edx,%%eax" XB);
    TEST("and | jcc", 1, "and %%rdx,%%rax" XB);
    TEST("xor8 | jcc", 1, "xor %%dl,%%al" XB);
    TEST("inc | jcc", 1, "add %%rbx,%%rbx; inc %%eax" XB);
    TEST("dec16 | jcc", 1, "sub %%rbx,%%rdx; dec %%ax" XB);
    TEST("neg | jcc", 1, "neg %%rax" XB);
    TEST("shl cl | jcc", 1, "cmp %%rax,%%rdx; mov %%ebx,%%ecx; shl %%cl,%%rax" XB);
    TEST("sar 3 | jcc", 1, "sar $3,%%eax" XB);
    TEST("imul | jcc", 1, "imul %%rdx,%%rax" XB);
    TEST("mul32 | jcc", 1, "mul %%ebx" XB);
    TEST("bsf | jcc", 1, "bsf %%rdx,%%rax" XB);
    TEST("popcnt | jcc", 1, "popcnt %%rdx,%%rax" XB);
    TEST("rol (test) | jcc", 1, "test %%rdx,%%rax; rol $7,%%rbx" XB);
    TEST("jcc | jcc", 1, "cmp %%rdx,%%rax; jl 8f; jg 8f; add $5,%%rbx; 8:");
    TEST("sub | cmov", 0, "sub %%rdx,%%rax" XB "; cmovl %%rdx,%%rbx; cmovbe %%rax,%%rdx; setg %%al");

    TESTCC("cc: add", "add %%rdx,%%rax");
    TESTCC("cc: sub32", "sub %%edx,%%eax");
    TESTCC("cc: cmp8", "cmp %%dl,%%al");
    TESTCC("cc: cmp16", "cmp %%dx,%%ax");
    TESTCC("cc: adc", "add %%rbx,%%rbx; adc %%rdx,%%rax");
    TESTCC("cc: sbb8", "cmp %%rbx,%%rdx; sbb %%dl,%%al");
    TESTCC("cc: and", "and %%rdx,%%rax");
    TESTCC("cc: inc", "add %%rbx,%%rbx; inc %%eax");
    TESTCC("cc: shr cl", "cmp %%rax,%%rdx; mov %%ebx,%%ecx; shr %%cl,%%eax");
    TESTCC("cc: imul", "imul %%rdx,%%rax");
    TESTCC("cc: bsr", "bsr %%rdx,%%rax");
    TESTCC("cc: neg", "neg %%rdx");

    /* movs/stos with and without rep: lengths 0..70, overlapping forward copies, DF set */
    {
        static unsigned char sb[512];
        h = 0;
        for (int len = 0; len < 70; len++) {
            for (int off = 0; off < 4; off++) {
                for (int j = 0; j < 512; j++) sb[j] = (unsigned char)(j * 7 + len);
                void *d = sb + 100 + off, *sr = sb + 96 + (len & 7);
                uint64_t c = len, v = 0x1122334455667788ULL * (len + 1);
                __asm__ volatile("rep movsb" : "+D"(d), "+S"(sr), "+c"(c) : : "memory");
                mix(c); mix((uint64_t)((unsigned char *)d - sb)); mix((uint64_t)((unsigned char *)sr - sb));
                d = sb + 200 + off * 8; sr = sb + 8 + off; c = len / 8;
                __asm__ volatile("rep movsq" : "+D"(d), "+S"(sr), "+c"(c) : : "memory");
                d = sb + 300 + off; c = len;
                __asm__ volatile("rep stosb" : "+D"(d), "+c"(c) : "a"(v) : "memory");
                d = sb + 380 + off * 4; c = len / 4;
                __asm__ volatile("rep stosl" : "+D"(d), "+c"(c) : "a"(v) : "memory");
                d = sb + 40; sr = sb + 20 + off;
                __asm__ volatile("movsw; movsl; movsq; movsb; stosq; stosw" : "+D"(d), "+S"(sr) : "a"(v) : "memory");
                mix((uint64_t)((unsigned char *)d - sb)); mix((uint64_t)((unsigned char *)sr - sb));
                d = sb + 480; sr = sb + 470; c = len & 15;
                __asm__ volatile("std; rep movsb; cld" : "+D"(d), "+S"(sr), "+c"(c) : : "memory", "cc");
                mix(c); mix((uint64_t)((unsigned char *)d - sb));
                for (int j = 0; j < 512; j += 8) mix(*(uint64_t *)(sb + j));
            }
        }
        printf("movs/stos %016llx\n", (unsigned long long)h);
    }

    /* indirect calls and jumps */
    uint64_t s = 0;
    for (int k = 0; k < 3000; k++) s = s * 31 + (unsigned)ftab[k & 3](k);
    printf("call reg %016llx\n", (unsigned long long)s);
    s = 0;
    for (int k = 0; k < 3000; k++) {
        int r;
        __asm__ volatile("mov %1,%%edi; call *ftab(,%2,8); mov %%eax,%0" : "=r"(r) : "r"(k), "r"((long)(k & 3))
                         : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
        s = s * 31 + (unsigned)r;
    }
    printf("call mem %016llx\n", (unsigned long long)s);
    /* a call site that sees one target, then another (the prediction's guard fails) */
    s = 0;
    for (int k = 0; k < 6000; k++) {
        ftab[3] = k < 2500 ? f1 : k < 5000 ? f2 : f0;
        s = s * 31 + (unsigned)ftab[3](k);
    }
    printf("call one target then another %016llx\n", (unsigned long long)s);
    s = 0;
    for (int k = 0; k < 3000; k++) s = s * 31 + (unsigned)sw(k * 7, k * 13 + (k >> 3));
    printf("switch %016llx\n", (unsigned long long)s);
    s = 0;
    for (int k = 0; k < 200; k++) s = s * 31 + (unsigned)framed(k);
    printf("leave %016llx\n", (unsigned long long)s);
    s = 0;
    for (int k = 0; k < 3000; k++) {
        uint64_t r = k;
        __asm__ volatile("lea 1f(%%rip),%%rcx; test $1,%0; jz 2f; lea 3f(%%rip),%%rcx; 2: jmp *%%rcx;"
                         "1: add $100,%0; jmp 4f; 3: xor $0x33,%0; 4:" : "+r"(r) : : "rcx", "cc");
        s = s * 31 + r;
    }
    printf("jmp reg %016llx\n", (unsigned long long)s);

    /* #DE */
    struct sigaction sa = { 0 };
    sa.sa_sigaction = fpe;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, 0);
    if (!sigsetjmp(env, 1)) divloop(1000000, 50, 0);
    if (!sigsetjmp(env, 1)) divloop(-1000000, 40, 1);
    if (!sigsetjmp(env, 1)) divloop((int64_t)0x8000000000000000ULL, -1, 1);
    sa.sa_sigaction = segv;
    sigaction(SIGSEGV, &sa, 0);
    jump_to(0xffffffffULL);
    return 0;
}
