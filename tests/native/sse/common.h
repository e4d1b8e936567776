/* Shared helpers of the SSE conformance programs: buffered hex output (printf would
 * dominate the run time under the emulator), vectors, MXCSR configurations, and the
 * operand values every test walks through. */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

typedef union {
  uint8_t b[16];
  uint16_t w[8];
  uint32_t u[4];
  uint64_t q[2];
  float f[4];
  double d[2];
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
static void out_h32(uint32_t v) { out_hex(v, 8); out_c(' '); }
static void out_h64(uint64_t v) { out_hex(v, 16); out_c(' '); }
static void out_v(const v128 *v) { out_h64(v->q[1]); out_h64(v->q[0]); }
static void out_nl(void) { out_c('\n'); }

/* a small deterministic generator (xorshift64*) */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd64(void) {
  rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
  return rng_state * 0x2545f4914f6cdd1dull;
}
static uint32_t rnd32(void) { return (uint32_t)(rnd64() >> 32); }

/* MXCSR configurations: every rounding mode with and without DAZ and FTZ, all
 * exceptions masked and flags clear, plus "PE already set" (the emulator's fast path). */
static const uint32_t MXCSR_CONFIGS[] = {
  0x1f80, 0x3f80, 0x5f80, 0x7f80,
  0x1fc0, 0x3fc0, 0x5fc0, 0x7fc0,
  0x9f80, 0xbf80, 0xdf80, 0xff80,
  0x9fc0, 0xffc0,
  0x1fa0, 0x1fa2,
};
#define NCONFIGS (sizeof MXCSR_CONFIGS / sizeof MXCSR_CONFIGS[0])

/* float32 operands: signed zeros, denormals, normals near the limits, ordinary values,
 * infinities, quiet and signalling NaNs with payloads, values near integer limits */
static const uint32_t F32[] = {
  0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x00400000, 0x80123456,
  0x00800000, 0x80800000, 0x00800001, 0x7f7fffff, 0xff7fffff, 0x7f000000, 0x7e800000,
  0x3f800000, 0xbf800000, 0x3fc00000, 0x40400000, 0x3eaaaaab, 0x40490fdb, 0xc0490fdb,
  0x3f800001, 0x4b800001, 0x33800000, 0x34000000, 0x0c000000, 0x1f800000, 0x5f800000,
  0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x5effffff, 0x5f000000, 0xdf000000,
  0x3f000000, 0xbfc00000, 0x40200000, 0x3f7fffff,
  0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc12345, 0x7f800001, 0xff812345,
  0x7fa00000,
};
#define NF32 (sizeof F32 / sizeof F32[0])

static const uint64_t F64[] = {
  0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull, 0x8000000000000001ull,
  0x000fffffffffffffull, 0x0008000000000000ull, 0x8001234567890abcull,
  0x0010000000000000ull, 0x8010000000000000ull, 0x0010000000000001ull,
  0x7fefffffffffffffull, 0xffefffffffffffffull, 0x7fe0000000000000ull, 0x7fd0000000000000ull,
  0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3ff8000000000000ull, 0x4008000000000000ull,
  0x3fd5555555555555ull, 0x400921fb54442d18ull, 0xc00921fb54442d18ull, 0x3ff0000000000001ull,
  0x4340000000000001ull, 0x3ca0000000000000ull, 0x3cb0000000000000ull, 0x0180000000000000ull,
  0x1ff0000000000000ull, 0x5ff0000000000000ull, 0x41dfffffffc00000ull, 0x41e0000000000000ull,
  0xc1e0000000000000ull, 0xc1e0000000200000ull, 0x43dfffffffffffffull, 0x43e0000000000000ull,
  0xc3e0000000000000ull, 0x3fe0000000000000ull, 0xbff8000000000000ull, 0x4004000000000000ull,
  0x3fefffffffffffffull, 0x47efffffe0000000ull, 0x47efffffefffffffull, 0x47effffff0000000ull,
  0x380fffffffffffffull, 0x3810000000000000ull, 0x36a0000000000000ull, 0x369fffffffffffffull,
  0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000000ull,
  0x7ff8123456789abcull, 0x7ff0000000000001ull, 0xfff0123456789abcull, 0x7ff4000000000000ull,
};
#define NF64 (sizeof F64 / sizeof F64[0])

/* a random float32/float64 with an exponent drawn from the whole range, biased towards
 * ordinary and extreme values */
__attribute__((unused)) static uint32_t rnd_f32(void) {
  uint32_t r = rnd32();
  switch (r & 7) {
    case 0: return rnd32() & 0x807fffff;                                    /* denormal */
    case 1: return (rnd32() & 0x807fffff) | ((uint32_t)(1 + rnd32() % 254) << 23);
    case 2: return (rnd32() & 0x807fffff) | ((uint32_t)(rnd32() % 8 + 1) << 23);   /* tiny */
    case 3: return (rnd32() & 0x807fffff) | ((uint32_t)(246 + rnd32() % 8) << 23); /* huge */
    default: return (rnd32() & 0x807fffff) | ((uint32_t)(112 + rnd32() % 32) << 23);
  }
}
__attribute__((unused)) static uint64_t rnd_f64(void) {
  uint64_t m = rnd64() & 0x800fffffffffffffull;
  uint32_t r = rnd32();
  switch (r & 7) {
    case 0: return m;
    case 1: return m | ((uint64_t)(1 + rnd32() % 2046) << 52);
    case 2: return m | ((uint64_t)(rnd32() % 60 + 1) << 52);
    case 3: return m | ((uint64_t)(1986 + rnd32() % 60) << 52);
    case 4: return m | ((uint64_t)(0x380 - 30 + rnd32() % 60) << 52);  /* around the float32 range limits */
    case 5: return m | ((uint64_t)(0x47f - 30 + rnd32() % 60) << 52);
    default: return m | ((uint64_t)(1003 + rnd32() % 40) << 52);
  }
}

#define LDMX(m) __asm__ volatile("ldmxcsr %0" :: "m"(m))
#define STMX(m) __asm__ volatile("stmxcsr %0" : "=m"(m))
