// Unbounded recursion overflows the stack: the SIGSEGV handler runs on an
// alternate signal stack (sigaltstack) and recovers with siglongjmp; then a
// second overflow is caught the same way.
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>

static sigjmp_buf env;
static volatile int on_alt;

static void handler(int sig, siginfo_t *si, void *uc) {
    (void)si; (void)uc;
    stack_t ss;
    sigaltstack(NULL, &ss);
    on_alt = (ss.ss_flags & SS_ONSTACK) != 0;
    siglongjmp(env, sig);
}

__attribute__((noinline)) static long down(long n, volatile char *prev) {
    volatile char frame[256];
    frame[0] = (char)n;
    frame[255] = prev ? prev[0] : 0;
    return down(n + 1, frame) + frame[255];
}

int main(void) {
    stack_t ss;
    ss.ss_sp = malloc(SIGSTKSZ * 4);
    ss.ss_size = SIGSTKSZ * 4;
    ss.ss_flags = 0;
    if (sigaltstack(&ss, NULL)) { perror("sigaltstack"); return 1; }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    for (volatile int round = 0; round < 2; round++) {
        int s = sigsetjmp(env, 1);
        if (s == 0) {
            printf("round %d: recursing\n", round);
            fflush(stdout);
            down(0, NULL);
            printf("recursion returned?\n");
        } else {
            printf("round %d: caught %s, handler on alternate stack: %d\n", round, strsignal(s), on_alt);
        }
    }
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("alt stack still registered and not active: %d\n", cur.ss_size == SIGSTKSZ * 4 && !(cur.ss_flags & SS_ONSTACK));
    return 0;
}
