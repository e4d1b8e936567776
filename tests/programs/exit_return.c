// Ends by returning a nonzero status from main; buffered stdout is flushed
// at exit, stderr is unbuffered.
#include <stdio.h>

int main(int argc, char **argv) {
    (void)argv;
    printf("returning 3 (argc %d)\n", argc);
    fprintf(stderr, "to stderr\n");
    printf("partial line without newline");
    return 3;
}
