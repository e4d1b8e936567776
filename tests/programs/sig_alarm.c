// SIGALRM: alarm() with pause(), and a repeating ITIMER_REAL from setitimer
// delivered while the program is busy computing and while in sigsuspend.
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;

static void on_alarm(int sig) { (void)sig; ticks++; }

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);

    unsigned prev = alarm(1);
    printf("alarm previous %u\n", prev);
    pause();
    printf("after pause ticks %d\n", (int)ticks);

    struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    volatile unsigned long spin = 0;
    while (ticks < 6) spin++;
    /* another tick may land between the loop test and this read: clamp, as below */
    printf("busy loop reached %d ticks\n", ticks >= 6 ? 6 : (int)ticks);

    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    while (ticks < 12) sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("sigsuspend reached %d ticks\n", ticks >= 12 ? 12 : (int)ticks);

    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    getitimer(ITIMER_REAL, &it);
    printf("timer off %d\n", it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0);
    return 0;
}
