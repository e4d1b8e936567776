// pipe/pipe2, non-blocking pipes, capacity, EOF and EPIPE, F_GETPIPE_SZ/F_SETPIPE_SZ,
// FIONREAD, memfd_create, sendfile, copy_file_range, close_range.
#include "t.h"

static char big[200000];

// SIGALRM handler: counts, and writes to a pipe so that a restarted read finds data
static int alarms, sigpipe_fd = -1;
static void on_sigalrm(int sig) { (void)sig; alarms++; if (sigpipe_fd >= 0) SC3(NR_write, sigpipe_fd, "!", 1); }
void fs_restorer(void);
__asm__(".text\n.globl fs_restorer\nfs_restorer:\n mov $15, %eax\n syscall\n hlt\n");
#define SA_RESTORER 0x04000000
#define SA_RESTART 0x10000000
static long on_alarm(long flags) {
  u64 act[4] = {(u64)on_sigalrm, SA_RESTORER | flags, (u64)fs_restorer, 0};
  return SC4(NR_rt_sigaction, 14, act, 0, 8);
}

static int test_main(int argc, char **argv) {
  (void)argc; (void)argv;
  struct kstat st;
  char b[256];
  int p[2], q[2];
  T(SC1(NR_umask, 022));
  T(sig_ignore(SIGPIPE));

  out("-- pipe basics\n");
  T(SC1(NR_pipe, p)); out("fds %d %d\n", p[0], p[1]);
  T(xfcntl(p[0], F_GETFL, 0));
  T(xfcntl(p[1], F_GETFL, 0));
  T(xfcntl(p[0], F_GETFD, 0));
  T(xwrite(p[1], "hello", 5));
  int avail = -1;
  T(SC3(NR_ioctl, p[0], FIONREAD, &avail)); out("FIONREAD %d\n", avail);
  T(xread(p[0], b, 3)); b[3] = 0; out("'%s'\n", b);
  T(xread(p[0], b, 100)); b[2] = 0; out("'%s'\n", b);
  T(xwrite(p[0], "x", 1));
  T(xread(p[1], b, 1));
  T(xlseek(p[0], 0, SEEK_SET));
  T(SC4(NR_pread64, p[0], b, 1, 0));
  T(SC4(NR_pwrite64, p[1], b, 1, 0));
  T(xfcntl(p[0], F_GETPIPE_SZ, 0));
  T(xwrite(p[1], "bye", 3));
  T(xclose(p[1]));
  T(xread(p[0], b, 100));
  T(xread(p[0], b, 100));
  T(xread(p[0], b, 100));
  T(xclose(p[0]));

  out("-- pipe2 flags\n");
  T(SC2(NR_pipe2, p, O_CLOEXEC | O_NONBLOCK));
  T(xfcntl(p[0], F_GETFD, 0));
  T(xfcntl(p[1], F_GETFD, 0));
  T(xfcntl(p[0], F_GETFL, 0));
  T(xfcntl(p[1], F_GETFL, 0));
  T(xread(p[0], b, 10));
  T(SC2(NR_pipe2, q, O_RDWR));
  T(SC2(NR_pipe2, q, 1 << 30));
  T(SC1(NR_pipe, 0));
  T(SC1(NR_pipe, (void *)16));
  T(SC2(NR_pipe2, (void *)16, 0));

  out("-- capacity\n");
  long total = 0, n;
  while ((n = xwrite(p[1], big, 1000)) > 0) total += n;
  out("filled %ld then %r\n", total, n);
  T(SC3(NR_ioctl, p[0], FIONREAD, &avail)); out("FIONREAD %d\n", avail);
  T(xwrite(p[1], big, 1));
  T(xread(p[0], b, 1));
  T(xwrite(p[1], big, 1));
  T(xread(p[0], b, 200));
  T(xwrite(p[1], big, 1));
  long r = 0;
  while ((n = xread(p[0], big, sizeof big)) > 0) r += n;
  out("drained %ld then %r\n", r, n);
  T(xwrite(p[1], big, 70000));
  T(xwrite(p[1], big, 70000));
  T(xread(p[0], big, sizeof big));
  T(xwrite(p[1], big, 5000));
  T(xwrite(p[1], big, 100));
  T(xwrite(p[1], big, 4000));
  T(xread(p[0], big, sizeof big));
  for (int k = 0; k < 16; k++) xwrite(p[1], big, 10);
  T(xwrite(p[1], big, 4096));
  T(xwrite(p[1], big, 4086));
  T(xwrite(p[1], big, 1));
  T(xread(p[0], big, sizeof big));

  out("-- pipe size\n");
  T(xfcntl(p[1], F_SETPIPE_SZ, 4096));
  T(xfcntl(p[0], F_GETPIPE_SZ, 0));
  T(xwrite(p[1], big, 5000));
  T(xwrite(p[1], big, 10));
  T(xfcntl(p[1], F_SETPIPE_SZ, 10000));
  T(xfcntl(p[1], F_SETPIPE_SZ, 0));
  T(xread(p[0], big, sizeof big));
  T(xfcntl(p[1], F_SETPIPE_SZ, 1 << 20));
  T(xfcntl(p[1], F_SETPIPE_SZ, 65536));
  long f = xopen("file", O_RDWR | O_CREAT, 0644);
  T(xfcntl(f, F_SETPIPE_SZ, 65536));
  T(xfcntl(f, F_GETPIPE_SZ, 0));

  out("-- EPIPE\n");
  T(xclose(p[0]));
  T(xwrite(p[1], "x", 1));
  T(xclose(p[1]));
  T(SC1(NR_pipe, p));
  long d = T(SC1(NR_dup, p[1]));
  T(xclose(p[1]));
  T(xwrite(d, "still", 5));
  T(xclose(d));
  T(xread(p[0], b, 10));
  T(xread(p[0], b, 10));
  T(xclose(p[0]));

  out("-- readv, writev on a pipe\n");
  T(SC1(NR_pipe, p));
  struct { const void *base; u64 len; } iov[3] = {{"ab", 2}, {"", 0}, {"cde", 3}};
  T(SC3(NR_writev, p[1], iov, 3));
  char x1[2], x2[10];
  struct { void *base; u64 len; } rio[2] = {{x1, 2}, {x2, 10}};
  T(SC3(NR_readv, p[0], rio, 2)); out("%c%c %c%c%c\n", x1[0], x1[1], x2[0], x2[1], x2[2]);
  T(SC3(NR_writev, p[1], iov, -1));
  T(SC3(NR_writev, p[1], (void *)16, 1));
  T(SC1(NR_dup2, p[0]) >= 0);

  out("-- readv takes what is there\n");
  T(xwrite(p[1], "12345", 5));
  char y1[5], y2[10];
  struct { void *base; u64 len; } rv[2] = {{y1, 5}, {y2, 10}};
  T(SC3(NR_readv, p[0], rv, 2));
  T(xwrite(p[1], "abc", 3));
  rv[0].len = 2;
  T(SC3(NR_readv, p[0], rv, 2)); out("%c%c %c\n", y1[0], y1[1], y2[0]);
  struct { const void *base; u64 len; } wv[3] = {{big, 3000}, {big, 2000}, {big, 100}};
  T(SC3(NR_writev, p[1], wv, 3));
  T(SC3(NR_ioctl, p[0], FIONREAD, &avail)); out("FIONREAD %d\n", avail);
  T(xread(p[0], big, sizeof big));
  wv[1].len = -1;
  T(SC3(NR_writev, p[1], wv, 2));

  out("-- signals during a blocking read\n");
  sigpipe_fd = p[1];
  T(on_alarm(0));
  struct ktimeval itv[2] = {{0, 0}, {0, 100000}};
  T(SC3(NR_setitimer, 0, itv, 0));
  T(xread(p[0], b, 10));
  T(on_alarm(SA_RESTART));
  T(SC3(NR_setitimer, 0, itv, 0));
  T(xread(p[0], b, 10)); out("handler ran %d\n", alarms);

  out("-- memfd\n");
  long m = T(SC2(NR_memfd_create, "test", 0));
  T(xwrite(m, "memory file", 11));
  T(xlseek(m, 0, SEEK_CUR));
  T(xlseek(m, 7, SEEK_SET));
  T(xread(m, b, 100)); b[4] = 0; out("'%s'\n", b);
  T(SC2(NR_ftruncate, m, 3));
  T(xfstat(m, &st)); out("size %ld mode %o\n", st.size, st.mode);
  T(SC4(NR_pread64, m, b, 10, 0)); b[3] = 0; out("'%s'\n", b);
  T(SC4(NR_pwrite64, m, "XY", 2, 5));
  T(xfstat(m, &st)); out("size %ld\n", st.size);
  T(SC4(NR_pread64, m, b, 10, 0));
  for (int k = 0; k < 7; k++) out("%d ", b[k]);
  out("\n");
  T(xfcntl(m, F_GETFL, 0));
  T(xfcntl(m, F_GETFD, 0));
  T(xfcntl(m, F_GET_SEALS, 0));
  T(xfcntl(m, F_ADD_SEALS, 4));
  long m2 = T(SC2(NR_memfd_create, "sealed", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  T(xfcntl(m2, F_GETFD, 0));
  T(xfcntl(m2, F_GET_SEALS, 0));
  T(xwrite(m2, "1234", 4));
  T(xfcntl(m2, F_ADD_SEALS, 2 | 4));
  T(xfcntl(m2, F_GET_SEALS, 0));
  T(SC2(NR_ftruncate, m2, 2));
  T(SC2(NR_ftruncate, m2, 10));
  T(xfcntl(m, F_GET_SEALS, 0) >= 0);
  T(SC2(NR_memfd_create, "x", 0x100));
  T(SC2(NR_memfd_create, 0, 0));
  for (int k = 0; k < 300; k++) big[k] = 'n';
  big[300] = 0;
  T(SC2(NR_memfd_create, big, 0));
  T(xfcntl(f, F_GET_SEALS, 0));

  out("-- sendfile\n");
  T(xwrite(f, "0123456789abcdef", 16));
  long o = T(xopen("out", O_RDWR | O_CREAT | O_TRUNC, 0644));
  T(xlseek(f, 4, SEEK_SET));
  T(SC4(NR_sendfile, o, f, 0, 5));
  T(xlseek(f, 0, SEEK_CUR));
  showfile("out");
  i64 off = 10;
  T(SC4(NR_sendfile, o, f, &off, 100)); out("off %ld\n", off);
  T(xlseek(f, 0, SEEK_CUR));
  showfile("out");
  T(SC4(NR_sendfile, o, f, &off, 100)); out("off %ld\n", off);
  off = -1;
  T(SC4(NR_sendfile, o, f, &off, 1));
  T(SC4(NR_sendfile, o, f, (void *)16, 1));
  T(SC4(NR_sendfile, 999, f, 0, 1));
  T(SC4(NR_sendfile, o, 999, 0, 1));
  T(SC1(NR_pipe, q));
  off = 0;
  T(SC4(NR_sendfile, q[1], f, &off, 6));
  T(xread(q[0], b, 100)); b[6] = 0; out("'%s'\n", b);
  T(SC4(NR_sendfile, o, q[0], 0, 1));
  T(SC4(NR_sendfile, o, q[0], &off, 1));
  long ro = xopen("out", O_RDONLY, 0);
  T(SC4(NR_sendfile, ro, f, 0, 1));
  long ao = xopen("out", O_WRONLY | O_APPEND, 0);
  T(SC4(NR_sendfile, ao, f, 0, 1));
  T(SC4(NR_sendfile, o, f, 0, 0));

  out("-- copy_file_range\n");
  long c = T(xopen("copy", O_RDWR | O_CREAT | O_TRUNC, 0644));
  T(xlseek(f, 2, SEEK_SET));
  T(SC6(NR_copy_file_range, f, 0, c, 0, 4, 0));
  T(xlseek(f, 0, SEEK_CUR));
  T(xlseek(c, 0, SEEK_CUR));
  i64 io = 12, oo = 10;
  T(SC6(NR_copy_file_range, f, &io, c, &oo, 100, 0)); out("offsets %ld %ld\n", io, oo);
  T(xlseek(f, 0, SEEK_CUR));
  showfile("copy");
  T(SC6(NR_copy_file_range, f, &io, c, &oo, 100, 0));
  T(SC6(NR_copy_file_range, f, 0, c, 0, 4, 1));
  T(SC6(NR_copy_file_range, f, 0, q[1], 0, 4, 0));
  T(SC6(NR_copy_file_range, q[0], 0, c, 0, 4, 0));
  T(SC6(NR_copy_file_range, ro, 0, c, 0, 4, 0) >= 0);
  T(SC6(NR_copy_file_range, f, 0, ro, 0, 4, 0));
  T(SC6(NR_copy_file_range, f, 0, ao, 0, 4, 0));
  long dd = xopen(".", O_RDONLY, 0);
  T(SC6(NR_copy_file_range, dd, 0, c, 0, 4, 0));
  io = 0; oo = 2;
  T(SC6(NR_copy_file_range, f, &io, f, &oo, 4, 0));
  oo = 100;
  T(SC6(NR_copy_file_range, f, &io, f, &oo, 4, 0));
  io = -1;
  T(SC6(NR_copy_file_range, f, &io, c, 0, 4, 0));
  T(SC6(NR_copy_file_range, 999, 0, c, 0, 4, 0));

  out("-- close_range\n");
  for (int k = 20; k < 26; k++) SC2(NR_dup2, f, k);
  T(SC3(NR_close_range, 21, 22, 0));
  T(xfcntl(21, F_GETFD, 0));
  T(xfcntl(23, F_GETFD, 0));
  T(SC3(NR_close_range, 23, 24, CLOSE_RANGE_CLOEXEC));
  T(xfcntl(23, F_GETFD, 0));
  T(xfcntl(25, F_GETFD, 0));
  T(SC3(NR_close_range, 25, 20, 0));
  T(SC3(NR_close_range, 20, 30, 0x100));
  T(SC3(NR_close_range, 20, ~0u, 0));
  T(xfcntl(25, F_GETFD, 0));
  T(SC3(NR_close_range, 3, ~0u, 0));
  T(xfcntl(f, F_GETFD, 0));
  T(xopen("file", O_RDONLY, 0));
  flush();
  return 0;
}
