// Bit tricks: __builtin_popcount/ctz/clz/bswap/parity/ffs, rotates, bit
// reversal, gray codes, next permutation of bits.
#include <stdio.h>
#include <stdint.h>

static uint32_t rotl32(uint32_t x, int r) { return (x << (r & 31)) | (x >> ((32 - r) & 31)); }
static uint64_t rotr64(uint64_t x, int r) { return (x >> (r & 63)) | (x << ((64 - r) & 63)); }
static uint32_t rev32(uint32_t x) {
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(x);
}

int main(void) {
    uint64_t x = 0x9E3779B97F4A7C15ULL, h = 0;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 7; x ^= x >> 9;
        uint32_t lo = (uint32_t)x;
        uint64_t v = x >> (i % 64);
        h = h * 31 + __builtin_popcountll(v);
        h = h * 31 + (v ? __builtin_ctzll(v) : 64);
        h = h * 31 + (v ? __builtin_clzll(v) : 64);
        h = h * 31 + __builtin_popcount(lo) + (lo ? __builtin_ctz(lo) + __builtin_clz(lo) : 0);
        h = h * 31 + __builtin_parityll(v) + __builtin_ffsll((long long)v) + __builtin_ffs((int)lo);
        h ^= __builtin_bswap64(v) + __builtin_bswap32(lo) + __builtin_bswap16((uint16_t)lo);
        h += rotl32(lo, i) ^ rotr64(v, i * 3) ^ rev32(lo);
        if (i < 8)
            printf("%016llx pop %d ctz %d clz %d bswap %016llx rev %08x\n", (unsigned long long)v,
                   __builtin_popcountll(v), v ? __builtin_ctzll(v) : 64, v ? __builtin_clzll(v) : 64,
                   (unsigned long long)__builtin_bswap64(v), rev32(lo));
    }
    printf("hash %016llx\n", (unsigned long long)h);
    for (unsigned g = 0; g < 16; g++) printf("%u", (g ^ (g >> 1)) & 1 ? 1 : 0);
    printf("\n");
    /* iterate all 5-bit subsets of 12 bits (Gosper's hack) */
    unsigned count = 0, sum = 0;
    for (unsigned s = 0x1f; s < (1u << 12);) {
        count++;
        sum += s;
        unsigned c = s & -s, r = s + c;
        s = (((r ^ s) >> 2) / c) | r;
    }
    printf("gosper %u %u\n", count, sum);
    /* isolate / clear lowest bits, power-of-two tests */
    for (uint32_t v = 1; v < 200; v = v * 3 + 1)
        printf("%u: low %u clr %u pow2 %d ceilpow2 %u\n", v, v & -v, v & (v - 1), (v & (v - 1)) == 0,
               v <= 1 ? 1 : 1u << (32 - __builtin_clz(v - 1)));
    /* 128-bit popcount via two halves, and __builtin_clrsb */
    printf("clrsb %d %d %d\n", __builtin_clrsb(0), __builtin_clrsb(-1), __builtin_clrsb(0x00ffffff));
    return 0;
}
