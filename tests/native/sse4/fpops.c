/* SSE3 and SSE4.1 floating-point instructions: addsubps/pd, haddps/pd, hsubps/pd,
 * dpps/dppd (many immediates), roundps/pd/ss/sd (every immediate), and SSE3's fisttp,
 * over special operands (signed zeros, denormals, limits, infinities, quiet and signalling
 * NaNs) and random ones, in every rounding mode with and without DAZ/FTZ. Prints the result
 * bits and MXCSR after each instruction; each line starts with the instruction's name and
 * r (register source) or m (memory source).
 * usage: fpops h|dp|round|rand|trap [count] | fisttp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include "../sse/common.h"

#define CASE(I, A, insn) case (I): A(insn, I); break;
#define C4(I, A, insn) CASE(I, A, insn) CASE((I) + 1, A, insn) CASE((I) + 2, A, insn) CASE((I) + 3, A, insn)
#define C16(I, A, insn) C4(I, A, insn) C4((I) + 4, A, insn) C4((I) + 8, A, insn) C4((I) + 12, A, insn)
#define C64(I, A, insn) C16(I, A, insn) C16((I) + 16, A, insn) C16((I) + 32, A, insn) C16((I) + 48, A, insn)
#define C256(A, insn) C64(0, A, insn) C64(64, A, insn) C64(128, A, insn) C64(192, A, insn)

/* xmm2 op= xmm11 (REX) / xmm6 op= m128, MXCSR loaded before and stored after */
#define FBIN(fn, insn)                                                                          \
  static uint32_t fn##_r(v128 *d, const v128 *s, uint32_t mx) {                                 \
    __asm__ volatile("ldmxcsr %[m]\n\tmovdqu %[d], %%xmm2\n\tmovdqu %[s], %%xmm11\n\t" insn       \
                     " %%xmm11, %%xmm2\n\tmovdqu %%xmm2, %[d]\n\tstmxcsr %[m]"                      \
                     : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s) : "xmm2", "xmm11");              \
    return mx;                                                                                  \
  }                                                                                             \
  static uint32_t fn##_m(v128 *d, const v128 *s, uint32_t mx) {                                 \
    __asm__ volatile("ldmxcsr %[m]\n\tmovdqu %[d], %%xmm6\n\t" insn " %[s], %%xmm6\n\t"           \
                     "movdqu %%xmm6, %[d]\n\tstmxcsr %[m]" : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s) : "xmm6"); \
    return mx;                                                                                  \
  }
FBIN(addsubps, "addsubps") FBIN(addsubpd, "addsubpd") FBIN(haddps, "haddps") FBIN(haddpd, "haddpd")
FBIN(hsubps, "hsubps") FBIN(hsubpd, "hsubpd")

#define FIMM_R(insn, I)                                                                           \
  __asm__ volatile("ldmxcsr %[m]\n\tmovdqu %[d], %%xmm2\n\tmovdqu %[s], %%xmm11\n\t" insn           \
                   " %[i], %%xmm11, %%xmm2\n\tmovdqu %%xmm2, %[d]\n\tstmxcsr %[m]"                   \
                   : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s), [i] "i"(I) : "xmm2", "xmm11")
#define FIMM_M(insn, I)                                                                           \
  __asm__ volatile("ldmxcsr %[m]\n\tmovdqu %[d], %%xmm6\n\t" insn " %[i], %[s], %%xmm6\n\t"          \
                   "movdqu %%xmm6, %[d]\n\tstmxcsr %[m]" : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s), [i] "i"(I) : "xmm6")
/* the scalar forms read only 32/64 bits from memory: given an unaligned pointer to them */
#define FIMM_M32(insn, I)                                                                         \
  __asm__ volatile("ldmxcsr %[m]\n\tmovdqu %[d], %%xmm6\n\t" insn " %[i], %[s], %%xmm6\n\t"          \
                   "movdqu %%xmm6, %[d]\n\tstmxcsr %[m]" : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*(const uint32_t *)p), [i] "i"(I) : "xmm6")
#define FIMM_M64(insn, I)                                                                         \
  __asm__ volatile("ldmxcsr %[m]\n\tmovdqu %[d], %%xmm6\n\t" insn " %[i], %[s], %%xmm6\n\t"          \
                   "movdqu %%xmm6, %[d]\n\tstmxcsr %[m]" : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*(const uint64_t *)p), [i] "i"(I) : "xmm6")
#define FIMM(fn, insn)                                                                            \
  static uint32_t fn##_r(v128 *d, const v128 *s, uint32_t mx, int imm) { switch (imm) { C256(FIMM_R, insn) } return mx; } \
  static uint32_t fn##_m(v128 *d, const v128 *s, uint32_t mx, int imm) { switch (imm) { C256(FIMM_M, insn) } return mx; }
FIMM(dpps, "dpps") FIMM(dppd, "dppd")
#define RIMM(fn, insn)                                                                            \
  static uint32_t fn##_r(v128 *d, const v128 *s, uint32_t mx, int imm) { switch (imm) { C16(0, FIMM_R, insn) } return mx; } \
  static uint32_t fn##_m(v128 *d, const v128 *s, uint32_t mx, int imm) { switch (imm) { C16(0, FIMM_M, insn) } return mx; }
RIMM(roundps, "roundps") RIMM(roundpd, "roundpd") RIMM(roundss, "roundss") RIMM(roundsd, "roundsd")
static uint32_t roundss_u(v128 *d, const void *p, uint32_t mx, int imm) { switch (imm) { C16(0, FIMM_M32, "roundss") } return mx; }
static uint32_t roundsd_u(v128 *d, const void *p, uint32_t mx, int imm) { switch (imm) { C16(0, FIMM_M64, "roundsd") } return mx; }

typedef uint32_t (*bfn)(v128 *, const v128 *, uint32_t);
typedef uint32_t (*ifn)(v128 *, const v128 *, uint32_t, int);

static void line(const char *name, int use_mem, unsigned cfg, unsigned idx, unsigned imm, const v128 *d, uint32_t mx) {
  out_s(name); out_c(use_mem ? 'm' : 'r'); out_c(' '); out_hex(cfg, 2); out_c(' '); out_hex(idx, 5); out_c(' ');
  out_hex(imm, 2); out_c(' '); out_v(d); out_h32(mx); out_nl();
}
static void run2(const char *name, bfn r, bfn m, unsigned cfg, const v128 *a, const v128 *b, unsigned idx) {
  v128 d = *a;
  int mem = (cfg + idx) & 1;
  uint32_t mx = (mem ? m : r)(&d, b, MXCSR_CONFIGS[cfg]);
  line(name, mem, cfg, idx, 0, &d, mx);
}
static void runi(const char *name, ifn r, ifn m, unsigned cfg, const v128 *a, const v128 *b, unsigned idx, int imm) {
  v128 d = *a;
  int mem = (cfg + idx + imm) & 1;
  uint32_t mx = (mem ? m : r)(&d, b, MXCSR_CONFIGS[cfg], imm);
  line(name, mem, cfg, idx, imm, &d, mx);
}

/* ---- addsub, hadd, hsub: every pair of special values in every lane position ------------------ */
static void sec_h(void) {
  v128 a, b, ha, hb;
  unsigned n = 0;
  for (unsigned i = 0; i < NF32; i++)
    for (unsigned j = 0; j < NF32; j++) {
      unsigned l = n & 3;
      a.u[l] = F32[i]; b.u[l] = F32[j];
      /* horizontal: the pair (F32[i], F32[j]) adjacent, in the destination or the source */
      if (l < 2) { ha.u[2 * l] = F32[i]; ha.u[2 * l + 1] = F32[j]; }
      else { hb.u[2 * (l - 2)] = F32[i]; hb.u[2 * (l - 2) + 1] = F32[j]; }
      if ((++n & 3) == 0)
        for (unsigned c = 0; c < NCONFIGS; c++) {
          run2("addsubps", addsubps_r, addsubps_m, c, &a, &b, n);
          run2("haddps", haddps_r, haddps_m, c, &ha, &hb, n);
          run2("hsubps", hsubps_r, hsubps_m, c, &ha, &hb, n);
        }
    }
  n = 0;
  for (unsigned i = 0; i < NF64; i++)
    for (unsigned j = 0; j < NF64; j++) {
      unsigned l = n & 1;
      a.q[l] = F64[i]; b.q[l] = F64[j];
      if (l == 0) { ha.q[0] = F64[i]; ha.q[1] = F64[j]; } else { hb.q[0] = F64[i]; hb.q[1] = F64[j]; }
      if ((++n & 1) == 0)
        for (unsigned c = n % 3; c < NCONFIGS; c += 3) {
          run2("addsubpd", addsubpd_r, addsubpd_m, c, &a, &b, n);
          run2("haddpd", haddpd_r, haddpd_m, c, &ha, &hb, n);
          run2("hsubpd", hsubpd_r, hsubpd_m, c, &ha, &hb, n);
        }
    }
}

/* ---- dot products ----------------------------------------------------------------------------- */
static const int DPPS_IMMS[] = { 0xff, 0xf1, 0x1f, 0x5a, 0xa5, 0x31, 0xc2, 0x0f, 0xf0, 0x7e, 0x93, 0x68 };
static const int DPPD_IMMS[] = { 0x33, 0x31, 0x13, 0x22, 0x11, 0x03, 0x30, 0x32, 0x21, 0xff, 0x10, 0x20 };
#define NIMMS (sizeof DPPS_IMMS / sizeof DPPS_IMMS[0])
static void sec_dp(void) {
  v128 a = { .u = { 0x3f800000, 0x40000000, 0xc0400000, 0x3e800000 } }, b = a;
  unsigned n = 0;
  for (unsigned i = 0; i < NF32; i++)
    for (unsigned j = 0; j < NF32; j++) {
      a.u[n & 3] = F32[i]; b.u[(n + 1) & 3] = F32[j];
      n++;
      for (unsigned k = 0; k < NIMMS; k++)
        runi("dpps", dpps_r, dpps_m, (n + 5 * k) % NCONFIGS, &a, &b, n, DPPS_IMMS[k]);
    }
  n = 0;
  a.q[0] = b.q[1] = 0x3ff8000000000000ull; a.q[1] = b.q[0] = 0xc000000000000000ull;
  for (unsigned i = 0; i < NF64; i++)
    for (unsigned j = 0; j < NF64; j++) {
      a.q[n & 1] = F64[i]; b.q[(n >> 1) & 1] = F64[j];
      n++;
      for (unsigned k = 0; k < NIMMS; k++)
        runi("dppd", dppd_r, dppd_m, (n + 7 * k) % NCONFIGS, &a, &b, n, DPPD_IMMS[k]);
    }
}

/* ---- rounding: every immediate, every special value ------------------------------------------ */
static void sec_round(void) {
  v128 a = { .u = { 0x7fa00001, 0x12345678, 0xffffffff, 0x3f800000 } }, b;
  unsigned char raw[16];
  for (unsigned i = 0; i < NF32; i += 4) {
    for (int k = 0; k < 4; k++) b.u[k] = F32[(i + k) % NF32];
    for (int imm = 0; imm < 16; imm++)
      for (unsigned c = 0; c < NCONFIGS; c++) runi("roundps", roundps_r, roundps_m, c, &a, &b, i, imm);
  }
  for (unsigned i = 0; i < NF64; i += 2) {
    b.q[0] = F64[i]; b.q[1] = F64[(i + 1) % NF64];
    for (int imm = 0; imm < 16; imm++)
      for (unsigned c = 0; c < NCONFIGS; c++) runi("roundpd", roundpd_r, roundpd_m, c, &a, &b, i, imm);
  }
  /* scalar: the upper elements of the destination pass through; memory operands unaligned */
  for (unsigned i = 0; i < NF32; i++) {
    b.u[0] = F32[i]; b.u[1] = 0x7f800001;
    memcpy(raw + 1, &b.u[0], 4);
    for (int imm = 0; imm < 16; imm++)
      for (unsigned c = (i + imm) % 2; c < NCONFIGS; c += 2) {
        v128 d = a;
        uint32_t mx;
        int mem = (c >> 1) & 1;
        if (mem) mx = roundss_u(&d, raw + 1, MXCSR_CONFIGS[c], imm); else mx = roundss_r(&d, &b, MXCSR_CONFIGS[c], imm);
        line("roundss", mem, c, i, imm, &d, mx);
      }
  }
  for (unsigned i = 0; i < NF64; i++) {
    b.q[0] = F64[i]; b.q[1] = 0x7ff0000000000001ull;
    memcpy(raw + 3, &b.q[0], 8);
    for (int imm = 0; imm < 16; imm++)
      for (unsigned c = (i + imm) % 2; c < NCONFIGS; c += 2) {
        v128 d = a;
        uint32_t mx;
        int mem = (c >> 1) & 1;
        if (mem) mx = roundsd_u(&d, raw + 3, MXCSR_CONFIGS[c], imm); else mx = roundsd_r(&d, &b, MXCSR_CONFIGS[c], imm);
        line("roundsd", mem, c, i, imm, &d, mx);
      }
  }
  (void)roundss_m; (void)roundsd_m;
}

/* ---- random operands for everything ---------------------------------------------------------- */
/* values near an integer (+- a few ulps, halves) for the rounding instructions */
static uint32_t near_int32(void) {
  uint32_t r = rnd32();
  float f = (float)(int)(r % 2000) - 1000.0f + ((r >> 12) & 1 ? 0.5f : 0.0f);
  uint32_t b; memcpy(&b, &f, 4);
  return b + (int)((r >> 16) % 5) - 2;
}
static uint64_t near_int64(void) {
  uint64_t r = rnd64();
  double f = (double)(int)(r % 200000) - 100000.0 + ((r >> 20) & 1 ? 0.5 : 0.0);
  if ((r >> 30) & 1) f *= 4503599627370496.0 / 65536;
  uint64_t b; memcpy(&b, &f, 8);
  return b + (int)((r >> 40) % 5) - 2;
}
static void sec_rand(unsigned count) {
  v128 a, b;
  for (unsigned n = 0; n < count; n++) {
    for (int k = 0; k < 4; k++) { a.u[k] = rnd_f32(); b.u[k] = rnd_f32(); }
    unsigned c = rnd32() % NCONFIGS;
    run2("addsubps", addsubps_r, addsubps_m, c, &a, &b, n);
    run2("haddps", haddps_r, haddps_m, c, &a, &b, n);
    run2("hsubps", hsubps_r, hsubps_m, c, &a, &b, n);
    /* dot products: operands of similar magnitude so the sums cancel and round */
    v128 p = a, q = b;
    if (n & 1) for (int k = 0; k < 4; k++) { p.u[k] = (p.u[k] & 0x80ffffff) | 0x3f000000; q.u[k] = (q.u[k] & 0x80ffffff) | 0x3f000000; }
    runi("dpps", dpps_r, dpps_m, c, &p, &q, n, 0xff);
    runi("dpps", dpps_r, dpps_m, (c + 3) % NCONFIGS, &p, &q, n, rnd32() & 0xff);
    for (int k = 0; k < 4; k++) b.u[k] = (n & 2) ? near_int32() : rnd_f32();
    runi("roundps", roundps_r, roundps_m, c, &a, &b, n, n & 15);
    runi("roundss", roundss_r, roundss_m, (c + 1) % NCONFIGS, &a, &b, n, (n >> 4) & 15);
    for (int k = 0; k < 2; k++) { a.q[k] = rnd_f64(); b.q[k] = rnd_f64(); }
    /* sums next to the largest finite value (an inexact error term must not overflow) */
    if (n % 5 == 4) {
      /* the largest finite value plus one of half to a quarter of it, of either sign */
      a.q[0] = (a.q[0] & 0x800fffffffffffffull) | ((uint64_t)(0x7fd - (rnd32() & 1)) << 52);
      b.q[1] = (b.q[1] & 0x800fffffffffffffull) | ((uint64_t)(0x7fd - (rnd32() & 1)) << 52);
      a.q[1] = 0x7fefffffffffffffull | (rnd64() & 0x8000000000000000ull);
      b.q[0] = 0x7fefffffffffffffull | (rnd64() & 0x8000000000000000ull);
    }
    run2("addsubpd", addsubpd_r, addsubpd_m, c, &a, &b, n);
    run2("haddpd", haddpd_r, haddpd_m, c, &a, &b, n);
    run2("hsubpd", hsubpd_r, hsubpd_m, c, &a, &b, n);
    p = a; q = b;
    if (n & 1) for (int k = 0; k < 2; k++) {
      p.q[k] = (p.q[k] & 0x800fffffffffffffull) | 0x3fe0000000000000ull;
      q.q[k] = (q.q[k] & 0x800fffffffffffffull) | 0x3fe0000000000000ull;
    }
    runi("dppd", dppd_r, dppd_m, c, &p, &q, n, 0x33);
    runi("dppd", dppd_r, dppd_m, (c + 5) % NCONFIGS, &p, &q, n, rnd32() & 0xff);
    for (int k = 0; k < 2; k++) b.q[k] = (n & 2) ? near_int64() : rnd_f64();
    runi("roundpd", roundpd_r, roundpd_m, c, &a, &b, n, n & 15);
    runi("roundsd", roundsd_r, roundsd_m, (c + 1) % NCONFIGS, &a, &b, n, (n >> 4) & 15);
  }
}

/* ---- unmasked exceptions: random MXCSR masks; a trap prints the MXCSR and si_code the
 * handler sees (the destination is not written) ----------------------------------------------- */
static sigjmp_buf trap_jb;
static volatile uint32_t trap_mx, trap_code;
static void on_fpe(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  trap_mx = ((ucontext_t *)uc)->uc_mcontext.fpregs->mxcsr;
  trap_code = (uint32_t)si->si_code;
  siglongjmp(trap_jb, 1);
}
static uint32_t trap_mxcsr(void) {
  uint32_t r = rnd32();
  uint32_t m = (r & 0x6000) | (r & 0x8040); /* RC, FTZ, DAZ */
  for (int k = 0; k < 6; k++) if ((rnd32() % (k == 5 ? 6 : 3)) != 0) m |= 0x80u << k; /* masked unless drawn */
  return m;
}
static void sec_trap(unsigned count) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fpe;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, 0);
  v128 a, b, d;
  for (unsigned n = 0; n < count; n++) {
    unsigned kind = n % 12;
    if (kind < 6) for (int k = 0; k < 4; k++) { a.u[k] = (n & 16) ? F32[rnd32() % NF32] : rnd_f32(); b.u[k] = (n & 32) ? F32[rnd32() % NF32] : rnd_f32(); }
    else for (int k = 0; k < 2; k++) { a.q[k] = (n & 16) ? F64[rnd32() % NF64] : rnd_f64(); b.q[k] = (n & 32) ? F64[rnd32() % NF64] : rnd_f64(); }
    uint32_t mx = trap_mxcsr();
    int imm = rnd32() & 0xff, mem = (n >> 1) & 1;
    const char *name;
    d = a;
    if (sigsetjmp(trap_jb, 0) == 0) {
      uint32_t m = mx;
      switch (kind) {
        case 0: name = "addsubps"; m = (mem ? addsubps_m : addsubps_r)(&d, &b, m); break;
        case 1: name = "haddps"; m = (mem ? haddps_m : haddps_r)(&d, &b, m); break;
        case 2: name = "hsubps"; m = (mem ? hsubps_m : hsubps_r)(&d, &b, m); break;
        case 3: case 4: name = "dpps"; m = (mem ? dpps_m : dpps_r)(&d, &b, m, imm); break;
        case 5: name = "roundps"; m = (mem ? roundps_m : roundps_r)(&d, &b, m, imm & 15); break;
        case 6: name = "addsubpd"; m = (mem ? addsubpd_m : addsubpd_r)(&d, &b, m); break;
        case 7: name = "haddpd"; m = (mem ? haddpd_m : haddpd_r)(&d, &b, m); break;
        case 8: name = "hsubpd"; m = (mem ? hsubpd_m : hsubpd_r)(&d, &b, m); break;
        case 9: case 10: name = "dppd"; m = (mem ? dppd_m : dppd_r)(&d, &b, m, imm); break;
        default: name = (n & 64) ? "roundsd" : "roundpd";
          m = (n & 64) ? (mem ? roundsd_m : roundsd_r)(&d, &b, m, imm & 15) : (mem ? roundpd_m : roundpd_r)(&d, &b, m, imm & 15);
          break;
      }
      line(name, mem, 0, n, imm, &d, m);
    } else {
      /* after the trap: the handler's MXCSR and code, and the untouched destination */
      static const char *NAMES[] = { "addsubps", "haddps", "hsubps", "dpps", "dpps", "roundps", "addsubpd", "haddpd", "hsubpd", "dppd", "dppd", "roundpd" };
      name = kind == 11 && (n & 64) ? "roundsd" : NAMES[kind];
      out_s(name); out_c(mem ? 'm' : 'r'); out_s(" trap "); out_hex(n, 5); out_c(' '); out_hex(imm, 2); out_c(' ');
      out_h32(mx); out_h32(trap_mx); out_h32(trap_code); out_v(&d); out_nl();
      uint32_t z = 0x1f80; LDMX(z);
    }
  }
  signal(SIGFPE, SIG_DFL);
}

/* ---- fisttp: truncating stores of every size, with the x87 status word after ------------------- */
static void sec_fisttp(void) {
  static const double extra[] = { 32767.9, -32768.9, 32768.0, -32769.0, 2147483647.9, -2147483648.9, 2147483648.0,
                                  9.2233720368547748e18, -9.2233720368547758e18, 0.5, -0.5, 1.5, -2.5, 123456.789 };
  for (unsigned i = 0; i < NF64 + sizeof extra / sizeof extra[0]; i++) {
    double v;
    if (i < NF64) memcpy(&v, &F64[i], 8); else v = extra[i - NF64];
    uint16_t w = 0x5555, sw1, sw2, sw3; uint32_t d = 0x55555555; uint64_t q = 0x5555555555555555ull;
    __asm__ volatile("fninit\n\tfldl %[v]\n\tfisttps %[w]\n\tfnstsw %[s]" : [w] "=m"(w), [s] "=m"(sw1) : [v] "m"(v));
    __asm__ volatile("fninit\n\tfldl %[v]\n\tfisttpl %[d]\n\tfnstsw %[s]" : [d] "=m"(d), [s] "=m"(sw2) : [v] "m"(v));
    __asm__ volatile("fninit\n\tfldl %[v]\n\tfisttpll %[q]\n\tfnstsw %[s]" : [q] "=m"(q), [s] "=m"(sw3) : [v] "m"(v));
    out_s("fisttp_w "); out_hex(i, 3); out_c(' '); out_hex(w, 4); out_c(' '); out_hex(sw1, 4); out_nl();
    out_s("fisttp_d "); out_hex(i, 3); out_c(' '); out_h32(d); out_hex(sw2, 4); out_nl();
    out_s("fisttp_q "); out_hex(i, 3); out_c(' '); out_h64(q); out_hex(sw3, 4); out_nl();
  }
  __asm__ volatile("fninit");
}

int main(int argc, char **argv) {
  const char *sec = argc > 1 ? argv[1] : "h";
  unsigned n = argc > 2 ? (unsigned)atoi(argv[2]) : 0;
  if (!strcmp(sec, "h")) sec_h();
  else if (!strcmp(sec, "dp")) sec_dp();
  else if (!strcmp(sec, "round")) sec_round();
  else if (!strcmp(sec, "rand")) sec_rand(n ? n : 3000);
  else if (!strcmp(sec, "fisttp")) sec_fisttp();
  else if (!strcmp(sec, "trap")) sec_trap(n ? n : 4000);
  else { fprintf(stderr, "unknown section %s\n", sec); return 2; }
  flush_out();
  return 0;
}
