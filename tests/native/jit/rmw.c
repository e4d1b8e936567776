/* Read-modify-write forms the JIT compiles: lock cmpxchg (equal and not, every size,
   register and memory destinations: which of rax/destination is written, the upper
   half of a 32-bit register), lock xadd (one register as both operands too), locked
   add/sub/and/or/xor/adc/sbb/inc/dec/not/neg/bts/btr/btc on memory, push and pop of
   memory operands (push/pop relative to rsp itself: pop computes its address after
   rsp moves), the FF /6 and 8F /0 register encodings, and a pop to a read-only page
   whose fault must leave rsp unchanged. pushf and setcc read the flags. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include <sys/mman.h>
#include "edge.h"

#define FLAGS_MASK 0x8d5
static uint64_t m[4];

#define RMW(insn) do { uint64_t fl; uint8_t z, c; \
    __asm__ volatile(insn "\n\tsetz %b[z]\n\tsetc %b[c]\n\tpushfq\n\tpop %[fl]" \
        : [fl] "=r"(fl), [z] "=&q"(z), [c] "=&q"(c), "+a"(a), [d] "+r"(d), [g] "+r"(g) : [m] "r"(m) : "cc", "memory"); \
    mix(fl & FLAGS_MASK); mix(z | c << 1); mix(a); mix(d); mix(g); mix(m[0]); mix(m[1]); } while (0)

static void atomics(void) {
    h = 0x9e3779b97f4a7c15ULL;
    for (int r = 0; r < 3000; r++) {
        uint64_t a = rnd(), d = rnd(), g = rnd();
        if (r & 1) d = a; /* equal half the time */
        m[0] = (r & 2) ? a : rnd(); m[1] = rnd();
        switch (r % 12) {
        case 0: RMW("lock cmpxchgq %[g],(%[m])"); break;
        case 1: RMW("lock cmpxchgl %k[g],(%[m])"); break;
        case 2: RMW("lock cmpxchgw %w[g],(%[m])"); break;
        case 3: RMW("lock cmpxchgb %b[g],(%[m])"); break;
        case 4: RMW("cmpxchgq %[g],%[d]"); break;
        case 5: RMW("cmpxchgl %k[g],%k[d]"); break;
        case 6: RMW("cmpxchgw %w[g],%w[d]"); break;
        case 7: RMW("cmpxchgb %b[g],%b[d]"); break;
        case 8: RMW("lock xaddq %[g],8(%[m])"); RMW("xaddq %[g],%[d]"); RMW("xaddq %[g],%[g]"); break;
        case 9: RMW("lock xaddl %k[g],(%[m])"); RMW("xaddl %k[g],%k[d]"); RMW("xaddl %k[d],%k[d]"); break;
        case 10: RMW("lock xaddw %w[g],(%[m])"); RMW("xaddw %w[g],%w[d]"); break;
        default: RMW("lock xaddb %b[g],(%[m])"); RMW("xaddb %b[g],%b[d]"); break;
        }
    }
    printf("cmpxchg/xadd %016llx\n", (unsigned long long)h);
    h = 0x9e3779b97f4a7c15ULL;
    for (int r = 0; r < 2000; r++) {
        uint64_t a = rnd(), d = rnd(), g = rnd();
        m[0] = rnd(); m[1] = rnd();
        switch (r % 8) {
        case 0: RMW("lock addq %[g],(%[m])"); RMW("lock subl %k[g],4(%[m])"); break;
        case 1: RMW("lock andw %w[g],(%[m])"); RMW("lock orb %b[g],3(%[m])"); break;
        case 2: RMW("lock xorq %[g],8(%[m])"); RMW("cmp %[d],%[g]\n\tlock adcl %k[g],(%[m])"); break;
        case 3: RMW("cmp %[g],%[d]\n\tlock sbbq %[g],(%[m])"); RMW("lock incq (%[m])"); break;
        case 4: RMW("lock decl 4(%[m])"); RMW("lock notq 8(%[m])"); break;
        case 5: RMW("lock negw (%[m])"); RMW("lock addq $-5,(%[m])"); break;
        case 6: RMW("and $127,%[g]\n\tlock btsq %[g],(%[m])"); RMW("lock btrl $7,(%[m])"); break;
        default: RMW("lock btcw $3,6(%[m])"); RMW("xchg %[g],8(%[m])"); break;
        }
    }
    printf("locked alu %016llx\n", (unsigned long long)h);
}

static void pushpop(void) {
    h = 0x9e3779b97f4a7c15ULL;
    for (int r = 0; r < 1000; r++) {
        uint64_t x = rnd(), y = rnd(), out1 = 0, out2 = 0;
        m[0] = rnd(); m[1] = rnd(); m[2] = rnd(); m[3] = rnd();
        __asm__ volatile(
            "pushq (%[m])\n\t"          /* push m[0] */
            "pushq 8(%[m])\n\t"         /* push m[1] */
            "pushq 8(%%rsp)\n\t"        /* push m[0] again, from the stack */
            "popq 16(%[m])\n\t"         /* m[2] = m[0] */
            "popq (%%rsp)\n\t"          /* pop m[1] into the slot above: address after rsp moved */
            "popq 24(%[m])\n\t"         /* m[3] = m[1] */
            "pushq %[x]\n\t"
            ".byte 0xff, 0xf0\n\t"      /* push rax (FF /6) */
            ".byte 0x8f, 0xc1\n\t"      /* pop rcx (8F /0) */
            "popq %[o1]\n\t"
            "mov %%rcx,%[o2]"
            : [o1] "=&r"(out1), [o2] "=&r"(out2), "+a"(y) : [m] "r"(m), [x] "r"(x) : "rcx", "memory");
        mix(m[0]); mix(m[1]); mix(m[2]); mix(m[3]); mix(out1); mix(out2);
    }
    printf("push/pop mem %016llx\n", (unsigned long long)h);
}

static sigjmp_buf jb;
static uint64_t saved_rsp;
static volatile int64_t f_drsp;
static void onsegv(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    f_drsp = (int64_t)(uc->uc_mcontext.gregs[REG_RSP] - saved_rsp);
    siglongjmp(jb, 1);
}

static void popfault(void) {
    unsigned char *ro = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onsegv; sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, 0);
    for (int r = 0; r < 3; r++) {
        f_drsp = 999;
        if (sigsetjmp(jb, 1) == 0) {
            __asm__ volatile("pushq $7\n\tmov %%rsp,%[s]\n\tpopq (%[p])\n\t" : [s] "=m"(saved_rsp) : [p] "r"(ro + 8 * r) : "memory");
            puts("no fault");
        }
        printf("pop fault: rsp moved by %lld\n", (long long)f_drsp);
    }
    signal(SIGSEGV, SIG_DFL);
}

int main(void) {
    setvbuf(stdout, 0, _IOLBF, 0);
    atomics();
    pushpop();
    popfault();
    return 0;
}
