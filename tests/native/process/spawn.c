// posix_spawn (glibc: clone3/clone with CLONE_VM|CLONE_VFORK; musl: clone with a
// close-on-exec pipe) with file actions and attributes, posix_spawnp through
// PATH, vfork + exec, vfork + _exit, and clone(CLONE_VM|CLONE_VFORK) running a
// function on its own stack.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

extern char **environ;

static void show(const char *what, pid_t c) {
    int st;
    if (waitpid(c, &st, 0) != c) { printf("%s: waitpid failed: %s\n", what, strerror(errno)); return; }
    if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by signal %d\n", what, WTERMSIG(st));
}

static int child_fn(void *arg) {
    printf("clone child runs with arg %s\n", (const char *)arg);
    fflush(stdout);
    return 23;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t c;
    int r;

    char *echo[] = {"busybox", "echo", "spawned", "echo", NULL};
    r = posix_spawn(&c, "/bin/busybox", NULL, NULL, echo, environ);
    show("echo", c);
    printf("posix_spawn: %d\n", r);

    // file actions: stdout to a pipe, stdin from /dev/null, close the read end
    int p[2];
    pipe(p);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    posix_spawn_file_actions_addclose(&fa, p[1]);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    char *sh[] = {"sh", "-c", "echo out:$0:$1; cat; echo end", "zero", "one", NULL};
    r = posix_spawn(&c, "/bin/busybox", &fa, NULL, sh, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    char buf[256] = {0};
    size_t n = 0;
    ssize_t k;
    while ((k = read(p[0], buf + n, sizeof buf - 1 - n)) > 0) n += k;
    close(p[0]);
    printf("spawn with file actions: %d, read [%s]\n", r, buf);
    show("sh", c);

    // attributes: a signal mask and default dispositions for the child
    signal(SIGUSR1, SIG_IGN);
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGUSR1);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF);
    char *killer[] = {"sh", "-c", "kill -USR1 $$; echo not reached", NULL};
    r = posix_spawn(&c, "/bin/busybox", NULL, &at, killer, environ);
    posix_spawnattr_destroy(&at);
    printf("spawn with SETSIGDEF: %d\n", r);
    show("usr1", c);
    signal(SIGUSR1, SIG_DFL);

    // posix_spawnp searches PATH
    char *env[] = {"PATH=/nonexistent:/bin", NULL};
    char *pargs[] = {"busybox", "true", NULL};
    r = posix_spawnp(&c, "busybox", NULL, NULL, pargs, env);
    printf("posix_spawnp: %d\n", r);
    show("true", c);

    // a program that does not exist: the error comes back, or the child exits 127
    char *none[] = {"none", NULL};
    c = 0;
    r = posix_spawn(&c, "/nonexistent/program", NULL, NULL, none, environ);
    int st = 0;
    if (r == 0) waitpid(c, &st, 0);
    printf("missing program reported: %d\n", r == ENOENT || (r == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 127));

    // vfork + exec, vfork + _exit
    c = vfork();
    if (c == 0) {
        execl("/bin/busybox", "busybox", "echo", "vfork", "exec", NULL);
        _exit(99);
    }
    show("vfork exec", c);
    c = vfork();
    if (c == 0) _exit(12);
    show("vfork _exit", c);

    // clone with its own stack
    static char stack[65536] __attribute__((aligned(16)));
    c = clone(child_fn, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, "xyz");
    show("clone", c);
    printf("done\n");
    return 0;
}
