// Harness of the JIT differential fuzzer (tests/jit-fuzz.test.mjs): runs each generated
// block (tests/native/jit/fuzzgen.mjs, linked in as blk_table) ITER times on fresh random
// registers, rflags, MXCSR, xmm registers and buffer contents, and prints after every run
// the 14 registers, the arithmetic flags, a hash of the buffer, a hash of xmm0-15 and
// MXCSR (both only stored by the simd sequences), one line per run.
//
// usage: fuzz ITER [FIRST_BLOCK [LAST_BLOCK [v]]]
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef void (*blk_fn)(uint64_t *regs, uint8_t *mem);
extern const blk_fn blk_table[];
extern const uint64_t blk_count;

static uint64_t rs = 0x243f6a8885a308d3ull;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 0x2545F4914F6CDD1Dull; }

/** register values: random, or the small and edge values that make flags interesting */
static uint64_t value(void) {
  switch (rnd() % 8) {
  case 0: return 0;
  case 1: return ~0ull;
  case 2: return rnd() % 70;
  case 3: return 1ull << (rnd() % 64);
  case 4: return (rnd() & 1 ? 0x80000000ull : 0x8000000000000000ull) - (rnd() % 3);
  default: return rnd();
  }
}

/** an 8-byte lane of an xmm register: doubles, float pairs and integers at their edges */
static uint64_t lane(void) {
  static const uint64_t D[] = { 0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull, 0xfff8000000000001ull,
    0x0000000000000001ull, 0x000fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull, 0x43e0000000000000ull,
    0xc3e0000000000000ull, 0x41e0000000000000ull, 0x3fe0000000000000ull, 0x4330000000000000ull };
  static const uint32_t F[] = { 0, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x7f800000u, 0xff800000u, 0x7fc00000u,
    0x7fa00000u, 0x00000001u, 0x007fffffu, 0x00800000u, 0x7f7fffffu, 0x4f000000u, 0xcf000000u, 0x3f000000u, 0x4b000000u };
  double d;
  switch (rnd() % 8) {
  case 0: return D[rnd() % (sizeof D / sizeof D[0])];
  case 1: return (uint64_t)F[rnd() % 16] << 32 | F[rnd() % 16];
  case 2: d = (double)(int64_t)(rnd() % 2001) - 1000; d /= (double)(1 + rnd() % 8); { uint64_t u; memcpy(&u, &d, 8); return u; }
  case 3: { float f[2] = { (float)((int)(rnd() % 201) - 100) / 4, (float)(rnd() % 1000) * 1.5f }; uint64_t u; memcpy(&u, f, 8); return u; }
  case 4: return value();
  case 5: d = (double)rnd() / 3.0 * ((rnd() & 1) ? 1e-300 : 1e-10); { uint64_t u; memcpy(&u, &d, 8); return u; }
  default: return rnd();
  }
}

int main(int argc, char **argv) {
  int iter = argc > 1 ? atoi(argv[1]) : 3;
  uint64_t first = argc > 2 ? strtoull(argv[2], 0, 10) : 0, last = argc > 3 ? strtoull(argv[3], 0, 10) : blk_count - 1;
  int verbose = argc > 4; /* any fifth argument: every xmm register too */
  /* memory operands address bytes 0-263; xmm0-15 live at 272, MXCSR at 528, MXCSR values
     to switch to at 532 (fuzzgen.mjs) */
  static uint8_t mem[560] __attribute__((aligned(16)));
  uint64_t regs[16];
  for (uint64_t b = first; b <= last && b < blk_count; b++) {
    /* each block's inputs depend on its number only: one block can be rerun alone */
    rs = 0x243f6a8885a308d3ull ^ (b * 0x9E3779B97F4A7C15ull);
    for (int k = 0; k < 4; k++) rnd();
    for (int it = 0; it < iter; it++) {
      for (int k = 0; k < 14; k++) regs[k] = value();
      regs[14] = (rnd() & 0x8d5) | 2; /* CF PF AF ZF SF OF */
      /* MXCSR: every exception masked, random rounding, DAZ, FTZ and sticky flags */
      regs[15] = 0x1f80 | (rnd() & 0x6000) | (rnd() & 0x8000) | (rnd() & 0x40) | (rnd() & 0x3f);
      for (int k = 0; k < 264; k += 8) { uint64_t v = (rnd() & 3) ? rnd() : lane(); memcpy(mem + k, &v, 8); }
      for (int k = 272; k < 528; k += 8) { uint64_t v = lane(); memcpy(mem + k, &v, 8); }
      memset(mem + 528, 0, 4);
      /* four MXCSR values the sequence may switch to (ldmxcsr [r15 + 532 + 4k]) */
      for (int k = 0; k < 4; k++) {
        uint32_t m = 0x1f80 | (rnd() & 0x6000) | (rnd() & 0x8000) | (rnd() & 0x40) | (rnd() & 0x3f);
        memcpy(mem + 532 + 4 * k, &m, 4);
      }
      blk_table[b](regs, mem);
      uint64_t h = 0xcbf29ce484222325ull, x = h;
      for (int k = 0; k < 264; k++) { h ^= mem[k]; h *= 0x100000001b3ull; }
      for (int k = 272; k < 528; k++) { x ^= mem[k]; x *= 0x100000001b3ull; }
      uint32_t mxcsr; memcpy(&mxcsr, mem + 528, 4);
      printf("%lu.%d", (unsigned long)b, it);
      for (int k = 0; k < 14; k++) printf(" %lx", (unsigned long)regs[k]);
      printf(" f%03lx m%016lx x%016lx c%04x\n", (unsigned long)(regs[14] & 0x8d5), (unsigned long)h, (unsigned long)x, mxcsr);
      if (verbose) for (int k = 0; k < 16; k++) {
        uint64_t q[2]; memcpy(q, mem + 272 + 16 * k, 16);
        printf("  xmm%d %016lx %016lx\n", k, (unsigned long)q[1], (unsigned long)q[0]);
      }
    }
  }
  return 0;
}
