// Signals and waits: poll, select, ppoll and pselect end with EINTR when a handler
// runs (even with SA_RESTART), in-process pipes and pipes shared with a child, and
// signals from a timer or from another process; ppoll's and pselect's masks (a
// pending signal they unblock interrupts at once, a handler runs with their mask,
// the old mask is back afterwards, a signal they block waits). Timers repeat until
// the call returns, so a signal that comes before the call is entered (a busy host)
// cannot leave it waiting forever; counts are shown as "at least one".
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int alarms, usr1, usr2_blocked_in_handler;

static void on_alarm(int s) { (void)s; alarms++; }
static void on_usr1(int s) {
    (void)s;
    usr1++;
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    usr2_blocked_in_handler = sigismember(&cur, SIGUSR2);
}

static void arm(int ms) {
    alarms = 0;
    struct itimerval it = { { 0, ms * 1000 }, { 0, ms * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}
static void disarm(void) {
    struct itimerval it = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void report(const char *what, int r) {
    int e = errno;
    disarm();
    printf("%s: %d %s, alarm handled %d usr1 handled %d\n", what, r, r < 0 ? strerror(e) : "", alarms > 0, usr1 > 0);
    alarms = 0;
    usr1 = 0;
}

static int blocked(int sig) {
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}
static int pending(int sig) {
    sigset_t p;
    sigpending(&p);
    return sigismember(&p, sig);
}

static int rc;

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa = { 0 };
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    int p[2];
    pipe(p);
    struct pollfd pf = { p[0], POLLIN, 0 };
    fd_set r;

    arm(50);
    report("poll, in-process pipe", poll(&pf, 1, -1));
    arm(50);
    report("poll, no fds", poll(NULL, 0, -1));
    arm(50);
    FD_ZERO(&r); FD_SET(p[0], &r);
    report("select", select(p[0] + 1, &r, NULL, NULL, NULL));
    printf("set untouched by EINTR: %d\n", FD_ISSET(p[0], &r));
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    arm(50);
    report("poll with SA_RESTART", poll(&pf, 1, 5000));
    arm(50);
    struct timespec ts = { 5, 0 };
    report("ppoll with SA_RESTART", ppoll(&pf, 1, &ts, NULL));
    arm(50);
    FD_ZERO(&r); FD_SET(p[0], &r);
    report("pselect with SA_RESTART", pselect(p[0] + 1, &r, NULL, NULL, NULL, NULL));

    /* masks */
    sigset_t usr1set, none, with_usr2;
    sigemptyset(&usr1set); sigaddset(&usr1set, SIGUSR1);
    sigemptyset(&none);
    sigemptyset(&with_usr2); sigaddset(&with_usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr1set, NULL);
    raise(SIGUSR1);
    printf("usr1 pending %d blocked %d\n", pending(SIGUSR1), blocked(SIGUSR1));
    ts = (struct timespec){ 5, 0 };
    report("ppoll unblocking a pending signal", ppoll(&pf, 1, &ts, &with_usr2));
    printf("usr2 blocked in the handler %d, after: usr1 blocked %d usr2 blocked %d\n", usr2_blocked_in_handler,
           blocked(SIGUSR1), blocked(SIGUSR2));
    raise(SIGUSR1);
    ts = (struct timespec){ 0, 0 };
    report("ppoll, zero timeout, pending signal", ppoll(&pf, 1, &ts, &none));
    raise(SIGUSR1);
    write(p[1], "x", 1);
    report("ppoll, ready fd, pending signal", ppoll(&pf, 1, &ts, &none));
    printf("usr1 still pending %d\n", pending(SIGUSR1));
    FD_ZERO(&r); FD_SET(p[0], &r);
    report("pselect, ready fd, pending signal", pselect(p[0] + 1, &r, NULL, NULL, NULL, &none));
    char c;
    read(p[0], &c, 1);
    FD_ZERO(&r); FD_SET(p[0], &r);
    report("pselect unblocking a pending signal", pselect(p[0] + 1, &r, NULL, NULL, NULL, &none));
    printf("usr1 blocked again %d\n", blocked(SIGUSR1));
    sigset_t alrm;
    sigemptyset(&alrm); sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    arm(20);
    ts = (struct timespec){ 0, 150000000 };
    rc = ppoll(&pf, 1, &ts, &alrm);
    printf("ppoll blocking SIGALRM: %d, pending afterwards %d\n", rc, pending(SIGALRM));
    disarm();
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
    printf("handled once unblocked: %d\n", alarms > 0);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    arm(20);
    struct timespec ts2 = { 0, 150000000 };
    FD_ZERO(&r); FD_SET(p[0], &r);
    rc = pselect(p[0] + 1, &r, NULL, NULL, &ts2, &alrm);
    printf("pselect blocking SIGALRM: %d, pending afterwards %d\n", rc, pending(SIGALRM));
    disarm();
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
    printf("handled once unblocked: %d\n", alarms > 0);
    alarms = 0;
    sigprocmask(SIG_UNBLOCK, &usr1set, NULL);

    /* a pipe shared with a child: the wait is in the host */
    int g[2];
    pipe(g);
    pid_t pid = fork();
    if (pid == 0) {
        close(g[1]);
        read(g[0], &c, 1);
        /* until the parent says it was interrupted */
        fcntl(g[0], F_SETFL, O_NONBLOCK);
        while (read(g[0], &c, 1) != 1) { kill(getppid(), SIGUSR1); usleep(50000); }
        _exit(0);
    }
    close(g[0]);
    arm(50);
    report("poll, pipe shared with a child", poll(&pf, 1, -1));
    arm(50);
    FD_ZERO(&r); FD_SET(p[0], &r);
    report("select, pipe shared with a child", select(p[0] + 1, &r, NULL, NULL, NULL));
    write(g[1], "g", 1);
    report("poll, signal from the child", poll(&pf, 1, -1));
    write(g[1], "g", 1);
    waitpid(pid, NULL, 0);
    return 0;
}
