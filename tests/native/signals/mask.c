// Blocking and pending: sigprocmask, sigpending, delivery order when several
// signals are unblocked at once, standard signals coalesce while real-time
// signals queue with their values, sigsuspend, sigtimedwait/sigwaitinfo, and the
// kernel's argument checks (raw syscalls).
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>

static char order[256];
static volatile int norder;
static int values[16];
static volatile int nvalues;

static void note(int sig) { norder += snprintf(order + norder, sizeof order - norder, "%d ", sig); }
static void h(int sig) { note(sig); }
static void hv(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    note(sig);
    if (nvalues < 16) values[nvalues++] = si->si_value.sival_int;
}

static void edit_mask(int sig, siginfo_t *si, void *ucv) {
    (void)sig; (void)si;
    ucontext_t *uc = ucv;
    sigaddset(&uc->uc_sigmask, SIGUSR2);
    sigaddset(&uc->uc_sigmask, SIGHUP);
}

static void show(const char *what) {
    printf("%s: %s\n", what, norder ? order : "(none)");
    norder = 0; order[0] = 0;
}

static void pending(const char *what) {
    sigset_t p;
    sigpending(&p);
    printf("%s pending:", what);
    for (int s = 1; s <= 64; s++) if (sigismember(&p, s) == 1) printf(" %d", s);
    printf("\n");
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    for (int s = 1; s < 32; s++) if (s != SIGKILL && s != SIGSTOP && s != SIGSEGV) sigaction(s, &sa, NULL);
    sa.sa_sigaction = hv;
    sa.sa_flags = SA_SIGINFO;
    for (int s = 40; s <= 44; s++) sigaction(s, &sa, NULL);

    // block, raise several, see them pending, unblock all at once
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1); sigaddset(&set, SIGUSR2); sigaddset(&set, SIGHUP); sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR2); raise(SIGTERM); raise(SIGUSR1); raise(SIGHUP); raise(SIGUSR1); raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    show("while blocked");
    pending("4 blocked");
    sigprocmask(SIG_SETMASK, &old, NULL);
    show("after unblock (each handler interrupts the previous one's start)");
    pending("after");

    // a handler that blocks the others in its sa_mask: then they come in order
    sa.sa_handler = h; sa.sa_flags = 0;
    sigfillset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL); sigaction(SIGUSR2, &sa, NULL); sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGTERM); raise(SIGUSR2); raise(SIGHUP); raise(SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    show("with full sa_mask");

    // real-time signals queue, in order, with their values; lower numbers first
    sigemptyset(&set);
    for (int s = 40; s <= 44; s++) sigaddset(&set, s);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int k = 0; k < 3; k++) {
        union sigval v = { .sival_int = 100 + k };
        sigqueue(getpid(), 42, v);
        v.sival_int = 200 + k;
        sigqueue(getpid(), 41, v);
    }
    pending("rt");
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    show("rt delivered");
    printf("values:");
    for (int k = 0; k < nvalues; k++) printf(" %d", values[k]);
    printf("\n");

    // SIGKILL and SIGSTOP cannot be blocked
    sigset_t all, now;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    sigprocmask(SIG_SETMASK, &old, &now);
    printf("full mask has SIGKILL %d SIGSTOP %d SIGUSR1 %d SIGRTMAX %d\n", sigismember(&now, SIGKILL),
           sigismember(&now, SIGSTOP), sigismember(&now, SIGUSR1), sigismember(&now, 64));

    // sigsuspend: waits with a temporary mask, handler runs, old mask back
    sigemptyset(&set); sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigset_t wait;
    sigemptyset(&wait);
    errno = 0;
    int r = sigsuspend(&wait);
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("sigsuspend %d errno %s usr1-blocked-again %d\n", r, errno == EINTR ? "EINTR" : "?", sigismember(&now, SIGUSR1));
    show("sigsuspend");
    sigprocmask(SIG_SETMASK, &old, NULL);

    // sigtimedwait: takes a pending blocked signal without running its handler
    sigemptyset(&set); sigaddset(&set, SIGUSR2); sigaddset(&set, 43);
    sigprocmask(SIG_BLOCK, &set, &old);
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), 43, v);
    raise(SIGUSR2);
    siginfo_t si;
    struct timespec zero = { 0, 0 }, short_wait = { 0, 20 * 1000 * 1000 };
    int s1 = sigtimedwait(&set, &si, &zero);
    printf("sigtimedwait -> %d code %d\n", s1, si.si_code);
    int s2 = sigwaitinfo(&set, &si);
    printf("sigwaitinfo -> %d code %d value %d\n", s2, si.si_code, si.si_value.sival_int);
    errno = 0;
    int s3 = sigtimedwait(&set, &si, &zero);
    printf("empty, zero timeout -> %d %s\n", s3, errno == EAGAIN ? "EAGAIN" : "?");
    errno = 0;
    s3 = sigtimedwait(&set, &si, &short_wait);
    printf("empty, 20ms timeout -> %d %s\n", s3, errno == EAGAIN ? "EAGAIN" : "?");
    show("no handlers ran");
    sigprocmask(SIG_SETMASK, &old, NULL);

    // argument checks (raw syscalls)
    unsigned long ks[4] = { 0 }, mask = 0;
    printf("rt_sigaction SIGKILL set %ld, query %ld, sig 0 %ld, sig 65 %ld, sigsetsize 4 %ld\n",
           syscall(SYS_rt_sigaction, SIGKILL, ks, NULL, 8) == -1 ? (long)errno : 0L,
           syscall(SYS_rt_sigaction, SIGKILL, NULL, ks, 8) == -1 ? (long)errno : 0L,
           syscall(SYS_rt_sigaction, 0, NULL, ks, 8) == -1 ? (long)errno : 0L,
           syscall(SYS_rt_sigaction, 65, NULL, ks, 8) == -1 ? (long)errno : 0L,
           syscall(SYS_rt_sigaction, SIGUSR1, NULL, ks, 4) == -1 ? (long)errno : 0L);
    ks[0] = (unsigned long)SIG_IGN; ks[1] = 0x400 | 0x20 | SA_RESTART | SA_NODEFER; ks[3] = ~0UL;
    syscall(SYS_rt_sigaction, SIGWINCH, ks, NULL, 8);
    syscall(SYS_rt_sigaction, SIGWINCH, NULL, ks, 8);
    printf("flags kept %#lx mask kept %#lx\n", ks[1], ks[3]);
    printf("rt_sigprocmask bad how %ld, sigsetsize 16 %ld, bad pointer %ld\n",
           syscall(SYS_rt_sigprocmask, 7, &mask, NULL, 8) == -1 ? (long)errno : 0L,
           syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, NULL, 16) == -1 ? (long)errno : 0L,
           syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)8, NULL, 8) == -1 ? (long)errno : 0L);
    printf("bad how with NULL set %ld\n", syscall(SYS_rt_sigprocmask, 7, NULL, &mask, 8) == -1 ? (long)errno : 0L);
    printf("kill sig 65 %ld, kill pid INT_MIN %ld, tgkill tid 0 %ld, kill sig 0 %ld\n",
           syscall(SYS_kill, getpid(), 65) == -1 ? (long)errno : 0L,
           syscall(SYS_kill, -2147483648L, 0) == -1 ? (long)errno : 0L,
           syscall(SYS_tgkill, getpid(), 0, SIGUSR1) == -1 ? (long)errno : 0L,
           syscall(SYS_kill, getpid(), 0) == -1 ? (long)errno : 0L);

    // a handler can change the mask that sigreturn restores
    sa.sa_sigaction = edit_mask;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("mask edited in the handler: usr2 %d hup %d\n", sigismember(&now, SIGUSR2), sigismember(&now, SIGHUP));
    sigemptyset(&now);
    sigprocmask(SIG_SETMASK, &now, NULL);

    // sigtimedwait interrupted by a caught signal that it does not wait for
    sa.sa_handler = h; sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    sigemptyset(&set); sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec brief = { 0, 200000000 };
    errno = 0;
    // (libcs retry after EINTR: the raw syscall shows it)
    long s4 = syscall(SYS_rt_sigtimedwait, &set, &si, &brief, 8);
    int e4 = errno;
    printf("rt_sigtimedwait interrupted: %ld %s\n", s4, strerror(e4));
    show("interrupting handler");
    sigprocmask(SIG_SETMASK, &old, NULL);

    // other processes: the parent exists, a huge pid does not, kill(-1) spares the caller
    printf("kill(parent, 0) %ld, kill(1<<30, 0) %ld\n", syscall(SYS_kill, getppid(), 0) == -1 ? (long)errno : 0L,
           syscall(SYS_kill, 1 << 30, 0) == -1 ? (long)errno : 0L);

    // setting SIG_IGN discards a pending blocked signal; ignored signals are dropped at once
    sigemptyset(&set); sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    pending("usr1");
    signal(SIGUSR1, SIG_IGN);
    pending("after SIG_IGN");
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGCHLD, SIG_DFL);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGCHLD);
    pending("SIGCHLD (default ignored, unblocked)");
    show("end");
    return 0;
}
