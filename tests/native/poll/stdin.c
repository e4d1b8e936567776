// poll and select on standard input, whatever it is (the test runs this with a
// pipe, a socket, a regular file and /dev/null): wait for input, read it in small
// pieces, then report what EOF looks like. While data is left, only POLLIN is
// shown (a hangup seen with data left depends on when the writer exits), and
// the input is printed whole (how it splits into reads depends on timing). For a
// socket POLLHUP is not shown: it depends on whether the other end has been
// closed or only shut down for writing when the program looks.
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct stat st;
    fstat(0, &st);
    int hide = S_ISSOCK(st.st_mode) ? POLLHUP : 0;
    char buf[7], all[256];
    long total = 0;
    int in = 1;
    for (int round = 0; round < 100000; round++) {
        struct pollfd pf = { 0, POLLIN, 0 };
        int r = poll(&pf, 1, round & 1 ? -1 : 10000);
        if (r != 1) { printf("poll %d %s\n", r, strerror(errno)); return 1; }
        ssize_t n = read(0, buf, sizeof buf);
        if (n > 0) {
            if (total + n <= (long)sizeof all) memcpy(all + total, buf, n);
            in &= !!(pf.revents & POLLIN);
            total += n;
            continue;
        }
        printf("total %ld, POLLIN every time: %d\n", total, in);
        if (total <= (long)sizeof all) printf("[%.*s]\n", (int)total, all);
        printf("at EOF: poll %d revents %#x, read %zd\n", r, pf.revents & ~hide, n);
        break;
    }
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(0, &rs);
    struct timeval tv = { 0, 0 };
    int sr = select(1, &rs, NULL, NULL, &tv);
    printf("select at EOF: %d %d\n", sr, FD_ISSET(0, &rs));
    struct pollfd pf = { 0, POLLIN | POLLRDNORM | POLLOUT | POLLRDHUP, 0 };
    int r = poll(&pf, 1, 0);
    printf("poll with more events at EOF: %d revents %#x\n", r, pf.revents & ~(POLLOUT | hide));
    return 0;
}
