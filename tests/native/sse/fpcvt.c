/* SSE/SSE2 comparisons, conversions and approximations: cmpps/pd/ss/sd with all eight
 * predicates, (u)comiss/(u)comisd flags, every conversion between integers, float and
 * double in every rounding mode, rcpps/rsqrtps. Prints result bits, flags and MXCSR.
 * usage: fpcvt cmp|comi|cvtint|cvtfp|cvtpacked|approx */
#include <stdio.h>
#include <stdlib.h>
#include "common.h"

static void head(const char *name, int cfg, int idx) {
  out_s(name); out_c(' '); out_hex(cfg, 2); out_c(' '); out_hex(idx, 5); out_c(' ');
}

/* ---- cmpps / cmppd / cmpss / cmpsd -------------------------------------------------- */
#define DEF_CMP(fn, insn, imm)                                                                 \
  static uint32_t fn(v128 *d, const v128 *s, uint32_t mx) {                                    \
    __asm__ volatile("ldmxcsr %[m]\n\tmovups %[d], %%xmm0\n\t" insn " $" #imm                 \
                     ", %[s], %%xmm0\n\tmovups %%xmm0, %[d]\n\tstmxcsr %[m]"                   \
                     : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s) : "xmm0");                      \
    return mx;                                                                                 \
  }
#define DEF_CMP8(insn) DEF_CMP(insn##0, #insn, 0) DEF_CMP(insn##1, #insn, 1) DEF_CMP(insn##2, #insn, 2) \
  DEF_CMP(insn##3, #insn, 3) DEF_CMP(insn##4, #insn, 4) DEF_CMP(insn##5, #insn, 5) DEF_CMP(insn##6, #insn, 6) \
  DEF_CMP(insn##7, #insn, 7) DEF_CMP(insn##_hi, #insn, 0xf9)
DEF_CMP8(cmpps) DEF_CMP8(cmppd) DEF_CMP8(cmpss) DEF_CMP8(cmpsd)
typedef uint32_t (*binfn)(v128 *, const v128 *, uint32_t);
static const binfn CMPPS[] = { cmpps0, cmpps1, cmpps2, cmpps3, cmpps4, cmpps5, cmpps6, cmpps7, cmpps_hi };
static const binfn CMPPD[] = { cmppd0, cmppd1, cmppd2, cmppd3, cmppd4, cmppd5, cmppd6, cmppd7, cmppd_hi };
static const binfn CMPSS[] = { cmpss0, cmpss1, cmpss2, cmpss3, cmpss4, cmpss5, cmpss6, cmpss7, cmpss_hi };
static const binfn CMPSD[] = { cmpsd0, cmpsd1, cmpsd2, cmpsd3, cmpsd4, cmpsd5, cmpsd6, cmpsd7, cmpsd_hi };
static const int CMP_CFGS[] = { 0, 4, 14 };

static void cmp_tests(void) {
  v128 a, b;
  int n = 0;
  for (unsigned i = 0; i < NF32; i++)
    for (unsigned j = 0; j < NF32; j++) {
      a.u[n & 3] = F32[i]; b.u[n & 3] = F32[j];
      if ((++n & 3) == 0)
        for (int p = 0; p < 9; p++)
          for (int c = 0; c < 3; c++) {
            v128 d = a;
            uint32_t mx = CMPPS[p](&d, &b, MXCSR_CONFIGS[CMP_CFGS[c]]);
            head("cmpps", CMP_CFGS[c], n); out_hex(p, 1); out_c(' '); out_v(&d); out_h32(mx); out_nl();
            d = a; d.u[1] = 0x7fc00000; d.u[2] = 0x12345678;
            mx = CMPSS[p](&d, &b, MXCSR_CONFIGS[CMP_CFGS[c]]);
            head("cmpss", CMP_CFGS[c], n); out_hex(p, 1); out_c(' '); out_v(&d); out_h32(mx); out_nl();
          }
    }
  n = 0;
  for (unsigned i = 0; i < NF64; i++)
    for (unsigned j = 0; j < NF64; j++) {
      a.q[n & 1] = F64[i]; b.q[n & 1] = F64[j];
      if ((++n & 1) == 0)
        for (int p = 0; p < 9; p++)
          for (int c = 0; c < 3; c++) {
            v128 d = a;
            uint32_t mx = CMPPD[p](&d, &b, MXCSR_CONFIGS[CMP_CFGS[c]]);
            head("cmppd", CMP_CFGS[c], n); out_hex(p, 1); out_c(' '); out_v(&d); out_h32(mx); out_nl();
            d = a;
            mx = CMPSD[p](&d, &b, MXCSR_CONFIGS[CMP_CFGS[c]]);
            head("cmpsd", CMP_CFGS[c], n); out_hex(p, 1); out_c(' '); out_v(&d); out_h32(mx); out_nl();
          }
    }
}

/* ---- comiss / ucomiss / comisd / ucomisd: flags in, flags out ------------------------------ */
#define DEF_COMI(fn, insn)                                                                       \
  static uint64_t fn(const v128 *a, const v128 *b, uint32_t *mx, uint64_t flin) {              \
    uint64_t fl;                                                                                 \
    __asm__ volatile("ldmxcsr %[m]\n\tmovups %[a], %%xmm0\n\tpush %[fi]\n\tpopfq\n\t" insn      \
                     " %[b], %%xmm0\n\tpushfq\n\tpop %[fl]\n\tstmxcsr %[m]"                     \
                     : [fl] "=&r"(fl), [m] "+m"(*mx) : [a] "m"(*a), [b] "m"(*b), [fi] "r"(flin) \
                     : "xmm0", "cc");                                                            \
    return fl & 0x8d5;                                                                           \
  }
DEF_COMI(comiss, "comiss") DEF_COMI(ucomiss, "ucomiss") DEF_COMI(comisd, "comisd") DEF_COMI(ucomisd, "ucomisd")

static void comi_tests(void) {
  v128 a = { 0 }, b = { 0 };
  int n = 0;
  for (unsigned i = 0; i < NF32; i++)
    for (unsigned j = 0; j < NF32; j++, n++) {
      a.u[0] = F32[i]; b.u[0] = F32[j];
      for (int c = 0; c < 3; c++) {
        uint64_t fin = (n & 1) ? 0x8d7 : 0x202;
        uint32_t mx = MXCSR_CONFIGS[CMP_CFGS[c]];
        uint64_t fl = comiss(&a, &b, &mx, fin);
        head("comiss", c, n); out_h32((uint32_t)fl); out_h32(mx);
        mx = MXCSR_CONFIGS[CMP_CFGS[c]];
        fl = ucomiss(&a, &b, &mx, fin);
        out_s("u "); out_h32((uint32_t)fl); out_h32(mx); out_nl();
      }
    }
  n = 0;
  for (unsigned i = 0; i < NF64; i++)
    for (unsigned j = 0; j < NF64; j++, n++) {
      a.q[0] = F64[i]; b.q[0] = F64[j];
      for (int c = 0; c < 3; c++) {
        uint64_t fin = (n & 1) ? 0x8d7 : 0x202;
        uint32_t mx = MXCSR_CONFIGS[CMP_CFGS[c]];
        uint64_t fl = comisd(&a, &b, &mx, fin);
        head("comisd", c, n); out_h32((uint32_t)fl); out_h32(mx);
        mx = MXCSR_CONFIGS[CMP_CFGS[c]];
        fl = ucomisd(&a, &b, &mx, fin);
        out_s("u "); out_h32((uint32_t)fl); out_h32(mx); out_nl();
      }
    }
}

/* ---- integer <-> floating point ------------------------------------------------------------ */
static const uint64_t INTS[] = {
  0, 1, 2, 3, 0xffffffffffffffffull, 0xfffffffffffffffeull, 0x7fffffff, 0x80000000ull, 0xffffffff80000000ull,
  0x00ffffff, 0x01000000, 0x01000001, 0x01000003, 0x7fffff80, 0x7fffffc0, 0x7fffffbf, 0xffffffff7fffff81ull,
  0x001fffffffffffffull, 0x0020000000000000ull, 0x0020000000000001ull, 0x0020000000000003ull,
  0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull, 0x7ffffffffffffc00ull,
  0x7ffffffffffffdffull, 0x7ffffffffffffe00ull, 0xffffff7fffffffffull, 0x0000000100000001ull,
  0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x00000000ffffffffull, 0x7fffff8000000000ull,
  0x7fffffc000000000ull, 0x7fffffbfffffffffull,
};
#define NINTS (sizeof INTS / sizeof INTS[0])

#define DEF_I2F(fn, insn, reg)                                                                   \
  static uint32_t fn(v128 *d, uint64_t v, uint32_t mx) {                                        \
    __asm__ volatile("ldmxcsr %[m]\n\tmovups %[d], %%xmm0\n\t" insn " %" reg                    \
                     "[v], %%xmm0\n\tmovups %%xmm0, %[d]\n\tstmxcsr %[m]"                       \
                     : [d] "+m"(*d), [m] "+m"(mx) : [v] "r"(v) : "xmm0");                        \
    return mx;                                                                                   \
  }
DEF_I2F(cvtsi2ss32, "cvtsi2ssl", "k") DEF_I2F(cvtsi2ss64, "cvtsi2ssq", "q")
DEF_I2F(cvtsi2sd32, "cvtsi2sdl", "k") DEF_I2F(cvtsi2sd64, "cvtsi2sdq", "q")
#define DEF_I2FM(fn, insn, T)                                                                    \
  static uint32_t fn(v128 *d, uint64_t v, uint32_t mx) {                                        \
    T mv = (T)v;                                                                                 \
    __asm__ volatile("ldmxcsr %[m]\n\tmovups %[d], %%xmm0\n\t" insn                             \
                     " %[v], %%xmm0\n\tmovups %%xmm0, %[d]\n\tstmxcsr %[m]"                     \
                     : [d] "+m"(*d), [m] "+m"(mx) : [v] "m"(mv) : "xmm0");                       \
    return mx;                                                                                   \
  }
DEF_I2FM(cvtsi2ss32m, "cvtsi2ssl", uint32_t) DEF_I2FM(cvtsi2sd64m, "cvtsi2sdq", uint64_t)

#define DEF_F2I(fn, insn, reg)                                                                   \
  static uint64_t fn(const v128 *s, uint32_t *mx) {                                             \
    uint64_t r = 0x5555555555555555ull;                                                          \
    __asm__ volatile("ldmxcsr %[m]\n\t" insn " %[s], %" reg "[r]\n\tstmxcsr %[m]"               \
                     : [r] "+r"(r), [m] "+m"(*mx) : [s] "x"(s->f[0]));                           \
    return r;                                                                                    \
  }
#define DEF_F2IM(fn, insn, reg)                                                                  \
  static uint64_t fn(const v128 *s, uint32_t *mx) {                                             \
    uint64_t r = 0x5555555555555555ull;                                                          \
    __asm__ volatile("ldmxcsr %[m]\n\t" insn " %[s], %" reg "[r]\n\tstmxcsr %[m]"               \
                     : [r] "+r"(r), [m] "+m"(*mx) : [s] "m"(*s));                                \
    return r;                                                                                    \
  }
DEF_F2IM(cvtss2si32, "cvtss2si", "k") DEF_F2I(cvtss2si64, "cvtss2si", "q")
DEF_F2I(cvttss2si32, "cvttss2si", "k") DEF_F2IM(cvttss2si64, "cvttss2siq", "q")
DEF_F2IM(cvtsd2si32, "cvtsd2si", "k") DEF_F2I(cvtsd2si64, "cvtsd2si", "q")
DEF_F2I(cvttsd2si32, "cvttsd2si", "k") DEF_F2IM(cvttsd2si64, "cvttsd2siq", "q")
typedef uint64_t (*f2ifn)(const v128 *, uint32_t *);

static void cvtint_tests(void) {
  v128 d;
  for (unsigned n = 0; n < NINTS + 300; n++) {
    uint64_t v = n < NINTS ? INTS[n] : rnd64() >> (rnd32() % 64);
    if (n >= NINTS && (n & 1)) v = -v;
    for (unsigned c = 0; c < NCONFIGS; c++) {
      uint32_t cfg = MXCSR_CONFIGS[c];
      d.q[0] = 0x1122334455667788ull; d.q[1] = 0x99aabbccddeeff00ull;
      uint32_t mx = (c & 1 ? cvtsi2ss32m : cvtsi2ss32)(&d, v, cfg);
      head("cvtsi2ss32", c, n); out_v(&d); out_h32(mx); out_nl();
      mx = cvtsi2ss64(&d, v, cfg);
      head("cvtsi2ss64", c, n); out_v(&d); out_h32(mx); out_nl();
      mx = cvtsi2sd32(&d, v, cfg);
      head("cvtsi2sd32", c, n); out_v(&d); out_h32(mx); out_nl();
      mx = (c & 1 ? cvtsi2sd64m : cvtsi2sd64)(&d, v, cfg);
      head("cvtsi2sd64", c, n); out_v(&d); out_h32(mx); out_nl();
    }
  }
  static const f2ifn SS[] = { cvtss2si32, cvtss2si64, cvttss2si32, cvttss2si64 };
  static const f2ifn SD[] = { cvtsd2si32, cvtsd2si64, cvttsd2si32, cvttsd2si64 };
  static const char *NAMES[] = { "cvtss2si32", "cvtss2si64", "cvttss2si32", "cvttss2si64" };
  static const char *NAMESD[] = { "cvtsd2si32", "cvtsd2si64", "cvttsd2si32", "cvttsd2si64" };
  v128 s = { 0 };
  for (unsigned n = 0; n < NF32 + 400; n++) {
    s.u[0] = n < NF32 ? F32[n] : (n & 1) ? rnd_f32() : ((rnd32() & 0x80ffffff) | ((uint32_t)(150 + rnd32() % 45) << 23));
    for (unsigned c = 0; c < NCONFIGS; c++)
      for (int k = 0; k < 4; k++) {
        uint32_t mx = MXCSR_CONFIGS[c];
        uint64_t r = SS[k](&s, &mx);
        head(NAMES[k], c, n); out_h64(r); out_h32(mx); out_nl();
      }
  }
  for (unsigned n = 0; n < NF64 + 400; n++) {
    s.q[0] = n < NF64 ? F64[n] : (n & 1) ? rnd_f64() : ((rnd64() & 0x800fffffffffffffull) | ((uint64_t)(1020 + rnd32() % 48) << 52));
    for (unsigned c = 0; c < NCONFIGS; c++)
      for (int k = 0; k < 4; k++) {
        uint32_t mx = MXCSR_CONFIGS[c];
        uint64_t r = SD[k](&s, &mx);
        head(NAMESD[k], c, n); out_h64(r); out_h32(mx); out_nl();
      }
  }
}

/* ---- float <-> double, packed conversions --------------------------------------------------- */
#define DEF_UN(fn, insn)                                                                         \
  static uint32_t fn##_r(v128 *d, const v128 *s, uint32_t mx) {                                 \
    __asm__ volatile("ldmxcsr %[m]\n\tmovups %[d], %%xmm0\n\tmovups %[s], %%xmm1\n\t" insn       \
                     " %%xmm1, %%xmm0\n\tmovups %%xmm0, %[d]\n\tstmxcsr %[m]"                   \
                     : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s) : "xmm0", "xmm1");               \
    return mx;                                                                                   \
  }                                                                                              \
  static uint32_t fn##_m(v128 *d, const v128 *s, uint32_t mx) {                                 \
    __asm__ volatile("ldmxcsr %[m]\n\tmovups %[d], %%xmm0\n\t" insn                             \
                     " %[s], %%xmm0\n\tmovups %%xmm0, %[d]\n\tstmxcsr %[m]"                     \
                     : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s) : "xmm0");                       \
    return mx;                                                                                   \
  }
DEF_UN(cvtss2sd, "cvtss2sd") DEF_UN(cvtsd2ss, "cvtsd2ss") DEF_UN(cvtps2pd, "cvtps2pd")
DEF_UN(cvtpd2ps, "cvtpd2ps") DEF_UN(cvtdq2ps, "cvtdq2ps") DEF_UN(cvtps2dq, "cvtps2dq")
DEF_UN(cvttps2dq, "cvttps2dq") DEF_UN(cvtdq2pd, "cvtdq2pd") DEF_UN(cvtpd2dq, "cvtpd2dq")
DEF_UN(cvttpd2dq, "cvttpd2dq")
DEF_UN(rcpps, "rcpps") DEF_UN(rsqrtps, "rsqrtps") DEF_UN(rcpss, "rcpss") DEF_UN(rsqrtss, "rsqrtss")
struct un { const char *name; binfn r, m; };
#define UN(n) { #n, n##_r, n##_m }

static void run_un(const struct un *o, int cfg, int n, const v128 *s) {
  v128 d = { .q = { 0x1122334455667788ull, 0x99aabbccddeeff00ull } };
  uint32_t mx = ((cfg & 1) ? o->m : o->r)(&d, s, MXCSR_CONFIGS[cfg]);
  head(o->name, cfg, n); out_v(&d); out_h32(mx); out_nl();
}

static void cvtfp_tests(void) {
  static const struct un F[] = { UN(cvtss2sd), UN(cvtps2pd) };
  static const struct un D[] = { UN(cvtsd2ss), UN(cvtpd2ps) };
  v128 s;
  for (unsigned n = 0; n < NF32 + 200; n++) {
    for (int l = 0; l < 4; l++) s.u[l] = n < NF32 ? F32[(n + 7 * l) % NF32] : rnd_f32();
    for (unsigned c = 0; c < NCONFIGS; c++)
      for (int k = 0; k < 2; k++) run_un(&F[k], c, n, &s);
  }
  for (unsigned n = 0; n < NF64 + 1000; n++) {
    for (int l = 0; l < 2; l++) s.q[l] = n < NF64 ? F64[(n + 5 * l) % NF64] : rnd_f64();
    for (unsigned c = 0; c < NCONFIGS; c++)
      for (int k = 0; k < 2; k++) run_un(&D[k], c, n, &s);
  }
}

static void cvtpacked_tests(void) {
  static const struct un P32[] = { UN(cvtps2dq), UN(cvttps2dq) };
  static const struct un P64[] = { UN(cvtpd2dq), UN(cvttpd2dq) };
  static const struct un PI[] = { UN(cvtdq2ps), UN(cvtdq2pd) };
  v128 s;
  for (unsigned n = 0; n < NF32 + 300; n++) {
    for (int l = 0; l < 4; l++)
      s.u[l] = n < NF32 ? F32[(n + 11 * l) % NF32] : (l & 1) ? rnd_f32() : ((rnd32() & 0x80ffffff) | ((uint32_t)(120 + rnd32() % 40) << 23));
    for (unsigned c = 0; c < NCONFIGS; c++)
      for (int k = 0; k < 2; k++) run_un(&P32[k], c, n, &s);
  }
  for (unsigned n = 0; n < NF64 + 300; n++) {
    for (int l = 0; l < 2; l++)
      s.q[l] = n < NF64 ? F64[(n + 13 * l) % NF64] : (l & 1) ? rnd_f64() : ((rnd64() & 0x800fffffffffffffull) | ((uint64_t)(1000 + rnd32() % 40) << 52));
    for (unsigned c = 0; c < NCONFIGS; c++)
      for (int k = 0; k < 2; k++) run_un(&P64[k], c, n, &s);
  }
  for (unsigned n = 0; n < NINTS + 300; n++) {
    for (int l = 0; l < 4; l++) s.u[l] = n < NINTS ? (uint32_t)INTS[(n + 3 * l) % NINTS] : (uint32_t)(rnd64() >> (rnd32() % 32));
    for (unsigned c = 0; c < NCONFIGS; c++)
      for (int k = 0; k < 2; k++) run_un(&PI[k], c, n, &s);
  }
}

/* ---- rcp / rsqrt: every table entry at several exponents, plus the special values ----------- */
static void approx_tests(void) {
  static const struct un A[] = { UN(rcpps), UN(rsqrtps), UN(rcpss), UN(rsqrtss) };
  static const uint32_t EXPS[] = { 1, 2, 60, 126, 127, 128, 129, 200, 252, 253, 254 };
  v128 s;
  int n = 0;
  for (unsigned e = 0; e < sizeof EXPS / sizeof EXPS[0]; e++)
    for (uint32_t m = 0; m < 2048; m += 4, n++) {
      for (int l = 0; l < 4; l++) s.u[l] = (EXPS[e] << 23) | ((m + l) << 12) | (rnd32() & 0xfff) | (l == 3 ? 0x80000000 : 0);
      for (int k = 0; k < 4; k++) run_un(&A[k], (n & 1) ? 6 : 0, n, &s);
    }
  for (unsigned i = 0; i < NF32; i++, n++) {
    for (int l = 0; l < 4; l++) s.u[l] = F32[(i + l) % NF32];
    for (int k = 0; k < 4; k++) { run_un(&A[k], 0, n, &s); run_un(&A[k], 13, n, &s); }
  }
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  if (!strcmp(what, "cmp")) cmp_tests();
  else if (!strcmp(what, "comi")) comi_tests();
  else if (!strcmp(what, "cvtint")) cvtint_tests();
  else if (!strcmp(what, "cvtfp")) cvtfp_tests();
  else if (!strcmp(what, "cvtpacked")) cvtpacked_tests();
  else if (!strcmp(what, "approx")) approx_tests();
  else { fprintf(stderr, "usage: fpcvt cmp|comi|cvtint|cvtfp|cvtpacked|approx\n"); return 2; }
  flush_out();
  return 0;
}
