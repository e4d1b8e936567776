/* pcmpestri, pcmpestrm, pcmpistri, pcmpistrm under every imm8 value (byte/word,
 * signed/unsigned, the four aggregations, polarity, index/mask select), with and
 * without REX.W, with a register and an unaligned memory source, over string pairs
 * with embedded zeros and explicit lengths beyond 16/8, negative, and with upper bits.
 * Each result is rcx (or xmm0) before '.' and the arithmetic flags after it.
 *
 *   pcmpstr e          explicit-length forms
 *   pcmpstr i          implicit-length forms
 *   pcmpstr r SEED N   N random pairs (needles planted in texts, random lengths) through
 *                      every form */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>

typedef struct { uint64_t rcx, fl; v128 x0; } res_t;

static const v128 GARBAGE = { .q = { 0x0123456789abcdefull, 0xfedcba9876543210ull } };
static const uint64_t RCX_GARBAGE = 0xdeadbeefcafebabeull;

/* One case of the switch: xmm1 = a, xmm2 = b (or b from memory), rax/rdx = lengths,
 * rcx and xmm0 preloaded with garbage to show what the instruction writes. */
#define STR_CASE(v) case (v): __asm__ volatile(                                       \
    "movdqu (%[pa]), %%xmm1\n\t" "movdqu (%[pb]), %%xmm2\n\t" "movdqu (%[pg]), %%xmm0\n\t" \
    "mov %[la], %%rax\n\t" "mov %[lb], %%rdx\n\t" "mov %[g64], %%rcx\n\t"                 \
    INSN " %[imm], " SRC ", %%xmm1\n\t"                                                    \
    "pushfq\n\t" "pop %[fl]\n\t" "mov %%rcx, %[rc]\n\t" "movdqu %%xmm0, (%[po])"          \
    : [fl] "=&r"(r->fl), [rc] "=&r"(r->rcx)                                                \
    : [pa] "r"(a), [pb] "r"(b), [pg] "r"(&GARBAGE), [la] "r"(la), [lb] "r"(lb),            \
      [g64] "r"(RCX_GARBAGE), [po] "r"(&r->x0), [imm] "i"(v)                              \
    : "rax", "rcx", "rdx", "xmm0", "xmm1", "xmm2", "memory", "cc"); break;

#define FN(name) static void name(int imm, const v128 *a, const uint8_t *b, uint64_t la, uint64_t lb, res_t *r) { \
    switch (imm) { R256(STR_CASE) } }

#define SRC "%%xmm2"
#define INSN "pcmpestri"
FN(estri_r)
#undef INSN
#define INSN "pcmpestriq"
FN(estriq_r)
#undef INSN
#define INSN "pcmpestrm"
FN(estrm_r)
#undef INSN
#define INSN "pcmpestrmq"
FN(estrmq_r)
#undef INSN
#define INSN "pcmpistri"
FN(istri_r)
#undef INSN
#define INSN "rex.W pcmpistri"
FN(istriw_r)
#undef INSN
#define INSN "pcmpistrm"
FN(istrm_r)
#undef INSN
#undef SRC
#define SRC "(%[pb])"
#define INSN "pcmpestri"
FN(estri_m)
#undef INSN
#define INSN "pcmpestrm"
FN(estrm_m)
#undef INSN
#define INSN "pcmpestriq"
FN(estriq_m)
#undef INSN
#define INSN "pcmpestrmq"
FN(estrmq_m)
#undef INSN
#define INSN "pcmpistri"
FN(istri_m)
#undef INSN
#define INSN "pcmpistrm"
FN(istrm_m)
#undef INSN
#undef SRC

typedef void (*fn_t)(int, const v128 *, const uint8_t *, uint64_t, uint64_t, res_t *);

/* ---- the inputs ---------------------------------------------------------------------- */

#define NPAIRS 40
static v128 A[NPAIRS], B[NPAIRS];

static const uint8_t BYTES[] = { 0x00, 0x01, 'a', 'b', 'c', 'z', 0x7f, 0x80, 0x81, 0xfe, 0xff, '0', '9' };
static const uint16_t WORDS[] = { 0x0000, 0x0001, 0x0061, 0x6162, 0x7fff, 0x8000, 0x8001, 0xffff, 0x0100, 0x00ff, 0x3039 };

/* x: random over a small alphabet (so matches are frequent); zero_pct: extra zeros */
static void fill(v128 *x, int words, int zero_pct) {
  for (int k = 0; k < (words ? 8 : 16); k++) {
    int z = (int)(rnd32() % 100) < zero_pct;
    if (words) x->w[k] = z ? 0 : WORDS[rnd32() % (sizeof WORDS / sizeof WORDS[0])];
    else x->b[k] = z ? 0 : BYTES[rnd32() % sizeof BYTES];
  }
}

static void make_pairs(void) {
  int p = 0;
  /* fixed cases */
  memset(&A[p], 0, 16); memset(&B[p], 0, 16); p++;                         /* both empty */
  memset(&A[p], 'a', 16); memset(&B[p], 'a', 16); p++;                     /* equal, full */
  memset(&A[p], 0xff, 16); memset(&B[p], 0x80, 16); p++;
  memcpy(A[p].b, "abc\0\0\0\0\0\0\0\0\0\0\0\0\0", 16); memcpy(B[p].b, "xxabcabxabcab\0zz", 16); p++;
  memcpy(A[p].b, "azAZ09\0\0\0\0\0\0\0\0\0\0", 16); memcpy(B[p].b, "Hello, World 42!", 16); p++;
  memcpy(A[p].b, "cab", 3); memset(A[p].b + 3, 'q', 13); memcpy(B[p].b, "zzzzzzzzzzzzzzca", 16); p++; /* needle at the end */
  memcpy(A[p].b, "ab\0cd", 5); memcpy(B[p].b, "\0bcdabcdabcdabcd", 16); p++;   /* embedded zeros */
  for (int k = 0; k < 8; k++) { A[p].w[k] = (uint16_t)(0x8000 + k); B[p].w[k] = (uint16_t)(0x7ffe + k); } p++;
  for (int k = 0; k < 16; k++) { A[p].b[k] = (uint8_t)(k + 1); B[p].b[k] = (uint8_t)(16 - k); } p++;
  A[p].q[0] = 0x00ff00ff00ff00ffull; A[p].q[1] = 0; B[p].q[0] = 0x00ff00ff00ff0000ull; B[p].q[1] = 0x00ff00ff00ff00ffull; p++;
  /* ranges: pairs of bounds, signed and unsigned views differ on 0x80..0xff */
  memcpy(A[p].b, "\x80\xff\x01\x7f\0", 5); memcpy(B[p].b, "\x80\x90\xff\x00\x01\x7f\x7e\x81zzzzzzzz", 16); p++;
  while (p < NPAIRS) {
    int words = p & 1, zero_pct = (p % 5) * 6;
    fill(&A[p], words, zero_pct);
    if (p % 3 == 0) { B[p] = A[p]; B[p].b[rnd32() % 16] ^= (uint8_t)(1 + rnd32() % 255); } /* nearly equal */
    else fill(&B[p], words, zero_pct);
    p++;
  }
}

static const uint64_t LENS[] = {
  0, 1, 3, 7, 8, 9, 15, 16, 17, 100,
  (uint64_t)-1, (uint64_t)-7, (uint64_t)-8, (uint64_t)-9, (uint64_t)-16, (uint64_t)-17,
  0x80000000ull, 0x7fffffffull, 0xffffffffull, 0x100000003ull, 0xffffffff00000000ull,
  0xffffffff00000005ull, 0x8000000000000000ull, 0x7fffffffffffffffull, 0xfffffffffffffff9ull, 0x00000001fffffffbull,
};
#define NLENS (sizeof LENS / sizeof LENS[0])

/* ---- the runs ------------------------------------------------------------------------- */

static res_t R[256];
static uint8_t membuf[64];

static void run(const char *word, fn_t f, int pair, uint64_t la, uint64_t lb, int mem, int mask) {
  const uint8_t *b = B[pair].b;
  if (mem) { memcpy(membuf + 3, B[pair].b, 16); b = membuf + 3; } /* unaligned on purpose */
  for (int imm = 0; imm < 256; imm++) f(imm, &A[pair], b, la, lb, &R[imm]);
  out_s(word); out_c(' '); out_v(&A[pair]); out_c(' '); out_v(&B[pair]); out_c(' '); out_x(la); out_c(' '); out_x(lb);
  out_bar();
  for (int imm = 0; imm < 256; imm++) {
    out_c(' ');
    if (mask) out_v(&R[imm].x0); else out_x(R[imm].rcx);
    out_c('.'); out_x(R[imm].fl & ARITH);
  }
  out_nl();
}

/* a random pair into slot 0: small alphabets or any byte, the needle a copied into b
 * at a random offset (possibly running past its end), zeros sprinkled */
static void random_pair(void) {
  int words = rnd32() & 1, any = rnd32() % 4 == 0;
  fill(&A[0], words, (int)(rnd32() % 30));
  fill(&B[0], words, (int)(rnd32() % 30));
  if (any) { rnd_v(&A[0]); }
  if (rnd32() % 2) {
    int at = (int)(rnd32() % 16), len = 1 + (int)(rnd32() % 6);
    for (int k = 0; k < len && at + k < 16; k++) B[0].b[at + k] = A[0].b[k];
  }
}
static uint64_t random_len(void) {
  switch (rnd32() % 4) {
    case 0: return LENS[rnd32() % NLENS];
    case 1: return rnd64();
    default: return (uint64_t)(int64_t)((int)(rnd32() % 41) - 20);
  }
}

int main(int argc, char **argv) {
  make_pairs();
  int explicit = argc > 1 && argv[1][0] == 'e';
  if (argc > 3 && argv[1][0] == 'r') {
    rng_state ^= strtoull(argv[2], 0, 0) * 0x9e3779b97f4a7c15ull;
    long n = strtol(argv[3], 0, 0);
    for (long k = 0; k < n; k++) {
      random_pair();
      uint64_t la = random_len(), lb = random_len();
      run("pcmpestri_r", estri_r, 0, la, lb, 0, 0);
      run("pcmpestriq_r", estriq_r, 0, la, lb, 0, 0);
      run("pcmpestrm_r", estrm_r, 0, la, lb, 0, 1);
      run("pcmpestrmq_r", estrmq_r, 0, la, lb, 0, 1);
      run("pcmpistri_r", istri_r, 0, 0, 0, 0, 0);
      run("pcmpistrm_r", istrm_r, 0, 0, 0, 0, 1);
    }
    flush_out();
    return 0;
  }
  if (explicit) {
    /* every pair with 8 length combinations; a few pairs also from memory */
    for (int p = 0; p < NPAIRS; p += 1) {
      if (p >= 28) break;
      for (int k = 0; k < 8; k++) {
        uint64_t la = LENS[(unsigned)(p * 7 + k * 3) % NLENS], lb = LENS[(unsigned)(p * 5 + k * 11 + 1) % NLENS];
        run("pcmpestri_r", estri_r, p, la, lb, 0, 0);
        run("pcmpestriq_r", estriq_r, p, la, lb, 0, 0);
        run("pcmpestrm_r", estrm_r, p, la, lb, 0, 1);
        run("pcmpestrmq_r", estrmq_r, p, la, lb, 0, 1);
        if (p % 4 == 0) {
          run("pcmpestri_m", estri_m, p, la, lb, 1, 0);
          run("pcmpestrm_m", estrm_m, p, la, lb, 1, 1);
          run("pcmpestriq_m", estriq_m, p, la, lb, 1, 0);
          run("pcmpestrmq_m", estrmq_m, p, la, lb, 1, 1);
        }
      }
    }
  } else {
    for (int p = 0; p < NPAIRS; p++) {
      run("pcmpistri_r", istri_r, p, 0, 0, 0, 0);
      run("pcmpistri_r", istriw_r, p, 0, 0, 0, 0);
      run("pcmpistrm_r", istrm_r, p, 0, 0, 0, 1);
      if (p % 3 == 0) {
        run("pcmpistri_m", istri_m, p, 0, 0, 1, 0);
        run("pcmpistrm_m", istrm_m, p, 0, 0, 1, 1);
      }
    }
  }
  flush_out();
  return 0;
}
