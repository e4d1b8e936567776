// sprintf of doubles in a loop with a checksum of all the text produced
// (every conversion and many precisions), and strtod of it back.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

int main(void) {
    static const char *fmts[] = { "%.0f", "%.3f", "%.17g", "%g", "%e", "%.10e", "%a", "%12.5g", "%-+14.6e", "%#.0f", "%.20f" };
    const int nf = sizeof fmts / sizeof fmts[0];
    uint64_t h[11] = { 0 };
    uint64_t x = 0x853c49e6748fea9bULL;
    long exact = 0, total = 0;
    char buf[512];
    for (int i = 0; i < 3000; i++) {
        x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
        uint64_t r = x * 0x2545F4914F6CDD1DULL;
        double d;
        switch (i % 4) {
        case 0: d = (double)(r >> 11) / 9007199254740992.0; break;           /* [0,1) */
        case 1: d = ((double)(int64_t)r) / (double)(1ULL << (r & 63)); break; /* wide range */
        case 2: { uint64_t bits = r; memcpy(&d, &bits, 8); if (d != d || d - d != 0) d = (double)i; break; }
        default: d = (double)(int32_t)(r >> 32) + 0.5; break;                 /* halfway cases */
        }
        for (int f = 0; f < nf; f++) {
            int n = snprintf(buf, sizeof buf, fmts[f], d);
            for (int k = 0; k < n; k++) h[f] = (h[f] ^ (unsigned char)buf[k]) * 0x100000001b3ULL;
            h[f] ^= (uint64_t)n;
        }
        snprintf(buf, sizeof buf, "%.17g", d);
        exact += strtod(buf, NULL) == d;
        total++;
        if (i < 12) printf("%.17g | %a | %.6e\n", d, d, d);
    }
    for (int f = 0; f < nf; f++) printf("%-10s %016llx\n", fmts[f], (unsigned long long)h[f]);
    printf("round-trip %ld/%ld\n", exact, total);
    /* floats and long doubles too */
    uint64_t hf = 0;
    for (int i = 1; i < 3000; i++) {
        float f = (float)i / 7.0f;
        long double ld = (long double)i / 7.0L;
        int n = snprintf(buf, sizeof buf, "%.9g %.20Lg %Le", (double)f, ld, ld * ld * ld);
        for (int k = 0; k < n; k++) hf = (hf ^ (unsigned char)buf[k]) * 0x100000001b3ULL;
    }
    printf("float/long double %016llx\n", (unsigned long long)hf);
    return 0;
}
