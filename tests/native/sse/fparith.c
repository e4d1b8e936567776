/* SSE/SSE2 floating-point arithmetic: add/sub/mul/div/min/max/sqrt in packed and
 * scalar forms, register and memory sources, over special and random operands, in
 * every rounding mode with and without DAZ/FTZ. Prints result bits and MXCSR.
 * usage: fparith ps|pd|ss|sd|rand32|rand64 */
#include <stdio.h>
#include <stdlib.h>
#include "common.h"

#define DEF_BIN(fn, insn)                                                                     \
  static uint32_t fn##_r(v128 *d, const v128 *s, uint32_t mx) {                               \
    __asm__ volatile("ldmxcsr %[m]\n\tmovups %[d], %%xmm0\n\tmovups %[s], %%xmm1\n\t" insn     \
                     " %%xmm1, %%xmm0\n\tmovups %%xmm0, %[d]\n\tstmxcsr %[m]"                 \
                     : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s) : "xmm0", "xmm1");             \
    return mx;                                                                                \
  }                                                                                           \
  static uint32_t fn##_m(v128 *d, const v128 *s, uint32_t mx) {                               \
    __asm__ volatile("ldmxcsr %[m]\n\tmovups %[d], %%xmm3\n\t" insn                           \
                     " %[s], %%xmm3\n\tmovups %%xmm3, %[d]\n\tstmxcsr %[m]"                   \
                     : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s) : "xmm3");                     \
    return mx;                                                                                \
  }

DEF_BIN(addps, "addps") DEF_BIN(subps, "subps") DEF_BIN(mulps, "mulps") DEF_BIN(divps, "divps")
DEF_BIN(minps, "minps") DEF_BIN(maxps, "maxps") DEF_BIN(sqrtps, "sqrtps")
DEF_BIN(addpd, "addpd") DEF_BIN(subpd, "subpd") DEF_BIN(mulpd, "mulpd") DEF_BIN(divpd, "divpd")
DEF_BIN(minpd, "minpd") DEF_BIN(maxpd, "maxpd") DEF_BIN(sqrtpd, "sqrtpd")
DEF_BIN(addss, "addss") DEF_BIN(subss, "subss") DEF_BIN(mulss, "mulss") DEF_BIN(divss, "divss")
DEF_BIN(minss, "minss") DEF_BIN(maxss, "maxss") DEF_BIN(sqrtss, "sqrtss")
DEF_BIN(addsd, "addsd") DEF_BIN(subsd, "subsd") DEF_BIN(mulsd, "mulsd") DEF_BIN(divsd, "divsd")
DEF_BIN(minsd, "minsd") DEF_BIN(maxsd, "maxsd") DEF_BIN(sqrtsd, "sqrtsd")

typedef uint32_t (*binfn)(v128 *, const v128 *, uint32_t);
struct op { const char *name; binfn r, m; };
#define OP(n) { #n, n##_r, n##_m }
static const struct op PS[] = { OP(addps), OP(subps), OP(mulps), OP(divps), OP(minps), OP(maxps), OP(sqrtps) };
static const struct op PD[] = { OP(addpd), OP(subpd), OP(mulpd), OP(divpd), OP(minpd), OP(maxpd), OP(sqrtpd) };
static const struct op SS[] = { OP(addss), OP(subss), OP(mulss), OP(divss), OP(minss), OP(maxss), OP(sqrtss) };
static const struct op SD[] = { OP(addsd), OP(subsd), OP(mulsd), OP(divsd), OP(minsd), OP(maxsd), OP(sqrtsd) };

static void run(const struct op *o, int use_mem, int cfg, const v128 *a, const v128 *b, int idx) {
  v128 d = *a;
  uint32_t mx = (use_mem ? o->m : o->r)(&d, b, MXCSR_CONFIGS[cfg]);
  out_s(o->name); out_c(use_mem ? 'm' : 'r'); out_c(' '); out_hex(cfg, 2); out_c(' '); out_hex(idx, 5); out_c(' ');
  out_v(&d); out_h32(mx); out_nl();
}

/* packed: all pairs of the special values, four (two) pairs per instruction, every config */
static void packed32(void) {
  int n = 0;
  v128 a, b;
  for (unsigned i = 0; i < NF32; i++)
    for (unsigned j = 0; j < NF32; j++) {
      a.u[n & 3] = F32[i]; b.u[n & 3] = F32[j];
      if ((++n & 3) == 0 || (i == NF32 - 1 && j == NF32 - 1))
        for (unsigned k = 0; k < sizeof PS / sizeof PS[0]; k++)
          for (unsigned c = 0; c < NCONFIGS; c++) run(&PS[k], c & 1, c, &a, &b, n);
    }
}
static void packed64(void) {
  int n = 0;
  v128 a, b;
  for (unsigned i = 0; i < NF64; i++)
    for (unsigned j = 0; j < NF64; j++) {
      a.q[n & 1] = F64[i]; b.q[n & 1] = F64[j];
      if ((++n & 1) == 0)
        for (unsigned k = 0; k < sizeof PD / sizeof PD[0]; k++)
          for (unsigned c = 0; c < NCONFIGS; c++) run(&PD[k], c & 1, c, &a, &b, n);
    }
}
/* scalar: upper lanes of both operands hold markers that must pass through untouched */
static const int SCALAR_CFGS[] = { 0, 3, 5, 10, 13, 14 };
static void scalar32(void) {
  int n = 0;
  v128 a = { .u = { 0, 0x7fa00001, 0x12345678, 0xffffffff } }, b = { .u = { 0, 0x7f800001, 0x3f800000, 0 } };
  for (unsigned i = 0; i < NF32; i++)
    for (unsigned j = 0; j < NF32; j++, n++) {
      a.u[0] = F32[i]; b.u[0] = F32[j];
      for (unsigned k = 0; k < sizeof SS / sizeof SS[0]; k++)
        for (unsigned c = 0; c < sizeof SCALAR_CFGS / sizeof SCALAR_CFGS[0]; c++) run(&SS[k], (n + c) & 1, SCALAR_CFGS[c], &a, &b, n);
    }
}
static void scalar64(void) {
  int n = 0;
  v128 a = { .q = { 0, 0x7ff4000000000001ull } }, b = { .q = { 0, 0x3ff0000000000000ull } };
  for (unsigned i = 0; i < NF64; i++)
    for (unsigned j = 0; j < NF64; j++, n++) {
      a.q[0] = F64[i]; b.q[0] = F64[j];
      for (unsigned k = 0; k < sizeof SD / sizeof SD[0]; k++)
        for (unsigned c = 0; c < sizeof SCALAR_CFGS / sizeof SCALAR_CFGS[0]; c++) run(&SD[k], (n + c) & 1, SCALAR_CFGS[c], &a, &b, n);
    }
}
/* random operands; half the pairs share (almost) an exponent so that add/sub cancel */
static void random32(int count) {
  v128 a, b;
  for (int n = 0; n < count; n++) {
    for (int l = 0; l < 4; l++) {
      a.u[l] = rnd_f32(); b.u[l] = rnd_f32();
      if (l & 1) b.u[l] = (b.u[l] & 0x807fffff) | ((a.u[l] + (rnd32() % 3 << 23)) & 0x7f800000);
    }
    for (unsigned k = 0; k < sizeof PS / sizeof PS[0]; k++)
      for (unsigned c = 0; c < NCONFIGS; c++) run(&PS[k], c & 1, c, &a, &b, n);
  }
}
static void random64(int count) {
  v128 a, b;
  for (int n = 0; n < count; n++) {
    for (int l = 0; l < 2; l++) {
      a.q[l] = rnd_f64(); b.q[l] = rnd_f64();
      if (l & 1) b.q[l] = (b.q[l] & 0x800fffffffffffffull) | ((a.q[l] + ((uint64_t)(rnd32() % 3) << 52)) & 0x7ff0000000000000ull);
    }
    for (unsigned k = 0; k < sizeof PD / sizeof PD[0]; k++)
      for (unsigned c = 0; c < NCONFIGS; c++) run(&PD[k], c & 1, c, &a, &b, n);
  }
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  if (!strcmp(what, "ps")) packed32();
  else if (!strcmp(what, "pd")) packed64();
  else if (!strcmp(what, "ss")) scalar32();
  else if (!strcmp(what, "sd")) scalar64();
  else if (!strcmp(what, "rand32")) random32(argc > 2 ? atoi(argv[2]) : 3000);
  else if (!strcmp(what, "rand64")) random64(argc > 2 ? atoi(argv[2]) : 3000);
  else { fprintf(stderr, "usage: fparith ps|pd|ss|sd|rand32|rand64 [n]\n"); return 2; }
  flush_out();
  return 0;
}
