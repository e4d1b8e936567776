// Arbitrary-precision arithmetic with base-1e9 limbs: 1000!, 2^4000,
// Fibonacci(5000), digit sums and a big division by small numbers.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef struct { uint32_t d[1200]; int n; } big;

static void set(big *a, uint32_t v) { a->n = 1; a->d[0] = v; }
static void mul_small(big *a, uint32_t m) {
    uint64_t c = 0;
    for (int i = 0; i < a->n; i++) { uint64_t t = (uint64_t)a->d[i] * m + c; a->d[i] = t % 1000000000u; c = t / 1000000000u; }
    while (c) { a->d[a->n++] = c % 1000000000u; c /= 1000000000u; }
}
static void add(big *r, const big *a, const big *b) {
    uint32_t c = 0;
    int n = a->n > b->n ? a->n : b->n;
    for (int i = 0; i < n; i++) {
        uint32_t t = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + c;
        c = t >= 1000000000u;
        r->d[i] = c ? t - 1000000000u : t;
    }
    r->n = n;
    if (c) r->d[r->n++] = 1;
}
static uint32_t div_small(big *a, uint32_t m) {
    uint64_t r = 0;
    for (int i = a->n - 1; i >= 0; i--) { uint64_t cur = a->d[i] + r * 1000000000u; a->d[i] = cur / m; r = cur % m; }
    while (a->n > 1 && a->d[a->n - 1] == 0) a->n--;
    return (uint32_t)r;
}
static char *str(const big *a) {
    char *s = malloc(a->n * 9 + 2), *p = s;
    p += sprintf(p, "%u", a->d[a->n - 1]);
    for (int i = a->n - 2; i >= 0; i--) p += sprintf(p, "%09u", a->d[i]);
    return s;
}
static void report(const char *name, const big *a) {
    char *s = str(a);
    size_t len = strlen(s);
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) sum += s[i] - '0';
    size_t tz = 0;
    while (tz < len && s[len - 1 - tz] == '0') tz++;
    printf("%s: %zu digits, digit sum %u, trailing zeros %zu\n  head %.60s\n  tail %s\n", name, len, sum, tz, s,
           s + (len > 60 ? len - 60 : 0));
    free(s);
}

int main(void) {
    static big f, p, a, b, c;
    set(&f, 1);
    for (uint32_t i = 2; i <= 1000; i++) mul_small(&f, i);
    report("1000!", &f);
    uint32_t r = 0;
    for (uint32_t d = 2; d <= 20; d++) r ^= div_small(&f, d) + d;
    printf("after dividing by 2..20 (remainders xor %u)\n", r);
    report("1000!/20!", &f);
    set(&p, 1);
    for (int i = 0; i < 4000; i++) mul_small(&p, 2);
    report("2^4000", &p);
    set(&a, 0);
    set(&b, 1);
    for (int i = 0; i < 5000; i++) { add(&c, &a, &b); a = b; b = c; }
    report("fib(5000)", &a);
    printf("fib(5000) mod 1000000007 = %u\n", div_small(&a, 1000000007u));
    return 0;
}
