/* Sieve of Eratosthenes: count the primes below N (default 2e7).
   Prints the count and a checksum over all primes found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 20000000L;
    if (n < 3) n = 3;
    unsigned char *composite = malloc((size_t)n);
    if (!composite) { perror("malloc"); return 1; }
    memset(composite, 0, (size_t)n);
    for (long i = 2; i * i < n; i++)
        if (!composite[i])
            for (long j = i * i; j < n; j += i)
                composite[j] = 1;
    long count = 0;
    unsigned long long sum = 0;
    for (long i = 2; i < n; i++)
        if (!composite[i]) {
            count++;
            sum = sum * 31 + (unsigned long long)i;
        }
    printf("sieve %ld: %ld primes, checksum %016llx\n", n, count, sum);
    free(composite);
    return 0;
}
