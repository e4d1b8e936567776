/* Static hello world, for startup time. argv[1] = number of greetings
   (default 1). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1;
    for (long i = 0; i < n; i++)
        printf("Hello, world!\n");
    return 0;
}
