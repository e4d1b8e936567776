// The rt_sigframe as a handler sees it: struct offsets, alignment, the saved
// registers (set to known values around a raw kill syscall), segment selectors,
// masks, the alternate-stack fields and the fault information that the thread
// keeps for later signals.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <unistd.h>
#include <ucontext.h>
#include <sys/mman.h>
#include <sys/syscall.h>

struct kact { void *handler; unsigned long flags; void *restorer; uint64_t mask; };

static volatile int seen;
static uint64_t g[23];
static unsigned long uc_flags, ss_flags, ss_size, oldmask, ucmask, trapno, err, cr2, cs_ss;
static void *ss_sp, *fpstate;
static long si_off, uc_align, fp_align, fp_gap, fp_below;
static void *ret_addr;
static int si_signo, si_code, si_pid_ok, si_uid_ok;
int entry_rax;
static unsigned short fsel, gsel;

static void handler(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    seen = sig;
    memcpy(g, uc->uc_mcontext.gregs, sizeof g);
    uc_flags = uc->uc_flags;
    ss_sp = uc->uc_stack.ss_sp; ss_flags = uc->uc_stack.ss_flags; ss_size = uc->uc_stack.ss_size;
    memcpy(&oldmask, &uc->uc_mcontext.gregs[REG_OLDMASK], 8);
    memcpy(&ucmask, &uc->uc_sigmask, 8);
    trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    err = uc->uc_mcontext.gregs[REG_ERR];
    cr2 = uc->uc_mcontext.gregs[REG_CR2];
    cs_ss = uc->uc_mcontext.gregs[REG_CSGSFS];
    fpstate = uc->uc_mcontext.fpregs;
    si_off = (char *)si - (char *)uc;
    uc_align = (uintptr_t)uc % 16;
    fp_align = (uintptr_t)fpstate % 64;
    fp_gap = (char *)fpstate >= (char *)si + 128;
    fp_below = (uintptr_t)fpstate + 512 <= (uintptr_t)g[REG_RSP] - 128;
    ret_addr = *(void **)((char *)uc - 8);
    si_signo = si->si_signo; si_code = si->si_code;
    si_pid_ok = si->si_pid == getpid(); si_uid_ok = si->si_uid == getuid();
}

/* rax at handler entry must be 0: read it before the compiler touches it */
__attribute__((naked)) static void rax_handler(int sig) {
    __asm__ volatile("movl %eax, entry_rax(%rip)\n\tret\n");
}

static sigjmp_buf jb;
static void segv(int sig, siginfo_t *si, void *ucv) { (void)sig; (void)si; (void)ucv; siglongjmp(jb, 1); }

/* kill(getpid(), SIGUSR1) by a raw syscall with known values in the other registers */
uint64_t after_label;
static void kill_with_regs(void) {
    long pid = getpid();
    __asm__ volatile(
        "movabsq $0x0808080808080808, %%r8\n\t"
        "movabsq $0x0909090909090909, %%r9\n\t"
        "movabsq $0x1010101010101010, %%r10\n\t"
        "movabsq $0x1212121212121212, %%r12\n\t"
        "movabsq $0x1313131313131313, %%r13\n\t"
        "movabsq $0x1414141414141414, %%r14\n\t"
        "movabsq $0x1515151515151515, %%r15\n\t"
        "movabsq $0x0b0b0b0b0b0b0b0b, %%rbx\n\t"
        "movl $62, %%eax\n\t"
        "movq %0, %%rdi\n\t"
        "movl $10, %%esi\n\t"
        "movabsq $0x0d0d0d0d0d0d0d0d, %%rdx\n\t"
        "syscall\n"
        "1:\n\t"
        "leaq 1b(%%rip), %%rax\n\t"
        "movq %%rax, after_label(%%rip)\n\t"
        : : "r"(pid) : "rax", "rdi", "rsi", "rdx", "rcx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rbx", "memory", "cc");
}

static void report(const char *what) {
    printf("[%s] signal %d\n", what, seen);
    printf("  uc_flags&~1 %#lx  siginfo-ucontext %ld  uc%%16 %ld  fpstate%%64 %ld  fp-above-siginfo %ld  fp-below-redzone %ld\n",
           uc_flags & ~1UL, si_off, uc_align, fp_align, fp_gap, fp_below);
    printf("  uc_stack sp-null %d flags %#lx size %#lx\n", ss_sp == NULL, ss_flags, ss_size);
    printf("  oldmask %#lx uc_sigmask %#lx trapno %lu err %#lx cr2-set %d\n", oldmask, ucmask, trapno, err, cr2 != 0);
    printf("  cs %#lx gs %#lx fs %#lx ss %#lx\n", cs_ss & 0xffff, (cs_ss >> 16) & 0xffff, (cs_ss >> 32) & 0xffff, cs_ss >> 48);
    printf("  si_signo %d si_code %d pid_ok %d uid_ok %d\n", si_signo, si_code, si_pid_ok, si_uid_ok);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);

    struct kact k;
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 8);
    printf("kernel sigaction: flags %#lx restorer-set %d mask %#lx\n", k.flags, k.restorer != NULL, (unsigned long)k.mask);

    kill_with_regs();
    report("kill with registers");
    printf("  r8 %#lx r9 %#lx r10 %#lx r12 %#lx r13 %#lx r14 %#lx r15 %#lx\n", (long)g[REG_R8], (long)g[REG_R9],
           (long)g[REG_R10], (long)g[REG_R12], (long)g[REG_R13], (long)g[REG_R14], (long)g[REG_R15]);
    printf("  rbx %#lx rdx %#lx rsi %ld rdi-is-pid %d rax %ld\n", (long)g[REG_RBX], (long)g[REG_RDX], (long)g[REG_RSI],
           g[REG_RDI] == (uint64_t)getpid(), (long)g[REG_RAX]);
    printf("  rip-at-label %d rcx==rip %d r11==eflags %d eflags %#lx\n", g[REG_RIP] == after_label, g[REG_RCX] == g[REG_RIP],
           g[REG_R11] == g[REG_EFL], (long)(g[REG_EFL] & 0x702));
    printf("  restorer %d\n", ret_addr == k.restorer);

    // a blocked signal, then the mask seen in the frame
    sigset_t b;
    sigemptyset(&b);
    sigaddset(&b, SIGHUP);
    sigaddset(&b, 40);
    sigprocmask(SIG_BLOCK, &b, NULL);
    raise(SIGUSR1);
    report("raise with SIGHUP and 40 blocked");
    sigprocmask(SIG_UNBLOCK, &b, NULL);

    // a fault: its trap number, error code and address stay in later frames
    struct sigaction sb;
    memset(&sb, 0, sizeof sb);
    sb.sa_sigaction = segv;
    sb.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sb, NULL);
    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile char c = page[0];
    (void)c;
    if (sigsetjmp(jb, 1) == 0) { page[10] = 1; puts("no fault?"); }
    kill(getpid(), SIGUSR1);
    report("kill after a write fault");
    printf("  cr2-is-fault-address %d\n", cr2 == (unsigned long)(page + 10));

    // an alternate stack shows up in uc_stack
    static char alt[65536];
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    kill(getpid(), SIGUSR1);
    report("with an alternate stack (not SA_ONSTACK)");
    printf("  ss_sp-is-alt %d\n", ss_sp == alt);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    kill(getpid(), SIGUSR1);
    report("after SS_DISABLE");

    // rax is 0 at handler entry
    signal(SIGUSR2, rax_handler);
    entry_rax = -1;
    raise(SIGUSR2);
    printf("rax at entry %d\n", entry_rax);
    return 0;
}
