// Threads: workers sum disjoint ranges, a mutex-protected shared counter,
// a condition-variable handshake, thread-local storage, and joins; all
// printing happens in the main thread in a fixed order.
// cflags: -pthread
#include <stdio.h>
#include <stdint.h>
#include <pthread.h>

#define T 4
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long shared_counter;
static int ready;
static __thread long tls_value;
static long tls_seen[T];

struct job { int id; uint64_t lo, hi, sum; };

static void *worker(void *arg) {
    struct job *j = arg;
    tls_value = j->id * 1000;
    for (uint64_t i = j->lo; i < j->hi; i++) j->sum += i * i % 7919;
    for (int i = 0; i < 10000; i++) {
        pthread_mutex_lock(&mu);
        shared_counter++;
        pthread_mutex_unlock(&mu);
    }
    pthread_mutex_lock(&mu);
    while (!ready) pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    tls_value += j->id;
    tls_seen[j->id] = tls_value;
    return (void *)(intptr_t)(j->id + 100);
}

int main(void) {
    pthread_t th[T];
    struct job jobs[T];
    tls_value = -1;
    for (int i = 0; i < T; i++) {
        jobs[i] = (struct job){ i, (uint64_t)i * 250000, (uint64_t)(i + 1) * 250000, 0 };
        pthread_create(&th[i], NULL, worker, &jobs[i]);
    }
    pthread_mutex_lock(&mu);
    ready = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    uint64_t total = 0;
    for (int i = 0; i < T; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        printf("thread %d returned %ld sum %llu tls %ld\n", i, (long)(intptr_t)ret, (unsigned long long)jobs[i].sum, tls_seen[i]);
        total += jobs[i].sum;
    }
    printf("total %llu counter %ld main tls %ld\n", (unsigned long long)total, shared_counter, tls_value);
    return 0;
}
