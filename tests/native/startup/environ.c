/* Prints its environment, one variable a line, sorted, or in its order with the
   argument "asis" (tests/startup.test.mjs: X64VM_OPTIONS must not reach the guest,
   and the environment passes through bin/x64vm's #! line in order). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    size_t n = 0;
    while (environ[n]) n++;
    if (argc < 2 || strcmp(argv[1], "asis") != 0) qsort(environ, n, sizeof *environ, cmp);
    for (size_t i = 0; i < n; i++) puts(environ[i]);
    return 0;
}
