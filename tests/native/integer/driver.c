// Driver of the integer differential test: runs every instruction stub emitted by
// gen.mjs on many register/memory/flag inputs and prints what each one changed.
//
// The same static binary runs natively and under x64vm; the two outputs must be
// identical. It is freestanding (no libc, general registers only) so that it depends
// on nothing but the integer instructions and the write/exit syscalls.
//
// Usage: integer [-v] [only SUBSTRING] [range FROM TO]
//                                        run the stubs (-v also prints the inputs)
//        integer ntests                  print the number of stubs
//        integer fault N                 run fault stub N (it should kill the process)
//        integer caught                  run every fault stub, catching the signals
//        integer nfaults                 print the number of fault stubs
//
// Output: "T <index> <name>" per stub, then one line per case:
//   <case> f=<rflags & ~fmask> [<reg>=<new value> ...] [@<offset>=<new qword> ...]
// listing only the registers and (8-byte aligned, relative to the operand) memory
// words whose value changed.

typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef int i32;
typedef unsigned short u16;
typedef unsigned char u8;

#define MEMSZ 0x12000
#define MEMOFF 0x11000         // the memory operand (keep in sync with gen.mjs)
#define WIN 1024             // widest compared window: [MEMOFF - WIN, MEMOFF + WIN)
#define NARROW 64            // the window of profiles that touch only the operand

// profiles: keep in sync with gen.mjs
enum { P_GEN, P_SHIFT, P_DIV, P_BTMEM, P_STRING, P_STACK, P_CMPX, P_CX16, P_POPF, P_LOOP,
       P_XLAT, P_LEA, P_FIXED, P_BMI };

struct Test {
  void *code;
  const char *name;
  i64 disp;       // displacement of the memory operand, as assembled
  u64 fmask;      // RFLAGS bits not compared (undefined and not deterministic)
  u8 prof, size, base, index, scale, a32, aux1, aux2;
  u32 ncases, pad;
};
struct Fault { void *code; const char *name; u64 fmask; };

extern struct Test tests[];
extern u64 ntests;
extern struct Fault ftests[];
extern u64 nftests;
void run_test(void *code);

u64 g_in[17], g_out[17];
u8 g_mem[MEMSZ] __attribute__((aligned(64)));
static u8 g_mem_in[MEMSZ] __attribute__((aligned(64)));

static const char *const RN[16] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
  "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };

// ---- output -------------------------------------------------------------------------

static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
static char obuf[1 << 16];
static u32 olen;
static void flush(void) {
  u32 o = 0;
  while (o < olen) {
    long n = sys3(1, 1, (long)(obuf + o), olen - o);
    if (n <= 0) sys3(60, 3, 0, 0);
    o += n;
  }
  olen = 0;
}
static void putc_(char c) { if (olen == sizeof obuf) flush(); obuf[olen++] = c; }
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void puthex(u64 v) {
  char t[16]; int n = 0;
  do { t[n++] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
  while (n) putc_(t[--n]);
}
static void putdec(i64 v) {
  char t[24]; int n = 0; u64 u = v < 0 ? -(u64)v : (u64)v;
  if (v < 0) putc_('-');
  do { t[n++] = '0' + u % 10; u /= 10; } while (u);
  while (n) putc_(t[--n]);
}

// memset/memcpy for anything the compiler emits
void *memset(void *d, int c, u64 n) { u8 *p = d; while (n--) *p++ = (u8)c; return d; }
void *memcpy(void *d, const void *s, u64 n) { u8 *p = d; const u8 *q = s; while (n--) *p++ = *q++; return d; }

// ---- inputs -------------------------------------------------------------------------

static u64 rs;
static u64 rnd(void) {
  rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27;
  return rs * 0x2545F4914F6CDD1DUL;
}

static const u64 EDGES[] = {
  0, 1, 2, 3, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x100, 0x7fff, 0x8000, 0x8001, 0xfffe, 0xffff,
  0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x100000000,
  0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001, 0xfffffffffffffffe,
  0xffffffffffffffff, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0f0f0f0f0f0f0f0f,
  0x8080808080808080, 0x7f7f7f7f7f7f7f7f, 0xffffffff00000000, 0x00000000ffff0000,
};
#define NEDGES (sizeof EDGES / sizeof EDGES[0])

/** An operand value: edge cases, small numbers, sparse and dense bit patterns, random. */
static u64 value(void) {
  u64 r = rnd(), v;
  u32 k = r & 15;
  switch (k) {
    case 0: case 1: case 2: case 3: v = EDGES[rnd() % NEDGES]; break;
    case 4: case 5: v = rnd() % 70; if (r & 0x100) v = -v; break;
    case 6: v = rnd() & rnd() & rnd(); break;
    case 7: v = rnd() | rnd(); break;
    case 8: v = 1UL << (rnd() & 63); if (r & 0x100) v = -v; break;
    default: v = rnd(); break;
  }
  if (k < 9 && (r & 0x200)) {
    // garbage above an operand-size boundary: the upper bits must not matter
    u32 s = (r >> 12) & 3;
    u64 m = s == 0 ? 0xff : s == 1 ? 0xffff : s == 2 ? 0xffffffff : ~0UL;
    v = (v & m) | (rnd() & ~m);
  }
  return v;
}

static u64 szmask(u32 size) { return size == 8 ? ~0UL : (1UL << (8 * size)) - 1; }

/** Read/write the low `size` bytes of a register (16..19 = AH..BH) or, for loc 0xfe, memory at p. */
static u64 getloc(u32 loc, u32 size, u8 *p) {
  if (loc == 0xfe) { u64 v = 0; memcpy(&v, p, size); return v; }
  if (loc >= 16) return (g_in[loc - 16] >> 8) & 0xff;
  return g_in[loc] & szmask(size);
}
static void setloc(u32 loc, u32 size, u8 *p, u64 v) {
  if (loc == 0xfe) { memcpy(p, &v, size); return; }
  if (loc >= 16) { g_in[loc - 16] = (g_in[loc - 16] & ~0xff00UL) | ((v & 0xff) << 8); return; }
  g_in[loc] = (g_in[loc] & ~szmask(size)) | (v & szmask(size));
}
static i64 sext(u64 v, u32 size) { u32 s = 64 - 8 * size; return (i64)(v << s) >> s; }

static const u8 SHIFT_COUNTS[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 23, 24, 25, 30, 31,
  32, 33, 47, 48, 49, 62, 63, 64, 65, 95, 96, 127, 128, 129, 191, 192, 254, 255 };
static const u8 BMI_CTL[] = { 0, 1, 2, 7, 8, 15, 16, 31, 32, 33, 48, 63, 64, 65, 127, 128, 200, 255 };
static const u64 LOOP_COUNTS[] = { 0, 1, 2, 3, 0xffffffff, 0x100000000, 0x100000001,
  0xffffffffffffffff, 0x1ffffffff };

static u8 *g_target; // the memory operand of the current case

// fs and gs bases (arch_prctl at start-up), so segment overrides are visible
#define FSB 0x40UL
#define GSB 0x1000UL

/** Half-width of the memory window a profile's instructions may touch. */
static u32 window(const struct Test *t) {
  switch (t->prof) {
    case P_BTMEM: case P_STRING: case P_STACK: case P_POPF: return WIN;
    default: return NARROW;
  }
}

/** Choose the inputs of case ci of test t. */
static void setup(const struct Test *t, u32 ci) {
  for (int r = 0; r < 16; r++) g_in[r] = value();
  g_in[4] = (u64)(g_mem + MEMOFF + 512);
  g_in[16] = 2 | (rnd() & 0x8d5); // CF PF AF ZF SF OF random, DF clear
  u32 win = window(t);
  u64 *m = (u64 *)(g_mem + MEMOFF - win);
  for (u32 k = 0; k < 2 * win / 8; k++) m[k] = rnd();
  *(u64 *)(g_mem + MEMOFF) = value();
  *(u64 *)(g_mem + MEMOFF + 8) = value();
  *(u64 *)(g_mem + MEMOFF - 8) = value();

  g_target = g_mem + MEMOFF;
  if (t->base != 0xff && t->prof != P_LEA) {
    // point the memory operand at g_target; unaligned for ordinary operations
    if (t->base < 16 && t->prof == P_GEN) g_target += ci % 8;
    u64 target = (u64)g_target - (t->a32 & 2 ? FSB : 0) - (t->a32 & 4 ? GSB : 0);
    u64 hi = t->a32 & 1 ? rnd() << 32 : 0; // 32-bit addressing ignores the upper halves
    if (t->base < 16) {
      i64 idx = 0;
      if (t->index != 0xff) { idx = (i64)(rnd() % 5) - 2; g_in[t->index] = t->a32 & 1 ? ((u32)idx | hi) : (u64)idx; }
      u64 b = target - (u64)idx * t->scale - (u64)t->disp;
      g_in[t->base] = t->a32 & 1 ? ((u32)b | (rnd() << 32)) : b;
    } else if (t->base == 17) {
      g_in[t->index] = ((target - (u64)t->disp) / t->scale) | hi;
    }
  }

  u32 size = t->size;
  switch (t->prof) {
    case P_SHIFT: {
      // count in CL: all of 0..71, then interesting and random counts
      u32 c = ci < 72 ? ci : ci < 72 + sizeof SHIFT_COUNTS ? SHIFT_COUNTS[ci - 72] : (u32)rnd() & 0xff;
      g_in[1] = (g_in[1] & ~0xffUL) | c;
      break;
    }
    case P_DIV: {
      // a dividend with a quotient that fits: n = q * d + r, |r| < |d|, r of the sign of q * d
      int sgn = t->aux1 & 0x80;
      u32 loc = t->aux2;
      u64 mk = szmask(size);
      u64 d = value() & mk;
      if ((ci & 3) == 0) d = (rnd() % 9 + 1);
      if (sgn && (ci & 4)) d = -d & mk;
      if (d == 0) d = 1;
      u64 q = value() & mk;
      if (ci & 8) q &= 0xff;
      if (!sgn) {
        u64 r = rnd() % d;
        unsigned __int128 n = (unsigned __int128)q * d + r;
        if (size == 1) setloc(0, 2, 0, (u64)n);
        else { setloc(0, size, 0, (u64)n); setloc(2, size, 0, (u64)(n >> (8 * size))); }
      } else {
        i64 sd = sext(d, size), sq = sext(q, size);
        u64 ad = sd < 0 ? -(u64)sd : (u64)sd;
        i64 r = (i64)(rnd() % ad);
        __int128 p = (__int128)sq * sd;
        if (p < 0 || (p == 0 && (ci & 16))) r = -r;
        __int128 n = p + r;
        if (size == 1) setloc(0, 2, 0, (u64)n);
        else { setloc(0, size, 0, (u64)n); setloc(2, size, 0, (u64)(n >> (8 * size))); }
      }
      setloc(loc, size, g_target, d);
      break;
    }
    case P_BTMEM: {
      // a signed bit offset reaching a few hundred bytes either side of the operand
      i64 off = (i64)(rnd() % 4000) - 2000;
      if (ci & 1) off = (i64)(rnd() % (8 * size));
      setloc(t->aux1, size, 0, (u64)off);
      break;
    }
    case P_STRING: {
      // aux1: 1 rep count, 2 similar data (cmps/scas), 4 direction random, 8 32-bit
      // addressing, 16 the source has an fs override
      u64 hi = (t->aux1 & 8) ? rnd() << 32 : 0;
      u8 *src = g_mem + MEMOFF - 256 + rnd() % 64, *dst = g_mem + MEMOFF + 256 + rnd() % 64;
      if ((t->aux1 & 2) == 0 && (ci & 3) == 3) dst = src + (i64)(rnd() % 33) - 16; // overlapping
      g_in[6] = ((u64)src - (t->aux1 & 16 ? FSB : 0)) | hi;
      g_in[7] = (u64)dst | (t->aux1 & 8 ? rnd() << 32 : 0);
      if (t->aux1 & 1) {
        u64 n = ci % 4 == 0 ? ci % 3 : rnd() % 24;
        g_in[1] = n | ((t->aux1 & 8) ? rnd() << 32 : 0);
      }
      if ((t->aux1 & 4) && (ci & 1)) g_in[16] |= 0x400;
      if (t->aux1 & 2) {
        // cmps: the destination copies the source; scas: it repeats the accumulator.
        // Then one or two bytes differ somewhere in the first elements.
        for (int k = -200; k < 200; k++) dst[k] = src[k];
        if (t->aux2) for (int k = -200; k < 200; k++) dst[k] = (u8)(g_in[0] >> (8 * ((k + 256) % size)));
        for (int j = 0; j < 2; j++) {
          i64 pos = (i64)(rnd() % (24 * size));
          if (g_in[16] & 0x400) pos = -pos;
          if (rnd() & 1) dst[pos] ^= (u8)(1 + rnd() % 255);
        }
      }
      break;
    }
    case P_STACK:
      g_in[4] = (u64)(g_mem + MEMOFF + 512 - 8 * (rnd() % 4) - ((ci & 7) == 7 ? 2 : 0));
      g_in[5] = (u64)(g_mem + MEMOFF + 256 + 8 * (rnd() % 8));
      break;
    case P_POPF: {
      // any value but TF (single step), AC (alignment checks) and NT
      u64 v = rnd() & ~(0x100UL | 0x40000UL | 0x4000UL);
      if (ci & 1) v &= 0x3fffff;
      if (t->size == 2) memcpy(g_mem + MEMOFF + 512, &v, 2);
      else memcpy(g_mem + MEMOFF + 512, &v, 8);
      break;
    }
    case P_CMPX:
      if (ci & 1) setloc(0, size, 0, getloc(t->aux1, size, g_target));
      break;
    case P_CX16:
      if (ci & 1) {
        if (size == 16) { g_in[0] = *(u64 *)g_target; g_in[2] = *(u64 *)(g_target + 8); }
        else { g_in[0] = (g_in[0] & ~0xffffffffUL) | *(u32 *)g_target; g_in[2] = (g_in[2] & ~0xffffffffUL) | *(u32 *)(g_target + 4); }
      }
      break;
    case P_LOOP:
      if (ci < sizeof LOOP_COUNTS / 8) g_in[1] = LOOP_COUNTS[ci];
      else if (ci & 1) g_in[1] = rnd() % 4;
      break;
    case P_XLAT:
      g_in[3] = ((u64)(g_mem + MEMOFF - 128) - (t->aux1 & 16 ? FSB : 0)) | (t->aux1 & 8 ? rnd() << 32 : 0);
      break;
    case P_BMI: {
      // the control register aux1 of bextr (aux2 1: start in bits 7:0, length in 15:8),
      // bzhi (2: index in 7:0) and shlx/shrx/sarx (3: count); the other bits are garbage
      u64 c = g_in[t->aux1];
      u32 a = ci & 1 ? BMI_CTL[rnd() % sizeof BMI_CTL] : (u32)(rnd() % 72);
      u32 b = ci & 2 ? BMI_CTL[rnd() % sizeof BMI_CTL] : (u32)(rnd() % 72);
      if (t->aux2 == 1) c = (c & ~0xffffUL) | a | (b << 8);
      else c = (c & ~0xffUL) | (t->aux2 == 2 ? a : ci < 72 ? ci : a);
      if (ci % 8 == 7) c &= 0xffff; // no garbage
      g_in[t->aux1] = c;
      break;
    }
    case P_GEN:
      // aux1: 1 + a source location forced to zero in some cases (bit scans, counts)
      if (t->aux1 && ci % 6 == 5) setloc(t->aux1 - 1, size, g_target, 0);
      break;
    default:
      break;
  }
}

// ---- caught faults ---------------------------------------------------------------------
// In "caught" mode every fault stub runs in this process: a handler (on an alternate
// stack) records the signal and the machine state the kernel reports, then resumes at
// save_state, which stores the registers as they were at the fault.

void save_state(void);
void sig_restorer(void);
static int g_sig, g_code;
static u64 g_addr, g_rip, g_trapno, g_err, g_cr2;
static u8 altstack[65536] __attribute__((aligned(16)));

static void handler(int sig, void *info, void *uc) {
  g_sig = sig;
  g_code = *(int *)((char *)info + 8);
  g_addr = *(u64 *)((char *)info + 16);
  // ucontext: uc_flags, uc_link, uc_stack (24 bytes), then the gregs of the mcontext:
  // r8..r15 rdi rsi rbp rbx rdx rax rcx rsp rip eflags csgsfs err trapno oldmask cr2
  u64 *gregs = (u64 *)((char *)uc + 40);
  g_rip = gregs[16];
  g_err = gregs[19];
  g_trapno = gregs[20];
  g_cr2 = gregs[22];
  gregs[16] = (u64)save_state;
}

struct ksigaction { void *handler; u64 flags; void *restorer; u64 mask; };

static void catch_faults(void) {
  struct { void *sp; i32 flags; u64 size; } ss = { altstack, 0, sizeof altstack };
  sys3(131, (long)&ss, 0, 0); // sigaltstack
  struct ksigaction sa = { (void *)handler, 0x04000000 | 0x08000000 | 0x40000000 | 4, (void *)sig_restorer, 0 };
  // SA_RESTORER | SA_ONSTACK | SA_NODEFER | SA_SIGINFO
  static const int sigs[] = { 4, 5, 7, 8, 11 }; // SIGILL SIGTRAP SIGBUS SIGFPE SIGSEGV
  for (u32 k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
    register long r10 __asm__("r10") = 8;
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(13L), "D"((long)sigs[k]), "S"((long)&sa), "d"(0L), "r"(r10) : "rcx", "r11", "memory");
  }
}

static void printregs(const char *tag, const u64 *r) {
  puts_(tag);
  for (int k = 0; k < 16; k++) { putc_(' '); puts_(RN[k]); putc_('='); puthex(r[k]); }
  puts_(" fl="); puthex(r[16]); putc_('\n');
}

static int streq(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return *a == *b; }
static int contains(const char *h, const char *n) {
  for (; *h; h++) {
    const char *a = h, *b = n;
    while (*a && *b && *a == *b) { a++; b++; }
    if (!*b) return 1;
  }
  return !*n;
}
static u64 atou(const char *s) { u64 v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return v; }

int cmain(u64 *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  sys3(158, 0x1002, FSB, 0); // arch_prctl(ARCH_SET_FS)
  sys3(158, 0x1001, GSB, 0); // arch_prctl(ARCH_SET_GS)
  int verbose = 0;
  const char *only = 0;
  u64 from = 0, to = ~0UL;
  for (int a = 1; a < argc; a++) {
    if (streq(argv[a], "-v")) verbose = 1;
    else if (streq(argv[a], "only") && a + 1 < argc) only = argv[++a];
    else if (streq(argv[a], "range") && a + 2 < argc) { from = atou(argv[a + 1]); to = atou(argv[a + 2]); a += 2; }
    else if (streq(argv[a], "ntests")) { putdec((i64)ntests); putc_('\n'); flush(); return 0; }
    else if (streq(argv[a], "nfaults")) { putdec((i64)nftests); putc_('\n'); flush(); return 0; }
    else if (streq(argv[a], "caught")) {
      catch_faults();
      for (u64 n = 0; n < nftests; n++) {
        puts_("F "); putdec((i64)n); putc_(' '); puts_(ftests[n].name); putc_('\n');
        for (int r = 0; r < 16; r++) g_in[r] = 0;
        g_in[4] = (u64)(g_mem + MEMOFF + 512);
        g_in[16] = 2;
        g_sig = 0;
        flush(); // a stub that goes wrong shows where
        run_test(ftests[n].code);
        if (g_sig) {
          puts_("  sig="); putdec(g_sig); puts_(" code="); putdec(g_code);
          if (g_sig == 11 || g_sig == 7) { puts_(" addr="); puthex(g_addr); }
          puts_(" rip=stub+"); putdec((i64)(g_rip - (u64)ftests[n].code));
          // the error code's present bit says whether the kernel had populated the page yet
          puts_(" trapno="); putdec((i64)g_trapno); puts_(" err="); puthex(g_trapno == 14 ? g_err & ~1UL : g_err);
          if (g_trapno == 14) { puts_(" cr2="); puthex(g_cr2); }
          putc_('\n');
        } else puts_("  survived\n");
        g_out[16] &= ~ftests[n].fmask;
        printregs("  state", g_out);
      }
      flush();
      return 0;
    }
    else if (streq(argv[a], "fault") && a + 1 < argc) {
      u64 n = atou(argv[++a]);
      if (n >= nftests) return 2;
      puts_("F "); putdec((i64)n); putc_(' '); puts_(ftests[n].name); putc_('\n');
      flush();
      for (int r = 0; r < 16; r++) g_in[r] = 0;
      g_in[4] = (u64)(g_mem + MEMOFF + 512);
      g_in[16] = 2;
      run_test(ftests[n].code);
      puts_("survived\n");
      printregs("out", g_out);
      flush();
      return 0;
    } else { puts_("usage: integer [-v] [only SUBSTRING] [range FROM TO] | ntests | fault N | nfaults\n"); flush(); return 2; }
  }

  for (u64 ti = from; ti < ntests && ti < to; ti++) {
    const struct Test *t = &tests[ti];
    if (only && !contains(t->name, only)) continue;
    puts_("T "); putdec((i64)ti); putc_(' '); puts_(t->name); putc_('\n');
    rs = 0x9e3779b97f4a7c15UL ^ (ti * 0x100000001b3UL + 12345);
    for (int k = 0; k < 4; k++) rnd();
    for (u32 ci = 0; ci < t->ncases; ci++) {
      setup(t, ci);
      u32 win = window(t);
      u64 *a = (u64 *)(g_mem + MEMOFF - win), *b = (u64 *)(g_mem_in + MEMOFF - win);
      for (u32 k = 0; k < 2 * win / 8; k++) b[k] = a[k];
      if (verbose) printregs("in ", g_in);
      run_test(t->code);
      putdec(ci);
      puts_(" f="); puthex(g_out[16] & ~t->fmask);
      for (int r = 0; r < 16; r++) {
        if (g_out[r] != g_in[r]) { putc_(' '); puts_(RN[r]); putc_('='); puthex(g_out[r]); }
      }
      for (u32 k = 0; k < 2 * win / 8; k++) {
        if (a[k] != b[k]) { puts_(" @"); putdec((i64)(8 * k) - win); putc_('='); puthex(a[k]); }
      }
      putc_('\n');
    }
  }
  flush();
  return 0;
}
