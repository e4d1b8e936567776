// sa_flags and interrupted system calls: SA_RESETHAND, SA_NODEFER, nested
// handlers, the mask inside a handler; read() on an empty pipe, nanosleep,
// pause, sleep and sigsuspend interrupted by a timer signal, with and without
// SA_RESTART (read restarts, sleeps never do).
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>

static volatile int depth, maxdepth, count;
static char trace[512];
static volatile int ntrace;
static int wfd = -1;

static void note(const char *s) { ntrace += snprintf(trace + ntrace, sizeof trace - ntrace, "%s ", s); }
static void show(const char *what) { printf("%s: %s\n", what, trace); ntrace = 0; trace[0] = 0; }

static void recursive(int sig) {
    count++;
    depth++;
    if (depth > maxdepth) maxdepth = depth;
    if (count < 4) raise(sig);
    depth--;
}

static void once(int sig) {
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    count += 1 + 10 * sigismember(&cur, sig);
}

static void inner(int sig) { (void)sig; note("inner"); }
static void outer(int sig) {
    (void)sig;
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    note(sigismember(&cur, SIGUSR1) ? "outer(usr1-blocked)" : "outer");
    note(sigismember(&cur, SIGHUP) ? "(hup-blocked)" : "(hup-open)");
    raise(SIGUSR2);
    note("outer-end");
}

static void on_alarm(int sig) {
    (void)sig;
    count++;
    if (wfd >= 0) { write(wfd, "x", 1); wfd = -1; }
}

static void set_handler(int sig, void (*fn)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static void arm_ms(int ms) {
    struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);

    // SA_NODEFER: the handler can be re-entered; without it the raise waits
    set_handler(SIGUSR1, recursive, SA_NODEFER);
    count = depth = maxdepth = 0;
    raise(SIGUSR1);
    printf("SA_NODEFER: count %d max depth %d\n", count, maxdepth);
    set_handler(SIGUSR1, recursive, 0);
    count = depth = maxdepth = 0;
    raise(SIGUSR1);
    printf("default: count %d max depth %d\n", count, maxdepth);

    // SA_RESETHAND: one shot
    set_handler(SIGUSR1, once, SA_RESETHAND);
    count = 0;
    raise(SIGUSR1);
    struct sigaction q;
    sigaction(SIGUSR1, NULL, &q);
    printf("SA_RESETHAND: count+10*blocked %d now-default %d flags-kept %d\n", count, q.sa_handler == SIG_DFL,
           (q.sa_flags & SA_RESETHAND) != 0);

    // nested: a handler raising another signal; sa_mask blocks SIGHUP inside
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = outer;
    sigaddset(&sa.sa_mask, SIGHUP);
    sigaction(SIGUSR1, &sa, NULL);
    set_handler(SIGUSR2, inner, 0);
    raise(SIGUSR1);
    show("nested");
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("mask after: usr1 %d hup %d\n", sigismember(&cur, SIGUSR1), sigismember(&cur, SIGHUP));

    // read on an empty pipe, interrupted
    int fds[2];
    char buf[8];
    pipe(fds);
    set_handler(SIGALRM, on_alarm, 0);
    arm_ms(30);
    errno = 0;
    long n = read(fds[0], buf, sizeof buf);
    printf("read without SA_RESTART: %ld %s\n", n, errno == EINTR ? "EINTR" : strerror(errno));

    set_handler(SIGALRM, on_alarm, SA_RESTART);
    wfd = fds[1];
    arm_ms(30);
    errno = 0;
    n = read(fds[0], buf, sizeof buf);
    printf("read with SA_RESTART: %ld (%c) errno %d\n", n, n > 0 ? buf[0] : '-', errno);

    // nanosleep: EINTR and the time left, with or without SA_RESTART
    for (int restart = 0; restart <= 1; restart++) {
        set_handler(SIGALRM, on_alarm, restart ? SA_RESTART : 0);
        arm_ms(50);
        struct timespec req = { 2, 0 }, rem = { 0, 0 };
        errno = 0;
        int r = nanosleep(&req, &rem);
        printf("nanosleep (SA_RESTART %d): %d %s rem in (1.5s, 2s) %d\n", restart, r,
               errno == EINTR ? "EINTR" : "?", rem.tv_sec == 1 && rem.tv_nsec > 500000000);
    }
    // clock_nanosleep returns the error number
    arm_ms(20);
    struct timespec req = { 2, 0 }, rem;
    int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
    printf("clock_nanosleep: %s\n", r == EINTR ? "EINTR" : "?");
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    now.tv_sec += 2;
    arm_ms(20);
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL);
    printf("clock_nanosleep absolute: %s\n", r == EINTR ? "EINTR" : "?");

    // pause and sleep
    arm_ms(20);
    errno = 0;
    r = pause();
    printf("pause: %d %s\n", r, errno == EINTR ? "EINTR" : "?");
    arm_ms(1200);
    unsigned left = sleep(3);
    printf("sleep(3) interrupted after 1.2s: %u left\n", left);

    // an ignored signal does not interrupt a sleep; a blocked one neither
    signal(SIGUSR2, SIG_IGN);
    set_handler(SIGALRM, on_alarm, 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    raise(SIGUSR2);
    struct timespec small = { 0, 30 * 1000 * 1000 };
    r = nanosleep(&small, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("sleep with ignored signal: %d, slept >= 30ms %d\n", r,
           (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec) >= 30000000L);
    return 0;
}
