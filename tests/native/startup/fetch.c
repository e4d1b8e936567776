// Instruction fetch at the edge of executable memory: an instruction that ends exactly
// at the end of an executable page runs; one that continues into a page that is not
// executable (readable, PROT_NONE, or unmapped) faults at the first byte of that page;
// 15 bytes is the longest instruction, 16 raise #GP. Prints what the process saw.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../common/catch.h"

static sigjmp_buf env;
static volatile uintptr_t base;

static void on_fault(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  uintptr_t a = (uintptr_t)si->si_addr;
  printf("  signal %d code %d addr %s%lx\n", sig, si->si_code, a >= base ? "base+" : "", (unsigned long)(a >= base ? a - base : a));
  siglongjmp(env, 1);
}

typedef uint64_t (*fn)(void);

/* Run the bytes placed at base + 4096 - before (so `before` bytes are on the first page). */
static void try_code(const char *what, const unsigned char *code, size_t len, size_t before, int show) {
  unsigned char *p = (unsigned char *)base + 4096 - before;
  memcpy(p, code, len < before ? len : before);
  printf("%s:\n", what);
  if (sigsetjmp(env, 1) == 0) {
    uint64_t r = ((fn)p)();
    if (show) printf("  returned %llx\n", (unsigned long long)r);
    else printf("  returned\n");
  }
}

int main(void) {
  catch_signals(on_fault, SIGSEGV, SIGBUS, SIGILL, 0);
  unsigned char *m = mmap(0, 8192, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return 1;
  base = (uintptr_t)m;
  // mov rax, imm64; ret
  unsigned char movabs[11] = { 0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8, 0xc3 };
  // 14 operand-size prefixes, nop (15 bytes), ret; and 15 prefixes, nop (16 bytes)
  unsigned char long15[16], long16[17];
  memset(long15, 0x66, 14); long15[14] = 0x90; long15[15] = 0xc3;
  memset(long16, 0x66, 15); long16[15] = 0x90; long16[16] = 0xc3;
  // mov eax, [rip+0] with the displacement's last byte on the second page
  unsigned char riprel[7] = { 0x8b, 0x05, 0, 0, 0, 0, 0xc3 };

  const int prots[2] = { PROT_READ, PROT_NONE };
  const char *names[2] = { "readable", "PROT_NONE" };
  for (int k = 0; k < 3; k++) {
    if (k < 2) mprotect(m + 4096, 4096, prots[k]);
    else munmap(m + 4096, 4096);
    printf("== second page %s\n", k < 2 ? names[k] : "unmapped");
    try_code("movabs ending at the page end", movabs, sizeof movabs, sizeof movabs, 1);
    for (size_t before = 1; before < 10; before += 4) {
      char what[64];
      snprintf(what, sizeof what, "movabs with %zu bytes on the first page", before);
      try_code(what, movabs, sizeof movabs, before, 1);
    }
    try_code("rip-relative mov, displacement crossing", riprel, sizeof riprel, 5, 1);
    try_code("15-byte instruction, then ret at the page end", long15, sizeof long15, sizeof long15, 0);
    try_code("15-byte instruction ending at the page end", long15, sizeof long15, sizeof long15 - 1, 0);
    try_code("16-byte instruction", long16, sizeof long16, sizeof long16, 0);
    try_code("16-byte instruction, its last byte on the second page", long16, sizeof long16, 15, 0);
    try_code("prefixes crossing into the second page", long15, sizeof long15, 9, 0);
  }
  return 0;
}
