/* qsort() of a large pseudo-random int array with a comparison function
   (indirect calls from libc into the program). argv[1] = elements
   (default 2e6). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static long compares;

static int cmp_int(const void *pa, const void *pb) {
    int a = *(const int *)pa, b = *(const int *)pb;
    compares++;
    return (a > b) - (a < b);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 2000000L;
    if (n < 1) n = 1;
    int *a = malloc((size_t)n * sizeof *a);
    if (!a) { perror("malloc"); return 1; }
    uint64_t x = 0x2545F4914F6CDD1DULL;
    for (long i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        a[i] = (int)(x >> 32);
    }
    qsort(a, (size_t)n, sizeof *a, cmp_int);
    uint64_t sum = 0;
    long unsorted = 0;
    for (long i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i]) unsorted++;
        sum = sum * 31 + (uint32_t)a[i];
    }
    /* The number of comparisons depends on glibc's qsort algorithm, so it is
       not part of the checksum; print only whether the result is sorted. */
    printf("qsort %ld: %s checksum %016llx min %d max %d\n", n,
           unsorted ? "UNSORTED" : "sorted", (unsigned long long)sum, a[0], a[n - 1]);
    (void)compares;
    free(a);
    return 0;
}
