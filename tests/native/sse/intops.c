/* SSE2 packed-integer instructions, logic, shuffles, unpacks, shifts and data movement
 * on patterned and random vectors, register and memory forms. Prints result bits.
 * usage: intops bin|bytes|shift|shuf|move */
#include <stdio.h>
#include <stdlib.h>
#include "common.h"

static void head(const char *name, int idx) { out_s(name); out_c(' '); out_hex(idx, 4); out_c(' '); }

#define DEF_BIN(fn, insn)                                                                     \
  static void fn##_r(v128 *d, const v128 *s) {                                                \
    __asm__ volatile("movups %[d], %%xmm0\n\tmovups %[s], %%xmm9\n\t" insn                     \
                     " %%xmm9, %%xmm0\n\tmovups %%xmm0, %[d]"                                 \
                     : [d] "+m"(*d) : [s] "m"(*s) : "xmm0", "xmm9");                           \
  }                                                                                           \
  static void fn##_m(v128 *d, const v128 *s) {                                                \
    __asm__ volatile("movups %[d], %%xmm10\n\t" insn " %[s], %%xmm10\n\tmovups %%xmm10, %[d]" \
                     : [d] "+m"(*d) : [s] "m"(*s) : "xmm10");                                  \
  }
#define LIST_BIN(X) X(paddb) X(paddw) X(paddd) X(paddq) X(psubb) X(psubw) X(psubd) X(psubq) \
  X(paddsb) X(paddsw) X(paddusb) X(paddusw) X(psubsb) X(psubsw) X(psubusb) X(psubusw)       \
  X(pmullw) X(pmulhw) X(pmulhuw) X(pmuludq) X(pmaddwd) X(psadbw) X(pavgb) X(pavgw)          \
  X(pminub) X(pmaxub) X(pminsw) X(pmaxsw) X(pcmpeqb) X(pcmpeqw) X(pcmpeqd) X(pcmpgtb)       \
  X(pcmpgtw) X(pcmpgtd) X(packsswb) X(packuswb) X(packssdw) X(punpcklbw) X(punpcklwd)       \
  X(punpckldq) X(punpcklqdq) X(punpckhbw) X(punpckhwd) X(punpckhdq) X(punpckhqdq)           \
  X(pand) X(pandn) X(por) X(pxor) X(andps) X(andnps) X(orps) X(xorps) X(andpd) X(andnpd)    \
  X(orpd) X(xorpd) X(unpcklps) X(unpckhps) X(unpcklpd) X(unpckhpd) X(psllw) X(pslld)        \
  X(psllq) X(psrlw) X(psrld) X(psrlq) X(psraw) X(psrad)
#define X_DEF(n) DEF_BIN(n, #n)
LIST_BIN(X_DEF)
typedef void (*binfn)(v128 *, const v128 *);
struct op { const char *name; binfn r, m; };
#define X_ENT(n) { #n, n##_r, n##_m },
static const struct op BIN[] = { LIST_BIN(X_ENT) };

static void fill(v128 *v, int n) {
  switch (n % 6) {
    case 0: for (int k = 0; k < 16; k++) v->b[k] = (uint8_t)rnd32(); break;
    case 1: for (int k = 0; k < 16; k++) v->b[k] = (uint8_t)(0x7e + (rnd32() % 5)); break; /* near 0x7f/0x80 */
    case 2: for (int k = 0; k < 8; k++) v->w[k] = (uint16_t)(0x7ffe + rnd32() % 5); break;
    case 3: for (int k = 0; k < 16; k++) v->b[k] = (rnd32() & 1) ? 0xff : (uint8_t)(rnd32() % 3); break;
    case 4: for (int k = 0; k < 8; k++) v->w[k] = (rnd32() & 1) ? 0x8000 : (uint16_t)rnd32(); break;
    default: for (int k = 0; k < 4; k++) v->u[k] = (rnd32() & 1) ? 0x80000000u + rnd32() % 3 : 0x7fffffffu - rnd32() % 3; break;
  }
}

static void bin_tests(void) {
  v128 a, b;
  for (int n = 0; n < 120; n++) {
    fill(&a, n); fill(&b, n / 6 + n);
    if (n % 7 == 0) b = a;
    for (unsigned k = 0; k < sizeof BIN / sizeof BIN[0]; k++) {
      v128 d = a;
      v128 s = b;
      if (BIN[k].name[1] == 's' && (BIN[k].name[2] == 'l' || BIN[k].name[2] == 'r')) {
        /* shift counts: small, at the element width, huge (upper half set) */
        s.q[0] = (n % 5 == 0) ? ((uint64_t)1 << 32) | 3 : rnd32() % 70;
      }
      BIN[k].r(&d, &s); head(BIN[k].name, n); out_v(&d);
      d = a; BIN[k].m(&d, &s); out_v(&d); out_nl();
    }
  }
}

/* every pair of byte values through the byte-wise instructions (the emulator works on
 * four bytes at a time), and every pair of words with the sign boundary nearby */
static void byte_tests(void) {
  static const char *NAMES[] = { "pminub", "pmaxub", "pcmpeqb", "pcmpgtb", "pavgb", "paddusb", "psubusb", "paddsb", "psubsb", "psubb", "paddb" };
  v128 a, b;
  for (unsigned n = 0; n < 65536 / 16; n++) {
    for (int k = 0; k < 16; k++) { unsigned p = n * 16 + k; a.b[k] = (uint8_t)(p >> 8); b.b[k] = (uint8_t)(p * 7 + (p >> 8)); }
    for (unsigned k = 0; k < sizeof BIN / sizeof BIN[0]; k++) {
      int want = 0;
      for (unsigned j = 0; j < sizeof NAMES / sizeof NAMES[0]; j++) if (!strcmp(BIN[k].name, NAMES[j])) want = 1;
      if (!want) continue;
      v128 d = a;
      BIN[k].r(&d, &b);
      head(BIN[k].name, n); out_v(&d);
      uint32_t m;
      __asm__ volatile("movups %1, %%xmm3\n\tpmovmskb %%xmm3, %0" : "=r"(m) : "m"(d) : "xmm3");
      out_h32(m); out_nl();
    }
  }
}

/* ---- shifts by immediate ---------------------------------------------------------------------- */
#define DEF_SHI(fn, insn, imm)                                                                    \
  static void fn(v128 *d) {                                                                      \
    __asm__ volatile("movups %[d], %%xmm5\n\t" insn " $" #imm ", %%xmm5\n\tmovups %%xmm5, %[d]"  \
                     : [d] "+m"(*d) :: "xmm5");                                                  \
  }
#define DEF_SHI_ALL(n) DEF_SHI(n##_0, #n, 0) DEF_SHI(n##_1, #n, 1) DEF_SHI(n##_7, #n, 7) DEF_SHI(n##_8, #n, 8) \
  DEF_SHI(n##_15, #n, 15) DEF_SHI(n##_16, #n, 16) DEF_SHI(n##_17, #n, 17) DEF_SHI(n##_31, #n, 31)          \
  DEF_SHI(n##_32, #n, 32) DEF_SHI(n##_33, #n, 33) DEF_SHI(n##_63, #n, 63) DEF_SHI(n##_64, #n, 64)          \
  DEF_SHI(n##_200, #n, 200) DEF_SHI(n##_255, #n, 255)
#define LIST_SHI(X) X(psllw) X(pslld) X(psllq) X(psrlw) X(psrld) X(psrlq) X(psraw) X(psrad) X(pslldq) X(psrldq)
LIST_SHI(DEF_SHI_ALL)
typedef void (*unfn)(v128 *);
#define X_SHENT(n) { #n, { n##_0, n##_1, n##_7, n##_8, n##_15, n##_16, n##_17, n##_31, n##_32, n##_33, n##_63, n##_64, n##_200, n##_255 } },
static const struct { const char *name; unfn f[14]; } SHI[] = { LIST_SHI(X_SHENT) };

static void shift_tests(void) {
  v128 a;
  for (int n = 0; n < 24; n++) {
    fill(&a, n);
    for (unsigned k = 0; k < sizeof SHI / sizeof SHI[0]; k++) {
      head(SHI[k].name, n);
      for (int c = 0; c < 14; c++) { v128 d = a; SHI[k].f[c](&d); out_v(&d); }
      out_nl();
    }
  }
}

/* ---- shuffles and inserts/extracts ------------------------------------------------------------ */
#define DEF_SHUF(fn, insn, imm)                                                                   \
  static void fn(v128 *d, const v128 *s) {                                                       \
    __asm__ volatile("movups %[d], %%xmm2\n\t" insn " $" #imm ", %[s], %%xmm2\n\tmovups %%xmm2, %[d]" \
                     : [d] "+m"(*d) : [s] "m"(*s) : "xmm2");                                      \
  }
#define DEF_SHUF_ALL(n) DEF_SHUF(n##_a, #n, 0x1b) DEF_SHUF(n##_b, #n, 0xe4) DEF_SHUF(n##_c, #n, 0x00) \
  DEF_SHUF(n##_d, #n, 0xff) DEF_SHUF(n##_e, #n, 0x9c) DEF_SHUF(n##_f, #n, 0x02) DEF_SHUF(n##_g, #n, 0x01) DEF_SHUF(n##_h, #n, 0x03)
#define LIST_SHUF(X) X(pshufd) X(pshuflw) X(pshufhw) X(shufps) X(shufpd)
LIST_SHUF(DEF_SHUF_ALL)
#define X_SHUFENT(n) { #n, { n##_a, n##_b, n##_c, n##_d, n##_e, n##_f, n##_g, n##_h } },
static const struct { const char *name; binfn f[8]; } SHUF[] = { LIST_SHUF(X_SHUFENT) };

static void shuf_tests(void) {
  v128 a, b;
  for (int n = 0; n < 16; n++) {
    fill(&a, n); fill(&b, n + 1);
    for (unsigned k = 0; k < sizeof SHUF / sizeof SHUF[0]; k++) {
      head(SHUF[k].name, n);
      for (int c = 0; c < 8; c++) { v128 d = a; SHUF[k].f[c](&d, &b); out_v(&d); }
      out_nl();
    }
    /* pextrw / pinsrw / pmovmskb / movmskps / movmskpd */
    uint32_t r0, r1, r2, r3, r4;
    __asm__ volatile("movups %[a], %%xmm6\n\tpextrw $3, %%xmm6, %[r0]\n\tpextrw $15, %%xmm6, %[r1]\n\t"
                     "pmovmskb %%xmm6, %[r2]\n\tmovmskps %%xmm6, %[r3]\n\tmovmskpd %%xmm6, %[r4]"
                     : [r0] "=r"(r0), [r1] "=r"(r1), [r2] "=r"(r2), [r3] "=r"(r3), [r4] "=r"(r4)
                     : [a] "m"(a) : "xmm6");
    head("extract", n); out_h32(r0); out_h32(r1); out_h32(r2); out_h32(r3); out_h32(r4); out_nl();
    uint64_t pm;
    __asm__ volatile("movups %[a], %%xmm7\n\tpmovmskb %%xmm7, %[r]" : [r] "=r"(pm) : [a] "m"(a) : "xmm7");
    head("pmovmskb64", n); out_h64(pm); out_nl();
    v128 d = a;
    uint16_t w = (uint16_t)rnd32();
    uint64_t big = 0xdeadbeef00000000ull | w;
    __asm__ volatile("movups %[d], %%xmm8\n\tpinsrw $5, %k[v], %%xmm8\n\tpinsrw $10, %[m], %%xmm8\n\tmovups %%xmm8, %[d]"
                     : [d] "+m"(d) : [v] "r"(big), [m] "m"(w) : "xmm8");
    head("pinsrw", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm8\n\tmovups %[s], %%xmm9\n\tmovhlps %%xmm9, %%xmm8\n\tmovups %%xmm8, %[d]"
                     : [d] "+m"(d) : [s] "m"(b) : "xmm8", "xmm9");
    head("movhlps", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm8\n\tmovups %[s], %%xmm9\n\tmovlhps %%xmm9, %%xmm8\n\tmovups %%xmm8, %[d]"
                     : [d] "+m"(d) : [s] "m"(b) : "xmm8", "xmm9");
    head("movlhps", n); out_v(&d); out_nl();
  }
}

/* ---- data movement ---------------------------------------------------------------------------- */
static void move_tests(void) {
  static v128 buf[4];
  v128 a, b, d;
  for (int n = 0; n < 8; n++) {
    fill(&a, n); fill(&b, n + 3);
    uint8_t *p = (uint8_t *)buf;
    for (int k = 0; k < 64; k++) p[k] = (uint8_t)(0xa0 + k);
    /* scalar moves: register forms merge, memory loads zero the rest */
    d = a;
    __asm__ volatile("movups %[d], %%xmm1\n\tmovups %[s], %%xmm2\n\tmovss %%xmm2, %%xmm1\n\tmovups %%xmm1, %[d]"
                     : [d] "+m"(d) : [s] "m"(b) : "xmm1", "xmm2");
    head("movss_rr", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm1\n\tmovss %[s], %%xmm1\n\tmovups %%xmm1, %[d]" : [d] "+m"(d) : [s] "m"(b.f[1]) : "xmm1");
    head("movss_rm", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm1\n\tmovups %[s], %%xmm2\n\tmovsd %%xmm2, %%xmm1\n\tmovups %%xmm1, %[d]"
                     : [d] "+m"(d) : [s] "m"(b) : "xmm1", "xmm2");
    head("movsd_rr", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm1\n\tmovsd %[s], %%xmm1\n\tmovups %%xmm1, %[d]" : [d] "+m"(d) : [s] "m"(b.d[1]) : "xmm1");
    head("movsd_rm", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[s], %%xmm1\n\tmovss %%xmm1, 4+%[d]\n\tmovsd %%xmm1, 8+%[d]" : [d] "+m"(d) : [s] "m"(b) : "xmm1");
    head("movss_movsd_store", n); out_v(&d); out_nl();
    /* half moves */
    d = a;
    __asm__ volatile("movups %[d], %%xmm3\n\tmovlps %[s], %%xmm3\n\tmovhps 8+%[s], %%xmm3\n\tmovups %%xmm3, %[d]"
                     : [d] "+m"(d) : [s] "m"(b) : "xmm3");
    head("movlps_movhps", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm3\n\tmovhpd %[s], %%xmm3\n\tmovlpd 8+%[s], %%xmm3\n\tmovups %%xmm3, %[d]"
                     : [d] "+m"(d) : [s] "m"(b) : "xmm3");
    head("movhpd_movlpd", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[s], %%xmm3\n\tmovlps %%xmm3, 8+%[d]\n\tmovhps %%xmm3, %[d]" : [d] "+m"(d) : [s] "m"(b) : "xmm3");
    head("movlps_movhps_store", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[s], %%xmm3\n\tmovlpd %%xmm3, 8+%[d]\n\tmovhpd %%xmm3, %[d]" : [d] "+m"(d) : [s] "m"(b) : "xmm3");
    head("movlpd_movhpd_store", n); out_v(&d); out_nl();
    /* movd / movq */
    uint64_t g = ((uint64_t)rnd32() << 32) | rnd32(), r1, r2;
    uint32_t m32 = rnd32();
    d = a;
    __asm__ volatile("movups %[d], %%xmm4\n\tmovd %k[g], %%xmm4\n\tmovups %%xmm4, %[d]" : [d] "+m"(d) : [g] "r"(g) : "xmm4");
    head("movd_load_r", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm4\n\tmovd %[g], %%xmm4\n\tmovups %%xmm4, %[d]" : [d] "+m"(d) : [g] "m"(m32) : "xmm4");
    head("movd_load_m", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm4\n\tmovq %[g], %%xmm4\n\tmovups %%xmm4, %[d]" : [d] "+m"(d) : [g] "r"(g) : "xmm4");
    head("movq_load_r", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm4\n\tmovq %[g], %%xmm4\n\tmovups %%xmm4, %[d]" : [d] "+m"(d) : [g] "m"(g) : "xmm4");
    head("movq_load_m", n); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm4\n\tmovups %[s], %%xmm5\n\tmovq %%xmm5, %%xmm4\n\tmovups %%xmm4, %[d]"
                     : [d] "+m"(d) : [s] "m"(b) : "xmm4", "xmm5");
    head("movq_xx", n); out_v(&d); out_nl();
    r1 = 0xffffffffffffffffull; r2 = 0xffffffffffffffffull;
    __asm__ volatile("movups %[s], %%xmm4\n\tmovd %%xmm4, %k[r1]\n\tmovq %%xmm4, %[r2]" : [r1] "+r"(r1), [r2] "+r"(r2) : [s] "m"(b) : "xmm4");
    head("movd_movq_store_r", n); out_h64(r1); out_h64(r2); out_nl();
    d = a;
    __asm__ volatile("movups %[s], %%xmm4\n\tmovd %%xmm4, 4+%[d]\n\tmovq %%xmm4, 8+%[d]" : [d] "+m"(d) : [s] "m"(b) : "xmm4");
    head("movd_movq_store_m", n); out_v(&d); out_nl();
    /* aligned/unaligned full moves and non-temporal stores */
    __asm__ volatile("movdqu 1+%[p], %%xmm11\n\tmovdqa %%xmm11, 16+%[p]\n\tmovups 3+%[p], %%xmm12\n\tmovaps %%xmm12, 32+%[p]\n\t"
                     "movupd 5+%[p], %%xmm13\n\tmovapd %%xmm13, 48+%[p]\n\tmovdqu %%xmm11, 7+%[p]\n\tmovups %%xmm12, 9+%[p]\n\t"
                     "movupd %%xmm13, 33+%[p]"
                     : [p] "+m"(buf) :: "xmm11", "xmm12", "xmm13");
    head("movu_mova", n); for (int k = 0; k < 4; k++) out_v(&buf[k]); out_nl();
    __asm__ volatile("movaps 16+%[p], %%xmm14\n\tmovntps %%xmm14, %[p]\n\tmovapd 32+%[p], %%xmm14\n\tmovntpd %%xmm14, 48+%[p]\n\t"
                     "movdqa %[p], %%xmm15\n\tmovntdq %%xmm15, 32+%[p]\n\tmovnti %k[g], 16+%[p]\n\tmovnti %[g], 24+%[p]\n\tsfence\n\tlfence\n\tmfence"
                     : [p] "+m"(buf) : [g] "r"(g) : "xmm14", "xmm15");
    head("movnt", n); for (int k = 0; k < 4; k++) out_v(&buf[k]); out_nl();
    /* maskmovdqu to [rdi] */
    for (int k = 0; k < 64; k++) p[k] = (uint8_t)k;
    __asm__ volatile("movups %[a], %%xmm1\n\tmovups %[b], %%xmm2\n\tmaskmovdqu %%xmm2, %%xmm1"
                     :: [a] "m"(a), [b] "m"(b), "D"(p + 5 + n) : "xmm1", "xmm2", "memory");
    head("maskmovdqu", n); for (int k = 0; k < 4; k++) out_v(&buf[k]); out_nl();
  }
  /* prefix combinations: a stray 66 does not shrink cvtsi2ss/cvttss2si, the last of F2/F3
   * selects the instruction, REX.W is ignored by movdqa */
  {
    uint64_t r = 0x5555555555555555ull, in = 0xfffffffe12345678ull;
    d = a;
    __asm__ volatile("movups %[d], %%xmm0\n\t.byte 0x66, 0xf3, 0x0f, 0x2a, 0xc1\n\tmovups %%xmm0, %[d]\n\t"
                     ".byte 0x66, 0xf3, 0x0f, 0x2c, 0xc0"
                     : [d] "+m"(d), "+a"(r) : "c"(in) : "xmm0");
    head("prefix_66_f3", 0); out_v(&d); out_h64(r); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm0\n\tmovups %[s], %%xmm1\n\t.byte 0xf2, 0xf3, 0x0f, 0x10, 0xc1\n\t"
                     "movups %%xmm0, %[d]" : [d] "+m"(d) : [s] "m"(b) : "xmm0", "xmm1");
    head("prefix_f2_f3", 0); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[d], %%xmm0\n\tmovups %[s], %%xmm1\n\t.byte 0xf3, 0xf2, 0x0f, 0x10, 0xc1\n\t"
                     "movups %%xmm0, %[d]" : [d] "+m"(d) : [s] "m"(b) : "xmm0", "xmm1");
    head("prefix_f3_f2", 0); out_v(&d); out_nl();
    d = a;
    __asm__ volatile("movups %[s], %%xmm1\n\t.byte 0x66, 0x48, 0x0f, 0x6f, 0xc1\n\tmovups %%xmm0, %[d]"
                     : [d] "=m"(d) : [s] "m"(b) : "xmm0", "xmm1");
    head("prefix_rexw_movdqa", 0); out_v(&d); out_nl();
    /* fences with a ModRM.rm other than 0 */
    __asm__ volatile(".byte 0x0f, 0xae, 0xe9, 0x0f, 0xae, 0xef, 0x0f, 0xae, 0xf1, 0x0f, 0xae, 0xf7, 0x0f, 0xae, 0xf9, 0x0f, 0xae, 0xff");
    head("fences", 0); out_nl();
  }
  /* ldmxcsr / stmxcsr round trip of every valid bit */
  uint32_t save, m;
  STMX(save);
  for (int k = 0; k < 16; k++) {
    uint32_t v = (1u << k) | 0x1f80;
    LDMX(v); STMX(m);
    head("mxcsr", k); out_h32(m); out_nl();
  }
  LDMX(save);
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  if (!strcmp(what, "bin")) bin_tests();
  else if (!strcmp(what, "shift")) shift_tests();
  else if (!strcmp(what, "bytes")) byte_tests();
  else if (!strcmp(what, "shuf")) shuf_tests();
  else if (!strcmp(what, "move")) move_tests();
  else { fprintf(stderr, "usage: intops bin|bytes|shift|shuf|move\n"); return 2; }
  flush_out();
  return 0;
}
