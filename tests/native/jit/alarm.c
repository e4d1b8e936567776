/* SIGALRM interrupting compiled loops: one that polls a flag in memory, and one that
   never leaves registers (the handler jumps out with siglongjmp). */
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <sys/time.h>

static volatile sig_atomic_t flag;
static sigjmp_buf env;
static int jump;

static void on_alarm(int sig) {
    (void)sig;
    flag = 1;
    if (jump) siglongjmp(env, 1);
}

int main(void) {
    signal(SIGALRM, on_alarm);
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };
    for (int round = 0; round < 3; round++) {
        flag = 0; jump = 0;
        setitimer(ITIMER_REAL, &it, 0);
        unsigned long n = 0;
        while (!flag) n = n * 3 + 1;
        printf("round %d: polling loop interrupted\n", round);
        jump = 1;
        setitimer(ITIMER_REAL, &it, 0);
        if (sigsetjmp(env, 1) == 0) {
            __asm__ volatile("1: inc %%rax; add %%rax,%%rdx; jmp 1b" ::: "rax", "rdx");
        }
        printf("round %d: register loop interrupted\n", round);
    }
    return 0;
}
