// long double (x87 80-bit) arithmetic printed with %La and %.30Lg.
#include <stdio.h>
#include <float.h>

int main(void) {
    long double a = 1.0L, b = 3.0L;
    long double third = a / b;
    printf("%La\n%.30Lg\n", third, third);
    long double vals[] = { 0.1L, 1e300L * 1e300L, 1e-4940L, LDBL_MAX, LDBL_MIN, LDBL_EPSILON,
                           -2.5L, 12345678901234567890.0L, 3.14159265358979323846264338327950288L };
    for (int i = 0; i < (int)(sizeof vals / sizeof vals[0]); i++) {
        long double v = vals[i];
        printf("%d: %La | %.30Lg | %Le | %.5Lf | %Lg\n", i, v, v, v, v, v);
    }
    /* harmonic series and factorial in long double */
    long double h = 0, fact = 1;
    for (int i = 1; i <= 1000; i++) {
        h += 1.0L / i;
        if (i <= 30) fact *= i;
    }
    printf("H(1000) = %.30Lg  %La\n", h, h);
    printf("30! = %.30Lg  %La\n", fact, fact);
    /* Newton sqrt(2) in long double */
    long double x = 1;
    for (int i = 0; i < 10; i++) x = (x + 2 / x) / 2;
    printf("sqrt2 = %.30Lg %La\n", x, x);
    /* mixed conversions */
    double d = (double)third;
    long long ll = (long long)(third * 1e18L);
    unsigned long long ull = (unsigned long long)(LDBL_EPSILON * 1e30L);
    printf("%.20g %lld %llu\n", d, ll, ull);
    long double big = 18446744073709551615.0L;
    printf("%llu %.30Lg\n", (unsigned long long)big, big);
    long double neg = -9223372036854775808.0L;
    printf("%lld\n", (long long)neg);
    /* comparisons and rounding */
    long double p = 0.1L + 0.2L, q = 0.3L;
    printf("%d %d %d\n", p == q, p < q, p > q);
    printf("%La %La\n", p, q);
    long double acc = 0;
    for (int i = 0; i < 5000; i++) acc += (long double)i * i / 7.0L - acc / 1024.0L;
    printf("acc = %.30Lg\n", acc);
    printf("sizeof(long double) = %zu, LDBL_MANT_DIG = %d\n", sizeof(long double), LDBL_MANT_DIG);
    return 0;
}
