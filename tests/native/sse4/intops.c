/* SSSE3 and SSE4.1 integer instructions (and the SSE3 moves): every form with a
 * register and a memory source, MMX and XMM forms of SSSE3, every immediate of the
 * immediate forms, over edge-case and random operands. Prints the result bits (and the
 * flags of ptest). Each line starts with the instruction's name and r (register source)
 * or m (memory source).
 * usage: intops bin|imm|ins|move */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../sse/common.h"

/* ---- binary forms: xmm0 op= xmm9 (REX) and xmm10 op= m128 ------------------------------ */
typedef void (*xfn)(v128 *, const v128 *);
#define XBIN(fn, insn)                                                                          \
  static void fn##_r(v128 *d, const v128 *s) {                                                  \
    __asm__ volatile("movdqu %[d], %%xmm0\n\tmovdqu %[s], %%xmm9\n\t" insn " %%xmm9, %%xmm0\n\t" \
                     "movdqu %%xmm0, %[d]" : [d] "+m"(*d) : [s] "m"(*s) : "xmm0", "xmm9");      \
  }                                                                                             \
  static void fn##_m(v128 *d, const v128 *s) {                                                  \
    __asm__ volatile("movdqu %[d], %%xmm10\n\t" insn " %[s], %%xmm10\n\tmovdqu %%xmm10, %[d]"     \
                     : [d] "+m"(*d) : [s] "m"(*s) : "xmm10");                                   \
  }
/* MMX forms: mm0 op= mm5 and mm3 op= m64 (emms after each) */
typedef void (*mfn)(uint64_t *, const uint64_t *);
#define MBIN(fn, insn)                                                                          \
  static void fn##_mr(uint64_t *d, const uint64_t *s) {                                         \
    __asm__ volatile("movq %[d], %%mm0\n\tmovq %[s], %%mm5\n\t" insn " %%mm5, %%mm0\n\t"         \
                     "movq %%mm0, %[d]\n\temms" : [d] "+m"(*d) : [s] "m"(*s) : "mm0", "mm5");     \
  }                                                                                             \
  static void fn##_mm(uint64_t *d, const uint64_t *s) {                                         \
    __asm__ volatile("movq %[d], %%mm3\n\t" insn " %[s], %%mm3\n\tmovq %%mm3, %[d]\n\temms"      \
                     : [d] "+m"(*d) : [s] "m"(*s) : "mm3");                                     \
  }
#define SSSE3(fn) XBIN(fn, #fn) MBIN(fn, #fn)

SSSE3(pshufb) SSSE3(phaddw) SSSE3(phaddd) SSSE3(phaddsw) SSSE3(pmaddubsw) SSSE3(phsubw)
SSSE3(phsubd) SSSE3(phsubsw) SSSE3(psignb) SSSE3(psignw) SSSE3(psignd) SSSE3(pmulhrsw)
SSSE3(pabsb) SSSE3(pabsw) SSSE3(pabsd)
XBIN(pminsb, "pminsb") XBIN(pminsd, "pminsd") XBIN(pminuw, "pminuw") XBIN(pminud, "pminud")
XBIN(pmaxsb, "pmaxsb") XBIN(pmaxsd, "pmaxsd") XBIN(pmaxuw, "pmaxuw") XBIN(pmaxud, "pmaxud")
XBIN(pmulld, "pmulld") XBIN(pmuldq, "pmuldq") XBIN(pcmpeqq, "pcmpeqq") XBIN(packusdw, "packusdw")
XBIN(phminposuw, "phminposuw")
XBIN(pmovsxbw, "pmovsxbw") XBIN(pmovsxbd, "pmovsxbd") XBIN(pmovsxbq, "pmovsxbq")
XBIN(pmovsxwd, "pmovsxwd") XBIN(pmovsxwq, "pmovsxwq") XBIN(pmovsxdq, "pmovsxdq")
XBIN(pmovzxbw, "pmovzxbw") XBIN(pmovzxbd, "pmovzxbd") XBIN(pmovzxbq, "pmovzxbq")
XBIN(pmovzxwd, "pmovzxwd") XBIN(pmovzxwq, "pmovzxwq") XBIN(pmovzxdq, "pmovzxdq")
XBIN(movddup, "movddup") XBIN(movsldup, "movsldup") XBIN(movshdup, "movshdup")

struct xop { const char *name; xfn r, m; };
struct mop { const char *name; mfn r, m; };
#define XOP(n) { #n, n##_r, n##_m }
#define MOP(n) { #n, n##_mr, n##_mm }
static const struct xop XOPS[] = {
  XOP(pshufb), XOP(phaddw), XOP(phaddd), XOP(phaddsw), XOP(pmaddubsw), XOP(phsubw), XOP(phsubd),
  XOP(phsubsw), XOP(psignb), XOP(psignw), XOP(psignd), XOP(pmulhrsw), XOP(pabsb), XOP(pabsw), XOP(pabsd),
  XOP(pminsb), XOP(pminsd), XOP(pminuw), XOP(pminud), XOP(pmaxsb), XOP(pmaxsd), XOP(pmaxuw), XOP(pmaxud),
  XOP(pmulld), XOP(pmuldq), XOP(pcmpeqq), XOP(packusdw), XOP(phminposuw),
  XOP(pmovsxbw), XOP(pmovsxbd), XOP(pmovsxbq), XOP(pmovsxwd), XOP(pmovsxwq), XOP(pmovsxdq),
  XOP(pmovzxbw), XOP(pmovzxbd), XOP(pmovzxbq), XOP(pmovzxwd), XOP(pmovzxwq), XOP(pmovzxdq),
  XOP(movddup), XOP(movsldup), XOP(movshdup),
};
static const struct mop MOPS[] = {
  MOP(pshufb), MOP(phaddw), MOP(phaddd), MOP(phaddsw), MOP(pmaddubsw), MOP(phsubw), MOP(phsubd),
  MOP(phsubsw), MOP(psignb), MOP(psignw), MOP(psignd), MOP(pmulhrsw), MOP(pabsb), MOP(pabsw), MOP(pabsd),
};

/* operands: element edge values in every lane width, then random */
static const uint32_t EDGE32[] = {
  0x00000000, 0xffffffff, 0x80000000, 0x7fffffff, 0x00000001, 0x80808080, 0x7f7f7f7f, 0x01010101,
  0x80007fff, 0x7fff8000, 0xffff0000, 0x0000ffff, 0x00ff00ff, 0xff00ff00, 0x8001fffe, 0x40004000,
  0xc000c000, 0x0f0e0d0c, 0x8f0e8d0c, 0x03020100, 0x12345678, 0xfedcba98,
};
#define NEDGE (sizeof EDGE32 / sizeof EDGE32[0])
static void operand(v128 *v, unsigned n) {
  if (n < NEDGE * NEDGE) {
    unsigned a = n % NEDGE, b = n / NEDGE;
    v->u[0] = EDGE32[a]; v->u[1] = EDGE32[b]; v->u[2] = EDGE32[(a + b) % NEDGE]; v->u[3] = EDGE32[(a * 7 + b) % NEDGE];
  } else {
    for (int k = 0; k < 4; k++) v->u[k] = rnd32();
    /* sometimes bytes or words of extreme values */
    uint32_t r = rnd32();
    if ((r & 3) == 0) for (int k = 0; k < 16; k++) if ((r >> (k + 2)) & 1) v->b[k] = (uint8_t)(0x80 | (rnd32() & 0x7f));
  }
}

static void line(const char *name, char rm, unsigned idx, unsigned imm) {
  out_s(name); out_c(rm); out_c(' '); out_hex(idx, 5); out_c(' '); out_hex(imm, 2); out_c(' ');
}

static void sec_bin(unsigned n) {
  v128 a, b, d;
  for (unsigned i = 0; i < n; i++) {
    operand(&a, i); operand(&b, (i * 13 + 5) % n);
    for (unsigned k = 0; k < sizeof XOPS / sizeof XOPS[0]; k++) {
      d = a; XOPS[k].r(&d, &b); line(XOPS[k].name, 'r', i, 0); out_v(&d); out_nl();
      d = a; XOPS[k].m(&d, &b); line(XOPS[k].name, 'm', i, 0); out_v(&d); out_nl();
    }
    for (unsigned k = 0; k < sizeof MOPS / sizeof MOPS[0]; k++) {
      uint64_t x = a.q[0], y = b.q[1];
      MOPS[k].r(&x, &y); line(MOPS[k].name, 'r', i, 0); out_h64(x); out_nl();
      x = a.q[1]; y = b.q[0];
      MOPS[k].m(&x, &y); line(MOPS[k].name, 'm', i, 0); out_h64(x); out_nl();
    }
  }
}

/* ---- immediate forms: a switch over every immediate, the immediate as an "i" operand --------- */
#define CASE(I, A, insn) case (I): A(insn, I); break;
#define C4(I, A, insn) CASE(I, A, insn) CASE((I) + 1, A, insn) CASE((I) + 2, A, insn) CASE((I) + 3, A, insn)
#define C16(I, A, insn) C4(I, A, insn) C4((I) + 4, A, insn) C4((I) + 8, A, insn) C4((I) + 12, A, insn)
#define C64(I, A, insn) C16(I, A, insn) C16((I) + 16, A, insn) C16((I) + 32, A, insn) C16((I) + 48, A, insn)
#define C256(A, insn) C64(0, A, insn) C64(64, A, insn) C64(128, A, insn) C64(192, A, insn)

#define XIMM_R(insn, I)                                                                           \
  __asm__ volatile("movdqu %[d], %%xmm1\n\tmovdqu %[s], %%xmm12\n\t" insn " %[i], %%xmm12, %%xmm1\n\t" \
                   "movdqu %%xmm1, %[d]" : [d] "+m"(*d) : [s] "m"(*s), [i] "i"(I) : "xmm1", "xmm12")
#define XIMM_M(insn, I)                                                                           \
  __asm__ volatile("movdqu %[d], %%xmm7\n\t" insn " %[i], %[s], %%xmm7\n\tmovdqu %%xmm7, %[d]"       \
                   : [d] "+m"(*d) : [s] "m"(*s), [i] "i"(I) : "xmm7")
#define MIMM_R(insn, I)                                                                           \
  __asm__ volatile("movq %[d], %%mm1\n\tmovq %[s], %%mm6\n\t" insn " %[i], %%mm6, %%mm1\n\t"        \
                   "movq %%mm1, %[d]\n\temms" : [d] "+m"(*d) : [s] "m"(*s), [i] "i"(I) : "mm1", "mm6")
#define MIMM_M(insn, I)                                                                           \
  __asm__ volatile("movq %[d], %%mm2\n\t" insn " %[i], %[s], %%mm2\n\tmovq %%mm2, %[d]\n\temms"      \
                   : [d] "+m"(*d) : [s] "m"(*s), [i] "i"(I) : "mm2")
#define XIMM(fn, insn)                                                                            \
  static void fn##_r(v128 *d, const v128 *s, int imm) { switch (imm) { C256(XIMM_R, insn) } }    \
  static void fn##_m(v128 *d, const v128 *s, int imm) { switch (imm) { C256(XIMM_M, insn) } }
XIMM(palignr, "palignr") XIMM(pblendw, "pblendw") XIMM(blendps, "blendps") XIMM(blendpd, "blendpd")
XIMM(mpsadbw, "mpsadbw") XIMM(insertps, "insertps")
static void palignr_mr(uint64_t *d, const uint64_t *s, int imm) { switch (imm) { C256(MIMM_R, "palignr") } }
static void palignr_mm(uint64_t *d, const uint64_t *s, int imm) { switch (imm) { C256(MIMM_M, "palignr") } }

typedef void (*xifn)(v128 *, const v128 *, int);
struct xiop { const char *name; xifn r, m; int step; };
static const struct xiop XIOPS[] = {
  { "palignr", palignr_r, palignr_m, 1 }, { "pblendw", pblendw_r, pblendw_m, 1 },
  { "blendps", blendps_r, blendps_m, 1 }, { "blendpd", blendpd_r, blendpd_m, 1 },
  { "mpsadbw", mpsadbw_r, mpsadbw_m, 1 }, { "insertps", insertps_r, insertps_m, 1 },
};

/* insertps from memory: a single float at an unaligned address */
static void insertps_m32(v128 *d, const uint32_t *s, int imm) {
#define INS_M32(insn, I) \
  __asm__ volatile("movdqu %[d], %%xmm5\n\t" insn " %[i], %[s], %%xmm5\n\tmovdqu %%xmm5, %[d]" : [d] "+m"(*d) : [s] "m"(*s), [i] "i"(I) : "xmm5")
  switch (imm) { C256(INS_M32, "insertps") }
}

static void sec_imm(unsigned n) {
  v128 a, b, d;
  for (unsigned i = 0; i < n; i++) {
    operand(&a, i * 3 + 1); operand(&b, i * 5 + 2);
    for (unsigned k = 0; k < sizeof XIOPS / sizeof XIOPS[0]; k++)
      for (int imm = 0; imm < 256; imm += XIOPS[k].step) {
        /* the register and memory forms on alternate immediates, each seen with both */
        d = a;
        if ((imm + i) & 1) XIOPS[k].m(&d, &b, imm); else XIOPS[k].r(&d, &b, imm);
        line(XIOPS[k].name, (imm + i) & 1 ? 'm' : 'r', i, imm); out_v(&d); out_nl();
      }
    for (int imm = 0; imm < 256; imm++) {
      uint64_t x = a.q[0], y = b.q[1];
      if ((imm + i) & 1) palignr_mm(&x, &y, imm); else palignr_mr(&x, &y, imm);
      line("palignr", (imm + i) & 1 ? 'm' : 'r', i, imm); out_h64(x); out_nl();
    }
    unsigned char raw[8];
    memcpy(raw + 1, &b.u[1], 4);
    for (int imm = 0; imm < 256; imm += 7) {
      d = a; insertps_m32(&d, (const uint32_t *)(raw + 1), imm);
      line("insertps", 'm', i, imm); out_v(&d); out_nl();
    }
  }
}

/* ---- inserts, extracts, ptest, variable blends ---------------------------------------------- */
#define PEXTR_R(insn, I)                                                                          \
  __asm__ volatile("movdqu %[s], %%xmm11\n\tmov $-1, %%r9\n\t" insn " %[i], %%xmm11, %%r9d\n\tmov %%r9, %[o]" \
                   : [o] "=m"(*o) : [s] "m"(*s), [i] "i"(I) : "r9")
#define PEXTRQ_R(insn, I)                                                                         \
  __asm__ volatile("movdqu %[s], %%xmm11\n\tmov $-1, %%r9\n\t" insn " %[i], %%xmm11, %%r9\n\tmov %%r9, %[o]" \
                   : [o] "=m"(*o) : [s] "m"(*s), [i] "i"(I) : "r9")
#define PEXTR_M(insn, I)                                                                          \
  __asm__ volatile("movdqu %[s], %%xmm2\n\t" insn " %[i], %%xmm2, %[o]" : [o] "+m"(*(mt *)o) : [s] "m"(*s), [i] "i"(I))
#define PEXTRF(fn, insn, M)                                                                       \
  static void fn##_r(uint64_t *o, const v128 *s, int imm) { switch (imm) { C16(0, M, insn) } }
#define PEXTRFM(fn, insn, T)                                                                      \
  static void fn##_m(uint64_t *o, const v128 *s, int imm) { typedef T mt; switch (imm) { C16(0, PEXTR_M, insn) } }
PEXTRF(pextrb, "pextrb", PEXTR_R) PEXTRFM(pextrb, "pextrb", uint8_t)
PEXTRF(pextrw, "pextrw", PEXTR_R) PEXTRFM(pextrw, "pextrw", uint16_t)
PEXTRF(pextrd, "pextrd", PEXTR_R) PEXTRFM(pextrd, "pextrd", uint32_t)
PEXTRF(pextrq, "pextrq", PEXTRQ_R) PEXTRFM(pextrq, "pextrq", uint64_t)
PEXTRF(extractps, "extractps", PEXTR_R) PEXTRFM(extractps, "extractps", uint32_t)
/* gas writes pextrw to a register in its SSE2 form (66 0F C5): the SSE4.1 register form
 * (66 0F 3A 15), pextrw $5, %xmm11, %r9d, as bytes */
static void pextrw_3a(uint64_t *o, const v128 *s) {
  __asm__ volatile("movdqu %[s], %%xmm11\n\tmov $-1, %%r9\n\t.byte 0x66, 0x45, 0x0f, 0x3a, 0x15, 0xd9, 0x05\n\t"
                   "mov %%r9, %[o]" : [o] "=m"(*o) : [s] "m"(*s) : "r9", "xmm11");
}

#define PINSR_R(insn, I)                                                                          \
  __asm__ volatile("movdqu %[d], %%xmm13\n\tmov %[v], %%r10\n\t" insn " %[i], %%r10d, %%xmm13\n\tmovdqu %%xmm13, %[d]" \
                   : [d] "+m"(*d) : [v] "m"(v), [i] "i"(I) : "r10", "xmm13")
#define PINSRQ_R(insn, I)                                                                         \
  __asm__ volatile("movdqu %[d], %%xmm13\n\tmov %[v], %%r10\n\t" insn " %[i], %%r10, %%xmm13\n\tmovdqu %%xmm13, %[d]" \
                   : [d] "+m"(*d) : [v] "m"(v), [i] "i"(I) : "r10", "xmm13")
#define PINSR_M(insn, I)                                                                          \
  __asm__ volatile("movdqu %[d], %%xmm4\n\t" insn " %[i], %[m], %%xmm4\n\tmovdqu %%xmm4, %[d]"      \
                   : [d] "+m"(*d) : [m] "m"(*(const mt *)p), [i] "i"(I) : "xmm4")
#define PINSRF(fn, insn, M, T)                                                                    \
  static void fn##_r(v128 *d, uint64_t v, int imm) { switch (imm) { C16(0, M, insn) } }          \
  static void fn##_m(v128 *d, const void *p, int imm) { typedef T mt; switch (imm) { C16(0, PINSR_M, insn) } }
PINSRF(pinsrb, "pinsrb", PINSR_R, uint8_t) PINSRF(pinsrd, "pinsrd", PINSR_R, uint32_t)
PINSRF(pinsrq, "pinsrq", PINSRQ_R, uint64_t)

static uint64_t ptest_r(const v128 *a, const v128 *b) {
  uint64_t fl;
  __asm__ volatile("movdqu %[a], %%xmm14\n\tmovdqu %[b], %%xmm3\n\tmov $0x8d5, %%eax\n\tpush %%rax\n\tpopf\n\t"
                   "ptest %%xmm3, %%xmm14\n\tpushf\n\tpop %[f]" : [f] "=r"(fl) : [a] "m"(*a), [b] "m"(*b) : "rax", "xmm14", "xmm3", "cc");
  return fl & 0x8d5;
}
static uint64_t ptest_m(const v128 *a, const v128 *b) {
  uint64_t fl;
  __asm__ volatile("movdqu %[a], %%xmm6\n\txor %%eax, %%eax\n\tpush %%rax\n\tpopf\n\t"
                   "ptest %[b], %%xmm6\n\tpushf\n\tpop %[f]" : [f] "=r"(fl) : [a] "m"(*a), [b] "m"(*b) : "rax", "xmm6", "cc");
  return fl & 0x8d5;
}

#define BLENDV(fn, insn)                                                                          \
  static void fn##_r(v128 *d, const v128 *s, const v128 *k) {                                     \
    __asm__ volatile("movdqu %[k], %%xmm0\n\tmovdqu %[d], %%xmm8\n\tmovdqu %[s], %%xmm15\n\t" insn  \
                     " %%xmm0, %%xmm15, %%xmm8\n\tmovdqu %%xmm8, %[d]" : [d] "+m"(*d) : [s] "m"(*s), [k] "m"(*k) : "xmm0", "xmm8", "xmm15"); \
  }                                                                                               \
  static void fn##_m(v128 *d, const v128 *s, const v128 *k) {                                     \
    __asm__ volatile("movdqu %[k], %%xmm0\n\tmovdqu %[d], %%xmm2\n\t" insn                         \
                     " %%xmm0, %[s], %%xmm2\n\tmovdqu %%xmm2, %[d]" : [d] "+m"(*d) : [s] "m"(*s), [k] "m"(*k) : "xmm0", "xmm2"); \
  }                                                                                               \
  /* the mask register is also the destination */                                                \
  static void fn##_x0(v128 *d, const v128 *s) {                                                   \
    __asm__ volatile("movdqu %[d], %%xmm0\n\tmovdqu %[s], %%xmm1\n\t" insn                         \
                     " %%xmm0, %%xmm1, %%xmm0\n\tmovdqu %%xmm0, %[d]" : [d] "+m"(*d) : [s] "m"(*s) : "xmm0", "xmm1"); \
  }
BLENDV(pblendvb, "pblendvb") BLENDV(blendvps, "blendvps") BLENDV(blendvpd, "blendvpd")

static void sec_ins(unsigned n) {
  v128 a, b, d, k;
  unsigned char raw[24];
  for (unsigned i = 0; i < n; i++) {
    operand(&a, i); operand(&b, i * 11 + 3); operand(&k, i * 17 + 9);
    uint64_t o;
    for (int imm = 0; imm < 16; imm++) {
#define EXT(fn)                                                                              \
      o = 0; fn##_r(&o, &a, imm); line(#fn, 'r', i, imm); out_h64(o); out_nl();                 \
      o = 0x5555555555555555ull; fn##_m(&o, &a, imm); line(#fn, 'm', i, imm); out_h64(o); out_nl();
      EXT(pextrb) EXT(pextrw) EXT(pextrd) EXT(pextrq) EXT(extractps)
      uint64_t v = b.q[imm & 1] ^ ((uint64_t)imm << 40);
      memcpy(raw + 3, &v, 8);
#define INS(fn)                                                                              \
      d = a; fn##_r(&d, v, imm); line(#fn, 'r', i, imm); out_v(&d); out_nl();                  \
      d = a; fn##_m(&d, raw + 3, imm); line(#fn, 'm', i, imm); out_v(&d); out_nl();
      INS(pinsrb) INS(pinsrd) INS(pinsrq)
    }
    o = 0; pextrw_3a(&o, &a); line("pextrw", 'r', i, 0x85); out_h64(o); out_nl();
    line("ptest", 'r', i, 0); out_h64(ptest_r(&a, &b)); out_h64(ptest_r(&a, &a)); out_h64(ptest_r(&b, &k)); out_nl();
    v128 z = a; z.u[i & 3] = 0; z.q[(i >> 2) & 1] = 0;
    line("ptest", 'm', i, 0); out_h64(ptest_m(&a, &b)); out_h64(ptest_m(&z, &a)); out_h64(ptest_m(&a, &z)); out_nl();
#define BLV(fn)                                                                              \
    d = a; fn##_r(&d, &b, &k); line(#fn, 'r', i, 0); out_v(&d); out_nl();                       \
    d = a; fn##_m(&d, &b, &k); line(#fn, 'm', i, 0); out_v(&d); out_nl();                       \
    d = k; fn##_x0(&d, &b); line(#fn, 'r', i, 1); out_v(&d); out_nl();
    BLV(pblendvb) BLV(blendvps) BLV(blendvpd)
  }
}

/* ---- loads: lddqu (unaligned), movntdqa, the duplicating moves from unaligned memory -------- */
static void sec_move(unsigned n) {
  static unsigned char buf[64] __attribute__((aligned(16)));
  v128 d;
  for (unsigned i = 0; i < n; i++) {
    for (int k = 0; k < 64; k++) buf[k] = (uint8_t)rnd32();
    unsigned off = i % 17;
    __asm__ volatile("lddqu %[m], %%xmm5\n\tmovdqu %%xmm5, %[d]" : [d] "=m"(d) : [m] "m"(*(const v128 *)(buf + off)) : "xmm5");
    line("lddqu", 'm', i, off); out_v(&d); out_nl();
    __asm__ volatile("movntdqa %[m], %%xmm9\n\tmovdqu %%xmm9, %[d]" : [d] "=m"(d) : [m] "m"(*(const v128 *)(buf + 16)) : "xmm9");
    line("movntdqa", 'm', i, 0); out_v(&d); out_nl();
    d.q[0] = d.q[1] = 0x1111111111111111ull;
    __asm__ volatile("movdqu %[d], %%xmm3\n\tmovddup %[m], %%xmm3\n\tmovdqu %%xmm3, %[d]" : [d] "+m"(d) : [m] "m"(*(const uint64_t *)(buf + off)) : "xmm3");
    line("movddup", 'm', i, off); out_v(&d); out_nl();
    d.q[0] = d.q[1] = 0x2222222222222222ull;
    /* pmovsx/zx from unaligned memory of their own width */
    __asm__ volatile("pmovsxbw %[m], %%xmm3\n\tmovdqu %%xmm3, %[d]" : [d] "=m"(d) : [m] "m"(*(const uint64_t *)(buf + off)) : "xmm3");
    line("pmovsxbw", 'm', i, off); out_v(&d); out_nl();
    __asm__ volatile("pmovzxbq %[m], %%xmm3\n\tmovdqu %%xmm3, %[d]" : [d] "=m"(d) : [m] "m"(*(const uint16_t *)(buf + off)) : "xmm3");
    line("pmovzxbq", 'm', i, off); out_v(&d); out_nl();
    __asm__ volatile("pmovsxwq %[m], %%xmm3\n\tmovdqu %%xmm3, %[d]" : [d] "=m"(d) : [m] "m"(*(const uint32_t *)(buf + off)) : "xmm3");
    line("pmovsxwq", 'm', i, off); out_v(&d); out_nl();
  }
}

int main(int argc, char **argv) {
  (void)out_h32;
  const char *sec = argc > 1 ? argv[1] : "bin";
  unsigned n = argc > 2 ? (unsigned)atoi(argv[2]) : 0;
  if (!strcmp(sec, "bin")) sec_bin(n ? n : NEDGE * NEDGE + 300);
  else if (!strcmp(sec, "imm")) sec_imm(n ? n : 24);
  else if (!strcmp(sec, "ins")) sec_ins(n ? n : 250);
  else if (!strcmp(sec, "move")) sec_move(n ? n : 200);
  else { fprintf(stderr, "unknown section %s\n", sec); return 2; }
  flush_out();
  return 0;
}
