// sscanf and friends: integers in several bases, floats, strings, scansets,
// %n, assignment suppression, width limits, and the return counts.
#include <stdio.h>
#include <string.h>

int main(void) {
    int a = -1, b = -1, n = -1;
    unsigned u = 0;
    long l = 0;
    double d = 0;
    float f = 0;
    char s[32] = "", t[32] = "";
    int r;
    r = sscanf("42 -17", "%d %d", &a, &b); printf("r=%d a=%d b=%d\n", r, a, b);
    r = sscanf("0x1F 017 10", "%i %i %x", &a, &b, &u); printf("r=%d a=%d b=%d u=%u\n", r, a, b, u);
    r = sscanf("3.25e2 -0.5", "%lf %f", &d, &f); printf("r=%d d=%g f=%g\n", r, d, (double)f);
    r = sscanf("key=value;rest", "%31[^=]=%31[^;]", s, t); printf("r=%d s=%s t=%s\n", r, s, t);
    r = sscanf("abc123def", "%[a-z]%d%n", s, &a, &n); printf("r=%d s=%s a=%d n=%d\n", r, s, a, n);
    r = sscanf("12345678", "%3d%2d%ld", &a, &b, &l); printf("r=%d a=%d b=%d l=%ld\n", r, a, b, l);
    r = sscanf("skip 99", "%*s %d", &a); printf("r=%d a=%d\n", r, a);
    r = sscanf("", "%d", &a); printf("empty r=%d\n", r);
    r = sscanf("xyz", "%d", &a); printf("mismatch r=%d\n", r);
    r = sscanf("  7  ,  8", "%d , %d", &a, &b); printf("r=%d a=%d b=%d\n", r, a, b);
    r = sscanf("100%", "%d%%", &a); printf("r=%d a=%d\n", r, a);
    r = sscanf("nan inf", "%lf %f", &d, &f); printf("r=%d d=%g f=%g\n", r, d, (double)f);
    r = sscanf("0x1.8p1", "%lf", &d); printf("r=%d d=%g\n", r, d);
    r = sscanf("-2147483648 4294967295", "%d %u", &a, &u); printf("r=%d a=%d u=%u\n", r, a, u);
    char c1, c2, c3;
    r = sscanf("a b", "%c%c%c", &c1, &c2, &c3); printf("r=%d [%c%c%c]\n", r, c1, c2, c3);
    long long ll; unsigned long long ull; short sh; signed char hh;
    r = sscanf("-9223372036854775807 18446744073709551615 -300 200", "%lld %llu %hd %hhd", &ll, &ull, &sh, &hh);
    printf("r=%d %lld %llu %hd %hhd\n", r, ll, ull, sh, hh);
    /* parse a CSV-like table */
    const char *rows[] = { "alice,30,1.75", "bob,25,1.80", "carol,41,1.62", "bad,row", "dave,xx,1.9" };
    double total = 0;
    for (int i = 0; i < 5; i++) {
        char name[16];
        int age;
        double h;
        r = sscanf(rows[i], "%15[^,],%d,%lf", name, &age, &h);
        printf("row %d: r=%d", i, r);
        if (r == 3) { printf(" %s %d %.2f", name, age, h); total += age * h; }
        printf("\n");
    }
    printf("total %.4f\n", total);
    return 0;
}
