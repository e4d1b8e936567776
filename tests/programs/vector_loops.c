// Auto-vectorised loops (built with -O3): integer and floating-point
// reductions, saxpy, byte transforms, min/max, conditional selects.
// cflags: -O3
#include <stdio.h>
#include <stdint.h>

#define N 4099
static float fa[N], fb[N], fc[N];
static double da[N], db[N];
static int32_t ia[N], ib[N], ic[N];
static uint8_t ba[N], bb[N];
static int16_t sa[N], sb[N];
static uint64_t qa[N];

__attribute__((noinline)) static void saxpy(float *restrict y, const float *restrict x, float a, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
__attribute__((noinline)) static double ddot(const double *x, const double *y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}
__attribute__((noinline)) static int64_t isum(const int32_t *x, int n) {
    int64_t s = 0;
    for (int i = 0; i < n; i++) s += x[i];
    return s;
}
__attribute__((noinline)) static void imix(int32_t *restrict c, const int32_t *a, const int32_t *b, int n) {
    for (int i = 0; i < n; i++) c[i] = (a[i] > b[i] ? a[i] - b[i] : b[i] * 3) ^ (a[i] >> 3);
}
__attribute__((noinline)) static void bytes(uint8_t *restrict d, const uint8_t *s, int n) {
    for (int i = 0; i < n; i++) {
        uint8_t c = s[i];
        d[i] = (c >= 'a' && c <= 'z') ? c - 32 : c;
    }
}
__attribute__((noinline)) static unsigned bytesum(const uint8_t *s, int n) {
    unsigned t = 0;
    for (int i = 0; i < n; i++) t += s[i];
    return t;
}
__attribute__((noinline)) static int32_t imax(const int32_t *x, int n) {
    int32_t m = x[0];
    for (int i = 1; i < n; i++) m = x[i] > m ? x[i] : m;
    return m;
}
__attribute__((noinline)) static float fmin_(const float *x, int n) {
    float m = x[0];
    for (int i = 1; i < n; i++) m = x[i] < m ? x[i] : m;
    return m;
}
__attribute__((noinline)) static void shorts(int16_t *restrict d, const int16_t *s, int n) {
    for (int i = 0; i < n; i++) {
        int v = s[i] * 3 + 7;
        d[i] = v > 30000 ? 30000 : (v < -30000 ? -30000 : v);
    }
}
__attribute__((noinline)) static uint64_t qmix(uint64_t *q, int n) {
    uint64_t x = 0;
    for (int i = 0; i < n; i++) { q[i] = q[i] * 0x9e3779b97f4a7c15ULL + (q[i] >> 7); x ^= q[i]; }
    return x;
}
__attribute__((noinline)) static void fdiv(float *restrict c, const float *a, const float *b, int n) {
    for (int i = 0; i < n; i++) c[i] = a[i] / (b[i] + 1.0f) + (float)i;
}
__attribute__((noinline)) static void i2f(double *restrict d, const int32_t *s, int n) {
    for (int i = 0; i < n; i++) d[i] = (double)s[i] * 0.5;
}

int main(void) {
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        fa[i] = (float)(seed >> 8) / 65536.0f - 128.0f;
        fb[i] = (float)(i % 97) * 0.25f;
        da[i] = (double)(int32_t)seed / 1e6;
        db[i] = 1.0 / (i + 1);
        ia[i] = (int32_t)seed >> 4;
        ib[i] = (int32_t)(i * 7919) - 16000000;
        ba[i] = (uint8_t)(32 + (seed >> 24) % 95);
        sa[i] = (int16_t)(seed >> 12);
        qa[i] = (uint64_t)seed * 2654435761u;
    }
    saxpy(fb, fa, 1.5f, N);
    double fs = 0;
    for (int i = 0; i < N; i++) fs += fb[i];
    printf("saxpy sum %.6f\n", fs);
    printf("ddot %.17g\n", ddot(da, db, N));
    printf("isum %lld\n", (long long)isum(ia, N));
    imix(ic, ia, ib, N);
    printf("imix sum %lld\n", (long long)isum(ic, N));
    bytes(bb, ba, N);
    printf("bytes %u %u %.20s\n", bytesum(ba, N), bytesum(bb, N), (char *)bb);
    printf("imax %d fmin %.6f\n", imax(ia, N), fmin_(fa, N));
    shorts(sb, sa, N);
    long ss = 0;
    for (int i = 0; i < N; i++) ss += sb[i] * (i & 7);
    printf("shorts %ld\n", ss);
    printf("qmix %016llx\n", (unsigned long long)qmix(qa, N));
    fdiv(fc, fa, fb, N);
    double fcs = 0;
    for (int i = 0; i < N; i++) fcs += fc[i];
    printf("fdiv %.6f\n", fcs);
    i2f(da, ia, N);
    printf("i2f %.17g\n", ddot(da, db, N));
    return 0;
}
