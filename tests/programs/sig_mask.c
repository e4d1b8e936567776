// sigprocmask: block a signal, raise it, see it pending (handler not run),
// unblock and see the handler run at once; standard signals do not queue,
// real-time signals do (and are delivered lowest-first).
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile int runs[65];
static int seq[32], nseq;

static void h(int sig) { runs[sig]++; if (nseq < 32) seq[nseq++] = sig; }

int main(void) {
    signal(SIGUSR1, h);
    signal(SIGUSR2, h);
    signal(SIGRTMIN, h);
    signal(SIGRTMIN + 3, h);
    sigset_t set, old, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 3);
    sigprocmask(SIG_BLOCK, &set, &old);
    printf("old mask had USR1: %d\n", sigismember(&old, SIGUSR1));

    raise(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR2);
    union sigval v = { 0 };
    sigqueue(getpid(), SIGRTMIN + 3, v);
    sigqueue(getpid(), SIGRTMIN + 3, v);
    sigqueue(getpid(), SIGRTMIN, v);
    printf("runs while blocked: %d %d %d %d\n", runs[SIGUSR1], runs[SIGUSR2], runs[SIGRTMIN], runs[SIGRTMIN + 3]);
    sigpending(&pend);
    printf("pending USR1 %d USR2 %d RTMIN %d RTMIN+3 %d TERM %d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGUSR2), sigismember(&pend, SIGRTMIN), sigismember(&pend, SIGRTMIN + 3),
           sigismember(&pend, SIGTERM));

    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &one, NULL);
    printf("after unblocking USR2: runs %d %d\n", runs[SIGUSR1], runs[SIGUSR2]);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblocking all: USR1 %d USR2 %d RTMIN %d RTMIN+3 %d\n", runs[SIGUSR1], runs[SIGUSR2],
           runs[SIGRTMIN], runs[SIGRTMIN + 3]);
    printf("delivery order:");
    for (int i = 0; i < nseq; i++) {
        int s = seq[i];
        if (s >= SIGRTMIN) printf(" RTMIN+%d", s - SIGRTMIN);
        else printf(" %s", s == SIGUSR1 ? "USR1" : s == SIGUSR2 ? "USR2" : "?");
    }
    printf("\n");
    sigpending(&pend);
    printf("nothing pending: %d\n", !sigismember(&pend, SIGUSR1) && !sigismember(&pend, SIGRTMIN + 3));

    /* sigwait consumes a blocked signal without running the handler */
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR2);
    int got = 0;
    sigwait(&set, &got);
    printf("sigwait got USR2: %d, handler runs %d\n", got == SIGUSR2, runs[SIGUSR2]);
    /* SIGKILL and SIGSTOP cannot be blocked */
    sigset_t all, now;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("KILL blocked %d STOP blocked %d TERM blocked %d\n", sigismember(&now, SIGKILL),
           sigismember(&now, SIGSTOP), sigismember(&now, SIGTERM));
    return 0;
}
