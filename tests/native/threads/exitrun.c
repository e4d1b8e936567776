// One thread calls exit() while others spin, sleep or wait on a lock:
// the process ends with that status, and atexit handlers run once.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static volatile int started;
static void bye(void) { puts("atexit"); fflush(stdout); }
static void *spin(void *a) { (void)a; __atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST); for (;;) {} return NULL; }
static void *sleeper(void *a) { (void)a; __atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST); for (;;) sleep(10); return NULL; }
static void *locker(void *a) { (void)a; __atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST); pthread_mutex_lock(&mu); return NULL; }
static void *quitter(void *a) {
    (void)a;
    while (started < 3) sched_yield();
    usleep(10000);
    puts("quitting");
    exit(3);
}
int main(void) {
    atexit(bye);
    pthread_mutex_lock(&mu);
    pthread_t t[4];
    pthread_create(&t[0], NULL, spin, NULL);
    pthread_create(&t[1], NULL, sleeper, NULL);
    pthread_create(&t[2], NULL, locker, NULL);
    pthread_create(&t[3], NULL, quitter, NULL);
    pthread_join(t[3], NULL);
    puts("not reached");
    return 0;
}
