/* Forks two children that each print a line, waits for them (tests/startup.test.mjs:
   x64vm's options reach forked children). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    for (int k = 0; k < 2; k++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 1; }
        if (pid == 0) { printf("child %d\n", k); return 0; }
        int st;
        if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st)) { puts("wait failed"); return 1; }
    }
    puts("parent done");
    return 0;
}
