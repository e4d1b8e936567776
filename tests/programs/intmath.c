// Integer edge cases: signed/unsigned division and remainder of every sign,
// shifts by variable amounts, unsigned wraparound, widening and narrowing,
// saturating helpers, overflow builtins.
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

static volatile int64_t vs[] = { 0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, INT32_MAX, INT32_MIN,
                                 INT64_MAX, INT64_MIN + 1, 0x123456789LL, -0x123456789LL };
#define NV (int)(sizeof vs / sizeof vs[0])

int main(void) {
    uint64_t h = 0;
    for (int i = 0; i < NV; i++) {
        for (int j = 0; j < NV; j++) {
            int64_t a = vs[i], b = vs[j];
            if (b == 0) continue;
            int64_t q = a / b, r = a % b;
            uint64_t uq = (uint64_t)a / (uint64_t)b, ur = (uint64_t)a % (uint64_t)b;
            int32_t a32 = (int32_t)a, b32 = (int32_t)b;
            int32_t q32 = (b32 == 0 || (a32 == INT32_MIN && b32 == -1)) ? 0 : a32 / b32;
            int32_t r32 = (b32 == 0 || (a32 == INT32_MIN && b32 == -1)) ? 0 : a32 % b32;
            uint32_t uq32 = b32 ? (uint32_t)a32 / (uint32_t)b32 : 0;
            int16_t a16 = (int16_t)a, b16 = (int16_t)b;
            int q16 = b16 ? a16 / b16 : 0;
            uint8_t a8 = (uint8_t)a, b8 = (uint8_t)b;
            int q8 = b8 ? a8 / b8 : 0, r8 = b8 ? a8 % b8 : 0;
            h = h * 1000003 ^ (uint64_t)q ^ ((uint64_t)r << 1) ^ (uq << 2) ^ (ur << 3) ^ ((uint64_t)(uint32_t)q32 << 4)
                ^ ((uint64_t)(uint32_t)r32 << 5) ^ ((uint64_t)uq32 << 6) ^ ((uint64_t)q16 << 7) ^ (uint64_t)(q8 * 31 + r8);
            if (i < 11 && j < 11)
                printf("%lld/%lld=%lld r%lld u%llu ", (long long)a, (long long)b, (long long)q, (long long)r,
                       (unsigned long long)ur);
        }
        if (i < 11) printf("\n");
    }
    printf("div hash %016llx\n", (unsigned long long)h);

    /* shifts */
    volatile uint64_t one = 1, neg = (uint64_t)-12345;
    for (volatile int s = 0; s < 64; s += 5) {
        printf("s=%2d %016llx %016llx %016llx %08x %08x\n", s, (unsigned long long)(one << s),
               (unsigned long long)(neg >> s), (unsigned long long)((int64_t)neg >> s),
               (unsigned)((uint32_t)neg >> (s & 31)), (unsigned)((int32_t)neg >> (s & 31)));
    }
    /* unsigned wraparound */
    unsigned u = UINT_MAX;
    u += 2;
    unsigned short us = 65535; us++;
    unsigned char uc = 250; uc += 10;
    uint64_t big = UINT64_MAX; big *= big;
    printf("wrap %u %u %u %llu %u\n", u, us, uc, (unsigned long long)big, (unsigned)(0u - 1u));
    /* overflow builtins */
    int ov;
    int r1;
    ov = __builtin_add_overflow(INT_MAX, 1, &r1); printf("add ov %d %d\n", ov, r1);
    ov = __builtin_sub_overflow(INT_MIN, 1, &r1); printf("sub ov %d %d\n", ov, r1);
    ov = __builtin_mul_overflow(65536, 65536, &r1); printf("mul ov %d %d\n", ov, r1);
    long long r2;
    ov = __builtin_mul_overflow(3037000500LL, 3037000500LL, &r2); printf("mul64 ov %d %lld\n", ov, r2);
    unsigned long long r3;
    ov = __builtin_add_overflow(ULLONG_MAX, 1ULL, &r3); printf("uadd ov %d %llu\n", ov, r3);
    /* narrowing and sign extension */
    volatile int64_t w = 0x1234567890abcdefLL;
    printf("narrow %d %d %d %u %lld %llu\n", (int8_t)w, (int16_t)w, (int32_t)w, (uint8_t)w,
           (long long)(int8_t)(w >> 8), (unsigned long long)(uint32_t)(w >> 4));
    /* multiplication high parts and mixed-sign compare */
    volatile int si = -1; volatile unsigned ui = 1;
    printf("mixed compare %d %d\n", si < (int)ui, (unsigned)si > ui);
    int64_t prod = 0;
    for (int64_t k = -1000; k <= 1000; k += 3) prod += (k * k * k) / 7 - (k % 13) * (k >> 2);
    printf("poly %lld\n", (long long)prod);
    /* abs of minimum and negation */
    volatile int mn = INT_MIN;
    printf("neg min %d %u\n", -(mn + 1) + 1 == INT_MAX, (unsigned)mn);
    /* float <-> int conversions at the edges */
    volatile double dd[] = { 0.5, -0.5, 1.999, -1.999, 2147483647.9, -2147483648.9, 4294967295.5,
                             9.2e18, -9.2e18, 1.8e19, 1e300 };
    for (int i = 0; i < 11; i++) {
        double d = dd[i];
        int iv = (d >= -2147483648.0 && d < 2147483648.0) ? (int)d : 0;
        long long lv = (d >= -9.3e18 && d < 9.3e18) ? (long long)d : 0;
        unsigned long long uv = (d >= 0 && d < 1.8446744073709552e19) ? (unsigned long long)d : 0;
        printf("cvt %.17g -> %d %lld %llu\n", d, iv, lv, uv);
    }
    return 0;
}
