// mkdir/rmdir/unlink, rename*, symlink/readlink/link, getdents64, chdir/fchdir/getcwd.
#include "t.h"

static char dbuf[4096];
static char names[64][64];
static int types[64], inook[64], nent;

// list a directory with getdents64 (bufsize bytes per call); entries sorted by name
static void listdir(const char *path, int bufsize, int legacy) {
  long fd = xopen(path, O_RDONLY | O_DIRECTORY, 0);
  if (fd < 0) { out("open %s: %r\n", path, fd); return; }
  nent = 0;
  int bad = 0, calls = 0;
  for (;;) {
    long n = SC3(legacy ? NR_getdents : NR_getdents64, fd, dbuf, bufsize);
    calls++;
    if (n < 0) { out("getdents: %r\n", n); break; }
    if (n == 0) break;
    for (long off = 0; off < n;) {
      u64 ino = *(u64 *)(dbuf + off);
      u16 reclen = *(u16 *)(dbuf + off + 16);
      const char *name = legacy ? dbuf + off + 18 : dbuf + off + 19;
      int type = legacy ? dbuf[off + reclen - 1] : dbuf[off + 18];
      u64 want = legacy ? (18 + slen(name) + 2 + 7) & ~7ul : (19 + slen(name) + 1 + 7) & ~7ul;
      if (reclen != want) bad++;
      if (nent < 64) {
        scpy(names[nent], name);
        types[nent] = type;
        struct kstat st;
        long r = SC4(NR_newfstatat, fd, name, &st, AT_SYMLINK_NOFOLLOW);
        inook[nent] = r == 0 && st.ino == ino;
        nent++;
      }
      off += reclen;
    }
  }
  xclose(fd);
  for (int i = 1; i < nent; i++)
    for (int j = i; j > 0; j--) {
      const char *a = names[j - 1], *b = names[j];
      while (*a && *a == *b) a++, b++;
      if ((u8)*a <= (u8)*b) break;
      char t[64]; scpy(t, names[j]); scpy(names[j], names[j - 1]); scpy(names[j - 1], t);
      int x = types[j]; types[j] = types[j - 1]; types[j - 1] = x;
      x = inook[j]; inook[j] = inook[j - 1]; inook[j - 1] = x;
    }
  out("%s (%d entries, bad reclen %d, more than one call %d):", path, nent, bad, calls > 2);
  for (int i = 0; i < nent; i++) out(" %s/%d%s", names[i], types[i], inook[i] ? "" : "!ino");
  out("\n");
}

static long cwdlen0;
static char cwdbuf[4096], cwd0[4096];
static void showcwd(void) {
  long n = SC2(NR_getcwd, cwdbuf, sizeof cwdbuf);
  if (n < 0) { out("getcwd %r\n", n); return; }
  // print it relative to where we started, which differs between runs
  if (n >= cwdlen0 && memcmp(cwdbuf, cwd0, cwdlen0 - 1) == 0) out("getcwd = start+%ld \"%s\"\n", n - cwdlen0, cwdbuf + cwdlen0 - 1);
  else out("getcwd = %ld \"%s\"\n", n, cwdbuf);
}

static int test_main(int argc, char **argv) {
  (void)argc; (void)argv;
  struct kstat st, st2;
  char b[64];
  T(SC1(NR_umask, 022));
  cwdlen0 = SC2(NR_getcwd, cwd0, sizeof cwd0);
  out("getcwd ok %d absolute %d\n", cwdlen0 > 1, cwd0[0] == '/');

  out("-- mkdir, rmdir, unlink\n");
  T(xmkdir("d", 0777)); xstat("d", &st); out("mode %o\n", st.mode);
  T(xmkdir("d", 0777));
  T(xmkdir("d/e", 0700)); xstat("d/e", &st); out("mode %o\n", st.mode);
  T(xmkdir("d/e/", 0700));
  T(xmkdir("x/y/z", 0755));
  T(xmkdir("", 0755));
  T(xmkdir(0, 0755));
  mkfile("f", "file");
  T(xmkdir("f/sub", 0755));
  T(xmkdir("f", 0755));
  T(xmkdir("d/s1", 07777)); xstat("d/s1", &st); out("mode %o\n", st.mode);
  T(SC1(NR_umask, 0));
  T(xmkdir("d/s2", 0777)); xstat("d/s2", &st); out("mode %o\n", st.mode);
  T(SC1(NR_umask, 022));
  long dfd = T(xopen("d", O_RDONLY | O_DIRECTORY, 0));
  T(SC3(NR_mkdirat, dfd, "s3", 0755));
  T(SC3(NR_mkdirat, 999, "s3", 0755));
  T(xstat("d/s3", &st));
  T(xrmdir("d"));
  T(xrmdir("f"));
  T(xrmdir("nothing"));
  T(xrmdir("d/s3/."));
  T(xrmdir("d/s3/.."));
  T(xrmdir(""));
  T(xrmdir("d/s3"));
  T(xrmdir("d/s3"));
  T(xunlink("d"));
  T(xunlink("d/s2"));
  T(xunlink("nothing"));
  T(xunlink(""));
  T(xunlink("f/"));
  T(SC3(NR_unlinkat, dfd, "s2", AT_REMOVEDIR));
  T(SC3(NR_unlinkat, dfd, "s1", 0));
  T(SC3(NR_unlinkat, dfd, "s1", 0x100));
  mkfile("d/g", "g");
  T(SC3(NR_unlinkat, dfd, "g", AT_REMOVEDIR));
  T(SC3(NR_unlinkat, dfd, "g", 0));
  T(SC3(NR_unlinkat, 999, "g", 0));

  out("-- getdents64\n");
  mkfile("d/file1", "1");
  mkfile("d/file2", "22");
  T(SC2(NR_symlink, "file1", "d/link"));
  T(xmkdir("d/subdir", 0755));
  listdir("d", sizeof dbuf, 0);
  listdir("d", 40, 0);
  listdir("d", 40, 1);
  listdir("d/e", sizeof dbuf, 0);
  long fd = T(xopen("d", O_RDONLY | O_DIRECTORY, 0));
  T(SC3(NR_getdents64, fd, dbuf, 10));
  T(SC3(NR_getdents64, fd, dbuf, 24));
  T(SC3(NR_getdents64, fd, (void *)16, 4096));
  long n1 = SC3(NR_getdents64, fd, dbuf, sizeof dbuf);
  T(SC3(NR_getdents64, fd, dbuf, sizeof dbuf));
  T(xlseek(fd, 0, SEEK_SET));
  mkfile("d/late", "late");
  long n2 = SC3(NR_getdents64, fd, dbuf, sizeof dbuf);
  out("after rewind: grew by %ld\n", n2 - n1);
  // seek to a d_off cookie: the next read starts after that entry
  u64 firstoff = *(u64 *)(dbuf + 8);
  u16 firstlen = *(u16 *)(dbuf + 16);
  T(xlseek(fd, firstoff, SEEK_SET) == (long)firstoff);
  long n3 = SC3(NR_getdents64, fd, dbuf, sizeof dbuf);
  out("after seek to d_off: %d\n", n3 == n2 - firstlen);
  T(xclose(fd));
  fd = T(xopen("f", O_RDONLY, 0));
  T(SC3(NR_getdents64, fd, dbuf, sizeof dbuf));
  T(xclose(fd));
  T(SC3(NR_getdents64, 999, dbuf, sizeof dbuf));
  fd = T(xopen("d", O_PATH, 0));
  T(SC3(NR_getdents64, fd, dbuf, sizeof dbuf));
  T(xclose(fd));
  fd = T(xopen("d/subdir", O_RDONLY | O_DIRECTORY, 0));
  T(SC2(NR_rename, "d/subdir", "d/moved"));
  long nm = T(SC3(NR_getdents64, fd, dbuf, sizeof dbuf));
  T(xclose(fd));

  out("-- a directory fd follows its directory\n");
  T(xmkdir("ren", 0755));
  fd = T(xopen("ren", O_RDONLY | O_DIRECTORY, 0));
  T(SC2(NR_rename, "ren", "ren2"));
  long fd2 = T(SC4(NR_openat, fd, "made", O_CREAT | O_WRONLY, 0644));
  T(xwrite(fd2, "made", 4));
  T(xclose(fd2));
  showfile("ren2/made");
  T(SC3(NR_mkdirat, fd, "sub", 0755));
  fd2 = T(SC4(NR_openat, fd, "sub", O_RDONLY | O_DIRECTORY, 0));
  T(xclose(fd));
  T(SC4(NR_newfstatat, fd2, "..", &st, 0));
  T(SC2(NR_symlink, "made", "ren2/sl"));
  fd = T(SC4(NR_openat, fd2, "../sl", O_PATH | O_NOFOLLOW, 0));
  T(xclose(fd2));
  T(SC4(NR_readlinkat, fd, "", b, sizeof b));
  T(xclose(fd));
  listdir("ren2", sizeof dbuf, 0);

  out("-- names that are not UTF-8\n");
  mkfile("\xff\xfe-\x80", "bytes");
  T(xmkdir("dir-\xc3\x28", 0755));
  T(SC2(NR_rename, "\xff\xfe-\x80", "dir-\xc3\x28/\xe9t\xe9"));
  showfile("dir-\xc3\x28/\xe9t\xe9");
  T(SC1(NR_chdir, "dir-\xc3\x28"));
  showcwd();
  T(SC1(NR_chdir, ".."));
  listdir("dir-\xc3\x28", sizeof dbuf, 0);

  out("-- rename\n");
  mkfile("r1", "one");
  mkfile("r2", "two");
  T(SC2(NR_rename, "r1", "r2"));
  showfile("r2");
  T(SC2(NR_rename, "r1", "r3"));
  T(SC2(NR_rename, "r2", "d"));
  T(SC2(NR_rename, "d", "r2"));
  T(xmkdir("empty", 0755));
  T(SC2(NR_rename, "empty", "d/e"));
  T(xstat("d/e", &st));
  T(SC2(NR_rename, "d", "d/e/inside"));
  T(SC2(NR_rename, "d/e", "d/moved"));
  T(SC2(NR_rename, "r2", "r2"));
  T(SC2(NR_rename, "r2", "nodir/r2"));
  T(SC2(NR_rename, "r2", ""));
  T(SC2(NR_rename, "", "r2"));
  T(SC2(NR_rename, "r2/", "r4"));
  T(SC2(NR_rename, ".", "r4"));
  mkfile("r5", "five");
  T(SC4(NR_renameat, AT_FDCWD, "r5", dfd, "r5"));
  showfile("d/r5");
  T(SC5(NR_renameat2, dfd, "r5", AT_FDCWD, "r2", RENAME_NOREPLACE));
  T(SC5(NR_renameat2, dfd, "r5", AT_FDCWD, "r6", RENAME_NOREPLACE));
  T(SC5(NR_renameat2, AT_FDCWD, "nothing", AT_FDCWD, "r2", RENAME_NOREPLACE));
  T(SC5(NR_renameat2, AT_FDCWD, "r6", AT_FDCWD, "r2", RENAME_EXCHANGE));
  showfile("r2"); showfile("r6");
  T(SC5(NR_renameat2, AT_FDCWD, "r6", AT_FDCWD, "r7", RENAME_EXCHANGE));
  T(SC5(NR_renameat2, AT_FDCWD, "r6", AT_FDCWD, "r2", RENAME_EXCHANGE | RENAME_NOREPLACE));
  T(SC5(NR_renameat2, AT_FDCWD, "r6", AT_FDCWD, "r2", 0x100));
  T(SC5(NR_renameat2, AT_FDCWD, "r6", AT_FDCWD, "r8", 0));
  listdir(".", sizeof dbuf, 0);

  out("-- symlink, readlink\n");
  T(SC2(NR_symlink, "r8", "sl"));
  T(SC2(NR_symlink, "r8", "sl"));
  T(SC2(NR_symlink, "", "sl2"));
  T(SC2(NR_symlink, "x", ""));
  T(SC2(NR_symlink, "x", "nodir/sl"));
  T(SC3(NR_symlinkat, "../r8", dfd, "up"));
  showfile("d/up");
  memset(b, 'X', sizeof b);
  T(SC3(NR_readlink, "sl", b, sizeof b)); out("'%s'\n", b[2] == 'X' ? "no NUL" : "NUL?");
  T(SC3(NR_readlink, "sl", b, 1));
  T(SC3(NR_readlink, "sl", b, 0));
  T(SC3(NR_readlink, "sl", b, -1));
  T(SC3(NR_readlink, "r8", b, sizeof b));
  T(SC3(NR_readlink, "nothing", b, sizeof b));
  T(SC3(NR_readlink, "", b, sizeof b));
  T(SC3(NR_readlink, "sl", (void *)16, sizeof b));
  T(SC3(NR_readlink, "sl/", b, sizeof b));
  T(SC4(NR_readlinkat, dfd, "up", b, sizeof b));
  T(SC4(NR_readlinkat, 999, "up", b, sizeof b));
  fd = T(xopen("sl", O_PATH | O_NOFOLLOW, 0));
  T(SC4(NR_readlinkat, fd, "", b, sizeof b));
  T(xclose(fd));
  fd = T(xopen("r8", O_RDONLY, 0));
  T(SC4(NR_readlinkat, fd, "", b, sizeof b));
  T(xclose(fd));
  T(SC4(NR_readlinkat, AT_FDCWD, "", b, sizeof b));

  out("-- link\n");
  T(SC2(NR_link, "r8", "hard"));
  T(xstat("r8", &st)); out("nlink %lu\n", st.nlink);
  T(SC2(NR_link, "r8", "hard"));
  T(SC2(NR_link, "d", "dirlink"));
  T(SC2(NR_link, "nothing", "x"));
  T(SC2(NR_link, "r8", "nodir/x"));
  T(SC2(NR_link, "", "x"));
  T(SC5(NR_linkat, AT_FDCWD, "sl", AT_FDCWD, "hl_nofollow", 0));
  T(xlstat("hl_nofollow", &st)); out("is link %d\n", (st.mode & S_IFMT) == S_IFLNK);
  T(SC5(NR_linkat, AT_FDCWD, "sl", AT_FDCWD, "hl_follow", AT_SYMLINK_FOLLOW));
  T(xlstat("hl_follow", &st)); xstat("r8", &st2); out("is file %d same ino %d nlink %lu\n", (st.mode & S_IFMT) == S_IFREG, st.ino == st2.ino, st2.nlink);
  T(SC5(NR_linkat, AT_FDCWD, "sl", AT_FDCWD, "x", 0x1));
  T(SC5(NR_linkat, dfd, "file1", AT_FDCWD, "viadir", 0));
  showfile("viadir");
  fd = T(xopen("r8", O_RDONLY, 0));
  T(SC5(NR_linkat, fd, "", AT_FDCWD, "byfd", AT_EMPTY_PATH));
  T(xstat("byfd", &st)); xstat("r8", &st2); out("same ino %d\n", st.ino == st2.ino);
  T(SC5(NR_linkat, fd, "", AT_FDCWD, "byfd2", 0));
  T(xclose(fd));
  T(SC2(NR_symlink, "gone", "dangl"));
  T(SC5(NR_linkat, AT_FDCWD, "dangl", AT_FDCWD, "x", AT_SYMLINK_FOLLOW));

  out("-- chdir, fchdir, getcwd\n");
  showcwd();
  T(SC1(NR_chdir, "d"));
  showcwd();
  showfile("file1");
  T(SC1(NR_chdir, "moved/.."));
  showcwd();
  T(SC1(NR_chdir, "../d/./moved"));
  showcwd();
  T(SC1(NR_chdir, ".."));
  T(SC1(NR_chdir, ".."));
  showcwd();
  T(SC1(NR_chdir, "r8"));
  T(SC1(NR_chdir, "nothing"));
  T(SC1(NR_chdir, ""));
  T(SC1(NR_chdir, 0));
  T(SC2(NR_symlink, "d/moved", "tomoved"));
  T(SC1(NR_chdir, "tomoved"));
  showcwd();
  T(SC1(NR_fchdir, dfd));
  showcwd();
  fd = xopen("file1", O_RDONLY, 0);
  T(SC1(NR_fchdir, fd));
  T(xclose(fd));
  T(SC1(NR_fchdir, 999));
  fd = T(xopen("moved", O_PATH, 0));
  T(SC1(NR_fchdir, fd));
  showcwd();
  T(xclose(fd));
  T(SC2(NR_getcwd, b, 1));
  T(SC2(NR_getcwd, b, 0));
  T(SC2(NR_getcwd, (void *)16, 200));
  T(SC1(NR_chdir, "/"));
  showcwd();
  T(SC1(NR_chdir, cwd0));
  showcwd();
  T(xstat("r8", &st));
  T(xmkdir("cw", 0755));
  T(SC1(NR_chdir, "cw"));
  mkfile("inside", "inside");
  T(SC2(NR_rename, "../cw", "../cw2"));
  showcwd();
  showfile("inside");
  T(xmkdir("sub", 0755));
  T(SC1(NR_chdir, "sub"));
  showcwd();
  showfile("../inside");
  T(SC1(NR_chdir, cwd0));
  T(xmkdir("gone", 0755));
  T(SC1(NR_chdir, "gone"));
  T(xrmdir("../gone"));
  T(SC2(NR_getcwd, cwdbuf, sizeof cwdbuf));
  T(xopen("newfile", O_CREAT | O_WRONLY, 0644));
  T(SC1(NR_chdir, cwd0));
  T(xclose(dfd));
  flush();
  return 0;
}
