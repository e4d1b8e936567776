/* SSE/SSE2 floating point in compiled code: every scalar and packed arithmetic form,
   comparisons into EFLAGS, conversions and moves, over edge values (zeros, denormals,
   the smallest normals, values that overflow or underflow, infinities, quiet and
   signalling NaNs with payloads) under several MXCSR settings (nearest with PE clear
   and set, the directed modes, DAZ+FTZ). For each operation and MXCSR setting the
   program prints a hash of every result's bits and of MXCSR after each operation
   (argv[1] = "v" prints every line instead). Run natively and under
   x64vm --jit-threshold=0: the outputs must be equal. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int verbose;
static uint64_t h;
static unsigned long nlines;

static void mix(uint64_t v) { for (int k = 0; k < 8; k++) { h ^= (v >> (8 * k)) & 0xff; h *= 0x100000001b3ULL; } }

static inline void setcsr(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v)); }
static inline uint32_t getcsr(void) { uint32_t v; __asm__ volatile("stmxcsr %0" : "=m"(v)); return v; }

static void out(const char *op, uint64_t a, uint64_t b, uint64_t r0, uint64_t r1, uint32_t csr) {
    mix(r0); mix(r1); mix(csr); nlines++;
    if (verbose) printf("%s %016llx %016llx -> %016llx %016llx mxcsr %04x\n", op,
                        (unsigned long long)a, (unsigned long long)b, (unsigned long long)r0, (unsigned long long)r1, csr);
}

static const uint64_t D[] = {
    0x0000000000000000ULL, 0x8000000000000000ULL, 0x3ff0000000000000ULL, 0xbff0000000000000ULL,
    0x3ff8000000000000ULL, 0x4008000000000000ULL, 0x3fb999999999999aULL, 0x400921fb54442d18ULL,
    0x7fefffffffffffffULL, 0xffefffffffffffffULL, 0x0010000000000000ULL, 0x0018000000000000ULL,
    0x0000000000000001ULL, 0x800fffffffffffffULL, 0x7ff0000000000000ULL, 0xfff0000000000000ULL,
    0x7ff8000000000000ULL, 0xfff8000000000123ULL, 0x7ff0000000000456ULL, 0x4340000000000000ULL,
    0x43e0000000000000ULL, 0xc1e0000000000000ULL, 0x41dfffffffc00000ULL, 0x3e50000000000000ULL,
    0x1ff0000000000001ULL, 0x5fe0000000000003ULL, 0x4024000000000000ULL, 0xc09f400000000000ULL,
    0x4010000000000000ULL, 0x4002000000000000ULL, 0x3fd0000000000000ULL,
};
#define ND (sizeof D / sizeof D[0])
static const uint32_t F[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40400000, 0x3dcccccd, 0x40490fdb,
    0x7f7fffff, 0xff7fffff, 0x00800000, 0x00c00000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00123, 0x7f800456, 0x4b800000, 0x5f000000, 0xcf000000, 0x4effffff, 0x33800000,
    0x1f800001, 0x5f000003, 0x41200000, 0xc4fa0000, 0x40800000, 0x40100000, 0x3e800000,
};
#define NF (sizeof F / sizeof F[0])

static const uint32_t MODES[] = { 0x1f80, 0x1fa0, 0x3fa0, 0x5fa0, 0x7fa0, 0x9fc0, 0x1f80 | 0x3f };
#define NM (sizeof MODES / sizeof MODES[0])

static double dv(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static uint64_t db(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static float fv(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t fb(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

typedef struct { double lo, hi; } v2d;

/* scalar double, register and memory source */
/* Each operation is in a function of its own: a call starts a new block, so under
   --jit-threshold=0 the operation runs in a compiled region entered with the MXCSR
   value set just before (ldmxcsr itself is interpreted). */
#define NI static __attribute__((noinline))
#define SD(NAME)                                                                          \
    NI double k_##NAME##_r(double a, double b) { __asm__ volatile(#NAME " %1, %0" : "+x"(a) : "x"(b)); return a; } \
    NI double k_##NAME##_m(double a, const double *b) { __asm__ volatile(#NAME " %1, %0" : "+x"(a) : "m"(*b)); return a; } \
    static void t_##NAME(uint32_t m) {                                                    \
        for (unsigned i = 0; i < ND; i++)                                                 \
            for (unsigned j = 0; j < ND; j++) {                                           \
                double a = dv(D[i]), b = dv(D[j]), r, s;                                  \
                setcsr(m);                                                                \
                r = k_##NAME##_r(a, b);                                                   \
                uint32_t c1 = getcsr();                                                   \
                setcsr(m);                                                                \
                s = k_##NAME##_m(a, &b);                                                  \
                out(#NAME, D[i], D[j], db(r), db(s), c1 << 16 | getcsr());                \
            }                                                                             \
    }
SD(addsd) SD(subsd) SD(mulsd) SD(divsd) SD(sqrtsd) SD(minsd) SD(maxsd)

#define SS(NAME)                                                                          \
    NI float k_##NAME##_r(float a, float b) { __asm__ volatile(#NAME " %1, %0" : "+x"(a) : "x"(b)); return a; } \
    NI float k_##NAME##_m(float a, const float *b) { __asm__ volatile(#NAME " %1, %0" : "+x"(a) : "m"(*b)); return a; } \
    static void t_##NAME(uint32_t m) {                                                    \
        for (unsigned i = 0; i < NF; i++)                                                 \
            for (unsigned j = 0; j < NF; j++) {                                           \
                float a = fv(F[i]), b = fv(F[j]), r, s;                                   \
                setcsr(m);                                                                \
                r = k_##NAME##_r(a, b);                                                   \
                uint32_t c1 = getcsr();                                                   \
                setcsr(m);                                                                \
                s = k_##NAME##_m(a, &b);                                                  \
                out(#NAME, F[i], F[j], fb(r), fb(s), c1 << 16 | getcsr());                \
            }                                                                             \
    }
SS(addss) SS(subss) SS(mulss) SS(divss) SS(sqrtss) SS(minss) SS(maxss)

/* packed double: lanes (D[i], D[j]) op (D[j], D[k]) */
#define PD(NAME)                                                                          \
    NI void k_##NAME(v2d *r, const v2d *x, const v2d *y) {                                \
        __asm__ volatile("movapd %1, %%xmm1\n\t" #NAME " %2, %%xmm1\n\tmovupd %%xmm1, %0" \
                         : "=m"(*r) : "m"(*x), "m"(*y) : "xmm1");                        \
    }                                                                                     \
    static void t_##NAME(uint32_t m) {                                                    \
        static v2d x __attribute__((aligned(16))), y __attribute__((aligned(16)));        \
        for (unsigned i = 0; i < ND; i++)                                                 \
            for (unsigned j = 0; j < ND; j++) {                                           \
                x.lo = dv(D[i]); x.hi = dv(D[j]); y.lo = dv(D[j]); y.hi = dv(D[(i + j) % ND]); \
                v2d r;                                                                    \
                setcsr(m);                                                                \
                k_##NAME(&r, &x, &y);                                                     \
                uint32_t c1 = getcsr();                                                   \
                out(#NAME, D[i], D[j], db(r.lo), db(r.hi), c1);                           \
            }                                                                             \
    }
PD(addpd) PD(subpd) PD(mulpd) PD(divpd) PD(sqrtpd) PD(minpd) PD(maxpd)
PD(andpd) PD(andnpd) PD(orpd) PD(xorpd) PD(unpcklpd) PD(unpckhpd)

#define PS(NAME)                                                                          \
    NI void k_##NAME(uint32_t *r, const float *x, const float *y) {                       \
        __asm__ volatile("movaps (%1), %%xmm2\n\t" #NAME " (%2), %%xmm2\n\tmovups %%xmm2, (%0)" \
                         : : "r"(r), "r"(x), "r"(y) : "xmm2", "memory");                  \
    }                                                                                     \
    static void t_##NAME(uint32_t m) {                                                    \
        static float x[4] __attribute__((aligned(16))), y[4] __attribute__((aligned(16))); \
        for (unsigned i = 0; i < NF; i++)                                                 \
            for (unsigned j = 0; j < NF; j++) {                                           \
                x[0] = fv(F[i]); x[1] = fv(F[j]); x[2] = fv(F[(i + 3) % NF]); x[3] = fv(F[(j + 5) % NF]); \
                y[0] = fv(F[j]); y[1] = fv(F[i]); y[2] = fv(F[(i * j) % NF]); y[3] = fv(F[(i + j) % NF]); \
                uint32_t r[4];                                                            \
                setcsr(m);                                                                \
                k_##NAME(r, x, y);                                                        \
                uint32_t c1 = getcsr();                                                   \
                out(#NAME, F[i], F[j], (uint64_t)r[1] << 32 | r[0], (uint64_t)r[3] << 32 | r[2], c1); \
            }                                                                             \
    }
PS(addps) PS(subps) PS(mulps) PS(divps) PS(sqrtps) PS(minps) PS(maxps)
PS(andps) PS(andnps) PS(orps) PS(xorps) PS(unpcklps) PS(unpckhps)

/* comparisons into EFLAGS: ZF PF CF (and OF SF AF, which they clear) */
#define CMP(NAME, T, TAB, N, CV)                                                          \
    NI uint64_t k_##NAME##_j(T a, T b) {                                                  \
        unsigned char ja, jp, jb;                                                         \
        __asm__ volatile("cmp %%eax, %%eax\n\t" #NAME " %4, %3\n\tseta %0\n\tsetp %1\n\tsetb %2" \
                         : "=q"(ja), "=q"(jp), "=q"(jb) : "x"(a), "x"(b) : "cc", "eax");  \
        return (uint64_t)ja << 40 | (uint64_t)jp << 36 | (uint64_t)jb << 32;              \
    }                                                                                     \
    NI uint64_t k_##NAME##_f(T a, const T *b) {                                           \
        uint64_t fl;                                                                      \
        __asm__ volatile(#NAME " %2, %1\n\tpushfq\n\tpopq %0" : "=r"(fl) : "x"(a), "m"(*b) : "cc"); \
        return fl;                                                                        \
    }                                                                                     \
    static void t_##NAME(uint32_t m) {                                                    \
        for (unsigned i = 0; i < N; i++)                                                  \
            for (unsigned j = 0; j < N; j++) {                                            \
                T a = CV(TAB[i]), b = CV(TAB[j]);                                         \
                uint64_t fl, fl2;                                                         \
                setcsr(m);                                                                \
                fl2 = k_##NAME##_j(a, b);                                                 \
                setcsr(m);                                                                \
                fl = k_##NAME##_f(a, &b);                                                 \
                out(#NAME, TAB[i], TAB[j], fl & 0x8d5, fl2, getcsr());                    \
            }                                                                             \
    }
CMP(ucomisd, double, D, ND, dv) CMP(comisd, double, D, ND, dv)
CMP(ucomiss, float, F, NF, fv) CMP(comiss, float, F, NF, fv)

/* predicate compares: scalar results are all-ones/zero masks, packed likewise per lane */
#define CMPS(P)                                                                            \
    NI double k_cmpsd##P(double a, double b) { __asm__ volatile("cmpsd %2, %1, %0" : "+x"(a) : "x"(b), "i"(P)); return a; } \
    NI float k_cmpss##P(float a, const float *b) { __asm__ volatile("cmpss %2, %1, %0" : "+x"(a) : "m"(*b), "i"(P)); return a; } \
    NI void k_cmppd##P(v2d *r, const v2d *x, const v2d *y) {                              \
        __asm__ volatile("movapd %1, %%xmm1\n\tcmppd %3, %2, %%xmm1\n\tmovupd %%xmm1, %0" \
                         : "=m"(*r) : "m"(*x), "m"(*y), "i"(P) : "xmm1");                 \
    }                                                                                     \
    NI void k_cmpps##P(uint32_t *r, const float *x, const float *y) {                     \
        __asm__ volatile("movaps (%1), %%xmm2\n\tcmpps %3, (%2), %%xmm2\n\tmovups %%xmm2, (%0)" \
                         : : "r"(r), "r"(x), "r"(y), "i"(P) : "xmm2", "memory");          \
    }
CMPS(0) CMPS(1) CMPS(2) CMPS(3) CMPS(4) CMPS(5) CMPS(6) CMPS(7)
static double (*const CMPSD[8])(double, double) = { k_cmpsd0, k_cmpsd1, k_cmpsd2, k_cmpsd3, k_cmpsd4, k_cmpsd5, k_cmpsd6, k_cmpsd7 };
static float (*const CMPSS[8])(float, const float *) = { k_cmpss0, k_cmpss1, k_cmpss2, k_cmpss3, k_cmpss4, k_cmpss5, k_cmpss6, k_cmpss7 };
static void (*const CMPPD[8])(v2d *, const v2d *, const v2d *) = { k_cmppd0, k_cmppd1, k_cmppd2, k_cmppd3, k_cmppd4, k_cmppd5, k_cmppd6, k_cmppd7 };
static void (*const CMPPS[8])(uint32_t *, const float *, const float *) = { k_cmpps0, k_cmpps1, k_cmpps2, k_cmpps3, k_cmpps4, k_cmpps5, k_cmpps6, k_cmpps7 };

static void t_cmppred(uint32_t m) {
    static v2d x __attribute__((aligned(16))), y __attribute__((aligned(16)));
    static float xs[4] __attribute__((aligned(16))), ys[4] __attribute__((aligned(16)));
    for (int p = 0; p < 8; p++)
        for (unsigned i = 0; i < ND; i++)
            for (unsigned j = 0; j < ND; j++) {
                setcsr(m);
                double r = CMPSD[p](dv(D[i]), dv(D[j]));
                uint32_t c1 = getcsr();
                float b = fv(F[j]);
                setcsr(m);
                float q = CMPSS[p](fv(F[i]), &b);
                out("cmps", D[i], D[j], db(r), fb(q), c1 << 16 | getcsr());
                x.lo = dv(D[i]); x.hi = dv(D[j]); y.lo = dv(D[j]); y.hi = dv(D[(i + 1) % ND]);
                v2d rv;
                setcsr(m);
                CMPPD[p](&rv, &x, &y);
                c1 = getcsr();
                xs[0] = fv(F[i]); xs[1] = fv(F[j]); xs[2] = 1; xs[3] = fv(F[(i + j) % NF]);
                ys[0] = fv(F[j]); ys[1] = fv(F[i]); ys[2] = 2; ys[3] = fv(F[(i * 3) % NF]);
                uint32_t rs[4];
                setcsr(m);
                CMPPS[p](rs, xs, ys);
                out("cmpp", db(rv.lo), db(rv.hi), (uint64_t)rs[1] << 32 | rs[0], (uint64_t)rs[3] << 32 | rs[2], c1 << 16 | getcsr());
            }
}

/* sign masks and integer conversions of packed values */
NI uint64_t k_movmsk(const v2d *x) {
    uint32_t a, b;
    __asm__ volatile("movapd %2, %%xmm5\n\tmovmskpd %%xmm5, %0\n\tmovmskps %%xmm5, %1" : "=r"(a), "=r"(b) : "m"(*x) : "xmm5");
    return (uint64_t)a << 32 | b;
}
NI void k_cvtdq(v2d *r, v2d *s, const int32_t *x) {
    __asm__ volatile("cvtdq2pd %2, %%xmm6\n\tmovupd %%xmm6, %0\n\tcvtdq2ps (%3), %%xmm6\n\tmovups %%xmm6, %1"
                     : "=m"(*r), "=m"(*s) : "m"(*(const uint64_t *)x), "r"(x) : "xmm6", "memory");
}
static void t_pcvt(uint32_t m) {
    static v2d x __attribute__((aligned(16)));
    static int32_t v[4] __attribute__((aligned(16)));
    static const int32_t I[] = { 0, 1, -1, 16777217, -16777217, 2147483647, -2147483647 - 1, 123456789, 33554435, 7 };
    for (unsigned i = 0; i < ND; i++) {
        x.lo = dv(D[i]); x.hi = dv(D[(i + 5) % ND]);
        out("movmsk", D[i], 0, k_movmsk(&x), 0, 0);
    }
    for (unsigned i = 0; i < 10; i++)
        for (unsigned j = 0; j < 10; j++) {
            v[0] = I[i]; v[1] = I[j]; v[2] = I[(i + j) % 10]; v[3] = I[(i * j) % 10];
            v2d r, s;
            setcsr(m);
            k_cvtdq(&r, &s, v);
            out("cvtdq", I[i], I[j], db(r.lo) ^ db(r.hi), db(s.lo) ^ ((uint64_t)db(s.hi) << 1), getcsr());
        }
}

/* conversions */
#define CV(NAME, INSN, TI, TO, CI, CO)                                                    \
    NI TO k_##NAME(TI a) { TO r = 0; __asm__ volatile(INSN " %1, %0" : "+" CO(r) : CI(a)); return r; }
CV(cvttsd2si32, "cvttsd2si", double, int32_t, "x", "r") CV(cvttsd2si64, "cvttsd2si", double, int64_t, "m", "r")
CV(cvtsd2si32, "cvtsd2si", double, int32_t, "m", "r") CV(cvtsd2si64, "cvtsd2si", double, int64_t, "x", "r")
CV(cvtsd2ss, "cvtsd2ss", double, float, "x", "x") CV(cvttss2si32, "cvttss2si", float, int32_t, "x", "r")
CV(cvtss2si64, "cvtss2si", float, int64_t, "m", "r") CV(cvtss2sd, "cvtss2sd", float, double, "x", "x")
CV(cvtsi2sdq, "cvtsi2sdq", int64_t, double, "r", "x") CV(cvtsi2sdl, "cvtsi2sdl", int32_t, double, "m", "x")
CV(cvtsi2ssq, "cvtsi2ssq", int64_t, float, "r", "x") CV(cvtsi2ssl, "cvtsi2ssl", int32_t, float, "r", "x")

static void t_cvt(uint32_t m) {
    for (unsigned i = 0; i < ND; i++) {
        double a = dv(D[i]), b = a * 0.5 + 0.25; /* fractions near .5 */
        setcsr(m); out("cvttsd2si32", D[i], 0, (uint32_t)k_cvttsd2si32(a), 0, getcsr());
        setcsr(m); out("cvttsd2si64", D[i], 0, k_cvttsd2si64(a), 0, getcsr());
        setcsr(m); out("cvtsd2si32", D[i], 0, (uint32_t)k_cvtsd2si32(a), 0, getcsr());
        setcsr(m); out("cvtsd2si64", D[i], 0, k_cvtsd2si64(a), 0, getcsr());
        setcsr(m); out("cvtsd2ss", D[i], 0, fb(k_cvtsd2ss(a)), 0, getcsr());
        setcsr(m); out("cvtsd2si64h", D[i], 0, k_cvtsd2si64(b), 0, getcsr());
        setcsr(m); out("cvttsd2si32h", D[i], 0, (uint32_t)k_cvttsd2si32(b), 0, getcsr());
    }
    for (unsigned i = 0; i < NF; i++) {
        float a = fv(F[i]);
        setcsr(m); out("cvttss2si32", F[i], 0, (uint32_t)k_cvttss2si32(a), 0, getcsr());
        setcsr(m); out("cvtss2si64", F[i], 0, k_cvtss2si64(a), 0, getcsr());
        setcsr(m); out("cvtss2sd", F[i], 0, db(k_cvtss2sd(a)), 0, getcsr());
    }
    static const int64_t I[] = { 0, 1, -1, 3, 16777217, -16777217, 2147483647, -2147483647 - 1, 9007199254740993LL,
                                 -9007199254740993LL, 9223372036854775807LL, -9223372036854775807LL - 1, 123456789012LL, 1LL << 53 };
    for (unsigned i = 0; i < sizeof I / sizeof I[0]; i++) {
        int64_t v = I[i]; int32_t w = (int32_t)v;
        setcsr(m); out("cvtsi2sdq", v, 0, db(k_cvtsi2sdq(v)), 0, getcsr());
        setcsr(m); out("cvtsi2sdl", w, 0, db(k_cvtsi2sdl(w)), 0, getcsr());
        setcsr(m); out("cvtsi2ssq", v, 0, fb(k_cvtsi2ssq(v)), 0, getcsr());
        setcsr(m); out("cvtsi2ssl", w, 0, fb(k_cvtsi2ssl(w)), 0, getcsr());
    }
}

/* a chain of dependent operations in one region: PE set part-way through, values
   produced inside the region feeding the next operation */
NI double k_chain(double a, double b) {
    double t = a * b;
    t = t + a;
    t = t / b;
    t = t - a * 0.5;
    t = t * t;
    __asm__("sqrtsd %1, %0" : "=x"(t) : "x"(t));
    t = t + b;
    return t < a ? t - b : t + b;
}
static void t_chain(uint32_t m) {
    for (unsigned i = 0; i < ND; i++)
        for (unsigned j = 0; j < ND; j++) {
            setcsr(m);
            double r = k_chain(dv(D[i]), dv(D[j]));
            out("chain", D[i], D[j], db(r), 0, getcsr());
        }
}

/* moves between xmm, memory and general registers; upper lanes must be kept or zeroed as x86 does */
static void t_moves(uint32_t m) {
    static uint64_t mem[4] __attribute__((aligned(16)));
    (void)m;
    for (unsigned i = 0; i < ND; i++) {
        uint64_t r[2], g;
        uint32_t g32;
        mem[0] = D[i]; mem[1] = D[(i + 1) % ND]; mem[2] = D[(i + 2) % ND]; mem[3] = D[(i + 3) % ND];
        __asm__ volatile("movapd %1, %%xmm3\n\tmovsd %2, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3");
        out("movsd-m", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovapd %2, %%xmm4\n\tmovsd %%xmm4, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3", "xmm4");
        out("movsd-r", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovss %2, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3");
        out("movss-m", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovapd %2, %%xmm4\n\tmovss %%xmm4, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3", "xmm4");
        out("movss-r", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovq %2, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3");
        out("movq-m", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovapd %2, %%xmm4\n\tmovq %%xmm4, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3", "xmm4");
        out("movq-r", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovlpd %2, %%xmm3\n\tmovhpd %3, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]), "m"(mem[3]) : "xmm3");
        out("movlhpd", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovapd %2, %%xmm4\n\tmovhlps %%xmm4, %%xmm3\n\tmovlhps %%xmm3, %%xmm4\n\tmovupd %%xmm4, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3", "xmm4");
        out("movhllh", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovq %%xmm3, %0" : "=r"(g) : "m"(mem[2]) : "xmm3");
        __asm__ volatile("movapd %1, %%xmm3\n\tmovd %%xmm3, %0" : "=r"(g32) : "m"(mem[2]) : "xmm3");
        out("movq-g", mem[2], 0, g, g32, 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovq %2, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "r"(mem[3]) : "xmm3");
        out("movq-to", mem[0], mem[3], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tmovd %2, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "r"((uint32_t)mem[3]) : "xmm3");
        out("movd-to", mem[0], mem[3], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tshufpd $1, %2, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3");
        out("shufpd1", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("movapd %1, %%xmm3\n\tshufps $0x1b, %2, %%xmm3\n\tmovupd %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3");
        out("shufps1b", mem[0], mem[2], r[0], r[1], 0);
        __asm__ volatile("pshufd $0x4e, %1, %%xmm3\n\tpxor %2, %%xmm3\n\tpaddq %2, %%xmm3\n\tpsubd %1, %%xmm3\n\tmovdqu %%xmm3, %0" : "=m"(r) : "m"(mem[0]), "m"(mem[2]) : "xmm3");
        out("int", mem[0], mem[2], r[0], r[1], 0);
    }
}

struct test { const char *name; void (*fn)(uint32_t); };
static const struct test TESTS[] = {
    { "addsd", t_addsd }, { "subsd", t_subsd }, { "mulsd", t_mulsd }, { "divsd", t_divsd },
    { "sqrtsd", t_sqrtsd }, { "minsd", t_minsd }, { "maxsd", t_maxsd },
    { "addss", t_addss }, { "subss", t_subss }, { "mulss", t_mulss }, { "divss", t_divss },
    { "sqrtss", t_sqrtss }, { "minss", t_minss }, { "maxss", t_maxss },
    { "addpd", t_addpd }, { "subpd", t_subpd }, { "mulpd", t_mulpd }, { "divpd", t_divpd },
    { "sqrtpd", t_sqrtpd }, { "minpd", t_minpd }, { "maxpd", t_maxpd },
    { "andpd", t_andpd }, { "andnpd", t_andnpd }, { "orpd", t_orpd }, { "xorpd", t_xorpd },
    { "unpcklpd", t_unpcklpd }, { "unpckhpd", t_unpckhpd },
    { "addps", t_addps }, { "subps", t_subps }, { "mulps", t_mulps }, { "divps", t_divps },
    { "sqrtps", t_sqrtps }, { "minps", t_minps }, { "maxps", t_maxps },
    { "andps", t_andps }, { "andnps", t_andnps }, { "orps", t_orps }, { "xorps", t_xorps },
    { "unpcklps", t_unpcklps }, { "unpckhps", t_unpckhps },
    { "ucomisd", t_ucomisd }, { "comisd", t_comisd }, { "ucomiss", t_ucomiss }, { "comiss", t_comiss },
    { "cmppred", t_cmppred }, { "pcvt", t_pcvt },
    { "cvt", t_cvt }, { "chain", t_chain }, { "moves", t_moves },
};

int main(int argc, char **argv) {
    verbose = argc > 1 && argv[1][0] == 'v';
    const char *only = argc > 2 ? argv[2] : NULL;
    for (unsigned t = 0; t < sizeof TESTS / sizeof TESTS[0]; t++) {
        if (only && strcmp(only, TESTS[t].name) != 0) continue;
        for (unsigned m = 0; m < NM; m++) {
            h = 0xcbf29ce484222325ULL; nlines = 0;
            TESTS[t].fn(MODES[m]);
            printf("%-10s mxcsr %04x: %lu results, hash %016llx\n", TESTS[t].name, MODES[m], nlines, (unsigned long long)h);
        }
    }
    setcsr(0x1f80);
    return 0;
}
