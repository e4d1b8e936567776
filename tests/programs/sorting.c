// Sorting algorithms over the same pseudo-random data: bubble, insertion,
// selection, shell, merge, heap, quick (Hoare), counting and radix sort.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define N 1500
static int orig[N], a[N], tmp[N];

static void bubble(int *v, int n) { for (int i = 0; i < n; i++) for (int j = 0; j + 1 < n - i; j++) if (v[j] > v[j + 1]) { int t = v[j]; v[j] = v[j + 1]; v[j + 1] = t; } }
static void insertion(int *v, int n) { for (int i = 1; i < n; i++) { int x = v[i], j = i; while (j > 0 && v[j - 1] > x) { v[j] = v[j - 1]; j--; } v[j] = x; } }
static void selection(int *v, int n) { for (int i = 0; i < n; i++) { int m = i; for (int j = i + 1; j < n; j++) if (v[j] < v[m]) m = j; int t = v[i]; v[i] = v[m]; v[m] = t; } }
static void shell(int *v, int n) {
    for (int gap = n / 2; gap; gap /= 2)
        for (int i = gap; i < n; i++) { int x = v[i], j = i; while (j >= gap && v[j - gap] > x) { v[j] = v[j - gap]; j -= gap; } v[j] = x; }
}
static void msort(int *v, int n) {
    if (n < 2) return;
    int h = n / 2;
    msort(v, h);
    msort(v + h, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}
static void sift(int *v, int i, int n) {
    for (;;) {
        int l = 2 * i + 1, m = i;
        if (l < n && v[l] > v[m]) m = l;
        if (l + 1 < n && v[l + 1] > v[m]) m = l + 1;
        if (m == i) return;
        int t = v[i]; v[i] = v[m]; v[m] = t;
        i = m;
    }
}
static void heap(int *v, int n) {
    for (int i = n / 2 - 1; i >= 0; i--) sift(v, i, n);
    for (int e = n - 1; e > 0; e--) { int t = v[0]; v[0] = v[e]; v[e] = t; sift(v, 0, e); }
}
static void quick(int *v, int lo, int hi) {
    if (lo >= hi) return;
    int p = v[lo + (hi - lo) / 2], i = lo - 1, j = hi + 1;
    for (;;) {
        do i++; while (v[i] < p);
        do j--; while (v[j] > p);
        if (i >= j) break;
        int t = v[i]; v[i] = v[j]; v[j] = t;
    }
    quick(v, lo, j);
    quick(v, j + 1, hi);
}
static void qs(int *v, int n) { quick(v, 0, n - 1); }
static void counting(int *v, int n) {
    static int cnt[100000];
    memset(cnt, 0, sizeof cnt);
    for (int i = 0; i < n; i++) cnt[v[i]]++;
    int k = 0;
    for (int x = 0; x < 100000; x++) while (cnt[x]--) v[k++] = x;
}
static void radix(int *v, int n) {
    for (int shift = 0; shift < 32; shift += 8) {
        int c[257] = { 0 };
        for (int i = 0; i < n; i++) c[((v[i] >> shift) & 255) + 1]++;
        for (int i = 0; i < 256; i++) c[i + 1] += c[i];
        for (int i = 0; i < n; i++) tmp[c[(v[i] >> shift) & 255]++] = v[i];
        memcpy(v, tmp, n * sizeof *v);
    }
}

int main(void) {
    struct { const char *name; void (*f)(int *, int); } algs[] = {
        { "bubble", bubble }, { "insertion", insertion }, { "selection", selection }, { "shell", shell },
        { "merge", msort }, { "heap", heap }, { "quick", qs }, { "counting", counting }, { "radix", radix },
    };
    uint32_t s = 99;
    for (int i = 0; i < N; i++) { s = s * 214013u + 2531011u; orig[i] = (s >> 16) % 100000; }
    for (unsigned k = 0; k < sizeof algs / sizeof algs[0]; k++) {
        for (int shape = 0; shape < 3; shape++) {
            memcpy(a, orig, sizeof a);
            if (shape == 1) { insertion(a, N); }                     /* already sorted */
            if (shape == 2) { insertion(a, N); for (int i = 0; i < N / 2; i++) { int t = a[i]; a[i] = a[N - 1 - i]; a[N - 1 - i] = t; } }
            int n = N;
            algs[k].f(a, n);
            int ok = 1;
            uint64_t h = 0;
            for (int i = 0; i < n; i++) { if (i && a[i - 1] > a[i]) ok = 0; h = h * 1000003 + (uint64_t)a[i]; }
            printf("%-9s shape %d sorted %d hash %016llx min %d max %d\n", algs[k].name, shape, ok, (unsigned long long)h, a[0], a[n - 1]);
        }
    }
    return 0;
}
