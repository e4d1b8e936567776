// Processes: fork, a pipe from child to parent, waitpid and exit statuses,
// a child killed by a signal, and execve of the program itself with an
// argument; only the parent prints after the children are reaped.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "--child")) {
        printf("exec'd child got %s\n", argc > 2 ? argv[2] : "(none)");
        return 17;
    }
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        close(p[0]);
        char msg[64];
        for (int i = 0; i < 5; i++) {
            int n = snprintf(msg, sizeof msg, "message %d from child\n", i);
            write(p[1], msg, n);
        }
        _exit(5);
    }
    close(p[1]);
    char buf[512];
    size_t len = 0;
    ssize_t r;
    while ((r = read(p[0], buf + len, sizeof buf - 1 - len)) > 0) len += r;
    buf[len] = 0;
    close(p[0]);
    int st;
    pid_t w = waitpid(c, &st, 0);
    printf("%sreaped right child %d exited %d status %d\n", buf, w == c, WIFEXITED(st), WEXITSTATUS(st));

    fflush(stdout);
    pid_t k = fork();
    if (k == 0) { raise(SIGKILL); _exit(0); }
    waitpid(k, &st, 0);
    printf("child 2 signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

    fflush(stdout);
    pid_t s = fork();
    if (s == 0) { volatile int *z = 0; *z = 1; _exit(0); }
    waitpid(s, &st, 0);
    printf("child 3 signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

    fflush(stdout);
    pid_t e = fork();
    if (e == 0) {
        char *args[] = { argv[0], "--child", "hello-exec", NULL };
        execv("/proc/self/exe", args);
        execv(argv[0], args);
        _exit(99);
    }
    waitpid(e, &st, 0);
    printf("exec child exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));

    fflush(stdout);
    int n = 0;
    for (int i = 0; i < 4; i++) if (fork() == 0) _exit(i * 10);
    int total = 0;
    while ((w = wait(&st)) > 0) { n++; total += WEXITSTATUS(st); }
    printf("reaped %d more, statuses sum %d, no children left: %d\n", n, total, w == -1);
    return 0;
}
