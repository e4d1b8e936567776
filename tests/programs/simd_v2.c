// x86-64-v2 code (SSE3/SSSE3/SSE4.1/SSE4.2/POPCNT), the baseline CPUID the
// emulator reports: intrinsics for shuffles, blends, dot products, string
// compares, CRC32 and popcnt, plus compiler-generated code for -march=x86-64-v2.
// cflags: -O2 -march=x86-64-v2
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <nmmintrin.h>

static void pr128(const char *tag, __m128i v) {
    uint32_t w[4];
    memcpy(w, &v, 16);
    printf("%s %08x %08x %08x %08x\n", tag, w[0], w[1], w[2], w[3]);
}

int main(void) {
    __m128i a = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i b = _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    __m128i c = _mm_set_epi32(-5, 100000, -2147483647 - 1, 77);
    pr128("shuffle_epi8", _mm_shuffle_epi8(a, b));
    pr128("alignr", _mm_alignr_epi8(a, b, 5));
    pr128("abs", _mm_abs_epi32(c));
    pr128("hadd", _mm_hadd_epi32(c, c));
    pr128("maddubs", _mm_maddubs_epi16(a, b));
    pr128("mulhrs", _mm_mulhrs_epi16(c, _mm_set1_epi16(12345)));
    pr128("blend", _mm_blend_epi16(a, b, 0xA5));
    pr128("blendv", _mm_blendv_epi8(a, b, _mm_setr_epi8(-1, 0, -1, 0, 0, 0, -1, -1, 0, 0, 0, 0, -1, 0, -1, 0)));
    pr128("min/max", _mm_add_epi32(_mm_min_epi32(c, _mm_set1_epi32(5)), _mm_max_epu32(c, _mm_set1_epi32(5))));
    pr128("mullo", _mm_mullo_epi32(c, _mm_set1_epi32(-3)));
    pr128("cvtepi8", _mm_cvtepi8_epi32(b));
    pr128("cvtepu16", _mm_cvtepu16_epi64(c));
    pr128("packus", _mm_packus_epi32(c, _mm_set1_epi32(70000)));
    pr128("insert/extract", _mm_insert_epi32(c, _mm_extract_epi32(c, 1) + 1, 3));
    pr128("cmpgt64", _mm_cmpgt_epi64(_mm_set_epi64x(5, -5), _mm_set_epi64x(-5, 5)));
    pr128("minpos", _mm_minpos_epu16(_mm_setr_epi16(9, 7, 300, 7, 2, 88, 2, 1000)));
    printf("testz %d testc %d\n", _mm_testz_si128(a, _mm_setzero_si128()), _mm_testc_si128(a, a));

    __m128 f = _mm_setr_ps(1.5f, -2.25f, 3.0f, 0.125f), g = _mm_setr_ps(2.0f, 4.0f, -1.0f, 8.0f);
    float out[4];
    _mm_storeu_ps(out, _mm_dp_ps(f, g, 0xF1));
    printf("dp_ps %g\n", out[0]);
    _mm_storeu_ps(out, _mm_round_ps(_mm_setr_ps(2.5f, -2.5f, 1.49f, -0.5f), _MM_FROUND_TO_NEAREST_INT));
    printf("round %g %g %g %g\n", out[0], out[1], out[2], out[3]);
    _mm_storeu_ps(out, _mm_floor_ps(_mm_setr_ps(2.5f, -2.5f, 1.49f, -0.5f)));
    printf("floor %g %g %g %g\n", out[0], out[1], out[2], out[3]);
    _mm_storeu_ps(out, _mm_hadd_ps(f, g));
    printf("hadd_ps %g %g %g %g\n", out[0], out[1], out[2], out[3]);
    _mm_storeu_ps(out, _mm_addsub_ps(f, g));
    printf("addsub %g %g %g %g\n", out[0], out[1], out[2], out[3]);
    double dd[2];
    _mm_storeu_pd(dd, _mm_dp_pd(_mm_setr_pd(1.5, 2.5), _mm_setr_pd(-4, 0.5), 0x33));
    printf("dp_pd %g %g\n", dd[0], dd[1]);
    _mm_storeu_pd(dd, _mm_round_pd(_mm_setr_pd(-7.5, 7.5), _MM_FROUND_TO_ZERO));
    printf("round_pd %g %g\n", dd[0], dd[1]);

    /* SSE4.2 string instructions */
    const char *hay = "Hello, World! 0123456789 the end";
    __m128i set = _mm_loadu_si128((const __m128i *)"0123456789\0\0\0\0\0\0");
    for (int off = 0; off < 16; off += 4) {
        __m128i h = _mm_loadu_si128((const __m128i *)(hay + off));
        printf("cmpistri off %d: any %d ranges %d eq %d mask ", off,
               _mm_cmpistri(set, h, _SIDD_CMP_EQUAL_ANY),
               _mm_cmpistri(_mm_setr_epi8('a', 'z', 'A', 'Z', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), h, _SIDD_CMP_RANGES),
               _mm_cmpestri(h, 16, h, 16, _SIDD_CMP_EQUAL_EACH | _SIDD_NEGATIVE_POLARITY));
        pr128("", _mm_cmpistrm(set, h, _SIDD_CMP_EQUAL_ANY | _SIDD_BIT_MASK));
    }
    uint32_t crc = 0xffffffff;
    for (const char *p = hay; *p; p++) crc = _mm_crc32_u8(crc, (uint8_t)*p);
    uint64_t crc64 = _mm_crc32_u64(0, 0x0123456789abcdefULL);
    printf("crc32c %08x %08llx %08x\n", ~crc, (unsigned long long)crc64, _mm_crc32_u32(1, 0xdeadbeef));
    uint64_t pc = 0;
    for (uint64_t v = 1; v < 100000; v = v * 3 + 7) pc += _mm_popcnt_u64(v * 0x9e3779b97f4a7c15ULL);
    printf("popcnt %llu\n", (unsigned long long)pc);

    /* compiler-chosen v2 code */
    int32_t arr[257];
    for (int i = 0; i < 257; i++) arr[i] = (i * 7919) % 1000 - 500;
    int32_t mx = arr[0], mn = arr[0];
    int64_t prod = 0;
    for (int i = 0; i < 257; i++) { mx = arr[i] > mx ? arr[i] : mx; mn = arr[i] < mn ? arr[i] : mn; prod += arr[i] * arr[256 - i]; }
    printf("minmax %d %d %lld\n", mn, mx, (long long)prod);
    double x = 2.7;
    printf("floor/ceil/trunc/round %g %g %g %g\n", __builtin_floor(x), __builtin_ceil(-x), __builtin_trunc(-x), __builtin_rint(x));
    return 0;
}
