// Threads talking through a pipe: a blocking read in one thread waits while
// another thread (which sleeps first) writes; EOF when the writer closes.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>

static int fds[2], back[2];
static void *writer(void *a) {
    (void)a;
    char buf[16];
    for (int i = 0; i < 5; i++) {
        usleep(2000);
        int n = snprintf(buf, sizeof buf, "msg%d;", i);
        write(fds[1], buf, n);
        char c;
        if (read(back[0], &c, 1) != 1 || c != 'k') return (void *)1; // wait for the ack
    }
    close(fds[1]);
    return NULL;
}
int main(void) {
    pipe(fds); pipe(back);
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    char buf[64];
    ssize_t n;
    int total = 0;
    while ((n = read(fds[0], buf, sizeof buf - 1)) > 0) {
        buf[n] = 0;
        printf("got %s\n", buf);
        total += (int)n;
        write(back[1], "k", 1);
    }
    void *r; pthread_join(t, &r);
    printf("eof after %d bytes, writer %ld\n", total, (long)r);
    return 0;
}
