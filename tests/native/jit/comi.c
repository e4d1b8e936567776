// comiss/ucomiss/comisd/ucomisd in compiled code (tests/jit.test.mjs). 1: an unordered
// compare of a denormal with a NaN, then an ordered compare of the same denormal, under
// every DAZ/FTZ/rounding setting. The JIT remembers which registers hold no denormal; the
// unordered path must not mark the denormal as checked (it did: the second compare then
// ignored DAZ and reported "less" where the hardware, with DAZ, reports "equal").
// 2: a ucomisd that raises an unmasked denormal exception right after a dec of memory:
// the handler must see dec's flags (the JIT's exit took the compare's flag record, whose
// code had already been generated, with dec's values: SF, ZF and PF were lost).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>

static float f32(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static double f64(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

/* n times: an unordered compare of den with nan, then an ordered compare of den with
   zero; returns the flags after the last (CF PF AF ZF SF OF) << 16 | MXCSR */
#define LOOP(name, T, ucomi, comi)                                                            \
  __attribute__((noinline)) static unsigned name(T den, T nan, T zero, unsigned csr, int n) { \
    unsigned long fl = 0;                                                                     \
    unsigned out;                                                                             \
    __asm__ volatile("ldmxcsr %0" :: "m"(csr));                                               \
    for (int k = 0; k < n; k++) {                                                             \
      __asm__ volatile(ucomi " %2, %1\n\t" comi " %1, %3\n\tpushfq\n\tpop %0"                 \
                       : "=r"(fl) : "x"(den), "x"(nan), "x"(zero) : "cc");                    \
    }                                                                                         \
    __asm__ volatile("stmxcsr %0" : "=m"(out));                                               \
    return (unsigned)(fl & 0x8d5) << 16 | (out & 0xffff);                                     \
  }
LOOP(loop_ss, float, "ucomiss", "comiss")
LOOP(loop_sd, double, "ucomisd", "comisd")

static sigjmp_buf jb;
static long efl_seen;
static int code_seen;
static void on_fpe(int s, siginfo_t *si, void *ucv) {
  (void)s;
  efl_seen = ((ucontext_t *)ucv)->uc_mcontext.gregs[REG_EFL];
  code_seen = si->si_code;
  siglongjmp(jb, 1);
}

static void dec_then_fault(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fpe; sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, NULL);
  static unsigned char m[8];
  static const unsigned char start[] = { 0x00, 0x81, 0x01, 0x80 };
  for (int v = 0; v < 8; v++) {
    /* xmm9 becomes a denormal (psrldq), DE unmasked: ucomisd leaves with #XM */
    uint64_t x9[2] = { 0x3ff0000000000000ull, 0x0000000512345678ull }, x8[2] = { 0x3ff0000000000000ull, 0 };
    unsigned csr = 0x1f80 & ~0x100, std = 0x1f80;
    m[0] = start[v & 3];
    if (!sigsetjmp(jb, 1)) {
      if (v < 4) __asm__ volatile("movdqu %1, %%xmm9\n\tmovdqu %2, %%xmm8\n\tldmxcsr %3\n\t"
                                  "psrldq $12, %%xmm9\n\tdecb %0\n\tucomisd %%xmm9, %%xmm8"
                                  : "+m"(m[0]) : "m"(x9), "m"(x8), "m"(csr) : "xmm8", "xmm9", "cc");
      else __asm__ volatile("movdqu %1, %%xmm9\n\tmovdqu %2, %%xmm8\n\tldmxcsr %3\n\t"
                            "psrldq $12, %%xmm9\n\tdecl %0\n\tcomisd %%xmm9, %%xmm8"
                            : "+m"(*(uint32_t *)m) : "m"(x9), "m"(x8), "m"(csr) : "xmm8", "xmm9", "cc");
      printf("dec then compare %d: no signal\n", v);
    } else printf("dec then compare %d: SIGFPE code %d flags %03lx\n", v, code_seen, efl_seen & 0x8d5);
    __asm__ volatile("ldmxcsr %0" :: "m"(std));
  }
}

int main(void) {
  const uint32_t nans32[] = { 0x7fc00000u, 0xffffffffu };
  const uint64_t nans64[] = { 0x7ff8000000000000ull, 0xfff8000000000001ull };
  for (unsigned m = 0; m < 16; m++) {
    unsigned csr = 0x1f80 | (m & 1 ? 0x40 : 0) | (m & 2 ? 0x8000 : 0) | ((m >> 2) << 13);
    for (int q = 0; q < 2; q++) {
      printf("csr %04x nan %d: ss %08x sd %08x\n", csr, q,
             loop_ss(f32(1), f32(nans32[q]), f32(0), csr, 20), loop_sd(f64(1), f64(nans64[q]), f64(0), csr, 20));
      printf("csr %04x nan %d: ss %08x sd %08x (negative zero, larger denormal)\n", csr, q,
             loop_ss(f32(0x007fffff), f32(nans32[q]), f32(0x80000000u), csr, 20),
             loop_sd(f64(0x000fffffffffffffull), f64(nans64[q]), f64(0x8000000000000000ull), csr, 20));
    }
  }
  dec_then_fault();
  return 0;
}
