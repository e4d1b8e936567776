// Deep recursion: Ackermann, a 100000-deep non-tail recursion that keeps
// frames alive, mutual recursion and a recursive Fibonacci.
#include <stdio.h>

static long calls;

__attribute__((noinline)) static unsigned ack(unsigned m, unsigned n) {
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static long deep(int n, volatile char *parent) {
    volatile char local[24];
    local[0] = (char)n;
    local[23] = parent ? parent[0] : 0;
    if (n == 0) return local[23];
    long r = deep(n - 1, local);
    return r + (unsigned char)local[0] + (local[23] & 1);
}

static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

__attribute__((noinline)) static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
    for (unsigned m = 0; m <= 3; m++) {
        for (unsigned n = 0; n <= 5; n++) {
            calls = 0;
            unsigned r = ack(m, n);
            printf("ack(%u,%u) = %u in %ld calls\n", m, n, r, calls);
        }
    }
    calls = 0;
    printf("ack(3,7) = %u in %ld calls\n", ack(3, 7), calls);
    printf("deep(100000) = %ld\n", deep(100000, 0));
    printf("is_even(77777) = %d\n", is_even(77777));
    printf("fib(24) = %ld\n", fib(24));
    return 0;
}
