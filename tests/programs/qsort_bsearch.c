// qsort and bsearch over ints, doubles, strings and structs (stable via tie-break).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; int id; char name[12]; };

static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_dbl(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_rec(const void *a, const void *b) {
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->id - y->id;
}

int main(void) {
    enum { N = 10000 };
    static int ia[N];
    static double da[N];
    static struct rec ra[N];
    static char sbuf[N][12];
    static char *sa[N];
    unsigned s = 1;
    for (int i = 0; i < N; i++) {
        s = s * 1664525u + 1013904223u;
        ia[i] = (int)(s >> 3) % 50000 - 25000;
        da[i] = (double)(s >> 1) / 7.0 - 1e8;
        ra[i].key = (s >> 20) % 100;
        ra[i].id = i;
        snprintf(ra[i].name, sizeof ra[i].name, "r%d", i);
        snprintf(sbuf[i], 12, "%08x", s ^ (s >> 13));
        sa[i] = sbuf[i];
    }
    qsort(ia, N, sizeof ia[0], cmp_int);
    qsort(da, N, sizeof da[0], cmp_dbl);
    qsort(sa, N, sizeof sa[0], cmp_str);
    qsort(ra, N, sizeof ra[0], cmp_rec);
    printf("ints %d %d %d %d\n", ia[0], ia[1], ia[N / 2], ia[N - 1]);
    printf("dbls %.3f %.3f %.3f\n", da[0], da[N / 2], da[N - 1]);
    printf("strs %s %s %s\n", sa[0], sa[N / 2], sa[N - 1]);
    printf("recs %d/%d %d/%d %d/%d\n", ra[0].key, ra[0].id, ra[N / 2].key, ra[N / 2].id, ra[N - 1].key, ra[N - 1].id);
    int ok = 1;
    for (int i = 1; i < N; i++) if (ia[i - 1] > ia[i] || da[i - 1] > da[i] || strcmp(sa[i - 1], sa[i]) > 0) ok = 0;
    printf("sorted %d\n", ok);
    int hits = 0; long where = 0;
    for (int k = -25000; k < 25000; k += 7) {
        int *p = bsearch(&k, ia, N, sizeof ia[0], cmp_int);
        if (p) { hits++; where += *p == k; }
    }
    printf("bsearch hits %d consistent %ld\n", hits, where);
    char *key = sa[1234];
    char **found = bsearch(&key, sa, N, sizeof sa[0], cmp_str);
    printf("str found at %ld\n", found ? (long)(found - sa) : -1L);
    char *missing = "zzzzzzzzz";
    printf("missing %s\n", bsearch(&missing, sa, N, sizeof sa[0], cmp_str) ? "found" : "absent");
    /* sort a small array of every permutation-ish shape */
    int small[7];
    long check = 0;
    for (int perm = 0; perm < 5040; perm++) {
        int x = perm;
        for (int i = 0; i < 7; i++) { small[i] = x % (7 - i) * 10 + i; x /= 7 - i; }
        qsort(small, 7, sizeof small[0], cmp_int);
        for (int i = 0; i < 7; i++) check = check * 3 + small[i];
        check %= 1000000007;
    }
    printf("perm check %ld\n", check);
    return 0;
}
