// The guest's own descriptors by name: /proc/self/fd/N, /dev/fd/N, /dev/stdin,
// /proc/self/cwd, /proc/self/exe.
#include "t.h"

static char cwd[4096], lb[4096];
static long cwdlen;

static void fdpath(char *out, const char *prefix, long fd) {
  scpy(out, prefix);
  char *e = out + slen(out), t[24];
  int n = 0;
  do { t[n++] = '0' + fd % 10; fd /= 10; } while (fd);
  while (n) *e++ = t[--n];
  *e = 0;
}

// readlink, shown relative to the start directory
static void showlink(const char *p) {
  long n = SC3(NR_readlink, p, lb, sizeof lb - 1);
  if (n < 0) { out("readlink %s: %r\n", p, n); return; }
  lb[n] = 0;
  if (n >= cwdlen && memcmp(lb, cwd, cwdlen) == 0) { out("readlink %s -> CWD%s\n", p, lb + cwdlen); return; }
  for (long k = 0; k < n; k++) if (lb[k] == '[') { lb[k + 1] = 0; break; }
  out("readlink %s -> %s\n", p, lb);
}

static int test_main(int argc, char **argv) {
  (void)argc;
  char path[64], b[64];
  struct kstat st, st2;
  cwdlen = SC2(NR_getcwd, cwd, sizeof cwd) - 1;
  T(SC1(NR_umask, 022));
  mkfile("file", "file content");
  T(xmkdir("dir", 0755));
  mkfile("dir/inner", "inner");

  out("-- files\n");
  long f = T(xopen("file", O_RDONLY, 0));
  fdpath(path, "/proc/self/fd/", f);
  showlink(path);
  long g = T(xopen(path, O_RDONLY, 0));
  T(xread(g, b, 4));
  T(xlseek(f, 0, SEEK_CUR));
  T(xfstat(f, &st)); T(xfstat(g, &st2)); out("same ino %d\n", st.ino == st2.ino);
  T(xstat(path, &st2)); out("stat same ino %d\n", st.ino == st2.ino);
  T(xclose(g));
  fdpath(path, "/dev/fd/", f);
  g = T(xopen(path, O_RDONLY, 0));
  T(xread(g, b, 12));
  T(xclose(g));
  long d = T(xopen("dir", O_RDONLY | O_DIRECTORY, 0));
  fdpath(path, "/dev/fd/", d);
  scpy(path + slen(path), "/inner");
  g = T(xopen(path, O_RDONLY, 0));
  T(xread(g, b, 12));
  T(xclose(g));
  T(xopen("/proc/self/fd/999", O_RDONLY, 0));
  T(xopen("/dev/fd/999", O_RDONLY, 0));
  T(xstat("/proc/self/fd/999", &st));

  out("-- stdin redirected\n");
  T(SC2(NR_dup2, f, 0));
  g = T(xopen("/dev/stdin", O_RDONLY, 0));
  T(xread(g, b, 12));
  T(xclose(g));
  showlink("/proc/self/fd/0");
  T(xstat("/dev/stdin", &st2)); out("same ino %d\n", st.ino == st2.ino);

  out("-- pipes\n");
  int p[2];
  T(SC1(NR_pipe, p));
  fdpath(path, "/proc/self/fd/", p[0]);
  showlink(path);
  T(xstat(path, &st)); out("mode %o\n", st.mode);
  long r2 = T(xopen(path, O_RDONLY, 0));
  fdpath(path, "/proc/self/fd/", p[1]);
  long w2 = T(xopen(path, O_WRONLY, 0));
  T(xwrite(w2, "via proc", 8));
  T(xread(r2, b, 3));
  T(xread(p[0], b, 10));
  T(xclose(p[1]));
  T(xfcntl(r2, F_SETFL, O_NONBLOCK));
  T(xread(r2, b, 10));
  T(xclose(w2));
  T(xread(r2, b, 10));
  T(xclose(r2));
  T(xclose(p[0]));

  out("-- memfd\n");
  long m = T(SC2(NR_memfd_create, "mfd", 0));
  T(xwrite(m, "in memory", 9));
  fdpath(path, "/proc/self/fd/", m);
  showlink(path);
  long m2 = T(xopen(path, O_RDWR, 0));
  T(xlseek(m2, 0, SEEK_CUR));
  T(xread(m2, b, 2));
  T(xwrite(m2, "XX", 2));
  T(SC4(NR_pread64, m, b, 9, 0)); b[9] = 0; out("'%s'\n", b);
  T(xfstat(m2, &st)); out("size %ld\n", st.size);
  m2 = T(xopen(path, O_RDWR | O_TRUNC, 0));
  T(xfstat(m, &st)); out("size %ld\n", st.size);

  out("-- cwd, exe\n");
  showlink("/proc/self/cwd");
  T(SC1(NR_chdir, "dir"));
  showlink("/proc/self/cwd");
  long n = SC3(NR_readlink, "/proc/self/exe", lb, sizeof lb - 1);
  lb[n > 0 ? n : 0] = 0;
  const char *base = argv[0];
  for (const char *q = argv[0]; *q; q++) if (*q == '/') base = q + 1;
  out("exe ends with program name %d\n", n > 0 && seq(lb + n - slen(base), base));
  flush();
  return 0;
}
