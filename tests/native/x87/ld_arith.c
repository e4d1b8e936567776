// long double through libc (tests/x87.test.mjs): arithmetic, conversions in every
// rounding mode, precision control, comparisons with NaN, classification, fprem /
// fprem1, rounding to integers, BCD, environment images and stack faults, printed
// with %La and %.25Lg. Built with gcc and musl-gcc at -O0 and -O2; the output under
// x64vm must equal the native one byte for byte.
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rs = 88172645463325252ULL;
static uint64_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return rs; }

static long double mk(uint16_t se, uint64_t m) {
  long double x = 0;
  memcpy(&x, &m, 8);
  memcpy((char *)&x + 8, &se, 2);
  return x;
}

/** A random long double from the interesting classes (no unsupported encodings). */
static long double rndld(void) {
  uint64_t r = rnd();
  uint16_t s = (uint16_t)((rnd() & 1) << 15);
  switch (rnd() % 16) {
  case 0: return (long double)(int64_t)(r % 2001) - 1000;
  case 1: return mk(s | (uint16_t)(0x3fff - 70 + rnd() % 140), r | 1ULL << 63);
  case 2: return mk(s | (uint16_t)(1 + rnd() % 0x7ffe), r | 1ULL << 63);
  case 3: return mk(s, r >> (rnd() % 64));                                   // denormal or 0
  case 4: return mk(s | (uint16_t)(0x7ffe - rnd() % 40), r | 1ULL << 63);    // huge
  case 5: return mk(s | (uint16_t)(1 + rnd() % 40), r | 1ULL << 63);         // tiny
  case 6: return mk(s | (uint16_t)(0x3fff + rnd() % 64), (r | 1ULL << 63) & ~((1ULL << (rnd() % 64)) - 1)); // integers and halves
  case 7: { double d; uint64_t b = rnd(); memcpy(&d, &b, 8); return isnan(d) ? (long double)d : d; }
  case 8: return (rnd() & 1) ? INFINITY : -INFINITY;
  case 9: return (rnd() & 1) ? NAN : -NAN;
  case 10: return mk(s | 0x3fff, (1ULL << 63) | (r & ~0x7ffULL) | 0x400);          // double ties
  default: return mk(s | (uint16_t)(0x3fff - 8 + rnd() % 16), r | 1ULL << 63);
  }
}

// decimal output of huge and tiny values is slow in musl (thousands of digits): hex only
static void pr(const char *tag, long double x) {
  long double ax = fabsl(x);
  if (ax == 0 || isnan(x) || isinf(x) || (ax > 1e-400L && ax < 1e400L)) printf(" %s=%La|%.25Lg", tag, x, x);
  else printf(" %s=%La", tag, x);
}
static void hex(const void *p, int n) { const unsigned char *b = p; for (int i = 0; i < n; i++) printf("%02x", b[i]); }

static const int modes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
static const char *mname[4] = {"near", "down", "up", "zero"};

static unsigned short getcw(void) { unsigned short cw; __asm__ volatile("fnstcw %0" : "=m"(cw)); return cw; }
static void setcw(unsigned short cw) { __asm__ volatile("fldcw %0" : : "m"(cw)); }
static unsigned short getsw(void) { unsigned short sw; __asm__ volatile("fnstsw %0" : "=m"(sw)); return sw; }

static volatile long double va, vb;

static void arith(int n) {
  printf("== arithmetic\n");
  for (int i = 0; i < n; i++) {
    va = rndld(); vb = rndld();
    for (int m = 0; m < 4; m++) {
      fesetround(modes[m]);
      __asm__ volatile("fnclex");
      long double a = va, b = vb;
      printf("%d %s", i, mname[m]);
      pr("a", a); pr("b", b);
      pr("add", a + b); pr("sub", a - b); pr("mul", a * b); pr("div", a / b);
      pr("sqrt", sqrtl(fabsl(a)));
      printf(" sw=%04x\n", getsw() & 0x3f3f);
    }
  }
  fesetround(FE_TONEAREST);
}

static void conversions(int n) {
  printf("== conversions\n");
  for (int i = 0; i < n; i++) {
    long double a = rndld();
    if (i % 3 == 0) a = (long double)(int64_t)rnd() / (long double)(1 << (rnd() % 20));
    for (int m = 0; m < 4; m++) {
      fesetround(modes[m]);
      va = a;
      printf("%d %s", i, mname[m]);
      pr("a", va);
      if (!isnan(a) && fabsl(a) < 2e9L) printf(" int=%d short=%d", (int)va, (short)(int)va);
      if (!isnan(a) && fabsl(a) < 9e18L) printf(" ll=%lld", (long long)va);
      if (!isnan(a) && a >= 0 && a < 1.8e19L) printf(" ull=%llu", (unsigned long long)va);
      printf(" lrint=%ld llrint=%lld", lrintl(va), llrintl(va));
      printf(" f=%a d=%a", (double)(float)va, (double)va);
      printf(" sw=%04x\n", getsw() & 0x3f3f);
    }
  }
  printf("== from integers and doubles\n");
  for (int i = 0; i < n; i++) {
    int64_t k = (int64_t)rnd() >> (rnd() % 64);
    uint64_t u = rnd() >> (rnd() % 64);
    double d; uint64_t b = rnd(); memcpy(&d, &b, 8);
    float f = (float)d;
    volatile int32_t k32 = (int32_t)k; volatile int16_t k16 = (int16_t)k;
    printf("%d", i);
    pr("i64", (long double)k); pr("u64", (long double)u); pr("i32", (long double)k32);
    pr("i16", (long double)k16); pr("d", (long double)d); pr("f", (long double)f);
    printf("\n");
  }
  fesetround(FE_TONEAREST);
}

static void precision(int n) {
  printf("== precision control\n");
  unsigned short cw0 = getcw();
  for (int i = 0; i < n; i++) {
    va = rndld(); vb = rndld();
    for (int pc = 0; pc < 4; pc++) {
      for (int m = 0; m < 4; m++) {
        setcw((unsigned short)((cw0 & ~0xf00) | (pc << 8) | (m << 10)));
        __asm__ volatile("fnclex");
        long double a = va, b = vb;
        printf("%d pc%d rc%d", i, pc, m);
        pr("add", a + b); pr("sub", a - b); pr("mul", a * b); pr("div", a / b); pr("sqrt", sqrtl(fabsl(a)));
        printf(" sw=%04x\n", getsw() & 0x3f3f);
      }
    }
  }
  setcw(cw0);
}

static void compares(int n) {
  printf("== comparisons\n");
  for (int i = 0; i < n; i++) {
    long double a = rndld(), b = (i % 4 == 0) ? a : (i % 4 == 1) ? -a : rndld();
    va = a; vb = b;
    __asm__ volatile("fnclex");
    printf("%d lt%d le%d eq%d ne%d gt%d ge%d ilt%d ile%d igt%d ige%d ilg%d un%d", i,
           va < vb, va <= vb, va == vb, va != vb, va > vb, va >= vb,
           isless(va, vb), islessequal(va, vb), isgreater(va, vb), isgreaterequal(va, vb),
           islessgreater(va, vb), isunordered(va, vb));
    printf(" sw=%04x\n", getsw() & 0x3f3f);
  }
}

static void classes(void) {
  printf("== classification\n");
  long double v[] = {0.0L, -0.0L, 1.0L, -2.5L, INFINITY, -INFINITY, NAN, -NAN, LDBL_MIN, LDBL_MAX,
                     LDBL_TRUE_MIN, -LDBL_TRUE_MIN, LDBL_MIN / 2, mk(0x7fff, 0x8000000000000001ULL),
                     mk(0x7fff, 0xc000000000000000ULL), mk(0x0000, 0x8000000000000000ULL),
                     mk(0x3fff, 0x4000000000000000ULL), mk(0x7fff, 0x0000000000000000ULL),
                     mk(0x7fff, 0x4000000000000000ULL), mk(0x8000, 0x0000000000000001ULL)};
  for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
    long double x = v[i];
    unsigned short sw;
    __asm__ volatile("fxam\n fnstsw %0" : "=m"(sw) : "t"(x));
    printf("%u fxam=%04x class=%d inf=%d nan=%d fin=%d norm=%d sign=%d\n", i, sw & 0x4700,
           fpclassify(x), isinf(x) != 0, isnan(x) != 0, isfinite(x) != 0, isnormal(x) != 0, signbit(x) != 0);
  }
  // fxam of an empty register: C3 C0 and the sign of whatever it holds
  unsigned short sw;
  __asm__ volatile("fninit\n fld1\n fchs\n fstp %%st(0)\n fdecstp\n fincstp\n fxam\n fnstsw %0\n fninit" : "=m"(sw));
  printf("empty fxam=%04x\n", sw & 0x4700);
  printf("extremes %.25Lg %.25Lg %.25Lg %.25Lg\n", LDBL_MAX, -LDBL_MIN, LDBL_TRUE_MIN, LDBL_EPSILON);
}

static void remainders(int n) {
  printf("== fprem fprem1\n");
  for (int i = 0; i < n; i++) {
    long double a = rndld(), b = rndld();
    if (i % 2) b = (long double)(int)(rnd() % 100 + 1) * 0.75L;
    int q = 0;
    printf("%d", i);
    pr("a", a); pr("b", b);
    pr("fmod", fmodl(a, b)); pr("rem", remainderl(a, b)); pr("remquo", remquol(a, b, &q));
    printf(" q=%d\n", q & 7);
    // one partial step and its status word
    long double r; unsigned short sw;
    __asm__ volatile("fprem\n fnstsw %1" : "=t"(r), "=m"(sw) : "0"(a), "u"(b));
    printf("  step"); pr("r", r); printf(" sw=%04x\n", sw & 0x4700);
    __asm__ volatile("fprem1\n fnstsw %1" : "=t"(r), "=m"(sw) : "0"(a), "u"(b));
    printf("  step1"); pr("r", r); printf(" sw=%04x\n", sw & 0x4700);
  }
}

static void rounding(int n) {
  printf("== round to integer\n");
  for (int i = 0; i < n; i++) {
    long double a = (i % 2) ? rndld() : (long double)(int64_t)(rnd() % 20001 - 10000) / 4;
    for (int m = 0; m < 4; m++) {
      fesetround(modes[m]);
      va = a;
      printf("%d %s", i, mname[m]);
      pr("a", va); pr("rint", rintl(va)); pr("nearby", nearbyintl(va)); pr("floor", floorl(va));
      pr("ceil", ceill(va)); pr("trunc", truncl(va)); pr("round", roundl(va));
      printf("\n");
    }
  }
  fesetround(FE_TONEAREST);
}

static void bcd(int n) {
  printf("== fbstp fbld\n");
  for (int i = 0; i < n; i++) {
    long double a = (i % 3 == 0) ? rndld() : (long double)(int64_t)rnd() / (long double)(1ULL << (rnd() % 63));
    for (int m = 0; m < 4; m++) {
      unsigned char b[10];
      long double back;
      unsigned short sw;
      fesetround(modes[m]);
      __asm__ volatile("fnclex\n fbstp %0\n fnstsw %1" : "=m"(b), "=m"(sw) : "t"(a) : "st");
      __asm__ volatile("fbld %1" : "=t"(back) : "m"(b));
      printf("%d %s", i, mname[m]); pr("a", a); printf(" bcd="); hex(b, 10); pr("back", back);
      printf(" sw=%04x\n", sw & 0x3f3f);
    }
  }
  fesetround(FE_TONEAREST);
}

static void images(void) {
  printf("== environment images\n");
  unsigned char env[28], save[108];
  static float one = 1.0f, zero = 0.0f;
  __asm__ volatile("fninit\n fld1\n fldpi\n fldz\n flds %1\n fdivs %2\n fnstenv %0" : "=m"(env) : "m"(one), "m"(zero));
  printf("fnstenv "); hex(env, 28); printf("\n");
  __asm__ volatile("fnsave %0" : "=m"(save));
  printf("fnsave "); hex(save, 108); printf("\n");
  __asm__ volatile("fninit\n fldl2t\n fldl2e\n fldlg2\n fldln2\n fsqrt\n fnsave %0" : "=m"(save));
  printf("fnsave2 "); hex(save, 108); printf("\n");
  __asm__ volatile("frstor %1\n fxch %%st(2)\n fnsave %0" : "=m"(save) : "m"(save));
  printf("frstor+fxch "); hex(save, 108); printf("\n");
  static unsigned char fx[512] __attribute__((aligned(16)));
  memset(fx, 0x5a, sizeof fx);
  __asm__ volatile("fninit\n fld1\n fldz\n fxsave %0\n fninit" : "=m"(fx));
  printf("fxsave "); hex(fx, 160); printf(" "); hex(fx + 416, 96); printf("\n");
  __asm__ volatile("fxrstor %1\n fnstenv %0\n fninit" : "=m"(env) : "m"(fx));
  printf("fxrstor "); hex(env, 28); printf("\n");
}

static void stackfaults(void) {
  printf("== stack overflow and underflow\n");
  unsigned char save[108];
  unsigned short sw;
  __asm__ volatile("fninit\n fld1\n fld1\n fld1\n fld1\n fld1\n fld1\n fld1\n fld1\n fldpi\n fnstsw %0\n fnsave %1"
                   : "=m"(sw), "=m"(save));
  printf("overflow sw=%04x ", sw); hex(save, 108); printf("\n");
  __asm__ volatile("fninit\n fld1\n fstp %%st(0)\n fadd %%st(0), %%st(0)\n fnstsw %0\n fnsave %1" : "=m"(sw), "=m"(save));
  printf("underflow sw=%04x ", sw); hex(save, 108); printf("\n");
  long double x;
  __asm__ volatile("fninit\n fincstp\n fld %%st(3)\n fnstsw %0\n fstpt %1\n fninit" : "=m"(sw), "=m"(x));
  printf("fld empty sw=%04x", sw); pr("x", x); printf("\n");
  int k;
  __asm__ volatile("fninit\n fistpl %0\n fnstsw %1\n fninit" : "=m"(k), "=m"(sw));
  printf("fistp empty sw=%04x k=%08x\n", sw, (unsigned)k);
}

static void fenvs(void) {
  printf("== fenv\n");
  static const int ex[] = {FE_INVALID, FE_DIVBYZERO, FE_OVERFLOW, FE_UNDERFLOW, FE_INEXACT, FE_ALL_EXCEPT};
  for (unsigned k = 0; k < sizeof ex / sizeof ex[0]; k++) {
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(ex[k]);
    printf("raise %02x: test=%02x sw=%04x\n", ex[k], fetestexcept(FE_ALL_EXCEPT), getsw() & 0x3f3f);
  }
  fenv_t env, env2;
  feclearexcept(FE_ALL_EXCEPT);
  fesetround(FE_UPWARD);
  fegetenv(&env);
  volatile long double one = 1, three = 3;
  long double third = one / three;
  printf("after div: test=%02x", fetestexcept(FE_ALL_EXCEPT)); pr("third", third); printf("\n");
  feholdexcept(&env2);
  printf("held: test=%02x round=%d cw=%04x\n", fetestexcept(FE_ALL_EXCEPT), fegetround(), getcw());
  volatile long double z = 0;
  long double inf = one / z;
  printf("in hold: test=%02x", fetestexcept(FE_ALL_EXCEPT)); pr("inf", inf); printf("\n");
  feupdateenv(&env2);
  printf("updated: test=%02x round=%d cw=%04x\n", fetestexcept(FE_ALL_EXCEPT), fegetround(), getcw());
  fesetenv(FE_DFL_ENV);
  printf("default: test=%02x round=%d cw=%04x\n", fetestexcept(FE_ALL_EXCEPT), fegetround(), getcw());
  fesetenv(&env);
  printf("restored: test=%02x round=%d cw=%04x\n", fetestexcept(FE_ALL_EXCEPT), fegetround(), getcw());
  fesetenv(FE_DFL_ENV);
}

static void doubles(int n) {
  printf("== printf of doubles and strtold\n");
  for (int i = 0; i < n; i++) {
    double d; uint64_t b = rnd(); memcpy(&d, &b, 8);
    if (i % 3 == 0) d = (double)(int64_t)(rnd() % 2000000) / 1024.0;
    char buf[64];
    printf("%d %.17g %f %e %g %.30f\n", i, d, d, d, d, d);
    snprintf(buf, sizeof buf, "%.21Lg", rndld());
    long double x = strtold(buf, 0);
    printf("  %s", buf); pr("strtold", x); printf("\n");
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100;
  arith(n);
  conversions(n);
  precision(n / 4);
  compares(n);
  classes();
  remainders(n);
  rounding(n);
  bcd(n / 2);
  images();
  stackfaults();
  fenvs();
  doubles(n);
  return 0;
}
