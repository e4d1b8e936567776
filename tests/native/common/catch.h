/* Shared by the test programs that catch their own faults: catch_signals(h, SIGSEGV,
   SIGBUS, ..., 0) installs h for each signal with SA_SIGINFO (h gets the siginfo and
   the saved context) and SA_NODEFER (h may siglongjmp out, and the signal stays
   unblocked for the next fault). */
#include <signal.h>
#include <stdarg.h>
#include <string.h>

static void catch_signals(void (*h)(int, siginfo_t *, void *), ...) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    va_list ap;
    va_start(ap, h);
    for (int sig; (sig = va_arg(ap, int)) != 0;) sigaction(sig, &sa, 0);
    va_end(ap);
}
