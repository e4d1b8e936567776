// A tiny runtime for the file-system tests. Every call is a raw system call
// (so the result is the kernel's own, -errno on failure) and every line of
// output comes from the same formatter, whether the program is linked
// against glibc, musl or nothing at all (-DFREESTANDING, -nostdlib: this
// variant needs no SSE and runs before libc start-up code does).
#ifndef FS_T_H
#define FS_T_H

typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

static long sc6(long n, long a, long b, long c, long d, long e, long f) {
  long r;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return r;
}
#define SC0(n) sc6(n, 0, 0, 0, 0, 0, 0)
#define SC1(n, a) sc6(n, (long)(a), 0, 0, 0, 0, 0)
#define SC2(n, a, b) sc6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(n, a, b, c) sc6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n, a, b, c, d) sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SC5(n, a, b, c, d, e) sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define SC6(n, a, b, c, d, e, f) sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

enum {
  NR_read = 0, NR_write = 1, NR_open = 2, NR_close = 3, NR_stat = 4, NR_fstat = 5, NR_lstat = 6,
  NR_lseek = 8, NR_mmap = 9, NR_munmap = 11, NR_rt_sigaction = 13, NR_ioctl = 16, NR_pread64 = 17,
  NR_pwrite64 = 18, NR_readv = 19, NR_writev = 20, NR_access = 21, NR_pipe = 22, NR_dup = 32,
  NR_dup2 = 33, NR_getpid = 39, NR_sendfile = 40, NR_exit = 60, NR_fcntl = 72, NR_flock = 73,
  NR_fsync = 74, NR_fdatasync = 75, NR_truncate = 76, NR_ftruncate = 77, NR_getdents = 78,
  NR_getcwd = 79, NR_chdir = 80, NR_fchdir = 81, NR_rename = 82, NR_mkdir = 83, NR_rmdir = 84,
  NR_creat = 85, NR_link = 86, NR_unlink = 87, NR_symlink = 88, NR_readlink = 89, NR_chmod = 90,
  NR_fchmod = 91, NR_chown = 92, NR_fchown = 93, NR_lchown = 94, NR_umask = 95, NR_getuid = 102,
  NR_utime = 132, NR_statfs = 137, NR_fstatfs = 138, NR_sync = 162, NR_time = 201,
  NR_getdents64 = 217, NR_setitimer = 38, NR_fadvise64 = 221, NR_clock_gettime = 228, NR_exit_group = 231,
  NR_utimes = 235, NR_openat = 257, NR_mkdirat = 258, NR_fchownat = 260, NR_futimesat = 261,
  NR_newfstatat = 262, NR_unlinkat = 263, NR_renameat = 264, NR_linkat = 265, NR_symlinkat = 266,
  NR_readlinkat = 267, NR_fchmodat = 268, NR_faccessat = 269, NR_utimensat = 280,
  NR_fallocate = 285, NR_dup3 = 292, NR_pipe2 = 293, NR_preadv = 295, NR_pwritev = 296,
  NR_syncfs = 306, NR_renameat2 = 316, NR_memfd_create = 319, NR_copy_file_range = 326,
  NR_statx = 332, NR_close_range = 436, NR_faccessat2 = 439, NR_fchmodat2 = 452,
};

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DSYNC 010000
#define O_DIRECT 040000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_PATH 010000000
#define O_TMPFILE (020000000 | O_DIRECTORY)
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EACCESS 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_EMPTY_PATH 0x1000
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_SETOWN 8
#define F_GETOWN 9
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_DUPFD_CLOEXEC 1030
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#define F_ADD_SEALS 1033
#define F_GET_SEALS 1034
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define FD_CLOEXEC 1
#define S_IFMT 0170000
#define S_IFIFO 0010000
#define S_IFCHR 0020000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#define S_IFSOCK 0140000
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8
#define FIONREAD 0x541b
#define MFD_CLOEXEC 1
#define MFD_ALLOW_SEALING 2
#define CLOSE_RANGE_CLOEXEC 4
#define SIGPIPE 13

struct kstat {           // struct stat as x86-64 Linux lays it out (144 bytes)
  u64 dev, ino, nlink;
  u32 mode, uid, gid, pad0;
  u64 rdev;
  i64 size, blksize, blocks;
  i64 atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
  i64 unused[3];
};
struct xts { i64 sec; u32 nsec; int pad; };
struct kstatx {
  u32 mask, blksize; u64 attributes;
  u32 nlink, uid, gid; u16 mode, pad1;
  u64 ino, size, blocks, attributes_mask;
  struct xts atime, btime, ctime, mtime;
  u32 rdev_major, rdev_minor, dev_major, dev_minor;
  u64 spare[14];
};
struct kstatfs { i64 type, bsize; u64 blocks, bfree, bavail, files, ffree; int fsid[2]; i64 namelen, frsize, flags, spare[4]; };
struct kflock { short type, whence; i64 start, len; int pid; };
struct ktimespec { i64 sec, nsec; };
struct ktimeval { i64 sec, usec; };

// ---- freestanding support ----------------------------------------------------------
#ifdef FREESTANDING
void *memset(void *d, int c, u64 n) { u8 *p = d; while (n--) *p++ = (u8)c; return d; }
void *memcpy(void *d, const void *s, u64 n) { u8 *p = d; const u8 *q = s; while (n--) *p++ = *q++; return d; }
void *memmove(void *d, const void *s, u64 n) {
  u8 *p = d; const u8 *q = s;
  if (p < q) while (n--) *p++ = *q++; else { p += n; q += n; while (n--) *--p = *--q; }
  return d;
}
int memcmp(const void *a, const void *b, u64 n) {
  const u8 *p = a, *q = b;
  for (; n; n--, p++, q++) if (*p != *q) return *p - *q;
  return 0;
}
#else
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
int memcmp(const void *a, const void *b, unsigned long n);
#endif

static u64 slen(const char *s) { u64 n = 0; while (s[n]) n++; return n; }
static int seq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }
static void scpy(char *d, const char *s) { while ((*d++ = *s++)) {} }

// ---- output ------------------------------------------------------------------------------
static char obuf[1 << 16];
static u64 olen;
static void flush(void) {
  u64 off = 0;
  while (off < olen) {
    long n = SC3(NR_write, 1, obuf + off, olen - off);
    if (n <= 0) break;
    off += n;
  }
  olen = 0;
}
static void putch(char c) { if (olen == sizeof obuf) flush(); obuf[olen++] = c; }
static void puts_(const char *s) { while (*s) putch(*s++); }
static void putu(u64 v, int base, int width, char padc) {
  char t[24]; int n = 0;
  do { t[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
  while (width-- > n) putch(padc);
  while (n) putch(t[--n]);
}
static void puti(i64 v) { if (v < 0) { putch('-'); putu(-(u64)v, 10, 0, ' '); } else putu(v, 10, 0, ' '); }

static const char *const enames[] = {
  "0", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
  "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR",
  "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS",
  "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY",
  "ELOOP",
};
static void putres(long r) {
  if (r < 0 && r > -4096) {
    puts_("-1 ");
    if (-r < (long)(sizeof enames / sizeof enames[0])) puts_(enames[-r]);
    else if (r == -95) puts_("EOPNOTSUPP");
    else if (r == -61) puts_("ENODATA");
    else if (r == -75) puts_("EOVERFLOW");
    else if (r == -18) puts_("EXDEV");
    else { puts_("errno "); puti(-r); }
  } else puti(r);
}

// out("fmt", ...): %d %ld (decimal), %u %lu, %x %lx, %o %lo, %s, %c, %r (a syscall result)
static void out(const char *f, ...) {
  __builtin_va_list ap;
  __builtin_va_start(ap, f);
  for (; *f; f++) {
    if (*f != '%') { putch(*f); continue; }
    f++;
    int lng = 0;
    while (*f == 'l') { lng = 1; f++; }
    switch (*f) {
      case 'd': puti(lng ? __builtin_va_arg(ap, long) : __builtin_va_arg(ap, int)); break;
      case 'u': putu(lng ? __builtin_va_arg(ap, unsigned long) : __builtin_va_arg(ap, unsigned), 10, 0, ' '); break;
      case 'x': putu(lng ? __builtin_va_arg(ap, unsigned long) : __builtin_va_arg(ap, unsigned), 16, 0, ' '); break;
      case 'o': putu(lng ? __builtin_va_arg(ap, unsigned long) : __builtin_va_arg(ap, unsigned), 8, 0, ' '); break;
      case 's': { const char *s = __builtin_va_arg(ap, const char *); puts_(s ? s : "(null)"); break; }
      case 'c': putch((char)__builtin_va_arg(ap, int)); break;
      case 'r': putres(__builtin_va_arg(ap, long)); break;
      case '%': putch('%'); break;
      default: putch('?'); break;
    }
  }
  __builtin_va_end(ap);
}

// T(expr): print the expression and its result (a number, or -1 ENAME)
#define T(e) t_report(#e, (long)(e))
static long t_report(const char *what, long r) { out("%s = %r\n", what, r); return r; }
// Q(expr): evaluate, print only the result under a short label
#define Q(label, e) t_report(label, (long)(e))

static void ts_exit(int code) { flush(); SC1(NR_exit_group, code); for (;;) {} }

static int test_main(int argc, char **argv);

#ifdef FREESTANDING
__asm__(".text\n.globl _start\n_start:\n xor %ebp,%ebp\n mov %rsp,%rdi\n and $-16,%rsp\n call fs_start\n hlt\n");
__attribute__((used)) void fs_start(long *sp) {
  int argc = (int)sp[0];
  ts_exit(test_main(argc, (char **)(sp + 1)));
}
#else
int main(int argc, char **argv) { ts_exit(test_main(argc, argv)); return 0; }
#endif

// ---- helpers ------------------------------------------------------------------------------
static long xopen(const char *p, int fl, int mode) { return SC4(NR_openat, AT_FDCWD, p, fl, mode); }
static long xclose(long fd) { return SC1(NR_close, fd); }
static long xwrite(long fd, const void *b, u64 n) { return SC3(NR_write, fd, b, n); }
static long xread(long fd, void *b, u64 n) { return SC3(NR_read, fd, b, n); }
static long xstat(const char *p, struct kstat *st) { return SC2(NR_stat, p, st); }
static long xlstat(const char *p, struct kstat *st) { return SC2(NR_lstat, p, st); }
static long xfstat(long fd, struct kstat *st) { return SC2(NR_fstat, fd, st); }
static long xlseek(long fd, long off, int wh) { return SC3(NR_lseek, fd, off, wh); }
static long xunlink(const char *p) { return SC1(NR_unlink, p); }
static long xmkdir(const char *p, int mode) { return SC2(NR_mkdir, p, mode); }
static long xrmdir(const char *p) { return SC1(NR_rmdir, p); }
static long xfcntl(long fd, int cmd, long arg) { return SC3(NR_fcntl, fd, cmd, arg); }
static void mkfile(const char *p, const char *content) {
  long fd = xopen(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) { out("mkfile %s: %r\n", p, fd); return; }
  xwrite(fd, content, slen(content));
  xclose(fd);
}
static void showstat(const char *label, struct kstat *st) {
  out("%s: mode %o nlink %lu size %ld uid %u gid %u rdev %lx blksize %ld\n", label, st->mode, st->nlink,
      st->size, st->uid, st->gid, st->rdev, st->blksize);
}
static void showfile(const char *p) {
  char b[256];
  long fd = xopen(p, O_RDONLY, 0);
  if (fd < 0) { out("  [%s: %r]\n", p, fd); return; }
  long n = xread(fd, b, sizeof b - 1);
  xclose(fd);
  if (n < 0) { out("  [%s: read %r]\n", p, n); return; }
  b[n] = 0;
  out("  [%s: %ld bytes \"", p, n);
  for (long k = 0; k < n; k++) {
    if (b[k] == '\n') puts_("\\n"); else if (b[k] < 32 || b[k] > 126) { putch('\\'); putu((u8)b[k], 8, 3, '0'); } else putch(b[k]);
  }
  puts_("\"]\n");
}
static long sig_ignore(int sig) {
  u64 act[4] = {1 /* SIG_IGN */, 0, 0, 0};
  return SC4(NR_rt_sigaction, sig, act, 0, 8);
}
#endif
