// A handled SIGSEGV whose handler restores SIG_DFL and returns: the faulting
// instruction re-executes and the process dies by SIGSEGV after the handler
// wrote its message.
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void h(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    char msg[80];
    int n = snprintf(msg, sizeof msg, "handler: sig %d code %d, resetting\n", sig, si->si_code);
    write(2, msg, n);
    signal(sig, SIG_DFL);
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    printf("writing to address 8\n");
    fflush(stdout);
    *(volatile int *)8 = 1;
    printf("not reached\n");
    return 0;
}
