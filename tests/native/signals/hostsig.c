// Signals from outside: `hostsig MODE SIG` writes "ready" and then waits (in a
// sleep, a busy loop, pause, sigwaitinfo ...) for the parent to send SIG.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void on_sig(int sig) { got = sig; }
static void say(const char *s) { write(1, s, strlen(s)); }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    const char *m = argv[1];
    int sig = atoi(argv[2]);
    char buf[128];
    if (strstr(m, "handler")) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sig;
        sigaction(sig, &sa, NULL);
    }
    if (strstr(m, "ignore")) signal(sig, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    if (strstr(m, "block") || strstr(m, "sigwait")) sigprocmask(SIG_BLOCK, &set, NULL);
    say("ready\n");
    if (strstr(m, "sleep")) {
        struct timespec t = { 20, 0 };
        int r = nanosleep(&t, &t);
        snprintf(buf, sizeof buf, "nanosleep %d %s got %d\n", r, r ? strerror(errno) : "", (int)got);
        say(buf);
    } else if (strstr(m, "spin")) {
        double end = now() + 20;
        while (!got && now() < end) { }
        snprintf(buf, sizeof buf, "spin ended, got %d\n", (int)got);
        say(buf);
    } else if (strstr(m, "pause")) {
        int r = pause();
        snprintf(buf, sizeof buf, "pause %d %s got %d\n", r, strerror(errno), (int)got);
        say(buf);
    } else if (strstr(m, "read")) {
        char c;
        long r = read(0, &c, 1);
        snprintf(buf, sizeof buf, "read %ld %s got %d\n", r, r < 0 ? strerror(errno) : "", (int)got);
        say(buf);
    } else if (strstr(m, "sigwait")) {
        siginfo_t si;
        int r = sigwaitinfo(&set, &si);
        snprintf(buf, sizeof buf, "sigwaitinfo %d\n", r);
        say(buf);
    } else if (strstr(m, "short")) {
        // the parent signals us at once; wait 0.3 s and see what is pending
        struct timespec t = { 0, 300000000 };
        while (nanosleep(&t, &t) != 0) { }
        sigset_t p;
        sigpending(&p);
        snprintf(buf, sizeof buf, "after 0.3s: pending %d got %d\n", sigismember(&p, sig), (int)got);
        say(buf);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        say("unblocked\n");
    }
    return 0;
}
