// Harness of the JIT differential fuzzer (tests/jit-fuzz.test.mjs): runs each generated
// block (tests/native/jit/fuzzgen.mjs, linked in as blk_table) ITER times on fresh random
// registers, rflags, MXCSR, xmm registers and buffer contents, and prints after every run
// the 14 registers, the arithmetic flags, a hash of the buffer, a hash of xmm0-15,
// MXCSR and a hash of the x87 state (fnsave, by the x87 sequences), one line per run.
//
// In fault mode the operand buffer ends 0-64 bytes early at a PROT_NONE page, so some
// accesses fault, and some runs unmask SSE or x87 exceptions: the SIGSEGV/SIGFPE handler
// reports the signal, the fault address (from the
// buffer), the faulting instruction (from the block), and the registers, flags, xmm
// registers and MXCSR of its context, and the run goes on with the next input. Compiled
// code must stop at exactly the faulting instruction with every earlier effect done.
//
// usage: fuzz ITER [FIRST_BLOCK [LAST_BLOCK [FLAGS]]]   FLAGS: v (every xmm register), f (faults)
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include <sys/mman.h>

typedef void (*blk_fn)(uint64_t *regs, uint8_t *mem);
extern const blk_fn blk_table[];
extern const uint64_t blk_count;

static uint64_t rs = 0x243f6a8885a308d3ull;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 0x2545F4914F6CDD1Dull; }

/** register values: random, or the small and edge values that make flags interesting */
static uint64_t value(void) {
  switch (rnd() % 8) {
  case 0: return 0;
  case 1: return ~0ull;
  case 2: return rnd() % 70;
  case 3: return 1ull << (rnd() % 64);
  case 4: return (rnd() & 1 ? 0x80000000ull : 0x8000000000000000ull) - (rnd() % 3);
  default: return rnd();
  }
}

/** an 8-byte lane of an xmm register: doubles, float pairs and integers at their edges */
static uint64_t lane(void) {
  static const uint64_t D[] = { 0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull, 0xfff8000000000001ull,
    0x0000000000000001ull, 0x000fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull, 0x43e0000000000000ull,
    0xc3e0000000000000ull, 0x41e0000000000000ull, 0x3fe0000000000000ull, 0x4330000000000000ull };
  static const uint32_t F[] = { 0, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x7f800000u, 0xff800000u, 0x7fc00000u,
    0x7fa00000u, 0x00000001u, 0x007fffffu, 0x00800000u, 0x7f7fffffu, 0x4f000000u, 0xcf000000u, 0x3f000000u, 0x4b000000u };
  double d;
  switch (rnd() % 8) {
  case 0: return D[rnd() % (sizeof D / sizeof D[0])];
  case 1: return (uint64_t)F[rnd() % 16] << 32 | F[rnd() % 16];
  case 2: d = (double)(int64_t)(rnd() % 2001) - 1000; d /= (double)(1 + rnd() % 8); { uint64_t u; memcpy(&u, &d, 8); return u; }
  case 3: { float f[2] = { (float)((int)(rnd() % 201) - 100) / 4, (float)(rnd() % 1000) * 1.5f }; uint64_t u; memcpy(&u, f, 8); return u; }
  case 4: return value();
  case 5: d = (double)rnd() / 3.0 * ((rnd() & 1) ? 1e-300 : 1e-10); { uint64_t u; memcpy(&u, &d, 8); return u; }
  default: return rnd();
  }
}

/* what the SIGSEGV handler saw */
static sigjmp_buf jb;
static volatile int fault_sig, fault_code;
static uint64_t fault_addr, fault_regs[NGREG], fault_xmm[32];
static uint32_t fault_mxcsr;
static uint8_t fault_x87[160];

static void on_fault(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  fault_sig = sig; fault_code = si->si_code; fault_addr = (uint64_t)si->si_addr;
  memcpy(fault_regs, uc->uc_mcontext.gregs, sizeof fault_regs);
  memcpy(fault_xmm, uc->uc_mcontext.fpregs->_xmm, sizeof fault_xmm);
  fault_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
  memcpy(fault_x87, uc->uc_mcontext.fpregs, sizeof fault_x87); /* control..st7 of the fxsave image */
  siglongjmp(jb, 1);
}

static uint64_t fnv(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t k = 0; k < n; k++) { h ^= p[k]; h *= 0x100000001b3ull; }
  return h;
}

/* the registers of a context in regs[] order (fuzzgen.mjs REGS) */
static const int GREG[14] = { REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP,
                              REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14 };

int main(int argc, char **argv) {
  int iter = argc > 1 ? atoi(argv[1]) : 3;
  uint64_t first = argc > 2 ? strtoull(argv[2], 0, 10) : 0, last = argc > 3 ? strtoull(argv[3], 0, 10) : blk_count - 1;
  const char *flags = argc > 4 ? argv[4] : "";
  int verbose = strchr(flags, 'v') != NULL, faults = strchr(flags, 'f') != NULL;
  /* two pages at a fixed address (the same natively and under x64vm, so pointers into
     them print alike); the second is PROT_NONE in fault mode. The operand buffer (r15)
     is 272 bytes before the end of the first page, or up to 64 bytes closer to it; xmm0-15,
     the final MXCSR and the MXCSR table sit 320 bytes below r15 (fuzzgen.mjs XMM_AREA). */
  uint8_t *pages = mmap((void *)0x70000000, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (pages == MAP_FAILED) { perror("mmap"); return 1; }
  /* divides raise #DE in every mode; fault mode adds the PROT_NONE page */
  if (faults) mprotect(pages + 4096, 4096, PROT_NONE);
  struct sigaction sa; memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault; sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL); sigaction(SIGBUS, &sa, NULL); sigaction(SIGFPE, &sa, NULL);
  uint64_t regs[16];
  for (uint64_t b = first; b <= last && b < blk_count; b++) {
    /* each block's inputs depend on its number only: one block can be rerun alone */
    rs = 0x243f6a8885a308d3ull ^ (b * 0x9E3779B97F4A7C15ull);
    for (int k = 0; k < 4; k++) rnd();
    for (int it = 0; it < iter; it++) {
      uint8_t *mem = pages + 4096 - 272 + (faults ? 16 * (rnd() % 5) : 0);
      size_t reach = (size_t)(pages + 4096 - mem); /* accessible operand bytes */
      if (reach > 264) reach = 264;
      uint8_t *xmm = mem - 320;
      for (int k = 0; k < 14; k++) regs[k] = value();
      regs[14] = (rnd() & 0x8d5) | 2; /* CF PF AF ZF SF OF */
      /* MXCSR: every exception masked, random rounding, DAZ, FTZ and sticky flags */
      regs[15] = 0x1f80 | (rnd() & 0x6000) | (rnd() & 0x8000) | (rnd() & 0x40) | (rnd() & 0x3f);
      /* fault mode: now and then some SSE exceptions unmasked (SIGFPE at the instruction) */
      if (faults && rnd() % 4 == 0) regs[15] &= ~(rnd() & 0x1f80);
      for (size_t k = 0; k + 8 <= reach; k += 8) { uint64_t v = (rnd() & 3) ? rnd() : lane(); memcpy(mem + k, &v, 8); }
      for (int k = 0; k < 256; k += 8) { uint64_t v = lane(); memcpy(xmm + k, &v, 8); }
      memset(xmm + 256, 0, 4);
      /* x87 sequences: four control words at r15 - 448 (all exceptions masked, random
         rounding and precision), the fnsave image at r15 - 432 */
      for (int k = 0; k < 4; k++) {
        uint16_t cw = 0x007f | (uint16_t)((rnd() & 3) << 8) | (uint16_t)((rnd() & 3) << 10);
        /* fault mode: some x87 exceptions unmasked (SIGFPE at the next x87 instruction) */
        if (faults && rnd() % 4 == 0) cw &= (uint16_t)~(rnd() & 0x3f);
        memcpy(mem - 448 + 2 * k, &cw, 2);
      }
      memset(mem - 432, 0, 108);
      /* four MXCSR values the sequence may switch to (ldmxcsr [r15 - 60 + 4k]) */
      for (int k = 0; k < 4; k++) {
        uint32_t m = 0x1f80 | (rnd() & 0x6000) | (rnd() & 0x8000) | (rnd() & 0x40) | (rnd() & 0x3f);
        memcpy(xmm + 260 + 4 * k, &m, 4);
      }
      printf("%lu.%d", (unsigned long)b, it);
      if (sigsetjmp(jb, 1) == 0) {
        blk_table[b](regs, mem);
        /* the harness's own floating point runs with every exception masked again */
        unsigned std_csr = 0x1f80; __asm__ volatile("ldmxcsr %0" :: "m"(std_csr));
        uint32_t mxcsr; memcpy(&mxcsr, xmm + 256, 4);
        for (int k = 0; k < 14; k++) printf(" %lx", (unsigned long)regs[k]);
        printf(" f%03lx m%016lx x%016lx c%04x n%016lx\n", (unsigned long)(regs[14] & 0x8d5), (unsigned long)fnv(mem, reach),
               (unsigned long)fnv(xmm, 256), mxcsr, (unsigned long)fnv(mem - 432, 108));
        if (verbose) for (int k = 0; k < 16; k++) {
          uint64_t q[2]; memcpy(q, xmm + 16 * k, 16);
          printf("  xmm%d %016lx %016lx\n", k, (unsigned long)q[1], (unsigned long)q[0]);
        }
      } else {
        /* the sequence may have left another MXCSR and a pending x87 exception behind */
        unsigned std_csr = 0x1f80; __asm__ volatile("ldmxcsr %0\n\tfninit" :: "m"(std_csr));
        long rip = (long)(fault_regs[REG_RIP] - (uint64_t)blk_table[b]);
        printf(" FAULT sig %d code %d addr %+ld rip %+ld", fault_sig, fault_code, (long)(fault_addr - (uint64_t)mem), rip);
        for (int k = 0; k < 14; k++) printf(" %lx", (unsigned long)fault_regs[GREG[k]]);
        printf(" f%03lx m%016lx x%016lx c%04x n%016lx\n", (unsigned long)(fault_regs[REG_EFL] & 0x8d5), (unsigned long)fnv(mem, reach),
               (unsigned long)fnv((const uint8_t *)fault_xmm, 256), fault_mxcsr, (unsigned long)fnv(fault_x87, 160));
        if (verbose) for (int k = 0; k < 16; k++)
          printf("  xmm%d %016lx %016lx\n", k, (unsigned long)fault_xmm[2 * k + 1], (unsigned long)fault_xmm[2 * k]);
      }
    }
  }
  return 0;
}
