// fork from a multithreaded process: only the calling thread goes on in the child;
// pthread_exit from main leaves the process running until the last thread exits.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/wait.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static void *spinner(void *a) { (void)a; pthread_mutex_lock(&mu); pthread_mutex_unlock(&mu); return NULL; }
static void *forker(void *a) {
    (void)a;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) { printf("child alone\n"); fflush(stdout); _exit(5); }
    int st; waitpid(pid, &st, 0);
    printf("child status %d\n", WEXITSTATUS(st));
    return (void *)7;
}
static void *last(void *a) {
    pthread_t main_thread = *(pthread_t *)a;
    (void)main_thread;
    usleep(20000);
    puts("last thread exits 4");
    fflush(stdout);
    exit(4);
}
int main(void) {
    pthread_mutex_lock(&mu);
    pthread_t s, f;
    pthread_create(&s, NULL, spinner, NULL);
    pthread_create(&f, NULL, forker, NULL);
    void *r; pthread_join(f, &r);
    printf("forker returned %ld\n", (long)r);
    pthread_mutex_unlock(&mu);
    pthread_join(s, NULL);
    static pthread_t self; self = pthread_self();
    pthread_t l; pthread_create(&l, NULL, last, &self);
    fflush(stdout);
    pthread_exit(NULL);
}
