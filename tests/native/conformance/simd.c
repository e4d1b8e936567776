/* SSE/SSE2/MMX forms no other tester runs on their own (register forms of the moves,
 * the store encodings of register moves, REX.W forms, compares and conversions in the
 * forms the compilers do not pick), for the conformance report. Run natively and under
 * x64vm; the outputs must be identical.
 *
 * Output: "@unit in in ...", one token per input (several values joined by ':'). The
 * unit names a pair of labels, "unit:" and "unit_e:", around the instruction(s) under
 * test; the report (tests/conformance/report.mjs) decodes the bytes between them.
 * argv[1]: random inputs per unit (default 200); argv[2] "sse4" adds the SSE3/SSE4/AES ops
 * (the test passes it when the host CPU has them). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char obuf[1 << 16];
static size_t olen;
static void flush_out(void) {
  size_t off = 0;
  while (off < olen) { ssize_t n = write(1, obuf + off, olen - off); if (n <= 0) break; off += (size_t)n; }
  olen = 0;
}
static char *room(void) { if (olen > sizeof obuf - 64) flush_out(); return obuf + olen; }
static void out_c(char c) { *room() = c; olen++; }
static void out_s(const char *s) { while (*s) out_c(*s++); }
static void out_hex(uint64_t v, int digits) {
  char *p = room();
  for (int k = digits - 1; k >= 0; k--) { p[k] = "0123456789abcdef"[v & 15]; v >>= 4; }
  olen += (size_t)digits;
}

static uint64_t rng = 0x243f6a8885a308d3ull;
static uint64_t rnd64(void) { rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27; return rng * 0x2545f4914f6cdd1dull; }
static int nrand = 200;

/* ---- units and tokens --------------------------------------------------------------- */
#define U(n) "\ncf_" n ":\n\t"
#define UE(n) "\ncf_" n "_e:\n\t"
#define ONE __attribute__((noinline, noclone))
static const char *cur;
static int ntok;
static void begin(const char *n) { cur = n; ntok = 0; out_s("@cf_"); out_s(n); out_c(' '); }
static void more(void) { if (ntok == 16) { out_s("\n@cf_"); out_s(cur); out_c(' '); ntok = 0; } }
static void part64(uint64_t v) { more(); out_hex(v, 16); out_c(':'); }
static void end64(uint64_t v) { more(); out_hex(v, 16); out_c(' '); ntok++; }
static void end32(uint32_t v) { more(); out_hex(v, 8); out_c(' '); ntok++; }
static void finish(void) { out_c('\n'); }

typedef struct { uint64_t q[2]; } __attribute__((aligned(16))) v128;

/* ---- operand values ------------------------------------------------------------------- */
static const uint32_t F32S[] = {
  0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000,
  0x00000001, 0x807fffff, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x4effffff, 0xcf000001, 0x5f000000, 0xdf000000,
  0x5effffff, 0x3f000000, 0x3fc00000, 0xc0200000, 0x40400000,
};
static const uint64_t F64S[] = {
  0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x7ff0000000000000ull,
  0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff0000000000001ull, 0x7ff4000000000000ull,
  1, 0x800fffffffffffffull, 0x7fefffffffffffffull, 0x41dfffffffc00000ull, 0x41dfffffffe00000ull,
  0x41e0000000000000ull, 0xc1e0000000000000ull, 0xc1e0000000200000ull, 0x43e0000000000000ull,
  0xc3e0000000000000ull, 0x43dfffffffffffffull, 0xc3e0000000000001ull, 0x3fe0000000000000ull, 0x3ff8000000000000ull,
  0xc004000000000000ull,
};
#define NF32 (sizeof F32S / sizeof F32S[0])
#define NF64 (sizeof F64S / sizeof F64S[0])
/* a float: a special one, one near the integer ranges, or random bits */
static uint32_t rf32(void) {
  uint64_t r = rnd64();
  switch (r & 3) {
  case 0: return F32S[(r >> 8) % NF32];
  case 1: return (uint32_t)(r >> 32);
  default: return (uint32_t)((r >> 63) << 31) | ((117 + (uint32_t)((r >> 8) % 74)) << 23) | (uint32_t)((r >> 20) & 0x7fffff);
  }
}
static uint64_t rf64(void) {
  uint64_t r = rnd64();
  switch (r & 3) {
  case 0: return F64S[(r >> 8) % NF64];
  case 1: return rnd64();
  default: return ((r >> 63) << 63) | ((1013 + (r >> 8) % 74) << 52) | (rnd64() & 0xfffffffffffffull);
  }
}
static uint64_t pair32(void) { return (uint64_t)rf32() << 32 | rf32(); }
static v128 rv(void) { v128 v = { { rnd64(), rnd64() } }; return v; }
static v128 rvf(int dbl) {
  v128 v;
  if (dbl) { v.q[0] = rf64(); v.q[1] = rf64(); } else { v.q[0] = pair32(); v.q[1] = pair32(); }
  return v;
}

static uint32_t get_mx(void) { uint32_t m; __asm__ volatile("stmxcsr %0" : "=m"(m)); return m; }
static void set_mx(uint32_t m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }

/* ---- register moves, both encodings ------------------------------------------------------ */
#define MOVRR(n, insn) static ONE void n(v128 a, v128 b) { v128 r; \
    __asm__ volatile("movdqu %1, %%xmm1\n\tmovdqu %2, %%xmm2" U(#n) insn " %%xmm1, %%xmm2" UE(#n) "movdqu %%xmm2, %0" \
      : "=m"(r) : "m"(a), "m"(b) : "xmm1", "xmm2"); part64(r.q[0]); end64(r.q[1]); }
MOVRR(movups_ld, "%{load%} movups") MOVRR(movups_st, "%{store%} movups")
MOVRR(movupd_ld, "%{load%} movupd") MOVRR(movupd_st, "%{store%} movupd")
MOVRR(movaps_ld, "%{load%} movaps") MOVRR(movaps_st, "%{store%} movaps")
MOVRR(movapd_ld, "%{load%} movapd") MOVRR(movapd_st, "%{store%} movapd")
MOVRR(movdqa_ld, "%{load%} movdqa") MOVRR(movdqa_st, "%{store%} movdqa")
MOVRR(movdqu_ld, "%{load%} movdqu") MOVRR(movdqu_st, "%{store%} movdqu")
MOVRR(movss_ld, "%{load%} movss") MOVRR(movss_st, "%{store%} movss")
MOVRR(movsd_ld, "%{load%} movsd") MOVRR(movsd_st, "%{store%} movsd")
MOVRR(movq_ld, "%{load%} movq") MOVRR(movq_st, "%{store%} movq")
typedef void (*v2fn)(v128, v128);
static const struct { const char *n; v2fn f; } MOVRRS[] = {
  { "movups_ld", movups_ld }, { "movups_st", movups_st }, { "movupd_ld", movupd_ld }, { "movupd_st", movupd_st },
  { "movaps_ld", movaps_ld }, { "movaps_st", movaps_st }, { "movapd_ld", movapd_ld }, { "movapd_st", movapd_st },
  { "movdqa_ld", movdqa_ld }, { "movdqa_st", movdqa_st }, { "movdqu_ld", movdqu_ld }, { "movdqu_st", movdqu_st },
  { "movss_ld", movss_ld }, { "movss_st", movss_st }, { "movsd_ld", movsd_ld }, { "movsd_st", movsd_st },
  { "movq_ld", movq_ld }, { "movq_st", movq_st },
};

/* ---- memory moves ------------------------------------------------------------------------- */
/* buf: 32 bytes, 16-aligned; the instruction works on buf[0..15], the rest shows overruns */
static ONE void movapd_store(v128 a, v128 *buf) {
  __asm__ volatile("movdqu %1, %%xmm3" U("movapd_store") "movapd %%xmm3, %0" UE("movapd_store") : "=m"(buf[0]) : "m"(a) : "xmm3");
}
static ONE void movnt_sfence(v128 a, v128 *buf) {
  __asm__ volatile("movdqu %1, %%xmm3" U("movnt_sfence") "movntpd %%xmm3, %0\n\tsfence\n\t.byte 0x0f, 0xae, 0xf9" /* sfence, another ModRM */ UE("movnt_sfence") : "=m"(buf[0]) : "m"(a) : "xmm3");
}
static ONE void movhps_both(v128 a, v128 *buf) {
  __asm__ volatile("movdqu %1, %%xmm3" U("movhps_both") "movhps (%0), %%xmm3\n\tmovhps %%xmm3, 8(%0)" UE("movhps_both") "movdqu %%xmm3, 16(%0)"
    : : "r"(buf), "m"(a) : "xmm3", "memory");
}
/* the REX.W forms the assemblers do not emit for memory: 66 48 0F 6E/7E, 48 0F 6E/7E */
static ONE void movq_rexw_mem(v128 a, v128 *buf) {
  __asm__ volatile("movdqu %1, %%xmm0\n\tmovq 8(%%rax), %%mm0" U("movq_rexw_mem")
    ".byte 0x66, 0x48, 0x0f, 0x6e, 0x00\n\t"   /* movq (%rax), %xmm0 */
    ".byte 0x66, 0x48, 0x0f, 0x7e, 0x40, 0x10\n\t" /* movq %xmm0, 16(%rax) */
    ".byte 0x48, 0x0f, 0x6e, 0x48, 0x08\n\t"   /* movq 8(%rax), %mm1 */
    ".byte 0x48, 0x0f, 0x7e, 0x48, 0x18"       /* movq %mm1, 24(%rax) */
    UE("movq_rexw_mem") "emms\n\tmovdqu %%xmm0, %2"
    : "+m"(*(v128 (*)[2])buf) : "m"(a), "m"(buf[1]), "a"(buf) : "xmm0", "mm0", "mm1");
}
typedef void (*memfn)(v128, v128 *);
static const struct { const char *n; memfn f; } MEMS[] = {
  { "movapd_store", movapd_store }, { "movnt_sfence", movnt_sfence }, { "movhps_both", movhps_both }, { "movq_rexw_mem", movq_rexw_mem },
};

/* ---- stmxcsr, movmsk ---------------------------------------------------------------------------- */
static uint32_t mx_mask = 0xffbf;
static ONE void stmx(uint32_t v) {
  uint32_t r = 0xdeadbeef;
  __asm__ volatile(U("stmx") "ldmxcsr %1\n\tstmxcsr %0" UE("stmx") "ldmxcsr %2" : "+m"(r) : "m"(v), "m"((uint32_t){ 0x1f80 }));
  end32(r);
}
static ONE void movmsk(v128 a) {
  uint64_t r1 = ~0ull, r2 = ~0ull, r3 = ~0ull;
  __asm__ volatile("movdqu %3, %%xmm5" U("movmsk") "movmskps %%xmm5, %0\n\tmovmskpd %%xmm5, %1\n\t"
    ".byte 0x48, 0x0f, 0x50, 0xc5" /* movmskps %xmm5, %rax */ UE("movmsk")
    : "+r"(r1), "+r"(r2), "+a"(r3) : "m"(a) : "xmm5");
  part64(r1); part64(r2); end64(r3);
}

/* ---- shuffles by immediate, register sources ------------------------------------------------------ */
#define SHUF(n, insn, imm) static ONE void n##_##imm(v128 a, v128 b) { v128 r; \
    __asm__ volatile("movdqu %1, %%xmm1\n\tmovdqu %2, %%xmm2" U(#n "_" #imm) insn " $" #imm ", %%xmm1, %%xmm2" UE(#n "_" #imm) "movdqu %%xmm2, %0" \
      : "=m"(r) : "m"(a), "m"(b) : "xmm1", "xmm2"); part64(r.q[0]); end64(r.q[1]); }
#define SHUF4(n, insn) SHUF(n, insn, 0x1b) SHUF(n, insn, 0x00) SHUF(n, insn, 0xe4) SHUF(n, insn, 0x9c)
SHUF4(pshuflw, "pshuflw") SHUF4(pshufhw, "pshufhw") SHUF4(shufps, "shufps")
SHUF(shufpd, "shufpd", 0) SHUF(shufpd, "shufpd", 1) SHUF(shufpd, "shufpd", 2) SHUF(shufpd, "shufpd", 3)
static const struct { const char *n; v2fn f; } SHUFS[] = {
  { "pshuflw_0x1b", pshuflw_0x1b }, { "pshuflw_0x00", pshuflw_0x00 }, { "pshuflw_0xe4", pshuflw_0xe4 }, { "pshuflw_0x9c", pshuflw_0x9c },
  { "pshufhw_0x1b", pshufhw_0x1b }, { "pshufhw_0x00", pshufhw_0x00 }, { "pshufhw_0xe4", pshufhw_0xe4 }, { "pshufhw_0x9c", pshufhw_0x9c },
  { "shufps_0x1b", shufps_0x1b }, { "shufps_0x00", shufps_0x00 }, { "shufps_0xe4", shufps_0xe4 }, { "shufps_0x9c", shufps_0x9c },
  { "shufpd_0", shufpd_0 }, { "shufpd_1", shufpd_1 }, { "shufpd_2", shufpd_2 }, { "shufpd_3", shufpd_3 },
};

/* ---- pinsrw with REX.W (64-bit register / 16-bit memory), xmm and mm ------------------------------- */
static ONE void pinsrw_w(v128 a, uint64_t g) {
  v128 r; uint64_t m; uint16_t w = (uint16_t)(g >> 21);
  __asm__ volatile("movdqu %2, %%xmm0\n\tmovdq2q %%xmm0, %%mm0" U("pinsrw_w")
    ".byte 0x66, 0x48, 0x0f, 0xc4, 0xc1, 0x03\n\t" /* pinsrw $3, %rcx, %xmm0 */
    ".byte 0x66, 0x48, 0x0f, 0xc4, 0x02, 0x06\n\t" /* pinsrw $6, (%rdx), %xmm0 */
    ".byte 0x48, 0x0f, 0xc4, 0xc1, 0x01\n\t"       /* pinsrw $1, %rcx, %mm0 */
    ".byte 0x48, 0x0f, 0xc4, 0x02, 0x02"           /* pinsrw $2, (%rdx), %mm0 */
    UE("pinsrw_w") "movdqu %%xmm0, %0\n\tmovq %%mm0, %1\n\temms"
    : "=m"(r), "=r"(m) : "m"(a), "c"(g), "d"(&w), "m"(w) : "xmm0", "mm0");
  part64(r.q[0]); part64(r.q[1]); end64(m);
}

/* ---- compares by predicate, register sources; the MXCSR flags after ------------------------------ */
#define CMP(n, insn, imm, dbl) static ONE void n##_##imm(v128 a, v128 b) { v128 r; set_mx(0x1f80); \
    __asm__ volatile("movdqu %1, %%xmm1\n\tmovdqu %2, %%xmm2" U(#n "_" #imm) insn " $" #imm ", %%xmm1, %%xmm2" UE(#n "_" #imm) "movdqu %%xmm2, %0" \
      : "=m"(r) : "m"(a), "m"(b) : "xmm1", "xmm2"); uint32_t m = get_mx(); part64(r.q[0]); part64(r.q[1]); end32(m); }
#define CMP8(n, dbl) CMP(n, #n, 0, dbl) CMP(n, #n, 1, dbl) CMP(n, #n, 2, dbl) CMP(n, #n, 3, dbl) CMP(n, #n, 4, dbl) \
  CMP(n, #n, 5, dbl) CMP(n, #n, 6, dbl) CMP(n, #n, 7, dbl)
CMP8(cmpps, 0) CMP8(cmppd, 1) CMP8(cmpss, 0) CMP8(cmpsd, 1)
#define CMPE(n, dbl) { #n "_0", n##_0, dbl }, { #n "_1", n##_1, dbl }, { #n "_2", n##_2, dbl }, { #n "_3", n##_3, dbl }, \
  { #n "_4", n##_4, dbl }, { #n "_5", n##_5, dbl }, { #n "_6", n##_6, dbl }, { #n "_7", n##_7, dbl },
static const struct { const char *n; v2fn f; int dbl; } CMPS[] = { CMPE(cmpps, 0) CMPE(cmppd, 1) CMPE(cmpss, 0) CMPE(cmpsd, 1) };

/* ---- (u)comis: the flags and MXCSR after ------------------------------------------------------------ */
#define COMI(n, insn) static ONE void n(v128 a, v128 b) { uint64_t fl; set_mx(0x1f80); \
    __asm__ volatile("movdqu %1, %%xmm1\n\tmovdqu %2, %%xmm2\n\tpush %3\n\tpopf" U(#n) insn UE(#n) "pushf\n\tpop %0" \
      : "=r"(fl) : "m"(a), "m"(b), "r"((uint64_t)0x8d5 ^ (a.q[1] & 0x8d5)) : "xmm1", "xmm2", "cc"); \
    uint32_t m = get_mx(); part64(fl & 0xfff); end32(m); }
COMI(ucomiss_r, "ucomiss %%xmm1, %%xmm2") COMI(ucomisd_r, "ucomisd %%xmm1, %%xmm2")
COMI(comiss_r, "comiss %%xmm1, %%xmm2") COMI(comisd_r, "comisd %%xmm1, %%xmm2")
COMI(ucomisd_m, "ucomisd %1, %%xmm2") COMI(ucomiss_m, "ucomiss %1, %%xmm2")
COMI(comisd_m, "comisd %1, %%xmm2") COMI(comiss_m, "comiss %1, %%xmm2")
static const struct { const char *n; v2fn f; int dbl; } COMIS[] = {
  { "ucomiss_r", ucomiss_r, 0 }, { "ucomisd_r", ucomisd_r, 1 }, { "comiss_r", comiss_r, 0 }, { "comisd_r", comisd_r, 1 },
  { "ucomisd_m", ucomisd_m, 1 }, { "ucomiss_m", ucomiss_m, 0 }, { "comisd_m", comisd_m, 1 }, { "comiss_m", comiss_m, 0 },
};

/* ---- scalar conversions with integers, every size and kind, under a given MXCSR ---------------------- */
#define F2I(n, insn, reg) static ONE void n(v128 a, uint32_t mx) { uint64_t r = 0x5555555555555555ull; set_mx(mx); \
    __asm__ volatile("movdqu %1, %%xmm3" U(#n) insn UE(#n) : "+r"(r) : "m"(a) : "xmm3"); \
    uint32_t m = get_mx(); set_mx(0x1f80); part64(r); end32(m); }
F2I(cvtss2si_r32, "cvtss2si %%xmm3, %k0", 0) F2I(cvtss2si_r64, "cvtss2si %%xmm3, %q0", 0)
F2I(cvtss2si_m32, "cvtss2si %1, %k0", 0) F2I(cvtss2si_m64, "cvtss2si %1, %q0", 0)
F2I(cvttss2si_r32, "cvttss2si %%xmm3, %k0", 0) F2I(cvttss2si_r64, "cvttss2si %%xmm3, %q0", 0)
F2I(cvttss2si_m32, "cvttss2si %1, %k0", 0) F2I(cvttss2si_m64, "cvttss2si %1, %q0", 0)
F2I(cvtsd2si_r32, "cvtsd2si %%xmm3, %k0", 0) F2I(cvtsd2si_r64, "cvtsd2si %%xmm3, %q0", 0)
F2I(cvtsd2si_m32, "cvtsd2si %1, %k0", 0) F2I(cvtsd2si_m64, "cvtsd2si %1, %q0", 0)
F2I(cvttsd2si_r32, "cvttsd2si %%xmm3, %k0", 0) F2I(cvttsd2si_r64, "cvttsd2si %%xmm3, %q0", 0)
F2I(cvttsd2si_m32, "cvttsd2si %1, %k0", 0) F2I(cvttsd2si_m64, "cvttsd2si %1, %q0", 0)
typedef void (*f2ifn)(v128, uint32_t);
static const struct { const char *n; f2ifn f; int dbl; } F2IS[] = {
  { "cvtss2si_r32", cvtss2si_r32, 0 }, { "cvtss2si_r64", cvtss2si_r64, 0 }, { "cvtss2si_m32", cvtss2si_m32, 0 }, { "cvtss2si_m64", cvtss2si_m64, 0 },
  { "cvttss2si_r32", cvttss2si_r32, 0 }, { "cvttss2si_r64", cvttss2si_r64, 0 }, { "cvttss2si_m32", cvttss2si_m32, 0 }, { "cvttss2si_m64", cvttss2si_m64, 0 },
  { "cvtsd2si_r32", cvtsd2si_r32, 1 }, { "cvtsd2si_r64", cvtsd2si_r64, 1 }, { "cvtsd2si_m32", cvtsd2si_m32, 1 }, { "cvtsd2si_m64", cvtsd2si_m64, 1 },
  { "cvttsd2si_r32", cvttsd2si_r32, 1 }, { "cvttsd2si_r64", cvttsd2si_r64, 1 }, { "cvttsd2si_m32", cvttsd2si_m32, 1 }, { "cvttsd2si_m64", cvttsd2si_m64, 1 },
};
#define I2F(n, insn, T) static ONE void n(v128 a, uint64_t g, uint32_t mx) { v128 r; T v = (T)g; set_mx(mx); \
    __asm__ volatile("movdqu %1, %%xmm3" U(#n) insn UE(#n) "movdqu %%xmm3, %0" : "=m"(r) : "m"(a), "r"(v), "m"(v) : "xmm3"); \
    uint32_t m = get_mx(); set_mx(0x1f80); part64(r.q[0]); part64(r.q[1]); end32(m); }
I2F(cvtsi2ss_r32, "cvtsi2ss %2, %%xmm3", uint32_t) I2F(cvtsi2ss_r64, "cvtsi2ss %2, %%xmm3", uint64_t)
I2F(cvtsi2ss_m32, "cvtsi2ssl %3, %%xmm3", uint32_t) I2F(cvtsi2ss_m64, "cvtsi2ssq %3, %%xmm3", uint64_t)
I2F(cvtsi2sd_r32, "cvtsi2sd %2, %%xmm3", uint32_t) I2F(cvtsi2sd_r64, "cvtsi2sd %2, %%xmm3", uint64_t)
I2F(cvtsi2sd_m32, "cvtsi2sdl %3, %%xmm3", uint32_t) I2F(cvtsi2sd_m64, "cvtsi2sdq %3, %%xmm3", uint64_t)
typedef void (*i2ffn)(v128, uint64_t, uint32_t);
static const struct { const char *n; i2ffn f; } I2FS[] = {
  { "cvtsi2ss_r32", cvtsi2ss_r32 }, { "cvtsi2ss_r64", cvtsi2ss_r64 }, { "cvtsi2ss_m32", cvtsi2ss_m32 }, { "cvtsi2ss_m64", cvtsi2ss_m64 },
  { "cvtsi2sd_r32", cvtsi2sd_r32 }, { "cvtsi2sd_r64", cvtsi2sd_r64 }, { "cvtsi2sd_m32", cvtsi2sd_m32 }, { "cvtsi2sd_m64", cvtsi2sd_m64 },
};
/* rounding modes, masked; and with the precision/invalid exceptions' flags already set */
static const uint32_t MXS[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x1fa1 };
static int64_t rint64(void) { uint64_t r = rnd64(); return (int64_t)r >> (r & 63); }


/* ---- SSE2 two-operand ops, register and memory sources (the SSE programs run most of
 * them on a few hundred inputs only) ------------------------------------------------------ */
#define SB(op) static ONE void sbr_##op(v128 a, v128 b) { v128 r; \
    __asm__ volatile("movdqu %1, %%xmm1\n\tmovdqu %2, %%xmm2" U("sbr_" #op) #op " %%xmm2, %%xmm1" UE("sbr_" #op) "movdqu %%xmm1, %0" \
      : "=m"(r) : "m"(a), "m"(b) : "xmm1", "xmm2"); part64(r.q[0]); end64(r.q[1]); } \
  static ONE void sbm_##op(v128 a, v128 b) { v128 r; \
    __asm__ volatile("movdqu %1, %%xmm1" U("sbm_" #op) #op " %2, %%xmm1" UE("sbm_" #op) "movdqu %%xmm1, %0" \
      : "=m"(r) : "m"(a), "m"(b) : "xmm1"); part64(r.q[0]); end64(r.q[1]); }
#define SBOPS(X) X(andps) X(andpd) X(andnps) X(andnpd) X(orps) X(orpd) X(xorps) X(xorpd) X(pand) X(pandn) X(por) X(pxor) \
  X(packsswb) X(packssdw) X(packuswb) X(paddb) X(paddw) X(paddd) X(paddq) X(paddsb) X(paddsw) X(paddusb) X(paddusw) \
  X(psubb) X(psubw) X(psubd) X(psubq) X(psubsb) X(psubsw) X(psubusb) X(psubusw) X(pavgb) X(pavgw) \
  X(pcmpeqb) X(pcmpeqw) X(pcmpeqd) X(pcmpgtb) X(pcmpgtw) X(pcmpgtd) X(pmaddwd) X(pmaxsw) X(pminsw) X(pmaxub) X(pminub) \
  X(pmulhuw) X(pmulhw) X(pmullw) X(pmuludq) X(psadbw) \
  X(punpcklbw) X(punpcklwd) X(punpckldq) X(punpcklqdq) X(punpckhbw) X(punpckhwd) X(punpckhdq) X(punpckhqdq) \
  X(unpcklps) X(unpcklpd) X(unpckhps) X(unpckhpd)
#define SSHOPS(X) X(psllw) X(pslld) X(psllq) X(psrlw) X(psrld) X(psrlq) X(psraw) X(psrad)
SBOPS(SB) SSHOPS(SB)
/* SSE3, SSE4.1, SSE4.2, AES ops of the same shape (their own testers run some of these
 * forms on fewer inputs than the report's full amount) */
#define SB4OPS(X) X(pminsb) X(pminsd) X(pminuw) X(pminud) X(pmaxsb) X(pmaxsd) X(pmaxuw) X(pmaxud) X(pmulld) X(pmuldq) \
  X(pcmpeqq) X(packusdw) X(phminposuw) X(pmovsxbw) X(pmovsxbd) X(pmovsxbq) X(pmovsxwd) X(pmovsxwq) X(pmovsxdq) \
  X(pmovzxbw) X(pmovzxbd) X(pmovzxbq) X(pmovzxwd) X(pmovzxwq) X(pmovzxdq) X(movddup) X(movsldup) X(movshdup) X(pcmpgtq) \
  X(aesenc) X(aesenclast) X(aesdec) X(aesdeclast) X(aesimc)
SB4OPS(SB)
#define SBMO(op) static ONE void sbm_##op(v128 a, v128 b) { v128 r; \
    __asm__ volatile("movdqu %1, %%xmm1" U("sbm_" #op) #op " %2, %%xmm1" UE("sbm_" #op) "movdqu %%xmm1, %0" \
      : "=m"(r) : "m"(a), "m"(b) : "xmm1"); part64(r.q[0]); end64(r.q[1]); }
SBMO(lddqu) SBMO(movntdqa)
#define SBE(op) { "sbr_" #op, sbr_##op }, { "sbm_" #op, sbm_##op },
static const struct { const char *n; v2fn f; } SBS[] = { SBOPS(SBE) };
static const struct { const char *n; v2fn f; } SB4S[] = { SB4OPS(SBE) { "sbm_lddqu", sbm_lddqu }, { "sbm_movntdqa", sbm_movntdqa } };
static const struct { const char *n; v2fn f; } SSHS[] = { SSHOPS(SBE) };
/* shifts by immediate (groups 71, 72, 73 with the byte shifts) */
#define SI(op, k) static ONE void si##k##_##op(v128 a, v128 b) { v128 r; (void)b; \
    __asm__ volatile("movdqu %1, %%xmm3" U("si" #k "_" #op) #op " $" #k ", %%xmm3" UE("si" #k "_" #op) "movdqu %%xmm3, %0" \
      : "=m"(r) : "m"(a) : "xmm3"); part64(r.q[0]); end64(r.q[1]); }
#define SIS(op) SI(op, 1) SI(op, 7) SI(op, 15) SI(op, 16) SI(op, 33)
SSHOPS(SIS) SIS(pslldq) SIS(psrldq)
#define SIE(op) { "si1_" #op, si1_##op }, { "si7_" #op, si7_##op }, { "si15_" #op, si15_##op }, { "si16_" #op, si16_##op }, { "si33_" #op, si33_##op },
static const struct { const char *n; v2fn f; } SIMMS[] = { SSHOPS(SIE) SIE(pslldq) SIE(psrldq) };
/* shuffles from memory, pshufd from a register, pinsrw (32-bit register, 16-bit memory) */
#define SM(n, insn) static ONE void n(v128 a, v128 b) { v128 r; uint16_t w16 = (uint16_t)b.q[1]; \
    __asm__ volatile("movdqu %1, %%xmm2" U(#n) insn UE(#n) "movdqu %%xmm2, %0" : "=m"(r) : "m"(a), "m"(b), "r"((uint32_t)b.q[0]), "m"(w16) : "xmm2", "xmm3"); \
    part64(r.q[0]); end64(r.q[1]); }
SM(pshufd_r, "movdqu %2, %%xmm3\n\tpshufd $0x9c, %%xmm3, %%xmm2") SM(pshufd_m, "pshufd $0x1b, %2, %%xmm2")
SM(pshufhw_m, "pshufhw $0x9c, %2, %%xmm2") SM(pshuflw_m, "pshuflw $0x4e, %2, %%xmm2")
SM(shufps_m, "shufps $0x9c, %2, %%xmm2") SM(shufpd_m, "shufpd $1, %2, %%xmm2")
SM(pinsrw_r, "pinsrw $5, %3, %%xmm2") SM(pinsrw_m, "pinsrw $2, %4, %%xmm2")
static const struct { const char *n; v2fn f; } SMS[] = {
  { "pshufd_r", pshufd_r }, { "pshufd_m", pshufd_m }, { "pshufhw_m", pshufhw_m }, { "pshuflw_m", pshuflw_m },
  { "shufps_m", shufps_m }, { "shufpd_m", shufpd_m }, { "pinsrw_r", pinsrw_r }, { "pinsrw_m", pinsrw_m },
};

/* every SSE/SSE2 move with memory, the gpr moves, pmovmskb, maskmovdqu: one unit; the
 * token is a hash of the buffer and the registers after it */
static uint64_t fnv(const void *p, size_t n, uint64_t h) {
  const unsigned char *b = p;
  for (size_t k = 0; k < n; k++) { h ^= b[k]; h *= 0x100000001b3ull; }
  return h;
}
static ONE void ssemoves(v128 a, v128 b, uint64_t g) {
  static v128 buf[16];
  v128 x[8];
  uint64_t o[4] = { ~0ull, ~0ull, ~0ull, ~0ull };
  buf[0] = a; buf[1] = b;
  for (int k = 2; k < 16; k++) buf[k] = (v128){ { g * (uint64_t)k, ~g ^ (uint64_t)k } };
  __asm__ volatile(
    "movdqu %[a], %%xmm1\n\tpcmpeqb %%xmm0, %%xmm0"
    U("ssemoves")
    "movups (%[p]), %%xmm2\n\tmovupd 16(%[p]), %%xmm3\n\tmovaps (%[p]), %%xmm4\n\tmovapd 16(%[p]), %%xmm5\n\t"
    "movdqa (%[p]), %%xmm6\n\tmovdqu 16(%[p]), %%xmm7\n\t"
    "movups %%xmm1, 32(%[p])\n\tmovupd %%xmm2, 48(%[p])\n\tmovaps %%xmm3, 64(%[p])\n\tmovapd %%xmm4, 80(%[p])\n\t"
    "movdqa %%xmm5, 96(%[p])\n\tmovdqu %%xmm6, 112(%[p])\n\tmovntps %%xmm7, 128(%[p])\n\tmovntdq %%xmm1, 144(%[p])\n\t"
    "movss 4(%[p]), %%xmm2\n\tmovss %%xmm3, 160(%[p])\n\tmovsd 8(%[p]), %%xmm4\n\tmovsd %%xmm5, 168(%[p])\n\t"
    "movlps 16(%[p]), %%xmm6\n\tmovlps %%xmm6, 176(%[p])\n\tmovlpd 24(%[p]), %%xmm7\n\tmovlpd %%xmm7, 184(%[p])\n\t"
    "movhpd (%[p]), %%xmm2\n\tmovhpd %%xmm2, 192(%[p])\n\tmovhlps %%xmm1, %%xmm3\n\tmovlhps %%xmm1, %%xmm4\n\t"
    "movd %k[g], %%xmm5\n\tmovd 4(%[p]), %%xmm6\n\tmovq %[g], %%xmm7\n\tmovd %%xmm4, %k[o0]\n\tmovd %%xmm3, 200(%[p])\n\t"
    "movq %%xmm1, %[o1]\n\tmovq 8(%[p]), %%xmm0\n\tmovq %%xmm0, 208(%[p])\n\tpmovmskb %%xmm1, %k[o2]\n\t"
    "lea 224(%[p]), %%rdi\n\tmaskmovdqu %%xmm1, %%xmm0"
    UE("ssemoves")
    "movdqu %%xmm0, (%[x])\n\tmovdqu %%xmm1, 16(%[x])\n\tmovdqu %%xmm2, 32(%[x])\n\tmovdqu %%xmm3, 48(%[x])\n\t"
    "movdqu %%xmm4, 64(%[x])\n\tmovdqu %%xmm5, 80(%[x])\n\tmovdqu %%xmm6, 96(%[x])\n\tmovdqu %%xmm7, 112(%[x])"
    : [o0] "+r"(o[0]), [o1] "+r"(o[1]), [o2] "+r"(o[2])
    : [p] "r"(buf), [a] "m"(b), [g] "r"(g), [x] "r"(x)
    : "rdi", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "memory");
  uint64_t h = fnv(buf, sizeof buf, 0xcbf29ce484222325ull);
  h = fnv(x, sizeof x, h);
  end64(fnv(o, sizeof o, h));
}

#define N (sizeof(x) / sizeof((x)[0]))
#define EACH(x) for (size_t u = 0; u < sizeof(x) / sizeof((x)[0]); u++)

int main(int argc, char **argv) {
  if (argc > 1) nrand = atoi(argv[1]);
  {
    static unsigned char fx[512] __attribute__((aligned(16)));
    __asm__ volatile("fxsave %0" : "=m"(fx));
    memcpy(&mx_mask, fx + 28, 4);
    if (!mx_mask) mx_mask = 0xffbf;
  }
  int n = nrand < 20 ? 20 : nrand;
  EACH(MOVRRS) { begin(MOVRRS[u].n); for (int k = 0; k < n; k++) MOVRRS[u].f(rv(), rv()); finish(); }
  EACH(MEMS) {
    begin(MEMS[u].n);
    for (int k = 0; k < n; k++) {
      v128 buf[2] = { rv(), rv() };
      MEMS[u].f(rv(), buf);
      part64(buf[0].q[0]); part64(buf[0].q[1]); part64(buf[1].q[0]); end64(buf[1].q[1]);
    }
    finish();
  }
  begin("stmx");
  for (int k = 0; k < n; k++) stmx((uint32_t)rnd64() & mx_mask & ~0x3fu);
  finish();
  begin("movmsk");
  for (int k = 0; k < n; k++) movmsk(rv());
  finish();
  EACH(SHUFS) { begin(SHUFS[u].n); for (int k = 0; k < n; k++) SHUFS[u].f(rv(), rv()); finish(); }
  begin("pinsrw_w");
  for (int k = 0; k < n; k++) pinsrw_w(rv(), rnd64());
  finish();
  EACH(CMPS) {
    begin(CMPS[u].n);
    for (int k = 0; k < n; k++) { v128 a = rvf(CMPS[u].dbl), b = rvf(CMPS[u].dbl); if (k % 8 == 0) b = a; CMPS[u].f(a, b); }
    finish();
  }
  EACH(COMIS) {
    begin(COMIS[u].n);
    int d = COMIS[u].dbl;
    for (size_t i = 0; i < (d ? NF64 : NF32); i++) for (size_t j = 0; j < (d ? NF64 : NF32); j += 3) {
      v128 a = { { d ? F64S[i] : F32S[i], rnd64() } }, b = { { d ? F64S[j] : F32S[j], rnd64() } };
      COMIS[u].f(a, b);
    }
    for (int k = 0; k < n; k++) { v128 a = rvf(d), b = rvf(d); if (k % 8 == 0) b.q[0] = a.q[0]; COMIS[u].f(a, b); }
    finish();
  }
  EACH(F2IS) {
    begin(F2IS[u].n);
    int d = F2IS[u].dbl;
    for (size_t m = 0; m < sizeof MXS / sizeof MXS[0]; m++) {
      for (size_t i = 0; i < (d ? NF64 : NF32); i++) { v128 a = { { d ? F64S[i] : F32S[i], rnd64() } }; F2IS[u].f(a, MXS[m]); }
      for (int k = 0; k < n / 5 + 1; k++) F2IS[u].f(rvf(d), MXS[m]);
    }
    finish();
  }
  EACH(I2FS) {
    begin(I2FS[u].n);
    for (size_t m = 0; m < sizeof MXS / sizeof MXS[0]; m++)
      for (int k = 0; k < n / 5 + 4; k++) I2FS[u].f(rv(), k < 4 ? (uint64_t)(k & 1 ? INT64_MIN : -1) >> (k & 2 ? 32 : 0) : (uint64_t)rint64(), MXS[m]);
    finish();
  }
  EACH(SBS) { begin(SBS[u].n); for (int k = 0; k < n; k++) SBS[u].f(rv(), rv()); finish(); }
  if (argc > 2 && !strcmp(argv[2], "sse4")) EACH(SB4S) { begin(SB4S[u].n); for (int k = 0; k < n; k++) SB4S[u].f(rv(), rv()); finish(); }
  EACH(SSHS) {
    begin(SSHS[u].n);
    for (int k = 0; k < n; k++) { uint64_t c = rnd64(); v128 cnt = { { (c & 7) ? (c >> 8) % 80 : c, rnd64() } }; SSHS[u].f(rv(), cnt); }
    finish();
  }
  EACH(SIMMS) { begin(SIMMS[u].n); for (int k = 0; k < n / 4 + 1; k++) SIMMS[u].f(rv(), rv()); finish(); }
  EACH(SMS) { begin(SMS[u].n); for (int k = 0; k < n; k++) SMS[u].f(rv(), rv()); finish(); }
  begin("ssemoves");
  for (int k = 0; k < n; k++) { v128 a = rv(), b = rv(); ssemoves(a, b, rnd64()); }
  finish();
  flush_out();
  return 0;
}
