// 128-bit integer math: multiply, divide, modulo, shifts, printing.
#include <stdio.h>
#include <string.h>

typedef unsigned __int128 u128;
typedef __int128 i128;

static void print_u128(u128 v) {
    char buf[64];
    int n = 0;
    if (v == 0) buf[n++] = '0';
    while (v) { buf[n++] = '0' + (int)(v % 10); v /= 10; }
    while (n) putchar(buf[--n]);
}

static void print_i128(i128 v) {
    if (v < 0) { putchar('-'); print_u128(-(u128)v); }
    else print_u128((u128)v);
}

static u128 mulmod(u128 a, u128 b, u128 m) { return (a * b) % m; }

static u128 powmod(u128 b, u128 e, u128 m) {
    u128 r = 1;
    b %= m;
    while (e) {
        if (e & 1) r = mulmod(r, b, m);
        b = mulmod(b, b, m);
        e >>= 1;
    }
    return r;
}

int main(void) {
    u128 f = 1;
    for (int i = 1; i <= 34; i++) {
        f *= i;
        printf("%2d! = ", i); print_u128(f); putchar('\n');
    }
    u128 max = ~(u128)0;
    printf("max = "); print_u128(max); putchar('\n');
    i128 imin = (i128)((u128)1 << 127);
    printf("min = "); print_i128(imin); putchar('\n');
    u128 a = ((u128)0x0123456789abcdefULL << 64) | 0xfedcba9876543210ULL;
    u128 b = 0x1234567890ULL;
    printf("a/b = "); print_u128(a / b); printf(" a%%b = "); print_u128(a % b); putchar('\n');
    u128 c = ((u128)0xffffffffULL << 64) | 0x1ULL;
    printf("a/c = "); print_u128(a / c); printf(" a%%c = "); print_u128(a % c); putchar('\n');
    i128 s = -(i128)a;
    printf("s/7 = "); print_i128(s / 7); printf(" s%%7 = "); print_i128(s % 7); putchar('\n');
    printf("s>>5 = "); print_i128(s >> 5); printf(" a<<3 = "); print_u128(a << 3); putchar('\n');
    /* 64x64 -> 128 */
    unsigned long long x = 0xfedcba9876543210ULL, y = 0x0fedcba987654321ULL;
    u128 p = (u128)x * y;
    printf("hi=%016llx lo=%016llx\n", (unsigned long long)(p >> 64), (unsigned long long)p);
    long long sx = -1234567890123456789LL, sy = 987654321987654321LL;
    i128 sp = (i128)sx * sy;
    printf("sp = "); print_i128(sp); putchar('\n');
    /* Fermat test with 64-bit-ish moduli */
    unsigned long long cands[] = { 1000000007ULL, 998244353ULL, 1000000000000000003ULL,
                                   1000000000000000009ULL, 18446744073709551557ULL,
                                   18446744073709551555ULL };
    for (int i = 0; i < 6; i++) {
        u128 m = cands[i];
        printf("%llu: 2^(m-1) mod m = ", cands[i]);
        print_u128(powmod(2, m - 1, m));
        putchar('\n');
    }
    /* fibonacci up to 128 bits */
    u128 f0 = 0, f1 = 1;
    for (int i = 0; i < 185; i++) { u128 t = f0 + f1; f0 = f1; f1 = t; }
    printf("fib(185) = "); print_u128(f0); putchar('\n');
    /* overflow wraps */
    u128 w = max; w += 5;
    printf("wrap = "); print_u128(w); putchar('\n');
    /* division by many divisors */
    u128 acc = 0;
    for (unsigned i = 1; i < 2000; i++) acc += (a / i) ^ (a % (i * 0x100000001ULL));
    printf("acc = "); print_u128(acc); putchar('\n');
    return 0;
}
