// Allocator stress: many mallocs, frees and reallocs of varied sizes, with
// content checks; large blocks (mmap-backed), calloc zeroing, posix_memalign.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define SLOTS 2048
static unsigned char *blk[SLOTS];
static size_t len[SLOTS];
static uint32_t rng = 2463534242u;

static uint32_t next(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static void fill(int i) { for (size_t k = 0; k < len[i]; k++) blk[i][k] = (unsigned char)(i * 31 + k); }
static int check(int i, size_t n) {
    for (size_t k = 0; k < n; k++) if (blk[i][k] != (unsigned char)(i * 31 + k)) return 0;
    return 1;
}

int main(void) {
    unsigned long ops = 0, bad = 0, total = 0;
    for (int round = 0; round < 20000; round++) {
        int i = next() % SLOTS;
        uint32_t r = next();
        if (!blk[i]) {
            size_t n = (r & 3) == 0 ? (r >> 8) % 4000 : (r >> 8) % 64 + 1;
            if ((r & 0xff) == 7) n = 200000 + (r >> 16);
            blk[i] = malloc(n);
            len[i] = n;
            fill(i);
            total += n;
        } else if ((r & 3) == 1) {
            size_t n = (r >> 4) % 3000;
            size_t keep = n < len[i] ? n : len[i];
            unsigned char *q = realloc(blk[i], n ? n : 1);
            if (!q) { printf("realloc failed\n"); return 1; }
            blk[i] = q;
            if (!check(i, keep)) bad++;
            len[i] = n;
            fill(i);
        } else {
            if (!check(i, len[i])) bad++;
            free(blk[i]);
            blk[i] = NULL;
        }
        ops++;
    }
    for (int i = 0; i < SLOTS; i++) {
        if (blk[i] && !check(i, len[i])) bad++;
        free(blk[i]);
    }
    printf("ops %lu bad %lu total %lu\n", ops, bad, total);

    /* calloc must zero even reused memory */
    for (int k = 0; k < 200; k++) {
        char *a = malloc(1000);
        memset(a, 0xAB, 1000);
        free(a);
        char *c = calloc(250, 4);
        for (int j = 0; j < 1000; j++) if (c[j]) { bad++; break; }
        free(c);
    }
    /* alignment */
    int misaligned = 0;
    for (int k = 0; k < 100; k++) {
        void *pa;
        size_t al = (size_t)16 << (k % 8);
        if (posix_memalign(&pa, al, 100 + k)) return 2;
        if ((uintptr_t)pa % al) misaligned++;
        free(pa);
        void *m = malloc(k + 1);
        if ((uintptr_t)m % 16) misaligned++;
        free(m);
    }
    /* a big block, touched sparsely */
    size_t big = 64u << 20;
    unsigned char *g = malloc(big);
    unsigned long s = 0;
    for (size_t k = 0; k < big; k += 4096) g[k] = (unsigned char)(k >> 12);
    for (size_t k = 0; k < big; k += 4096) s += g[k];
    g = realloc(g, big * 2);
    for (size_t k = 0; k < big; k += 4096) s += g[k];
    free(g);
    printf("calloc bad %lu misaligned %d big sum %lu\n", bad, misaligned, s);
    return 0;
}
