/* A xorshift64 generator feeding an FNV-1a-style hash: pure 64-bit integer
   ALU work in one dependent chain. argv[1] = rounds (default 1e8). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000L;
    uint64_t x = 88172645463325252ULL;
    uint64_t h = 14695981039346656037ULL;
    uint64_t acc = 0;
    for (long i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        h = (h ^ (x & 0xff)) * 1099511628211ULL;
        h ^= h >> 29;
        acc += (uint32_t)(h >> 17) ^ (uint32_t)x;
    }
    printf("xorshift %ld: x=%016llx h=%016llx acc=%016llx\n", n,
           (unsigned long long)x, (unsigned long long)h, (unsigned long long)acc);
    return 0;
}
