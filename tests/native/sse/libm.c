/* libm and <fenv.h> through the C library (glibc or musl, both SSE2-based on x86-64):
 * elementary functions over many arguments in every rounding mode, float and double
 * printing, and the exception flags fenv reports. Output in %a and hex. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }
static uint32_t bitsf(float x) { uint32_t b; memcpy(&b, &x, 4); return b; }

static const int MODES[] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO };

int main(void) {
  volatile double args[64];
  int n = 0;
  for (double x = -7.25; x < 7.5 && n < 40; x += 0.37) args[n++] = x;
  args[n++] = 0.0; args[n++] = -0.0; args[n++] = 1e-310; args[n++] = 1e300; args[n++] = -1e300;
  args[n++] = INFINITY; args[n++] = -INFINITY; args[n++] = NAN; args[n++] = 0.5; args[n++] = 1.0;
  args[n++] = 710.0; args[n++] = -745.5; args[n++] = 1e-20; args[n++] = 3.0e9;
  for (int m = 0; m < 4; m++) {
    fesetround(MODES[m]);
    for (int k = 0; k < n; k++) {
      double x = args[k];
      feclearexcept(FE_ALL_EXCEPT);
      double r[] = { sqrt(x), exp(x), log(fabs(x)), sin(x), cos(x), tan(x), atan(x), pow(fabs(x), 0.75),
                     floor(x), ceil(x), round(x), trunc(x), rint(x), nearbyint(x), fmod(x, 1.7), hypot(x, 2.0),
                     cbrt(x), expm1(x), log1p(fabs(x)), sinh(x) };
      float f = (float)x;
      float rf[] = { sqrtf(f), expf(f), logf(fabsf(f)), sinf(f), cosf(f), floorf(f), rintf(f), powf(fabsf(f), 1.5f) };
      int ex = fetestexcept(FE_ALL_EXCEPT);
      printf("m%d x=%a ex=%02x", m, x, ex);
      for (unsigned j = 0; j < sizeof r / sizeof r[0]; j++) printf(" %016llx", (unsigned long long)bits(r[j]));
      for (unsigned j = 0; j < sizeof rf / sizeof rf[0]; j++) printf(" %08x", bitsf(rf[j]));
      printf(" %ld %lld %d\n", lrint(x * 1000), (long long)llround(x * 3), (int)(x * 7));
    }
  }
  fesetround(FE_TONEAREST);
  for (int k = 0; k < n; k++) printf("%.17g %g %e %.3f %a\n", args[k], args[k] / 3, args[k] * 7, (float)args[k], args[k]);
  /* fenv exception flags raised by SSE arithmetic */
  volatile double z = 0.0, one = 1.0, big = 1e308, tiny = 1e-308;
  struct { const char *name; double v; } ops[] = {
    { "1/0", 0 }, { "0/0", 0 }, { "big*big", 0 }, { "tiny*tiny", 0 }, { "1/3", 0 },
  };
  for (int k = 0; k < 5; k++) {
    feclearexcept(FE_ALL_EXCEPT);
    switch (k) {
      case 0: ops[k].v = one / z; break;
      case 1: ops[k].v = z / z; break;
      case 2: ops[k].v = big * big; break;
      case 3: ops[k].v = tiny * tiny; break;
      default: ops[k].v = one / 3; break;
    }
    printf("%s = %a flags %02x\n", ops[k].name, ops[k].v, fetestexcept(FE_ALL_EXCEPT));
  }
  fenv_t env;
  fegetenv(&env);
  feraiseexcept(FE_INEXACT | FE_OVERFLOW);
  printf("raised %02x\n", fetestexcept(FE_ALL_EXCEPT));
  fesetenv(&env);
  printf("restored %02x round %d\n", fetestexcept(FE_ALL_EXCEPT), fegetround());
  return 0;
}
