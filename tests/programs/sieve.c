// Sieve of Eratosthenes up to 2,000,000 with a byte array and a bit array;
// prime counts, twin primes, sums, and the largest prime gaps.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define LIMIT 2000000

int main(void) {
    uint8_t *comp = calloc(LIMIT + 1, 1);
    for (long i = 2; i * i <= LIMIT; i++)
        if (!comp[i]) for (long j = i * i; j <= LIMIT; j += i) comp[j] = 1;
    long count = 0, twins = 0, last = 2, gap = 0, gapat = 0;
    unsigned long long sum = 0;
    for (long i = 2; i <= LIMIT; i++) {
        if (comp[i]) continue;
        count++;
        sum += i;
        if (i - last == 2) twins++;
        if (i - last > gap) { gap = i - last; gapat = last; }
        last = i;
        if (i == 10 || i == 100 || i == 1000) {}
    }
    printf("primes <= %d: %ld, sum %llu, twins %ld, largest gap %ld after %ld, last %ld\n", LIMIT, count, sum, twins, gap,
           gapat, last);
    long marks[] = { 10, 100, 1000, 10000, 100000, 1000000 };
    for (int m = 0; m < 6; m++) {
        long c = 0;
        for (long i = 2; i <= marks[m]; i++) c += !comp[i];
        printf("pi(%ld) = %ld\n", marks[m], c);
    }
    free(comp);
    /* odd-only bit sieve */
    uint64_t *bits = calloc(LIMIT / 128 + 1, 8);
    for (long i = 3; i * i <= LIMIT; i += 2)
        if (!(bits[i >> 7] >> ((i >> 1) & 63) & 1))
            for (long j = i * i; j <= LIMIT; j += 2 * i) bits[j >> 7] |= 1ULL << ((j >> 1) & 63);
    long c2 = 1;
    for (long i = 3; i <= LIMIT; i += 2) c2 += !(bits[i >> 7] >> ((i >> 1) & 63) & 1);
    printf("bit sieve count %ld\n", c2);
    free(bits);
    return 0;
}
