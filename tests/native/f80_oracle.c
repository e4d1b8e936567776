/*
 * x87 oracle for tests/f80.test.mjs: runs one x87 operation per input line on
 * the real FPU and prints the result bytes and the status word.
 *
 * Input lines:  OP CW A [B]     (all operands in hex, CW = x87 control word;
 *                                 OP = fadd64, fsubr32, fcom64, ...: A OP memory B)
 *   80-bit values are 20 hex digits: sign/exponent (4) | significand high (8) |
 *   significand low (8), i.e. the 10 memory bytes read as a big-endian number.
 *   double = 16 hex digits, single = 8, int16/32/64 = 4/8/16, packed BCD = 20
 *   (byte 9 first).
 * Output lines: RESULT SW        (fxtract: SIGNIFICAND EXPONENT SW;
 *                                 compares/fxam: SW only, printed as "- SW")
 * Every operation starts with fninit, loads its operands with fld m80 (which
 * raises nothing), sets CW, clears exceptions, runs the instruction, and reads
 * the status word before any store that could change it (except the stores
 * under test, whose status word is read after the store).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef struct { unsigned char b[16]; } __attribute__((aligned(16))) ext_t;

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* parse n hex digits (big-endian) into nbytes little-endian bytes */
static void parse_hex(const char *s, unsigned char *out, int nbytes) {
  int len = (int)strlen(s);
  memset(out, 0, (size_t)nbytes);
  for (int i = 0; i < len && i < nbytes * 2; i++) {
    int v = hexval(s[len - 1 - i]);
    if (v < 0) { fprintf(stderr, "bad hex %s\n", s); exit(2); }
    out[i / 2] |= (unsigned char)(v << ((i & 1) * 4));
  }
}

static void print_hex(const unsigned char *p, int nbytes) {
  for (int i = nbytes - 1; i >= 0; i--) printf("%02x", p[i]);
}

#define PROLOGUE "fninit\n\t"
#define SETUP "fldcw %[cw]\n\tfnclex\n\t"

/* binary operation: st0 = A, st1 = B, st0 = st0 OP st1 */
#define BINOP(name, insn)                                                    \
  static void name(const ext_t *a, const ext_t *b, uint16_t cw, ext_t *r,    \
                   uint16_t *sw) {                                           \
    __asm__ volatile(PROLOGUE "fldt %[b]\n\tfldt %[a]\n\t" SETUP insn "\n\t" \
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit\n\t"              \
                     : [r] "=m"(*r), [sw] "=m"(*sw)                          \
                     : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw));              \
  }
BINOP(op_add, "fadd %%st(1), %%st")
BINOP(op_sub, "fsub %%st(1), %%st")
BINOP(op_mul, "fmul %%st(1), %%st")
BINOP(op_div, "fdiv %%st(1), %%st")
BINOP(op_prem, "fprem")
BINOP(op_prem1, "fprem1")
BINOP(op_scale, "fscale")

#define UNOP(name, insn)                                                     \
  static void name(const ext_t *a, uint16_t cw, ext_t *r, uint16_t *sw) {    \
    __asm__ volatile(PROLOGUE "fldt %[a]\n\t" SETUP insn "\n\t"              \
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit\n\t"              \
                     : [r] "=m"(*r), [sw] "=m"(*sw)                          \
                     : [a] "m"(*a), [cw] "m"(cw));                           \
  }
UNOP(op_sqrt, "fsqrt")
UNOP(op_rndint, "frndint")

#define CMPOP(name, insn)                                                    \
  static void name(const ext_t *a, const ext_t *b, uint16_t cw, uint16_t *sw) { \
    __asm__ volatile(PROLOGUE "fldt %[b]\n\tfldt %[a]\n\t" SETUP insn "\n\t" \
                     "fnstsw %[sw]\n\tfninit\n\t"                            \
                     : [sw] "=m"(*sw)                                        \
                     : [a] "m"(*a), [b] "m"(*b), [cw] "m"(cw));              \
  }
CMPOP(op_cmp, "fcom %%st(1)")
CMPOP(op_ucmp, "fucom %%st(1)")

static void op_tst(const ext_t *a, uint16_t cw, uint16_t *sw) {
  __asm__ volatile(PROLOGUE "fldt %[a]\n\t" SETUP "ftst\n\t"
                   "fnstsw %[sw]\n\tfninit\n\t"
                   : [sw] "=m"(*sw) : [a] "m"(*a), [cw] "m"(cw));
}
static void op_xam(const ext_t *a, uint16_t cw, uint16_t *sw) {
  __asm__ volatile(PROLOGUE "fldt %[a]\n\t" SETUP "fxam\n\t"
                   "fnstsw %[sw]\n\tfninit\n\t"
                   : [sw] "=m"(*sw) : [a] "m"(*a), [cw] "m"(cw));
}
static void op_xtract(const ext_t *a, uint16_t cw, ext_t *sig, ext_t *ex,
                      uint16_t *sw) {
  __asm__ volatile(PROLOGUE "fldt %[a]\n\t" SETUP "fxtract\n\t"
                   "fnstsw %[sw]\n\tfstpt %[s]\n\tfstpt %[e]\n\tfninit\n\t"
                   : [s] "=m"(*sig), [e] "=m"(*ex), [sw] "=m"(*sw)
                   : [a] "m"(*a), [cw] "m"(cw));
}

/* loads from memory formats: result is st0 */
#define LOADOP(name, T, insn)                                                \
  static void name(const T *m, uint16_t cw, ext_t *r, uint16_t *sw) {        \
    __asm__ volatile(PROLOGUE SETUP insn " %[m]\n\t"                         \
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit\n\t"              \
                     : [r] "=m"(*r), [sw] "=m"(*sw)                          \
                     : [m] "m"(*m), [cw] "m"(cw));                           \
  }
typedef struct { unsigned char b[10]; } bcd_t;
LOADOP(op_ld64, uint64_t, "fldl")
LOADOP(op_ld32, uint32_t, "flds")
LOADOP(op_ild16, uint16_t, "filds")
LOADOP(op_ild32, uint32_t, "fildl")
LOADOP(op_ild64, uint64_t, "fildll")
LOADOP(op_bld, bcd_t, "fbld")

/* stores to memory formats: status word read after the store */
#define STOREOP(name, T, insn)                                               \
  static void name(const ext_t *a, uint16_t cw, T *m, uint16_t *sw) {        \
    __asm__ volatile(PROLOGUE "fldt %[a]\n\t" SETUP insn " %[m]\n\t"         \
                     "fnstsw %[sw]\n\tfninit\n\t"                            \
                     : [m] "=m"(*m), [sw] "=m"(*sw)                          \
                     : [a] "m"(*a), [cw] "m"(cw));                           \
  }
STOREOP(op_st64, uint64_t, "fstpl")
STOREOP(op_st32, uint32_t, "fstps")
STOREOP(op_ist16, uint16_t, "fistps")
STOREOP(op_ist32, uint32_t, "fistpl")
STOREOP(op_ist64, uint64_t, "fistpll")
STOREOP(op_itt16, uint16_t, "fisttps")
STOREOP(op_itt32, uint32_t, "fisttpl")
STOREOP(op_itt64, uint64_t, "fisttpll")
STOREOP(op_bst, bcd_t, "fbstp")

/* arithmetic with a memory operand: st0 = A, st0 = st0 OP m */
#define MEMOP(name, T, insn)                                                 \
  static void name(const ext_t *a, const T *m, uint16_t cw, ext_t *r,        \
                   uint16_t *sw) {                                           \
    __asm__ volatile(PROLOGUE "fldt %[a]\n\t" SETUP insn " %[m]\n\t"        \
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit\n\t"              \
                     : [r] "=m"(*r), [sw] "=m"(*sw)                          \
                     : [a] "m"(*a), [m] "m"(*m), [cw] "m"(cw));              \
  }
MEMOP(op_fadd64, uint64_t, "faddl")
MEMOP(op_fsub64, uint64_t, "fsubl")
MEMOP(op_fsubr64, uint64_t, "fsubrl")
MEMOP(op_fmul64, uint64_t, "fmull")
MEMOP(op_fdiv64, uint64_t, "fdivl")
MEMOP(op_fdivr64, uint64_t, "fdivrl")
MEMOP(op_fcom64, uint64_t, "fcoml")
MEMOP(op_fadd32, uint32_t, "fadds")
MEMOP(op_fsub32, uint32_t, "fsubs")
MEMOP(op_fsubr32, uint32_t, "fsubrs")
MEMOP(op_fmul32, uint32_t, "fmuls")
MEMOP(op_fdiv32, uint32_t, "fdivs")
MEMOP(op_fdivr32, uint32_t, "fdivrs")
MEMOP(op_fcom32, uint32_t, "fcoms")
static const struct {
  const char *name;
  void (*f64)(const ext_t *, const uint64_t *, uint16_t, ext_t *, uint16_t *);
  void (*f32)(const ext_t *, const uint32_t *, uint16_t, ext_t *, uint16_t *);
} memops[] = {
    {"fadd", op_fadd64, op_fadd32},   {"fsub", op_fsub64, op_fsub32},
    {"fsubr", op_fsubr64, op_fsubr32}, {"fmul", op_fmul64, op_fmul32},
    {"fdiv", op_fdiv64, op_fdiv32},   {"fdivr", op_fdivr64, op_fdivr32},
    {"fcom", op_fcom64, op_fcom32},
};

#define CONSTOP(name, insn)                                                  \
  static void name(uint16_t cw, ext_t *r, uint16_t *sw) {                    \
    __asm__ volatile(PROLOGUE SETUP insn "\n\t"                              \
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit\n\t"              \
                     : [r] "=m"(*r), [sw] "=m"(*sw) : [cw] "m"(cw));         \
  }
CONSTOP(c_one, "fld1")
CONSTOP(c_l2t, "fldl2t")
CONSTOP(c_l2e, "fldl2e")
CONSTOP(c_pi, "fldpi")
CONSTOP(c_lg2, "fldlg2")
CONSTOP(c_ln2, "fldln2")
CONSTOP(c_z, "fldz")
static void (*const consts[7])(uint16_t, ext_t *, uint16_t *) = {
    c_one, c_l2t, c_l2e, c_pi, c_lg2, c_ln2, c_z};

int main(void) {
  char line[512];
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  while (fgets(line, sizeof line, stdin)) {
    char op[32], s1[64], s2[64], s3[64];
    int n = sscanf(line, "%31s %63s %63s %63s", op, s1, s2, s3);
    if (n < 2) continue;
    uint16_t cw;
    parse_hex(s1, (unsigned char *)&cw, 2);
    ext_t a, b, r, r2;
    uint16_t sw = 0;
    memset(&a, 0, sizeof a); memset(&b, 0, sizeof b);
    memset(&r, 0, sizeof r); memset(&r2, 0, sizeof r2);
    if (n >= 3) parse_hex(s2, a.b, 10);
    if (n >= 4) parse_hex(s3, b.b, 10);
    void (*bin)(const ext_t *, const ext_t *, uint16_t, ext_t *, uint16_t *) = 0;
    void (*un)(const ext_t *, uint16_t, ext_t *, uint16_t *) = 0;
    if (!strcmp(op, "add")) bin = op_add;
    else if (!strcmp(op, "sub")) bin = op_sub;
    else if (!strcmp(op, "mul")) bin = op_mul;
    else if (!strcmp(op, "div")) bin = op_div;
    else if (!strcmp(op, "prem")) bin = op_prem;
    else if (!strcmp(op, "prem1")) bin = op_prem1;
    else if (!strcmp(op, "scale")) bin = op_scale;
    else if (!strcmp(op, "sqrt")) un = op_sqrt;
    else if (!strcmp(op, "rndint")) un = op_rndint;
    if (bin) {
      bin(&a, &b, cw, &r, &sw);
      print_hex(r.b, 10); printf(" %04x\n", sw);
    } else if (un) {
      un(&a, cw, &r, &sw);
      print_hex(r.b, 10); printf(" %04x\n", sw);
    } else if (!strcmp(op, "cmp") || !strcmp(op, "ucmp")) {
      (op[0] == 'c' ? op_cmp : op_ucmp)(&a, &b, cw, &sw);
      printf("- %04x\n", sw);
    } else if (!strcmp(op, "tst")) {
      op_tst(&a, cw, &sw); printf("- %04x\n", sw);
    } else if (!strcmp(op, "xam")) {
      op_xam(&a, cw, &sw); printf("- %04x\n", sw);
    } else if (!strcmp(op, "xtract")) {
      op_xtract(&a, cw, &r, &r2, &sw);
      print_hex(r.b, 10); printf(" "); print_hex(r2.b, 10);
      printf(" %04x\n", sw);
    } else if (op[0] == 'f' && (n == 4) &&
               (!strcmp(op + strlen(op) - 2, "64") || !strcmp(op + strlen(op) - 2, "32"))) {
      /* OPNN CW A M: memory operand forms, M a double (NN=64) or single (32) */
      int is64 = op[strlen(op) - 2] == '6';
      unsigned char m[8];
      size_t k, len = strlen(op) - 2;
      parse_hex(s3, m, is64 ? 8 : 4);
      for (k = 0; k < sizeof memops / sizeof memops[0]; k++)
        if (strlen(memops[k].name) == len && !strncmp(op, memops[k].name, len)) break;
      if (k == sizeof memops / sizeof memops[0]) { fprintf(stderr, "bad op %s\n", op); return 2; }
      if (is64) memops[k].f64(&a, (const uint64_t *)m, cw, &r, &sw);
      else memops[k].f32(&a, (const uint32_t *)m, cw, &r, &sw);
      if (!strcmp(memops[k].name, "fcom")) printf("- %04x\n", sw);
      else { print_hex(r.b, 10); printf(" %04x\n", sw); }
    } else if (!strcmp(op, "const")) {
      int k = atoi(s2);
      if (k < 0 || k > 6) { fprintf(stderr, "bad const\n"); return 2; }
      consts[k](cw, &r, &sw);
      print_hex(r.b, 10); printf(" %04x\n", sw);
    } else if (!strncmp(op, "ld", 2) || !strncmp(op, "ild", 3) ||
               !strcmp(op, "bld")) {
      unsigned char m[16];
      memset(m, 0, sizeof m);
      if (!strcmp(op, "ld64")) { parse_hex(s2, m, 8); op_ld64((uint64_t *)m, cw, &r, &sw); }
      else if (!strcmp(op, "ld32")) { parse_hex(s2, m, 4); op_ld32((uint32_t *)m, cw, &r, &sw); }
      else if (!strcmp(op, "ild16")) { parse_hex(s2, m, 2); op_ild16((uint16_t *)m, cw, &r, &sw); }
      else if (!strcmp(op, "ild32")) { parse_hex(s2, m, 4); op_ild32((uint32_t *)m, cw, &r, &sw); }
      else if (!strcmp(op, "ild64")) { parse_hex(s2, m, 8); op_ild64((uint64_t *)m, cw, &r, &sw); }
      else if (!strcmp(op, "bld")) { parse_hex(s2, m, 10); op_bld((bcd_t *)m, cw, &r, &sw); }
      else { fprintf(stderr, "bad op %s\n", op); return 2; }
      print_hex(r.b, 10); printf(" %04x\n", sw);
    } else {
      unsigned char m[16];
      int nb;
      memset(m, 0, sizeof m);
      if (!strcmp(op, "st64")) { nb = 8; op_st64(&a, cw, (uint64_t *)m, &sw); }
      else if (!strcmp(op, "st32")) { nb = 4; op_st32(&a, cw, (uint32_t *)m, &sw); }
      else if (!strcmp(op, "ist16")) { nb = 2; op_ist16(&a, cw, (uint16_t *)m, &sw); }
      else if (!strcmp(op, "ist32")) { nb = 4; op_ist32(&a, cw, (uint32_t *)m, &sw); }
      else if (!strcmp(op, "ist64")) { nb = 8; op_ist64(&a, cw, (uint64_t *)m, &sw); }
      else if (!strcmp(op, "itt16")) { nb = 2; op_itt16(&a, cw, (uint16_t *)m, &sw); }
      else if (!strcmp(op, "itt32")) { nb = 4; op_itt32(&a, cw, (uint32_t *)m, &sw); }
      else if (!strcmp(op, "itt64")) { nb = 8; op_itt64(&a, cw, (uint64_t *)m, &sw); }
      else if (!strcmp(op, "bst")) { nb = 10; op_bst(&a, cw, (bcd_t *)m, &sw); }
      else { fprintf(stderr, "bad op %s\n", op); return 2; }
      print_hex(m, nb); printf(" %04x\n", sw);
    }
  }
  fflush(stdout);
  return 0;
}
