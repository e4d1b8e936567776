// sigaltstack: SA_ONSTACK handlers run on the alternate stack, the query
// inside says SS_ONSTACK, changes while on it fail with EPERM, argument checks
// (ENOMEM, EINVAL), SS_DISABLE, a nested signal on the same stack, a handler
// without SA_ONSTACK staying on the normal stack, SS_AUTODISARM, and recovery
// from a stack overflow.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <setjmp.h>
#include <unistd.h>
#include <ucontext.h>
#include <sys/resource.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

static char alt[65536] __attribute__((aligned(16)));
static volatile int on_alt, query_flags, eperm, nested_on_alt, nested_below, uc_ss_flags;
static volatile uintptr_t outer_local;

static int in_alt(void *p) { return (char *)p >= alt && (char *)p < alt + sizeof alt; }

static void nested(int sig) {
    (void)sig;
    char here;
    nested_on_alt = in_alt(&here);
    nested_below = (uintptr_t)&here < outer_local;
}

static void handler(int sig, siginfo_t *si, void *ucv) {
    (void)sig; (void)si;
    ucontext_t *uc = ucv;
    char here;
    on_alt = in_alt(&here);
    outer_local = (uintptr_t)&here;
    uc_ss_flags = uc->uc_stack.ss_flags;
    stack_t q;
    sigaltstack(NULL, &q);
    query_flags = q.ss_flags;
    stack_t n = { .ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0 };
    errno = 0;
    eperm = sigaltstack(&n, NULL) == -1 && errno == EPERM;
    raise(SIGUSR2);
}

static sigjmp_buf jb;
static volatile int overflow_on_alt, overflow_sig;
static void on_segv(int sig) {
    char here;
    overflow_sig = sig;
    overflow_on_alt = in_alt(&here);
    siglongjmp(jb, 1);
}

static int recurse(volatile char *p, int n) {
    volatile char buf[4096];
    buf[0] = (char)n;
    buf[4095] = p ? p[0] : 0;
    return recurse(buf, n + 1) + buf[100];
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    stack_t q;
    sigaltstack(NULL, &q);
    printf("initial: sp-null %d flags %d size %zu\n", q.ss_sp == NULL, q.ss_flags, q.ss_size);

    stack_t ss = { .ss_sp = alt, .ss_size = 1024, .ss_flags = 0 };
    errno = 0;
    int r = sigaltstack(&ss, NULL);
    printf("too small: %d %s\n", r, errno == ENOMEM ? "ENOMEM" : "?");
    ss.ss_size = sizeof alt; ss.ss_flags = 42;
    errno = 0;
    r = sigaltstack(&ss, NULL);
    printf("bad flags: %d %s\n", r, errno == EINVAL ? "EINVAL" : "?");
    ss.ss_flags = 0;
    printf("set: %d\n", sigaltstack(&ss, NULL));
    sigaltstack(NULL, &q);
    printf("query: sp-is-alt %d flags %d size %zu\n", q.ss_sp == alt, q.ss_flags, q.ss_size);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = nested;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR1);
    printf("SA_ONSTACK handler on alt %d, query flags %d, uc_stack flags %d, EPERM inside %d\n", on_alt, query_flags,
           uc_ss_flags, eperm);
    printf("nested on alt %d below outer %d\n", nested_on_alt, nested_below);

    // without SA_ONSTACK: normal stack
    sa.sa_flags = 0;
    sigaction(SIGUSR2, &sa, NULL);
    nested_on_alt = -1;
    raise(SIGUSR2);
    printf("plain handler on alt %d\n", nested_on_alt);

    // SS_DISABLE: SA_ONSTACK handlers use the normal stack
    ss.ss_flags = SS_DISABLE;
    printf("disable: %d\n", sigaltstack(&ss, NULL));
    sigaltstack(NULL, &q);
    printf("query: sp-null %d flags %d size %zu\n", q.ss_sp == NULL, q.ss_flags, q.ss_size);
    on_alt = -1;
    raise(SIGUSR1);
    printf("SA_ONSTACK handler after disable on alt %d\n", on_alt);

    // SS_AUTODISARM: the stack is disarmed while the handler runs and back after
    ss.ss_flags = SS_AUTODISARM; ss.ss_size = sizeof alt;
    if (sigaltstack(&ss, NULL) == 0) {
        on_alt = -1;
        raise(SIGUSR1);
        sigaltstack(NULL, &q);
        printf("autodisarm: on alt %d, query inside %d, EPERM inside %d, after: flags %#x size %zu\n", on_alt,
               query_flags, eperm, (unsigned)q.ss_flags, q.ss_size);
    }

    // stack overflow: only a handler on the alternate stack can catch it
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    struct rlimit rl = { 1 << 20, 1 << 20 };
    setrlimit(RLIMIT_STACK, &rl);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_segv;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(jb, 1) == 0) recurse(NULL, 0);
    printf("overflow caught: sig %d on alt %d\n", overflow_sig, overflow_on_alt);
    return 0;
}
