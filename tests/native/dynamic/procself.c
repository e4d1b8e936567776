/* Checks of the /proc and /sys files against what the process knows of itself (argv,
 * environ, getauxval, getpid, CPUID, its own addresses). Prints one "NAME: ok" line per
 * check, or "NAME: FAIL ..." with what differed; the same on Linux and under x64vm.
 *   procself checks    all the checks
 *   procself cpuflags  two lines: the feature names CPUID reports (the kernel's names),
 *                      and the flags line of /proc/cpuinfo, each sorted
 *   procself maps      /proc/self/maps itself */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

extern char **environ;

static char *slurp(const char *path, size_t *len) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap + 1);
  for (;;) {
    if (n == cap) { cap *= 2; buf = realloc(buf, cap + 1); }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0) { close(fd); free(buf); return NULL; }
    if (r == 0) break;
    n += (size_t)r;
  }
  close(fd);
  buf[n] = 0;
  if (len) *len = n;
  return buf;
}

static int failures;
static void verdict(const char *name, int ok, const char *why) {
  if (ok) printf("%s: ok\n", name);
  else { printf("%s: FAIL %s\n", name, why); failures++; }
}

/* the /proc/self/maps line holding address a: its permissions and name */
static int find_map(const char *maps, uintptr_t a, char *perms, char *name) {
  const char *line = maps;
  while (*line) {
    const char *end = strchr(line, '\n');
    if (!end) end = line + strlen(line);
    unsigned long lo, hi;
    char pr[8];
    if (sscanf(line, "%lx-%lx %4s", &lo, &hi, pr) == 3 && a >= lo && a < hi) {
      strcpy(perms, pr);
      size_t len = (size_t)(end - line);
      name[0] = 0;
      if (len > 73) { memcpy(name, line + 73, len - 73); name[len - 73] = 0; }
      return 1;
    }
    line = *end ? end + 1 : end;
  }
  return 0;
}

static void check_maps(void) {
  char *maps = slurp("/proc/self/maps", NULL);
  if (!maps) { verdict("maps", 0, "cannot read"); return; }
  /* every line: start-end perms offset major:minor inode, then the name in column 73 or a space */
  int ok = 1, lines = 0;
  char why[512] = "";
  for (char *line = maps; *line;) {
    char *end = strchr(line, '\n');
    if (!end) { ok = 0; snprintf(why, sizeof why, "no newline at the end"); break; }
    *end = 0;
    unsigned long lo, hi, off, ino;
    unsigned maj, min;
    char pr[8];
    int n = 0;
    if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &lo, &hi, pr, &off, &maj, &min, &ino, &n) != 7 || lo >= hi ||
        (lo & 4095) || (hi & 4095) || strlen(pr) != 4 || !strchr("r-", pr[0]) || !strchr("w-", pr[1]) || !strchr("x-", pr[2]) ||
        !strchr("ps", pr[3])) {
      ok = 0; snprintf(why, sizeof why, "bad line '%.200s'", line); break;
    }
    size_t len = strlen(line);
    if (len > (size_t)n && (len < 74 || line[72] != ' ' || line[73] == ' ')) {
      ok = 0; snprintf(why, sizeof why, "name not in column 73: '%.200s'", line); break;
    }
    if (len <= (size_t)n && line[len - 1] != ' ') { ok = 0; snprintf(why, sizeof why, "no trailing space: '%.200s'", line); break; }
    lines++;
    *end = '\n';
    line = end + 1;
  }
  verdict("maps format", ok && lines > 3, why);

  char perms[8], name[PATH_MAX + 80], exe[PATH_MAX];
  ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[k > 0 ? k : 0] = 0;
  int found = find_map(maps, (uintptr_t)&check_maps, perms, name);
  snprintf(why, sizeof why, "main code in '%s' '%s', exe '%s'", found ? perms : "?", found ? name : "?", exe);
  verdict("maps code", found && !strcmp(perms, "r-xp") && !strcmp(name, exe), why);
  int local = 0;
  found = find_map(maps, (uintptr_t)&local, perms, name);
  snprintf(why, sizeof why, "stack variable in '%s'", found ? name : "?");
  verdict("maps stack", found && !strcmp(name, "[stack]") && !strcmp(perms, "rw-p"), why);
  free(maps);

  uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
  syscall(SYS_brk, cur + 8192);
  maps = slurp("/proc/self/maps", NULL);
  found = find_map(maps, cur + 100, perms, name);
  snprintf(why, sizeof why, "brk area in '%s' '%s'", found ? perms : "?", found ? name : "?");
  verdict("maps heap", found && !strcmp(name, "[heap]") && !strcmp(perms, "rw-p"), why);
  void *(*volatile fn)(void *, const void *, size_t) = memcpy;
  found = find_map(maps, (uintptr_t)fn, perms, name);
  snprintf(why, sizeof why, "memcpy in '%s' '%s'", found ? perms : "?", found ? name : "?");
  verdict("maps libc", found && !strcmp(perms, "r-xp") && strstr(name, "/libc.so"), why);
  verdict("maps ld.so", strstr(maps, "/ld-linux-x86-64.so.2\n") != NULL, "no line for the dynamic loader");
  free(maps);
}

static void check_cmdline(int argc, char **argv) {
  size_t len, want = 0;
  char *c = slurp("/proc/self/cmdline", &len);
  for (int k = 0; k < argc; k++) want += strlen(argv[k]) + 1;
  int ok = c && len == want;
  for (size_t at = 0, k = 0; ok && k < (size_t)argc; k++) { ok = !strcmp(c + at, argv[k]); at += strlen(argv[k]) + 1; }
  verdict("cmdline", ok, "differs from argv");
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/cmdline", getpid());
  size_t len2;
  char *c2 = slurp(path, &len2);
  verdict("cmdline by pid", c && c2 && len == len2 && !memcmp(c, c2, len), "differs from /proc/self/cmdline");
  free(c); free(c2);
  /* /proc/<own pid>/auxv and /proc/thread-self/auxv are /proc/self/auxv */
  snprintf(path, sizeof path, "/proc/%d/auxv", getpid());
  c = slurp("/proc/self/auxv", &len);
  c2 = slurp(path, &len2);
  size_t len3;
  char *c3 = slurp("/proc/thread-self/auxv", &len3);
  verdict("auxv by pid", c && c2 && c3 && len == len2 && len == len3 && !memcmp(c, c2, len) && !memcmp(c, c3, len), "differs from /proc/self/auxv");
  free(c); free(c2); free(c3);
}

static void check_environ(char **env0) {
  size_t len, want = 0;
  char *e = slurp("/proc/self/environ", &len);
  int n = 0;
  for (char **p = env0; *p; p++, n++) want += strlen(*p) + 1;
  int ok = e && len == want;
  size_t at = 0;
  for (char **p = env0; ok && *p; p++) { ok = !strcmp(e + at, *p); at += strlen(*p) + 1; }
  verdict("environ", ok && n > 0, "differs from environ");
  free(e);
}

static void check_auxv(void) {
  size_t len;
  unsigned long *a = (unsigned long *)slurp("/proc/self/auxv", &len);
  int ok = a && len % 16 == 0 && len >= 32 && a[len / 8 - 2] == AT_NULL;
  static const unsigned long keys[] = { AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_BASE, AT_ENTRY, AT_UID, AT_EUID,
    AT_GID, AT_EGID, AT_CLKTCK, AT_SECURE, AT_RANDOM, AT_EXECFN, AT_PLATFORM }; /* not AT_HWCAP: glibc rewrites its copy */
  char why[200] = "no AT_NULL at the end";
  for (size_t k = 0; ok && k < sizeof keys / sizeof keys[0]; k++) {
    int seen = 0;
    for (size_t i = 0; i + 1 < len / 8; i += 2) if (a[i] == keys[k]) { seen = 1; ok = a[i + 1] == getauxval(keys[k]); }
    if (!seen) ok = 0;
    if (!ok) snprintf(why, sizeof why, "key %lu differs from getauxval", keys[k]);
  }
  verdict("auxv", ok, why);
  free(a);
}

static void check_stat(char **argv) {
  char *s = slurp("/proc/self/stat", NULL);
  if (!s) { verdict("stat", 0, "cannot read"); return; }
  int pid, ppid;
  char comm[64], state;
  char why[300];
  int ok = sscanf(s, "%d (%63[^)]) %c %d", &pid, comm, &state, &ppid) == 4;
  const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  char want[16];
  snprintf(want, sizeof want, "%s", base);
  snprintf(why, sizeof why, "'%.100s' (pid %d, comm %s, want %d %s)", s, pid, comm, getpid(), want);
  ok = ok && pid == getpid() && ppid == getppid() && !strcmp(comm, want) && state == 'R';
  /* fields 48-51: where the argument and environment strings are */
  char *p = strrchr(s, ')') + 2;
  int field = 3;
  unsigned long v[53] = { 0 };
  for (char *t = strtok(p, " \n"); t; t = strtok(NULL, " \n")) { if (field < 53) { v[field] = strtoul(t, NULL, 10); if (t[0] == '-') v[field] = 0; } field++; }
  verdict("stat", ok && field == 53, why);
  snprintf(why, sizeof why, "arg_start %lx argv[0] %p env_start %lx environ[0] %p", v[48], (void *)argv[0], v[50], (void *)environ[0]);
  verdict("stat strings", v[48] == (unsigned long)argv[0] && v[50] == (unsigned long)environ[0] && v[49] == v[50] && v[51] > v[50], why);
  free(s);
}

static void check_status(char **argv) {
  char *s = slurp("/proc/self/status", NULL);
  char name[64] = "", want[16];
  int pid = -1, ppid = -1, threads = -1;
  unsigned uid = ~0u;
  const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  snprintf(want, sizeof want, "%s", base);
  for (char *l = s ? strtok(s, "\n") : NULL; l; l = strtok(NULL, "\n")) {
    sscanf(l, "Name:\t%63s", name); sscanf(l, "Pid:\t%d", &pid); sscanf(l, "PPid:\t%d", &ppid);
    sscanf(l, "Uid:\t%u", &uid); sscanf(l, "Threads:\t%d", &threads);
  }
  verdict("status", !strcmp(name, want) && pid == getpid() && ppid == getppid() && uid == getuid() && threads == 1, name);
  free(s);
  s = slurp("/proc/self/statm", NULL);
  unsigned long m[7];
  verdict("statm", s && sscanf(s, "%lu %lu %lu %lu %lu %lu %lu", m, m + 1, m + 2, m + 3, m + 4, m + 5, m + 6) == 7 && m[0] > 0, "not 7 numbers");
  free(s);
}

static void check_machine(void) {
  char *ci = slurp("/proc/cpuinfo", NULL);
  int procs = 0;
  for (char *p = ci; p && (p = strstr(p, "processor\t:")); p++) procs++;
  char why[200];
  snprintf(why, sizeof why, "%d processors listed, get_nprocs %d, sysconf %ld", procs, get_nprocs(), sysconf(_SC_NPROCESSORS_ONLN));
  verdict("cpuinfo processors", procs > 0 && procs == get_nprocs() && procs == sysconf(_SC_NPROCESSORS_ONLN), why);
  /* identification: the vendor, family, model, stepping and brand CPUID gives */
  unsigned a, b, c, d;
  __cpuid(0, a, b, c, d);
  char vendor[13];
  memcpy(vendor, &b, 4); memcpy(vendor + 4, &d, 4); memcpy(vendor + 8, &c, 4); vendor[12] = 0;
  __cpuid(1, a, b, c, d);
  unsigned family = (a >> 8) & 15, model = (a >> 4) & 15;
  if (family == 15) family += (a >> 20) & 255;
  if (family == 6 || family >= 15) model += ((a >> 16) & 15) << 4;
  char want[200];
  snprintf(want, sizeof want, "vendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n", vendor, family, model);
  char step[64];
  snprintf(step, sizeof step, "stepping\t: %u\n", a & 15);
  verdict("cpuinfo ident", ci && strstr(ci, want) && strstr(ci, step), want);
  char *online = slurp("/sys/devices/system/cpu/online", NULL);
  int lo = -1, hi = -1;
  if (online && sscanf(online, "%d-%d", &lo, &hi) < 2) hi = lo;
  verdict("cpu online", online && lo == 0 && hi + 1 == procs, online ? online : "cannot read");
  char *mi = slurp("/proc/meminfo", NULL);
  unsigned long total = 0;
  verdict("meminfo", mi && sscanf(mi, "MemTotal: %lu kB", &total) == 1 && total > 0, "no MemTotal");
  free(ci); free(online); free(mi);
}

/* the kernel's names for CPUID feature bits (arch/x86/include/asm/cpufeatures.h) */
static const char *const L1D[32] = { "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", 0, "sep", "mtrr",
  "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", 0, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm",
  "ia64", "pbe" };
static const char *const L1C[32] = { "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3",
  "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", 0, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
  "tsc_deadline_timer", "aes", "xsave", 0, "avx", "f16c", "rdrand", "hypervisor" };
static const char *const E1D[32] = { [11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt",
  [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm", [30] = "3dnowext", [31] = "3dnow" };
static const char *const E1C[32] = { "lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a", "misalignsse",
  "3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", 0, "lwp", "fma4", "tce", 0, "nodeid_msr", 0, "tbm", "topoext",
  "perfctr_core", "perfctr_nb", 0, "bpext", "ptsc", "perfctr_llc", "mwaitx" };
static const char *const L7B[32] = { "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", 0, "smep", "bmi2", "erms",
  "invpcid", "rtm", "cqm", 0, "mpx", "rdt_a", "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma", 0,
  "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er", "avx512cd", "sha_ni", "avx512bw", "avx512vl" };

static int cmp(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }
static void print_sorted(const char *label, char **v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp);
  printf("%s:", label);
  for (int k = 0; k < n; k++) printf(" %s", v[k]);
  printf("\n");
}

static void cpuflags(void) {
  char *names[200];
  int n = 0;
  unsigned a, b, c, d, max;
  __cpuid(0, max, b, c, d);
  __cpuid(1, a, b, c, d);
  for (int k = 0; k < 32; k++) { if ((d >> k & 1) && L1D[k]) names[n++] = (char *)L1D[k]; if ((c >> k & 1) && L1C[k]) names[n++] = (char *)L1C[k]; }
  __cpuid(0x80000001, a, b, c, d);
  for (int k = 0; k < 32; k++) { if ((d >> k & 1) && E1D[k]) names[n++] = (char *)E1D[k]; if ((c >> k & 1) && E1C[k]) names[n++] = (char *)E1C[k]; }
  if (max >= 7) { __cpuid_count(7, 0, a, b, c, d); for (int k = 0; k < 32; k++) if ((b >> k & 1) && L7B[k]) names[n++] = (char *)L7B[k]; }
  print_sorted("cpuid", names, n);
  char *ci = slurp("/proc/cpuinfo", NULL);
  char *f = ci ? strstr(ci, "\nflags\t\t: ") : NULL;
  int m = 0;
  char *flags[400];
  if (f) {
    f += 10;
    *strchr(f, '\n') = 0;
    for (char *t = strtok(f, " "); t && m < 400; t = strtok(NULL, " ")) flags[m++] = t;
  }
  print_sorted("cpuinfo", flags, m);
}

int main(int argc, char **argv) {
  char **env0 = environ;
  const char *mode = argc > 1 ? argv[1] : "checks";
  if (!strcmp(mode, "cpuflags")) { cpuflags(); return 0; }
  if (!strcmp(mode, "maps")) { char *m = slurp("/proc/self/maps", NULL); fputs(m ? m : "", stdout); return 0; }
  check_cmdline(argc, argv);
  check_environ(env0);
  check_auxv();
  check_stat(argv);
  check_status(argv);
  check_maps();
  check_machine();
  return failures ? 1 : 0;
}
