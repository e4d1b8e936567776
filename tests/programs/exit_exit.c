// Ends with exit(42) from a nested call: atexit handlers run in reverse
// order and stdio buffers (full buffering on a pipe) are flushed.
#include <stdio.h>
#include <stdlib.h>

static void h1(void) { printf("atexit 1\n"); }
static void h2(void) { printf("atexit 2\n"); fflush(stdout); fprintf(stderr, "atexit 2 stderr\n"); }

static void deep(int n) {
    if (n == 0) { printf("exiting from depth\n"); exit(42); }
    deep(n - 1);
    printf("never\n");
}

int main(void) {
    atexit(h1);
    atexit(h2);
    char big[10000];
    for (int i = 0; i < 9999; i++) big[i] = 'a' + i % 26;
    big[9999] = 0;
    printf("%s\n", big);
    deep(10);
    return 0;
}
