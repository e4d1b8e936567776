// Floating-point environment and conversions: rounding modes (fesetround)
// applied to arithmetic, rint/lrint/nearbyint and conversions; exception flags;
// float<->double<->long double; integer<->float at the edges; denormals.
#include <stdio.h>
#include <fenv.h>
#include <math.h>
#include <float.h>
#include <stdint.h>
#include <string.h>

static const char *rname(int r) {
    return r == FE_TONEAREST ? "nearest" : r == FE_DOWNWARD ? "down" : r == FE_UPWARD ? "up" : "zero";
}

static void flags(const char *what) {
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%-18s flags:%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "", f & FE_DIVBYZERO ? " divbyzero" : "",
           f & FE_OVERFLOW ? " overflow" : "", f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "");
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void) {
    int modes[] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO };
    volatile double one = 1.0, three = 3.0, big = 1e308, tiny = 1e-308, zero = 0.0, half = 2.5, neg = -2.5;
    volatile float f1 = 1.0f, f3 = 3.0f;
    volatile long double l1 = 1.0L, l3 = 3.0L;
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        printf("mode %s (get %s)\n", rname(modes[m]), rname(fegetround()));
        double q = one / three;
        float fq = f1 / f3;
        long double lq = l1 / l3;
        printf("  1/3 double %a float %a long double %La\n", q, (double)fq, lq);
        printf("  -1/3 %a sqrt2 %a 1e308*10 %g\n", -one / three, sqrt(2.0 * one), big * 10);
        printf("  rint(2.5) %g rint(-2.5) %g nearbyint(3.5) %g lrint(2.5) %ld llrint(-3.5) %lld\n", rint(half), rint(neg),
               nearbyint(3.5 * one), lrint(half), llrint(-3.5 * one));
        printf("  (float)0.1 %a (float)1e40 %g (int)2.7 %d (long)(-2.7) %ld\n", (double)(float)(0.1 * one), (double)(float)(1e40 * one),
               (int)(2.7 * one), (long)(-2.7 * one));
        printf("  (double)2^63-1 %a (float)16777217 %a\n", (double)(int64_t)(INT64_MAX - (int64_t)zero),
               (double)(float)(16777217 + (int)zero));
        printf("  strtod-like sum %.17g\n", 0.1 * one + 0.2 * one);
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r;
    r = one / three; flags("1/3");
    r = one / zero; flags("1/0");
    r = zero / zero; flags("0/0");
    r = big * big; flags("big*big");
    r = tiny * tiny; flags("tiny*tiny");
    r = sqrt(-one); flags("sqrt(-1)");
    r = one + one; flags("1+1");
    volatile int iv = (int)(1e10 * one); flags("(int)1e10");
    (void)r; (void)iv;
    printf("(int)1e10 = %d, (long)nan = %ld\n", (int)(1e10 * one), (long)(zero / zero));
    /* denormals */
    double d = DBL_MIN;
    int steps = 0;
    while (d > 0) { d /= 2; steps++; }
    printf("halvings from DBL_MIN to 0: %d\n", steps);
    float fd = FLT_MIN;
    steps = 0;
    while (fd > 0) { fd /= 3; steps++; }
    printf("float thirds from FLT_MIN to 0: %d\n", steps);
    printf("denormal arith %a %a %a\n", 5e-324 * 3, 4.9e-324 + 4.9e-324, DBL_MIN - DBL_MIN / 3);
    /* unsigned conversions */
    volatile double u = 18446744073709549568.0, v = 9223372036854775808.0;
    printf("u64 %llu %llu, from u64 %a %a %a\n", (unsigned long long)u, (unsigned long long)v,
           (double)(uint64_t)(0xffffffffffffffffULL - (uint64_t)zero), (double)(uint64_t)(0x8000000000000401ULL + (uint64_t)zero),
           (double)(float)(uint64_t)(0x8000008000000001ULL + (uint64_t)zero));
    printf("u32 %u from float %u\n", (unsigned)(4294967040.0 * one), (unsigned)(3.9e9f * f1));
    /* long double conversions */
    long double x = 1.0L / 3;
    printf("ld->d %a ld->f %a d->ld %La ld(2^64) %La ld->u64 %llu\n", (double)x, (double)(float)x, (long double)(one / three),
           (long double)UINT64_MAX, (unsigned long long)(18446744073709551615.0L * l1));
    /* fenv save/restore */
    fenv_t env;
    fegetenv(&env);
    fesetround(FE_UPWARD);
    fenv_t held;
    feholdexcept(&held);
    printf("held mode %s\n", rname(fegetround()));
    fesetenv(&env);
    printf("restored mode %s\n", rname(fegetround()));
    return 0;
}
