// Pipes and descriptors in one process: pipe2, dup/dup2/dup3, fcntl flags,
// O_NONBLOCK with EAGAIN, poll and select readiness, writev/readv, a pipe
// filled to capacity, and EPIPE/SIGPIPE when the reader is gone.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/uio.h>

int main(void) {
    int p[2];
    if (pipe2(p, O_CLOEXEC)) { perror("pipe2"); return 1; }
    printf("cloexec %d %d\n", !!(fcntl(p[0], F_GETFD) & FD_CLOEXEC), !!(fcntl(p[1], F_GETFD) & FD_CLOEXEC));
    struct pollfd pf = { p[0], POLLIN, 0 };
    printf("poll empty: %d\n", poll(&pf, 1, 0));
    write(p[1], "hello", 5);
    pf.revents = 0;
    int pr = poll(&pf, 1, 0);
    printf("poll after write: %d revents POLLIN %d\n", pr, !!(pf.revents & POLLIN));
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval tv = { 0, 0 };
    int sr = select(p[0] + 1, &rs, NULL, NULL, &tv);
    printf("select: %d isset %d\n", sr, FD_ISSET(p[0], &rs));
    char buf[65536];
    printf("read %zd\n", read(p[0], buf, sizeof buf));

    fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
    errno = 0;
    ssize_t r = read(p[0], buf, 10);
    printf("nonblocking empty read %zd %s\n", r, errno == EAGAIN ? "EAGAIN" : strerror(errno));
    printf("O_NONBLOCK set %d, access mode rdonly %d\n", !!(fcntl(p[0], F_GETFL) & O_NONBLOCK),
           (fcntl(p[0], F_GETFL) & O_ACCMODE) == O_RDONLY);

    /* fill the pipe */
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    memset(buf, 'p', sizeof buf);
    long total = 0;
    for (;;) {
        r = write(p[1], buf, 4096);
        if (r < 0) break;
        total += r;
    }
    printf("pipe filled (capacity multiple of 4096: %d, >= 4096: %d) then %s\n", total % 4096 == 0, total >= 4096,
           errno == EAGAIN ? "EAGAIN" : strerror(errno));
    long drained = 0;
    while ((r = read(p[0], buf, sizeof buf)) > 0) drained += r;
    printf("drained equals filled: %d\n", drained == total);

    /* dup family */
    int d = dup(p[1]);
    int d2 = dup2(p[1], 50);
    int d3 = dup3(p[1], 51, O_CLOEXEC);
    printf("dup2 -> %d dup3 -> %d dup cloexec %d dup3 cloexec %d\n", d2, d3, !!(fcntl(d, F_GETFD) & FD_CLOEXEC),
           !!(fcntl(d3, F_GETFD) & FD_CLOEXEC));
    int low = fcntl(p[1], F_DUPFD, 40);
    printf("F_DUPFD >= 40: %d\n", low >= 40);
    struct iovec iov[3] = { { "one ", 4 }, { "two ", 4 }, { "three", 5 } };
    printf("writev %zd\n", writev(d2, iov, 3));
    char a[5] = { 0 }, b[9] = { 0 };
    struct iovec riov[2] = { { a, 4 }, { b, 8 } };
    printf("readv %zd [%s] [%s]\n", readv(p[0], riov, 2), a, b);
    close(d); close(d2); close(d3); close(low);

    /* EOF when all writers are closed */
    close(p[1]);
    fcntl(p[0], F_SETFL, 0);
    printf("read at EOF %zd\n", read(p[0], buf, 10));
    pf.revents = 0;
    poll(&pf, 1, 0);
    printf("poll at EOF: POLLHUP %d\n", !!(pf.revents & POLLHUP));
    close(p[0]);

    /* EPIPE with SIGPIPE ignored, then caught */
    pipe(p);
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    r = write(p[1], "x", 1);
    printf("write to closed pipe %zd %s\n", r, strerror(errno));
    close(p[1]);
    int cr = close(p[1]);
    printf("closing a closed fd: %d %s\n", cr, strerror(errno));
    return 0;
}
