/* Prints the reciprocal and reciprocal-square-root approximations of this CPU in the
 * encoding src/cpu/ops/sse-approx.ts uses: the results depend only on the top 11
 * (rcpss) or 10 (rsqrtss, plus the exponent's parity) significand bits, and have 12
 * significant bits, so each table is its first entry plus one digit per entry: how
 * many units of 2^-11 of significand the next entry is smaller. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <xmmintrin.h>

static uint32_t rcp(uint32_t b) { float f; memcpy(&f, &b, 4); f = _mm_cvtss_f32(_mm_rcp_ss(_mm_set_ss(f))); memcpy(&b, &f, 4); return b; }
static uint32_t rsq(uint32_t b) { float f; memcpy(&f, &b, 4); f = _mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(f))); memcpy(&b, &f, 4); return b; }

static void table(const char *name, uint32_t (*fn)(uint32_t), uint32_t base, int shift, int n) {
  uint32_t prev = fn(base);
  printf("%s 0x%08x ", name, prev);
  for (int i = 1; i < n; i++) {
    uint32_t v = fn(base | ((uint32_t)i << shift));
    printf("%u", (unsigned)((prev - v) >> 11));
    prev = v;
  }
  printf("\n");
}

int main(void) {
  table("rcp", rcp, 0x3f800000, 12, 2048);
  table("rsqrt_even", rsq, 0x3f800000, 13, 1024);
  table("rsqrt_odd", rsq, 0x40000000, 13, 1024);
  return 0;
}
