// argv and environment: prints every argument (and the basename of argv[0]),
// checks argv[argc] is NULL, and prints chosen environment variables.
// args: alpha "two words" '' 3 --flag=x ünï
// env: X64VM_TEST_VAR=hello world
// env: X64VM_EMPTY=
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv, char **envp) {
    const char *base = strrchr(argv[0], '/');
    printf("argc %d argv0 %s\n", argc, base ? base + 1 : argv[0]);
    for (int i = 1; i < argc; i++) printf("argv[%d] = [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    printf("envp == environ: %d\n", envp == environ);
    const char *v = getenv("X64VM_TEST_VAR");
    printf("X64VM_TEST_VAR = [%s]\n", v ? v : "(unset)");
    v = getenv("X64VM_EMPTY");
    printf("X64VM_EMPTY = [%s]\n", v ? v : "(unset)");
    v = getenv("X64VM_SURELY_MISSING");
    printf("X64VM_SURELY_MISSING = [%s]\n", v ? v : "(unset)");
    int found = 0;
    for (char **e = envp; *e; e++) if (!strncmp(*e, "X64VM_TEST_VAR=", 15)) found++;
    printf("found in envp %d times\n", found);
    setenv("X64VM_NEW", "set by program", 1);
    printf("setenv -> %s\n", getenv("X64VM_NEW"));
    unsetenv("X64VM_TEST_VAR");
    printf("after unsetenv: %s\n", getenv("X64VM_TEST_VAR") ? "still set" : "gone");
    return argc;
}
