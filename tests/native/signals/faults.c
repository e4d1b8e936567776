// Synchronous faults delivered to handlers: SIGSEGV (unmapped, read-only,
// PROT_NONE, no-exec, null, non-canonical, int $n; branches above 4 GiB and to
// non-canonical addresses; repeated string instructions faulting part way), SIGFPE (divide by zero and
// overflow), SIGILL (ud2), SIGTRAP (int3): si_code, si_addr, and the sigcontext
// (rip, trapno, err, cr2). Recovery by siglongjmp, and by handlers that edit
// the ucontext (skip the instruction, set a register) and return.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <unistd.h>
#include <ucontext.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static volatile int sig_seen, code_seen;
static void *addr_seen;
static uint64_t rip_seen, trapno_seen, err_seen, cr2_seen, rsp_seen, rdx_seen, rcx_seen, efl_seen;
static int mode_skip; /* 0: siglongjmp; 1: resume at resume_to with rbx = 42 */
static uint64_t resume_to;

static void handler(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    sig_seen = sig;
    code_seen = si->si_code;
    addr_seen = si->si_addr;
    rip_seen = uc->uc_mcontext.gregs[REG_RIP];
    trapno_seen = uc->uc_mcontext.gregs[REG_TRAPNO];
    err_seen = uc->uc_mcontext.gregs[REG_ERR];
    cr2_seen = uc->uc_mcontext.gregs[REG_CR2];
    rsp_seen = uc->uc_mcontext.gregs[REG_RSP];
    rdx_seen = uc->uc_mcontext.gregs[REG_RDX];
    rcx_seen = uc->uc_mcontext.gregs[REG_RCX];
    efl_seen = uc->uc_mcontext.gregs[REG_EFL];
    if (mode_skip) {
        uc->uc_mcontext.gregs[REG_RIP] = resume_to;
        uc->uc_mcontext.gregs[REG_RBX] = 42;
        return;
    }
    siglongjmp(jb, 1);
}

static const char *name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV"; case SIGFPE: return "SIGFPE"; case SIGILL: return "SIGILL";
    case SIGTRAP: return "SIGTRAP"; case SIGBUS: return "SIGBUS"; default: return "?";
    }
}

#define TRY(label, body) do { \
    sig_seen = 0; \
    if (sigsetjmp(jb, 1) == 0) { body; printf("%-22s no signal\n", label); } \
    else printf("%-22s %s code %d", label, name(sig_seen), code_seen); \
} while (0)

/* each probe is an asm stub: `fault_X` is the faulting instruction, `after_X` the next one */
#define STUB(n, insn) \
    extern char fault_##n[], after_##n[]; \
    __attribute__((noinline)) static uint64_t probe_##n(void *p) { \
        uint64_t r; \
        __asm__ volatile("movq %1, %%rax\n\t" "xorl %%ebx, %%ebx\n\t" \
                         ".globl fault_" #n "\nfault_" #n ":\n\t" insn "\n\t" \
                         ".globl after_" #n "\nafter_" #n ":\n\t" "movq %%rbx, %0\n\t" \
                         : "=r"(r) : "r"(p) : "rax", "rbx", "rcx", "rdx", "memory"); \
        return r; }

STUB(load, "movq (%%rax), %%rcx")
STUB(store, "movq %%rcx, (%%rax)")
STUB(store8, "movb %%cl, 8(%%rax)")
STUB(call, "call *%%rax")
STUB(jmp, "jmp *%%rax")
/* rdx = rsp before the branch: the handler prints rsp - rdx (what the branch pushed or popped) */
STUB(callsp, "movq %%rsp, %%rdx\n\t.globl callsp_insn\ncallsp_insn:\n\tcall *%%rax")
STUB(retsp, "pushq %%rax\n\tmovq %%rsp, %%rdx\n\t.globl retsp_insn\nretsp_insn:\n\tret")
STUB(ud2, "ud2")
STUB(int3, "int3")
STUB(int81, "int $0x81")
STUB(div0, "xorl %%ecx, %%ecx\n\tmovl $7, %%eax\n\tcltd\n\t.globl div_insn\ndiv_insn:\n\tidivl %%ecx")
STUB(divovf, "movl $0x80000000, %%eax\n\tmovl $-1, %%ecx\n\tcltd\n\t.globl ovf_insn\novf_insn:\n\tidivl %%ecx")
STUB(div64, "xorl %%ecx, %%ecx\n\tmovl $7, %%eax\n\txorl %%edx, %%edx\n\t.globl div64_insn\ndiv64_insn:\n\tdivq %%rcx")
extern char div_insn[], ovf_insn[], div64_insn[], callsp_insn[], retsp_insn[];

static char *page_ro, *page_none, *page_gone, *page_rw;

static void show_fault(void *base, void *insn) {
    long off = (char *)addr_seen - (char *)base;
    printf(" addr %s%+ld rip@insn %d trapno %lu err %#lx cr2==addr %d\n", base ? "base" : "", off,
           rip_seen == (uint64_t)insn, (unsigned long)trapno_seen, (unsigned long)err_seen, cr2_seen == (uint64_t)addr_seen);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    for (int s = 1; s < 32; s++) if (s != SIGKILL && s != SIGSTOP) sigaction(s, &sa, NULL);

    page_ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    page_none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    page_gone = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    page_rw = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page_gone, 4096);
    volatile char c = page_ro[0]; (void)c;
    page_rw[0] = (char)0xc3;

    TRY("load unmapped", probe_load(page_gone + 16)); show_fault(page_gone, fault_load);
    TRY("store read-only", probe_store(page_ro + 24)); show_fault(page_ro, fault_store);
    TRY("store8 read-only", probe_store8(page_ro + 100)); show_fault(page_ro, fault_store8);
    TRY("load PROT_NONE", probe_load(page_none)); show_fault(page_none, fault_load);
    TRY("store PROT_NONE", probe_store(page_none + 8)); show_fault(page_none, fault_store);
    TRY("load NULL", probe_load(NULL)); show_fault(NULL, fault_load);
    TRY("load near NULL", probe_load((void *)0x1000)); show_fault(NULL, fault_load);
    TRY("call no-exec page", probe_call(page_rw)); show_fault(page_rw, page_rw);
    TRY("call unmapped", probe_call(page_gone + 32)); show_fault(page_gone, page_gone + 32);
    /* far branches: a canonical target beyond the first 4 GiB faults when fetched (si_addr
       the whole target); a non-canonical one raises #GP at the branch, which neither
       pushes nor pops */
    void *far[] = { (void *)0x100000000UL, (void *)0x7f0000001234UL, (void *)0x400000000000UL,
                    (void *)0xffff800000001000UL, (void *)0xfffffffffffff000UL,
                    (void *)0x800000000000UL, (void *)0x8000000000000000UL, (void *)0xffff7fffffffffffUL };
    for (unsigned k = 0; k < sizeof far / sizeof far[0]; k++) {
        printf("target %#lx\n", (unsigned long)far[k]);
        TRY("  jmp", probe_jmp(far[k])); show_fault(NULL, k < 5 ? far[k] : (void *)fault_jmp);
        TRY("  call", probe_callsp(far[k])); show_fault(NULL, k < 5 ? far[k] : (void *)callsp_insn);
        printf("    rsp moved %ld\n", (long)(rsp_seen - rdx_seen));
        TRY("  ret", probe_retsp(far[k])); show_fault(NULL, k < 5 ? far[k] : (void *)retsp_insn);
        printf("    rsp moved %ld\n", (long)(rsp_seen - rdx_seen));
    }
    /* a repeated string instruction that faults after some elements: rcx, rsi and rdi
       stop at the faulting element; cmps/scas leave the flags of before the instruction,
       not those of the last element compared */
    char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(two + 4096, 4096, PROT_NONE);
    for (int k = 0; k < 5; k++) {
        char *src = two + 4096 - 8, *dst = two + 100;
        memset(two + 2048, 0x11, 2048);
        memset(dst, k == 0 ? 0x22 : 0x11, 32);
        uint64_t c = 12, fl = 0;
        static const char *what[] = { "repne cmpsw", "repe cmpsw", "repe scasb", "repne scasb", "rep lodsw" };
        sig_seen = 0;
        if (sigsetjmp(jb, 1) == 0) {
            if (k == 0) __asm__ volatile("mov $1, %%eax\n\tadd $-2, %%eax\n\tmov %0, %%rcx\n\trepne cmpsw" :: "r"(c), "S"(src), "D"(dst) : "rax", "rcx", "cc", "memory");
            if (k == 1) __asm__ volatile("xor %%eax, %%eax\n\tmov %0, %%rcx\n\trepe cmpsw" :: "r"(c), "S"(src), "D"(dst) : "rax", "rcx", "cc", "memory");
            if (k == 2) __asm__ volatile("mov $1, %%eax\n\tadd $-2, %%eax\n\tmov $0x11, %%eax\n\tmov %0, %%rcx\n\trepe scasb" :: "r"(c), "D"(src) : "rax", "rcx", "cc", "memory");
            if (k == 3) __asm__ volatile("stc\n\tmov $0x12, %%eax\n\tmov %0, %%rcx\n\trepne scasb" :: "r"(c), "D"(src) : "rax", "rcx", "cc", "memory");
            if (k == 4) __asm__ volatile("mov $1, %%eax\n\tadd $-2, %%eax\n\tmov %0, %%rcx\n\trep lodsw" :: "r"(c), "S"(src) : "rax", "rcx", "cc", "memory");
            printf("%-22s no signal\n", what[k]);
        } else {
            fl = efl_seen;
            printf("%-22s %s code %d rcx %lu flags %#lx\n", what[k], name(sig_seen), code_seen, (unsigned long)rcx_seen, (unsigned long)(fl & 0x8d5));
        }
    }
    /* cmps with both operands unreadable: the hardware reads es:[rdi] first */
    for (int k = 0; k < 2; k++) {
        char *a = two + 4096 + (k ? 40 : 8), *b = two + 4096 + (k ? 8 : 40);
        TRY(k ? "cmpsb rsi<rdi unreadable" : "cmpsb rsi>rdi unreadable",
            __asm__ volatile("cmpsb" :: "S"(a), "D"(b) : "cc", "memory"));
        show_fault(two + 4096, fault_load);
    }
    /* x87 stores to a read-only page: one abandoned by an unmasked exception (stack
       underflow, invalid, overflow, underflow) does not touch memory, so the signal is
       the SIGFPE of the next x87 instruction; an unmasked precision exception still
       stores, so the page fault comes first */
    {
        static long double big = 1e30L, huge = 1e300L, tiny = 1e-4000L, tenth = 0.1L;
        static const struct { const char *what; unsigned short cw; int k; } xs[] = {
            { "x87 fstp m32 empty", 0x037e, 0 }, { "x87 fstp m80 empty", 0x037e, 1 }, { "x87 fbstp empty", 0x037e, 2 },
            { "x87 fistp m16 invalid", 0x037e, 3 }, { "x87 fstp m32 overflow", 0x0377, 4 },
            { "x87 fstp m64 underflow", 0x036f, 5 }, { "x87 fstp m32 inexact", 0x035f, 6 }, { "x87 fistp m64 empty", 0x037e, 7 },
            /* a tiny result that is exact: with UE unmasked still an underflow */
            { "x87 fst m64 tiny exact", 0x006f, 8 }, { "x87 fst m32 tiny exact", 0x036f, 9 },
        };
        static const unsigned long long den64 = 0xff8000ull;
        static const unsigned den32 = 0x40;
        for (unsigned k = 0; k < sizeof xs / sizeof xs[0]; k++) {
            sig_seen = 0;
            if (sigsetjmp(jb, 1) == 0) {
                __asm__ volatile("fninit\n\tfldcw %0" :: "m"(xs[k].cw));
                switch (xs[k].k) {
                case 0: __asm__ volatile("fstps %0\n\tfnop" : "=m"(*(float *)page_ro)); break;
                case 1: __asm__ volatile("fstpt %0\n\tfnop" : "=m"(*(long double *)page_ro)); break;
                case 2: __asm__ volatile("fbstp %0\n\tfnop" : "=m"(*(long double *)page_ro)); break;
                case 3: __asm__ volatile("fldt %1\n\tfistps %0\n\tfnop" : "=m"(*(short *)page_ro) : "m"(big)); break;
                case 4: __asm__ volatile("fldt %1\n\tfstps %0\n\tfnop" : "=m"(*(float *)page_ro) : "m"(huge)); break;
                case 5: __asm__ volatile("fldt %1\n\tfstpl %0\n\tfnop" : "=m"(*(double *)page_ro) : "m"(tiny)); break;
                case 6: __asm__ volatile("fldt %1\n\tfstps %0\n\tfnop" : "=m"(*(float *)page_ro) : "m"(tenth)); break;
                case 7: __asm__ volatile("fistpll %0\n\tfnop" : "=m"(*(long long *)page_ro)); break;
                case 8: __asm__ volatile("fldl %1\n\tfstl %0\n\tfnop" : "=m"(*(double *)page_ro) : "m"(den64)); break;
                default: __asm__ volatile("flds %1\n\tfsts %0\n\tfnop" : "=m"(*(float *)page_ro) : "m"(den32)); break;
                }
                printf("%-22s no signal\n", xs[k].what);
            } else printf("%-22s %s code %d\n", xs[k].what, name(sig_seen), code_seen);
            __asm__ volatile("fninit");
        }
    }
    /* an unmasked SSE exception: si_code comes from every flag set in MXCSR whose
       exception is unmasked, an earlier sticky divide-by-zero included */
    {
        static const unsigned csrs[] = { 0x0000 | 0x04, 0x0000, 0x1f00 | 0x01 | 0x04, 0x0d80 | 0x08 };
        for (unsigned k = 0; k < sizeof csrs / sizeof csrs[0]; k++) {
            static volatile double one = 1.0, three = 3.0;
            double q = 0;
            unsigned csr = csrs[k], out = 0;
            sig_seen = 0;
            if (sigsetjmp(jb, 1) == 0) {
                __asm__ volatile("ldmxcsr %1\n\tmovsd %2, %%xmm0\n\tdivsd %3, %%xmm0\n\tmovsd %%xmm0, %0"
                                 : "=m"(q) : "m"(csr), "m"(one), "m"(three) : "xmm0");
                printf("sse 1/3 mxcsr %#06x     no signal\n", csr);
            } else printf("sse 1/3 mxcsr %#06x     %s code %d\n", csr, name(sig_seen), code_seen);
            unsigned std_csr = 0x1f80;
            __asm__ volatile("stmxcsr %0\n\tldmxcsr %1" : "=m"(out) : "m"(std_csr));
            (void)q;
        }
    }
    TRY("load non-canonical", probe_load((void *)0x8000000000000000UL)); show_fault(NULL, fault_load);
    TRY("load kernel half", probe_load((void *)0xffffffff81000000UL)); show_fault(NULL, fault_load);
    TRY("int $0x81", probe_int81(NULL)); show_fault(NULL, fault_int81);
    TRY("idiv by zero", probe_div0(NULL)); show_fault(div_insn, div_insn);
    TRY("idiv overflow", probe_divovf(NULL)); show_fault(ovf_insn, ovf_insn);
    TRY("div64 by zero", probe_div64(NULL)); show_fault(div64_insn, div64_insn);
    TRY("ud2", probe_ud2(NULL)); show_fault(fault_ud2, fault_ud2);
    TRY("int3", probe_int3(NULL)); show_fault(NULL, after_int3);

    /* handlers that return: resume after the faulting instruction with rbx = 42 */
    mode_skip = 1;
    struct { const char *what; uint64_t (*fn)(void *); void *arg; char *after; } skip[] = {
        { "skip load unmapped", probe_load, page_gone, after_load },
        { "skip store read-only", probe_store, page_ro, after_store },
        { "skip ud2", probe_ud2, NULL, after_ud2 },
        { "skip idiv by zero", probe_div0, NULL, after_div0 },
    };
    for (unsigned k = 0; k < sizeof skip / sizeof skip[0]; k++) {
        resume_to = (uint64_t)skip[k].after;
        sig_seen = 0;
        uint64_t r = skip[k].fn(skip[k].arg);
        printf("%-22s %s, resumed with rbx %lu\n", skip[k].what, name(sig_seen), (unsigned long)r);
    }
    /* int3 is a trap: returning continues after it */
    resume_to = (uint64_t)after_int3;
    uint64_t r = probe_int3(NULL);
    printf("%-22s %s, rip was after it %d, rbx %lu\n", "return from int3", name(sig_seen), rip_seen == (uint64_t)after_int3,
           (unsigned long)r);

    /* a handler that fixes the cause and returns: the instruction runs again */
    mode_skip = 0;
    return 0;
}
