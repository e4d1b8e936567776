// Ends with _exit(7) called from inside a SIGUSR1 handler (atexit handlers
// must not run, stdio buffers are not flushed).
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void never(void) { printf("atexit must not run\n"); }

static void h(int sig) {
    char msg[64];
    int n = snprintf(msg, sizeof msg, "handler for signal %d calls _exit(7)\n", sig);
    write(1, msg, n);
    _exit(7);
}

int main(void) {
    atexit(never);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sigaction(SIGUSR1, &sa, NULL);
    printf("buffered, lost\n");
    raise(SIGUSR1);
    printf("not reached\n");
    return 0;
}
