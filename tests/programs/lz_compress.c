// An LZ77-style compressor with a hash chain matcher and a byte-oriented
// format; compresses generated text and binary data, decompresses, checks
// the round trip, and prints sizes and checksums.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define WIN 4096
#define MINM 3
#define MAXM 130
#define HBITS 12

static uint32_t adler(const uint8_t *p, size_t n) {
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) { a = (a + p[i]) % 65521; b = (b + a) % 65521; }
    return b << 16 | a;
}

/* format: control byte c; c < 128: c+1 literals follow; c >= 128: match of
 * length (c - 128 + MINM), followed by 2-byte little-endian distance */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
    static int head[1 << HBITS], prev[WIN];
    for (int i = 0; i < (1 << HBITS); i++) head[i] = -1;
    size_t o = 0, lit_start = 0, i = 0;
    while (i < n) {
        int best = 0, bestd = 0;
        if (i + MINM <= n) {
            unsigned h = ((in[i] << 8) ^ (in[i + 1] << 4) ^ in[i + 2]) & ((1 << HBITS) - 1);
            int cand = head[h], chain = 0;
            while (cand >= 0 && (int)i - cand < WIN && chain++ < 64) {
                int l = 0;
                while (l < MAXM && i + l < n && in[cand + l] == in[i + l]) l++;
                if (l > best) { best = l; bestd = (int)i - cand; }
                int p = prev[cand % WIN];
                if (p >= cand) break;
                cand = p;
            }
            prev[i % WIN] = head[h];
            head[h] = (int)i;
        }
        if (best >= MINM) {
            while (lit_start < i) {
                size_t k = i - lit_start > 128 ? 128 : i - lit_start;
                out[o++] = (uint8_t)(k - 1);
                memcpy(out + o, in + lit_start, k);
                o += k;
                lit_start += k;
            }
            out[o++] = (uint8_t)(128 + best - MINM);
            out[o++] = (uint8_t)bestd;
            out[o++] = (uint8_t)(bestd >> 8);
            for (int k = 1; k < best; k++) {
                size_t j = i + k;
                if (j + MINM <= n) {
                    unsigned h = ((in[j] << 8) ^ (in[j + 1] << 4) ^ in[j + 2]) & ((1 << HBITS) - 1);
                    prev[j % WIN] = head[h];
                    head[h] = (int)j;
                }
            }
            i += best;
            lit_start = i;
        } else {
            i++;
        }
    }
    while (lit_start < n) {
        size_t k = n - lit_start > 128 ? 128 : n - lit_start;
        out[o++] = (uint8_t)(k - 1);
        memcpy(out + o, in + lit_start, k);
        o += k;
        lit_start += k;
    }
    return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out) {
    size_t i = 0, o = 0;
    while (i < n) {
        uint8_t c = in[i++];
        if (c < 128) {
            memcpy(out + o, in + i, c + 1u);
            i += c + 1u;
            o += c + 1u;
        } else {
            int len = c - 128 + MINM;
            int d = in[i] | in[i + 1] << 8;
            i += 2;
            for (int k = 0; k < len; k++, o++) out[o] = out[o - d];
        }
    }
    return o;
}

static void run(const char *name, const uint8_t *data, size_t n) {
    uint8_t *c = malloc(n + n / 64 + 16), *d = malloc(n + 16);
    size_t cn = compress(data, n, c);
    size_t dn = decompress(c, cn, d);
    printf("%-8s %7zu -> %7zu (%5.1f%%) adler %08x/%08x roundtrip %s\n", name, n, cn, 100.0 * cn / n,
           adler(c, cn), adler(data, n), dn == n && !memcmp(d, data, n) ? "ok" : "FAIL");
    free(c);
    free(d);
}

int main(void) {
    static uint8_t buf[120000];
    const char *words[] = { "the ", "emulator ", "runs ", "programs ", "quickly ", "and ", "compares ",
                            "output ", "bytes ", "exactly\n", "with ", "native " };
    size_t n = 0;
    uint32_t s = 7;
    while (n < 100000) {
        s = s * 1103515245u + 12345u;
        const char *w = words[(s >> 16) % 12];
        size_t l = strlen(w);
        memcpy(buf + n, w, l);
        n += l;
    }
    run("text", buf, n);
    for (size_t i = 0; i < 60000; i++) { s = s * 1103515245u + 12345u; buf[i] = (uint8_t)(s >> 24); }
    run("random", buf, 60000);
    memset(buf, 'z', 50000);
    run("zeros", buf, 50000);
    for (size_t i = 0; i < 80000; i++) buf[i] = (uint8_t)((i * i) >> 7 ^ i / 300);
    run("pattern", buf, 80000);
    run("tiny", (const uint8_t *)"abcabcabcabcab", 14);
    return 0;
}
