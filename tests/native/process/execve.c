// execve: another program with argv and envp, the pid kept, close-on-exec
// descriptors, signal dispositions and mask across exec, errors (ENOENT,
// EACCES for a directory and for a file without x permission, ENOEXEC, ENOTDIR,
// EFAULT), #! scripts (with an interpreter argument, nested, missing
// interpreter), execveat with AT_EMPTY_PATH, and /proc/self/exe.
//
// Run with no arguments; it re-executes itself (as "child MODE ...") to report
// what the new program sees. Works in a fresh directory it makes under /tmp.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;
static char self[4096];

static void show(const char *what, int st) {
    if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by signal %d\n", what, WTERMSIG(st));
}

static int child_main(int argc, char **argv) {
    const char *mode = argv[2];
    if (!strcmp(mode, "args")) {
        printf("  argc %d:", argc);
        for (int i = 0; i < argc; i++) printf(" [%s]", i == 0 ? "(argv0)" : argv[i]);
        printf("\n  env:");
        for (char **e = environ; *e; e++) printf(" [%s]", *e);
        printf("\n");
        return 7;
    }
    if (!strcmp(mode, "pid")) {
        printf("  same pid: %d\n", atoi(argv[3]) == getpid());
        return 0;
    }
    if (!strcmp(mode, "fds")) {
        for (int i = 3; i < argc; i++) {
            int fd = atoi(argv[i]);
            int fl = fcntl(fd, F_GETFD);
            printf("  fd %d: %s\n", fd, fl < 0 ? strerror(errno) : (fl & FD_CLOEXEC) ? "open, cloexec" : "open");
        }
        return 0;
    }
    if (!strcmp(mode, "signals")) {
        struct sigaction sa;
        int sigs[] = {SIGUSR1, SIGUSR2, SIGTERM, SIGHUP};
        for (unsigned i = 0; i < 4; i++) {
            sigaction(sigs[i], NULL, &sa);
            printf("  %s: %s\n", strsignal(sigs[i]), sa.sa_handler == SIG_IGN ? "ignored" : sa.sa_handler == SIG_DFL ? "default" : "handled");
        }
        sigset_t m;
        sigprocmask(SIG_BLOCK, NULL, &m);
        printf("  SIGHUP blocked: %d, SIGTERM blocked: %d\n", sigismember(&m, SIGHUP), sigismember(&m, SIGTERM));
        sigpending(&m);
        printf("  SIGHUP pending: %d\n", sigismember(&m, SIGHUP));
        return 0;
    }
    return 99;
}

static void on_usr2(int s) { (void)s; }

/** fork, run fn in the child, report how it ended */
static void run(const char *what, void (*fn)(void)) {
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) { fn(); _exit(120); }
    int st;
    waitpid(c, &st, 0);
    show(what, st);
}

static void try_exec(const char *path, char *const argv[]) {
    errno = 0;
    int r = execve(path, argv, environ);
    printf("  execve(%s): %d %s\n", path, r, strerror(errno));
}

static void t_args(void) {
    char *argv[] = {"renamed", "child", "args", "one", "two words", "", NULL};
    char *envp[] = {"A=1", "B=two", "EMPTY=", NULL};
    execve(self, argv, envp);
    _exit(1);
}
static void t_pid(void) {
    char buf[32];
    snprintf(buf, sizeof buf, "%d", getpid());
    char *argv[] = {self, "child", "pid", buf, NULL};
    execve(self, argv, environ);
    _exit(1);
}
static void t_fds(void) {
    int a = open("/dev/null", O_RDONLY);
    int b = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int c = dup(a);
    fcntl(c, F_SETFD, FD_CLOEXEC);
    int p[2];
    pipe2(p, O_CLOEXEC);
    char s[4][16];
    snprintf(s[0], 16, "%d", a); snprintf(s[1], 16, "%d", b); snprintf(s[2], 16, "%d", c); snprintf(s[3], 16, "%d", p[0]);
    char *argv[] = {self, "child", "fds", s[0], s[1], s[2], s[3], NULL};
    execve(self, argv, environ);
    _exit(1);
}
static void t_signals(void) {
    signal(SIGUSR1, SIG_IGN);
    signal(SIGUSR2, on_usr2);
    signal(SIGTERM, on_usr2);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGHUP);
    sigprocmask(SIG_BLOCK, &m, NULL);
    raise(SIGHUP);
    char *argv[] = {self, "child", "signals", NULL};
    execve(self, argv, environ);
    _exit(1);
}
static void t_errors(void) {
    char *argv[] = {"x", NULL};
    try_exec("./no-such-file", argv);
    try_exec("./dir", argv);
    try_exec("./noexec", argv);
    try_exec("./garbage", argv);
    try_exec("./empty", argv);
    try_exec("./noexec/sub", argv);
    try_exec("./bad-interp", argv);
    try_exec("./no-interp", argv);
    try_exec("./tiny32", argv);
    errno = 0;
    int r = execve(NULL, argv, environ);
    printf("  execve(NULL path): %d %s\n", r, strerror(errno));
    errno = 0;
    r = execve(self, (char **)16, environ);
    printf("  execve(bad argv): %d %s\n", r, strerror(errno));
    printf("  still running after failed execs\n");
    fflush(stdout);
    _exit(0);
}
static void t_script(void) {
    char *argv[] = {"./script", "arg1", "arg 2", NULL};
    execve("./script", argv, environ);
    printf("  script: %s\n", strerror(errno));
    _exit(1);
}
static void t_script_arg(void) {
    char *argv[] = {"ignored", "tail", NULL};
    execve("./script-arg", argv, environ);
    printf("  script-arg: %s\n", strerror(errno));
    _exit(1);
}
static void t_script_nested(void) {
    char *argv[] = {"./nested", "n1", NULL};
    execve("./nested", argv, environ);
    printf("  nested: %s\n", strerror(errno));
    _exit(1);
}
static void t_execveat(void) {
    int fd = open(self, O_RDONLY);
    char *argv[] = {"fexec", "child", "args", "via execveat", NULL};
    char *envp[] = {"FROM=execveat", NULL};
    syscall(SYS_execveat, fd, "", argv, envp, AT_EMPTY_PATH);
    printf("  execveat: %s\n", strerror(errno));
    _exit(1);
}
static void t_proc_self_exe(void) {
    char *argv[] = {"via-proc", "child", "args", "proc", NULL};
    char *envp[] = {NULL};
    execve("/proc/self/exe", argv, envp);
    printf("  /proc/self/exe: %s\n", strerror(errno));
    _exit(1);
}

static void put(const char *name, const char *text, int mode) {
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
    write(fd, text, strlen(text));
    close(fd);
    chmod(name, mode);
}

int main(int argc, char **argv) {
    if (argc > 2 && !strcmp(argv[1], "child")) return child_main(argc, argv);
    setvbuf(stdout, NULL, _IONBF, 0);
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) { perror("readlink /proc/self/exe"); return 1; }
    self[n] = 0;
    struct stat a, b;
    stat(self, &a); stat(argv[0], &b);
    printf("/proc/self/exe is this program: %d\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev);

    char dir[] = "/tmp/x64vm-execve-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir)) { perror("mkdtemp"); return 1; }
    mkdir("dir", 0755);
    put("noexec", "#!/bin/busybox sh\necho hi\n", 0644);
    put("garbage", "\x01\x02\x03 this is not a program\n", 0755);
    put("empty", "", 0755);
    put("bad-interp", "#!/no/such/interpreter\n", 0755);
    put("no-interp", "#!   \n", 0755);
    // an ELF header claiming 32-bit x86
    put("tiny32", "\x7f" "ELF\x01\x01\x01", 0755);
    put("script", "#!/bin/busybox sh\necho \"script: \\$0=$0 args: $# [$1] [$2]\"\nexit 4\n", 0755);
    put("script-arg", "#! /bin/busybox  echo  \n", 0755);
    put("nested", "#!./script\n", 0755);

    run("exec with argv and envp", t_args);
    run("exec keeps the pid", t_pid);
    run("exec closes cloexec fds", t_fds);
    run("exec resets handlers", t_signals);
    run("exec errors", t_errors);
    run("#! script", t_script);
    run("#! with an argument", t_script_arg);
    run("#! nested", t_script_nested);
    run("execveat AT_EMPTY_PATH", t_execveat);
    run("/proc/self/exe", t_proc_self_exe);

    const char *files[] = {"noexec", "garbage", "empty", "bad-interp", "no-interp", "tiny32", "script", "script-arg", "nested"};
    for (unsigned i = 0; i < sizeof files / sizeof *files; i++) unlink(files[i]);
    rmdir("dir");
    chdir("/");
    rmdir(dir);
    printf("done\n");
    return 0;
}
