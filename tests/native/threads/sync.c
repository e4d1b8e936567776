// Mutexes, condition variables (producer/consumer, broadcast), a barrier,
// semaphores, a rwlock, a timed condition wait that times out, and sched_yield.
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <time.h>
#include <pthread.h>
#include <semaphore.h>
#include <sched.h>

#define P 3
#define C 3
#define ITEMS 3000
#define QN 8
static int q[QN], qh, qt, qc;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t notfull = PTHREAD_COND_INITIALIZER, notempty = PTHREAD_COND_INITIALIZER;
static long consumed_sum[C];
static int consumed_n[C];

static void *producer(void *arg) {
    int id = (int)(long)arg;
    for (int i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&mu);
        while (qc == QN) pthread_cond_wait(&notfull, &mu);
        q[qt] = id * ITEMS + i; qt = (qt + 1) % QN; qc++;
        pthread_cond_signal(&notempty);
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}
static void *consumer(void *arg) {
    int id = (int)(long)arg;
    for (;;) {
        pthread_mutex_lock(&mu);
        while (qc == 0) pthread_cond_wait(&notempty, &mu);
        int v = q[qh]; qh = (qh + 1) % QN; qc--;
        pthread_cond_signal(&notfull);
        pthread_mutex_unlock(&mu);
        if (v < 0) break;
        consumed_sum[id] += v; consumed_n[id]++;
    }
    return NULL;
}

#define B 5
static pthread_barrier_t bar;
static int phase_seen[B][3];
static int phase;
static void *barrier_worker(void *arg) {
    int id = (int)(long)arg;
    for (int ph = 0; ph < 3; ph++) {
        phase_seen[id][ph] = phase;
        if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD) phase++;
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

static sem_t sem_items, sem_done;
static int sem_total;
static void *sem_worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) { sem_wait(&sem_items); __atomic_add_fetch(&sem_total, 1, __ATOMIC_SEQ_CST); }
    sem_post(&sem_done);
    return NULL;
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_value;
static void *rw_worker(void *arg) {
    long id = (long)arg;
    for (int i = 0; i < 500; i++) {
        if (i % 5 == 0) { pthread_rwlock_wrlock(&rw); rw_value += id; pthread_rwlock_unlock(&rw); }
        else { pthread_rwlock_rdlock(&rw); volatile long v = rw_value; (void)v; pthread_rwlock_unlock(&rw); }
        if (i % 50 == 0) sched_yield();
    }
    return NULL;
}

int main(void) {
    pthread_t pt[P], ct[C];
    for (long i = 0; i < C; i++) pthread_create(&ct[i], NULL, consumer, (void *)i);
    for (long i = 0; i < P; i++) pthread_create(&pt[i], NULL, producer, (void *)i);
    for (int i = 0; i < P; i++) pthread_join(pt[i], NULL);
    for (int i = 0; i < C; i++) {
        pthread_mutex_lock(&mu);
        while (qc == QN) pthread_cond_wait(&notfull, &mu);
        q[qt] = -1; qt = (qt + 1) % QN; qc++;
        pthread_cond_signal(&notempty);
        pthread_mutex_unlock(&mu);
    }
    long total = 0; int n = 0;
    for (int i = 0; i < C; i++) { pthread_join(ct[i], NULL); total += consumed_sum[i]; n += consumed_n[i]; }
    long want = 0;
    for (int i = 0; i < P * ITEMS; i++) want += i;
    printf("queue: %d items, sum ok %d\n", n, total == want);

    pthread_t bt[B];
    pthread_barrier_init(&bar, NULL, B);
    for (long i = 0; i < B; i++) pthread_create(&bt[i], NULL, barrier_worker, (void *)i);
    for (int i = 0; i < B; i++) pthread_join(bt[i], NULL);
    for (int i = 0; i < B; i++) printf("barrier %d: %d %d %d\n", i, phase_seen[i][0], phase_seen[i][1], phase_seen[i][2]);

    sem_init(&sem_items, 0, 0); sem_init(&sem_done, 0, 0);
    pthread_t st[3];
    for (int i = 0; i < 3; i++) pthread_create(&st[i], NULL, sem_worker, NULL);
    for (int i = 0; i < 300; i++) { sem_post(&sem_items); if (i % 7 == 0) sched_yield(); }
    for (int i = 0; i < 3; i++) sem_wait(&sem_done);
    for (int i = 0; i < 3; i++) pthread_join(st[i], NULL);
    int sv; sem_getvalue(&sem_items, &sv);
    printf("semaphores: total %d left %d trywait %d\n", sem_total, sv, sem_trywait(&sem_items) == -1 && errno == EAGAIN);

    pthread_t rt[4];
    for (long i = 0; i < 4; i++) pthread_create(&rt[i], NULL, rw_worker, (void *)(i + 1));
    for (int i = 0; i < 4; i++) pthread_join(rt[i], NULL);
    printf("rwlock: %ld\n", rw_value);

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
    pthread_mutex_lock(&mu);
    int r = pthread_cond_timedwait(&notempty, &mu, &ts);
    pthread_mutex_unlock(&mu);
    printf("timedwait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other");
    return 0;
}
