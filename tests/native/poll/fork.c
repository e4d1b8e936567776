// poll and select on pipes shared with forked children (host FIFOs under x64vm):
// waiting for data, POLLHUP when the last writer exits, POLLOUT when a child
// drains a full pipe, POLLERR when the reader exits, and several pipes at once.
// The children wait for a go-ahead on a second pipe, so every step is ordered.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, int r, struct pollfd *pf, int n) {
    printf("%s: %d", what, r);
    if (r < 0) printf(" (%s)", strerror(errno));
    for (int k = 0; k < n; k++) printf(" [rev %#x]", pf[k].revents);
    printf("\n");
}

static void wait_go(int fd) { char b; if (read(fd, &b, 1) != 1) _exit(9); }
static void go(int fd) { write(fd, "g", 1); }

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);
    int p[2], g[2];
    pipe(p);
    pipe(g);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]); close(g[1]);
        wait_go(g[0]);
        usleep(100000);
        write(p[1], "hello", 5);
        wait_go(g[0]);
        usleep(100000);
        write(p[1], "!", 1);
        wait_go(g[0]);
        _exit(0);
    }
    close(p[1]); close(g[0]);
    struct pollfd pf = { p[0], POLLIN, 0 };
    show("before the child writes", poll(&pf, 1, 0), &pf, 1);
    show("still nothing after 30 ms", poll(&pf, 1, 30), &pf, 1);
    go(g[1]);
    show("wait for data", poll(&pf, 1, -1), &pf, 1);
    char buf[100000];
    printf("read %zd\n", read(p[0], buf, sizeof buf));
    show("drained", poll(&pf, 1, 20), &pf, 1);
    go(g[1]);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    int sr = select(p[0] + 1, &r, NULL, NULL, NULL);
    printf("select waits: %d %d\n", sr, FD_ISSET(p[0], &r));
    printf("read %zd\n", read(p[0], buf, sizeof buf));
    go(g[1]);
    show("last writer gone", poll(&pf, 1, -1), &pf, 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    sr = select(p[0] + 1, &r, NULL, NULL, NULL);
    printf("select at EOF: %d %d\n", sr, FD_ISSET(p[0], &r));
    printf("read at EOF %zd\n", read(p[0], buf, sizeof buf));
    waitpid(pid, NULL, 0);
    close(p[0]); close(g[1]);

    /* the parent fills the pipe, a child drains it, then exits */
    pipe(p);
    pipe(g);
    pid = fork();
    if (pid == 0) {
        close(p[1]); close(g[1]);
        wait_go(g[0]);
        ssize_t n;
        long total = 0;
        fcntl(p[0], F_SETFL, O_NONBLOCK);
        while ((n = read(p[0], buf, sizeof buf)) > 0) total += n;
        wait_go(g[0]);
        _exit(total > 0 ? 0 : 1);
    }
    close(p[0]); close(g[0]);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    memset(buf, 'w', sizeof buf);
    while (write(p[1], buf, 4096) > 0) {}
    pf = (struct pollfd){ p[1], POLLOUT, 0 };
    show("full", poll(&pf, 1, 0), &pf, 1);
    go(g[1]);
    show("drained by the child", poll(&pf, 1, -1), &pf, 1);
    fd_set w;
    FD_ZERO(&w);
    FD_SET(p[1], &w);
    sr = select(p[1] + 1, NULL, &w, NULL, NULL);
    printf("select writable: %d %d\n", sr, FD_ISSET(p[1], &w));
    go(g[1]);
    int st;
    waitpid(pid, &st, 0);
    printf("child status %d\n", WEXITSTATUS(st));
    show("reader gone", poll(&pf, 1, -1), &pf, 1);
    errno = 0;
    ssize_t wr = write(p[1], "x", 1);
    printf("write: %zd %s\n", wr, strerror(errno));
    close(p[1]); close(g[1]);

    /* two children, two pipes: the second child writes first */
    int a[2], b[2], ga[2];
    pipe(a); pipe(b); pipe(ga);
    pid_t pa = fork();
    if (pa == 0) { close(a[0]); close(b[0]); close(b[1]); close(ga[1]); wait_go(ga[0]); write(a[1], "A", 1); _exit(0); }
    pid_t pb = fork();
    if (pb == 0) { close(a[0]); close(a[1]); close(b[0]); close(ga[1]); close(ga[0]); usleep(100000); write(b[1], "B", 1); _exit(0); }
    close(a[1]); close(b[1]); close(ga[0]);
    struct pollfd two[2] = { { a[0], POLLIN, 0 }, { b[0], POLLIN, 0 } };
    for (int round = 0; round < 6; round++) {
        int n = poll(two, 2, -1);
        /* x64vm cannot see a hangup while data is left in a pipe shared with another process */
        for (int k = 0; k < 2; k++) if (two[k].revents & POLLIN) two[k].revents &= ~POLLHUP;
        printf("two pipes: %d [%#x %#x]", n, two[0].revents, two[1].revents);
        for (int k = 0; k < 2; k++) {
            if (two[k].revents & POLLIN) { char ch; printf(" read %zd", read(two[k].fd, &ch, 1)); }
            else if (two[k].revents & POLLHUP) {
                printf(" %c closed", 'a' + k);
                two[k].fd = -1;
                if (k == 1) go(ga[1]);
            }
        }
        printf("\n");
        if (two[0].fd < 0 && two[1].fd < 0) break;
    }
    waitpid(pa, NULL, 0);
    waitpid(pb, NULL, 0);
    return 0;
}
