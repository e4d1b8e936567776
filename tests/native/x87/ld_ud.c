// Which x87 escape encodings exist (tests/x87.test.mjs): every register form D8-DF
// C0-FF and every memory form (ModRM.reg 0-7, operand at [rax]) is executed from a
// freshly written code page; the program prints which raise SIGILL, and the status
// word and top of stack after the others.
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static volatile int sig;
static void handler(int s) { sig = s; siglongjmp(jb, 1); }

static unsigned char buf[1024] __attribute__((aligned(64)));

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigaction(SIGILL, &sa, 0);
  sigaction(SIGFPE, &sa, 0);
  sigaction(SIGSEGV, &sa, 0);
  unsigned char *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (int op = 0xd8; op <= 0xdf; op++) {
    for (int m = 0; m < 0x48; m++) {
      int modrm = m < 8 ? (m << 3) : 0xc0 + (m - 8);  // memory forms [rax], then C0..FF
      unsigned char *p = code;
      // fninit; fld1; fldpi; fldz; <insn>; fnstsw ax at the end is done by the caller
      *p++ = 0xdb; *p++ = 0xe3; *p++ = 0xd9; *p++ = 0xe8; *p++ = 0xd9; *p++ = 0xeb; *p++ = 0xd9; *p++ = 0xee;
      *p++ = (unsigned char)op; *p++ = (unsigned char)modrm;
      *p++ = 0xdf; *p++ = 0xe0; // fnstsw ax
      *p++ = 0xdb; *p++ = 0xe3; // fninit
      *p++ = 0xc3;
      memset(buf, 0, sizeof buf);
      buf[6] = 0xf0; buf[7] = 0x3f; // 1.0 as a double, and a plausible control word / env
      buf[0] = 0x7f; buf[1] = 0x03;
      sig = 0;
      unsigned long ax = 0;
      if (!sigsetjmp(jb, 1)) {
        __asm__ volatile("call *%1" : "=a"(ax) : "r"(code), "a"(buf) : "memory", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "cc");
      } else {
        __asm__ volatile("fninit");
      }
      printf("%02x %02x %s", op, modrm, sig == SIGILL ? "ill" : sig ? "sig" : "ok");
      if (!sig) printf(" sw=%04lx", ax & 0xffff);
      printf("%s", (m % 8 == 7) ? "\n" : " | ");
    }
  }
  return 0;
}
