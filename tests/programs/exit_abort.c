// Ends with abort(): the process dies by SIGABRT even with a SIGABRT handler
// that returns (the handler runs first).
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <unistd.h>

static void h(int sig) {
    (void)sig;
    static const char msg[] = "SIGABRT handler ran\n";
    write(2, msg, sizeof msg - 1);
}

int main(void) {
    printf("about to abort\n");
    fflush(stdout);
    fprintf(stderr, "stderr before abort\n");
    signal(SIGABRT, h);
    abort();
}
