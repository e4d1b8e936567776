/* SSE faults: misaligned 16-byte operands of legacy SSE instructions raise #GP
 * (SIGSEGV, si_code SI_KERNEL, si_addr 0) while the unaligned forms and scalar
 * operands do not; unmasked floating-point exceptions raise #XM (SIGFPE with an
 * FPE_* code) and leave the destination unchanged; reserved MXCSR bits in ldmxcsr
 * raise #GP. Prints what happened for each case. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <ucontext.h>
#include "../common/catch.h"

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;
static volatile uint32_t got_mx;

static void handler(int sig, siginfo_t *si, void *uc) {
  ucontext_t *u = uc;
  got_mx = u->uc_mcontext.fpregs ? u->uc_mcontext.fpregs->mxcsr : 0xdead;
  got_sig = sig; got_code = si->si_code; got_addr = (uintptr_t)si->si_addr;
  siglongjmp(jb, 1);
}

static unsigned char buf[64] __attribute__((aligned(16)));
static float dst[4] __attribute__((aligned(16)));

#define TRY(name, ...)                                                               \
  do {                                                                               \
    got_sig = 0; got_code = 0; got_addr = 1; got_mx = 0;                                       \
    memset(dst, 0x11, sizeof dst);                                                   \
    if (sigsetjmp(jb, 1) == 0) { __VA_ARGS__; }                                           \
    uint32_t mx; __asm__ volatile("stmxcsr %0" : "=m"(mx));                           \
    uint32_t d0; memcpy(&d0, dst, 4);                                                \
    printf("%-30s sig=%d code=%d addr=%s dst=%08x mxcsr=%04x at-fault=%04x\n", name, got_sig, \
           got_code, got_addr == 0 ? "0" : got_addr == 1 ? "-" : "nonzero", d0, mx, got_mx); \
    __asm__ volatile("ldmxcsr %0" :: "m"((uint32_t){0x1f80}));                        \
  } while (0)

int main(void) {
  catch_signals(handler, SIGSEGV, SIGFPE, SIGBUS, 0);
  unsigned char *m1 = buf + 4, *m8 = buf + 8;

  TRY("movaps load aligned", __asm__ volatile("movaps (%0), %%xmm0" :: "r"(buf) : "xmm0"));
  TRY("movaps load misaligned", __asm__ volatile("movaps (%0), %%xmm0" :: "r"(m1) : "xmm0"));
  TRY("movaps store misaligned", __asm__ volatile("movaps %%xmm0, (%0)" :: "r"(m8) : "memory"));
  TRY("movdqa load misaligned", __asm__ volatile("movdqa (%0), %%xmm0" :: "r"(m8) : "xmm0"));
  TRY("movdqa store misaligned", __asm__ volatile("movdqa %%xmm0, (%0)" :: "r"(m1) : "memory"));
  TRY("movapd load misaligned", __asm__ volatile("movapd (%0), %%xmm0" :: "r"(m8) : "xmm0"));
  TRY("movntdq misaligned", __asm__ volatile("movntdq %%xmm0, (%0)" :: "r"(m8) : "memory"));
  TRY("movntps misaligned", __asm__ volatile("movntps %%xmm0, (%0)" :: "r"(m8) : "memory"));
  TRY("movups misaligned", __asm__ volatile("movups (%0), %%xmm0\n\tmovups %%xmm0, (%0)" :: "r"(m1) : "xmm0", "memory"));
  TRY("movdqu misaligned", __asm__ volatile("movdqu (%0), %%xmm0\n\tmovdqu %%xmm0, (%0)" :: "r"(m1) : "xmm0", "memory"));
  TRY("movupd misaligned", __asm__ volatile("movupd (%0), %%xmm0\n\tmovupd %%xmm0, (%0)" :: "r"(m1) : "xmm0", "memory"));
  TRY("addps misaligned", __asm__ volatile("addps (%0), %%xmm0" :: "r"(m8) : "xmm0"));
  TRY("pxor misaligned", __asm__ volatile("pxor (%0), %%xmm0" :: "r"(m8) : "xmm0"));
  TRY("pcmpeqb misaligned", __asm__ volatile("pcmpeqb (%0), %%xmm0" :: "r"(m1) : "xmm0"));
  TRY("punpcklbw misaligned", __asm__ volatile("punpcklbw (%0), %%xmm0" :: "r"(m8) : "xmm0"));
  TRY("pshufd misaligned", __asm__ volatile("pshufd $0, (%0), %%xmm0" :: "r"(m8) : "xmm0"));
  TRY("cvtdq2ps misaligned", __asm__ volatile("cvtdq2ps (%0), %%xmm0" :: "r"(m8) : "xmm0"));
  TRY("cmpps misaligned", __asm__ volatile("cmpps $0, (%0), %%xmm0" :: "r"(m8) : "xmm0"));
  TRY("addss misaligned", __asm__ volatile("addss (%0), %%xmm0" :: "r"(m1 + 1) : "xmm0"));
  TRY("addsd misaligned", __asm__ volatile("addsd (%0), %%xmm0" :: "r"(m1 + 1) : "xmm0"));
  TRY("movlps misaligned", __asm__ volatile("movlps (%0), %%xmm0" :: "r"(m1 + 1) : "xmm0"));
  TRY("movhpd misaligned", __asm__ volatile("movhpd %%xmm0, (%0)" :: "r"(m1 + 1) : "memory"));
  TRY("cvtps2pd misaligned", __asm__ volatile("cvtps2pd (%0), %%xmm0" :: "r"(m1) : "xmm0"));
  TRY("cvtdq2pd misaligned", __asm__ volatile("cvtdq2pd (%0), %%xmm0" :: "r"(m1) : "xmm0"));
  TRY("movq misaligned", __asm__ volatile("movq (%0), %%xmm0" :: "r"(m1 + 1) : "xmm0"));
  TRY("comiss misaligned", __asm__ volatile("comiss (%0), %%xmm0" :: "r"(m1 + 1) : "xmm0", "cc"));
  TRY("ldmxcsr reserved bit", __asm__ volatile("ldmxcsr %0" :: "m"((uint32_t){0x11f80})));
  TRY("unmapped movups", __asm__ volatile("movups (%0), %%xmm0" :: "r"((void *)16) : "xmm0"));

  /* unmasked exceptions: the destination keeps its value */
  static const float one = 1.0f, zero = 0.0f, big = 3e38f, tiny = 1e-30f, three = 3.0f;
  static const float inf = __builtin_inff(), snan_bits_holder = 0;
  (void)snan_bits_holder;
#define FPTRY(name, mx, insn, a, b)                                                         \
  TRY(name, { uint32_t m = mx; __asm__ volatile("ldmxcsr %0" :: "m"(m));                   \
              __asm__ volatile("movss %1, %%xmm1\n\t" insn " %2, %%xmm1\n\tmovss %%xmm1, %0" \
                               : "=m"(dst[0]) : "m"(a), "m"(b) : "xmm1"); })
  FPTRY("divss 1/0 ZE unmasked", 0x1d80, "divss", one, zero);
  FPTRY("divss 1/0 ZE masked", 0x1f80, "divss", one, zero);
  FPTRY("divss 0/0 IE unmasked", 0x1f00, "divss", zero, zero);
  FPTRY("subss inf-inf IE unmasked", 0x1f00, "subss", inf, inf);
  FPTRY("mulss big*big OE unmasked", 0x1b80, "mulss", big, big);
  FPTRY("mulss tiny*tiny UE unmasked", 0x1780, "mulss", tiny, tiny);
  FPTRY("divss 1/3 PE unmasked", 0x0f80, "divss", one, three);
  FPTRY("addss 1+0 PE unmasked", 0x0f80, "addss", one, zero);
  FPTRY("mulss big*big OE+PE unmasked", 0x0b80, "mulss", big, big);
  FPTRY("mulss big*big PE only unmasked", 0x0f80, "mulss", big, big);
  FPTRY("cvtss2sd denormal DE unmasked", 0x1e80, "cvtss2sd", one, (float){1e-40f});
  FPTRY("addss denormal DE unmasked", 0x1e80, "addss", one, (float){1e-40f});
  FPTRY("comiss qnan IE unmasked", 0x1f00, "comiss", one, (float){__builtin_nanf("")});
  FPTRY("ucomiss qnan IE unmasked", 0x1f00, "ucomiss", one, (float){__builtin_nanf("")});
  TRY("cvttss2si IE unmasked", { uint32_t m = 0x1f00, r = 0x11111111; __asm__ volatile("ldmxcsr %0" :: "m"(m));
      __asm__ volatile("cvttss2si %1, %0" : "+r"(r) : "m"(big)); memcpy(dst, &r, 4); });
  /* packed: flags of every lane; pre-computation exceptions (IE, DE, ZE) suppress the others */
  static const float pa[4] __attribute__((aligned(16))) = { 1.0f, 0.0f, 3e38f, 1e-40f };
  static const float pb[4] __attribute__((aligned(16))) = { 3.0f, 0.0f, 3e38f, 1.0f };
  static const uint32_t PMX[] = { 0x1f00, 0x1e80, 0x1d80, 0x1b80, 0x1780, 0x0f80, 0x0e80, 0x1f80 & ~0x1100, 0x0780 };
  for (unsigned k = 0; k < sizeof PMX / sizeof PMX[0]; k++) {
    char name[40];
    snprintf(name, sizeof name, "addps/mulps/divps mask %04x", PMX[k]);
    TRY(name, { uint32_t m = PMX[k]; __asm__ volatile("ldmxcsr %0" :: "m"(m));
                __asm__ volatile("movaps %1, %%xmm1\n\tdivps %2, %%xmm1\n\tmovaps %1, %%xmm2\n\tmulps %2, %%xmm2\n\t"
                                 "movaps %1, %%xmm3\n\taddps %2, %%xmm3\n\tmovss %%xmm1, %0"
                                 : "=m"(dst[0]) : "m"(pa), "m"(pb) : "xmm1", "xmm2", "xmm3"); });
  }
  return 0;
}
