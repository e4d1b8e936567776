/* SSE3/SSSE3/SSE4.1 faults: misaligned 16-byte memory operands raise #GP (SIGSEGV,
 * si_code SI_KERNEL, si_addr 0) except for lddqu and the narrower operands (pmovsx/zx,
 * roundss/sd, insertps, movddup, MMX forms); unmasked floating-point exceptions raise
 * #XM (SIGFPE) and leave the destination unchanged, the flags of a dot product's
 * intermediate steps included; monitor/mwait are #UD (SIGILL) in user mode.
 * Each line starts with the instruction's name and '_'. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <ucontext.h>
#include <sys/mman.h>
#include "../common/catch.h"

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;
static volatile uint32_t got_mx;
static volatile uint16_t got_fsw, got_ftw;

static void handler(int sig, siginfo_t *si, void *uc) {
  ucontext_t *u = uc;
  got_mx = u->uc_mcontext.fpregs ? u->uc_mcontext.fpregs->mxcsr : 0xdead;
  got_fsw = u->uc_mcontext.fpregs ? u->uc_mcontext.fpregs->swd : 0xdead;
  got_ftw = u->uc_mcontext.fpregs ? u->uc_mcontext.fpregs->ftw : 0xdead;
  got_sig = sig; got_code = si->si_code; got_addr = (uintptr_t)si->si_addr;
  siglongjmp(jb, 1);
}

static unsigned char buf[64] __attribute__((aligned(16)));
static uint32_t dst[4] __attribute__((aligned(16)));

#define TRY(name, ...)                                                                        \
  do {                                                                                        \
    got_sig = 0; got_code = 0; got_addr = 1; got_mx = 0;                                       \
    memset(dst, 0x11, sizeof dst);                                                            \
    if (sigsetjmp(jb, 1) == 0) { __VA_ARGS__; }                                               \
    uint32_t mx; __asm__ volatile("stmxcsr %0" : "=m"(mx));                                    \
    printf("%-34s sig=%d code=%d addr=%s dst=%08x %08x %08x %08x mxcsr=%04x at-fault=%04x\n", name, got_sig, \
           got_code, got_addr == 0 ? "0" : got_addr == 1 ? "-" : "nonzero", dst[0], dst[1], dst[2], dst[3], mx, got_mx); \
    __asm__ volatile("ldmxcsr %0" :: "m"((uint32_t){0x1f80}));                                 \
  } while (0)

/* load dst into xmm1, apply the instruction with a memory source at p, store xmm1 back */
#define MEMTRY(name, insn, p)                                                                 \
  TRY(name, __asm__ volatile("movdqa %0, %%xmm1\n\t" insn " (%1), %%xmm1\n\tmovdqa %%xmm1, %0" \
                             : "+m"(dst) : "r"(p) : "xmm0", "xmm1", "memory"))

int main(void) {
  catch_signals(handler, SIGSEGV, SIGFPE, SIGBUS, SIGILL, 0);
  for (int k = 0; k < 64; k++) buf[k] = (unsigned char)(k * 37 + 1);
  unsigned char *m1 = buf + 1, *m8 = buf + 8;

  MEMTRY("lddqu_misaligned", "lddqu", m1);
  MEMTRY("movntdqa_aligned", "movntdqa", buf + 16);
  MEMTRY("movntdqa_misaligned", "movntdqa", m8);
  MEMTRY("movddup_misaligned", "movddup", m1);
  MEMTRY("movshdup_misaligned", "movshdup", m8);
  MEMTRY("movsldup_misaligned", "movsldup", m8);
  MEMTRY("haddps_misaligned", "haddps", m8);
  MEMTRY("addsubpd_misaligned", "addsubpd", m8);
  MEMTRY("pshufb_misaligned", "pshufb", m1);
  MEMTRY("pabsw_misaligned", "pabsw", m8);
  MEMTRY("pmulld_misaligned", "pmulld", m8);
  MEMTRY("ptest_misaligned", "ptest", m8);
  MEMTRY("phminposuw_misaligned", "phminposuw", m8);
  MEMTRY("pblendvb_misaligned", "pblendvb %%xmm0,", m8);
  MEMTRY("pmovsxbw_misaligned", "pmovsxbw", m1);
  MEMTRY("pmovzxdq_misaligned", "pmovzxdq", m1);
  MEMTRY("roundps_misaligned", "roundps $1,", m8);
  MEMTRY("roundss_misaligned", "roundss $1,", m1);
  MEMTRY("roundsd_misaligned", "roundsd $1,", m1);
  MEMTRY("dpps_misaligned", "dpps $0xff,", m8);
  MEMTRY("mpsadbw_misaligned", "mpsadbw $0,", m8);
  MEMTRY("insertps_misaligned", "insertps $0x10,", m1);
  MEMTRY("palignr_misaligned", "palignr $3,", m8);
  MEMTRY("blendps_misaligned", "blendps $5,", m8);
  MEMTRY("pinsrd_misaligned", "pinsrd $1,", m1);
  TRY("pshufb_mmx_misaligned", __asm__ volatile("movq %0, %%mm1\n\tpshufb (%1), %%mm1\n\tmovq %%mm1, %0\n\temms"
                                                  : "+m"(*(uint64_t *)dst) : "r"(m1) : "mm1", "memory"));
  TRY("palignr_mmx_misaligned", __asm__ volatile("movq %0, %%mm1\n\tpalignr $2, (%1), %%mm1\n\tmovq %%mm1, %0\n\temms"
                                                  : "+m"(*(uint64_t *)dst) : "r"(m1) : "mm1", "memory"));
  TRY("pextrd_unmapped", __asm__ volatile("pextrd $1, %%xmm1, (%0)" :: "r"((void *)16) : "memory"));
  TRY("pmovsxbw_unmapped", __asm__ volatile("pmovsxbw (%0), %%xmm1" :: "r"((void *)16) : "xmm1"));
  /* mandatory prefixes: the last F2/F3 decides, 66 with F2/F3 belongs to the F2/F3 form,
   * the 0F 38 / 0F 3A forms exist only unprefixed (MMX) or with 66 (XMM) */
#define BYTES(name, b) TRY(name, __asm__ volatile("pxor %%xmm0, %%xmm0\n\tpcmpeqd %%xmm1, %%xmm1\n\t.byte " b ::: "xmm0", "xmm1", "mm0", "mm1", "memory"); __asm__ volatile("emms"))
  BYTES("pfx_pshufb_f3", "0xf3,0x0f,0x38,0x00,0xc1");
  BYTES("pfx_pshufb_f2", "0xf2,0x0f,0x38,0x00,0xc1");
  BYTES("pfx_pshufb_66f3", "0x66,0xf3,0x0f,0x38,0x00,0xc1");
  BYTES("pfx_pshufb_f366", "0xf3,0x66,0x0f,0x38,0x00,0xc1");
  BYTES("pfx_pshufb_66rexw", "0x66,0x48,0x0f,0x38,0x00,0xc1");
  BYTES("pfx_palignr_f3", "0xf3,0x0f,0x3a,0x0f,0xc1,0x01");
  BYTES("pfx_palignr_66f3", "0x66,0xf3,0x0f,0x3a,0x0f,0xc1,0x01");
  BYTES("pfx_pmovsxbw_f3", "0xf3,0x0f,0x38,0x20,0xc1");
  BYTES("pfx_pmovsxbw_np", "0x0f,0x38,0x20,0xc1");
  BYTES("pfx_ptest_np", "0x0f,0x38,0x17,0xc1");
  BYTES("pfx_roundps_np", "0x0f,0x3a,0x08,0xc1,0x00");
  BYTES("pfx_roundps_66f2", "0x66,0xf2,0x0f,0x3a,0x08,0xc1,0x00");
  BYTES("pfx_pblendvb_np", "0x0f,0x38,0x10,0xc1");
  BYTES("pfx_addsubps_66f2", "0x66,0xf2,0x0f,0xd0,0xc1");
  BYTES("pfx_addsubpd_f366", "0xf3,0x66,0x0f,0xd0,0xc1");
  BYTES("pfx_haddps_f3", "0xf3,0x0f,0x7c,0xc1");
  BYTES("pfx_haddps_np", "0x0f,0x7c,0xc1");
  BYTES("pfx_haddps_66f2", "0x66,0xf2,0x0f,0x7c,0xc1");
  BYTES("pfx_haddps_f2f3", "0xf2,0xf3,0x0f,0x7c,0xc1");
  BYTES("pfx_haddps_f3f2", "0xf3,0xf2,0x0f,0x7c,0xc1");
  BYTES("pfx_movshdup_f3f2", "0xf3,0xf2,0x0f,0x16,0xc1");
  BYTES("pfx_movshdup_f2f3", "0xf2,0xf3,0x0f,0x16,0xc1");
  BYTES("pfx_lddqu_reg", "0xf2,0x0f,0xf0,0xc1");
  BYTES("pfx_movntdqa_reg", "0x66,0x0f,0x38,0x2a,0xc1");
  TRY("monitor_user", __asm__ volatile("monitor" :: "a"(buf), "c"(0), "d"(0)));
  TRY("mwait_user", __asm__ volatile("mwait" :: "a"(0), "c"(0)));

  /* the SSSE3 MMX forms and the x87 unit: a pending unmasked x87 exception is delivered
   * (#MF) before the instruction; otherwise it switches to MMX operation (TOP = 0, tags
   * valid), also when its memory operand faults. Printed: the status and tag words
   * (fnstenv after the instruction, or in the signal frame at a fault). */
  static const uint16_t unmask_ze = 0x037b;
  static const float zero_f = 0.0f;
  unsigned char *page = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(page + 4096, 4096, PROT_NONE);
#define X87TRY(name, setup, insn, p)                                                          \
  do {                                                                                        \
    got_sig = 0; got_code = 0; got_fsw = 0; got_ftw = 0;                                      \
    uint32_t env[7] = { 0 };                                                                  \
    if (sigsetjmp(jb, 1) == 0) {                                                              \
      __asm__ volatile("fninit\n\t" setup "\n\t" insn "\n\tfnstenv %0\n\tfwait"                \
                       : "=m"(env) : "r"(p), "m"(unmask_ze), "m"(zero_f) : "memory", "st", "st(1)", "mm0", "mm1", "mm2"); \
    }                                                                                         \
    printf("%-34s sig=%d code=%d fsw=%04x ftw=%04x frame-fsw=%04x frame-ftw=%02x\n", name, got_sig, got_code, \
           env[1] & 0xffff, env[2] & 0xffff, got_fsw, got_ftw);                               \
    __asm__ volatile("fninit\n\temms");                                                        \
  } while (0)
  X87TRY("pshufb_mmx_after_fld", "fld1\n\tfldpi", "pshufb %%mm1, %%mm0", page);
  X87TRY("phaddw_mmx_mem_after_fld", "fld1\n\tfldz\n\tfldpi", "phaddw (%1), %%mm2", page);
  X87TRY("pabsd_mmx_pending_mf", "fldcw %2\n\tfld1\n\tfdivs %3", "pabsd %%mm1, %%mm0", page);
  X87TRY("palignr_mmx_pending_mf", "fldcw %2\n\tfld1\n\tfdivs %3", "palignr $3, (%1), %%mm1", page);
  X87TRY("psignb_mmx_page_fault", "fld1\n\tfldz", "psignb (%1), %%mm1", page + 4092);
  X87TRY("pmulhrsw_mmx_page_fault", "", "pmulhrsw (%1), %%mm2", page + 4096);
  X87TRY("pshufb_xmm_after_fld", "fld1\n\tfldpi", "pshufb %%xmm1, %%xmm0", page);

  /* unmasked exceptions: the destination keeps its value */
  static const float fa[4] __attribute__((aligned(16))) = { 1.0f, 3e38f, 1e-30f, 1.5f };
  static const float fb[4] __attribute__((aligned(16))) = { 3.0f, 3e38f, 1e-30f, 1e-40f };
  static const float fsn[4] __attribute__((aligned(16))) = { 1.0f, 2.0f, __builtin_nansf(""), 1.0f };
  static const float fnum[4] __attribute__((aligned(16))) = { 2.5f, -0.5f, 7.0f, 1e-40f };
  static const uint32_t MX[] = { 0x1f80, 0x1f00, 0x1e80, 0x1b80, 0x1780, 0x0f80, 0x0780, 0x1f40, 0x9f80 };
#define FPTRY(insn, mx, a, b)                                                                  \
  do {                                                                                         \
    char name[48];                                                                             \
    snprintf(name, sizeof name, "%s_%04x", insn, mx);                                          \
    TRY(name, { uint32_t m = mx; __asm__ volatile("ldmxcsr %0" :: "m"(m));                     \
                __asm__ volatile("movaps %1, %%xmm1\n\t" insn " %2, %%xmm1\n\tmovaps %%xmm1, %0" \
                                 : "=m"(dst) : "m"(a), "m"(b) : "xmm1"); });                  \
  } while (0)
  for (unsigned k = 0; k < sizeof MX / sizeof MX[0]; k++) {
    FPTRY("haddps", MX[k], fa, fb);
    FPTRY("hsubps", MX[k], fb, fa);
    FPTRY("addsubps", MX[k], fa, fb);
    FPTRY("dpps $0xff,", MX[k], fa, fb);
    FPTRY("dpps $0x31,", MX[k], fb, fb);
    FPTRY("dpps $0xc3,", MX[k], fa, fa);
    FPTRY("dpps $0x7f,", MX[k], fsn, fa);
    FPTRY("dppd $0x33,", MX[k], fa, fb);
    FPTRY("roundps $0x0,", MX[k], fb, fnum);
    FPTRY("roundps $0x8,", MX[k], fb, fnum);
    FPTRY("roundps $0x4,", MX[k], fb, fsn);
    FPTRY("roundss $0x1,", MX[k], fb, fnum);
    FPTRY("roundpd $0x2,", MX[k], fb, fnum);
  }
  /* dot products with unmasked exceptions: which step (products, pair sums, final sum)
   * traps, and the flags of the earlier steps */
  static const float DPA[][4] = { { 3e38f, -3e38f, 1, 1 }, { 1e-30f, 1e-30f, 1, 3 }, { 1e-20f, 1e-20f, 0, 0 },
                                  { 1.5f, 1, 2, 4 }, { 3, 1, 2, 4 }, { 2, 1, 1, 4 }, { 1e-20f, 1, 1e20f, -1e20f } };
  static const float DPB[][4] = { { 3e38f, 3e38f, 1, 1 }, { 1e-30f, 1e-30f, 1, 0.1f }, { 1e-20f, 1e-20f, 0, 0 },
                                  { 1e-40f, 3e38f, 3e38f, 1 }, { 0.1f, 1e30f, -1e30f, 1 }, { 3e38f, 3e38f, -3e38f, 1 },
                                  { 1e-20f, 1e-39f, 1e20f, 1e20f } };
  static const double DDA[][2] = { { 1e300, -1e300 }, { 1e-200, 1 }, { 1e-160, 1e-160 }, { 1e308, 1e308 } };
  static const double DDB[][2] = { { 1e300, 1e300 }, { 1e-200, 3 }, { 1e-160, -1e-160 }, { 1.5, 1.5 } };
  static const uint32_t DMX[] = { 0x1f80, 0x1b80, 0x1780, 0x0f80, 0x1e80, 0x1f00, 0x0b80, 0x0780, 0x1d80 };
  static float dpa[4] __attribute__((aligned(16))), dpb[4] __attribute__((aligned(16)));
  static double dda[2] __attribute__((aligned(16))), ddb[2] __attribute__((aligned(16)));
  for (unsigned k = 0; k < sizeof DMX / sizeof DMX[0]; k++) {
    for (unsigned v = 0; v < sizeof DPA / sizeof DPA[0]; v++) {
      char name[48];
      memcpy(dpa, DPA[v], 16); memcpy(dpb, DPB[v], 16);
      snprintf(name, sizeof name, "dpps_steps_%u_%04x", v, DMX[k]);
      TRY(name, { uint32_t m = DMX[k]; __asm__ volatile("ldmxcsr %0" :: "m"(m));
                  __asm__ volatile("movaps %1, %%xmm1\n\tdpps $0xff, %2, %%xmm1\n\tmovaps %%xmm1, %0"
                                   : "=m"(dst) : "m"(dpa), "m"(dpb) : "xmm1"); });
    }
    for (unsigned v = 0; v < sizeof DDA / sizeof DDA[0]; v++) {
      char name[48];
      memcpy(dda, DDA[v], 16); memcpy(ddb, DDB[v], 16);
      snprintf(name, sizeof name, "dppd_steps_%u_%04x", v, DMX[k]);
      TRY(name, { uint32_t m = DMX[k]; __asm__ volatile("ldmxcsr %0" :: "m"(m));
                  __asm__ volatile("movapd %1, %%xmm1\n\tdppd $0x33, %2, %%xmm1\n\tmovapd %%xmm1, %0"
                                   : "=m"(dst) : "m"(dda), "m"(ddb) : "xmm1"); });
    }
  }
  return 0;
}
