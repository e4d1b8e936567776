// long double math functions (tests/x87.test.mjs). glibc and musl compute expl, logl,
// powl, atan2l ... with fyl2x, f2xm1, fpatan, fscale, frndint and fsin/fcos/fptan
// (depending on the library), whose x64vm implementations are approximate (within a
// few units in the last place of the 64-bit significand): results are printed to 15
// significant digits, and special cases exactly.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return rs; }
static long double u01(void) { return (long double)(rnd() >> 11) / 9007199254740992.0L; }

static void p(const char *name, long double x, long double r) {
  if (isnan(r) || isinf(r) || r == 0) printf("%s(%.21Lg) = %Lg\n", name, x, r);
  else printf("%s(%.21Lg) = %.15Lg\n", name, x, r);
}
static void p2(const char *name, long double x, long double y, long double r) {
  if (isnan(r) || isinf(r) || r == 0) printf("%s(%.21Lg, %.21Lg) = %Lg\n", name, x, y, r);
  else printf("%s(%.21Lg, %.21Lg) = %.15Lg\n", name, x, y, r);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100;
  static const long double specials[] = {0.0L, -0.0L, 1.0L, -1.0L, 0.5L, 2.0L, 10.0L, INFINITY, -INFINITY, NAN, 1e-4000L, 1e4000L, 3.14159265358979323846L};
  for (unsigned i = 0; i < sizeof specials / sizeof specials[0]; i++) {
    long double x = specials[i];
    p("sinl", x, sinl(x)); p("cosl", x, cosl(x)); p("tanl", x, tanl(x)); p("atanl", x, atanl(x));
    p("expl", x, expl(x)); p("exp2l", x, exp2l(x)); p("expm1l", x, expm1l(x)); p("logl", x, logl(x));
    p("log2l", x, log2l(x)); p("log10l", x, log10l(x)); p("log1pl", x, log1pl(x));
    p("asinl", x, asinl(x)); p("acosl", x, acosl(x)); p("sinhl", x, sinhl(x)); p("tanhl", x, tanhl(x));
    p2("atan2l", x, 1.0L, atan2l(x, 1.0L)); p2("atan2l", -1.0L, x, atan2l(-1.0L, x));
    p2("powl", x, 2.5L, powl(x, 2.5L)); p2("powl", 2.0L, x, powl(2.0L, x));
  }
  for (int i = 0; i < n; i++) {
    long double a = (u01() - 0.5L) * 20, b = u01() * 100 + 1e-3L, c = (u01() - 0.5L) * 1.9L;
    p("sinl", a, sinl(a)); p("cosl", a, cosl(a)); p("tanl", a, tanl(a)); p("atanl", a, atanl(a));
    p("expl", a, expl(a)); p("exp2l", a, exp2l(a)); p("expm1l", c, expm1l(c)); p("logl", b, logl(b));
    p("log2l", b, log2l(b)); p("log10l", b, log10l(b)); p("log1pl", c, log1pl(c));
    p("asinl", c / 2, asinl(c / 2)); p("acosl", c / 2, acosl(c / 2)); p("sinhl", a, sinhl(a)); p("tanhl", a, tanhl(a));
    p2("atan2l", a, c, atan2l(a, c)); p2("powl", b, a, powl(b, a)); p2("hypotl", a, c, hypotl(a, c));
    p("cbrtl", a, cbrtl(a)); p("sqrtl", b, sqrtl(b));
  }
  // raw instructions on a few arguments, printed the same way
  for (int i = 0; i < n / 4; i++) {
    long double x = (u01() - 0.5L) * 8, r, s;
    unsigned short sw;
    __asm__("fsin\n fnstsw %1" : "=t"(r), "=m"(sw) : "0"(x)); p("fsin", x, r);
    __asm__("fcos" : "=t"(r) : "0"(x)); p("fcos", x, r);
    __asm__("fsincos" : "=t"(r), "=u"(s) : "0"(x)); p("fsincos.cos", x, r); p("fsincos.sin", x, s);
    __asm__("fptan\n fstp %%st(0)" : "=t"(r) : "0"(x)); p("fptan", x, r);
    long double h = x / 8;
    __asm__("f2xm1" : "=t"(r) : "0"(h)); p("f2xm1", h, r);
    __asm__("fyl2x" : "=t"(r) : "0"(fabsl(x) + 0.01L), "u"(1.5L) : "st(1)"); p("fyl2x", fabsl(x) + 0.01L, r);
    __asm__("fyl2xp1" : "=t"(r) : "0"(h / 4), "u"(1.5L) : "st(1)"); p("fyl2xp1", h / 4, r);
    __asm__("fpatan" : "=t"(r) : "0"(x), "u"(h) : "st(1)"); p("fpatan", x, r);
  }
  long double big = 0x1p70L, r;
  unsigned short sw;
  __asm__("fsin\n fnstsw %1" : "=t"(r), "=m"(sw) : "0"(big));
  printf("fsin(2^70): %La C2=%d\n", r, (sw >> 10) & 1);
  return 0;
}
