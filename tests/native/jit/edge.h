/* Shared by the JIT's integer test programs: a running checksum of results (mix) and a
   generator biased towards edge values (rnd): bytes, INT64_MAX and INT32 boundaries,
   small negatives, single bits, and random 64-bit patterns. */
#include <stdint.h>

static uint64_t h;
static void mix(uint64_t v) { h = (h ^ v) * 0x100000001b3ULL; h ^= h >> 29; }

static uint64_t seed = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(void) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    uint64_t r = seed >> 11;
    switch ((seed >> 3) & 7) {
    case 0: return r & 0xff;
    case 1: return 0x7fffffffffffffffULL - (r & 3);
    case 2: return 0x80000000ULL + (r & 3) - 2;
    case 3: return (uint64_t)-(int64_t)(r & 7);
    case 4: return (r & 1) ? 0 : 1ULL << (r & 63);
    case 5: return 0x8000000000000000ULL >> (r & 63);
    default: return r * 0x100000001ULL;
    }
}
