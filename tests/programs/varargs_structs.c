// Varargs and struct passing/return by value: small and large structs, mixed
// float/int classes, long double and struct arguments through va_list.
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

struct small { int a; char b; };                       /* INTEGER, 8 bytes */
struct pairf { float x, y; };                          /* SSE, 8 bytes */
struct mixed { double d; long l; };                    /* SSE + INTEGER */
struct mixed2 { int i; float f; double d; };           /* INTEGER + SSE */
struct twod { double x, y; };                          /* SSE + SSE */
struct big { long v[5]; char name[16]; };              /* MEMORY */
struct withld { long double ld; int tag; };            /* MEMORY (x87) */

__attribute__((noinline)) static struct small mk_small(int a, char b) { struct small s = { a, b }; return s; }
__attribute__((noinline)) static struct pairf mk_pairf(float x, float y) { struct pairf p = { x * 2, y / 2 }; return p; }
__attribute__((noinline)) static struct mixed mk_mixed(struct mixed m) { m.d *= -1.5; m.l += 100; return m; }
__attribute__((noinline)) static struct mixed2 mk_mixed2(struct mixed2 m, int k) { m.i += k; m.f *= k; m.d /= k; return m; }
__attribute__((noinline)) static struct twod add2(struct twod a, struct twod b) { struct twod r = { a.x + b.x, a.y + b.y }; return r; }
__attribute__((noinline)) static struct big mk_big(struct big b, int k) {
    for (int i = 0; i < 5; i++) b.v[i] = b.v[i] * k + i;
    b.name[0] = 'A' + k;
    return b;
}
__attribute__((noinline)) static struct withld mk_ld(struct withld w) { w.ld = w.ld * 3 + 0.25L; w.tag++; return w; }

/* many arguments: more than fit in registers, mixed classes */
__attribute__((noinline)) static double many(int a, double b, int c, double d, int e, double f, int g,
                                              double h, int i, double j, int k, double l, int m, double n,
                                              int o, double p, int q, double r, struct twod s, struct small t,
                                              struct big u) {
    return a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q + r + s.x + s.y + t.a + t.b
           + u.v[0] + u.v[4];
}

static double vsum(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    double total = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': total += va_arg(ap, int); break;
        case 'l': total += (double)va_arg(ap, long long); break;
        case 'd': total += va_arg(ap, double); break;
        case 'L': total += (double)va_arg(ap, long double); break;
        case 's': total += strlen(va_arg(ap, const char *)); break;
        case 'T': { struct twod t = va_arg(ap, struct twod); total += t.x * t.y; break; }
        case 'B': { struct big b = va_arg(ap, struct big); total += b.v[2] + strlen(b.name); break; }
        case 'M': { struct mixed m = va_arg(ap, struct mixed); total += m.d - m.l; break; }
        }
    }
    va_end(ap);
    return total;
}

static void vlog(const char *fmt, ...) {
    char buf[256];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    printf("[%d] %s | ", n, buf);
    vprintf(fmt, ap2);
    va_end(ap2);
    putchar('\n');
}

int main(void) {
    struct small s = mk_small(-7, 'z');
    printf("small %d %c\n", s.a, s.b);
    struct pairf pf = mk_pairf(1.25f, 9.5f);
    printf("pairf %g %g\n", pf.x, pf.y);
    struct mixed m = mk_mixed((struct mixed){ 2.5, 40 });
    printf("mixed %g %ld\n", m.d, m.l);
    struct mixed2 m2 = mk_mixed2((struct mixed2){ 5, 1.5f, 10.0 }, 4);
    printf("mixed2 %d %g %g\n", m2.i, m2.f, m2.d);
    struct twod t = add2((struct twod){ 1, 2 }, (struct twod){ 0.5, -4 });
    printf("twod %g %g\n", t.x, t.y);
    struct big b = { { 1, 2, 3, 4, 5 }, "bigstruct" };
    struct big b2 = mk_big(b, 3);
    printf("big %ld %ld %ld %ld %ld %s | orig %ld %s\n", b2.v[0], b2.v[1], b2.v[2], b2.v[3], b2.v[4],
           b2.name, b.v[4], b.name);
    struct withld w = mk_ld((struct withld){ 1.0L / 3, 9 });
    printf("withld %.25Lg %d\n", w.ld, w.tag);
    printf("many %.17g\n", many(1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5,
                                t, s, b2));
    printf("vsum %.17g\n", vsum("idlLsTBMid", 3, 0.25, 1234567890123LL, 2.5L, "hello", t, b2, m, -4, 1e10));
    printf("vsum2 %.17g\n", vsum("dddddddddddiiiiiiiiiiii", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0,
                                 11.0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    vlog("%s=%d %5.2f %c %lx %Lg", "x", 42, 3.14159, 'q', 0xdeadbeefUL, 2.0L / 7);
    vlog("%10s|%-10s|%05d|%+.3e", "right", "left", -42, 12345.6789);
    return 0;
}
