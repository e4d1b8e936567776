// pthread_kill reaches the chosen thread (its handler sees its own tid); per-thread
// signal masks; a process-directed signal goes to a thread that does not block it;
// a signal interrupts a thread's nanosleep; pthread_exit from main keeps the rest.
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>

static volatile pid_t handler_tid[4];
static volatile int hits;
static pid_t tids[4];
static sem_t ready, go;
static volatile int sleep_result = 99;

static void on_usr1(int s) { (void)s; handler_tid[hits++ & 3] = (pid_t)syscall(SYS_gettid); }

static void *waiter(void *arg) {
    long id = (long)arg;
    tids[id] = (pid_t)syscall(SYS_gettid);
    if (id == 1) { // blocks SIGUSR1: process-directed ones go elsewhere
        sigset_t s; sigemptyset(&s); sigaddset(&s, SIGUSR1);
        pthread_sigmask(SIG_BLOCK, &s, NULL);
    }
    sem_post(&ready);
    if (id == 2) {
        struct timespec ts = { 5, 0 }, rem;
        int r = nanosleep(&ts, &rem);
        sleep_result = r == -1 && errno == EINTR && rem.tv_sec <= 5 ? 1 : 0;
    }
    sem_wait(&go);
    return NULL;
}

int main(void) {
    struct sigaction sa = { 0 };
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sem_init(&ready, 0, 0); sem_init(&go, 0, 0);
    pthread_t t[3];
    for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, waiter, (void *)i);
    for (int i = 0; i < 3; i++) sem_wait(&ready);
    usleep(20000);
    pthread_kill(t[0], SIGUSR1);
    while (hits < 1) sched_yield();
    printf("to thread 0: %d\n", handler_tid[0] == tids[0]);
    pthread_kill(t[2], SIGUSR1);
    while (hits < 2) sched_yield();
    printf("to thread 2: %d\n", handler_tid[1] == tids[2]);
    while (sleep_result == 99) sched_yield();
    printf("sleep interrupted: %d\n", sleep_result);
    // blocked in thread 1: stays pending there until unblocked; kill to thread 1 now
    pthread_kill(t[1], SIGUSR1);
    usleep(10000);
    printf("blocked thread got it: %d\n", hits > 2);
    printf("kill bad tid: %d\n", pthread_kill(t[0], 0));
    // process-directed with main blocking it: another thread takes it
    sigset_t s; sigemptyset(&s); sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    kill(getpid(), SIGUSR1);
    while (hits < 3) sched_yield();
    pid_t h = handler_tid[2];
    printf("process-directed: not main %d, not thread 1 %d\n", h != getpid(), h != tids[1]);
    for (int i = 0; i < 3; i++) sem_post(&go);
    fflush(stdout);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    puts("joined");
    return 0;
}
