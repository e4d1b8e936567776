// Standard descriptors as the test harness sets them up: stdin a pipe, a file,
// /dev/null or a terminal; stdout a pipe that must receive every byte.
//   stdin.c read [CHUNK]   read stdin to the end, report bytes, checksum, kind
//   stdin.c seek           stdin is a file: lseek and read
//   stdin.c write N        write N bytes to stdout in one call, report the count on stderr
//   stdin.c lines          read a terminal line by line until EOF
#include "t.h"

static char buf[1 << 20];

static const char *kind(u32 mode) {
  switch (mode & S_IFMT) {
    case S_IFIFO: return "fifo"; case S_IFREG: return "file"; case S_IFCHR: return "chr";
    case S_IFSOCK: return "sock"; case S_IFDIR: return "dir";
  }
  return "?";
}

static long atol_(const char *s) { long v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return v; }

static int test_main(int argc, char **argv) {
  struct kstat st;
  const char *mode = argc > 1 ? argv[1] : "read";
  if (seq(mode, "read")) {
    long chunk = argc > 2 ? atol_(argv[2]) : 4096;
    T(xfstat(0, &st)); out("stdin is %s\n", kind(st.mode));
    out("F_GETFL accmode %ld nonblock %ld\n", xfcntl(0, F_GETFL, 0) & 3, (xfcntl(0, F_GETFL, 0) & O_NONBLOCK) != 0);
    u64 total = 0, h = 1469598103934665603ul;
    long n;
    while ((n = xread(0, buf, chunk)) > 0) {
      for (long k = 0; k < n; k++) h = (h ^ (u8)buf[k]) * 1099511628211ul;
      total += n;
    }
    out("read %lu bytes, hash %lx, last %r\n", total, h, n);
    return 0;
  }
  if (seq(mode, "seek")) {
    T(xfstat(0, &st)); out("stdin is %s size %ld\n", kind(st.mode), st.size);
    T(xlseek(0, 0, SEEK_CUR));
    T(xread(0, buf, 4)); buf[4] = 0; out("'%s'\n", buf);
    T(xlseek(0, 0, SEEK_CUR));
    T(xlseek(0, -2, SEEK_END));
    T(xread(0, buf, 10));
    T(xlseek(0, 1, SEEK_SET));
    T(xread(0, buf, 3)); buf[3] = 0; out("'%s'\n", buf);
    T(SC4(NR_pread64, 0, buf, 2, 0)); buf[2] = 0; out("'%s'\n", buf);
    return 0;
  }
  if (seq(mode, "write")) {
    long n = argc > 2 ? atol_(argv[2]) : 1000;
    for (long k = 0; k < n && k < (long)sizeof buf; k++) buf[k] = 'a' + k % 26;
    long r = xwrite(1, buf, n);
    flush();
    char msg[64];
    olen = 0;
    out("wrote %r\n", r);
    long len = olen; memcpy(msg, obuf, len); olen = 0;
    SC3(NR_write, 2, msg, len);
    return 0;
  }
  if (seq(mode, "lines")) {
    T(xfstat(0, &st)); out("stdin is %s\n", kind(st.mode));
    long n;
    while ((n = xread(0, buf, 100)) > 0) {
      buf[n] = 0;
      out("line %ld:", n);
      for (long k = 0; k < n; k++) out(" %d", buf[k]);
      out("\n");
    }
    out("end %r\n", n);
    return 0;
  }
  out("unknown mode\n");
  return 2;
}
