// Ends with raise(SIGTERM) and the default action: killed by SIGTERM.
// Output written before, through a full stdio buffer, is lost as on Linux;
// only what was flushed explicitly appears.
#include <stdio.h>
#include <signal.h>

int main(void) {
    printf("flushed line\n");
    fflush(stdout);
    printf("this stays in the stdio buffer and is lost\n");
    raise(SIGTERM);
    printf("not reached\n");
    return 0;
}
