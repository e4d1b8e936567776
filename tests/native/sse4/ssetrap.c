/* The SSE/SSE2 arithmetic under random MXCSR masks (unmasked exceptions trap): the
 * exception rules of sse-fp.ts that the SSE3/SSE4.1 instructions share (which flags an
 * unmasked overflow or underflow reports, pre-computation exceptions, DAZ/FTZ) checked on
 * the SSE/SSE2 instructions too. A trap prints the MXCSR and si_code the handler sees.
 * usage: ssetrap [count] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include "../sse/common.h"

static sigjmp_buf jb;
static volatile uint32_t tmx, tcode;
static void on_fpe(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  tmx = ((ucontext_t *)uc)->uc_mcontext.fpregs->mxcsr;
  tcode = (uint32_t)si->si_code;
  siglongjmp(jb, 1);
}
#define OP(fn, insn)                                                                           \
  static uint32_t fn##_f(v128 *d, const v128 *s, uint32_t mx) {                                \
    __asm__ volatile("ldmxcsr %[m]\n\tmovdqu %[d], %%xmm2\n\t" insn " %[s], %%xmm2\n\t"          \
                     "movdqu %%xmm2, %[d]\n\tstmxcsr %[m]" : [d] "+m"(*d), [m] "+m"(mx) : [s] "m"(*s) : "xmm2"); \
    return mx;                                                                                 \
  }
OP(addps, "addps") OP(mulps, "mulps") OP(divps, "divps") OP(sqrtps, "sqrtps") OP(subpd, "subpd")
OP(mulpd, "mulpd") OP(divpd, "divpd") OP(sqrtpd, "sqrtpd") OP(cvtpd2ps, "cvtpd2ps") OP(cvtps2pd, "cvtps2pd")
OP(addsd, "addsd") OP(mulss, "mulss") OP(minps, "minps") OP(cvtps2dq, "cvtps2dq")
typedef uint32_t (*fn)(v128 *, const v128 *, uint32_t);
static const struct { const char *name; fn f; int is64; } OPS[] = {
  { "addpsm", addps_f, 0 }, { "mulpsm", mulps_f, 0 }, { "divpsm", divps_f, 0 }, { "sqrtpsm", sqrtps_f, 0 },
  { "subpdm", subpd_f, 1 }, { "mulpdm", mulpd_f, 1 }, { "divpdm", divpd_f, 1 }, { "sqrtpdm", sqrtpd_f, 1 },
  { "cvtpd2psm", cvtpd2ps_f, 1 }, { "cvtps2pdm", cvtps2pd_f, 0 }, { "addsdm", addsd_f, 1 }, { "mulssm", mulss_f, 0 },
  { "minpsm", minps_f, 0 }, { "cvtps2dqm", cvtps2dq_f, 0 },
};
#define NOPS (sizeof OPS / sizeof OPS[0])

int main(int argc, char **argv) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fpe;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, 0);
  unsigned count = argc > 1 ? (unsigned)atoi(argv[1]) : 20000;
  for (unsigned n = 0; n < count; n++) {
    unsigned k = n % NOPS;
    v128 a, b, d;
    if (OPS[k].is64) for (int j = 0; j < 2; j++) { a.q[j] = (n & 16) ? F64[rnd32() % NF64] : rnd_f64(); b.q[j] = (n & 32) ? F64[rnd32() % NF64] : rnd_f64(); }
    else for (int j = 0; j < 4; j++) { a.u[j] = (n & 16) ? F32[rnd32() % NF32] : rnd_f32(); b.u[j] = (n & 32) ? F32[rnd32() % NF32] : rnd_f32(); }
    /* rounding, DAZ and FTZ at random; each exception unmasked with probability 1/3 (PE 1/6) */
    uint32_t r = rnd32(), mx = (r & 0x6000) | (r & 0x8040);
    for (int j = 0; j < 6; j++) if ((rnd32() % (j == 5 ? 6 : 3)) != 0) mx |= 0x80u << j;
    d = a;
    out_s(OPS[k].name); out_c(' '); out_hex(n, 5); out_c(' '); out_h32(mx);
    if (!sigsetjmp(jb, 0)) { uint32_t m = OPS[k].f(&d, &b, mx); out_v(&d); out_h32(m); }
    else { out_s("trap "); out_h32(tmx); out_h32(tcode); out_v(&d); uint32_t z = 0x1f80; LDMX(z); }
    out_nl();
  }
  flush_out();
  (void)out_h32;
  return 0;
}
