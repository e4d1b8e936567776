// Pipes between processes: child to parent and parent to child, both at once
// with a megabyte each way, bytes written before the fork, EOF once every
// writer is closed (including the copies a child holds), EPIPE and SIGPIPE when
// the reader is gone, O_NONBLOCK reads of an empty shared pipe, a pipeline of
// three processes with dup2 onto stdin/stdout, and a pipe created after a fork.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static unsigned sum(const unsigned char *b, size_t n, unsigned s) {
    for (size_t i = 0; i < n; i++) s = s * 31 + b[i];
    return s;
}

static int status(pid_t c) {
    int st;
    if (waitpid(c, &st, 0) != c) return -1000;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
}

static size_t readall(int fd, unsigned char *buf, size_t max) {
    size_t n = 0;
    ssize_t r;
    while (n < max && (r = read(fd, buf + n, max - n)) > 0) n += r;
    return n;
}

#define BIG (1 << 20)

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    static unsigned char big[BIG], back[BIG];
    for (int i = 0; i < BIG; i++) big[i] = (unsigned char)(i * 7 + (i >> 9));

    // bytes in the pipe before the fork are there for the child
    int p[2];
    pipe(p);
    write(p[1], "early bytes", 11);
    pid_t c = fork();
    if (c == 0) {
        char b[32] = {0};
        close(p[1]);
        ssize_t n = read(p[0], b, sizeof b - 1);
        printf("child read %zd: %s\n", n, b);
        n = read(p[0], b, sizeof b);
        printf("child then reads %zd (EOF)\n", n);
        _exit(0);
    }
    close(p[0]); close(p[1]);
    printf("child 1: %d\n", status(c));

    // both directions at once: the child echoes what it reads
    int down[2], up[2];
    pipe(down); pipe(up);
    c = fork();
    if (c == 0) {
        close(down[1]); close(up[0]);
        static unsigned char buf[65536];
        ssize_t n;
        size_t total = 0;
        while ((n = read(down[0], buf, sizeof buf)) > 0) {
            for (ssize_t off = 0; off < n;) {
                ssize_t w = write(up[1], buf + off, n - off);
                if (w <= 0) _exit(2);
                off += w;
            }
            total += n;
        }
        _exit(total == BIG ? 0 : 1);
    }
    close(down[0]); close(up[1]);
    // interleave writing and reading so that neither side's pipe fills for good
    size_t sent = 0, got = 0;
    fcntl(up[0], F_SETFL, O_NONBLOCK);
    while (got < BIG) {
        if (sent < BIG) {
            size_t k = BIG - sent < 16384 ? BIG - sent : 16384;
            ssize_t w = write(down[1], big + sent, k);
            if (w > 0) sent += w;
            if (sent == BIG) close(down[1]);
        }
        ssize_t r = read(up[0], back + got, BIG - got);
        if (r > 0) got += r;
        else if (r == 0) break;
        else if (errno != EAGAIN) break;
    }
    printf("echoed %zu bytes, same: %d, child: %d\n", got, got == BIG && !memcmp(big, back, BIG), status(c));
    close(up[0]);

    // child writes a megabyte, parent reads to EOF
    pipe(p);
    c = fork();
    if (c == 0) {
        close(p[0]);
        for (size_t off = 0; off < BIG;) {
            ssize_t w = write(p[1], big + off, BIG - off);
            if (w <= 0) _exit(1);
            off += w;
        }
        _exit(0);
    }
    close(p[1]);
    size_t n = readall(p[0], back, BIG);
    printf("read %zu from child, sum %08x (expect %08x), child: %d\n", n, sum(back, n, 0), sum(big, BIG, 0), status(c));
    close(p[0]);

    // EOF needs every writer closed, also the child's copy
    pipe(p);
    int hold[2];
    pipe(hold);
    c = fork();
    if (c == 0) {
        char b;
        close(hold[1]);
        read(hold[0], &b, 1); // until the parent says so, p[1] stays open here
        _exit(0);
    }
    close(p[1]); close(hold[0]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    char b;
    ssize_t r = read(p[0], &b, 1);
    printf("a writer remains: %zd %s\n", r, r < 0 ? strerror(errno) : "");
    write(hold[1], "g", 1);
    printf("child: %d\n", status(c));
    r = read(p[0], &b, 1);
    printf("no writers: %zd\n", r);
    close(p[0]); close(hold[1]);

    // the reader is gone: EPIPE, and SIGPIPE kills by default
    pipe(p);
    c = fork();
    if (c == 0) { close(p[0]); close(p[1]); _exit(0); }
    close(p[0]);
    status(c);
    signal(SIGPIPE, SIG_IGN);
    r = write(p[1], "x", 1);
    printf("write without readers: %zd %s\n", r, strerror(errno));
    signal(SIGPIPE, SIG_DFL);
    c = fork();
    if (c == 0) { write(p[1], "x", 1); _exit(0); }
    printf("child writing without readers: %d\n", status(c));
    close(p[1]);

    // a pipeline: producer | filter | this process
    int a[2], z[2];
    pipe(a); pipe(z);
    pid_t c1 = fork();
    if (c1 == 0) {
        dup2(a[1], 1);
        close(a[0]); close(a[1]); close(z[0]); close(z[1]);
        for (int i = 1; i <= 1000; i++) printf("line %d\n", i);
        exit(0);
    }
    pid_t c2 = fork();
    if (c2 == 0) {
        dup2(a[0], 0); dup2(z[1], 1);
        close(a[0]); close(a[1]); close(z[0]); close(z[1]);
        char line[64];
        int count = 0;
        long total = 0;
        while (fgets(line, sizeof line, stdin)) { count++; total += atoi(line + 5); }
        printf("%d lines, total %ld\n", count, total);
        exit(0);
    }
    close(a[0]); close(a[1]); close(z[1]);
    char out[128] = {0};
    readall(z[0], (unsigned char *)out, sizeof out - 1);
    printf("pipeline: %s", out);
    printf("producer %d, filter %d\n", status(c1), status(c2));
    close(z[0]);

    // a pipe made in the child after the fork, and one made in the parent
    c = fork();
    if (c == 0) {
        int q[2];
        pipe(q);
        write(q[1], "in-child pipe", 13);
        char t[20] = {0};
        read(q[0], t, sizeof t - 1);
        printf("%s\n", t);
        _exit(0);
    }
    status(c);
    pipe(p);
    write(p[1], "after", 5);
    char t[8] = {0};
    read(p[0], t, 5);
    printf("parent pipe after forks: %s\n", t);
    printf("done\n");
    return 0;
}
