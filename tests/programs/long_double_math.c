// long double libm (on x86-64 glibc these use x87 instructions such as fsin,
// fyl2x, f2xm1, fpatan, fsqrt, frndint, fprem): sinl cosl tanl expl logl
// powl sqrtl atan2l fmodl remainderl floorl ceill roundl truncl rintl cbrtl.
#include <stdio.h>
#include <math.h>

int main(void) {
    long double xs[] = { 0.5L, 1.0L, 2.0L, 3.0L, 10.0L, 0.1L, 100.5L, -7.25L, 1e-5L, 123456.789L, 3.14159265358979323846L };
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        long double x = xs[i];
        printf("x=%.21Lg\n", x);
        printf("  sin %.21Lg cos %.21Lg tan %.21Lg\n", sinl(x), cosl(x), tanl(x));
        printf("  exp %.21Lg log %.21Lg log2 %.21Lg log10 %.21Lg\n", expl(x / 8), logl(fabsl(x)), log2l(fabsl(x)), log10l(fabsl(x)));
        printf("  pow %.21Lg sqrt %.21Lg cbrt %.21Lg atan2 %.21Lg atan %.21Lg\n", powl(fabsl(x), 0.3L), sqrtl(fabsl(x)), cbrtl(x),
               atan2l(x, 2.0L), atanl(x));
        printf("  fmod %.21Lg remainder %.21Lg floor %Lg ceil %Lg round %Lg trunc %Lg rint %Lg\n", fmodl(x, 0.75L),
               remainderl(x, 0.75L), floorl(x), ceill(x), roundl(x), truncl(x), rintl(x));
        int e;
        long double fr = frexpl(x, &e);
        printf("  frexp %.21Lg %d ldexp %La hypot %.21Lg\n", fr, e, ldexpl(x, 20), hypotl(x, 1.5L));
    }
    long double s = 0;
    for (int k = 1; k < 2000; k++) s += sinl((long double)k) / k + expl(-(long double)k / 100) * logl((long double)k);
    printf("sum %.21Lg %La\n", s, s);
    return 0;
}
