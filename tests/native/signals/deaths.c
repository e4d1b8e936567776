// Default actions and forced signals: `deaths MODE` dies (or not) the way the
// mode says; the parent compares the status and signal with the native run.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static void say(const char *s) { write(1, s, strlen(s)); }

static void nop(int sig) { (void)sig; say("handler\n"); }
static void fault_again(int sig) { (void)sig; say("in SIGSEGV handler\n"); *(volatile int *)16 = 1; }
static void exit7(int sig) { (void)sig; say("exiting from handler\n"); _exit(7); }

static void handle(int sig, void (*fn)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

/* kill(getpid(), sig) with rsp pointing at unmapped memory */
static void kill_on_bad_stack(int sig) {
    long pid = getpid();
    __asm__ volatile("movq %%rsp, %%r12\n\t"
                     "movq $0x1000, %%rsp\n\t"
                     "movl $62, %%eax\n\t"
                     "movq %0, %%rdi\n\t"
                     "movq %1, %%rsi\n\t"
                     "syscall\n\t"
                     "movq %%r12, %%rsp\n\t"
                     : : "r"(pid), "r"((long)sig) : "rax", "rdi", "rsi", "rcx", "r11", "r12", "memory");
}

int main(int argc, char **argv) {
    const char *m = argc > 1 ? argv[1] : "";
    say("start\n");
    if (!strcmp(m, "segv")) *(volatile int *)8 = 1;
    else if (!strcmp(m, "segv-handler-faults")) { handle(SIGSEGV, fault_again, 0); *(volatile int *)8 = 1; }
    else if (!strcmp(m, "segv-ignored")) { signal(SIGSEGV, SIG_IGN); *(volatile int *)8 = 1; }
    else if (!strcmp(m, "segv-blocked")) {
        handle(SIGSEGV, nop, 0);
        sigset_t s; sigemptyset(&s); sigaddset(&s, SIGSEGV); sigprocmask(SIG_BLOCK, &s, NULL);
        *(volatile int *)8 = 1;
    }
    else if (!strcmp(m, "segv-raise-blocked")) {
        sigset_t s; sigemptyset(&s); sigaddset(&s, SIGSEGV); sigprocmask(SIG_BLOCK, &s, NULL);
        raise(SIGSEGV);
        say("survived a blocked raise\n");
        return 3;
    }
    else if (!strcmp(m, "ill")) __asm__ volatile("ud2");
    else if (!strcmp(m, "fpe")) { volatile int z = 0; volatile int x = 5 / z; (void)x; }
    else if (!strcmp(m, "trap")) __asm__ volatile("int3");
    else if (!strcmp(m, "abrt")) abort();
    else if (!strcmp(m, "abrt-handled")) { handle(SIGABRT, nop, 0); abort(); }
    else if (!strcmp(m, "bus")) raise(SIGBUS);
    else if (!strcmp(m, "quit")) raise(SIGQUIT);
    else if (!strcmp(m, "term")) raise(SIGTERM);
    else if (!strcmp(m, "int")) raise(SIGINT);
    else if (!strcmp(m, "hup")) kill(getpid(), SIGHUP);
    else if (!strcmp(m, "usr1")) raise(SIGUSR1);
    else if (!strcmp(m, "kill")) raise(SIGKILL);
    else if (!strcmp(m, "sys")) raise(SIGSYS);
    else if (!strcmp(m, "rt")) raise(SIGRTMIN + 3);
    else if (!strcmp(m, "alarm-pause")) { alarm(1); pause(); }
    else if (!strcmp(m, "resethand")) { handle(SIGUSR1, nop, SA_RESETHAND); raise(SIGUSR1); raise(SIGUSR1); }
    else if (!strcmp(m, "bad-stack")) { handle(SIGUSR1, nop, 0); kill_on_bad_stack(SIGUSR1); }
    else if (!strcmp(m, "bad-stack-segv-handler")) {
        handle(SIGUSR1, nop, 0); handle(SIGSEGV, nop, 0); kill_on_bad_stack(SIGUSR1);
    }
    else if (!strcmp(m, "bad-stack-default")) kill_on_bad_stack(SIGWINCH);
    else if (!strcmp(m, "no-restorer")) {
        unsigned long k[4] = { (unsigned long)nop, 0, 0, 0 };
        syscall(SYS_rt_sigaction, SIGUSR1, k, NULL, 8);
        raise(SIGUSR1);
    }
    else if (!strcmp(m, "bad-sigreturn")) {
        __asm__ volatile("movq $0x2000, %%rsp\n\tmovl $15, %%eax\n\tsyscall" ::: "memory");
    }
    else if (!strcmp(m, "pipe")) {
        int fds[2];
        pipe(fds);
        close(fds[0]);
        write(fds[1], "x", 1);
    }
    else if (!strcmp(m, "pipe-ignored")) {
        int fds[2];
        signal(SIGPIPE, SIG_IGN);
        pipe(fds);
        close(fds[0]);
        if (write(fds[1], "x", 1) < 0) say("EPIPE\n");
    }
    else if (!strcmp(m, "exit-in-handler")) { handle(SIGTERM, exit7, 0); raise(SIGTERM); }
    else if (!strcmp(m, "ignored-by-default")) {
        raise(SIGCHLD); raise(SIGURG); raise(SIGWINCH); raise(SIGCONT);
        say("still here\n");
        return 0;
    }
    else if (!strcmp(m, "ignored")) {
        for (int s = 1; s < 32; s++) if (s != SIGKILL && s != SIGSTOP) signal(s, SIG_IGN);
        for (int s = 1; s < 32; s++) if (s != SIGKILL && s != SIGSTOP && s != SIGTSTP && s != SIGTTIN && s != SIGTTOU) raise(s);
        say("ignored everything\n");
        return 0;
    }
    say("not dead\n");
    return 9;
}
