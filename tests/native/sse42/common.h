/* Shared helpers of the SSE4.2 / crypto conformance programs: buffered output (printf
 * would dominate the run time under the emulator), vectors and a deterministic
 * generator.
 *
 * Output format, read by tests/sse42.test.mjs: one line per group of inputs,
 *   <mnemonic-word> <inputs ...> | <result> <result> ...
 * every token after '|' is the result of one input (register values and flags), so the
 * test counts inputs and mismatches per token. */
#pragma GCC target("sse4.2,pclmul,aes,movbe,rdrnd,rdseed")
#include <stdint.h>
#include <string.h>
#include <unistd.h>

typedef union {
  uint8_t b[16];
  uint16_t w[8];
  uint32_t u[4];
  uint64_t q[2];
} __attribute__((aligned(16))) v128;

static char obuf[1 << 16];
static size_t olen;

static void flush_out(void) {
  size_t off = 0;
  while (off < olen) {
    ssize_t n = write(1, obuf + off, olen - off);
    if (n <= 0) break;
    off += (size_t)n;
  }
  olen = 0;
}
/* every out_* call writes at most 40 bytes: make room once per call */
static inline char *room(void) {
  if (olen > sizeof obuf - 40) flush_out();
  return obuf + olen;
}
static void out_c(char c) { *room() = c; olen++; }
static void out_s(const char *s) { while (*s) out_c(*s++); }
static const char HEX[] = "0123456789abcdef";
static void out_hex(uint64_t v, int digits) {
  char *p = room();
  for (int k = digits - 1; k >= 0; k--) { p[k] = HEX[v & 15]; v >>= 4; }
  olen += (size_t)digits;
}
/* shortest hex form of v */
static void out_x(uint64_t v) {
  int d = 1;
  while (d < 16 && (v >> (4 * d))) d++;
  out_hex(v, d);
}
static void out_v(const v128 *v) { out_hex(v->q[1], 16); out_hex(v->q[0], 16); }
static void out_nl(void) { out_c('\n'); }
static void out_bar(void) { out_s(" |"); }

/* a small deterministic generator (xorshift64*) */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd64(void) {
  rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
  return rng_state * 0x2545f4914f6cdd1dull;
}
static uint32_t rnd32(void) { return (uint32_t)(rnd64() >> 32); }
static inline void rnd_v(v128 *v) { v->q[0] = rnd64(); v->q[1] = rnd64(); }

/* the arithmetic flags of a pushfq value */
#define ARITH 0x8d5

/* 256 copies of a macro, with the constants 0..255 */
#define R4(f, b) f((b)) f((b) + 1) f((b) + 2) f((b) + 3)
#define R16(f, b) R4(f, b) R4(f, (b) + 4) R4(f, (b) + 8) R4(f, (b) + 12)
#define R64(f, b) R16(f, b) R16(f, (b) + 16) R16(f, (b) + 32) R16(f, (b) + 48)
#define R256(f) R64(f, 0) R64(f, 64) R64(f, 128) R64(f, 192)
