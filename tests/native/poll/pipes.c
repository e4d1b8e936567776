// poll and select on pipes inside one process: readiness of both ends, POLLHUP
// and POLLERR when the other side is gone, POLLNVAL, negative fds, events = 0,
// full pipes, select's sets, limits and errors, and the raw select and pselect6
// system calls (the kernel writes the time left back; checked loosely, a busy
// host may take a while between the calls).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static void show(const char *what, int r, struct pollfd *pf, int n) {
    printf("%s: %d", what, r);
    if (r < 0) printf(" (%s)", strerror(errno));
    for (int k = 0; k < n; k++) printf(" [fd %d ev %#x rev %#x]", pf[k].fd, pf[k].events, pf[k].revents);
    printf("\n");
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    int p[2];
    pipe(p);
    struct pollfd pf[4];
    pf[0] = (struct pollfd){ p[0], POLLIN | POLLOUT | POLLPRI, 0x55 };
    pf[1] = (struct pollfd){ p[1], POLLIN | POLLOUT | POLLWRNORM, 0x55 };
    show("empty", poll(pf, 2, 0), pf, 2);
    write(p[1], "abc", 3);
    show("data", poll(pf, 2, 0), pf, 2);
    pf[0].events = POLLRDNORM;
    show("rdnorm", poll(pf, 1, 10), pf, 1);
    pf[0].events = 0;
    show("no events", poll(pf, 1, 0), pf, 1);
    /* negative fds are skipped, closed ones are POLLNVAL */
    pf[0] = (struct pollfd){ -1, POLLIN, 0x55 };
    pf[1] = (struct pollfd){ 77, POLLIN, 0x55 };
    pf[2] = (struct pollfd){ p[0], POLLIN, 0x55 };
    pf[3] = (struct pollfd){ -5, 0, 0x55 };
    show("nval", poll(pf, 4, -1), pf, 4);
    /* the writer goes: data and hangup, then only hangup */
    int w2 = dup(p[1]);
    close(p[1]);
    pf[0] = (struct pollfd){ p[0], POLLIN, 0 };
    show("one writer left", poll(pf, 1, 0), pf, 1);
    close(w2);
    show("writers gone, data left", poll(pf, 1, 0), pf, 1);
    char buf[70000];
    read(p[0], buf, sizeof buf);
    show("writers gone, empty", poll(pf, 1, 1000), pf, 1);
    pf[0].events = 0;
    show("hangup with no events", poll(pf, 1, 0), pf, 1);
    close(p[0]);

    /* a full pipe is not writable; a pipe without readers is an error */
    pipe(p);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    memset(buf, 'x', sizeof buf);
    long total = 0;
    ssize_t n;
    while ((n = write(p[1], buf, 4096)) > 0) total += n;
    pf[0] = (struct pollfd){ p[1], POLLOUT, 0 };
    show("full", poll(pf, 1, 20), pf, 1);
    read(p[0], buf, 4096);
    show("one page free", poll(pf, 1, 0), pf, 1);
    while (read(p[0], buf, sizeof buf) == sizeof buf) {}
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    while (read(p[0], buf, sizeof buf) > 0) {}
    close(p[0]);
    show("readers gone", poll(pf, 1, 0), pf, 1);
    pf[0].events = POLLIN;
    show("readers gone, POLLIN asked", poll(pf, 1, 0), pf, 1);
    close(p[1]);

    /* errors */
    int rc;
#define ERR(label, call) do { errno = 0; rc = (call); printf("%s: %d %s\n", label, rc, rc < 0 ? strerror(errno) : ""); } while (0)
    ERR("poll bad array", poll((struct pollfd *)8, 1, 0));
    ERR("poll no fds", poll(NULL, 0, 20));
    ERR("poll too many", (int)syscall(SYS_poll, NULL, 1u << 20, 0));
    static const struct pollfd ro[1] = { { 0, 0, 0 } };
    ERR("poll read-only array", poll((struct pollfd *)ro, 1, 0));

    /* select */
    pipe(p);
    fd_set r, w, x;
    FD_ZERO(&r); FD_ZERO(&w); FD_ZERO(&x);
    FD_SET(p[0], &r); FD_SET(p[1], &w); FD_SET(p[0], &x); FD_SET(p[1], &r);
    struct timeval tv = { 0, 0 };
    int sr = select(p[1] + 1, &r, &w, &x, &tv);
    printf("select empty: %d r0 %d r1 %d w1 %d x0 %d\n", sr, FD_ISSET(p[0], &r), FD_ISSET(p[1], &r), FD_ISSET(p[1], &w),
           FD_ISSET(p[0], &x));
    write(p[1], "z", 1);
    FD_ZERO(&r); FD_ZERO(&w);
    FD_SET(p[0], &r); FD_SET(p[1], &w); FD_SET(p[0], &w);
    tv = (struct timeval){ 5, 0 };
    sr = syscall(SYS_select, p[1] + 1, &r, &w, NULL, &tv);
    printf("select data: %d r0 %d w0 %d w1 %d, time left in (4, 5]: %d\n", sr, FD_ISSET(p[0], &r), FD_ISSET(p[0], &w),
           FD_ISSET(p[1], &w), tv.tv_sec == 4 || tv.tv_sec == 5 && tv.tv_usec == 0);
    read(p[0], buf, 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    tv = (struct timeval){ 0, 1030000 / 20 };
    sr = syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv);
    printf("select timeout: %d r0 %d left %ld.%06ld\n", sr, FD_ISSET(p[0], &r), (long)tv.tv_sec, (long)tv.tv_usec);
    /* microseconds beyond a second are normalised; negative ones are invalid */
    FD_ZERO(&r);
    FD_SET(p[1], &w);
    tv = (struct timeval){ 0, 2500000 };
    sr = syscall(SYS_select, p[1] + 1, NULL, &w, NULL, &tv);
    printf("select usec > 1s: %d left in (1.5, 2.5]: %d\n", sr, tv.tv_sec == 2 && tv.tv_usec <= 500000 || tv.tv_sec == 1 && tv.tv_usec > 500000);
    tv = (struct timeval){ 0, -1 };
    ERR("select usec -1", (int)syscall(SYS_select, 1, NULL, NULL, NULL, &tv));
    tv = (struct timeval){ -1, 0 };
    ERR("select sec -1", (int)syscall(SYS_select, 1, NULL, NULL, NULL, &tv));
    ERR("select n -1", (int)syscall(SYS_select, -1, NULL, NULL, NULL, NULL));
    /* a closed descriptor in a set is EBADF, even in the exception set */
    FD_ZERO(&r); FD_ZERO(&x);
    FD_SET(40, &x);
    tv = (struct timeval){ 1, 0 };
    errno = 0;
    sr = syscall(SYS_select, 41, &r, NULL, &x, &tv);
    printf("select closed fd: %d %s, time left written back: %d, set kept %d\n", sr, strerror(errno),
           tv.tv_sec == 0 && tv.tv_usec > 0 || tv.tv_sec == 1, FD_ISSET(40, &x));
    /* bits at or above n are not looked at */
    write(p[1], "y", 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r); FD_SET(40, &r);
    tv = (struct timeval){ 0, 0 };
    sr = syscall(SYS_select, 40, &r, NULL, NULL, &tv);
    printf("select below n only: %d r0 %d 40 %d\n", sr, FD_ISSET(p[0], &r), FD_ISSET(40, &r));
    read(p[0], buf, 1);
    ERR("select bad set", (int)syscall(SYS_select, 3, (void *)8, NULL, NULL, NULL));
    printf("select as a sleep: %d\n", select(0, NULL, NULL, NULL, &(struct timeval){ 0, 20000 }));
    /* pselect6 and ppoll write the time left back too (the libc wrappers hide it) */
    struct timespec ts = { 0, 30000000 };
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    sr = syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, NULL);
    printf("pselect6 timeout: %d left %ld.%09ld\n", sr, (long)ts.tv_sec, ts.tv_nsec);
    ts = (struct timespec){ 0, 1000000000 };
    ERR("pselect6 nsec 1e9", (int)syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, NULL));
    struct { const sigset_t *ss; size_t len; } pack = { NULL, 0 };
    ts = (struct timespec){ 0, 0 };
    printf("pselect6 null mask: %d\n", (int)syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &pack));
    sigset_t ss;
    sigemptyset(&ss);
    pack.ss = &ss; pack.len = 16;
    ERR("pselect6 mask size 16", (int)syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &pack));
    ERR("pselect6 bad pack", (int)syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, (void *)16));
    pf[0] = (struct pollfd){ p[0], POLLIN, 0 };
    ts = (struct timespec){ 0, 25000000 };
    int pr = syscall(SYS_ppoll, pf, 1, &ts, NULL, 8);
    printf("ppoll timeout: %d left %ld.%09ld\n", pr, (long)ts.tv_sec, ts.tv_nsec);
    write(p[1], "q", 1);
    ts = (struct timespec){ 3, 0 };
    pr = syscall(SYS_ppoll, pf, 1, &ts, NULL, 8);
    printf("ppoll ready: %d rev %#x left in (2, 3]: %d\n", pr, pf[0].revents,
           ts.tv_sec == 2 || ts.tv_sec == 3 && ts.tv_nsec == 0);
    ERR("ppoll mask size 4", (int)syscall(SYS_ppoll, pf, 1, &ts, &ss, 4));
    ERR("ppoll bad mask", (int)syscall(SYS_ppoll, pf, 1, &ts, (void *)16, 8));
    ERR("ppoll bad timespec", (int)syscall(SYS_ppoll, pf, 1, (void *)16, NULL, 8));
    ts = (struct timespec){ 0, -1 };
    ERR("ppoll nsec -1", (int)syscall(SYS_ppoll, pf, 1, &ts, NULL, 8));
    /* O_PATH descriptors: POLLNVAL for poll, never ready (but no EBADF) for select */
    int op = open("/", O_PATH);
    pf[0] = (struct pollfd){ op, POLLIN, 0 };
    show("O_PATH poll", poll(pf, 1, 0) , pf, 1);
    FD_ZERO(&r);
    FD_SET(op, &r);
    tv = (struct timeval){ 0, 0 };
    printf("O_PATH select: %d\n", select(op + 1, &r, NULL, NULL, &tv));
    /* regular files and /dev/null are always ready */
    int fd = open("/dev/null", O_RDWR);
    int ff = open("/proc/self/exe", O_RDONLY);
    pf[0] = (struct pollfd){ fd, POLLIN | POLLOUT | POLLPRI, 0 };
    pf[1] = (struct pollfd){ ff, POLLIN | POLLOUT, 0 };
    show("devnull and file", poll(pf, 2, -1), pf, 2);
    return 0;
}
