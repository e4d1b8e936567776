// epoll: creation flags and errors, epoll_ctl's errors (EEXIST, ENOENT, EPERM for a
// regular file, EINVAL), level- and edge-triggered pipes, EPOLLONESHOT and
// re-arming, maxevents taking turns, hangup and error, a closed dup'ed fd staying
// in the set, epoll fds in poll, timeouts, EINTR and epoll_pwait's mask, and a pipe
// shared with a forked child.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int rc;
#define ERR(label, call) do { errno = 0; rc = (call); printf("%s: %d %s\n", label, rc, rc < 0 ? strerror(errno) : ""); } while (0)

static void wait_show(const char *what, int ep, int max, int timeout) {
    struct epoll_event ev[8];
    memset(ev, 0, sizeof ev);
    errno = 0;
    int n = epoll_wait(ep, ev, max, timeout);
    printf("%s: %d", what, n);
    if (n < 0) printf(" %s", strerror(errno));
    for (int k = 0; k < n; k++) printf(" [%#x data %llu]", ev[k].events, (unsigned long long)ev[k].data.u64);
    printf("\n");
}

static void on_alarm(int s) { (void)s; }

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("cloexec %d\n", !!(fcntl(ep, F_GETFD) & FD_CLOEXEC));
    ERR("epoll_create1 bad flags", epoll_create1(1));
    ERR("epoll_create 0", (int)syscall(SYS_epoll_create, 0));
    int ep2 = (int)syscall(SYS_epoll_create, 5);
    printf("epoll_create 5 ok %d\n", ep2 >= 0);
    int a[2], b[2];
    pipe(a);
    pipe(b);
    struct epoll_event e = { EPOLLIN, { .u64 = 1 } };
    ERR("add a", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &e));
    ERR("add a again", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &e));
    ERR("mod missing", epoll_ctl(ep, EPOLL_CTL_MOD, b[0], &e));
    ERR("del missing", epoll_ctl(ep, EPOLL_CTL_DEL, b[0], NULL));
    ERR("bad op", epoll_ctl(ep, 7, a[0], &e));
    ERR("closed fd", epoll_ctl(ep, EPOLL_CTL_ADD, 99, &e));
    ERR("not an epoll", epoll_ctl(a[0], EPOLL_CTL_ADD, b[0], &e));
    ERR("itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &e));
    int file = open("/proc/self/exe", O_RDONLY);
    ERR("regular file", epoll_ctl(ep, EPOLL_CTL_ADD, file, &e));
    int null = open("/dev/null", O_RDONLY);
    ERR("/dev/null", epoll_ctl(ep, EPOLL_CTL_ADD, null, &e));
    ERR("bad event pointer", epoll_ctl(ep, EPOLL_CTL_ADD, b[0], (void *)8));
    ERR("del ignores the event pointer", epoll_ctl(ep, EPOLL_CTL_DEL, a[0], (void *)8));
    e.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDNORM;
    ERR("exclusive with other bits", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &e));
    e.events = EPOLLIN | EPOLLEXCLUSIVE;
    ERR("exclusive", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &e));
    ERR("mod exclusive", epoll_ctl(ep, EPOLL_CTL_MOD, a[0], &e));
    epoll_ctl(ep, EPOLL_CTL_DEL, a[0], NULL);
    struct epoll_event ev[4];
    ERR("wait maxevents 0", epoll_wait(ep, ev, 0, 0));
    ERR("wait bad fd", epoll_wait(99, ev, 4, 0));
    ERR("wait not epoll", epoll_wait(a[0], ev, 4, 0));

    /* level-triggered */
    e = (struct epoll_event){ EPOLLIN, { .u64 = 10 } };
    epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &e);
    e = (struct epoll_event){ EPOLLIN | EPOLLOUT, { .u64 = 11 } };
    epoll_ctl(ep, EPOLL_CTL_ADD, a[1], &e);
    e = (struct epoll_event){ EPOLLIN, { .u64 = 20 } };
    epoll_ctl(ep, EPOLL_CTL_ADD, b[0], &e);
    wait_show("only a writable", ep, 8, 0);
    write(a[1], "x", 1);
    write(b[1], "y", 1);
    wait_show("all", ep, 8, -1);
    wait_show("again (level)", ep, 8, 0);
    wait_show("one at a time 1", ep, 1, 0);
    wait_show("one at a time 2", ep, 1, 0);
    wait_show("one at a time 3", ep, 1, 0);
    wait_show("one at a time 4", ep, 1, 0);
    struct pollfd pf = { ep, POLLIN, 0 };
    rc = poll(&pf, 1, 0);
    printf("poll on the epoll fd: %d %#x\n", rc, pf.revents);
    char c;
    read(a[0], &c, 1);
    read(b[0], &c, 1);
    epoll_ctl(ep, EPOLL_CTL_DEL, a[1], NULL);
    rc = poll(&pf, 1, 0);
    printf("poll on the idle epoll fd: %d %#x\n", rc, pf.revents);
    wait_show("timeout", ep, 8, 30);

    /* edge-triggered and one-shot */
    e = (struct epoll_event){ EPOLLIN | EPOLLET, { .u64 = 30 } };
    epoll_ctl(ep, EPOLL_CTL_MOD, a[0], &e);
    e = (struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .u64 = 40 } };
    epoll_ctl(ep, EPOLL_CTL_MOD, b[0], &e);
    write(a[1], "12", 2);
    write(b[1], "34", 2);
    wait_show("edge and oneshot", ep, 8, 0);
    wait_show("nothing new", ep, 8, 0);
    char buf[16];
    read(a[0], buf, sizeof buf);
    write(a[1], "5", 1);
    wait_show("a new edge", ep, 8, 0);
    write(a[1], "6", 1);
    wait_show("more data, still readable: an edge", ep, 8, 0);
    wait_show("and then nothing", ep, 8, 0);
    e = (struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .u64 = 41 } };
    epoll_ctl(ep, EPOLL_CTL_MOD, b[0], &e);
    wait_show("oneshot re-armed", ep, 8, 0);
    read(a[0], buf, sizeof buf);
    read(b[0], buf, sizeof buf);

    /* hangup, error, a closed descriptor whose file lives on */
    e = (struct epoll_event){ EPOLLIN, { .u64 = 50 } };
    epoll_ctl(ep, EPOLL_CTL_MOD, a[0], &e);
    epoll_ctl(ep, EPOLL_CTL_DEL, b[0], NULL);
    close(a[1]);
    wait_show("writer gone", ep, 8, -1);
    int d = dup(b[1]);
    e = (struct epoll_event){ EPOLLOUT, { .u64 = 60 } };
    epoll_ctl(ep, EPOLL_CTL_ADD, d, &e);
    close(d);
    close(b[0]);
    wait_show("reader gone, fd closed but its file open", ep, 8, 0);
    close(b[1]);
    wait_show("file closed", ep, 8, 0);
    close(a[0]);
    wait_show("all closed", ep, 8, 20);

    /* signals: EINTR even with SA_RESTART; epoll_pwait's mask */
    struct sigaction sa = { 0 };
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    /* the timer repeats until the call returns: a busy host may deliver the first one before it */
    struct itimerval it = { { 0, 50000 }, { 0, 50000 } }, off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &it, NULL);
    wait_show("interrupted", ep, 8, -1);
    setitimer(ITIMER_REAL, &off, NULL);
    sigset_t alrm;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    setitimer(ITIMER_REAL, &it, NULL);
    errno = 0;
    int n = epoll_pwait(ep, ev, 4, 150, &alrm);
    printf("epoll_pwait blocking SIGALRM: %d %s\n", n, n < 0 ? strerror(errno) : "");
    setitimer(ITIMER_REAL, &off, NULL);
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
    ERR("epoll_pwait mask size", (int)syscall(SYS_epoll_pwait, ep, ev, 4, 0, &alrm, 4));

    /* a pipe shared with a child */
    int p[2], g[2];
    pipe(p);
    pipe(g);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]); close(g[1]);
        read(g[0], &c, 1);
        write(p[1], "child", 5);
        read(g[0], &c, 1);
        _exit(0);
    }
    close(p[1]); close(g[0]);
    e = (struct epoll_event){ EPOLLIN, { .u64 = 70 } };
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e);
    wait_show("child not yet", ep, 8, 20);
    write(g[1], "g", 1);
    wait_show("child wrote", ep, 8, -1);
    printf("read %zd\n", read(p[0], buf, sizeof buf));
    write(g[1], "g", 1);
    wait_show("child gone", ep, 8, -1);
    waitpid(pid, NULL, 0);
    return 0;
}
