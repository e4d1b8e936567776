// sigaction with SA_SIGINFO: si_signo, si_code and si_value for raise()
// (SI_TKILL), kill() (SI_USER) and sigqueue() (SI_QUEUE); sa_mask during
// a handler; SA_RESETHAND; the ucontext pointer is non-NULL.
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile int got_signo, got_code, got_value, pid_ok, uc_ok, usr2_blocked_inside;

static void handler(int sig, siginfo_t *si, void *uc) {
    got_signo = si->si_signo;
    got_code = si->si_code;
    got_value = (si->si_code == SI_QUEUE) ? si->si_value.sival_int : -1;
    pid_ok = si->si_pid == getpid();
    uc_ok = uc != NULL;
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    usr2_blocked_inside = sigismember(&cur, SIGUSR2) * 10 + sigismember(&cur, sig);
}

static const char *code_name(int c) {
    switch (c) {
    case SI_USER: return "SI_USER";
    case SI_TKILL: return "SI_TKILL";
    case SI_QUEUE: return "SI_QUEUE";
    default: return "other";
    }
}

static void report(const char *how) {
    printf("%-8s signo %d code %s value %d pid_ok %d uc_ok %d mask-inside %d\n", how, got_signo,
           code_name(got_code), got_value, pid_ok, uc_ok, usr2_blocked_inside);
    got_signo = got_code = got_value = pid_ok = uc_ok = usr2_blocked_inside = 0;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);

    raise(SIGUSR1);
    report("raise");
    kill(getpid(), SIGUSR1);
    report("kill");
    union sigval v = { .sival_int = 4242 };
    sigqueue(getpid(), SIGUSR1, v);
    report("sigqueue");
    v.sival_int = -7;
    sigqueue(getpid(), SIGRTMIN + 1, v);
    printf("rt signal offset %d: ", got_signo - SIGRTMIN);
    report("rt");

    struct sigaction old;
    sigaction(SIGUSR1, NULL, &old);
    printf("query: siginfo %d handler-same %d usr2-in-mask %d\n", !!(old.sa_flags & SA_SIGINFO),
           old.sa_sigaction == handler, sigismember(&old.sa_mask, SIGUSR2));

    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    report("oneshot");
    sigaction(SIGUSR2, NULL, &old);
    printf("after SA_RESETHAND handler is SIG_DFL: %d\n", old.sa_handler == SIG_DFL);

    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    printf("ignored SIGUSR2 survived\n");
    return 0;
}
