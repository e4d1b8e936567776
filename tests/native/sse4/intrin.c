/* SSE3/SSSE3/SSE4.1 as C code uses them: intrinsics, and loops the compiler vectorizes
 * with these extensions (the target pragma stands for -msse4.1, so the file also
 * compiles without flags). Prints checksums and values of every step, for random and
 * edge-case data.
 * usage: intrin [rounds] */
#pragma GCC target("sse3,ssse3,sse4.1")
#pragma GCC optimize("O3")
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <smmintrin.h>
#include "../sse/common.h"

#define N 1024
static float fa[N], fb[N], fr[N];
static double da[N], db[N], dr[N];
static int32_t ia[N], ib[N], ir[N];
static int16_t sa[N], sb[N], sr[N];
static int8_t ba[N], bb[N], br[N];
static uint8_t ua[N], ur[N];

static uint64_t sum(const void *p, size_t n) {
  const uint8_t *b = p;
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t k = 0; k < n; k++) h = (h ^ b[k]) * 0x100000001b3ull;
  return h;
}
static void say(const char *what, const void *p, size_t n) { out_s(what); out_c(' '); out_h64(sum(p, n)); out_nl(); }
static void say_v(const char *what, __m128i v) { v128 t; memcpy(&t, &v, 16); out_s(what); out_c(' '); out_v(&t); out_nl(); }
static void say_f(const char *what, __m128 v) { say_v(what, _mm_castps_si128(v)); }
static void say_d(const char *what, __m128d v) { say_v(what, _mm_castpd_si128(v)); }

/* loops the vectorizer turns into roundps/pd, pminsd/pmaxsd, pmulld, pabs*, pmovsx/zx ... */
__attribute__((noinline)) static void loops(void) {
  for (int k = 0; k < N; k++) fr[k] = floorf(fa[k]) + ceilf(fb[k]) + truncf(fa[k] * 0.25f) + rintf(fb[k]);
  say("floor_ceil_trunc_rint_f", fr, sizeof fr);
  for (int k = 0; k < N; k++) dr[k] = floor(da[k]) - ceil(db[k]) + trunc(da[k] * 3.0) + nearbyint(db[k]);
  say("floor_ceil_trunc_nearbyint_d", dr, sizeof dr);
  for (int k = 0; k < N; k++) ir[k] = (ia[k] < ib[k] ? ia[k] : ib[k]) + (ia[k] > ib[k] ? ia[k] : ib[k]) * 3;
  say("min_max_i32", ir, sizeof ir);
  for (int k = 0; k < N; k++) ir[k] = ia[k] * ib[k] + abs(ia[k]);
  say("mul_abs_i32", ir, sizeof ir);
  for (int k = 0; k < N; k++) { uint32_t x = (uint32_t)ia[k], y = (uint32_t)ib[k]; ir[k] = (int32_t)(x < y ? x : y); }
  say("min_u32", ir, sizeof ir);
  for (int k = 0; k < N; k++) sr[k] = (int16_t)((uint16_t)sa[k] > (uint16_t)sb[k] ? sa[k] : sb[k]);
  say("max_u16", sr, sizeof sr);
  for (int k = 0; k < N; k++) br[k] = (int8_t)(ba[k] < bb[k] ? ba[k] : bb[k]);
  say("min_i8", br, sizeof br);
  for (int k = 0; k < N; k++) br[k] = (int8_t)(ba[k] < 0 ? -ba[k] : ba[k]);
  say("abs_i8", br, sizeof br);
  for (int k = 0; k < N; k++) ir[k] = ba[k] + sa[k] + ua[k];
  say("widen_bw_wd", ir, sizeof ir);
  int64_t acc = 0;
  for (int k = 0; k < N; k++) acc += (int64_t)ia[k] * ib[k];
  out_s("dot_i64 "); out_h64((uint64_t)acc); out_nl();
  float fs = 0;
  for (int k = 0; k < N; k++) fs += fa[k] * fb[k];
  out_s("dot_f32 "); out_h32(*(uint32_t *)&fs); out_nl();
  for (int k = 0; k < N; k++) ur[k] = ua[N - 1 - k];
  say("reverse_u8", ur, sizeof ur);
}

__attribute__((noinline)) static void intrinsics(int round) {
  const float *pf = fa + 4 * (round % (N / 4));
  const double *pd = da + 2 * (round % (N / 2));
  __m128 a = _mm_loadu_ps(pf), b = _mm_loadu_ps(fb + 4 * (round % (N / 4)));
  __m128d c = _mm_loadu_pd(pd), d = _mm_loadu_pd(db + 2 * (round % (N / 2)));
  __m128i x = _mm_loadu_si128((const __m128i *)(ia + 4 * (round % (N / 4))));
  __m128i y = _mm_loadu_si128((const __m128i *)(ib + 4 * (round % (N / 4))));
  say_f("addsub_ps", _mm_addsub_ps(a, b)); say_d("addsub_pd", _mm_addsub_pd(c, d));
  say_f("hadd_ps", _mm_hadd_ps(a, b)); say_f("hsub_ps", _mm_hsub_ps(a, b));
  say_d("hadd_pd", _mm_hadd_pd(c, d)); say_d("hsub_pd", _mm_hsub_pd(c, d));
  say_f("moveh_ldup", _mm_add_ps(_mm_movehdup_ps(a), _mm_moveldup_ps(b)));
  say_d("movedup", _mm_movedup_pd(c));
  say_v("lddqu", _mm_lddqu_si128((const __m128i *)((const char *)ia + 1 + round % 32)));
  say_v("shuffle_epi8", _mm_shuffle_epi8(x, y));
  say_v("hadd_epi16", _mm_hadd_epi16(x, y)); say_v("hadds_epi16", _mm_hadds_epi16(x, y));
  say_v("hsub_epi32", _mm_hsub_epi32(x, y)); say_v("hsubs_epi16", _mm_hsubs_epi16(x, y));
  say_v("maddubs", _mm_maddubs_epi16(x, y)); say_v("mulhrs", _mm_mulhrs_epi16(x, y));
  say_v("sign_epi8", _mm_sign_epi8(x, y)); say_v("sign_epi32", _mm_sign_epi32(x, y));
  say_v("abs_epi16", _mm_abs_epi16(x));
  say_v("alignr_7", _mm_alignr_epi8(x, y, 7)); say_v("alignr_20", _mm_alignr_epi8(x, y, 20));
  say_f("blend_ps", _mm_blend_ps(a, b, 0x9)); say_d("blendv_pd", _mm_blendv_pd(c, d, _mm_castsi128_pd(y)));
  say_v("blendv_epi8", _mm_blendv_epi8(x, y, _mm_xor_si128(x, y)));
  say_v("blend_epi16", _mm_blend_epi16(x, y, 0x5c));
  say_f("dp_ps_f1", _mm_dp_ps(a, b, 0xf1)); say_f("dp_ps_7f", _mm_dp_ps(a, b, 0x7f));
  say_d("dp_pd_31", _mm_dp_pd(c, d, 0x31));
  out_s("extract_ps "); out_h32((uint32_t)_mm_extract_ps(a, 2)); out_nl();
  say_f("insert_ps", _mm_insert_ps(a, b, 0x9a));
  out_s("extract_epi8 "); out_h32((uint32_t)_mm_extract_epi8(x, 13)); out_nl();
  out_s("extract_epi64 "); out_h64((uint64_t)_mm_extract_epi64(y, 1)); out_nl();
  say_v("insert_epi8", _mm_insert_epi8(x, round, 9)); say_v("insert_epi64", _mm_insert_epi64(x, -round, 0));
  say_v("cvtepi8_epi64", _mm_cvtepi8_epi64(x)); say_v("cvtepu16_epi32", _mm_cvtepu16_epi32(y));
  say_v("mul_epi32", _mm_mul_epi32(x, y)); say_v("mullo_epi32", _mm_mullo_epi32(x, y));
  say_v("min_epu32", _mm_min_epu32(x, y)); say_v("max_epi8", _mm_max_epi8(x, y));
  say_v("cmpeq_epi64", _mm_cmpeq_epi64(x, _mm_shuffle_epi32(x, 0x44)));
  say_v("packus_epi32", _mm_packus_epi32(x, y));
  say_v("mpsadbw_5", _mm_mpsadbw_epu8(x, y, 5)); say_v("minpos", _mm_minpos_epu16(x));
  out_s("testz_testc_testnzc "); out_h32((uint32_t)(_mm_testz_si128(x, y) | _mm_testc_si128(x, y) << 1 | _mm_testnzc_si128(x, y) << 2)); out_nl();
  say_f("round_ps", _mm_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  say_d("round_pd", _mm_round_pd(c, _MM_FROUND_CUR_DIRECTION));
  say_f("floor_ss", _mm_floor_ss(a, b)); say_d("ceil_sd", _mm_ceil_sd(c, d));
  say_v("stream_load", _mm_stream_load_si128((__m128i *)(ib + 4 * (round % (N / 4)))));
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 40;
  for (int k = 0; k < N; k++) {
    uint32_t r = rnd32();
    switch (r & 7) {
      case 0: fa[k] = (float)(int)(rnd32() % 2001 - 1000) * 0.5f; break;
      case 1: { uint32_t b = rnd_f32(); memcpy(&fa[k], &b, 4); if (isnan(fa[k])) fa[k] = 1.5f; } break;
      default: fa[k] = (float)((int32_t)rnd32()) / 65536.0f; break;
    }
    fb[k] = (float)((int32_t)rnd32()) / (float)(1 + (rnd32() & 0xffff));
    da[k] = (double)(int64_t)rnd64() / 4294967296.0;
    db[k] = (r & 8) ? (double)(int)(rnd32() % 100) + 0.5 : (double)(int32_t)rnd32() / 1024.0;
    ia[k] = (r & 16) ? (int32_t)rnd32() : (int32_t)(rnd32() % 200) - 100;
    ib[k] = (r & 32) ? (int32_t)rnd32() : (int32_t)0x80000000 + (int32_t)(rnd32() & 3);
    sa[k] = (int16_t)rnd32(); sb[k] = (r & 64) ? (int16_t)0x8000 : (int16_t)rnd32();
    ba[k] = (int8_t)rnd32(); bb[k] = (r & 128) ? (int8_t)-128 : (int8_t)rnd32(); ua[k] = (uint8_t)rnd32();
  }
  (void)out_h32;
  loops();
  static const uint32_t MX[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0 };
  for (int r = 0; r < rounds; r++) {
    uint32_t mx = MX[r % 5];
    LDMX(mx);
    intrinsics(r);
    STMX(mx);
    out_s("mxcsr "); out_h32(mx); out_nl();
  }
  uint32_t mx = 0x1f80;
  LDMX(mx);
  flush_out();
  return 0;
}
