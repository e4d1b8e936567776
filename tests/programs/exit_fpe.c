// Ends with an integer division by zero and no handler: killed by SIGFPE.
#include <stdio.h>

int main(int argc, char **argv) {
    (void)argv;
    volatile int zero = argc - 1;
    printf("dividing by zero\n");
    fflush(stdout);
    return 100 / zero;
}
