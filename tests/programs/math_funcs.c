// libm: sin cos tan asin acos atan atan2 exp exp2 expm1 log log2 log10 log1p
// pow sqrt cbrt hypot fmod remainder floor ceil round trunc rint frexp ldexp
// modf sinh cosh tanh erf tgamma lgamma fma nextafter, float versions too.
#include <stdio.h>
#include <math.h>
#include <float.h>

static const double xs[] = { 0.0, -0.0, 0.5, -0.5, 1.0, 2.0, 3.0, 10.0, 0.1, 1e-10, 100.25, -7.75,
                             3.141592653589793, 1e22, 700.0, -700.0, 1e-310, 0.7853981633974483 };
#define NX (int)(sizeof xs / sizeof xs[0])

int main(void) {
    for (int i = 0; i < NX; i++) {
        double x = xs[i];
        printf("x=%.17g\n", x);
        printf("  sin %.17g cos %.17g tan %.17g\n", sin(x), cos(x), tan(x));
        printf("  exp %.17g exp2 %.17g expm1 %.17g\n", exp(x), exp2(x), expm1(x));
        printf("  log %.17g log2 %.17g log10 %.17g log1p %.17g\n", log(fabs(x)), log2(fabs(x)), log10(fabs(x)), log1p(fabs(x)));
        printf("  sqrt %.17g cbrt %.17g pow(x,1.5) %.17g pow(1.5,x) %.17g\n", sqrt(fabs(x)), cbrt(x), pow(fabs(x), 1.5), pow(1.5, x));
        printf("  asin %.17g acos %.17g atan %.17g atan2 %.17g\n", asin(fmod(x, 1.0)), acos(fmod(x, 1.0)), atan(x), atan2(x, -1.5));
        printf("  sinh %.17g cosh %.17g tanh %.17g erf %.17g\n", sinh(fmod(x, 50)), cosh(fmod(x, 50)), tanh(x), erf(x));
        printf("  floor %g ceil %g round %g trunc %g rint %g nearbyint %g lround %ld\n", floor(x), ceil(x), round(x), trunc(x),
               rint(x), nearbyint(x), fabs(x) < 1e18 ? lround(x) : 0L);
        int e;
        double ip, fr = frexp(x, &e), mf = modf(x, &ip);
        printf("  frexp %.17g %d ldexp %.17g modf %.17g %.17g fmod %.17g remainder %.17g\n", fr, e, ldexp(x, -3),
               mf, ip, fmod(x, 0.7), remainder(x, 0.7));
        printf("  hypot %.17g fma %.17g nextafter %.17g tgamma %.17g lgamma %.17g\n", hypot(x, 3), fma(x, x, -1),
               nextafter(x, 1e300), tgamma(fmod(x, 20)), lgamma(fabs(x) + 0.5));
        float xf = (float)x;
        printf("  f: sin %.9g exp %.9g log %.9g sqrt %.9g pow %.9g atan2 %.9g\n", sinf(xf), expf(fmodf(xf, 80)),
               logf(fabsf(xf)), sqrtf(fabsf(xf)), powf(fabsf(xf), 0.75f), atan2f(xf, 2.5f));
    }
    printf("specials: %g %g %g %g %g %g\n", sqrt(-1.0), log(0.0), log(-1.0), exp(1000), pow(0, -1), pow(-8, 1.0 / 3));
    printf("ilogb %d %d logb %g scalbn %g copysign %g fdim %g fmax %g fmin %g\n", ilogb(1000.0), ilogb(DBL_MIN / 4),
           logb(0.001), scalbn(1.5, 100), copysign(3, -0.0), fdim(5, 3), fmax(NAN, 2), fmin(-0.0, 0.0));
    printf("classify %d %d %d %d %d signbit %d isnan %d isinf %d\n", fpclassify(0.0), fpclassify(1e-310), fpclassify(1.0),
           fpclassify(INFINITY), fpclassify(NAN), signbit(-0.0) != 0, isnan(NAN) != 0, isinf(-INFINITY));
    /* a numerical integration that depends on many libm calls */
    double s = 0;
    for (int k = 0; k < 20000; k++) {
        double t = k * 0.0005;
        s += exp(-t) * sin(3 * t) * cos(t / 2) + log1p(t) / (1 + t * t) + pow(t, 0.3);
    }
    printf("integral %.17g\n", s * 0.0005);
    return 0;
}
