// Timer signals: alarm() interrupting a busy loop, alarm's return value,
// setitimer/getitimer (ITIMER_REAL periodic, ITIMER_VIRTUAL, ITIMER_PROF),
// POSIX timers (timer_create with SIGEV_SIGNAL and a value, periodic, one-shot,
// timer_gettime, disarm, delete), and a timer signal collected by sigwaitinfo.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>

static volatile sig_atomic_t alarms, vtalrms, profs, rt_count;
static volatile int rt_code, rt_value, rt_signo;

static void on_alarm(int sig) { (void)sig; alarms++; }
static void on_vt(int sig) { (void)sig; vtalrms++; }
static void on_prof(int sig) { (void)sig; profs++; }
static void on_rt(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    rt_signo = sig; rt_code = si->si_code; rt_value = si->si_value.sival_int;
    rt_count++;
}

static void set_handler(int sig, void (*fn)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = SA_RESTART;
    sigaction(sig, &sa, NULL);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    set_handler(SIGALRM, on_alarm);
    set_handler(SIGVTALRM, on_vt);
    set_handler(SIGPROF, on_prof);

    // alarm interrupts a busy loop
    double t0 = now();
    alarm(1);
    unsigned long spins = 0;
    while (!alarms) spins++;
    double dt = now() - t0;
    printf("alarm(1) fired after ~1s: %d (spun %d)\n", dt > 0.9 && dt < 3, spins > 0);

    // alarm returns the seconds left (rounded)
    alarm(10);
    printf("alarm(5) after alarm(10) returns %u\n", alarm(5));
    printf("alarm(0) returns %u\n", alarm(0));
    printf("alarm(0) again returns %u\n", alarm(0));

    // ITIMER_REAL periodic
    struct itimerval it = { { 0, 10000 }, { 0, 20000 } }, got;
    setitimer(ITIMER_REAL, &it, NULL);
    getitimer(ITIMER_REAL, &got);
    printf("getitimer: interval %ld.%06ld value <= 20ms %d\n", (long)got.it_interval.tv_sec, (long)got.it_interval.tv_usec,
           got.it_value.tv_sec == 0 && got.it_value.tv_usec <= 20000 && got.it_value.tv_usec > 0);
    alarms = 0;
    while (alarms < 10) { }
    struct itimerval off = { { 0, 0 }, { 0, 0 } }, old;
    setitimer(ITIMER_REAL, &off, &old);
    printf("10 periodic alarms; old interval %ld.%06ld\n", (long)old.it_interval.tv_sec, (long)old.it_interval.tv_usec);
    getitimer(ITIMER_REAL, &got);
    printf("disarmed: %ld %ld %ld %ld\n", (long)got.it_interval.tv_sec, (long)got.it_interval.tv_usec,
           (long)got.it_value.tv_sec, (long)got.it_value.tv_usec);
    struct itimerval bad = { { 0, 1000000 }, { 0, 0 } };
    errno = 0;
    int r = setitimer(ITIMER_REAL, &bad, NULL);
    printf("usec 1000000: %d %s\n", r, errno == EINVAL ? "EINVAL" : "?");
    errno = 0;
    r = setitimer(7, &it, NULL);
    printf("which 7: %d %s\n", r, errno == EINVAL ? "EINVAL" : "?");

    // CPU-time timers fire in a busy loop
    struct itimerval vt = { { 0, 0 }, { 0, 50000 } };
    setitimer(ITIMER_VIRTUAL, &vt, NULL);
    while (!vtalrms) { }
    setitimer(ITIMER_PROF, &vt, NULL);
    while (!profs) { }
    printf("SIGVTALRM %d SIGPROF %d\n", (int)vtalrms, (int)profs);

    // POSIX timers
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGRTMIN, &sa, NULL);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN;
    sev.sigev_value.sival_int = 1234;
    timer_t tid;
    r = timer_create(CLOCK_MONOTONIC, &sev, &tid);
    printf("timer_create: %d\n", r);
    struct itimerspec its = { { 0, 5000000 }, { 0, 10000000 } }, cur;
    timer_settime(tid, 0, &its, NULL);
    timer_gettime(tid, &cur);
    printf("timer_gettime: interval %ld.%09ld value <= 10ms %d\n", (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 10000000 && cur.it_value.tv_nsec > 0);
    while (rt_count < 5) { }
    memset(&its, 0, sizeof its);
    timer_settime(tid, 0, &its, &cur);
    printf("5 timer signals: signo-offset %d code %s value %d; old interval %ld.%09ld\n", rt_signo - SIGRTMIN,
           rt_code == SI_TIMER ? "SI_TIMER" : "?", rt_value, (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    timer_gettime(tid, &cur);
    printf("disarmed: %ld %ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);

    // one-shot, absolute time on CLOCK_REALTIME, collected by sigwaitinfo while blocked
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    rt.tv_nsec += 20000000;
    if (rt.tv_nsec >= 1000000000) { rt.tv_sec++; rt.tv_nsec -= 1000000000; }
    timer_t t2;
    sev.sigev_value.sival_int = 99;
    timer_create(CLOCK_REALTIME, &sev, &t2);
    struct itimerspec abs = { { 0, 0 }, rt };
    timer_settime(t2, TIMER_ABSTIME, &abs, NULL);
    siginfo_t si;
    int s = sigwaitinfo(&set, &si);
    printf("sigwaitinfo: offset %d code %s value %d overrun %d\n", s - SIGRTMIN, si.si_code == SI_TIMER ? "SI_TIMER" : "?",
           si.si_value.sival_int, si.si_overrun);
    printf("timer_delete: %d %d\n", timer_delete(tid), timer_delete(t2));
    errno = 0;
    r = timer_settime(tid, 0, &its, NULL);
    printf("deleted timer: %d %s\n", r, errno == EINVAL ? "EINVAL" : "?");

    // a fast periodic timer whose signal stays blocked: the expirations become overruns
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sev.sigev_signo = SIGRTMIN + 1;
    sev.sigev_value.sival_int = 5;
    timer_t t4;
    timer_create(CLOCK_MONOTONIC, &sev, &t4);
    struct itimerspec fast = { { 0, 1000000 }, { 0, 1000000 } };
    timer_settime(t4, 0, &fast, NULL);
    struct timespec fifty = { 0, 50000000 };
    nanosleep(&fifty, NULL);
    s = sigwaitinfo(&set, &si);
    int ov = timer_getoverrun(t4);
    printf("blocked periodic timer: offset %d overrun > 10 %d, getoverrun same %d\n", s - SIGRTMIN, si.si_overrun > 10,
           ov == si.si_overrun);
    timer_delete(t4);

    // no sigevent: SIGALRM
    timer_t t3;
    timer_create(CLOCK_MONOTONIC, NULL, &t3);
    alarms = 0;
    struct itimerspec once = { { 0, 0 }, { 0, 1000000 } };
    timer_settime(t3, 0, &once, NULL);
    while (!alarms) { }
    printf("default sigevent sends SIGALRM: %d\n", (int)alarms);
    return 0;
}
