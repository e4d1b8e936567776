// Formatted floating-point output: %f %e %g %a with many values, including
// halfway cases, subnormals, huge values, signed zero, inf and nan.
#include <stdio.h>
#include <float.h>
#include <math.h>

static const double vals[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 3.5, -2.5, 0.125, 0.375, 1e-5, 1.0 / 3.0,
    2.0 / 3.0, 0.1, 0.2, 0.3, 0.7, 1e15, 1e16, 1e17, 123456789.125, 9.999999,
    99.95, 999.5, 0.05, 0.15, 0.25, 0.35, 0.45, 1.005, 2.675, 1e21, 1e22, 1e23,
    5e-324, 2.2250738585072014e-308, 2.2250738585072009e-308, 1.7976931348623157e308,
    4.35, 8.345, 1234.5678, 9.5, 10.5, 0.000123456, 6.02214076e23, 1.602176634e-19,
    3.141592653589793, 2.718281828459045, 1e-300, 12345678901234567890.0,
    0.9999999999999999, 1.0000000000000002, 4503599627370496.5, 9007199254740993.0,
};

int main(void) {
    const int n = sizeof vals / sizeof vals[0];
    for (int i = 0; i < n; i++) {
        double v = vals[i];
        printf("%d: %f|%.0f|%.1f|%.2f|%.3f|%.10f\n", i, v, v, v, v, v, v);
        printf("   %e|%.0e|%.3e|%.16e|%E\n", v, v, v, v, v);
        printf("   %g|%.1g|%.3g|%.10g|%.17g|%#g|%G\n", v, v, v, v, v, v, v);
        printf("   %a|%.0a|%.3a|%.13a|%A\n", v, v, v, v, v);
        printf("   [%12.4f][%-12.4f][%+.3e][% g][%012.3f][%+012g]\n", v, v, v, v, v, v);
    }
    double specials[] = { INFINITY, -INFINITY, NAN, -NAN };
    for (int i = 0; i < 4; i++) {
        double v = specials[i];
        printf("special %d: %f %F %e %E %g %G %a %A [%8f] [%-8e]\n",
               i, v, v, v, v, v, v, v, v, v, v);
    }
    float f = 16777217.0f;
    printf("float: %f %g %a %.9g\n", f, f, f, (double)0.1f);
    printf("%.60f\n", 0.1);
    printf("%.40e\n", 5e-324);
    printf("%.320f\n", 5e-324);
    printf("%.0f\n", 1.7976931348623157e308);
    printf("%*.*f|%-*.*e\n", 15, 5, 3.25, 14, 2, -7.125);
    for (double x = 0.5; x < 20; x += 1.0) printf("%.0f ", x);
    printf("\n");
    for (int k = -10; k <= 10; k++) printf("%g ", ldexp(1.0, k * 7));
    printf("\n");
    return 0;
}
