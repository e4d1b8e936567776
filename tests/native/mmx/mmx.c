/* MMX conformance: every MMX instruction (and the SSE/SSE2 additions on mm registers)
 * over many operand values, register and memory forms, and the x87 state the MMX
 * switch leaves (status, tag words, register images, fxsave), the pending-#MF rule,
 * faults. Run natively and under x64vm; the outputs must be identical.
 * Sections: bin shift misc cvt state faults (argv[1]; none = all). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

/* ---- buffered hex output ---------------------------------------------------------- */
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
static void out_h16(uint64_t v) { out_hex(v, 4); out_c(' '); }
static void out_h32(uint64_t v) { out_hex(v, 8); out_c(' '); }
static void out_h64(uint64_t v) { out_hex(v, 16); out_c(' '); }
static void out_nl(void) { out_c('\n'); }

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd64(void) { rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27; return rng * 0x2545f4914f6cdd1dull; }

/* operand values: lane boundaries for bytes, words, dwords; then random ones */
static const uint64_t VALS[] = {
  0, 0xffffffffffffffffull, 1, 0x8000000000000000ull, 0x7fffffffffffffffull,
  0x8080808080808080ull, 0x7f7f7f7f7f7f7f7full, 0x0101010101010101ull, 0xfefefefefefefefeull,
  0x8000800080008000ull, 0x7fff7fff7fff7fffull, 0x0001000100010001ull, 0xffff0000ffff0000ull,
  0x80000000ffffffffull, 0x7fffffff00000001ull, 0x00ff00ff00ff00ffull, 0x0123456789abcdefull,
  0xfedcba9876543210ull, 0x00000000ffffffffull, 0x4000c000fff00010ull,
};
#define NV (sizeof VALS / sizeof VALS[0])
/* random inputs per unit (argv[2]; the conformance report's --full raises it) */
static int nrand = 120;

/* Output for the conformance report: a unit's line is "@unit in in in ...", one token
 * per input (a token may hold several values joined by ':'). The unit names a pair of
 * labels around the instruction(s) under test: "unit:" before, "unit_e:" after; the
 * report decodes the bytes between them. Functions holding labels must stay single
 * copies (noinline, noclone), or the assembler sees a label twice. */
#define U(n) "\n" n ":\n\t"
#define UE(n) "\n" n "_e:\n\t"
#define ONE __attribute__((noinline, noclone))
static int ntok;
static void unit(const char *name) { out_c('@'); out_s(name); out_c(' '); ntok = 0; }
static void tok_end(void) { if (++ntok == 16) { out_nl(); ntok = -1; } }
static void unit_end(void) { if (ntok != -1) out_nl(); }
static void tok64(uint64_t v) { out_hex(v, 16); out_c(' '); tok_end(); }
static void tok32(uint32_t v) { out_hex(v, 8); out_c(' '); tok_end(); }
/* a line holds at most 16 tokens; the next line repeats the unit */
static const char *cur_unit;
static void begin(const char *name) { cur_unit = name; unit(name); }
static void t64(uint64_t v) { if (ntok == -1) unit(cur_unit); tok64(v); }
static void t32(uint32_t v) { if (ntok == -1) unit(cur_unit); tok32(v); }
static void tpart64(uint64_t v) { if (ntok == -1) unit(cur_unit); out_hex(v, 16); out_c(':'); }
static void tpart32(uint32_t v) { if (ntok == -1) unit(cur_unit); out_hex(v, 8); out_c(':'); }
static void finish(void) { unit_end(); cur_unit = 0; }

/* ---- binary ops: register and memory source ---------------------------------------- */
#define BIN(op) \
  static ONE uint64_t r_##op(uint64_t a, uint64_t b) { uint64_t r; \
    __asm__ volatile("movq %1, %%mm0\n\tmovq %2, %%mm5" U("mmx_r_" #op) #op " %%mm5, %%mm0" UE("mmx_r_" #op) "movq %%mm0, %0\n\temms" \
      : "=r"(r) : "r"(a), "r"(b) : "mm0", "mm5"); return r; } \
  static ONE uint64_t m_##op(uint64_t a, uint64_t b) { uint64_t r; \
    __asm__ volatile("movq %1, %%mm3" U("mmx_m_" #op) #op " %2, %%mm3" UE("mmx_m_" #op) "movq %%mm3, %0\n\temms" \
      : "=r"(r) : "r"(a), "m"(b) : "mm3"); return r; }
#define OPS(X) X(paddb) X(paddw) X(paddd) X(paddq) X(psubb) X(psubw) X(psubd) X(psubq) \
  X(paddsb) X(paddsw) X(paddusb) X(paddusw) X(psubsb) X(psubsw) X(psubusb) X(psubusw) \
  X(pmullw) X(pmulhw) X(pmulhuw) X(pmuludq) X(pmaddwd) X(psadbw) X(pavgb) X(pavgw) \
  X(pminub) X(pmaxub) X(pminsw) X(pmaxsw) X(pand) X(pandn) X(por) X(pxor) \
  X(pcmpeqb) X(pcmpeqw) X(pcmpeqd) X(pcmpgtb) X(pcmpgtw) X(pcmpgtd) \
  X(packsswb) X(packuswb) X(packssdw) X(punpcklbw) X(punpcklwd) X(punpckldq) \
  X(punpckhbw) X(punpckhwd) X(punpckhdq)
#define SHOPS(X) X(psllw) X(pslld) X(psllq) X(psrlw) X(psrld) X(psrlq) X(psraw) X(psrad)
OPS(BIN) SHOPS(BIN)
typedef uint64_t (*binfn)(uint64_t, uint64_t);
struct binop { const char *name, *rn, *mn; binfn r, m; };
#define ENTRY(op) { #op, "mmx_r_" #op, "mmx_m_" #op, r_##op, m_##op },
static const struct binop BINOPS[] = { OPS(ENTRY) };

static void sec_bin(void) {
  for (size_t o = 0; o < sizeof BINOPS / sizeof BINOPS[0]; o++) {
    const struct binop *b = &BINOPS[o];
    for (size_t i = 0; i < NV; i++) { begin(b->rn); for (size_t j = 0; j < NV; j++) t64(b->r(VALS[i], VALS[j])); finish(); }
    begin(b->rn);
    for (int k = 0; k < nrand; k++) { uint64_t a = rnd64(), c = rnd64(); t64(b->r(a, c)); }
    finish();
    begin(b->mn);
    for (int k = 0; k < nrand; k++) { uint64_t a = rnd64(), c = rnd64(); t64(b->m(a, c)); }
    finish();
    /* memory form over the fixed values too */
    begin(b->mn);
    for (size_t i = 0; i < NV; i += 3) for (size_t j = 0; j < NV; j++) t64(b->m(VALS[i], VALS[j]));
    finish();
  }
}

/* ---- shifts: by register counts, memory counts and immediates ---------------------------- */
#define SHIFT_IMM(op, n) \
  static ONE uint64_t i##n##_##op(uint64_t a) { uint64_t r; \
    __asm__ volatile("movq %1, %%mm7" U("mmx_i" #n "_" #op) #op " $" #n ", %%mm7" UE("mmx_i" #n "_" #op) "movq %%mm7, %0\n\temms" \
      : "=r"(r) : "r"(a) : "mm7"); return r; }
#define SHIFT_IMMS(op) SHIFT_IMM(op, 0) SHIFT_IMM(op, 1) SHIFT_IMM(op, 7) SHIFT_IMM(op, 15) SHIFT_IMM(op, 16) \
  SHIFT_IMM(op, 31) SHIFT_IMM(op, 32) SHIFT_IMM(op, 33) SHIFT_IMM(op, 63) SHIFT_IMM(op, 64) SHIFT_IMM(op, 200) SHIFT_IMM(op, 255) \
  static uint64_t (*const IMMS_##op[])(uint64_t) = { i0_##op, i1_##op, i7_##op, i15_##op, i16_##op, i31_##op, i32_##op, \
    i33_##op, i63_##op, i64_##op, i200_##op, i255_##op }; \
  static const char *const IMMN_##op[] = { "mmx_i0_" #op, "mmx_i1_" #op, "mmx_i7_" #op, "mmx_i15_" #op, "mmx_i16_" #op, \
    "mmx_i31_" #op, "mmx_i32_" #op, "mmx_i33_" #op, "mmx_i63_" #op, "mmx_i64_" #op, "mmx_i200_" #op, "mmx_i255_" #op };
SHOPS(SHIFT_IMMS)
struct shop { binfn r, m; const char *rn, *mn; uint64_t (*const *imm)(uint64_t); const char *const *immn; };
#define SHENTRY(op) { r_##op, m_##op, "mmx_r_" #op, "mmx_m_" #op, IMMS_##op, IMMN_##op },
static const struct shop SHIFTS[] = { SHOPS(SHENTRY) };
static const uint64_t COUNTS[] = { 0, 1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255, 256, 0x100000000ull, 0x8000000000000001ull, ~0ull };
#define NCOUNTS (sizeof COUNTS / sizeof COUNTS[0])
/* a random count: mostly below 80, so that most of them shift something */
static uint64_t rnd_count(void) { uint64_t c = rnd64(); return (c & 7) ? (c >> 8) % 80 : c; }

static void sec_shift(void) {
  for (size_t s = 0; s < sizeof SHIFTS / sizeof SHIFTS[0]; s++) {
    const struct shop *sh = &SHIFTS[s];
    for (size_t i = 0; i < NV; i++) { begin(sh->rn); for (size_t k = 0; k < NCOUNTS; k++) t64(sh->r(VALS[i], COUNTS[k])); finish(); }
    for (size_t i = 0; i < NV; i++) { begin(sh->mn); for (size_t k = 0; k < NCOUNTS; k++) t64(sh->m(VALS[i], COUNTS[k])); finish(); }
    begin(sh->rn); for (int k = 0; k < nrand; k++) { uint64_t a = rnd64(); t64(sh->r(a, rnd_count())); } finish();
    begin(sh->mn); for (int k = 0; k < nrand; k++) { uint64_t a = rnd64(); t64(sh->m(a, rnd_count())); } finish();
    for (int k = 0; k < 12; k++) {
      begin(sh->immn[k]);
      for (size_t i = 0; i < NV; i++) t64(sh->imm[k](VALS[i]));
      for (int j = 0; j < nrand / 4; j++) t64(sh->imm[k](rnd64()));
      finish();
    }
  }
}

/* ---- moves, shuffles, inserts, extracts, masks ------------------------------------------ */
#define PSHUFW(n) static ONE uint64_t pshufw_##n(uint64_t a) { uint64_t r; \
    __asm__ volatile("movq %1, %%mm1" U("mmx_pshufw_" #n) "pshufw $" #n ", %%mm1, %%mm6" UE("mmx_pshufw_" #n) "movq %%mm6, %0\n\temms" \
      : "=r"(r) : "r"(a) : "mm1", "mm6"); return r; }
#define PSHUFWM(n) static ONE uint64_t pshufwm_##n(uint64_t a) { uint64_t r; \
    __asm__ volatile(U("mmx_pshufwm_" #n) "pshufw $" #n ", %1, %%mm6" UE("mmx_pshufwm_" #n) "movq %%mm6, %0\n\temms" \
      : "=r"(r) : "m"(a) : "mm6"); return r; }
PSHUFW(0) PSHUFW(0x1b) PSHUFW(0xe4) PSHUFW(0x55) PSHUFW(0xff) PSHUFW(0x9c) PSHUFW(0x4e) PSHUFWM(0x1b) PSHUFWM(0x9c)
#define PEXTR(n) static ONE uint32_t pextrw_##n(uint64_t a) { uint32_t r; \
    __asm__ volatile("movq %1, %%mm4\n\tmovl $0xdeadbeef, %0" U("mmx_pextrw_" #n) "pextrw $" #n ", %%mm4, %0" UE("mmx_pextrw_" #n) "emms" \
      : "=&r"(r) : "r"(a) : "mm4"); return r; } \
  static ONE uint64_t pinsrw_##n(uint64_t a, uint32_t v) { uint64_t r; \
    __asm__ volatile("movq %1, %%mm4" U("mmx_pinsrw_" #n) "pinsrw $" #n ", %2, %%mm4" UE("mmx_pinsrw_" #n) "movq %%mm4, %0\n\temms" \
      : "=r"(r) : "r"(a), "r"(v) : "mm4"); return r; }
#define PINSRWM(n) static ONE uint64_t pinsrwm_##n(uint64_t a, uint16_t v) { uint64_t r; \
    __asm__ volatile("movq %1, %%mm4" U("mmx_pinsrwm_" #n) "pinsrw $" #n ", %2, %%mm4" UE("mmx_pinsrwm_" #n) "movq %%mm4, %0\n\temms" \
      : "=r"(r) : "r"(a), "m"(v) : "mm4"); return r; }
PEXTR(0) PEXTR(1) PEXTR(2) PEXTR(3) PEXTR(4) PEXTR(7) PEXTR(255) PINSRWM(1) PINSRWM(3)
typedef uint64_t (*unfn)(uint64_t);
static const struct { const char *n; unfn f; } SHUFS[] = {
  { "mmx_pshufw_0", pshufw_0 }, { "mmx_pshufw_0x1b", pshufw_0x1b }, { "mmx_pshufw_0xe4", pshufw_0xe4 }, { "mmx_pshufw_0x55", pshufw_0x55 },
  { "mmx_pshufw_0xff", pshufw_0xff }, { "mmx_pshufw_0x9c", pshufw_0x9c }, { "mmx_pshufw_0x4e", pshufw_0x4e },
  { "mmx_pshufwm_0x1b", pshufwm_0x1b }, { "mmx_pshufwm_0x9c", pshufwm_0x9c },
};
static const struct { const char *n; uint32_t (*f)(uint64_t); } EXTRS[] = {
  { "mmx_pextrw_0", pextrw_0 }, { "mmx_pextrw_1", pextrw_1 }, { "mmx_pextrw_2", pextrw_2 }, { "mmx_pextrw_3", pextrw_3 },
  { "mmx_pextrw_4", pextrw_4 }, { "mmx_pextrw_7", pextrw_7 }, { "mmx_pextrw_255", pextrw_255 },
};
static const struct { const char *n; uint64_t (*f)(uint64_t, uint32_t); } INSRS[] = {
  { "mmx_pinsrw_0", pinsrw_0 }, { "mmx_pinsrw_1", pinsrw_1 }, { "mmx_pinsrw_2", pinsrw_2 }, { "mmx_pinsrw_3", pinsrw_3 },
  { "mmx_pinsrw_4", pinsrw_4 }, { "mmx_pinsrw_7", pinsrw_7 }, { "mmx_pinsrw_255", pinsrw_255 },
};

/* the moves: every movd/movq form, movntq and pmovmskb in one unit (one input: a, b) */
static ONE void movs(uint64_t a, uint64_t b) {
  uint64_t r64, q, r64b, st = 0x1111111111111111ull;
  uint32_t m, d, lo = 0x22222222, a32 = (uint32_t)(a >> 16);
  __asm__ volatile(
    "movq %[a], %%mm2\n\tmovl $-1, %[m]\n\tmovq $-1, %%rax\n\tmovq %[na], %%mm1"
    U("mmx_movs")
    "pmovmskb %%mm2, %[m]\n\t"
    /* movd from a 32-bit register clears the high half; movd to a register zero-extends */
    "movd %[a32], %%mm1\n\t"
    "movq %%mm1, %[r64]\n\t"
    "movd %%mm1, %%eax\n\t"
    /* movd/movq with memory, movq mm->mm both encodings, movntq, movq r64 -> mm */
    "movd %[am], %%mm0\n\t"
    "movq %%mm0, %%mm7\n\t"
    ".byte 0x0f, 0x7f, 0xfd\n\t" /* movq %%mm7, %%mm5 through the store opcode */
    "movd %%mm5, %[lo]\n\t"
    "movq %[bm], %%mm6\n\t"
    "movntq %%mm6, %[st]\n\t"
    "movq %%mm6, %%mm5\n\t"
    "movq %%mm5, %[st2]\n\t"
    "movq %[b], %%mm3\n\t"
    "movq %%mm3, %[r64b]\n\t"
    "emms"
    UE("mmx_movs")
    "mov %%eax, %[d]"
    : [m] "=&r"(m), [r64] "=&r"(r64), [d] "=&r"(d), [lo] "+m"(lo), [st] "+m"(st), [st2] "=m"(q), [r64b] "=&r"(r64b)
    : [a] "r"(a), [na] "r"(~a), [a32] "r"(a32), [am] "m"(*(const uint32_t *)(const void *)&a), [bm] "m"(b), [b] "r"(b)
    : "rax", "mm0", "mm1", "mm2", "mm3", "mm5", "mm6", "mm7", "memory");
  tpart32(m); tpart64(r64); tpart32(d); tpart64(q); tpart32(lo); tpart64(st); t64(r64b);
}

static ONE void q2dq(uint64_t a, uint64_t b) {
  uint64_t x[2] __attribute__((aligned(16))) = { a, b }, o[2] __attribute__((aligned(16))), r;
  __asm__ volatile("movdqa %2, %%xmm3\n\tpcmpeqb %%xmm1, %%xmm1\n\tmovq %3, %%mm6"
    U("mmx_q2dq") "movdq2q %%xmm3, %%mm2\n\tmovq2dq %%mm6, %%xmm1" UE("mmx_q2dq")
    "movq %%mm2, %0\n\tmovdqa %%xmm1, %1\n\temms"
    : "=r"(r), "=m"(o) : "m"(x), "r"(~a) : "xmm1", "xmm3", "mm2", "mm6");
  tpart64(r); tpart64(o[0]); t64(o[1]);
}

static ONE void maskmov(uint64_t mask, uint64_t v, int off) {
  uint64_t buf[2] = { 0x3333333333333333ull, 0x4444444444444444ull };
  unsigned char *p = (unsigned char *)buf + off;
  __asm__ volatile("movq %1, %%mm0\n\tmovq %2, %%mm1" U("mmx_maskmovq") "maskmovq %%mm1, %%mm0" UE("mmx_maskmovq") "emms"
    : "+D"(p) : "r"(v), "r"(mask) : "mm0", "mm1", "memory");
  tpart64(buf[0]); t64(buf[1]);
}

static void sec_misc(void) {
  for (size_t s = 0; s < sizeof SHUFS / sizeof SHUFS[0]; s++) {
    begin(SHUFS[s].n);
    for (size_t i = 0; i < NV; i++) t64(SHUFS[s].f(VALS[i]));
    for (int k = 0; k < nrand; k++) t64(SHUFS[s].f(rnd64()));
    finish();
  }
  for (size_t s = 0; s < sizeof EXTRS / sizeof EXTRS[0]; s++) {
    begin(EXTRS[s].n);
    for (size_t i = 0; i < NV; i++) t32(EXTRS[s].f(VALS[i]));
    for (int k = 0; k < nrand; k++) t32(EXTRS[s].f(rnd64()));
    finish();
  }
  for (size_t s = 0; s < sizeof INSRS / sizeof INSRS[0]; s++) {
    begin(INSRS[s].n);
    for (size_t i = 0; i < NV; i++) t64(INSRS[s].f(VALS[i], (uint32_t)VALS[(i + 5) % NV] ^ 0x5a5a1234u));
    for (int k = 0; k < nrand; k++) t64(INSRS[s].f(rnd64(), (uint32_t)rnd64()));
    finish();
  }
  begin("mmx_pinsrwm_1");
  for (size_t i = 0; i < NV; i++) t64(pinsrwm_1(VALS[i], (uint16_t)(((uint32_t)VALS[(i + 5) % NV] ^ 0x5a5a1234u) >> 3)));
  for (int k = 0; k < nrand; k++) t64(pinsrwm_1(rnd64(), (uint16_t)rnd64()));
  finish();
  begin("mmx_pinsrwm_3");
  for (size_t i = 0; i < NV; i++) t64(pinsrwm_3(VALS[i], (uint16_t)(((uint32_t)VALS[(i + 5) % NV] ^ 0x5a5a1234u) >> 3)));
  for (int k = 0; k < nrand; k++) t64(pinsrwm_3(rnd64(), (uint16_t)rnd64()));
  finish();
  begin("mmx_movs");
  for (size_t i = 0; i < NV; i++) movs(VALS[i], VALS[(i + 3) % NV]);
  for (int k = 0; k < nrand; k++) { uint64_t a = rnd64(); movs(a, rnd64()); }
  finish();
  begin("mmx_q2dq");
  for (size_t i = 0; i < NV; i++) q2dq(VALS[i], VALS[(i + 1) % NV]);
  for (int k = 0; k < nrand; k++) { uint64_t a = rnd64(); q2dq(a, rnd64()); }
  finish();
  begin("mmx_maskmovq");
  for (size_t i = 0; i < NV; i++) maskmov(VALS[i], VALS[(i + 7) % NV], (int)(i % 8));
  for (int k = 0; k < nrand; k++) { uint64_t m = rnd64(), v = rnd64(); maskmov(m, v, (int)(rnd64() % 9)); }
  finish();
}

/* ---- conversions -------------------------------------------------------------------- */
static const uint32_t MX[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x1fc0, 0x9fc0, 0x1fa0 };
static const uint32_t FV[] = {
  0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000,
  0xc0200000, 0x3f7fffff, 0x3f800000, 0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x7f7fffff, 0x7f800000,
  0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001, 0x461c4000, 0xc61c4080,
};
static const uint64_t DV[] = {
  0, 0x8000000000000000ull, 1, 0x3fe0000000000000ull, 0xbfe0000000000000ull, 0x3ff8000000000000ull,
  0xc004000000000000ull, 0x41dfffffffc00000ull, 0x41dfffffffe00000ull, 0x41e0000000000000ull,
  0xc1e0000000000000ull, 0xc1e0000000100000ull, 0xc1e0000000200000ull, 0x7ff0000000000000ull,
  0xfff8000000000000ull, 0x7ff0000000000001ull, 0x000fffffffffffffull, 0x3ff0000000000001ull, 0x4197d78400000000ull,
};
static const int32_t IV[] = { 0, 1, -1, 16777216, 16777217, -16777217, 0x7fffffff, (int32_t)0x80000000, 123456789, -98765431 };
#define NFV (sizeof FV / sizeof FV[0])
#define NDV (sizeof DV / sizeof DV[0])
#define NIV (sizeof IV / sizeof IV[0])

static uint32_t mx_run;
static void set_mx(uint32_t m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }
static uint32_t get_mx(void) { uint32_t m; __asm__ volatile("stmxcsr %0" : "=m"(m)); return m; }

/* random operands for the conversions: magnitudes around the int32 range, with fractions */
static uint32_t rnd_f32(void) {
  uint64_t r = rnd64();
  if ((r & 15) == 0) return (uint32_t)(r >> 20);
  uint32_t e = 117 + (uint32_t)((r >> 4) % 46); /* 2^-10 .. 2^35 */
  return (uint32_t)((r >> 63) << 31) | (e << 23) | (uint32_t)((r >> 10) & 0x7fffff);
}
static uint64_t rnd_f64(void) {
  uint64_t r = rnd64();
  if ((r & 15) == 0) return rnd64();
  uint64_t e = 1013 + (r >> 4) % 46;
  return ((r >> 63) << 63) | (e << 52) | (rnd64() & 0xfffffffffffffull);
}

#define CVT_X(name, insn, xload, dst) static ONE void name(const void *x) { uint64_t r; set_mx(mx_run); \
    __asm__ volatile(xload U("mmx_" #name) insn UE("mmx_" #name) "movq %%" dst ", %0\n\temms" : "=r"(r) : "m"(*(const uint64_t (*)[2])x) : "xmm2", "mm1", "mm2"); \
    uint32_t m = get_mx(); tpart64(r); t32(m); }
CVT_X(cvtps2pi_r, "cvtps2pi %%xmm2, %%mm1", "movaps %1, %%xmm2", "mm1")
CVT_X(cvttps2pi_r, "cvttps2pi %%xmm2, %%mm1", "movaps %1, %%xmm2", "mm1")
CVT_X(cvtps2pi_m, "cvtps2pi %1, %%mm1", "", "mm1")
CVT_X(cvttps2pi_m, "cvttps2pi %1, %%mm1", "", "mm1")
CVT_X(cvtpd2pi_r, "cvtpd2pi %%xmm2, %%mm2", "movapd %1, %%xmm2", "mm2")
CVT_X(cvttpd2pi_r, "cvttpd2pi %%xmm2, %%mm2", "movapd %1, %%xmm2", "mm2")
CVT_X(cvtpd2pi_m, "cvtpd2pi %1, %%mm2", "", "mm2")
CVT_X(cvttpd2pi_m, "cvttpd2pi %1, %%mm2", "", "mm2")
/* int32 pairs -> floats (upper half of the xmm kept) and doubles */
#define CVT_I(name, insn, load) static ONE void name(uint64_t q) { uint64_t o[2] __attribute__((aligned(16))); set_mx(mx_run); \
    __asm__ volatile("pcmpeqd %%xmm4, %%xmm4\n\tmovq %1, %%mm3" U("mmx_" #name) insn UE("mmx_" #name) "movaps %%xmm4, %0\n\temms" \
      : "=m"(o) : load(q) : "xmm4", "mm3"); uint32_t m = get_mx(); tpart64(o[1]); tpart64(o[0]); t32(m); }
#define LR(q) "r"(q)
#define LM(q) "m"(q)
CVT_I(cvtpi2ps_r, "cvtpi2ps %%mm3, %%xmm4", LR)
CVT_I(cvtpi2ps_m, "cvtpi2ps %1, %%xmm4", LM)
CVT_I(cvtpi2pd_r, "cvtpi2pd %%mm3, %%xmm4", LR)
CVT_I(cvtpi2pd_m, "cvtpi2pd %1, %%xmm4", LM)
typedef void (*xfn)(const void *);
static const struct { const char *n; xfn f; } CVTF[] = {
  { "mmx_cvtps2pi_r", cvtps2pi_r }, { "mmx_cvttps2pi_r", cvttps2pi_r }, { "mmx_cvtps2pi_m", cvtps2pi_m }, { "mmx_cvttps2pi_m", cvttps2pi_m } };
static const struct { const char *n; xfn f; } CVTD[] = {
  { "mmx_cvtpd2pi_r", cvtpd2pi_r }, { "mmx_cvttpd2pi_r", cvttpd2pi_r }, { "mmx_cvtpd2pi_m", cvtpd2pi_m }, { "mmx_cvttpd2pi_m", cvttpd2pi_m } };
static const struct { const char *n; void (*f)(uint64_t); } CVTI[] = {
  { "mmx_cvtpi2ps_r", cvtpi2ps_r }, { "mmx_cvtpi2ps_m", cvtpi2ps_m }, { "mmx_cvtpi2pd_r", cvtpi2pd_r }, { "mmx_cvtpi2pd_m", cvtpi2pd_m } };

static void sec_cvt(void) {
  /* each rounding/masking mode gets a share of the random inputs */
  int per = nrand / 4 + 1;
  for (size_t c = 0; c < sizeof MX / sizeof MX[0]; c++) {
    mx_run = MX[c];
    for (size_t u = 0; u < 4; u++) {
      begin(CVTF[u].n);
      for (size_t i = 0; i < NFV; i++) {
        uint32_t x[4] __attribute__((aligned(16))) = { FV[i], FV[(i * 7 + 3) % NFV], 0x12345678, 0x9abcdef0 };
        CVTF[u].f(x);
      }
      for (int k = 0; k < per; k++) { uint32_t x[4] __attribute__((aligned(16))) = { rnd_f32(), rnd_f32(), 0x12345678, 0x9abcdef0 }; CVTF[u].f(x); }
      finish();
      begin(CVTD[u].n);
      for (size_t i = 0; i < NDV; i++) {
        uint64_t x[2] __attribute__((aligned(16))) = { DV[i], DV[(i * 5 + 2) % NDV] };
        CVTD[u].f(x);
      }
      for (int k = 0; k < per; k++) { uint64_t x[2] __attribute__((aligned(16))) = { rnd_f64(), rnd_f64() }; CVTD[u].f(x); }
      finish();
      begin(CVTI[u].n);
      for (size_t i = 0; i < NIV; i++) {
        int32_t a[2] = { IV[i], IV[(i * 3 + 1) % NIV] };
        uint64_t q; memcpy(&q, a, 8);
        CVTI[u].f(q);
      }
      for (int k = 0; k < per; k++) CVTI[u].f(rnd64());
      finish();
    }
  }
  set_mx(0x1f80);
}

/* ---- the x87 state around MMX instructions -------------------------------------------- */
struct env { uint32_t cw, sw, tw, ip, cs, dp, ds; };
static void out_env(const char *what) {
  struct env e;
  __asm__ volatile("fnstenv %0\n\tfldenv %0" : "=m"(e));
  out_s(what); out_c(' '); out_h16(e.cw & 0xffff); out_h16(e.sw & 0xffff); out_h16(e.tw & 0xffff);
  /* the registers and the abridged tag as fxsave stores them */
  static unsigned char fx[512] __attribute__((aligned(16)));
  __asm__ volatile("fxsave %0" : "=m"(fx));
  out_hex(fx[4], 2); out_c(' ');
  for (int k = 0; k < 8; k++) { uint64_t m; uint16_t x; memcpy(&m, fx + 32 + 16 * k, 8); memcpy(&x, fx + 40 + 16 * k, 2); out_hex(x, 4); out_c(':'); out_h64(m); }
  out_nl();
}

#define STATE(name, setup, insn) do { \
    __asm__ volatile("fninit\n\t" setup "\n\t" insn ::: "memory", "st", "st(1)", "st(2)", "st(3)", "mm0", "mm1", "mm2", "mm3", "xmm0", "eax"); \
    out_env(name); } while (0)

/* named by the asm strings below (hence global and kept) */
__attribute__((used)) uint64_t mq = 0x1234567890abcdefull;
__attribute__((used)) uint32_t md = 0xcafef00du;
__attribute__((used, aligned(16))) uint64_t xq[2] = { 0x3ff0000000000000ull, 0xc000000000000000ull };
__attribute__((used, aligned(16))) unsigned char fxbuf[512];
__attribute__((used)) uint16_t unmask_ze = 0x037b;
__attribute__((used)) float zero_f = 0.0f;
__attribute__((used)) uint32_t mx_invalid = 0x1f00, mx_inexact = 0x0f80;

static void sec_state(void) {
  STATE("init", "", "");
  STATE("paddb-empty", "", "paddb %%mm1, %%mm0");
  STATE("fld1-paddb", "fld1", "paddb %%mm1, %%mm2");
  STATE("fld3-pxor", "fld1\n\tfldz\n\tfldpi", "pxor %%mm1, %%mm1");
  STATE("fld3-movq-load", "fld1\n\tfldz\n\tfldpi", "movq mq(%%rip), %%mm3");
  STATE("fld3-movq-store", "fld1\n\tfldz\n\tfldpi", "movq %%mm3, mq(%%rip)");
  STATE("fld3-movd-load", "fld1\n\tfldz\n\tfldpi", "movd md(%%rip), %%mm1");
  STATE("fld3-movd-gpr", "fld1\n\tfldz\n\tfldpi", "movd %%mm1, %%eax");
  STATE("fld2-pextrw", "fld1\n\tfldl2t", "pextrw $1, %%mm0, %%eax");
  STATE("fld2-pmovmskb", "fld1\n\tfldl2t", "pmovmskb %%mm0, %%eax");
  STATE("fld2-pinsrw", "fld1\n\tfldl2t", "pinsrw $2, %%eax, %%mm3");
  STATE("fld2-shift", "fld1\n\tfldl2t", "psllq $3, %%mm1");
  STATE("emms", "fld1\n\tfldz", "paddw %%mm0, %%mm1\n\temms");
  STATE("emms-only", "fld1\n\tfldz", "emms");
  STATE("mmx-then-fld", "", "movq mq(%%rip), %%mm0\n\tfld1");
  STATE("mmx-then-fld-emms", "", "movq mq(%%rip), %%mm0\n\temms\n\tfld1");
  STATE("status-bits", "fld1\n\tfldz\n\tfdivr %%st(1), %%st\n\tfcom %%st(1)", "paddd %%mm2, %%mm3");
  STATE("cvtpi2ps-reg", "fld1\n\tfldz", "cvtpi2ps %%mm1, %%xmm0");
  STATE("cvtpi2ps-mem", "fld1\n\tfldz", "cvtpi2ps mq(%%rip), %%xmm0");
  STATE("cvtpi2pd-reg", "fld1\n\tfldz", "cvtpi2pd %%mm1, %%xmm0");
  STATE("cvtpi2pd-mem", "fld1\n\tfldz", "cvtpi2pd mq(%%rip), %%xmm0");
  STATE("cvtps2pi-xmm", "fld1\n\tfldz", "cvtps2pi %%xmm0, %%mm2");
  STATE("cvtpd2pi-mem", "fld1\n\tfldz", "cvtpd2pi xq(%%rip), %%mm2");
  STATE("movq2dq", "fld1\n\tfldz", "movq2dq %%mm1, %%xmm0");
  STATE("movdq2q", "fld1\n\tfldz", "movdq2q %%xmm0, %%mm1");
  STATE("fxrstor-after", "fld1", "movq mq(%%rip), %%mm1\n\tfxsave fxbuf(%%rip)\n\temms\n\tfninit\n\tfxrstor fxbuf(%%rip)");
  __asm__ volatile("emms");
}

/* ---- faults: pending #MF, memory faults, state in the signal frame ------------------------ */
static sigjmp_buf jb;
static unsigned char *page;
static void handler(int sig, siginfo_t *si, void *uc_) {
  ucontext_t *uc = uc_;
  const unsigned char *fx = (const unsigned char *)uc->uc_mcontext.fpregs; /* the fxsave image */
  uint16_t cwd, swd; uint32_t mxcsr;
  memcpy(&cwd, fx, 2); memcpy(&swd, fx + 2, 2); memcpy(&mxcsr, fx + 24, 4);
  out_s("signal "); out_h32((uint32_t)sig); out_h32((uint32_t)si->si_code);
  /* where a SIGSEGV hit (relative to the test page); for SIGFPE the first byte of the
   * instruction it names (9b: the fwait after the instruction under test) */
  if (sig == SIGSEGV) out_h64(si->si_addr ? (uint64_t)((unsigned char *)si->si_addr - page) : 0);
  else { out_s("insn "); out_hex(*(const unsigned char *)si->si_addr, 2); out_c(' '); }
  out_h16(cwd); out_h16(swd); out_h16(fx[4]); out_h32(mxcsr);
  for (int k = 0; k < 8; k++) { uint64_t m; uint16_t x; memcpy(&m, fx + 32 + 16 * k, 8); memcpy(&x, fx + 40 + 16 * k, 2); out_h16(x); out_h64(m); }
  out_nl();
  siglongjmp(jb, 1);
}

#define FAULT(name, setup, insn) do { \
    out_s(name); out_nl(); \
    if (!sigsetjmp(jb, 1)) { \
      __asm__ volatile("fninit\n\t" setup "\n\t" insn "\n\tfwait" : : "r"(page) : "memory", "st", "st(1)", "mm0", "mm1", "mm2", "xmm1", "rdi", "rax"); \
      out_s("no fault"); out_nl(); \
    } \
    __asm__ volatile("fninit\n\temms"); set_mx(0x1f80); \
    out_s("bytes "); for (int k_ = 4088; k_ < 4096; k_++) out_hex(page[k_], 2); out_nl(); memset(page, 0x5a, 4096); } while (0)

static void sec_faults(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, 0);
  sigaction(SIGSEGV, &sa, 0);
  sigaction(SIGBUS, &sa, 0);
  page = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(page + 4096, 4096, PROT_NONE);
  memset(page, 0x5a, 4096);
  /* a pending unmasked divide-by-zero, then an MMX instruction */
  FAULT("pending-paddb", "", "fldcw unmask_ze(%%rip)\n\tfld1\n\tfdivs zero_f(%%rip)\n\tpaddb %%mm1, %%mm0");
  FAULT("pending-emms", "", "fldcw unmask_ze(%%rip)\n\tfld1\n\tfdivs zero_f(%%rip)\n\temms");
  FAULT("pending-movd", "", "fldcw unmask_ze(%%rip)\n\tfld1\n\tfdivs zero_f(%%rip)\n\tmovd %%eax, %%mm2");
  FAULT("pending-cvtpi2ps-mem", "", "fldcw unmask_ze(%%rip)\n\tfld1\n\tfdivs zero_f(%%rip)\n\tcvtpi2ps mq(%%rip), %%xmm1");
  FAULT("pending-cvtpi2pd-mem", "", "fldcw unmask_ze(%%rip)\n\tfld1\n\tfdivs zero_f(%%rip)\n\tcvtpi2pd mq(%%rip), %%xmm1");
  /* memory faults leave the x87 state as it was (TOP, tags) */
  FAULT("movq-unmapped", "fld1\n\tfldz", "movq 4096(%0), %%mm1");
  FAULT("movq-page-end", "fld1\n\tfldz", "movq 4092(%0), %%mm1");
  FAULT("paddb-unmapped", "fld1", "paddb 4090(%0), %%mm1");
  FAULT("movq-store-unmapped", "fld1\n\tfldz", "movq %%mm1, 4094(%0)");
  FAULT("movd-store-unmapped", "fld1\n\tfldz", "movd %%mm1, 4094(%0)");
  FAULT("movntq-store-unmapped", "fld1\n\tfldz", "movntq %%mm1, 4090(%0)");
  FAULT("pextrw-after-fld", "fld1\n\tfldz", "pextrw $1, %%mm1, %%eax\n\tmovq 4096(%0), %%mm1");
  FAULT("maskmovq-fld", "pcmpeqb %%mm1, %%mm1\n\temms\n\tfld1", "mov %0, %%rdi\n\tadd $4092, %%rdi\n\tmaskmovq %%mm1, %%mm1");
  FAULT("maskmovq-fld-low", "pcmpeqb %%mm1, %%mm1\n\tpsrlq $32, %%mm1\n\temms\n\tfld1", "mov %0, %%rdi\n\tadd $4092, %%rdi\n\tmaskmovq %%mm1, %%mm1");
  FAULT("maskmovq-fld-ok", "pcmpeqb %%mm1, %%mm1\n\tpsrlq $40, %%mm1\n\temms\n\tfld1", "mov %0, %%rdi\n\tadd $4088, %%rdi\n\tmaskmovq %%mm1, %%mm1\n\tmovq 4096(%0), %%mm1");
  FAULT("cvtps2pi-unmapped", "fld1", "cvtps2pi 4092(%0), %%mm1");
  FAULT("cvtpi2ps-reg-inexact-fld", "movq mq(%%rip), %%mm1\n\temms\n\tldmxcsr mx_inexact(%%rip)\n\tfld1", "cvtpi2ps %%mm1, %%xmm1");
  FAULT("cvtpi2ps-mem-inexact-fld", "ldmxcsr mx_inexact(%%rip)\n\tfld1", "cvtpi2ps mq(%%rip), %%xmm1");
  FAULT("cvttps2pi-invalid-fld", "ldmxcsr mx_invalid(%%rip)\n\tpcmpeqd %%xmm1, %%xmm1\n\tfld1", "cvttps2pi %%xmm1, %%mm2");
  FAULT("cvtpd2pi-invalid-fld", "ldmxcsr mx_invalid(%%rip)\n\tpcmpeqd %%xmm1, %%xmm1\n\tfld1", "cvtpd2pi %%xmm1, %%mm2");
  FAULT("pending-cvtpi2ps-reg", "", "fldcw unmask_ze(%%rip)\n\tfld1\n\tfdivs zero_f(%%rip)\n\tcvtpi2ps %%mm1, %%xmm1");
  FAULT("pending-cvtps2pi", "", "fldcw unmask_ze(%%rip)\n\tfld1\n\tfdivs zero_f(%%rip)\n\tcvtps2pi %%xmm1, %%mm1");
  FAULT("pending-movq2dq", "", "fldcw unmask_ze(%%rip)\n\tfld1\n\tfdivs zero_f(%%rip)\n\tmovq2dq %%mm1, %%xmm1");
  FAULT("punpcklbw-m32-page-end", "fld1", "punpcklbw 4092(%0), %%mm1");
  FAULT("punpckhbw-page-end", "fld1", "punpckhbw 4092(%0), %%mm1");
  FAULT("maskmovq-partial", "fld1", "mov %0, %%rdi\n\tadd $4092, %%rdi\n\tpcmpeqb %%mm1, %%mm1\n\tmaskmovq %%mm1, %%mm1");
  FAULT("maskmovq-none-selected", "fld1", "mov %0, %%rdi\n\tadd $4092, %%rdi\n\tpxor %%mm1, %%mm1\n\tmovq %%mm1, %%mm2\n\tmaskmovq %%mm1, %%mm2");
  /* unmasked SIMD exceptions in the conversions */
  FAULT("cvtps2pi-invalid", "ldmxcsr mx_invalid(%%rip)\n\tpcmpeqd %%xmm1, %%xmm1", "cvtps2pi %%xmm1, %%mm2");
  FAULT("cvtpi2ps-inexact", "ldmxcsr mx_inexact(%%rip)\n\tfld1", "movq mq(%%rip), %%mm1\n\tcvtpi2ps %%mm1, %%xmm1");
  FAULT("cvtpd2pi-misaligned", "fld1", "cvtpd2pi 8(%0), %%mm1");
}

int main(int argc, char **argv) {
  const char *s = argc > 1 ? argv[1] : "";
  if (argc > 2) nrand = atoi(argv[2]);
  int all = !*s;
  if (all || !strcmp(s, "bin")) sec_bin();
  if (all || !strcmp(s, "shift")) sec_shift();
  if (all || !strcmp(s, "misc")) sec_misc();
  if (all || !strcmp(s, "cvt")) sec_cvt();
  if (all || !strcmp(s, "state")) sec_state();
  if (all || !strcmp(s, "faults")) sec_faults();
  flush_out();
  return 0;
}
