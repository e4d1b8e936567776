// A program the compiler builds with BMI1, BMI2, ADX and LZCNT code (intrinsics and
// ordinary C that -mbmi -mbmi2 turns into shlx/sarx/shrx/rorx/andn/blsr ...): run
// natively and under x64vm by tests/integer.test.mjs, the outputs must be equal.
#include <stdio.h>
#include <stdint.h>
#include <immintrin.h>
#include <x86intrin.h>

static uint64_t s = 0x243f6a8885a308d3ull;
static uint64_t rnd(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }

// multi-precision multiply with mulx and two carry chains (adcx/adox via the intrinsics)
static void mul_n(const uint64_t *a, const uint64_t *b, uint64_t *r, int n) {
  for (int i = 0; i < 2 * n; i++) r[i] = 0;
  for (int i = 0; i < n; i++) {
    unsigned char c = 0, c2 = 0;
    for (int j = 0; j < n; j++) {
      unsigned long long hi, lo = _mulx_u64(a[i], b[j], &hi);
      unsigned long long t;
      c = _addcarryx_u64(c, r[i + j], lo, &t); r[i + j] = t;
      c2 = _addcarryx_u64(c2, r[i + j + 1], hi, &t); r[i + j + 1] = t;
    }
    unsigned long long t;
    _addcarryx_u64(c, r[i + n], 0, &t); r[i + n] = t;
    (void)c2;
  }
}

__attribute__((noinline)) static uint64_t shifts(uint64_t v, unsigned n, int64_t w) {
  return (v << (n & 63)) ^ (v >> ((n + 7) & 63)) ^ (uint64_t)(w >> (n & 63)) ^ ((uint32_t)v << (n & 31)) ^ ((uint32_t)v >> (n & 31));
}

int main(void) {
  uint64_t h = 0;
  for (int k = 0; k < 20000; k++) {
    uint64_t a = rnd(), b = rnd(), m = rnd() & rnd();
    if (k % 7 == 0) m = rnd() | rnd();
    if (k % 11 == 0) b = 0;
    unsigned n = (unsigned)rnd();
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
    h = h * 31 + _pdep_u64(a, m);
    h = h * 31 + _pext_u64(a, m);
    h = h * 31 + _pdep_u32(a32, (uint32_t)m);
    h = h * 31 + _pext_u32(a32, (uint32_t)m);
    h = h * 31 + _bextr_u64(a, n & 0xff, (n >> 8) & 0xff);
    h = h * 31 + _bextr_u32(a32, n & 0xff, (n >> 8) & 0xff);
    h = h * 31 + _bzhi_u64(a, n & 0xff);
    h = h * 31 + _bzhi_u32(a32, n & 0xff);
    h = h * 31 + _andn_u64(a, b) + _andn_u32(a32, b32);
    h = h * 31 + _blsr_u64(b) + _blsi_u64(b) + _blsmsk_u64(b);
    h = h * 31 + _blsr_u32(b32) + _blsi_u32(b32) + _blsmsk_u32(b32);
    h = h * 31 + _tzcnt_u64(b) + _lzcnt_u64(b) + _tzcnt_u32(b32) + _lzcnt_u32(b32);
    h = h * 31 + shifts(a, n, (int64_t)b);
    h = h * 31 + ((a >> 13) | (a << 51)) + ((a32 >> 7) | (a32 << 25));
    uint32_t lo32, hi32;
    __asm__("mulx %3, %0, %1" : "=r"(lo32), "=r"(hi32) : "d"(a32), "rm"(b32));
    h = h * 31 + lo32 + ((uint64_t)hi32 << 32);
    if ((k & 1023) == 0) printf("%d %016llx\n", k, (unsigned long long)h);
  }
  uint64_t x[8], y[8], r[16];
  for (int i = 0; i < 8; i++) { x[i] = rnd(); y[i] = rnd(); }
  for (int it = 0; it < 200; it++) {
    mul_n(x, y, r, 8);
    for (int i = 0; i < 8; i++) { x[i] = r[i] ^ r[i + 8]; y[i] += r[15 - i]; }
  }
  for (int i = 0; i < 16; i++) printf("%016llx%c", (unsigned long long)r[i], i % 4 == 3 ? '\n' : ' ');
  unsigned long long sum; unsigned char c = 0;
  for (int i = 0; i < 1000; i++) c = _addcarry_u64(c, rnd(), rnd(), &sum), h ^= sum + c;
  printf("%016llx\n", (unsigned long long)h);
  return 0;
}
