// poll and select on a terminal (the test runs this on a pseudo-terminal and types
// a line once it has printed "poll now"): nothing to read at first, then a line.
#include <poll.h>
#include <stdio.h>
#include <sys/select.h>
#include <unistd.h>

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct pollfd pf[2] = { { 0, POLLIN, 0 }, { 1, POLLOUT, 0 } };
    int r = poll(pf, 2, 50);
    printf("isatty %d, poll now %d [%#x %#x]\n", isatty(0), r, pf[0].revents, pf[1].revents);
    pf[1].fd = -1;
    r = poll(pf, 2, 20000);
    char b[64];
    ssize_t n = r > 0 ? read(0, b, sizeof b) : -2;
    printf("poll waited %d %#x, read %zd [%.*s]\n", r, pf[0].revents, n, n > 1 ? (int)n - 1 : 0, b);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(0, &rs);
    struct timeval tv = { 0, 20000 };
    printf("select after the line: %d\n", select(1, &rs, NULL, NULL, &tv));
    return 0;
}
