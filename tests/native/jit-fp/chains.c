/* Chains of SSE arithmetic in one block, as compiled code runs them: each kernel is a
   straight run of scalar and packed operations whose later operations use earlier
   results (the JIT skips the denormal test of operands it has already checked in the
   block, src/jit/sse.ts), run over a table of edge values: zeros, denormals, the
   smallest normals (and results that are exactly the smallest normal after rounding,
   which x86 flags as underflow), values whose sums and products overflow, are exact or
   inexact, infinities and NaNs. Each kernel runs under MXCSR = 0x1f80 (PE clear) and
   0x1fa0 (PE set), then with DAZ/FTZ and round-up (the region must leave for the
   interpreter). It prints one hash per kernel and MXCSR of all results and the MXCSR
   after each run, plus every line with argument v. The xblock kernel joins two paths
   into one block, one where a register was checked and one where it was replaced by an
   unchecked value: what is known about a register must not cross such a merge. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef double v2d __attribute__((vector_size(16)));
typedef float v4f __attribute__((vector_size(16)));

static int verbose;
static uint64_t h;
static void mix(uint64_t v) { for (int k = 0; k < 8; k++) { h ^= (v >> (8 * k)) & 0xff; h *= 0x100000001b3ULL; } }
static inline void setcsr(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v)); }
static inline uint32_t getcsr(void) { uint32_t v; __asm__ volatile("stmxcsr %0" : "=m"(v)); return v; }
static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double dbl(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static const uint64_t D[] = {
    0x0000000000000000ULL, 0x8000000000000000ULL, 0x3ff0000000000000ULL, 0xbff8000000000000ULL,
    0x3fb999999999999aULL, 0x400921fb54442d18ULL, 0x7fefffffffffffffULL, 0x0010000000000000ULL,
    0x0010000000000001ULL, 0x001fffffffffffffULL, 0x000fffffffffffffULL, 0x0000000000000001ULL,
    0x7ff0000000000000ULL, 0xfff0000000000000ULL, 0x7ff8000000000000ULL, 0x7ff4000000000001ULL,
    0x3fe0000000000000ULL, 0x3ca0000000000000ULL, 0x5fe0000000000000ULL, 0x1ff0000000000000ULL,
    0x2000000000000000ULL, 0x3ff0000000000001ULL, 0x4340000000000000ULL, 0xc1e0000000000000ULL,
    0x3fefffffffffffffULL, 0x0020000000000000ULL, 0x1ff8000000000000ULL, 0x200fffffffffffffULL,
};
#define ND (int)(sizeof D / sizeof D[0])

/* scalar: r = ((a - b) * (a - b) + a * b) / b, then sqrt; the temporaries are reused */
static __attribute__((noinline)) void k_scalar(double a, double b, double *out) {
    double r0, r1, r2;
    __asm__ volatile(
        "movapd %3, %0\n"
        "subsd %4, %0\n"      /* a - b */
        "movapd %0, %1\n"
        "mulsd %0, %1\n"      /* (a-b)^2, operand known */
        "movapd %3, %2\n"
        "mulsd %4, %2\n"      /* a*b */
        "addsd %2, %1\n"
        "divsd %4, %1\n"
        "sqrtsd %1, %2\n"
        "minsd %1, %2\n"
        "maxsd %0, %2\n"
        : "=&x"(r0), "=&x"(r1), "=&x"(r2) : "x"(a), "x"(b));
    out[0] = r0; out[1] = r1; out[2] = r2;
}

/* packed: lanes (a, b) and (b, a) through add, mul, sub, div, sqrt */
static __attribute__((noinline)) void k_packed(double a, double b, double *out) {
    v2d x = { a, b }, y = { b, a }, r0, r1;
    __asm__ volatile(
        "movapd %2, %0\n"
        "addpd %3, %0\n"
        "movapd %0, %1\n"
        "mulpd %2, %1\n"
        "subpd %3, %1\n"
        "divpd %0, %1\n"
        "sqrtpd %1, %0\n"
        "mulpd %1, %0\n"
        : "=&x"(r0), "=&x"(r1) : "x"(x), "x"(y));
    memcpy(out, &r0, 16); memcpy(out + 2, &r1, 16);
}

/* a product chain that stays exact while the operands have few significant bits (matmul-like) */
static __attribute__((noinline)) void k_exact(double a, double b, double *out) {
    double acc = 0.0;
    __asm__ volatile(
        "movapd %1, %%xmm6\n"
        "mulsd %2, %%xmm6\n"
        "addsd %%xmm6, %0\n"
        "movapd %2, %%xmm6\n"
        "mulsd %2, %%xmm6\n"
        "addsd %%xmm6, %0\n"
        "subsd %1, %0\n"
        : "+x"(acc) : "x"(a), "x"(b) : "xmm6");
    out[0] = acc;
}

/* single precision, scalar and packed */
static __attribute__((noinline)) void k_float(float a, float b, float *out) {
    v4f x = { a, b, a, b }, y = { b, a, a, b }, r0;
    float s0, s1;
    __asm__ volatile(
        "movaps %3, %0\n"
        "mulps %4, %0\n"
        "addps %4, %0\n"
        "movss %5, %1\n"
        "addss %6, %1\n"
        "movss %1, %2\n"
        "mulss %6, %2\n"
        "divss %5, %2\n"
        : "=&x"(r0), "=&x"(s0), "=&x"(s1) : "x"(x), "x"(y), "x"(a), "x"(b));
    memcpy(out, &r0, 16); out[4] = s0; out[5] = s1;
}

/* across blocks: xmm0 is checked in the first block, but the second block is also
   reached with xmm0 replaced by an unchecked value (a denormal must still raise DE) */
static __attribute__((noinline)) void k_xblock(double a, double b, double c, long sel, double *out) {
    double r0, r1;
    __asm__ volatile(
        "movapd %2, %0\n"
        "mulsd %3, %0\n"
        "test %5, %5\n"
        "jz 1f\n"
        "movapd %4, %0\n"
        "jmp 1f\n" /* the decoder's blocks run on through labels: end this one */
        "1:\n"
        "movapd %2, %1\n"
        "addsd %0, %1\n"
        "sqrtsd %0, %0\n"
        : "=&x"(r0), "=&x"(r1) : "x"(a), "x"(b), "x"(c), "r"(sel));
    out[0] = r0; out[1] = r1;
}

static void report(const char *name, uint32_t csr) {
    printf("%s csr %04x hash %016llx\n", name, csr, (unsigned long long)h);
}

int main(int argc, char **argv) {
    verbose = argc > 1 && argv[1][0] == 'v';
    static const uint32_t CSR[] = { 0x1f80, 0x1fa0, 0x9fc0, 0x5f80 };
    for (int c = 0; c < 4; c++) {
        const char *names[] = { "scalar", "packed", "exact", "float", "xblock" };
        for (int kern = 0; kern < 5; kern++) {
            h = 0xcbf29ce484222325ULL;
            /* repeat so that the kernels are compiled at the default threshold */
            for (int rep = 0; rep < 3; rep++)
                for (int i = 0; i < ND; i++)
                    for (int j = 0; j < ND; j++) {
                        double a = dbl(D[i]), b = dbl(D[j]), o[4] = { 0, 0, 0, 0 };
                        float fo[6] = { 0, 0, 0, 0, 0, 0 };
                        if (kern == 2) { a = (double)((i * 7) % 17) / 8.0 - 1.0; b = (double)((j * 5) % 13) / 4.0 - 1.5; if (i == j) b = dbl(D[j]); }
                        setcsr(CSR[c]);
                        switch (kern) {
                        case 0: k_scalar(a, b, o); break;
                        case 1: k_packed(a, b, o); break;
                        case 2: k_exact(a, b, o); break;
                        case 4: k_xblock(a, b, dbl(D[(i + 3 * j) % ND]), (i + j + rep) & 1, o); break;
                        default: k_float((float)a, (float)b, fo); break;
                        }
                        uint32_t after = getcsr();
                        setcsr(0x1f80);
                        if (kern == 3) for (int k = 0; k < 6; k++) mix(fbits(fo[k]));
                        else for (int k = 0; k < 4; k++) mix(bits(o[k]));
                        mix(after);
                        if (verbose && rep == 0)
                            printf("%s %04x %016llx %016llx -> %016llx %016llx %016llx %016llx %08x %08x mxcsr %04x\n",
                                   names[kern], CSR[c], (unsigned long long)bits(a), (unsigned long long)bits(b),
                                   (unsigned long long)bits(o[0]), (unsigned long long)bits(o[1]),
                                   (unsigned long long)bits(o[2]), (unsigned long long)bits(o[3]),
                                   fbits(fo[0]), fbits(fo[5]), after);
                    }
            report(names[kern], CSR[c]);
        }
    }
    return 0;
}
