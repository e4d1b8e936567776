/* crc32 (every form), pcmpgtq, pclmulqdq (every imm8), AES-NI (aesenc, aesenclast,
 * aesdec, aesdeclast, aesimc, aeskeygenassist with every imm8, the FIPS-197 vector),
 * movbe (loads and stores, 16/32/64), rdrand/rdseed (what can be checked: CF=1, the
 * other flags cleared, the width of the write) and the faults of these instructions.
 *
 *   ops crc | cmp | clmul | aes | movbe | rand [REPS] | faults | cpuid */
#define _GNU_SOURCE
#include "common.h"
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include <sys/mman.h>
#include <immintrin.h>
#include <cpuid.h>

/* random values with many edge cases mixed in */
static const uint64_t EDGE[] = {
  0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000ull, 0xffffffffull,
  0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
  0xfffffffffffffffeull, 0xffffffff00000000ull, 0x00000000ffffffffull, 0x8000000080000000ull,
};
#define NEDGE (sizeof EDGE / sizeof EDGE[0])
static uint64_t val(int k) { return k < (int)NEDGE ? EDGE[k] : rnd64(); }

/* ---- crc32 ------------------------------------------------------------------------------ */

/* dest preloaded with (hi32 garbage : crc); *fl: rflags before, then after (crc32
 * changes no flag) */
#define FLAGS_IN "push %[fl]\n\tpopfq\n\t"
#define FLAGS_OUT "\n\tpushfq\n\tpop %[fl]"
#define CRC_REG(name, insn, sc)                                                   \
  static uint64_t name(uint64_t d, uint64_t s, uint64_t *fl) {                    \
    __asm__ volatile(FLAGS_IN insn FLAGS_OUT : "+r"(d), [fl] "+r"(*fl) : [s] sc(s) : "cc"); \
    return d;                                                                     \
  }
CRC_REG(crc_b_r, "crc32b %b[s], %k0", "q")
CRC_REG(crc_w_r, "crc32w %w[s], %k0", "r")
CRC_REG(crc_l_r, "crc32l %k[s], %k0", "r")
CRC_REG(crc_q_r, "crc32q %q[s], %q0", "r")
CRC_REG(crc_bq_r, "crc32b %b[s], %q0", "q")
#define CRC_MEM(name, insn)                                                       \
  static uint64_t name(uint64_t d, uint64_t s, uint64_t *fl) {                    \
    uint64_t m = s;                                                               \
    __asm__ volatile(FLAGS_IN insn FLAGS_OUT : "+r"(d), [fl] "+r"(*fl) : [s] "m"(m) : "cc"); \
    return d;                                                                     \
  }
CRC_MEM(crc_b_m, "crc32b %[s], %k0")
CRC_MEM(crc_w_m, "crc32w %[s], %k0")
CRC_MEM(crc_l_m, "crc32l %[s], %k0")
CRC_MEM(crc_q_m, "crc32q %[s], %q0")
CRC_MEM(crc_bq_m, "crc32b %[s], %q0")
/* encodings the assembler does not produce: the high byte registers, a 66 prefix on the
 * byte form, F3 before F2 (the last of them decides), 66 after F2, 66 with REX.W; the
 * source in rdx (rbx for bh), the destination rcx */
#define CRC_FIXED(name, sreg, insn)                                               \
  static uint64_t name(uint64_t d, uint64_t s, uint64_t *fl) {                    \
    __asm__ volatile("mov %[s], %%" sreg "\n\t" FLAGS_IN insn FLAGS_OUT           \
                     : "+c"(d), [fl] "+r"(*fl) : [s] "r"(s) : "rax", "rbx", "rdx", "rsi", "cc"); \
    return d;                                                                     \
  }
CRC_FIXED(crc_ah, "rax", "crc32b %%ah, %%ecx")
CRC_FIXED(crc_bh, "rbx", ".byte 0xf2,0x0f,0x38,0xf0,0xcf") /* crc32b %bh,%ecx */
CRC_FIXED(crc_66b, "rdx", ".byte 0x66,0xf2,0x0f,0x38,0xf0,0xca")
CRC_FIXED(crc_f3f2, "rdx", ".byte 0xf3,0xf2,0x0f,0x38,0xf1,0xca")
CRC_FIXED(crc_f266, "rdx", ".byte 0xf2,0x66,0x0f,0x38,0xf1,0xca")
CRC_FIXED(crc_66w64, "rdx", ".byte 0x66,0xf2,0x48,0x0f,0x38,0xf1,0xca")
CRC_FIXED(crc_sil, "rsi", "crc32b %%sil, %%ecx")
CRC_FIXED(crc_silq, "rsi", "crc32b %%sil, %%rcx")

typedef uint64_t (*crc_fn)(uint64_t, uint64_t, uint64_t *);

static void crc_line(const char *word, crc_fn f) {
  for (int line = 0; line < 4; line++) {
    out_s(word); out_bar();
    for (int k = 0; k < 64; k++) {
      uint64_t d = line == 0 && k < 20 ? EDGE[k] : rnd64(), s = line == 0 ? val(k % NEDGE) : rnd64();
      uint64_t fl = 0x202 | ((k & 1) ? ARITH : 0); /* all arithmetic flags set, or all clear */
      uint64_t r = f(d, s, &fl);
      out_c(' '); out_x(r); out_c('.'); out_x(fl & ARITH);
    }
    out_nl();
  }
}

static void crc_section(void) {
  crc_line("crc32_r", crc_b_r); crc_line("crc32_r", crc_w_r); crc_line("crc32_r", crc_l_r);
  crc_line("crc32_r", crc_q_r); crc_line("crc32_r", crc_bq_r);
  crc_line("crc32_m", crc_b_m); crc_line("crc32_m", crc_w_m); crc_line("crc32_m", crc_l_m);
  crc_line("crc32_m", crc_q_m); crc_line("crc32_m", crc_bq_m);
  crc_line("crc32_r", crc_ah); crc_line("crc32_r", crc_bh); crc_line("crc32_r", crc_66b);
  crc_line("crc32_r", crc_f3f2); crc_line("crc32_r", crc_f266); crc_line("crc32_r", crc_66w64);
  crc_line("crc32_r", crc_sil); crc_line("crc32_r", crc_silq);
  /* a whole buffer through the intrinsics, the usual CRC-32C with inversion ("123456789" -> e3069283) */
  static const char msg[] = "123456789";
  uint32_t c = 0xffffffff;
  for (int k = 0; k < 9; k++) c = _mm_crc32_u8(c, (uint8_t)msg[k]);
  uint8_t buf[1000];
  for (int k = 0; k < 1000; k++) buf[k] = (uint8_t)rnd32();
  uint64_t c64 = 0xffffffff;
  for (int k = 0; k + 8 <= 1000; k += 8) { uint64_t v; memcpy(&v, buf + k, 8); c64 = _mm_crc32_u64(c64, v); }
  out_s("crc32 | "); out_x(c ^ 0xffffffff); out_c(' '); out_x(c64 ^ 0xffffffff); out_nl();
}

/* ---- pcmpgtq ------------------------------------------------------------------------------ */

static void cmp_section(void) {
  for (int reg = 0; reg < 2; reg++) {
    for (int i = 0; i < (int)NEDGE; i++) {
      out_s(reg ? "pcmpgtq_r" : "pcmpgtq_m"); out_bar();
      for (int j = 0; j < (int)NEDGE; j++) {
        v128 a, b;
        a.q[0] = EDGE[i]; b.q[0] = EDGE[j];
        a.q[1] = rnd64(); b.q[1] = (j & 1) ? a.q[1] : rnd64();
        if (j % 3 == 0) b.q[1] = a.q[1] ^ (1ull << (rnd32() % 64));
        if (reg) __asm__("movdqa %1, %%xmm3\n\tpcmpgtq %%xmm3, %0" : "+x"(a) : "m"(b) : "xmm3");
        else __asm__("pcmpgtq %1, %0" : "+x"(a) : "m"(b));
        out_c(' '); out_v(&a);
      }
      out_nl();
    }
  }
}

/* ---- pclmulqdq ------------------------------------------------------------------------------ */

#define CLMUL_CASE(v) case (v): __asm__("pclmulqdq %2, %1, %0" : "+x"(*a) : "x"(*b), "i"(v)); break;
static void clmul_imm(int imm, v128 *a, const v128 *b) { switch (imm) { R256(CLMUL_CASE) } }

static void clmul_section(void) {
  v128 a0, b0, a, b;
  for (int n = 0; n < 8; n++) {
    rnd_v(&a0); rnd_v(&b0);
    if (n == 0) { a0.q[0] = a0.q[1] = b0.q[0] = b0.q[1] = ~0ull; }
    if (n == 1) { a0.q[0] = 1ull << 63; a0.q[1] = 1; b0.q[0] = 1ull << 63; b0.q[1] = 0x8000000000000001ull; }
    out_s("pclmulqdq_r"); out_bar();
    for (int imm = 0; imm < 256; imm++) { a = a0; b = b0; clmul_imm(imm, &a, &b); out_c(' '); out_v(&a); }
    out_nl();
  }
  for (int line = 0; line < 16; line++) {
    out_s(line & 1 ? "pclmulqdq_m" : "pclmulqdq_r"); out_bar();
    for (int k = 0; k < 64; k++) {
      rnd_v(&a); rnd_v(&b);
      if (k < 8) { a.q[k & 1] = val(line); b.q[(k >> 1) & 1] = val(line + 3); }
      switch ((line >> 1) & 3) {
        case 0: if (line & 1) __asm__("pclmullqlqdq %1, %0" : "+x"(a) : "m"(b)); else __asm__("pclmullqlqdq %1, %0" : "+x"(a) : "x"(b)); break;
        case 1: if (line & 1) __asm__("pclmulhqlqdq %1, %0" : "+x"(a) : "m"(b)); else __asm__("pclmulhqlqdq %1, %0" : "+x"(a) : "x"(b)); break;
        case 2: if (line & 1) __asm__("pclmullqhqdq %1, %0" : "+x"(a) : "m"(b)); else __asm__("pclmullqhqdq %1, %0" : "+x"(a) : "x"(b)); break;
        default: if (line & 1) __asm__("pclmulhqhqdq %1, %0" : "+x"(a) : "m"(b)); else __asm__("pclmulhqhqdq %1, %0" : "+x"(a) : "x"(b)); break;
      }
      out_c(' '); out_v(&a);
    }
    out_nl();
  }
}

/* ---- AES ------------------------------------------------------------------------------------ */

#define AES_OP(name, insn)                                                          \
  static void name##_r(v128 *a, const v128 *b) { __asm__(insn " %1, %0" : "+x"(*a) : "x"(*b)); } \
  static void name##_m(v128 *a, const v128 *b) { __asm__(insn " %1, %0" : "+x"(*a) : "m"(*b)); }
AES_OP(enc, "aesenc")
AES_OP(enclast, "aesenclast")
AES_OP(dec, "aesdec")
AES_OP(declast, "aesdeclast")
static void imc_r(v128 *a, const v128 *b) { __asm__("aesimc %1, %0" : "=x"(*a) : "x"(*b)); }
static void imc_m(v128 *a, const v128 *b) { __asm__("aesimc %1, %0" : "=x"(*a) : "m"(*b)); }

static void aes_line(const char *word, void (*f)(v128 *, const v128 *)) {
  for (int line = 0; line < 4; line++) {
    out_s(word); out_bar();
    for (int k = 0; k < 64; k++) {
      v128 a, b;
      rnd_v(&a); rnd_v(&b);
      if (line == 0 && k < 4) { memset(&a, k & 1 ? 0xff : 0, 16); memset(&b, k & 2 ? 0xff : 0, 16); }
      f(&a, &b);
      out_c(' '); out_v(&a);
    }
    out_nl();
  }
}

#define KGA_CASE(v) case (v): __asm__("aeskeygenassist %2, %1, %0" : "=x"(*a) : "x"(*b), "i"(v)); break;
static void kga_imm(int imm, v128 *a, const v128 *b) { switch (imm) { R256(KGA_CASE) } }

/* FIPS-197 appendix C.1 through the intrinsics: key expansion, 10 rounds, and back */
static __m128i expand_step(__m128i key, __m128i assist) {
  assist = _mm_shuffle_epi32(assist, 0xff);
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, assist);
}
#define EXPAND(k, rc) expand_step(k, _mm_aeskeygenassist_si128(k, rc))
static void fips197(void) {
  uint8_t key[16], pt[16];
  for (int k = 0; k < 16; k++) { key[k] = (uint8_t)k; pt[k] = (uint8_t)(0x11 * k); }
  __m128i ks[11];
  ks[0] = _mm_loadu_si128((const __m128i *)key);
  ks[1] = EXPAND(ks[0], 0x01); ks[2] = EXPAND(ks[1], 0x02); ks[3] = EXPAND(ks[2], 0x04);
  ks[4] = EXPAND(ks[3], 0x08); ks[5] = EXPAND(ks[4], 0x10); ks[6] = EXPAND(ks[5], 0x20);
  ks[7] = EXPAND(ks[6], 0x40); ks[8] = EXPAND(ks[7], 0x80); ks[9] = EXPAND(ks[8], 0x1b);
  ks[10] = EXPAND(ks[9], 0x36);
  __m128i s = _mm_xor_si128(_mm_loadu_si128((const __m128i *)pt), ks[0]);
  for (int r = 1; r < 10; r++) s = _mm_aesenc_si128(s, ks[r]);
  s = _mm_aesenclast_si128(s, ks[10]);
  v128 ct; _mm_store_si128((__m128i *)&ct, s);
  s = _mm_xor_si128(s, ks[10]);
  for (int r = 9; r >= 1; r--) s = _mm_aesdec_si128(s, _mm_aesimc_si128(ks[r]));
  s = _mm_aesdeclast_si128(s, ks[0]);
  v128 back; _mm_store_si128((__m128i *)&back, s);
  out_s("aesenc_fips197 | ");
  for (int k = 0; k < 16; k++) out_hex(ct.b[k], 2);
  out_c(' ');
  for (int k = 0; k < 16; k++) out_hex(back.b[k], 2);
  out_nl();
}

static void aes_section(void) {
  aes_line("aesenc_r", enc_r); aes_line("aesenc_m", enc_m);
  aes_line("aesenclast_r", enclast_r); aes_line("aesenclast_m", enclast_m);
  aes_line("aesdec_r", dec_r); aes_line("aesdec_m", dec_m);
  aes_line("aesdeclast_r", declast_r); aes_line("aesdeclast_m", declast_m);
  aes_line("aesimc_r", imc_r); aes_line("aesimc_m", imc_m);
  for (int n = 0; n < 8; n++) {
    v128 a, b;
    rnd_v(&b);
    if (n == 0) memset(&b, 0, 16);
    out_s("aeskeygenassist_r"); out_bar();
    for (int imm = 0; imm < 256; imm++) { kga_imm(imm, &a, &b); out_c(' '); out_v(&a); }
    out_nl();
  }
  out_s("aeskeygenassist_m"); out_bar();
  for (int k = 0; k < 64; k++) {
    v128 a, b; rnd_v(&b);
    __asm__("aeskeygenassist $0x36, %1, %0" : "=x"(a) : "m"(b));
    out_c(' '); out_v(&a);
  }
  out_nl();
  fips197();
}

/* ---- movbe ---------------------------------------------------------------------------------- */

static void movbe_section(void) {
  static uint8_t mem[32];
  for (int line = 0; line < 6; line++) {
    static const char *W[] = { "movbe_load16", "movbe_load32", "movbe_load64", "movbe_store16", "movbe_store32", "movbe_store64" };
    out_s(W[line]); out_bar();
    for (int k = 0; k < 64; k++) {
      uint64_t d = rnd64(), v = k < (int)NEDGE ? EDGE[k] : rnd64();
      int off = k % 9; /* unaligned too */
      memset(mem, 0xa5, sizeof mem);
      memcpy(mem + off, &v, 8);
      uint8_t *p = mem + off;
      switch (line) {
        case 0: __asm__ volatile("movbe (%1), %w0" : "+r"(d) : "r"(p) : "memory"); break;
        case 1: __asm__ volatile("movbe (%1), %k0" : "+r"(d) : "r"(p) : "memory"); break;
        case 2: __asm__ volatile("movbe (%1), %q0" : "+r"(d) : "r"(p) : "memory"); break;
        case 3: __asm__ volatile("movbe %w0, (%1)" : : "r"(d), "r"(p) : "memory"); break;
        case 4: __asm__ volatile("movbe %k0, (%1)" : : "r"(d), "r"(p) : "memory"); break;
        default: __asm__ volatile("movbe %q0, (%1)" : : "r"(d), "r"(p) : "memory"); break;
      }
      uint64_t m0, m1; memcpy(&m0, mem + off, 8); memcpy(&m1, mem + off + 8, 8);
      out_c(' '); out_x(d); out_c('.'); out_x(m0); out_c('.'); out_x(m1);
    }
    out_nl();
  }
}

/* ---- rdrand / rdseed --------------------------------------------------------------------------- */

/* one draw with every arithmetic flag set before; returns the flags after */
#define DRAW(name, insn, reg)                                                               \
  static uint64_t name(uint64_t *d) {                                                       \
    uint64_t fl;                                                                            \
    __asm__ volatile("pushfq\n\torq $0x8d5, (%%rsp)\n\tpopfq\n\t" insn " %" reg "0\n\tpushfq\n\tpop %1" \
                     : "+r"(*d), "=r"(fl) : : "cc");                                        \
    return fl;                                                                              \
  }
DRAW(rdrand16, "rdrand", "w")
DRAW(rdrand32, "rdrand", "k")
DRAW(rdrand64, "rdrand", "q")
DRAW(rdseed16, "rdseed", "w")
DRAW(rdseed32, "rdseed", "k")
DRAW(rdseed64, "rdseed", "q")

static void rand_line(const char *word, uint64_t (*f)(uint64_t *), int bits) {
  const uint64_t PRE = 0x1122334455667788ull;
  uint64_t first = 0, any_hi = 0;
  int varied = 0, upper_ok = 1, flags_ok = 1, failures = 0;
  for (int n = 0; n < 64; n++) {
    uint64_t d, fl;
    int tries = 0;
    /* the hardware may run out of entropy (CF=0, rdseed mostly): retry, as Intel advises */
    do { d = PRE; fl = f(&d); } while (!(fl & 1) && ++tries < 100000);
    if (!(fl & 1)) { failures++; continue; }
    if ((fl & ARITH) != 1) flags_ok = 0;
    if (bits == 16 && (d >> 16) != (PRE >> 16)) upper_ok = 0;
    if (bits == 32 && (d >> 32) != 0) upper_ok = 0;
    uint64_t v = bits == 64 ? d : d & ((1ull << bits) - 1);
    if (n == 0) first = v; else if (v != first) varied = 1;
    any_hi |= v >> (bits / 2);
  }
  out_s(word); out_s(" | cf1:");
  out_s(failures ? "no" : "yes");
  out_s(" flags:"); out_s(flags_ok ? "ok" : "bad");
  out_s(" upper:"); out_s(upper_ok ? "ok" : "bad");
  out_s(" varied:"); out_s(varied ? "yes" : "no");
  out_s(" tophalf:"); out_s(any_hi ? "used" : "zero");
  out_nl();
}

static void rand_section(void) {
  rand_line("rdrand_16", rdrand16, 16); rand_line("rdrand32", rdrand32, 32); rand_line("rdrand64", rdrand64, 64);
  rand_line("rdseed_16", rdseed16, 16); rand_line("rdseed32", rdseed32, 32); rand_line("rdseed64", rdseed64, 64);
  /* the intrinsics, with the 66/REX.W encodings the compiler picks */
  unsigned short s16; unsigned int s32; unsigned long long s64;
  uint64_t hi = 0;
  for (int n = 0; n < 16; n++) {
    while (!_rdrand16_step(&s16)) {}
    while (!_rdrand32_step(&s32)) {}
    while (!_rdrand64_step(&s64)) {}
    while (!_rdseed16_step(&s16)) {}
    while (!_rdseed32_step(&s32)) {}
    hi |= s64 >> 32;
    while (!_rdseed64_step(&s64)) {}
    hi |= s64 >> 32;
  }
  out_s("rdrand | intrinsics-tophalf:"); out_s(hi ? "used" : "zero"); out_nl();
}

/* ---- faults ---------------------------------------------------------------------------------- */

static sigjmp_buf jb;
static volatile uint64_t f_rip, f_r11, f_rcx, f_addr;
static volatile int f_code;
static void on_signal(int sig, siginfo_t *si, void *uc_) {
  ucontext_t *uc = uc_;
  f_rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
  f_r11 = (uint64_t)uc->uc_mcontext.gregs[REG_R11];
  f_rcx = (uint64_t)uc->uc_mcontext.gregs[REG_RCX];
  f_code = si->si_code;
  f_addr = (uint64_t)si->si_addr;
  siglongjmp(jb, sig);
}

static uint8_t *page_ro, *page_none; /* a read-only page followed by an inaccessible one */
static v128 aligned_buf[4];

/* r11 = the address of the instruction under test (label 1), rcx preloaded, rax = pointer */
#define FAULT(word, ptr, ...) do {                                                   \
    int sig = sigsetjmp(jb, 1);                                                      \
    if (!sig) {                                                                      \
      __asm__ volatile("mov $0x5555555555555555, %%rcx\n\tlea 1f(%%rip), %%r11\n"    \
                       "1:\t" __VA_ARGS__ : : "a"(ptr) : "rcx", "r11", "xmm1", "memory", "cc"); \
      out_s(word); out_s(" | none"); out_nl();                                       \
    } else {                                                                         \
      out_s(word); out_s(" | sig"); out_x((uint64_t)sig); out_s(" code"); out_x((uint64_t)f_code); \
      out_s(f_rip == f_r11 ? " rip:insn" : " rip:other");                            \
      out_s(f_rcx == 0x5555555555555555ull ? " rcx:kept" : " rcx:changed");          \
      if (sig == SIGSEGV) {                                                          \
        uint64_t a = f_addr, base = (uint64_t)page_ro;                               \
        out_s(" addr:");                                                             \
        if (a >= base && a < base + 8192) { out_s("page+"); out_x(a - base); } else out_x(a); \
      }                                                                              \
      out_nl();                                                                      \
    }                                                                                \
  } while (0)

static void faults_section(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGILL, &sa, 0);
  sigaction(SIGSEGV, &sa, 0);
  sigaction(SIGBUS, &sa, 0);
  page_ro = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(page_ro, 0x3c, 4096);
  mprotect(page_ro, 4096, PROT_READ);
  mprotect(page_ro + 4096, 4096, PROT_NONE);
  page_none = page_ro + 4096;
  uint8_t *mis = (uint8_t *)aligned_buf + 4;

  FAULT("movbe_reg", 0, ".byte 0x0f,0x38,0xf0,0xc8");
  FAULT("movbe_reg_store", 0, ".byte 0x0f,0x38,0xf1,0xc8");
  FAULT("movbe_f3", aligned_buf, ".byte 0xf3,0x0f,0x38,0xf0,0x08");
  FAULT("movbe_f3_store", aligned_buf, ".byte 0xf3,0x0f,0x38,0xf1,0x08");
  FAULT("movbe_66_store", aligned_buf, ".byte 0x66,0x0f,0x38,0xf1,0x08");
  FAULT("movbe_lock", aligned_buf, ".byte 0xf0,0x0f,0x38,0xf1,0x08");
  FAULT("movbe_unmapped", 0, "movbe 8(%%rax), %%ecx");
  FAULT("movbe_readonly", page_ro, "movbe %%ecx, 16(%%rax)");
  FAULT("movbe_cross", page_ro + 4092, "movbe (%%rax), %%rcx");
  FAULT("crc32_lock", aligned_buf, ".byte 0xf0,0xf2,0x0f,0x38,0xf1,0x08");
  FAULT("crc32_f2f3", aligned_buf, ".byte 0xf2,0xf3,0x0f,0x38,0xf0,0x08");
  FAULT("crc32_cross", page_ro + 4092, "crc32q (%%rax), %%rcx");
  FAULT("crc32_unmapped", page_none, "crc32b (%%rax), %%ecx");
  FAULT("rdrand_f2", 0, ".byte 0xf2,0x0f,0xc7,0xf1");
  FAULT("rdrand_f3", 0, ".byte 0xf3,0x0f,0xc7,0xf1");
  FAULT("rdrand_66f3", 0, ".byte 0x66,0xf3,0x0f,0xc7,0xf1");
  FAULT("rdseed_f2", 0, ".byte 0xf2,0x0f,0xc7,0xf9");
  FAULT("rdrand_mem", aligned_buf, ".byte 0x0f,0xc7,0x30");
  FAULT("rdrand_lock", 0, ".byte 0xf0,0x0f,0xc7,0xf1");
  FAULT("pcmpestri_np", 0, ".byte 0x0f,0x3a,0x61,0xc1,0x00");
  FAULT("pcmpestri_f2", 0, ".byte 0xf2,0x66,0x0f,0x3a,0x61,0xc1,0x00");
  FAULT("pcmpestri_unaligned", mis, "xor %%edx, %%edx\n\tpcmpestri $0, (%%rax), %%xmm1");
  FAULT("pcmpistrm_unaligned", mis, "pcmpistrm $0x40, (%%rax), %%xmm1");
  FAULT("pcmpistri_cross", page_ro + 4088, "pcmpistri $0, (%%rax), %%xmm1");
  FAULT("pcmpgtq_unaligned", mis, "pcmpgtq (%%rax), %%xmm1");
  FAULT("pclmulqdq_unaligned", mis, "pclmulqdq $0, (%%rax), %%xmm1");
  FAULT("aesenc_unaligned", mis, "aesenc (%%rax), %%xmm1");
  FAULT("aesdeclast_unaligned", mis, "aesdeclast (%%rax), %%xmm1");
  FAULT("aesimc_unaligned", mis, "aesimc (%%rax), %%xmm1");
  FAULT("aeskeygenassist_unaligned", mis, "aeskeygenassist $1, (%%rax), %%xmm1");
  FAULT("aesenc_unmapped", page_none, "aesenc (%%rax), %%xmm1");
  FAULT("aesenc_66w", 0, ".byte 0x66,0x48,0x0f,0x38,0xdc,0xc9");
  FAULT("aesenc_np", 0, ".byte 0x0f,0x38,0xdc,0xc9");
  FAULT("pclmulqdq_np", 0, ".byte 0x0f,0x3a,0x44,0xc9,0x00");
  FAULT("pcmpgtq_np", 0, ".byte 0x0f,0x38,0x37,0xc9");
}

/* ---- cpuid: the feature bits of these instructions ---------------------------------------- */

static void cpuid_section(void) {
  unsigned a, b, c, d;
  __cpuid(1, a, b, c, d);
  out_s("cpuid1.ecx |");
  static const int BITS1[] = { 1, 20, 22, 25, 30 }; /* pclmulqdq sse4.2 movbe aes rdrand */
  for (int k = 0; k < 5; k++) { out_c(' '); out_x((c >> BITS1[k]) & 1); }
  out_nl();
  __cpuid_count(7, 0, a, b, c, d);
  out_s("cpuid7.ebx | "); out_x((b >> 18) & 1); out_nl(); /* rdseed */
}

int main(int argc, char **argv) {
  const char *s = argc > 1 ? argv[1] : "";
  /* a section may run REPS times over fresh random operands (the full conformance sweep) */
  int reps = argc > 2 ? atoi(argv[2]) : 1;
  void (*repeatable)(void) = !strcmp(s, "crc") ? crc_section : !strcmp(s, "cmp") ? cmp_section
      : !strcmp(s, "clmul") ? clmul_section : !strcmp(s, "aes") ? aes_section
      : !strcmp(s, "movbe") ? movbe_section : !strcmp(s, "rand") ? rand_section : NULL;
  if (repeatable) for (int r = 0; r < reps; r++) repeatable();
  else if (!strcmp(s, "faults")) faults_section();
  else if (!strcmp(s, "cpuid")) cpuid_section();
  else { fprintf(stderr, "usage: ops crc|cmp|clmul|aes|movbe|rand [REPS] | faults|cpuid\n"); return 2; }
  flush_out();
  return 0;
}
