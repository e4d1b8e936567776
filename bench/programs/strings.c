/* String-library heavy loop: strlen, memcpy, strcmp, memcmp, strchr and
   memset over a pool of runtime-generated strings that share long common
   prefixes (so comparisons run deep). argv[1] = iterations (default 3e6). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL 512
#define MAXLEN 300
#define BIG 8192

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rng(void) {
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static int sign(int v) { return (v > 0) - (v < 0); }

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 3000000L;
    static char base[MAXLEN + 1];
    static char *pool[POOL];
    static char buf[MAXLEN * 2 + 2];
    static unsigned char big_a[BIG], big_b[BIG];

    for (int i = 0; i < MAXLEN; i++) base[i] = (char)('a' + rng() % 26);
    for (int i = 0; i < POOL; i++) {
        size_t len = 1 + rng() % MAXLEN;
        size_t common = rng() % (len + 1);        /* shared prefix with base */
        char *s = malloc(len + 1);
        memcpy(s, base, common);
        for (size_t k = common; k < len; k++) s[k] = (char)('a' + rng() % 26);
        s[len] = 0;
        pool[i] = s;
    }
    for (int i = 0; i < BIG; i++) big_a[i] = (unsigned char)rng();

    uint64_t sum = 0;
    long cmp_hist[3] = { 0, 0, 0 };
    for (long it = 0; it < n; it++) {
        uint64_t r = rng();
        const char *a = pool[r % POOL];
        const char *b = pool[(r >> 16) % POOL];
        size_t la = strlen(a);
        memcpy(buf, a, la + 1);
        int c = sign(strcmp(buf, b));
        cmp_hist[c + 1]++;
        size_t lb = strlen(b);
        size_t m = la < lb ? la : lb;
        int d = sign(memcmp(a, b, m));
        const char *p = strchr(buf, (int)('a' + (r >> 40) % 26));
        sum = sum * 1000003 + la * 7 + lb + (uint64_t)(c + 2) * 3 + (uint64_t)(d + 2)
              + (p ? (uint64_t)(p - buf) : 999);
        if ((it & 15) == 0) {
            size_t off = (r >> 24) % 512, len = (r >> 33) % (BIG - 512);
            memcpy(big_b + off, big_a, len);
            memset(big_a + (r >> 50) % 4096, (int)(r & 0xff), 64);
            sum += big_b[(r >> 5) % BIG];
        }
    }
    printf("strings %ld: sum=%016llx lt=%ld eq=%ld gt=%ld\n", n,
           (unsigned long long)sum, cmp_hist[0], cmp_hist[1], cmp_hist[2]);
    return 0;
}
