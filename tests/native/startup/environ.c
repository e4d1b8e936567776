/* Prints its environment, one variable a line, sorted (tests/startup.test.mjs:
   X64VM_OPTIONS must not reach the guest). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
    size_t n = 0;
    while (environ[n]) n++;
    qsort(environ, n, sizeof *environ, cmp);
    for (size_t i = 0; i < n; i++) puts(environ[i]);
    return 0;
}
