// Instruction-level differential test of the x87 FPU (tests/x87.test.mjs).
//
// A freestanding static program (no libc, no SSE: it runs in a VM whose libc support
// may be incomplete). For every x87 instruction form in LIST below it generates random
// machine states from a fixed seed: an FRSTOR image (control word with every rounding
// and precision control, masked and unmasked exceptions, status word, TOP, empty
// registers, register contents from every class of 80-bit value), a memory operand
// and EFLAGS; runs the instruction between FRSTOR and FNSAVE, and prints the FNSAVE
// image, the memory operand, EFLAGS and RAX afterwards. The same binary runs natively
// and under x64vm; the outputs must be identical.
//
// The transcendental instructions (names approx_*) are not expected to be bit-exact:
// their register results are compared within a tolerance, PE and C1 are ignored.
//
// usage: x87_insn SEED COUNT [NAME [INDEX]]   (with NAME: also print the inputs)

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

__asm__(".text\n.globl _start\n_start:\n mov %rsp,%rdi\n and $-16,%rsp\n call cmain\n hlt\n");

static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}

static char obuf[1 << 16];
static int olen;
static void flush(void) { if (olen) sys3(1, 1, (long)obuf, olen); olen = 0; }
static void out(char ch) { if (olen == sizeof obuf) flush(); obuf[olen++] = ch; }
static void outs(const char *s) { while (*s) out(*s++); }
static void outhex(const u8 *p, int n) { for (int i = 0; i < n; i++) { out("0123456789abcdef"[p[i] >> 4]); out("0123456789abcdef"[p[i] & 15]); } }
static void outnum(u64 v, int digits) { for (int i = digits - 1; i >= 0; i--) out("0123456789abcdef"[(v >> (4 * i)) & 15]); }
static void outdec(u64 v) { char b[24]; int n = 0; do { b[n++] = '0' + v % 10; v /= 10; } while (v); while (n) out(b[--n]); }
static int streq(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return *a == *b; }
static u64 atou(const char *s) { u64 v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return v; }

// ---- the machine state handed to each snippet ------------------------------------------------

struct st {
  u8 fs[108];
  u8 pad[4];
  u64 rax;
  u64 fl;
  u8 mem[512];
} __attribute__((aligned(64)));
static struct st S;

#define SNIP(id, insn) \
  __asm__(".text\n.p2align 4\n.globl t_" #id "\nt_" #id ":\n" \
          " mov %rdi,%rcx\n frstor (%rcx)\n mov 112(%rcx),%rax\n lea 128(%rcx),%rsi\n" \
          " pushq 120(%rcx)\n popfq\n " insn "\n pushfq\n popq 120(%rcx)\n" \
          " mov %rax,112(%rcx)\n fnsave (%rcx)\n ret\n");

enum { M_NONE, M_F32, M_F64, M_F80, M_I16, M_I32, M_I64, M_BCD, M_CW, M_ENV, M_SAVE, M_FX, M_ENV16, M_SAVE16 };
// bytes of the memory operand worth printing, by type; stores print their own size
enum { O_0 = 0 };

#define R3(nm, b1, b2) \
  X(nm##_0, ".byte " #b1 "," #b2 "+0", M_NONE, 0) \
  X(nm##_1, ".byte " #b1 "," #b2 "+1", M_NONE, 0) \
  X(nm##_6, ".byte " #b1 "," #b2 "+6", M_NONE, 0)
#define B2(nm, b1, b2) X(nm, ".byte " #b1 "," #b2, M_NONE, 0)

#define LIST \
  X(fadd_m32, "fadds (%rsi)", M_F32, 0) X(fmul_m32, "fmuls (%rsi)", M_F32, 0) \
  X(fcom_m32, "fcoms (%rsi)", M_F32, 0) X(fcomp_m32, "fcomps (%rsi)", M_F32, 0) \
  X(fsub_m32, "fsubs (%rsi)", M_F32, 0) X(fsubr_m32, "fsubrs (%rsi)", M_F32, 0) \
  X(fdiv_m32, "fdivs (%rsi)", M_F32, 0) X(fdivr_m32, "fdivrs (%rsi)", M_F32, 0) \
  X(fadd_m64, "faddl (%rsi)", M_F64, 0) X(fmul_m64, "fmull (%rsi)", M_F64, 0) \
  X(fcom_m64, "fcoml (%rsi)", M_F64, 0) X(fcomp_m64, "fcompl (%rsi)", M_F64, 0) \
  X(fsub_m64, "fsubl (%rsi)", M_F64, 0) X(fsubr_m64, "fsubrl (%rsi)", M_F64, 0) \
  X(fdiv_m64, "fdivl (%rsi)", M_F64, 0) X(fdivr_m64, "fdivrl (%rsi)", M_F64, 0) \
  X(fiadd_m32, "fiaddl (%rsi)", M_I32, 0) X(fimul_m32, "fimull (%rsi)", M_I32, 0) \
  X(ficom_m32, "ficoml (%rsi)", M_I32, 0) X(ficomp_m32, "ficompl (%rsi)", M_I32, 0) \
  X(fisub_m32, "fisubl (%rsi)", M_I32, 0) X(fisubr_m32, "fisubrl (%rsi)", M_I32, 0) \
  X(fidiv_m32, "fidivl (%rsi)", M_I32, 0) X(fidivr_m32, "fidivrl (%rsi)", M_I32, 0) \
  X(fiadd_m16, "fiadds (%rsi)", M_I16, 0) X(fimul_m16, "fimuls (%rsi)", M_I16, 0) \
  X(ficom_m16, "ficoms (%rsi)", M_I16, 0) X(ficomp_m16, "ficomps (%rsi)", M_I16, 0) \
  X(fisub_m16, "fisubs (%rsi)", M_I16, 0) X(fisubr_m16, "fisubrs (%rsi)", M_I16, 0) \
  X(fidiv_m16, "fidivs (%rsi)", M_I16, 0) X(fidivr_m16, "fidivrs (%rsi)", M_I16, 0) \
  X(fld_m32, "flds (%rsi)", M_F32, 0) X(fld_m64, "fldl (%rsi)", M_F64, 0) \
  X(fld_m80, "fldt (%rsi)", M_F80, 0) X(fild_m16, "filds (%rsi)", M_I16, 0) \
  X(fild_m32, "fildl (%rsi)", M_I32, 0) X(fild_m64, "fildll (%rsi)", M_I64, 0) \
  X(fbld, "fbld (%rsi)", M_BCD, 0) \
  X(fst_m32, "fsts (%rsi)", M_NONE, 4) X(fstp_m32, "fstps (%rsi)", M_NONE, 4) \
  X(fst_m64, "fstl (%rsi)", M_NONE, 8) X(fstp_m64, "fstpl (%rsi)", M_NONE, 8) \
  X(fstp_m80, "fstpt (%rsi)", M_NONE, 10) \
  X(fist_m16, "fists (%rsi)", M_NONE, 2) X(fistp_m16, "fistps (%rsi)", M_NONE, 2) \
  X(fist_m32, "fistl (%rsi)", M_NONE, 4) X(fistp_m32, "fistpl (%rsi)", M_NONE, 4) \
  X(fistp_m64, "fistpll (%rsi)", M_NONE, 8) \
  X(fisttp_m16, "fisttps (%rsi)", M_NONE, 2) X(fisttp_m32, "fisttpl (%rsi)", M_NONE, 4) \
  X(fisttp_m64, "fisttpll (%rsi)", M_NONE, 8) X(fbstp, "fbstp (%rsi)", M_NONE, 10) \
  X(fldcw, "fldcw (%rsi)", M_CW, 0) X(fnstcw, "fnstcw (%rsi)", M_NONE, 2) \
  X(fnstsw_m, "fnstsw (%rsi)", M_NONE, 2) X(fnstenv, "fnstenv (%rsi)", M_NONE, 28) \
  X(fldenv, "fldenv (%rsi)", M_ENV, 0) X(fnsave, "fnsave (%rsi)", M_NONE, 108) \
  X(frstor, "frstor (%rsi)", M_SAVE, 0) X(fnstenv16, ".byte 0x66; fnstenv (%rsi)", M_NONE, 14) \
  X(fldenv16, ".byte 0x66; fldenv (%rsi)", M_ENV16, 0) X(fnsave16, ".byte 0x66; fnsave (%rsi)", M_NONE, 94) \
  X(frstor16, ".byte 0x66; frstor (%rsi)", M_SAVE16, 0) \
  X(fxsave, "fxsave (%rsi)", M_NONE, 512) X(fxsave64, "fxsave64 (%rsi)", M_NONE, 512) \
  X(fxrstor, "fxrstor (%rsi)", M_FX, 0) X(fxrstor64, "fxrstor64 (%rsi)", M_FX, 0) \
  B2(fchs, 0xd9, 0xe0) B2(fabs, 0xd9, 0xe1) B2(ftst, 0xd9, 0xe4) B2(fxam, 0xd9, 0xe5) \
  B2(fld1, 0xd9, 0xe8) B2(fldl2t, 0xd9, 0xe9) B2(fldl2e, 0xd9, 0xea) B2(fldpi, 0xd9, 0xeb) \
  B2(fldlg2, 0xd9, 0xec) B2(fldln2, 0xd9, 0xed) B2(fldz, 0xd9, 0xee) \
  B2(fxtract, 0xd9, 0xf4) B2(fprem1, 0xd9, 0xf5) B2(fdecstp, 0xd9, 0xf6) B2(fincstp, 0xd9, 0xf7) \
  B2(fprem, 0xd9, 0xf8) B2(fsqrt, 0xd9, 0xfa) B2(frndint, 0xd9, 0xfc) B2(fscale, 0xd9, 0xfd) \
  B2(fnop, 0xd9, 0xd0) B2(fcompp, 0xde, 0xd9) B2(fucompp, 0xda, 0xe9) B2(fnclex, 0xdb, 0xe2) \
  B2(fninit, 0xdb, 0xe3) B2(fnstsw_ax, 0xdf, 0xe0) B2(feni, 0xdb, 0xe0) B2(fdisi, 0xdb, 0xe1) \
  B2(fsetpm, 0xdb, 0xe4) \
  R3(fadd_st, 0xd8, 0xc0) R3(fmul_st, 0xd8, 0xc8) R3(fcom_st, 0xd8, 0xd0) R3(fcomp_st, 0xd8, 0xd8) \
  R3(fsub_st, 0xd8, 0xe0) R3(fsubr_st, 0xd8, 0xe8) R3(fdiv_st, 0xd8, 0xf0) R3(fdivr_st, 0xd8, 0xf8) \
  R3(fld_st, 0xd9, 0xc0) R3(fxch, 0xd9, 0xc8) R3(fstp1, 0xd9, 0xd8) \
  R3(fcmovb, 0xda, 0xc0) R3(fcmove, 0xda, 0xc8) R3(fcmovbe, 0xda, 0xd0) R3(fcmovu, 0xda, 0xd8) \
  R3(fcmovnb, 0xdb, 0xc0) R3(fcmovne, 0xdb, 0xc8) R3(fcmovnbe, 0xdb, 0xd0) R3(fcmovnu, 0xdb, 0xd8) \
  R3(fucomi, 0xdb, 0xe8) R3(fcomi, 0xdb, 0xf0) \
  R3(fadd_to, 0xdc, 0xc0) R3(fmul_to, 0xdc, 0xc8) R3(fcom2, 0xdc, 0xd0) R3(fcomp3, 0xdc, 0xd8) \
  R3(fsubr_to, 0xdc, 0xe0) R3(fsub_to, 0xdc, 0xe8) R3(fdivr_to, 0xdc, 0xf0) R3(fdiv_to, 0xdc, 0xf8) \
  R3(ffree, 0xdd, 0xc0) R3(fxch4, 0xdd, 0xc8) R3(fst_st, 0xdd, 0xd0) R3(fstp_st, 0xdd, 0xd8) \
  R3(fucom, 0xdd, 0xe0) R3(fucomp, 0xdd, 0xe8) \
  R3(faddp, 0xde, 0xc0) R3(fmulp, 0xde, 0xc8) R3(fcomp5, 0xde, 0xd0) \
  R3(fsubrp, 0xde, 0xe0) R3(fsubp, 0xde, 0xe8) R3(fdivrp, 0xde, 0xf0) R3(fdivp, 0xde, 0xf8) \
  R3(ffreep, 0xdf, 0xc0) R3(fxch7, 0xdf, 0xc8) R3(fstp8, 0xdf, 0xd0) R3(fstp9, 0xdf, 0xd8) \
  R3(fucomip, 0xdf, 0xe8) R3(fcomip, 0xdf, 0xf0) \
  B2(approx_fsin, 0xd9, 0xfe) B2(approx_fcos, 0xd9, 0xff) B2(approx_fsincos, 0xd9, 0xfb) \
  B2(approx_fptan, 0xd9, 0xf2) B2(approx_fpatan, 0xd9, 0xf3) B2(approx_f2xm1, 0xd9, 0xf0) \
  B2(approx_fyl2x, 0xd9, 0xf1) B2(approx_fyl2xp1, 0xd9, 0xf9)

#define X(id, insn, mt, osz) SNIP(id, insn)
LIST
#undef X
#define X(id, insn, mt, osz) extern void t_##id(struct st *);
LIST
#undef X

struct tcase { const char *name; void (*fn)(struct st *); int mt; int osz; };
static const struct tcase cases[] = {
#define X(id, insn, mt, osz) { #id, t_##id, mt, osz },
  LIST
#undef X
};

// ---- random states -------------------------------------------------------------------------

static u64 rs;
static u64 rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 0x2545F4914F6CDD1DUL; }
static u32 rn(u32 n) { return (u32)((rnd() >> 32) % n); }

static void put80(u8 *p, int sign, int exp, u64 sig) {
  for (int i = 0; i < 8; i++) p[i] = (u8)(sig >> (8 * i));
  u16 se = (u16)((sign << 15) | (exp & 0x7fff));
  p[8] = (u8)se; p[9] = (u8)(se >> 8);
}
static u64 get64(const u8 *p) { u64 v = 0; for (int i = 7; i >= 0; i--) v = (v << 8) | p[i]; return v; }

/** An 80-bit value from one of the interesting classes. */
static void gen80(u8 *p) {
  int s = rn(2);
  u64 r = rnd();
  switch (rn(24)) {
  case 0: put80(p, s, 0, 0); break;
  case 1: put80(p, s, 0x7fff, 1UL << 63); break;
  case 2: put80(p, s, 0x7fff, (3UL << 62) | (r >> rn(64) >> 2)); break;            // QNaN
  case 3: put80(p, s, 0x7fff, (1UL << 63) | ((r >> 2) | 1)); break;                 // SNaN
  case 4: put80(p, 1, 0x7fff, 3UL << 62); break;                                     // indefinite
  case 5: put80(p, s, 0, (r >> 1) >> rn(63)); if (get64(p) == 0) p[0] = 1; break;    // denormal
  case 6: put80(p, s, 0, (1UL << 63) | r); break;                                    // pseudo-denormal
  case 7: put80(p, s, 1 + rn(0x7ffe), (r >> 1) >> rn(8)); break;                     // unnormal
  case 8: put80(p, s, 0x7fff, (r >> 1) >> rn(3)); break;                             // pseudo-inf/NaN
  case 9: case 10: case 11: put80(p, s, 0x3fff - 64 + rn(128), (1UL << 63) | r); break;
  case 12: put80(p, s, 1 + rn(0x7ffe), (1UL << 63) | r); break;
  case 13: put80(p, s, rn(2) ? 1 + rn(80) : 0x7ffe - rn(80), (1UL << 63) | r); break;
  case 14: { long v = (long)rn(2001) - 1000; if (!v) v = 7; u64 m = v < 0 ? -v : v; int e = 63; while (!(m >> 63)) { m <<= 1; e--; } put80(p, v < 0, 0x3fff + e, m); break; }
  case 15: put80(p, s, 0x3fff - 20 + rn(60), (1UL << 63) | (r & ~0x7ffUL)); break;      // a double
  case 16: put80(p, s, 0x3fff - 20 + rn(60), (1UL << 63) | (r & ~0xffffffffffUL)); break; // a float
  case 17: put80(p, s, 0x3fff - 20 + rn(60), (1UL << 63) | (r & ~0x7ffUL) | 0x400); break; // double tie
  case 18: put80(p, s, 0x3fff - 20 + rn(60), (1UL << 63) | (r & ~0xffffffffffUL) | 0x8000000000UL); break;
  case 19: { int e = rn(66); u64 m = (1UL << 63) | (r & ~((1UL << (62 - (e < 62 ? e : 62))) - 1)); if (e < 63) m |= 1UL << (62 - e); put80(p, s, 0x3fff + e, m); break; } // n + 1/2
  case 20: { int e = (int[]){14, 15, 30, 31, 62, 63, 59, 60}[rn(8)]; put80(p, s, 0x3fff + e, (1UL << 63) | (rn(2) ? 0 : r >> rn(64))); break; } // near integer limits
  case 21: put80(p, s, 0x3fff + rn(3) - 1, (1UL << 63) | (r >> rn(64))); break;
  case 22: put80(p, s, rn(2) ? 0x3fff - 16382 - rn(70) + 70 : 0x3fff + 1023 + rn(10) - 5, (1UL << 63) | r); break; // f64 range edges
  default: put80(p, s, 0x3fff + 127 + rn(10) - 5 - (rn(2) ? 254 + rn(30) : 0), (1UL << 63) | r); break;  // f32 range edges
  }
}

static void genf32(u8 *p) {
  u32 v = (u32)rnd(), s = rn(2) << 31;
  switch (rn(10)) {
  case 0: v = s; break;
  case 1: v = s | 0x7f800000; break;
  case 2: v = s | 0x7fc00000 | (v & 0x3fffff); break;
  case 3: v = s | 0x7f800000 | ((v & 0x3fffff) | 1); break;
  case 4: v = s | (v & 0x7fffff); break;
  case 5: v = s | ((127 - 10 + rn(20)) << 23) | (v & 0x7fffff); break;
  default: v = s | ((1 + rn(254)) << 23) | (v & 0x7fffff); break;
  }
  for (int i = 0; i < 4; i++) p[i] = (u8)(v >> (8 * i));
}
static void genf64(u8 *p) {
  u64 v = rnd(), s = (u64)rn(2) << 63;
  switch (rn(10)) {
  case 0: v = s; break;
  case 1: v = s | 0x7ff0000000000000UL; break;
  case 2: v = s | 0x7ff8000000000000UL | (v & 0x7ffffffffffffUL); break;
  case 3: v = s | 0x7ff0000000000000UL | ((v & 0x7ffffffffffffUL) | 1); break;
  case 4: v = s | (v & 0xfffffffffffffUL); break;
  case 5: v = s | ((u64)(1023 - 10 + rn(20)) << 52) | (v & 0xfffffffffffffUL); break;
  default: v = s | ((u64)(1 + rn(2046)) << 52) | (v & 0xfffffffffffffUL); break;
  }
  for (int i = 0; i < 8; i++) p[i] = (u8)(v >> (8 * i));
}
static void genint(u8 *p, int n) {
  u64 v = rnd();
  switch (rn(5)) {
  case 0: v = (u64)(long)((int)rn(21) - 10); break;
  case 1: v = 1UL << (8 * n - 1); break;
  case 2: v = (1UL << (8 * n - 1)) - 1 - rn(3); break;
  default: v >>= rn(64); if (rn(2)) v = -v; break;
  }
  for (int i = 0; i < n; i++) p[i] = (u8)(v >> (8 * i));
}
static void genbcd(u8 *p) {
  int nd = rn(19);
  for (int i = 0; i < 9; i++) p[i] = 0;
  for (int i = 0; i < nd; i++) p[i / 2] |= (u8)(rn(10) << (4 * (i & 1)));
  if (rn(8) == 0) p[rn(9)] |= 0xa0;
  p[9] = (u8)(rn(2) << 7) | (rn(8) == 0 ? (u8)rn(128) : 0);
}

/** Control word, and status word bits compatible with it (no unmasked flag pending). */
static u16 gencw(void) {
  u16 cw = 0x037f;
  cw = (cw & ~0xc00) | (u16)(rn(4) << 10);
  if (rn(3) == 0) cw = (cw & ~0x300) | (u16)(rn(4) << 8);
  if (rn(4) == 0) cw &= ~(u16)(rnd() & 0x3f);
  if (rn(8) == 0) cw ^= (u16)(rnd() & 0xf0c0);
  return cw;
}

/** A random FNSAVE image (32-bit format) in fs; related register values now and then. */
static void genstate(u8 *fs) {
  u16 cw = gencw();
  u16 sw = (u16)(rnd() & 0x477f) & ~(0x3f & ~cw);   // exceptions only where masked
  if (rn(2)) sw &= ~0x3f;
  int top = rn(8);
  sw = (sw & ~0x3800) | (u16)(top << 11);
  u16 tw = 0;
  for (int i = 0; i < 8; i++) {
    int p = (top + i) & 7;
    int empty = rn(100) < (i < 2 ? 7 : i == 7 ? 50 : 25);
    if (empty) tw |= (u16)(3 << (2 * p));
    else tw |= (u16)(rn(3) << (2 * p));
  }
  u32 w[7];
  w[0] = cw | (rn(2) ? 0xffff0000 : (u32)rnd() & 0xffff0000);
  w[1] = sw | 0xffff0000;
  w[2] = tw | 0xffff0000;
  w[3] = rn(2) ? 0 : (u32)rnd();
  w[4] = rn(2) ? 0 : ((u32)rnd() & 0x07ff0000);
  w[5] = rn(2) ? 0 : (u32)rnd();
  w[6] = 0xffff0000;
  for (int i = 0; i < 7; i++) for (int k = 0; k < 4; k++) fs[4 * i + k] = (u8)(w[i] >> (8 * k));
  for (int i = 0; i < 8; i++) gen80(fs + 28 + 10 * i);
  // ST(1) related to ST(0): equal, negated, or close, for compares and cancellation
  u8 *a = fs + 28, *b = fs + 38;
  switch (rn(6)) {
  case 0: for (int k = 0; k < 10; k++) b[k] = a[k]; break;
  case 1: for (int k = 0; k < 10; k++) b[k] = a[k]; b[9] ^= 0x80; break;
  case 2: for (int k = 0; k < 10; k++) b[k] = a[k]; b[rn(3)] ^= (u8)rnd(); if (rn(2)) b[9] ^= 0x80; break;
  case 3: for (int k = 0; k < 10; k++) b[k] = a[k]; { u16 e = (u16)(b[8] | (b[9] << 8)); e = (e & 0x8000) | ((e + rn(140) - 70) & 0x7fff); b[8] = (u8)e; b[9] = (u8)(e >> 8); } break;
  default: break;
  }
}

/** Fill the memory operand for type mt. */
static void genmem(u8 *m, int mt) {
  for (int i = 0; i < 512; i += 8) { u64 r = rnd(); for (int k = 0; k < 8; k++) m[i + k] = (u8)(r >> (8 * k)); }
  switch (mt) {
  case M_F32: genf32(m); break;
  case M_F64: genf64(m); break;
  case M_F80: gen80(m); break;
  case M_I16: genint(m, 2); break;
  case M_I32: genint(m, 4); break;
  case M_I64: genint(m, 8); break;
  case M_BCD: genbcd(m); break;
  case M_CW: { u16 cw = gencw(); if (rn(3) == 0) cw = (u16)rnd(); m[0] = (u8)cw; m[1] = (u8)(cw >> 8); break; }
  case M_ENV: case M_SAVE: genstate(m); break;
  case M_ENV16: case M_SAVE16: {
    u8 t[108];
    genstate(t);
    m[0] = t[0]; m[1] = t[1]; m[2] = t[4]; m[3] = t[5]; m[4] = t[8]; m[5] = t[9];
    for (int i = 6; i < 14; i++) m[i] = (u8)rnd();
    for (int i = 0; i < 80; i++) m[14 + i] = t[28 + i];
    break;
  }
  case M_FX: {
    u8 t[108];
    genstate(t);
    m[0] = t[0]; m[1] = t[1]; m[2] = t[4]; m[3] = t[5];
    u8 ab = 0;
    for (int p = 0; p < 8; p++) if (((t[8] | (t[9] << 8)) >> (2 * p) & 3) != 3) ab |= (u8)(1 << p);
    m[4] = ab; m[5] = 0;
    m[6] = (u8)rnd(); m[7] = (u8)(rnd() & 7);
    u32 mx = 0x1f80 ^ ((u32)rnd() & 0xffbf);
    if (rn(2)) mx = 0x1f80;
    for (int k = 0; k < 4; k++) m[24 + k] = (u8)(mx >> (8 * k));
    for (int i = 0; i < 8; i++) { for (int k = 0; k < 10; k++) m[32 + 16 * i + k] = t[28 + 10 * i + k]; for (int k = 10; k < 16; k++) m[32 + 16 * i + k] = rn(2) ? 0 : (u8)rnd(); }
    break;
  }
  }
}

static int msize(int mt) {
  switch (mt) {
  case M_F32: case M_I32: return 4;
  case M_F64: case M_I64: return 8;
  case M_F80: case M_BCD: return 10;
  case M_I16: case M_CW: return 2;
  case M_ENV: return 28;
  case M_SAVE: return 108;
  case M_ENV16: return 14;
  case M_SAVE16: return 94;
  case M_FX: return 512;
  }
  return 0;
}

static int startswith(const char *s, const char *p) { while (*p && *s == *p) { s++; p++; } return *p == 0; }

/**
 * For the transcendental instructions: valid ST(0) and ST(1), inside the documented
 * domains (the results outside them are not architecturally specified) or special.
 */
static void domain(u8 *fs, const char *name) {
  int top = ((fs[4] | (fs[5] << 8)) >> 11) & 7;
  u16 tw = (u16)(fs[8] | (fs[9] << 8));
  if (rn(10) != 0) tw &= ~(u16)(3 << (2 * top));
  if (rn(10) != 0) tw &= ~(u16)(3 << (2 * ((top + 1) & 7)));
  fs[8] = (u8)tw; fs[9] = (u8)(tw >> 8);
  int s = rn(2), e;
  u64 m = (1UL << 63) | rnd();
  if (streq(name, "approx_f2xm1")) e = rn(8) == 0 ? 0x3fff : 0x3fff - 1 - rn(70);
  else if (streq(name, "approx_fyl2xp1")) e = 0x3fff - 3 - rn(70);
  else if (streq(name, "approx_fyl2x")) { e = 0x3fff - 200 + rn(400); s = 0; if (rn(8) == 0) { e = 0x3fff; m = (1UL << 63) | (rnd() >> (40 + rn(24))); } }
  else if (streq(name, "approx_fpatan")) e = 0x3fff - 30 + rn(60);
  else e = 0x3fff - 70 + rn(140);
  if (e == 0x3fff && streq(name, "approx_f2xm1")) m = 1UL << 63;
  if (rn(6) == 0) {
    switch (rn(4)) {
    case 0: e = 0; m = 0; break;
    case 1: e = 0x7fff; m = 1UL << 63; break;
    case 2: e = 0x7fff; m = (3UL << 62) | (rnd() >> 8); break;
    default: e = 0; m = rnd() >> (1 + rn(60)); break;
    }
  }
  put80(fs + 28, s, e, m);
  if (rn(6) == 0) put80(fs + 38, rn(2), rn(2) ? 0 : 0x7fff, rn(2) ? 0 : 1UL << 63);
  else put80(fs + 38, rn(2), 0x3fff - 20 + rn(40), (1UL << 63) | rnd());
}

int cmain(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  u64 seed = argc > 1 ? atou(argv[1]) : 1;
  u64 count = argc > 2 ? atou(argv[2]) : 50;
  const char *only = argc > 3 ? argv[3] : 0;
  long onlyIdx = argc > 4 ? (long)atou(argv[4]) : -1;
  for (unsigned t = 0; t < sizeof cases / sizeof cases[0]; t++) {
    const struct tcase *tc = &cases[t];
    if (only && !streq(only, tc->name)) continue;
    rs = seed * 0x9E3779B97F4A7C15UL + t * 0x632BE59BD9B4E019UL + 1;
    for (u64 n = 0; n < count; n++) {
      genstate(S.fs);
      if (startswith(tc->name, "approx_")) domain(S.fs, tc->name);
      genmem(S.mem, tc->mt);
      S.rax = rnd();
      S.fl = (rnd() & 0x8d5) | 0x2;
      if (only && (onlyIdx < 0 || (u64)onlyIdx == n)) {
        outs("in ");
        outs(tc->name); out(' '); outdec(n); out(' ');
        outhex(S.fs, 108); out(' ');
        outhex(S.mem, msize(tc->mt) ? msize(tc->mt) : 16); out(' ');
        outnum(S.fl, 3); out(' '); outnum(S.rax, 16); out('\n');
      }
      tc->fn(&S);
      if (only && onlyIdx >= 0 && (u64)onlyIdx != n) continue;
      outs(tc->name); out(' '); outdec(n); out(' ');
      outhex(S.fs, 108); out(' ');
      if (tc->osz) { outhex(S.mem, tc->osz); out(' '); }
      outnum(S.fl & 0x8d5, 3); out(' ');
      outnum(S.rax, 16); out('\n');
    }
  }
  flush();
  sys3(60, 0, 0, 0);
  return 0;
}
