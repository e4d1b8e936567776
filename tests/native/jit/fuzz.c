// Harness of the JIT differential fuzzer (tests/jit-fuzz.test.mjs): runs each generated
// block (tests/native/jit/fuzzgen.mjs, linked in as blk_table) ITER times on fresh random
// registers, rflags and buffer contents, and prints after every run the 14 registers,
// the arithmetic flags and a hash of the buffer, one line per run.
//
// usage: fuzz ITER [FIRST_BLOCK [LAST_BLOCK]]
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

int main(int argc, char **argv) {
  int iter = argc > 1 ? atoi(argv[1]) : 3;
  uint64_t first = argc > 2 ? strtoull(argv[2], 0, 10) : 0, last = argc > 3 ? strtoull(argv[3], 0, 10) : blk_count - 1;
  static uint8_t mem[264] __attribute__((aligned(16)));
  uint64_t regs[15];
  for (uint64_t b = first; b <= last && b < blk_count; b++) {
    for (int it = 0; it < iter; it++) {
      for (int k = 0; k < 14; k++) regs[k] = value();
      regs[14] = (rnd() & 0x8d5) | 2; /* CF PF AF ZF SF OF */
      for (int k = 0; k < 264; k += 8) { uint64_t v = rnd(); memcpy(mem + k, &v, 8); }
      blk_table[b](regs, mem);
      uint64_t h = 0xcbf29ce484222325ull;
      for (int k = 0; k < 264; k++) { h ^= mem[k]; h *= 0x100000001b3ull; }
      printf("%lu.%d", (unsigned long)b, it);
      for (int k = 0; k < 14; k++) printf(" %lx", (unsigned long)regs[k]);
      printf(" f%03lx m%016lx\n", (unsigned long)(regs[14] & 0x8d5), (unsigned long)h);
    }
  }
  return 0;
}
