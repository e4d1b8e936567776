// raise() with handlers installed by signal(): counts, a handler raising
// another signal (nesting), SIG_IGN, restoring SIG_DFL for a harmless signal.
#include <stdio.h>
#include <signal.h>
#include <string.h>

static volatile int count[65];
static char order[64];
static volatile int olen;

static void h(int sig) {
    count[sig]++;
    order[olen++] = (char)('A' + sig % 26);
    if (sig == SIGUSR1 && count[SIGUSR1] == 2) raise(SIGUSR2); /* nested delivery */
    order[olen++] = (char)('a' + sig % 26);
}

int main(void) {
    int sigs[] = { SIGUSR1, SIGUSR2, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGWINCH, SIGURG };
    for (int i = 0; i < 10; i++) {
        if (signal(sigs[i], h) == SIG_ERR) printf("signal(%d) failed\n", sigs[i]);
    }
    for (int r = 0; r < 3; r++)
        for (int i = 0; i < 10; i++) raise(sigs[i]);
    order[olen] = 0;
    for (int i = 0; i < 10; i++) printf("%s: %d\n", strsignal(sigs[i]), count[sigs[i]]);
    printf("order %s\n", order);
    signal(SIGTERM, SIG_IGN);
    raise(SIGTERM);
    printf("SIGTERM ignored, count %d\n", count[SIGTERM]);
    signal(SIGCHLD, SIG_DFL);
    raise(SIGCHLD);
    printf("SIGCHLD default is ignore\n");
    void (*prev)(int) = signal(SIGUSR1, SIG_DFL);
    printf("previous handler was h: %d\n", prev == h);
    return 0;
}
