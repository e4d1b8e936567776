// A SIGSEGV handler that recovers with siglongjmp: NULL reads, writes to a
// read-only mapping, reads of an unmapped page, checks si_addr and si_code,
// and that the signal mask is restored by siglongjmp.
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile void *fault_addr;
static volatile int fault_code, faults;

static void handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    faults++;
    fault_addr = si->si_addr;
    fault_code = si->si_code;
    siglongjmp(env, sig);
}

static const char *code_name(int c) {
    return c == SEGV_MAPERR ? "SEGV_MAPERR" : c == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);

    long pg = sysconf(_SC_PAGESIZE);
    char *ro = mmap(NULL, pg * 3, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(ro, "read-only data");
    mprotect(ro, pg, PROT_READ);
    munmap(ro + pg, pg); /* a hole between two mappings */

    volatile int *targets[] = { (int *)0, (int *)16, (int *)(ro + 8), (int *)(ro + pg + 100),
                                (int *)(uintptr_t)0xdead0000, (int *)ro };
    const char *what[] = { "read NULL", "read 16", "write ro", "read hole", "read far", "write ro again" };
    for (volatile int i = 0; i < 6; i++) {
        int sig = sigsetjmp(env, 1);
        if (sig == 0) {
            if (i == 2 || i == 5) *targets[i] = 42;
            else (void)*targets[i];
            printf("%s: no fault?\n", what[i]);
        } else {
            printf("%s: caught signal %d (%s) %s addr-match %d\n", what[i], sig, strsignal(sig),
                   code_name(fault_code), fault_addr == (void *)targets[i]);
        }
    }
    /* the mask must not keep SIGSEGV blocked after siglongjmp(…, savemask=1) */
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("SIGSEGV blocked after recovery: %d\n", sigismember(&cur, SIGSEGV));
    printf("ro still reads: %s\n", ro);
    /* many faults in a loop */
    volatile int n = 0;
    for (volatile int i = 0; i < 200; i++) {
        if (sigsetjmp(env, 1) == 0) { n++; *(volatile char *)(uintptr_t)(8 * i) = 1; }
    }
    printf("loop faults %d of %d, total %d\n", faults - 6, n, faults);
    return 0;
}
