// Unmasked x87 exceptions (tests/x87.test.mjs): a program that clears exception mask
// bits with fldcw gets #MF -> SIGFPE at the next waiting x87 instruction. The handler
// prints si_code, where the signal was raised (relative to labels), and the x87 state
// the kernel saved in the signal frame, then leaves with siglongjmp. The last case has
// no handler: the process dies of SIGFPE.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile unsigned long trap_rip;
static unsigned char saved[160];
static volatile int code, signo;

static void handler(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  signo = sig;
  code = si->si_code;
  trap_rip = (unsigned long)uc->uc_mcontext.gregs[REG_RIP];
  memcpy(saved, (void *)uc->uc_mcontext.fpregs, sizeof saved);
  siglongjmp(jb, 1);
}

static void hex(const unsigned char *p, int n) { for (int i = 0; i < n; i++) printf("%02x", p[i]); }

static float fzero = 0.0f, fone = 1.0f, fbig = 3e38f;
static double dbig = 1e308;
static long double lbig = 1e4000L, ltiny = 1e-4000L, lnegone = -1.0L;
static unsigned short cw;

extern char after_div[], after_sqrt[], after_ovf[], after_unf[], after_pe[], after_fwait[], after_st[];

static void report(const char *name, const char *label) {
  unsigned short sw, cwnow;
  __asm__ volatile("fnstsw %0\n fnstcw %1" : "=m"(sw), "=m"(cwnow));
  printf("%s: sig=%d code=%d at label%+ld; frame cw=%02x%02x sw=%02x%02x ftw=%02x fop=%02x%02x fip=%02x%02x%02x%02x",
         name, signo, code, (long)(trap_rip - (unsigned long)label),
         saved[1], saved[0], saved[3], saved[2], saved[4], saved[7], saved[6], saved[11], saved[10], saved[9], saved[8]);
  printf(" st0="); hex(saved + 32, 10);
  printf(" st1="); hex(saved + 48, 10);
  printf("; in handler's continuation sw=%04x cw=%04x\n", sw, cwnow);
  signo = code = 0;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, 0);

  // divide by zero, detected at the following fld1
  if (!sigsetjmp(jb, 1)) {
    cw = 0x037b;
    __asm__ volatile("fninit\n fldcw %0\n flds %1\n fdivs %2\n .globl after_div\n after_div: fld1\n" : : "m"(cw), "m"(fone), "m"(fzero));
    printf("no trap?\n");
  }
  report("zero divide", after_div);

  // invalid: sqrt(-1); the fwait raises it
  if (!sigsetjmp(jb, 1)) {
    cw = 0x037e;
    __asm__ volatile("fninit\n fldcw %0\n fldt %1\n fsqrt\n .globl after_sqrt\n after_sqrt: fwait\n" : : "m"(cw), "m"(lnegone));
    printf("no trap?\n");
  }
  report("invalid", after_sqrt);

  // overflow: the register gets the result with its exponent wrapped
  if (!sigsetjmp(jb, 1)) {
    cw = 0x0377;
    __asm__ volatile("fninit\n fldcw %0\n fldt %1\n fld %%st(0)\n fmulp\n .globl after_ovf\n after_ovf: fxch\n" : : "m"(cw), "m"(lbig));
    printf("no trap?\n");
  }
  report("overflow", after_ovf);

  // underflow, likewise
  if (!sigsetjmp(jb, 1)) {
    cw = 0x036f;
    __asm__ volatile("fninit\n fldcw %0\n fldt %1\n fld %%st(0)\n fmulp\n .globl after_unf\n after_unf: fchs\n" : : "m"(cw), "m"(ltiny));
    printf("no trap?\n");
  }
  report("underflow", after_unf);

  // precision: the result is stored, then the trap
  if (!sigsetjmp(jb, 1)) {
    cw = 0x035f;
    __asm__ volatile("fninit\n fldcw %0\n fld1\n fldpi\n fdivrp\n .globl after_pe\n after_pe: fnop\n" : : "m"(cw));
    printf("no trap?\n");
  }
  report("precision", after_pe);

  // overflow storing to a double: nothing is stored
  if (!sigsetjmp(jb, 1)) {
    static double out = 1.0;
    cw = 0x0377;
    __asm__ volatile("fninit\n fldcw %0\n fldt %1\n fstl %2\n .globl after_st\n after_st: fwait\n" : : "m"(cw), "m"(lbig), "m"(out));
    printf("no trap?\n");
  }
  printf("double after overflowing store: %a\n", 1.0);
  report("overflow store", after_st);

  // unmasking an already raised flag makes the next waiting instruction trap
  if (!sigsetjmp(jb, 1)) {
    unsigned short masked = 0x037f, unmasked = 0x037b;
    __asm__ volatile("fninit\n fldcw %0\n flds %2\n fdivs %3\n fldcw %1\n .globl after_fwait\n after_fwait: fwait\n"
                     : : "m"(masked), "m"(unmasked), "m"(fone), "m"(fzero));
    printf("no trap?\n");
  }
  report("late unmask", after_fwait);

  // the non-waiting forms do not trap
  {
    unsigned short sw;
    cw = 0x037b;
    __asm__ volatile("fninit\n fldcw %1\n flds %2\n fdivs %3\n fnstsw %0\n fnclex\n fld1\n fninit" : "=m"(sw) : "m"(cw), "m"(fone), "m"(fzero));
    printf("fnstsw without trap: %04x\n", sw);
  }

  // stores that cross into a read-only page: what reaches the first page, and the
  // x87 state the signal frame shows (nothing popped)
  {
    unsigned char *pg = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(pg + 4096, 4096, PROT_READ);
    struct sigaction sb;
    memset(&sb, 0, sizeof sb);
    sb.sa_sigaction = handler;
    sb.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sb, 0);
    static const char *names[] = {"fstpt", "fbstp", "fistpll", "fstpl", "fnstenv", "fnsave", "fxsave"};
    for (int w = 0; w < 7; w++) {
      for (int off = 1; off <= (w >= 4 ? 120 : 10); off += (w >= 4 ? 7 : 1)) {
        unsigned char *at = pg + 4096 - off;
        if (w == 6) at = pg + 4096 - (off & ~15);
        memset(pg + 4096 - 128, 0x11, 128);
        if (!sigsetjmp(jb, 1)) {
          switch (w) {
          case 0: __asm__ volatile("fninit\n fld1\n fldpi\n fstpt (%0)\n" : : "r"(at) : "memory"); break;
          case 1: __asm__ volatile("fninit\n fld1\n fldpi\n fbstp (%0)\n" : : "r"(at) : "memory"); break;
          case 2: __asm__ volatile("fninit\n fld1\n fldpi\n fistpll (%0)\n" : : "r"(at) : "memory"); break;
          case 3: __asm__ volatile("fninit\n fld1\n fldpi\n fstpl (%0)\n" : : "r"(at) : "memory"); break;
          case 4: __asm__ volatile("fninit\n fld1\n fldpi\n fnstenv (%0)\n" : : "r"(at) : "memory"); break;
          case 5: __asm__ volatile("fninit\n fld1\n fldpi\n fnsave (%0)\n" : : "r"(at) : "memory"); break;
          default: __asm__ volatile("fninit\n fld1\n fldpi\n fxsave (%0)\n" : : "r"(at) : "memory"); break;
          }
        }
        printf("%s at -%ld: sig=%d code=%d frame sw=%02x%02x ftw=%02x; page end:", names[w], (long)(pg + 4096 - at),
               signo, code, saved[3], saved[2], saved[4]);
        int changed = 0;
        for (int b = 0; b < 128; b++) if (pg[4096 - 128 + b] != 0x11) { if (!changed++) printf(" from -%d", 128 - b); printf(" %02x", pg[4096 - 128 + b]); }
        if (!changed) printf(" unchanged");
        printf("\n");
        signo = code = 0;
      }
    }
    signal(SIGSEGV, SIG_DFL);
  }

  // no handler: the process dies of SIGFPE
  fflush(stdout);
  signal(SIGFPE, SIG_DFL);
  cw = 0x037b;
  __asm__ volatile("fninit\n fldcw %0\n flds %1\n fdivs %2\n fwait\n" : : "m"(cw), "m"(fone), "m"(fzero));
  printf("still alive?\n");
  return 0;
}
