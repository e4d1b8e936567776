// SIGFPE from integer division by zero (and INT_MIN / -1) caught by a
// SA_SIGINFO handler; reports si_code and recovers with siglongjmp.
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>
#include <limits.h>

static sigjmp_buf env;
static volatile int code;

static void handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    code = si->si_code;
    siglongjmp(env, sig);
}

__attribute__((noinline)) static int div32(int a, int b) { return a / b; }
__attribute__((noinline)) static long div64(long a, long b) { return a / b; }
__attribute__((noinline)) static unsigned mod32(unsigned a, unsigned b) { return a % b; }
__attribute__((noinline)) static unsigned long udiv64(unsigned long a, unsigned long b) { return a / b; }

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    volatile int zero = 0, minus1 = -1;
    const char *names[] = { "div32 by 0", "div64 by 0", "mod32 by 0", "udiv64 by 0", "INT_MIN/-1", "LONG_MIN/-1", "ok" };
    for (volatile int i = 0; i < 7; i++) {
        int s = sigsetjmp(env, 1);
        if (s == 0) {
            long r = 0;
            switch (i) {
            case 0: r = div32(10, zero); break;
            case 1: r = div64(10, zero); break;
            case 2: r = mod32(10, zero); break;
            case 3: r = (long)udiv64(10, zero); break;
            case 4: r = div32(INT_MIN, minus1); break;
            case 5: r = div64(LONG_MIN, minus1); break;
            case 6: r = div32(100, 7); break;
            }
            printf("%s: result %ld\n", names[i], r);
        } else {
            printf("%s: signal %d %s si_code %s\n", names[i], s, strsignal(s),
                   code == FPE_INTDIV ? "FPE_INTDIV" : code == FPE_INTOVF ? "FPE_INTOVF" : "other");
        }
    }
    /* floating-point division by zero does not trap by default */
    volatile double dz = 0.0;
    printf("1.0/0.0 = %g, 0.0/0.0 is nan: %d\n", 1.0 / dz, (0.0 / dz) != (0.0 / dz));
    return 0;
}
